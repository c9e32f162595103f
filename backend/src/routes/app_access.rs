//! `AppAccess`: the extractor of the `/apps/{client_id}/…` routes. It checks the person's
//! session (`U`: `CurrentUser`, or `RecentlyAuthenticated` where sudo mode applies), loads the
//! app of the path once and checks the person may see it (`SeenApp`) or change it
//! (`ChangedApp`, `apps::access`), and keeps where the request came from for the change's
//! audit entry. Someone who may not see the app gets the same 404 as for no app at all.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::Deserialize;

use super::url_parts::ApiPath;
use crate::apps::access::app_for;
use crate::apps::change::Change;
use crate::auth::{CurrentUser, RecentlyAuthenticated};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::apps::AppRow;
use crate::teams::access::Need;

/// The app of the path, for a person allowed to change it (`WRITE`) or to see it.
pub struct AppAccess<U, const WRITE: bool> {
    pub state: AppState,
    pub user: U,
    pub app: AppRow,
    address: ClientAddress,
}

/// The app, for a person who may change it.
pub type ChangedApp<U = CurrentUser> = AppAccess<U, true>;
/// The app, for a person who may see it.
pub type SeenApp = AppAccess<CurrentUser, false>;

/// The person of an extractor that stands for a signed-in person.
pub trait Person: FromRequestParts<AppState, Rejection = AppError> + Send {
    fn person(&self) -> &CurrentUser;
}

impl Person for CurrentUser {
    fn person(&self) -> &CurrentUser {
        self
    }
}

impl Person for RecentlyAuthenticated {
    fn person(&self) -> &CurrentUser {
        self
    }
}

/// The path parameter every `/apps/{client_id}/…` route has (others, like a secret's id, are
/// read by the route).
#[derive(Debug, Deserialize)]
struct AppPathParameter {
    client_id: String,
}

impl<U: Person, const WRITE: bool> FromRequestParts<AppState> for AppAccess<U, WRITE> {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = U::from_request_parts(parts, state).await?;
        let address = ClientAddress::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        let ApiPath(AppPathParameter { client_id }) =
            ApiPath::from_request_parts(parts, state).await?;
        let need = if WRITE { Need::ReadWrite } else { Need::Read };
        let app = app_for(state, user.person(), &client_id, need).await?;
        Ok(AppAccess {
            state: state.clone(),
            user,
            app,
            address,
        })
    }
}

impl<U: Person, const WRITE: bool> AppAccess<U, WRITE> {
    /// The change this person makes, for the `apps` operations.
    pub fn change(&self) -> Change<'_> {
        Change::by_user(&self.state, self.user.person(), &self.address)
    }
}
