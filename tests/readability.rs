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

/// About five seconds in a debug build (eight layout variants, each routed, for 33–44
/// bodies).
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
