//! Reading a scheme of reservation and delegation kept as a spreadsheet (CSV): columns are
//! found by their header, bodies by id, name or ODS code. A row that names no known body is
//! skipped and reported with its line, never guessed: a decision placed at the wrong body
//! would be worse than one left out. The file is untrusted input like any other.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::model::file::MAX_TEXT_CHARS;
use crate::model::{Decision, Model, slug};

/// The largest scheme file read: far beyond any real scheme, small enough to hold.
pub const MAX_SCHEME_BYTES: u64 = 16 * 1024 * 1024;

/// Why a scheme file could not be read at all. Nothing is imported when there is one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{}: {what}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct SchemeError {
    /// The scheme file.
    pub file: PathBuf,
    /// The line at fault, where there is one.
    pub line: Option<u64>,
    /// What is wrong, in the user's words.
    pub what: String,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// Line in the file (1-based; a quoted cell with line breaks spans several).
    pub line: u64,
    /// Why it was left out, in the user's words.
    pub why: String,
}

/// What a scheme file gives: decisions ready to add to the model, and the rows skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedScheme {
    /// One per row read, in file order, with ids not yet used in the model.
    pub decisions: Vec<Decision>,
    /// Rows left out, in file order.
    pub skipped: Vec<SkippedRow>,
}

/// The fields a column can fill, with the header names that mean it (compared without
/// case, spaces or punctuation). The first named is preferred when a file has two.
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Title, &["decision", "title"]),
    (Field::Theme, &["theme"]),
    (Field::Holder, &["holder"]),
    (Field::TakenBy, &["takenby", "delegatedto"]),
    (Field::Basis, &["basis"]),
    (Field::Lead, &["lead"]),
    (Field::Assurance, &["assurance"]),
    (Field::Reference, &["reference"]),
    (Field::Notes, &["notes"]),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    Title,
    Theme,
    Holder,
    TakenBy,
    Basis,
    Lead,
    Assurance,
    Reference,
    Notes,
}

/// Reads the scheme at `path` against the bodies of `model`.
pub fn read_scheme(path: &Path, model: &Model) -> Result<ImportedScheme, SchemeError> {
    let fail = |what: String| SchemeError {
        file: path.to_path_buf(),
        line: None,
        what,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    if !meta.is_file() {
        return Err(fail(
            "this is not a regular file (a folder, a device or a pipe): name a CSV file".into(),
        ));
    }
    if meta.len() > MAX_SCHEME_BYTES {
        return Err(too_large(path, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    let mut bytes = Vec::new();
    // `take` guards against a file that grows while it is read.
    file.take(MAX_SCHEME_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read the file: {e}")))?;
    read_scheme_bytes(&bytes, path, model)
}

fn too_large(path: &Path, size: u64) -> SchemeError {
    SchemeError {
        file: path.to_path_buf(),
        line: None,
        what: format!(
            "the file is {size} bytes, more than the {MAX_SCHEME_BYTES} a scheme may have: is \
             this the right file?"
        ),
    }
}

/// Reads scheme bytes; `name` is what messages call the file.
pub fn read_scheme_bytes(
    bytes: &[u8],
    name: &Path,
    model: &Model,
) -> Result<ImportedScheme, SchemeError> {
    if bytes.len() as u64 > MAX_SCHEME_BYTES {
        return Err(too_large(name, bytes.len() as u64));
    }
    let fail = |line: Option<u64>, what: String| SchemeError {
        file: name.to_path_buf(),
        line,
        what,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The csv reader counts the lines of a CRLF file one short after the first record, and
    // a spreadsheet's CSV is usually CRLF: reading it as LF keeps every reported line right.
    let bytes = crlf_to_lf(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line());
            let what = match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8: save the spreadsheet as \
                    \"CSV UTF-8\""
                    .to_string(),
                _ => format!("this is not a CSV file: {e}"),
            };
            fail(line, what)
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        rows.push((line, fields));
    }
    let Some((header_line, header)) = rows.first().cloned() else {
        return Err(fail(None, "the file has no rows".into()));
    };
    let columns = find_columns(&header);
    for (field, names) in [
        (Field::Title, "\"Decision\" or \"Title\""),
        (Field::Holder, "\"Holder\""),
    ] {
        if !columns.contains_key(&field) {
            return Err(fail(
                Some(header_line),
                format!(
                    "the first row should name the columns, and it has no column {names}: is \
                     this a scheme of reservation and delegation?"
                ),
            ));
        }
    }
    let bodies = BodyFinder::new(model);
    let mut taken: HashSet<String> = model.decisions.iter().map(|d| d.id.clone()).collect();
    let mut imported = ImportedScheme {
        decisions: Vec::new(),
        skipped: Vec::new(),
    };
    for (line, fields) in &rows[1..] {
        let get = |field: Field| {
            columns
                .get(&field)
                .and_then(|&i| fields.get(i))
                .map_or("", String::as_str)
        };
        match decision_from(&get, &bodies) {
            Ok(mut decision) => {
                decision.id = fresh_id(&decision.title, &mut taken);
                imported.decisions.push(decision);
            }
            Err(why) => imported.skipped.push(SkippedRow { line: *line, why }),
        }
    }
    Ok(imported)
}

/// `bytes` with every CRLF made LF (inside quoted cells too, where it is a line break either
/// way).
fn crlf_to_lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}

/// Which column holds each field, by header name.
fn find_columns(header: &[String]) -> HashMap<Field, usize> {
    let key = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    let mut columns = HashMap::new();
    for &(field, names) in HEADERS {
        if let Some(i) = names
            .iter()
            .find_map(|name| keys.iter().position(|k| k == name))
        {
            columns.insert(field, i);
        }
    }
    columns
}

/// The decision a row describes, without its id; or why the row is skipped.
fn decision_from<'r>(
    get: &dyn Fn(Field) -> &'r str,
    bodies: &BodyFinder<'_>,
) -> Result<Decision, String> {
    for (field, what) in [
        (Field::Title, "decision"),
        (Field::Theme, "theme"),
        (Field::Basis, "basis"),
        (Field::Lead, "lead"),
        (Field::Assurance, "assurance"),
        (Field::Reference, "reference"),
        (Field::Notes, "notes"),
    ] {
        let chars = get(field).chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(format!(
                "the {what} is {chars} characters long, more than {MAX_TEXT_CHARS}"
            ));
        }
    }
    let title = get(Field::Title);
    if title.is_empty() {
        return Err("the row has no decision".into());
    }
    let holder_text = get(Field::Holder);
    if holder_text.is_empty() {
        return Err(format!("“{title}” has no holder"));
    }
    let holder = bodies
        .find(holder_text)
        .map_err(|e| format!("holder {e}"))?;
    let taker_text = get(Field::TakenBy);
    let taken_by = if taker_text.is_empty() {
        None
    } else {
        Some(
            bodies
                .find(taker_text)
                .map_err(|e| format!("taken by {e}"))?,
        )
    };
    Ok(Decision {
        id: String::new(),
        title: title.to_string(),
        theme: get(Field::Theme).to_string(),
        holder: holder.to_string(),
        taken_by: taken_by.map(str::to_string),
        basis: get(Field::Basis).to_string(),
        lead: get(Field::Lead).to_string(),
        assurance: get(Field::Assurance).to_string(),
        reference: get(Field::Reference).to_string(),
        notes: get(Field::Notes).to_string(),
    })
}

/// An id made from `title`, not yet in `taken`, which it joins.
fn fresh_id(title: &str, taken: &mut HashSet<String>) -> String {
    let base = slug(title);
    let id = if taken.contains(&base) {
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or(base)
    } else {
        base
    };
    taken.insert(id.clone());
    id
}

/// Finds the body a cell names: by id exactly, else by name, else by ODS code (both
/// without case or extra spaces). A name two bodies share is not a match.
struct BodyFinder<'m> {
    by_id: HashMap<&'m str, &'m str>,
    by_name: HashMap<String, Vec<&'m str>>,
    by_code: HashMap<String, Vec<&'m str>>,
}

fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<'m> BodyFinder<'m> {
    fn new(model: &'m Model) -> BodyFinder<'m> {
        let mut finder = BodyFinder {
            by_id: HashMap::new(),
            by_name: HashMap::new(),
            by_code: HashMap::new(),
        };
        for node in &model.nodes {
            let id = node.id.as_str();
            finder.by_id.entry(id).or_insert(id);
            if !node.name.trim().is_empty() {
                finder
                    .by_name
                    .entry(normal(&node.name))
                    .or_default()
                    .push(id);
            }
            if !node.ods_code.trim().is_empty() {
                finder
                    .by_code
                    .entry(normal(&node.ods_code))
                    .or_default()
                    .push(id);
            }
        }
        finder
    }

    /// The id of the body `text` names, or what is wrong with it.
    fn find(&self, text: &str) -> Result<&'m str, String> {
        if let Some(id) = self.by_id.get(text) {
            return Ok(id);
        }
        let key = normal(text);
        for (what, map) in [("name", &self.by_name), ("ODS code", &self.by_code)] {
            match map.get(&key).map(Vec::as_slice) {
                Some([one]) => return Ok(one),
                Some(many @ [_, _, ..]) => {
                    return Err(format!(
                        "“{text}” is the {what} of {} bodies ({}): give the id",
                        many.len(),
                        many.join(", ")
                    ));
                }
                _ => {}
            }
        }
        Err(format!(
            "“{text}” names no body of the model (by id, name or ODS code)"
        ))
    }
}
