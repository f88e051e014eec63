//! Dates as French users read and write them: "22 novembre 2026", "22/11/2026", ISO for storage.

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "22 novembre 2026", and "1er novembre 2026" for the first of the month.
pub fn format_long(date: NaiveDate) -> String {
    let day = if date.day() == 1 { "1er".to_string() } else { date.day().to_string() };
    format!("{day} {} {}", MONTHS[date.month0() as usize], date.year())
}

/// "22/11/2026".
pub fn format_short(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Reads a date typed in a form or given on the command line: ISO "2026-11-22" or French "22/11/2026".
/// Impossible dates (31/02/2026) are refused, never shifted.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map_err(|_| format!("date « {text} » invalide : écrivez-la comme 22/11/2026 ou 2026-11-22."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn long_format_is_french() {
        assert_eq!(format_long(date(2026, 11, 22)), "22 novembre 2026");
        assert_eq!(format_long(date(2026, 8, 1)), "1er août 2026");
        assert_eq!(format_short(date(2026, 2, 3)), "03/02/2026");
    }

    #[test]
    fn parse_accepts_iso_and_french_and_refuses_impossible_dates() {
        assert_eq!(parse_date("2026-11-22"), Ok(date(2026, 11, 22)));
        assert_eq!(parse_date(" 22/11/2026 "), Ok(date(2026, 11, 22)));
        assert!(parse_date("31/02/2026").unwrap_err().contains("31/02/2026"));
        assert!(parse_date("demain").is_err());
    }
}
