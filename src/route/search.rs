//! The shortest orthogonal path on the routing grid (A*), counting length, bends, and what
//! the lines already routed make of it: running along a line of the same bundle is cheap
//! (bundles form trunks), along another line dear (they would have to be pushed apart), and
//! crossing another line dearer still. After Wybrow, Marriott and Stuckey, "Orthogonal
//! connector routing" (GD 2009), on a grid of box sides and channel middles.

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::grid::Grid;
use crate::geom::Rect;

/// What a bend costs, in points of length.
const BEND: f32 = 36.0;
/// What crossing another line costs.
const CROSSING: f32 = 90.0;
/// What running along a line of another bundle costs, per point.
const ALONG_OTHER: f32 = 0.6;
/// What running along a line of the same bundle costs, per point (cheaper than free space).
const ALONG_SAME: f32 = 0.35;
/// Searches give up after this many steps (the caller then draws a plain line).
const STEP_LIMIT: usize = 20_000;

/// Directions of travel: right, left, down, up.
const DIRS: [(i32, i32); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];

/// A grid point, by index into the grid's xs and ys.
pub(super) type Node = (u32, u32);

/// A cheap, deterministic hasher for the small integer keys of the search.
#[derive(Default)]
pub(super) struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(super) type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// Which bundles run along each grid edge: key `(x, y, vertical)` for the edge from the
/// point `(x, y)` to the next point right or down.
#[derive(Default)]
pub(super) struct Occupancy {
    /// Per edge, the bundles on it, each with how many of its lines.
    edges: IntMap<u64, Vec<(u32, u32)>>,
}

fn edge_key(x: u32, y: u32, vertical: bool) -> u64 {
    (u64::from(x) << 33) | (u64::from(y) << 1) | u64::from(vertical)
}

impl Occupancy {
    /// Marks the path's edges as used by a line of `bundle`.
    pub fn add(&mut self, path: &[Node], bundle: u32) {
        self.walk(path, |edges, key| {
            let users = edges.entry(key).or_default();
            match users.iter_mut().find(|u| u.0 == bundle) {
                Some(u) => u.1 += 1,
                None => users.push((bundle, 1)),
            }
        });
    }

    /// Takes a line of `bundle` off the path's edges again.
    pub fn remove(&mut self, path: &[Node], bundle: u32) {
        self.walk(path, |edges, key| {
            if let Some(users) = edges.get_mut(&key) {
                if let Some(u) = users.iter_mut().find(|u| u.0 == bundle) {
                    u.1 -= 1;
                }
                users.retain(|u| u.1 > 0);
            }
        });
    }

    fn walk(&mut self, path: &[Node], mut f: impl FnMut(&mut IntMap<u64, Vec<(u32, u32)>>, u64)) {
        for w in path.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if y0 == y1 {
                for x in x0.min(x1)..x0.max(x1) {
                    f(&mut self.edges, edge_key(x, y0, false));
                }
            } else {
                for y in y0.min(y1)..y0.max(y1) {
                    f(&mut self.edges, edge_key(x0, y, true));
                }
            }
        }
    }

    fn users(&self, x: u32, y: u32, vertical: bool) -> &[(u32, u32)] {
        self.edges
            .get(&edge_key(x, y, vertical))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether a line of another bundle runs through the point `(x, y)` across `vertical`
    /// (a vertical line when we travel horizontally, and the other way round).
    fn crossed_at(&self, grid: &Grid, x: u32, y: u32, travel_vertical: bool, bundle: u32) -> bool {
        let other = |users: &[(u32, u32)]| users.iter().any(|u| u.0 != bundle);
        if travel_vertical {
            x > 0
                && (x as usize) + 1 < grid.xs.len()
                && other(self.users(x - 1, y, false))
                && other(self.users(x, y, false))
        } else {
            y > 0
                && (y as usize) + 1 < grid.ys.len()
                && other(self.users(x, y - 1, true))
                && other(self.users(x, y, true))
        }
    }
}

/// The cheapest path from `start` to `goal` that passes through no box except `allowed`
/// ones, as the grid points where it turns (start and goal included); `None` when there is
/// none or the search ran too long. `vertical_ends`: boxes that lines should leave or
/// reach through their top or bottom (running sideways inside them costs two bends).
pub(super) fn shortest_path(
    grid: &Grid,
    start: Node,
    goal: Node,
    allowed: &[u32],
    occupancy: &Occupancy,
    bundle: u32,
    vertical_ends: [Option<Rect>; 2],
) -> Option<Vec<Node>> {
    if start == goal {
        return Some(vec![start]);
    }
    let (gx, gy) = (grid.xs[goal.0 as usize], grid.ys[goal.1 as usize]);
    let heuristic = |x: u32, y: u32| {
        let (px, py) = (grid.xs[x as usize], grid.ys[y as usize]);
        let straight = (px - gx).abs() + (py - gy).abs();
        // Not in line with the goal: at least one bend to come.
        let bends = if x != goal.0 && y != goal.1 {
            BEND
        } else {
            0.0
        };
        straight * ALONG_SAME + bends
    };
    // State: point and direction of arrival (4 = the start).
    let key = |x: u32, y: u32, d: u8| (u64::from(x) << 35) | (u64::from(y) << 3) | u64::from(d);
    let mut best: IntMap<u64, (f32, u64)> = IntMap::default();
    let mut heap: BinaryHeap<Reverse<(u32, u64, u64)>> = BinaryHeap::new();
    let start_key = key(start.0, start.1, 4);
    best.insert(start_key, (0.0, u64::MAX));
    let mut seq = 0u64;
    heap.push(Reverse((
        heuristic(start.0, start.1).to_bits(),
        seq,
        start_key,
    )));
    let mut steps = 0;
    while let Some(Reverse((_, _, state))) = heap.pop() {
        steps += 1;
        if steps > STEP_LIMIT {
            return None;
        }
        let (x, y, d) = (
            (state >> 35) as u32,
            ((state >> 3) & 0xffff_ffff) as u32,
            (state & 7) as u8,
        );
        let g = best[&state].0;
        if (x, y) == goal {
            return Some(unwind(&best, state));
        }
        for (nd, &(dx, dy)) in DIRS.iter().enumerate() {
            let nd = nd as u8;
            // Never straight back.
            if d < 4 && (nd ^ 1) == d {
                continue;
            }
            let nx = x as i64 + i64::from(dx);
            let ny = y as i64 + i64::from(dy);
            if nx < 0 || ny < 0 || nx as usize >= grid.xs.len() || ny as usize >= grid.ys.len() {
                continue;
            }
            let (nx, ny) = (nx as u32, ny as u32);
            let vertical = dx == 0;
            let (a, b) = if vertical {
                (grid.ys[y as usize], grid.ys[ny as usize])
            } else {
                (grid.xs[x as usize], grid.xs[nx as usize])
            };
            let blocked = if vertical {
                grid.col_blocked(x as usize, a, b, allowed)
            } else {
                grid.row_blocked(y as usize, a, b, allowed)
            };
            if blocked {
                continue;
            }
            let length = (b - a).abs();
            let (ex, ey) = if vertical {
                (x, y.min(ny))
            } else {
                (x.min(nx), y)
            };
            let users = occupancy.users(ex, ey, vertical);
            let per_point = if users.iter().any(|u| u.0 == bundle) {
                ALONG_SAME
            } else if users.is_empty() {
                1.0
            } else {
                1.0 + ALONG_OTHER
            };
            let mut cost = g + length * per_point;
            if d < 4 && d != nd {
                cost += BEND;
            }
            // Between rows, lines leave and reach boxes through their top or bottom.
            if !vertical {
                let y = grid.ys[y as usize];
                let sideways = |r: &Rect| {
                    y > r.min.y && y < r.max.y && a.max(b) > r.min.x && a.min(b) < r.max.x
                };
                if vertical_ends.iter().flatten().any(sideways) {
                    cost += 2.0 * BEND;
                }
            }
            if occupancy.crossed_at(grid, nx, ny, vertical, bundle) {
                cost += CROSSING;
            }
            let next = key(nx, ny, nd);
            let better = match best.entry(next) {
                Entry::Vacant(e) => {
                    e.insert((cost, state));
                    true
                }
                Entry::Occupied(mut e) => {
                    if cost < e.get().0 - 1e-4 {
                        e.insert((cost, state));
                        true
                    } else {
                        false
                    }
                }
            };
            if better {
                seq += 1;
                let f = cost + heuristic(nx, ny);
                heap.push(Reverse((f.max(0.0).to_bits(), seq, next)));
            }
        }
    }
    None
}

/// The turning points of the path that ends in `state`.
fn unwind(best: &IntMap<u64, (f32, u64)>, mut state: u64) -> Vec<Node> {
    let mut points: Vec<Node> = Vec::new();
    loop {
        let node = ((state >> 35) as u32, ((state >> 3) & 0xffff_ffff) as u32);
        if points.last() != Some(&node) {
            points.push(node);
        }
        let Some(&(_, previous)) = best.get(&state) else {
            break;
        };
        if previous == u64::MAX {
            break;
        }
        state = previous;
    }
    points.reverse();
    simplify(points)
}

/// Only the points where the path turns (and its two ends).
pub(super) fn simplify(points: Vec<Node>) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::with_capacity(points.len());
    for p in points {
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            if (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1) {
                out.pop();
            }
        }
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}
