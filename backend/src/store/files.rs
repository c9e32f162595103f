//! The files resource.

use sqlx::FromRow;

use super::{Store, StoreError};

#[derive(Debug, Clone, FromRow)]
pub struct FileRow {
    pub id: String,
    pub name: String,
    pub content: String,
    pub created_at: i64,
}

impl Store {
    pub async fn files_of(&self, user_id: &str) -> Result<Vec<FileRow>, StoreError> {
        let query = sqlx::query_as(
            "SELECT id, name, content, created_at FROM files WHERE user_id = $1 ORDER BY created_at, id",
        );
        self.all(bound!(query, user_id)).await
    }

    pub async fn insert_file(
        &self,
        id: &str,
        user_id: &str,
        name: &str,
        content: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        let query = sqlx::query(
            "INSERT INTO files (id, user_id, name, content, created_at) VALUES ($1, $2, $3, $4, $5)",
        );
        self.write(bound!(query, id, user_id, name, content, now))
            .await?;
        Ok(())
    }
}
