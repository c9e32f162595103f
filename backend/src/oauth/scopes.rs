//! The scope a client asks for, checked against what it may have (RFC 6749 section 3.3).

use shared::scope::ScopeSet;

use super::error::OAuthError;

/// The requested scope, or `default` when none was sent; `invalid_scope` when it is malformed
/// or asks for more than `allowed`.
pub fn requested(
    scope: Option<&str>,
    allowed: &ScopeSet,
    default: &ScopeSet,
) -> Result<ScopeSet, OAuthError> {
    let Some(scope) = scope else {
        return Ok(default.clone());
    };
    let requested: ScopeSet = scope
        .parse()
        .map_err(|err| OAuthError::InvalidScope(format!("{err}")))?;
    if requested.is_empty() {
        return Ok(default.clone());
    }
    if !allowed.satisfies(&requested) {
        return Err(OAuthError::InvalidScope(format!(
            "The requested scope `{}` is more than this client may have (`{}`).",
            requested.to_canonical_string(),
            allowed.to_canonical_string()
        )));
    }
    Ok(requested)
}
