//! Facts derived from a model that every reader needs: where each id is, which links touch
//! each body, and each body's effective statutory force and tier. Computed once per use
//! (a validation run, a scene build), never stored in the file.

use std::collections::HashMap;

use super::kinds::{LinkKind, NodeKind, Tier};
use super::operating_model::Model;

/// Lookup tables over one model. Positions are indices into `model.nodes` / `model.links`.
#[derive(Debug)]
pub struct ModelIndex<'m> {
    by_id: HashMap<&'m str, usize>,
    /// `(from, to)` node positions of each link; `None` when an end names no node (only a
    /// model built in code can have one: the loader refuses such files).
    ends: Vec<Option<(usize, usize)>>,
    outgoing: Vec<Vec<usize>>,
    incoming: Vec<Vec<usize>>,
    statutory: Vec<bool>,
    tier: Vec<Tier>,
}

impl<'m> ModelIndex<'m> {
    /// Indexes `model`: ids to positions, links in and out of each body.
    pub fn new(model: &'m Model) -> ModelIndex<'m> {
        let node_count = model.nodes.len();
        let mut by_id = HashMap::with_capacity(node_count);
        for (i, node) in model.nodes.iter().enumerate() {
            // The first of two equal ids wins, as in the file (the loader refuses repeats).
            by_id.entry(node.id.as_str()).or_insert(i);
        }
        let mut outgoing = vec![Vec::new(); node_count];
        let mut incoming = vec![Vec::new(); node_count];
        let ends: Vec<Option<(usize, usize)>> = model
            .links
            .iter()
            .enumerate()
            .map(|(l, link)| {
                let from = *by_id.get(link.from.as_str())?;
                let to = *by_id.get(link.to.as_str())?;
                outgoing[from].push(l);
                incoming[to].push(l);
                Some((from, to))
            })
            .collect();
        let mut index = ModelIndex {
            by_id,
            ends,
            outgoing,
            incoming,
            statutory: Vec::new(),
            tier: Vec::new(),
        };
        index.statutory = index.resolve_statutory(model);
        index.tier = index.resolve_tiers(model);
        index
    }

    /// The position in `nodes` of the body with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The node positions at the two ends of link `link`.
    pub fn ends(&self, link: usize) -> Option<(usize, usize)> {
        self.ends.get(link).copied().flatten()
    }

    /// Links out of node `node`, in file order.
    pub fn outgoing(&self, node: usize) -> &[usize] {
        &self.outgoing[node]
    }

    /// Links into node `node`, in file order.
    pub fn incoming(&self, node: usize) -> &[usize] {
        &self.incoming[node]
    }

    /// Effective statutory force (rules.md "Effective statutory").
    pub fn is_statutory(&self, node: usize) -> bool {
        self.statutory[node]
    }

    /// Effective tier: the node's own, else its kind's; a committee sits with its parent.
    pub fn tier(&self, node: usize) -> Tier {
        self.tier[node]
    }

    /// The body a committee is a committee of: the target of its first `Committee` link.
    pub fn parent_of(&self, model: &Model, node: usize) -> Option<usize> {
        self.outgoing[node].iter().find_map(|&l| {
            let (_, to) = self.ends(l)?;
            (model.links[l].kind == LinkKind::Committee).then_some(to)
        })
    }

    fn resolve_statutory(&self, model: &Model) -> Vec<bool> {
        // A committee takes statutory force from a parent that has it, and the parent may
        // itself be a committee: spread force down `Committee` links from every body known to
        // have it. A committee never reached (a ring of committees, or one whose parents have
        // no force) has none. Linear in the size of the model.
        let mut statutory: Vec<Option<bool>> = model
            .nodes
            .iter()
            .map(|n| match (n.statutory, n.kind) {
                (Some(s), _) => Some(s),
                (None, NodeKind::Committee) => None,
                (None, kind) => Some(kind.default_statutory()),
            })
            .collect();
        let mut work: Vec<usize> = (0..model.nodes.len())
            .filter(|&i| statutory[i] == Some(true))
            .collect();
        while let Some(parent) = work.pop() {
            for &l in &self.incoming[parent] {
                if model.links[l].kind != LinkKind::Committee {
                    continue;
                }
                if let Some((child, _)) = self.ends(l)
                    && statutory[child].is_none()
                {
                    statutory[child] = Some(true);
                    work.push(child);
                }
            }
        }
        statutory.into_iter().map(|s| s.unwrap_or(false)).collect()
    }

    fn resolve_tiers(&self, model: &Model) -> Vec<Tier> {
        let mut tiers: Vec<Option<Tier>> = model
            .nodes
            .iter()
            .map(|n| match (n.tier, n.kind) {
                (Some(t), _) => Some(t),
                (None, NodeKind::Committee) => None,
                (None, kind) => Some(kind.default_tier()),
            })
            .collect();
        for start in 0..model.nodes.len() {
            // Follow first parents up to a body whose tier is known; every committee on the
            // way takes it, so each body is walked over once. A ring of committees falls back
            // to the kind's default.
            let mut chain = Vec::new();
            let mut on_chain = std::collections::HashSet::new();
            let mut current = start;
            let tier = loop {
                if let Some(t) = tiers[current] {
                    break t;
                }
                chain.push(current);
                on_chain.insert(current);
                match self.parent_of(model, current) {
                    Some(p) if !on_chain.contains(&p) => current = p,
                    _ => break NodeKind::Committee.default_tier(),
                }
            };
            for c in chain {
                tiers[c] = Some(tier);
            }
        }
        tiers
            .into_iter()
            .map(|t| t.unwrap_or(Tier::System))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Node};

    fn model(nodes: Vec<Node>, links: Vec<Link>) -> Model {
        Model {
            nodes,
            links,
            ..Model::default()
        }
    }

    #[test]
    fn a_committee_takes_force_and_tier_from_its_parent() {
        let m = model(
            vec![
                Node::new("icb", NodeKind::IntegratedCareBoard, "ICB"),
                Node::new("place", NodeKind::Committee, "Place committee"),
                Node::new("sub", NodeKind::Committee, "Sub-committee"),
                Node::new("pb", NodeKind::PartnershipBoard, "Board"),
                Node::new("group", NodeKind::Committee, "Working group"),
            ],
            vec![
                Link::new(LinkKind::Committee, "sub", "place"),
                Link::new(LinkKind::Committee, "place", "icb"),
                Link::new(LinkKind::Committee, "group", "pb"),
            ],
        );
        let ix = ModelIndex::new(&m);
        assert!(ix.is_statutory(1));
        assert!(
            ix.is_statutory(2),
            "a sub-committee of a statutory committee"
        );
        assert!(!ix.is_statutory(4), "a committee of a non-statutory board");
        assert_eq!(ix.tier(1), Tier::System);
        assert_eq!(ix.parent_of(&m, 2), Some(1));
    }

    #[test]
    fn a_ring_of_committees_has_no_force_and_does_not_hang() {
        let m = model(
            vec![
                Node::new("a", NodeKind::Committee, "A"),
                Node::new("b", NodeKind::Committee, "B"),
                Node::new("icb", NodeKind::IntegratedCareBoard, "ICB"),
                Node::new("c", NodeKind::Committee, "C"),
            ],
            vec![
                Link::new(LinkKind::Committee, "a", "b"),
                Link::new(LinkKind::Committee, "b", "a"),
                Link::new(LinkKind::Committee, "c", "a"),
                Link::new(LinkKind::Committee, "b", "icb"),
            ],
        );
        let ix = ModelIndex::new(&m);
        // b reaches the ICB directly; a through b; c through a.
        assert!(ix.is_statutory(0) && ix.is_statutory(1) && ix.is_statutory(3));
        let ring = model(
            vec![
                Node::new("a", NodeKind::Committee, "A"),
                Node::new("b", NodeKind::Committee, "B"),
            ],
            vec![
                Link::new(LinkKind::Committee, "a", "b"),
                Link::new(LinkKind::Committee, "b", "a"),
            ],
        );
        let ix = ModelIndex::new(&ring);
        assert!(!ix.is_statutory(0) && !ix.is_statutory(1));
        assert_eq!(ix.tier(0), Tier::System);
    }

    #[test]
    fn force_through_a_second_parent_counts() {
        let m = model(
            vec![
                Node::new("x", NodeKind::Committee, "Joint committee"),
                Node::new("orphan", NodeKind::Committee, "Orphan"),
                Node::new("place", NodeKind::Committee, "Place committee"),
                Node::new("icb", NodeKind::IntegratedCareBoard, "ICB"),
            ],
            vec![
                Link::new(LinkKind::Committee, "x", "orphan"),
                Link::new(LinkKind::Committee, "x", "place"),
                Link::new(LinkKind::Committee, "place", "icb"),
            ],
        );
        let ix = ModelIndex::new(&m);
        assert!(ix.is_statutory(0));
        assert!(!ix.is_statutory(1));
    }

    #[test]
    fn an_explicit_field_beats_the_default() {
        let mut trust = Node::new("t", NodeKind::NhsTrust, "Trust");
        trust.statutory = Some(false);
        trust.tier = Some(Tier::System);
        let m = model(vec![trust], vec![]);
        let ix = ModelIndex::new(&m);
        assert!(!ix.is_statutory(0));
        assert_eq!(ix.tier(0), Tier::System);
    }
}
