//! The `rates` table: the half-year rates behind late-payment interest, read and saved as one
//! `RateTable` (validated in full, saved as one unit).

use super::{decimal_from_text, Ledger};
use crate::domain::rates::{RateRow, RateRowText, RateTable};
use crate::ledger::error::{LedgerError, Result};
use rust_decimal::Decimal;

impl Ledger {
    /// The rates table, oldest half-year first.
    pub fn rates(&self) -> Result<RateTable> {
        let mut statement = self.connection.prepare_cached(
            "SELECT semester, start_date, end_date, legal_rate_individual, legal_rate_other, ecb_rate
             FROM rates ORDER BY start_date",
        )?;
        let rows = statement
            .query_map([], |row| {
                Ok(RateRow {
                    semester: row.get(0)?,
                    start: row.get(1)?,
                    end: row.get(2)?,
                    legal_rate_individual: decimal_from_text(row.get(3)?)?,
                    legal_rate_other: decimal_from_text(row.get(4)?)?,
                    ecb_rate: decimal_from_text(row.get(5)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(RateTable::new(rows))
    }

    /// Replaces the whole rates table with `table`, after checking it (`RateTable::validate`): an invalid
    /// table is refused with every reason and the stored one is left as it was.
    pub fn save_rates(&mut self, table: &RateTable) -> Result<()> {
        let table = RateTable::new(table.rows.clone());
        table.validate().map_err(LedgerError::Invalid)?;
        self.atomically(|ledger| {
            ledger.connection.execute("DELETE FROM rates", [])?;
            let mut insert = ledger.connection.prepare_cached(
                "INSERT INTO rates (semester, start_date, end_date, legal_rate_individual, legal_rate_other, ecb_rate)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for row in &table.rows {
                insert.execute(rusqlite::params![
                    row.semester,
                    row.start,
                    row.end,
                    rate_text(row.legal_rate_individual),
                    rate_text(row.legal_rate_other),
                    rate_text(row.ecb_rate),
                ])?;
            }
            Ok(())
        })
    }
}

/// A rate as stored: its plain decimal text ("2.15"), trailing zeros kept as typed.
fn rate_text(rate: Option<Decimal>) -> Option<String> {
    rate.map(|rate| rate.to_string())
}

impl Ledger {
    /// Saves the rows typed in the rates editor (`RateTable::from_text`), refused with every reason when
    /// unreadable or invalid; returns the table as stored.
    pub fn save_rates_text(&mut self, rows: &[RateRowText]) -> Result<RateTable> {
        let table = RateTable::from_text(rows).map_err(LedgerError::Invalid)?;
        self.save_rates(&table)?;
        self.rates()
    }
}
