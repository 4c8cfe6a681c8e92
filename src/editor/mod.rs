//! The desktop editor (eframe/egui). Everything here draws or reacts; the model, the rules,
//! the layout and the scene it shows live in the library, with no user interface in them.

//!
//! The house: [`Editor`] holds the open [`Document`], the [`Selection`] and the [`View`], and
//! wires the panels together; each panel is a state struct with its own `ui` in its own
//! module (`palette`, `inspector`, `findings`, `find`, `status`, `menus`, `welcome`,
//! `dialogs`, `export_dialog`, `import`, `alert`; the canvas in `canvas`). Panels return
//! what the user asked for as an [`Action`]; the editor carries it out, and every model edit
//! goes through [`Document::edit`]. Every action is one [`Command`], declared once in
//! `command.rs`, from which menus, right-click menus, shortcuts and the welcome screen's
//! buttons are drawn.

mod alert;
mod app;
mod canvas;
mod careful;
mod command;
mod context;
mod decisions_panel;
mod dialogs;
mod document;
mod edits;
mod export_dialog;
mod files;
mod find;
mod findings;
mod groups;
mod import;
mod inspector;
mod menus;
mod paint;
mod palette;
mod panels;
mod recovery;
mod selection;
mod status;
mod templates;
mod welcome;
mod worker;

pub use alert::Alert;
pub use app::{Action, Editor, View};
pub use command::{Command, Menu, Target};
pub use context::Hit;
pub use decisions_panel::{DecisionsPanel, LitRoute};
pub use document::Document;
pub use export_dialog::{ExportAnswer, ExportDialog};
pub use files::Replace;
pub use find::FindBar;
pub use findings::FindingsPanel;
pub use import::ImportDialog;
pub use inspector::Inspector;
pub use menus::Look;
pub use palette::{Palette, PaletteAction};
pub use recovery::{Recovered, RecoveryStore};
pub use selection::Selection;
pub use status::StatusBar;

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
            Ok(Box::new(
                Editor::new_with(
                    &cc.egui_ctx,
                    file,
                    cc.storage,
                    RecoveryStore::in_data_folder(),
                )
                .with_work_apart(&cc.egui_ctx),
            ))
        }),
    )
    .map_err(|e| format!("cannot open the editor window: {e}"))
}
