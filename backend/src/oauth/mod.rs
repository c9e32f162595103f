//! The OAuth 2.0 authorization server: authorization, token, revocation and introspection
//! endpoints, and the metadata that lets client libraries find them.

pub mod audience;
pub mod authorize;
pub mod authorize_request;
pub mod bearer;
pub mod client_auth;
pub mod cors;
pub mod decision;
pub mod device;
pub mod error;
pub mod form;
pub mod from_this_site;
pub mod grants;
pub mod introspect;
pub mod issue;
pub mod jwt;
pub mod lookup;
pub mod metadata;
pub mod page_error;
pub mod page_sign_in;
pub mod pages;
pub mod pkce;
pub mod redirect;
pub mod registration;
pub mod revoke;
pub mod scopes;
pub mod second_factor;
pub mod switch_account;
pub mod token;
pub mod token_request;
pub mod userinfo;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{middleware, Router};
use shared::endpoints;

use crate::state::AppState;

pub fn router(state: AppState) -> Router<AppState> {
    let client_endpoints = Router::new()
        .route(endpoints::TOKEN, post(token::token))
        .route(endpoints::REVOCATION, post(revoke::revoke))
        .route(endpoints::INTROSPECTION, post(introspect::introspect))
        .route(
            endpoints::DEVICE_AUTHORIZATION,
            post(device::authorization::device_authorization),
        )
        .route(endpoints::REGISTRATION, post(registration::register))
        .route(
            "/oauth/register/{client_id}",
            get(registration::read)
                .put(registration::update)
                .delete(registration::delete),
        )
        .layer(middleware::from_fn_with_state(state, cors::oauth_cors));
    Router::new()
        .merge(client_endpoints)
        .merge(pages_with_forms())
        .route(
            pages::layout::STYLESHEET_PATH,
            get(pages::layout::stylesheet),
        )
        .route(pages::layout::ICON_PATH, get(pages::layout::icon))
        .route(
            pages::layout::PASSKEY_SCRIPT_PATH,
            get(pages::layout::passkey_script),
        )
        .route(endpoints::OAUTH_METADATA, get(metadata::oauth_metadata))
        .route(
            endpoints::OPENID_CONFIGURATION,
            get(metadata::openid_metadata),
        )
        .route(endpoints::JWKS, get(metadata::jwks))
        .route(
            endpoints::PROTECTED_RESOURCE_METADATA,
            get(metadata::protected_resource),
        )
        .route(
            endpoints::USERINFO,
            get(userinfo::userinfo).post(userinfo::userinfo),
        )
}

/// The authorization pages' form posts carry a request (a query string) and a few fields.
const FORM_BODY_BYTES: usize = 64 * 1024;

fn pages_with_forms() -> Router<AppState> {
    Router::new()
        .route(
            endpoints::AUTHORIZATION,
            get(authorize::authorize).post(decision::decide::<authorize::ConsentFor>),
        )
        .route(
            authorize::SIGN_IN,
            post(authorize::sign_in::<page_sign_in::PasswordFields>),
        )
        .route(
            page_sign_in::AUTHORIZATION_PASSKEY,
            post(authorize::sign_in::<page_sign_in::PasskeyFields>),
        )
        .route(
            pages::second_factor::SECOND_FACTOR,
            post(second_factor::submit),
        )
        .route(
            endpoints::DEVICE_VERIFICATION,
            get(device::verification::show)
                .post(decision::decide::<device::verification::DeviceFor>),
        )
        .route(
            device::verification::DEVICE_SIGN_IN,
            post(device::verification::sign_in::<page_sign_in::PasswordFields>),
        )
        .route(
            device::verification::DEVICE_PASSKEY_SIGN_IN,
            post(device::verification::sign_in::<page_sign_in::PasskeyFields>),
        )
        .route(
            switch_account::SWITCH_ACCOUNT,
            post(switch_account::switch_account),
        )
        .layer(DefaultBodyLimit::max(FORM_BODY_BYTES))
}
