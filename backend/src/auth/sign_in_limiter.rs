//! Throttles password guessing without letting anyone lock an owner out (OWASP authentication
//! guidance; issue: "anyone can lock any account").
//!
//! Three budgets per window of the server's clock, all counted *before* the password is
//! checked, under one lock, so parallel guesses cannot all pass a check made before any of
//! them was counted:
//! - an account from one address: [`PER_ACCOUNT_AND_ADDRESS`] attempts; then that address
//!   waits for that account. Other addresses, the owner's included, are not affected.
//! - one address over every account: [`PER_ADDRESS`] attempts (several people may share one).
//! - an account over every address: past [`SLOW_DOWN_AFTER`] attempts it is slowed, not locked:
//!   its attempts are spaced [`SLOW_DOWN_SPACING`] seconds apart, each waiting its turn, so a
//!   guesser with many addresses gets one guess per spacing while the owner still signs in (at
//!   worst after [`MAX_WAIT`] seconds; beyond that the answer is "try again in N seconds").
//!
//! A successful sign-in gives back the attempts of its account-and-address budget. Keys are the
//! validated, normalised email (at most 254 characters) and the address, and the table holds
//! at most [`MAX_ENTRIES`] keys: bounded memory whatever is sent. The counters live in this
//! process: with several nodes each node allows its own budget.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use shared::account::Email;

/// Attempts allowed for one account from one address in one window.
pub const PER_ACCOUNT_AND_ADDRESS: u32 = 5;
/// Attempts allowed from one address in one window, over every account.
pub const PER_ADDRESS: u32 = 20;
/// Attempts on one account, over every address, after which its attempts are spaced out.
pub const SLOW_DOWN_AFTER: u32 = 10;
/// Seconds between two attempts on an account that is slowed down.
pub const SLOW_DOWN_SPACING: i64 = 2;
/// The longest an attempt waits for its turn before being told to come back later.
pub const MAX_WAIT: i64 = 10;
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Keys kept at most (about 100 bytes each).
pub const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    AccountAndAddress(String, IpAddr),
    Address(IpAddr),
    Account(String),
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: i64,
    attempts: u32,
    /// For an account that is slowed down: when the next attempt may run.
    next_turn: i64,
}

impl Window {
    /// The same window with this attempt counted.
    fn with_one_more_attempt(self) -> Window {
        Window {
            attempts: self.attempts + 1,
            ..self
        }
    }

    fn fresh(now: i64) -> Window {
        Window {
            started: now,
            attempts: 0,
            next_turn: now,
        }
    }

    fn current(self, now: i64) -> Window {
        if self.started + WINDOW_SECONDS <= now {
            Window::fresh(now)
        } else {
            self
        }
    }
}

/// An attempt that was counted and may go ahead after `wait_seconds`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admitted {
    pub wait_seconds: u64,
    account: String,
    address: IpAddr,
}

#[derive(Debug, Default)]
pub struct SignInLimiter {
    windows: Mutex<HashMap<Key, Window>>,
}

impl SignInLimiter {
    /// Counts an attempt on `account` from `address` and admits it, or says how many seconds to
    /// wait. `None` for `account` (not even a well-formed email) counts against the address only.
    pub fn admit(
        &self,
        account: Option<&Email>,
        address: IpAddr,
        now: i64,
    ) -> Result<Option<Admitted>, u64> {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() >= MAX_ENTRIES {
            windows.retain(|_, window| window.started + WINDOW_SECONDS > now);
        }
        let window_of = |windows: &HashMap<Key, Window>, key: &Key| {
            windows
                .get(key)
                .map_or(Window::fresh(now), |w| w.current(now))
        };
        let wait_for = |window: Window| (window.started + WINDOW_SECONDS - now).max(1) as u64;

        let address_key = Key::Address(address);
        let by_address = window_of(&windows, &address_key);
        if by_address.attempts >= PER_ADDRESS {
            return Err(wait_for(by_address));
        }
        let Some(account) = account else {
            Self::store(
                &mut windows,
                address_key,
                by_address.with_one_more_attempt(),
            )?;
            return Ok(None);
        };
        let pair_key = Key::AccountAndAddress(account.as_str().to_owned(), address);
        let by_pair = window_of(&windows, &pair_key);
        if by_pair.attempts >= PER_ACCOUNT_AND_ADDRESS {
            return Err(wait_for(by_pair));
        }
        let account_key = Key::Account(account.as_str().to_owned());
        let mut by_account = window_of(&windows, &account_key);
        let mut turn = now;
        if by_account.attempts >= SLOW_DOWN_AFTER {
            turn = by_account.next_turn.max(now);
            if turn - now > MAX_WAIT {
                return Err((turn - now) as u64);
            }
            by_account.next_turn = turn + SLOW_DOWN_SPACING;
        }
        by_account.attempts += 1;
        Self::store(
            &mut windows,
            address_key,
            by_address.with_one_more_attempt(),
        )?;
        Self::store(&mut windows, pair_key, by_pair.with_one_more_attempt())?;
        Self::store(&mut windows, account_key, by_account)?;
        Ok(Some(Admitted {
            wait_seconds: (turn - now) as u64,
            account: account.as_str().to_owned(),
            address,
        }))
    }

    /// The password was right: the account-and-address budget is given back, so the owner's
    /// own typos do not add up over a day of signing in.
    pub fn succeeded(&self, attempt: &Admitted) {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        windows.remove(&Key::AccountAndAddress(
            attempt.account.clone(),
            attempt.address,
        ));
    }

    /// Writes a window; refuses (fails closed) when the table is full of live keys.
    fn store(windows: &mut HashMap<Key, Window>, key: Key, window: Window) -> Result<(), u64> {
        if windows.len() >= MAX_ENTRIES && !windows.contains_key(&key) {
            return Err(60);
        }
        windows.insert(key, window);
        Ok(())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.windows.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(text: &str) -> Email {
        Email::try_from(text.to_owned()).unwrap()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_address_gets_five_attempts_on_an_account_and_the_owner_elsewhere_is_not_locked_out() {
        let limiter = SignInLimiter::default();
        let owner = email("owner@example.com");
        for _ in 0..PER_ACCOUNT_AND_ADDRESS {
            assert!(limiter.admit(Some(&owner), ip("10.0.0.1"), 1000).is_ok());
        }
        assert_eq!(
            limiter.admit(Some(&owner), ip("10.0.0.1"), 1000),
            Err(WINDOW_SECONDS as u64)
        );
        let from_home = limiter
            .admit(Some(&email("OWNER@example.com")), ip("10.0.0.2"), 1000)
            .unwrap()
            .unwrap();
        assert_eq!(from_home.wait_seconds, 0);
        assert!(
            limiter
                .admit(Some(&owner), ip("10.0.0.1"), 1000 + WINDOW_SECONDS)
                .is_ok(),
            "a new window"
        );
    }

    #[test]
    fn an_address_gets_twenty_attempts_over_every_account() {
        let limiter = SignInLimiter::default();
        for n in 0..PER_ADDRESS {
            assert!(limiter
                .admit(
                    Some(&email(&format!("user{n}@example.com"))),
                    ip("10.0.0.9"),
                    50
                )
                .is_ok());
        }
        assert!(limiter
            .admit(Some(&email("fresh@example.com")), ip("10.0.0.9"), 60)
            .is_err());
        assert!(
            limiter.admit(None, ip("10.0.0.9"), 60).is_err(),
            "malformed emails count against the address too"
        );
        assert!(limiter
            .admit(Some(&email("fresh@example.com")), ip("10.0.0.8"), 60)
            .is_ok());
    }

    #[test]
    fn an_account_guessed_from_many_addresses_is_slowed_not_locked() {
        let limiter = SignInLimiter::default();
        let target = email("target@example.com");
        for n in 0..SLOW_DOWN_AFTER {
            let admitted = limiter
                .admit(Some(&target), ip(&format!("10.0.1.{n}")), 100)
                .unwrap()
                .unwrap();
            assert_eq!(admitted.wait_seconds, 0);
        }
        let waits: Vec<u64> = (0..5)
            .map(|n| {
                limiter
                    .admit(Some(&target), ip(&format!("10.0.2.{n}")), 100)
                    .unwrap()
                    .unwrap()
                    .wait_seconds
            })
            .collect();
        assert_eq!(waits, vec![0, 2, 4, 6, 8], "attempts are spaced out");
        assert_eq!(
            limiter
                .admit(Some(&target), ip("10.0.3.1"), 100)
                .unwrap()
                .unwrap()
                .wait_seconds,
            10
        );
        assert_eq!(
            limiter.admit(Some(&target), ip("10.0.3.2"), 100),
            Err(12),
            "beyond the longest wait: come back later"
        );
        assert_eq!(
            limiter
                .admit(Some(&target), ip("10.0.3.3"), 120)
                .unwrap()
                .unwrap()
                .wait_seconds,
            0,
            "the owner gets a turn once the queue drains"
        );
    }

    #[test]
    fn a_success_gives_back_the_account_and_address_budget() {
        let limiter = SignInLimiter::default();
        let owner = email("b@example.com");
        let mut last = None;
        for _ in 0..PER_ACCOUNT_AND_ADDRESS {
            last = limiter.admit(Some(&owner), ip("10.0.0.1"), 0).unwrap();
        }
        limiter.succeeded(&last.unwrap());
        assert!(limiter.admit(Some(&owner), ip("10.0.0.1"), 1).is_ok());
    }

    #[test]
    fn the_table_never_holds_more_than_its_bound() {
        let limiter = SignInLimiter::default();
        let mut refused = 0;
        for n in 0..(MAX_ENTRIES as u32 / 3 + 10) {
            let address = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + n));
            if limiter
                .admit(Some(&email(&format!("u{n}@example.com"))), address, 0)
                .is_err()
            {
                refused += 1;
            }
        }
        assert!(limiter.len() <= MAX_ENTRIES, "{}", limiter.len());
        assert!(refused > 0, "a full table of live keys refuses new ones");
    }
}
