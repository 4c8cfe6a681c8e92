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
    assert_eq!(
        rule_lines.len(),
        40,
        "33 on bodies and links, 7 on decisions"
    );
    assert!(rule_lines[0].starts_with("S01 error"));
    assert!(rule_lines[33].starts_with("X01 error"));
    assert!(rule_lines[39].starts_with("X07 info"));
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

// ---- Decisions ----

/// A model with the bodies a scheme names: the ICB (code QXX), a place committee and the
/// finance committee of the ICB, a council.
const SCHEME_BODIES: &str = r#"(format: "icsmap", version: 1, title: "Vale",
    nodes: [
        (id: "nhse", kind: NhsEngland, name: "NHS England", at: (0.0, 0.0)),
        (id: "icb", kind: IntegratedCareBoard, name: "NHS Vale ICB", ods_code: "QXX", at: (0.0, 150.0)),
        (id: "place", kind: Committee, name: "Bury Locality Committee", at: (-200.0, 300.0)),
        (id: "finance", kind: Committee, name: "Finance Committee", at: (200.0, 300.0)),
        (id: "council", kind: LocalAuthority, name: "Vale Council", at: (400.0, 300.0)),
    ],
    links: [
        (kind: Accountability, from: "icb", to: "nhse"),
        (kind: Committee, from: "place", to: "icb"),
        (kind: Committee, from: "finance", to: "icb"),
        (kind: Commissioning, from: "icb", to: "council"),
    ],
)"#;

/// A SoRD of 40 rows as a spreadsheet saves it (CRLF, a byte-order mark, quoted cells);
/// rows 7, 19 and 33 of the data (file lines 8, 20 and 34) name bodies the model lacks.
fn forty_row_scheme() -> String {
    let mut text =
        String::from("\u{feff}Ref,Theme,Decision,Holder,Delegated to,Basis,Lead,Assurance\r\n");
    let takers = ["", "Bury Locality Committee", "finance", "", "QXX"];
    for row in 1..=40 {
        let taker = match row {
            7 => "Ashby Place Committee",
            19 => "Nowhere Trust",
            _ => takers[row % takers.len()],
        };
        let holder = if row == 33 {
            "NHS Elsewhere ICB"
        } else {
            "icb"
        };
        text.push_str(&format!(
            "{row}.0,Finance,\"Approve item {row}, \"\"as agreed\"\"\",{holder},{taker},SFIs,Chief Finance Officer,Monthly report\r\n"
        ));
    }
    text
}

#[test]
fn import_decisions_takes_37_of_40_rows_and_names_the_3_lines() {
    let dir = tempfile::tempdir().unwrap();
    let model = write(dir.path(), "vale.icsmap.ron", SCHEME_BODIES);
    let scheme = write(dir.path(), "sord.csv", &forty_row_scheme());
    let out = icsmap(&[
        "import-decisions",
        scheme.to_str().unwrap(),
        "--into",
        model.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "rows were skipped: {}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("imported 37 decisions") && stdout(&out).contains("lines 8, 20, 34"),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    for line in [8, 20, 34] {
        assert!(err.contains(&format!("sord.csv:{line}: ")), "{err}");
    }
    assert!(err.contains("“Nowhere Trust” names no body"), "{err}");
    let saved = icsmap::open(&model).unwrap();
    assert_eq!(saved.decisions.len(), 37);
    assert_eq!(saved.decisions[0].title, "Approve item 1, \"as agreed\"");
    assert_eq!(saved.decisions[0].taken_by.as_deref(), Some("place"));
    assert_eq!(saved.decisions[1].taken_by.as_deref(), Some("finance"));
    assert_eq!(
        saved.decisions[3].taken_by.as_deref(),
        Some("icb"),
        "by ODS code"
    );
    assert!(
        std::fs::read_to_string(&model)
            .unwrap()
            .contains("version: 2")
    );
    // Importing again adds with fresh ids rather than clashing.
    let again = icsmap(&[
        "import-decisions",
        scheme.to_str().unwrap(),
        "--into",
        model.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    let saved = icsmap::open(&model).unwrap();
    assert_eq!(saved.decisions.len(), 74);
    assert_eq!(saved.decisions[37].id, "approve-item-1-as-agreed-2");
}

#[test]
fn import_decisions_leaves_a_model_it_cannot_write_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    let model = write(&folder, "vale.icsmap.ron", SCHEME_BODIES);
    let scheme = write(dir.path(), "sord.csv", &forty_row_scheme());
    let before = std::fs::read(&model).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_icsmap"));
    command.args([
        "import-decisions",
        scheme.to_str().unwrap(),
        "--into",
        model.to_str().unwrap(),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        use std::os::unix::process::CommandExt as _;
        let mode = |m| std::fs::Permissions::from_mode(m);
        std::fs::set_permissions(dir.path(), mode(0o755)).unwrap();
        std::fs::set_permissions(&scheme, mode(0o644)).unwrap();
        std::fs::set_permissions(&model, mode(0o644)).unwrap();
        std::fs::set_permissions(&folder, mode(0o555)).unwrap();
        // The superuser writes into a read-only folder regardless: run as nobody then.
        if std::fs::write(folder.join("probe"), b"").is_ok() {
            std::fs::remove_file(folder.join("probe")).unwrap();
            command.uid(65534).gid(65534);
        }
    }
    let out = command.output().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is unchanged"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot save: you may not change this file"),
        "it failed on writing, not reading: {}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&model).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["vale.icsmap.ron".to_string()],
        "no temporary file left"
    );
}

#[test]
fn import_decisions_refuses_what_is_not_a_scheme_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let model = write(dir.path(), "vale.icsmap.ron", SCHEME_BODIES);
    let before = std::fs::read(&model).unwrap();
    let into = model.to_str().unwrap();
    // A folder, a file without the columns, a file of unknown bodies only.
    let out = icsmap(&[
        "import-decisions",
        dir.path().to_str().unwrap(),
        "--into",
        into,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    let bad = write(dir.path(), "bad.csv", "Name,Code\nA,B\n");
    let out = icsmap(&["import-decisions", bad.to_str().unwrap(), "--into", into]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.csv:1: "), "{}", stderr(&out));
    let none = write(dir.path(), "none.csv", "Decision,Holder\nA,Nobody\n");
    let out = icsmap(&["import-decisions", none.to_str().unwrap(), "--into", into]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("none.csv:2: "), "{}", stderr(&out));
    assert_eq!(std::fs::read(&model).unwrap(), before);
}

#[test]
fn decisions_prints_the_example_scheme_as_csv_and_markdown_one_row_per_decision() {
    let file = example("north-shire-decisions");
    let model = icsmap::open(Path::new(&file)).unwrap();
    let count = model.decisions.len();
    assert!(count >= 25);
    let csv = icsmap(&["decisions", &file, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "Theme",
            "Decision",
            "Holder",
            "Reserved or delegated",
            "Taken by",
            "Route",
            "Basis",
            "Lead",
            "Assurance",
            "Reference"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), count);
    let themes: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    let mut sorted = themes.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(themes, sorted, "sorted by theme");
    for theme in [
        "Finance",
        "Primary care",
        "Commissioning",
        "Workforce",
        "Quality",
    ] {
        assert!(themes.contains(&theme), "{theme}");
    }
    let md = icsmap(&["decisions", &file]);
    assert_eq!(md.status.code(), Some(0));
    assert_eq!(stdout(&md).lines().count(), count + 2);
}

#[test]
fn check_names_the_decisions_of_each_finding_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let text = SCHEME_BODIES.replace(
        "version: 1",
        "version: 2",
    ).replace(
        "    ],\n)",
        "    ],\n    decisions: [(id: \"budget\", title: \"Approve the budget\", holder: \"icb\", taken_by: \"council\")],\n)",
    );
    let file = write(dir.path(), "d.icsmap.ron", &text);
    let out = icsmap(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("(nodes: icb, council) (decisions: budget)"),
        "{}",
        stdout(&out)
    );
    let out = icsmap(&["check", file.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let x02 = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "X02")
        .unwrap();
    assert_eq!(x02["decisions"], serde_json::json!(["budget"]));
    assert_eq!(x02["nodes"], serde_json::json!(["icb", "council"]));
    let p03 = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "P03")
        .unwrap();
    assert_eq!(
        p03["decisions"],
        serde_json::json!([]),
        "a finding about no decision"
    );
}

#[test]
fn export_draws_the_decision_map_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = example("north-shire-decisions");
    let svg = dir.path().join("map.svg");
    let out = icsmap(&[
        "export",
        &file,
        "--view",
        "decisions",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(">Decisions<"), "the list's heading");
    assert!(
        text.contains("5 decisions"),
        "the tag of the primary care committee"
    );
    assert!(text.contains("Approve the annual financial plan and budgets"));
    let plain = dir.path().join("plain.svg");
    icsmap(&["export", &file, "-o", plain.to_str().unwrap()]);
    assert!(
        !std::fs::read_to_string(&plain)
            .unwrap()
            .contains(">Decisions<")
    );
    let png = dir.path().join("map.png");
    let out = icsmap(&[
        "export",
        &file,
        "--view",
        "decisions",
        "--scale",
        "1",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn check_shows_a_decision_to_a_partnership_one_with_no_route_and_one_with_no_assurance() {
    let file = format!(
        "{}/tests/fixtures/decisions/three-problems.icsmap.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = icsmap(&["check", &file]);
    assert_eq!(out.status.code(), Some(1), "X02 is an error");
    let text = stdout(&out);
    for (rule, decision) in [
        ("error[X02]", "(decisions: no-route)"),
        ("warning[X03]", "(decisions: to-partnership)"),
        ("warning[X04]", "(decisions: no-assurance)"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(rule) && l.ends_with(decision)),
            "{rule} {decision}:\n{text}"
        );
    }
}
