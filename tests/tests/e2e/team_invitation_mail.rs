//! Mailed invitations: with `CLIENTELE_SMTP_URL` set, the link also goes by mail (to a small
//! SMTP server of the test's own, `smtp_sink.rs`), and the mailed link works; when the SMTP
//! server cannot be reached, the invitation is made all the same and says it was not mailed.

use std::time::{Duration, Instant};

use clientele::config::SmtpUrl;
use clientele_tests::json_with_status;
use clientele_tests::smtp_sink::SmtpSink;
use clientele_tests::spawn_app_with;
use clientele_tests::teams::link_of;

#[tokio::test]
async fn with_an_smtp_server_the_link_is_mailed_and_the_mailed_link_works() {
    let sink = SmtpSink::start().await;
    let (app, owner, slug) = sink.team_mailing_here("Mailroom").await;
    let created = owner
        .invite(&slug, "newcomer@example.com", "developer")
        .await;
    assert_eq!(created["mailed"], true, "{created}");

    let mails = sink.received();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.to, ["newcomer@example.com"]);
    // The public URL's host is an IP address, which is no mail domain.
    assert_eq!(mail.from, "clientele@localhost", "the default sender");
    assert!(
        mail.data
            .contains("Subject: Join the team Mailroom on Clientele"),
        "{}",
        mail.data
    );
    let body = mail.body();
    let link = body
        .split_whitespace()
        .find(|word| word.contains("/invitations/"))
        .expect("a link in the mail")
        .to_owned();
    assert_eq!(link, link_of(&created));
    assert!(body.contains("owner@example.com invited you"), "{body}");

    let newcomer = app.sign_up("newcomer@example.com").await;
    let joined = json_with_status(newcomer.accept(&link).await, 200).await;
    assert_eq!(joined["slug"], slug);
    assert_eq!(joined["role"], "developer");
}

/// Where an SMTP server that fails sits: nothing listening, or one that accepts connections
/// and never says a word (the send gives up after its timeout).
async fn failing_smtp_server(silent: bool) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    if silent {
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((stream, _)) = listener.accept().await {
                held.push(stream);
            }
        });
    }
    format!("smtp://127.0.0.1:{port}")
}

#[tokio::test]
async fn an_unreachable_or_silent_smtp_server_still_gives_the_link_and_says_it_was_not_mailed() {
    for silent in [false, true] {
        let url = failing_smtp_server(silent).await;
        let app = spawn_app_with(|config| {
            config.invitations.smtp_url = Some(SmtpUrl::parse(&url).unwrap());
            config.invitations.smtp_from = Some("Acme Teams <teams@acme.example>".parse().unwrap());
        })
        .await;
        let owner = app.sign_up("owner@example.com").await;
        let slug = owner.team_slug("Offline").await;
        let started = Instant::now();
        let created = owner.invite(&slug, "newcomer@example.com", "viewer").await;
        let took = started.elapsed();
        assert!(took < Duration::from_secs(12), "silent={silent}: {took:?}");
        assert_eq!(created["mailed"], false, "silent={silent}");
        let newcomer = app.sign_up("newcomer@example.com").await;
        let accepted = newcomer.accept(link_of(&created)).await;
        let joined = json_with_status(accepted, 200).await;
        assert_eq!(joined["role"], "viewer");
    }
}
