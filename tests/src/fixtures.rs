//! Test files made in code: icons of a given size, as base64 the way the console sends them.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, 200, 255])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoding a PNG");
    out.into_inner()
}

pub fn png_base64(width: u32, height: u32) -> String {
    STANDARD.encode(png(width, height))
}

pub const SAFE_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#2456d6"/></svg>"##;

pub fn svg_base64(svg: &str) -> String {
    STANDARD.encode(svg.as_bytes())
}
