//! What the window and the command line show, assembled from the ledger and the derived figures: the
//! dashboard, the client list, one client's page, the invoice list, the split of a payment. Both shells
//! call these, so they show the same numbers.

use crate::domain::allocation::allocate_oldest_first;
use crate::domain::dunning::{self, Proposal};
use crate::domain::figures::{self, ClientSummary, Dashboard, InvoiceLine, Settlement};
use crate::domain::model::{Client, Event, EventKind, Payment};
use crate::domain::penalties::{Breakdown, Period};
use crate::domain::timeline::{self, TimelineEntry};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::Ledger;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// The dashboard figures on `as_of`.
pub fn dashboard(ledger: &Ledger, as_of: NaiveDate) -> Result<Dashboard> {
    let settlement = settlement(ledger, as_of)?;
    let period_start = as_of - Days::new(figures::DSO_PERIOD_DAYS as u64 - 1);
    let invoiced = ledger.invoiced_between(period_start, as_of)?;
    Ok(figures::dashboard(&settlement, ledger.client_count()?, invoiced, as_of))
}

/// Every client with its balance and lateness on `as_of`, in French alphabetical order.
pub fn client_list(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<ClientSummary>> {
    Ok(figures::client_summaries(&ledger.clients()?, &settlement(ledger, as_of)?, as_of))
}

/// One client's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientDetail {
    pub client: Client,
    pub name: String,
    /// The address as it would be printed, and the postal rules it breaks.
    pub address_lines: Vec<String>,
    pub address_problems: Vec<crate::domain::address::AddressProblem>,
    pub summary: ClientSummary,
    pub invoices: Vec<InvoiceLine>,
    pub payments: Vec<Payment>,
    pub events: Vec<Event>,
    pub timeline: Vec<TimelineEntry>,
    /// The next letter the dunning engine proposes, if any.
    pub proposal: Option<Proposal>,
}

/// Everything about one client on `as_of`.
pub fn client_detail(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<ClientDetail> {
    let client = ledger.client(client_id)?;
    let rows = ledger.invoice_rows(Some(client_id), as_of)?;
    let payments = ledger.payments(client_id)?;
    let events = ledger.events(client_id)?;
    let disputes: Vec<Event> = events.iter().filter(|e| e.fields.kind == EventKind::Dispute).cloned().collect();
    let settlement = client_settlement(ledger, client_id, as_of)?;
    let facts = ledger.dunning_facts(as_of, Some(client_id))?;
    let proposal = dunning::propose(&facts, as_of).pop();
    let mut timeline = timeline::timeline(&rows, &payments, &events, as_of);
    if let Some(found) = facts.clients.first().filter(|c| !c.letters.is_empty()) {
        let number_of = |id: i64| {
            rows.iter()
                .find(|row| row.invoice.id == id)
                .map_or_else(|| format!("n° {id}"), |row| row.invoice.number.clone())
        };
        // Newest first; on the same day a letter comes above the rest, being usually the last thing done.
        let mut merged = timeline::letter_entries(&found.letters, &number_of);
        merged.append(&mut timeline);
        merged.sort_by_key(|entry| std::cmp::Reverse(entry.date));
        timeline = merged;
    }
    let mut plans = crate::desk::plans::timeline_entries(ledger, client_id, as_of).map_err(|error| match error {
        crate::desk::plans::PlanError::Ledger(error) => error,
        other => LedgerError::Conflict(other.to_string()),
    })?;
    if !plans.is_empty() {
        plans.append(&mut timeline);
        plans.sort_by_key(|entry| std::cmp::Reverse(entry.date));
        timeline = plans;
    }
    let invoices =
        rows.into_iter().map(|row| figures::invoice_line(row, &client, &settlement, &disputes, as_of)).collect();
    let summary = figures::client_summaries(std::slice::from_ref(&client), &settlement, as_of)
        .pop()
        .expect("the summary of the one client given");
    let name = client.fields.display_name();
    let (address_lines, address_problems) = if client.fields.address.is_blank() {
        (Vec::new(), Vec::new())
    } else {
        (client.fields.address.lines(&name), client.fields.address.problems(&name))
    };
    Ok(ClientDetail {
        address_lines,
        address_problems,
        name,
        client,
        summary,
        invoices,
        payments,
        events,
        timeline,
        proposal,
    })
}

/// Every invoice, or one client's, with status and days late on `as_of`.
pub fn invoice_list(ledger: &Ledger, client_id: Option<i64>, as_of: NaiveDate) -> Result<Vec<InvoiceLine>> {
    let clients: HashMap<i64, Client> = ledger.clients()?.into_iter().map(|c| (c.id, c)).collect();
    let disputes = ledger.disputes()?;
    let settlement = settlement(ledger, as_of)?;
    Ok(ledger
        .invoice_rows(client_id, as_of)?
        .into_iter()
        .map(|row| {
            let client = &clients[&row.invoice.client_id];
            figures::invoice_line(row, client, &settlement, &disputes, as_of)
        })
        .collect())
}

/// An open invoice of the payment form and the part of the payment it would get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuggestedAllocation {
    pub invoice_id: i64,
    pub number: String,
    pub remaining: Decimal,
    pub amount: Decimal,
}

/// The client's open invoices with the oldest-first split of a payment of `amount`.
pub fn payment_split(ledger: &Ledger, client_id: i64, amount: Decimal) -> Result<Vec<SuggestedAllocation>> {
    let receivables = ledger.receivables(client_id)?;
    let split = allocate_oldest_first(&receivables, amount.max(Decimal::ZERO));
    Ok(receivables
        .into_iter()
        .map(|receivable| SuggestedAllocation {
            amount: split.iter().find(|a| a.invoice_id == receivable.invoice_id).map_or(Decimal::ZERO, |a| a.amount),
            invoice_id: receivable.invoice_id,
            number: receivable.number,
            remaining: receivable.remaining,
        })
        .collect())
}

/// "À faire aujourd'hui": one proposal per client needing action on `as_of`, most urgent first.
pub fn proposals(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<Proposal>> {
    Ok(dunning::propose(&ledger.dunning_facts(as_of, None)?, as_of))
}

/// One client's proposal on `as_of`, loaded for that client alone.
pub fn client_proposal(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<Option<Proposal>> {
    Ok(dunning::propose(&ledger.dunning_facts(as_of, Some(client_id))?, as_of).pop())
}

/// What the user decides on a client's proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum ProposalAction {
    /// Draft the letter.
    Accept,
    /// Pass over this step for these invoices.
    Skip,
    /// No proposal for this client before `until`.
    Snooze { until: NaiveDate },
}

/// Applies a decision to the client's proposal as computed now on `as_of` (never a stale copy from the
/// window); returns the drafted letter's or the decision's id.
pub fn decide_proposal(ledger: &mut Ledger, client_id: i64, as_of: NaiveDate, action: ProposalAction) -> Result<i64> {
    let proposal = client_proposal(ledger, client_id, as_of)?.ok_or_else(|| {
        LedgerError::Conflict("Ce client n'a plus de relance proposée aujourd'hui : la liste va être rechargée.".into())
    })?;
    match action {
        ProposalAction::Accept => ledger.accept_proposal(&proposal, as_of),
        ProposalAction::Skip => ledger.skip_proposal(&proposal, as_of),
        ProposalAction::Snooze { until } => ledger.snooze_proposal(&proposal, as_of, until),
    }
}

/// The settings page's dunning part: the ladder in force and its default, the large-amount threshold,
/// the default payment terms, and the names the editor offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DunningSettingsView {
    pub ladder: crate::domain::ladder::Ladder,
    pub ladder_is_default: bool,
    pub large_amount_threshold: Decimal,
    pub default_payment_terms_days: u32,
    /// (id, French title) of every letter kind the ladder may hold.
    pub ladder_kinds: Vec<(&'static str, &'static str)>,
    /// (id, French label) of every segment.
    pub segments: Vec<(crate::domain::model::Segment, &'static str)>,
}

pub fn dunning_settings(ledger: &Ledger) -> Result<DunningSettingsView> {
    use crate::domain::model::Segment;
    let settings = ledger.dunning_settings()?;
    Ok(DunningSettingsView {
        ladder_is_default: settings.ladder == crate::domain::ladder::Ladder::default_fr(),
        ladder: settings.ladder,
        large_amount_threshold: settings.large_amount_threshold,
        default_payment_terms_days: ledger.default_payment_terms_days()?,
        ladder_kinds: crate::domain::letter_kind::LetterKind::ALL
            .into_iter()
            .filter(|kind| crate::domain::ladder::ladder_rank(*kind).is_some())
            .map(|kind| (kind.id(), kind.title()))
            .collect(),
        segments: [
            Segment::New,
            Segment::Regular,
            Segment::ChronicLatePayer,
            Segment::KeyAccount,
            Segment::MicroBusiness,
        ]
        .into_iter()
        .map(|segment| (segment, crate::domain::ladder::segment_label(segment)))
        .collect(),
    })
}

/// Saves the threshold and the default payment terms together, as one unit.
pub fn save_dunning_options(
    ledger: &mut Ledger,
    large_amount_threshold: Decimal,
    default_payment_terms_days: u32,
) -> Result<()> {
    ledger.atomically(|ledger| {
        ledger.save_large_amount_threshold(large_amount_threshold)?;
        ledger.save_default_payment_terms_days(default_payment_terms_days)
    })
}

fn settlement(ledger: &Ledger, as_of: NaiveDate) -> Result<Settlement> {
    let (open, totals) = ledger.settlement_rows(as_of, None)?;
    Ok(figures::settle(&open, &totals))
}

/// One client's settlement: the same figures for it as the whole ledger's, from its rows alone.
fn client_settlement(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<Settlement> {
    let (open, totals) = ledger.settlement_rows(as_of, Some(client_id))?;
    Ok(figures::settle(&open, &totals))
}

/// One client's penalty breakdown on a date (F4), as the client page and `ardoise penalties` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientPenalties {
    pub client_id: i64,
    pub name: String,
    pub kind: crate::domain::model::ClientKind,
    #[serde(flatten)]
    pub breakdown: Breakdown,
    /// Every invoice's periods in one list, each with its invoice.
    pub periods: Vec<InvoicePeriod>,
}

/// A period of the breakdown with the invoice it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoicePeriod {
    pub invoice_id: i64,
    pub number: String,
    #[serde(flatten)]
    pub period: Period,
}

/// The penalties one client owes on `as_of`, computed with the ledger's rates table.
pub fn penalties(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<ClientPenalties> {
    let client = ledger.client(client_id)?;
    let rates = ledger.rates()?;
    let inputs = ledger.penalty_inputs(as_of, Some(client_id))?;
    let input = inputs.first().ok_or(crate::LedgerError::NotFound { what: "Client", id: client_id })?;
    let breakdown = crate::domain::penalties::compute(&input.input(as_of), &rates);
    let periods = breakdown
        .periods()
        .map(|(invoice, period)| InvoicePeriod {
            invoice_id: invoice.invoice_id,
            number: invoice.number.clone(),
            period: period.clone(),
        })
        .collect();
    Ok(ClientPenalties { client_id, name: client.fields.display_name(), kind: client.fields.kind, breakdown, periods })
}
