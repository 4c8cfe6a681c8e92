//! Lines between the boxes the view shows: one per shown line (a merged line to a folded
//! group draws once, with its count "×N"), each followed by its arrowheads and its label,
//! so that an SVG reader finds a link whole in one place.

use std::collections::HashMap;

use super::marks::line_with_heads;
use super::style::Style;
use super::{Align, Part, Shape, Text, What};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};
use crate::model::{Link, Model};
use crate::view::{GROUP_HEADER, ShownLink, View};

const LABEL_SIZE: f32 = 8.5;
/// Space between parallel lines between the same two boxes.
pub(super) const PARALLEL_GAP: f32 = 12.0;

/// Draws every line of `view`, appending shapes and one part per line; returns each model
/// link's drawn segment, by position.
pub(super) fn draw(
    out: &mut Vec<Shape>,
    parts: &mut Vec<Part>,
    model: &Model,
    view: &View,
    style: &Style,
) -> Vec<Option<(Pos, Pos)>> {
    let boxes = view.boxes();
    let lines = view.links();
    // Lines between the same two boxes (either way) are spread apart so each shows.
    let mut siblings: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (k, line) in lines.iter().enumerate() {
        let (a, b) = (line.from, line.to);
        siblings.entry((a.min(b), a.max(b))).or_default().push(k);
    }
    let mut segments = vec![None; model.links.len()];
    let mut taken: Vec<Rect> = Vec::new();
    let obstacles: Vec<Rect> = view
        .drawing_order()
        .iter()
        .filter(|&&n| view.role(n) != crate::view::Role::Group)
        .filter_map(|&n| boxes[n])
        .collect();
    for (k, line) in lines.iter().enumerate() {
        let (Some(from_rect), Some(to_rect)) = (boxes[line.from], boxes[line.to]) else {
            continue;
        };
        let pair = (line.from.min(line.to), line.from.max(line.to));
        let group = &siblings[&pair];
        let rank = group.iter().position(|&x| x == k).unwrap_or(0) as f32;
        let spread = (rank - (group.len() as f32 - 1.0) / 2.0) * PARALLEL_GAP;
        let Some((start, end)) = segment(view, line, from_rect, to_rect, spread) else {
            continue;
        };
        let first = out.len();
        line_with_heads(out, &[start, end], style.link(line.kind), style);
        let text = line_text(model, line);
        if !text.is_empty() {
            label(out, &text, start, end, &obstacles, &mut taken, style);
        }
        parts.push(Part {
            shapes: first..out.len(),
            what: What::Link {
                kind: line.kind,
                from: model.nodes[line.from].id.clone(),
                to: model.nodes[line.to].id.clone(),
                count: line.merged.then(|| line.count()),
                title: sentence(model, line),
            },
        });
        for &l in &line.links {
            segments[l] = Some((start, end));
        }
    }
    segments
}

/// Where a straight line between two boxes starts and ends, `spread` across its direction.
/// A line between a group and a body inside it runs up from the body to the header.
fn segment(
    view: &View,
    line: &ShownLink,
    from_rect: Rect,
    to_rect: Rect,
    spread: f32,
) -> Option<(Pos, Pos)> {
    if view.contains(line.to, line.from) {
        let x = from_rect.center().x + spread;
        return Some((
            Pos::new(x, from_rect.min.y),
            Pos::new(x, to_rect.min.y + GROUP_HEADER),
        ));
    }
    if view.contains(line.from, line.to) {
        let x = to_rect.center().x + spread;
        return Some((
            Pos::new(x, from_rect.min.y + GROUP_HEADER),
            Pos::new(x, to_rect.min.y),
        ));
    }
    let (a, b) = (from_rect.center(), to_rect.center());
    // The offset is taken across the pair's own direction, so lines both ways share it.
    let (low, high) = if line.from <= line.to { (a, b) } else { (b, a) };
    let offset = (high - low).normalized().perpendicular() * spread;
    let dir = (b - a).normalized();
    if dir == Pos::default() {
        return None;
    }
    Some((
        from_rect.exit_from(a + offset, dir),
        to_rect.exit_from(b + offset, dir * -1.0),
    ))
}

/// What a line says on it: "×N" for a merged line of several links, else its link's label.
fn line_text(model: &Model, line: &ShownLink) -> String {
    if line.count() > 1 {
        return format!("×{}", line.count());
    }
    line.links
        .first()
        .and_then(|&l| model.links.get(l))
        .map(link_label)
        .unwrap_or_default()
}

/// The line in words, for its `<title>`: the link's sentence, or for a merged line the
/// sentence between the two boxes and how many links it draws.
fn sentence(model: &Model, line: &ShownLink) -> String {
    let name = |id: &str| {
        model
            .node(id)
            .map_or_else(|| id.to_string(), |n| n.display_name().to_string())
    };
    if let [l] = line.links.as_slice()
        && let Some(link) = model.links.get(*l)
    {
        return line.kind.sentence(&name(&link.from), &name(&link.to));
    }
    let words = line.kind.sentence(
        model.nodes[line.from].display_name(),
        model.nodes[line.to].display_name(),
    );
    format!("{words} ({} links)", line.count())
}

/// The text a link carries on its line: its label and, for funding, the amount.
pub(super) fn link_label(link: &Link) -> String {
    let amount = link.amount.map(|a| {
        let text = format!("{a:.1}");
        format!("£{}m", text.strip_suffix(".0").unwrap_or(&text))
    });
    match (link.label.trim(), amount) {
        ("", None) => String::new(),
        ("", Some(a)) => a,
        (label, None) => label.to_string(),
        (label, Some(a)) => format!("{label} · {a}"),
    }
}

/// A label at the middle of its line, or slid along it to the first spot that covers no
/// box and no other label.
fn label(
    out: &mut Vec<Shape>,
    text: &str,
    from: Pos,
    to: Pos,
    obstacles: &[Rect],
    taken: &mut Vec<Rect>,
    style: &Style,
) {
    let text_face = face(Weight::Regular);
    let width = text_face.width(text, LABEL_SIZE) + 8.0;
    let height = LABEL_SIZE + 6.0;
    let box_at = |t: f32| Rect::from_center(from + (to - from) * t, width, height);
    let clear = |r: &Rect| {
        !taken.iter().any(|t| t.intersects(r)) && !obstacles.iter().any(|n| n.intersects(r))
    };
    let chosen = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8]
        .into_iter()
        .map(box_at)
        .find(|r| clear(r))
        .unwrap_or_else(|| box_at(0.5));
    taken.push(chosen);
    out.push(Shape::Rect {
        rect: chosen,
        radius: 3.0,
        fill: Some(style.label_background),
        stroke: None,
    });
    let baseline =
        chosen.center().y + (text_face.ascent(LABEL_SIZE) - text_face.descent(LABEL_SIZE)) / 2.0;
    out.push(Shape::Text(Text {
        pos: Pos::new(chosen.center().x, baseline),
        text: text.to_string(),
        size: LABEL_SIZE,
        weight: Weight::Regular,
        color: style.text,
        align: Align::Center,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::NODE_HEIGHT;
    use crate::model::{LinkKind, Node, NodeKind};
    use crate::scene::{SceneOptions, build};

    #[test]
    fn links_end_at_box_borders_and_parallels_spread() {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("a", NodeKind::NhsTrust, "A").at(0.0, 0.0));
        m.nodes
            .push(Node::new("b", NodeKind::IntegratedCareBoard, "B").at(0.0, 300.0));
        m.links.push(Link::new(LinkKind::Accountability, "a", "b"));
        m.links.push(Link::new(LinkKind::Commissioning, "b", "a"));
        let scene = build(&m, &Style::print(), &SceneOptions::for_model(&m));
        let (s0, e0) = scene.links[0].unwrap();
        let (s1, _) = scene.links[1].unwrap();
        assert!((s0.y - NODE_HEIGHT / 2.0).abs() < 0.01, "{s0:?}");
        assert!((e0.y - (300.0 - NODE_HEIGHT / 2.0)).abs() < 0.01, "{e0:?}");
        assert!(
            (s0.x - s1.x).abs() >= PARALLEL_GAP - 0.01,
            "parallel links apart"
        );
    }

    #[test]
    fn labels_show_amounts() {
        let mut link = Link::new(LinkKind::Funding, "a", "b");
        link.amount = Some(100.0);
        assert_eq!(link_label(&link), "£100m");
        link.amount = Some(42.5);
        link.label = "BCF".into();
        assert_eq!(link_label(&link), "BCF · £42.5m");
    }
}
