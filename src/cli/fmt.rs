//! `icsmap fmt`: rewrite files in canonical form, or with `--check` only say which are not.

use std::path::PathBuf;

use icsmap::model::file::{MAX_FILE_BYTES, checked_canonical_string, write_atomically};

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
        // The text is read back before it is compared or written: `fmt` never writes a file
        // that would not load.
        let canonical = match checked_canonical_string(&model, file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {e}");
                outcome = Outcome::Unreadable;
                continue;
            }
        };
        // The file loaded, so it is readable; a read failure now is a race worth reporting.
        let current = match icsmap::safe_fs::read_regular(file, MAX_FILE_BYTES) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                outcome = Outcome::Unreadable;
                continue;
            }
        };
        if current == canonical.as_bytes() {
            continue;
        }
        if check_only {
            outcome = outcome
                .max(Outcome::Flagged)
                .max(super::emit(&format!("{}\n", file.display())));
        } else if let Err(e) = write_atomically(file, canonical.as_bytes()) {
            eprintln!(
                "error: {}: cannot write the file: {}",
                file.display(),
                icsmap::safe_fs::io_in_words(&e)
            );
            outcome = Outcome::Unreadable;
        } else {
            outcome = outcome.max(super::emit(&format!("formatted {}\n", file.display())));
        }
    }
    outcome
}
