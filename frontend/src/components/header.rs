use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">"Clientele"</A>
            <nav aria-label="Main">
                <A href="/">"Overview"</A>
            </nav>
        </header>
    }
}
