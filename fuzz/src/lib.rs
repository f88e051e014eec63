//! Shared checks of the fuzz targets: what must hold of any file the import reads, and the wrapping of
//! fuzzed XML into a workbook archive (raw mutations of a zip mostly break its checksums, so the XLSX and
//! ODS targets also build a valid archive around fuzzed sheet XML to reach calamine's XML readers).

use ardoise::import::read::{read_workbook, Cell};
use ardoise::import::{prepare, MAX_CELL_CHARS, MAX_COLUMNS};
use ardoise::money::MAX_AMOUNT;
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

/// What must hold of any statement a reader returns: lines at a position, amounts in cents within
/// `MAX_AMOUNT` whose sign is their direction, dates between 1980 and 2100, problems with a message.
pub fn check_reader(result: Result<ardoise::import::bank::Statement, ardoise::import::bank::BankError>) {
    use ardoise::import::bank::Direction;
    let Ok(statement) = result else { return };
    for line in &statement.lines {
        assert!(line.position > 0, "line at position 0: {line:?}");
        assert!(line.amount.scale() <= 2 && line.amount.abs() <= MAX_AMOUNT, "amount {}", line.amount);
        assert_eq!(line.direction == Direction::Debit, line.amount.is_sign_negative(), "{line:?}");
        for date in [Some(line.booking_date), line.value_date].into_iter().flatten() {
            let year = chrono::Datelike::year(&date);
            assert!((1980..=2100).contains(&year), "date {date} out of range");
        }
        assert!(!line.label.starts_with(' ') && !line.label.ends_with(' '), "label not trimmed: {:?}", line.label);
    }
    for problem in &statement.problems {
        assert!(!problem.message.is_empty());
    }
}

/// The whole path: `read_statement` (format told from the bytes, fingerprints), then every booked credit
/// through the matcher against a small ledger; no cent created or lost, allocations within what is due.
pub fn check_bank(file_name: &str, bytes: &[u8]) {
    use ardoise::domain::matching::{match_credits, ClientIdentity, OpenInstallment, OpenInvoice};
    use rust_decimal::Decimal;
    let Ok(statement) = ardoise::import::bank::read_statement(file_name, bytes, Default::default()) else { return };
    let mut fingerprints: Vec<&str> = statement.lines.iter().map(|line| line.fingerprint.as_str()).collect();
    fingerprints.sort_unstable();
    let before = fingerprints.len();
    fingerprints.dedup();
    // Lines may share a bank reference only if the bank repeats one; content fingerprints never collide.
    let with_reference = statement.lines.iter().filter(|line| line.bank_reference.is_some()).count();
    assert!(before - fingerprints.len() <= with_reference, "content fingerprints collide");
    check_reader(Ok(statement.clone()));
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let clients = vec![
        ClientIdentity { id: 1, name: "Garage du Centre".into(), siren_siret: Some("508765435".into()), ibans: vec!["FR7830004008190001234567843".into()] },
        ClientIdentity { id: 2, name: "Cabinet Dubois & Associés EURL".into(), siren_siret: None, ibans: vec![] },
    ];
    let invoice = |id, number: &str, client_id, due: i64| OpenInvoice {
        id,
        number: number.into(),
        client_id,
        due: Decimal::new(due, 2),
        due_date: day,
        issue_date: day,
    };
    let invoices = vec![
        invoice(1, "F2026-068", 1, 120000),
        invoice(2, "F2026-069", 1, 25000),
        invoice(3, "F2026-075", 2, 48000),
        invoice(4, "F2026-076", 2, 72000),
        invoice(5, "1024", 2, 35000),
    ];
    let installments =
        vec![OpenInstallment { plan_id: 1, sequence: 1, client_id: 2, due_date: day, amount: Decimal::new(15000, 2), invoice_ids: vec![3] }];
    let credits: Vec<_> = statement.booked_credits().map(|line| line.credit_line()).collect();
    let matched = match_credits(&credits, &clients, &invoices, &installments);
    assert_eq!(matched.len(), credits.len());
    let mut paid = [Decimal::ZERO; 5];
    for (credit, found) in credits.iter().zip(&matched) {
        let allocated: Decimal = found.allocations.iter().map(|a| a.amount).sum();
        assert_eq!(allocated + found.unallocated, credit.amount, "cents created or lost: {found:?}");
        for allocation in &found.allocations {
            assert!(allocation.amount > Decimal::ZERO);
            paid[(allocation.invoice_id - 1) as usize] += allocation.amount;
        }
    }
    for (invoice, paid) in invoices.iter().zip(paid) {
        assert!(paid <= invoice.due, "invoice {} paid {paid} over {}", invoice.number, invoice.due);
    }
}
