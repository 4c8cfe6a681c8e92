//! Page geometry shared by every exporter: paper sizes, orientation, margins, and where the
//! drawing lands on the page. Plain arithmetic in points (1/72 inch); nothing here draws.

use std::fmt;
use std::str::FromStr;

use crate::geom::{Pos, Rect};

/// Points per inch.
pub const PT_PER_INCH: f32 = 72.0;
/// Millimetres per inch.
pub const MM_PER_INCH: f32 = 25.4;
/// How large one model unit prints at natural size: one CSS pixel (1/96 inch) is 0.75 pt.
pub const NATURAL_PT_PER_UNIT: f32 = 0.75;
/// The default blank border inside the paper's edge, in millimetres.
pub const DEFAULT_MARGIN_MM: f32 = 10.0;
/// Text printed smaller than this is hard to read on paper.
pub const DEFAULT_MIN_TEXT_PT: f32 = 6.0;

/// A paper size a board paper or PDF pack is printed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Paper {
    /// ISO A5, 148 × 210 mm.
    A5,
    /// ISO A4, 210 × 297 mm.
    A4,
    /// ISO A3, 297 × 420 mm.
    A3,
    /// ISO A2, 420 × 594 mm.
    A2,
    /// ISO A1, 594 × 841 mm.
    A1,
    /// ISO A0, 841 × 1189 mm.
    A0,
    /// US letter, 8.5 × 11 in.
    Letter,
    /// US legal, 8.5 × 14 in.
    Legal,
}

impl Paper {
    /// Every paper, in the order they are offered.
    pub const ALL: [Paper; 8] = [
        Paper::A5,
        Paper::A4,
        Paper::A3,
        Paper::A2,
        Paper::A1,
        Paper::A0,
        Paper::Letter,
        Paper::Legal,
    ];

    /// The ISO sizes from small to large: where to look for a page that would do.
    pub const ISO_UP: [Paper; 6] = [
        Paper::A5,
        Paper::A4,
        Paper::A3,
        Paper::A2,
        Paper::A1,
        Paper::A0,
    ];

    /// Width and height in portrait, in millimetres.
    pub fn portrait_mm(self) -> (f32, f32) {
        match self {
            Paper::A5 => (148.0, 210.0),
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A1 => (594.0, 841.0),
            Paper::A0 => (841.0, 1189.0),
            Paper::Letter => (215.9, 279.4),
            Paper::Legal => (215.9, 355.6),
        }
    }

    /// The name users type and read.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A5 => "A5",
            Paper::A4 => "A4",
            Paper::A3 => "A3",
            Paper::A2 => "A2",
            Paper::A1 => "A1",
            Paper::A0 => "A0",
            Paper::Letter => "letter",
            Paper::Legal => "legal",
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Paper {
    type Err = String;
    fn from_str(s: &str) -> Result<Paper, String> {
        Paper::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("unknown page {s:?}; use A5, A4, A3, A2, A1, A0, letter or legal")
            })
    }
}

/// Which way up the paper is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// Whichever prints the drawing larger.
    #[default]
    Auto,
    /// Wider than tall.
    Landscape,
    /// Taller than wide.
    Portrait,
}

impl Orientation {
    /// Every orientation, in the order they are offered.
    pub const ALL: [Orientation; 3] = [
        Orientation::Auto,
        Orientation::Landscape,
        Orientation::Portrait,
    ];

    /// The name users type and read.
    pub fn name(self) -> &'static str {
        match self {
            Orientation::Auto => "auto",
            Orientation::Landscape => "landscape",
            Orientation::Portrait => "portrait",
        }
    }
}

impl FromStr for Orientation {
    type Err = String;
    fn from_str(s: &str) -> Result<Orientation, String> {
        Orientation::ALL
            .into_iter()
            .find(|o| o.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown orientation {s:?}; use auto, landscape or portrait"))
    }
}

/// The page asked for: paper, orientation and margin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSpec {
    /// The paper size.
    pub paper: Paper,
    /// Which way up.
    pub orientation: Orientation,
    /// Blank border inside the paper's edge, in millimetres.
    pub margin_mm: f32,
}

impl PageSpec {
    /// The paper, turned whichever way suits the drawing, with the default margin.
    pub fn new(paper: Paper) -> PageSpec {
        PageSpec {
            paper,
            orientation: Orientation::Auto,
            margin_mm: DEFAULT_MARGIN_MM,
        }
    }
}

/// Where the drawing goes on the output: the output's size in points, and the mapping from
/// model units to points (`pt = (model - origin) × pt_per_unit`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// The output's width in points.
    pub width_pt: f32,
    /// The output's height in points.
    pub height_pt: f32,
    /// The model point at the output's top-left corner.
    pub origin: Pos,
    /// Points per model unit.
    pub pt_per_unit: f32,
    /// The paper, when the output is a page rather than the drawing's natural size.
    pub page: Option<(Paper, bool)>,
}

impl Frame {
    /// The drawing (with `border` model units around it) at its natural size.
    pub fn natural(drawing: Rect, border: f32) -> Frame {
        let area = drawing.expand(border);
        Frame {
            width_pt: area.width() * NATURAL_PT_PER_UNIT,
            height_pt: area.height() * NATURAL_PT_PER_UNIT,
            origin: area.min,
            pt_per_unit: NATURAL_PT_PER_UNIT,
            page: None,
        }
    }

    /// The whole drawing fitted into the printable area of the page, proportions kept and
    /// centred. `Auto` takes the orientation that prints the drawing larger (landscape on a
    /// tie).
    pub fn on_page(drawing: Rect, spec: &PageSpec) -> Frame {
        let (short, long) = spec.paper.portrait_mm();
        let fit = |landscape: bool| {
            let (w_mm, h_mm) = if landscape {
                (long, short)
            } else {
                (short, long)
            };
            let (w, h) = (mm_to_pt(w_mm), mm_to_pt(h_mm));
            let margin = mm_to_pt(spec.margin_mm.max(0.0));
            let (room_w, room_h) = ((w - 2.0 * margin).max(1.0), (h - 2.0 * margin).max(1.0));
            let (dw, dh) = (drawing.width().max(1.0), drawing.height().max(1.0));
            let k = (room_w / dw).min(room_h / dh);
            let center = drawing.center();
            Frame {
                width_pt: w,
                height_pt: h,
                origin: Pos::new(center.x - w / k / 2.0, center.y - h / k / 2.0),
                pt_per_unit: k,
                page: Some((spec.paper, landscape)),
            }
        };
        match spec.orientation {
            Orientation::Landscape => fit(true),
            Orientation::Portrait => fit(false),
            Orientation::Auto => {
                let (l, p) = (fit(true), fit(false));
                if p.pt_per_unit > l.pt_per_unit * 1.0001 {
                    p
                } else {
                    l
                }
            }
        }
    }

    /// The model area the frame shows.
    pub fn view(&self) -> Rect {
        Rect::from_min_size(
            self.origin,
            self.width_pt / self.pt_per_unit,
            self.height_pt / self.pt_per_unit,
        )
    }

    /// The output's size in whole pixels at `dpi`: a page is rounded to the nearest pixel
    /// (A4 landscape at 300 dpi is 3508 × 2480), a natural-size drawing rounded up so nothing
    /// is cut.
    pub fn pixels(&self, dpi: f32) -> (u64, u64) {
        let to_px = |pt: f32| f64::from(pt) * f64::from(dpi) / f64::from(PT_PER_INCH);
        let side = |pt: f32| {
            let px = to_px(pt);
            let px = if self.page.is_some() {
                px.round()
            } else {
                (px - 1e-6).ceil()
            };
            px.max(1.0).min(u64::MAX as f64 / 4.0) as u64
        };
        (side(self.width_pt), side(self.height_pt))
    }

    /// "A4 landscape", or "natural size".
    pub fn describe(&self) -> String {
        match self.page {
            Some((paper, true)) => format!("{paper} landscape"),
            Some((paper, false)) => format!("{paper} portrait"),
            None => "natural size".to_string(),
        }
    }
}

/// Millimetres to points.
pub fn mm_to_pt(mm: f32) -> f32 {
    mm / MM_PER_INCH * PT_PER_INCH
}

/// How readable the text of a drawing is on a frame: the smallest text printed, in points.
pub fn smallest_text_pt(smallest_text_units: f32, frame: &Frame) -> f32 {
    smallest_text_units * frame.pt_per_unit
}

/// The smallest ISO page, at least as large as `from`, on which the drawing's smallest text
/// prints at `min_pt` or more (orientation and margin as asked); `None` when even A0 is too
/// small.
pub fn page_that_would_do(
    drawing: Rect,
    smallest_text_units: f32,
    spec: &PageSpec,
    min_pt: f32,
) -> Option<(Paper, f32)> {
    let start = Paper::ISO_UP
        .iter()
        .position(|p| {
            p.portrait_mm().0 * p.portrait_mm().1
                >= spec.paper.portrait_mm().0 * spec.paper.portrait_mm().1 * 0.99
        })
        .unwrap_or(0);
    Paper::ISO_UP[start..].iter().find_map(|&paper| {
        let frame = Frame::on_page(drawing, &PageSpec { paper, ..*spec });
        let pt = smallest_text_pt(smallest_text_units, &frame);
        (pt >= min_pt && paper != spec.paper).then_some((paper, pt))
    })
}

/// The page, in millimetres (width, height), that the drawing would need for its smallest
/// text to print at `min_pt`, margins included.
pub fn size_needed_mm(
    drawing: Rect,
    smallest_text_units: f32,
    margin_mm: f32,
    min_pt: f32,
) -> (f32, f32) {
    let k = min_pt / smallest_text_units.max(f32::MIN_POSITIVE);
    let to_mm = |pt: f32| pt / PT_PER_INCH * MM_PER_INCH;
    (
        to_mm(drawing.width() * k) + 2.0 * margin_mm,
        to_mm(drawing.height() * k) + 2.0 * margin_mm,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawing(w: f32, h: f32) -> Rect {
        Rect::from_min_size(Pos::new(-50.0, 20.0), w, h)
    }

    #[test]
    fn a_wide_drawing_goes_landscape_and_is_centred() {
        let d = drawing(2000.0, 800.0);
        let f = Frame::on_page(d, &PageSpec::new(Paper::A4));
        assert_eq!(f.page, Some((Paper::A4, true)));
        assert!((f.width_pt - 841.89).abs() < 0.01 && (f.height_pt - 595.28).abs() < 0.01);
        let view = f.view();
        assert!((view.center().x - d.center().x).abs() < 0.01);
        assert!((view.center().y - d.center().y).abs() < 0.01);
        // The width is the tight side: exactly the margins are left.
        let margin = mm_to_pt(10.0);
        assert!((d.width() * f.pt_per_unit - (f.width_pt - 2.0 * margin)).abs() < 0.01);
        assert!(d.height() * f.pt_per_unit <= f.height_pt - 2.0 * margin + 0.01);
    }

    #[test]
    fn a_tall_drawing_goes_portrait_unless_told() {
        let d = drawing(500.0, 1500.0);
        let auto = Frame::on_page(d, &PageSpec::new(Paper::A3));
        assert_eq!(auto.page, Some((Paper::A3, false)));
        let forced = Frame::on_page(
            d,
            &PageSpec {
                orientation: Orientation::Landscape,
                ..PageSpec::new(Paper::A3)
            },
        );
        assert_eq!(forced.page, Some((Paper::A3, true)));
        assert!(forced.pt_per_unit < auto.pt_per_unit);
    }

    #[test]
    fn a_larger_page_is_named_when_text_is_too_small() {
        let d = drawing(3000.0, 1000.0);
        let spec = PageSpec::new(Paper::A4);
        let on_a4 = smallest_text_pt(8.0, &Frame::on_page(d, &spec));
        assert!(on_a4 < 6.0, "{on_a4}");
        let (paper, pt) = page_that_would_do(d, 8.0, &spec, 6.0).unwrap();
        assert!(pt >= 6.0);
        let smaller = Paper::ISO_UP[Paper::ISO_UP.iter().position(|p| *p == paper).unwrap() - 1];
        let before = smallest_text_pt(8.0, &Frame::on_page(d, &PageSpec::new(smaller)));
        assert!(before < 6.0, "{smaller} would already do");
        assert!(page_that_would_do(drawing(90_000.0, 9000.0), 8.0, &spec, 6.0).is_none());
    }

    #[test]
    fn names_parse_either_case() {
        assert_eq!("a4".parse::<Paper>(), Ok(Paper::A4));
        assert_eq!("Letter".parse::<Paper>(), Ok(Paper::Letter));
        assert!("B5".parse::<Paper>().is_err());
        assert_eq!("PORTRAIT".parse(), Ok(Orientation::Portrait));
    }
}
