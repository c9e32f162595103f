//! APIs (resource servers): the built-in one and those developers register, each with the
//! RFC 9728 document its own server should publish. Part of `api`: the same typed helpers,
//! the same CSRF header.

use gloo_net::http::Request;
use shared::api::{ApiView, CreatedApi, NewApiOwnerRequest, ProtectedResourceMetadata};
use shared::registered_api::ApiDraft;
use shared::team::TeamSlug;

use super::{delete, get, segment, send, url, ApiFailure, Whose};

/// The built-in API first, then every API the signed-in developer's apps may use.
pub async fn apis() -> Result<Vec<ApiView>, ApiFailure> {
    get("/apis").await
}

/// The APIs of the list's choice: all those above (`Seen`), the person's own, or one team's.
pub async fn apis_of(whose: &Whose) -> Result<Vec<ApiView>, ApiFailure> {
    let mut params = url::form_urlencoded::Serializer::new(String::new());
    whose.append_to(&mut params);
    match params.finish() {
        query if query.is_empty() => apis().await,
        query => get(&format!("/apis?{query}")).await,
    }
}

/// Registers an API; the answer carries its introspection secret this once.
pub async fn create_api(draft: &ApiDraft) -> Result<CreatedApi, ApiFailure> {
    send(Request::post(&url("/apis")), Some(draft)).await
}

pub async fn api(id: &str) -> Result<ApiView, ApiFailure> {
    get(&api_path(id)).await
}

/// Moves an API into a team (`Some`), or to the person asking (`None`).
pub async fn move_api(id: &str, team: Option<TeamSlug>) -> Result<ApiView, ApiFailure> {
    let path = format!("{}/owner", api_path(id));
    send(
        Request::put(&url(&path)),
        Some(&NewApiOwnerRequest { team }),
    )
    .await
}

pub async fn delete_api(id: &str) -> Result<(), ApiFailure> {
    delete(&api_path(id)).await
}

/// The protected resource metadata (RFC 9728) for the API's server to publish.
pub async fn api_metadata(id: &str) -> Result<ProtectedResourceMetadata, ApiFailure> {
    get(&format!("{}/metadata", api_path(id))).await
}

fn api_path(id: &str) -> String {
    format!("/apis/{}", segment(id))
}
