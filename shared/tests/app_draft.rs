mod support;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use shared::api::{AppDetail, AppDraft, AppSettings};
use shared::app::{ClientType, GrantType, IdTokenAlg, TokenFormat};
use shared::field_errors::FieldErrors;
use shared::scope::{Access, BuiltIn, IdentityScope, ScopeSet};
use support::png;

fn valid_draft() -> AppDraft {
    AppDraft {
        name: "  Photo Sync ".into(),
        website: "https://photosync.example".into(),
        description: "Backs up your photos.".into(),
        icon: Some(format!(
            "data:image/png;base64,{}",
            STANDARD.encode(png(64, 64))
        )),
        client_type: ClientType::Confidential,
        redirect_uris: vec![
            "https://photosync.example/callback".into(),
            "http://127.0.0.1/callback".into(),
        ],
        allowed_origins: vec!["https://PhotoSync.example/".into()],
        scopes: ScopeSet::empty()
            .with(BuiltIn::Files, Access::ReadWrite)
            .with_identity(IdentityScope::OpenId),
        grant_types: vec![GrantType::AuthorizationCode, GrantType::RefreshToken],
        privacy_policy_url: "https://photosync.example/privacy".into(),
        terms_url: "https://photosync.example/terms".into(),
        token_format: TokenFormat::Jwt,
        id_token_alg: IdTokenAlg::Es256,
        team: None,
    }
}

fn keys(errors: &FieldErrors) -> Vec<&str> {
    errors.keys().map(String::as_str).collect()
}

#[test]
fn a_valid_draft_becomes_typed_settings() {
    let settings = valid_draft().validate().unwrap();
    assert_eq!(settings.name.as_str(), "Photo Sync");
    assert_eq!(
        settings.allowed_origins.as_slice()[0].as_str(),
        "https://photosync.example"
    );
    assert!(settings.redirect_uris.as_slice()[1].is_loopback());
    assert_eq!(
        settings.icon.as_ref().map(|icon| icon.info().width),
        Some(Some(64))
    );
    assert!(settings.grant_types.contains(GrantType::RefreshToken));
    assert_eq!(settings.token_format, TokenFormat::Jwt);
    assert_eq!(settings.id_token_alg, IdTokenAlg::Es256);
}

#[test]
fn settings_turned_back_into_a_draft_validate_to_the_same_settings() {
    let mut settings = valid_draft().validate().unwrap();
    settings.icon = None;
    assert_eq!(settings.to_draft().validate().unwrap(), settings);
}

#[test]
fn a_blank_draft_reports_every_missing_field_at_once() {
    let errors = AppDraft::default().validate().unwrap_err();
    assert_eq!(
        keys(&errors),
        [
            "grant_types",
            "name",
            "privacy_policy_url",
            "redirect_uris",
            "scopes",
            "terms_url",
            "website"
        ]
    );
    assert_eq!(errors["scopes"], "Choose at least one access scope.");
    assert_eq!(errors["redirect_uris"], "Add at least one redirect URL.");
    assert_eq!(errors["name"], "Enter a name for the app.");
}

#[test]
fn each_broken_field_is_reported_under_its_own_key() {
    type Edit = fn(&mut AppDraft);
    let table: [(Edit, &str, &str); 11] = [
        (|d| d.name = "ab".into(), "name", "App names must be at least 3 characters long."),
        (|d| d.website = "photosync.example".into(), "website", "Enter a complete URL, like https://example.com."),
        (|d| d.website = "http://photosync.example".into(), "website", "URLs must use https, except http on 127.0.0.1, [::1] or localhost."),
        (|d| d.description = "x".repeat(501), "description", "Descriptions may be at most 500 characters long."),
        (|d| d.icon = Some(STANDARD.encode(png(31, 31))), "icon", "Icons must be at least 32×32 pixels; this one is 31×31."),
        (|d| d.redirect_uris.push("https://photosync.example/cb#x".into()), "redirect_uris.2", "Redirect URLs may not contain a fragment (the part from #)."),
        (|d| d.redirect_uris.push("https://photosync.example/callback".into()), "redirect_uris.2", "This redirect URL is already in the list."),
        (|d| d.redirect_uris = (0..11).map(|i| format!("https://a.example/{i}")).collect(), "redirect_uris", "An app may have at most 10 redirect URLs."),
        (|d| d.allowed_origins.push("https://photosync.example/app".into()), "allowed_origins.1", "Origins are only scheme, host and port, like https://app.example.com; remove the path."),
        (|d| d.grant_types = vec![GrantType::RefreshToken], "grant_types", "Refresh tokens are only issued with the authorization code, device code or password grant; choose one of those too."),
        (|d| { d.client_type = ClientType::Public; d.grant_types.push(GrantType::ClientCredentials) }, "grant_types", "Public apps cannot use client credentials: they have no secret to authenticate with."),
    ];
    for (edit, key, message) in table {
        let mut draft = valid_draft();
        edit(&mut draft);
        let errors = draft.validate().unwrap_err();
        assert_eq!(
            errors
                .iter()
                .map(|(k, m)| (k.as_str(), m.as_str()))
                .collect::<Vec<_>>(),
            [(key, message)],
            "{key}"
        );
        assert_eq!(draft.validate_field(key).as_deref(), Some(message));
        assert_eq!(draft.validate_field("terms_url"), None);
    }
}

#[test]
fn a_partial_json_body_still_deserialises_into_a_draft() {
    let draft: AppDraft =
        serde_json::from_str(r#"{"name":"Photo Sync","scopes":"files:write"}"#).unwrap();
    assert_eq!(draft.scopes.to_canonical_string(), "files:read files:write");
    assert_eq!(draft.client_type, ClientType::Confidential);
    assert_eq!(draft.token_format, TokenFormat::Opaque);
    assert!(serde_json::from_str::<AppDraft>(r#"{"scopes":"files:delete"}"#).is_err());
    assert!(serde_json::from_str::<AppDraft>(r#"{"grant_types":["implicit"]}"#).is_err());
}

#[test]
fn app_settings_are_also_a_request_body_that_refuses_bad_values() {
    let settings = valid_draft().validate().unwrap();
    let json = serde_json::to_value(&settings).unwrap();
    assert_eq!(json["scopes"], "files:read files:write openid");
    assert_eq!(json["allowed_origins"][0], "https://photosync.example");
    assert_eq!(
        serde_json::from_value::<AppSettings>(json.clone()).unwrap(),
        settings
    );
    let mut bad = json;
    bad["redirect_uris"][0] = "http://photosync.example/cb".into();
    let error = serde_json::from_value::<AppSettings>(bad).unwrap_err();
    assert!(error.to_string().contains("must use https"), "{error}");
}

#[test]
fn an_app_detail_opens_in_the_edit_form_keeping_its_icon() {
    let settings = valid_draft().validate().unwrap();
    let detail = AppDetail {
        client_id: "id".into(),
        name: settings.name.as_str().into(),
        website: settings.website.as_str().into(),
        description: settings.description.as_str().into(),
        icon_url: Some("/icons/id.png".into()),
        client_type: settings.client_type,
        redirect_uris: settings
            .redirect_uris
            .iter()
            .map(|u| u.as_str().to_owned())
            .collect(),
        allowed_origins: settings
            .allowed_origins
            .iter()
            .map(|o| o.as_str().to_owned())
            .collect(),
        scopes: settings.scopes.clone(),
        grant_types: settings.grant_types.to_vec(),
        privacy_policy_url: settings.privacy_policy_url.as_str().into(),
        terms_url: settings.terms_url.as_str().into(),
        token_format: settings.token_format,
        id_token_alg: settings.id_token_alg,
        created_at: 1,
        updated_at: 2,
        owner_email: "ada@example.com".into(),
        disabled: false,
        team: None,
        may_change: true,
    };
    let draft = detail.to_draft();
    assert_eq!(draft.icon, None);
    assert_eq!(draft, settings.to_draft());
}

#[test]
fn the_recommended_draft_starts_with_one_empty_redirect_uri_and_the_code_flow() {
    let draft = AppDraft::recommended();
    assert_eq!(draft.redirect_uris, [""]);
    assert_eq!(
        draft.grant_types,
        [GrantType::AuthorizationCode, GrantType::RefreshToken]
    );
    assert_eq!(
        draft.validate_field("redirect_uris.0").as_deref(),
        Some("Enter a redirect URL.")
    );
}
