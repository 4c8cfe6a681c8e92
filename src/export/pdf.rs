//! Scene → PDF with krilla: vector shapes, text as real text in the embedded Noto Sans
//! (krilla subsets and embeds it), so a PDF pack can be searched and its words copied;
//! metadata from the model's title block. Deterministic apart from the creation date, which
//! `SOURCE_DATE_EPOCH` fixes.
//!
//! [`PdfPainter`] paints one page; a caller that needs more pages (a table after the
//! diagram) starts them on the same [`krilla::Document`] before finishing it.

use std::ops::Range;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke as KStroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::ExportError;
use super::outline::{self, Op};
use super::page::Frame;
use crate::font::{Weight, face, font_bytes};
use crate::model::Model;
use crate::scene::{Align, Color, PlacedLogo, Scene, Shape, Stroke, Text};

/// What a PDF says about itself, from the model's title block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentInfo {
    /// The model's title.
    pub title: String,
    /// The model's subtitle.
    pub subject: String,
    /// The model's author.
    pub author: String,
}

impl DocumentInfo {
    /// Title, subtitle and author of the model.
    pub fn from_model(model: &Model) -> DocumentInfo {
        DocumentInfo {
            title: model.title.trim().to_string(),
            subject: model.subtitle.trim().to_string(),
            author: model.author.trim().to_string(),
        }
    }
}

/// The scene as a one-page PDF on `frame`.
pub fn pdf_bytes(
    scene: &Scene,
    frame: &Frame,
    info: &DocumentInfo,
    transparent: bool,
) -> Result<Vec<u8>, ExportError> {
    let mut document = Document::new();
    let painter = PdfPainter::new();
    painter.page(&mut document, scene, frame, transparent)?;
    finish(document, info)
}

/// Sets the metadata and writes the document out. A caller that adds pages of its own
/// makes a [`Document`], paints the diagram with [`PdfPainter::page`], adds its pages and
/// finishes with this.
pub fn finish(mut document: Document, info: &DocumentInfo) -> Result<Vec<u8>, ExportError> {
    let mut metadata = Metadata::new()
        .creator("icsmap".to_string())
        .producer(format!("icsmap {}", env!("CARGO_PKG_VERSION")))
        .creation_date(creation_date());
    if !info.title.is_empty() {
        metadata = metadata.title(info.title.clone());
    }
    if !info.subject.is_empty() {
        metadata = metadata.description(info.subject.clone());
    }
    if !info.author.is_empty() {
        metadata = metadata.authors(vec![info.author.clone()]);
    }
    document.set_metadata(metadata);
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

/// The creation date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
fn creation_date() -> DateTime {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
        .max(0);
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let in_day = seconds.rem_euclid(86_400);
    DateTime::new(year.clamp(0, 9999) as u16)
        .month(month)
        .day(day)
        .hour((in_day / 3600) as u8)
        .minute((in_day / 60 % 60) as u8)
        .second((in_day % 60) as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Year, month, day of a count of days since 1970-01-01 (the proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Paints scenes onto PDF pages, with the two weights of the font loaded once.
pub struct PdfPainter {
    regular: Option<Font>,
    bold: Option<Font>,
}

impl Default for PdfPainter {
    fn default() -> Self {
        PdfPainter::new()
    }
}

impl PdfPainter {
    /// A painter with both weights of the embedded font loaded.
    pub fn new() -> PdfPainter {
        let load = |w| Font::new(font_bytes(w).into(), 0);
        PdfPainter {
            regular: load(Weight::Regular),
            bold: load(Weight::Bold),
        }
    }

    /// One page the size of `frame` with the scene on it.
    pub fn page(
        &self,
        document: &mut Document,
        scene: &Scene,
        frame: &Frame,
        transparent: bool,
    ) -> Result<(), ExportError> {
        let frame = &within_pdf_limit(frame);
        let settings = PageSettings::from_wh(frame.width_pt, frame.height_pt).ok_or_else(|| {
            ExportError::Pdf(format!(
                "a page of {} × {} pt is not possible",
                frame.width_pt, frame.height_pt
            ))
        })?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        if !transparent {
            let full = outline::rounded_rect(
                crate::geom::Rect::from_min_size(
                    crate::geom::Pos::default(),
                    frame.width_pt,
                    frame.height_pt,
                ),
                0.0,
            );
            fill(&mut surface, &full, scene.background);
        }
        let k = frame.pt_per_unit;
        surface.push_transform(&Transform::from_row(
            k,
            0.0,
            0.0,
            k,
            -frame.origin.x * k,
            -frame.origin.y * k,
        ));
        for shape in &scene.shapes {
            self.shape(&mut surface, shape);
        }
        if let Some(placed) = &scene.logo {
            logo(&mut surface, placed);
        }
        surface.pop();
        surface.finish();
        page.finish();
        Ok(())
    }

    fn shape(&self, surface: &mut Surface<'_>, shape: &Shape) {
        match shape {
            Shape::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => fill_and_stroke(
                surface,
                &outline::rounded_rect(*rect, *radius),
                *fill,
                *stroke,
            ),
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => fill_and_stroke(surface, &outline::polyline(points, true), *fill, *stroke),
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
            } => fill_and_stroke(surface, &outline::circle(*center, *radius), *fill, *stroke),
            Shape::Line { points, stroke } => fill_and_stroke(
                surface,
                &outline::polyline(points, false),
                None,
                Some(*stroke),
            ),
            Shape::Text(text) => self.text(surface, text),
        }
    }

    /// Real text: the same glyphs at the same positions as the PNG, each glyph mapped back
    /// to its character so the words can be searched and copied.
    fn text(&self, surface: &mut Surface<'_>, text: &Text) {
        let font = match text.weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let Some(font) = font else { return };
        let f = face(text.weight);
        let placed = f.glyphs(&text.text, text.size);
        if placed.is_empty() {
            return;
        }
        let width = f.width(&text.text, text.size);
        let left = match text.align {
            Align::Left => text.pos.x,
            Align::Center => text.pos.x - width / 2.0,
            Align::Right => text.pos.x - width,
        };
        let ranges: Vec<Range<usize>> = text
            .text
            .char_indices()
            .map(|(i, c)| i..i + c.len_utf8())
            .collect();
        let glyphs: Vec<KrillaGlyph> = placed
            .iter()
            .enumerate()
            .map(|(i, &(id, x))| {
                let next = placed.get(i + 1).map_or(width, |&(_, nx)| nx);
                KrillaGlyph::new(
                    GlyphId::new(u32::from(id.0)),
                    (next - x) / text.size,
                    0.0,
                    0.0,
                    0.0,
                    ranges.get(i).cloned().unwrap_or(0..0),
                    None,
                )
            })
            .collect();
        surface.set_fill(Some(krilla_fill(text.color)));
        surface.set_stroke(None);
        surface.draw_glyphs(
            Point::from_xy(left, text.pos.y),
            &glyphs,
            font.clone(),
            &text.text,
            text.size,
            false,
        );
    }
}

/// The largest page side PDF readers accept (Acrobat's 200 inches).
pub const MAX_PAGE_PT: f32 = 14_400.0;

/// A natural-size drawing too large for a PDF page is drawn smaller, to the largest page
/// readers accept.
fn within_pdf_limit(frame: &Frame) -> Frame {
    let longest = frame.width_pt.max(frame.height_pt);
    if longest <= MAX_PAGE_PT {
        return *frame;
    }
    let shrink = MAX_PAGE_PT / longest;
    Frame {
        width_pt: frame.width_pt * shrink,
        height_pt: frame.height_pt * shrink,
        pt_per_unit: frame.pt_per_unit * shrink,
        ..*frame
    }
}

fn krilla_path(ops: &[Op]) -> Option<Path> {
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

fn opacity(c: Color) -> NormalizedF32 {
    NormalizedF32::new(f32::from(c.a) / 255.0).unwrap_or(NormalizedF32::ONE)
}

fn krilla_fill(c: Color) -> Fill {
    Fill {
        paint: rgb::Color::new(c.r, c.g, c.b).into(),
        opacity: opacity(c),
        rule: FillRule::NonZero,
    }
}

fn fill(surface: &mut Surface<'_>, ops: &[Op], color: Color) {
    fill_and_stroke(surface, ops, Some(color), None);
}

fn fill_and_stroke(
    surface: &mut Surface<'_>,
    ops: &[Op],
    fill: Option<Color>,
    stroke: Option<Stroke>,
) {
    let Some(path) = krilla_path(ops) else { return };
    if let Some(color) = fill {
        surface.set_fill(Some(krilla_fill(color)));
        surface.set_stroke(None);
        surface.draw_path(&path);
    }
    if let Some(s) = stroke {
        let pattern = s.dash.pattern(s.width);
        surface.set_fill(None);
        surface.set_stroke(Some(KStroke {
            paint: rgb::Color::new(s.color.r, s.color.g, s.color.b).into(),
            width: s.width,
            miter_limit: 10.0,
            line_cap: if s.dash.round_caps() {
                LineCap::Round
            } else {
                LineCap::Butt
            },
            line_join: LineJoin::Miter,
            opacity: opacity(s.color),
            dash: (!pattern.is_empty()).then_some(StrokeDash {
                array: pattern,
                offset: 0.0,
            }),
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

/// The logo, its box filled with the image (proportions were kept when it was placed).
fn logo(surface: &mut Surface<'_>, placed: &PlacedLogo) {
    let logo = &placed.logo;
    let image = krilla::image::Image::from_rgba8(logo.rgba.clone(), logo.width, logo.height);
    let Some(size) = Size::from_wh(placed.rect.width(), placed.rect.height()) else {
        return;
    };
    surface.push_transform(&Transform::from_translate(
        placed.rect.min.x,
        placed.rect.min.y,
    ));
    surface.draw_image(image, size);
    surface.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_513), (2026, 3, 1));
    }
}
