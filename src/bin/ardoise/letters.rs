//! The `kinds`, `letter` and `batch` commands: the catalogue, one letter's PDF, the day's letters.

use crate::output::json;
use ardoise::desk::letter_facts::LetterRequest;
use ardoise::desk::letters::{self, ExportTarget};
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// The catalogue, as a table or JSON.
pub fn kinds(out: &mut impl Write, as_json: bool) -> anyhow::Result<()> {
    let kinds = letters::kinds();
    if as_json {
        return json(out, &kinds);
    }
    for entry in kinds {
        writeln!(out, "{:<22} {:<48} {}", entry.kind.id(), entry.title, entry.dispatch_label)?;
        writeln!(out, "{:<22} faits : {}", "", entry.required_facts.join(", "))?;
    }
    Ok(())
}

/// One letter's PDF; the facts a template failed to state are reported, the file is still written.
pub fn letter(
    out: &mut impl Write,
    ledger: &Ledger,
    kind: &str,
    client_id: i64,
    date: NaiveDate,
    variant: String,
    file: &Path,
) -> anyhow::Result<()> {
    let request = LetterRequest {
        kind: letters::kind_of(kind)?,
        client_id,
        date,
        variant,
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    let letter = letters::export_request(ledger, &request, &ExportTarget::File(file.to_path_buf()))?;
    for problem in &letter.problems {
        eprintln!("ardoise : attention, {problem}");
    }
    writeln!(out, "{} écrit dans « {} ».", letter.facts.title, file.display())?;
    Ok(())
}

/// The day's letters, one PDF each or all in one (`single`), into `folder`, each followed by the invoices'
/// documents it encloses with `with_documents`.
pub fn batch(
    ledger: &mut Ledger,
    date: NaiveDate,
    folder: &Path,
    single: bool,
    with_documents: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let files = letters::export_batch(ledger, date, folder, single, with_documents, |_, _| ())?;
    writeln!(out, "{} fichier(s) écrit(s) dans « {} ».", files.len(), folder.display())?;
    for file in files {
        writeln!(out, "  {}", file.file_name().unwrap_or_default().to_string_lossy())?;
    }
    Ok(())
}
