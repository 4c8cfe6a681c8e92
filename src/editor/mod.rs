//! The desktop editor (eframe/egui). Everything here draws or reacts; the model, the rules,
//! the layout and the scene it shows live in the library, with no user interface in them.

mod app;
mod canvas;
mod command;
mod document;
mod edits;
mod files;
mod import;
mod inspector;
mod paint;
mod panels;
mod recovery;
mod selection;
mod templates;

pub use app::{Editor, View};
pub use command::{Command, Menu};
pub use document::Document;
pub use files::{ExportDialog, Replace};
pub use import::ImportDialog;
pub use recovery::{Recovered, RecoveryStore};
pub use selection::Selection;

use std::path::PathBuf;

/// Opens the editor window, with `file` if one was given; returns when it closes.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("icsmap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "icsmap",
        options,
        Box::new(move |cc| {
            Ok(Box::new(Editor::new_with(
                &cc.egui_ctx,
                file,
                cc.storage,
                RecoveryStore::in_data_folder(),
            )))
        }),
    )
    .map_err(|e| format!("cannot open the editor window: {e}"))
}
