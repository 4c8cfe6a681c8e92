//! Layout with routed lines (diagram.md, "Lines"; issue 11's budgets): auto-layout then the
//! scene with every line routed, at 300 bodies (budget 20 ms) and for the whole of England
//! as `import-ods` builds it (budget 1 s); routing alone; and what a drag costs in the
//! editor at 300 bodies: the scene built again after one body moved, re-routing only the
//! lines it touches (budget 10 ms), with care or as the draft a drag's frames draw.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use icsmap::export::{ExportOptions, export_scene};
use icsmap::layout::auto_layout;
use icsmap::model::{Model, Point};
use icsmap::route::Care;
use icsmap::scene::{self, SceneOptions, Style};
use icsmap::synthetic::system_of_size;

fn national() -> Option<Model> {
    use icsmap::ods::{ImportOptions, OdsFiles, import};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ods");
    if !dir.join("epcn-pcns.csv").exists() {
        eprintln!("the shared ODS files are not beside this checkout: England skipped");
        return None;
    }
    let files = OdsFiles::in_folder(&dir);
    import(&files, &ImportOptions::default(), &|_| {}).ok()
}

fn layout_and_routing(c: &mut Criterion, name: &str, model: &Model) {
    let mut group = c.benchmark_group(format!("routing/{name}"));
    group.sample_size(10);
    let options = ExportOptions::default();
    group.bench_function("auto-layout + scene with routed lines", |b| {
        b.iter(|| {
            let mut m = model.clone();
            auto_layout(black_box(&mut m));
            export_scene(&m, &options)
        })
    });
    // What the editor shows at once after auto-layout or opening the model, while its second
    // thread routes the lines with care (the bench above).
    let style = Style::print();
    group.bench_function("auto-layout + scene with drafted lines", |b| {
        b.iter(|| {
            let mut m = model.clone();
            auto_layout(black_box(&mut m));
            let mut drafting = SceneOptions::for_model(&m);
            drafting.lines = Care::Draft;
            scene::build(&m, &style, &drafting)
        })
    });
    let mut laid = model.clone();
    auto_layout(&mut laid);
    group.bench_function("scene with routed lines (laid out already)", |b| {
        b.iter(|| export_scene(black_box(&laid), &options))
    });
    group.finish();
}

fn drag(c: &mut Criterion) {
    let mut model = system_of_size(300);
    auto_layout(&mut model);
    let style = Style::print();
    let options = SceneOptions::for_model(&model);
    let before = scene::build(&model, &style, &options);
    // One body of the middle of the page nudged sideways, as one frame of a drag does.
    let n = model.nodes.len() / 2;
    let mut dragged = model.clone();
    let at = dragged.nodes[n].at;
    dragged.nodes[n].at = Point::new(at.x + 40.0, at.y + 20.0);
    let mut group = c.benchmark_group("routing/300 bodies, a drag");
    group.sample_size(20);
    group.bench_function(
        "scene after one body moved (re-routes what it touches)",
        |b| b.iter(|| scene::build_after(black_box(&dragged), &style, &options, &before)),
    );
    // What the editor does: each frame of the drag drafts the lines it touches, and the
    // frame after the drag routes them with care.
    let mut drafting = options.clone();
    drafting.lines = Care::Draft;
    group.bench_function("a frame of the drag (lines it touches drafted)", |b| {
        b.iter(|| scene::build_after(black_box(&dragged), &style, &drafting, &before))
    });
    let drafted = scene::build_after(&dragged, &style, &drafting, &before);
    group.bench_function("the frame after it (drafted lines routed with care)", |b| {
        b.iter(|| scene::build_after(black_box(&dragged), &style, &options, &drafted))
    });
    // The window's editor routes with care on a second thread: the frame after the drag
    // keeps the drafted lines and the worker does what the bench above measures.
    group.bench_function("the frame after it, care on a second thread", |b| {
        b.iter(|| {
            let shown = scene::build_after(black_box(&dragged), &style, &drafting, &drafted);
            // What the frame hands the worker: the model and the scene shown.
            let order = (dragged.clone(), shown.clone());
            (shown, order)
        })
    });
    // Opening the model, or any edit that moves most bodies: every line drafted at once
    // while the worker routes them with care (`scene from scratch`).
    group.bench_function("scene from scratch, lines drafted", |b| {
        b.iter(|| scene::build(black_box(&dragged), &style, &drafting))
    });
    group.bench_function("scene from scratch (for comparison)", |b| {
        b.iter(|| scene::build(black_box(&dragged), &style, &options))
    });
    group.finish();
}

fn routing(c: &mut Criterion) {
    layout_and_routing(c, "300 bodies", &system_of_size(300));
    drag(c);
    if let Some(england) = national() {
        eprintln!(
            "England: {} bodies, {} links",
            england.nodes.len(),
            england.links.len()
        );
        layout_and_routing(c, "England (import-ods, PCNs folded)", &england);
    }
}

criterion_group!(benches, routing);
criterion_main!(benches);
