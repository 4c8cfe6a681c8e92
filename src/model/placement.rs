//! Where bodies go when a hand-written file leaves out `at`: one row per tier, in file
//! order, to the right of whatever is already placed. Auto-layout does better; this only
//! guarantees that every body is somewhere visible and that two loads agree.

use super::index::ModelIndex;
use super::kinds::Tier;
use super::operating_model::{Model, Point};

/// Horizontal distance between the centres of two placed bodies.
pub const COLUMN_STEP: f64 = 220.0;
/// Vertical distance between two tier rows.
pub const ROW_STEP: f64 = 160.0;

/// Gives each node at a position in `unplaced` a position on its tier's row.
pub fn place_unplaced(model: &mut Model, unplaced: &[usize]) {
    if unplaced.is_empty() {
        return;
    }
    let is_unplaced = {
        let mut flags = vec![false; model.nodes.len()];
        for &i in unplaced {
            flags[i] = true;
        }
        flags
    };
    let left = model
        .nodes
        .iter()
        .zip(&is_unplaced)
        .filter(|(_, u)| !**u)
        .map(|(n, _)| n.at.x + COLUMN_STEP)
        .fold(None, |acc: Option<f64>, x| {
            Some(acc.map_or(x, |a| a.max(x)))
        })
        .unwrap_or(0.0);
    let tiers: Vec<Tier> = {
        let index = ModelIndex::new(model);
        unplaced.iter().map(|&i| index.tier(i)).collect()
    };
    let mut next_column = [0usize; Tier::ALL.len()];
    for (&i, tier) in unplaced.iter().zip(tiers) {
        let column = &mut next_column[tier.rank()];
        model.nodes[i].at = Point::new(
            left + *column as f64 * COLUMN_STEP,
            tier.rank() as f64 * ROW_STEP,
        );
        *column += 1;
    }
}
