//! How the core writes amounts, dates, rates and the system's file errors for a reader, for the shells
//! that print them (the command line's tables and messages): the same forms the letters and the window
//! use.

pub use crate::domain::calendar::{format_long, format_recorded, format_short};
pub use crate::domain::money::{format_eur, format_eur_ascii};
pub use crate::domain::penalties::percent;
pub use crate::ledger::error::io_in_french;
