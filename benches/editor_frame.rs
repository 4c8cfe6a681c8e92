//! One editor frame with the whole model in view: egui's run plus tessellation, headless
//! (product.md budget: 2 ms at 300 bodies, 16 ms at 8,000).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use icsmap::editor::{Document, Editor};
use icsmap::synthetic::system_of_size;

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        ..egui::RawInput::default()
    }
}

fn frame(c: &mut Criterion) {
    for size in [300, 8_000] {
        let ctx = egui::Context::default();
        let mut editor = Editor::new(&ctx, None);
        editor.set_document(Document::new(system_of_size(size), None));
        // Settle: fonts, the first fit, the scene cache.
        for _ in 0..3 {
            let output = ctx.run_ui(raw_input(), |ui| editor.show(ui));
            let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
        }
        let mut group = c.benchmark_group(format!("editor/{size} nodes"));
        group.sample_size(if size > 1_000 { 20 } else { 100 });
        group.bench_function("frame (run + tessellate), whole model in view", |b| {
            b.iter(|| {
                let output = ctx.run_ui(raw_input(), |ui| editor.show(ui));
                black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, frame);
criterion_main!(benches);
