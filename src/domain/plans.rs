//! Payment plans (F8), the pure part: the schedule of a plan from its total, down payment, number of
//! installments, frequency, first date and the amounts the user set by hand; the suggested number of
//! installments; where a plan stands on a date once its payments are matched to its installments; the
//! cash expected month by month. No SQL (`ledger/plans.rs`), no clock: every date is an argument.

use crate::domain::calendar::format_long;
use crate::domain::money::format_eur;
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The most installments a plan may have (ten years of months; a weekly plan reaches about two years).
pub const MAX_INSTALLMENTS: u32 = 120;
/// Beyond this many months a judge could not grant the delay (C. civ. 1343-5): the plan is warned.
pub const WARNING_MONTHS: u32 = 24;
/// The installment the suggested count aims at, in euros.
pub const SUGGESTED_INSTALLMENT: i64 = 200;
/// The most installments ever suggested (a year of months).
pub const MAX_SUGGESTED: u32 = 12;

/// How often an installment falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Weekly,
    Biweekly,
    #[default]
    Monthly,
}

impl Frequency {
    /// "mensuelle", for a label ("Fréquence : mensuelle").
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Weekly => "hebdomadaire",
            Frequency::Biweekly => "toutes les deux semaines",
            Frequency::Monthly => "mensuelle",
        }
    }

    /// The words after "versements" in a letter ("versements mensuels").
    pub fn rhythm(self) -> &'static str {
        match self {
            Frequency::Weekly => "hebdomadaires",
            Frequency::Biweekly => "espacés de deux semaines",
            Frequency::Monthly => "mensuels",
        }
    }

    pub fn parse(text: &str) -> Option<Frequency> {
        match text {
            "weekly" => Some(Frequency::Weekly),
            "biweekly" => Some(Frequency::Biweekly),
            "monthly" => Some(Frequency::Monthly),
            _ => None,
        }
    }
}

/// The date of installment `index` (0 for the first): weekly and biweekly count days; monthly keeps the
/// first date's day of month, clamped to the month's end (31 January, 28 or 29 February, 31 March).
pub fn installment_date(first: NaiveDate, frequency: Frequency, index: u32) -> Option<NaiveDate> {
    match frequency {
        Frequency::Weekly => first.checked_add_days(Days::new(7 * u64::from(index))),
        Frequency::Biweekly => first.checked_add_days(Days::new(14 * u64::from(index))),
        Frequency::Monthly => first.checked_add_months(Months::new(index)),
    }
}

/// What the user chose for a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRequest {
    /// The day the plan is drafted: nothing falls due before it, and 24 months count from it.
    pub drafted_on: NaiveDate,
    /// What remains to pay on the plan's invoices.
    pub principal: Decimal,
    /// Penalties to date and, B2B only, the 40 € indemnities; zero for a plan without fees.
    pub fees: Decimal,
    /// Paid at signature, before the first installment; zero when none.
    pub down_payment: Decimal,
    pub count: u32,
    pub frequency: Frequency,
    pub first_date: NaiveDate,
    /// Amounts set by hand, by installment (index 0 is the first); `None` where the schedule decides.
    #[serde(default)]
    pub hand_set: Vec<Option<Decimal>>,
}

/// One dated amount of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    /// 1 for the first installment.
    pub sequence: u32,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    /// True when the user set this amount by hand.
    pub hand_set: bool,
}

/// A computed schedule: the installments sum to `total - down_payment` exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub principal: Decimal,
    pub fees: Decimal,
    pub total: Decimal,
    pub down_payment: Decimal,
    pub frequency: Frequency,
    pub installments: Vec<Installment>,
    /// Whole months from the drafting day to the last installment (rounded up).
    pub months: u32,
    /// French sentences: the plan is legal but deserves a second look.
    pub warnings: Vec<String>,
}

/// Why a schedule cannot be made, with the field the user should change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct PlanProblem {
    pub field: &'static str,
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> PlanProblem {
    PlanProblem { field, message: message.into() }
}

fn cents_only(value: Decimal) -> bool {
    value.normalize().scale() <= 2
}

/// The schedule of a plan: the down payment first (at signature), then `count` installments from
/// `first_date` at `frequency`. Hand-set amounts are kept; the rest is shared equally, rounded down to
/// the cent, and the last installment carries the rounding. Refused, with a French reason, when the
/// input cannot make a plan whose installments are all positive.
pub fn schedule(request: &ScheduleRequest) -> Result<Schedule, PlanProblem> {
    let ScheduleRequest { drafted_on, principal, fees, down_payment, count, frequency, first_date, .. } = *request;
    for (field, value, name) in [
        ("principal", principal, "Le principal"),
        ("fees", fees, "Les frais"),
        ("down_payment", down_payment, "L'acompte"),
    ] {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(problem(field, format!("{name} ne peut pas être négatif ({}).", format_eur(value))));
        }
        if !cents_only(value) {
            return Err(problem(field, format!("{name} se compte en centimes ({value}).")));
        }
    }
    let total = principal + fees;
    if total <= Decimal::ZERO {
        return Err(problem("principal", "Rien à étaler : ce client ne doit rien sur les factures choisies."));
    }
    if down_payment >= total {
        return Err(problem(
            "down_payment",
            format!(
                "L'acompte ({}) doit rester inférieur au total ({}) : il faut au moins une échéance après lui.",
                format_eur(down_payment),
                format_eur(total)
            ),
        ));
    }
    if count == 0 {
        return Err(problem("count", "Un échéancier compte au moins une échéance."));
    }
    if count > MAX_INSTALLMENTS {
        return Err(problem(
            "count",
            format!("{count} échéances : un échéancier en compte {MAX_INSTALLMENTS} au plus."),
        ));
    }
    if first_date < drafted_on {
        return Err(problem(
            "first_date",
            format!(
                "La première échéance ({}) ne peut pas précéder la date du plan ({}).",
                format_long(first_date),
                format_long(drafted_on)
            ),
        ));
    }
    if request.hand_set.len() > count as usize && request.hand_set[count as usize..].iter().any(Option::is_some) {
        return Err(problem("hand_set", format!("Montant saisi pour une échéance au-delà de la {count}e.")));
    }
    let hand_set: Vec<Option<Decimal>> =
        (0..count as usize).map(|i| request.hand_set.get(i).copied().flatten()).collect();
    if count > 1 && hand_set[count as usize - 1].is_some() {
        return Err(problem(
            "hand_set",
            "La dernière échéance reçoit le reste : saisissez les autres montants, pas celui-ci.",
        ));
    }
    for (index, amount) in hand_set.iter().enumerate() {
        if let Some(amount) = amount {
            if *amount <= Decimal::ZERO {
                return Err(problem(
                    "hand_set",
                    format!("Échéance {} : le montant doit être positif ({}).", index + 1, format_eur(*amount)),
                ));
            }
            if !cents_only(*amount) {
                return Err(problem(
                    "hand_set",
                    format!("Échéance {} : montant au centime près ({amount}).", index + 1),
                ));
            }
        }
    }
    let to_spread = total - down_payment;
    let set_sum: Decimal = hand_set.iter().flatten().copied().sum();
    let free_count = hand_set.iter().filter(|a| a.is_none()).count() as i64;
    let free = to_spread - set_sum;
    if count == 1 && hand_set[0].is_some() && set_sum != to_spread {
        return Err(problem(
            "hand_set",
            "Une seule échéance : elle reçoit tout le reste, son montant ne se saisit pas.",
        ));
    }
    if free <= Decimal::ZERO {
        return Err(problem(
            "hand_set",
            format!(
                "Les montants saisis ({}) atteignent ou dépassent ce qu'il reste à étaler ({}) : la dernière échéance \
                 serait nulle.",
                format_eur(set_sum),
                format_eur(to_spread)
            ),
        ));
    }
    let free_cents = (free * Decimal::ONE_HUNDRED).trunc();
    let each = (free_cents / Decimal::from(free_count)).floor() / Decimal::ONE_HUNDRED;
    if each <= Decimal::ZERO {
        return Err(problem(
            "count",
            format!(
                "{count} échéances pour {} : certaines seraient nulles. Réduisez le nombre d'échéances.",
                format_eur(free)
            ),
        ));
    }
    let mut installments = Vec::with_capacity(count as usize);
    let mut given = Decimal::ZERO;
    for index in 0..count {
        let due_date = installment_date(first_date, frequency, index)
            .ok_or_else(|| problem("first_date", "Date d'échéance hors du calendrier."))?;
        let last = index + 1 == count;
        let (amount, by_hand) = match hand_set[index as usize] {
            Some(amount) => (amount, true),
            None if last => (to_spread - given, false),
            None => (each, false),
        };
        given += amount;
        installments.push(Installment { sequence: index + 1, due_date, amount, hand_set: by_hand });
    }
    let last_date = installments.last().map_or(first_date, |i| i.due_date);
    let months = months_between(drafted_on, last_date);
    let mut warnings = Vec::new();
    if drafted_on.checked_add_months(Months::new(WARNING_MONTHS)).is_some_and(|limit| last_date > limit) {
        warnings.push(format!(
            "Cet échéancier court sur {months} mois, au-delà de 24 mois : un juge ne peut pas accorder plus de deux \
             ans de délais (C. civ. 1343-5). Un plan amiable aussi long se défend mal en cas de défaut."
        ));
    }
    Ok(Schedule { principal, fees, total, down_payment, frequency, installments, months, warnings })
}

/// Whole months from `from` to `to`, a started month counting as one.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() > from.day() {
        months += 1;
    }
    months.max(0) as u32
}

/// The number of installments suggested for `total`: about 200 € each, two at least and twelve at most
/// (one when the total is a single cent).
pub fn suggested_count(total: Decimal) -> u32 {
    if total <= Decimal::ZERO {
        return 1;
    }
    let wanted = (total / Decimal::from(SUGGESTED_INSTALLMENT)).ceil().to_u32().unwrap_or(MAX_SUGGESTED);
    // Never more installments than cents to share.
    let cents = (total * Decimal::ONE_HUNDRED).trunc().to_u32().unwrap_or(u32::MAX);
    wanted.clamp(2, MAX_SUGGESTED).min(cents.max(1))
}

/// The first installment's usual date: a month after the drafting day.
pub fn default_first_date(drafted_on: NaiveDate) -> NaiveDate {
    drafted_on.checked_add_months(Months::new(1)).unwrap_or(drafted_on)
}

/// Where a plan stands: the list's status column and what the dunning engine reads (a plan in force —
/// active or late — pauses the ladder for its invoices; the engine raises a missed installment itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    Draft,
    Sent,
    Active,
    Late,
    Completed,
    Broken,
    Cancelled,
}

impl PlanState {
    pub fn label(self) -> &'static str {
        match self {
            PlanState::Draft => "brouillon",
            PlanState::Sent => "envoyé",
            PlanState::Active => "en cours",
            PlanState::Late => "en retard",
            PlanState::Completed => "soldé",
            PlanState::Broken => "rompu",
            PlanState::Cancelled => "abandonné",
        }
    }

    /// True while the plan's installments are expected (signed, neither settled nor broken).
    pub fn in_force(self) -> bool {
        matches!(self, PlanState::Active | PlanState::Late)
    }
}

/// How one installment stands once the plan's payments are matched to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstallmentState {
    Paid,
    /// Partly paid, not yet due.
    Partial,
    Due,
    /// Due date passed, not wholly paid.
    Late,
}

impl InstallmentState {
    pub fn label(self) -> &'static str {
        match self {
            InstallmentState::Paid => "réglée",
            InstallmentState::Partial => "en partie réglée",
            InstallmentState::Due => "à venir",
            InstallmentState::Late => "en retard",
        }
    }
}

/// One installment with what was matched to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackedInstallment {
    /// 0 for the down payment.
    pub sequence: u32,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    pub paid: Decimal,
    pub state: InstallmentState,
    pub state_label: &'static str,
}

/// The stored facts a plan's standing is derived from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackInput {
    /// "draft", "sent", "active", "completed", "broken" or "cancelled", as stored.
    pub stored: PlanState,
    pub signed_on: Option<NaiveDate>,
    pub down_payment: Decimal,
    pub installments: Vec<(NaiveDate, Decimal)>,
    /// What the client paid from the signature to the date, rejected payments left out.
    pub paid_since_signed: Decimal,
    /// The day a missed-installment (déchéance du terme) letter was drafted after the signature, if one was.
    pub breach_on: Option<NaiveDate>,
}

/// A plan's standing on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tracking {
    pub state: PlanState,
    pub state_label: &'static str,
    /// The down payment (sequence 0, due at signature) when there is one, then the installments.
    pub installments: Vec<TrackedInstallment>,
    pub paid: Decimal,
    /// What remains to pay on the plan.
    pub remaining: Decimal,
    /// What should have been paid by the date and was not.
    pub overdue: Decimal,
}

/// Matches the payments received since the signature to the down payment and then the installments, in
/// date order, and says where the plan stands on `as_of`: completed once everything is paid, broken once
/// the déchéance du terme was notified, late while an installment is past due and unpaid.
pub fn track(input: &TrackInput, as_of: NaiveDate) -> Tracking {
    let signed = input.signed_on.filter(|d| *d <= as_of);
    let mut lines: Vec<(u32, NaiveDate, Decimal)> = Vec::new();
    if input.down_payment > Decimal::ZERO {
        lines.push((0, signed.or(input.signed_on).unwrap_or(as_of), input.down_payment));
    }
    lines.extend(input.installments.iter().enumerate().map(|(i, (date, amount))| (i as u32 + 1, *date, *amount)));
    let total: Decimal = lines.iter().map(|(_, _, a)| *a).sum();
    let mut left = if signed.is_some() { input.paid_since_signed.max(Decimal::ZERO) } else { Decimal::ZERO };
    let mut overdue = Decimal::ZERO;
    let installments: Vec<TrackedInstallment> = lines
        .iter()
        .map(|&(sequence, due_date, amount)| {
            let paid = left.min(amount);
            left -= paid;
            let state = if paid == amount {
                InstallmentState::Paid
            } else if due_date < as_of && signed.is_some() {
                overdue += amount - paid;
                InstallmentState::Late
            } else if paid > Decimal::ZERO {
                InstallmentState::Partial
            } else {
                InstallmentState::Due
            };
            TrackedInstallment {
                sequence,
                due_date,
                amount,
                paid: crate::domain::money::cents(paid),
                state,
                state_label: state.label(),
            }
        })
        .collect();
    let paid = crate::domain::money::cents(installments.iter().map(|i| i.paid).sum());
    let state = match input.stored {
        PlanState::Active | PlanState::Late if signed.is_none() => PlanState::Sent,
        PlanState::Active | PlanState::Late => {
            if paid >= total {
                PlanState::Completed
            } else if input.breach_on.is_some_and(|d| d <= as_of) {
                PlanState::Broken
            } else if overdue > Decimal::ZERO {
                PlanState::Late
            } else {
                PlanState::Active
            }
        }
        other => other,
    };
    let (remaining, overdue) = (crate::domain::money::cents(total - paid), crate::domain::money::cents(overdue));
    Tracking { state, state_label: state.label(), installments, paid, remaining, overdue }
}

/// Cash expected in one month from the plans in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCash {
    /// "2026-12".
    pub month: String,
    /// "décembre 2026".
    pub label: String,
    pub amount: Decimal,
}

/// The unpaid part of every installment of the plans in force, by month from `as_of`'s month on; what is
/// already late counts in the current month.
pub fn expected_cash(plans: &[Tracking], as_of: NaiveDate) -> Vec<MonthCash> {
    let current = (as_of.year(), as_of.month());
    let mut months: std::collections::BTreeMap<(i32, u32), Decimal> = std::collections::BTreeMap::new();
    for plan in plans.iter().filter(|p| p.state.in_force()) {
        for installment in &plan.installments {
            let unpaid = installment.amount - installment.paid;
            if unpaid > Decimal::ZERO {
                let month = (installment.due_date.year(), installment.due_date.month()).max(current);
                *months.entry(month).or_default() += unpaid;
            }
        }
    }
    months
        .into_iter()
        .map(|((year, month), amount)| MonthCash {
            month: format!("{year}-{month:02}"),
            label: crate::domain::calendar::format_month(year, month),
            amount,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn request(total: &str, count: u32) -> ScheduleRequest {
        ScheduleRequest {
            drafted_on: d("2026-11-22"),
            principal: dec(total),
            fees: Decimal::ZERO,
            down_payment: Decimal::ZERO,
            count,
            frequency: Frequency::Monthly,
            first_date: d("2026-12-22"),
            hand_set: Vec::new(),
        }
    }

    #[test]
    fn the_last_installment_carries_the_rounding() {
        let plan = schedule(&request("1000.00", 3)).unwrap();
        let amounts: Vec<Decimal> = plan.installments.iter().map(|i| i.amount).collect();
        assert_eq!(amounts, [dec("333.33"), dec("333.33"), dec("333.34")]);
        assert_eq!(plan.installments[2].due_date, d("2027-02-22"));
    }

    #[test]
    fn monthly_dates_clamp_to_the_end_of_the_month() {
        let mut asked = request("400.00", 4);
        asked.drafted_on = d("2027-01-01");
        asked.first_date = d("2027-01-31");
        let dates: Vec<NaiveDate> = schedule(&asked).unwrap().installments.iter().map(|i| i.due_date).collect();
        assert_eq!(dates, [d("2027-01-31"), d("2027-02-28"), d("2027-03-31"), d("2027-04-30")]);
        asked.first_date = d("2028-01-31");
        let dates: Vec<NaiveDate> = schedule(&asked).unwrap().installments.iter().map(|i| i.due_date).collect();
        assert_eq!(dates[1], d("2028-02-29"));
    }

    #[test]
    fn hand_set_amounts_are_kept_and_the_rest_shared() {
        let mut asked = request("1000.00", 4);
        asked.down_payment = dec("100.00");
        asked.hand_set = vec![None, Some(dec("500.00"))];
        let plan = schedule(&asked).unwrap();
        let amounts: Vec<Decimal> = plan.installments.iter().map(|i| i.amount).collect();
        assert_eq!(amounts, [dec("133.33"), dec("500.00"), dec("133.33"), dec("133.34")]);
        assert!(plan.installments[1].hand_set && !plan.installments[0].hand_set);
    }

    #[test]
    fn impossible_plans_are_refused_in_french() {
        assert_eq!(schedule(&request("0.02", 3)).unwrap_err().field, "count");
        assert_eq!(schedule(&request("0", 3)).unwrap_err().field, "principal");
        assert_eq!(schedule(&request("100.00", 0)).unwrap_err().field, "count");
        let mut asked = request("100.00", 3);
        asked.down_payment = dec("100.00");
        assert!(schedule(&asked).unwrap_err().message.contains("acompte"));
        let mut asked = request("100.00", 3);
        asked.hand_set = vec![Some(dec("60.00")), Some(dec("40.00"))];
        assert!(schedule(&asked).unwrap_err().message.contains("dernière échéance serait nulle"));
        let mut asked = request("100.00", 3);
        asked.first_date = d("2026-11-01");
        assert_eq!(schedule(&asked).unwrap_err().field, "first_date");
    }

    #[test]
    fn beyond_24_months_is_warned() {
        assert!(schedule(&request("2400.00", 24)).unwrap().warnings.is_empty());
        let long = schedule(&request("2500.00", 25)).unwrap();
        assert_eq!(long.months, 25);
        assert!(long.warnings[0].contains("1343-5"));
        let mut weekly = request("2500.00", 110);
        weekly.frequency = Frequency::Weekly;
        assert!(schedule(&weekly).unwrap().warnings.len() == 1);
    }

    #[test]
    fn suggested_counts_follow_the_amount() {
        assert_eq!(suggested_count(dec("150")), 2);
        assert_eq!(suggested_count(dec("1000")), 5);
        assert_eq!(suggested_count(dec("1000.01")), 6);
        assert_eq!(suggested_count(dec("50000")), 12);
        assert_eq!(suggested_count(dec("0.01")), 1);
    }

    #[test]
    fn payments_are_matched_in_date_order() {
        let input = TrackInput {
            stored: PlanState::Active,
            signed_on: Some(d("2026-12-01")),
            down_payment: dec("100"),
            installments: vec![(d("2027-01-01"), dec("200")), (d("2027-02-01"), dec("200"))],
            paid_since_signed: dec("350"),
            breach_on: None,
        };
        let on_time = track(&input, d("2027-01-15"));
        assert_eq!(on_time.state, PlanState::Active);
        let states: Vec<InstallmentState> = on_time.installments.iter().map(|i| i.state).collect();
        assert_eq!(states, [InstallmentState::Paid, InstallmentState::Paid, InstallmentState::Partial]);
        let late = track(&input, d("2027-02-02"));
        assert_eq!((late.state, late.overdue), (PlanState::Late, dec("150")));
        let broken = track(&TrackInput { breach_on: Some(d("2027-02-03")), ..input.clone() }, d("2027-02-03"));
        assert_eq!(broken.state, PlanState::Broken);
        let done = track(&TrackInput { paid_since_signed: dec("500"), ..input.clone() }, d("2027-02-03"));
        assert_eq!((done.state, done.remaining), (PlanState::Completed, Decimal::ZERO));
        let unsigned = track(&TrackInput { signed_on: None, ..input }, d("2027-02-03"));
        assert_eq!((unsigned.state, unsigned.paid), (PlanState::Sent, Decimal::ZERO));
    }

    #[test]
    fn expected_cash_counts_what_is_late_in_the_current_month() {
        let input = TrackInput {
            stored: PlanState::Active,
            signed_on: Some(d("2026-10-01")),
            down_payment: Decimal::ZERO,
            installments: vec![
                (d("2026-11-01"), dec("100")),
                (d("2026-12-01"), dec("100")),
                (d("2027-01-01"), dec("100")),
            ],
            paid_since_signed: dec("40"),
            breach_on: None,
        };
        let cash = expected_cash(&[track(&input, d("2026-11-22"))], d("2026-11-22"));
        let months: Vec<(&str, Decimal)> = cash.iter().map(|m| (m.month.as_str(), m.amount)).collect();
        assert_eq!(months, [("2026-11", dec("60")), ("2026-12", dec("100")), ("2027-01", dec("100"))]);
        assert_eq!(cash[1].label, "décembre 2026");
    }
}
