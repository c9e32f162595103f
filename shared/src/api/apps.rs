//! Registering and editing an app: the raw form ([`AppDraft`]) and its checked,
//! typed counterpart ([`AppSettings`]).

use serde::{Deserialize, Serialize};

use crate::app::{
    AppName, ClientType, Description, GrantType, GrantTypes, IdTokenAlg, TokenFormat, WebUrl,
};
use crate::field_errors::{check, check_list, check_text, FieldErrors};
use crate::icon::IconUpload;
use crate::origin::{AllowedOrigins, AllowedOriginsError};
use crate::redirect_uri::{RedirectUris, RedirectUrisError};
use crate::scope::ScopeSet;
use crate::team::TeamSlug;

/// The message for an app registered without any scope.
pub const NO_SCOPES_MESSAGE: &str = "Choose at least one access scope.";

/// What the register and edit forms hold, unchecked, and the body of the register and
/// update requests. Every field has a default so a partial body still deserialises and
/// [`AppDraft::validate`] can say what is missing. (A malformed `scopes` string or an
/// unknown grant type does fail deserialisation.)
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppDraft {
    pub name: String,
    pub website: String,
    pub description: String,
    /// A new icon as base64 or a base64 `data:` URL; `None` keeps the current icon (or
    /// none, when registering).
    pub icon: Option<String>,
    pub client_type: ClientType,
    pub redirect_uris: Vec<String>,
    pub allowed_origins: Vec<String>,
    pub scopes: ScopeSet,
    pub grant_types: Vec<GrantType>,
    pub privacy_policy_url: String,
    pub terms_url: String,
    pub token_format: TokenFormat,
    #[serde(default)]
    pub id_token_alg: IdTokenAlg,
    /// At registration, the team that will own the app (`None`: the person registering). An
    /// update must name the app's current team or none: moving an app is not an edit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamSlug>,
}

/// A registration that passed every rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppSettings {
    pub name: AppName,
    pub website: WebUrl,
    pub description: Description,
    pub icon: Option<IconUpload>,
    pub client_type: ClientType,
    pub redirect_uris: RedirectUris,
    pub allowed_origins: AllowedOrigins,
    pub scopes: ScopeSet,
    pub grant_types: GrantTypes,
    pub privacy_policy_url: WebUrl,
    pub terms_url: WebUrl,
    pub token_format: TokenFormat,
    #[serde(default)]
    pub id_token_alg: IdTokenAlg,
}

impl AppDraft {
    /// A starting point for the register form: one empty redirect URI to fill in, and
    /// the authorization code and refresh token grants.
    pub fn recommended() -> AppDraft {
        AppDraft {
            redirect_uris: vec![String::new()],
            grant_types: vec![GrantType::AuthorizationCode, GrantType::RefreshToken],
            ..AppDraft::default()
        }
    }

    /// Checks every field with the rules of its type and reports every problem at once,
    /// keyed by field name (`redirect_uris.2` for one list item, `redirect_uris` for the
    /// list as a whole).
    pub fn validate(&self) -> Result<AppSettings, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = check_text(&mut errors, "name", &self.name);
        let website = check_text(&mut errors, "website", &self.website);
        let description = check_text(&mut errors, "description", &self.description);
        let icon = match &self.icon {
            None => Some(None),
            Some(text) => check(&mut errors, "icon", IconUpload::try_from(text.clone())).map(Some),
        };
        let redirect_uris = check_list(
            &mut errors,
            "redirect_uris",
            RedirectUris::parse_all(&self.redirect_uris),
            RedirectUrisError::field_key,
        );
        let allowed_origins = check_list(
            &mut errors,
            "allowed_origins",
            AllowedOrigins::parse_all(&self.allowed_origins),
            AllowedOriginsError::field_key,
        );
        let scopes = if self.scopes.is_empty() {
            errors.insert("scopes".into(), NO_SCOPES_MESSAGE.into());
            None
        } else {
            Some(self.scopes.clone())
        };
        let grants = GrantTypes::for_client(self.grant_types.iter().copied(), self.client_type);
        let grant_types = check(&mut errors, "grant_types", grants);
        let privacy_policy_url =
            check_text(&mut errors, "privacy_policy_url", &self.privacy_policy_url);
        let terms_url = check_text(&mut errors, "terms_url", &self.terms_url);

        // Each check that failed wrote its message: with none, every field holds its value.
        let settings = || {
            Some(AppSettings {
                name: name?,
                website: website?,
                description: description?,
                icon: icon?,
                client_type: self.client_type,
                redirect_uris: redirect_uris?,
                allowed_origins: allowed_origins?,
                scopes: scopes?,
                grant_types: grant_types?,
                privacy_policy_url: privacy_policy_url?,
                terms_url: terms_url?,
                token_format: self.token_format,
                id_token_alg: self.id_token_alg,
            })
        };
        match settings() {
            Some(settings) if errors.is_empty() => Ok(settings),
            _ => Err(errors),
        }
    }

    /// Every field's message, empty when the draft is valid.
    pub fn field_errors(&self) -> FieldErrors {
        self.validate().err().unwrap_or_default()
    }

    /// The message for one field key (e.g. `name` or `redirect_uris.1`), if any; for
    /// showing errors as the person types.
    pub fn validate_field(&self, field: &str) -> Option<String> {
        self.field_errors().remove(field)
    }
}

impl AppSettings {
    /// The form holding these settings; the icon is left out (`None` keeps it).
    pub fn to_draft(&self) -> AppDraft {
        AppDraft {
            name: self.name.as_str().to_owned(),
            website: self.website.as_str().to_owned(),
            description: self.description.as_str().to_owned(),
            icon: None,
            client_type: self.client_type,
            redirect_uris: self
                .redirect_uris
                .iter()
                .map(|uri| uri.as_str().to_owned())
                .collect(),
            allowed_origins: self
                .allowed_origins
                .iter()
                .map(|origin| origin.as_str().to_owned())
                .collect(),
            scopes: self.scopes.clone(),
            grant_types: self.grant_types.to_vec(),
            privacy_policy_url: self.privacy_policy_url.as_str().to_owned(),
            terms_url: self.terms_url.as_str().to_owned(),
            team: None,
            token_format: self.token_format,
            id_token_alg: self.id_token_alg,
        }
    }
}
