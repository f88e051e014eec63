//! A client's collective procedure as both shells complete it: what only the user knows about the claim
//! to declare (the sums still to fall due, the securities), confirmed when drafting the déclaration de
//! créance, which states exactly that and nothing more.

use crate::desk::{Error, Result};
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
