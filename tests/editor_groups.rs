//! Groups, folding and bends in the editor, driven as a user drives it (headless through
//! egui_kittest): Arrange → Group members, a double-click on a group's header or on a
//! folded group, View → Fold all / Unfold all, dragging a body out of and into a group's
//! box, bending a line and Arrange → Reset lines; each undone with Ctrl+Z.

use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use icsmap::editor::Editor;
use icsmap::model::{Link, LinkKind, Model, Node, NodeKind};

/// A partnership board with three councils that sit on it, and an ICB that funds one.
fn board() -> Model {
    let mut m = Model::new("Groups");
    m.nodes.push(
        Node::new(
            "board",
            NodeKind::PartnershipBoard,
            "Vale Partnership Board",
        )
        .at(0.0, 0.0),
    );
    for (id, name, x) in [
        ("north", "North Council", -230.0),
        ("mid", "Mid Council", 0.0),
        ("south", "South Council", 230.0),
    ] {
        m.nodes
            .push(Node::new(id, NodeKind::LocalAuthority, name).at(x, 300.0));
        m.links.push(Link::new(LinkKind::Membership, id, "board"));
    }
    m.nodes
        .push(Node::new("icb", NodeKind::IntegratedCareBoard, "Vale ICB").at(0.0, -300.0));
    m.links.push(Link::new(LinkKind::Funding, "icb", "mid"));
    m
}

fn open(model: &Model) -> (Harness<'static, Editor>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.icsmap.ron");
    std::fs::write(&path, icsmap::model::file::to_canonical_string(model)).unwrap();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        // Frames a sixtieth of a second apart, as on screen, so two quick clicks are a
        // double-click.
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| Editor::new(&cc.egui_ctx, Some(path)));
    h.run_steps(4);
    (h, dir)
}

fn glide(h: &mut Harness<'static, Editor>, from: Pos2, to: Pos2) {
    let steps = ((to - from).length() / 3.0).ceil().max(1.0) as usize;
    for k in 1..=steps {
        h.event(Event::PointerMoved(
            from + (to - from) * (k as f32 / steps as f32),
        ));
        h.step();
    }
}

fn button(h: &mut Harness<'static, Editor>, at: Pos2, pressed: bool) {
    h.event(Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
    h.step();
}

fn drag(h: &mut Harness<'static, Editor>, from: Pos2, to: Pos2) {
    h.run_steps(30);
    h.event(Event::PointerMoved(from));
    h.step();
    button(h, from, true);
    glide(h, from, to);
    button(h, to, false);
    h.run_steps(3);
}

fn click(h: &mut Harness<'static, Editor>, at: Pos2) {
    h.run_steps(30);
    h.event(Event::PointerMoved(at));
    h.step();
    button(h, at, true);
    button(h, at, false);
    h.run_steps(2);
}

fn double_click(h: &mut Harness<'static, Editor>, at: Pos2) {
    h.run_steps(30);
    h.event(Event::PointerMoved(at));
    h.step();
    for _ in 0..2 {
        button(h, at, true);
        button(h, at, false);
    }
    h.run_steps(3);
}

fn undo(h: &mut Harness<'static, Editor>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
}

fn entry<'h>(h: &'h Harness<'static, Editor>, text: &'h str) -> egui_kittest::Node<'h> {
    let with_shortcut = format!("{text} ");
    h.query_all_by_label_contains(text)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l == text || l.starts_with(&with_shortcut))
        })
        .unwrap_or_else(|| panic!("no entry {text:?}"))
}

fn menu(h: &mut Harness<'static, Editor>, menu: &str, text: &str) {
    h.get_by_label(menu).click();
    h.run_steps(2);
    entry(h, text).click();
    h.run_steps(3);
}

fn within(h: &Harness<'static, Editor>, id: &str) -> Option<String> {
    h.state().model().unwrap().node(id).unwrap().within.clone()
}

fn collapsed(h: &Harness<'static, Editor>, id: &str) -> bool {
    h.state().model().unwrap().node(id).unwrap().collapsed
}

fn centre(h: &Harness<'static, Editor>, id: &str) -> Pos2 {
    h.state().screen_box_of(id).expect("drawn").center()
}

/// Opens the board model and puts the councils inside the board with Arrange → Group
/// members.
fn grouped() -> (Harness<'static, Editor>, tempfile::TempDir) {
    let (mut h, dir) = open(&board());
    let at = centre(&h, "board");
    click(&mut h, at);
    menu(&mut h, "Arrange", "Group members");
    (h, dir)
}

#[test]
fn group_members_puts_a_boards_members_inside_it_in_one_undoable_step() {
    let (mut h, _dir) = grouped();
    for id in ["north", "mid", "south"] {
        assert_eq!(within(&h, id).as_deref(), Some("board"), "{id}");
    }
    assert_eq!(within(&h, "icb"), None);
    // The board's box is now around its members.
    let board = h.state().screen_box_of("board").unwrap();
    for id in ["north", "mid", "south"] {
        assert!(
            board.contains_rect(h.state().screen_box_of(id).unwrap()),
            "{id}"
        );
    }
    assert!(
        h.state().status().contains("3 members"),
        "{}",
        h.state().status()
    );
    undo(&mut h);
    assert_eq!(within(&h, "mid"), None, "one step undoes all three");
}

#[test]
fn double_clicks_fold_and_unfold_and_the_folded_box_takes_the_lines() {
    let (mut h, _dir) = grouped();
    let header = h.state().screen_box_of("board").unwrap();
    double_click(&mut h, Pos2::new(header.center().x, header.min.y + 8.0));
    assert!(
        collapsed(&h, "board"),
        "a double-click on the header folds: {} {:?}",
        h.state().status(),
        h.state().selection
    );
    assert!(h.state().screen_box_of("mid").is_none(), "members hidden");
    assert!(h.state().canvas_texts().iter().any(|t| t == "+3"));
    // The funding line to Mid Council is drawn to the folded board.
    assert!(h.state().screen_line_of(3).is_some());
    let at = centre(&h, "board");
    double_click(&mut h, at);
    assert!(
        !collapsed(&h, "board"),
        "a double-click on the folded box opens it"
    );
    assert!(h.state().screen_box_of("mid").is_some());
    undo(&mut h);
    assert!(collapsed(&h, "board"));
    menu(&mut h, "View", "Unfold all");
    assert!(!collapsed(&h, "board"));
    menu(&mut h, "View", "Fold all");
    assert!(collapsed(&h, "board"));
}

#[test]
fn dragging_a_body_out_of_a_group_takes_it_out_and_back_in_puts_it_in() {
    let (mut h, _dir) = grouped();
    let from = centre(&h, "south");
    let out = from + Vec2::new(0.0, -200.0);
    drag(&mut h, from, out);
    assert_eq!(within(&h, "south"), None, "{}", h.state().status());
    assert!(h.state().status().contains("out of its group"));
    let back = centre(&h, "mid") + Vec2::new(0.0, 20.0);
    let now = centre(&h, "south");
    drag(&mut h, now, back);
    assert_eq!(
        within(&h, "south").as_deref(),
        Some("board"),
        "{} {:?} {now:?} {back:?} {:?}",
        h.state().status(),
        h.state().screen_box_of("board"),
        h.state().screen_box_of("south"),
    );
    undo(&mut h);
    assert_eq!(within(&h, "south"), None, "each drag is one step");
}

#[test]
fn a_dragged_line_bends_and_reset_lines_straightens_it() {
    let (mut h, _dir) = open(&board());
    // The funding line from the ICB down to Mid Council: grab it halfway.
    let line = h.state().screen_line_of(3).expect("drawn");
    // The middle of its longest straight run.
    let (a, b) = line
        .windows(2)
        .map(|w| (w[0], w[1]))
        .max_by(|x, y| (x.1 - x.0).length().total_cmp(&(y.1 - y.0).length()))
        .unwrap();
    let middle = a + (b - a) * 0.5;
    drag(&mut h, middle, middle + Vec2::new(120.0, 0.0));
    let via = h.state().model().unwrap().links[3].via.clone();
    assert_eq!(via.len(), 1, "one bend placed");
    menu(&mut h, "Arrange", "Reset lines");
    assert!(h.state().model().unwrap().links[3].via.is_empty());
    undo(&mut h);
    assert_eq!(h.state().model().unwrap().links[3].via, via);
}

#[test]
fn clicking_a_finding_about_a_hidden_body_unfolds_the_way_to_it() {
    // Two practices of one name (rule S03) hidden in a folded PCN.
    let mut m = Model::new("Hidden");
    let mut pcn = Node::new("pcn", NodeKind::PrimaryCareNetwork, "Vale PCN").at(0.0, 0.0);
    pcn.collapsed = true;
    m.nodes.push(pcn);
    for (id, x) in [("gp1", -115.0), ("gp2", 115.0)] {
        let mut gp = Node::new(id, NodeKind::GpPractice, "Vale Surgery").at(x, 0.0);
        gp.within = Some("pcn".into());
        m.nodes.push(gp);
        m.links.push(Link::new(LinkKind::Membership, id, "pcn"));
    }
    let (mut h, _dir) = open(&m);
    assert!(h.state().screen_box_of("gp1").is_none(), "hidden at first");
    h.get_all_by_label_contains("S03")
        .next()
        .expect("the finding is listed")
        .click();
    h.run_steps(4);
    assert!(!collapsed(&h, "pcn"), "the PCN opened");
    assert!(h.state().screen_box_of("gp1").is_some());
    assert!(h.state().selection.nodes.contains("gp1"));
    undo(&mut h);
    assert!(collapsed(&h, "pcn"), "opening it was one undoable step");
}
