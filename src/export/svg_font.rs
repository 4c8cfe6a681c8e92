//! The font an SVG carries, so that its text is drawn in the same face on machines without
//! icsmap's font: a subset of Noto Sans holding just the characters used, as an `@font-face`
//! data URL; or, for tools that ignore embedded fonts, the glyphs' outlines as paths.
//!
//! The subsetter (`subsetter`, the one krilla uses for PDF) drops the character map, which a
//! PDF does not need but a browser does; this module writes a new one for the characters
//! used and puts it, with the original `OS/2` table, back into the font file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use ab_glyph::{Font as _, GlyphId, OutlineCurve};
use base64::Engine as _;

use super::svg::{escape, num};
use crate::font::{Weight, face, font_bytes};
use crate::scene::{Align, Text};

/// The family name the embedded subset is known by inside the SVG; first in the SVG's
/// `font-family`, so a reader's own Noto Sans (perhaps another version) is not used instead.
pub const EMBEDDED_FAMILY: &str = "icsmap Noto Sans";

/// A `<defs><style>` with one `@font-face` per weight used; empty when there is no text.
pub fn font_faces<'a>(used: impl Iterator<Item = (Weight, &'a str)>) -> String {
    let mut chars: BTreeMap<u8, (Weight, BTreeSet<char>)> = BTreeMap::new();
    for (weight, text) in used {
        let key = match weight {
            Weight::Regular => 0,
            Weight::Bold => 1,
        };
        chars
            .entry(key)
            .or_insert_with(|| (weight, BTreeSet::new()))
            .1
            .extend(text.chars().filter(|c| !c.is_control()));
    }
    let mut css = String::new();
    for (weight, set) in chars.values() {
        let Some(font) = subset_with_cmap(*weight, set) else {
            continue;
        };
        let data = base64::engine::general_purpose::STANDARD.encode(font);
        let _ = write!(
            css,
            "@font-face{{font-family:'{EMBEDDED_FAMILY}';font-weight:{};font-style:normal;\
             src:url(data:font/ttf;base64,{data}) format('truetype');}}",
            if *weight == Weight::Bold {
                "bold"
            } else {
                "normal"
            }
        );
    }
    if css.is_empty() {
        return String::new();
    }
    format!("<defs><style>{css}</style></defs>\n")
}

/// The subset of the weight's font that draws `chars`, with a character map.
fn subset_with_cmap(weight: Weight, chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let font = face(weight).font();
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut map: Vec<(u32, u16)> = Vec::new();
    for &c in chars {
        let id = font.glyph_id(c);
        if id.0 == 0 {
            continue;
        }
        map.push((c as u32, remapper.remap(id.0)));
    }
    let data = font_bytes(weight);
    let subset = subsetter::subset(data, 0, &remapper).ok()?;
    let os2 = table(data, b"OS/2")?;
    let mut tables = tables(&subset)?;
    tables.retain(|(tag, _)| tag != b"cmap" && tag != b"OS/2");
    tables.push((*b"cmap", cmap(&map)));
    tables.push((*b"OS/2", os2.to_vec()));
    Some(sfnt(tables))
}

/// The tables of an sfnt file, by tag.
fn tables(font: &[u8]) -> Option<Vec<([u8; 4], Vec<u8>)>> {
    let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    (0..count)
        .map(|i| {
            let entry = font.get(12 + 16 * i..28 + 16 * i)?;
            let tag: [u8; 4] = entry[0..4].try_into().ok()?;
            let offset = u32::from_be_bytes(entry[8..12].try_into().ok()?) as usize;
            let length = u32::from_be_bytes(entry[12..16].try_into().ok()?) as usize;
            Some((tag, font.get(offset..offset.checked_add(length)?)?.to_vec()))
        })
        .collect()
}

fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    (0..count).find_map(|i| {
        let entry = font.get(12 + 16 * i..28 + 16 * i)?;
        if &entry[0..4] != tag {
            return None;
        }
        let offset = u32::from_be_bytes(entry[8..12].try_into().ok()?) as usize;
        let length = u32::from_be_bytes(entry[12..16].try_into().ok()?) as usize;
        font.get(offset..offset.checked_add(length)?)
    })
}

/// A character map: format 4 for the Basic Multilingual Plane (which every reader knows)
/// and format 12 for all characters, one entry per character.
fn cmap(map: &[(u32, u16)]) -> Vec<u8> {
    let bmp: Vec<(u16, u16)> = map
        .iter()
        .filter_map(|&(c, g)| {
            u16::try_from(c)
                .ok()
                .filter(|c| *c < 0xFFFF)
                .map(|c| (c, g))
        })
        .take(8000)
        .collect();
    // Format 4: one segment per character, then the closing 0xFFFF segment.
    let seg_count = bmp.len() as u16 + 1;
    let power = 1u16 << (15 - seg_count.leading_zeros().min(15)).min(15);
    let power = if power > seg_count { power / 2 } else { power };
    let search_range = power * 2;
    let entry_selector = power.trailing_zeros() as u16;
    let mut f4 = Vec::new();
    let push16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_be_bytes());
    push16(&mut f4, 4);
    push16(&mut f4, 16 + 8 * seg_count);
    push16(&mut f4, 0);
    push16(&mut f4, seg_count * 2);
    push16(&mut f4, search_range);
    push16(&mut f4, entry_selector);
    push16(&mut f4, seg_count * 2 - search_range);
    for &(c, _) in &bmp {
        push16(&mut f4, c);
    }
    push16(&mut f4, 0xFFFF);
    push16(&mut f4, 0);
    for &(c, _) in &bmp {
        push16(&mut f4, c);
    }
    push16(&mut f4, 0xFFFF);
    for &(c, g) in &bmp {
        push16(&mut f4, g.wrapping_sub(c));
    }
    push16(&mut f4, 1);
    for _ in 0..seg_count {
        push16(&mut f4, 0);
    }
    // Format 12.
    let mut f12 = Vec::new();
    push16(&mut f12, 12);
    push16(&mut f12, 0);
    f12.extend_from_slice(&(16 + 12 * map.len() as u32).to_be_bytes());
    f12.extend_from_slice(&0u32.to_be_bytes());
    f12.extend_from_slice(&(map.len() as u32).to_be_bytes());
    for &(c, g) in map {
        f12.extend_from_slice(&c.to_be_bytes());
        f12.extend_from_slice(&c.to_be_bytes());
        f12.extend_from_slice(&u32::from(g).to_be_bytes());
    }
    let mut out = Vec::new();
    push16(&mut out, 0);
    push16(&mut out, 2);
    let first = 4 + 8 * 2;
    for (platform, encoding, offset) in [(3u16, 1u16, first), (3, 10, first + f4.len())] {
        push16(&mut out, platform);
        push16(&mut out, encoding);
        out.extend_from_slice(&(offset as u32).to_be_bytes());
    }
    out.extend(f4);
    out.extend(f12);
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// An sfnt (TrueType) file of `tables`: sorted directory, 4-byte alignment, checksums.
fn sfnt(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let count = tables.len() as u16;
    let mut power = 1u16;
    while power * 2 <= count {
        power *= 2;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(count * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &mut tables {
        if tag == b"head" && data.len() >= 12 {
            data[8..12].copy_from_slice(&[0; 4]);
            head_at = Some(offset);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// Text drawn as glyph outlines: each glyph defined once (in font units) and placed with
/// `<use>`; the words stay in an `aria-label` for screen readers.
#[derive(Default)]
pub struct Outlines {
    defined: HashMap<(Weight, GlyphId), Option<String>>,
    order: Vec<(Weight, GlyphId)>,
}

impl Outlines {
    /// The text as a group of placed glyphs.
    pub fn text(&mut self, out: &mut String, t: &Text) {
        let f = face(t.weight);
        let width = f.width(&t.text, t.size);
        let left = match t.align {
            Align::Left => t.pos.x,
            Align::Center => t.pos.x - width / 2.0,
            Align::Right => t.pos.x - width,
        };
        let em = t.size * f.unit();
        let _ = write!(
            out,
            r#"<g role="img" aria-label="{}" fill="{}""#,
            escape(&t.text),
            t.color.hex()
        );
        if t.color.a < 255 {
            let _ = write!(
                out,
                r#" fill-opacity="{:.3}""#,
                f32::from(t.color.a) / 255.0
            );
        }
        out.push('>');
        for (id, x) in f.glyphs(&t.text, t.size) {
            let key = (t.weight, id);
            if let std::collections::hash_map::Entry::Vacant(slot) = self.defined.entry(key) {
                slot.insert(glyph_d(t.weight, id));
                self.order.push(key);
            }
            if self.defined[&key].is_none() {
                continue;
            }
            let _ = write!(
                out,
                r##"<use href="#{}" transform="translate({} {}) scale({} {})"/>"##,
                glyph_name(key),
                num(left + x),
                num(t.pos.y),
                em,
                -em
            );
        }
        out.push_str("</g>\n");
    }

    /// The glyphs used, as `<defs>`.
    pub fn defs(&self) -> String {
        let mut out = String::from("<defs>");
        for key in &self.order {
            if let Some(Some(d)) = self.defined.get(key) {
                let _ = write!(out, r#"<path id="{}" d="{d}"/>"#, glyph_name(*key));
            }
        }
        out.push_str("</defs>\n");
        out
    }
}

fn glyph_name((weight, id): (Weight, GlyphId)) -> String {
    let w = if weight == Weight::Bold { "b" } else { "r" };
    format!("g{w}{}", id.0)
}

/// A glyph's outline as path data in font units (y up); `None` for a blank glyph.
fn glyph_d(weight: Weight, id: GlyphId) -> Option<String> {
    let outline = face(weight).font().outline(id)?;
    let mut d = String::new();
    let mut last: Option<(f32, f32)> = None;
    for curve in &outline.curves {
        let (start, end) = match curve {
            OutlineCurve::Line(a, b) => (a, b),
            OutlineCurve::Quad(a, _, b) => (a, b),
            OutlineCurve::Cubic(a, _, _, b) => (a, b),
        };
        if last != Some((start.x, start.y)) {
            if last.is_some() {
                d.push('Z');
            }
            let _ = write!(d, "M{} {}", start.x, start.y);
        }
        let _ = match curve {
            OutlineCurve::Line(_, b) => write!(d, "L{} {}", b.x, b.y),
            OutlineCurve::Quad(_, c, b) => write!(d, "Q{} {} {} {}", c.x, c.y, b.x, b.y),
            OutlineCurve::Cubic(_, c1, c2, b) => {
                write!(d, "C{} {} {} {} {} {}", c1.x, c1.y, c2.x, c2.y, b.x, b.y)
            }
        };
        last = Some((end.x, end.y));
    }
    last?;
    d.push('Z');
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_maps_its_characters_to_the_same_outlines() {
        let chars: BTreeSet<char> = "NHS Vale ICB £".chars().collect();
        let font = subset_with_cmap(Weight::Regular, &chars).unwrap();
        assert!(font.len() < 20_000, "{} bytes", font.len());
        let parsed = ab_glyph::FontRef::try_from_slice(&font).expect("the subset parses");
        let original = face(Weight::Regular).font();
        for c in chars.iter().filter(|c| **c != ' ') {
            let sub = parsed.glyph_id(*c);
            assert_ne!(sub.0, 0, "{c:?} is mapped");
            let (a, b) = (
                parsed.outline(sub).unwrap().bounds,
                original.outline(original.glyph_id(*c)).unwrap().bounds,
            );
            assert_eq!((a.min, a.max), (b.min, b.max), "{c:?}");
            assert_eq!(
                parsed.h_advance_unscaled(sub),
                original.h_advance_unscaled(original.glyph_id(*c))
            );
        }
        assert_eq!(
            parsed.glyph_id('Z').0,
            0,
            "characters not used are left out"
        );
    }
}
