//! Tokens handed to one account (password-reset links, pending sign-ins; `store::token_rows`):
//! a prefix and 256 random bits (`crypto::new_link_token`), stored only as their SHA-256, read
//! back as the account they name while they live. Spending one stays with its operation.

use crate::crypto::{new_link_token, token_hash};
use crate::state::AppState;
use crate::store::token_rows::TokenRows;
use crate::store::users::UserRow;
use crate::store::StoreError;

/// Our tokens are about 50 characters; anything longer names nothing and is refused before
/// hashing.
const MAX_CHARS: usize = 128;

/// One kind of handed token: its rows and the prefix its tokens start with.
#[derive(Debug, Clone, Copy)]
pub struct HandedToken {
    pub rows: TokenRows,
    pub prefix: &'static str,
}

impl HandedToken {
    /// A new token for `user_id`, working for `lifetime` seconds from now.
    pub async fn hand_out(
        self,
        state: &AppState,
        user_id: &str,
        lifetime: i64,
    ) -> Result<String, StoreError> {
        let token = new_link_token(self.prefix);
        let now = state.now();
        state
            .store
            .insert_token_row(self.rows, &token_hash(&token), user_id, now, now + lifetime)
            .await?;
        Ok(token)
    }

    /// The account `token` names while it lives, with the hash it is stored under; `None` for
    /// anything else (not one of ours, unknown, spent, expired).
    pub async fn account_of(
        self,
        state: &AppState,
        token: &str,
    ) -> Result<Option<(String, UserRow)>, StoreError> {
        if !token.starts_with(self.prefix) || token.len() > MAX_CHARS {
            return Ok(None);
        }
        let hash = token_hash(token);
        let user = state
            .store
            .token_row_user(self.rows, &hash, state.now())
            .await?;
        Ok(user.map(|user| (hash, user)))
    }
}
