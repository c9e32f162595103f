//! `ApiJson<T>`: the console API's JSON body extractor. Bodies are deserialised straight into
//! the shared newtypes, so a value that breaks a rule is refused here, with the rule's own
//! message under the field's name (`redirect_uris.2`), the same text the console shows.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

use crate::error::AppError;
use crate::media_type;

#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !media_type::is(request.headers(), "application/json") {
            return Err(AppError::BadRequest(
                "Send the body as JSON with Content-Type: application/json.".into(),
            ));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::PayloadTooLarge
                } else {
                    AppError::BadRequest("The request body could not be read.".into())
                }
            })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Deserialises JSON, turning a broken rule into a per-field validation error.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let field = field_name(err.path());
        let inner = err.into_inner();
        if !inner.is_data() || field.is_empty() {
            return AppError::BadRequest(format!(
                "The request body is not valid JSON: {}",
                without_position(&inner)
            ));
        }
        AppError::field(field, without_position(&inner))
    })?;
    // A body is one JSON text (RFC 8259 section 2): `{…}GARBAGE` or two objects in a row is not
    // JSON, and reading only the first value would let anything ride along unseen.
    deserializer.end().map_err(|_| {
        AppError::BadRequest(
            "The request body is not valid JSON: there is more after the JSON value.".into(),
        )
    })?;
    Ok(value)
}

/// `redirect_uris.2` for the third item of `redirect_uris`, as the shared form names fields.
fn field_name(path: &serde_path_to_error::Path) -> String {
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// serde_json appends " at line 1 column 42"; people reading the message under a field do not
/// need it.
fn without_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        items: Vec<u8>,
    }

    #[test]
    fn a_bad_list_item_is_reported_under_its_index() {
        let Err(AppError::Validation(fields)) =
            parse::<Sample>(br#"{"name":"x","items":[1,"two"]}"#)
        else {
            panic!("expected a validation error");
        };
        assert!(fields["items.1"].starts_with("invalid type"), "{fields:?}");
    }

    #[test]
    fn anything_after_the_json_value_is_a_bad_request() {
        for body in [
            &br#"{"name":"x","items":[]}GARBAGE"#[..],
            br#"{"name":"x","items":[]}{"name":"y","items":[]}"#,
            br#"{"name":"x","items":[]} 1"#,
        ] {
            let Err(AppError::BadRequest(message)) = parse::<Sample>(body) else {
                panic!(
                    "expected a bad request for {}",
                    String::from_utf8_lossy(body)
                );
            };
            assert!(message.contains("more after the JSON value"), "{message}");
        }
        assert!(
            parse::<Sample>(b" {\"name\":\"x\",\"items\":[]} \n").is_ok(),
            "white space around the value is fine"
        );
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        assert!(matches!(
            parse::<Sample>(b"{\"name\":"),
            Err(AppError::BadRequest(_))
        ));
    }
}
