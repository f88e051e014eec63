//! Page geometry and layout: the only module of the core, with the PDF writer (`pdf.rs`), that uses
//! floating point, because page coordinates are millimetres as `f64`. Money never enters here as a number:
//! amounts arrive already formatted as text. A letter becomes pages of drawing operations (so that "2/3"
//! knows its total), measured with the standard Helvetica's widths (`metrics.rs`); `pdf.rs` writes them.

// Millimetres are floats here by nature (see the module comment); the workspace warns on float arithmetic
// to keep money exact everywhere else.
#![allow(clippy::float_arithmetic)]

use super::metrics::{self, Face};
use image::{DynamicImage, GenericImageView};
use std::sync::Arc;

/// A4 portrait.
pub const PAGE_WIDTH: f64 = 210.0;
pub const PAGE_HEIGHT: f64 = 297.0;
const LEFT: f64 = 20.0;
const RIGHT: f64 = 190.0;
const TOP_NEXT_PAGES: f64 = 20.0;
const BOTTOM: f64 = 272.0;
/// Top of the footer line (sender, page number): its baseline is about 3 mm lower, its descenders stay
/// above the 10 mm bottom margin home printers need.
const FOOTER_Y: f64 = 280.0;
/// The window block (print.md): left edge, first line, greatest width.
pub const WINDOW_X: f64 = 110.0;
pub const WINDOW_Y: f64 = 55.0;
pub const WINDOW_WIDTH: f64 = 85.0;
/// Fold marks for a DL envelope.
const FOLDS: [f64; 2] = [99.0, 198.0];
const BODY_SIZE: u8 = 10;
const SMALL_SIZE: u8 = 8;
const ENCLOSURES_SIZE: u8 = 9;
/// A report's title.
const TITLE_SIZE: u8 = 14;
/// Space after each paragraph of the body.
const PARAGRAPH_GAP: f64 = 1.6;
/// Room under the sender's name for a handwritten signature (or the stored image).
const SIGNATURE_ROOM: f64 = 18.0;
/// The largest logo printed at the top of the sender block, in millimetres.
const LOGO_WIDTH: f64 = 45.0;
const LOGO_HEIGHT: f64 = 18.0;

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
    /// The sender's logo, drawn at the top of the sender block, above the name.
    pub logo: Option<Arc<DynamicImage>>,
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

/// A report (a book of the month): the letters' page and fonts without window, fold marks or signature.
/// Page 1 opens with the owner's identity, the title and the lines under it (the period, the day it was
/// printed); every page ends with the footer and its number « 2/3 »; tables wrap their cells on several
/// lines and repeat their header on each page.
#[derive(Debug, Clone, Default)]
pub struct ReportLayout {
    /// The owner's name, with the « EI » mention.
    pub owner: String,
    /// Under the name on page 1: trade name, address, SIREN, VAT mention.
    pub owner_lines: Vec<String>,
    pub title: String,
    /// Under the title: the period, the printing date.
    pub lines: Vec<String>,
    pub paragraphs: Vec<String>,
    pub tables: Vec<Table>,
    /// At the foot of every page, left of its number: whose book, which one, which period.
    pub footer: String,
}

/// A character a document cannot print, not even as a near Latin letter (`metrics::unprintable`), with
/// where it is: the field, as a French phrase (« de l'adresse du destinataire »), and the word holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unprintable {
    pub character: char,
    pub field: String,
    pub word: String,
}

impl LetterLayout {
    /// The first character of the letter that would print as « ? », and where it is.
    pub fn unprintable(&self) -> Option<Unprintable> {
        let mut fields: Vec<(String, &str)> = vec![("du nom de l'expéditeur (profil)".into(), &self.sender_title)];
        fields.extend(
            self.sender_lines.iter().map(|line| ("des coordonnées de l'expéditeur (profil)".into(), line.as_str())),
        );
        fields.extend(self.recipient_lines.iter().map(|line| ("de l'adresse du destinataire".into(), line.as_str())));
        fields.push(("du lieu et de la date".into(), &self.place_and_date));
        fields.push(("du numéro de recommandé".into(), &self.registered_line));
        fields.push(("de l'objet".into(), &self.subject));
        fields.push(("des références".into(), &self.references));
        fields.extend(self.body.iter().map(|paragraph| ("du texte".into(), paragraph.as_str())));
        fields.extend(self.signature_lines.iter().map(|line| ("de la signature".into(), line.as_str())));
        fields.push(("des pièces jointes".into(), &self.enclosures));
        fields.extend(self.tables.iter().flat_map(Table::fields));
        first_unprintable(fields)
    }
}

impl ReportLayout {
    /// The first character of the report that would print as « ? », and where it is.
    pub fn unprintable(&self) -> Option<Unprintable> {
        let mut fields: Vec<(String, &str)> = vec![("du nom du titulaire".into(), &self.owner)];
        fields.extend(self.owner_lines.iter().map(|line| ("des coordonnées du titulaire".into(), line.as_str())));
        fields.push(("du titre".into(), &self.title));
        fields.extend(self.lines.iter().map(|line| ("de l'en-tête".into(), line.as_str())));
        fields.extend(self.paragraphs.iter().map(|paragraph| ("du texte".into(), paragraph.as_str())));
        fields.extend(self.tables.iter().flat_map(Table::fields));
        fields.push(("du pied de page".into(), &self.footer));
        first_unprintable(fields)
    }
}

impl Table {
    /// The table's texts, each with its field: the title, a header, or a cell named by its column.
    fn fields(&self) -> Vec<(String, &str)> {
        let title = &self.title;
        let mut fields = vec![(format!("du titre du tableau « {title} »"), title.as_str())];
        fields.extend(self.columns.iter().map(|(name, _, _)| (format!("du tableau « {title} »"), name.as_str())));
        for row in &self.rows {
            for (index, cell) in row.iter().enumerate() {
                let column = self.columns.get(index).map_or("", |(name, _, _)| name.as_str());
                fields.push((format!("de la colonne « {column} » du tableau « {title} »"), cell.as_str()));
            }
        }
        fields
    }
}

/// The first unprintable character of the fields, in their order.
fn first_unprintable(fields: Vec<(String, &str)>) -> Option<Unprintable> {
    fields.into_iter().find_map(|(field, text)| {
        let character = metrics::unprintable(text)?;
        let word = text.split_whitespace().find(|word| word.contains(character)).unwrap_or(text).to_string();
        Some(Unprintable { character, field, word })
    })
}

/// The words of `text` as a line may break between them: the space before a closing guillemet or a
/// double punctuation mark, and the one after an opening guillemet, do not separate words (a template or
/// a user's text may write them as plain spaces).
fn french_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut glue_next = false;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let sticks_back = word.starts_with(['»', ':', ';', '!', '?']);
        match words.last_mut() {
            Some(last) if glue_next || sticks_back => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
        glue_next = word == "«";
    }
    words
}

/// Measures text and lays out letters into pages of operations.
#[derive(Debug, Default)]
pub struct Composer;

impl Composer {
    /// Width in millimetres of `text` as it prints.
    pub fn width(&self, text: &str, size: u8, bold: bool) -> f64 {
        text_width(text, size, bold)
    }

    /// Greedy word wrap within `width` millimetres; an over-long word is cut. French punctuation keeps to
    /// its word: a line never starts with « » », « : », « ; », « ! » or « ? », nor ends with « « ».
    fn wrap(&self, text: &str, width: f64, size: u8, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in french_words(text) {
            let word = word.as_str();
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

    /// The pages of one letter; the page numbers "2/3" are added once the count is known. The letter is
    /// signed under its closing formula (the last paragraph when none is recognised); the closing block
    /// (that paragraph, the signature, the enclosures) is kept together with at least the last two lines
    /// of the paragraph before it, so it never starts a page alone. What follows the closing formula (the
    /// agreement form of a payment plan, after a page break, or a postscript) comes next, then the annex
    /// tables.
    pub fn layout(&self, letter: &LetterLayout) -> Vec<Vec<Op>> {
        let mut flow = Flow { pages: vec![Vec::new()], y: 0.0 };
        self.first_page_head(letter, &mut flow);
        let line = line_height(BODY_SIZE);
        let signature_height = line * (letter.signature_lines.len() as f64) + SIGNATURE_ROOM;
        let enclosures_height = if letter.enclosures.is_empty() {
            0.0
        } else {
            self.paragraph_lines(&letter.enclosures, ENCLOSURES_SIZE, false).len() as f64 * line_height(ENCLOSURES_SIZE)
        };
        let closing = PARAGRAPH_GAP + 2.0 + signature_height + enclosures_height;
        let signed_after = letter
            .body
            .iter()
            .rposition(|paragraph| is_closing_formula(paragraph))
            .map_or(letter.body.len(), |index| index + 1);
        let (letter_body, after_signature) = letter.body.split_at(signed_after);
        let keeps = self.keeps(letter_body, closing);
        for (paragraph, keep) in letter_body.iter().zip(keeps) {
            self.body_paragraph(&mut flow, paragraph, keep);
        }
        flow.y += 2.0;
        flow.ensure(signature_height + enclosures_height);
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
        flow.y += SIGNATURE_ROOM;
        if !letter.enclosures.is_empty() {
            self.paragraph(&mut flow, &letter.enclosures, ENCLOSURES_SIZE, false, 0.0);
        }
        // A form on pages of its own (after a page break) ends with room for the recipient's signature; a
        // postscript just follows.
        let form = after_signature.iter().any(|paragraph| is_page_break(paragraph));
        let room = if form { SIGNATURE_ROOM } else { 0.0 };
        let last = after_signature.iter().rposition(|paragraph| !is_page_break(paragraph));
        for (index, paragraph) in after_signature.iter().enumerate() {
            self.body_paragraph(&mut flow, paragraph, if Some(index) == last { room } else { 0.0 });
        }
        flow.y += room;
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
                page.push(Op::TextRight { x: RIGHT, y: FOOTER_Y, size: SMALL_SIZE, bold: false, text });
                page.push(Op::Text {
                    x: LEFT,
                    y: FOOTER_Y,
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
        if let Some(logo) = &letter.logo {
            // At most 45 × 18 mm, above the sender's name; the block below moves down by its height.
            let ratio = f64::from(logo.height().max(1)) / f64::from(logo.width().max(1));
            let width = LOGO_WIDTH.min(LOGO_HEIGHT / ratio);
            flow.push(Op::Image { x: LEFT, y: 10.0, width, image: logo.clone() });
            y = 10.0 + width * ratio + 3.0;
        }
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
            self.paragraph(flow, &letter.registered_line, BODY_SIZE, true, 0.0);
            flow.y += 1.5;
        }
        self.paragraph(flow, &format!("Objet : {}", letter.subject), BODY_SIZE, true, 0.0);
        if !letter.references.is_empty() {
            self.paragraph(flow, &format!("Références : {}", letter.references), 9, false, 0.0);
        }
        flow.y += 5.0;
    }

    /// For each paragraph of the body, the height of what must follow its last two lines on the same
    /// page: the closing block for the last paragraph, the last paragraph and the closing block for the one
    /// before (unless a page break stands between them). Nothing is kept when the block would not fit on
    /// an empty page.
    fn keeps(&self, body: &[String], closing: f64) -> Vec<f64> {
        let mut keeps = vec![0.0; body.len()];
        let Some(last) = body.iter().rposition(|p| !is_page_break(p)) else {
            return keeps;
        };
        let last_height = self.paragraph_lines(&body[last], BODY_SIZE, false).len() as f64 * line_height(BODY_SIZE);
        let block = 2.0 * line_height(BODY_SIZE) + PARAGRAPH_GAP + last_height + closing;
        if block > BOTTOM - TOP_NEXT_PAGES {
            return keeps;
        }
        keeps[last] = closing;
        if last > 0 && !is_page_break(&body[last - 1]) {
            keeps[last - 1] = PARAGRAPH_GAP + last_height + closing;
        }
        keeps
    }

    /// A paragraph of the body, or a page break.
    fn body_paragraph(&self, flow: &mut Flow, paragraph: &str, keep: f64) {
        if is_page_break(paragraph) {
            flow.new_page();
        } else {
            self.paragraph(flow, paragraph, BODY_SIZE, false, keep);
            flow.y += PARAGRAPH_GAP;
        }
    }

    /// A paragraph's lines as placed: "- " items and "  " sub-items hang under their text.
    fn paragraph_lines(&self, paragraph: &str, size: u8, bold: bool) -> Vec<PlacedLine> {
        let mut placed = Vec::new();
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
            let x = LEFT + indent + if bullet { 4.0 } else { 0.0 };
            for (index, wrapped) in self.wrap(&text, RIGHT - x, size, bold).into_iter().enumerate() {
                let bullet_x = (bullet && index == 0).then_some(LEFT + indent);
                placed.push(PlacedLine { x, bullet_x, text: wrapped });
            }
        }
        placed
    }

    /// Places a paragraph; its last two lines move to the next page unless `keep` millimetres fit after them.
    fn paragraph(&self, flow: &mut Flow, paragraph: &str, size: u8, bold: bool, keep: f64) {
        let line = line_height(size);
        let lines = self.paragraph_lines(paragraph, size, bold);
        let count = lines.len();
        let tail_from = count.saturating_sub(2);
        for (index, placed) in lines.into_iter().enumerate() {
            if index == tail_from && keep > 0.0 {
                flow.ensure(line * (count - index) as f64 + keep);
            } else {
                flow.ensure(line);
            }
            if let Some(x) = placed.bullet_x {
                flow.push(Op::Text { x, y: flow.y, size, bold, text: "–".into() });
            }
            flow.push(Op::Text { x: placed.x, y: flow.y, size, bold, text: placed.text });
            flow.y += line;
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
        // Each cell wraps within its room: a row is as tall as its tallest cell, never cut.
        let cells = |flow: &mut Flow, row: &[String], bold: bool, header: &[String]| {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .enumerate()
                .map(|(index, text)| {
                    let room = edges[cell_end(row, index, &table.columns)] - edges[index] - 1.5;
                    self.wrap(text, room, size, bold)
                })
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1) as f64 * line;
            if flow.ensure(height) && !header.is_empty() {
                self.table_header(flow, header, &table.columns, &edges, line);
            }
            for (index, (lines, (_, _, right))) in wrapped.into_iter().zip(&table.columns).enumerate() {
                for (number, text) in lines.into_iter().enumerate() {
                    let y = flow.y + number as f64 * line;
                    if *right {
                        flow.push(Op::TextRight { x: edges[index + 1] - 1.0, y, size, bold, text });
                    } else {
                        flow.push(Op::Text { x: edges[index] + 0.5, y, size, bold, text });
                    }
                }
            }
            flow.y += height;
        };
        let header: Vec<String> = table.columns.iter().map(|(name, _, _)| name.clone()).collect();
        cells(flow, &header, true, &[]);
        flow.push(Op::Line { from: (LEFT, flow.y - 0.8), to: (RIGHT, flow.y - 0.8) });
        for (index, row) in table.rows.iter().enumerate() {
            cells(flow, row, table.bold_rows_from.is_some_and(|from| index >= from), &header);
        }
    }

    /// A letter table's header at the top of a new page.
    fn table_header(
        &self,
        flow: &mut Flow,
        header: &[String],
        columns: &[(String, f64, bool)],
        edges: &[f64],
        line: f64,
    ) {
        for (index, (text, (_, _, right))) in header.iter().zip(columns).enumerate() {
            let text = text.clone();
            if *right {
                flow.push(Op::TextRight { x: edges[index + 1] - 1.0, y: flow.y, size: SMALL_SIZE, bold: true, text });
            } else {
                flow.push(Op::Text { x: edges[index] + 0.5, y: flow.y, size: SMALL_SIZE, bold: true, text });
            }
        }
        flow.y += line;
        flow.push(Op::Line { from: (LEFT, flow.y - 0.8), to: (RIGHT, flow.y - 0.8) });
    }

    /// The pages of a report, numbered « 1/3 » at the foot of each, with its footer.
    pub fn report(&self, report: &ReportLayout) -> Vec<Vec<Op>> {
        let mut flow = Flow { pages: vec![Vec::new()], y: 15.0 };
        for line in self.wrap(&report.owner, RIGHT - LEFT, 11, true) {
            flow.push(Op::Text { x: LEFT, y: flow.y, size: 11, bold: true, text: line });
            flow.y += line_height(11);
        }
        for owner_line in &report.owner_lines {
            for line in self.wrap(owner_line, RIGHT - LEFT, SMALL_SIZE + 1, false) {
                flow.push(Op::Text { x: LEFT, y: flow.y, size: SMALL_SIZE + 1, bold: false, text: line });
                flow.y += line_height(SMALL_SIZE + 1);
            }
        }
        flow.y += 6.0;
        for line in self.wrap(&report.title, RIGHT - LEFT, TITLE_SIZE, true) {
            flow.push(Op::Text { x: LEFT, y: flow.y, size: TITLE_SIZE, bold: true, text: line });
            flow.y += line_height(TITLE_SIZE);
        }
        flow.y += 1.0;
        for line in &report.lines {
            self.paragraph(&mut flow, line, BODY_SIZE, false, 0.0);
        }
        flow.y += 3.0;
        for paragraph in &report.paragraphs {
            self.paragraph(&mut flow, paragraph, ENCLOSURES_SIZE, false, 0.0);
            flow.y += PARAGRAPH_GAP;
        }
        for table in &report.tables {
            self.wrapped_table(&mut flow, table);
        }
        let count = flow.pages.len();
        let footer = self.wrap(&report.footer, RIGHT - LEFT - 20.0, SMALL_SIZE, false).into_iter().next();
        for (index, page) in flow.pages.iter_mut().enumerate() {
            let text = format!("{}/{count}", index + 1);
            page.push(Op::TextRight { x: RIGHT, y: FOOTER_Y, size: SMALL_SIZE, bold: false, text });
            if let Some(footer) = &footer {
                page.push(Op::Text { x: LEFT, y: FOOTER_Y, size: SMALL_SIZE, bold: false, text: footer.clone() });
            }
        }
        flow.pages
    }

    /// A table whose cells wrap on as many lines as they need (a line break in a cell starts a new line);
    /// a row is never split across pages, and the header is drawn again at the top of each page. A label
    /// followed by empty cells spreads over them, as in the letters' tables.
    fn wrapped_table(&self, flow: &mut Flow, table: &Table) {
        let size = SMALL_SIZE;
        let line = line_height(size);
        let gap = 1.0;
        flow.y += 4.0;
        flow.ensure(line_height(10) + 1.0 + (line + gap) * 3.0);
        flow.push(Op::Text { x: LEFT, y: flow.y, size: 10, bold: true, text: table.title.clone() });
        flow.y += line_height(10) + 1.0;
        let shares: f64 = table.columns.iter().map(|(_, share, _)| share).sum();
        let mut edges = vec![LEFT];
        for (_, share, _) in &table.columns {
            edges.push(edges.last().copied().unwrap_or(LEFT) + (RIGHT - LEFT) * share / shares);
        }
        // Each cell's lines, wrapped within its room.
        let wrapped = |row: &[String], bold: bool| -> Vec<Vec<String>> {
            row.iter()
                .enumerate()
                .map(|(index, text)| {
                    let end = cell_end(row, index, &table.columns).min(edges.len() - 1);
                    let room = edges[end] - edges[index.min(edges.len() - 1)] - 1.5;
                    text.split('\n')
                        .filter(|part| !part.is_empty())
                        .flat_map(|part| self.wrap(part, room, size, bold))
                        .collect()
                })
                .collect()
        };
        let draw = |flow: &mut Flow, cells: &[Vec<String>], bold: bool| {
            let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f64 * line;
            for (index, lines) in cells.iter().enumerate() {
                let right = table.columns.get(index).is_some_and(|(_, _, right)| *right);
                for (number, text) in lines.iter().enumerate() {
                    let y = flow.y + number as f64 * line;
                    let text = text.clone();
                    if right {
                        flow.push(Op::TextRight { x: edges[index + 1] - 1.0, y, size, bold, text });
                    } else {
                        flow.push(Op::Text { x: edges[index] + 0.5, y, size, bold, text });
                    }
                }
            }
            flow.y += height + gap;
        };
        let header: Vec<String> = table.columns.iter().map(|(name, _, _)| name.clone()).collect();
        let header_cells = wrapped(&header, true);
        let draw_header = |flow: &mut Flow| {
            draw(flow, &header_cells, true);
            flow.push(Op::Line { from: (LEFT, flow.y - gap * 0.6), to: (RIGHT, flow.y - gap * 0.6) });
        };
        draw_header(flow);
        for (index, row) in table.rows.iter().enumerate() {
            let bold = table.bold_rows_from.is_some_and(|from| index >= from);
            let cells = wrapped(row, bold);
            let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f64 * line + gap;
            if flow.ensure(height) {
                draw_header(flow);
            }
            if table.bold_rows_from == Some(index) {
                flow.push(Op::Line { from: (LEFT, flow.y - gap * 0.6), to: (RIGHT, flow.y - gap * 0.6) });
            }
            draw(flow, &cells, bold);
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
}

/// Width in millimetres of `text` as it prints in the face and size given.
/// The edge a table's cell ends at (the index of the column edge after it): a left-aligned label spreads
/// over the empty cells after it (the label of a totals row), but never over the last column, which holds
/// the row's amount: a text running into it would read as part of it. A right-aligned cell keeps its own.
fn cell_end(row: &[String], index: usize, columns: &[(String, f64, bool)]) -> usize {
    let last = columns.len().max(1);
    if columns.get(index).is_some_and(|(_, _, right)| *right) {
        return (index + 1).min(last);
    }
    let span = row.get(index + 1..).unwrap_or_default().iter().take_while(|cell| cell.is_empty()).count();
    (index + 1 + span).min(last - 1).max(index + 1).min(last)
}

pub fn text_width(text: &str, size: u8, bold: bool) -> f64 {
    let thousandths = Face::of(bold).metrics().width(&metrics::encode(text));
    points_to_mm(f64::from(thousandths) * f64::from(size) / 1000.0)
}

/// Millimetres from points (1/72 inch).
pub fn points_to_mm(points: f64) -> f64 {
    points * 25.4 / 72.0
}

/// Points (1/72 inch, the PDF unit) from millimetres.
pub fn mm_to_points(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}

/// Line height in millimetres for a size in points (1.25 × the size).
fn line_height(size: u8) -> f64 {
    points_to_mm(f64::from(size) * 1.25)
}

/// "[saut de page]" alone in a paragraph starts a new page.
fn is_page_break(paragraph: &str) -> bool {
    paragraph.trim() == "[saut de page]"
}

/// A closing formula ("Je vous prie d'agréer…", "Cordialement."), under which the sender signs.
fn is_closing_formula(paragraph: &str) -> bool {
    let text = paragraph.trim().to_lowercase();
    text.contains("salutations")
        || text.contains("agréer")
        || ["cordialement", "bien cordialement", "bien à vous"].iter().any(|formula| text.starts_with(formula))
}

/// One line of a paragraph where it prints: its left edge, the dash of a list item, its text.
struct PlacedLine {
    x: f64,
    bullet_x: Option<f64>,
    text: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// No-break spaces print as spaces (WinAnsi's own space, the same in every engine) but a line never
    /// breaks at them: « 1 240,00 € » and « n° 12 » stay whole at every width.
    #[test]
    fn lines_never_break_at_no_break_spaces() {
        let text = "Reste dû : 1\u{202f}240,00\u{a0}€ au titre de la facture n°\u{a0}12, soit 1\u{202f}240,00\u{a0}€.";
        for width in (30..=120).map(f64::from) {
            for line in Composer.wrap(text, width, BODY_SIZE, false) {
                assert!(
                    !line.starts_with('€') && !line.starts_with("240") && !line.starts_with("12,"),
                    "{width}: {line}"
                );
                assert!(!line.ends_with(" 1") && !line.ends_with("n°"), "{width}: {line}");
            }
        }
        assert_eq!(metrics::printable("1\u{202f}240,00\u{a0}€"), "1 240,00 €");
    }

    /// A closing guillemet or a double punctuation mark never starts a line, an opening guillemet never
    /// ends one, whatever the width: « relevé du 22/11/2026 » once broke before its « » ».
    #[test]
    fn french_punctuation_keeps_to_its_word() {
        let text = "Voir le « relevé du 22/11/2026 » joint : il fait foi ; merci ! Le solde ? Nul.";
        // From the width of the longest word with its guillemet (below it, a word is cut anywhere).
        for width in (40..=140).map(f64::from) {
            let lines = Composer.wrap(text, width, BODY_SIZE, false);
            assert_eq!(lines.join(" "), text, "{width}: nothing lost or added");
            for line in &lines {
                assert!(!line.starts_with(['»', ':', ';', '!', '?']), "{width}: {line}");
                assert!(!line.ends_with('«'), "{width}: {line}");
            }
        }
    }
}
