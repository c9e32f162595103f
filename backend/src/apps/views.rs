//! Stored apps as the console API shows them (the store decodes the columns; see
//! `store/columns.rs`).

use shared::api::{AppDetail, AppSummary};

use crate::store::apps::AppRow;

pub fn icon_url(row: &AppRow) -> Option<String> {
    row.icon_version
        .map(|version| format!("/api/v1/apps/{}/icon?v={version}", row.client_id))
}

/// The app as someone who may change it sees it: the answer to their own change, the command
/// line. A reader's view is `seen_by`.
pub fn detail_of(row: &AppRow) -> AppDetail {
    seen_by(row, true)
}

/// The app as a person sees it who may (`may_change`) or may not change it (a team's viewer),
/// as `teams::access` decided.
pub fn seen_by(row: &AppRow, may_change: bool) -> AppDetail {
    AppDetail {
        client_id: row.client_id.clone(),
        name: row.name.clone(),
        website: row.website.clone(),
        description: row.description.clone(),
        icon_url: icon_url(row),
        client_type: row.client_type,
        redirect_uris: row.redirect_uris.clone().into(),
        allowed_origins: row.allowed_origins.clone().into(),
        scopes: row.scopes.clone(),
        grant_types: row.grant_types.clone(),
        privacy_policy_url: row.privacy_policy_url.clone(),
        terms_url: row.terms_url.clone(),
        token_format: row.token_format,
        id_token_alg: row.id_token_alg,
        created_at: row.created_at,
        updated_at: row.updated_at,
        owner_email: row.owner_email.clone(),
        disabled: row.disabled,
        team: row.owner.team_slug().cloned(),
        may_change,
    }
}

pub fn summary_of(row: &AppRow) -> AppSummary {
    AppSummary {
        client_id: row.client_id.clone(),
        name: row.name.clone(),
        icon_url: icon_url(row),
        client_type: row.client_type,
        redirect_uri_count: row.redirect_uris.len() as u32,
        scopes: row.scopes.clone(),
        created_at: row.created_at,
        owner_email: row.owner_email.clone(),
        disabled: row.disabled,
        team: row.owner.team_slug().cloned(),
    }
}
