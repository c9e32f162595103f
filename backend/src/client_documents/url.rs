//! The client id of a metadata-document client: an https URL, as section 3 of
//! draft-ietf-oauth-client-id-metadata-document requires it.

use url::Url;

/// Longer client ids are refused before anything is fetched.
pub const MAX_URL_CHARS: usize = 2000;

/// Whether `client_id` means a metadata document at all (apps' own ids never look like URLs),
/// so a malformed one gets the document rules' message instead of "unknown app".
pub fn names_a_document(client_id: &str) -> bool {
    let lower = client_id.get(..8).map(str::to_ascii_lowercase);
    lower.as_deref() == Some("https://")
        || client_id
            .get(..7)
            .is_some_and(|start| start.eq_ignore_ascii_case("http://"))
}

/// A client id that is a valid document URL, in the one spelling that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentUrl {
    url: Url,
}

impl TryFrom<&str> for DocumentUrl {
    type Error = String;

    fn try_from(text: &str) -> Result<Self, String> {
        if text.len() > MAX_URL_CHARS {
            return Err(format!(
                "The client id is longer than {MAX_URL_CHARS} characters."
            ));
        }
        let url = Url::parse(text).map_err(|err| format!("The client id is not a URL: {err}."))?;
        if url.scheme() != "https" {
            return Err("A client id that is a URL must use https (the metadata document is fetched over https only).".to_owned());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("A client id URL must not contain a user name or password.".to_owned());
        }
        if url.fragment().is_some() {
            return Err("A client id URL must not contain a fragment (#…).".to_owned());
        }
        if url.path() == "/" {
            return Err("A client id URL must have a path (the metadata document's own, such as /oauth/client.json).".to_owned());
        }
        if !matches!(
            url.host(),
            Some(url::Host::Domain(_) | url::Host::Ipv4(_) | url::Host::Ipv6(_))
        ) {
            return Err("A client id URL must name a host.".to_owned());
        }
        // The document's `client_id` is compared with this text character by character
        // (section 4.1), so the id must already be in its one normal spelling: no `.` or `..`
        // segments, a lower-case host, no default port.
        if url.as_str() != text {
            return Err(format!(
                "A client id URL must be written in its normal form ({}), without dot segments.",
                url.as_str()
            ));
        }
        Ok(DocumentUrl { url })
    }
}

impl DocumentUrl {
    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The host in its ASCII form (as the hosts allow list is written).
    pub fn host(&self) -> String {
        self.url.host_str().unwrap_or_default().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_normal_https_urls_with_a_path_are_document_ids() {
        // (client id, accepted)
        let table = [
            ("https://app.example.com/oauth/client.json", true),
            ("https://app.example.com:8443/client", true),
            ("https://127.0.0.1:9000/client.json", true),
            ("https://app.example.com/client?v=2", true),
            ("http://app.example.com/client.json", false),
            ("https://app.example.com", false),
            ("https://app.example.com/", false),
            ("https://app.example.com/client#frag", false),
            ("https://user:pw@app.example.com/client", false),
            ("https://app.example.com/a/../client", false),
            ("https://app.example.com/./client", false),
            ("https://APP.example.com/client", false),
            ("https://app.example.com:443/client", false),
            ("https:///client", false),
        ];
        for (text, accepted) in table {
            assert_eq!(DocumentUrl::try_from(text).is_ok(), accepted, "{text}");
        }
        let long = format!("https://app.example.com/{}", "a".repeat(MAX_URL_CHARS));
        assert!(DocumentUrl::try_from(long.as_str()).is_err());
    }

    #[test]
    fn apps_own_ids_do_not_name_documents() {
        assert!(names_a_document("https://app.example.com/c"));
        assert!(names_a_document("HTTP://app.example.com/c"));
        assert!(!names_a_document("app_0123456789abcdef"));
        assert!(!names_a_document("https:"));
        assert!(!names_a_document("é"));
    }
}
