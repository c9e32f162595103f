//! What describes a registered app (an OAuth client): its name and links, what kind of
//! client it is, which grants it may use and what its access tokens look like.

mod grants;
mod kinds;
mod text;
mod web_url;

pub use grants::{GrantType, GrantTypes, PUBLIC_CLIENT_CREDENTIALS};
pub use kinds::{ClientType, IdTokenAlg, TokenFormat};
pub use text::{AppName, AppNameError, Description, DescriptionError};
pub use web_url::{WebUrl, WebUrlError};
