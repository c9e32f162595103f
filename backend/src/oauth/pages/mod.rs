//! The server-rendered pages of the authorization flow: sign-in, consent and errors. They work
//! without the console's wasm, and are sent with a CSP that allows no script, except the
//! sign-in page's own `passkey.js` (from 'self', never inline), without which it still works.

pub mod consent;
pub mod layout;
pub mod second_factor;
pub mod sign_in;

pub use layout::{cross_site_form, error_page};
