//! Building the scene: tier bands, links, bodies, link labels, badges, then the title block
//! and the legend around them.

use std::collections::HashMap;

use super::legend;
use super::style::{BoxShape, Color, Head, LinkLook, NodeLook, Stroke, Style};
use super::{Align, Scene, Shape, Text};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};
use crate::layout::{NODE_HEIGHT, NODE_WIDTH, node_rect};
use crate::model::{Model, ModelIndex, Node, NodeKind, Tier};
use crate::route::{self, Boxes, DrawnLine, Request};
use crate::rules::{Finding, Severity};

/// What to draw besides the bodies and links.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneOptions {
    pub tiers: bool,
    pub legend: bool,
    pub title: bool,
    /// Draw only these bodies (by position) and the links among them: export of a selection.
    pub only: Option<Vec<usize>>,
    /// Finding counts on bodies (the editor's canvas; exports leave them out).
    pub badges: Vec<Badge>,
}

/// A count of findings on a body, coloured by the most serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Badge {
    pub node: usize,
    pub severity: Severity,
    pub count: usize,
}

impl SceneOptions {
    /// Everything the model asks for: tier bands as its settings say, title and legend on.
    pub fn for_model(model: &Model) -> SceneOptions {
        SceneOptions {
            tiers: model.settings.show_tiers(),
            legend: true,
            title: true,
            only: None,
            badges: Vec::new(),
        }
    }
}

/// One badge per body that has findings.
pub fn badges_for(model: &Model, findings: &[Finding]) -> Vec<Badge> {
    let index = ModelIndex::new(model);
    let mut by_node: HashMap<usize, Badge> = HashMap::new();
    for f in findings {
        for id in &f.nodes {
            let Some(node) = index.position(id) else {
                continue;
            };
            let badge = by_node.entry(node).or_insert(Badge {
                node,
                severity: f.severity,
                count: 0,
            });
            badge.count += 1;
            badge.severity = badge.severity.min(f.severity);
        }
    }
    let mut badges: Vec<Badge> = by_node.into_values().collect();
    badges.sort_by_key(|b| b.node);
    badges
}

/// Text sizes, in points.
const CAPTION_SIZE: f32 = 8.0;
const NAME_SIZES: [f32; 3] = [11.0, 10.0, 9.0];
const LABEL_SIZE: f32 = 8.5;
/// Room at the left of the bands for their names.
const BAND_LABEL_ROOM: f32 = 110.0;

pub fn build(model: &Model, style: &Style, options: &SceneOptions) -> Scene {
    let index = ModelIndex::new(model);
    let mut visible = vec![options.only.is_none(); model.nodes.len()];
    if let Some(only) = &options.only {
        for &n in only {
            if let Some(v) = visible.get_mut(n) {
                *v = true;
            }
        }
    }
    let rects: Vec<Option<Rect>> = model
        .nodes
        .iter()
        .zip(&visible)
        .map(|(n, &v)| v.then(|| node_rect(n)))
        .collect();
    let content = Rect::around(rects.iter().flatten().flat_map(|r| [r.min, r.max]))
        .unwrap_or(Rect::from_center(Pos::default(), NODE_WIDTH, NODE_HEIGHT));

    let mut shapes = Vec::new();
    let mut bounds = content;
    if options.tiers {
        let bands = tier_bands(&index, &rects, content);
        for (i, (tier, band)) in bands.iter().enumerate() {
            shapes.push(Shape::Rect {
                rect: *band,
                radius: 0.0,
                fill: Some(style.band_fills[i % 2]),
                stroke: None,
            });
            shapes.push(Shape::Text(Text {
                pos: Pos::new(band.min.x + 10.0, band.min.y + 16.0),
                text: tier.display_name().to_uppercase(),
                size: 9.0,
                weight: Weight::Bold,
                color: style.band_text,
                align: Align::Left,
            }));
            bounds = bounds.union(band);
        }
    }

    let parents = vec![None; model.nodes.len()];
    let drawn = links(model, &index, style, &rects, &parents);
    shapes.extend(drawn.shapes);
    for (i, node) in model.nodes.iter().enumerate() {
        if let Some(rect) = rects[i] {
            node_shapes(&mut shapes, node, rect, index.is_statutory(i), style);
        }
    }
    for label in place_labels(drawn.labels, &rects, style) {
        bounds = bounds.union(&label.bounds());
        shapes.push(label);
    }
    for badge in &options.badges {
        if let Some(Some(rect)) = rects.get(badge.node) {
            badge_shapes(&mut shapes, *badge, *rect, style);
        }
    }
    if options.title {
        legend::title_block(&mut shapes, &mut bounds, model, style);
    }
    if options.legend {
        legend::legend(&mut shapes, &mut bounds, model, &index, &visible, style);
    }
    Scene {
        bounds,
        background: style.background,
        shapes,
        nodes: rects,
        links: drawn.paths,
        lines: drawn.lines,
        parents,
    }
}

/// One band per tier that has a drawn body, spanning the diagram's width; where two tiers'
/// bodies overlap in height, the bands meet halfway.
fn tier_bands(index: &ModelIndex<'_>, rects: &[Option<Rect>], content: Rect) -> Vec<(Tier, Rect)> {
    let pad = 14.0;
    let mut spans: Vec<Option<(f32, f32)>> = vec![None; Tier::ALL.len()];
    for (i, rect) in rects.iter().enumerate() {
        let Some(r) = rect else { continue };
        let span = &mut spans[index.tier(i).rank()];
        *span = Some(match *span {
            None => (r.min.y - pad, r.max.y + pad),
            Some((a, b)) => (a.min(r.min.y - pad), b.max(r.max.y + pad)),
        });
    }
    let mut bands: Vec<(Tier, f32, f32)> = Tier::ALL
        .into_iter()
        .zip(spans)
        .filter_map(|(t, s)| s.map(|(a, b)| (t, a, b)))
        .collect();
    for i in 1..bands.len() {
        let (above_bottom, below_top) = (bands[i - 1].2, bands[i].1);
        if above_bottom > below_top && bands[i - 1].1 < below_top {
            let middle = (above_bottom + below_top) / 2.0;
            bands[i - 1].2 = middle;
            bands[i].1 = middle;
        }
    }
    let left = content.min.x - BAND_LABEL_ROOM;
    let right = content.max.x + pad;
    bands
        .into_iter()
        .map(|(t, top, bottom)| {
            (
                t,
                Rect {
                    min: Pos::new(left, top),
                    max: Pos::new(right, bottom),
                },
            )
        })
        .collect()
}

/// Links drawn: their shapes, each link's line (by position), the drawn lines with their
/// ends (for the measures), and labels to place.
struct DrawnLinks {
    shapes: Vec<Shape>,
    paths: Vec<Option<Vec<Pos>>>,
    lines: Vec<DrawnLine>,
    labels: Vec<PendingLabel>,
}

/// A label waiting for a place along its line.
struct PendingLabel {
    text: String,
    path: Vec<Pos>,
}

/// Radius of a line's rounded corners.
const CORNER_RADIUS: f32 = 5.0;

/// The requests to route for the links between drawn bodies, and the link each is for.
pub fn route_requests(model: &Model, index: &ModelIndex<'_>, rects: &[Option<Rect>]) -> (Vec<Request>, Vec<usize>) {
    let mut requests = Vec::new();
    let mut for_link = Vec::new();
    for (l, link) in model.links.iter().enumerate() {
        let Some((from, to)) = index.ends(l) else {
            continue;
        };
        if rects[from].is_none() || rects[to].is_none() {
            continue;
        }
        requests.push(Request {
            from,
            to,
            kind: link.kind,
            via: Vec::new(),
        });
        for_link.push(l);
    }
    (requests, for_link)
}

fn links(
    model: &Model,
    index: &ModelIndex<'_>,
    style: &Style,
    rects: &[Option<Rect>],
    parents: &[Option<usize>],
) -> DrawnLinks {
    let (requests, for_link) = route_requests(model, index, rects);
    let routes = route::route(Boxes { rects, parents }, &requests);
    let mut shapes = Vec::new();
    let mut paths = vec![None; model.links.len()];
    let mut lines = Vec::new();
    let mut labels = Vec::new();
    for ((request, &l), path) in requests.iter().zip(&for_link).zip(routes.paths) {
        let Some(path) = path else { continue };
        let link = &model.links[l];
        let look = style.link(link.kind);
        let drawn = rounded(&path, CORNER_RADIUS);
        link_shapes(&mut shapes, &drawn, look, style);
        lines.push(DrawnLine {
            from: request.from,
            to: request.to,
            points: drawn.clone(),
        });
        paths[l] = Some(drawn);
        let text = link_label(link);
        if !text.is_empty() {
            labels.push(PendingLabel { text, path });
        }
    }
    DrawnLinks {
        shapes,
        paths,
        lines,
        labels,
    }
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
        let r = radius.min(p.distance(before) / 2.0).min(p.distance(after) / 2.0);
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

/// The text a link carries on its line: its label and, for funding, the amount.
fn link_label(link: &crate::model::Link) -> String {
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

const HEAD_LENGTH: f32 = 11.0;
const HEAD_HALF_WIDTH: f32 = 5.5;

fn link_shapes(out: &mut Vec<Shape>, points: &[Pos], look: LinkLook, style: &Style) {
    let (Some(&start), Some(&end)) = (points.first(), points.last()) else {
        return;
    };
    let before_end = points[..points.len() - 1]
        .iter()
        .rev()
        .find(|p| p.distance(end) > 0.01)
        .copied()
        .unwrap_or(start);
    let dir = (end - before_end).normalized();
    // Hollow and solid heads cover the line's end; the line stops where the head begins so
    // that a hollow head stays hollow.
    let head_len = match look.head {
        Head::None | Head::Dot => 0.0,
        Head::OpenArrow => 0.0,
        Head::FilledDiamond => HEAD_LENGTH * 1.5,
        Head::FilledTriangle | Head::HollowTriangle => HEAD_LENGTH,
    };
    let mut line: Vec<Pos> = points.to_vec();
    let last = line.len() - 1;
    if end.distance(before_end) > head_len {
        line[last] = end - dir * head_len;
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
pub(super) fn head_shapes(
    out: &mut Vec<Shape>,
    head: Head,
    tip: Pos,
    dir: Pos,
    line: Stroke,
    style: &Style,
) {
    let side = dir.perpendicular();
    let solid = Stroke {
        dash: super::Dash::Solid,
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

/// Labels sit on a straight run of their line: the longest run first, at its middle, or
/// slid along it, then the other runs, to the first spot that covers no body and no other
/// label.
fn place_labels(pending: Vec<PendingLabel>, rects: &[Option<Rect>], style: &Style) -> Vec<Shape> {
    let mut taken: Vec<Rect> = Vec::new();
    let mut shapes = Vec::new();
    let text_face = face(Weight::Regular);
    for label in pending {
        let width = text_face.width(&label.text, LABEL_SIZE) + 8.0;
        let height = LABEL_SIZE + 6.0;
        let mut runs: Vec<(Pos, Pos)> = label.path.windows(2).map(|w| (w[0], w[1])).collect();
        runs.sort_by(|a, b| b.0.distance(b.1).total_cmp(&a.0.distance(a.1)));
        let clear = |r: &Rect| {
            !taken.iter().any(|t| t.intersects(r))
                && !rects.iter().flatten().any(|n| n.intersects(r))
        };
        let candidates = runs.iter().flat_map(|&(a, b)| {
            [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8]
                .into_iter()
                .map(move |t| Rect::from_center(a + (b - a) * t, width, height))
        });
        let fallback = runs
            .first()
            .map(|&(a, b)| Rect::from_center(a + (b - a) * 0.5, width, height))
            .unwrap_or(Rect::from_center(Pos::default(), width, height));
        let chosen = candidates.clone().find(|r| clear(r)).unwrap_or(fallback);
        taken.push(chosen);
        shapes.push(Shape::Rect {
            rect: chosen,
            radius: 3.0,
            fill: Some(style.label_background),
            stroke: None,
        });
        let baseline = chosen.center().y
            + (text_face.ascent(LABEL_SIZE) - text_face.descent(LABEL_SIZE)) / 2.0;
        shapes.push(Shape::Text(Text {
            pos: Pos::new(chosen.center().x, baseline),
            text: label.text,
            size: LABEL_SIZE,
            weight: Weight::Regular,
            color: style.text,
            align: Align::Center,
        }));
    }
    shapes
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
fn caption(node: &Node) -> String {
    if node.kind == NodeKind::Other && !node.label.trim().is_empty() {
        node.label.trim().to_string()
    } else {
        node.kind.display_name().to_string()
    }
}

fn node_shapes(out: &mut Vec<Shape>, node: &Node, rect: Rect, statutory: bool, style: &Style) {
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
fn fit_name(node: &Node, width: f32, height: f32) -> (Vec<String>, f32) {
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

fn badge_shapes(out: &mut Vec<Shape>, badge: Badge, rect: Rect, style: &Style) {
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
    use crate::model::{Link, LinkKind};
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
        assert!((p0[0].x - p1[p1.len() - 1].x).abs() >= 6.0, "two kinds apart: {p0:?} {p1:?}");
        let m = crate::route::measure_scene(&scene);
        assert_eq!((m.crossings, m.through_box, m.overlaps), (0, 0, 0));
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
