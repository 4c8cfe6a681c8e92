//! Lines between the boxes the view shows, routed around the boxes (`route`): one per
//! shown line (a merged line to a folded group draws once, with its count "×N"), each
//! followed by its arrowheads and its label, so that an SVG reader finds a link whole in
//! one place.

use super::marks::line_with_heads;
use super::style::Style;
use super::{Align, Part, Shape, Text, What};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};
use crate::layout::to_pos;
use crate::model::{Link, Model};
use crate::route::{self, Boxes, DrawnLine, Request};
use crate::view::{Role, ShownLink, View};

const LABEL_SIZE: f32 = 8.5;

/// Radius of a line's rounded corners.
const CORNER_RADIUS: f32 = 5.0;

/// The lines drawn: each model link's drawn polyline (by position; merged links share
/// their line's), and every line once with the boxes it joins (what the measures read).
pub(super) struct Drawn {
    pub paths: Vec<Option<Vec<Pos>>>,
    pub lines: Vec<DrawnLine>,
}

/// What to ask the router for: one request per line the view shows (by position in
/// [`View::links`]), with the bends the user placed on its link.
pub fn route_requests(model: &Model, view: &View) -> Vec<Request> {
    view.links()
        .iter()
        .map(|line| Request {
            from: line.from,
            to: line.to,
            kind: line.kind,
            // A merged line is the program's own; only a line of one link keeps its bends.
            via: match line.links.as_slice() {
                [l] if !line.merged => model.links[*l].via.iter().map(|p| to_pos(*p)).collect(),
                _ => Vec::new(),
            },
        })
        .collect()
}

/// Each body's group by position, as the router and the measures take them.
pub fn parents(model: &Model, view: &View) -> Vec<Option<usize>> {
    (0..model.nodes.len()).map(|n| view.parent(n)).collect()
}

/// Draws every line of `view`, routed around the boxes, appending shapes and one part per
/// line (the line, its arrowheads and its label).
pub(super) fn draw(
    out: &mut Vec<Shape>,
    parts: &mut Vec<Part>,
    model: &Model,
    view: &View,
    style: &Style,
) -> Drawn {
    let boxes = view.boxes();
    let parents = parents(model, view);
    let requests = route_requests(model, view);
    let routes = route::route(
        Boxes {
            rects: &boxes,
            parents: &parents,
        },
        &requests,
    );
    let mut paths = vec![None; model.links.len()];
    let mut lines = Vec::new();
    let mut taken: Vec<Rect> = Vec::new();
    let obstacles: Vec<Rect> = view
        .drawing_order()
        .iter()
        .filter(|&&n| view.role(n) != Role::Group)
        .filter_map(|&n| boxes[n])
        .collect();
    for (line, path) in view.links().iter().zip(routes.paths) {
        let Some(path) = path else { continue };
        let drawn = rounded(&path, CORNER_RADIUS);
        let first = out.len();
        line_with_heads(out, &drawn, style.link(line.kind), style);
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
        lines.push(DrawnLine {
            from: line.from,
            to: line.to,
            points: drawn.clone(),
        });
        for &l in &line.links {
            paths[l] = Some(drawn.clone());
        }
    }
    Drawn { paths, lines }
}

/// The polyline with its corners rounded off by arcs of `radius` (smaller where a run is
/// too short for it).
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
        // A quarter circle through a, the corner's inner point and b, as a few chords.
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
/// along it, then the other runs, at the first spot that covers no box and no other label.
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
    let clear = |r: &Rect| {
        !taken.iter().any(|t| t.intersects(r)) && !obstacles.iter().any(|n| n.intersects(r))
    };
    let fallback = runs
        .first()
        .map(|&(a, b)| Rect::from_center(a + (b - a) * 0.5, width, height))
        .unwrap_or(Rect::from_center(Pos::default(), width, height));
    let chosen = runs
        .iter()
        .flat_map(|&(a, b)| {
            [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8]
                .into_iter()
                .map(move |t| Rect::from_center(a + (b - a) * t, width, height))
        })
        .find(|r| clear(r))
        .unwrap_or(fallback);
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
    fn links_end_at_box_borders_and_links_of_two_kinds_keep_apart() {
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
    fn labels_show_amounts() {
        let mut link = Link::new(LinkKind::Funding, "a", "b");
        link.amount = Some(100.0);
        assert_eq!(link_label(&link), "£100m");
        link.amount = Some(42.5);
        link.label = "BCF".into();
        assert_eq!(link_label(&link), "BCF · £42.5m");
    }
}
