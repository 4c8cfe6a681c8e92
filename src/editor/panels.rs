//! The palette, the find bar, the link-kind chooser and the status bar.

use egui::{Color32, RichText, Sense};

use super::Editor;
use super::canvas;
use super::edits;
use super::paint;
use crate::model::{Family, Fit, LinkKind, Point};
use crate::rules;
use crate::scene::Style;

/// Every kind of body, grouped by family; click to add one in the middle of the view, or
/// drag one onto the canvas.
pub fn palette(editor: &mut Editor, ui: &mut egui::Ui) {
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
                    editor.palette_drag = Some(kind);
                }
                if response.clicked() {
                    // On its tier's row, near the middle of the view, covering no other body.
                    let centre = editor.canvas.scene_rect.center();
                    let centre = Point::new(f64::from(centre.x), f64::from(centre.y));
                    let at = editor
                        .model()
                        .map_or(centre, |m| canvas::place_for(m, kind, centre));
                    canvas::add_body(editor, kind, at);
                }
            }
        }
    });
}

pub fn status_bar(editor: &mut Editor, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        if let Some(doc) = &editor.doc {
            let model = doc.model();
            ui.label(format!(
                "{} bodies, {} links",
                model.nodes.len(),
                model.links.len()
            ));
            ui.separator();
            let (e, w, i) = rules::tally(doc.findings());
            let style = if editor.view.dark {
                Style::dark()
            } else {
                Style::print()
            };
            ui.label(RichText::new(format!("{e} errors")).color(paint::color(style.error)));
            ui.label(RichText::new(format!("{w} warnings")).color(paint::color(style.warning)));
            ui.label(RichText::new(format!("{i} infos")).color(paint::color(style.info)));
            let off = rules::disabled_count(model);
            if off > 0 {
                ui.label(RichText::new(format!("({off} rules switched off)")).weak());
            }
            ui.separator();
            if let Some(t) = editor.canvas.transform {
                ui.label(format!("{:.0}%", t.scaling * 100.0));
                ui.separator();
            }
        }
        ui.label(&editor.status);
    });
}

/// The find bar: matches by name, short name or ODS code; Enter goes to the next.
pub fn find_bar(editor: &mut Editor, ui: &mut egui::Ui) {
    let mut go_to: Option<usize> = None;
    let mut advance = false;
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut editor.find.query)
                    .hint_text("name, short name or ODS code")
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        if editor.find.focus {
            response.request_focus();
            editor.find.focus = false;
        }
        if response.changed() {
            editor.find.current = 0;
            go_to = Some(0);
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            advance = true;
            response.request_focus();
        }
        // Matched after the field has taken this frame's typing.
        let count = editor
            .model()
            .map_or(0, |m| edits::find(m, &editor.find.query).len());
        if count == 0 {
            if !editor.find.query.trim().is_empty() {
                ui.label(RichText::new("no match").weak());
            }
        } else {
            ui.label(format!(
                "{} of {}",
                editor.find.current.min(count - 1) + 1,
                count
            ));
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
            editor.find.open = false;
        }
    });
    let Some(model) = editor.model() else { return };
    let matches: Vec<String> = edits::find(model, &editor.find.query)
        .into_iter()
        .map(|i| model.nodes[i].id.clone())
        .collect();
    if advance && !matches.is_empty() {
        editor.find.current = (editor.find.current + 1) % matches.len();
        go_to = Some(editor.find.current);
    }
    if let Some(id) = go_to.and_then(|k| matches.get(k)) {
        editor.show_bodies(std::slice::from_ref(id), &[]);
    }
}

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
