//! `/admin/initial-access-tokens`: minting initial access tokens (RFC 7591 section 3), each
//! shown once, and the list of tokens (never their values) with revoking.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::mint_token::MintToken;
use crate::components::admin::require_admin::RequireAdmin;
use crate::components::admin::token_row::TokenRow;
use crate::components::ui::loaded::loaded_list;
use crate::components::ui::page_heading::PageHeading;

#[component]
pub fn AdminTokensPage() -> impl IntoView {
    view! { <RequireAdmin><Tokens /></RequireAdmin> }
}

#[component]
fn Tokens() -> impl IntoView {
    // Bumped after minting or revoking, which reloads the list.
    let changes = RwSignal::new(0u32);
    let reload = Callback::new(move |()| changes.update(|n| *n += 1));
    let tokens = LocalResource::new(move || {
        changes.track();
        api::initial_access_tokens()
    });
    let now = || (js_sys::Date::now() / 1000.0) as i64;
    view! {
        <section class="card">
            <PageHeading text="Initial access tokens" />
            <p class="hint">"When the server runs with CLIENTELE_DYNAMIC_REGISTRATION=token, a client registers itself only with one of these tokens, each good for a number of registrations until it expires."</p>
            <MintToken on_minted=reload />
            <h2 class="subheading">"Tokens"</h2>
            {loaded_list(tokens, "the tokens",
                || view! { <p class="empty-state" data-testid="no-tokens">"No initial access tokens yet."</p> },
                move |list| view! {
                    <ul class="app-list" data-testid="token-list">
                        {list.into_iter().map(|token| view! { <TokenRow token now=now() on_revoked=reload /> }).collect_view()}
                    </ul>
                },
            )}
        </section>
    }
}
