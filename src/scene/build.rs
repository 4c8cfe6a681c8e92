//! Building the scene: tier bands, links, bodies, link labels, badges, then the title block
//! and the legend around them.

use std::collections::HashMap;
use std::sync::Arc;

use super::legend;
use super::style::{BoxShape, Color, Head, LinkLook, NodeLook, Stroke, Style};
use super::{Align, Scene, Shape, Text};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};
use crate::layout::{NODE_HEIGHT, NODE_WIDTH, node_rect};
use crate::logo::Logo;
use crate::model::{Model, ModelIndex, Node, NodeKind, Tier};
use crate::rules::{Finding, Severity};

/// What to draw besides the bodies and links.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneOptions {
    /// Draw the tier bands behind the bodies.
    pub tiers: bool,
    /// Draw the key.
    pub legend: bool,
    /// Draw the title block.
    pub title: bool,
    /// Draw only these bodies (by position) and the links among them: export of a selection.
    pub only: Option<Vec<usize>>,
    /// Finding counts on bodies (the editor's canvas; exports leave them out).
    pub badges: Vec<Badge>,
    /// Draw the decision map: each body's decisions, and their numbered list beside.
    pub decision_map: bool,
    /// The organisation's logo, drawn at the right of the title block.
    pub logo: Option<Arc<Logo>>,
}

/// A count of findings on a body, coloured by the most serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Badge {
    /// The body's position in the model.
    pub node: usize,
    /// The most serious of its findings.
    pub severity: Severity,
    /// How many findings it has.
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
            decision_map: false,
            logo: None,
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
/// Space between parallel links between the same two bodies.
const PARALLEL_GAP: f32 = 12.0;

/// Builds the scene of `model` drawn in `style`, with what `options` ask for.
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

    let drawn = links(model, &index, style, &rects);
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
    if options.decision_map {
        super::decision_map::decision_map(&mut shapes, &mut bounds, model, &rects, style);
    }
    let logo = if options.title {
        legend::title_block(
            &mut shapes,
            &mut bounds,
            model,
            style,
            options.logo.as_ref(),
        )
    } else {
        None
    };
    if options.legend {
        legend::legend(&mut shapes, &mut bounds, model, &index, &visible, style);
    }
    Scene {
        bounds,
        background: style.background,
        shapes,
        nodes: rects,
        links: drawn.segments,
        logo,
    }
}

/// The tier bands the scene of `model` draws behind `rects` (each body's box, `None` when it
/// is not drawn), top to bottom: the editor reads them to tell which band a body is let go in.
pub fn tier_bands_of(model: &Model, rects: &[Option<Rect>]) -> Vec<(Tier, Rect)> {
    let index = ModelIndex::new(model);
    let content = Rect::around(rects.iter().flatten().flat_map(|r| [r.min, r.max]))
        .unwrap_or(Rect::from_center(Pos::default(), NODE_WIDTH, NODE_HEIGHT));
    tier_bands(&index, rects, content)
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

/// Links drawn: their shapes, each link's segment (by position), and labels to place.
struct DrawnLinks {
    shapes: Vec<Shape>,
    segments: Vec<Option<(Pos, Pos)>>,
    labels: Vec<PendingLabel>,
}

/// A label waiting for a place along its link.
struct PendingLabel {
    text: String,
    from: Pos,
    to: Pos,
}

fn links(
    model: &Model,
    index: &ModelIndex<'_>,
    style: &Style,
    rects: &[Option<Rect>],
) -> DrawnLinks {
    // Links between the same two bodies (either way) are spread apart so each shows.
    let mut siblings: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for l in 0..model.links.len() {
        if let Some((a, b)) = index.ends(l) {
            siblings.entry((a.min(b), a.max(b))).or_default().push(l);
        }
    }
    let mut shapes = Vec::new();
    let mut segments = vec![None; model.links.len()];
    let mut labels = Vec::new();
    for (l, link) in model.links.iter().enumerate() {
        let Some((from, to)) = index.ends(l) else {
            continue;
        };
        let (Some(from_rect), Some(to_rect)) = (rects[from], rects[to]) else {
            continue;
        };
        let pair = (from.min(to), from.max(to));
        let group = &siblings[&pair];
        let rank = group.iter().position(|&x| x == l).unwrap_or(0) as f32;
        let spread = (rank - (group.len() as f32 - 1.0) / 2.0) * PARALLEL_GAP;
        // The offset is taken across the pair's own direction, so links both ways share it.
        let (a, b) = (from_rect.center(), to_rect.center());
        let (low, high) = if from <= to { (a, b) } else { (b, a) };
        let offset = (high - low).normalized().perpendicular() * spread;
        let dir = (b - a).normalized();
        if dir == Pos::default() {
            continue;
        }
        let start = from_rect.exit_from(a + offset, dir);
        let end = to_rect.exit_from(b + offset, dir * -1.0);
        let look = style.link(link.kind);
        link_shapes(&mut shapes, start, end, look, style);
        segments[l] = Some((start, end));
        let text = link_label(link);
        if !text.is_empty() {
            labels.push(PendingLabel {
                text,
                from: start,
                to: end,
            });
        }
    }
    DrawnLinks {
        shapes,
        segments,
        labels,
    }
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

fn link_shapes(out: &mut Vec<Shape>, start: Pos, end: Pos, look: LinkLook, style: &Style) {
    let dir = (end - start).normalized();
    // Hollow and solid heads cover the line's end; the line stops where the head begins so
    // that a hollow head stays hollow.
    let head_len = match look.head {
        Head::None | Head::Dot => 0.0,
        Head::OpenArrow => 0.0,
        Head::FilledDiamond => HEAD_LENGTH * 1.5,
        Head::FilledTriangle | Head::HollowTriangle => HEAD_LENGTH,
    };
    let line_end = end - dir * head_len;
    out.push(Shape::Line {
        points: vec![start, line_end],
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

/// Labels go at the middle of their line, or slide along it to the first spot that covers
/// no body and no other label.
fn place_labels(pending: Vec<PendingLabel>, rects: &[Option<Rect>], style: &Style) -> Vec<Shape> {
    let mut taken: Vec<Rect> = Vec::new();
    let mut shapes = Vec::new();
    let text_face = face(Weight::Regular);
    for label in pending {
        let width = text_face.width(&label.text, LABEL_SIZE) + 8.0;
        let height = LABEL_SIZE + 6.0;
        let box_at = |t: f32| {
            let p = label.from + (label.to - label.from) * t;
            Rect::from_center(p, width, height)
        };
        let clear = |r: &Rect| {
            !taken.iter().any(|t| t.intersects(r))
                && !rects.iter().flatten().any(|n| n.intersects(r))
        };
        let chosen = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8]
            .into_iter()
            .map(box_at)
            .find(|r| clear(r))
            .unwrap_or_else(|| box_at(0.5));
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

/// The radius of a finding badge, in points.
pub const BADGE_RADIUS: f32 = 9.0;

/// Where the finding badge of a body with box `rect` is centred: on its top-right corner.
pub fn badge_centre(rect: Rect) -> Pos {
    Pos::new(rect.max.x - 4.0, rect.min.y + 4.0)
}

fn badge_shapes(out: &mut Vec<Shape>, badge: Badge, rect: Rect, style: &Style) {
    let color = match badge.severity {
        Severity::Error => style.error,
        Severity::Warning => style.warning,
        Severity::Info => style.info,
    };
    let center = badge_centre(rect);
    out.push(Shape::Circle {
        center,
        radius: BADGE_RADIUS,
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
