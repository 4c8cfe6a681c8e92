//! Load and save of generated models at 300 and 8,000 bodies (product.md budget: 5 ms and
//! 150 ms).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use icsmap::model::file::{load_path, load_str, save_path, to_canonical_string};
use icsmap::synthetic::system_of_size;

fn file_format(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for size in [300, 8_000] {
        let model = system_of_size(size);
        let text = to_canonical_string(&model);
        let path = dir.path().join(format!("bench-{size}.icsmap.ron"));
        save_path(&model, &path).expect("the bench model saves");

        let mut group = c.benchmark_group(format!("file/{size} nodes"));
        group.sample_size(if size > 1_000 { 20 } else { 100 });
        group.bench_function("load from text", |b| {
            b.iter(|| load_str(black_box(&text), Path::new("bench")).expect("loads"))
        });
        group.bench_function("load from disk", |b| {
            b.iter(|| load_path(black_box(&path)).expect("loads"))
        });
        group.bench_function("save to text", |b| {
            b.iter(|| to_canonical_string(black_box(&model)))
        });
        group.bench_function("save to disk (atomic, synced)", |b| {
            b.iter(|| save_path(black_box(&model), &path).expect("saves"))
        });
        group.finish();
    }
}

criterion_group!(benches, file_format);
criterion_main!(benches);
