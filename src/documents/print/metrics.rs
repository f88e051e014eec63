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
/// or a line break a space, a zero-width space or joiner nothing. A word holding a letter the code page lacks is written in Latin letters without marks, as
/// international mail is addressed (« ŻÓŁKIEWSKIEGO » as « ZOLKIEWSKIEGO », not a half-accented
/// « ZÓLKIEWSKIEGO »: `nearest_latin`); a character with nothing near prints as "?", which the documents
/// refuse beforehand (`unprintable`).
pub fn encode(text: &str) -> Vec<u8> {
    let mut encoded = Vec::with_capacity(text.len());
    encode_into(text, &mut encoded);
    encoded
}

/// The first character of `text` that the standard fonts cannot print, not even as a near Latin letter
/// (Cyrillic, Greek, Chinese, an emoji…): a document holding one is refused rather than printed with « ? ».
pub fn unprintable(text: &str) -> Option<char> {
    encode_into(text, &mut Vec::new())
}

/// Encodes `text` word by word, a character with nothing near as "?"; returns the first such character.
/// The text is composed first (NFC), so that an « é » typed as « e » and its accent is the code page's.
fn encode_into(text: &str, encoded: &mut Vec<u8>) -> Option<char> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    // French text, the common case, is the code page's already: one byte a character, nothing composed.
    if text.chars().all(|c| code_of(c).is_some()) {
        for c in text.chars() {
            push_codes(c, false, encoded);
        }
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let composed: String = text.nfc().collect();
    let mut first_unprintable = None;
    let mut rest = composed.as_str();
    while let Some(first) = rest.chars().next() {
        let length = if is_word(first) { rest.find(|c| !is_word(c)).unwrap_or(rest.len()) } else { first.len_utf8() };
        let (piece, after) = rest.split_at(length);
        rest = after;
        let in_latin = piece.chars().any(|c| code_of(c).is_none());
        for c in piece.chars() {
            if !push_codes(c, in_latin, encoded) {
                encoded.push(b'?');
                first_unprintable.get_or_insert(c);
            }
        }
    }
    first_unprintable
}

/// Appends the WinAnsi codes `c` prints as (without its marks in a word written `in_latin`), or returns
/// false when nothing near it prints.
fn push_codes(c: char, in_latin: bool, encoded: &mut Vec<u8>) -> bool {
    match c {
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t' => encoded.push(b' '),
        '\u{2010}' | '\u{2011}' | '\u{2212}' => encoded.push(b'-'),
        // A line break the layout did not take, and the invisible joiners a pasted text may carry.
        '\n' | '\r' => encoded.push(b' '),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
        c => match (code_of(c), nearest_latin(c)) {
            (Some(_), Some(latin)) if in_latin => encoded.extend(latin),
            (Some(code), _) => encoded.push(code),
            (None, Some(latin)) => encoded.extend(latin),
            (None, None) => return false,
        },
    }
    true
}

/// The nearest WinAnsi letters of a character the code page lacks: its compatibility decomposition
/// without its marks (« ś » → « s », « İ » → « I », « ǆ » → « dž » → « dz », « ﬁ » → « fi »), or for the
/// Latin letters that do not decompose (a stroke or a bar is part of the letter, not a mark) the letter
/// they are written as in Latin-only addresses; nothing for a mark alone. None when `c` does not
/// decompose (« ß », « œ » are themselves) or a part of it is not Latin either.
fn nearest_latin(c: char) -> Option<Vec<u8>> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    const UNDECOMPOSED: [(char, &str); 26] = [
        ('Ł', "L"),
        ('ł', "l"),
        ('Đ', "D"),
        ('đ', "d"),
        ('Ɖ', "D"),
        ('ɖ', "d"),
        ('ı', "i"),
        ('Ɨ', "I"),
        ('ɨ', "i"),
        ('Ħ', "H"),
        ('ħ', "h"),
        ('Ŧ', "T"),
        ('ŧ', "t"),
        ('Ŋ', "N"),
        ('ŋ', "n"),
        ('Ə', "E"),
        ('ə', "e"),
        ('Ɛ', "E"),
        ('ɛ', "e"),
        ('ĸ', "k"),
        ('Ŀ', "L"),
        ('ŀ', "l"),
        ('Ƀ', "B"),
        ('ƀ', "b"),
        ('Ȼ', "C"),
        ('ȼ', "c"),
    ];
    if let Some((_, latin)) = UNDECOMPOSED.iter().find(|(letter, _)| *letter == c) {
        return Some(latin.bytes().collect());
    }
    let mut codes = Vec::new();
    for part in std::iter::once(c).nfkd().filter(|part| !is_combining_mark(*part)) {
        match UNDECOMPOSED.iter().find(|(letter, _)| *letter == part) {
            Some((_, latin)) => codes.extend(latin.bytes()),
            // A part that is `c` itself did not decompose: nothing nearer is known.
            None if part == c => return None,
            None => codes.push(code_of(part)?),
        }
    }
    Some(codes)
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
    fn letters_outside_the_code_page_print_as_their_nearest_latin_letters() {
        let cases = [
            ("Stolarnia Wiśniewski", Some("Stolarnia Wisniewski")),
            ("UL. ŻÓŁKIEWSKIEGO 5", Some("UL. ZOLKIEWSKIEGO 5")),
            ("90-001 ŁÓDŹ", Some("90-001 LODZ")),
            ("Mme Ayşe ŞAHİN", Some("Mme Ayse SAHIN")),
            ("Madame Şahi\u{307}n,", Some("Madame Sahin,")),
            ("Đorđević, Hałas, ıspir, Ħal Far", Some("Dordevic, Halas, ispir, Hal Far")),
            ("Ǆemal, ﬁn, Ărăduț", Some("DZemal, fin, Aradut")),
            ("Čapek a Dvořák, Ølstykke, Straße", Some("Capek a Dvorak, Ølstykke, Straße")),
            ("Clairé e\u{301}té, cœur", Some("Clairé été, cœur")),
            ("ООО Ромашка", None),
            ("Ω", None),
            ("merci 😀", None),
        ];
        for (text, expected) in cases {
            let printed = unprintable(text).is_none().then(|| printable(text));
            assert_eq!(printed.as_deref(), expected, "{text}");
        }
        assert_eq!(unprintable("Ayşe Иван"), Some('И'));
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
