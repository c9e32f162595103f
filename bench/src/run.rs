//! The benchmark, start to end: seed and start the three servers (four with a baseline build),
//! run every scenario on each (alternating A/B/A/B so that drift of this shared machine hits all
//! sides alike), profile what misses its target, time the console, and write the report.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::{header, HeaderValue, Method};
use serde_json::Value;

use crate::config::{BaselineBuild, Config};
use crate::load::{self, Job, LoadResult};
use crate::mint::{self, Authorize, SCOPE};
use crate::procs::{free_address, Server};
use crate::results::{
    Row, Scenario, BASELINE_TARGET, CLIENTELE, CLIENTELE_BASELINE, OIDC_PROVIDER,
};
use crate::workloads::{
    basic_auth, form, is_jwt, Check, CodePool, Exchange, Repeat, Rotate, Target,
};
use crate::{console_load, console_size, profile, report, seed, servers};

mod runner;
mod scenarios;

use runner::Runner;

use scenarios::{
    client_credentials, code_exchange, console_lists, introspection, refresh_rotation, ListCookies,
};

type MakeJob = Box<dyn Fn(usize) -> Box<dyn Job>>;

/// One server's side of a scenario.
struct Side<'a> {
    server: &'a Server,
    make: MakeJob,
}

/// Paths and credentials of one server.
struct Api {
    token: &'static str,
    introspect: &'static str,
    authorize: &'static str,
    opaque: (String, String),
    jwt: (String, String),
    check: bool,
    /// Signed in as `seed::BENCH_USER`, for minting codes (servers with an authorization
    /// endpoint only).
    browser: Option<reqwest::Client>,
}

impl Api {
    fn target(&self, server: &Server, path: &str, client: &(String, String)) -> Target {
        Target {
            host: server.host(),
            path: path.to_owned(),
            credentials: (header::AUTHORIZATION, basic_auth(&client.0, &client.1)),
        }
    }

    fn browser(&self, server: &Server) -> anyhow::Result<&reqwest::Client> {
        self.browser
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("no signed-in browser for {}", server.name))
    }

    fn check(&self, check: Check) -> Check {
        if self.check {
            check
        } else {
            Check::Status
        }
    }
}

pub fn run(cfg: Config) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let _ = std::fs::remove_dir_all(&cfg.work_dir);
    std::fs::create_dir_all(&cfg.work_dir)?;
    let mut report = report::Report::new(&cfg);
    say(&format!("settings: {}", report.settings()));

    say("console size (dist/)");
    report.console_size = Some(console_size::measure(&cfg.repo.join("dist"))?);

    let (database, seeded, team_slug) = seed_clientele(&cfg, &runtime)?;
    let clientele = start_clientele_timed(&cfg, &database, &mut report.startup_ms)?;

    let base = clientele.url("");
    // JWT access tokens are new (issue 8): measure them only when Clientele really issues one.
    let (ours, jwt_unavailable, jwt_alg) = signed_in_api(&runtime, &clientele, seeded, "")?;
    let many_cookie = runtime.block_on(session_cookie(&base, seed::MANY_USER))?;
    let admin_cookie = runtime.block_on(session_cookie(&base, seed::ADMIN_USER))?;
    let team_cookie = runtime.block_on(session_cookie(&base, seed::TEAM_USER))?;

    let baseline = match &cfg.baseline {
        Some(build) => Some(start_baseline(&cfg, &runtime, build)?),
        None => None,
    };

    say("starting oidc-provider and the no-op server");
    let oidc = servers::oidc_provider(&cfg, free_address()?, &jwt_alg)?;
    let noop = servers::noop(&cfg, free_address()?)?;

    let theirs = oidc_provider_api();
    // The no-op server is sent Clientele's requests and only has to answer 200.
    let ceiling = Api {
        opaque: ours.opaque.clone(),
        jwt: ours.jwt.clone(),
        check: false,
        ..ours_paths()
    };
    // The baseline runs right after Clientele in every round of the token scenarios.
    let mut sides = vec![(&clientele, &ours)];
    sides.extend(baseline.iter().map(|(server, api, _)| (server, api)));
    sides.extend([(&oidc, &theirs), (&noop, &ceiling)]);
    // A baseline from before JWT access tokens sits the JWT scenario out.
    let jwt_sides: Vec<(&Server, &Api)> = sides
        .iter()
        .copied()
        .filter(|(server, _)| {
            server.name != CLIENTELE_BASELINE
                || baseline.as_ref().is_some_and(|(_, _, jwt)| jwt.is_none())
        })
        .collect();

    let postgres = start_postgres_side(&cfg, &runtime)?;
    let with_postgres: Vec<(&Server, &Api)> = sides
        .iter()
        .copied()
        .chain(postgres.iter().map(|(server, api)| (server, api)))
        .collect();
    report.memory_at_rest = memory_of(&with_postgres);

    let runner = Runner {
        cfg: &cfg,
        clientele: &clientele,
    };

    client_credentials(
        &runner,
        &jwt_sides,
        &with_postgres,
        &jwt_unavailable,
        &mut report.scenarios,
    );

    introspection(&runner, &runtime, &with_postgres, &mut report.scenarios)?;

    refresh_rotation(&runner, &runtime, &sides, &mut report.scenarios)?;

    code_exchange(&runner, &runtime, &sides, &mut report.scenarios)?;

    let cookies = ListCookies {
        many: &many_cookie,
        admin: &admin_cookie,
        team: &team_cookie,
        team_slug: &team_slug,
    };
    console_lists(&runner, &cookies, &mut report.scenarios)?;

    // Memory at the end, then the browser gets the machine to itself (and Clientele).
    report.memory_at_end = memory_of(&with_postgres);
    drop(with_postgres);
    drop(jwt_sides);
    drop(sides);
    oidc.stop();
    noop.stop();
    if let Some((server, _, _)) = baseline {
        server.stop();
    }
    if let Some((server, _)) = postgres {
        server.stop();
    }

    if cfg.wants("console_load") {
        time_console_loads(&cfg, &runtime, &base, &mut report);
    }
    clientele.stop();
    report.finish(&cfg)
}

/// Clientele's SQLite file seeded through its CLI: the users and apps, then the teams; returns
/// the file, the bench apps' credentials and the slug of the team the list scenario reads.
fn seed_clientele(
    cfg: &Config,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<(std::path::PathBuf, seed::Seeded, String)> {
    say(&format!(
        "seeding Clientele: users and apps through the CLI, {} apps in all",
        cfg.total_apps
    ));
    let (database, seeded) = seed_file(cfg, runtime, &cfg.clientele_bin, "clientele.db")?;
    say(&format!(
        "seeding teams: {} teams of {} apps each, all with one member",
        cfg.teams, cfg.team_apps
    ));
    let team_slug = runtime.block_on(seed::seed_teams(
        &cfg.clientele_bin,
        &database,
        cfg.teams,
        cfg.team_apps,
        &seeded.opaque.client_id,
    ))?;
    Ok((database, seeded, team_slug))
}

/// Starts Clientele on the seeded file five times, each start-up's time added to `startup_ms`,
/// and leaves the last one running.
fn start_clientele_timed(
    cfg: &Config,
    database: &std::path::Path,
    startup_ms: &mut Vec<f64>,
) -> anyhow::Result<Server> {
    say("starting Clientele on the seeded database (timing start-up 5 times)");
    let address = free_address()?;
    for _ in 0..4 {
        let (server, took) = servers::clientele(cfg, address, database)?;
        startup_ms.push(took.as_secs_f64() * 1000.0);
        server.stop();
    }
    let (server, took) = servers::clientele(cfg, address, database)?;
    startup_ms.push(took.as_secs_f64() * 1000.0);
    Ok(server)
}

/// The peer's paths and the clients `servers::oidc_provider` configures.
fn oidc_provider_api() -> Api {
    Api {
        token: "/token",
        introspect: "/token/introspection",
        authorize: "/auth",
        opaque: ("bench-opaque".into(), servers::OIDC_SECRET.into()),
        jwt: ("bench-jwt".into(), servers::OIDC_SECRET.into()),
        check: true,
        browser: Some(mint::browser()),
    }
}

/// Issue 10: the same build on PostgreSQL, next to the SQLite figures in the scenarios that
/// show the database most (a persisted token insert, an indexed token read). `None` when no
/// PostgreSQL server is configured or neither scenario runs.
fn start_postgres_side(
    cfg: &Config,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<Option<(Server, Api)>> {
    match &cfg.postgres_url {
        Some(server_url)
            if cfg.wants("client_credentials_opaque") || cfg.wants("introspection") =>
        {
            say("seeding and starting Clientele on PostgreSQL");
            let (url, app) =
                runtime.block_on(seed::seed_postgres(&cfg.clientele_bin, server_url))?;
            let server = servers::clientele_postgres(cfg, free_address()?, &url)?;
            let api = Api {
                opaque: (app.client_id, app.secret),
                ..ours_paths()
            };
            Ok(Some((server, api)))
        }
        Some(_) => Ok(None),
        None => {
            say("no PostgreSQL server (BENCH_POSTGRES_URL): the PostgreSQL runs are skipped");
            Ok(None)
        }
    }
}

/// Each server's resident memory now, by name.
fn memory_of(sides: &[(&Server, &Api)]) -> Vec<(String, u64)> {
    sides
        .iter()
        .map(|(server, _)| (server.name.to_owned(), server.memory()))
        .collect()
}

/// Cold, warm and Fast 3G loads of `/apps` in headless Chromium, or why they could not be timed.
fn time_console_loads(
    cfg: &Config,
    runtime: &tokio::runtime::Runtime,
    base: &str,
    report: &mut report::Report,
) {
    say(&format!(
        "timing {0} cold, {0} warm and {0} Fast 3G loads of /apps in headless Chromium",
        cfg.browser_loads
    ));
    match runtime.block_on(console_load::measure(
        base,
        seed::MANY_USER,
        seed::PASSWORD,
        cfg.browser_loads,
        &cfg.work_dir.join("console-load-failure.png"),
    )) {
        Ok(times) => report.console_load = Some(times),
        Err(err) => report.console_load_error = Some(format!("{err:#}")),
    }
}

fn ours_paths() -> Api {
    Api {
        token: "/oauth/token",
        introspect: "/oauth/introspect",
        authorize: "/oauth/authorize",
        opaque: Default::default(),
        jwt: Default::default(),
        check: true,
        browser: None,
    }
}

/// Seeds the baseline build's own SQLite file through its own CLI, exactly as Clientele's, and
/// starts it signed in; returns it with why it issues no JWT access tokens, if it does not.
fn start_baseline(
    cfg: &Config,
    runtime: &tokio::runtime::Runtime,
    build: &BaselineBuild,
) -> anyhow::Result<(Server, Api, Option<String>)> {
    say(&format!(
        "seeding and starting the baseline ({}) on a SQLite file of its own",
        build.rev
    ));
    let (database, seeded) = seed_file(cfg, runtime, &build.bin, "clientele-baseline.db")?;
    // Clientele's file also holds the teams' apps: the baseline gets as many, so that the token
    // scenarios compare the builds on tables of one size.
    runtime.block_on(seed::seed_as_many_apps(
        &build.bin,
        &database,
        cfg.teams * cfg.team_apps,
        &seeded.opaque.client_id,
    ))?;
    let server = servers::clientele_baseline(cfg, &build.bin, free_address()?, &database)?;
    let (api, jwt_unavailable, _) = signed_in_api(runtime, &server, seeded, ", baseline")?;
    Ok((server, api, jwt_unavailable))
}

/// Seeds the SQLite file `file` of the work folder through `bin`'s own CLI.
fn seed_file(
    cfg: &Config,
    runtime: &tokio::runtime::Runtime,
    bin: &std::path::Path,
    file: &str,
) -> anyhow::Result<(std::path::PathBuf, seed::Seeded)> {
    let database = cfg.work_dir.join(file);
    let seeded = runtime.block_on(seed::seed(bin, &database, cfg.user_apps, cfg.total_apps))?;
    Ok((database, seeded))
}

/// A Clientele seeded with `seeded`, as the scenarios call it: its apps' credentials and a
/// browser signed in as `seed::BENCH_USER`. With it, why the server issues no JWT access
/// tokens, if it does not (said, with `side` after "JWT scenario"), and their algorithm.
fn signed_in_api(
    runtime: &tokio::runtime::Runtime,
    server: &Server,
    seeded: seed::Seeded,
    side: &str,
) -> anyhow::Result<(Api, Option<String>, String)> {
    let browser = mint::browser();
    runtime.block_on(sign_in(&browser, &server.url(""), seed::BENCH_USER))?;
    let (jwt_unavailable, jwt_alg) =
        runtime.block_on(probe_jwt(server, &seeded.jwt.client_id, &seeded.jwt.secret));
    if let Some(why) = &jwt_unavailable {
        say(&format!("JWT scenario{side}: {why}"));
    }
    let api = Api {
        opaque: (seeded.opaque.client_id, seeded.opaque.secret),
        jwt: (seeded.jwt.client_id, seeded.jwt.secret),
        browser: Some(browser),
        ..ours_paths()
    };
    Ok((api, jwt_unavailable, jwt_alg))
}

fn new_scenario(key: &str, title: &str, ratio: f64) -> Scenario {
    say(&format!("scenario {key}: {title}"));
    Scenario {
        key: key.into(),
        title: title.into(),
        rows: Vec::new(),
        target_ratio: Some(ratio),
        unavailable: None,
        profile: None,
    }
}

fn repeat_side<'a>(server: &'a Server, job: Repeat) -> Side<'a> {
    let template = Arc::new(job);
    let make: MakeJob = Box::new(move |_| {
        Box::new(Repeat {
            target: template.target.clone(),
            method: template.method.clone(),
            body: template.body.clone(),
            check: template.check,
        }) as Box<dyn Job>
    });
    Side { server, make }
}

/// Enough codes for every run of the exchange on `server`, from how fast it refreshed tokens
/// (the same work: check a grant, mint and store a pair), with room to spare.
fn codes_needed(cfg: &Config, done: &[Scenario], server: &str) -> usize {
    let rate = ["refresh_rotation", "client_credentials_opaque"]
        .iter()
        .find_map(|key| {
            done.iter()
                .find(|s| s.key == *key)?
                .row(server)
                .map(|row| row.requests_per_second)
        })
        .unwrap_or(if server == OIDC_PROVIDER {
            1500.0
        } else {
            5000.0
        });
    let runs = cfg.rounds as f64 + 1.0;
    let seconds = (cfg.duration + cfg.warmup).as_secs_f64() * runs;
    ((rate * seconds * 1.3) as usize + 1000).min(600_000)
}

async fn sign_in(
    browser: &reqwest::Client,
    base: &str,
    email: &str,
) -> anyhow::Result<reqwest::Response> {
    let response = browser
        .post(format!("{base}/api/v1/session"))
        .header(header::ORIGIN, base)
        .json(&serde_json::json!({ "email": email, "password": seed::PASSWORD }))
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == 200,
        "signing in {email} answered {}",
        response.status()
    );
    Ok(response)
}

/// The `name=value` of the session cookie a sign-in sets.
async fn session_cookie(base: &str, email: &str) -> anyhow::Result<String> {
    let response = sign_in(&mint::browser(), base, email).await?;
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .find_map(|value| {
            let text = value.to_str().ok()?;
            text.starts_with("clientele_session=")
                .then(|| text.split(';').next().unwrap_or_default().to_owned())
        });
    cookie.ok_or_else(|| anyhow::anyhow!("signing in {email} set no session cookie"))
}

/// Whether Clientele issues JWT access tokens yet, and with which algorithm.
async fn probe_jwt(clientele: &Server, client_id: &str, secret: &str) -> (Option<String>, String) {
    let form = [
        ("grant_type", "client_credentials"),
        ("scope", SCOPE),
        ("is_jwt", "true"),
    ];
    match mint::token(&clientele.url("/oauth/token"), client_id, secret, &form).await {
        Ok(body) => {
            let token = body["access_token"].as_str().unwrap_or_default();
            if is_jwt(token) {
                (None, jwt_alg(token).unwrap_or_else(|| "ES256".into()))
            } else {
                (Some("not available yet: an app created with `--jwt` still gets an opaque access token".into()), "ES256".into())
            }
        }
        Err(err) => (
            Some(format!(
                "not available yet: the JWT app's token request failed: {err:#}"
            )),
            "ES256".into(),
        ),
    }
}

fn jwt_alg(token: &str) -> Option<String> {
    use base64::Engine;
    let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.split('.').next()?)
        .ok()?;
    let header: Value = serde_json::from_slice(&header).ok()?;
    header["alg"].as_str().map(str::to_owned)
}

pub fn say(text: &str) {
    println!("\x1b[1m==> {text}\x1b[0m");
}
