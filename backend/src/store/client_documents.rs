//! Clients met through their Client ID Metadata Document: where and when they were met, how
//! many people consented, and the administrator's block (`0013_client_documents.sql`).

use sqlx::FromRow;

use super::columns::Flag;
use super::{changed, Store, StoreError};

/// A client met, as administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ClientDocumentRow {
    pub id: String,
    /// The document's URL, which is the client id.
    pub client_id: String,
    pub host: String,
    /// The name the document claims (`client_name`), as last fetched.
    #[sqlx(rename = "name")]
    pub claimed_name: String,
    pub first_used_at: i64,
    pub last_used_at: i64,
    pub blocked_at: Option<i64>,
    /// Its app is disabled: blocked here, or disabled as an app by an administrator; either way
    /// it is refused everywhere.
    #[sqlx(try_from = "Flag")]
    pub disabled: bool,
    /// People who consented to it and have not revoked that.
    pub consents: i64,
}

const DOCUMENT_SQL: &str =
    "SELECT d.id, d.client_id, d.host, a.name, d.first_used_at, d.last_used_at, d.blocked_at, a.disabled, \
     (SELECT COUNT(*) FROM consents c WHERE c.client_id = d.client_id) AS consents \
     FROM client_documents d JOIN apps a ON a.client_id = d.client_id";

impl Store {
    /// Records that the app `client_id` (just created from its document) is a document client.
    pub async fn insert_client_document(
        &self,
        id: &str,
        client_id: &str,
        host: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query("UPDATE apps SET registration = 'document' WHERE client_id = $1");
        changed(&mut tx, bound!(query, client_id)).await?;
        let query = sqlx::query(
            "INSERT INTO client_documents (id, client_id, host, first_used_at, last_used_at) \
             VALUES ($1, $2, $3, $4, $4) ON CONFLICT (client_id) DO NOTHING",
        );
        changed(&mut tx, bound!(query, id, client_id, host, now)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Notes a use of the document client `client_id`.
    pub async fn touch_client_document(&self, client_id: &str, now: i64) -> Result<(), StoreError> {
        let query = sqlx::query(
            "UPDATE client_documents SET last_used_at = $2 WHERE client_id = $1 AND last_used_at < $2",
        );
        self.write(bound!(query, client_id, now)).await?;
        Ok(())
    }

    /// Whether `client_id` is an app made from a metadata document.
    pub async fn is_client_document(&self, client_id: &str) -> Result<bool, StoreError> {
        let row = bound!(
            sqlx::query("SELECT 1 FROM client_documents WHERE client_id = $1"),
            client_id
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    /// The clients met, most recently used first, at most `limit`.
    pub async fn client_documents(&self, limit: i64) -> Result<Vec<ClientDocumentRow>, StoreError> {
        let sql = format!("{DOCUMENT_SQL} ORDER BY d.last_used_at DESC, d.id DESC LIMIT $1");
        self.all(bound!(sqlx::query_as(&sql), limit)).await
    }

    pub async fn client_document(&self, id: &str) -> Result<Option<ClientDocumentRow>, StoreError> {
        let sql = format!("{DOCUMENT_SQL} WHERE d.id = $1");
        self.optional(bound!(sqlx::query_as(&sql), id)).await
    }

    /// Blocks (`Some(now)`) or unblocks (`None`) a document client in one transaction: its app
    /// is disabled with it, and blocking revokes every token it holds, so unblocking later
    /// brings none back. Returns how many tokens were revoked.
    pub async fn set_client_document_blocked(
        &self,
        id: &str,
        client_id: &str,
        blocked_at: Option<i64>,
        now: i64,
    ) -> Result<u64, StoreError> {
        let mut tx = self.writer.begin().await?;
        let query = sqlx::query("UPDATE client_documents SET blocked_at = $2 WHERE id = $1");
        changed(&mut tx, bound!(query, id, blocked_at)).await?;
        let query =
            sqlx::query("UPDATE apps SET disabled = $2, updated_at = $3 WHERE client_id = $1");
        let disabled = i64::from(blocked_at.is_some());
        changed(&mut tx, bound!(query, client_id, disabled, now)).await?;
        let revoked = if blocked_at.is_some() {
            let query = sqlx::query(
                "UPDATE tokens SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL",
            );
            changed(&mut tx, bound!(query, client_id, now)).await?
        } else {
            0
        };
        tx.commit().await?;
        Ok(revoked)
    }
}
