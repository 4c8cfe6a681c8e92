//! The `icsmap` command: the editor when run bare, and the checks and conversions of the
//! model files on the command line.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    cli::run(args)
}
