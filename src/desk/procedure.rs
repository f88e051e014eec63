//! A client's collective procedure as both shells complete it: what only the user knows about the claim
//! to declare (the sums still to fall due, the securities), confirmed when drafting the déclaration de
//! créance, which states exactly that and nothing more; and the refusal of what a client under a
//! collective procedure may not be sent (`domain::dunning::allowed_under_procedure`).

use crate::desk::{Error, Result};
use crate::domain::dunning;
use crate::domain::letter_kind::LetterKind;
pub use crate::domain::model::ClaimStatement;
use crate::Ledger;
use chrono::NaiveDate;

/// Longest text accepted for each answer: a few lines of a letter.
pub const MAX_STATEMENT_CHARS: usize = 600;

/// Records what the user confirms on `date` for the client's déclaration de créance: `to_fall_due` and
/// `securities` as written, an empty text meaning « none ». Refused for a client without a collective
/// procedure, or with a text too long for a letter.
pub fn confirm_claim_statement(
    ledger: &mut Ledger,
    client_id: i64,
    to_fall_due: &str,
    securities: &str,
    date: NaiveDate,
) -> Result<ClaimStatement> {
    let client = ledger.client(client_id)?;
    if client.fields.procedure.opening_date.is_none() {
        return Err(Error::conflict(format!(
            "{} n'a pas de procédure collective enregistrée : indiquez d'abord la date du jugement d'ouverture sur \
             sa fiche.",
            client.fields.display_name()
        )));
    }
    let mut errors = crate::domain::model::FieldErrors::default();
    for (field, text, what) in [("to_fall_due", to_fall_due, "sommes à échoir"), ("securities", securities, "sûretés")]
    {
        if text.trim().chars().count() > MAX_STATEMENT_CHARS {
            errors
                .add(field, format!("{what} : {MAX_STATEMENT_CHARS} caractères au plus, c'est une ligne du courrier."));
        }
    }
    errors.into_result()?;
    let statement = ClaimStatement {
        to_fall_due: to_fall_due.trim().to_string(),
        securities: securities.trim().to_string(),
        confirmed_on: Some(date),
    };
    ledger.save_claim_statement(client_id, Some(&statement))?;
    Ok(statement)
}

/// Refuses a letter of `kind` to a client under a collective procedure on `date` when the kind asks for a
/// payment the opening judgment forbids (rule 1 of the engine, `dunning::allowed_under_procedure`): the
/// letter is not drafted, whichever shell asks.
pub fn refuse_letter_under_procedure(ledger: &Ledger, client_id: i64, kind: LetterKind, date: NaiveDate) -> Result<()> {
    if dunning::allowed_under_procedure(kind) {
        return Ok(());
    }
    refuse_under_procedure(ledger, client_id, &dunning::refused(kind), date)
}

/// Refuses `refused` (« Dossier pour le tribunal refusé ») for a client under a collective procedure on
/// `date`, naming the procedure and the déclaration de créance.
pub fn refuse_under_procedure(ledger: &Ledger, client_id: i64, refused: &str, date: NaiveDate) -> Result<()> {
    let client = ledger.client(client_id)?;
    let procedure = &client.fields.procedure;
    if dunning::under_procedure(client.fields.status, procedure.opening_date, date) {
        return Err(Error::conflict(dunning::procedure_refusal(
            refused,
            &client.fields.display_name(),
            procedure.opening_date,
        )));
    }
    Ok(())
}
