//! Payment plans as both shells use them (F8): draft one in one click from a client's overdue invoices,
//! change it (every change recomputes the schedule in `plans`), export the plan letter with its agreement
//! form through the letters' print pipeline, record the signed return, abandon it with a reason (its
//! letter, not sent yet, is cancelled with it), and show where each plan stands,
//! its timeline entries and the cash expected month by month. Reads and writes through the ledger's API;
//! no SQL here, and every date is an argument.

use crate::desk::accounts::account;
use crate::desk::letters::{self as desk, ExportTarget};
use crate::desk::Result;
use crate::documents::letters::assemble::{missing_rates, RatesFor};
use crate::domain::calendar::format_long;
use crate::domain::figures::InvoiceStatus;
use crate::domain::letter_kind::LetterKind;
use crate::domain::plans::{self, PlanState, ScheduleRequest};
pub use crate::domain::plans::{Frequency, MonthCash, Schedule, Tracking};
use crate::domain::timeline::TimelineEntry;
use crate::ledger::{PlanDraft, PlanRow};
use crate::{Ledger, LedgerError};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What the user chose; every field has a sensible default for the one-click draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanOptions {
    /// None: the count suggested from the amount.
    pub count: Option<u32>,
    pub frequency: Frequency,
    /// None: a month after the drafting day.
    pub first_date: Option<NaiveDate>,
    pub down_payment: Decimal,
    /// Penalties to date and, B2B only, the 40 € indemnities added to the plan.
    pub with_fees: bool,
    pub hand_set: Vec<Option<Decimal>>,
}

/// One invoice a plan settles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanInvoice {
    pub id: i64,
    pub number: String,
    pub due_date: NaiveDate,
    pub remaining: Decimal,
}

/// A plan as the editor and the list show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanView {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub b2b: bool,
    pub drafted_on: NaiveDate,
    pub sent_on: Option<NaiveDate>,
    pub signed_on: Option<NaiveDate>,
    pub letter_id: Option<i64>,
    pub options: PlanOptions,
    /// The count and first date in force (the options' or the defaults).
    pub count: u32,
    pub first_date: NaiveDate,
    /// The fees the plan would carry with fees on (what `with_fees` adds).
    pub fees_available: Decimal,
    pub invoices: Vec<PlanInvoice>,
    pub schedule: Schedule,
    pub tracking: Tracking,
    /// True while the plan is a draft: its terms can still change.
    pub editable: bool,
    /// True while it can be abandoned: drafted, sent or in force (not settled, broken or abandoned).
    pub can_abandon: bool,
    /// The day it was abandoned, and why.
    pub abandoned_on: Option<NaiveDate>,
    pub abandon_reason: Option<String>,
}

/// The client's overdue invoices a new plan takes: late, something left to pay, not disputed, not
/// already in a plan in force; with the fees the penalties give them on `date`.
fn overdue_invoices(ledger: &Ledger, client_id: i64, date: NaiveDate) -> Result<(Vec<PlanInvoice>, Decimal)> {
    let detail = account(ledger, client_id, date)?;
    if detail.client.fields.status == crate::domain::model::ClientStatus::CollectiveProcedure {
        return Err(LedgerError::invalid(
            "invoice_ids",
            format!(
                "{} est en procédure collective : le jugement d'ouverture interdit de payer les dettes antérieures, \
                 pas d'échéancier (déclarez la créance au mandataire).",
                detail.name
            ),
        )
        .into());
    }
    let live = live_plans(ledger, client_id, None, date)?;
    let in_live_plan = |id: i64| live.iter().any(|plan| plan.invoice_ids.contains(&id));
    let overdue = detail
        .invoices
        .iter()
        .filter(|line| line.row.invoice.amount > Decimal::ZERO && line.remaining > Decimal::ZERO && line.days_late > 0)
        .filter(|line| line.status != InvoiceStatus::Disputed);
    // The overdue invoices the first live plan holding one holds: what the refusal names.
    let holder =
        overdue.clone().find_map(|line| live.iter().find(|plan| plan.invoice_ids.contains(&line.row.invoice.id)));
    let held: Vec<&str> = overdue
        .clone()
        .filter(|line| holder.is_some_and(|plan| plan.invoice_ids.contains(&line.row.invoice.id)))
        .map(|line| line.row.invoice.number.as_str())
        .collect();
    let invoices: Vec<PlanInvoice> = overdue
        .filter(|line| !in_live_plan(line.row.invoice.id))
        .map(|line| PlanInvoice {
            id: line.row.invoice.id,
            number: line.row.invoice.number.clone(),
            due_date: line.row.invoice.due_date,
            remaining: line.remaining,
        })
        .collect();
    if invoices.is_empty() {
        let mut message = format!("{} n'a aucune facture échue hors échéancier : rien à étaler.", detail.name);
        if let Some(plan) = holder {
            message.push_str(&format!(" {}", already_in_plan(&held, plan, date, ledger)?));
        }
        return Err(LedgerError::invalid("invoice_ids", message).into());
    }
    Ok((invoices.clone(), fees_of(ledger, client_id, &invoices.iter().map(|i| i.id).collect::<Vec<_>>(), date)?))
}

/// The client's plans still alive on `date` (drafted, sent or in force: those that can be abandoned),
/// `except` one. An invoice is in one live plan at most: two plans would each count the same payments.
fn live_plans(ledger: &Ledger, client_id: i64, except: Option<i64>, date: NaiveDate) -> Result<Vec<PlanRow>> {
    let mut live = Vec::new();
    for plan in ledger.plans(Some(client_id))? {
        if Some(plan.id) == except || plan.stored_on(date) == PlanState::Cancelled {
            continue;
        }
        if matches!(
            tracking(ledger, &plan, date)?.state,
            PlanState::Completed | PlanState::Broken | PlanState::Cancelled
        ) {
            continue;
        }
        live.push(plan);
    }
    Ok(live)
}

/// Says that `numbers` are already in `plan` and how to free them.
fn already_in_plan(numbers: &[&str], plan: &PlanRow, date: NaiveDate, ledger: &Ledger) -> Result<String> {
    let state = tracking(ledger, plan, date)?.state;
    let invoices = match numbers {
        [number] => format!("La facture {number} est"),
        _ => format!("Les factures {} sont", numbers.join(", ")),
    };
    Ok(format!(
        "{invoices} déjà dans l'échéancier n° {id} ({}) : un second échéancier compterait les mêmes paiements. \
         Pour en proposer un autre, abandonnez d'abord celui-ci (`ardoise plan abandon {id} --reason …`).",
        state.label(),
        id = plan.id
    ))
}

/// Interest to date and indemnities (none for a consumer: the penalties module gives none) of `invoices`.
fn fees_of(ledger: &Ledger, client_id: i64, invoices: &[i64], date: NaiveDate) -> Result<Decimal> {
    let penalties = crate::desk::penalties::penalties(ledger, client_id, date)?;
    Ok(penalties
        .breakdown
        .invoices
        .iter()
        .filter(|p| invoices.contains(&p.invoice_id))
        .map(|p| p.interest + p.indemnity)
        .sum())
}

/// A plan carrying the fees waits for every rate their interest needs up to `date`, as a letter claiming
/// interest does (`assemble::missing_rates`, the one rule): without it, the fees would stop counting at the
/// last known half-year and the debtor would sign for a wrong sum.
fn refuse_missing_rates(ledger: &Ledger, client_id: i64, invoices: &[i64], date: NaiveDate) -> Result<()> {
    let kind = ledger.client(client_id)?.fields.kind;
    let penalties = crate::desk::penalties::penalties(ledger, client_id, date)?;
    let missing = missing_rates(&penalties.breakdown, invoices, kind, RatesFor::Plan);
    if missing.is_empty() {
        return Ok(());
    }
    let messages: Vec<String> = missing.into_iter().map(|fact| fact.message).collect();
    Err(crate::desk::Error::conflict(messages.join(" ")))
}

fn request(
    drafted_on: NaiveDate,
    principal: Decimal,
    fees_available: Decimal,
    options: &PlanOptions,
) -> ScheduleRequest {
    let fees = if options.with_fees { fees_available } else { Decimal::ZERO };
    ScheduleRequest {
        drafted_on,
        principal,
        fees,
        down_payment: options.down_payment,
        count: options.count.unwrap_or_else(|| plans::suggested_count(principal + fees - options.down_payment)),
        frequency: options.frequency,
        first_date: options.first_date.unwrap_or_else(|| plans::default_first_date(drafted_on)),
        hand_set: options.hand_set.clone(),
    }
}

fn draft_of(
    client_id: i64,
    invoices: &[PlanInvoice],
    schedule: &Schedule,
    asked: &ScheduleRequest,
    options: &PlanOptions,
) -> PlanDraft {
    PlanDraft {
        client_id,
        drafted_on: asked.drafted_on,
        frequency: schedule.frequency,
        with_fees: options.with_fees,
        principal: schedule.principal,
        fees: schedule.fees,
        down_payment: schedule.down_payment,
        installments: schedule.installments.iter().map(|i| (i.due_date, i.amount)).collect(),
        hand_set: options.hand_set.clone(),
        invoice_ids: invoices.iter().map(|i| i.id).collect(),
    }
}

/// The one click: a plan over the client's overdue invoices, drafted on `date` with `options` (the
/// defaults: monthly, first installment a month later, the suggested count, no down payment).
pub fn draft(ledger: &mut Ledger, client_id: i64, date: NaiveDate, options: &PlanOptions) -> Result<PlanView> {
    let (invoices, fees_available) = overdue_invoices(ledger, client_id, date)?;
    if options.with_fees {
        refuse_missing_rates(ledger, client_id, &invoices.iter().map(|i| i.id).collect::<Vec<_>>(), date)?;
    }
    let principal: Decimal = invoices.iter().map(|i| i.remaining).sum();
    let asked = request(date, principal, fees_available, options);
    let schedule = plans::schedule(&asked)?;
    let id = ledger.insert_plan(&draft_of(client_id, &invoices, &schedule, &asked, options))?;
    view(ledger, id, date)
}

/// Changes a draft's terms on `date`: same invoices, amounts and fees as of `date`, new schedule.
pub fn update(ledger: &mut Ledger, plan_id: i64, date: NaiveDate, options: &PlanOptions) -> Result<PlanView> {
    let plan = ledger.plan(plan_id)?;
    let invoices = plan_invoices(ledger, &plan, date)?;
    let principal: Decimal = invoices.iter().map(|i| i.remaining).sum();
    let drafted_on = date.max(plan.drafted_on);
    let fees_available = fees_of(ledger, plan.client_id, &plan.invoice_ids, drafted_on)?;
    if options.with_fees {
        refuse_missing_rates(ledger, plan.client_id, &plan.invoice_ids, drafted_on)?;
    }
    let asked = request(drafted_on, principal, fees_available, options);
    let schedule = plans::schedule(&asked)?;
    ledger.update_plan(plan_id, &draft_of(plan.client_id, &invoices, &schedule, &asked, options))?;
    view(ledger, plan_id, date)
}

/// The plan's invoices with what remains on them on `date`.
fn plan_invoices(ledger: &Ledger, plan: &PlanRow, date: NaiveDate) -> Result<Vec<PlanInvoice>> {
    let detail = account(ledger, plan.client_id, date)?;
    Ok(detail
        .invoices
        .iter()
        .filter(|line| plan.invoice_ids.contains(&line.row.invoice.id))
        .map(|line| PlanInvoice {
            id: line.row.invoice.id,
            number: line.row.invoice.number.clone(),
            due_date: line.row.invoice.due_date,
            remaining: line.remaining,
        })
        .collect())
}

/// Where a stored plan stands on `as_of`.
pub fn tracking(ledger: &Ledger, plan: &PlanRow, as_of: NaiveDate) -> Result<Tracking> {
    let paid = match plan.signed_on.filter(|d| *d <= as_of) {
        Some(signed) => ledger.paid_between(plan.client_id, signed, as_of)?,
        None => Decimal::ZERO,
    };
    let breach_on = ledger.plan_breaches(as_of, Some(plan.client_id))?.get(&plan.id).copied();
    Ok(plans::track(
        &plans::TrackInput {
            stored: plan.stored_on(as_of),
            signed_on: plan.signed_on,
            down_payment: plan.down_payment,
            installments: plan.installments.clone(),
            paid_since_signed: paid,
            breach_on,
        },
        as_of,
    ))
}

/// A stored plan with its schedule and standing on `as_of`.
pub fn view(ledger: &Ledger, plan_id: i64, as_of: NaiveDate) -> Result<PlanView> {
    let plan = ledger.plan(plan_id)?;
    let client = ledger.client(plan.client_id)?;
    let invoices = plan_invoices(ledger, &plan, plan.drafted_on.max(as_of))?;
    let fees_available = if plan.status == PlanState::Draft {
        fees_of(ledger, plan.client_id, &plan.invoice_ids, plan.drafted_on.max(as_of))?
    } else {
        plan.fees
    };
    let first_date = plan.installments.first().map_or(plan.drafted_on, |(date, _)| *date);
    let options = PlanOptions {
        count: Some(plan.installments.len() as u32),
        frequency: plan.frequency,
        first_date: Some(first_date),
        down_payment: plan.down_payment,
        with_fees: plan.with_fees,
        hand_set: plan.hand_set.clone(),
    };
    // The schedule as stored, with the warnings the computation gives it.
    let schedule = plans::schedule(&ScheduleRequest {
        drafted_on: plan.drafted_on,
        principal: plan.principal,
        fees: plan.fees,
        down_payment: plan.down_payment,
        count: plan.installments.len() as u32,
        frequency: plan.frequency,
        first_date,
        hand_set: plan.hand_set.clone(),
    })
    .map(|mut computed| {
        for (installment, (date, amount)) in computed.installments.iter_mut().zip(&plan.installments) {
            installment.due_date = *date;
            installment.amount = *amount;
        }
        computed
    })?;
    let tracked = tracking(ledger, &plan, as_of)?;
    let abandoned = plan.stored_on(as_of) == PlanState::Cancelled;
    Ok(PlanView {
        can_abandon: !matches!(tracked.state, PlanState::Completed | PlanState::Broken | PlanState::Cancelled),
        abandoned_on: plan.closed_on.filter(|_| abandoned),
        abandon_reason: plan.abandon_reason.clone().filter(|_| abandoned),
        id: plan.id,
        client_id: plan.client_id,
        client_name: client.fields.display_name(),
        b2b: client.fields.kind == crate::domain::model::ClientKind::Professional,
        drafted_on: plan.drafted_on,
        sent_on: plan.sent_on,
        signed_on: plan.signed_on,
        letter_id: plan.letter_id,
        count: plan.installments.len() as u32,
        first_date,
        fees_available,
        invoices,
        tracking: tracked,
        editable: plan.status == PlanState::Draft && !ledger.plan_letter_printed(&plan)?,
        options,
        schedule,
    })
}

/// Every plan (or one client's) on `as_of`, newest first.
pub fn list(ledger: &Ledger, client_id: Option<i64>, as_of: NaiveDate) -> Result<Vec<PlanView>> {
    let mut views: Vec<PlanView> =
        ledger.plans(client_id)?.iter().map(|plan| view(ledger, plan.id, as_of)).collect::<Result<_, _>>()?;
    views.reverse();
    Ok(views)
}

/// Records the signed agreement on `date`: the plan is in force, the ladder pauses for its invoices, and
/// the prescription restarts from that day (an acknowledgement of debt).
pub fn sign(ledger: &mut Ledger, plan_id: i64, date: NaiveDate) -> Result<PlanView> {
    let plan = ledger.plan(plan_id)?;
    // A plan further along is refused by the ledger, with its own reason.
    let unsigned = matches!(plan.status, PlanState::Draft | PlanState::Sent);
    let others = if unsigned { live_plans(ledger, plan.client_id, Some(plan_id), date)? } else { Vec::new() };
    for other in others {
        let shared: Vec<i64> = plan.invoice_ids.iter().copied().filter(|id| other.invoice_ids.contains(id)).collect();
        if shared.is_empty() {
            continue;
        }
        let numbers: Vec<String> =
            shared.iter().map(|id| ledger.invoice_row(*id).map(|row| row.invoice.number)).collect::<Result<_, _>>()?;
        let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
        return Err(crate::desk::Error::conflict(format!(
            "L'échéancier n° {plan_id} ne peut pas être signé. {}",
            already_in_plan(&numbers, &other, date, ledger)?
        )));
    }
    ledger.sign_plan(plan_id, date)?;
    view(ledger, plan_id, date)
}

/// Abandons a plan on `date` with the user's reason (drafted, sent or in force): its invoices go back to
/// the ladder, and its letter, if not sent yet, is cancelled with it.
pub fn abandon(ledger: &mut Ledger, plan_id: i64, date: NaiveDate, reason: &str) -> Result<PlanView> {
    let plan = ledger.plan(plan_id)?;
    let state = tracking(ledger, &plan, date)?.state;
    ledger.abandon_plan(plan_id, date, reason, state)?;
    view(ledger, plan_id, date)
}

/// Writes the plan letter and its agreement form as one PDF (drafting the letter the first time, or
/// again when the last one was cancelled) and marks the letter printed; returns the file written. The
/// plan stays proposed until its letter is recorded sent. An abandoned plan is refused.
pub fn export(ledger: &mut Ledger, plan_id: i64, date: NaiveDate, target: &ExportTarget) -> Result<PathBuf> {
    let plan = ledger.plan(plan_id)?;
    if date < plan.drafted_on {
        return Err(crate::desk::Error::conflict(format!(
            "L'échéancier n° {plan_id} a été proposé le {} : sa lettre ne peut pas être datée d'avant, du {}. \
             Exportez-la à cette date ou plus tard (`ardoise plan export {plan_id} --date {}`), ou vérifiez la \
             date de l'ordinateur.",
            format_long(plan.drafted_on),
            format_long(date),
            plan.drafted_on
        )));
    }
    if plan.status == PlanState::Cancelled {
        return Err(crate::desk::Error::conflict(format!(
            "L'échéancier n° {plan_id} est abandonné : sa lettre ne s'imprime plus. Proposez un nouvel échéancier."
        )));
    }
    let usable = match plan.letter_id {
        Some(id) => Some(id).filter(|id| ledger.letter(*id).is_ok_and(|letter| letter.status != "cancelled")),
        None => None,
    };
    let letter_id = match usable {
        Some(id) => id,
        None => {
            let kind = LetterKind::PlanProposal;
            let id = ledger.draft_letter(plan.client_id, kind, kind.default_dispatch(), date, &plan.invoice_ids)?;
            ledger.set_plan_letter(plan_id, id)?;
            id
        }
    };
    // The plan is sent when its letter is (`dispatch`, or the e-mail that carries it), not when printed.
    desk::export_letter(ledger, letter_id, date, target)
}

/// Cash expected month by month from the plans in force on `as_of`.
pub fn expected_cash(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<MonthCash>> {
    // Remembered while the ledger does not change: tracking each plan in force reads its invoices and
    // payments (131 ms for the 200 plans of the benchmark ledger), for a dashboard panel of a few months.
    let cash = ledger.remembered("expected_cash", as_of, || -> Result<Vec<MonthCash>> {
        let tracked: Vec<Tracking> = ledger
            .plans(None)?
            .iter()
            .filter(|p| matches!(p.status, PlanState::Active))
            .map(|p| tracking(ledger, p, as_of))
            .collect::<Result<_, _>>()?;
        Ok(plans::expected_cash(&tracked, as_of))
    })?;
    Ok(cash.to_vec())
}

/// The client's plans on the timeline, newest first: drafted, sent, signed (an acknowledgement of debt:
/// the prescription restarts), and completed or broken as seen on `as_of`.
pub fn timeline_entries(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<Vec<TimelineEntry>> {
    use crate::domain::money::format_eur_ascii;
    let mut entries = Vec::new();
    let entry = |date, title: String, detail: String, amount| TimelineEntry {
        date,
        kind: "plan".into(),
        title,
        detail,
        amount,
        event_id: None,
        open: false,
    };
    for plan in ledger.plans(Some(client_id))? {
        let total = Some(plan.total());
        let terms = format!(
            "{} échéance(s), fréquence {}{}",
            plan.installments.len(),
            plan.frequency.label(),
            if plan.down_payment > Decimal::ZERO {
                format!(", acompte {}", format_eur_ascii(plan.down_payment))
            } else {
                String::new()
            }
        );
        if plan.drafted_on <= as_of {
            entries.push(entry(plan.drafted_on, format!("Échéancier n° {} proposé", plan.id), terms, total));
        }
        if let Some(closed) = plan.closed_on.filter(|d| plan.status == PlanState::Cancelled && *d <= as_of) {
            entries.push(entry(
                closed,
                format!("Échéancier n° {} abandonné", plan.id),
                plan.abandon_reason.clone().unwrap_or_default(),
                None,
            ));
        }
        if let Some(sent) = plan.sent_on.filter(|d| *d <= as_of) {
            entries.push(entry(
                sent,
                format!("Échéancier n° {} envoyé", plan.id),
                "lettre et bon pour accord".into(),
                None,
            ));
        }
        if let Some(signed) = plan.signed_on.filter(|d| *d <= as_of) {
            entries.push(entry(
                signed,
                format!("Échéancier n° {} signé", plan.id),
                format!(
                    "reconnaissance de dette : la prescription repart du {} ; relances suspendues pour ses factures",
                    format_long(signed)
                ),
                total,
            ));
            let tracked = tracking(ledger, &plan, as_of)?;
            match tracked.state {
                PlanState::Completed => entries.push(entry(
                    completed_on(ledger, &plan, as_of)?,
                    format!("Échéancier n° {} soldé", plan.id),
                    "toutes les échéances sont réglées".into(),
                    None,
                )),
                PlanState::Broken => entries.push(entry(
                    ledger.plan_breaches(as_of, Some(client_id))?.get(&plan.id).copied().unwrap_or(as_of),
                    format!("Échéancier n° {} rompu", plan.id),
                    "déchéance du terme : le solde est exigible".into(),
                    Some(tracked.remaining),
                )),
                _ => {}
            }
        }
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.date));
    Ok(entries)
}

/// The day the payments received since the signature reached the plan's total.
fn completed_on(ledger: &Ledger, plan: &PlanRow, as_of: NaiveDate) -> Result<NaiveDate> {
    let signed = plan.signed_on.unwrap_or(plan.drafted_on);
    let mut payments: Vec<_> = ledger
        .payments(plan.client_id)?
        .into_iter()
        .filter(|p| p.date >= signed && p.date <= as_of && p.rejection.as_ref().is_none_or(|r| r.date > as_of))
        .collect();
    payments.sort_by_key(|p| p.date);
    let mut paid = Decimal::ZERO;
    for payment in payments {
        paid += payment.amount;
        if paid >= plan.total() {
            return Ok(payment.date);
        }
    }
    Ok(as_of)
}
