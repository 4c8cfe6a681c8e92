//! The diagram as files for board papers: PNG (rasterised here, with the embedded font, so
//! it is the same on every machine), SVG (real text in the embedded font, every string
//! escaped) and PDF (vector, searchable text in the embedded font). All paint the same
//! scene as the editor, in print style, on the same [`Frame`]: the drawing's natural size or
//! a page it is fitted to.

mod hairline;
mod outline;
pub mod page;
mod pdf;
mod png;
mod svg;
mod svg_font;

use std::path::Path;
use std::sync::Arc;

use crate::logo::Logo;
use crate::model::Model;
use crate::scene::{self, Scene, SceneOptions, Shape, Style};

pub use page::{Frame, Orientation, PageSpec, Paper};
pub use pdf::{DocumentInfo, PdfPainter, finish as finish_pdf, pdf_bytes};
pub use png::{MAX_PIXELS, MAX_SIDE, png_bytes, png_size, rgba_pixels};
pub use svg::svg_text;

/// Blank space around the drawing at natural size, in model units.
pub const MARGIN: f32 = 24.0;
/// One model point is one pixel at this resolution (scale 1).
pub const BASE_DPI: f32 = 96.0;
/// The smallest and largest scale (pixels per model point) an export accepts.
pub const SCALE_RANGE: (f32, f32) = (0.01, 50.0);
/// The lowest and highest resolution an export accepts, in dots per inch.
pub const DPI_RANGE: (f32, f32) = (1.0, 4800.0);

/// What an export contains and at what size.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Pixels per model point for PNG: 2 gives 192 dpi. With a page, the PNG's resolution
    /// is `scale × 96` dots per inch.
    pub scale: f32,
    /// PNG only: leave the background transparent instead of white.
    pub transparent: bool,
    /// Draw the key.
    pub legend: bool,
    /// Draw the title block.
    pub title: bool,
    /// Tier bands; `None` follows the model's own setting.
    pub tiers: Option<bool>,
    /// Only these bodies (by position) and the links among them.
    pub only: Option<Vec<usize>>,
    /// The decision map rather than the plain diagram (`--view decisions`).
    pub decision_map: bool,
    /// Fit the drawing to this page; `None` for the drawing's natural size.
    pub page: Option<PageSpec>,
    /// The organisation's logo in the title block.
    pub logo: Option<Arc<Logo>>,
    /// SVG only: glyph outlines instead of text in an embedded font.
    pub text_as_paths: bool,
    /// PDF only: the scheme of reservation and delegation as a table after the diagram.
    pub with_scheme: bool,
}

impl Default for ExportOptions {
    fn default() -> ExportOptions {
        ExportOptions {
            scale: 2.0,
            transparent: false,
            legend: true,
            title: true,
            tiers: None,
            only: None,
            decision_map: false,
            page: None,
            logo: None,
            text_as_paths: false,
            with_scheme: false,
        }
    }
}

impl ExportOptions {
    /// The scale that gives `dpi` dots per inch.
    pub fn scale_for_dpi(dpi: f32) -> f32 {
        dpi / BASE_DPI
    }

    /// The resolution this scale gives, in dots per inch.
    pub fn dpi(&self) -> f32 {
        self.scale * BASE_DPI
    }
}

/// The export formats, told apart by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A PNG picture.
    Png,
    /// An SVG drawing.
    Svg,
    /// A PDF document.
    Pdf,
}

impl Format {
    /// The format a file name's extension asks for (`.png`, `.svg`, any case).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The PNG would have more pixels than it may.
    #[error("the image would be {width} × {height} pixels, {}; {advice}", too_many(*.width, *.height))]
    TooLarge {
        /// Its width in pixels.
        width: u64,
        /// Its height in pixels.
        height: u64,
        /// What to do instead; following it works.
        advice: String,
    },
    #[error(
        "the scale must be a number from {lo} to {hi} (pixels per point), not {0}",
        lo = SCALE_RANGE.0,
        hi = SCALE_RANGE.1
    )]
    /// A scale outside [`SCALE_RANGE`].
    BadScale(f32),
    #[error(
        "the resolution must be a number from {lo} to {hi} dots per inch, not {0}",
        lo = DPI_RANGE.0,
        hi = DPI_RANGE.1
    )]
    /// A resolution outside [`DPI_RANGE`].
    BadDpi(f32),
    #[error(
        "the margin must be a number of millimetres from 0 to under {1:.0} (half the page's \
         short side), not {0}"
    )]
    /// A margin that leaves no room on the page (the margin, the most it may be).
    BadMargin(f32, f32),
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
    /// The PDF writer failed.
    #[error("cannot make the PDF: {0}")]
    Pdf(String),
    /// The file could not be written.
    #[error("{}: cannot write the file: {}", path.display(), crate::safe_fs::io_in_words(source))]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn too_many(width: u64, height: u64) -> String {
    let total = width.saturating_mul(height);
    if width > u64::from(MAX_SIDE) || height > u64::from(MAX_SIDE) {
        format!("more than {MAX_SIDE} on a side")
    } else {
        format!(
            "{:.0} million in all, more than the {} million a PNG may have",
            total as f64 / 1e6,
            MAX_PIXELS / 1_000_000
        )
    }
}

/// Checks a scale (pixels per model point) before anything is drawn.
pub fn check_scale(scale: f32) -> Result<f32, ExportError> {
    if scale.is_finite() && (SCALE_RANGE.0..=SCALE_RANGE.1).contains(&scale) {
        Ok(scale)
    } else {
        Err(ExportError::BadScale(scale))
    }
}

/// Checks a resolution in dots per inch; gives the scale it means.
pub fn check_dpi(dpi: f32) -> Result<f32, ExportError> {
    if dpi.is_finite() && (DPI_RANGE.0..=DPI_RANGE.1).contains(&dpi) {
        Ok(ExportOptions::scale_for_dpi(dpi))
    } else {
        Err(ExportError::BadDpi(dpi))
    }
}

/// The scene an export paints: print style, whatever the editor's theme.
pub fn export_scene(model: &Model, options: &ExportOptions) -> Scene {
    let mut scene_options = SceneOptions::for_model(model);
    scene_options.legend = options.legend;
    scene_options.title = options.title;
    scene_options.only = options.only.clone();
    scene_options.decision_map = options.decision_map;
    scene_options.logo = options.logo.clone();
    if let Some(tiers) = options.tiers {
        scene_options.tiers = tiers;
    }
    scene::build(model, &Style::print(), &scene_options)
}

/// A scene and where it goes: everything an export needs before painting.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The diagram.
    pub scene: Scene,
    /// Where it goes: the page or the natural size.
    pub frame: Frame,
    /// Title, subject and author for the PDF's metadata.
    pub info: DocumentInfo,
    /// The scheme's table pages for a PDF (`with_scheme`), each a scene in points on a
    /// frame of its own.
    pub scheme: Vec<(Scene, Frame)>,
}

impl Prepared {
    /// The smallest text as printed, in points; `None` when there is no text.
    pub fn smallest_text_pt(&self) -> Option<f32> {
        smallest_text_units(&self.scene).map(|u| page::smallest_text_pt(u, &self.frame))
    }

    /// The readability guard: when the drawing is fitted to a page and its smallest text
    /// prints under `min_pt`, what the user is told (with what would help).
    pub fn readability(&self, options: &ExportOptions, min_pt: f32) -> Option<TooSmall> {
        let spec = options.page?;
        let units = smallest_text_units(&self.scene)?;
        let smallest_pt = page::smallest_text_pt(units, &self.frame);
        (smallest_pt < min_pt).then(|| TooSmall {
            smallest_pt,
            min_pt,
            on: self.frame.describe(),
            larger: page::page_that_would_do(self.scene.bounds, units, &spec, min_pt),
            needed_mm: page::size_needed_mm(self.scene.bounds, units, spec.margin_mm, min_pt),
        })
    }
}

/// Text that would print too small on the chosen page.
#[derive(Clone, Debug, PartialEq)]
pub struct TooSmall {
    /// The smallest text as printed, in points.
    pub smallest_pt: f32,
    /// The least size that prints readably, in points.
    pub min_pt: f32,
    /// "A4 landscape".
    pub on: String,
    /// The smallest larger ISO page that would do, and the size its text would print at.
    pub larger: Option<(Paper, f32)>,
    /// The page (width, height in mm) the drawing would need, for when no ISO page will do.
    pub needed_mm: (f32, f32),
}

impl std::fmt::Display for TooSmall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "smallest text {:.1} pt on {}, under the {} pt that prints readably; ",
            self.smallest_pt,
            self.on,
            trim_number(self.min_pt)
        )?;
        match self.larger {
            Some((paper, pt)) => write!(
                f,
                "{paper} would give {pt:.1} pt (--page {paper}), or fold groups, or export a selection"
            ),
            None => write!(
                f,
                "no page up to A0 would do: it would need {:.0} × {:.0} mm; fold groups or \
                 export a selection",
                self.needed_mm.0, self.needed_mm.1
            ),
        }
    }
}

fn trim_number(v: f32) -> String {
    let text = format!("{v:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string()
}

/// The smallest text size in the scene, in model units.
pub fn smallest_text_units(scene: &Scene) -> Option<f32> {
    scene
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(t) if !t.text.trim().is_empty() => Some(t.size),
            _ => None,
        })
        .reduce(f32::min)
}

/// Builds the scene and fits it to the page (or its natural size).
pub fn prepare(model: &Model, options: &ExportOptions) -> Result<Prepared, ExportError> {
    if let Some(spec) = options.page {
        let half_short = spec.paper.portrait_mm().0 / 2.0;
        if !(spec.margin_mm.is_finite() && (0.0..half_short).contains(&spec.margin_mm)) {
            return Err(ExportError::BadMargin(spec.margin_mm, half_short));
        }
    }
    let scene = export_scene(model, options);
    let frame = match options.page {
        Some(spec) => Frame::on_page(scene.bounds, &spec),
        None => Frame::natural(scene.bounds, MARGIN),
    };
    let scheme = if options.with_scheme {
        scheme_pages(model, options)
    } else {
        Vec::new()
    };
    Ok(Prepared {
        scene,
        frame,
        info: DocumentInfo::from_model(model),
        scheme,
    })
}

/// The scheme of reservation and delegation as table pages: landscape on the diagram's
/// paper, else A4, inside the same margin.
fn scheme_pages(model: &Model, options: &ExportOptions) -> Vec<(Scene, Frame)> {
    let spec = options.page.unwrap_or(PageSpec::new(Paper::A4));
    let (short, long) = spec.paper.portrait_mm();
    let (width, height) = (page::mm_to_pt(long), page::mm_to_pt(short));
    let rows = crate::decisions::scheme_rows(model);
    scene::scheme_pages(
        &rows,
        &model.title,
        width,
        height,
        page::mm_to_pt(spec.margin_mm.max(0.0)),
        &Style::print(),
    )
    .into_iter()
    .map(|table| {
        let frame = Frame {
            width_pt: width,
            height_pt: height,
            origin: crate::geom::Pos::default(),
            pt_per_unit: 1.0,
            page: Some((spec.paper, true)),
        };
        (table, frame)
    })
    .collect()
}

/// The bytes of a prepared export in `format`.
pub fn render_prepared(
    prepared: &Prepared,
    format: Format,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Png => {
            let scale = check_scale(options.scale)?;
            png_bytes(
                &prepared.scene,
                &prepared.frame,
                scale * BASE_DPI,
                options.transparent,
            )
        }
        Format::Svg => Ok(svg_text(
            &prepared.scene,
            &prepared.frame,
            &prepared.info.title,
            options.transparent,
            options.text_as_paths,
        )
        .into_bytes()),
        Format::Pdf if !prepared.scheme.is_empty() => {
            let mut document = krilla::Document::new();
            let painter = pdf::PdfPainter::new();
            painter.page(
                &mut document,
                &prepared.scene,
                &prepared.frame,
                options.transparent,
            )?;
            for (table, frame) in &prepared.scheme {
                painter.page(&mut document, table, frame, false)?;
            }
            pdf::finish(document, &prepared.info)
        }
        Format::Pdf => pdf_bytes(
            &prepared.scene,
            &prepared.frame,
            &prepared.info,
            options.transparent,
        ),
    }
}

/// The bytes of the export in `format`.
pub fn render(
    model: &Model,
    format: Format,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    render_prepared(&prepare(model, options)?, format, options)
}

/// Writes bytes atomically: the file is either the old one or the whole new one.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::model::file::write_atomically(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Renders and writes atomically: the file is either the old one or the whole new one.
pub fn write(
    model: &Model,
    path: &Path,
    format: Format,
    options: &ExportOptions,
) -> Result<(), ExportError> {
    let bytes = render(model, format, options)?;
    write_bytes(path, &bytes)
}
