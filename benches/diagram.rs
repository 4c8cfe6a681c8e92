//! The diagram at scale: auto-layout (budget: 20 ms at 300 bodies, 1 s at 8,000) and PNG
//! export of an A3 page at 300 dpi (4,961 × 3,508 pixels; budget 1 s at 300 bodies, 5 s at
//! 8,000) and as PDF.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use icsmap::export::{ExportOptions, Format, PageSpec, Paper, prepare, render_prepared};
use icsmap::layout::auto_layout;
use icsmap::synthetic::system_of_size;

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
            scale: ExportOptions::scale_for_dpi(300.0),
            page: Some(PageSpec::new(Paper::A3)),
            ..ExportOptions::default()
        };
        for (what, format) in [
            ("scene + PNG, A3 at 300 dpi", Format::Png),
            ("scene + PDF, A3", Format::Pdf),
        ] {
            group.bench_function(what, |b| {
                b.iter(|| {
                    let prepared = prepare(black_box(&model), &options).expect("fits");
                    render_prepared(&prepared, format, &options).expect("renders")
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, diagram);
criterion_main!(benches);
