//! The drawing area: pan and zoom (on `egui::Scene`), picking bodies and links with the
//! mouse, moving them, rubber-band selection, drawing links from a body's handle, and
//! bodies dropped from the palette.

use egui::emath::TSTransform;
use egui::{
    Color32, CursorIcon, DragPanButtons, Modifiers, PointerButton, Pos2, Rect, Stroke, StrokeKind,
    Vec2,
};

use super::Editor;
use super::edits;
use super::paint::{self, rect_to_screen, to_screen};
use super::selection::Selection;
use crate::geom;
use crate::model::{NodeKind, Point};
use crate::scene::{self, Scene, SceneOptions, Style};

/// Grid spacing in points; moved bodies snap to it when the grid is on.
pub const GRID: f64 = 10.0;
/// How near (on screen) the pointer must be to a line to pick it.
const PICK_LINE_PX: f32 = 6.0;
/// Radius of the handle links are drawn from, on screen.
const HANDLE_PX: f32 = 7.0;

/// What the canvas keeps between frames.
pub struct CanvasState {
    /// The part of the model in view (egui::Scene's state).
    pub scene_rect: Rect,
    /// Fit the view to the model on the next frame (a model was opened).
    pub fit_next_frame: bool,
    drag: Option<Drag>,
    cache: Option<CachedScene>,
    /// Last frame's model → screen transform, for commands such as zoom and centre.
    pub transform: Option<TSTransform>,
    /// The canvas's area on screen last frame.
    pub screen_rect: Rect,
}

impl Default for CanvasState {
    fn default() -> CanvasState {
        CanvasState {
            scene_rect: Rect::NOTHING,
            fit_next_frame: true,
            drag: None,
            cache: None,
            transform: None,
            screen_rect: Rect::NOTHING,
        }
    }
}

struct CachedScene {
    key: SceneKey,
    scene: Scene,
}

#[derive(Clone, PartialEq)]
struct SceneKey {
    revision: u64,
    dark: bool,
    legend: bool,
}

enum Drag {
    /// Bodies being moved: where each started, and where the pointer grabbed.
    Move {
        starts: Vec<(String, Point)>,
        grab: geom::Pos,
    },
    Rubber {
        start: geom::Pos,
        current: geom::Pos,
        add: bool,
    },
    Link {
        from: String,
        current: geom::Pos,
    },
    Pan,
}

/// A link drawn between two bodies, waiting for its kind to be chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingLink {
    pub from: String,
    pub to: String,
    pub at: Pos2,
}

impl CanvasState {
    /// Makes sure the cached scene is the one for this model and view, rebuilding it only
    /// when either changed.
    fn refresh(
        &mut self,
        model: &crate::model::Model,
        revision: u64,
        dark: bool,
        legend: bool,
        findings: &[crate::rules::Finding],
    ) {
        let key = SceneKey {
            revision,
            dark,
            legend,
        };
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            let style = if dark { Style::dark() } else { Style::print() };
            let mut options = SceneOptions::for_model(model);
            options.legend = legend;
            options.title = legend;
            options.badges = scene::badges_for(model, findings);
            let scene = scene::build(model, &style, &options);
            self.cache = Some(CachedScene { key, scene });
        }
    }

    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// The scene as last drawn (for hit tests outside the canvas: right-click, tooltips).
    pub(crate) fn scene(&self) -> Option<&Scene> {
        self.cache.as_ref().map(|c| &c.scene)
    }
}

/// The view that shows `area` (model coordinates) whole, with a margin.
pub fn fit_rect(area: geom::Rect) -> Rect {
    let r = area.expand(40.0);
    Rect::from_min_max(Pos2::new(r.min.x, r.min.y), Pos2::new(r.max.x, r.max.y))
}

pub fn canvas_ui(editor: &mut Editor, ui: &mut egui::Ui) {
    let Some(doc) = editor.doc.as_ref() else {
        return;
    };
    editor.canvas.refresh(
        doc.model(),
        doc.revision(),
        editor.view.dark,
        editor.view.legend,
        doc.findings(),
    );
    // The scene is lent out for the frame, so the editor can be changed while it is read.
    let Some(cached) = editor.canvas.cache.take() else {
        return;
    };
    canvas_frame(editor, ui, &cached.scene);
    if editor.canvas.cache.is_none() {
        editor.canvas.cache = Some(cached);
    }
}

fn canvas_frame(editor: &mut Editor, ui: &mut egui::Ui, scene: &Scene) {
    let dark = editor.view.dark;
    let style = if dark { Style::dark() } else { Style::print() };
    let bounds = scene.bounds;
    if editor.canvas.fit_next_frame
        || !editor.canvas.scene_rect.is_finite()
        || editor.canvas.scene_rect.area() <= 0.0
    {
        // Fit the model, but never zoom in past 100%: a model of one body should not fill
        // the screen.
        let wanted = fit_rect(bounds);
        let screen = ui.available_rect_before_wrap().size();
        let size = Vec2::new(wanted.width().max(screen.x), wanted.height().max(screen.y));
        editor.canvas.scene_rect = Rect::from_center_size(wanted.center(), size);
        editor.canvas.fit_next_frame = false;
    }
    // Pan with the middle button inside Scene; the primary button's drags are ours (they
    // move bodies, draw links and rubber bands, or pan when they start on empty space).
    let mut layer = None;
    let scene_response = egui::Scene::new()
        .zoom_range(0.02..=6.0)
        .drag_pan_buttons(DragPanButtons::MIDDLE)
        .show(ui, &mut editor.canvas.scene_rect, |ui| {
            layer = Some(ui.layer_id());
        })
        .response;
    let ctx = ui.ctx().clone();
    let transform = layer
        .and_then(|l| ctx.layer_transform_to_global(l))
        .unwrap_or_default();
    let screen = ui.min_rect().intersect(ui.clip_rect());
    let screen = if screen.is_positive() {
        screen
    } else {
        scene_response.rect
    };
    editor.canvas.transform = Some(transform);
    editor.canvas.screen_rect = screen;
    let inverse = transform.inverse();
    let to_model = |p: Pos2| {
        let q = inverse * p;
        geom::Pos::new(q.x, q.y)
    };

    // Paint: ground, grid, the scene, then what only the editor shows.
    let painter = ui.painter_at(screen);
    painter.rect_filled(screen, 0.0, paint::color(style.background));
    let view = {
        let a = to_model(screen.min);
        let b = to_model(screen.max);
        geom::Rect { min: a, max: b }
    };
    if editor.view.grid {
        paint_grid(&painter, &transform, view, dark);
    }
    paint::paint_scene(&painter, scene, &transform, view);

    let pointer = ctx.input(|i| i.pointer.latest_pos());
    let modifiers = ctx.input(|i| i.modifiers);
    let hovered_node = pointer
        .filter(|p| screen.contains(*p))
        .and_then(|p| pick_node(scene, to_model(p)));
    let handle_node = handle_owner(editor, scene, hovered_node);
    let over_handle = |p: Pos2| {
        handle_node.is_some_and(|n| {
            scene.nodes[n].is_some_and(|r| handle_pos(&transform, r).distance(p) <= HANDLE_PX + 3.0)
        })
    };

    interact(
        editor,
        &ctx,
        scene,
        &scene_response,
        &transform,
        modifiers,
        handle_node,
        &over_handle,
    );

    // Selection, hover, handle, rubber band and the link being drawn.
    let accent = if dark {
        Color32::from_rgb(0x41, 0xb6, 0xe6)
    } else {
        Color32::from_rgb(0x00, 0x5e, 0xb8)
    };
    let Some(doc) = editor.doc.as_ref() else {
        return;
    };
    let model = doc.model();
    for i in editor.selection.node_positions(model) {
        if let Some(Some(r)) = scene.nodes.get(i) {
            painter.rect_stroke(
                rect_to_screen(&transform, *r).expand(4.0),
                4.0,
                Stroke::new(2.5, accent),
                StrokeKind::Outside,
            );
        }
    }
    for &l in &editor.selection.links {
        if let Some(Some(path)) = scene.links.get(l) {
            painter.line(
                path.iter().map(|p| to_screen(&transform, *p)).collect(),
                Stroke::new(6.0, accent.gamma_multiply(0.45)),
            );
        }
    }
    if let Some(n) = hovered_node
        && editor.canvas.drag.is_none()
        && let Some(Some(r)) = scene.nodes.get(n)
    {
        painter.rect_stroke(
            rect_to_screen(&transform, *r).expand(2.0),
            3.0,
            Stroke::new(1.0, accent.gamma_multiply(0.8)),
            StrokeKind::Outside,
        );
    }
    if let Some(n) = handle_node
        && let Some(Some(r)) = scene.nodes.get(n)
        && !matches!(editor.canvas.drag, Some(Drag::Move { .. }))
    {
        let at = handle_pos(&transform, *r);
        painter.circle(
            at,
            HANDLE_PX,
            paint::color(style.background),
            Stroke::new(2.0, accent),
        );
        painter.line_segment(
            [at - Vec2::new(3.5, 0.0), at + Vec2::new(3.5, 0.0)],
            Stroke::new(1.5, accent),
        );
        painter.line_segment(
            [at - Vec2::new(0.0, 3.5), at + Vec2::new(0.0, 3.5)],
            Stroke::new(1.5, accent),
        );
        if pointer.is_some_and(over_handle) {
            ctx.set_cursor_icon(CursorIcon::Crosshair);
        }
    }
    match &editor.canvas.drag {
        Some(Drag::Rubber { start, current, .. }) => {
            let r = Rect::from_two_pos(
                to_screen(&transform, *start),
                to_screen(&transform, *current),
            );
            painter.rect_filled(r, 0.0, accent.gamma_multiply(0.12));
            painter.rect_stroke(r, 0.0, Stroke::new(1.0, accent), StrokeKind::Inside);
        }
        Some(Drag::Link { from, current }) => {
            if let Some(i) = model.node_position(from)
                && let Some(Some(r)) = scene.nodes.get(i)
            {
                let start = rect_to_screen(&transform, *r).center();
                painter.arrow(
                    start,
                    to_screen(&transform, *current) - start,
                    Stroke::new(2.0, accent),
                );
            }
        }
        _ => {}
    }
    if let Some(kind) = editor.palette_drag
        && let Some(p) = pointer
    {
        // The body being dragged from the palette, under the pointer.
        let size =
            Vec2::new(crate::layout::NODE_WIDTH, crate::layout::NODE_HEIGHT) * transform.scaling;
        let look = style.node(kind.family());
        let r = Rect::from_center_size(p, size);
        painter.rect_filled(r, 6.0, paint::color(look.fill).gamma_multiply(0.7));
        painter.rect_stroke(
            r,
            6.0,
            Stroke::new(1.5, paint::color(look.border)),
            StrokeKind::Inside,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn interact(
    editor: &mut Editor,
    ctx: &egui::Context,
    scene: &Scene,
    response: &egui::Response,
    transform: &TSTransform,
    modifiers: Modifiers,
    handle_node: Option<usize>,
    over_handle: &dyn Fn(Pos2) -> bool,
) {
    let inverse = transform.inverse();
    let to_model = |p: Pos2| {
        let q = inverse * p;
        geom::Pos::new(q.x, q.y)
    };
    let adding = modifiers.shift || modifiers.command;
    let Some(doc) = editor.doc.as_mut() else {
        return;
    };

    // A body dropped from the palette.
    if let Some(kind) = editor.palette_drag
        && ctx.input(|i| i.pointer.any_released())
    {
        editor.palette_drag = None;
        if let Some(p) = ctx
            .input(|i| i.pointer.latest_pos())
            .filter(|p| editor.canvas.screen_rect.contains(*p))
        {
            let at = to_model(p);
            add_body(editor, kind, Point::new(f64::from(at.x), f64::from(at.y)));
        }
        return;
    }

    if response.drag_started_by(PointerButton::Primary) {
        let origin = ctx.input(|i| i.pointer.press_origin()).unwrap_or_default();
        let at = to_model(origin);
        let model = doc.model();
        editor.canvas.drag = Some(if over_handle(origin) {
            let from = handle_node
                .map(|n| model.nodes[n].id.clone())
                .unwrap_or_default();
            Drag::Link { from, current: at }
        } else if let Some(n) = pick_node(scene, at) {
            let id = model.nodes[n].id.clone();
            if !editor.selection.nodes.contains(&id) {
                if adding {
                    editor.selection.nodes.insert(id);
                } else {
                    editor.selection = Selection::only_node(&id);
                }
            }
            let starts = model
                .nodes
                .iter()
                .filter(|n| editor.selection.nodes.contains(&n.id))
                .map(|n| (n.id.clone(), n.at))
                .collect();
            doc.begin_gesture("Move");
            Drag::Move { starts, grab: at }
        } else if adding {
            Drag::Rubber {
                start: at,
                current: at,
                add: true,
            }
        } else {
            Drag::Pan
        });
    }

    if response.dragged_by(PointerButton::Primary)
        || response.drag_stopped_by(PointerButton::Primary)
    {
        let current = ctx.input(|i| i.pointer.latest_pos()).map(to_model);
        match (&mut editor.canvas.drag, current) {
            (Some(Drag::Move { starts, grab }), Some(now)) => {
                let (mut dx, mut dy) = (f64::from(now.x - grab.x), f64::from(now.y - grab.y));
                if editor.view.grid
                    && let Some((_, first)) = starts.first()
                {
                    // Snap the grabbed group by its first body; the others keep their spacing.
                    dx = snap(first.x + dx) - first.x;
                    dy = snap(first.y + dy) - first.y;
                }
                let places: Vec<(String, Point)> = starts
                    .iter()
                    .map(|(id, p)| (id.clone(), Point::new(p.x + dx, p.y + dy)))
                    .collect();
                doc.gesture_change(|m| edits::place_nodes(m, &places));
            }
            (Some(Drag::Rubber { current: c, .. }), Some(now)) => *c = now,
            (Some(Drag::Link { current: c, .. }), Some(now)) => *c = now,
            (Some(Drag::Pan), _) => {
                let delta = response.drag_delta();
                // The drag delta is in the Scene layer's own (model) units.
                editor.canvas.scene_rect = editor.canvas.scene_rect.translate(-delta);
            }
            _ => {}
        }
    }

    if response.drag_stopped_by(PointerButton::Primary) {
        match editor.canvas.drag.take() {
            Some(Drag::Move { .. }) => doc.end_gesture(),
            Some(Drag::Rubber {
                start,
                current,
                add,
            }) => {
                let band = geom::Rect::around([start, current]).unwrap_or(geom::Rect {
                    min: start,
                    max: start,
                });
                let model = doc.model();
                if !add {
                    editor.selection.clear();
                }
                for (i, r) in scene.nodes.iter().enumerate() {
                    if r.is_some_and(|r| band.intersects(&r)) {
                        editor.selection.nodes.insert(model.nodes[i].id.clone());
                    }
                }
                for (l, seg) in scene.links.iter().enumerate() {
                    if seg
                        .as_ref()
                        .is_some_and(|path| path.iter().all(|p| band.contains(*p)))
                    {
                        editor.selection.links.insert(l);
                    }
                }
            }
            Some(Drag::Link { from, current }) => {
                if let Some(n) = pick_node(scene, current) {
                    let to = doc.model().nodes[n].id.clone();
                    if to != from {
                        let at = ctx.input(|i| i.pointer.latest_pos()).unwrap_or_default();
                        editor.pending_link = Some(PendingLink { from, to, at });
                    }
                }
            }
            Some(Drag::Pan) | None => {}
        }
    }

    if response.clicked_by(PointerButton::Primary) {
        let at = ctx
            .input(|i| i.pointer.interact_pos())
            .map(to_model)
            .unwrap_or_default();
        let model = doc.model();
        if let Some(n) = pick_node(scene, at) {
            let id = model.nodes[n].id.clone();
            if adding {
                editor.selection.toggle_node(&id);
            } else {
                editor.selection = Selection::only_node(&id);
            }
        } else if let Some(l) = pick_link(scene, at, PICK_LINE_PX / transform.scaling) {
            if adding {
                editor.selection.toggle_link(l);
            } else {
                editor.selection = Selection::only_link(l);
            }
        } else if !adding {
            editor.selection.clear();
        }
        editor.pending_link = None;
    }
    // Double-clicking a body edits its name.
    if response.double_clicked()
        && let Some(at) = ctx.input(|i| i.pointer.interact_pos()).map(to_model)
        && let Some(n) = pick_node(scene, at)
        && editor.selection.single_node() == Some(doc.model().nodes[n].id.as_str())
    {
        editor.focus_name = true;
    }
}

/// Adds a body of `kind` at `at` and selects it.
pub fn add_body(editor: &mut Editor, kind: NodeKind, at: Point) {
    let grid = editor.view.grid;
    let Some(doc) = editor.doc.as_mut() else {
        return;
    };
    let at = if grid {
        Point::new(snap(at.x), snap(at.y))
    } else {
        at
    };
    let id = doc.edit(&format!("Add {}", kind.display_name()), |m| {
        edits::add_node(m, kind, at)
    });
    editor.selection = Selection::only_node(&id);
    editor.focus_name = true;
}

/// Where a new body of `kind` goes when added without a place (a click in the palette):
/// on its tier's row (below the tiers above it, above the tiers below it), as near the
/// middle of the view as it can be without covering another body.
pub fn place_for(model: &crate::model::Model, kind: NodeKind, view_centre: Point) -> Point {
    use crate::layout::ROW_STEP;
    let index = crate::model::ModelIndex::new(model);
    let rank = kind.default_tier().rank();
    let ys = |pred: &dyn Fn(usize) -> bool| -> Vec<f64> {
        (0..model.nodes.len())
            .filter(|&i| pred(index.tier(i).rank()))
            .map(|i| model.nodes[i].at.y)
            .collect()
    };
    let same = ys(&|r| r == rank);
    let above = ys(&|r| r < rank);
    let below = ys(&|r| r > rank);
    let y = if !same.is_empty() {
        same.iter().sum::<f64>() / same.len() as f64
    } else if !above.is_empty() {
        above.iter().copied().fold(f64::NEG_INFINITY, f64::max) + ROW_STEP
    } else if !below.is_empty() {
        below.iter().copied().fold(f64::INFINITY, f64::min) - ROW_STEP
    } else {
        view_centre.y
    };
    free_spot(
        model,
        Point::new(view_centre.x, crate::model::file::round_to_tenth(y)),
    )
}

/// The nearest place to `at` where a new body covers no other: along its row first, then
/// on the rows just above and below.
pub fn free_spot(model: &crate::model::Model, at: Point) -> Point {
    use crate::layout::{COLUMN_STEP, NODE_HEIGHT, NODE_WIDTH, ROW_STEP};
    let taken = |p: Point| {
        let centre = geom::Pos::new(p.x as f32, p.y as f32);
        let probe = geom::Rect::from_center(centre, NODE_WIDTH + 16.0, NODE_HEIGHT + 16.0);
        model
            .nodes
            .iter()
            .any(|n| crate::layout::node_rect(n).intersects(&probe))
    };
    for dy in [0.0, 0.5, -0.5, 1.0, -1.0] {
        for step in 0..40i32 {
            // 0, +1, -1, +2, -2, …
            let dx = if step % 2 == 0 {
                step / 2
            } else {
                -(step + 1) / 2
            };
            let p = Point::new(at.x + f64::from(dx) * COLUMN_STEP, at.y + dy * ROW_STEP);
            if !taken(p) {
                return p;
            }
        }
    }
    at
}

fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// The topmost body under `p`.
pub fn pick_node(scene: &Scene, p: geom::Pos) -> Option<usize> {
    scene
        .nodes
        .iter()
        .enumerate()
        .rev()
        .find(|(_, r)| r.is_some_and(|r| r.contains(p)))
        .map(|(i, _)| i)
}

/// The link nearest `p` within `tolerance` (model units).
pub fn pick_link(scene: &Scene, p: geom::Pos, tolerance: f32) -> Option<usize> {
    scene
        .links
        .iter()
        .enumerate()
        .filter_map(|(l, path)| {
            let path = path.as_ref()?;
            let d = path
                .windows(2)
                .map(|s| geom::distance_to_segment(p, s[0], s[1]))
                .fold(f32::INFINITY, f32::min);
            Some((l, d))
        })
        .filter(|(_, d)| *d <= tolerance)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(l, _)| l)
}

/// The body that shows a link handle: the hovered one, else the only selected one.
fn handle_owner(editor: &Editor, scene: &Scene, hovered: Option<usize>) -> Option<usize> {
    if let Some(Drag::Link { from, .. }) = &editor.canvas.drag {
        return editor
            .doc
            .as_ref()
            .and_then(|d| d.model().node_position(from));
    }
    hovered.or_else(|| {
        let doc = editor.doc.as_ref()?;
        let id = editor.selection.single_node()?;
        doc.model()
            .node_position(id)
            .filter(|&i| scene.nodes.get(i).is_some_and(|r| r.is_some()))
    })
}

/// Where a body's link handle sits on screen: just off its right edge.
fn handle_pos(t: &TSTransform, r: geom::Rect) -> Pos2 {
    let screen = rect_to_screen(t, r);
    Pos2::new(screen.max.x + HANDLE_PX + 2.0, screen.center().y)
}

fn paint_grid(painter: &egui::Painter, t: &TSTransform, view: geom::Rect, dark: bool) {
    let step = GRID as f32 * 2.0;
    if step * t.scaling < 8.0 {
        return;
    }
    let colour = if dark {
        Color32::from_white_alpha(14)
    } else {
        Color32::from_black_alpha(18)
    };
    let stroke = Stroke::new(1.0, colour);
    let mut x = (view.min.x / step).floor() * step;
    while x <= view.max.x {
        painter.line_segment(
            [
                to_screen(t, geom::Pos::new(x, view.min.y)),
                to_screen(t, geom::Pos::new(x, view.max.y)),
            ],
            stroke,
        );
        x += step;
    }
    let mut y = (view.min.y / step).floor() * step;
    while y <= view.max.y {
        painter.line_segment(
            [
                to_screen(t, geom::Pos::new(view.min.x, y)),
                to_screen(t, geom::Pos::new(view.max.x, y)),
            ],
            stroke,
        );
        y += step;
    }
}

/// Centres the view on `area` (model coordinates), zooming out if it does not fit.
pub fn centre_on(editor: &mut Editor, area: geom::Rect) {
    let current = editor.canvas.scene_rect;
    let size = current.size();
    let wanted = fit_rect(area);
    let size = Vec2::new(size.x.max(wanted.width()), size.y.max(wanted.height()));
    editor.canvas.scene_rect = Rect::from_center_size(wanted.center(), size);
}

/// Zooms the view by `factor` about its centre.
pub fn zoom(editor: &mut Editor, factor: f32) {
    let r = editor.canvas.scene_rect;
    editor.canvas.scene_rect = Rect::from_center_size(r.center(), r.size() / factor);
}

impl Editor {
    /// Where the body with this id is on screen (its centre), as last drawn.
    pub fn screen_centre_of(&self, id: &str) -> Option<Pos2> {
        let t = self.canvas.transform?;
        let node = self.model()?.node(id)?;
        Some(rect_to_screen(&t, crate::layout::node_rect(node)).center())
    }

    /// Where the link handle of the body with this id is on screen.
    pub fn handle_of(&self, id: &str) -> Option<Pos2> {
        let t = self.canvas.transform?;
        let node = self.model()?.node(id)?;
        Some(handle_pos(&t, crate::layout::node_rect(node)))
    }

    /// Every text the canvas draws, in painting order.
    pub fn canvas_texts(&self) -> Vec<String> {
        self.canvas
            .cache
            .as_ref()
            .map(|c| {
                c.scene
                    .shapes
                    .iter()
                    .filter_map(|s| match s {
                        crate::scene::Shape::Text(t) => Some(t.text.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The canvas's area on screen, as last drawn.
    pub fn canvas_rect(&self) -> Rect {
        self.canvas.screen_rect
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Model, Node};

    #[test]
    fn a_new_body_goes_on_its_tier_row_without_covering_another() {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("pb", NodeKind::PartnershipBoard, "Board").at(0.0, 0.0));
        m.nodes
            .push(Node::new("pcn", NodeKind::PrimaryCareNetwork, "PCN").at(0.0, 300.0));
        // A council (Place) goes between the system row and the neighbourhood row.
        let council = place_for(&m, NodeKind::LocalAuthority, Point::new(0.0, 0.0));
        assert!(council.y > 0.0 && council.y < 300.0, "{council:?}");
        // A second board shares the first one's row, beside it.
        let board = place_for(&m, NodeKind::PartnershipBoard, Point::new(0.0, 0.0));
        assert_eq!(board.y, 0.0);
        assert!(board.x.abs() >= crate::layout::COLUMN_STEP - 0.1);
        // In an empty model, the middle of the view.
        let first = place_for(&Model::new("e"), NodeKind::NhsTrust, Point::new(40.0, 50.0));
        assert_eq!(first, Point::new(40.0, 50.0));
    }
}
