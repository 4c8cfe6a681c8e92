//! The diagram as files for board papers: PNG (rasterised here, with the embedded font, so
//! it is the same on every machine) and SVG (real text, every string escaped). Both paint
//! the same scene as the editor, in print style.

mod png;
mod svg;

use std::path::Path;

use crate::model::Model;
use crate::scene::{self, Scene, SceneOptions, Style};

pub use png::{MAX_SIDE, png_bytes, rgba_pixels};
pub use svg::svg_text;

/// Blank space around the drawing, in points.
pub const MARGIN: f32 = 24.0;
/// One model point is one pixel at this resolution (scale 1).
pub const BASE_DPI: f32 = 96.0;

/// What an export contains and at what size.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// Pixels per model point for PNG: 2 gives 192 dpi.
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

/// The two export formats, told apart by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A PNG picture.
    Png,
    /// An SVG drawing.
    Svg,
}

impl Format {
    /// The format a file name's extension asks for (`.png`, `.svg`, any case).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "the image would be {width} × {height} pixels, more than {max} on a side; \
         try a scale of {suggested_scale:.2} or lower (--scale), or a lower --dpi"
    )]
    /// The picture would be larger than the most pixels a side may have.
    TooLarge {
        /// Its width in pixels.
        width: u64,
        /// Its height in pixels.
        height: u64,
        /// The most pixels a side may have.
        max: u32,
        /// The largest scale that fits.
        suggested_scale: f32,
    },
    /// A scale that is zero, negative or not a number.
    #[error("the scale must be a positive number, not {0}")]
    BadScale(f32),
    /// The PNG encoder failed (its reason).
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
    /// The file could not be written.
    #[error("{}: cannot write the file: {source}", path.display())]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// The scene an export paints: print style, whatever the editor's theme.
pub fn export_scene(model: &Model, options: &ExportOptions) -> Scene {
    let mut scene_options = SceneOptions::for_model(model);
    scene_options.legend = options.legend;
    scene_options.title = options.title;
    scene_options.only = options.only.clone();
    if let Some(tiers) = options.tiers {
        scene_options.tiers = tiers;
    }
    scene::build(model, &Style::print(), &scene_options)
}

/// The bytes of the export in `format`.
pub fn render(
    model: &Model,
    format: Format,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let scene = export_scene(model, options);
    match format {
        Format::Png => png_bytes(&scene, options.scale, options.transparent),
        Format::Svg => Ok(svg_text(&scene, &model.title, options.transparent).into_bytes()),
    }
}

/// Renders and writes atomically: the file is either the old one or the whole new one.
pub fn write(
    model: &Model,
    path: &Path,
    format: Format,
    options: &ExportOptions,
) -> Result<(), ExportError> {
    let bytes = render(model, format, options)?;
    crate::model::file::write_atomically(path, &bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}
