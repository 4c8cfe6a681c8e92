//! Pushing apart lines that the search left on top of each other. Runs of different bundles
//! that share a stretch of the same channel get their own tracks, spread evenly across the
//! free space between the boxes on either side, in the order that crosses least (libavoid's
//! "nudging", simplified). Runs of one bundle keep one track: that is the trunk.

use super::grid::Grid;
use super::sides;
use crate::geom::{Pos, Rect};

/// Space between two neighbouring tracks, at most.
const TRACK_GAP: f32 = 9.0;
/// How far a run may move from where the search put it.
const REACH: f32 = 60.0;
/// Space between two neighbouring tracks, at least (closer, they would read as one).
const MIN_GAP: f32 = 3.0;
/// Space kept between a track and the boxes beside it.
const MARGIN: f32 = 4.0;
/// Tracks in a group, at most, for choosing their order (the swaps are quadratic): a bigger
/// group keeps the order the search left it in.
const MAX_ORDERED: usize = 60;

/// A straight run of a routed line, as the nudging sees it.
#[derive(Clone, Debug)]
struct Run {
    line: usize,
    /// Index of the run's first point in its line.
    index: usize,
    vertical: bool,
    /// x of a vertical run, y of a horizontal one.
    coord: f32,
    lo: f32,
    hi: f32,
    bundle: u32,
    /// Where the neighbouring runs go at each end: −1 towards smaller coordinates, +1
    /// towards larger, 0 at a line's end (or where the line goes straight on). With the
    /// position of that end.
    ends: [(f32, i8); 2],
    /// Where the run may go: free space on both sides.
    free: (f32, f32),
    fixed: bool,
}

/// One line to nudge: its turning points, the boxes at its ends and its bundle.
pub(super) struct Line<'a> {
    pub points: &'a mut Vec<Pos>,
    pub bundle: u32,
    pub ends: [Option<Rect>; 2],
    /// Points the user placed: runs through them stay where they are.
    pub fixed: &'a [Pos],
}

/// Separates the runs of `lines`, in place.
pub(super) fn nudge(grid: &Grid, boxes: &[Option<Rect>], lines: &mut [Line<'_>]) {
    // Where lines part is read from the lines as the search left them, in both passes.
    let original: Vec<Vec<Pos>> = lines.iter().map(|l| l.points.clone()).collect();
    for vertical in [true, false] {
        let mut runs = collect_runs(lines, vertical);
        for run in &mut runs {
            run.free = free_space(grid, boxes, run, &lines[run.line]);
        }
        let placed = place(&mut runs, &original);
        for (run, coord) in runs.iter().zip(placed) {
            let points = &mut *lines[run.line].points;
            for p in &mut points[run.index..=run.index + 1] {
                if vertical {
                    p.x = coord;
                } else {
                    p.y = coord;
                }
            }
        }
    }
}

fn collect_runs(lines: &[Line<'_>], vertical: bool) -> Vec<Run> {
    let mut runs = Vec::new();
    for (l, line) in lines.iter().enumerate() {
        let p = &line.points;
        for i in 0..p.len().saturating_sub(1) {
            let (a, b) = (p[i], p[i + 1]);
            let is_vertical = (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() >= 0.01;
            let is_horizontal = (a.y - b.y).abs() < 0.01 && (a.x - b.x).abs() >= 0.01;
            if (vertical && !is_vertical) || (!vertical && !is_horizontal) {
                continue;
            }
            let along = |q: Pos| if vertical { q.y } else { q.x };
            let across = |q: Pos| if vertical { q.x } else { q.y };
            let coord = across(a);
            let turn = |neighbour: Option<&Pos>| -> i8 {
                neighbour.map_or(0, |q| {
                    let d = across(*q) - coord;
                    if d > 0.01 {
                        1
                    } else if d < -0.01 {
                        -1
                    } else {
                        0
                    }
                })
            };
            let start = (along(a), turn(i.checked_sub(1).and_then(|j| p.get(j))));
            let end = (along(b), turn(p.get(i + 2)));
            let (lo, hi) = (along(a).min(along(b)), along(a).max(along(b)));
            let fixed = line.fixed.iter().any(|f| {
                (across(*f) - coord).abs() < 0.01
                    && along(*f) >= lo - 0.01
                    && along(*f) <= hi + 0.01
            });
            runs.push(Run {
                line: l,
                index: i,
                vertical,
                coord,
                lo,
                hi,
                bundle: line.bundle,
                ends: [start, end],
                free: (coord, coord),
                fixed,
            });
        }
    }
    runs
}

/// The free space on either side of a run: up to the nearest box that it does not pass
/// through, within reach; a run that starts or ends inside an end box stays on that box's
/// side.
fn free_space(grid: &Grid, boxes: &[Option<Rect>], run: &Run, line: &Line<'_>) -> (f32, f32) {
    if run.fixed {
        return (run.coord, run.coord);
    }
    let coords = if run.vertical { &grid.xs } else { &grid.ys };
    let lookup = |i: usize| grid.line_boxes(run.vertical, i, run.lo, run.hi);
    let extent = |b: u32| -> Option<(f32, f32)> {
        boxes[b as usize].map(|r| {
            if run.vertical {
                (r.min.x, r.max.x)
            } else {
                (r.min.y, r.max.y)
            }
        })
    };
    let passes = |b: u32| extent(b).is_some_and(|(a, z)| a < run.coord && run.coord < z);
    let mut low = run.coord - REACH;
    let mut high = run.coord + REACH;
    let at = coords.partition_point(|&c| c < run.coord);
    // Walk outwards over the grid lines until a box that the run does not pass through.
    for i in (0..at).rev() {
        if coords[i] <= low {
            break;
        }
        if let Some(edge) = lookup(i)
            .filter(|&b| !passes(b))
            .filter_map(extent)
            .map(|e| e.1)
            .reduce(f32::max)
        {
            low = low.max(edge + MARGIN);
            break;
        }
    }
    for (i, &c) in coords.iter().enumerate().skip(at) {
        if c >= high {
            break;
        }
        if let Some(edge) = lookup(i)
            .filter(|&b| !passes(b))
            .filter_map(extent)
            .map(|e| e.0)
            .reduce(f32::min)
        {
            high = high.min(edge - MARGIN);
            break;
        }
    }
    // Runs that start or end in an end box stay on its side, clear of its corners.
    let point = |along: f32| {
        if run.vertical {
            Pos::new(run.coord, along)
        } else {
            Pos::new(along, run.coord)
        }
    };
    for r in line.ends.iter().flatten() {
        let inside = |p: Pos| p.x > r.min.x && p.x < r.max.x && p.y > r.min.y && p.y < r.max.y;
        if inside(point(run.lo)) || inside(point(run.hi)) {
            let (a, z) = if run.vertical {
                (r.min.x, r.max.x)
            } else {
                (r.min.y, r.max.y)
            };
            let corner = ((z - a) / 2.0).min(12.0);
            low = low.max(a + corner);
            high = high.min(z - corner);
        }
    }
    if low > run.coord || high < run.coord {
        // The search's own line is always clear; never move a run somewhere worse.
        (run.coord, run.coord)
    } else {
        (low, high)
    }
}

/// New coordinates for the runs, in the same order.
fn place(runs: &mut [Run], original: &[Vec<Pos>]) -> Vec<f32> {
    let mut out: Vec<f32> = runs.iter().map(|r| r.coord).collect();
    // Tracks: runs of one bundle on the same line sharing a stretch move together.
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&runs[a], &runs[b]);
        ra.coord
            .total_cmp(&rb.coord)
            .then(ra.bundle.cmp(&rb.bundle))
            .then(ra.lo.total_cmp(&rb.lo))
            .then(a.cmp(&b))
    });
    let mut tracks: Vec<Track> = Vec::new();
    for &i in &order {
        let r = &runs[i];
        if let Some(t) = tracks.last_mut()
            && t.coord == r.coord
            && t.bundle == r.bundle
            && r.lo <= t.hi + 0.5
        {
            t.hi = t.hi.max(r.hi);
            t.free = (t.free.0.max(r.free.0), t.free.1.min(r.free.1));
            t.fixed |= r.fixed;
            t.runs.push(i);
            continue;
        }
        tracks.push(Track {
            coord: r.coord,
            bundle: r.bundle,
            lo: r.lo,
            hi: r.hi,
            free: r.free,
            fixed: r.fixed,
            runs: vec![i],
        });
    }
    // Tracks that could touch: sharing a stretch and some free space, of different bundles.
    let mut parent: Vec<usize> = (0..tracks.len()).collect();
    let mut by_lo: Vec<usize> = (0..tracks.len()).collect();
    by_lo.sort_by(|&a, &b| tracks[a].lo.total_cmp(&tracks[b].lo).then(a.cmp(&b)));
    let mut active: Vec<usize> = Vec::new();
    for &t in &by_lo {
        active.retain(|&a| tracks[a].hi > tracks[t].lo + 0.5);
        for &a in &active {
            if conflict(&tracks[a], &tracks[t]) {
                union(&mut parent, a, t);
            }
        }
        active.push(t);
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for t in 0..tracks.len() {
        let root = find(&mut parent, t);
        groups.entry(root).or_default().push(t);
    }
    for members in groups.into_values() {
        if members.iter().any(|&t| tracks[t].fixed) {
            continue;
        }
        let members = split_parted(&mut tracks, runs, original, &members);
        let (ordered, coords) = arrange(&tracks, runs, original, members);
        for (&t, coord) in ordered.iter().zip(coords) {
            for &r in &tracks[t].runs {
                out[r] = coord;
            }
        }
    }
    out
}

/// Whether every run of the track starts (or ends) its line at one point: a trunk where it
/// leaves (or reaches) the box its lines share. Only there is a trunk split: further along,
/// splitting long shared runs put other lines on top of them (all of England, where lines
/// run long once the routing hurries: 11,705 overlaps became 12,693).
fn is_stem(track: &Track, runs: &[Run], original: &[Vec<Pos>]) -> bool {
    // The ends of a run that are ends of its line (a line drawn plainly may go straight on
    // from one run to the next, which also reads as no turn).
    let line_ends = |r: usize| {
        let run = &runs[r];
        let last = original[run.line].len() - 2;
        [
            (run.index == 0).then_some(run.ends[0].0),
            (run.index == last).then_some(run.ends[1].0),
        ]
        .into_iter()
        .flatten()
    };
    line_ends(track.runs[0]).any(|p| {
        track.runs[1..]
            .iter()
            .all(|&r| line_ends(r).any(|q| (q - p).abs() < 0.01))
    })
}

/// The tracks of a group in order, and their coordinates. The order where the lines part
/// asks for can put a track on a side where it has no room (a box close by along its
/// stretch), and then two tracks end up on top of each other; the order the search left
/// them in is kept where that squeezes fewer.
fn arrange(
    tracks: &[Track],
    runs: &[Run],
    original: &[Vec<Pos>],
    members: Vec<usize>,
) -> (Vec<usize>, Vec<f32>) {
    let ordered = crossing_order(tracks, runs, original, members.clone(), true);
    let coords = track_coords(tracks, &ordered);
    // (A group too big to order keeps the search's order either way.)
    if ordered.len() > MAX_ORDERED {
        return (ordered, coords);
    }
    let squeezed = squeezed_pairs(tracks, &ordered, &coords);
    if squeezed > 0 {
        let kept = crossing_order(tracks, runs, original, members, false);
        let kept_coords = track_coords(tracks, &kept);
        if squeezed_pairs(tracks, &kept, &kept_coords) < squeezed {
            return (kept, kept_coords);
        }
    }
    (ordered, coords)
}

/// A bundle's track that another line on the same grid line parts from on both sides (a
/// fan whose lines leave one box together and turn left and right, with another line from
/// that box going straight on between them) becomes two tracks, one per side, so that the
/// other line can run between them rather than cross one of the branches: the trunk splits
/// where it starts, as dot's separate lines would. Only a trunk where its lines leave or
/// reach their shared box is split ([`is_stem`]), and only while the group stays small
/// enough to order ([`MAX_ORDERED`]). Returns the group's members with each split track
/// replaced by its two halves (added to `tracks`).
fn split_parted(
    tracks: &mut Vec<Track>,
    runs: &[Run],
    original: &[Vec<Pos>],
    members: &[usize],
) -> Vec<usize> {
    if members.len() < 2 || members.len() > MAX_ORDERED {
        return members.to_vec();
    }
    let mut split = Vec::with_capacity(members.len());
    for (k, &t) in members.iter().enumerate() {
        // Each split adds a track to the group; past MAX_ORDERED it would lose its order.
        let room = split.len() + 2 + (members.len() - k - 1) <= MAX_ORDERED;
        if !room || tracks[t].runs.len() < 2 || !is_stem(&tracks[t], runs, original) {
            split.push(t);
            continue;
        }
        let others: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&u| {
                tracks[u].bundle != tracks[t].bundle
                    && (tracks[u].coord - tracks[t].coord).abs() < 0.01
            })
            .collect();
        if others.is_empty() {
            split.push(t);
            continue;
        }
        // Per run of the track: how strongly it goes before (positive) or after the others.
        let votes: Vec<i32> = tracks[t]
            .runs
            .iter()
            .map(|&ra| {
                others
                    .iter()
                    .flat_map(|&u| &tracks[u].runs)
                    .map(|&rb| run_vote(runs, original, ra, rb))
                    .sum()
            })
            .collect();
        let before = votes.iter().filter(|&&v| v > 0).count();
        let after = votes.iter().filter(|&&v| v < 0).count();
        if before == 0 || after == 0 {
            split.push(t);
            continue;
        }
        // Runs that say nothing go with the bigger side (the first on a tie).
        let goes_after = |v: i32| v < 0 || (v == 0 && after > before);
        let (mut first, mut second) = (Vec::new(), Vec::new());
        for (&r, &v) in tracks[t].runs.iter().zip(&votes) {
            if goes_after(v) {
                second.push(r);
            } else {
                first.push(r);
            }
        }
        // Each half keeps the whole track's room: the groups were made with it, and a half
        // given more could be placed on a track of another group.
        let (bundle, free) = (tracks[t].bundle, tracks[t].free);
        for half in [first, second] {
            tracks.push(Track::of_runs(runs, bundle, free, half));
            split.push(tracks.len() - 1);
        }
    }
    split
}

/// Coordinates for the tracks of a group, in `ordered` order: spread evenly about the
/// middle of the free space they share, or, where there is none shared by all, each as
/// near its own place as it can be; never into a box.
fn track_coords(tracks: &[Track], ordered: &[usize]) -> Vec<f32> {
    let free = ordered.iter().fold((f32::MIN, f32::MAX), |f, &t| {
        (f.0.max(tracks[t].free.0), f.1.min(tracks[t].free.1))
    });
    let n = ordered.len() as f32;
    let (gap, targets): (f32, Vec<f32>) = if free.0 <= free.1 {
        let middle = (free.0 + free.1) / 2.0;
        let gap = TRACK_GAP.min((free.1 - free.0) / (n + 1.0)).max(MIN_GAP);
        (gap, vec![middle; ordered.len()])
    } else {
        (
            MIN_GAP.max(TRACK_GAP / 2.0),
            ordered
                .iter()
                .map(|&t| tracks[t].coord.clamp(tracks[t].free.0, tracks[t].free.1))
                .collect(),
        )
    };
    spaced(&targets, gap)
        .into_iter()
        .zip(ordered)
        // Never into a box: a run kept from its neighbour by less is better than that.
        .map(|(coord, &t)| coord.clamp(tracks[t].free.0, tracks[t].free.1))
        .collect()
}

/// Pairs of tracks of different bundles that share a stretch and were placed on top of
/// each other (closer than half the least gap).
fn squeezed_pairs(tracks: &[Track], ordered: &[usize], coords: &[f32]) -> usize {
    let mut count = 0;
    for i in 0..ordered.len() {
        for j in i + 1..ordered.len() {
            let (a, b) = (&tracks[ordered[i]], &tracks[ordered[j]]);
            if a.bundle != b.bundle
                && a.hi.min(b.hi) - a.lo.max(b.lo) > 0.5
                && (coords[i] - coords[j]).abs() < MIN_GAP / 2.0
            {
                count += 1;
            }
        }
    }
    count
}

/// Positions in order, each at least `gap` after the one before, as near their targets as
/// can be (least squares): pool-adjacent-violators on the targets shifted by `k × gap`.
fn spaced(targets: &[f32], gap: f32) -> Vec<f32> {
    // Blocks of (sum, count) whose mean is non-decreasing.
    let mut blocks: Vec<(f32, usize)> = Vec::new();
    for (k, &t) in targets.iter().enumerate() {
        blocks.push((t - k as f32 * gap, 1));
        while blocks.len() >= 2 {
            let (s1, c1) = blocks[blocks.len() - 1];
            let (s0, c0) = blocks[blocks.len() - 2];
            if s0 / c0 as f32 <= s1 / c1 as f32 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s0 + s1, c0 + c1);
        }
    }
    let mut out = Vec::with_capacity(targets.len());
    for (sum, count) in blocks {
        let mean = sum / count as f32;
        for _ in 0..count {
            let k = out.len();
            out.push(mean + k as f32 * gap);
        }
    }
    out
}

struct Track {
    coord: f32,
    bundle: u32,
    lo: f32,
    hi: f32,
    free: (f32, f32),
    fixed: bool,
    runs: Vec<usize>,
}

impl Track {
    /// The track of `members` (at least one), runs of one bundle on one grid line, with
    /// the room `free`.
    fn of_runs(runs: &[Run], bundle: u32, free: (f32, f32), members: Vec<usize>) -> Track {
        let first = &runs[members[0]];
        let mut t = Track {
            coord: first.coord,
            bundle,
            lo: first.lo,
            hi: first.hi,
            free,
            fixed: false,
            runs: Vec::new(),
        };
        for &r in &members {
            let r = &runs[r];
            t.lo = t.lo.min(r.lo);
            t.hi = t.hi.max(r.hi);
            t.fixed |= r.fixed;
        }
        t.runs = members;
        t
    }
}

fn conflict(a: &Track, b: &Track) -> bool {
    let shared = a.hi.min(b.hi) - a.lo.max(b.lo);
    let free = a.free.1.min(b.free.1) - a.free.0.max(b.free.0);
    a.bundle != b.bundle && shared > 0.5 && free >= 0.0 && (a.coord - b.coord).abs() < 2.0 * REACH
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Crossings made by putting track `a` before (at a smaller coordinate than) track `b`:
/// a run of `a` turning towards larger coordinates inside `b`'s stretch crosses `b`, and a
/// run of `b` turning towards smaller ones inside `a`'s stretch crosses `a`.
fn cost_before(tracks: &[Track], runs: &[Run], a: usize, b: usize) -> usize {
    let inside = |t: &Track, p: f32| p > t.lo + 0.5 && p < t.hi - 0.5;
    let count = |t: usize, other: usize, toward: i8| {
        tracks[t]
            .runs
            .iter()
            .flat_map(|&r| runs[r].ends)
            .filter(|&(p, turn)| turn == toward && inside(&tracks[other], p))
            .count()
    };
    count(a, b, 1) + count(b, a, -1)
}

/// How strongly where their lines part asks for track `a` before (at a smaller coordinate
/// than) track `b`, for two tracks on one grid line: a vote per pair of their runs that
/// share a stretch (negative: `b` before `a`).
fn parting_votes(tracks: &[Track], runs: &[Run], original: &[Vec<Pos>], a: usize, b: usize) -> i32 {
    tracks[a]
        .runs
        .iter()
        .flat_map(|&ra| tracks[b].runs.iter().map(move |&rb| (ra, rb)))
        .map(|(ra, rb)| run_vote(runs, original, ra, rb))
        .sum()
}

/// Where their lines part asks for run `ra` before (+1) or after (−1) run `rb`, two runs on
/// one grid line; 0 when it does not say, or when the runs did not share a stretch as the
/// search left them (`side` follows the lines from there: the first pass of the nudging
/// may have moved their corners since).
fn run_vote(runs: &[Run], original: &[Vec<Pos>], ra: usize, rb: usize) -> i32 {
    let stretch = |r: &Run| {
        let p = &original[r.line];
        let along = |q: Pos| if r.vertical { q.y } else { q.x };
        let (s, e) = (along(p[r.index]), along(p[r.index + 1]));
        (s.min(e), s.max(e))
    };
    let (x, y) = (&runs[ra], &runs[rb]);
    let ((xlo, xhi), (ylo, yhi)) = (stretch(x), stretch(y));
    if xhi.min(yhi) - xlo.max(ylo) > 0.5 {
        -i32::from(sides::side(
            &original[x.line],
            x.index,
            &original[y.line],
            y.index,
        ))
    } else {
        0
    }
}

/// The tracks of a group in the order that crosses least. With `parting`, tracks the search
/// put on one grid line (on top of each other) go in the order where their lines part asks
/// for ([`sides`]); other tracks keep their order unless a turn inside the other's stretch
/// says otherwise, and without `parting` so do all. Neighbours are then swapped while that
/// saves crossings.
fn crossing_order(
    tracks: &[Track],
    runs: &[Run],
    original: &[Vec<Pos>],
    mut members: Vec<usize>,
    parting: bool,
) -> Vec<usize> {
    members.sort_by(|&a, &b| {
        tracks[a]
            .coord
            .total_cmp(&tracks[b].coord)
            .then(tracks[a].lo.total_cmp(&tracks[b].lo))
            .then(a.cmp(&b))
    });
    if members.len() > MAX_ORDERED {
        return members;
    }
    let n = members.len();
    let same_line =
        |a: usize, b: usize| parting && (tracks[a].coord - tracks[b].coord).abs() < 0.01;
    // votes[i][j]: for members i and j on one grid line, how strongly i goes before j.
    let mut votes = vec![vec![0i32; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            if same_line(members[i], members[j]) {
                let v = parting_votes(tracks, runs, original, members[i], members[j]);
                votes[i][j] = v;
                votes[j][i] = -v;
            }
        }
    }
    // Within each grid line, first by how many of the others ask to go after each track.
    let position: std::collections::HashMap<usize, usize> =
        members.iter().enumerate().map(|(k, &t)| (t, k)).collect();
    let wanted_after: Vec<i32> = (0..n)
        .map(|i| (0..n).map(|j| votes[j][i].signum()).sum())
        .collect();
    members.sort_by(|&a, &b| {
        let (i, j) = (position[&a], position[&b]);
        tracks[a]
            .coord
            .total_cmp(&tracks[b].coord)
            .then(wanted_after[i].cmp(&wanted_after[j]))
            .then(i.cmp(&j))
    });
    for _ in 0..n {
        let mut changed = false;
        for k in 0..n.saturating_sub(1) {
            let (a, b) = (members[k], members[k + 1]);
            // Where parting says nothing (the lines end together), turns inside the other's
            // stretch still do.
            let vote = votes[position[&a]][position[&b]];
            let swap = if same_line(a, b) && vote != 0 {
                vote < 0
            } else {
                cost_before(tracks, runs, b, a) < cost_before(tracks, runs, a, b)
            };
            if swap {
                members.swap(k, k + 1);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    members
}
