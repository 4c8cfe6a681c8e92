//! What is shown: the model after folding, decided once and used by the scene, the layout,
//! the routing and the editor alike (diagram.md, "Groups and levels of detail").
//!
//! A body with members (bodies whose `within` names it) is a *group*. An unfolded group is
//! drawn as a box around its members with its name in a header; a folded group
//! (`collapsed`) is one ordinary box with a "+N" marker, and everything inside it is hidden.
//! Every link is drawn between the boxes that show its two ends: links of hidden members go
//! to the folded group that hides them, merged per kind and direction with a count.
//!
//! **Where a group is.** An unfolded group's box is computed from its members' boxes (plus
//! padding and the header); its own `at` is not read to draw it. A folded group's box is an
//! ordinary body box centred on its `at`. The edits and the layout keep a group's `at` at
//! the centre of its unfolded box ([`unfolded_centres`]), so folding leaves the box where it
//! was; moving a folded group moves the bodies hidden in it by as much
//! ([`View::descendants`]), so unfolding brings every member back where it was, around the
//! box.
//!
//! The validator is not a reader of this module: it always reads the whole model.

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::geom::{Pos, Rect};
use crate::layout::{NODE_HEIGHT, NODE_WIDTH, node_rect};
use crate::model::{LinkKind, Model, ModelIndex, Point};

/// Space between a group's border and its members' boxes.
pub const GROUP_PAD: f32 = 14.0;
/// Height of a group's header, above its members, holding its name.
pub const GROUP_HEADER: f32 = 26.0;
/// Size of a folded group's "+N" marker, which sits on the bottom right of its box.
pub const MARKER_HEIGHT: f32 = 16.0;

/// How one body is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Drawn as its own box.
    Visible,
    /// Hidden inside the folded group at this position, which is drawn in its place.
    HiddenIn(usize),
    /// Not drawn at all: left out of an export of a selection.
    Omitted,
}

/// What a visible body's box is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// An ordinary body.
    Body,
    /// A box around its members, with a header.
    Group,
    /// One box standing for itself and everything inside it, with a "+N" marker.
    Folded,
}

/// One line of the diagram: one model link, or several merged into one drawn to a folded
/// group.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownLink {
    pub kind: LinkKind,
    /// The visible bodies the line runs between, by position.
    pub from: usize,
    pub to: usize,
    /// The model links this line draws, by position, in file order.
    pub links: Vec<usize>,
    /// Drawn to a folded group in place of a hidden member (so it shows a count, not the
    /// link's own label, when it draws more than one link).
    pub merged: bool,
}

impl ShownLink {
    /// How many model links the line draws (the "×N" of a merged line).
    pub fn count(&self) -> usize {
        self.links.len()
    }
}

/// What is shown of a model: see the module documentation.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    parent: Vec<Option<usize>>,
    members: Vec<Vec<usize>>,
    shown: Vec<Shown>,
    role: Vec<Role>,
    /// How many bodies each folded group hides (all levels down).
    hidden: Vec<usize>,
    /// The box each body has or would have if shown (an unfolded group's from its members).
    boxes: Vec<Rect>,
    links: Vec<ShownLink>,
    /// For each model link, the line that draws it.
    line_of: Vec<Option<usize>>,
    /// Visible bodies, each group before its members, otherwise in file order.
    order: Vec<usize>,
}

impl View {
    /// The whole model as its folding says.
    pub fn new(model: &Model) -> View {
        View::build(model, None)
    }

    /// Like [`View::new`], drawing only the bodies at `only` (by position) and the links
    /// among them: an export of a selection. A folded group in `only` still stands for
    /// everything inside it; a member in `only` whose group is not is drawn on its own.
    pub fn of_some(model: &Model, only: Option<&[usize]>) -> View {
        View::build(model, only)
    }

    fn build(model: &Model, only: Option<&[usize]>) -> View {
        let index = ModelIndex::new(model);
        let n = model.nodes.len();
        let parent = parents(model, &index);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = *p {
                members[p].push(i);
            }
        }
        let folded: Vec<bool> = (0..n)
            .map(|i| model.nodes[i].collapsed && !members[i].is_empty())
            .collect();

        // Top down (pre-order from the roots), so a parent is settled before its members.
        let preorder = preorder(&parent, &members);
        let mut shown = vec![Shown::Visible; n];
        for &i in &preorder {
            shown[i] = match parent[i] {
                Some(p) => match shown[p] {
                    Shown::HiddenIn(g) => Shown::HiddenIn(g),
                    _ if folded[p] && shown[p] == Shown::Visible => Shown::HiddenIn(p),
                    // A member of a left-out folded group is left out with it.
                    _ if folded[p] => Shown::Omitted,
                    _ => Shown::Visible,
                },
                None => Shown::Visible,
            };
        }
        if let Some(only) = only {
            let mut chosen = vec![false; n];
            for &i in only {
                if let Some(c) = chosen.get_mut(i) {
                    *c = true;
                }
            }
            for &i in &preorder {
                shown[i] = match shown[i] {
                    Shown::Visible if !chosen[i] => Shown::Omitted,
                    Shown::HiddenIn(g) if !chosen[g] => Shown::Omitted,
                    other => other,
                };
            }
        }

        // Bottom up: a group's box is around its members' boxes.
        let mut boxes: Vec<Rect> = model.nodes.iter().map(node_rect).collect();
        let mut role = vec![Role::Body; n];
        let mut hidden = vec![0usize; n];
        for &i in preorder.iter().rev() {
            if folded[i] {
                role[i] = Role::Folded;
                hidden[i] = below(i, &members);
                continue;
            }
            let drawn = members[i]
                .iter()
                .filter(|&&m| shown[m] != Shown::Omitted)
                .map(|&m| boxes[m]);
            if let Some(inner) = drawn.reduce(|a, b| a.union(&b)) {
                role[i] = Role::Group;
                boxes[i] = group_box(inner);
            }
        }

        let order: Vec<usize> = preorder
            .iter()
            .copied()
            .filter(|&i| shown[i] == Shown::Visible)
            .collect();
        let mut view = View {
            parent,
            members,
            shown,
            role,
            hidden,
            boxes,
            links: Vec::new(),
            line_of: vec![None; model.links.len()],
            order,
        };
        view.map_links(model, &index);
        view
    }

    /// Every link to the boxes that show its ends; merges the lines to folded groups.
    fn map_links(&mut self, model: &Model, index: &ModelIndex<'_>) {
        let mut merged_line: HashMap<(LinkKind, usize, usize), usize> = HashMap::new();
        for (l, link) in model.links.iter().enumerate() {
            let Some((a, b)) = index.ends(l) else {
                continue;
            };
            let (Some(from), Some(to)) = (self.stand_in(a), self.stand_in(b)) else {
                continue;
            };
            // Inside one folded box (a member and its own folded group, or two members).
            if from == to {
                continue;
            }
            // A member's place in its group is what the box around it already says.
            if matches!(link.kind, LinkKind::Membership | LinkKind::Committee)
                && self.contains(to, from)
            {
                continue;
            }
            let merged = from != a || to != b;
            let key = (link.kind, from, to);
            if let Some(&line) = merged_line.get(&key) {
                self.links[line].links.push(l);
                self.links[line].merged |= merged;
                self.line_of[l] = Some(line);
                continue;
            }
            let line = self.links.len();
            self.links.push(ShownLink {
                kind: link.kind,
                from,
                to,
                links: vec![l],
                merged,
            });
            self.line_of[l] = Some(line);
            if merged || self.role[from] == Role::Folded || self.role[to] == Role::Folded {
                merged_line.insert(key, line);
            }
        }
    }

    /// How body `node` is shown.
    pub fn shown(&self, node: usize) -> Shown {
        self.shown.get(node).copied().unwrap_or(Shown::Omitted)
    }

    /// The visible body whose box shows `node`: itself, or the folded group hiding it.
    pub fn stand_in(&self, node: usize) -> Option<usize> {
        match self.shown(node) {
            Shown::Visible => Some(node),
            Shown::HiddenIn(g) => Some(g),
            Shown::Omitted => None,
        }
    }

    /// What kind of box a body has (meaningful for visible bodies).
    pub fn role(&self, node: usize) -> Role {
        self.role.get(node).copied().unwrap_or(Role::Body)
    }

    /// Whether the body has members (folded or not).
    pub fn is_group(&self, node: usize) -> bool {
        self.members.get(node).is_some_and(|m| !m.is_empty())
    }

    /// The group the body sits in (its `within`, when that names a body).
    pub fn parent(&self, node: usize) -> Option<usize> {
        self.parent.get(node).copied().flatten()
    }

    /// The bodies directly inside `group`, in file order.
    pub fn members(&self, group: usize) -> &[usize] {
        self.members.get(group).map_or(&[], Vec::as_slice)
    }

    /// Every body inside `group`, at every level, each group before its members.
    pub fn descendants(&self, group: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.members(group).iter().rev().copied().collect();
        while let Some(m) = stack.pop() {
            out.push(m);
            stack.extend(self.members(m).iter().rev());
        }
        out
    }

    /// The groups around `node`, innermost first.
    pub fn ancestors(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent(node), move |&p| self.parent(p))
    }

    /// Whether `group` is `node` itself or a group around it.
    pub fn contains(&self, group: usize, node: usize) -> bool {
        group == node || self.ancestors(node).any(|a| a == group)
    }

    /// How many bodies a folded group hides (its "+N"); 0 for any other body.
    pub fn hidden_count(&self, group: usize) -> usize {
        if self.role(group) == Role::Folded {
            self.hidden[group]
        } else {
            0
        }
    }

    /// The folded groups to unfold to show `node`, outermost first (empty when it shows).
    pub fn way_to(&self, node: usize) -> Vec<usize> {
        let mut way: Vec<usize> = self
            .ancestors(node)
            .filter(|&g| self.role(g) == Role::Folded)
            .collect();
        way.reverse();
        way
    }

    /// The box of a visible body; `None` for a hidden or left-out one.
    pub fn box_of(&self, node: usize) -> Option<Rect> {
        (self.shown(node) == Shown::Visible).then(|| self.boxes[node])
    }

    /// The box of every body by position, `None` where it is not drawn.
    pub fn boxes(&self) -> Vec<Option<Rect>> {
        (0..self.boxes.len()).map(|i| self.box_of(i)).collect()
    }

    /// The header strip of an unfolded group's box (where its name is, and where a
    /// double-click folds it).
    pub fn header_rect(&self, group: usize) -> Option<Rect> {
        let b = self.box_of(group)?;
        (self.role(group) == Role::Group).then(|| Rect {
            min: b.min,
            max: Pos::new(b.max.x, b.min.y + GROUP_HEADER),
        })
    }

    /// The "+N" marker of a folded group (where a double-click unfolds it).
    pub fn marker_rect(&self, group: usize) -> Option<Rect> {
        let b = self.box_of(group)?;
        if self.role(group) != Role::Folded {
            return None;
        }
        let width = marker_width(self.hidden[group]);
        let centre = Pos::new(b.max.x - 10.0 - width / 2.0, b.max.y);
        Some(Rect::from_center(centre, width, MARKER_HEIGHT))
    }

    /// Lines to draw, in file order of their first link.
    pub fn links(&self) -> &[ShownLink] {
        &self.links
    }

    /// The line that draws model link `link`, by position in [`View::links`].
    pub fn line_of(&self, link: usize) -> Option<usize> {
        self.line_of.get(link).copied().flatten()
    }

    /// Visible bodies in drawing order: every group before its members, else file order.
    pub fn drawing_order(&self) -> &[usize] {
        &self.order
    }

    /// The innermost unfolded group whose box holds `p`, leaving out `moving` and what is
    /// inside them (the bodies being dragged): where a drop puts a body.
    pub fn group_at(&self, p: Pos, moving: &[usize]) -> Option<usize> {
        self.order
            .iter()
            .rev()
            .copied()
            .filter(|&g| self.role(g) == Role::Group)
            .filter(|&g| !moving.iter().any(|&m| self.contains(m, g)))
            .find(|&g| self.boxes[g].contains(p))
    }
}

/// Width of a "+N" marker.
pub fn marker_width(hidden: usize) -> f32 {
    let digits = hidden.max(1).ilog10() as f32 + 1.0;
    14.0 + 6.5 * (digits + 1.0)
}

/// The box of an unfolded group around its members' boxes `inner`.
fn group_box(inner: Rect) -> Rect {
    let mut b = inner.expand(GROUP_PAD);
    b.min.y -= GROUP_HEADER;
    // Never narrower than an ordinary body, so the header has room for a name.
    let short = NODE_WIDTH - b.width();
    if short > 0.0 {
        b.min.x -= short / 2.0;
        b.max.x += short / 2.0;
    }
    let low = NODE_HEIGHT - b.height();
    if low > 0.0 {
        b.max.y += low;
    }
    b
}

/// How many bodies are inside `node`, all levels down.
fn below(node: usize, members: &[Vec<usize>]) -> usize {
    let mut count = 0;
    let mut stack: Vec<usize> = members[node].clone();
    while let Some(m) = stack.pop() {
        count += 1;
        stack.extend(&members[m]);
    }
    count
}

/// Each body's group by position. A `within` that names no other body, or that is part of
/// a loop (the loader refuses both; a model built in code may still have them), counts as
/// none, so that nothing here runs forever.
fn parents(model: &Model, index: &ModelIndex<'_>) -> Vec<Option<usize>> {
    let n = model.nodes.len();
    let mut parent: Vec<Option<usize>> = model
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let id = node.within.as_deref()?.trim();
            index.position(id).filter(|&p| p != i)
        })
        .collect();
    // 0 unseen, 1 on the current path, 2 done.
    let mut state = vec![0u8; n];
    for start in 0..n {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    // A loop: cut it where it closes.
                    if let Some(&last) = path.last() {
                        parent[last] = None;
                    }
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = parent[i];
                }
            }
        }
        for i in path {
            state[i] = 2;
        }
    }
    parent
}

/// Every body, each root in file order followed by what is inside it (depth first).
fn preorder(parent: &[Option<usize>], members: &[Vec<usize>]) -> Vec<usize> {
    let mut out = Vec::with_capacity(parent.len());
    for root in (0..parent.len()).filter(|&i| parent[i].is_none()) {
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(members[i].iter().rev());
        }
    }
    out
}

/// Where each group's `at` belongs: the centre of its box as drawn unfolded (around its
/// members as they are shown), for every group whose `at` is elsewhere, by position with
/// the point. The edits apply these after moving bodies, and the layout after placing them,
/// so that folding a group leaves its box where the unfolded box was.
pub fn unfolded_centres(model: &Model) -> Vec<(usize, Point)> {
    use crate::model::file::round_to_tenth;
    let index = ModelIndex::new(model);
    let parent = parents(model, &index);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); model.nodes.len()];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = *p {
            members[p].push(i);
        }
    }
    let mut boxes: Vec<Rect> = model.nodes.iter().map(node_rect).collect();
    let mut moved = Vec::new();
    // Innermost first: a folded inner group is measured where its `at` is going to be.
    for &g in preorder(&parent, &members).iter().rev() {
        let Some(inner) = members[g]
            .iter()
            .map(|&m| boxes[m])
            .reduce(|a, b| a.union(&b))
        else {
            continue;
        };
        let open = group_box(inner);
        let c = open.center();
        let at = Point::new(
            round_to_tenth(f64::from(c.x)),
            round_to_tenth(f64::from(c.y)),
        );
        if at != model.nodes[g].at {
            moved.push((g, at));
        }
        boxes[g] = if model.nodes[g].collapsed {
            Rect::from_center(crate::layout::to_pos(at), NODE_WIDTH, NODE_HEIGHT)
        } else {
            open
        };
    }
    moved.sort_by_key(|&(g, _)| g);
    moved
}
