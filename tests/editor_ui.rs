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

fn harness_with(
    file: Option<PathBuf>,
    recovery: Option<RecoveryStore>,
) -> Harness<'static, Editor> {
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

/// A copy of an example model in a folder of its own, so that saving it harms nothing.
#[allow(dead_code)]
fn copy_of(name: &str, dir: &std::path::Path) -> PathBuf {
    let path = dir.join(format!("{name}.icsmap.ron"));
    std::fs::copy(example(name), &path).unwrap();
    path
}

fn viewport_commands(h: &Harness<'static, Editor>) -> Vec<egui::ViewportCommand> {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

/// Steps one frame at a time until `found` holds for a frame's output, at most `frames`.
fn output_shows(
    h: &mut Harness<'static, Editor>,
    frames: usize,
    found: impl Fn(&Harness<'static, Editor>) -> bool,
) -> bool {
    for _ in 0..frames {
        if found(h) {
            return true;
        }
        h.step();
    }
    found(h)
}

fn asks_for_paste(h: &Harness<'static, Editor>) -> bool {
    viewport_commands(h).contains(&egui::ViewportCommand::RequestPaste)
}

fn copied_text(h: &Harness<'static, Editor>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}

fn zoom(h: &Harness<'static, Editor>) -> f32 {
    // The zoom the status bar shows, e.g. "100%".
    let label = h
        .query_all_by_label_contains("%")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or(node.value()).map(|s| s.to_string())
        })
        .find(|l| l.ends_with('%') && l[..l.len() - 1].parse::<f32>().is_ok())
        .expect("the zoom in the status bar");
    label[..label.len() - 1].parse::<f32>().unwrap() / 100.0
}

fn select_only(h: &mut Harness<'static, Editor>, id: &str) {
    h.state_mut().selection = icsmap::editor::Selection::only_node(id);
    h.run_steps(1);
}

/// A point on the link at `l`, on screen, found by walking along its drawn (routed) line.
fn point_on_link(h: &Harness<'static, Editor>, l: usize) -> Pos2 {
    let path = h.state().screen_line_of(l).expect("the line is drawn");
    path.windows(2)
        .flat_map(|w| (0..=50).map(move |k| w[0] + (w[1] - w[0]) * (k as f32 / 50.0)))
        .find(|p| h.state().hit_at(*p) == Some(icsmap::editor::Hit::Link(l)))
        .expect("a point on the line")
}

/// A point of empty canvas.
fn empty_spot(h: &Harness<'static, Editor>) -> Pos2 {
    let r = h.state().canvas_rect();
    let mut p = r.left_bottom() + Vec2::new(30.0, -30.0);
    while h.state().hit_at(p) != Some(icsmap::editor::Hit::Empty) {
        p += Vec2::new(17.0, 0.0);
        assert!(r.contains(p), "no empty spot");
    }
    p
}

// ---------------------------------------------------------------------------------------
// 4. Edit → Paste in the menu pastes what the clipboard holds.

#[test]
fn edit_paste_in_the_menu_pastes_the_clipboard() {
    let mut h = open("figure1-operating-model");
    let before = h.state().model().unwrap().nodes.len();
    select_only(&mut h, "spb");
    // What the windowing layer sends for Ctrl+C.
    h.event(Event::Copy);
    h.step();
    let copied = copied_text(&h).expect("Ctrl+C copies model text");
    h.get_by_label("Edit").click();
    h.run_steps(2);
    entry(&h, "Paste").click();
    // The menu asks the windowing layer for the clipboard, which answers with a paste event.
    assert!(
        output_shows(&mut h, 3, asks_for_paste),
        "Edit → Paste asks for the clipboard"
    );
    h.event(Event::Paste(copied));
    h.run_steps(3);
    assert_eq!(h.state().model().unwrap().nodes.len(), before + 1);
    assert_eq!(status(&h), "Pasted 1 body");
}

// ---------------------------------------------------------------------------------------
// 5. Right-click menus on a body, a link, a selection and empty canvas.

#[test]
fn right_click_on_a_body_offers_its_actions_and_they_act_on_it() {
    let mut h = open("figure1-operating-model");
    let at = h.state().screen_centre_of("pcn-harbour").unwrap();
    right_click(&mut h, at);
    assert_eq!(h.state().selection.single_node(), Some("pcn-harbour"));
    for text in ["Cut", "Copy", "Duplicate", "Delete"] {
        entry(&h, text);
    }
    assert!(
        h.query_by_label_contains("Ctrl+D").is_some() || h.query_by_label_contains("⌘D").is_some(),
        "entries show their shortcuts"
    );
    assert!(
        h.query_by_label_contains("Align left").is_none(),
        "only what applies"
    );
    entry(&h, "Delete").click();
    h.run_steps(3);
    assert!(h.state().model().unwrap().node("pcn-harbour").is_none());
}

#[test]
fn right_click_on_a_link_deletes_that_link() {
    let mut h = open("figure1-operating-model");
    let before = h.state().model().unwrap().links.len();
    let at = point_on_link(&h, 0);
    right_click(&mut h, at);
    assert_eq!(h.state().selection.single_link(), Some(0));
    entry(&h, "Delete").click();
    h.run_steps(3);
    assert_eq!(h.state().model().unwrap().links.len(), before - 1);
}

#[test]
fn right_click_on_a_selection_offers_arrange() {
    let mut h = open("figure1-operating-model");
    let ids = ["pcn-harbour", "pcn-millbrook", "pcn-moorland"];
    h.state_mut().selection = icsmap::editor::Selection {
        nodes: ids.iter().map(|s| s.to_string()).collect(),
        links: Default::default(),
    };
    h.run_steps(1);
    let at = h.state().screen_centre_of("pcn-millbrook").unwrap();
    right_click(&mut h, at);
    assert_eq!(h.state().selection.nodes.len(), 3, "the selection stays");
    entry(&h, "Align top").click();
    h.run_steps(3);
    let model = h.state().model().unwrap();
    let tops: Vec<f64> = ids.iter().map(|id| model.node(id).unwrap().at.y).collect();
    assert!(
        tops.windows(2).all(|w| (w[0] - w[1]).abs() < 0.01),
        "{tops:?}"
    );
}

#[test]
fn right_click_on_empty_canvas_offers_paste_select_all_and_view() {
    let mut h = open("figure1-operating-model");
    select_only(&mut h, "spb");
    let at = empty_spot(&h);
    right_click(&mut h, at);
    assert!(
        h.state().selection.is_empty(),
        "a click on nothing selects nothing"
    );
    for text in ["Paste", "Zoom to fit", "Auto-layout all"] {
        entry(&h, text);
    }
    entry(&h, "Select all").click();
    h.run_steps(3);
    let model = h.state().model().unwrap();
    assert_eq!(h.state().selection.nodes.len(), model.nodes.len());
    // Escape closes a menu without clearing the selection.
    right_click(&mut h, at);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Zoom to fit").is_none());
}

// 5. Tooltips on bodies, badges and links.

#[test]
fn resting_on_a_body_tells_its_kind_force_and_findings() {
    let mut h = open("figure1-operating-model");
    let (id, message) = {
        let doc = h.state().doc.as_ref().unwrap();
        let f = doc
            .findings()
            .iter()
            .find(|f| f.nodes.len() == 1)
            .expect("a finding about one body");
        (f.nodes[0].clone(), f.message.clone())
    };
    let node = h.state().model().unwrap().node(&id).unwrap().clone();
    let at = h.state().screen_centre_of(&id).unwrap();
    hover(&mut h, at);
    h.get_by_label(&node.name);
    assert_eq!(
        h.query_all_by_label(node.kind.display_name()).count(),
        2,
        "the kind, in the tooltip besides the palette"
    );
    assert!(
        h.query_all_by_label_contains("statutory force").count()
            + h.query_all_by_label_contains("Statutory body").count()
            > 0
    );
    assert!(
        h.query_all_by_label_contains(&message).count() >= 2,
        "the finding, in the tooltip besides the findings panel"
    );
}

#[test]
fn resting_on_a_link_reads_it_as_a_sentence() {
    let mut h = open("figure1-operating-model");
    let l = h
        .state()
        .model()
        .unwrap()
        .links
        .iter()
        .position(|l| l.from == "pcn-northtown-central" && l.to == "spb")
        .unwrap();
    let at = point_on_link(&h, l);
    hover(&mut h, at);
    h.get_by_label(
        "Northtown Central PCN sits on North Shire System Partnership Board (GP partner member)",
    );
}

#[test]
fn resting_on_a_badge_lists_the_findings() {
    let mut h = open("figure1-operating-model");
    let id = {
        let doc = h.state().doc.as_ref().unwrap();
        doc.findings()[0].nodes[0].clone()
    };
    let centre = h.state().screen_centre_of(&id).unwrap();
    // The badge sits on the body's top-right corner.
    let badge = (0..40)
        .flat_map(|dx| (0..40).map(move |dy| (dx, dy)))
        .map(|(dx, dy)| centre + Vec2::new(40.0 + dx as f32 * 2.0, -40.0 + dy as f32 * 1.0))
        .find(|p| h.state().hit_at(*p) == Some(icsmap::editor::Hit::Badge(id.clone())))
        .expect("the badge");
    hover(&mut h, badge);
    h.get_by_label_contains("finding");
}

// ---------------------------------------------------------------------------------------
// 8. Find zooms to each match and Enter steps on; Ctrl+scroll glides; toggles tick;
// the status bar forgets old news and counts in the right number.

#[test]
fn find_zooms_to_each_match_and_enter_steps_to_the_next() {
    let mut h = open("figure1-operating-model");
    for _ in 0..8 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        h.run_steps(1);
    }
    h.run_steps(2);
    assert!(zoom(&h) < 0.5, "zoomed far out: {}", zoom(&h));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Find").type_text("Southvale");
    h.run_steps(3);
    let first = h
        .state()
        .selection
        .single_node()
        .map(str::to_string)
        .expect("a match");
    assert!(first.contains("southvale"), "{first}");
    assert!(
        (zoom(&h) - 1.0).abs() < 0.05,
        "the match at full size: {}",
        zoom(&h)
    );
    let canvas = h.state().canvas_rect();
    assert!(canvas.contains(h.state().screen_centre_of(&first).unwrap()));
    h.key_press(Key::Enter);
    h.run_steps(3);
    let second = h
        .state()
        .selection
        .single_node()
        .map(str::to_string)
        .unwrap();
    assert_ne!(first, second, "Enter goes to the next match");
    assert!(canvas.contains(h.state().screen_centre_of(&second).unwrap()));
}

#[test]
fn ctrl_scroll_zooms_in_small_steps() {
    // Frames at 60 a second, as on a desktop, so that the glide can be seen.
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(|cc| Editor::new(&cc.egui_ctx, Some(example("figure1-operating-model"))));
    h.run_steps(3);
    let at = h.state().canvas_rect().center();
    h.event(Event::PointerMoved(at));
    h.run_steps(2);
    let before = zoom(&h);
    h.event_modifiers(
        Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: Vec2::new(0.0, 1.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::COMMAND,
            source: egui::MouseWheelSource::Wheel,
        },
        Modifiers::COMMAND,
    );
    let mut previous = before;
    for _ in 0..30 {
        h.step();
        let now = zoom(&h);
        assert!(now / previous < 1.06, "no jump: {previous} → {now}");
        previous = now;
    }
    let gained = previous / before;
    assert!(gained > 1.03 && gained < 1.15, "one wheel notch: ×{gained}");
}

#[test]
fn view_switches_show_whether_they_are_on() {
    let mut h = open("figure1-operating-model");
    h.get_by_label("View").click();
    h.run_steps(2);
    let grid = h.get_by_label("Grid and snapping");
    assert_eq!(
        grid.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::False)
    );
    grid.click();
    h.run_steps(3);
    assert!(h.state().view.grid);
    h.get_by_label("View").click();
    h.run_steps(2);
    let grid = h.get_by_label("Grid and snapping");
    assert_eq!(
        grid.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

#[test]
fn status_messages_count_right_and_fade() {
    let mut h = open("figure1-operating-model");
    select_only(&mut h, "spb");
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(2);
    let id = h.state().selection.single_node().unwrap().to_string();
    h.state_mut().selection = icsmap::editor::Selection::only_node(&id);
    h.event(Event::Copy);
    h.run_steps(2);
    assert_eq!(status(&h), "Copied 1 body");
    h.get_by_label("Copied 1 body");
    // A message is news for a few seconds, not for ever.
    h.run_steps(40);
    assert_eq!(status(&h), "");
    assert!(h.query_by_label("Copied 1 body").is_none());
}

// ---------------------------------------------------------------------------------------
// 9. Alerts say what failed, in the user's words, and close with Enter or Esc.

#[test]
fn a_broken_file_is_reported_in_plain_words_and_enter_closes_the_alert() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("mail.icsmap.ron");
    std::fs::write(&broken, "(format: \"icsmap\" version: 1)").unwrap();
    let mut h = harness_with(None, None);
    h.state_mut().script_file_dialogs(vec![Some(broken)]);
    h.get_by_label("Open…").click();
    h.run_steps(4);
    h.get_by_label("The file could not be opened");
    let message = h.state().alert.clone().unwrap().message;
    assert!(
        message.starts_with("mail.icsmap.ron, line 1, column"),
        "{message}"
    );
    assert!(message.contains("A comma is missing"), "{message}");
    assert!(!message.contains("Expected"), "{message}");
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert!(h.state().alert.is_none(), "Enter closes it");
}

#[test]
fn zoom_keys_under_an_alert_leave_the_interface_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("mail.icsmap.ron");
    std::fs::write(&broken, "not a model").unwrap();
    let mut h = harness_with(None, None);
    h.state_mut().script_file_dialogs(vec![Some(broken)]);
    h.get_by_label("Open…").click();
    h.run_steps(4);
    assert!(h.state().alert.is_some());
    let before = h.ctx.zoom_factor();
    for key in [Key::Plus, Key::Equals, Key::Plus] {
        h.key_press_modifiers(Modifiers::COMMAND, key);
        h.run_steps(1);
    }
    assert_eq!(h.ctx.zoom_factor(), before, "the interface is not zoomed");
    assert!(h.state().alert.is_some(), "the alert is still up");
}

#[test]
fn a_failed_save_is_titled_as_a_save_and_esc_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open("figure1-operating-model");
    let nowhere = dir.path().join("missing-folder").join("x.icsmap.ron");
    h.state_mut().script_file_dialogs(vec![Some(nowhere)]);
    menu(&mut h, "File", "Save As…");
    h.run_steps(2);
    h.get_by_label("The model could not be saved");
    assert!(h.query_by_label("The file could not be opened").is_none());
    let message = h.state().alert.clone().unwrap().message;
    assert!(message.contains("folder does not exist"), "{message}");
    assert!(!message.contains("os error"), "{message}");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().alert.is_none(), "Esc closes it");
}

#[test]
fn export_advice_never_speaks_of_command_line_options() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = open("figure1-operating-model");
    h.state_mut()
        .script_file_dialogs(vec![Some(dir.path().join("huge.png"))]);
    menu(&mut h, "File", "Export PNG…");
    // Ask for a picture far too large: scale 8 of a wide model.
    h.state_mut().files.export.as_mut().unwrap().scale = 8.0;
    {
        let doc = h.state_mut().doc.as_mut().unwrap();
        doc.edit("spread", |m| m.nodes[0].at.x = 900_000.0);
    }
    h.run_steps(1);
    h.get_by_label("Export…").click();
    h.run_steps(4);
    h.get_by_label("The diagram could not be exported");
    let message = h.state().alert.clone().unwrap().message;
    assert!(
        !message.contains("--scale") && !message.contains("--dpi"),
        "{message}"
    );
    assert!(message.contains("export dialog"), "{message}");
}

// ---------------------------------------------------------------------------------------
// 10. Panels: hideable, the palette whole at 1280×720, dialogs in the model's folder.

#[test]
fn the_whole_palette_shows_at_1280_by_720() {
    let mut h = harness_sized(
        Some(example("figure1-operating-model")),
        None,
        Vec2::new(1280.0, 720.0),
    );
    h.run_steps(2);
    for kind in icsmap::model::NodeKind::ALL {
        let button = h
            .query_all_by_label(kind.display_name())
            .next()
            .unwrap_or_else(|| panic!("{kind:?} in the palette"));
        let r = button.rect();
        assert!(
            r.max.y <= 720.0 - 24.0,
            "{kind:?} shows without scrolling: {r:?}"
        );
    }
}

#[test]
fn side_panels_hide_and_come_back_from_the_view_menu() {
    let mut h = open("figure1-operating-model");
    assert!(h.query_by_label("Bodies").is_some());
    let wide = h.state().canvas_rect().width();
    menu(&mut h, "View", "Palette");
    assert!(h.query_by_label("Bodies").is_none(), "palette hidden");
    menu(&mut h, "View", "Inspector and findings");
    h.run_steps(2);
    assert!(h.query_by_label("Findings").is_none(), "inspector hidden");
    assert!(
        h.state().canvas_rect().width() > wide + 300.0,
        "the canvas takes the room"
    );
    menu(&mut h, "View", "Palette");
    assert!(h.query_by_label("Bodies").is_some(), "palette back");
}

#[test]
fn file_dialogs_start_in_the_model_folder_even_for_a_relative_path() {
    let h = harness_with(
        Some(PathBuf::from("models/figure1-operating-model.icsmap.ron")),
        None,
    );
    let folder = h.state().dialog_folder().expect("a folder");
    assert!(folder.is_absolute(), "{folder:?}");
    assert_eq!(
        folder,
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models")
    );
}

// ---------------------------------------------------------------------------------------
// 11. In the dark theme every border and line stands out from the ground.

fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    let lum = |c: egui::Color32| {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn in_the_dark_theme_dashed_borders_and_lines_stand_out() {
    let mut h = open("figure1-operating-model");
    menu(&mut h, "View", "Dark theme");
    h.run_steps(3);
    assert!(h.state().view.dark);
    let canvas = h.state().canvas_rect();
    let ground = egui::Color32::from_rgb(0x1b, 0x1f, 0x23);
    // Dashed borders and lines are painted as many short segments.
    let segments: Vec<egui::Color32> = h
        .output()
        .shapes
        .iter()
        .filter(|c| canvas.expand(1.0).contains_rect(c.clip_rect))
        .filter_map(|c| match &c.shape {
            egui::Shape::LineSegment { stroke, .. } => Some(stroke.color),
            _ => None,
        })
        .filter(|c| c.a() > 200)
        .collect();
    assert!(segments.len() > 50, "dashes painted: {}", segments.len());
    for color in segments {
        assert!(
            contrast(color, ground) >= 3.0,
            "a dash of {color:?} is hard to see on the dark ground"
        );
    }
}

#[test]
fn side_panels_resize_by_a_wide_grip_and_keep_their_sizes() {
    let mut h = open("figure1-operating-model");
    let canvas = h.state().canvas_rect();
    // Drag the palette's right edge 100 points to the right.
    let edge = Pos2::new(canvas.left() - 1.0, canvas.center().y);
    h.event(Event::PointerMoved(edge));
    h.run_steps(2);
    press(&mut h, edge, PointerButton::Primary, true);
    h.run_steps(1);
    for k in 1..=5 {
        h.event(Event::PointerMoved(edge + Vec2::new(20.0 * k as f32, 0.0)));
        h.run_steps(1);
    }
    press(
        &mut h,
        edge + Vec2::new(100.0, 0.0),
        PointerButton::Primary,
        false,
    );
    h.run_steps(3);
    let widened = h.state().canvas_rect().left();
    assert!(
        widened > canvas.left() + 80.0,
        "{} → {widened}",
        canvas.left()
    );
    // And the inspector's left edge 100 points to the left.
    let edge = Pos2::new(canvas.right() + 2.0, canvas.center().y);
    h.event(Event::PointerMoved(edge));
    h.run_steps(2);
    press(&mut h, edge, PointerButton::Primary, true);
    h.run_steps(1);
    for k in 1..=5 {
        h.event(Event::PointerMoved(edge - Vec2::new(20.0 * k as f32, 0.0)));
        h.run_steps(1);
    }
    press(
        &mut h,
        edge - Vec2::new(100.0, 0.0),
        PointerButton::Primary,
        false,
    );
    h.run_steps(3);
    let right = h.state().canvas_rect().right();
    assert!(
        right < canvas.right() - 80.0,
        "{} → {right}",
        canvas.right()
    );
    // What eframe keeps when the window closes, and gives back at the next start.
    let kept = ron::ser::to_string(&h.ctx.memory(|m| m.clone())).unwrap();
    drop(h);
    let memory: egui::Memory = ron::from_str(&kept).unwrap();
    let mut next = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .build_eframe(move |cc| {
            cc.egui_ctx.memory_mut(|m| *m = memory);
            Editor::new(&cc.egui_ctx, Some(example("figure1-operating-model")))
        });
    next.run_steps(3);
    assert!(
        (next.state().canvas_rect().left() - widened).abs() < 2.0,
        "the palette keeps its width"
    );
    assert!(
        (next.state().canvas_rect().right() - right).abs() < 2.0,
        "the inspector keeps its width"
    );
}
