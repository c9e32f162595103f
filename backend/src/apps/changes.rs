//! The settings an edit changed, with their values before and after, for the audit log.

use shared::api::{AppDetail, FieldChange};

/// Every setting that differs between `before` and `after`, in form order.
pub fn changes(before: &AppDetail, after: &AppDetail) -> Vec<FieldChange> {
    let fields: [(&str, String, String); 13] = [
        ("name", before.name.clone(), after.name.clone()),
        ("website", before.website.clone(), after.website.clone()),
        (
            "description",
            before.description.clone(),
            after.description.clone(),
        ),
        (
            "icon",
            before.icon_url.clone().unwrap_or_default(),
            after.icon_url.clone().unwrap_or_default(),
        ),
        (
            "redirect_uris",
            before.redirect_uris.join(" "),
            after.redirect_uris.join(" "),
        ),
        (
            "allowed_origins",
            before.allowed_origins.join(" "),
            after.allowed_origins.join(" "),
        ),
        (
            "scopes",
            before.scopes.to_canonical_string(),
            after.scopes.to_canonical_string(),
        ),
        ("grant_types", grants(before), grants(after)),
        (
            "privacy_policy_url",
            before.privacy_policy_url.clone(),
            after.privacy_policy_url.clone(),
        ),
        (
            "terms_url",
            before.terms_url.clone(),
            after.terms_url.clone(),
        ),
        (
            "token_format",
            before.token_format.as_str().to_owned(),
            after.token_format.as_str().to_owned(),
        ),
        (
            "id_token_alg",
            before.id_token_alg.as_str().to_owned(),
            after.id_token_alg.as_str().to_owned(),
        ),
        (
            "client_type",
            before.client_type.as_str().to_owned(),
            after.client_type.as_str().to_owned(),
        ),
    ];
    fields
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, before, after)| FieldChange {
            field: field.to_owned(),
            before,
            after,
        })
        .collect()
}

fn grants(app: &AppDetail) -> String {
    app.grant_types
        .iter()
        .map(|grant| grant.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
