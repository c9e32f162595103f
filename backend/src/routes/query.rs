//! `ApiQuery<T>`: the console API's query-string extractor. axum's own `Query` answers a
//! query it cannot read (`?limit=ten`) with a plain-text 400; the console API answers every
//! error with its JSON `ApiError` body, as the OpenAPI document says.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(AppError::BadRequest(format!(
                "The query string is not valid: {}",
                rejection.body_text()
            ))),
        }
    }
}
