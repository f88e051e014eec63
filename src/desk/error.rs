//! The one error the shells see: a refusal from storage (a form, a conflict, a file refused whole), from
//! rendering (a template, an address that breaks the postal norm, a PDF) or from the outbox (an e-mail
//! that did not leave, a password to ask for). Each has a stable `kind` for the
//! window and scripts, and a French message saying what happened and what to do.

use crate::documents::letters::render::TemplateError;
use crate::documents::letters::LetterError;
use crate::domain::model::FieldErrors;
use crate::domain::plans::PlanProblem;
use crate::import::ImportError;
use crate::ledger::error::LedgerError;
use crate::outbox::MailError;

/// Why a desk function refused or failed; nothing was half-written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error(transparent)]
    Letter(#[from] LetterError),
    /// An e-mail that did not leave: the server could not be reached, refused the login, a recipient…
    #[error(transparent)]
    Mail(#[from] MailError),
    /// The SMTP password is needed and neither the keychain nor this session has it: the window asks.
    #[error("{0}")]
    PasswordNeeded(String),
    /// The client has no e-mail address, or a bad one: the letter can go on paper instead.
    #[error("{0}")]
    NoAddress(String),
    /// A letter asking payment of invoices all paid by now: its sending is not recorded unless the user
    /// says it left before the payment was known. Each shell adds how to cancel it or insist, in its words.
    #[error("{message}")]
    InvoicesPaid { letter_id: i64, message: String },
}

impl Error {
    /// A stable, machine-readable name ("invalid", "not_found", "address"...).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Ledger(error) => error.kind(),
            Error::Letter(error) => error.kind(),
            Error::Mail(error) => error.kind(),
            Error::PasswordNeeded(_) => "password_needed",
            Error::NoAddress(_) => "no_address",
            Error::InvoicesPaid { .. } => "invoices_paid",
        }
    }

    /// Field-level problems, when the error is about a form, or the facts a letter lacks (each field
    /// `missing_rate:2026-S2`, `addressed_as`, `claim_statement`: the window links each to where it is given).
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            Error::Ledger(error) => error.field_errors(),
            Error::Letter(LetterError::MissingFacts(fields)) => Some(fields),
            Error::Letter(_)
            | Error::Mail(_)
            | Error::PasswordNeeded(_)
            | Error::NoAddress(_)
            | Error::InvoicesPaid { .. } => None,
        }
    }

    /// The kind of a file refused whole by the import (`no_header`, `missing_columns`…), when that is the
    /// error.
    pub fn import_kind(&self) -> Option<&'static str> {
        match self {
            Error::Ledger(LedgerError::Import(error)) => Some(error.kind()),
            _ => None,
        }
    }

    /// True when a record asked for by its number does not exist (any more): a page showing it is stale,
    /// which the window says in its own words.
    pub fn is_record_not_found(&self) -> bool {
        matches!(self, Error::Ledger(LedgerError::NotFound { .. }))
    }

    /// The letter whose invoices are all paid by now, when that is why its sending was refused.
    pub fn letter_with_invoices_paid(&self) -> Option<i64> {
        match self {
            Error::InvoicesPaid { letter_id, .. } => Some(*letter_id),
            _ => None,
        }
    }

    /// A refusal about one field of a form.
    pub fn invalid(field: &str, message: impl Into<String>) -> Error {
        Error::Ledger(LedgerError::invalid(field, message))
    }

    /// A refusal because the change contradicts what is recorded.
    pub fn conflict(message: impl Into<String>) -> Error {
        Error::Ledger(LedgerError::Conflict(message.into()))
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Error {
        Error::Ledger(LedgerError::Invalid(errors))
    }
}

impl From<ImportError> for Error {
    fn from(error: ImportError) -> Error {
        Error::Ledger(LedgerError::Import(error))
    }
}

impl From<crate::import::bank::BankError> for Error {
    fn from(error: crate::import::bank::BankError) -> Error {
        Error::Ledger(LedgerError::Bank(error))
    }
}

impl From<TemplateError> for Error {
    fn from(error: TemplateError) -> Error {
        Error::Letter(LetterError::Template(error))
    }
}

impl From<PlanProblem> for Error {
    fn from(problem: PlanProblem) -> Error {
        Error::invalid(problem.field, problem.message)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
