//! Clientele's benchmark data: users and the benchmark apps through the admin CLI (as an
//! operator would), then the 100,000 apps of the console-list scenarios bulk-inserted straight
//! into the SQLite file, each a copy of a CLI-made app with a new id, name and date (creating
//! them one CLI process at a time would take most of an hour).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::{Connection, Row, SqliteConnection};

use crate::mint::{REDIRECT_URI, SCOPE};

pub const PASSWORD: &str = "bench passphrase, long enough";
/// Signs in to mint codes, and owns the benchmark apps.
pub const BENCH_USER: &str = "bench@bench.example";
/// Owns `user_apps` apps: the "My apps" list scenario.
pub const MANY_USER: &str = "many@bench.example";
pub const ADMIN_USER: &str = "admin@bench.example";
/// A member of `teams` teams owning `team_apps` apps each, and of no app of their own.
pub const TEAM_USER: &str = "teams@bench.example";
/// Apps besides `MANY_USER`'s are spread over this many bulk-made users.
const OTHER_USERS: usize = 90;

pub struct Credentials {
    pub client_id: String,
    pub secret: String,
}

pub struct Seeded {
    pub opaque: Credentials,
    pub jwt: Credentials,
}

/// Creates the users and apps, and bulk-inserts apps up to the totals.
pub async fn seed(
    clientele: &Path,
    database: &Path,
    user_apps: usize,
    total_apps: usize,
) -> anyhow::Result<Seeded> {
    let url = sqlite_url(database);
    for (email, admin) in [(BENCH_USER, false), (MANY_USER, false), (ADMIN_USER, true)] {
        let mut args = vec!["user", "create", "--email", email, "--password-stdin"];
        if admin {
            args.push("--admin");
        }
        cli(clientele, &url, &args, Some(PASSWORD))?;
    }
    let opaque = create_app(clientele, &url, BENCH_USER, "Bench opaque", &ALL_GRANTS)?;
    let jwt = create_app(
        clientele,
        &url,
        BENCH_USER,
        "Bench JWT",
        &["--grant", "client_credentials", "--jwt"],
    )?;
    // A few of the listed apps through the CLI too; the first is the template of the rest.
    let mut template = None;
    for n in 0..3 {
        let made = create_app(
            clientele,
            &url,
            MANY_USER,
            &format!("Listed app CLI {n}"),
            &["--grant", "authorization_code"],
        )?;
        template.get_or_insert(made.client_id);
    }
    let template = template.expect("three apps were made");
    bulk_insert(
        &url,
        &template,
        user_apps.saturating_sub(3),
        total_apps.saturating_sub(user_apps + 2),
    )
    .await?;
    Ok(Seeded { opaque, jwt })
}

/// Makes `TEAM_USER` and `teams` teams with them as owner through the CLI, then bulk-inserts
/// `apps_per_team` copies of the app `template` into each team, their dates interleaved. Returns
/// the first team's slug.
pub async fn seed_teams(
    clientele: &Path,
    database: &Path,
    teams: usize,
    apps_per_team: usize,
    template: &str,
) -> anyhow::Result<String> {
    let url = create_team_user(clientele, database)?;
    let mut slugs = Vec::new();
    for n in 0..teams {
        let name = format!("Bench team {n}");
        let create_team = ["team", "create", "--owner", TEAM_USER, "--name", &name];
        slugs.push(cli(clientele, &url, &create_team, None)?.trim().to_owned());
    }
    insert_team_apps(&url, &slugs, teams * apps_per_team, template).await?;
    slugs
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("BENCH_TEAMS is 0"))
}

/// For a baseline build from before teams: as many apps as `seed_teams` makes, owned by
/// `TEAM_USER` alone, so that both builds answer from tables of the same size.
pub async fn seed_as_many_apps(
    clientele: &Path,
    database: &Path,
    count: usize,
    template: &str,
) -> anyhow::Result<()> {
    let url = create_team_user(clientele, database)?;
    insert_team_apps(&url, &[], count, template).await
}

fn create_team_user(clientele: &Path, database: &Path) -> anyhow::Result<String> {
    let url = sqlite_url(database);
    let create_user = ["user", "create", "--email", TEAM_USER, "--password-stdin"];
    cli(clientele, &url, &create_user, Some(PASSWORD))?;
    Ok(url)
}

/// The database URL (`CLIENTELE_DATABASE_URL`) that names the SQLite file `database` to
/// Clientele, for its CLI and its server alike.
pub fn sqlite_url(database: &Path) -> String {
    format!("sqlite://{}", database.display())
}

/// `count` copies of `template` made by `TEAM_USER`, spread over the teams `slugs` (none: their own).
async fn insert_team_apps(
    url: &str,
    slugs: &[String],
    count: usize,
    template: &str,
) -> anyhow::Result<()> {
    let mut db = SqliteConnection::connect(url).await?;
    let (_, now) = template_owner_and_date(&mut db, template).await?;
    let member: String = sqlx::query("SELECT id FROM users WHERE email = ?")
        .bind(TEAM_USER)
        .fetch_one(&mut db)
        .await?
        .get(0);
    let app_sql = app_copy_statement(&mut db).await?;
    let mut tx = db.begin().await?;
    for n in 0..count {
        let copy = AppCopy {
            key: format!("bench team app {n}"),
            owner_id: &member,
            name: format!("Team app {n:07}"),
            created_at: now - 10 - n as i64,
            team_slug: (!slugs.is_empty()).then(|| slugs[n % slugs.len()].as_str()),
        };
        copy.insert(&mut tx, &app_sql, template).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The PostgreSQL side: a fresh database on the server at `server_url` with the bench user and
/// the opaque app, made through the CLI. Returns the database's URL and the app.
pub async fn seed_postgres(
    clientele: &Path,
    server_url: &str,
) -> anyhow::Result<(String, Credentials)> {
    use sqlx::postgres::PgConnection;
    let mut admin = PgConnection::connect(server_url).await?;
    sqlx::query("DROP DATABASE IF EXISTS clientele_bench")
        .execute(&mut admin)
        .await?;
    sqlx::query("CREATE DATABASE clientele_bench")
        .execute(&mut admin)
        .await?;
    // Durable like the SQLite side (WAL, synchronous=NORMAL): every commit reaches the kernel,
    // fsync runs in the background. The throwaway test server starts with fsync off.
    for setting in [
        "ALTER SYSTEM SET fsync = on",
        "ALTER SYSTEM SET full_page_writes = on",
        "ALTER SYSTEM SET synchronous_commit = off",
    ] {
        sqlx::query(setting).execute(&mut admin).await?;
    }
    sqlx::query("SELECT pg_reload_conf()")
        .execute(&mut admin)
        .await?;
    let mut url = url::Url::parse(server_url)?;
    url.set_path("/clientele_bench");
    let url = url.to_string();
    cli(
        clientele,
        &url,
        &["user", "create", "--email", BENCH_USER, "--password-stdin"],
        Some(PASSWORD),
    )?;
    let opaque = create_app(clientele, &url, BENCH_USER, "Bench opaque", &ALL_GRANTS)?;
    Ok((url, opaque))
}

/// The `app create` flags of the app the token scenarios use.
const ALL_GRANTS: [&str; 6] = [
    "--grant",
    "client_credentials",
    "--grant",
    "authorization_code",
    "--grant",
    "refresh_token",
];

fn create_app(
    clientele: &Path,
    url: &str,
    owner: &str,
    name: &str,
    extra: &[&str],
) -> anyhow::Result<Credentials> {
    let mut args = vec![
        "app",
        "create",
        "--owner",
        owner,
        "--name",
        name,
        "--website",
        "https://example.com",
        "--redirect-uri",
        REDIRECT_URI,
        "--scope",
        SCOPE,
        "--json",
    ];
    args.extend_from_slice(extra);
    let out = cli(clientele, url, &args, None)?;
    let json: Value = serde_json::from_str(&out)
        .map_err(|err| anyhow::anyhow!("`clientele app create` printed no JSON ({err}): {out}"))?;
    Ok(Credentials {
        client_id: json["app"]["client_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        secret: json["client_secret"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    })
}

fn cli(clientele: &Path, url: &str, args: &[&str], stdin: Option<&str>) -> anyhow::Result<String> {
    let mut child = Command::new(clientele)
        .args(args)
        .env("CLIENTELE_DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(format!("{text}\n").as_bytes())?;
    }
    drop(child.stdin.take());
    let out = child.wait_with_output()?;
    anyhow::ensure!(
        out.status.success(),
        "`clientele {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Copies the template app `mine` times for its owner and `others` times spread over
/// `OTHER_USERS` new users (copies of its owner's row), oldest last, in one transaction.
async fn bulk_insert(url: &str, template: &str, mine: usize, others: usize) -> anyhow::Result<()> {
    let mut db = SqliteConnection::connect(url).await?;
    let (owner, now) = template_owner_and_date(&mut db, template).await?;
    let user_sql = copy_statement(
        &mut db,
        "users",
        "id",
        &[
            ("id", "?1"),
            ("email", "?2"),
            ("display_name", "?3"),
            ("is_admin", "0"),
        ],
    )
    .await?;
    let app_sql = app_copy_statement(&mut db).await?;
    let mut tx = db.begin().await?;
    let mut owners = vec![owner.clone()];
    for n in 0..OTHER_USERS.min(others.max(1)) {
        let id = format!("usr_bench{n:05}");
        sqlx::query(&user_sql)
            .bind(&id)
            .bind(format!("user{n}@bench.example"))
            .bind(format!("Bench user {n}"))
            .bind(&owner)
            .execute(&mut *tx)
            .await?;
        owners.push(id);
    }
    // The listed user's apps are spread evenly in time among everyone else's.
    let stride = ((mine + others) / mine.max(1)).max(1);
    for n in 0..mine + others {
        let listed = mine > 0 && n % stride == 0 && n / stride < mine;
        let owner_id = if listed {
            &owners[0]
        } else {
            &owners[1 + n % (owners.len() - 1)]
        };
        let copy = AppCopy {
            key: format!("bench app {n}"),
            owner_id,
            name: format!("Bulk app {n:06}"),
            created_at: now - 10 - n as i64,
            team_slug: None,
        };
        copy.insert(&mut tx, &app_sql, template).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One bulk-made app: a copy of the template app with its own id (made from `key`), owner,
/// name, date and team.
struct AppCopy<'a> {
    key: String,
    owner_id: &'a str,
    name: String,
    created_at: i64,
    team_slug: Option<&'a str>,
}

impl AppCopy<'_> {
    async fn insert(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        app_sql: &str,
        template: &str,
    ) -> anyhow::Result<()> {
        sqlx::query(app_sql)
            .bind(URL_SAFE_NO_PAD.encode(Sha256::digest(&self.key)))
            .bind(self.owner_id)
            .bind(&self.name)
            .bind(self.created_at)
            .bind(self.team_slug)
            .bind(template)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

/// The statement `AppCopy::insert` runs.
async fn app_copy_statement(db: &mut SqliteConnection) -> anyhow::Result<String> {
    copy_statement(
        db,
        "apps",
        "client_id",
        &[
            ("client_id", "?1"),
            ("owner_id", "?2"),
            ("name", "?3"),
            ("created_at", "?4"),
            ("updated_at", "?4"),
            // NULL (no team) when ?5 is.
            ("team_id", "(SELECT id FROM teams WHERE slug = ?5)"),
        ],
    )
    .await
}

/// The owner and creation time of the app the bulk-made ones copy.
async fn template_owner_and_date(
    db: &mut SqliteConnection,
    template: &str,
) -> anyhow::Result<(String, i64)> {
    let row = sqlx::query("SELECT owner_id, created_at FROM apps WHERE client_id = ?")
        .bind(template)
        .fetch_one(db)
        .await?;
    Ok((row.get(0), row.get(1)))
}

/// `INSERT INTO table (every column) SELECT (column or replacement) FROM table WHERE key = ?`
/// with the template's key as the last parameter, so columns added later are copied as they are.
async fn copy_statement(
    db: &mut SqliteConnection,
    table: &str,
    key: &str,
    replace: &[(&str, &str)],
) -> anyhow::Result<String> {
    let columns: Vec<String> =
        sqlx::query(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .fetch_all(&mut *db)
            .await?
            .iter()
            .map(|row| row.get::<String, _>(0))
            .collect();
    let values: Vec<String> = columns
        .iter()
        .map(|column| {
            replace
                .iter()
                .find(|(name, _)| name == column)
                .map_or(column.clone(), |(_, value)| (*value).to_owned())
        })
        .collect();
    // The highest `?N` any replacement uses (also inside a sub-select).
    let numbered = replace.iter().flat_map(|(_, value)| {
        value.split('?').skip(1).filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        })
    });
    let last = numbered.max().unwrap_or(0) + 1;
    Ok(format!(
        "INSERT INTO {table} ({}) SELECT {} FROM {table} WHERE {key} = ?{last}",
        columns.join(", "),
        values.join(", ")
    ))
}
