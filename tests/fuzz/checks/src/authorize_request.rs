//! The authorization request's query (`clientele::oauth::authorize_request`): the parameters
//! read are those sent, the options read follow PKCE and OpenID Connect's rules, and the query
//! carried past sign-in has no `login` prompt left and nothing else changed.

use clientele::oauth::authorize_request::{read_options, without_login_prompt, QueryParams};
use clientele::oauth::form::MAX_RESOURCES;
use clientele::oauth::pkce;
use shared::app::ClientType;

pub fn check(data: &[u8]) {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    after_sign_in(query);
    let Ok(params) = QueryParams::read(query) else {
        return;
    };
    let mut names = std::collections::HashSet::new();
    for (name, value) in url::form_urlencoded::parse(data) {
        if name != "resource" {
            assert!(names.insert(name.clone()), "{name} twice was read");
            assert_eq!(params.get(&name), Some(&*value).filter(|v| !v.is_empty()));
        }
    }
    assert!(params.resources.len() <= MAX_RESOURCES);

    for client_type in [ClientType::Confidential, ClientType::Public] {
        let Ok(options) = read_options(&params, client_type) else {
            continue;
        };
        match &options.code_challenge {
            // RFC 7636 section 4.3: S256 only here, and public clients must use it.
            Some(challenge) => {
                assert_eq!(params.get("code_challenge_method"), Some("S256"));
                assert!(pkce::is_valid_challenge(challenge));
            }
            None => assert_eq!(client_type, ClientType::Confidential),
        }
        for prompt in &options.prompt {
            assert!(["none", "login", "consent"].contains(&prompt.as_str()));
        }
        if options.prompt.iter().any(|p| p == "none") {
            assert_eq!(options.prompt.len(), 1);
        }
        assert!(options.max_age.is_none_or(|age| age >= 0));
    }
}

/// Without `login` in `prompt`, every other parameter kept in order, and idempotent.
fn after_sign_in(query: &str) {
    let after = without_login_prompt(query);
    assert_eq!(without_login_prompt(&after), after);
    let pairs = |text: &str| -> Vec<(String, String)> {
        url::form_urlencoded::parse(text.as_bytes())
            .into_owned()
            .collect()
    };
    let others = |pairs: Vec<(String, String)>| -> Vec<(String, String)> {
        pairs
            .into_iter()
            .filter(|(name, _)| name != "prompt")
            .collect()
    };
    for (name, value) in pairs(&after) {
        if name == "prompt" {
            assert!(!value.split(' ').any(|p| p == "login"), "{query:?}");
        }
    }
    assert_eq!(others(pairs(&after)), others(pairs(query)));
}
