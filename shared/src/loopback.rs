//! Loopback hosts: where http is still acceptable (RFC 8252 7.3 and 8.3, RFC 9700 2.1),
//! because the traffic never leaves the machine.

use std::net::{Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

use crate::url_text::{authority, host_as_written};

/// The loopback hosts accepted, as they must be written (letter case aside). Other
/// spellings the URL parser would also map to loopback (`127.1`, `0x7f.0.0.1`,
/// `[0:0:0:0:0:0:0:1]`) are refused so the registered text says plainly where it goes.
pub(crate) const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "[::1]", "localhost"];

/// Whether `url`, parsed from `text`, points at the loopback interface, judged both on the
/// parsed host and on the host as written. Look-alikes such as `localhost.evil.com`
/// or `127.0.0.1.nip.io` are ordinary domains and are not loopback.
pub(crate) fn is_loopback(url: &Url, text: &str) -> bool {
    let parsed = match url.host() {
        Some(Host::Ipv4(ip)) => ip == Ipv4Addr::LOCALHOST,
        Some(Host::Ipv6(ip)) => ip == Ipv6Addr::LOCALHOST,
        Some(Host::Domain(domain)) => domain == "localhost",
        None => false,
    };
    let written = authority(text).map(host_as_written).unwrap_or("");
    parsed
        && LOOPBACK_HOSTS
            .iter()
            .any(|host| host.eq_ignore_ascii_case(written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_three_plain_loopback_spellings_count() {
        let table = [
            ("http://127.0.0.1/cb", true),
            ("http://127.0.0.1:8080/cb", true),
            ("http://[::1]:8080/cb", true),
            ("http://localhost/cb", true),
            ("HTTP://LOCALHOST/cb", true),
            ("http://localhost.evil.com/cb", false),
            ("http://127.0.0.1.nip.io/cb", false),
            ("http://localhost./cb", false),
            ("http://127.1/cb", false),
            ("http://0x7f.0.0.1/cb", false),
            ("http://[0:0:0:0:0:0:0:1]/cb", false),
            ("http://127.0.0.2/cb", false),
            ("http://example.com/cb", false),
        ];
        for (text, expected) in table {
            let url = Url::parse(text).unwrap();
            assert_eq!(is_loopback(&url, text), expected, "{text}");
        }
    }
}
