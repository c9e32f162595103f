//! Who is signed in, shared by every page through a context.
//!
//! The session lives in an HttpOnly cookie the console cannot see, so it asks the server
//! (`GET /api/v1/session`, which answers `null` when nobody is signed in).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{Account, SessionInfo};

use crate::api::{self, ApiFailure};

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    Checking,
    SignedOut,
    SignedIn(SessionInfo),
    /// The server could not say (network failure): shown with a way to retry.
    Failed(ApiFailure),
}

#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
}

impl Session {
    pub fn account(&self) -> Option<Account> {
        self.state.with(|state| match state {
            SessionState::SignedIn(info) => Some(info.account.clone()),
            _ => None,
        })
    }

    /// The administrator requires a second factor and this person has none yet: the console
    /// shows only the account page, where they set one up.
    pub fn setup_required(&self) -> bool {
        self.state.with(|state| {
            matches!(state, SessionState::SignedIn(info) if info.second_factor_setup_required)
        })
    }

    /// A second factor is on now: the session is an ordinary one (the server freed it). The
    /// page stays as it is (the recovery codes it shows once stay shown).
    pub fn second_factor_set_up(&self) {
        self.state.update(|state| {
            if let SessionState::SignedIn(info) = state {
                info.second_factor_setup_required = false;
            }
        });
    }

    pub fn is_admin(&self) -> bool {
        self.account().is_some_and(|account| account.is_admin)
    }

    pub fn signed_in(&self, info: SessionInfo) {
        self.state.set(SessionState::SignedIn(info));
    }

    pub fn signed_out(&self) {
        self.state.set(SessionState::SignedOut);
    }

    /// Asks the server who is signed in (again, after a failure).
    pub fn check(&self) {
        let state = self.state;
        state.set(SessionState::Checking);
        spawn_local(async move {
            match api::current_session().await {
                Ok(Some(info)) => state.set(SessionState::SignedIn(info)),
                Ok(None) => state.set(SessionState::SignedOut),
                Err(failure) => state.set(SessionState::Failed(failure)),
            }
        });
    }
}

/// Creates the session context at the root of the app and starts checking it.
pub fn provide_session() {
    // The page may have said already (`api::first_screen_session`): no request, no "Checking".
    let first = api::first_screen_session();
    let session = Session {
        state: RwSignal::new(match &first {
            Some(Some(info)) => SessionState::SignedIn(info.clone()),
            Some(None) => SessionState::SignedOut,
            None => SessionState::Checking,
        }),
    };
    api::on_signed_out(move || session.signed_out());
    if first.is_none() {
        session.check();
    }
    provide_context(session);
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
