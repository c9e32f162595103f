//! Team invitations (`team_invitations`). A link works once: accepting is one conditional
//! update (`used_at IS NULL AND revoked_at IS NULL AND expires_at > now`, and the invited
//! email) written first in its transaction, so two accepts at once add one member, and SQLite
//! never has to turn a read transaction into a write (SQLITE_BUSY_SNAPSHOT).

use shared::team::{TeamName, TeamRole, TeamSlug};
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};

use super::columns::{decoded, named, parsed};
use super::teams::{add_member, lock_team};
use super::{changed, Store, StoreError};

/// What creating an invitation writes.
pub struct NewInvitationRow<'a> {
    pub id: &'a str,
    pub team_id: &'a str,
    /// In `Email`'s normal form (trimmed, lower case).
    pub email: &'a str,
    pub role: TeamRole,
    pub token_hash: &'a str,
    pub invited_by: Option<&'a str>,
    pub created_at: i64,
    pub expires_at: i64,
}

/// An invitation as stored, with its team and the email of who invited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRow {
    pub id: String,
    pub team_id: String,
    pub team_slug: TeamSlug,
    pub team_name: TeamName,
    pub email: String,
    pub role: TeamRole,
    /// `None`: an operator at the command line (or an account deleted since).
    pub invited_by: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl InvitationRow {
    /// Neither accepted, revoked nor expired.
    pub fn is_pending(&self, now: i64) -> bool {
        self.used_at.is_none() && self.revoked_at.is_none() && self.expires_at > now
    }
}

/// How accepting went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acceptance {
    /// The person is now a member with this role.
    Joined { team_id: String, role: TeamRole },
    /// No pending invitation has this token for this email (nothing changed).
    NotPending,
    /// The person was already a member (nothing changed; the invitation stays pending).
    AlreadyMember,
}

const INVITATION_SQL: &str =
    "SELECT i.id, i.team_id, t.slug AS team_slug, t.name AS team_name, i.email, i.role, \
     u.email AS invited_by, i.created_at, i.expires_at, i.used_at, i.revoked_at \
     FROM team_invitations i JOIN teams t ON t.id = i.team_id \
     LEFT JOIN users u ON u.id = i.invited_by";

impl Store {
    /// Stores a new invitation; a pending one for the same email in the same team is revoked
    /// in the same transaction (the newest link replaces it). `false` (and nothing written)
    /// when the team already has `most_pending` pending invitations.
    pub async fn insert_invitation(
        &self,
        invitation: &NewInvitationRow<'_>,
        most_pending: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "UPDATE team_invitations SET revoked_at = $3 WHERE team_id = $1 AND email = $2 \
             AND used_at IS NULL AND revoked_at IS NULL",
        );
        changed(
            &mut tx,
            bound!(
                query,
                invitation.team_id,
                invitation.email,
                invitation.created_at
            ),
        )
        .await?;
        let query = sqlx::query_scalar(
            "SELECT COUNT(*) FROM team_invitations WHERE team_id = $1 AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $2",
        );
        let pending: i64 = bound!(query, invitation.team_id, invitation.created_at)
            .fetch_one(&mut *tx)
            .await?;
        if pending >= most_pending {
            return Ok(false);
        }
        let query = sqlx::query(
            "INSERT INTO team_invitations (id, team_id, email, role, token_hash, invited_by, \
             created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        );
        let query = bound!(
            query,
            invitation.id,
            invitation.team_id,
            invitation.email,
            invitation.role.as_str(),
            invitation.token_hash,
            invitation.invited_by,
            invitation.created_at,
            invitation.expires_at
        );
        changed(&mut tx, query).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The team's pending invitations, newest first (bounded).
    pub async fn pending_invitations(
        &self,
        team_id: &str,
        now: i64,
    ) -> Result<Vec<InvitationRow>, StoreError> {
        let sql = format!(
            "{INVITATION_SQL} WHERE i.team_id = $1 AND i.used_at IS NULL \
             AND i.revoked_at IS NULL AND i.expires_at > $2 \
             ORDER BY i.created_at DESC, i.id DESC LIMIT 500"
        );
        self.all(bound!(sqlx::query_as(&sql), team_id, now)).await
    }

    /// One invitation of the team, whatever its state.
    pub async fn team_invitation(
        &self,
        team_id: &str,
        id: &str,
    ) -> Result<Option<InvitationRow>, StoreError> {
        let sql = format!("{INVITATION_SQL} WHERE i.team_id = $1 AND i.id = $2");
        self.optional(bound!(sqlx::query_as(&sql), team_id, id))
            .await
    }

    /// The invitation whose link's token hashes to `token_hash`, whatever its state.
    pub async fn invitation_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<InvitationRow>, StoreError> {
        let sql = format!("{INVITATION_SQL} WHERE i.token_hash = $1");
        self.optional(bound!(sqlx::query_as(&sql), token_hash))
            .await
    }

    /// Revokes a pending invitation; `false` when it was not pending (any more).
    pub async fn revoke_invitation(
        &self,
        team_id: &str,
        id: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "UPDATE team_invitations SET revoked_at = $3 WHERE team_id = $1 AND id = $2 \
             AND used_at IS NULL AND revoked_at IS NULL",
        );
        Ok(self.write(bound!(query, team_id, id, now)).await? == 1)
    }

    /// Accepts the pending invitation `token_hash` for the account `user_id` with `email`:
    /// marks it used and adds the member, in one transaction that writes first.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        email: &str,
        user_id: &str,
        now: i64,
    ) -> Result<Acceptance, StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query(
            "UPDATE team_invitations SET used_at = $3 WHERE token_hash = $1 AND email = $2 \
             AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
        );
        if changed(&mut tx, bound!(query, token_hash, email, now)).await? != 1 {
            return Ok(Acceptance::NotPending);
        }
        let row = bound!(
            sqlx::query("SELECT team_id, role FROM team_invitations WHERE token_hash = $1"),
            token_hash
        )
        .fetch_one(&mut *tx)
        .await?;
        let team_id: String = row.try_get("team_id")?;
        let role: TeamRole = decoded(&row, "role", named)?;
        lock_team(&mut tx, &team_id, now).await?;
        match add_member(&mut tx, &team_id, user_id, role, now).await {
            Ok(_) => {}
            Err(StoreError::Conflict) => return Ok(Acceptance::AlreadyMember),
            Err(err) => return Err(err),
        }
        tx.commit().await?;
        Ok(Acceptance::Joined { team_id, role })
    }
}

/// By hand: the team's slug and name, and the role, decode by their own rules (`columns.rs`).
impl FromRow<'_, AnyRow> for InvitationRow {
    fn from_row(row: &AnyRow) -> Result<InvitationRow, sqlx::Error> {
        Ok(InvitationRow {
            id: row.try_get("id")?,
            team_id: row.try_get("team_id")?,
            team_slug: decoded(row, "team_slug", parsed)?,
            team_name: decoded(row, "team_name", parsed)?,
            email: row.try_get("email")?,
            role: decoded(row, "role", named)?,
            invited_by: row.try_get("invited_by")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            used_at: row.try_get("used_at")?,
            revoked_at: row.try_get("revoked_at")?,
        })
    }
}
