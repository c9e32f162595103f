//! SVG icons: parsed as XML and refused when they could run script or fetch anything.
//!
//! An SVG opened on its own (not through `<img>`) is an active document: `<script>`,
//! `on*` handlers, `javascript:` links and `<foreignObject>` HTML all run with the
//! origin it is served from. Any reference outside the file (`href`, CSS `url()`,
//! `@import`, stylesheets) could load content or track viewers, so only same-document
//! `#fragment` references are allowed.

use roxmltree::{Document, Node};

use super::IconError;

/// The bytes as text when they look like markup (optionally after a UTF-8 byte order
/// mark and leading whitespace); whether it is really an SVG is decided by parsing.
pub(super) fn as_markup(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    text.trim_start().starts_with('<').then_some(text)
}

/// Checks an SVG document and returns its declared width and height, if plain numbers.
pub(super) fn inspect(text: &str) -> Result<(Option<u32>, Option<u32>), IconError> {
    // roxmltree refuses DTDs by default, which also rules out entity-expansion bombs.
    let document = Document::parse(text).map_err(|error| match error {
        roxmltree::Error::DtdDetected => IconError::SvgDoctype,
        other => IconError::SvgParse(other.to_string()),
    })?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        return Err(IconError::SvgRoot);
    }
    for node in document.descendants() {
        if let Some(pi) = node.pi() {
            if pi.target.eq_ignore_ascii_case("xml-stylesheet") {
                return Err(IconError::SvgExternalReference("xml-stylesheet".to_owned()));
            }
        }
        if node.is_element() {
            check_element(node)?;
        }
    }
    Ok((dimension(root, "width"), dimension(root, "height")))
}

fn check_element(node: Node) -> Result<(), IconError> {
    let name = node.tag_name().name();
    // XML names are case-sensitive, but a renderer that is lenient about case should
    // not turn a refused element into an accepted one.
    if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("handler") {
        return Err(IconError::SvgScript);
    }
    if name.eq_ignore_ascii_case("foreignObject") {
        return Err(IconError::SvgForeignObject);
    }
    for attribute in node.attributes() {
        let local = attribute.name();
        if local.len() > 2 && local[..2].eq_ignore_ascii_case("on") {
            return Err(IconError::SvgEventHandler(qualified_name(
                attribute.namespace(),
                local,
                node,
            )));
        }
        if local.eq_ignore_ascii_case("href") || local.eq_ignore_ascii_case("src") {
            check_reference(attribute.value())?;
        }
        check_text(attribute.value())?;
    }
    // `<set attributeName="href" to="…">` and `<animate>` can rewrite a link after load.
    let animates_link = matches!(name, "set" | "animate")
        && node
            .attribute("attributeName")
            .is_some_and(|target| target.ends_with("href"));
    if animates_link {
        for value in ["to", "from", "values"]
            .into_iter()
            .filter_map(|a| node.attribute(a))
        {
            for part in value.split(';') {
                check_reference(part)?;
            }
        }
    }
    if name == "style" {
        for text in node.children().filter_map(|child| child.text()) {
            check_text(text)?;
        }
    }
    Ok(())
}

fn qualified_name(namespace: Option<&str>, local: &str, node: Node) -> String {
    match namespace.and_then(|uri| node.lookup_prefix(uri)) {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{local}"),
        _ => local.to_owned(),
    }
}

/// A link target: only same-document `#fragment`s (or nothing) are allowed.
fn check_reference(value: &str) -> Result<(), IconError> {
    let target = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    let compact: String = target
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if compact.starts_with("javascript:") {
        return Err(IconError::SvgJavascriptUrl);
    }
    if compact.starts_with("data:") {
        return Err(IconError::SvgDataUrl);
    }
    if target.is_empty() || target.starts_with('#') {
        return Ok(());
    }
    Err(IconError::SvgExternalReference(shorten(target)))
}

/// Any attribute value or style sheet: no `javascript:` anywhere, no `@import`, and
/// CSS `url(…)` only to `#fragment`s.
fn check_text(text: &str) -> Result<(), IconError> {
    let lower = text.to_ascii_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.contains("javascript:") {
        return Err(IconError::SvgJavascriptUrl);
    }
    if compact.contains("@import") {
        return Err(IconError::SvgExternalReference("@import".to_owned()));
    }
    let mut rest = lower.as_str();
    while let Some(start) = rest.find("url(") {
        let after = &rest[start + 4..];
        let end = after.find(')').unwrap_or(after.len());
        // Same offsets in `text`: lower-casing ASCII keeps byte positions.
        let offset = text.len() - after.len();
        check_reference(&text[offset..offset + end])?;
        rest = &after[end..];
    }
    Ok(())
}

fn shorten(target: &str) -> String {
    const LIMIT: usize = 60;
    if target.chars().count() <= LIMIT {
        target.to_owned()
    } else {
        let cut: String = target.chars().take(LIMIT).collect();
        format!("{cut}…")
    }
}

/// A root `width`/`height` given as a plain number or in pixels.
fn dimension(root: Node, attribute: &str) -> Option<u32> {
    let value = root.attribute(attribute)?.trim();
    let number: f64 = value
        .strip_suffix("px")
        .unwrap_or(value)
        .trim()
        .parse()
        .ok()?;
    (number.is_finite() && number >= 1.0 && number <= f64::from(u32::MAX))
        .then(|| number.round() as u32)
}
