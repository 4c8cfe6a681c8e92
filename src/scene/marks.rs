//! Marks that the diagram and its legend both draw: the outline of a box of each shape,
//! and a line with its arrowheads. One place, so the key shows exactly what the diagram
//! draws.

use super::style::{BoxShape, Color, Head, LinkLook, Stroke, Style};
use super::{Dash, Shape};
use crate::geom::{Pos, Rect};

pub(super) const HEAD_LENGTH: f32 = 11.0;
const HEAD_HALF_WIDTH: f32 = 5.5;

/// A line through `points` in `look`, shortened under its arrowhead, with its head at the
/// last point and its tail mark at the first.
pub(super) fn line_with_heads(out: &mut Vec<Shape>, points: &[Pos], look: LinkLook, style: &Style) {
    let (Some(&start), Some(&end)) = (points.first(), points.last()) else {
        return;
    };
    let before_end = points
        .iter()
        .rev()
        .copied()
        .find(|p| p.distance(end) > f32::EPSILON)
        .unwrap_or(start);
    let dir = (end - before_end).normalized();
    // Hollow and solid heads cover the line's end; the line stops where the head begins so
    // that a hollow head stays hollow.
    let head_len = match look.head {
        Head::None | Head::Dot | Head::OpenArrow => 0.0,
        Head::FilledDiamond => HEAD_LENGTH * 1.5,
        Head::FilledTriangle | Head::HollowTriangle => HEAD_LENGTH,
    };
    let mut line = points.to_vec();
    if let Some(last) = line.last_mut() {
        *last = end - dir * head_len;
    }
    out.push(Shape::Line {
        points: line,
        stroke: look.stroke,
    });
    head_shapes(out, look.head, end, dir, look.stroke, style);
    if look.tail == Head::Dot {
        out.push(Shape::Circle {
            center: start,
            radius: 3.0,
            fill: Some(look.stroke.color),
            stroke: None,
        });
    }
}

/// The mark at a line's `tip`, the line arriving in direction `dir`.
fn head_shapes(out: &mut Vec<Shape>, head: Head, tip: Pos, dir: Pos, line: Stroke, style: &Style) {
    let side = dir.perpendicular();
    let solid = Stroke {
        dash: Dash::Solid,
        ..line
    };
    let base = tip - dir * HEAD_LENGTH;
    match head {
        Head::None | Head::Dot => {}
        Head::FilledTriangle => out.push(Shape::Polygon {
            points: vec![
                tip,
                base + side * HEAD_HALF_WIDTH,
                base - side * HEAD_HALF_WIDTH,
            ],
            fill: Some(line.color),
            stroke: None,
        }),
        Head::HollowTriangle => out.push(Shape::Polygon {
            points: vec![
                tip,
                base + side * HEAD_HALF_WIDTH,
                base - side * HEAD_HALF_WIDTH,
            ],
            fill: Some(style.background),
            stroke: Some(Stroke {
                width: 1.4,
                ..solid
            }),
        }),
        Head::OpenArrow => out.push(Shape::Line {
            points: vec![
                base + side * HEAD_HALF_WIDTH,
                tip,
                base - side * HEAD_HALF_WIDTH,
            ],
            stroke: Stroke {
                width: line.width.max(1.3),
                ..solid
            },
        }),
        Head::FilledDiamond => {
            let back = tip - dir * HEAD_LENGTH * 1.5;
            let middle = tip - dir * HEAD_LENGTH * 0.75;
            out.push(Shape::Polygon {
                points: vec![tip, middle + side * 5.0, back, middle - side * 5.0],
                fill: Some(line.color),
                stroke: None,
            });
        }
    }
}

/// The outline of a box of `shape` in `rect`.
pub(super) fn outline(
    rect: Rect,
    shape: BoxShape,
    fill: Option<Color>,
    stroke: Option<Stroke>,
) -> Shape {
    let (x0, y0, x1, y1) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    let cy = rect.center().y;
    let polygon = |points: Vec<Pos>| Shape::Polygon {
        points,
        fill,
        stroke,
    };
    let rounded = |radius: f32| Shape::Rect {
        rect,
        radius,
        fill,
        stroke,
    };
    match shape {
        BoxShape::Rect | BoxShape::DoubleRect => rounded(0.0),
        BoxShape::Rounded => rounded(rect.height().min(rect.width()) * 0.16),
        BoxShape::Stadium => rounded(rect.height().min(rect.width()) / 2.0),
        BoxShape::Hexagon => {
            let inset = rect.height() * 0.3;
            polygon(vec![
                Pos::new(x0 + inset, y0),
                Pos::new(x1 - inset, y0),
                Pos::new(x1, cy),
                Pos::new(x1 - inset, y1),
                Pos::new(x0 + inset, y1),
                Pos::new(x0, cy),
            ])
        }
        BoxShape::Octagon => {
            let cut = rect.height() * 0.2;
            polygon(vec![
                Pos::new(x0 + cut, y0),
                Pos::new(x1 - cut, y0),
                Pos::new(x1, y0 + cut),
                Pos::new(x1, y1 - cut),
                Pos::new(x1 - cut, y1),
                Pos::new(x0 + cut, y1),
                Pos::new(x0, y1 - cut),
                Pos::new(x0, y0 + cut),
            ])
        }
        BoxShape::Tag => {
            let point = rect.height() * 0.28;
            polygon(vec![
                Pos::new(x0, y0),
                Pos::new(x1 - point, y0),
                Pos::new(x1, cy),
                Pos::new(x1 - point, y1),
                Pos::new(x0, y1),
            ])
        }
    }
}
