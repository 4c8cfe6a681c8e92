//! Reading ODS CSV files as they come: with or without a header row, with a byte-order mark,
//! CRLF line endings, quoted commas and missing optional columns. A file that is not what
//! it should be is refused with its name and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::IsoDate;

/// Why an import could not be made. Nothing is written when there is one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{}: {what}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ImportError {
    /// The ODS file.
    pub file: PathBuf,
    /// The line in it, where the problem is on one line.
    pub line: Option<u64>,
    /// What is wrong, in the user's words.
    pub what: String,
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

/// How a file's columns are laid out: the header names it may carry, and the positions
/// of the standard layout for files without a header.
pub struct Layout {
    pub what: &'static str,
    /// (name used here, header text, position in the standard layout, required)
    pub columns: &'static [(&'static str, &'static str, usize, bool)],
    /// Fewest fields a data row of the standard layout has.
    pub min_fields: usize,
}

impl Table {
    pub fn read(path: &Path, layout: &Layout) -> Result<Table, ImportError> {
        let fail = |line: Option<u64>, what: String| ImportError {
            file: path.to_path_buf(),
            line,
            what,
        };
        let bytes =
            std::fs::read(path).map_err(|e| fail(None, format!("cannot read the file: {e}")))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line());
                fail(
                    line,
                    format!("this is not a CSV file of {}: {e}", layout.what),
                )
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
            if fields.iter().all(String::is_empty) {
                continue;
            }
            rows.push(Row { line, fields });
        }
        // A header row names the columns; without one, the standard layout's positions hold.
        let header = rows.first().filter(|r| {
            layout
                .columns
                .iter()
                .any(|(_, name, _, _)| r.fields.iter().any(|f| f.eq_ignore_ascii_case(name)))
        });
        let mut columns = HashMap::new();
        match header {
            Some(h) => {
                for &(key, name, _, required) in layout.columns {
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
            }
            None => {
                for &(key, _, position, _) in layout.columns {
                    columns.insert(key, position);
                }
                if let Some(short) = rows.iter().find(|r| r.fields.len() < layout.min_fields) {
                    return Err(fail(
                        Some(short.line),
                        format!(
                            "{} fields where the standard layout of {} has {}: is this the right file?",
                            short.fields.len(),
                            layout.what,
                            layout.min_fields
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
