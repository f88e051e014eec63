//! The PDF writer behind every document Ardoise prints, built on `pdf-writer`: pages of drawing operations
//! (`page.rs`) become a PDF 1.4 file whose text is drawn with the standard Helvetica faces, one WinAnsi
//! byte per character, each font carrying the `/Widths` the layout measured with (so Poppler, Ghostscript
//! and pdf.js place every character alike); content and images are deflate-compressed; the two fonts and
//! any repeated image are written once per file, however many letters it holds. Pages are written as they
//! come, so a batch needs the memory of the file being written plus one letter.
//!
//! The metadata says what the file is and nothing more: `%PDF-1.4`, a title, the sender as author when
//! known, « Ardoise » as creator and producer, the document's date when it has one (never the clock: the
//! same letter gives the same bytes), French as the language. No PDF/X or PDF/A claim: the standard fonts
//! are not embedded, which both standards require.

// Page coordinates are points as `f32` for the writer; see `page.rs`.
#![allow(clippy::float_arithmetic)]

use super::metrics::{self, Face, FIRST_CODE};
use super::page::{self, Op, PAGE_HEIGHT, PAGE_WIDTH};
use crate::domain::digest::sha256;
use chrono::{Datelike, NaiveDate};
use image::{DynamicImage, GenericImageView};
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};
use std::collections::HashMap;
use std::sync::Arc;

/// What the file's document information says (beyond the producer, always « Ardoise »).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: String,
    /// The sender; empty when the document has none.
    pub author: String,
    /// The date the document bears, written as its creation date.
    pub date: Option<NaiveDate>,
}

/// The name written as the PDF's creator and producer.
pub const PRODUCER: &str = "Ardoise";

/// A PDF being written page by page.
pub struct Document {
    pdf: Pdf,
    last_id: i32,
    catalog: Ref,
    page_tree: Ref,
    fonts: [Ref; 2],
    pages: Vec<Ref>,
    /// Images already written, by the SHA-256 of their pixels: a batch's signature is stored once.
    images: HashMap<[u8; 32], Ref>,
}

/// One page's content stream, compressed, and the images it draws (`Im0`, `Im1`… in that order): the same
/// whatever file the page goes into, so a letter laid out once is written into the batch and into its own
/// kept copy without being drawn twice.
#[derive(Debug)]
pub struct PageContent {
    compressed: Vec<u8>,
    images: Vec<Arc<DynamicImage>>,
}

impl PageContent {
    /// The content of a page of operations.
    pub fn of(ops: &[Op]) -> PageContent {
        let mut content = Content::with_settings(Settings { pretty: false });
        let mut text = TextState::default();
        let mut images: Vec<Arc<DynamicImage>> = Vec::new();
        for op in ops {
            match op {
                Op::Text { x, y, size, bold, text: string } => text.show(&mut content, *x, *y, *size, *bold, string),
                Op::TextRight { x, y, size, bold, text: string } => {
                    let left = x - page::text_width(string, *size, *bold);
                    text.show(&mut content, left, *y, *size, *bold, string)
                }
                Op::Line { from, to } => {
                    text.end(&mut content);
                    content.move_to(x_points(from.0), y_points(from.1));
                    content.line_to(x_points(to.0), y_points(to.1));
                    content.stroke();
                }
                Op::Image { x, y, width, image } => {
                    text.end(&mut content);
                    let index = match images.iter().position(|known| Arc::ptr_eq(known, image) || **known == **image) {
                        Some(index) => index,
                        None => {
                            images.push(Arc::clone(image));
                            images.len() - 1
                        }
                    };
                    // Placed by its bottom-left corner, scaled from the unit square to its size.
                    let height = width * f64::from(image.height()) / f64::from(image.width().max(1));
                    let scale = [page::mm_to_points(*width) as f32, page::mm_to_points(height) as f32];
                    content.save_state();
                    content.transform([scale[0], 0.0, 0.0, scale[1], x_points(*x), y_points(y + height)]);
                    content.x_object(Name(format!("Im{index}").as_bytes()));
                    content.restore_state();
                }
            }
        }
        text.end(&mut content);
        PageContent { compressed: compress(&content.finish()), images }
    }
}

impl std::fmt::Debug for Document {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Document")
            .field("pages", &self.pages.len())
            .field("bytes", &self.pdf.len())
            .finish_non_exhaustive()
    }
}

impl Default for Document {
    fn default() -> Self {
        Self::new()
    }
}

impl Document {
    /// An empty document with its two fonts written.
    pub fn new() -> Document {
        let mut pdf = Pdf::with_settings(Settings { pretty: false });
        pdf.set_version(1, 4);
        let mut document = Document {
            pdf,
            last_id: 0,
            catalog: Ref::new(1),
            page_tree: Ref::new(2),
            fonts: [Ref::new(3), Ref::new(4)],
            pages: Vec::new(),
            images: HashMap::new(),
        };
        document.last_id = 4;
        for (face, id) in Face::ALL.into_iter().zip(document.fonts) {
            document
                .pdf
                .type1_font(id)
                .base_font(Name(face.base_font().as_bytes()))
                .encoding_predefined(Name(b"WinAnsiEncoding"))
                .first_char(FIRST_CODE)
                .last_char(255)
                .widths(face.metrics().widths.iter().map(|&width| f32::from(width)));
        }
        document
    }

    /// Pages written so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Writes one page: its content stream, compressed, then the page object.
    pub fn add_page(&mut self, ops: &[Op]) {
        self.add_content(&PageContent::of(ops));
    }

    /// Writes a page whose content is already made: its images, its content stream, then the page object.
    pub fn add_content(&mut self, content: &PageContent) {
        let page_id = self.next_id();
        let content_id = self.next_id();
        let images: Vec<Ref> = content.images.iter().map(|image| self.image(image)).collect();
        self.pdf.stream(content_id, &content.compressed).filter(Filter::FlateDecode);
        let mut page = self.pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, x_points(PAGE_WIDTH), x_points(PAGE_HEIGHT)));
        page.parent(self.page_tree);
        page.contents(content_id);
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        for (face, id) in Face::ALL.into_iter().zip(self.fonts) {
            fonts.pair(Name(face.resource_name().as_bytes()), id);
        }
        fonts.finish();
        if !images.is_empty() {
            let mut objects = resources.x_objects();
            for (index, id) in images.iter().enumerate() {
                objects.pair(Name(format!("Im{index}").as_bytes()), *id);
            }
        }
        drop(resources);
        page.finish();
        self.pages.push(page_id);
    }

    /// Ends the file: page tree, catalog, document information, cross-reference table and trailer. A
    /// document without pages gets one blank page, as a PDF needs one.
    pub fn finish(mut self, metadata: &Metadata) -> Vec<u8> {
        if self.pages.is_empty() {
            self.add_page(&[]);
        }
        let info = self.next_id();
        let count = i32::try_from(self.pages.len()).unwrap_or(i32::MAX);
        self.pdf.pages(self.page_tree).kids(self.pages.iter().copied()).count(count);
        let mut catalog = self.pdf.catalog(self.catalog);
        catalog.pages(self.page_tree);
        catalog.lang(TextStr("fr-FR"));
        catalog.viewer_preferences().display_doc_title(true);
        catalog.finish();
        let mut document_info = self.pdf.document_info(info);
        document_info.title(TextStr(&metadata.title));
        if !metadata.author.trim().is_empty() {
            document_info.author(TextStr(metadata.author.trim()));
        }
        document_info.creator(TextStr(PRODUCER));
        document_info.producer(TextStr(PRODUCER));
        if let Some(date) = metadata.date {
            let day =
                Date::new(u16::try_from(date.year()).unwrap_or(0)).month(date.month() as u8).day(date.day() as u8);
            document_info.creation_date(day);
        }
        document_info.finish();
        // The file identifier the trailer should carry: a digest of everything written, so the same
        // document always gets the same identifier.
        let digest = sha256(&[self.pdf.as_bytes()]);
        let id = digest[..16].to_vec();
        self.pdf.set_file_id((id.clone(), id));
        self.pdf.finish()
    }

    fn next_id(&mut self) -> Ref {
        self.last_id += 1;
        Ref::new(self.last_id)
    }

    /// Copies every page of another PDF (an invoice's document, loaded and checked by
    /// `enclosure::load`) after the pages written so far, with the objects they use: contents, fonts,
    /// images, each written once. Annotations, structure and metadata are left out (a printed copy needs
    /// none). Returns the number of pages copied, or a French reason when the file is too tangled.
    pub fn add_foreign_pages(&mut self, source: &lopdf::Document) -> Result<usize, String> {
        let mut copier = Copier { ids: HashMap::new(), pending: Vec::new(), last_id: self.last_id };
        let pages: Vec<lopdf::ObjectId> = source.get_pages().into_values().collect();
        for page_id in &pages {
            let page = source.get_dictionary(*page_id).map_err(|_| FOREIGN_DAMAGED.to_string())?;
            let id = copier.next();
            let mut dict = self.pdf.indirect(id).dict();
            dict.pair(Name(b"Type"), Name(b"Page"));
            dict.pair(Name(b"Parent"), self.page_tree);
            for key in PAGE_KEYS {
                if let Some(value) = inherited(source, page, key) {
                    copier.write(dict.insert(Name(key)), value, 0)?;
                }
            }
            dict.finish();
            self.pages.push(id);
        }
        // The objects the pages name, each once, and those they name in turn.
        while let Some((source_id, id)) = copier.pending.pop() {
            match source.get_object(source_id) {
                Ok(lopdf::Object::Stream(stream)) => {
                    let mut writer = self.pdf.stream(id, &stream.content);
                    for (key, value) in stream.dict.iter() {
                        if key.as_slice() != b"Length" {
                            copier.write(writer.insert(Name(key)), value, 1)?;
                        }
                    }
                }
                Ok(object) => copier.write(self.pdf.indirect(id), object, 0)?,
                // A reference to nothing reads as null, as PDF readers take it.
                Err(_) => self.pdf.indirect(id).primitive(pdf_writer::Null),
            }
        }
        self.last_id = copier.last_id;
        Ok(pages.len())
    }

    /// The image's object, written the first time these pixels are seen: RGB on white (a transparent
    /// signature prints on white paper anyway), deflate-compressed.
    fn image(&mut self, image: &DynamicImage) -> Ref {
        let rgba = image.to_rgba8();
        let rgb: Vec<u8> = rgba
            .pixels()
            .flat_map(|pixel| {
                let [red, green, blue, alpha] = pixel.0;
                let on_white = |value: u8| {
                    let blended = u32::from(value) * u32::from(alpha) + 255 * (255 - u32::from(alpha));
                    ((blended + 127) / 255) as u8
                };
                [on_white(red), on_white(green), on_white(blue)]
            })
            .collect();
        let key = sha256(&[&image.width().to_be_bytes(), &image.height().to_be_bytes(), &rgb]);
        if let Some(id) = self.images.get(&key) {
            return *id;
        }
        let id = self.next_id();
        let compressed = compress(&rgb);
        let mut object = self.pdf.image_xobject(id, &compressed);
        object.filter(Filter::FlateDecode);
        object.width(i32::try_from(image.width()).unwrap_or(i32::MAX));
        object.height(i32::try_from(image.height()).unwrap_or(i32::MAX));
        object.color_space().device_rgb();
        object.bits_per_component(8);
        object.finish();
        self.images.insert(key, id);
        id
    }
}

/// What a page of an enclosed PDF keeps: its size and rotation, what it draws and with what.
const PAGE_KEYS: [&[u8]; 7] = [b"MediaBox", b"CropBox", b"Rotate", b"UserUnit", b"Group", b"Resources", b"Contents"];
/// Page attributes a page may take from its parents in the page tree.
const INHERITED_KEYS: [&[u8]; 4] = [b"MediaBox", b"CropBox", b"Rotate", b"Resources"];
/// Keys never followed when copying: the way back to the source's page tree, and what a printed copy does
/// not need.
const SKIPPED_KEYS: [&[u8]; 8] =
    [b"Parent", b"Annots", b"StructParent", b"StructParents", b"Metadata", b"PieceInfo", b"Thumb", b"B"];
/// How many objects of an enclosed PDF are copied at most, and how deep its direct objects may nest.
const MAX_FOREIGN_OBJECTS: usize = 200_000;
const MAX_FOREIGN_DEPTH: usize = 64;
const FOREIGN_DAMAGED: &str = "une page du PDF joint est illisible";

/// The page attribute `key`, on the page or inherited from its parents.
fn inherited<'a>(source: &'a lopdf::Document, page: &'a lopdf::Dictionary, key: &[u8]) -> Option<&'a lopdf::Object> {
    if let Ok(value) = page.get(key) {
        return Some(value);
    }
    if !INHERITED_KEYS.contains(&key) {
        return None;
    }
    let mut node = page;
    for _ in 0..32 {
        let parent = node.get(b"Parent").and_then(lopdf::Object::as_reference).ok()?;
        node = source.get_dictionary(parent).ok()?;
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
    }
    None
}

/// The objects of an enclosed PDF being copied: the new reference of each source object, those still to
/// write, and the last reference used.
struct Copier {
    ids: HashMap<lopdf::ObjectId, Ref>,
    pending: Vec<(lopdf::ObjectId, Ref)>,
    last_id: i32,
}

impl Copier {
    fn next(&mut self) -> Ref {
        self.last_id += 1;
        Ref::new(self.last_id)
    }

    /// Writes `value` into `target`, giving each referenced object its new reference (written later).
    fn write(&mut self, target: pdf_writer::Obj<'_>, value: &lopdf::Object, depth: usize) -> Result<(), String> {
        use lopdf::Object;
        if depth > MAX_FOREIGN_DEPTH {
            return Err("le PDF joint imbrique ses objets trop profondément".to_string());
        }
        match value {
            Object::Null | Object::Stream(_) => target.primitive(pdf_writer::Null),
            Object::Boolean(value) => target.primitive(*value),
            Object::Integer(value) => {
                target.primitive(i32::try_from(*value).unwrap_or(if *value < 0 { i32::MIN } else { i32::MAX }))
            }
            // A real a reader could not write back (an overflow read as infinity) prints as zero.
            Object::Real(value) => target.primitive(if value.is_finite() { *value } else { 0.0 }),
            Object::Name(name) => target.primitive(Name(name)),
            Object::String(bytes, _) => target.primitive(Str(bytes)),
            Object::Array(items) => {
                let mut array = target.array();
                for item in items {
                    self.write(array.push(), item, depth + 1)?;
                }
            }
            Object::Dictionary(dictionary) => {
                let mut dict = target.dict();
                for (key, item) in dictionary.iter() {
                    if !SKIPPED_KEYS.contains(&key.as_slice()) {
                        self.write(dict.insert(Name(key)), item, depth + 1)?;
                    }
                }
            }
            Object::Reference(id) => {
                let known = self.ids.get(id).copied();
                let reference = match known {
                    Some(reference) => reference,
                    None => {
                        if self.ids.len() >= MAX_FOREIGN_OBJECTS {
                            return Err("le PDF joint a trop d'objets pour être imprimé".to_string());
                        }
                        let reference = self.next();
                        self.ids.insert(*id, reference);
                        self.pending.push((*id, reference));
                        reference
                    }
                };
                target.primitive(reference);
            }
        }
        Ok(())
    }
}

/// The text object of a page being written: opened at the first text, closed before any drawing.
#[derive(Default)]
struct TextState {
    open: bool,
    font: Option<(Face, u8)>,
}

impl TextState {
    /// Shows `text` with the top of its line box at (`x`, `y`) millimetres from the top-left corner: the
    /// baseline is one line box (ascender + descender) lower, as the layout measured.
    fn show(&mut self, content: &mut Content, x: f64, y: f64, size: u8, bold: bool, text: &str) {
        let face = Face::of(bold);
        if !self.open {
            content.begin_text();
            self.open = true;
        }
        if self.font != Some((face, size)) {
            content.set_font(Name(face.resource_name().as_bytes()), f32::from(size));
            self.font = Some((face, size));
        }
        let line_box = f64::from(face.metrics().line_box) * f64::from(size) / 1000.0;
        let baseline = y_points(y) - line_box as f32;
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x_points(x), baseline]);
        content.show(Str(&metrics::encode(text)));
    }

    fn end(&mut self, content: &mut Content) {
        if self.open {
            content.end_text();
            self.open = false;
            self.font = None;
        }
    }
}

/// Points from the left edge.
fn x_points(mm: f64) -> f32 {
    page::mm_to_points(mm) as f32
}

/// Points from the bottom edge (PDF's origin) for millimetres from the top.
fn y_points(mm: f64) -> f32 {
    page::mm_to_points(PAGE_HEIGHT - mm) as f32
}

fn compress(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}
