//! `icsmap decisions` (print the scheme of reservation and delegation) and
//! `icsmap import-decisions` (add the decisions of a scheme kept as a spreadsheet).

use std::path::Path;

use clap::ValueEnum;
use icsmap::decisions::{read_scheme, scheme_rows, to_csv, to_markdown};

use super::{Outcome, emit};

/// How `icsmap decisions` prints the scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemeFormat {
    /// A Markdown table (reads in a terminal, pastes into a board paper).
    Md,
    /// CSV with a header row, for a spreadsheet.
    Csv,
}

pub fn print(file: &Path, format: SchemeFormat) -> Outcome {
    let model = match icsmap::open(file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Unreadable;
        }
    };
    let rows = scheme_rows(&model);
    let text = match format {
        SchemeFormat::Md => to_markdown(&rows),
        SchemeFormat::Csv => match to_csv(&rows) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot write the scheme as CSV: {e}");
                return Outcome::Unreadable;
            }
        },
    };
    if emit(&text) != Outcome::Clean {
        return Outcome::Unreadable;
    }
    if rows.is_empty() {
        eprintln!("note: {} has no decisions", file.display());
    }
    Outcome::Clean
}

/// Adds the scheme's decisions to the model and saves it, whole or not at all. Exit 1 when
/// rows were skipped (the rest are saved), 2 when nothing could be saved.
pub fn import(scheme: &Path, into: &Path) -> Outcome {
    let mut model = match icsmap::open(into) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Unreadable;
        }
    };
    let imported = match read_scheme(scheme, &model) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}; {} is unchanged", into.display());
            return Outcome::Unreadable;
        }
    };
    for row in &imported.skipped {
        eprintln!("skipped: {}:{}: {}", scheme.display(), row.line, row.why);
    }
    if imported.decisions.is_empty() {
        eprintln!(
            "error: no row of {} could be imported; {} is unchanged",
            scheme.display(),
            into.display()
        );
        return Outcome::Unreadable;
    }
    let count = imported.decisions.len();
    let limit = icsmap::model::file::MAX_DECISIONS;
    if model.decisions.len() + count > limit {
        eprintln!(
            "error: {} would then have {} decisions, more than the {limit} a model may hold; {} \
             is unchanged",
            into.display(),
            model.decisions.len() + count,
            into.display()
        );
        return Outcome::Unreadable;
    }
    model.decisions.extend(imported.decisions);
    if let Err(e) = icsmap::save_path(&model, into) {
        eprintln!("error: {e}; {} is unchanged", into.display());
        return Outcome::Unreadable;
    }
    let skipped = imported.skipped.len();
    // The model is written; a report that cannot be printed still fails the command.
    let reported = emit(&format!(
        "imported {count} decisions into {}{}\n",
        into.display(),
        if skipped == 0 {
            String::new()
        } else {
            format!(
                "; skipped {skipped} {} (lines {})",
                if skipped == 1 { "row" } else { "rows" },
                imported
                    .skipped
                    .iter()
                    .map(|r| r.line.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    if reported != Outcome::Clean {
        Outcome::Unreadable
    } else if skipped > 0 {
        Outcome::Flagged
    } else {
        Outcome::Clean
    }
}
