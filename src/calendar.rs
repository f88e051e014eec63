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

/// Reads a date as people write it in spreadsheets: "22/11/2026", "22-11-26", "22.11.2026", "2026-11-22",
/// "22 nov. 2026", "22 novembre 2026", "1er novembre 2026", "Nov 22, 2026" is not French and not read;
/// a time after the date ("2026-11-22 00:00:00") is ignored. Impossible dates (31/02/2026) give None,
/// never a shifted day. Two-digit years are in the 2000s.
pub fn parse_written_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = parse_numeric_date(text).or_else(|| parse_worded_date(text)) {
        return Some(date);
    }
    // "2026-11-22 00:00:00", "22/11/2026 14:30": a date followed by a time.
    let (date, time) = text.split_once([' ', 'T'])?;
    if time.contains(':') {
        parse_numeric_date(date)
    } else {
        None
    }
}

fn parse_numeric_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let number = |part: &str| part.parse::<u32>().ok();
    let (year, month, day) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 || parts[2].len() == 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    if day.len() > 2 || month.len() > 2 {
        return None;
    }
    let year = match year.len() {
        4 => number(year)?,
        2 => 2000 + number(year)?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year as i32, number(month)?, number(day)?)
}

/// Month names and abbreviations, French first, then English, lower case without accents.
const MONTH_WORDS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("decembre", 12),
    ("dec", 12),
    ("january", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

fn parse_worded_date(text: &str) -> Option<NaiveDate> {
    let folded: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'û' | 'ù' => 'u',
            'à' | 'â' => 'a',
            '.' | ',' | '-' => ' ',
            other => other,
        })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() != 3 {
        return None;
    }
    let day = words[0].strip_suffix("er").unwrap_or(words[0]);
    if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = MONTH_WORDS.iter().find(|(word, _)| *word == words[1])?.1;
    let year = match words[2].len() {
        4 => words[2].parse::<i32>().ok()?,
        2 => 2000 + words[2].parse::<i32>().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day.parse().ok()?)
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

    #[test]
    fn written_dates_are_read_as_people_write_them_and_impossible_ones_refused() {
        let cases = [
            ("22/11/2026", Some(date(2026, 11, 22))),
            ("22-11-26", Some(date(2026, 11, 22))),
            ("22.11.2026", Some(date(2026, 11, 22))),
            ("2026-11-22", Some(date(2026, 11, 22))),
            ("2026-11-22 00:00:00", Some(date(2026, 11, 22))),
            ("22 nov. 2026", Some(date(2026, 11, 22))),
            ("22 novembre 2026", Some(date(2026, 11, 22))),
            ("1er août 2026", Some(date(2026, 8, 1))),
            ("3 févr. 2026", Some(date(2026, 2, 3))),
            ("31/02/2026", None),
            ("29/02/2026", None),
            ("22/13/2026", None),
            ("22 brumaire 2026", None),
            ("22/11", None),
            ("demain", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_written_date(text), expected, "{text:?}");
        }
    }
}
