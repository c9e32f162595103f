//! Device authorization requests (RFC 8628), from the device's request to the redeemed code.

use shared::scope::ScopeSet;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::binding::Binding;
use super::columns::{decoded, parsed};
use super::{Store, StoreError};

/// Where a request stands: waiting for the person, decided, or spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceStatus {
    Pending,
    Approved,
    Denied,
    Redeemed,
}

impl DeviceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceStatus::Pending => "pending",
            DeviceStatus::Approved => "approved",
            DeviceStatus::Denied => "denied",
            DeviceStatus::Redeemed => "redeemed",
        }
    }

    pub fn from_name(name: &str) -> Option<DeviceStatus> {
        [
            DeviceStatus::Pending,
            DeviceStatus::Approved,
            DeviceStatus::Denied,
            DeviceStatus::Redeemed,
        ]
        .into_iter()
        .find(|status| status.as_str() == name)
    }
}

pub struct NewDeviceCode<'a> {
    pub device_code_hash: &'a str,
    pub user_code: &'a str,
    pub client_id: &'a str,
    pub scopes: &'a ScopeSet,
    pub resources: &'a Binding,
    pub poll_interval: i64,
    pub created_at: i64,
    pub expires_at: i64,
}

#[derive(Debug, Clone)]
pub struct DeviceCodeRow {
    pub device_code_hash: String,
    pub user_code: String,
    pub client_id: String,
    pub scopes: ScopeSet,
    pub resources: Binding,
    pub status: DeviceStatus,
    pub user_id: Option<String>,
    pub auth_time: Option<i64>,
    pub poll_interval: i64,
    pub last_polled_at: Option<i64>,
    pub expires_at: i64,
}

const COLUMNS: &str =
    "device_code_hash, user_code, client_id, scopes, resources, status, user_id, auth_time, \
     poll_interval, last_polled_at, expires_at";

impl Store {
    /// Stores a new request; `Conflict` when the user code is taken (the caller draws another).
    pub async fn insert_device_code(&self, code: &NewDeviceCode<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO device_codes (device_code_hash, user_code, client_id, scopes, resources, status, \
             poll_interval, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8)",
        )
        .bind(code.device_code_hash)
        .bind(code.user_code)
        .bind(code.client_id)
        .bind(code.scopes.to_canonical_string())
        .bind(code.resources.to_column())
        .bind(code.poll_interval)
        .bind(code.created_at)
        .bind(code.expires_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn device_code(&self, hash: &str) -> Result<Option<DeviceCodeRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM device_codes WHERE device_code_hash = $1");
        let row = sqlx::query(&sql)
            .bind(hash)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(device_code_row).transpose()?)
    }

    /// A request still waiting for a person at `now`, by its user code.
    pub async fn pending_device_code(
        &self,
        user_code: &str,
        now: i64,
    ) -> Result<Option<DeviceCodeRow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM device_codes WHERE user_code = $1 AND status = 'pending' AND expires_at > $2"
        );
        let row = sqlx::query(&sql)
            .bind(user_code)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(device_code_row).transpose()?)
    }

    /// Records the person's decision on a pending, live request; `false` when it was no longer
    /// pending (decided in another tab, or expired).
    pub async fn decide_device_code(
        &self,
        user_code: &str,
        approved_by: Option<(&str, i64)>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let (status, user_id, auth_time) = match approved_by {
            Some((user_id, auth_time)) => (DeviceStatus::Approved, Some(user_id), Some(auth_time)),
            None => (DeviceStatus::Denied, None, None),
        };
        let done = sqlx::query(
            "UPDATE device_codes SET status = $2, user_id = $3, auth_time = $4 \
             WHERE user_code = $1 AND status = 'pending' AND expires_at > $5",
        )
        .bind(user_code)
        .bind(status.as_str())
        .bind(user_id)
        .bind(auth_time)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Notes a poll and the interval the device must keep from now on.
    pub async fn record_device_poll(
        &self,
        hash: &str,
        now: i64,
        poll_interval: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE device_codes SET last_polled_at = $2, poll_interval = $3 WHERE device_code_hash = $1",
        )
        .bind(hash)
        .bind(now)
        .bind(poll_interval)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Spends an approved request; `true` for exactly one of any concurrent callers.
    pub async fn redeem_device_code(&self, hash: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE device_codes SET status = 'redeemed' WHERE device_code_hash = $1 AND status = 'approved'",
        )
        .bind(hash)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

fn device_code_row(row: &AnyRow) -> Result<DeviceCodeRow, sqlx::Error> {
    Ok(DeviceCodeRow {
        device_code_hash: row.try_get("device_code_hash")?,
        user_code: row.try_get("user_code")?,
        client_id: row.try_get("client_id")?,
        scopes: decoded(row, "scopes", parsed)?,
        resources: decoded(row, "resources", |text| {
            Binding::from_column(text).ok_or_else(|| "not API ids".to_owned())
        })?,
        status: decoded(row, "status", |text| {
            DeviceStatus::from_name(text).ok_or_else(|| "unknown status".to_owned())
        })?,
        user_id: row.try_get("user_id")?,
        auth_time: row.try_get("auth_time")?,
        poll_interval: row.try_get("poll_interval")?,
        last_polled_at: row.try_get("last_polled_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}
