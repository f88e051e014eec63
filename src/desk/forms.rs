//! What the user typed, read with the core's one grammar: a date or an amount as people write them, into
//! a French refusal naming the field when it cannot be read. The window sends text; it never parses.

use crate::desk::{Error, Result};
use crate::domain::{calendar, money};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A typed date (« 22/11/2026 », « 22 nov. 2026 », « 2026-11-22 »…), or `default` when the field is blank.
pub fn date_or(field: &str, text: Option<&str>, default: NaiveDate) -> Result<NaiveDate> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => date(field, text),
        None => Ok(default),
    }
}

/// A typed date, required.
pub fn date(field: &str, text: &str) -> Result<NaiveDate> {
    calendar::parse_date(text).map_err(|message| Error::invalid(field, message))
}

/// A typed amount (« 1 234,56 € », « 1.234,56 », « (12,00) », « 12 EUR »…).
pub fn amount(field: &str, text: &str) -> Result<Decimal> {
    money::parse_amount(text).map_err(|error| Error::invalid(field, format!("{error} : écrivez-le comme 1 234,56 €.")))
}
