//! Scene → SVG by hand: plain elements and real `<text>` (never foreignObject), so that
//! browsers, Inkscape and Word open it and the words stay searchable. Every string is
//! escaped: a body named `</text><script>` stays text.

use std::fmt::Write as _;

use super::MARGIN;
use crate::font::{SVG_FONT_FAMILY, Weight};
use crate::scene::{Align, Color, Part, Scene, Shape, Stroke, What};
use crate::view::Role;

pub fn svg_text(scene: &Scene, title: &str, transparent: bool) -> String {
    let page = scene.bounds.expand(MARGIN);
    let mut out = String::with_capacity(256 + scene.shapes.len() * 120);
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{font}">"#,
        w = num(page.width()),
        h = num(page.height()),
        x = num(page.min.x),
        y = num(page.min.y),
        font = escape(SVG_FONT_FAMILY),
    );
    if !title.trim().is_empty() {
        let _ = writeln!(out, "<title>{}</title>", escape(title.trim()));
    }
    if !transparent {
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
            num(page.min.x),
            num(page.min.y),
            num(page.width()),
            num(page.height()),
            scene.background.hex()
        );
    }
    // Each part of the scene is one `<g>` that says what it draws (diagram.md, "SVG that
    // says what it draws"); shapes outside any part are written bare.
    let mut parts = scene
        .parts
        .iter()
        .filter(|p| !p.shapes.is_empty())
        .peekable();
    let mut open: Option<usize> = None;
    for (i, shape) in scene.shapes.iter().enumerate() {
        if let Some(part) = parts.next_if(|p| p.shapes.start == i) {
            open_group(&mut out, part);
            open = Some(part.shapes.end);
        }
        element(&mut out, shape);
        if open == Some(i + 1) {
            out.push_str("</g>\n");
            open = None;
        }
    }
    out.push_str("</svg>\n");
    out
}

/// The `<g>` that holds a part, with its class, data and title.
fn open_group(out: &mut String, part: &Part) {
    match &part.what {
        What::Tiers => out.push_str("<g class=\"tiers\">\n"),
        What::Legend => out.push_str("<g class=\"legend\">\n"),
        What::TitleBlock => out.push_str("<g class=\"title-block\">\n"),
        What::Body {
            id,
            kind,
            role,
            title,
        } => {
            let class = match role {
                Role::Body => "body",
                Role::Group => "body group",
                Role::Folded => "body group folded",
            };
            let _ = writeln!(
                out,
                r#"<g class="{class}" data-id="{}" data-kind="{}">"#,
                escape(id),
                kind.file_name()
            );
            let _ = writeln!(out, "<title>{}</title>", escape(title));
        }
        What::Link {
            kind,
            from,
            to,
            count,
            title,
        } => {
            let _ = write!(
                out,
                r#"<g class="link" data-kind="{}" data-from="{}" data-to="{}""#,
                kind.file_name(),
                escape(from),
                escape(to)
            );
            if let Some(count) = count {
                let _ = write!(out, r#" data-count="{count}""#);
            }
            out.push_str(">\n");
            let _ = writeln!(out, "<title>{}</title>", escape(title));
        }
    }
}

fn element(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}""#,
                num(rect.min.x),
                num(rect.min.y),
                num(rect.width()),
                num(rect.height())
            );
            if *radius > 0.0 {
                let _ = write!(out, r#" rx="{}""#, num(*radius));
            }
            paint(out, *fill, *stroke);
            out.push_str("/>\n");
        }
        Shape::Polygon {
            points,
            fill,
            stroke,
        } => {
            let _ = write!(out, r#"<polygon points="{}""#, points_attr(points));
            paint(out, *fill, *stroke);
            out.push_str("/>\n");
        }
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}""#,
                num(center.x),
                num(center.y),
                num(*radius)
            );
            paint(out, *fill, *stroke);
            out.push_str("/>\n");
        }
        Shape::Line { points, stroke } => {
            let _ = write!(out, r#"<polyline points="{}""#, points_attr(points));
            paint(out, None, Some(*stroke));
            out.push_str("/>\n");
        }
        Shape::Text(t) => {
            let anchor = match t.align {
                Align::Left => "start",
                Align::Center => "middle",
                Align::Right => "end",
            };
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" fill="{}""#,
                num(t.pos.x),
                num(t.pos.y),
                num(t.size),
                t.color.hex()
            );
            if t.weight == Weight::Bold {
                out.push_str(r#" font-weight="bold""#);
            }
            opacity(out, "fill-opacity", t.color);
            let _ = writeln!(out, ">{}</text>", escape(&t.text));
        }
    }
}

fn paint(out: &mut String, fill: Option<Color>, stroke: Option<Stroke>) {
    match fill {
        Some(c) => {
            let _ = write!(out, r#" fill="{}""#, c.hex());
            opacity(out, "fill-opacity", c);
        }
        None => out.push_str(r#" fill="none""#),
    }
    if let Some(s) = stroke {
        let _ = write!(
            out,
            r#" stroke="{}" stroke-width="{}""#,
            s.color.hex(),
            num(s.width)
        );
        opacity(out, "stroke-opacity", s.color);
        let pattern = s.dash.pattern(s.width);
        if !pattern.is_empty() {
            let dashes: Vec<String> = pattern.iter().map(|d| num(*d)).collect();
            let _ = write!(out, r#" stroke-dasharray="{}""#, dashes.join(" "));
        }
        if s.dash.round_caps() {
            out.push_str(r#" stroke-linecap="round""#);
        }
    }
}

fn opacity(out: &mut String, attribute: &str, c: Color) {
    if c.a < 255 {
        let _ = write!(out, r#" {attribute}="{:.3}""#, f32::from(c.a) / 255.0);
    }
}

fn points_attr(points: &[crate::geom::Pos]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A coordinate with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    let text = format!("{:.2}", if v == 0.0 { 0.0 } else { v });
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// XML-escapes text; characters XML 1.0 cannot hold at all are dropped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape("</text><script>alert(1)</script> & \"q\" 'a'\u{7}"),
            "&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos;"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(10.0), "10");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-3.5), "-3.5");
    }
}
