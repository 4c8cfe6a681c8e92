//! The Decisions panel and the decision map, driven through the editor's real user
//! interface, headless (egui_kittest finds widgets by their AccessKit labels).

use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use icsmap::editor::{Document, Editor, Selection};

fn harness(file: Option<&str>) -> Harness<'static, Editor> {
    let file = file.map(|f| {
        std::path::PathBuf::from(format!(
            "{}/models/{f}.icsmap.ron",
            env!("CARGO_MANIFEST_DIR")
        ))
    });
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_eframe(move |cc| Editor::new(&cc.egui_ctx, file));
    h.run_steps(3);
    h
}

/// Clicks a menu entry: the menu's title, then the entry.
fn menu(h: &mut Harness<'static, Editor>, title: &str, entry: &str) {
    h.get_by_label(title).click();
    h.run_steps(2);
    h.get_by_label(entry).click();
    h.run_steps(3);
}

/// The positions of the bodies with these ids in the open model.
fn positions(h: &Harness<'static, Editor>, ids: &[&str]) -> Vec<usize> {
    let model = h.state().model().unwrap();
    ids.iter()
        .map(|id| model.node_position(id).unwrap())
        .collect()
}

fn lit_nodes(h: &Harness<'static, Editor>) -> Vec<usize> {
    h.state()
        .decisions
        .lit()
        .map(|l| l.nodes.clone())
        .unwrap_or_default()
}

/// An ICB with a place committee that delegates on to a place partnership, and three
/// decisions that each break a rule: one delegated to the partnership (no statutory force,
/// X03), one taken by the council with no route (X02), one delegated to the committee with
/// no assurance anywhere (X04).
const THREE_PROBLEMS: &str = include_str!("fixtures/decisions/three-problems.icsmap.ron");

fn three_problems() -> Harness<'static, Editor> {
    let mut h = harness(None);
    let model = icsmap::open_str(THREE_PROBLEMS, std::path::Path::new("three.icsmap.ron")).unwrap();
    h.state_mut().set_document(Document::new(model, None));
    h.run_steps(3);
    h
}

#[test]
fn each_decision_finding_shows_and_clicking_it_lights_the_route() {
    let mut h = three_problems();
    for (rule, text, decision, route) in [
        (
            "X03",
            "goes from NHS Vale ICB to Bury Partnership",
            "to-partnership",
            &["icb", "place", "partnership"][..],
        ),
        (
            "X02",
            "no delegation or committee leads there",
            "no-route",
            &["icb", "council"][..],
        ),
        (
            "X04",
            "neither the decision nor any delegation on its route",
            "no-assurance",
            &["icb", "place"][..],
        ),
    ] {
        let finding = h
            .query_all_by_label_contains(text)
            .next()
            .unwrap_or_else(|| panic!("{rule} is in the findings panel"));
        assert!(
            finding
                .accesskit_node()
                .label()
                .unwrap_or_default()
                .contains(rule),
            "{rule}"
        );
        finding.click();
        h.run_steps(3);
        assert_eq!(
            h.state().decisions.selected.as_deref(),
            Some(decision),
            "{rule}"
        );
        assert!(h.state().view.decisions, "the Decisions panel opens");
        assert_eq!(
            lit_nodes(&h),
            positions(&h, route),
            "{rule}: the route is lit"
        );
    }
    // The sentence of the last one, in the panel.
    assert!(
        h.query_by_label_contains(
            "Route: NHS Vale ICB › (its committee) › Bury Locality Committee"
        )
        .is_some()
    );
}

#[test]
fn choosing_a_decision_lights_its_route_and_tells_it_as_a_sentence() {
    let mut h = harness(Some("north-shire-decisions"));
    menu(&mut h, "View", "Decisions panel");
    assert!(h.state().view.decisions);
    h.get_by_label("Agree the Ashby community services budget")
        .click();
    h.run_steps(3);
    assert!(
        h.query_by_label(
            "Route: NHS North Shire Integrated Care Board › (delegates: Community services, place \
             primary care and quality budgets) › Ashby Place Committee"
        )
        .is_some()
    );
    assert_eq!(lit_nodes(&h), positions(&h, &["icb", "ashby-place"]));
    // Primary care comes from NHS England, through the ICB, to its committee.
    // (Lower in the list: clicked through AccessKit, as a screen reader would.)
    h.get_by_label("Decide applications to close a practice list")
        .click_accesskit();
    h.run_steps(3);
    assert_eq!(lit_nodes(&h), positions(&h, &["nhse", "icb", "pccc"]));
    // Choosing it again puts the lights out.
    h.get_by_label("Decide applications to close a practice list")
        .click_accesskit();
    h.run_steps(3);
    assert!(h.state().decisions.lit().is_none());
}

#[test]
fn decisions_are_added_edited_deleted_and_undone_through_the_panel() {
    let mut h = harness(Some("north-shire-decisions"));
    let before = h.state().model().unwrap().decisions.len();
    menu(&mut h, "View", "Decisions panel");
    // With the Strategic Commissioning Committee selected, a new decision is held by it.
    h.state_mut().selection = Selection::only_node("commissioning");
    h.run_steps(2);
    h.get_by_label("Add decision").click();
    h.run_steps(3);
    let model = h.state().model().unwrap();
    assert_eq!(model.decisions.len(), before + 1);
    let added = model.decisions.last().unwrap();
    assert_eq!(
        (added.id.as_str(), added.holder.as_str()),
        ("new-decision", "commissioning")
    );
    assert!(added.is_reserved());
    // Its title, typed: the id follows the title.
    let field = h.get_by_label("Decision");
    field.focus();
    field.type_text(" on estates");
    h.run_steps(3);
    let added = h.state().model().unwrap().decisions.last().unwrap().clone();
    assert_eq!(added.title, "New decision on estates");
    assert_eq!(added.id, "new-decision-on-estates");
    assert_eq!(
        h.state().decisions.selected.as_deref(),
        Some("new-decision-on-estates")
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    // Delete it, then undo the deletion from the Edit menu.
    h.get_by_label("Delete decision").click();
    h.run_steps(3);
    assert_eq!(h.state().model().unwrap().decisions.len(), before);
    menu(&mut h, "Edit", "Undo Delete decision Ctrl+Z");
    let model = h.state().model().unwrap();
    assert_eq!(model.decisions.len(), before + 1);
    assert_eq!(
        model.decisions.last().unwrap().title,
        "New decision on estates"
    );
}

#[test]
fn selecting_a_body_lists_the_decisions_it_holds_and_takes() {
    let mut h = harness(Some("north-shire-decisions"));
    menu(&mut h, "View", "Decisions panel");
    h.state_mut().selection = Selection::only_node("pccc");
    h.run_steps(3);
    assert!(h.query_by_label("Holds no decisions").is_some());
    assert!(h.query_by_label("Takes 5 decisions:").is_some());
    h.state_mut().selection = Selection::only_node("nhse");
    h.run_steps(3);
    assert!(h.query_by_label("Holds 5 decisions:").is_some());
    assert!(h.query_by_label("Takes no decisions").is_some());
}

#[test]
fn view_decision_map_draws_the_map_on_the_canvas_and_in_the_export() {
    let mut h = harness(Some("north-shire-decisions"));
    let has_list =
        |h: &Harness<'static, Editor>| h.state().canvas_texts().iter().any(|t| t == "Decisions");
    assert!(!has_list(&h));
    menu(&mut h, "View", "Decision map");
    assert!(h.state().view.decision_map);
    assert!(has_list(&h), "the numbered list beside the diagram");
    // File → Export PNG… starts from what is on screen.
    h.event_modifiers(
        Event::Key {
            key: Key::E,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND,
        },
        Modifiers::COMMAND,
    );
    h.run_steps(3);
    let export = h
        .state()
        .files
        .export
        .clone()
        .expect("the export dialog is open");
    assert!(export.options(None).decision_map);
}
