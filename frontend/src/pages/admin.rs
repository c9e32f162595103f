//! `/admin`: the administrators' overview, leading to each admin page. Only administrators
//! see it (and the header's "Admin" link); anyone else is told it is for administrators only.

use leptos::prelude::*;

use crate::api;
use crate::components::admin::two_factor_policy::TwoFactorPolicyForm;
use crate::components::ui::loaded::{loaded, rows};
use crate::components::ui::page_card::PageCard;

/// (address, title, what it is for, test id)
const SECTIONS: [(&str, &str, &str, &str); 4] = [
    (
        "/admin/initial-access-tokens",
        "Initial access tokens",
        "Mint the tokens clients present to register themselves (when registration needs one), see how many uses each has left, revoke them.",
        "admin-tokens",
    ),
    (
        "/admin/self-registered-clients",
        "Self-registered clients",
        "Clients that registered themselves: delete them, or take one over as an app of a developer.",
        "admin-clients",
    ),
    (
        "/admin/built-in-api",
        "Built-in API",
        "Whose apps may ask for the built-in API's scopes, clients that registered themselves included.",
        "admin-built-in",
    ),
    (
        "/admin/client-documents",
        "Client metadata documents",
        "Clients named by the URL of their metadata document that people met, and blocking them.",
        "admin-client-documents",
    ),
];

#[component]
pub fn AdminPage() -> impl IntoView {
    let policy = LocalResource::new(api::two_factor_policy);
    view! {
            <PageCard heading="Admin" hint="Server-wide settings and clients that belong to no developer.">
                {rows("admin-sections", SECTIONS, |(href, title, about, testid)| view! {
                    <li class="app-row">
                        <div class="app-row-main">
                            <a href=href class="app-name" data-testid=testid>{title}</a>
                            <p class="hint">{about}</p>
                        </div>
                    </li>
                })}
                <h2>"Two-factor sign-in"</h2>
                {loaded(policy, "the two-factor policy", |current| view! { <TwoFactorPolicyForm current /> })}
            </PageCard>
    }
}
