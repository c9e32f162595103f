//! Teams as the console API and `clientele team … --json` show them.

use shared::api::{TeamDetail, TeamMember, TeamSummary};
use shared::team::TeamRole;

use super::{Seen, TeamError};
use crate::store::teams::{MemberRow, TeamRow};
use crate::store::Store;

pub fn summary(team: &TeamRow, role: Option<TeamRole>) -> TeamSummary {
    TeamSummary {
        slug: team.slug.clone(),
        name: team.name.clone(),
        role,
        created_at: team.created_at,
    }
}

pub fn member(row: MemberRow) -> TeamMember {
    TeamMember {
        email: row.email,
        role: row.role,
        added_at: row.added_at,
    }
}

/// The team with its members, read now.
pub async fn detail(store: &Store, seen: &Seen) -> Result<TeamDetail, TeamError> {
    let members = store.team_members(&seen.team.id).await?;
    Ok(TeamDetail {
        team: summary(&seen.team, seen.role),
        members: members.into_iter().map(member).collect(),
    })
}
