//! Import of invoices from spreadsheets (F2): a file becomes a grid of cells (`read`), the grid's header
//! row and columns are recognised (`mapping`), each row's cells are read as people write them (`values`)
//! into typed rows with their problems beside them (`rows`), and the rows are compared with what the
//! ledger holds into a plan of what would change (`plan`). Nothing here writes SQL: the ledger loads its
//! side of the comparison and applies a plan in one unit (`ledger/import.rs`).
//!
//! A bad row is data, never a failure: it comes back as a [`RowProblem`] (row, column, value, French
//! message) beside the good rows. Only a file that cannot be read at all is an [`ImportError`].

pub mod bank;
pub mod mapping;
pub mod plan;
pub mod read;
pub mod rows;
pub mod values;

pub use mapping::{ColumnMapping, Field};
pub use plan::{ClientChoice, FieldChange, ImportPlan, LedgerSnapshot, PlanView, PlannedRow, RowStatus};
pub use read::{Cell, Grid, Workbook};
pub use rows::{ImportRow, RowProblem};

use crate::ledger::error::Result;
use crate::Ledger;
use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The most columns a row may have: an invoice export has a few dozen at most.
pub const MAX_COLUMNS: usize = 1_000;
/// The longest text a cell may hold, in characters: far above any address or invoice object.
pub const MAX_CELL_CHARS: usize = 100_000;
/// The largest file read, in bytes.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// Why a whole file is refused; nothing is written. Every message is French and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("Le fichier « {0} » est vide.")]
    Empty(String),
    #[error(
        "Le fichier « {0} » n'est ni un tableur (XLSX, XLS, ODS) ni un fichier texte CSV lisible. Enregistrez \
         votre tableau au format CSV ou XLSX depuis votre tableur, puis recommencez."
    )]
    NotASpreadsheet(String),
    #[error(
        "Le classeur « {file} » est illisible ({detail}) : il est peut-être abîmé ou incomplet. Ouvrez-le dans \
         votre tableur, enregistrez-le à nouveau, puis recommencez."
    )]
    BrokenWorkbook { file: String, detail: String },
    #[error("Le classeur « {file} » n'a pas de feuille « {sheet} ». Feuilles : {available}.")]
    NoSuchSheet { file: String, sheet: String, available: String },
    #[error("Le fichier « {0} » ne contient aucune ligne de facture sous sa ligne d'en-tête.")]
    NoRows(String),
    #[error(
        "Ligne {row} : {columns} colonnes. Un export de factures en a au plus {max} ; ce fichier n'en est \
         sans doute pas un."
    )]
    TooManyColumns { row: usize, columns: usize, max: usize },
    #[error(
        "Ligne {row} : une cellule contient {chars} caractères (au plus {max} sont lus). Ce fichier n'est sans \
         doute pas un export de factures."
    )]
    CellTooLong { row: usize, chars: usize, max: usize },
    #[error("Le fichier « {file} » pèse plus de {max_mb} Mo : découpez-le en plusieurs fichiers.")]
    TooLarge { file: String, max_mb: usize },
    #[error(
        "Aucune ligne d'en-tête reconnue dans les 30 premières lignes : il faut au moins les colonnes {missing}. \
         Vérifiez que le tableau a une ligne de titres de colonnes (N° facture, Client, Date, Montant TTC...)."
    )]
    NoHeader { missing: String },
    #[error("Colonnes indispensables non associées : {0}. Associez-les dans la correspondance des colonnes.")]
    MissingColumns(String),
    #[error("Correspondance invalide : {0}")]
    BadMapping(String),
    #[error("Impossible de lire le fichier « {file} » : {detail}")]
    CannotRead { file: String, detail: String },
    #[error("Le fichier « {0} » a changé depuis l'aperçu : relancez l'aperçu avant de confirmer.")]
    ChangedSincePreview(String),
}

impl ImportError {
    /// A stable, machine-readable name for the window and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            ImportError::Empty(_) => "empty",
            ImportError::NotASpreadsheet(_) => "not_a_spreadsheet",
            ImportError::BrokenWorkbook { .. } => "broken_workbook",
            ImportError::NoSuchSheet { .. } => "no_such_sheet",
            ImportError::NoRows(_) => "no_rows",
            ImportError::TooManyColumns { .. } => "too_many_columns",
            ImportError::CellTooLong { .. } => "cell_too_long",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::NoHeader { .. } => "no_header",
            ImportError::MissingColumns(_) => "missing_columns",
            ImportError::BadMapping(_) => "bad_mapping",
            ImportError::CannotRead { .. } => "cannot_read",
            ImportError::ChangedSincePreview(_) => "changed_since_preview",
        }
    }
}

/// Where an import comes from: what the history records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSource {
    pub file_name: String,
    pub sha256: String,
    pub sheet: Option<String>,
}

/// A file read and its rows typed, before the ledger is consulted.
#[derive(Debug, Clone, Serialize)]
pub struct PreparedFile {
    pub source: ImportSource,
    /// Every sheet of a workbook (one empty name for a CSV), so the user can choose.
    pub sheets: Vec<String>,
    /// The header cells as read, one per column, for the mapping table.
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    /// The key under which the mapping of this layout is remembered.
    pub layout_key: String,
    pub rows: Vec<ImportRow>,
    pub problems: Vec<RowProblem>,
    /// Blank, totals and repeated header rows passed over.
    pub skipped: usize,
}

/// The hex SHA-256 of a file's bytes, recorded in the history.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Reads `bytes` (named `file_name`), chooses the sheet (the first when `sheet` is None), finds the header
/// and the columns (`mapping` overrides what is detected, `remembered` is used when the layout is known)
/// and types every row. Fails only when the file as a whole cannot be used.
pub fn prepare(
    file_name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    mapping: Option<&ColumnMapping>,
    remembered: impl FnOnce(&str) -> Option<ColumnMapping>,
) -> Result<PreparedFile, ImportError> {
    let workbook = read::read_workbook(file_name, bytes)?;
    let sheets = workbook.sheet_names();
    let grid = workbook.into_grid(file_name, sheet)?;
    if grid.rows.is_empty() {
        return Err(ImportError::NoRows(file_name.to_string()));
    }
    let detected = mapping::detect(&grid)?;
    let layout_key = mapping::layout_key(&grid, detected.header_row);
    let chosen = match mapping {
        Some(given) => given.clone(),
        None => remembered(&layout_key).filter(|m| m.fits(&grid)).unwrap_or(detected),
    };
    chosen.check(&grid)?;
    let headers = chosen.header_texts(&grid);
    let typed = rows::type_rows(&grid, &chosen);
    if typed.rows.is_empty() && typed.problems.is_empty() {
        return Err(ImportError::NoRows(file_name.to_string()));
    }
    Ok(PreparedFile {
        source: ImportSource { file_name: file_name.to_string(), sha256: sha256_hex(bytes), sheet: grid.sheet.clone() },
        sheets,
        headers,
        mapping: chosen,
        layout_key,
        rows: typed.rows,
        problems: typed.problems,
        skipped: typed.skipped,
    })
}

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
    /// The date of payments recorded from paid columns.
    pub today: NaiveDate,
    /// The SHA-256 the preview showed: a file changed since is refused rather than imported unseen.
    pub expected_sha256: Option<&'a str>,
}

/// Reads a file from disk for an import: its name (without folders) and its bytes.
pub fn read_file(path: &std::path::Path) -> Result<(String, Vec<u8>), ImportError> {
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
        return Err(ImportError::CannotRead { file: name, detail: "c'est un dossier, pas un fichier".to_string() });
    }
    if metadata.len() > MAX_FILE_BYTES as u64 {
        return Err(ImportError::TooLarge { file: name, max_mb: MAX_FILE_BYTES / 1024 / 1024 });
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
) -> Result<(ImportPlan, Option<crate::ledger::ImportRecord>)> {
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
    /// The history record when something was written, None for a dry run or a file that changes nothing.
    pub import: Option<crate::ledger::ImportRecord>,
}

/// A client the import creates, as the user confirms it.
#[derive(Debug, Clone, Serialize)]
pub struct NewClientSummary {
    pub name: String,
    pub kind: crate::model::ClientKind,
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
    pub fn new(plan: &ImportPlan, import: Option<crate::ledger::ImportRecord>) -> ImportReport {
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
            import,
        }
    }
}
