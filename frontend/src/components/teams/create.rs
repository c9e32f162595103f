//! Creating a team: a name and, optionally, a slug (the server suggests one from the name).
//! The shared rules check both as the person types; the server's messages (a slug already
//! taken) show under their fields too.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api::{NewTeam, TeamDetail};
use shared::field_errors::FieldErrors;
use shared::team::{TeamName, TeamSlug};

use crate::api;
use crate::components::ui::checked_form::CheckedForm;
use crate::components::ui::field::TextField;
use crate::components::ui::submit::FormEnd;
use crate::submission::Submission;

/// The request the fields make, or why not (keyed `name`, `slug`).
fn request(name: &str, slug: &str) -> Result<NewTeam, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name =
        shared::field_errors::check(&mut errors, "name", TeamName::try_from(name.to_owned()));
    let slug = match slug.trim() {
        "" => Some(None),
        slug => {
            shared::field_errors::check(&mut errors, "slug", TeamSlug::try_from(slug.to_owned()))
                .map(Some)
        }
    };
    match (name, slug) {
        (Some(name), Some(slug)) => Ok(NewTeam { name, slug }),
        _ => Err(errors),
    }
}

#[component]
pub fn CreateTeam() -> impl IntoView {
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let slug = RwSignal::new(String::new());
    let form = CheckedForm::new(move || request(&name.get(), &slug.get()));
    let create = Submission::<TeamDetail>::new();
    create.on_answer(form.server_errors, move |team| {
        navigate(&format!("/teams/{}", team.team.slug), Default::default());
    });
    let error_of = move |key: &'static str| form.error(key, None);
    let edit = move |key: &'static str, field: RwSignal<String>| {
        Callback::new(move |text: String| {
            field.set(text);
            form.edited(key);
        })
    };
    let submit = form.submit(move |new| create.send(async move { api::create_team(&new).await }));
    view! {
        <section class="card narrow" aria-labelledby="create-team-heading">
            <h2 id="create-team-heading">"Create a team"</h2>
            <form on:submit=submit novalidate=true data-testid="create-team-form">
                <TextField key="name" label="Team name" value=name on_input=edit("name", name)
                    error=error_of("name") hint="2 to 64 characters, as members will see it." />
                <TextField key="slug" label="Slug (optional)" value=slug on_input=edit("slug", slug)
                    error=error_of("slug")
                    hint="The team's name in addresses: lowercase letters a-z, digits and hyphens. Left empty, the name suggests one." />
                // Messages about one field show under it; only the others show here.
                <FormEnd failure=create.failed() pending=create.pending testid="create-team-submit" labels=("Create team", "Creating…") />
            </form>
        </section>
    }
}
