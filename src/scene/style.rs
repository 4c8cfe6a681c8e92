//! The one palette: colours, border dashes, line styles and arrowheads of every kind of body
//! and link. Nothing about how a kind looks is decided anywhere else.
//!
//! Link kinds differ by line pattern *and* by arrowhead, never by colour alone, so that a
//! greyscale print still tells accountability from membership from delegation.

use crate::model::{Family, LinkKind};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0 (transparent) to 255 (opaque).
    pub a: u8,
}

impl Color {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 255 }
    }

    /// This colour moved `amount` (0 to 1) of the way towards `other`, opacity kept.
    pub fn mix(self, other: Color, amount: f32) -> Color {
        let t = amount.clamp(0.0, 1.0);
        let channel =
            |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Color {
            r: channel(self.r, other.r),
            g: channel(self.g, other.g),
            b: channel(self.b, other.b),
            a: self.a,
        }
    }

    /// The same colour with opacity `a`.
    pub const fn with_alpha(self, a: u8) -> Color {
        Color { a, ..self }
    }

    /// Opaque white.
    pub const WHITE: Color = Color::rgb(255, 255, 255);
    /// Nothing at all.
    pub const TRANSPARENT: Color = Color {
        r: 0,
        g: 0,
        b: 0,
        a: 0,
    };

    /// `#rrggbb`, for SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// A line pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    /// A continuous line.
    Solid,
    /// Long dashes.
    Dashed,
    /// Short dashes.
    ShortDashed,
    /// Dots.
    Dotted,
    /// Dashes and dots in turn.
    DashDot,
}

impl Dash {
    /// On/off lengths in multiples of the line width (empty for a solid line).
    pub fn pattern(self, width: f32) -> Vec<f32> {
        let unit = width.max(1.0);
        match self {
            Dash::Solid => Vec::new(),
            Dash::Dashed => vec![6.0 * unit, 3.5 * unit],
            Dash::ShortDashed => vec![3.0 * unit, 2.5 * unit],
            Dash::Dotted => vec![0.01, 2.6 * unit],
            Dash::DashDot => vec![6.0 * unit, 2.5 * unit, 0.01, 2.5 * unit],
        }
    }

    /// Whether line ends are drawn round (dots need round caps to show).
    pub fn round_caps(self) -> bool {
        matches!(self, Dash::Dotted | Dash::DashDot)
    }
}

/// How a line or border is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Width in points.
    pub width: f32,
    /// Colour.
    pub color: Color,
    /// Pattern.
    pub dash: Dash,
}

/// The outline of a body's box, by family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxShape {
    /// Square corners and a double border: national bodies.
    DoubleRect,
    /// Square corners.
    Rect,
    /// Rounded corners.
    Rounded,
    /// Fully rounded ends.
    Stadium,
    /// Six sides, pointed left and right.
    Hexagon,
    /// Cut corners.
    Octagon,
    /// A label tag, pointed on the right.
    Tag,
}

/// How a family of bodies is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeLook {
    /// The outline.
    pub shape: BoxShape,
    /// Inside colour.
    pub fill: Color,
    /// Border colour.
    pub border: Color,
    /// Colour of the name.
    pub text: Color,
    /// Colour of the kind caption under the name.
    pub caption: Color,
}

/// The marks at a link's ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Head {
    /// No mark.
    None,
    /// A filled triangle.
    FilledTriangle,
    /// A hollow triangle.
    HollowTriangle,
    /// Two strokes, like `>`.
    OpenArrow,
    /// A filled diamond.
    FilledDiamond,
    /// A dot at the line's start (only used as a tail).
    Dot,
}

/// How a kind of link is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkLook {
    /// The line.
    pub stroke: Stroke,
    /// The mark at the `to` end.
    pub head: Head,
    /// The mark at the `from` end.
    pub tail: Head,
}

/// The whole palette. Exports always use `Style::print()`; the editor may use `dark()`.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// The canvas behind everything.
    pub background: Color,
    /// Ordinary text (title block, legend).
    pub text: Color,
    /// Secondary text.
    pub muted_text: Color,
    /// The tier bands' fills, in turn.
    pub band_fills: [Color; 2],
    /// The tier bands' names.
    pub band_text: Color,
    /// Behind the labels on lines, so that they stay readable.
    pub label_background: Color,
    /// Error findings and badges.
    pub error: Color,
    /// Warning findings and badges.
    pub warning: Color,
    /// Info findings and badges.
    pub info: Color,
    dark: bool,
}

const NHS_BLUE: Color = Color::rgb(0x00, 0x5e, 0xb8);
const NHS_DARK_BLUE: Color = Color::rgb(0x00, 0x30, 0x87);
const NHS_DARK_GREY: Color = Color::rgb(0x42, 0x55, 0x63);
const TEXT: Color = Color::rgb(0x21, 0x2b, 0x32);

impl Style {
    /// The editor's style for its theme: [`Style::dark`] or [`Style::print`].
    pub fn for_theme(dark: bool) -> Style {
        if dark { Style::dark() } else { Style::print() }
    }

    /// Print style: light, for board papers and the light theme.
    pub fn print() -> Style {
        Style {
            background: Color::WHITE,
            text: TEXT,
            muted_text: Color::rgb(0x4c, 0x62, 0x72),
            band_fills: [Color::rgb(0xf0, 0xf4, 0xf5), Color::rgb(0xf8, 0xfa, 0xfb)],
            band_text: Color::rgb(0x76, 0x86, 0x92),
            label_background: Color::WHITE.with_alpha(235),
            error: Color::rgb(0xd5, 0x28, 0x1b),
            warning: Color::rgb(0xed, 0x8b, 0x00),
            info: NHS_BLUE,
            dark: false,
        }
    }

    /// Dark theme for the editor's canvas. Bodies keep their print colours so that a
    /// family is recognised in either theme; only the ground and the lines change.
    pub fn dark() -> Style {
        Style {
            background: Color::rgb(0x1b, 0x1f, 0x23),
            text: Color::rgb(0xe8, 0xed, 0xee),
            muted_text: Color::rgb(0xae, 0xb7, 0xbd),
            band_fills: [Color::rgb(0x24, 0x2a, 0x30), Color::rgb(0x1f, 0x24, 0x29)],
            band_text: Color::rgb(0x8d, 0x9a, 0xa3),
            label_background: Color::rgb(0x1b, 0x1f, 0x23).with_alpha(235),
            error: Color::rgb(0xff, 0x5a, 0x4d),
            warning: Color::rgb(0xff, 0xb0, 0x3b),
            info: Color::rgb(0x41, 0xb6, 0xe6),
            dark: true,
        }
    }

    /// Whether this is the dark palette.
    pub fn is_dark(&self) -> bool {
        self.dark
    }

    /// Fill and text of the tag that counts the decisions a body takes (decision map).
    pub fn decision_tag(&self) -> (Color, Color) {
        if self.dark {
            (Color::rgb(0xff, 0xb8, 0x1c), Color::rgb(0x1b, 0x1f, 0x23))
        } else {
            (NHS_DARK_BLUE, Color::WHITE)
        }
    }

    /// How bodies of `family` are drawn. The dark theme keeps each family's hue but turns
    /// its lightness round (a dark fill inside a light border, light text), so that the gaps
    /// of a dashed border show as dark against light dashes, as they do in print.
    pub fn node(&self, family: Family) -> NodeLook {
        let print = Style::print_node(family);
        if !self.dark {
            return print;
        }
        NodeLook {
            shape: print.shape,
            fill: print.border.mix(self.background, 0.72),
            border: print.border.mix(Color::WHITE, 0.6),
            text: self.text,
            caption: self.muted_text,
        }
    }

    fn print_node(family: Family) -> NodeLook {
        let look = |shape, fill, border| NodeLook {
            shape,
            fill,
            border,
            text: TEXT,
            caption: Color::rgb(0x4c, 0x62, 0x72),
        };
        match family {
            Family::National => NodeLook {
                shape: BoxShape::DoubleRect,
                fill: NHS_BLUE,
                border: NHS_DARK_BLUE,
                text: Color::WHITE,
                caption: Color::rgb(0xdd, 0xe9, 0xf7),
            },
            Family::Commissioner => look(BoxShape::Rounded, Color::rgb(0xd6, 0xe7, 0xf7), NHS_BLUE),
            Family::Provider => look(
                BoxShape::Rect,
                Color::rgb(0xd7, 0xee, 0xdc),
                Color::rgb(0x00, 0x7f, 0x3b),
            ),
            Family::PrimaryCare => look(
                BoxShape::Stadium,
                Color::rgb(0xd3, 0xf0, 0xed),
                Color::rgb(0x00, 0x86, 0x7d),
            ),
            Family::LocalGovernment => look(
                BoxShape::Hexagon,
                Color::rgb(0xe8, 0xdf, 0xf2),
                Color::rgb(0x5c, 0x2d, 0x91),
            ),
            Family::Partnership => look(
                BoxShape::Octagon,
                Color::rgb(0xff, 0xf0, 0xc8),
                Color::rgb(0x9a, 0x6b, 0x00),
            ),
            Family::Community => look(
                BoxShape::Tag,
                Color::rgb(0xfb, 0xe1, 0xeb),
                Color::rgb(0xae, 0x25, 0x73),
            ),
            Family::Other => look(
                BoxShape::Rounded,
                Color::rgb(0xee, 0xef, 0xf0),
                NHS_DARK_GREY,
            ),
        }
    }

    /// The border of a body: solid when it has statutory force, dashed when it has none.
    pub fn node_border(&self, family: Family, statutory: bool) -> Stroke {
        Stroke {
            width: if self.dark { 2.0 } else { 1.6 },
            color: self.node(family).border,
            dash: if statutory { Dash::Solid } else { Dash::Dashed },
        }
    }

    /// How links of `kind` are drawn.
    pub fn link(&self, kind: LinkKind) -> LinkLook {
        let ink = if self.dark {
            Color::rgb(0xd0, 0xd8, 0xdc)
        } else {
            TEXT
        };
        let grey = if self.dark {
            Color::rgb(0x9a, 0xa9, 0xb2)
        } else {
            Color::rgb(0x4c, 0x62, 0x72)
        };
        // On the dark ground, dark inks are lightened so that every line, and the gaps of
        // a dashed one, stand out from the ground.
        let line = |width, color: Color, dash| Stroke {
            width,
            color: if self.dark {
                color.mix(Color::WHITE, 0.45)
            } else {
                color
            },
            dash,
        };
        match kind {
            LinkKind::Accountability => LinkLook {
                stroke: line(1.8, ink, Dash::Solid),
                head: Head::FilledTriangle,
                tail: Head::None,
            },
            LinkKind::Membership => LinkLook {
                stroke: line(1.5, grey, Dash::Dotted),
                head: Head::OpenArrow,
                tail: Head::None,
            },
            LinkKind::Delegation => LinkLook {
                stroke: line(1.6, Color::rgb(0x7c, 0x28, 0x55), Dash::Dashed),
                head: Head::HollowTriangle,
                tail: Head::None,
            },
            LinkKind::Commissioning => LinkLook {
                stroke: line(
                    1.2,
                    if self.dark {
                        Color::rgb(0x41, 0xb6, 0xe6)
                    } else {
                        NHS_BLUE
                    },
                    Dash::Solid,
                ),
                head: Head::OpenArrow,
                tail: Head::Dot,
            },
            LinkKind::Funding => LinkLook {
                stroke: line(1.6, Color::rgb(0x00, 0x7f, 0x3b), Dash::DashDot),
                head: Head::FilledTriangle,
                tail: Head::None,
            },
            LinkKind::Committee => LinkLook {
                stroke: line(1.6, Color::rgb(0x8a, 0x5a, 0x00), Dash::Solid),
                head: Head::FilledDiamond,
                tail: Head::None,
            },
            LinkKind::Collaboration => LinkLook {
                stroke: line(1.5, grey, Dash::ShortDashed),
                head: Head::None,
                tail: Head::None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two link kinds look alike in greyscale only if pattern, head and tail all match.
    #[test]
    fn every_link_kind_differs_by_more_than_colour() {
        let style = Style::print();
        let kinds = LinkKind::ALL;
        for (i, a) in kinds.iter().enumerate() {
            for b in &kinds[i + 1..] {
                let (la, lb) = (style.link(*a), style.link(*b));
                let same_shape =
                    la.stroke.dash == lb.stroke.dash && la.head == lb.head && la.tail == lb.tail;
                assert!(!same_shape, "{a:?} and {b:?} differ only by colour");
            }
        }
    }

    /// WCAG contrast ratio of two opaque colours.
    fn contrast(a: Color, b: Color) -> f32 {
        let lum = |c: Color| {
            let lin = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn in_the_dark_theme_borders_and_lines_stand_out_from_fill_and_ground() {
        let style = Style::dark();
        for family in Family::ALL {
            let look = style.node(family);
            let border = style.node_border(family, false).color;
            assert!(
                contrast(border, look.fill) >= 3.0,
                "{family:?} border on its fill"
            );
            assert!(
                contrast(border, style.background) >= 3.0,
                "{family:?} border on the ground"
            );
            assert!(contrast(look.text, look.fill) >= 4.5, "{family:?} text");
        }
        for kind in LinkKind::ALL {
            let color = style.link(kind).stroke.color;
            assert!(contrast(color, style.background) >= 3.0, "{kind:?} line");
        }
    }

    #[test]
    fn every_family_has_its_own_shape_or_fill() {
        let style = Style::print();
        for (i, a) in Family::ALL.iter().enumerate() {
            for b in &Family::ALL[i + 1..] {
                assert_ne!(style.node(*a), style.node(*b), "{a:?} and {b:?}");
            }
        }
    }
}
