//! The invoice form, and deleting an invoice entered by mistake.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::domain::model::InvoiceFields;
use tauri::State;

/// Creates the invoice when `id` is null, else updates it; returns its id.
#[tauri::command(async)]
pub fn invoice_save(state: State<'_, AppState>, id: Option<i64>, fields: InvoiceFields) -> CommandResult<i64> {
    let mut ledger = state.ledger();
    match id {
        Some(id) => {
            ledger.update_invoice(id, &fields)?;
            Ok(id)
        }
        None => Ok(ledger.create_invoice(&fields)?),
    }
}

/// Deletes an invoice entered by mistake (refused once it has payments, letters or a plan).
#[tauri::command(async)]
pub fn invoice_delete(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    Ok(state.ledger().delete_invoice(id)?)
}
