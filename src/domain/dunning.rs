//! The dunning engine (F3): for every client, the next letter to send, why, and for how much. A pure
//! function of facts loaded from the ledger and the date passed in; it never reads the clock.
//!
//! The order of the rules, for one client:
//! 1. A collective procedure stops all dunning; a déclaration de créance is proposed until one is sent.
//! 2. A letter drafted or printed but not sent blocks everything: nothing escalates past it; except the
//!    letter of a plan signed by the date, which the signed agreement proves arrived.
//! 0. An invoice with less than the residual tolerance left to pay (`DunningSettings::residual_tolerance`)
//!    is not dunned at all: a 0,01 € balance never makes a letter claiming 40,01 €.
//! 3. Pauses: a snooze, a pause or a dispute on the whole account, a promise not yet due; a disputed
//!    invoice, a paused one (a pause naming it, until its end date) or one covered by an active payment
//!    plan leaves the ladder while that lasts.
//! 4. Events before the calendar: a rejected payment, a missed plan installment, a broken promise, a
//!    partial payment since the last letter, each proposes its own letter once.
//! 5. The ladder, walked invoice by invoice: the next row after the last one sent (or skipped) for that
//!    invoice, if it is due by its days and by the gap since the client's last letter. A large overdue
//!    total goes straight to the mise en demeure when that row is due by date. The most advanced due row
//!    wins; every invoice at that row is in the letter (several: a grouped letter).
//!
//! Every proposal names the rule that fired in words (`step_label`: « Étape 3 de l'échelle (client
//! régulier) : relance ferme, 20 jours après l'échéance… »), and warns of any invoice within
//! `prescription::WATCH_MONTHS` of being time-barred (`domain::prescription`).

use crate::domain::calendar::{format_long, sending_day};
use crate::domain::ladder::{segment_label, Anchor, DunningSettings, LadderStep};
use crate::domain::letter_kind::{Dispatch, LetterKind};
use crate::domain::model::{ClientKind, ClientStatus, Event, EventKind, Segment};
use crate::domain::money::format_eur;
use crate::domain::penalties::{self, PenaltyInput, PenaltyInvoice};
use crate::domain::plans::PlanState;
use crate::domain::prescription::{self, Clock, Restart};
use crate::domain::rates::RateTable;
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;

/// Days ahead in which a plan installment due is mentioned.
pub const INSTALLMENT_NOTICE_DAYS: i64 = 7;

/// Everything the engine reads, for every client, as of one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DunningFacts {
    pub settings: DunningSettings,
    pub rates: RateTable,
    pub clients: Vec<ClientFacts>,
}

/// One client and what happened with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientFacts {
    pub id: i64,
    pub name: String,
    pub kind: ClientKind,
    pub segment: Segment,
    pub status: ClientStatus,
    pub procedure_opening_date: Option<NaiveDate>,
    pub procedure_bodacc_date: Option<NaiveDate>,
    /// Invoices with something owed on the date, after credits; oldest due date first.
    pub invoices: Vec<InvoiceFacts>,
    /// Letters not cancelled, oldest first.
    pub letters: Vec<LetterFacts>,
    /// Skips and snoozes decided on proposals.
    pub decisions: Vec<DecisionFacts>,
    /// Promises, disputes and pauses.
    pub events: Vec<Event>,
    /// For each promise event (by id), what was paid from its date to its deadline.
    pub promise_payments: Vec<(i64, Decimal)>,
    /// Payments rejected on or before the date.
    pub rejections: Vec<RejectionFacts>,
    pub plans: Vec<PlanFacts>,
}

/// An open invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceFacts {
    pub id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    /// Still owed on the date, after payments and credits.
    pub remaining: Decimal,
    pub penalty_rate: Option<Decimal>,
    /// Money allocated to it and counting on the date.
    pub receipts: Vec<Receipt>,
    /// The credits set against it (a credit note, the client's money not allocated), dated as the penalties
    /// count them (`Ledger::penalty_inputs`): they end interest as a payment does, but are no news of a
    /// payment.
    pub credits: Vec<(NaiveDate, Decimal)>,
}

/// Money an invoice received, dated, and how the ledger learned of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    pub date: NaiveDate,
    pub amount: Decimal,
    pub origin: ReceiptOrigin,
}

/// How a payment entered the ledger: what tells news from history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptOrigin {
    /// Recorded in Ardoise (by hand, or matched from the bank): the user learned of it as it came.
    Recorded,
    /// Brought by importing an invoicing tool's export or a workbook: the history of the invoice as
    /// the file tells it, possibly long past.
    Imported,
}

/// Where a letter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterStatus {
    Drafted,
    Printed,
    Sent,
    Cancelled,
}

/// A letter of the client (cancelled ones are left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterFacts {
    pub id: i64,
    pub kind: LetterKind,
    pub status: LetterStatus,
    pub drafted_on: NaiveDate,
    pub sent_on: Option<NaiveDate>,
    /// The day the letter reached the debtor: the receipt, or the first presentation of a letter left
    /// unclaimed (`crate::domain::delivery`'s rule); the next step counting from receipt waits for it.
    pub receipt_date: Option<NaiveDate>,
    /// What became of it (received, unclaimed, returned), when recorded by the date.
    pub delivery: Option<crate::domain::delivery::Delivery>,
    pub dispatch: Dispatch,
    pub ladder_step: Option<String>,
    pub invoice_ids: Vec<i64>,
}

/// What the user decided on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// This step for these invoices is passed over, as if it had been sent.
    Skip,
    /// No proposal for the client before `until`.
    Snooze,
}

/// A skip or a snooze.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionFacts {
    pub decision: Decision,
    pub kind: LetterKind,
    pub ladder_step: String,
    pub decided_on: NaiveDate,
    pub until: Option<NaiveDate>,
    pub invoice_ids: Vec<i64>,
}

/// A bounced cheque or rejected direct debit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectionFacts {
    pub payment_id: i64,
    pub payment_date: NaiveDate,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub fees: Decimal,
    pub method: crate::domain::model::PaymentMethod,
    pub invoice_ids: Vec<i64>,
}

/// A payment plan with its installments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFacts {
    pub id: i64,
    pub status: PlanState,
    pub signed_on: Option<NaiveDate>,
    pub down_payment: Decimal,
    pub installments: Vec<(NaiveDate, Decimal)>,
    pub invoice_ids: Vec<i64>,
    /// What the client paid from the signature to the date (payments not rejected).
    pub paid_since_signed: Decimal,
    /// The plan letter (with its agreement form), once exported.
    pub letter_id: Option<i64>,
}

/// One invoice a proposal is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalInvoice {
    pub invoice_id: i64,
    pub number: String,
    pub due_date: NaiveDate,
    pub remaining: Decimal,
    pub days_late: i64,
}

/// The next letter for one client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub client_id: i64,
    pub client_name: String,
    pub kind: LetterKind,
    /// The kind's French title.
    pub title: String,
    /// The ladder row that fired, or the event rule's id ("rejected_payment").
    pub step: String,
    /// Which rule fired, in words: « Étape 3 de l'échelle (client régulier) : relance ferme, 20 jours
    /// après l'échéance, en lettre simple… », « Événement : paiement rejeté… ».
    pub step_label: String,
    pub invoices: Vec<ProposalInvoice>,
    pub principal: Decimal,
    pub interest: Decimal,
    pub indemnity: Decimal,
    pub total: Decimal,
    pub dispatch: Dispatch,
    pub sending_day: NaiveDate,
    /// One French sentence saying why.
    pub reason: String,
    /// Higher is more urgent; the list is sorted by it.
    pub urgency: i64,
    /// A deadline the letter must meet (the déclaration de créance's).
    pub deadline: Option<NaiveDate>,
    pub warnings: Vec<String>,
    /// The half-years (« 2026-S2 ») whose rate the interest needs and the rates table lacks: one of the
    /// warnings says so, and the window offers to enter each.
    pub missing_rates: Vec<String>,
}

/// The proposals on `as_of`, one per client needing action, most urgent first.
pub fn propose(facts: &DunningFacts, as_of: NaiveDate) -> Vec<Proposal> {
    // Each client's proposal depends on its own facts alone: a large ledger's clients are shared out between
    // the machine's cores.
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(8);
    propose_in_shares(facts, as_of, facts.clients.len().div_ceil(cores).max(PROPOSALS_SHARE))
}

/// `propose`, the clients taken `share` at a time, each share on a thread of its own when there are several:
/// the shares are joined in order and the sort is stable, so the list is the same whatever the share.
pub fn propose_in_shares(facts: &DunningFacts, as_of: NaiveDate, share: usize) -> Vec<Proposal> {
    let propose_all = |clients: &[ClientFacts]| -> Vec<Proposal> {
        clients.iter().filter_map(|client| propose_for(client, &facts.settings, &facts.rates, as_of)).collect()
    };
    let share = share.max(1);
    let mut proposals: Vec<Proposal> = if share >= facts.clients.len() {
        propose_all(&facts.clients)
    } else {
        std::thread::scope(|scope| {
            let shares: Vec<_> =
                facts.clients.chunks(share).map(|clients| scope.spawn(move || propose_all(clients))).collect();
            shares
                .into_iter()
                .flat_map(|share| share.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        })
    };
    proposals
        .sort_by(|a, b| b.urgency.cmp(&a.urgency).then(b.total.cmp(&a.total)).then(a.client_name.cmp(&b.client_name)));
    proposals
}

/// The fewest clients worth a thread of their own when proposing (below, one thread does it all).
const PROPOSALS_SHARE: usize = 1_000;

/// Rule 1's test: a client is under a collective procedure on `date` when its status says so, or when its
/// opening judgment is dated on or before that day (the status may have changed since: the debts born
/// before the judgment stay under it). The engine, the letters drafted by hand and the court dossier read
/// this one test.
pub fn under_procedure(status: ClientStatus, opening: Option<NaiveDate>, date: NaiveDate) -> bool {
    status == ClientStatus::CollectiveProcedure || opening.is_some_and(|opening| opening <= date)
}

/// Rule 1's kinds: what a client under a collective procedure may still be sent. The opening judgment
/// forbids paying the debts born before it (C. com. L622-7) and any action to be paid them (L622-21), and
/// stops their interest (L622-28): every letter asking for payment is refused, whether the ladder proposes
/// it or the user drafts it. Left: the déclaration de créance, addressed to the mandataire (the only kind
/// rule 1 proposes), and the letters that ask nothing (`asks_payment` false in the kind's row).
pub fn allowed_under_procedure(kind: LetterKind) -> bool {
    kind == LetterKind::ClaimDeclaration || !kind.asks_payment()
}

/// Whether an invoice issued on `issue_date` is declared in the procedure opened on `opening`: a debt born
/// before the judgment (issued on or before its day, due or not yet). One issued since is not declared;
/// the ladder leaves it alone too. The engine's proposal and a declaration drafted by hand take the same.
pub fn declared_in_procedure(issue_date: NaiveDate, opening: Option<NaiveDate>) -> bool {
    opening.is_none_or(|opening| issue_date <= opening)
}

/// Why `refused` (« Mise en demeure refusée », « Dossier pour le tribunal refusé ») cannot be done for a
/// client under a collective procedure, in French, naming the procedure and what to do instead.
pub fn procedure_refusal(refused: &str, client_name: &str, opening: Option<NaiveDate>) -> String {
    let opened = opening
        .map_or_else(String::new, |opening| format!(" depuis le jugement d'ouverture du {}", format_long(opening)));
    format!(
        "{refused} : {client_name} est en procédure collective{opened}. Le jugement d'ouverture interdit de payer \
         les dettes nées avant lui et toute démarche pour en obtenir le paiement (C. com. L622-7 et L622-21), et \
         arrête le cours des intérêts (L622-28) : ni relance, ni mise en demeure, ni injonction de payer. La \
         créance se déclare au mandataire judiciaire : préparez la « {} » (claim_declaration).",
        LetterKind::ClaimDeclaration.title()
    )
}

/// `kind`'s title with « refusé » agreed: « Mise en demeure refusée ».
pub fn refused(kind: LetterKind) -> String {
    format!("{} {}", kind.title(), if kind.feminine() { "refusée" } else { "refusé" })
}

/// The proposal for one client on `as_of`, if it needs action.
pub fn propose_for(
    client: &ClientFacts,
    settings: &DunningSettings,
    rates: &RateTable,
    as_of: NaiveDate,
) -> Option<Proposal> {
    // 0. Residual balances under the tolerance are not dunned.
    let client = &without_residuals(client, settings.residual_tolerance);
    if client.invoices.is_empty() {
        return None;
    }
    let history = History::of(client);
    // 1. Collective procedure: of the kinds `allowed_under_procedure` lets through, only the déclaration de
    // créance is ever proposed.
    if under_procedure(client.status, client.procedure_opening_date, as_of) {
        return claim_declaration(client, &history, settings, rates, as_of);
    }
    // 2. A letter waiting to be sent blocks everything. The letter of a plan signed by the date waits for
    // nothing: the agreement that came back signed is the proof it arrived, however its sending was recorded.
    let agreed: HashSet<i64> =
        client.plans.iter().filter(|p| p.signed_on.is_some_and(|d| d <= as_of)).filter_map(|p| p.letter_id).collect();
    if client
        .letters
        .iter()
        .any(|l| matches!(l.status, LetterStatus::Drafted | LetterStatus::Printed) && !agreed.contains(&l.id))
    {
        return None;
    }
    // 3. Pauses.
    if client.status == ClientStatus::InDispute {
        return None;
    }
    let snoozed = client
        .decisions
        .iter()
        .any(|d| d.decision == Decision::Snooze && d.decided_on <= as_of && d.until.is_some_and(|until| as_of < until));
    if snoozed {
        return None;
    }
    for event in &client.events {
        let whole_account = event.fields.invoice_id.is_none();
        let paused = match event.fields.kind {
            EventKind::Pause | EventKind::Dispute => whole_account && event.in_force_on(as_of),
            EventKind::Promise => event.fields.date <= as_of && event.fields.until.is_some_and(|until| as_of <= until),
            _ => false,
        };
        if paused {
            return None;
        }
    }
    // A dispute or a pause naming an invoice takes that invoice alone off the ladder while it lasts.
    let disputed: HashSet<i64> = client
        .events
        .iter()
        .filter(|e| matches!(e.fields.kind, EventKind::Dispute | EventKind::Pause) && e.in_force_on(as_of))
        .filter_map(|e| e.fields.invoice_id)
        .collect();
    let in_plan: HashSet<i64> =
        client.plans.iter().filter(|p| p.status.in_force()).flat_map(|p| p.invoice_ids.iter().copied()).collect();
    let invoices: Vec<&InvoiceFacts> =
        client.invoices.iter().filter(|i| !disputed.contains(&i.id) && !in_plan.contains(&i.id)).collect();

    // 4. Events before the calendar.
    let drafted = |found: Found| Some(finish(client, found, &history, settings, rates, as_of));
    if let Some(found) = rejected_payment(client, &history, as_of) {
        return drafted(found);
    }
    if let Some(found) = missed_installment(client, &history, as_of) {
        return drafted(found);
    }
    if let Some(found) = broken_promise(client, &history, &invoices, as_of) {
        return drafted(found);
    }
    if let Some(found) = partial_payment(&history, &invoices, as_of) {
        return drafted(found);
    }
    // 5. The ladder.
    let found = ladder(client, settings, &history, &invoices, as_of)?;
    drafted(found)
}

/// A letter in the history: a real one, or a skip decided on a proposal.
#[derive(Debug, Clone)]
struct Past {
    kind: LetterKind,
    step: Option<String>,
    /// The day it was sent (or skipped).
    on: NaiveDate,
    receipt: Option<NaiveDate>,
    /// Left unclaimed at the post office: `receipt` is its first presentation.
    unclaimed: bool,
    dispatch: Dispatch,
    skipped: bool,
    invoice_ids: Vec<i64>,
}

/// What the client has been sent, and skipped, on the date.
struct History {
    past: Vec<Past>,
}

impl History {
    fn of(client: &ClientFacts) -> History {
        let mut past: Vec<Past> = client
            .letters
            .iter()
            .filter(|l| l.status == LetterStatus::Sent)
            .map(|l| Past {
                kind: l.kind,
                step: l.ladder_step.clone(),
                on: l.sent_on.unwrap_or(l.drafted_on),
                receipt: l.receipt_date,
                unclaimed: matches!(l.delivery, Some(crate::domain::delivery::Delivery::Unclaimed(_))),
                dispatch: l.dispatch,
                skipped: false,
                invoice_ids: l.invoice_ids.clone(),
            })
            .collect();
        past.extend(client.decisions.iter().filter(|d| d.decision == Decision::Skip).map(|d| Past {
            kind: d.kind,
            step: Some(d.ladder_step.clone()),
            on: d.decided_on,
            receipt: None,
            unclaimed: false,
            dispatch: d.kind.default_dispatch(),
            skipped: true,
            invoice_ids: d.invoice_ids.clone(),
        }));
        past.sort_by_key(|p| p.on);
        History { past }
    }

    /// The last letter really sent, on or before the date.
    fn last_sent(&self, as_of: NaiveDate) -> Option<&Past> {
        self.past.iter().rev().find(|p| !p.skipped && p.on <= as_of)
    }

    /// True when a letter (or skip) of `kind` is dated on or after `since`.
    fn has_kind_since(&self, kind: LetterKind, since: NaiveDate, as_of: NaiveDate) -> bool {
        self.past.iter().any(|p| p.kind == kind && p.on >= since && p.on <= as_of)
    }

    /// True when any letter was sent on or after `since`.
    fn any_sent_since(&self, since: NaiveDate, as_of: NaiveDate) -> bool {
        self.past.iter().any(|p| !p.skipped && p.on >= since && p.on <= as_of)
    }
}

/// A rule that fired, before amounts, sending day and warnings are added.
struct Found {
    kind: LetterKind,
    step: String,
    step_label: String,
    dispatch: Dispatch,
    invoice_ids: Vec<i64>,
    reason: String,
    deadline: Option<NaiveDate>,
    warnings: Vec<String>,
}

/// The client without the invoices whose residual balance is under the tolerance (borrowed when it has
/// none).
fn without_residuals(client: &ClientFacts, tolerance: Decimal) -> Cow<'_, ClientFacts> {
    if client.invoices.iter().all(|invoice| invoice.remaining >= tolerance) {
        return Cow::Borrowed(client);
    }
    let mut kept = client.clone();
    kept.invoices.retain(|invoice| invoice.remaining >= tolerance);
    Cow::Owned(kept)
}

/// « Événement : … », the words of a rule that is not a row of the ladder.
fn event_label(what: &str) -> String {
    format!("Événement : {what}.")
}

fn proposed(kind: LetterKind) -> String {
    format!("{} {}", kind.title(), if kind.feminine() { "proposée" } else { "proposé" })
}

/// "3 novembre", with the year when it is not the year of `as_of`.
fn day_label(date: NaiveDate, as_of: NaiveDate) -> String {
    let long = format_long(date);
    if date.year() == as_of.year() {
        long.rsplit_once(' ').map_or(long.clone(), |(head, _)| head.to_string())
    } else {
        long
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 jour".to_string()
    } else {
        format!("{n} jours")
    }
}

fn claim_declaration(
    client: &ClientFacts,
    history: &History,
    settings: &DunningSettings,
    rates: &RateTable,
    as_of: NaiveDate,
) -> Option<Proposal> {
    let opening = client.procedure_opening_date;
    // Only what was owed before the opening judgment is declared.
    let ids: Vec<i64> =
        client.invoices.iter().filter(|i| declared_in_procedure(i.issue_date, opening)).map(|i| i.id).collect();
    if ids.is_empty() {
        return None;
    }
    let declared =
        client.letters.iter().any(|l| l.kind == LetterKind::ClaimDeclaration && l.status == LetterStatus::Sent)
            || client.decisions.iter().any(|d| d.decision == Decision::Skip && d.kind == LetterKind::ClaimDeclaration);
    let waiting = client.letters.iter().any(|l| {
        l.kind == LetterKind::ClaimDeclaration && matches!(l.status, LetterStatus::Drafted | LetterStatus::Printed)
    });
    if declared || waiting {
        return None;
    }
    let mut warnings = Vec::new();
    let deadline = client.procedure_bodacc_date.and_then(|d| d.checked_add_months(Months::new(2)));
    let opened = opening.map_or("ouverte".to_string(), |o| format!("ouverte le {}", day_label(o, as_of)));
    let reason = match (client.procedure_bodacc_date, deadline) {
        (Some(bodacc), Some(deadline)) => {
            if deadline < as_of {
                warnings.push(format!(
                    "Délai de déclaration dépassé depuis le {} : demandez au juge-commissaire un relevé de \
                     forclusion (6 mois au plus).",
                    format_long(deadline)
                ));
            } else {
                warnings.push(format!(
                    "Déclaration de créance à adresser au mandataire avant le {} ({} restants).",
                    format_long(deadline),
                    days((deadline - as_of).num_days())
                ));
            }
            format!(
                "{} : procédure collective {opened}, publiée au BODACC le {} ; la créance est à déclarer avant le {}.",
                proposed(LetterKind::ClaimDeclaration),
                day_label(bodacc, as_of),
                format_long(deadline)
            )
        }
        _ => {
            warnings.push(
                "Date de publication au BODACC inconnue : le délai de deux mois court à partir d'elle ; \
                 renseignez-la sur la fiche du client."
                    .to_string(),
            );
            format!(
                "{} : procédure collective {opened}, aucune relance possible.",
                proposed(LetterKind::ClaimDeclaration)
            )
        }
    };
    let found = Found {
        kind: LetterKind::ClaimDeclaration,
        step: LetterKind::ClaimDeclaration.id().to_string(),
        step_label: "Procédure collective : aucune relance n'est permise, la créance se déclare au mandataire \
                     (C. com. L622-24)."
            .to_string(),
        dispatch: LetterKind::ClaimDeclaration.default_dispatch(),
        invoice_ids: ids,
        reason,
        deadline,
        warnings,
    };
    Some(finish(client, found, history, settings, rates, as_of))
}

fn rejected_payment(client: &ClientFacts, history: &History, as_of: NaiveDate) -> Option<Found> {
    let open: HashSet<i64> = client.invoices.iter().map(|i| i.id).collect();
    client.rejections.iter().rev().filter(|r| r.date <= as_of).find_map(|rejection| {
        if history.has_kind_since(LetterKind::RejectedPayment, rejection.date, as_of)
            || history.any_sent_since(rejection.date, as_of)
        {
            return None;
        }
        let mut ids: Vec<i64> = rejection.invoice_ids.iter().copied().filter(|id| open.contains(id)).collect();
        if rejection.invoice_ids.is_empty() {
            ids = client.invoices.iter().map(|i| i.id).collect();
        }
        if ids.is_empty() {
            return None;
        }
        let what = match rejection.method {
            crate::domain::model::PaymentMethod::Cheque => "chèque",
            crate::domain::model::PaymentMethod::DirectDebit => "prélèvement",
            _ => "règlement",
        };
        let fees = if rejection.fees > Decimal::ZERO {
            format!(", frais bancaires {}", format_eur(rejection.fees))
        } else {
            String::new()
        };
        Some(Found {
            kind: LetterKind::RejectedPayment,
            step: LetterKind::RejectedPayment.id().to_string(),
            step_label: event_label("paiement rejeté par la banque, la lettre de rejet passe avant les relances"),
            dispatch: LetterKind::RejectedPayment.default_dispatch(),
            invoice_ids: ids,
            reason: format!(
                "{} : {what} de {} du {} rejeté le {}{fees}.",
                proposed(LetterKind::RejectedPayment),
                format_eur(rejection.amount),
                day_label(rejection.payment_date, as_of),
                day_label(rejection.date, as_of)
            ),
            deadline: None,
            warnings: Vec::new(),
        })
    })
}

fn missed_installment(client: &ClientFacts, history: &History, as_of: NaiveDate) -> Option<Found> {
    let open: HashSet<i64> = client.invoices.iter().map(|i| i.id).collect();
    client.plans.iter().filter(|p| p.status.in_force()).find_map(|plan| {
        let mut due = plan.down_payment;
        for (date, amount) in &plan.installments {
            if *date >= as_of {
                break;
            }
            due += amount;
            if plan.paid_since_signed < due {
                if history.has_kind_since(LetterKind::MissedInstallment, *date, as_of) {
                    return None;
                }
                let ids: Vec<i64> = plan.invoice_ids.iter().copied().filter(|id| open.contains(id)).collect();
                if ids.is_empty() {
                    return None;
                }
                return Some(Found {
                    kind: LetterKind::MissedInstallment,
                    step: LetterKind::MissedInstallment.id().to_string(),
                    step_label: event_label(
                        "échéance d'un échéancier signé non réglée, la déchéance du terme passe avant les relances",
                    ),
                    dispatch: LetterKind::MissedInstallment.default_dispatch(),
                    invoice_ids: ids,
                    reason: format!(
                        "{} : l'échéance de {} du {} n'est pas réglée ({} reçus depuis la signature du plan, {} attendus).",
                        proposed(LetterKind::MissedInstallment),
                        format_eur(*amount),
                        day_label(*date, as_of),
                        format_eur(plan.paid_since_signed),
                        format_eur(due)
                    ),
                    deadline: None,
                    warnings: Vec::new(),
                });
            }
        }
        None
    })
}

fn broken_promise(
    client: &ClientFacts,
    history: &History,
    invoices: &[&InvoiceFacts],
    as_of: NaiveDate,
) -> Option<Found> {
    client.events.iter().rev().filter(|e| e.fields.kind == EventKind::Promise).find_map(|promise| {
        let until = promise.fields.until?;
        if until >= as_of
            || history.any_sent_since(until, as_of)
            || history.has_kind_since(LetterKind::BrokenPromise, until, as_of)
        {
            return None;
        }
        let promised = promise.fields.amount.unwrap_or_default();
        let paid = client.promise_payments.iter().find(|(id, _)| *id == promise.id).map_or(Decimal::ZERO, |(_, p)| *p);
        if paid >= promised {
            return None;
        }
        let ids: Vec<i64> = match promise.fields.invoice_id {
            Some(id) => invoices.iter().filter(|i| i.id == id).map(|i| i.id).collect(),
            None => invoices.iter().filter(|i| i.due_date < as_of).map(|i| i.id).collect(),
        };
        if ids.is_empty() {
            return None;
        }
        let received =
            if paid > Decimal::ZERO { format!("seulement {} reçus", format_eur(paid)) } else { "rien reçu".into() };
        Some(Found {
            kind: LetterKind::BrokenPromise,
            step: LetterKind::BrokenPromise.id().to_string(),
            step_label: event_label("promesse de paiement non tenue à sa date"),
            dispatch: LetterKind::BrokenPromise.default_dispatch(),
            invoice_ids: ids,
            reason: format!(
                "{} : paiement de {} promis le {} pour le {}, {received}.",
                proposed(LetterKind::BrokenPromise),
                format_eur(promised),
                day_label(promise.fields.date, as_of),
                day_label(until, as_of)
            ),
            deadline: None,
            warnings: Vec::new(),
        })
    })
}

/// A partial payment is news, and gets its acknowledgement letter, when it came after the invoice was
/// due and after the last letter sent. A payment brought by an import is the invoice's history as the
/// invoicing tool tells it: it is news only when a letter was sent before it (the debtor answered a
/// letter); an imported history of payments never makes letters of its own.
fn partial_payment(history: &History, invoices: &[&InvoiceFacts], as_of: NaiveDate) -> Option<Found> {
    let last_letter = history.last_sent(as_of).map(|p| p.on);
    let mut concerned = Vec::new();
    let mut latest: Option<(NaiveDate, Decimal)> = None;
    for invoice in invoices.iter().filter(|i| i.due_date < as_of) {
        let since = last_letter.map_or(invoice.due_date, |l| l.max(invoice.due_date));
        let is_news = |receipt: &&Receipt| {
            receipt.date > since
                && receipt.date <= as_of
                && (receipt.origin == ReceiptOrigin::Recorded || last_letter.is_some())
        };
        let Some(&Receipt { date, amount, .. }) =
            invoice.receipts.iter().filter(is_news).max_by_key(|receipt| receipt.date)
        else {
            continue;
        };
        if history.has_kind_since(LetterKind::PartialPayment, date, as_of) {
            continue;
        }
        concerned.push(invoice.id);
        if latest.is_none_or(|(d, _)| date > d) {
            latest = Some((date, amount));
        }
    }
    let (date, amount) = latest?;
    let remaining: Decimal = invoices.iter().filter(|i| concerned.contains(&i.id)).map(|i| i.remaining).sum();
    Some(Found {
        kind: LetterKind::PartialPayment,
        step: LetterKind::PartialPayment.id().to_string(),
        step_label: event_label("règlement partiel reçu depuis le dernier courrier, il appelle son accusé"),
        dispatch: LetterKind::PartialPayment.default_dispatch(),
        invoice_ids: concerned,
        reason: format!(
            "{} : règlement partiel de {} reçu le {}, il reste {} à payer.",
            proposed(LetterKind::PartialPayment),
            format_eur(amount),
            day_label(date, as_of),
            format_eur(remaining)
        ),
        deadline: None,
        warnings: Vec::new(),
    })
}

/// The date a row is due for an invoice whose last ladder letter is `previous`; None when it cannot be
/// known yet (a receipt not recorded).
fn trigger(row: &LadderStep, invoice: &InvoiceFacts, previous: Option<&Past>) -> Option<NaiveDate> {
    let base = match (row.counts_from, previous) {
        (Anchor::DueDate, _) | (_, None) => invoice.due_date,
        (Anchor::PreviousLetter, Some(previous)) => previous.on,
        (Anchor::PreviousReceipt, Some(previous)) => {
            // Never before the last day of the deadline the letter gave, moved off weekends and holidays.
            let receipt = previous.receipt?;
            let ends = crate::domain::delivery::days_from_receipt(previous.kind)
                .map_or(receipt, |days| crate::domain::delivery::deadline_end(receipt, days));
            return Some(offset(receipt, row.days).max(ends));
        }
    };
    Some(offset(base, row.days))
}

fn offset(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date + Days::new(days as u64)
    } else {
        date - Days::new(days.unsigned_abs())
    }
}

/// One invoice's next due row.
struct Candidate<'a> {
    index: usize,
    invoice: &'a InvoiceFacts,
    previous: Option<&'a Past>,
    shortcut: bool,
}

fn ladder(
    client: &ClientFacts,
    settings: &DunningSettings,
    history: &History,
    invoices: &[&InvoiceFacts],
    as_of: NaiveDate,
) -> Option<Found> {
    let rows = settings.ladder.for_segment(client.segment);
    if rows.is_empty() {
        return None;
    }
    let last_sent = history.last_sent(as_of);
    let gap_ok = |row: &LadderStep| last_sent.is_none_or(|p| (as_of - p.on).num_days() >= row.min_gap_days);
    let overdue_total: Decimal = invoices.iter().filter(|i| i.due_date < as_of).map(|i| i.remaining).sum();
    let large = overdue_total >= settings.large_amount_threshold;
    let formal_notice = rows.iter().position(|r| r.kind == LetterKind::FormalNotice);

    let mut candidates: Vec<Candidate> = Vec::new();
    for invoice in invoices {
        // The last ladder row passed for this invoice: by step id, else by kind (the segment may have changed).
        let mut position: Option<(usize, &Past)> = None;
        for past in history.past.iter().filter(|p| p.on <= as_of && p.invoice_ids.contains(&invoice.id)) {
            let index = rows
                .iter()
                .position(|r| past.step.as_deref() == Some(r.step.as_str()))
                .or_else(|| rows.iter().position(|r| r.kind == past.kind));
            if let Some(index) = index {
                if position.is_none_or(|(p, _)| index >= p) {
                    position = Some((index, past));
                }
            }
        }
        let previous = position.map(|(_, p)| p);
        let mut index = position.map_or(0, |(p, _)| p + 1);
        // Optional rows whose moment has gone are passed over.
        while index < rows.len() && rows[index].optional {
            let row = rows[index];
            let next_due =
                rows.get(index + 1).and_then(|next| trigger(next, invoice, previous)).is_some_and(|d| d <= as_of);
            let window_closed = row.counts_from == Anchor::DueDate && row.days < 0 && as_of > invoice.due_date;
            if next_due || window_closed {
                index += 1;
            } else {
                break;
            }
        }
        if index >= rows.len() {
            continue;
        }
        let mut shortcut = false;
        if let Some(notice) = formal_notice {
            let row = rows[notice];
            if large
                && index < notice
                && invoice.due_date < as_of
                && trigger(row, invoice, None).is_some_and(|d| d <= as_of)
            {
                index = notice;
                shortcut = true;
            }
        }
        let row = rows[index];
        if trigger(row, invoice, previous).is_some_and(|d| d <= as_of) && gap_ok(row) {
            candidates.push(Candidate { index, invoice, previous, shortcut });
        }
    }
    let top = candidates.iter().map(|c| c.index).max()?;
    let chosen: Vec<&Candidate> = candidates.iter().filter(|c| c.index == top).collect();
    let row = rows[top];
    let grouped = chosen.len() > 1 && row.kind.row().groupable;
    let kind = if grouped { LetterKind::GroupedStatement } else { row.kind };
    let oldest = chosen.iter().map(|c| c.invoice).min_by_key(|i| i.due_date).expect("at least one candidate");
    let late = (as_of - oldest.due_date).num_days();
    let previous = chosen.iter().filter_map(|c| c.previous).max_by_key(|p| p.on);
    let head = if grouped {
        format!("{} (étape « {} »)", proposed(kind), lower_first(row.kind.title()))
    } else if chosen.iter().any(|c| c.shortcut) {
        format!("{} directement", proposed(kind))
    } else {
        proposed(kind)
    };
    let subject = if chosen.len() > 1 {
        format!(
            "{} factures en retard, la plus ancienne échue le {} ({} de retard)",
            chosen.len(),
            day_label(oldest.due_date, as_of),
            days(late)
        )
    } else if oldest.due_date >= as_of {
        format!("facture {} à échéance le {}", oldest.number, day_label(oldest.due_date, as_of))
    } else {
        format!("facture {} échue le {}, {} de retard", oldest.number, day_label(oldest.due_date, as_of), days(late))
    };
    let reason = if chosen.iter().any(|c| c.shortcut) {
        format!(
            "{head} : {} en retard, au-delà du seuil de {} ; {subject}.",
            format_eur(overdue_total),
            format_eur(settings.large_amount_threshold)
        )
    } else {
        match previous {
            None if row.kind == LetterKind::PreReminder => {
                format!("{head} : {subject} ({}).", segment_label(client.segment))
            }
            None => format!("{head} : {subject}, aucune relance envoyée."),
            Some(previous) => {
                let name = lower_first(previous.kind.title());
                let agreed = if previous.kind.feminine() { "e" } else { "" };
                let quiet = (as_of - previous.on).num_days();
                if previous.skipped {
                    format!("{head} : {name} ignoré{agreed} le {} ; {subject}.", day_label(previous.on, as_of))
                } else if let (Dispatch::Registered, Some(receipt)) = (previous.dispatch, previous.receipt) {
                    let received = if previous.unclaimed {
                        "avisé{agreed} non réclamé{agreed} depuis"
                    } else {
                        "reçu{agreed}"
                    };
                    let received = received.replace("{agreed}", agreed);
                    format!(
                        "{head} : {name} envoyé{agreed} en recommandé le {}, {received} le {}, aucun règlement depuis ({}).",
                        day_label(previous.on, as_of),
                        day_label(receipt, as_of),
                        days((as_of - receipt).num_days())
                    )
                } else {
                    format!(
                        "{head} : {name} envoyé{agreed} le {}, {} sans règlement ; {subject}.",
                        day_label(previous.on, as_of),
                        days(quiet)
                    )
                }
            }
        }
    };
    let mut warnings = Vec::new();
    // The next step counts from this letter's receipt: say so, or the ladder would wait for nothing.
    let next_counts_from_receipt = rows.get(top + 1).is_some_and(|next| next.counts_from == Anchor::PreviousReceipt);
    if next_counts_from_receipt && row.dispatch == Dispatch::Registered {
        warnings.push(
            "À envoyer en recommandé avec AR, en notant la date de réception : l'étape suivante compte depuis elle."
                .to_string(),
        );
    }
    let mut step_label =
        format!("Étape {} de l'échelle ({}) : {}", top + 1, segment_label(client.segment), row.describe());
    if chosen.iter().any(|c| c.shortcut) {
        step_label.push_str(&format!(
            " ; atteinte directement, les retards dépassant le seuil de {}",
            format_eur(settings.large_amount_threshold)
        ));
    }
    if grouped {
        step_label.push_str(&format!(" ; {} factures réunies en un relevé", chosen.len()));
    }
    step_label.push('.');
    Some(Found {
        kind,
        step: row.step.clone(),
        step_label,
        dispatch: row.dispatch,
        invoice_ids: chosen.iter().map(|c| c.invoice.id).collect(),
        reason,
        deadline: None,
        warnings,
    })
}

/// Adds the invoices, the amounts (penalties::compute), the sending day, the urgency and the
/// warnings every proposal carries.
fn finish(
    client: &ClientFacts,
    found: Found,
    history: &History,
    settings: &DunningSettings,
    rates: &RateTable,
    as_of: NaiveDate,
) -> Proposal {
    let concerned: Vec<&InvoiceFacts> = client.invoices.iter().filter(|i| found.invoice_ids.contains(&i.id)).collect();
    let penalty_invoices: Vec<PenaltyInvoice> = concerned
        .iter()
        .map(|i| PenaltyInvoice {
            invoice_id: i.id,
            number: i.number.clone(),
            due_date: i.due_date,
            amount: i.amount,
            contractual_rate: i.penalty_rate,
            receipts: i
                .receipts
                .iter()
                .map(|receipt| (receipt.date, receipt.amount))
                .chain(i.credits.iter().copied())
                .collect(),
        })
        .collect();
    let formal_notice = history
        .past
        .iter()
        .filter(|p| !p.skipped && p.kind == LetterKind::FormalNotice && p.on <= as_of)
        .map(|p| p.receipt.unwrap_or(p.on))
        .min();
    let breakdown = penalties::compute(
        &PenaltyInput {
            kind: client.kind,
            invoices: &penalty_invoices,
            formal_notice,
            opening_judgment: client.procedure_opening_date,
            as_of,
            residual_tolerance: settings.residual_tolerance,
        },
        rates,
    );
    // The principal claimed is what is owed after credits; the breakdown adds interest and indemnity.
    let principal: Decimal = concerned.iter().filter(|i| i.due_date < as_of).map(|i| i.remaining).sum();
    let principal = if principal.is_zero() { concerned.iter().map(|i| i.remaining).sum() } else { principal };
    let mut missing_rates: Vec<String> = Vec::new();
    for period in breakdown.invoices.iter().flat_map(|invoice| &invoice.periods).filter(|p| p.rate.is_none()) {
        let code = crate::domain::calendar::half_year_code(period.from);
        if !missing_rates.contains(&code) {
            missing_rates.push(code);
        }
    }
    let mut warnings = found.warnings;
    warnings.extend(breakdown.warnings.iter().map(|w| w.message.clone()));
    warnings.extend(prescription_warnings(client, &concerned, as_of));
    warnings.extend(installment_notices(client, as_of));
    let oldest_late = concerned.iter().map(|i| (as_of - i.due_date).num_days()).max().unwrap_or(0).clamp(0, 999);
    let urgency = found.kind.row().urgency * 1000 + oldest_late;
    Proposal {
        client_id: client.id,
        client_name: client.name.clone(),
        kind: found.kind,
        title: found.kind.title().to_string(),
        step: found.step,
        step_label: found.step_label,
        invoices: concerned
            .iter()
            .map(|i| ProposalInvoice {
                invoice_id: i.id,
                number: i.number.clone(),
                due_date: i.due_date,
                remaining: i.remaining,
                days_late: (as_of - i.due_date).num_days().max(0),
            })
            .collect(),
        principal,
        interest: breakdown.interest,
        indemnity: breakdown.indemnity,
        total: principal + breakdown.interest + breakdown.indemnity,
        dispatch: found.dispatch,
        sending_day: sending_day(as_of),
        reason: found.reason,
        urgency,
        deadline: found.deadline,
        warnings,
        missing_rates,
    }
}

/// The clock of one open invoice (`domain::prescription`): its dates, and what restarted it — a payment
/// plan signed covering it, a payment allocated to it, a claim filed in court naming it or the whole
/// account.
pub fn prescription_clock(client: &ClientFacts, invoice: &InvoiceFacts) -> Clock {
    let mut restarts: Vec<(NaiveDate, Restart)> = invoice.receipts.iter().map(|r| (r.date, Restart::Payment)).collect();
    restarts.extend(
        client
            .plans
            .iter()
            .filter(|p| p.invoice_ids.contains(&invoice.id))
            .filter_map(|p| p.signed_on)
            .map(|signed| (signed, Restart::PlanSigned)),
    );
    restarts.extend(
        client
            .events
            .iter()
            .filter(|e| e.fields.kind == EventKind::Filing)
            .filter(|e| e.fields.invoice_id.is_none_or(|id| id == invoice.id))
            .map(|e| (e.fields.date, Restart::Filing)),
    );
    Clock { issue_date: invoice.issue_date, due_date: invoice.due_date, restarts }
}

/// Prescription (`domain::prescription`): a warning for each invoice of the letter time-barred already
/// or within `prescription::WATCH_MONTHS`; a mise en demeure does not interrupt it.
fn prescription_warnings(client: &ClientFacts, invoices: &[&InvoiceFacts], as_of: NaiveDate) -> Vec<String> {
    let mut warnings = Vec::new();
    for invoice in invoices {
        let found = prescription::prescription(client.kind, &prescription_clock(client, invoice), as_of);
        if !prescription::watched(&found, as_of) {
            continue;
        }
        let left = (found.time_barred_on - as_of).num_days();
        if left <= 0 {
            warnings.push(format!(
                "Facture {} : prescrite depuis le {} ({}) ; le client peut refuser de payer.",
                invoice.number,
                format_long(found.time_barred_on),
                found.basis
            ));
        } else {
            warnings.push(format!(
                "Facture {} : prescription le {} ({}, {} restants) ; une mise en demeure ne l'interrompt pas, une \
                 injonction de payer ou un échéancier signé oui.",
                invoice.number,
                format_long(found.time_barred_on),
                found.basis,
                days(left)
            ));
        }
    }
    warnings
}

fn installment_notices(client: &ClientFacts, as_of: NaiveDate) -> Vec<String> {
    client
        .plans
        .iter()
        .filter(|p| p.status.in_force())
        .flat_map(|p| p.installments.iter())
        .filter(|(date, _)| *date >= as_of && (*date - as_of).num_days() <= INSTALLMENT_NOTICE_DAYS)
        .map(|(date, amount)| format!("Échéance du plan de {} le {}.", format_eur(*amount), format_long(*date)))
        .collect()
}
