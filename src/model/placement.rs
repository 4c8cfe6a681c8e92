//! Where bodies go when a hand-written file leaves out `at`: one row per tier, in file
//! order, to the right of whatever is already placed. Auto-layout does better; this only
//! guarantees that every body is somewhere visible and that two loads agree.

use super::file::MAX_COORDINATE;
use super::index::ModelIndex;
use super::kinds::Tier;
use super::operating_model::{Model, Point};

/// Horizontal distance between the centres of two placed bodies.
pub const COLUMN_STEP: f64 = 220.0;
/// Vertical distance between two rows.
pub const ROW_STEP: f64 = 160.0;
/// Bodies in one row before a tier wraps onto another, so that a national model stays well
/// inside the coordinate limit of the file format.
pub const ROW_LENGTH: usize = 50;

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
    // Start right of what is placed, but never so far right that a row would pass the
    // coordinate limit.
    let left = left.min(MAX_COORDINATE - ROW_LENGTH as f64 * COLUMN_STEP);
    let tiers: Vec<Tier> = {
        let index = ModelIndex::new(model);
        unplaced.iter().map(|&i| index.tier(i)).collect()
    };
    let mut per_tier = [0usize; Tier::ALL.len()];
    for tier in &tiers {
        per_tier[tier.rank()] += 1;
    }
    // Each tier takes as many rows as it needs; tiers are stacked top to bottom.
    let mut first_row = [0usize; Tier::ALL.len()];
    let mut rows_so_far = 0;
    for (rank, count) in per_tier.iter().enumerate() {
        first_row[rank] = rows_so_far;
        rows_so_far += count.div_ceil(ROW_LENGTH).max(1);
    }
    let mut placed_in_tier = [0usize; Tier::ALL.len()];
    for (&i, tier) in unplaced.iter().zip(tiers) {
        let n = &mut placed_in_tier[tier.rank()];
        let row = first_row[tier.rank()] + *n / ROW_LENGTH;
        let column = *n % ROW_LENGTH;
        model.nodes[i].at = Point::new(left + column as f64 * COLUMN_STEP, row as f64 * ROW_STEP);
        *n += 1;
    }
}
