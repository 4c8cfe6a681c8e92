//! The editor's files: save and reopen, the unsaved-changes prompt, broken files, crash
//! recovery, and export from the dialog matching the command line.

use std::path::{Path, PathBuf};

use egui::{Key, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use icsmap::editor::{Command, Editor, RecoveryStore, Replace};
use icsmap::export::{ExportOptions, Format};
use icsmap::model::NodeKind;

fn example(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/models/{name}.icsmap.ron",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn harness_with(
    file: Option<PathBuf>,
    recovery: Option<RecoveryStore>,
) -> Harness<'static, Editor> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .build_eframe(move |cc| Editor::new_with(&cc.egui_ctx, file, None, recovery));
    h.run_steps(3);
    h
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

fn run(h: &mut Harness<'static, Editor>, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, command);
    h.run_steps(2);
}

#[test]
fn save_then_reopen_gives_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_with(Some(example("figure1-operating-model")), None);
    change(&mut h);
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
    let path = dir.path().join("north-shire.icsmap.ron");
    assert!(h.state_mut().save_to(&path));
    h.run_steps(1);
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    assert_eq!(h.state().title(), "north-shire.icsmap.ron — icsmap");
    let saved = h.state().model().unwrap().clone();
    let reopened = harness_with(Some(path.clone()), None);
    assert_eq!(reopened.state().model().unwrap(), &saved);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        icsmap::model::file::to_canonical_string(&saved)
    );
    assert_eq!(
        h.state().files.recent.first().map(|p| p.file_name()),
        Some(path.file_name())
    );
}

#[test]
fn new_with_unsaved_changes_asks_and_cancel_keeps_everything() {
    let mut h = harness_with(Some(example("good-practice")), None);
    change(&mut h);
    let before = h.state().model().unwrap().clone();
    run(&mut h, Command::New);
    h.get_by_label_contains("Save the changes to good-practice.icsmap.ron?");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Save the changes").is_none(),
        "the prompt closed"
    );
    assert_eq!(h.state().model().unwrap(), &before);
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
    // Don't save: the new blank model replaces it.
    run(&mut h, Command::New);
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert!(h.state().model().unwrap().nodes.is_empty());
}

#[test]
fn closing_the_window_with_unsaved_changes_asks() {
    let mut h = harness_with(Some(example("good-practice")), None);
    change(&mut h);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(2);
    h.get_by_label_contains("Save the changes");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(
        h.state().doc.as_ref().unwrap().is_dirty(),
        "still open, changes intact"
    );
    // Without changes the window just closes: no prompt.
    let mut clean = harness_with(Some(example("good-practice")), None);
    clean
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    clean.run_steps(2);
    assert!(clean.query_by_label_contains("Save the changes").is_none());
}

#[test]
fn a_broken_file_leaves_the_open_model_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.icsmap.ron");
    std::fs::write(
        &broken,
        "(format: \"icsmap\", version: 1,\n nodes: [(id: \"a\", kind: Hospital, name: \"A\")])",
    )
    .unwrap();
    let mut h = harness_with(Some(example("good-practice")), None);
    change(&mut h);
    let before = h.state().model().unwrap().clone();
    let ctx = h.ctx.clone();
    h.state_mut()
        .request(&ctx, Replace::OpenPath(broken.clone()));
    h.run_steps(2);
    // Refused at once, without asking about the unsaved change: nothing will replace it.
    assert!(h.query_by_label("Don't save").is_none());
    let alert = h.state().alert.clone().expect("a message");
    assert_eq!(alert.title, "The file could not be opened");
    let alert = alert.message;
    assert!(
        alert.contains("broken.icsmap.ron, line 2,")
            && alert.contains("nknown node kind `Hospital`"),
        "{alert}"
    );
    h.get_by_label_contains("nknown node kind");
    assert_eq!(h.state().model().unwrap(), &before);
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().alert.is_none());
}

#[test]
fn work_dropped_without_saving_is_offered_back_and_restores_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let store = || RecoveryStore::new(dir.path().join("recovery"));
    let mut h = harness_with(Some(example("good-practice")), Some(store()));
    change(&mut h);
    change(&mut h);
    h.state_mut().autosave_now();
    let unsaved = h.state().model().unwrap().clone();
    // The laptop dies: no save, no exit.
    drop(h);
    let mut next = harness_with(None, Some(store()));
    next.get_by_label("Recover unsaved work?");
    next.get_by_label("Restore").click();
    next.run_steps(2);
    let doc = next.state().doc.as_ref().expect("restored");
    assert_eq!(doc.model(), &unsaved);
    assert!(doc.is_dirty(), "restored work is not saved yet");
    assert_eq!(
        doc.path.as_deref(),
        Some(example("good-practice").as_path())
    );
    // Saving it clears the copy.
    let target = dir.path().join("saved.icsmap.ron");
    assert!(next.state_mut().save_to(&target));
    assert!(store().pending().is_empty());
}

#[test]
fn discarding_a_recovery_copy_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::new(dir.path().join("recovery"));
    store
        .write("k", &icsmap::Model::new("Draft"), None)
        .unwrap();
    let mut h = harness_with(None, Some(store.clone()));
    h.get_by_label("Discard the copy").click();
    h.run_steps(2);
    assert!(h.state().doc.is_none());
    assert!(store.pending().is_empty());
}

fn cli_export(model: &Path, out: &Path, args: &[&str]) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_icsmap"))
        .args([
            "export",
            model.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn export_from_the_editor_writes_the_same_bytes_as_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let model = example("icb-delegated-places");
    let mut h = harness_with(Some(model.clone()), None);
    for (format, name, options, args) in [
        (
            Format::Png,
            "a.png",
            ExportOptions {
                scale: 300.0 / 96.0,
                ..ExportOptions::default()
            },
            vec!["--dpi", "300"],
        ),
        (
            Format::Png,
            "b.png",
            ExportOptions {
                transparent: true,
                legend: false,
                ..ExportOptions::default()
            },
            vec!["--transparent", "--no-legend"],
        ),
        (
            Format::Svg,
            "c.svg",
            ExportOptions {
                title: false,
                ..ExportOptions::default()
            },
            vec!["--no-title"],
        ),
    ] {
        let from_editor = dir.path().join(format!("editor-{name}"));
        let from_cli = dir.path().join(format!("cli-{name}"));
        assert!(h.state_mut().export_to(&from_editor, format, &options));
        cli_export(&model, &from_cli, &args);
        assert_eq!(
            std::fs::read(&from_editor).unwrap(),
            std::fs::read(&from_cli).unwrap(),
            "{name}"
        );
    }
    // The dialog's choices make the same options.
    run(&mut h, Command::ExportPng);
    h.get_by_label("Export the diagram");
    let dialog = h.state().files.export.clone().unwrap();
    assert_eq!(dialog.options(None), ExportOptions::default());
}

#[test]
fn copy_diagram_as_image_puts_a_picture_on_the_clipboard() {
    let mut h = harness_with(Some(example("good-practice")), None);
    let ctx = h.ctx.clone();
    h.state_mut().copy_image(&ctx);
    h.step();
    let image = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyImage(image) => Some(image.size),
            _ => None,
        })
        .expect("a picture on the clipboard");
    assert!(image[0] > 1000 && image[1] > 500, "{image:?}");
}

#[test]
fn import_from_ods_in_the_editor_with_a_chosen_icb() {
    let mut h = harness_with(None, None);
    h.get_by_label("Import from ODS…").click();
    h.run_steps(2);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ods");
    let dialog = h.state_mut().import.as_mut().expect("the import dialog");
    for (slot, name) in [
        "epcn-pcns.csv",
        "epcn-core-partners.csv",
        "epraccur.csv",
        "etr.csv",
    ]
    .iter()
    .enumerate()
    {
        dialog.set_file(slot, dir.join(name));
    }
    // The ICB list is read on a worker thread.
    for _ in 0..200 {
        h.run_steps(1);
        if h.query_by_label("NHS Greater Manchester ICB (QOP)")
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.get_by_label("NHS Greater Manchester ICB (QOP)").click();
    h.run_steps(1);
    h.get_by_label("Import").click();
    for _ in 0..300 {
        h.run_steps(1);
        if h.state().doc.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let model = h.state().model().expect("the imported model is open");
    assert_eq!(model.title, "NHS Greater Manchester ICB");
    assert!(model.node("qop").is_some() && model.node("u11602").is_some());
    assert!(
        model.nodes.iter().all(|n| n.ods_code != "QK1"),
        "only the chosen ICB"
    );
}
