//! Lists written for spreadsheets (CSV as French Excel and LibreOffice open it: UTF-8 with a BOM, `;`
//! between fields, decimal commas), with every text cell protected against formula injection: a cell a
//! spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
//! gets a leading apostrophe, so a client called `=HYPERLINK(...)` stays a name. Amounts and dates are
//! written by Ardoise itself and are never formulas.

use crate::domain::calendar::format_short;
use crate::domain::figures::InvoiceLine;
use rust_decimal::Decimal;

/// A text cell as a spreadsheet must show it: as text, never as a formula.
pub fn text_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// An amount with a decimal comma and two decimals ("-1234,50"), which spreadsheets read as a number.
pub fn amount_cell(amount: Decimal) -> String {
    format!("{:.2}", amount.round_dp(2)).replace('.', ",")
}

/// The invoice list as a CSV file's bytes.
pub fn invoices_csv(lines: &[InvoiceLine]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(vec![0xEF, 0xBB, 0xBF]);
    writer.write_record([
        "N° facture",
        "Client",
        "Date",
        "Échéance",
        "Montant TTC",
        "Réglé",
        "Reste dû",
        "Statut",
        "Jours de retard",
        "Objet",
    ])?;
    for line in lines {
        let invoice = &line.row.invoice;
        writer.write_record([
            text_cell(&invoice.number),
            text_cell(&line.client_name),
            format_short(invoice.issue_date),
            format_short(invoice.due_date),
            amount_cell(invoice.amount),
            amount_cell(line.settled),
            amount_cell(line.remaining),
            line.status_label.to_string(),
            line.days_late.to_string(),
            text_cell(&invoice.object),
        ])?;
    }
    writer.into_inner().map_err(|error| error.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_a_spreadsheet_would_run_is_kept_as_text() {
        for formula in ["=HYPERLINK(\"http://x\";\"y\")", "+33 6 12", "-2+3", "@SUM(A1)", "\tx", "\r=1"] {
            assert_eq!(text_cell(formula), format!("'{formula}"));
        }
        for plain in ["Garage du Centre", "F2026-001", "", "1 200,00", "O'Neil"] {
            assert_eq!(text_cell(plain), plain);
        }
        assert_eq!(amount_cell(Decimal::new(-123450, 2)), "-1234,50");
        assert_eq!(amount_cell(Decimal::new(7, 0)), "7,00");
    }
}
