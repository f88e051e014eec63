//! The invoice form, writing off a residual balance, deleting an invoice entered by mistake, and an
//! invoice's document (its PDF): given through the native dialog or by a drop on the invoice, or taken
//! away. `ARDOISE_DOCUMENT_PICK` answers the dialog in end-to-end tests.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::forms::InvoiceText;
use ardoise::desk::invoices::{self, InvoiceDocument};
use std::path::{Path, PathBuf};
use tauri::State;

/// Set to a file path, « Joindre le PDF » takes that file instead of opening the native dialog.
const DOCUMENT_OVERRIDE: &str = "ARDOISE_DOCUMENT_PICK";

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

/// Gives an invoice the PDF chosen in the native dialog; None when the user cancels.
#[tauri::command(async)]
pub fn invoice_document_pick(state: State<'_, AppState>, invoice_id: i64) -> CommandResult<Option<InvoiceDocument>> {
    let picked = match std::env::var_os(DOCUMENT_OVERRIDE) {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            rfd::FileDialog::new().set_title("Joindre le PDF de la facture").add_filter("PDF", &["pdf"]).pick_file()
        }
    };
    let Some(path) = picked else { return Ok(None) };
    Ok(Some(attach(&state, invoice_id, &path)?))
}

/// Gives an invoice the PDF dropped on it.
#[tauri::command(async)]
pub fn invoice_document_attach(
    state: State<'_, AppState>,
    invoice_id: i64,
    path: String,
) -> CommandResult<InvoiceDocument> {
    Ok(attach(&state, invoice_id, Path::new(&path))?)
}

/// Takes an invoice's document away; returns it (null when it had none).
#[tauri::command(async)]
pub fn invoice_document_remove(state: State<'_, AppState>, invoice_id: i64) -> CommandResult<Option<InvoiceDocument>> {
    Ok(invoices::remove_document(&mut state.ledger(), invoice_id)?)
}

fn attach(state: &AppState, invoice_id: i64, path: &Path) -> ardoise::desk::Result<InvoiceDocument> {
    let (name, bytes) = invoices::read_document_file(path)?;
    invoices::attach_document(&mut state.ledger(), invoice_id, &name, &bytes)
}
