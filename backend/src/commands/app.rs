//! `clientele app …`: managing apps from the command line (automation, operators), with the
//! same validation and messages as the console API.

use clap::{Args, Subcommand};
use shared::api::{AppDetail, AppDraft, AppSummary};
use shared::app::{ClientType, GrantType, IdTokenAlg, TokenFormat};
use shared::field_errors::FieldErrors;
use shared::scope::ScopeSet;

use super::{account, field_lines, Registering};
use crate::apps::change::{Change, ChangeError};
use crate::apps::transfer::{transfer, Destination};
use crate::apps::{lifecycle, registration, views};
use crate::store::apps::AppListQuery;
use crate::store::apps::Listed;
use crate::store::Store;
use crate::teams::{self, Acting};
use shared::team::TeamSlug;

#[derive(Debug, Subcommand)]
// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
pub enum AppCommand {
    /// Register an app and print it with its client id (and first secret, for confidential apps).
    Create(CreateArgs),
    /// List apps, newest first.
    List {
        /// Only this owner's apps.
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one app.
    Show {
        /// Client ids are random base64url and may begin with `-`.
        #[arg(allow_hyphen_values = true)]
        client_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete an app and everything tied to it (secrets, codes, tokens, consents).
    Delete {
        /// Client ids are random base64url and may begin with `-`.
        #[arg(allow_hyphen_values = true)]
        client_id: String,
    },
    /// Move an app into a team, or to a person.
    Transfer {
        /// Client ids are random base64url and may begin with `-`.
        #[arg(allow_hyphen_values = true)]
        client_id: String,
        /// The team that will own it.
        #[arg(long, conflicts_with = "to", required_unless_present = "to")]
        team: Option<TeamSlug>,
        /// Email of the console account that will own it.
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    registering: Registering,
    #[arg(long)]
    website: String,
    /// A redirect URI; repeat for several.
    #[arg(long = "redirect-uri", required = true)]
    redirect_uris: Vec<String>,
    /// An allowed CORS origin; repeat for several.
    #[arg(long = "origin")]
    origins: Vec<String>,
    /// Scopes in OAuth form, e.g. "files:write accounts.self:read openid".
    #[arg(long)]
    scope: String,
    /// A public client (PKCE, no secret) instead of a confidential one.
    #[arg(long)]
    public: bool,
    /// A grant type; repeat for several. Default: authorization_code and refresh_token.
    #[arg(long = "grant")]
    grants: Vec<String>,
    /// Defaults to the website.
    #[arg(long)]
    privacy_url: Option<String>,
    /// Defaults to the website.
    #[arg(long)]
    terms_url: Option<String>,
    /// Issue JWT access tokens instead of opaque ones.
    #[arg(long)]
    jwt: bool,
    /// How ID tokens are signed: RS256 or ES256.
    #[arg(long, default_value = "RS256", value_parser = parse_id_token_alg)]
    id_token_alg: IdTokenAlg,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub async fn run(command: AppCommand, store: &Store, now: i64) -> anyhow::Result<()> {
    match command {
        AppCommand::Create(args) => create(args, store, now).await,
        AppCommand::List { owner, json } => list(store, owner.as_deref(), json).await,
        AppCommand::Show { client_id, json } => {
            let row = store
                .app(&client_id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no app has the client id {client_id}"))?;
            print_detail(&views::detail_of(&row), json)
        }
        AppCommand::Transfer {
            client_id,
            team,
            to,
            json,
        } => {
            let row = store
                .app(&client_id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no app has the client id {client_id}"))?;
            let team = teams::registering_into(store, Acting::CommandLine, team.as_ref())
                .await
                .map_err(|err| anyhow::anyhow!("team: {err}"))?;
            let person = match &to {
                Some(email) => Some(account(store, "to", email).await?),
                None => None,
            };
            let destination = match (&team, &person) {
                (Some(team), _) => Destination::team(&row, team),
                (None, Some(person)) => Destination::person(&person.id, &person.email),
                (None, None) => anyhow::bail!("name the new owner with --team or --to"),
            };
            let detail = transfer(&Change::command_line(store, now), &row, destination)
                .await
                .map_err(explain)?;
            print_detail(&detail, json)
        }
        AppCommand::Delete { client_id } => {
            let row = store
                .app(&client_id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no app has the client id {client_id}"))?;
            lifecycle::delete(&Change::command_line(store, now), &row)
                .await
                .map_err(explain)?;
            println!(
                "Deleted “{}” ({client_id}) and everything tied to it.",
                row.name
            );
            Ok(())
        }
    }
}

async fn create(args: CreateArgs, store: &Store, now: i64) -> anyhow::Result<()> {
    let owner = account(store, "owner", &args.registering.owner).await?;
    let grants = if args.grants.is_empty() {
        vec![GrantType::AuthorizationCode, GrantType::RefreshToken]
    } else {
        args.grants
            .iter()
            .map(|name| {
                GrantType::from_name(name)
                    .ok_or_else(|| anyhow::anyhow!("grant: `{name}` is not a grant type"))
            })
            .collect::<anyhow::Result<_>>()?
    };
    let scopes: ScopeSet = args
        .scope
        .parse()
        .map_err(|err| anyhow::anyhow!("scope: {err}"))?;
    let draft = AppDraft {
        name: args.registering.name,
        website: args.website.clone(),
        description: args.registering.description,
        icon: None,
        client_type: if args.public {
            ClientType::Public
        } else {
            ClientType::Confidential
        },
        redirect_uris: args.redirect_uris,
        allowed_origins: args.origins,
        scopes,
        grant_types: grants,
        privacy_policy_url: args.privacy_url.unwrap_or_else(|| args.website.clone()),
        terms_url: args.terms_url.unwrap_or(args.website),
        token_format: if args.jwt {
            TokenFormat::Jwt
        } else {
            TokenFormat::Opaque
        },
        id_token_alg: args.id_token_alg,
        team: None,
    };
    let settings = draft.validate().map_err(|fields| field_messages(&fields))?;
    let team = teams::registering_into(store, Acting::CommandLine, args.registering.team.as_ref())
        .await
        .map_err(|err| anyhow::anyhow!("team: {err}"))?;
    let created = registration::register(
        &Change::command_line(store, now),
        &owner.id,
        team.as_ref().map(|team| team.id.as_str()),
        &settings,
    )
    .await
    .map_err(explain)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&created)?);
    } else {
        print_detail(&created.app, false)?;
        if let Some(secret) = &created.client_secret {
            println!("client_secret: {secret}\n(Store it now: it is not shown again.)");
        }
    }
    Ok(())
}

async fn list(store: &Store, owner: Option<&str>, json: bool) -> anyhow::Result<()> {
    let owner_id = match owner {
        Some(email) => Some(account(store, "owner", email).await?.id),
        None => None,
    };
    let mut apps: Vec<AppSummary> = Vec::new();
    let mut after = None;
    loop {
        let query = AppListQuery {
            listed: owner_id.as_deref().map_or(Listed::Everyone, Listed::SeenBy),
            name_contains: None,
            after: after.clone(),
            limit: 500,
        };
        let (rows, _) = store.list_apps(&query).await?;
        let Some(last) = rows.last() else { break };
        after = Some(crate::store::apps::AppCursor {
            created_at: last.created_at,
            client_id: last.client_id.clone(),
        });
        for row in &rows {
            apps.push(views::summary_of(row));
        }
    }
    super::print_list(json, &apps, |app| {
        let kind = app.client_type.as_str();
        format!(
            "{}  {kind}  {}  {}",
            app.client_id, app.owner_email, app.name
        )
    })
}

fn print_detail(app: &AppDetail, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(app)?);
        return Ok(());
    }
    println!("name:          {}", app.name);
    println!("client_id:     {}", app.client_id);
    println!("client_type:   {}", app.client_type.as_str());
    println!("owner:         {}", app.owner_email);
    println!("scopes:        {}", app.scopes);
    println!("redirect_uris: {}", app.redirect_uris.join(" "));
    println!(
        "grant_types:   {}",
        app.grant_types
            .iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    );
    Ok(())
}

/// The API's per-field messages, one per line, as the command's error.
fn field_messages(fields: &FieldErrors) -> anyhow::Error {
    anyhow::anyhow!("the app was not created:\n{}", field_lines(fields))
}

fn explain(err: ChangeError) -> anyhow::Error {
    match err {
        ChangeError::Invalid(fields) => field_messages(&fields),
        other => anyhow::anyhow!("{other}"),
    }
}

fn parse_id_token_alg(value: &str) -> Result<IdTokenAlg, String> {
    IdTokenAlg::from_name(value).ok_or_else(|| "use RS256 or ES256".to_owned())
}
