//! The diagram at scale: auto-layout (budget: 20 ms at 300 bodies, 1 s at 8,000) and PNG
//! export of an A3 page at 300 dpi (about 4,960 × 3,508 pixels; budget 1 s at 300 bodies,
//! 5 s at 8,000).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use icsmap::export::{ExportOptions, export_scene, png_bytes};
use icsmap::layout::auto_layout;
use icsmap::synthetic::system_of_size;

/// The scale at which the scene's longer side fills an A3 page's longer side at 300 dpi.
fn a3_scale(model: &icsmap::Model) -> f32 {
    let scene = export_scene(model, &ExportOptions::default());
    let longest = scene.bounds.width().max(scene.bounds.height()) + 2.0 * icsmap::export::MARGIN;
    4_960.0 / longest
}

fn diagram(c: &mut Criterion) {
    for size in [300, 8_000] {
        let model = system_of_size(size);
        let mut group = c.benchmark_group(format!("diagram/{size} nodes"));
        group.sample_size(10);
        group.bench_function("auto-layout", |b| {
            b.iter(|| {
                let mut m = model.clone();
                auto_layout(black_box(&mut m));
                m
            })
        });
        let options = ExportOptions {
            scale: a3_scale(&model),
            ..ExportOptions::default()
        };
        group.bench_function("scene + PNG, A3 at 300 dpi", |b| {
            b.iter(|| {
                let scene = export_scene(black_box(&model), &options);
                png_bytes(&scene, options.scale, false).expect("renders")
            })
        });
        group.finish();
    }
}

criterion_group!(benches, diagram);
criterion_main!(benches);
