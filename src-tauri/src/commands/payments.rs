//! Payments: the suggested split, recording, rejection, deletion of a mistake.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::model::{Allocation, PaymentFields, Rejection};
use rust_decimal::Decimal;
use serde::Serialize;
use tauri::State;

/// An open invoice and the part of the payment it would get.
#[derive(Debug, Serialize)]
pub struct SuggestedAllocation {
    pub invoice_id: i64,
    pub number: String,
    pub remaining: Decimal,
    pub amount: Decimal,
}

/// The client's open invoices with the oldest-first split of `amount`, for the payment form.
#[tauri::command(async)]
pub fn payment_suggest(
    state: State<'_, AppState>,
    client_id: i64,
    amount: Decimal,
) -> CommandResult<Vec<SuggestedAllocation>> {
    let ledger = state.ledger();
    let receivables = ledger.receivables(client_id)?;
    let split: Vec<Allocation> = ardoise::allocation::allocate_oldest_first(&receivables, amount.max(Decimal::ZERO));
    Ok(receivables
        .into_iter()
        .map(|receivable| SuggestedAllocation {
            amount: split.iter().find(|a| a.invoice_id == receivable.invoice_id).map_or(Decimal::ZERO, |a| a.amount),
            invoice_id: receivable.invoice_id,
            number: receivable.number,
            remaining: receivable.remaining,
        })
        .collect())
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
