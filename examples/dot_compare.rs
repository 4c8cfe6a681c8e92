//! Side by side: how readable icsmap's layout is against plain Graphviz `dot` for the same
//! model (diagram.md, "How readability is measured"). Not part of the program or of CI; run
//! by hand where `dot` is installed:
//!
//! ```sh
//! cargo run --release --example dot_compare -- models/*.icsmap.ron tests/systems/*.icsmap.ron
//! ```
//!
//! For each model: icsmap lays it out (`icsmap layout`), exports it and measures the scene;
//! the same boxes (same size, 200 × 72 pt; an unfolded group as a cluster) and the same
//! lines go to `dot -Tplain` with no rank constraints, and what dot draws (its splines,
//! sampled finely) is read back into a drawing and measured by the same function. Prints one
//! Markdown table row per model.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use icsmap::geom::{Pos, Rect};
use icsmap::route::{Drawing, DrawnLine, measure, measure_scene};
use icsmap::view::{Role, View};

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    println!(
        "| model | bodies / links | icsmap: crossings | through-box | overlaps | page shape | dot: crossings | through-box | overlaps | page shape |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for file in files {
        let mut model = match icsmap::open(Path::new(&file)) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        icsmap::layout::auto_layout(&mut model);
        let scene = icsmap::export::export_scene(&model, &Default::default());
        let ours = measure_scene(&scene);
        let theirs = match dot_drawing(&model) {
            Ok(d) => measure(&d),
            Err(e) => {
                eprintln!("{file}: dot: {e}");
                continue;
            }
        };
        let name = Path::new(&file)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&file)
            .trim_end_matches(".icsmap.ron")
            .to_string();
        println!(
            "| {name} | {} / {} | {} | {} | {} | {:.2} | {} | {} | {} | {:.2} |",
            model.nodes.len(),
            model.links.len(),
            ours.crossings,
            ours.through_box,
            ours.overlaps,
            ours.page_shape(),
            theirs.crossings,
            theirs.through_box,
            theirs.overlaps,
            theirs.page_shape()
        );
    }
}

/// The model's shown boxes and lines as dot draws them.
fn dot_drawing(model: &icsmap::Model) -> Result<Drawing, String> {
    let view = View::new(model);
    let shown = |n: usize| view.box_of(n).is_some();
    let mut dot = String::from(
        "digraph g {\n  node [shape=box, fixedsize=true, width=2.7778, height=1.0, label=\"\"];\n",
    );
    // Clusters for unfolded groups, nested as they are.
    fn emit(view: &View, n: usize, out: &mut String) {
        if view.role(n) == Role::Group {
            out.push_str(&format!("subgraph cluster_{n} {{\n"));
            for &m in view.members(n) {
                if view.box_of(m).is_some() {
                    emit(view, m, out);
                }
            }
            out.push_str("}\n");
        } else {
            out.push_str(&format!("  n{n};\n"));
        }
    }
    for n in 0..model.nodes.len() {
        if shown(n) && view.parent(n).is_none_or(|p| !shown(p)) {
            emit(&view, n, &mut dot);
        }
    }
    let mut lines = Vec::new();
    for line in view.links() {
        if view.role(line.from) == Role::Group || view.role(line.to) == Role::Group {
            continue;
        }
        dot.push_str(&format!("  n{} -> n{};\n", line.from, line.to));
        lines.push((line.from, line.to));
    }
    dot.push_str("}\n");
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run dot: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(dot.as_bytes())
        .map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut height = 0.0f32;
    let mut bounds = Rect::from_center(Pos::default(), 0.0, 0.0);
    let mut boxes: Vec<Option<Rect>> = vec![None; model.nodes.len()];
    let mut drawn = Vec::new();
    let inch = 72.0f32;
    for row in text.lines() {
        let f: Vec<&str> = row.split_whitespace().collect();
        let num = |i: usize| f.get(i).and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0);
        match f.first() {
            Some(&"graph") => {
                height = num(3) * inch;
                bounds = Rect::from_min_size(Pos::default(), num(2) * inch, height);
            }
            Some(&"node") => {
                let n: usize = f[1]
                    .trim_start_matches('n')
                    .parse()
                    .map_err(|_| "node name")?;
                let c = Pos::new(num(2) * inch, height - num(3) * inch);
                boxes[n] = Some(Rect::from_center(c, num(4) * inch, num(5) * inch));
            }
            Some(&"edge") => {
                let from: usize = f[1]
                    .trim_start_matches('n')
                    .parse()
                    .map_err(|_| "edge tail")?;
                let to: usize = f[2]
                    .trim_start_matches('n')
                    .parse()
                    .map_err(|_| "edge head")?;
                let count = num(3) as usize;
                let control: Vec<Pos> = (0..count)
                    .map(|k| Pos::new(num(4 + 2 * k) * inch, height - num(5 + 2 * k) * inch))
                    .collect();
                drawn.push(DrawnLine {
                    from,
                    to,
                    points: sample(&control),
                });
            }
            _ => {}
        }
    }
    Ok(Drawing {
        boxes,
        parents: vec![None; model.nodes.len()],
        lines: drawn,
        bounds,
    })
}

/// A B-spline of cubic pieces (dot's edge control points) as a fine polyline.
fn sample(control: &[Pos]) -> Vec<Pos> {
    let mut out = Vec::new();
    if control.is_empty() {
        return out;
    }
    out.push(control[0]);
    let mut i = 0;
    while i + 3 < control.len() {
        let (p0, p1, p2, p3) = (control[i], control[i + 1], control[i + 2], control[i + 3]);
        for k in 1..=16 {
            let t = k as f32 / 16.0;
            let u = 1.0 - t;
            out.push(
                p0 * (u * u * u)
                    + p1 * (3.0 * u * u * t)
                    + p2 * (3.0 * u * t * t)
                    + p3 * (t * t * t),
            );
        }
        i += 3;
    }
    out
}
