//! Payments: the suggested split, recording, rejection, deletion of a mistake.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::payments::{self, PaymentFields, Rejection, SuggestedAllocation};
use rust_decimal::Decimal;
use tauri::State;

/// The client's open invoices with the oldest-first split of `amount`.
#[tauri::command(async)]
pub fn payment_suggest(
    state: State<'_, AppState>,
    client_id: i64,
    amount: Decimal,
) -> CommandResult<Vec<SuggestedAllocation>> {
    Ok(payments::payment_split(&state.ledger(), client_id, amount)?)
}

#[tauri::command(async)]
pub fn payment_record(state: State<'_, AppState>, fields: PaymentFields) -> CommandResult<i64> {
    Ok(payments::record_payment(&mut state.ledger(), &fields)?)
}

#[tauri::command(async)]
pub fn payment_reject(state: State<'_, AppState>, payment_id: i64, rejection: Rejection) -> CommandResult<()> {
    Ok(payments::reject_payment(&mut state.ledger(), payment_id, &rejection)?)
}

#[tauri::command(async)]
pub fn payment_delete(state: State<'_, AppState>, payment_id: i64) -> CommandResult<()> {
    Ok(payments::delete_payment(&mut state.ledger(), payment_id)?)
}
