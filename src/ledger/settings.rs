//! The `settings` table: small values the user can change, stored as JSON text by key.

use super::Ledger;
use crate::ledger::error::Result;
use rusqlite::OptionalExtension;

/// Days from the invoice date to the due date when neither the invoice nor its client says (C. com. L441-10).
pub const DEFAULT_PAYMENT_TERMS_DAYS: u32 = 30;

impl Ledger {
    /// A setting's stored JSON text, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .connection
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| row.get(0))
            .optional()?)
    }

    /// Stores a setting's JSON text.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
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
}
