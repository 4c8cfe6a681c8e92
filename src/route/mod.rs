//! Routed lines (diagram.md, "Lines"): orthogonal paths in the gaps between boxes, with no
//! line through a box that is not one of its ends (or a group holding one), links of one
//! kind that share an end bundled into a trunk, and the user's bends (`via`) honoured.
//!
//! It takes boxes and links and returns paths; the scene draws them, and the editor asks
//! again, through [`reroute`], for the lines a drag touched. No egui here.
//!
//! How: every line is searched for on a grid of the coordinates just outside each box,
//! through each box's centre and along the middle of wide gaps (an orthogonal visibility
//! grid, as in Wybrow, Marriott and Stuckey's libavoid), by A* minimising length and bends
//! and what it costs to run along or across the lines already routed; then runs that ended
//! up on top of each other are pushed apart onto tracks ([`nudge`]).
//!
//! The measures of readability live beside it, in [`measure`].

mod grid;
pub mod measure;
mod nudge;
mod search;
mod sides;

use std::collections::HashMap;

use crate::geom::{Pos, Rect};
use crate::model::LinkKind;
use grid::Grid;
use search::{Minding, Node, Occupancy, Scratch};

pub use measure::{Drawing, DrawnLine, Readability, measure, measure_scene};

/// One line to route between two boxes (by body position).
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The box the line starts at.
    pub from: usize,
    /// The box the line ends at.
    pub to: usize,
    /// Lines of one kind that share an end are bundled.
    pub kind: LinkKind,
    /// Bends the user placed, in order from `from` to `to`.
    pub via: Vec<Pos>,
}

/// The boxes the lines run between.
#[derive(Clone, Copy, Debug)]
pub struct Boxes<'a> {
    /// Each body's box, by position; `None` when it is not drawn.
    pub rects: &'a [Option<Rect>],
    /// The group each body is drawn inside, by position.
    pub parents: &'a [Option<usize>],
}

/// How carefully the lines an edit touches are routed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Care {
    /// Every line minds the boxes and the other lines: what is exported, and what the
    /// editor shows once an edit is done.
    #[default]
    Full,
    /// The lines an edit touches mind only the boxes, in a short search: for the frames of
    /// a drag, which must keep up with the pointer (at 300 bodies, a frame whose lines are
    /// searched with care takes about 14 ms, a draft 4.5 ms). They are marked, and routed
    /// with care by the next [`update`] that asks for [`Care::Full`].
    Draft,
}

/// Routed lines, one per request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Routes {
    /// Each line from the border of its `from` box to the border of its `to` box; `None`
    /// when it is not drawn (an end not drawn, or one end inside the other).
    pub paths: Vec<Option<Vec<Pos>>>,
    /// Each line's turning points as the search found them, centre to centre, before the
    /// runs were pushed apart: what a later [`reroute`] keeps for the lines it leaves.
    found: Vec<Option<Vec<Pos>>>,
    /// Lines drawn without a search ([`plain_path`], or no way round): kept as they are
    /// until an edit touches them, rather than searched for again on every edit.
    plain: Vec<bool>,
    /// Lines routed as a draft ([`Care::Draft`]), to be routed again with care.
    drafted: Vec<bool>,
    /// The boxes, groups and requests these routes were made for, so that [`update`] can
    /// tell what changed since.
    basis: Basis,
    /// Grid points the searches visited, in all, with the drawings [`detour`] judged counted
    /// as a point per pair of lines: what the routing cost, in a figure that is the same on
    /// every machine.
    searched: Searched,
}

/// What a routing cost, in grid points searched. Not part of what was routed: two routings
/// that draw the same lines are equal however they got there (an edit's re-routing and a
/// fresh one).
#[derive(Clone, Copy, Debug, Default)]
struct Searched(usize);

impl PartialEq for Searched {
    fn eq(&self, _: &Searched) -> bool {
        true
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Basis {
    rects: Vec<Option<Rect>>,
    parents: Vec<Option<usize>>,
    requests: Vec<Request>,
}

impl Routes {
    /// How many lines are drafts ([`Care::Draft`]), still to be routed with care.
    pub fn drafted(&self) -> usize {
        self.drafted.iter().filter(|&&d| d).count()
    }

    /// Grid points the searches of this routing visited, in all, and the drawings it judged
    /// (a point per pair of lines): a deterministic measure of its cost, for budgets that
    /// must not depend on the machine.
    pub fn searched(&self) -> usize {
        self.searched.0
    }
}

/// Routes for `boxes` and `requests`, reusing `previous` where it still holds: lines whose
/// ends did not move, and that no moved box now stands on, keep their way; lines that are
/// new, bent anew or touched by a move are searched again; when nothing changed `previous`
/// is returned as it was; when the groups changed, or most boxes moved, everything is routed
/// afresh. What the editor calls on every edit, so that an edit costs what it touches.
/// With [`Care::Full`], lines left as a draft by an earlier update are routed again too.
pub fn update(boxes: Boxes<'_>, requests: &[Request], previous: &Routes, care: Care) -> Routes {
    let basis = &previous.basis;
    if basis.rects.len() != boxes.rects.len() || basis.parents.as_slice() != boxes.parents {
        return route_afresh(boxes, requests, care);
    }
    let moved: Vec<usize> = (0..boxes.rects.len())
        .filter(|&n| basis.rects[n] != boxes.rects[n])
        .collect();
    if moved.len() * 2 > boxes.rects.len() {
        return route_afresh(boxes, requests, care);
    }
    let drafts_left = care == Care::Full && previous.drafted.contains(&true);
    if moved.is_empty() && basis.requests.as_slice() == requests && !drafts_left {
        return previous.clone();
    }
    // Each line as it was found before, matched by its ends, kind and bends (links added or
    // deleted shift the others' positions); a line with no match is searched for.
    type Key = (usize, usize, LinkKind, Vec<(u32, u32)>);
    let key = |r: &Request| -> Key {
        let via = r
            .via
            .iter()
            .map(|p| (p.x.to_bits(), p.y.to_bits()))
            .collect();
        (r.from, r.to, r.kind, via)
    };
    let mut before: HashMap<Key, Vec<usize>> = HashMap::new();
    for (i, r) in basis.requests.iter().enumerate().rev() {
        before.entry(key(r)).or_default().push(i);
    }
    let mut matched = Routes::default();
    for r in requests {
        let i = before.get_mut(&key(r)).and_then(Vec::pop);
        let flag = |flags: &[bool]| i.and_then(|i| flags.get(i).copied()).unwrap_or(false);
        matched
            .found
            .push(i.and_then(|i| previous.found.get(i).cloned().flatten()));
        matched.plain.push(flag(&previous.plain));
        matched.drafted.push(flag(&previous.drafted));
    }
    reroute(boxes, requests, &matched, &moved, care)
}

/// How routed lines read: `paths`, one per request as in [`Routes::paths`], among `boxes`,
/// on a drawing of `bounds`.
pub fn measure_routes(
    boxes: Boxes<'_>,
    requests: &[Request],
    paths: Vec<Option<Vec<Pos>>>,
    bounds: Rect,
) -> Readability {
    let lines = requests
        .iter()
        .zip(paths)
        .filter_map(|(r, points)| {
            Some(DrawnLine {
                from: r.from,
                to: r.to,
                points: points?,
            })
        })
        .collect();
    measure(&Drawing {
        boxes: boxes.rects.to_vec(),
        parents: boxes.parents.to_vec(),
        lines,
        bounds,
    })
}

/// Routes every request.
pub fn route(boxes: Boxes<'_>, requests: &[Request]) -> Routes {
    route_afresh(boxes, requests, Care::Full)
}

/// Routes every request with `care`, nothing kept from before: with [`Care::Draft`], what
/// the editor shows at once while a worker routes the lines with care (at 300 bodies about
/// an eighth of the points searched, and lines that may cross boxes).
pub fn route_afresh(boxes: Boxes<'_>, requests: &[Request], care: Care) -> Routes {
    route_with(
        boxes,
        requests,
        &Routes::default(),
        &vec![true; requests.len()],
        SEARCH_BUDGET,
        care,
    )
}

/// Routes again after the bodies at `moved` changed place (a drag): only the lines that end
/// at a moved body or ran where a moved body now is are searched again; every line is then
/// nudged again. `requests` must be the ones `previous` was routed for. With
/// [`Care::Full`], lines `previous` left as a draft are searched again too.
pub fn reroute(
    boxes: Boxes<'_>,
    requests: &[Request],
    previous: &Routes,
    moved: &[usize],
    care: Care,
) -> Routes {
    if previous.found.len() != requests.len() {
        return route(boxes, requests);
    }
    let mut is_moved = vec![false; boxes.rects.len()];
    for &m in moved {
        if let Some(flag) = is_moved.get_mut(m) {
            *flag = true;
        }
    }
    let moved_rects: Vec<Rect> = moved
        .iter()
        .filter_map(|&m| boxes.rects.get(m).copied().flatten())
        .map(|r| r.expand(grid::CLEARANCE - 1.0))
        .collect();
    // A group's box grows and shrinks with its members: it moved too.
    let mut touched = is_moved.clone();
    for (n, &flag) in is_moved.iter().enumerate() {
        if flag {
            let mut at = boxes.parents.get(n).copied().flatten();
            for _ in 0..boxes.parents.len() {
                let Some(p) = at else { break };
                touched[p] = true;
                at = boxes.parents.get(p).copied().flatten();
            }
        }
    }
    let redo: Vec<bool> = requests
        .iter()
        .zip(&previous.found)
        .enumerate()
        .map(|(i, (r, found))| {
            let Some(points) = found else { return true };
            if care == Care::Full && previous.drafted.get(i) == Some(&true) {
                return true;
            }
            touched.get(r.from).copied().unwrap_or(true)
                || touched.get(r.to).copied().unwrap_or(true)
                || points.windows(2).any(|s| {
                    moved_rects
                        .iter()
                        .any(|m| measure::segment_enters(s[0], s[1], m))
                })
        })
        .collect();
    route_with(boxes, requests, previous, &redo, SEARCH_BUDGET, care)
}

/// Routes the requests marked in `redo`, keeping the others from `previous`, within
/// `budget` points searched (see [`SEARCH_BUDGET`]), with `care`.
fn route_with(
    boxes: Boxes<'_>,
    requests: &[Request],
    previous: &Routes,
    redo: &[bool],
    budget: usize,
    care: Care,
) -> Routes {
    let rects = boxes.rects;
    let anchors = group_anchors(boxes);
    // The user's bends, and the turning points of the lines kept from before: a moved box
    // shifts the middles of the channels beside it, and a kept line that ran along one
    // would otherwise be off the grid and have to be searched for again, though nothing
    // in its way changed.
    let kept = redo
        .iter()
        .zip(&previous.found)
        .filter(|(redo, _)| !**redo)
        .filter_map(|(_, found)| found.as_ref());
    let extra: Vec<(f32, f32)> = requests
        .iter()
        .flat_map(|r| r.via.iter())
        .chain(kept.flatten())
        .map(|p| (p.x, p.y))
        .collect();
    let grid = Grid::new(rects, &extra);
    let bundles = bundles(requests);

    let mut found: Vec<Option<Vec<Pos>>> = vec![None; requests.len()];
    let mut plain = vec![false; requests.len()];
    let mut drafted = vec![false; requests.len()];
    let mut occupancy = Occupancy::new(&grid);
    let mut scratch = Scratch::new(&grid);
    scratch.budget = budget;
    scratch.drafting = care == Care::Draft;
    // Lines kept from before go in first, so that the new ones route around them.
    for (i, keep) in redo.iter().enumerate() {
        if *keep {
            continue;
        }
        let Some(Some(points)) = previous.found.get(i) else {
            continue;
        };
        if let Some(nodes) = on_grid(&grid, points) {
            // A draft's searches mind only the boxes: no need to know where lines run.
            if care == Care::Full {
                occupancy.add(&nodes, bundles[i]);
            }
            found[i] = Some(points.clone());
        } else if previous.plain.get(i) == Some(&true) {
            found[i] = Some(points.clone());
            plain[i] = true;
        }
        drafted[i] = found[i].is_some() && previous.drafted.get(i) == Some(&true);
    }
    // Big bundles first (their trunks set the channels), then in file order.
    let mut bundle_size: HashMap<u32, usize> = HashMap::new();
    for &b in &bundles {
        *bundle_size.entry(b).or_default() += 1;
    }
    let mut order: Vec<usize> = (0..requests.len())
        .filter(|&i| redo[i] || found[i].is_none())
        .collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(bundle_size[&bundles[i]]), bundles[i], i));
    // Each line searched with the lines routed before it in place; then once more with all
    // the others in place (rip up and re-route), which undoes most crossings the first
    // lines made before they knew of the later ones. An edit's lines are searched once,
    // among the kept lines that are already in place: that second pass doubled the time a
    // drag takes to re-route (300 bodies: 90 → 44 ms a frame), and the export, which routes
    // afresh, still gets it.
    let partial = redo.iter().any(|r| !r);
    let mut grid_paths: Vec<GridPath> = vec![None; requests.len()];
    for (round, lines) in [order.clone(), order].into_iter().enumerate() {
        for i in lines {
            if round == 1 && (partial || care == Care::Draft || scratch.spent >= budget) {
                break;
            }
            if round == 1 {
                match &grid_paths[i] {
                    // A line that neither crosses nor runs along another with all of them
                    // in place would be found again as it is: only the lines that met
                    // others are searched again (at 300 bodies, 20 of 344 are spared).
                    Some(nodes) if occupancy.clear_for(&grid, nodes, bundles[i]) => continue,
                    Some(nodes) => occupancy.remove(nodes, bundles[i]),
                    None => continue,
                }
            }
            let (points, nodes) = route_one(
                &grid,
                &mut scratch,
                boxes,
                &anchors,
                &requests[i],
                Minding::of(&occupancy, bundles[i], search::CROSSING),
            );
            if let Some(nodes) = &nodes
                && care == Care::Full
            {
                occupancy.add(nodes, bundles[i]);
            }
            if points.is_some() {
                plain[i] = nodes.is_none();
                drafted[i] = care == Care::Draft;
                found[i] = points;
            }
            grid_paths[i] = nodes;
        }
    }
    if !partial && care == Care::Full && scratch.spent < DETOUR_BEFORE {
        detour(
            &grid,
            &mut scratch,
            boxes,
            (requests, &bundles),
            &anchors,
            &mut occupancy,
            (&mut found, &mut grid_paths),
        );
    }
    let paths = drawn_paths(&grid, boxes, requests, &bundles, &found);
    Routes {
        paths,
        found,
        plain,
        drafted,
        searched: Searched(scratch.spent),
        basis: Basis {
            rects: rects.to_vec(),
            parents: boxes.parents.to_vec(),
            requests: requests.to_vec(),
        },
    }
}

/// The lines as drawn from the turning points the search `found`: pushed apart onto
/// tracks, and cut at their end boxes' borders.
fn drawn_paths(
    grid: &Grid,
    boxes: Boxes<'_>,
    requests: &[Request],
    bundles: &[u32],
    found: &[Option<Vec<Pos>>],
) -> Vec<Option<Vec<Pos>>> {
    let rects = boxes.rects;
    // Push apart, then cut each line at its end boxes' borders.
    let mut drawn: Vec<Option<Vec<Pos>>> = found.to_vec();
    {
        let mut lines: Vec<nudge::Line<'_>> = Vec::new();
        for (i, path) in drawn.iter_mut().enumerate() {
            let Some(points) = path else { continue };
            let r = &requests[i];
            lines.push(nudge::Line {
                points,
                bundle: bundles[i],
                ends: [rects[r.from], rects[r.to]],
                fixed: &r.via,
            });
        }
        nudge::nudge(grid, rects, &mut lines);
    }
    // Nudging keeps to free space; should a line still end up in a box, it goes back to
    // where the search put it, which was clear.
    let cells = BoxCells::new(rects);
    for (i, path) in drawn.iter_mut().enumerate() {
        let (Some(points), Some(Some(nominal))) = (path.as_ref(), found.get(i)) else {
            continue;
        };
        let r = &requests[i];
        let mut allowed = ancestors(boxes, r.from);
        allowed.extend(ancestors(boxes, r.to));
        let enters = points.windows(2).any(|s| {
            cells.near(s[0], s[1]).any(|n| {
                rects[n as usize].is_some_and(|b| {
                    !allowed.contains(&n) && measure::segment_enters(s[0], s[1], &b.expand(-0.5))
                })
            })
        });
        if enters {
            *path = Some(nominal.clone());
        }
    }
    drawn
        .into_iter()
        .enumerate()
        .map(|(i, path)| {
            let r = &requests[i];
            let points = path?;
            clip_to_ends(points, rects[r.from]?, rects[r.to]?)
        })
        .collect()
}

/// After the rip-up pass, on a routing small enough (see [`DETOUR_BEFORE`]): each line
/// that crosses another on the grid, then each bundle of several lines, is searched for
/// again with crossings dearer ([`DETOUR_CROSSINGS`]), and the new way is kept if the
/// drawing then crosses less, with no more lines on top of each other, none more through
/// boxes and as many drawn. The search weighs crossings on the grid, before the lines are
/// pushed apart, where lines meeting at a shared box seem to cross; judging the drawn lines
/// keeps only what the reader sees improve.
fn detour(
    grid: &Grid,
    scratch: &mut Scratch,
    boxes: Boxes<'_>,
    (requests, bundles): (&[Request], &[u32]),
    anchors: &[Option<Anchor>],
    occupancy: &mut Occupancy,
    (found, grid_paths): (&mut [Option<Vec<Pos>>], &mut [GridPath]),
) {
    let judge = |found: &[Option<Vec<Pos>>]| {
        let paths = drawn_paths(grid, boxes, requests, bundles, found);
        let drawn = paths.iter().flatten().count();
        // The page's shape is not judged here: any bounds do.
        let bounds = Rect::from_center(Pos::default(), 1.0, 1.0);
        let r = measure_routes(boxes, requests, paths, bounds);
        Judged {
            crossings: r.crossings,
            overlaps: r.overlaps,
            through_box: r.through_box,
            drawn,
        }
    };
    // Pushing every line apart and measuring the drawing costs about as much as searching
    // a point per pair of lines (measured on the test models: 0.05–0.8 ms for 18–76 lines):
    // counted, so that a layout judging many routings stays within its budget of points.
    let judging = requests.len() * requests.len();
    // Too many lines to judge even once within the budget (a model of 700 lines that
    // searched little): nothing would be tried.
    if scratch.spent + 2 * judging >= DETOUR_BEFORE * 2 {
        return;
    }
    let mut best = judge(found);
    scratch.spent += judging;
    if best.crossings == 0 {
        return;
    }
    // Each line alone, then each bundle of several lines together (a trunk crossing
    // another line crosses it once for all its lines: moving one of them changes nothing).
    let mut tries: Vec<Vec<usize>> = (0..requests.len()).map(|i| vec![i]).collect();
    let mut by_bundle: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (i, &b) in bundles.iter().enumerate() {
        by_bundle.entry(b).or_default().push(i);
    }
    tries.extend(by_bundle.into_values().filter(|lines| lines.len() > 1));
    for lines in tries {
        if best.crossings == 0 || scratch.spent >= DETOUR_BEFORE * 2 {
            break;
        }
        let Some(before): Option<Vec<Vec<Node>>> =
            lines.iter().map(|&i| grid_paths[i].clone()).collect()
        else {
            continue;
        };
        for (&i, nodes) in lines.iter().zip(&before) {
            occupancy.remove(nodes, bundles[i]);
        }
        // Only lines that cross another on the grid are tried: one that crosses nothing
        // there seldom crosses once pushed apart, and trying every line took twice as long.
        let crossing_now = lines
            .iter()
            .zip(&before)
            .any(|(&i, nodes)| occupancy.crossings(grid, nodes, bundles[i]) > 0);
        let mut chosen: Option<Vec<(Vec<Pos>, Vec<Node>)>> = None;
        let mut judged: Vec<Vec<Vec<Node>>> = Vec::new();
        for crossing in DETOUR_CROSSINGS {
            if !crossing_now {
                break;
            }
            let mut again: Vec<(Vec<Pos>, Vec<Node>)> = Vec::new();
            for &i in &lines {
                let (points, nodes) = route_one(
                    grid,
                    scratch,
                    boxes,
                    anchors,
                    &requests[i],
                    Minding::of(occupancy, bundles[i], crossing),
                );
                let (Some(points), Some(nodes)) = (points, nodes) else {
                    break;
                };
                // The bundle's next line joins the trunk this one starts.
                occupancy.add(&nodes, bundles[i]);
                again.push((points, nodes));
            }
            for (&i, (_, nodes)) in lines.iter().zip(&again) {
                occupancy.remove(nodes, bundles[i]);
            }
            let ways: Vec<Vec<Node>> = again.iter().map(|a| a.1.clone()).collect();
            // The dearer price often finds the way the cheaper one did: judged once.
            if again.len() < lines.len() || ways == before || judged.contains(&ways) {
                continue;
            }
            judged.push(ways);
            let old: Vec<Option<Vec<Pos>>> = lines
                .iter()
                .zip(&again)
                .map(|(&i, (points, _))| found[i].replace(points.clone()))
                .collect();
            let now = judge(found);
            scratch.spent += judging;
            for (&i, old) in lines.iter().zip(old) {
                found[i] = old;
            }
            if now.better_than(&best) {
                best = now;
                chosen = Some(again);
            }
        }
        let kept: Vec<Vec<Node>> = match chosen {
            Some(again) => lines
                .iter()
                .zip(again)
                .map(|(&i, (points, nodes))| {
                    found[i] = Some(points);
                    nodes
                })
                .collect(),
            None => before,
        };
        for (&i, nodes) in lines.iter().zip(kept) {
            occupancy.add(&nodes, bundles[i]);
            grid_paths[i] = Some(nodes);
        }
    }
}

/// How a drawing measures, for [`detour`] to compare.
struct Judged {
    crossings: usize,
    overlaps: usize,
    through_box: usize,
    /// Lines drawn at all: a try whose line could not be drawn must not look better.
    drawn: usize,
}

impl Judged {
    /// Fewer crossings, and nothing worse.
    fn better_than(&self, other: &Judged) -> bool {
        self.crossings < other.crossings
            && self.overlaps <= other.overlaps
            && self.through_box <= other.through_box
            && self.drawn >= other.drawn
    }
}

/// A line's turning points on the grid, when it was searched for.
type GridPath = Option<Vec<Node>>;

/// Points the searches of one routing may visit before it hurries (about 0.45 s on this
/// project's machine; 300 bodies take about 2.4 million). Past it the rip-up pass is
/// skipped and each line left gets a short search that minds only the boxes; past one and a
/// half times it, the lines left are drawn by [`plain_path`]. So a huge model (thousands of
/// lines) is drawn in bounded time: its biggest bundles routed with care, the rest more
/// plainly (all of England unfolded, 8,020 bodies, to an A3 PNG at 300 dpi: 2.8 s in all,
/// measured when a point cost half again what it does now).
const SEARCH_BUDGET: usize = 4_000_000;

/// A routing that has searched fewer points than this after the rip-up pass tries each line
/// that crosses others, then each bundle, again with crossings dearer ([`detour`]), until
/// it has searched twice this (judging a drawing counted as a point per pair of lines;
/// checked between tries, so one try may take it a little past). The examples and test
/// systems search 4,000–170,000 points before it and the QOP import 190,000; 300
/// generated bodies search 2.4 million, and trying again there would take seconds more.
const DETOUR_BEFORE: usize = 500_000;
/// What a crossing costs in those tries, one after the other (the search's usual price is
/// [`search::CROSSING`]): a way round a box or two, then round a group. Of the prices tried
/// on the eight test models (250, 400, 600, 1000 alone; 150 then 600; 250 then 1000; 250,
/// 1000 then 3000), this pair crossed least in all.
const DETOUR_CROSSINGS: [f32; 2] = [250.0, 1000.0];

/// Steps of a hurried line's search, at most.
const QUICK_LIMIT: usize = 3_000;

/// A draft's search: steps at most, and how many times what is left is overestimated. Found
/// sooner than a hurried line's, and given longer before it is drawn through boxes. All
/// lines drafted at once, at 300 bodies: 155,000 points searched rather than 295,000 and
/// through-box 0 rather than 357; the QOP import: 74,000 rather than 75,000, through-box 0
/// rather than 88; crossings on the examples within a few either way (weights 1.5, 2 and
/// 2.5 and limits of 3,000, 10,000 and 30,000 steps measured).
const DRAFT_SEARCH: (usize, f32) = (10_000, 2.0);

/// A line drawn without a search: down (or across) from its start to halfway, along, and on
/// to its end, as an organisation chart draws it; through the user's bends when it has any.
/// It may pass through boxes.
fn plain_path(a: Rect, b: Rect, via: &[Pos]) -> Vec<Pos> {
    let (p, q) = (a.center(), b.center());
    if !via.is_empty() {
        let mut points = vec![p];
        points.extend_from_slice(via);
        points.push(q);
        return points;
    }
    if a.max.y < b.min.y || b.max.y < a.min.y {
        let mid = if a.max.y < b.min.y {
            (a.max.y + b.min.y) / 2.0
        } else {
            (b.max.y + a.min.y) / 2.0
        };
        vec![p, Pos::new(p.x, mid), Pos::new(q.x, mid), q]
    } else {
        let mid = if a.max.x < b.min.x {
            (a.max.x + b.min.x) / 2.0
        } else {
            (b.max.x + a.min.x) / 2.0
        };
        vec![p, Pos::new(mid, p.y), Pos::new(mid, q.y), q]
    }
}

/// One line's turning points (centre to centre) and its grid path: `None` when it is not
/// drawn; a plain line through the stops (and no grid path) when no way round was found.
fn route_one(
    grid: &Grid,
    scratch: &mut Scratch,
    boxes: Boxes<'_>,
    anchors: &[Option<Anchor>],
    r: &Request,
    minding: Minding<'_>,
) -> (Option<Vec<Pos>>, Option<Vec<Node>>) {
    let rects = boxes.rects;
    let (Some(Some(a)), Some(Some(b))) = (rects.get(r.from), rects.get(r.to)) else {
        return (None, None);
    };
    let from_chain = ancestors(boxes, r.from);
    let to_chain = ancestors(boxes, r.to);
    if r.from == r.to || from_chain.contains(&(r.to as u32)) || to_chain.contains(&(r.from as u32))
    {
        return (None, None);
    }
    if scratch.spent >= scratch.budget + scratch.budget / 2 {
        return (Some(plain_path(*a, *b, &r.via)), None);
    }
    let mut allowed = from_chain;
    allowed.extend(to_chain);
    let mut stops: Vec<(f32, f32)> = vec![(a.center().x, a.center().y)];
    stops.extend(r.via.iter().map(|p| (p.x, p.y)));
    stops.push((b.center().x, b.center().y));
    // A group's centre is usually inside one of its members, which the line may not cross:
    // it starts from the clear strip above or below them instead, whichever faces its way.
    let last_stop = stops.len() - 1;
    for (k, n, towards) in [
        (0, r.from, stops[1].1),
        (last_stop, r.to, stops[last_stop - 1].1),
    ] {
        if let Some(Some(anchor)) = anchors.get(n) {
            stops[k].1 = anchor.facing(towards);
        }
    }
    // Boxes in different rows are joined through their tops and bottoms.
    let rows_apart = a.max.y < b.min.y || b.max.y < a.min.y;
    let last = stops.len() - 2;
    let mut nodes: Vec<Node> = Vec::new();
    for (k, w) in stops.windows(2).enumerate() {
        let vertical_ends = [
            (rows_apart && k == 0).then_some(*a),
            (rows_apart && k == last).then_some(*b),
        ];
        let minding = Minding {
            vertical_ends,
            ..minding
        };
        let hurried = scratch.drafting || scratch.spent >= scratch.budget;
        let part = node_at(grid, w[0])
            .zip(node_at(grid, w[1]))
            .and_then(|ends| {
                if hurried {
                    let haste = if scratch.drafting {
                        DRAFT_SEARCH
                    } else {
                        (QUICK_LIMIT, search::PLAIN_WEIGHT)
                    };
                    search::quick_path(grid, scratch, ends, &allowed, haste)
                } else {
                    search::shortest_path(grid, scratch, ends, &allowed, &minding)
                }
            });
        let Some(part) = part else {
            // No way round (a box walled in by others, or no time left): a plain line
            // rather than none.
            return (Some(plain_path(*a, *b, &r.via)), None);
        };
        if !nodes.is_empty() {
            nodes.pop();
        }
        nodes.extend(part);
    }
    let points = nodes
        .iter()
        .map(|&(x, y)| Pos::new(grid.xs[x as usize], grid.ys[y as usize]))
        .collect();
    (Some(points), Some(nodes))
}

/// The drawn boxes by where they stand, in square cells, so that finding the boxes a run
/// could touch looks at a few cells, not every box (that was a sixth of a drag's frame at
/// 300 bodies).
struct BoxCells {
    origin: Pos,
    size: f32,
    across: usize,
    down: usize,
    /// Per cell, row by row, the boxes over it.
    cells: Vec<Vec<u32>>,
}

impl BoxCells {
    fn new(rects: &[Option<Rect>]) -> BoxCells {
        let bounds = Rect::around(rects.iter().flatten().flat_map(|r| [r.min, r.max]))
            .unwrap_or(Rect::from_center(Pos::default(), 1.0, 1.0));
        let count = rects.iter().flatten().count().max(1) as f32;
        // About as many cells as boxes, and none smaller than a box is wide.
        let size = ((bounds.width() * bounds.height() / count).sqrt()).max(200.0);
        let across = ((bounds.width() / size) as usize + 1).min(4096);
        let down = ((bounds.height() / size) as usize + 1).min(4096);
        let mut cells = BoxCells {
            origin: bounds.min,
            size,
            across,
            down,
            cells: vec![Vec::new(); across * down],
        };
        for (n, r) in rects.iter().enumerate() {
            let Some(r) = r else { continue };
            let ((x0, y0), (x1, y1)) = (cells.cell(r.min), cells.cell(r.max));
            for y in y0..=y1 {
                for x in x0..=x1 {
                    cells.cells[y * across + x].push(n as u32);
                }
            }
        }
        cells
    }

    fn cell(&self, p: Pos) -> (usize, usize) {
        let at = |v: f32, origin: f32, count: usize| {
            (((v - origin) / self.size).max(0.0) as usize).min(count - 1)
        };
        (
            at(p.x, self.origin.x, self.across),
            at(p.y, self.origin.y, self.down),
        )
    }

    /// The boxes over the cells the segment from `a` to `b` runs through (some more than
    /// once), and perhaps a few near them.
    fn near(&self, a: Pos, b: Pos) -> impl Iterator<Item = u32> + '_ {
        let (p, q) = (self.cell(a), self.cell(b));
        let (x0, x1) = (p.0.min(q.0), p.0.max(q.0));
        let (y0, y1) = (p.1.min(q.1), p.1.max(q.1));
        (y0..=y1).flat_map(move |y| {
            (x0..=x1).flat_map(move |x| self.cells[y * self.across + x].iter().copied())
        })
    }
}

/// Where lines start and end on an open group: on the grid lines that run clear above its
/// members (through the header) and below them, inside the group's box.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    top: f32,
    bottom: f32,
}

impl Anchor {
    /// The strip facing a line that goes on towards height `y`.
    fn facing(&self, y: f32) -> f32 {
        if y > self.bottom {
            self.bottom
        } else {
            self.top
        }
    }
}

/// An anchor for every drawn box that has drawn members; `None` for the others.
fn group_anchors(boxes: Boxes<'_>) -> Vec<Option<Anchor>> {
    let mut inner: Vec<Option<(f32, f32)>> = vec![None; boxes.rects.len()];
    for (n, r) in boxes.rects.iter().enumerate() {
        let (Some(r), Some(Some(p))) = (r, boxes.parents.get(n)) else {
            continue;
        };
        if let Some(span) = inner.get_mut(*p) {
            let (lo, hi) = span.get_or_insert((r.min.y, r.max.y));
            *lo = lo.min(r.min.y);
            *hi = hi.max(r.max.y);
        }
    }
    inner
        .iter()
        .zip(boxes.rects)
        .map(|(span, rect)| {
            let ((lo, hi), rect) = (span.as_ref()?, rect.as_ref()?);
            // Those grid lines are the ones every box has, just clear of its sides, so a line
            // needs no row or column of its own. Members too near the group's border for
            // them leave the line at the centre.
            let (top, bottom) = (lo - grid::CLEARANCE, hi + grid::CLEARANCE);
            (top > rect.min.y + 1.0 && bottom < rect.max.y - 1.0).then_some(Anchor { top, bottom })
        })
        .collect()
}

/// The body and the groups around it, innermost first.
fn ancestors(boxes: Boxes<'_>, n: usize) -> Vec<u32> {
    let mut out = Vec::new();
    let mut at = Some(n);
    for _ in 0..=boxes.parents.len() {
        let Some(k) = at else { break };
        out.push(k as u32);
        at = boxes.parents.get(k).copied().flatten();
    }
    out
}

/// A bundle number for each request: lines of one kind sharing an end with others of their
/// kind join the bundle of that end (the end with more such lines); others are alone.
fn bundles(requests: &[Request]) -> Vec<u32> {
    // Lines of a kind into a body, and out of it, are counted (and bundled) apart: a trunk
    // carries lines that go the same way.
    let mut degree: HashMap<(LinkKind, usize, bool), usize> = HashMap::new();
    for r in requests {
        *degree.entry((r.kind, r.from, false)).or_default() += 1;
        *degree.entry((r.kind, r.to, true)).or_default() += 1;
    }
    let mut numbers: HashMap<(LinkKind, usize, u8), u32> = HashMap::new();
    requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (df, dt) = (
                degree[&(r.kind, r.from, false)],
                degree[&(r.kind, r.to, true)],
            );
            let key = if df.max(dt) < 2 {
                (r.kind, i, 2)
            } else if df >= dt {
                (r.kind, r.from, 0)
            } else {
                (r.kind, r.to, 1)
            };
            let next = numbers.len() as u32;
            *numbers.entry(key).or_insert(next)
        })
        .collect()
}

fn node_at(grid: &Grid, (x, y): (f32, f32)) -> Option<Node> {
    Some((
        Grid::index_of(&grid.xs, x)? as u32,
        Grid::index_of(&grid.ys, y)? as u32,
    ))
}

/// The grid points of a kept line, when all its turning points are still on the grid.
fn on_grid(grid: &Grid, points: &[Pos]) -> Option<Vec<Node>> {
    points.iter().map(|p| node_at(grid, (p.x, p.y))).collect()
}

/// The line from where it last leaves its `from` box to where it first enters its `to` box
/// after that. A found path may run on through its end box (the box is its own, so the
/// search may cross it) to a trunk on the far side and come back: it is cut where it first
/// reaches the box, not where a turning point first lies inside it.
fn clip_to_ends(points: Vec<Pos>, from: Rect, to: Rect) -> Option<Vec<Pos>> {
    if points.len() < 2 {
        return None;
    }
    let at = |i: usize, t: f32| points[i] + (points[i + 1] - points[i]) * t;
    let (first, leave) = (0..points.len() - 1).rev().find_map(|i| {
        measure::segment_inside(points[i], points[i + 1], &from).map(|(_, t1)| (i, t1))
    })?;
    let (last, reach) = (first..points.len() - 1).find_map(|i| {
        let (t0, _) = measure::segment_inside(points[i], points[i + 1], &to)?;
        (i > first || t0 >= leave).then_some((i, t0))
    })?;
    let mut out = vec![at(first, leave)];
    out.extend_from_slice(&points[first + 1..=last]);
    out.push(at(last, reach));
    out.dedup_by(|a, b| a.distance(*b) < 0.01);
    (out.len() >= 2).then_some(out)
}

#[cfg(test)]
mod tests;
