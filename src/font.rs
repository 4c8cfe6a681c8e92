//! The one typeface of the diagram (Noto Sans, in `assets/fonts`, OFL), embedded so that
//! text measures and renders the same on every machine: on screen, in PNG and (as far as
//! the viewer's font allows) in SVG.

use std::sync::OnceLock;

use ab_glyph::{Font as _, FontRef, GlyphId};

static REGULAR_BYTES: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
static BOLD_BYTES: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");

/// The family name SVG output asks for, with fallbacks a board paper's reader will have.
pub const SVG_FONT_FAMILY: &str = "'Noto Sans', 'Segoe UI', Arial, Helvetica, sans-serif";

/// Regular or bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Ordinary text.
    Regular,
    /// Bold text (names of bodies, headings).
    Bold,
}

/// A parsed face with the figures text layout needs.
pub struct Face {
    font: FontRef<'static>,
    units_per_em: f32,
}

/// Both faces, parsed once.
pub fn face(weight: Weight) -> &'static Face {
    static FACES: OnceLock<[Face; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        let parse = |bytes: &'static [u8]| {
            // The fonts are part of the program, checked by a test; no user input reaches here.
            let font = FontRef::try_from_slice(bytes).expect("the embedded font parses");
            let units_per_em = font.units_per_em().unwrap_or(1000.0);
            Face { font, units_per_em }
        };
        [parse(REGULAR_BYTES), parse(BOLD_BYTES)]
    });
    match weight {
        Weight::Regular => &faces[0],
        Weight::Bold => &faces[1],
    }
}

/// The raw font file, for painters that load it themselves (the editor).
pub fn font_bytes(weight: Weight) -> &'static [u8] {
    match weight {
        Weight::Regular => REGULAR_BYTES,
        Weight::Bold => BOLD_BYTES,
    }
}

impl Face {
    /// The font's outlines.
    pub fn font(&self) -> &FontRef<'static> {
        &self.font
    }

    /// Font units to em: multiply font units by this and by the size.
    pub fn unit(&self) -> f32 {
        1.0 / self.units_per_em
    }

    /// Distance from the baseline up to the top of tall letters, for text of `size`.
    pub fn ascent(&self, size: f32) -> f32 {
        self.font.ascent_unscaled() * self.unit() * size
    }

    /// Distance from the baseline down to the bottom of descenders (positive).
    pub fn descent(&self, size: f32) -> f32 {
        -self.font.descent_unscaled() * self.unit() * size
    }

    /// The glyphs of `text` with their pen positions (x from 0), at `size` px per em.
    pub fn glyphs(&self, text: &str, size: f32) -> Vec<(GlyphId, f32)> {
        let scale = self.unit() * size;
        let mut out = Vec::with_capacity(text.len());
        let mut x = 0.0;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let id = self.font.glyph_id(c);
            if let Some(p) = previous {
                x += self.font.kern_unscaled(p, id) * scale;
            }
            out.push((id, x));
            x += self.font.h_advance_unscaled(id) * scale;
            previous = Some(id);
        }
        out
    }

    /// Width of `text` set at `size` px per em.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let scale = self.unit() * size;
        self.glyphs(text, size)
            .last()
            .map_or(0.0, |&(id, x)| x + self.font.h_advance_unscaled(id) * scale)
    }

    /// `text` broken into lines no wider than `max_width` at `size`, at spaces where it can
    /// and inside a word only when the word alone is too wide. `None` when it needs more
    /// than `max_lines` lines.
    pub fn wrap(
        &self,
        text: &str,
        size: f32,
        max_width: f32,
        max_lines: usize,
    ) -> Option<Vec<String>> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if self.width(&candidate, size) <= max_width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            // The word alone: break it where it must.
            for c in word.chars() {
                current.push(c);
                if self.width(&current, size) > max_width && current.chars().count() > 1 {
                    current.pop();
                    lines.push(std::mem::take(&mut current));
                    current.push(c);
                }
            }
            if lines.len() > max_lines {
                return None;
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        (lines.len() <= max_lines).then_some(lines)
    }

    /// `text` cut with an ellipsis to fit `max_width` at `size`.
    pub fn ellipsize(&self, text: &str, size: f32, max_width: f32) -> String {
        if self.width(text, size) <= max_width {
            return text.to_string();
        }
        let mut cut: String = text.to_string();
        while !cut.is_empty() {
            cut.pop();
            let candidate = format!("{}…", cut.trim_end());
            if self.width(&candidate, size) <= max_width {
                return candidate;
            }
        }
        "…".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_parse_and_measure() {
        let regular = face(Weight::Regular);
        let bold = face(Weight::Bold);
        let w = regular.width("Integrated Care Board", 12.0);
        assert!(w > 100.0 && w < 160.0, "{w}");
        assert!(bold.width("Integrated Care Board", 12.0) > w);
        assert!(regular.ascent(12.0) > 8.0 && regular.descent(12.0) > 1.0);
        assert_eq!(regular.width("", 12.0), 0.0);
    }

    #[test]
    fn wrapping_keeps_lines_inside_the_width() {
        let f = face(Weight::Regular);
        let lines = f
            .wrap("NHS North Shire Integrated Care Board", 11.0, 120.0, 3)
            .unwrap();
        assert!(lines.len() >= 2);
        for line in &lines {
            assert!(f.width(line, 11.0) <= 120.0, "{line}");
        }
        assert!(f.wrap(&"word ".repeat(50), 11.0, 120.0, 3).is_none());
        let long = f
            .wrap("Supercalifragilisticexpialidocious", 11.0, 60.0, 5)
            .unwrap();
        assert!(long.len() > 1 && long.iter().all(|l| f.width(l, 11.0) <= 60.0));
    }

    #[test]
    fn ellipsis_fits() {
        let f = face(Weight::Regular);
        let cut = f.ellipsize("A very long name that cannot fit", 10.0, 60.0);
        assert!(cut.ends_with('…') && f.width(&cut, 10.0) <= 60.0);
    }
}
