//! The operating model as plain data, its vocabulary, and its file format. No drawing and
//! no user interface here: the command line, the validator and the editor all build on it.

mod date;
pub mod file;
mod ids;
mod index;
mod kinds;
mod operating_model;

pub use date::IsoDate;
pub use ids::{MAX_ID_LEN, is_valid_id, slug};
pub use index::ModelIndex;
pub use kinds::{Family, Fit, LinkKind, Maturity, NodeKind, Tier};
pub use operating_model::{
    DEFAULT_MAX_FORUM_MEMBERS, Decision, Link, Model, Node, Point, Settings,
};
