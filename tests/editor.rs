//! The editor driven through its real user interface, headless: egui_kittest sends pointer
//! and key events and finds widgets by their AccessKit labels.

use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use icsmap::editor::Editor;
use icsmap::model::{LinkKind, NodeKind};

fn harness(file: Option<&str>) -> Harness<'static, Editor> {
    let file = file.map(|f| {
        std::path::PathBuf::from(format!(
            "{}/models/{f}.icsmap.ron",
            env!("CARGO_MANIFEST_DIR")
        ))
    });
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .build_eframe(move |cc| Editor::new(&cc.egui_ctx, file));
    h.run_steps(3);
    h
}

fn blank() -> Harness<'static, Editor> {
    let mut h = harness(None);
    h.get_by_label("New blank model").click();
    h.run_steps(3);
    assert!(h.state().doc.is_some());
    h
}

/// Presses at `from`, moves to `to` in steps, releases: a mouse drag, with `modifiers`
/// held throughout.
fn drag(h: &mut Harness<'static, Editor>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event_modifiers(Event::PointerMoved(from), modifiers);
    h.run_steps(1);
    h.event_modifiers(
        Event::PointerButton {
            pos: from,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    h.run_steps(1);
    for k in 1..=6 {
        let p = from + (to - from) * (k as f32 / 6.0);
        h.event_modifiers(Event::PointerMoved(p), modifiers);
        h.run_steps(1);
    }
    h.event_modifiers(
        Event::PointerButton {
            pos: to,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    h.run_steps(2);
}

fn click_at(h: &mut Harness<'static, Editor>, at: Pos2, modifiers: Modifiers) {
    // Let the double-click time pass, so that two clicks in a row are two clicks.
    h.run_steps(30);
    h.event_modifiers(Event::PointerMoved(at), modifiers);
    h.run_steps(1);
    h.event_modifiers(
        Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    h.event_modifiers(
        Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    h.run_steps(2);
}

fn add_from_palette(h: &mut Harness<'static, Editor>, kind: NodeKind) -> String {
    let before = h.state().model().unwrap().nodes.len();
    h.query_all_by_label(kind.display_name())
        .next()
        .expect("palette button")
        .click_accesskit();
    h.run_steps(3);
    let model = h.state().model().unwrap();
    assert_eq!(model.nodes.len(), before + 1, "{kind:?} added");
    let node = model.nodes.last().unwrap();
    assert_eq!(node.kind, kind);
    node.id.clone()
}

fn place(h: &mut Harness<'static, Editor>, id: &str, x: f64, y: f64) {
    let doc = h.state_mut().doc.as_mut().unwrap();
    doc.edit("place", |m| {
        let n = m.nodes.iter_mut().find(|n| n.id == id).unwrap();
        n.at = icsmap::model::Point::new(x, y);
    });
    h.state_mut()
        .run(&egui::Context::default(), icsmap::editor::Command::Fit);
    h.run_steps(3);
}

#[test]
fn every_kind_can_be_added_from_the_palette() {
    let mut h = blank();
    for kind in NodeKind::ALL {
        add_from_palette(&mut h, kind);
    }
    assert_eq!(h.state().model().unwrap().nodes.len(), NodeKind::ALL.len());
    // The new body is selected and named for its kind.
    let last = h.state().model().unwrap().nodes.last().unwrap().id.clone();
    assert!(h.state().selection.nodes.contains(&last));
}

#[test]
fn a_body_can_be_dragged_from_the_palette_onto_the_canvas() {
    let mut h = blank();
    let button = h
        .query_all_by_label("NHS trust")
        .next()
        .unwrap()
        .rect()
        .center();
    let target = h.state().canvas_rect().center() + Vec2::new(100.0, 50.0);
    drag(&mut h, button, target, Modifiers::NONE);
    let model = h.state().model().unwrap();
    assert_eq!(model.nodes.len(), 1);
    assert_eq!(model.nodes[0].kind, NodeKind::NhsTrust);
    let dropped_at = h.state().screen_centre_of(&model.nodes[0].id).unwrap();
    assert!(
        dropped_at.distance(target) < 2.0,
        "{dropped_at:?} vs {target:?}"
    );
}

#[test]
fn a_link_of_each_kind_is_drawn_from_the_handle() {
    let mut h = blank();
    let a = add_from_palette(&mut h, NodeKind::IntegratedCareBoard);
    let b = add_from_palette(&mut h, NodeKind::PartnershipBoard);
    place(&mut h, &a, 0.0, 0.0);
    place(&mut h, &b, 400.0, 0.0);
    for kind in LinkKind::ALL {
        // Select the first body so its handle shows, then drag the handle onto the second.
        let centre = h.state().screen_centre_of(&a).unwrap();
        click_at(&mut h, centre, Modifiers::NONE);
        let handle = h.state().handle_of(&a).unwrap();
        let target = h.state().screen_centre_of(&b).unwrap();
        drag(&mut h, handle, target, Modifiers::NONE);
        h.get_by_label(kind.display_name()).click();
        h.run_steps(2);
        let link = h
            .state()
            .model()
            .unwrap()
            .links
            .last()
            .cloned()
            .expect("a link");
        assert_eq!(
            (link.kind, link.from.as_str(), link.to.as_str()),
            (kind, a.as_str(), b.as_str())
        );
    }
    assert_eq!(h.state().model().unwrap().links.len(), LinkKind::ALL.len());
}

#[test]
fn the_link_menu_offers_the_kinds_that_fit_first() {
    let mut h = blank();
    let gp = add_from_palette(&mut h, NodeKind::GpPractice);
    let pcn = add_from_palette(&mut h, NodeKind::PrimaryCareNetwork);
    place(&mut h, &gp, 0.0, 300.0);
    place(&mut h, &pcn, 0.0, 0.0);
    let centre = h.state().screen_centre_of(&gp).unwrap();
    click_at(&mut h, centre, Modifiers::NONE);
    let (handle, target) = (
        h.state().handle_of(&gp).unwrap(),
        h.state().screen_centre_of(&pcn).unwrap(),
    );
    drag(&mut h, handle, target, Modifiers::NONE);
    let membership = h.get_by_label("Member of").rect();
    let flagged_heading = h.get_by_label("The checks will flag these").rect();
    assert!(
        membership.top() < flagged_heading.top(),
        "membership comes before the flagged kinds"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().model().unwrap().links.is_empty());
}

#[test]
fn editing_the_name_in_the_inspector_shows_on_the_canvas() {
    let mut h = blank();
    add_from_palette(&mut h, NodeKind::IntegratedCareBoard);
    // A new body's placeholder name is selected in the Name field: typing replaces it.
    h.run_steps(2);
    h.get_by_label("Name").type_text("NHS Vale ICB");
    h.run_steps(3);
    let model = h.state().model().unwrap();
    assert_eq!(model.nodes[0].name, "NHS Vale ICB");
    assert!(
        h.state().canvas_texts().iter().any(|t| t == "NHS Vale ICB"),
        "{:?}",
        h.state().canvas_texts()
    );
    // The whole edit of the field is one undo step.
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.state_mut().doc.as_mut().unwrap().end_gesture();
    assert_eq!(
        h.state().doc.as_ref().unwrap().undo_label(),
        Some("Edit name")
    );
}

#[test]
fn a_drag_is_one_undo_step_and_redo_brings_it_back() {
    let mut h = harness(Some("good-practice"));
    h.run_steps(3);
    let start = h.state().model().unwrap().node("trust").unwrap().at;
    let from = h.state().screen_centre_of("trust").unwrap();
    drag(
        &mut h,
        from,
        from + Vec2::new(-120.0, 60.0),
        Modifiers::NONE,
    );
    let moved = h.state().model().unwrap().node("trust").unwrap().at;
    assert!(
        moved.x < start.x && moved.y > start.y,
        "{start:?} → {moved:?}"
    );
    assert_eq!(h.state().doc.as_ref().unwrap().undo_label(), Some("Move"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().model().unwrap().node("trust").unwrap().at, start);
    assert!(
        !h.state().doc.as_ref().unwrap().can_undo(),
        "the drag was a single step"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().model().unwrap().node("trust").unwrap().at, moved);
}

#[test]
fn delete_removes_the_selection_and_its_links() {
    let mut h = harness(Some("good-practice"));
    let links_before = h.state().model().unwrap().links.len();
    let at = h.state().screen_centre_of("pcn").unwrap();
    click_at(&mut h, at, Modifiers::NONE);
    assert_eq!(h.state().selection.single_node(), Some("pcn"));
    h.key_press(Key::Delete);
    h.run_steps(2);
    let model = h.state().model().unwrap();
    assert!(model.node("pcn").is_none());
    assert_eq!(
        model.links.len(),
        links_before - 3,
        "its two memberships and its commissioning went too"
    );
}

#[test]
fn findings_appear_disappear_and_select_their_bodies() {
    let mut h = blank();
    let pb = add_from_palette(&mut h, NodeKind::PartnershipBoard);
    h.run_steps(2);
    // No one drawn at the table: M03 says so, in the panel.
    // Clicking it selects the body (deselect first to see it happen).
    h.state_mut().selection.clear();
    h.run_steps(1);
    h.query_all_by_label_contains("has no members drawn")
        .next()
        .expect("M03 is shown")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().selection.single_node(), Some(pb.as_str()));
    // Fix it: two members.
    let a = add_from_palette(&mut h, NodeKind::LocalAuthority);
    let b = add_from_palette(&mut h, NodeKind::PrimaryCareNetwork);
    let doc = h.state_mut().doc.as_mut().unwrap();
    doc.edit("members", |m| {
        m.links
            .push(icsmap::Link::new(LinkKind::Membership, &a, &pb));
        m.links
            .push(icsmap::Link::new(LinkKind::Membership, &b, &pb));
    });
    h.run_steps(2);
    assert!(
        h.query_all_by_label_contains("has no members drawn")
            .next()
            .is_none()
    );
    // Badges on the canvas follow the findings.
    assert!(
        h.state()
            .doc
            .as_ref()
            .unwrap()
            .findings()
            .iter()
            .any(|f| f.nodes.contains(&pb))
    );
}

#[test]
fn copy_and_paste_go_through_model_text() {
    let mut h = harness(Some("good-practice"));
    let at = h.state().screen_centre_of("council").unwrap();
    click_at(&mut h, at, Modifiers::NONE);
    let at = h.state().screen_centre_of("place").unwrap();
    click_at(&mut h, at, Modifiers::SHIFT);
    assert_eq!(h.state().selection.nodes.len(), 2);
    // What the windowing layer sends for Ctrl+C.
    h.event(Event::Copy);
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("model text on the clipboard");
    assert!(copied.starts_with("(\n    format: \"icsmap\""));
    let part = icsmap::open_str(&copied, std::path::Path::new("clipboard")).unwrap();
    assert_eq!(part.nodes.len(), 2);
    assert_eq!(part.links.len(), 2, "the two links between them");
    let before = h.state().model().unwrap().nodes.len();
    h.event(Event::Paste(copied));
    h.run_steps(2);
    let model = h.state().model().unwrap();
    assert_eq!(model.nodes.len(), before + 2);
    assert!(model.node("council-2").is_some() && model.node("place-2").is_some());
    assert_eq!(
        h.state().selection.nodes.len(),
        2,
        "the pasted bodies are selected"
    );
    // Text that is not a model is not pasted, and says so.
    h.event(Event::Paste("hello".into()));
    h.run_steps(1);
    assert_eq!(h.state().model().unwrap().nodes.len(), before + 2);
    assert!(
        h.state().status().contains("Nothing to paste"),
        "{}",
        h.state().status()
    );
}

#[test]
fn find_selects_and_centres_each_match() {
    let mut h = harness(Some("figure1-operating-model"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Find").type_text("westmoor");
    h.run_steps(3);
    let first = h
        .state()
        .selection
        .single_node()
        .map(str::to_string)
        .expect("a match is selected");
    assert!(first.contains("westmoor"), "{first}");
    h.key_press(Key::Enter);
    h.run_steps(3);
    let second = h
        .state()
        .selection
        .single_node()
        .map(str::to_string)
        .unwrap();
    assert_ne!(first, second);
    assert!(
        h.state()
            .canvas_rect()
            .contains(h.state().screen_centre_of(&second).unwrap()),
        "centred in view"
    );
}

#[test]
fn rubber_band_and_select_all() {
    let mut h = harness(Some("good-practice"));
    let a = h.state().screen_centre_of("council").unwrap();
    let b = h.state().screen_centre_of("vcse").unwrap();
    let from = Pos2::new(a.x.min(b.x) - 120.0, a.y.min(b.y) - 60.0);
    let to = Pos2::new(a.x.max(b.x) + 120.0, a.y.max(b.y) + 60.0);
    drag(&mut h, from, to, Modifiers::SHIFT);
    let selected = &h.state().selection.nodes;
    assert!(
        selected.contains("council") && selected.contains("vcse"),
        "{selected:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    assert_eq!(h.state().selection.nodes.len(), 8);
}

#[test]
fn every_menu_entry_has_a_label_and_the_title_shows_unsaved_changes() {
    let mut h = harness(Some("good-practice"));
    assert_eq!(h.state().title(), "good-practice.icsmap.ron — icsmap");
    let at = h.state().screen_centre_of("pcn").unwrap();
    click_at(&mut h, at, Modifiers::NONE);
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().title(), "• good-practice.icsmap.ron — icsmap");
    for menu in ["File", "Edit", "View", "Arrange"] {
        h.get_by_label(menu).click();
        h.run_steps(2);
        for command in icsmap::editor::Command::ALL
            .iter()
            .filter(|c| c.menu().title() == menu)
        {
            assert!(
                h.query_all_by_label_contains(command.text())
                    .next()
                    .is_some(),
                "{command:?} in {menu}"
            );
        }
        h.key_press(Key::Escape);
        h.run_steps(1);
    }
}
