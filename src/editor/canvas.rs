//! The drawing area: pan and zoom (on `egui::Scene`), and what the pointer does there.
//!
//! What the primary button does is one explicit [`Gesture`]: idle, pressed (on a handle, a
//! body, a line or empty canvas, captured at the press in that order of priority), then
//! panning, moving, linking, drawing a rubber band or bending a line. Nothing that happens to
//! be near the pointer later changes what a drag does.

use egui::emath::TSTransform;
use egui::{
    Color32, CursorIcon, DragPanButtons, PointerButton, Pos2, Rect, Stroke, StrokeKind, Vec2,
};

use super::Editor;
use super::careful::{Order, careful_scene};
use super::document::Key;
use super::edits;
use super::inspector::NameCommitted;
use super::paint::{self, rect_to_screen, to_screen};
use super::selection::Selection;
use super::worker::{Outcome, Worker};
use crate::geom;
use crate::model::{NodeKind, Point, Tier};
use crate::route::Care;
use crate::scene::{self, Scene, SceneOptions, Style};

/// Grid spacing in points; moved bodies snap to it when the grid is on.
pub const GRID: f64 = 10.0;
/// How near (on screen) the pointer must be to a line to pick it.
const PICK_LINE_PX: f32 = 6.0;
/// Radius of the handle links are drawn from, on screen: 16 px across at every zoom.
const HANDLE_PX: f32 = 8.0;
/// How near (on screen) a press must be to a handle's centre to take it.
const HANDLE_HIT_PX: f32 = HANDLE_PX + 3.0;
/// How far (on screen) the pointer moves with the button down before a press becomes a drag.
const DRAG_START_PX: f32 = 4.0;
/// How near (on screen) a link dropped beside a body still lands on it.
const DROP_SLACK_PX: f32 = 6.0;

/// What the canvas keeps between frames.
pub struct CanvasState {
    /// The part of the model in view (egui::Scene's state).
    pub scene_rect: Rect,
    /// Fit the view to the model on the next frame (a model was opened).
    pub fit_next_frame: bool,
    /// What the primary button is doing on the canvas.
    pub(crate) gesture: Gesture,
    /// The body whose handle shows because the pointer is on it (or on its handle).
    hover: Option<String>,
    /// Bodies added one after another (Ctrl+Enter in a new body's name), selected together
    /// when the last name is finished with Enter.
    pub(crate) series: Vec<Key>,
    cache: Option<CachedScene>,
    /// Last frame's model → screen transform, for commands such as zoom and centre.
    pub transform: Option<TSTransform>,
    /// The canvas's area on screen last frame.
    pub screen_rect: Rect,
    /// Routes lines with care on a second thread (`None`: on the UI thread, at once).
    worker: Option<Worker<SceneKey, Scene>>,
}

impl Default for CanvasState {
    fn default() -> CanvasState {
        CanvasState {
            scene_rect: Rect::NOTHING,
            fit_next_frame: true,
            gesture: Gesture::Idle,
            hover: None,
            series: Vec::new(),
            cache: None,
            transform: None,
            screen_rect: Rect::NOTHING,
            worker: None,
        }
    }
}

struct CachedScene {
    key: SceneKey,
    scene: Scene,
    /// What it was built with (lines with care), for the worker to build it again.
    options: SceneOptions,
    /// Its lines are routed with care, as an export routes them: nothing left for a worker.
    settled: bool,
}

/// Models with up to this many links get every line routed afresh when an edit settles, so
/// that the canvas draws what an export draws.
const FRESH_ROUTES_UP_TO: usize = 150;

#[derive(Clone, PartialEq)]
struct SceneKey {
    revision: u64,
    dark: bool,
    legend: bool,
    decision_map: bool,
    /// A drag or bend is under way: each frame re-routes only the lines it touches. When it
    /// ends the key changes and a small model's lines are routed afresh, so that the canvas
    /// shows what an export of the model draws.
    live: bool,
}

/// What a press of the primary button landed on, in order of priority: a link handle wins
/// over the body it overlaps, a body over a line, a line over empty canvas.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Grab {
    /// The link handle of this body.
    Handle(String),
    /// This body.
    Body {
        /// Its id.
        id: String,
        /// Whether the press selected it (so a Shift-click does not unselect it again).
        selected_by_press: bool,
    },
    /// This line (by position in the model).
    Line(usize),
    /// Nothing.
    Empty,
}

/// What the primary button is doing on the canvas: exactly one of these at a time.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum Gesture {
    /// The button is up.
    #[default]
    Idle,
    /// Down on `grab` at `origin` (on screen), not yet moved far enough to be a drag; let go
    /// here, it is a click.
    Pressed {
        grab: Grab,
        origin: Pos2,
        adding: bool,
    },
    /// Dragging empty canvas: the view follows the pointer (last seen at `last`, on screen).
    Panning { last: Pos2 },
    /// Dragging bodies: where each started, where the pointer grabbed, and the tier bands
    /// as they were (a body let go in another tier's band moves into that tier).
    Moving {
        starts: Vec<(String, Point)>,
        grab: geom::Pos,
        bands: Vec<(Tier, geom::Rect)>,
        /// How far they have been moved so far.
        by: (f64, f64),
    },
    /// Drawing a link from a body's handle.
    Linking { from: String, current: geom::Pos },
    /// Selecting what a rectangle touches.
    RubberBand {
        start: geom::Pos,
        current: geom::Pos,
        add: bool,
    },
    /// A drag called off with Esc: nothing happens until the button is let go.
    Cancelled,
    /// Dragging a line: it bends through the pointer. When it is let go, `bend_line` is
    /// called: the one place where a line's bend is to be stored (format 2 `via`).
    Bending {
        link: usize,
        grab: geom::Pos,
        current: geom::Pos,
    },
}

/// Links drawn between bodies, waiting for their kind to be chosen: `from` → `to` is the one
/// drawn; `more` are the others the drag made at once (from each selected body, or to each).
#[derive(Clone, Debug, PartialEq)]
pub struct PendingLink {
    /// The body the link was drawn from.
    pub from: String,
    /// The body it was dropped on.
    pub to: String,
    /// Further pairs made by the same drag (several bodies were selected).
    pub more: Vec<(String, String)>,
    /// Where the menu opens, on screen.
    pub at: Pos2,
    /// The kind the keyboard is on, by place in the menu.
    pub highlight: usize,
}

impl PendingLink {
    /// Every pair the chosen kind will link.
    pub fn pairs(&self) -> Vec<(String, String)> {
        std::iter::once((self.from.clone(), self.to.clone()))
            .chain(self.more.iter().cloned())
            .collect()
    }
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
        decision_map: bool,
        findings: &[crate::rules::Finding],
    ) {
        self.take_careful_lines();
        let live = matches!(
            self.gesture,
            Gesture::Moving { .. } | Gesture::Bending { .. }
        );
        let key = SceneKey {
            revision,
            dark,
            legend,
            decision_map,
            live,
        };
        let background = self.worker.is_some();
        let fresh = model.links.len() <= FRESH_ROUTES_UP_TO;
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            let mut options = SceneOptions::for_model(model);
            options.legend = legend;
            options.title = legend;
            options.badges = scene::badges_for(model, findings);
            options.decision_map = decision_map;
            let previous = self.cache.as_ref().map(|c| &c.scene);
            // Once an edit is done its lines are routed with care, as an export routes them
            // (`careful_scene`). On the UI thread that is done at once; with a worker, this
            // frame drafts what the edit touched (a short search minding only the boxes)
            // and the worker routes with care. The frames of a drag always draft.
            let (scene, settled) = if live || background {
                let mut drafting = options.clone();
                drafting.lines = Care::Draft;
                let scene = match previous {
                    Some(previous) => {
                        scene::build_after(model, &Style::for_theme(dark), &drafting, previous)
                    }
                    None => scene::build(model, &Style::for_theme(dark), &drafting),
                };
                // A larger model's lines routed where the edit touched them, none left a
                // draft, are what the worker would give back.
                let settled = !live && !fresh && scene.routes.drafted() == 0;
                (scene, settled)
            } else {
                let after = previous.filter(|_| !fresh);
                (careful_scene(model, dark, &options, after), true)
            };
            self.cache = Some(CachedScene {
                key: key.clone(),
                scene,
                options,
                settled,
            });
        }
        let Some(worker) = &mut self.worker else {
            return;
        };
        let Some(cached) = self.cache.as_mut().filter(|c| !c.settled && !c.key.live) else {
            return;
        };
        if worker.busy() {
            return;
        }
        let order = Order {
            model: model.clone(),
            dark,
            options: cached.options.clone(),
            after: (!fresh).then(|| cached.scene.clone()),
        };
        if let Err(job) = worker.start(key, move || order.carry_out()) {
            // No thread to be had: route here, as without a worker.
            cached.scene = job();
            cached.settled = true;
        }
    }

    /// Puts in the lines the worker routed with care, if it is done and they are for the
    /// scene shown now (the model or view may have changed since it started).
    fn take_careful_lines(&mut self) {
        if let Some(worker) = &mut self.worker {
            let outcome = worker.poll();
            self.put_in(outcome);
        }
    }

    fn put_in(&mut self, outcome: Outcome<SceneKey, Scene>) {
        let (key, scene) = match outcome {
            Outcome::Waiting => return,
            Outcome::Done(key, scene) => (key, Some(scene)),
            Outcome::Lost(key) => (key, None),
        };
        if let Some(cached) = self.cache.as_mut().filter(|c| c.key == key) {
            if let Some(scene) = scene {
                cached.scene = scene;
            }
            // A worker that died leaves the draft: asking again would only fail again.
            cached.settled = true;
        }
    }

    /// From now on the lines are routed with care on a second thread, and the frame after
    /// an edit shows them drafted until the worker is done (`careful.rs`).
    pub(crate) fn route_apart(&mut self, ctx: &egui::Context) {
        self.worker = Some(Worker::new(ctx.clone()));
    }

    /// Waits until the second thread has routed the lines with care, and shows them
    /// (tests; nothing when lines are routed on the UI thread).
    pub(crate) fn wait_for_careful_lines(&mut self) {
        if let Some(worker) = &mut self.worker {
            let outcome = worker.wait();
            self.put_in(outcome);
        }
    }

    /// Forgets the cached scene (a new model was opened).
    pub fn invalidate(&mut self) {
        self.cache = None;
        if let Some(worker) = &mut self.worker {
            worker.forget();
        }
    }

    /// The scene as last drawn (for hit tests outside the canvas: right-click, tooltips).
    pub(crate) fn scene(&self) -> Option<&Scene> {
        self.cache.as_ref().map(|c| &c.scene)
    }

    /// The part of the model in view, as last drawn (the view asked for before the first
    /// frame).
    pub(crate) fn visible(&self) -> geom::Rect {
        let r = match self.transform {
            Some(t) if self.screen_rect.is_positive() => t.inverse() * self.screen_rect,
            _ => self.scene_rect,
        };
        geom::Rect {
            min: geom::Pos::new(r.min.x, r.min.y),
            max: geom::Pos::new(r.max.x, r.max.y),
        }
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
        editor.view.decision_map,
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

/// Model ↔ screen for one frame.
#[derive(Clone, Copy)]
struct ScreenMap {
    t: TSTransform,
    inverse: TSTransform,
}

impl ScreenMap {
    fn to_model(self, p: Pos2) -> geom::Pos {
        let q = self.inverse * p;
        geom::Pos::new(q.x, q.y)
    }
}

fn canvas_frame(editor: &mut Editor, ui: &mut egui::Ui, scene: &Scene) {
    let dark = editor.view.dark;
    let style = Style::for_theme(dark);
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
    // Pan with the middle button inside Scene; the primary button is ours (see `Gesture`).
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
    let view = ScreenMap {
        t: transform,
        inverse: transform.inverse(),
    };

    // Paint: ground, grid, the scene, then what only the editor shows.
    let painter = ui.painter_at(screen);
    painter.rect_filled(screen, 0.0, paint::color(style.background));
    let in_view = geom::Rect {
        min: view.to_model(screen.min),
        max: view.to_model(screen.max),
    };
    if editor.view.grid {
        paint_grid(&painter, &transform, in_view, dark);
    }
    paint::paint_scene(&painter, scene, &transform, in_view);
    super::decisions_panel::paint_route(editor, &painter, &transform, in_view, scene);

    let pointer = ctx
        .input(|i| i.pointer.latest_pos())
        .filter(|p| screen.contains(*p));
    if editor.canvas.gesture == Gesture::Idle && !ctx.input(|i| i.pointer.any_down()) {
        editor.canvas.hover = hover_owner(editor, scene, view, pointer);
    }
    interact(editor, &ctx, scene, &scene_response, view);
    paint_overlay(editor, &ctx, &painter, scene, view, pointer, dark);
}

/// The body whose handle shows under the pointer: the one the pointer is on, or, while the
/// pointer is on the handle shown last frame (or between it and its body), that one, even
/// over a neighbouring body.
fn hover_owner(
    editor: &Editor,
    scene: &Scene,
    view: ScreenMap,
    pointer: Option<Pos2>,
) -> Option<String> {
    let p = pointer?;
    let model = editor.model()?;
    if let Some(owner) = &editor.canvas.hover
        && let Some(r) = screen_rect_of(model, scene, view, owner)
    {
        let handle = handle_pos(r);
        let bridge = Rect::from_min_max(
            Pos2::new(r.max.x - 1.0, handle.y - HANDLE_PX),
            Pos2::new(handle.x, handle.y + HANDLE_PX),
        );
        if handle.distance(p) <= HANDLE_HIT_PX || bridge.contains(p) {
            return Some(owner.clone());
        }
    }
    pick_node(scene, view.to_model(p)).map(|n| model.nodes[n].id.clone())
}

/// Where the body with this id is drawn on screen, if it is drawn.
fn screen_rect_of(
    model: &crate::model::Model,
    scene: &Scene,
    view: ScreenMap,
    id: &str,
) -> Option<Rect> {
    let i = model.node_position(id)?;
    let r = (*scene.nodes.get(i)?)?;
    Some(rect_to_screen(&view.t, r))
}

/// The bodies whose handles show: the hovered one and the only selected one.
fn handle_owners(editor: &Editor) -> Vec<String> {
    let mut owners: Vec<String> = editor.canvas.hover.iter().cloned().collect();
    if let Some(id) = editor.selection.single_node()
        && !owners.iter().any(|o| o == id)
    {
        owners.push(id.to_string());
    }
    owners
}

/// What a press at `p` (on screen) takes: handle > body > line > empty.
fn grab_at(editor: &Editor, scene: &Scene, view: ScreenMap, p: Pos2) -> Grab {
    let Some(model) = editor.model() else {
        return Grab::Empty;
    };
    for owner in handle_owners(editor) {
        if let Some(r) = screen_rect_of(model, scene, view, &owner)
            && handle_pos(r).distance(p) <= HANDLE_HIT_PX
        {
            return Grab::Handle(owner);
        }
    }
    let at = view.to_model(p);
    if let Some(n) = pick_node(scene, at) {
        return Grab::Body {
            id: model.nodes[n].id.clone(),
            selected_by_press: false,
        };
    }
    if let Some(l) = pick_link(scene, at, PICK_LINE_PX / view.t.scaling) {
        return Grab::Line(l);
    }
    Grab::Empty
}

fn interact(
    editor: &mut Editor,
    ctx: &egui::Context,
    scene: &Scene,
    response: &egui::Response,
    view: ScreenMap,
) {
    if editor.doc.is_none() {
        return;
    }
    // A body dropped from the palette.
    if let Some(kind) = editor.palette_drag
        && ctx.input(|i| i.pointer.any_released())
    {
        editor.palette_drag = None;
        if let Some(p) = ctx
            .input(|i| i.pointer.latest_pos())
            .filter(|p| editor.canvas.screen_rect.contains(*p))
        {
            let at = view.to_model(p);
            add_body(editor, kind, Point::new(f64::from(at.x), f64::from(at.y)));
        }
        return;
    }

    let (pressed, released, down, latest, modifiers, double) = ctx.input(|i| {
        (
            i.pointer.primary_pressed(),
            i.pointer.primary_released(),
            i.pointer.primary_down(),
            i.pointer.latest_pos(),
            i.modifiers,
            i.pointer.button_double_clicked(PointerButton::Primary),
        )
    });
    let adding = modifiers.shift || modifiers.command;
    // A slow frame (a large model) can bring the release and the moves after it together:
    // what the drag does ends where the button came up, not where the pointer went next.
    let let_go_at = ctx.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed: false,
                ..
            } => Some(*pos),
            _ => None,
        })
    });
    let latest = let_go_at.or(latest);

    // The press: captured by whatever is under it, once.
    if pressed
        && editor.canvas.gesture == Gesture::Idle
        && let Some(origin) = ctx.input(|i| i.pointer.press_origin())
        && editor.canvas.screen_rect.contains(origin)
        && response.contains_pointer()
    {
        // A press on the canvas ends typing in a field (egui lets go of it only on a click,
        // and a drag would leave the keyboard there, away from the link-kind menu).
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        let mut grab = grab_at(editor, scene, view, origin);
        if let Grab::Body {
            id,
            selected_by_press,
        } = &mut grab
            && !editor.selection.nodes.contains(id.as_str())
        {
            // Selected at the press, as in draw.io, so that a drag moves it.
            if adding {
                editor.selection.nodes.insert(id.clone());
            } else {
                editor.selection = Selection::only_node(id);
            }
            *selected_by_press = true;
        }
        editor.canvas.gesture = Gesture::Pressed {
            grab,
            origin,
            adding,
        };
    }

    // Far enough with the button down: the press becomes the drag its grab says.
    if let Gesture::Pressed {
        grab,
        origin,
        adding,
    } = &editor.canvas.gesture
        && down
        && latest.is_some_and(|p| p.distance(*origin) >= DRAG_START_PX)
    {
        let (grab, origin, adding) = (grab.clone(), *origin, *adding);
        editor.canvas.gesture = start_drag(editor, scene, view, grab, origin, adding);
    }

    // The drag goes on.
    if let Some(p) = latest {
        drag_to(editor, view, p);
    }

    if released || (!down && editor.canvas.gesture != Gesture::Idle) {
        let gesture = std::mem::take(&mut editor.canvas.gesture);
        finish(editor, scene, view, gesture, latest, double);
    }
}

/// Esc during a drag calls it off: moved bodies go back (leaving no undo step), a link or
/// a rubber band being drawn is dropped. Runs before the editor's shortcuts see the key.
pub fn cancel_on_escape(editor: &mut Editor, ctx: &egui::Context) {
    if matches!(
        editor.canvas.gesture,
        Gesture::Idle | Gesture::Pressed { .. }
    ) || !ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        return;
    }
    if let Gesture::Moving { starts, .. } = std::mem::take(&mut editor.canvas.gesture)
        && let Some(doc) = editor.doc.as_mut()
    {
        doc.gesture_change(|m| edits::place_nodes(m, &starts));
        doc.end_gesture();
    }
    // Until the button is let go, the pointer does nothing more.
    editor.canvas.gesture = Gesture::Cancelled;
}

/// The drag a press turns into once the pointer moves.
fn start_drag(
    editor: &mut Editor,
    scene: &Scene,
    view: ScreenMap,
    grab: Grab,
    origin: Pos2,
    adding: bool,
) -> Gesture {
    let at = view.to_model(origin);
    let Some(doc) = editor.doc.as_mut() else {
        return Gesture::Idle;
    };
    match grab {
        Grab::Handle(from) => {
            editor.pending_link = None;
            Gesture::Linking { from, current: at }
        }
        Grab::Body { .. } => {
            let model = doc.model();
            // A group moves with everything inside it.
            let starts = super::groups::moved_with(model, &editor.selection.nodes)
                .into_iter()
                .map(|n| (model.nodes[n].id.clone(), model.nodes[n].at))
                .collect();
            let bands = if model.settings.show_tiers() {
                scene::tier_bands_of(model, &scene.nodes)
            } else {
                Vec::new()
            };
            doc.begin_gesture("Move");
            Gesture::Moving {
                starts,
                grab: at,
                bands,
                by: (0.0, 0.0),
            }
        }
        Grab::Line(_) | Grab::Empty if adding => Gesture::RubberBand {
            start: at,
            current: at,
            add: true,
        },
        Grab::Line(link) => Gesture::Bending {
            link,
            grab: at,
            current: at,
        },
        Grab::Empty => Gesture::Panning { last: origin },
    }
}

/// The pointer moved to `p` (on screen) during a drag.
fn drag_to(editor: &mut Editor, view: ScreenMap, p: Pos2) {
    let now = view.to_model(p);
    let grid = editor.view.grid;
    let Some(doc) = editor.doc.as_mut() else {
        return;
    };
    match &mut editor.canvas.gesture {
        Gesture::Moving {
            starts, grab, by, ..
        } => {
            let (mut dx, mut dy) = (f64::from(now.x - grab.x), f64::from(now.y - grab.y));
            if grid && let Some((_, first)) = starts.first() {
                // Snap the grabbed group by its first body; the others keep their spacing.
                dx = snap(first.x + dx) - first.x;
                dy = snap(first.y + dy) - first.y;
            }
            if (dx, dy) != *by {
                *by = (dx, dy);
                let places: Vec<(String, Point)> = starts
                    .iter()
                    .map(|(id, p)| (id.clone(), Point::new(p.x + dx, p.y + dy)))
                    .collect();
                doc.gesture_change(|m| edits::place_nodes(m, &places));
            }
        }
        Gesture::RubberBand { current, .. }
        | Gesture::Linking { current, .. }
        | Gesture::Bending { current, .. } => *current = now,
        Gesture::Panning { last } => {
            // The view follows the pointer: a screen delta is this much model.
            let delta = p - *last;
            *last = p;
            editor.canvas.scene_rect = editor.canvas.scene_rect.translate(-delta / view.t.scaling);
        }
        Gesture::Idle | Gesture::Pressed { .. } | Gesture::Cancelled => {}
    }
}

/// The button is let go: the gesture does what it was for.
fn finish(
    editor: &mut Editor,
    scene: &Scene,
    view: ScreenMap,
    gesture: Gesture,
    latest: Option<Pos2>,
    double: bool,
) {
    let Some(doc) = editor.doc.as_mut() else {
        return;
    };
    match gesture {
        Gesture::Idle | Gesture::Panning { .. } | Gesture::Cancelled => {}
        Gesture::Pressed { grab, adding, .. } => {
            // A click.
            editor.pending_link = None;
            match grab {
                Grab::Handle(id) => {
                    if !adding {
                        editor.selection = Selection::only_node(&id);
                    }
                }
                Grab::Body {
                    id,
                    selected_by_press,
                } => {
                    if adding {
                        if !selected_by_press {
                            editor.selection.toggle_node(&id);
                        }
                    } else {
                        editor.selection = Selection::only_node(&id);
                        let at = latest.map(|p| view.to_model(p));
                        if double && at.is_some_and(|p| on_fold_target(doc.model(), &id, p)) {
                            // Double-clicking a group's header or marker folds or opens it.
                            let folded = doc.model().node(&id).is_some_and(|n| n.collapsed);
                            let label = if folded { "Unfold" } else { "Fold" };
                            doc.edit(label, |m| {
                                super::groups::set_folded(m, std::slice::from_ref(&id), !folded)
                            });
                        } else if double {
                            // Double-clicking a body edits its name.
                            editor.focus_name = true;
                        }
                    }
                }
                Grab::Line(l) => {
                    if adding {
                        editor.selection.toggle_link(l);
                    } else {
                        editor.selection = Selection::only_link(l);
                        // Double-clicking a bend takes it away.
                        if double && let Some(at) = latest.map(|p| view.to_model(p)) {
                            doc.edit("Remove bend", |m| super::groups::remove_bend(m, l, at));
                        }
                    }
                }
                Grab::Empty => {
                    if !adding {
                        editor.selection.clear();
                    }
                }
            }
        }
        Gesture::Moving {
            starts, bands, by, ..
        } => {
            let moved: Vec<String> = starts.into_iter().map(|(id, _)| id).collect();
            let into = tier_changes(doc.model(), &moved, &bands);
            if !into.is_empty() {
                doc.gesture_change(|m| {
                    for (i, tier) in &into {
                        m.nodes[*i].tier = *tier;
                    }
                });
            }
            // Let go in a group's box: into the group; out of it: out of it.
            let groups_said = if by != (0.0, 0.0) {
                drop_into_groups(doc, &moved)
            } else {
                None
            };
            doc.end_gesture();
            if let Some(said) = groups_said {
                editor.status_bar.say(said);
                return;
            }
            if let [(i, _)] = into.as_slice() {
                let model = doc.model();
                let tier = crate::model::ModelIndex::new(model).tier(*i);
                let name = model.nodes[*i].display_name().to_string();
                editor.status_bar.say(format!(
                    "Moved {name} into the {} tier",
                    tier.display_name()
                ));
            } else if !into.is_empty() {
                editor
                    .status_bar
                    .say(format!("Moved {} bodies into another tier", into.len()));
            }
        }
        Gesture::RubberBand {
            start,
            current,
            add,
        } => {
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
        Gesture::Linking { from, current } => {
            let model = doc.model();
            let Some(n) = drop_target(scene, view, current, model.node_position(&from)) else {
                return;
            };
            let to = model.nodes[n].id.clone();
            let selected = &editor.selection.nodes;
            // From every selected body, or to every selected body, when the drag starts or
            // ends on one of several selected.
            let more: Vec<(String, String)> = if selected.len() > 1 && selected.contains(&from) {
                selected
                    .iter()
                    .filter(|s| **s != from && **s != to)
                    .map(|s| (s.clone(), to.clone()))
                    .collect()
            } else if selected.len() > 1 && selected.contains(&to) {
                selected
                    .iter()
                    .filter(|s| **s != from && **s != to)
                    .map(|s| (from.clone(), s.clone()))
                    .collect()
            } else {
                Vec::new()
            };
            let at = latest.unwrap_or_else(|| to_screen(&view.t, current));
            editor.pending_link = Some(PendingLink {
                from,
                to,
                more,
                at,
                highlight: 0,
            });
        }
        Gesture::Bending {
            link,
            grab,
            current,
        } => bend_line(editor, scene, link, grab, current),
    }
}

/// A line was dragged from `grab` to `through` (model points): the bend under `grab`
/// moves there, or a new bend is placed (format 2 `via`), as one undoable step.
fn bend_line(editor: &mut Editor, scene: &Scene, link: usize, grab: geom::Pos, through: geom::Pos) {
    let Some(doc) = editor.doc.as_mut() else {
        return;
    };
    if link >= doc.model().links.len() {
        return;
    }
    if grab.distance(through) > 1.0 {
        let path = scene.links.get(link).cloned().flatten().unwrap_or_default();
        doc.edit("Bend line", |m| {
            super::groups::bend(m, link, &path, grab, through)
        });
    }
    editor.selection = Selection::only_link(link);
}

/// Whether `p` is on the header of the unfolded group `id`, or on its "+N" marker when it
/// is folded: where a double-click folds or opens it.
fn on_fold_target(model: &crate::model::Model, id: &str, p: geom::Pos) -> bool {
    let Some(n) = model.node_position(id) else {
        return false;
    };
    let shown = crate::view::View::new(model);
    shown
        .header_rect(n)
        .into_iter()
        .chain(shown.marker_rect(n).map(|r| r.expand(4.0)))
        .any(|r| r.contains(p))
        // A folded group: anywhere on its box opens it too, the marker is small.
        || (shown.role(n) == crate::view::Role::Folded
            && shown.box_of(n).is_some_and(|r| r.contains(p)))
}

/// After a drag: bodies let go in a group's box go into it, and out of their group when let
/// go outside it, within the drag's undo step. Says what happened.
fn drop_into_groups(doc: &mut super::Document, moved: &[String]) -> Option<String> {
    let model = doc.model();
    let positions: Vec<usize> = moved
        .iter()
        .filter_map(|id| model.node_position(id))
        .collect();
    let changes = super::groups::drop_groups(model, &positions);
    let said = match changes.as_slice() {
        [] => None,
        [(id, Some(g))] => Some(format!(
            "Put {} inside {}",
            name_of(model, id),
            name_of(model, g)
        )),
        [(id, None)] => Some(format!("Took {} out of its group", name_of(model, id))),
        more => Some(format!("Moved {} into or out of groups", more.len())),
    };
    doc.gesture_change(|m| {
        for (id, group) in &changes {
            super::groups::put_into(m, std::slice::from_ref(id), group.as_deref());
        }
        // The groups the drag moved members of follow their boxes.
        let touched: Vec<usize> = moved.iter().filter_map(|id| m.node_position(id)).collect();
        super::groups::settle(m, &touched);
    });
    said
}

fn name_of(model: &crate::model::Model, id: &str) -> String {
    model
        .node(id)
        .map_or_else(|| id.to_string(), |n| n.display_name().to_string())
}

/// The body a link drawn to `at` lands on: the one under it, else the nearest within a few
/// pixels; never the body it starts from.
fn drop_target(
    scene: &Scene,
    view: ScreenMap,
    at: geom::Pos,
    from: Option<usize>,
) -> Option<usize> {
    if let Some(n) = pick_node(scene, at).filter(|n| Some(*n) != from) {
        return Some(n);
    }
    let slack = DROP_SLACK_PX / view.t.scaling;
    scene
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != from)
        .filter_map(|(i, r)| {
            r.map(|r| {
                let dx = (r.min.x - at.x).max(at.x - r.max.x).max(0.0);
                let dy = (r.min.y - at.y).max(at.y - r.max.y).max(0.0);
                (i, dx.hypot(dy))
            })
        })
        .filter(|(_, d)| *d <= slack)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Bodies let go in another tier's band, with the tier each moves into (`None`: its kind's
/// own tier).
fn tier_changes(
    model: &crate::model::Model,
    moved: &[String],
    bands: &[(Tier, geom::Rect)],
) -> Vec<(usize, Option<Tier>)> {
    if bands.is_empty() {
        return Vec::new();
    }
    let index = crate::model::ModelIndex::new(model);
    moved
        .iter()
        .filter_map(|id| model.node_position(id))
        .filter_map(|i| {
            let y = model.nodes[i].at.y as f32;
            let (tier, _) = bands.iter().find(|(_, r)| r.min.y <= y && y < r.max.y)?;
            (index.tier(i) != *tier).then(|| {
                let own = (model.nodes[i].kind.default_tier() == *tier).then_some(());
                (i, if own.is_some() { None } else { Some(*tier) })
            })
        })
        .collect()
}

/// Selection, hover, handles, the rubber band, the link being drawn and the line being
/// bent: what only the editor shows.
fn paint_overlay(
    editor: &Editor,
    ctx: &egui::Context,
    painter: &egui::Painter,
    scene: &Scene,
    view: ScreenMap,
    pointer: Option<Pos2>,
    dark: bool,
) {
    let style = Style::for_theme(dark);
    let transform = view.t;
    let accent = if dark {
        Color32::from_rgb(0x41, 0xb6, 0xe6)
    } else {
        Color32::from_rgb(0x00, 0x5e, 0xb8)
    };
    let Some(model) = editor.model() else {
        return;
    };
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
    let gesture = &editor.canvas.gesture;
    let outline = |id: &str, width: f32| {
        if let Some(r) = screen_rect_of(model, scene, view, id) {
            painter.rect_stroke(
                r.expand(2.0),
                3.0,
                Stroke::new(width, accent.gamma_multiply(0.8)),
                StrokeKind::Outside,
            );
        }
    };
    if matches!(gesture, Gesture::Idle)
        && let Some(id) = &editor.canvas.hover
    {
        outline(id, 1.0);
    }
    // Handles: the hovered body's and the selected body's; while linking, the one drawn from.
    let owners = match gesture {
        Gesture::Linking { from, .. } => vec![from.clone()],
        Gesture::Idle | Gesture::Pressed { .. } => handle_owners(editor),
        _ => Vec::new(),
    };
    for owner in owners {
        let Some(r) = screen_rect_of(model, scene, view, &owner) else {
            continue;
        };
        let at = handle_pos(r);
        painter.circle(
            at,
            HANDLE_PX,
            paint::color(style.background),
            Stroke::new(2.0, accent),
        );
        let arm = HANDLE_PX * 0.55;
        painter.line_segment(
            [at - Vec2::new(arm, 0.0), at + Vec2::new(arm, 0.0)],
            Stroke::new(1.5, accent),
        );
        painter.line_segment(
            [at - Vec2::new(0.0, arm), at + Vec2::new(0.0, arm)],
            Stroke::new(1.5, accent),
        );
        if pointer.is_some_and(|p| p.distance(at) <= HANDLE_HIT_PX) {
            ctx.set_cursor_icon(CursorIcon::Crosshair);
        }
    }
    match gesture {
        Gesture::RubberBand { start, current, .. } => {
            let r = Rect::from_two_pos(
                to_screen(&transform, *start),
                to_screen(&transform, *current),
            );
            painter.rect_filled(r, 0.0, accent.gamma_multiply(0.12));
            painter.rect_stroke(r, 0.0, Stroke::new(1.0, accent), StrokeKind::Inside);
        }
        Gesture::Linking { from, current } => {
            if let Some(r) = screen_rect_of(model, scene, view, from) {
                let start = handle_pos(r);
                link_preview(
                    painter,
                    start,
                    to_screen(&transform, *current),
                    Stroke::new(2.0, accent),
                );
            }
            if let Some(n) = drop_target(scene, view, *current, model.node_position(from)) {
                outline(&model.nodes[n].id, 2.5);
            }
            ctx.set_cursor_icon(CursorIcon::Crosshair);
        }
        Gesture::Bending { link, current, .. } => {
            if let Some(Some(path)) = scene.links.get(*link)
                && let (Some(a), Some(b)) = (path.first(), path.last())
            {
                let through = to_screen(&transform, *current);
                let stroke = Stroke::new(2.0, accent);
                painter.line_segment([to_screen(&transform, *a), through], stroke);
                painter.line_segment([through, to_screen(&transform, *b)], stroke);
            }
        }
        Gesture::Panning { .. } => ctx.set_cursor_icon(CursorIcon::Grabbing),
        Gesture::Moving { .. } => ctx.set_cursor_icon(CursorIcon::Move),
        Gesture::Idle | Gesture::Pressed { .. } | Gesture::Cancelled => {}
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

/// Adds a body of `kind` at `at`, selects it, puts the keyboard in its name, and brings it
/// into view if it is not.
pub fn add_body(editor: &mut Editor, kind: NodeKind, at: Point) -> Option<String> {
    let grid = editor.view.grid;
    let doc = editor.doc.as_mut()?;
    let at = if grid {
        Point::new(snap(at.x), snap(at.y))
    } else {
        at
    };
    let id = doc.edit(&format!("Add {}", kind.display_name()), |m| {
        edits::add_node(m, kind, at)
    });
    if let Some(area) = doc.model().node(&id).map(crate::layout::node_rect) {
        reveal(editor, area);
    }
    editor.selection = Selection::only_node(&id);
    editor.focus_name = true;
    Some(id)
}

/// A body of `kind` from the palette: on its tier's row, in a free spot in view.
pub fn add_body_in_view(editor: &mut Editor, kind: NodeKind) {
    let visible = editor.canvas.visible();
    let at = editor.model().map_or(
        Point::new(f64::from(visible.center().x), f64::from(visible.center().y)),
        |m| place_for(m, kind, visible),
    );
    let id = add_body(editor, kind, at);
    editor.canvas.series = key_of(editor, id.as_deref()).into_iter().collect();
}

fn key_of(editor: &Editor, id: Option<&str>) -> Option<Key> {
    let doc = editor.doc.as_ref()?;
    doc.node_key(doc.model().node_position(id?)?)
}

impl Editor {
    /// A body's name was committed from the keyboard: Ctrl+Enter adds another body of its
    /// kind beside it (named next); Enter after such a series selects the whole series, so
    /// that one drag from a handle links them all.
    pub(crate) fn name_committed(&mut self, done: NameCommitted) {
        match done {
            NameCommitted::Next(id) => {
                let key = key_of(self, Some(&id));
                if self.canvas.series.last().copied() != key {
                    self.canvas.series = key.into_iter().collect();
                }
                let Some(node) = self.model().and_then(|m| m.node(&id)).cloned() else {
                    return;
                };
                let at = self.model().map_or(node.at, |m| beside(m, node.at));
                let added = add_body(self, node.kind, at);
                self.canvas.series.extend(key_of(self, added.as_deref()));
            }
            NameCommitted::Enter(id) => {
                let series = std::mem::take(&mut self.canvas.series);
                if series.len() > 1
                    && series.last().copied() == key_of(self, Some(&id))
                    && let Some(doc) = self.doc.as_ref()
                {
                    let nodes = series
                        .iter()
                        .filter_map(|&k| doc.node_with_key(k))
                        .map(|i| doc.model().nodes[i].id.clone())
                        .collect();
                    self.selection = Selection {
                        nodes,
                        links: Default::default(),
                    };
                }
            }
        }
    }
}

/// Widens the view, if need be, so that `area` (model coordinates) is in it.
pub fn reveal(editor: &mut Editor, area: geom::Rect) {
    let visible = editor.canvas.visible();
    let inner = visible.expand(-10.0);
    if inner.contains(area.min) && inner.contains(area.max) {
        return;
    }
    let wanted = visible.union(&area.expand(40.0));
    editor.canvas.scene_rect = Rect::from_min_max(
        Pos2::new(wanted.min.x, wanted.min.y),
        Pos2::new(wanted.max.x, wanted.max.y),
    );
}

/// Where a new body of `kind` goes when added without a place (a click in the palette): on
/// its tier's row (below the tiers above it, above the tiers below it): at the right end of
/// the row, so that bodies line up in the order they are added; on a new row, in the first
/// free spot in `visible` nearest its middle. (The caller widens the view if need be.)
pub fn place_for(model: &crate::model::Model, kind: NodeKind, visible: geom::Rect) -> Point {
    use crate::layout::{COLUMN_STEP, NODE_HEIGHT, NODE_WIDTH, ROW_STEP};
    let centre = visible.center();
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
        f64::from(centre.y)
    };
    let y = crate::model::file::round_to_tenth(y);
    let row_end = model
        .nodes
        .iter()
        .filter(|n| (n.at.y - y).abs() < ROW_STEP / 2.0)
        .map(|n| n.at.x)
        .reduce(f64::max);
    if let Some(x) = row_end {
        return beside(model, Point::new(x, y));
    }
    let in_view = |p: Point| {
        let r = geom::Rect::from_center(
            geom::Pos::new(p.x as f32, p.y as f32),
            NODE_WIDTH,
            NODE_HEIGHT,
        );
        visible.contains(r.min) && visible.contains(r.max)
    };
    let x0 = crate::model::file::round_to_tenth(f64::from(centre.x));
    for step in 0..80i32 {
        let dx = if step % 2 == 0 {
            step / 2
        } else {
            -(step + 1) / 2
        };
        let p = Point::new(x0 + f64::from(dx) * COLUMN_STEP, y);
        if !taken(model, p) && in_view(p) {
            return p;
        }
    }
    free_spot(model, Point::new(x0, y))
}

/// The first free spot to the right of a body at `at`, on its row.
pub fn beside(model: &crate::model::Model, at: Point) -> Point {
    (1..200)
        .map(|k| Point::new(at.x + f64::from(k) * crate::layout::COLUMN_STEP, at.y))
        .find(|p| !taken(model, *p))
        .unwrap_or(at)
}

/// Whether a body at `p` would cover (or nearly touch) another.
fn taken(model: &crate::model::Model, p: Point) -> bool {
    use crate::layout::{NODE_HEIGHT, NODE_WIDTH};
    let centre = geom::Pos::new(p.x as f32, p.y as f32);
    let probe = geom::Rect::from_center(centre, NODE_WIDTH + 16.0, NODE_HEIGHT + 16.0);
    model
        .nodes
        .iter()
        .any(|n| crate::layout::node_rect(n).intersects(&probe))
}

/// The nearest place to `at` where a new body covers no other: along its row first, then
/// on the rows just above and below.
pub fn free_spot(model: &crate::model::Model, at: Point) -> Point {
    use crate::layout::{COLUMN_STEP, ROW_STEP};
    for dy in [0.0, 0.5, -0.5, 1.0, -1.0] {
        for step in 0..40i32 {
            // 0, +1, -1, +2, -2, …
            let dx = if step % 2 == 0 {
                step / 2
            } else {
                -(step + 1) / 2
            };
            let p = Point::new(at.x + f64::from(dx) * COLUMN_STEP, at.y + dy * ROW_STEP);
            if !taken(model, p) {
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
    // A group's box holds its members' boxes: the smallest box under the pointer is the
    // body meant (the last drawn of equal ones).
    scene
        .nodes
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, r)| r.is_some_and(|r| r.contains(p)))
        .min_by(|(_, a), (_, b)| {
            let area = |r: &Option<geom::Rect>| r.map_or(f32::INFINITY, |r| r.width() * r.height());
            area(a).total_cmp(&area(b))
        })
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

/// Where a body's link handle sits on screen (`r`: the body on screen): just off its right
/// edge, the same size at every zoom.
fn handle_pos(r: Rect) -> Pos2 {
    Pos2::new(r.max.x + HANDLE_PX + 2.0, r.center().y)
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

    /// Where the body with this id is drawn on screen as the canvas last drew it (a group:
    /// its whole box); `None` when it is hidden in a folded group or nothing is drawn yet.
    pub fn screen_box_of(&self, id: &str) -> Option<Rect> {
        let t = self.canvas.transform?;
        let n = self.model()?.node_position(id)?;
        let rect = self
            .canvas
            .cache
            .as_ref()?
            .scene
            .nodes
            .get(n)
            .copied()
            .flatten()?;
        Some(rect_to_screen(&t, rect))
    }

    /// The drawn line of link `link` on screen, as the canvas last drew it.
    pub fn screen_line_of(&self, link: usize) -> Option<Vec<Pos2>> {
        let t = self.canvas.transform?;
        let path = self
            .canvas
            .cache
            .as_ref()?
            .scene
            .links
            .get(link)?
            .as_ref()?;
        Some(path.iter().map(|p| to_screen(&t, *p)).collect())
    }

    /// Where the link handle of the body with this id is on screen.
    pub fn handle_of(&self, id: &str) -> Option<Pos2> {
        let t = self.canvas.transform?;
        let node = self.model()?.node(id)?;
        Some(handle_pos(rect_to_screen(
            &t,
            crate::layout::node_rect(node),
        )))
    }

    /// How many lines the canvas last drew as a draft (during a drag, or while the second
    /// thread routes them with care), to be routed with care.
    pub fn lines_in_draft(&self) -> usize {
        self.canvas.scene().map_or(0, |s| s.routes.drafted())
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

/// The line a link being drawn follows the pointer with: its head keeps one size however
/// long the drag (egui's own arrow grows its head with its length, a quarter of it, and a
/// long drag drew barbs across the bodies around).
fn link_preview(painter: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke) {
    const HEAD: f32 = 10.0;
    painter.line_segment([from, to], stroke);
    let along = to - from;
    if along.length() < 1.0 {
        return;
    }
    let back = -along.normalized() * HEAD;
    for turn in [-0.45f32, 0.45] {
        let barb = egui::emath::Rot2::from_angle(turn) * back;
        painter.line_segment([to, to + barb], stroke);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, LinkKind, Model, Node};

    /// Two rows of bodies, each linked to the one below.
    fn rows() -> Model {
        let mut m = Model::new("t");
        for c in 0..6 {
            let (top, low) = (format!("t{c}"), format!("l{c}"));
            let x = 260.0 * f64::from(c);
            m.nodes
                .push(Node::new(&top, NodeKind::PartnershipBoard, &top).at(x, 0.0));
            m.nodes
                .push(Node::new(&low, NodeKind::PrimaryCareNetwork, &low).at(x, 300.0));
            m.links
                .push(Link::new(LinkKind::Accountability, &low, &top));
        }
        m
    }

    /// With a worker, the frame after an edit draws the lines it touched as a draft and
    /// routes nothing with care itself; the worker's answer goes in on a later frame and is
    /// what routing on the UI thread draws. An answer for a scene no longer shown (the
    /// model changed while the worker ran) is dropped, and the worker is asked again.
    #[test]
    fn a_worker_routes_with_care_while_the_frame_shows_a_draft() {
        let mut model = rows();
        let mut apart = CanvasState {
            worker: Some(Worker::new(egui::Context::default())),
            ..CanvasState::default()
        };
        let mut at_once = CanvasState::default();
        let refresh = |c: &mut CanvasState, m: &Model, revision: u64| {
            c.refresh(m, revision, false, false, false, &[]);
        };
        let lines = |c: &CanvasState| c.scene().map(|s| s.links.clone());
        refresh(&mut apart, &model, 0);
        apart.wait_for_careful_lines();
        refresh(&mut at_once, &model, 0);
        assert_eq!(lines(&apart), lines(&at_once));
        assert!(apart.worker.as_ref().is_some_and(|w| !w.busy()));

        model.nodes[4].at.x += 130.0;
        refresh(&mut apart, &model, 1);
        assert!(apart.scene().is_some_and(|s| s.routes.drafted() > 0));
        assert!(apart.worker.as_ref().is_some_and(Worker::busy));
        // The model changes again before the worker's answer is put in.
        model.nodes[6].at.x -= 90.0;
        let stale = apart.worker.as_mut().map(Worker::wait);
        assert!(matches!(
            stale,
            Some(Outcome::Done(SceneKey { revision: 1, .. }, _))
        ));
        // The frame of revision 2 drafts again and asks the worker about it; the answer
        // about revision 1 changes nothing.
        refresh(&mut apart, &model, 2);
        assert!(apart.worker.as_ref().is_some_and(Worker::busy));
        apart.put_in(stale.unwrap_or(Outcome::Waiting));
        assert!(apart.scene().is_some_and(|s| s.routes.drafted() > 0));
        let answer = apart.worker.as_mut().map(Worker::wait);
        assert!(matches!(
            answer,
            Some(Outcome::Done(SceneKey { revision: 2, .. }, _))
        ));
        apart.put_in(answer.unwrap_or(Outcome::Waiting));
        refresh(&mut at_once, &model, 2);
        assert_eq!(apart.scene().map(|s| s.routes.drafted()), Some(0));
        assert_eq!(lines(&apart), lines(&at_once));

        // Two edits in a row, the frame of the second drawn while the worker may still
        // route the first: then nothing more is asked until its answer comes, is dropped,
        // and the next frame asks about revision 4.
        model.nodes[2].at.y += 60.0;
        refresh(&mut apart, &model, 3);
        model.nodes[8].at.x += 50.0;
        refresh(&mut apart, &model, 4);
        let mut answered = Vec::new();
        while let Some(Outcome::Done(key, scene)) = apart.worker.as_mut().map(Worker::wait) {
            answered.push(key.revision);
            apart.put_in(Outcome::Done(key, scene));
            refresh(&mut apart, &model, 4);
            assert!(answered.len() <= 2, "{answered:?}");
        }
        assert_eq!(answered.last(), Some(&4), "{answered:?}");
        refresh(&mut at_once, &model, 4);
        assert_eq!(apart.scene().map(|s| s.routes.drafted()), Some(0));
        assert_eq!(lines(&apart), lines(&at_once));
    }

    #[test]
    fn a_new_body_goes_on_its_tier_row_without_covering_another() {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("pb", NodeKind::PartnershipBoard, "Board").at(0.0, 0.0));
        m.nodes
            .push(Node::new("pcn", NodeKind::PrimaryCareNetwork, "PCN").at(0.0, 300.0));
        // A council (Place) goes between the system row and the neighbourhood row.
        let view = |x: f32, y: f32| geom::Rect::from_center(geom::Pos::new(x, y), 2000.0, 1200.0);
        let council = place_for(&m, NodeKind::LocalAuthority, view(0.0, 0.0));
        assert!(council.y > 0.0 && council.y < 300.0, "{council:?}");
        // A second board shares the first one's row, beside it.
        let board = place_for(&m, NodeKind::PartnershipBoard, view(0.0, 0.0));
        assert_eq!(board.y, 0.0);
        assert!(board.x.abs() >= crate::layout::COLUMN_STEP - 0.1);
        // In an empty model, the middle of the view.
        let first = place_for(&Model::new("e"), NodeKind::NhsTrust, view(40.0, 50.0));
        assert_eq!(first, Point::new(40.0, 50.0));
    }
}
