//! Payment terms (C. com. L441-10 I): a number of days after the invoice date, optionally « fin de mois »,
//! the due date they give, how they are written in French, and how they are read from what a form, a
//! spreadsheet cell or an e-invoice's free text says.
//!
//! « N jours fin de mois » is counted two ways in French practice (law-fr.md): the invoice date plus N
//! days, then the end of that month; or the end of the invoice's month, then plus N days. Ardoise counts
//! the first way (« date de facture + N jours, puis fin de mois »), the one the DGCCRF describes first and
//! the one invoicing tools compute; `due_date` is the one place that says so.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Longest payment terms accepted, in days.
pub const MAX_TERMS_DAYS: u32 = 365;

/// Payment terms: `days` after the invoice date, then the end of that month when `end_of_month`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PaymentTerms {
    pub days: u32,
    #[serde(default)]
    pub end_of_month: bool,
}

impl PaymentTerms {
    /// Plain terms of `days` days.
    pub const fn days(days: u32) -> PaymentTerms {
        PaymentTerms { days, end_of_month: false }
    }

    /// « N jours fin de mois ».
    pub const fn end_of_month(days: u32) -> PaymentTerms {
        PaymentTerms { days, end_of_month: true }
    }

    /// The due date of an invoice issued on `issue`: `issue + days`, then, for « fin de mois » terms, the
    /// last day of that month (see the module comment for why this computation).
    pub fn due_date(self, issue: NaiveDate) -> NaiveDate {
        let plain = issue.checked_add_days(Days::new(self.days.into())).unwrap_or(issue);
        if self.end_of_month {
            last_day_of_month(plain)
        } else {
            plain
        }
    }

    /// How the terms are written: « 30 jours », « 45 jours fin de mois », « à réception ».
    pub fn label(self) -> String {
        match (self.days, self.end_of_month) {
            (0, false) => "à réception".to_string(),
            (0, true) => "fin de mois".to_string(),
            (1, end_of_month) => format!("1 jour{}", if end_of_month { " fin de mois" } else { "" }),
            (days, end_of_month) => format!("{days} jours{}", if end_of_month { " fin de mois" } else { "" }),
        }
    }

    /// Reads terms as a user types them in a form: « 30 », « 30 jours », « 45 jours fin de mois »,
    /// « 45j FDM », « à réception », « comptant ». A French reason when the text says something else, or
    /// fixes a day of the month (« le 10 »), which a form's terms cannot keep.
    pub fn parse(text: &str) -> Result<PaymentTerms, String> {
        let trimmed = text.trim();
        match read(trimmed) {
            Reading::Terms(terms, _) if terms.days > MAX_TERMS_DAYS => {
                Err(format!("{} jours : le délai de paiement dépasse un an.", terms.days))
            }
            Reading::Terms(_, Some(day)) => Err(format!(
                "« {trimmed} » fixe le jour du paiement (le {day}) : Ardoise ne retient ici que « N jours » ou « N \
                 jours fin de mois » ; saisissez plutôt l'échéance de la facture."
            )),
            Reading::Terms(terms, None) => Ok(terms),
            Reading::Ambiguous => Err(format!(
                "« {trimmed} » donne plusieurs délais : écrivez-en un seul, par exemple « 30 jours » ou « 45 jours \
                 fin de mois »."
            )),
            Reading::Nothing => Err(format!(
                "« {trimmed} » n'est pas un délai de paiement : écrivez par exemple « 30 jours », « 45 jours fin de \
                 mois » ou « à réception »."
            )),
        }
    }
}

/// Payment terms as free text writes them (a spreadsheet cell, an e-invoice's payment terms): the terms,
/// and the day of the month payment then falls on, when the text fixes one (« 30 jours fin de mois le
/// 10 », « au 15 du mois suivant »). Only an import's due date uses that day; the ledger keeps no such
/// terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WrittenTerms {
    #[serde(flatten)]
    pub terms: PaymentTerms,
    /// The day of the month after the end of month the terms reach: « fin de mois le 10 » is the 10th of
    /// the next month.
    pub on_day: Option<u32>,
}

impl WrittenTerms {
    /// Reads terms from free text: the same forms as `PaymentTerms::parse`, plus « net 45 », « 60J date de
    /// facture », « 30 days end of month », « 30 jours fin de mois le 10 », « au 15 du mois suivant »; None
    /// when the text states no terms or several numbers of days (a discount period and a net period).
    pub fn read(text: &str) -> Option<WrittenTerms> {
        match read(text) {
            Reading::Terms(terms, on_day) if terms.days <= MAX_TERMS_DAYS => Some(WrittenTerms { terms, on_day }),
            _ => None,
        }
    }

    /// The due date of an invoice issued on `issue`: the terms' due date, then, when they fix a day, that
    /// day of the next month (the last day of a shorter month).
    pub fn due_date(self, issue: NaiveDate) -> NaiveDate {
        let due = self.terms.due_date(issue);
        match self.on_day {
            Some(day) => {
                let next_month_first = last_day_of_month(due).succ_opt().unwrap_or(due);
                let last = last_day_of_month(next_month_first).day();
                next_month_first.with_day(day.clamp(1, last)).unwrap_or(next_month_first)
            }
            None => due,
        }
    }

    /// How the terms are written: « 30 jours fin de mois le 10 », « le 15 du mois suivant ».
    pub fn label(self) -> String {
        match self.on_day {
            None => self.terms.label(),
            Some(day) if self.terms.days == 0 => format!("le {day} du mois suivant"),
            Some(day) => format!("{} le {day}", self.terms.label()),
        }
    }
}

impl From<PaymentTerms> for WrittenTerms {
    fn from(terms: PaymentTerms) -> WrittenTerms {
        WrittenTerms { terms, on_day: None }
    }
}

impl std::fmt::Display for PaymentTerms {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.label())
    }
}

/// The last day of `date`'s month.
pub fn last_day_of_month(date: NaiveDate) -> NaiveDate {
    let (year, month) = if date.month() == 12 { (date.year() + 1, 1) } else { (date.year(), date.month() + 1) };
    NaiveDate::from_ymd_opt(year, month, 1).and_then(|first| first.pred_opt()).unwrap_or(date)
}

enum Reading {
    /// The terms, and the day of the month they fix (« le 10 »).
    Terms(PaymentTerms, Option<u32>),
    Ambiguous,
    Nothing,
}

fn read(text: &str) -> Reading {
    let lower = text.to_lowercase();
    let end_of_month = lower.contains("fin de mois")
        || lower.contains("fin du mois")
        || lower.contains("end of month")
        || lower.split(|c: char| !c.is_alphanumeric()).any(|token| {
            // « FDM », « 45FDM », « 45JFDM », « EOM ».
            let head = token.strip_suffix("fdm").or_else(|| token.strip_suffix("eom"));
            head.is_some_and(|head| head.trim_end_matches('j').bytes().all(|b| b.is_ascii_digit()))
        });
    let tokens: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    // « au 15 du mois suivant »: the end of the invoice's month, then the 15th.
    let next_month = tokens.windows(2).any(|pair| pair[0] == "mois" && matches!(pair[1], "suivant" | "prochain"));
    let end_of_month = end_of_month || next_month;
    let mut days: Vec<u32> = Vec::new();
    let mut on_days: Vec<u32> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 3 {
            continue;
        }
        let suffix = &token[digits.len()..];
        let next = tokens.get(index + 1).copied().unwrap_or("");
        let previous = if index > 0 { tokens[index - 1] } else { "" };
        // « fin de mois le 10 », « le 1er du mois suivant »: a day of the month, after an end of month.
        if end_of_month && matches!(previous, "le" | "au") && matches!(suffix, "" | "er") {
            match digits.parse() {
                Ok(day @ 1..=31) => on_days.push(day),
                _ => return Reading::Nothing,
            }
            continue;
        }
        let alone = tokens.len() == 1;
        let says_days = matches!(suffix, "j" | "jours" | "jour" | "days" | "day" | "d" | "jfdm" | "fdm")
            || (suffix.is_empty() && (next.starts_with("jour") || next == "j" || next.starts_with("day")))
            || (suffix.is_empty() && previous == "net")
            || (suffix.is_empty() && matches!(next, "fin" | "fdm" | "eom" | "end"))
            || (suffix.is_empty() && alone);
        if says_days {
            match digits.parse() {
                Ok(value) => days.push(value),
                Err(_) => return Reading::Nothing,
            }
        }
    }
    days.dedup();
    on_days.dedup();
    let on_day = match on_days.as_slice() {
        [] => None,
        [day] => Some(*day),
        _ => return Reading::Ambiguous,
    };
    match days.as_slice() {
        [days] => Reading::Terms(PaymentTerms { days: *days, end_of_month }, on_day),
        [] if on_day.is_some() => Reading::Terms(PaymentTerms { days: 0, end_of_month: true }, on_day),
        [] if ["réception", "reception", "comptant", "immédiat", "immediat", "receipt"]
            .iter()
            .any(|w| lower.contains(w)) =>
        {
            Reading::Terms(PaymentTerms { days: 0, end_of_month: false }, None)
        }
        [] if end_of_month
            && tokens.iter().all(|t| ["fin", "de", "du", "mois", "fdm", "end", "of", "month", "eom"].contains(t)) =>
        {
            Reading::Terms(PaymentTerms { days: 0, end_of_month: true }, None)
        }
        [] => Reading::Nothing,
        _ => Reading::Ambiguous,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn end_of_month_terms_add_the_days_then_go_to_the_end_of_that_month() {
        // (issue, terms, due): 10 March + 45 days = 24 April → 30 April; 31 January + 30 days = 2 March →
        // 31 March; 15 December + 30 days = 14 January → 31 January of the next year; a leap February.
        let cases = [
            ("2026-03-10", PaymentTerms::end_of_month(45), "2026-04-30"),
            ("2026-01-31", PaymentTerms::end_of_month(30), "2026-03-31"),
            ("2026-12-15", PaymentTerms::end_of_month(30), "2027-01-31"),
            ("2028-01-20", PaymentTerms::end_of_month(30), "2028-02-29"),
            ("2026-03-10", PaymentTerms::days(30), "2026-04-09"),
            ("2026-03-10", PaymentTerms::days(0), "2026-03-10"),
            ("2026-03-10", PaymentTerms::end_of_month(0), "2026-03-31"),
        ];
        for (issue, terms, due) in cases {
            assert_eq!(terms.due_date(date(issue)), date(due), "{issue} {terms}");
        }
    }

    #[test]
    fn terms_are_read_from_what_people_write() {
        let cases = [
            ("30", Some(PaymentTerms::days(30))),
            ("30 jours", Some(PaymentTerms::days(30))),
            ("Paiement à 30 jours", Some(PaymentTerms::days(30))),
            ("Net 45", Some(PaymentTerms::days(45))),
            ("60J date de facture", Some(PaymentTerms::days(60))),
            ("45 jours fin de mois", Some(PaymentTerms::end_of_month(45))),
            ("45 fin de mois", Some(PaymentTerms::end_of_month(45))),
            ("45j FDM", Some(PaymentTerms::end_of_month(45))),
            ("45JFDM", Some(PaymentTerms::end_of_month(45))),
            ("30 days end of month", Some(PaymentTerms::end_of_month(30))),
            ("Payable à réception de facture", Some(PaymentTerms::days(0))),
            ("Comptant", Some(PaymentTerms::days(0))),
            ("Escompte 2 % à 10 jours, net à 30 jours", None),
            ("Selon contrat", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(WrittenTerms::read(text).and_then(|read| read.on_day), None, "{text}");
            assert_eq!(WrittenTerms::read(text).map(|read| read.terms), expected, "{text}");
        }
        assert_eq!(PaymentTerms::parse(" 45 jours fin de mois ").unwrap().label(), "45 jours fin de mois");
        assert!(PaymentTerms::parse("400 jours").unwrap_err().contains("dépasse un an"));
        assert!(PaymentTerms::parse("30 jours fin de mois le 10").unwrap_err().contains("fixe le jour du paiement"));
        assert!(PaymentTerms::parse("selon contrat").unwrap_err().contains("n'est pas un délai"));
        for terms in
            [PaymentTerms::days(30), PaymentTerms::end_of_month(45), PaymentTerms::days(0), PaymentTerms::days(1)]
        {
            assert_eq!(PaymentTerms::parse(&terms.label()), Ok(terms), "{terms}");
        }
    }

    /// Regression: « 30 jours fin de mois le 10 » gave the end of the month (30/11 for an invoice of
    /// 10/10) instead of the 10th after it, and « au 15 du mois suivant » was not read at all.
    #[test]
    fn terms_fixing_a_day_of_the_month_give_that_day_after_the_end_of_month() {
        let cases = [
            ("Paiement à 30 jours fin de mois le 10", "2026-10-10", "2026-12-10", "30 jours fin de mois le 10"),
            ("Paiement au 15 du mois suivant", "2026-10-10", "2026-11-15", "le 15 du mois suivant"),
            ("45 jours fin de mois, le 10", "2026-03-10", "2026-05-10", "45 jours fin de mois le 10"),
            ("Fin de mois le 31", "2027-01-10", "2027-02-28", "le 31 du mois suivant"),
            ("Le 1er du mois suivant", "2026-12-20", "2027-01-01", "le 1 du mois suivant"),
            ("30 jours fin de mois", "2026-10-10", "2026-11-30", "30 jours fin de mois"),
        ];
        for (text, issue, due, label) in cases {
            let read = WrittenTerms::read(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(read.due_date(date(issue)), date(due), "{text}");
            assert_eq!(read.label(), label, "{text}");
            assert_eq!(WrittenTerms::read(label), Some(read), "{label}");
        }
        assert_eq!(WrittenTerms::read("fin de mois le 10 ou le 20"), None);
    }
}
