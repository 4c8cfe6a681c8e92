//! The readability measures (diagram.md, "How readability is measured") held on the example
//! models and on the test systems written from public information, after `icsmap layout`:
//! no line through a box, no two unrelated lines on top of each other, a printable page.

use std::path::Path;

use icsmap::export::{ExportOptions, export_scene};
use icsmap::route::measure_scene;

fn laid_out_figures(dir: &str) -> Vec<(String, icsmap::route::Readability)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".icsmap.ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let mut model = icsmap::open(&path).unwrap();
            icsmap::layout::auto_layout(&mut model);
            let scene = export_scene(&model, &ExportOptions::default());
            (path.display().to_string(), measure_scene(&scene))
        })
        .collect()
}

/// Through-box 0, overlaps 0, a printable page, and no more crossings than the README's
/// table gives for each file (`most_crossings`, by the file's name).
fn assert_readable(dir: &str, most_crossings: &[(&str, usize)]) {
    let figures = laid_out_figures(dir);
    assert_eq!(
        figures.len(),
        most_crossings.len(),
        "a figure for each file"
    );
    for (file, m) in figures {
        assert_eq!(m.through_box, 0, "{file}: {m}");
        assert_eq!(m.overlaps, 0, "{file}: {m}");
        assert!(m.printable(), "{file}: {m}");
        let (_, most) = most_crossings
            .iter()
            .find(|(name, _)| file.ends_with(&format!("{name}.icsmap.ron")))
            .unwrap_or_else(|| panic!("{file}: no figure in the table"));
        assert!(
            m.crossings <= *most,
            "{file}: {m}; the README table has {most}"
        );
    }
}

#[test]
fn example_models_read_cleanly_after_layout() {
    assert_readable(
        "models",
        &[
            ("figure1-operating-model", 19),
            ("good-practice", 0),
            ("icb-delegated-places", 28),
            ("north-shire-decisions", 5),
        ],
    );
}

/// About 50 seconds in a debug build: each layout routes eight variants for 33–44 bodies and
/// then the swaps it tries.
#[test]
fn test_systems_read_cleanly_after_layout() {
    assert_readable(
        "tests/systems",
        &[
            ("cheshire-merseyside-collaboratives", 27),
            ("gm-devolution", 106),
            ("norfolk-waveney-places", 58),
        ],
    );
}

#[test]
fn layout_is_deterministic_byte_for_byte() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/icb-delegated-places.icsmap.ron");
    let mut a = icsmap::open(&path).unwrap();
    let mut b = a.clone();
    icsmap::layout::auto_layout(&mut a);
    icsmap::layout::auto_layout(&mut b);
    assert_eq!(
        icsmap::model::file::to_canonical_string(&a),
        icsmap::model::file::to_canonical_string(&b)
    );
}

/// NHS Greater Manchester ICB (QOP) imported from the shared ODS files, as `import-ods`
/// lays it out: routed cleanly on a printable page, and on A4 the readability guard names
/// a larger page that would print it readably (skipped where the files are not beside the
/// checkout).
#[test]
fn greater_manchester_import_reads_cleanly_and_fits_a_named_page() {
    use icsmap::export::{PageSpec, Paper, prepare};
    use icsmap::ods::{ImportOptions, OdsFiles};
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(dir) = [
        here.join("../shared/data/ods"),
        here.join("../../shared/data/ods"),
    ]
    .into_iter()
    .find(|d| d.join("epcn-pcns.csv").exists()) else {
        eprintln!("the shared ODS files are not beside this checkout: skipped");
        return;
    };
    let files = OdsFiles::in_folder(&dir);
    let options = ImportOptions {
        icbs: vec!["QOP".to_string()],
        as_at: None,
    };
    let model = icsmap::ods::import(&files, &options, &|_| {}).unwrap();
    let m = measure_scene(&export_scene(&model, &ExportOptions::default()));
    assert_eq!((m.through_box, m.overlaps), (0, 0), "{m}");
    assert!(m.printable(), "{m}");
    let on_a4 = ExportOptions {
        page: Some(PageSpec::new(Paper::A4)),
        ..ExportOptions::default()
    };
    let guard = prepare(&model, &on_a4)
        .unwrap()
        .readability(&on_a4, 6.0)
        .expect("too small on A4");
    let (paper, pt) = guard.larger.expect("a page that would do");
    assert!(pt >= 6.0, "{paper}: {pt}");
}

/// A small model without links: every routing the swaps try searches nothing, and the
/// swaps still end (each routing costs the budget something), with every body in a place of
/// its own.
#[test]
fn a_small_model_without_links_is_laid_out() {
    let mut model = icsmap::Model::default();
    for i in 0..60 {
        let mut node = icsmap::model::Node::new(
            format!("gp{i}"),
            icsmap::model::NodeKind::GpPractice,
            format!("Practice {i}"),
        );
        node.at = icsmap::model::Point::new(0.0, 0.0);
        model.nodes.push(node);
    }
    icsmap::layout::auto_layout(&mut model);
    let mut spots: Vec<(i64, i64)> = model
        .nodes
        .iter()
        .map(|n| (n.at.x as i64, n.at.y as i64))
        .collect();
    spots.sort_unstable();
    spots.dedup();
    assert_eq!(spots.len(), 60, "every body has a place of its own");
}
