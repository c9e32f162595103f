//! Everything about one registered app: its form, its pages' parts and its snippets.

pub mod audit_log;
pub mod created;
pub mod delete;
pub mod form;
pub mod icon;
pub mod integration;
pub mod redirect_tester;
pub mod reset;
pub mod route;
pub mod row;
pub mod settings_overview;
pub mod snippets;
