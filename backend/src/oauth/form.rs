//! The `application/x-www-form-urlencoded` body of OAuth requests (RFC 6749 appendix B).
//! RFC 6749 section 3.2: parameters must not appear more than once, except `resource`, which
//! RFC 8707 section 2 lets a client repeat to name several APIs.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};

use super::error::OAuthError;
use crate::media_type;

/// The most `resource` parameters one request may carry (a bound on work per request).
pub const MAX_RESOURCES: usize = 10;

#[derive(Debug, Default, Clone)]
pub struct OAuthForm {
    values: HashMap<String, String>,
    resources: Vec<String>,
}

impl OAuthForm {
    pub fn parse(body: &[u8]) -> Result<Self, OAuthError> {
        let mut values = HashMap::new();
        let mut resources = Vec::new();
        for (name, value) in url::form_urlencoded::parse(body) {
            if name == "resource" {
                if resources.len() == MAX_RESOURCES {
                    return Err(OAuthError::InvalidTarget(format!(
                        "At most {MAX_RESOURCES} resource parameters may be sent."
                    )));
                }
                resources.push(value.into_owned());
                continue;
            }
            if values.insert(name.to_string(), value.to_string()).is_some() {
                return Err(OAuthError::InvalidRequest(format!(
                    "The parameter `{name}` appears more than once."
                )));
            }
        }
        Ok(OAuthForm { values, resources })
    }

    /// The `resource` parameters, in order (RFC 8707 section 2).
    pub fn resources(&self) -> Vec<&str> {
        self.resources.iter().map(String::as_str).collect()
    }

    /// A parameter's value; an empty value counts as absent (RFC 6749 section 3.1).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    }

    pub fn require(&self, name: &str) -> Result<&str, OAuthError> {
        self.get(name).ok_or_else(|| {
            OAuthError::InvalidRequest(format!("The parameter `{name}` is missing."))
        })
    }
}

impl<S: Send + Sync> FromRequest<S> for OAuthForm {
    type Rejection = OAuthError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !media_type::is(request.headers(), "application/x-www-form-urlencoded") {
            return Err(OAuthError::InvalidRequest(
                "Send the parameters as application/x-www-form-urlencoded.".into(),
            ));
        }
        let body = Bytes::from_request(request, state).await.map_err(|_| {
            OAuthError::InvalidRequest("The request body could not be read.".into())
        })?;
        Self::parse(&body)
    }
}
