//! Icon uploads (`shared::icon`) and their drawing (`clientele::apps::icons`): an accepted icon
//! survives its own base64 and data-URL forms, a raster one is within the size rules, and the
//! server draws it at both sizes or says why not, in bounded work.

use shared::icon::{IconFormat, IconUpload, MAX_ICON_PIXELS, MIN_ICON_PIXELS};

pub fn check(data: &[u8]) {
    let Ok(upload) = IconUpload::from_bytes(data.to_vec()) else {
        return;
    };
    let info = *upload.info();
    if info.format != IconFormat::Svg {
        for side in [info.width, info.height] {
            let side = side.expect("a raster icon has dimensions");
            assert!(
                (MIN_ICON_PIXELS..=MAX_ICON_PIXELS).contains(&side),
                "{info:?}"
            );
        }
    }
    for text in [upload.to_base64(), upload.to_data_url()] {
        let again = IconUpload::try_from(text).expect("an accepted icon's own text is accepted");
        assert!(again == upload, "{info:?} changed through base64");
    }
    // Drawing may refuse (a file whose headers pass but whose pixels do not decode); when it
    // succeeds it gives exactly the two sizes.
    if let Ok(images) = clientele::apps::icons::draw_now(&upload) {
        let sizes = [clientele::apps::icons::SMALL, clientele::apps::icons::LARGE];
        assert_eq!(images.len(), sizes.len());
        for (png, size) in images.iter().zip(sizes) {
            let drawn = imagesize::blob_size(png).expect("a drawn icon is a readable PNG");
            assert_eq!((drawn.width, drawn.height), (size as usize, size as usize));
        }
    }
}
