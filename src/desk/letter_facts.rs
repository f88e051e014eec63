//! Gathering a letter's facts from the ledger on a date: the profile, the client's account and penalty
//! breakdown read through the desk, the invoices whose document is kept intact (what the letter may
//! enclose), assembled by `documents::letters::assemble`, then the stored payment plan a plan letter
//! states.

use crate::desk::accounts::account;
use crate::desk::Result;
use crate::documents::letters::assemble::{assemble, missing_rates, LetterSources, RatesFor};
use crate::documents::letters::facts::*;
use crate::domain::letter_kind::{Dispatch, LetterKind};
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
    with_stored_plan(ledger, facts)
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
