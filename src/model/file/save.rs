//! Writing a model file: canonical (what `icsmap fmt` and the editor write), deterministic
//! (the same model gives the same bytes), and atomic (the old file or the new, never a mix).

use std::fmt::Write as _;
use std::path::Path;

use super::error::SaveError;
use super::{FORMAT_NAME, round_to_tenth};
use crate::model::date::IsoDate;
use crate::model::operating_model::{Decision, Link, Model, Node, Point};

/// The model in canonical file form: fields in the order of file-format.md, empty optional
/// fields left out, numbers with one decimal, one link per line so a diff shows one change
/// per changed link.
pub fn to_canonical_string(model: &Model) -> String {
    let mut out = String::with_capacity(256 + model.nodes.len() * 256 + model.links.len() * 96);
    out.push_str("(\n");
    field(&mut out, 1, "format", &quote(FORMAT_NAME));
    field(&mut out, 1, "version", &model.format_version().to_string());
    field(&mut out, 1, "title", &quote(&model.title));
    text_field(&mut out, 1, "subtitle", &model.subtitle);
    text_field(&mut out, 1, "author", &model.author);
    date_field(&mut out, 1, "as_at", model.as_at);
    text_field(&mut out, 1, "notes", &model.notes);
    if !model.settings.is_default() {
        out.push_str("    settings: (\n");
        let s = &model.settings;
        if let Some(max) = s.max_forum_members {
            field(&mut out, 2, "max_forum_members", &max.to_string());
        }
        if !s.disabled_rules.is_empty() {
            let ids: Vec<String> = s.disabled_rules.iter().map(|r| quote(r)).collect();
            field(
                &mut out,
                2,
                "disabled_rules",
                &format!("[{}]", ids.join(", ")),
            );
        }
        if let Some(show) = s.show_tiers {
            field(&mut out, 2, "show_tiers", &show.to_string());
        }
        out.push_str("    ),\n");
    }
    if model.nodes.is_empty() {
        out.push_str("    nodes: [],\n");
    } else {
        out.push_str("    nodes: [\n");
        for node in &model.nodes {
            write_node(&mut out, node);
        }
        out.push_str("    ],\n");
    }
    if model.links.is_empty() {
        out.push_str("    links: [],\n");
    } else {
        out.push_str("    links: [\n");
        for link in &model.links {
            write_link(&mut out, link);
        }
        out.push_str("    ],\n");
    }
    if !model.decisions.is_empty() {
        out.push_str("    decisions: [\n");
        for decision in &model.decisions {
            write_decision(&mut out, decision);
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    out
}

fn write_node(out: &mut String, node: &Node) {
    out.push_str("        (\n");
    field(out, 3, "id", &quote(&node.id));
    field(out, 3, "kind", node.kind.file_name());
    field(out, 3, "name", &quote(&node.name));
    text_field(out, 3, "short", &node.short);
    if let Some(tier) = node.tier {
        field(out, 3, "tier", tier.file_name());
    }
    if let Some(statutory) = node.statutory {
        field(out, 3, "statutory", &statutory.to_string());
    }
    text_field(out, 3, "ods_code", &node.ods_code);
    if let Some(population) = node.population {
        field(out, 3, "population", &population.to_string());
    }
    if let Some(maturity) = node.maturity {
        field(out, 3, "maturity", maturity.file_name());
    }
    text_field(out, 3, "work_programme", &node.work_programme);
    text_field(out, 3, "outcomes", &node.outcomes);
    text_field(out, 3, "notes", &node.notes);
    date_field(out, 3, "valid_from", node.valid_from);
    date_field(out, 3, "valid_to", node.valid_to);
    text_field(out, 3, "label", &node.label);
    if let Some(group) = node.within.as_deref().filter(|g| !g.is_empty()) {
        field(out, 3, "within", &quote(group));
    }
    if node.collapsed {
        field(out, 3, "collapsed", "true");
    }
    field(out, 3, "at", &point(node.at));
    out.push_str("        ),\n");
}

fn write_decision(out: &mut String, decision: &Decision) {
    out.push_str("        (\n");
    field(out, 3, "id", &quote(&decision.id));
    field(out, 3, "title", &quote(&decision.title));
    text_field(out, 3, "theme", &decision.theme);
    field(out, 3, "holder", &quote(&decision.holder));
    if let Some(taker) = decision.taken_by.as_deref().filter(|t| !t.is_empty()) {
        field(out, 3, "taken_by", &quote(taker));
    }
    text_field(out, 3, "basis", &decision.basis);
    text_field(out, 3, "lead", &decision.lead);
    text_field(out, 3, "assurance", &decision.assurance);
    text_field(out, 3, "reference", &decision.reference);
    text_field(out, 3, "notes", &decision.notes);
    out.push_str("        ),\n");
}

fn point(p: Point) -> String {
    format!("({}, {})", number(p.x), number(p.y))
}

fn write_link(out: &mut String, link: &Link) {
    let mut parts = vec![
        format!("kind: {}", link.kind.file_name()),
        format!("from: {}", quote(&link.from)),
        format!("to: {}", quote(&link.to)),
    ];
    for (name, value) in [
        ("role", &link.role),
        ("purpose", &link.purpose),
        ("assurance", &link.assurance),
    ] {
        if !value.is_empty() {
            parts.push(format!("{name}: {}", quote(value)));
        }
    }
    if let Some(amount) = link.amount {
        parts.push(format!("amount: {}", number(amount)));
    }
    for (name, value) in [("label", &link.label), ("notes", &link.notes)] {
        if !value.is_empty() {
            parts.push(format!("{name}: {}", quote(value)));
        }
    }
    if !link.via.is_empty() {
        let points: Vec<String> = link.via.iter().map(|&p| point(p)).collect();
        parts.push(format!("via: [{}]", points.join(", ")));
    }
    let _ = writeln!(out, "        ({}),", parts.join(", "));
}

fn field(out: &mut String, depth: usize, name: &str, value: &str) {
    for _ in 0..depth {
        out.push_str("    ");
    }
    let _ = writeln!(out, "{name}: {value},");
}

fn text_field(out: &mut String, depth: usize, name: &str, value: &str) {
    if !value.is_empty() {
        field(out, depth, name, &quote(value));
    }
}

fn date_field(out: &mut String, depth: usize, name: &str, value: Option<IsoDate>) {
    if let Some(date) = value {
        field(out, depth, name, &quote(&date.to_string()));
    }
}

/// A RON string literal. Printable text, including any non-ASCII letter, is written as it
/// is so that names stay readable in a text editor; quotes, backslashes and control
/// characters are escaped so that every string reads back the same.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number with exactly one decimal; `-0.0` is written as `0.0` so that equal models give
/// equal bytes.
fn number(value: f64) -> String {
    let rounded = round_to_tenth(value);
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.1}")
}

/// Writes the model to `path` atomically (see `write_atomically`), after checking that the
/// text reads back as the same model: a save never writes a file that loading would refuse
/// or read differently. On any failure the old file is untouched.
pub fn save_path(model: &Model, path: &Path) -> Result<(), SaveError> {
    let text = checked_canonical_string(model, path)?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError {
        file: path.to_path_buf(),
        source,
    })
}

/// The canonical text of `model`, read back before anyone writes it: it must load, give the
/// model that was saved (numbers as the file holds them, to one decimal) and save again to
/// the same bytes. `file` is the name messages use.
pub fn checked_canonical_string(model: &Model, file: &Path) -> Result<String, SaveError> {
    let text = to_canonical_string(model);
    let refuse = |why: String| SaveError {
        file: file.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{why}; nothing was written"),
        ),
    };
    let loaded = super::load::load_str(&text, file).map_err(|e| {
        refuse(format!(
            "the model holds something a model file cannot: {}",
            e.problem
        ))
    })?;
    let expected = as_written(model);
    if loaded.model != expected {
        return Err(refuse(first_difference(&expected, &loaded.model)));
    }
    if to_canonical_string(&loaded.model) != text {
        return Err(refuse(
            "the model does not save the same way twice (a fault in icsmap)".into(),
        ));
    }
    Ok(text)
}

/// The model as its file holds it: positions, bends and amounts to one decimal; an empty
/// group or taker is no group or taker.
fn as_written(model: &Model) -> Model {
    let rounded = |p: Point| Point::new(round_to_tenth(p.x), round_to_tenth(p.y));
    let mut out = model.clone();
    for node in &mut out.nodes {
        node.at = rounded(node.at);
        node.within = node.within.take().filter(|w| !w.is_empty());
    }
    for link in &mut out.links {
        link.amount = link.amount.map(round_to_tenth);
        for p in &mut link.via {
            *p = rounded(*p);
        }
    }
    for decision in &mut out.decisions {
        decision.taken_by = decision.taken_by.take().filter(|t| !t.is_empty());
    }
    out
}

/// Where a model read back differs from the one saved, for the message.
fn first_difference(saved: &Model, back: &Model) -> String {
    let what = if let Some(node) = saved
        .nodes
        .iter()
        .zip(&back.nodes)
        .find(|(a, b)| a != b)
        .map(|(a, _)| a)
    {
        format!("node {:?}", node.id)
    } else if let Some(i) = saved
        .links
        .iter()
        .zip(&back.links)
        .position(|(a, b)| a != b)
    {
        format!("link {i}")
    } else {
        "the model's own fields".to_string()
    };
    format!("{what} does not read back as it was (a fault in icsmap)")
}

pub use crate::safe_fs::write_atomically;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_decimal() {
        assert_eq!(number(0.0), "0.0");
        assert_eq!(number(-0.0), "0.0");
        assert_eq!(number(-0.04), "0.0");
        assert_eq!(number(12.345), "12.3");
        assert_eq!(number(12.35), "12.4");
        assert_eq!(number(-1000000.0), "-1000000.0");
    }

    #[test]
    fn strings_read_back_the_same() {
        for text in [
            "plain",
            "quote \" and \\ back",
            "line\nbreak\ttab\r",
            "bell \u{7} nul \u{0}",
            "Hôpital — ünïcödé 🏥",
            "</text><script>",
        ] {
            let back: String = ron::from_str(&quote(text)).unwrap();
            assert_eq!(back, text);
        }
        assert_eq!(quote("Hôpital"), "\"Hôpital\"");
    }
}
