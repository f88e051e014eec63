//! The window's commands, one small file per area: each parses, calls the core and returns.

pub mod backups;
pub mod clients;
pub mod dashboard;
pub mod dispatch;
pub mod dunning;
pub mod email;
pub mod events;
pub mod import;
pub mod invoices;
pub mod labels;
pub mod ledger;
pub mod letters;
pub mod payments;
pub mod penalties;
pub mod plans;
pub mod profile;
