//! Errors as they cross IPC: `{ kind, message, fields }`, where `fields` lists form problems by field.
//! The desk's one error type is all the shell ever converts.

use ardoise::desk::Error;
use ardoise::desk::FieldError;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub kind: &'static str,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<Error> for CommandError {
    fn from(error: Error) -> Self {
        let fields = error.field_errors().map(|errors| errors.0.clone()).unwrap_or_default();
        let mut message =
            if fields.is_empty() { error.to_string() } else { "Certains champs sont à corriger.".to_string() };
        // A record the page still shows was deleted meanwhile (another window, a restore): the page is stale.
        if error.is_record_not_found() {
            message.push_str(" Rechargez la page.");
        }
        CommandError { kind: error.kind(), message, fields }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
