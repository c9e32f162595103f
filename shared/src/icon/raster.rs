//! PNG and JPEG icons, measured from their headers.

use super::{IconError, IconFormat, MAX_ICON_PIXELS, MIN_ICON_PIXELS};

/// The width and height of a PNG or JPEG, checked against the size rules.
pub(super) fn measure(bytes: &[u8], format: IconFormat) -> Result<(u32, u32), IconError> {
    // PNG requires IHDR as the first chunk (PNG spec 5.6); the size reader below simply
    // trusts the offsets, so make sure they mean what it thinks.
    if format == IconFormat::Png && bytes.get(12..16) != Some(b"IHDR".as_slice()) {
        return Err(IconError::Unreadable);
    }
    let size = imagesize::blob_size(bytes).map_err(|_| IconError::Unreadable)?;
    let width = u32::try_from(size.width).map_err(|_| IconError::Unreadable)?;
    let height = u32::try_from(size.height).map_err(|_| IconError::Unreadable)?;
    check_dimensions(width, height)?;
    Ok((width, height))
}

/// 32 to 1024 pixels each way, and no more elongated than 4:3, so the icon still reads
/// when shown in a square.
pub(super) fn check_dimensions(width: u32, height: u32) -> Result<(), IconError> {
    if width < MIN_ICON_PIXELS || height < MIN_ICON_PIXELS {
        return Err(IconError::TooSmall { width, height });
    }
    if width > MAX_ICON_PIXELS || height > MAX_ICON_PIXELS {
        return Err(IconError::TooLarge { width, height });
    }
    let (long, short) = (u64::from(width.max(height)), u64::from(width.min(height)));
    if long * 3 > short * 4 {
        return Err(IconError::NotSquare { width, height });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icon_dimensions_must_be_between_32_and_1024_and_at_most_4_to_3() {
        let table = [
            (32, 32, Ok(())),
            (1024, 1024, Ok(())),
            (64, 48, Ok(())),
            (48, 64, Ok(())),
            (
                31,
                31,
                Err(IconError::TooSmall {
                    width: 31,
                    height: 31,
                }),
            ),
            (
                32,
                31,
                Err(IconError::TooSmall {
                    width: 32,
                    height: 31,
                }),
            ),
            (
                1025,
                1025,
                Err(IconError::TooLarge {
                    width: 1025,
                    height: 1025,
                }),
            ),
            (
                1024,
                1025,
                Err(IconError::TooLarge {
                    width: 1024,
                    height: 1025,
                }),
            ),
            (
                32,
                100,
                Err(IconError::NotSquare {
                    width: 32,
                    height: 100,
                }),
            ),
            (
                65,
                48,
                Err(IconError::NotSquare {
                    width: 65,
                    height: 48,
                }),
            ),
        ];
        for (width, height, expected) in table {
            assert_eq!(
                check_dimensions(width, height),
                expected,
                "{width}×{height}"
            );
        }
    }
}
