//! The `otpauth://` URL drawn as a QR code on the server, as an SVG in a `data:` URL: the
//! console shows it in an `<img>` (its CSP allows `img-src data:`), so no script draws it.

use base64::Engine;
use qrcode::render::svg;
use qrcode::QrCode;

/// An `<img src>` for `text` as a QR code; `None` if it does not fit one (it always does for an
/// `otpauth://` URL of an email of at most 254 characters).
pub fn data_url(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(220, 220)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let encoded = base64::engine::general_purpose::STANDARD.encode(image);
    Some(format!("data:image/svg+xml;base64,{encoded}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_becomes_an_svg_image_in_a_data_url() {
        let url = data_url("otpauth://totp/Clientele:ada%40example.com?secret=ABC").unwrap();
        let svg = url.strip_prefix("data:image/svg+xml;base64,").unwrap();
        let svg = base64::engine::general_purpose::STANDARD
            .decode(svg)
            .unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("<svg") && !svg.contains("<script"), "{svg}");
    }
}
