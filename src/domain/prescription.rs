//! Prescription (law-fr.md): the date an unpaid invoice becomes time-barred, and what restarted its clock.
//!
//! - Between professionals the claim dies 5 years after it became payable, the due date (C. com. L110-4,
//!   C. civ. 2224). Against a consumer it dies 2 years after the service (C. consom. L218-2): Ardoise takes
//!   the invoice's issue date, the closest date it knows to the service.
//! - The clock restarts, for the same length, on the day of an acknowledgement of the debt (C. civ. 2240):
//!   a payment plan signed by the debtor, or a payment, even partial, allocated to the invoice; and on the
//!   day a claim is filed in court (C. civ. 2241), such as a requête en injonction de payer. A filing keeps
//!   the clock stopped until the proceedings end (C. civ. 2242), which Ardoise does not know: the date shown
//!   after a filing is the earliest the claim could die, never a later one.
//! - A mise en demeure restarts nothing (Cass. com. 18 May 2022).

use crate::domain::model::ClientKind;
use chrono::{Months, NaiveDate};
use serde::Serialize;

/// How far ahead a claim about to die is watched (the dashboard's list), in months.
pub const WATCH_MONTHS: u32 = 6;

/// What restarts the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Restart {
    /// A payment plan signed by the debtor: an acknowledgement (C. civ. 2240).
    PlanSigned,
    /// A payment allocated to the invoice: an acknowledgement (C. civ. 2240).
    Payment,
    /// A claim filed in court, an injonction de payer (C. civ. 2241).
    Filing,
}

impl Restart {
    /// The French words for it, as in « relancée par un règlement le 3 mars 2026 ».
    pub fn label(self) -> &'static str {
        match self {
            Restart::PlanSigned => "un échéancier signé (reconnaissance de dette)",
            Restart::Payment => "un règlement (reconnaissance de dette)",
            Restart::Filing => "une demande en justice",
        }
    }
}

/// One invoice's clock: when it started and what restarted it, oldest first, any order accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub restarts: Vec<(NaiveDate, Restart)>,
}

/// When an invoice becomes time-barred, and why that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Prescription {
    /// The day the claim can no longer be enforced (the last day it can be is the day before).
    pub time_barred_on: NaiveDate,
    /// 5 years between professionals, 2 against a consumer.
    pub years: u32,
    /// The day the clock last (re)started.
    pub counted_from: NaiveDate,
    /// What restarted it that day; None when it runs from the due date (or the issue date).
    pub restart: Option<Restart>,
    /// In French: « 5 ans depuis l'échéance du 13 octobre 2026 », « 2 ans depuis un règlement (reconnaissance
    /// de dette) le 3 mars 2026 ».
    pub basis: String,
}

/// How long a claim lives once its clock starts: 5 years between professionals (C. com. L110-4), 2 against
/// a consumer (C. consom. L218-2).
pub fn years(kind: ClientKind) -> u32 {
    match kind {
        ClientKind::Professional => 5,
        ClientKind::Consumer => 2,
    }
}

/// The prescription of one invoice as of `as_of` (restarts after that day are not counted).
pub fn prescription(kind: ClientKind, clock: &Clock, as_of: NaiveDate) -> Prescription {
    let years = years(kind);
    let (start, start_words) = match kind {
        ClientKind::Professional => (clock.due_date, "l'échéance"),
        ClientKind::Consumer => (clock.issue_date, "la facture (la prestation)"),
    };
    let restart = clock
        .restarts
        .iter()
        .filter(|(date, _)| *date <= as_of && *date >= start)
        .max_by_key(|(date, restart)| (*date, *restart as u8));
    let (counted_from, restart) = match restart {
        Some((date, restart)) => (*date, Some(*restart)),
        None => (start, None),
    };
    let basis = match restart {
        Some(restart) => {
            format!("{years} ans depuis {} le {}", restart.label(), crate::domain::calendar::format_long(counted_from))
        }
        None => format!("{years} ans depuis {start_words} du {}", crate::domain::calendar::format_long(counted_from)),
    };
    Prescription {
        // The day of the start is not counted and the last day is whole (C. civ. 2228, 2229): a claim of
        // 1 May 2023 for 2 years may be enforced until 1 May 2025 included, and is time-barred from the 2nd.
        time_barred_on: counted_from
            .checked_add_months(Months::new(12 * years))
            .and_then(|last| last.succ_opt())
            .unwrap_or(NaiveDate::MAX),
        years,
        counted_from,
        restart,
        basis,
    }
}

/// True when the claim dies within [`WATCH_MONTHS`] of `as_of`, or has died already.
pub fn watched(prescription: &Prescription, as_of: NaiveDate) -> bool {
    as_of.checked_add_months(Months::new(WATCH_MONTHS)).is_none_or(|horizon| prescription.time_barred_on <= horizon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_clock_runs_from_the_due_date_or_the_service_and_restarts_on_acknowledgements_and_filings() {
        let clock = |restarts: &[(&str, Restart)]| Clock {
            issue_date: date("2022-03-10"),
            due_date: date("2022-04-09"),
            restarts: restarts.iter().map(|(day, restart)| (date(day), *restart)).collect(),
        };
        let as_of = date("2026-11-22");
        // (kind, restarts, time-barred on, counted from)
        type Case<'a> = (ClientKind, &'a [(&'a str, Restart)], &'a str, &'a str);
        let cases: [Case; 6] = [
            (ClientKind::Professional, &[], "2027-04-10", "2022-04-09"),
            // A consumer's 2 years run from the invoice (the service), not from its due date.
            (ClientKind::Consumer, &[], "2024-03-11", "2022-03-10"),
            (ClientKind::Professional, &[("2023-01-15", Restart::Payment)], "2028-01-16", "2023-01-15"),
            (ClientKind::Consumer, &[("2023-12-01", Restart::PlanSigned)], "2025-12-02", "2023-12-01"),
            // The last restart counts; one after the date of the computation does not yet.
            (
                ClientKind::Consumer,
                &[("2024-02-01", Restart::Filing), ("2023-06-01", Restart::Payment), ("2027-01-01", Restart::Payment)],
                "2026-02-02",
                "2024-02-01",
            ),
            // A payment dated before the clock started restarts nothing.
            (ClientKind::Professional, &[("2022-04-01", Restart::Payment)], "2027-04-10", "2022-04-09"),
        ];
        for (kind, restarts, barred, from) in cases {
            let found = prescription(kind, &clock(restarts), as_of);
            assert_eq!((found.time_barred_on, found.counted_from), (date(barred), date(from)), "{kind:?} {restarts:?}");
        }
        let found = prescription(ClientKind::Professional, &clock(&[("2023-01-15", Restart::Payment)]), as_of);
        assert_eq!(found.basis, "5 ans depuis un règlement (reconnaissance de dette) le 15 janvier 2023");
        assert!(!watched(&found, as_of));
        assert!(
            watched(&prescription(ClientKind::Professional, &clock(&[]), as_of), as_of),
            "barred from 10 April 2027"
        );
    }
}
