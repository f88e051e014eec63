//! Shared checks of the fuzz targets: what must hold of any file the import reads, and the wrapping of
//! fuzzed XML into a workbook archive (raw mutations of a zip mostly break its checksums, so the XLSX and
//! ODS targets also build a valid archive around fuzzed sheet XML to reach calamine's XML readers).

use ardoise::import::read::{read_workbook, Cell};
use ardoise::import::{prepare, MAX_CELL_CHARS, MAX_COLUMNS};
use ardoise::domain::money::MAX_AMOUNT;
use std::io::{Cursor, Write};

/// Reads `bytes` as the import does and checks what must hold of the result:
/// - the grid: row numbers strictly increasing from 1, rows neither empty nor ending with an empty cell,
///   at most `MAX_COLUMNS` cells, no text longer than `MAX_CELL_CHARS`;
/// - the prepared file: row numbers that exist in the grid, amounts in cents within `MAX_AMOUNT`, dates
///   between 1980 and 2100, a problem for every row that is neither typed nor skipped.
pub fn check_import(file_name: &str, bytes: &[u8]) {
    let Ok(workbook) = read_workbook(file_name, bytes) else {
        // A refused file must be refused by `prepare` too, never read differently.
        assert!(prepare(file_name, bytes, None, None, |_| None).is_err());
        return;
    };
    let sheets = workbook.sheet_names();
    let Ok(grid) = workbook.into_grid(file_name, None) else {
        assert!(prepare(file_name, bytes, None, None, |_| None).is_err());
        return;
    };
    if let Some(sheet) = &grid.sheet {
        assert!(sheets.contains(sheet), "sheet {sheet:?} not among {sheets:?}");
    }
    let mut previous = 0;
    for row in &grid.rows {
        assert!(row.number > previous, "row numbers must increase: {} after {previous}", row.number);
        previous = row.number;
        assert!(!row.cells.is_empty(), "empty row {} kept", row.number);
        assert!(!row.cells.last().is_some_and(Cell::is_empty), "row {} ends with an empty cell", row.number);
        assert!(row.cells.len() <= MAX_COLUMNS, "row {} has {} cells", row.number, row.cells.len());
        for cell in &row.cells {
            if let Cell::Text(text) = cell {
                assert!(text.chars().count() <= MAX_CELL_CHARS, "row {} holds a cell too long", row.number);
            }
        }
    }
    let Ok(prepared) = prepare(file_name, bytes, None, None, |_| None) else {
        return;
    };
    let numbers: Vec<usize> = grid.rows.iter().map(|row| row.number).collect();
    let header = prepared.mapping.header_row;
    assert!(numbers.contains(&header), "header row {header} is not in the grid");
    for row in &prepared.rows {
        assert!(numbers.contains(&row.row), "typed row {} is not in the grid", row.row);
        for amount in [Some(row.amount), row.amount_excl_vat, row.paid].into_iter().flatten() {
            assert!(amount.scale() <= 2, "row {}: amount {amount} is not in cents", row.row);
            assert!(amount.abs() <= MAX_AMOUNT, "row {}: amount {amount} too large", row.row);
        }
        for date in [Some(row.issue_date), row.due_date].into_iter().flatten() {
            let year = chrono::Datelike::year(&date);
            assert!((1980..=2100).contains(&year), "row {}: date {date} out of range", row.row);
        }
        assert!(!row.number.trim().is_empty(), "row {}: typed without a number", row.row);
    }
    for problem in &prepared.problems {
        assert!(numbers.contains(&problem.row), "problem on row {} not in the grid", problem.row);
        assert!(!problem.message.is_empty());
    }
    let below_header = grid.rows.iter().filter(|row| row.number > header).count();
    assert!(
        prepared.rows.len() + prepared.skipped <= below_header,
        "{} typed + {} skipped rows out of {below_header} below the header",
        prepared.rows.len(),
        prepared.skipped
    );
}

/// `data` split in up to `count` parts at 0xFF bytes (never valid UTF-8, so never inside the XML).
fn parts(data: &[u8], count: usize) -> Vec<&[u8]> {
    let mut parts: Vec<&[u8]> = data.splitn(count, |byte| *byte == 0xFF).collect();
    parts.resize(count, &[]);
    parts
}

fn archive(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in files {
        writer.start_file(*name, options).expect("zip entry");
        writer.write_all(content).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

const XLSX_CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
const XLSX_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const XLSX_WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const XLSX_WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Factures" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

/// An XLSX archive whose sheet, shared strings and styles come from `data` (three parts split at 0xFF).
pub fn xlsx_from_parts(data: &[u8]) -> Vec<u8> {
    let parts = parts(data, 3);
    archive(&[
        ("[Content_Types].xml", XLSX_CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", XLSX_RELS.as_bytes()),
        ("xl/workbook.xml", XLSX_WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", parts[0]),
        ("xl/sharedStrings.xml", parts[1]),
        ("xl/styles.xml", parts[2]),
    ])
}

const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";
const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// An ODS archive (mimetype first, stored, as the import recognises it) whose `content.xml` is `data`.
pub fn ods_from_content(data: &[u8]) -> Vec<u8> {
    archive(&[
        ("mimetype", ODS_MIMETYPE.as_bytes()),
        ("META-INF/manifest.xml", ODS_MANIFEST.as_bytes()),
        ("content.xml", data),
    ])
}
