//! Client secrets as the console shows them, with the rotation hint no mainstream server
//! gives: once the newest secret is in use, older ones not used since are safe to revoke.

use shared::api::{SecretMetadata, SecretRef, SecretStatus};

use crate::store::secrets::SecretRow;

/// An app holds at most this many active secrets (enough to rotate without downtime).
pub const MAX_ACTIVE_SECRETS: i64 = 5;

/// Metadata of every secret (oldest first), each with its status at `now`.
pub fn metadata_of(secrets: &[SecretRow], now: i64) -> Vec<SecretMetadata> {
    // The newest active secret, and when it was first used.
    let newest_first_use = secrets
        .iter()
        .filter(|s| s.is_active(now))
        .max_by_key(|s| (s.created_at, s.id.clone()))
        .and_then(|s| s.first_used_at);
    secrets
        .iter()
        .map(|secret| SecretMetadata {
            id: secret.id.clone(),
            prefix: secret.prefix.clone(),
            label: secret.label.clone(),
            created_at: secret.created_at,
            expires_at: secret.expires_at,
            last_used_at: secret.last_used_at,
            last_used_ip: secret.last_used_ip.clone(),
            use_count: secret.use_count,
            revoked_at: secret.revoked_at,
            status: status_of(secret, newest_first_use, now),
        })
        .collect()
}

fn status_of(secret: &SecretRow, newest_first_use: Option<i64>, now: i64) -> SecretStatus {
    if secret.revoked_at.is_some() {
        return SecretStatus::Revoked;
    }
    if !secret.is_active(now) {
        return SecretStatus::Expired;
    }
    let Some(last_used) = secret.last_used_at else {
        return SecretStatus::NeverUsed;
    };
    match newest_first_use {
        // Not used since the newest secret took over (and not the newest one itself).
        Some(switch) if last_used < switch => SecretStatus::SafeToRevoke,
        _ => SecretStatus::Active,
    }
}

pub fn reference(secret: &SecretRow) -> SecretRef {
    SecretRef {
        id: secret.id.clone(),
        prefix: secret.prefix.clone(),
        label: secret.label.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(
        id: &str,
        created_at: i64,
        first_used: Option<i64>,
        last_used: Option<i64>,
    ) -> SecretRow {
        SecretRow {
            id: id.into(),
            client_id: "c".into(),
            secret_hash: format!("hash-{id}"),
            prefix: "cs_abcde".into(),
            label: None,
            created_at,
            expires_at: None,
            revoked_at: None,
            first_used_at: first_used,
            last_used_at: last_used,
            last_used_ip: None,
            use_count: i64::from(last_used.is_some()),
        }
    }

    fn statuses(secrets: &[SecretRow]) -> Vec<SecretStatus> {
        metadata_of(secrets, 1_000)
            .into_iter()
            .map(|m| m.status)
            .collect()
    }

    #[test]
    fn an_old_secret_is_safe_to_revoke_once_the_newest_is_used_and_it_is_not() {
        use SecretStatus::{Active, NeverUsed, SafeToRevoke};
        // The old secret's last use, the new one's first and last uses, and the statuses.
        let table = [
            (Some(100), Some(300), Some(400), [SafeToRevoke, Active]),
            // Still used after the switch: it stays active.
            (Some(350), Some(300), Some(400), [Active, Active]),
            // Nothing is safe to revoke before the newest secret is used.
            (Some(100), None, None, [Active, NeverUsed]),
        ];
        for (old_last_used, new_first_used, new_last_used, expected) in table {
            let old = secret("a", 1, Some(10), old_last_used);
            let new = secret("b", 200, new_first_used, new_last_used);
            assert_eq!(
                statuses(&[old, new]),
                expected,
                "{old_last_used:?} {new_first_used:?} {new_last_used:?}"
            );
        }
    }

    #[test]
    fn revoked_and_expired_secrets_say_so() {
        let mut revoked = secret("a", 1, None, None);
        revoked.revoked_at = Some(5);
        let mut expired = secret("b", 2, None, None);
        expired.expires_at = Some(999);
        assert_eq!(
            statuses(&[revoked, expired]),
            [SecretStatus::Revoked, SecretStatus::Expired]
        );
    }
}
