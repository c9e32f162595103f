//! Server configuration, read from flags and `CLIENTELE_*` environment variables.
//!
//! Every flag of `clientele serve`, and the global `--database-url`, can also be set in the
//! environment: the variable is named once, by [`env_name`], from the flag's long name
//! (`--code-ttl`: `CLIENTELE_CODE_TTL`), and [`with_environment`] gives each flag its variable
//! when the command line is parsed.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, FromArgMatches};
use url::Url;

/// The database every command uses: an embedded SQLite file by default.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL. `sqlite://PATH` (the file and its folder are created when missing).
    #[arg(
        long = "database-url",
        default_value = "sqlite://data/clientele.db",
        global = true
    )]
    pub database_url: String,
}

/// Settings of `clientele serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The URL users and client libraries reach this server at; it is the OAuth issuer.
    #[arg(long, default_value = "http://127.0.0.1:8080", value_parser = parse_public_url)]
    pub public_url: Url,

    /// Folder holding the built console (trunk's output).
    #[arg(long, default_value = "dist")]
    pub static_dir: PathBuf,

    #[command(flatten)]
    pub lifetimes: Lifetimes,

    #[command(flatten)]
    pub pool: PoolArgs,

    #[command(flatten)]
    pub passwords: PasswordArgs,

    #[command(flatten)]
    pub timeouts: Timeouts,

    #[command(flatten)]
    pub housekeeping: Housekeeping,

    #[command(flatten)]
    pub sign_ups: SignUpLimits,

    #[command(flatten)]
    pub registration: DynamicRegistration,

    #[command(flatten)]
    pub client_documents: ClientDocuments,

    #[command(flatten)]
    pub outbound: OutboundArgs,

    #[command(flatten)]
    pub invitations: InvitationArgs,

    #[command(flatten)]
    pub metrics: MetricsArgs,

    /// How JWT access tokens are signed: ES256 or EdDSA (both sign many times faster than RS256).
    #[arg(long, default_value = "ES256", value_parser = parse_jwt_alg)]
    pub jwt_access_token_alg: crate::keys::Algorithm,
}

fn parse_jwt_alg(value: &str) -> Result<crate::keys::Algorithm, String> {
    match crate::keys::Algorithm::from_name(value) {
        Some(alg @ (crate::keys::Algorithm::Es256 | crate::keys::Algorithm::EdDsa)) => Ok(alg),
        _ => Err("use ES256 or EdDSA".to_owned()),
    }
}

/// The database connection pool.
#[derive(Debug, Clone, Args)]
pub struct PoolArgs {
    /// Connections this node keeps to the database.
    #[arg(long = "database-pool-size", default_value_t = 8)]
    pub size: u32,
    /// PostgreSQL statement timeout in milliseconds (0: the server's default).
    #[arg(long = "database-statement-timeout-ms", default_value_t = 10_000)]
    pub statement_timeout_ms: u64,
}

impl PoolArgs {
    pub fn options(&self) -> crate::store::PoolOptions {
        crate::store::PoolOptions {
            max_connections: self.size.max(1),
            statement_timeout: (self.statement_timeout_ms > 0)
                .then(|| std::time::Duration::from_millis(self.statement_timeout_ms)),
        }
    }
}

/// How many password hashes (sign-in, sign-up) run at once, and how long a request waits for
/// one; each takes 19 MiB while it runs, so the slots bound the memory a burst of sign-ins costs.
#[derive(Debug, Clone, Args)]
pub struct PasswordArgs {
    /// Password hashes that run at once.
    #[arg(long = "password-hash-slots", default_value_t = 4)]
    pub slots: usize,
    /// Milliseconds a sign-in waits for a free slot before it is answered 503 with Retry-After.
    #[arg(long = "password-hash-wait-ms", default_value_t = 5_000)]
    pub wait_ms: u64,
}

impl PasswordArgs {
    pub fn hasher(&self) -> crate::password::Hasher {
        crate::password::Hasher::new(self.slots, std::time::Duration::from_millis(self.wait_ms))
    }
}

/// How long codes and tokens live, in seconds.
#[derive(Debug, Clone, Args)]
pub struct Lifetimes {
    /// Authorization codes (short: they only bridge one redirect).
    #[arg(long = "code-ttl", default_value_t = 60)]
    pub code: i64,
    /// Access tokens.
    #[arg(long = "access-token-ttl", default_value_t = 3600)]
    pub access_token: i64,
    /// Refresh tokens, counted from their last use (each use issues a fresh one).
    #[arg(long = "refresh-token-ttl", default_value_t = 30 * 24 * 3600)]
    pub refresh_token: i64,
    /// Minutes a console session may do sensitive things (new secrets, deletions, redirect
    /// URIs, team roles) after its person last entered their password ("sudo mode").
    #[arg(long = "sudo-minutes", default_value_t = 10, value_parser = clap::value_parser!(i64).range(1..=24 * 60))]
    pub sudo_minutes: i64,
}

/// How long a client may take, so that slow or silent clients cannot hold connections and
/// memory forever ("slowloris"). In seconds.
#[derive(Debug, Clone, Args)]
pub struct Timeouts {
    /// Time to send a request's headers; it also closes a keep-alive connection that stays
    /// idle this long (the clock starts when the connection is ready for the next request).
    #[arg(long = "header-read-timeout", default_value_t = 10)]
    pub header_read: u64,
    /// Time to send the body and get the answer; a request still running is answered 408.
    #[arg(long = "request-timeout", default_value_t = 30)]
    pub request: u64,
}

impl Timeouts {
    pub fn header_read(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.header_read.max(1))
    }

    pub fn request(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.request.max(1))
    }
}

/// Removing expired codes, tokens and sessions in the background.
#[derive(Debug, Clone, Args)]
pub struct Housekeeping {
    /// Seconds between two passes (0: never; `clientele db prune` runs one at once).
    #[arg(long = "prune-interval", default_value_t = 600)]
    pub prune_interval: u64,
}

/// Whether clients may register themselves (RFC 7591): `off`, `token` (with an initial access
/// token an administrator minted) or `open` (anyone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RegistrationMode {
    #[default]
    Off,
    Token,
    Open,
}

#[derive(Debug, Clone, Args)]
pub struct DynamicRegistration {
    /// Dynamic client registration (RFC 7591): off, token or open.
    // Explicit ids: flattened groups share one namespace of argument ids in clap.
    #[arg(
        id = "dynamic_registration",
        long = "dynamic-registration",
        value_enum,
        default_value = "off"
    )]
    pub mode: RegistrationMode,
    /// Days after which a self-registered client that never got a token is removed.
    #[arg(long = "unused-registration-days", default_value_t = 30)]
    pub unused_days: i64,
}

/// Client ID Metadata Documents: a client whose `client_id` is the https URL of its metadata.
#[derive(Debug, Clone, Args)]
pub struct ClientDocuments {
    /// Accept clients identified by their metadata document's URL: on or off.
    #[arg(
        id = "client_metadata_documents",
        long = "client-metadata-documents",
        value_enum,
        default_value = "on"
    )]
    pub mode: Switch,
    /// Only documents on these hosts (comma-separated; none: any host).
    #[arg(
        long = "client-metadata-hosts",
        value_delimiter = ',',
        value_parser = parse_host
    )]
    pub hosts: Vec<String>,
}

impl ClientDocuments {
    pub fn enabled(&self) -> bool {
        self.mode == Switch::On
    }

    /// Whether documents on `host` (lower case, as `url` gives it) are accepted.
    pub fn allows_host(&self, host: &str) -> bool {
        self.hosts.is_empty() || self.hosts.iter().any(|allowed| allowed == host)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

/// A host as `url` writes it (lower case, IDNA's ASCII form), so the list compares exactly.
fn parse_host(value: &str) -> Result<String, String> {
    let value = value.trim();
    url::Host::parse(value)
        .map(|host| host.to_string())
        .map_err(|err| format!("`{value}` is not a host name: {err}"))
}

/// Requests this server makes to URLs others name (metadata documents).
#[derive(Debug, Clone, Args)]
pub struct OutboundArgs {
    /// Allow outgoing requests to private and loopback addresses (tests, intranets).
    #[arg(long = "outbound-allow-private")]
    pub allow_private: bool,
    /// A PEM file of CA certificates trusted for outgoing HTTPS, besides the usual ones.
    #[arg(long = "outbound-ca-file")]
    pub ca_file: Option<PathBuf>,
}

/// Team invitations: how long a link works, and the SMTP server that also mails it.
#[derive(Debug, Clone, Args)]
pub struct InvitationArgs {
    /// Days an invitation link to a team works (1 to 90).
    #[arg(
        long = "invitation-days",
        env = "CLIENTELE_INVITATION_DAYS",
        default_value_t = 7,
        value_parser = clap::value_parser!(i64).range(1..=90)
    )]
    pub days: i64,
    /// SMTP server that mails invitation links: `smtp://host:port` (STARTTLS when offered;
    /// `?tls=required` insists), `smtps://user:password@host` (TLS). None: links are only shown.
    #[arg(long = "smtp-url", env = "CLIENTELE_SMTP_URL", value_parser = parse_smtp_url)]
    pub smtp_url: Option<SmtpUrl>,
    /// The sender of those mails (default `clientele@` and the public URL's host).
    #[arg(long = "smtp-from", env = "CLIENTELE_SMTP_FROM", value_parser = parse_mailbox)]
    pub smtp_from: Option<lettre::message::Mailbox>,
    /// Minutes a mailed password-reset link works (5 to 1440; links are mailed only with an
    /// SMTP server).
    #[arg(long = "password-reset-minutes", default_value_t = 60,
          value_parser = clap::value_parser!(i64).range(5..=1440))]
    pub password_reset_minutes: i64,
}

/// An SMTP URL, which may hold a password: its `Debug` shows the scheme and host only, so a
/// logged configuration does not leak it.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    /// Checks `value` as `--smtp-url` does.
    pub fn parse(value: &str) -> Result<SmtpUrl, String> {
        parse_smtp_url(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match Url::parse(&self.0) {
            Ok(url) => write!(f, "{}://{}", url.scheme(), url.host_str().unwrap_or("")),
            Err(_) => f.write_str("SmtpUrl(…)"),
        }
    }
}

fn parse_smtp_url(value: &str) -> Result<SmtpUrl, String> {
    use lettre::{AsyncSmtpTransport, Tokio1Executor};
    let url = Url::parse(value).map_err(|err| format!("not an absolute URL: {err}"))?;
    if !matches!(url.scheme(), "smtp" | "smtps") {
        return Err("use smtp://host:port or smtps://user:password@host".into());
    }
    AsyncSmtpTransport::<Tokio1Executor>::from_url(value)
        .map_err(|err| format!("not an SMTP URL lettre can use: {err}"))?;
    Ok(SmtpUrl(value.to_owned()))
}

fn parse_mailbox(value: &str) -> Result<lettre::message::Mailbox, String> {
    value
        .parse()
        .map_err(|err| format!("not a mail address: {err}"))
}

/// Where `/metrics` (Prometheus) is served: on an address of its own, or on the main one behind
/// a bearer token; with neither, nowhere (`metrics::endpoint`).
#[derive(Debug, Clone, Args)]
pub struct MetricsArgs {
    /// Serve `/metrics` on this address (e.g. 127.0.0.1:9464), not on the main one.
    #[arg(long = "metrics-address")]
    pub address: Option<SocketAddr>,
    /// Bearer token a scrape of `/metrics` must send (16 or more visible ASCII characters).
    #[arg(
        long = "metrics-token",
        hide_env_values = true,
        value_parser = crate::metrics::MetricsToken::parse
    )]
    pub token: Option<crate::metrics::MetricsToken>,
}

/// Sign-ups allowed per client address, which keeps the "this email already has an account"
/// answer from being a cheap way to list accounts.
#[derive(Debug, Clone, Args)]
pub struct SignUpLimits {
    /// Sign-ups per client address (IPv6: per /64) per hour (0: unlimited).
    #[arg(long = "sign-ups-per-hour", default_value_t = 10)]
    pub per_hour: u32,
}

/// The environment variable that sets the flag `--{long}`.
pub fn env_name(long: &str) -> String {
    format!("CLIENTELE_{}", long.to_ascii_uppercase().replace('-', "_"))
}

/// `command` (the whole `clientele` command line) with an environment variable for the global
/// flags and for every flag of `serve`. Other commands' flags are read from the command line,
/// except where one names its variable itself (`clientele api`'s `--public-url`).
pub fn with_environment(command: clap::Command) -> clap::Command {
    fn from_environment(arg: clap::Arg) -> clap::Arg {
        match arg.get_long().map(env_name) {
            Some(name) => arg.env(name),
            None => arg,
        }
    }
    command
        .mut_args(from_environment)
        .mut_subcommand("serve", |serve| serve.mut_args(from_environment))
}

/// What a group of flags holds when no flag is given and no variable is set: each default is
/// written once, on its flag, and `Default` reads it from there (without the environment,
/// which only `with_environment` adds).
fn flag_defaults<T: Args + FromArgMatches>() -> T {
    let command = T::augment_args(clap::Command::new("defaults"));
    let matches = command
        .try_get_matches_from(["defaults"])
        .expect("every flag has a default");
    T::from_arg_matches(&matches).expect("every flag has a default")
}

macro_rules! default_from_flags {
    ($($group:ty),*) => {
        $(impl Default for $group {
            fn default() -> Self {
                flag_defaults()
            }
        })*
    };
}

default_from_flags!(
    PoolArgs,
    PasswordArgs,
    Lifetimes,
    Timeouts,
    Housekeeping,
    SignUpLimits,
    DynamicRegistration,
    ClientDocuments,
    OutboundArgs,
    InvitationArgs,
    MetricsArgs
);

impl ServeConfig {
    /// The issuer identifier: the public URL without a trailing slash (RFC 8414 section 2).
    pub fn issuer(&self) -> String {
        self.public_url.as_str().trim_end_matches('/').to_owned()
    }

    /// Cookies get the `Secure` attribute when users reach the server over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

fn parse_public_url(value: &str) -> Result<Url, String> {
    let url = Url::parse(value).map_err(|err| format!("not an absolute URL: {err}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("the public URL must use http or https".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        // RFC 8414 section 2: the issuer has no query or fragment component.
        return Err("the public URL must not have a query or fragment".into());
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_flags_defaults() {
        let pool = PoolArgs::default();
        assert_eq!((pool.size, pool.statement_timeout_ms), (8, 10_000));
        let passwords = PasswordArgs::default();
        assert_eq!((passwords.slots, passwords.wait_ms), (4, 5_000));
        let lifetimes = Lifetimes::default();
        assert_eq!(
            (
                lifetimes.code,
                lifetimes.access_token,
                lifetimes.refresh_token
            ),
            (60, 3600, 30 * 24 * 3600)
        );
        assert_eq!(lifetimes.sudo_minutes, 10);
        let timeouts = Timeouts::default();
        assert_eq!((timeouts.header_read, timeouts.request), (10, 30));
        assert_eq!(Housekeeping::default().prune_interval, 600);
        assert_eq!(SignUpLimits::default().per_hour, 10);
        let registration = DynamicRegistration::default();
        assert_eq!(
            (registration.mode, registration.unused_days),
            (RegistrationMode::Off, 30)
        );
        let documents = ClientDocuments::default();
        assert!(documents.enabled() && documents.allows_host("any.example"));
        let outbound = OutboundArgs::default();
        assert!(!outbound.allow_private && outbound.ca_file.is_none());
        let invitations = InvitationArgs::default();
        assert_eq!(invitations.days, 7);
        assert!(invitations.smtp_url.is_none() && invitations.smtp_from.is_none());
        let metrics = MetricsArgs::default();
        assert!(metrics.address.is_none() && metrics.token.is_none());
    }

    #[test]
    fn smtp_urls_are_checked_and_their_passwords_never_shown() {
        let url = parse_smtp_url("smtps://mailer:hunter2@mail.example.com").unwrap();
        assert_eq!(format!("{url:?}"), "smtps://mail.example.com");
        assert!(parse_smtp_url("smtp://127.0.0.1:2525").is_ok());
        for bad in ["http://mail.example.com", "mail.example.com", "smtp://"] {
            assert!(parse_smtp_url(bad).is_err(), "{bad}");
        }
        assert!(parse_mailbox("Clientele <clientele@example.com>").is_ok());
        assert!(parse_mailbox("not an address").is_err());
    }

    #[test]
    fn the_host_list_is_compared_in_its_ascii_lower_case_form() {
        let documents = ClientDocuments {
            mode: Switch::On,
            hosts: ["Apps.Example.COM", " bücher.example "]
                .iter()
                .map(|host| parse_host(host).unwrap())
                .collect(),
        };
        assert!(documents.allows_host("apps.example.com"));
        assert!(documents.allows_host("xn--bcher-kva.example"));
        assert!(!documents.allows_host("evil.example.com"));
        assert!(parse_host("not a host/").is_err());
    }
}
