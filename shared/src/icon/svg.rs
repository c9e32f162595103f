//! SVG icons: a well-formed SVG document whose rendering takes bounded work.
//!
//! What an SVG may *do* is not checked here, and need not be: the server renders every SVG
//! icon to PNG and never stores or serves the SVG (backend `apps/icons.rs`), so scripts,
//! handlers, links, style sheets and references to elsewhere have nothing to run in. Pattern
//! rules for those (`<script>`, `url(`, `@import`…) could never be complete: CSS escapes
//! (`u\72l(`), `image-set(`, XHTML islands and more got past them.
//!
//! What is checked bounds the work, so that an "SVG bomb" is refused at once with a reason,
//! in the console as in the server, before any renderer sees it:
//! - at most `MAX_SVG_ELEMENTS` elements, nested at most `MAX_SVG_DEPTH` deep;
//! - no DTD (entity expansion, the "billion laughs");
//! - at most `MAX_SVG_RENDERED_ELEMENTS` elements once references are followed: every `<use>`
//!   and every `url(#…)` reference draws its target again, so references to references
//!   multiply (a few lines of nested `<use>` stand for billions of shapes). A reference from a
//!   style sheet may apply to every element, and a marker is drawn at every vertex, so those
//!   are counted at their worst.

use std::collections::HashMap;

use roxmltree::{Document, Node, NodeId, ParsingOptions};

use super::IconError;

/// Elements an SVG icon may contain (real icons have tens to a few hundred).
pub const MAX_SVG_ELEMENTS: usize = 4_000;
/// How deeply elements may nest.
pub const MAX_SVG_DEPTH: usize = 48;
/// Elements drawn once every reference is followed.
pub const MAX_SVG_RENDERED_ELEMENTS: u64 = 20_000;
/// References followed through references at most (`<use>` of a `<use>` of…).
const MAX_REFERENCE_CHAIN: usize = 16;

/// The bytes as text when they look like markup (optionally after a UTF-8 byte order
/// mark and leading whitespace); whether it is really an SVG is decided by parsing.
pub(super) fn as_markup(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    text.trim_start().starts_with('<').then_some(text)
}

/// Checks an SVG document and returns its declared width and height, if plain numbers.
pub(super) fn inspect(text: &str) -> Result<(Option<u32>, Option<u32>), IconError> {
    // The XML parser recurses once per level of nesting (about 5 KiB of stack each in a debug
    // build): a few hundred levels overflow a thread's stack and abort the whole process.
    // Measure the nesting before parsing.
    if nesting_exceeds(text, MAX_SVG_DEPTH) {
        return Err(IconError::SvgTooDeep);
    }
    let options = ParsingOptions {
        allow_dtd: false,
        // Text, comments and white space between elements are nodes too.
        nodes_limit: (MAX_SVG_ELEMENTS * 4) as u32,
    };
    let document = Document::parse_with_options(text, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected => IconError::SvgDoctype,
        roxmltree::Error::NodesLimitReached => IconError::SvgTooManyElements,
        other => IconError::SvgParse(other.to_string()),
    })?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        return Err(IconError::SvgRoot);
    }
    let elements = check_size_and_depth(root)?;
    if rendered_elements(&document, elements)? > MAX_SVG_RENDERED_ELEMENTS {
        return Err(IconError::SvgTooComplex);
    }
    Ok((dimension(root, "width"), dimension(root, "height")))
}

/// Whether elements nest deeper than `max`, read with a minimal XML tokenizer (XML 1.0 section
/// 3.1): an element is one level below its parent; start tags open a level unless they end in
/// `/>`, end tags close one; quoted attribute
/// values, comments, CDATA sections, processing instructions and declarations are skipped.
/// Text cannot hold a raw `<` in well-formed XML, so nothing else opens a level.
fn nesting_exceeds(text: &str, max: usize) -> bool {
    let bytes = text.as_bytes();
    let skip_past = |from: usize, end: &[u8]| {
        bytes[from..]
            .windows(end.len())
            .position(|window| window == end)
            .map_or(bytes.len(), |at| from + at + end.len())
    };
    let mut depth = 0usize;
    let mut at = 0usize;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset;
        let rest = &bytes[start..];
        at = if rest.starts_with(b"<!--") {
            skip_past(start + 4, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_past(start + 9, b"]]>")
        } else if rest.starts_with(b"<?") {
            skip_past(start + 2, b"?>")
        } else if rest.starts_with(b"<!") {
            skip_past(start + 2, b">")
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            skip_past(start + 2, b">")
        } else {
            let (end, self_closing) = start_tag_end(bytes, start + 1);
            if depth + 1 > max {
                return true;
            }
            if !self_closing {
                depth += 1;
            }
            end
        };
    }
    false
}

/// Where the start tag beginning at `from` ends, and whether it closes itself (`/>`); `>`
/// inside quoted attribute values does not count.
fn start_tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut quote = None;
    let mut previous = 0u8;
    for (index, &byte) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(open) if byte == open => quote = None,
            Some(_) => {}
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None if byte == b'>' => return (index + 1, previous == b'/'),
            None => {}
        }
        previous = byte;
    }
    (bytes.len(), false)
}

/// Counts elements, refusing too many or too deep (walked with a stack, not recursion).
fn check_size_and_depth(root: Node) -> Result<u64, IconError> {
    let mut count = 0usize;
    let mut stack = vec![(root, 1usize)];
    while let Some((node, depth)) = stack.pop() {
        count += 1;
        if count > MAX_SVG_ELEMENTS {
            return Err(IconError::SvgTooManyElements);
        }
        if depth > MAX_SVG_DEPTH {
            return Err(IconError::SvgTooDeep);
        }
        stack.extend(
            node.children()
                .filter(Node::is_element)
                .map(|child| (child, depth + 1)),
        );
    }
    Ok(count as u64)
}

/// An upper bound of the elements drawn, references followed.
fn rendered_elements(document: &Document, elements: u64) -> Result<u64, IconError> {
    let ids: HashMap<&str, Node> = document
        .descendants()
        .filter_map(|node| node.attribute("id").map(|id| (id, node)))
        .collect();
    let mut counter = Counter {
        ids: &ids,
        memo: HashMap::new(),
    };
    let root = document.root_element();
    let mut total = counter.cost(root, 0)?;
    let vertices: u64 = document
        .descendants()
        .filter_map(|node| node.attribute("d").or_else(|| node.attribute("points")))
        .map(count_numbers)
        .sum::<u64>()
        / 2;
    for node in document.descendants().filter(Node::is_element) {
        match node.tag_name().name() {
            // Drawn at each vertex of each path that names it, however it is named.
            "marker" => {
                total = total.saturating_add(counter.cost(node, 0)?.saturating_mul(vertices + 1));
            }
            // A style sheet reference may apply to every element.
            "style" => {
                let css: String = node.children().filter_map(|child| child.text()).collect();
                let mut referenced = 0u64;
                for target in css_references(&css) {
                    if let Some(target) = ids.get(target) {
                        referenced = referenced.saturating_add(counter.cost(*target, 0)?);
                    }
                }
                // Escapes (`u\72l(`) hide references from this reading: count every
                // element with an id as referenced.
                if css.contains('\\') {
                    for target in ids.values() {
                        referenced = referenced.saturating_add(counter.cost(*target, 0)?);
                    }
                }
                total = total.saturating_add(referenced.saturating_mul(elements));
            }
            _ => {}
        }
        if total > MAX_SVG_RENDERED_ELEMENTS {
            break;
        }
    }
    Ok(total)
}

struct Counter<'a, 'input> {
    ids: &'a HashMap<&'a str, Node<'a, 'input>>,
    memo: HashMap<NodeId, u64>,
}

impl Counter<'_, '_> {
    /// The element, its children and whatever its attributes refer to, drawn.
    fn cost(&mut self, node: Node, chain: usize) -> Result<u64, IconError> {
        if chain > MAX_REFERENCE_CHAIN {
            return Err(IconError::SvgTooComplex);
        }
        if let Some(cost) = self.memo.get(&node.id()) {
            return Ok(*cost);
        }
        // Cycles (a `<use>` of its own ancestor) are cut by the chain limit; a renderer skips
        // them, so counting them once more is an over-estimate, never an under-estimate.
        let mut cost = 1u64;
        for child in node.children().filter(Node::is_element) {
            cost = cost.saturating_add(self.cost(child, chain)?);
            if cost > MAX_SVG_RENDERED_ELEMENTS {
                return Err(IconError::SvgTooComplex);
            }
        }
        for attribute in node.attributes() {
            let value = attribute.value();
            let href = matches!(attribute.name(), "href" | "src").then(|| value.trim());
            let targets = href
                .and_then(|href| href.strip_prefix('#'))
                .into_iter()
                .chain(css_references(value));
            for target in targets {
                if let Some(target) = self.ids.get(target).copied() {
                    cost = cost.saturating_add(self.cost(target, chain + 1)?);
                    if cost > MAX_SVG_RENDERED_ELEMENTS {
                        return Err(IconError::SvgTooComplex);
                    }
                }
            }
        }
        self.memo.insert(node.id(), cost);
        Ok(cost)
    }
}

/// The ids of `url(#id)` references in a CSS text or attribute value.
fn css_references(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("url(").filter_map(move |(start, _)| {
        let inside = &text[start + 4..];
        let inside = &inside[..inside.find(')').unwrap_or(inside.len())];
        let target = inside.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        target.strip_prefix('#')
    })
}

/// Numbers in path data or a point list (an upper bound of coordinates).
fn count_numbers(data: &str) -> u64 {
    let mut count = 0u64;
    let mut in_number = false;
    for c in data.chars() {
        let part_of_number = c.is_ascii_digit() || c == '.';
        if part_of_number && !in_number {
            count += 1;
        }
        in_number = part_of_number;
    }
    count
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
