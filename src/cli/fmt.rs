//! `icsmap fmt`: rewrite files in canonical form, or with `--check` only say which are not.

use std::path::PathBuf;

use icsmap::model::file::{to_canonical_string, write_atomically};

use super::Outcome;

pub fn run(files: &[PathBuf], check_only: bool) -> Outcome {
    let mut outcome = Outcome::Clean;
    for file in files {
        let model = match icsmap::open(file) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("error: {e}");
                outcome = Outcome::Unreadable;
                continue;
            }
        };
        let canonical = to_canonical_string(&model);
        // The file loaded, so it is readable; a read failure now is a race worth reporting.
        let current = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: {}: cannot read the file: {e}", file.display());
                outcome = Outcome::Unreadable;
                continue;
            }
        };
        if current == canonical.as_bytes() {
            continue;
        }
        if check_only {
            super::emit(&format!("{}\n", file.display()));
            outcome = outcome.max(Outcome::Flagged);
        } else if let Err(e) = write_atomically(file, canonical.as_bytes()) {
            eprintln!("error: {}: cannot write the file: {e}", file.display());
            outcome = Outcome::Unreadable;
        } else {
            super::emit(&format!("formatted {}\n", file.display()));
        }
    }
    outcome
}
