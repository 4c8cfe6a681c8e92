//! Command-line interface. Exit codes follow product.md: 0 all is well, 1 findings or
//! files at the level asked about, 2 a file could not be read or written.

mod check;
mod decisions;
mod export;
mod fmt;
mod import;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Draw, check and export the operating model of an NHS Integrated Care System.
#[derive(Debug, Parser)]
#[command(
    name = "icsmap",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    /// A model file to open in the editor.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate model files against the rule catalogue.
    Check {
        /// Model files (*.icsmap.ron).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 on warnings as well as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Rewrite model files in canonical form (what the editor saves).
    Fmt {
        /// Model files (*.icsmap.ron).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 naming the files that are not in canonical form.
        #[arg(long)]
        check: bool,
    },
    /// Render the diagram as PNG, SVG or PDF (chosen by the output's extension).
    Export {
        /// The model file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The file to write: OUT.png, OUT.svg or OUT.pdf. Written atomically.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// Pixels per point for PNG (2 gives 192 dpi); not with --page.
        #[arg(long, conflicts_with_all = ["dpi", "page"], value_name = "F")]
        scale: Option<f32>,
        /// Resolution for PNG in dots per inch (300 for print, and the default with --page).
        #[arg(long, value_name = "N")]
        dpi: Option<f32>,
        /// Leave the background transparent instead of white.
        #[arg(long)]
        transparent: bool,
        /// Leave out the legend.
        #[arg(long)]
        no_legend: bool,
        /// Leave out the title block.
        #[arg(long)]
        no_title: bool,
        /// What to draw: the diagram, or the decision map (each body with the decisions it
        /// takes, and the numbered list of decisions beside it).
        #[arg(long, value_enum, default_value_t = ExportView::Diagram)]
        view: ExportView,
        #[command(flatten)]
        board: export::BoardArgs,
        /// Print how readable the diagram is: crossings, lines through boxes, overlaps,
        /// page shape.
        #[arg(long)]
        stats: bool,
    },
    /// Lay the whole model out in tier bands and save it.
    Layout {
        /// The model file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to save the laid-out model (default: rewrite FILE). Written atomically.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Print how readable the laid-out diagram is: crossings, lines through boxes,
        /// overlaps, page shape.
        #[arg(long)]
        stats: bool,
    },
    /// Build a model from NHS ODS files: regions, ICBs, places, PCNs, practices, trusts.
    #[command(name = "import-ods")]
    ImportOds {
        /// epcn-pcns.csv: PCNs and their sub-ICB locations.
        #[arg(long, value_name = "FILE")]
        pcns: Option<PathBuf>,
        /// epcn-core-partners.csv: practices' PCN memberships.
        #[arg(long, value_name = "FILE")]
        partners: Option<PathBuf>,
        /// epraccur.csv: GP practices (standard ODS layout).
        #[arg(long, value_name = "FILE")]
        practices: Option<PathBuf>,
        /// etr.csv: NHS trusts (standard ODS layout).
        #[arg(long, value_name = "FILE")]
        trusts: Option<PathBuf>,
        /// ICB code to import (e.g. QOP); repeat for several; none for all of England.
        #[arg(long = "icb", value_name = "CODE")]
        icbs: Vec<String>,
        /// Leave out what had closed by this date (YYYY-MM-DD); without it, anything with an
        /// end date is left out.
        #[arg(long, value_name = "DATE")]
        as_at: Option<String>,
        /// The model file to write. Written atomically; nothing is written on an error.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Print the scheme of reservation and delegation: one row per decision, by theme.
    Decisions {
        /// The model file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = decisions::SchemeFormat::Md)]
        format: decisions::SchemeFormat,
    },
    /// Add the decisions of a scheme kept as a spreadsheet (CSV) to a model.
    #[command(name = "import-decisions")]
    ImportDecisions {
        /// The scheme: CSV with a header row naming its columns (Decision or Title, Holder,
        /// Taken by or Delegated to, Theme, Basis, Lead, Assurance, Reference).
        #[arg(value_name = "SCHEME.csv")]
        scheme: PathBuf,
        /// The model to add them to. Written atomically, whole or not at all; rows naming
        /// no known body are skipped and listed with their lines.
        #[arg(long, value_name = "MODEL")]
        into: PathBuf,
    },
    /// Print the rule catalogue: id, severity, title and source of every rule.
    Rules,
}

/// What `icsmap export` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportView {
    /// The operating model.
    Diagram,
    /// The decision map: the diagram with each body's decisions and their list.
    Decisions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The outcome of a command, ordered so that the worst of several wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Clean = 0,
    Flagged = 1,
    Unreadable = 2,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(outcome as u8)
    }
}

pub fn run(args: Args) -> ExitCode {
    match args.command {
        Some(Command::Check {
            files,
            format,
            deny_warnings,
        }) => check::run(&files, format, deny_warnings).into(),
        Some(Command::Fmt { files, check }) => fmt::run(&files, check).into(),
        Some(Command::Export {
            file,
            output,
            scale,
            dpi,
            transparent,
            no_legend,
            no_title,
            view,
            board,
            stats,
        }) => {
            let options = icsmap::export::ExportOptions {
                transparent,
                legend: !no_legend,
                title: !no_title,
                decision_map: view == ExportView::Decisions,
                ..icsmap::export::ExportOptions::default()
            };
            export::run(&file, &output, options, scale, dpi, &board, stats).into()
        }
        Some(Command::Layout {
            file,
            output,
            stats,
        }) => export::layout(&file, output.as_deref(), stats).into(),
        Some(Command::ImportOds {
            pcns,
            partners,
            practices,
            trusts,
            icbs,
            as_at,
            output,
        }) => {
            let files = icsmap::ods::OdsFiles {
                pcns,
                partners,
                practices,
                trusts,
            };
            import::run(&files, icbs, as_at.as_deref(), &output).into()
        }
        Some(Command::Decisions { file, format }) => decisions::print(&file, format).into(),
        Some(Command::ImportDecisions { scheme, into }) => decisions::import(&scheme, &into).into(),
        Some(Command::Rules) => print_rules().into(),
        None => open_editor(args.file),
    }
}

/// `icsmap [FILE]`: the editor window.
#[cfg(feature = "editor")]
fn open_editor(file: Option<std::path::PathBuf>) -> ExitCode {
    match icsmap::editor::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("(the command line works without a display: see `icsmap --help`)");
            Outcome::Unreadable.into()
        }
    }
}

/// `icsmap [FILE]` in a build without the editor: say so, and where the commands are.
#[cfg(not(feature = "editor"))]
fn open_editor(_file: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!("error: this icsmap was built without the editor (cargo feature `editor`)");
    eprintln!("(the command line works: see `icsmap --help`)");
    Outcome::Unreadable.into()
}

fn print_rules() -> Outcome {
    let mut text = String::new();
    for rule in icsmap::rules::catalogue() {
        let _ = writeln!(
            text,
            "{} {:<7} {}",
            rule.id,
            rule.severity.as_str(),
            rule.title
        );
        let _ = writeln!(text, "    source: {}", squash_spaces(rule.source));
    }
    emit(&text)
}

/// Writes to standard output. A write that fails (a full disk, a closed pipe, a file that
/// may not grow) is said on standard error and gives exit code 2, so that a script or CI job
/// never takes output it did not get for a pass.
#[must_use]
pub fn emit(text: &str) -> Outcome {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            eprintln!(
                "error: cannot write to standard output: {}",
                icsmap::safe_fs::io_in_words(&e)
            );
            Outcome::Unreadable
        }
    }
}

/// The catalogue's long strings are wrapped in the source; print them as one line.
fn squash_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
