//! The link-kind chooser that opens after a link is drawn. It works from the keyboard as
//! well as the mouse: the first fitting kind is highlighted, the arrow keys move, Enter
//! chooses, Esc cancels, and each kind's letter chooses it at once.

use egui::{Color32, Key, Modifiers, RichText};

use super::Editor;
use super::edits;
use super::selection::Selection;
use crate::model::{Fit, LinkKind};

/// The letter that chooses a link kind in the menu (shown beside it).
pub fn access_key(kind: LinkKind) -> Key {
    match kind {
        LinkKind::Accountability => Key::A,
        LinkKind::Membership => Key::M,
        LinkKind::Delegation => Key::D,
        LinkKind::Commissioning => Key::C,
        LinkKind::Funding => Key::F,
        LinkKind::Committee => Key::T,
        LinkKind::Collaboration => Key::L,
    }
}

/// The kinds the menu offers for the pending link, in menu order.
fn offered(editor: &Editor) -> Option<Vec<(LinkKind, Fit)>> {
    let pending = editor.pending_link.as_ref()?;
    let model = editor.model()?;
    let (from, to) = (model.node(&pending.from)?, model.node(&pending.to)?);
    Some(LinkKind::suggestions(from.kind, to.kind))
}

/// While the menu is open, its keys go to it (before the editor's shortcuts see them).
pub fn link_menu_keys(editor: &mut Editor, ctx: &egui::Context) {
    let Some(kinds) = offered(editor) else {
        return;
    };
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    let Some(pending) = editor.pending_link.as_mut() else {
        return;
    };
    let last = kinds.len().saturating_sub(1);
    let mut chosen = None;
    let mut cancel = false;
    ctx.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
            pending.highlight = (pending.highlight + 1).min(last);
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            pending.highlight = pending.highlight.saturating_sub(1);
        }
        if i.consume_key(Modifiers::NONE, Key::Home) {
            pending.highlight = 0;
        }
        if i.consume_key(Modifiers::NONE, Key::End) {
            pending.highlight = last;
        }
        if i.consume_key(Modifiers::NONE, Key::Enter) {
            chosen = kinds.get(pending.highlight).map(|(k, _)| *k);
        }
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            cancel = true;
        }
        for (kind, _) in &kinds {
            if i.consume_key(Modifiers::NONE, access_key(*kind)) {
                chosen = Some(*kind);
            }
        }
    });
    if let Some(kind) = chosen {
        editor.add_pending_links(kind);
    } else if cancel {
        editor.pending_link = None;
    }
}

impl Editor {
    /// Makes the pending links with `kind`, as one undo step. One link drawn is selected;
    /// several leave the bodies selected, ready for their next link.
    pub(crate) fn add_pending_links(&mut self, kind: LinkKind) {
        let Some(pending) = self.pending_link.take() else {
            return;
        };
        let Some(doc) = self.doc.as_mut() else { return };
        let pairs = pending.pairs();
        let label = if pairs.len() == 1 {
            format!("Add link: {}", kind.display_name())
        } else {
            format!("Add {} links: {}", pairs.len(), kind.display_name())
        };
        let added: Vec<usize> = doc.edit(&label, |m| {
            pairs
                .iter()
                .filter_map(|(from, to)| edits::add_link(m, kind, from, to))
                .collect()
        });
        if let [l] = added.as_slice() {
            self.selection = Selection::only_link(*l);
        }
        if added.len() > 1 {
            self.status_bar.say(format!(
                "Added {} links: {}",
                added.len(),
                kind.display_name()
            ));
        }
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
    let title = if pending.more.is_empty() {
        format!("Link {from_name} to {to_name}")
    } else {
        format!(
            "Link {} pairs of bodies, as {from_name} to {to_name}",
            pending.more.len() + 1
        )
    };
    let suggestions = LinkKind::suggestions(from.kind, to.kind);
    let mut chosen = None;
    let mut cancel = false;
    let area = egui::Area::new(egui::Id::unique("link-kind-menu"))
        .fixed_pos(pending.at + egui::vec2(8.0, 8.0))
        .order(egui::Order::Foreground)
        .constrain(true)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(340.0);
                ui.label(RichText::new(title).strong());
                ui.label(
                    RichText::new("Arrow keys and Enter, or the letter; Esc cancels")
                        .weak()
                        .small(),
                );
                let mut previous_fit = Fit::Usual;
                for (place, (kind, fit)) in suggestions.into_iter().enumerate() {
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
                    let letter = access_key(kind).name();
                    let button = egui::Button::new(text)
                        .selected(place == pending.highlight)
                        .min_size(egui::vec2(220.0, 0.0));
                    ui.horizontal(|ui| {
                        let r = ui
                            .add(button)
                            .on_hover_text(format!("{sentence} (key {letter})"));
                        if place == pending.highlight {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            chosen = Some(kind);
                        }
                        ui.label(RichText::new(letter).weak());
                    });
                }
                ui.separator();
                if ui
                    .button("Cancel")
                    .on_hover_text("Make no link (Esc)")
                    .clicked()
                {
                    cancel = true;
                }
            });
        });
    let clicked_elsewhere = ctx.input(|i| i.pointer.any_pressed())
        && ctx
            .input(|i| i.pointer.interact_pos())
            .is_some_and(|p| !area.response.rect.contains(p));
    if let Some(kind) = chosen {
        editor.add_pending_links(kind);
    } else if cancel || clicked_elsewhere {
        editor.pending_link = None;
    }
}
