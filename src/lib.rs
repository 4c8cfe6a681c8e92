//! icsmap: draw, check and export the operating model of an NHS Integrated Care System.
//!
//! Data flows one way: `model` → `rules` → `layout` → `scene` → painters (`export`, and the
//! editor). None of these modules knows about the user interface.

pub mod editor;
pub mod export;
pub mod font;
pub mod geom;
pub mod layout;
pub mod model;
pub mod ods;
pub mod route;
pub mod rules;
pub mod scene;
pub mod synthetic;
pub mod view;

use std::path::Path;

pub use model::file::{LoadError, save_path};
pub use model::{Link, LinkKind, Model, Node, NodeKind};
pub use rules::{Finding, Severity, check};

/// Opens a model file: reads and checks it, then lays out any body the file left without a
/// position.
pub fn open(path: &Path) -> Result<Model, LoadError> {
    model::file::load_path(path).map(settle)
}

/// Opens model text (from the clipboard, say); `name` is what messages call it.
///
/// ```
/// use std::path::Path;
///
/// let text = r#"(format: "icsmap", version: 1, title: "Sketch",
///     nodes: [(id: "icb", kind: IntegratedCareBoard, name: "NHS Vale ICB")])"#;
/// let model = icsmap::open_str(text, Path::new("clipboard")).unwrap();
/// assert_eq!(model.nodes[0].name, "NHS Vale ICB");
///
/// let broken = icsmap::open_str("(format: \"icsmap\", version: 9)", Path::new("mail.ron"));
/// assert_eq!(
///     broken.unwrap_err().to_string(),
///     "mail.ron:1:29: made by a newer version of icsmap: format 9; this version reads format 1"
/// );
/// ```
pub fn open_str(text: &str, name: &Path) -> Result<Model, LoadError> {
    model::file::load_str(text, name).map(settle)
}

/// Opens model bytes, which may not be UTF-8; `name` is what messages call them.
pub fn open_bytes(bytes: &[u8], name: &Path) -> Result<Model, LoadError> {
    model::file::load_bytes(bytes, name).map(settle)
}

fn settle(loaded: model::file::Loaded) -> Model {
    let mut model = loaded.model;
    layout::place_unplaced(&mut model, &loaded.unplaced);
    model
}
