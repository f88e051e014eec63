//! The standard Helvetica faces as the PDFs use them: one byte per character in WinAnsiEncoding, and the
//! width of each code measured by genpdf's font loading (rusttype) in Ardoise Sans, the window's subset of
//! Liberation Sans 2.1.5 (`ui/fonts/README.md`), whose metrics are Helvetica's. The same widths measure
//! lines for the layout and go into each font's `/Widths` array, so every PDF engine places every
//! character where the layout did, whatever font it draws Helvetica with. Widths are kept as integers in
//! thousandths of an em, as in Helvetica's own metrics; the one conversion from genpdf's millimetres is in
//! `FaceMetrics::read`.
//!
//! genpdf measures; it does not write the PDF: genpdf 0.2 draws the standard fonts through printpdf as
//! two-byte codes, which Ghostscript reads as a 0x00 before every character (`pdf.rs` writes the file).

// genpdf gives lengths in millimetres as floats: the one conversion to thousandths of an em rounds them.
#![allow(clippy::float_arithmetic)]

use std::collections::HashMap;
use std::sync::OnceLock;

/// The first code a PDF font's `/Widths` array describes (the space); codes below are control codes.
pub const FIRST_CODE: u8 = 32;

/// Regular or bold: the two faces every document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    pub const ALL: [Face; 2] = [Face::Regular, Face::Bold];

    pub fn of(bold: bool) -> Face {
        if bold {
            Face::Bold
        } else {
            Face::Regular
        }
    }

    /// The standard PDF font drawn for this face.
    pub fn base_font(self) -> &'static str {
        match self {
            Face::Regular => "Helvetica",
            Face::Bold => "Helvetica-Bold",
        }
    }

    /// The resource name of the face in every page's font dictionary.
    pub fn resource_name(self) -> &'static str {
        match self {
            Face::Regular => "F1",
            Face::Bold => "F2",
        }
    }

    /// Measures of the face, read once.
    pub fn metrics(self) -> &'static FaceMetrics {
        static FACES: OnceLock<[FaceMetrics; 2]> = OnceLock::new();
        let faces = FACES.get_or_init(|| {
            [
                FaceMetrics::read(include_bytes!("../../../ui/fonts/ArdoiseSans-Regular.ttf")),
                FaceMetrics::read(include_bytes!("../../../ui/fonts/ArdoiseSans-Bold.ttf")),
            ]
        });
        &faces[self as usize]
    }
}

/// What the layout and the writer need of a face, in thousandths of an em.
#[derive(Debug, Clone)]
pub struct FaceMetrics {
    /// Advance width of each WinAnsi code from `FIRST_CODE` to 255 (0 where the code page has no character).
    pub widths: Vec<u16>,
    /// Ascender plus descender (hhea): the distance from the top of a line box to its baseline.
    pub line_box: u16,
}

impl FaceMetrics {
    fn read(data: &[u8]) -> FaceMetrics {
        use genpdf::fonts::{FontCache, FontData, FontFamily};
        let data = FontData::new(data.to_vec(), None).expect("the bundled font loads");
        let cache = FontCache::new(FontFamily {
            regular: data.clone(),
            bold: data.clone(),
            italic: data.clone(),
            bold_italic: data,
        });
        let font = cache.default_font_family().regular;
        // Measured at 100 pt, a width in points is ten times its thousandths of an em.
        const SIZE: u8 = 100;
        let thousandths = |length: genpdf::Mm| {
            let points = printpdf::Pt::from(length).0;
            (points * 1000.0 / f64::from(SIZE)).round() as u16
        };
        let widths = (FIRST_CODE..=255)
            .map(|code| {
                decode(code)
                    .filter(|c| cache.get_rt_font(font).glyph(*c).id().0 != 0)
                    .map_or(0, |c| thousandths(font.char_width(&cache, c, SIZE)))
            })
            .collect();
        FaceMetrics { widths, line_box: thousandths(font.glyph_height(SIZE)) }
    }

    /// Width of WinAnsi-encoded text in thousandths of an em.
    pub fn width(&self, encoded: &[u8]) -> u32 {
        encoded
            .iter()
            .filter(|&&code| code >= FIRST_CODE)
            .map(|&code| u32::from(self.widths[usize::from(code - FIRST_CODE)]))
            .sum()
    }
}

/// Text as the standard fonts draw it: one WinAnsi byte per character. No-break spaces (U+00A0, U+202F,
/// and the thin space) are written as plain spaces, so that every engine extracts an ordinary space and
/// draws the same width; the layout never breaks a line at them. A non-breaking hyphen is a hyphen, a tab
/// a space, and a character the code page lacks prints as "?".
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t' => b' ',
            '\u{2011}' => b'-',
            c => code_of(c).unwrap_or(b'?'),
        })
        .collect()
}

/// The text as it will print, decoded back (what `encode` keeps of it).
pub fn printable(text: &str) -> String {
    encode(text).into_iter().filter_map(decode).collect()
}

/// The WinAnsi code of a character, from the Windows-1252 table of `encoding_rs` (controls excluded).
fn code_of(c: char) -> Option<u8> {
    static CODES: OnceLock<HashMap<char, u8>> = OnceLock::new();
    CODES.get_or_init(|| (FIRST_CODE..=255).filter_map(|code| Some((decode(code)?, code))).collect()).get(&c).copied()
}

/// The character of a WinAnsi code; none for the control codes and the five codes Windows-1252 leaves
/// undefined (which `encoding_rs` decodes to C1 controls).
fn decode(code: u8) -> Option<char> {
    let bytes = [code];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.chars().next().filter(|c| !c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_is_one_byte_a_character() {
        let cases = [
            ("Clairé", vec![b'C', b'l', b'a', b'i', b'r', 0xE9]),
            ("œ € « » ’ à ç", vec![0x9C, b' ', 0x80, b' ', 0xAB, b' ', 0xBB, b' ', 0x92, b' ', 0xE0, b' ', 0xE7]),
            ("1\u{202f}240,00\u{a0}€", b"1 240,00 \x80".to_vec()),
            ("Ω → 😀", vec![b'?', b' ', b'?', b' ', b'?']),
        ];
        for (text, expected) in cases {
            assert_eq!(encode(text), expected, "{text}");
        }
        assert_eq!(printable("1\u{202f}240,00\u{a0}€ → ok"), "1 240,00 € ? ok");
    }

    #[test]
    fn widths_are_helveticas() {
        // Helvetica's metrics (Adobe's AFM): space 278, A 667, a 556, é 556, € 556; bold A 722, a 556.
        let regular = Face::Regular.metrics();
        let bold = Face::Bold.metrics();
        for (text, width) in [(" ", 278), ("A", 667), ("a", 556), ("é", 556), ("€", 556), ("W", 944)] {
            assert_eq!(regular.width(&encode(text)), width, "{text}");
        }
        assert_eq!(bold.width(&encode("A")), 722);
        assert_eq!(regular.line_box, 1117);
    }
}
