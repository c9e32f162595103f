//! `clientele team …`: teams and their members from the command line, through the same
//! operations as the console (`teams`). The operator acts with an owner's rights; `--owner`
//! and `--email` name console accounts.

use clap::{Args, Subcommand};
use shared::account::Email;
use shared::api::{CreatedInvitation, Invitation, TeamAuditEntry, TeamDetail, TeamSummary};
use shared::team::{TeamName, TeamRole, TeamSlug};

use super::api::ServerArgs;
use crate::config::InvitationArgs;
use crate::mail::Mailer;
use crate::store::Store;
use crate::teams::invitations::{self, Sending};
use crate::teams::{self, views, Acting, TeamError};

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Create a team with a first owner; prints the team's slug.
    Create {
        /// Email of the console account that will own the team.
        #[arg(long)]
        owner: Email,
        #[arg(long)]
        name: TeamName,
        /// The slug (a-z, 0-9, hyphens); by default made from the name.
        #[arg(long)]
        slug: Option<TeamSlug>,
        #[arg(long)]
        json: bool,
    },
    /// List teams: every team, or those one account belongs to.
    List {
        #[arg(long)]
        member: Option<Email>,
        #[arg(long)]
        json: bool,
    },
    /// Show a team and its members.
    Show {
        slug: TeamSlug,
        #[arg(long)]
        json: bool,
    },
    /// Add an account to a team with a role (owner, admin, developer or viewer).
    AddMember(MemberArgs),
    /// Give a member another role (a team keeps at least one owner).
    SetRole(MemberArgs),
    /// Remove a member (a team keeps at least one owner).
    RemoveMember {
        #[arg(long)]
        team: TeamSlug,
        #[arg(long)]
        email: Email,
        #[arg(long)]
        json: bool,
    },
    /// Invite an email into a team with a role; prints the link (shown this once) and whether
    /// it was mailed (with --smtp-url). A pending invitation for the same email is replaced.
    Invite {
        #[command(flatten)]
        member: MemberArgs,
        #[command(flatten)]
        server: ServerArgs,
        #[command(flatten)]
        sending: InvitationArgs,
    },
    /// List a team's pending invitations.
    Invitations {
        #[arg(long)]
        team: TeamSlug,
        #[arg(long)]
        json: bool,
    },
    /// Show a team's log (membership changes, invitations, apps and APIs moved), newest first.
    Audit {
        slug: TeamSlug,
        #[arg(long)]
        json: bool,
    },
    /// Delete a team that owns no app and no API.
    Delete {
        slug: TeamSlug,
        #[arg(long)]
        json: bool,
    },
}

/// A member (or an invited email) and a role in a team.
#[derive(Debug, Args)]
pub struct MemberArgs {
    #[arg(long)]
    team: TeamSlug,
    #[arg(long)]
    email: Email,
    #[arg(long)]
    role: TeamRole,
    #[arg(long)]
    json: bool,
}

pub async fn run(command: TeamCommand, store: &Store, now: i64) -> anyhow::Result<()> {
    let acting = Acting::CommandLine;
    match command {
        TeamCommand::Create {
            owner,
            name,
            slug,
            json,
        } => {
            let owner = store.user_by_email(owner.as_str()).await?.ok_or_else(|| {
                anyhow::anyhow!("owner: no console account has the email {owner}")
            })?;
            let team = teams::create(store, acting, &owner.id, name, slug, now)
                .await
                .map_err(explain)?;
            let seen = teams::seen(store, acting, &team.slug)
                .await
                .map_err(explain)?;
            print(json, &views::detail(store, &seen).await?, |detail| {
                detail.team.slug.to_string()
            })
        }
        TeamCommand::List { member, json } => {
            let teams: Vec<TeamSummary> = match member {
                Some(email) => {
                    let user = store.user_by_email(email.as_str()).await?.ok_or_else(|| {
                        anyhow::anyhow!("member: no console account has the email {email}")
                    })?;
                    let teams = store.teams_of(&user.id).await?;
                    teams
                        .iter()
                        .map(|(team, role)| views::summary(team, Some(*role)))
                        .collect()
                }
                None => store
                    .all_teams()
                    .await?
                    .iter()
                    .map(|team| views::summary(team, None))
                    .collect(),
            };
            print(json, &teams, |teams| {
                let lines: Vec<String> = teams
                    .iter()
                    .map(|team| match team.role {
                        Some(role) => format!("{}  {}  ({role})", team.slug, team.name),
                        None => format!("{}  {}", team.slug, team.name),
                    })
                    .collect();
                if lines.is_empty() {
                    "No teams.".to_owned()
                } else {
                    lines.join("\n")
                }
            })
        }
        TeamCommand::Show { slug, json } => {
            let seen = teams::seen(store, acting, &slug).await.map_err(explain)?;
            print(json, &views::detail(store, &seen).await?, describe)
        }
        TeamCommand::AddMember(m) => {
            let added = teams::add_member(store, acting, &m.team, &m.email, m.role, now).await;
            let line = format!("Added {} to {} as {}.", m.email, m.team, m.role);
            show_after(store, &m.team, m.json, added.map(drop), &line).await
        }
        TeamCommand::SetRole(m) => {
            let set = teams::change_member(store, acting, &m.team, &m.email, Some(m.role), now);
            let line = format!("{} is now {} of {}.", m.email, m.role, m.team);
            show_after(store, &m.team, m.json, set.await, &line).await
        }
        TeamCommand::RemoveMember { team, email, json } => {
            let removed = teams::change_member(store, acting, &team, &email, None, now).await;
            let line = format!("Removed {email} from {team}.");
            show_after(store, &team, json, removed, &line).await
        }
        TeamCommand::Invite {
            member:
                MemberArgs {
                    team,
                    email,
                    role,
                    json,
                },
            server,
            sending,
        } => {
            let issuer = server.issuer();
            let mailer = Mailer::from_settings(&sending, &server.public_url()?)?;
            let settings = Sending {
                issuer: &issuer,
                days: sending.days,
                mailer: mailer.as_ref(),
            };
            let created = invitations::invite(store, &settings, acting, &team, &email, role, now)
                .await
                .map_err(explain)?;
            print(json, &created, describe_invitation)
        }
        TeamCommand::Invitations { team, json } => {
            let pending = invitations::pending(store, acting, &team, now)
                .await
                .map_err(explain)?;
            print(json, &pending, |pending: &Vec<Invitation>| {
                if pending.is_empty() {
                    return "No pending invitations.".to_owned();
                }
                pending
                    .iter()
                    .map(|invitation| {
                        format!(
                            "{}  {}  {}  (by {})",
                            invitation.id, invitation.email, invitation.role, invitation.invited_by
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        TeamCommand::Audit { slug, json } => {
            let log = teams::audit::log(store, acting, &slug)
                .await
                .map_err(explain)?;
            print(json, &log, |log: &Vec<TeamAuditEntry>| {
                if log.is_empty() {
                    return "Nothing recorded.".to_owned();
                }
                log.iter()
                    .map(|entry| {
                        let actor = entry.actor.as_deref().unwrap_or("command line");
                        let event = serde_json::to_string(&entry.event).unwrap_or_default();
                        format!("{}  {actor}  {event}", entry.at)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        TeamCommand::Delete { slug, json } => {
            teams::delete(store, acting, &slug, now)
                .await
                .map_err(explain)?;
            print(json, &serde_json::json!({ "deleted": slug }), |_| {
                format!("Deleted the team {slug}.")
            })
        }
    }
}

/// After a change to the members: the team as it is now (`--json`) or one line.
/// After a change to a team's members: its error explained, or the team as it is now.
async fn show_after(
    store: &Store,
    slug: &TeamSlug,
    json: bool,
    changed: Result<(), TeamError>,
    line: &str,
) -> anyhow::Result<()> {
    changed.map_err(explain)?;
    let seen = teams::seen(store, Acting::CommandLine, slug)
        .await
        .map_err(explain)?;
    print(json, &views::detail(store, &seen).await?, |_| {
        line.to_owned()
    })
}

fn print<T: serde::Serialize>(
    json: bool,
    value: &T,
    text: impl Fn(&T) -> String,
) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(value)?);
    } else {
        println!("{}", text(value));
    }
    Ok(())
}

fn describe(detail: &TeamDetail) -> String {
    let mut lines = vec![format!("{}  {}", detail.team.slug, detail.team.name)];
    lines.extend(
        detail
            .members
            .iter()
            .map(|member| format!("  {}  {}", member.role, member.email)),
    );
    lines.join("\n")
}

fn describe_invitation(created: &CreatedInvitation) -> String {
    let mailed = if created.mailed {
        "It was also mailed to them."
    } else {
        "It was not mailed: send it to them yourself."
    };
    format!(
        "Invited {} as {}. The link works once, until it expires; it is shown only now:\n{}\n{mailed}",
        created.invitation.email, created.invitation.role, created.link
    )
}

fn explain(err: TeamError) -> anyhow::Error {
    match err {
        TeamError::NotFound => anyhow::anyhow!("no team has this slug"),
        TeamError::NotMember => anyhow::anyhow!("this account is not a member of the team"),
        TeamError::NoSlug => anyhow::anyhow!(
            "the name has too few letters a-z or digits to make a slug; choose one with --slug"
        ),
        other => anyhow::anyhow!("{other}"),
    }
}
