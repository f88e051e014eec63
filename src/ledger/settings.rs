//! The `settings` table: small values the user can change, stored as JSON text by key.

use super::Ledger;
use crate::documents::print::PrintOptions;
use crate::domain::postage::PriceTable;
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use rusqlite::OptionalExtension;

/// Days from the invoice date to the due date when neither the invoice nor its client says (C. com. L441-10).
pub const DEFAULT_PAYMENT_TERMS_DAYS: u32 = 30;

/// The settings keys this file reads and writes (the dunning ones are in `dunning.rs`).
const ENVELOPE_OFFSETS: &str = "envelope_offsets";
const POSTAGE_PRICES: &str = "postage_prices";
const FIRST_START_CHOICE: &str = "first_start_choice";
/// The e-mail sending settings (`domain::email::SmtpSettings` as JSON; never the password).
const SMTP_SETTINGS: &str = "smtp_settings";

impl Ledger {
    /// A setting's stored JSON text, if set.
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .connection
            .query_row_cached("SELECT value FROM settings WHERE key = ?1", [key], |row| row.get(0))
            .optional()?)
    }

    /// Stores a setting's JSON text.
    pub(crate) fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.connection.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// The payment terms used when a client has none of its own.
    pub fn default_payment_terms_days(&self) -> Result<u32> {
        Ok(self
            .setting("default_payment_terms_days")?
            .and_then(|text| text.parse().ok())
            .unwrap_or(DEFAULT_PAYMENT_TERMS_DAYS))
    }

    /// The envelope offsets (zero until set).
    pub fn envelope_offsets(&self) -> Result<PrintOptions> {
        Ok(self.setting(ENVELOPE_OFFSETS)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
    }

    pub fn save_envelope_offsets(&mut self, options: &PrintOptions) -> Result<()> {
        self.set_json(ENVELOPE_OFFSETS, options)
    }

    /// The registered-mail price table (the default until edited).
    pub fn postage_prices(&self) -> Result<PriceTable> {
        Ok(self.setting(POSTAGE_PRICES)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
    }

    pub fn save_postage_prices(&mut self, table: &PriceTable) -> Result<()> {
        self.set_json(POSTAGE_PRICES, table)
    }

    /// What the user chose at the first start ("demo", "empty"...), if anything yet.
    pub fn first_start_choice(&self) -> Result<Option<String>> {
        Ok(self.setting(FIRST_START_CHOICE)?.and_then(|json| serde_json::from_str(&json).ok()))
    }

    pub fn save_first_start_choice(&mut self, choice: &str) -> Result<()> {
        self.set_json(FIRST_START_CHOICE, &choice)
    }

    /// The e-mail sending settings, if the user gave them.
    pub fn smtp_settings(&self) -> Result<Option<crate::domain::email::SmtpSettings>> {
        Ok(self.setting(SMTP_SETTINGS)?.and_then(|json| serde_json::from_str(&json).ok()))
    }

    pub fn save_smtp_settings(&mut self, settings: &crate::domain::email::SmtpSettings) -> Result<()> {
        self.set_json(SMTP_SETTINGS, settings)
    }

    fn set_json<T: serde::Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let json = serde_json::to_string(value).map_err(|error| LedgerError::Conflict(error.to_string()))?;
        self.set_setting(key, &json)
    }
}
