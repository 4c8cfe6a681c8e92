//! Right-click menus on the canvas: on a body, a link, a selection or empty canvas, each
//! with the commands that apply there (drawn from the `Command` list, with shortcuts).
//! As in draw.io or PowerPoint, a right-click on something not selected selects it first.

use egui::{Pos2, Vec2};

use super::app::{Action, Editor};
use super::canvas;
use super::command::Target;
use super::menus;
use super::selection::Selection;
use crate::geom;
use crate::model::{LinkKind, Model, ModelIndex};
use crate::rules::Finding;
use crate::scene;

/// What is under a point of the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A body's finding badge, by the body's id.
    Badge(String),
    /// A body, by id.
    Body(String),
    /// A link, by position in the model.
    Link(usize),
    /// Empty canvas.
    Empty,
}

/// How near (on screen) a right-click must be to a line to land on it.
const PICK_LINE_PX: f32 = 6.0;

impl Editor {
    /// What is under the screen point `p`, as the canvas was last drawn; `None` outside it.
    pub fn hit_at(&self, p: Pos2) -> Option<Hit> {
        if !self.canvas.screen_rect.contains(p) {
            return None;
        }
        let (Some(t), Some(scene), Some(model)) =
            (self.canvas.transform, self.canvas.scene(), self.model())
        else {
            return None;
        };
        let q = t.inverse() * p;
        let at = geom::Pos::new(q.x, q.y);
        // Badges sit on the bodies' corners, over everything else.
        let badge = scene.nodes.iter().enumerate().rev().find_map(|(i, r)| {
            let r = (*r)?;
            let has_findings = model
                .nodes
                .get(i)
                .is_some_and(|n| self.findings_of(&n.id).next().is_some());
            (has_findings && scene::badge_centre(r).distance(at) <= scene::BADGE_RADIUS + 1.0)
                .then(|| Hit::Badge(model.nodes[i].id.clone()))
        });
        if badge.is_some() {
            return badge;
        }
        if let Some(i) = canvas::pick_node(scene, at) {
            return model.nodes.get(i).map(|n| Hit::Body(n.id.clone()));
        }
        if let Some(l) = canvas::pick_link(scene, at, PICK_LINE_PX / t.scaling) {
            return Some(Hit::Link(l));
        }
        Some(Hit::Empty)
    }

    /// Opens a right-click menu for a secondary click on the canvas, and draws the open one.
    pub(crate) fn context_menu_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let id = egui::Id::unique("canvas-context-menu");
        let mut opening = false;
        let click = ctx.input(|i| {
            i.pointer
                .button_clicked(egui::PointerButton::Secondary)
                .then(|| i.pointer.interact_pos())
                .flatten()
        });
        // Only a click on the canvas itself (not on a window or menu over it).
        let on_canvas = |p: Pos2| {
            ctx.layer_id_at(p)
                .is_none_or(|l| l.order == egui::Order::Background)
        };
        if let Some(p) = click.filter(|p| on_canvas(*p))
            && let Some(hit) = self.hit_at(p)
        {
            let target = self.select_for_menu(&hit);
            self.context = Some((target, p));
            self.pending_link = None;
            opening = true;
        }
        let Some((target, at)) = self.context else {
            return;
        };
        let look = |c| self.look(c);
        let shown = egui::Popup::new(
            id,
            ctx.clone(),
            egui::PopupAnchor::Position(at + Vec2::new(2.0, 2.0)),
            egui::LayerId::background(),
        )
        .kind(egui::PopupKind::Menu)
        .open_memory(opening.then_some(egui::SetOpenCommand::Bool(true)))
        .show(|ui| {
            ui.set_min_width(200.0);
            menus::context_menu(ui, target, &look)
        });
        match shown {
            Some(r) => actions.extend(r.inner),
            None => self.context = None,
        }
    }

    /// Selects what a right-click landed on (unless it is part of the selection) and says
    /// which menu applies.
    fn select_for_menu(&mut self, hit: &Hit) -> Target {
        let several = self.selection.nodes.len() + self.selection.links.len() > 1;
        match hit {
            Hit::Body(id) | Hit::Badge(id) if several && self.selection.nodes.contains(id) => {
                Target::Selection
            }
            Hit::Link(l) if several && self.selection.links.contains(l) => Target::Selection,
            Hit::Body(id) | Hit::Badge(id) => {
                self.selection = Selection::only_node(id);
                Target::Body
            }
            Hit::Link(l) => {
                self.selection = Selection::only_link(*l);
                Target::Link
            }
            Hit::Empty => {
                self.selection.clear();
                Target::Canvas
            }
        }
    }

    /// The findings that concern the body with this id.
    fn findings_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.doc
            .as_ref()
            .map(|d| d.findings())
            .unwrap_or_default()
            .iter()
            .filter(move |f| f.nodes.iter().any(|n| n == id))
    }

    /// A tooltip for what the pointer rests on: a body (name, kind, statutory force, its
    /// findings), a badge (the findings) or a link (the sentence it reads as).
    pub(crate) fn canvas_tooltip_ui(&mut self, ctx: &egui::Context) {
        let busy = ctx.input(|i| i.pointer.any_down())
            || self.context.is_some()
            || self.pending_link.is_some()
            || self.palette_drag.is_some()
            || egui::Popup::is_any_open(ctx);
        let Some(p) = ctx.pointer_hover_pos() else {
            return;
        };
        if busy
            || ctx
                .layer_id_at(p)
                .is_some_and(|l| l.order != egui::Order::Background)
        {
            return;
        }
        let still_for = ctx.input(|i| i.pointer.time_since_last_movement());
        let delay = ctx.global_style().interaction.tooltip_delay;
        if still_for < delay {
            ctx.request_repaint_after_secs(delay - still_for + 0.02);
            return;
        }
        let Some(hit) = self.hit_at(p) else { return };
        let Some(text) = self.tooltip_text(&hit) else {
            return;
        };
        egui::Area::new(egui::Id::unique("canvas-tooltip"))
            .order(egui::Order::Tooltip)
            .fixed_pos(p + Vec2::new(14.0, 18.0))
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(380.0);
                    let mut lines = text.lines();
                    if let Some(first) = lines.next() {
                        ui.label(egui::RichText::new(first).strong());
                    }
                    for line in lines {
                        ui.label(line);
                    }
                });
            });
    }

    /// The words of the tooltip for `hit`, one line a paragraph.
    pub fn tooltip_text(&self, hit: &Hit) -> Option<String> {
        let model = self.model()?;
        match hit {
            Hit::Empty => None,
            Hit::Body(id) => Some(body_tip(model, id, self.findings_of(id))),
            Hit::Badge(id) => {
                let findings: Vec<&Finding> = self.findings_of(id).collect();
                let name = model.node(id)?.display_name();
                let mut text = format!(
                    "{}: {}",
                    name,
                    super::status::count(findings.len(), "finding", "findings")
                );
                for f in findings {
                    text.push_str(&format!("\n{} {}: {}", f.severity, f.rule, f.message));
                }
                Some(text)
            }
            Hit::Link(l) => {
                let link = model.links.get(*l)?;
                let from = model.node(&link.from)?.display_name();
                let to = model.node(&link.to)?.display_name();
                let mut text = link.kind.sentence(from, to);
                let detail = match link.kind {
                    LinkKind::Membership => &link.role,
                    LinkKind::Delegation => &link.purpose,
                    _ => &link.label,
                };
                if !detail.trim().is_empty() {
                    text.push_str(&format!(" ({})", detail.trim()));
                }
                text.push_str(&format!("\n{} link", link.kind.display_name()));
                let findings = self
                    .doc
                    .as_ref()
                    .map(|d| d.findings())
                    .unwrap_or_default()
                    .iter()
                    .filter(|f| f.links.contains(l));
                for f in findings {
                    text.push_str(&format!("\n{} {}: {}", f.severity, f.rule, f.message));
                }
                Some(text)
            }
        }
    }
}

/// A body's tooltip: its name, its kind, whether it has statutory force, its findings.
fn body_tip<'a>(model: &Model, id: &str, findings: impl Iterator<Item = &'a Finding>) -> String {
    let Some(i) = model.node_position(id) else {
        return String::new();
    };
    let node = &model.nodes[i];
    let index = ModelIndex::new(model);
    let force = if index.is_statutory(i) {
        "Statutory body (solid border)"
    } else {
        "No statutory force (dashed border)"
    };
    let mut text = format!(
        "{}\n{}\n{force}",
        node.display_name(),
        node.kind.display_name()
    );
    let findings: Vec<&Finding> = findings.collect();
    if findings.is_empty() {
        text.push_str("\nNo findings");
    }
    for f in findings {
        text.push_str(&format!("\n{} {}: {}", f.severity, f.rule, f.message));
    }
    text
}
