//! Teams: the one home of every change to a team and its members, for the console API and the
//! command line alike. Each operation checks the acting person's role, read from the database
//! in the same request (a removed member loses access at once), and returns a `TeamError`.
//!
//! Roles: owners do everything, including deleting the team and making or unmaking owners;
//! admins manage the other members; developers change the team's apps and APIs; viewers read.
//! The rule that one owner always remains is kept by the store (`store::teams`), inside the
//! transaction that makes the change.

use shared::account::Email;
use shared::api::TeamEvent;
use shared::team::{TeamName, TeamRole, TeamSlug};

pub mod access;
pub mod audit;
pub mod invitations;
pub mod views;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::ids;
use crate::store::teams::{MemberRow, MembershipChange, TeamDeletion, TeamRow};
use crate::store::{Store, StoreError};

/// Who acts on a team.
#[derive(Debug, Clone, Copy)]
pub enum Acting<'a> {
    /// A person in the console. Server administrators act as owners of every team, as they
    /// may already change every app.
    Person {
        user_id: &'a str,
        /// Who the team's log says acted.
        email: &'a str,
        is_admin: bool,
    },
    /// An operator with a `clientele` command (who can edit the database anyway).
    CommandLine,
}

/// A console user acting.
pub fn acting(user: &CurrentUser) -> Acting<'_> {
    Acting::Person {
        user_id: &user.user.id,
        email: &user.user.email,
        is_admin: user.is_admin(),
    }
}

/// Why a team operation did not happen.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// No such team, or one the person is not a member of (the same answer, so slugs of
    /// other people's teams cannot be probed).
    #[error("no team has this slug")]
    NotFound,
    /// A member whose role does not allow this.
    #[error("your role in this team does not allow this ({0})")]
    Forbidden(&'static str),
    #[error("no account has this email address")]
    NoAccount,
    #[error("this person is already a member of the team")]
    AlreadyMember,
    #[error("this person is not a member of the team")]
    NotMember,
    #[error("a team keeps at least one owner")]
    LastOwner,
    #[error("the team still owns apps or APIs")]
    OwnsSomething,
    #[error("another team already has this slug")]
    SlugTaken,
    #[error("the name gives no slug")]
    NoSlug,
    /// Registering into a team the person is not a member of (or that does not exist).
    #[error("no team of yours has this slug")]
    UnknownTeam,
    /// An invitation link that is unknown, used, revoked or expired (one answer for all).
    #[error("this invitation is not valid any more")]
    InvitationNotValid,
    #[error("the team already has {0} pending invitations")]
    TooManyInvitations(i64),
    /// Accepting an invitation made for another email than the account's.
    #[error("this invitation is for another email address")]
    InvitationForAnother,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A team as the person asking sees it: their role in it (`None` for administrators and the
/// command line, who are not members).
pub struct Seen {
    pub team: TeamRow,
    pub role: Option<TeamRole>,
}

/// How many numbered slugs (`acme-2`…) are tried when the one a name suggests is taken.
const SLUG_ATTEMPTS: u32 = 20;

/// Creates a team whose first owner is `owner_id`. Without a slug, the name suggests one
/// (numbered when taken); a slug given is used as it is or refused when taken.
pub async fn create(
    store: &Store,
    acting: Acting<'_>,
    owner_id: &str,
    name: TeamName,
    slug: Option<TeamSlug>,
    now: i64,
) -> Result<TeamRow, TeamError> {
    let (base, tries) = match slug {
        Some(slug) => (slug, 1),
        None => (
            TeamSlug::from_name(&name).ok_or(TeamError::NoSlug)?,
            SLUG_ATTEMPTS,
        ),
    };
    for attempt in 1..=tries {
        let team = TeamRow {
            id: ids::new_id("team"),
            slug: if attempt == 1 {
                base.clone()
            } else {
                base.numbered(attempt)
            },
            name: name.clone(),
            created_at: now,
        };
        match store.insert_team(&team, owner_id, now).await {
            Ok(()) => {
                tracing::info!(team = %team.id, slug = %team.slug, owner = owner_id, "team created");
                let event = TeamEvent::TeamCreated {
                    name: team.name.to_string(),
                };
                audit::record(store, &team.id, acting, now, event).await?;
                return Ok(team);
            }
            Err(StoreError::Conflict) => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(TeamError::SlugTaken)
}

/// The team with this slug, if `acting` may see it (any member, administrators, operators).
pub async fn seen(store: &Store, acting: Acting<'_>, slug: &TeamSlug) -> Result<Seen, TeamError> {
    let team = store.team_by_slug(slug).await?.ok_or(TeamError::NotFound)?;
    match acting {
        Acting::CommandLine => Ok(Seen { team, role: None }),
        Acting::Person {
            user_id, is_admin, ..
        } => match store.team_role(&team.id, user_id).await? {
            Some(role) => Ok(Seen {
                team,
                role: Some(role),
            }),
            None if is_admin => Ok(Seen { team, role: None }),
            None => Err(TeamError::NotFound),
        },
    }
}

impl Seen {
    /// The role the person acts with: administrators and operators act as owners.
    pub fn acting_role(&self) -> TeamRole {
        self.role.unwrap_or(TeamRole::Owner)
    }

    /// This team, if its acting role passes `rule`; else `Forbidden` with `refused`.
    pub fn allowed(
        self,
        rule: impl FnOnce(TeamRole) -> bool,
        refused: &'static str,
    ) -> Result<Seen, TeamError> {
        if rule(self.acting_role()) {
            Ok(self)
        } else {
            Err(TeamError::Forbidden(refused))
        }
    }
}

/// Adds the account with this email to the team.
pub async fn add_member(
    store: &Store,
    acting: Acting<'_>,
    slug: &TeamSlug,
    email: &Email,
    role: TeamRole,
    now: i64,
) -> Result<MemberRow, TeamError> {
    let seen = seen(store, acting, slug).await?;
    may_manage(seen.acting_role(), None, Some(role))?;
    let user = store
        .user_by_email(email.as_str())
        .await?
        .ok_or(TeamError::NoAccount)?;
    match store
        .insert_team_member(&seen.team.id, &user.id, role, now)
        .await
    {
        Ok(()) => {
            let event = TeamEvent::MemberAdded {
                email: user.email.clone(),
                role,
            };
            audit::record(store, &seen.team.id, acting, now, event).await?;
            Ok(MemberRow {
                user_id: user.id,
                email: user.email,
                role,
                added_at: now,
            })
        }
        Err(StoreError::Conflict) => Err(TeamError::AlreadyMember),
        Err(err) => Err(err.into()),
    }
}

/// Gives a member another role (`Some`) or removes them (`None`). Anyone may leave a team;
/// otherwise admins change developers and viewers, and only owners touch owners.
pub async fn change_member(
    store: &Store,
    acting: Acting<'_>,
    slug: &TeamSlug,
    email: &Email,
    role: Option<TeamRole>,
    now: i64,
) -> Result<(), TeamError> {
    let seen = seen(store, acting, slug).await?;
    let member = store
        .user_by_email(email.as_str())
        .await?
        .ok_or(TeamError::NotMember)?;
    let current = store
        .team_role(&seen.team.id, &member.id)
        .await?
        .ok_or(TeamError::NotMember)?;
    let leaving =
        role.is_none() && matches!(acting, Acting::Person { user_id, .. } if user_id == member.id);
    if !leaving {
        may_manage(seen.acting_role(), Some(current), role)?;
    }
    match store
        .change_team_member(&seen.team.id, &member.id, role, now)
        .await?
    {
        MembershipChange::Done => {
            let event = match role {
                Some(after) => TeamEvent::RoleChanged {
                    email: member.email,
                    before: current,
                    after,
                },
                None => TeamEvent::MemberRemoved {
                    email: member.email,
                },
            };
            audit::record(store, &seen.team.id, acting, now, event).await?;
            Ok(())
        }
        MembershipChange::NotMember => Err(TeamError::NotMember),
        MembershipChange::LastOwner => Err(TeamError::LastOwner),
    }
}

/// Deletes a team that owns nothing; owners only.
pub async fn delete(
    store: &Store,
    acting: Acting<'_>,
    slug: &TeamSlug,
    now: i64,
) -> Result<(), TeamError> {
    let owners = |role| role == TeamRole::Owner;
    let seen = seen(store, acting, slug)
        .await?
        .allowed(owners, "only owners delete a team")?;
    match store.delete_team(&seen.team.id, now).await? {
        TeamDeletion::Done => Ok(()),
        TeamDeletion::NotFound => Err(TeamError::NotFound),
        TeamDeletion::OwnsSomething => Err(TeamError::OwnsSomething),
    }
}

/// The team a new app or API is registered into, if one is named: `acting` must be a member
/// whose role registers apps (owner, admin or developer).
pub async fn registering_into(
    store: &Store,
    acting: Acting<'_>,
    slug: Option<&TeamSlug>,
) -> Result<Option<TeamRow>, TeamError> {
    let Some(slug) = slug else { return Ok(None) };
    let seen = match seen(store, acting, slug).await {
        Err(TeamError::NotFound) => return Err(TeamError::UnknownTeam),
        other => other?,
    };
    let refused = "viewers of a team do not register its apps or APIs";
    Ok(Some(seen.allowed(TeamRole::changes_apps, refused)?.team))
}

/// Whether `actor` may take a member from role `from` (`None`: not a member yet) to `to`
/// (`None`: out of the team).
pub(crate) fn may_manage(
    actor: TeamRole,
    from: Option<TeamRole>,
    to: Option<TeamRole>,
) -> Result<(), TeamError> {
    if !actor.manages_members() {
        return Err(TeamError::Forbidden(
            "only owners and admins manage members",
        ));
    }
    let touches_owner = from == Some(TeamRole::Owner) || to == Some(TeamRole::Owner);
    if touches_owner && actor != TeamRole::Owner {
        return Err(TeamError::Forbidden("only owners make or unmake owners"));
    }
    Ok(())
}

impl From<TeamError> for AppError {
    fn from(err: TeamError) -> Self {
        let conflict = |field, message: &str| AppError::Conflict {
            field,
            message: message.to_owned(),
        };
        match err {
            TeamError::NotFound => AppError::NotFound,
            TeamError::Forbidden(why) => AppError::Forbidden(why),
            TeamError::NoAccount => AppError::field("email", "No account has this email address."),
            TeamError::AlreadyMember => conflict(
                Some("email"),
                "This person is already a member of the team.",
            ),
            TeamError::NotMember => AppError::NotFound,
            TeamError::LastOwner => conflict(
                None,
                "A team keeps at least one owner. Make someone else an owner first.",
            ),
            TeamError::OwnsSomething => conflict(
                None,
                "This team still owns apps or APIs. Delete them or move them out first.",
            ),
            TeamError::SlugTaken => conflict(Some("slug"), "Another team already has this slug."),
            TeamError::NoSlug => AppError::field(
                "slug",
                "Choose a slug (a-z, 0-9 and hyphens): the name has too few of those letters.",
            ),
            TeamError::UnknownTeam => {
                AppError::field("team", "You are not a member of a team with this slug.")
            }
            TeamError::InvitationNotValid => AppError::Gone(
                "This invitation is not valid any more: it was used, revoked or has expired. Ask the team for a new one.",
            ),
            TeamError::TooManyInvitations(most) => conflict(
                Some("email"),
                &format!("This team already has {most} pending invitations. Revoke some, or wait until they are accepted or expire."),
            ),
            TeamError::InvitationForAnother => AppError::Forbidden(
                "This invitation is for another email address. Sign in with the account it was sent to.",
            ),
            TeamError::Store(err) => AppError::Internal(err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_move_whom() {
        use TeamRole::*;
        assert!(may_manage(Owner, Some(Owner), Some(Admin)).is_ok());
        assert!(may_manage(Owner, None, Some(Owner)).is_ok());
        assert!(may_manage(Admin, Some(Viewer), Some(Developer)).is_ok());
        assert!(may_manage(Admin, Some(Developer), None).is_ok());
        assert!(may_manage(Admin, Some(Owner), Some(Viewer)).is_err());
        assert!(may_manage(Admin, None, Some(Owner)).is_err());
        assert!(may_manage(Developer, None, Some(Viewer)).is_err());
        assert!(may_manage(Viewer, Some(Viewer), None).is_err());
    }
}
