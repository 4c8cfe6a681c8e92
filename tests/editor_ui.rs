//! The editor's menus, right-click menus, tooltips, find, messages, panels and recovery,
//! driven through the real user interface (egui_kittest: pointer and key events in,
//! AccessKit labels and painted shapes out).

use std::path::PathBuf;

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use icsmap::editor::{Editor, RecoveryStore};
use icsmap::model::NodeKind;

fn example(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/models/{name}.icsmap.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn harness_sized(
    file: Option<PathBuf>,
    recovery: Option<RecoveryStore>,
    size: Vec2,
) -> Harness<'static, Editor> {
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| Editor::new_with(&cc.egui_ctx, file, None, recovery));
    h.run_steps(3);
    h
}

fn harness_with(file: Option<PathBuf>, recovery: Option<RecoveryStore>) -> Harness<'static, Editor> {
    harness_sized(file, recovery, Vec2::new(1400.0, 900.0))
}

fn open(name: &str) -> Harness<'static, Editor> {
    harness_with(Some(example(name)), None)
}

/// A small change, as a user would make it: a new body from the palette.
fn change(h: &mut Harness<'static, Editor>) {
    h.query_all_by_label(NodeKind::NhsTrust.display_name())
        .next()
        .unwrap()
        .click_accesskit();
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(1);
}

/// The menu entry (or button) whose words are `text`, with or without its shortcut.
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

/// Opens `menu` in the menu bar and clicks its entry `text`.
fn menu(h: &mut Harness<'static, Editor>, menu: &str, text: &str) {
    h.get_by_label(menu).click();
    h.run_steps(2);
    entry(h, text).click();
    h.run_steps(3);
}

fn press(h: &mut Harness<'static, Editor>, at: Pos2, button: PointerButton, pressed: bool) {
    h.event(Event::PointerButton {
        pos: at,
        button,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

/// A right-click at `at`.
fn right_click(h: &mut Harness<'static, Editor>, at: Pos2) {
    h.run_steps(20);
    h.event(Event::PointerMoved(at));
    h.run_steps(1);
    press(h, at, PointerButton::Secondary, true);
    press(h, at, PointerButton::Secondary, false);
    h.run_steps(3);
}

/// Rests the pointer on `at` long enough for a tooltip.
fn hover(h: &mut Harness<'static, Editor>, at: Pos2) {
    h.event(Event::PointerMoved(at));
    h.run_steps(3);
    h.event(Event::PointerMoved(at + Vec2::new(0.5, 0.0)));
    for _ in 0..4 {
        h.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
}

fn status(h: &Harness<'static, Editor>) -> String {
    h.state().status().to_string()
}

// ---------------------------------------------------------------------------------------
// 3. Recovery offers only work the user did not throw away, and asks before replacing.

#[test]
fn work_thrown_away_with_dont_save_is_not_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = || RecoveryStore::new(dir.path().join("recovery"));
    let mut h = harness_with(Some(example("good-practice")), Some(store()));
    change(&mut h);
    h.state_mut().autosave_now();
    assert_eq!(store().pending().len(), 1, "a copy is kept while unsaved");
    menu(&mut h, "File", "New blank model");
    h.get_by_label("Don't save").click();
    h.run_steps(3);
    assert_eq!(h.state().model().unwrap().nodes.len(), 0, "the blank model");
    drop(h);
    let next = harness_with(None, Some(store()));
    assert!(
        next.query_by_label("Recover unsaved work?").is_none(),
        "work thrown away is not offered back"
    );
}

#[test]
fn work_undone_back_to_the_saved_model_is_not_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = || RecoveryStore::new(dir.path().join("recovery"));
    let mut h = harness_with(Some(example("good-practice")), Some(store()));
    change(&mut h);
    h.state_mut().autosave_now();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    drop(h);
    let next = harness_with(None, Some(store()));
    assert!(next.query_by_label("Recover unsaved work?").is_none());
}

#[test]
fn restoring_a_second_offer_asks_before_replacing_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    store
        .write("first", &icsmap::Model::new("First draft"), None)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store
        .write("second", &icsmap::Model::new("Second draft"), None)
        .unwrap();
    let mut h = harness_with(None, Some(store.clone()));
    h.get_by_label("Restore").click();
    h.run_steps(3);
    let first = h.state().model().unwrap().title.clone();
    // The second offer follows; restoring it would replace the first, so it asks.
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Restore").click();
    h.run_steps(3);
    h.get_by_label("Save the changes to this model?");
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert_eq!(h.state().model().unwrap().title, first, "nothing replaced");
    assert_eq!(store.pending().len(), 2, "both copies are still kept");
}

