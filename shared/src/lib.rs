//! Types and rules shared by the Clientele console (compiled to wasm) and the server.
//!
//! Every value that crosses a boundary is a newtype whose only constructor validates,
//! so the browser and the server enforce exactly the same rules. Error messages are
//! sentences written for the person filling in the console's forms: the browser shows
//! them verbatim under the field they belong to.

pub mod account;
pub mod api;
pub mod app;
pub mod credentials;
pub mod endpoints;
pub mod field_errors;
pub mod icon;
#[cfg(feature = "openapi")]
mod openapi;
pub mod origin;
pub mod passkey;
pub mod redirect_uri;
pub mod registered_api;
pub mod scope;
pub mod team;
pub mod two_factor;

pub mod url_text;

mod bounded_list;
mod bounded_number;
mod faults_into;
mod hidden_chars;
mod loopback;
mod redacted;
mod shown_name;
mod text_newtype;
