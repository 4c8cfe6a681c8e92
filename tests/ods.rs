//! Importing from NHS ODS files: small fixtures cut from the shared files (tests/fixtures/ods),
//! their quirks, refusals, and the counts of the full shared files.

use std::path::{Path, PathBuf};
use std::process::Command;

use icsmap::model::{LinkKind, Model, NodeKind};
use icsmap::ods::{self, ImportOptions, OdsFiles};

fn fixtures() -> OdsFiles {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ods");
    OdsFiles::in_folder(&dir)
}

fn import(files: &OdsFiles, icbs: &[&str]) -> Model {
    let options = ImportOptions {
        icbs: icbs.iter().map(|s| s.to_string()).collect(),
        as_at: None,
    };
    ods::import(files, &options, &|_| {}).unwrap()
}

fn count(m: &Model, kind: NodeKind) -> usize {
    m.nodes.iter().filter(|n| n.kind == kind).count()
}

fn has_link(m: &Model, kind: LinkKind, from: &str, to: &str) -> bool {
    m.links
        .iter()
        .any(|l| l.kind == kind && l.from == from && l.to == to)
}

#[test]
fn the_fixture_becomes_a_model_a_strategy_lead_would_recognise() {
    let m = import(&fixtures(), &["QOP"]);
    assert_eq!(m.title, "NHS Greater Manchester ICB");
    assert_eq!(count(&m, NodeKind::IntegratedCareBoard), 1);
    assert_eq!(count(&m, NodeKind::NhsEngland), 1);
    assert_eq!(
        count(&m, NodeKind::Committee),
        1,
        "sub-ICB location 00T as a place"
    );
    assert_eq!(
        count(&m, NodeKind::PrimaryCareNetwork),
        9,
        "the open PCNs of 00T"
    );
    assert_eq!(count(&m, NodeKind::NhsTrust), 4, "open trusts under QOP");
    let icb = m.node("qop").unwrap();
    assert_eq!(icb.ods_code, "QOP");
    assert!(has_link(&m, LinkKind::Accountability, "qop", "y62"));
    assert_eq!(m.node("y62").unwrap().name, "NHS England North West");
    assert!(has_link(&m, LinkKind::Committee, "00t", "qop"));
    // Every PCN sits in its place and is commissioned by the ICB; every practice is a member
    // of its PCN and holds a GP contract with the ICB.
    for pcn in m
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::PrimaryCareNetwork)
    {
        assert!(
            has_link(&m, LinkKind::Membership, &pcn.id, "00t"),
            "{}",
            pcn.id
        );
        assert!(has_link(&m, LinkKind::Commissioning, "qop", &pcn.id));
        assert!(pcn.name.ends_with("PCN"), "{}", pcn.name);
    }
    for gp in m.nodes.iter().filter(|n| n.kind == NodeKind::GpPractice) {
        assert!(
            has_link(&m, LinkKind::Commissioning, "qop", &gp.id),
            "{}",
            gp.id
        );
        assert!(
            m.links
                .iter()
                .any(|l| l.kind == LinkKind::Membership && l.from == gp.id),
            "{} has a PCN",
            gp.id
        );
    }
    // Names read as people write them.
    assert!(m.nodes.iter().any(|n| n.name == "Horwich Network PCN"));
    assert!(
        m.nodes
            .iter()
            .all(|n| n.name != n.name.to_uppercase() || n.name.len() <= 4),
        "no name left in capitals"
    );
    // Closed trusts and non-GP settings are left out; laid out; it checks without errors.
    assert!(m.node("rm2").is_none() && m.node("a99978").is_none());
    // Laid out: every box drawn has a place of its own, and so has every member within its
    // group (a folded PCN's practices unfold around it).
    let view = icsmap::view::View::new(&m);
    let distinct = |bodies: Vec<usize>| {
        let places: std::collections::HashSet<(i64, i64)> = bodies
            .iter()
            .map(|&n| (m.nodes[n].at.x as i64, m.nodes[n].at.y as i64))
            .collect();
        places.len() == bodies.len()
    };
    assert!(distinct(view.drawing_order().to_vec()));
    for g in 0..m.nodes.len() {
        assert!(distinct(view.members(g).to_vec()), "{}", m.nodes[g].id);
    }
    let (errors, _, _) = icsmap::rules::tally(&icsmap::rules::check(&m));
    assert_eq!(errors, 0);
}

#[test]
fn a_practice_in_a_pcn_of_another_place_follows_its_pcn() {
    let m = import(&fixtures(), &["QK1"]);
    // Groby Road's own sub-ICB location is 04C; its PCN (G3) is in 03W.
    assert!(has_link(&m, LinkKind::Membership, "c82005", "u87499"));
    assert!(has_link(&m, LinkKind::Membership, "u87499", "03w"));
    assert!(
        m.node("c82005")
            .unwrap()
            .name
            .starts_with("Groby Road Medical Centre (")
    );
    // A sub-ICB location whose practices are not in the files still finds its ICB by name.
    assert!(has_link(&m, LinkKind::Committee, "03w", "qk1"));
}

#[test]
fn all_of_england_leaves_wales_out() {
    let m = import(&fixtures(), &[]);
    assert_eq!(count(&m, NodeKind::IntegratedCareBoard), 2);
    assert!(
        m.nodes.iter().all(|n| !n.ods_code.starts_with("A9102")),
        "Welsh practices are out"
    );
    assert_eq!(import(&fixtures(), &[]), m, "deterministic");
}

#[test]
fn bom_and_crlf_files_give_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let plain = fixtures();
    let convert = |p: &Option<PathBuf>| -> Option<PathBuf> {
        let p = p.as_ref()?;
        let text = std::fs::read_to_string(p).unwrap().replace('\n', "\r\n");
        let out = dir.path().join(p.file_name().unwrap());
        std::fs::write(&out, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
        Some(out)
    };
    let windows = OdsFiles {
        pcns: convert(&plain.pcns),
        partners: convert(&plain.partners),
        practices: convert(&plain.practices),
        trusts: convert(&plain.trusts),
    };
    assert_eq!(import(&windows, &["QOP"]), import(&plain, &["QOP"]));
}

#[test]
fn any_file_may_be_left_out() {
    let mut only_pcns = fixtures();
    only_pcns.partners = None;
    only_pcns.practices = None;
    only_pcns.trusts = None;
    let m = import(&only_pcns, &[]);
    assert_eq!(count(&m, NodeKind::PrimaryCareNetwork), 11);
    assert_eq!(count(&m, NodeKind::GpPractice), 0);
    let mut no_trusts = fixtures();
    no_trusts.trusts = None;
    assert_eq!(count(&import(&no_trusts, &["QOP"]), NodeKind::NhsTrust), 0);
}

#[test]
fn a_file_that_is_not_what_it_should_be_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = fixtures();
    // The PCN list given where the practices should be: too few fields for that layout.
    files.practices = files.pcns.clone();
    let err = ods::import(&files, &ImportOptions::default(), &|_| {}).unwrap_err();
    assert!(
        err.to_string().contains("epcn-pcns.csv:1:") && err.to_string().contains("GP practices"),
        "{err}"
    );
    // A header without the column that matters.
    let bad = dir.path().join("pcns.csv");
    std::fs::write(&bad, "PCN Code,PCN Name,Somewhere\nU1,A PCN,X\n").unwrap();
    let files = OdsFiles {
        pcns: Some(bad.clone()),
        ..OdsFiles::default()
    };
    let err = ods::import(&files, &ImportOptions::default(), &|_| {}).unwrap_err();
    assert_eq!(err.line, Some(1));
    assert!(err.what.contains("Current Sub ICB Loc Code"), "{err}");
    // A bad date names its line.
    std::fs::write(&bad, "PCN Code,PCN Name,Current Sub ICB Loc Code,Sub ICB Location,Open Date,Close Date\nU1,A PCN,00T,X,2019-10-01,\n").unwrap();
    let err = ods::import(&files, &ImportOptions::default(), &|_| {}).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.what.contains("YYYYMMDD"));
    // Not text at all.
    std::fs::write(&bad, [0xFFu8, 0xFE, 0x00, 0x41, b'\n', b'"']).unwrap();
    assert!(ods::import(&files, &ImportOptions::default(), &|_| {}).is_err());
}

fn icsmap_cmd(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_icsmap"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_writes_nothing_on_an_error_and_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.icsmap.ron");
    let f = fixtures();
    let path = |p: &Option<PathBuf>| p.as_ref().unwrap().to_str().unwrap().to_string();
    let ok = icsmap_cmd(&[
        "import-ods",
        "--pcns",
        &path(&f.pcns),
        "--partners",
        &path(&f.partners),
        "--practices",
        &path(&f.practices),
        "--trusts",
        &path(&f.trusts),
        "--icb",
        "QOP",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(icsmap::open(&out).is_ok());
    let check = icsmap_cmd(&["check", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0));

    let bad = dir.path().join("bad.icsmap.ron");
    let wrong = icsmap_cmd(&[
        "import-ods",
        "--practices",
        &path(&f.pcns),
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).starts_with("error: "));
    assert!(!bad.exists(), "nothing written");
    let unknown = icsmap_cmd(&[
        "import-ods",
        "--pcns",
        &path(&f.pcns),
        "--practices",
        &path(&f.practices),
        "--icb",
        "QZZ",
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(!bad.exists());
    let help = String::from_utf8_lossy(&icsmap_cmd(&["import-ods", "--help"]).stdout).into_owned();
    for option in [
        "--pcns",
        "--partners",
        "--practices",
        "--trusts",
        "--icb",
        "--as-at",
        "--output",
    ] {
        assert!(help.contains(option), "{option}");
    }
}

/// The shared ODS files, where this checkout has them beside it (CI does).
fn shared() -> Option<OdsFiles> {
    // Beside the checkout, or beside the folder of work trees it sits in.
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = [
        here.join("../shared/data/ods"),
        here.join("../../shared/data/ods"),
    ]
    .into_iter()
    .find(|d| d.join("epcn-pcns.csv").exists())?;
    Some(OdsFiles::in_folder(&dir))
}

#[test]
fn the_full_shared_files_give_the_published_counts() {
    let Some(files) = shared() else {
        eprintln!("the shared ODS files are not beside this checkout: skipped");
        return;
    };
    // Counted independently from the CSV files: PCNs without a close date; practices that
    // are active GP practices (status A, prescribing setting 4, no close date) of QOP or
    // members of its open PCNs.
    let england = import(&files, &[]);
    assert_eq!(count(&england, NodeKind::PrimaryCareNetwork), 1_264);
    assert_eq!(count(&england, NodeKind::IntegratedCareBoard), 42);
    assert_eq!(
        count(&england, NodeKind::Committee),
        106,
        "sub-ICB locations"
    );
    assert_eq!(count(&england, NodeKind::NhsEngland), 7);
    assert!(
        england.nodes.len() > 7_500 && england.nodes.len() < 8_500,
        "{}",
        england.nodes.len()
    );
    let qop = import(&files, &["QOP"]);
    assert_eq!(count(&qop, NodeKind::PrimaryCareNetwork), 65);
    assert_eq!(count(&qop, NodeKind::GpPractice), 417);
    assert_eq!(count(&qop, NodeKind::Committee), 10);
    assert!(
        ods::list_icbs(&files)
            .unwrap()
            .iter()
            .any(|(code, name)| code == "QOP" && name == "NHS Greater Manchester ICB")
    );
}

#[test]
fn practices_sit_in_their_pcn_and_pcns_in_their_place_folded() {
    use icsmap::view::{Role, Shown, View};
    let m = import(&fixtures(), &["QOP"]);
    let view = View::new(&m);
    for (i, node) in m.nodes.iter().enumerate() {
        match node.kind {
            NodeKind::PrimaryCareNetwork => {
                let place = node.within.as_deref().expect("a PCN sits in its place");
                assert!(has_link(&m, LinkKind::Membership, &node.id, place));
                assert_eq!(m.node(place).unwrap().kind, NodeKind::Committee);
                if !view.members(i).is_empty() {
                    assert!(node.collapsed, "{} folded", node.id);
                    assert_eq!(view.role(i), Role::Folded);
                }
            }
            NodeKind::GpPractice => {
                let pcn = node.within.as_deref().expect("a practice sits in its PCN");
                assert!(has_link(&m, LinkKind::Membership, &node.id, pcn));
                let pcn = m.node_position(pcn).unwrap();
                assert_eq!(view.shown(i), Shown::HiddenIn(pcn));
            }
            _ => assert_eq!(node.within, None, "{}", node.id),
        }
    }
    // What reads on the page: the ICB, its places and PCNs, trusts; no practice.
    let shown = (0..m.nodes.len())
        .filter(|&i| view.shown(i) == Shown::Visible)
        .count();
    assert_eq!(
        shown,
        m.nodes.len() - count(&m, NodeKind::GpPractice),
        "every practice folded into its PCN"
    );
    let text = icsmap::model::file::to_canonical_string(&m);
    assert!(text.contains("version: 2"), "groups need format 2");
}
