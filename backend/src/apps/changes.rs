//! The settings an edit changed, with their values before and after, for the audit log.

use shared::api::{AppDetail, FieldChange};

/// Every setting that differs between `before` and `after`, in form order.
pub fn changes(before: &AppDetail, after: &AppDetail) -> Vec<FieldChange> {
    settings(before)
        .into_iter()
        .zip(settings(after))
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, before), (_, after))| FieldChange {
            field: field.to_owned(),
            before,
            after,
        })
        .collect()
}

/// Each setting of `app` as the audit log shows it, in form order.
fn settings(app: &AppDetail) -> [(&'static str, String); 13] {
    [
        ("name", app.name.clone()),
        ("website", app.website.clone()),
        ("description", app.description.clone()),
        ("icon", app.icon_url.clone().unwrap_or_default()),
        ("redirect_uris", app.redirect_uris.join(" ")),
        ("allowed_origins", app.allowed_origins.join(" ")),
        ("scopes", app.scopes.to_canonical_string()),
        ("grant_types", grants(app)),
        ("privacy_policy_url", app.privacy_policy_url.clone()),
        ("terms_url", app.terms_url.clone()),
        ("token_format", app.token_format.as_str().to_owned()),
        ("id_token_alg", app.id_token_alg.as_str().to_owned()),
        ("client_type", app.client_type.as_str().to_owned()),
    ]
}

fn grants(app: &AppDetail) -> String {
    app.grant_types
        .iter()
        .map(|grant| grant.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
