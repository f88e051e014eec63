//! Shared checks of the fuzz targets: what must hold of any file the import reads, and the wrapping of
//! fuzzed XML into a workbook archive (raw mutations of a zip mostly break its checksums, so the XLSX and
//! ODS targets also build a valid archive around fuzzed sheet XML to reach calamine's XML readers).

use ardoise::domain::money::MAX_AMOUNT;
use ardoise::import::read::{read_workbook, Cell};
use ardoise::import::{prepare, MAX_CELL_CHARS, MAX_COLUMNS};
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

/// Reads `bytes` as a PDF's e-invoice attachment and checks what must hold: an attachment found is
/// neither empty nor beyond `MAX_XML_BYTES`; reading the whole file agrees with the extraction (a file
/// whose attachment cannot be taken out is refused by `read` too).
pub fn check_einvoice_pdf(bytes: &[u8]) {
    use ardoise::import::einvoice::{self, MAX_XML_BYTES};
    let extracted = einvoice::invoice_attachment("fuzz.pdf", bytes);
    if let Ok(attachment) = &extracted {
        assert!(!attachment.bytes.is_empty(), "an empty attachment was returned");
        assert!(attachment.bytes.len() <= MAX_XML_BYTES, "attachment of {} bytes", attachment.bytes.len());
        assert!(!attachment.name.is_empty(), "an attachment without a name");
    }
    if !bytes.iter().all(u8::is_ascii_whitespace) && einvoice::sniff(bytes) == Some(einvoice::FileKind::Pdf) {
        match einvoice::read("fuzz.pdf", bytes) {
            Ok(invoice) => {
                assert!(extracted.is_ok(), "read an invoice the extraction refused");
                check_einvoice(&invoice);
            }
            Err(error) => assert!(!error.to_string().is_empty()),
        }
    }
}

/// Reads `bytes` as an XML e-invoice, converts it into an import row and plans it, checking what must
/// hold at each step (see `check_einvoice`).
pub fn check_einvoice_xml(bytes: &[u8]) {
    use ardoise::import::einvoice;
    let read = einvoice::read_xml("fuzz.xml", None, bytes);
    match &read {
        Ok(invoice) => check_einvoice(invoice),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
    // Bytes that look like XML are read the same way as a file, whatever their name.
    let whole = einvoice::read("fuzz.pdf", bytes);
    if einvoice::sniff(bytes) == Some(einvoice::FileKind::Xml) && bytes.len() <= einvoice::MAX_XML_BYTES {
        assert_eq!(read.is_ok(), whole.is_ok(), "read_xml and read disagree");
    }
}

/// What must hold of an invoice read from any bytes:
/// - amounts in cents within `MAX_AMOUNT`, dates between 1980 and 2100, SIREN of 9 and SIRET of 14 digits;
/// - every problem names its term and says something;
/// - an invoice without problems converts into a row or says why not; a row has a number, a non-zero
///   amount, negative exactly for a credit note, a due date not before its issue date;
/// - a planned row meets the ledger's constraints (amount non-zero, due date on or after the issue date).
pub fn check_einvoice(invoice: &ardoise::import::einvoice::EInvoice) {
    use ardoise::import::einvoice::{import_row, prepare_files, DocumentKind};
    use ardoise::import::{plan::plan, LedgerSnapshot};
    let amounts = [invoice.total_excl_vat, invoice.total_incl_vat, invoice.prepaid, invoice.amount_due];
    for amount in amounts.into_iter().flatten() {
        assert!(amount.scale() <= 2, "amount {amount} is not in cents");
        assert!(amount.abs() <= MAX_AMOUNT, "amount {amount} too large");
    }
    for date in [invoice.issue_date, invoice.due_date].into_iter().flatten() {
        assert!((1980..=2100).contains(&chrono::Datelike::year(&date)), "date {date} out of range");
    }
    for party in [&invoice.buyer, &invoice.seller] {
        assert!(party.siren.is_empty() || (party.siren.len() == 9 && party.siren.bytes().all(|b| b.is_ascii_digit())));
        assert!(party.siret.is_empty() || (party.siret.len() == 14 && party.siret.bytes().all(|b| b.is_ascii_digit())));
    }
    for problem in &invoice.problems {
        assert!(problem.term.starts_with("BT-") || problem.term.starts_with("BG-"), "term {}", problem.term);
        assert!(!problem.message.is_empty());
    }
    match import_row(invoice, 1) {
        Ok(row) => {
            assert!(invoice.problems.is_empty(), "a row despite problems");
            assert!(!row.number.is_empty(), "a row without a number");
            assert!(!row.amount.is_zero(), "a row of zero");
            assert_eq!(
                row.amount.is_sign_negative(),
                invoice.kind == DocumentKind::CreditNote,
                "sign of {}",
                row.amount
            );
            if let Some(due) = row.due_date {
                assert!(due >= row.issue_date, "due {due} before issue {}", row.issue_date);
            }
        }
        Err(problems) => assert!(!problems.is_empty(), "refused without a reason"),
    }
    // Planned against a ledger whose profile is the invoice's seller, as the user's own invoice.
    if let Ok(row) = import_row(invoice, 1) {
        let snapshot = LedgerSnapshot {
            default_payment_terms_days: 30,
            profile_siren: invoice.seller.siren.clone(),
            ..LedgerSnapshot::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 4, 15).expect("a date");
        let mut prepared = prepare_files("fuzz", &[]).prepared;
        prepared.rows.push(Box::new(row));
        for row in &plan(prepared, &snapshot, today).rows {
            assert!(!row.amount.is_zero());
            assert!(row.due_date >= row.issue_date, "planned due {} before issue {}", row.due_date, row.issue_date);
        }
    }
}

/// A PDF whose catalog entries come from the first part of `data` (split at 0xFF) and whose objects 20
/// to 23 are the next parts, beside a page, an embedded `factur-x.xml` (object 10) with its file
/// specification (11) and a second attachment (12, 13): raw mutations of a PDF mostly break its
/// cross-reference table, this reaches the name tree and `/AF` walk.
pub fn pdf_around_catalog(data: &[u8]) -> Vec<u8> {
    let parts = parts(data, 5);
    let xml = br#"<?xml version="1.0"?><rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"><rsm:ExchangedDocument><ram:ID>F-1</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20260302</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>"#;
    let mut objects: Vec<(u32, Vec<u8>)> = vec![
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec()),
        (
            10,
            [format!("<< /Type /EmbeddedFile /Length {} >>\nstream\n", xml.len()).as_bytes(), xml, b"\nendstream"]
                .concat(),
        ),
        (11, b"<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) /EF << /F 10 0 R >> >>".to_vec()),
        (12, b"<< /Length 5 >>\nstream\nnotes\nendstream".to_vec()),
        (13, b"<< /Type /Filespec /F (notes.txt) /EF << /F 12 0 R >> >>".to_vec()),
    ];
    objects.push((1, [&b"<< /Type /Catalog /Pages 2 0 R "[..], parts[0], b" >>"].concat()));
    for (index, part) in parts[1..].iter().enumerate() {
        objects.push((20 + index as u32, part.to_vec()));
    }
    pdf_of(objects)
}

/// A PDF whose one page is a fuzzed page dictionary (after its `/Type` and `/Parent`) naming fuzzed
/// objects 4 to 7 (resources, contents, fonts, cycles back to the page tree), parts split at `0xFF`.
pub fn pdf_around_page(data: &[u8]) -> Vec<u8> {
    let parts = parts(data, 5);
    let mut objects: Vec<(u32, Vec<u8>)> = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>".to_vec()),
        (3, [&b"<< /Type /Page /Parent 2 0 R "[..], parts[0], b" >>"].concat()),
    ];
    for (index, part) in parts[1..].iter().enumerate() {
        objects.push((4 + index as u32, part.to_vec()));
    }
    pdf_of(objects)
}

/// Loads `bytes` as a PDF to enclose and, when it is one, copies its pages after a page of ours: the
/// copy is itself a PDF, with every page.
pub fn check_enclosure(bytes: &[u8]) {
    use ardoise::documents::print::{enclosure, pdf};
    let Ok(source) = enclosure::load("fuzz.pdf", bytes) else { return };
    let pages = source.get_pages().len();
    assert!(pages > 0 && pages <= enclosure::MAX_PAGES, "{pages} pages accepted");
    let mut document = pdf::Document::new();
    document.add_page(&[]);
    match document.add_foreign_pages(&source) {
        Ok(copied) => {
            assert_eq!(copied, pages);
            let out = document.finish(&pdf::Metadata::default());
            let copy = lopdf::Document::load_mem(&out).expect("the printed copy is a PDF");
            assert_eq!(copy.get_pages().len(), 1 + pages, "pages lost in the copy");
        }
        Err(reason) => assert!(!reason.is_empty()),
    }
}

/// A PDF file of the numbered objects, with its cross-reference table.
fn pdf_of(mut objects: Vec<(u32, Vec<u8>)>) -> Vec<u8> {
    objects.sort_by_key(|(number, _)| *number);
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (number, body) in &objects {
        offsets.push((*number, out.len()));
        out.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let size = objects.last().map_or(1, |(number, _)| number + 1);
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for number in 1..size {
        match offsets.iter().find(|(n, _)| *n == number) {
            Some((_, offset)) => out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes()),
            None => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
    out.extend_from_slice(format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
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
        assert!(line.bank_charges >= rust_decimal::Decimal::ZERO, "negative charges: {line:?}");
        assert!(line.bank_charges.is_zero() || line.direction == Direction::Credit, "charges on a debit: {line:?}");
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
    // Every line of a file is its own, even when the bank repeats an identifier: a repeated fingerprint
    // would make the file's import fail at every try.
    assert_eq!(before, fingerprints.len(), "two lines of one file share a fingerprint");
    check_reader(Ok(statement.clone()));
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let clients = vec![
        ClientIdentity {
            id: 1,
            name: "Garage du Centre".into(),
            siren_siret: Some("508765435".into()),
            ibans: vec!["FR7830004008190001234567843".into()],
        },
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
    let installments = vec![OpenInstallment {
        plan_id: 1,
        sequence: 1,
        client_id: 2,
        due_date: day,
        amount: Decimal::new(15000, 2),
        invoice_ids: vec![3],
    }];
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
