//! Teams in the console: the switcher on the app and API lists, the owner of what is
//! registered and moving it, a team's members, invitations and audit log.

pub mod audit;
pub mod create;
pub mod delete;
pub mod invitations;
pub mod invite;
pub mod members;
pub mod move_owner;
pub mod owner_picker;
pub mod switcher;

use shared::team::TeamRole;

/// A role as the console names it.
pub fn role_name(role: TeamRole) -> &'static str {
    match role {
        TeamRole::Owner => "Owner",
        TeamRole::Admin => "Admin",
        TeamRole::Developer => "Developer",
        TeamRole::Viewer => "Viewer",
    }
}

/// What the signed-in person may do in a team: their role, or (an administrator who is not a
/// member) `None`, who may do what owners do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MyRole {
    pub role: Option<TeamRole>,
    pub is_admin: bool,
}

impl MyRole {
    pub fn manages_members(self) -> bool {
        self.role.map_or(self.is_admin, |role| {
            role.manages_members() || self.is_admin
        })
    }

    pub fn is_owner(self) -> bool {
        self.role == Some(TeamRole::Owner) || self.is_admin
    }

    /// The roles this person may give (only owners make owners).
    pub fn grantable(self) -> Vec<TeamRole> {
        TeamRole::ALL
            .into_iter()
            .filter(|role| *role != TeamRole::Owner || self.is_owner())
            .collect()
    }

    /// Whether this person may change or remove a member who has `role`.
    pub fn manages(self, role: TeamRole) -> bool {
        self.manages_members() && (role != TeamRole::Owner || self.is_owner())
    }
}
