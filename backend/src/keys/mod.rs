//! The server's signing keys: one current key per algorithm, created on first start, rotated
//! with `clientele keys rotate`. Retired keys stay published (and accepted) until every token
//! they signed has expired.

pub mod generate;
pub mod jwk;
mod signer;

pub use signer::Signer;

use std::sync::{Arc, RwLock};

use jsonwebtoken::DecodingKey;

use crate::ids;
use crate::store::keys::{KeyRow, NewKey};
use crate::store::{Store, StoreError};
use jwk::{JwkSet, PublicJwk};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Rs256,
    Es256,
    EdDsa,
}

impl Algorithm {
    pub const ALL: [Algorithm; 3] = [Algorithm::Rs256, Algorithm::Es256, Algorithm::EdDsa];

    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Rs256 => "RS256",
            Algorithm::Es256 => "ES256",
            Algorithm::EdDsa => "EdDSA",
        }
    }

    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|alg| alg.as_str() == name)
    }

    pub fn jwt(self) -> jsonwebtoken::Algorithm {
        match self {
            Algorithm::Rs256 => jsonwebtoken::Algorithm::RS256,
            Algorithm::Es256 => jsonwebtoken::Algorithm::ES256,
            Algorithm::EdDsa => jsonwebtoken::Algorithm::EdDSA,
        }
    }
}

pub struct SigningKey {
    pub kid: String,
    pub alg: Algorithm,
    pub signer: Signer,
    pub decoding: DecodingKey,
    pub jwk: PublicJwk,
    pub retired_at: Option<i64>,
}

/// The keys in memory, reloaded from the database now and then (a rotation by the CLI or by
/// another node is picked up without a restart).
pub struct KeyRing {
    keys: RwLock<Arc<Vec<Arc<SigningKey>>>>,
    /// When an unknown `kid` last triggered a reload (at most one a second).
    last_forced_reload: std::sync::Mutex<Option<std::time::Instant>>,
    /// How long a retired key stays published: the longest lifetime of a token it signed.
    publish_window: i64,
}

impl KeyRing {
    pub async fn load(store: &Store, now: i64, publish_window: i64) -> anyhow::Result<KeyRing> {
        ensure_current_keys(store, now).await?;
        let ring = KeyRing {
            keys: RwLock::new(Arc::new(Vec::new())),
            last_forced_reload: Default::default(),
            publish_window,
        };
        ring.reload(store, now).await?;
        Ok(ring)
    }

    pub async fn reload(&self, store: &Store, now: i64) -> anyhow::Result<()> {
        let rows = store.signing_keys(now - self.publish_window).await?;
        let keys = rows
            .iter()
            .map(signing_key)
            .collect::<anyhow::Result<Vec<_>>>()?;
        *self
            .keys
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) =
            Arc::new(keys.into_iter().map(Arc::new).collect());
        Ok(())
    }

    /// Reloads when a token names a key this node has not seen (another node rotated keys),
    /// at most once a second so garbage `kid`s cannot hammer the database. `true` if it did.
    pub async fn reload_for_unknown_kid(&self, store: &Store, now: i64) -> bool {
        {
            let mut last = self
                .last_forced_reload
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if last.is_some_and(|at| at.elapsed() < std::time::Duration::from_secs(1)) {
                return false;
            }
            *last = Some(std::time::Instant::now());
        }
        self.reload(store, now).await.is_ok()
    }

    fn snapshot(&self) -> Arc<Vec<Arc<SigningKey>>> {
        self.keys
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The key new tokens of this algorithm are signed with.
    pub fn current(&self, alg: Algorithm) -> Option<Arc<SigningKey>> {
        self.snapshot()
            .iter()
            .find(|key| key.alg == alg && key.retired_at.is_none())
            .cloned()
    }

    /// A published key (current or retired) by its id.
    pub fn by_kid(&self, kid: &str) -> Option<Arc<SigningKey>> {
        self.snapshot().iter().find(|key| key.kid == kid).cloned()
    }

    /// The JWK Set (RFC 7517 section 5) of every published key.
    pub fn jwks(&self) -> JwkSet {
        let keys = self.snapshot().iter().map(|key| key.jwk.clone()).collect();
        JwkSet { keys }
    }
}

fn signing_key(row: &KeyRow) -> anyhow::Result<SigningKey> {
    let alg = Algorithm::from_name(&row.alg)
        .ok_or_else(|| anyhow::anyhow!("unknown key algorithm {}", row.alg))?;
    let jwk: PublicJwk = serde_json::from_str(&row.public_jwk)?;
    let field = |value: &Option<String>, name: &str| {
        value
            .clone()
            .ok_or_else(|| anyhow::anyhow!("key {} lacks `{name}`", row.kid))
    };
    let decoding = match alg {
        Algorithm::Rs256 => {
            DecodingKey::from_rsa_components(&field(&jwk.n, "n")?, &field(&jwk.e, "e")?)?
        }
        Algorithm::Es256 => {
            DecodingKey::from_ec_components(&field(&jwk.x, "x")?, &field(&jwk.y, "y")?)?
        }
        Algorithm::EdDsa => DecodingKey::from_ed_components(&field(&jwk.x, "x")?)?,
    };
    let signer = Signer::new(alg, &row.private_der)
        .map_err(|err| err.context(format!("key {}", row.kid)))?;
    Ok(SigningKey {
        kid: row.kid.clone(),
        alg,
        signer,
        decoding,
        jwk,
        retired_at: row.retired_at,
    })
}

/// Creates a current key for every algorithm that has none (first start). When two nodes do
/// this at the same moment, the database's unique index lets one win; the other reads its key.
pub async fn ensure_current_keys(store: &Store, now: i64) -> anyhow::Result<()> {
    let existing = store.signing_keys(now).await?;
    for alg in Algorithm::ALL {
        if existing
            .iter()
            .any(|key| key.alg == alg.as_str() && key.retired_at.is_none())
        {
            continue;
        }
        match add_key(store, alg, now, false).await {
            Ok(_) | Err(KeyError::Store(StoreError::Conflict)) => {}
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
}

/// Makes a new current key for every algorithm and retires the previous ones; returns the new
/// key ids.
pub async fn rotate(store: &Store, now: i64) -> anyhow::Result<Vec<String>> {
    let mut kids = Vec::new();
    for alg in Algorithm::ALL {
        kids.push(add_key(store, alg, now, true).await?);
    }
    Ok(kids)
}

#[derive(Debug, thiserror::Error)]
enum KeyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

async fn add_key(
    store: &Store,
    alg: Algorithm,
    now: i64,
    retire_previous: bool,
) -> Result<String, KeyError> {
    let kid = ids::new_id(&alg.as_str().to_lowercase());
    let generated = tokio::task::spawn_blocking({
        let kid = kid.clone();
        move || generate::generate(alg, &kid)
    })
    .await
    .map_err(anyhow::Error::from)??;
    let jwk = serde_json::to_string(&generated.public_jwk).map_err(anyhow::Error::from)?;
    let key = NewKey {
        kid: &kid,
        alg: alg.as_str(),
        private_der: &generated.private_der,
        public_jwk: &jwk,
        created_at: now,
    };
    store.add_current_key(&key, retire_previous).await?;
    Ok(kid)
}
