//! Clientele: an OAuth 2.0 / OpenID Connect authorization server with a developer console.
//!
//! `main.rs` only parses the command line; everything else lives in this library so the
//! end-to-end tests can start the real server in-process on port 0.

pub mod accounts;
pub mod apis;
pub mod apps;
pub mod audit;
pub mod audit_export;
pub mod auth;
pub mod cli;
pub mod client_address;
pub mod client_documents;
pub mod clock;
pub mod commands;
pub mod config;
pub mod connections;
pub mod crypto;
pub mod cursor;
pub mod error;
pub mod housekeeping;
pub mod ids;
pub mod keys;
pub mod mail;
pub mod media_type;
pub mod metrics;
pub mod oauth;
pub mod outbound;
pub mod passkeys;
pub mod password;
pub mod password_strength;
pub mod routes;
pub mod server;
pub mod state;
pub mod store;
pub mod teams;
pub mod telemetry;
