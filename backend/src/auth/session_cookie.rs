//! The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
//! subrequests), Secure when the public URL is https, scoped to the whole site.

use axum_extra::extract::cookie::{Cookie, SameSite};

pub const SESSION_COOKIE: &str = "clientele_session";
/// Sessions end a week after sign-in.
pub const SESSION_LIFETIME_SECONDS: i64 = 7 * 24 * 60 * 60;

pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time::Duration::seconds(SESSION_LIFETIME_SECONDS))
        .build()
}

pub fn expired_session_cookie(secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time::Duration::ZERO)
        .build()
}
