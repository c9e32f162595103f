//! The administrators' console (`/admin`): initial access tokens, self-registered clients and
//! the built-in API's visibility. The route table wraps every page in `RequireAdmin`.

pub mod built_in;
pub mod client_row;
pub mod mint_token;
pub mod require_admin;
pub mod token_row;
pub mod two_factor_policy;
