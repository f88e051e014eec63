//! Derived figures (F1.6): credits set against invoices, balances, days late, invoice status, aging
//! buckets, DSO. Pure functions of ledger rows and a date; nothing here reads the clock or the database.
//!
//! One rule settles credits: a credit note that names the invoice it corrects goes to that invoice first,
//! up to what it still owes; then a client's unused credit notes (oldest first), then the money it paid
//! without allocation, are set against its open invoices, oldest due date first. An invoice covered that
//! way is no longer owed nor late; the balance of the client is unchanged by the rule. An invoice replaced
//! by a corrected invoice (384, « annule et remplace ») is no longer owed at all, and leaves the balance:
//! what it received is a credit that goes to its replacement first.

use crate::domain::model::{Client, ClientKind, ClientStatus, Event, Invoice, InvoiceRow, Segment};
use crate::domain::money::{cents, round_cents};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Days over which the DSO compares what is owed with what was invoiced.
pub const DSO_PERIOD_DAYS: i64 = 365;

/// An invoice with something left to pay on a date (or, negative, an unused credit note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub invoice_id: i64,
    pub client_id: i64,
    pub due_date: NaiveDate,
    pub remaining: Decimal,
    /// For a credit note: the invoice it corrects (the client's invoice with the number it cites), whose
    /// debt it settles before any other. For a replaced invoice: its replacement.
    pub corrects: Option<i64>,
    /// True for an invoice a corrected invoice of the same client replaces (« annule et remplace »): it is
    /// listed with what it received as a credit (`remaining` zero or negative), not with its amount.
    pub replaced: bool,
    /// True for an invoice written off by the date: listed with what its payments left, so that the
    /// credits which covered part of it stay with it (they are spent: what was given up is the rest), but
    /// owed no more and never in the settlement's invoices.
    pub written_off: bool,
}

/// What the figures need besides open invoices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientTotals {
    /// Money received and not allocated to any invoice, by client: a credit in the client's favour.
    pub unallocated: HashMap<i64, Decimal>,
}

/// An invoice with something owed, after credits were set against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettledInvoice {
    pub invoice_id: i64,
    pub client_id: i64,
    pub due_date: NaiveDate,
    /// Still owed after payments and credits; zero when credits covered it.
    pub remaining: Decimal,
    /// The part of the invoice covered by credit notes or unallocated payments.
    pub credited: Decimal,
}

/// Every open invoice after credits, and the credit nothing was left to absorb.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settlement {
    /// Invoices with a positive amount open before credits, in the order given.
    pub invoices: Vec<SettledInvoice>,
    /// Credit notes by id, with the part of them still unused (a positive amount).
    pub unused_credit_notes: HashMap<i64, Decimal>,
    /// By client, the credit left once all its invoices are covered.
    pub credit_left: HashMap<i64, Decimal>,
    /// Invoices replaced by a corrected invoice, with their replacement: owed no more.
    pub replaced: HashMap<i64, i64>,
    /// Invoices written off, with the part of them credits covered: what was given up is the rest.
    pub written_off: HashMap<i64, Decimal>,
    /// Where each invoice sits in `invoices`: a list of every invoice looks each one up, and a search
    /// through the vector made that quadratic.
    positions: HashMap<i64, usize>,
}

impl Settlement {
    /// The settled state of one invoice, if it was open.
    pub fn invoice(&self, invoice_id: i64) -> Option<&SettledInvoice> {
        self.positions.get(&invoice_id).map(|&position| &self.invoices[position])
    }

    /// A client's balance: what it owes after credits, less the credit left over (negative: we owe it).
    pub fn balance(&self, client_id: i64) -> Decimal {
        let owed: Decimal = self.invoices.iter().filter(|s| s.client_id == client_id).map(|s| s.remaining).sum();
        owed - self.credit_left.get(&client_id).copied().unwrap_or_default()
    }
}

/// Sets each client's credits against its open invoices. `open` must list a client's invoices oldest due
/// date first, as `Ledger::open_invoices` does.
pub fn settle(open: &[OpenInvoice], totals: &ClientTotals) -> Settlement {
    let mut settlement = Settlement::default();
    for invoice in open.iter().filter(|i| i.replaced) {
        if let Some(replacement) = invoice.corrects {
            settlement.replaced.insert(invoice.invoice_id, replacement);
        }
    }
    // First each credit note that names the invoice it corrects, on that invoice.
    let (credited, left) = named_credits(open);
    // Credits by client, in the order they are used: credit notes, then unallocated money.
    let mut credits: HashMap<i64, Vec<(Option<i64>, Decimal)>> = HashMap::new();
    for (client_id, credit_note, available) in left {
        credits.entry(client_id).or_default().push((Some(credit_note), available));
    }
    let mut clients: Vec<&i64> = totals.unallocated.keys().collect();
    clients.sort();
    for client_id in clients {
        let amount = totals.unallocated[client_id];
        if amount > Decimal::ZERO {
            credits.entry(*client_id).or_default().push((None, amount));
        }
    }
    for invoice in open.iter().filter(|i| i.remaining > Decimal::ZERO) {
        let mut remaining = invoice.remaining - credited.get(&invoice.invoice_id).copied().unwrap_or_default();
        if let Some(pool) = credits.get_mut(&invoice.client_id).filter(|_| remaining > Decimal::ZERO) {
            for (_, available) in pool.iter_mut() {
                let used = remaining.min(*available);
                remaining -= used;
                *available -= used;
                if remaining.is_zero() {
                    break;
                }
            }
        }
        if invoice.written_off {
            settlement.written_off.insert(invoice.invoice_id, invoice.remaining - remaining);
            continue;
        }
        settlement.positions.insert(invoice.invoice_id, settlement.invoices.len());
        settlement.invoices.push(SettledInvoice {
            invoice_id: invoice.invoice_id,
            client_id: invoice.client_id,
            due_date: invoice.due_date,
            remaining,
            credited: invoice.remaining - remaining,
        });
    }
    for (client_id, pool) in credits {
        for (credit_note, available) in pool {
            if let Some(id) = credit_note {
                settlement.unused_credit_notes.insert(id, available);
            }
            if available > Decimal::ZERO {
                *settlement.credit_left.entry(client_id).or_default() += available;
            }
        }
    }
    settlement
}

/// What is left of a credit note once set against the invoice it names: (client, credit note, amount).
type CreditLeft = (i64, i64, Decimal);

/// What the credit notes naming the invoice they correct settle of it (the same client's, still owing), by
/// invoice: a credit note given for one invoice is no payment of another. Then what is left of each credit
/// note, (client, credit note, amount), in `open`'s order. The first step of [`settle`].
fn named_credits(open: &[OpenInvoice]) -> (HashMap<i64, Decimal>, Vec<CreditLeft>) {
    let mut owing: HashMap<i64, (i64, Decimal)> = open
        .iter()
        .filter(|i| i.remaining > Decimal::ZERO)
        .map(|i| (i.invoice_id, (i.client_id, i.remaining)))
        .collect();
    let mut credited: HashMap<i64, Decimal> = HashMap::new();
    let mut left = Vec::new();
    for invoice in open.iter().filter(|i| i.remaining < Decimal::ZERO) {
        let mut available = -invoice.remaining;
        let corrected = invoice.corrects.and_then(|id| {
            owing.get_mut(&id).filter(|(client_id, _)| *client_id == invoice.client_id).map(|(_, owed)| (id, owed))
        });
        if let Some((target, owed)) = corrected {
            let used = available.min(*owed);
            *owed -= used;
            available -= used;
            *credited.entry(target).or_default() += used;
        }
        left.push((invoice.client_id, invoice.invoice_id, available));
    }
    (credited, left)
}

/// The most a payment split by hand may give each invoice of `open`: what its payments leave, less the
/// credit notes that name it (`settle`'s first step), for the invoices that owe something and are not
/// replaced. The client's other credits (a credit note naming no invoice, money not allocated) may settle
/// any invoice, so they are not taken off: the user may give an invoice the money and let them settle
/// another (a payment dated before the credit note, say). The split Ardoise proposes stops at what the
/// invoice list says remains (`settle`), credits included.
pub fn receivable_amounts(open: &[OpenInvoice]) -> HashMap<i64, Decimal> {
    let (credited, _) = named_credits(open);
    open.iter()
        .filter(|i| i.remaining > Decimal::ZERO && !i.replaced)
        .map(|i| (i.invoice_id, i.remaining - credited.get(&i.invoice_id).copied().unwrap_or_default()))
        .filter(|(_, remaining)| *remaining > Decimal::ZERO)
        .collect()
}

/// The status of an invoice, derived from its amounts, dates and disputes (F1.3); never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    NotDue,
    Overdue,
    PartiallyPaid,
    Paid,
    Disputed,
    WrittenOff,
    /// A negative invoice: money set against the client's other invoices.
    CreditNote,
    /// Replaced by a corrected invoice (« annule et remplace »): owed no more, its replacement is.
    Replaced,
}

impl InvoiceStatus {
    /// The label shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            InvoiceStatus::NotDue => "non échue",
            InvoiceStatus::Overdue => "en retard",
            InvoiceStatus::PartiallyPaid => "partiellement réglée",
            InvoiceStatus::Paid => "réglée",
            InvoiceStatus::Disputed => "contestée",
            InvoiceStatus::WrittenOff => "abandonnée",
            InvoiceStatus::CreditNote => "avoir",
            InvoiceStatus::Replaced => "remplacée",
        }
    }
}

/// Days late on `as_of`: zero until the day after the due date.
pub fn days_late(due_date: NaiveDate, as_of: NaiveDate) -> i64 {
    (as_of - due_date).num_days().max(0)
}

/// True when a dispute in force on `as_of` covers this invoice (or the whole account).
pub fn is_disputed(invoice_id: i64, client_id: i64, disputes: &[Event], as_of: NaiveDate) -> bool {
    disputes.iter().any(|dispute| {
        dispute.fields.client_id == client_id
            && dispute.fields.invoice_id.is_none_or(|id| id == invoice_id)
            && dispute.in_force_on(as_of)
    })
}

/// The derived status of one invoice on `as_of`, given what is still owed on it after payments and
/// credits, and whether a dispute covers it.
pub fn invoice_status(invoice: &Invoice, remaining: Decimal, disputed: bool, as_of: NaiveDate) -> InvoiceStatus {
    if invoice.written_off_on.is_some_and(|date| date <= as_of) {
        InvoiceStatus::WrittenOff
    } else if invoice.amount.is_sign_negative() {
        InvoiceStatus::CreditNote
    } else if remaining <= Decimal::ZERO {
        InvoiceStatus::Paid
    } else if disputed {
        InvoiceStatus::Disputed
    } else if remaining < invoice.amount {
        InvoiceStatus::PartiallyPaid
    } else if as_of > invoice.due_date {
        InvoiceStatus::Overdue
    } else {
        InvoiceStatus::NotDue
    }
}

/// An invoice as a list shows it on a date: after payments and credits, with its derived status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceLine {
    #[serde(flatten)]
    pub row: InvoiceRow,
    pub client_name: String,
    /// Covered by credit notes or unallocated payments.
    pub credited: Decimal,
    /// Settled so far by payments and credits: amount − remaining (the unused part, for a credit note).
    pub settled: Decimal,
    pub remaining: Decimal,
    pub status: InvoiceStatus,
    pub status_label: &'static str,
    /// Days past the due date while something remains to pay; zero otherwise.
    pub days_late: i64,
}

/// The line of one invoice on `as_of`; `row.paid` must have been read as of the same date.
pub fn invoice_line(
    row: InvoiceRow,
    client: &Client,
    settlement: &Settlement,
    disputes: &[Event],
    as_of: NaiveDate,
) -> InvoiceLine {
    let invoice = &row.invoice;
    let before_credits = row.remaining_on(as_of);
    let replaced = settlement.replaced.contains_key(&invoice.id);
    let (remaining, credited) = if invoice.issue_date > as_of {
        (before_credits, Decimal::ZERO)
    } else if replaced {
        (Decimal::ZERO, Decimal::ZERO)
    } else if let Some(credited) = settlement.written_off.get(&invoice.id) {
        (Decimal::ZERO, *credited)
    } else if invoice.amount.is_sign_negative() {
        let unused = settlement.unused_credit_notes.get(&invoice.id).copied().unwrap_or_default();
        (-unused, Decimal::ZERO)
    } else {
        settlement
            .invoice(invoice.id)
            .map_or((before_credits.max(Decimal::ZERO), Decimal::ZERO), |s| (s.remaining, s.credited))
    };
    let disputed =
        client.fields.status == ClientStatus::InDispute || is_disputed(invoice.id, invoice.client_id, disputes, as_of);
    let status = if replaced { InvoiceStatus::Replaced } else { invoice_status(invoice, remaining, disputed, as_of) };
    let days_late = if remaining > Decimal::ZERO { days_late(invoice.due_date, as_of) } else { 0 };
    InvoiceLine {
        client_name: client.fields.display_name(),
        credited: cents(credited),
        settled: cents(match status {
            InvoiceStatus::WrittenOff => row.paid + credited,
            // What it received went to its replacement.
            InvoiceStatus::Replaced => row.paid,
            _ => invoice.amount - remaining,
        }),
        remaining: cents(if status == InvoiceStatus::WrittenOff { Decimal::ZERO } else { remaining }),
        status,
        status_label: status.label(),
        days_late,
        row,
    }
}

/// One bar of the aging chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgingBucket {
    /// "not_due", "1_30", "31_60", "61_90", "over_90".
    pub key: &'static str,
    pub label: &'static str,
    pub amount: Decimal,
    pub invoices: usize,
}

/// The bucket of an invoice by days late: (key, label, upper bound in days).
const BUCKETS: [(&str, &str, i64); 5] = [
    ("not_due", "Non échu", 0),
    ("1_30", "1 à 30 jours", 30),
    ("31_60", "31 à 60 jours", 60),
    ("61_90", "61 à 90 jours", 90),
    ("over_90", "Plus de 90 jours", i64::MAX),
];

/// The figures of the dashboard on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub as_of: NaiveDate,
    pub clients: i64,
    /// Invoices with something still owed after payments and credits.
    pub invoices_open: usize,
    /// What clients owe in all, after credits (a client's leftover credit lowers no one else's debt).
    pub total_owed: Decimal,
    /// What is owed on invoices past their due date.
    pub total_overdue: Decimal,
    pub late_clients: usize,
    pub aging: Vec<AgingBucket>,
    /// Days sales outstanding over the last 365 days; None when nothing was invoiced in that time.
    pub dso_days: Option<i64>,
}

/// Computes the dashboard from the settled invoices and the sales of the last year.
pub fn dashboard(settlement: &Settlement, clients: i64, invoiced_last_period: Decimal, as_of: NaiveDate) -> Dashboard {
    let mut aging: Vec<AgingBucket> = BUCKETS
        .iter()
        .map(|(key, label, _)| AgingBucket { key, label, amount: cents(Decimal::ZERO), invoices: 0 })
        .collect();
    let mut late_clients = HashSet::new();
    // Amounts to the cent even when nothing adds to them (« 0.00 », never « 0 », in JSON).
    let mut total_owed = cents(Decimal::ZERO);
    let mut total_overdue = cents(Decimal::ZERO);
    let mut invoices_open = 0;
    for invoice in settlement.invoices.iter().filter(|s| s.remaining > Decimal::ZERO) {
        invoices_open += 1;
        total_owed += invoice.remaining;
        let late = days_late(invoice.due_date, as_of);
        let bucket = BUCKETS.iter().position(|(_, _, upper)| late <= *upper).unwrap_or(BUCKETS.len() - 1);
        aging[bucket].amount += invoice.remaining;
        aging[bucket].invoices += 1;
        if late > 0 {
            total_overdue += invoice.remaining;
            late_clients.insert(invoice.client_id);
        }
    }
    let dso_days = if invoiced_last_period > Decimal::ZERO {
        let days = total_owed * Decimal::from(DSO_PERIOD_DAYS) / invoiced_last_period;
        rust_decimal::prelude::ToPrimitive::to_i64(
            &days.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
        )
    } else {
        None
    };
    Dashboard {
        as_of,
        clients,
        invoices_open,
        total_owed: round_cents(total_owed),
        total_overdue,
        late_clients: late_clients.len(),
        aging,
        dso_days,
    }
}

/// One line of the client list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientSummary {
    pub id: i64,
    pub name: String,
    /// The name as French alphabetical order sees it: company, or last name then first name, in
    /// capitals without accents.
    pub sort_name: String,
    pub kind: ClientKind,
    pub segment: Segment,
    pub status: ClientStatus,
    pub town: String,
    /// What the client owes after payments and credits (negative: a credit in its favour).
    pub balance: Decimal,
    pub overdue: Decimal,
    /// Days late of the oldest overdue invoice, zero when none is late.
    pub max_days_late: i64,
    pub open_invoices: usize,
}

/// The `count` clients most late: the one whose oldest overdue invoice is the oldest first, then the one
/// owing the most overdue, then French alphabetical order (the dashboard's « Clients les plus en retard »).
pub fn most_late(summaries: &[ClientSummary], count: usize) -> Vec<ClientSummary> {
    let mut late: Vec<&ClientSummary> = summaries.iter().filter(|client| client.max_days_late > 0).collect();
    late.sort_by(|a, b| {
        (b.max_days_late.cmp(&a.max_days_late))
            .then(b.overdue.cmp(&a.overdue))
            .then_with(|| a.sort_name.cmp(&b.sort_name))
            .then(a.id.cmp(&b.id))
    });
    late.into_iter().take(count).cloned().collect()
}

/// The client list with balances, in French alphabetical order.
pub fn client_summaries(clients: &[Client], settlement: &Settlement, as_of: NaiveDate) -> Vec<ClientSummary> {
    // Balances in one pass: `Settlement::balance` per client would read every invoice for each client.
    let mut owed: HashMap<i64, Decimal> = HashMap::new();
    for settled in &settlement.invoices {
        *owed.entry(settled.client_id).or_default() += settled.remaining;
    }
    let balance_of = |client_id: i64| {
        owed.get(&client_id).copied().unwrap_or_default()
            - settlement.credit_left.get(&client_id).copied().unwrap_or_default()
    };
    let mut summaries: Vec<ClientSummary> = clients
        .iter()
        .map(|client| {
            let fields = &client.fields;
            let sort_base = if fields.company_name.trim().is_empty() {
                format!("{} {}", fields.last_name.trim(), fields.first_name.trim())
            } else {
                fields.company_name.trim().to_string()
            };
            let balance = balance_of(client.id);
            ClientSummary {
                id: client.id,
                name: fields.display_name(),
                sort_name: crate::domain::address::upper_without_accents(&sort_base),
                kind: fields.kind,
                segment: fields.segment,
                status: fields.status,
                town: fields.address.town.clone(),
                // A balance of nothing is plain zero, never "-0".
                balance: cents(balance),
                overdue: cents(Decimal::ZERO),
                max_days_late: 0,
                open_invoices: 0,
            }
        })
        .collect();
    let index: HashMap<i64, usize> = summaries.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    for invoice in settlement.invoices.iter().filter(|s| s.remaining > Decimal::ZERO) {
        let Some(summary) = index.get(&invoice.client_id).map(|&i| &mut summaries[i]) else { continue };
        summary.open_invoices += 1;
        let late = days_late(invoice.due_date, as_of);
        if late > 0 {
            summary.overdue += invoice.remaining;
            summary.max_days_late = summary.max_days_late.max(late);
        }
    }
    summaries.sort_by(|a, b| a.sort_name.cmp(&b.sort_name).then(a.id.cmp(&b.id)));
    summaries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: i64, sort_name: &str, overdue: i64, max_days_late: i64) -> ClientSummary {
        ClientSummary {
            id,
            name: sort_name.to_string(),
            sort_name: sort_name.to_string(),
            kind: ClientKind::Professional,
            segment: Segment::Regular,
            status: ClientStatus::Active,
            town: String::new(),
            balance: Decimal::from(overdue),
            overdue: Decimal::from(overdue),
            max_days_late,
            open_invoices: 1,
        }
    }

    #[test]
    fn the_most_late_come_by_days_then_by_what_is_overdue_then_by_name() {
        let clients = [
            summary(1, "ARBRE", 900, 10),
            summary(2, "BOIS", 100, 40),
            summary(3, "CEDRE", 500, 40),
            summary(4, "AULNE", 500, 40),
            summary(5, "DUNE", 5_000, 0),
            summary(6, "ERABLE", 50, 3),
        ];
        let ids = |count| most_late(&clients, count).iter().map(|client| client.id).collect::<Vec<_>>();
        assert_eq!(ids(10), [4, 3, 2, 1, 6], "Dune owes the most but nothing is late");
        assert_eq!(ids(2), [4, 3]);
        assert_eq!(ids(0), Vec::<i64>::new());
    }
}
