//! `icsmap export` and `icsmap layout`: files made from a model, always written atomically.

use std::path::{Path, PathBuf};

use icsmap::export::page::{DEFAULT_MARGIN_MM, DEFAULT_MIN_TEXT_PT};
use icsmap::export::{self, ExportOptions, Format, Orientation, PageSpec, Paper};
use icsmap::logo::Logo;

use super::Outcome;

/// Board-paper options of `icsmap export`: the page, readability, logo and SVG text.
#[derive(Debug, clap::Args)]
pub struct BoardArgs {
    /// Fit the whole drawing (title block and key included) to a page: A5, A4, A3, A2, A1,
    /// A0, letter or legal. A PNG is then exactly the page at --dpi (default 300).
    #[arg(long, value_name = "PAGE")]
    page: Option<Paper>,
    /// Which way up the page is: auto (whichever prints the drawing larger), landscape or
    /// portrait.
    #[arg(long, value_name = "WAY", default_value = "auto", requires = "page")]
    orientation: Orientation,
    /// Blank border inside the page's edge, in millimetres.
    #[arg(long, value_name = "MM", default_value_t = DEFAULT_MARGIN_MM, requires = "page")]
    margin: f32,
    /// Warn when the smallest text would print under this size, in points.
    #[arg(long, value_name = "PT", default_value_t = DEFAULT_MIN_TEXT_PT)]
    min_text_pt: f32,
    /// Exit 1 and write nothing when the smallest text would print too small.
    #[arg(long)]
    strict: bool,
    /// The organisation's logo (PNG or JPEG), placed in the title block.
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// SVG only: draw the text as glyph outlines, for tools that ignore embedded fonts.
    #[arg(long)]
    text_as_paths: bool,
    /// PDF only: add the scheme of reservation and delegation after the diagram, as a table
    /// that breaks across pages.
    #[arg(long)]
    with_scheme: bool,
}

pub fn run(
    file: &Path,
    output: &Path,
    mut options: ExportOptions,
    scale: Option<f32>,
    dpi: Option<f32>,
    board: &BoardArgs,
    stats: bool,
) -> Outcome {
    let fail = |message: String| {
        eprintln!("error: {message}");
        Outcome::Unreadable
    };
    let Some(format) = Format::from_path(output) else {
        return fail(format!(
            "{}: the output must end in .png, .svg or .pdf",
            output.display()
        ));
    };
    options.scale = match (scale, dpi) {
        (Some(s), _) => match export::check_scale(s) {
            Ok(s) => s,
            Err(e) => return fail(e.to_string()),
        },
        (None, Some(d)) => match export::check_dpi(d) {
            Ok(s) => s,
            Err(e) => return fail(e.to_string()),
        },
        (None, None) if board.page.is_some() => ExportOptions::scale_for_dpi(300.0),
        (None, None) => ExportOptions::default().scale,
    };
    if !(board.min_text_pt.is_finite() && board.min_text_pt > 0.0 && board.min_text_pt <= 72.0) {
        return fail(format!(
            "--min-text-pt must be a size in points above 0 and at most 72, not {}",
            board.min_text_pt
        ));
    }
    options.page = board.page.map(|paper| PageSpec {
        paper,
        orientation: board.orientation,
        margin_mm: board.margin,
    });
    options.text_as_paths = board.text_as_paths;
    if board.with_scheme && format != Format::Pdf {
        return fail(format!(
            "{}: --with-scheme adds pages after the diagram, so the output must be a .pdf",
            output.display()
        ));
    }
    options.with_scheme = board.with_scheme;
    if let Some(path) = &board.logo {
        match Logo::load(path) {
            Ok(logo) => options.logo = Some(logo),
            Err(e) => return fail(e.to_string()),
        }
    }
    let model = match icsmap::open(file) {
        Ok(m) => m,
        Err(e) => return fail(e.to_string()),
    };
    let prepared = match export::prepare(&model, &options) {
        Ok(p) => p,
        Err(e) => return fail(e.to_string()),
    };
    if board.with_scheme && model.decisions.is_empty() {
        eprintln!(
            "note: {} has no decisions: the PDF has the diagram only",
            file.display()
        );
    }
    if let Some(too_small) = prepared.readability(&options, board.min_text_pt) {
        if board.strict {
            eprintln!("error: {too_small}; nothing written (--strict)");
            return Outcome::Flagged;
        }
        eprintln!("warning: {too_small}");
    }
    match export::render_prepared(&prepared, format, &options)
        .and_then(|bytes| export::write_bytes(output, &bytes))
    {
        Ok(()) if stats => print_stats(&model, &options),
        Ok(()) => Outcome::Clean,
        Err(e) => fail(e.to_string()),
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
        Ok(()) if stats => print_stats(&model, &ExportOptions::default()),
        Ok(()) => Outcome::Clean,
        Err(e) => {
            eprintln!("error: {e}");
            Outcome::Unreadable
        }
    }
}

/// The readability measures of the diagram as exported (diagram.md, "How readability is
/// measured"), one line.
fn print_stats(model: &icsmap::Model, options: &ExportOptions) -> Outcome {
    let scene = export::export_scene(model, options);
    super::emit(&format!("{}\n", icsmap::route::measure_scene(&scene)))
}
