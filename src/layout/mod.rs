//! Where bodies sit: the size of a body's box, and auto-layout in tier bands (layered:
//! groups as units, crossing minimisation by layer sweeps, a printable page; see
//! `layered.rs`). Deterministic: the same model always gets the same layout, byte for byte.

mod layered;

use crate::geom::{Pos, Rect};
use crate::model::{Model, Node, Point};

/// Every body is drawn in a box of this size, so that a diagram reads as a grid and the
/// layout never has to measure text.
pub const NODE_WIDTH: f32 = 200.0;
/// The height of every body's box, in points.
pub const NODE_HEIGHT: f32 = 72.0;
/// Distance between the centres of neighbouring boxes in a row.
pub const COLUMN_STEP: f64 = 230.0;
/// Distance between the centres of two rows of one tier.
pub const ROW_STEP: f64 = 150.0;
/// Extra space between two tiers, so the bands read apart.
pub const TIER_GAP: f64 = 40.0;

/// The box of a body, from its position.
pub fn node_rect(node: &Node) -> Rect {
    Rect::from_center(to_pos(node.at), NODE_WIDTH, NODE_HEIGHT)
}

/// A model position as a point of the plane.
pub fn to_pos(p: Point) -> Pos {
    Pos::new(p.x as f32, p.y as f32)
}

/// Lays out the whole model.
pub fn auto_layout(model: &mut Model) {
    let all: Vec<usize> = (0..model.nodes.len()).collect();
    let mut budget = LAYOUT_BUDGET;
    let arrangements = arrangements(model, &all, &mut budget);
    budget = budget.max(SWAP_FLOOR);
    // A large model takes the usual variant unscored, and no swaps.
    if arrangements.iter().any(|(score, _)| score.is_none()) {
        budget = 0;
    }
    let mut best: Option<(usize, Model)> = None;
    // The most readable arrangement gets the swaps first; a small model's swaps settle long
    // before the budget is spent, and what is left tries the next arrangements, in case
    // their swaps settle somewhere better.
    for (score, positions) in arrangements {
        let mut trial = model.clone();
        for (&n, &p) in all.iter().zip(&positions) {
            trial.nodes[n].at = p;
        }
        keep_groups_centred(&mut trial);
        let score = match score {
            Some(score) if budget > 0 => swap_while_better(&mut trial, score, &mut budget),
            Some(score) => score,
            None => 0,
        };
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, trial));
        }
        if budget == 0 {
            break;
        }
    }
    let Some((mut score, mut laid_out)) = best else {
        return;
    };
    // What is still left kicks the best drawing out of where its swaps settled: two bodies
    // of a row that are not neighbours trade places, neighbours are swapped again from
    // there, and the result is kept when it reads better (an iterated local search).
    'kicks: for row in swappable_rows(&laid_out) {
        for k in 0..row.len() {
            for j in k + 2..row.len() {
                // Nothing to gain, or nothing left to spend.
                if budget == 0 || score == 0 {
                    break 'kicks;
                }
                let mut trial = laid_out.clone();
                let (a, b) = (row[k], row[j]);
                trial.nodes[a].at = laid_out.nodes[b].at;
                trial.nodes[b].at = laid_out.nodes[a].at;
                let kicked = routed_score(&trial, &mut budget);
                let kicked = swap_while_better(&mut trial, kicked, &mut budget);
                if kicked < score {
                    (score, laid_out) = (kicked, trial);
                }
            }
        }
    }
    for (node, placed) in model.nodes.iter_mut().zip(laid_out.nodes) {
        node.at = placed.at;
    }
}

/// Grid points that the routings of a layout may search, in all: the variants' first (each
/// is routed whatever it costs), then the swaps tried after them (each swap routes every
/// line again), with at least [`SWAP_FLOOR`] left for the swaps. Counted in points rather
/// than time, so that the same model gets the same layout on any machine. Auto-layout
/// then takes 0.1–1.1 s on the examples and test systems of 8–44 bodies (release, this
/// project's 2-core machine), an action one waits for briefly. The variants alone take
/// 0.1–5 million of it on those models, since each routing tries its crossing lines again
/// (`route::detour`); with 3 million for the swaps on top, uncounted variants took up to 1.5
/// s, and with 5 million in all norfolk-waveney-places crossed 68 times rather than 58.
const LAYOUT_BUDGET: usize = 7_000_000;

/// Points the swaps get however much the variants took: a model of 50–100 bodies, whose
/// eight routings can take the whole budget, still has its rows swapped a while.
const SWAP_FLOOR: usize = 1_000_000;

/// What a routing costs the swap budget on top of the points it searched: building its grid
/// and pushing lines apart cost something even where there is nothing to search (a model
/// without links), and the swaps must end.
const ROUTING_FLOOR: usize = 1_000;

/// Swaps neighbouring bodies of a row (single boxes of one size, outside any group) while the
/// routed drawing reads better, within what is left of `budget`; the score it ends with.
/// The rows' order is chosen for straight lines between layers; this judges the lines as
/// they are drawn, which is where the rest of the crossings are. Rows are passed over again
/// while a pass improves on the last.
fn swap_while_better(model: &mut Model, mut score: usize, budget: &mut usize) -> usize {
    let mut rows = swappable_rows(model);
    loop {
        let mut improved = false;
        for row in &mut rows {
            for k in 0..row.len() - 1 {
                if *budget == 0 {
                    return score;
                }
                let (a, b) = (row[k], row[k + 1]);
                let (pa, pb) = (model.nodes[a].at, model.nodes[b].at);
                model.nodes[a].at = pb;
                model.nodes[b].at = pa;
                let s = routed_score(model, budget);
                if s < score {
                    score = s;
                    row.swap(k, k + 1);
                    improved = true;
                } else {
                    model.nodes[a].at = pa;
                    model.nodes[b].at = pb;
                }
            }
        }
        if !improved {
            return score;
        }
    }
}

/// The rows of single boxes (of one size, outside any group) with more than one box, each
/// from left to right: the bodies that can trade places.
fn swappable_rows(model: &Model) -> Vec<Vec<usize>> {
    let view = crate::view::View::new(model);
    let mut rows: std::collections::BTreeMap<i64, Vec<usize>> = Default::default();
    for n in 0..model.nodes.len() {
        if view.parent(n).is_none() && view.members(n).is_empty() {
            let y = (model.nodes[n].at.y * 10.0).round() as i64;
            rows.entry(y).or_default().push(n);
        }
    }
    let mut rows: Vec<Vec<usize>> = rows.into_values().filter(|r| r.len() > 1).collect();
    for row in &mut rows {
        row.sort_by(|&a, &b| model.nodes[a].at.x.total_cmp(&model.nodes[b].at.x));
    }
    rows
}

/// Models up to this many bodies are laid out in every variant, each routed and measured,
/// and the most readable kept; larger ones take the usual variant (time).
const TRY_VARIANTS_UP_TO: usize = 100;

/// The distinct arrangements of `nodes` the variants of the layout give, the most readable
/// first, each with its score (how badly its routed lines read) when the variants were
/// routed and scored; a large model gets the usual variant alone, unscored. Every variant
/// is routed, whatever is left of `budget`; what they search comes off it.
fn arrangements(
    model: &Model,
    nodes: &[usize],
    budget: &mut usize,
) -> Vec<(Option<usize>, Vec<Point>)> {
    if nodes.len() > TRY_VARIANTS_UP_TO {
        let positions = layered::arrange(model, nodes, layered::Variant::default());
        return vec![(None, positions)];
    }
    let mut scored: Vec<(usize, Vec<Point>)> = Vec::new();
    for &variant in &layered::Variant::ALL {
        let positions = layered::arrange(model, nodes, variant);
        if scored.iter().any(|(_, p)| *p == positions) {
            continue;
        }
        let mut trial = model.clone();
        for (&n, &p) in nodes.iter().zip(&positions) {
            trial.nodes[n].at = p;
        }
        keep_groups_centred(&mut trial);
        scored.push((routed_score(&trial, budget), positions));
    }
    // Stable: equal scores keep the variants' order.
    scored.sort_by_key(|(score, _)| *score);
    scored.into_iter().map(|(s, p)| (Some(s), p)).collect()
}

/// How badly the model's routed lines read: crossings, plus lines through boxes and lines
/// on top of each other (weighted heavily), plus a page out of shape. The points the
/// routing searched come off `budget`.
fn routed_score(model: &Model, budget: &mut usize) -> usize {
    use crate::geom::Pos;
    use crate::route::{Boxes, Request, measure_routes, route};
    let view = crate::view::View::new(model);
    let rects = view.boxes();
    let parents: Vec<Option<usize>> = (0..rects.len()).map(|n| view.parent(n)).collect();
    let requests: Vec<Request> = view
        .links()
        .iter()
        .map(|l| Request {
            from: l.from,
            to: l.to,
            kind: l.kind,
            via: Vec::new(),
        })
        .collect();
    let boxes = Boxes {
        rects: &rects,
        parents: &parents,
    };
    let routes = route(boxes, &requests);
    *budget = budget.saturating_sub(routes.searched() + ROUTING_FLOOR);
    let bounds = Rect::around(rects.iter().flatten().flat_map(|r| [r.min, r.max]))
        .unwrap_or(Rect::from_center(Pos::default(), NODE_WIDTH, NODE_HEIGHT));
    let m = measure_routes(boxes, &requests, routes.paths, bounds);
    let shape_penalty = if m.printable() { 0 } else { 1000 };
    m.crossings + 20 * m.overlaps + 100 * m.through_box + shape_penalty
}

/// Each group's `at` at the centre of its unfolded box, as the view expects.
fn keep_groups_centred(model: &mut Model) {
    for (g, at) in crate::view::unfolded_centres(model) {
        model.nodes[g].at = at;
    }
}

/// Lays out the bodies at `nodes` among themselves and puts the block where its centre was
/// (the editor's "auto-layout selection"). Bodies not in `nodes` do not move.
pub fn auto_layout_some(model: &mut Model, nodes: &[usize]) {
    let nodes = valid_subset(model, nodes);
    if nodes.is_empty() {
        return;
    }
    let old_centre = centre_of(nodes.iter().map(|&n| model.nodes[n].at));
    let positions = layered::arrange(model, &nodes, layered::Variant::default());
    let new_centre = centre_of(positions.iter().copied());
    let (dx, dy) = (old_centre.x - new_centre.x, old_centre.y - new_centre.y);
    for (&n, p) in nodes.iter().zip(positions) {
        model.nodes[n].at = snap(Point::new(p.x + dx, p.y + dy));
    }
    keep_groups_centred(model);
}

/// Gives positions to bodies a file left without one: all of them laid out when none had a
/// position, otherwise laid out among themselves below everything already placed.
pub fn place_unplaced(model: &mut Model, unplaced: &[usize]) {
    let unplaced = valid_subset(model, unplaced);
    if unplaced.is_empty() {
        return;
    }
    if unplaced.len() == model.nodes.len() {
        auto_layout(model);
        return;
    }
    let mut is_unplaced = vec![false; model.nodes.len()];
    for &n in &unplaced {
        is_unplaced[n] = true;
    }
    let placed = || {
        model
            .nodes
            .iter()
            .zip(&is_unplaced)
            .filter(|(_, u)| !**u)
            .map(|(n, _)| n.at)
    };
    let left = placed().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let bottom = placed().map(|p| p.y).fold(f64::NEG_INFINITY, f64::max);
    let positions = layered::arrange(model, &unplaced, layered::Variant::default());
    let block_left = positions.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let block_top = positions.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let (dx, dy) = (left - block_left, bottom + 2.0 * ROW_STEP - block_top);
    for (&n, p) in unplaced.iter().zip(positions) {
        model.nodes[n].at = snap(Point::new(p.x + dx, p.y + dy));
    }
}

fn valid_subset(model: &Model, nodes: &[usize]) -> Vec<usize> {
    let mut nodes: Vec<usize> = nodes
        .iter()
        .copied()
        .filter(|&n| n < model.nodes.len())
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    nodes
}

fn centre_of(points: impl Iterator<Item = Point>) -> Point {
    let (mut sx, mut sy, mut count) = (0.0, 0.0, 0.0);
    for p in points {
        sx += p.x;
        sy += p.y;
        count += 1.0;
    }
    if count == 0.0 {
        Point::default()
    } else {
        Point::new(sx / count, sy / count)
    }
}

/// Positions are kept to the file's precision and inside its coordinate limit.
fn snap(p: Point) -> Point {
    use crate::model::file::{MAX_COORDINATE, round_to_tenth};
    let clamp = |v: f64| round_to_tenth(v.clamp(-MAX_COORDINATE, MAX_COORDINATE));
    Point::new(clamp(p.x), clamp(p.y))
}
