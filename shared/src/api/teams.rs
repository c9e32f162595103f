//! `/api/v1/teams`: teams, their members and roles.

use serde::{Deserialize, Serialize};

use crate::account::Email;
use crate::team::{TeamName, TeamRole, TeamSlug};

/// `POST /api/v1/teams`: without a slug, the name suggests one (numbered when taken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTeam {
    pub name: TeamName,
    #[serde(default)]
    pub slug: Option<TeamSlug>,
}

/// A team in the list of one's teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub slug: TeamSlug,
    pub name: TeamName,
    /// The asking person's role; `None` for an administrator who is not a member.
    pub role: Option<TeamRole>,
    pub created_at: i64,
}

/// `GET /api/v1/teams/{slug}`: the team and its members, owners first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDetail {
    #[serde(flatten)]
    pub team: TeamSummary,
    pub members: Vec<TeamMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub email: String,
    pub role: TeamRole,
    pub added_at: i64,
}

/// `POST /api/v1/teams/{slug}/members`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMember {
    pub email: Email,
    pub role: TeamRole,
}

/// `PUT /api/v1/apps/{client_id}/owner`: move an app into a team (`Some`), or to the person
/// asking (`None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOwnerRequest {
    #[serde(default)]
    pub team: Option<TeamSlug>,
}

/// `PUT /api/v1/teams/{slug}/members/{email}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRole {
    pub role: TeamRole,
}
