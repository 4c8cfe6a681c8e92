//! The model file, `*.icsmap.ron` formats 1 and 2 (file-format.md): a public interface that people
//! email to each other and open years later.

mod error;
mod load;
mod save;
mod scan;

pub use error::{LoadError, Problem, SaveError};
pub use load::{Loaded, load_bytes, load_path, load_str};
pub use save::{save_path, to_canonical_string, write_atomically};

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "icsmap";
/// The newest format version this program reads. It writes the oldest version that holds
/// the model (`Model::format_version`).
pub const FORMAT_VERSION: u32 = 2;
/// The file extension the program saves with (it opens any `.ron`).
pub const EXTENSION: &str = ".icsmap.ron";

/// Limits that keep a hostile or broken file from hanging or exhausting the program.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most bodies a model may have.
pub const MAX_NODES: usize = 100_000;
/// The most links a model may have.
pub const MAX_LINKS: usize = 400_000;
/// The most decisions a model may have.
pub const MAX_DECISIONS: usize = 100_000;
/// Bend points on one line: far more than anyone places by hand.
pub const MAX_VIA_POINTS: usize = 1_000;
/// The longest any text may be, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The furthest from the origin a body may be, in points, on either axis.
pub const MAX_COORDINATE: f64 = 1_000_000.0;

/// Files hold numbers to one decimal; the model holds them the same way, so that what is
/// loaded equals what is saved.
pub fn round_to_tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
