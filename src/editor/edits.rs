//! The edits the editor makes to a model, as plain functions over `Model`: no user
//! interface here, so each is tested on its own. The editor applies them through
//! `Document::edit`, which makes them undoable.

use std::collections::{BTreeSet, HashMap};

use crate::model::file::{MAX_COORDINATE, round_to_tenth};
use crate::model::{Link, LinkKind, Model, Node, NodeKind, Point};

/// Adds a body of `kind` at `at`, with a name to overwrite; returns its id, made from the
/// name (it follows the name when that is typed: see `id_from_new_name`).
pub fn add_node(model: &mut Model, kind: NodeKind, at: Point) -> String {
    let name = format!("New {}", kind.display_name());
    let id = model.fresh_id(&name);
    model
        .nodes
        .push(Node::new(id.clone(), kind, name).at(clamp(at.x), clamp(at.y)));
    id
}

/// Adds a link; `None` when an end is missing or both ends are the same body (the file
/// format has no place for such a link).
pub fn add_link(model: &mut Model, kind: LinkKind, from: &str, to: &str) -> Option<usize> {
    if from == to || model.node(from).is_none() || model.node(to).is_none() {
        return None;
    }
    model.links.push(Link::new(kind, from, to));
    Some(model.links.len() - 1)
}

/// Moves the bodies with these ids by (dx, dy) points.
pub fn move_nodes(model: &mut Model, ids: &BTreeSet<String>, dx: f64, dy: f64) {
    for node in model.nodes.iter_mut().filter(|n| ids.contains(&n.id)) {
        node.at = Point::new(clamp(node.at.x + dx), clamp(node.at.y + dy));
    }
}

/// Sets the bodies' positions to exactly these (a drag: from where each started).
pub fn place_nodes(model: &mut Model, places: &[(String, Point)]) {
    let by_id: HashMap<&str, Point> = places.iter().map(|(id, p)| (id.as_str(), *p)).collect();
    for node in &mut model.nodes {
        if let Some(p) = by_id.get(node.id.as_str()) {
            node.at = Point::new(clamp(p.x), clamp(p.y));
        }
    }
}

/// Deletes bodies (with every link that touches them) and links.
pub fn delete(model: &mut Model, ids: &BTreeSet<String>, links: &BTreeSet<usize>) {
    let mut position = 0;
    model.links.retain(|l| {
        let keep = !links.contains(&position) && !ids.contains(&l.from) && !ids.contains(&l.to);
        position += 1;
        keep
    });
    // Members of a deleted group move up into the group's own group, so that nothing
    // names a body that is gone; decisions that name a deleted body go with it.
    let parent_of: HashMap<String, Option<String>> = model
        .nodes
        .iter()
        .filter(|n| ids.contains(&n.id))
        .map(|n| (n.id.clone(), n.within.clone()))
        .collect();
    for node in &mut model.nodes {
        let mut steps = 0;
        while let Some(group) = node.within.as_ref().filter(|g| parent_of.contains_key(*g)) {
            node.within = parent_of.get(group).cloned().flatten();
            steps += 1;
            if steps > parent_of.len() {
                node.within = None;
            }
        }
    }
    model.nodes.retain(|n| !ids.contains(&n.id));
    model.decisions.retain(|d| {
        !ids.contains(&d.holder) && d.taken_by.as_ref().is_none_or(|t| !ids.contains(t))
    });
}

/// The selected part of a model as a model of its own: the bodies, the links among them,
/// and selected links whose two ends are selected. This is what Copy puts on the clipboard
/// (as model text), so it pastes into another window or a text editor.
pub fn fragment(model: &Model, ids: &BTreeSet<String>) -> Model {
    let mut part = Model::new("");
    part.nodes = model
        .nodes
        .iter()
        .filter(|n| ids.contains(&n.id))
        .cloned()
        .collect();
    part.links = model
        .links
        .iter()
        .filter(|l| ids.contains(&l.from) && ids.contains(&l.to))
        .cloned()
        .collect();
    // A group left behind is not in the fragment: its members paste as loose bodies.
    for node in &mut part.nodes {
        if node.within.as_ref().is_some_and(|g| !ids.contains(g)) {
            node.within = None;
        }
    }
    part
}

/// Adds the bodies and links of `part` to `model`, moved by `offset`; ids that are taken
/// get fresh ones (links follow). Returns the ids of the added bodies.
pub fn paste(model: &mut Model, part: &Model, offset: Point) -> Vec<String> {
    let mut renamed: HashMap<&str, String> = HashMap::new();
    let mut added = Vec::with_capacity(part.nodes.len());
    for node in &part.nodes {
        let id = model.fresh_id(&node.id);
        renamed.insert(node.id.as_str(), id.clone());
        let mut copy = node.clone();
        copy.id = id.clone();
        copy.at = Point::new(clamp(node.at.x + offset.x), clamp(node.at.y + offset.y));
        model.nodes.push(copy);
        added.push(id);
    }
    // Pasted members stay inside their pasted group; a group that was not pasted along is
    // not theirs to join.
    let first_added = model.nodes.len() - added.len();
    for node in &mut model.nodes[first_added..] {
        node.within = node.within.as_deref().and_then(|g| renamed.get(g)).cloned();
    }
    for link in &part.links {
        if let (Some(from), Some(to)) = (
            renamed.get(link.from.as_str()),
            renamed.get(link.to.as_str()),
        ) {
            let mut copy = link.clone();
            copy.from = from.clone();
            copy.to = to.clone();
            model.links.push(copy);
        }
    }
    added
}

/// How far to move pasted bodies so that none lands on (or touching) a body already
/// there: the nearest whole column to the right, else the nearest row below.
pub fn paste_offset(model: &Model, part: &Model) -> Point {
    use crate::layout::{COLUMN_STEP, ROW_STEP, node_rect};
    let free = |dx: f64, dy: f64| {
        part.nodes.iter().all(|p| {
            let mut moved = p.clone();
            moved.at = Point::new(p.at.x + dx, p.at.y + dy);
            let r = node_rect(&moved).expand(8.0);
            model.nodes.iter().all(|n| !node_rect(n).intersects(&r))
        })
    };
    (1..200)
        .map(|k| (f64::from(k) * COLUMN_STEP, 0.0))
        .chain((1..200).map(|k| (0.0, f64::from(k) * ROW_STEP)))
        .find(|&(dx, dy)| free(dx, dy))
        .map_or(Point::new(COLUMN_STEP, 0.0), |(dx, dy)| Point::new(dx, dy))
}

/// Changes a body's kind, dropping the links the new kind cannot carry (membership of a
/// body that has no members, a committee that is not a forum). Returns how many went.
pub fn change_kind(model: &mut Model, id: &str, kind: NodeKind) -> usize {
    let Some(node) = model.nodes.iter_mut().find(|n| n.id == id) else {
        return 0;
    };
    node.kind = kind;
    let before = model.links.len();
    model.links.retain(|l| {
        let membership_into =
            l.kind == LinkKind::Membership && l.to == id && !kind.accepts_members();
        let committee_from = l.kind == LinkKind::Committee && l.from == id && !kind.is_forum();
        !(membership_into || committee_from)
    });
    before - model.links.len()
}

/// The id a body should take now that its name is no longer `before`: a fresh slug of its
/// name, if its id was made from the old name (`slug`, or `slug-N`) and so is the editor's
/// rather than one the user chose. `None`: keep the id.
pub fn id_from_new_name(model: &Model, id: &str, before: &str) -> Option<String> {
    let node = model.node(id)?;
    let was = crate::model::slug(before);
    let made_from_name = id == was
        || id
            .strip_prefix(was.as_str())
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let wanted = crate::model::slug(&node.name);
    (made_from_name && wanted != was && !node.name.trim().is_empty())
        .then(|| model.fresh_id(&wanted))
}

/// Renames a body's id everywhere it is used. Refused (false) when the id is invalid or
/// taken.
pub fn rename_id(model: &mut Model, old: &str, new: &str) -> bool {
    if old == new {
        return true;
    }
    if !crate::model::is_valid_id(new) || model.node(new).is_some() {
        return false;
    }
    for node in model.nodes.iter_mut().filter(|n| n.id == old) {
        node.id = new.to_string();
    }
    for link in &mut model.links {
        if link.from == old {
            link.from = new.to_string();
        }
        if link.to == old {
            link.to = new.to_string();
        }
    }
    let names_old = |id: &mut String| {
        if id == old {
            *id = new.to_string();
        }
    };
    for node in &mut model.nodes {
        if let Some(group) = &mut node.within {
            names_old(group);
        }
    }
    for decision in &mut model.decisions {
        names_old(&mut decision.holder);
        if let Some(taker) = &mut decision.taken_by {
            names_old(taker);
        }
    }
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alignment {
    Left,
    Centre,
    Right,
    Top,
    Middle,
    Bottom,
}

/// Lines the bodies up on the group's outermost left, right, top or bottom, or its middle.
pub fn align(model: &mut Model, ids: &BTreeSet<String>, how: Alignment) {
    let points: Vec<Point> = model
        .nodes
        .iter()
        .filter(|n| ids.contains(&n.id))
        .map(|n| n.at)
        .collect();
    if points.len() < 2 {
        return;
    }
    let min_x = points.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let max_x = points.iter().map(|p| p.x).fold(f64::NEG_INFINITY, f64::max);
    let min_y = points.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let max_y = points.iter().map(|p| p.y).fold(f64::NEG_INFINITY, f64::max);
    for node in model.nodes.iter_mut().filter(|n| ids.contains(&n.id)) {
        match how {
            Alignment::Left => node.at.x = min_x,
            Alignment::Right => node.at.x = max_x,
            Alignment::Centre => node.at.x = round_to_tenth((min_x + max_x) / 2.0),
            Alignment::Top => node.at.y = min_y,
            Alignment::Bottom => node.at.y = max_y,
            Alignment::Middle => node.at.y = round_to_tenth((min_y + max_y) / 2.0),
        }
    }
}

/// Spaces the bodies evenly between the outermost two, across (horizontal) or down.
pub fn distribute(model: &mut Model, ids: &BTreeSet<String>, horizontal: bool) {
    let mut chosen: Vec<usize> = (0..model.nodes.len())
        .filter(|&i| ids.contains(&model.nodes[i].id))
        .collect();
    if chosen.len() < 3 {
        return;
    }
    let coordinate = |m: &Model, i: usize| {
        if horizontal {
            m.nodes[i].at.x
        } else {
            m.nodes[i].at.y
        }
    };
    chosen.sort_by(|&a, &b| coordinate(model, a).total_cmp(&coordinate(model, b)));
    let first = coordinate(model, chosen[0]);
    let last = coordinate(model, chosen[chosen.len() - 1]);
    let step = (last - first) / (chosen.len() - 1) as f64;
    for (k, &i) in chosen.iter().enumerate() {
        let value = round_to_tenth(first + step * k as f64);
        if horizontal {
            model.nodes[i].at.x = value;
        } else {
            model.nodes[i].at.y = value;
        }
    }
}

/// Bodies whose name, short name or ODS code contains `query` (case-insensitive), in file
/// order.
pub fn find(model: &Model, query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    model
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            [&n.name, &n.short, &n.ods_code]
                .iter()
                .any(|t| t.to_lowercase().contains(&query))
        })
        .map(|(i, _)| i)
        .collect()
}

fn clamp(v: f64) -> f64 {
    round_to_tenth(v.clamp(-MAX_COORDINATE, MAX_COORDINATE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Model {
        let mut m = Model::new("t");
        m.nodes
            .push(Node::new("icb", NodeKind::IntegratedCareBoard, "ICB").at(0.0, 0.0));
        m.nodes
            .push(Node::new("pcn", NodeKind::PrimaryCareNetwork, "PCN").at(100.0, 50.0));
        m.nodes
            .push(Node::new("gp", NodeKind::GpPractice, "GP").at(300.0, 90.0));
        m.links
            .push(Link::new(LinkKind::Commissioning, "icb", "pcn"));
        m.links.push(Link::new(LinkKind::Membership, "gp", "pcn"));
        m
    }

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    /// The sample with the practice inside the PCN and the PCN inside the ICB, and a
    /// decision the ICB delegates to the PCN.
    fn grouped() -> Model {
        let mut m = sample();
        m.nodes[1].within = Some("icb".into());
        m.nodes[2].within = Some("pcn".into());
        let mut d = crate::model::Decision::new("d", "Decide", "icb");
        d.taken_by = Some("pcn".into());
        m.decisions.push(d);
        m
    }

    #[test]
    fn deleting_a_group_moves_its_members_up_and_takes_its_decisions() {
        let mut m = grouped();
        delete(&mut m, &set(&["pcn"]), &BTreeSet::new());
        assert_eq!(m.node("gp").unwrap().within.as_deref(), Some("icb"));
        assert!(m.decisions.is_empty());
        let text = crate::model::file::to_canonical_string(&m);
        assert!(
            crate::open_str(&text, std::path::Path::new("x")).is_ok(),
            "{text}"
        );
    }

    #[test]
    fn renaming_follows_groups_and_decisions() {
        let mut m = grouped();
        assert!(rename_id(&mut m, "pcn", "pcn-central"));
        assert_eq!(m.node("gp").unwrap().within.as_deref(), Some("pcn-central"));
        assert_eq!(m.decisions[0].taken_by.as_deref(), Some("pcn-central"));
        assert!(rename_id(&mut m, "icb", "board"));
        assert_eq!(m.decisions[0].holder, "board");
    }

    #[test]
    fn copied_members_keep_a_copied_group_and_leave_one_left_behind() {
        let mut m = grouped();
        let part = fragment(&m, &set(&["pcn", "gp"]));
        assert_eq!(
            part.node("pcn").unwrap().within,
            None,
            "the ICB was not copied"
        );
        let added = paste(&mut m, &part, Point::new(20.0, 20.0));
        assert_eq!(added, vec!["pcn-2".to_string(), "gp-2".to_string()]);
        assert_eq!(m.node("gp-2").unwrap().within.as_deref(), Some("pcn-2"));
        assert_eq!(m.node("pcn-2").unwrap().within, None);
    }

    #[test]
    fn delete_takes_the_links_of_deleted_bodies() {
        let mut m = sample();
        delete(&mut m, &set(&["pcn"]), &BTreeSet::new());
        assert_eq!(m.nodes.len(), 2);
        assert!(m.links.is_empty());
        let mut m = sample();
        delete(&mut m, &BTreeSet::new(), &BTreeSet::from([0]));
        assert_eq!(m.links.len(), 1);
        assert_eq!(m.links[0].kind, LinkKind::Membership);
    }

    #[test]
    fn copy_and_paste_make_fresh_ids_and_keep_inner_links() {
        let mut m = sample();
        let part = fragment(&m, &set(&["pcn", "gp"]));
        assert_eq!(part.links.len(), 1, "only the link among the copied bodies");
        let text = crate::model::file::to_canonical_string(&part);
        let back = crate::open_str(&text, std::path::Path::new("clipboard")).unwrap();
        let added = paste(&mut m, &back, Point::new(20.0, 20.0));
        assert_eq!(added, vec!["pcn-2".to_string(), "gp-2".to_string()]);
        assert_eq!(m.links.last().unwrap().from, "gp-2");
        assert_eq!(m.links.last().unwrap().to, "pcn-2");
        assert_eq!(m.node("gp-2").unwrap().at, Point::new(320.0, 110.0));
    }

    #[test]
    fn a_kind_change_keeps_the_links_that_still_fit() {
        let mut m = sample();
        assert_eq!(change_kind(&mut m, "pcn", NodeKind::NhsTrust), 1);
        assert_eq!(m.links.len(), 1);
        assert_eq!(
            m.links[0].kind,
            LinkKind::Commissioning,
            "commissioning still fits"
        );
    }

    #[test]
    fn ids_rename_everywhere_or_not_at_all() {
        let mut m = sample();
        assert!(rename_id(&mut m, "pcn", "pcn-central"));
        assert_eq!(m.links[0].to, "pcn-central");
        assert!(!rename_id(&mut m, "gp", "icb"), "taken");
        assert!(!rename_id(&mut m, "gp", "has space"), "invalid");
        assert_eq!(m.nodes[2].id, "gp");
    }

    #[test]
    fn an_id_made_from_the_name_follows_it_and_a_chosen_one_stays() {
        let mut m = sample();
        let id = add_node(&mut m, NodeKind::PrimaryCareNetwork, Point::new(0.0, 0.0));
        let second = add_node(&mut m, NodeKind::PrimaryCareNetwork, Point::new(0.0, 0.0));
        assert_eq!(second, "new-primary-care-network-2");
        m.nodes.last_mut().unwrap().name = "Harbour PCN".into();
        assert_eq!(
            id_from_new_name(&m, &second, "New Primary Care Network"),
            Some("harbour-pcn".into())
        );
        // A body named like another gets a free id.
        if let Some(n) = m.nodes.iter_mut().find(|n| n.id == id) {
            n.name = "Harbour PCN".into();
        }
        assert_eq!(
            id_from_new_name(&m, &id, "New Primary Care Network"),
            Some("harbour-pcn".into()),
            "harbour-pcn is not taken until the rename happens"
        );
        // An id the user chose (not made from the old name) stays.
        m.nodes[0].name = "NHS Vale ICB".into();
        assert_eq!(id_from_new_name(&m, "icb", "Vale"), None);
    }

    #[test]
    fn pasted_bodies_land_beside_the_originals_never_on_them() {
        let mut m = sample();
        let part = fragment(&m, &set(&["icb", "pcn"]));
        let offset = paste_offset(&m, &part);
        let added = paste(&mut m, &part, offset);
        for id in &added {
            let r = crate::layout::node_rect(m.node(id).unwrap());
            let others = m.nodes.iter().filter(|n| !added.contains(&n.id));
            assert!(
                others
                    .into_iter()
                    .all(|n| !crate::layout::node_rect(n).intersects(&r))
            );
        }
        assert!(offset.x > 0.0 && offset.y == 0.0, "{offset:?}");
    }

    #[test]
    fn align_and_distribute() {
        let mut m = sample();
        align(&mut m, &set(&["icb", "pcn", "gp"]), Alignment::Top);
        assert!(m.nodes.iter().all(|n| n.at.y == 0.0));
        distribute(&mut m, &set(&["icb", "pcn", "gp"]), true);
        let xs: Vec<f64> = m.nodes.iter().map(|n| n.at.x).collect();
        assert_eq!(xs, vec![0.0, 150.0, 300.0]);
    }

    #[test]
    fn find_by_name_short_or_ods_code() {
        let mut m = sample();
        m.nodes[0].ods_code = "QOP".into();
        m.nodes[2].short = "Vale Surgery".into();
        assert_eq!(find(&m, "qop"), vec![0]);
        assert_eq!(find(&m, "surgery"), vec![2]);
        assert_eq!(find(&m, "p"), vec![0, 1, 2]);
        assert!(find(&m, "  ").is_empty());
    }

    #[test]
    fn links_need_two_different_existing_ends() {
        let mut m = sample();
        assert_eq!(add_link(&mut m, LinkKind::Funding, "icb", "icb"), None);
        assert_eq!(add_link(&mut m, LinkKind::Funding, "icb", "nowhere"), None);
        assert_eq!(add_link(&mut m, LinkKind::Funding, "icb", "gp"), Some(2));
        let id = add_node(&mut m, NodeKind::PrimaryCareNetwork, Point::new(5e7, 1.23));
        assert_eq!(id, "new-primary-care-network");
        assert_eq!(m.node(&id).unwrap().at, Point::new(1_000_000.0, 1.2));
    }
}
