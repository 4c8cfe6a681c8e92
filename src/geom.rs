//! Plane geometry in model coordinates (points; x grows right, y grows down), shared by the
//! layout, the scene and the painters.

use std::ops::{Add, Mul, Sub};

/// A point (or a vector) in model coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pos {
    /// Points to the right.
    pub x: f32,
    /// Points down.
    pub y: f32,
}

/// An axis-aligned rectangle; `min` is its top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// The top-left corner.
    pub min: Pos,
    /// The bottom-right corner.
    pub max: Pos,
}

impl Pos {
    /// The point `(x, y)`.
    pub const fn new(x: f32, y: f32) -> Pos {
        Pos { x, y }
    }

    /// Its length, as a vector.
    pub fn length(self) -> f32 {
        self.x.hypot(self.y)
    }

    /// This vector scaled to length 1 (or zero for the zero vector).
    pub fn normalized(self) -> Pos {
        let len = self.length();
        if len > f32::EPSILON {
            Pos::new(self.x / len, self.y / len)
        } else {
            Pos::default()
        }
    }

    /// This vector turned a quarter to the left (in screen coordinates: anticlockwise).
    pub fn perpendicular(self) -> Pos {
        Pos::new(self.y, -self.x)
    }

    /// The distance to `other`.
    pub fn distance(self, other: Pos) -> f32 {
        (self - other).length()
    }
}

impl Add for Pos {
    type Output = Pos;
    fn add(self, o: Pos) -> Pos {
        Pos::new(self.x + o.x, self.y + o.y)
    }
}

impl Sub for Pos {
    type Output = Pos;
    fn sub(self, o: Pos) -> Pos {
        Pos::new(self.x - o.x, self.y - o.y)
    }
}

impl Mul<f32> for Pos {
    type Output = Pos;
    fn mul(self, k: f32) -> Pos {
        Pos::new(self.x * k, self.y * k)
    }
}

impl Rect {
    /// The rectangle of this size centred on `center`.
    pub fn from_center(center: Pos, width: f32, height: f32) -> Rect {
        Rect {
            min: Pos::new(center.x - width / 2.0, center.y - height / 2.0),
            max: Pos::new(center.x + width / 2.0, center.y + height / 2.0),
        }
    }

    /// The rectangle of this size with its top-left corner at `min`.
    pub fn from_min_size(min: Pos, width: f32, height: f32) -> Rect {
        Rect {
            min,
            max: Pos::new(min.x + width, min.y + height),
        }
    }

    /// The smallest rectangle holding every point; `None` for no points.
    pub fn around(points: impl IntoIterator<Item = Pos>) -> Option<Rect> {
        points.into_iter().fold(None, |acc, p| {
            Some(match acc {
                None => Rect { min: p, max: p },
                Some(r) => Rect {
                    min: Pos::new(r.min.x.min(p.x), r.min.y.min(p.y)),
                    max: Pos::new(r.max.x.max(p.x), r.max.y.max(p.y)),
                },
            })
        })
    }

    /// Its width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Its height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Its centre.
    pub fn center(&self) -> Pos {
        Pos::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// The smallest rectangle that holds both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: Pos::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Pos::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// The same rectangle grown by `by` on every side.
    pub fn expand(&self, by: f32) -> Rect {
        Rect {
            min: Pos::new(self.min.x - by, self.min.y - by),
            max: Pos::new(self.max.x + by, self.max.y + by),
        }
    }

    /// Whether `p` lies inside or on the edge.
    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// Whether the two overlap.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// Where the ray from the centre towards `towards` leaves the rectangle.
    pub fn boundary_towards(&self, towards: Pos) -> Pos {
        let c = self.center();
        let d = towards - c;
        if d.x.abs() < f32::EPSILON && d.y.abs() < f32::EPSILON {
            return c;
        }
        let half_w = self.width() / 2.0;
        let half_h = self.height() / 2.0;
        let tx = if d.x.abs() > f32::EPSILON {
            half_w / d.x.abs()
        } else {
            f32::INFINITY
        };
        let ty = if d.y.abs() > f32::EPSILON {
            half_h / d.y.abs()
        } else {
            f32::INFINITY
        };
        c + d * tx.min(ty)
    }
}

impl Rect {
    /// Where a ray from `p` (inside the rectangle) in direction `dir` leaves it.
    pub fn exit_from(&self, p: Pos, dir: Pos) -> Pos {
        let axis = |pos: f32, d: f32, lo: f32, hi: f32| -> f32 {
            if d > f32::EPSILON {
                (hi - pos) / d
            } else if d < -f32::EPSILON {
                (lo - pos) / d
            } else {
                f32::INFINITY
            }
        };
        let t = axis(p.x, dir.x, self.min.x, self.max.x)
            .min(axis(p.y, dir.y, self.min.y, self.max.y))
            .max(0.0);
        if t.is_finite() { p + dir * t } else { p }
    }
}

/// Distance from `p` to the segment `a`–`b` (for picking a link with the mouse).
pub fn distance_to_segment(p: Pos, a: Pos, b: Pos) -> f32 {
    let ab = b - a;
    let len2 = ab.x * ab.x + ab.y * ab.y;
    if len2 <= f32::EPSILON {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / len2).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rays_leave_the_box_on_its_border() {
        let r = Rect::from_center(Pos::new(0.0, 0.0), 200.0, 72.0);
        assert_eq!(
            r.boundary_towards(Pos::new(500.0, 0.0)),
            Pos::new(100.0, 0.0)
        );
        assert_eq!(
            r.boundary_towards(Pos::new(0.0, -300.0)),
            Pos::new(0.0, -36.0)
        );
        let corner = r.boundary_towards(Pos::new(1000.0, 1000.0));
        assert!((corner.y - 36.0).abs() < 1e-3);
    }

    #[test]
    fn segment_distance() {
        let d = distance_to_segment(Pos::new(5.0, 3.0), Pos::new(0.0, 0.0), Pos::new(10.0, 0.0));
        assert!((d - 3.0).abs() < 1e-6);
        let d = distance_to_segment(Pos::new(-4.0, 3.0), Pos::new(0.0, 0.0), Pos::new(10.0, 0.0));
        assert!((d - 5.0).abs() < 1e-6);
    }
}
