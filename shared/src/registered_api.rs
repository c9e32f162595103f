//! APIs (resource servers) that developers register: what they are called, the identifier
//! tokens name as their audience (RFC 8707), their resources, who may ask for their scopes,
//! and the tokens they receive. The server's own built-in API is described by the same types.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::app::{AppName, Description, TokenFormat, WebUrl, WebUrlError};
use crate::bounded_number::bounded_number;
use crate::field_errors::{check, item_key, FieldErrors};
use crate::scope::{Resource, ResourceError};
use crate::team::TeamSlug;
use crate::text_newtype::text_newtype;

/// The most resources one API may declare.
pub const MAX_RESOURCES: usize = 20;
/// Access tokens for an API live between a minute and a day.
pub const MIN_TOKEN_LIFETIME: i64 = 60;
pub const MAX_TOKEN_LIFETIME: i64 = 86_400;
pub const DEFAULT_TOKEN_LIFETIME: i64 = 3_600;
/// Identifiers are shown on consent screens and compared on every token request.
pub const MAX_IDENTIFIER_CHARS: usize = 200;

/// The API's name, with the rules of app names (people read both on the consent screen).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ApiName(AppName);

impl ApiName {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// An app-name rule broken by an API name, worded for APIs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ApiNameError(String);

impl TryFrom<String> for ApiName {
    type Error = ApiNameError;

    fn try_from(text: String) -> Result<ApiName, ApiNameError> {
        AppName::try_from(text).map(ApiName).map_err(|error| {
            let message = error.to_string();
            ApiNameError(
                message
                    .replace("App names", "API names")
                    .replace("the app", "the API"),
            )
        })
    }
}

impl From<ApiName> for String {
    fn from(name: ApiName) -> String {
        name.0.into()
    }
}

impl fmt::Display for ApiName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiIdentifierError {
    #[error("Identifiers may be at most 200 characters long.")]
    TooLong,
    /// RFC 8707 section 2: "MUST NOT include a fragment component".
    #[error("Identifiers may not contain a fragment (#…).")]
    Fragment,
    /// RFC 8707 section 2: "SHOULD NOT include a query component"; Clientele makes it a must,
    /// so two spellings of one identifier cannot both exist.
    #[error("Identifiers may not contain a query (?…).")]
    Query,
    #[error("{}", describe_url(.0))]
    Url(WebUrlError),
}

fn describe_url(error: &WebUrlError) -> String {
    match error {
        WebUrlError::Empty => "Enter the API's identifier, like https://api.example.com.".into(),
        other => other.to_string(),
    }
}

text_newtype! {
    /// What a token names as its audience (`aud`, RFC 8707's `resource`): an absolute `https` URI,
    /// or `http` on a loopback host for development, without fragment or query. Compared exactly.
    #[derive(PartialOrd, Ord)]
    pub struct ApiIdentifier: ApiIdentifierError, checked by api_identifier_rule;
}

/// `ApiIdentifier`'s rule: the text as kept, or why it is refused.
fn api_identifier_rule(text: String) -> Result<String, ApiIdentifierError> {
    let url = WebUrl::try_from(text).map_err(ApiIdentifierError::Url)?;
    let text: String = url.into();
    if text.chars().count() > MAX_IDENTIFIER_CHARS {
        return Err(ApiIdentifierError::TooLong);
    }
    if text.contains('#') {
        return Err(ApiIdentifierError::Fragment);
    }
    if text.contains('?') {
        return Err(ApiIdentifierError::Query);
    }
    Ok(text)
}

impl TryFrom<&str> for ApiIdentifier {
    type Error = ApiIdentifierError;

    fn try_from(text: &str) -> Result<ApiIdentifier, ApiIdentifierError> {
        ApiIdentifier::try_from(text.to_owned())
    }
}

/// The APIs a token is for (its `aud`), or the resources a grant may be exchanged for: a set of
/// identifiers, kept in order without repeats. Stored space-separated (identifiers hold no
/// spaces). Empty means "not named", as for tokens issued before APIs existed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Audience(Vec<ApiIdentifier>);

impl Audience {
    pub fn of(identifiers: impl IntoIterator<Item = ApiIdentifier>) -> Audience {
        let mut list: Vec<ApiIdentifier> = Vec::new();
        for identifier in identifiers {
            if !list.contains(&identifier) {
                list.push(identifier);
            }
        }
        Audience(list)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &ApiIdentifier> {
        self.0.iter()
    }

    pub fn contains(&self, identifier: &str) -> bool {
        self.0.iter().any(|held| held.as_str() == identifier)
    }

    /// Whether every identifier of `other` is in this one.
    pub fn covers(&self, other: &Audience) -> bool {
        other
            .iter()
            .all(|identifier| self.contains(identifier.as_str()))
    }

    /// The stored form: identifiers separated by single spaces.
    pub fn to_column(&self) -> String {
        let names: Vec<&str> = self.0.iter().map(ApiIdentifier::as_str).collect();
        names.join(" ")
    }

    /// Reads the stored form back; `None` when an identifier does not parse.
    pub fn from_column(text: &str) -> Option<Audience> {
        text.split(' ')
            .filter(|part| !part.is_empty())
            .map(|part| ApiIdentifier::try_from(part).ok())
            .collect::<Option<Vec<_>>>()
            .map(Audience::of)
    }
}

/// Whose apps may ask for an API's scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApiVisibility {
    /// Only apps of the API's owner.
    #[default]
    Private,
    /// Any developer's apps on this server.
    Developers,
    /// Also clients that register themselves; a person always consents.
    Anyone,
}

impl ApiVisibility {
    pub const ALL: [ApiVisibility; 3] = [
        ApiVisibility::Private,
        ApiVisibility::Developers,
        ApiVisibility::Anyone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApiVisibility::Private => "private",
            ApiVisibility::Developers => "developers",
            ApiVisibility::Anyone => "anyone",
        }
    }

    pub fn from_name(name: &str) -> Option<ApiVisibility> {
        ApiVisibility::ALL
            .into_iter()
            .find(|visibility| visibility.as_str() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            ApiVisibility::Private => "Private",
            ApiVisibility::Developers => "Developers",
            ApiVisibility::Anyone => "Anyone",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            ApiVisibility::Private => "Only your apps may ask for its scopes.",
            ApiVisibility::Developers => "Any developer's apps on this server may ask for its scopes.",
            ApiVisibility::Anyone => "Any app, including clients that register themselves, may ask for its scopes; people always consent.",
        }
    }
}

bounded_number!(
    /// How long an API's access tokens live, in seconds.
    pub struct TokenLifetime(MIN_TOKEN_LIFETIME..=MAX_TOKEN_LIFETIME);
    /// Why a token lifetime was refused.
    TokenLifetimeError: "Token lifetimes are between 60 seconds and 86,400 seconds (one day)."
);

impl TokenLifetime {
    pub fn seconds(self) -> i64 {
        self.0
    }
}

impl Default for TokenLifetime {
    fn default() -> TokenLifetime {
        TokenLifetime(DEFAULT_TOKEN_LIFETIME)
    }
}

/// Why a list of resources was refused, keyed by field (`resources` or `resources.N`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResourceListError {
    #[error("Add at least one resource.")]
    Empty,
    #[error("An API may declare at most 20 resources.")]
    TooMany,
    #[error("{1}")]
    Item(usize, ResourceError),
    #[error("\"{1}\" is listed twice.")]
    Duplicate(usize, String),
}

impl ResourceListError {
    pub fn field_key(&self) -> String {
        match self {
            ResourceListError::Item(index, _) | ResourceListError::Duplicate(index, _) => {
                item_key("resources", *index)
            }
            _ => "resources".to_owned(),
        }
    }
}

/// The resources of one API, in the order given, without duplicates.
pub fn parse_resources(names: &[String]) -> Result<Vec<Resource>, Vec<ResourceListError>> {
    if names.is_empty() {
        return Err(vec![ResourceListError::Empty]);
    }
    if names.len() > MAX_RESOURCES {
        return Err(vec![ResourceListError::TooMany]);
    }
    let mut problems = Vec::new();
    let mut resources: Vec<Resource> = Vec::new();
    for (index, name) in names.iter().enumerate() {
        match Resource::try_from(name.trim()) {
            Ok(resource) if resources.contains(&resource) => {
                problems.push(ResourceListError::Duplicate(index, resource.to_string()))
            }
            Ok(resource) => resources.push(resource),
            Err(error) => problems.push(ResourceListError::Item(index, error)),
        }
    }
    if problems.is_empty() {
        Ok(resources)
    } else {
        Err(problems)
    }
}

/// The register-an-API form, unchecked, and the body of the create request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiDraft {
    pub name: String,
    pub description: String,
    pub identifier: String,
    pub resources: Vec<String>,
    pub visibility: ApiVisibility,
    pub token_format: TokenFormat,
    /// Seconds.
    pub token_lifetime: i64,
    /// The team that will own the API (`None`: the person registering).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamSlug>,
}

impl Default for ApiDraft {
    fn default() -> ApiDraft {
        ApiDraft {
            name: String::new(),
            description: String::new(),
            identifier: String::new(),
            resources: vec![String::new()],
            visibility: ApiVisibility::Private,
            token_format: TokenFormat::Opaque,
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            team: None,
        }
    }
}

/// An API registration that passed every rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiSettings {
    pub name: ApiName,
    pub description: Description,
    pub identifier: ApiIdentifier,
    pub resources: Vec<Resource>,
    pub visibility: ApiVisibility,
    pub token_format: TokenFormat,
    pub token_lifetime: TokenLifetime,
}

impl ApiDraft {
    /// Checks every field and reports every problem at once, keyed by field.
    pub fn validate(&self) -> Result<ApiSettings, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = check(&mut errors, "name", ApiName::try_from(self.name.clone()));
        let description = check(
            &mut errors,
            "description",
            Description::try_from(self.description.clone()),
        );
        let identifier = check(
            &mut errors,
            "identifier",
            ApiIdentifier::try_from(self.identifier.clone()),
        );
        let resources = parse_resources(&self.resources)
            .map_err(|problems| {
                for problem in problems {
                    errors
                        .entry(problem.field_key())
                        .or_insert_with(|| problem.to_string());
                }
            })
            .ok();
        let token_lifetime = check(
            &mut errors,
            "token_lifetime",
            TokenLifetime::try_from(self.token_lifetime),
        );
        // Each check that failed wrote its message: with none, every field holds its value.
        let settings = || {
            Some(ApiSettings {
                name: name?,
                description: description?,
                identifier: identifier?,
                resources: resources?,
                visibility: self.visibility,
                token_format: self.token_format,
                token_lifetime: token_lifetime?,
            })
        };
        match settings() {
            Some(settings) if errors.is_empty() => Ok(settings),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_absolute_https_uris_without_fragment_or_query() {
        let long = format!("https://api.example.com/{}", "p".repeat(180));
        let table: Vec<(&str, Result<&str, ApiIdentifierError>)> = vec![
            ("https://api.example.com", Ok("https://api.example.com")),
            (
                " https://api.example.com/v1 ",
                Ok("https://api.example.com/v1"),
            ),
            ("http://127.0.0.1:9000/mcp", Ok("http://127.0.0.1:9000/mcp")),
            (
                "https://api.example.com/#x",
                Err(ApiIdentifierError::Fragment),
            ),
            (
                "https://api.example.com/?v=1",
                Err(ApiIdentifierError::Query),
            ),
            (&long, Err(ApiIdentifierError::TooLong)),
            (
                "http://api.example.com",
                Err(ApiIdentifierError::Url(WebUrlError::InsecureHttp)),
            ),
            ("", Err(ApiIdentifierError::Url(WebUrlError::Empty))),
            (
                "urn:example:api",
                Err(ApiIdentifierError::Url(WebUrlError::UnsupportedScheme(
                    "urn".into(),
                ))),
            ),
        ];
        for (text, expected) in table {
            let parsed = ApiIdentifier::try_from(text);
            assert_eq!(
                parsed.as_ref().map(ApiIdentifier::as_str),
                expected.as_ref().map(|ok| *ok),
                "{text:?}"
            );
        }
        assert_eq!(
            ApiIdentifier::try_from("").unwrap_err().to_string(),
            "Enter the API's identifier, like https://api.example.com."
        );
    }

    #[test]
    fn a_draft_reports_every_problem_under_its_field() {
        let draft = ApiDraft {
            name: "x".into(),
            identifier: "ftp://example.com".into(),
            resources: vec!["calendar".into(), "Calendar".into(), "calendar".into()],
            token_lifetime: 5,
            ..ApiDraft::default()
        };
        let errors = draft.validate().unwrap_err();
        assert_eq!(
            errors["name"],
            "API names must be at least 3 characters long."
        );
        assert_eq!(
            errors["identifier"],
            "The ftp: scheme cannot be used here; use https."
        );
        assert!(
            errors["resources.1"].contains("lowercase letters"),
            "{errors:?}"
        );
        assert_eq!(errors["resources.2"], "\"calendar\" is listed twice.");
        assert!(errors["token_lifetime"].starts_with("Token lifetimes"));
    }

    #[test]
    fn a_good_draft_becomes_settings() {
        let draft = ApiDraft {
            name: "Calendar API".into(),
            identifier: "https://calendar.example.com".into(),
            resources: vec!["calendar".into(), " events ".into()],
            visibility: ApiVisibility::Developers,
            ..ApiDraft::default()
        };
        let settings = draft.validate().unwrap();
        assert_eq!(settings.resources.len(), 2);
        assert_eq!(settings.resources[1].as_str(), "events");
        assert_eq!(settings.token_lifetime.seconds(), DEFAULT_TOKEN_LIFETIME);
    }

    #[test]
    fn too_many_or_no_resources_are_refused_as_a_whole() {
        let many: Vec<String> = (0..21).map(|n| format!("r{n}")).collect();
        assert_eq!(
            parse_resources(&many).unwrap_err(),
            vec![ResourceListError::TooMany]
        );
        assert_eq!(
            parse_resources(&[]).unwrap_err(),
            vec![ResourceListError::Empty]
        );
    }
}
