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
    keys: Keys,
}

/// The editor's own name for a body or a link, kept across edits, undo and redo (a body's
/// id can change, and a link has no id in the file). Never saved.
pub type Key = u64;

/// The key of each body and each link, by position in the model.
#[derive(Clone, Debug, Default, PartialEq)]
struct Keys {
    nodes: Vec<Key>,
    links: Vec<Key>,
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
    keys: Keys,
    next_key: Key,
}

impl Document {
    /// A document for `model`, kept in `path` (`None`: never saved), with nothing to undo.
    pub fn new(model: Model, path: Option<PathBuf>) -> Document {
        let findings = rules::check(&model);
        let keys = Keys {
            nodes: (0..model.nodes.len() as Key).collect(),
            links: (0..model.links.len() as Key)
                .map(|k| k + model.nodes.len() as Key)
                .collect(),
        };
        let next_key = (model.nodes.len() + model.links.len()) as Key;
        Document {
            keys,
            next_key,
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
            let keys = self.keys.clone();
            self.keys = self.follow_keys(&before, &keys);
            self.push_undo(Snapshot {
                model: before,
                revision: self.revision,
                label: label.to_string(),
                keys,
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
                keys: self.keys.clone(),
            });
        }
    }

    /// A change inside a gesture: applied at once, recorded when the gesture ends.
    pub fn gesture_change(&mut self, change: impl FnOnce(&mut Model)) {
        if self.gesture.is_none() {
            self.begin_gesture("Change");
        }
        let counts = (self.model.nodes.len(), self.model.links.len());
        change(&mut self.model);
        if counts != (self.model.nodes.len(), self.model.links.len())
            && let Some(start) = self.gesture.take()
        {
            self.keys = self.follow_keys(&start.model, &start.keys);
            self.gesture = Some(start);
        }
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
            keys: std::mem::replace(&mut self.keys, step.keys),
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

    /// The editor's key of the body at position `i`.
    pub fn node_key(&self, i: usize) -> Option<Key> {
        self.keys.nodes.get(i).copied()
    }

    /// The editor's key of the link at position `l`.
    pub fn link_key(&self, l: usize) -> Option<Key> {
        self.keys.links.get(l).copied()
    }

    /// Where the body with this key is now, if it is in the model.
    pub fn node_with_key(&self, key: Key) -> Option<usize> {
        self.keys.nodes.iter().position(|&k| k == key)
    }

    /// Where the link with this key is now, if it is in the model.
    pub fn link_with_key(&self, key: Key) -> Option<usize> {
        self.keys.links.iter().position(|&k| k == key)
    }

    /// The keys of the model after a change from `before` (whose keys were `old`): bodies
    /// keep theirs by id, links by being the same link; when nothing was added or removed
    /// (a field, a kind, an id changed in place) every position keeps its key.
    fn follow_keys(&mut self, before: &Model, old: &Keys) -> Keys {
        let mut fresh = || {
            self.next_key += 1;
            self.next_key - 1
        };
        let nodes = if before.nodes.len() == self.model.nodes.len() {
            old.nodes.clone()
        } else {
            let by_id: std::collections::HashMap<&str, Key> = before
                .nodes
                .iter()
                .map(|n| n.id.as_str())
                .zip(old.nodes.iter().copied())
                .collect();
            self.model
                .nodes
                .iter()
                .map(|n| by_id.get(n.id.as_str()).copied().unwrap_or_else(&mut fresh))
                .collect()
        };
        let links = if before.links.len() == self.model.links.len() {
            old.links.clone()
        } else {
            // Edits keep the order of the links they leave (removal, appending), so the old
            // links are matched in order.
            let mut from = 0;
            let mut keys = Vec::with_capacity(self.model.links.len());
            for link in &self.model.links {
                match before.links[from.min(before.links.len())..]
                    .iter()
                    .position(|old_link| old_link == link)
                {
                    Some(k) => {
                        keys.push(old.links.get(from + k).copied().unwrap_or_else(&mut fresh));
                        from += k + 1;
                    }
                    None => keys.push(fresh()),
                }
            }
            keys
        };
        Keys { nodes, links }
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
