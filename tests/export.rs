//! The diagram as exported: golden images of the example models, SVG that parses and keeps
//! every name as escaped text, PNG that records its resolution, and layouts without overlaps.
//!
//! Golden images live in `tests/golden/`. After an intended change to the drawing, look at
//! the new images and update them with `UPDATE_GOLDEN=1 cargo test --test export`.

use std::path::{Path, PathBuf};

use icsmap::export::{self, ExportOptions, Format};
use icsmap::layout::{self, node_rect};
use icsmap::model::{Link, LinkKind, Model, Node, NodeKind};
use icsmap::synthetic::system_of_size;

fn example(name: &str) -> Model {
    icsmap::open(&examples_dir().join(format!("{name}.icsmap.ron"))).unwrap()
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

const EXAMPLES: [&str; 3] = [
    "figure1-operating-model",
    "icb-delegated-places",
    "good-practice",
];

/// Width, height, pixel bytes (RGB or RGBA) and pixels per metre of a PNG.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>, usize, Option<u32>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let dims = reader.info().pixel_dims.map(|d| d.xppu);
    let channels = info.color_type.samples();
    (info.width, info.height, buf, channels, dims)
}

#[test]
fn golden_images_of_the_examples() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let options = ExportOptions {
        scale: 1.0,
        ..ExportOptions::default()
    };
    for name in EXAMPLES {
        let png = export::render(&example(name), Format::Png, &options).unwrap();
        let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/{name}.png"));
        if update {
            std::fs::write(&golden, &png).unwrap();
            continue;
        }
        assert!(
            golden.exists(),
            "{} is missing: make it with UPDATE_GOLDEN=1",
            golden.display()
        );
        let (w, h, now, channels, _) = decode(&png);
        let (gw, gh, then, _, _) = decode(&std::fs::read(&golden).unwrap());
        assert_eq!((w, h), (gw, gh), "{name}: size changed");
        // Small differences in anti-aliasing between machines are allowed; a changed
        // drawing is not.
        let differing = now
            .chunks(channels)
            .zip(then.chunks(channels))
            .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
            .count();
        let share = differing as f64 / f64::from(w * h);
        assert!(
            share < 0.002,
            "{name}: {:.3}% of pixels differ from {}",
            share * 100.0,
            golden.display()
        );
    }
}

#[test]
fn png_records_its_resolution_and_size() {
    let model = example("good-practice");
    for (scale, dpi) in [(2.0f32, 192.0f32), (300.0 / 96.0, 300.0)] {
        let options = ExportOptions {
            scale,
            ..ExportOptions::default()
        };
        let (w, _, _, channels, ppm) =
            decode(&export::render(&model, Format::Png, &options).unwrap());
        assert_eq!(channels, 3, "opaque export has no alpha");
        let ppm = ppm.expect("pHYs present");
        assert!(
            (f64::from(ppm) * 0.0254 - f64::from(dpi)).abs() < 0.5,
            "{ppm} ppm for {dpi} dpi"
        );
        let scene = export::export_scene(&model, &options);
        let expected = ((scene.bounds.width() + 2.0 * export::MARGIN) * scale).ceil() as u32;
        assert_eq!(w, expected);
    }
}

#[test]
fn transparent_png_has_a_transparent_background() {
    let options = ExportOptions {
        transparent: true,
        scale: 0.5,
        ..ExportOptions::default()
    };
    let (_, _, pixels, channels, _) =
        decode(&export::render(&example("good-practice"), Format::Png, &options).unwrap());
    assert_eq!(channels, 4);
    assert_eq!(pixels[3], 0, "the corner is transparent");
    assert!(pixels.chunks(4).any(|p| p[3] == 255), "something is drawn");
}

#[test]
fn an_image_too_large_is_refused_with_advice_that_works() {
    // Many bodies make a large drawing; their lines would only make the test slow.
    let mut model = system_of_size(600);
    model.links.clear();
    let options = ExportOptions {
        scale: 12.0,
        ..ExportOptions::default()
    };
    let err = export::render(&model, Format::Png, &options).unwrap_err();
    let message = err.to_string();
    // Whichever limit bites (pixels in all, or pixels on a side), the advice names a scale,
    // a resolution and the formats without a limit.
    assert!(
        message.contains("--scale") && message.contains("--dpi") && message.contains("PDF"),
        "{message}"
    );
    // Follow the advice: the scale and the dpi it offers both give a PNG within the limits,
    // and the scale is not needlessly small (a tenth more would not fit).
    let prepared = export::prepare(&model, &options).unwrap();
    let number_after = |flag: &str| -> f32 {
        let rest = &message[message.find(flag).unwrap() + flag.len()..];
        rest.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let scale = export::check_scale(number_after("--scale ")).unwrap();
    let (w, h) = export::png_size(&prepared.frame, scale * export::BASE_DPI).unwrap();
    assert!(w * h <= export::MAX_PIXELS, "{w} × {h}");
    assert!(
        export::png_size(&prepared.frame, 1.1 * scale * export::BASE_DPI).is_err(),
        "--scale {scale} is needlessly small"
    );
    let scale = export::check_dpi(number_after("--dpi ")).unwrap();
    assert!(export::png_size(&prepared.frame, scale * export::BASE_DPI).is_ok());
    for bad in [f32::NAN, 0.0, -1.0, 1e-30, 1e30, f32::INFINITY] {
        let bad = ExportOptions {
            scale: bad,
            ..ExportOptions::default()
        };
        let message = export::render(&model, Format::Png, &bad)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("the scale must be a number from"),
            "{message}"
        );
    }
}

fn svg_texts(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(
        doc.descendants()
            .all(|n| n.tag_name().name() != "foreignObject")
    );
    assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.text().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn svg_is_xml_and_holds_every_name_as_text() {
    for name in EXAMPLES {
        let model = example(name);
        let svg = String::from_utf8(
            export::render(&model, Format::Svg, &ExportOptions::default()).unwrap(),
        )
        .unwrap();
        let texts = svg_texts(&svg);
        for node in &model.nodes {
            assert!(
                texts.contains(&node.name),
                "{name}: {:?} is not in the SVG's text",
                node.name
            );
        }
        assert!(texts.contains(&model.title));
    }
}

#[test]
fn hostile_names_stay_text() {
    let mut model = Model::new("Escapes <b>&</b>");
    let hostile = r#"</text><script>alert(1)</script> & "quotes""#;
    model
        .nodes
        .push(Node::new("x", NodeKind::Other, hostile).at(0.0, 0.0));
    model
        .nodes
        .push(Node::new("y", NodeKind::NhsTrust, "Bell \u{7} and <tag>").at(300.0, 0.0));
    let mut link = Link::new(LinkKind::Funding, "x", "y");
    link.label = "<i>pool</i>".into();
    model.links.push(link);
    let svg =
        String::from_utf8(export::render(&model, Format::Svg, &ExportOptions::default()).unwrap())
            .unwrap();
    let texts = svg_texts(&svg);
    assert!(texts.contains("<script>alert(1)</script>"), "{texts}");
    assert!(texts.contains("<i>pool</i>"));
    assert!(texts.contains("Escapes <b>&</b>"));
    assert!(!svg.contains("<script>"));
}

#[test]
fn the_legend_lists_only_the_kinds_used() {
    let model = example("good-practice");
    let svg =
        String::from_utf8(export::render(&model, Format::Svg, &ExportOptions::default()).unwrap())
            .unwrap();
    let texts = svg_texts(&svg);
    assert!(texts.contains("Integrated Care Board") && texts.contains("Funds"));
    assert!(!texts.contains("GP practice"), "no practice in this model");
    assert!(!texts.contains("Collaborates with"));
    let bare = ExportOptions {
        legend: false,
        title: false,
        ..ExportOptions::default()
    };
    let svg = String::from_utf8(export::render(&model, Format::Svg, &bare).unwrap()).unwrap();
    let texts = svg_texts(&svg);
    assert!(!texts.contains("Key") && !texts.contains(&model.title));
}

fn assert_no_overlaps(model: &Model, what: &str) {
    let mut rects: Vec<_> = model.nodes.iter().map(node_rect).collect();
    rects.sort_by(|a, b| {
        a.min
            .y
            .total_cmp(&b.min.y)
            .then(a.min.x.total_cmp(&b.min.x))
    });
    // Sweep by row: boxes can only overlap a box that starts less than a box height lower.
    for (i, a) in rects.iter().enumerate() {
        for b in rects[i + 1..].iter().take_while(|b| b.min.y < a.max.y) {
            assert!(!a.intersects(b), "{what}: boxes overlap at {a:?} and {b:?}");
        }
    }
}

#[test]
fn auto_layout_never_overlaps_and_is_deterministic() {
    for name in EXAMPLES {
        let mut model = example(name);
        layout::auto_layout(&mut model);
        assert_no_overlaps(&model, name);
        let mut again = example(name);
        layout::auto_layout(&mut again);
        assert_eq!(again, model, "{name}: same layout twice");
    }
    let mut big = system_of_size(8_000);
    layout::auto_layout(&mut big);
    assert_no_overlaps(&big, "8,000 bodies");
    assert!(
        big.nodes
            .iter()
            .all(|n| n.at.x.abs() < 1_000_000.0 && n.at.y.abs() < 1_000_000.0)
    );
}

#[test]
fn a_model_with_some_bodies_unplaced_keeps_the_placed_ones() {
    let text = r#"(format: "icsmap", version: 1, nodes: [
        (id: "icb", kind: IntegratedCareBoard, name: "ICB", at: (0.0, 0.0)),
        (id: "pcn", kind: PrimaryCareNetwork, name: "PCN"),
        (id: "gp", kind: GpPractice, name: "GP"),
    ], links: [(kind: Membership, from: "gp", to: "pcn")])"#;
    let model = icsmap::open_str(text, Path::new("t")).unwrap();
    assert_eq!((model.nodes[0].at.x, model.nodes[0].at.y), (0.0, 0.0));
    assert_no_overlaps(&model, "partly placed");
    assert!(
        model.nodes[1].at.y > 0.0 && model.nodes[2].at.y > 0.0,
        "placed below the rest"
    );
}

#[test]
fn export_of_a_selection_draws_only_it() {
    let model = example("good-practice");
    let options = ExportOptions {
        only: Some(vec![0, 1]),
        ..ExportOptions::default()
    };
    let scene = export::export_scene(&model, &options);
    assert_eq!(scene.nodes.iter().flatten().count(), 2);
    assert_eq!(
        scene.links.iter().flatten().count(),
        1,
        "only the link between the two"
    );
}
