//! Why a model file could not be read, with where in the file.

use std::fmt;
use std::path::{Path, PathBuf};

/// A model file that could not be loaded: which file, where in it, and what is wrong.
/// Displays as `FILE:LINE:COL: what` (or `FILE: what` where no position is known), the form
/// compilers use, so editors and terminals can jump to it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub file: PathBuf,
    /// 1-based line and column, where the parser or the locator knows them.
    pub position: Option<(usize, usize)>,
    pub problem: Problem,
}

/// What is wrong with a model file. Each variant names the offending value or id.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("the file is {size} bytes; a model file may be at most {limit} bytes (64 MiB)")]
    FileTooLarge { size: u64, limit: u64 },
    #[error("the file is not UTF-8 text (byte 0x{byte:02X} cannot start or continue a character)")]
    NotUtf8 { byte: u8 },
    #[error("this is not RON text: {0}")]
    Syntax(String),
    #[error("the file ends too early: {0}")]
    UnexpectedEnd(String),
    #[error("unknown field `{field}` in {place}; the fields are: {expected}")]
    UnknownField {
        field: String,
        place: &'static str,
        expected: String,
    },
    #[error("{place} lacks the required field `{field}`")]
    MissingField { field: String, place: &'static str },
    #[error("unknown {what} `{found}`; expected one of: {expected}")]
    UnknownVariant {
        what: &'static str,
        found: String,
        expected: String,
    },
    #[error("wrong type of value: {0}")]
    WrongType(String),
    #[error("this is not an icsmap model: `format` is {found}, not \"icsmap\"")]
    NotAModel { found: String },
    #[error("`version` is missing: an icsmap model starts with `format: \"icsmap\", version: 1`")]
    MissingVersion,
    #[error("`version` must be a whole number, not {found}")]
    VersionNotInteger { found: String },
    #[error(
        "made by a newer version of icsmap: format {found}; this version reads formats 1 and {supported}"
    )]
    NewerVersion { found: String, supported: u32 },
    #[error("node id {id:?} is not valid: ids are 1 to 64 of the characters A-Z a-z 0-9 _ . -")]
    BadId { id: String },
    #[error("node id {id:?} is used twice (first by node {first}); ids must be unique")]
    DuplicateId { id: String, first: usize },
    #[error("link {link}: `{end}` names {id:?}, but there is no node with that id")]
    UnknownEnd {
        link: usize,
        end: &'static str,
        id: String,
    },
    #[error("link {link} goes from {id:?} to itself")]
    SelfLink { link: usize, id: String },
    #[error("node {id:?}: {axis} coordinate {value} is {why}")]
    BadCoordinate {
        id: String,
        axis: &'static str,
        value: f64,
        why: &'static str,
    },
    #[error("{field} {value:?} is not a date of the form YYYY-MM-DD")]
    BadDate { field: &'static str, value: String },
    #[error("link {link}: amount {value} is not a finite number")]
    BadAmount { link: usize, value: f64 },
    #[error("the model has {count} nodes; a model may have at most {limit}")]
    TooManyNodes { count: usize, limit: usize },
    #[error("the model has {count} links; a model may have at most {limit}")]
    TooManyLinks { count: usize, limit: usize },
    #[error("{field} is {length} characters long; a text may be at most {limit}")]
    TextTooLong {
        field: String,
        length: usize,
        limit: usize,
    },
    #[error("the file nests brackets too deeply to be a model")]
    TooDeep,
    #[error("`{field}` needs format 2: the file says `version: 1`")]
    NeedsFormat2 { field: &'static str },
    #[error("node {id:?}: `within` names {group:?}, but there is no node with that id")]
    UnknownGroup { id: String, group: String },
    #[error(
        "node {id:?}: following `within` comes back to it ({path}); a body cannot be inside itself"
    )]
    GroupCycle { id: String, path: String },
    #[error("link {link}: bend point {axis} coordinate {value} is {why}")]
    BadBend {
        link: usize,
        axis: &'static str,
        value: f64,
        why: &'static str,
    },
    #[error("link {link} has {count} bend points; a line may have at most {limit}")]
    TooManyBends {
        link: usize,
        count: usize,
        limit: usize,
    },
    #[error("decision id {id:?} is not valid: ids are 1 to 64 of the characters A-Z a-z 0-9 _ . -")]
    BadDecisionId { id: String },
    #[error("decision id {id:?} is used twice (first by decision {first}); ids must be unique")]
    DuplicateDecisionId { id: String, first: usize },
    #[error("decision {decision:?}: `{field}` names {id:?}, but there is no node with that id")]
    UnknownDecisionBody {
        decision: String,
        field: &'static str,
        id: String,
    },
    #[error("the model has {count} decisions; a model may have at most {limit}")]
    TooManyDecisions { count: usize, limit: usize },
}

impl LoadError {
    pub fn new(file: &Path, position: Option<(usize, usize)>, problem: Problem) -> LoadError {
        LoadError {
            file: file.to_path_buf(),
            position,
            problem,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for LoadError {}

/// A model that could not be saved. The file that was there before is untouched.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot save: {source}", file.display())]
pub struct SaveError {
    pub file: PathBuf,
    #[source]
    pub source: std::io::Error,
}
