//! The title block above the diagram and the legend below it. The legend lists only the
//! kinds the drawn part of the model uses, so it explains exactly what is on the page.

use std::sync::Arc;

use super::marks::{line_with_heads, outline};
use super::style::{BoxShape, Dash, Stroke, Style};
use super::{Align, PlacedLogo, Shape, Text};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};
use crate::logo::Logo;
use crate::model::{LinkKind, Model, ModelIndex, NodeKind};
use crate::view::{Role, Shown, View};

const TITLE_SIZE: f32 = 20.0;
const SUBTITLE_SIZE: f32 = 12.5;
const META_SIZE: f32 = 10.0;
const LEGEND_TEXT_SIZE: f32 = 9.5;
const LEGEND_COLUMN: f32 = 230.0;
const LEGEND_ROW: f32 = 26.0;

/// The logo's height when the title block has no words beside it.
const LOGO_ALONE_HEIGHT: f32 = 48.0;
/// Space between the words and the logo.
const LOGO_GAP: f32 = 16.0;

/// Title, subtitle and "As at … · author", above everything drawn so far, with the
/// organisation's logo at the right, as tall as the words.
pub(super) fn title_block(
    out: &mut Vec<Shape>,
    bounds: &mut Rect,
    model: &Model,
    style: &Style,
    logo: Option<&Arc<Logo>>,
) -> Option<PlacedLogo> {
    let mut lines: Vec<(String, f32, Weight, super::Color)> = Vec::new();
    let full_width = bounds.width().max(400.0);
    let title = model.title.trim();
    let subtitle = model.subtitle.trim();
    let mut meta = Vec::new();
    if let Some(date) = model.as_at {
        meta.push(format!("As at {}", long_date(date)));
    }
    if !model.author.trim().is_empty() {
        meta.push(model.author.trim().to_string());
    }
    // The logo is as tall as the words would be on one line each, so its width is known
    // before the words are wrapped beside it.
    let one_line_each: f32 = [
        (!title.is_empty(), TITLE_SIZE),
        (!subtitle.is_empty(), SUBTITLE_SIZE),
        (!meta.is_empty(), META_SIZE),
    ]
    .iter()
    .filter(|(present, _)| *present)
    .map(|(_, size)| size * 1.35)
    .sum();
    let logo_size = logo.map(|l| {
        let height = if one_line_each > 0.0 {
            one_line_each
        } else {
            LOGO_ALONE_HEIGHT
        };
        let width = (height * l.aspect()).min(full_width / 2.0);
        (width, width / l.aspect())
    });
    let width = match logo_size {
        Some((w, _)) => (full_width - w - LOGO_GAP).max(100.0),
        None => full_width,
    };
    let title_face = face(Weight::Bold);
    if !title.is_empty() {
        for line in title_face
            .wrap(title, TITLE_SIZE, width, 2)
            .unwrap_or_else(|| vec![title_face.ellipsize(title, TITLE_SIZE, width)])
        {
            lines.push((line, TITLE_SIZE, Weight::Bold, style.text));
        }
    }
    if !subtitle.is_empty() {
        let f = face(Weight::Regular);
        for line in f
            .wrap(subtitle, SUBTITLE_SIZE, width, 2)
            .unwrap_or_else(|| vec![f.ellipsize(subtitle, SUBTITLE_SIZE, width)])
        {
            lines.push((line, SUBTITLE_SIZE, Weight::Regular, style.text));
        }
    }
    if !meta.is_empty() {
        let text = face(Weight::Regular).ellipsize(&meta.join(" · "), META_SIZE, width);
        lines.push((text, META_SIZE, Weight::Regular, style.muted_text));
    }
    if lines.is_empty() && logo_size.is_none() {
        return None;
    }
    let words_height: f32 = lines.iter().map(|(_, size, _, _)| size * 1.35).sum::<f32>();
    let height = words_height.max(logo_size.map_or(0.0, |(_, h)| h)) + 18.0;
    let top = bounds.min.y - height;
    let mut y = top;
    let count = lines.len();
    for (text, size, weight, color) in lines {
        y += size * 1.35;
        out.push(Shape::Text(Text {
            pos: Pos::new(bounds.min.x, y - size * 0.3),
            text,
            size,
            weight,
            color,
            align: Align::Left,
        }));
    }
    let left = bounds.min.x;
    *bounds = bounds.union(&Rect {
        min: Pos::new(bounds.min.x, top),
        max: bounds.max,
    });
    for shape in out.iter().rev().take(count) {
        *bounds = bounds.union(&shape.bounds());
    }
    let placed = logo.zip(logo_size).map(|(logo, (w, h))| PlacedLogo {
        rect: Rect::from_min_size(Pos::new(left + full_width - w, top), w, h),
        logo: Arc::clone(logo),
    });
    if let Some(p) = &placed {
        *bounds = bounds.union(&p.rect);
    }
    placed
}

/// "3 March 2026".
fn long_date(date: crate::model::IsoDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS
        .get(usize::from(date.month()).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

/// One entry of the legend: a sample and its words.
enum Entry {
    Body(NodeKind),
    Border {
        statutory: bool,
    },
    Link(LinkKind),
    /// A box drawn around its members.
    Group,
    /// A folded group, and lines merged onto it.
    Folded,
}

/// The key, below everything drawn so far, in as many columns as the width allows.
pub(super) fn legend(
    out: &mut Vec<Shape>,
    bounds: &mut Rect,
    model: &Model,
    index: &ModelIndex<'_>,
    view: &View,
    style: &Style,
) {
    let mut kinds_used = [false; NodeKind::ALL.len()];
    let (mut statutory, mut non_statutory) = (false, false);
    for (i, node) in model.nodes.iter().enumerate() {
        if view.shown(i) == Shown::Visible {
            kinds_used[NodeKind::ALL
                .iter()
                .position(|k| *k == node.kind)
                .unwrap_or(0)] = true;
            if index.is_statutory(i) {
                statutory = true;
            } else {
                non_statutory = true;
            }
        }
    }
    let mut links_used = [false; LinkKind::ALL.len()];
    for line in view.links() {
        links_used[LinkKind::ALL
            .iter()
            .position(|k| *k == line.kind)
            .unwrap_or(0)] = true;
    }
    let mut entries: Vec<Entry> = NodeKind::ALL
        .iter()
        .zip(kinds_used)
        .filter(|(_, used)| *used)
        .map(|(k, _)| Entry::Body(*k))
        .collect();
    if statutory {
        entries.push(Entry::Border { statutory: true });
    }
    if non_statutory {
        entries.push(Entry::Border { statutory: false });
    }
    let drawn = |role: Role| {
        (0..model.nodes.len()).any(|n| view.shown(n) == Shown::Visible && view.role(n) == role)
    };
    if drawn(Role::Group) {
        entries.push(Entry::Group);
    }
    if drawn(Role::Folded) {
        entries.push(Entry::Folded);
    }
    entries.extend(
        LinkKind::ALL
            .iter()
            .zip(links_used)
            .filter(|(_, used)| *used)
            .map(|(k, _)| Entry::Link(*k)),
    );
    if entries.is_empty() {
        return;
    }

    let columns = ((bounds.width() / LEGEND_COLUMN).floor() as usize).clamp(2, 6);
    let left = bounds.min.x;
    let top = bounds.max.y + 28.0;
    let heading = face(Weight::Bold);
    out.push(Shape::Text(Text {
        pos: Pos::new(left, top + heading.ascent(11.0)),
        text: "Key".into(),
        size: 11.0,
        weight: Weight::Bold,
        color: style.text,
        align: Align::Left,
    }));
    let first_row = top + 24.0;
    let words_face = face(Weight::Regular);
    let neutral = Stroke {
        width: 1.6,
        color: style.muted_text,
        dash: Dash::Solid,
    };
    let mut legend_bounds = Rect::from_min_size(Pos::new(left, top), 1.0, 20.0);
    for (k, entry) in entries.iter().enumerate() {
        let (row, column) = (k / columns, k % columns);
        let x = left + column as f32 * LEGEND_COLUMN;
        let y = first_row + row as f32 * LEGEND_ROW;
        let sample = Rect::from_min_size(Pos::new(x, y), 40.0, 18.0);
        let words = match entry {
            Entry::Body(kind) => {
                let look = style.node(kind.family());
                let border = Stroke {
                    dash: Dash::Solid,
                    ..style.node_border(kind.family(), true)
                };
                out.push(outline(sample, look.shape, Some(look.fill), Some(border)));
                if look.shape == BoxShape::DoubleRect {
                    out.push(outline(
                        sample.expand(-2.5),
                        BoxShape::Rect,
                        None,
                        Some(Stroke {
                            width: 0.7,
                            ..border
                        }),
                    ));
                }
                kind.display_name().to_string()
            }
            Entry::Border { statutory } => {
                let stroke = Stroke {
                    dash: if *statutory {
                        Dash::Solid
                    } else {
                        Dash::Dashed
                    },
                    ..neutral
                };
                out.push(outline(
                    sample,
                    BoxShape::Rect,
                    Some(style.background),
                    Some(stroke),
                ));
                if *statutory {
                    "Statutory body (solid border)"
                } else {
                    "No statutory force (dashed border)"
                }
                .to_string()
            }
            Entry::Group => {
                let outline_stroke = Stroke {
                    width: 1.2,
                    ..neutral
                };
                out.push(Shape::Rect {
                    rect: sample,
                    radius: 3.0,
                    fill: Some(style.background),
                    stroke: Some(outline_stroke),
                });
                out.push(Shape::Rect {
                    rect: Rect::from_min_size(sample.min, sample.width(), 5.0),
                    radius: 0.0,
                    fill: Some(style.muted_text),
                    stroke: None,
                });
                "Group: its members inside".to_string()
            }
            Entry::Folded => {
                let outline_stroke = Stroke {
                    width: 1.2,
                    ..neutral
                };
                let front =
                    Rect::from_min_size(sample.min, sample.width() - 3.0, sample.height() - 3.0);
                for r in [
                    Rect::from_min_size(
                        front.min + Pos::new(3.0, 3.0),
                        front.width(),
                        front.height(),
                    ),
                    front,
                ] {
                    out.push(Shape::Rect {
                        rect: r,
                        radius: 3.0,
                        fill: Some(style.background),
                        stroke: Some(outline_stroke),
                    });
                }
                out.push(Shape::Text(Text {
                    pos: Pos::new(front.center().x, front.center().y + 3.0),
                    text: "+N".into(),
                    size: 8.0,
                    weight: Weight::Bold,
                    color: style.text,
                    align: Align::Center,
                }));
                "Folded group: +N bodies inside".to_string()
            }
            Entry::Link(kind) => {
                let (a, b) = (Pos::new(x, y + 9.0), Pos::new(x + 40.0, y + 9.0));
                line_with_heads(out, &[a, b], style.link(*kind), style);
                kind.display_name().to_string()
            }
        };
        let text_x = x + 50.0;
        let text = words_face.ellipsize(&words, LEGEND_TEXT_SIZE, LEGEND_COLUMN - 58.0);
        out.push(Shape::Text(Text {
            pos: Pos::new(
                text_x,
                y + 9.0 + words_face.ascent(LEGEND_TEXT_SIZE) / 2.0 - 1.0,
            ),
            text,
            size: LEGEND_TEXT_SIZE,
            weight: Weight::Regular,
            color: style.text,
            align: Align::Left,
        }));
        legend_bounds = legend_bounds.union(&Rect::from_min_size(
            Pos::new(x, y),
            LEGEND_COLUMN - 8.0,
            LEGEND_ROW,
        ));
    }
    *bounds = bounds.union(&legend_bounds);
}
