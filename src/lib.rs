//! Ardoise's core: the ledger of what clients owe and everything derived from it, with no window and no
//! clock. The desktop shell (`src-tauri/`) and the command line (`src/bin/ardoise.rs`) are thin layers
//! over this library; see ARCHITECTURE.md.

pub mod address;
pub mod allocation;
pub mod backup;
pub mod bundle;
pub mod calendar;
pub mod demo;
pub mod dispatch;
pub mod domain;
pub mod dunning;
pub mod figures;
pub mod identity;
pub mod import;
pub mod ladder;
pub mod ledger;
pub mod letter_kind;
pub mod letters;
pub mod model;
pub mod money;
pub mod paths;
pub mod penalties;
pub mod plan_desk;
pub mod plans;
pub mod print;
pub mod rates;
pub mod spreadsheet;
pub mod timeline;
pub mod views;

pub use ledger::error::{LedgerError, Result};
pub use ledger::Ledger;
