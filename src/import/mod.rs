//! Import of invoices from spreadsheets (F2): a file becomes a grid of cells (`read`), the grid's header
//! row and columns are recognised (`mapping`), each row's cells are read as people write them (`values`)
//! into typed rows with their problems beside them (`rows`), and the rows are compared with what the
//! ledger holds into a plan of what would change (`plan`). Nothing here writes SQL: the ledger loads its
//! side of the comparison and applies a plan in one unit (`ledger/import.rs`).
//!
//! A bad row is data, never a failure: it comes back as a [`RowProblem`] (row, column, value, French
//! message) beside the good rows. Only a file that cannot be read at all is an [`ImportError`].

pub mod bank;
pub mod einvoice;
pub mod mapping;
pub mod plan;
pub mod read;
pub mod rows;
pub mod values;

pub use mapping::{ColumnMapping, Field};
pub use plan::{
    ClientChoice, ClientUpdate, FieldChange, ImportPlan, LedgerSnapshot, PlanView, PlannedDispute, PlannedPayment,
    PlannedRow, RowStatus,
};
pub use read::{Cell, Grid, Workbook};
pub use rows::{FilePayment, ImportRow, RowProblem, RowWarning};

use serde::Serialize;

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
        "Le fichier « {0} » n'est ni un tableur (XLSX, XLS, ODS) ni un fichier texte CSV lisible, ni une facture \
         électronique (PDF Factur-X, XML CII ou UBL). Enregistrez votre tableau au format CSV ou XLSX depuis votre \
         tableur, puis recommencez."
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
    #[error(
        "Le fichier se termine dans un champ entre guillemets ouvert ligne {line} : il est sans doute tronqué. \
         Exportez-le à nouveau."
    )]
    UnclosedQuote { line: usize },
    #[error("Le fichier « {file} » pèse plus de {max_mb} Mo : découpez-le en plusieurs fichiers.")]
    TooLarge { file: String, max_mb: usize },
    #[error(
        "Une feuille du classeur « {file} » s'étend sur {} cellules de sa première valeur à sa dernière \
         (au plus {} sont lues) : des lignes ou des colonnes vides la prolongent sans doute très loin. \
         Supprimez-les dans votre tableur, ou copiez le tableau des factures dans un nouveau classeur, puis \
         recommencez.",
        crate::domain::money::format_count(*cells),
        crate::domain::money::format_count(*max)
    )]
    TooManyCells { file: String, cells: usize, max: usize },
    #[error(
        "Aucune ligne d'en-tête reconnue dans les 30 premières lignes : il faut au moins les colonnes {missing}. \
         Vérifiez que le tableau a une ligne de titres de colonnes (N° facture, Client, Date, Montant TTC...)."
    )]
    NoHeader { missing: String },
    /// A workbook of several sheets none of which has a recognised header row (or not the one chosen).
    #[error(
        "Aucune ligne d'en-tête reconnue dans les 30 premières lignes de la feuille lue : il faut au moins les \
         colonnes {missing}. Feuilles du classeur : {sheets}. Choisissez celle des factures (option --sheet \
         en ligne de commande) et vérifiez qu'elle a une ligne de titres de colonnes (N° facture, Client, Date, \
         Montant TTC...)."
    )]
    NoHeaderInSheets { missing: String, sheets: String },
    #[error("Colonnes indispensables non associées : {0}. Associez-les dans la correspondance des colonnes.")]
    MissingColumns(String),
    #[error("Correspondance invalide : {0}")]
    BadMapping(String),
    #[error("Impossible de lire le fichier « {file} » : {detail}")]
    CannotRead { file: String, detail: String },
    #[error("Le fichier « {0} » a changé depuis l'aperçu : relancez l'aperçu avant de confirmer.")]
    ChangedSincePreview(String),
    /// A file that is an e-invoice's (a PDF or an XML) but no readable e-invoice.
    #[error(transparent)]
    EInvoice(#[from] einvoice::EInvoiceError),
    #[error("Le dossier « {0} » ne contient aucun fichier à importer.")]
    EmptyFolder(String),
    #[error(
        "{files} fichiers à la fois : c'est plus que les {max} qu'un import lit. Importez le dossier en \
         plusieurs fois (par mois, par exemple)."
    )]
    TooManyFiles { files: usize, max: usize },
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
            ImportError::UnclosedQuote { .. } => "unclosed_quote",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::TooManyCells { .. } => "too_many_cells",
            ImportError::NoHeader { .. } | ImportError::NoHeaderInSheets { .. } => "no_header",
            ImportError::MissingColumns(_) => "missing_columns",
            ImportError::BadMapping(_) => "bad_mapping",
            ImportError::CannotRead { .. } => "cannot_read",
            ImportError::ChangedSincePreview(_) => "changed_since_preview",
            ImportError::EInvoice(error) => error.kind(),
            ImportError::EmptyFolder(_) => "empty_folder",
            ImportError::TooManyFiles { .. } => "too_many_files",
        }
    }
}

/// What a file to import is, told from its bytes (never its name): an e-invoice (a PDF, or an XML
/// document) or a spreadsheet (a workbook, or text read as CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    Spreadsheet,
    EInvoice,
}

impl FileFormat {
    pub fn of(bytes: &[u8]) -> FileFormat {
        if einvoice::sniff(bytes).is_some() {
            FileFormat::EInvoice
        } else {
            FileFormat::Spreadsheet
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
    pub rows: Vec<Box<ImportRow>>,
    pub problems: Vec<RowProblem>,
    /// Values of the clients left out (a wrong SIRET, e-mail, phone), amounts read another way.
    pub warnings: Vec<RowWarning>,
    /// Blank, totals and repeated header rows passed over.
    pub skipped: usize,
    /// Rows refused because the file says nothing is owed on them, as read (their refusals are among
    /// `problems`): the plan looks them up in the ledger.
    #[serde(skip)]
    pub not_owed: Vec<rows::NotOwedRow>,
}

/// Reads `bytes` (named `file_name`), chooses the sheet (the first when `sheet` is None), finds the header
/// and the columns (`mapping` overrides what is detected, `remembered` is used when the layout is known)
/// and types every row. Fails only when the file as a whole cannot be used.
pub fn prepare(
    file_name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    mapping: Option<&ColumnMapping>,
    remembered: impl FnMut(&str) -> Option<ColumnMapping>,
) -> Result<PreparedFile, ImportError> {
    let digest = || crate::domain::digest::sha256_hex(bytes);
    if bytes.len() < APART_BYTES {
        let mut prepared = prepare_read(file_name, bytes, sheet, mapping, remembered)?;
        prepared.source.sha256 = digest();
        return Ok(prepared);
    }
    // A large file's fingerprint is taken on a second core while the file is read.
    let (sha256, prepared) = side_by_side(digest, || prepare_read(file_name, bytes, sheet, mapping, remembered));
    let mut prepared = prepared?;
    prepared.source.sha256 = sha256;
    Ok(prepared)
}

/// Runs `apart` on a second core while `here` runs on this thread, and gives both results; a panic on the
/// second core is raised again here.
pub(crate) fn side_by_side<A: Send, B>(apart: impl FnOnce() -> A + Send, here: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let apart = scope.spawn(apart);
        let here = here();
        (apart.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), here)
    })
}

/// From this size on, a file's work is shared with a second core: its SHA-256 taken apart (10 ms for
/// 10 MB), a CSV read in two halves. A smaller file's is not worth starting a thread.
const APART_BYTES: usize = 1024 * 1024;

/// From this many rows holding a value on, a grid's work is shared with a second core: its cells
/// converted in two halves, the grid freed on a thread of its own.
const APART_ROWS: usize = 4_096;

/// A spreadsheet's grid as the import reads it (the sheet chosen, else the first whose header is
/// recognised; a header on two rows made one), and the workbook's sheets.
pub fn read_grid(file_name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<(Grid, Vec<String>), ImportError> {
    let workbook = read::read_workbook(file_name, bytes)?;
    let sheets = workbook.sheet_names();
    // With no sheet chosen, the first sheet whose header is recognised (a summary sheet may come first).
    let mut grid = workbook.into_grid_where(file_name, sheet, |grid| mapping::detect(grid).is_ok())?;
    if grid.rows.is_empty() {
        return Err(ImportError::NoRows(file_name.to_string()));
    }
    mapping::join_two_row_header(&mut grid);
    Ok((grid, sheets))
}

/// `prepare` but the file's fingerprint, left empty.
fn prepare_read(
    file_name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    mapping: Option<&ColumnMapping>,
    mut remembered: impl FnMut(&str) -> Option<ColumnMapping>,
) -> Result<PreparedFile, ImportError> {
    let (grid, sheets) = read_grid(file_name, bytes, sheet)?;
    // A header row not recognised may be one the user mapped before (`--column`, the window).
    let mut remembered_unrecognised = || {
        grid.rows.iter().take(mapping::HEADER_SEARCH_ROWS).find_map(|row| {
            remembered(&mapping::layout_key(&grid, row.number)).filter(|found| found.header_row == row.number)
        })
    };
    let detected = match (mapping::detect(&grid), mapping) {
        // A mapping the user gave names its own header row, recognised or not.
        (Err(_), Some(given)) => given.clone(),
        (Err(error), None) => match remembered_unrecognised() {
            Some(found) => found,
            None => match error {
                ImportError::NoHeader { missing } if sheets.len() > 1 => {
                    let sheets = sheets.iter().map(|name| format!("« {name} »")).collect::<Vec<_>>().join(", ");
                    return Err(ImportError::NoHeaderInSheets { missing, sheets });
                }
                error => return Err(error),
            },
        },
        (Ok(detected), _) => detected,
    };
    let layout_key = mapping::layout_key(&grid, detected.header_row);
    let chosen = match mapping {
        Some(given) => given.clone(),
        None => remembered(&layout_key).filter(|m| m.fits(&grid)).unwrap_or(detected),
    };
    chosen.check(&grid)?;
    let headers = chosen.header_texts(&grid);
    let typed = rows::type_rows(&grid, &chosen);
    let sheet = grid.sheet.clone();
    if grid.rows.len() >= APART_ROWS {
        // A large grid's cells are freed on a thread of their own while the rows go on to be planned: for
        // 100,000 rows, 800,000 texts, 11 ms of this thread's time.
        std::thread::spawn(move || drop(grid));
    }
    if typed.rows.is_empty() && typed.problems.is_empty() {
        return Err(ImportError::NoRows(file_name.to_string()));
    }
    Ok(PreparedFile {
        source: ImportSource { file_name: file_name.to_string(), sha256: String::new(), sheet },
        sheets,
        headers,
        mapping: chosen,
        layout_key,
        rows: typed.rows,
        problems: typed.problems,
        warnings: typed.warnings,
        skipped: typed.skipped,
        not_owed: typed.not_owed,
    })
}
