//! Adding and naming bodies, and undo, driven as a user does it: palette clicks, typed
//! text, keys (egui_kittest, headless).

use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use icsmap::editor::Editor;
use icsmap::model::NodeKind;

fn blank() -> Harness<'static, Editor> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1440.0, 900.0))
        .build_eframe(|cc| Editor::new(&cc.egui_ctx, None));
    h.run_steps(3);
    h.get_by_label("New blank model").click();
    h.run_steps(3);
    h
}

fn palette(h: &mut Harness<'static, Editor>, kind: NodeKind) {
    h.query_all_by_label(kind.display_name())
        .next()
        .expect("palette button")
        .click();
    h.run_steps(3);
}

/// Types `text` where the keyboard is, then presses `key` with `modifiers`.
fn type_then(h: &mut Harness<'static, Editor>, text: &str, modifiers: Modifiers, key: Key) {
    h.event(Event::Text(text.into()));
    h.run_steps(1);
    h.key_press_modifiers(modifiers, key);
    h.run_steps(3);
}

fn click(h: &mut Harness<'static, Editor>, at: Pos2) {
    h.run_steps(30);
    h.event(Event::PointerMoved(at));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(2);
}

fn names(h: &Harness<'static, Editor>) -> Vec<String> {
    h.state()
        .model()
        .unwrap()
        .nodes
        .iter()
        .map(|n| n.name.clone())
        .collect()
}

fn undo_label(h: &Harness<'static, Editor>) -> Option<String> {
    h.state()
        .doc
        .as_ref()
        .unwrap()
        .undo_label()
        .map(str::to_string)
}

#[test]
fn ctrl_z_in_a_name_field_undoes_its_own_text_never_the_model() {
    let mut h = blank();
    palette(&mut h, NodeKind::PartnershipBoard);
    // Typed at a human pace: the field's own undo keeps a state once typing rests.
    h.event(Event::Text("Alpha Board".into()));
    h.run_steps(120);
    h.key_press(Key::Enter);
    h.run_steps(120);
    palette(&mut h, NodeKind::PartnershipBoard);
    h.event(Event::Text("Beta".into()));
    h.run_steps(1);
    let steps = undo_label(&h);
    // Ctrl+Z while typing: the field's own undo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let now = names(&h);
    assert_eq!(now.len(), 2, "the new body is still there: {now:?}");
    assert_eq!(now[0], "Alpha Board", "the first body keeps its name");
    assert!(
        !now[1].contains("Alpha"),
        "the second body never takes the first one's text: {now:?}"
    );
    assert_eq!(undo_label(&h), steps, "the model's history is untouched");
}

#[test]
fn a_typed_name_is_one_undo_step_and_the_id_follows_it() {
    let mut h = blank();
    palette(&mut h, NodeKind::PartnershipBoard);
    type_then(
        &mut h,
        "North Shire Partnership Board",
        Modifiers::NONE,
        Key::Enter,
    );
    let model = h.state().model().unwrap();
    assert_eq!(model.nodes[0].id, "north-shire-partnership-board");
    assert_eq!(undo_label(&h).as_deref(), Some("Edit name"));
    // One Ctrl+Z (the keyboard has left the field) takes back the whole name and the id;
    // the body stays selected through undo and redo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let node = h.state().model().unwrap().nodes[0].clone();
    assert_eq!(
        (node.name.as_str(), node.id.as_str()),
        (
            "New System Partnership Board",
            "new-system-partnership-board"
        )
    );
    assert_eq!(
        h.state().selection.single_node(),
        Some("new-system-partnership-board")
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().selection.single_node(),
        Some("north-shire-partnership-board")
    );
}

#[test]
fn an_id_typed_in_its_field_is_taken_once_when_committed() {
    let mut h = blank();
    palette(&mut h, NodeKind::PartnershipBoard);
    type_then(&mut h, "Board", Modifiers::NONE, Key::Enter);
    let field = h.get_by_label("Id").rect().center();
    click(&mut h, field);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    for part in ["s", "p", "b"] {
        h.event(Event::Text(part.into()));
        h.run_steps(1);
    }
    assert_eq!(
        h.state().model().unwrap().nodes[0].id,
        "board",
        "nothing is renamed while typing"
    );
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().model().unwrap().nodes[0].id, "spb");
    assert_eq!(undo_label(&h).as_deref(), Some("Change id"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().model().unwrap().nodes[0].id,
        "board",
        "one undo step, not one a keystroke"
    );
}

#[test]
fn new_bodies_land_in_view_on_their_row_with_ids_from_their_names() {
    let mut h = blank();
    palette(&mut h, NodeKind::PartnershipBoard);
    type_then(&mut h, "Board", Modifiers::NONE, Key::Enter);
    let names = [
        "Northtown Central PCN",
        "Northtown Rural PCN",
        "Harbour PCN",
        "Southvale East PCN",
        "Southvale West PCN",
        "Millbrook PCN",
        "Westmoor Town PCN",
        "Moorland PCN",
    ];
    for name in names {
        palette(&mut h, NodeKind::PrimaryCareNetwork);
        type_then(&mut h, name, Modifiers::NONE, Key::Enter);
        h.run_steps(2);
    }
    let model = h.state().model().unwrap().clone();
    let canvas = h.state().canvas_rect();
    let pcns: Vec<_> = model.nodes.iter().skip(1).collect();
    for (node, name) in pcns.iter().zip(names) {
        let at = h.state().screen_centre_of(&node.id).unwrap();
        assert!(
            canvas.contains(at),
            "{name} is in view ({at:?} in {canvas:?})"
        );
        assert_eq!(node.id, icsmap::model::slug(name));
        assert_eq!(node.at.y, pcns[0].at.y, "one row");
        assert!(node.at.y > model.nodes[0].at.y, "below the board's tier");
    }
    for (i, a) in model.nodes.iter().enumerate() {
        for b in &model.nodes[i + 1..] {
            assert!(
                !icsmap::layout::node_rect(a).intersects(&icsmap::layout::node_rect(b)),
                "{} and {} overlap",
                a.id,
                b.id
            );
        }
    }
}

#[test]
fn duplicate_and_paste_land_beside_the_original() {
    let mut h = blank();
    palette(&mut h, NodeKind::NhsTrust);
    type_then(&mut h, "Vale Hospitals", Modifiers::NONE, Key::Enter);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(2);
    let model = h.state().model().unwrap().clone();
    assert_eq!(model.nodes.len(), 2);
    let (a, b) = (
        icsmap::layout::node_rect(&model.nodes[0]),
        icsmap::layout::node_rect(&model.nodes[1]),
    );
    assert!(!a.intersects(&b), "the copy is beside the original");
    // Copy and paste the pair: the copies land clear of all four.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.event(Event::Copy);
    h.step();
    let text = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap();
    h.event(Event::Paste(text));
    h.run_steps(2);
    let model = h.state().model().unwrap();
    assert_eq!(model.nodes.len(), 4);
    for (i, a) in model.nodes.iter().enumerate() {
        for b in &model.nodes[i + 1..] {
            let (ra, rb) = (icsmap::layout::node_rect(a), icsmap::layout::node_rect(b));
            assert!(!ra.intersects(&rb), "{} and {} overlap", a.id, b.id);
        }
    }
}

#[test]
fn ctrl_enter_names_a_body_and_adds_the_next_one_beside_it() {
    let mut h = blank();
    palette(&mut h, NodeKind::IntegratedCareProvider);
    type_then(&mut h, "Northtown ICP", Modifiers::COMMAND, Key::Enter);
    type_then(&mut h, "Southvale ICP", Modifiers::COMMAND, Key::Enter);
    type_then(&mut h, "Westmoor ICP", Modifiers::NONE, Key::Enter);
    let model = h.state().model().unwrap();
    assert_eq!(
        names(&h),
        vec!["Northtown ICP", "Southvale ICP", "Westmoor ICP"]
    );
    assert!(
        model
            .nodes
            .windows(2)
            .all(|w| w[1].at.x > w[0].at.x && w[1].at.y == w[0].at.y),
        "left to right on one row"
    );
    assert!(
        model
            .nodes
            .iter()
            .all(|n| n.kind == NodeKind::IntegratedCareProvider)
    );
    // The series is selected, ready to be linked at once.
    assert_eq!(h.state().selection.nodes.len(), 3);
}
