mod support;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use shared::icon::{
    inspect_icon, IconError, IconFormat, IconInfo, IconUpload, MAX_ICON_BYTES, MAX_SVG_DEPTH,
    MAX_SVG_ELEMENTS,
};
use support::{gif, jpeg, png, svg};

fn sized(format: IconFormat, width: u32, height: u32) -> Result<IconInfo, IconError> {
    Ok(IconInfo {
        format,
        width: Some(width),
        height: Some(height),
    })
}

#[test]
fn raster_icons_are_recognised_by_content_and_measured_from_the_header() {
    let mut not_ihdr = png(64, 64);
    not_ihdr[12..16].copy_from_slice(b"tEXt");
    let mut oversized = png(64, 64);
    oversized.resize(MAX_ICON_BYTES + 1, 0);
    let table: Vec<(&str, Vec<u8>, Result<IconInfo, IconError>)> = vec![
        ("png 32×32", png(32, 32), sized(IconFormat::Png, 32, 32)),
        (
            "png 1024×1024",
            png(1024, 1024),
            sized(IconFormat::Png, 1024, 1024),
        ),
        ("png 64×48", png(64, 48), sized(IconFormat::Png, 64, 48)),
        (
            "jpeg 128×128",
            jpeg(128, 128),
            sized(IconFormat::Jpeg, 128, 128),
        ),
        (
            "png 31×31",
            png(31, 31),
            Err(IconError::TooSmall {
                width: 31,
                height: 31,
            }),
        ),
        (
            "png 1025×1025",
            png(1025, 1025),
            Err(IconError::TooLarge {
                width: 1025,
                height: 1025,
            }),
        ),
        (
            "png 32×100",
            png(32, 100),
            Err(IconError::NotSquare {
                width: 32,
                height: 100,
            }),
        ),
        (
            "jpeg 31×31",
            jpeg(31, 31),
            Err(IconError::TooSmall {
                width: 31,
                height: 31,
            }),
        ),
        (
            "jpeg 2000×2000",
            jpeg(2000, 2000),
            Err(IconError::TooLarge {
                width: 2000,
                height: 2000,
            }),
        ),
        ("gif", gif(64, 64), Err(IconError::Gif)),
        ("empty", Vec::new(), Err(IconError::Empty)),
        ("over 1 MiB", oversized, Err(IconError::TooBig)),
        (
            "webp",
            b"RIFF\x1a\0\0\0WEBPVP8 ".to_vec(),
            Err(IconError::UnknownFormat),
        ),
        (
            "text",
            b"just some text".to_vec(),
            Err(IconError::UnknownFormat),
        ),
        (
            "png without IHDR first",
            not_ihdr,
            Err(IconError::Unreadable),
        ),
        (
            "truncated png",
            png(64, 64)[..20].to_vec(),
            Err(IconError::Unreadable),
        ),
        (
            "truncated jpeg",
            jpeg(64, 64)[..8].to_vec(),
            Err(IconError::Unreadable),
        ),
    ];
    for (name, bytes, expected) in table {
        assert_eq!(inspect_icon(&bytes), expected, "{name}");
    }
}

#[test]
fn a_png_named_icon_jpg_is_still_a_png_because_only_the_bytes_count() {
    // The API never sees a file name; a data URL's declared type is ignored as well.
    let data_url = format!("data:image/jpeg;base64,{}", STANDARD.encode(png(64, 64)));
    let icon = IconUpload::try_from(data_url).unwrap();
    assert_eq!(icon.info().format, IconFormat::Png);
    assert_eq!(icon.content_type(), "image/png");
}

#[test]
fn icon_error_messages_are_sentences_for_the_form() {
    let table = [
        (
            gif(64, 64),
            "GIF icons are not supported; use PNG, JPEG or SVG.",
        ),
        (
            png(31, 31),
            "Icons must be at least 32×32 pixels; this one is 31×31.",
        ),
        (
            png(32, 100),
            "Icons must be roughly square (at most 4:3); this one is 32×100 pixels.",
        ),
        (
            png(1025, 1025),
            "Icons may be at most 1024×1024 pixels; this one is 1025×1025.",
        ),
    ];
    for (bytes, message) in table {
        assert_eq!(inspect_icon(&bytes).unwrap_err().to_string(), message);
    }
}

#[test]
fn harmless_svg_icons_are_accepted() {
    let table = [
        r#"<circle cx="32" cy="32" r="30" fill="teal"/>"#,
        r##"<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect width="64" height="64" fill="url(#g)"/>"##,
        r##"<defs><path id="p" d="M0 0h8v8z"/></defs><use href="#p"/><use xlink:href="#p"/>"##,
        r##"<style>.a { fill: url('#g'); }</style><rect class="a" width="8" height="8"/>"##,
        r#"<text>online: metadata: fine</text>"#,
    ];
    for body in table {
        let info = inspect_icon(&svg(body)).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(
            info,
            IconInfo {
                format: IconFormat::Svg,
                width: Some(64),
                height: Some(64)
            }
        );
    }
    let with_prolog = b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>";
    let info = inspect_icon(with_prolog).unwrap();
    assert_eq!(
        (info.format, info.width, info.height),
        (IconFormat::Svg, None, None)
    );
}

#[test]
fn svg_with_active_content_passes_the_shared_check_because_the_server_only_ever_serves_pixels() {
    // Pattern rules could not close these (issue 15); rendering to PNG does, so the shared
    // check no longer tries: it only bounds the work (next test).
    for body in [
        r#"<script>alert(1)</script>"#,
        r#"<rect width="8" height="8" onclick="alert(1)"/>"#,
        r#"<style>rect { fill: u\72l(https://evil.example/a) }</style><rect width="8" height="8"/>"#,
        r#"<style>@\69mport "https://evil.example/b.css";</style>"#,
        r#"<rect width="8" height="8" style="fill: image-set('https://evil.example/c.png' 1x)"/>"#,
        r#"<foreignObject><html xmlns="http://www.w3.org/1999/xhtml"><meta http-equiv="refresh" content="0;url=https://evil.example/d"/></html></foreignObject>"#,
        r#"<foreignObject><object xmlns="http://www.w3.org/1999/xhtml" data="https://evil.example/e"/></foreignObject>"#,
        r#"<foreignObject><form xmlns="http://www.w3.org/1999/xhtml" action="https://evil.example/f"><button>Go</button></form></foreignObject>"#,
        r#"<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"/></foreignObject>"#,
    ] {
        let info = inspect_icon(&svg(body)).unwrap_or_else(|e| panic!("{body}: {e}"));
        assert_eq!(info.format, IconFormat::Svg, "{body}");
    }
}

/// `depth` nested groups around one rectangle, in the root: `depth + 2` levels of elements.
fn nested(depth: usize) -> Vec<u8> {
    svg(&format!(
        "{}<rect width=\"1\" height=\"1\"/>{}",
        "<g>".repeat(depth),
        "</g>".repeat(depth)
    ))
}

/// The "billion laughs" of SVG: each level uses the previous one ten times.
fn use_bomb(levels: usize) -> Vec<u8> {
    let mut body = String::from(r#"<defs><rect id="l0" width="1" height="1"/>"#);
    for level in 1..=levels {
        body.push_str(&format!("<g id=\"l{level}\">"));
        for _ in 0..10 {
            body.push_str(&format!("<use href=\"#l{}\"/>", level - 1));
        }
        body.push_str("</g>");
    }
    body.push_str(&format!("</defs><use href=\"#l{levels}\"/>"));
    svg(&body)
}

#[test]
fn svg_bombs_are_refused_at_once_with_the_limit_they_break() {
    let many = svg(&r#"<rect width="1" height="1"/>"#.repeat(MAX_SVG_ELEMENTS + 1));
    let marker_bomb = svg(&format!(
        r#"<defs><marker id="m">{}</marker></defs><path marker-mid="url(#m)" d="M0 0{}"/>"#,
        r#"<circle r="1"/>"#.repeat(300),
        " L1 1".repeat(2000)
    ));
    let escaped_style_bomb = svg(&format!(
        r#"<defs><g id="big">{}</g></defs><style>rect {{ fill: u\72l(#big) }}</style>{}"#,
        r#"<rect width="1" height="1"/>"#.repeat(500),
        r#"<rect width="1" height="1"/>"#.repeat(500)
    ));
    let table: Vec<(&str, Vec<u8>, IconError)> = vec![
        ("too many elements", many, IconError::SvgTooManyElements),
        ("nested 49 deep", nested(MAX_SVG_DEPTH - 1), IconError::SvgTooDeep),
        ("nested 100,000 deep (overflowed the XML parser's stack)", nested(100_000), IconError::SvgTooDeep),
        ("use bomb, 10^9 rectangles", use_bomb(9), IconError::SvgTooComplex),
        ("use bomb, 10^5 rectangles", use_bomb(5), IconError::SvgTooComplex),
        (
            "a use of its own ancestor",
            svg(r##"<g id="loop"><use href="#loop"/></g>"##),
            IconError::SvgTooComplex,
        ),
        ("markers on 2,000 vertices", marker_bomb, IconError::SvgTooComplex),
        ("escaped style references", escaped_style_bomb, IconError::SvgTooComplex),
        (
            "entity expansion",
            b"<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&b;</svg>".to_vec(),
            IconError::SvgDoctype,
        ),
        ("not an svg", b"<html><body/></html>".to_vec(), IconError::SvgRoot),
    ];
    for (name, bytes, expected) in table {
        let started = std::time::Instant::now();
        assert_eq!(inspect_icon(&bytes), Err(expected), "{name}");
        assert!(
            started.elapsed() < std::time::Duration::from_millis(500),
            "{name} took {:?}",
            started.elapsed()
        );
    }
    // Within the limits, references are fine.
    let info = inspect_icon(&use_bomb(3)).unwrap();
    assert_eq!(info.format, IconFormat::Svg);
    let info = inspect_icon(&nested(MAX_SVG_DEPTH - 2)).unwrap();
    assert_eq!(info.format, IconFormat::Svg);
}

#[test]
fn svg_that_is_not_well_formed_xml_is_refused_with_the_parser_reason() {
    let error = inspect_icon(b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>").unwrap_err();
    assert!(matches!(error, IconError::SvgParse(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("The SVG icon is not well-formed XML ("),
        "{error}"
    );
}

#[test]
fn icon_uploads_accept_base64_or_data_urls_and_serialise_as_plain_base64() {
    let bytes = png(48, 48);
    let plain = STANDARD.encode(&bytes);
    let unpadded = plain.trim_end_matches('=').to_owned();
    let wrapped: String = plain
        .as_bytes()
        .chunks(10)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    for text in [
        plain.clone(),
        unpadded,
        wrapped,
        format!("data:image/png;base64,{plain}"),
        format!("DATA:image/png;BASE64,{plain}"),
    ] {
        let icon = IconUpload::try_from(text.clone()).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(icon.bytes(), bytes.as_slice());
        assert_eq!(String::from(icon), plain);
    }
    let icon: IconUpload = serde_json::from_str(&format!("\"{plain}\"")).unwrap();
    assert_eq!(
        serde_json::to_string(&icon).unwrap(),
        format!("\"{plain}\"")
    );
    assert_eq!(icon.to_data_url(), format!("data:image/png;base64,{plain}"));
    assert!(!format!("{icon:?}").contains(&plain));
}

#[test]
fn icon_uploads_that_are_not_base64_or_not_acceptable_icons_are_refused() {
    let huge = "A".repeat(MAX_ICON_BYTES * 2);
    let table = [
        ("not base64!".to_owned(), IconError::Encoding),
        ("data:image/svg+xml,<svg/>".to_owned(), IconError::Encoding),
        ("data:image/png;base64".to_owned(), IconError::Encoding),
        (String::new(), IconError::Empty),
        (huge, IconError::TooBig),
        (STANDARD.encode(gif(64, 64)), IconError::Gif),
        (
            STANDARD.encode(nested(MAX_SVG_DEPTH + 1)),
            IconError::SvgTooDeep,
        ),
    ];
    for (text, expected) in table {
        let shown: String = text.chars().take(40).collect();
        assert_eq!(IconUpload::try_from(text), Err(expected), "{shown}");
    }
    let error =
        serde_json::from_str::<IconUpload>(&format!("\"{}\"", STANDARD.encode(png(31, 31))))
            .unwrap_err();
    assert!(error.to_string().contains("at least 32×32"), "{error}");
}
