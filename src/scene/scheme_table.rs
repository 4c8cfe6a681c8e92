//! The scheme of reservation and delegation as table pages for a board paper (after the
//! diagram in a PDF): the scheme's rows in its ten columns, wrapped within their cells,
//! the header row repeated on every page, a row never split across pages. Each page is a
//! scene in points, so any painter draws it like the diagram.

use super::style::{Color, Stroke, Style};
use super::{Align, Dash, Scene, Shape, Text};
use crate::decisions::{COLUMNS, SchemeRow};
use crate::font::{Weight, face};
use crate::geom::{Pos, Rect};

/// Text size in the table, in points (above the 6 pt that prints readably).
pub const TABLE_TEXT_PT: f32 = 7.0;
const HEADING_PT: f32 = 12.0;
const LINE: f32 = TABLE_TEXT_PT * 1.25;
const PAD: f32 = 3.0;
/// How much of the width each column takes, in `COLUMNS` order.
const SHARES: [f32; 10] = [9.0, 16.0, 10.0, 6.5, 10.0, 13.0, 10.0, 8.0, 11.5, 6.0];
/// The most lines a cell shows; a longer cell ends in "…".
const MAX_CELL_LINES: usize = 12;

/// The table on pages of `width` × `height` points with `margin` all round; `title` heads
/// the first page. Empty when there are no rows.
pub fn scheme_pages(
    rows: &[SchemeRow],
    title: &str,
    width: f32,
    height: f32,
    margin: f32,
    style: &Style,
) -> Vec<Scene> {
    if rows.is_empty() {
        return Vec::new();
    }
    let inner = (width - 2.0 * margin).max(100.0);
    let total: f32 = SHARES.iter().sum();
    let widths: Vec<f32> = SHARES.iter().map(|s| inner * s / total).collect();
    let header: Vec<Vec<String>> = COLUMNS
        .iter()
        .zip(&widths)
        .map(|(c, w)| cell_lines(c, *w, Weight::Bold))
        .collect();
    let header_height = row_height(&header);
    let bottom = height - margin;
    let mut pages = Vec::new();
    let mut page = Page::new(width, height, style);
    let mut y = margin;
    let heading = if title.trim().is_empty() {
        "Scheme of reservation and delegation".to_string()
    } else {
        format!("Scheme of reservation and delegation: {}", title.trim())
    };
    y = page.heading(&heading, margin, y, inner, style);
    y = page.row(
        &header,
        &widths,
        margin,
        y,
        header_height,
        RowKind::Header,
        style,
    );
    for (k, row) in rows.iter().enumerate() {
        let cells: Vec<Vec<String>> = row
            .cells()
            .iter()
            .zip(&widths)
            // The embedded font has no arrow (→): routes read `›` on paper.
            .map(|(c, w)| cell_lines(&c.replace('→', "›"), *w, Weight::Regular))
            .collect();
        // A row taller than a whole page is cut to what fits.
        let room = bottom - margin - header_height - HEADING_PT * 2.0;
        let cells = fit_cells(cells, room);
        let h = row_height(&cells);
        if y + h > bottom {
            pages.push(page.finish());
            page = Page::new(width, height, style);
            y = page.heading(
                &format!("{heading} (continued)"),
                margin,
                margin,
                inner,
                style,
            );
            y = page.row(
                &header,
                &widths,
                margin,
                y,
                header_height,
                RowKind::Header,
                style,
            );
        }
        let kind = if k % 2 == 1 {
            RowKind::Shaded
        } else {
            RowKind::Plain
        };
        y = page.row(&cells, &widths, margin, y, h, kind, style);
    }
    pages.push(page.finish());
    pages
}

/// A cell's text wrapped to its column (each paragraph on its own lines).
fn cell_lines(text: &str, width: f32, weight: Weight) -> Vec<String> {
    let f = face(weight);
    let room = (width - 2.0 * PAD).max(10.0);
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        match f.wrap(paragraph, TABLE_TEXT_PT, room, usize::MAX) {
            Some(wrapped) => lines.extend(wrapped),
            None => lines.push(f.ellipsize(paragraph, TABLE_TEXT_PT, room)),
        }
    }
    if lines.len() > MAX_CELL_LINES {
        lines.truncate(MAX_CELL_LINES);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// Cells cut to at most `room` points of height.
fn fit_cells(mut cells: Vec<Vec<String>>, room: f32) -> Vec<Vec<String>> {
    let most = (((room - 2.0 * PAD) / LINE).floor() as usize).max(1);
    for lines in &mut cells {
        if lines.len() > most {
            lines.truncate(most);
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
    }
    cells
}

fn row_height(cells: &[Vec<String>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * LINE + 2.0 * PAD
}

/// How a row is drawn: the header bold on a darker band, data rows banded alternately.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Header,
    Plain,
    Shaded,
}

/// One page being filled.
struct Page {
    width: f32,
    height: f32,
    shapes: Vec<Shape>,
    background: Color,
}

impl Page {
    fn new(width: f32, height: f32, style: &Style) -> Page {
        Page {
            width,
            height,
            shapes: Vec::new(),
            background: style.background,
        }
    }

    /// The heading line; returns where the table starts.
    fn heading(&mut self, text: &str, left: f32, top: f32, width: f32, style: &Style) -> f32 {
        let f = face(Weight::Bold);
        let baseline = top + f.ascent(HEADING_PT);
        self.shapes.push(Shape::Text(Text {
            pos: Pos::new(left, baseline),
            text: f.ellipsize(text, HEADING_PT, width),
            size: HEADING_PT,
            weight: Weight::Bold,
            color: style.text,
            align: Align::Left,
        }));
        baseline + HEADING_PT * 0.8
    }

    /// One row of cells at `top`, `height` high; returns the next row's top.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        left: f32,
        top: f32,
        height: f32,
        kind: RowKind,
        style: &Style,
    ) -> f32 {
        let total: f32 = widths.iter().sum();
        let rect = Rect::from_min_size(Pos::new(left, top), total, height);
        let fill = match kind {
            RowKind::Header => Some(style.band_text.with_alpha(70)),
            RowKind::Shaded => Some(style.band_fills[0]),
            RowKind::Plain => None,
        };
        if let Some(fill) = fill {
            self.shapes.push(Shape::Rect {
                rect,
                radius: 0.0,
                fill: Some(fill),
                stroke: None,
            });
        }
        let weight = if kind == RowKind::Header {
            Weight::Bold
        } else {
            Weight::Regular
        };
        let rule = Stroke {
            width: 0.5,
            color: style.muted_text.with_alpha(120),
            dash: Dash::Solid,
        };
        self.shapes.push(Shape::Line {
            points: vec![
                Pos::new(left, top + height),
                Pos::new(left + total, top + height),
            ],
            stroke: rule,
        });
        let f = face(weight);
        let mut x = left;
        for (lines, w) in cells.iter().zip(widths) {
            for (i, line) in lines.iter().enumerate() {
                self.shapes.push(Shape::Text(Text {
                    pos: Pos::new(
                        x + PAD,
                        top + PAD + f.ascent(TABLE_TEXT_PT) + i as f32 * LINE,
                    ),
                    text: line.clone(),
                    size: TABLE_TEXT_PT,
                    weight,
                    color: style.text,
                    align: Align::Left,
                }));
            }
            x += w;
        }
        top + height
    }

    fn finish(self) -> Scene {
        Scene {
            bounds: Rect::from_min_size(Pos::default(), self.width, self.height),
            background: self.background,
            shapes: self.shapes,
            parts: Vec::new(),
            nodes: Vec::new(),
            links: Vec::new(),
            lines: Vec::new(),
            parents: Vec::new(),
            logo: None,
            routes: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(k: usize, title: &str) -> SchemeRow {
        SchemeRow {
            decision: k,
            theme: "Finance".into(),
            title: title.into(),
            holder: "NHS Vale ICB".into(),
            status: "Delegated",
            taken_by: "Finance Committee".into(),
            route: "NHS Vale ICB → Finance Committee".into(),
            basis: "Standing financial instructions".into(),
            lead: "Chief Finance Officer".into(),
            assurance: "Monthly report".into(),
            reference: format!("SoRD {k}"),
        }
    }

    fn texts(page: &Scene) -> Vec<&str> {
        page.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn rows_break_across_pages_whole_under_a_header_on_every_page() {
        let rows: Vec<SchemeRow> = (0..120).map(|k| row(k, "Approve the budget")).collect();
        let pages = scheme_pages(&rows, "Vale", 842.0, 595.0, 28.0, &Style::print());
        assert!(pages.len() > 2, "{} pages", pages.len());
        let mut seen = Vec::new();
        for page in &pages {
            let t = texts(page);
            assert!(
                t.contains(&"Theme") && t.contains(&"Reference"),
                "the header"
            );
            for shape in &page.shapes {
                let b = shape.bounds();
                assert!(b.max.y <= 595.0 - 28.0 + 1.0, "inside the margin: {b:?}");
            }
            seen.extend(
                t.iter()
                    .filter(|s| s.starts_with("SoRD "))
                    .map(|s| s.to_string()),
            );
        }
        let expected: Vec<String> = (0..120).map(|k| format!("SoRD {k}")).collect();
        assert_eq!(seen, expected, "every row once, in order");
        assert!(texts(&pages[1])[0].ends_with("(continued)"));
    }

    #[test]
    fn a_long_cell_wraps_and_a_huge_one_is_cut_to_the_page() {
        let long = "Approve the plan ".repeat(400);
        let pages = scheme_pages(&[row(0, &long)], "", 842.0, 595.0, 28.0, &Style::print());
        assert_eq!(pages.len(), 1);
        let t = texts(&pages[0]);
        assert!(t.iter().any(|s| s.ends_with('…')), "cut, and says so");
        assert!(scheme_pages(&[], "", 842.0, 595.0, 28.0, &Style::print()).is_empty());
    }
}
