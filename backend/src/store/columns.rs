//! Typed values as columns: the one place an app's settings (and the scopes of consents) turn
//! into text on the way in and back into their types on the way out. Token rows, read by two
//! drivers, decode theirs in `tokens.rs` with the same rule. Lists are JSON arrays of strings, scopes the space-separated
//! OAuth form, kinds their wire names. Rows are only written from validated settings, so a
//! value that does not decode means the database was edited by hand: the row is then an error,
//! never a guess.

use serde::de::DeserializeOwned;
use shared::api::AppSettings;
use shared::app::GrantType;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The column values of validated settings (everything a user edits).
pub(super) struct AppFields {
    pub name: String,
    pub website: String,
    pub description: String,
    pub client_type: &'static str,
    pub redirect_uris: String,
    pub allowed_origins: String,
    pub scopes: String,
    pub grant_types: String,
    pub privacy_policy_url: String,
    pub terms_url: String,
    pub token_format: &'static str,
    pub id_token_alg: &'static str,
}

impl AppFields {
    pub(super) fn of(settings: &AppSettings) -> AppFields {
        AppFields {
            name: settings.name.as_str().to_owned(),
            website: settings.website.as_str().to_owned(),
            description: settings.description.as_str().to_owned(),
            client_type: settings.client_type.as_str(),
            redirect_uris: json_list(settings.redirect_uris.iter().map(|uri| uri.as_str())),
            allowed_origins: json_list(settings.allowed_origins.iter().map(|o| o.as_str())),
            scopes: settings.scopes.to_canonical_string(),
            grant_types: json_list(settings.grant_types.iter().map(GrantType::as_str)),
            privacy_policy_url: settings.privacy_policy_url.as_str().to_owned(),
            terms_url: settings.terms_url.as_str().to_owned(),
            token_format: settings.token_format.as_str(),
            id_token_alg: settings.id_token_alg.as_str(),
        }
    }
}

fn json_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    serde_json::to_string(&items.collect::<Vec<_>>()).unwrap_or_else(|_| "[]".to_owned())
}

/// A boolean column. Booleans are 0/1 integers on both databases, which sqlx's `Any` driver
/// does not decode as `bool`: rows read such a column with `#[sqlx(try_from = "Flag")]`.
#[derive(sqlx::Type)]
#[sqlx(transparent)]
pub struct Flag(i64);

impl From<Flag> for bool {
    fn from(flag: Flag) -> bool {
        flag.0 != 0
    }
}

/// Reads a text column and decodes it with `parse`; a value that does not decode is a
/// `ColumnDecode` error naming the column.
pub(super) fn decoded<T>(
    row: &AnyRow,
    column: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, sqlx::Error> {
    let text: String = row.try_get(column)?;
    parse(&text).map_err(|message| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: format!("stored {column} is unreadable: {message}").into(),
    })
}

/// A JSON value (a list, or a list type that checks its items).
pub(super) fn json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|err| err.to_string())
}

/// A kind stored by its wire name (`confidential`, `jwt`, ...).
pub(super) fn named<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|err| err.to_string())
}

/// Anything with a `FromStr` (scopes in their OAuth form).
pub(super) fn parsed<T: std::str::FromStr>(text: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|err: T::Err| err.to_string())
}

#[cfg(test)]
mod tests {
    use shared::app::{ClientType, IdTokenAlg, TokenFormat};
    use shared::origin::AllowedOrigins;
    use shared::redirect_uri::RedirectUris;
    use shared::scope::ScopeSet;

    use super::*;

    #[test]
    fn every_kind_decodes_from_what_is_written_and_garbage_does_not() {
        assert_eq!(
            named::<ClientType>(ClientType::Public.as_str()),
            Ok(ClientType::Public)
        );
        assert_eq!(
            named::<TokenFormat>(TokenFormat::Jwt.as_str()),
            Ok(TokenFormat::Jwt)
        );
        assert!(named::<ClientType>("secretive").is_err());
        let grants: Vec<GrantType> = json(&json_list(
            [GrantType::Password, GrantType::RefreshToken]
                .iter()
                .map(|g| g.as_str()),
        ))
        .unwrap();
        assert_eq!(grants, [GrantType::Password, GrantType::RefreshToken]);
        assert!(json::<Vec<GrantType>>(r#"["telepathy"]"#).is_err());
        let uris: RedirectUris = json(r#"["https://example.com/cb"]"#).unwrap();
        assert_eq!(uris.len(), 1);
        assert!(json::<RedirectUris>("[]").is_err());
        let origins: AllowedOrigins = json("[]").unwrap();
        assert!(origins.is_empty());
        let scopes: ScopeSet = parsed("openid files:read").unwrap();
        assert_eq!(scopes.to_canonical_string(), "files:read openid");
        assert!(parsed::<ScopeSet>("files:fly").is_err());
        assert_eq!(IdTokenAlg::from_name("ES256"), Some(IdTokenAlg::Es256));
    }
}
