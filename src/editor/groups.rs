//! Groups, folding and bends (diagram.md): the edits behind Arrange → Group selection /
//! Ungroup / Group members / Reset lines, View → Fold all / Unfold all, a double-click on a
//! group's header or marker, dropping bodies into and out of a group's box, and dragging a
//! line's bends. Plain functions over the model, each applied through `Document::edit` (or
//! a gesture) so that every one of them is one undoable step.
//!
//! A group's `at` is kept at the centre of its box as drawn unfolded (see `crate::view`):
//! every edit here that changes what is inside a group, or where, settles the groups it
//! touched with [`settle`].

use std::collections::BTreeSet;

use super::app::Editor;
use super::command::Command;
use super::status::count;
use crate::geom::Pos;
use crate::model::{LinkKind, Model, ModelIndex, Point};
use crate::view::{self, View};

/// Moves each group among `groups` (by position), and every group around them, to the
/// centre of its unfolded box, so that folding it leaves the box where it is.
pub fn settle(m: &mut Model, groups: &[usize]) {
    let view = View::new(m);
    let mut wanted = vec![false; m.nodes.len()];
    for &g in groups {
        if g < wanted.len() {
            wanted[g] = true;
        }
        for a in view.ancestors(g) {
            wanted[a] = true;
        }
    }
    for (g, at) in view::unfolded_centres(m) {
        if wanted[g] {
            m.nodes[g].at = at;
        }
    }
}

/// Puts the bodies `ids` inside `group` (`None`: inside nothing). A body is left where it
/// is when the group is itself or inside it (a group cannot hold itself). Returns how many
/// moved in or out.
pub fn put_into(m: &mut Model, ids: &[String], group: Option<&str>) -> usize {
    let view = View::new(m);
    let target = group.and_then(|g| m.node_position(g));
    if group.is_some() && target.is_none() {
        return 0;
    }
    let mut changed = Vec::new();
    for id in ids {
        let Some(n) = m.node_position(id) else {
            continue;
        };
        if target.is_some_and(|g| view.contains(n, g)) {
            continue;
        }
        let new = target.map(|g| m.nodes[g].id.clone());
        if m.nodes[n].within != new {
            if let Some(old) = view.parent(n) {
                changed.push(old);
            }
            m.nodes[n].within = new;
            changed.push(n);
        }
    }
    let count = changed.len();
    if let Some(g) = target {
        changed.push(g);
    }
    let groups: Vec<usize> = changed.into_iter().filter(|&g| g < m.nodes.len()).collect();
    settle(m, &groups);
    count
}

/// The body of a selection that the others go inside: the one most of the others sit on or
/// are committees of; failing that, the one on the highest tier (first in the file on a tie).
pub fn container_of(m: &Model, ids: &[String]) -> Option<usize> {
    let index = ModelIndex::new(m);
    let chosen: BTreeSet<usize> = ids.iter().filter_map(|id| index.position(id)).collect();
    chosen.iter().copied().max_by_key(|&c| {
        let held = index
            .incoming(c)
            .iter()
            .filter(|&&l| matches!(m.links[l].kind, LinkKind::Membership | LinkKind::Committee))
            .filter_map(|&l| index.ends(l))
            .filter(|(from, _)| chosen.contains(from))
            .count();
        // Most held; then the highest tier (lowest rank); then the first in the file.
        (
            held,
            std::cmp::Reverse(index.tier(c).rank()),
            std::cmp::Reverse(c),
        )
    })
}

/// Arrange → Group selection: the selected bodies go inside the one of them they belong to
/// ([`container_of`]). Returns the group's position and how many went in.
pub fn group_selection(m: &mut Model, ids: &[String]) -> Option<(usize, usize)> {
    if ids.len() < 2 {
        return None;
    }
    let group = container_of(m, ids)?;
    let group_id = m.nodes[group].id.clone();
    let others: Vec<String> = ids.iter().filter(|id| **id != group_id).cloned().collect();
    let moved = put_into(m, &others, Some(&group_id));
    Some((group, moved))
}

/// Arrange → Ungroup: a selected group lets its members go (into the group around it, if
/// any); a selected member comes out of its group the same way. Returns how many moved.
pub fn ungroup(m: &mut Model, ids: &[String]) -> usize {
    let view = View::new(m);
    let mut moves: Vec<(usize, Option<String>)> = Vec::new();
    for id in ids {
        let Some(n) = m.node_position(id) else {
            continue;
        };
        let outer = |g: usize| view.parent(g).map(|p| m.nodes[p].id.clone());
        if view.is_group(n) {
            for &member in view.members(n) {
                moves.push((member, outer(n)));
            }
        } else if let Some(g) = view.parent(n) {
            moves.push((n, outer(g)));
        }
    }
    let mut touched = Vec::new();
    for (n, to) in &moves {
        if let Some(old) = view.parent(*n) {
            touched.push(old);
        }
        m.nodes[*n].within = to.clone();
        // A group that lets all its members go has nothing left to fold.
        if let Some(old) = view.parent(*n)
            && m.nodes
                .iter()
                .all(|b| b.within.as_deref() != Some(&m.nodes[old].id))
        {
            m.nodes[old].collapsed = false;
        }
    }
    settle(m, &touched);
    moves.len()
}

/// Arrange → Group members: every body that sits on one of the forums `ids` (a `Membership`
/// link to it) and is not yet in a group goes inside it. Returns how many went in.
pub fn group_members(m: &mut Model, ids: &[String]) -> usize {
    let index = ModelIndex::new(m);
    let mut moves: Vec<(usize, String)> = Vec::new();
    for id in ids {
        let Some(forum) = index.position(id) else {
            continue;
        };
        for &l in index.incoming(forum) {
            if m.links[l].kind != LinkKind::Membership {
                continue;
            }
            if let Some((member, _)) = index.ends(l)
                && m.nodes[member].within.is_none()
                && !moves.iter().any(|(n, _)| *n == member)
            {
                moves.push((member, id.clone()));
            }
        }
    }
    let mut count = 0;
    for (member, forum) in moves {
        let id = m.nodes[member].id.clone();
        count += put_into(m, &[id], Some(&forum));
    }
    count
}

/// Folds (or unfolds) the groups among `ids`. A group folds where its unfolded box was.
/// Returns how many changed.
pub fn set_folded(m: &mut Model, ids: &[String], folded: bool) -> usize {
    let view = View::new(m);
    let groups: Vec<usize> = ids
        .iter()
        .filter_map(|id| m.node_position(id))
        .filter(|&g| view.is_group(g) && m.nodes[g].collapsed != folded)
        .collect();
    if folded {
        settle(m, &groups);
    }
    for &g in &groups {
        m.nodes[g].collapsed = folded;
    }
    groups.len()
}

/// View → Fold all / Unfold all. Returns how many groups changed.
pub fn fold_all(m: &mut Model, folded: bool) -> usize {
    let view = View::new(m);
    let ids: Vec<String> = (0..m.nodes.len())
        .filter(|&g| view.is_group(g))
        .map(|g| m.nodes[g].id.clone())
        .collect();
    set_folded(m, &ids, folded)
}

/// Unfolds every folded group that hides one of `ids`, so that each shows (a click on a
/// finding about a hidden body). Returns how many groups opened.
pub fn unfold_way_to(m: &mut Model, ids: &[String]) -> usize {
    let view = View::new(m);
    let mut way: BTreeSet<usize> = BTreeSet::new();
    for id in ids {
        if let Some(n) = m.node_position(id) {
            way.extend(view.way_to(n));
        }
    }
    for &g in &way {
        m.nodes[g].collapsed = false;
    }
    way.len()
}

/// Every body to move with the bodies `ids`: them, and everything inside the groups among
/// them (an unfolded group's box is its members; a folded group's hidden members move with
/// it so that unfolding brings them back around it).
pub fn moved_with(m: &Model, ids: &BTreeSet<String>) -> Vec<usize> {
    let view = View::new(m);
    let mut out: BTreeSet<usize> = BTreeSet::new();
    for (n, node) in m.nodes.iter().enumerate() {
        if ids.contains(&node.id) {
            out.insert(n);
            out.extend(view.descendants(n));
        }
    }
    out.into_iter().collect()
}

/// Where bodies dragged and let go belong: for each of `moved` (positions) that is not
/// inside another of them, the innermost unfolded group whose box holds its centre (`None`:
/// none), when that differs from the group it is in now.
pub fn drop_groups(m: &Model, moved: &[usize]) -> Vec<(String, Option<String>)> {
    let view = View::new(m);
    let tops: Vec<usize> = moved
        .iter()
        .copied()
        .filter(|&n| !moved.iter().any(|&o| o != n && view.contains(o, n)))
        .collect();
    // The groups' boxes as they are without the bodies being dragged: a member dragged out
    // does not stretch its group's box after it.
    let mut without = m.clone();
    for &n in &tops {
        without.nodes[n].within = None;
    }
    let rest = View::new(&without);
    let mut out = Vec::new();
    for &n in &tops {
        let Some(rect) = view.box_of(n) else {
            continue;
        };
        let centre = rect.center();
        let target = rest
            .drawing_order()
            .iter()
            .rev()
            .copied()
            .filter(|&g| view.is_group(g) && view.role(g) != crate::view::Role::Folded)
            .filter(|&g| !moved.iter().any(|&o| view.contains(o, g)))
            .find(|&g| rest.box_of(g).is_some_and(|b| b.contains(centre)));
        if target != view.parent(n) {
            out.push((m.nodes[n].id.clone(), target.map(|g| m.nodes[g].id.clone())));
        }
    }
    out
}

/// Arrange → Reset lines: the links at `links` (every link when empty) lose the bends the
/// user placed, and are routed by the program again. Returns how many lost bends.
pub fn reset_lines(m: &mut Model, links: &[usize]) -> usize {
    let mut count = 0;
    for (l, link) in m.links.iter_mut().enumerate() {
        if (links.is_empty() || links.contains(&l)) && !link.via.is_empty() {
            link.via.clear();
            count += 1;
        }
    }
    count
}

/// How near (in points) a press must be to a bend to take hold of it.
pub const BEND_GRAB: f32 = 8.0;

/// A line dragged from `grab` to `through`: the bend under `grab` moves there; else a new
/// bend is placed at `through`, in order along the line as drawn (`path`).
pub fn bend(m: &mut Model, link: usize, path: &[Pos], grab: Pos, through: Pos) {
    let Some(l) = m.links.get_mut(link) else {
        return;
    };
    let snap = |p: Pos| {
        use crate::model::file::{MAX_COORDINATE, round_to_tenth};
        let c = |v: f32| round_to_tenth(f64::from(v).clamp(-MAX_COORDINATE, MAX_COORDINATE));
        Point::new(c(p.x), c(p.y))
    };
    let to_pos = crate::layout::to_pos;
    if let Some(k) = l
        .via
        .iter()
        .position(|v| to_pos(*v).distance(grab) <= BEND_GRAB)
    {
        l.via[k] = snap(through);
        return;
    }
    // Order bends by how far along the drawn line they are.
    let along = |p: Pos| distance_along(path, p);
    let at = along(grab);
    let k = l.via.iter().filter(|v| along(to_pos(**v)) < at).count();
    l.via.insert(k, snap(through));
}

/// Removes the bend of `link` nearest `near`, within [`BEND_GRAB`]. Whether one went.
pub fn remove_bend(m: &mut Model, link: usize, near: Pos) -> bool {
    let Some(l) = m.links.get_mut(link) else {
        return false;
    };
    let to_pos = crate::layout::to_pos;
    let nearest = l
        .via
        .iter()
        .enumerate()
        .map(|(k, v)| (k, to_pos(*v).distance(near)))
        .filter(|(_, d)| *d <= BEND_GRAB)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match nearest {
        Some((k, _)) => {
            l.via.remove(k);
            true
        }
        None => false,
    }
}

/// How far along the polyline `path` the point nearest `p` is.
fn distance_along(path: &[Pos], p: Pos) -> f32 {
    let mut best = (f32::INFINITY, 0.0);
    let mut run = 0.0;
    for s in path.windows(2) {
        let (a, b) = (s[0], s[1]);
        let len = a.distance(b);
        let t = if len > f32::EPSILON {
            (((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / (len * len)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let q = a + (b - a) * t;
        let d = q.distance(p);
        if d < best.0 {
            best = (d, run + len * t);
        }
        run += len;
    }
    best.1
}

impl Editor {
    /// Runs one of the group, fold and line commands as one undoable edit, and says what it
    /// did in the status bar.
    pub(super) fn run_group_command(&mut self, command: Command) {
        let Some(doc) = self.doc.as_mut() else {
            return;
        };
        let ids: Vec<String> = self.selection.nodes.iter().cloned().collect();
        let links: Vec<usize> = self.selection.links.iter().copied().collect();
        let said = match command {
            Command::GroupSelection => {
                match doc.edit("Group selection", |m| group_selection(m, &ids)) {
                    Some((g, moved)) => format!(
                        "Put {} inside {}",
                        count(moved, "body", "bodies"),
                        doc.model().nodes[g].display_name()
                    ),
                    None => "Select two or more bodies to group".to_string(),
                }
            }
            Command::Ungroup => {
                let n = doc.edit("Ungroup", |m| ungroup(m, &ids));
                format!("Took {} out of their group", count(n, "body", "bodies"))
            }
            Command::GroupMembers => {
                let n = doc.edit("Group members", |m| group_members(m, &ids));
                if n == 0 {
                    "No member without a group sits on the selection".to_string()
                } else {
                    format!("Put {} inside", count(n, "member", "members"))
                }
            }
            Command::ToggleFold => {
                let model = doc.model();
                let view = View::new(model);
                let fold = ids
                    .iter()
                    .filter_map(|id| model.node_position(id))
                    .any(|g| view.is_group(g) && !model.nodes[g].collapsed);
                let label = if fold { "Fold" } else { "Unfold" };
                let n = doc.edit(label, |m| set_folded(m, &ids, fold));
                format!(
                    "{} {}",
                    if fold { "Folded" } else { "Unfolded" },
                    count(n, "group", "groups")
                )
            }
            Command::FoldAll => {
                let n = doc.edit("Fold all", |m| fold_all(m, true));
                format!("Folded {}", count(n, "group", "groups"))
            }
            Command::UnfoldAll => {
                let n = doc.edit("Unfold all", |m| fold_all(m, false));
                format!("Unfolded {}", count(n, "group", "groups"))
            }
            Command::ResetLines => {
                let n = doc.edit("Reset lines", |m| reset_lines(m, &links));
                format!("Reset {}", count(n, "line", "lines"))
            }
            _ => return,
        };
        self.status_bar.say(said);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Node, NodeKind};

    fn board() -> Model {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("board", NodeKind::PartnershipBoard, "Board").at(0.0, 0.0));
        for (id, x) in [("a", -230.0), ("b", 0.0), ("c", 230.0)] {
            m.nodes
                .push(Node::new(id, NodeKind::LocalAuthority, id).at(x, 200.0));
            m.links.push(Link::new(LinkKind::Membership, id, "board"));
        }
        m
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn group_members_puts_a_forums_members_inside_it_and_its_box_around_them() {
        let mut m = board();
        assert_eq!(group_members(&mut m, &ids(&["board"])), 3);
        assert!(
            m.nodes[1..]
                .iter()
                .all(|n| n.within.as_deref() == Some("board"))
        );
        let view = View::new(&m);
        let b = view.box_of(0).unwrap();
        assert_eq!(
            crate::layout::to_pos(m.nodes[0].at),
            Pos::new(
                (b.center().x * 10.0).round() / 10.0,
                (b.center().y * 10.0).round() / 10.0
            ),
            "the group's at is its box centre"
        );
        // Folding keeps the box where it was; unfolding brings the members back.
        let before: Vec<Point> = m.nodes.iter().map(|n| n.at).collect();
        assert_eq!(fold_all(&mut m, true), 1);
        let folded = View::new(&m).box_of(0).unwrap();
        assert!(folded.center().distance(b.center()) < 0.1);
        assert_eq!(fold_all(&mut m, false), 1);
        assert_eq!(m.nodes.iter().map(|n| n.at).collect::<Vec<_>>(), before);
    }

    #[test]
    fn group_selection_takes_the_body_the_others_sit_on() {
        let mut m = board();
        let (g, moved) = group_selection(&mut m, &ids(&["a", "board", "b"])).unwrap();
        assert_eq!((g, moved), (0, 2));
        assert_eq!(m.nodes[3].within, None);
        // Ungrouping the board lets them go.
        assert_eq!(ungroup(&mut m, &ids(&["board"])), 2);
        assert!(m.nodes.iter().all(|n| n.within.is_none()));
    }

    #[test]
    fn a_group_never_goes_inside_itself() {
        let mut m = board();
        put_into(&mut m, &ids(&["a"]), Some("board"));
        assert_eq!(put_into(&mut m, &ids(&["board"]), Some("a")), 0);
        assert_eq!(put_into(&mut m, &ids(&["board"]), Some("board")), 0);
    }

    #[test]
    fn dropping_a_body_in_a_box_puts_it_in_and_out_takes_it_out() {
        let mut m = board();
        put_into(&mut m, &ids(&["a", "b"]), Some("board"));
        // c dragged onto b's spot, inside the board's box.
        m.nodes[3].at = Point::new(0.0, 230.0);
        assert_eq!(
            drop_groups(&m, &[3]),
            vec![("c".to_string(), Some("board".to_string()))]
        );
        // a dragged far away.
        m.nodes[1].at = Point::new(-2000.0, 900.0);
        assert_eq!(drop_groups(&m, &[1]), vec![("a".to_string(), None)]);
        // The board dragged with its members stays where it is.
        let moved = moved_with(&m, &BTreeSet::from(["board".to_string()]));
        assert_eq!(moved, vec![0, 1, 2]);
        assert!(drop_groups(&m, &moved).is_empty());
    }

    #[test]
    fn a_click_on_a_finding_opens_the_way_to_a_hidden_body() {
        let mut m = board();
        group_members(&mut m, &ids(&["board"]));
        fold_all(&mut m, true);
        assert_eq!(unfold_way_to(&mut m, &ids(&["a"])), 1);
        assert!(!m.nodes[0].collapsed);
    }

    #[test]
    fn bends_go_in_order_move_and_go_away() {
        let mut m = board();
        let path = [Pos::new(0.0, 0.0), Pos::new(100.0, 0.0)];
        bend(&mut m, 0, &path, Pos::new(60.0, 0.0), Pos::new(60.0, 40.0));
        bend(&mut m, 0, &path, Pos::new(20.0, 0.0), Pos::new(20.0, 40.0));
        let xs: Vec<f64> = m.links[0].via.iter().map(|p| p.x).collect();
        assert_eq!(xs, vec![20.0, 60.0]);
        // Grabbing a bend moves it.
        bend(&mut m, 0, &path, Pos::new(61.0, 41.0), Pos::new(70.0, 50.0));
        assert_eq!(m.links[0].via[1], Point::new(70.0, 50.0));
        assert!(remove_bend(&mut m, 0, Pos::new(20.0, 38.0)));
        assert_eq!(m.links[0].via.len(), 1);
        assert_eq!(reset_lines(&mut m, &[]), 1);
        assert!(m.links[0].via.is_empty());
    }
}
