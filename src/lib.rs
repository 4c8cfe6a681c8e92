//! icsmap: draw, check and export the operating model of an NHS Integrated Care System.
//!
//! Data flows one way: `model` → `rules` → (scene → painters). The command line and the
//! editor are thin users of these modules.

pub mod model;
pub mod rules;

pub use model::file::{LoadError, load_path, save_path};
pub use model::{Link, LinkKind, Model, Node, NodeKind};
pub use rules::{Finding, Severity, check};
