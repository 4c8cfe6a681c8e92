//! File → Import from ODS…: choose the files, choose ICBs by name, and build the model on a
//! worker thread with a progress bar, so the window stays responsive on all of England.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, mpsc};

use egui::RichText;

use super::Editor;
use super::files::{DialogFor, Replace};
use crate::model::{IsoDate, Model};
use crate::ods::{self, ImportError, ImportOptions, OdsFiles};

const SLOTS: [(&str, &str); 4] = [
    ("PCNs", "epcn-pcns.csv"),
    ("PCN core partners", "epcn-core-partners.csv"),
    ("GP practices", "epraccur.csv"),
    ("NHS trusts", "etr.csv"),
];

/// The ICBs the files know, (code, name), or why they could not be read.
type IcbList = Result<Vec<(String, String)>, ImportError>;

/// The import dialog's state.
#[derive(Default)]
pub struct ImportDialog {
    /// The four ODS files, by slot: PCNs, partners, practices, trusts.
    pub files: [Option<PathBuf>; 4],
    /// (code, name, chosen)
    pub icbs: Vec<(String, String, bool)>,
    /// Narrows the ICB list by name or code.
    pub filter: String,
    /// The date the imported model describes (YYYY-MM-DD; empty: today).
    pub as_at: String,
    /// Why the last attempt failed, in the user's words.
    pub error: Option<String>,
    /// The ICB list is to be read again (a file was chosen).
    wants_listing: bool,
    running: Option<Running>,
    listing: Option<mpsc::Receiver<IcbList>>,
}

struct Running {
    progress: Arc<AtomicU32>,
    result: mpsc::Receiver<Result<Model, ImportError>>,
}

impl ImportDialog {
    /// The chosen files, for the importer.
    pub fn ods_files(&self) -> OdsFiles {
        OdsFiles {
            pcns: self.files[0].clone(),
            partners: self.files[1].clone(),
            practices: self.files[2].clone(),
            trusts: self.files[3].clone(),
        }
    }

    /// Reads the ICB list from the chosen files, on a worker thread.
    fn list_icbs(&mut self, ctx: &egui::Context) {
        let files = self.ods_files();
        if files.pcns.is_none() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(ods::list_icbs(&files));
            ctx.request_repaint();
        });
        self.listing = Some(rx);
    }

    /// Starts the import on a worker thread.
    pub fn start(&mut self, ctx: &egui::Context) {
        let as_at = match self.as_at.trim() {
            "" => None,
            text => match IsoDate::parse(text) {
                Some(d) => Some(d),
                None => {
                    self.error = Some(format!("{text:?} is not a date of the form YYYY-MM-DD"));
                    return;
                }
            },
        };
        let options = ImportOptions {
            icbs: self
                .icbs
                .iter()
                .filter(|(_, _, c)| *c)
                .map(|(code, _, _)| code.clone())
                .collect(),
            as_at,
        };
        let files = self.ods_files();
        let progress = Arc::new(AtomicU32::new(0));
        let (tx, rx) = mpsc::channel();
        let (ctx, shared) = (ctx.clone(), progress.clone());
        std::thread::spawn(move || {
            let report = |p: f32| {
                shared.store(p.to_bits(), Ordering::Relaxed);
                ctx.request_repaint();
            };
            let _ = tx.send(ods::import(&files, &options, &report));
            ctx.request_repaint();
        });
        self.error = None;
        self.running = Some(Running {
            progress,
            result: rx,
        });
    }

    /// Whether an import is under way.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

impl Editor {
    pub(crate) fn ods_file_chosen(&mut self, slot: usize, path: PathBuf) {
        if let Some(dialog) = self.import.as_mut() {
            dialog.set_file(slot, path);
        }
    }

    pub(crate) fn import_dialog(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.import.take() else {
            return;
        };
        // Results from the worker threads.
        if let Some(rx) = &dialog.listing
            && let Ok(result) = rx.try_recv()
        {
            dialog.listing = None;
            match result {
                Ok(list) => {
                    dialog.error = None;
                    let chosen: Vec<String> = dialog
                        .icbs
                        .iter()
                        .filter(|i| i.2)
                        .map(|i| i.0.clone())
                        .collect();
                    dialog.icbs = list
                        .into_iter()
                        .map(|(c, n)| {
                            let on = chosen.contains(&c);
                            (c, n, on)
                        })
                        .collect();
                }
                Err(e) => dialog.error = Some(e.to_string()),
            }
        }
        if let Some(running) = &dialog.running
            && let Ok(result) = running.result.try_recv()
        {
            dialog.running = None;
            match result {
                Ok(model) => {
                    self.request(ctx, Replace::Imported(Box::new(model)));
                    return;
                }
                Err(e) => dialog.error = Some(e.to_string()),
            }
        }
        if dialog.wants_listing {
            dialog.wants_listing = false;
            dialog.list_icbs(ctx);
        }

        let mut open = true;
        let mut choose = None;
        let mut go = false;
        egui::Window::new("Import from ODS")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            // A fixed width, so the buttons do not move as file names come and go.
            .min_width(480.0)
            .max_width(480.0)
            .show(ctx, |ui| {
                ui.label("NHS England's Organisation Data Service files (download the current ones from ODS).");
                egui::Grid::new("ods-files").num_columns(3).show(ui, |ui| {
                    for (slot, (what, usual)) in SLOTS.iter().enumerate() {
                        ui.label(*what);
                        let shown = dialog.files[slot]
                            .as_ref()
                            .and_then(|p| p.file_name())
                            .map_or_else(|| format!("({usual}, optional)"), |n| n.to_string_lossy().into_owned());
                        ui.label(RichText::new(shown).weak());
                        if ui.button("Choose…").on_hover_text(format!("Choose {usual}")).clicked() {
                            choose = Some(slot);
                        }
                        ui.end_row();
                    }
                });
                ui.separator();
                if dialog.listing.is_some() {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Reading the ICBs…");
                    });
                } else if dialog.icbs.is_empty() {
                    ui.label(RichText::new("Choose the PCN file (and the practices file) to pick ICBs; with none picked, all of England is imported.").weak());
                } else {
                    ui.horizontal(|ui| {
                        let l = ui.label("ICBs");
                        ui.add(egui::TextEdit::singleline(&mut dialog.filter).hint_text("filter by name").desired_width(200.0)).labelled_by(l.id);
                        let picked = dialog.icbs.iter().filter(|i| i.2).count();
                        ui.label(if picked == 0 { "all of England".to_string() } else { format!("{picked} chosen") });
                    });
                    let filter = dialog.filter.to_lowercase();
                    egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                        for (code, name, chosen) in &mut dialog.icbs {
                            if filter.is_empty() || name.to_lowercase().contains(&filter) || code.to_lowercase().contains(&filter) {
                                // Without a practices file an ICB is known by name alone.
                                let label = if code.contains(' ') { name.clone() } else { format!("{name} ({code})") };
                                ui.checkbox(chosen, label);
                            }
                        }
                    });
                }
                ui.horizontal(|ui| {
                    let l = ui.label("As at");
                    ui.add(egui::TextEdit::singleline(&mut dialog.as_at).hint_text("YYYY-MM-DD, optional").desired_width(140.0))
                        .labelled_by(l.id);
                });
                if let Some(error) = &dialog.error {
                    ui.colored_label(egui::Color32::from_rgb(0xd5, 0x28, 0x1b), error);
                }
                ui.add_space(4.0);
                if let Some(running) = &dialog.running {
                    let p = f32::from_bits(running.progress.load(Ordering::Relaxed));
                    ui.add(egui::ProgressBar::new(p).show_percentage().text("Importing…"));
                } else {
                    let any_file = dialog.files.iter().any(Option::is_some);
                    if ui.add_enabled(any_file, egui::Button::new("Import")).clicked() {
                        go = true;
                    }
                }
            });
        if let Some(slot) = choose {
            self.pick_file(ctx, DialogFor::OdsFile(slot));
        }
        if go {
            dialog.start(ctx);
        }
        // Closing the window while an import runs lets it finish unseen; its result is dropped.
        if open {
            self.import = Some(dialog);
        }
    }
}

impl ImportDialog {
    /// Sets one of the four files (by slot: PCNs, partners, practices, trusts); the ICB list
    /// is read again.
    pub fn set_file(&mut self, slot: usize, path: PathBuf) {
        if let Some(place) = self.files.get_mut(slot) {
            *place = Some(path);
            self.wants_listing = true;
            // What was wrong was about the files as they were.
            self.error = None;
        }
    }
}
