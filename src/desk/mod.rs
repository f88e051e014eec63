//! The service layer, the core's API boundary: one file per area. It composes storage (`ledger`), the
//! rules (`domain`), reading (`import`) and rendering (`documents`); both shells call it and nothing else.

pub mod archive;
pub mod demo;
pub mod deposit;
pub mod dossier;
pub mod letter_facts;
pub mod letters;
pub mod plans;
pub mod views;
