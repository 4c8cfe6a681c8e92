//! `icsmap export` and `icsmap layout`: files made from a model, always written atomically.

use std::path::Path;

use icsmap::export::{self, ExportOptions, Format};

use super::Outcome;

pub fn run(file: &Path, output: &Path, options: &ExportOptions, stats: bool) -> Outcome {
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
        Ok(()) => {
            if stats {
                print_stats(&model, options);
            }
            Outcome::Clean
        }
        Err(e) => {
            eprintln!("error: {e}");
            Outcome::Unreadable
        }
    }
}

pub fn layout(file: &Path, output: Option<&Path>, stats: bool) -> Outcome {
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
        Ok(()) => {
            if stats {
                print_stats(&model, &ExportOptions::default());
            }
            Outcome::Clean
        }
        Err(e) => {
            eprintln!("error: {e}");
            Outcome::Unreadable
        }
    }
}

/// The readability measures of the diagram as exported (diagram.md, "How readability is
/// measured"), one line.
fn print_stats(model: &icsmap::Model, options: &ExportOptions) {
    let scene = export::export_scene(model, options);
    println!("{}", icsmap::route::measure_scene(&scene));
}
