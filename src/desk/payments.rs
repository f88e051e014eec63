//! Payments as both shells record them: the payment form with its suggested split over open invoices,
//! a rejection (bounced cheque, rejected direct debit), deletion; and payments as the command line lists
//! them, with their client's name and the numbers of the invoices they settle.

use crate::desk::Result;
use crate::domain::allocation::allocate_oldest_first;
pub use crate::domain::model::{Payment, PaymentFields, PaymentMethod, Rejection};
use crate::domain::text::fold;
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

/// A payment as a list shows it: the stored payment with its client's name, its method's French name and
/// the number of each invoice it settles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentLine {
    #[serde(flatten)]
    pub payment: Payment,
    pub client: String,
    pub method_label: &'static str,
    /// The invoice numbers, in the order of `allocations`.
    pub invoices: Vec<String>,
    /// What no invoice received: a credit in the client's favour.
    pub unallocated: Decimal,
}

/// One payment as a list shows it.
pub fn payment_line(ledger: &Ledger, payment_id: i64) -> Result<PaymentLine> {
    line_of(ledger, ledger.payment(payment_id)?)
}

/// The payments of one client, or of all, oldest first.
pub fn payment_lines(ledger: &Ledger, client_id: Option<i64>) -> Result<Vec<PaymentLine>> {
    let clients = match client_id {
        Some(id) => vec![id],
        None => ledger.clients()?.into_iter().map(|client| client.id).collect(),
    };
    let mut lines = Vec::new();
    for client in clients {
        for payment in ledger.payments(client)? {
            lines.push(line_of(ledger, payment)?);
        }
    }
    lines.sort_by_key(|line| (line.payment.date, line.payment.id));
    Ok(lines)
}

fn line_of(ledger: &Ledger, payment: Payment) -> Result<PaymentLine> {
    let mut invoices = Vec::new();
    for allocation in &payment.allocations {
        invoices.push(ledger.invoice_row(allocation.invoice_id)?.invoice.number);
    }
    Ok(PaymentLine {
        client: ledger.client(payment.client_id)?.fields.display_name(),
        method_label: payment.method.label(),
        invoices,
        unallocated: payment.unallocated(),
        payment,
    })
}

/// Other words for a method than its code and its French name (folded), as people type them.
const METHOD_ALIASES: &[(&str, PaymentMethod)] = &[
    ("vir", PaymentMethod::Transfer),
    ("chq", PaymentMethod::Cheque),
    ("carte", PaymentMethod::Card),
    ("cb", PaymentMethod::Card),
    ("card", PaymentMethod::Card),
];

/// The method a user names: its code (« cheque »), its French name with or without accents (« chèque »,
/// « carte bancaire », « especes ») or a usual short form (« cb », « vir »). Never « non précisé »:
/// whoever records a payment knows how it came.
pub fn method_named(text: &str) -> Option<PaymentMethod> {
    let folded = fold(text);
    let folded = folded.trim();
    let code = |method: &PaymentMethod| serde_json::to_value(method).ok()?.as_str().map(fold);
    PaymentMethod::ALL
        .into_iter()
        .filter(|method| method.is_known())
        .find(|method| fold(method.label()) == folded || code(method).as_deref() == Some(folded))
        .or_else(|| METHOD_ALIASES.iter().find(|(word, _)| *word == folded).map(|(_, method)| *method))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_method_is_named_by_its_code_its_french_name_or_a_short_form_never_as_unspecified() {
        let cases = [
            ("cheque", Some(PaymentMethod::Cheque)),
            ("Chèque", Some(PaymentMethod::Cheque)),
            ("carte bancaire", Some(PaymentMethod::Card)),
            ("CB", Some(PaymentMethod::Card)),
            ("prélèvement", Some(PaymentMethod::DirectDebit)),
            ("direct_debit", Some(PaymentMethod::DirectDebit)),
            ("especes", Some(PaymentMethod::Cash)),
            ("virement", Some(PaymentMethod::Transfer)),
            ("non précisé", None),
            ("unspecified", None),
            ("bitcoin", None),
        ];
        for (text, method) in cases {
            assert_eq!(method_named(text), method, "{text}");
        }
    }
}
