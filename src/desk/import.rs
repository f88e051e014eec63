//! Importing invoices as both shells do it (F2): read the file, compare it with the ledger (the preview),
//! commit the plan in one unit, the history and the undo of the last import. The reading and planning are
//! pure (`import/`), the writing is the ledger's (`ledger/import.rs`).

use crate::desk::Result;
use crate::domain::digest::sha256_hex;
use crate::import::plan::{self, FieldChange, RowStatus};
pub use crate::import::plan::{ImportPlan, PlanView};
use crate::import::{prepare, ImportError, MAX_FILE_BYTES};
pub use crate::import::{ColumnMapping, RowProblem, RowWarning};
pub use crate::ledger::ImportRecord;
use crate::Ledger;
use chrono::NaiveDate;
use serde::Serialize;

/// How far a long import has gone, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Comparing,
    Writing,
    Done,
}

impl Stage {
    /// A rough share of the work done when the stage starts, in percent.
    pub fn percent(self) -> u8 {
        match self {
            Stage::Reading => 5,
            Stage::Comparing => 60,
            Stage::Writing => 80,
            Stage::Done => 100,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "Lecture du fichier…",
            Stage::Comparing => "Comparaison avec le registre…",
            Stage::Writing => "Enregistrement…",
            Stage::Done => "Terminé",
        }
    }
}

/// A file to import and how to read it.
#[derive(Debug, Clone, Copy)]
pub struct ImportRequest<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// The sheet of a workbook; the first with cells when None.
    pub sheet: Option<&'a str>,
    /// The user's mapping; the remembered or detected one when None.
    pub mapping: Option<&'a ColumnMapping>,
    /// The date given to payments the file does not date (no payment-date column): today, unless the
    /// user chose another in the preview (the plan's `payment_date`).
    pub today: NaiveDate,
    /// The SHA-256 the preview showed: a file changed since is refused rather than imported unseen.
    pub expected_sha256: Option<&'a str>,
}

/// Reads a file from disk for an import: its name (without folders) and its bytes.
pub fn read_file(path: &std::path::Path) -> Result<(String, Vec<u8>)> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let cannot_read = |error: std::io::Error| ImportError::CannotRead {
        file: name.clone(),
        detail: match error.kind() {
            std::io::ErrorKind::NotFound => "fichier introuvable (déplacé ou supprimé ?)".to_string(),
            std::io::ErrorKind::PermissionDenied => "accès refusé par le système".to_string(),
            _ => error.to_string(),
        },
    };
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if metadata.is_dir() {
        return Err(
            ImportError::CannotRead { file: name, detail: "c'est un dossier, pas un fichier".to_string() }.into()
        );
    }
    if metadata.len() > MAX_FILE_BYTES as u64 {
        return Err(ImportError::TooLarge { file: name, max_mb: MAX_FILE_BYTES / 1024 / 1024 }.into());
    }
    let bytes = std::fs::read(path)
        .map_err(|error| ImportError::CannotRead { file: name.clone(), detail: error.to_string() })?;
    Ok((name, bytes))
}

/// Reads a file and compares it with the ledger: the preview. The mapping remembered for the file's
/// layout is used unless the request gives one.
pub fn preview(ledger: &Ledger, request: &ImportRequest<'_>, progress: &mut dyn FnMut(Stage)) -> Result<ImportPlan> {
    progress(Stage::Reading);
    if let Some(expected) = request.expected_sha256 {
        if sha256_hex(request.bytes) != expected {
            return Err(ImportError::ChangedSincePreview(request.file_name.to_string()).into());
        }
    }
    let prepared = prepare(request.file_name, request.bytes, request.sheet, request.mapping, |key| {
        ledger.remembered_mapping(key).ok().flatten()
    })?;
    progress(Stage::Comparing);
    let snapshot = ledger.import_snapshot()?;
    Ok(plan::plan(prepared, &snapshot, request.today))
}

/// Previews then, unless `dry_run`, commits: what the command line and the window's « Confirmer » do.
/// Returns the plan and the history record when something was written (a file that changes nothing,
/// or whose every row is refused, writes nothing, not even a history line).
pub fn import_file(
    ledger: &mut Ledger,
    request: &ImportRequest<'_>,
    dry_run: bool,
    progress: &mut dyn FnMut(Stage),
) -> Result<(ImportPlan, Option<ImportRecord>)> {
    let plan = preview(ledger, request, progress)?;
    let record = if dry_run {
        None
    } else {
        progress(Stage::Writing);
        ledger.commit_import(&plan)?
    };
    progress(Stage::Done);
    Ok((plan, record))
}

/// What the command line prints with `--json` and the window shows after « Confirmer »: the counts,
/// every refused row, the clients created and the changes of updated invoices.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub file_name: String,
    pub sha256: String,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub rejected: Vec<RowProblem>,
    pub rejected_rows: usize,
    pub new_clients: Vec<NewClientSummary>,
    pub changes: Vec<RowChanges>,
    /// Values left out or read another way, each with its row, client, column and reason.
    pub warnings: Vec<RowWarning>,
    /// The date of the payments the file does not date, and how many there are.
    pub payment_date: NaiveDate,
    pub payment_date_column: Option<String>,
    pub undated_payments: usize,
    /// The history record when something was written, None for a dry run or a file that changes nothing.
    pub import: Option<ImportRecord>,
}

/// A client the import creates, as the user confirms it.
#[derive(Debug, Clone, Serialize)]
pub struct NewClientSummary {
    pub name: String,
    pub kind: crate::domain::model::ClientKind,
    pub siren_siret: String,
}

/// The changes of one updated invoice.
#[derive(Debug, Clone, Serialize)]
pub struct RowChanges {
    pub row: usize,
    pub number: String,
    pub changes: Vec<FieldChange>,
}

impl ImportReport {
    pub fn new(plan: &ImportPlan, import: Option<ImportRecord>) -> ImportReport {
        ImportReport {
            file_name: plan.source.file_name.clone(),
            sha256: plan.source.sha256.clone(),
            sheet: plan.source.sheet.clone(),
            sheets: plan.sheets.clone(),
            new: plan.new,
            updated: plan.updated,
            unchanged: plan.unchanged,
            skipped: plan.skipped,
            rejected: plan.rejected.clone(),
            rejected_rows: plan.rejected_rows,
            new_clients: plan
                .new_clients
                .iter()
                .map(|c| NewClientSummary {
                    name: c.name.clone(),
                    kind: c.fields.kind,
                    siren_siret: c.fields.siren_siret.clone(),
                })
                .collect(),
            changes: plan
                .rows
                .iter()
                .filter(|r| r.status == RowStatus::Updated)
                .map(|r| RowChanges { row: r.row, number: r.number.clone(), changes: r.changes.clone() })
                .collect(),
            warnings: plan.warnings.clone(),
            payment_date: plan.payment_date,
            payment_date_column: plan.payment_date_column.clone(),
            undated_payments: plan.undated_payments,
            import,
        }
    }
}

/// The imports recorded, newest first.
pub fn imports(ledger: &Ledger) -> Result<Vec<ImportRecord>> {
    Ok(ledger.imports()?)
}

/// Undoes the last import exactly: rows it created are deleted, rows it updated get their values back.
pub fn undo_last_import(ledger: &mut Ledger) -> Result<ImportRecord> {
    Ok(ledger.undo_last_import()?)
}
