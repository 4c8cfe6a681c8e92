//! Scene → PNG with tiny-skia: anti-aliased, sRGB, the resolution recorded (pHYs) so that
//! Word places the picture at its true size.

use std::collections::HashMap;

use ab_glyph::{Font as _, GlyphId, OutlineCurve};
use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, Stroke as SkStroke, StrokeDash,
    Transform,
};

use super::{BASE_DPI, ExportError, MARGIN};
use crate::font::{Weight, face};
use crate::geom::Rect;
use crate::scene::{Align, Color, Scene, Shape, Stroke, Text};

/// No side of a PNG may be longer than this: larger images are slow to make and to paste,
/// and Word refuses some of them.
pub const MAX_SIDE: u32 = 16_384;

/// The scene as PNG bytes at `scale` pixels per point.
pub fn png_bytes(scene: &Scene, scale: f32, transparent: bool) -> Result<Vec<u8>, ExportError> {
    let pixmap = render(scene, scale, transparent)?;
    encode(&pixmap, scale, transparent)
}

/// The scene as straight (not premultiplied) RGBA pixels: width, height, bytes. For the
/// clipboard, which takes pixels rather than a file.
pub fn rgba_pixels(
    scene: &Scene,
    scale: f32,
    transparent: bool,
) -> Result<(u32, u32, Vec<u8>), ExportError> {
    let pixmap = render(scene, scale, transparent)?;
    let bytes = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok((pixmap.width(), pixmap.height(), bytes))
}

fn render(scene: &Scene, scale: f32, transparent: bool) -> Result<Pixmap, ExportError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(ExportError::BadScale(scale));
    }
    let page = scene.bounds.expand(MARGIN);
    let width = (f64::from(page.width()) * f64::from(scale)).ceil().max(1.0) as u64;
    let height = (f64::from(page.height()) * f64::from(scale))
        .ceil()
        .max(1.0) as u64;
    if width > u64::from(MAX_SIDE) || height > u64::from(MAX_SIDE) {
        let longest = page.width().max(page.height());
        return Err(ExportError::TooLarge {
            width,
            height,
            max: MAX_SIDE,
            suggested_scale: (MAX_SIDE as f32 / longest * 0.999).max(0.01),
        });
    }
    let mut pixmap = Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| ExportError::Encode(format!("cannot make a {width} × {height} image")))?;
    if !transparent {
        pixmap.fill(sk_color(scene.background));
    }
    let base = Transform::from_scale(scale, scale).pre_translate(-page.min.x, -page.min.y);
    let mut painter = Painter {
        pixmap: &mut pixmap,
        base,
        scale,
        glyphs: HashMap::new(),
    };
    for shape in &scene.shapes {
        painter.shape(shape);
    }
    Ok(pixmap)
}

/// A dash pattern that repeats more often than this in pixels cannot be seen, and on a large
/// model drawn small it costs seconds of stroking for nothing: it is stretched to
/// `SMALL_DASH_PERIOD_PX`, so the kinds of line still differ.
const MIN_DASH_PERIOD_PX: f32 = 3.0;
const SMALL_DASH_PERIOD_PX: f32 = 6.0;

struct Painter<'a> {
    pixmap: &'a mut Pixmap,
    base: Transform,
    scale: f32,
    /// Glyph outlines in font units, made once per glyph.
    glyphs: HashMap<(Weight, GlyphId), Option<Path>>,
}

impl Painter<'_> {
    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => {
                if let Some(path) = rounded_rect(*rect, *radius) {
                    self.fill_and_stroke(&path, *fill, *stroke);
                }
            }
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => {
                if let Some(path) = polyline(points, true) {
                    self.fill_and_stroke(&path, *fill, *stroke);
                }
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
            } => {
                if let Some(path) = PathBuilder::from_circle(center.x, center.y, *radius) {
                    self.fill_and_stroke(&path, *fill, *stroke);
                }
            }
            Shape::Line { points, stroke } => {
                if let Some(path) = polyline(points, false) {
                    self.stroke(&path, *stroke);
                }
            }
            Shape::Text(text) => self.text(text),
        }
    }

    fn fill_and_stroke(&mut self, path: &Path, fill: Option<Color>, stroke: Option<Stroke>) {
        if let Some(color) = fill {
            self.pixmap
                .fill_path(path, &paint(color), FillRule::Winding, self.base, None);
        }
        if let Some(stroke) = stroke {
            self.stroke(path, stroke);
        }
    }

    fn stroke(&mut self, path: &Path, stroke: Stroke) {
        let mut pattern = stroke.dash.pattern(stroke.width);
        let period_px = pattern.iter().sum::<f32>() * self.scale;
        if period_px > 0.0 && period_px < MIN_DASH_PERIOD_PX {
            let stretch = SMALL_DASH_PERIOD_PX / period_px;
            for d in &mut pattern {
                *d *= stretch;
            }
        }
        let sk = SkStroke {
            width: stroke.width,
            line_cap: if stroke.dash.round_caps() {
                LineCap::Round
            } else {
                LineCap::Butt
            },
            line_join: LineJoin::Miter,
            dash: if pattern.is_empty() {
                None
            } else {
                StrokeDash::new(pattern, 0.0)
            },
            ..SkStroke::default()
        };
        self.pixmap
            .stroke_path(path, &paint(stroke.color), &sk, self.base, None);
    }

    fn text(&mut self, text: &Text) {
        let text_face = face(text.weight);
        let width = text_face.width(&text.text, text.size);
        let left = match text.align {
            Align::Left => text.pos.x,
            Align::Center => text.pos.x - width / 2.0,
            Align::Right => text.pos.x - width,
        };
        let em = text.size * text_face.unit();
        let color = paint(text.color);
        for (id, x) in text_face.glyphs(&text.text, text.size) {
            let path = self
                .glyphs
                .entry((text.weight, id))
                .or_insert_with(|| glyph_path(text.weight, id))
                .as_ref();
            let Some(path) = path else { continue };
            // Font units grow upwards; the page grows downwards.
            let placed = self
                .base
                .pre_translate(left + x, text.pos.y)
                .pre_scale(em, -em);
            self.pixmap
                .fill_path(path, &color, FillRule::Winding, placed, None);
        }
    }
}

/// A path through `points`, closed for a polygon.
fn polyline(points: &[crate::geom::Pos], closed: bool) -> Option<Path> {
    let mut pb = PathBuilder::new();
    for (i, p) in points.iter().enumerate() {
        if i == 0 {
            pb.move_to(p.x, p.y);
        } else {
            pb.line_to(p.x, p.y);
        }
    }
    if closed {
        pb.close();
    }
    pb.finish()
}

fn glyph_path(weight: Weight, id: GlyphId) -> Option<Path> {
    let outline = face(weight).font().outline(id)?;
    let mut pb = PathBuilder::new();
    let mut last: Option<(f32, f32)> = None;
    for curve in &outline.curves {
        let (start, end) = match curve {
            OutlineCurve::Line(a, b) => (a, b),
            OutlineCurve::Quad(a, _, b) => (a, b),
            OutlineCurve::Cubic(a, _, _, b) => (a, b),
        };
        // A curve that does not start where the last ended opens a new contour.
        if last != Some((start.x, start.y)) {
            if last.is_some() {
                pb.close();
            }
            pb.move_to(start.x, start.y);
        }
        match curve {
            OutlineCurve::Line(_, b) => pb.line_to(b.x, b.y),
            OutlineCurve::Quad(_, c, b) => pb.quad_to(c.x, c.y, b.x, b.y),
            OutlineCurve::Cubic(_, c1, c2, b) => pb.cubic_to(c1.x, c1.y, c2.x, c2.y, b.x, b.y),
        }
        last = Some((end.x, end.y));
    }
    if last.is_some() {
        pb.close();
    }
    pb.finish()
}

fn rounded_rect(rect: Rect, radius: f32) -> Option<Path> {
    let r = radius
        .min(rect.width() / 2.0)
        .min(rect.height() / 2.0)
        .max(0.0);
    if r <= 0.01 {
        let sk = tiny_skia::Rect::from_ltrb(rect.min.x, rect.min.y, rect.max.x, rect.max.y)?;
        return Some(PathBuilder::from_rect(sk));
    }
    // Quarter circles as cubics (the usual 0.5523 handle).
    let k = r * 0.552_284_8;
    let (x0, y0, x1, y1) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    let mut pb = PathBuilder::new();
    pb.move_to(x0 + r, y0);
    pb.line_to(x1 - r, y0);
    pb.cubic_to(x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r);
    pb.line_to(x1, y1 - r);
    pb.cubic_to(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    pb.line_to(x0 + r, y1);
    pb.cubic_to(x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r);
    pb.line_to(x0, y0 + r);
    pb.cubic_to(x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0);
    pb.close();
    pb.finish()
}

fn sk_color(c: Color) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba8(c.r, c.g, c.b, c.a)
}

fn paint(c: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(sk_color(c));
    paint.anti_alias = true;
    paint
}

fn encode(pixmap: &Pixmap, scale: f32, transparent: bool) -> Result<Vec<u8>, ExportError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    // tiny-skia keeps premultiplied alpha; PNG wants it straight.
    let data: Vec<u8> = if transparent {
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect()
    } else {
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue()]
            })
            .collect()
    };
    let mut out = Vec::new();
    {
        let mut encoder = ::png::Encoder::new(&mut out, width, height);
        encoder.set_color(if transparent {
            ::png::ColorType::Rgba
        } else {
            ::png::ColorType::Rgb
        });
        encoder.set_depth(::png::BitDepth::Eight);
        encoder.set_source_srgb(::png::SrgbRenderingIntent::Perceptual);
        let dots_per_metre = (scale * BASE_DPI / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: dots_per_metre,
            yppu: dots_per_metre,
            unit: ::png::Unit::Meter,
        }));
        let mut writer = encoder
            .write_header()
            .map_err(|e| ExportError::Encode(e.to_string()))?;
        writer
            .write_image_data(&data)
            .map_err(|e| ExportError::Encode(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ExportError::Encode(e.to_string()))?;
    }
    Ok(out)
}
