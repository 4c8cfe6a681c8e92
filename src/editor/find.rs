//! The find bar (Ctrl+F): matches bodies by name, short name or ODS code; each match in turn
//! is selected and brought into view; Enter steps to the next.

use egui::RichText;

use super::edits;
use crate::model::Model;

/// The find bar's state.
#[derive(Default)]
pub struct FindBar {
    /// Whether the bar is shown.
    pub open: bool,
    /// What is being looked for.
    pub query: String,
    /// Which match is shown (an index into the matches).
    pub current: usize,
    /// Put the keyboard in the field on the next frame.
    pub(crate) focus: bool,
}

impl FindBar {
    /// Opens the bar with the keyboard in its field.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// Draws the bar; returns the id of the body to show when the match changed.
    pub fn ui(&mut self, ui: &mut egui::Ui, model: Option<&Model>) -> Option<String> {
        let mut go_to: Option<usize> = None;
        let mut advance = false;
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("name, short name or ODS code")
                        .desired_width(260.0),
                )
                .labelled_by(label.id)
                .on_hover_text("Type part of a name, a short name or an ODS code");
            if self.focus {
                response.request_focus();
                self.focus = false;
            }
            if response.changed() {
                self.current = 0;
                go_to = Some(0);
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                advance = true;
                response.request_focus();
            }
            // Matched after the field has taken this frame's typing.
            let count = model.map_or(0, |m| edits::find(m, &self.query).len());
            if count == 0 {
                if !self.query.trim().is_empty() {
                    ui.label(RichText::new("no match").weak());
                }
            } else {
                ui.label(format!("{} of {}", self.current.min(count - 1) + 1, count));
                if ui
                    .button("Next")
                    .on_hover_text("Go to the next match (Enter)")
                    .clicked()
                {
                    advance = true;
                }
            }
            if ui
                .button("Close")
                .on_hover_text("Close the find bar (Esc)")
                .clicked()
            {
                self.open = false;
            }
        });
        let model = model?;
        let matches: Vec<&str> = edits::find(model, &self.query)
            .into_iter()
            .map(|i| model.nodes[i].id.as_str())
            .collect();
        if advance && !matches.is_empty() {
            self.current = (self.current + 1) % matches.len();
            go_to = Some(self.current);
        }
        go_to
            .and_then(|k| matches.get(k))
            .map(|id| (*id).to_string())
    }
}
