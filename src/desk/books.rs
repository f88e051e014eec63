//! The books kept every month (F13), as both shells use them: the livre des recettes of a period (on
//! screen, and as PDF, CSV or XLSX), a client's statement of account on a date (as data, and as the PDF
//! of its letter kind), the accountant's export of a period (XLSX, or a ZIP of CSV files), and the
//! nature invoices have by default. Reads the rows through the ledger (`ledger/books.rs`), builds the
//! books with `domain::books`, renders them with `documents::books`, writes through `ledger::files`.

use crate::desk::accounts::{account, settlement};
use crate::desk::letter_facts::{self, LetterRequest};
use crate::desk::letters::{self, ExportTarget};
use crate::desk::{Error, Result};
use crate::documents::books as files_of;
use crate::documents::letters::{assemble, sanitize_file_name, Letter};
use crate::domain::books::{self, Receipt, ReceiptPart};
pub use crate::domain::books::{
    AccountantAllocation, AccountantExport, AccountantInvoice, AccountantPayment, BookLine, BookTotals, ClaimedPenalty,
    LineKind, LineNature, MonthTotals, Period, PeriodChoice, ReceiptsBook, Statement, StatementEntry, WriteOff,
};
use crate::domain::figures;
use crate::domain::letter_kind::{Annex, LetterKind};
use crate::domain::model::Client;
pub use crate::domain::model::Nature;
use crate::ledger::{files, PrintedFigures};
use crate::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The files the livre des recettes is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookFormat {
    Pdf,
    Csv,
    Xlsx,
}

/// The files the accountant's export is written as: one workbook with a sheet per list, or one ZIP with a
/// CSV file per list (one file to send, whatever the accountant's software).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountantFormat {
    Xlsx,
    CsvZip,
}

/// A client's statement of account, as the window and `ardoise statement --json` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientStatement {
    pub client_id: i64,
    pub name: String,
    #[serde(flatten)]
    pub statement: Statement,
}

/// What an export wrote: the file and how many lines it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Written {
    pub path: PathBuf,
    pub lines: usize,
}

impl BookFormat {
    pub fn extension(self) -> &'static str {
        match self {
            BookFormat::Pdf => "pdf",
            BookFormat::Csv => "csv",
            BookFormat::Xlsx => "xlsx",
        }
    }

    /// What the file is, in French, for a message.
    fn written_as(self) -> &'static str {
        match self {
            BookFormat::Pdf => "un PDF",
            BookFormat::Csv => "un fichier CSV",
            BookFormat::Xlsx => "un classeur XLSX",
        }
    }
}

impl AccountantFormat {
    pub fn extension(self) -> &'static str {
        match self {
            AccountantFormat::Xlsx => "xlsx",
            AccountantFormat::CsvZip => "zip",
        }
    }

    /// What the file is, in French, for a message.
    fn written_as(self) -> &'static str {
        match self {
            AccountantFormat::Xlsx => "un classeur XLSX",
            AccountantFormat::CsvZip => "une archive ZIP d'un fichier CSV par liste",
        }
    }
}

/// A file whose name ends with another format's extension is refused (field `file`) before anything is
/// written: `accountant --csv x.csv` wrote a ZIP under a CSV name, `receipts --csv r.xlsx` CSV under an
/// Excel one, which the program that opens the file then refuses. A name without an extension is kept.
fn check_extension(path: &Path, extension: &str, what: &str, written_as: &str) -> Result<()> {
    let Some(given) = path.extension().map(|given| given.to_string_lossy()) else { return Ok(()) };
    if given.eq_ignore_ascii_case(extension) {
        return Ok(());
    }
    let renamed = path.with_extension(extension);
    let renamed = renamed.file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    Err(Error::invalid(
        "file",
        format!(
            "« {} » se termine par « .{given} », mais {what} demandé est {written_as} : nommez le fichier « {renamed} » \
             (ou choisissez le format que son nom annonce). Rien n'a été écrit.",
            path.display()
        ),
    ))
}

/// The days from `from` to `to` as a book's period; refused (field `to`) when they run backwards or span
/// more than ten years.
pub fn period(from: NaiveDate, to: NaiveDate) -> Result<Period> {
    Period::new(from, to).map_err(|message| Error::invalid("to", message))
}

/// The livre des recettes of `period`: every payment received in it and every rejection, with the
/// natures of the invoices paid (the invoice's, else its client's default, else the ledger's).
pub fn receipts(ledger: &Ledger, period: Period) -> Result<ReceiptsBook> {
    let clients = clients_by_id(ledger)?;
    let ledger_default = ledger.default_nature()?;
    let receipts: Vec<Receipt> = ledger
        .payments_of_period(period.from, period.to)?
        .into_iter()
        .map(|found| {
            let client = clients.get(&found.payment.client_id);
            let client_default = client.and_then(|client| client.fields.default_nature);
            let payment = found.payment;
            Receipt {
                payment_id: payment.id,
                date: payment.date,
                client: client.map(|client| client.fields.display_name()).unwrap_or_default(),
                amount: payment.amount,
                method: payment.method,
                reference: payment.reference,
                parts: found
                    .paid
                    .into_iter()
                    .map(|paid| ReceiptPart {
                        invoice: paid.number,
                        nature: Nature::of(paid.nature, client_default, ledger_default),
                        amount: paid.amount,
                    })
                    .collect(),
                rest_nature: Nature::of(None, client_default, ledger_default),
                rejected_on: payment.rejection.map(|rejection| rejection.date),
                bank_charges: found.bank_charges,
            }
        })
        .collect();
    Ok(books::receipts_book(&receipts, period))
}

/// Writes the livre des recettes of `period` to `path` as `format`, printed on `printed_on`.
pub fn export_receipts(
    ledger: &Ledger,
    period: Period,
    format: BookFormat,
    path: &Path,
    printed_on: NaiveDate,
) -> Result<ReceiptsBook> {
    check_extension(path, format.extension(), "le livre des recettes", format.written_as())?;
    let book = receipts(ledger, period)?;
    let sender = assemble::sender(&ledger.profile()?);
    let unwritten = |error| Error::conflict(format!("Le livre des recettes n'a pas pu être écrit : {error}."));
    let bytes = match format {
        BookFormat::Pdf => files_of::receipts_pdf(&book, &sender, printed_on)?,
        BookFormat::Csv => files_of::receipts_csv(&book).map_err(unwritten)?,
        BookFormat::Xlsx => files_of::receipts_xlsx(&book, &sender, printed_on).map_err(unwritten)?,
    };
    files::write_atomically(path, &bytes)?;
    Ok(book)
}

/// The name the livre des recettes of a period is saved under (« Livre des recettes - octobre 2026.pdf »).
pub fn receipts_file_name(period: Period, format: BookFormat) -> String {
    let name = sanitize_file_name(&format!("{} - {}", files_of::RECEIPTS_TITLE, period.label()));
    format!("{name}.{}", format.extension())
}

/// A client's statement of account on `as_of`.
pub fn statement(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<ClientStatement> {
    let account = account(ledger, client_id, as_of)?;
    let rows: Vec<_> = account.invoices.iter().map(|line| line.row.clone()).collect();
    let credited = account.invoices.iter().map(|line| (line.row.invoice.id, line.credited)).collect();
    Ok(ClientStatement {
        client_id,
        name: account.name,
        statement: books::statement(&rows, &credited, &account.payments, as_of),
    })
}

/// The statement of account of a client on `as_of` as its letter (« Relevé de compte », with its
/// annexes): what the window names the file after before asking where to save it.
pub fn statement_letter(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<Letter> {
    let request = LetterRequest {
        kind: LetterKind::AccountStatement,
        client_id,
        date: as_of,
        variant: String::new(),
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    letters::compose_request(ledger, &request, None)
}

/// Writes the statement of account of a client on `as_of` as its letter (« Relevé de compte », with its
/// annexes) to `target`; returns the letter and the file written. The letter is not stored: it is sent
/// as often as asked, always as of its date.
pub fn export_statement(
    ledger: &Ledger,
    client_id: i64,
    as_of: NaiveDate,
    target: &ExportTarget,
) -> Result<(Letter, PathBuf)> {
    let letter = statement_letter(ledger, client_id, as_of)?;
    let bytes = crate::documents::print::letter_pdf(&letter, &letters::print_options(ledger)?)?;
    let path = match target {
        ExportTarget::File(path) => path.clone(),
        ExportTarget::Folder(folder) => files::free_path(folder, &letter.file_name),
    };
    files::write_atomically(&path, &bytes)?;
    Ok((letter, path))
}

/// Everything the accountant asks for `period`: the invoices issued in it (settled and owed at its end),
/// the payments received or rejected in it with their allocations, the write-offs and their dates, and
/// the penalties claimed by the letters sent in it (a letter printed but not recorded as sent is left
/// out: it may never leave), as the PDF sent states them (`ClaimedPenalty::recalculated` when the letter
/// was printed before the ledger kept them).
pub fn accountant(ledger: &Ledger, period: Period) -> Result<AccountantExport> {
    let clients = clients_by_id(ledger)?;
    let name_of = |id: i64| clients.get(&id).map(|client| client.fields.display_name()).unwrap_or_default();
    let ledger_default = ledger.default_nature()?;
    let nature_of = |invoice_nature: Option<Nature>, client_id: i64| {
        let client_default = clients.get(&client_id).and_then(|client| client.fields.default_nature);
        Nature::of(invoice_nature, client_default, ledger_default)
    };
    let end = settlement(ledger, period.to, None)?;
    let disputes = ledger.disputes()?;
    let mut invoices = Vec::new();
    for row in ledger.invoices_issued_between(period.from, period.to)? {
        let Some(client) = clients.get(&row.invoice.client_id) else { continue };
        let line = figures::invoice_line(row, client, &end, &disputes, period.to);
        let invoice = &line.row.invoice;
        invoices.push(AccountantInvoice {
            invoice_id: invoice.id,
            number: invoice.number.clone(),
            client: line.client_name.clone(),
            client_siren: client.fields.siren_siret.clone(),
            issue_date: invoice.issue_date,
            due_date: invoice.due_date,
            nature: nature_of(invoice.nature, invoice.client_id),
            amount_excl_vat: invoice.amount_excl_vat.map(books::cents),
            amount: books::cents(invoice.amount),
            object: invoice.object.clone(),
            settled: books::cents(line.settled),
            remaining: books::cents(line.remaining),
            status_label: line.status_label,
            written_off_on: invoice.written_off_on,
        });
    }
    let mut payments = Vec::new();
    let mut allocations = Vec::new();
    for found in ledger.payments_of_period(period.from, period.to)? {
        let payment = &found.payment;
        let client = name_of(payment.client_id);
        let allocated: Decimal = found.paid.iter().map(|paid| paid.amount).sum();
        let rejection = payment.rejection.as_ref();
        payments.push(AccountantPayment {
            payment_id: payment.id,
            date: payment.date,
            client: client.clone(),
            amount: books::cents(payment.amount),
            method: payment.method,
            method_label: payment.method.label(),
            reference: payment.reference.clone(),
            allocated: books::cents(allocated),
            unallocated: books::cents(payment.amount - allocated),
            rejected_on: rejection.map(|rejection| rejection.date),
            rejection_fees: books::cents(rejection.map_or(Decimal::ZERO, |rejection| rejection.fees)),
            rejection_reason: rejection.map(|rejection| rejection.reason.clone()).unwrap_or_default(),
        });
        allocations.extend(found.paid.iter().map(|paid| AccountantAllocation {
            payment_id: payment.id,
            payment_date: payment.date,
            client: client.clone(),
            invoice: paid.number.clone(),
            invoice_issue_date: paid.issue_date,
            amount: books::cents(paid.amount),
            rejected_on: rejection.map(|rejection| rejection.date),
        }));
    }
    let write_offs = ledger
        .write_offs_between(period.from, period.to)?
        .into_iter()
        .filter_map(|row| {
            let invoice = &row.invoice;
            let credited = end.written_off.get(&invoice.id).copied().unwrap_or_default();
            Some(WriteOff {
                date: invoice.written_off_on?,
                invoice: invoice.number.clone(),
                client: name_of(invoice.client_id),
                issue_date: invoice.issue_date,
                nature: nature_of(invoice.nature, invoice.client_id),
                amount_excl_vat: invoice.amount_excl_vat.map(books::cents),
                amount: books::cents(invoice.amount),
                paid: books::cents(row.paid),
                credited: books::cents(credited),
                written_off: books::cents(invoice.amount - row.paid - credited),
            })
        })
        .collect();
    let mut penalties = Vec::new();
    for (letter, date) in ledger.letters_sent_between(period.from, period.to)? {
        if !letter.kind.has_annex(Annex::PenaltyBreakdown) {
            continue;
        }
        let request = LetterRequest {
            kind: letter.kind,
            client_id: letter.client_id,
            date: letter.printed_on.unwrap_or(date),
            variant: letter.variant.clone(),
            invoice_ids: letter.invoice_ids.clone(),
            dispatch: Some(letter.dispatch),
            tracking_number: letter.tracking_number.clone().unwrap_or_default(),
            letter_id: Some(letter.id),
        };
        let facts = letter_facts::facts(ledger, &request)?;
        // The figures the PDF that left states, kept when it was printed. A letter printed before the
        // ledger kept them is recomputed as of the day it was printed, from the ledger as it is now (a
        // payment dated before that day but recorded since counts), and the export says so.
        let (figures, recalculated) = match letter.printed_figures {
            Some(figures) => (figures, false),
            None => (PrintedFigures::from(&facts.breakdown), true),
        };
        penalties.push(ClaimedPenalty {
            date,
            letter_id: letter.id,
            letter: letter.kind.title(),
            client: facts.client.name.clone(),
            invoices: facts.invoices.iter().map(|invoice| invoice.number.clone()).collect(),
            principal: books::cents(figures.principal),
            interest: books::cents(figures.interest),
            indemnity: books::cents(figures.indemnity),
            total: books::cents(figures.total),
            recalculated,
        });
    }
    Ok(AccountantExport { period, label: period.label(), invoices, payments, allocations, write_offs, penalties })
}

/// Writes the accountant's export of `period` to `path` as `format`, dated `printed_on`.
pub fn export_accountant(
    ledger: &Ledger,
    period: Period,
    format: AccountantFormat,
    path: &Path,
    printed_on: NaiveDate,
) -> Result<AccountantExport> {
    check_extension(path, format.extension(), "l'export comptable", format.written_as())?;
    let export = accountant(ledger, period)?;
    let bytes = match format {
        AccountantFormat::Xlsx => files_of::accountant_xlsx(&export, &assemble::sender(&ledger.profile()?), printed_on),
        AccountantFormat::CsvZip => files_of::accountant_csv_zip(&export, printed_on),
    }
    .map_err(|error| Error::conflict(format!("L'export comptable n'a pas pu être écrit : {error}.")))?;
    files::write_atomically(path, &bytes)?;
    Ok(export)
}

/// The name the accountant's export of a period is saved under (« Export comptable - 2026.xlsx »).
pub fn accountant_file_name(period: Period, format: AccountantFormat) -> String {
    let name = sanitize_file_name(&format!("Export comptable - {}", period.label()));
    format!("{name}.{}", format.extension())
}

/// The nature of an invoice that says none and whose client says none.
pub fn default_nature(ledger: &Ledger) -> Result<Nature> {
    Ok(ledger.default_nature()?)
}

pub fn save_default_nature(ledger: &mut Ledger, nature: Nature) -> Result<()> {
    Ok(ledger.save_default_nature(nature)?)
}

fn clients_by_id(ledger: &Ledger) -> Result<HashMap<i64, Client>> {
    Ok(ledger.clients()?.into_iter().map(|client| (client.id, client)).collect())
}
