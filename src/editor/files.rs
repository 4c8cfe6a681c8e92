//! Files: open, save, save as, recent files, drag and drop, the unsaved-changes prompt,
//! export and copy as image, and crash recovery. File dialogs run on worker threads
//! (rfd's asynchronous dialogs), so the window never freezes while one is open.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::Editor;
use super::alert::Alert;
use super::dialogs::{self, PromptAnswer, RecoveryAnswer};
use super::document::Document;
use super::export_dialog::{ExportAnswer, ExportDialog};
use super::recovery::{Recovered, RecoveryStore};
use crate::export::{self, ExportOptions, Format};
use crate::model::file::EXTENSION;

/// Recent files kept.
const MAX_RECENT: usize = 10;
/// Seconds between recovery copies while there are unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Something the user asked for that would replace or close the open model: it waits for
/// an answer to "save changes?" when there are unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Replace {
    /// Start a blank model.
    New,
    /// Pick a model file to open.
    Open,
    /// Open this model file.
    OpenPath(PathBuf),
    /// Start from the example model at this position in the templates.
    Template(usize),
    /// A model built by the ODS import.
    Imported(Box<crate::model::Model>),
    /// Unsaved work kept by crash recovery.
    Restore(Recovered),
    /// Close the model and return to the welcome screen.
    Close,
    /// Close the window.
    Quit,
}

/// What a file dialog was for, and what it chose.
#[derive(Debug)]
pub(crate) enum Picked {
    Open(PathBuf),
    SaveAs(PathBuf),
    Export(PathBuf, Format),
    OdsFile(usize, PathBuf),
}

/// State of the file side of the editor.
pub struct Files {
    pub recent: Vec<PathBuf>,
    pub(crate) recovery: Option<RecoveryStore>,
    pub(crate) offers: Vec<Recovered>,
    pub(crate) prompt: Option<Replace>,
    /// An action to carry out once the Save As started by the prompt has saved.
    after_save: Option<Replace>,
    /// The export dialog, while it is open.
    pub export: Option<ExportDialog>,
    /// The export dialog's last choices, offered again next time.
    pub last_export: Option<ExportDialog>,
    /// The logo last used in an export (kept in the program's settings, not the model).
    pub logo: Option<PathBuf>,
    sender: mpsc::Sender<Option<Picked>>,
    receiver: mpsc::Receiver<Option<Picked>>,
    dialog_open: bool,
    last_autosave: f64,
    allow_close: bool,
    /// Whether the document had unsaved changes last frame.
    was_dirty: bool,
    /// Answers for file dialogs instead of the platform's (tests).
    script: Option<DialogScript>,
}

/// File dialogs answered from a script rather than shown: what was asked, in order, and the
/// paths to answer with (`None`: the user cancelled).
#[derive(Debug, Default)]
struct DialogScript {
    asked: Vec<DialogFor>,
    answers: std::collections::VecDeque<Option<PathBuf>>,
}

impl Files {
    pub fn new(recovery: Option<RecoveryStore>) -> Files {
        let (sender, receiver) = mpsc::channel();
        let offers = recovery
            .as_ref()
            .map(RecoveryStore::pending)
            .unwrap_or_default();
        Files {
            recent: Vec::new(),
            recovery,
            offers,
            prompt: None,
            after_save: None,
            export: None,
            last_export: None,
            logo: None,
            sender,
            receiver,
            dialog_open: false,
            last_autosave: 0.0,
            allow_close: false,
            was_dirty: false,
            script: None,
        }
    }

    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

impl Editor {
    /// Asks for something that replaces the open model; asks to save first if needed.
    pub fn request(&mut self, ctx: &egui::Context, action: Replace) {
        // A file that cannot be read is reported at once: there is nothing to save changes
        // for, since the open model stays.
        if let Replace::OpenPath(path) = &action
            && let Err(e) = crate::open(path)
        {
            self.alert = Some(Alert::open(super::alert::load_message(&e)));
            return;
        }
        if self.doc.as_ref().is_some_and(Document::is_dirty) {
            self.files.prompt = Some(action);
        } else {
            self.carry_out(ctx, action);
        }
    }

    fn carry_out(&mut self, ctx: &egui::Context, action: Replace) {
        match action {
            Replace::New => self.new_blank(),
            Replace::Open => self.pick_file(ctx, DialogFor::Open),
            Replace::OpenPath(path) => self.open_path(&path),
            Replace::Template(i) => {
                if let Some(t) = super::templates::TEMPLATES.get(i) {
                    self.open_template(t.text, t.name);
                }
            }
            Replace::Restore(offer) => self.restore(&offer),
            Replace::Imported(model) => {
                self.set_document(Document::new(*model, None));
                self.status_bar.say("Imported from ODS: save it to keep it");
            }
            Replace::Close => {
                self.drop_recovery();
                self.doc = None;
            }
            Replace::Quit => {
                // Nothing of this model is to be kept: no recovery copy now or at exit.
                self.drop_recovery();
                self.doc = None;
                self.files.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Saves to the document's file, or asks where when it has none. True when saved.
    pub fn save(&mut self, ctx: &egui::Context) -> bool {
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(path) => self.save_to(&path),
            None => {
                self.pick_file(ctx, DialogFor::SaveAs);
                false
            }
        }
    }

    /// Saves the model to `path` (atomically). On failure the model stays as it is, with
    /// its changes, and the reason is shown.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        match crate::save_path(doc.model(), path) {
            Ok(()) => {
                doc.mark_saved(path.to_path_buf());
                if let Some(store) = &self.files.recovery {
                    store.remove(&doc.key);
                }
                self.files.remember(path);
                self.status_bar.say(format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                // A refused save keeps the changes; saving them elsewhere is the way on
                // (a read-only file, a file of someone else's, a folder that takes no files).
                self.alert = Some(
                    Alert::new(
                        "The model could not be saved",
                        super::alert::save_message(&e),
                    )
                    .offering_save_as(),
                );
                false
            }
        }
    }

    /// Writes an export of the model, through the same exporter as `icsmap export`.
    pub fn export_to(&mut self, path: &Path, format: Format, options: &ExportOptions) -> bool {
        let Some(model) = self.model() else {
            return false;
        };
        match export::write(model, path, format, options) {
            Ok(()) => {
                self.status_bar.say(format!("Exported {}", path.display()));
                true
            }
            Err(e) => {
                self.alert = Some(Alert::new(
                    "The diagram could not be exported",
                    super::alert::export_message(&e),
                ));
                false
            }
        }
    }

    /// Puts a picture of the diagram on the clipboard, to paste into a document.
    pub fn copy_image(&mut self, ctx: &egui::Context) {
        let Some(model) = self.model() else { return };
        let scene = export::export_scene(model, &ExportOptions::default());
        match export::rgba_pixels(&scene, 2.0, false) {
            Ok((w, h, pixels)) => {
                let image =
                    egui::ColorImage::from_rgba_unmultiplied([w as usize, h as usize], &pixels);
                ctx.copy_image(image);
                self.status_bar
                    .say(format!("Copied the diagram as a {w} × {h} picture"));
            }
            Err(e) => {
                self.alert = Some(Alert::new(
                    "The diagram could not be copied",
                    super::alert::export_message(&e),
                ))
            }
        }
    }

    /// Writes a recovery copy now if there are unsaved changes.
    pub fn autosave_now(&mut self) {
        let (Some(doc), Some(store)) = (self.doc.as_ref(), self.files.recovery.as_ref()) else {
            return;
        };
        if doc.is_dirty()
            && let Err(e) = store.write(&doc.key, doc.model(), doc.path.as_deref())
        {
            self.status_bar
                .say(format!("Could not write the recovery copy: {e}"));
        }
    }

    /// Deletes the open document's recovery copy: its unsaved changes were saved, or the
    /// user threw them away.
    pub(crate) fn drop_recovery(&mut self) {
        if let (Some(doc), Some(store)) = (self.doc.as_ref(), self.files.recovery.as_ref()) {
            store.remove(&doc.key);
        }
    }

    pub(crate) fn pick_file(&mut self, ctx: &egui::Context, purpose: DialogFor) {
        if self.files.dialog_open {
            return;
        }
        self.files.dialog_open = true;
        let sender = self.files.sender.clone();
        let ctx = ctx.clone();
        let start_in = self.dialog_folder();
        let suggested = self.suggested_name(purpose);
        if let Some(script) = self.files.script.as_mut() {
            script.asked.push(purpose);
            let chosen = script.answers.pop_front().flatten();
            let picked = chosen.map(|path| match purpose {
                DialogFor::Open => Picked::Open(path),
                DialogFor::SaveAs => Picked::SaveAs(path),
                DialogFor::Export(format) => Picked::Export(path, format),
                DialogFor::OdsFile(slot) => Picked::OdsFile(slot, path),
            });
            let _ = sender.send(picked);
            ctx.request_repaint();
            return;
        }
        std::thread::spawn(move || {
            let mut dialog = rfd::AsyncFileDialog::new();
            if let Some(dir) = start_in {
                dialog = dialog.set_directory(dir);
            }
            let picked = match purpose {
                DialogFor::Open => pollster::block_on(
                    dialog
                        .add_filter("icsmap model", &["ron"])
                        .set_title(purpose.title())
                        .pick_file(),
                )
                .map(|h| Picked::Open(h.path().to_path_buf())),
                DialogFor::SaveAs => pollster::block_on(
                    dialog
                        .add_filter("icsmap model", &["ron"])
                        .set_file_name(suggested)
                        .set_title(purpose.title())
                        .save_file(),
                )
                .map(|h| Picked::SaveAs(with_extension(h.path(), EXTENSION))),
                DialogFor::OdsFile(slot) => pollster::block_on(
                    dialog
                        .add_filter("CSV file", &["csv"])
                        .set_title(purpose.title())
                        .pick_file(),
                )
                .map(|h| Picked::OdsFile(slot, h.path().to_path_buf())),
                DialogFor::Export(format) => {
                    let (name, ext) = match format {
                        Format::Png => ("PNG picture", "png"),
                        Format::Svg => ("SVG drawing", "svg"),
                        Format::Pdf => ("PDF document", "pdf"),
                    };
                    pollster::block_on(
                        dialog
                            .add_filter(name, &[ext])
                            .set_file_name(suggested)
                            .set_title(purpose.title())
                            .save_file(),
                    )
                    .map(|h| Picked::Export(with_extension(h.path(), &format!(".{ext}")), format))
                }
            };
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
    }

    /// The folder file dialogs start in: the open model's, else the last file's; always
    /// absolute, since a dialog given a relative folder starts wherever it likes.
    pub fn dialog_folder(&self) -> Option<PathBuf> {
        let file = self
            .doc
            .as_ref()
            .and_then(|d| d.path.as_ref())
            .or_else(|| self.files.recent.first())?;
        let file = std::path::absolute(file).unwrap_or_else(|_| file.clone());
        file.parent().map(Path::to_path_buf)
    }

    fn suggested_name(&self, purpose: DialogFor) -> String {
        let stem = self
            .doc
            .as_ref()
            .and_then(|d| d.path.as_ref())
            .and_then(|p| p.file_name())
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(EXTENSION)
                    .trim_end_matches(".ron")
                    .to_string()
            })
            .or_else(|| self.model().map(|m| crate::model::slug(&m.title)))
            .unwrap_or_else(|| "model".into());
        match purpose {
            DialogFor::Open | DialogFor::SaveAs | DialogFor::OdsFile(_) => {
                format!("{stem}{EXTENSION}")
            }
            DialogFor::Export(Format::Png) => format!("{stem}.png"),
            DialogFor::Export(Format::Svg) => format!("{stem}.svg"),
            DialogFor::Export(Format::Pdf) => format!("{stem}.pdf"),
        }
    }

    /// Results of file dialogs, dropped files, closing the window and the autosave timer.
    pub(crate) fn file_events(&mut self, ctx: &egui::Context) {
        while let Ok(picked) = self.files.receiver.try_recv() {
            self.files.dialog_open = false;
            match picked {
                Some(Picked::Open(path)) => self.open_path(&path),
                Some(Picked::SaveAs(path)) => {
                    if self.save_to(&path)
                        && let Some(next) = self.files.after_save.take()
                    {
                        self.carry_out(ctx, next);
                    }
                }
                Some(Picked::OdsFile(slot, path)) => self.ods_file_chosen(slot, path),
                Some(Picked::Export(path, format)) => {
                    let selection = self.model().map(|m| self.selection.node_positions(m));
                    let options = self
                        .files
                        .export
                        .clone()
                        .unwrap_or_default()
                        .options(selection);
                    if self.export_to(&path, format, &options) {
                        self.files.last_export = self.files.export.take();
                    }
                }
                None => self.files.after_save = None,
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.request(ctx, Replace::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.files.allow_close {
            if self.doc.as_ref().is_some_and(Document::is_dirty) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.files.prompt = Some(Replace::Quit);
            } else {
                self.drop_recovery();
            }
        }
        let now = ctx.input(|i| i.time);
        let dirty = self.doc.as_ref().is_some_and(Document::is_dirty);
        if self.files.was_dirty && !dirty {
            // Undone back to the saved model: there is nothing left to recover.
            self.drop_recovery();
        }
        self.files.was_dirty = dirty;
        if dirty {
            if now - self.files.last_autosave >= AUTOSAVE_SECONDS {
                self.autosave_now();
                self.files.last_autosave = now;
            }
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
        } else {
            self.files.last_autosave = now;
        }
    }

    /// The dialogs that belong to files: save changes?, recovered work, export.
    pub(crate) fn file_dialogs(&mut self, ctx: &egui::Context) {
        if let Some(action) = self.files.prompt.clone() {
            let name = self
                .doc
                .as_ref()
                .and_then(|d| d.path.as_ref())
                .and_then(|p| p.file_name())
                .map_or_else(
                    || "this model".to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
            match dialogs::save_changes_ui(ctx, &name) {
                Some(PromptAnswer::Save) => {
                    self.files.prompt = None;
                    if self.save(ctx) {
                        self.carry_out(ctx, action);
                    } else {
                        self.files.after_save = Some(action);
                    }
                }
                Some(PromptAnswer::Discard) => {
                    self.files.prompt = None;
                    self.carry_out(ctx, action);
                }
                Some(PromptAnswer::Cancel) => self.files.prompt = None,
                None => {}
            }
        }

        if let Some(offer) = self.files.offers.first().cloned() {
            match dialogs::recovery_ui(ctx, &offer, self.files.offers.len() - 1) {
                Some(RecoveryAnswer::Restore) => {
                    self.files.offers.remove(0);
                    // A second offer must not silently replace the first one restored.
                    self.request(ctx, Replace::Restore(offer));
                }
                Some(RecoveryAnswer::Discard) => {
                    self.files.offers.remove(0);
                    let _ = std::fs::remove_file(&offer.file);
                }
                None => {}
            }
        }

        let selection = self.model().map(|m| self.selection.node_positions(m));
        let model = self.doc.as_ref().map(|d| d.model());
        if let Some(dialog) = self.files.export.as_mut() {
            let answer = dialog.ui(ctx, model, selection);
            self.files.logo.clone_from(&dialog.logo_path);
            match answer {
                ExportAnswer::Open => {}
                ExportAnswer::Closed => self.files.last_export = self.files.export.take(),
                ExportAnswer::Export => {
                    let format = dialog.format;
                    self.pick_file(ctx, DialogFor::Export(format));
                }
            }
        }
        self.import_dialog(ctx);
    }

    /// Opens a recovery copy as the document it was, with its changes unsaved.
    pub fn restore(&mut self, offer: &Recovered) {
        match crate::open(&offer.file) {
            Ok(model) => {
                let key = offer
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().trim_end_matches(EXTENSION).to_string())
                    .unwrap_or_else(super::recovery::new_key);
                self.set_document(Document::recovered(model, offer.original.clone(), key));
                self.status_bar
                    .say("Restored unsaved work: save it to keep it");
            }
            Err(e) => {
                self.alert = Some(Alert::new(
                    "The recovered work could not be opened",
                    super::alert::load_message(&e),
                ))
            }
        }
    }

    /// Answers the next file dialogs with `answers` in turn (`None`: cancel) instead of
    /// showing the platform's dialogs, for driving the editor without a desktop.
    pub fn script_file_dialogs(&mut self, answers: Vec<Option<PathBuf>>) {
        self.files.script = Some(DialogScript {
            asked: Vec::new(),
            answers: answers.into(),
        });
    }

    /// The titles of the file dialogs asked for since `script_file_dialogs`, in order.
    pub fn file_dialogs_asked(&self) -> Vec<&'static str> {
        self.files
            .script
            .as_ref()
            .map(|s| s.asked.iter().map(|d| d.title()).collect())
            .unwrap_or_default()
    }

    pub(crate) fn save_as_dialog(&mut self, ctx: &egui::Context) {
        self.pick_file(ctx, DialogFor::SaveAs);
    }

    pub(crate) fn remember_recent(&mut self, path: &Path) {
        self.files.remember(path);
    }
}

impl DialogFor {
    /// The dialog's title.
    fn title(self) -> &'static str {
        match self {
            DialogFor::Open => "Open a model",
            DialogFor::SaveAs => "Save the model",
            DialogFor::Export(_) => "Export the diagram",
            DialogFor::OdsFile(_) => "Choose an ODS file",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum DialogFor {
    Open,
    SaveAs,
    Export(Format),
    /// One of the four ODS files, by slot (pcns, partners, practices, trusts).
    OdsFile(usize),
}

/// `path`, with `extension` added when it does not already end with it.
fn with_extension(path: &Path, extension: &str) -> PathBuf {
    let text = path.to_string_lossy();
    if text.to_lowercase().ends_with(&extension.to_lowercase())
        || (extension == EXTENSION && text.ends_with(".ron"))
    {
        path.to_path_buf()
    } else {
        PathBuf::from(format!("{text}{extension}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_names_get_their_extension() {
        assert_eq!(
            with_extension(Path::new("/a/north"), EXTENSION),
            PathBuf::from("/a/north.icsmap.ron")
        );
        assert_eq!(
            with_extension(Path::new("/a/north.ron"), EXTENSION),
            PathBuf::from("/a/north.ron")
        );
        assert_eq!(
            with_extension(Path::new("/a/fig.PNG"), ".png"),
            PathBuf::from("/a/fig.PNG")
        );
        assert_eq!(
            with_extension(Path::new("/a/fig"), ".svg"),
            PathBuf::from("/a/fig.svg")
        );
    }
}
