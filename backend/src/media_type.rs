//! The one reading of a `Content-Type` header (RFC 9110 section 8.3.1): its media type is what
//! comes before any `;` parameters, compared without regard to case or surrounding spaces.

use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;

/// Whether `headers` say their body is of the media type `expected` (lower case, e.g.
/// `application/json`), whatever parameters (`charset`) follow it.
pub fn is(headers: &HeaderMap, expected: &str) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media_type| media_type.trim().eq_ignore_ascii_case(expected))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn the_media_type_is_read_without_its_parameters_case_or_spaces() {
        let table = [
            ("application/json", true),
            ("Application/JSON; charset=utf-8", true),
            (" application/json ;charset=utf-8", true),
            ("application/jsonp", false),
            ("application/json-patch+json", false),
            ("text/plain", false),
        ];
        for (value, expected) in table {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(value));
            assert_eq!(is(&headers, "application/json"), expected, "{value}");
        }
        assert!(!is(&HeaderMap::new(), "application/json"));
    }
}
