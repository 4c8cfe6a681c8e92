//! Issue 15's six findings, each as a user would meet it: a save that writes what loading
//! refuses, an import that trusts its input, lost output that exits 0, a pipe that blocks,
//! a save that replaces instead of writing, and messages that lead nowhere.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use icsmap::model::file::{Problem, save_path, write_atomically};
use icsmap::model::{Link, LinkKind, Model, Node, NodeKind, Point};
use icsmap::ods::{self, ImportOptions, OdsFiles};

fn icsmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icsmap"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn example(name: &str) -> String {
    format!("{}/models/{name}.icsmap.ron", env!("CARGO_MANIFEST_DIR"))
}

fn two_bodies() -> Model {
    let mut m = Model::new("Two bodies");
    m.nodes
        .push(Node::new("icb", NodeKind::IntegratedCareBoard, "ICB"));
    m.nodes
        .push(Node::new("bcf", NodeKind::Other, "Better Care Fund"));
    m.links.push(Link::new(LinkKind::Funding, "icb", "bcf"));
    m
}

// 1. A save can write a file the program then refuses.

#[test]
fn an_amount_that_would_save_as_inf_is_refused_where_it_enters() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.icsmap.ron");
    let text = "(format: \"icsmap\", version: 1,\n nodes: [(id: \"a\", kind: IntegratedCareBoard, name: \"A\"), (id: \"b\", kind: Other, name: \"B\")],\n links: [(kind: Funding, from: \"a\", to: \"b\", amount: 1e308)])\n";
    std::fs::write(&file, text).unwrap();
    // Refused on load, with its line, so `fmt` (or `layout`) never writes `amount: inf`.
    let err = icsmap::open(&file).unwrap_err();
    assert!(matches!(err.problem, Problem::BadAmount { .. }), "{err}");
    assert_eq!(err.position.map(|p| p.0), Some(3));
    let fmt = icsmap(&["fmt", file.to_str().unwrap()]);
    assert_eq!(fmt.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "untouched");
    // The largest amount that may enter saves and reads back.
    let at_limit = text.replace("1e308", "1000000.0");
    std::fs::write(&file, &at_limit).unwrap();
    let model = icsmap::open(&file).unwrap();
    save_path(&model, &file).unwrap();
    assert_eq!(icsmap::open(&file).unwrap(), model);
}

#[test]
fn a_model_holding_what_a_file_cannot_is_not_saved_and_the_old_file_stays() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.icsmap.ron");
    let good = two_bodies();
    save_path(&good, &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    for spoil in [
        (|m: &mut Model| m.links[0].amount = Some(1e308)) as fn(&mut Model),
        |m| m.nodes[0].at = Point::new(2_000_000.0, 0.0),
        |m| m.nodes[1].at = Point::new(f64::NAN, 0.0),
        |m| m.nodes[0].name = "x".repeat(10_001),
        |m| m.links[0].via = vec![Point::new(0.0, f64::INFINITY)],
        |m| m.nodes[0].within = Some("nowhere".into()),
    ] {
        let mut m = good.clone();
        spoil(&mut m);
        let err = save_path(&m, &file).unwrap_err().to_string();
        assert!(
            err.contains("cannot save") && err.contains("nothing was written"),
            "{err}"
        );
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
    // Values within the limits save however they were computed: read back equal.
    let mut fine = good.clone();
    fine.nodes[0].at = Point::new(999_999.96, -0.04);
    fine.links[0].amount = Some(-999_999.94);
    save_path(&fine, &file).unwrap();
    let back = icsmap::open(&file).unwrap();
    assert_eq!(back.nodes[0].at, Point::new(1_000_000.0, 0.0));
    assert_eq!(back.links[0].amount, Some(-999_999.9));
}

// 2. import-ods trusts its input.

fn fixtures() -> OdsFiles {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ods");
    OdsFiles::in_folder(&dir)
}

fn import_error(files: &OdsFiles, as_at: Option<&str>) -> ods::ImportError {
    let options = ImportOptions {
        icbs: vec!["QOP".into()],
        as_at: as_at.and_then(icsmap::model::IsoDate::parse),
    };
    match ods::import(files, &options, &|_| {}) {
        Ok(m) => panic!("imported {} bodies", m.nodes.len()),
        Err(e) => e,
    }
}

#[test]
fn import_ods_refuses_files_that_are_not_what_their_slot_expects() {
    let dir = tempfile::tempdir().unwrap();
    let f = fixtures();
    let read = |p: &Option<PathBuf>| std::fs::read(p.as_ref().unwrap()).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        Some(p)
    };

    // A practices file cut off in the middle of a line.
    let practices = read(&f.practices);
    let cut = practices.len() / 2;
    let files = OdsFiles {
        practices: write("cut.csv", &practices[..cut]),
        ..fixtures()
    };
    let e = import_error(&files, None);
    assert!(e.line.is_some() && e.to_string().contains("cut off"), "{e}");

    // The GP practice list given as the trusts.
    let files = OdsFiles {
        trusts: f.practices.clone(),
        ..fixtures()
    };
    let e = import_error(&files, None);
    assert_eq!(e.line, Some(1), "{e}");
    assert!(
        e.what.contains("NHS trusts") && e.what.contains("3 or 5"),
        "{e}"
    );

    // A trusts file with its columns shifted by one, either way.
    let trusts = String::from_utf8(read(&f.trusts)).unwrap();
    let right: String = trusts.lines().map(|l| format!("\"\",{l}\n")).collect();
    let left: String = trusts
        .lines()
        .map(|l| format!("{}\n", l.split_once(',').unwrap().1))
        .collect();
    for (name, text) in [("right.csv", right), ("left.csv", left)] {
        let files = OdsFiles {
            trusts: write(name, text.as_bytes()),
            ..fixtures()
        };
        let e = import_error(&files, None);
        assert_eq!(e.line, Some(1), "{name}: {e}");
    }

    // Empty files in optional slots are refused, not read as none.
    for slot in 0..4 {
        let mut files = fixtures();
        let empty = write(&format!("empty{slot}.csv"), b"");
        match slot {
            0 => files.pcns = empty,
            1 => files.partners = empty,
            2 => files.practices = empty,
            _ => files.trusts = empty,
        }
        let e = import_error(&files, None);
        assert!(e.what.starts_with("the file is empty"), "{e}");
        assert!(e.to_string().starts_with(&*dir.path().to_string_lossy()));
    }

    // An unterminated quote is named as such, at the line where it opens.
    let mut pcns = String::from_utf8(read(&f.pcns)).unwrap();
    let third = pcns.match_indices('\n').nth(2).unwrap().0 + 1;
    pcns.insert_str(
        third,
        "U99999,\"BROKEN PCN,00T,NHS X - 00T,20191001,,A,B,C,D,E,F\n",
    );
    let files = OdsFiles {
        pcns: write("quote.csv", pcns.as_bytes()),
        ..fixtures()
    };
    let e = import_error(&files, None);
    assert_eq!(e.line, Some(4), "{e}");
    assert!(e.what.contains("closing quote"), "{e}");

    // A date before anything opened is named as the cause.
    let e = import_error(&fixtures(), Some("1900-01-01"));
    assert!(e.what.contains("--as-at 1900-01-01"), "{e}");
}

#[cfg(unix)]
#[test]
fn import_ods_refuses_a_device_at_once_and_names_it() {
    let started = Instant::now();
    let out = tempfile::tempdir().unwrap();
    let o = icsmap(&[
        "import-ods",
        "--pcns",
        "/dev/zero",
        "-o",
        out.path().join("m.icsmap.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/dev/zero: this is a device"),
        "{}",
        stderr(&o)
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

// 3. Lost output exits 0.

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_exits_2_with_a_message() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full");
    if full().is_err() {
        eprintln!("no /dev/full here: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let untidy = dir.path().join("untidy.icsmap.ron");
    std::fs::write(&untidy, "(format: \"icsmap\", version: 1)").unwrap();
    let f = fixtures();
    let p = |x: &Option<PathBuf>| x.as_ref().unwrap().to_str().unwrap().to_string();
    let out = dir.path().join("out.icsmap.ron");
    let cases: Vec<Vec<String>> = vec![
        vec!["check".into(), example("good-practice")],
        vec![
            "check".into(),
            "--format".into(),
            "json".into(),
            example("good-practice"),
        ],
        vec!["rules".into()],
        vec![
            "fmt".into(),
            "--check".into(),
            untidy.to_str().unwrap().into(),
        ],
        vec![
            "import-ods".into(),
            "--pcns".into(),
            p(&f.pcns),
            "-o".into(),
            out.to_str().unwrap().into(),
        ],
        vec!["--version".into()],
    ];
    for args in cases {
        let o = Command::new(env!("CARGO_BIN_EXE_icsmap"))
            .args(&args)
            .stdout(Stdio::from(full().unwrap()))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("cannot write to standard output: the disk is full"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

// 4. A pipe blocks.

#[cfg(unix)]
fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success());
    path
}

#[cfg(unix)]
#[test]
fn pipes_devices_and_folders_are_refused_at_once_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(dir.path(), "f.icsmap.ron");
    let pipe = pipe.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    let png = dir.path().join("x.png");
    let png = png.to_str().unwrap();
    for args in [
        vec!["check", pipe],
        vec!["check", "/dev/zero"],
        vec!["check", folder],
        vec!["fmt", pipe],
        vec!["fmt", "--check", pipe],
        vec!["export", pipe, "-o", png],
        vec!["layout", pipe],
        vec!["import-ods", "--trusts", pipe, "-o", png],
    ] {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_icsmap"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                panic!("{args:?} blocked");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let o = child.wait_with_output().unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}");
        let message = stderr(&o);
        assert!(
            ["a pipe (FIFO)", "a device", "a folder"]
                .iter()
                .any(|w| message.contains(w)),
            "{args:?}: {message}"
        );
    }
    // Nor is anything written over one.
    let o = icsmap(&["layout", &example("good-practice"), "-o", pipe]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a pipe (FIFO), not a file"),
        "{}",
        stderr(&o)
    );
}

// 5. Saving replaces the file instead of writing it.

#[cfg(unix)]
#[test]
fn a_save_through_a_symlink_updates_the_real_file_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let real = dir.path().join("real/m.icsmap.ron");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.icsmap.ron");
    std::os::unix::fs::symlink("real/m.icsmap.ron", &link).unwrap();
    save_path(&two_bodies(), &link).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(icsmap::open(&real).unwrap().title, "Two bodies");
    // A link to a file not made yet makes it where the link points.
    let dangling = dir.path().join("new.icsmap.ron");
    std::os::unix::fs::symlink("real/new.icsmap.ron", &dangling).unwrap();
    save_path(&two_bodies(), &dangling).unwrap();
    assert!(dir.path().join("real/new.icsmap.ron").is_file());
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn a_save_keeps_permissions_and_refuses_read_only_and_hard_linked_files() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.icsmap.ron");
    save_path(&two_bodies(), &file).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut changed = two_bodies();
    changed.title = "Changed".into();
    save_path(&changed, &file).unwrap();
    assert_eq!(mode(&file), 0o600);

    // Read-only: refused, even for a user (such as root) the system would let through.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let err = save_path(&two_bodies(), &file).unwrap_err().to_string();
    assert!(
        err.contains("read-only") && err.contains("another name"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert!(write_atomically(&file, b"export").is_err(), "exports too");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();

    // Hard links: left whole and said so, rather than split in two.
    let other = dir.path().join("other-name.icsmap.ron");
    std::fs::hard_link(&file, &other).unwrap();
    let err = save_path(&two_bodies(), &file).unwrap_err().to_string();
    assert!(err.contains("hard links"), "{err}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(&other).unwrap()
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn temporary_files_of_crashed_saves_are_cleared_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    let stale = dir.path().join(".icsmap-AbC123.tmp");
    std::fs::write(&stale, "half a model").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    // A recent one may belong to a save running now; a locked one does.
    let recent = dir.path().join(".icsmap-XyZ789.tmp");
    std::fs::write(&recent, "being written").unwrap();
    let locked = dir.path().join(".icsmap-LoCk00.tmp");
    std::fs::write(&locked, "being written").unwrap();
    let held = std::fs::File::options().write(true).open(&locked).unwrap();
    held.set_modified(old).unwrap();
    held.lock().unwrap();
    // Not ours: a similar name the user chose.
    let theirs = dir.path().join(".icsmap-notes.tmp.txt");
    std::fs::write(&theirs, "mine").unwrap();

    save_path(&two_bodies(), &dir.path().join("m.icsmap.ron")).unwrap();
    assert!(!stale.exists(), "stale temporary file removed");
    assert!(recent.exists() && theirs.exists());
    #[cfg(unix)]
    assert!(locked.exists(), "a locked one is in use");
    drop(held);
}

#[cfg(feature = "editor")]
#[test]
fn a_refused_save_in_the_editor_offers_save_as() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.icsmap.ron");
    save_path(&two_bodies(), &file).unwrap();
    let mut perms = std::fs::metadata(&file).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&file, perms).unwrap();
    let path = file.clone();
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1200.0, 800.0))
        .build_eframe(move |cc| {
            icsmap::editor::Editor::new_with(&cc.egui_ctx, Some(path), None, None)
        });
    h.run_steps(3);
    assert!(!h.state_mut().save_to(&file));
    h.run_steps(2);
    let alert = h.state().alert.clone().expect("a message");
    assert!(alert.message.contains("read-only"), "{alert:?}");
    h.get_by_label("The model could not be saved");
    h.get_by_label("Save As…");
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().alert.is_none());
}

// 6. Messages that lead nowhere.

#[test]
fn messages_say_where_and_what_in_the_users_words() {
    let load = |text: &str| icsmap::open_str(text, Path::new("m.icsmap.ron")).unwrap_err();
    // Missing `version` or `format`: the line of the opening bracket.
    let e = load("// a model\n\n(\n    format: \"icsmap\",\n    title: \"x\",\n)");
    assert_eq!(e.position, Some((3, 1)));
    assert!(e.to_string().contains("`version` is missing"), "{e}");
    let e = load("// a model\n(\n    version: 1,\n)");
    assert_eq!(e.position, Some((2, 1)));
    assert!(e.to_string().contains("`format` is missing"), "{e}");
    // A file holding `[]`.
    let e = load("[]");
    assert_eq!(e.position, Some((1, 1)));
    assert!(e.to_string().contains("round brackets"), "{e}");
    // A bad identifier.
    let e = load(
        "(format: \"icsmap\", version: 1, nodes: [(id: \"a\", kind: Committee, name: \"x\", 42: 5)])",
    );
    assert!(e.to_string().contains("`42` is not a field name"), "{e}");
    // A wrong value names its field and what the field takes.
    let e = load(
        "(format: \"icsmap\", version: 1,\n nodes: [(id: \"a\", kind: Committee, name: \"x\", population: -5)])",
    );
    assert_eq!(e.position, Some((2, 60)));
    assert!(
        e.to_string()
            .contains("`population` takes a whole number of people"),
        "{e}"
    );
    for text in [
        "[]",
        "(format: \"icsmap\", version: 1, nodes: [(id: r#42, kind: Committee, name: \"x\")])",
        "(format: \"icsmap\", version: 1, nodes: [(id: \"a\", kind: 42, name: \"x\")])",
        "(format: \"icsmap\", version: 1, settings: (max_forum_members: 1.5))",
        "(format: \"icsmap\", version: 1, nodes: [(id: \"a\", kind: Committee, name: \"x\", at: (1.0))])",
        "(format: \"icsmap\", version: 1, nodes: [(id: \"a\", kind: Committee, name: \"x\", statutory: 1)])",
        "(format: \"icsmap\", version: 1, title: \"x\\q\")",
        "",
    ] {
        let message = load(text).to_string();
        for jargon in [
            "struct",
            "Header",
            "raw identifier",
            "RON",
            "u64",
            "u32",
            "f64",
            "Expected",
        ] {
            assert!(!message.contains(jargon), "{text}: {message}");
        }
    }
}

#[cfg(all(unix, feature = "editor"))]
#[test]
fn the_editor_refuses_a_pipe_at_once_and_keeps_what_it_had() {
    use egui_kittest::Harness;
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(dir.path(), "mail.icsmap.ron");
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1200.0, 800.0))
        .build_eframe(move |cc| {
            icsmap::editor::Editor::new_with(
                &cc.egui_ctx,
                Some(PathBuf::from(example("good-practice"))),
                None,
                None,
            )
        });
    h.run_steps(3);
    let before = h.state().model().unwrap().clone();
    h.state_mut().open_path(&pipe);
    h.run_steps(2);
    let alert = h.state().alert.clone().expect("a message");
    assert!(
        alert.message.contains("a pipe (FIFO), not a model file"),
        "{alert:?}"
    );
    assert_eq!(h.state().model().unwrap(), &before);
}
