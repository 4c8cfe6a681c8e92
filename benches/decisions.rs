//! Routes and rules for 1,000 decisions on the national model (product.md: validation runs
//! after every edit, within 20 ms on the largest model). The national model is built from
//! the shared ODS files as in `national.rs` (from `../shared/data/ods`, or the folder
//! `ICSMAP_ODS_DIR` names); skipped, with a note, where they are absent.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use icsmap::decisions::Routes;
use icsmap::model::{Decision, ModelIndex, NodeKind};
use icsmap::ods::{ImportOptions, OdsFiles, import};

fn decisions(c: &mut Criterion) {
    let dir = std::env::var_os("ICSMAP_ODS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ods"),
        std::path::PathBuf::from,
    );
    if !dir.join("epcn-pcns.csv").exists() {
        eprintln!("the shared ODS files are not beside this checkout: decision benches skipped");
        return;
    }
    let files = OdsFiles::in_folder(&dir);
    let mut model = import(&files, &ImportOptions::default(), &|_| {}).expect("imports");
    model.decisions = spread_decisions(&model);
    eprintln!(
        "national model: {} bodies, {} links, {} decisions",
        model.nodes.len(),
        model.links.len(),
        model.decisions.len()
    );
    let mut group = c.benchmark_group("decisions on the national model");
    group.sample_size(20);
    group.bench_function("routes of 1,000 decisions", |b| {
        b.iter(|| {
            let index = ModelIndex::new(black_box(&model));
            Routes::new(&model, &index)
        })
    });
    group.bench_function("validate all rules, 1,000 decisions", |b| {
        b.iter(|| icsmap::rules::check(black_box(&model)))
    });
    // The same model without its decisions, measured alongside: what the decisions add.
    let mut without = model.clone();
    without.decisions.clear();
    group.bench_function("validate all rules, no decisions", |b| {
        b.iter(|| icsmap::rules::check(black_box(&without)))
    });
    group.finish();
}

/// 1,000 decisions spread over every ICB: a third reserved, a third taken by one of its
/// place committees (a route of one step), a third taken by a PCN it has no route to.
fn spread_decisions(model: &icsmap::Model) -> Vec<Decision> {
    let index = ModelIndex::new(model);
    let icbs: Vec<usize> = (0..model.nodes.len())
        .filter(|&n| model.nodes[n].kind == NodeKind::IntegratedCareBoard)
        .collect();
    let places_of = |icb: usize| -> Vec<usize> {
        index
            .incoming(icb)
            .iter()
            .filter_map(|&l| index.ends(l).map(|(from, _)| from))
            .filter(|&n| model.nodes[n].kind == NodeKind::Committee)
            .collect()
    };
    let pcns: Vec<usize> = (0..model.nodes.len())
        .filter(|&n| model.nodes[n].kind == NodeKind::PrimaryCareNetwork)
        .collect();
    (0..1_000)
        .map(|k| {
            let icb = icbs[k % icbs.len()];
            let mut d = Decision::new(
                format!("d{k}"),
                format!("Decision {k}"),
                model.nodes[icb].id.clone(),
            );
            d.theme = ["Finance", "Primary care", "Quality"][k % 3].into();
            let places = places_of(icb);
            d.taken_by = match k % 3 {
                1 if !places.is_empty() => Some(model.nodes[places[k % places.len()]].id.clone()),
                2 => Some(model.nodes[pcns[k % pcns.len()]].id.clone()),
                _ => None,
            };
            d
        })
        .collect()
}

criterion_group!(benches, decisions);
criterion_main!(benches);
