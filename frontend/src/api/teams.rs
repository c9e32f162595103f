//! Teams: their members and roles, invitations, the team's audit log, and moving an app to or
//! from a team. Part of `api`: the same typed helpers, the same CSRF header.

use gloo_net::http::Request;
use serde::Serialize;
use shared::api::{
    AppDetail, CreatedInvitation, Invitation, InvitationPreview, MemberRole, NewInvitation,
    NewOwnerRequest, NewTeam, TeamAuditEntry, TeamDetail, TeamSummary,
};
use shared::team::{TeamRole, TeamSlug};

use super::{app_path, delete, get, segment, send, send_for_status, url, ApiFailure};

/// Whose apps or APIs a list shows (the team switcher).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Whose {
    /// Everything the person may see: their own, their teams', and (APIs) others' shared.
    #[default]
    Seen,
    /// The person's own, not their teams'.
    Mine,
    /// One team's, by slug.
    Team(String),
    /// Every user's (administrators' app list).
    Everyone,
}

impl Whose {
    /// The list endpoints' query parameters for this choice (none for `Seen`).
    pub fn append_to(&self, params: &mut url::form_urlencoded::Serializer<'_, String>) {
        match self {
            Whose::Seen => {}
            Whose::Mine => {
                params.append_pair("owner", "me");
            }
            Whose::Team(slug) => {
                params.append_pair("team", slug);
            }
            Whose::Everyone => {
                params.append_pair("owner", "all");
            }
        }
    }

    /// Read back from the list's address (`owner=me`, `owner=all`, `team=SLUG`).
    pub fn from_params(owner: Option<&str>, team: Option<String>) -> Whose {
        match (owner, team) {
            (_, Some(team)) if !team.is_empty() => Whose::Team(team),
            (Some("me"), _) => Whose::Mine,
            (Some("all"), _) => Whose::Everyone,
            _ => Whose::Seen,
        }
    }
}

/// The signed-in person's teams, with their role in each.
pub async fn teams() -> Result<Vec<TeamSummary>, ApiFailure> {
    if let Some(teams) = super::first_screen::teams() {
        return Ok(teams);
    }
    get("/teams").await
}

pub async fn create_team(new: &NewTeam) -> Result<TeamDetail, ApiFailure> {
    send(Request::post(&url("/teams")), Some(new)).await
}

pub async fn team(slug: &str) -> Result<TeamDetail, ApiFailure> {
    get(&team_path(slug)).await
}

pub async fn delete_team(slug: &str) -> Result<(), ApiFailure> {
    delete(&team_path(slug)).await
}

pub async fn change_role(slug: &str, email: &str, role: TeamRole) -> Result<(), ApiFailure> {
    send_for_status(
        Request::put(&url(&member_path(slug, email))),
        Some(&MemberRole { role }),
    )
    .await
}

pub async fn remove_member(slug: &str, email: &str) -> Result<(), ApiFailure> {
    delete(&member_path(slug, email)).await
}

/// Pending invitations (admins and owners).
pub async fn invitations(slug: &str) -> Result<Vec<Invitation>, ApiFailure> {
    get(&format!("{}/invitations", team_path(slug))).await
}

/// A new invitation; the answer carries its link this once.
pub async fn invite(slug: &str, new: &NewInvitation) -> Result<CreatedInvitation, ApiFailure> {
    let path = format!("{}/invitations", team_path(slug));
    send(Request::post(&url(&path)), Some(new)).await
}

pub async fn revoke_invitation(slug: &str, id: &str) -> Result<(), ApiFailure> {
    let path = format!("{}/invitations/{}", team_path(slug), segment(id));
    delete(&path).await
}

/// The team's own log, newest first.
pub async fn team_audit(slug: &str) -> Result<Vec<TeamAuditEntry>, ApiFailure> {
    get(&format!("{}/audit", team_path(slug))).await
}

/// What an invitation link offers (also to someone signed out).
pub async fn invitation(token: &str) -> Result<InvitationPreview, ApiFailure> {
    get(&invitation_path(token)).await
}

/// The accept endpoint takes no fields; it is sent `{}` so it is a JSON request like the rest.
#[derive(Serialize)]
struct NoFields {}

/// Joins the team the invitation is for. Its answer's body is not read: the page goes on to
/// the team's page, which loads the team as it now is.
pub async fn accept_invitation(token: &str) -> Result<(), ApiFailure> {
    let path = format!("{}/accept", invitation_path(token));
    send_for_status(Request::post(&url(&path)), Some(&NoFields {})).await
}

/// Moves an app into a team (`Some`) or to the person asking (`None`).
pub async fn move_app(client_id: &str, team: Option<TeamSlug>) -> Result<AppDetail, ApiFailure> {
    let path = format!("{}/owner", app_path(client_id));
    send(Request::put(&url(&path)), Some(&NewOwnerRequest { team })).await
}

fn team_path(slug: &str) -> String {
    format!("/teams/{}", segment(slug))
}

fn member_path(slug: &str, email: &str) -> String {
    format!("{}/members/{}", team_path(slug), segment(email))
}

fn invitation_path(token: &str) -> String {
    format!("/invitations/{}", segment(token))
}
