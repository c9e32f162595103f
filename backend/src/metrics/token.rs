//! The bearer token `/metrics` asks for when `--metrics-token` is set. Only its SHA-256 is kept,
//! and a presented token is compared by hash in constant time (`crypto::constant_time_eq`), so
//! neither the answer's timing nor a dump of the configuration shows it.

use crate::crypto::{constant_time_eq, token_hash};

/// Fewer characters than this cannot be a token worth guessing against.
const MIN_LENGTH: usize = 16;

#[derive(Clone)]
pub struct MetricsToken {
    hash: String,
}

impl MetricsToken {
    /// Reads `--metrics-token`: at least 16 visible ASCII characters (it travels in a header).
    pub fn parse(value: &str) -> Result<MetricsToken, String> {
        if !value.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err("use visible ASCII characters only, without spaces".to_owned());
        }
        if value.len() < MIN_LENGTH {
            return Err(format!("use at least {MIN_LENGTH} characters"));
        }
        Ok(MetricsToken {
            hash: token_hash(value),
        })
    }

    /// Whether `presented` is the token.
    pub fn admits(&self, presented: &str) -> bool {
        constant_time_eq(&token_hash(presented), &self.hash)
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_metrics_token_is_long_visible_ascii_and_admits_only_itself() {
        let token = MetricsToken::parse("scrape-me-0123456789").unwrap();
        assert!(token.admits("scrape-me-0123456789"));
        for wrong in [
            "scrape-me-012345678",
            "scrape-me-0123456789 ",
            "",
            "SCRAPE-ME-0123456789",
        ] {
            assert!(!token.admits(wrong), "{wrong:?}");
        }
        for bad in [
            "short",
            "has a space in it here",
            "tab\there-0123456789",
            "ünïcödé-0123456789",
        ] {
            assert!(MetricsToken::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(format!("{token:?}"), "MetricsToken(…)");
    }
}
