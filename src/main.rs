//! The `factdiff` binary: parses arguments, then runs the CLI or starts the desktop app.

use std::process::ExitCode;

use clap::Parser;
use factdiff::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(Command::Compare(compare)) => cli::compare(&compare),
        None => match factdiff::ui::run(args.files, args.lang.to_lang()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("factdiff: cannot start the window: {e}");
                ExitCode::from(cli::EXIT_TROUBLE)
            }
        },
    }
}
