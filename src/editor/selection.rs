//! What is selected: bodies by id (ids survive undo and redo), links by position.

use std::collections::BTreeSet;

use crate::model::Model;

/// The bodies and links selected on the canvas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected bodies, by id.
    pub nodes: BTreeSet<String>,
    /// Selected links, by position in the model.
    pub links: BTreeSet<usize>,
}

impl Selection {
    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.links.is_empty()
    }

    /// Selects nothing.
    pub fn clear(&mut self) {
        self.nodes.clear();
        self.links.clear();
    }

    /// Only the body with this id.
    pub fn only_node(id: &str) -> Selection {
        Selection {
            nodes: BTreeSet::from([id.to_string()]),
            links: BTreeSet::new(),
        }
    }

    /// Only the link at this position.
    pub fn only_link(link: usize) -> Selection {
        Selection {
            nodes: BTreeSet::new(),
            links: BTreeSet::from([link]),
        }
    }

    /// Every body and link of `model`.
    pub fn all(model: &Model) -> Selection {
        Selection {
            nodes: model.nodes.iter().map(|n| n.id.clone()).collect(),
            links: (0..model.links.len()).collect(),
        }
    }

    /// Adds or removes a body (Shift/Ctrl-click).
    pub fn toggle_node(&mut self, id: &str) {
        if !self.nodes.remove(id) {
            self.nodes.insert(id.to_string());
        }
    }

    /// Adds the link to the selection, or takes it out if it was in.
    pub fn toggle_link(&mut self, link: usize) {
        if !self.links.remove(&link) {
            self.links.insert(link);
        }
    }

    /// Drops what the model no longer has (after undo, delete, an opened file).
    pub fn retain_existing(&mut self, model: &Model) {
        let ids: std::collections::HashSet<&str> =
            model.nodes.iter().map(|n| n.id.as_str()).collect();
        self.nodes.retain(|id| ids.contains(id.as_str()));
        self.links.retain(|&l| l < model.links.len());
    }

    /// Positions of the selected bodies, in file order.
    pub fn node_positions(&self, model: &Model) -> Vec<usize> {
        if self.nodes.is_empty() {
            return Vec::new();
        }
        model
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| self.nodes.contains(&n.id))
            .map(|(i, _)| i)
            .collect()
    }

    /// The one selected body, if exactly one body and no link is selected.
    pub fn single_node(&self) -> Option<&str> {
        (self.nodes.len() == 1 && self.links.is_empty())
            .then(|| self.nodes.iter().next().map(String::as_str))
            .flatten()
    }

    /// The one link selected, when the selection is exactly one link.
    pub fn single_link(&self) -> Option<usize> {
        (self.links.len() == 1 && self.nodes.is_empty())
            .then(|| self.links.iter().next().copied())
            .flatten()
    }
}

/// A selection by the editor's keys, which survive edits, undo and redo.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SelectionKeys {
    nodes: Vec<super::document::Key>,
    links: Vec<super::document::Key>,
}

impl Selection {
    /// The selection by keys, to find it again after the model changes under it.
    pub fn keys(&self, doc: &super::Document) -> SelectionKeys {
        let model = doc.model();
        SelectionKeys {
            nodes: self
                .node_positions(model)
                .into_iter()
                .filter_map(|i| doc.node_key(i))
                .collect(),
            links: self.links.iter().filter_map(|&l| doc.link_key(l)).collect(),
        }
    }

    /// What of a selection made earlier is still in the model, wherever it now is.
    pub fn from_keys(doc: &super::Document, keys: &SelectionKeys) -> Selection {
        let model = doc.model();
        Selection {
            nodes: keys
                .nodes
                .iter()
                .filter_map(|&k| doc.node_with_key(k))
                .map(|i| model.nodes[i].id.clone())
                .collect(),
            links: keys
                .links
                .iter()
                .filter_map(|&k| doc.link_with_key(k))
                .collect(),
        }
    }
}
