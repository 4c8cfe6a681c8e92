//! Where bodies sit: the size of a body's box, and auto-layout in tier bands (layered, with
//! barycentre ordering to keep crossings few). Deterministic: the same model always gets
//! the same layout.

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
    let positions = layered::arrange(model, &all);
    for (&n, p) in all.iter().zip(positions) {
        model.nodes[n].at = p;
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
    let positions = layered::arrange(model, &nodes);
    let new_centre = centre_of(positions.iter().copied());
    let (dx, dy) = (old_centre.x - new_centre.x, old_centre.y - new_centre.y);
    for (&n, p) in nodes.iter().zip(positions) {
        model.nodes[n].at = snap(Point::new(p.x + dx, p.y + dy));
    }
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
    let positions = layered::arrange(model, &unplaced);
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
