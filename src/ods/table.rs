//! Reading ODS CSV files as they come: with or without a header row, with a byte-order mark,
//! CRLF line endings, quoted commas and missing optional columns. A file that is not what
//! it should be is refused with its name and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::IsoDate;
use crate::safe_fs::{ReadError, read_regular};

/// Why an import could not be made. Nothing is written when there is one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{what}", place(file, *line))]
pub struct ImportError {
    /// The ODS file.
    pub file: PathBuf,
    /// The line in it, where the problem is on one line.
    pub line: Option<u64>,
    /// What is wrong, in the user's words.
    pub what: String,
}

/// The largest ODS file read: the national practice list is about 3.4 MB, so this leaves
/// room for growth while a wrong file (or `/dev/zero`) cannot fill the memory.
pub const MAX_ODS_BYTES: u64 = 64 * 1024 * 1024;

/// `FILE:LINE: ` before a message; nothing for a problem of the import as a whole.
fn place(file: &Path, line: Option<u64>) -> String {
    if file.as_os_str().is_empty() {
        return String::new();
    }
    match line {
        Some(l) => format!("{}:{l}: ", file.display()),
        None => format!("{}: ", file.display()),
    }
}

/// The rows of one file, with where each came from.
pub struct Table {
    path: PathBuf,
    columns: HashMap<&'static str, usize>,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub line: u64,
    fields: Vec<String>,
}

/// What a column holds, checked on every row: a file that is not the one its slot expects,
/// or whose columns have shifted, shows it here within its first rows.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// Anything (names, addresses).
    Text,
    /// An ODS code of capital letters and digits, of one of these lengths; may be empty.
    Code(&'static [usize]),
    /// A PCN code: U and digits (`U00070`).
    Pcn,
    /// A national grouping: a letter and two digits (`Y56` an NHS England region, `W00`
    /// Wales); may be empty.
    Region,
    /// A date `YYYYMMDD`; may be empty.
    Date,
    /// A status code: A, C, D or P; may be empty.
    Status,
    /// A number of a few digits; may be empty.
    Digits,
}

impl Check {
    fn accepts(self, value: &str) -> bool {
        let code_chars = |v: &str| {
            v.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        };
        match self {
            Check::Text => true,
            _ if value.is_empty() => true,
            Check::Code(lengths) => lengths.contains(&value.len()) && code_chars(value),
            Check::Pcn => {
                value.len() <= 8
                    && value.starts_with('U')
                    && value.len() > 1
                    && value[1..].bytes().all(|b| b.is_ascii_digit())
            }
            Check::Region => {
                value.len() == 3
                    && value.as_bytes()[0].is_ascii_uppercase()
                    && value[1..].bytes().all(|b| b.is_ascii_digit())
            }
            Check::Date => value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()),
            Check::Status => matches!(value, "A" | "C" | "D" | "P"),
            Check::Digits => value.len() <= 3 && value.bytes().all(|b| b.is_ascii_digit()),
        }
    }

    fn in_words(self) -> String {
        match self {
            Check::Text => "text".into(),
            Check::Code(lengths) => {
                let lengths: Vec<String> = lengths.iter().map(|l| l.to_string()).collect();
                format!(
                    "a code of {} capital letters and digits",
                    lengths.join(" or ")
                )
            }
            Check::Pcn => "a PCN code such as U00070".into(),
            Check::Region => "a region code such as Y56".into(),
            Check::Date => "a date of the form YYYYMMDD".into(),
            Check::Status => "a status code (A, C, D or P)".into(),
            Check::Digits => "a number".into(),
        }
    }
}

/// How a file's columns are laid out: the header names it may carry, and the positions
/// of the standard layout for files without a header.
pub struct Layout {
    pub what: &'static str,
    /// (name used here, header text, position in the standard layout, required, what it
    /// holds)
    pub columns: &'static [(&'static str, &'static str, usize, bool, Check)],
    /// Fewest fields a data row of the standard layout has.
    pub min_fields: usize,
}

impl Table {
    /// Reads `path` as the file `layout` describes, or says why it is not that file: not an
    /// ordinary file, too large, empty, not text, a quote left open, a line cut short or
    /// with more fields than the others, or a value that is not what its column holds.
    pub fn read(path: &Path, layout: &Layout) -> Result<Table, ImportError> {
        let fail = |line: Option<u64>, what: String| ImportError {
            file: path.to_path_buf(),
            line,
            what,
        };
        let bytes = read_regular(path, MAX_ODS_BYTES).map_err(|e| {
            fail(
                None,
                match e {
                    ReadError::TooLarge { size, limit } => format!(
                        "the file is {size} bytes; an ODS file may be at most {limit} bytes: \
                         is this {}?",
                        layout.what
                    ),
                    other => other.to_string(),
                },
            )
        })?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if let Err(e) = std::str::from_utf8(bytes) {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1;
            return Err(fail(
                Some(line),
                format!("this line is not text: is the file {}?", layout.what),
            ));
        }
        check_quotes(bytes).map_err(|(line, what)| fail(Some(line), what))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line());
                fail(line, format!("this is not a CSV file of {}", layout.what))
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
            if fields.iter().all(String::is_empty) {
                continue;
            }
            rows.push(Row { line, fields });
        }
        if rows.is_empty() {
            return Err(fail(
                None,
                format!("the file is empty; expected {}", layout.what),
            ));
        }
        // A header row names the columns; without one, the standard layout's positions hold.
        let header = rows.first().filter(|r| {
            layout
                .columns
                .iter()
                .any(|(_, name, _, _, _)| r.fields.iter().any(|f| f.eq_ignore_ascii_case(name)))
        });
        let mut columns = HashMap::new();
        let width = rows[0].fields.len();
        match header {
            Some(h) => {
                for &(key, name, _, required, _) in layout.columns {
                    match h.fields.iter().position(|f| f.eq_ignore_ascii_case(name)) {
                        Some(i) => {
                            columns.insert(key, i);
                        }
                        None if required => {
                            return Err(fail(
                                Some(h.line),
                                format!(
                                    "the header has no column \"{name}\": is this {}?",
                                    layout.what
                                ),
                            ));
                        }
                        None => {}
                    }
                }
                rows.remove(0);
                if rows.is_empty() {
                    return Err(fail(
                        None,
                        format!(
                            "the file has a header but no rows; expected {}",
                            layout.what
                        ),
                    ));
                }
            }
            None => {
                for &(key, _, position, _, _) in layout.columns {
                    columns.insert(key, position);
                }
                if let Some(short) = rows.iter().find(|r| r.fields.len() < layout.min_fields) {
                    return Err(fail(
                        Some(short.line),
                        format!(
                            "{} fields where the standard layout of {} has {}: is this the right file?{}",
                            short.fields.len(),
                            layout.what,
                            layout.min_fields,
                            cut_off_note(bytes, short, rows.last()),
                        ),
                    ));
                }
            }
        }
        let last = rows.last().map(|r| r.line);
        for row in &rows {
            if row.fields.len() != width {
                return Err(fail(
                    Some(row.line),
                    format!(
                        "{} fields where the first line has {width}{}",
                        row.fields.len(),
                        cut_off_note(bytes, row, rows.last()),
                    ),
                ));
            }
            for &(key, name, _, _, check) in layout.columns {
                let Some(value) = columns.get(key).and_then(|&i| row.fields.get(i)) else {
                    continue;
                };
                if !check.accepts(value) {
                    let shown: String = value.chars().take(40).collect();
                    let note = if Some(row.line) == last && !bytes.ends_with(b"\n") {
                        " (the file looks cut off in the middle of this line)"
                    } else {
                        ""
                    };
                    return Err(fail(
                        Some(row.line),
                        format!(
                            "\"{name}\" is {shown:?} where {} was expected{note}: \
                             is this {}, with its columns in their places?",
                            check.in_words(),
                            layout.what
                        ),
                    ));
                }
            }
        }
        Ok(Table {
            path: path.to_path_buf(),
            columns,
            rows,
        })
    }

    /// The value of column `key` in `row`; empty when the file lacks it.
    pub fn get<'r>(&self, row: &'r Row, key: &str) -> &'r str {
        self.columns
            .get(key)
            .and_then(|&i| row.fields.get(i))
            .map_or("", String::as_str)
    }

    /// A `YYYYMMDD` date in column `key`; `None` when empty.
    pub fn date(&self, row: &Row, key: &str) -> Result<Option<IsoDate>, ImportError> {
        let text = self.get(row, key);
        if text.is_empty() {
            return Ok(None);
        }
        let parsed = (text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| IsoDate::parse(&format!("{}-{}-{}", &text[0..4], &text[4..6], &text[6..8])))
            .flatten();
        parsed.map(Some).ok_or_else(|| ImportError {
            file: self.path.clone(),
            line: Some(row.line),
            what: format!("{text:?} is not a date of the form YYYYMMDD"),
        })
    }

    pub fn error(&self, row: &Row, what: String) -> ImportError {
        ImportError {
            file: self.path.clone(),
            line: Some(row.line),
            what,
        }
    }
}

/// Why a line of a file is short, when the reason is that the file stops in it.
fn cut_off_note(bytes: &[u8], row: &Row, last: Option<&Row>) -> &'static str {
    let is_last = last.is_some_and(|l| l.line == row.line);
    if is_last && !bytes.ends_with(b"\n") {
        " (the file looks cut off in the middle of this line)"
    } else {
        ""
    }
}

/// Finds a quote left open: ODS values never run over a line, so a quoted value that does
/// (or that the end of the file cuts) is a broken or cut-off file, reported at the line where
/// its quote opens rather than as whatever the rest of the file then reads as.
fn check_quotes(bytes: &[u8]) -> Result<(), (u64, String)> {
    let mut line = 1u64;
    let mut open_at: Option<u64> = None;
    let mut field_start = true;
    // Just after a closing quote: a quote here is the second half of a doubled one ("").
    let mut just_closed = false;
    for &b in bytes {
        if let Some(opened) = open_at {
            if b == b'"' {
                open_at = None;
                just_closed = true;
            } else if b == b'\n' {
                return Err((
                    opened,
                    "a quoted value opened on this line is not closed before the line ends \
                     (a missing closing quote)"
                        .into(),
                ));
            }
        } else {
            if b == b'"' && (field_start || just_closed) {
                open_at = Some(line);
            }
            just_closed = false;
            field_start = matches!(b, b',' | b'\n' | b'\r');
        }
        if b == b'\n' {
            line += 1;
        }
    }
    match open_at {
        Some(opened) => Err((
            opened,
            "a quoted value opened on this line is never closed: the file looks cut off".into(),
        )),
        None => Ok(()),
    }
}
