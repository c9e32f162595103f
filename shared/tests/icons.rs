mod support;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use shared::icon::{inspect_icon, IconError, IconFormat, IconInfo, IconUpload, MAX_ICON_BYTES};
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
fn svg_icons_that_could_run_script_or_load_anything_are_refused() {
    let external = |target: &str| Err(IconError::SvgExternalReference(target.to_owned()));
    let table: Vec<(Vec<u8>, Result<IconInfo, IconError>)> = vec![
        (svg(r#"<script>alert(1)</script>"#), Err(IconError::SvgScript)),
        (svg(r#"<SCRIPT>alert(1)</SCRIPT>"#), Err(IconError::SvgScript)),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(), Err(IconError::SvgEventHandler("onload".into()))),
        (svg(r#"<rect ONCLICK="x()"/>"#), Err(IconError::SvgEventHandler("ONCLICK".into()))),
        (svg(r#"<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>"#), Err(IconError::SvgForeignObject)),
        (svg(r#"<image href="https://tracker.example/pixel.png"/>"#), external("https://tracker.example/pixel.png")),
        (svg(r#"<image xlink:href="other.svg"/>"#), external("other.svg")),
        (svg(r#"<use href="sprites.svg#icon"/>"#), external("sprites.svg#icon")),
        (svg(r#"<a href="javascript:alert(1)"><rect/></a>"#), Err(IconError::SvgJavascriptUrl)),
        (svg(r#"<a href=" java script:alert(1)"><rect/></a>"#), Err(IconError::SvgJavascriptUrl)),
        (svg(r#"<image href="data:image/png;base64,AAAA"/>"#), Err(IconError::SvgDataUrl)),
        (svg(r#"<rect style="fill: url(https://evil.example/x)"/>"#), external("https://evil.example/x")),
        (svg(r#"<rect fill="url( 'https://evil.example/y' )"/>"#), external("https://evil.example/y")),
        (svg(r#"<style>@import "https://evil.example/a.css";</style>"#), external("@import")),
        (svg(r#"<style><![CDATA[ rect { background: URL(//evil.example/b) } ]]></style>"#), external("//evil.example/b")),
        (svg(r#"<a><set attributeName="href" to="https://evil.example"/></a>"#), external("https://evil.example")),
        (b"<?xml-stylesheet href=\"https://evil.example/s.css\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(), external("xml-stylesheet")),
        (b"<!DOCTYPE svg [<!ENTITY a \"b\">]><svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(), Err(IconError::SvgDoctype)),
        (b"<html><body/></html>".to_vec(), Err(IconError::SvgRoot)),
    ];
    for (bytes, expected) in table {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        assert_eq!(inspect_icon(&bytes), expected, "{text}");
    }
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
        (STANDARD.encode(svg("<script/>")), IconError::SvgScript),
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
