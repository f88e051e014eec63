//! The deposit list for the post office (the registered letters posted on a day: recipients, addresses,
//! tracking numbers, levels, receipt option) with a postage estimate from the dated price table the user
//! edits in « Réglages » (`domain::postage`), and its PDF (`documents::print::sheets`).

use crate::desk::{Error, Result};
use crate::documents::letters::assemble;
use crate::documents::print::sheets;
use crate::domain::delivery::{DispatchRow, GuaranteeLevel};
use crate::domain::letter_kind::Dispatch;
pub use crate::domain::postage::{DepositLine, DepositList, PriceRow, PriceTable};
use crate::ledger::files;
use crate::Ledger;
use chrono::NaiveDate;

use std::path::Path;

/// The price table in use (the default until edited).
pub fn price_table(ledger: &Ledger) -> Result<PriceTable> {
    Ok(ledger.postage_prices()?)
}

/// Saves an edited price table after checking it.
pub fn save_price_table(ledger: &mut Ledger, table: &PriceTable) -> Result<()> {
    if let Some(problem) = table.problems().into_iter().next() {
        return Err(Error::invalid("prices", problem));
    }
    Ok(ledger.save_postage_prices(table)?)
}

/// Adds a dated row to the price table, or replaces the row of the same date; returns the table saved.
pub fn set_price_row(ledger: &mut Ledger, row: PriceRow) -> Result<PriceTable> {
    let mut table = price_table(ledger)?;
    table.rows.retain(|existing| existing.valid_from != row.valid_from);
    table.rows.push(row);
    table.rows.sort_by_key(|row| row.valid_from);
    save_price_table(ledger, &table)?;
    Ok(table)
}

/// The registered letters deposited on `date`, by tracking number.
pub fn deposit_list(ledger: &Ledger, date: NaiveDate) -> Result<DepositList> {
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
        let recipient = assemble::recipient(&client);
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

/// The deposit list of `date` as a PDF, headed by the sender (the depositor).
pub fn deposit_list_pdf(ledger: &Ledger, date: NaiveDate) -> Result<Vec<u8>> {
    let list = deposit_list(ledger, date)?;
    Ok(sheets::deposit_list_pdf(&list, &assemble::sender(&ledger.profile()?))?)
}

/// Writes the deposit list of `date` to `path` (atomically); returns the list written.
pub fn export_deposit_list(ledger: &Ledger, date: NaiveDate, path: &Path) -> Result<DepositList> {
    let list = deposit_list(ledger, date)?;
    let bytes = sheets::deposit_list_pdf(&list, &assemble::sender(&ledger.profile()?))?;
    files::write_atomically(path, &bytes)?;
    Ok(list)
}
