//! `icsmap import-ods`: a model from NHS ODS files.

use std::path::Path;

use icsmap::model::IsoDate;
use icsmap::ods::{self, ImportOptions, OdsFiles};

use super::{Outcome, emit};

pub fn run(files: &OdsFiles, icbs: Vec<String>, as_at: Option<&str>, output: &Path) -> Outcome {
    if files.pcns.is_none()
        && files.partners.is_none()
        && files.practices.is_none()
        && files.trusts.is_none()
    {
        eprintln!("error: name at least one ODS file (--pcns, --partners, --practices, --trusts)");
        return Outcome::Unreadable;
    }
    let as_at = match as_at.map(|d| IsoDate::parse(d).ok_or(d)) {
        None => None,
        Some(Ok(date)) => Some(date),
        Some(Err(text)) => {
            eprintln!("error: --as-at {text:?} is not a date of the form YYYY-MM-DD");
            return Outcome::Unreadable;
        }
    };
    let options = ImportOptions { icbs, as_at };
    let model = match ods::import(files, &options, &|_| {}) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Unreadable;
        }
    };
    if model.nodes.is_empty() {
        eprintln!(
            "error: these files place no body in an ICB (the ICBs and their places come from \
             the PCN list: give --pcns); nothing written"
        );
        return Outcome::Unreadable;
    }
    if let Err(e) = icsmap::save_path(&model, output) {
        eprintln!("error: {e}");
        return Outcome::Unreadable;
    }
    emit(&format!(
        "wrote {}: {} bodies, {} links\n",
        output.display(),
        model.nodes.len(),
        model.links.len()
    ))
}
