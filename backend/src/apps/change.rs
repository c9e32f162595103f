//! What every change to an app shares: who makes it, when, the client cache to forget the app
//! in, and the domain error each operation returns (routes and commands map it to their own
//! answers: `AppError` for the console API, a message for the command line).

use shared::field_errors::FieldErrors;

use super::client_cache::ClientCache;
use crate::audit::{self, Actor};
use crate::auth::{sudo, CurrentUser};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::Store;

/// The fixed parts of one change: the operations take it instead of an `AppState`, so the
/// command line (no server, no cache) calls the same ones.
pub struct Change<'a> {
    pub store: &'a Store,
    /// The server's cache of clients; `None` at the command line, whose process has none (a
    /// running server notices on its own: see `client_cache.rs`).
    pub clients: Option<&'a ClientCache>,
    pub actor: Actor,
    pub now: i64,
    /// Whether the acting person authenticated recently (sudo mode, `auth::sudo`): the
    /// operations that need it only for some changes (an app's redirect URIs) ask here.
    /// Clients and operators have no session, so theirs is always recent.
    pub authentication: Authentication,
}

/// How recently the person making a change proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authentication {
    Recent,
    /// Longer ago than the window of this many minutes.
    TooOld {
        minutes: i64,
    },
}

impl<'a> Change<'a> {
    /// A change a console user makes through the API.
    pub fn by_user(state: &'a AppState, user: &CurrentUser, address: &ClientAddress) -> Self {
        Change {
            store: &state.store,
            clients: Some(&state.clients),
            actor: Actor::user(user, address),
            now: state.now(),
            authentication: if sudo::is_recent(state, user) {
                Authentication::Recent
            } else {
                Authentication::TooOld {
                    minutes: state.config.lifetimes.sudo_minutes,
                }
            },
        }
    }

    /// A change the server makes on a client's own say (its registration request, its metadata
    /// document), recorded under `source` as the actor and the client's address when known.
    pub fn by_client(state: &'a AppState, source: &str, ip: Option<String>) -> Self {
        Change {
            store: &state.store,
            clients: Some(&state.clients),
            actor: Actor {
                id: None,
                email: Some(source.to_owned()),
                ip,
                user_agent: None,
            },
            now: state.now(),
            authentication: Authentication::Recent,
        }
    }

    /// A change an operator makes with a `clientele` command.
    pub fn command_line(store: &'a Store, now: i64) -> Self {
        Change {
            store,
            clients: None,
            actor: Actor::command_line(),
            now,
            authentication: Authentication::Recent,
        }
    }

    /// Forgets the app's cached client, so the token endpoint sees the change at once.
    pub fn forget(&self, client_id: &str) {
        if let Some(clients) = self.clients {
            clients.invalidate(client_id);
        }
    }

    pub async fn audit(
        &self,
        client_id: &str,
        event: shared::api::AuditEvent,
    ) -> Result<(), ChangeError> {
        Ok(audit::record_as(self.store, self.now, client_id, &self.actor, event).await?)
    }
}

/// Why a change to an app did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    #[error("no app has this client id")]
    NotFound,
    /// Some settings (or the icon) break the rules; per field, as the console shows them.
    #[error("some fields are invalid")]
    Invalid(FieldErrors),
    #[error("the client type cannot change after registration")]
    ClientTypeFixed,
    #[error("public apps have no client secrets")]
    PublicHasNoSecrets,
    #[error("the app already has the most active secrets it may have")]
    TooManySecrets,
    #[error("the secret is already revoked")]
    AlreadyRevoked,
    /// Taken over (by another administrator, at the same moment) since the page was loaded.
    #[error("the client is no longer self-registered")]
    NoLongerSelfRegistered,
    #[error("the app already belongs there")]
    SameOwner,
    /// The change needs a recent authentication (sudo mode) and the person's is older than
    /// this many minutes.
    #[error("a recent authentication is required")]
    ReauthenticationRequired { minutes: i64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

crate::error::store_errors_are_internal!(ChangeError);

impl From<ChangeError> for AppError {
    fn from(err: ChangeError) -> Self {
        match err {
            ChangeError::NotFound => AppError::NotFound,
            ChangeError::Invalid(fields) => AppError::Validation(fields),
            ChangeError::ClientTypeFixed => AppError::field(
                "client_type",
                "The client type cannot change after registration. Register a new app instead.",
            ),
            ChangeError::PublicHasNoSecrets => {
                AppError::BadRequest("Public apps use PKCE and have no client secrets.".into())
            }
            ChangeError::TooManySecrets => AppError::Conflict {
                field: None,
                message: format!(
                    "This app already has {} active secrets. Revoke one before generating another.",
                    super::secret_views::MAX_ACTIVE_SECRETS
                ),
            },
            ChangeError::AlreadyRevoked => AppError::Conflict {
                field: None,
                message: "This secret is already revoked; nothing changed.".into(),
            },
            ChangeError::NoLongerSelfRegistered => AppError::Conflict {
                field: None,
                message: "This client was already taken over; nothing changed.".into(),
            },
            ChangeError::SameOwner => AppError::Conflict {
                field: Some("team"),
                message: "The app already belongs there; nothing changed.".into(),
            },
            ChangeError::ReauthenticationRequired { minutes } => {
                AppError::ReauthenticationRequired { minutes }
            }
            ChangeError::Internal(err) => AppError::Internal(err),
        }
    }
}
