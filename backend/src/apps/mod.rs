//! Registered apps: their lifecycle (registration, changes, secrets; each operation in
//! one place for the API and the command line), turning settings into rows and rows into API
//! responses, icon rendering, and who may see which app.

pub mod access;
pub mod change;
pub mod changes;
pub mod client_cache;
pub mod icons;
pub mod lifecycle;
pub mod new_secret;
pub mod registration;
pub mod secret_use;
pub mod secret_views;
pub mod secrets;
pub mod self_registered;
pub mod transfer;
pub mod views;
