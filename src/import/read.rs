//! Reading a file into a grid of cells: CSV in any of the encodings French spreadsheets write (UTF-8 with
//! or without BOM, UTF-16 with BOM, Windows-1252, ISO-8859-15) and separators (`;`, `,`, tab), and
//! workbooks (XLSX, XLS, ODS) through calamine. The format is recognised from the bytes, not trusted from
//! the file name.
//!
//! This is the reading boundary: calamine gives numeric cells as binary floating point, and
//! [`cell_of`] is the one place that turns them into decimal text (the shortest text that reads back as
//! the same number), so that no float travels further into the core.

use super::{side_by_side, ImportError, APART_BYTES, APART_ROWS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES};
use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsx};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Cursor;

/// One cell as read, before it is interpreted for a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Empty,
    Text(String),
    /// A numeric cell, as decimal text ("1234.56", "46348").
    Number(String),
    /// A cell the spreadsheet itself typed as a date.
    Date(NaiveDate),
}

impl Cell {
    /// The cell as a user would read it, for messages and previews.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.trim().to_string(),
            Cell::Number(number) => number.clone(),
            Cell::Date(date) => crate::domain::calendar::format_short(*date),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row of the grid with its number as the user's spreadsheet shows it (the line of a CSV record's
/// start, the row number of a sheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridRow {
    pub number: usize,
    pub cells: Vec<Cell>,
}

/// The cells of one sheet (or of a CSV file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grid {
    pub sheet: Option<String>,
    pub rows: Vec<GridRow>,
}

impl Grid {
    /// The cell at a column, Empty past the row's end.
    pub fn cell(row: &GridRow, column: usize) -> &Cell {
        row.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

/// A file as recognised: a text table already read, or a workbook whose sheet is still to be chosen.
pub enum Workbook<'a> {
    Text(Grid),
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
    Ods(Ods<Cursor<&'a [u8]>>),
}

impl std::fmt::Debug for Workbook<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Workbook::Text(_) => "csv",
            Workbook::Xlsx(_) => "xlsx",
            Workbook::Xls(_) => "xls",
            Workbook::Ods(_) => "ods",
        };
        write!(formatter, "Workbook({kind}, {:?})", self.sheet_names())
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True when the bytes are a workbook's (an XLSX or ODS zip, an XLS OLE file).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// Recognises the file from its bytes and opens it.
pub fn read_workbook<'a>(file_name: &str, bytes: &'a [u8]) -> Result<Workbook<'a>, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty(file_name.to_string()));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { file: file_name.to_string(), max_mb: MAX_FILE_BYTES / 1024 / 1024 });
    }
    let broken = |detail: String| ImportError::BrokenWorkbook { file: file_name.to_string(), detail };
    if bytes.starts_with(ZIP_MAGIC) {
        // An XLSX and an ODS are both zip archives; the ODS has a `mimetype` entry first.
        let is_ods = bytes.len() > 38 && bytes[30..].starts_with(b"mimetype") && {
            let window = &bytes[30..bytes.len().min(120)];
            window.windows(11).any(|w| w == b"opendocumen")
        };
        if is_ods {
            match scan_ods(bytes) {
                OdsScan::Readable => {}
                OdsScan::Incomplete => return Err(broken("détail technique : content.xml est incomplet".to_string())),
                OdsScan::TooManyCells(cells) => {
                    return Err(ImportError::TooManyCells { file: file_name.to_string(), cells, max: MAX_SHEET_CELLS })
                }
            }
            return shielded(file_name, || {
                calamine::open_workbook_from_rs(Cursor::new(bytes))
                    .map(Workbook::Ods)
                    .map_err(|error: calamine::OdsError| broken(french_detail(&error.to_string())))
            });
        }
        if let Some(problem) = xlsx_strings_problem(bytes) {
            return Err(broken(format!("détail technique : {problem}")));
        }
        // The sheets are checked on a second core while calamine opens the workbook: it reads the shared
        // strings, the styles and the list of sheets then, and no sheet before `into_grid`.
        let (problem, opened) = side_by_side(
            || xlsx_sheets_problem(bytes),
            || {
                shielded(file_name, || {
                    calamine::open_workbook_from_rs(Cursor::new(bytes))
                        .map(Workbook::Xlsx)
                        .map_err(|error: calamine::XlsxError| broken(french_detail(&error.to_string())))
                })
            },
        );
        return match problem {
            Some(problem) => Err(broken(format!("détail technique : {problem}"))),
            None => opened,
        };
    }
    if bytes.starts_with(OLE_MAGIC) {
        return shielded(file_name, || {
            calamine::open_workbook_from_rs(Cursor::new(bytes))
                .map(Workbook::Xls)
                .map_err(|error: calamine::XlsError| broken(french_detail(&error.to_string())))
        });
    }
    let text = decode_text(file_name, bytes)?;
    Ok(Workbook::Text(read_csv(&text)?))
}

/// Runs calamine on a file's bytes, turning a panic inside it into a broken workbook: a hostile file must
/// be refused, never crash the window holding the ledger. Found by the `xlsx` fuzz target: calamine 0.38
/// multiplies without checking while reading a cell reference ("B1111111111111111111111"), which panics
/// in builds with overflow checks (debug, tests) and gives a wrong row number otherwise.
fn shielded<T>(file_name: &str, read: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(ImportError::BrokenWorkbook {
            file: file_name.to_string(),
            detail: "détail technique : le lecteur de classeurs a rencontré une structure invalide".to_string(),
        })
    })
}

/// The most cells a sheet may span from its first value to its last (rows × columns, the empty cells
/// between them included): calamine builds that whole rectangle in memory (up to 100 million cells, 3 GB,
/// for an ODS). An export of 100,000 invoices spans under a million.
pub const MAX_SHEET_CELLS: usize = 5_000_000;

/// What the look at an ODS archive's `content.xml` found before calamine reads it.
#[derive(Debug, PartialEq, Eq)]
enum OdsScan {
    /// Complete XML whose sheets are within bounds (or no readable `content.xml`: calamine says why).
    Readable,
    /// The XML ends before closing every element it opened, or is not XML: calamine 0.38 reads a table
    /// until its end tag and loops forever when the file ends first (found by the `ods` fuzz target).
    Incomplete,
    /// A sheet spans more than `MAX_SHEET_CELLS` cells: a row repeated a million times before a value
    /// made calamine build a rectangle of millions of empty cells for ten seconds and 1.8 GB (found by the
    /// `ods` fuzz target).
    TooManyCells(usize),
}

/// One sheet's extent as calamine will build it: rows and columns from the first value to the last,
/// repeated rows and columns counted as many times as they repeat.
#[derive(Debug, Default)]
struct Extent {
    row: usize,
    first_row: Option<usize>,
    last_row: usize,
    first_column: Option<usize>,
    last_column: usize,
    row_start: usize,
    row_repeats: usize,
    column: usize,
    row_has_value: bool,
}

impl Extent {
    fn cells(&self) -> usize {
        match (self.first_row, self.first_column) {
            (Some(first_row), Some(first_column)) => (self.last_row.saturating_sub(first_row) + 1)
                .saturating_mul(self.last_column.saturating_sub(first_column) + 1),
            _ => 0,
        }
    }

    fn start_row(&mut self, repeats: usize) {
        self.row_start = self.row;
        self.row_repeats = repeats;
        self.column = 0;
        self.row_has_value = false;
    }

    fn end_row(&mut self) {
        if self.row_has_value {
            self.first_row.get_or_insert(self.row_start);
            self.last_row = self.row_start.saturating_add(self.row_repeats - 1);
        }
        self.row = self.row_start.saturating_add(self.row_repeats);
    }

    fn cell(&mut self, repeats: usize, has_value: bool) {
        if has_value {
            self.row_has_value = true;
            self.first_column = Some(self.first_column.map_or(self.column, |first| first.min(self.column)));
            self.last_column = self.last_column.max(self.column.saturating_add(repeats - 1));
        }
        self.column = self.column.saturating_add(repeats);
    }
}

/// The largest number written after `attribute` in a tag's raw bytes, at least 1 (how many times an ODS
/// row or cell repeats, how many strings an XLSX announces), read as leniently as calamine reads attributes:
/// a tag whose quotes are broken still counts for calamine. Saturates rather than overflows.
fn number_after(tag: &[u8], attribute: &[u8]) -> usize {
    let mut largest = 1usize;
    let mut rest = tag;
    while let Some(at) = rest.windows(attribute.len()).position(|window| window == attribute) {
        rest = &rest[at + attribute.len()..];
        let digits = rest
            .iter()
            .skip_while(|byte| matches!(byte, b'=' | b'"' | b'\'' | b' ' | b'+'))
            .take_while(|byte| byte.is_ascii_digit());
        let number =
            digits.fold(0usize, |number, digit| number.saturating_mul(10).saturating_add(usize::from(digit - b'0')));
        largest = largest.max(number);
    }
    largest
}

/// Whether a tag's raw bytes hold `needle` (an attribute calamine would find, quotes broken or not).
fn holds(tag: &[u8], needle: &[u8]) -> bool {
    tag.windows(needle.len()).any(|window| window == needle)
}

/// Reads an ODS archive's `content.xml` once before calamine does (see `OdsScan`).
fn scan_ods(bytes: &[u8]) -> OdsScan {
    use quick_xml::events::Event;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return OdsScan::Readable };
    let Ok(content) = archive.by_name("content.xml") else { return OdsScan::Readable };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buffer = Vec::new();
    let mut depth = 0usize;
    let mut sheet = Extent::default();
    loop {
        let event = reader.read_event_into(&mut buffer);
        match &event {
            Ok(Event::Start(element) | Event::Empty(element)) => {
                let empty = matches!(event, Ok(Event::Empty(_)));
                match element.name().as_ref() {
                    "table:table" => sheet = Extent::default(),
                    "table:table-row" => {
                        sheet.start_row(number_after(element.as_bytes(), b"number-rows-repeated"));
                        if empty {
                            sheet.end_row();
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        // A cell with a value type, or with content of its own, is not empty to calamine.
                        let valued = !empty || holds(element.as_bytes(), b"value-type");
                        sheet.cell(number_after(element.as_bytes(), b"number-columns-repeated"), valued);
                    }
                    _ => {}
                }
                if !empty {
                    depth += 1;
                }
            }
            Ok(Event::End(_)) if depth == 0 => return OdsScan::Incomplete,
            Ok(Event::End(element)) => {
                depth -= 1;
                match element.name().as_ref() {
                    "table:table-row" => sheet.end_row(),
                    "table:table" if sheet.cells() > MAX_SHEET_CELLS => return OdsScan::TooManyCells(sheet.cells()),
                    _ => {}
                }
            }
            Ok(Event::Eof) if depth == 0 => return OdsScan::Readable,
            Ok(Event::Eof) | Err(_) => return OdsScan::Incomplete,
            Ok(_) => {}
        }
        buffer.clear();
    }
}

/// What stops calamine from reading an XLSX archive safely, in French, if anything: `xlsx_strings_problem`
/// before calamine opens the archive, `xlsx_sheets_problem` before it reads a sheet. An archive
/// calamine cannot read passes both: it says why.
#[cfg(test)]
fn xlsx_problem(bytes: &[u8]) -> Option<&'static str> {
    xlsx_strings_problem(bytes).or_else(|| xlsx_sheets_problem(bytes))
}

/// A workbook's archive, read from its bytes.
type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The archive's entries whose names `keep` accepts, with the archive; None when it is no zip archive.
fn xlsx_entries(bytes: &[u8], keep: fn(&str) -> bool) -> Option<(Archive<'_>, Vec<String>)> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names =
        archive.file_names().filter_map(Result::ok).filter(|name| keep(name)).map(|name| name.into_owned()).collect();
    Some((archive, names))
}

/// A table of shared strings that announces more strings than `MAX_SHEET_CELLS`: calamine reserves room
/// for the count it announces while it opens the archive, before reading one string, and a count of
/// 10^19 aborted the process (found by the `xlsx` fuzz target).
fn xlsx_strings_problem(bytes: &[u8]) -> Option<&'static str> {
    use quick_xml::events::Event;
    let (mut archive, tables) = xlsx_entries(bytes, |name| name.to_ascii_lowercase().ends_with("sharedstrings.xml"))?;
    for name in tables {
        let Ok(table) = archive.by_name(&name) else { continue };
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(table));
        let mut buffer = Vec::new();
        loop {
            match reader.read_event_into(&mut buffer) {
                Ok(Event::Start(element) | Event::Empty(element)) if element.local_name().as_ref() == "sst" => {
                    if number_after(element.as_bytes(), b"uniqueCount") > MAX_SHEET_CELLS {
                        return Some(SHARED_STRINGS_TOO_MANY);
                    }
                    break;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
            buffer.clear();
        }
    }
    None
}

/// A cell or row of a worksheet that names a place beyond Excel's limits (column XFD, row 1,048,576) or
/// not as `A1`, or a worksheet whose bytes cannot be inflated. calamine 0.38 computes such references
/// without overflow checks and then allocates the whole rectangle up to them: one cell named
/// `DJJJJJJJJ…7` asked for 700 GB and aborted the process (found by the `xlsx` fuzz target).
fn xlsx_sheets_problem(bytes: &[u8]) -> Option<&'static str> {
    let (mut archive, sheets) = xlsx_entries(bytes, |name| name.starts_with("xl/worksheets/"))?;
    for name in sheets {
        let Ok(sheet) = archive.by_name(&name) else { continue };
        if let Some(problem) = sheet_references_problem(sheet, SHEET_READ_BYTES) {
            return Some(problem);
        }
    }
    None
}

/// How much of a worksheet's XML `sheet_references_problem` inflates at a time.
const SHEET_READ_BYTES: usize = 256 * 1024;

/// The longest start tag of a cell or row the reference check follows: no spreadsheet writes one near
/// this, and one that long is refused rather than carried from one read to the next without end.
const MAX_CELL_TAG_BYTES: usize = 64 * 1024;

/// The worksheet's XML read a block at a time, and every cell or row it names checked
/// (`TagScan`). A sheet whose bytes cannot be inflated is malformed.
fn sheet_references_problem(mut sheet: impl std::io::Read, block: usize) -> Option<&'static str> {
    let mut buffer: Vec<u8> = Vec::with_capacity(2 * block);
    loop {
        let kept = buffer.len();
        buffer.resize(kept + block, 0);
        let read = loop {
            match sheet.read(&mut buffer[kept..]) {
                Ok(read) => break read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Some(MALFORMED_SHEET),
            }
        };
        buffer.truncate(kept + read);
        let at_end = read == 0;
        match scan_cell_tags(&buffer, at_end) {
            TagScan::Problem(problem) => return Some(problem),
            TagScan::Done if at_end => return None,
            TagScan::Done => buffer.clear(),
            TagScan::NeedsMore { from } if buffer.len() - from > MAX_CELL_TAG_BYTES => return Some(MALFORMED_SHEET),
            TagScan::NeedsMore { from } => {
                buffer.drain(..from);
            }
        }
    }
}

/// What one look over a block of a worksheet's XML found.
#[derive(Debug, PartialEq, Eq)]
enum TagScan {
    /// Every tag of the block checked.
    Done,
    /// A cell or row tag starts at `from` and does not end in the block: read on, keeping it.
    NeedsMore {
        from: usize,
    },
    Problem(&'static str),
}

/// Checks the `r` attribute of every cell (`c`) and row (`row`) start tag in `xml`, prefixed or not,
/// without parsing the XML: each `<` is looked at wherever it stands (in text, a comment, another
/// tag's quoted value), so a malformed sheet hides no tag that calamine's XML reader might find after
/// its error (found by the `xlsx` fuzz target: calamine read on past a misspelt end tag). A tag ends
/// at the first `>` outside quotes, as quick-xml ends it. Any `r=` inside the tag is checked, even
/// one standing inside another attribute's quoted value: a file refused for that is one no
/// spreadsheet writes. On the import bench's 100,000-row sheet (27 MB of XML), checking it this way
/// takes 80 ms with the inflating, where walking every XML event with quick-xml took 180 ms.
fn scan_cell_tags(xml: &[u8], at_end: bool) -> TagScan {
    let mut from = 0;
    while let Some(offset) = memchr::memchr(b'<', &xml[from..]) {
        let start = from + offset;
        from = start + 1;
        let name_length = xml[from..].iter().position(|&byte| is_xml_space(byte) || byte == b'>' || byte == b'/');
        let Some(name_length) = name_length else {
            // The name runs to the end of the block: it may be a cell's.
            return if at_end { TagScan::Done } else { TagScan::NeedsMore { from: start } };
        };
        let name = &xml[from..from + name_length];
        let local = name.rsplit(|&byte| byte == b':').next().unwrap_or(name);
        if local != b"c" && local != b"row" {
            continue;
        }
        let attributes = &xml[from + name_length..];
        let end = tag_end(attributes);
        if end.is_none() && !at_end {
            return TagScan::NeedsMore { from: start };
        }
        if !references_within_limits(&attributes[..end.unwrap_or(attributes.len())]) {
            return TagScan::Problem(REFERENCE_BEYOND_LIMITS);
        }
    }
    TagScan::Done
}

fn is_xml_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// Where a start tag's attributes end: the first `>` outside single or double quotes.
fn tag_end(attributes: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (index, &byte) in attributes.iter().enumerate() {
        match (quote, byte) {
            (None, b'>') => return Some(index),
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            _ => {}
        }
    }
    None
}

/// False when an attribute `r` in a tag's attributes (quoted or not, spaces around `=` allowed) names
/// a place beyond Excel's limits.
fn references_within_limits(attributes: &[u8]) -> bool {
    let mut index = 0;
    while let Some(offset) = memchr::memchr(b'r', &attributes[index..]) {
        let at = index + offset;
        index = at + 1;
        if at > 0 && !is_xml_space(attributes[at - 1]) {
            continue;
        }
        let mut rest = attributes[index..].iter().skip_while(|&&byte| is_xml_space(byte));
        if rest.next() != Some(&b'=') {
            continue;
        }
        let value_start = attributes.len() - rest.skip_while(|&&byte| is_xml_space(byte)).count();
        let value = &attributes[value_start..];
        let value = match value.first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = &value[1..];
                &inner[..memchr::memchr(quote, inner).unwrap_or(inner.len())]
            }
            _ => &value[..value.iter().position(|&byte| is_xml_space(byte) || byte == b'/').unwrap_or(value.len())],
        };
        if !reference_within_limits(value) {
            return false;
        }
    }
    true
}

const REFERENCE_BEYOND_LIMITS: &str = "référence de cellule hors des limites d'Excel";
const MALFORMED_SHEET: &str = "feuille XML mal formée";
const SHARED_STRINGS_TOO_MANY: &str = "table des textes partagés annonçant plus de 5 millions de textes";

/// "B12", "XFD1048576", or a row number alone, within Excel's limits.
fn reference_within_limits(reference: &[u8]) -> bool {
    let letters = reference.iter().take_while(|byte| byte.is_ascii_alphabetic()).count();
    let (column, row) = reference.split_at(letters);
    if letters > 3 || row.len() > 7 || !row.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let column = column.iter().fold(0u32, |n, byte| n * 26 + u32::from(byte.to_ascii_uppercase() - b'A' + 1));
    let row = row.iter().fold(0u32, |n, byte| n * 10 + u32::from(byte - b'0'));
    column <= 16_384 && row <= 1_048_576
}

/// What calamine's error (in English) says, in French words, for the part of the message a support person
/// would read: the first entry of [`CALAMINE_DETAILS`] whose words the error holds, else a plain sentence.
fn french_detail(error: &str) -> String {
    let error = error.to_lowercase();
    let detail = CALAMINE_DETAILS
        .iter()
        .find(|(words, _)| error.contains(words))
        .map_or("structure interne que le lecteur de classeurs ne reconnaît pas", |(_, french)| french);
    format!("détail technique : {detail}")
}

/// calamine's (and its zip reader's) errors, lower case, as French words, the most telling first.
const CALAMINE_DETAILS: &[(&str, &str)] = &[
    ("eocd", "archive ZIP sans sa fin, le fichier a sans doute été coupé"),
    ("file not found", "archive ZIP sans les fichiers d'un classeur"),
    ("zip error", "archive ZIP abîmée"),
    ("cfb error", "structure interne d'un fichier XLS abîmée ou incomplète"),
    ("xml", "XML interne mal formé"),
    ("password", "classeur protégé par un mot de passe"),
    ("encrypt", "classeur chiffré"),
];

impl Workbook<'_> {
    /// The sheets of a workbook, in order; a CSV has none.
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Workbook::Text(_) => Vec::new(),
            Workbook::Xlsx(book) => book.sheet_names(),
            Workbook::Xls(book) => book.sheet_names(),
            Workbook::Ods(book) => book.sheet_names(),
        }
    }

    /// The grid of the chosen sheet, or of the first sheet that has cells when none is chosen.
    pub fn into_grid(self, file_name: &str, sheet: Option<&str>) -> Result<Grid, ImportError> {
        self.into_grid_where(file_name, sheet, |_| true)
    }

    /// The grid of the chosen sheet; when none is chosen, of the first sheet with cells that `wanted`
    /// takes (a workbook whose first sheet is a summary and the second the invoices), else of the first
    /// sheet with cells.
    pub fn into_grid_where(
        self,
        file_name: &str,
        sheet: Option<&str>,
        wanted: impl Fn(&Grid) -> bool,
    ) -> Result<Grid, ImportError> {
        let names = self.sheet_names();
        let mut sheets = match self {
            Workbook::Text(grid) => return Ok(grid),
            Workbook::Xlsx(book) => Sheets::Xlsx(book),
            Workbook::Xls(book) => Sheets::Xls(book),
            Workbook::Ods(book) => Sheets::Ods(book),
        };
        let broken = |detail: String| ImportError::BrokenWorkbook { file: file_name.to_string(), detail };
        let candidates: Vec<String> = match sheet {
            Some(wanted) => match names.iter().find(|name| name.as_str() == wanted) {
                Some(name) => vec![name.clone()],
                None => {
                    return Err(ImportError::NoSuchSheet {
                        file: file_name.to_string(),
                        sheet: wanted.to_string(),
                        available: names.iter().map(|n| format!("« {n} »")).collect::<Vec<_>>().join(", "),
                    })
                }
            },
            None => names.clone(),
        };
        let (mut first_with_cells, mut first) = (None, None);
        for name in candidates {
            let range = shielded(file_name, || {
                sheets.worksheet_range(&name).map_err(|error| broken(french_detail(&error.to_string())))
            })?;
            let grid = grid_of_range(&name, &range)?;
            if grid.rows.is_empty() {
                first.get_or_insert(grid);
            } else if wanted(&grid) {
                return Ok(grid);
            } else {
                first_with_cells.get_or_insert(grid);
            }
        }
        first_with_cells.or(first).ok_or_else(|| ImportError::NoRows(file_name.to_string()))
    }
}

fn grid_of_range(name: &str, range: &calamine::Range<Data>) -> Result<Grid, ImportError> {
    let (start_row, _) = range.start().unwrap_or((0, 0));
    // Empty rows (the formatted rows below a sheet's values can count a million) are left out before a
    // cell of them is made, and before the rows are shared out.
    let numbered: Vec<(usize, &[Data])> = range
        .rows()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|cell| *cell != Data::Empty))
        .map(|(index, cells)| (start_row as usize + index + 1, cells))
        .collect();
    let convert = |share: &[(usize, &[Data])]| -> Result<Vec<GridRow>, ImportError> {
        let mut rows = Vec::with_capacity(share.len());
        for &(number, cells) in share {
            if cells.len() > MAX_COLUMNS && cells[MAX_COLUMNS..].iter().any(|cell| *cell != Data::Empty) {
                return Err(ImportError::TooManyColumns { row: number, columns: cells.len(), max: MAX_COLUMNS });
            }
            let mut row: Vec<Cell> = cells.iter().take(MAX_COLUMNS).map(cell_of).collect();
            while row.last().is_some_and(Cell::is_empty) {
                row.pop();
            }
            check_cells(number, &row)?;
            if !row.is_empty() {
                rows.push(GridRow { number, cells: row });
            }
        }
        Ok(rows)
    };
    // A large sheet's second half is converted on a second core; the first half's problem, if any, is the
    // one told, as it comes first in the sheet.
    let rows = if numbered.len() < APART_ROWS {
        convert(&numbered)?
    } else {
        let (first, second) = numbered.split_at(numbered.len() / 2);
        let (second, first) = side_by_side(|| convert(second), || convert(first));
        let mut rows = first?;
        rows.extend(second?);
        rows
    };
    Ok(Grid { sheet: Some(name.to_string()), rows })
}

/// The one conversion of calamine's cells, floats included, into the core's cells.
fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(number) => Cell::Number(number.to_string()),
        // Display of a binary float is the shortest decimal text that reads back as the same float:
        // 1234.56 stays "1234.56", never "1234.5599999999999".
        Data::Float(number) => Cell::Number(number.to_string()),
        Data::Bool(flag) => Cell::Text(if *flag { "VRAI" } else { "FAUX" }.to_string()),
        Data::DateTime(moment) => match moment.as_datetime() {
            Some(moment) if moment.date() > NaiveDate::MIN => Cell::Date(moment.date()),
            _ => Cell::Text(moment.to_string()),
        },
        Data::DateTimeIso(text) => NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
            .map_or_else(|_| Cell::Text(text.clone()), Cell::Date),
        Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(error) => Cell::Text(format!("#{error:?}")),
    }
}

fn check_cells(number: usize, cells: &[Cell]) -> Result<(), ImportError> {
    for cell in cells {
        if let Cell::Text(text) = cell {
            if text.len() > MAX_CELL_CHARS {
                let chars = text.chars().count();
                if chars > MAX_CELL_CHARS {
                    return Err(ImportError::CellTooLong { row: number, chars, max: MAX_CELL_CHARS });
                }
            }
        }
    }
    Ok(())
}

/// Decodes a text file: UTF-16 when it starts with a UTF-16 BOM; UTF-8 (a BOM is dropped) when the bytes
/// are valid UTF-8, otherwise Windows-1252 or ISO-8859-15, told apart by the euro sign (0x80 in the first,
/// 0xA4 in the second).
pub fn decode_text<'a>(file_name: &str, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, str>, ImportError> {
    // Excel's « Texte Unicode » is UTF-16 with a BOM (and tabs): its NUL bytes are no binary file.
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if looks_binary(text.as_bytes()) {
                return Err(ImportError::NotASpreadsheet(file_name.to_string()));
            }
            return Ok(std::borrow::Cow::Owned(text.into_owned()));
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(ImportError::NotASpreadsheet(file_name.to_string()));
    }
    // UTF-8 is read where it lies: a copy of a 10 MB file was 10 MB of fresh memory to touch.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    let has_c1 = bytes.iter().any(|b| (0x80..=0x9F).contains(b));
    let encoding = if !has_c1 && bytes.contains(&0xA4) { encoding_rs::ISO_8859_15 } else { encoding_rs::WINDOWS_1252 };
    let (text, _, _) = encoding.decode(bytes);
    Ok(text)
}

/// A NUL byte, or more than one control character in a hundred, is not a text table.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)).count();
    controls * 100 > sample.len()
}

/// The separator used by most lines among `;`, tab and `,` (in that order of preference on a tie),
/// counted outside quotes over the first lines.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut lines = 0;
    for character in text.chars() {
        match character {
            '"' => in_quotes = !in_quotes,
            ';' if !in_quotes => counts[0] += 1,
            '\t' if !in_quotes => counts[1] += 1,
            ',' if !in_quotes => counts[2] += 1,
            '\n' if !in_quotes => {
                lines += 1;
                if lines >= 50 {
                    break;
                }
            }
            _ => {}
        }
    }
    let candidates = [b';', b'\t', b','];
    let mut best = 0;
    for index in 1..3 {
        if counts[index] > counts[best] {
            best = index;
        }
    }
    candidates[best]
}

/// Reads CSV text into a grid; quoted fields may hold separators and line breaks. A large text is read in
/// two halves on two cores: the second from the first line after the middle, taken as a record's start,
/// and kept only when the first half's reading finds a record starting there (a quoted field spanning the
/// middle makes the first half read on alone). Either way the grid is the one a single reading gives.
pub fn read_csv(text: &str) -> Result<Grid, ImportError> {
    let delimiter = sniff_delimiter(text);
    // The csv reader takes a quote never closed as running to the end: the rows after it would be lost
    // in one cell, or a file cut short read as whole.
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(ImportError::UnclosedQuote { line });
    }
    let half = text.len() / 2;
    let middle = if text.len() >= APART_BYTES {
        memchr::memchr(b'\n', &text.as_bytes()[half..]).map(|at| half + at + 1).filter(|&middle| middle < text.len())
    } else {
        None
    };
    let Some(middle) = middle else {
        return Ok(Grid { sheet: None, rows: read_csv_part(text, delimiter, 0, 1, None)?.rows });
    };
    let (second, first) = side_by_side(
        || read_csv_part(text, delimiter, middle, 1 + line_breaks(&text.as_bytes()[..middle]), None),
        || read_csv_part(text, delimiter, 0, 1, Some(middle)),
    );
    let mut rows = first?;
    match rows.stopped {
        Some((start, _)) if start == middle => rows.rows.extend(second?.rows),
        Some((start, line)) => rows.rows.extend(read_csv_part(text, delimiter, start, line, None)?.rows),
        None => {}
    }
    Ok(Grid { sheet: None, rows: rows.rows })
}

/// The records of a CSV text read from one of its record starts.
struct CsvPart {
    rows: Vec<GridRow>,
    /// Where the reading stopped, asked to stop at a byte: the start of the first record at or after it,
    /// and that record's line; None when the text ended first.
    stopped: Option<(usize, usize)>,
}

/// The records of `text` from byte `from` (a record's start, on line `line`) to the end, or to the first
/// record starting at `stop` or after.
fn read_csv_part(
    text: &str,
    delimiter: u8,
    from: usize,
    line: usize,
    stop: Option<usize>,
) -> Result<CsvPart, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(&text.as_bytes()[from..]);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let (mut line, mut counted_to) = (line, from);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // The text is already valid UTF-8, so the reader cannot fail on encoding; any other error ends
            // the table where it breaks, like a spreadsheet would show it.
            Err(_) => break,
        }
        // The line a record starts on, counted from its byte offset (csv's own line counter lags behind
        // after a quoted line break).
        let mut start =
            record.position().map_or(counted_to, |position| from + position.byte() as usize).min(text.len());
        // csv may place a record's start on the line break before it (after a CRLF, after blank lines,
        // which it skips): a record never starts with a line break, so step over them.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start >= counted_to {
            line += line_breaks(&text.as_bytes()[counted_to..start]);
            counted_to = start;
        }
        if stop.is_some_and(|stop| start >= stop) {
            return Ok(CsvPart { rows, stopped: Some((start, line)) });
        }
        let number = line;
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns { row: number, columns: record.len(), max: MAX_COLUMNS });
        }
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|field| if field.trim().is_empty() { Cell::Empty } else { Cell::Text(field.to_string()) })
            .collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        check_cells(number, &cells)?;
        if !cells.is_empty() {
            rows.push(GridRow { number, cells });
        }
    }
    Ok(CsvPart { rows, stopped: None })
}

/// The line of the quoted field a CSV text ends inside, if it does: the csv crate's own reading (a quote
/// opens a field only at its start, two quotes inside it are one, a quote elsewhere is a character), so
/// that what it reads and what this finds agree.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let bytes = text.as_bytes();
    let (mut state, mut line, mut opened) = (State::FieldStart, 1, 0);
    for (index, &byte) in bytes.iter().enumerate() {
        let ends_field = byte == delimiter || byte == b'\n' || byte == b'\r';
        state = match state {
            State::FieldStart if byte == b'"' => {
                opened = line;
                State::Quoted
            }
            State::Quoted if byte == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if byte == b'"' => State::Quoted,
            _ if ends_field => State::FieldStart,
            _ => State::Unquoted,
        };
        if byte == b'\n' || (byte == b'\r' && bytes.get(index + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    (state == State::Quoted).then_some(opened)
}

/// Line breaks as csv reads them: "\n", "\r\n" (one break) and a lone "\r" (the line ending of the
/// "CSV (Macintosh)" files older Excel versions write).
fn line_breaks(bytes: &[u8]) -> usize {
    let lone_cr = |index: usize| bytes.get(index + 1) != Some(&b'\n');
    bytes.iter().enumerate().filter(|&(index, &byte)| byte == b'\n' || (byte == b'\r' && lone_cr(index))).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_euro_sign_tells_windows_1252_from_iso_8859_15() {
        assert_eq!(decode_text("a.csv", b"12 \x80;caf\xe9").unwrap(), "12 €;café");
        assert_eq!(decode_text("a.csv", b"12 \xa4;caf\xe9").unwrap(), "12 €;café");
        assert_eq!(decode_text("a.csv", "\u{feff}12 €".as_bytes()).unwrap(), "12 €");
    }

    #[test]
    fn a_text_ending_inside_a_quoted_field_is_told_with_the_line_the_quote_opens() {
        let cases: [(&str, Option<usize>); 7] = [
            ("a;b\n1;\"deux\nlignes\"\n", None),
            ("a;b\r\n1;\"deux\r\nlig", Some(2)),
            ("a;b\n1;\"dit \"\"oui\"\"\"\n2;\"x", Some(3)),
            ("a;b\n1;pouce 12\"\n", None),
            ("a;b\n1;\"x\"y;\"z\n", Some(2)),
            ("a;b\r1;\"x\ry", Some(2)),
            ("\"", Some(1)),
        ];
        for (text, expected) in cases {
            assert_eq!(unclosed_quote(text, b';'), expected, "{text:?}");
        }
        assert!(matches!(read_csv("a;b\n1;\"x\n2;y\n"), Err(ImportError::UnclosedQuote { line: 2 })));
    }

    #[test]
    fn the_separator_is_the_most_frequent_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1;\"2,5\";3\n"), b';');
        assert_eq!(sniff_delimiter("a,b,c\n1,\"2;5\",3\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2,5\t3\n"), b'\t');
    }

    #[test]
    fn a_quoted_field_may_span_lines_and_rows_keep_their_line_numbers() {
        let grid = read_csv("n;objet\nF1;\"deux\nlignes\"\nF2;x\n").unwrap();
        assert_eq!(grid.rows.len(), 3);
        assert_eq!(grid.rows[1].cells[1], Cell::Text("deux\nlignes".into()));
        assert_eq!(grid.rows[2].number, 4);
    }

    /// Found by the `csv` fuzz target: a lone carriage return ends a record for csv but was not counted as
    /// a line, so two rows got the same number, and a file with Mac line endings had every row on line 1
    /// (none below the header: the whole file was refused as empty).
    #[test]
    fn fuzz_csv_lone_carriage_returns_are_line_breaks() {
        let grid = read_csv("n;objet\rF1;x\rF2;y\r").unwrap();
        let numbers: Vec<usize> = grid.rows.iter().map(|row| row.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        let found = "\rN° facture;Client;Date;Échéance;Montant TTC\r\nB-1;Garag\n;;;\t\n Garag  \re du Centre;01/10/2026;\n;12,3,4\r\n";
        let numbers: Vec<usize> = read_csv(found).unwrap().rows.iter().map(|row| row.number).collect();
        assert_eq!(numbers, [2, 3, 5, 6, 7]);
        let mac = "N° facture;Client;Date;Montant TTC\rF1;Garage;01/10/2026;12,00\r";
        let prepared = crate::import::prepare("mac.csv", mac.as_bytes(), None, None, |_| None).unwrap();
        assert_eq!(prepared.rows.len(), 1);
        assert_eq!(prepared.rows[0].row, 2);
    }

    /// Found by the `ods` fuzz target: a `content.xml` ending inside a table made calamine loop forever.
    #[test]
    fn fuzz_ods_unclosed_table_is_refused_not_read_forever() {
        let bytes = include_bytes!("../../tests/data/import/bad/fuzz-ods-incomplet.ods");
        let error = crate::import::prepare("f.ods", bytes, None, None, |_| None).unwrap_err();
        assert!(error.to_string().contains("content.xml est incomplet"), "{error}");
        // The complete file still reads.
        let good = include_bytes!("../../tests/data/import/classeur-libreoffice.ods");
        assert_eq!(scan_ods(good), OdsScan::Readable);
    }

    /// A copy of `archive` with `name` rewritten by `change`.
    fn rewritten(archive: &[u8], name: &str, change: impl Fn(&str) -> String) -> Vec<u8> {
        use std::io::{Read, Write};
        let mut source = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for index in 0..source.len() {
            let mut entry = source.by_index(index).unwrap();
            let entry_name = entry.name().unwrap().to_string();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            if entry_name == name {
                bytes = change(std::str::from_utf8(&bytes).unwrap()).into_bytes();
            }
            let options = zip::write::SimpleFileOptions::default().compression_method(entry.compression());
            out.start_file(entry_name.as_str(), options).unwrap();
            out.write_all(&bytes).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    /// Found by the `ods` fuzz target: a row repeated a million times before a value made calamine build a
    /// sheet of millions of empty cells (ten seconds, 1.8 GB). It is refused from the XML, in French.
    #[test]
    fn fuzz_ods_sheet_stretched_by_repeated_rows_is_refused_before_calamine() {
        let good = include_bytes!("../../tests/data/import/classeur-libreoffice.ods");
        let stretched = rewritten(good, "content.xml", |content| {
            content.replacen(
                "</table:table>",
                "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell \
                 table:number-columns-repeated=\"8\"/></table:table-row><table:table-row><table:table-cell \
                 office:value-type=\"string\"><text:p>Total</text:p></table:table-cell><table:table-cell \
                 table:number-columns-repeated=\"5\"/><table:table-cell office:value-type=\"float\" \
                 office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row></table:table>",
                1,
            )
        });
        assert!(matches!(scan_ods(&stretched), OdsScan::TooManyCells(cells) if cells > MAX_SHEET_CELLS));
        let error = crate::import::prepare("stretched.ods", &stretched, None, None, |_| None).unwrap_err();
        assert_eq!(error.kind(), "too_many_cells");
        assert!(error.to_string().contains("« stretched.ods » s'étend sur"), "{error}");
        // The same rows repeated at the end of the sheet, with no value after them, are LibreOffice's own
        // filler: the sheet still reads.
        let filler = rewritten(good, "content.xml", |content| {
            content.replacen(
                "</table:table>",
                "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell \
                 table:number-columns-repeated=\"1024\"/></table:table-row></table:table>",
                1,
            )
        });
        assert_eq!(scan_ods(&filler), OdsScan::Readable);
        assert!(crate::import::prepare("filler.ods", &filler, None, None, |_| None).is_ok());
    }

    /// Found by the `xlsx` fuzz target: shared strings announcing 10^19 strings made calamine reserve room
    /// for them before reading one, and abort. Refused before calamine reads the workbook.
    #[test]
    fn fuzz_xlsx_shared_strings_announcing_too_many_are_refused_before_calamine() {
        let good = include_bytes!("../../tests/data/import/export-excel-titre-total.xlsx");
        for count in ["99999999999999999999", "18446744073709551615", "5000001", "+000000099999999"] {
            let announced = rewritten(good, "xl/sharedStrings.xml", |strings| {
                strings.replacen("uniqueCount=\"31\"", &format!("uniqueCount=\"{count}\""), 1)
            });
            assert_eq!(xlsx_problem(&announced), Some(SHARED_STRINGS_TOO_MANY), "{count}");
            let error = crate::import::prepare("annonce.xlsx", &announced, None, None, |_| None).unwrap_err();
            assert_eq!(error.kind(), "broken_workbook", "{count}");
        }
        let honest = rewritten(good, "xl/sharedStrings.xml", |strings| {
            strings.replacen("uniqueCount=\"31\"", "uniqueCount=\"5000000\"", 1)
        });
        assert_eq!(xlsx_problem(&honest), None);
    }

    /// Found by the `xlsx` fuzz target: a cell named `DJJJJJJJ…7` made calamine allocate 700 GB and abort.
    #[test]
    fn fuzz_xlsx_reference_beyond_excel_limits_is_refused_before_calamine() {
        assert!(
            reference_within_limits(b"XFD1048576") && reference_within_limits(b"A1") && reference_within_limits(b"12")
        );
        assert!(!reference_within_limits(b"XFE1") && !reference_within_limits(b"A1048577"));
        assert!(!reference_within_limits(b"DJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJ7"));
        let bytes = include_bytes!("../../tests/data/import/bad/fuzz-reference-enorme.xlsx");
        assert_eq!(xlsx_problem(bytes), Some(REFERENCE_BEYOND_LIMITS));
        for good in [
            &include_bytes!("../../tests/data/import/export-excel-titre-total.xlsx")[..],
            &include_bytes!("../../tests/data/import/dates-serie-excel.xlsx")[..],
        ] {
            assert_eq!(xlsx_problem(good), None);
        }
    }

    /// The reference check reads a sheet's XML a block at a time without parsing it: whatever the size of
    /// the blocks, it finds the same cells, quoted or not, prefixed or not, after a malformed tag too.
    #[test]
    fn every_cell_and_row_reference_is_checked_whatever_the_blocks_and_the_markup() {
        let check = |xml: &str| {
            let results: Vec<_> =
                [1, 2, 7, 64, 4096].iter().map(|&block| sheet_references_problem(xml.as_bytes(), block)).collect();
            assert!(results.windows(2).all(|pair| pair[0] == pair[1]), "{xml}: {results:?}");
            results[0]
        };
        let sheet = |cells: &str| format!("<worksheet><sheetData><row r=\"1\">{cells}</row></sheetData></worksheet>");
        for good in [
            r#"<c r="A1" t="s"><v>0</v></c><c r="XFD1048576"/>"#,
            r#"<c t='a>b' r="B1"/><c x="1" r = 'C1'>x</c><c r=D1/>"#,
            r#"<c ref="XFE1" sr="ZZZZ1" r:id="rId1"/><selection activeCell="ZZZZ9999999" r2="XFE1"/>"#,
            r#"<c><v>1</v></c><c r=""/>"#,
        ] {
            assert_eq!(check(&sheet(good)), None, "{good}");
        }
        for bad in [
            r#"<c r="XFE1"/>"#,
            r#"<c r="A1048577"><v>1</v></c>"#,
            r#"<c t=">" r="ZZZZ1"/>"#,
            r#"<x:c r="A1"/><x:c
                 r = 'DJJJJJJJJJJJJJJJJJJJJJJ7'/>"#,
            r#"<c r=XFE1>"#,
            // A misspelt end tag does not hide the cells after it (calamine reads on).
            r#"</rheetViews><c r="A2"/><c r="GGGGGGGGGGGGGGGGGGGGC7"/>"#,
            // Nor does a comment or another tag's quoted value: refused rather than trusted.
            r#"<!-- <c r="XFE1"/> --><c r="A1"/>"#,
        ] {
            assert_eq!(check(&sheet(bad)), Some(REFERENCE_BEYOND_LIMITS), "{bad}");
        }
        let row = sheet(r#"<c r="A1"/>"#).replace(r#"<row r="1">"#, r#"<x:row r="1048577">"#);
        assert_eq!(check(&row), Some(REFERENCE_BEYOND_LIMITS));
        // A cell tag that never ends within 64 KB is refused, not carried from block to block.
        let endless = sheet(&format!("<c r=\"A1\" t=\"{}", "s".repeat(MAX_CELL_TAG_BYTES + 1)));
        assert_eq!(sheet_references_problem(endless.as_bytes(), 4096), Some(MALFORMED_SHEET));
        // At the end of the sheet, an unfinished tag is checked as far as it goes.
        assert_eq!(check(r#"<sheetData><c r="XFE1" t="s"#), Some(REFERENCE_BEYOND_LIMITS));
        assert_eq!(check(r#"<sheetData><c r="A1" t="s"#), None);
        let malformed = include_bytes!("../../tests/data/import/bad/fuzz-feuille-malformee.xlsx");
        assert_eq!(xlsx_problem(malformed), Some(REFERENCE_BEYOND_LIMITS));
    }

    /// A large sheet is converted in two halves on two cores: its rows keep their numbers and order
    /// across the middle, and of two problems the one further up the sheet is told.
    #[test]
    fn a_large_sheet_converted_in_halves_keeps_its_rows_and_tells_the_first_problem() {
        // Rows 5 to 10,004 of a sheet (calamine's rows 4 to 10,003), a blank row in each half.
        let range = |too_long: &[u32]| {
            let mut range = calamine::Range::new((4, 0), (10_003, 1));
            for row in (4..10_004u32).filter(|row| *row != 2_000 && *row != 8_000) {
                let text = if too_long.contains(&row) { "x".repeat(MAX_CELL_CHARS + 1) } else { format!("F-{row}") };
                range.set_value((row, 0), Data::String(text));
                range.set_value((row, 1), Data::Float(f64::from(row) + 0.5));
            }
            range
        };
        let grid = grid_of_range("Factures", &range(&[])).unwrap();
        assert!(grid.rows.len() == 9_998 && APART_ROWS < grid.rows.len());
        let expected = (4..10_004u32).filter(|row| *row != 2_000 && *row != 8_000);
        for (row, read) in expected.zip(&grid.rows) {
            assert_eq!(read.number, row as usize + 1);
            assert_eq!(read.cells, [Cell::Text(format!("F-{row}")), Cell::Number(format!("{row}.5"))]);
        }
        for (too_long, told) in [(vec![7_000], 7_001), (vec![3_000, 7_000], 3_001), (vec![10_003], 10_004)] {
            match grid_of_range("Factures", &range(&too_long)) {
                Err(ImportError::CellTooLong { row, .. }) => assert_eq!(row, told, "{too_long:?}"),
                other => panic!("{too_long:?}: {:?}", other.map(|grid| grid.rows.len())),
            }
        }
    }

    /// A text of 1 MB or more is read in two halves: whatever falls on its middle (a record's start, a
    /// quoted field with line breaks, blank lines, CRLF), the grid and the problem told are those of one
    /// reading from the start.
    #[test]
    fn a_large_csv_read_in_halves_gives_the_grid_of_one_reading() {
        let whole = |text: &str| read_csv_part(text, sniff_delimiter(text), 0, 1, None).map(|part| part.rows);
        let line = |index: usize| match index % 7 {
            0 => format!("F-{index};\"objet sur\r\ndeux lignes\";12,00\r\n"),
            3 => format!("F-{index};court\r\n\r\n"),
            5 => format!("F-{index};\"a;b\"\"c\";;\n"),
            _ => format!("F-{index};ligne {index};{index},50\r\n"),
        };
        let body: String = (0..40_000).map(line).collect();
        assert!(body.len() > APART_BYTES);
        let mut cases = vec![format!("Numéro;Objet;Montant\r\n{body}")];
        // The middle's line falls inside a quoted field of a thousand line breaks.
        let half = cases[0].len() / 2;
        let mut straddling = cases[0][..half - 500].to_string();
        straddling.push_str(&format!("X;\"{}\";1\r\n", "suite\n".repeat(1_000)));
        straddling.push_str(&cases[0][half - 500..]);
        cases.push(straddling);
        let plain: String = (0..60_000).map(|index| format!("F-{index};ligne {index};{index},50\r\n")).collect();
        cases.push(plain);
        // Which of the two ways each case takes: the plain text's second half is kept, the straddling
        // text's is not (its first half reads on).
        let kept = |text: &str| {
            let middle = text.len() / 2 + text[text.len() / 2..].find('\n').unwrap() + 1;
            let first = read_csv_part(text, b';', 0, 1, Some(middle)).unwrap();
            first.stopped.unwrap().0 == middle
        };
        assert!(!kept(&cases[1]) && kept(&cases[2]));
        for text in &cases {
            let halves = read_csv(text).unwrap();
            assert_eq!(halves.rows, whole(text).unwrap());
            assert!(halves.rows.len() > 40_000);
        }
        // A row of too many columns in either half is told with its own line.
        for at in [cases[0].len() / 4, cases[0].len() * 3 / 4] {
            let at = at + cases[0][at..].find('\n').unwrap() + 1;
            let text = format!("{}{}\n{}", &cases[0][..at], ";".repeat(MAX_COLUMNS + 1), &cases[0][at..]);
            match (read_csv(&text), whole(&text)) {
                (Err(ImportError::TooManyColumns { row, .. }), Err(ImportError::TooManyColumns { row: one, .. })) => {
                    assert_eq!(row, one)
                }
                other => panic!("{:?}", other.0.map(|grid| grid.rows.len())),
            }
        }
    }

    /// Found by the `xlsx` fuzz target: a cell reference with a huge row number ("B1111…1") overflows
    /// inside calamine; the file is a broken workbook, not a panic.
    #[test]
    fn fuzz_xlsx_huge_cell_reference_is_a_broken_workbook() {
        let bytes = include_bytes!("../../tests/data/import/bad/fuzz-reference-enorme.xlsx");
        let error = crate::import::prepare("f.xlsx", bytes, None, None, |_| None).unwrap_err();
        assert_eq!(error.kind(), "broken_workbook", "{error}");
    }
}
