//! Icons as served: every upload becomes 32x32 and 64x64 PNG (the sizes the list and the
//! consent screen show, at normal and high density), and nothing else is ever stored or served.
//!
//! Raster uploads are decoded and re-encoded, which drops anything a crafted file might carry
//! besides pixels. SVG uploads are rendered (resvg), because an SVG served as SVG is an active
//! document wherever it ends up (opened directly, mirrored, mailed): no rule about its content
//! closed that (issue 15). The renderer runs no script and loads nothing: images it would fetch
//! by path or `data:` URL are not resolved, and text is not drawn (no fonts on the server).

mod svg_render;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader};
use shared::field_errors::FieldErrors;
use shared::icon::{IconFormat, IconUpload};

use super::change::ChangeError;
use crate::store::apps::IconImages;

pub const SMALL: u32 = 32;
pub const LARGE: u32 = 64;

/// The only type icons are served with.
pub const CONTENT_TYPE: &str = "image/png";

/// Renders an upload to the two PNG sizes; a file that cannot be drawn is a field error.
pub async fn render(upload: IconUpload) -> Result<IconImages, ChangeError> {
    let images = match upload.info().format {
        IconFormat::Svg => svg_render::render(upload.into_bytes(), &[SMALL, LARGE]).await,
        IconFormat::Png | IconFormat::Jpeg => {
            tokio::task::spawn_blocking(move || render_raster(&upload))
                .await
                .map_err(|err| ChangeError::Internal(err.into()))?
        }
    };
    match images {
        Ok(mut images) => {
            let large = images.pop().unwrap_or_default();
            let small = images.pop().unwrap_or_default();
            Ok(IconImages {
                content_type: CONTENT_TYPE.to_owned(),
                small,
                large,
            })
        }
        Err(message) => Err(icon_error(message)),
    }
}

/// The two PNG sizes of an upload, drawn on the calling thread (what `render` runs on the
/// blocking pool, without its time limit); for the fuzz targets (tests/fuzz).
pub fn draw_now(upload: &IconUpload) -> Result<Vec<Vec<u8>>, String> {
    match upload.info().format {
        IconFormat::Svg => svg_render::render_now(upload.bytes(), &[SMALL, LARGE]),
        IconFormat::Png | IconFormat::Jpeg => render_raster(upload),
    }
}

fn render_raster(upload: &IconUpload) -> Result<Vec<Vec<u8>>, String> {
    let format = if upload.info().format == IconFormat::Png {
        ImageFormat::Png
    } else {
        ImageFormat::Jpeg
    };
    let image = ImageReader::with_format(std::io::Cursor::new(upload.bytes()), format)
        .decode()
        .map_err(|err| {
            tracing::info!(error = %err, "icon could not be decoded");
            "The icon could not be read as an image. Upload another PNG, JPEG or SVG.".to_owned()
        })?;
    [SMALL, LARGE]
        .into_iter()
        .map(|size| encode_png(&image.resize_to_fill(size, size, FilterType::Lanczos3)))
        .collect()
}

/// PNG bytes of an image.
pub(crate) fn encode_png(image: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|err| format!("The icon could not be encoded: {err}"))?;
    Ok(out.into_inner())
}

/// The per-field error for an icon that passed the shared checks but cannot be drawn.
fn icon_error(message: String) -> ChangeError {
    ChangeError::Invalid(FieldErrors::from([("icon".into(), message)]))
}
