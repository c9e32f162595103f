//! APIs (resource servers): the server's built-in API and those developers register. Tokens
//! name them as their audience (RFC 8707); their scopes are `NAME:read` / `NAME:write` for each
//! of their resources, unique across all APIs.
//!
//! - `catalogue.rs`: every API at once, as the OAuth endpoints and the console read it (cached
//!   briefly in memory, like clients), and the visibility rule (whose apps may use which API).
//! - `registration.rs`: creating and deleting an API, one home for the console and the CLI.
//! - `transfer.rs`: moving an API between a person and a team (console and CLI).
//! - `built_in.rs`: the built-in API's visibility, which administrators change.
//! - `views.rs`: APIs as the console API shows them, and their RFC 9728 metadata.

pub mod built_in;
pub mod catalogue;
pub mod registration;
pub mod transfer;
pub mod views;

pub use catalogue::{ApiCache, Catalogue, BUILT_IN_ID};
