use super::*;
use crate::model::{Link, Node, NodeKind};

/// An ICB commissioning two practices in a PCN that sits in a place.
fn system(pcn_folded: bool) -> Model {
    let mut m = Model::new("t");
    m.nodes
        .push(Node::new("icb", NodeKind::IntegratedCareBoard, "ICB").at(0.0, 0.0));
    m.nodes
        .push(Node::new("place", NodeKind::PlacePartnership, "Place").at(0.0, 300.0));
    let mut pcn = Node::new("pcn", NodeKind::PrimaryCareNetwork, "PCN").at(0.0, 500.0);
    pcn.within = Some("place".into());
    pcn.collapsed = pcn_folded;
    m.nodes.push(pcn);
    for (k, x) in [("gp1", -120.0), ("gp2", 120.0)] {
        let mut gp = Node::new(k, NodeKind::GpPractice, k).at(x, 500.0);
        gp.within = Some("pcn".into());
        m.nodes.push(gp);
        m.links.push(Link::new(LinkKind::Membership, k, "pcn"));
        m.links.push(Link::new(LinkKind::Commissioning, "icb", k));
    }
    m.links
        .push(Link::new(LinkKind::Commissioning, "icb", "pcn"));
    m.links
        .push(Link::new(LinkKind::Membership, "pcn", "place"));
    m
}

#[test]
fn folding_hides_members_in_their_outermost_folded_group() {
    let m = system(true);
    let v = View::new(&m);
    assert_eq!(v.shown(0), Shown::Visible);
    assert_eq!(v.role(1), Role::Group);
    assert_eq!(v.role(2), Role::Folded);
    assert_eq!(v.shown(3), Shown::HiddenIn(2));
    assert_eq!(v.shown(4), Shown::HiddenIn(2));
    assert_eq!(v.hidden_count(2), 2);
    assert_eq!(v.way_to(4), vec![2]);
    assert_eq!(v.box_of(3), None);
    assert_eq!(v.drawing_order(), &[0, 1, 2]);

    // Folding the place too hides the PCN and its practices in the place.
    let mut m = system(true);
    m.nodes[1].collapsed = true;
    let v = View::new(&m);
    assert_eq!(v.shown(2), Shown::HiddenIn(1));
    assert_eq!(v.shown(4), Shown::HiddenIn(1));
    assert_eq!(v.hidden_count(1), 3);
    assert_eq!(v.way_to(4), vec![1, 2]);
}

#[test]
fn links_of_hidden_members_merge_onto_the_folded_group_with_a_count() {
    let m = system(true);
    let v = View::new(&m);
    // Practice → own PCN: inside one box, dropped. PCN → place: the place's box says it.
    // ICB → gp1, gp2 and the PCN itself: one line with a count of 3.
    assert_eq!(v.links().len(), 1, "{:?}", v.links());
    let line = &v.links()[0];
    assert_eq!(
        (line.from, line.to, line.kind),
        (0, 2, LinkKind::Commissioning)
    );
    assert_eq!(line.count(), 3);
    assert!(line.merged);
    assert_eq!(v.line_of(1), Some(0));
    assert_eq!(v.line_of(0), None);

    // Unfolded, every commissioning link is its own line, and memberships are still what
    // the boxes around the members say.
    let v = View::new(&system(false));
    let lines: Vec<(usize, usize, usize)> = v
        .links()
        .iter()
        .map(|s| (s.from, s.to, s.count()))
        .collect();
    assert_eq!(lines, vec![(0, 3, 1), (0, 4, 1), (0, 2, 1)]);
    assert!(v.links().iter().all(|s| !s.merged));
}

#[test]
fn links_between_two_visible_bodies_stay_apart() {
    let mut m = Model::new("t");
    m.nodes.push(Node::new("a", NodeKind::LocalAuthority, "A"));
    m.nodes
        .push(Node::new("b", NodeKind::IntegratedCareBoard, "B"));
    let mut first = Link::new(LinkKind::Funding, "a", "b");
    first.amount = Some(3.0);
    let mut second = Link::new(LinkKind::Funding, "a", "b");
    second.amount = Some(5.0);
    m.links.extend([first, second]);
    let v = View::new(&m);
    assert_eq!(v.links().len(), 2, "each funding line keeps its amount");
}

#[test]
fn a_group_box_holds_its_members_under_a_header() {
    let v = View::new(&system(false));
    let pcn = v.box_of(2).unwrap();
    for gp in [3, 4] {
        let b = v.box_of(gp).unwrap();
        assert!(pcn.contains(b.min) && pcn.contains(b.max));
    }
    let header = v.header_rect(2).unwrap();
    assert_eq!(header.height(), GROUP_HEADER);
    assert!(!header.intersects(&v.box_of(3).unwrap()));
    let place = v.box_of(1).unwrap();
    assert!(place.contains(pcn.min) && place.contains(pcn.max));
    // The place's own `at` is not where its box is: the box is around its members.
    assert!(!place.contains(crate::layout::to_pos(Point::new(0.0, 300.0))));
    assert_eq!(v.group_at(Pos::new(-120.0, 500.0), &[]), Some(2));
    assert_eq!(v.group_at(Pos::new(-120.0, 500.0), &[2]), Some(1));
    assert_eq!(v.group_at(Pos::new(0.0, 0.0), &[]), None);
}

#[test]
fn a_folded_group_is_an_ordinary_box_at_its_own_position_with_a_marker() {
    let v = View::new(&system(true));
    let pcn = v.box_of(2).unwrap();
    assert_eq!(pcn, node_rect(&system(true).nodes[2]));
    let marker = v.marker_rect(2).unwrap();
    assert!(pcn.contains(marker.center()));
    assert_eq!(v.header_rect(2), None);
}

#[test]
fn folding_leaves_the_box_where_the_unfolded_box_was() {
    let mut m = system(false);
    for (g, at) in unfolded_centres(&m) {
        m.nodes[g].at = at;
    }
    assert!(unfolded_centres(&m).is_empty(), "settled");
    let open = View::new(&m).box_of(2).unwrap();
    m.nodes[2].collapsed = true;
    let folded = View::new(&m).box_of(2).unwrap();
    assert!((open.center().x - folded.center().x).abs() < 0.1);
    assert!((open.center().y - folded.center().y).abs() < 0.1);
}

#[test]
fn an_export_of_a_selection_keeps_what_folded_groups_hide() {
    let m = system(true);
    let v = View::of_some(&m, Some(&[0, 2]));
    assert_eq!(v.shown(1), Shown::Omitted);
    assert_eq!(v.shown(3), Shown::HiddenIn(2));
    assert_eq!(v.links().len(), 1);
    assert_eq!(v.links()[0].count(), 3);
    // A member chosen without its group is drawn on its own.
    let m = system(false);
    let v = View::of_some(&m, Some(&[3]));
    assert_eq!(v.shown(3), Shown::Visible);
    assert_eq!(v.drawing_order(), &[3]);
}

#[test]
fn a_loop_of_within_or_an_unknown_group_draws_every_body() {
    let mut m = Model::new("t");
    for id in ["a", "b", "c"] {
        let mut n = Node::new(id, NodeKind::Committee, id);
        n.collapsed = true;
        m.nodes.push(n);
    }
    m.nodes[0].within = Some("b".into());
    m.nodes[1].within = Some("a".into());
    m.nodes[2].within = Some("nowhere".into());
    let v = View::new(&m);
    assert_eq!(v.parent(2), None);
    // The loop is cut in one place: one of a and b is the other's group.
    assert!(v.parent(0).is_none() || v.parent(1).is_none());
    let visible = (0..3).filter(|&i| v.shown(i) == Shown::Visible).count();
    assert!(visible >= 2);
}
