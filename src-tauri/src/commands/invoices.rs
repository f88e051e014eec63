//! The invoice form, and deleting an invoice entered by mistake.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::invoices::{self, InvoiceFields};
use tauri::State;

/// Creates the invoice when `id` is null, else updates it; returns its id.
#[tauri::command(async)]
pub fn invoice_save(state: State<'_, AppState>, id: Option<i64>, fields: InvoiceFields) -> CommandResult<i64> {
    Ok(invoices::save_invoice(&mut state.ledger(), id, &fields)?)
}

/// Deletes an invoice with no payment allocated to it.
#[tauri::command(async)]
pub fn invoice_delete(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    Ok(invoices::delete_invoice(&mut state.ledger(), id)?)
}
