//! `/metrics` (issue 22): exact numbers for one server after real traffic (a second server in
//! the same process counts its own), route templates instead of paths so strangers cannot grow
//! the series, and where the metrics are served: behind a bearer token, on their own address,
//! or nowhere. Every scrape is read with a strict reader of the text format.

use clientele::auth::sign_in_limiter::PER_ACCOUNT_AND_ADDRESS;
use clientele::metrics::MetricsToken;
use clientele_tests::console_api::app_draft;
use clientele_tests::metrics_text::{parse, Scrape};
use clientele_tests::oauth::{error_of, ClientApp};
use clientele_tests::{header_text, spawn_app, spawn_app_with, TestApp};
use reqwest::{header, Method, StatusCode};

const TOKEN: &str = "scrape-token-0123456789abcdef";

async fn metered_app() -> TestApp {
    spawn_app_with(|config| config.metrics.token = Some(MetricsToken::parse(TOKEN).unwrap())).await
}

/// `GET url` with `Authorization: Bearer token` when given.
async fn get_metrics(url: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// A scrape that must succeed, read strictly.
async fn scrape_at(url: &str, token: Option<&str>) -> Scrape {
    let response = get_metrics(url, token).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_text(&response, header::CONTENT_TYPE),
        "text/plain; version=0.0.4; charset=utf-8"
    );
    parse(&response.text().await.unwrap()).unwrap_or_else(|err| panic!("{err}"))
}

async fn scrape(app: &TestApp) -> Scrape {
    scrape_at(&app.url("/metrics"), Some(TOKEN)).await
}

fn requests(scrape: &Scrape, method: &str, route: &str, status: &str) -> f64 {
    scrape
        .value(
            "clientele_http_requests_total",
            &[("method", method), ("route", route), ("status", status)],
        )
        .unwrap_or(0.0)
}

async fn sign_in_status(app: &TestApp, password: &str) -> StatusCode {
    app.session_attempt(&app.new_client(), "user@example.com", password)
        .await
        .status()
}

#[tokio::test]
async fn a_scrape_counts_exactly_this_servers_tokens_refusals_and_failed_and_throttled_sign_ins() {
    let app = metered_app().await;
    let other = metered_app().await;
    let (_developer, client, user) = app.developer_app_and_user(&app_draft("Metered")).await;
    let code = app.authorization_code(&user, &client, "openid", None).await;
    app.exchange(&client, &code).await;
    let replayed = app.exchange_request(&client, &code).await;
    assert_eq!(error_of(replayed).await, "invalid_grant");
    let impostor = ClientApp {
        client_id: client.client_id.clone(),
        client_secret: Some("cs_not-the-secret".into()),
    };
    let refused = app.token_request(&impostor, &[("grant_type", "client_credentials")]);
    assert_eq!(error_of(refused.await).await, "invalid_client");
    for _ in 0..PER_ACCOUNT_AND_ADDRESS {
        assert_eq!(
            sign_in_status(&app, "a wrong guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in_status(&app, "one more").await,
        StatusCode::TOO_MANY_REQUESTS
    );

    let scrape = scrape(&app).await;
    let issued = "clientele_tokens_issued_total";
    let code_grant = [("grant", "authorization_code"), ("format", "opaque")];
    assert_eq!(scrape.value(issued, &code_grant), Some(1.0));
    assert_eq!(scrape.sum(issued, &[]), 1.0, "no other token counted");
    assert_eq!(
        scrape.value(issued, &[("grant", "device_code"), ("format", "jwt")]),
        Some(0.0)
    );
    let errors = "clientele_token_errors_total";
    assert_eq!(
        scrape.value(errors, &[("error", "invalid_grant")]),
        Some(1.0)
    );
    assert_eq!(
        scrape.value(errors, &[("error", "invalid_client")]),
        Some(1.0)
    );
    assert_eq!(scrape.sum(errors, &[]), 2.0);
    let failures = f64::from(PER_ACCOUNT_AND_ADDRESS);
    assert_eq!(
        scrape.value("clientele_sign_in_failures_total", &[]),
        Some(failures)
    );
    assert_eq!(
        scrape.value("clientele_sign_in_throttled_total", &[]),
        Some(1.0)
    );
    assert_eq!(requests(&scrape, "POST", "/oauth/token", "200"), 1.0);
    assert_eq!(requests(&scrape, "POST", "/oauth/token", "400"), 1.0);
    assert_eq!(requests(&scrape, "POST", "/oauth/token", "401"), 1.0);
    assert_eq!(
        requests(&scrape, "POST", "/api/v1/session", "401"),
        failures
    );
    assert_eq!(requests(&scrape, "POST", "/api/v1/session", "429"), 1.0);
    let token_latency = [("method", "POST"), ("route", "/oauth/token")];
    assert_eq!(
        scrape.value(
            "clientele_http_request_duration_seconds_count",
            &token_latency
        ),
        Some(3.0)
    );
    assert_eq!(
        scrape.value(
            "clientele_http_request_duration_seconds_bucket",
            &[
                ("method", "POST"),
                ("route", "/oauth/token"),
                ("le", "+Inf")
            ]
        ),
        Some(3.0)
    );
    // Every job the batch writer took waited once, and every batch holds at least one job.
    let jobs = scrape.value("clientele_token_batch_jobs_sum", &[]).unwrap();
    let batches = scrape
        .value("clientele_token_batch_jobs_count", &[])
        .unwrap();
    let waits = scrape
        .value("clientele_token_batch_wait_seconds_count", &[])
        .unwrap();
    assert!(
        batches >= 1.0 && jobs >= batches,
        "{jobs} jobs in {batches} batches"
    );
    assert_eq!(waits, jobs);
    let pools = scrape.series("clientele_db_pool_max_connections");
    let reads = pools
        .iter()
        .find(|(labels, _)| {
            labels
                .iter()
                .any(|(_, pool)| pool == "reads" || pool == "shared")
        })
        .expect("the read pool");
    assert_eq!(reads.1, 8.0, "{pools:?}");

    let elsewhere = scrape_at(&other.url("/metrics"), Some(TOKEN)).await;
    assert_eq!(elsewhere.sum(issued, &[]), 0.0);
    assert_eq!(elsewhere.sum(errors, &[]), 0.0);
    assert_eq!(
        elsewhere.value("clientele_sign_in_failures_total", &[]),
        Some(0.0)
    );
    assert_eq!(requests(&elsewhere, "POST", "/oauth/token", "200"), 0.0);
}

#[tokio::test]
async fn requests_are_counted_by_route_template_and_unknown_paths_and_methods_add_no_series() {
    let app = metered_app().await;
    for _ in 0..3 {
        assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    }
    for id in ["first-id", "second-id"] {
        let status = app.get(&format!("/api/v1/apps/{id}")).await.status();
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    app.get("/no-such-page-0").await;
    app.get("/api/v1/no-such-thing-0").await;
    app.get("/assets/no-such-file-0.js").await;
    let before = scrape(&app).await;
    assert_eq!(requests(&before, "GET", "/healthz", "200"), 3.0);
    assert_eq!(
        requests(&before, "GET", "/api/v1/apps/{client_id}", "401"),
        2.0
    );

    for n in 1..=40 {
        app.get(&format!("/no-such-page-{n}")).await;
        app.get(&format!("/api/v1/no-such-thing-{n}")).await;
        app.get(&format!("/assets/no-such-file-{n}.js")).await;
    }
    let invented = Method::from_bytes(b"FROBNICATE").unwrap();
    for _ in 0..4 {
        let response = app
            .client
            .request(invented.clone(), app.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    }
    let after = scrape(&app).await;
    let series = |scrape: &Scrape| scrape.series("clientele_http_requests_total").len();
    // The scrapes themselves and the invented method add one series each, the 120 paths none.
    assert_eq!(series(&after), series(&before) + 2);
    assert_eq!(requests(&after, "other", "/healthz", "405"), 4.0);
    for (labels, _) in after.series("clientele_http_requests_total") {
        for (_, value) in labels {
            assert!(
                !value.contains("no-such") && !value.contains("FROB"),
                "{labels:?}"
            );
        }
    }
    // The console's fallback and the API's both count as `unmatched`.
    let unmatched = [("route", clientele::metrics::UNMATCHED)];
    assert_eq!(
        after.sum("clientele_http_requests_total", &unmatched),
        3.0 + 120.0
    );
}

#[tokio::test]
async fn metrics_behind_a_token_answer_401_to_anything_but_the_whole_token() {
    let app = metered_app().await;
    let url = app.url("/metrics");
    let mut one_off = TOKEN.to_owned();
    one_off.replace_range(TOKEN.len() - 1.., "g");
    for (what, token) in [
        ("no token", None),
        ("a wrong token of the same length", Some(one_off.as_str())),
        ("the token's first half", Some(&TOKEN[..TOKEN.len() / 2])),
        (
            "the token with more after it",
            Some(&format!("{TOKEN}x") as &str),
        ),
        ("an empty token", Some("")),
    ] {
        let response = get_metrics(&url, token).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{what}");
        assert_eq!(
            header_text(&response, header::WWW_AUTHENTICATE),
            "Bearer realm=\"metrics\""
        );
        assert!(response.text().await.unwrap().is_empty(), "{what}");
    }
    let basic = reqwest::Client::new()
        .get(&url)
        .basic_auth("prometheus", Some(TOKEN))
        .send()
        .await
        .unwrap();
    assert_eq!(
        basic.status(),
        StatusCode::UNAUTHORIZED,
        "the token as a Basic password"
    );
    let lower_case_scheme = reqwest::Client::new()
        .get(&url)
        .header(header::AUTHORIZATION, format!("bearer {TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(lower_case_scheme.status(), StatusCode::OK);
    assert!(!scrape(&app).await.is_empty());
}

#[tokio::test]
async fn metrics_on_their_own_address_are_served_there_only_and_the_main_listener_answers_404() {
    let app = spawn_app_with(|config| {
        config.metrics.address = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    let metrics_url = format!("{}/metrics", app.metrics_address.as_ref().unwrap());
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    let main = get_metrics(&app.url("/metrics"), None).await;
    assert_eq!(main.status(), StatusCode::NOT_FOUND);
    assert!(!main.text().await.unwrap().contains("clientele_"));
    let scrape = scrape_at(&metrics_url, None).await;
    assert_eq!(requests(&scrape, "GET", "/healthz", "200"), 1.0);
    assert_eq!(requests(&scrape, "GET", "/metrics", "404"), 1.0);
    let other_path = format!("{}/healthz", app.metrics_address.as_ref().unwrap());
    assert_eq!(
        get_metrics(&other_path, None).await.status(),
        StatusCode::NOT_FOUND
    );

    let guarded = spawn_app_with(|config| {
        config.metrics.address = Some("127.0.0.1:0".parse().unwrap());
        config.metrics.token = Some(MetricsToken::parse(TOKEN).unwrap());
    })
    .await;
    let guarded_url = format!("{}/metrics", guarded.metrics_address.as_ref().unwrap());
    assert_eq!(
        get_metrics(&guarded_url, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(!scrape_at(&guarded_url, Some(TOKEN)).await.is_empty());
    let main = get_metrics(&guarded.url("/metrics"), Some(TOKEN)).await;
    assert_eq!(
        main.status(),
        StatusCode::NOT_FOUND,
        "not on the main listener, token or not"
    );
}

#[tokio::test]
async fn without_metrics_settings_metrics_are_not_served_and_not_answered_by_the_console_page() {
    let app = spawn_app().await;
    for token in [None, Some(TOKEN)] {
        let response = get_metrics(&app.url("/metrics"), token).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert!(!response.text().await.unwrap().contains("<html"));
    }
}
