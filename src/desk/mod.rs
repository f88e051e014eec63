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
pub use error::{Error, Result};
