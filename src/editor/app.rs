//! The editor window: menus, palette, canvas, inspector, findings and status bar, and the
//! one place where commands are carried out.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText};

use super::canvas::{self, CanvasState, PendingLink};
use super::command::{Command, Menu};
use super::document::Document;
use super::edits::{self, Alignment};
use super::files::{ExportDialog, Files, Replace};
use super::recovery::RecoveryStore;
use super::selection::Selection;
use super::templates::TEMPLATES;
use super::{inspector, paint, panels};
use crate::geom;
use crate::layout::node_rect;
use crate::model::file::to_canonical_string;
use crate::model::{LinkKind, Model, NodeKind, Point};

/// How the model is shown (not part of the model). All off by default: light theme, no
/// grid, no key on the canvas.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub grid: bool,
    /// The key and title block on the canvas, as in exports.
    pub legend: bool,
    pub dark: bool,
}

/// The find bar's state.
#[derive(Default)]
pub struct FindState {
    pub open: bool,
    pub query: String,
    pub current: usize,
    pub(crate) focus: bool,
}

/// The whole editor.
pub struct Editor {
    pub doc: Option<Document>,
    pub selection: Selection,
    pub view: View,
    pub find: FindState,
    /// Which severities the findings panel shows: errors, warnings, infos.
    pub findings_filter: [bool; 3],
    /// The last thing the editor has to say, shown in the status bar.
    pub status: String,
    /// A message that needs the user's attention (a file that could not be read).
    pub alert: Option<String>,
    /// Recent files, dialogs, recovery.
    pub files: Files,
    /// File → Import from ODS…, while open.
    pub import: Option<super::import::ImportDialog>,
    pub(crate) canvas: CanvasState,
    pub(crate) pending_link: Option<PendingLink>,
    pub(crate) palette_drag: Option<NodeKind>,
    /// Put the keyboard in the inspector's name field on the next frame.
    pub(crate) focus_name: bool,
    title_shown: String,
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
        let mut editor = Editor {
            doc: None,
            selection: Selection::default(),
            view: View::default(),
            find: FindState::default(),
            findings_filter: [true; 3],
            status: String::new(),
            alert: None,
            files: Files::new(recovery),
            import: None,
            canvas: CanvasState::default(),
            pending_link: None,
            palette_drag: None,
            focus_name: false,
            title_shown: String::new(),
        };
        if let Some(storage) = storage {
            editor.files.recent = eframe::get_value(storage, "recent").unwrap_or_default();
            editor.files.recent.retain(|p: &PathBuf| p.exists());
            if let Some(view) = eframe::get_value::<(bool, bool, bool)>(storage, "view") {
                (editor.view.grid, editor.view.legend, editor.view.dark) = view;
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
                self.status = format!("Opened {}", path.display());
            }
            Err(e) => self.alert = Some(e.to_string()),
        }
    }

    /// Replaces the open document (the caller has dealt with unsaved changes).
    pub fn set_document(&mut self, doc: Document) {
        self.doc = Some(doc);
        self.selection.clear();
        self.pending_link = None;
        self.canvas.invalidate();
        self.canvas.fit_next_frame = true;
    }

    pub fn model(&self) -> Option<&Model> {
        self.doc.as_ref().map(Document::model)
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
            Command::AutoLayoutSelection => selected_nodes > 1,
            Command::AlignLeft
            | Command::AlignCentre
            | Command::AlignRight
            | Command::AlignTop
            | Command::AlignMiddle
            | Command::AlignBottom => selected_nodes > 1,
            Command::DistributeHorizontally | Command::DistributeVertically => selected_nodes > 2,
            Command::ToggleTheme | Command::ToggleGrid | Command::ToggleLegend => true,
            _ => has_doc,
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
                let previous = self.files.export.clone().unwrap_or_default();
                self.files.export = Some(ExportDialog { format, ..previous });
            }
            Command::CopyImage => self.copy_image(ctx),
            Command::ImportOds => {
                if self.import.is_none() {
                    self.import = Some(super::import::ImportDialog::default());
                }
            }
            Command::Undo => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.undo();
                    self.selection.retain_existing(doc.model());
                }
            }
            Command::Redo => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.redo();
                    self.selection.retain_existing(doc.model());
                }
            }
            Command::Copy => self.copy(ctx),
            Command::Cut => {
                self.copy(ctx);
                self.delete_selection("Cut");
            }
            Command::Paste => {}
            Command::Duplicate => self.duplicate(),
            Command::Delete => self.delete_selection("Delete"),
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
            Command::Find => {
                self.find.open = true;
                self.find.focus = true;
            }
            Command::Fit => self.canvas.fit_next_frame = true,
            Command::ZoomIn => canvas::zoom(self, 1.25),
            Command::ZoomOut => canvas::zoom(self, 0.8),
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
            Command::AutoLayoutAll => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.edit("Auto-layout", crate::layout::auto_layout);
                    self.canvas.fit_next_frame = true;
                }
            }
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
        }
    }

    pub(crate) fn new_blank(&mut self) {
        let mut model = Model::new("Untitled operating model");
        model.settings.show_tiers = None;
        self.set_document(Document::new(model, None));
        self.status = "New model: add bodies from the palette on the left".into();
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
        let count = part.nodes.len();
        ctx.copy_text(to_canonical_string(&part));
        self.status = format!("Copied {count} bodies");
    }

    fn duplicate(&mut self) {
        let Some(doc) = self.doc.as_mut() else { return };
        let part = edits::fragment(doc.model(), &self.selection.nodes);
        let added = doc.edit("Duplicate", |m| {
            edits::paste(m, &part, Point::new(30.0, 30.0))
        });
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
                let added = doc.edit("Paste", |m| edits::paste(m, &part, Point::new(30.0, 30.0)));
                self.status = format!("Pasted {} bodies", added.len());
                self.selection = Selection {
                    nodes: added.into_iter().collect(),
                    links: Default::default(),
                };
            }
            Ok(_) => {
                self.status =
                    "Nothing to paste: the model text on the clipboard has no bodies".into()
            }
            Err(e) => {
                self.status = format!(
                    "The clipboard does not hold an icsmap model ({})",
                    e.problem
                )
            }
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

    /// Selects the bodies of a finding and brings them into view.
    pub fn show_bodies(&mut self, ids: &[String], links: &[usize]) {
        let Some(model) = self.model() else { return };
        let rects: Vec<geom::Rect> = ids
            .iter()
            .filter_map(|id| model.node(id))
            .map(node_rect)
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

    /// Keys and clipboard events that are not for a text field.
    fn handle_input(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        // egui matches Ctrl+Z on Ctrl+Shift+Z too, so the shortcuts with more modifiers are
        // tried first and consume their keys.
        let mut shortcuts: Vec<(egui::KeyboardShortcut, Command)> = Command::ALL
            .into_iter()
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
                self.run_or_paste(ctx, command);
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

    fn run_or_paste(&mut self, ctx: &egui::Context, command: Command) {
        if command == Command::Paste {
            // Ctrl+V as a key (no clipboard text came with it): nothing to paste here; the
            // text arrives as a Paste event on platforms that have a clipboard.
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
        self.file_events(&ctx);
        self.handle_input(&ctx);
        self.update_title(&ctx);

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| panels::status_bar(self, ui));
        if self.doc.is_none() {
            egui::CentralPanel::default().show(ui, |ui| self.welcome(ui));
            self.file_dialogs(&ctx);
            self.alert_ui(&ctx);
            return;
        }
        egui::Panel::left("palette")
            .resizable(true)
            .default_size(200.0)
            .show(ui, |ui| panels::palette(self, ui));
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                inspector::inspector(self, ui);
            });
        if self.find.open {
            egui::Panel::top("find-bar").show(ui, |ui| panels::find_bar(self, ui));
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| canvas::canvas_ui(self, ui));
        panels::link_kind_menu(self, &ctx);
        self.file_dialogs(&ctx);
        self.alert_ui(&ctx);
        if self.palette_drag.is_some() && !ctx.input(|i| i.pointer.any_down()) {
            self.palette_drag = None;
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.title(), |ui| {
                    if menu == Menu::File {
                        ui.menu_button("New from template", |ui| {
                            for (i, template) in TEMPLATES.iter().enumerate() {
                                if ui
                                    .button(template.name)
                                    .on_hover_text(template.description)
                                    .clicked()
                                {
                                    self.request(&ctx, Replace::Template(i));
                                    ui.close();
                                }
                            }
                        });
                        self.recent_menu(ui);
                    }
                    for command in Command::ALL.into_iter().filter(|c| c.menu() == menu) {
                        if command.starts_group() {
                            ui.separator();
                        }
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
                            Command::ToggleTiers => {
                                Some(self.model().is_some_and(|m| m.settings.show_tiers()))
                            }
                            _ => None,
                        };
                        let button = egui::Button::new(text)
                            .shortcut_text(command.shortcut_text(&ctx))
                            .selected(checked == Some(true));
                        let response = ui
                            .add_enabled(self.can_run(command), button)
                            .on_hover_text(command.tooltip());
                        if response.clicked() {
                            self.run(&ctx, command);
                            ui.close();
                        }
                    }
                });
            }
        });
    }

    pub fn open_template(&mut self, text: &str, name: &str) {
        match crate::open_str(text, Path::new(name)) {
            Ok(model) => {
                self.set_document(Document::new(model, None));
                self.status = format!("New model from the template {name}");
            }
            Err(e) => self.alert = Some(e.to_string()),
        }
    }

    fn welcome(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(RichText::new("icsmap").size(32.0).strong());
            ui.label("Draw your Integrated Care System's operating model, have it checked, and put it in a board paper.");
            ui.add_space(24.0);
            if ui
                .add(egui::Button::new(RichText::new("New blank model").size(16.0)).min_size(egui::vec2(260.0, 36.0)))
                .on_hover_text(Command::New.tooltip())
                .clicked()
            {
                self.new_blank();
            }
            ui.add_space(16.0);
            ui.label(RichText::new("Or start from an example").strong());
            let ctx = ui.ctx().clone();
            for (i, template) in TEMPLATES.iter().enumerate() {
                if ui
                    .add(egui::Button::new(template.name).min_size(egui::vec2(260.0, 28.0)))
                    .on_hover_text(template.description)
                    .clicked()
                {
                    self.request(&ctx, Replace::Template(i));
                }
            }
            ui.add_space(16.0);
            if ui
                .add(egui::Button::new("Import from ODS…").min_size(egui::vec2(260.0, 28.0)))
                .on_hover_text(Command::ImportOds.tooltip())
                .clicked()
            {
                self.run(&ctx, Command::ImportOds);
            }
            if ui
                .add(egui::Button::new("Open…").min_size(egui::vec2(260.0, 28.0)))
                .on_hover_text(Command::Open.tooltip())
                .clicked()
            {
                self.request(&ctx, Replace::Open);
            }
            if !self.files.recent.is_empty() {
                ui.add_space(16.0);
                ui.label(RichText::new("Recent").strong());
                for path in self.files.recent.clone() {
                    let name = path
                        .file_name()
                        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    if ui
                        .add(egui::Button::new(name).min_size(egui::vec2(260.0, 24.0)))
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        self.request(&ctx, Replace::OpenPath(path));
                    }
                }
            }
            ui.add_space(12.0);
            ui.label(RichText::new("Or drop a model file on this window").weak());
        });
    }

    fn alert_ui(&mut self, ctx: &egui::Context) {
        let Some(message) = self.alert.clone() else {
            return;
        };
        let save_refused = self.files.save_refused;
        let modal = egui::Modal::new(egui::Id::unique("alert")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(if save_refused {
                "The model could not be saved"
            } else {
                "The file could not be opened"
            });
            ui.add_space(6.0);
            ui.label(message);
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                // A refused save keeps the changes; saving them elsewhere is the way on.
                let save_as = save_refused && ui.button("Save As…").clicked();
                (ui.button("OK").clicked(), save_as)
            })
            .inner
        });
        let (ok, save_as) = modal.inner;
        if ok || save_as || modal.should_close() {
            self.alert = None;
            self.files.save_refused = false;
        }
        if save_as {
            self.pick_file(ctx, super::files::DialogFor::SaveAs);
        }
    }
}

impl eframe::App for Editor {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, "recent", &self.files.recent);
        eframe::set_value(
            storage,
            "view",
            &(self.view.grid, self.view.legend, self.view.dark),
        );
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Leaving with unsaved changes (after "Don't save" the copy is already gone): keep a
        // last recovery copy rather than lose them.
        self.autosave_now();
    }
}
