//! Penalties as both shells show them (F4): one client's breakdown on a date with its periods flattened,
//! and the half-year rates table the computation reads, with its editor.

use crate::desk::{Error, Result};
use crate::domain::model::ClientKind;
use crate::domain::penalties::{self, Breakdown, Period};
pub use crate::domain::rates::{RateRowText, RateTable};
use crate::Ledger;
use chrono::NaiveDate;
use serde::Serialize;

/// One client's penalty breakdown on a date (F4), as the client page and `ardoise penalties` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientPenalties {
    pub client_id: i64,
    pub name: String,
    pub kind: ClientKind,
    #[serde(flatten)]
    pub breakdown: Breakdown,
    /// Every invoice's periods in one list, each with its invoice.
    pub periods: Vec<InvoicePeriod>,
}

/// A period of the breakdown with the invoice it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoicePeriod {
    pub invoice_id: i64,
    pub number: String,
    #[serde(flatten)]
    pub period: Period,
}

/// The penalties one client owes on `as_of`, computed with the ledger's rates table.
pub fn penalties(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<ClientPenalties> {
    let client = ledger.client(client_id)?;
    let rates = ledger.rates()?;
    let inputs = ledger.penalty_inputs(as_of, Some(client_id))?;
    let input = inputs.first().ok_or(Error::Ledger(crate::LedgerError::NotFound { what: "Client", id: client_id }))?;
    let tolerance = ledger.dunning_settings()?.residual_tolerance;
    let breakdown = penalties::compute(&input.input(as_of, tolerance), &rates);
    let periods = breakdown
        .periods()
        .map(|(invoice, period)| InvoicePeriod {
            invoice_id: invoice.invoice_id,
            number: invoice.number.clone(),
            period: period.clone(),
        })
        .collect();
    Ok(ClientPenalties { client_id, name: client.fields.display_name(), kind: client.fields.kind, breakdown, periods })
}

/// The half-year rates table in force.
pub fn rates(ledger: &Ledger) -> Result<RateTable> {
    Ok(ledger.rates()?)
}

/// Saves the rates table as typed in the editor (checked whole, one unit); returns it as stored.
pub fn save_rates(ledger: &mut Ledger, rows: &[RateRowText]) -> Result<RateTable> {
    Ok(ledger.save_rates_text(rows)?)
}

/// Enters one half-year's rates as typed (`ecb_rate`, `legal_rate_other`, `legal_rate_individual`, in
/// percent; a blank one keeps what the table has), adding the half-year when the table lacks it; the
/// whole table is checked before it is saved. Returns the table as stored.
pub fn save_semester_rates(ledger: &mut Ledger, typed: &RateRowText) -> Result<RateTable> {
    // One row read alone: its code and its numbers, with the editor's French messages.
    let entered = RateTable::from_text(std::slice::from_ref(typed))?.rows.remove(0);
    let mut table = ledger.rates()?;
    match table.rows.iter_mut().find(|row| row.semester == entered.semester) {
        Some(row) => {
            row.ecb_rate = entered.ecb_rate.or(row.ecb_rate);
            row.legal_rate_other = entered.legal_rate_other.or(row.legal_rate_other);
            row.legal_rate_individual = entered.legal_rate_individual.or(row.legal_rate_individual);
        }
        None => table.rows.push(entered),
    }
    ledger.save_rates(&RateTable::new(table.rows))?;
    Ok(ledger.rates()?)
}
