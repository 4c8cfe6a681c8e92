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

/// What is under a point of the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
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
            Hit::Body(id) if several && self.selection.nodes.contains(id) => Target::Selection,
            Hit::Link(l) if several && self.selection.links.contains(l) => Target::Selection,
            Hit::Body(id) => {
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
}
