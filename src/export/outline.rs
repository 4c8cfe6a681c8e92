//! The outlines of the scene's shapes as plain path operations, so that the raster (PNG)
//! and vector (PDF) painters trace exactly the same curves.

use crate::geom::{Pos, Rect};

/// One step of a path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Move(f32, f32),
    Line(f32, f32),
    Quad(f32, f32, f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

/// The usual handle length for a quarter circle drawn as one cubic.
const KAPPA: f32 = 0.552_284_8;

/// A rectangle with corners rounded by `radius` (clamped to half the shorter side).
pub fn rounded_rect(rect: Rect, radius: f32) -> Vec<Op> {
    let r = radius
        .min(rect.width() / 2.0)
        .min(rect.height() / 2.0)
        .max(0.0);
    let (x0, y0, x1, y1) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    if r <= 0.01 {
        return vec![
            Op::Move(x0, y0),
            Op::Line(x1, y0),
            Op::Line(x1, y1),
            Op::Line(x0, y1),
            Op::Close,
        ];
    }
    let k = r * KAPPA;
    vec![
        Op::Move(x0 + r, y0),
        Op::Line(x1 - r, y0),
        Op::Cubic(x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r),
        Op::Line(x1, y1 - r),
        Op::Cubic(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1),
        Op::Line(x0 + r, y1),
        Op::Cubic(x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r),
        Op::Line(x0, y0 + r),
        Op::Cubic(x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0),
        Op::Close,
    ]
}

/// A circle as four cubics.
pub fn circle(center: Pos, radius: f32) -> Vec<Op> {
    let Pos { x, y } = center;
    let (r, k) = (radius, radius * KAPPA);
    vec![
        Op::Move(x + r, y),
        Op::Cubic(x + r, y + k, x + k, y + r, x, y + r),
        Op::Cubic(x - k, y + r, x - r, y + k, x - r, y),
        Op::Cubic(x - r, y - k, x - k, y - r, x, y - r),
        Op::Cubic(x + k, y - r, x + r, y - k, x + r, y),
        Op::Close,
    ]
}

/// A path through `points`, closed for a polygon.
pub fn polyline(points: &[Pos], closed: bool) -> Vec<Op> {
    let mut ops: Vec<Op> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                Op::Move(p.x, p.y)
            } else {
                Op::Line(p.x, p.y)
            }
        })
        .collect();
    if closed && !ops.is_empty() {
        ops.push(Op::Close);
    }
    ops
}

/// A glyph's outline in font units (y up), contours closed.
pub fn glyph(outline: &ab_glyph::Outline) -> Vec<Op> {
    use ab_glyph::OutlineCurve;
    let mut ops = Vec::with_capacity(outline.curves.len() + 4);
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
                ops.push(Op::Close);
            }
            ops.push(Op::Move(start.x, start.y));
        }
        ops.push(match curve {
            OutlineCurve::Line(_, b) => Op::Line(b.x, b.y),
            OutlineCurve::Quad(_, c, b) => Op::Quad(c.x, c.y, b.x, b.y),
            OutlineCurve::Cubic(_, c1, c2, b) => Op::Cubic(c1.x, c1.y, c2.x, c2.y, b.x, b.y),
        });
        last = Some((end.x, end.y));
    }
    if last.is_some() {
        ops.push(Op::Close);
    }
    ops
}
