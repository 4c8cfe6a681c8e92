//! The organisation's logo for the title block: a PNG or JPEG read once, checked and decoded
//! to straight RGBA, then shared by every painter (PNG, SVG, PDF).

use std::io::{Cursor, Read as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// No side of a logo may be longer than this many pixels.
pub const MAX_LOGO_SIDE: u32 = 4096;
/// No logo file may be larger than this many bytes.
pub const MAX_LOGO_BYTES: u64 = 16 * 1024 * 1024;

/// The image file's own format, kept so the SVG can carry the file unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogoFormat {
    /// A PNG file.
    Png,
    /// A JPEG file.
    Jpeg,
}

impl LogoFormat {
    /// The MIME type for a data URL.
    pub fn mime(self) -> &'static str {
        match self {
            LogoFormat::Png => "image/png",
            LogoFormat::Jpeg => "image/jpeg",
        }
    }
}

/// A decoded logo.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Logo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Straight (not premultiplied) RGBA, row by row.
    pub rgba: Vec<u8>,
    /// The file as read.
    pub bytes: Vec<u8>,
    /// The file's format.
    pub format: LogoFormat,
}

/// Why a logo cannot be used. Every message names the file (`path`).
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum LogoError {
    #[error("{}: cannot read the logo: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: the logo is not a file", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: the logo is {size} bytes; the most a logo may be is 16 MiB", path.display())]
    TooManyBytes { path: PathBuf, size: u64 },
    #[error("{}: the logo is not a PNG or JPEG image", path.display())]
    NotAnImage { path: PathBuf },
    #[error(
        "{}: the logo is {width} × {height} pixels; the most is {MAX_LOGO_SIDE} on a side \
         (a title block needs a few hundred)",
        path.display()
    )]
    TooLarge {
        path: PathBuf,
        width: u32,
        height: u32,
    },
    #[error("{}: the logo cannot be decoded: {reason}", path.display())]
    Decode { path: PathBuf, reason: String },
}

impl Logo {
    /// Reads, checks and decodes the logo at `path`.
    pub fn load(path: &Path) -> Result<Arc<Logo>, LogoError> {
        let read_error = |source| LogoError::Read {
            path: path.to_path_buf(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(read_error)?;
        if !meta.is_file() {
            return Err(LogoError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        if meta.len() > MAX_LOGO_BYTES {
            return Err(LogoError::TooManyBytes {
                path: path.to_path_buf(),
                size: meta.len(),
            });
        }
        // Read no more than the cap even if the file grows meanwhile.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .map_err(read_error)?
            .take(MAX_LOGO_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        if bytes.len() as u64 > MAX_LOGO_BYTES {
            return Err(LogoError::TooManyBytes {
                path: path.to_path_buf(),
                size: bytes.len() as u64,
            });
        }
        Logo::from_bytes(bytes, path).map(Arc::new)
    }

    /// Checks and decodes logo bytes; `path` is what messages call them.
    pub fn from_bytes(bytes: Vec<u8>, path: &Path) -> Result<Logo, LogoError> {
        let not_image = || LogoError::NotAnImage {
            path: path.to_path_buf(),
        };
        let format = match image::guess_format(&bytes) {
            Ok(image::ImageFormat::Png) => LogoFormat::Png,
            Ok(image::ImageFormat::Jpeg) => LogoFormat::Jpeg,
            _ => return Err(not_image()),
        };
        let reader = || {
            image::ImageReader::with_format(
                Cursor::new(&bytes[..]),
                match format {
                    LogoFormat::Png => image::ImageFormat::Png,
                    LogoFormat::Jpeg => image::ImageFormat::Jpeg,
                },
            )
        };
        let decode_error = |e: image::ImageError| LogoError::Decode {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        // The size comes from the header, before any pixel is decoded.
        let (width, height) = reader().into_dimensions().map_err(decode_error)?;
        if width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
            return Err(LogoError::TooLarge {
                path: path.to_path_buf(),
                width,
                height,
            });
        }
        if width == 0 || height == 0 {
            return Err(not_image());
        }
        let mut limited = reader();
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_LOGO_SIDE);
        limits.max_image_height = Some(MAX_LOGO_SIDE);
        limits.max_alloc = Some(256 * 1024 * 1024);
        limited.limits(limits);
        let rgba = limited.decode().map_err(decode_error)?.into_rgba8();
        Ok(Logo {
            width: rgba.width(),
            height: rgba.height(),
            rgba: rgba.into_raw(),
            bytes,
            format,
        })
    }

    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.width as f32 / self.height.max(1) as f32
    }
}
