//! The `icsmap` command: the editor when run bare, and the checks and conversions of the
//! model files on the command line.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::Args::try_parse() {
        Ok(args) => cli::run(args),
        // Help, version or a usage error. Help that cannot be written (`--help > /dev/full`)
        // is an error like any other lost output.
        Err(e) => match e.print() {
            Ok(()) => ExitCode::from(e.exit_code().clamp(0, 255) as u8),
            Err(why) => {
                eprintln!(
                    "error: cannot write to standard output: {}",
                    icsmap::safe_fs::io_in_words(&why)
                );
                ExitCode::from(2)
            }
        },
    }
}
