//! Validation of generated models at 300 and 8,000 bodies (product.md budget: 1 ms and
//! 20 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use icsmap::rules::check;
use icsmap::synthetic::system_of_size;

fn validate(c: &mut Criterion) {
    for size in [300, 8_000] {
        let model = system_of_size(size);
        let mut group = c.benchmark_group(format!("rules/{size} nodes"));
        group.sample_size(if size > 1_000 { 30 } else { 100 });
        group.bench_function("check all rules", |b| b.iter(|| check(black_box(&model))));
        group.finish();
    }
}

criterion_group!(benches, validate);
criterion_main!(benches);
