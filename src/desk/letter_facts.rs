//! Gathering a letter's facts from the ledger on a date: the profile, the client's account and penalty
//! breakdown read through the desk, the invoices whose document is kept intact (what the letter may
//! enclose), assembled by `documents::letters::assemble`, then the stored payment plan a plan letter
//! states, or the installment a signed plan missed that the déchéance du terme letter names.

use crate::desk::accounts::account;
use crate::desk::Result;
use crate::documents::letters::assemble::{assemble, missing_rates, LetterSources, RatesFor};
use crate::documents::letters::facts::*;
use crate::domain::letter_kind::{Dispatch, LetterKind};
use crate::domain::plans::InstallmentState;
use crate::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What to write: a kind, to a client, on a date; the rest is read from the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterRequest {
    pub kind: LetterKind,
    pub client_id: i64,
    pub date: NaiveDate,
    /// "with_fees" for the plan proposal carrying the penalties; empty otherwise.
    pub variant: String,
    /// The invoices concerned; the kind's usual choice when empty.
    pub invoice_ids: Vec<i64>,
    /// Overrides the kind's default dispatch.
    pub dispatch: Option<Dispatch>,
    pub tracking_number: String,
    pub letter_id: Option<i64>,
}

/// The facts of the requested letter, as of its date.
pub fn facts(ledger: &Ledger, request: &LetterRequest) -> Result<LetterFacts> {
    let profile = ledger.profile()?;
    let account = account(ledger, request.client_id, request.date)?;
    let penalties = crate::desk::penalties::penalties(ledger, request.client_id, request.date)?;
    // What was sent before this letter (never the letter itself, when it is stored and was sent).
    let previous_letters: Vec<SentLetterFacts> = ledger
        .sent_letters(request.client_id, request.date)?
        .into_iter()
        .filter(|letter| Some(letter.id) != request.letter_id)
        .filter_map(|letter| Some(SentLetterFacts::new(letter.kind, letter.sent_on?, letter.invoice_ids)))
        .collect();
    let documents = crate::desk::invoices::intact_documents(ledger, request.client_id)?;
    let documents: Vec<i64> = documents.iter().map(|document| document.invoice_id).collect();
    let facts = assemble(&LetterSources {
        kind: request.kind,
        date: request.date,
        variant: &request.variant,
        invoice_ids: &request.invoice_ids,
        dispatch: request.dispatch,
        tracking_number: &request.tracking_number,
        letter_id: request.letter_id,
        profile: &profile,
        client: &account.client,
        invoices: &account.invoices,
        payments: &account.payments,
        events: &account.events,
        breakdown: &penalties.breakdown,
        previous_letters: &previous_letters,
        documents: &documents,
    });
    let facts = with_stored_plan(ledger, facts)?;
    with_missed_installment(ledger, facts)
}

/// The déchéance du terme letter names the installment its client's signed plan missed and claims the
/// plan's balance, principal and fees apart; without a signed plan late on the letter's date there is
/// nothing to notify, and the letter waits (`LetterFacts::missing`).
fn with_missed_installment(ledger: &Ledger, mut facts: LetterFacts) -> Result<LetterFacts> {
    if facts.kind != LetterKind::MissedInstallment {
        return Ok(facts);
    }
    let ids: Vec<i64> = facts.invoices.iter().map(|invoice| invoice.id).collect();
    let signed = ledger.plans(Some(facts.client.id))?.into_iter().filter(|plan| {
        plan.signed_on.is_some_and(|on| on <= facts.date) && plan.invoice_ids.iter().any(|id| ids.contains(id))
    });
    for plan in signed.rev() {
        let tracked = crate::desk::plans::tracking(ledger, &plan, facts.date)?;
        let Some(late) = tracked.installments.iter().find(|i| i.state == InstallmentState::Late) else { continue };
        // The payments were allocated to the invoices, which show the principal left; the plan's fees are
        // owed as far as what remains of the plan covers them.
        let fees = plan.fees.min(tracked.remaining).max(Decimal::ZERO);
        facts.missed = Some(MissedInstallmentFacts {
            plan_id: plan.id,
            signed_on: plan.signed_on.unwrap_or(plan.drafted_on),
            sequence: late.sequence,
            due_date: late.due_date,
            amount: late.amount,
            partly_paid: late.paid > Decimal::ZERO,
            unpaid: late.amount - late.paid,
            balance: facts.total_remaining + fees,
            principal: facts.total_remaining,
            fees: (fees > Decimal::ZERO).then_some(fees),
        });
        return Ok(facts);
    }
    facts.missing.push(MissingFact {
        code: "missed_installment".into(),
        subject: String::new(),
        message: format!(
            "Échéance impayée : aucun échéancier signé de {} n'a d'échéance impayée au {} pour ces factures ; ce \
             courrier de déchéance du terme n'a rien à notifier. Il se prépare quand une échéance d'un échéancier \
             signé n'est pas réglée à sa date (« À faire aujourd'hui »).",
            facts.client.name,
            crate::domain::calendar::format_long(facts.date)
        ),
    });
    Ok(facts)
}

/// A letter exported for a stored payment plan states that plan (its schedule, down payment, fees and
/// rhythm) rather than the default proposal; the fees variant follows the plan.
fn with_stored_plan(ledger: &Ledger, mut facts: LetterFacts) -> Result<LetterFacts> {
    let Some(plan) = facts.letter_id.map(|id| ledger.plan_of_letter(id)).transpose()?.flatten() else {
        return Ok(facts);
    };
    facts.plan = PlanFacts {
        fees: plan.fees,
        fees_on: plan.drafted_on,
        total: plan.total(),
        down_payment: (plan.down_payment > Decimal::ZERO).then_some(plan.down_payment),
        rhythm: plan.frequency.rhythm().into(),
        installments: plan
            .installments
            .iter()
            .enumerate()
            .map(|(index, (due_date, amount))| InstallmentFacts {
                sequence: index as i64 + 1,
                due_date: *due_date,
                amount: *amount,
            })
            .collect(),
    };
    if facts.kind == LetterKind::PlanProposal {
        facts.variant = if plan.fees > Decimal::ZERO { "with_fees".into() } else { String::new() };
    }
    // Its fees are counted to the drafting day: the rates they need are those up to that day, and the
    // plan waits for a missing one as a letter claiming interest does.
    facts.missing.retain(|fact| fact.code != "missing_rate");
    if plan.fees > Decimal::ZERO {
        let client = ledger.client(plan.client_id)?;
        let penalties = crate::desk::penalties::penalties(ledger, plan.client_id, plan.drafted_on)?;
        facts.missing.extend(missing_rates(
            &penalties.breakdown,
            &plan.invoice_ids,
            client.fields.kind,
            RatesFor::Plan,
        ));
    }
    Ok(facts)
}
