//! An app's icon as the server renders it, or a neutral placeholder with its initial.

use leptos::prelude::*;

use crate::api;

#[component]
pub fn AppIcon(icon_url: Option<String>, #[prop(into)] name: String, size: u32) -> impl IntoView {
    let class = format!("icon icon-{size}");
    match icon_url {
        Some(url) => view! { <img class=class src=api::icon_src(&url, size) alt="" /> }.into_any(),
        None => {
            let initial: String = name
                .trim()
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            view! { <span class=format!("{class} icon-empty") aria-hidden="true">{initial}</span> }
                .into_any()
        }
    }
}
