//! The command line as a user or a script meets it: output, exit codes, files left alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn icsmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_icsmap"))
        .args(args)
        .output()
        .expect("the icsmap binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn example(name: &str) -> String {
    format!("{}/models/{name}.icsmap.ron", env!("CARGO_MANIFEST_DIR"))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const WITH_ERRORS: &str = r#"(format: "icsmap", version: 1, title: "Loop",
    nodes: [
        (id: "a", kind: NhsTrust, name: "Alpha Trust", at: (0.0, 0.0)),
        (id: "b", kind: NhsTrust, name: "Beta Trust", at: (200.0, 0.0)),
    ],
    links: [
        (kind: Accountability, from: "a", to: "b"),
        (kind: Accountability, from: "b", to: "a"),
    ],
)"#;

#[test]
fn check_passes_a_good_file_with_a_summary() {
    let out = icsmap(&["check", &example("good-practice")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "0 errors, 0 warnings, 0 infos\n");
}

#[test]
fn check_exits_1_on_errors_and_prints_each_finding() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "loop.icsmap.ron", WITH_ERRORS);
    let out = icsmap(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(
            "error[A01] Accountability loop: Alpha Trust -> Beta Trust -> Alpha Trust (nodes: a, b)"
        ),
        "{text}"
    );
    assert!(text.ends_with("1 errors, 0 warnings, 0 infos\n"), "{text}");
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let fig1 = example("figure1-operating-model");
    assert_eq!(icsmap(&["check", &fig1]).status.code(), Some(0));
    assert_eq!(
        icsmap(&["check", "--deny-warnings", &fig1]).status.code(),
        Some(1)
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let out = icsmap(&[
        "check",
        "--format",
        "json",
        &example("figure1-operating-model"),
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["warnings"], 4);
    assert_eq!(report["infos"], 1);
    assert_eq!(report["errors"], 0);
    let first = &report["findings"][0];
    assert_eq!(first["rule"], "A02");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["nodes"], serde_json::json!(["spb"]));
    assert!(first["links"].is_array());
    assert!(
        report["file"]
            .as_str()
            .unwrap()
            .ends_with("figure1-operating-model.icsmap.ron")
    );
}

#[test]
fn several_files_are_all_checked_even_when_one_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(
        dir.path(),
        "broken.icsmap.ron",
        "(format: \"icsmap\", version: 1, nodes: [(id: \"x\")])",
    );
    let good = example("good-practice");
    let out = icsmap(&["check", broken.to_str().unwrap(), &good]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("error: {}:1:", broken.display())),
        "{err}"
    );
    assert!(err.contains("lacks the required field `kind`"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(stdout(&out).contains(&format!("{good}:\n0 errors, 0 warnings, 0 infos")));

    let json = icsmap(&["check", "--format", "json", broken.to_str().unwrap(), &good]);
    let reports: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(reports.as_array().unwrap().len(), 2);
    assert!(reports[0]["error"].is_string());
}

#[test]
fn every_unreadable_case_exits_2_with_one_located_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "syntax",
            "(format: \"icsmap\", version: 1, title: \"x\" nodes: [])",
            ":1:",
        ),
        ("newer", "(format: \"icsmap\", version: 7)", ":1:"),
        (
            "kind",
            "(format: \"icsmap\", version: 1,\n nodes: [(id: \"a\", kind: Hospital, name: \"A\")])",
            ":2:",
        ),
        (
            "dangling",
            "(format: \"icsmap\", version: 1,\n nodes: [(id: \"a\", kind: NhsTrust, name: \"A\")],\n links: [(kind: Funding, from: \"a\", to: \"b\")])",
            ":3:",
        ),
    ];
    for (name, text, position) in cases {
        let file = write(dir.path(), &format!("{name}.icsmap.ron"), text);
        let out = icsmap(&["check", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(position),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn fmt_is_idempotent_and_keeps_the_findings() {
    let dir = tempfile::tempdir().unwrap();
    // A hand-written file: comments, odd spacing, wrapped options, a node without a position.
    let hand = r#"// hand-written
( format:"icsmap", version:1, title:"Hand",
  nodes:[ (id:"icb", kind:IntegratedCareBoard, name:"ICB", short: Some("I"), at:(1.26, 2.0)),
          (id:"sc", kind:StrategicCommissioner, name:"SC") ],
  links:[ (kind:Accountability, from:"sc", to:"icb") ] )"#;
    let file = write(dir.path(), "hand.icsmap.ron", hand);
    let path = file.to_str().unwrap();
    let before = stdout(&icsmap(&["check", path]));

    let check = icsmap(&["fmt", "--check", path]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(stdout(&check), format!("{path}\n"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        hand,
        "--check changes nothing"
    );

    assert_eq!(icsmap(&["fmt", path]).status.code(), Some(0));
    let once = std::fs::read_to_string(&file).unwrap();
    assert!(once.contains("at: (1.3, 2.0)"), "{once}");
    assert_eq!(icsmap(&["fmt", path]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), once, "idempotent");
    assert_eq!(icsmap(&["fmt", "--check", path]).status.code(), Some(0));
    assert_eq!(
        stdout(&icsmap(&["check", path])),
        before,
        "findings unchanged"
    );
}

#[test]
fn the_example_models_are_canonical() {
    let out = icsmap(&[
        "fmt",
        "--check",
        &example("figure1-operating-model"),
        &example("icb-delegated-places"),
        &example("good-practice"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "not canonical: {}",
        stdout(&out)
    );
}

#[test]
fn fmt_leaves_an_unreadable_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "bad.icsmap.ron",
        "(format: \"icsmap\", version: 1, nodes: [",
    );
    let out = icsmap(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "(format: \"icsmap\", version: 1, nodes: ["
    );
}

#[test]
fn rules_lists_the_catalogue() {
    let out = icsmap(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let rule_lines: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(rule_lines.len(), 33);
    assert!(rule_lines[0].starts_with("S01 error"));
    assert!(text.contains("source: Health and Care Act 2022"));
}

#[test]
fn help_and_version() {
    let help = icsmap(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    for word in ["check", "fmt", "rules"] {
        assert!(stdout(&help).contains(word));
    }
    for sub in ["check", "fmt", "rules"] {
        assert_eq!(
            icsmap(&[sub, "--help"]).status.code(),
            Some(0),
            "{sub} --help"
        );
    }
    let version = icsmap(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("icsmap {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn export_writes_png_and_svg_and_refuses_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("fig1.png");
    let svg = dir.path().join("fig1.svg");
    let fig1 = example("figure1-operating-model");
    let out = icsmap(&["export", &fig1, "-o", png.to_str().unwrap(), "--dpi", "300"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let out = icsmap(&[
        "export",
        &fig1,
        "-o",
        svg.to_str().unwrap(),
        "--no-legend",
        "--no-title",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));

    // An unreadable model leaves the previous export as it was.
    let before = std::fs::read(&png).unwrap();
    let broken = write(
        dir.path(),
        "broken.icsmap.ron",
        "(format: \"icsmap\", version: 1, nodes: [(id: \"\")])",
    );
    let out = icsmap(&[
        "export",
        broken.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    assert_eq!(std::fs::read(&png).unwrap(), before);

    // Too large, an unwritable place, an unknown extension, --scale with --dpi.
    let out = icsmap(&[
        "export",
        &fig1,
        "-o",
        png.to_str().unwrap(),
        "--scale",
        "40",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("use --scale"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&png).unwrap(), before);
    let out = icsmap(&["export", &fig1, "-o", "/no/such/folder/x.png"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    let out = icsmap(&[
        "export",
        &fig1,
        "-o",
        dir.path().join("x.jpg").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".png, .svg or .pdf"));
    let out = icsmap(&[
        "export", &fig1, "-o", "x.png", "--scale", "2", "--dpi", "300",
    ]);
    assert_eq!(out.status.code(), Some(2), "clap refuses both");
    // Nothing half-written is left beside the outputs.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn layout_rewrites_the_file_or_writes_another() {
    let dir = tempfile::tempdir().unwrap();
    let hand = "(format: \"icsmap\", version: 1, nodes: [(id: \"a\", kind: NhsTrust, name: \"A\", at: (5.0, 5.0)), (id: \"b\", kind: IntegratedCareBoard, name: \"B\", at: (5.0, 5.0))], links: [(kind: Commissioning, from: \"b\", to: \"a\")])";
    let file = write(dir.path(), "m.icsmap.ron", hand);
    let other = dir.path().join("laid-out.icsmap.ron");
    let out = icsmap(&[
        "layout",
        file.to_str().unwrap(),
        "-o",
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        hand,
        "-o leaves the input alone"
    );
    let laid = icsmap::open(&other).unwrap();
    assert_ne!(
        laid.nodes[0].at, laid.nodes[1].at,
        "no longer on top of each other"
    );
    assert_eq!(
        icsmap(&["layout", file.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(&other).unwrap()
    );
}
