//! "Forgot your password?": a link mailed to the account's address sets a new password.
//!
//! - The link's token is 256 random bits (`crypto::new_link_token`), stored only as its
//!   SHA-256; it works once (`Store::use_password_reset`, a conditional update written first)
//!   until it expires (`--password-reset-minutes`), and setting the password ends every
//!   session of the account.
//! - Asking gives the same answer, at the same speed, whether the email has an account or not:
//!   the look-up, the link and the mail happen after the answer, in the background (OWASP
//!   Forgot Password Cheat Sheet, "Forgot Password Request").
//! - Asking is limited per address and per email (counted before anything else), so nobody
//!   can flood a mailbox or use the server as a mailer. The email is kept in the limiter only
//!   as its SHA-256.
//! - Without an SMTP server there is no reset by mail: an operator sets a new password with
//!   `clientele user set-password`.

use sha2::{Digest, Sha256};
use shared::account::{Email, Password};
use shared::api::AccountEvent;

use super::handed_tokens::HandedToken;
use super::password::strong_enough;
use super::{audit, AccountError};
use crate::audit::Actor;
use crate::auth::sign_up_limiter::SignUpLimiter;
use crate::client_address::ClientAddress;
use crate::mail::Mailer;
use crate::state::AppState;
use crate::store::token_rows::TokenRows;

/// The prefix of reset tokens.
pub const TOKEN_PREFIX: &str = "pwr_";
const LINKS: HandedToken = HandedToken {
    rows: TokenRows::PasswordReset,
    prefix: TOKEN_PREFIX,
};
/// Reset mails asked for per email address per hour.
pub const PER_EMAIL_PER_HOUR: u32 = 5;
/// Reset mails asked for per client address (IPv6: per /64) per hour.
pub const PER_ADDRESS_PER_HOUR: u32 = 20;

/// The limits on asking for reset mails.
#[derive(Debug)]
pub struct Limits {
    per_address: SignUpLimiter,
    per_email: SignUpLimiter<[u8; 32]>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            per_address: SignUpLimiter::new(PER_ADDRESS_PER_HOUR, 3600),
            per_email: SignUpLimiter::new(PER_EMAIL_PER_HOUR, 3600),
        }
    }
}

/// Mails a reset link to `email` if it has an account; the sentence to show either way.
pub async fn request(
    state: &AppState,
    address: &ClientAddress,
    email: &Email,
) -> Result<String, AccountError> {
    let Some(mailer) = state.mailer.clone() else {
        return Err(AccountError::NoMail);
    };
    let now = state.now();
    let limits = &state.password_reset_limits;
    limits
        .per_address
        .attempt(&address.0, now)
        .map_err(AccountError::Throttled)?;
    let email_key: [u8; 32] = Sha256::digest(email.as_str().as_bytes()).into();
    limits
        .per_email
        .attempt_for(email_key, now)
        .map_err(AccountError::Throttled)?;
    let minutes = state.config.invitations.password_reset_minutes;
    let (state, address, email) = (state.clone(), address.clone(), email.clone());
    tokio::spawn(async move {
        if let Err(err) = send_link(&state, &mailer, &address, &email, minutes).await {
            tracing::error!(error = ?err, "password-reset link not made");
        }
    });
    Ok(format!(
        "If an account has this email address, a link to set a new password is on its way \
         there. It works once, for {minutes} minutes."
    ))
}

/// Makes and mails the link, when the email has an account (in the background of `request`).
async fn send_link(
    state: &AppState,
    mailer: &Mailer,
    address: &ClientAddress,
    email: &Email,
    minutes: i64,
) -> anyhow::Result<()> {
    let Some(user) = state.store.user_by_email(email.as_str()).await? else {
        return Ok(());
    };
    let token = LINKS.hand_out(state, &user.id, minutes * 60).await?;
    let now = state.now();
    let link = format!("{}/password-reset/{token}", state.config.issuer());
    let body = format!(
        "Someone, probably you, asked to set a new password for your account {email} on \
         Clientele ({issuer}).\n\nOpen this link to choose a new password. It works once, for \
         {minutes} minutes, and signs your account out everywhere:\n\n{link}\n\n\
         If you did not ask for this, ignore this mail: your password stays as it is.\n",
        issuer = state.config.issuer(),
    );
    let mailed = mailer
        .send(&user.email, "Set a new password for Clientele", body)
        .await;
    let actor = Actor {
        id: None,
        email: None,
        ip: Some(address.0.clone()),
        user_agent: None,
    };
    if mailed {
        let event = AccountEvent::PasswordResetMailed;
        audit::record(&state.store, &user.id, &actor, now, event).await?;
    }
    tracing::info!(user = %user.id, mailed, "password-reset link made");
    Ok(())
}

/// Sets a new password through the link whose token is `token`; every session of the account
/// ends.
pub async fn complete(
    state: &AppState,
    address: &ClientAddress,
    token: &str,
    new: &Password,
) -> Result<(), AccountError> {
    let (hash, user) = LINKS
        .account_of(state, token)
        .await?
        .ok_or(AccountError::LinkNotValid)?;
    strong_enough(new, &user)?;
    let password_hash = state.passwords.hash(new.expose().to_owned()).await?;
    let now = state.now();
    // Two uses at once both get here; the conditional update lets exactly one through.
    let (user_id, ended) = state
        .store
        .use_password_reset(&hash, &password_hash, now)
        .await?
        .ok_or(AccountError::LinkNotValid)?;
    let actor = Actor {
        id: Some(user_id.clone()),
        email: Some(user.email),
        ip: Some(address.0.clone()),
        user_agent: None,
    };
    let event = AccountEvent::PasswordReset {
        sessions_ended: ended,
    };
    audit::record(&state.store, &user_id, &actor, now, event).await?;
    tracing::info!(user = %user_id, sessions_ended = ended, "password reset through a mailed link");
    Ok(())
}
