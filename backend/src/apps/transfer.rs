//! Moving an app between a person and a team. Who may (the app's change right on the way out,
//! a role that registers apps in the team on the way in) is the caller's to check, with
//! `teams::access` and `teams::registering_into`; this checks what the move itself must keep
//! true: the app's scopes must still be offered to its new owner (a person's private APIs are
//! not a team's, and the other way round).

use shared::api::{AppDetail, AuditEvent, TeamEvent};

use super::change::{Change, ChangeError};
use super::lifecycle::{check_scopes_offered, stored_detail};
use crate::store::apps::{AppRow, NewOwner};
use crate::store::teams::{Owner, TeamRow};
use crate::teams::{audit, Acting};

/// Where an app goes, and how the audit log names both ends.
pub struct Destination<'a> {
    pub owner: NewOwner<'a>,
    pub name: String,
}

impl<'a> Destination<'a> {
    /// Into `team`; the person who registered the app stays on record.
    pub fn team(app: &'a AppRow, team: &'a TeamRow) -> Destination<'a> {
        Destination {
            owner: NewOwner {
                person: &app.owner_id,
                team_id: Some(&team.id),
            },
            name: format!("the team {}", team.slug),
        }
    }

    /// To the account `user_id`, known by `email`.
    pub fn person(user_id: &'a str, email: &str) -> Destination<'a> {
        Destination {
            owner: NewOwner {
                person: user_id,
                team_id: None,
            },
            name: email.to_owned(),
        }
    }
}

/// How the audit log names an app's owner now.
pub fn owner_name(app: &AppRow) -> String {
    match app.owner.team_slug() {
        Some(slug) => format!("the team {slug}"),
        None => app.owner_email.clone(),
    }
}

pub async fn transfer(
    change: &Change<'_>,
    app: &AppRow,
    to: Destination<'_>,
) -> Result<AppDetail, ChangeError> {
    let owner_key = to.owner.team_id.unwrap_or(to.owner.person);
    if owner_key == app.owner.id() {
        return Err(ChangeError::SameOwner);
    }
    check_scopes_offered(change.store, owner_key, &app.scopes).await?;
    let client_id = app.client_id.as_str();
    if !change
        .store
        .set_app_owner(client_id, to.owner, change.now)
        .await?
    {
        return Err(ChangeError::NotFound);
    }
    // The token endpoint's cached client carries its owner, which decides its APIs.
    change.forget(client_id);
    tracing::info!(client_id = %client_id, to = %to.name, by = ?change.actor.email, "app moved");
    let event = AuditEvent::OwnerChanged {
        from: owner_name(app),
        to: to.name,
    };
    change.audit(client_id, event).await?;
    // The teams' own logs: the one it left and the one it joined.
    let acting = match (&change.actor.id, &change.actor.email) {
        (Some(user_id), Some(email)) => Acting::Person {
            user_id,
            email,
            is_admin: false,
        },
        _ => Acting::CommandLine,
    };
    let moved = |into_team| TeamEvent::AppTransferred {
        client_id: client_id.to_owned(),
        name: app.name.clone(),
        into_team,
    };
    if let Owner::Team { id, .. } = &app.owner {
        audit::record(change.store, id, acting, change.now, moved(false)).await?;
    }
    if let Some(team_id) = to.owner.team_id {
        audit::record(change.store, team_id, acting, change.now, moved(true)).await?;
    }
    stored_detail(change.store, client_id).await
}
