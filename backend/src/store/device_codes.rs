//! Device authorization requests (RFC 8628), from the device's request to the redeemed code.

use shared::scope::ScopeSet;
use sqlx::FromRow;

use super::binding::Binding;
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

/// The `status` column as read.
impl TryFrom<String> for DeviceStatus {
    type Error = String;

    fn try_from(name: String) -> Result<DeviceStatus, String> {
        DeviceStatus::from_name(&name).ok_or_else(|| format!("unknown status `{name}`"))
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

#[derive(Debug, Clone, FromRow)]
pub struct DeviceCodeRow {
    pub device_code_hash: String,
    pub user_code: String,
    pub client_id: String,
    #[sqlx(try_from = "String")]
    pub scopes: ScopeSet,
    #[sqlx(try_from = "String")]
    pub resources: Binding,
    #[sqlx(try_from = "String")]
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
        let query = sqlx::query(
            "INSERT INTO device_codes (device_code_hash, user_code, client_id, scopes, resources, status, \
             poll_interval, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8)",
        );
        let query = bound!(
            query,
            code.device_code_hash,
            code.user_code,
            code.client_id,
            code.scopes.to_canonical_string(),
            code.resources.to_column(),
            code.poll_interval,
            code.created_at,
            code.expires_at
        );
        self.write(query).await?;
        Ok(())
    }

    pub async fn device_code(&self, hash: &str) -> Result<Option<DeviceCodeRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM device_codes WHERE device_code_hash = $1");
        self.optional(bound!(sqlx::query_as(&sql), hash)).await
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
        let query = bound!(sqlx::query_as(&sql), user_code, now);
        self.optional(query).await
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
        let query = sqlx::query(
            "UPDATE device_codes SET status = $2, user_id = $3, auth_time = $4 \
             WHERE user_code = $1 AND status = 'pending' AND expires_at > $5",
        );
        let query = bound!(query, user_code, status.as_str(), user_id, auth_time, now);
        Ok(self.write(query).await? == 1)
    }

    /// Notes a poll and the interval the device must keep from now on.
    pub async fn record_device_poll(
        &self,
        hash: &str,
        now: i64,
        poll_interval: i64,
    ) -> Result<(), StoreError> {
        let query = sqlx::query(
            "UPDATE device_codes SET last_polled_at = $2, poll_interval = $3 WHERE device_code_hash = $1",
        );
        self.write(bound!(query, hash, now, poll_interval)).await?;
        Ok(())
    }

    /// Spends an approved request; `true` for exactly one of any concurrent callers.
    pub async fn redeem_device_code(&self, hash: &str) -> Result<bool, StoreError> {
        let query = sqlx::query(
            "UPDATE device_codes SET status = 'redeemed' WHERE device_code_hash = $1 AND status = 'approved'",
        );
        Ok(self.write(bound!(query, hash)).await? == 1)
    }
}
