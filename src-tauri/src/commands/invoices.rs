//! The invoice form, writing off a residual balance, and deleting an invoice entered by mistake.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::forms::InvoiceText;
use ardoise::desk::invoices;
use tauri::State;

/// Creates the invoice when `id` is null, else updates it, from the form as typed; returns its id.
#[tauri::command(async)]
pub fn invoice_save(state: State<'_, AppState>, id: Option<i64>, form: InvoiceText) -> CommandResult<i64> {
    let fields = form.read()?;
    Ok(invoices::save_invoice(&mut state.ledger(), id, &fields)?)
}

/// Deletes an invoice with no payment allocated to it.
#[tauri::command(async)]
pub fn invoice_delete(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    Ok(invoices::delete_invoice(&mut state.ledger(), id)?)
}

/// Writes the invoice off today (the client page offers it for a residual balance under the tolerance).
#[tauri::command(async)]
pub fn invoice_write_off(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    Ok(invoices::write_off(&mut state.ledger(), id, state.today())?)
}
