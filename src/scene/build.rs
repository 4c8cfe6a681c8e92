//! Building the scene from what the view shows: tier bands, unfolded groups' boxes, lines,
//! bodies and folded groups, badges, then the title block and the legend around them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::style::Style;
use super::{Align, Part, Scene, Shape, Text, What, bodies, legend, links};
use crate::font::Weight;
use crate::geom::{Pos, Rect};
use crate::layout::{NODE_HEIGHT, NODE_WIDTH};
use crate::logo::Logo;
use crate::model::{Model, ModelIndex, Tier};
use crate::route::Care;
use crate::rules::{Finding, Severity};
use crate::view::{Role, View};

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
    /// How carefully the lines are routed ([`build`]) or those an edit touches
    /// ([`build_after`]): the editor asks for a draft during a drag and while a worker
    /// routes them with care; exports take full care.
    pub lines: Care,
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
            lines: Care::Full,
        }
    }
}

/// One badge per box that shows bodies with findings: a finding on a body hidden in a
/// folded group counts on the group (once per finding, however many of its bodies the
/// group hides).
pub fn badges_for(model: &Model, findings: &[Finding]) -> Vec<Badge> {
    let index = ModelIndex::new(model);
    let view = View::new(model);
    let mut by_node: HashMap<usize, Badge> = HashMap::new();
    for f in findings {
        let boxes: HashSet<usize> = f
            .nodes
            .iter()
            .filter_map(|id| index.position(id))
            .filter_map(|n| view.stand_in(n))
            .collect();
        for node in boxes {
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

/// Room at the left of the bands for their names.
const BAND_LABEL_ROOM: f32 = 110.0;

/// Builds the scene of `model` drawn in `style`, with what `options` ask for.
pub fn build(model: &Model, style: &Style, options: &SceneOptions) -> Scene {
    let view = View::of_some(model, options.only.as_deref());
    build_with_view(model, &view, style, options)
}

/// Like [`build`], for `model` as edited since `previous` was built from it: lines are
/// routed again only where the edit touched them (a drag re-routes the lines of the bodies
/// it moves and those that ran where they now are). What the editor builds on every edit.
pub fn build_after(
    model: &Model,
    style: &Style,
    options: &SceneOptions,
    previous: &Scene,
) -> Scene {
    let view = View::of_some(model, options.only.as_deref());
    build_routed(model, &view, style, options, Some(&previous.routes))
}

/// Like [`build`], for a view already made of the model (the editor keeps one).
pub fn build_with_view(model: &Model, view: &View, style: &Style, options: &SceneOptions) -> Scene {
    build_routed(model, view, style, options, None)
}

fn build_routed(
    model: &Model,
    view: &View,
    style: &Style,
    options: &SceneOptions,
    previous: Option<&crate::route::Routes>,
) -> Scene {
    let index = ModelIndex::new(model);
    let rects = view.boxes();
    let content = Rect::around(rects.iter().flatten().flat_map(|r| [r.min, r.max]))
        .unwrap_or(Rect::from_center(Pos::default(), NODE_WIDTH, NODE_HEIGHT));

    let mut shapes = Vec::new();
    let mut parts = Vec::new();
    let mut bounds = content;
    if options.tiers {
        let first = shapes.len();
        // An unfolded group's band is where its header is: its members have bands of their own.
        let tier_rects: Vec<Option<Rect>> = (0..rects.len())
            .map(|n| view.header_rect(n).or(rects[n]))
            .collect();
        for (i, (tier, band)) in tier_bands(&index, &tier_rects, content).iter().enumerate() {
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
        if shapes.len() > first {
            parts.push(Part {
                shapes: first..shapes.len(),
                what: What::Tiers,
            });
        }
    }

    // Group boxes first (each before the groups inside it), then the lines over them, then
    // the bodies over the lines.
    let body = |shapes: &mut Vec<Shape>, parts: &mut Vec<Part>, n: usize| {
        let Some(rect) = rects[n] else { return };
        let node = &model.nodes[n];
        let statutory = index.is_statutory(n);
        let first = shapes.len();
        let role = view.role(n);
        match role {
            Role::Body => bodies::node_shapes(shapes, node, rect, statutory, style),
            Role::Group => bodies::group_shapes(shapes, node, rect, statutory, style),
            Role::Folded => {
                let marker = view
                    .marker_rect(n)
                    .unwrap_or(Rect::from_center(rect.max, 1.0, 1.0));
                bodies::folded_shapes(
                    shapes,
                    node,
                    rect,
                    statutory,
                    (marker, view.hidden_count(n)),
                    style,
                );
            }
        }
        parts.push(Part {
            shapes: first..shapes.len(),
            what: What::Body {
                id: node.id.clone(),
                kind: node.kind,
                role,
                title: format!("{} ({})", node.display_name(), bodies::caption(node)),
            },
        });
    };
    for &n in view.drawing_order() {
        if view.role(n) == Role::Group {
            body(&mut shapes, &mut parts, n);
        }
    }
    let parents = links::route_boxes(view, &rects);
    let requests = links::route_requests(model, view);
    let boxes = crate::route::Boxes {
        rects: &rects,
        parents: &parents,
    };
    let routes = match previous {
        Some(previous) => crate::route::update(boxes, &requests, previous, options.lines),
        None => crate::route::route_afresh(boxes, &requests, options.lines),
    };
    let drawn = links::draw(&mut shapes, &mut parts, model, view, &routes, style);
    for &n in view.drawing_order() {
        if view.role(n) != Role::Group {
            body(&mut shapes, &mut parts, n);
        }
    }
    // Labels and the stacks behind folded groups reach out of the boxes.
    for part in &parts {
        let reaches_out = match &part.what {
            What::Link { .. } => |s: &Shape| matches!(s, Shape::Text(_)),
            What::Body {
                role: Role::Folded, ..
            } => |_: &Shape| true,
            _ => |_: &Shape| false,
        };
        for shape in shapes[part.shapes.clone()]
            .iter()
            .filter(|s| reaches_out(s))
        {
            bounds = bounds.union(&shape.bounds());
        }
    }
    for badge in &options.badges {
        if let Some(Some(rect)) = rects.get(badge.node) {
            bodies::badge_shapes(&mut shapes, *badge, *rect, style);
        }
    }
    if options.decision_map {
        super::decision_map::decision_map(&mut shapes, &mut bounds, model, &rects, style);
    }
    let logo = if options.title {
        let first = shapes.len();
        let logo = legend::title_block(
            &mut shapes,
            &mut bounds,
            model,
            style,
            options.logo.as_ref(),
        );
        if shapes.len() > first {
            parts.push(Part {
                shapes: first..shapes.len(),
                what: What::TitleBlock,
            });
        }
        logo
    } else {
        None
    };
    if options.legend {
        let first = shapes.len();
        legend::legend(&mut shapes, &mut bounds, model, &index, view, style);
        if shapes.len() > first {
            parts.push(Part {
                shapes: first..shapes.len(),
                what: What::Legend,
            });
        }
    }
    Scene {
        bounds,
        background: style.background,
        shapes,
        parts,
        nodes: rects,
        links: drawn.paths,
        lines: drawn.lines,
        parents,
        logo,
        routes,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind};

    #[test]
    fn findings_on_hidden_bodies_badge_their_folded_group_once() {
        let mut m = Model::new("t");
        let mut pcn = Node::new("pcn", NodeKind::PrimaryCareNetwork, "PCN");
        pcn.collapsed = true;
        m.nodes.push(pcn);
        for id in ["gp1", "gp2"] {
            let mut gp = Node::new(id, NodeKind::GpPractice, id);
            gp.within = Some("pcn".into());
            m.nodes.push(gp);
        }
        let finding = |nodes: &[&str], severity| Finding {
            rule: "T01",
            severity,
            message: String::new(),
            nodes: nodes.iter().map(|s| s.to_string()).collect(),
            links: Vec::new(),
            decisions: Vec::new(),
        };
        let findings = [
            finding(&["gp1", "gp2"], Severity::Warning),
            finding(&["gp2"], Severity::Error),
        ];
        let badges = badges_for(&m, &findings);
        assert_eq!(
            badges,
            vec![Badge {
                node: 0,
                severity: Severity::Error,
                count: 2,
            }]
        );
    }
}
