//! La Poste's registered-mail prices as a dated table the user can edit (law-fr.md: the 2025-2026 R2, R3
//! and receipt prices are to be confirmed), the postage of one letter on a date, and the deposit list of a
//! day's registered letters with its estimate.

use crate::domain::calendar::format_long;
use crate::domain::delivery::GuaranteeLevel;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The prices of a registered letter of 20 g from a date on, in euros, with the receipt option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceRow {
    pub valid_from: NaiveDate,
    pub r1: Decimal,
    pub r2: Decimal,
    pub r3: Decimal,
    /// The acknowledgement of receipt (AR) option.
    pub receipt: Decimal,
    /// Prices not confirmed from La Poste's published rates: shown "à confirmer" on the list.
    pub to_confirm: bool,
}

/// The price table, newest row last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceTable {
    pub rows: Vec<PriceRow>,
}

impl Default for PriceTable {
    /// The public prices of a 20 g registered letter (R1) in 2023 to 2026 (law-fr.md). R2, R3 and the
    /// receipt option are published for 2023 only; later years carry the 2023 supplements over the R1
    /// price and say "à confirmer" until the user enters the real prices.
    fn default() -> Self {
        let cents = |c: i64| Decimal::new(c, 2);
        let row = |date: &str, r1: i64, to_confirm: bool| PriceRow {
            valid_from: NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a valid date"),
            r1: cents(r1),
            r2: cents(r1 + 94),
            r3: cents(r1 + 227),
            receipt: cents(125),
            to_confirm,
        };
        PriceTable {
            rows: vec![
                row("2023-01-01", 483, false),
                row("2024-01-01", 536, true),
                row("2025-01-01", 574, true),
                row("2026-01-01", 611, true),
            ],
        }
    }
}

impl PriceTable {
    /// The row in force on `date`.
    pub fn on(&self, date: NaiveDate) -> Option<&PriceRow> {
        self.rows.iter().filter(|row| row.valid_from <= date).max_by_key(|row| row.valid_from)
    }

    /// The postage of one letter, with whether the price is to be confirmed.
    pub fn postage(&self, date: NaiveDate, level: GuaranteeLevel, with_receipt: bool) -> Option<(Decimal, bool)> {
        let row = self.on(date)?;
        let base = match level {
            GuaranteeLevel::R1 => row.r1,
            GuaranteeLevel::R2 => row.r2,
            GuaranteeLevel::R3 => row.r3,
        };
        Some((base + if with_receipt { row.receipt } else { Decimal::ZERO }, row.to_confirm))
    }

    /// French messages for rows that cannot be right, by field.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for row in &self.rows {
            if [row.r1, row.r2, row.r3, row.receipt].iter().any(|price| *price < Decimal::ZERO) {
                problems.push(format!("tarif du {} : un prix ne peut pas être négatif.", format_long(row.valid_from)));
            }
        }
        let mut dates: Vec<_> = self.rows.iter().map(|r| r.valid_from).collect();
        dates.sort();
        if dates.windows(2).any(|pair| pair[0] == pair[1]) {
            problems.push("deux tarifs commencent le même jour : gardez-en un seul par date.".into());
        }
        problems
    }
}

/// One line of the deposit list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepositLine {
    pub letter_id: i64,
    pub recipient: String,
    pub address: String,
    pub tracking_number: String,
    pub level: String,
    pub with_receipt: bool,
    pub postage: Option<Decimal>,
}

/// The deposit list of a day: its lines, the total estimate and whether a price is to be confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepositList {
    pub date: NaiveDate,
    pub lines: Vec<DepositLine>,
    pub total: Decimal,
    pub to_confirm: bool,
    /// The day the prices used came into force.
    pub prices_from: Option<NaiveDate>,
}
