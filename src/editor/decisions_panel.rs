//! The Decisions panel (decisions.md): the model's decisions by theme, added, edited and
//! deleted through the document like any edit; the chosen decision's route lit on the
//! canvas (the rest dimmed) and told as a sentence; and, when one body is selected, the
//! decisions it holds and takes. Routes come from `crate::decisions`, the one place they
//! are worked out.

use std::collections::BTreeMap;

use egui::{Color32, RichText, Stroke, StrokeKind};

use super::Editor;
use super::app::Action;
use super::command::Command;
use super::document::Document;
use super::paint::{self, rect_to_screen, to_screen};
use super::selection::Selection;
use crate::decisions::Routes;
use crate::geom;
use crate::model::{Decision, Model, ModelIndex, NodeKind, slug};
use crate::scene::{self, Scene, SceneOptions, Style};

/// The Decisions panel's state.
#[derive(Default)]
pub struct DecisionsPanel {
    /// The decision chosen in the list, by id: its route is lit on the canvas.
    pub selected: Option<String>,
    lit: Option<LitRoute>,
}

/// The route lit on the canvas, worked out once per model revision and decision.
pub struct LitRoute {
    key: (u64, String, bool),
    /// The bodies of the route (or holder and taker when there is none), by position.
    pub nodes: Vec<usize>,
    /// The links it follows, and the delegations between its bodies, by position.
    pub links: Vec<usize>,
    /// The route as a sentence.
    pub sentence: String,
    /// Only the route's bodies and the links among them, drawn over the dimmed diagram.
    scene: Scene,
}

impl DecisionsPanel {
    /// The lit route, if a decision is chosen (as last worked out).
    pub fn lit(&self) -> Option<&LitRoute> {
        self.lit.as_ref()
    }

    /// Works out the chosen decision's route again if the model or the theme changed; drops
    /// the choice if the decision is gone (deleted, or undone away).
    fn refresh(&mut self, doc: &Document, dark: bool) {
        let model = doc.model();
        let Some(id) = self.selected.clone() else {
            self.lit = None;
            return;
        };
        let Some(d) = model.decisions.iter().position(|d| d.id == id) else {
            self.selected = None;
            self.lit = None;
            return;
        };
        let key = (doc.revision(), id, dark);
        if self.lit.as_ref().is_some_and(|l| l.key == key) {
            return;
        }
        let index = ModelIndex::new(model);
        let routes = Routes::new(model, &index);
        let route = &routes.of[d];
        let nodes = route.bodies();
        let links = route.links(model, &index);
        let style = Style::for_theme(dark);
        let options = SceneOptions {
            tiers: false,
            legend: false,
            title: false,
            only: Some(nodes.clone()),
            ..SceneOptions::for_model(model)
        };
        self.lit = Some(LitRoute {
            key,
            sentence: route.sentence(model, &index),
            scene: scene::build(model, &style, &options),
            nodes,
            links,
        });
    }

    /// Draws the panel; returns what the user asked of the editor.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        selection: &Selection,
        dark: bool,
    ) -> Vec<Action> {
        self.refresh(doc, dark);
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.heading("Decisions");
            ui.label(RichText::new(doc.model().decisions.len().to_string()).weak());
        });
        ui.horizontal(|ui| {
            for command in [Command::AddDecision, Command::DeleteDecision] {
                let enabled = match command {
                    Command::DeleteDecision => self.selected.is_some(),
                    _ => !doc.model().nodes.is_empty(),
                };
                if ui
                    .add_enabled(enabled, egui::Button::new(command.text()))
                    .on_hover_text(command.tooltip())
                    .clicked()
                {
                    actions.push(Action::Run(command));
                }
            }
        });
        if let Some(lit) = &self.lit {
            ui.label(RichText::new(format!("Route: {}", on_screen(&lit.sentence))).strong());
        }
        ui.separator();
        let available = ui.available_height();
        egui::ScrollArea::vertical()
            .id_salt("decisions-scroll")
            .max_height(available)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                if let Some(id) = selection.single_node() {
                    self.body_ui(ui, doc.model(), id);
                    ui.separator();
                }
                if let Some(d) = self
                    .selected
                    .as_ref()
                    .and_then(|id| doc.model().decisions.iter().position(|x| &x.id == id))
                {
                    if let Some(renamed) = fields_ui(ui, doc, d) {
                        self.selected = Some(renamed);
                    }
                    ui.separator();
                }
                self.list_ui(ui, doc.model());
            });
        actions
    }

    /// The decisions a body holds and takes.
    fn body_ui(&mut self, ui: &mut egui::Ui, model: &Model, id: &str) {
        let name = model.node(id).map_or(id, |n| n.display_name());
        ui.label(RichText::new(name).strong());
        let holds: Vec<&Decision> = model.decisions.iter().filter(|d| d.holder == id).collect();
        let takes: Vec<&Decision> = model.decisions.iter().filter(|d| d.taker() == id).collect();
        for (what, list) in [("Holds", holds), ("Takes", takes)] {
            ui.label(format!("{what} {}", decisions_count(list.len())));
            for d in list {
                self.pick(ui, d);
            }
        }
    }

    /// Every decision, by theme (themes in alphabetical order, no theme last).
    fn list_ui(&mut self, ui: &mut egui::Ui, model: &Model) {
        if model.decisions.is_empty() {
            ui.label(
                RichText::new(
                    "No decisions yet. Add one to say who holds a function in law and who takes \
                     it; icsmap then checks its route.",
                )
                .weak(),
            );
            return;
        }
        let mut themes: BTreeMap<(bool, String), Vec<&Decision>> = BTreeMap::new();
        for d in &model.decisions {
            let theme = d.theme.trim();
            themes
                .entry((theme.is_empty(), theme.to_lowercase()))
                .or_default()
                .push(d);
        }
        for ((_, _), list) in themes {
            let title = match list[0].theme.trim() {
                "" => "No theme".to_string(),
                t => t.to_string(),
            };
            egui::CollapsingHeader::new(format!("{title} ({})", list.len()))
                .id_salt(("theme", title.to_lowercase()))
                .default_open(true)
                .show(ui, |ui| {
                    for d in list {
                        self.pick(ui, d);
                    }
                });
        }
    }

    /// One decision as a line to choose (or unchoose).
    fn pick(&mut self, ui: &mut egui::Ui, d: &Decision) {
        let chosen = self.selected.as_deref() == Some(d.id.as_str());
        let title = if d.title.trim().is_empty() {
            d.id.as_str()
        } else {
            d.title.trim()
        };
        if ui
            .selectable_label(chosen, title)
            .on_hover_text("Light its route on the canvas")
            .clicked()
        {
            self.selected = if chosen { None } else { Some(d.id.clone()) };
            self.lit = None;
        }
    }
}

/// The route's words as the panel shows them: egui's fonts have no arrow (→), so the
/// sentence's arrows become `›`.
pub fn on_screen(sentence: &str) -> String {
    sentence.replace('→', "›")
}

fn decisions_count(n: usize) -> String {
    match n {
        0 => "no decisions".to_string(),
        1 => "1 decision:".to_string(),
        n => format!("{n} decisions:"),
    }
}

/// The fields of decision `d`, edited in place; a field's edits from focus to blur are one
/// undo step. A decision still called `new-decision…` takes its id from its title as the
/// title is typed; returns the new id then.
fn fields_ui(ui: &mut egui::Ui, doc: &mut Document, d: usize) -> Option<String> {
    let decision = doc.model().decisions[d].clone();
    let mut renamed = None;
    let renamed_ref = &mut renamed;
    type Field = fn(&mut Decision) -> &mut String;
    let texts: [(&str, Field, bool); 7] = [
        ("Decision", |d| &mut d.title, true),
        ("Theme", |d| &mut d.theme, false),
        ("Basis", |d| &mut d.basis, false),
        ("Lead", |d| &mut d.lead, false),
        ("Assurance", |d| &mut d.assurance, true),
        ("Reference", |d| &mut d.reference, false),
        ("Notes", |d| &mut d.notes, true),
    ];
    egui::Grid::new("decision-fields")
        .num_columns(2)
        .striped(false)
        .show(ui, |ui| {
            let renamed = renamed_ref;
            for (label, field, multiline) in texts {
                if label == "Basis" {
                    bodies_rows(ui, doc, d, &decision);
                }
                let mut copy = decision.clone();
                let text = field(&mut copy);
                let l = ui.label(label);
                let edit = if multiline {
                    egui::TextEdit::multiline(text).desired_rows(2)
                } else {
                    egui::TextEdit::singleline(text)
                };
                let r = ui
                    .add(edit.desired_width(ui.available_width().max(160.0)))
                    .labelled_by(l.id);
                if r.gained_focus() {
                    doc.end_gesture();
                    doc.begin_gesture(&format!("Edit decision {}", label.to_lowercase()));
                }
                if r.changed() {
                    let value = text.clone();
                    let new_id = (label == "Decision" && decision.id.starts_with("new-decision"))
                        .then(|| fresh_id(doc.model(), &value, d));
                    doc.gesture_change(|m| {
                        *field(&mut m.decisions[d]) = value;
                        if let Some(id) = &new_id {
                            m.decisions[d].id = id.clone();
                        }
                    });
                    if new_id.is_some() {
                        *renamed = new_id;
                    }
                }
                if r.lost_focus() {
                    doc.end_gesture();
                }
                ui.end_row();
            }
        });
    renamed
}

/// An id made from `title`, used by no decision but the one at `except`.
fn fresh_id(model: &Model, title: &str, except: usize) -> String {
    let base = slug(title);
    let taken = |id: &str| {
        model
            .decisions
            .iter()
            .enumerate()
            .any(|(k, x)| k != except && x.id == id)
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// Holder and taker, chosen among the model's bodies.
fn bodies_rows(ui: &mut egui::Ui, doc: &mut Document, d: usize, decision: &Decision) {
    let model = doc.model();
    let name_of = |id: &str| {
        model
            .node(id)
            .map_or_else(|| id.to_string(), |n| n.display_name().to_string())
    };
    let bodies: Vec<(String, String)> = model
        .nodes
        .iter()
        .map(|n| (n.id.clone(), n.display_name().to_string()))
        .collect();
    let mut holder = decision.holder.clone();
    ui.label("Holder");
    egui::ComboBox::from_id_salt("decision-holder")
        .selected_text(name_of(&holder))
        .width(ui.available_width().max(160.0))
        .show_ui(ui, |ui| {
            for (id, name) in &bodies {
                ui.selectable_value(&mut holder, id.clone(), name);
            }
        });
    ui.end_row();
    let mut taker = decision.taken_by.clone();
    ui.label("Taken by");
    egui::ComboBox::from_id_salt("decision-taker")
        .selected_text(
            taker
                .as_deref()
                .map_or_else(|| "Reserved (the holder takes it)".to_string(), name_of),
        )
        .width(ui.available_width().max(160.0))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut taker, None, "Reserved (the holder takes it)");
            for (id, name) in &bodies {
                ui.selectable_value(&mut taker, Some(id.clone()), name);
            }
        });
    ui.end_row();
    if holder != decision.holder {
        doc.edit("Change decision holder", |m| m.decisions[d].holder = holder);
    }
    if taker != decision.taken_by {
        doc.edit("Change who takes the decision", |m| {
            m.decisions[d].taken_by = taker
        });
    }
}

/// A new decision held by `holder` (reserved to it), with an id not yet used; returns the
/// id.
pub fn add_decision(model: &mut Model, holder: &str) -> String {
    let base = "new-decision";
    let id = (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !model.decisions.iter().any(|d| &d.id == id))
        .unwrap_or_else(|| base.to_string());
    model
        .decisions
        .push(Decision::new(id.clone(), "New decision", holder));
    id
}

/// The body a new decision is held by: the selected body, else the first ICB, else the
/// first body.
pub fn default_holder(model: &Model, selection: &Selection) -> Option<String> {
    selection
        .single_node()
        .filter(|id| model.node(id).is_some())
        .map(str::to_string)
        .or_else(|| {
            model
                .nodes
                .iter()
                .find(|n| n.kind == NodeKind::IntegratedCareBoard)
                .or(model.nodes.first())
                .map(|n| n.id.clone())
        })
}

impl Editor {
    /// Adds a decision (held by the selected body, or the ICB) and chooses it.
    pub(crate) fn add_decision(&mut self) {
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(holder) = default_holder(doc.model(), &self.selection) else {
            return;
        };
        // A field still being typed in is one step; this is the next.
        doc.end_gesture();
        let id = doc.edit("Add decision", |m| add_decision(m, &holder));
        self.decisions.selected = Some(id);
        self.view.decisions = true;
    }

    /// Deletes the chosen decision.
    pub(crate) fn delete_decision(&mut self) {
        let (Some(doc), Some(id)) = (self.doc.as_mut(), self.decisions.selected.take()) else {
            return;
        };
        doc.end_gesture();
        doc.edit("Delete decision", |m| m.decisions.retain(|d| d.id != id));
    }

    /// Chooses a decision (a finding about it was clicked): opens the panel and lights its
    /// route.
    pub(crate) fn show_decision(&mut self, id: &str) {
        if self
            .model()
            .is_some_and(|m| m.decisions.iter().any(|d| d.id == id))
        {
            self.decisions.selected = Some(id.to_string());
            self.view.decisions = true;
            if let Some(doc) = self.doc.as_ref() {
                self.decisions.refresh(doc, self.view.dark);
            }
        }
    }
}

/// Dims the diagram and draws the lit route over it: the route's bodies and links at full
/// strength, a highlighter under its lines and round its boxes.
pub(crate) fn paint_route(
    editor: &mut Editor,
    painter: &egui::Painter,
    transform: &egui::emath::TSTransform,
    view: geom::Rect,
    scene: &Scene,
) {
    let dark = editor.view.dark;
    if let Some(doc) = editor.doc.as_ref() {
        editor.decisions.refresh(doc, dark);
    }
    let Some(lit) = editor.decisions.lit.as_ref() else {
        return;
    };
    let style = Style::for_theme(dark);
    painter.rect_filled(
        painter.clip_rect(),
        0.0,
        paint::color(style.background).gamma_multiply(0.78),
    );
    let glow = Color32::from_rgba_unmultiplied(0xff, 0xb8, 0x1c, 150);
    let width = (9.0 * transform.scaling).clamp(4.0, 14.0);
    for &l in &lit.links {
        if let Some(Some(path)) = scene.links.get(l) {
            let points: Vec<_> = path.iter().map(|p| to_screen(transform, *p)).collect();
            painter.add(egui::Shape::line(points, Stroke::new(width, glow)));
        }
    }
    for &n in &lit.nodes {
        if let Some(Some(r)) = scene.nodes.get(n) {
            painter.rect_filled(rect_to_screen(transform, *r).expand(width * 0.6), 6.0, glow);
        }
    }
    paint::paint_scene(painter, &lit.scene, transform, view);
    for &n in &lit.nodes {
        if let Some(Some(r)) = scene.nodes.get(n) {
            painter.rect_stroke(
                rect_to_screen(transform, *r).expand(2.0),
                4.0,
                Stroke::new(2.0, Color32::from_rgb(0xb2, 0x6b, 0x00)),
                StrokeKind::Outside,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    #[test]
    fn new_decisions_get_fresh_ids_and_are_reserved_to_their_holder() {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("trust", NodeKind::NhsTrust, "Trust"));
        m.nodes
            .push(Node::new("icb", NodeKind::IntegratedCareBoard, "ICB"));
        let holder = default_holder(&m, &Selection::default()).unwrap();
        assert_eq!(holder, "icb", "the ICB when nothing is selected");
        assert_eq!(
            default_holder(&m, &Selection::only_node("trust")).as_deref(),
            Some("trust")
        );
        assert_eq!(add_decision(&mut m, &holder), "new-decision");
        assert_eq!(add_decision(&mut m, &holder), "new-decision-2");
        assert!(m.decisions.iter().all(Decision::is_reserved));
    }
}
