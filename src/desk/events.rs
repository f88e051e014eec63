//! The timeline's events as both shells record them: notes, calls, promises, disputes, pauses and
//! procedure steps, and closing a dispute or a pause.

use crate::desk::Result;
pub use crate::domain::model::{EventFields, EventKind};
use crate::Ledger;
use chrono::NaiveDate;

/// Records an event; returns its id.
pub fn add_event(ledger: &mut Ledger, fields: &EventFields) -> Result<i64> {
    Ok(ledger.add_event(fields)?)
}

/// Closes a dispute or a pause on `date`.
pub fn close_event(ledger: &mut Ledger, id: i64, date: NaiveDate) -> Result<()> {
    Ok(ledger.close_event(id, date)?)
}
