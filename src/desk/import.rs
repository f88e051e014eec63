//! Importing invoices as both shells do it (F2): read the files, compare them with the ledger (the
//! preview), commit the plan in one unit, the history and the undo of the last import. One file is a
//! spreadsheet or an e-invoice, told from its bytes; several files, or a folder, are one batch of
//! e-invoices, each file refused or imported on its own row. A Factur-X PDF becomes its invoice's
//! document: the files are stored beside the ledger before the commit, and a failed commit removes them
//! again. The reading and planning are pure (`import/`), the writing is the ledger's (`ledger/import.rs`,
//! `ledger/documents.rs`).

use crate::desk::Result;
use crate::domain::digest::sha256_hex;
use crate::import::einvoice;
use crate::import::plan::{self, FieldChange, RowStatus};
pub use crate::import::plan::{FileStatus, ImportPlan, PlanView, PlannedFile};
use crate::import::{prepare, FileFormat, ImportError, MAX_FILE_BYTES};
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

/// Several files read as one batch of e-invoices (the files given, or a folder's).
#[derive(Debug, Clone, Copy)]
pub struct BatchRequest<'a> {
    /// The import's name in the history: the folder's, or the first file's and how many others.
    pub name: &'a str,
    /// Each file's name (relative to the folder given) and bytes, in the order given.
    pub files: &'a [(String, Vec<u8>)],
    /// The date given to payments the files do not date.
    pub today: NaiveDate,
    /// The SHA-256 the preview showed (of the list of names and hashes): a file added, removed or changed
    /// since is refused rather than imported unseen.
    pub expected_sha256: Option<&'a str>,
}

/// What the shells read from the paths the user gave: one file, or a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sources {
    /// One file given alone: a spreadsheet, or an e-invoice refused whole when it is none.
    File { name: String, bytes: Vec<u8> },
    /// A folder, or several files: e-invoices, each file on its own row.
    Batch { name: String, files: Vec<(String, Vec<u8>)> },
}

/// The most files one import reads, and their largest total size.
pub const MAX_BATCH_FILES: usize = 5_000;
pub const MAX_BATCH_BYTES: u64 = 1 << 30;

/// Reads what the user gave: one file (its name without folders, its bytes), or several files and
/// folders (every file under a folder, hidden ones aside, named from that folder, in name order).
pub fn read_sources(paths: &[std::path::PathBuf]) -> Result<Sources> {
    if let [path] = paths {
        if !path.is_dir() {
            let (name, bytes) = read_file(path)?;
            return Ok(Sources::File { name, bytes });
        }
    }
    let mut listed: Vec<(String, std::path::PathBuf)> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = listed.len();
            list_folder(path, "", &mut listed)?;
            if listed.len() == before && paths.len() == 1 {
                return Err(ImportError::EmptyFolder(file_name_of(path)).into());
            }
        } else {
            listed.push((file_name_of(path), path.clone()));
        }
        if listed.len() > MAX_BATCH_FILES {
            return Err(ImportError::TooManyFiles { files: listed.len(), max: MAX_BATCH_FILES }.into());
        }
    }
    let name = match paths {
        [folder] => file_name_of(folder),
        _ if listed.len() == 1 => listed[0].0.clone(),
        _ => {
            format!("{} et {} autre(s)", listed.first().map(|(name, _)| name.as_str()).unwrap_or(""), listed.len() - 1)
        }
    };
    let mut total = 0u64;
    let mut files = Vec::with_capacity(listed.len());
    for (relative, path) in listed {
        let (_, bytes) = read_file(&path)?;
        total += bytes.len() as u64;
        if total > MAX_BATCH_BYTES {
            return Err(ImportError::TooLarge { file: name, max_mb: (MAX_BATCH_BYTES / 1024 / 1024) as usize }.into());
        }
        files.push((relative, bytes));
    }
    Ok(Sources::Batch { name, files })
}

/// The files the system leaves in a folder a user fills by hand (Windows' thumbnail cache and folder
/// settings), passed over like hidden ones: none is an invoice.
const SYSTEM_FILES: [&str; 3] = ["thumbs.db", "desktop.ini", "ehthumbs.db"];

/// The files under `folder`, hidden and system ones aside, named `prefix/name`, in name order.
fn list_folder(folder: &std::path::Path, prefix: &str, into: &mut Vec<(String, std::path::PathBuf)>) -> Result<()> {
    let cannot_read =
        |error: std::io::Error| ImportError::CannotRead { file: file_name_of(folder), detail: error.to_string() };
    let mut entries: Vec<std::fs::DirEntry> =
        std::fs::read_dir(folder).map_err(cannot_read)?.collect::<std::io::Result<_>>().map_err(cannot_read)?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || SYSTEM_FILES.contains(&name.to_ascii_lowercase().as_str()) {
            continue;
        }
        let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        let path = entry.path();
        if path.is_dir() {
            list_folder(&path, &relative, into)?;
        } else if path.is_file() {
            into.push((relative, path));
        }
        if into.len() > MAX_BATCH_FILES {
            return Err(ImportError::TooManyFiles { files: into.len(), max: MAX_BATCH_FILES }.into());
        }
    }
    Ok(())
}

fn file_name_of(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Reads a file and compares it with the ledger: the preview. A spreadsheet is read with the mapping
/// remembered for its layout unless the request gives one; an e-invoice (a PDF or an XML, told from the
/// bytes) is refused whole when it is not a readable one.
pub fn preview(ledger: &Ledger, request: &ImportRequest<'_>, progress: &mut dyn FnMut(Stage)) -> Result<ImportPlan> {
    progress(Stage::Reading);
    if let Some(expected) = request.expected_sha256 {
        if sha256_hex(request.bytes) != expected {
            return Err(ImportError::ChangedSincePreview(request.file_name.to_string()).into());
        }
    }
    if FileFormat::of(request.bytes) == FileFormat::EInvoice {
        let batch = einvoice::prepare_file(request.file_name, request.bytes).map_err(ImportError::from)?;
        progress(Stage::Comparing);
        return Ok(plan::plan_batch(batch, &ledger.import_snapshot()?, request.today));
    }
    let prepared = prepare(request.file_name, request.bytes, request.sheet, request.mapping, |key| {
        ledger.remembered_mapping(key).ok().flatten()
    })?;
    progress(Stage::Comparing);
    let snapshot = ledger.import_snapshot()?;
    Ok(plan::plan(prepared, &snapshot, request.today))
}

/// Reads a batch of e-invoices and compares it with the ledger. A file that is no e-invoice is a refused
/// row saying why; the others go on.
pub fn preview_batch(
    ledger: &Ledger,
    request: &BatchRequest<'_>,
    progress: &mut dyn FnMut(Stage),
) -> Result<ImportPlan> {
    progress(Stage::Reading);
    let borrowed: Vec<(&str, &[u8])> =
        request.files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let batch = einvoice::prepare_files(request.name, &borrowed);
    if request.expected_sha256.is_some_and(|expected| expected != batch.prepared.source.sha256) {
        return Err(ImportError::ChangedSincePreview(request.name.to_string()).into());
    }
    progress(Stage::Comparing);
    Ok(plan::plan_batch(batch, &ledger.import_snapshot()?, request.today))
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
    let files = [(request.file_name.to_string(), request.bytes)];
    commit(ledger, plan, &files, dry_run, progress)
}

/// Previews a batch then, unless `dry_run`, commits it with the invoices' documents.
pub fn import_batch(
    ledger: &mut Ledger,
    request: &BatchRequest<'_>,
    dry_run: bool,
    progress: &mut dyn FnMut(Stage),
) -> Result<(ImportPlan, Option<ImportRecord>)> {
    let plan = preview_batch(ledger, request, progress)?;
    let files: Vec<(String, &[u8])> =
        request.files.iter().map(|(name, bytes)| (name.clone(), bytes.as_slice())).collect();
    commit(ledger, plan, &files, dry_run, progress)
}

/// The field of the preview where the user types the date of the payments a file does not date.
pub const PAYMENT_DATE_FIELD: &str = "payment_date";

/// The date given to the payments a file does not date (no payment-date column): the one the user typed
/// in the preview, else `today`; never after `today` (money not yet received is no payment).
pub fn payment_date(typed: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    // Read here rather than through `desk::forms`, which names the bank's forms (whose reader names this
    // file): one way between the desk's files.
    let date = match typed.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => crate::domain::calendar::parse_date(text)
            .map_err(|message| crate::desk::Error::invalid(PAYMENT_DATE_FIELD, message))?,
        None => today,
    };
    crate::domain::model::PaymentFields::received_by(date, today)
        .map_err(|message| crate::desk::Error::invalid(PAYMENT_DATE_FIELD, message))?;
    Ok(date)
}

/// What a shell gives besides the files: the sheet and mapping of a spreadsheet, the day, the hash the
/// preview showed.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions<'a> {
    pub sheet: Option<&'a str>,
    pub mapping: Option<&'a ColumnMapping>,
    pub today: NaiveDate,
    pub expected_sha256: Option<&'a str>,
}

impl Sources {
    /// The preview of what was read, one file or a batch.
    pub fn preview(
        &self,
        ledger: &Ledger,
        options: &ImportOptions<'_>,
        progress: &mut dyn FnMut(Stage),
    ) -> Result<ImportPlan> {
        match self {
            Sources::File { name, bytes } => preview(ledger, &file_request(name, bytes, options), progress),
            Sources::Batch { name, files } => preview_batch(ledger, &batch_request(name, files, options), progress),
        }
    }

    /// The mapping the user describes column by column for a spreadsheet (`import::mapping::mapping_with`:
    /// each choice « EN-TÊTE=CHAMP », the header row given or found); None for e-invoices, which have no
    /// columns to map.
    pub fn mapping_with(
        &self,
        sheet: Option<&str>,
        header_row: Option<usize>,
        choices: &[String],
    ) -> Result<Option<ColumnMapping>> {
        match self {
            Sources::File { name, bytes } if FileFormat::of(bytes) != FileFormat::EInvoice => {
                let (grid, _) = crate::import::read_grid(name, bytes, sheet)?;
                Ok(Some(crate::import::mapping::mapping_with(&grid, header_row, choices)?))
            }
            _ => Ok(None),
        }
    }

    /// Previews then, unless `dry_run`, commits what was read.
    pub fn import(
        &self,
        ledger: &mut Ledger,
        options: &ImportOptions<'_>,
        dry_run: bool,
        progress: &mut dyn FnMut(Stage),
    ) -> Result<(ImportPlan, Option<ImportRecord>)> {
        match self {
            Sources::File { name, bytes } => {
                import_file(ledger, &file_request(name, bytes, options), dry_run, progress)
            }
            Sources::Batch { name, files } => {
                import_batch(ledger, &batch_request(name, files, options), dry_run, progress)
            }
        }
    }
}

fn file_request<'a>(name: &'a str, bytes: &'a [u8], options: &ImportOptions<'a>) -> ImportRequest<'a> {
    ImportRequest {
        file_name: name,
        bytes,
        sheet: options.sheet,
        mapping: options.mapping,
        today: options.today,
        expected_sha256: options.expected_sha256,
    }
}

fn batch_request<'a>(name: &'a str, files: &'a [(String, Vec<u8>)], options: &ImportOptions<'a>) -> BatchRequest<'a> {
    BatchRequest { name, files, today: options.today, expected_sha256: options.expected_sha256 }
}

/// Commits a plan unless `dry_run`: the documents it gives invoices are stored first (by their SHA-256,
/// from `files`), then the plan in one unit; if the commit fails, the files stored for it that nothing
/// names are removed again.
fn commit(
    ledger: &mut Ledger,
    plan: ImportPlan,
    files: &[(String, &[u8])],
    dry_run: bool,
    progress: &mut dyn FnMut(Stage),
) -> Result<(ImportPlan, Option<ImportRecord>)> {
    if dry_run {
        progress(Stage::Done);
        return Ok((plan, None));
    }
    progress(Stage::Writing);
    let wanted: std::collections::HashSet<&str> =
        plan.rows.iter().filter_map(|row| row.document.as_ref()).map(|d| d.sha256.as_str()).collect();
    let mut stored: Vec<String> = Vec::new();
    let mut outcome = Ok(());
    // The plan knows each file's hash: only the files kept as documents are read again.
    let to_store = plan.files.iter().filter(|file| wanted.contains(file.sha256.as_str()));
    for file in to_store {
        if stored.contains(&file.sha256) {
            continue;
        }
        if let Some((_, bytes)) = files.iter().find(|(name, _)| *name == file.file_name) {
            match ledger.store_document(bytes) {
                Ok(sha256) => stored.push(sha256),
                Err(error) => {
                    outcome = Err(error);
                    break;
                }
            }
        }
    }
    let record = outcome.and_then(|()| ledger.commit_import(&plan));
    if record.is_err() {
        // The commit's own error is what the user must read; a file left behind is only unnamed.
        let _ = ledger.forget_unreferenced_documents(&stored);
    }
    let record = record?;
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
    /// Clients of the ledger whose blank fields the file fills, with each field filled.
    pub client_updates: Vec<ClientUpdateSummary>,
    pub changes: Vec<RowChanges>,
    /// The disputes recorded on invoices the file says are contested.
    pub disputes: Vec<DisputeSummary>,
    /// What the user should know of each row before confirming (a due date computed from terms, a
    /// prepaid amount recorded as a payment...), for the rows that have something to say.
    pub notes: Vec<RowNotes>,
    /// Values left out or read another way, each with its row, client, column and reason.
    pub warnings: Vec<RowWarning>,
    /// The date of the payments the file does not date, and how many there are.
    pub payment_date: NaiveDate,
    pub payment_date_column: Option<String>,
    pub undated_payments: usize,
    /// The history record when something was written, None for a dry run or a file that changes nothing.
    pub import: Option<ImportRecord>,
    /// Every file with what it gave: its row, format, invoice number, status (new, updated, unchanged,
    /// rejected, duplicate; « read » for a spreadsheet), whether it became the invoice's document, and why
    /// it was refused.
    pub files: Vec<PlannedFile>,
}

/// A client the import creates, as the user confirms it.
#[derive(Debug, Clone, Serialize)]
pub struct NewClientSummary {
    pub name: String,
    pub kind: crate::domain::model::ClientKind,
    pub siren_siret: String,
}

/// A client of the ledger whose blank fields the import fills.
#[derive(Debug, Clone, Serialize)]
pub struct ClientUpdateSummary {
    pub name: String,
    pub changes: Vec<FieldChange>,
}

/// A dispute the import records on an invoice its file says is contested.
#[derive(Debug, Clone, Serialize)]
pub struct DisputeSummary {
    pub row: usize,
    pub number: String,
    pub date: NaiveDate,
    pub reason: String,
}

/// The notes of one row of an import, in French.
#[derive(Debug, Clone, Serialize)]
pub struct RowNotes {
    pub row: usize,
    pub number: String,
    pub notes: Vec<String>,
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
            client_updates: plan
                .client_updates
                .iter()
                .map(|update| ClientUpdateSummary { name: update.name.clone(), changes: update.changes.clone() })
                .collect(),
            disputes: plan
                .rows
                .iter()
                .filter_map(|r| {
                    let dispute = r.dispute.as_ref()?;
                    Some(DisputeSummary {
                        row: r.row,
                        number: r.number.clone(),
                        date: dispute.date,
                        reason: dispute.reason.clone(),
                    })
                })
                .collect(),
            notes: plan
                .rows
                .iter()
                .filter(|r| !r.notes.is_empty())
                .map(|r| RowNotes { row: r.row, number: r.number.clone(), notes: r.notes.clone() })
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
            files: plan.files.clone(),
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
