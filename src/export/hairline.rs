//! Lines thinner than a pixel, drawn straight into the pixmap: anti-aliased (Xiaolin Wu's
//! two-pixel spans), their faintness standing for their width, dashes walked along the
//! line. For the thin lines of a large model drawn small, this is many times quicker than
//! a general stroker and looks the same.

use tiny_skia::{Path, PathSegment, Pixmap, Point, Transform};

use crate::scene::Color;

/// Strokes `path` (in model units, mapped to pixels by `base`) as a hairline of
/// `width_px`, with the dash `pattern` (in pixels; empty for solid).
pub fn stroke(
    pixmap: &mut Pixmap,
    path: &Path,
    base: Transform,
    pattern: &[f32],
    color: Color,
    width_px: f32,
) {
    let coverage = width_px.clamp(0.1, 1.0) * f32::from(color.a) / 255.0;
    let mut dash = Dasher::new(pattern);
    let mut start: Option<Point> = None;
    let mut last: Option<Point> = None;
    let map = |mut p: Point| {
        base.map_point(&mut p);
        p
    };
    for segment in path.segments() {
        let to = match segment {
            PathSegment::MoveTo(p) => {
                let p = map(p);
                start = Some(p);
                last = Some(p);
                continue;
            }
            PathSegment::LineTo(p) => map(p),
            // Curves here are a body's rounded corners, under a pixel at this size.
            PathSegment::QuadTo(_, p) => map(p),
            PathSegment::CubicTo(_, _, p) => map(p),
            PathSegment::Close => match start {
                Some(p) => p,
                None => continue,
            },
        };
        if let Some(from) = last {
            dash.walk(from, to, |a, b| line(pixmap, a, b, color, coverage));
        }
        last = Some(to);
    }
}

/// Walks a dash pattern along consecutive segments.
struct Dasher<'a> {
    pattern: &'a [f32],
    index: usize,
    /// How much of the current dash or gap is left.
    left: f32,
}

impl<'a> Dasher<'a> {
    fn new(pattern: &'a [f32]) -> Dasher<'a> {
        let usable = pattern.iter().sum::<f32>() > 0.0;
        let pattern = if usable { pattern } else { &[] };
        Dasher {
            pattern,
            index: 0,
            left: pattern.first().copied().unwrap_or(0.0),
        }
    }

    /// Calls `draw` for the parts of `a`–`b` that are dashes.
    fn walk(&mut self, a: Point, b: Point, mut draw: impl FnMut(Point, Point)) {
        if self.pattern.is_empty() {
            draw(a, b);
            return;
        }
        let length = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
        let at = |t: f32| Point::from_xy(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        let mut done = 0.0;
        while done < length {
            let step = self.left.min(length - done);
            if self.index.is_multiple_of(2) {
                // A dot (a dash of almost no length) still shows as a pixel.
                let end = (done + step.max(1.0)).min(length);
                draw(at(done / length), at(end / length));
            }
            done += step;
            self.left -= step;
            if self.left <= 1e-6 {
                self.index = (self.index + 1) % self.pattern.len();
                self.left = self.pattern[self.index].max(1e-3);
            }
        }
    }
}

/// One anti-aliased line of one pixel's thickness, `coverage` its strength.
fn line(pixmap: &mut Pixmap, a: Point, b: Point, color: Color, coverage: f32) {
    let (mut x0, mut y0, mut x1, mut y1) = (a.x, a.y, b.x, b.y);
    let steep = (y1 - y0).abs() > (x1 - x0).abs();
    if steep {
        std::mem::swap(&mut x0, &mut y0);
        std::mem::swap(&mut x1, &mut y1);
    }
    if x0 > x1 {
        std::mem::swap(&mut x0, &mut x1);
        std::mem::swap(&mut y0, &mut y1);
    }
    let (w, h) = (pixmap.width() as i64, pixmap.height() as i64);
    let (major_len, minor_len) = if steep { (h, w) } else { (w, h) };
    let gradient = if x1 - x0 > 1e-6 {
        (y1 - y0) / (x1 - x0)
    } else {
        0.0
    };
    // Only the part of the line inside the image.
    let first = (x0.round() as i64).max(0);
    let last = (x1.round() as i64).min(major_len - 1);
    if first > last {
        return;
    }
    let data = pixmap.data_mut();
    let mut plot = |major: i64, minor: i64, strength: f32| {
        if minor < 0 || minor >= minor_len || strength <= 0.0 {
            return;
        }
        let (x, y) = if steep {
            (minor, major)
        } else {
            (major, minor)
        };
        let i = ((y * w + x) * 4) as usize;
        blend(&mut data[i..i + 4], color, strength * coverage);
    };
    for x in first..=last {
        let y = y0 + gradient * (x as f32 - x0);
        let base = y.floor();
        let frac = y - base;
        plot(x, base as i64, 1.0 - frac);
        plot(x, base as i64 + 1, frac);
    }
}

/// `color` at `alpha` over a premultiplied pixel, in integers (this runs for every pixel
/// of every thin line).
fn blend(pixel: &mut [u8], color: Color, alpha: f32) {
    let a = (alpha.clamp(0.0, 1.0) * 256.0) as u32;
    if a == 0 {
        return;
    }
    let keep = 256 - a;
    let src = [
        u32::from(color.r),
        u32::from(color.g),
        u32::from(color.b),
        255,
    ];
    for (d, s) in pixel.iter_mut().zip(src) {
        *d = ((s * a + u32::from(*d) * keep + 128) >> 8).min(255) as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_fall_where_the_pattern_says() {
        let mut dashes = Vec::new();
        let mut dasher = Dasher::new(&[4.0, 2.0]);
        dasher.walk(
            Point::from_xy(0.0, 0.0),
            Point::from_xy(7.0, 0.0),
            |a, b| dashes.push((a.x, b.x)),
        );
        // The pattern carries on into the next segment.
        dasher.walk(
            Point::from_xy(7.0, 0.0),
            Point::from_xy(12.0, 0.0),
            |a, b| dashes.push((a.x, b.x)),
        );
        assert_eq!(dashes, vec![(0.0, 4.0), (6.0, 7.0), (7.0, 10.0)]);
    }

    #[test]
    fn a_thin_line_darkens_the_pixels_it_crosses_and_no_others() {
        let mut pixmap = Pixmap::new(20, 10).unwrap();
        pixmap.fill(tiny_skia::Color::WHITE);
        let black = Color {
            r: 0,
            g: 0,
            b: 0,
            a: 255,
        };
        line(
            &mut pixmap,
            Point::from_xy(2.0, 5.0),
            Point::from_xy(17.0, 5.0),
            black,
            0.5,
        );
        let px = |x: u32, y: u32| pixmap.pixel(x, y).unwrap().red();
        assert!(px(10, 5) < 160 && px(10, 5) > 100, "{}", px(10, 5));
        assert_eq!(px(10, 2), 255);
        assert_eq!(px(0, 5), 255);
    }
}
