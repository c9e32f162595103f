//! App icons, shown on the consent screen and in the console.
//!
//! The format is recognised from the bytes themselves (magic numbers, or an XML document
//! with an `svg` root), never from a file name or a declared content type, which the
//! uploader controls. Raster icons are measured from their headers only; SVG icons are
//! parsed and refused when rendering them would take unbounded work. The server turns every
//! icon into PNG pixels and never serves an SVG back: an SVG opened in a browser is a
//! document that can run script and load from anywhere, and no pattern rule closes that.

mod raster;
mod svg;
mod upload;

pub use svg::{MAX_SVG_DEPTH, MAX_SVG_ELEMENTS, MAX_SVG_RENDERED_ELEMENTS};

use serde::{Deserialize, Serialize};

pub use upload::IconUpload;

/// Largest icon accepted, in bytes (1 MiB).
pub const MAX_ICON_BYTES: usize = 1024 * 1024;

/// Smallest and largest accepted width and height of a raster icon, in pixels.
pub const MIN_ICON_PIXELS: u32 = 32;
pub const MAX_ICON_PIXELS: u32 = 1024;

/// An accepted icon format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IconFormat {
    Png,
    Jpeg,
    Svg,
}

impl IconFormat {
    /// The media type to serve the icon with.
    pub fn content_type(self) -> &'static str {
        match self {
            IconFormat::Png => "image/png",
            IconFormat::Jpeg => "image/jpeg",
            IconFormat::Svg => "image/svg+xml",
        }
    }

    /// A file extension for the format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            IconFormat::Png => "png",
            IconFormat::Jpeg => "jpg",
            IconFormat::Svg => "svg",
        }
    }
}

/// What [`inspect_icon`] found. Raster icons always have dimensions; an SVG has them
/// when its root `width` and `height` are plain numbers (or pixels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IconInfo {
    pub format: IconFormat,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Why an icon was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IconError {
    #[error("The icon file is empty.")]
    Empty,
    #[error("Icons may be at most 1 MiB.")]
    TooBig,
    #[error("The icon could not be decoded; send it as base64 or a base64 data: URL.")]
    Encoding,
    #[error("GIF icons are not supported; use PNG, JPEG or SVG.")]
    Gif,
    #[error("Icons must be PNG, JPEG or SVG images.")]
    UnknownFormat,
    #[error("The image could not be read; it may be damaged.")]
    Unreadable,
    #[error("Icons must be at least 32×32 pixels; this one is {width}×{height}.")]
    TooSmall { width: u32, height: u32 },
    #[error("Icons may be at most 1024×1024 pixels; this one is {width}×{height}.")]
    TooLarge { width: u32, height: u32 },
    #[error("Icons must be roughly square (at most 4:3); this one is {width}×{height} pixels.")]
    NotSquare { width: u32, height: u32 },
    #[error("The SVG icon is not well-formed XML ({0}).")]
    SvgParse(String),
    #[error("SVG icons may not contain a DOCTYPE.")]
    SvgDoctype,
    #[error("SVG icons must have an <svg> root element.")]
    SvgRoot,
    #[error("SVG icons may have at most 4,000 elements; simplify the drawing or upload a PNG.")]
    SvgTooManyElements,
    #[error("SVG icons may nest elements at most 48 deep; simplify the drawing or upload a PNG.")]
    SvgTooDeep,
    #[error("This SVG icon would draw too many shapes once its <use> and url(#…) references are followed; simplify it or upload a PNG.")]
    SvgTooComplex,
}

/// Recognises and checks an icon: a PNG or JPEG within the size rules, or a well-formed SVG
/// of bounded complexity (see `svg`).
pub fn inspect_icon(bytes: &[u8]) -> Result<IconInfo, IconError> {
    if bytes.is_empty() {
        return Err(IconError::Empty);
    }
    if bytes.len() > MAX_ICON_BYTES {
        return Err(IconError::TooBig);
    }
    let raster = |format| {
        raster::measure(bytes, format).map(|(width, height)| IconInfo {
            format,
            width: Some(width),
            height: Some(height),
        })
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return raster(IconFormat::Png);
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return raster(IconFormat::Jpeg);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Err(IconError::Gif);
    }
    if let Some(text) = svg::as_markup(bytes) {
        let (width, height) = svg::inspect(text)?;
        return Ok(IconInfo {
            format: IconFormat::Svg,
            width,
            height,
        });
    }
    Err(IconError::UnknownFormat)
}
