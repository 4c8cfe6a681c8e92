//! The diagram as a list of drawing primitives in model coordinates, built from a model and
//! the one `Style`. The exporters and the editor's canvas paint this same scene, so an
//! export looks like the screen.

mod bodies;
mod build;
mod decision_map;
mod legend;
mod links;
mod marks;
mod scheme_table;
mod style;

pub use bodies::{BADGE_RADIUS, badge_centre};
pub use build::{
    Badge, SceneOptions, badges_for, build, build_after, build_with_view, tier_bands_of,
};
pub use decision_map::{decision_numbers, tag_text};
pub use links::{route_boxes, route_requests};
pub use scheme_table::{TABLE_TEXT_PT, scheme_pages};
pub use style::{BoxShape, Color, Dash, Head, LinkLook, NodeLook, Stroke, Style};

use std::ops::Range;

use crate::font::Weight;
use crate::geom::{Pos, Rect};
use crate::model::{LinkKind, NodeKind};
use crate::view::Role;

/// How a line of text sits on its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// The anchor is the text's left end.
    Left,
    /// The anchor is the text's middle.
    Center,
    /// The anchor is the text's right end.
    Right,
}

/// One line of text; `pos` is on its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// Where it is anchored, on the baseline.
    pub pos: Pos,
    /// The text.
    pub text: String,
    /// Font size in points.
    pub size: f32,
    /// Regular or bold.
    pub weight: Weight,
    /// Its colour.
    pub color: Color,
    /// How it sits on `pos`.
    pub align: Align,
}

/// A drawing primitive.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A rectangle, with rounded corners when `radius` is above 0.
    Rect {
        /// Where it is.
        rect: Rect,
        /// Corner radius in points.
        radius: f32,
        /// Inside colour, if filled.
        fill: Option<Color>,
        /// Border, if any.
        stroke: Option<Stroke>,
    },
    /// A closed polygon.
    Polygon {
        /// The corners, in order.
        points: Vec<Pos>,
        /// Inside colour, if filled.
        fill: Option<Color>,
        /// Border, if any.
        stroke: Option<Stroke>,
    },
    /// A circle.
    Circle {
        /// Its centre.
        center: Pos,
        /// Its radius in points.
        radius: f32,
        /// Inside colour, if filled.
        fill: Option<Color>,
        /// Border, if any.
        stroke: Option<Stroke>,
    },
    /// An open polyline.
    Line {
        /// The points, in order.
        points: Vec<Pos>,
        /// How the line is drawn.
        stroke: Stroke,
    },
    /// A line of text.
    Text(Text),
}

/// The diagram, ready to paint: shapes in painting order, and where each body and link is
/// (for picking with the mouse, and for culling).
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Everything drawn, title block and legend included.
    pub bounds: Rect,
    /// The colour behind everything (transparent exports leave it out).
    pub background: Color,
    /// Everything to draw, in painting order.
    pub shapes: Vec<Shape>,
    /// What runs of `shapes` draw (a body, a line, the key…), in painting order, for
    /// painters that say so (SVG's classes and titles); others paint `shapes` alone.
    pub parts: Vec<Part>,
    /// The box of each body, by position in the model; `None` when it is not drawn.
    pub nodes: Vec<Option<Rect>>,
    /// The drawn line of each link (its routed polyline, end to end), by position in the
    /// model; `None` when not drawn. Links merged into one line share it.
    pub links: Vec<Option<Vec<Pos>>>,
    /// Every line drawn, once, with the boxes it joins: what the readability measures read.
    pub lines: Vec<crate::route::DrawnLine>,
    /// The group each drawn body is drawn inside, by position.
    pub parents: Vec<Option<usize>>,
    /// The organisation's logo in the title block, painted after the shapes.
    pub logo: Option<PlacedLogo>,
    /// The routed lines as the router left them, so that the next scene of an edited model
    /// ([`build_after`]) re-routes only what the edit touched.
    pub routes: crate::route::Routes,
}

/// A run of a scene's shapes that draws one thing.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// Positions in [`Scene::shapes`].
    pub shapes: Range<usize>,
    /// What they draw.
    pub what: What,
}

/// What a [`Part`] draws.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// The tier bands and their names.
    Tiers,
    /// A body: an ordinary box, an unfolded group's box and header (its members are parts
    /// of their own), or a folded group.
    Body {
        /// The body's id.
        id: String,
        /// Its kind.
        kind: NodeKind,
        /// Which kind of box it is.
        role: Role,
        /// The body in words: its name and what it is.
        title: String,
    },
    /// A line, its arrowheads and its label, between the two boxes (by body id) it joins.
    Link {
        /// The links' kind.
        kind: LinkKind,
        /// The id of the body whose box the line starts at.
        from: String,
        /// The id of the body whose box the line ends at.
        to: String,
        /// For a line drawn to a folded group in place of hidden members: how many model
        /// links it draws.
        count: Option<usize>,
        /// The link's sentence.
        title: String,
    },
    /// The title, subtitle and date above the diagram.
    TitleBlock,
    /// The key.
    Legend,
}

/// A logo and the box it fills (its proportions kept).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLogo {
    /// The box, in model units.
    pub rect: Rect,
    /// The image.
    pub logo: std::sync::Arc<crate::logo::Logo>,
}

impl Shape {
    /// The area the shape covers (strokes included, roughly), for culling.
    pub fn bounds(&self) -> Rect {
        let half = |s: &Option<Stroke>| s.map_or(0.0, |s| s.width / 2.0);
        match self {
            Shape::Rect { rect, stroke, .. } => rect.expand(half(stroke)),
            Shape::Polygon { points, stroke, .. } => Rect::around(points.iter().copied())
                .unwrap_or(Rect {
                    min: Pos::default(),
                    max: Pos::default(),
                })
                .expand(half(stroke)),
            Shape::Circle {
                center,
                radius,
                stroke,
                ..
            } => Rect::from_center(*center, radius * 2.0, radius * 2.0).expand(half(stroke)),
            Shape::Line { points, stroke } => Rect::around(points.iter().copied())
                .unwrap_or(Rect {
                    min: Pos::default(),
                    max: Pos::default(),
                })
                .expand(stroke.width),
            Shape::Text(t) => text_bounds(t),
        }
    }
}

/// The box a line of text covers.
pub fn text_bounds(t: &Text) -> Rect {
    let face = crate::font::face(t.weight);
    let width = face.width(&t.text, t.size);
    let left = match t.align {
        Align::Left => t.pos.x,
        Align::Center => t.pos.x - width / 2.0,
        Align::Right => t.pos.x - width,
    };
    Rect {
        min: Pos::new(left, t.pos.y - face.ascent(t.size)),
        max: Pos::new(left + width, t.pos.y + face.descent(t.size)),
    }
}
