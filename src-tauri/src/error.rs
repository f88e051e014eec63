//! Errors as they cross IPC: `{ kind, message, fields }`, where `fields` lists form problems by field.

use ardoise::domain::model::FieldError;
use ardoise::LedgerError;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub kind: &'static str,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<LedgerError> for CommandError {
    fn from(error: LedgerError) -> Self {
        let fields = error.field_errors().map(|errors| errors.0.clone()).unwrap_or_default();
        let message =
            if fields.is_empty() { error.to_string() } else { "Certains champs sont à corriger.".to_string() };
        CommandError { kind: error.kind(), message, fields }
    }
}

impl From<ardoise::desk::plans::PlanError> for CommandError {
    fn from(error: ardoise::desk::plans::PlanError) -> Self {
        match error {
            ardoise::desk::plans::PlanError::Ledger(inner) => inner.into(),
            ardoise::desk::plans::PlanError::Letter(inner) => inner.into(),
        }
    }
}

impl From<ardoise::documents::letters::LetterError> for CommandError {
    fn from(error: ardoise::documents::letters::LetterError) -> Self {
        match error {
            ardoise::documents::letters::LetterError::Ledger(inner) => inner.into(),
            other => CommandError { kind: other.kind(), message: other.to_string(), fields: Vec::new() },
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
