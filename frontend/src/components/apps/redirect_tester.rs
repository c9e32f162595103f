//! Would this app accept a redirect URL? Answered as the person types, in the browser, by
//! the matcher the server uses at the authorization endpoint (`RedirectUris::find_match`).

use leptos::prelude::*;
use shared::redirect_uri::RedirectUris;

#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Empty,
    Accepted { registered: String, exact: bool },
    Refused(String),
}

#[component]
pub fn RedirectTester(registered: Vec<String>) -> impl IntoView {
    let presented = RwSignal::new(String::new());
    // Saved lists passed the same rules when saved; should one not parse, say so.
    let uris = RedirectUris::try_from(registered).map_err(|error| error.to_string());
    let verdict = Memo::new(move |_| {
        let presented = presented.get();
        if presented.is_empty() {
            return Verdict::Empty;
        }
        match &uris {
            Err(problem) => {
                Verdict::Refused(format!("The registered list itself is invalid: {problem}"))
            }
            Ok(uris) => match uris.find_match(&presented) {
                Ok(uri) => Verdict::Accepted {
                    registered: uri.as_str().to_owned(),
                    exact: uri.as_str() == presented,
                },
                Err(mismatch) => Verdict::Refused(mismatch.to_string()),
            },
        }
    });
    view! {
        <section class="card" aria-labelledby="tester-heading">
            <h2 id="tester-heading">"Test a redirect URL"</h2>
            <div class="field">
                <label for="redirect-test">"Redirect URL to test"</label>
                <input id="redirect-test" type="text" inputmode="url" spellcheck="false" autocomplete="off"
                    data-testid="redirect-test-input" placeholder="https://example.com/callback"
                    aria-describedby="redirect-test-result" prop:value=presented
                    on:input=move |ev| presented.set(event_target_value(&ev)) />
                <p class="hint">"Checked exactly as the authorization endpoint checks the redirect_uri parameter."</p>
            </div>
            <div id="redirect-test-result" role="status" aria-live="polite" data-testid="redirect-test-result">
                {move || match verdict.get() {
                    Verdict::Empty => view! { <p class="hint">"Paste a URL to see whether this app accepts it."</p> }.into_any(),
                    Verdict::Accepted { registered, exact: true } => view! {
                        <p class="verdict accepted">"Accepted: it is registered exactly as "<code>{registered}</code>"."</p>
                    }.into_any(),
                    Verdict::Accepted { registered, exact: false } => view! {
                        <p class="verdict accepted">
                            "Accepted: it matches "<code>{registered}</code>
                            " (loopback redirects may use any port, RFC 8252 7.3)."
                        </p>
                    }.into_any(),
                    Verdict::Refused(reason) => view! {
                        <p class="verdict refused">"Refused: "{reason}</p>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}
