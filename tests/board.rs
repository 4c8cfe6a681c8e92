//! Board-paper output: pages in points and pixels, PDF read back (page box, text, embedded
//! fonts, metadata), the logo in every format (with a golden image), logo errors, the
//! readability guard and `--strict`, and SVG that carries its font.
//!
//! The golden image is in `tests/golden/`; after an intended change to the drawing, look at
//! it and update it with `UPDATE_GOLDEN=1 cargo test --test board`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use icsmap::export::page::{Frame, mm_to_pt};
use icsmap::export::{self, ExportOptions, Format, Orientation, PageSpec, Paper};
use icsmap::logo::Logo;
use icsmap::model::Model;

fn example(name: &str) -> Model {
    icsmap::open(&examples_dir().join(format!("{name}.icsmap.ron"))).unwrap()
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".icsmap.ron"))
        .collect();
    files.sort();
    files
}

/// Width, height and pixels per metre of a PNG, and its pixels.
fn decode(bytes: &[u8]) -> (u32, u32, Option<u32>, Vec<u8>, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let ppm = reader.info().pixel_dims.map(|d| d.xppu);
    (info.width, info.height, ppm, buf, info.color_type.samples())
}

fn on(paper: Paper, orientation: Orientation) -> ExportOptions {
    ExportOptions {
        scale: ExportOptions::scale_for_dpi(300.0),
        page: Some(PageSpec {
            orientation,
            ..PageSpec::new(paper)
        }),
        ..ExportOptions::default()
    }
}

#[test]
fn every_page_in_points_and_pixels() {
    let drawing = example("good-practice");
    let bounds = export::export_scene(&drawing, &ExportOptions::default()).bounds;
    for paper in Paper::ALL {
        let (short_mm, long_mm) = paper.portrait_mm();
        for (orientation, w_mm, h_mm) in [
            (Orientation::Landscape, long_mm, short_mm),
            (Orientation::Portrait, short_mm, long_mm),
        ] {
            let frame = Frame::on_page(
                bounds,
                &PageSpec {
                    orientation,
                    ..PageSpec::new(paper)
                },
            );
            assert!((frame.width_pt - mm_to_pt(w_mm)).abs() < 0.01, "{paper}");
            assert!((frame.height_pt - mm_to_pt(h_mm)).abs() < 0.01, "{paper}");
            let (w, h) = frame.pixels(300.0);
            assert_eq!(w, (w_mm / 25.4 * 300.0).round() as u64, "{paper}");
            assert_eq!(h, (h_mm / 25.4 * 300.0).round() as u64, "{paper}");
            // A real PNG, at a low resolution to stay quick: exactly the page in pixels.
            let options = ExportOptions {
                scale: ExportOptions::scale_for_dpi(30.0),
                ..on(paper, orientation)
            };
            let (pw, ph, ppm, _, _) =
                decode(&export::render(&drawing, Format::Png, &options).unwrap());
            assert_eq!(
                (u64::from(pw), u64::from(ph)),
                frame.pixels(30.0),
                "{paper} {orientation:?}"
            );
            assert_eq!(ppm, Some((30.0f64 / 0.0254).round() as u32));
        }
    }
    // The figures a user checks against.
    let a4 = Frame::on_page(bounds, &PageSpec::new(Paper::A4));
    assert_eq!(a4.pixels(300.0), (3508, 2480));
    assert_eq!((a4.width_pt.round(), a4.height_pt.round()), (842.0, 595.0));
    let a3 = Frame::on_page(bounds, &PageSpec::new(Paper::A3));
    assert_eq!(a3.pixels(300.0), (4961, 3508));
}

#[test]
fn svg_on_a_page_is_sized_in_millimetres() {
    let model = example("figure1-operating-model");
    let svg = String::from_utf8(
        export::render(&model, Format::Svg, &on(Paper::A4, Orientation::Landscape)).unwrap(),
    )
    .unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("297mm"));
    assert_eq!(root.attribute("height"), Some("210mm"));
    let view: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(
        (view[2] / view[3] - 297.0 / 210.0).abs() < 0.01,
        "the viewBox has the page's proportions: {view:?}"
    );
}

/// The text of a PDF, its page boxes, its fonts and whether each is embedded.
struct PdfFacts {
    boxes: Vec<Vec<f32>>,
    text: String,
    fonts: Vec<(String, bool)>,
    info: Vec<(String, String)>,
    images: usize,
}

fn read_pdf(bytes: &[u8]) -> PdfFacts {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages = doc.get_pages();
    let boxes = pages
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            page.get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap())
                .collect()
        })
        .collect();
    let numbers: Vec<u32> = pages.keys().copied().collect();
    let text = doc.extract_text(&numbers).unwrap_or_default();
    let mut fonts = Vec::new();
    let mut images = 0;
    for object in doc.objects.values() {
        let dict = match object {
            lopdf::Object::Dictionary(d) => d,
            lopdf::Object::Stream(s) => {
                if s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image") {
                    images += 1;
                }
                continue;
            }
            _ => continue,
        };
        if dict.get(b"Type").and_then(|v| v.as_name()).ok() == Some(b"FontDescriptor") {
            let name = String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap())
                .into_owned();
            let embedded =
                dict.has(b"FontFile") || dict.has(b"FontFile2") || dict.has(b"FontFile3");
            fonts.push((name, embedded));
        }
    }
    let mut info = Vec::new();
    if let Ok(reference) = doc.trailer.get(b"Info").and_then(|v| v.as_reference())
        && let Ok(dict) = doc.get_dictionary(reference)
    {
        for (key, value) in dict.iter() {
            if let Ok(text) = lopdf::decode_text_string(value) {
                info.push((String::from_utf8_lossy(key).into_owned(), text));
            }
        }
    }
    PdfFacts {
        boxes,
        text,
        fonts,
        info,
        images,
    }
}

#[test]
fn pdf_on_a4_has_one_page_embedded_fonts_and_every_name_as_text() {
    for path in examples() {
        let model = icsmap::open(&path).unwrap();
        let options = ExportOptions {
            page: Some(PageSpec::new(Paper::A4)),
            ..ExportOptions::default()
        };
        let pdf = read_pdf(&export::render(&model, Format::Pdf, &options).unwrap());
        assert_eq!(pdf.boxes.len(), 1, "{}: one page", path.display());
        let b = &pdf.boxes[0];
        assert_eq!(
            (b[2].round(), b[3].round()),
            (842.0, 595.0),
            "{}: A4 landscape",
            path.display()
        );
        assert!(!pdf.fonts.is_empty());
        assert!(
            pdf.fonts.iter().all(|(_, embedded)| *embedded),
            "{:?}",
            pdf.fonts
        );
        assert!(pdf.fonts.iter().all(|(name, _)| name.contains("NotoSans")));
        // Text extraction joins a line's glyphs; compare without spaces, which a PDF
        // need not hold as characters.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let text = squeeze(&pdf.text);
        for node in &model.nodes {
            let shown = squeeze(node.display_name());
            let short = squeeze(&node.short);
            assert!(
                text.contains(&shown) || (!short.is_empty() && text.contains(&short)) || {
                    // A long name wrapped over lines: every word is there.
                    node.display_name()
                        .split_whitespace()
                        .all(|w| pdf.text.contains(w))
                },
                "{}: {:?} is not in the PDF's text",
                path.display(),
                node.name
            );
        }
        let info: std::collections::HashMap<_, _> = pdf.info.into_iter().collect();
        assert_eq!(info.get("Title"), Some(&model.title.trim().to_string()));
        if !model.subtitle.trim().is_empty() {
            assert_eq!(
                info.get("Subject"),
                Some(&model.subtitle.trim().to_string())
            );
        }
        if !model.author.trim().is_empty() {
            assert_eq!(info.get("Author"), Some(&model.author.trim().to_string()));
        }
    }
}

/// A small logo with a transparent corner: a blue disc on transparency and a red bar.
fn logo_png() -> Vec<u8> {
    let (w, h) = (96u32, 48u32);
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as f32 - 24.0, y as f32 - 24.0);
            let px = if dx * dx + dy * dy < 20.0 * 20.0 {
                [0, 94, 184, 255]
            } else if x > 52 && y > 16 && y < 32 {
                [218, 41, 28, 255]
            } else {
                [0, 0, 0, 0]
            };
            pixels.extend_from_slice(&px);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    out
}

fn logo() -> Arc<Logo> {
    Arc::new(Logo::from_bytes(logo_png(), Path::new("logo.png")).unwrap())
}

#[test]
fn golden_a4_png_with_a_logo() {
    let model = example("good-practice");
    let options = ExportOptions {
        scale: ExportOptions::scale_for_dpi(50.0),
        logo: Some(logo()),
        ..on(Paper::A4, Orientation::Auto)
    };
    let png = export::render(&model, Format::Png, &options).unwrap();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/a4-with-logo.png");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &png).unwrap();
    }
    let (w, h, _, now, channels) = decode(&png);
    assert_eq!((w, h), (585, 413), "A4 landscape at 50 dpi");
    let (gw, gh, _, then, _) = decode(&std::fs::read(&golden).expect("golden image present"));
    assert_eq!((w, h), (gw, gh));
    let differing = now
        .chunks(channels)
        .zip(then.chunks(channels))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    assert!(
        (differing as f64) < f64::from(w * h) * 0.002,
        "{differing} pixels differ from {}",
        golden.display()
    );
    // The logo's blue and red are there, at the top right where the title block ends.
    let scene = export::prepare(&model, &options).unwrap();
    let placed = scene.scene.logo.as_ref().expect("the logo is placed");
    let frame = scene.frame;
    let to_px = |x: f32, y: f32| {
        let k = frame.pt_per_unit * 50.0 / 72.0;
        (
            ((x - frame.origin.x) * k) as usize,
            ((y - frame.origin.y) * k) as usize,
        )
    };
    let (x0, y0) = to_px(placed.rect.min.x, placed.rect.min.y);
    let (x1, y1) = to_px(placed.rect.max.x, placed.rect.max.y);
    let mut blue = 0;
    let mut red = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let p = &now[(y * w as usize + x) * channels..][..3];
            blue += usize::from(p[2] > 150 && p[0] < 60);
            red += usize::from(p[0] > 180 && p[1] < 90);
        }
    }
    assert!(blue > 10 && red > 5, "blue {blue}, red {red}");
    assert!(x1 > w as usize / 2, "the logo is at the right");
}

#[test]
fn the_logo_is_in_svg_and_pdf_too() {
    let model = example("icb-delegated-places");
    let options = ExportOptions {
        logo: Some(logo()),
        ..on(Paper::A4, Orientation::Auto)
    };
    let svg = String::from_utf8(export::render(&model, Format::Svg, &options).unwrap()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let image = doc
        .descendants()
        .find(|n| n.tag_name().name() == "image")
        .expect("an <image>");
    assert!(
        image
            .attribute("href")
            .unwrap()
            .starts_with("data:image/png;base64,")
    );
    let pdf = read_pdf(&export::render(&model, Format::Pdf, &options).unwrap());
    assert!(pdf.images >= 1, "the PDF holds the logo as an image");
}

#[test]
fn bad_logos_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.png");
    let message = Logo::load(&missing).unwrap_err().to_string();
    assert!(
        message.contains("missing.png") && message.contains("cannot read"),
        "{message}"
    );

    let text = dir.path().join("notes.png");
    std::fs::write(&text, "not a picture").unwrap();
    let message = Logo::load(&text).unwrap_err().to_string();
    assert!(
        message.contains("notes.png") && message.contains("not a PNG or JPEG"),
        "{message}"
    );

    let wide = dir.path().join("banner.png");
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, 4097, 2);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![0; 4097 * 2]).unwrap();
    writer.finish().unwrap();
    std::fs::write(&wide, &bytes).unwrap();
    let message = Logo::load(&wide).unwrap_err().to_string();
    assert!(
        message.contains("banner.png") && message.contains("4097 × 2"),
        "{message}"
    );

    let huge = dir.path().join("huge.png");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    let message = Logo::load(&huge).unwrap_err().to_string();
    assert!(
        message.contains("huge.png") && message.contains("16 MiB"),
        "{message}"
    );

    let cut = dir.path().join("cut.png");
    let whole = logo_png();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let message = Logo::load(&cut).unwrap_err().to_string();
    assert!(message.contains("cut.png"), "{message}");

    // Through the command line: exit 2 and nothing written.
    let out = dir.path().join("fig.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_icsmap"))
        .arg("export")
        .arg(examples_dir().join("good-practice.icsmap.ron"))
        .arg("-o")
        .arg(&out)
        .arg("--logo")
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("notes.png"));
    assert!(!out.exists());
}

#[test]
fn the_guard_warns_with_a_page_that_would_do_and_strict_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The Figure 1 example is too large to read on A4 and fine on A2.
    let model_path = examples_dir().join("figure1-operating-model.icsmap.ron");
    let export = |out: &Path, extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_icsmap"))
            .arg("export")
            .arg(&model_path)
            .arg("-o")
            .arg(out)
            .args(["--page", "A4"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = dir.path().join("fig.pdf");
    let run = export(&out, &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(out.exists(), "the export still happens");
    assert!(
        stderr.contains("smallest text") && stderr.contains("pt on A4"),
        "{stderr}"
    );
    // The page it names does reach 6 pt, and the export there says nothing.
    let named = stderr
        .split("--page ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .expect("a page is named")
        .to_string();
    let larger = dir.path().join("larger.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_icsmap"))
        .arg("export")
        .arg(&model_path)
        .arg("-o")
        .arg(&larger)
        .args(["--page", &named, "--strict"])
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{named}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stderr.is_empty());

    let strict = dir.path().join("strict.png");
    let run = export(&strict, &["--strict"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(!strict.exists(), "--strict writes nothing");
    assert!(String::from_utf8_lossy(&run.stderr).contains("nothing written"));
}

#[test]
fn nonsense_sizes_are_refused_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let model = examples_dir().join("good-practice.icsmap.ron");
    for args in [
        ["--scale=1e-30"],
        ["--scale=1e30"],
        ["--scale=0"],
        ["--scale=-2"],
        ["--scale=NaN"],
        ["--dpi=0"],
        ["--dpi=1e9"],
    ] {
        let out = dir.path().join("x.png");
        let run = Command::new(env!("CARGO_BIN_EXE_icsmap"))
            .arg("export")
            .arg(&model)
            .arg("-o")
            .arg(&out)
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("must be a number from"),
            "{args:?}: {stderr}"
        );
        assert!(!out.exists());
    }
}

#[test]
fn pdf_is_the_same_every_time_with_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let model = examples_dir().join("figure1-operating-model.icsmap.ron");
    let make = |name: &str| {
        let out = dir.path().join(name);
        let run = Command::new(env!("CARGO_BIN_EXE_icsmap"))
            .arg("export")
            .arg(&model)
            .arg("-o")
            .arg(&out)
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0));
        std::fs::read(out).unwrap()
    };
    let (a, b) = (make("a.pdf"), make("b.pdf"));
    assert_eq!(a, b);
    let facts = read_pdf(&a);
    assert!(
        facts
            .info
            .iter()
            .any(|(k, v)| k == "CreationDate" && v.starts_with("D:20260101"))
    );
}

#[test]
fn svg_carries_a_subset_of_its_font_or_draws_outlines() {
    let model = example("good-practice");
    let svg =
        String::from_utf8(export::render(&model, Format::Svg, &ExportOptions::default()).unwrap())
            .unwrap();
    assert!(svg.contains("@font-face") && svg.contains("data:font/ttf;base64,"));
    assert!(
        svg.len() < 200_000,
        "a subset, not the whole font: {} bytes",
        svg.len()
    );
    let paths = ExportOptions {
        text_as_paths: true,
        ..ExportOptions::default()
    };
    let svg = String::from_utf8(export::render(&model, Format::Svg, &paths).unwrap()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.tag_name().name() == "text")
            .count(),
        0
    );
    assert!(doc.descendants().any(|n| n.tag_name().name() == "use"));
    let labels: String = doc
        .descendants()
        .filter_map(|n| n.attribute("aria-label"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        labels.contains(&model.nodes[0].name) || labels.contains(model.nodes[0].display_name())
    );
}

#[test]
fn pdf_with_the_scheme_adds_table_pages_holding_every_decision() {
    let path = examples_dir().join("north-shire-decisions.icsmap.ron");
    let model = icsmap::open(&path).unwrap();
    let mut options = ExportOptions {
        page: Some(PageSpec::new(Paper::A4)),
        ..ExportOptions::default()
    };
    let plain = read_pdf(&export::render(&model, Format::Pdf, &options).unwrap());
    assert_eq!(plain.boxes.len(), 1);
    options.with_scheme = true;
    let pdf = read_pdf(&export::render(&model, Format::Pdf, &options).unwrap());
    assert!(
        pdf.boxes.len() >= 3,
        "the diagram, then a table of 35 rows over pages"
    );
    for b in &pdf.boxes {
        assert_eq!((b[2].round(), b[3].round()), (842.0, 595.0), "A4 landscape");
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let text = squeeze(&pdf.text);
    assert!(text.contains("Schemeofreservationanddelegation"));
    for decision in &model.decisions {
        assert!(
            text.contains(&squeeze(&decision.reference)),
            "{} is in the table",
            decision.reference
        );
    }
}
