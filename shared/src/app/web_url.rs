//! Links shown on the consent screen: the app's website, privacy policy and terms.

use crate::text_newtype::text_newtype;

use crate::loopback::is_loopback;
use crate::url_text::{check_typed, parse, url_faults_into, web_authority};

/// Why a link was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebUrlError {
    #[error("Enter a URL, like https://example.com.")]
    Empty,
    #[error("URLs may be at most 2,000 characters long.")]
    TooLong,
    #[error("URLs may not contain spaces, line breaks or other control characters.")]
    Whitespace,
    /// Shared by the website, privacy policy and terms fields, so the example fits all three.
    #[error("Enter a complete URL, like https://example.com.")]
    NotAbsolute,
    #[error("{0}")]
    Malformed(String),
    #[error("The {0}: scheme cannot be used here; use https.")]
    UnsupportedScheme(String),
    #[error("URLs may not contain a user name or password (user@host).")]
    UserInfo,
    #[error("URLs must use https, except http on 127.0.0.1, [::1] or localhost.")]
    InsecureHttp,
}

url_faults_into!(WebUrlError, web);

text_newtype! {
/// An absolute https URL (or http on a loopback host, for apps under development), with
    /// no user-info, at most 2,000 characters. Surrounding spaces are trimmed; the rest is
    /// kept as typed.
    pub struct WebUrl: WebUrlError, checked by web_url_rule;
}

fn validate(text: &str) -> Result<(), WebUrlError> {
    check_typed(text)?;
    let url = parse(text)?;
    web_authority(&url, text)?;
    if url.scheme() == "http" && !is_loopback(&url, text) {
        return Err(WebUrlError::InsecureHttp);
    }
    Ok(())
}

/// `WebUrl`'s rule: the text as kept, or why it is refused.
fn web_url_rule(text: String) -> Result<String, WebUrlError> {
    let trimmed = text.trim();
    validate(trimmed)?;
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text_newtype::check_text_cases;
    use WebUrlError as E;

    #[test]
    fn web_urls_must_be_absolute_https_or_loopback_http() {
        let too_long = format!("https://example.com/{}", "p".repeat(1981));
        let table: Vec<(&str, Result<&str, WebUrlError>)> = vec![
            ("https://example.com", Ok("https://example.com")),
            (
                "  https://example.com/privacy#data  ",
                Ok("https://example.com/privacy#data"),
            ),
            ("HTTPS://EXAMPLE.COM/Terms", Ok("HTTPS://EXAMPLE.COM/Terms")),
            ("https://bücher.example/", Ok("https://bücher.example/")),
            (
                "http://localhost:8080/terms",
                Ok("http://localhost:8080/terms"),
            ),
            ("", Err(E::Empty)),
            ("   ", Err(E::Empty)),
            (&too_long, Err(E::TooLong)),
            ("https://example.com/a b", Err(E::Whitespace)),
            ("example.com", Err(E::NotAbsolute)),
            ("https:example.com", Err(E::NotAbsolute)),
            (
                "mailto:privacy@example.com",
                Err(E::UnsupportedScheme("mailto".into())),
            ),
            (
                "javascript:alert(1)",
                Err(E::UnsupportedScheme("javascript".into())),
            ),
            ("https://user@example.com/", Err(E::UserInfo)),
            ("http://example.com/privacy", Err(E::InsecureHttp)),
            ("http://localhost.evil.com/", Err(E::InsecureHttp)),
        ];
        check_text_cases(table, WebUrl::as_str);
    }

    #[test]
    fn the_incomplete_url_message_gives_an_example_that_fits_every_link_field() {
        assert_eq!(
            WebUrl::try_from("example.com".to_owned())
                .unwrap_err()
                .to_string(),
            "Enter a complete URL, like https://example.com."
        );
    }
}
