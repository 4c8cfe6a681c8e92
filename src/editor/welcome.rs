//! The welcome screen, shown when no model is open: the welcome commands (new, open,
//! import), the example models and the recent files.

use std::path::PathBuf;

use egui::RichText;

use super::app::Action;
use super::files::Replace;
use super::menus;
use super::templates::TEMPLATES;

/// Draws the welcome screen; returns what the user chose.
pub fn welcome_ui(ui: &mut egui::Ui, recent: &[PathBuf]) -> Option<Action> {
    let mut action = None;
    ui.vertical_centered(|ui| {
        ui.add_space(48.0);
        ui.heading(RichText::new("icsmap").size(32.0).strong());
        ui.label(
            "Draw your Integrated Care System's operating model, have it checked, and put it \
             in a board paper.",
        );
        ui.add_space(24.0);
        action = menus::welcome_buttons(ui, egui::vec2(260.0, 32.0));
        ui.add_space(16.0);
        ui.label(RichText::new("Or start from an example").strong());
        for (i, template) in TEMPLATES.iter().enumerate() {
            if ui
                .add(egui::Button::new(template.name).min_size(egui::vec2(260.0, 28.0)))
                .on_hover_text(template.description)
                .clicked()
            {
                action = Some(Action::Request(Replace::Template(i)));
            }
        }
        if !recent.is_empty() {
            ui.add_space(16.0);
            ui.label(RichText::new("Recent").strong());
            for path in recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .add(egui::Button::new(name).min_size(egui::vec2(260.0, 24.0)))
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    action = Some(Action::Request(Replace::OpenPath(path.clone())));
                }
            }
        }
        ui.add_space(12.0);
        ui.label(RichText::new("Or drop a model file on this window").weak());
    });
    action
}
