//! Bodies as boxes: an ordinary body (caption and name), an unfolded group (a box around
//! its members with its name in a header, in its kind's colours and border), a folded group
//! (a stacked box with a "+N" marker), and the findings badge.

use super::marks::outline;
use super::style::{BoxShape, Color, NodeLook, Stroke, Style};
use super::{Align, Badge, Shape, Text};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};
use crate::layout::NODE_HEIGHT;
use crate::model::{Node, NodeKind};
use crate::rules::Severity;
use crate::view::{GROUP_HEADER, MARKER_HEIGHT};

/// Text sizes, in points.
const CAPTION_SIZE: f32 = 8.0;
const NAME_SIZES: [f32; 3] = [11.0, 10.0, 9.0];
const HEADER_NAME_SIZE: f32 = 10.5;
const MARKER_SIZE: f32 = 9.0;
/// How far the box behind a folded group's shows, down and right: a stack of boxes.
const STACK_OFFSET: f32 = 4.0;

/// How much narrower than its box a shape leaves room for text.
fn text_inset(shape: BoxShape) -> f32 {
    match shape {
        BoxShape::Hexagon => NODE_HEIGHT * 0.3 + 6.0,
        BoxShape::Stadium => NODE_HEIGHT * 0.3,
        BoxShape::Tag => 12.0,
        BoxShape::Octagon => 10.0,
        _ => 8.0,
    }
}

/// What the small line at the top of a box says the body is.
pub(super) fn caption(node: &Node) -> String {
    if node.kind == NodeKind::Other && !node.label.trim().is_empty() {
        node.label.trim().to_string()
    } else {
        node.kind.display_name().to_string()
    }
}

pub(super) fn node_shapes(
    out: &mut Vec<Shape>,
    node: &Node,
    rect: Rect,
    statutory: bool,
    style: &Style,
) {
    let family = node.kind.family();
    let look: NodeLook = style.node(family);
    let border = style.node_border(family, statutory);
    out.push(outline(rect, look.shape, Some(look.fill), Some(border)));
    if look.shape == BoxShape::DoubleRect {
        out.push(outline(
            rect.expand(-3.5),
            BoxShape::Rect,
            None,
            Some(Stroke {
                width: 0.8,
                ..border
            }),
        ));
    }
    let inset = text_inset(look.shape);
    let width = rect.width() - 2.0 * inset;
    let caption_face = face(Weight::Regular);
    let caption_baseline = rect.min.y + 7.0 + caption_face.ascent(CAPTION_SIZE);
    out.push(Shape::Text(Text {
        pos: Pos::new(rect.center().x, caption_baseline),
        text: caption_face.ellipsize(&caption(node), CAPTION_SIZE, width),
        size: CAPTION_SIZE,
        weight: Weight::Regular,
        color: look.caption,
        align: Align::Center,
    }));
    // The name fills what is left: wrapped, then smaller, then the short name, then cut.
    let top = caption_baseline + caption_face.descent(CAPTION_SIZE) + 2.0;
    let bottom = rect.max.y - 5.0;
    let (lines, size) = fit_name(node, width, bottom - top);
    let name_face = face(Weight::Bold);
    let line_height = size * 1.22;
    let block = line_height * lines.len() as f32;
    let first_baseline =
        top + ((bottom - top) - block) / 2.0 + name_face.ascent(size) + (line_height - size) / 2.0;
    for (k, line) in lines.into_iter().enumerate() {
        out.push(Shape::Text(Text {
            pos: Pos::new(rect.center().x, first_baseline + k as f32 * line_height),
            text: line,
            size,
            weight: Weight::Bold,
            color: look.text,
            align: Align::Center,
        }));
    }
}

/// Lines and size for a body's name in a `width` × `height` area.
pub(super) fn fit_name(node: &Node, width: f32, height: f32) -> (Vec<String>, f32) {
    let name_face = face(Weight::Bold);
    let name = node.display_name().trim();
    let candidates = [name, node.short.trim()];
    for text in candidates.iter().filter(|t| !t.is_empty()) {
        for size in NAME_SIZES {
            let max_lines = ((height / (size * 1.22)).floor() as usize).max(1);
            if let Some(lines) = name_face.wrap(text, size, width, max_lines) {
                return (lines, size);
            }
        }
    }
    // Nothing fits whole: the smallest size, as many lines as fit, the last one cut.
    let size = NAME_SIZES[NAME_SIZES.len() - 1];
    let max_lines = ((height / (size * 1.22)).floor() as usize).max(1);
    let text = if node.short.trim().is_empty() {
        name
    } else {
        node.short.trim()
    };
    let mut lines = name_face
        .wrap(text, size, width, usize::MAX)
        .unwrap_or_default();
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(name_face.ellipsize(&rest, size, width));
    }
    (lines, size)
}

/// An unfolded group: a tinted box in its kind's colours and border around where its
/// members are drawn, with its name (and what it is, where there is room) in a header.
pub(super) fn group_shapes(
    out: &mut Vec<Shape>,
    node: &Node,
    rect: Rect,
    statutory: bool,
    style: &Style,
) {
    let family = node.kind.family();
    let look: NodeLook = style.node(family);
    let border = style.node_border(family, statutory);
    let radius = match look.shape {
        BoxShape::Rect | BoxShape::DoubleRect => 0.0,
        _ => 8.0,
    };
    out.push(Shape::Rect {
        rect,
        radius,
        fill: Some(mix(look.fill, style.background, 0.35)),
        stroke: None,
    });
    let header = Rect {
        min: rect.min,
        max: Pos::new(rect.max.x, rect.min.y + GROUP_HEADER),
    };
    out.push(Shape::Rect {
        rect: header,
        radius,
        fill: Some(look.fill),
        stroke: None,
    });
    if radius > 0.0 {
        // Square off the header's lower corners.
        out.push(Shape::Rect {
            rect: Rect {
                min: Pos::new(header.min.x, header.max.y - radius),
                max: header.max,
            },
            radius: 0.0,
            fill: Some(look.fill),
            stroke: None,
        });
    }
    out.push(Shape::Rect {
        rect,
        radius,
        fill: None,
        stroke: Some(border),
    });
    if look.shape == BoxShape::DoubleRect {
        out.push(Shape::Rect {
            rect: rect.expand(-3.5),
            radius: 0.0,
            fill: None,
            stroke: Some(Stroke {
                width: 0.8,
                ..border
            }),
        });
    }
    let name_face = face(Weight::Bold);
    let caption_face = face(Weight::Regular);
    let baseline = header.center().y
        + (name_face.ascent(HEADER_NAME_SIZE) - name_face.descent(HEADER_NAME_SIZE)) / 2.0;
    let room = header.width() - 20.0;
    let kind = caption(node);
    let kind_width = caption_face.width(&kind, CAPTION_SIZE);
    let name = node.display_name().trim();
    let name_width = name_face.width(name, HEADER_NAME_SIZE);
    let show_kind = name_width + kind_width + 16.0 <= room;
    out.push(Shape::Text(Text {
        pos: Pos::new(header.min.x + 10.0, baseline),
        text: name_face.ellipsize(name, HEADER_NAME_SIZE, room),
        size: HEADER_NAME_SIZE,
        weight: Weight::Bold,
        color: look.text,
        align: Align::Left,
    }));
    if show_kind {
        out.push(Shape::Text(Text {
            pos: Pos::new(header.max.x - 10.0, baseline),
            text: kind,
            size: CAPTION_SIZE,
            weight: Weight::Regular,
            color: look.caption,
            align: Align::Right,
        }));
    }
}

/// A folded group: its box with another showing behind it (a stack), and a "+N" marker
/// for the bodies hidden in it at `marker`.
pub(super) fn folded_shapes(
    out: &mut Vec<Shape>,
    node: &Node,
    rect: Rect,
    statutory: bool,
    (marker, hidden): (Rect, usize),
    style: &Style,
) {
    let family = node.kind.family();
    let look = style.node(family);
    let border = style.node_border(family, statutory);
    let behind = Rect {
        min: rect.min + Pos::new(STACK_OFFSET, STACK_OFFSET),
        max: rect.max + Pos::new(STACK_OFFSET, STACK_OFFSET),
    };
    out.push(outline(behind, look.shape, Some(look.fill), Some(border)));
    node_shapes(out, node, rect, statutory, style);
    out.push(Shape::Rect {
        rect: marker,
        radius: MARKER_HEIGHT / 2.0,
        fill: Some(look.border),
        stroke: Some(Stroke {
            width: 1.2,
            color: style.background,
            dash: super::Dash::Solid,
        }),
    });
    let f = face(Weight::Bold);
    out.push(Shape::Text(Text {
        pos: Pos::new(
            marker.center().x,
            marker.center().y + (f.ascent(MARKER_SIZE) - f.descent(MARKER_SIZE)) / 2.0,
        ),
        text: format!("+{hidden}"),
        size: MARKER_SIZE,
        weight: Weight::Bold,
        color: readable_on(look.border),
        align: Align::Center,
    }));
}

/// `a` mixed with `b`: `share` of `a`, the rest `b`.
fn mix(a: Color, b: Color, share: f32) -> Color {
    let m = |x: u8, y: u8| (f32::from(x) * share + f32::from(y) * (1.0 - share)).round() as u8;
    Color::rgb(m(a.r, b.r), m(a.g, b.g), m(a.b, b.b))
}

/// White or near-black, whichever reads on `background`.
fn readable_on(background: Color) -> Color {
    let luma = 0.299 * f32::from(background.r)
        + 0.587 * f32::from(background.g)
        + 0.114 * f32::from(background.b);
    if luma > 150.0 {
        Color::rgb(0x1a, 0x1a, 0x1a)
    } else {
        Color::WHITE
    }
}

/// A findings count on the top right corner of a box, coloured by the most serious.
pub(super) fn badge_shapes(out: &mut Vec<Shape>, badge: Badge, rect: Rect, style: &Style) {
    let color = match badge.severity {
        Severity::Error => style.error,
        Severity::Warning => style.warning,
        Severity::Info => style.info,
    };
    let center = Pos::new(rect.max.x - 4.0, rect.min.y + 4.0);
    out.push(Shape::Circle {
        center,
        radius: 9.0,
        fill: Some(color),
        stroke: Some(Stroke {
            width: 1.5,
            color: Color::WHITE,
            dash: super::Dash::Solid,
        }),
    });
    let text = if badge.count > 99 {
        "99+".to_string()
    } else {
        badge.count.to_string()
    };
    let f = face(Weight::Bold);
    let size = if text.len() > 2 { 7.0 } else { 9.0 };
    out.push(Shape::Text(Text {
        pos: Pos::new(
            center.x,
            center.y + (f.ascent(size) - f.descent(size)) / 2.0,
        ),
        text,
        size,
        weight: Weight::Bold,
        color: Color::WHITE,
        align: Align::Center,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{NODE_WIDTH, node_rect};
    use crate::model::ModelIndex;
    use crate::scene::text_bounds;

    #[test]
    fn long_names_wrap_shrink_or_fall_back_to_short() {
        let mut node = Node::new(
            "x",
            NodeKind::IntegratedCareBoard,
            "NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board",
        );
        node.short = "BSW ICB".into();
        let (lines, size) = fit_name(&node, NODE_WIDTH - 16.0, 40.0);
        let f = face(Weight::Bold);
        assert!(lines.iter().all(|l| f.width(l, size) <= NODE_WIDTH - 16.0));
        assert!(lines.len() as f32 * size * 1.22 <= 40.0 + 0.01);
        node.name = "word ".repeat(60);
        let (lines, size) = fit_name(&node, NODE_WIDTH - 16.0, 40.0);
        assert_eq!(lines, vec!["BSW ICB".to_string()]);
        assert_eq!(size, 11.0);
        node.short.clear();
        let (lines, size) = fit_name(&node, NODE_WIDTH - 16.0, 40.0);
        assert!(lines.last().unwrap().ends_with('…'));
        assert!(lines.iter().all(|l| f.width(l, size) <= NODE_WIDTH - 16.0));
    }

    #[test]
    fn every_text_of_every_example_body_is_inside_its_box() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/models");
        let style = Style::print();
        for entry in std::fs::read_dir(dir).unwrap() {
            let model = crate::open(&entry.unwrap().path()).unwrap();
            let index = ModelIndex::new(&model);
            for (i, node) in model.nodes.iter().enumerate() {
                let rect = node_rect(node);
                let mut shapes = Vec::new();
                node_shapes(&mut shapes, node, rect, index.is_statutory(i), &style);
                for shape in shapes {
                    if let Shape::Text(t) = shape {
                        let b = text_bounds(&t);
                        assert!(
                            rect.contains(b.min) && rect.contains(b.max),
                            "{:?} outside {}",
                            t.text,
                            node.id
                        );
                    }
                }
            }
        }
    }
}
