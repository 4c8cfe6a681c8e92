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

fn assert_readable(dir: &str) {
    for (file, m) in laid_out_figures(dir) {
        assert_eq!(m.through_box, 0, "{file}: {m}");
        assert_eq!(m.overlaps, 0, "{file}: {m}");
        assert!(m.printable(), "{file}: {m}");
    }
}

#[test]
fn example_models_read_cleanly_after_layout() {
    assert_readable("models");
}

/// About 25 seconds in a debug build: each layout routes eight variants for 33–44 bodies and
/// then every swap it tries.
#[test]
fn test_systems_read_cleanly_after_layout() {
    assert_readable("tests/systems");
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
