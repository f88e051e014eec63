//! The letters feature as both shells use it: draft a letter about the invoices the user picked (the
//! kind's usual ones preselected), compose it (with the user's copy of its template and edited body),
//! keep an edited body, export to PDF — the letter then counts as printed and the PDF's bytes are kept
//! beside the ledger, to be archived as they are when the sending is recorded — the batch of every letter
//! waiting to be printed, cancelling a letter with a reason, the user's template copies and the envelope
//! offsets. Reads and writes through the ledger's API; no SQL here.

use crate::desk::letter_facts::{self as gather, LetterRequest};
use crate::desk::Error;
use crate::desk::Result;
use crate::documents::letters::assemble::choose_invoices;
pub use crate::documents::letters::catalogue::KindEntry;
use crate::documents::letters::render;
pub use crate::documents::letters::Letter;
use crate::documents::letters::{catalogue, compose, LetterError};
use crate::documents::print;
pub use crate::documents::print::PrintOptions;
use crate::domain::figures::InvoiceStatus;
pub use crate::domain::letter_kind::LetterKind;
use crate::ledger::files;
pub use crate::ledger::LetterRow;
use crate::ledger::{PrintedCopy, PrintedFigures};
use crate::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Composes the requested letter on `date` (the user's copy of the template when there is one).
pub fn compose_request(ledger: &Ledger, request: &LetterRequest, body_override: Option<&str>) -> Result<Letter> {
    let client = ledger.client(request.client_id)?;
    // The facts decide the variant: a stored payment plan with fees takes the fees template.
    let facts = gather::facts(ledger, request)?;
    let template = catalogue::template_name(request.kind, client.fields.segment, &facts.variant);
    let source = template_source(ledger, &template)?;
    let mut letter = compose(facts, &template, &source, body_override)?;
    letter.signature_png = ledger.signature_png()?;
    letter.logo_png = ledger.logo_png()?;
    Ok(letter)
}

/// A stored letter composed on `date`, with its invoices, dispatch, number and edited body.
pub fn stored_letter(ledger: &Ledger, letter_id: i64, date: NaiveDate) -> Result<Letter> {
    let row = ledger.letter(letter_id)?;
    compose_request(ledger, &request_of(&row, date), row.body_override.as_deref())
}

/// Keeps the user's edit of a letter's body (an empty edit, or one equal to the template's text, goes back
/// to the template) and returns the letter as it now reads. A printed letter whose text changes must be
/// printed again before its sending can be recorded; a sent or cancelled letter is refused.
pub fn save_body(ledger: &mut Ledger, letter_id: i64, body: &str, date: NaiveDate) -> Result<Letter> {
    let row = ledger.letter(letter_id)?;
    let original = compose_request(ledger, &request_of(&row, date), None)?;
    let edited = (!body.trim().is_empty() && body.trim() != original.body.trim()).then_some(body.trim());
    ledger.save_letter_body(letter_id, edited)?;
    stored_letter(ledger, letter_id, date)
}

/// Where a stored letter stands in its life, for its page: printed or not, edited since, sent, cancelled
/// and why, and what can still be done with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterState {
    pub letter_id: i64,
    /// drafted, printed, sent or cancelled.
    pub status: String,
    /// In French: « Préparé », « Imprimé le … », « Modifié après son impression du … : à imprimer de
    /// nouveau », « Envoyé le … », « Annulé le … : motif ».
    pub status_label: String,
    pub printed_on: Option<NaiveDate>,
    pub edited_since_printed: bool,
    pub cancelled_on: Option<NaiveDate>,
    pub cancel_reason: Option<String>,
    /// Drafted or printed, not sent: it can still be edited, printed or cancelled.
    pub can_cancel: bool,
}

/// Where a stored letter stands in its life.
pub fn letter_state(ledger: &Ledger, letter_id: i64) -> Result<LetterState> {
    let row = ledger.letter(letter_id)?;
    let sent_on = ledger.dispatch_row(letter_id)?.sent_on;
    let long = crate::domain::calendar::format_long;
    let status_label = match row.status.as_str() {
        "drafted" if row.edited_since_printed() => format!(
            "Modifié après son impression du {} : à imprimer de nouveau avant l'envoi",
            row.printed_on.map(long).unwrap_or_default()
        ),
        "drafted" => "Préparé, pas encore imprimé".to_string(),
        "printed" => row.printed_on.map_or("Imprimé".to_string(), |on| format!("Imprimé le {}", long(on))),
        "sent" => sent_on.map_or("Envoyé".to_string(), |on| format!("Envoyé le {}", long(on))),
        _ => format!(
            "Annulé le {} : {}",
            row.cancelled_on.map(long).unwrap_or_default(),
            row.cancel_reason.clone().unwrap_or_default()
        ),
    };
    Ok(LetterState {
        letter_id,
        can_cancel: matches!(row.status.as_str(), "drafted" | "printed"),
        edited_since_printed: row.edited_since_printed(),
        status: row.status,
        status_label,
        printed_on: row.printed_on,
        cancelled_on: row.cancelled_on,
        cancel_reason: row.cancel_reason,
    })
}

/// The catalogue: every kind with its title, dispatch and templates, for the window and `ardoise kinds`.
pub fn kinds() -> Vec<KindEntry> {
    catalogue::kinds()
}

/// The kind whose id this is, or a French refusal naming the command that lists them.
pub fn kind_of(id: &str) -> Result<LetterKind> {
    LetterKind::from_id(id.trim()).ok_or_else(|| LetterError::UnknownKind(id.to_string()).into())
}

/// Writes the envelope calibration page (a frame where the window should be, with the offsets in force)
/// to `path`, atomically.
pub fn export_calibration(ledger: &Ledger, path: &Path) -> Result<()> {
    let bytes = print::calibration_pdf(&print_options(ledger)?)?;
    Ok(files::write_atomically(path, &bytes)?)
}

/// Drafts a letter of `kind` to a client on `date` about the invoices picked (« Préparer un courrier »
/// on a client's page); returns its id. The letter counts as a step of the ladder for each of them.
pub fn draft_for_client(
    ledger: &mut Ledger,
    client_id: i64,
    kind: LetterKind,
    date: NaiveDate,
    invoice_ids: &[i64],
) -> Result<i64> {
    crate::desk::procedure::refuse_letter_under_procedure(ledger, client_id, kind, date)?;
    Ok(ledger.draft_letter(client_id, kind, kind.default_dispatch(), date, invoice_ids)?)
}

/// One invoice the user may pick for a letter, with whether it is picked at first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceChoice {
    pub id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    pub remaining: Decimal,
    pub days_late: i64,
    pub status_label: String,
    /// Picked at first: the invoices the kind is usually about (the overdue ones for a reminder).
    pub preselected: bool,
}

/// The invoices of a client a letter of `kind` may be about on `date` (credit notes aside), oldest due
/// first, the kind's usual choice preselected: overdue and not disputed for a reminder or a formal
/// notice, not yet due for a welcome letter, the last payment's for a thank-you.
pub fn draft_choices(ledger: &Ledger, client_id: i64, kind: LetterKind, date: NaiveDate) -> Result<Vec<InvoiceChoice>> {
    let account = crate::desk::accounts::account(ledger, client_id, date)?;
    let opening = account.client.fields.procedure.opening_date;
    let usual: Vec<i64> = choose_invoices(kind, &account.invoices, &account.payments, &[], opening)
        .into_iter()
        .filter(|line| line.status != InvoiceStatus::Disputed)
        .map(|line| line.row.invoice.id)
        .collect();
    Ok(account
        .invoices
        .iter()
        .filter(|line| line.row.invoice.amount > Decimal::ZERO)
        .map(|line| InvoiceChoice {
            id: line.row.invoice.id,
            number: line.row.invoice.number.clone(),
            issue_date: line.row.invoice.issue_date,
            due_date: line.row.invoice.due_date,
            amount: line.row.invoice.amount,
            remaining: line.remaining,
            days_late: line.days_late,
            status_label: line.status.label().to_string(),
            preselected: usual.contains(&line.row.invoice.id),
        })
        .collect())
}

/// The ids of a client's invoices given by their numbers (« F2026-014 »), for the command line; an
/// unknown number is refused with the client's numbers listed.
pub fn invoices_by_number(ledger: &Ledger, client_id: i64, numbers: &[String]) -> Result<Vec<i64>> {
    let client = ledger.client(client_id)?;
    let rows = ledger.invoice_rows(Some(client_id), crate::ledger::ALL_TIME)?;
    numbers
        .iter()
        .map(|number| {
            let wanted = number.trim();
            rows.iter().find(|row| row.invoice.number == wanted).map(|row| row.invoice.id).ok_or_else(|| {
                let known: Vec<&str> = rows
                    .iter()
                    .filter(|row| row.invoice.amount > Decimal::ZERO)
                    .map(|row| row.invoice.number.as_str())
                    .collect();
                Error::invalid(
                    "invoice_ids",
                    format!(
                        "{} n'a pas de facture « {wanted} » ; ses factures : {}.",
                        client.fields.display_name(),
                        if known.is_empty() { "aucune".to_string() } else { known.join(", ") }
                    ),
                )
            })
        })
        .collect()
}

/// A letter drafted and printed at once, as `ardoise letter` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftedAndPrinted {
    pub letter_id: i64,
    pub path: PathBuf,
    pub letter: Letter,
}

/// Drafts a letter about `invoice_ids` (the kind's usual ones when empty) and exports its PDF to
/// `target`, as one unit: the letter is stored printed, with its bytes kept, or not stored at all.
pub fn draft_and_export(
    ledger: &mut Ledger,
    request: &LetterRequest,
    target: &ExportTarget,
) -> Result<DraftedAndPrinted> {
    crate::desk::procedure::refuse_letter_under_procedure(ledger, request.client_id, request.kind, request.date)?;
    let invoice_ids = if request.invoice_ids.is_empty() {
        draft_choices(ledger, request.client_id, request.kind, request.date)?
            .into_iter()
            .filter(|choice| choice.preselected)
            .map(|choice| choice.id)
            .collect()
    } else {
        request.invoice_ids.clone()
    };
    ledger.atomically(|ledger| {
        let dispatch = request.dispatch.unwrap_or(request.kind.default_dispatch());
        let letter_id = ledger.draft_letter_with(
            request.client_id,
            request.kind,
            dispatch,
            request.date,
            &invoice_ids,
            &request.variant,
        )?;
        let path = export_letter(ledger, letter_id, request.date, target)?;
        let letter = stored_letter(ledger, letter_id, request.date)?;
        Ok(DraftedAndPrinted { letter_id, path, letter })
    })
}

/// Writes a stored letter's PDF into `folder` under its file name (or to `path` exactly), keeps its bytes
/// and records it printed; returns the file written. A sent letter is exported as archived (the very
/// PDF sent), without any change; a cancelled one is refused.
pub fn export_letter(ledger: &mut Ledger, letter_id: i64, date: NaiveDate, target: &ExportTarget) -> Result<PathBuf> {
    let row = ledger.letter(letter_id)?;
    if row.status == "cancelled" {
        return Err(Error::conflict(format!(
            "Le courrier n° {letter_id} est annulé ({}) : il ne s'imprime plus. Préparez un nouveau courrier.",
            row.cancel_reason.unwrap_or_default()
        )));
    }
    if row.status == "sent" {
        return export_sent(ledger, &row, target);
    }
    let letter = stored_letter(ledger, letter_id, date)?;
    let bytes = print::letter_pdf(&letter, &print_options(ledger)?)?;
    let path = target_path(target, &letter.file_name);
    files::write_atomically(&path, &bytes)?;
    let copy = keep_copy(ledger, letter_id, &letter, &bytes, date)?;
    record_prints(ledger, &[(letter_id, Some(path.to_string_lossy().to_string()), copy)])?;
    Ok(path)
}

/// A sent letter's archived PDF, written to `target`.
fn export_sent(ledger: &Ledger, row: &LetterRow, target: &ExportTarget) -> Result<PathBuf> {
    let archived = ledger
        .archive_files(Some(row.client_id))?
        .into_iter()
        .find(|file| file.letter_id == Some(row.id) && file.role == crate::ledger::archive::ArchiveRole::Letter)
        .ok_or_else(|| {
            Error::conflict(format!(
                "Le courrier n° {} est envoyé sans copie archivée : son PDF d'alors n'existe plus.",
                row.id
            ))
        })?;
    let bytes = ledger.read_archived(&archived)?;
    let name = archived.file_name.clone();
    let path = target_path(target, &name);
    files::write_atomically(&path, &bytes)?;
    Ok(path)
}

fn target_path(target: &ExportTarget, file_name: &str) -> PathBuf {
    match target {
        ExportTarget::File(path) => path.clone(),
        ExportTarget::Folder(folder) => files::free_path(folder, file_name),
    }
}

/// Records printed letters with their kept copies, as one unit; if that fails, the copies are removed.
fn record_prints(ledger: &mut Ledger, prints: &[(i64, Option<String>, PrintedCopy)]) -> Result<()> {
    let recorded = ledger.atomically(|ledger| -> crate::ledger::error::Result<()> {
        for (id, path, copy) in prints {
            ledger.record_print(*id, path.as_deref(), copy)?;
        }
        Ok(())
    });
    if recorded.is_err() {
        for (_, _, copy) in prints {
            ledger.forget_printed_copy(copy);
        }
    }
    Ok(recorded?)
}

/// Cancels a drafted or printed letter on `date` with the user's reason; it stays in the client's
/// history as cancelled and no longer blocks the ladder. Returns the letter as stored now.
pub fn cancel(ledger: &mut Ledger, letter_id: i64, date: NaiveDate, reason: &str) -> Result<LetterRow> {
    ledger.cancel_letter(letter_id, date, reason)?;
    Ok(ledger.letter(letter_id)?)
}

/// Where an export goes: this exact file, or a folder where the letter's own name is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportTarget {
    File(PathBuf),
    Folder(PathBuf),
}

/// Every letter waiting to be printed — drafted on any day, or edited since it was printed — composed
/// on `date`, oldest first.
pub fn batch(ledger: &Ledger, date: NaiveDate) -> Result<Vec<(i64, Letter)>> {
    ledger.letters_to_print()?.iter().map(|row| Ok((row.id, stored_letter(ledger, row.id, date)?))).collect()
}

/// Exports the batch: one PDF for one print job (`single`), or one file per letter, into `folder`, each
/// letter followed by the invoices' documents it encloses when `with_documents` is set;
/// `progress(done, total)` is called after each letter. Refused whole, with nothing written, when one
/// letter cannot be printed (its address breaks NF Z10-011, it lacks a fact): see [`export_printable`]
/// for the batch that prints the others. Returns the files written.
pub fn export_batch(
    ledger: &mut Ledger,
    date: NaiveDate,
    folder: &Path,
    single: bool,
    with_documents: bool,
    progress: impl FnMut(usize, usize),
) -> Result<Vec<PathBuf>> {
    Ok(write_batch(ledger, date, folder, single, with_documents, progress, false)?.files)
}

/// What [`export_printable`] did: the files written, the letters printed, and each letter it could not
/// print with its client and the French reason (it stays waiting to be printed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchExport {
    pub files: Vec<PathBuf>,
    /// The letters printed (recorded so, their PDF kept), by number.
    pub printed: Vec<i64>,
    pub refused: Vec<RefusedLetter>,
}

/// A letter of the batch that was not printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefusedLetter {
    pub letter_id: i64,
    pub client_id: i64,
    pub client_name: String,
    /// The letter kind's title (« Rappel amical »).
    pub title: String,
    pub reason: String,
}

/// Exports the batch as [`export_batch`] does, printing every letter that can be printed: one that
/// cannot (a client without a valid address, a fact the ledger lacks) is left out, not recorded printed
/// and listed with its reason, and the others are written.
pub fn export_printable(
    ledger: &mut Ledger,
    date: NaiveDate,
    folder: &Path,
    single: bool,
    with_documents: bool,
    progress: impl FnMut(usize, usize),
) -> Result<BatchExport> {
    write_batch(ledger, date, folder, single, with_documents, progress, true)
}

/// The batch: letters composed and printed one at a time (memory: the files being written, not the
/// letters). Each letter's own PDF is kept beside the ledger as it is printed (for one print job, the
/// letter's pages rendered alone from the same composition). A letter that cannot be printed is refused
/// before anything of it is written: the whole batch fails with it, or, with `skip_refused`, it is left out
/// and listed. Nothing is recorded printed unless every PDF was written; a batch cut short leaves no kept
/// copy behind.
fn write_batch(
    ledger: &mut Ledger,
    date: NaiveDate,
    folder: &Path,
    single: bool,
    with_documents: bool,
    mut progress: impl FnMut(usize, usize),
    skip_refused: bool,
) -> Result<BatchExport> {
    let rows = ledger.letters_to_print()?;
    let options = print_options(ledger)?;
    let total = rows.len();
    let mut prints: Vec<(i64, Option<String>, PrintedCopy)> = Vec::with_capacity(total);
    let mut refused: Vec<RefusedLetter> = Vec::new();
    let mut work = |ledger: &Ledger,
                    prints: &mut Vec<(i64, Option<String>, PrintedCopy)>,
                    refused: &mut Vec<RefusedLetter>|
     -> Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        if single && total > 0 {
            let mut batch = print::LetterBatch::new(&options);
            for (index, row) in rows.iter().enumerate() {
                // Laid out once: the batch's pages and the letter's kept copy are the same drawing. A letter
                // refused adds nothing to the batch.
                let own =
                    stored_letter(ledger, row.id, date).and_then(|letter| Ok((batch.add_and_copy(&letter)?, letter)));
                match own {
                    Ok((own, letter)) => {
                        for document in enclosed(ledger, &letter, with_documents)? {
                            batch.add_enclosure(&document.0, &document.1)?;
                        }
                        prints.push((row.id, None, keep_copy(ledger, row.id, &letter, &own, date)?));
                    }
                    Err(error) => refuse(ledger, row, error, skip_refused, refused)?,
                }
                progress(index + 1, total);
            }
            if !prints.is_empty() {
                let bytes = batch.finish();
                let name = crate::documents::letters::sanitize_file_name(&format!(
                    "{} Courriers à imprimer ({})",
                    date.format("%Y-%m-%d"),
                    prints.len()
                ));
                let path = files::free_path(folder, &format!("{name}.pdf"));
                files::write_atomically(&path, &bytes)?;
                for print in prints.iter_mut() {
                    print.1 = Some(path.to_string_lossy().to_string());
                }
                written.push(path);
            }
        } else {
            let mut pdfs = Vec::with_capacity(total);
            for (index, row) in rows.iter().enumerate() {
                // The kept copy is the letter itself; the invoices it encloses are kept as their own
                // documents, so the file printed may carry them after the letter's pages.
                let own = stored_letter(ledger, row.id, date)
                    .and_then(|letter| Ok((print::letter_pdf(&letter, &options)?, letter)));
                match own {
                    Ok((own, letter)) => {
                        prints.push((row.id, None, keep_copy(ledger, row.id, &letter, &own, date)?));
                        let documents = enclosed(ledger, &letter, with_documents)?;
                        let bytes = if documents.is_empty() {
                            own
                        } else {
                            print::letter_pdf_with_enclosures(&letter, &documents, &options)?
                        };
                        pdfs.push((letter.file_name.clone(), bytes));
                    }
                    Err(error) => refuse(ledger, row, error, skip_refused, refused)?,
                }
                progress(index + 1, total);
            }
            for ((name, bytes), print) in pdfs.into_iter().zip(prints.iter_mut()) {
                let path = files::free_path(folder, &name);
                files::write_atomically(&path, &bytes)?;
                print.1 = Some(path.to_string_lossy().to_string());
                written.push(path);
            }
        }
        Ok(written)
    };
    match work(ledger, &mut prints, &mut refused) {
        Ok(files) => {
            record_prints(ledger, &prints)?;
            Ok(BatchExport { files, printed: prints.iter().map(|print| print.0).collect(), refused })
        }
        Err(error) => {
            for (_, _, copy) in &prints {
                ledger.forget_printed_copy(copy);
            }
            Err(error)
        }
    }
}

/// Keeps the bytes printed of `letter` beside the ledger, with the penalty figures they state (what the
/// accountant's export reports once the letter is sent).
fn keep_copy(ledger: &Ledger, letter_id: i64, letter: &Letter, bytes: &[u8], date: NaiveDate) -> Result<PrintedCopy> {
    let figures = PrintedFigures::from(&letter.facts.breakdown);
    Ok(ledger.keep_printed_copy(letter_id, &letter.file_name, bytes, date, figures)?)
}

/// A letter of the batch that cannot be printed: the batch stops with its error, or, with `skip_refused`,
/// the letter is listed with its client and reason and left out. Other errors (a file, the ledger) stop it.
fn refuse(
    ledger: &Ledger,
    row: &LetterRow,
    error: Error,
    skip_refused: bool,
    refused: &mut Vec<RefusedLetter>,
) -> Result<()> {
    match error {
        Error::Letter(reason) if skip_refused => {
            refused.push(RefusedLetter {
                letter_id: row.id,
                client_id: row.client_id,
                client_name: ledger_client_name(ledger, row.client_id),
                title: row.kind.title().to_string(),
                reason: reason.to_string(),
            });
            Ok(())
        }
        error => Err(error),
    }
}

/// The client's name as letters give it, or its number when it cannot be read.
fn ledger_client_name(ledger: &Ledger, client_id: i64) -> String {
    ledger.client(client_id).map_or_else(|_| format!("client n° {client_id}"), |client| client.fields.display_name())
}

/// The documents a letter encloses, as names and bytes to print after it (none unless asked).
fn enclosed(ledger: &Ledger, letter: &Letter, wanted: bool) -> Result<Vec<(String, Vec<u8>)>> {
    if !wanted {
        return Ok(Vec::new());
    }
    let documents = crate::desk::invoices::documents_of(ledger, letter)?;
    Ok(documents.into_iter().map(|document| (document.file_name, document.bytes)).collect())
}

/// A template in the settings page: its name, kind title, whether the user edited it, the text in use
/// and the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateEntry {
    pub name: String,
    pub title: String,
    /// "" for a kind's main template, else the segment or variant in French.
    pub variant: String,
    pub edited: bool,
    pub source: String,
    pub original: String,
}

/// Every template with the user's copy when there is one.
pub fn templates(ledger: &Ledger) -> Result<Vec<TemplateEntry>> {
    let copies = ledger.template_copies()?;
    Ok(catalogue::TEMPLATES
        .iter()
        .map(|template| {
            let copy = copies.iter().find(|(name, _)| name == template.name).map(|(_, source)| source.clone());
            TemplateEntry {
                name: template.name.to_string(),
                title: catalogue::kind_of(template.name).map_or("", |kind| kind.title()).to_string(),
                variant: variant_label(template.name).to_string(),
                edited: copy.is_some(),
                source: copy.unwrap_or_else(|| template.source.to_string()),
                original: template.source.to_string(),
            }
        })
        .collect())
}

/// Stores the user's copy of a template after checking it: the rules of user copies, then Tera's syntax.
pub fn save_template(ledger: &mut Ledger, name: &str, source: &str) -> Result<()> {
    let Some(template) = catalogue::embedded(name) else {
        return Err(LetterError::UnknownKind(name.to_string()).into());
    };
    let title = catalogue::kind_of(template.name).map_or(name, |kind| kind.title());
    render::check_user_source(title, source)?;
    render::check_syntax(title, source)?;
    ledger.save_template_copy(name, source)?;
    Ok(())
}

/// Drops the user's copy: the original applies again.
pub fn restore_template(ledger: &mut Ledger, name: &str) -> Result<()> {
    if catalogue::embedded(name).is_none() {
        return Err(LetterError::UnknownKind(name.to_string()).into());
    }
    Ok(ledger.restore_template(name)?)
}

/// The envelope offsets (zero until set).
pub fn print_options(ledger: &Ledger) -> Result<PrintOptions> {
    Ok(ledger.envelope_offsets()?)
}

/// Saves the envelope offsets after checking their range.
pub fn save_print_options(ledger: &mut Ledger, options: &PrintOptions) -> Result<()> {
    if let Some((field, message)) = options.problems().into_iter().next() {
        return Err(crate::desk::Error::invalid(field, message));
    }
    Ok(ledger.save_envelope_offsets(options)?)
}

pub(crate) fn template_source(ledger: &Ledger, name: &str) -> Result<String> {
    let original = catalogue::embedded(name).ok_or_else(|| LetterError::UnknownKind(name.to_string()))?;
    match ledger.template_copy(name)? {
        Some(copy) => {
            let title = catalogue::kind_of(name).map_or(name, |kind| kind.title());
            render::check_user_source(title, &copy)?;
            Ok(copy)
        }
        None => Ok(original.source.to_string()),
    }
}

/// The request that composes a stored letter on `date`: its kind, client, invoices, dispatch and id.
pub(crate) fn request_of(row: &LetterRow, date: NaiveDate) -> LetterRequest {
    LetterRequest {
        kind: row.kind,
        client_id: row.client_id,
        date,
        variant: row.variant.clone(),
        invoice_ids: row.invoice_ids.clone(),
        dispatch: Some(row.dispatch),
        tracking_number: row.tracking_number.clone().unwrap_or_default(),
        letter_id: Some(row.id),
    }
}

/// A template's variant as the template editor names it: a segment by its one name, or « avec frais ».
fn variant_label(name: &str) -> &'static str {
    use crate::domain::model::Segment;
    match name.split_once('.').map(|(_, variant)| variant) {
        Some("with_fees") => "avec frais",
        Some(variant) => serde_json::from_value::<Segment>(serde_json::Value::String(variant.to_string()))
            .map_or("", crate::domain::ladder::segment_label),
        None => "",
    }
}
