//! Paints the scene on screen. The scene is in model coordinates; painting happens in screen
//! coordinates (so that text is rasterised at its on-screen size and stays crisp), through
//! the view's transform, with what is off screen culled and what is too small to read
//! simplified.

use egui::emath::TSTransform;
use egui::{
    Align2, Color32, CornerRadius, FontFamily, FontId, Painter, Pos2, Rect, Shape as EShape,
    StrokeKind,
};

use crate::font::{Weight, face};
use crate::geom;
use crate::scene::{Align, Color, Dash, Scene, Shape, Stroke};

/// Text smaller than this on screen is not drawn: it cannot be read, and a national model
/// has tens of thousands of lines of it.
const MIN_TEXT_PX: f32 = 3.5;
/// Text smaller than that but at least this big is shown as a faint bar ("greeking").
const MIN_GREEK_PX: f32 = 1.5;
/// A box narrower than this on screen is drawn as a plain block.
const MIN_DETAIL_PX: f32 = 12.0;
/// A shape smaller than this on screen in both directions is not drawn.
const MIN_MARK_PX: f32 = 1.5;
/// A dash pattern that repeats more often than this on screen is drawn as a solid line.
const MIN_DASH_PERIOD_PX: f32 = 4.0;

/// The font family egui knows the bold face by.
pub const BOLD_FAMILY: &str = "icsmap-bold";

/// Registers the diagram's typeface with egui, so the canvas looks like the exports.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::{FontData, FontDefinitions};
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".into(),
        std::sync::Arc::new(FontData::from_static(crate::font::font_bytes(
            Weight::Regular,
        ))),
    );
    fonts.font_data.insert(
        "noto-sans-bold".into(),
        std::sync::Arc::new(FontData::from_static(crate::font::font_bytes(Weight::Bold))),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "noto-sans".into());
    }
    let mut bold = vec!["noto-sans-bold".to_string()];
    bold.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts
        .families
        .insert(FontFamily::Name(BOLD_FAMILY.into()), bold);
    ctx.set_fonts(fonts);
}

pub fn color(c: Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// Model point → screen point.
pub fn to_screen(t: &TSTransform, p: geom::Pos) -> Pos2 {
    *t * Pos2::new(p.x, p.y)
}

pub fn rect_to_screen(t: &TSTransform, r: geom::Rect) -> Rect {
    Rect::from_min_max(to_screen(t, r.min), to_screen(t, r.max))
}

/// Paints the scene's shapes that meet `view` (in model coordinates).
pub fn paint_scene(painter: &Painter, scene: &Scene, t: &TSTransform, view: geom::Rect) {
    let scale = t.scaling;
    let mut out: Vec<EShape> = Vec::with_capacity(scene.shapes.len().min(20_000));
    for shape in &scene.shapes {
        let bounds = quick_bounds(shape);
        if !bounds.intersects(&view) {
            continue;
        }
        // Marks smaller than a pixel or so (arrowheads, badges, dots of a model seen whole)
        // cannot be seen, and a national model has tens of thousands of them.
        if bounds.width() * scale < MIN_MARK_PX && bounds.height() * scale < MIN_MARK_PX {
            continue;
        }
        // A body's box a few pixels wide is drawn as a plain block in its border colour:
        // outlines and corners cannot be seen at that size, and cost most of the frame.
        if let Shape::Rect { fill, stroke, .. } | Shape::Polygon { fill, stroke, .. } = shape
            && bounds.width() >= crate::layout::NODE_WIDTH * 0.5
            && bounds.width() * scale < MIN_DETAIL_PX
        {
            if let Some(c) = stroke.map(|s| s.color).or(*fill) {
                out.push(EShape::rect_filled(
                    rect_to_screen(t, bounds),
                    0.0,
                    color(c),
                ));
            }
            continue;
        }
        match shape {
            Shape::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => {
                let r = rect_to_screen(t, *rect);
                let rounding = CornerRadius::same((radius * scale).clamp(0.0, 255.0) as u8);
                if let Some(f) = fill {
                    out.push(EShape::rect_filled(r, rounding, color(*f)));
                }
                if let Some(s) = stroke {
                    if is_solid(s, scale) || r.width() < 12.0 {
                        out.push(EShape::rect_stroke(
                            r,
                            rounding,
                            egui_stroke(s, scale),
                            StrokeKind::Middle,
                        ));
                    } else {
                        let outline = rounded_outline(r, radius * scale);
                        dashed(&mut out, &outline, s, scale);
                    }
                }
            }
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => {
                let pts: Vec<Pos2> = points.iter().map(|p| to_screen(t, *p)).collect();
                let solid_stroke = stroke.filter(|s| is_solid(s, scale));
                out.push(EShape::convex_polygon(
                    pts.clone(),
                    fill.map_or(Color32::TRANSPARENT, color),
                    solid_stroke.map_or(egui::Stroke::NONE, |s| egui_stroke(&s, scale)),
                ));
                if let Some(s) = stroke.filter(|s| !is_solid(s, scale)) {
                    let mut closed = pts;
                    if let Some(first) = closed.first().copied() {
                        closed.push(first);
                    }
                    dashed(&mut out, &closed, &s, scale);
                }
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
            } => {
                out.push(EShape::circle_filled(
                    to_screen(t, *center),
                    radius * scale,
                    fill.map_or(Color32::TRANSPARENT, color),
                ));
                if let Some(s) = stroke {
                    out.push(EShape::circle_stroke(
                        to_screen(t, *center),
                        radius * scale,
                        egui_stroke(s, scale),
                    ));
                }
            }
            Shape::Line { points, stroke } => {
                let pts: Vec<Pos2> = points.iter().map(|p| to_screen(t, *p)).collect();
                if is_solid(stroke, scale) {
                    out.push(EShape::line(pts, egui_stroke(stroke, scale)));
                } else {
                    dashed(&mut out, &pts, stroke, scale);
                }
            }
            Shape::Text(text) => {
                let size = text.size * scale;
                if size < MIN_TEXT_PX {
                    // Too small to read: a faint bar where the line is, so the diagram still
                    // shows where its words are.
                    if size >= MIN_GREEK_PX {
                        let r = rect_to_screen(t, bounds);
                        let bar = Rect::from_center_size(
                            r.center(),
                            egui::vec2(r.width() * 0.8, size * 0.45),
                        );
                        out.push(EShape::rect_filled(
                            bar,
                            0.0,
                            color(text.color).gamma_multiply(0.35),
                        ));
                    }
                    continue;
                }
                let family = match text.weight {
                    Weight::Regular => FontFamily::Proportional,
                    Weight::Bold => FontFamily::Name(BOLD_FAMILY.into()),
                };
                let top =
                    geom::Pos::new(text.pos.x, text.pos.y - face(text.weight).ascent(text.size));
                let anchor = match text.align {
                    Align::Left => Align2::LEFT_TOP,
                    Align::Center => Align2::CENTER_TOP,
                    Align::Right => Align2::RIGHT_TOP,
                };
                let galley = painter.layout_no_wrap(
                    text.text.clone(),
                    FontId::new(size, family),
                    color(text.color),
                );
                let at = anchor.anchor_size(to_screen(t, top), galley.size()).min;
                out.push(EShape::galley(at, galley, color(text.color)));
            }
        }
    }
    painter.extend(out);
}

fn is_solid(s: &Stroke, scale: f32) -> bool {
    s.dash == Dash::Solid
        || s.dash.pattern(s.width).iter().sum::<f32>() * scale < MIN_DASH_PERIOD_PX
}

fn egui_stroke(s: &Stroke, scale: f32) -> egui::Stroke {
    egui::Stroke::new((s.width * scale).max(0.6), color(s.color))
}

fn dashed(out: &mut Vec<EShape>, points: &[Pos2], s: &Stroke, scale: f32) {
    let pattern: Vec<f32> = s
        .dash
        .pattern(s.width)
        .iter()
        .map(|d| (d * scale).max(0.8))
        .collect();
    let dashes: Vec<f32> = pattern.iter().step_by(2).copied().collect();
    let gaps: Vec<f32> = pattern.iter().skip(1).step_by(2).copied().collect();
    if s.dash.round_caps() {
        // Dots: short dashes drawn as round dots read as a dotted line.
        let spacing = pattern.iter().sum::<f32>() / (dashes.len().max(1)) as f32;
        out.extend(EShape::dotted_line(
            points,
            color(s.color),
            spacing.max(2.0),
            (s.width * scale / 2.0).max(0.6),
        ));
        return;
    }
    EShape::dashed_line_many_with_offset(points, egui_stroke(s, scale), &dashes, &gaps, 0.0, out);
}

/// The outline of a rounded rectangle as points, for a dashed border.
fn rounded_outline(r: Rect, radius: f32) -> Vec<Pos2> {
    let radius = radius.min(r.width() / 2.0).min(r.height() / 2.0).max(0.0);
    let mut points = Vec::with_capacity(40);
    let corners = [
        (Pos2::new(r.max.x - radius, r.min.y + radius), -90.0f32),
        (Pos2::new(r.max.x - radius, r.max.y - radius), 0.0),
        (Pos2::new(r.min.x + radius, r.max.y - radius), 90.0),
        (Pos2::new(r.min.x + radius, r.min.y + radius), 180.0),
    ];
    for (centre, start) in corners {
        for step in 0..=6 {
            let angle = (start + step as f32 * 15.0).to_radians();
            points.push(Pos2::new(
                centre.x + radius * angle.cos(),
                centre.y + radius * angle.sin(),
            ));
        }
    }
    if let Some(first) = points.first().copied() {
        points.push(first);
    }
    points
}

/// A cheap bounding box for culling; text is estimated rather than measured.
fn quick_bounds(shape: &Shape) -> geom::Rect {
    match shape {
        Shape::Text(t) => {
            let width = t.size * 0.62 * t.text.chars().count() as f32;
            let left = match t.align {
                Align::Left => t.pos.x,
                Align::Center => t.pos.x - width / 2.0,
                Align::Right => t.pos.x - width,
            };
            geom::Rect {
                min: geom::Pos::new(left, t.pos.y - t.size),
                max: geom::Pos::new(left + width, t.pos.y + t.size * 0.3),
            }
        }
        other => other.bounds(),
    }
}
