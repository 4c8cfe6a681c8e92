//! The small modal questions: "save the changes?" and "recover unsaved work?".

use std::path::Path;

use egui::RichText;

use super::recovery::Recovered;

/// The answer to "save the changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Stay where we are.
    Cancel,
}

/// Asks whether to save the changes to the model called `name`; `None` while unanswered.
pub fn save_changes_ui(ctx: &egui::Context, name: &str) -> Option<PromptAnswer> {
    let answer = egui::Modal::new(egui::Id::unique("save-changes")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(format!("Save the changes to {name}?"));
        ui.label("Your changes will be lost if you do not save them.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button("Save")
                .on_hover_text("Save, then go on")
                .clicked()
            {
                return Some(PromptAnswer::Save);
            }
            if ui
                .button("Don't save")
                .on_hover_text("Go on and lose the changes")
                .clicked()
            {
                return Some(PromptAnswer::Discard);
            }
            if ui
                .button("Cancel")
                .on_hover_text("Go back to the model")
                .clicked()
            {
                return Some(PromptAnswer::Cancel);
            }
            None
        })
        .inner
    });
    let closed = answer.should_close();
    answer.inner.or(closed.then_some(PromptAnswer::Cancel))
}

/// The answer to "recover unsaved work?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryAnswer {
    /// Open the copy.
    Restore,
    /// Delete the copy.
    Discard,
}

/// Offers one recovery copy; `more` is how many wait after it.
pub fn recovery_ui(ctx: &egui::Context, offer: &Recovered, more: usize) -> Option<RecoveryAnswer> {
    egui::Modal::new(egui::Id::unique("recovery"))
        .show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Recover unsaved work?");
            let what = offer.original.as_deref().map_or_else(
                || "a model that was never saved".to_string(),
                |p: &Path| p.display().to_string(),
            );
            ui.label(format!(
                "icsmap closed before changes to {what} were saved. A copy was kept."
            ));
            if more > 0 {
                ui.label(
                    RichText::new(format!(
                        "{} will be offered after this one.",
                        super::status::count(more, "more", "more")
                    ))
                    .weak(),
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Restore")
                    .on_hover_text("Open the recovered model, with its changes unsaved")
                    .clicked()
                {
                    return Some(RecoveryAnswer::Restore);
                }
                if ui
                    .button("Discard the copy")
                    .on_hover_text("Delete the recovered copy for good")
                    .clicked()
                {
                    return Some(RecoveryAnswer::Discard);
                }
                None
            })
            .inner
        })
        .inner
}
