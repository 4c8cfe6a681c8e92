//! The right-hand panel: every field of the selected body or link (or of the model when
//! nothing is selected), edited in place. The findings sit below it (`findings.rs`).
//!
//! A field's edits from focus to blur make one undo step (a gesture), not one per key.

use egui::{Color32, Key, Modifiers, RichText};

use super::document::Document;
use super::edits;
use super::selection::Selection;
use super::status::count;
use crate::model::{IsoDate, LinkKind, Maturity, Model, NodeKind, Tier};
use crate::rules;

/// The inspector's state (it keeps none between frames beyond egui's own).
#[derive(Default)]
pub struct Inspector;

/// A body's name committed from the keyboard, for the editor to act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameCommitted {
    /// With Enter: the body with this id (after its id followed the name) is named.
    Enter(String),
    /// With Ctrl+Enter: named, and the user wants another body of the same kind beside it.
    Next(String),
}

impl Inspector {
    /// Draws the fields of the selection (of the model when nothing is selected), edited
    /// in place through `doc`; `focus_name` puts the keyboard in a body's name field.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        selection: &mut Selection,
        focus_name: bool,
    ) -> Option<NameCommitted> {
        let mut committed = None;
        let available = ui.available_height();
        egui::ScrollArea::vertical()
            .id_salt("inspector-scroll")
            .max_height(available * 0.55)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let single_node = selection
                    .single_node()
                    .and_then(|id| doc.model().node_position(id));
                let single_link = selection
                    .single_link()
                    .filter(|&l| l < doc.model().links.len());
                if let Some(i) = single_node {
                    // Each body's fields have their own ids, so a field's own undo (Ctrl+Z
                    // while typing) never brings back another body's text.
                    let key = doc.node_key(i);
                    let (new_id, name) = ui
                        .push_id(("body", key), |ui| node_fields(ui, doc, i, focus_name))
                        .inner;
                    if let Some(new_id) = new_id {
                        *selection = Selection::only_node(&new_id);
                    }
                    committed = name;
                } else if let Some(l) = single_link {
                    let key = doc.link_key(l);
                    ui.push_id(("link", key), |ui| link_fields(ui, doc, l));
                } else if selection.is_empty() {
                    model_fields(ui, doc);
                } else {
                    ui.heading("Selection");
                    ui.label(format!(
                        "{} and {} selected",
                        count(selection.nodes.len(), "body", "bodies"),
                        count(selection.links.len(), "link", "links")
                    ));
                    ui.label(
                        RichText::new(
                            "Arrange: Align or Distribute lines them up. Delete removes them.",
                        )
                        .weak(),
                    );
                }
            });
        committed
    }
}

/// A labelled one-line text field; returns the new text when it changed.
fn text_row(
    ui: &mut egui::Ui,
    doc: &mut Document,
    label: &str,
    value: &str,
    multiline: bool,
) -> Option<String> {
    let mut text = value.to_string();
    let changed = ui
        .horizontal_top(|ui| {
            let l = ui.add_sized([110.0, 18.0], egui::Label::new(label));
            let edit = if multiline {
                egui::TextEdit::multiline(&mut text).desired_rows(2)
            } else {
                egui::TextEdit::singleline(&mut text)
            };
            let r = ui
                .add(edit.desired_width(ui.available_width()))
                .labelled_by(l.id);
            track_gesture(doc, &r, label);
            r.changed()
        })
        .inner;
    changed.then_some(text)
}

fn track_gesture(doc: &mut Document, r: &egui::Response, label: &str) {
    if r.gained_focus() {
        doc.end_gesture();
        doc.begin_gesture(&format!("Edit {}", label.to_lowercase()));
    }
    if r.lost_focus() {
        doc.end_gesture();
    }
}

/// A text field for a value that must parse before it is taken (a date, a number): the
/// draft is kept while it does not, and shown in red.
fn parsed_row<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    doc: &mut Document,
    label: &str,
    value: String,
    hint: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let id = ui.scope_id().with(("draft", label));
    let mut text: String = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| value.clone());
    let mut result = None;
    ui.horizontal(|ui| {
        let l = ui.add_sized([110.0, 18.0], egui::Label::new(label));
        let ok = parse(text.trim()).is_some();
        let mut edit = egui::TextEdit::singleline(&mut text)
            .hint_text(hint)
            .desired_width(ui.available_width());
        if !ok {
            edit = edit.text_color(Color32::from_rgb(0xd5, 0x28, 0x1b));
        }
        let r = ui.add(edit).labelled_by(l.id);
        track_gesture(doc, &r, label);
        if r.changed() {
            if let Some(v) = parse(text.trim()) {
                result = Some(v);
            }
            ui.data_mut(|d| d.insert_temp(id, text.clone()));
        }
        if !r.has_focus() {
            ui.data_mut(|d| d.remove::<String>(id));
        }
    });
    result
}

/// The id field: a draft while it is typed, taken as one edit when Enter or leaving the
/// field commits it (so undo never replays a half-typed id), if it is a valid free id.
fn id_row(
    ui: &mut egui::Ui,
    doc: &mut Document,
    value: &str,
    parse: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let draft_id = ui.make_persistent_id("id-draft");
    let mut text: String = ui
        .data(|d| d.get_temp(draft_id))
        .unwrap_or_else(|| value.to_string());
    let mut result = None;
    ui.horizontal(|ui| {
        let l = ui.add_sized([110.0, 18.0], egui::Label::new("Id"));
        let ok = parse(text.trim()).is_some() || text.trim() == value;
        let mut edit = egui::TextEdit::singleline(&mut text)
            .hint_text("letters, digits, - _ .")
            .desired_width(ui.available_width());
        if !ok {
            edit = edit.text_color(Color32::from_rgb(0xd5, 0x28, 0x1b));
        }
        let r = ui.add(edit).labelled_by(l.id);
        track_gesture(doc, &r, "Id");
        if r.changed() {
            ui.data_mut(|d| d.insert_temp(draft_id, text.clone()));
        }
        if r.lost_focus() {
            result = parse(text.trim());
        }
        if !r.has_focus() {
            ui.data_mut(|d| d.remove::<String>(draft_id));
        }
    });
    result
}

fn date_text(d: Option<IsoDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn parse_date(text: &str) -> Option<Option<IsoDate>> {
    if text.is_empty() {
        Some(None)
    } else {
        IsoDate::parse(text).map(Some)
    }
}

fn combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    current: T,
    options: &[(T, String)],
) -> Option<T> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        let l = ui.add_sized([110.0, 18.0], egui::Label::new(label));
        let shown = options
            .iter()
            .find(|(v, _)| *v == current)
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt(("combo", label))
            .selected_text(shown)
            .width(ui.available_width() - 8.0)
            .show_ui(ui, |ui| {
                for (value, text) in options {
                    if ui.selectable_label(*value == current, text).clicked() && *value != current {
                        chosen = Some(*value);
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
    chosen
}

/// Returns the body's new id when it was renamed, and its name when that was committed
/// from the keyboard.
fn node_fields(
    ui: &mut egui::Ui,
    doc: &mut Document,
    i: usize,
    focus_name: bool,
) -> (Option<String>, Option<NameCommitted>) {
    let node = doc.model().nodes[i].clone();
    let mut renamed = None;
    let mut committed = None;
    ui.heading(node.kind.display_name());
    ui.label(RichText::new(node.kind.description()).weak());
    ui.add_space(4.0);

    let kinds: Vec<(NodeKind, String)> = NodeKind::ALL
        .iter()
        .map(|k| (*k, k.display_name().to_string()))
        .collect();
    if let Some(kind) = combo(ui, "Kind", node.kind, &kinds) {
        let id = node.id.clone();
        let dropped = doc.edit("Change kind", |m| edits::change_kind(m, &id, kind));
        if dropped > 0 {
            ui.label(format!(
                "{dropped} links that a {} cannot have were removed",
                kind.display_name()
            ));
        }
    }
    // Name first in the keyboard order: it is what a new body needs. Its edit is one undo
    // step, ended by Enter, Ctrl+Enter (name this one and add another like it) or leaving
    // the field; then the id follows the name if it was made from the name before.
    let name_response = ui.horizontal(|ui| {
        let l = ui.add_sized([110.0, 18.0], egui::Label::new("Name"));
        let mut name = node.name.clone();
        let field = ui.make_persistent_id("name");
        let next = ui.memory(|m| m.has_focus(field))
            && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter));
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut name)
                    .id(field)
                    .desired_width(ui.available_width()),
            )
            .labelled_by(l.id);
        if focus_name {
            r.request_focus();
        }
        let old_key = ui.scope_id().with("name-before");
        if r.gained_focus() {
            ui.data_mut(|d| d.insert_temp(old_key, node.name.clone()));
        }
        if r.changed() {
            let name = name.clone();
            doc.gesture_change(|m| m.nodes[i].name = name);
        }
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if (next || r.lost_focus()) && doc.in_gesture() {
            let before: String = ui
                .data(|d| d.get_temp(old_key))
                .unwrap_or_else(|| node.name.clone());
            let id = node.id.clone();
            if let Some(new_id) = edits::id_from_new_name(doc.model(), &id, &before) {
                doc.gesture_change(|m| {
                    edits::rename_id(m, &id, &new_id);
                });
                renamed = Some(new_id);
            }
            doc.end_gesture();
        }
        if next {
            r.surrender_focus();
        }
        track_gesture(doc, &r, "Name");
        let id = renamed.clone().unwrap_or_else(|| node.id.clone());
        if next {
            committed = Some(NameCommitted::Next(id));
        } else if enter {
            committed = Some(NameCommitted::Enter(id));
        }
        r
    });
    if focus_name
        && let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), name_response.inner.id)
    {
        // Select the placeholder name so typing replaces it.
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(node.name.chars().count()),
        );
        state.cursor.set_char_range(Some(all));
        state.store(ui.ctx(), name_response.inner.id);
    }
    if let Some(v) = text_row(ui, doc, "Short name", &node.short, false) {
        doc.gesture_change(|m| m.nodes[i].short = v);
    }
    if node.kind == NodeKind::Other
        && let Some(v) = text_row(ui, doc, "What it is", &node.label, false)
    {
        doc.gesture_change(|m| m.nodes[i].label = v);
    }
    let mut tiers: Vec<(Option<Tier>, String)> = vec![(
        None,
        format!("Default ({})", node.kind.default_tier().display_name()),
    )];
    tiers.extend(
        Tier::ALL
            .iter()
            .map(|t| (Some(*t), t.display_name().to_string())),
    );
    if let Some(tier) = combo(ui, "Tier", node.tier, &tiers) {
        doc.edit("Change tier", |m| m.nodes[i].tier = tier);
    }
    let default_force = if node.kind == NodeKind::Committee {
        "from its parent".to_string()
    } else if node.kind.default_statutory() {
        "yes".to_string()
    } else {
        "no".to_string()
    };
    let statutory = [
        (None, format!("Default ({default_force})")),
        (Some(true), "Yes".to_string()),
        (Some(false), "No".to_string()),
    ];
    if let Some(s) = combo(ui, "Statutory", node.statutory, &statutory) {
        doc.edit("Change statutory force", |m| m.nodes[i].statutory = s);
    }
    let mut maturities: Vec<(Option<Maturity>, String)> = vec![(None, "Not stated".into())];
    maturities.extend(
        Maturity::ALL
            .iter()
            .map(|m| (Some(*m), m.file_name().to_string())),
    );
    if let Some(mat) = combo(ui, "Maturity", node.maturity, &maturities) {
        doc.edit("Change maturity", |m| m.nodes[i].maturity = mat);
    }
    if let Some(v) = text_row(ui, doc, "ODS code", &node.ods_code, false) {
        doc.gesture_change(|m| m.nodes[i].ods_code = v);
    }
    let population = node.population.map(|p| p.to_string()).unwrap_or_default();
    if let Some(v) = parsed_row(ui, doc, "Population", population, "people served", |t| {
        if t.is_empty() {
            Some(None)
        } else {
            t.replace(',', "").parse::<u64>().ok().map(Some)
        }
    }) {
        doc.gesture_change(|m| m.nodes[i].population = v);
    }
    if let Some(v) = text_row(ui, doc, "Work programme", &node.work_programme, true) {
        doc.gesture_change(|m| m.nodes[i].work_programme = v);
    }
    if let Some(v) = text_row(ui, doc, "Outcomes", &node.outcomes, true) {
        doc.gesture_change(|m| m.nodes[i].outcomes = v);
    }
    if let Some(v) = parsed_row(
        ui,
        doc,
        "Valid from",
        date_text(node.valid_from),
        "YYYY-MM-DD",
        parse_date,
    ) {
        doc.gesture_change(|m| m.nodes[i].valid_from = v);
    }
    if let Some(v) = parsed_row(
        ui,
        doc,
        "Valid to",
        date_text(node.valid_to),
        "YYYY-MM-DD",
        parse_date,
    ) {
        doc.gesture_change(|m| m.nodes[i].valid_to = v);
    }
    if let Some(v) = text_row(ui, doc, "Notes", &node.notes, true) {
        doc.gesture_change(|m| m.nodes[i].notes = v);
    }
    let id_text = node.id.clone();
    let taken: std::collections::HashSet<String> = doc
        .model()
        .nodes
        .iter()
        .filter(|n| n.id != id_text)
        .map(|n| n.id.clone())
        .collect();
    if let Some(new_id) = id_row(ui, doc, &id_text, |t| {
        (crate::model::is_valid_id(t) && !taken.contains(t)).then(|| t.to_string())
    }) && new_id != id_text
    {
        let old = id_text.clone();
        if doc.edit("Change id", |m| edits::rename_id(m, &old, &new_id)) {
            renamed = Some(new_id);
        }
    }
    ui.horizontal(|ui| {
        let l = ui.add_sized([110.0, 18.0], egui::Label::new("Position"));
        let mut x = node.at.x;
        let mut y = node.at.y;
        let rx = ui
            .add(egui::DragValue::new(&mut x).speed(1.0).prefix("x "))
            .labelled_by(l.id);
        let ry = ui
            .add(egui::DragValue::new(&mut y).speed(1.0).prefix("y "))
            .labelled_by(l.id);
        for r in [&rx, &ry] {
            if r.drag_started() || r.gained_focus() {
                doc.begin_gesture("Move");
            }
        }
        if rx.changed() || ry.changed() {
            let at = crate::model::Point::new(x, y);
            let id = node.id.clone();
            doc.gesture_change(|m| edits::place_nodes(m, &[(id, at)]));
        }
        if rx.drag_stopped() || ry.drag_stopped() || rx.lost_focus() || ry.lost_focus() {
            doc.end_gesture();
        }
    });
    (renamed, committed)
}

fn link_fields(ui: &mut egui::Ui, doc: &mut Document, l: usize) {
    let model: &Model = doc.model();
    let link = model.links[l].clone();
    let name = |id: &str| {
        model
            .node(id)
            .map(|n| n.display_name().to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let (from, to) = (name(&link.from), name(&link.to));
    ui.heading("Link");
    ui.label(link.kind.sentence(&from, &to));
    ui.add_space(4.0);
    let kinds: Vec<(LinkKind, String)> = LinkKind::ALL
        .iter()
        .map(|k| (*k, k.display_name().to_string()))
        .collect();
    if let Some(kind) = combo(ui, "Kind", link.kind, &kinds) {
        doc.edit("Change link kind", |m| m.links[l].kind = kind);
    }
    if ui
        .button("Reverse direction")
        .on_hover_text(format!("Make it: {}", link.kind.sentence(&to, &from)))
        .clicked()
    {
        doc.edit("Reverse link", |m| {
            let link = &mut m.links[l];
            std::mem::swap(&mut link.from, &mut link.to);
        });
    }
    if link.kind == LinkKind::Membership
        && let Some(v) = text_row(ui, doc, "Role", &link.role, false)
    {
        doc.gesture_change(|m| m.links[l].role = v);
    }
    if link.kind == LinkKind::Delegation {
        if let Some(v) = text_row(ui, doc, "Purpose", &link.purpose, true) {
            doc.gesture_change(|m| m.links[l].purpose = v);
        }
        if let Some(v) = text_row(ui, doc, "Assurance", &link.assurance, true) {
            doc.gesture_change(|m| m.links[l].assurance = v);
        }
    }
    if link.kind == LinkKind::Funding {
        let amount = link.amount.map(|a| format!("{a:.1}")).unwrap_or_default();
        if let Some(v) = parsed_row(ui, doc, "Amount (£m)", amount, "e.g. 42.5", |t| {
            if t.is_empty() {
                Some(None)
            } else {
                t.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .map(|v| Some(crate::model::file::round_to_tenth(v)))
            }
        }) {
            doc.gesture_change(|m| m.links[l].amount = v);
        }
    }
    // Fields a file may hold on any link are shown whenever they hold something.
    for (field, label) in [
        ("role", "Role"),
        ("purpose", "Purpose"),
        ("assurance", "Assurance"),
    ] {
        let shown = match field {
            "role" => link.kind == LinkKind::Membership,
            _ => link.kind == LinkKind::Delegation,
        };
        let value = match field {
            "role" => &link.role,
            "purpose" => &link.purpose,
            _ => &link.assurance,
        };
        if !shown
            && !value.is_empty()
            && let Some(v) = text_row(ui, doc, label, value, false)
        {
            doc.gesture_change(|m| match field {
                "role" => m.links[l].role = v,
                "purpose" => m.links[l].purpose = v,
                _ => m.links[l].assurance = v,
            });
        }
    }
    if let Some(v) = text_row(ui, doc, "Label", &link.label, false) {
        doc.gesture_change(|m| m.links[l].label = v);
    }
    if let Some(v) = text_row(ui, doc, "Notes", &link.notes, true) {
        doc.gesture_change(|m| m.links[l].notes = v);
    }
}

fn model_fields(ui: &mut egui::Ui, doc: &mut Document) {
    // The model's own fields only: cloning the bodies every frame would cost milliseconds on
    // a national model.
    let model = doc.model().clone_header();
    ui.heading("Model");
    ui.label(RichText::new("Nothing is selected: these are the model's own fields.").weak());
    if let Some(v) = text_row(ui, doc, "Title", &model.title, false) {
        doc.gesture_change(|m| m.title = v);
    }
    if let Some(v) = text_row(ui, doc, "Subtitle", &model.subtitle, false) {
        doc.gesture_change(|m| m.subtitle = v);
    }
    if let Some(v) = text_row(ui, doc, "Author", &model.author, false) {
        doc.gesture_change(|m| m.author = v);
    }
    if let Some(v) = parsed_row(
        ui,
        doc,
        "As at",
        date_text(model.as_at),
        "YYYY-MM-DD",
        parse_date,
    ) {
        doc.gesture_change(|m| m.as_at = v);
    }
    if let Some(v) = text_row(ui, doc, "Notes", &model.notes, true) {
        doc.gesture_change(|m| m.notes = v);
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Settings").strong());
    ui.horizontal(|ui| {
        let l = ui.add_sized([110.0, 18.0], egui::Label::new("Largest forum"));
        let mut max = model.settings.max_forum_members();
        let r = ui
            .add(
                egui::DragValue::new(&mut max)
                    .range(1..=500)
                    .suffix(" members"),
            )
            .labelled_by(l.id)
            .on_hover_text("Rule M02 flags forums with more members than this");
        if r.changed() {
            doc.edit("Change largest forum", |m| {
                m.settings.max_forum_members = Some(max)
            });
        }
    });
    let mut tiers = model.settings.show_tiers();
    if ui.checkbox(&mut tiers, "Draw tier bands").changed() {
        doc.edit("Tier bands", |m| m.settings.show_tiers = Some(tiers));
    }
    egui::CollapsingHeader::new(format!(
        "Rules switched off ({})",
        rules::disabled_count(&model)
    ))
    .show(ui, |ui| {
        for rule in rules::catalogue() {
            let mut on = !model.settings.is_rule_disabled(rule.id);
            if ui
                .checkbox(&mut on, format!("{} {}", rule.id, rule.title))
                .on_hover_text(
                    rule.explanation
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                )
                .changed()
            {
                doc.edit(
                    if on {
                        "Switch rule on"
                    } else {
                        "Switch rule off"
                    },
                    |m| {
                        m.settings
                            .disabled_rules
                            .retain(|r| !r.eq_ignore_ascii_case(rule.id));
                        if !on {
                            m.settings.disabled_rules.push(rule.id.to_string());
                        }
                    },
                );
            }
        }
    });
}
