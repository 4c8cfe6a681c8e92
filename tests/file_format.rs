//! The model file: every unreadable case of file-format.md gets one located message, and
//! nothing panics; what loads saves back canonically and atomically.

use std::path::Path;

use icsmap::model::file::{LoadError, MAX_FILE_BYTES, Problem, save_path, to_canonical_string};
use icsmap::model::{LinkKind, NodeKind, Tier};
use icsmap::{open as load_path, open_bytes as load_bytes};

const GOOD: &str = r#"// icsmap operating model
(
    format: "icsmap",
    version: 1,
    title: "Test system",
    nodes: [
        (
            id: "icb",
            kind: IntegratedCareBoard,
            name: "NHS Test ICB",
            at: (0.0, 0.0),
        ),
        (
            id: "region",
            kind: NhsEngland,
            name: "NHS England region",
            tier: Region,
            at: (0.0, -170.0),
        ),
    ],
    links: [
        (kind: Accountability, from: "icb", to: "region"),
    ],
)
"#;

fn load(text: &str) -> Result<icsmap::Model, LoadError> {
    icsmap::open_str(text, Path::new("test.icsmap.ron"))
}

/// Loads `text`, expects it refused, and returns the error after checking that its message
/// names the file and reads as one line.
fn refused(text: &str) -> LoadError {
    let err = match load(text) {
        Ok(_) => panic!("should have been refused:\n{text}"),
        Err(e) => e,
    };
    let message = err.to_string();
    assert!(message.starts_with("test.icsmap.ron"), "{message}");
    assert!(!message.contains('\n'), "one line: {message}");
    err
}

fn replaced(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from:?} not in the base text");
    GOOD.replacen(from, to, 1)
}

#[test]
fn the_base_text_loads() {
    let m = load(GOOD).unwrap();
    assert_eq!(m.nodes.len(), 2);
    assert_eq!(m.nodes[1].tier, Some(Tier::Region));
    assert_eq!(m.links[0].kind, LinkKind::Accountability);
}

#[test]
fn bom_crlf_comments_and_wrapped_options_load() {
    let crlf = format!("\u{FEFF}{}", GOOD.replace('\n', "\r\n"));
    assert_eq!(load(&crlf).unwrap(), load(GOOD).unwrap());
    let bom_bytes = [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
    assert_eq!(
        load_bytes(&bom_bytes, Path::new("x")).unwrap(),
        load(GOOD).unwrap()
    );
    let wrapped = replaced(
        "tier: Region,",
        "tier: Some(Region), short: Some(\"NHSE\"),",
    );
    let m = load(&wrapped).unwrap();
    assert_eq!(m.nodes[1].tier, Some(Tier::Region));
    assert_eq!(m.nodes[1].short, "NHSE");
}

#[test]
fn only_format_and_version_are_required() {
    let m = load("(format: \"icsmap\", version: 1)").unwrap();
    assert!(m.nodes.is_empty() && m.links.is_empty() && m.title.is_empty());
}

#[test]
fn a_node_without_at_is_placed() {
    let text = replaced("            at: (0.0, -170.0),\n", "");
    let m = load(&text).unwrap();
    let (a, b) = (m.nodes[0].at, m.nodes[1].at);
    assert!(a != b, "placed apart from the placed node");
    assert_eq!(load(&text).unwrap(), m, "placement is deterministic");
}

#[test]
fn empty_optional_text_and_dates_mean_absent() {
    let text = replaced(
        "name: \"NHS Test ICB\",",
        "name: \"NHS Test ICB\", short: \"\", valid_to: \"\", notes: \"\",",
    );
    let m = load(&text).unwrap();
    assert_eq!(m.nodes[0].valid_to, None);
    assert!(!to_canonical_string(&m).contains("valid_to"));
}

/// A malformed case: what it is, the text, the problem it must give, and the line it must
/// name (0: no line is known).
type Case = (&'static str, String, fn(&Problem) -> bool, usize);

fn malformed_cases() -> Vec<Case> {
    vec![
        (
            "not RON at all",
            "this is not a model".into(),
            |p| matches!(p, Problem::Syntax(_) | Problem::WrongType(_)),
            1,
        ),
        (
            "empty file",
            String::new(),
            |p| matches!(p, Problem::UnexpectedEnd(_) | Problem::Syntax(_)),
            1,
        ),
        (
            "unclosed list",
            GOOD.replace("    ],\n)", ")"),
            |p| {
                matches!(
                    p,
                    Problem::Syntax(_) | Problem::UnexpectedEnd(_) | Problem::WrongType(_)
                )
            },
            0,
        ),
        (
            "missing comma",
            replaced("name: \"NHS Test ICB\",", "name: \"NHS Test ICB\""),
            |p| matches!(p, Problem::Syntax(_)),
            11,
        ),
        (
            "unterminated string",
            replaced("\"NHS Test ICB\",", "\"NHS Test ICB,"),
            |p| {
                matches!(
                    p,
                    Problem::Syntax(_) | Problem::WrongType(_) | Problem::UnexpectedEnd(_)
                )
            },
            0,
        ),
        (
            "unknown node field",
            replaced(
                "            at: (0.0, 0.0),",
                "            shrt: \"typo\",\n            at: (0.0, 0.0),",
            ),
            |p| matches!(p, Problem::UnknownField { field, place: "a node", .. } if field == "shrt"),
            11,
        ),
        (
            "unknown top field",
            replaced("    title:", "    colour: \"red\",\n    title:"),
            |p| matches!(p, Problem::UnknownField { field, place: "the model", .. } if field == "colour"),
            5,
        ),
        (
            "unknown link field",
            replaced("to: \"region\")", "to: \"region\", weight: 3)"),
            |p| matches!(p, Problem::UnknownField { field, place: "a link", .. } if field == "weight"),
            22,
        ),
        (
            "wrong type: name is a number",
            replaced("name: \"NHS Test ICB\"", "name: 42"),
            |p| matches!(p, Problem::WrongType(_)),
            10,
        ),
        (
            "wrong type: at is a string",
            replaced("at: (0.0, 0.0)", "at: \"centre\""),
            |p| matches!(p, Problem::WrongType(_) | Problem::Syntax(_)),
            11,
        ),
        (
            "format is not icsmap",
            replaced("format: \"icsmap\"", "format: \"drawio\""),
            |p| matches!(p, Problem::NotAModel { found } if found.contains("drawio")),
            3,
        ),
        (
            "format missing",
            replaced("    format: \"icsmap\",\n", ""),
            |p| matches!(p, Problem::NotAModel { .. }),
            0,
        ),
        (
            "version missing",
            replaced("    version: 1,\n", ""),
            |p| matches!(p, Problem::MissingVersion),
            0,
        ),
        (
            "version not an integer",
            replaced("version: 1", "version: 1.5"),
            |p| matches!(p, Problem::VersionNotInteger { .. }),
            4,
        ),
        (
            "version is text",
            replaced("version: 1", "version: \"1\""),
            |p| matches!(p, Problem::VersionNotInteger { .. }),
            4,
        ),
        (
            "version newer",
            replaced("version: 1,", "version: 3,\n    palette: \"new\","),
            |p| matches!(p, Problem::NewerVersion { found, supported: 2 } if found == "3"),
            4,
        ),
        (
            "unknown node kind",
            replaced("kind: IntegratedCareBoard", "kind: HealthBoard"),
            |p| matches!(p, Problem::UnknownVariant { what: "node kind", found, .. } if found == "HealthBoard"),
            9,
        ),
        (
            "unknown link kind",
            replaced("kind: Accountability", "kind: Oversight"),
            |p| {
                matches!(
                    p,
                    Problem::UnknownVariant {
                        what: "link kind",
                        ..
                    }
                )
            },
            22,
        ),
        (
            "unknown tier",
            replaced("tier: Region", "tier: County"),
            |p| matches!(p, Problem::UnknownVariant { what: "tier", .. }),
            17,
        ),
        (
            "unknown maturity",
            replaced("tier: Region,", "tier: Region, maturity: Sleepy,"),
            |p| {
                matches!(
                    p,
                    Problem::UnknownVariant {
                        what: "maturity",
                        ..
                    }
                )
            },
            17,
        ),
        (
            "empty id",
            replaced("id: \"icb\"", "id: \"\""),
            |p| matches!(p, Problem::BadId { id } if id.is_empty()),
            8,
        ),
        (
            "id with a space",
            replaced("id: \"icb\"", "id: \"the icb\""),
            |p| matches!(p, Problem::BadId { id } if id == "the icb"),
            8,
        ),
        (
            "id too long",
            replaced("id: \"icb\"", &format!("id: \"{}\"", "x".repeat(65))),
            |p| matches!(p, Problem::BadId { .. }),
            8,
        ),
        (
            "repeated id",
            replaced("id: \"region\"", "id: \"icb\""),
            |p| matches!(p, Problem::DuplicateId { id, first: 0 } if id == "icb"),
            14,
        ),
        (
            "link to nowhere",
            replaced("to: \"region\"", "to: \"nhse\""),
            |p| matches!(p, Problem::UnknownEnd { link: 0, end: "to", id } if id == "nhse"),
            22,
        ),
        (
            "link from nowhere",
            replaced("from: \"icb\"", "from: \"ccg\""),
            |p| matches!(p, Problem::UnknownEnd { end: "from", .. }),
            22,
        ),
        (
            "link to itself",
            replaced("to: \"region\"", "to: \"icb\""),
            |p| matches!(p, Problem::SelfLink { link: 0, id } if id == "icb"),
            22,
        ),
        (
            "coordinate not finite",
            replaced("at: (0.0, 0.0)", "at: (inf, 0.0)"),
            |p| matches!(p, Problem::BadCoordinate { axis: "x", .. }),
            11,
        ),
        (
            "coordinate NaN",
            replaced("at: (0.0, 0.0)", "at: (0.0, NaN)"),
            |p| matches!(p, Problem::BadCoordinate { axis: "y", .. }),
            11,
        ),
        (
            "coordinate too far",
            replaced("at: (0.0, 0.0)", "at: (2000000.0, 0.0)"),
            |p| matches!(p, Problem::BadCoordinate { why, .. } if why.contains("1,000,000")),
            11,
        ),
        (
            "bad date",
            replaced(
                "title: \"Test system\",",
                "title: \"Test system\",\n    as_at: \"3 March 2026\",",
            ),
            |p| matches!(p, Problem::BadDate { field: "as_at", value } if value == "3 March 2026"),
            6,
        ),
        (
            "impossible date",
            replaced("tier: Region,", "tier: Region, valid_from: \"2023-02-29\","),
            |p| {
                matches!(
                    p,
                    Problem::BadDate {
                        field: "valid_from",
                        ..
                    }
                )
            },
            17,
        ),
        (
            "text too long",
            replaced(
                "name: \"NHS Test ICB\"",
                &format!("name: \"{}\"", "a".repeat(10_001)),
            ),
            |p| matches!(p, Problem::TextTooLong { length: 10_001, .. }),
            10,
        ),
        (
            "negative population",
            replaced("tier: Region,", "tier: Region, population: -5,"),
            |p| matches!(p, Problem::WrongType(_)),
            17,
        ),
        (
            "too deep",
            format!(
                "(format: \"icsmap\", version: 1, notes: {}{})",
                "[".repeat(200),
                "]".repeat(200)
            ),
            |p| matches!(p, Problem::TooDeep | Problem::WrongType(_)),
            1,
        ),
        (
            "funding amount not finite",
            replaced("to: \"region\")", "to: \"region\", amount: inf)"),
            |p| matches!(p, Problem::BadAmount { .. }),
            22,
        ),
        (
            "top level is a list",
            "[1, 2, 3]".into(),
            |p| matches!(p, Problem::WrongType(_) | Problem::Syntax(_)),
            1,
        ),
        (
            "trailing garbage",
            format!("{GOOD} extra"),
            |p| matches!(p, Problem::Syntax(_)),
            25,
        ),
    ]
}

#[test]
fn every_malformed_case_gets_its_own_located_message() {
    let cases = malformed_cases();
    assert!(cases.len() >= 25);
    for (what, text, expected, line) in cases {
        let err = refused(&text);
        assert!(expected(&err.problem), "{what}: got {:?}", err.problem);
        if line > 0 {
            assert_eq!(err.position.map(|p| p.0), Some(line), "{what}: {err}");
        }
    }
}

#[test]
fn a_newer_file_is_refused_as_such() {
    let text = replaced("version: 1,", "version: 3,\n    palette: \"new\",");
    assert_eq!(
        refused(&text).to_string(),
        "test.icsmap.ron:4:14: made by a newer version of icsmap: format 3; this version reads formats 1 and 2"
    );
}

#[test]
fn an_unknown_field_names_the_field_and_its_line() {
    let text = replaced(
        "            at: (0.0, 0.0),",
        "            shrt: \"typo\",\n            at: (0.0, 0.0),",
    );
    let message = refused(&text).to_string();
    assert!(
        message.starts_with("test.icsmap.ron:11:13: unknown field `shrt` in a node"),
        "{message}"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let mut bytes = GOOD.as_bytes().to_vec();
    let at = GOOD.find("NHS Test").unwrap();
    bytes[at] = 0xFF;
    let err = load_bytes(&bytes, Path::new("t.ron")).unwrap_err();
    assert_eq!(err.problem, Problem::NotUtf8 { byte: 0xFF });
    assert_eq!(err.position, Some((10, 20)));
}

#[test]
fn too_many_nodes_is_refused_before_parsing() {
    // 100,001 minimal nodes: refused by the count, whatever follows.
    let mut text = String::from("(format: \"icsmap\", version: 1, nodes: [");
    for _ in 0..100_001 {
        text.push_str("(),");
    }
    text.push_str("])");
    let err = refused(&text);
    assert!(
        matches!(
            err.problem,
            Problem::TooManyNodes {
                count: 100_001,
                limit: 100_000
            }
        ),
        "{err}"
    );
}

#[test]
fn an_oversized_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.icsmap.ron");
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: 70 MB by its size, nothing on disk.
    file.set_len(70_000_000).unwrap();
    let err = load_path(&path).unwrap_err();
    assert!(
        matches!(err.problem, Problem::FileTooLarge { size: 70_000_000, limit } if limit == MAX_FILE_BYTES),
        "{err}"
    );
}

#[test]
fn a_missing_file_says_so() {
    let err = load_path(Path::new("/no/such/folder/model.icsmap.ron")).unwrap_err();
    assert!(matches!(err.problem, Problem::Unreadable(_)));
    assert!(
        err.to_string()
            .starts_with("/no/such/folder/model.icsmap.ron: cannot read the file")
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // Cut the good text at every byte and flip bytes through it: every result is a value.
    for cut in 0..GOOD.len() {
        let _ = load_bytes(&GOOD.as_bytes()[..cut], Path::new("cut"));
    }
    let mut bytes = GOOD.as_bytes().to_vec();
    for i in (0..bytes.len()).step_by(3) {
        let saved = bytes[i];
        for b in [b'(', b')', b'"', b'\\', b'[', 0xC3, 0, b'/'] {
            bytes[i] = b;
            let _ = load_bytes(&bytes, Path::new("flip"));
        }
        bytes[i] = saved;
    }
}

#[test]
fn save_is_canonical_deterministic_and_atomic() {
    let model = load(GOOD).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.icsmap.ron");
    save_path(&model, &path).unwrap();
    let first = std::fs::read(&path).unwrap();
    save_path(&model, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(load_path(&path).unwrap(), model);
    let text = String::from_utf8(first).unwrap();
    assert!(text.starts_with("(\n    format: \"icsmap\",\n    version: 1,\n"));
    assert!(!text.contains("Some("));
}

#[test]
fn saving_into_a_missing_folder_fails_cleanly() {
    let model = load(GOOD).unwrap();
    let err = save_path(&model, Path::new("/no/such/folder/m.icsmap.ron")).unwrap_err();
    assert!(err.to_string().contains("cannot save"));
}

#[test]
fn kinds_and_links_survive_a_round_trip() {
    let mut model = icsmap::Model::new("All kinds");
    for (i, kind) in NodeKind::ALL.into_iter().enumerate() {
        model.nodes.push(
            icsmap::Node::new(format!("n{i}"), kind, kind.display_name()).at(i as f64 * 10.0, 0.0),
        );
    }
    for (i, kind) in LinkKind::ALL.into_iter().enumerate() {
        let mut link = icsmap::Link::new(kind, "n0", format!("n{}", i + 1));
        link.label = format!("label {i}");
        model.links.push(link);
    }
    let text = to_canonical_string(&model);
    assert_eq!(load(&text).unwrap(), model);
}

#[test]
fn a_large_file_without_positions_is_placed_within_the_limits() {
    let mut text = String::from("(format: \"icsmap\", version: 1, nodes: [");
    for i in 0..20_000 {
        text.push_str(&format!(
            "(id: \"gp{i}\", kind: GpPractice, name: \"Practice {i}\"),"
        ));
    }
    text.push_str("])");
    let model = load(&text).unwrap();
    let reloaded = load(&to_canonical_string(&model)).unwrap();
    assert_eq!(reloaded, model);
    let mut spots: Vec<(i64, i64)> = model
        .nodes
        .iter()
        .map(|n| (n.at.x as i64, n.at.y as i64))
        .collect();
    spots.sort_unstable();
    spots.dedup();
    assert_eq!(spots.len(), 20_000, "every body has a place of its own");
}

/// GOOD as format 2: the region holds the ICB as a folded group, the link bends, and one
/// decision is delegated.
fn format_2() -> String {
    GOOD.replace("version: 1,", "version: 2,")
        .replacen(
            "            at: (0.0, 0.0),",
            "            within: \"region\",\n            at: (0.0, 0.0),",
            1,
        )
        .replacen(
            "            tier: Region,",
            "            tier: Region,\n            collapsed: true,",
            1,
        )
        .replace(
            "(kind: Accountability, from: \"icb\", to: \"region\"),",
            "(kind: Accountability, from: \"icb\", to: \"region\", via: [(10.0, -50.0), (10.0, -120.0)]),",
        )
        .replace(
            "    ],\n)",
            "    ],\n    decisions: [\n        (\n            id: \"budget\",\n            title: \"Approve the budget\",\n            holder: \"icb\",\n            taken_by: \"region\",\n        ),\n    ],\n)",
        )
}

#[test]
fn a_format_2_file_loads_and_saves_as_format_2() {
    let text = format_2();
    let m = load(&text).unwrap();
    assert_eq!(m.nodes[0].within.as_deref(), Some("region"));
    assert!(m.nodes[1].collapsed);
    assert_eq!(m.links[0].via.len(), 2);
    assert_eq!(m.decisions[0].taken_by.as_deref(), Some("region"));
    assert_eq!(m.format_version(), 2);
    let saved = to_canonical_string(&m);
    assert!(saved.contains("    version: 2,\n"), "{saved}");
    assert!(saved.contains("            within: \"region\",\n            at: (0.0, 0.0),"));
    assert!(saved.contains(", via: [(10.0, -50.0), (10.0, -120.0)]),"));
    assert_eq!(load(&saved).unwrap(), m);
}

#[test]
fn a_model_that_uses_nothing_of_format_2_is_saved_as_format_1() {
    let mut m = load(&format_2()).unwrap();
    m.nodes[0].within = None;
    m.nodes[1].collapsed = false;
    m.links[0].via.clear();
    m.decisions.clear();
    let saved = to_canonical_string(&m);
    assert!(saved.contains("    version: 1,\n"), "{saved}");
    assert!(!saved.contains("decisions"));
    assert_eq!(saved, to_canonical_string(&load(GOOD).unwrap()));
}

#[test]
fn format_2_mistakes_are_located() {
    let f2 = format_2();
    let cases: Vec<Case> = vec![
        (
            "within in a format-1 file",
            f2.replace("version: 2,", "version: 1,"),
            |p| matches!(p, Problem::NeedsFormat2 { field: "within" }),
            11,
        ),
        (
            "decisions in a format-1 file",
            GOOD.replace("    ],\n)", "    ],\n    decisions: [],\n)"),
            |p| matches!(p, Problem::NeedsFormat2 { field: "decisions" }),
            0,
        ),
        (
            "within names no body",
            f2.replace("within: \"region\"", "within: \"nowhere\""),
            |p| matches!(p, Problem::UnknownGroup { group, .. } if group == "nowhere"),
            11,
        ),
        (
            "within itself",
            f2.replace("within: \"region\"", "within: \"icb\""),
            |p| matches!(p, Problem::GroupCycle { .. }),
            11,
        ),
        (
            "within loop",
            f2.replace(
                "            collapsed: true,",
                "            collapsed: true,\n            within: \"icb\",",
            ),
            |p| matches!(p, Problem::GroupCycle { path, .. } if path.contains("icb") && path.contains("region")),
            0,
        ),
        (
            "bend beyond the limit",
            f2.replace("(10.0, -120.0)", "(10.0, -1e9)"),
            |p| matches!(p, Problem::BadBend { axis: "y", .. }),
            0,
        ),
        (
            "decision holder names no body",
            f2.replace("holder: \"icb\"", "holder: \"ccg\""),
            |p| matches!(p, Problem::UnknownDecisionBody { field: "holder", id, .. } if id == "ccg"),
            30,
        ),
        (
            "decision taken_by names no body",
            f2.replace("taken_by: \"region\"", "taken_by: \"place\""),
            |p| {
                matches!(
                    p,
                    Problem::UnknownDecisionBody {
                        field: "taken_by",
                        ..
                    }
                )
            },
            31,
        ),
        (
            "repeated decision id",
            f2.replace(
                "    ],\n)",
                "        (id: \"budget\", title: \"Again\", holder: \"icb\"),\n    ],\n)",
            ),
            |p| matches!(p, Problem::DuplicateDecisionId { first: 0, .. }),
            33,
        ),
    ];
    for (what, text, expected, line) in cases {
        let err = refused(&text);
        assert!(expected(&err.problem), "{what}: got {:?}", err.problem);
        assert!(err.position.is_some(), "{what}: not located: {err}");
        if line > 0 {
            assert_eq!(
                err.position.map(|p| p.0),
                Some(line),
                "{what}: {err}\n{text}"
            );
        }
    }
}
