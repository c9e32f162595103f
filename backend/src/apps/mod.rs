//! Registered apps: turning validated settings into rows and rows into API responses, icon
//! rendering, and who may see which app.

pub mod access;
pub mod changes;
pub mod client_cache;
pub mod icons;
pub mod records;
pub mod registration;
pub mod secret_use;
pub mod secrets;
