//! Lines routed with care on a second thread, so that no frame waits for them.
//!
//! Routing a model's lines with care (each minding the others) takes 3–150 ms on the
//! examples; at 300 bodies, 17 ms for the lines a drag touched and 0.32 s for all of them
//! (a model opened, auto-layout). The editor used to do it on the frame after every edit,
//! and froze for that long. With this on, the frame after an edit draws the lines it
//! touched as a draft (a short search minding only the boxes: 20 ms for every line at 300
//! bodies, a few for a drag's) and hands the careful
//! routing to a worker; when the worker is done the canvas swaps its lines in, unless the
//! model or view has changed since, in which case the result is dropped and the worker
//! starts again on what is shown now (`worker.rs`).

use crate::model::Model;
use crate::scene::{self, Scene, SceneOptions, Style};

/// What the worker needs to route a scene's lines with care.
pub(crate) struct Order {
    pub model: Model,
    pub dark: bool,
    pub options: SceneOptions,
    /// The scene shown now, whose drafted lines are routed again; `None` routes every line
    /// afresh (a small model, so that the canvas draws what an export draws).
    pub after: Option<Scene>,
}

impl Order {
    /// The scene it asks for.
    pub fn carry_out(self) -> Scene {
        careful_scene(&self.model, self.dark, &self.options, self.after.as_ref())
    }
}

/// The scene of `model` with its lines routed with care, as an export routes them: afresh,
/// or (`after`, for a model too large to route afresh on every edit) only where an edit
/// touched them since `after` was built, and the lines `after` left as a draft.
pub(crate) fn careful_scene(
    model: &Model,
    dark: bool,
    options: &SceneOptions,
    after: Option<&Scene>,
) -> Scene {
    let mut options = options.clone();
    options.lines = crate::route::Care::Full;
    match after {
        Some(previous) => scene::build_after(model, &Style::for_theme(dark), &options, previous),
        None => scene::build(model, &Style::for_theme(dark), &options),
    }
}
