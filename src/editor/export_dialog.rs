//! File → Export: the export dialog's choices (format, size, background, key, title, only
//! the selection) and its window.

use egui::RichText;

use crate::export::{ExportOptions, Format};

/// The export dialog's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    /// PNG or SVG.
    pub format: Format,
    /// Size the picture by resolution (dpi) rather than by scale.
    pub use_dpi: bool,
    /// Dots per inch, when sized by resolution.
    pub dpi: f32,
    /// Scale against the model's points, when sized by scale.
    pub scale: f32,
    /// A transparent background (PNG) instead of white.
    pub transparent: bool,
    /// Draw the key.
    pub legend: bool,
    /// Draw the title block.
    pub title: bool,
    /// Only the selected bodies.
    pub selection_only: bool,
}

impl Default for ExportDialog {
    fn default() -> ExportDialog {
        ExportDialog {
            format: Format::Png,
            use_dpi: false,
            dpi: 300.0,
            scale: 2.0,
            transparent: false,
            legend: true,
            title: true,
            selection_only: false,
        }
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
    /// The exporter's options for these choices; `selection` holds the selected bodies'
    /// positions in the model.
    pub fn options(&self, selection: Option<Vec<usize>>) -> ExportOptions {
        ExportOptions {
            scale: if self.use_dpi {
                ExportOptions::scale_for_dpi(self.dpi)
            } else {
                self.scale
            },
            transparent: self.transparent,
            legend: self.legend,
            title: self.title,
            tiers: None,
            only: if self.selection_only { selection } else { None },
        }
    }

    /// Draws the dialog; `has_selection` enables "Only the selected bodies".
    pub fn ui(&mut self, ctx: &egui::Context, has_selection: bool) -> ExportAnswer {
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
                });
                if self.format == Format::Png {
                    ui.horizontal(|ui| {
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
                        ui.add_enabled(
                            self.use_dpi,
                            egui::DragValue::new(&mut self.dpi)
                                .range(72.0..=1200.0)
                                .speed(1.0)
                                .suffix(" dpi"),
                        );
                    });
                    ui.label(
                        RichText::new("300 dpi for print; 2× (192 dpi) for the screen").weak(),
                    );
                    ui.checkbox(&mut self.transparent, "Transparent background");
                }
                ui.checkbox(&mut self.legend, "Key (legend)");
                ui.checkbox(&mut self.title, "Title block");
                ui.add_enabled(
                    has_selection,
                    egui::Checkbox::new(&mut self.selection_only, "Only the selected bodies"),
                );
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
}
