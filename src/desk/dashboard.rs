//! The dashboard's figures (F1.6): totals, aging, DSO, as of a date; and the clients about to lose a claim
//! to prescription, whatever the ladder is doing for them.

use crate::desk::accounts::settlement;
use crate::desk::Result;
use crate::domain::figures;
pub use crate::domain::figures::Dashboard;
use crate::Ledger;
use chrono::{Days, NaiveDate};

/// The dashboard figures on `as_of` (remembered while the ledger does not change).
pub fn dashboard(ledger: &Ledger, as_of: NaiveDate) -> Result<Dashboard> {
    let figures = ledger.remembered("dashboard", as_of, || -> Result<Dashboard> {
        let settlement = settlement(ledger, as_of, None)?;
        let period_start = as_of - Days::new(figures::DSO_PERIOD_DAYS as u64 - 1);
        let invoiced = ledger.invoiced_between(period_start, as_of)?;
        Ok(figures::dashboard(&settlement, ledger.client_count()?, invoiced, as_of))
    })?;
    Ok(Dashboard::clone(&figures))
}

/// A client with at least one open invoice time-barred within `prescription::WATCH_MONTHS` (or already).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrescriptionWatch {
    pub client_id: i64,
    pub client_name: String,
    /// The earliest day one of its claims dies.
    pub earliest: NaiveDate,
    /// Those invoices, earliest first.
    pub invoices: Vec<crate::desk::clients::InvoicePrescription>,
}

/// Every client within `prescription::WATCH_MONTHS` of losing a claim on `as_of`, earliest first: paused,
/// disputed, snoozed, waiting for a letter or in a plan alike (the ladder's state changes nothing to the
/// clock). Residual balances under the tolerance are left out. Remembered while the ledger does not
/// change: the dashboard page asks it with the figures, and it reads the engine's facts for every client.
pub fn prescription_watch(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<PrescriptionWatch>> {
    let watch = ledger.remembered("prescription_watch", as_of, || -> Result<Vec<PrescriptionWatch>> {
        let facts = crate::desk::proposals::facts(ledger, as_of)?;
        let tolerance = facts.settings.residual_tolerance;
        let mut watch: Vec<PrescriptionWatch> = facts
            .clients
            .iter()
            .filter_map(|client| {
                let invoices: Vec<_> = crate::desk::clients::prescriptions_of(client, as_of)
                    .into_iter()
                    .filter(|p| p.watched)
                    .filter(|p| client.invoices.iter().any(|i| i.id == p.invoice_id && i.remaining >= tolerance))
                    .collect();
                let earliest = invoices.first()?.prescription.time_barred_on;
                Some(PrescriptionWatch { client_id: client.id, client_name: client.name.clone(), earliest, invoices })
            })
            .collect();
        watch.sort_by(|a, b| a.earliest.cmp(&b.earliest).then(a.client_name.cmp(&b.client_name)));
        Ok(watch)
    })?;
    Ok(watch.to_vec())
}
