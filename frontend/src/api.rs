//! The only module that talks HTTP. Every call is typed with the `shared` crate's request and
//! response types, and every failure becomes an `ApiFailure` the pages show in words.

use std::fmt;

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use shared::api::{ApiError, ServerInfo};

const BASE: &str = "/api/v1";

/// Why a console API call did not give the expected answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server could not be reached (offline, server down).
    Network(String),
    /// The server answered with an error body.
    Api { status: u16, error: ApiError },
    /// The server answered with something that is not the expected JSON.
    Unexpected(String),
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiFailure::Network(_) => f.write_str("The server could not be reached. Check your connection and try again."),
            ApiFailure::Api { error, .. } => f.write_str(&error.message),
            ApiFailure::Unexpected(detail) => write!(f, "The server sent an unexpected answer ({detail})."),
        }
    }
}

pub async fn server_info() -> Result<ServerInfo, ApiFailure> {
    get("/server").await
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let response = Request::get(&format!("{BASE}{path}"))
        .send()
        .await
        .map_err(|err| ApiFailure::Network(err.to_string()))?;
    read(response).await
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let status = response.status();
    if response.ok() {
        return response.json::<T>().await.map_err(|err| ApiFailure::Unexpected(err.to_string()));
    }
    match response.json::<ApiError>().await {
        Ok(error) => Err(ApiFailure::Api { status, error }),
        Err(_) => Err(ApiFailure::Unexpected(format!("HTTP {status}"))),
    }
}
