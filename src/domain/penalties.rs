//! Late-payment interest and the 40 € recovery indemnity, as French law sets them (law-fr.md, F4): a pure
//! function of a client's late invoices, the rates table and a date. No SQL, no clock.
//!
//! The rules, per invoice whose due date is before `as_of` and whose amount is positive:
//! - B2B (C. com. L441-10 II): simple interest on the amount including VAT, `base × rate × days / 365`,
//!   from the day after the due date to the day the money arrives (that day counts) or to `as_of`. The
//!   rate is the invoice's contractual rate, else the ECB rate of the half-year + 10 points; a delay that
//!   spans half-years is split at each 1 January and 1 July. A contractual rate below 3 × the legal rate
//!   "autres cas" of a half-year gets a `rate_below_floor` warning (and is still used as agreed).
//! - A receipt dated D reduces the base from D + 1: a partial payment midway splits the period in two.
//! - A half-year whose needed rate is blank (or absent from the table) gives a period with `rate: None`
//!   and amount 0, and one `missing_rate` warning naming it: flagged, never guessed.
//! - 40 € indemnity (C. com. D441-5) per invoice that is or was late: due date passed with money still
//!   owed on the due date, even if paid late or in part since.
//! - An invoice paid in full by `as_of`, late, is not owed any more but its delay still earns interest to
//!   the day it was paid and its indemnity (F4.1, F4.2): it is listed apart, in `settled_late`, outside the
//!   totals (what is owed today, which letters claim), until that claim is time-barred
//!   (`prescription::years` after the payment that settled it). One whose delay earned nothing is left out.
//! - An invoice with something left to pay but less than the residual tolerance (`residual_tolerance`,
//!   « Réglages ») is a residual, not a debt being claimed: it is left out of the breakdown (no interest,
//!   no indemnity), with a `residual_below_tolerance` warning offering to write it off.
//! - Collective procedure: interest stops on the opening judgment's date (counted like a payment day,
//!   L622-28). The indemnity stays due for an invoice already late on that day, a claim born before the
//!   judgment and declared with it (L622-25); none for one falling due on or after it, whose payment at
//!   its due date the judgment forbids (C. com. L441-10 II: the indemnity cannot then be claimed).
//! - B2C (C. civ. 1231-6, 1344-1): no L441-10 penalties and no indemnity; interest at the legal rate
//!   "autres cas" of each half-year, only from the date the mise en demeure took effect (that day counts).
//!
//! Rounding: each period's amount is rounded to the cent, half away from zero (`money::round_cents`); an
//! invoice's interest is the sum of its rounded periods and the breakdown's the sum of its invoices', so
//! every figure shown adds up exactly.

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::calendar::{format_short, half_year_code, half_year_label, half_year_of};
use crate::domain::model::ClientKind;
use crate::domain::money::{cents, format_eur, round_cents};
use crate::domain::prescription;
use crate::domain::rates::{RateRow, RateTable};

/// The fixed indemnity for recovery costs between professionals, per late invoice (C. com. D441-5).
pub const RECOVERY_INDEMNITY: Decimal = Decimal::from_parts(4_000, 0, 0, false, 2);

/// One invoice as the computation needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenaltyInvoice {
    pub invoice_id: i64,
    pub number: String,
    pub due_date: NaiveDate,
    /// Including VAT.
    pub amount: Decimal,
    /// Annual percent, from `invoices.penalty_rate`, when the terms of sale set one.
    pub contractual_rate: Option<Decimal>,
    /// Money received for this invoice, dated, as counted on the computation date (receipts after `as_of`
    /// are ignored). Any order.
    pub receipts: Vec<(NaiveDate, Decimal)>,
}

/// Everything `compute` needs for one client.
#[derive(Debug, Clone, Serialize)]
pub struct PenaltyInput<'a> {
    /// Professional = B2B, Consumer = B2C.
    pub kind: ClientKind,
    pub invoices: &'a [PenaltyInvoice],
    /// B2C: the date the mise en demeure took effect (received, else sent).
    pub formal_notice: Option<NaiveDate>,
    /// The opening judgment of a collective procedure, if any.
    pub opening_judgment: Option<NaiveDate>,
    pub as_of: NaiveDate,
    /// Less than this left on an invoice is a residual: left out, with a warning (zero: none is).
    pub residual_tolerance: Decimal,
}

/// One client's penalty inputs as the ledger loads them (`Ledger::penalty_inputs`): owned, so that many
/// clients can be loaded at once and computed one by one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenaltyClient {
    pub client_id: i64,
    pub kind: ClientKind,
    /// Late invoices (or invoices that were late), oldest due date first.
    pub invoices: Vec<PenaltyInvoice>,
    pub formal_notice: Option<NaiveDate>,
    pub opening_judgment: Option<NaiveDate>,
}

impl PenaltyClient {
    /// The borrowed input of `compute` for this client on `as_of`, residuals under `residual_tolerance`
    /// left out.
    pub fn input(&self, as_of: NaiveDate, residual_tolerance: Decimal) -> PenaltyInput<'_> {
        PenaltyInput {
            kind: self.kind,
            invoices: &self.invoices,
            formal_notice: self.formal_notice,
            opening_judgment: self.opening_judgment,
            as_of,
            residual_tolerance,
        }
    }
}

/// What a client owes on `as_of` beyond the principal, and how it was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub as_of: NaiveDate,
    /// Unpaid principal of the late invoices on `as_of`.
    pub principal: Decimal,
    pub interest: Decimal,
    pub indemnity: Decimal,
    /// principal + interest + indemnity.
    pub total: Decimal,
    pub invoices: Vec<InvoicePenalty>,
    /// Invoices paid in full by `as_of`, late: what their delay still earns (each with `paid_on`), outside
    /// the totals above. Oldest due date first, as given.
    pub settled_late: Vec<InvoicePenalty>,
    /// The interest of `settled_late`.
    pub settled_late_interest: Decimal,
    /// The indemnities of `settled_late`.
    pub settled_late_indemnity: Decimal,
    pub warnings: Vec<Warning>,
}

/// One late invoice's share of the breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoicePenalty {
    pub invoice_id: i64,
    pub number: String,
    pub due_date: NaiveDate,
    /// The invoice's amount including VAT.
    pub amount: Decimal,
    /// What remains unpaid on `as_of`.
    pub principal: Decimal,
    /// Days from the due date to `as_of` (or to the day it was paid in full).
    pub days_late: i64,
    /// The day it was paid in full, when it was by `as_of` (an invoice of `settled_late`).
    pub paid_on: Option<NaiveDate>,
    pub periods: Vec<Period>,
    pub interest: Decimal,
    pub indemnity: Decimal,
}

/// A run of days at one rate on one base, inside one half-year. Both ends count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    /// "2026-S2".
    pub semester: String,
    /// Annual percent; None when the half-year's rate is missing from the table.
    pub rate: Option<Decimal>,
    pub base: Decimal,
    pub amount: Decimal,
}

/// Something the user must know about the figures, in French, with a stable code for programs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `missing_rate`, `rate_below_floor`, `floor_unknown`, `no_formal_notice`, `collective_procedure`,
    /// `residual_below_tolerance`.
    pub code: &'static str,
    pub message: String,
}

/// The breakdown of one client's penalties on `input.as_of`; see the module documentation for the rules
/// and the rounding. Invoices not yet due on `as_of`, and credit notes, are left out.
pub fn compute(input: &PenaltyInput<'_>, rates: &RateTable) -> Breakdown {
    let mut warnings = Warnings::default();
    let mut invoices = Vec::new();
    let mut settled_late = Vec::new();
    let in_procedure = input.opening_judgment.filter(|judgment| *judgment <= input.as_of);
    let interest_end = in_procedure.map_or(input.as_of, |judgment| judgment.min(input.as_of));
    for invoice in input.invoices {
        if invoice.amount <= Decimal::ZERO || invoice.due_date >= input.as_of {
            continue;
        }
        let received: Decimal =
            invoice.receipts.iter().filter(|(date, _)| *date <= input.as_of).map(|(_, amount)| *amount).sum();
        let left = invoice.amount - received;
        if left <= Decimal::ZERO {
            let Some(paid_on) = paid_in_full_on(invoice, input.as_of) else { continue };
            let barred = paid_on.checked_add_months(Months::new(12 * prescription::years(input.kind)));
            if paid_on <= invoice.due_date || barred.is_some_and(|barred| barred <= input.as_of) {
                continue;
            }
            // Its warnings (a missing rate) only count when the invoice is kept.
            let mut own = Warnings::default();
            let mut settled = compute_invoice(input, invoice, in_procedure, interest_end, rates, &mut own);
            if settled.interest + settled.indemnity > Decimal::ZERO {
                settled.paid_on = Some(paid_on);
                warnings.absorb(own);
                settled_late.push(settled);
            }
            continue;
        }
        if left > Decimal::ZERO && left < input.residual_tolerance {
            warnings.push(
                "residual_below_tolerance",
                (invoice.invoice_id, 0),
                format!(
                    "Facture {} : il reste {}, sous la tolérance de {} : ni relance ni indemnité. Vous pouvez \
                     abandonner ce reliquat depuis la fiche du client.",
                    invoice.number,
                    format_eur(left),
                    format_eur(input.residual_tolerance)
                ),
            );
            continue;
        }
        invoices.push(compute_invoice(input, invoice, in_procedure, interest_end, rates, &mut warnings));
    }
    if !invoices.is_empty() {
        if let Some(judgment) = in_procedure {
            warnings.push(
                "collective_procedure",
                (0, 0),
                format!(
                    "Procédure collective ouverte le {} : les intérêts s'arrêtent à cette date ; l'indemnité de \
                     40 € reste due pour chaque facture déjà en retard ce jour-là, pas pour les autres.",
                    format_short(judgment)
                ),
            );
        }
        if input.kind == ClientKind::Consumer && input.formal_notice.is_none_or(|notice| notice > input.as_of) {
            warnings.push(
                "no_formal_notice",
                (0, 0),
                "Client particulier sans mise en demeure : aucun intérêt ne court avant elle (C. civ. 1231-6), et \
                 aucune indemnité de 40 € n'est due."
                    .to_string(),
            );
        }
    }
    let principal = cents(invoices.iter().map(|i| i.principal).sum());
    let interest = cents(invoices.iter().map(|i| i.interest).sum());
    let indemnity = cents(invoices.iter().map(|i| i.indemnity).sum());
    Breakdown {
        as_of: input.as_of,
        principal,
        interest,
        indemnity,
        total: principal + interest + indemnity,
        invoices,
        settled_late_interest: cents(settled_late.iter().map(|i| i.interest).sum()),
        settled_late_indemnity: cents(settled_late.iter().map(|i| i.indemnity).sum()),
        settled_late,
        warnings: warnings.list,
    }
}

/// The day the receipts counted on `as_of` first cover the whole invoice; None if they never do.
fn paid_in_full_on(invoice: &PenaltyInvoice, as_of: NaiveDate) -> Option<NaiveDate> {
    let mut receipts: Vec<(NaiveDate, Decimal)> =
        invoice.receipts.iter().copied().filter(|(date, _)| *date <= as_of).collect();
    receipts.sort_by_key(|(date, _)| *date);
    let mut received = Decimal::ZERO;
    receipts.into_iter().find_map(|(date, amount)| {
        received += amount;
        (received >= invoice.amount).then_some(date)
    })
}

impl Breakdown {
    /// Every invoice's periods in order, with the invoice they belong to.
    pub fn periods(&self) -> impl Iterator<Item = (&InvoicePenalty, &Period)> {
        self.invoices.iter().flat_map(|invoice| invoice.periods.iter().map(move |period| (invoice, period)))
    }
}

fn compute_invoice(
    input: &PenaltyInput<'_>,
    invoice: &PenaltyInvoice,
    in_procedure: Option<NaiveDate>,
    interest_end: NaiveDate,
    rates: &RateTable,
    warnings: &mut Warnings,
) -> InvoicePenalty {
    let mut receipts: Vec<(NaiveDate, Decimal)> =
        invoice.receipts.iter().copied().filter(|(date, _)| *date <= input.as_of).collect();
    receipts.sort_by_key(|(date, _)| *date);
    let received: Decimal = receipts.iter().map(|(_, amount)| *amount).sum();
    let principal = (invoice.amount - received).max(Decimal::ZERO);
    let paid_by = |day: NaiveDate| -> Decimal {
        receipts.iter().take_while(|(date, _)| *date <= day).map(|(_, amount)| *amount).sum()
    };
    let was_late = invoice.amount - paid_by(invoice.due_date) > Decimal::ZERO;
    let day_after_due = invoice.due_date + Days::new(1);
    let mut days_late = (input.as_of - invoice.due_date).num_days();
    if principal.is_zero() {
        if let Some((last, _)) = receipts.last() {
            days_late = (*last - invoice.due_date).num_days().max(0);
        }
    }

    let start = match input.kind {
        ClientKind::Professional => Some(day_after_due),
        ClientKind::Consumer => input.formal_notice.map(|notice| notice.max(day_after_due)),
    };
    let mut periods = Vec::new();
    if let Some(start) = start.filter(|start| *start <= interest_end) {
        let rate_of = |row: Option<&RateRow>| -> Option<Decimal> {
            match input.kind {
                ClientKind::Professional => match invoice.contractual_rate {
                    Some(rate) => Some(rate),
                    None => row.and_then(RateRow::default_b2b_rate),
                },
                ClientKind::Consumer => row.and_then(|row| row.legal_rate_other),
            }
        };
        let mut base = invoice.amount - paid_by(start - Days::new(1));
        let mut next_receipt = receipts.partition_point(|(date, _)| *date < start);
        let mut cursor = start;
        while cursor <= interest_end && base > Decimal::ZERO {
            let (_, half_year_end) = half_year_of(cursor);
            let mut to = half_year_end.min(interest_end);
            if let Some((receipt_date, _)) = receipts.get(next_receipt) {
                to = to.min(*receipt_date);
            }
            let row = rates.row_for(cursor);
            let rate = rate_of(row);
            let days = (to - cursor).num_days() + 1;
            let semester = half_year_code(cursor);
            let amount = match rate {
                Some(rate) => period_interest(base, rate, days),
                None => {
                    warnings.missing_rate(input.kind, cursor, &semester);
                    cents(Decimal::ZERO)
                }
            };
            if let (ClientKind::Professional, Some(contractual)) = (input.kind, invoice.contractual_rate) {
                warnings.check_floor(invoice, contractual, row, cursor, &semester);
            }
            periods.push(Period { from: cursor, to, days, semester, rate, base, amount });
            while let Some((receipt_date, amount)) = receipts.get(next_receipt) {
                if *receipt_date > to {
                    break;
                }
                base -= *amount;
                next_receipt += 1;
            }
            cursor = to + Days::new(1);
        }
    }
    let interest = cents(periods.iter().map(|p| p.amount).sum());
    // Late before the opening judgment, its indemnity was due before it; falling due after, never.
    let due_before_procedure = in_procedure.is_none_or(|opening| invoice.due_date < opening);
    let indemnity = if input.kind == ClientKind::Professional && due_before_procedure && was_late {
        cents(RECOVERY_INDEMNITY)
    } else {
        cents(Decimal::ZERO)
    };
    InvoicePenalty {
        invoice_id: invoice.invoice_id,
        number: invoice.number.clone(),
        due_date: invoice.due_date,
        amount: invoice.amount,
        principal: cents(principal),
        days_late,
        paid_on: None,
        periods,
        interest,
        indemnity,
    }
}

/// `base × rate × days / 36500`, rounded to the cent half away from zero. Amounts in cents and rates with
/// up to 6 decimals (every real case) are computed exactly in integers, which is much faster than decimal
/// division; anything else goes through `Decimal`, with the same result.
fn period_interest(base: Decimal, rate: Decimal, days: i64) -> Decimal {
    if base.scale() <= 2 && rate.scale() <= 6 && !base.is_sign_negative() && !rate.is_sign_negative() {
        // cents = base_cents × rate / 36500 × days = base_cents × rate_units × days / (36500 × 10^scale).
        let numerator = base
            .mantissa()
            .checked_mul(10_i128.pow(2 - base.scale()))
            .and_then(|base_cents| base_cents.checked_mul(rate.mantissa()))
            .and_then(|n| n.checked_mul(i128::from(days)));
        if let Some(numerator) = numerator {
            let denominator = 36_500 * 10_i128.pow(rate.scale());
            let (quotient, remainder) = (numerator / denominator, numerator % denominator);
            let cents = if 2 * remainder >= denominator { quotient + 1 } else { quotient };
            if let Ok(cents) = i64::try_from(cents) {
                return Decimal::new(cents, 2);
            }
        }
    }
    round_cents(base * rate * Decimal::from(days) / DAYS_PERCENT)
}

/// 100 (percent) × 365 (days a year, leap years included: actual days / 365).
const DAYS_PERCENT: Decimal = Decimal::from_parts(36_500, 0, 0, false, 0);

/// Warnings said once each: keyed by code and what they are about, so 100,000 invoices in one missing
/// half-year give one warning, formatted once.
#[derive(Default)]
struct Warnings {
    list: Vec<Warning>,
    seen: Vec<(&'static str, (i64, i64))>,
}

impl Warnings {
    fn push(&mut self, code: &'static str, key: (i64, i64), message: String) {
        if !self.seen.contains(&(code, key)) {
            self.seen.push((code, key));
            self.list.push(Warning { code, message });
        }
    }

    /// Takes in another list's warnings, each still said once.
    fn absorb(&mut self, other: Warnings) {
        for (key, warning) in other.seen.into_iter().zip(other.list) {
            self.push(key.0, key.1, warning.message);
        }
    }

    fn half_year_key(date: NaiveDate) -> i64 {
        let (start, _) = half_year_of(date);
        start.num_days_from_ce() as i64
    }

    fn missing_rate(&mut self, kind: ClientKind, date: NaiveDate, semester: &str) {
        let key = (0, Self::half_year_key(date));
        if self.seen.contains(&("missing_rate", key)) {
            return;
        }
        let which = match kind {
            ClientKind::Professional => "le taux BCE",
            ClientKind::Consumer => "le taux légal (autres cas)",
        };
        self.push(
            "missing_rate",
            key,
            format!(
                "Taux manquant pour le {} ({semester}) : {which} n'est pas connu, les intérêts de ce semestre ne \
                 sont pas calculés. Saisissez-le dans les taux d'intérêt légaux.",
                half_year_label(date)
            ),
        );
    }

    fn check_floor(
        &mut self,
        invoice: &PenaltyInvoice,
        contractual: Decimal,
        row: Option<&RateRow>,
        date: NaiveDate,
        semester: &str,
    ) {
        let key = (invoice.invoice_id, Self::half_year_key(date));
        if self.seen.contains(&("rate_below_floor", key)) || self.seen.contains(&("floor_unknown", key)) {
            return;
        }
        match row.and_then(|row| row.legal_rate_other) {
            Some(legal) if contractual < legal * crate::domain::rates::FLOOR_MULTIPLIER => self.push(
                "rate_below_floor",
                key,
                format!(
                    "Facture {} : le taux contractuel de {} est inférieur au minimum légal de {} (3 × le taux \
                     légal de {}) au {} ({semester}).",
                    invoice.number,
                    percent(contractual),
                    percent(legal * crate::domain::rates::FLOOR_MULTIPLIER),
                    percent(legal),
                    half_year_label(date)
                ),
            ),
            Some(_) => {}
            None => self.push(
                "floor_unknown",
                key,
                format!(
                    "Facture {} : le taux légal du {} ({semester}) manque, le minimum du taux contractuel ne peut \
                     pas être vérifié.",
                    invoice.number,
                    half_year_label(date)
                ),
            ),
        }
    }
}

/// "12,15 %".
pub fn percent(rate: Decimal) -> String {
    format!("{} %", rate.normalize().to_string().replace('.', ","))
}

/// A French one-line summary for the command line:
/// "1 000,00 € de principal + 92,62 € d'intérêts + 40,00 € d'indemnités = 1 132,62 €".
pub fn summary(breakdown: &Breakdown) -> String {
    format!(
        "{} de principal + {} d'intérêts + {} d'indemnités = {}",
        format_eur(breakdown.principal),
        format_eur(breakdown.interest),
        format_eur(breakdown.indemnity),
        format_eur(breakdown.total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn invoice(number: &str, due: NaiveDate, amount: &str) -> PenaltyInvoice {
        PenaltyInvoice {
            invoice_id: number.bytes().map(i64::from).sum(),
            number: number.to_string(),
            due_date: due,
            amount: dec(amount),
            contractual_rate: None,
            receipts: Vec::new(),
        }
    }

    fn b2b(invoices: &[PenaltyInvoice], as_of: NaiveDate) -> Breakdown {
        let input = PenaltyInput {
            kind: ClientKind::Professional,
            invoices,
            formal_notice: None,
            opening_judgment: None,
            as_of,
            residual_tolerance: Decimal::ZERO,
        };
        compute(&input, &RateTable::default_fr())
    }

    /// (from, to, days, rate, base, amount) of every period, for compact assertions.
    fn periods(breakdown: &Breakdown) -> Vec<(NaiveDate, NaiveDate, i64, Option<Decimal>, Decimal, Decimal)> {
        breakdown.periods().map(|(_, p)| (p.from, p.to, p.days, p.rate, p.base, p.amount)).collect()
    }

    fn totals(breakdown: &Breakdown) -> [Decimal; 4] {
        [breakdown.principal, breakdown.interest, breakdown.indemnity, breakdown.total]
    }

    fn codes(breakdown: &Breakdown) -> Vec<&'static str> {
        breakdown.warnings.iter().map(|w| w.code).collect()
    }

    #[test]
    fn a_delay_spanning_three_half_years_uses_each_rate() {
        // 1 000,00 € due 30/11/2024, unpaid on 15/08/2025. ECB + 10 points each half-year:
        // 2024-S2 01/12–31/12/2024:  31 days × 14,25 % → 1000 × 0,1425 × 31 / 365 = 12,1027 → 12,10
        // 2025-S1 01/01–30/06/2025: 181 days × 13,15 % → 1000 × 0,1315 × 181 / 365 = 65,2096 → 65,21
        // 2025-S2 01/07–15/08/2025:  46 days × 12,15 % → 1000 × 0,1215 × 46 / 365 = 15,3123 → 15,31
        // interest 92,62; indemnity 40; total 1000 + 92,62 + 40 = 1 132,62.
        let result = b2b(&[invoice("F-1", date(2024, 11, 30), "1000.00")], date(2025, 8, 15));
        let base = dec("1000.00");
        assert_eq!(
            periods(&result),
            [
                (date(2024, 12, 1), date(2024, 12, 31), 31, Some(dec("14.25")), base, dec("12.10")),
                (date(2025, 1, 1), date(2025, 6, 30), 181, Some(dec("13.15")), base, dec("65.21")),
                (date(2025, 7, 1), date(2025, 8, 15), 46, Some(dec("12.15")), base, dec("15.31")),
            ]
        );
        assert_eq!(totals(&result), [dec("1000"), dec("92.62"), dec("40"), dec("1132.62")]);
        assert_eq!(result.invoices[0].days_late, 258);
        assert!(result.warnings.is_empty());
        let semesters: Vec<&str> = result.periods().map(|(_, p)| p.semester.as_str()).collect();
        assert_eq!(semesters, ["2024-S2", "2025-S1", "2025-S2"]);
    }

    #[test]
    fn a_partial_payment_midway_splits_the_period() {
        // 2 400,00 € due 31/01/2026, 1 000,00 € received 02/03/2026, as of 30/04/2026, 12,15 % (2026-S1):
        // 01/02–02/03: 30 days on 2 400 → 2400 × 0,1215 × 30 / 365 = 23,9671 → 23,97
        // 03/03–30/04: 59 days on 1 400 → 1400 × 0,1215 × 59 / 365 = 27,4956 → 27,50
        // interest 51,47; the indemnity is due even after the partial payment: 40; total 1400 + 51,47 + 40.
        let mut late = invoice("F-2", date(2026, 1, 31), "2400.00");
        late.receipts = vec![(date(2026, 3, 2), dec("1000.00"))];
        let result = b2b(&[late], date(2026, 4, 30));
        let rate = Some(dec("12.15"));
        assert_eq!(
            periods(&result),
            [
                (date(2026, 2, 1), date(2026, 3, 2), 30, rate, dec("2400"), dec("23.97")),
                (date(2026, 3, 3), date(2026, 4, 30), 59, rate, dec("1400"), dec("27.50")),
            ]
        );
        assert_eq!(totals(&result), [dec("1400"), dec("51.47"), dec("40"), dec("1491.47")]);
    }

    #[test]
    fn interest_stops_on_the_payment_day_and_the_indemnity_stays() {
        // 300,00 € due 31/01/2026, paid in full 10/02/2026: 01/02–10/02, 10 days at 12,15 %
        // → 300 × 0,1215 × 10 / 365 = 0,9986 → 1,00. Principal 0, indemnity 40 (it was late).
        let mut paid_late = invoice("F-3", date(2026, 1, 31), "300.00");
        paid_late.receipts = vec![(date(2026, 2, 10), dec("300.00"))];
        // Paid on its due date: never late, nothing at all.
        let mut on_time = invoice("F-4", date(2026, 1, 31), "500.00");
        on_time.receipts = vec![(date(2026, 1, 31), dec("500.00"))];
        // A receipt after the computation date does not count yet.
        let mut paid_later = invoice("F-5", date(2026, 6, 20), "100.00");
        paid_later.receipts = vec![(date(2026, 7, 15), dec("100.00"))];
        let result = b2b(&[paid_late, on_time, paid_later], date(2026, 6, 30));
        // F-3 is owed no more: listed apart, outside the totals, with what its delay earned.
        let [first] = result.settled_late.as_slice() else { panic!("{:?}", result.settled_late) };
        assert_eq!(
            (first.principal, first.interest, first.indemnity, first.days_late, first.paid_on),
            (dec("0"), dec("1.00"), dec("40"), 10, Some(date(2026, 2, 10)))
        );
        assert_eq!(
            first.periods.iter().map(|p| (p.from, p.to, p.days, p.rate, p.base, p.amount)).collect::<Vec<_>>(),
            [(date(2026, 2, 1), date(2026, 2, 10), 10, Some(dec("12.15")), dec("300"), dec("1.00"))]
        );
        assert_eq!((result.settled_late_interest, result.settled_late_indemnity), (dec("1.00"), dec("40")));
        // F-4 is nowhere. F-5: 21/06–30/06, 10 days on 100 at 12,15 % → 100 × 0,1215 × 10 / 365 = 0,3329 → 0,33.
        let numbers: Vec<&str> = result.invoices.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["F-5"]);
        let owed = &result.invoices[0];
        assert_eq!((owed.principal, owed.interest, owed.indemnity), (dec("100"), dec("0.33"), dec("40")));
        assert_eq!(totals(&result), [dec("100"), dec("0.33"), dec("40"), dec("140.33")]);
    }

    #[test]
    fn a_contractual_rate_replaces_the_ecb_rate_and_is_checked_against_the_floor() {
        // 500,00 € due 31/03/2026, as of 30/06/2026: 01/04–30/06 = 30 + 31 + 30 = 91 days.
        // At 15 %: 500 × 0,15 × 91 / 365 = 18,6986 → 18,70 (above the floor 3 × 2,62 = 7,86 %: no warning).
        // At 5 %:  500 × 0,05 × 91 / 365 = 6,2329 → 6,23, with a warning: 5 % < 7,86 %.
        let mut agreed = invoice("F-6", date(2026, 3, 31), "500.00");
        agreed.contractual_rate = Some(dec("15"));
        let result = b2b(std::slice::from_ref(&agreed), date(2026, 6, 30));
        assert_eq!(
            periods(&result),
            [(date(2026, 4, 1), date(2026, 6, 30), 91, Some(dec("15")), dec("500"), dec("18.70"))]
        );
        assert!(result.warnings.is_empty());

        agreed.contractual_rate = Some(dec("5"));
        let result = b2b(&[agreed], date(2026, 6, 30));
        assert_eq!(result.interest, dec("6.23"));
        assert_eq!(codes(&result), ["rate_below_floor"]);
        assert_eq!(
            result.warnings[0].message,
            "Facture F-6 : le taux contractuel de 5 % est inférieur au minimum légal de 7,86 % (3 × le taux légal \
             de 2,62 %) au 1er semestre 2026 (2026-S1)."
        );
    }

    #[test]
    fn a_missing_half_year_rate_is_flagged_never_guessed() {
        // 1 000,00 € due 31/05/2026, as of 22/11/2026 with the default table (2026-S2 blank):
        // 01/06–30/06/2026: 30 days at 12,15 % → 1000 × 0,1215 × 30 / 365 = 9,9863 → 9,99
        // 01/07–22/11/2026: 31 + 31 + 30 + 31 + 22 = 145 days, rate unknown → 0, flagged.
        let invoices = [invoice("F-7", date(2026, 5, 31), "1000.00"), invoice("F-8", date(2026, 8, 31), "200.00")];
        let result = b2b(&invoices, date(2026, 11, 22));
        let base = dec("1000");
        assert_eq!(
            periods(&result),
            [
                (date(2026, 6, 1), date(2026, 6, 30), 30, Some(dec("12.15")), base, dec("9.99")),
                (date(2026, 7, 1), date(2026, 11, 22), 145, None, base, dec("0")),
                (date(2026, 9, 1), date(2026, 11, 22), 83, None, dec("200"), dec("0")),
            ]
        );
        assert_eq!(totals(&result), [dec("1200"), dec("9.99"), dec("80"), dec("1289.99")]);
        assert_eq!(codes(&result), ["missing_rate"], "one warning for the half-year, not one per invoice");
        assert!(result.warnings[0].message.starts_with("Taux manquant pour le 2e semestre 2026 (2026-S2)"));

        // Once the user enters the rate, the period is computed: 01/07–22/11, 145 days at 2 + 10 = 12 %
        // → 1000 × 0,12 × 145 / 365 = 47,6712 → 47,67.
        let mut rates = RateTable::default_fr();
        let last = rates.rows.last_mut().unwrap();
        (last.ecb_rate, last.legal_rate_other) = (Some(dec("2")), Some(dec("2.5")));
        let input = PenaltyInput {
            kind: ClientKind::Professional,
            invoices: &invoices[..1],
            formal_notice: None,
            opening_judgment: None,
            as_of: date(2026, 11, 22),
            residual_tolerance: Decimal::ZERO,
        };
        let result = compute(&input, &rates);
        assert_eq!(result.interest, dec("9.99") + dec("47.67"));
        assert!(result.warnings.is_empty());
    }

    #[test]
    fn a_consumer_owes_legal_interest_only_from_the_formal_notice() {
        // 800,00 € due 15/02/2026, mise en demeure received 10/04/2026, as of 30/06/2026:
        // 10/04–30/06 = 21 + 31 + 30 = 82 days at the legal rate "autres cas" 2,62 %
        // → 800 × 0,0262 × 82 / 365 = 4,7088 → 4,71. No 40 € indemnity for a consumer.
        let invoices = [invoice("F-9", date(2026, 2, 15), "800.00")];
        let mut input = PenaltyInput {
            kind: ClientKind::Consumer,
            invoices: &invoices,
            formal_notice: Some(date(2026, 4, 10)),
            opening_judgment: None,
            as_of: date(2026, 6, 30),
            residual_tolerance: Decimal::ZERO,
        };
        let result = compute(&input, &RateTable::default_fr());
        assert_eq!(
            periods(&result),
            [(date(2026, 4, 10), date(2026, 6, 30), 82, Some(dec("2.62")), dec("800"), dec("4.71"))]
        );
        assert_eq!(totals(&result), [dec("800"), dec("4.71"), dec("0"), dec("804.71")]);
        assert!(result.warnings.is_empty());

        input.formal_notice = None;
        let result = compute(&input, &RateTable::default_fr());
        assert_eq!(totals(&result), [dec("800"), dec("0"), dec("0"), dec("800")]);
        assert!(result.invoices[0].periods.is_empty());
        assert_eq!(codes(&result), ["no_formal_notice"]);

        // A notice dated after the computation date does not count yet.
        input.formal_notice = Some(date(2026, 7, 2));
        assert_eq!(compute(&input, &RateTable::default_fr()).interest, dec("0"));
    }

    #[test]
    fn an_opening_judgment_stops_interest_and_the_indemnity_of_invoices_falling_due_after_it() {
        // 1 000,00 € due 31/01/2026, judgment 15/03/2026, as of 30/06/2026:
        // 01/02–15/03 = 28 + 15 = 43 days at 12,15 % → 1000 × 0,1215 × 43 / 365 = 14,3137 → 14,31; late
        // before the judgment, its 40 € was due before it and is declared with it. 500,00 € due 31/03/2026,
        // after the judgment: no interest, and no indemnity (its payment at its due date was forbidden).
        let invoices = [invoice("F-10", date(2026, 1, 31), "1000.00"), invoice("F-10b", date(2026, 3, 31), "500.00")];
        let mut input = PenaltyInput {
            kind: ClientKind::Professional,
            invoices: &invoices,
            formal_notice: None,
            opening_judgment: Some(date(2026, 3, 15)),
            as_of: date(2026, 6, 30),
            residual_tolerance: Decimal::ZERO,
        };
        let result = compute(&input, &RateTable::default_fr());
        assert_eq!(
            periods(&result),
            [(date(2026, 2, 1), date(2026, 3, 15), 43, Some(dec("12.15")), dec("1000"), dec("14.31"))]
        );
        assert_eq!(totals(&result), [dec("1500"), dec("14.31"), dec("40"), dec("1554.31")]);
        assert_eq!(result.invoices[1].indemnity, dec("0"));
        assert_eq!(codes(&result), ["collective_procedure"]);

        // Computed on the judgment's day, the same figures for what was due then.
        input.as_of = date(2026, 3, 15);
        let result = compute(&input, &RateTable::default_fr());
        assert_eq!(totals(&result), [dec("1000"), dec("14.31"), dec("40"), dec("1054.31")]);

        // Computed before the judgment, the procedure does not exist yet: 01/02–28/02, 28 days
        // → 1000 × 0,1215 × 28 / 365 = 9,3205 → 9,32, and the indemnity is due.
        input.as_of = date(2026, 2, 28);
        let result = compute(&input, &RateTable::default_fr());
        assert_eq!(totals(&result), [dec("1000"), dec("9.32"), dec("40"), dec("1049.32")]);
    }

    #[test]
    fn invoices_not_yet_due_and_credit_notes_are_left_out() {
        let invoices = [invoice("F-11", date(2026, 11, 22), "100.00"), invoice("A-1", date(2026, 1, 1), "-50.00")];
        let result = b2b(&invoices, date(2026, 11, 22));
        assert!(result.invoices.is_empty());
        assert_eq!(totals(&result), [dec("0"); 4]);
    }

    #[test]
    fn the_breakdown_serializes_decimals_as_strings_and_dates_as_iso() {
        let result = b2b(&[invoice("F-12", date(2026, 5, 31), "10.00")], date(2026, 6, 30));
        let json = serde_json::to_value(&result).unwrap();
        assert_eq!(json["as_of"], "2026-06-30");
        assert_eq!(json["indemnity"], "40.00");
        assert_eq!(json["invoices"][0]["periods"][0]["amount"], "0.10"); // 10 × 0,1215 × 30 / 365 = 0,0999
        assert_eq!(json["invoices"][0]["periods"][0]["from"], "2026-06-01");
        assert_eq!(json["invoices"][0]["periods"][0]["rate"], "12.15");
        assert_eq!(percent(dec("12.150")), "12,15 %");
    }
}

#[cfg(test)]
mod arithmetic {
    use super::*;

    #[test]
    fn the_integer_path_rounds_exactly_like_decimals() {
        let cases = [
            ("1000.00", "12.15", 31),
            ("2400", "12.15", 30),
            ("0.01", "0.005", 1),
            ("999999999.99", "99.9999", 3650),
            ("500.00", "5", 91),
            ("1234.5", "7.123456", 17),
            ("12.34", "2.62", 182),
            ("0.00", "12.15", 10),
        ];
        for (base, rate, days) in cases {
            let (base, rate): (Decimal, Decimal) = (base.parse().unwrap(), rate.parse().unwrap());
            let by_decimals = round_cents(base * rate * Decimal::from(days) / DAYS_PERCENT);
            assert_eq!(period_interest(base, rate, days), by_decimals, "{base} × {rate} % × {days} days");
        }
        // 182,50 € at 1 % for one day is exactly half a cent (182,50 / 36500 = 0,005): rounded up to 0,01;
        // 18,25 € gives 0,0005: rounded down to 0,00.
        assert_eq!(period_interest(Decimal::new(18_250, 2), Decimal::ONE, 1), Decimal::new(1, 2));
        assert_eq!(period_interest(Decimal::new(1825, 2), Decimal::ONE, 1), Decimal::new(0, 2));
    }
}
