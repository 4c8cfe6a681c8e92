//! Scene → PNG with tiny-skia: anti-aliased, sRGB, the resolution recorded (pHYs) so that
//! Word places the picture at its true size.

use std::collections::HashMap;

use ab_glyph::{Font as _, GlyphId};
use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, Stroke as SkStroke, StrokeDash,
    Transform,
};

use super::hairline;
use super::outline::{self, Op};
use super::page::{Frame, PT_PER_INCH};
use super::{BASE_DPI, DPI_RANGE, ExportError, ExportOptions, MARGIN, SCALE_RANGE, check_scale};
use crate::font::{Weight, face};
use crate::scene::{Align, Color, PlacedLogo, Scene, Shape, Stroke, Text};

/// The most pixels a PNG may have in all (about 400 MB while it is drawn): larger images are
/// slow to make and to paste, and Word refuses some of them.
pub const MAX_PIXELS: u64 = 100_000_000;
/// No side of a PNG may be longer than this (the limit of many image programs).
pub const MAX_SIDE: u32 = 65_535;

/// The scene as PNG bytes, on `frame` at `dpi` dots per inch.
pub fn png_bytes(
    scene: &Scene,
    frame: &Frame,
    dpi: f32,
    transparent: bool,
) -> Result<Vec<u8>, ExportError> {
    let pixmap = render(scene, frame, dpi, transparent)?;
    encode(&pixmap, dpi, transparent)
}

/// The scene at its natural size as straight (not premultiplied) RGBA pixels: width,
/// height, bytes. For the clipboard, which takes pixels rather than a file.
pub fn rgba_pixels(
    scene: &Scene,
    scale: f32,
    transparent: bool,
) -> Result<(u32, u32, Vec<u8>), ExportError> {
    let frame = Frame::natural(scene.bounds, MARGIN);
    let pixmap = render(scene, &frame, scale * BASE_DPI, transparent)?;
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

/// Whether an image of `frame` at `dpi` is within the limits.
fn fits(frame: &Frame, dpi: f32) -> bool {
    let (w, h) = frame.pixels(dpi);
    w <= u64::from(MAX_SIDE) && h <= u64::from(MAX_SIDE) && w.saturating_mul(h) <= MAX_PIXELS
}

/// `v` rounded down to two significant figures: a number a person can type.
fn round_down(v: f32) -> f32 {
    if !(v.is_finite() && v > 0.0) {
        return 0.0;
    }
    let step = 10f32.powf(v.log10().floor() - 1.0);
    (v / step).floor() * step
}

/// What to do instead of an image that is too large: the largest scale or resolution that
/// fits (checked, so following the advice works), or a page, or a vector format.
fn advice(frame: &Frame, dpi: f32) -> String {
    let (w, h) = frame.pixels(dpi);
    let shrink = (MAX_PIXELS as f64 / (w as f64 * h as f64))
        .sqrt()
        .min(f64::from(MAX_SIDE) / w.max(h) as f64) as f32;
    let vector = "or export PDF or SVG, which have no pixel limit";
    if frame.page.is_some() {
        let mut d = (dpi * shrink).floor();
        while d >= DPI_RANGE.0 && !fits(frame, ExportOptions::scale_for_dpi(d) * BASE_DPI) {
            d -= 1.0;
        }
        return if d >= DPI_RANGE.0 {
            format!("use --dpi {d} or lower, or a smaller page, {vector}")
        } else {
            format!("use a smaller page, {vector}")
        };
    }
    let scale = dpi / BASE_DPI;
    let mut s = round_down(scale * shrink);
    while s >= SCALE_RANGE.0 && !fits(frame, s * BASE_DPI) {
        s = round_down(s * 0.97);
    }
    let d = (s * BASE_DPI).floor();
    if s >= SCALE_RANGE.0
        && d >= DPI_RANGE.0
        && fits(frame, ExportOptions::scale_for_dpi(d) * BASE_DPI)
    {
        format!("use --scale {s} (or --dpi {d}) or lower, fit a page (--page A3), {vector}")
    } else {
        format!("fit a page (--page A3), {vector}")
    }
}

/// The size in pixels of a PNG of `frame` at `dpi`, or why it cannot be made (with advice
/// that works when followed).
pub fn png_size(frame: &Frame, dpi: f32) -> Result<(u64, u64), ExportError> {
    check_scale(dpi / BASE_DPI)?;
    let (width, height) = frame.pixels(dpi);
    if !fits(frame, dpi) {
        return Err(ExportError::TooLarge {
            width,
            height,
            advice: advice(frame, dpi),
        });
    }
    Ok((width, height))
}

fn render(
    scene: &Scene,
    frame: &Frame,
    dpi: f32,
    transparent: bool,
) -> Result<Pixmap, ExportError> {
    let (width, height) = png_size(frame, dpi)?;
    let mut pixmap = Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| ExportError::Encode(format!("cannot make a {width} × {height} image")))?;
    if !transparent {
        pixmap.fill(sk_color(scene.background));
    }
    // Pixels per model unit: the frame's points per unit at `dpi`.
    let px_per_unit = frame.pt_per_unit * dpi / PT_PER_INCH;
    let base = Transform::from_scale(px_per_unit, px_per_unit)
        .pre_translate(-frame.origin.x, -frame.origin.y);
    let mut painter = Painter {
        pixmap: &mut pixmap,
        base,
        scale: px_per_unit,
        glyphs: HashMap::new(),
        sprites: HashMap::new(),
    };
    for shape in &scene.shapes {
        painter.shape(shape);
    }
    if let Some(placed) = &scene.logo {
        painter.logo(placed);
    }
    Ok(pixmap)
}

/// A dash pattern that repeats more often than this in pixels cannot be seen, and on a large
/// model drawn small it costs seconds of stroking for nothing: it is stretched to
/// `SMALL_DASH_PERIOD_PX`, so the kinds of line still differ.
const MIN_DASH_PERIOD_PX: f32 = 3.0;
const SMALL_DASH_PERIOD_PX: f32 = 6.0;
/// Lines thinner than this many pixels are drawn by [`hairline`]: on a large model drawn
/// small, tiny-skia's thin-line path (a drawing pipeline for every two pixels) was most of
/// the export's time.
const HAIRLINE_PX: f32 = 0.5;

struct Painter<'a> {
    pixmap: &'a mut Pixmap,
    base: Transform,
    scale: f32,
    /// Glyph outlines in font units, made once per glyph.
    glyphs: HashMap<(Weight, GlyphId), Option<Path>>,
    /// Glyphs rasterised once, copied wherever they recur.
    sprites: HashMap<SpriteKey, Option<Sprite>>,
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
                if let Some(path) = sk_path(&outline::rounded_rect(*rect, *radius)) {
                    self.fill_and_stroke(&path, *fill, *stroke);
                }
            }
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => {
                if let Some(path) = sk_path(&outline::polyline(points, true)) {
                    self.fill_and_stroke(&path, *fill, *stroke);
                }
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
            } => {
                if let Some(path) = sk_path(&outline::circle(*center, *radius)) {
                    self.fill_and_stroke(&path, *fill, *stroke);
                }
            }
            Shape::Line { points, stroke } => {
                if let Some(path) = sk_path(&outline::polyline(points, false)) {
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
        let width_px = stroke.width * self.scale;
        if width_px < HAIRLINE_PX {
            hairline::stroke(
                self.pixmap,
                path,
                self.base,
                &pattern.iter().map(|d| d * self.scale).collect::<Vec<_>>(),
                stroke.color,
                width_px,
            );
            return;
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

    /// The logo, smoothly resampled into its box; its transparency is kept.
    fn logo(&mut self, placed: &PlacedLogo) {
        let logo = &placed.logo;
        let Some(size) = tiny_skia::IntSize::from_wh(logo.width, logo.height) else {
            return;
        };
        let premultiplied: Vec<u8> = logo
            .rgba
            .chunks_exact(4)
            .flat_map(|p| {
                let a = u16::from(p[3]);
                let m = |c: u8| ((u16::from(c) * a + 127) / 255) as u8;
                [m(p[0]), m(p[1]), m(p[2]), p[3]]
            })
            .collect();
        let Some(image) = Pixmap::from_vec(premultiplied, size) else {
            return;
        };
        let sx = placed.rect.width() / logo.width as f32;
        let sy = placed.rect.height() / logo.height as f32;
        let transform = self
            .base
            .pre_translate(placed.rect.min.x, placed.rect.min.y)
            .pre_scale(sx, sy);
        let paint = tiny_skia::PixmapPaint {
            quality: tiny_skia::FilterQuality::Bicubic,
            ..tiny_skia::PixmapPaint::default()
        };
        self.pixmap
            .draw_pixmap(0, 0, image.as_ref(), &paint, transform, None);
    }

    /// Text, glyph by glyph. Each glyph is rasterised once per size, colour and eighth of
    /// a pixel of position, then copied: on a large model the same few dozen glyphs are
    /// drawn hundreds of thousands of times, and filling each outline anew was most of the
    /// painter's time.
    fn text(&mut self, text: &Text) {
        let text_face = face(text.weight);
        let width = text_face.width(&text.text, text.size);
        let left = match text.align {
            Align::Left => text.pos.x,
            Align::Center => text.pos.x - width / 2.0,
            Align::Right => text.pos.x - width,
        };
        // The base transform only scales and moves.
        let (k, tx, ty) = (self.base.sx, self.base.tx, self.base.sy);
        let ty_offset = self.base.ty;
        let size_16 = (text.size * k * 16.0).round().max(1.0) as u32;
        let y_px = ty * text.pos.y + ty_offset;
        let (iy, fy) = split_px(y_px);
        for (id, x) in text_face.glyphs(&text.text, text.size) {
            let x_px = k * (left + x) + tx;
            let (ix, fx) = split_px(x_px);
            let key = SpriteKey {
                weight: text.weight,
                glyph: id.0,
                size_16,
                fx,
                fy,
                color: [text.color.r, text.color.g, text.color.b, text.color.a],
            };
            if !self.sprites.contains_key(&key) {
                let path = self
                    .glyphs
                    .entry((text.weight, id))
                    .or_insert_with(|| glyph_path(text.weight, id))
                    .as_ref();
                let sprite = path.and_then(|p| sprite(p, &key, text_face.unit(), text.color));
                self.sprites.insert(key, sprite);
            }
            if let Some(Some(sprite)) = self.sprites.get(&key) {
                blit(
                    self.pixmap,
                    &sprite.pixmap,
                    ix + sprite.left,
                    iy + sprite.top,
                );
            }
        }
    }
}

/// Copies `src` onto `dst` with its top-left pixel at (`x`, `y`), source over destination
/// (both premultiplied), clipped to `dst`. A glyph is a few dozen pixels: a plain loop beats
/// setting up a drawing pipeline for each.
fn blit(dst: &mut Pixmap, src: &Pixmap, x: i32, y: i32) {
    let (dw, dh) = (dst.width() as i32, dst.height() as i32);
    let (sw, sh) = (src.width() as i32, src.height() as i32);
    let (x0, y0) = (x.max(0), y.max(0));
    let (x1, y1) = ((x + sw).min(dw), (y + sh).min(dh));
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let s = src.data();
    let d = dst.data_mut();
    for row in y0..y1 {
        let s_row = ((row - y) * sw + (x0 - x)) as usize * 4;
        let d_row = (row * dw + x0) as usize * 4;
        let n = (x1 - x0) as usize * 4;
        for (sp, dp) in s[s_row..s_row + n]
            .chunks_exact(4)
            .zip(d[d_row..d_row + n].chunks_exact_mut(4))
        {
            let a = sp[3];
            if a == 0 {
                continue;
            }
            if a == 255 {
                dp.copy_from_slice(sp);
                continue;
            }
            let keep = 255 - u32::from(a);
            for (dc, sc) in dp.iter_mut().zip(sp) {
                *dc = (u32::from(*sc) + (u32::from(*dc) * keep + 127) / 255).min(255) as u8;
            }
        }
    }
}

/// Positions are kept to an eighth of a pixel: closer than anti-aliasing can show.
const SUBPIXEL: f32 = 8.0;

/// A pixel position as whole pixels and eighths.
fn split_px(v: f32) -> (i32, u8) {
    let eighths = (v * SUBPIXEL).round();
    let whole = (eighths / SUBPIXEL).floor();
    (whole as i32, (eighths - whole * SUBPIXEL) as u8)
}

/// A glyph at one size, colour and sub-pixel position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct SpriteKey {
    weight: Weight,
    glyph: u16,
    /// Pixels per em, in sixteenths.
    size_16: u32,
    fx: u8,
    fy: u8,
    color: [u8; 4],
}

/// A rasterised glyph and where its top-left pixel sits from the pen position.
struct Sprite {
    pixmap: Pixmap,
    left: i32,
    top: i32,
}

fn sprite(path: &Path, key: &SpriteKey, unit: f32, color: Color) -> Option<Sprite> {
    let s = key.size_16 as f32 / 16.0 * unit;
    let (ox, oy) = (f32::from(key.fx) / SUBPIXEL, f32::from(key.fy) / SUBPIXEL);
    let b = path.bounds();
    // Font units grow upwards; the page grows downwards.
    let (x0, x1) = (ox + b.left() * s, ox + b.right() * s);
    let (y0, y1) = (oy - b.bottom() * s, oy - b.top() * s);
    let (left, top) = (x0.floor() as i32 - 1, y0.floor() as i32 - 1);
    let (w, h) = (x1.ceil() as i32 - left + 1, y1.ceil() as i32 - top + 1);
    let mut pixmap = Pixmap::new(w.max(1) as u32, h.max(1) as u32)?;
    let transform = Transform::from_translate(ox - left as f32, oy - top as f32).pre_scale(s, -s);
    pixmap.fill_path(path, &paint(color), FillRule::Winding, transform, None);
    Some(Sprite { pixmap, left, top })
}

/// Path operations as a tiny-skia path.
fn sk_path(ops: &[Op]) -> Option<Path> {
    let mut pb = PathBuilder::new();
    for op in ops {
        match *op {
            Op::Move(x, y) => pb.move_to(x, y),
            Op::Line(x, y) => pb.line_to(x, y),
            Op::Quad(cx, cy, x, y) => pb.quad_to(cx, cy, x, y),
            Op::Cubic(c1x, c1y, c2x, c2y, x, y) => pb.cubic_to(c1x, c1y, c2x, c2y, x, y),
            Op::Close => pb.close(),
        }
    }
    pb.finish()
}

fn glyph_path(weight: Weight, id: GlyphId) -> Option<Path> {
    sk_path(&outline::glyph(&face(weight).font().outline(id)?))
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

fn encode(pixmap: &Pixmap, dpi: f32, transparent: bool) -> Result<Vec<u8>, ExportError> {
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
        // fdeflate: several times quicker than the default on a print-size image of mostly
        // white, for a file a little larger.
        encoder.set_compression(::png::Compression::Fast);
        encoder.set_source_srgb(::png::SrgbRenderingIntent::Perceptual);
        let dots_per_metre = (dpi / 0.0254).round() as u32;
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
