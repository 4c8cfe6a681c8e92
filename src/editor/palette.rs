//! The palette: every kind of body, grouped by family; click one to add it in view, or drag
//! it onto the canvas.

use egui::{RichText, Sense};

use super::paint;
use crate::model::{Family, NodeKind};
use crate::scene::Style;

/// What the user did with the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaletteAction {
    /// Add a body of this kind where it fits in view.
    Add(NodeKind),
    /// Started dragging a body of this kind towards the canvas.
    Drag(NodeKind),
}

/// The palette's state (it keeps none between frames beyond egui's own).
#[derive(Default)]
pub struct Palette;

impl Palette {
    /// Draws the palette; returns what was clicked or dragged.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<PaletteAction> {
        let mut action = None;
        ui.heading("Bodies");
        ui.label(
            RichText::new("Click to add, or drag onto the canvas")
                .weak()
                .small(),
        );
        let style = Style::print();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for family in Family::ALL {
                ui.add_space(6.0);
                ui.label(RichText::new(family.display_name()).strong().small());
                for kind in family.kinds() {
                    let look = style.node(family);
                    let text = RichText::new(kind.display_name()).color(paint::color(look.text));
                    let button = egui::Button::new(text)
                        .fill(paint::color(look.fill))
                        .stroke(egui::Stroke::new(1.0, paint::color(look.border)))
                        .min_size(egui::vec2(ui.available_width(), 24.0));
                    let response = ui
                        .add(button)
                        .interact(Sense::click_and_drag())
                        .on_hover_text(format!(
                            "{}\n{}",
                            kind.description(),
                            if kind.default_statutory() {
                                "Statutory by default"
                            } else {
                                "No statutory force by default"
                            }
                        ));
                    if response.drag_started() {
                        action = Some(PaletteAction::Drag(kind));
                    }
                    if response.clicked() {
                        action = Some(PaletteAction::Add(kind));
                    }
                }
            }
        });
        action
    }
}
