//! The measured scenarios, one function each: `run` starts the servers and seeds them, then calls
//! these in turn. A child module of `run`, so it shares its private helpers.

use super::*;

/// client_credentials with opaque (persisted, also on PostgreSQL) and JWT access tokens.
pub(super) fn client_credentials(
    runner: &Runner,
    sides: &[(&Server, &Api)],
    with_postgres: &[(&Server, &Api)],
    jwt_unavailable: &Option<String>,
    scenarios: &mut Vec<Scenario>,
) {
    let cfg = runner.cfg;
    // client_credentials, opaque and JWT access tokens.
    for (key, jwt) in [
        ("client_credentials_opaque", false),
        ("client_credentials_jwt", true),
    ] {
        if !cfg.wants(key) {
            continue;
        }
        let title = if jwt {
            "client_credentials, JWT access token"
        } else {
            "client_credentials, opaque access token (persisted)"
        };
        let mut scenario = new_scenario(key, title, 5.0);
        if jwt && jwt_unavailable.is_some() {
            scenario.unavailable = jwt_unavailable.clone();
            scenarios.push(scenario);
            continue;
        }
        let servers = if jwt { sides } else { with_postgres };
        let sides: Vec<Side> = servers
            .iter()
            .map(|(server, api)| {
                let client = if jwt { &api.jwt } else { &api.opaque };
                let mut pairs = vec![("grant_type", "client_credentials"), ("scope", SCOPE)];
                if jwt && matches!(server.name, CLIENTELE | CLIENTELE_BASELINE) {
                    pairs.push(("is_jwt", "true"));
                }
                let job = Repeat {
                    target: api.target(server, api.token, client),
                    method: Method::POST,
                    body: Some(form(&pairs)),
                    check: api.check(if jwt { Check::JwtToken } else { Check::Token }),
                };
                repeat_side(server, job)
            })
            .collect();
        runner.measure(&mut scenario, &sides, cfg.connections);
        scenarios.push(scenario);
    }
}

/// Runs scenario `key` when it is wanted: `side` makes each server's side (given its index in
/// `sides`), then they are measured together at the configured connections.
fn per_server<'a>(
    runner: &Runner,
    scenarios: &mut Vec<Scenario>,
    (key, title, ratio): (&str, &str, f64),
    sides: &[(&'a Server, &'a Api)],
    mut side: impl FnMut(usize, &'a Server, &'a Api) -> anyhow::Result<Side<'a>>,
) -> anyhow::Result<()> {
    let cfg = runner.cfg;
    if cfg.wants(key) {
        let mut scenario = new_scenario(key, title, ratio);
        let mut list = Vec::new();
        for (n, (server, api)) in sides.iter().enumerate() {
            list.push(side(n, server, api)?);
        }
        runner.measure(&mut scenario, &list, cfg.connections);
        scenarios.push(scenario);
    }
    Ok(())
}

/// Introspection of a valid opaque token (also on PostgreSQL).
pub(super) fn introspection(
    runner: &Runner,
    runtime: &tokio::runtime::Runtime,
    with_postgres: &[(&Server, &Api)],
    scenarios: &mut Vec<Scenario>,
) -> anyhow::Result<()> {
    let scenario = (
        "introspection",
        "introspection of a valid opaque access token",
        8.0,
    );
    per_server(
        runner,
        scenarios,
        scenario,
        with_postgres,
        |_, server, api| {
            let token = if api.check {
                let body = runtime.block_on(mint::token(
                    &server.url(api.token),
                    &api.opaque.0,
                    &api.opaque.1,
                    &[("grant_type", "client_credentials"), ("scope", SCOPE)],
                ))?;
                body["access_token"].as_str().unwrap_or_default().to_owned()
            } else {
                "cat_noop".to_owned()
            };
            let job = Repeat {
                target: api.target(server, api.introspect, &api.opaque),
                method: Method::POST,
                body: Some(form(&[("token", &token)])),
                check: api.check(Check::Active),
            };
            Ok(repeat_side(server, job))
        },
    )
}

/// Refresh-token rotation: each request spends the token the last answer gave.
pub(super) fn refresh_rotation(
    runner: &Runner,
    runtime: &tokio::runtime::Runtime,
    sides: &[(&Server, &Api)],
    scenarios: &mut Vec<Scenario>,
) -> anyhow::Result<()> {
    let connections = runner.cfg.connections;
    let scenario = (
        "refresh_rotation",
        "refresh-token rotation (each request spends the last answer's token)",
        3.0,
    );
    per_server(runner, scenarios, scenario, sides, |_, server, api| {
        let chains = if api.check {
            let authorize = authorize_for(server, api);
            let codes = runtime.block_on(authorize.codes(api.browser(server)?, connections, 4))?;
            runtime.block_on(mint::refresh_tokens(
                &server.url(api.token),
                &api.opaque.0,
                &api.opaque.1,
                &codes,
            ))?
        } else {
            vec!["crt_noop".to_owned(); connections]
        };
        let chains = Arc::new(Mutex::new(chains));
        let (target, check) = token_endpoint(server, api);
        let make: MakeJob = Box::new(move |index| {
            Box::new(Rotate {
                target: target.clone(),
                chains: chains.clone(),
                index,
                check,
            }) as Box<dyn Job>
        });
        Ok(Side { server, make })
    })
}

/// Authorization-code exchange with codes minted in advance.
pub(super) fn code_exchange(
    runner: &Runner,
    runtime: &tokio::runtime::Runtime,
    sides: &[(&Server, &Api)],
    scenarios: &mut Vec<Scenario>,
) -> anyhow::Result<()> {
    let cfg = runner.cfg;
    let scenario = (
        "code_exchange",
        "authorization-code exchange (PKCE; codes minted in advance)",
        3.0,
    );
    // How many codes each server needs, from the rates measured so far.
    let counts: Vec<usize> = sides
        .iter()
        .map(|(server, _)| codes_needed(cfg, scenarios, server.name))
        .collect();
    per_server(runner, scenarios, scenario, sides, |n, server, api| {
        let pool = if api.check {
            let count = counts[n];
            say(&format!(
                "minting {count} codes on {} through its authorization endpoint",
                server.name
            ));
            let authorize = authorize_for(server, api);
            CodePool::new(runtime.block_on(authorize.codes(api.browser(server)?, count, 8))?)
        } else {
            CodePool::endless()
        };
        let (target, check) = token_endpoint(server, api);
        let make: MakeJob = Box::new(move |_| {
            Box::new(Exchange {
                target: target.clone(),
                codes: pool.clone(),
                redirect_uri: mint::REDIRECT_URI.into(),
                verifier: mint::VERIFIER.into(),
                check,
            }) as Box<dyn Job>
        });
        Ok(Side { server, make })
    })
}

/// The session cookies of the console-list scenarios' users.
pub(super) struct ListCookies<'a> {
    /// `MANY_USER`, with 10,000 apps of their own.
    pub many: &'a str,
    pub admin: &'a str,
    /// `TEAM_USER`, member of 20 teams of 10,000 apps each, and `team_slug` one of them.
    pub team: &'a str,
    pub team_slug: &'a str,
}

/// The console API's app lists: for a user with many apps, for an administrator, and for a
/// member of many big teams (whose first page should take no longer than the first).
pub(super) fn console_lists(
    runner: &Runner,
    cookies: &ListCookies<'_>,
    scenarios: &mut Vec<Scenario>,
) -> anyhow::Result<()> {
    let (cfg, clientele) = (runner.cfg, runner.clientele);
    let one_team = format!("/api/v1/apps?team={}&limit=20", cookies.team_slug);
    for (key, title, path, cookie) in [
        (
            "console_my_apps",
            "console API: first page of “My apps”, user with 10,000 apps".to_owned(),
            "/api/v1/apps?limit=20",
            cookies.many,
        ),
        (
            "console_all_apps",
            "console API: first page of all apps, admin, 100,000 apps".to_owned(),
            "/api/v1/apps?owner=all&limit=20",
            cookies.admin,
        ),
        (
            "console_team_apps",
            format!(
                "console API: first page of “My apps”, member of {} teams of {} apps",
                cfg.teams, cfg.team_apps
            ),
            "/api/v1/apps?limit=20",
            cookies.team,
        ),
        (
            "console_one_team_apps",
            format!(
                "console API: first page of one team's apps, {} apps",
                cfg.team_apps
            ),
            one_team.as_str(),
            cookies.team,
        ),
    ] {
        if !cfg.wants(key) {
            continue;
        }
        let mut scenario = new_scenario(key, &title, 0.0);
        scenario.target_ratio = None;
        let job = Repeat {
            target: Target {
                host: clientele.host(),
                path: path.into(),
                credentials: (header::COOKIE, HeaderValue::from_str(cookie)?),
            },
            method: Method::GET,
            body: None,
            check: Check::Items,
        };
        runner.measure(
            &mut scenario,
            &[repeat_side(clientele, job)],
            cfg.console_connections,
        );
        scenarios.push(scenario);
    }

    Ok(())
}

/// `server`'s token endpoint for the opaque-token client, and the check of its answers.
fn token_endpoint(server: &Server, api: &Api) -> (Target, Check) {
    (
        api.target(server, api.token, &api.opaque),
        api.check(Check::Token),
    )
}

/// Minting codes through a server's own authorization endpoint, as its browsers would.
fn authorize_for(server: &Server, api: &Api) -> Authorize {
    Authorize {
        base: server.url(""),
        path: api.authorize.into(),
        client_id: api.opaque.0.clone(),
        session_per_code: server.name == OIDC_PROVIDER,
    }
}
