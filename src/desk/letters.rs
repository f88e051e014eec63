//! The letters feature as both shells use it: compose a letter from a request or a stored letter (with
//! the user's copy of its template and edited body), keep an edited body, export to PDF (the letter then
//! counts as printed), the day's batch, the user's template copies and the envelope offsets. Reads and
//! writes through the ledger's API; no SQL here.

use crate::desk::letter_facts::{self as gather, LetterRequest};
use crate::desk::Result;
pub use crate::documents::letters::catalogue::KindEntry;
use crate::documents::letters::render;
pub use crate::documents::letters::Letter;
use crate::documents::letters::{catalogue, compose, LetterError};
use crate::documents::print;
pub use crate::documents::print::PrintOptions;
pub use crate::domain::letter_kind::LetterKind;
use crate::ledger::files;
use crate::ledger::LetterRow;
use crate::Ledger;
use chrono::NaiveDate;
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
    Ok(letter)
}

/// A stored letter composed on `date`, with its invoices, dispatch, number and edited body.
pub fn stored_letter(ledger: &Ledger, letter_id: i64, date: NaiveDate) -> Result<Letter> {
    let row = ledger.letter(letter_id)?;
    compose_request(ledger, &request_of(&row, date), row.body_override.as_deref())
}

/// Composes the requested letter (not stored) and writes its PDF to `target`; returns the letter, whose
/// `problems` say which required facts its text misses.
pub fn export_request(ledger: &Ledger, request: &LetterRequest, target: &ExportTarget) -> Result<Letter> {
    let letter = compose_request(ledger, request, None)?;
    let bytes = print::letter_pdf(&letter, &print_options(ledger)?)?;
    let path = match target {
        ExportTarget::File(path) => path.clone(),
        ExportTarget::Folder(folder) => files::free_path(folder, &letter.file_name),
    };
    files::write_atomically(&path, &bytes)?;
    Ok(letter)
}

/// Keeps the user's edit of a letter's body (an empty edit, or one equal to the template's text, goes back
/// to the template) and returns the letter as it now reads.
pub fn save_body(ledger: &mut Ledger, letter_id: i64, body: &str, date: NaiveDate) -> Result<Letter> {
    let row = ledger.letter(letter_id)?;
    let original = compose_request(ledger, &request_of(&row, date), None)?;
    let edited = (!body.trim().is_empty() && body.trim() != original.body.trim()).then_some(body.trim());
    ledger.save_letter_body(letter_id, edited)?;
    stored_letter(ledger, letter_id, date)
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

/// Drafts a letter of `kind` to a client on `date` ("from a client"); returns its id.
pub fn draft_for_client(ledger: &mut Ledger, client_id: i64, kind: LetterKind, date: NaiveDate) -> Result<i64> {
    Ok(ledger.draft_letter(client_id, kind, kind.default_dispatch(), date, &[])?)
}

/// Writes a stored letter's PDF into `folder` under its file name (or to `path` exactly) and marks it
/// printed; returns the file written.
pub fn export_letter(ledger: &mut Ledger, letter_id: i64, date: NaiveDate, target: &ExportTarget) -> Result<PathBuf> {
    let letter = stored_letter(ledger, letter_id, date)?;
    let bytes = print::letter_pdf(&letter, &print_options(ledger)?)?;
    let path = match target {
        ExportTarget::File(path) => path.clone(),
        ExportTarget::Folder(folder) => files::free_path(folder, &letter.file_name),
    };
    files::write_atomically(&path, &bytes)?;
    ledger.mark_letter_printed(letter_id, Some(&path.to_string_lossy()), None)?;
    Ok(path)
}

/// Where an export goes: this exact file, or a folder where the letter's own name is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportTarget {
    File(PathBuf),
    Folder(PathBuf),
}

/// The letters drafted on `date` and not yet printed (the day's accepted proposals), composed.
pub fn batch(ledger: &Ledger, date: NaiveDate) -> Result<Vec<(i64, Letter)>> {
    ledger.drafted_letters(date)?.iter().map(|row| Ok((row.id, stored_letter(ledger, row.id, date)?))).collect()
}

/// Exports the batch: one PDF for one print job (`single`), or one file per letter, into `folder`, each
/// letter followed by the invoices' documents it encloses when `with_documents` is set;
/// `progress(done, total)` is called after each letter. Letters are composed and printed one at a time
/// (memory: the files being written, not the letters). Every address is checked before anything is
/// written, and nothing is marked printed unless every PDF was written. Returns the files written.
pub fn export_batch(
    ledger: &mut Ledger,
    date: NaiveDate,
    folder: &Path,
    single: bool,
    with_documents: bool,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<PathBuf>> {
    let rows = ledger.drafted_letters(date)?;
    let options = print_options(ledger)?;
    let total = rows.len();
    let mut written = Vec::new();
    if single && total > 0 {
        let mut batch = print::LetterBatch::new(&options);
        for (index, row) in rows.iter().enumerate() {
            let letter = stored_letter(ledger, row.id, date)?;
            batch.add(&letter)?;
            for document in enclosed(ledger, &letter, with_documents)? {
                batch.add_enclosure(&document.0, &document.1)?;
            }
            progress(index + 1, total);
        }
        let bytes = batch.finish();
        let name = crate::documents::letters::sanitize_file_name(&format!(
            "{} Courriers du jour ({total})",
            date.format("%Y-%m-%d")
        ));
        let path = files::free_path(folder, &format!("{name}.pdf"));
        files::write_atomically(&path, &bytes)?;
        written.push(path);
    } else {
        let mut pdfs = Vec::with_capacity(total);
        for (index, row) in rows.iter().enumerate() {
            let letter = stored_letter(ledger, row.id, date)?;
            let documents = enclosed(ledger, &letter, with_documents)?;
            pdfs.push((letter.file_name.clone(), print::letter_pdf_with_enclosures(&letter, &documents, &options)?));
            progress(index + 1, total);
        }
        for (name, bytes) in pdfs {
            let path = files::free_path(folder, &name);
            files::write_atomically(&path, &bytes)?;
            written.push(path);
        }
    }
    ledger.atomically(|ledger| -> crate::ledger::error::Result<()> {
        for row in &rows {
            ledger.mark_letter_printed(row.id, None, None)?;
        }
        Ok(())
    })?;
    Ok(written)
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

fn template_source(ledger: &Ledger, name: &str) -> Result<String> {
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

fn request_of(row: &LetterRow, date: NaiveDate) -> LetterRequest {
    LetterRequest {
        kind: row.kind,
        client_id: row.client_id,
        date,
        variant: String::new(),
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
