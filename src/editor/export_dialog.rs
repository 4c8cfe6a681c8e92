//! File → Export: the export dialog's choices (format, page or natural size, resolution,
//! logo, background, key, title, only the selection), a small preview of the page with the
//! smallest printed text size under it, and its window. The choices are kept between
//! exports; the logo's file is remembered in the program's settings, not in the model.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};

use egui::{Color32, RichText, Stroke, StrokeKind};

use crate::export::page::{DEFAULT_MIN_TEXT_PT, Frame};
use crate::export::{self, ExportOptions, Format, Orientation, PageSpec, Paper};
use crate::logo::Logo;
use crate::model::Model;

/// The export dialog's choices.
#[derive(Clone, Debug)]
pub struct ExportDialog {
    /// PNG, SVG or PDF.
    pub format: Format,
    /// The page to fit the drawing to; `None` for its natural size.
    pub page: Option<Paper>,
    /// Which way up the page is.
    pub orientation: Orientation,
    /// Size the picture by resolution (dpi) rather than by scale (natural size only).
    pub use_dpi: bool,
    /// Dots per inch, when sized by resolution or on a page.
    pub dpi: f32,
    /// Scale against the model's points, when sized by scale.
    pub scale: f32,
    /// A transparent background instead of white.
    pub transparent: bool,
    /// Draw the key.
    pub legend: bool,
    /// Draw the title block.
    pub title: bool,
    /// Only the selected bodies.
    pub selection_only: bool,
    /// The decision map rather than the plain diagram (as View → Decision map).
    pub decision_map: bool,
    /// The logo's file, if one is used.
    pub logo_path: Option<PathBuf>,
    /// The logo, read once from `logo_path`.
    logo: Option<Arc<Logo>>,
    /// Why the logo could not be used.
    logo_error: Option<String>,
    /// A file chooser for the logo, while it is open.
    choosing: Option<Arc<Mutex<Receiver<Option<PathBuf>>>>>,
    /// The preview's figures for the choices they were made for.
    preview: Option<(PreviewKey, Preview)>,
}

/// What the preview depends on.
#[derive(Clone, Debug, PartialEq)]
struct PreviewKey {
    page: Option<Paper>,
    orientation: Orientation,
    legend: bool,
    title: bool,
    selection: Option<Vec<usize>>,
    logo: bool,
    model_bodies: usize,
}

/// Where the drawing sits on the page and how large its text prints.
#[derive(Clone, Debug)]
struct Preview {
    frame: Frame,
    drawing: crate::geom::Rect,
    smallest_pt: Option<f32>,
    advice: Option<String>,
}

impl Default for ExportDialog {
    fn default() -> ExportDialog {
        ExportDialog {
            format: Format::Png,
            page: None,
            orientation: Orientation::Auto,
            use_dpi: false,
            dpi: 300.0,
            scale: 2.0,
            transparent: false,
            legend: true,
            title: true,
            selection_only: false,
            decision_map: false,
            logo_path: None,
            logo: None,
            logo_error: None,
            choosing: None,
            preview: None,
        }
    }
}

impl PartialEq for ExportDialog {
    fn eq(&self, other: &ExportDialog) -> bool {
        self.format == other.format
            && self.page == other.page
            && self.orientation == other.orientation
            && self.use_dpi == other.use_dpi
            && self.dpi == other.dpi
            && self.scale == other.scale
            && self.transparent == other.transparent
            && self.legend == other.legend
            && self.title == other.title
            && self.selection_only == other.selection_only
            && self.logo_path == other.logo_path
    }
}

/// What the user did with the export dialog this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportAnswer {
    /// Still choosing.
    Open,
    /// Closed without exporting.
    Closed,
    /// Export… was pressed: ask where to write it.
    Export,
}

impl ExportDialog {
    /// The dialog with a remembered logo (from the program's settings).
    pub fn with_logo(logo_path: Option<PathBuf>) -> ExportDialog {
        let mut dialog = ExportDialog::default();
        if let Some(path) = logo_path {
            dialog.set_logo(Some(path));
        }
        dialog
    }

    /// Uses the logo at `path` (or none), reading it once; a bad file is shown, not used.
    pub fn set_logo(&mut self, path: Option<PathBuf>) {
        self.logo = None;
        self.logo_error = None;
        if let Some(p) = &path {
            match Logo::load(p) {
                Ok(logo) => self.logo = Some(logo),
                Err(e) => self.logo_error = Some(e.to_string()),
            }
        }
        self.logo_path = path;
        self.preview = None;
    }

    /// The exporter's options for these choices; `selection` holds the selected bodies'
    /// positions in the model.
    pub fn options(&self, selection: Option<Vec<usize>>) -> ExportOptions {
        let scale = if self.page.is_some() || self.use_dpi {
            ExportOptions::scale_for_dpi(self.dpi)
        } else {
            self.scale
        };
        ExportOptions {
            scale,
            transparent: self.transparent,
            legend: self.legend,
            title: self.title,
            tiers: None,
            only: if self.selection_only { selection } else { None },
            decision_map: self.decision_map,
            page: self.page.map(|paper| PageSpec {
                orientation: self.orientation,
                ..PageSpec::new(paper)
            }),
            logo: self.logo.clone(),
            text_as_paths: false,
            with_scheme: false,
        }
    }

    /// Draws the dialog; `selection` holds the selected bodies (enabling "Only the selected
    /// bodies"), `model` is what the preview shows.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        model: Option<&Model>,
        selection: Option<Vec<usize>>,
    ) -> ExportAnswer {
        let has_selection = selection.as_ref().is_some_and(|s| !s.is_empty());
        let picked = self
            .choosing
            .as_ref()
            .and_then(|r| r.lock().ok().and_then(|r| r.try_recv().ok()));
        if let Some(picked) = picked {
            self.choosing = None;
            if picked.is_some() {
                self.set_logo(picked);
            }
        }
        let mut open = true;
        let mut go = false;
        egui::Window::new("Export the diagram")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Format");
                    ui.radio_value(&mut self.format, Format::Png, "PNG picture")
                        .on_hover_text("A picture, for Word, PowerPoint or email");
                    ui.radio_value(&mut self.format, Format::Svg, "SVG drawing")
                        .on_hover_text("A drawing that stays sharp at any size");
                    ui.radio_value(&mut self.format, Format::Pdf, "PDF document")
                        .on_hover_text("A page for a PDF pack: searchable text, prints sharp");
                });
                ui.horizontal(|ui| {
                    ui.label("Page");
                    egui::ComboBox::from_id_salt("export-page")
                        .selected_text(self.page.map_or("Natural size", |p| p.name()))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.page, None, "Natural size");
                            for paper in Paper::ALL {
                                ui.selectable_value(&mut self.page, Some(paper), paper.name());
                            }
                        });
                    ui.add_enabled_ui(self.page.is_some(), |ui| {
                        for o in Orientation::ALL {
                            ui.radio_value(&mut self.orientation, o, o.name());
                        }
                    });
                });
                if self.format == Format::Png {
                    ui.horizontal(|ui| {
                        if self.page.is_none() {
                            ui.radio_value(&mut self.use_dpi, false, "Scale")
                                .on_hover_text("Size as a multiple of the diagram's own size");
                            ui.add_enabled(
                                !self.use_dpi,
                                egui::DragValue::new(&mut self.scale)
                                    .range(0.25..=8.0)
                                    .speed(0.05)
                                    .suffix("×"),
                            );
                            ui.radio_value(&mut self.use_dpi, true, "Resolution")
                                .on_hover_text("Size for printing, in dots per inch");
                        } else {
                            ui.label("Resolution");
                        }
                        ui.add_enabled(
                            self.use_dpi || self.page.is_some(),
                            egui::DragValue::new(&mut self.dpi)
                                .range(72.0..=1200.0)
                                .speed(1.0)
                                .suffix(" dpi"),
                        );
                    });
                    ui.label(
                        RichText::new("300 dpi for print; 2× (192 dpi) for the screen").weak(),
                    );
                }
                ui.horizontal(|ui| {
                    ui.label("Logo");
                    let name = self
                        .logo_path
                        .as_ref()
                        .and_then(|p| p.file_name())
                        .map_or("none".to_string(), |n| n.to_string_lossy().into_owned());
                    ui.label(RichText::new(name).monospace());
                    if ui
                        .add_enabled(self.choosing.is_none(), egui::Button::new("Choose…"))
                        .on_hover_text("A PNG or JPEG, placed at the right of the title block")
                        .clicked()
                    {
                        self.choose_logo(ctx);
                    }
                    if self.logo_path.is_some() && ui.button("Remove").clicked() {
                        self.set_logo(None);
                    }
                });
                if let Some(e) = &self.logo_error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                ui.checkbox(&mut self.transparent, "Transparent background");
                ui.checkbox(&mut self.legend, "Key (legend)");
                ui.checkbox(&mut self.title, "Title block");
                ui.add_enabled(
                    has_selection,
                    egui::Checkbox::new(&mut self.selection_only, "Only the selected bodies"),
                );
                if let Some(model) = model {
                    ui.add_space(6.0);
                    self.preview_ui(ui, model, selection.clone());
                }
                ui.add_space(6.0);
                if ui
                    .button("Export…")
                    .on_hover_text("Choose where to save it")
                    .clicked()
                {
                    go = true;
                }
            });
        if go {
            ExportAnswer::Export
        } else if open {
            ExportAnswer::Open
        } else {
            ExportAnswer::Closed
        }
    }

    /// Opens a file chooser for the logo on a worker thread (file dialogs block).
    fn choose_logo(&mut self, ctx: &egui::Context) {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        let start = self
            .logo_path
            .as_ref()
            .and_then(|p| p.parent())
            .map(std::path::Path::to_path_buf);
        std::thread::spawn(move || {
            let mut dialog = rfd::AsyncFileDialog::new()
                .add_filter("Logo (PNG or JPEG)", &["png", "jpg", "jpeg"])
                .set_title("Choose the organisation's logo");
            if let Some(dir) = start {
                dialog = dialog.set_directory(dir);
            }
            let picked = pollster::block_on(dialog.pick_file()).map(|h| h.path().to_path_buf());
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
        self.choosing = Some(Arc::new(Mutex::new(receiver)));
    }

    /// The page with the drawing placed on it, and the smallest printed text size.
    fn preview_ui(&mut self, ui: &mut egui::Ui, model: &Model, selection: Option<Vec<usize>>) {
        let options = self.options(selection);
        let key = PreviewKey {
            page: self.page,
            orientation: self.orientation,
            legend: self.legend,
            title: self.title,
            selection: options.only.clone(),
            logo: options.logo.is_some(),
            model_bodies: model.nodes.len(),
        };
        if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
            self.preview = export::prepare(model, &options).ok().map(|p| {
                let advice = p
                    .readability(&options, DEFAULT_MIN_TEXT_PT)
                    .map(|too_small| too_small.to_string());
                (
                    key,
                    Preview {
                        frame: p.frame,
                        drawing: p.scene.bounds,
                        smallest_pt: p.smallest_text_pt(),
                        advice,
                    },
                )
            });
        }
        let Some((_, preview)) = &self.preview else {
            return;
        };
        let frame = preview.frame;
        let longest = frame.width_pt.max(frame.height_pt).max(1.0);
        let fit = 160.0 / longest;
        let size = egui::vec2(frame.width_pt * fit, frame.height_pt * fit);
        let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 0.0, Color32::WHITE);
        painter.rect_stroke(
            rect,
            0.0,
            Stroke::new(1.0, Color32::GRAY),
            StrokeKind::Outside,
        );
        let k = frame.pt_per_unit * fit;
        let d = preview.drawing;
        let drawing = egui::Rect::from_min_max(
            rect.min
                + egui::vec2(
                    (d.min.x - frame.origin.x) * k,
                    (d.min.y - frame.origin.y) * k,
                ),
            rect.min
                + egui::vec2(
                    (d.max.x - frame.origin.x) * k,
                    (d.max.y - frame.origin.y) * k,
                ),
        );
        painter.rect_filled(drawing, 0.0, Color32::from_rgb(0xd8, 0xe6, 0xf4));
        painter.rect_stroke(
            drawing,
            0.0,
            Stroke::new(1.0, Color32::from_rgb(0x00, 0x5e, 0xb8)),
            StrokeKind::Inside,
        );
        let what = match frame.page {
            Some(_) => frame.describe(),
            None => format!(
                "natural size, {:.0} × {:.0} mm",
                frame.width_pt / 72.0 * 25.4,
                frame.height_pt / 72.0 * 25.4
            ),
        };
        match preview.smallest_pt {
            Some(pt) => ui.label(format!("{what}: smallest text {pt:.1} pt")),
            None => ui.label(what),
        };
        if let Some(advice) = &preview.advice {
            ui.label(RichText::new(advice).color(ui.visuals().warn_fg_color));
        }
    }
}
