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
        ui.label(RichText::new("Bodies").strong())
            .on_hover_text("Click a kind to add a body in view, or drag it onto the canvas");
        let style = Style::print();
        // Compact enough that every kind shows at 1280×720 without scrolling; the scroll
        // area is only for smaller windows.
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.spacing_mut().item_spacing.y = 1.0;
            ui.spacing_mut().button_padding.y = 1.0;
            ui.spacing_mut().interact_size.y = 18.0;
            for family in Family::ALL {
                ui.label(RichText::new(family.display_name()).strong().small());
                for kind in family.kinds() {
                    let look = style.node(family);
                    let text = RichText::new(kind.display_name()).color(paint::color(look.text));
                    let button = egui::Button::new(text)
                        .fill(paint::color(look.fill))
                        .stroke(egui::Stroke::new(1.0, paint::color(look.border)))
                        .min_size(egui::vec2(ui.available_width(), 18.0));
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
