//! The service layer, the core's API boundary: one file per area. It composes storage (`ledger`), the
//! rules (`domain`), reading (`import`) and rendering (`documents`); both shells call it and nothing else,
//! and see one error type (`Error`). Plain serialisable views out, plain inputs in; every date is an
//! argument (the shells read the clock).

pub mod accounts;
pub mod bank;
pub mod books;
pub mod clients;
pub mod dashboard;
pub mod demo;
pub mod deposit;
pub mod dispatch;
pub mod dossier;
pub mod email;
mod error;
pub mod events;
pub mod format;
pub mod forms;
pub mod import;
pub mod invoices;
pub mod labels;
pub mod ledger_file;
pub mod letter_facts;
pub mod letters;
pub mod payments;
pub mod penalties;
pub mod plans;
pub mod procedure;
pub mod proposals;
pub mod settings;

pub use crate::domain::model::{FieldError, FieldErrors};
pub use crate::ledger::Ledger;

/// The figures of the window's first screens, each computed and remembered in turn (`Ledger::remembered`):
/// the desktop shell runs them in the background while the window starts, taking the ledger's lock for one
/// figure at a time, so that a large ledger's dashboard, proposals, client list and the cash its plans
/// bring are drawn from memory.
pub const WARM_UP: [fn(&Ledger, chrono::NaiveDate) -> Result<()>; 5] = [
    |ledger, today| dashboard::dashboard(ledger, today).map(drop),
    |ledger, today| dashboard::prescription_watch(ledger, today).map(drop),
    |ledger, today| proposals::proposals(ledger, today).map(drop),
    |ledger, today| clients::client_list(ledger, today).map(drop),
    |ledger, today| plans::expected_cash(ledger, today).map(drop),
];
pub use error::{Error, Result};
