//! The deposit list for the post office (the registered letters posted on a day: recipients, addresses,
//! tracking numbers, levels, receipt option) with a postage estimate from the price table, an editable
//! table of dated prices kept in the settings. Drawn with the letters' print pipeline (`print::page`).

use super::{DispatchRow, GuaranteeLevel};
use crate::calendar::format_long;
use crate::letter_kind::Dispatch;
use crate::letters::gather;
use crate::money::format_eur;
use crate::print::page::{self, Composer, LetterLayout, Table};
use crate::print::pdf::Metadata;
use crate::{Ledger, LedgerError};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The settings key of the price table.
pub const PRICES_SETTING: &str = "postage_prices";

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

/// The price table in use (the default until edited).
pub fn price_table(ledger: &Ledger) -> Result<PriceTable, LedgerError> {
    Ok(ledger.setting(PRICES_SETTING)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
}

/// Saves an edited price table after checking it.
pub fn save_price_table(ledger: &mut Ledger, table: &PriceTable) -> Result<(), LedgerError> {
    if let Some(problem) = table.problems().into_iter().next() {
        return Err(LedgerError::invalid("prices", problem));
    }
    let json = serde_json::to_string(table).map_err(|e| LedgerError::Conflict(e.to_string()))?;
    ledger.set_setting(PRICES_SETTING, &json)
}

/// Adds a dated row to the price table, or replaces the row of the same date; returns the table saved.
pub fn set_price_row(ledger: &mut Ledger, row: PriceRow) -> Result<PriceTable, LedgerError> {
    let mut table = price_table(ledger)?;
    table.rows.retain(|existing| existing.valid_from != row.valid_from);
    table.rows.push(row);
    table.rows.sort_by_key(|row| row.valid_from);
    save_price_table(ledger, &table)?;
    Ok(table)
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

/// The registered letters deposited on `date`, by tracking number.
pub fn deposit_list(ledger: &Ledger, date: NaiveDate) -> Result<DepositList, LedgerError> {
    let prices = price_table(ledger)?;
    let mut rows: Vec<DispatchRow> = ledger
        .dispatch_rows(None)?
        .into_iter()
        .filter(|row| row.status == "sent" && row.deposit_date == Some(date))
        .filter(|row| row.dispatch == Dispatch::Registered || row.tracking_number.is_some())
        .collect();
    rows.sort_by(|a, b| a.tracking_number.cmp(&b.tracking_number).then(a.id.cmp(&b.id)));
    let mut lines = Vec::new();
    let mut to_confirm = false;
    for row in rows {
        let client = ledger.client(row.client_id)?;
        let recipient = gather::recipient(&client);
        let level = row.level.unwrap_or(GuaranteeLevel::R1);
        let postage = prices.postage(date, level, row.with_receipt).map(|(price, confirm)| {
            to_confirm |= confirm;
            price
        });
        lines.push(DepositLine {
            letter_id: row.id,
            address: recipient.address_lines.iter().skip(1).cloned().collect::<Vec<_>>().join(", "),
            recipient: recipient.name,
            tracking_number: row.tracking_number.clone().unwrap_or_default(),
            level: level.id().to_string(),
            with_receipt: row.with_receipt,
            postage,
        });
    }
    let total = lines.iter().filter_map(|line| line.postage).sum();
    Ok(DepositList { date, lines, total, to_confirm, prices_from: prices.on(date).map(|row| row.valid_from) })
}

/// The deposit list as a PDF, headed by the sender (the depositor).
pub fn deposit_list_pdf(ledger: &Ledger, list: &DepositList) -> Result<Vec<u8>, LedgerError> {
    let mut rows: Vec<Vec<String>> = list
        .lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            vec![
                (index + 1).to_string(),
                line.recipient.clone(),
                line.address.clone(),
                line.tracking_number.clone(),
                line.level.clone(),
                if line.with_receipt { "oui" } else { "non" }.to_string(),
                line.postage.map(format_eur).unwrap_or_else(|| "?".into()),
            ]
        })
        .collect();
    let total_row = rows.len();
    rows.push(vec![
        "Total".into(),
        format!("{} lettre(s)", list.lines.len()),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        format_eur(list.total),
    ]);
    let mut body = vec![format!(
        "Lettres recommandées déposées le {} : {} envoi(s), affranchissement estimé {}.",
        format_long(list.date),
        list.lines.len(),
        format_eur(list.total)
    )];
    body.push(match (list.prices_from, list.to_confirm) {
        (Some(from), false) => format!("Estimation selon les tarifs en vigueur depuis le {}.", format_long(from)),
        (Some(from), true) => format!(
            "Estimation selon les tarifs saisis au {} ; certains prix (R2, R3, avis de réception) sont à \
             confirmer auprès de La Poste et se corrigent dans les réglages.",
            format_long(from)
        ),
        (None, _) => "Aucun tarif n'est saisi pour cette date : l'affranchissement n'est pas estimé.".into(),
    });
    let title = format!("Liste de dépôt du {}", format_long(list.date));
    let table = Table {
        title: "Lettres recommandées".into(),
        columns: columns(&[
            ("N°", 4, false),
            ("Destinataire", 18, false),
            ("Adresse", 26, false),
            ("N° de suivi", 16, false),
            ("Niveau", 6, false),
            ("AR", 4, false),
            ("Affranch.", 10, true),
        ]),
        rows,
        bold_rows_from: Some(total_row),
    };
    document_pdf(ledger, &title, list.date, body, vec![table])
}

/// A one-off document (deposit list, dossier summary, data sheet) with the sender's block, a subject,
/// paragraphs and tables, through the letters' print pipeline.
pub fn document_pdf(
    ledger: &Ledger,
    title: &str,
    date: NaiveDate,
    body: Vec<String>,
    tables: Vec<Table>,
) -> Result<Vec<u8>, LedgerError> {
    let sender = gather::sender(&ledger.profile()?);
    let mut sender_lines = vec![sender.trade_name.clone()];
    sender_lines.extend(sender.address_lines.iter().cloned());
    if !sender.siren_siret.is_empty() {
        sender_lines.push(format!("SIREN/SIRET {}", sender.siren_siret));
    }
    sender_lines.retain(|line| !line.trim().is_empty());
    let layout = LetterLayout {
        sender_title: sender.legal_name.clone(),
        sender_lines,
        recipient_lines: Vec::new(),
        place_and_date: format!("Le {}", format_long(date)),
        subject: title.to_string(),
        body,
        tables,
        ..Default::default()
    };
    let metadata = Metadata { title: title.to_string(), author: sender.legal_name.clone(), date: Some(date) };
    Ok(crate::print::pages_pdf(&Composer.layout(&layout), &metadata))
}

/// Table columns from widths in tenths.
pub fn columns(spec: &[(&str, u8, bool)]) -> Vec<(String, page::Share, bool)> {
    spec.iter().map(|(name, tenths, right)| (name.to_string(), page::share(*tenths), *right)).collect()
}
