//! Issuing a client secret: the one place a secret value is generated, hashed for storage and
//! described for the audit log. Registration, "generate a secret" and reset each store it in
//! their own transaction, so this only prepares the values.

use shared::api::SecretRef;
use shared::credentials::ClientSecret;

use crate::crypto::token_hash;
use crate::ids;
use crate::store::secrets::NewSecret;

/// A secret just generated, shown once to whoever asked and stored only as its hash.
pub struct FreshSecret {
    pub id: String,
    secret: ClientSecret,
    hash: String,
    label: Option<String>,
    expires_at: Option<i64>,
}

impl FreshSecret {
    pub fn generate(label: Option<&str>, expires_at: Option<i64>) -> Self {
        let secret = ClientSecret::generate();
        FreshSecret {
            id: ids::sortable_id("sec"),
            hash: token_hash(secret.expose()),
            secret,
            label: label.map(str::to_owned),
            expires_at,
        }
    }

    /// The row to store for `client_id`.
    pub fn row<'a>(
        &'a self,
        client_id: &'a str,
        created_by: Option<&'a str>,
        now: i64,
    ) -> NewSecret<'a> {
        NewSecret {
            id: &self.id,
            client_id,
            secret_hash: &self.hash,
            prefix: self.secret.prefix(),
            label: self.label.as_deref(),
            created_by,
            created_at: now,
            expires_at: self.expires_at,
        }
    }

    /// How the audit log names it (never its value).
    pub fn reference(&self) -> SecretRef {
        SecretRef {
            id: self.id.clone(),
            prefix: self.secret.prefix().to_owned(),
            label: self.label.clone(),
        }
    }

    pub fn expires_at(&self) -> Option<i64> {
        self.expires_at
    }

    /// The value, for the one response that shows it.
    pub fn reveal(&self) -> String {
        self.secret.expose().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_stores_the_hash_and_the_reference_names_the_prefix_never_the_value() {
        let fresh = FreshSecret::generate(Some("CI"), Some(99));
        let row = fresh.row("cid", Some("usr_1"), 5);
        assert_eq!(row.secret_hash, token_hash(&fresh.reveal()));
        assert_ne!(row.secret_hash, fresh.reveal());
        assert_eq!(row.label, Some("CI"));
        assert_eq!(row.expires_at, Some(99));
        let reference = fresh.reference();
        assert_eq!(reference.id, fresh.id);
        assert!(fresh.reveal().starts_with(&reference.prefix));
    }
}
