//! The one rule for who may see and change what a person or a team owns (apps, APIs, and an
//! app's secrets). Roles are read from the database for each request and kept no longer, so
//! a removed member's next request is refused.
//!
//! - The owning person, and administrators: everything.
//! - A team's owners, admins and developers: read and change; viewers: read only.
//! - Anyone else: not told it exists (404, so ids cannot be probed).

use std::collections::HashMap;

use shared::team::TeamRole;

use crate::error::AppError;
use crate::store::teams::Owner;
use crate::store::{Store, StoreError};

/// What a request does to what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    ReadWrite,
}

/// A person with their roles in every team they belong to, read for one request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user_id: String,
    pub is_admin: bool,
    roles: HashMap<String, TeamRole>,
}

impl Viewer {
    pub async fn load(store: &Store, user_id: &str, is_admin: bool) -> Result<Viewer, StoreError> {
        let roles = store
            .teams_of(user_id)
            .await?
            .into_iter()
            .map(|(team, role)| (team.id, role))
            .collect();
        Ok(Viewer {
            user_id: user_id.to_owned(),
            is_admin,
            roles,
        })
    }

    /// Whether this person may do `need` to what `owner` owns.
    pub fn check(&self, owner: &Owner, need: Need) -> Result<(), Refused> {
        decide(owner, &self.user_id, self.is_admin, need, |team| {
            self.roles.get(team).copied()
        })
    }

    /// An operator at the command line, who sees everything.
    pub fn command_line() -> Viewer {
        Viewer {
            user_id: String::new(),
            is_admin: true,
            roles: HashMap::new(),
        }
    }

    /// Whether this person changes it as its owner or by their role in its team (not as an
    /// administrator).
    pub fn owns(&self, owner: &Owner) -> bool {
        decide(owner, &self.user_id, false, Need::ReadWrite, |team| {
            self.roles.get(team).copied()
        })
        .is_ok()
    }

    pub fn sees(&self, owner: &Owner) -> bool {
        self.check(owner, Need::Read).is_ok()
    }

    pub fn changes(&self, owner: &Owner) -> bool {
        self.check(owner, Need::ReadWrite).is_ok()
    }
}

/// `Viewer::check` for one owner, with the one membership it needs read now.
pub async fn check_one(
    store: &Store,
    owner: &Owner,
    user_id: &str,
    is_admin: bool,
    need: Need,
) -> Result<(), Refused> {
    let role = match owner {
        Owner::Team { id, .. } if !is_admin => store.team_role(id, user_id).await?,
        _ => None,
    };
    decide(owner, user_id, is_admin, need, |_| role)
}

/// Why a person may not do what they asked.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// They may not even see it: answered like something that does not exist.
    #[error("not found")]
    Hidden,
    /// They see it (a team's viewer) but may not change it.
    #[error("viewers change nothing")]
    ReadOnly,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Refused> for AppError {
    fn from(refused: Refused) -> AppError {
        match refused {
            Refused::Hidden => AppError::NotFound,
            Refused::ReadOnly => {
                AppError::Forbidden("Viewers of a team see its apps and APIs but change nothing.")
            }
            Refused::Store(err) => err.into(),
        }
    }
}

fn decide(
    owner: &Owner,
    user_id: &str,
    is_admin: bool,
    need: Need,
    role_in: impl Fn(&str) -> Option<TeamRole>,
) -> Result<(), Refused> {
    if is_admin {
        return Ok(());
    }
    match owner {
        Owner::Person(id) if id == user_id => Ok(()),
        Owner::Person(_) => Err(Refused::Hidden),
        Owner::Team { id, .. } => match (role_in(id), need) {
            (None, _) => Err(Refused::Hidden),
            (Some(_), Need::Read) => Ok(()),
            (Some(role), Need::ReadWrite) if role.changes_apps() => Ok(()),
            (Some(_), Need::ReadWrite) => Err(Refused::ReadOnly),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_decide_reading_and_changing() {
        let team = Owner::Team {
            id: "team_a".into(),
            slug: shared::team::TeamSlug::try_from("acme".to_owned()).unwrap(),
        };
        let check = |role: Option<TeamRole>, need| decide(&team, "usr_x", false, need, |_| role);
        for role in TeamRole::ALL {
            assert!(check(Some(role), Need::Read).is_ok());
            assert_eq!(
                check(Some(role), Need::ReadWrite).is_ok(),
                role != TeamRole::Viewer
            );
        }
        assert!(matches!(check(None, Need::Read), Err(Refused::Hidden)));
        let mine = Owner::Person("usr_x".into());
        assert!(decide(&mine, "usr_x", false, Need::ReadWrite, |_| None).is_ok());
        assert!(decide(&mine, "usr_y", false, Need::Read, |_| None).is_err());
        assert!(decide(&team, "usr_y", true, Need::ReadWrite, |_| None).is_ok());
    }
}
