//! RFC 8707 resource indicators: which APIs a token is for, and what it may carry for them.
//! One rule for the authorization endpoint and every grant of the token endpoint:
//!
//! - A `resource` names an API by its identifier (an absolute URI, section 2). It must be an API
//!   this app may use (the built-in API, or one whose visibility lets the app's developer use
//!   it) and one the grant holds scopes of; otherwise `invalid_target` (section 2).
//! - With `resource`, the access token's `aud` is exactly those APIs and its scopes are
//!   narrowed to theirs (identity scopes stay: they are about the person, for the userinfo
//!   endpoint). Several `resource` parameters may be sent.
//! - Without `resource`, the documented default: the token is for every API whose scopes the
//!   grant holds, or for the built-in API when it holds none (only `openid` and the like).
//! - A `resource` that would leave the token without any scope is `invalid_target` too.
//! - A grant that was bound to resources (at the authorization request, or when first
//!   issued) can be narrowed at the token endpoint, never widened (section 2.2).
//!
//! Requests name APIs by identifier; what is stored is the APIs' ids (`store::binding`).

use shared::registered_api::{ApiIdentifier, Audience};
use shared::scope::ScopeSet;

use crate::apis::catalogue::{may_use, Catalogue};
use crate::store::apis::ApiRow;
use crate::store::binding::Binding;

/// The outcome for one token: its audience, its scopes, and the registered API whose token
/// settings apply when it is for exactly one.
#[derive(Debug)]
pub struct Target<'c> {
    /// The identifiers, for `aud`.
    pub audience: Audience,
    /// The same APIs by id, as stored.
    pub binding: Binding,
    pub scopes: ScopeSet,
    pub single_api: Option<&'c ApiRow>,
}

/// Why a `resource` was refused: the `error_description` of `invalid_target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidTarget(pub String);

/// The `resource` values of a request, each an absolute URI without fragment (section 2).
pub fn parse_resources(values: &[&str]) -> Result<Vec<ApiIdentifier>, InvalidTarget> {
    values
        .iter()
        .map(|value| {
            ApiIdentifier::try_from(*value).map_err(|err| {
                InvalidTarget(format!(
                    "The resource `{value}` is not a valid API identifier: {err}"
                ))
            })
        })
        .collect()
}

/// What an authorization request binds its grant to: its `resource` values, each checked as a
/// token request would be (section 2.1).
pub fn binding(
    catalogue: &Catalogue,
    owner_id: &str,
    granted: &ScopeSet,
    values: &[&str],
) -> Result<Binding, InvalidTarget> {
    let requested = parse_resources(values)?;
    if requested.is_empty() {
        return Ok(Binding::default());
    }
    let bound = target(
        catalogue,
        owner_id,
        granted,
        &requested,
        &Binding::default(),
    )?;
    Ok(bound.binding)
}

/// The APIs a grant of `granted` may get tokens for, by the default rule.
pub fn default_apis<'c>(
    catalogue: &'c Catalogue,
    owner_id: &str,
    granted: &ScopeSet,
) -> Vec<&'c ApiRow> {
    let apis: Vec<&ApiRow> = catalogue
        .apis_of(granted)
        .into_iter()
        .filter(|api| may_use(api, owner_id))
        .collect();
    if apis.is_empty() {
        vec![catalogue.built_in()]
    } else {
        apis
    }
}

/// The access token's target, and what the grant (its refresh token) stays bound to: the
/// authorization's binding, or else everything the default rule gives.
#[derive(Debug)]
pub struct Decided<'c> {
    pub access: Target<'c>,
    pub grant_audience: Binding,
}

pub fn decide<'c>(
    catalogue: &'c Catalogue,
    owner_id: &str,
    granted: &ScopeSet,
    requested: &[ApiIdentifier],
    bound: &Binding,
) -> Result<Decided<'c>, InvalidTarget> {
    let whole = target(catalogue, owner_id, granted, &[], bound)?;
    if requested.is_empty() {
        let grant_audience = whole.binding.clone();
        return Ok(Decided {
            access: whole,
            grant_audience,
        });
    }
    Ok(Decided {
        access: target(catalogue, owner_id, granted, requested, bound)?,
        grant_audience: whole.binding,
    })
}

/// Decides a token's audience and scopes. `bound` is what the grant is already bound to (the
/// authorization request's resources, or a refresh token's), empty when nothing.
pub fn target<'c>(
    catalogue: &'c Catalogue,
    owner_id: &str,
    granted: &ScopeSet,
    requested: &[ApiIdentifier],
    bound: &Binding,
) -> Result<Target<'c>, InvalidTarget> {
    let usable = default_apis(catalogue, owner_id, granted);
    let apis: Vec<&ApiRow> = if requested.is_empty() {
        if bound.is_empty() {
            usable
        } else {
            bound.ids().filter_map(|id| catalogue.by_id(id)).collect()
        }
    } else {
        let mut chosen = Vec::new();
        for identifier in requested {
            let api = catalogue
                .by_identifier(identifier.as_str())
                .filter(|api| {
                    Catalogue::is_built_in(api) || usable.iter().any(|held| held.id == api.id)
                })
                .ok_or_else(|| {
                    InvalidTarget(format!(
                        "The resource `{identifier}` is not an API this app may get tokens for with these scopes."
                    ))
                })?;
            if !bound.is_empty() && !bound.contains(&api.id) {
                return Err(InvalidTarget(format!(
                    "The resource `{identifier}` was not part of the original grant; a token can be narrowed to fewer resources, not widened."
                )));
            }
            if !chosen.iter().any(|held: &&ApiRow| held.id == api.id) {
                chosen.push(api);
            }
        }
        chosen
    };
    if apis.is_empty() {
        return Err(InvalidTarget(
            "None of the APIs this grant was for exists any more.".to_owned(),
        ));
    }
    let scopes = granted.clone().retain_resources(|resource| {
        catalogue
            .api_of(resource)
            .is_some_and(|owner| apis.iter().any(|api| api.id == owner.id))
    });
    // A token that would carry nothing for the APIs it names is refused, rather than issued
    // empty (section 2: the resource is not one these scopes are for).
    if !requested.is_empty() && scopes.is_empty() {
        return Err(InvalidTarget(
            "None of the granted scopes are for the requested resources.".to_owned(),
        ));
    }
    let single_api = match apis.as_slice() {
        [api] if !Catalogue::is_built_in(api) => Some(*api),
        _ => None,
    };
    Ok(Target {
        audience: Audience::of(apis.iter().map(|api| api.identifier.clone())),
        binding: Binding::of(apis.iter().map(|api| api.id.as_str())),
        scopes,
        single_api,
    })
}

#[cfg(test)]
mod tests {
    use shared::registered_api::ApiVisibility;

    use super::*;
    use crate::apis::catalogue::{built_in_identifier, test_api};

    const BUILT_IN: &str = "https://auth.example.com/api/v1";

    fn catalogue() -> Catalogue {
        Catalogue::new(
            built_in_identifier("https://auth.example.com"),
            vec![
                test_api("calendar", "alice", ApiVisibility::Private, &["calendar"]),
                test_api("crm", "bob", ApiVisibility::Developers, &["contacts"]),
            ],
        )
    }

    fn identifiers(list: &[&str]) -> Vec<ApiIdentifier> {
        list.iter()
            .map(|text| ApiIdentifier::try_from(*text).unwrap())
            .collect()
    }

    /// The outcome as (audience, scopes) or the start of the refusal.
    fn outcome(
        owner: &str,
        granted: &str,
        requested: &[&str],
        bound: &[&str],
    ) -> Result<(String, String), String> {
        let catalogue = catalogue();
        let granted: ScopeSet = granted.parse().unwrap();
        // Bindings are stored by API id; the table names APIs by identifier.
        let bound = Binding::of(
            bound
                .iter()
                .map(|identifier| catalogue.by_identifier(identifier).unwrap().id.as_str()),
        );
        target(&catalogue, owner, &granted, &identifiers(requested), &bound)
            .map(|target| (target.audience.to_column(), target.scopes.to_string()))
            .map_err(|InvalidTarget(why)| why)
    }

    /// One request: who developed the app, what the grant holds, the `resource` parameters,
    /// what the grant is already bound to.
    struct Case {
        developer: &'static str,
        granted: &'static str,
        resources: &'static [&'static str],
        bound: &'static [&'static str],
    }

    impl Case {
        fn outcome(&self) -> Result<(String, String), String> {
            outcome(self.developer, self.granted, self.resources, self.bound)
        }
    }

    const CALENDAR: &str = "https://calendar.example.com";
    const CRM: &str = "https://crm.example.com";
    const ALL: &str = "files:read calendar:read contacts:read openid";

    #[test]
    fn resource_indicators_decide_audience_and_scopes() {
        let case = |resources, bound| Case {
            developer: "alice",
            granted: ALL,
            resources,
            bound,
        };
        let table: [(Case, &str, &str); 6] = [
            // No resource: every API the scopes belong to.
            (
                case(&[], &[]),
                "https://auth.example.com/api/v1 https://calendar.example.com https://crm.example.com",
                ALL,
            ),
            // Only identity scopes: the built-in API.
            (
                Case {
                    granted: "openid email",
                    ..case(&[], &[])
                },
                BUILT_IN,
                "openid email",
            ),
            // One resource: its scopes only, identity scopes kept.
            (case(&[CALENDAR], &[]), CALENDAR, "calendar:read openid"),
            (
                case(&[CRM, BUILT_IN], &[]),
                "https://crm.example.com https://auth.example.com/api/v1",
                "files:read contacts:read openid",
            ),
            // Narrowing a bound grant is fine.
            (case(&[CRM], &[CALENDAR, CRM]), CRM, "contacts:read openid"),
            // Without resource, a bound grant keeps its binding.
            (case(&[], &[CRM]), CRM, "contacts:read openid"),
        ];
        for (case, audience, scopes) in table {
            assert_eq!(
                case.outcome(),
                Ok((audience.to_owned(), scopes.to_owned())),
                "{} {:?} {:?}",
                case.granted,
                case.resources,
                case.bound
            );
        }
    }

    #[test]
    fn unknown_unauthorised_or_wider_resources_are_invalid_targets() {
        let table: [(Case, &str); 4] = [
            (
                Case {
                    developer: "alice",
                    granted: "calendar:read",
                    resources: &["https://unknown.example.com"],
                    bound: &[],
                },
                "is not an API this app may get tokens for",
            ),
            // Bob may not use Alice's private API, even if his scopes somehow name it.
            (
                Case {
                    developer: "bob",
                    granted: "calendar:read contacts:read",
                    resources: &[CALENDAR],
                    bound: &[],
                },
                "is not an API this app may get tokens for",
            ),
            // An API the grant holds no scope of.
            (
                Case {
                    developer: "alice",
                    granted: "files:read",
                    resources: &[CRM],
                    bound: &[],
                },
                "is not an API this app may get tokens for",
            ),
            // Wider than the binding.
            (
                Case {
                    developer: "alice",
                    granted: "calendar:read contacts:read",
                    resources: &[CRM],
                    bound: &[CALENDAR],
                },
                "was not part of the original grant",
            ),
        ];
        for (case, why) in table {
            let refusal = case.outcome().unwrap_err();
            assert!(refusal.contains(why), "{:?}: {refusal}", case.resources);
        }
    }

    #[test]
    fn resource_values_must_be_absolute_uris_without_fragments() {
        for bad in ["calendar", "https://api.example.com/#x", "", "urn:x"] {
            assert!(parse_resources(&[bad]).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse_resources(&["https://api.example.com"]).unwrap().len(),
            1
        );
    }
}
