//! Layered layout: a row per tier (with a second row for bodies that sit on a forum of
//! their own tier), long rows wrapped, and bodies ordered within rows by the barycentre of
//! their neighbours, sweeping down and up a few times to untangle the links.

use std::collections::{HashMap, HashSet};

use super::{COLUMN_STEP, ROW_STEP, TIER_GAP, snap};
use crate::model::{LinkKind, Model, ModelIndex, Point, Tier};

/// Down-and-up sweeps of barycentre ordering; more rarely pays for itself.
const SWEEPS: usize = 4;
/// A row never holds fewer than this many bodies before it wraps.
const MIN_ROW_LENGTH: usize = 12;

/// Positions for the bodies at `nodes` (sorted, distinct), in the same order.
pub(super) fn arrange(model: &Model, nodes: &[usize]) -> Vec<Point> {
    let index = ModelIndex::new(model);
    let local: HashMap<usize, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();

    // Neighbours among the bodies being laid out, by local number, each pair once.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    // Same-tier links that put their `from` under their `to`: a member below its forum.
    let mut sits_under: Vec<bool> = vec![false; nodes.len()];
    let tiers: Vec<Tier> = nodes.iter().map(|&n| index.tier(n)).collect();
    let mut upward: Vec<(usize, usize)> = Vec::new();
    for (l, link) in model.links.iter().enumerate() {
        let Some((from, to)) = index.ends(l) else {
            continue;
        };
        let (Some(&a), Some(&b)) = (local.get(&from), local.get(&to)) else {
            continue;
        };
        neighbours[a].push(b);
        neighbours[b].push(a);
        let hierarchical = matches!(
            link.kind,
            LinkKind::Membership | LinkKind::Accountability | LinkKind::Committee
        );
        if hierarchical && tiers[a] == tiers[b] {
            upward.push((a, b));
        }
    }
    for list in &mut neighbours {
        list.sort_unstable();
        list.dedup();
    }
    // A body goes on the lower row of its tier when it sits under another body of the tier
    // that does not also sit under it (which would make them peers).
    // Two rows per tier are enough to read: a forum that itself sits under another stays on
    // the upper row, with its members below it.
    let upward_set: HashSet<(usize, usize)> = upward.iter().copied().collect();
    for &(a, b) in &upward {
        if !upward_set.contains(&(b, a)) {
            sits_under[a] = true;
        }
    }

    // Layers: (tier, lower row?) in reading order.
    let layer_of = |i: usize| tiers[i].rank() * 2 + usize::from(sits_under[i]);
    let layer_count = Tier::ALL.len() * 2;
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for i in 0..nodes.len() {
        layers[layer_of(i)].push(i);
    }
    let row_length = MIN_ROW_LENGTH.max(((nodes.len() as f64).sqrt() * 1.5).ceil() as usize);

    let mut x = vec![0.0f64; nodes.len()];
    let place_row = |layer: &[usize], x: &mut Vec<f64>| {
        for (k, &i) in layer.iter().enumerate() {
            let row_start = k - k % row_length;
            let in_row = (layer.len() - row_start).min(row_length);
            let column = (k % row_length) as f64 - (in_row as f64 - 1.0) / 2.0;
            x[i] = column * COLUMN_STEP;
        }
    };
    for layer in &layers {
        place_row(layer, &mut x);
    }
    let layer_index: Vec<usize> = (0..nodes.len()).map(layer_of).collect();
    for sweep in 0..SWEEPS * 2 {
        let downward = sweep % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..layer_count).collect()
        } else {
            (0..layer_count - 1).rev().collect()
        };
        for li in order {
            let layer = &mut layers[li];
            if layer.len() < 2 {
                continue;
            }
            let key = |i: usize| -> f64 {
                let (mut sum, mut count) = (0.0, 0.0);
                for &m in &neighbours[i] {
                    let lm = layer_index[m];
                    let on_the_side = if downward { lm < li } else { lm > li };
                    if on_the_side {
                        sum += x[m];
                        count += 1.0;
                    }
                }
                if count > 0.0 { sum / count } else { x[i] }
            };
            let mut keyed: Vec<(f64, usize, usize)> = layer
                .iter()
                .enumerate()
                .map(|(k, &i)| (key(i), k, i))
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            *layer = keyed.into_iter().map(|(_, _, i)| i).collect();
            place_row(layer, &mut x);
        }
    }

    // Rows top to bottom; a tier's rows are closer together than two tiers.
    let mut y = vec![0.0f64; nodes.len()];
    let mut next_y = 0.0;
    let mut previous_tier: Option<usize> = None;
    for (li, layer) in layers.iter().enumerate() {
        if layer.is_empty() {
            continue;
        }
        let tier = li / 2;
        if let Some(p) = previous_tier
            && p != tier
        {
            next_y += TIER_GAP;
        }
        previous_tier = Some(tier);
        for (k, &i) in layer.iter().enumerate() {
            y[i] = next_y + (k / row_length) as f64 * ROW_STEP;
        }
        next_y += layer.len().div_ceil(row_length) as f64 * ROW_STEP;
    }
    (0..nodes.len())
        .map(|i| snap(Point::new(x[i], y[i])))
        .collect()
}
