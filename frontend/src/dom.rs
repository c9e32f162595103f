//! Small DOM helpers the pages share.

use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;

/// Moves the keyboard focus to the element with `id` once the next render has happened
/// (the element may be about to be created).
pub fn focus_soon(id: String) {
    request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(&id))
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// The result replaces a long form; start reading it from the top.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// A unix time (seconds) as a date, like `2025-03-14`, in UTC.
pub fn date(unix_seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        unix_seconds as f64 * 1000.0,
    ));
    String::from(date.to_iso_string())
        .chars()
        .take(10)
        .collect()
}

/// A unix time (seconds) as date and time to the minute, in UTC.
pub fn date_time(unix_seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        unix_seconds as f64 * 1000.0,
    ));
    let iso = String::from(date.to_iso_string());
    format!(
        "{} {} UTC",
        iso.get(..10).unwrap_or_default(),
        iso.get(11..16).unwrap_or_default()
    )
}

/// Sets the browser tab's title to the page's name and the product's.
pub fn set_document_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(&format!("{page} · Clientele"));
    }
}
