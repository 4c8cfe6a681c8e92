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
        Grid { xs, ys, cols, rows }
    }

    /// The index of `v` in `coords`, when it is one of them.
    pub fn index_of(coords: &[f32], v: f32) -> Option<usize> {
        let i = coords.partition_point(|&c| c < v - 0.001);
        (i < coords.len() && (coords[i] - v).abs() <= 0.001).then_some(i)
    }

    /// Whether the run from `a` to `b` along the horizontal line `ys[row]` passes through a
    /// box other than those `allowed`.
    pub fn row_blocked(&self, row: usize, a: f32, b: f32, allowed: &[u32]) -> bool {
        blocked(&self.rows[row], a.min(b), a.max(b), allowed)
    }

    /// The same for the vertical line `xs[col]`.
    pub fn col_blocked(&self, col: usize, a: f32, b: f32, allowed: &[u32]) -> bool {
        blocked(&self.cols[col], a.min(b), a.max(b), allowed)
    }

    /// The boxes the horizontal line `ys[row]` passes through between `lo` and `hi`.
    pub fn row_boxes(&self, row: usize, lo: f32, hi: f32) -> impl Iterator<Item = u32> + '_ {
        covering(&self.rows[row], lo, hi)
    }

    /// The boxes the vertical line `xs[col]` passes through between `lo` and `hi`.
    pub fn col_boxes(&self, col: usize, lo: f32, hi: f32) -> impl Iterator<Item = u32> + '_ {
        covering(&self.cols[col], lo, hi)
    }
}

fn covering(cover: &Cover, lo: f32, hi: f32) -> impl Iterator<Item = u32> + '_ {
    let end = cover.spans.partition_point(|s| s.0 < hi - EPS);
    let start = cover.spans[..end].partition_point(|s| s.0 < lo - cover.longest - EPS);
    cover.spans[start..end]
        .iter()
        .filter(move |s| s.1 > lo + EPS)
        .map(|s| s.2)
}

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
}
