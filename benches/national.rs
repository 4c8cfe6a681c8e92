//! The national model built from the shared ODS files (about 8,000 bodies and 16,000 links):
//! the reference for the performance budgets in product.md, with board-paper exports of it
//! and of one ICB (QOP). Skipped, with a note, where the
//! shared files are not beside this checkout.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use icsmap::editor::{Document, Editor};
use icsmap::export::{ExportOptions, Format, PageSpec, Paper, prepare, render_prepared};
use icsmap::model::file::{load_str, to_canonical_string};
use icsmap::ods::{ImportOptions, OdsFiles, import};

fn national(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ods");
    if !dir.join("epcn-pcns.csv").exists() {
        eprintln!("the shared ODS files are not beside this checkout: national benches skipped");
        return;
    }
    let files = OdsFiles::in_folder(&dir);
    let mut group = c.benchmark_group("national model");
    group.sample_size(10);
    group.bench_function("import all of England from the ODS files", |b| {
        b.iter(|| import(black_box(&files), &ImportOptions::default(), &|_| {}).expect("imports"))
    });
    let model = import(&files, &ImportOptions::default(), &|_| {}).expect("imports");
    eprintln!(
        "national model: {} bodies, {} links",
        model.nodes.len(),
        model.links.len()
    );
    let text = to_canonical_string(&model);
    group.bench_function("load", |b| {
        b.iter(|| load_str(black_box(&text), Path::new("national")).expect("loads"))
    });
    group.bench_function("save (canonical text)", |b| {
        b.iter(|| to_canonical_string(black_box(&model)))
    });
    group.bench_function("validate all rules", |b| {
        b.iter(|| icsmap::rules::check(black_box(&model)))
    });
    group.bench_function("auto-layout", |b| {
        b.iter(|| {
            let mut m = model.clone();
            icsmap::layout::auto_layout(&mut m);
            m
        })
    });
    // Board-paper exports: an A3 page, as PNG at 300 dpi and as PDF, of the whole of England
    // (unfolded) and of one ICB (QOP, Greater Manchester).
    let a3 = ExportOptions {
        scale: ExportOptions::scale_for_dpi(300.0),
        page: Some(PageSpec::new(Paper::A3)),
        ..ExportOptions::default()
    };
    let qop = import(
        &files,
        &ImportOptions {
            icbs: vec!["QOP".into()],
            ..ImportOptions::default()
        },
        &|_| {},
    )
    .expect("imports QOP");
    for (what, m) in [("", &model), ("QOP: ", &qop)] {
        for (kind, format) in [
            ("PNG, A3 at 300 dpi", Format::Png),
            ("PDF, A3", Format::Pdf),
        ] {
            group.bench_function(format!("{what}export {kind}"), |b| {
                b.iter(|| {
                    let prepared = prepare(black_box(m), &a3).expect("fits");
                    render_prepared(&prepared, format, &a3).expect("renders")
                })
            });
        }
    }
    let ctx = egui::Context::default();
    let mut editor = Editor::new(&ctx, None);
    editor.set_document(Document::new(model, None));
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..egui::RawInput::default()
    };
    for _ in 0..3 {
        let output = ctx.run_ui(input(), |ui| editor.show(ui));
        let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    }
    group.bench_function("editor frame, whole model in view", |b| {
        b.iter(|| {
            let output = ctx.run_ui(input(), |ui| editor.show(ui));
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
        })
    });
    group.finish();
}

criterion_group!(benches, national);
criterion_main!(benches);
