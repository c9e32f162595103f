//! Sudo mode: sensitive actions (a new secret, a reset, deleting an app or an API, changing
//! where an app's sign-ins go, team roles, ending other sessions) need a session whose person
//! proved who they are within the last `--sudo-minutes`, so a session left open or stolen
//! cannot do them. Each session keeps its own time (`sessions.authenticated_at`), set when it
//! starts and when its person re-authenticates (`accounts::reauthenticate`); another
//! session's freshness never counts.
//!
//! A route asks for it with the [`RecentlyAuthenticated`] extractor instead of `CurrentUser`
//! (one word: it derefs to the `CurrentUser`); an operation that needs it only for some
//! changes (an app's redirect URIs and origins) asks [`is_recent`] itself.

use std::ops::Deref;

use super::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// The seconds a sign-in or re-authentication counts for sensitive actions.
pub fn window_seconds(state: &AppState) -> i64 {
    state.config.lifetimes.sudo_minutes * 60
}

/// Whether `user`'s session authenticated within the window.
pub fn is_recent(state: &AppState, user: &CurrentUser) -> bool {
    state.now() - user.authenticated_at < window_seconds(state)
}

/// The refusal a stale session gets: 403 `reauthentication_required`, which the console
/// answers by asking for the password and sending the request again.
pub fn required(state: &AppState) -> AppError {
    AppError::ReauthenticationRequired {
        minutes: state.config.lifetimes.sudo_minutes,
    }
}

/// The window's check (the extractors' in `current_user.rs`): `Err(required)` when the
/// session's authentication is too old.
pub fn ensure_recent(state: &AppState, user: &CurrentUser) -> Result<(), AppError> {
    if is_recent(state, user) {
        Ok(())
    } else {
        Err(required(state))
    }
}

/// A signed-in person whose session authenticated within the window. Refused before the
/// request's body is read: 401 signed out, 403 `forbidden` without the CSRF header, then 403
/// `reauthentication_required` when the session's authentication is too old.
#[derive(Debug, Clone)]
pub struct RecentlyAuthenticated(pub CurrentUser);

impl Deref for RecentlyAuthenticated {
    type Target = CurrentUser;

    fn deref(&self) -> &CurrentUser {
        &self.0
    }
}
