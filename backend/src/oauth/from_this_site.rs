//! The pages' forms (sign-in, second factor, consent, account switch) are taken from this site
//! only, by the one same-origin rule (`auth::origin_check`): another site's form is refused
//! with a page before anything in it is read.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;

use super::pages::cross_site_form;
use crate::auth::origin_check::from_this_site_or_program;
use crate::state::AppState;

/// A `POST` of a pages' form sent from this site (or by a program, which sends no browser
/// headers); any other gets [`cross_site_form`].
pub struct FromThisSite;

impl FromRequestParts<AppState> for FromThisSite {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if from_this_site_or_program(state, &parts.headers) {
            Ok(FromThisSite)
        } else {
            Err(cross_site_form())
        }
    }
}
