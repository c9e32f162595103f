//! Teams and their members. The rule that a team keeps at least one owner is kept here, in the
//! same transaction as the change, with the team row locked first (`lock_team`): two owners
//! demoting each other at once are taken one after the other, and the second is refused.

use shared::team::{TeamName, TeamRole, TeamSlug};
use sqlx::any::AnyRow;
use sqlx::{Any, FromRow, Row, Transaction};

use super::columns::{decoded, named, parsed};
use super::{changed, Store, StoreError};

/// A team as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct TeamRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub slug: TeamSlug,
    #[sqlx(try_from = "String")]
    pub name: TeamName,
    pub created_at: i64,
}

/// A member of a team, with the email people know them by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub user_id: String,
    pub email: String,
    pub role: TeamRole,
    pub added_at: i64,
}

/// How a change to a membership went, when the database decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipChange {
    Done,
    /// The person is not a member (any more).
    NotMember,
    /// It would leave the team without an owner.
    LastOwner,
}

/// How deleting a team went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamDeletion {
    Done,
    NotFound,
    /// It still owns apps or APIs.
    OwnsSomething,
}

const TEAM_COLUMNS: &str = "t.id, t.slug, t.name, t.created_at";

impl Store {
    /// Creates a team with its first owner. `Conflict` when the slug is taken.
    pub async fn insert_team(
        &self,
        team: &TeamRow,
        owner_id: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "INSERT INTO teams (id, slug, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        );
        let query = bound!(
            query,
            &team.id,
            team.slug.as_str(),
            team.name.as_str(),
            team.created_at
        );
        changed(&mut tx, query).await?;
        add_member(&mut tx, &team.id, owner_id, TeamRole::Owner, now).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn team_by_slug(&self, slug: &TeamSlug) -> Result<Option<TeamRow>, StoreError> {
        let sql = format!("SELECT {TEAM_COLUMNS} FROM teams t WHERE t.slug = $1");
        self.optional(bound!(sqlx::query_as(&sql), slug.as_str()))
            .await
    }

    /// The teams `user_id` belongs to, with their role in each, by slug. A person belongs to
    /// few teams; the list is bounded all the same.
    pub async fn teams_of(&self, user_id: &str) -> Result<Vec<(TeamRow, TeamRole)>, StoreError> {
        let sql = format!(
            "SELECT {TEAM_COLUMNS}, m.role FROM teams t JOIN team_members m ON m.team_id = t.id \
             WHERE m.user_id = $1 ORDER BY t.slug LIMIT 500"
        );
        let rows = sqlx::query(&sql)
            .bind(user_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((TeamRow::from_row(row)?, role_from(row)?)))
            .collect()
    }

    /// Every team, by slug (for operators; bounded all the same).
    pub async fn all_teams(&self) -> Result<Vec<TeamRow>, StoreError> {
        let sql = format!("SELECT {TEAM_COLUMNS} FROM teams t ORDER BY t.slug LIMIT 1000");
        self.all(sqlx::query_as(&sql)).await
    }

    /// `user_id`'s role in the team, read from the database on every call: a removed member
    /// loses access with the next request.
    pub async fn team_role(
        &self,
        team_id: &str,
        user_id: &str,
    ) -> Result<Option<TeamRole>, StoreError> {
        member_role(&self.pool, team_id, user_id).await
    }

    /// The team's members, owners first, then by email.
    pub async fn team_members(&self, team_id: &str) -> Result<Vec<MemberRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT m.user_id, u.email, m.role, m.added_at FROM team_members m \
             JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 ORDER BY u.email LIMIT 1000",
        );
        let mut members: Vec<MemberRow> = self.all(bound!(query, team_id)).await?;
        members.sort_by_key(|member| member.role);
        Ok(members)
    }

    /// Adds a member. `Conflict` when they already are one.
    pub async fn insert_team_member(
        &self,
        team_id: &str,
        user_id: &str,
        role: TeamRole,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        lock_team(&mut tx, team_id, now).await?;
        add_member(&mut tx, team_id, user_id, role, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Gives a member another role (`Some`) or removes them (`None`), unless that leaves the
    /// team without an owner.
    pub async fn change_team_member(
        &self,
        team_id: &str,
        user_id: &str,
        role: Option<TeamRole>,
        now: i64,
    ) -> Result<MembershipChange, StoreError> {
        let mut tx = self.writer.begin().await?;
        lock_team(&mut tx, team_id, now).await?;
        let Some(current) = member_role(&mut *tx, team_id, user_id).await? else {
            return Ok(MembershipChange::NotMember);
        };
        if current == TeamRole::Owner && role != Some(TeamRole::Owner) {
            let query = sqlx::query_scalar(
                "SELECT COUNT(*) FROM team_members WHERE team_id = $1 AND role = $2",
            );
            let owners: i64 = bound!(query, team_id, TeamRole::Owner.as_str())
                .fetch_one(&mut *tx)
                .await?;
            if owners <= 1 {
                return Ok(MembershipChange::LastOwner);
            }
        }
        let statement = match role {
            Some(role) => bound!(
                sqlx::query(
                    "UPDATE team_members SET role = $3 WHERE team_id = $1 AND user_id = $2"
                ),
                team_id,
                user_id,
                role.as_str()
            ),
            None => bound!(
                sqlx::query("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2"),
                team_id,
                user_id
            ),
        };
        changed(&mut tx, statement).await?;
        tx.commit().await?;
        Ok(MembershipChange::Done)
    }

    /// Deletes a team that owns no app and no API (its memberships go with it).
    pub async fn delete_team(&self, team_id: &str, now: i64) -> Result<TeamDeletion, StoreError> {
        let mut tx = self.writer.begin().await?;
        if !lock_team(&mut tx, team_id, now).await? {
            return Ok(TeamDeletion::NotFound);
        }
        let query = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM apps WHERE team_id = $1) \
             + (SELECT COUNT(*) FROM apis WHERE team_id = $1)",
        );
        let owned: i64 = bound!(query, team_id).fetch_one(&mut *tx).await?;
        if owned > 0 {
            return Ok(TeamDeletion::OwnsSomething);
        }
        changed(
            &mut tx,
            bound!(sqlx::query("DELETE FROM teams WHERE id = $1"), team_id),
        )
        .await?;
        tx.commit().await?;
        Ok(TeamDeletion::Done)
    }
}

/// Locks the team's row for the rest of the transaction (PostgreSQL: a row lock taken by the
/// update; SQLite: the one writer). `false` when there is no such team.
pub(super) async fn lock_team(
    tx: &mut Transaction<'_, Any>,
    team_id: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let query = sqlx::query("UPDATE teams SET updated_at = $2 WHERE id = $1");
    Ok(changed(tx, bound!(query, team_id, now)).await? == 1)
}

/// Adds `user_id` to the team with `role`, inside the caller's transaction; `Conflict` when
/// they already are a member.
pub(super) async fn add_member(
    tx: &mut Transaction<'_, Any>,
    team_id: &str,
    user_id: &str,
    role: TeamRole,
    now: i64,
) -> Result<(), StoreError> {
    let query = sqlx::query(
        "INSERT INTO team_members (team_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)",
    );
    changed(tx, bound!(query, team_id, user_id, role.as_str(), now)).await?;
    Ok(())
}

async fn member_role<'e>(
    executor: impl sqlx::Executor<'e, Database = Any>,
    team_id: &str,
    user_id: &str,
) -> Result<Option<TeamRole>, StoreError> {
    let query = sqlx::query("SELECT role FROM team_members WHERE team_id = $1 AND user_id = $2");
    let row = bound!(query, team_id, user_id)
        .fetch_optional(executor)
        .await?;
    Ok(row.as_ref().map(role_from).transpose()?)
}

fn role_from(row: &AnyRow) -> Result<TeamRole, sqlx::Error> {
    decoded(row, "role", named)
}

/// By hand: the role decodes by its wire name (`columns.rs`).
impl FromRow<'_, AnyRow> for MemberRow {
    fn from_row(row: &AnyRow) -> Result<MemberRow, sqlx::Error> {
        Ok(MemberRow {
            user_id: row.try_get("user_id")?,
            email: row.try_get("email")?,
            role: role_from(row)?,
            added_at: row.try_get("added_at")?,
        })
    }
}

/// Who owns an app or an API: the person who registered it, or a team (whose members act on
/// it by role).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Person(String),
    Team { id: String, slug: TeamSlug },
}

impl Owner {
    /// The owner's id, `usr_…` or `team_…` (never equal): whose private APIs an app may use.
    pub fn id(&self) -> &str {
        match self {
            Owner::Person(id) | Owner::Team { id, .. } => id,
        }
    }

    pub fn team_slug(&self) -> Option<&TeamSlug> {
        match self {
            Owner::Person(_) => None,
            Owner::Team { slug, .. } => Some(slug),
        }
    }

    /// From `owner_id`, `team_id` and `team_slug` (the team's slug joined in).
    pub(crate) fn from_row(row: &AnyRow) -> Result<Owner, sqlx::Error> {
        let team_id: Option<String> = row.try_get("team_id")?;
        Ok(match team_id {
            None => Owner::Person(row.try_get("owner_id")?),
            Some(id) => Owner::Team {
                id,
                slug: decoded(row, "team_slug", parsed)?,
            },
        })
    }
}
