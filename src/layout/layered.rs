//! Layered layout (Sugiyama, as Graphviz dot and ELK Layered do it), with the tiers as the
//! layers:
//!
//! 1. **Units.** Groups are laid out inside out, as ELK does compound graphs: a group's
//!    members (and groups inside it) are arranged in a compact grid ([`block`]), and the
//!    group is then one unit of its tier, like one larger body. A folded group is one
//!    ordinary box; what it hides keeps its place inside it.
//! 2. **Layers.** A row per tier, and a second row for bodies that sit on a forum of their
//!    own tier; links spanning several rows are split by dummy units, one per row crossed,
//!    so that they get a gap of their own to run through.
//! 3. **Order.** Layer sweeps down and up, ordering each row by the median and barycentre
//!    of its neighbours in the row before, keeping the best order seen (crossings counted
//!    bilayer by bilayer, Barth–Mutzel–Jünger), then swapping neighbours while that saves
//!    crossings ("transpose").
//! 4. **Coordinates.** Each row placed as near its neighbours' centres as the widths
//!    allow (a least-squares fit with minimum gaps, sweeping down and up: a simple stand-in
//!    for Brandes–Köpf that handles units of different widths); rows too wide for a
//!    printable page wrap; the gap between two rows grows with the lines that cross it.
//!
//! Why not a crate: `dagre` (a port of dagre.js) and `rust-sugiyama` both assign layers
//! themselves (here the tiers fix them), neither knows boxes of different widths in one
//! row (`rust-sugiyama`) or keeps to a page shape, and `rust-sugiyama` has no groups; the
//! parts worth having (sweeps, bilayer counting, transpose) are a few hundred lines here,
//! deterministic and with no dependency to track.

use std::collections::{HashMap, HashSet};

use super::{NODE_HEIGHT, NODE_WIDTH, snap};
use crate::model::{LinkKind, Model, ModelIndex, Point, Tier};
use crate::view::{GROUP_HEADER, GROUP_PAD, View};

/// Space between two units side by side in a row.
const GAP: f64 = 40.0;
/// Width of the gap a long link runs through where it crosses a row.
const DUMMY_WIDTH: f64 = 14.0;
/// Space between members of a group.
const MEMBER_GAP: f64 = 24.0;
/// Space between two rows, at least, and per track of lines crossing between them.
const ROW_GAP: f64 = 70.0;
const TRACK: f64 = 9.0;
/// Rounds of down-and-up sweeps, at most.
const SWEEPS: usize = 12;
/// No row wider than this many times the height of the whole diagram.
const MAX_ROW_TO_HEIGHT: f64 = 2.0;
/// No drawing wider than this many times its height (the page shape the measures accept
/// is at most 3:1; rows brought in further crowd the lines between them).
const MAX_SPREAD_TO_HEIGHT: f64 = 2.8;
/// Height of the title block and the key, which are part of the page.
const FURNITURE_HEIGHT: f64 = 220.0;

/// A unit of the layout: a body, or a group with everything inside it.
#[derive(Clone, Debug)]
struct Unit {
    width: f64,
    height: f64,
    layer: usize,
}

/// Choices the layout can make differently; `auto_layout` tries a few and keeps the one
/// whose routed drawing reads best.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Variant {
    /// Members of a forum of their own tier on one row with it, not on a row below.
    pub one_row_per_tier: bool,
    /// Start the sweeps from the file's order rather than a walk from the top.
    pub file_order: bool,
    /// Start the sweeps with the barycentre rather than the median.
    pub barycentre_first: bool,
}

impl Variant {
    /// The variants worth trying, the usual one first.
    pub const ALL: [Variant; 8] = {
        let mut all = [Variant {
            one_row_per_tier: false,
            file_order: false,
            barycentre_first: false,
        }; 8];
        let mut k = 0;
        while k < 8 {
            all[k] = Variant {
                one_row_per_tier: k & 1 != 0,
                file_order: k & 2 != 0,
                barycentre_first: k & 4 != 0,
            };
            k += 1;
        }
        all
    };
}

/// Positions for the bodies at `nodes` (sorted, distinct), in the same order.
pub(super) fn arrange(model: &Model, nodes: &[usize], variant: Variant) -> Vec<Point> {
    let index = ModelIndex::new(model);
    let view = View::new(model);
    let chosen: HashSet<usize> = nodes.iter().copied().collect();
    // A body's group, when the group is laid out too.
    let parent = |n: usize| view.parent(n).filter(|p| chosen.contains(p));
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for &n in nodes {
        if let Some(p) = parent(n) {
            members.entry(p).or_default().push(n);
        }
    }
    for list in members.values_mut() {
        list.sort_unstable();
    }
    // Offsets of everything inside each group from the group's centre, inside out.
    let mut offsets: HashMap<usize, (f64, f64)> = HashMap::new();
    let mut sizes: HashMap<usize, (f64, f64)> = HashMap::new();
    let roots: Vec<usize> = nodes
        .iter()
        .copied()
        .filter(|&n| parent(n).is_none())
        .collect();
    for &r in &roots {
        measure(r, &members, model, &index, &mut offsets, &mut sizes);
    }
    let top_of = |mut n: usize| {
        while let Some(p) = parent(n) {
            n = p;
        }
        n
    };

    // Units and their layers.
    let unit_of: HashMap<usize, usize> = roots.iter().enumerate().map(|(u, &n)| (n, u)).collect();
    let tiers: Vec<Tier> = roots.iter().map(|&n| index.tier(n)).collect();
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut upward: HashSet<(usize, usize)> = HashSet::new();
    for (l, link) in model.links.iter().enumerate() {
        let Some((from, to)) = index.ends(l) else {
            continue;
        };
        if !chosen.contains(&from) || !chosen.contains(&to) {
            continue;
        }
        let (a, b) = (unit_of[&top_of(from)], unit_of[&top_of(to)]);
        if a == b {
            continue;
        }
        edges.push((a.min(b), a.max(b)));
        let hierarchical = matches!(
            link.kind,
            LinkKind::Membership | LinkKind::Accountability | LinkKind::Committee
        );
        if hierarchical && tiers[a] == tiers[b] {
            upward.insert((a, b));
        }
    }
    edges.sort_unstable();
    edges.dedup();
    // A unit goes on the lower row of its tier when it sits under another unit of the tier
    // that does not also sit under it (which would make them peers).
    let sits_under: Vec<bool> = (0..roots.len())
        .map(|u| {
            upward
                .iter()
                .any(|&(a, b)| a == u && !upward.contains(&(b, a)))
        })
        .collect();
    let raw_layer: Vec<usize> = (0..roots.len())
        .map(|u| tiers[u].rank() * 2 + usize::from(sits_under[u] && !variant.one_row_per_tier))
        .collect();
    let mut used: Vec<usize> = raw_layer.clone();
    used.sort_unstable();
    used.dedup();
    let units: Vec<Unit> = roots
        .iter()
        .enumerate()
        .map(|(u, &n)| Unit {
            width: sizes[&n].0,
            height: sizes[&n].1,
            layer: used.binary_search(&raw_layer[u]).unwrap_or(0),
        })
        .collect();
    let tier_of_layer: Vec<usize> = used.iter().map(|l| l / 2).collect();

    let mut graph = Layered::new(&units, &edges, used.len());
    graph.order(variant);
    let centres = graph.coordinates(&tier_of_layer);

    let mut out = Vec::with_capacity(nodes.len());
    for &n in nodes {
        let top = top_of(n);
        let (cx, cy) = centres[unit_of[&top]];
        let (dx, dy) = offset_from(n, top, &offsets, parent);
        out.push(snap(Point::new(cx + dx, cy + dy)));
    }
    out
}

/// Where `n` sits relative to the centre of the unit `top` it is in.
fn offset_from(
    mut n: usize,
    top: usize,
    offsets: &HashMap<usize, (f64, f64)>,
    parent: impl Fn(usize) -> Option<usize>,
) -> (f64, f64) {
    let (mut dx, mut dy) = (0.0, 0.0);
    while n != top {
        let (ox, oy) = offsets.get(&n).copied().unwrap_or_default();
        dx += ox;
        dy += oy;
        match parent(n) {
            Some(p) => n = p,
            None => break,
        }
    }
    (dx, dy)
}

/// The size of `n`'s unit, laying out what is inside it first: members in a compact grid
/// (about as many columns as rows, never one long row), ordered by tier, then as in the
/// file. A folded group is an ordinary box; its members keep their grid inside it.
fn measure(
    n: usize,
    members: &HashMap<usize, Vec<usize>>,
    model: &Model,
    index: &ModelIndex<'_>,
    offsets: &mut HashMap<usize, (f64, f64)>,
    sizes: &mut HashMap<usize, (f64, f64)>,
) -> (f64, f64) {
    let single = (f64::from(NODE_WIDTH), f64::from(NODE_HEIGHT));
    let Some(inside) = members.get(&n) else {
        sizes.insert(n, single);
        return single;
    };
    let mut inside = inside.clone();
    inside.sort_by_key(|&m| (index.tier(m).rank(), m));
    let cells: Vec<(f64, f64)> = inside
        .iter()
        .map(|&m| measure(m, members, model, index, offsets, sizes))
        .collect();
    let columns = (inside.len() as f64).sqrt().ceil().max(1.0) as usize;
    // Shelves of `columns` cells; each column as wide as its widest cell.
    let rows: Vec<&[(f64, f64)]> = cells.chunks(columns).collect();
    let mut col_width = vec![0.0f64; columns];
    for row in &rows {
        for (c, cell) in row.iter().enumerate() {
            col_width[c] = col_width[c].max(cell.0);
        }
    }
    let row_height: Vec<f64> = rows
        .iter()
        .map(|r| r.iter().map(|c| c.1).fold(0.0, f64::max))
        .collect();
    let inner_w = col_width.iter().sum::<f64>() + MEMBER_GAP * (columns as f64 - 1.0);
    let inner_h = row_height.iter().sum::<f64>() + MEMBER_GAP * (rows.len() as f64 - 1.0);
    let pad = f64::from(GROUP_PAD);
    let header = f64::from(GROUP_HEADER);
    let width = (inner_w + 2.0 * pad).max(f64::from(NODE_WIDTH));
    let height = inner_h + 2.0 * pad + header;
    // Offsets from the group box's centre.
    let left = -inner_w / 2.0;
    let top = -height / 2.0 + header + pad;
    let mut y = top;
    for (r, row) in rows.iter().enumerate() {
        let mut x = left;
        for (c, _) in row.iter().enumerate() {
            let m = inside[r * columns + c];
            offsets.insert(m, (x + col_width[c] / 2.0, y + row_height[r] / 2.0));
            x += col_width[c] + MEMBER_GAP;
        }
        y += row_height[r] + MEMBER_GAP;
    }
    let size = if model.nodes[n].collapsed {
        single
    } else {
        (width, height)
    };
    sizes.insert(n, size);
    size
}

/// The layered graph: units and dummies in rows, edges between neighbouring rows.
struct Layered {
    /// Width and height of each item (units first, then dummies).
    size: Vec<(f64, f64)>,
    layer: Vec<usize>,
    /// Items of each row, in order.
    rows: Vec<Vec<usize>>,
    /// Neighbours in the row above and below.
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
    /// Same-row neighbours (kept side by side where it costs no crossing).
    units: usize,
}

impl Layered {
    fn new(units: &[Unit], edges: &[(usize, usize)], layers: usize) -> Layered {
        let mut size: Vec<(f64, f64)> = units.iter().map(|u| (u.width, u.height)).collect();
        let mut layer: Vec<usize> = units.iter().map(|u| u.layer).collect();
        let mut up: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
        let mut down: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
        for &(a, b) in edges {
            let (hi, lo) = if layer[a] <= layer[b] { (a, b) } else { (b, a) };
            if layer[hi] == layer[lo] {
                continue;
            }
            // A chain of dummies through the rows in between.
            let mut prev = hi;
            for l in layer[hi] + 1..layer[lo] {
                let d = size.len();
                size.push((DUMMY_WIDTH, 0.0));
                layer.push(l);
                up.push(vec![prev]);
                down.push(Vec::new());
                down[prev].push(d);
                prev = d;
            }
            down[prev].push(lo);
            up[lo].push(prev);
        }
        let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
        for (i, &l) in layer.iter().enumerate() {
            rows[l].push(i);
        }
        Layered {
            size,
            layer,
            rows,
            up,
            down,
            units: units.len(),
        }
    }

    fn positions(&self) -> Vec<usize> {
        let mut pos = vec![0; self.size.len()];
        for row in &self.rows {
            for (k, &i) in row.iter().enumerate() {
                pos[i] = k;
            }
        }
        pos
    }

    /// Crossings between row `l` and the row below it.
    fn crossings_below(&self, l: usize, pos: &[usize]) -> usize {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for &i in &self.rows[l] {
            for &j in &self.down[i] {
                pairs.push((pos[i], pos[j]));
            }
        }
        pairs.sort_unstable();
        count_inversions(pairs.into_iter().map(|p| p.1).collect())
    }

    fn crossings(&self) -> usize {
        let pos = self.positions();
        (0..self.rows.len().saturating_sub(1))
            .map(|l| self.crossings_below(l, &pos))
            .sum()
    }

    /// Orders every row to cross little.
    fn order(&mut self, variant: Variant) {
        // Start from a depth-first walk from the top, so that related units start close.
        if !variant.file_order {
            self.initial_order();
        }
        let mut best = self.rows.clone();
        let mut best_count = self.crossings();
        let mut stale = 0;
        for round in 0..SWEEPS {
            if best_count == 0 {
                break;
            }
            let median = (round % 2 == 0) != variant.barycentre_first;
            for l in 1..self.rows.len() {
                self.reorder(l, true, median);
            }
            for l in (0..self.rows.len().saturating_sub(1)).rev() {
                self.reorder(l, false, median);
            }
            let count = self.crossings();
            if count < best_count {
                best_count = count;
                best = self.rows.clone();
                stale = 0;
            } else {
                stale += 1;
                if stale >= 4 {
                    break;
                }
            }
        }
        self.rows = best;
        self.transpose();
    }

    fn initial_order(&mut self) {
        let mut seen = vec![false; self.size.len()];
        let mut order: Vec<usize> = Vec::with_capacity(self.size.len());
        let mut starts: Vec<usize> = (0..self.units).collect();
        starts.sort_by_key(|&i| (self.layer[i], i));
        for s in starts {
            if seen[s] {
                continue;
            }
            let mut stack = vec![s];
            while let Some(i) = stack.pop() {
                if seen[i] {
                    continue;
                }
                seen[i] = true;
                order.push(i);
                for &j in self.down[i].iter().rev().chain(self.up[i].iter().rev()) {
                    if !seen[j] {
                        stack.push(j);
                    }
                }
            }
        }
        for row in &mut self.rows {
            row.clear();
        }
        for i in order {
            self.rows[self.layer[i]].push(i);
        }
    }

    /// Orders row `l` by its neighbours in the row above (`downward`) or below.
    fn reorder(&mut self, l: usize, downward: bool, median: bool) {
        let pos = self.positions();
        let row = &self.rows[l];
        let mut keyed: Vec<(f64, usize, usize)> = row
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let next = if downward { &self.up[i] } else { &self.down[i] };
                let mut p: Vec<f64> = next.iter().map(|&j| pos[j] as f64).collect();
                let key = if p.is_empty() {
                    k as f64
                } else if median {
                    p.sort_by(f64::total_cmp);
                    let m = p.len() / 2;
                    if p.len() % 2 == 1 {
                        p[m]
                    } else {
                        (p[m - 1] + p[m]) / 2.0
                    }
                } else {
                    p.iter().sum::<f64>() / p.len() as f64
                };
                (key, k, i)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        self.rows[l] = keyed.into_iter().map(|(_, _, i)| i).collect();
    }

    /// Crossings between the edges of `u` and of `v` (with the rows above and below) when
    /// `u` is left of `v`.
    fn pair_crossings(&self, u: usize, v: usize, pos: &[usize]) -> usize {
        let mut c = 0;
        for lists in [&self.up, &self.down] {
            for &a in &lists[u] {
                for &b in &lists[v] {
                    if pos[a] > pos[b] {
                        c += 1;
                    }
                }
            }
        }
        c
    }

    /// Swaps neighbours in a row while that saves crossings.
    fn transpose(&mut self) {
        let mut pos = self.positions();
        for _ in 0..20 {
            let mut improved = false;
            for l in 0..self.rows.len() {
                for k in 0..self.rows[l].len().saturating_sub(1) {
                    let (u, v) = (self.rows[l][k], self.rows[l][k + 1]);
                    if self.pair_crossings(v, u, &pos) < self.pair_crossings(u, v, &pos) {
                        self.rows[l].swap(k, k + 1);
                        pos[u] = k + 1;
                        pos[v] = k;
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Centres of the units: rows wrapped to a printable width, each item as near the
    /// centre of its neighbours as the gaps allow, rows apart by the lines between them.
    fn coordinates(&self, tier_of_layer: &[usize]) -> Vec<(f64, f64)> {
        let n = self.size.len();
        let widths: Vec<f64> = (0..self.rows.len())
            .map(|l| self.row_width(&self.rows[l]))
            .collect();
        let heights: Vec<f64> = self
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|&i| self.size[i].1)
                    .fold(f64::from(NODE_HEIGHT), f64::max)
            })
            .collect();
        // Wrap: split the widest rows into pieces until every row is at most
        // MAX_ROW_TO_HEIGHT times the height.
        let mut pieces = vec![1usize; self.rows.len()];
        let height_of = |pieces: &[usize]| -> f64 {
            (0..self.rows.len())
                .map(|l| pieces[l] as f64 * (heights[l] + ROW_GAP))
                .sum::<f64>()
                + FURNITURE_HEIGHT
        };
        for _ in 0..200 {
            let h = height_of(&pieces);
            let Some(l) = (0..self.rows.len())
                .filter(|&l| {
                    widths[l] / pieces[l] as f64 > MAX_ROW_TO_HEIGHT * h
                        && self.rows[l].len() > pieces[l]
                })
                .max_by(|&a, &b| {
                    (widths[a] / pieces[a] as f64).total_cmp(&(widths[b] / pieces[b] as f64))
                })
            else {
                break;
            };
            pieces[l] += 1;
        }
        // Sub-rows: (layer, piece) → items, in order.
        let mut sub_rows: Vec<(usize, Vec<usize>)> = Vec::new();
        for (l, row) in self.rows.iter().enumerate() {
            if pieces[l] == 1 {
                sub_rows.push((l, row.clone()));
                continue;
            }
            let target = widths[l] / pieces[l] as f64;
            let mut current: Vec<usize> = Vec::new();
            let mut w = 0.0;
            for &i in row {
                let iw = self.size[i].0 + GAP;
                if w + iw > target + 1.0 && !current.is_empty() {
                    sub_rows.push((l, std::mem::take(&mut current)));
                    w = 0.0;
                }
                current.push(i);
                w += iw;
            }
            if !current.is_empty() {
                sub_rows.push((l, current));
            }
        }

        // x: start packed about 0, then sweeps pulling each item towards its neighbours.
        let mut x = vec![0.0f64; n];
        for (_, row) in &sub_rows {
            let placed = self.pack(row, &vec![0.0; row.len()], &vec![1.0; row.len()]);
            for (&i, p) in row.iter().zip(placed) {
                x[i] = p;
            }
        }
        for round in 0..8 {
            let downward = round % 2 == 0;
            let order: Vec<usize> = if downward {
                (0..sub_rows.len()).collect()
            } else {
                (0..sub_rows.len()).rev().collect()
            };
            for s in order {
                let row = &sub_rows[s].1;
                let (targets, weights): (Vec<f64>, Vec<f64>) = row
                    .iter()
                    .map(|&i| {
                        let next: Vec<usize> = if round >= 6 {
                            self.up[i].iter().chain(&self.down[i]).copied().collect()
                        } else if downward {
                            self.up[i].clone()
                        } else {
                            self.down[i].clone()
                        };
                        if next.is_empty() {
                            (x[i], 0.2)
                        } else {
                            let t = next.iter().map(|&j| x[j]).sum::<f64>() / next.len() as f64;
                            // Dummies pull hardest: long lines run straight.
                            let w = if i >= self.units { 4.0 } else { 1.0 } * next.len() as f64;
                            (t, w)
                        }
                    })
                    .unzip();
                let placed = self.pack(row, &targets, &weights);
                for (&i, p) in row.iter().zip(placed) {
                    x[i] = p;
                }
            }
        }

        // y: rows top to bottom; the gap below a row grows with the lines that cross it, and
        // two tiers sit further apart than two rows of one tier.
        let mut y = vec![0.0f64; n];
        let mut top = 0.0;
        for (s, (l, row)) in sub_rows.iter().enumerate() {
            let h = row
                .iter()
                .map(|&i| self.size[i].1)
                .fold(f64::from(NODE_HEIGHT), f64::max);
            for &i in row {
                y[i] = top + h / 2.0;
            }
            let below: HashSet<usize> = row
                .iter()
                .flat_map(|&i| self.down[i].iter().copied())
                .collect();
            let above: HashSet<usize> = row
                .iter()
                .copied()
                .filter(|&i| !self.down[i].is_empty())
                .collect();
            let tracks = below.len().min(above.len()).min(20) as f64;
            let mut gap = ROW_GAP.max(30.0 + TRACK * tracks);
            if let Some((next_l, _)) = sub_rows.get(s + 1)
                && tier_of_layer[*next_l] != tier_of_layer[*l]
            {
                gap += 30.0;
            }
            top += h + gap;
        }
        self.keep_to_frame(
            &sub_rows,
            &mut x,
            MAX_SPREAD_TO_HEIGHT * (top + FURNITURE_HEIGHT),
        );
        (0..self.units).map(|i| (x[i], y[i])).collect()
    }

    /// Pulling each row towards its neighbours can shift the pieces of a wrapped row, and
    /// the rows under them, further and further sideways, into a staircase many times wider
    /// than any row (all of England: 35,000 points wide for rows of 14,000). Every row is
    /// brought back inside one frame, as wide as the widest row or the page allows, keeping
    /// its order and as near its place as it can be. A drawing already inside the frame is
    /// left as it is: rows pulled in closer than they need crowd the lines between them.
    fn keep_to_frame(&self, sub_rows: &[(usize, Vec<usize>)], x: &mut [f64], page_width: f64) {
        let span = |row: &[usize], x: &[f64]| {
            row.iter()
                .map(|&i| (x[i] - self.size[i].0 / 2.0, x[i] + self.size[i].0 / 2.0))
                .fold((f64::MAX, f64::MIN), |a, b| (a.0.min(b.0), a.1.max(b.1)))
        };
        let widest = sub_rows
            .iter()
            .map(|(_, row)| self.row_width(row))
            .fold(0.0, f64::max);
        let width = widest.max(page_width);
        let (lo, hi) = sub_rows
            .iter()
            .map(|(_, row)| span(row, x))
            .fold((f64::MAX, f64::MIN), |a, b| (a.0.min(b.0), a.1.max(b.1)));
        if hi - lo <= width + 1.0 {
            return;
        }
        let (left, right) = ((lo + hi - width) / 2.0, (lo + hi + width) / 2.0);
        for (_, row) in sub_rows {
            let (a, z) = span(row, x);
            if a >= left && z <= right {
                continue;
            }
            let targets: Vec<f64> = row
                .iter()
                .map(|&i| {
                    let half = self.size[i].0 / 2.0;
                    x[i].clamp(left + half, (right - half).max(left + half))
                })
                .collect();
            let placed = self.pack(row, &targets, &vec![1.0; row.len()]);
            for (&i, p) in row.iter().zip(placed) {
                x[i] = p;
            }
            // Pooling keeps the order and the gaps, not the frame: a row crowded at one
            // side spills over it and is slid back in.
            let (a, z) = span(row, x);
            let shift = if a < left {
                left - a
            } else if z > right {
                right - z
            } else {
                0.0
            };
            for &i in row {
                x[i] += shift;
            }
        }
    }

    fn row_width(&self, row: &[usize]) -> f64 {
        row.iter().map(|&i| self.size[i].0).sum::<f64>() + GAP * row.len().saturating_sub(1) as f64
    }

    /// Centres for the items of a row, in order, each at least a gap after the one before,
    /// as near their targets as can be (weighted least squares, by pooling adjacent
    /// violators of the order).
    fn pack(&self, row: &[usize], targets: &[f64], weights: &[f64]) -> Vec<f64> {
        // Offsets: where each centre is when the row is packed from 0.
        let mut offset = Vec::with_capacity(row.len());
        let mut at = 0.0;
        for (k, &i) in row.iter().enumerate() {
            if k > 0 {
                let prev = row[k - 1];
                let gap = if prev >= self.units && i >= self.units {
                    4.0
                } else {
                    GAP / 2.0 + 2.0
                };
                at += self.size[prev].0 / 2.0 + gap + self.size[i].0 / 2.0;
            }
            offset.push(at);
        }
        let mut blocks: Vec<(f64, f64, usize)> = Vec::new(); // (weighted sum, weight, count)
        for k in 0..row.len() {
            let w = weights[k].max(1e-3);
            blocks.push(((targets[k] - offset[k]) * w, w, 1));
            while blocks.len() >= 2 {
                let (s1, w1, c1) = blocks[blocks.len() - 1];
                let (s0, w0, c0) = blocks[blocks.len() - 2];
                if s0 / w0 <= s1 / w1 {
                    break;
                }
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (s0 + s1, w0 + w1, c0 + c1);
            }
        }
        let mut out = Vec::with_capacity(row.len());
        for (s, w, c) in blocks {
            for _ in 0..c {
                let k = out.len();
                out.push(s / w + offset[k]);
            }
        }
        out
    }
}

/// Inversions in a sequence (crossings of a bilayer, its edges sorted by upper end).
fn count_inversions(mut v: Vec<usize>) -> usize {
    let mut buffer = vec![0; v.len()];
    merge_count(&mut v, &mut buffer)
}

fn merge_count(v: &mut [usize], buffer: &mut [usize]) -> usize {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = merge_count(&mut v[..mid], &mut buffer[..mid])
        + merge_count(&mut v[mid..], &mut buffer[mid..]);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if v[i] <= v[j] {
            buffer[k] = v[i];
            i += 1;
        } else {
            buffer[k] = v[j];
            count += mid - i;
            j += 1;
        }
        k += 1;
    }
    buffer[k..k + mid - i].copy_from_slice(&v[i..mid]);
    k += mid - i;
    buffer[k..k + n - j].copy_from_slice(&v[j..n]);
    v.copy_from_slice(&buffer[..n]);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inversions_count_crossings() {
        assert_eq!(count_inversions(vec![0, 1, 2]), 0);
        assert_eq!(count_inversions(vec![2, 1, 0]), 3);
        assert_eq!(count_inversions(vec![1, 0, 2, 2]), 1);
    }

    /// Wrapped rows pulled towards their neighbours used to drift sideways into a staircase
    /// (1,000 generated bodies: 3.5 times wider than high, England 4.5).
    #[test]
    fn a_large_system_stays_within_a_printable_shape() {
        let mut model = crate::synthetic::system_of_size(1000);
        crate::layout::auto_layout(&mut model);
        let view = View::new(&model);
        let bounds =
            crate::geom::Rect::around(view.boxes().iter().flatten().flat_map(|r| [r.min, r.max]))
                .unwrap();
        let shape = f64::from(bounds.width()) / (f64::from(bounds.height()) + FURNITURE_HEIGHT);
        assert!(shape <= 3.0, "{shape:.2}");
    }
}
