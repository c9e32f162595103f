//! The `CurrentUser` extractor: a live session, and for state-changing requests the session's
//! CSRF token in the `X-CSRF-Token` header.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use axum_extra::extract::CookieJar;

use super::session_cookie::SESSION_COOKIE;
use super::CSRF_HEADER;
use crate::client_address::ClientAddress;
use crate::crypto::{constant_time_eq, token_hash};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::sessions::{SessionWithUser, LAST_SEEN_EVERY_SECONDS};
use crate::store::users::UserRow;

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: UserRow,
    pub csrf_token: String,
    /// The hash of the session token, to end this session on sign-out.
    pub session_hash: String,
    /// The session's public id (what the person's list of sessions shows).
    pub session_id: String,
    /// When this session's person last proved who they are (sudo mode, `auth::sudo`).
    pub authenticated_at: i64,
    /// The session's browser (its User-Agent when it started), for the account's log.
    pub user_agent: String,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.user.is_admin
    }
}

/// What a route asks of the person calling it, beyond a live session and, for a
/// state-changing request, its CSRF token.
#[derive(Debug, Clone, Copy, Default)]
struct Asks {
    /// A setup-only session passes too (the administrator requires a second factor and this
    /// person has none yet).
    setup_only_ok: bool,
    /// An administrator.
    admin: bool,
    /// The session's person proved who they are within the sudo window (`auth::sudo`).
    recent: bool,
}

/// The person calling, when they meet `asks`: the one check behind every extractor here,
/// refusing in this order: 401 signed out, 403 without the CSRF header, 403
/// `second_factor_setup_required`, 403 for a non-administrator, 403
/// `reauthentication_required`.
async fn person(parts: &mut Parts, state: &AppState, asks: Asks) -> Result<CurrentUser, AppError> {
    let (user, setup_only) = signed_in(parts, state).await?;
    if setup_only && !asks.setup_only_ok {
        return Err(AppError::SecondFactorSetupRequired);
    }
    if asks.admin && !user.is_admin() {
        return Err(AppError::Forbidden(
            "Only administrators can do this. Ask one of this server's administrators.",
        ));
    }
    if asks.recent {
        super::sudo::ensure_recent(state, &user)?;
    }
    Ok(user)
}

/// An extractor for the person calling, with what it asks: `$wrap` builds it from the
/// `CurrentUser`. Its rejection comes before the request's body is read.
macro_rules! person_extractor {
    ($name:ty, $wrap:expr, $asks:expr) => {
        impl FromRequestParts<AppState> for $name {
            type Rejection = AppError;

            async fn from_request_parts(
                parts: &mut Parts,
                state: &AppState,
            ) -> Result<Self, Self::Rejection> {
                person(parts, state, $asks).await.map($wrap)
            }
        }
    };
}

// Anyone signed in whose session is not setup-only: what most routes take.
person_extractor!(CurrentUser, |user| user, Asks::default());

/// Anyone signed in, a setup-only session too (the administrator requires a second factor and
/// this person has none yet): for the few routes such a session may use (setting up a factor,
/// signing out). Every other route takes [`CurrentUser`], which answers 403
/// `second_factor_setup_required` to such a session.
#[derive(Debug, Clone)]
pub struct SettingUpSecondFactor(pub CurrentUser);

person_extractor!(
    SettingUpSecondFactor,
    SettingUpSecondFactor,
    Asks {
        setup_only_ok: true,
        ..Asks::default()
    }
);

person_extractor!(
    super::RecentlyAuthenticated,
    super::RecentlyAuthenticated,
    Asks {
        recent: true,
        ..Asks::default()
    }
);

/// A setup-only session too, whose person proved who they are within the sudo window: for
/// adding a factor (an authenticator app, a passkey), which a stolen session must not do to
/// lock its owner out. A setup-only session has just signed in, so it passes unless it
/// waited long.
#[derive(Debug, Clone)]
pub struct RecentlySettingUp(pub CurrentUser);

person_extractor!(
    RecentlySettingUp,
    RecentlySettingUp,
    Asks {
        setup_only_ok: true,
        recent: true,
        ..Asks::default()
    }
);

/// The live session with its CSRF check; whether it is setup-only.
async fn signed_in(parts: &mut Parts, state: &AppState) -> Result<(CurrentUser, bool), AppError> {
    let (session, session_hash) = session_of(state, &parts.headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;

    if !is_safe(&parts.method) {
        let presented = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        if !constant_time_eq(presented, &session.csrf_token) {
            return Err(AppError::Forbidden(
                "This request is missing its CSRF token. Reload the page and try again.",
            ));
        }
    }
    let address = ClientAddress::from_request_parts(parts, state)
        .await
        .unwrap_or_else(|never| match never {});
    seen(state, &session, &session_hash, &address).await?;
    Ok((
        CurrentUser {
            user: session.user,
            csrf_token: session.csrf_token,
            session_hash,
            session_id: session.id,
            authenticated_at: session.authenticated_at,
            user_agent: session.user_agent,
        },
        session.setup_only,
    ))
}

/// A signed-in administrator: every other signed-in person gets 403 (and nobody signed in 401)
/// before the request's body is even read.
#[derive(Debug, Clone)]
pub struct Administrator(pub CurrentUser);

person_extractor!(
    Administrator,
    Administrator,
    Asks {
        admin: true,
        ..Asks::default()
    }
);

/// The live session named by the request's cookie, with its token hash.
pub async fn session_of(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<(SessionWithUser, String)>, AppError> {
    let jar = CookieJar::from_headers(headers);
    let Some(token) = jar
        .get(SESSION_COOKIE)
        .map(|cookie| cookie.value().to_owned())
    else {
        return Ok(None);
    };
    let session_hash = token_hash(&token);
    Ok(state
        .store
        .live_session(&session_hash, state.now())
        .await?
        .map(|session| (session, session_hash)))
}

/// Notes when and from where the session was last seen: a write at most once a minute per
/// session (`store::sessions::LAST_SEEN_EVERY_SECONDS`), not one per request.
pub async fn seen(
    state: &AppState,
    session: &SessionWithUser,
    session_hash: &str,
    address: &ClientAddress,
) -> Result<(), AppError> {
    let now = state.now();
    if now - session.last_seen_at >= LAST_SEEN_EVERY_SECONDS {
        state
            .store
            .touch_session(session_hash, &address.0, now)
            .await?;
    }
    Ok(())
}

/// RFC 9110 section 9.2.1: safe methods do not change state, so they need no CSRF token.
pub fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}
