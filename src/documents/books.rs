//! The books as files (F13): the livre des recettes as a PDF (the report layout of `print/page.rs`,
//! written by `print/pdf.rs`), as CSV (as `spreadsheet.rs` writes lists: UTF-8 with a BOM, `;`, decimal
//! commas, text cells kept from being read as formulas) and as an XLSX workbook; the accountant's export
//! as one XLSX workbook, a sheet per list, or one ZIP of CSV files, a file per list. Bytes out: writing
//! them is the desk's business. Amounts go into workbooks as numbers (from `Decimal`, by the workbook
//! crate) with a euro format, dates as date cells, so that a spreadsheet sums and sorts them.

use crate::documents::letters::facts::Sender;
use crate::documents::letters::LetterError;
use crate::documents::print::page::{Composer, ReportLayout, Table};
use crate::documents::print::pdf::Metadata;
use crate::documents::print::{pages_pdf, sheets::columns};
use crate::documents::spreadsheet::{amount_cell, text_cell};
use crate::domain::books::{AccountantExport, BookLine, BookTotals, LineKind, ReceiptsBook};
use crate::domain::calendar::{format_long, format_short};
use crate::domain::money::format_eur;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::io::Write;

/// Why a book's file could not be made, in French.
#[derive(Debug, thiserror::Error)]
pub enum BookFileError {
    #[error("le fichier CSV n'a pas pu être composé ({0})")]
    Csv(#[from] csv::Error),
    #[error("le classeur XLSX n'a pas pu être composé ({0})")]
    Xlsx(#[from] XlsxError),
    #[error("l'archive ZIP n'a pas pu être composée ({0})")]
    Zip(String),
}

/// The title the book bears on every page and in its files.
pub const RECEIPTS_TITLE: &str = "Livre des recettes";

/// The names of the accountant's lists: the workbook's sheets and the ZIP's files, in that order.
pub const ACCOUNTANT_LISTS: [(&str, &str); 5] = [
    ("Factures", "factures.csv"),
    ("Règlements", "reglements.csv"),
    ("Affectations", "affectations.csv"),
    ("Abandons de créances", "abandons.csv"),
    ("Pénalités réclamées", "penalites.csv"),
];

/// The « Montants » column of the claimed penalties: the figures the PDF sent states, kept when it was
/// printed, or recomputed for a letter printed before Ardoise kept them (`ClaimedPenalty::recalculated`).
pub const AS_PRINTED: &str = "du PDF imprimé";
pub const RECALCULATED: &str = "recalculés";

/// The livre des recettes as a PDF: the trader's identity, the period and the printing date on page 1,
/// the receipts in date order (cash in its own column), the totals by month and for the period split
/// into goods and services, every page numbered and footed with the trader and the period. Refused when a
/// name holds a character that would print as « ? ».
pub fn receipts_pdf(book: &ReceiptsBook, sender: &Sender, printed_on: NaiveDate) -> Result<Vec<u8>, LetterError> {
    let mut lines = vec![period_line(book)];
    lines.push(format!("Imprimé le {}", format_long(printed_on)));
    let totals = &book.totals;
    let paragraphs = if book.lines.is_empty() {
        vec!["Aucune recette encaissée ni aucun règlement rejeté sur cette période.".to_string()]
    } else {
        vec![
            "Recettes dans l'ordre de leur encaissement, avec les factures qu'elles règlent (pièces justificatives), \
             le client, la nature et le mode de règlement ; les espèces sont inscrites dans une colonne à part. Un \
             règlement rejeté par la banque figure au jour du rejet pour son montant en négatif."
                .to_string(),
            format!(
                "Total encaissé : {} ({}). Ventes de marchandises : {} ; prestations de services : {}.",
                format_eur(totals.amount),
                totals.means_split(format_eur),
                format_eur(totals.goods),
                format_eur(totals.services)
            ),
        ]
    };
    // Shares of the width: a book with receipts of unknown means gives them a column, taken from the text.
    let unspecified = has_unspecified(book);
    let (line_columns, month_columns): (&[ColumnSpec], &[ColumnSpec]) = if unspecified {
        (
            &[
                ("Date", 10, false),
                ("Factures", 13, false),
                ("Client", 16, false),
                ("Nature", 10, false),
                ("Mode", 13, false),
                ("Espèces", 11, true),
                ("Autres moyens", 12, true),
                (UNSPECIFIED_COLUMN, 12, true),
            ],
            &[
                ("Mois", 14, false),
                ("Marchandises", 12, true),
                ("Services", 11, true),
                ("Espèces", 11, true),
                ("Autres moyens", 11, true),
                (UNSPECIFIED_COLUMN, 11, true),
                ("Total", 12, true),
            ],
        )
    } else {
        (
            &[
                ("Date", 10, false),
                ("Factures", 15, false),
                ("Client", 22, false),
                ("Nature", 11, false),
                ("Mode", 14, false),
                ("Espèces", 12, true),
                ("Autres moyens", 13, true),
            ],
            &[
                ("Mois", 16, false),
                ("Marchandises", 13, true),
                ("Services", 13, true),
                ("Espèces", 12, true),
                ("Autres moyens", 13, true),
                ("Total", 13, true),
            ],
        )
    };
    let receipts = Table {
        title: "Recettes".into(),
        columns: columns(line_columns),
        rows: book.lines.iter().map(|line| pdf_row(line, unspecified)).collect(),
        bold_rows_from: None,
    };
    let mut month_rows: Vec<Vec<String>> =
        book.months.iter().map(|month| totals_row(capitalised(&month.label), &month.totals, unspecified)).collect();
    let first_total = month_rows.len();
    month_rows.push(totals_row("Total de la période".into(), &book.totals, unspecified));
    let months = Table {
        title: "Totaux par mois".into(),
        columns: columns(month_columns),
        rows: month_rows,
        bold_rows_from: Some(first_total),
    };
    let report = ReportLayout {
        owner: owner_name(sender),
        owner_lines: owner_lines(sender),
        title: RECEIPTS_TITLE.into(),
        lines,
        paragraphs,
        tables: vec![receipts, months],
        footer: format!("{} – {RECEIPTS_TITLE}, {}", owner_name(sender), book.label),
    };
    let metadata = Metadata {
        title: format!("{RECEIPTS_TITLE}, {}", book.label),
        author: sender.legal_name.clone(),
        date: Some(printed_on),
    };
    if let Some(found) = report.unprintable() {
        return Err(LetterError::unprintable(found));
    }
    Ok(pages_pdf(&Composer.report(&report), &metadata))
}

/// The headings of the book's CSV and of its workbook's sheet.
const RECEIPTS_HEADINGS: [&str; 12] = [
    "Date",
    "Factures",
    "Client",
    "Nature",
    "Mode de règlement",
    "Référence",
    "Montant",
    "Espèces",
    "Autres moyens",
    "Marchandises",
    "Services",
    "Remarque",
];

/// The remark of a total row: its count of lines, and what of it was received by a means nobody gave (in
/// « Montant » but neither in « Espèces » nor in « Autres moyens »).
fn totals_note(totals: &BookTotals) -> String {
    let mut note = format!("{} ligne(s)", totals.lines);
    if !totals.unspecified.is_zero() {
        note.push_str(&format!(" ; dont mode non précisé : {}", format_eur(totals.unspecified)));
    }
    note
}

/// The livre des recettes as CSV: a row per line, then after a blank row the total of each month and
/// of the period, labelled in the first column.
pub fn receipts_csv(book: &ReceiptsBook) -> Result<Vec<u8>, BookFileError> {
    let mut writer = csv_writer();
    // « Mode non précisé » comes last, and only in a book that has some, as in the PDF: « Montant » is then
    // « Espèces » plus « Autres moyens » plus it on every row, and the other columns keep their place.
    let unspecified = has_unspecified(book);
    let mut headings = RECEIPTS_HEADINGS.to_vec();
    headings.extend(unspecified.then_some(UNSPECIFIED_COLUMN));
    writer.write_record(&headings)?;
    for line in &book.lines {
        let mut record = vec![
            format_short(line.date),
            text_cell(&line.invoices.join(", ")),
            text_cell(&line.client),
            line.nature_label.to_string(),
            line.method_label.to_string(),
            text_cell(&line.reference),
            amount_cell(line.amount),
            if means_column(line) == 0 { amount_cell(line.amount) } else { String::new() },
            if means_column(line) == 1 { amount_cell(line.amount) } else { String::new() },
            amount_cell(line.goods),
            amount_cell(line.services),
            text_cell(&line.note),
        ];
        if unspecified {
            record.push(if means_column(line) == 2 { amount_cell(line.amount) } else { String::new() });
        }
        writer.write_record(&record)?;
    }
    writer.write_record(vec![""; headings.len()])?;
    let total = |label: String, totals: &BookTotals| -> Vec<String> {
        let mut record = vec![
            label,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            amount_cell(totals.amount),
            amount_cell(totals.cash),
            amount_cell(totals.other_means),
            amount_cell(totals.goods),
            amount_cell(totals.services),
            totals_note(totals),
        ];
        if unspecified {
            record.push(amount_cell(totals.unspecified));
        }
        record
    };
    for month in &book.months {
        writer.write_record(total(format!("Total {}", month.label), &month.totals))?;
    }
    writer.write_record(total(format!("Total {}", book.label), &book.totals))?;
    finish_csv(writer)
}

/// The livre des recettes as a workbook: the sheet « Livre des recettes » (the trader, the period and the
/// printing date, then a row per line and the totals) and the sheet « Totaux par mois ».
pub fn receipts_xlsx(book: &ReceiptsBook, sender: &Sender, printed_on: NaiveDate) -> Result<Vec<u8>, BookFileError> {
    let mut workbook = workbook(&format!("{RECEIPTS_TITLE}, {}", book.label), sender, printed_on);
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(RECEIPTS_TITLE)?;
    sheet.write_string_with_format(0, 0, owner_name(sender), &styles.bold)?;
    sheet.write_string(1, 0, period_line(book))?;
    sheet.write_string(2, 0, format!("Imprimé le {}", format_long(printed_on)))?;
    let header_row = 4;
    // « Mode non précisé » comes last, and only in a book that has some, as in the PDF and the CSV.
    let unspecified = has_unspecified(book);
    let mut line_headings = RECEIPTS_HEADINGS.to_vec();
    line_headings.extend(unspecified.then_some(UNSPECIFIED_COLUMN));
    headings(sheet, header_row, &line_headings, &styles)?;
    let mut row = header_row + 1;
    for line in &book.lines {
        sheet.write_with_format(row, 0, &line.date, &styles.date)?;
        sheet.write_string(row, 1, line.invoices.join(", "))?;
        sheet.write_string(row, 2, &line.client)?;
        sheet.write_string(row, 3, line.nature_label)?;
        sheet.write_string(row, 4, line.method_label)?;
        sheet.write_string(row, 5, &line.reference)?;
        sheet.write_with_format(row, 6, line.amount, &styles.euros)?;
        if let Some(column) = [7, 8, 12].get(means_column(line)) {
            sheet.write_with_format(row, *column, line.amount, &styles.euros)?;
        }
        sheet.write_with_format(row, 9, line.goods, &styles.euros)?;
        sheet.write_with_format(row, 10, line.services, &styles.euros)?;
        sheet.write_string(row, 11, &line.note)?;
        row += 1;
    }
    row += 1;
    let total = |sheet: &mut Worksheet, row: u32, label: String, totals: &BookTotals| -> Result<(), XlsxError> {
        sheet.write_string_with_format(row, 0, label, &styles.bold)?;
        for (column, amount) in
            [(6, totals.amount), (7, totals.cash), (8, totals.other_means), (9, totals.goods), (10, totals.services)]
        {
            sheet.write_with_format(row, column, amount, &styles.euros_bold)?;
        }
        sheet.write_string(row, 11, totals_note(totals))?;
        if unspecified {
            sheet.write_with_format(row, 12, totals.unspecified, &styles.euros_bold)?;
        }
        Ok(())
    };
    for month in &book.months {
        total(sheet, row, format!("Total {}", month.label), &month.totals)?;
        row += 1;
    }
    total(sheet, row, format!("Total {}", book.label), &book.totals)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    sheet.autofit();
    let months = workbook.add_worksheet();
    months.set_name("Totaux par mois")?;
    // « Mode non précisé » comes last here too: the other columns keep their place.
    let mut month_headings = vec!["Mois", "Marchandises", "Services", "Espèces", "Autres moyens", "Total"];
    month_headings.extend(unspecified.then_some(UNSPECIFIED_COLUMN));
    headings(months, 0, &month_headings, &styles)?;
    let rows = book.months.iter().map(|m| (capitalised(&m.label), &m.totals, false));
    for (index, (label, totals, bold)) in
        rows.chain(std::iter::once(("Total de la période".to_string(), &book.totals, true))).enumerate()
    {
        let row = index as u32 + 1;
        let euros = if bold { &styles.euros_bold } else { &styles.euros };
        months.write_string_with_format(row, 0, label, if bold { &styles.bold } else { &styles.plain })?;
        for (column, amount) in
            [(1, totals.goods), (2, totals.services), (3, totals.cash), (4, totals.other_means), (5, totals.amount)]
        {
            months.write_with_format(row, column, amount, euros)?;
        }
        if unspecified {
            months.write_with_format(row, 6, totals.unspecified, euros)?;
        }
    }
    months.autofit();
    Ok(workbook.save_to_buffer()?)
}

/// The accountant's export as one workbook, a sheet per list (`ACCOUNTANT_LISTS`).
pub fn accountant_xlsx(
    export: &AccountantExport,
    sender: &Sender,
    printed_on: NaiveDate,
) -> Result<Vec<u8>, BookFileError> {
    let mut workbook = workbook(&format!("Export comptable, {}", export.label), sender, printed_on);
    let styles = Styles::new();
    for (index, (name, _)) in ACCOUNTANT_LISTS.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name)?;
        let list = accountant_list(export, index);
        headings(sheet, 0, &list.headings, &styles)?;
        for (number, cells) in list.rows.iter().enumerate() {
            let row = number as u32 + 1;
            for (column, cell) in cells.iter().enumerate() {
                let column = column as u16;
                match cell {
                    Cell::Text(text) => sheet.write_string(row, column, text).map(|_| ())?,
                    Cell::Date(date) => sheet.write_with_format(row, column, date, &styles.date).map(|_| ())?,
                    Cell::Amount(amount) => sheet.write_with_format(row, column, *amount, &styles.euros).map(|_| ())?,
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    Ok(workbook.save_to_buffer()?)
}

/// The accountant's export as one ZIP of CSV files, a file per list (`ACCOUNTANT_LISTS`), each as
/// `spreadsheet.rs` writes lists. The entries are dated `printed_on`, so the same export gives the same
/// bytes.
pub fn accountant_csv_zip(export: &AccountantExport, printed_on: NaiveDate) -> Result<Vec<u8>, BookFileError> {
    use chrono::Datelike;
    let zip_error = |error: &dyn std::fmt::Display| BookFileError::Zip(error.to_string());
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(printed_on.year()).unwrap_or(1980).clamp(1980, 2107),
        printed_on.month() as u8,
        printed_on.day() as u8,
        0,
        0,
        0,
    )
    .map_err(|error| zip_error(&error))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp);
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (index, (_, file)) in ACCOUNTANT_LISTS.iter().enumerate() {
        let list = accountant_list(export, index);
        let mut writer = csv_writer();
        writer.write_record(&list.headings)?;
        for cells in &list.rows {
            writer.write_record(cells.iter().map(Cell::csv))?;
        }
        let bytes = finish_csv(writer)?;
        archive.start_file(*file, options).map_err(|error| zip_error(&error))?;
        archive.write_all(&bytes).map_err(|error| zip_error(&error))?;
    }
    let cursor = archive.finish().map_err(|error| zip_error(&error))?;
    Ok(cursor.into_inner())
}

/// One list of the accountant's export: its headings and rows of typed cells.
struct List {
    headings: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

/// A cell of the accountant's lists, typed so that each format writes it its way.
enum Cell {
    Text(String),
    Date(NaiveDate),
    Amount(Decimal),
    Empty,
}

impl Cell {
    fn csv(&self) -> String {
        match self {
            Cell::Text(text) => text_cell(text),
            Cell::Date(date) => format_short(*date),
            Cell::Amount(amount) => amount_cell(*amount),
            Cell::Empty => String::new(),
        }
    }
}

/// The list `index` of `ACCOUNTANT_LISTS`.
fn accountant_list(export: &AccountantExport, index: usize) -> List {
    let text = |value: &str| Cell::Text(value.to_string());
    let date = |value: Option<NaiveDate>| value.map_or(Cell::Empty, Cell::Date);
    let amount = |value: Option<Decimal>| value.map_or(Cell::Empty, Cell::Amount);
    match index {
        0 => List {
            headings: vec![
                "N° facture",
                "Date",
                "Échéance",
                "Client",
                "SIREN/SIRET",
                "Nature",
                "Montant HT",
                "Montant TTC",
                "Objet",
                "Réglé en fin de période",
                "Reste dû en fin de période",
                "Statut",
                "Abandonnée le",
            ],
            rows: export
                .invoices
                .iter()
                .map(|invoice| {
                    vec![
                        text(&invoice.number),
                        Cell::Date(invoice.issue_date),
                        Cell::Date(invoice.due_date),
                        text(&invoice.client),
                        text(&invoice.client_siren),
                        text(invoice.nature.label()),
                        amount(invoice.amount_excl_vat),
                        Cell::Amount(invoice.amount),
                        text(&invoice.object),
                        Cell::Amount(invoice.settled),
                        Cell::Amount(invoice.remaining),
                        text(invoice.status_label),
                        date(invoice.written_off_on),
                    ]
                })
                .collect(),
        },
        1 => List {
            headings: vec![
                "N° règlement",
                "Date",
                "Client",
                "Montant",
                "Mode",
                "Référence",
                "Affecté",
                "Non affecté",
                "Rejeté le",
                "Frais de rejet",
                "Motif du rejet",
            ],
            rows: export
                .payments
                .iter()
                .map(|payment| {
                    vec![
                        Cell::Text(payment.payment_id.to_string()),
                        Cell::Date(payment.date),
                        text(&payment.client),
                        Cell::Amount(payment.amount),
                        text(payment.method_label),
                        text(&payment.reference),
                        Cell::Amount(payment.allocated),
                        Cell::Amount(payment.unallocated),
                        date(payment.rejected_on),
                        if payment.rejected_on.is_some() { Cell::Amount(payment.rejection_fees) } else { Cell::Empty },
                        text(&payment.rejection_reason),
                    ]
                })
                .collect(),
        },
        2 => List {
            headings: vec![
                "N° règlement",
                "Date du règlement",
                "Client",
                "N° facture",
                "Date de la facture",
                "Montant affecté",
                "Règlement rejeté le",
            ],
            rows: export
                .allocations
                .iter()
                .map(|allocation| {
                    vec![
                        Cell::Text(allocation.payment_id.to_string()),
                        Cell::Date(allocation.payment_date),
                        text(&allocation.client),
                        text(&allocation.invoice),
                        Cell::Date(allocation.invoice_issue_date),
                        Cell::Amount(allocation.amount),
                        date(allocation.rejected_on),
                    ]
                })
                .collect(),
        },
        3 => List {
            headings: vec![
                "Date de l'abandon",
                "N° facture",
                "Date de la facture",
                "Client",
                "Nature",
                "Montant HT",
                "Montant TTC",
                "Réglé avant l'abandon",
                "Couvert par des avoirs",
                "Montant abandonné",
            ],
            rows: export
                .write_offs
                .iter()
                .map(|write_off| {
                    vec![
                        Cell::Date(write_off.date),
                        text(&write_off.invoice),
                        Cell::Date(write_off.issue_date),
                        text(&write_off.client),
                        text(write_off.nature.label()),
                        amount(write_off.amount_excl_vat),
                        Cell::Amount(write_off.amount),
                        Cell::Amount(write_off.paid),
                        Cell::Amount(write_off.credited),
                        Cell::Amount(write_off.written_off),
                    ]
                })
                .collect(),
        },
        _ => List {
            headings: vec![
                "Envoyé le",
                "N° courrier",
                "Courrier",
                "Client",
                "Factures",
                "Principal",
                "Intérêts de retard",
                "Indemnités forfaitaires",
                "Total réclamé",
                "Montants",
            ],
            rows: export
                .penalties
                .iter()
                .map(|claim| {
                    vec![
                        Cell::Date(claim.date),
                        Cell::Text(claim.letter_id.to_string()),
                        text(claim.letter),
                        text(&claim.client),
                        Cell::Text(claim.invoices.join(", ")),
                        Cell::Amount(claim.principal),
                        Cell::Amount(claim.interest),
                        Cell::Amount(claim.indemnity),
                        Cell::Amount(claim.total),
                        text(if claim.recalculated { RECALCULATED } else { AS_PRINTED }),
                    ]
                })
                .collect(),
        },
    }
}

/// The formats of the workbooks' cells.
struct Styles {
    plain: Format,
    bold: Format,
    heading: Format,
    date: Format,
    euros: Format,
    euros_bold: Format,
}

impl Styles {
    fn new() -> Styles {
        let euros = "#,##0.00\\ \"€\";-#,##0.00\\ \"€\"";
        Styles {
            plain: Format::new(),
            bold: Format::new().set_bold(),
            heading: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            euros: Format::new().set_num_format(euros),
            euros_bold: Format::new().set_num_format(euros).set_bold(),
        }
    }
}

/// A workbook titled `title`, by the trader, dated `printed_on` (not the clock: the same book gives the
/// same workbook).
fn workbook(title: &str, sender: &Sender, printed_on: NaiveDate) -> Workbook {
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(title)
        .set_author(sender.legal_name.trim())
        .set_company(sender.trade_name.trim())
        .set_creation_datetime(&printed_on);
    workbook.set_properties(&properties);
    workbook
}

fn headings(sheet: &mut Worksheet, row: u32, names: &[&str], styles: &Styles) -> Result<(), XlsxError> {
    for (column, name) in names.iter().enumerate() {
        sheet.write_string_with_format(row, column as u16, *name, &styles.heading)?;
    }
    Ok(())
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF])
}

fn finish_csv(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, BookFileError> {
    writer.into_inner().map_err(|error| BookFileError::Csv(error.into_error().into()))
}

/// A line of the book in the PDF: the amount in the cash column or in the other means', the note (a
/// rejection) under the method.
/// A column of a printed table: its heading, its share of the width in tenths, and right-aligned.
type ColumnSpec<'a> = (&'a str, u8, bool);

/// The column of the receipts whose method nobody gave, printed only when the book has one.
const UNSPECIFIED_COLUMN: &str = "Mode non précisé";

/// True when a line of the book was received by a means nobody gave.
fn has_unspecified(book: &ReceiptsBook) -> bool {
    book.lines.iter().any(|line| !line.cash && !line.method.is_known())
}

/// The column of `line`'s amount among cash, the other means and, when the book has it, « non précisé »:
/// 0, 1 or 2.
fn means_column(line: &BookLine) -> usize {
    if line.cash {
        0
    } else if line.method.is_known() {
        1
    } else {
        2
    }
}

fn pdf_row(line: &BookLine, unspecified: bool) -> Vec<String> {
    let amount = format_eur(line.amount);
    let mut method = line.method_label.to_string();
    if !line.note.is_empty() {
        method.push('\n');
        method.push_str(&line.note);
    }
    let nature = if line.kind == LineKind::Rejection {
        format!("{} (rejet)", line.nature_label)
    } else {
        line.nature_label.to_string()
    };
    let mut row = vec![format_short(line.date), line.invoices.join(", "), line.client.clone(), nature, method];
    let means = if unspecified { 3 } else { 2 };
    row.extend((0..means).map(|column| if column == means_column(line) { amount.clone() } else { String::new() }));
    row
}

fn totals_row(label: String, totals: &BookTotals, unspecified: bool) -> Vec<String> {
    let mut row = vec![label, format_eur(totals.goods), format_eur(totals.services)];
    row.extend([format_eur(totals.cash), format_eur(totals.other_means)]);
    if unspecified {
        row.push(format_eur(totals.unspecified));
    }
    row.push(format_eur(totals.amount));
    row
}

/// « Période : octobre 2026, du 1er octobre 2026 au 31 octobre 2026 ».
fn period_line(book: &ReceiptsBook) -> String {
    let days = format!("du {} au {}", format_long(book.period.from), format_long(book.period.to));
    if book.label == days {
        format!("Période : {days}")
    } else {
        format!("Période : {}, {days}", book.label)
    }
}

/// The trader's name with the « EI » mention the law asks on professional documents.
fn owner_name(sender: &Sender) -> String {
    let name = sender.legal_name.trim();
    if name.ends_with(" EI") || name.contains("Entrepreneur individuel") || name.is_empty() {
        name.to_string()
    } else {
        format!("{name} EI")
    }
}

/// The identity under the trader's name: trade name, address, SIREN and registry, VAT mention.
fn owner_lines(sender: &Sender) -> Vec<String> {
    let identity = [
        (!sender.siren_siret.is_empty()).then(|| format!("SIREN/SIRET {}", sender.siren_siret)),
        (!sender.registry.is_empty()).then(|| sender.registry.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" – ");
    [sender.trade_name.clone(), sender.address_lines.join(", "), identity, sender.vat_line.clone()]
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .collect()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
