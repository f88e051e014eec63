//! The errors of the ledger and of the domain, each with a stable `kind` for the window and a French
//! message that says what happened and what to do.

use crate::domain::model::FieldErrors;
use std::path::PathBuf;

/// Everything that can go wrong when reading or changing the ledger.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// A form or a file holds values that cannot be recorded; nothing was written.
    #[error("{0}")]
    Invalid(FieldErrors),
    /// Said as the command line says it; the window adds its own way out (« Rechargez la page »).
    #[error("{what} n° {id} introuvable : il a peut-être été supprimé.")]
    NotFound { what: &'static str, id: i64 },
    /// The change contradicts what is already recorded (a duplicate number, a non-empty ledger...).
    #[error("{0}")]
    Conflict(String),
    #[error(
        "Ce registre a été écrit par une version plus récente d'Ardoise (schéma {found}, cette version \
         connaît le schéma {known}). Mettez Ardoise à jour ; le registre n'a pas été modifié."
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("Impossible d'ouvrir le registre « {path} » : {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("Impossible de préparer le dossier « {path} » : {}", io_in_french(source))]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("Impossible d'écrire « {path} » : {}. Vérifiez que le dossier existe, qu'il n'est pas protégé en écriture et que le disque n'est pas plein.", io_in_french(source))]
    Write { path: PathBuf, source: std::io::Error },
    #[error("Sauvegarde impossible dans « {path} » : {}. Le registre n'a pas été modifié.", io_in_french(source))]
    Backup { path: PathBuf, source: std::io::Error },
    /// A file given to `load` is not a ledger export.
    #[error("Fichier d'export illisible : {0}")]
    Exchange(String),
    /// A spreadsheet refused as a whole before anything was compared or written.
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    /// A bank statement refused as a whole before anything was matched or written.
    #[error(transparent)]
    Bank(#[from] crate::import::bank::BankError),
    #[error(
        "Le registre n'a pas pu répondre ({0}). L'opération est annulée et le registre inchangé ; si cela \
         se reproduit, fermez Ardoise et rouvrez-la."
    )]
    Storage(#[from] rusqlite::Error),
}

impl LedgerError {
    /// A stable, machine-readable name for the window and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            LedgerError::Invalid(_) => "invalid",
            LedgerError::NotFound { .. } => "not_found",
            LedgerError::Conflict(_) => "conflict",
            LedgerError::NewerSchema { .. } => "newer_schema",
            LedgerError::Open { .. } | LedgerError::Folder { .. } => "open",
            LedgerError::Exchange(_) => "exchange",
            LedgerError::Backup { .. } => "backup",
            LedgerError::Write { .. } => "io",
            LedgerError::Import(_) => "import_file",
            LedgerError::Bank(_) => "bank_file",
            LedgerError::Storage(_) => "storage",
        }
    }

    /// Field-level problems, when the error is about a form.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            LedgerError::Invalid(errors) => Some(errors),
            _ => None,
        }
    }

    /// A single-field validation error.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        LedgerError::Invalid(errors)
    }
}

impl From<FieldErrors> for LedgerError {
    fn from(errors: FieldErrors) -> Self {
        LedgerError::Invalid(errors)
    }
}

pub type Result<T, E = LedgerError> = std::result::Result<T, E>;

/// What the system said about a file, in French: the system's own words are English on most machines.
pub fn io_in_french(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let said = match error.kind() {
        ErrorKind::NotFound => "fichier ou dossier introuvable",
        ErrorKind::PermissionDenied => "accès refusé par le système",
        ErrorKind::AlreadyExists => "il existe déjà",
        ErrorKind::StorageFull => "le disque est plein",
        ErrorKind::ReadOnlyFilesystem => "le disque est en lecture seule",
        ErrorKind::NotADirectory => "un fichier se trouve là où un dossier est attendu",
        ErrorKind::IsADirectory => "c'est un dossier, pas un fichier",
        ErrorKind::DirectoryNotEmpty => "le dossier n'est pas vide",
        ErrorKind::InvalidData => "contenu illisible (pas du texte UTF-8 ?)",
        ErrorKind::UnexpectedEof => "fichier tronqué",
        ErrorKind::Interrupted | ErrorKind::TimedOut => "opération interrompue",
        _ => "erreur du système",
    };
    match error.raw_os_error() {
        Some(code) => format!("{said} (code système {code})"),
        None => said.to_string(),
    }
}
