//! Every entry of every menu and of every right-click menu, activated once on a sample model
//! through the real user interface: nothing panics, and each does what its words say.

use std::path::{Path, PathBuf};

use egui::{Event, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use icsmap::editor::{Command, Editor, Hit, Menu, Selection, Target};

fn example(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/models/{name}.icsmap.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
}

/// The sample model, copied into `dir` so that saving it harms nothing.
fn sample(dir: &Path) -> Harness<'static, Editor> {
    let path = dir.join("sample.icsmap.ron");
    std::fs::copy(example("figure1-operating-model"), &path).unwrap();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .build_eframe(move |cc| Editor::new(&cc.egui_ctx, Some(path)));
    h.run_steps(3);
    h
}

/// The three bodies some entries act on, in three different places.
const THREE: [&str; 3] = ["spb", "icp-southvale", "pcn-moorland"];

/// What the model and view were just before an entry was activated.
struct Before {
    nodes: usize,
    links: usize,
    selection: Selection,
    zoom: f32,
    model: icsmap::Model,
}

fn before(h: &Harness<'static, Editor>) -> Before {
    let model = h.state().model().unwrap().clone();
    Before {
        nodes: model.nodes.len(),
        links: model.links.len(),
        selection: h.state().selection.clone(),
        zoom: zoom(h),
        model,
    }
}

fn zoom(h: &Harness<'static, Editor>) -> f32 {
    h.query_all_by_label_contains("%")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or(node.value()).map(|s| s.to_string())
        })
        .find_map(|l| l.strip_suffix('%').and_then(|n| n.parse::<f32>().ok()))
        .map_or(0.0, |z| z / 100.0)
}

/// The entry for `command` in an open menu: its words, with its shortcut if it has one.
fn click_entry(h: &mut Harness<'static, Editor>, command: Command) {
    let text = h.state().look(command).text;
    let shortcut = command.shortcut_text(&h.ctx);
    let with_shortcut = format!("{text} {shortcut}");
    let node = h
        .query_all_by_label_contains(&text)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l == text || l == with_shortcut)
        })
        .unwrap_or_else(|| panic!("no entry for {command:?} ({text:?})"));
    assert!(
        !node.accesskit_node().is_disabled(),
        "{command:?} is enabled"
    );
    node.click();
}

fn steps_until(
    h: &mut Harness<'static, Editor>,
    found: impl Fn(&Harness<'static, Editor>) -> bool,
) -> bool {
    for _ in 0..4 {
        if found(h) {
            return true;
        }
        h.step();
    }
    found(h)
}

/// The sample model as shipped.
fn original() -> icsmap::Model {
    icsmap::open(&example("figure1-operating-model")).unwrap()
}

fn spb_x(m: &icsmap::Model) -> f64 {
    m.node("spb").unwrap().at.x
}

/// Gets the editor ready for `command` to have something to act on.
fn prepare(h: &mut Harness<'static, Editor>, command: Command, dir: &Path) {
    let select = |h: &mut Harness<'static, Editor>, ids: &[&str]| {
        h.state_mut().selection = Selection {
            nodes: ids.iter().map(|s| s.to_string()).collect(),
            links: Default::default(),
        };
        h.run_steps(1);
    };
    match command {
        Command::Open => h
            .state_mut()
            .script_file_dialogs(vec![Some(example("good-practice"))]),
        Command::SaveAs => h
            .state_mut()
            .script_file_dialogs(vec![Some(dir.join("other.icsmap.ron"))]),
        Command::Save | Command::Undo => {
            select(h, &["spb"]);
            h.event(Event::Key {
                key: egui::Key::ArrowRight,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::NONE,
            });
            h.run_steps(2);
        }
        Command::Redo => {
            select(h, &["spb"]);
            h.key_press(egui::Key::ArrowRight);
            h.run_steps(2);
            h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
            h.run_steps(2);
        }
        Command::Cut | Command::Copy | Command::Duplicate | Command::Delete => {
            select(h, &["pcn-harbour"])
        }
        Command::SelectNone => select(h, &["spb"]),
        Command::DeleteDecision => {
            let ctx = h.ctx.clone();
            h.state_mut().run(&ctx, Command::AddDecision);
            h.run_steps(1);
        }
        Command::ReverseLink => {
            h.state_mut().selection = Selection::only_link(0);
            h.run_steps(1);
        }
        Command::Fit => {
            for _ in 0..3 {
                h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Plus);
                h.run_steps(1);
            }
            h.run_steps(2);
        }
        Command::AutoLayoutSelection
        | Command::AlignLeft
        | Command::AlignCentre
        | Command::AlignRight
        | Command::AlignTop
        | Command::AlignMiddle
        | Command::AlignBottom
        | Command::DistributeHorizontally
        | Command::DistributeVertically
        | Command::GroupSelection => select(h, &THREE),
        Command::GroupMembers => select(h, &["spb"]),
        Command::Ungroup | Command::ToggleFold => {
            group_spb(h, false);
            select(h, &["spb"]);
        }
        Command::FoldAll => group_spb(h, false),
        Command::UnfoldAll => group_spb(h, true),
        Command::ResetLines => {
            if let Some(doc) = h.state_mut().doc.as_mut() {
                doc.edit("Bend", |m| {
                    m.links[0].via = vec![icsmap::model::Point::new(10.0, 20.0)]
                });
            }
            h.run_steps(1);
        }
        _ => {}
    }
}

/// Puts the bodies that sit on the System Partnership Board inside it (folded or not).
fn group_spb(h: &mut Harness<'static, Editor>, folded: bool) {
    if let Some(doc) = h.state_mut().doc.as_mut() {
        doc.edit("Group", |m| {
            let members: Vec<String> = m
                .links
                .iter()
                .filter(|l| l.kind == icsmap::LinkKind::Membership && l.to == "spb")
                .map(|l| l.from.clone())
                .collect();
            for n in &mut m.nodes {
                if members.contains(&n.id) {
                    n.within = Some("spb".into());
                }
            }
            if let Some(spb) = m.nodes.iter_mut().find(|n| n.id == "spb") {
                spb.collapsed = folded;
            }
        });
    }
    h.run_steps(1);
}

/// Checks that `command` did what its words say.
fn check(h: &mut Harness<'static, Editor>, command: Command, b: &Before, dir: &Path) {
    let model = || h.state().model().cloned();
    let xs = |m: &icsmap::Model| -> Vec<f64> {
        THREE.iter().map(|id| m.node(id).unwrap().at.x).collect()
    };
    let ys = |m: &icsmap::Model| -> Vec<f64> {
        THREE.iter().map(|id| m.node(id).unwrap().at.y).collect()
    };
    let all_equal = |v: Vec<f64>| v.windows(2).all(|w| (w[0] - w[1]).abs() < 0.01);
    let evenly = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        ((v[1] - v[0]) - (v[2] - v[1])).abs() < 0.01
    };
    let undo_label = |h: &Harness<'static, Editor>| {
        h.state()
            .doc
            .as_ref()
            .and_then(|d| d.undo_label().map(str::to_string))
    };
    match command {
        Command::New => {
            let m = model().expect("a model");
            assert!(m.nodes.is_empty() && m.title == "Untitled operating model");
        }
        Command::Open => {
            let want = icsmap::open(&example("good-practice")).unwrap();
            assert_eq!(model().unwrap().title, want.title);
            assert_eq!(h.state().file_dialogs_asked(), ["Open a model"]);
        }
        Command::Save => {
            assert!(!h.state().doc.as_ref().unwrap().is_dirty());
            let saved = icsmap::open(&dir.join("sample.icsmap.ron")).unwrap();
            assert!(
                &saved == h.state().model().unwrap(),
                "the file holds the model"
            );
            assert!(
                spb_x(&saved) == spb_x(&original()) + 1.0,
                "the move was saved"
            );
        }
        Command::SaveAs => {
            let path = dir.join("other.icsmap.ron");
            assert_eq!(
                h.state().doc.as_ref().unwrap().path.as_deref(),
                Some(path.as_path())
            );
            assert!(&icsmap::open(&path).unwrap() == h.state().model().unwrap());
        }
        Command::ImportOds => assert!(h.state().import.is_some(), "the import dialog"),
        Command::ExportPng | Command::ExportSvg => {
            let format = h
                .state()
                .files
                .export
                .as_ref()
                .expect("the export dialog")
                .format;
            let want = if command == Command::ExportPng {
                icsmap::export::Format::Png
            } else {
                icsmap::export::Format::Svg
            };
            assert_eq!(format, want);
            h.get_by_label("Export the diagram");
        }
        Command::CopyImage => {
            assert!(
                h.state().status().starts_with("Copied the diagram as a"),
                "{}",
                h.state().status()
            );
        }
        Command::Close => assert!(h.state().doc.is_none()),
        Command::Quit => {
            assert!(h.state().doc.is_none());
        }
        Command::Undo => assert!(spb_x(&model().unwrap()) == spb_x(&original()), "undone"),
        Command::Redo => {
            assert!(
                spb_x(&model().unwrap()) == spb_x(&original()) + 1.0,
                "redone"
            )
        }
        Command::Cut => {
            assert_eq!(model().unwrap().nodes.len(), b.nodes - 1);
            assert!(model().unwrap().node("pcn-harbour").is_none());
        }
        Command::Copy => {
            assert!(model().unwrap() == b.model, "copy changes nothing");
            assert!(
                h.state().status().starts_with("Copied 1 body"),
                "{}",
                h.state().status()
            );
        }
        Command::Paste => {}
        Command::Duplicate => assert_eq!(model().unwrap().nodes.len(), b.nodes + 1),
        Command::Delete => {
            let m = model().unwrap();
            if b.selection.single_link().is_some() {
                assert_eq!(m.links.len(), b.links - 1);
            } else {
                assert_eq!(m.nodes.len(), b.nodes - b.selection.nodes.len());
            }
        }
        Command::ReverseLink => {
            let (now, was) = (&model().unwrap().links[0], &b.model.links[0]);
            assert!(now.from == was.to && now.to == was.from, "reversed");
        }
        Command::SelectAll => assert_eq!(h.state().selection.nodes.len(), b.nodes),
        Command::SelectNone => assert!(h.state().selection.is_empty()),
        Command::Find => {
            h.get_by_label("Find");
        }
        Command::Fit => assert!(zoom(h) < b.zoom, "{} → {}", b.zoom, zoom(h)),
        Command::ZoomIn => assert!(zoom(h) > b.zoom, "{} → {}", b.zoom, zoom(h)),
        Command::ZoomOut => assert!(zoom(h) < b.zoom, "{} → {}", b.zoom, zoom(h)),
        Command::TogglePalette => {
            assert!(!h.state().view.palette);
            assert!(h.query_by_label("Bodies").is_none());
        }
        Command::ToggleInspector => {
            assert!(!h.state().view.inspector);
            assert!(h.query_by_label("Findings").is_none());
        }
        Command::ToggleGrid => assert!(h.state().view.grid),
        Command::ToggleTiers => assert_ne!(
            model().unwrap().settings.show_tiers(),
            b.model.settings.show_tiers()
        ),
        Command::ToggleLegend => assert!(h.state().view.legend),
        Command::ToggleDecisions => assert!(h.state().view.decisions),
        Command::ToggleDecisionMap => assert!(h.state().view.decision_map),
        Command::AddDecision => {
            let m = model().unwrap();
            assert_eq!(m.decisions.len(), 1);
            assert_eq!(m.decisions[0].title, "New decision");
            assert_eq!(undo_label(h).as_deref(), Some("Add decision"));
        }
        Command::DeleteDecision => {
            assert!(model().unwrap().decisions.is_empty());
            assert_eq!(undo_label(h).as_deref(), Some("Delete decision"));
        }
        Command::ToggleTheme => {
            assert!(h.state().view.dark);
            assert_eq!(h.ctx.theme(), egui::Theme::Dark);
        }
        Command::AutoLayoutAll => assert_eq!(undo_label(h).as_deref(), Some("Auto-layout")),
        Command::AutoLayoutSelection => {
            assert_eq!(undo_label(h).as_deref(), Some("Auto-layout selection"))
        }
        Command::AlignLeft | Command::AlignCentre | Command::AlignRight => {
            assert!(all_equal(xs(&model().unwrap())), "{command:?}")
        }
        Command::AlignTop | Command::AlignMiddle | Command::AlignBottom => {
            assert!(all_equal(ys(&model().unwrap())), "{command:?}")
        }
        Command::DistributeHorizontally => assert!(evenly(xs(&model().unwrap()))),
        Command::DistributeVertically => assert!(evenly(ys(&model().unwrap()))),
        Command::GroupSelection => assert!(
            model()
                .unwrap()
                .nodes
                .iter()
                .any(|n| n.within.as_deref() == Some("spb")),
            "the others went inside the board"
        ),
        Command::GroupMembers => assert!(
            model()
                .unwrap()
                .nodes
                .iter()
                .any(|n| n.within.as_deref() == Some("spb")),
            "the board's members went inside it"
        ),
        Command::Ungroup => assert!(
            model().unwrap().nodes.iter().all(|n| n.within.is_none()),
            "the board let its members go"
        ),
        Command::ToggleFold | Command::FoldAll => {
            assert!(model().unwrap().node("spb").unwrap().collapsed)
        }
        Command::UnfoldAll => assert!(!model().unwrap().node("spb").unwrap().collapsed),
        Command::ResetLines => assert!(model().unwrap().links.iter().all(|l| l.via.is_empty())),
    }
}

/// Effects seen only in one frame's output: the paste request, the window closing.
fn frame_effect(command: Command) -> Option<fn(&Harness<'static, Editor>) -> bool> {
    match command {
        Command::Paste => Some(|h| {
            h.output()
                .viewport_output
                .values()
                .any(|v| v.commands.contains(&egui::ViewportCommand::RequestPaste))
        }),
        Command::Quit => Some(|h| {
            h.output()
                .viewport_output
                .values()
                .any(|v| v.commands.contains(&egui::ViewportCommand::Close))
        }),
        Command::Copy | Command::Cut => {
            Some(|h| {
                h.output().platform_output.commands.iter().any(
                    |c| matches!(c, egui::OutputCommand::CopyText(t) if t.contains("pcn-harbour")),
                )
            })
        }
        _ => None,
    }
}

fn activate(h: &mut Harness<'static, Editor>, command: Command, dir: &Path, b: &Before) {
    click_entry(h, command);
    if let Some(seen) = frame_effect(command) {
        assert!(
            steps_until(h, seen),
            "{command:?} shows in the frame's output"
        );
    }
    h.run_steps(4);
    check(h, command, b, dir);
}

#[test]
fn every_menu_entry_does_what_it_says() {
    for &menu in Menu::ALL {
        for command in Command::in_menu(menu) {
            let dir = tempfile::tempdir().unwrap();
            let mut h = sample(dir.path());
            prepare(&mut h, command, dir.path());
            let b = before(&h);
            h.get_by_label(menu.title()).click();
            h.run_steps(2);
            activate(&mut h, command, dir.path(), &b);
        }
    }
}

#[test]
fn the_submenus_open_templates_and_recent_files() {
    let dir = tempfile::tempdir().unwrap();
    let titles: Vec<String> = [
        "figure1-operating-model",
        "icb-delegated-places",
        "good-practice",
    ]
    .iter()
    .map(|n| icsmap::open(&example(n)).unwrap().title)
    .collect();
    for (i, name) in [
        "Figure 1 operating model",
        "ICB with delegated places",
        "Good practice",
    ]
    .iter()
    .enumerate()
    {
        let mut h = sample(dir.path());
        h.get_by_label("File").click();
        h.run_steps(2);
        h.get_by_label("New from template").click();
        h.run_steps(2);
        h.get_by_label(name).click();
        h.run_steps(3);
        assert_eq!(h.state().model().unwrap().title, titles[i], "{name}");
        assert!(
            h.state().doc.as_ref().unwrap().path.is_none(),
            "a new, unsaved model"
        );
    }
    let mut h = sample(dir.path());
    h.state_mut().files.recent = vec![example("good-practice")];
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open Recent").click();
    h.run_steps(2);
    h.get_by_label("good-practice.icsmap.ron").click();
    h.run_steps(3);
    assert_eq!(h.state().model().unwrap().title, titles[2]);
}

fn right_click(h: &mut Harness<'static, Editor>, at: Pos2) {
    h.run_steps(20);
    h.event(Event::PointerMoved(at));
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(3);
}

/// Where to right-click for a menu on `target`.
fn spot(h: &mut Harness<'static, Editor>, target: Target) -> Pos2 {
    match target {
        Target::Body => h.state().screen_centre_of("pcn-harbour").unwrap(),
        Target::Selection => {
            h.state_mut().selection = Selection {
                nodes: THREE.iter().map(|s| s.to_string()).collect(),
                links: Default::default(),
            };
            h.run_steps(1);
            h.state().screen_centre_of(THREE[1]).unwrap()
        }
        Target::Link => {
            let model = h.state().model().unwrap();
            let link = &model.links[0];
            let a = h.state().screen_centre_of(&link.from).unwrap();
            let z = h.state().screen_centre_of(&link.to).unwrap();
            (0..=200)
                .map(|k| a + (z - a) * (k as f32 / 200.0))
                .find(|p| h.state().hit_at(*p) == Some(Hit::Link(0)))
                .expect("a point on the line")
        }
        Target::Canvas => {
            let r = h.state().canvas_rect();
            let mut p = r.left_bottom() + Vec2::new(30.0, -30.0);
            while h.state().hit_at(p) != Some(Hit::Empty) {
                p += Vec2::new(17.0, 0.0);
            }
            p
        }
    }
}

#[test]
fn every_right_click_menu_entry_does_what_it_says() {
    for target in [
        Target::Body,
        Target::Link,
        Target::Selection,
        Target::Canvas,
    ] {
        for command in Command::on_target(target) {
            let dir = tempfile::tempdir().unwrap();
            let mut h = sample(dir.path());
            // The right-click decides the selection; the rest of the set-up is the menu's.
            if !matches!(
                command,
                Command::Cut | Command::Copy | Command::Duplicate | Command::Delete
            ) && target != Target::Selection
            {
                prepare(&mut h, command, dir.path());
            }
            // Group commands are offered on a group (or a selection holding one).
            let on_group = matches!(command, Command::Ungroup | Command::ToggleFold);
            if on_group && target == Target::Selection {
                group_spb(&mut h, false);
            }
            let at = if on_group && target == Target::Body {
                // The board's header: its centre is on one of its members.
                let r = h.state().screen_box_of("spb").unwrap();
                r.center_top() + Vec2::new(0.0, 6.0)
            } else if command == Command::GroupMembers {
                h.state().screen_centre_of("spb").unwrap()
            } else {
                spot(&mut h, target)
            };
            right_click(&mut h, at);
            let b = before(&h);
            if target == Target::Selection && matches!(command, Command::Cut | Command::Copy) {
                // Several bodies: the clipboard holds all three.
                click_entry(&mut h, command);
                h.run_steps(4);
                assert!(
                    h.state().status().starts_with("Copied 3 bodies"),
                    "{command:?}: {}",
                    h.state().status()
                );
                continue;
            }
            if target == Target::Selection && matches!(command, Command::Duplicate) {
                click_entry(&mut h, command);
                h.run_steps(4);
                assert_eq!(h.state().model().unwrap().nodes.len(), b.nodes + 3);
                continue;
            }
            activate(&mut h, command, dir.path(), &b);
        }
    }
}

/// A right-click offers the group commands on a group, and not on a body that holds none.
#[test]
fn right_click_on_a_group_offers_fold_and_ungroup_and_a_plain_body_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = sample(dir.path());
    let fold = Command::ToggleFold.text();
    let at = h.state().screen_centre_of("pcn-harbour").unwrap();
    right_click(&mut h, at);
    assert!(
        h.query_all_by_label_contains("Copy").next().is_some(),
        "the body's menu is open"
    );
    assert!(h.query_all_by_label_contains(fold).next().is_none());
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    group_spb(&mut h, false);
    let r = h.state().screen_box_of("spb").unwrap();
    right_click(&mut h, r.center_top() + Vec2::new(0.0, 6.0));
    assert_eq!(h.state().selection.nodes.len(), 1);
    assert!(h.state().selection.nodes.contains("spb"));
    click_entry(&mut h, Command::ToggleFold);
    h.run_steps(3);
    assert!(h.state().model().unwrap().node("spb").unwrap().collapsed);
}
