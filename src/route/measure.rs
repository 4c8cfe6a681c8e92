//! How readable a drawing is, by the four measures of diagram.md ("How readability is
//! measured"): crossings, through-box, overlaps and page shape. They read only what is drawn
//! (boxes and the polylines of links), so the same function measures icsmap's scene and, in
//! `examples/dot_compare.rs`, what Graphviz draws for the same model.

use std::collections::HashSet;

use crate::geom::{Pos, Rect};

/// What the measures look at: boxes (a group's box contains its members' boxes) and lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// Each drawn box, by body position; `None` when the body is not drawn.
    pub boxes: Vec<Option<Rect>>,
    /// The group each body is drawn inside, by body position.
    pub parents: Vec<Option<usize>>,
    /// Every line drawn.
    pub lines: Vec<DrawnLine>,
    /// The whole drawing (title and legend included).
    pub bounds: Rect,
}

/// One drawn link: the boxes it joins (by body position) and its polyline.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnLine {
    /// The box it starts at.
    pub from: usize,
    /// The box it ends at.
    pub to: usize,
    /// The polyline as drawn, end to end.
    pub points: Vec<Pos>,
}

/// The four measures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Readability {
    /// Points where the lines of two links cross (a point where a bundle crosses a line
    /// counts once; lines touching at a shared end do not cross).
    pub crossings: usize,
    /// Times a line passes through the inside of a box that is neither of its ends nor a
    /// group holding one of them (counted once per line and box).
    pub through_box: usize,
    /// Pairs of links that share no end and are drawn on top of each other for a stretch.
    pub overlaps: usize,
    /// Width of the whole drawing, in points.
    pub width: f32,
    /// Height of the whole drawing, in points.
    pub height: f32,
}

impl Readability {
    /// Width ÷ height.
    pub fn page_shape(&self) -> f32 {
        if self.height > 0.0 {
            self.width / self.height
        } else {
            0.0
        }
    }

    /// Whether the page shape is within the printable range (1:2 to 3:1).
    pub fn printable(&self) -> bool {
        (0.5..=3.0).contains(&self.page_shape())
    }
}

impl std::fmt::Display for Readability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "crossings {}, through-box {}, overlaps {}, page {:.0} × {:.0} pt (shape {:.2})",
            self.crossings,
            self.through_box,
            self.overlaps,
            self.width,
            self.height,
            self.page_shape()
        )
    }
}

/// How far inside a box a line must go to pass through it, and how close two parallel runs
/// must be to lie on top of each other: drawing tolerance, in points.
const TOLERANCE: f32 = 0.5;

/// Measures a scene as it is drawn.
pub fn measure_scene(scene: &crate::scene::Scene) -> Readability {
    measure(&Drawing {
        boxes: scene.nodes.clone(),
        parents: scene.parents.clone(),
        lines: scene.lines.clone(),
        bounds: scene.bounds,
    })
}

/// Measures a drawing.
pub fn measure(drawing: &Drawing) -> Readability {
    let lines: Vec<LineInfo> = drawing
        .lines
        .iter()
        .filter(|l| l.points.len() >= 2)
        .map(|l| LineInfo::new(l, drawing))
        .collect();
    let mut crossing_points: HashSet<(i64, i64)> = HashSet::new();
    let mut overlaps = 0;
    for (i, a) in lines.iter().enumerate() {
        for b in &lines[i + 1..] {
            if !a
                .bounds
                .expand(TOLERANCE)
                .intersects(&b.bounds.expand(TOLERANCE))
            {
                continue;
            }
            let shared = shared_ends(a.line, b.line);
            let mut overlapping = false;
            for sa in a.line.points.windows(2) {
                for sb in b.line.points.windows(2) {
                    // Segments that cannot meet (most pairs), passed over before the
                    // arithmetic: this runs for every routing a layout judges.
                    if !near(sa, sb) {
                        continue;
                    }
                    if shared.is_empty() && collinear_overlap(sa[0], sa[1], sb[0], sb[1]) {
                        overlapping = true;
                    }
                    if let Some(p) = proper_crossing(sa[0], sa[1], sb[0], sb[1]) {
                        let at_shared_end = shared
                            .iter()
                            .any(|&n| drawing.boxes[n].is_some_and(|r| r.expand(2.0).contains(p)));
                        if !at_shared_end {
                            crossing_points
                                .insert(((p.x * 2.0).round() as i64, (p.y * 2.0).round() as i64));
                        }
                    }
                }
            }
            overlaps += usize::from(overlapping);
        }
    }
    let mut through_box = 0;
    for info in &lines {
        for (n, r) in drawing.boxes.iter().enumerate() {
            let Some(r) = r else { continue };
            if info.allowed.contains(&n) || !info.bounds.intersects(r) {
                continue;
            }
            let inside = r.expand(-TOLERANCE);
            if info
                .line
                .points
                .windows(2)
                .any(|s| segment_enters(s[0], s[1], &inside))
            {
                through_box += 1;
            }
        }
    }
    Readability {
        crossings: crossing_points.len(),
        through_box,
        overlaps,
        width: drawing.bounds.width(),
        height: drawing.bounds.height(),
    }
}

struct LineInfo<'d> {
    line: &'d DrawnLine,
    bounds: Rect,
    /// Boxes the line may pass through: its ends and the groups holding them.
    allowed: Vec<usize>,
}

impl<'d> LineInfo<'d> {
    fn new(line: &'d DrawnLine, drawing: &Drawing) -> LineInfo<'d> {
        let mut allowed = Vec::new();
        for end in [line.from, line.to] {
            let mut at = Some(end);
            // A `within` chain is acyclic in a valid model; the bound guards a bad drawing.
            for _ in 0..=drawing.parents.len() {
                let Some(n) = at else { break };
                allowed.push(n);
                at = drawing.parents.get(n).copied().flatten();
            }
        }
        LineInfo {
            line,
            bounds: Rect::around(line.points.iter().copied()).unwrap_or(Rect {
                min: Pos::default(),
                max: Pos::default(),
            }),
            allowed,
        }
    }
}

fn shared_ends(a: &DrawnLine, b: &DrawnLine) -> Vec<usize> {
    let mut shared = Vec::new();
    for end in [a.from, a.to] {
        if (end == b.from || end == b.to) && !shared.contains(&end) {
            shared.push(end);
        }
    }
    shared
}

/// Whether the boxes around two segments, grown by the tolerance, meet: two segments that
/// cross or run along each other always do.
fn near(s: &[Pos], t: &[Pos]) -> bool {
    let apart = |s0: f32, s1: f32, t0: f32, t1: f32| {
        s0.max(s1) + TOLERANCE < t0.min(t1) || t0.max(t1) + TOLERANCE < s0.min(s1)
    };
    !apart(s[0].x, s[1].x, t[0].x, t[1].x) && !apart(s[0].y, s[1].y, t[0].y, t[1].y)
}

fn cross(o: Pos, a: Pos, b: Pos) -> f32 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

/// Where segments `a`–`b` and `c`–`d` cross, each passing from one side of the other to the
/// other side; touching, ending on the other line or running along it is not crossing.
pub(crate) fn proper_crossing(a: Pos, b: Pos, c: Pos, d: Pos) -> Option<Pos> {
    let eps = 1e-3;
    let len_ab = a.distance(b);
    let len_cd = c.distance(d);
    if len_ab < eps || len_cd < eps {
        return None;
    }
    // Signed distances of each segment's ends from the other's line.
    let d1 = cross(a, b, c) / len_ab;
    let d2 = cross(a, b, d) / len_ab;
    let d3 = cross(c, d, a) / len_cd;
    let d4 = cross(c, d, b) / len_cd;
    let strictly_apart = |p: f32, q: f32| {
        (p > TOLERANCE / 5.0 && q < -TOLERANCE / 5.0)
            || (p < -TOLERANCE / 5.0 && q > TOLERANCE / 5.0)
    };
    if strictly_apart(d1, d2) && strictly_apart(d3, d4) {
        let t = d3 / (d3 - d4);
        Some(a + (b - a) * t)
    } else {
        None
    }
}

/// Whether two segments lie on the same line and share a stretch longer than the tolerance.
fn collinear_overlap(a: Pos, b: Pos, c: Pos, d: Pos) -> bool {
    let len_ab = a.distance(b);
    if len_ab < TOLERANCE {
        return false;
    }
    let off = |p: Pos| (cross(a, b, p) / len_ab).abs();
    if off(c) > TOLERANCE || off(d) > TOLERANCE {
        return false;
    }
    let dir = (b - a).normalized();
    let along = |p: Pos| (p.x - a.x) * dir.x + (p.y - a.y) * dir.y;
    let (c0, c1) = {
        let (p, q) = (along(c), along(d));
        (p.min(q), p.max(q))
    };
    let overlap = len_ab.min(c1) - 0.0f32.max(c0);
    overlap > 1.0
}

/// Whether the segment `a`–`b` reaches into the open rectangle `r`.
pub(crate) fn segment_enters(a: Pos, b: Pos, r: &Rect) -> bool {
    segment_inside(a, b, r).is_some()
}

/// The part of the segment `a`–`b` inside `r`'s inside, as the fractions `(t0, t1)` of the
/// way from `a` to `b` where it enters and leaves; `None` when it does not enter.
pub(crate) fn segment_inside(a: Pos, b: Pos, r: &Rect) -> Option<(f32, f32)> {
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    // Clip the segment to the rectangle (Liang–Barsky) and see if anything is left inside.
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0 = 0.0f32;
    let mut t1 = 1.0f32;
    for (p, q) in [
        (-dx, a.x - r.min.x),
        (dx, r.max.x - a.x),
        (-dy, a.y - r.min.y),
        (dy, r.max.y - a.y),
    ] {
        if p.abs() < 1e-9 {
            if q <= 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t1 - t0 > 1e-6).then_some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(x: f32, y: f32) -> Option<Rect> {
        Some(Rect::from_center(Pos::new(x, y), 100.0, 40.0))
    }

    fn line(from: usize, to: usize, points: &[(f32, f32)]) -> DrawnLine {
        DrawnLine {
            from,
            to,
            points: points.iter().map(|&(x, y)| Pos::new(x, y)).collect(),
        }
    }

    fn drawing(boxes: Vec<Option<Rect>>, lines: Vec<DrawnLine>) -> Drawing {
        let bounds = Rect::around(boxes.iter().flatten().flat_map(|r| [r.min, r.max])).unwrap();
        Drawing {
            parents: vec![None; boxes.len()],
            boxes,
            lines,
            bounds,
        }
    }

    #[test]
    fn an_x_of_two_lines_is_one_crossing_and_a_shared_end_is_none() {
        let boxes = vec![
            boxed(0.0, 0.0),
            boxed(300.0, 0.0),
            boxed(0.0, 300.0),
            boxed(300.0, 300.0),
        ];
        let d = drawing(
            boxes.clone(),
            vec![
                line(0, 3, &[(0.0, 20.0), (300.0, 280.0)]),
                line(1, 2, &[(300.0, 20.0), (0.0, 280.0)]),
            ],
        );
        let m = measure(&d);
        assert_eq!((m.crossings, m.through_box, m.overlaps), (1, 0, 0));
        // Two lines from the same box, fanning out: no crossing.
        let d = drawing(
            boxes,
            vec![
                line(0, 2, &[(0.0, 20.0), (0.0, 280.0)]),
                line(0, 3, &[(0.0, 20.0), (300.0, 280.0)]),
            ],
        );
        assert_eq!(measure(&d).crossings, 0);
    }

    #[test]
    fn a_bundle_crossing_a_line_counts_once() {
        let boxes = vec![
            boxed(0.0, 0.0),
            boxed(-200.0, 300.0),
            boxed(200.0, 300.0),
            boxed(-300.0, 150.0),
            boxed(300.0, 150.0),
        ];
        // Two links from box 0 share a trunk down to y = 150, then split; a line across at y = 100.
        let d = drawing(
            boxes,
            vec![
                line(
                    0,
                    1,
                    &[(0.0, 20.0), (0.0, 200.0), (-200.0, 200.0), (-200.0, 280.0)],
                ),
                line(
                    0,
                    2,
                    &[(0.0, 20.0), (0.0, 200.0), (200.0, 200.0), (200.0, 280.0)],
                ),
                line(3, 4, &[(-250.0, 100.0), (250.0, 100.0)]),
            ],
        );
        let m = measure(&d);
        assert_eq!(m.crossings, 1);
        assert_eq!(
            m.overlaps, 0,
            "the trunk is shared by links with a common end"
        );
    }

    #[test]
    fn a_line_under_a_box_and_two_unrelated_lines_on_top_of_each_other() {
        let boxes = vec![
            boxed(0.0, 0.0),
            boxed(0.0, 150.0),
            boxed(0.0, 300.0),
            boxed(300.0, 0.0),
            boxed(300.0, 300.0),
        ];
        let d = drawing(
            boxes,
            vec![
                // Straight from 0 to 2 through box 1.
                line(0, 2, &[(0.0, 20.0), (0.0, 280.0)]),
                // Along the edge of box 1 only: not through it.
                line(
                    3,
                    4,
                    &[
                        (300.0, 20.0),
                        (300.0, 100.0),
                        (50.0, 100.0),
                        (50.0, 200.0),
                        (300.0, 200.0),
                        (300.0, 280.0),
                    ],
                ),
                // On top of the second line's run at y = 200.
                line(1, 4, &[(100.0, 200.0), (250.0, 200.0)]),
            ],
        );
        let m = measure(&d);
        assert_eq!(m.through_box, 1);
        assert_eq!(m.overlaps, 0, "lines 2 and 3 share box 4");
        let mut d = d;
        d.lines[2].to = 0;
        let m = measure(&d);
        assert_eq!(m.overlaps, 1, "1–0 and 3–4 share no end");
    }

    #[test]
    fn a_group_holding_an_end_may_be_crossed() {
        let mut d = drawing(
            vec![
                Some(Rect::from_center(Pos::new(0.0, 0.0), 400.0, 200.0)),
                boxed(0.0, 20.0),
                boxed(0.0, 400.0),
            ],
            vec![line(1, 2, &[(0.0, 40.0), (0.0, 380.0)])],
        );
        assert_eq!(measure(&d).through_box, 1);
        d.parents[1] = Some(0);
        assert_eq!(measure(&d).through_box, 0);
    }

    #[test]
    fn page_shape_is_width_over_height() {
        let d = drawing(vec![boxed(0.0, 0.0), boxed(500.0, 0.0)], vec![]);
        let m = measure(&d);
        assert!((m.page_shape() - 600.0 / 40.0).abs() < 1e-3);
        assert!(!m.printable());
    }
}
