//! Lines between the boxes the view shows: one per shown line (a merged line to a folded
//! group draws once, with its count "×N"), each followed by its arrowheads and its label,
//! so that an SVG reader finds a link whole in one place.

use super::marks::line_with_heads;
use super::style::Style;
use super::{Align, Part, Shape, Text, What};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};
use crate::model::{Link, Model};
use crate::route::{DrawnLine, Request, Routes};
use crate::view::{GROUP_HEADER, ShownLink, View};

const LABEL_SIZE: f32 = 8.5;

/// Radius of a routed line's rounded corners.
const CORNER_RADIUS: f32 = 5.0;

/// Lines drawn: each model link's polyline (by position), and every line once with the
/// boxes it joins (what the readability measures read).
pub(super) struct Drawn {
    pub paths: Vec<Option<Vec<Pos>>>,
    pub lines: Vec<DrawnLine>,
}

/// What to route for the view's lines: one request per shown line, in order, with the bends
/// the user placed (a line drawing one model link keeps that link's `via`).
pub fn route_requests(model: &Model, view: &View) -> Vec<Request> {
    view.links()
        .iter()
        .map(|line| Request {
            from: line.from,
            to: line.to,
            kind: line.kind,
            via: match line.links.as_slice() {
                [l] => model.links[*l]
                    .via
                    .iter()
                    .map(|p| Pos::new(p.x as f32, p.y as f32))
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect()
}

/// The boxes lines are routed around: what the view shows, each inside its group.
pub fn route_boxes(view: &View, rects: &[Option<Rect>]) -> Vec<Option<usize>> {
    (0..rects.len())
        .map(|n| view.parent(n).filter(|&p| rects[p].is_some()))
        .collect()
}

/// Draws every line of `view`, routed (`routes`, one per shown line, from [`route_requests`]),
/// appending shapes and one part per line.
pub(super) fn draw(
    out: &mut Vec<Shape>,
    parts: &mut Vec<Part>,
    model: &Model,
    view: &View,
    routes: &Routes,
    style: &Style,
) -> Drawn {
    let boxes = view.boxes();
    let lines = view.links();
    let mut paths = vec![None; model.links.len()];
    let mut drawn_lines = Vec::new();
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
        let path = match routes.paths.get(k).cloned().flatten() {
            Some(path) => path,
            None => match inside_segment(view, line, from_rect, to_rect) {
                Some((a, b)) => vec![a, b],
                None => continue,
            },
        };
        let points = rounded(&path, CORNER_RADIUS);
        let first = out.len();
        line_with_heads(out, &points, style.link(line.kind), style);
        let text = line_text(model, line);
        if !text.is_empty() {
            label(out, &text, &path, &obstacles, &mut taken, style);
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
        drawn_lines.push(DrawnLine {
            from: line.from,
            to: line.to,
            points: points.clone(),
        });
        for &l in &line.links {
            paths[l] = Some(points.clone());
        }
    }
    Drawn {
        paths,
        lines: drawn_lines,
    }
}

/// A line between a group and a body inside it runs straight up from the body to the
/// header (the router leaves such lines to the box that holds them).
fn inside_segment(
    view: &View,
    line: &ShownLink,
    from_rect: Rect,
    to_rect: Rect,
) -> Option<(Pos, Pos)> {
    if view.contains(line.to, line.from) {
        let x = from_rect.center().x;
        return Some((
            Pos::new(x, from_rect.min.y),
            Pos::new(x, to_rect.min.y + GROUP_HEADER),
        ));
    }
    if view.contains(line.from, line.to) {
        let x = to_rect.center().x;
        return Some((
            Pos::new(x, from_rect.min.y + GROUP_HEADER),
            Pos::new(x, to_rect.min.y),
        ));
    }
    None
}

/// The polyline with its corners rounded off (smaller where a run is too short).
fn rounded(points: &[Pos], radius: f32) -> Vec<Pos> {
    let mut out = Vec::with_capacity(points.len() * 4);
    for (i, &p) in points.iter().enumerate() {
        if i == 0 || i + 1 == points.len() {
            out.push(p);
            continue;
        }
        let (before, after) = (points[i - 1], points[i + 1]);
        let r = radius
            .min(p.distance(before) / 2.0)
            .min(p.distance(after) / 2.0);
        let (d_in, d_out) = ((p - before).normalized(), (after - p).normalized());
        if r < 0.5 || (d_in.x * d_out.y - d_in.y * d_out.x).abs() < 1e-3 {
            out.push(p);
            continue;
        }
        let (a, b) = (p - d_in * r, p + d_out * r);
        // A quadratic curve from a to b about the corner, as a few chords.
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let u = 1.0 - t;
            out.push(a * (u * u) + p * (2.0 * u * t) + b * (t * t));
        }
    }
    out
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

/// A label on a straight run of its line: the longest run first, at its middle or slid
/// along it, then the other runs, to the first spot that covers no box and no other label.
fn label(
    out: &mut Vec<Shape>,
    text: &str,
    path: &[Pos],
    obstacles: &[Rect],
    taken: &mut Vec<Rect>,
    style: &Style,
) {
    let text_face = face(Weight::Regular);
    let width = text_face.width(text, LABEL_SIZE) + 8.0;
    let height = LABEL_SIZE + 6.0;
    let mut runs: Vec<(Pos, Pos)> = path.windows(2).map(|w| (w[0], w[1])).collect();
    runs.sort_by(|a, b| b.0.distance(b.1).total_cmp(&a.0.distance(a.1)));
    let Some(&(a0, b0)) = runs.first() else {
        return;
    };
    let clear = |r: &Rect| {
        !taken.iter().any(|t| t.intersects(r)) && !obstacles.iter().any(|n| n.intersects(r))
    };
    let chosen = runs
        .iter()
        .flat_map(|&(a, b)| {
            [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8]
                .into_iter()
                .map(move |t| Rect::from_center(a + (b - a) * t, width, height))
        })
        .find(|r| clear(r))
        .unwrap_or_else(|| Rect::from_center(a0 + (b0 - a0) * 0.5, width, height));
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
    fn lines_end_at_box_borders_and_lines_of_two_kinds_keep_apart() {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("a", NodeKind::NhsTrust, "A").at(0.0, 0.0));
        m.nodes
            .push(Node::new("b", NodeKind::IntegratedCareBoard, "B").at(0.0, 300.0));
        m.links.push(Link::new(LinkKind::Accountability, "a", "b"));
        m.links.push(Link::new(LinkKind::Commissioning, "b", "a"));
        let scene = build(&m, &Style::print(), &SceneOptions::for_model(&m));
        let p0 = scene.links[0].as_ref().unwrap();
        let p1 = scene.links[1].as_ref().unwrap();
        assert!((p0[0].y - NODE_HEIGHT / 2.0).abs() < 0.01, "{p0:?}");
        let e0 = p0[p0.len() - 1];
        assert!((e0.y - (300.0 - NODE_HEIGHT / 2.0)).abs() < 0.01, "{e0:?}");
        assert!(
            (p0[0].x - p1[p1.len() - 1].x).abs() >= 6.0,
            "two kinds apart: {p0:?} {p1:?}"
        );
        let m = crate::route::measure_scene(&scene);
        assert_eq!((m.crossings, m.through_box, m.overlaps), (0, 0, 0));
    }

    #[test]
    fn the_users_bends_are_kept() {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("a", NodeKind::NhsTrust, "A").at(0.0, 0.0));
        m.nodes
            .push(Node::new("b", NodeKind::IntegratedCareBoard, "B").at(400.0, 300.0));
        let mut link = Link::new(LinkKind::Funding, "a", "b");
        link.via = vec![crate::model::Point::new(-250.0, 150.0)];
        m.links.push(link);
        let scene = build(&m, &Style::print(), &SceneOptions::for_model(&m));
        let path = scene.links[0].as_ref().unwrap();
        assert!(path.iter().any(|p| p.x == -250.0), "{path:?}");
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
