//! An open model with its history: every edit goes through `Document::edit`, so undo, the
//! unsaved-changes marker and re-validation happen in one place.
//!
//! Undo keeps whole snapshots of the model rather than inverse operations: every edit is
//! then undoable with no per-edit code to get wrong, at the price of memory, which a cap
//! bounds (`MAX_HISTORY_BYTES`). A drag is one step: the snapshot is taken when it starts
//! and kept only if something moved.

use std::path::PathBuf;

use crate::model::Model;
use crate::rules::{self, Finding};

/// Undo steps kept at most, however small.
const MAX_STEPS: usize = 500;
/// Roughly how much memory the undo history may take.
const MAX_HISTORY_BYTES: usize = 512 * 1024 * 1024;

#[derive(Clone, Debug)]
struct Snapshot {
    model: Model,
    revision: u64,
    label: String,
}

/// A model being edited.
#[derive(Debug)]
pub struct Document {
    model: Model,
    /// Where it was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// Names this document's crash-recovery copy.
    pub key: String,
    /// Bumped by every change; compared with `saved_revision` for the unsaved marker.
    revision: u64,
    saved_revision: u64,
    /// Used for new revision numbers, so that undo then edit never reuses one.
    next_revision: u64,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    gesture: Option<Snapshot>,
    findings: Vec<Finding>,
}

impl Document {
    /// A document for `model`, kept in `path` (`None`: never saved), with nothing to undo.
    pub fn new(model: Model, path: Option<PathBuf>) -> Document {
        let findings = rules::check(&model);
        Document {
            model,
            path,
            key: super::recovery::new_key(),
            revision: 0,
            saved_revision: 0,
            next_revision: 1,
            undo: Vec::new(),
            redo: Vec::new(),
            gesture: None,
            findings,
        }
    }

    /// The model as it is now.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Findings of the current model, kept up to date by every edit.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// A number that changes with every change to the model (for caches).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether there are changes since the model was last saved (or opened).
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// A document restored from a recovery copy: it has changes its file does not.
    pub fn recovered(model: Model, path: Option<PathBuf>, key: String) -> Document {
        let mut doc = Document::new(model, path);
        doc.key = key;
        doc.saved_revision = u64::MAX;
        doc
    }

    /// The model is now saved in `path`: not dirty any more.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_revision = self.revision;
    }

    /// Applies one undoable edit named `label`. Returns what `change` returned. An edit
    /// that changes nothing leaves no step.
    pub fn edit<R>(&mut self, label: &str, change: impl FnOnce(&mut Model) -> R) -> R {
        let before = self.model.clone();
        let result = change(&mut self.model);
        if self.model != before {
            self.push_undo(Snapshot {
                model: before,
                revision: self.revision,
                label: label.to_string(),
            });
            self.redo.clear();
            self.changed();
        }
        result
    }

    /// Starts a gesture (a drag) whose many small changes make one undo step.
    pub fn begin_gesture(&mut self, label: &str) {
        if self.gesture.is_none() {
            self.gesture = Some(Snapshot {
                model: self.model.clone(),
                revision: self.revision,
                label: label.to_string(),
            });
        }
    }

    /// A change inside a gesture: applied at once, recorded when the gesture ends.
    pub fn gesture_change(&mut self, change: impl FnOnce(&mut Model)) {
        if self.gesture.is_none() {
            self.begin_gesture("Change");
        }
        change(&mut self.model);
        self.changed();
    }

    /// Ends the gesture: one undo step if the model changed, none if it did not.
    pub fn end_gesture(&mut self) {
        if let Some(start) = self.gesture.take() {
            if start.model != self.model {
                self.push_undo(start);
                self.redo.clear();
            } else {
                self.revision = start.revision;
            }
        }
    }

    /// Whether a gesture (a drag, a field being typed in) is under way.
    pub fn in_gesture(&self) -> bool {
        self.gesture.is_some()
    }

    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone change to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What Undo would undo, for the menu.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What redo would bring back ("Move"), if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Undoes the last change; false when there was none.
    pub fn undo(&mut self) -> bool {
        self.step(true)
    }

    /// Redoes the last undone change; false when there was none.
    pub fn redo(&mut self) -> bool {
        self.step(false)
    }

    /// Undo (`back`) or redo: the top snapshot of one stack becomes the model, and the model
    /// goes onto the other stack.
    fn step(&mut self, back: bool) -> bool {
        self.end_gesture();
        let from = if back { &mut self.undo } else { &mut self.redo };
        let Some(step) = from.pop() else { return false };
        let current = Snapshot {
            model: std::mem::replace(&mut self.model, step.model),
            revision: self.revision,
            label: step.label,
        };
        self.revision = step.revision;
        if back {
            self.redo.push(current);
        } else {
            self.undo.push(current);
        }
        self.revalidate();
        true
    }

    fn push_undo(&mut self, snapshot: Snapshot) {
        self.undo.push(snapshot);
        let size_of = |m: &Model| approximate_size(m);
        let mut total: usize = self.undo.iter().map(|s| size_of(&s.model)).sum();
        while self.undo.len() > 1 && (self.undo.len() > MAX_STEPS || total > MAX_HISTORY_BYTES) {
            total -= size_of(&self.undo[0].model);
            self.undo.remove(0);
        }
    }

    fn changed(&mut self) {
        self.revision = self.next_revision;
        self.next_revision += 1;
        self.revalidate();
    }

    fn revalidate(&mut self) {
        self.findings = rules::check(&self.model);
    }
}

/// A rough size of a model in memory, for the history cap.
fn approximate_size(model: &Model) -> usize {
    let text = |s: &String| s.capacity();
    let nodes: usize = model
        .nodes
        .iter()
        .map(|n| {
            std::mem::size_of_val(n)
                + text(&n.id)
                + text(&n.name)
                + text(&n.notes)
                + text(&n.work_programme)
        })
        .sum();
    let links: usize = model
        .links
        .iter()
        .map(|l| {
            std::mem::size_of_val(l)
                + text(&l.from)
                + text(&l.to)
                + text(&l.purpose)
                + text(&l.label)
        })
        .sum();
    nodes + links + 1024
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind};

    fn doc() -> Document {
        Document::new(Model::new("t"), None)
    }

    #[test]
    fn edits_undo_and_redo() {
        let mut d = doc();
        assert!(!d.is_dirty());
        d.edit("Add", |m| {
            m.nodes.push(Node::new("a", NodeKind::NhsTrust, "A"))
        });
        assert!(d.is_dirty());
        assert_eq!(d.findings().iter().filter(|f| f.rule == "S02").count(), 1);
        assert!(d.undo());
        assert!(d.model().nodes.is_empty());
        assert!(!d.is_dirty(), "back where it was saved");
        assert!(d.findings().iter().all(|f| f.rule != "S02"));
        assert!(d.redo());
        assert_eq!(d.model().nodes.len(), 1);
        assert!(d.is_dirty());
        assert!(!d.redo());
    }

    #[test]
    fn a_gesture_is_one_step_and_a_null_gesture_none() {
        let mut d = doc();
        d.edit("Add", |m| {
            m.nodes.push(Node::new("a", NodeKind::NhsTrust, "A"))
        });
        d.begin_gesture("Move");
        for x in 1..=10 {
            d.gesture_change(|m| m.nodes[0].at.x = f64::from(x));
        }
        d.end_gesture();
        assert_eq!(d.undo_label(), Some("Move"));
        d.undo();
        assert_eq!(d.model().nodes[0].at.x, 0.0);
        assert_eq!(d.undo_label(), Some("Add"));
        let revision = d.revision();
        d.begin_gesture("Move");
        d.end_gesture();
        assert_eq!(d.undo_label(), Some("Add"), "nothing moved, no step");
        assert_eq!(d.revision(), revision);
    }

    #[test]
    fn an_edit_that_changes_nothing_leaves_no_step() {
        let mut d = doc();
        d.edit("Nothing", |_| {});
        assert!(!d.can_undo() && !d.is_dirty());
    }

    #[test]
    fn saving_clears_the_marker_and_undo_past_it_sets_it() {
        let mut d = doc();
        d.edit("Add", |m| {
            m.nodes.push(Node::new("a", NodeKind::NhsTrust, "A"))
        });
        d.mark_saved(PathBuf::from("x.icsmap.ron"));
        assert!(!d.is_dirty());
        d.undo();
        assert!(d.is_dirty());
        d.redo();
        assert!(!d.is_dirty());
    }
}
