//! `/admin/initial-access-tokens`: minting initial access tokens (RFC 7591 section 3), each
//! shown once, and the list of tokens (never their values) with revoking.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::mint_token::MintToken;
use crate::components::admin::token_row::TokenRow;
use crate::components::ui::loaded::loaded_rows;
use crate::components::ui::page_card::PageCard;

#[component]
pub fn AdminTokensPage() -> impl IntoView {
    // Bumped after minting or revoking, which reloads the list.
    let changes = RwSignal::new(0u32);
    let reload = Callback::new(move |()| changes.update(|n| *n += 1));
    let tokens = LocalResource::new(move || {
        changes.track();
        api::initial_access_tokens()
    });
    let now = || (js_sys::Date::now() / 1000.0) as i64;
    view! {
        <PageCard heading="Initial access tokens"
            hint="When the server runs with CLIENTELE_DYNAMIC_REGISTRATION=token, a client registers itself only with one of these tokens, each good for a number of registrations until it expires.">
            <MintToken on_minted=reload />
            <h2 class="subheading">"Tokens"</h2>
            {loaded_rows(tokens, "the tokens", "token-list",
                || view! { <p class="empty-state" data-testid="no-tokens">"No initial access tokens yet."</p> },
                move |token| view! { <TokenRow token now=now() on_revoked=reload /> })}
        </PageCard>
    }
}
