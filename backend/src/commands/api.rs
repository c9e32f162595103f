//! `clientele api …`: registering APIs (resource servers) from the command line, with the same
//! validation and messages as the console (`apis::registration`).

use clap::{Args, Subcommand};
use shared::api::ApiView;
use shared::app::TokenFormat;
use shared::registered_api::{ApiDraft, ApiVisibility, DEFAULT_TOKEN_LIFETIME};

use super::{account, field_lines, Registering};
use crate::apis::registration::{self, ApiChange, ApiChangeError};
use crate::apis::transfer::{self, ApiDestination};
use crate::apis::views::{metadata, view};
use crate::apis::Catalogue;
use crate::store::Store;
use crate::teams::access::Viewer;
use crate::teams::Acting;
use shared::team::TeamSlug;

#[derive(Debug, Subcommand)]
pub enum ApiCommand {
    /// Register an API and print it with the credentials its server introspects with (the
    /// secret is shown this once).
    Create(CreateArgs),
    /// List every API, the built-in one first.
    List {
        #[command(flatten)]
        server: ServerArgs,
        #[arg(long)]
        json: bool,
    },
    /// Show one API and the RFC 9728 metadata its server should publish.
    Show {
        id: String,
        #[command(flatten)]
        server: ServerArgs,
        #[arg(long)]
        json: bool,
    },
    /// Set whose apps may ask for an API's scopes; only the built-in API (`builtin`) is changed
    /// this way (a registered API's visibility is its owner's).
    Visibility {
        /// `builtin`.
        id: String,
        #[arg(value_parser = parse_visibility)]
        visibility: ApiVisibility,
    },
    /// Move an API into a team, or to a person.
    Transfer {
        id: String,
        /// The team that will own it.
        #[arg(long, conflicts_with = "to", required_unless_present = "to")]
        team: Option<TeamSlug>,
        /// Email of the console account that will own it.
        #[arg(long)]
        to: Option<shared::account::Email>,
        #[command(flatten)]
        server: ServerArgs,
        #[arg(long)]
        json: bool,
    },
    /// Delete an API and revoke the tokens issued for it.
    Delete {
        id: String,
        #[command(flatten)]
        server: ServerArgs,
    },
}

/// The server's public URL: the built-in API's identifier and the issuer are made from it.
#[derive(Debug, Args)]
pub struct ServerArgs {
    #[arg(
        long,
        env = "CLIENTELE_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    public_url: String,
}

impl ServerArgs {
    pub(crate) fn issuer(&self) -> String {
        self.public_url.trim_end_matches('/').to_owned()
    }

    pub(crate) fn public_url(&self) -> anyhow::Result<url::Url> {
        url::Url::parse(&self.public_url)
            .map_err(|err| anyhow::anyhow!("--public-url is not an absolute URL: {err}"))
    }
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    registering: Registering,
    /// What its tokens name as their audience: an absolute https URI (http on loopback).
    #[arg(long)]
    identifier: String,
    /// A resource (its scopes are NAME:read and NAME:write); repeat for several.
    #[arg(long = "resource", required = true)]
    resources: Vec<String>,
    /// Whose apps may ask for its scopes.
    #[arg(long, default_value = "private", value_parser = parse_visibility)]
    visibility: ApiVisibility,
    /// Issue JWT access tokens for it instead of opaque ones.
    #[arg(long)]
    jwt: bool,
    /// Access-token lifetime in seconds (60 to 86400).
    #[arg(long, default_value_t = DEFAULT_TOKEN_LIFETIME)]
    token_lifetime: i64,
    #[command(flatten)]
    server: ServerArgs,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub async fn run(command: ApiCommand, store: &Store, now: i64) -> anyhow::Result<()> {
    match command {
        ApiCommand::Create(args) => create(args, store, now).await,
        ApiCommand::List { server, json } => {
            let catalogue = Catalogue::load(store, &server.issuer()).await?;
            let apis: Vec<ApiView> = catalogue
                .all()
                .iter()
                .map(|api| view(api, &Viewer::command_line(), 0))
                .collect();
            super::print_list(json, &apis, |api| {
                let visibility = api.visibility.as_str();
                format!("{}  {visibility}  {}  {}", api.id, api.identifier, api.name)
            })
        }
        ApiCommand::Show { id, server, json } => {
            show(store, &server.issuer(), &id, json, true).await
        }
        ApiCommand::Visibility { id, visibility } => {
            if id != crate::apis::BUILT_IN_ID {
                anyhow::bail!("only the built-in API's visibility is set here; use `builtin`");
            }
            crate::apis::built_in::set_visibility(store, None, visibility, "command line").await?;
            println!(
                "The built-in API's visibility is now {} (a running server sees it within a second).",
                visibility.as_str()
            );
            Ok(())
        }
        ApiCommand::Delete { id, server } => {
            let issuer = server.issuer();
            let change = command_line(store, &issuer, "", now);
            registration::delete(&change, &id).await.map_err(explain)?;
            println!("Deleted the API {id} and revoked the tokens issued for it.");
            Ok(())
        }
        ApiCommand::Transfer {
            id,
            team,
            to,
            server,
            json,
        } => {
            let issuer = server.issuer();
            let person = match &to {
                Some(email) => {
                    Some(store.user_by_email(email.as_str()).await?.ok_or_else(|| {
                        anyhow::anyhow!("to: no console account has the email {email}")
                    })?)
                }
                None => None,
            };
            let destination = match (&team, &person) {
                (Some(slug), _) => ApiDestination::Team(slug),
                (None, Some(person)) => ApiDestination::Person {
                    user_id: &person.id,
                },
                (None, None) => anyhow::bail!("name the new owner with --team or --to"),
            };
            let change = command_line(store, &issuer, "", now);
            transfer::transfer(&change, Acting::CommandLine, &id, destination)
                .await
                .map_err(explain)?;
            show(store, &issuer, &id, json, false).await
        }
    }
}

/// Prints the API `id` (with `with_metadata`, also the RFC 9728 document its server should
/// publish; in JSON, both under `api` and `metadata`).
async fn show(
    store: &Store,
    issuer: &str,
    id: &str,
    json: bool,
    with_metadata: bool,
) -> anyhow::Result<()> {
    let catalogue = Catalogue::load(store, issuer).await?;
    let api = catalogue
        .by_id(id)
        .ok_or_else(|| anyhow::anyhow!("no API has the id {id}"))?;
    let shown = view(api, &Viewer::command_line(), 0);
    let document = metadata(api, issuer);
    match (json, with_metadata) {
        (true, true) => {
            let both = Shown {
                api: &shown,
                metadata: document,
            };
            println!("{}", serde_json::to_string_pretty(&both)?);
        }
        (true, false) => println!("{}", serde_json::to_string_pretty(&shown)?),
        (false, _) => {
            print_api(&shown);
            if with_metadata {
                println!(
                    "metadata:      {}",
                    serde_json::to_string_pretty(&document)?
                );
            }
        }
    }
    Ok(())
}

/// `api show --json`: the API and the metadata document its server should publish.
#[derive(serde::Serialize)]
struct Shown<'a> {
    api: &'a ApiView,
    metadata: shared::api::ProtectedResourceMetadata,
}

fn command_line<'a>(
    store: &'a Store,
    issuer: &'a str,
    actor_id: &'a str,
    now: i64,
) -> ApiChange<'a> {
    ApiChange {
        store,
        cache: None,
        issuer,
        actor_id,
        actor_email: "",
        // An operator at the command line may delete any API.
        actor_is_admin: true,
        now,
    }
}

async fn create(args: CreateArgs, store: &Store, now: i64) -> anyhow::Result<()> {
    let owner = account(store, "owner", &args.registering.owner).await?;
    let draft = ApiDraft {
        name: args.registering.name,
        description: args.registering.description,
        identifier: args.identifier,
        resources: args.resources,
        visibility: args.visibility,
        token_format: if args.jwt {
            TokenFormat::Jwt
        } else {
            TokenFormat::Opaque
        },
        token_lifetime: args.token_lifetime,
        team: args.registering.team,
    };
    let issuer = args.server.issuer();
    let created = registration::create(&command_line(store, &issuer, &owner.id, now), &draft)
        .await
        .map_err(explain)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&created)?);
    } else {
        print_api(&created.api);
        println!(
            "client_secret: {}\n(Store it now: it is not shown again.)",
            created.client_secret
        );
    }
    Ok(())
}

fn print_api(api: &ApiView) {
    println!("name:          {}", api.name);
    println!("id:            {}", api.id);
    println!("identifier:    {}", api.identifier);
    println!("visibility:    {}", api.visibility.as_str());
    let scopes: Vec<String> = api
        .resources
        .iter()
        .map(|resource| format!("{resource}:read {resource}:write"))
        .collect();
    println!("scopes:        {}", scopes.join(" "));
    println!("token_format:  {}", api.token_format.as_str());
    if let Some(client_id) = &api.client_id {
        println!("client_id:     {client_id}");
    }
}

fn explain(err: ApiChangeError) -> anyhow::Error {
    match err {
        ApiChangeError::Invalid(fields) => {
            anyhow::anyhow!("the API was not created:\n{}", field_lines(&fields))
        }
        ApiChangeError::Team(err) => anyhow::anyhow!("team: {err}"),
        other => anyhow::anyhow!("{other}"),
    }
}

fn parse_visibility(value: &str) -> Result<ApiVisibility, String> {
    ApiVisibility::from_name(value).ok_or_else(|| "use private, developers or anyone".to_owned())
}
