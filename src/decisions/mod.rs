//! Who decides what (decisions.md): the route of each decision from the body that holds the
//! function to the body that takes it, the scheme of reservation and delegation as a table,
//! and reading a scheme kept as a spreadsheet. The decisions themselves are plain data in
//! `model`; everything here reads them, and the rules, the command line, the decision map
//! and the editor all come here rather than work a route out themselves.

pub mod import;
pub mod route;
pub mod scheme;

pub use import::{ImportedScheme, SchemeError, SkippedRow, read_scheme, read_scheme_bytes};
pub use route::{AuthorityGraph, DecisionRoute, Route, Routes};
pub use scheme::{COLUMNS, SchemeRow, scheme_rows, to_csv, to_markdown};
