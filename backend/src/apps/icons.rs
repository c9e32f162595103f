//! Icons as served. Raster uploads are decoded and re-encoded as 32x32 and 64x64 PNG (the
//! sizes the list and the consent screen show, at normal and high density), which also drops
//! anything a crafted file might carry besides pixels. SVG, already checked by the shared
//! crate, is stored as sent and served sandboxed.

use image::imageops::FilterType;
use image::{ImageFormat, ImageReader};
use shared::icon::{IconFormat, IconUpload};

use crate::store::apps::IconImages;

pub const SMALL: u32 = 32;
pub const LARGE: u32 = 64;

/// Renders an upload; runs on the blocking pool (decoding is CPU work).
pub async fn render(upload: IconUpload) -> anyhow::Result<IconImages> {
    tokio::task::spawn_blocking(move || render_now(&upload)).await?
}

fn render_now(upload: &IconUpload) -> anyhow::Result<IconImages> {
    let format = match upload.info().format {
        IconFormat::Svg => {
            return Ok(IconImages {
                content_type: "image/svg+xml".to_owned(),
                small: upload.bytes().to_vec(),
                large: upload.bytes().to_vec(),
            })
        }
        IconFormat::Png => ImageFormat::Png,
        IconFormat::Jpeg => ImageFormat::Jpeg,
    };
    let image = ImageReader::with_format(std::io::Cursor::new(upload.bytes()), format).decode()?;
    let encode = |size: u32| -> anyhow::Result<Vec<u8>> {
        let mut out = std::io::Cursor::new(Vec::new());
        image
            .resize_to_fill(size, size, FilterType::Lanczos3)
            .write_to(&mut out, ImageFormat::Png)?;
        Ok(out.into_inner())
    };
    Ok(IconImages {
        content_type: "image/png".to_owned(),
        small: encode(SMALL)?,
        large: encode(LARGE)?,
    })
}

/// The field error for an upload that passed the header checks but does not decode.
pub fn unreadable_icon_error() -> crate::error::AppError {
    let mut fields = shared::field_errors::FieldErrors::new();
    fields.insert(
        "icon".into(),
        "The icon could not be read as an image. Upload another PNG, JPEG or SVG.".into(),
    );
    crate::error::AppError::Validation(fields)
}
