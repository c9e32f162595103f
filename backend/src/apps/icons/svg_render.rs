//! SVG to PNG with resvg, with bounded work.
//!
//! The shared crate already refused SVGs that are too big, too deep or that multiply through
//! references (`shared::icon`). Here the parsed tree is measured again before drawing, the way
//! resvg will draw it: every node drawn (with `<use>` expanded and each pattern tile drawn once
//! per shape it fills) and the pixels of every pattern tile, which resvg allocates at the tile's
//! size on the canvas however large that is. Drawing then runs on the blocking pool, at most
//! `CONCURRENT_RENDERS` at a time, and an upload whose drawing takes longer than
//! `RENDER_TIME_LIMIT` is refused (the thread finishes on its own; its slot stays taken until
//! then, so runaway renders cannot pile up).

use std::sync::Arc;
use std::time::Duration;

use image::{DynamicImage, RgbaImage};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, ImageHrefResolver, Node, Paint, Tree};
use tokio::sync::Semaphore;

/// Nodes drawn at most, references and pattern tiles included.
const MAX_DRAWN_NODES: u64 = 50_000;
/// Pattern tile pixels allocated at most over one rendering (16 MiB of RGBA).
const MAX_TILE_PIXELS: f64 = 4.0 * 1024.0 * 1024.0;
const CONCURRENT_RENDERS: usize = 2;
const RENDER_TIME_LIMIT: Duration = Duration::from_secs(5);

static RENDERS: Semaphore = Semaphore::const_new(CONCURRENT_RENDERS);

const TOO_COMPLEX: &str = "This SVG icon is too complex to draw (too many shapes or pattern tiles too large); simplify it or upload a PNG.";

/// PNGs of `sizes`×`sizes` pixels, the drawing scaled to fit and centred, transparent around.
pub async fn render(svg: Vec<u8>, sizes: &[u32]) -> Result<Vec<Vec<u8>>, String> {
    let permit = RENDERS
        .acquire()
        .await
        .map_err(|_| "The server is shutting down.".to_owned())?;
    let sizes = sizes.to_vec();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        render_now(&svg, &sizes)
    });
    match tokio::time::timeout(RENDER_TIME_LIMIT, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(join_error)) => {
            tracing::error!(error = %join_error, "rendering an SVG icon failed");
            Err(TOO_COMPLEX.to_owned())
        }
        Err(_) => {
            tracing::warn!("rendering an SVG icon took too long");
            Err(TOO_COMPLEX.to_owned())
        }
    }
}

pub(super) fn render_now(svg: &[u8], sizes: &[u32]) -> Result<Vec<Vec<u8>>, String> {
    let tree = Tree::from_data(svg, &options()).map_err(|err| {
        tracing::info!(error = %err, "SVG icon could not be parsed");
        format!("The SVG icon could not be drawn ({err}).")
    })?;
    let largest = sizes.iter().copied().max().unwrap_or(1);
    let mut budget = Budget {
        nodes: MAX_DRAWN_NODES,
        tile_pixels: MAX_TILE_PIXELS,
    };
    measure(tree.root(), fit(&tree, largest), &mut budget).ok_or_else(|| TOO_COMPLEX.to_owned())?;
    sizes.iter().map(|&size| draw(&tree, size)).collect()
}

/// Parsing options under which nothing outside the file is read: `<image>` references (file
/// paths, which the default resolver would open on the server, and `data:` URLs, which could
/// nest another SVG) resolve to nothing.
fn options() -> usvg::Options<'static> {
    usvg::Options {
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(|_, _: Arc<Vec<u8>>, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// The transform that scales the drawing to fit a `size`-pixel square, centred.
fn fit(tree: &Tree, size: u32) -> Transform {
    let (width, height) = (tree.size().width(), tree.size().height());
    let side = size as f32;
    let scale = (side / width).min(side / height);
    Transform::from_row(
        scale,
        0.0,
        0.0,
        scale,
        (side - width * scale) / 2.0,
        (side - height * scale) / 2.0,
    )
}

fn draw(tree: &Tree, size: u32) -> Result<Vec<u8>, String> {
    let mut pixmap = Pixmap::new(size, size).ok_or_else(|| TOO_COMPLEX.to_owned())?;
    resvg::render(tree, fit(tree, size), &mut pixmap.as_mut());
    // tiny-skia keeps premultiplied alpha; PNG stores straight alpha.
    let pixels: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let color = pixel.demultiply();
            [color.red(), color.green(), color.blue(), color.alpha()]
        })
        .collect();
    let image = RgbaImage::from_raw(size, size, pixels).ok_or_else(|| TOO_COMPLEX.to_owned())?;
    super::encode_png(&DynamicImage::ImageRgba8(image))
}

struct Budget {
    nodes: u64,
    tile_pixels: f64,
}

/// Walks the tree as resvg draws it, spending the budget; `None` once it is spent.
fn measure(group: &usvg::Group, transform: Transform, budget: &mut Budget) -> Option<()> {
    if let Some(clip) = group.clip_path() {
        measure(clip.root(), transform.pre_concat(clip.transform()), budget)?;
    }
    if let Some(mask) = group.mask() {
        measure(mask.root(), transform, budget)?;
    }
    for node in group.children() {
        budget.nodes = budget.nodes.checked_sub(1)?;
        match node {
            Node::Group(child) => measure(child, transform.pre_concat(child.transform()), budget)?,
            Node::Path(path) => {
                let paints = [
                    path.fill().map(|fill| fill.paint()),
                    path.stroke().map(|stroke| stroke.paint()),
                ];
                for paint in paints.into_iter().flatten() {
                    if let Paint::Pattern(pattern) = paint {
                        // resvg draws the tile at its size on the canvas (path.rs, `render_pattern_pixmap`).
                        let (sx, sy) = transform.pre_concat(pattern.transform()).get_scale();
                        let pixels = f64::from(pattern.rect().width() * sx)
                            * f64::from(pattern.rect().height() * sy);
                        if !pixels.is_finite() || pixels > budget.tile_pixels {
                            return None;
                        }
                        budget.tile_pixels -= pixels;
                        measure(pattern.root(), Transform::from_scale(sx, sy), budget)?;
                    }
                }
            }
            Node::Image(_) | Node::Text(_) => {}
        }
    }
    Some(())
}
