//! Reading one cell for one column, as people write values in spreadsheets: amounts through
//! `money::parse_amount`, dates through `calendar::parse_written_date`, Excel serial numbers and the
//! spreadsheet's own date cells. Each failure is a short French phrase naming the value read.

use super::read::Cell;
use crate::domain::calendar::parse_written_date;
use crate::domain::money::{parse_amount, round_cents, MAX_AMOUNT};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The day Excel's serial number 0 stands for in the 1900 date system (shifted by Excel's fictitious
/// 29 February 1900, which makes every serial from 61 on count from here).
const EXCEL_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1899, 12, 30) {
    Some(date) => date,
    None => unreachable!(),
};

/// Dates outside these years are a mistake in an invoice file (a year typed as "2206", a serial number
/// that is really an amount).
const FIRST_YEAR: i32 = 1980;
const LAST_YEAR: i32 = 2100;

/// An amount cell: text as people write it, or a numeric cell rounded to the cent as the spreadsheet
/// displays it.
pub fn amount(cell: &Cell) -> Result<Decimal, String> {
    match cell {
        Cell::Empty => Err("montant vide".to_string()),
        Cell::Text(text) => parse_amount(text).map_err(|error| error.to_string()),
        Cell::Number(number) => {
            let value = Decimal::from_str(number).map_err(|_| format!("montant illisible « {number} »"))?;
            if value.abs() > MAX_AMOUNT {
                return Err(format!("montant trop grand « {number} »"));
            }
            Ok(round_cents(value))
        }
        Cell::Date(date) => {
            Err(format!("montant illisible « {} » (c'est une date)", crate::domain::calendar::format_short(*date)))
        }
    }
}

/// A date cell: a date cell of the spreadsheet, an Excel serial number, or text in any usual form.
pub fn date(cell: &Cell) -> Result<NaiveDate, String> {
    let unreadable = || format!("date illisible « {} »", cell.display());
    let date = match cell {
        Cell::Empty => return Err("date vide".to_string()),
        Cell::Date(date) => *date,
        Cell::Number(number) => excel_serial(number).ok_or_else(unreadable)?,
        Cell::Text(text) => match parse_written_date(text) {
            Some(date) => date,
            // A serial number exported as text by a CSV export of a badly formatted column.
            None if text.trim().bytes().all(|b| b.is_ascii_digit()) && text.trim().len() == 5 => {
                excel_serial(text.trim()).ok_or_else(unreadable)?
            }
            None => return Err(unreadable()),
        },
    };
    if !(FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&date)) {
        return Err(format!("date invraisemblable « {} »", cell.display()));
    }
    Ok(date)
}

/// An Excel serial day number ("46348", or "46348.5" with a time of day) in the 1900 date system.
fn excel_serial(number: &str) -> Option<NaiveDate> {
    let value = Decimal::from_str(number.trim()).ok()?;
    if value < Decimal::ONE {
        return None;
    }
    let days = rust_decimal::prelude::ToPrimitive::to_u64(&value.trunc())?;
    EXCEL_EPOCH.checked_add_days(chrono::Days::new(days))
}

/// A text cell: numbers keep their digits ("1024", "552100554"), dates their French short form.
pub fn text(cell: &Cell) -> String {
    cell.display()
}

/// A status cell that says the invoice is settled: "Payée", "Réglée", "Soldée", "Paid".
pub fn says_paid(cell: &Cell) -> bool {
    let folded = super::mapping::fold(&cell.display());
    ["payee", "paye", "reglee", "regle", "soldee", "solde", "paid", "acquittee"].contains(&folded.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_cell(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }

    #[test]
    fn amounts_are_read_from_text_and_numeric_cells() {
        let cases = [
            (text_cell("1 234,56 €"), "1234.56"),
            (text_cell("1.234,56"), "1234.56"),
            (text_cell("1234.56"), "1234.56"),
            (text_cell("-12,00"), "-12.00"),
            (text_cell("(12,00)"), "-12.00"),
            (Cell::Number("1234.56".into()), "1234.56"),
            (Cell::Number("123.60000000000001".into()), "123.60"),
            (Cell::Number("-50".into()), "-50"),
        ];
        for (cell, expected) in cases {
            assert_eq!(amount(&cell), Ok(Decimal::from_str(expected).unwrap()), "{cell:?}");
        }
        assert_eq!(amount(&text_cell("12,3,4")), Err("montant illisible « 12,3,4 »".to_string()));
        assert_eq!(amount(&Cell::Empty), Err("montant vide".to_string()));
    }

    #[test]
    fn dates_come_from_date_cells_serials_and_text() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(date(&Cell::Date(day)), Ok(day));
        assert_eq!(date(&Cell::Number("46348".into())), Ok(day));
        assert_eq!(date(&Cell::Number("46348.75".into())), Ok(day));
        assert_eq!(date(&text_cell("46348")), Ok(day));
        assert_eq!(date(&text_cell("22 nov. 2026")), Ok(day));
        assert_eq!(date(&text_cell("31/02/2026")), Err("date illisible « 31/02/2026 »".to_string()));
        assert_eq!(date(&Cell::Number("1234.56".into())), Err("date invraisemblable « 1234.56 »".to_string()));
        assert_eq!(date(&text_cell("22/11/2206")), Err("date invraisemblable « 22/11/2206 »".to_string()));
    }
}
