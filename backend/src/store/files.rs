//! The files resource.

use sqlx::Row;

use super::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct FileRow {
    pub id: String,
    pub name: String,
    pub content: String,
    pub created_at: i64,
}

impl Store {
    pub async fn files_of(&self, user_id: &str) -> Result<Vec<FileRow>, StoreError> {
        let rows = sqlx::query("SELECT id, name, content, created_at FROM files WHERE user_id = $1 ORDER BY created_at, id")
            .bind(user_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(FileRow {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    content: row.try_get("content")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    pub async fn insert_file(
        &self,
        id: &str,
        user_id: &str,
        name: &str,
        content: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO files (id, user_id, name, content, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(user_id)
            .bind(name)
            .bind(content)
            .bind(now)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
