//! The canvas driven as a user drives it, headless through egui_kittest: pointer moves,
//! presses and releases in small steps, and keys. Only positions are read from the editor
//! (where a body is drawn), never its internals changed.

use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use icsmap::editor::{Command, Editor};
use icsmap::model::{Link, LinkKind, Model, Node, NodeKind, Point};

/// An editor opened on `model` (written to a temporary file first), in a 1440×900 window.
fn open(model: &Model) -> (Harness<'static, Editor>, tempfile::TempDir) {
    open_with(model, false)
}

/// Like [`open`], with the lines routed with care and auto-layout worked out on second
/// threads, as in the window `icsmap` opens; the lines of the opened model are waited for.
fn open_apart(model: &Model) -> (Harness<'static, Editor>, tempfile::TempDir) {
    let (mut h, dir) = open_with(model, true);
    settle(&mut h);
    (h, dir)
}

fn open_with(model: &Model, apart: bool) -> (Harness<'static, Editor>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.icsmap.ron");
    std::fs::write(&path, icsmap::model::file::to_canonical_string(model)).unwrap();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_eframe(move |cc| {
            let editor = Editor::new(&cc.egui_ctx, Some(path));
            if apart {
                editor.with_work_apart(&cc.egui_ctx)
            } else {
                editor
            }
        });
    h.run_steps(4);
    (h, dir)
}

/// Waits for the second thread's careful lines until none is left a draft (an answer for a
/// scene no longer shown is dropped, and the next frame asks again).
fn settle(h: &mut Harness<'static, Editor>) {
    for _ in 0..4 {
        h.state_mut().wait_for_work();
        h.step();
    }
}

fn blank() -> Harness<'static, Editor> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_eframe(|cc| Editor::new(&cc.egui_ctx, None));
    h.run_steps(3);
    h.get_by_label("New blank model").click();
    h.run_steps(3);
    h
}

/// Moves the pointer from `from` to `to` in steps of at most 3 px, as a hand does.
fn glide(h: &mut Harness<'static, Editor>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    let steps = ((to - from).length() / 3.0).ceil().max(1.0) as usize;
    for k in 1..=steps {
        let p = from + (to - from) * (k as f32 / steps as f32);
        h.event_modifiers(Event::PointerMoved(p), modifiers);
        h.step();
    }
}

fn button(h: &mut Harness<'static, Editor>, at: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event_modifiers(
        Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        },
        modifiers,
    );
    h.step();
}

/// A drag with the primary button from `from` to `to`.
fn drag(h: &mut Harness<'static, Editor>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event_modifiers(Event::PointerMoved(from), modifiers);
    h.step();
    button(h, from, true, modifiers);
    glide(h, from, to, modifiers);
    button(h, to, false, modifiers);
    h.run_steps(2);
}

fn click(h: &mut Harness<'static, Editor>, at: Pos2, modifiers: Modifiers) {
    // Let the double-click time pass, so that two clicks in a row are two clicks.
    h.run_steps(30);
    h.event_modifiers(Event::PointerMoved(at), modifiers);
    h.step();
    button(h, at, true, modifiers);
    button(h, at, false, modifiers);
    h.run_steps(2);
}

fn key(h: &mut Harness<'static, Editor>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

fn centre(h: &Harness<'static, Editor>, id: &str) -> Pos2 {
    h.state().screen_centre_of(id).expect("the body is drawn")
}

/// Hovers over body `from` (without clicking it), glides onto its handle, drags from the
/// handle onto body `to`, and lets go: the way a user draws a link.
fn draw_link(h: &mut Harness<'static, Editor>, from: &str, to: &str) {
    h.run_steps(30);
    let body = centre(h, from);
    h.event(Event::PointerMoved(body));
    h.step();
    let handle = h.state().handle_of(from).unwrap();
    glide(h, body, handle, Modifiers::NONE);
    let target = centre(h, to);
    drag(h, handle, target, Modifiers::NONE);
}

/// Three bodies: `a`, a neighbour `n` whose left edge is 8 points from `a`'s right edge
/// (and so under `a`'s handle), and a board `t` below them.
fn neighbours() -> Model {
    let mut m = Model::new("Neighbours");
    m.nodes
        .push(Node::new("a", NodeKind::IntegratedCareProvider, "Northtown ICP").at(0.0, 300.0));
    m.nodes
        .push(Node::new("n", NodeKind::IntegratedCareProvider, "Southvale ICP").at(208.0, 300.0));
    m.nodes
        .push(Node::new("t", NodeKind::PartnershipBoard, "Partnership Board").at(100.0, 0.0));
    m
}

fn positions(h: &Harness<'static, Editor>) -> Vec<Point> {
    h.state()
        .model()
        .unwrap()
        .nodes
        .iter()
        .map(|n| n.at)
        .collect()
}

#[test]
fn a_link_drawn_from_the_handle_beside_a_neighbour_is_made_at_every_zoom() {
    let (mut h, _dir) = open(&neighbours());
    let first_kind =
        LinkKind::suggestions(NodeKind::IntegratedCareProvider, NodeKind::PartnershipBoard)[0].0;
    // Fit (the key F), then out twice, then in four times: 100%, 64%, 156%.
    let zooms: [&[(Modifiers, Key)]; 3] = [
        &[(Modifiers::NONE, Key::F)],
        &[
            (Modifiers::COMMAND, Key::Minus),
            (Modifiers::COMMAND, Key::Minus),
        ],
        &[(Modifiers::COMMAND, Key::Plus); 4],
    ];
    for (trial, keys) in zooms.iter().enumerate() {
        // Nothing selected: the handle shows because the pointer is on the body.
        click(&mut h, Pos2::new(1300.0, 120.0), Modifiers::NONE);
        for (m, k) in keys.iter() {
            h.key_press_modifiers(*m, *k);
            h.run_steps(3);
        }
        let handle = h.state().handle_of("a").unwrap();
        let neighbour = h.state().screen_centre_of("n").unwrap();
        assert!(
            h.state().hit_at(handle) == Some(icsmap::editor::Hit::Body("n".into())) || trial == 2,
            "at fit zoom and zoomed out, the handle lies over the neighbour ({handle:?}, {neighbour:?})"
        );
        let before = positions(&h);
        let view_before = centre(&h, "a");
        draw_link(&mut h, "a", "t");
        key(&mut h, Key::Enter);
        let model = h.state().model().unwrap();
        assert_eq!(
            model.links.len(),
            trial + 1,
            "trial {trial}: a link is made"
        );
        let link = model.links.last().unwrap();
        assert_eq!(
            (link.from.as_str(), link.to.as_str(), link.kind),
            ("a", "t", first_kind)
        );
        assert_eq!(positions(&h), before, "trial {trial}: no body moved");
        assert_eq!(
            centre(&h, "a"),
            view_before,
            "trial {trial}: the view did not pan"
        );
    }
}

#[test]
fn a_drag_on_empty_canvas_pans_and_one_on_a_body_moves_only_it() {
    let (mut h, _dir) = open(&neighbours());
    let a = centre(&h, "a");
    let empty = Pos2::new(a.x, a.y + 200.0);
    drag(
        &mut h,
        empty,
        empty + Vec2::new(60.0, -40.0),
        Modifiers::NONE,
    );
    let moved = centre(&h, "a");
    assert!(
        (moved - a - Vec2::new(60.0, -40.0)).length() < 1.0,
        "the view followed the pointer: {a:?} → {moved:?}"
    );
    let before = positions(&h);
    let n = centre(&h, "n");
    drag(&mut h, n, n + Vec2::new(0.0, 40.0), Modifiers::NONE);
    let after = positions(&h);
    assert_eq!(after[0], before[0]);
    assert!(after[1].y > before[1].y, "the neighbour moved down");
}

#[test]
fn the_link_kind_menu_works_from_the_keyboard() {
    let mut m = neighbours();
    m.nodes
        .push(Node::new("sc", NodeKind::StrategicCommissioner, "Commissioner").at(500.0, 0.0));
    let (mut h, _dir) = open(&m);
    let offered: Vec<LinkKind> = LinkKind::suggestions(
        NodeKind::StrategicCommissioner,
        NodeKind::IntegratedCareProvider,
    )
    .into_iter()
    .map(|(k, _)| k)
    .collect();

    // Esc cancels: nothing is made and the menu is gone.
    draw_link(&mut h, "sc", "a");
    assert!(h.query_by_label("Cancel").is_some(), "the menu is open");
    key(&mut h, Key::Escape);
    assert!(h.state().model().unwrap().links.is_empty());
    assert!(h.query_by_label("Cancel").is_none(), "the menu closed");

    // Down, down, up, down and Enter: the third kind offered.
    draw_link(&mut h, "sc", "a");
    for k in [Key::ArrowDown, Key::ArrowDown, Key::ArrowUp, Key::ArrowDown] {
        key(&mut h, k);
    }
    key(&mut h, Key::Enter);
    let links = &h.state().model().unwrap().links;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].kind, offered[2]);
    // The arrows moved the menu's highlight, not the selected body.
    assert_eq!(
        h.state().model().unwrap().node("sc").unwrap().at,
        Point::new(500.0, 0.0)
    );

    // A kind's letter chooses it at once: C for commissioning.
    draw_link(&mut h, "sc", "n");
    key(&mut h, Key::C);
    let last = h.state().model().unwrap().links.last().cloned().unwrap();
    assert_eq!(
        (last.kind, last.from.as_str(), last.to.as_str()),
        (LinkKind::Commissioning, "sc", "n")
    );
}

#[test]
fn a_link_drawn_from_one_of_several_selected_bodies_links_each_of_them() {
    let (mut h, _dir) = open(&neighbours());
    let (a, n) = (centre(&h, "a"), centre(&h, "n"));
    click(&mut h, a, Modifiers::NONE);
    click(&mut h, n, Modifiers::SHIFT);
    draw_link(&mut h, "a", "t");
    key(&mut h, Key::M);
    let links: Vec<(String, String, LinkKind)> = h
        .state()
        .model()
        .unwrap()
        .links
        .iter()
        .map(|l| (l.from.clone(), l.to.clone(), l.kind))
        .collect();
    assert_eq!(
        links,
        vec![
            ("a".into(), "t".into(), LinkKind::Membership),
            ("n".into(), "t".into(), LinkKind::Membership)
        ]
    );
    assert_eq!(
        h.state().doc.as_ref().unwrap().undo_label(),
        Some("Add 2 links: Member of")
    );
}

#[test]
fn selection_survives_undo_and_redo() {
    let mut m = neighbours();
    m.links.push(Link::new(LinkKind::Accountability, "a", "t"));
    m.links.push(Link::new(LinkKind::Accountability, "n", "t"));
    let (mut h, _dir) = open(&m);
    // Delete the first line, then select the second (now the only one).
    // The middle of the longest straight run of the line at `l` as drawn (lines are routed).
    let line = |h: &Harness<'static, Editor>, l: usize| {
        let path = h.state().screen_line_of(l).expect("the line is drawn");
        let (a, b) = path
            .windows(2)
            .map(|w| (w[0], w[1]))
            .max_by(|x, y| (x.1 - x.0).length().total_cmp(&(y.1 - y.0).length()))
            .unwrap();
        a + (b - a) * 0.5
    };
    let first = line(&h, 0);
    click(&mut h, first, Modifiers::NONE);
    assert_eq!(h.state().selection.links.len(), 1);
    key(&mut h, Key::Delete);
    let second = line(&h, 0);
    click(&mut h, second, Modifiers::NONE);
    let selected = |h: &Harness<'static, Editor>| {
        let model = h.state().model().unwrap();
        h.state()
            .selection
            .links
            .iter()
            .map(|&l| model.links[l].from.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(selected(&h), vec!["n".to_string()]);
    // Undo brings the first line back before it: the selection stays on the second.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().model().unwrap().links.len(), 2);
    assert_eq!(selected(&h), vec!["n".to_string()]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(selected(&h), vec!["n".to_string()]);
}

#[test]
fn a_body_dragged_into_another_tiers_band_moves_into_that_tier() {
    let mut m = neighbours();
    m.settings.show_tiers = Some(true);
    let (mut h, _dir) = open(&m);
    let from = centre(&h, "n");
    let board = centre(&h, "t");
    // Up into the system band, beside the board.
    drag(
        &mut h,
        from,
        Pos2::new(from.x + 120.0, board.y),
        Modifiers::NONE,
    );
    let model = h.state().model().unwrap();
    assert_eq!(
        model.node("n").unwrap().tier,
        Some(icsmap::model::Tier::System)
    );
    assert!(
        h.state().status().contains("System"),
        "{}",
        h.state().status()
    );
    // One step undoes the move and the change of tier together.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let n = h.state().model().unwrap().node("n").unwrap().clone();
    assert_eq!((n.tier, n.at), (None, Point::new(208.0, 300.0)));
    // A move within its own band changes no tier.
    let from = centre(&h, "n");
    drag(&mut h, from, from + Vec2::new(30.0, 10.0), Modifiers::NONE);
    assert_eq!(h.state().model().unwrap().node("n").unwrap().tier, None);
    let _ = blank;
}

/// A model with `rows` rows of `per_row` bodies, each linked to the one below and to the
/// next one along: more links than the editor routes afresh after every edit.
fn grid_of_bodies(rows: usize, per_row: usize) -> Model {
    let mut m = Model::new("Grid");
    for r in 0..rows {
        for c in 0..per_row {
            let id = format!("b{r}-{c}");
            let at = (260.0 * c as f64, 200.0 * r as f64);
            m.nodes
                .push(Node::new(&id, NodeKind::IntegratedCareProvider, &id).at(at.0, at.1));
        }
    }
    for r in 0..rows {
        for c in 0..per_row {
            let from = format!("b{r}-{c}");
            if r + 1 < rows {
                let below = format!("b{}-{c}", r + 1);
                m.links
                    .push(Link::new(LinkKind::Accountability, &from, &below));
            }
            if c + 1 < per_row {
                let next = format!("b{r}-{}", c + 1);
                m.links.push(Link::new(LinkKind::Membership, &from, &next));
            }
        }
    }
    m
}

/// While a body is dragged its lines are drafted; once it is let go, none is left a draft,
/// on a small model (routed afresh after the drag) and on one with more links than that.
#[test]
fn a_drag_drafts_its_lines_and_letting_go_routes_them_with_care() {
    for model in [neighbours_linked(), grid_of_bodies(9, 10)] {
        assert!(model.links.len() > 1);
        let (mut h, _dir) = open(&model);
        let id = model.nodes[model.nodes.len() / 2].id.clone();
        let from = centre(&h, &id);
        let to = from + Vec2::new(24.0, 15.0);
        h.event(Event::PointerMoved(from));
        h.step();
        button(&mut h, from, true, Modifiers::NONE);
        glide(&mut h, from, to, Modifiers::NONE);
        assert!(h.state().lines_in_draft() > 0, "{}: drafted", model.title);
        button(&mut h, to, false, Modifiers::NONE);
        h.run_steps(2);
        assert_eq!(h.state().lines_in_draft(), 0, "{}: settled", model.title);
        assert_ne!(centre(&h, &id), from, "{}: moved", model.title);
    }
}

fn neighbours_linked() -> Model {
    let mut m = neighbours();
    m.links.push(Link::new(LinkKind::Accountability, "a", "t"));
    m.links.push(Link::new(LinkKind::Accountability, "n", "t"));
    m
}

/// With the lines routed on a second thread, once the worker is done the canvas draws
/// exactly what the editor that routes on the UI thread draws, also when more edits came
/// while the worker ran (its answer is dropped and the worker asked again).
#[test]
fn lines_routed_on_a_second_thread_end_as_those_routed_at_once() {
    for model in [neighbours_linked(), grid_of_bodies(9, 10)] {
        let (mut at_once, _a) = open(&model);
        let (mut apart, _b) = open_apart(&model);
        let lines = |h: &Harness<'static, Editor>| -> Vec<Option<Vec<Pos2>>> {
            (0..h.state().model().unwrap().links.len())
                .map(|l| h.state().screen_line_of(l))
                .collect()
        };
        assert_eq!(lines(&apart), lines(&at_once), "{}: opened", model.title);
        let id = model.nodes[model.nodes.len() / 2].id.clone();
        for h in [&mut at_once, &mut apart] {
            let from = centre(h, &id);
            drag(h, from, from + Vec2::new(24.0, 15.0), Modifiers::NONE);
        }
        // When the worker's answer is put in depends on the threads' timing: what the
        // frames show meanwhile is tested in the canvas's own tests.
        assert_eq!(at_once.state().lines_in_draft(), 0, "{}", model.title);
        settle(&mut apart);
        assert_eq!(
            apart.state().lines_in_draft(),
            0,
            "{}: settled",
            model.title
        );
        assert_eq!(
            lines(&apart),
            lines(&at_once),
            "{}: after the drag",
            model.title
        );
        // A second drag at once, while the worker may still route the first.
        for h in [&mut at_once, &mut apart] {
            let from = centre(h, &id);
            drag(h, from, from + Vec2::new(-30.0, 40.0), Modifiers::NONE);
            let other = centre(h, &model.nodes[0].id);
            drag(h, other, other + Vec2::new(0.0, 30.0), Modifiers::NONE);
        }
        settle(&mut apart);
        assert_eq!(positions(&apart), positions(&at_once), "{}", model.title);
        assert_eq!(
            lines(&apart),
            lines(&at_once),
            "{}: after two more",
            model.title
        );
    }
}

/// With the work on second threads, Arrange → Auto-layout leaves the model as it is until
/// the layout is worked out, then takes it as one undoable edit, the same as laid out at
/// once. A layout worked out for a model that changed meanwhile is dropped, and the user
/// told, rather than undo the change.
#[test]
fn auto_layout_on_a_second_thread_lands_as_one_edit_unless_the_model_changed() {
    let model = grid_of_bodies(3, 4);
    let (mut at_once, _a) = open(&model);
    let (mut apart, _b) = open_apart(&model);
    let opened = positions(&apart);
    for h in [&mut at_once, &mut apart] {
        let ctx = h.ctx.clone();
        h.state_mut().run(&ctx, Command::AutoLayoutAll);
    }
    assert_eq!(
        positions(&apart),
        opened,
        "nothing moves before the layout is done"
    );
    assert_ne!(positions(&at_once), opened);
    settle(&mut apart);
    assert_eq!(positions(&apart), positions(&at_once));
    let undo = |h: &Harness<'static, Editor>| {
        h.state()
            .doc
            .as_ref()
            .and_then(|d| d.undo_label().map(str::to_string))
    };
    assert_eq!(undo(&apart).as_deref(), Some("Auto-layout"));

    let ctx = apart.ctx.clone();
    apart.state_mut().run(&ctx, Command::Undo);
    assert_eq!(positions(&apart), opened);
    apart.state_mut().run(&ctx, Command::AutoLayoutAll);
    apart.state_mut().selection = icsmap::editor::Selection::only_node(&model.nodes[0].id);
    apart.state_mut().run(&ctx, Command::Delete);
    let edited = positions(&apart);
    assert_eq!(edited.len(), opened.len() - 1);
    settle(&mut apart);
    assert_eq!(positions(&apart), edited, "the layout is not applied");
    assert!(
        apart.state().status().contains("not applied"),
        "{}",
        apart.state().status()
    );
    assert_ne!(undo(&apart).as_deref(), Some("Auto-layout"));

    // A layout that is done while a gesture is under way (here a field being edited, which
    // has changed nothing yet) waits for it to end, and is not folded into its undo step.
    let before = positions(&apart);
    apart.state_mut().run(&ctx, Command::AutoLayoutAll);
    apart
        .state_mut()
        .doc
        .as_mut()
        .unwrap()
        .begin_gesture("Edit name");
    settle(&mut apart);
    assert_eq!(positions(&apart), before, "held during the gesture");
    apart.state_mut().doc.as_mut().unwrap().end_gesture();
    settle(&mut apart);
    assert_ne!(positions(&apart), before, "taken once it is over");
    assert_eq!(undo(&apart).as_deref(), Some("Auto-layout"));
    apart.state_mut().run(&ctx, Command::Undo);
    assert_eq!(positions(&apart), before);
}

/// A frame that brings the release and a move after it together (a large model's frames
/// are slow) drops the body where the button came up, not where the pointer went next.
#[test]
fn a_body_lands_where_the_button_came_up_though_the_pointer_moved_on_in_the_same_frame() {
    let (mut h, _dir) = open(&neighbours());
    let n = centre(&h, "n");
    let to = n + Vec2::new(60.0, 40.0);
    h.event(Event::PointerMoved(n));
    h.step();
    button(&mut h, n, true, Modifiers::NONE);
    glide(&mut h, n, to, Modifiers::NONE);
    let held = positions(&h);
    // Both events in one frame (the harness's `event` gives each a frame of its own).
    h.input_mut().events.extend([
        Event::PointerButton {
            pos: to,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        },
        Event::PointerMoved(to + Vec2::new(300.0, 200.0)),
    ]);
    h.run_steps(2);
    assert_eq!(positions(&h), held);
}

#[test]
fn esc_during_a_drag_calls_it_off() {
    let (mut h, _dir) = open(&neighbours());
    let before = positions(&h);
    let n = centre(&h, "n");
    h.event(Event::PointerMoved(n));
    h.step();
    button(&mut h, n, true, Modifiers::NONE);
    glide(&mut h, n, n + Vec2::new(90.0, 60.0), Modifiers::NONE);
    assert_ne!(positions(&h), before, "the body follows the pointer");
    key(&mut h, Key::Escape);
    glide(
        &mut h,
        n + Vec2::new(90.0, 60.0),
        n + Vec2::new(120.0, 60.0),
        Modifiers::NONE,
    );
    button(&mut h, n + Vec2::new(120.0, 60.0), false, Modifiers::NONE);
    h.run_steps(2);
    assert_eq!(positions(&h), before, "back where it was");
    assert!(
        !h.state().doc.as_ref().unwrap().can_undo(),
        "and no undo step"
    );
    // A link drag called off makes no link and opens no menu.
    draw_link_cancelled(&mut h);
    assert!(h.state().model().unwrap().links.is_empty());
    assert!(h.query_by_label("Cancel").is_none());
}

fn draw_link_cancelled(h: &mut Harness<'static, Editor>) {
    h.run_steps(30);
    let body = centre(h, "a");
    h.event(Event::PointerMoved(body));
    h.step();
    let handle = h.state().handle_of("a").unwrap();
    glide(h, body, handle, Modifiers::NONE);
    button(h, handle, true, Modifiers::NONE);
    let target = centre(h, "t");
    glide(h, handle, target, Modifiers::NONE);
    key(h, Key::Escape);
    button(h, target, false, Modifiers::NONE);
    h.run_steps(2);
}
