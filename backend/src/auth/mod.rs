//! Who is calling the console API: session cookies, CSRF defence and sign-in throttling.

pub mod current_user;
pub mod origin_check;
pub mod session_cookie;
pub mod sessions;
pub mod sign_in;
pub mod sign_in_limiter;
pub mod sign_up_limiter;
pub mod sudo;

pub use current_user::{Administrator, CurrentUser, RecentlySettingUp, SettingUpSecondFactor};
pub use sudo::RecentlyAuthenticated;

/// The header the console sends with every state-changing request. A cross-site form cannot
/// set a custom header, and a cross-site script cannot read the token to put in it.
pub const CSRF_HEADER: &str = "x-csrf-token";
