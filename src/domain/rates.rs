//! The rates table behind late-payment interest: one row per half-year with the two French legal rates
//! and the ECB main refinancing rate, editable by the user because new half-years keep coming and a
//! missing one must be entered, never guessed (law-fr.md, F4.4).

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::{half_year_code, half_year_label, half_year_of};
use crate::domain::model::FieldErrors;

/// The table shipped with Ardoise, as gathered from Banque de France and ECB publications
/// (`../shared/spec/rates_fr.csv`). The 2026 second half-year's rates are blank: they were not found.
const DEFAULT_FR_CSV: &str = include_str!("rates_fr.csv");

/// One half-year's rates, in percent a year (2.15 means 2.15 %). `None` means "not known yet".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRow {
    /// "2026-S2".
    pub semester: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Legal rate when the creditor is a private individual (not used by Ardoise, kept for reference).
    pub legal_rate_individual: Option<Decimal>,
    /// Legal rate "autres cas": the one for a professional creditor (B2C interest, the 3× floor).
    pub legal_rate_other: Option<Decimal>,
    /// ECB main refinancing rate in force on 1 January or 1 July (B2B default: this + 10 points).
    pub ecb_rate: Option<Decimal>,
}

/// The half-years, sorted by start date, contiguous once validated.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RateTable {
    pub rows: Vec<RateRow>,
}

/// One half-year as the rates editor sends it: the code ("2026-S2") and the rates as typed, in percent
/// ("2,15", "2.15", "2,15 %" or blank for unknown). `RateTable::from_text` reads and checks them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateRowText {
    pub semester: String,
    pub legal_rate_individual: String,
    pub legal_rate_other: String,
    pub ecb_rate: String,
}

/// Reads a rate typed in percent a year, as the rates editor and the invoice form take it: "2,15",
/// " 2,40 % ", "12". None when unreadable; a blank field is the caller's business.
pub fn parse_percent(text: &str) -> Option<Decimal> {
    text.trim().trim_end_matches('%').trim().replace(',', ".").parse().ok()
}

/// Points added to the ECB rate for the default B2B penalty rate (C. com. L441-10 II).
pub const ECB_MARGIN_POINTS: Decimal = Decimal::TEN;

/// A contractual rate may not be below this many times the legal rate "autres cas" (C. com. L441-10 II).
pub const FLOOR_MULTIPLIER: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

impl RateRow {
    /// The B2B default rate of this half-year: ECB + 10 points, unknown when the ECB rate is.
    pub fn default_b2b_rate(&self) -> Option<Decimal> {
        self.ecb_rate.map(|ecb| ecb + ECB_MARGIN_POINTS)
    }

    /// The lowest contractual rate allowed this half-year: 3 × the legal rate "autres cas".
    pub fn contractual_floor(&self) -> Option<Decimal> {
        self.legal_rate_other.map(|legal| legal * FLOOR_MULTIPLIER)
    }

    /// An empty row for the half-year coded `code` ("2026-S2"), None if the code is not one.
    pub fn for_semester(code: &str) -> Option<RateRow> {
        let (year, half) = code.trim().split_once("-S")?;
        let year: i32 = year.parse().ok().filter(|y| (1900..=2999).contains(y))?;
        let month = match half {
            "1" => 1,
            "2" => 7,
            _ => return None,
        };
        Some(RateRow::blank(NaiveDate::from_ymd_opt(year, month, 1)?))
    }

    /// An empty row for the half-year holding `date`, to be filled in by the user.
    pub fn blank(date: NaiveDate) -> RateRow {
        let (start, end) = half_year_of(date);
        RateRow {
            semester: half_year_code(start),
            start,
            end,
            legal_rate_individual: None,
            legal_rate_other: None,
            ecb_rate: None,
        }
    }
}

impl RateTable {
    /// A table from rows in any order; the rows are sorted by start date.
    pub fn new(mut rows: Vec<RateRow>) -> RateTable {
        rows.sort_by_key(|row| row.start);
        RateTable { rows }
    }

    /// The French table shipped with Ardoise (2015-S1 to 2026-S2, the last one without rates).
    pub fn default_fr() -> RateTable {
        let rows = DEFAULT_FR_CSV
            .lines()
            .skip(1)
            .filter(|line| !line.trim().is_empty())
            .map(|line| parse_csv_row(line).unwrap_or_else(|e| panic!("src/rates_fr.csv: {e}: {line}")))
            .collect();
        RateTable::new(rows)
    }

    /// Reads the rows typed in the rates editor: every unreadable code or rate, then every problem of the
    /// table as a whole (`validate`), in French, naming the half-year.
    pub fn from_text(rows: &[RateRowText]) -> Result<RateTable, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut parsed = Vec::new();
        for text in rows {
            let Some(mut row) = RateRow::for_semester(&text.semester) else {
                errors.add(
                    "rates",
                    format!("semestre « {} » illisible : écrivez-le comme 2026-S2.", text.semester.trim()),
                );
                continue;
            };
            let mut read = |name: &str, typed: &str| -> Option<Decimal> {
                if typed.trim().is_empty() {
                    return None;
                }
                match parse_percent(typed) {
                    Some(rate) => Some(rate),
                    None => {
                        errors.add(
                            "rates",
                            format!(
                                "{} : {name} « {} » illisible : écrivez un pourcentage comme 2,15.",
                                row.semester,
                                typed.trim()
                            ),
                        );
                        None
                    }
                }
            };
            row.legal_rate_individual = read("le taux légal (créancier particulier)", &text.legal_rate_individual);
            row.legal_rate_other = read("le taux légal (autres cas)", &text.legal_rate_other);
            row.ecb_rate = read("le taux BCE", &text.ecb_rate);
            parsed.push(row);
        }
        let table = RateTable::new(parsed);
        if let Err(problems) = table.validate() {
            errors.0.extend(problems.0);
        }
        errors.into_result().map(|()| table)
    }

    /// The row covering `date`, if the table has one. Rows must be sorted (as `new` and `validate` ensure).
    pub fn row_for(&self, date: NaiveDate) -> Option<&RateRow> {
        let index = self.rows.partition_point(|row| row.start <= date);
        let row = self.rows.get(index.checked_sub(1)?)?;
        (date <= row.end).then_some(row)
    }

    /// Every problem of the table at once, in French: a row that is not exactly one half-year, a code that
    /// does not match its dates, half-years that overlap or leave a gap, rates below zero or above 100 %.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.rows.is_empty() {
            errors.add("rates", "le tableau des taux est vide : gardez au moins un semestre.");
        }
        for row in &self.rows {
            let (start, end) = half_year_of(row.start);
            let label = half_year_label(row.start);
            if row.start != start || row.end != end {
                errors.add(
                    "rates",
                    format!(
                        "la ligne {} doit couvrir un semestre entier, du 1er janvier au 30 juin ou du 1er juillet \
                         au 31 décembre (elle va du {} au {}).",
                        row.semester,
                        crate::domain::calendar::format_short(row.start),
                        crate::domain::calendar::format_short(row.end)
                    ),
                );
            } else if row.semester != half_year_code(row.start) {
                errors.add(
                    "rates",
                    format!(
                        "la ligne {} couvre le {label} : son code doit être {}.",
                        row.semester,
                        half_year_code(row.start)
                    ),
                );
            }
            for (name, value) in [
                ("taux légal (créancier particulier)", row.legal_rate_individual),
                ("taux légal (autres cas)", row.legal_rate_other),
                ("taux BCE", row.ecb_rate),
            ] {
                if let Some(value) = value {
                    if value.is_sign_negative() && !value.is_zero() {
                        errors.add("rates", format!("{} : le {name} ne peut pas être négatif.", row.semester));
                    } else if value > Decimal::ONE_HUNDRED {
                        errors.add("rates", format!("{} : le {name} dépasse 100 %.", row.semester));
                    }
                }
            }
        }
        let mut sorted: Vec<&RateRow> = self.rows.iter().collect();
        sorted.sort_by_key(|row| row.start);
        for pair in sorted.windows(2) {
            let (previous, next) = (pair[0], pair[1]);
            if next.start <= previous.end {
                errors.add("rates", format!("les lignes {} et {} se chevauchent.", previous.semester, next.semester));
            } else if previous.end.checked_add_days(Days::new(1)) != Some(next.start) {
                errors.add(
                    "rates",
                    format!(
                        "il manque un semestre entre {} et {} : ajoutez-le, même sans taux.",
                        previous.semester, next.semester
                    ),
                );
            }
        }
        errors.into_result()
    }
}

/// One line of rates_fr.csv: semester, start, end, legal rate (individuals), legal rate (others), ECB rate,
/// then derived columns that Ardoise recomputes and ignores.
fn parse_csv_row(line: &str) -> Result<RateRow, String> {
    let cells: Vec<&str> = line.split(',').map(str::trim).collect();
    if cells.len() < 6 {
        return Err("ligne incomplète".to_string());
    }
    let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| format!("date {text}: {e}"));
    let rate = |text: &str| -> Result<Option<Decimal>, String> {
        if text.is_empty() {
            Ok(None)
        } else {
            text.parse::<Decimal>().map(Some).map_err(|e| format!("taux {text}: {e}"))
        }
    };
    let start = date(cells[1])?;
    if start.day() != 1 {
        return Err(format!("début {start} hors semestre"));
    }
    Ok(RateRow {
        semester: cells[0].to_string(),
        start,
        end: date(cells[2])?,
        legal_rate_individual: rate(cells[3])?,
        legal_rate_other: rate(cells[4])?,
        ecb_rate: rate(cells[5])?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_default_table_is_valid_and_flags_2026_s2() {
        let table = RateTable::default_fr();
        assert_eq!(table.validate(), Ok(()));
        assert_eq!(table.rows.len(), 24, "2015-S1 to 2026-S2");
        assert_eq!(table.rows[0].semester, "2015-S1");
        let last = table.row_for(date(2026, 11, 22)).unwrap();
        assert_eq!(last.semester, "2026-S2");
        assert_eq!((last.legal_rate_other, last.ecb_rate, last.default_b2b_rate()), (None, None, None));
        let s1 = table.row_for(date(2026, 6, 30)).unwrap();
        assert_eq!(s1.semester, "2026-S1");
        assert_eq!(s1.legal_rate_other, Some(dec("2.62")));
        assert_eq!(s1.default_b2b_rate(), Some(dec("12.15")));
        assert_eq!(s1.contractual_floor(), Some(dec("7.86")));
        assert_eq!(table.row_for(date(2023, 7, 1)).unwrap().ecb_rate, Some(dec("4.00")));
        assert_eq!(table.row_for(date(2014, 12, 31)), None);
        assert_eq!(table.row_for(date(2027, 1, 1)), None);
    }

    #[test]
    fn the_editor_s_text_is_read_in_french_forms_and_refused_with_reasons() {
        let typed = |semester: &str, individual: &str, other: &str, ecb: &str| RateRowText {
            semester: semester.into(),
            legal_rate_individual: individual.into(),
            legal_rate_other: other.into(),
            ecb_rate: ecb.into(),
        };
        let table =
            RateTable::from_text(&[typed("2026-S2", "6,50", " 2,40 % ", "2.15"), typed("2026-S1", "6.67", "2.62", "")])
                .unwrap();
        assert_eq!(table.rows[0].semester, "2026-S1", "sorted");
        assert_eq!(table.rows[0].ecb_rate, None);
        assert_eq!((table.rows[1].start, table.rows[1].end), (date(2026, 7, 1), date(2026, 12, 31)));
        assert_eq!(table.rows[1].legal_rate_other, Some(dec("2.40")));
        assert_eq!(table.rows[1].default_b2b_rate(), Some(dec("12.15")));

        let messages: Vec<String> = RateTable::from_text(&[
            typed("2026-S3", "", "", ""),
            typed("2026-S1", "", "deux", "-1"),
            typed("2027-S1", "", "", ""),
        ])
        .unwrap_err()
        .0
        .into_iter()
        .map(|e| e.message)
        .collect();
        assert_eq!(
            messages,
            [
                "semestre « 2026-S3 » illisible : écrivez-le comme 2026-S2.",
                "2026-S1 : le taux légal (autres cas) « deux » illisible : écrivez un pourcentage comme 2,15.",
                "2026-S1 : le taux BCE ne peut pas être négatif.",
                "il manque un semestre entre 2026-S1 et 2027-S1 : ajoutez-le, même sans taux.",
            ]
        );
    }

    #[test]
    fn invalid_tables_are_refused_with_every_reason() {
        let mut table = RateTable::default_fr();
        table.rows.remove(3); // 2016-S2: a gap between 2016-S1 and 2017-S1.
        table.rows[0].ecb_rate = Some(dec("-0.5"));
        let mut overlapping = table.rows[5].clone();
        overlapping.semester = "2018-S1".to_string();
        table.rows.push(overlapping);
        let mut off = RateRow::blank(date(2027, 1, 1));
        off.end = date(2027, 12, 31);
        table.rows.push(off);
        let mut miscoded = RateRow::blank(date(2027, 7, 1));
        miscoded.semester = "2027-S1".to_string();
        table.rows.push(miscoded);
        let messages: Vec<String> = table.validate().unwrap_err().0.into_iter().map(|e| e.message).collect();
        let expected = [
            "2015-S1 : le taux BCE ne peut pas être négatif.",
            "il manque un semestre entre 2016-S1 et 2017-S1 : ajoutez-le, même sans taux.",
            "se chevauchent",
            "la ligne 2027-S1 doit couvrir un semestre entier",
            "la ligne 2027-S1 couvre le 2e semestre 2027 : son code doit être 2027-S2.",
        ];
        for part in expected {
            assert!(messages.iter().any(|m| m.contains(part)), "{part} not in {messages:#?}");
        }
        assert!(RateTable::default().validate().unwrap_err().0[0].message.contains("vide"));
    }
}
