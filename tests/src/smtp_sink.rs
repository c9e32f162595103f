//! A tiny SMTP server on loopback that accepts every message and records it, for the tests of
//! mailed team invitations and password-reset links. It speaks just enough of RFC 5321 for
//! lettre's client (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS, no AUTH) and decodes
//! the quoted-printable bodies lettre writes for long lines.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::{eventually, spawn_app_with, TestApp};

/// One message as received.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// Headers and body as sent (after undoing dot-stuffing).
    pub data: String,
}

impl ReceivedMail {
    /// The body, decoded from quoted-printable when the message says it is.
    pub fn body(&self) -> String {
        let (headers, body) = self
            .data
            .split_once("\r\n\r\n")
            .unwrap_or((self.data.as_str(), ""));
        if headers
            .to_ascii_lowercase()
            .contains("content-transfer-encoding: quoted-printable")
        {
            decode_quoted_printable(body)
        } else {
            body.to_owned()
        }
    }
}

/// A running sink; `smtp_url()` is what the server is configured with.
pub struct SmtpSink {
    port: u16,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binding");
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let recorded = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, recorded.clone()));
            }
        });
        SmtpSink { port, received }
    }

    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// A fresh server that mails its invitations to this sink.
    pub async fn app_mailing_here(&self) -> TestApp {
        app_mailing_to(self.smtp_url()).await
    }

    /// The messages received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.received.lock().unwrap().clone()
    }

    /// The `count`-th message (from 1) to `to`, waiting for it (mail the server sends in the
    /// background, after answering).
    pub async fn wait_for_mail(&self, to: &str, count: usize) -> ReceivedMail {
        let came = || async move {
            let mut mails = self
                .received()
                .into_iter()
                .filter(|mail| mail.to.iter().any(|address| address == to));
            mails.nth(count - 1).ok_or_else(|| {
                format!(
                    "no mail number {count} to {to} came; got {:?}",
                    self.received()
                )
            })
        };
        let (within, every) = (Duration::from_secs(15), Duration::from_millis(20));
        eventually(within, every, came).await
    }
}

impl ReceivedMail {
    /// The first word of the body that contains `path` (a link).
    pub fn link_with(&self, path: &str) -> String {
        self.body()
            .split_whitespace()
            .find(|word| word.contains(path))
            .unwrap_or_else(|| panic!("no link with {path} in {}", self.body()))
            .to_owned()
    }
}

/// A fresh server that mails its invitations through the SMTP server at `url`.
pub async fn app_mailing_to(url: String) -> TestApp {
    spawn_app_with(move |config| {
        config.invitations.smtp_url = Some(clientele::config::SmtpUrl::parse(&url).unwrap());
    })
    .await
}

async fn serve(stream: TcpStream, received: Arc<Mutex<Vec<ReceivedMail>>>) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader);
    if !say(&mut writer, "220 sink.test ESMTP\r\n").await {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let reply = if upper.starts_with("EHLO") {
            "250-sink.test\r\n250 8BITMIME\r\n".to_owned()
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            "250 OK\r\n".to_owned()
        } else if upper.starts_with("RSET") {
            (from, to) = (String::new(), Vec::new());
            "250 OK\r\n".to_owned()
        } else if upper.starts_with("MAIL FROM:") {
            from = address_in(&command);
            "250 OK\r\n".to_owned()
        } else if upper.starts_with("RCPT TO:") {
            to.push(address_in(&command));
            "250 OK\r\n".to_owned()
        } else if upper == "DATA" {
            if !say(&mut writer, "354 End data with <CR><LF>.<CR><LF>\r\n").await {
                return;
            }
            let mut data = String::new();
            loop {
                let mut line = String::new();
                if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                // RFC 5321 section 4.5.2: a leading dot was doubled by the client.
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            received.lock().unwrap().push(ReceivedMail {
                from: std::mem::take(&mut from),
                to: std::mem::take(&mut to),
                data,
            });
            "250 OK: queued\r\n".to_owned()
        } else if upper.starts_with("QUIT") {
            say(&mut writer, "221 Bye\r\n").await;
            return;
        } else {
            "502 Command not implemented\r\n".to_owned()
        };
        if !say(&mut writer, &reply).await {
            return;
        }
    }
}

/// Writes a reply; `false` when the client is gone.
async fn say(writer: &mut tokio::net::tcp::OwnedWriteHalf, text: &str) -> bool {
    writer.write_all(text.as_bytes()).await.is_ok()
}

/// `user@example.com` from `MAIL FROM:<user@example.com> SIZE=…`.
fn address_in(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}

/// RFC 2045 section 6.7: soft line breaks (`=` at the end of a line) and `=XX` escapes.
fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'=' && index + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[index + 1..index + 3]).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoted_printable_is_decoded() {
        let decoded = super::decode_quoted_printable("a=3Db long=\r\n line\r\n");
        assert_eq!(decoded, "a=b long line\r\n");
    }
}
