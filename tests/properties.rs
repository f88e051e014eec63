//! Property tests (issue 8): over thousands of random cases, an amount survives display and parsing; the
//! late-payment interest split by half-year equals a naive day-by-day sum; settling payments and credits
//! never creates or loses a cent.

use ardoise::domain::allocation::{allocate_oldest_first, Receivable};
use ardoise::domain::figures::settle;
use ardoise::domain::figures::{ClientTotals, OpenInvoice};
use ardoise::domain::model::ClientKind;
use ardoise::domain::money::{
    format_eur, format_eur_ascii, format_number, from_cents, parse_amount, to_cents, MAX_AMOUNT,
};
use ardoise::domain::penalties::{compute, PenaltyInput, PenaltyInvoice};
use ardoise::domain::rates::RateTable;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Whole cents from −MAX_AMOUNT to MAX_AMOUNT, small amounts (where grouping changes) more often.
fn cents() -> impl Strategy<Value = i64> {
    let max = to_cents(MAX_AMOUNT);
    prop_oneof![-100_000_i64..=100_000, -max..=max, Just(max), Just(-max), Just(0)]
}

proptest! {
    #![proptest_config(config(4000))]

    /// Both French displays of an amount read back to the same amount, at every scale up to the cent.
    #[test]
    fn amounts_survive_display_and_parsing(cents in cents(), scale in 0_u32..=2) {
        // Drop the digits the scale cannot hold, so the value itself has `scale` decimals.
        let unit = 10_i64.pow(2 - scale);
        let value = Decimal::new(cents / unit, scale);
        prop_assert_eq!(parse_amount(&format_eur(value)), Ok(value));
        prop_assert_eq!(parse_amount(&format_eur_ascii(value)), Ok(value));
        prop_assert_eq!(parse_amount(&format_number(value, '.')), Ok(value));
        prop_assert_eq!(parse_amount(&value.to_string()), Ok(value));
        prop_assert_eq!(from_cents(to_cents(value)), value);
        let negated = parse_amount(&format!("({})", format_eur_ascii(value.abs())));
        if value.is_zero() {
            prop_assert_eq!(negated, Ok(Decimal::ZERO));
        } else {
            prop_assert_eq!(negated, Ok(-value.abs()));
        }
    }

    /// A displayed amount always has two decimals and a comma, and a minus sign only when negative.
    #[test]
    fn display_is_canonical(cents in cents()) {
        let value = from_cents(cents);
        let shown = format_eur_ascii(value);
        prop_assert!(shown.ends_with(" €"));
        let number = shown.trim_end_matches(" €");
        let (_, fraction) = number.rsplit_once(',').expect("a decimal comma");
        prop_assert_eq!(fraction.len(), 2);
        prop_assert_eq!(number.starts_with('-'), cents < 0);
    }

    /// Allocating a payment oldest first never creates or loses a cent: the payment equals what was
    /// allocated plus what is left as credit; no invoice gets more than it owes; money is left over only
    /// when every invoice is settled.
    #[test]
    fn allocation_keeps_every_cent(
        owed in prop::collection::vec(-50_000_i64..=500_000, 0..12),
        paid in -10_000_i64..=3_000_000,
    ) {
        let open: Vec<Receivable> = owed
            .iter()
            .enumerate()
            .map(|(index, cents)| Receivable {
                invoice_id: index as i64 + 1,
                number: format!("F{}", index + 1),
                remaining: from_cents(*cents),
            })
            .collect();
        let amount = from_cents(paid);
        let allocations = allocate_oldest_first(&open, amount);
        let allocated: Decimal = allocations.iter().map(|a| a.amount).sum();
        let left = if amount > Decimal::ZERO { amount - allocated } else { Decimal::ZERO };
        prop_assert_eq!(amount.max(Decimal::ZERO), allocated + left);
        prop_assert!(left >= Decimal::ZERO);
        let owed_total: Decimal = open.iter().map(|r| r.remaining.max(Decimal::ZERO)).sum();
        prop_assert_eq!(allocated, amount.max(Decimal::ZERO).min(owed_total));
        let mut previous = 0;
        for allocation in &allocations {
            let receivable = open.iter().find(|r| r.invoice_id == allocation.invoice_id).expect("an open invoice");
            prop_assert!(allocation.amount > Decimal::ZERO && allocation.amount <= receivable.remaining);
            prop_assert!(allocation.amount.scale() <= 2);
            prop_assert!(allocation.invoice_id > previous, "oldest first, each invoice once");
            previous = allocation.invoice_id;
        }
        // Every invoice before the last one touched is settled in full.
        for receivable in open.iter().filter(|r| r.invoice_id < previous && r.remaining > Decimal::ZERO) {
            let part = allocations.iter().find(|a| a.invoice_id == receivable.invoice_id).map(|a| a.amount);
            prop_assert_eq!(part, Some(receivable.remaining));
        }
    }

    /// Settling credits (credit notes, then unallocated payments) against invoices never creates or loses a
    /// cent, client by client: credits in = credits used + credit left; each invoice's remaining plus what
    /// credits covered equals what it owed; the balance is what is owed less every credit.
    #[test]
    fn settlement_keeps_every_cent(
        invoices in prop::collection::vec((1_i64..=4, -100_000_i64..=300_000, 0_u64..400), 0..16),
        unallocated in prop::collection::vec(0_i64..=400_000, 4),
    ) {
        let mut open: Vec<OpenInvoice> = invoices
            .iter()
            .enumerate()
            .map(|(index, (client, cents, day))| OpenInvoice {
                invoice_id: index as i64 + 1,
                client_id: *client,
                due_date: date(2026, 1, 1) + Days::new(*day),
                remaining: from_cents(*cents),
                // A credit note names some invoice: often another client's or another credit note, which
                // the rule must pass over.
                corrects: (*cents < 0).then(|| (*day as i64 % invoices.len() as i64) + 1),
                replaced: false,
                written_off: false,


            })
            .collect();
        open.sort_by_key(|invoice| (invoice.client_id, invoice.due_date, invoice.invoice_id));
        let totals = ClientTotals {
            unallocated: (1..=4).zip(&unallocated).map(|(client, cents)| (client, from_cents(*cents))).collect(),
        };
        let settlement = settle(&open, &totals);
        for client in 1..=4 {
            let mine: Vec<&OpenInvoice> = open.iter().filter(|i| i.client_id == client).collect();
            let credit_notes: Decimal = mine.iter().filter(|i| i.remaining < Decimal::ZERO).map(|i| -i.remaining).sum();
            let credits_in = credit_notes + totals.unallocated[&client];
            let owed: Decimal = mine.iter().filter(|i| i.remaining > Decimal::ZERO).map(|i| i.remaining).sum();
            let settled: Vec<_> = settlement.invoices.iter().filter(|s| s.client_id == client).collect();
            prop_assert_eq!(settled.len(), mine.iter().filter(|i| i.remaining > Decimal::ZERO).count());
            let mut used = Decimal::ZERO;
            for invoice in &settled {
                let before = mine.iter().find(|i| i.invoice_id == invoice.invoice_id).expect("an open invoice").remaining;
                prop_assert!(invoice.remaining >= Decimal::ZERO && invoice.credited >= Decimal::ZERO);
                prop_assert_eq!(invoice.remaining + invoice.credited, before);
                used += invoice.credited;
            }
            let left = settlement.credit_left.get(&client).copied().unwrap_or_default();
            prop_assert_eq!(credits_in, used + left, "client {}", client);
            prop_assert_eq!(used, credits_in.min(owed), "client {}", client);
            prop_assert_eq!(settlement.balance(client), owed - credits_in, "client {}", client);
            // What is left of each credit note is part of the credit left, never more than the note.
            let unused_notes: Decimal = mine
                .iter()
                .filter(|i| i.remaining < Decimal::ZERO)
                .map(|i| {
                    let unused = settlement.unused_credit_notes[&i.invoice_id];
                    assert!(unused >= Decimal::ZERO && unused <= -i.remaining);
                    unused
                })
                .sum();
            prop_assert!(unused_notes <= left);
        }
    }
}

/// One random late invoice and its circumstances.
#[derive(Debug, Clone)]
struct LateCase {
    kind: ClientKind,
    amount_cents: i64,
    due_date: NaiveDate,
    as_of: NaiveDate,
    contractual_rate: Option<Decimal>,
    receipts: Vec<(NaiveDate, Decimal)>,
    formal_notice: Option<NaiveDate>,
    opening_judgment: Option<NaiveDate>,
}

fn late_case() -> impl Strategy<Value = LateCase> {
    // Due dates from mid-2014 (before the table starts: no rate) to the end of 2026 (2026-S2 is blank).
    let first = date(2014, 6, 1);
    (
        prop_oneof![3 => Just(ClientKind::Professional), 1 => Just(ClientKind::Consumer)],
        1_i64..=100_000_000,
        0_u64..4_600,
        1_u64..1_500,
        prop::option::weighted(0.3, 0_i64..=2_500),
        prop::collection::vec((0_u64..1_600, 1_i64..=60_000_000), 0..4),
        prop::option::of(0_u64..1_600),
        prop::option::weighted(0.2, 0_u64..1_600),
    )
        .prop_map(move |(kind, amount_cents, due, late, rate, receipts, notice, judgment)| {
            let due_date = first + Days::new(due);
            let around = |offset: u64| due_date + Days::new(offset) - Days::new(60);
            LateCase {
                kind,
                amount_cents,
                due_date,
                as_of: due_date + Days::new(late),
                contractual_rate: rate.map(|hundredths| Decimal::new(hundredths, 2)),
                receipts: receipts.into_iter().map(|(day, cents)| (around(day), from_cents(cents))).collect(),
                formal_notice: notice.map(around),
                opening_judgment: judgment.map(around),
            }
        })
}

/// The rate of one day, read from the table without `compute`'s help.
fn rate_on(case: &LateCase, rates: &RateTable, day: NaiveDate) -> Option<Decimal> {
    let row = rates.rows.iter().find(|row| row.start <= day && day <= row.end);
    match case.kind {
        ClientKind::Professional => {
            case.contractual_rate.or_else(|| row.and_then(|row| row.ecb_rate).map(|ecb| ecb + Decimal::TEN))
        }
        ClientKind::Consumer => row.and_then(|row| row.legal_rate_other),
    }
}

/// One day of interest, naively: the base that day (the amount less every receipt dated before it) and
/// the day's interest as an exact fraction of a cent, `base_cents × rate / 36500`, in units of
/// 1 / (36500 × 10^6) cent (rates have at most 6 decimals).
#[derive(Debug, PartialEq)]
struct Day {
    day: NaiveDate,
    base: Decimal,
    rate: Option<Decimal>,
    units: i128,
}

const UNITS_PER_CENT: i128 = 36_500 * 1_000_000;

fn naive_days(case: &LateCase, rates: &RateTable) -> Vec<Day> {
    let amount = from_cents(case.amount_cents);
    let judgment = case.opening_judgment.filter(|j| *j <= case.as_of);
    let last = judgment.map_or(case.as_of, |j| j.min(case.as_of));
    let first = match case.kind {
        ClientKind::Professional => case.due_date + Days::new(1),
        ClientKind::Consumer => match case.formal_notice {
            Some(notice) => notice.max(case.due_date + Days::new(1)),
            None => return Vec::new(),
        },
    };
    let mut days = Vec::new();
    let mut day = first;
    while day <= last {
        let received: Decimal =
            case.receipts.iter().filter(|(date, _)| *date < day && *date <= case.as_of).map(|(_, a)| *a).sum();
        let base = amount - received;
        if base <= Decimal::ZERO {
            break;
        }
        let rate = rate_on(case, rates, day);
        let units = match rate {
            Some(rate) => {
                let rate_millionths = (rate * Decimal::from(1_000_000)).to_i128().expect("a rate in millionths");
                let base_cents = i128::from(to_cents(base));
                base_cents * rate_millionths
            }
            None => 0,
        };
        days.push(Day { day, base, rate, units });
        day = day + Days::new(1);
    }
    days
}

/// Rounds a non-negative number of units to the cent, half away from zero.
fn round_units(units: i128) -> Decimal {
    let (quotient, remainder) = (units / UNITS_PER_CENT, units % UNITS_PER_CENT);
    let cents = if 2 * remainder >= UNITS_PER_CENT { quotient + 1 } else { quotient };
    Decimal::new(i64::try_from(cents).expect("cents fit"), 2)
}

proptest! {
    #![proptest_config(config(2000))]

    /// The interest split by half-year (and by receipt) equals the day-by-day sum: the periods cover exactly
    /// the days interest runs, in order, each inside one half-year, each day of a period has the period's
    /// base and rate, and each period's amount is the sum of its days rounded to the cent (the rounding rule
    /// of `penalties`); the invoice's interest is the sum of its periods.
    #[test]
    fn interest_by_half_year_equals_the_day_by_day_sum(case in late_case()) {
        let rates = RateTable::default_fr();
        let invoice = PenaltyInvoice {
            invoice_id: 1,
            number: "F1".into(),
            due_date: case.due_date,
            amount: from_cents(case.amount_cents),
            contractual_rate: case.contractual_rate,
            receipts: case.receipts.clone(),
        };
        let invoices = [invoice];
        let input = PenaltyInput {
            kind: case.kind,
            invoices: &invoices,
            formal_notice: case.formal_notice,
            opening_judgment: case.opening_judgment,
            as_of: case.as_of,
            residual_tolerance: rust_decimal::Decimal::ZERO,
        };
        let breakdown = compute(&input, &rates);
        let received: Decimal = case.receipts.iter().filter(|(d, _)| *d <= case.as_of).map(|(_, a)| *a).sum();
        let paid_in_full = received >= from_cents(case.amount_cents);
        // An invoice paid in full is listed apart (`settled_late`), or not at all when it was paid on time,
        // its delay earned nothing or its claim is time-barred; one still owed is always listed.
        let listed = if paid_in_full { &breakdown.settled_late } else { &breakdown.invoices };
        prop_assert_eq!(breakdown.invoices.len() + breakdown.settled_late.len(), listed.len());
        let Some(computed) = listed.first() else {
            prop_assert!(paid_in_full, "an invoice still owed is always listed");
            return Ok(());
        };
        prop_assert_eq!(listed.len(), 1);
        let days = naive_days(&case, &rates);

        let mut index = 0;
        let mut interest = Decimal::ZERO;
        for period in &computed.periods {
            prop_assert!(period.from <= period.to);
            prop_assert_eq!(period.days, (period.to - period.from).num_days() + 1);
            prop_assert_eq!(ardoise::domain::calendar::half_year_of(period.from), ardoise::domain::calendar::half_year_of(period.to));
            prop_assert_eq!(&period.semester, &ardoise::domain::calendar::half_year_code(period.from));
            let mine = days.get(index..index + period.days as usize).unwrap_or(&[]);
            prop_assert_eq!(mine.len() as i64, period.days, "period {:?} beyond the naive days", period);
            prop_assert_eq!(mine[0].day, period.from);
            let mut units = 0;
            for day in mine {
                prop_assert_eq!(day.base, period.base, "base of {}", day.day);
                prop_assert_eq!(day.rate, period.rate, "rate of {}", day.day);
                units += day.units;
            }
            let expected = if period.rate.is_some() { round_units(units) } else { Decimal::ZERO };
            prop_assert_eq!(period.amount, expected, "period {:?}", period);
            interest += period.amount;
            index += period.days as usize;
        }
        prop_assert_eq!(index, days.len(), "the periods leave days out");
        prop_assert_eq!(computed.interest, interest);
        if paid_in_full {
            prop_assert_eq!(breakdown.settled_late_interest, interest);
            prop_assert_eq!(breakdown.interest, Decimal::ZERO);
            prop_assert!(computed.paid_on.is_some_and(|day| day > case.due_date && day <= case.as_of));
        } else {
            prop_assert_eq!(breakdown.interest, interest);
        }
        prop_assert_eq!(computed.principal, (from_cents(case.amount_cents) - received).max(Decimal::ZERO));
        prop_assert_eq!(breakdown.total, breakdown.principal + breakdown.interest + breakdown.indemnity);
    }
}
