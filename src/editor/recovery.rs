//! Crash recovery: while a model has unsaved changes, a copy is written every so often to a
//! recovery folder; at the next start, copies newer than their files (or of models never
//! saved) are offered back. No user interface here, so it is tested on its own.
//!
//! A recovery file is an ordinary model file whose first line says where the model came
//! from, so a person can also open it by hand.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::Model;
use crate::model::file::{to_canonical_string, write_atomically};

const HEADER: &str = "// icsmap recovery of: ";
const UNSAVED: &str = "(never saved)";

/// A recovery copy found at start.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    /// The recovery file itself.
    pub file: PathBuf,
    /// The file the model belongs to; `None` for a model that was never saved.
    pub original: Option<PathBuf>,
    /// When the copy was written.
    pub saved_at: SystemTime,
}

/// The folder recovery copies live in.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    folder: PathBuf,
}

impl RecoveryStore {
    /// A store of recovery copies in `folder`.
    pub fn new(folder: PathBuf) -> RecoveryStore {
        RecoveryStore { folder }
    }

    /// The platform's data folder for icsmap, if it has one.
    pub fn in_data_folder() -> Option<RecoveryStore> {
        eframe::storage_dir("icsmap").map(|d| RecoveryStore::new(d.join("recovery")))
    }

    /// The recovery file for a document with this key (unique per open document).
    pub fn file_for(&self, key: &str) -> PathBuf {
        self.folder.join(format!("{key}.icsmap.ron"))
    }

    /// Writes a recovery copy of `model` (atomically, like every save).
    pub fn write(
        &self,
        key: &str,
        model: &Model,
        original: Option<&Path>,
    ) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.folder)?;
        let origin = original.map_or_else(|| UNSAVED.to_string(), |p| p.display().to_string());
        let text = format!("{HEADER}{origin}\n{}", to_canonical_string(model));
        let file = self.file_for(key);
        write_atomically(&file, text.as_bytes())?;
        Ok(file)
    }

    /// Deletes the copy kept for `key`, if any.
    pub fn remove(&self, key: &str) {
        let _ = std::fs::remove_file(self.file_for(key));
    }

    /// Recovery copies worth offering: those of never-saved models, and those newer than
    /// the file they belong to (or whose file is gone). Older ones are stale and removed.
    pub fn pending(&self) -> Vec<Recovered> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let file = entry.path();
            if !file.to_string_lossy().ends_with(".icsmap.ron") {
                continue;
            }
            let Ok(saved_at) = entry.metadata().and_then(|m| m.modified()) else {
                continue;
            };
            let original = read_origin(&file);
            let newer = match &original {
                None => true,
                Some(path) => std::fs::metadata(path)
                    .and_then(|m| m.modified())
                    .map_or(true, |file_time| saved_at > file_time),
            };
            if newer {
                found.push(Recovered {
                    file,
                    original,
                    saved_at,
                });
            } else {
                let _ = std::fs::remove_file(&file);
            }
        }
        found.sort_by_key(|r| std::cmp::Reverse(r.saved_at));
        found
    }
}

/// The original path named on a recovery file's first line.
fn read_origin(file: &Path) -> Option<PathBuf> {
    use std::io::{BufRead, BufReader};
    let mut line = String::new();
    BufReader::new(std::fs::File::open(file).ok()?)
        .read_line(&mut line)
        .ok()?;
    let origin = line.strip_prefix(HEADER)?.trim_end();
    (origin != UNSAVED && !origin.is_empty()).then(|| PathBuf::from(origin))
}

/// A key for a newly opened document: unique across documents and runs.
pub fn new_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind};

    #[test]
    fn a_copy_of_an_unsaved_model_is_offered_and_restores_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let mut model = Model::new("Draft");
        model
            .nodes
            .push(Node::new("icb", NodeKind::IntegratedCareBoard, "ICB").at(10.0, 20.0));
        store.write("k1", &model, None).unwrap();
        let pending = store.pending();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].original, None);
        assert_eq!(crate::open(&pending[0].file).unwrap(), model);
        store.remove("k1");
        assert!(store.pending().is_empty());
    }

    #[test]
    fn a_copy_older_than_its_file_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let original = dir.path().join("m.icsmap.ron");
        let model = Model::new("Saved");
        store.write("k2", &model, Some(&original)).unwrap();
        // The file is saved after the copy was made: the copy is stale.
        std::thread::sleep(std::time::Duration::from_millis(20));
        crate::save_path(&model, &original).unwrap();
        assert!(store.pending().is_empty());
        assert!(!store.file_for("k2").exists(), "stale copies are cleared");
        // A copy newer than the file is offered, with its origin.
        store.write("k3", &model, Some(&original)).unwrap();
        let pending = store.pending();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].original.as_deref(), Some(original.as_path()));
    }
}
