//! Conversions between the shared API types and stored rows.

use serde::de::DeserializeOwned;
use shared::api::{AppDetail, AppSettings, AppSummary};
use shared::app::{ClientType, GrantType, IdTokenAlg, TokenFormat};
use shared::scope::ScopeSet;

use crate::store::apps::{AppFields, AppRow};

/// The row values for validated settings.
pub fn fields_of(settings: &AppSettings) -> AppFields {
    AppFields {
        name: settings.name.as_str().to_owned(),
        website: settings.website.as_str().to_owned(),
        description: settings.description.as_str().to_owned(),
        client_type: settings.client_type.as_str().to_owned(),
        redirect_uris: json_list(settings.redirect_uris.iter().map(|uri| uri.as_str())),
        allowed_origins: json_list(
            settings
                .allowed_origins
                .iter()
                .map(|origin| origin.as_str()),
        ),
        scopes: settings.scopes.to_canonical_string(),
        grant_types: json_list(settings.grant_types.iter().map(GrantType::as_str)),
        privacy_policy_url: settings.privacy_policy_url.as_str().to_owned(),
        terms_url: settings.terms_url.as_str().to_owned(),
        token_format: settings.token_format.as_str().to_owned(),
        id_token_alg: settings.id_token_alg.as_str().to_owned(),
    }
}

fn json_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    serde_json::to_string(&items.collect::<Vec<_>>()).unwrap_or_else(|_| "[]".to_owned())
}

/// Parses a stored value written by `fields_of`. Rows are only written from validated
/// settings, so a failure here means the database was edited by hand.
fn stored<T: DeserializeOwned>(json: &str, what: &str) -> anyhow::Result<T> {
    serde_json::from_str(json).map_err(|err| anyhow::anyhow!("stored {what} is unreadable: {err}"))
}

fn stored_enum<T: DeserializeOwned>(text: &str, what: &str) -> anyhow::Result<T> {
    stored(
        &serde_json::Value::String(text.to_owned()).to_string(),
        what,
    )
}

pub fn client_type_of(row: &AppRow) -> anyhow::Result<ClientType> {
    stored_enum(&row.client_type, "client type")
}

pub fn token_format_of(row: &AppRow) -> anyhow::Result<TokenFormat> {
    stored_enum(&row.token_format, "token format")
}

pub fn id_token_alg_of(row: &AppRow) -> anyhow::Result<IdTokenAlg> {
    IdTokenAlg::from_name(&row.id_token_alg)
        .ok_or_else(|| anyhow::anyhow!("stored ID token algorithm is unknown"))
}

pub fn scopes_of(row: &AppRow) -> anyhow::Result<ScopeSet> {
    row.scopes
        .parse()
        .map_err(|err| anyhow::anyhow!("stored scopes are unreadable: {err}"))
}

pub fn redirect_uris_of(row: &AppRow) -> anyhow::Result<Vec<String>> {
    stored(&row.redirect_uris, "redirect URIs")
}

pub fn icon_url(row: &AppRow) -> Option<String> {
    row.icon_version
        .map(|version| format!("/api/v1/apps/{}/icon?v={version}", row.client_id))
}

pub fn detail_of(row: &AppRow) -> anyhow::Result<AppDetail> {
    Ok(AppDetail {
        client_id: row.client_id.clone(),
        name: row.name.clone(),
        website: row.website.clone(),
        description: row.description.clone(),
        icon_url: icon_url(row),
        client_type: client_type_of(row)?,
        redirect_uris: redirect_uris_of(row)?,
        allowed_origins: stored(&row.allowed_origins, "allowed origins")?,
        scopes: scopes_of(row)?,
        grant_types: stored::<Vec<GrantType>>(&row.grant_types, "grant types")?,
        privacy_policy_url: row.privacy_policy_url.clone(),
        terms_url: row.terms_url.clone(),
        token_format: token_format_of(row)?,
        id_token_alg: id_token_alg_of(row)?,
        created_at: row.created_at,
        updated_at: row.updated_at,
        owner_email: row.owner_email.clone(),
        disabled: row.disabled,
    })
}

pub fn summary_of(row: &AppRow) -> anyhow::Result<AppSummary> {
    Ok(AppSummary {
        client_id: row.client_id.clone(),
        name: row.name.clone(),
        icon_url: icon_url(row),
        client_type: client_type_of(row)?,
        redirect_uri_count: redirect_uris_of(row)?.len() as u32,
        scopes: scopes_of(row)?,
        created_at: row.created_at,
        owner_email: row.owner_email.clone(),
        disabled: row.disabled,
    })
}
