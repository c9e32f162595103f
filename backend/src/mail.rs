//! Sending mail (team invitation links) through the SMTP server `--smtp-url` names, with
//! lettre on tokio and rustls. Mail is a convenience next to the link the console shows: a
//! failure is logged (never the message, which holds the link) and reported as `false`, and a
//! send never takes longer than `SEND_TIMEOUT`.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::InvitationArgs;

/// The longest a request waits for the SMTP server (connecting and the whole exchange).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// An SMTP server and the address mail comes from.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// The mailer the settings describe; `None` without `--smtp-url`. The sender defaults to
    /// `clientele@` the public URL's host.
    pub fn from_settings(
        settings: &InvitationArgs,
        issuer: &url::Url,
    ) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = &settings.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.as_str())?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = match &settings.smtp_from {
            Some(from) => from.clone(),
            None => default_sender(issuer)?,
        };
        Ok(Some(Mailer { transport, from }))
    }

    /// Sends a plain-text mail to `to`; whether the server accepted it.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> bool {
        let to: Mailbox = match to.parse() {
            Ok(to) => to,
            Err(err) => {
                tracing::warn!(error = %err, "mail not sent: the address does not suit SMTP");
                return false;
            }
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body);
        let message = match message {
            Ok(message) => message,
            Err(err) => {
                tracing::warn!(error = %err, "mail not sent: it could not be built");
                return false;
            }
        };
        match tokio::time::timeout(SEND_TIMEOUT, self.transport.send(message)).await {
            Ok(Ok(_)) => true,
            Ok(Err(err)) => {
                tracing::warn!(error = %err, "mail not sent: the SMTP server refused it or could not be reached");
                false
            }
            Err(_) => {
                tracing::warn!(
                    seconds = SEND_TIMEOUT.as_secs(),
                    "mail not sent: the SMTP server took too long"
                );
                false
            }
        }
    }
}

/// `clientele@HOST`, the host of the public URL; `clientele@localhost` when that host is an IP
/// address (lettre's headers do not carry address literals such as `[127.0.0.1]`).
fn default_sender(issuer: &url::Url) -> anyhow::Result<Mailbox> {
    let domain = match issuer.host() {
        Some(url::Host::Domain(name)) => name.to_owned(),
        _ => "localhost".to_owned(),
    };
    let address = lettre::Address::new("clientele", domain)?;
    Ok(Mailbox::new(Some("Clientele".to_owned()), address))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_sender_is_clientele_at_the_public_host() {
        let cases = [
            ("https://auth.example.com/", "clientele@auth.example.com"),
            ("http://127.0.0.1:8080", "clientele@localhost"),
            ("http://[::1]:8080", "clientele@localhost"),
        ];
        for (issuer, expected) in cases {
            let sender = default_sender(&issuer.parse().unwrap()).unwrap();
            assert_eq!(sender.email.to_string(), expected, "{issuer}");
        }
    }
}
