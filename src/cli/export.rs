//! `icsmap export` and `icsmap layout`: files made from a model, always written atomically.

use std::path::Path;

use icsmap::export::{self, ExportOptions, Format};

use super::Outcome;

pub fn run(file: &Path, output: &Path, options: &ExportOptions) -> Outcome {
    let Some(format) = Format::from_path(output) else {
        eprintln!(
            "error: {}: the output must end in .png or .svg",
            output.display()
        );
        return Outcome::Unreadable;
    };
    let model = match icsmap::open(file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Unreadable;
        }
    };
    match export::write(&model, output, format, options) {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            eprintln!("error: {e}");
            Outcome::Unreadable
        }
    }
}

pub fn layout(file: &Path, output: Option<&Path>) -> Outcome {
    let mut model = match icsmap::open(file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Unreadable;
        }
    };
    icsmap::layout::auto_layout(&mut model);
    let target = output.unwrap_or(file);
    match icsmap::save_path(&model, target) {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            eprintln!("error: {e}");
            Outcome::Unreadable
        }
    }
}
