//! Reading and checking an authorization request (RFC 6749 section 4.1.1, RFC 7636, OpenID
//! Connect Core 3.1.2.1).
//!
//! Problems with the client or the redirect URI are shown on an error page and never
//! redirected (section 4.1.2.1: the redirect URI cannot be trusted yet); every later problem
//! is sent back to the redirect URI.

use std::collections::HashMap;
use std::sync::Arc;

use shared::app::{ClientType, GrantType};
use shared::redirect_uri::RedirectMismatch;
use shared::scope::ScopeSet;

use super::audience::{self, InvalidTarget};
use super::form::MAX_RESOURCES;

use super::pkce;
use crate::apis::catalogue::Catalogue;
use crate::state::AppState;
use crate::store::apps::AppRow;
use crate::store::binding::Binding;

/// A request whose client and redirect URI are known good.
#[derive(Debug, Clone)]
pub struct AuthorizeRequest {
    pub app: AppRow,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub scopes: ScopeSet,
    /// The `resource` parameters (RFC 8707 section 2.1); empty when none were sent.
    pub resources: Binding,
    /// The APIs as they were when the request was read, to name them on the consent page.
    pub catalogue: Arc<Catalogue>,
    pub code_challenge: Option<String>,
    pub nonce: Option<String>,
    pub prompt: Vec<String>,
    pub login_hint: Option<String>,
    pub max_age: Option<i64>,
    /// The query string as received, carried through the sign-in and consent forms.
    pub raw_query: String,
}

/// Why a request cannot proceed.
pub enum Rejection {
    /// Shown to the user; no redirect.
    Page { title: String, detail: String },
    /// Sent to the client's redirect URI (RFC 6749 section 4.1.2.1).
    Redirect {
        redirect_uri: String,
        state: Option<String>,
        error: &'static str,
        description: String,
    },
}

/// The title of the page for a query that names no usable request.
const NOT_VALID: &str = "This sign-in link is not valid";

/// Reads and checks a request in the order of RFC 6749 section 4.1.2.1: first what makes the
/// redirect URI trustworthy (the query, the client, the redirect URI), refused on a page; then
/// everything else, refused to that redirect URI.
pub async fn parse(state: &AppState, raw_query: &str) -> Result<AuthorizeRequest, Rejection> {
    let params = QueryParams::read(raw_query).map_err(|detail| page(NOT_VALID, detail))?;
    let get = |name: &str| params.get(name);
    let app = usable_app(state, get("client_id")).await?;
    let back = Back {
        redirect_uri: redirect_uri_of(&app, get("redirect_uri"))?,
        state: get("state").map(str::to_owned),
    };
    check_flow(&params, &app).map_err(|(error, description)| back.refuse(error, description))?;
    let catalogue = state
        .catalogue()
        .await
        .map_err(|err| server_failed(&err, "the APIs"))?;
    let scopes = requested_scopes(&catalogue, &app, get("scope"))
        .map_err(|refused| back.refuse(refused.0, &refused.1))?;
    let values: Vec<&str> = params.resources.iter().map(String::as_str).collect();
    let resources = audience::binding(&catalogue, app.owner.id(), &scopes, &values)
        .map_err(|InvalidTarget(why)| back.refuse("invalid_target", &why))?;
    let Options {
        code_challenge,
        prompt,
        max_age,
    } = read_options(&params, app.client_type)
        .map_err(|(error, description)| back.refuse(error, description))?;
    Ok(AuthorizeRequest {
        app,
        redirect_uri: back.redirect_uri,
        state: back.state,
        scopes,
        resources,
        catalogue,
        code_challenge,
        nonce: get("nonce").map(str::to_owned),
        prompt,
        login_hint: get("login_hint").map(str::to_owned),
        max_age,
        raw_query: raw_query.to_owned(),
    })
}

fn page(title: &str, detail: String) -> Rejection {
    Rejection::Page {
        title: title.to_owned(),
        detail,
    }
}

/// The page for a store failure: logged here, never shown.
fn server_failed(err: &dyn std::fmt::Display, loading: &str) -> Rejection {
    tracing::error!(error = %err, "loading {loading} for authorization failed");
    page(
        "Something went wrong",
        "The server could not load this app. Try again.".into(),
    )
}

/// The app `client_id` names, if it may ask for authorization: a client ID metadata document
/// is fetched (and may be refused) before the app it registers is loaded.
async fn usable_app(state: &AppState, client_id: Option<&str>) -> Result<AppRow, Rejection> {
    let client_id = client_id
        .ok_or_else(|| page(NOT_VALID, "It names no app (client_id is missing).".into()))?;
    if crate::client_documents::names_a_document(client_id) {
        if let Err(refused) = crate::client_documents::resolve(state, client_id).await {
            return Err(page("This app cannot be used here", refused.to_string()));
        }
    }
    let app = state
        .store
        .app(client_id)
        .await
        .map_err(|err| server_failed(&err, "an app"))?
        .ok_or_else(|| {
            page(
                "Unknown app",
                "No app is registered with this client id.".into(),
            )
        })?;
    if app.disabled {
        return Err(page(
            "This app is disabled",
            format!("“{}” has been disabled by an administrator.", app.name),
        ));
    }
    Ok(app)
}

/// The redirect URI the answer goes to: the one presented, if registered.
fn redirect_uri_of(app: &AppRow, presented: Option<&str>) -> Result<String, Rejection> {
    let registered = &app.redirect_uris;
    match presented {
        Some(presented) => match registered.find_match(presented) {
            Ok(_) => Ok(presented.to_owned()),
            Err(mismatch) => {
                // The title already says it is not registered: the detail names the URL once and
                // adds only what the diagnosis knows beyond that.
                let detail = match mismatch {
                    RedirectMismatch::NotRegistered => format!(
                        "The app asked to send you back to {presented}. Its developer can register that URL in the Clientele console."
                    ),
                    closest => format!("The app asked to send you back to {presented}. {closest}"),
                };
                Err(page("This redirect URL is not registered", detail))
            }
        },
        // RFC 6749 section 3.1.2.3: optional only when exactly one is registered.
        None if registered.len() == 1 => Ok(registered
            .iter()
            .next()
            .map(|uri| uri.as_str().to_owned())
            .unwrap_or_default()),
        None => Err(page(
            NOT_VALID,
            "It has no redirect_uri, and the app has several.".into(),
        )),
    }
}

/// Where refusals go once the redirect URI is known good (RFC 6749 section 4.1.2.1).
struct Back {
    redirect_uri: String,
    state: Option<String>,
}

impl Back {
    fn refuse(&self, error: &'static str, description: &str) -> Rejection {
        Rejection::Redirect {
            redirect_uri: self.redirect_uri.clone(),
            state: self.state.clone(),
            error,
            description: description.to_owned(),
        }
    }
}

/// The flow asked for: the authorization code grant, its parameters in the query, its answer
/// in the redirect URI's query.
fn check_flow(params: &QueryParams, app: &AppRow) -> Result<(), Refused> {
    let get = |name: &str| params.get(name);
    match get("response_type") {
        Some("code") => {}
        None => return Err(("invalid_request", "response_type is missing.")),
        Some(_) => {
            return Err((
                "unsupported_response_type",
                "Only response_type=code is supported.",
            ))
        }
    }
    // OpenID Connect Core section 6 (RFC 9101): request objects are not supported, and saying
    // so beats ignoring parameters the client meant to be honoured (discovery advertises
    // `request_parameter_supported: false`).
    if get("request").is_some() {
        return Err((
            "request_not_supported",
            "Request objects (the request parameter) are not supported.",
        ));
    }
    if get("request_uri").is_some() {
        return Err((
            "request_uri_not_supported",
            "The request_uri parameter is not supported.",
        ));
    }
    // OAuth 2.0 Multiple Response Type Encoding Practices section 2.1: only the query response
    // mode, the default for `code`, is offered (`response_modes_supported: ["query"]`).
    match get("response_mode") {
        None | Some("query") => {}
        Some(_) => return Err(("invalid_request", "Only response_mode=query is supported.")),
    }
    if !app.has_grant(GrantType::AuthorizationCode) {
        return Err((
            "unauthorized_client",
            "This app is not registered for the authorization code grant.",
        ));
    }
    Ok(())
}

/// The scopes granted: those asked for (RFC 6749 section 3.3), or without `scope` all the app
/// registered, less scopes of APIs deleted or made unavailable since.
fn requested_scopes(
    catalogue: &Catalogue,
    app: &AppRow,
    scope: Option<&str>,
) -> Result<ScopeSet, (&'static str, String)> {
    let allowed = catalogue.offered(app.owner.id(), &app.scopes);
    let Some(scope) = scope else {
        return Ok(allowed);
    };
    let requested: ScopeSet = scope
        .parse()
        .map_err(|err| ("invalid_scope", format!("{err}")))?;
    if let Some(refusal) = catalogue.refusal_for(app.owner.id(), &requested) {
        return Err(("invalid_scope", refusal));
    }
    if !allowed.satisfies(&requested) {
        return Err((
            "invalid_scope",
            "The app asked for more than it is registered for.".to_owned(),
        ));
    }
    Ok(requested)
}

/// The parameters of an authorization request's query: each at most once (RFC 6749 section
/// 3.1), except `resource` (RFC 8707 section 2), at most [`MAX_RESOURCES`] times.
#[derive(Debug, Default)]
pub struct QueryParams {
    values: HashMap<String, String>,
    pub resources: Vec<String>,
}

impl QueryParams {
    /// Reads a query string; the error is the detail the "not valid" page shows.
    pub fn read(raw_query: &str) -> Result<QueryParams, String> {
        let mut params = QueryParams::default();
        for (name, value) in url::form_urlencoded::parse(raw_query.as_bytes()) {
            if name == "resource" {
                if params.resources.len() == MAX_RESOURCES {
                    return Err(format!("It names more than {MAX_RESOURCES} resources."));
                }
                params.resources.push(value.into_owned());
                continue;
            }
            if params
                .values
                .insert(name.to_string(), value.to_string())
                .is_some()
            {
                return Err(format!("The parameter `{name}` appears more than once."));
            }
        }
        Ok(params)
    }

    /// A parameter's value; an empty value counts as absent (RFC 6749 section 3.1).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }
}

/// What a request asks of the sign-in besides its client, scopes and resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub code_challenge: Option<String>,
    pub prompt: Vec<String>,
    pub max_age: Option<i64>,
}

/// A refusal sent to the redirect URI: the error code and its description.
pub type Refused = (&'static str, &'static str);

/// PKCE (RFC 7636 section 4.3; required of public clients), `prompt` and `max_age` (OpenID
/// Connect Core section 3.1.2.1), checked in this order.
pub fn read_options(params: &QueryParams, client_type: ClientType) -> Result<Options, Refused> {
    let get = |name: &str| params.get(name);
    let refuse = |error: &'static str, description: &'static str| (error, description);
    let code_challenge = match (get("code_challenge"), get("code_challenge_method")) {
        (Some(challenge), Some("S256")) if pkce::is_valid_challenge(challenge) => {
            Some(challenge.to_owned())
        }
        (Some(_), Some("S256")) => {
            return Err(refuse(
                "invalid_request",
                "code_challenge is not a base64url SHA-256 value.",
            ))
        }
        (Some(_), _) => {
            return Err(refuse(
                "invalid_request",
                "Only code_challenge_method=S256 is supported.",
            ))
        }
        (None, Some(_)) => {
            return Err(refuse(
                "invalid_request",
                "code_challenge_method was sent without code_challenge.",
            ))
        }
        (None, None) => None,
    };
    if client_type == ClientType::Public && code_challenge.is_none() {
        return Err(refuse(
            "invalid_request",
            "Public clients must use PKCE (code_challenge with S256).",
        ));
    }
    let prompt: Vec<String> = get("prompt")
        .map(|p| p.split(' ').map(str::to_owned).collect())
        .unwrap_or_default();
    if prompt
        .iter()
        .any(|p| !matches!(p.as_str(), "none" | "login" | "consent"))
    {
        return Err(refuse(
            "invalid_request",
            "prompt may be none, login or consent.",
        ));
    }
    if prompt.iter().any(|p| p == "none") && prompt.len() > 1 {
        return Err(refuse(
            "invalid_request",
            "prompt=none cannot be combined with other values.",
        ));
    }
    let max_age = match get("max_age") {
        Some(value) => Some(
            value
                .parse::<i64>()
                .ok()
                .filter(|age| *age >= 0)
                .ok_or_else(|| refuse("invalid_request", "max_age must be a number of seconds."))?,
        ),
        None => None,
    };
    Ok(Options {
        code_challenge,
        prompt,
        max_age,
    })
}

/// `raw_query` without `login` in `prompt`, to continue after the user signed in (otherwise
/// the sign-in page would come back forever).
pub fn without_login_prompt(raw_query: &str) -> String {
    let kept: Vec<(String, String)> = url::form_urlencoded::parse(raw_query.as_bytes())
        .filter_map(|(name, value)| {
            if name != "prompt" {
                return Some((name.into_owned(), value.into_owned()));
            }
            let rest: Vec<&str> = value.split(' ').filter(|p| *p != "login").collect();
            (!rest.is_empty()).then(|| (name.into_owned(), rest.join(" ")))
        })
        .collect();
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish()
}

impl AuthorizeRequest {
    pub fn prompts(&self, value: &str) -> bool {
        self.prompt.iter().any(|p| p == value)
    }

    /// The same request without `login` in `prompt`, to continue after the user signed in
    /// (otherwise the sign-in page would come back forever).
    pub fn query_after_sign_in(&self) -> String {
        without_login_prompt(&self.raw_query)
    }
}
