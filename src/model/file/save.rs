//! Writing a model file: canonical (what `icsmap fmt` and the editor write), deterministic
//! (the same model gives the same bytes), and atomic (the old file or the new, never a mix).

use std::fmt::Write as _;
use std::io::Write as _;
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

/// Writes the model to `path` atomically: a temporary file in the same folder is written,
/// flushed and synced, then renamed over the target. A crash at any point leaves either the
/// old file or the new one whole.
pub fn save_path(model: &Model, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, to_canonical_string(model).as_bytes()).map_err(|source| SaveError {
        file: path.to_path_buf(),
        source,
    })
}

/// Replaces `path` with `bytes` atomically (used for models and for exports alike).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".icsmap-").suffix(".tmp");
    // A temporary file is private by default; the file it becomes should not be. A new file
    // gets the usual permissions (less the user's umask); a replaced one keeps its own.
    if let Some(p) = new_file_permissions() {
        builder.permissions(p);
    }
    let mut temp = builder.tempfile_in(folder)?;
    if let Ok(meta) = std::fs::metadata(path) {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    // Sync the folder too, so the rename itself survives a power cut (best effort: not every
    // platform lets a folder be opened).
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn saved_files_are_readable_by_others_and_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.icsmap.ron");
        write_atomically(&path, b"one").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let umask = std::process::Command::new("sh")
            .args(["-c", "umask"])
            .output()
            .ok()
            .and_then(|o| u32::from_str_radix(String::from_utf8_lossy(&o.stdout).trim(), 8).ok())
            .unwrap_or(0o022);
        assert_eq!(
            mode(&path),
            0o666 & !umask,
            "a new file gets the usual permissions"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(mode(&path), 0o664);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

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
