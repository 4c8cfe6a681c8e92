//! A message that needs the user's attention before anything else: a file that could not be
//! opened, saved or exported. Its title says which of these failed; OK, Enter or Esc close it.

/// One alert: what failed (the title) and why (the message, in the user's words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// What failed, e.g. "The model could not be saved".
    pub title: String,
    /// Why, with the file and place where there is one.
    pub message: String,
}

impl Alert {
    /// An alert titled `title` saying `message`.
    pub fn new(title: impl Into<String>, message: impl Into<String>) -> Alert {
        Alert {
            title: title.into(),
            message: message.into(),
        }
    }

    /// Opening a file failed.
    pub fn open(message: impl Into<String>) -> Alert {
        Alert::new("The file could not be opened", message)
    }

    /// Draws the alert over everything; true when the user closed it.
    pub fn ui(&self, ctx: &egui::Context) -> bool {
        let modal = egui::Modal::new(egui::Id::unique("alert")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(&self.title);
            ui.add_space(6.0);
            ui.label(&self.message);
            ui.add_space(10.0);
            let ok = ui.button("OK").on_hover_text("Close this message (Enter)");
            ok.clicked()
        });
        let keys = ctx.input_mut(|i| {
            i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)
                | i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)
        });
        modal.inner || modal.should_close() || keys
    }
}
