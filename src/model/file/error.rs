//! Why a model file could not be read, with where in the file.

use std::fmt;
use std::path::{Path, PathBuf};

/// A model file that could not be loaded: which file, where in it, and what is wrong.
/// Displays as `FILE:LINE:COL: what` (or `FILE: what` where no position is known), the form
/// compilers use, so editors and terminals can jump to it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    /// The file (or the name given to text from elsewhere, such as the clipboard).
    pub file: PathBuf,
    /// 1-based line and column, where the parser or the locator knows them.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a model file. Each variant names the offending value or id.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    /// The file could not be read at all (the system's reason).
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    /// The file is larger than a model file may be.
    #[error("the file is {size} bytes; a model file may be at most {limit} bytes (64 MiB)")]
    FileTooLarge {
        /// Its size in bytes.
        size: u64,
        /// The largest size allowed.
        limit: u64,
    },
    /// The file is not UTF-8 text.
    #[error("the file is not UTF-8 text (byte 0x{byte:02X} cannot start or continue a character)")]
    NotUtf8 {
        /// The first byte that is not UTF-8.
        byte: u8,
    },
    /// The text is not RON (the parser's reason).
    #[error("this is not RON text: {0}")]
    Syntax(String),
    /// The text stops in the middle of a value.
    #[error("the file ends too early: {0}")]
    UnexpectedEnd(String),
    /// A field the format does not have.
    #[error("unknown field `{field}` in {place}; the fields are: {expected}")]
    UnknownField {
        /// The field found.
        field: String,
        /// Where: "a node", "a link", "the settings"…
        place: &'static str,
        /// The fields allowed there.
        expected: String,
    },
    /// A required field is absent.
    #[error("{place} lacks the required field `{field}`")]
    MissingField {
        /// The missing field.
        field: String,
        /// Where it was missing.
        place: &'static str,
    },
    /// A name that is not one of the allowed ones (a node kind, a link kind…).
    #[error("unknown {what} `{found}`; expected one of: {expected}")]
    UnknownVariant {
        /// What kind of name: "node kind", "link kind"…
        what: &'static str,
        /// The name found.
        found: String,
        /// The names allowed.
        expected: String,
    },
    /// A value of the wrong type (text where a number belongs, say).
    #[error("wrong type of value: {0}")]
    WrongType(String),
    /// `format` is not "icsmap".
    #[error("this is not an icsmap model: `format` is {found}, not \"icsmap\"")]
    NotAModel {
        /// The `format` found.
        found: String,
    },
    /// `version` is absent.
    #[error("`version` is missing: an icsmap model starts with `format: \"icsmap\", version: 1`")]
    MissingVersion,
    /// `version` is not a whole number.
    #[error("`version` must be a whole number, not {found}")]
    VersionNotInteger {
        /// The `version` found.
        found: String,
    },
    /// The file was written by a newer icsmap, in a format this one does not read.
    #[error(
        "made by a newer version of icsmap: format {found}; this version reads formats 1 and {supported}"
    )]
    NewerVersion {
        /// The file's format version.
        found: String,
        /// The newest format version this icsmap reads.
        supported: u32,
    },
    /// A node id with characters or a length ids may not have.
    #[error("node id {id:?} is not valid: ids are 1 to 64 of the characters A-Z a-z 0-9 _ . -")]
    BadId {
        /// The id.
        id: String,
    },
    /// Two nodes share an id.
    #[error("node id {id:?} is used twice (first by node {first}); ids must be unique")]
    DuplicateId {
        /// The id.
        id: String,
        /// The position of the node that had it first.
        first: usize,
    },
    /// A link names a node that does not exist.
    #[error("link {link}: `{end}` names {id:?}, but there is no node with that id")]
    UnknownEnd {
        /// The link's position.
        link: usize,
        /// Which end: "from" or "to".
        end: &'static str,
        /// The id it names.
        id: String,
    },
    /// A link from a node to itself.
    #[error("link {link} goes from {id:?} to itself")]
    SelfLink {
        /// The link's position.
        link: usize,
        /// The node's id.
        id: String,
    },
    /// A position that is not a finite number within the canvas.
    #[error("node {id:?}: {axis} coordinate {value} is {why}")]
    BadCoordinate {
        /// The node's id.
        id: String,
        /// "x" or "y".
        axis: &'static str,
        /// The value found.
        value: f64,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A date not of the form YYYY-MM-DD.
    #[error("{field} {value:?} is not a date of the form YYYY-MM-DD")]
    BadDate {
        /// Which date field.
        field: &'static str,
        /// The text found.
        value: String,
    },
    /// A link's amount that is not a finite number.
    #[error("link {link}: amount {value} is not a finite number")]
    BadAmount {
        /// The link's position.
        link: usize,
        /// The amount found.
        value: f64,
    },
    /// More nodes than a model may have.
    #[error("the model has {count} nodes; a model may have at most {limit}")]
    TooManyNodes {
        /// How many the file has.
        count: usize,
        /// How many are allowed.
        limit: usize,
    },
    /// More links than a model may have.
    #[error("the model has {count} links; a model may have at most {limit}")]
    TooManyLinks {
        /// How many the file has.
        count: usize,
        /// How many are allowed.
        limit: usize,
    },
    /// A text longer than any text may be.
    #[error("{field} is {length} characters long; a text may be at most {limit}")]
    TextTooLong {
        /// Which text.
        field: String,
        /// Its length in characters.
        length: usize,
        /// The longest allowed.
        limit: usize,
    },
    /// Brackets nested deeper than any model needs.
    #[error("the file nests brackets too deeply to be a model")]
    TooDeep,
    /// A `version: 1` file that uses a field of format 2.
    #[error("`{field}` needs format 2: the file says `version: 1`")]
    NeedsFormat2 {
        /// The format-2 field.
        field: &'static str,
    },
    /// A `within` that names no body.
    #[error("node {id:?}: `within` names {group:?}, but there is no node with that id")]
    UnknownGroup {
        /// The member's id.
        id: String,
        /// The id its `within` names.
        group: String,
    },
    /// Following `within` comes back to where it started.
    #[error(
        "node {id:?}: following `within` comes back to it ({path}); a body cannot be inside itself"
    )]
    GroupCycle {
        /// A body on the loop.
        id: String,
        /// The loop, as "a within b within a".
        path: String,
    },
    /// A bend point that is not a finite number within the canvas.
    #[error("link {link}: bend point {axis} coordinate {value} is {why}")]
    BadBend {
        /// The link's position.
        link: usize,
        /// "x" or "y".
        axis: &'static str,
        /// The value found.
        value: f64,
        /// What is wrong with it.
        why: &'static str,
    },
    /// More bend points on one line than anyone places by hand.
    #[error("link {link} has {count} bend points; a line may have at most {limit}")]
    TooManyBends {
        /// The link's position.
        link: usize,
        /// How many the file gives.
        count: usize,
        /// How many are allowed.
        limit: usize,
    },
    /// A decision id that is empty or has characters ids may not have.
    #[error("decision id {id:?} is not valid: ids are 1 to 64 of the characters A-Z a-z 0-9 _ . -")]
    BadDecisionId {
        /// The id found.
        id: String,
    },
    /// A decision id used twice.
    #[error("decision id {id:?} is used twice (first by decision {first}); ids must be unique")]
    DuplicateDecisionId {
        /// The id.
        id: String,
        /// The position of the decision that used it first.
        first: usize,
    },
    /// A decision's `holder` or `taken_by` that names no body.
    #[error("decision {decision:?}: `{field}` names {id:?}, but there is no node with that id")]
    UnknownDecisionBody {
        /// The decision's id.
        decision: String,
        /// "holder" or "taken_by".
        field: &'static str,
        /// The id it names.
        id: String,
    },
    /// More decisions than a model may have.
    #[error("the model has {count} decisions; a model may have at most {limit}")]
    TooManyDecisions {
        /// How many the file has.
        count: usize,
        /// How many are allowed.
        limit: usize,
    },
}

impl LoadError {
    /// The error `problem` in `file`, at `position` (1-based line and column) if known.
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
    /// The file that was to be written.
    pub file: PathBuf,
    /// Why writing failed.
    #[source]
    pub source: std::io::Error,
}
