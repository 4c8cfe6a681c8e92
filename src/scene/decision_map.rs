//! The decision map (decisions.md): the diagram with each body marked with the decisions it
//! takes, and the numbered list of decisions beside it. Numbers follow the scheme's order
//! (theme, then file order), so the map and `icsmap decisions` agree row for row. Built
//! into the scene, so the screen and every export draw it alike.

use super::style::{Stroke, Style};
use super::{Align, Dash, Shape, Text};
use crate::decisions::{DecisionRoute, Routes, SchemeRow, scheme_rows};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};
use crate::model::{Model, ModelIndex};

const TAG_SIZE: f32 = 8.0;
const TAG_HEIGHT: f32 = 14.0;
const HEADING_SIZE: f32 = 13.0;
const THEME_SIZE: f32 = 10.0;
const ITEM_SIZE: f32 = 9.0;
const WHERE_SIZE: f32 = 8.0;
/// Width of the numbered list.
const LIST_WIDTH: f32 = 300.0;
/// Room for the number in front of each decision.
const NUMBER_ROOM: f32 = 22.0;
/// Space between the diagram and the list.
const GAP: f32 = 40.0;

/// The number each decision has on the map (1-based, by position in `model.decisions`),
/// with the scheme's rows in that order.
pub fn decision_numbers(model: &Model) -> (Vec<usize>, Vec<SchemeRow>) {
    let rows = scheme_rows(model);
    let mut numbers = vec![0; model.decisions.len()];
    for (k, row) in rows.iter().enumerate() {
        numbers[row.decision] = k + 1;
    }
    (numbers, rows)
}

/// Adds the decision tags to the drawn bodies and the list to the right of `bounds`.
pub(super) fn decision_map(
    out: &mut Vec<Shape>,
    bounds: &mut Rect,
    model: &Model,
    rects: &[Option<Rect>],
    style: &Style,
) {
    let index = ModelIndex::new(model);
    let (numbers, rows) = decision_numbers(model);
    // The numbers of the decisions each body takes, in list order.
    let mut taken: Vec<Vec<usize>> = vec![Vec::new(); model.nodes.len()];
    for row in &rows {
        if let Some(taker) = index.position(model.decisions[row.decision].taker()) {
            taken[taker].push(numbers[row.decision]);
        }
    }
    for (node, list) in taken.iter().enumerate() {
        if let (false, Some(Some(rect))) = (list.is_empty(), rects.get(node)) {
            tag(out, *rect, list, style);
        }
    }
    let routes = Routes::new(model, &index);
    list(out, bounds, model, &routes, &rows, style);
}

/// Where a decision is taken, in short names: "Reserved to NS ICB", "NS ICB › Ashby
/// Place", or the taker with "no route". (The embedded font has no arrow: `›` it is.)
fn where_taken(model: &Model, routes: &Routes, decision: usize) -> String {
    let short = |n: usize| {
        let node = &model.nodes[n];
        if node.short.trim().is_empty() {
            node.display_name().trim().to_string()
        } else {
            node.short.trim().to_string()
        }
    };
    match &routes.of[decision] {
        DecisionRoute::Found(route) if route.is_reserved() => {
            format!("Reserved to {}", short(route.nodes[0]))
        }
        DecisionRoute::Found(route) => route
            .nodes
            .iter()
            .map(|&n| short(n))
            .collect::<Vec<_>>()
            .join(" › "),
        DecisionRoute::Missing { holder, taker } => {
            format!("{}: no route from {}", short(*taker), short(*holder))
        }
        DecisionRoute::Unresolved => "a body it names is not in the model".into(),
    }
}

/// The words on a body's tag: "3 decisions: 1, 4, 7", or only the count when the numbers
/// would not fit.
pub fn tag_text(numbers: &[usize], max_width: f32) -> String {
    let count = if numbers.len() == 1 {
        "1 decision".to_string()
    } else {
        format!("{} decisions", numbers.len())
    };
    let listed: Vec<String> = numbers.iter().map(usize::to_string).collect();
    let full = format!("{count}: {}", listed.join(", "));
    if face(Weight::Bold).width(&full, TAG_SIZE) + 10.0 <= max_width {
        full
    } else {
        count
    }
}

/// A dark tag across the bottom edge of the box.
fn tag(out: &mut Vec<Shape>, rect: Rect, numbers: &[usize], style: &Style) {
    let (fill, ink) = style.decision_tag();
    let text = tag_text(numbers, rect.width() + 30.0);
    let f = face(Weight::Bold);
    let width = f.width(&text, TAG_SIZE) + 10.0;
    let center = Pos::new(rect.center().x, rect.max.y);
    let box_ = Rect::from_center(center, width, TAG_HEIGHT);
    out.push(Shape::Rect {
        rect: box_,
        radius: TAG_HEIGHT / 2.0,
        fill: Some(fill),
        stroke: Some(Stroke {
            width: 1.0,
            color: style.background,
            dash: Dash::Solid,
        }),
    });
    out.push(Shape::Text(Text {
        pos: Pos::new(
            center.x,
            center.y + (f.ascent(TAG_SIZE) - f.descent(TAG_SIZE)) / 2.0,
        ),
        text,
        size: TAG_SIZE,
        weight: Weight::Bold,
        color: ink,
        align: Align::Center,
    }));
}

/// "Decisions", then each theme and its decisions, numbered, each with where it is taken.
fn list(
    out: &mut Vec<Shape>,
    bounds: &mut Rect,
    model: &Model,
    routes: &Routes,
    rows: &[SchemeRow],
    style: &Style,
) {
    if rows.is_empty() {
        return;
    }
    let left = bounds.max.x + GAP;
    let mut y = bounds.min.y;
    let mut drawn = Rect::from_min_size(Pos::new(left, y), LIST_WIDTH, 1.0);
    let mut push = |out: &mut Vec<Shape>, text: Text| {
        drawn = drawn.union(&super::text_bounds(&text));
        out.push(Shape::Text(text));
    };
    let bold = face(Weight::Bold);
    let regular = face(Weight::Regular);
    y += bold.ascent(HEADING_SIZE);
    push(
        out,
        Text {
            pos: Pos::new(left, y),
            text: "Decisions".into(),
            size: HEADING_SIZE,
            weight: Weight::Bold,
            color: style.text,
            align: Align::Left,
        },
    );
    y += HEADING_SIZE * 0.6;
    let mut theme: Option<&str> = None;
    for (k, row) in rows.iter().enumerate() {
        if theme != Some(row.theme.as_str()) {
            theme = Some(row.theme.as_str());
            let heading = if row.theme.is_empty() {
                "Other decisions"
            } else {
                row.theme.as_str()
            };
            y += THEME_SIZE * 1.9;
            push(
                out,
                Text {
                    pos: Pos::new(left, y),
                    text: bold.ellipsize(&heading.to_uppercase(), THEME_SIZE, LIST_WIDTH),
                    size: THEME_SIZE,
                    weight: Weight::Bold,
                    color: style.muted_text,
                    align: Align::Left,
                },
            );
            y += THEME_SIZE * 0.4;
        }
        y += ITEM_SIZE * 1.5;
        push(
            out,
            Text {
                pos: Pos::new(left + NUMBER_ROOM - 6.0, y),
                text: (k + 1).to_string(),
                size: ITEM_SIZE,
                weight: Weight::Bold,
                color: style.text,
                align: Align::Right,
            },
        );
        let width = LIST_WIDTH - NUMBER_ROOM;
        let lines = regular
            .wrap(&row.title, ITEM_SIZE, width, 3)
            .unwrap_or_else(|| vec![regular.ellipsize(&row.title, ITEM_SIZE, width)]);
        for (i, line) in lines.into_iter().enumerate() {
            if i > 0 {
                y += ITEM_SIZE * 1.25;
            }
            push(
                out,
                Text {
                    pos: Pos::new(left + NUMBER_ROOM, y),
                    text: line,
                    size: ITEM_SIZE,
                    weight: Weight::Regular,
                    color: style.text,
                    align: Align::Left,
                },
            );
        }
        let place = where_taken(model, routes, row.decision);
        y += WHERE_SIZE * 1.35;
        push(
            out,
            Text {
                pos: Pos::new(left + NUMBER_ROOM, y),
                text: regular.ellipsize(&place, WHERE_SIZE, width),
                size: WHERE_SIZE,
                weight: Weight::Regular,
                color: style.muted_text,
                align: Align::Left,
            },
        );
    }
    *bounds = bounds.union(&drawn.expand(4.0));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Decision, Link, LinkKind, Node, NodeKind};
    use crate::scene::{SceneOptions, build};

    #[test]
    fn tags_count_what_each_body_takes_and_numbers_follow_the_scheme() {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("icb", NodeKind::IntegratedCareBoard, "ICB").at(0.0, 0.0));
        m.nodes
            .push(Node::new("place", NodeKind::Committee, "Place").at(0.0, 200.0));
        m.links.push(Link::new(LinkKind::Committee, "place", "icb"));
        let mut a = Decision::new("a", "Quality plan", "icb");
        a.theme = "Quality".into();
        a.taken_by = Some("place".into());
        let mut b = Decision::new("b", "Budget", "icb");
        b.theme = "Finance".into();
        let mut c = Decision::new("c", "Place budget", "icb");
        c.theme = "Finance".into();
        c.taken_by = Some("place".into());
        m.decisions.extend([a, b, c]);
        // Finance first (b, c), then Quality (a).
        assert_eq!(decision_numbers(&m).0, vec![3, 1, 2]);
        let mut options = SceneOptions::for_model(&m);
        options.decision_map = true;
        let scene = build(&m, &Style::print(), &options);
        let texts: Vec<&str> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"1 decision: 1"), "{texts:?}");
        assert!(texts.contains(&"2 decisions: 2, 3"), "{texts:?}");
        assert!(texts.contains(&"Reserved to ICB"), "{texts:?}");
        assert!(texts.contains(&"ICB › Place"), "{texts:?}");
        // The list sits to the right of the diagram, inside the scene's bounds.
        let list = scene
            .shapes
            .iter()
            .find_map(|s| match s {
                Shape::Text(t) if t.text == "Decisions" => Some(t.pos),
                _ => None,
            })
            .unwrap();
        let place = scene.nodes[1].unwrap();
        assert!(list.x > place.max.x && scene.bounds.contains(list));
        // Without the option, neither tags nor list.
        let plain = build(&m, &Style::print(), &SceneOptions::for_model(&m));
        assert!(plain.shapes.len() < scene.shapes.len());
        assert!(
            !plain
                .shapes
                .iter()
                .any(|s| matches!(s, Shape::Text(t) if t.text == "Decisions"))
        );
    }

    #[test]
    fn a_tag_says_only_the_count_when_the_numbers_do_not_fit() {
        let many: Vec<usize> = (1..=40).collect();
        assert_eq!(tag_text(&many, 150.0), "40 decisions");
        assert_eq!(tag_text(&[7], 150.0), "1 decision: 7");
    }
}
