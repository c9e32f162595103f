//! Starting a console session after sign-up or sign-in. Every sign-in path (the console's, the
//! authorization pages', sign-up) ends here once the person is known, so a later second step
//! (a one-time code, a passkey) slots in before `start` without touching the paths themselves.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum_extra::extract::CookieJar;
use shared::api::SessionInfo;
use shared::credentials::random_token;

use super::session_cookie::{session_cookie, SESSION_LIFETIME_SECONDS};
use crate::accounts::account_of;
use crate::client_address::ClientAddress;
use crate::crypto::token_hash;
use crate::error::AppError;
use crate::ids;
use crate::state::AppState;
use crate::store::sessions::NewSession;
use crate::store::users::UserRow;

/// User-Agent characters kept with a session: enough for any real browser's, and a header
/// someone stuffed is stored cut.
pub const MAX_USER_AGENT_CHARS: usize = 256;

/// Where a request comes from: the client address and what the browser says it is (only ever
/// shown to the person, never trusted for anything).
#[derive(Debug, Clone)]
pub struct Arrival {
    pub address: ClientAddress,
    pub user_agent: String,
}

impl Arrival {
    pub fn of(headers: &HeaderMap, address: &ClientAddress) -> Arrival {
        let user_agent = headers
            .get(USER_AGENT)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .unwrap_or_default();
        Arrival {
            address: address.clone(),
            user_agent: user_agent.chars().take(MAX_USER_AGENT_CHARS).collect(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Arrival {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let address = ClientAddress::from_request_parts(parts, state).await?;
        Ok(Arrival::of(&parts.headers, &address))
    }
}

/// Stores a new session for `user` and adds its cookie to `jar`.
pub async fn start(
    state: &AppState,
    jar: CookieJar,
    user: UserRow,
    arrival: &Arrival,
) -> Result<(CookieJar, SessionInfo), AppError> {
    // Under the administrator's policy, someone without a second factor may only set one up.
    let setup_only =
        crate::accounts::two_factor::policy::setup_only(&state.store, &user.id).await?;
    let token = random_token("ses_");
    let csrf_token = random_token("csrf_");
    let now = state.now();
    state
        .store
        .insert_session(&NewSession {
            token_hash: &token_hash(&token),
            id: &ids::new_id("sid"),
            user_id: &user.id,
            csrf_token: &csrf_token,
            user_agent: &arrival.user_agent,
            address: &arrival.address.0,
            created_at: now,
            expires_at: now + SESSION_LIFETIME_SECONDS,
            setup_only,
        })
        .await?;
    let jar = jar.add(session_cookie(token, state.config.secure_cookies()));
    Ok((
        jar,
        SessionInfo {
            account: account_of(user),
            csrf_token,
            second_factor_setup_required: setup_only,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stuffed_user_agent_is_kept_cut_to_its_bound() {
        let mut headers = HeaderMap::new();
        let huge = "é".repeat(10_000);
        headers.insert(USER_AGENT, huge.parse().unwrap());
        let arrival = Arrival::of(&headers, &ClientAddress("10.0.0.1".into()));
        assert_eq!(arrival.user_agent.chars().count(), MAX_USER_AGENT_CHARS);
        let none = Arrival::of(&HeaderMap::new(), &ClientAddress("10.0.0.1".into()));
        assert_eq!(none.user_agent, "");
    }
}
