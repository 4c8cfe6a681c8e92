//! The shortest orthogonal path on the routing grid (A*), counting length, bends, and what
//! the lines already routed make of it: running along a line of the same bundle is cheap
//! (bundles form trunks), along another line dear (they would have to be pushed apart), and
//! crossing another line dearer still. After Wybrow, Marriott and Stuckey, "Orthogonal
//! connector routing" (GD 2009), on a grid of box sides and channel middles.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::grid::Grid;
use crate::geom::Rect;

/// What a bend costs, in points of length.
const BEND: f32 = 36.0;
/// What crossing another line costs.
pub(super) const CROSSING: f32 = 90.0;
/// What running along a line of another bundle costs, per point.
const ALONG_OTHER: f32 = 0.6;
/// What running along a line of the same bundle costs, per point (cheaper than free space).
const ALONG_SAME: f32 = 0.35;
/// A search that minds the other lines gives up after this many steps, plus a few per grid
/// line between its ends; the line is then searched for again minding only the boxes.
const STEP_LIMIT: usize = 8_000;
/// Steps allowed per grid line between the two ends, on top of [`STEP_LIMIT`].
const STEPS_PER_LINE: usize = 16;
/// A search that minds only the boxes gives up after this many steps (the caller then
/// draws a plain line): only a box walled in by others takes it that far.
const PLAIN_STEP_LIMIT: usize = 20_000;

/// How much the search that minds only the boxes overestimates what is left.
pub(super) const PLAIN_WEIGHT: f32 = 1.5;

/// Directions of travel: right, left, down, up.
const DIRS: [(i32, i32); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];

/// A grid point, by index into the grid's xs and ys.
pub(super) type Node = (u32, u32);

/// Which bundles run along each grid edge: for the edge from the point `(x, y)` to the next
/// point right (or down), a slot in `users` (0: nobody).
pub(super) struct Occupancy {
    width: usize,
    slots: Vec<u32>,
    /// Per used edge, the bundles on it, each with how many of its lines.
    users: Vec<Vec<(u32, u32)>>,
}

impl Occupancy {
    /// No lines yet, on `grid`.
    pub fn new(grid: &Grid) -> Occupancy {
        Occupancy {
            width: grid.xs.len(),
            slots: vec![0; grid.xs.len() * grid.ys.len() * 2],
            users: vec![Vec::new()],
        }
    }

    fn slot(&self, x: u32, y: u32, vertical: bool) -> usize {
        (y as usize * self.width + x as usize) * 2 + usize::from(vertical)
    }

    /// Marks the path's edges as used by a line of `bundle`.
    pub fn add(&mut self, path: &[Node], bundle: u32) {
        self.walk(path, |o, slot| {
            if o.slots[slot] == 0 {
                o.slots[slot] = o.users.len() as u32;
                o.users.push(Vec::new());
            }
            let users = &mut o.users[o.slots[slot] as usize];
            match users.iter_mut().find(|u| u.0 == bundle) {
                Some(u) => u.1 += 1,
                None => users.push((bundle, 1)),
            }
        });
    }

    /// Takes a line of `bundle` off the path's edges again.
    pub fn remove(&mut self, path: &[Node], bundle: u32) {
        self.walk(path, |o, slot| {
            let users = &mut o.users[o.slots[slot] as usize];
            if let Some(u) = users.iter_mut().find(|u| u.0 == bundle) {
                u.1 -= 1;
            }
            users.retain(|u| u.1 > 0);
        });
    }

    fn walk(&mut self, path: &[Node], mut f: impl FnMut(&mut Occupancy, usize)) {
        for (x, y, vertical) in path_edges(path) {
            let slot = self.slot(x, y, vertical);
            f(self, slot);
        }
    }

    /// Whether a line of `bundle` along `path` neither runs along nor crosses a line of
    /// another bundle.
    pub fn clear_for(&self, grid: &Grid, path: &[Node], bundle: u32) -> bool {
        path_edges(path).all(|(x, y, vertical)| {
            !self.users(x, y, vertical).iter().any(|u| u.0 != bundle)
                && !self.crossed_after(grid, (x, y, vertical), bundle)
        })
    }

    /// How many times a line of `bundle` along `path` crosses a line of another bundle.
    pub fn crossings(&self, grid: &Grid, path: &[Node], bundle: u32) -> usize {
        path_edges(path)
            .filter(|&edge| self.crossed_after(grid, edge, bundle))
            .count()
    }

    /// Whether a line of another bundle crosses the far end of a path's edge (its near end
    /// is the far end of the edge before).
    fn crossed_after(&self, grid: &Grid, (x, y, vertical): (u32, u32, bool), bundle: u32) -> bool {
        let (nx, ny) = if vertical { (x, y + 1) } else { (x + 1, y) };
        self.crossed_at(grid, nx, ny, vertical, bundle)
    }

    fn users(&self, x: u32, y: u32, vertical: bool) -> &[(u32, u32)] {
        &self.users[self.slots[self.slot(x, y, vertical)] as usize]
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

/// The grid edges along a path of turning points, each as the point it starts from (the
/// nearer to the top left) and whether it runs down.
fn path_edges(path: &[Node]) -> impl Iterator<Item = (u32, u32, bool)> + '_ {
    path.windows(2).flat_map(|w| {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let vertical = x0 == x1 && y0 != y1;
        let (lo, hi) = if vertical {
            (y0.min(y1), y0.max(y1))
        } else {
            (x0.min(x1), x0.max(x1))
        };
        (lo..hi).map(move |k| {
            if vertical {
                (x0, k, true)
            } else {
                (k, y0, false)
            }
        })
    })
}

/// The search's working memory, kept between the searches of one routing so that each
/// search costs what it explores, not the size of the grid: per state (grid point and
/// direction of arrival), its cost so far and where it came from, valid when stamped with
/// the current search's number.
pub(super) struct Scratch {
    width: usize,
    cost: Vec<f32>,
    previous: Vec<u32>,
    stamp: Vec<u32>,
    search: u32,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
    /// Points searched so far, over every search made with this scratch.
    pub spent: usize,
    /// Points the searches made with this scratch should visit in all, at most: past it
    /// the routing hurries (see `SEARCH_BUDGET`).
    pub budget: usize,
    /// Whether every line is a draft: a short search minding only the boxes (`Care::Draft`).
    pub drafting: bool,
}

/// Arrival directions per point: the four of [`DIRS`] and "the start".
const ARRIVALS: usize = 5;
const START: u8 = 4;

impl Scratch {
    /// Working memory for searches on `grid`.
    pub fn new(grid: &Grid) -> Scratch {
        let states = grid.xs.len() * grid.ys.len() * ARRIVALS;
        Scratch {
            width: grid.xs.len(),
            cost: vec![0.0; states],
            previous: vec![0; states],
            stamp: vec![0; states],
            search: 0,
            heap: BinaryHeap::new(),
            spent: 0,
            budget: usize::MAX,
            drafting: false,
        }
    }

    fn state(&self, x: u32, y: u32, d: u8) -> u32 {
        ((y as usize * self.width + x as usize) * ARRIVALS + d as usize) as u32
    }

    fn unpack(&self, state: u32) -> (u32, u32, u8) {
        let s = state as usize;
        let point = s / ARRIVALS;
        (
            (point % self.width) as u32,
            (point / self.width) as u32,
            (s % ARRIVALS) as u8,
        )
    }

    fn begin(&mut self) {
        self.heap.clear();
        self.search = self.search.wrapping_add(1);
        if self.search == 0 {
            self.stamp.fill(0);
            self.search = 1;
        }
    }

    fn known(&self, state: u32) -> Option<f32> {
        (self.stamp[state as usize] == self.search).then(|| self.cost[state as usize])
    }

    fn set(&mut self, state: u32, cost: f32, previous: u32) {
        let s = state as usize;
        self.stamp[s] = self.search;
        self.cost[s] = cost;
        self.previous[s] = previous;
    }
}

/// What a search minds besides the boxes.
#[derive(Clone, Copy)]
pub(super) struct Minding<'a> {
    /// The lines already routed.
    pub occupancy: &'a Occupancy,
    /// The bundle of the line searched for.
    pub bundle: u32,
    /// Boxes that lines should leave or reach through their top or bottom (running
    /// sideways inside them costs two bends).
    pub vertical_ends: [Option<Rect>; 2],
    /// What crossing another line costs.
    pub crossing: f32,
}

impl<'a> Minding<'a> {
    /// Minding the lines in `occupancy` as a line of `bundle`, a crossing priced at
    /// `crossing`; no ends to leave through their top or bottom (the caller sets those per
    /// leg of the line).
    pub fn of(occupancy: &'a Occupancy, bundle: u32, crossing: f32) -> Minding<'a> {
        Minding {
            occupancy,
            bundle,
            vertical_ends: [None, None],
            crossing,
        }
    }
}

/// The cheapest path from `start` to `goal` that passes through no box except `allowed`
/// ones, as the grid points where it turns (start and goal included); `None` when there is
/// none (or none found in [`PLAIN_STEP_LIMIT`] steps). The other lines are minded first; a
/// search that runs long among them (a long line across a crowded page, where every line
/// crossed makes it look further afield) is done again minding only the boxes.
pub(super) fn shortest_path(
    grid: &Grid,
    scratch: &mut Scratch,
    (start, goal): (Node, Node),
    allowed: &[u32],
    minding: &Minding<'_>,
) -> Option<Vec<Node>> {
    if start == goal {
        return Some(vec![start]);
    }
    let lines_apart = start.0.abs_diff(goal.0) as usize + start.1.abs_diff(goal.1) as usize;
    let limit = STEP_LIMIT + STEPS_PER_LINE * lines_apart;
    search(
        grid,
        scratch,
        (start, goal),
        allowed,
        Some(minding),
        (limit, 1.0),
    )
    .or_else(|| {
        search(
            grid,
            scratch,
            (start, goal),
            allowed,
            None,
            (PLAIN_STEP_LIMIT, PLAIN_WEIGHT),
        )
    })
}

/// A way from `start` to `goal` minding only the boxes, in at most `limit` steps, what is
/// left overestimated `weight` times: for drafts, and for lines routed once the whole
/// routing's budget is spent.
pub(super) fn quick_path(
    grid: &Grid,
    scratch: &mut Scratch,
    ends: (Node, Node),
    allowed: &[u32],
    (limit, weight): (usize, f32),
) -> Option<Vec<Node>> {
    if ends.0 == ends.1 {
        return Some(vec![ends.0]);
    }
    search(grid, scratch, ends, allowed, None, (limit, weight))
}

/// A* from `start` to `goal`, minding the other lines when `minding` is given; `None` when
/// there is no way or it takes more than `limit` steps. What is left is estimated `weight`
/// times (1: the cheapest way; more: a way found sooner, a little longer).
fn search(
    grid: &Grid,
    scratch: &mut Scratch,
    (start, goal): (Node, Node),
    allowed: &[u32],
    minding: Option<&Minding<'_>>,
    (limit, weight): (usize, f32),
) -> Option<Vec<Node>> {
    let (gx, gy) = (grid.xs[goal.0 as usize], grid.ys[goal.1 as usize]);
    // The estimate counts every point of the way at full price, although a run along a
    // trunk costs only ALONG_SAME of it: it may then miss a trunk a little out of the way,
    // but it searches five to ten times fewer points than an estimate at the trunk's price
    // (measured on the examples: crossings within a few either way, lines to the end of the
    // same boxes), and routing has to keep up with a drag.
    // The search that minds only the boxes is the fallback for long lines across crowded
    // pages, where a way round every row of boxes in turn would be searched for at length:
    // overestimating what is left by half finds a way in a fraction of the steps (on all of
    // England, 8 times fewer lines given up and drawn through boxes), a little longer than the
    // shortest.
    let heuristic = |x: u32, y: u32, d: u8| {
        let (px, py) = (grid.xs[x as usize], grid.ys[y as usize]);
        let straight = (px - gx).abs() + (py - gy).abs();
        (straight + BEND * bends_to_come((x, y), d, goal)) * weight
    };
    scratch.begin();
    let start_state = scratch.state(start.0, start.1, START);
    scratch.set(start_state, 0.0, u32::MAX);
    let h0 = heuristic(start.0, start.1, START);
    scratch.heap.push(Reverse((key(h0, h0), start_state)));
    let mut steps = 0;
    while let Some(Reverse((k, state))) = scratch.heap.pop() {
        let (x, y, d) = scratch.unpack(state);
        let g = scratch.cost[state as usize];
        // A stale entry: the state was reached more cheaply after it was queued.
        if (k >> 32) as u32 > ticks(g + heuristic(x, y, d)) {
            continue;
        }
        steps += 1;
        scratch.spent += 1;
        if steps > limit {
            return None;
        }
        if (x, y) == goal {
            return Some(unwind(scratch, state));
        }
        for (nd, &(dx, dy)) in DIRS.iter().enumerate() {
            let nd = nd as u8;
            // Never straight back.
            if d < START && (nd ^ 1) == d {
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
            if grid.edge_blocked(x.min(nx), y.min(ny), vertical, allowed) {
                continue;
            }
            let length = (b - a).abs();
            let mut cost = g + length;
            if d < START && d != nd {
                cost += BEND;
            }
            if let Some(m) = minding {
                let (ex, ey) = if vertical {
                    (x, y.min(ny))
                } else {
                    (x.min(nx), y)
                };
                let users = m.occupancy.users(ex, ey, vertical);
                if users.iter().any(|u| u.0 == m.bundle) {
                    cost -= length * (1.0 - ALONG_SAME);
                } else if !users.is_empty() {
                    cost += length * ALONG_OTHER;
                }
                // Between rows, lines leave and reach boxes through their top or bottom.
                if !vertical {
                    let y = grid.ys[y as usize];
                    let sideways = |r: &Rect| {
                        y > r.min.y && y < r.max.y && a.max(b) > r.min.x && a.min(b) < r.max.x
                    };
                    if m.vertical_ends.iter().flatten().any(sideways) {
                        cost += 2.0 * BEND;
                    }
                }
                if m.occupancy.crossed_at(grid, nx, ny, vertical, m.bundle) {
                    cost += m.crossing;
                }
            }
            let next = scratch.state(nx, ny, nd);
            if scratch.known(next).is_none_or(|known| cost < known - 1e-4) {
                scratch.set(next, cost, state);
                let h = heuristic(nx, ny, nd);
                scratch.heap.push(Reverse((key(cost + h, h), next)));
            }
        }
    }
    None
}

/// The fewest bends a path still needs from point `at`, arrived at travelling `d` (an
/// index into [`DIRS`], or [`START`]), to `goal`: none when the goal lies straight ahead,
/// one when it lies ahead on one side or square to the way of travel, two when it is behind
/// (no path turns straight back). Counting them in the estimate keeps the search from
/// trying every point of a long straight run in turn when the turn still has to come.
fn bends_to_come(at: Node, d: u8, goal: Node) -> f32 {
    // How far the goal lies ahead of the point along each axis, as -1, 0 or 1.
    let ahead_x = i64::from(goal.0).cmp(&i64::from(at.0)) as i64;
    let ahead_y = i64::from(goal.1).cmp(&i64::from(at.1)) as i64;
    if d == START {
        return if ahead_x != 0 && ahead_y != 0 {
            1.0
        } else {
            0.0
        };
    }
    let (dx, dy) = DIRS[d as usize];
    let (along, across) = if dx != 0 {
        (ahead_x * i64::from(dx), ahead_y)
    } else {
        (ahead_y * i64::from(dy), ahead_x)
    };
    match (along, across) {
        (0, 0) => 0.0,
        (1, 0) => 0.0,
        (-1, 0) => 2.0,
        (1, _) | (0, _) => 1.0,
        (_, _) => 2.0,
    }
}

/// A cost in the queue's units (1/16 pt). Paths whose estimates differ by less than that
/// are taken as equal, and among equals the one nearest the goal is searched first: on a
/// grid most ways between two points are equally short, and taking them in the order they
/// were queued would search the whole rectangle between the ends, a breadth-first flood.
fn ticks(cost: f32) -> u32 {
    // Not `round`: a library call, and this runs for every state queued.
    (cost.max(0.0) * 16.0 + 0.5) as u32
}

/// The queue's order: by estimated total, then by what is left (nearest the goal first),
/// then by state number (so that the order, and the path found, never depend on chance).
fn key(total: f32, left: f32) -> u64 {
    (u64::from(ticks(total)) << 32) | u64::from(ticks(left))
}

/// The turning points of the path that ends in `state`.
fn unwind(scratch: &Scratch, mut state: u32) -> Vec<Node> {
    let mut points: Vec<Node> = Vec::new();
    loop {
        let (x, y, _) = scratch.unpack(state);
        if points.last() != Some(&(x, y)) {
            points.push((x, y));
        }
        let previous = scratch.previous[state as usize];
        if previous == u32::MAX {
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
