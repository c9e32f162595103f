//! Throttles failed sign-ins per account and per client address (OWASP authentication
//! guidance), counting failures in fixed windows of the server's clock.
//!
//! The counters live in this process: with several nodes each node allows its own budget,
//! which bounds a guesser to `nodes x limit` attempts per window.

use std::collections::HashMap;
use std::sync::Mutex;

/// Failures allowed per account in one window.
pub const PER_ACCOUNT: u32 = 5;
/// Failures allowed per client address in one window (several people may share one).
pub const PER_ADDRESS: u32 = 20;
pub const WINDOW_SECONDS: i64 = 15 * 60;

#[derive(Debug, Default)]
pub struct SignInLimiter {
    failures: Mutex<HashMap<String, (i64, u32)>>,
}

impl SignInLimiter {
    /// Seconds to wait when either key has used up its budget, `None` when sign-in may proceed.
    pub fn blocked_for(&self, account: &str, address: &str, now: i64) -> Option<u64> {
        let failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        [
            (account_key(account), PER_ACCOUNT),
            (address_key(address), PER_ADDRESS),
        ]
        .into_iter()
        .filter_map(|(key, limit)| {
            let (window_start, count) = *failures.get(&key)?;
            let remaining = window_start + WINDOW_SECONDS - now;
            (remaining > 0 && count >= limit).then_some(remaining as u64)
        })
        .max()
    }

    pub fn record_failure(&self, account: &str, address: &str, now: i64) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if failures.len() > 100_000 {
            failures.retain(|_, (start, _)| *start + WINDOW_SECONDS > now);
        }
        for key in [account_key(account), address_key(address)] {
            let entry = failures.entry(key).or_insert((now, 0));
            if entry.0 + WINDOW_SECONDS <= now {
                *entry = (now, 0);
            }
            entry.1 += 1;
        }
    }

    /// A successful sign-in clears the account's count (not the address's).
    pub fn record_success(&self, account: &str) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.remove(&account_key(account));
    }
}

fn account_key(account: &str) -> String {
    format!("account:{}", account.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_blocked_after_five_failures_until_the_window_ends() {
        let limiter = SignInLimiter::default();
        for _ in 0..PER_ACCOUNT {
            assert_eq!(limiter.blocked_for("a@example.com", "10.0.0.1", 1000), None);
            limiter.record_failure("a@example.com", "10.0.0.1", 1000);
        }
        assert_eq!(
            limiter.blocked_for("A@example.com", "10.0.0.2", 1000),
            Some(WINDOW_SECONDS as u64)
        );
        assert_eq!(
            limiter.blocked_for("a@example.com", "10.0.0.2", 1000 + WINDOW_SECONDS),
            None
        );
    }

    #[test]
    fn an_address_is_blocked_after_twenty_failures_across_accounts() {
        let limiter = SignInLimiter::default();
        for n in 0..PER_ADDRESS {
            limiter.record_failure(&format!("user{n}@example.com"), "10.0.0.9", 50);
        }
        assert!(limiter
            .blocked_for("fresh@example.com", "10.0.0.9", 60)
            .is_some());
        assert!(limiter
            .blocked_for("fresh@example.com", "10.0.0.8", 60)
            .is_none());
    }

    #[test]
    fn a_success_clears_the_account_count() {
        let limiter = SignInLimiter::default();
        for _ in 0..PER_ACCOUNT {
            limiter.record_failure("b@example.com", "10.0.0.1", 0);
        }
        limiter.record_success("b@example.com");
        assert_eq!(limiter.blocked_for("b@example.com", "10.0.0.3", 1), None);
    }
}
