//! Page geometry and drawing with genpdf: the only module of the core that uses floating point, because
//! PDF coordinates are millimetres as `f64` (genpdf's `Mm`). Money never enters here as a number: amounts
//! arrive already formatted as text. Layout first (pages of drawing operations, so that "2/3" knows its
//! total), then drawing with the standard Helvetica (WinAnsi), measured with Liberation Sans, whose
//! metrics are Helvetica's: no font is embedded and a letter weighs tens of kilobytes.

// Millimetres are floats here by nature (see the module comment); the workspace warns on float arithmetic
// to keep money exact everywhere else.
#![allow(clippy::float_arithmetic)]

use genpdf::fonts::{FontCache, FontData, FontFamily};
use genpdf::render::Renderer;
use genpdf::style::Style;
use genpdf::{Position, Rotation, Scale, Size};
use image::{DynamicImage, GenericImageView};
use std::sync::Arc;
use std::sync::OnceLock;

const PAGE_WIDTH: f64 = 210.0;
const PAGE_HEIGHT: f64 = 297.0;
const LEFT: f64 = 20.0;
const RIGHT: f64 = 190.0;
const TOP_NEXT_PAGES: f64 = 20.0;
const BOTTOM: f64 = 272.0;
/// The window block (print.md): left edge, first line, greatest width.
pub const WINDOW_X: f64 = 110.0;
pub const WINDOW_Y: f64 = 55.0;
pub const WINDOW_WIDTH: f64 = 85.0;
/// Fold marks for a DL envelope.
const FOLDS: [f64; 2] = [99.0, 198.0];
const BODY_SIZE: u8 = 10;
const SMALL_SIZE: u8 = 8;

/// A column's share of a table's width.
pub type Share = f64;

/// A share from tenths (14 → 1.4).
pub fn share(tenths: u8) -> Share {
    f64::from(tenths) / 10.0
}

/// Millimetres from an exact decimal setting.
pub fn mm(value: rust_decimal::Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    value.to_f64().unwrap_or(0.0)
}

/// One thing to draw on a page, in millimetres from the top-left corner.
#[derive(Debug, Clone)]
pub enum Op {
    Text {
        x: f64,
        y: f64,
        size: u8,
        bold: bool,
        text: String,
    },
    /// Text whose right edge is at `x`.
    TextRight {
        x: f64,
        y: f64,
        size: u8,
        bold: bool,
        text: String,
    },
    Line {
        from: (f64, f64),
        to: (f64, f64),
    },
    /// An image whose top-left corner is at (`x`, `y`), `width` millimetres wide.
    Image {
        x: f64,
        y: f64,
        width: f64,
        image: Arc<DynamicImage>,
    },
}

/// A whole letter as blocks the layout places; built by `print/mod.rs` from a `Letter`.
#[derive(Debug, Clone, Default)]
pub struct LetterLayout {
    pub sender_title: String,
    pub sender_lines: Vec<String>,
    pub recipient_lines: Vec<String>,
    pub place_and_date: String,
    /// The LRAR line, empty for other dispatches.
    pub registered_line: String,
    pub subject: String,
    pub references: String,
    /// Paragraphs; "- " items hang, "[saut de page]" starts a new page.
    pub body: Vec<String>,
    pub signature_lines: Vec<String>,
    /// The signature image, drawn in the room left under the name for a handwritten signature.
    pub signature: Option<Arc<DynamicImage>>,
    pub enclosures: String,
    pub tables: Vec<Table>,
    /// Offsets of the window block in millimetres (other envelopes).
    pub offset_x: f64,
    pub offset_y: f64,
}

/// An annex table: a title, column headers with their share of the width and alignment, rows, and an
/// optional last row in bold (totals).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub title: String,
    pub columns: Vec<(String, f64, bool)>,
    pub rows: Vec<Vec<String>>,
    pub bold_rows_from: Option<usize>,
}

/// The fonts, read once: Liberation Sans for the metrics, drawn as the PDF's own Helvetica.
fn font_family() -> &'static FontFamily<FontData> {
    static FAMILY: OnceLock<FontFamily<FontData>> = OnceLock::new();
    FAMILY.get_or_init(|| {
        let regular = include_bytes!("fonts/LiberationSans-Regular.ttf");
        let bold = include_bytes!("fonts/LiberationSans-Bold.ttf");
        let font =
            |data: &[u8], builtin| FontData::new(data.to_vec(), Some(builtin)).expect("the embedded font parses");
        use printpdf::BuiltinFont::*;
        FontFamily {
            regular: font(regular, Helvetica),
            bold: font(bold, HelveticaBold),
            italic: font(regular, HelveticaOblique),
            bold_italic: font(bold, HelveticaBoldOblique),
        }
    })
}

/// Measures text and lays out letters into pages of operations.
#[derive(Debug)]
pub struct Composer {
    fonts: FontCache,
}

impl Default for Composer {
    fn default() -> Self {
        Composer { fonts: FontCache::new(font_family().clone()) }
    }
}

impl Composer {
    fn width(&self, text: &str, size: u8, bold: bool) -> f64 {
        let style = if bold { Style::new().bold() } else { Style::new() }.with_font_size(size);
        f64::from(style.str_width(&self.fonts, &printable(text)))
    }

    /// Greedy word wrap within `width` millimetres; an over-long word is cut.
    fn wrap(&self, text: &str, width: f64, size: u8, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if self.width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if self.width(&piece, size, bold) > width {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The largest size from 10 pt down to 7 pt at which every line fits `width`.
    fn fitting_size(&self, lines: &[String], width: f64) -> u8 {
        (7..=BODY_SIZE).rev().find(|size| lines.iter().all(|l| self.width(l, *size, false) <= width)).unwrap_or(7)
    }

    /// The pages of one letter; the page numbers "2/3" are added once the count is known.
    pub fn layout(&self, letter: &LetterLayout) -> Vec<Vec<Op>> {
        let mut flow = Flow { pages: vec![Vec::new()], y: 0.0 };
        self.first_page_head(letter, &mut flow);
        for paragraph in &letter.body {
            if paragraph.trim() == "[saut de page]" {
                flow.new_page();
                continue;
            }
            self.paragraph(&mut flow, paragraph, BODY_SIZE, false);
            flow.y += 1.6;
        }
        flow.y += 2.0;
        let line = line_height(BODY_SIZE);
        flow.ensure(line * (letter.signature_lines.len() as f64) + 18.0);
        for (index, text) in letter.signature_lines.iter().enumerate() {
            flow.push(Op::Text { x: 120.0, y: flow.y, size: BODY_SIZE, bold: index == 0, text: text.clone() });
            flow.y += line;
        }
        if let Some(image) = &letter.signature {
            // Fit the room left for a handwritten signature: 50 × 16 mm.
            let ratio = f64::from(image.height().max(1)) / f64::from(image.width().max(1));
            let width = 50.0_f64.min(16.0 / ratio);
            flow.push(Op::Image { x: 120.0, y: flow.y + 1.0, width, image: image.clone() });
        }
        flow.y += 18.0;
        if !letter.enclosures.is_empty() {
            self.paragraph(&mut flow, &letter.enclosures, 9, false);
        }
        for table in &letter.tables {
            self.table(&mut flow, table);
        }
        let count = flow.pages.len();
        for (index, page) in flow.pages.iter_mut().enumerate() {
            for y in FOLDS {
                page.push(Op::Line { from: (4.0, y), to: (9.0, y) });
            }
            if index > 0 {
                let text = format!("{}/{count}", index + 1);
                page.push(Op::TextRight { x: RIGHT, y: 285.0, size: SMALL_SIZE, bold: false, text });
                page.push(Op::Text {
                    x: LEFT,
                    y: 285.0,
                    size: SMALL_SIZE,
                    bold: false,
                    text: letter.sender_title.clone(),
                });
            }
        }
        flow.pages
    }

    fn first_page_head(&self, letter: &LetterLayout, flow: &mut Flow) {
        let mut y = 15.0;
        for line in self.wrap(&letter.sender_title, 80.0, 11, true) {
            flow.push(Op::Text { x: LEFT, y, size: 11, bold: true, text: line });
            y += line_height(11);
        }
        for sender_line in &letter.sender_lines {
            for line in self.wrap(sender_line, 80.0, SMALL_SIZE + 1, false) {
                if y > 86.0 {
                    break;
                }
                flow.push(Op::Text { x: LEFT, y, size: SMALL_SIZE + 1, bold: false, text: line });
                y += line_height(SMALL_SIZE + 1);
            }
        }
        let size = self.fitting_size(&letter.recipient_lines, WINDOW_WIDTH);
        let mut window_y = WINDOW_Y + letter.offset_y;
        for line in &letter.recipient_lines {
            flow.push(Op::Text { x: WINDOW_X + letter.offset_x, y: window_y, size, bold: false, text: line.clone() });
            window_y += line_height(size);
        }
        flow.y = 95.0;
        flow.push(Op::Text {
            x: WINDOW_X,
            y: flow.y,
            size: BODY_SIZE,
            bold: false,
            text: letter.place_and_date.clone(),
        });
        flow.y = y.max(flow.y) + 8.0;
        if !letter.registered_line.is_empty() {
            self.paragraph(flow, &letter.registered_line, BODY_SIZE, true);
            flow.y += 1.5;
        }
        self.paragraph(flow, &format!("Objet : {}", letter.subject), BODY_SIZE, true);
        if !letter.references.is_empty() {
            self.paragraph(flow, &format!("Références : {}", letter.references), 9, false);
        }
        flow.y += 5.0;
    }

    /// A paragraph of lines; "- " items and "  " sub-items hang under their text.
    fn paragraph(&self, flow: &mut Flow, paragraph: &str, size: u8, bold: bool) {
        let line = line_height(size);
        for source_line in paragraph.lines() {
            let (indent, text) = if let Some(rest) = source_line.strip_prefix("  ") {
                (8.0, rest.trim_start().to_string())
            } else {
                (0.0, source_line.to_string())
            };
            let (bullet, text) = match text.strip_prefix("- ") {
                Some(rest) => (true, rest.to_string()),
                None => (false, text),
            };
            let text_x = LEFT + indent + if bullet { 4.0 } else { 0.0 };
            for (index, wrapped) in self.wrap(&text, RIGHT - text_x, size, bold).into_iter().enumerate() {
                flow.ensure(line);
                if bullet && index == 0 {
                    flow.push(Op::Text { x: LEFT + indent, y: flow.y, size, bold, text: "–".into() });
                }
                flow.push(Op::Text { x: text_x, y: flow.y, size, bold, text: wrapped });
                flow.y += line;
            }
        }
    }

    fn table(&self, flow: &mut Flow, table: &Table) {
        let size = SMALL_SIZE;
        let line = line_height(size) + 0.6;
        flow.y += 4.0;
        flow.ensure(line * 4.0);
        flow.push(Op::Text { x: LEFT, y: flow.y, size: 10, bold: true, text: table.title.clone() });
        flow.y += line_height(10) + 1.0;
        let shares: f64 = table.columns.iter().map(|(_, share, _)| share).sum();
        let mut edges = vec![LEFT];
        for (_, share, _) in &table.columns {
            edges.push(edges.last().unwrap() + (RIGHT - LEFT) * share / shares);
        }
        let cells = |flow: &mut Flow, row: &[String], bold: bool| {
            for (index, (text, (_, _, right))) in row.iter().zip(&table.columns).enumerate() {
                // A label followed by empty cells spreads over them (the totals rows).
                let span = row[index + 1..].iter().take_while(|cell| cell.is_empty()).count();
                let end = if *right { index + 1 } else { (index + 1 + span).min(edges.len() - 1) };
                let room = edges[end] - edges[index] - 1.5;
                let text = self.wrap(text, room, size, bold).into_iter().next().unwrap_or_default();
                if *right {
                    flow.push(Op::TextRight { x: edges[index + 1] - 1.0, y: flow.y, size, bold, text });
                } else {
                    flow.push(Op::Text { x: edges[index] + 0.5, y: flow.y, size, bold, text });
                }
            }
            flow.y += line;
        };
        let header: Vec<String> = table.columns.iter().map(|(name, _, _)| name.clone()).collect();
        cells(flow, &header, true);
        flow.push(Op::Line { from: (LEFT, flow.y - 0.8), to: (RIGHT, flow.y - 0.8) });
        for (index, row) in table.rows.iter().enumerate() {
            if flow.ensure(line) {
                cells(flow, &header, true);
            }
            cells(flow, row, table.bold_rows_from.is_some_and(|from| index >= from));
        }
    }

    /// The calibration page: a frame where the envelope's window must show, with the offsets applied.
    pub fn calibration(&self, offset_x: f64, offset_y: f64, lines: &[String]) -> Vec<Op> {
        let mut ops = Vec::new();
        let mut y = 20.0;
        for line in lines {
            for wrapped in self.wrap(line, 80.0, 9, false) {
                ops.push(Op::Text { x: LEFT, y, size: 9, bold: false, text: wrapped });
                y += line_height(9);
            }
        }
        let (x0, y0) = (WINDOW_X + offset_x, WINDOW_Y + offset_y);
        let (x1, y1) = (x0 + WINDOW_WIDTH, y0 + 25.0);
        for (from, to) in [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))] {
            ops.push(Op::Line { from, to });
        }
        for y in FOLDS {
            ops.push(Op::Line { from: (4.0, y), to: (9.0, y) });
        }
        ops
    }

    /// Draws pages into one PDF.
    pub fn draw(&self, title: &str, pages: &[Vec<Op>]) -> Result<Vec<u8>, String> {
        let size = Size::new(PAGE_WIDTH, PAGE_HEIGHT);
        let mut renderer = Renderer::new(size, title).map_err(|e| e.to_string())?.with_conformance(
            printpdf::PdfConformance::Custom(printpdf::CustomPdfConformance {
                requires_icc_profile: false,
                requires_xmp_metadata: false,
                ..Default::default()
            }),
        );
        let mut fonts = FontCache::new(font_family().clone());
        fonts.load_pdf_fonts(&renderer).map_err(|e| e.to_string())?;
        for (index, page) in pages.iter().enumerate() {
            if index > 0 {
                renderer.add_page(size);
            }
            let area = renderer.get_page(index).expect("the page just added").first_layer().area();
            for op in page {
                match op {
                    Op::Text { x, y, size, bold, text } => print(&area, &fonts, *x, *y, *size, *bold, text)?,
                    Op::TextRight { x, y, size, bold, text } => {
                        let left = x - self.width(text, *size, *bold);
                        print(&area, &fonts, left, *y, *size, *bold, text)?
                    }
                    Op::Line { from, to } => {
                        area.draw_line(vec![Position::new(from.0, from.1), Position::new(to.0, to.1)], Style::new())
                    }
                    Op::Image { x, y, width, image } => {
                        let height = width * f64::from(image.height()) / f64::from(image.width().max(1));
                        let dpi = f64::from(image.width()) * 25.4 / width;
                        // genpdf places an image by its bottom-left corner.
                        let bottom_left = Position::new(*x, y + height);
                        area.add_image(image, bottom_left, Scale::new(1, 1), Rotation::default(), Some(dpi));
                    }
                }
            }
        }
        let mut bytes = Vec::new();
        renderer.write(&mut bytes).map_err(|e| e.to_string())?;
        Ok(bytes)
    }
}

fn print(
    area: &genpdf::render::Area<'_>,
    fonts: &FontCache,
    x: f64,
    y: f64,
    size: u8,
    bold: bool,
    text: &str,
) -> Result<(), String> {
    let style = if bold { Style::new().bold() } else { Style::new() }.with_font_size(size);
    area.print_str(fonts, Position::new(x, y), style, printable(text)).map_err(|e| e.to_string())?;
    Ok(())
}

/// Line height in millimetres for a size in points (1.2 × the size; 1 pt = 0.3528 mm).
fn line_height(size: u8) -> f64 {
    f64::from(size) * 0.3528 * 1.25
}

/// Text the standard fonts can draw (WinAnsi): no-break spaces become spaces (lopdf refuses them),
/// typographic dashes and quotes stay, anything else outside the code page becomes "?".
pub fn printable(text: &str) -> String {
    const EXTRA: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
    text.chars()
        .map(|c| match c {
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t' => ' ',
            '\u{2011}' => '-',
            c if (' '..='~').contains(&c) || ('\u{a1}'..='\u{ff}').contains(&c) || EXTRA.contains(c) => c,
            _ => '?',
        })
        .collect()
}

/// Pages being filled top to bottom.
struct Flow {
    pages: Vec<Vec<Op>>,
    y: f64,
}

impl Flow {
    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("at least one page").push(op);
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP_NEXT_PAGES;
    }

    /// Starts a new page unless `height` fits; true when it did.
    fn ensure(&mut self, height: f64) -> bool {
        if self.y + height > BOTTOM {
            self.new_page();
            true
        } else {
            false
        }
    }
}
