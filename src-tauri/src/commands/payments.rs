//! Payments: the split as the user types, recording, rejection, deletion of a mistake.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::forms::{PaymentText, RejectionText, SplitText, SplitView};
use ardoise::desk::payments;
use tauri::State;

/// The client's open invoices with the split of the amount typed (oldest first, or the parts typed),
/// and what it adds up to.
#[tauri::command(async)]
pub fn payment_split(state: State<'_, AppState>, client_id: i64, form: SplitText) -> CommandResult<SplitView> {
    Ok(form.view(&state.ledger(), client_id)?)
}

#[tauri::command(async)]
pub fn payment_record(state: State<'_, AppState>, form: PaymentText) -> CommandResult<i64> {
    let fields = form.read_on(state.today())?;
    Ok(payments::record_payment(&mut state.ledger(), &fields)?)
}

#[tauri::command(async)]
pub fn payment_reject(state: State<'_, AppState>, payment_id: i64, form: RejectionText) -> CommandResult<()> {
    let rejection = form.read()?;
    Ok(payments::reject_payment(&mut state.ledger(), payment_id, &rejection)?)
}

#[tauri::command(async)]
pub fn payment_delete(state: State<'_, AppState>, payment_id: i64) -> CommandResult<()> {
    Ok(payments::delete_payment(&mut state.ledger(), payment_id)?)
}
