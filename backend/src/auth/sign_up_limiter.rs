//! Throttles sign-ups per client address (and, keyed otherwise, other attempts counted per
//! window: device codes tried, password-reset mails asked for).
//!
//! Sign-up answers "an account with this email already exists", which the console needs to
//! send a person to the sign-in page instead. Without a limit that answer is a cheap oracle
//! for which addresses have accounts (OWASP Authentication Cheat Sheet, "Authentication and
//! Error Messages"); with one, an address can test only a handful of emails per hour, and each
//! test costs an Argon2 hash. Every attempt is counted before it is handled, so parallel
//! requests cannot slip past the check.
//!
//! Memory is bounded: at most `MAX_TRACKED` addresses are remembered; when full, expired
//! windows are dropped first, then the oldest window. IPv6 clients are counted per /64, the
//! block one subscriber usually holds.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;

/// Addresses remembered at most (about 100 bytes each).
pub const MAX_TRACKED: usize = 10_000;

/// Attempts counted per key (`K`: an address by default) in fixed windows.
#[derive(Debug)]
pub struct SignUpLimiter<K = IpAddr> {
    per_window: u32,
    window_seconds: i64,
    attempts: Mutex<HashMap<K, (i64, u32)>>,
}

impl<K: Hash + Eq + Copy> SignUpLimiter<K> {
    /// At most `per_window` attempts per key in each window of `window_seconds`; 0 turns
    /// the limit off.
    pub fn new(per_window: u32, window_seconds: i64) -> SignUpLimiter<K> {
        SignUpLimiter {
            per_window,
            window_seconds: window_seconds.max(1),
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt for `key`; `Err(seconds)` to wait when its budget is spent.
    pub fn attempt_for(&self, key: K, now: i64) -> Result<(), u64> {
        if self.per_window == 0 {
            return Ok(());
        }
        let mut attempts = self
            .attempts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if attempts.len() >= MAX_TRACKED && !attempts.contains_key(&key) {
            self.make_room(&mut attempts, now);
        }
        let entry = attempts.entry(key).or_insert((now, 0));
        if entry.0 + self.window_seconds <= now {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_window {
            return Err((entry.0 + self.window_seconds - now).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
    }

    fn make_room(&self, attempts: &mut HashMap<K, (i64, u32)>, now: i64) {
        attempts.retain(|_, (start, _)| *start + self.window_seconds > now);
        if attempts.len() >= MAX_TRACKED {
            let oldest = attempts
                .iter()
                .min_by_key(|(_, (start, _))| *start)
                .map(|(key, _)| *key);
            if let Some(oldest) = oldest {
                attempts.remove(&oldest);
            }
        }
    }

    #[cfg(test)]
    fn tracked(&self) -> usize {
        self.attempts.lock().unwrap().len()
    }
}

impl SignUpLimiter<IpAddr> {
    /// Counts an attempt from `address`; `Err(seconds)` to wait when its budget is spent.
    pub fn attempt(&self, address: &str, now: i64) -> Result<(), u64> {
        self.attempt_for(key_of(address), now)
    }
}

/// The address, with IPv6 cut to its /64; unparseable text counts as one shared address.
fn key_of(address: &str) -> IpAddr {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            IpAddr::from(segments)
        }
        Ok(v4) => v4,
        Err(_) => IpAddr::from([0u8, 0, 0, 0]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_budget_per_window_and_then_waits_for_the_next() {
        let limiter = SignUpLimiter::new(3, 3600);
        for _ in 0..3 {
            assert_eq!(limiter.attempt("10.0.0.1", 100), Ok(()));
        }
        assert_eq!(limiter.attempt("10.0.0.1", 100), Err(3600));
        assert_eq!(limiter.attempt("10.0.0.1", 1000), Err(2700));
        assert_eq!(limiter.attempt("10.0.0.2", 1000), Ok(()));
        assert_eq!(limiter.attempt("10.0.0.1", 3700), Ok(()));
    }

    #[test]
    fn ipv6_addresses_in_one_slash_64_share_a_budget() {
        let limiter = SignUpLimiter::new(1, 60);
        assert_eq!(limiter.attempt("2001:db8:1:2::1", 0), Ok(()));
        assert!(limiter.attempt("2001:db8:1:2:ffff::9", 0).is_err());
        assert_eq!(limiter.attempt("2001:db8:1:3::1", 0), Ok(()));
    }

    #[test]
    fn memory_stays_bounded_when_many_addresses_sign_up() {
        let limiter = SignUpLimiter::new(5, 3600);
        for n in 0..(MAX_TRACKED as u32 + 500) {
            let address = IpAddr::from(n.to_be_bytes()).to_string();
            assert_eq!(limiter.attempt(&address, 0), Ok(()));
        }
        assert_eq!(limiter.tracked(), MAX_TRACKED);
    }

    #[test]
    fn a_limit_of_zero_turns_the_limit_off() {
        let limiter = SignUpLimiter::new(0, 60);
        for _ in 0..100 {
            assert_eq!(limiter.attempt("10.0.0.1", 0), Ok(()));
        }
    }
}
