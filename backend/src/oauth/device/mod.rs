//! The device authorization grant (RFC 8628), for CLIs and TVs: the device asks
//! `POST /oauth/device_authorization` for a device code and a user code (`authorization.rs`),
//! the person enters the user code at `/device`, signs in and decides (`verification.rs`), and
//! the device polls the token endpoint (`grants/device_code.rs`).

pub mod authorization;
pub mod user_code;
pub mod verification;

/// How long a device code lives (RFC 8628 section 3.2 `expires_in`).
pub const LIFETIME: i64 = 600;
/// The least number of seconds between two polls (section 3.2 `interval`); `slow_down` adds 5.
pub const POLL_INTERVAL: i64 = 5;
/// What `slow_down` adds to the interval (section 3.5).
pub const SLOW_DOWN_STEP: i64 = 5;
/// Device codes are prefixed like the other tokens, so secret scanners recognise them.
pub const DEVICE_CODE_PREFIX: &str = "cdc_";
