//! Payments: the suggested split, recording, rejection, deletion of a mistake.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::views::SuggestedAllocation;
use ardoise::domain::model::{PaymentFields, Rejection};
use rust_decimal::Decimal;
use tauri::State;

/// The client's open invoices with the oldest-first split of `amount`, for the payment form.
#[tauri::command(async)]
pub fn payment_suggest(
    state: State<'_, AppState>,
    client_id: i64,
    amount: Decimal,
) -> CommandResult<Vec<SuggestedAllocation>> {
    Ok(ardoise::desk::views::payment_split(&state.ledger(), client_id, amount)?)
}

#[tauri::command(async)]
pub fn payment_record(state: State<'_, AppState>, fields: PaymentFields) -> CommandResult<i64> {
    Ok(state.ledger().record_payment(&fields)?)
}

#[tauri::command(async)]
pub fn payment_reject(state: State<'_, AppState>, payment_id: i64, rejection: Rejection) -> CommandResult<()> {
    Ok(state.ledger().reject_payment(payment_id, &rejection)?)
}

/// Deletes a payment entered by mistake.
#[tauri::command(async)]
pub fn payment_delete(state: State<'_, AppState>, payment_id: i64) -> CommandResult<()> {
    Ok(state.ledger().delete_payment(payment_id)?)
}
