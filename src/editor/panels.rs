//! The link-kind chooser that opens after a link is drawn.

use egui::{Color32, RichText};

use super::Editor;
use crate::model::{Fit, LinkKind};

/// After a link is drawn between two bodies: which kind of link? The kinds that fit the
/// pair come first; any may be chosen, and the checks judge it.
pub fn link_kind_menu(editor: &mut Editor, ctx: &egui::Context) {
    let Some(pending) = editor.pending_link.clone() else {
        return;
    };
    let Some(model) = editor.model() else { return };
    let (Some(from), Some(to)) = (model.node(&pending.from), model.node(&pending.to)) else {
        editor.pending_link = None;
        return;
    };
    let (from_name, to_name) = (
        from.display_name().to_string(),
        to.display_name().to_string(),
    );
    let suggestions = LinkKind::suggestions(from.kind, to.kind);
    let mut chosen = None;
    let mut cancel = false;
    let area = egui::Area::new(egui::Id::unique("link-kind-menu"))
        .fixed_pos(pending.at + egui::vec2(8.0, 8.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(320.0);
                ui.label(RichText::new(format!("Link {from_name} to {to_name}")).strong());
                let mut previous_fit = Fit::Usual;
                for (kind, fit) in suggestions {
                    if fit != previous_fit {
                        ui.separator();
                        ui.label(
                            RichText::new(if fit == Fit::Possible {
                                "Also possible"
                            } else {
                                "The checks will flag these"
                            })
                            .weak()
                            .small(),
                        );
                        previous_fit = fit;
                    }
                    let sentence = kind.sentence(&from_name, &to_name);
                    let mut text = RichText::new(kind.display_name());
                    if fit == Fit::Flagged {
                        text = text.color(Color32::GRAY);
                    }
                    if ui.button(text).on_hover_text(sentence).clicked() {
                        chosen = Some(kind);
                    }
                }
                ui.separator();
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
    let clicked_elsewhere = ctx.input(|i| i.pointer.any_pressed())
        && ctx
            .input(|i| i.pointer.interact_pos())
            .is_some_and(|p| !area.response.rect.contains(p));
    if let Some(kind) = chosen {
        editor.add_link(kind, &pending.from, &pending.to);
    } else if cancel || clicked_elsewhere {
        editor.pending_link = None;
    }
}
