//! One API (`/apis/:id`): what it is, its scopes in the consent screen's words, the RFC 9728
//! document its server should publish, its introspection client id and, for its owner (or an
//! administrator), deleting it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api::ApiView;

use crate::api;
use crate::components::apis::delete::DeleteApi;
use crate::components::apis::metadata::MetadataDocument;
use crate::components::apis::scopes::ApiScopes;
use crate::components::teams::move_owner::{MoveOwner, Owner};
use crate::components::ui::copy_button::ClientIdFact;
use crate::components::ui::loaded::loaded_page;
use crate::components::ui::page_card::PageFailure;
use crate::components::ui::page_heading::PageHeading;
use crate::session::use_session;

#[component]
pub fn ApiDetailPage() -> impl IntoView {
    let params = use_params_map();
    let api = LocalResource::new(move || {
        let id = params.with(|params| params.get("id").unwrap_or_default());
        async move { api::api(&id).await }
    });
    loaded_page(
        api,
        "the API",
        |failure| {
            view! {
                <PageFailure heading="The API could not be shown" failure>
                    <p><a href="/apis">"Back to APIs"</a></p>
                </PageFailure>
            }
        },
        |view| view! { <ApiPage api=RwSignal::new(view) /> },
    )
}

/// `current` changes when the API moves to another owner.
#[component]
fn ApiPage(#[prop(name = "api")] current: RwSignal<ApiView>) -> impl IntoView {
    let api = current.get_untracked();
    let may_delete = !api.built_in && (api.mine || use_session().is_admin());
    let description = (!api.description.is_empty()).then(|| {
        view! { <p class="multiline" data-testid="api-description">{api.description.clone()}</p> }
    });
    let person = Signal::derive(move || {
        current.with(|api| match (&api.owner_email, api.mine, api.built_in) {
            (_, _, true) => "This server".to_owned(),
            (Some(email), _, _) if api.team.is_none() && !api.mine => email.clone(),
            (_, true, _) => "You".to_owned(),
            (_, _, _) => "Another developer".to_owned(),
        })
    });
    let team = Signal::derive(move || current.with(|api| api.team.clone()));
    let credentials = api
        .client_id
        .clone()
        .filter(|_| api.mine)
        .map(|client_id| {
            view! {
                <section class="card" aria-labelledby="introspection-heading">
                    <h2 id="introspection-heading">"Introspection credentials"</h2>
                    <p>"Your API's server checks the tokens it receives at the introspection endpoint, authenticating with this client ID and the secret shown once when the API was registered."</p>
                    <dl class="facts">
                        <ClientIdFact client_id testid="api-client-id" copy_testid="copy-api-client-id" />
                    </dl>
                </section>
            }
        });
    let delete =
        may_delete.then(|| view! { <DeleteApi id=api.id.clone() name=api.name.clone() /> });
    // Only who changes it moves it (its owner, or a member of its team who changes APIs).
    let move_it = (api.mine && !api.built_in).then(|| {
        let id = api.id.clone();
        view! {
            <MoveOwner what="API" here=team
                send=move |to| {
                    let id = id.clone();
                    async move { api::move_api(&id, to).await }
                }
                on_moved=move |moved: ApiView| current.set(moved) />
        }
    });
    view! {
        <section class="card">
            <div class="title-row">
                <div class="app-title">
                    <PageHeading text=api.name.clone() testid="api-name" />
                    {api.built_in.then_some(view! { <span class="badge" data-testid="built-in-badge">"Built-in"</span> })}
                </div>
                <div class="buttons">
                    <a href="/apis">"Back to APIs"</a>
                </div>
            </div>
            {description}
            <dl class="facts">
                <dt>"Identifier"</dt>
                <dd><code data-testid="api-identifier">{api.identifier.clone()}</code></dd>
                <dt>"Who may use it"</dt>
                <dd data-testid="api-visibility">
                    {api.visibility.title()}<span class="hint block">{api.visibility.description()}</span>
                </dd>
                <dt>"Access tokens"</dt>
                <dd data-testid="api-tokens">
                    {format!("{}, valid for {}", api.token_format.title(), lifetime(api.token_lifetime))}
                </dd>
            </dl>
            <Owner team person testid="api-owner" />
        </section>
        <ApiScopes api=api.clone() />
        <MetadataDocument id=api.id.clone() identifier=api.identifier.clone() built_in=api.built_in />
        {credentials}
        {move_it}
        {delete}
    }
}

/// A lifetime in seconds, with minutes or hours when it is a whole number of them.
fn lifetime(seconds: i64) -> String {
    let unit = |n: i64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let exact = unit(seconds, "second", "seconds");
    if seconds % 3600 == 0 {
        format!("{exact} ({})", unit(seconds / 3600, "hour", "hours"))
    } else if seconds % 60 == 0 {
        format!("{exact} ({})", unit(seconds / 60, "minute", "minutes"))
    } else {
        exact
    }
}
