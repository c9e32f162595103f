//! Pieces of pages: `ui` holds generic ones (fields, confirmations, status lines) that know
//! nothing of apps; the other folders hold one feature each.

pub mod account;
pub mod admin;
pub mod apis;
pub mod apps;
pub mod connections;
pub mod secrets;
pub mod shell;
pub mod teams;
pub mod ui;
