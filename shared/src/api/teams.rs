//! `/api/v1/teams`: teams, their members and roles.

use serde::{Deserialize, Serialize};

use crate::account::Email;
use crate::team::{TeamName, TeamRole, TeamSlug};

/// `POST /api/v1/teams`: without a slug, the name suggests one (numbered when taken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTeam {
    pub name: TeamName,
    #[serde(default)]
    pub slug: Option<TeamSlug>,
}

/// A team in the list of one's teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamSummary {
    pub slug: TeamSlug,
    pub name: TeamName,
    /// The asking person's role; `None` for an administrator who is not a member.
    pub role: Option<TeamRole>,
    pub created_at: i64,
}

/// `GET /api/v1/teams/{slug}`: the team and its members, owners first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamDetail {
    #[serde(flatten)]
    pub team: TeamSummary,
    pub members: Vec<TeamMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub email: String,
    pub role: TeamRole,
    pub added_at: i64,
}

/// `POST /api/v1/teams/{slug}/members`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMember {
    pub email: Email,
    pub role: TeamRole,
}

/// `PUT /api/v1/apps/{client_id}/owner`: move an app into a team (`Some`), or to the person
/// asking (`None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOwnerRequest {
    #[serde(default)]
    pub team: Option<TeamSlug>,
}

/// `PUT /api/v1/teams/{slug}/members/{email}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberRole {
    pub role: TeamRole,
}

/// `POST /api/v1/teams/{slug}/invitations` (admins and owners; only owners invite owners).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewInvitation {
    pub email: Email,
    pub role: TeamRole,
}

/// A pending invitation as the team's admins see it (`GET /api/v1/teams/{slug}/invitations`):
/// never the link, which is shown once, when it is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: String,
    pub email: String,
    pub role: TeamRole,
    /// The email of the member who invited.
    pub invited_by: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// `201` to `POST /api/v1/teams/{slug}/invitations`: the link to copy, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedInvitation {
    #[serde(flatten)]
    pub invitation: Invitation,
    /// `{issuer}/invitations/{token}`: opens the console's page that accepts it.
    pub link: String,
    /// Whether it was also sent by mail (an SMTP server is configured and took it).
    pub mailed: bool,
}

/// `GET /api/v1/invitations/{token}`: what the link offers, for the page that accepts it (also
/// to someone signed out, who then signs in or signs up with this email).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationPreview {
    pub team_name: TeamName,
    pub team_slug: TeamSlug,
    pub role: TeamRole,
    pub email: String,
    pub invited_by: String,
    pub expires_at: i64,
    /// Whether an account with this email exists (sign in) or not (sign up).
    pub has_account: bool,
}

/// `PUT /api/v1/apis/{id}/owner`: the same as for apps.
pub type NewApiOwnerRequest = NewOwnerRequest;

/// One entry of a team's own log (`GET /api/v1/teams/{slug}/audit`): membership changes.
/// Changes to the team's apps stay in each app's log, which names the person who acted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamAuditEntry {
    pub at: i64,
    /// The email of the person who acted; `None` for an operator at the command line.
    pub actor: Option<String>,
    pub event: TeamEvent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TeamEvent {
    TeamCreated {
        name: String,
    },
    MemberAdded {
        email: String,
        role: TeamRole,
    },
    RoleChanged {
        email: String,
        before: TeamRole,
        after: TeamRole,
    },
    MemberRemoved {
        email: String,
    },
    InvitationSent {
        email: String,
        role: TeamRole,
    },
    InvitationRevoked {
        email: String,
    },
    InvitationAccepted {
        email: String,
        role: TeamRole,
    },
    AppTransferred {
        client_id: String,
        name: String,
        into_team: bool,
    },
    ApiTransferred {
        api_id: String,
        name: String,
        into_team: bool,
    },
}
