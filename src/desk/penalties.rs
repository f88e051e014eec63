//! Penalties as both shells show them (F4): one client's breakdown on a date with its periods flattened,
//! and the half-year rates table the computation reads, with its editor.

use crate::desk::{Error, Result};
use crate::domain::calendar;
use crate::domain::model::ClientKind;
pub use crate::domain::penalties::InvoicePenalty;
use crate::domain::penalties::{self, Breakdown, Period};
pub use crate::domain::rates::{RateRow, RateRowText, RateTable};
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
    /// Every invoice's periods in one list, each with its invoice (they add up to `interest`).
    pub periods: Vec<InvoicePeriod>,
    /// The same for the invoices paid late (`settled_late`; they add up to `settled_late_interest`).
    pub settled_periods: Vec<InvoicePeriod>,
}

/// A period of the breakdown with the invoice it belongs to, its half-year and rate as a reader says
/// them (« 2e semestre 2026 », « 12,15 % »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoicePeriod {
    pub invoice_id: i64,
    pub number: String,
    #[serde(flatten)]
    pub period: Period,
    pub semester_label: String,
    /// None when the half-year's rate is missing from the table.
    pub rate_label: Option<String>,
}

/// The penalties one client owes on `as_of`, computed with the ledger's rates table.
pub fn penalties(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<ClientPenalties> {
    let client = ledger.client(client_id)?;
    let rates = ledger.rates()?;
    let inputs = ledger.penalty_inputs(as_of, Some(client_id))?;
    let input = inputs.first().ok_or(Error::Ledger(crate::LedgerError::NotFound { what: "Client", id: client_id }))?;
    let tolerance = ledger.dunning_settings()?.residual_tolerance;
    let breakdown = penalties::compute(&input.input(as_of, tolerance), &rates);
    let period_of = |(invoice, period): (&InvoicePenalty, &Period)| InvoicePeriod {
        invoice_id: invoice.invoice_id,
        number: invoice.number.clone(),
        semester_label: calendar::half_year_label(period.from),
        rate_label: period.rate.map(penalties::percent),
        period: period.clone(),
    };
    let periods = breakdown.periods().map(period_of).collect();
    let settled_periods = breakdown
        .settled_late
        .iter()
        .flat_map(|invoice| invoice.periods.iter().map(move |period| (invoice, period)))
        .map(period_of)
        .collect();
    Ok(ClientPenalties {
        client_id,
        name: client.fields.display_name(),
        kind: client.fields.kind,
        breakdown,
        periods,
        settled_periods,
    })
}

/// The half-year rates table in force.
pub fn rates(ledger: &Ledger) -> Result<RateTable> {
    Ok(ledger.rates()?)
}

/// The rates table as its editor shows it: each half-year with its French name, and the half-year
/// that follows the newest (the one to add next).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatesView {
    pub rows: Vec<RateLine>,
    pub next: HalfYear,
}

/// One half-year of the table with its French name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateLine {
    #[serde(flatten)]
    pub row: RateRow,
    /// « 2e semestre 2026 ».
    pub label: String,
}

/// A half-year by its code (« 2027-S1 ») and its French name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HalfYear {
    pub semester: String,
    pub label: String,
}

/// The rates table with its names, for the editor.
pub fn rates_view(ledger: &Ledger, today: NaiveDate) -> Result<RatesView> {
    let table = ledger.rates()?;
    // The table is never empty once validated; today's half-year follows nothing otherwise.
    let next_day = table.rows.last().and_then(|row| row.end.succ_opt()).unwrap_or(today);
    Ok(RatesView {
        rows: table.rows.into_iter().map(|row| RateLine { label: calendar::half_year_label(row.start), row }).collect(),
        next: HalfYear { semester: calendar::half_year_code(next_day), label: calendar::half_year_label(next_day) },
    })
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
