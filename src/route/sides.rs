//! Which side of each other two lines should run where the search put them on top of each
//! other: decided by where they part. Two lines that share a stretch (several runs, round
//! corners) and then go their own ways cross nowhere if, all along the stretch, each keeps
//! to the side it leaves towards. Following both lines out from a shared run to where they
//! part, at each end, gives that side; a corner both lines turn together carries it round
//! (the line on the outside of the corner stays outside). When the two ends disagree, one
//! crossing cannot be avoided, and every run of the stretch takes the side from the same end
//! (the one at the smaller point), so that the lines cross once, where they part at the
//! other end, rather than at each corner. After Pupyrev, Nachmanson, Bereg and Holroyd,
//! "Edge routing with ordered bundles" (metro-line ordering), simplified.

use crate::geom::Pos;

/// Two points closer than this, along or across, are the same grid place.
const SAME: f32 = 0.01;
/// Corners followed from a shared run, at most, before giving up (no preference).
const MAX_STEPS: usize = 64;

/// An axis-aligned direction of travel: (dx, dy), one of them 0, the other ±1.
type Dir = (i8, i8);

/// The side of line `a` relative to line `b` on their shared runs `a_run` and `b_run` (index
/// of the run's first point in each line): +1 when `a` should be at the larger coordinate
/// across the run (right of a vertical run, below a horizontal one), −1 at the smaller, 0
/// when where they part does not say (they end together, or nothing was found).
/// `a` and `b` are the lines' turning points as the search left them (on the grid), and
/// the two runs lie on one grid line.
pub(super) fn side(a: &[Pos], a_run: usize, b: &[Pos], b_run: usize) -> i8 {
    let vertical = (a[a_run].x - a[a_run + 1].x).abs() < SAME;
    let along = |p: Pos| if vertical { p.y } else { p.x };
    let toward_lo: Dir = if vertical { (0, -1) } else { (-1, 0) };
    let toward_hi: Dir = (-toward_lo.0, -toward_lo.1);
    let lo = part(a, a_run, b, b_run, toward_lo, &along);
    let hi = part(a, a_run, b, b_run, toward_hi, &along);
    match (lo, hi) {
        (None, None) => 0,
        (Some((s, _)), None) | (None, Some((s, _))) => s,
        (Some((s, _)), Some((t, _))) if s == t => s,
        (Some((s, p)), Some((t, q))) => {
            if (p.x, p.y) <= (q.x, q.y) {
                s
            } else {
                t
            }
        }
    }
}

/// A line followed outward from one of its runs: the corner it reaches next and the way on.
struct Walker<'a> {
    points: &'a [Pos],
    /// The turning point reached next.
    at: usize,
    /// +1 walking forward along the line's points, −1 backward.
    step: isize,
}

impl<'a> Walker<'a> {
    /// At the end of run `run` of `points` that lies towards `out`.
    fn out_of(points: &'a [Pos], run: usize, out: Dir, along: &impl Fn(Pos) -> f32) -> Self {
        let forward = along(points[run + 1]) - along(points[run]);
        if forward * f32::from(out.0 + out.1) > 0.0 {
            Walker {
                points,
                at: run + 1,
                step: 1,
            }
        } else {
            Walker {
                points,
                at: run,
                step: -1,
            }
        }
    }

    fn corner(&self) -> Pos {
        self.points[self.at]
    }

    /// The direction from the corner reached to the point after it; `None` at the line's end.
    fn onward(&self) -> Option<Dir> {
        let next = self.at.checked_add_signed(self.step)?;
        let q = *self.points.get(next)?;
        direction(self.corner(), q)
    }

    fn advance(&mut self) {
        self.at = self.at.wrapping_add_signed(self.step);
    }
}

/// Following both lines out of their shared runs in direction `out`: the side of `a` (as
/// [`side`] gives it) that where they part asks for, and the point where they part; `None`
/// when they end together, or part in a way that says nothing.
fn part(
    a: &[Pos],
    a_run: usize,
    b: &[Pos],
    b_run: usize,
    out: Dir,
    along: &impl Fn(Pos) -> f32,
) -> Option<(i8, Pos)> {
    let (mut wa, mut wb) = (
        Walker::out_of(a, a_run, out, along),
        Walker::out_of(b, b_run, out, along),
    );
    let mut travel = out;
    // The side on the run being walked equals the side on the shared run times `flip`.
    let mut flip: i8 = 1;
    for _ in 0..MAX_STEPS {
        let reach = |p: Pos| p.x * f32::from(travel.0) + p.y * f32::from(travel.1);
        let (ra, rb) = (reach(wa.corner()), reach(wb.corner()));
        if ra < rb - SAME {
            // `a` turns (or ends) first while `b` goes straight on.
            match wa.onward() {
                Some(t) if t == travel => wa.advance(),
                Some(t) if is_across(t, travel) => {
                    return Some((flip * across(t), wa.corner()));
                }
                _ => return None,
            }
        } else if rb < ra - SAME {
            match wb.onward() {
                Some(t) if t == travel => wb.advance(),
                Some(t) if is_across(t, travel) => {
                    return Some((-flip * across(t), wb.corner()));
                }
                _ => return None,
            }
        } else {
            let (ta, tb) = (wa.onward()?, wb.onward()?);
            if ta == travel || tb == travel {
                if ta == travel {
                    wa.advance();
                }
                if tb == travel {
                    wb.advance();
                }
                continue;
            }
            if !is_across(ta, travel) || !is_across(tb, travel) {
                return None;
            }
            if ta != tb {
                return Some((flip * across(ta), wa.corner()));
            }
            // Both turn the same way: the line outside the corner (on the side away from
            // the turn) goes on further, so in the new run it is on the side the old
            // travel points to (whose component across the new run is that of `travel`).
            flip *= -across(ta) * (travel.0 + travel.1);
            travel = ta;
            wa.advance();
            wb.advance();
        }
    }
    None
}

fn direction(p: Pos, q: Pos) -> Option<Dir> {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    if dx.abs() < SAME && dy.abs() >= SAME {
        Some((0, if dy > 0.0 { 1 } else { -1 }))
    } else if dy.abs() < SAME && dx.abs() >= SAME {
        Some((if dx > 0.0 { 1 } else { -1 }, 0))
    } else {
        None
    }
}

fn is_across(t: Dir, travel: Dir) -> bool {
    t.0 * travel.0 + t.1 * travel.1 == 0
}

/// The component of `t` on the axis across the run it turns off (x across a vertical run,
/// y across a horizontal one): +1 towards larger coordinates.
fn across(t: Dir) -> i8 {
    t.0 + t.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(points: &[(f32, f32)]) -> Vec<Pos> {
        points.iter().map(|&(x, y)| Pos::new(x, y)).collect()
    }

    #[test]
    fn lines_that_part_to_either_side_keep_to_those_sides() {
        // Both run down x = 0 from y = 0 to 100; a goes off right at the bottom, b left.
        let a = line(&[(0.0, -50.0), (0.0, 100.0), (50.0, 100.0)]);
        let b = line(&[(0.0, 0.0), (0.0, 100.0), (-50.0, 100.0)]);
        assert_eq!(side(&a, 0, &b, 0), 1);
        assert_eq!(side(&b, 0, &a, 0), -1);
    }

    #[test]
    fn a_line_turning_off_inside_the_other_s_run_goes_to_its_side() {
        // b goes on down; a leaves to the left halfway.
        let a = line(&[(0.0, 0.0), (0.0, 50.0), (-40.0, 50.0)]);
        let b = line(&[(0.0, 0.0), (0.0, 200.0)]);
        // Both start at the same point: that end says nothing; the other end decides.
        assert_eq!(side(&a, 0, &b, 0), -1);
    }

    #[test]
    fn a_corner_turned_together_carries_the_side_round() {
        // Both come up x = 0 and turn right along y = 0 together; there a turns up first
        // (to smaller y), so on the horizontal run a is above (−1), and it must be the
        // outer line of the corner, which is the left one on the vertical run (−1).
        let a = line(&[(0.0, 100.0), (0.0, 0.0), (50.0, 0.0), (50.0, -40.0)]);
        let b = line(&[(0.0, 100.0), (0.0, 0.0), (100.0, 0.0)]);
        assert_eq!(side(&a, 1, &b, 1), -1, "horizontal run");
        assert_eq!(side(&a, 0, &b, 0), -1, "vertical run");
        // Turned down instead (to larger y): a is below, the inner line, right of b.
        let a = line(&[(0.0, 100.0), (0.0, 0.0), (50.0, 0.0), (50.0, 40.0)]);
        assert_eq!(side(&a, 1, &b, 1), 1);
        assert_eq!(side(&a, 0, &b, 0), 1);
    }

    #[test]
    fn ends_that_disagree_take_the_side_from_the_same_end_on_every_run() {
        // Shared: up x = 0 from 100 to 0, right along y = 0 to 100. At the bottom a comes
        // in from the left and b from the right (a wants left: −1 on the vertical run); at
        // the far end a goes up, b goes down (a wants above: −1 on the horizontal run,
        // which round the corner means left, −1, too). Make them disagree by sending a
        // down instead.
        let a = line(&[
            (-50.0, 100.0),
            (0.0, 100.0),
            (0.0, 0.0),
            (100.0, 0.0),
            (100.0, 40.0),
        ]);
        let b = line(&[
            (50.0, 100.0),
            (0.0, 100.0),
            (0.0, 0.0),
            (100.0, 0.0),
            (100.0, -40.0),
        ]);
        let vertical = side(&a, 1, &b, 1);
        let horizontal = side(&a, 2, &b, 2);
        assert_ne!(vertical, 0);
        // Consistent round the corner: a left on the vertical run means a above on the
        // horizontal one (it is the outer line), so the sides are equal.
        assert_eq!(vertical, horizontal);
    }

    #[test]
    fn lines_that_end_together_say_nothing() {
        let a = line(&[(0.0, 0.0), (0.0, 100.0)]);
        let b = line(&[(0.0, 0.0), (0.0, 100.0)]);
        assert_eq!(side(&a, 0, &b, 0), 0);
    }
}
