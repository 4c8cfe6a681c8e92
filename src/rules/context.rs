//! Indexes every rule needs, computed once per check rather than once per rule.

use crate::model::{LinkKind, Model, ModelIndex, NodeKind, Tier};

/// A model with the facts the rules ask about laid out for quick lookup.
pub struct Context<'m> {
    /// The model being checked.
    pub model: &'m Model,
    /// Its ids and links, indexed.
    pub index: ModelIndex<'m>,
    /// Members of each body: distinct sources of `Membership` links into it, in the order of
    /// their first link.
    members: Vec<Vec<usize>>,
}

impl<'m> Context<'m> {
    /// The facts about `model` the rules ask for.
    pub fn new(model: &'m Model) -> Context<'m> {
        let index = ModelIndex::new(model);
        let mut members = vec![Vec::new(); model.nodes.len()];
        for (node, list) in members.iter_mut().enumerate() {
            for (from, _) in links_in(model, &index, node, LinkKind::Membership) {
                if !list.contains(&from) {
                    list.push(from);
                }
            }
        }
        Context {
            model,
            index,
            members,
        }
    }

    /// How many bodies the model has.
    pub fn node_count(&self) -> usize {
        self.model.nodes.len()
    }

    /// The kind of the body at position `node`.
    pub fn kind(&self, node: usize) -> NodeKind {
        self.model.nodes[node].kind
    }

    /// The name of the body at position `node`.
    pub fn name(&self, node: usize) -> &str {
        self.model.nodes[node].display_name()
    }

    /// Whether the body at position `node` has statutory force (its own or its kind's).
    pub fn is_statutory(&self, node: usize) -> bool {
        self.index.is_statutory(node)
    }

    /// The tier of the body at position `node` (its own or its kind's).
    pub fn tier(&self, node: usize) -> Tier {
        self.index.tier(node)
    }

    /// The members of the body at position `node`: who sits on it.
    pub fn members(&self, node: usize) -> &[usize] {
        &self.members[node]
    }

    /// Whether any member of `node` is of a kind for which `test` holds.
    pub fn has_member(&self, node: usize, test: impl Fn(NodeKind) -> bool) -> bool {
        self.members[node].iter().any(|&m| test(self.kind(m)))
    }

    /// `(link position, from, to)` for every link of `kind` whose ends are known, in file
    /// order.
    pub fn links_of(&self, kind: LinkKind) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.model
            .links
            .iter()
            .enumerate()
            .filter(move |(_, l)| l.kind == kind)
            .filter_map(|(i, _)| self.index.ends(i).map(|(f, t)| (i, f, t)))
    }

    /// `(to, link position)` for links of `kind` out of `node`.
    pub fn out_of(&self, node: usize, kind: LinkKind) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.index.outgoing(node).iter().filter_map(move |&l| {
            let (_, to) = self.index.ends(l)?;
            (self.model.links[l].kind == kind).then_some((to, l))
        })
    }

    /// `(from, link position)` for links of `kind` into `node`.
    pub fn into(&self, node: usize, kind: LinkKind) -> impl Iterator<Item = (usize, usize)> + '_ {
        links_in(self.model, &self.index, node, kind)
    }

    /// Whether any link goes into or out of the body at position `node`.
    pub fn has_any_link(&self, node: usize) -> bool {
        !self.index.outgoing(node).is_empty() || !self.index.incoming(node).is_empty()
    }
}

fn links_in<'a>(
    model: &'a Model,
    index: &'a ModelIndex<'_>,
    node: usize,
    kind: LinkKind,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    index.incoming(node).iter().filter_map(move |&l| {
        let (from, _) = index.ends(l)?;
        (model.links[l].kind == kind).then_some((from, l))
    })
}
