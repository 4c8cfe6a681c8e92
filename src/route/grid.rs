//! The routing grid: the x and y coordinates a line may run along (just outside every box,
//! through every box's centre, and halfway across wide gaps), and which boxes cover each of
//! those lines, so that "does this run pass through a box?" is a binary search.

use crate::geom::Rect;

/// Distance kept between a line and a box it passes.
pub(super) const CLEARANCE: f32 = 10.0;

/// A run between two neighbouring grid points covers a box when it enters the box's inside
/// by more than this.
const EPS: f32 = 0.01;

/// A run closer than this to a box counts as running through it: the grid lines just
/// outside one box can pass a hair from another (a group ending just above the next row),
/// and a line drawn there would seem to touch the box and leave no room to be pushed off.
const NEAR: f32 = CLEARANCE / 2.0;

/// Boxes crossing one grid line: `(start, end, box)` along the line, sorted by start.
#[derive(Default)]
struct Cover {
    spans: Vec<(f32, f32, u32)>,
    longest: f32,
}

pub(super) struct Grid {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    /// For each x in `xs`, the boxes whose inside the vertical line at x passes through.
    cols: Vec<Cover>,
    /// For each y in `ys`, the boxes whose inside the horizontal line at y passes through.
    rows: Vec<Cover>,
    /// For each edge between neighbouring grid points (the one from `(x, y)` to the next
    /// point right, or down), the index in `lists` of the boxes it runs through: the
    /// search asks this of every step, and most edges share their list with the next.
    edges: Vec<u32>,
    /// Sets of boxes, as `(start, length)` in `pool`; the first is empty.
    lists: Vec<(u32, u32)>,
    pool: Vec<u32>,
}

impl Grid {
    /// The grid for `boxes` (by body position; `None` is not drawn), with `extra` points
    /// (bends the user placed) on it as well.
    pub fn new(boxes: &[Option<Rect>], extra: &[(f32, f32)]) -> Grid {
        let mut xs = Vec::with_capacity(boxes.len() * 3 + extra.len());
        let mut ys = Vec::with_capacity(boxes.len() * 3 + extra.len());
        for r in boxes.iter().flatten() {
            let c = r.center();
            xs.extend([r.min.x - CLEARANCE, c.x, r.max.x + CLEARANCE]);
            ys.extend([r.min.y - CLEARANCE, c.y, r.max.y + CLEARANCE]);
        }
        for &(x, y) in extra {
            xs.push(x);
            ys.push(y);
        }
        let xs = with_midlines(xs);
        let ys = with_midlines(ys);
        let mut cols: Vec<Cover> = (0..xs.len()).map(|_| Cover::default()).collect();
        let mut rows: Vec<Cover> = (0..ys.len()).map(|_| Cover::default()).collect();
        for (b, r) in boxes.iter().enumerate() {
            let Some(r) = r else { continue };
            let r = r.expand(NEAR);
            for i in strictly_between(&xs, r.min.x, r.max.x) {
                cols[i].spans.push((r.min.y, r.max.y, b as u32));
            }
            for j in strictly_between(&ys, r.min.y, r.max.y) {
                rows[j].spans.push((r.min.x, r.max.x, b as u32));
            }
        }
        for cover in cols.iter_mut().chain(rows.iter_mut()) {
            cover
                .spans
                .sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
            cover.longest = cover.spans.iter().map(|s| s.1 - s.0).fold(0.0, f32::max);
        }
        let (edges, lists, pool) = edge_lists(&xs, &ys, &cols, &rows);
        Grid {
            xs,
            ys,
            cols,
            rows,
            edges,
            lists,
            pool,
        }
    }

    /// Whether the edge from grid point `(x, y)` to the next point right (or down, when
    /// `vertical`) runs through a box other than those `allowed`.
    pub fn edge_blocked(&self, x: u32, y: u32, vertical: bool, allowed: &[u32]) -> bool {
        let slot = (y as usize * self.xs.len() + x as usize) * 2 + usize::from(vertical);
        let (start, len) = self.lists[self.edges[slot] as usize];
        self.pool[start as usize..(start + len) as usize]
            .iter()
            .any(|b| !allowed.contains(b))
    }

    /// The index of `v` in `coords`, when it is one of them.
    pub fn index_of(coords: &[f32], v: f32) -> Option<usize> {
        let i = coords.partition_point(|&c| c < v - 0.001);
        (i < coords.len() && (coords[i] - v).abs() <= 0.001).then_some(i)
    }

    /// Whether the run from `a` to `b` along the horizontal line `ys[row]` passes through a
    /// box other than those `allowed`.
    #[cfg(test)]
    pub fn row_blocked(&self, row: usize, a: f32, b: f32, allowed: &[u32]) -> bool {
        blocked(&self.rows[row], a.min(b), a.max(b), allowed)
    }

    /// The same for the vertical line `xs[col]`.
    #[cfg(test)]
    pub fn col_blocked(&self, col: usize, a: f32, b: f32, allowed: &[u32]) -> bool {
        blocked(&self.cols[col], a.min(b), a.max(b), allowed)
    }

    /// The boxes grid line `i` passes through between `lo` and `hi`: the vertical line
    /// `xs[i]`, or the horizontal line `ys[i]`.
    pub fn line_boxes(
        &self,
        vertical: bool,
        i: usize,
        lo: f32,
        hi: f32,
    ) -> impl Iterator<Item = u32> + '_ {
        let cover = if vertical {
            &self.cols[i]
        } else {
            &self.rows[i]
        };
        covering(cover, lo, hi)
    }
}

/// Which boxes each grid edge runs through (see `Grid::edges`), from the covers, one grid
/// line at a time: along a line, the boxes over an edge change only where a box begins or
/// ends, so most edges take the list of the edge before.
fn edge_lists(
    xs: &[f32],
    ys: &[f32],
    cols: &[Cover],
    rows: &[Cover],
) -> (Vec<u32>, Vec<(u32, u32)>, Vec<u32>) {
    let mut edges = vec![0u32; xs.len() * ys.len() * 2];
    let mut lists: Vec<(u32, u32)> = vec![(0, 0)];
    let mut pool: Vec<u32> = Vec::new();
    let width = xs.len();
    for vertical in [false, true] {
        let (lines, coords) = if vertical { (cols, ys) } else { (rows, xs) };
        for (line, cover) in lines.iter().enumerate() {
            if cover.spans.is_empty() {
                continue;
            }
            // Per edge index, the boxes that begin over it and those that end before it.
            let mut events: Vec<(usize, bool, u32)> = Vec::new();
            for &(start, end, b) in &cover.spans {
                // The edge from coords[i] to coords[i + 1] runs through the box when it
                // reaches past `start` and begins before `end` (as `covering` has it).
                let first = coords[1..].partition_point(|&c| c - EPS <= start);
                let past = coords.partition_point(|&c| c + EPS < end);
                if first < past {
                    events.push((first, true, b));
                    events.push((past, false, b));
                }
            }
            events.sort_unstable_by_key(|&(i, begins, b)| (i, begins, b));
            let mut active: Vec<u32> = Vec::new();
            let mut list = 0u32;
            let mut e = 0;
            for i in 0..coords.len().saturating_sub(1) {
                let mut changed = false;
                while e < events.len() && events[e].0 == i {
                    let (_, begins, b) = events[e];
                    if begins {
                        active.push(b);
                    } else if let Some(k) = active.iter().position(|&a| a == b) {
                        active.swap_remove(k);
                    }
                    changed = true;
                    e += 1;
                }
                if changed {
                    list = if active.is_empty() {
                        0
                    } else {
                        lists.push((pool.len() as u32, active.len() as u32));
                        pool.extend_from_slice(&active);
                        (lists.len() - 1) as u32
                    };
                }
                let (x, y) = if vertical { (line, i) } else { (i, line) };
                edges[(y * width + x) * 2 + usize::from(vertical)] = list;
            }
        }
    }
    (edges, lists, pool)
}

fn covering(cover: &Cover, lo: f32, hi: f32) -> impl Iterator<Item = u32> + '_ {
    let end = cover.spans.partition_point(|s| s.0 < hi - EPS);
    let start = cover.spans[..end].partition_point(|s| s.0 < lo - cover.longest - EPS);
    cover.spans[start..end]
        .iter()
        .filter(move |s| s.1 > lo + EPS)
        .map(|s| s.2)
}

#[cfg(test)]
fn blocked(cover: &Cover, lo: f32, hi: f32, allowed: &[u32]) -> bool {
    covering(cover, lo, hi).any(|b| !allowed.contains(&b))
}

/// Sorted, distinct coordinates, with a line added halfway across every gap wide enough to
/// hold lines of its own (so that a run can keep to the middle of a channel).
fn with_midlines(mut v: Vec<f32>) -> Vec<f32> {
    v.retain(|c| c.is_finite());
    v.sort_by(f32::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.001);
    let mut out = Vec::with_capacity(v.len() * 2);
    for (i, &c) in v.iter().enumerate() {
        out.push(c);
        if let Some(&next) = v.get(i + 1)
            && next - c > 4.0 * CLEARANCE
        {
            out.push((c + next) / 2.0);
        }
    }
    out
}

/// Indices of the coordinates strictly inside `(lo, hi)`.
fn strictly_between(coords: &[f32], lo: f32, hi: f32) -> std::ops::Range<usize> {
    let start = coords.partition_point(|&c| c <= lo + EPS);
    let end = coords.partition_point(|&c| c < hi - EPS);
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Pos;

    #[test]
    fn runs_through_a_box_are_blocked_unless_allowed() {
        let boxes = [
            Some(Rect::from_center(Pos::new(0.0, 0.0), 100.0, 40.0)),
            Some(Rect::from_center(Pos::new(300.0, 0.0), 100.0, 40.0)),
        ];
        let g = Grid::new(&boxes, &[]);
        let row = Grid::index_of(&g.ys, 0.0).unwrap();
        assert!(g.row_blocked(row, -200.0, 400.0, &[]));
        assert!(g.row_blocked(row, 0.0, 300.0, &[0]));
        assert!(!g.row_blocked(row, 0.0, 300.0, &[0, 1]));
        assert!(!g.row_blocked(row, 60.0, 240.0, &[]));
        let above = Grid::index_of(&g.ys, -20.0 - CLEARANCE).unwrap();
        assert!(!g.row_blocked(above, -200.0, 400.0, &[]));
        let col = Grid::index_of(&g.xs, 150.0).unwrap();
        assert!(
            !g.col_blocked(col, -100.0, 100.0, &[]),
            "a gap between boxes"
        );
    }

    /// The per-edge table says what the covers say, edge by edge, on nested and
    /// overlapping boxes (groups round their members, boxes a hair apart).
    #[test]
    fn edge_table_agrees_with_the_covers() {
        let mut seed = 7u32;
        let mut next = move |n: u32| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) % n
        };
        for _ in 0..20 {
            let mut boxes: Vec<Option<Rect>> = (0..12)
                .map(|_| {
                    let c = Pos::new(next(600) as f32, next(400) as f32);
                    Some(Rect::from_center(
                        c,
                        20.0 + next(200) as f32,
                        20.0 + next(80) as f32,
                    ))
                })
                .collect();
            boxes.push(None);
            let g = Grid::new(&boxes, &[(35.0, 35.0)]);
            for allowed in [vec![], vec![0], vec![1, 3]] {
                for y in 0..g.ys.len() {
                    for x in 0..g.xs.len() {
                        if x + 1 < g.xs.len() {
                            assert_eq!(
                                g.edge_blocked(x as u32, y as u32, false, &allowed),
                                g.row_blocked(y, g.xs[x], g.xs[x + 1], &allowed),
                                "row {y}, from x {x}"
                            );
                        }
                        if y + 1 < g.ys.len() {
                            assert_eq!(
                                g.edge_blocked(x as u32, y as u32, true, &allowed),
                                g.col_blocked(x, g.ys[y], g.ys[y + 1], &allowed),
                                "column {x}, from y {y}"
                            );
                        }
                    }
                }
            }
        }
    }
}
