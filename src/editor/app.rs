//! The editor window: it wires the panels together (menu bar, palette, canvas, inspector,
//! findings, find bar, status bar, dialogs) and is the one place where commands are carried
//! out. Each panel keeps its own state and draws itself with its own `ui`; what the user asks
//! of a panel comes back here as an [`Action`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};

use super::alert::Alert;
use super::canvas::{self, CanvasState, PendingLink};
use super::command::{Command, Target};
use super::decisions_panel::DecisionsPanel;
use super::document::Document;
use super::edits::{self, Alignment};
use super::export_dialog::ExportDialog;
use super::files::{Files, Replace};
use super::find::FindBar;
use super::findings::FindingsPanel;
use super::import::ImportDialog;
use super::inspector::Inspector;
use super::menus::{self, Look};
use super::palette::{Palette, PaletteAction};
use super::recovery::RecoveryStore;
use super::selection::Selection;
use super::status::{StatusBar, count};
use super::worker::{Outcome, Worker};
use super::{paint, panels, welcome};
use crate::geom;
use crate::layout::node_rect;
use crate::model::file::to_canonical_string;
use crate::model::{LinkKind, Model, NodeKind};

/// How much Ctrl+scroll zooms per point scrolled (a wheel notch is about 40 points).
const ZOOM_PER_SCROLL_POINT: f32 = 1.0 / 400.0;

/// How the model is shown (not part of the model): theme, grid, key, and which side panels
/// are open. Remembered between sessions.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct View {
    /// A grid on the canvas, which moved bodies snap to.
    pub grid: bool,
    /// The key and title block on the canvas, as in exports.
    pub legend: bool,
    /// The dark theme.
    pub dark: bool,
    /// The palette on the left.
    pub palette: bool,
    /// The inspector and findings on the right.
    pub inspector: bool,
    /// The Decisions panel.
    pub decisions: bool,
    /// The decision map on the canvas: each body's decisions and their list.
    pub decision_map: bool,
}

impl Default for View {
    /// Light theme, no grid, no key on the canvas, both side panels open.
    fn default() -> View {
        View {
            grid: false,
            legend: false,
            dark: false,
            palette: true,
            inspector: true,
            decisions: false,
            decision_map: false,
        }
    }
}

/// Something a panel asks the editor to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Carry out a command.
    Run(Command),
    /// Replace the open model (asking to save changes first).
    Request(Replace),
    /// Add a body of this kind where it fits in view.
    AddBody(NodeKind),
    /// A body of this kind is being dragged from the palette.
    DragBody(NodeKind),
    /// Select these bodies and links and bring them into view.
    Show(Vec<String>, Vec<usize>),
    /// Select this body and zoom to it (a match of Find).
    GoTo(String),
    /// Choose this decision in the Decisions panel and light its route.
    ShowDecision(String),
}

/// The whole editor: the open document, what is selected and how it is viewed, shared by
/// the panels; and each panel's own state.
pub struct Editor {
    /// The open model with its file, undo history and findings; `None` on the welcome
    /// screen.
    pub doc: Option<Document>,
    /// What is selected.
    pub selection: Selection,
    /// How the model is shown.
    pub view: View,
    /// The find bar.
    pub find: FindBar,
    /// The findings panel.
    pub findings: FindingsPanel,
    /// The palette of bodies.
    pub palette: Palette,
    /// The inspector of the selection.
    pub inspector: Inspector,
    /// The status bar and its message.
    pub status_bar: StatusBar,
    /// A message that needs the user's attention (a file that could not be opened, say).
    pub alert: Option<Alert>,
    /// Recent files, file dialogs, the save prompt, recovery, the export dialog.
    pub files: Files,
    /// File → Import from ODS…, while open.
    pub import: Option<ImportDialog>,
    /// The Decisions panel.
    pub decisions: DecisionsPanel,
    pub(crate) canvas: CanvasState,
    pub(crate) pending_link: Option<PendingLink>,
    pub(crate) palette_drag: Option<NodeKind>,
    /// Put the keyboard in the inspector's name field on the next frame.
    pub(crate) focus_name: bool,
    /// The right-click menu open on the canvas, and what it was opened on.
    pub(crate) context: Option<(Target, egui::Pos2)>,
    title_shown: String,
    /// Works out auto-layout on a second thread, for the model revision it was asked at
    /// (`None`: on the UI thread, at once).
    layout_worker: Option<Worker<u64, Model>>,
    /// A layout the worker finished during a gesture, taken when the gesture is over.
    layout_held: Option<Outcome<u64, Model>>,
}

impl Editor {
    /// A new editor; with `file`, opened on it (a file that cannot be read is reported and
    /// the welcome screen shown). It keeps no recovery copies and remembers nothing: the
    /// window made by `run` uses `new_with`.
    pub fn new(ctx: &egui::Context, file: Option<PathBuf>) -> Editor {
        Editor::new_with(ctx, file, None, None)
    }

    /// A new editor with the settings kept by eframe (recent files, view) and a place for
    /// recovery copies (which it checks for work to offer back).
    pub fn new_with(
        ctx: &egui::Context,
        file: Option<PathBuf>,
        storage: Option<&dyn eframe::Storage>,
        recovery: Option<RecoveryStore>,
    ) -> Editor {
        paint::install_fonts(ctx);
        // The canvas is print-style by default; the panels match it.
        ctx.set_theme(egui::Theme::Light);
        ctx.options_mut(|o| {
            // About 10% a wheel notch (egui's default is about 22%): zooming reads as a
            // glide rather than a jump.
            o.input_options.scroll_zoom_speed = ZOOM_PER_SCROLL_POINT;
            // Ctrl+Plus, Ctrl+Minus and Ctrl+0 zoom the diagram (the View menu). egui's own
            // interface zoom takes the same keys whenever the editor leaves them, as it does
            // while a dialog is up, and would then scale every panel and menu.
            o.zoom_with_keyboard = false;
        });
        ctx.all_styles_mut(|style| {
            // A wider grip on the side panels' edges, easy to find with the mouse.
            style.interaction.resize_grab_radius_side = 8.0;
        });
        let mut editor = Editor {
            doc: None,
            selection: Selection::default(),
            view: View::default(),
            find: FindBar::default(),
            findings: FindingsPanel::default(),
            palette: Palette,
            inspector: Inspector,
            status_bar: StatusBar::default(),
            alert: None,
            files: Files::new(recovery),
            import: None,
            decisions: DecisionsPanel::default(),
            canvas: CanvasState::default(),
            pending_link: None,
            palette_drag: None,
            focus_name: false,
            context: None,
            title_shown: String::new(),
            layout_worker: None,
            layout_held: None,
        };
        if let Some(storage) = storage {
            editor.files.recent = eframe::get_value(storage, "recent").unwrap_or_default();
            editor.files.recent.retain(|p: &PathBuf| p.exists());
            editor.files.logo = eframe::get_value::<Option<PathBuf>>(storage, "export-logo")
                .flatten()
                .filter(|p| p.exists());
            if let Some(view) = eframe::get_value::<View>(storage, "view") {
                editor.view = view;
                if editor.view.dark {
                    ctx.set_theme(egui::Theme::Dark);
                }
            }
        }
        if let Some(path) = file {
            editor.open_path(&path);
        }
        editor
    }

    /// Opens a model file, or says why it cannot be opened and keeps what was open.
    pub fn open_path(&mut self, path: &Path) {
        match crate::open(path) {
            Ok(model) => {
                self.set_document(Document::new(model, Some(path.to_path_buf())));
                self.remember_recent(path);
                self.status_bar.say(format!("Opened {}", path.display()));
            }
            Err(e) => self.alert = Some(Alert::open(super::alert::load_message(&e))),
        }
    }

    /// Replaces the open document (the caller has dealt with unsaved changes).
    pub fn set_document(&mut self, doc: Document) {
        // Whatever was open is left behind (saved, or its changes thrown away after the
        // save prompt): its recovery copy must not be offered back at the next start.
        self.drop_recovery();
        self.doc = Some(doc);
        self.selection.clear();
        self.pending_link = None;
        self.context = None;
        self.canvas.invalidate();
        self.canvas.fit_next_frame = true;
        if let Some(worker) = self.layout_worker.as_mut() {
            worker.forget();
        }
        self.layout_held = None;
    }

    /// Arrange → Auto-layout: at once, or (with a worker) on a second thread, the model
    /// kept as it is until the layout is worked out (up to about a second: the layout
    /// routes its candidates' lines to choose among them).
    fn auto_layout_all(&mut self) {
        let Some(doc) = self.doc.as_mut() else {
            return;
        };
        let Some(worker) = self.layout_worker.as_mut() else {
            doc.edit("Auto-layout", crate::layout::auto_layout);
            self.canvas.fit_next_frame = true;
            return;
        };
        if worker.busy() {
            self.status_bar.say("Auto-layout is already under way");
            return;
        }
        let mut model = doc.model().clone();
        let job = move || {
            crate::layout::auto_layout(&mut model);
            model
        };
        match worker.start(doc.revision(), job) {
            Ok(()) => self.status_bar.say("Laying out…"),
            Err(job) => {
                let revision = doc.revision();
                self.put_in_layout(Outcome::Done(revision, job()));
            }
        }
    }

    /// The worker's layout, once it is done: taken as one undoable edit when the model is
    /// still the one it was worked out for, dropped (and the user told) when it changed
    /// meanwhile, since positions worked out for another model would undo the change.
    fn put_in_layout(&mut self, outcome: Outcome<u64, Model>) {
        let outcome = match outcome {
            Outcome::Waiting => match self.layout_held.take() {
                Some(held) => held,
                None => return,
            },
            outcome => outcome,
        };
        let Some(doc) = self.doc.as_mut() else {
            return;
        };
        // A layout that lands in the middle of a gesture (a drag held, a field being typed
        // in) would become part of it, and undoing the gesture would undo the layout too: it
        // is held until the gesture is over, and checked against the model then.
        if doc.in_gesture() {
            self.layout_held = Some(outcome);
            return;
        }
        match outcome {
            Outcome::Waiting => {}
            Outcome::Done(revision, laid_out) if revision == doc.revision() => {
                doc.edit("Auto-layout", |m| *m = laid_out);
                self.canvas.fit_next_frame = true;
                self.status_bar.say("Laid out");
            }
            Outcome::Done(..) => self.status_bar.say(
                "Auto-layout not applied: the model changed while it was worked out. \
                 Choose Auto-layout in the Arrange menu again.",
            ),
            Outcome::Lost(_) => self
                .status_bar
                .say("Auto-layout failed (an error in icsmap): the model is unchanged"),
        }
    }

    /// From now on auto-layout and the lines' careful routing run on second threads, so
    /// that no frame waits for them (the window made by `run`). Without this they run on
    /// the UI thread, at once, as the tests drive the editor.
    pub fn with_work_apart(mut self, ctx: &egui::Context) -> Editor {
        self.layout_worker = Some(Worker::new(ctx.clone()));
        self.canvas.route_apart(ctx);
        self
    }

    /// Waits for the work under way on second threads and takes its results (tests).
    pub fn wait_for_work(&mut self) {
        if let Some(worker) = self.layout_worker.as_mut() {
            let outcome = worker.wait();
            self.put_in_layout(outcome);
        }
        self.canvas.wait_for_careful_lines();
    }

    /// The open model, if any.
    pub fn model(&self) -> Option<&Model> {
        self.doc.as_ref().map(Document::model)
    }

    /// The status bar's message now ("" when there is none).
    pub fn status(&self) -> &str {
        self.status_bar.text()
    }

    /// Whether a command can run now (greys out menu entries).
    pub fn can_run(&self, command: Command) -> bool {
        let has_doc = self.doc.is_some();
        let has_selection = !self.selection.is_empty();
        let selected_nodes = self.selection.nodes.len();
        match command {
            Command::New | Command::Quit | Command::Open | Command::ImportOds => true,
            Command::Undo => self.doc.as_ref().is_some_and(Document::can_undo),
            Command::Redo => self.doc.as_ref().is_some_and(Document::can_redo),
            Command::Cut | Command::Copy | Command::Duplicate => selected_nodes > 0,
            Command::Delete | Command::SelectNone => has_selection,
            Command::ReverseLink => self.selection.single_link().is_some() && selected_nodes == 0,
            Command::AutoLayoutSelection => selected_nodes > 1,
            Command::AlignLeft
            | Command::AlignCentre
            | Command::AlignRight
            | Command::AlignTop
            | Command::AlignMiddle
            | Command::AlignBottom => selected_nodes > 1,
            Command::DistributeHorizontally | Command::DistributeVertically => selected_nodes > 2,
            Command::GroupSelection => selected_nodes > 1,
            Command::Ungroup => self.selected_any(|m| {
                let mut ids = groups(m);
                ids.extend(
                    m.nodes
                        .iter()
                        .filter(|n| n.within.is_some())
                        .map(|n| n.id.as_str()),
                );
                ids
            }),
            Command::ToggleFold => self.selected_any(groups),
            Command::GroupMembers => self.selected_any(|m| {
                m.links
                    .iter()
                    .filter(|l| l.kind == LinkKind::Membership)
                    .map(|l| l.to.as_str())
                    .collect()
            }),
            Command::ToggleTheme | Command::ToggleGrid | Command::ToggleLegend => true,
            Command::AddDecision => self.model().is_some_and(|m| !m.nodes.is_empty()),
            Command::DeleteDecision => has_doc && self.decisions.selected.is_some(),
            _ => has_doc,
        }
    }

    /// Whether any selected body is among the `ids` of the model (so that a group command is
    /// offered, in the menus and on a right-click, only where it would do something). The ids
    /// are gathered once: with every body of a big model selected, a search per body would
    /// be felt while a menu is open.
    fn selected_any<'m>(&'m self, ids: impl Fn(&'m Model) -> HashSet<&'m str>) -> bool {
        self.model().is_some_and(|m| {
            let ids = ids(m);
            self.selection
                .nodes
                .iter()
                .any(|id| ids.contains(id.as_str()))
        })
    }

    /// How a command shows in menus now: enabled, ticked, its words.
    pub fn look(&self, command: Command) -> Look {
        let text = match (command, &self.doc) {
            (Command::Undo, Some(d)) => d
                .undo_label()
                .map_or("Undo".to_string(), |l| format!("Undo {l}")),
            (Command::Redo, Some(d)) => d
                .redo_label()
                .map_or("Redo".to_string(), |l| format!("Redo {l}")),
            _ => command.text().to_string(),
        };
        let checked = match command {
            Command::ToggleGrid => Some(self.view.grid),
            Command::ToggleLegend => Some(self.view.legend),
            Command::ToggleTheme => Some(self.view.dark),
            Command::TogglePalette => Some(self.view.palette),
            Command::ToggleInspector => Some(self.view.inspector),
            Command::ToggleDecisions => Some(self.view.decisions),
            Command::ToggleDecisionMap => Some(self.view.decision_map),
            Command::ToggleTiers => Some(self.model().is_some_and(|m| m.settings.show_tiers())),
            _ => None,
        };
        Look {
            enabled: self.can_run(command),
            checked,
            text,
        }
    }

    /// Carries out what a panel asked for.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(command) => self.run(ctx, command),
            Action::Request(replace) => self.request(ctx, replace),
            Action::AddBody(kind) => self.add_body_in_view(kind),
            Action::DragBody(kind) => self.palette_drag = Some(kind),
            Action::Show(nodes, links) => self.show_bodies(&nodes, &links),
            Action::GoTo(id) => self.go_to(&id),
            Action::ShowDecision(id) => self.show_decision(&id),
        }
    }

    /// Carries out a command.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        if !self.can_run(command) {
            return;
        }
        match command {
            Command::New => self.request(ctx, Replace::New),
            Command::Open => self.request(ctx, Replace::Open),
            Command::Close => self.request(ctx, Replace::Close),
            Command::Quit => self.request(ctx, Replace::Quit),
            Command::Save => {
                self.save(ctx);
            }
            Command::SaveAs => self.save_as_dialog(ctx),
            Command::ExportPng | Command::ExportSvg => {
                let format = if command == Command::ExportPng {
                    crate::export::Format::Png
                } else {
                    crate::export::Format::Svg
                };
                let mut dialog = self
                    .files
                    .export
                    .clone()
                    .or_else(|| self.files.last_export.clone())
                    .unwrap_or_else(|| ExportDialog::with_logo(self.files.logo.clone()));
                dialog.format = format;
                dialog.decision_map = self.view.decision_map;
                self.files.export = Some(dialog);
            }
            Command::CopyImage => self.copy_image(ctx),
            Command::ImportOds => {
                if self.import.is_none() {
                    self.import = Some(ImportDialog::default());
                }
            }
            Command::Undo => {
                if let Some(doc) = self.doc.as_mut() {
                    // The selection follows its bodies and links, wherever they now are.
                    let keys = self.selection.keys(doc);
                    doc.undo();
                    self.selection = Selection::from_keys(doc, &keys);
                }
            }
            Command::Redo => {
                if let Some(doc) = self.doc.as_mut() {
                    // The selection follows its bodies and links, wherever they now are.
                    let keys = self.selection.keys(doc);
                    doc.redo();
                    self.selection = Selection::from_keys(doc, &keys);
                }
            }
            Command::Copy => self.copy(ctx),
            Command::Cut => {
                self.copy(ctx);
                self.delete_selection("Cut");
            }
            // The clipboard's text arrives as a paste event on the next frame (see
            // `handle_input`); a menu click has to ask the windowing layer for it.
            Command::Paste => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Command::Duplicate => self.duplicate(),
            Command::Delete => self.delete_selection("Delete"),
            Command::ReverseLink => {
                if let (Some(doc), Some(l)) = (self.doc.as_mut(), self.selection.single_link()) {
                    doc.edit("Reverse link", |m| edits::reverse_link(m, l));
                }
            }
            Command::SelectAll => {
                if let Some(m) = self.model() {
                    self.selection = Selection::all(m);
                }
            }
            Command::SelectNone => {
                self.selection.clear();
                self.pending_link = None;
                self.find.open = false;
            }
            Command::Find => self.find.open(),
            Command::Fit => self.canvas.fit_next_frame = true,
            Command::ZoomIn => canvas::zoom(self, 1.25),
            Command::ZoomOut => canvas::zoom(self, 0.8),
            Command::TogglePalette => self.view.palette = !self.view.palette,
            Command::ToggleInspector => self.view.inspector = !self.view.inspector,
            Command::ToggleDecisions => self.view.decisions = !self.view.decisions,
            Command::ToggleDecisionMap => self.view.decision_map = !self.view.decision_map,
            Command::AddDecision => self.add_decision(),
            Command::DeleteDecision => self.delete_decision(),
            Command::ToggleGrid => self.view.grid = !self.view.grid,
            Command::ToggleLegend => self.view.legend = !self.view.legend,
            Command::ToggleTheme => {
                self.view.dark = !self.view.dark;
                ctx.set_theme(if self.view.dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            Command::ToggleTiers => {
                if let Some(doc) = self.doc.as_mut() {
                    let show = !doc.model().settings.show_tiers();
                    doc.edit(
                        if show {
                            "Show tier bands"
                        } else {
                            "Hide tier bands"
                        },
                        |m| {
                            m.settings.show_tiers = Some(show);
                        },
                    );
                }
            }
            Command::AutoLayoutAll => self.auto_layout_all(),
            Command::AutoLayoutSelection => {
                if let Some(doc) = self.doc.as_mut() {
                    let nodes = self.selection.node_positions(doc.model());
                    doc.edit("Auto-layout selection", |m| {
                        crate::layout::auto_layout_some(m, &nodes)
                    });
                }
            }
            Command::AlignLeft => self.align(Alignment::Left),
            Command::AlignCentre => self.align(Alignment::Centre),
            Command::AlignRight => self.align(Alignment::Right),
            Command::AlignTop => self.align(Alignment::Top),
            Command::AlignMiddle => self.align(Alignment::Middle),
            Command::AlignBottom => self.align(Alignment::Bottom),
            Command::DistributeHorizontally => self.distribute(true),
            Command::DistributeVertically => self.distribute(false),
            Command::GroupSelection
            | Command::Ungroup
            | Command::GroupMembers
            | Command::ToggleFold
            | Command::FoldAll
            | Command::UnfoldAll
            | Command::ResetLines => self.run_group_command(command),
        }
    }

    /// A body of `kind` from the palette: on its tier's row, near the middle of the view,
    /// covering no other body.
    fn add_body_in_view(&mut self, kind: NodeKind) {
        canvas::add_body_in_view(self, kind);
    }

    /// Starts a blank model (the caller has dealt with unsaved changes).
    pub(crate) fn new_blank(&mut self) {
        let mut model = Model::new("Untitled operating model");
        model.settings.show_tiers = None;
        self.set_document(Document::new(model, None));
        self.status_bar
            .say("New model: add bodies from the palette on the left");
    }

    fn align(&mut self, how: Alignment) {
        if let Some(doc) = self.doc.as_mut() {
            doc.edit("Align", |m| edits::align(m, &self.selection.nodes, how));
        }
    }

    fn distribute(&mut self, across: bool) {
        if let Some(doc) = self.doc.as_mut() {
            doc.edit("Distribute", |m| {
                edits::distribute(m, &self.selection.nodes, across)
            });
        }
    }

    /// Removes the selection (bodies with their links) as one undo step called `label`.
    fn delete_selection(&mut self, label: &str) {
        let Some(doc) = self.doc.as_mut() else { return };
        let (nodes, links) = (self.selection.nodes.clone(), self.selection.links.clone());
        doc.edit(label, |m| edits::delete(m, &nodes, &links));
        self.selection.clear();
    }

    /// Puts the selected bodies, and the links among them, on the clipboard as model text.
    fn copy(&mut self, ctx: &egui::Context) {
        let Some(model) = self.model() else { return };
        let part = edits::fragment(model, &self.selection.nodes);
        let n = part.nodes.len();
        ctx.copy_text(to_canonical_string(&part));
        self.status_bar
            .say(format!("Copied {}", count(n, "body", "bodies")));
    }

    fn duplicate(&mut self) {
        let Some(doc) = self.doc.as_mut() else { return };
        let part = edits::fragment(doc.model(), &self.selection.nodes);
        let offset = edits::paste_offset(doc.model(), &part);
        let added = doc.edit("Duplicate", |m| edits::paste(m, &part, offset));
        self.selection = Selection {
            nodes: added.into_iter().collect(),
            links: Default::default(),
        };
    }

    /// Pastes model text: bodies and links land beside where they were, with fresh ids.
    pub fn paste_text(&mut self, text: &str) {
        let Some(doc) = self.doc.as_mut() else { return };
        match crate::open_str(text, Path::new("clipboard")) {
            Ok(part) if !part.nodes.is_empty() => {
                let offset = edits::paste_offset(doc.model(), &part);
                let added = doc.edit("Paste", |m| edits::paste(m, &part, offset));
                self.status_bar
                    .say(format!("Pasted {}", count(added.len(), "body", "bodies")));
                self.selection = Selection {
                    nodes: added.into_iter().collect(),
                    links: Default::default(),
                };
            }
            Ok(_) => self
                .status_bar
                .say("Nothing to paste: the model text on the clipboard has no bodies"),
            Err(e) => self.status_bar.say(format!(
                "Nothing to paste: the clipboard holds no bodies copied from icsmap ({})",
                e.problem
            )),
        }
    }

    /// Adds a link of `kind` between two bodies and selects it.
    pub fn add_link(&mut self, kind: LinkKind, from: &str, to: &str) {
        let Some(doc) = self.doc.as_mut() else { return };
        let added = doc.edit(&format!("Add link: {}", kind.display_name()), |m| {
            edits::add_link(m, kind, from, to)
        });
        if let Some(l) = added {
            self.selection = Selection::only_link(l);
        }
        self.pending_link = None;
    }

    /// Selects the bodies of a finding and brings them into view, unfolding the groups that
    /// hide any of them (one undoable step).
    pub fn show_bodies(&mut self, ids: &[String], links: &[usize]) {
        if let Some(doc) = self.doc.as_mut() {
            let hidden = {
                let model = doc.model();
                let view = crate::view::View::new(model);
                ids.iter()
                    .filter_map(|id| model.node_position(id))
                    .any(|n| !view.way_to(n).is_empty())
            };
            if hidden {
                doc.edit("Unfold to show", |m| super::groups::unfold_way_to(m, ids));
            }
        }
        let Some(model) = self.model() else { return };
        let view = crate::view::View::new(model);
        let rects: Vec<geom::Rect> = ids
            .iter()
            .filter_map(|id| model.node_position(id))
            .map(|n| view.box_of(n).unwrap_or_else(|| node_rect(&model.nodes[n])))
            .collect();
        self.selection = Selection {
            nodes: ids.iter().cloned().collect(),
            links: links
                .iter()
                .copied()
                .filter(|&l| l < model.links.len())
                .collect(),
        };
        if let Some(area) = rects.into_iter().reduce(|a, b| a.union(&b)) {
            canvas::centre_on(self, area);
        }
    }

    /// Selects the body with this id and zooms to it: at full size (100%), in the middle
    /// of the canvas, whatever the zoom was.
    pub fn go_to(&mut self, id: &str) {
        let Some(node) = self.model().and_then(|m| m.node(id)) else {
            return;
        };
        let centre = node_rect(node).center();
        self.selection = Selection::only_node(id);
        let screen = self.canvas.screen_rect;
        let size = if screen.is_positive() {
            screen.size()
        } else {
            egui::vec2(800.0, 600.0)
        };
        self.canvas.scene_rect = egui::Rect::from_center_size(egui::pos2(centre.x, centre.y), size);
    }

    /// Whether a modal question or message is up: the editor's shortcuts wait for it.
    fn modal_open(&self) -> bool {
        self.alert.is_some() || self.files.prompt.is_some() || !self.files.offers.is_empty()
    }

    /// Keys and clipboard events that are not for a text field.
    fn handle_input(&mut self, ctx: &egui::Context) {
        if self.modal_open() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        // egui matches Ctrl+Z on Ctrl+Shift+Z too, so the shortcuts with more modifiers are
        // tried first and consume their keys.
        let mut shortcuts: Vec<(egui::KeyboardShortcut, Command)> = Command::ALL
            .iter()
            .copied()
            .filter(|c| !(typing && c.is_text_editing_key()))
            .flat_map(|c| {
                c.shortcut()
                    .into_iter()
                    .chain(c.other_shortcuts().iter().copied())
                    .map(move |s| (s, c))
            })
            .collect();
        shortcuts.sort_by_key(|(s, _)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
        });
        // Escape closes an open menu or popup before it clears the selection.
        let popup_open = egui::Popup::is_any_open(ctx);
        for (shortcut, command) in shortcuts {
            if popup_open && command == Command::SelectNone {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.run_key(ctx, command);
            }
        }
        if typing {
            return;
        }
        // The windowing layer turns Ctrl+C/X/V into these events rather than keys.
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => self.run(ctx, Command::Copy),
                egui::Event::Cut => self.run(ctx, Command::Cut),
                egui::Event::Paste(text) => self.paste_text(&text),
                _ => {}
            }
        }
        // Arrow keys move the selection a point, ten with Shift (a grid step with the grid on).
        let step = if ctx.input(|i| i.modifiers.shift) {
            10.0
        } else if self.view.grid {
            canvas::GRID
        } else {
            1.0
        };
        for (key, dx, dy) in [
            (Key::ArrowLeft, -1.0, 0.0),
            (Key::ArrowRight, 1.0, 0.0),
            (Key::ArrowUp, 0.0, -1.0),
            (Key::ArrowDown, 0.0, 1.0),
        ] {
            let pressed = ctx.input_mut(|i| {
                i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key)
            });
            if pressed
                && !self.selection.nodes.is_empty()
                && let Some(doc) = self.doc.as_mut()
            {
                doc.edit("Move", |m| {
                    edits::move_nodes(m, &self.selection.nodes, dx * step, dy * step)
                });
            }
        }
    }

    /// A shortcut key: Ctrl+V as a key brings no clipboard text with it (the text arrives
    /// as a paste event on platforms that have a clipboard), so it is left to that event.
    fn run_key(&mut self, ctx: &egui::Context, command: Command) {
        if command == Command::Paste {
            return;
        }
        self.run(ctx, command);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            None => "icsmap".to_string(),
            Some(doc) => {
                let name = doc
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Untitled".to_string());
                let marker = if doc.is_dirty() { "• " } else { "" };
                format!("{marker}{name} — icsmap")
            }
        };
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
    }

    /// The window's title as last set (for tests).
    pub fn title(&self) -> &str {
        &self.title_shown
    }

    /// The whole editor, drawn into `ui` (the window's root).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(worker) = self.layout_worker.as_mut() {
            let outcome = worker.poll();
            self.put_in_layout(outcome);
        }
        self.file_events(&ctx);
        // The link-kind menu takes its keys (arrows, Enter, Esc, letters) before shortcuts.
        panels::link_menu_keys(self, &ctx);
        canvas::cancel_on_escape(self, &ctx);
        self.handle_input(&ctx);
        self.update_title(&ctx);
        let mut actions: Vec<Action> = Vec::new();

        egui::Panel::top("menu-bar").show(ui, |ui| {
            let look = |c| self.look(c);
            actions.extend(menus::menu_bar(ui, &look, &self.files.recent));
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            let zoom = self.canvas.transform.map(|t| t.scaling);
            self.status_bar.ui(
                ui,
                self.doc.as_ref(),
                self.view.dark,
                zoom.filter(|_| self.doc.is_some()),
            );
        });
        if self.doc.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                actions.extend(welcome::welcome_ui(ui, &self.files.recent));
            });
        } else {
            self.document_ui(ui, &mut actions);
        }
        for action in actions {
            self.apply(&ctx, action);
        }
        self.file_dialogs(&ctx);
        if let Some(answer) = self.alert.as_ref().and_then(|alert| alert.ui(&ctx)) {
            self.alert = None;
            if answer == super::alert::Answer::SaveAs {
                self.run(&ctx, Command::SaveAs);
            }
        }
        if self.palette_drag.is_some() && !ctx.input(|i| i.pointer.any_down()) {
            self.palette_drag = None;
        }
    }

    /// The panels around an open model, and the canvas.
    fn document_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        if self.view.palette {
            egui::Panel::left("palette")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| match self.palette.ui(ui) {
                    Some(PaletteAction::Add(kind)) => actions.push(Action::AddBody(kind)),
                    Some(PaletteAction::Drag(kind)) => actions.push(Action::DragBody(kind)),
                    None => {}
                });
        }
        let mut name_committed = None;
        if self.view.inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| {
                    let Some(doc) = self.doc.as_mut() else { return };
                    let focus_name = std::mem::take(&mut self.focus_name);
                    name_committed = self.inspector.ui(ui, doc, &mut self.selection, focus_name);
                    ui.separator();
                    if let Some((nodes, links, decisions)) =
                        self.findings.ui(ui, doc, self.view.dark)
                    {
                        actions.push(Action::Show(nodes, links));
                        if let Some(first) = decisions.into_iter().next() {
                            actions.push(Action::ShowDecision(first));
                        }
                    }
                });
        }
        if let Some(name) = name_committed {
            self.name_committed(name);
        }
        if self.view.decisions {
            egui::Panel::right("decisions")
                .resizable(true)
                .default_size(340.0)
                .show(ui, |ui| {
                    let Some(doc) = self.doc.as_mut() else { return };
                    actions.extend(self.decisions.ui(ui, doc, &self.selection, self.view.dark));
                });
        }
        if self.find.open {
            egui::Panel::top("find-bar").show(ui, |ui| {
                if let Some(id) = self.find.ui(ui, self.doc.as_ref().map(Document::model)) {
                    actions.push(Action::GoTo(id));
                }
            });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| canvas::canvas_ui(self, ui));
        self.context_menu_ui(&ctx, actions);
        self.canvas_tooltip_ui(&ctx);
        panels::link_kind_menu(self, &ctx);
    }

    /// Opens a model from template text called `name` (File → New from template).
    pub fn open_template(&mut self, text: &str, name: &str) {
        match crate::open_str(text, Path::new(name)) {
            Ok(model) => {
                self.set_document(Document::new(model, None));
                self.status_bar
                    .say(format!("New model from the template {name}"));
            }
            Err(e) => {
                self.alert = Some(Alert::new(
                    "The template could not be opened",
                    e.to_string(),
                ))
            }
        }
    }
}

impl eframe::App for Editor {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, "recent", &self.files.recent);
        eframe::set_value(storage, "export-logo", &self.files.logo);
        eframe::set_value(storage, "view", &self.view);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Leaving with unsaved changes (after "Don't save" the copy is already gone): keep a
        // last recovery copy rather than lose them.
        self.autosave_now();
    }
}

/// The bodies that hold others (groups, open or folded).
fn groups(model: &Model) -> HashSet<&str> {
    model
        .nodes
        .iter()
        .filter_map(|n| n.within.as_deref())
        .collect()
}
