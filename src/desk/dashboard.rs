//! The dashboard's figures (F1.6): totals, aging, DSO, as of a date.

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
