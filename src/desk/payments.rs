//! Payments as both shells record them: the payment form with its suggested split over open invoices,
//! a rejection (bounced cheque, rejected direct debit), deletion.

use crate::desk::Result;
use crate::domain::allocation::allocate_oldest_first;
pub use crate::domain::model::{PaymentFields, PaymentMethod, Rejection};
use crate::Ledger;
use rust_decimal::Decimal;
use serde::Serialize;

/// An open invoice of the payment form and the part of the payment it would get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuggestedAllocation {
    pub invoice_id: i64,
    pub number: String,
    pub remaining: Decimal,
    pub amount: Decimal,
}

/// The client's open invoices with the oldest-first split of a payment of `amount`.
pub fn payment_split(ledger: &Ledger, client_id: i64, amount: Decimal) -> Result<Vec<SuggestedAllocation>> {
    let receivables = ledger.receivables(client_id)?;
    let split = allocate_oldest_first(&receivables, amount.max(Decimal::ZERO));
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

/// Records a payment and its allocations in one unit; returns its id.
pub fn record_payment(ledger: &mut Ledger, fields: &PaymentFields) -> Result<i64> {
    Ok(ledger.record_payment(fields)?)
}

/// Marks a payment rejected, which reopens the invoices it settled.
pub fn reject_payment(ledger: &mut Ledger, payment_id: i64, rejection: &Rejection) -> Result<()> {
    Ok(ledger.reject_payment(payment_id, rejection)?)
}

/// Deletes a payment (a mistake), with its allocations.
pub fn delete_payment(ledger: &mut Ledger, payment_id: i64) -> Result<()> {
    Ok(ledger.delete_payment(payment_id)?)
}
