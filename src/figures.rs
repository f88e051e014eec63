//! Derived figures (F1.6): balances, days late, invoice status, aging buckets, DSO. Pure functions of
//! ledger rows and a date; nothing here reads the clock or the database.

use crate::ledger::{ClientTotals, InvoiceRow, OpenInvoice};
use crate::model::{Client, ClientKind, ClientStatus, Event, Segment};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// Days over which the DSO compares what is owed with what was invoiced.
pub const DSO_PERIOD_DAYS: i64 = 365;

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
    /// A negative invoice: money the user owes back or will deduct.
    CreditNote,
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

/// The derived status of one invoice on `as_of`.
pub fn invoice_status(row: &InvoiceRow, disputes: &[Event], as_of: NaiveDate) -> InvoiceStatus {
    let invoice = &row.invoice;
    if invoice.written_off_on.is_some_and(|date| date <= as_of) {
        InvoiceStatus::WrittenOff
    } else if invoice.amount.is_sign_negative() {
        InvoiceStatus::CreditNote
    } else if row.remaining() <= Decimal::ZERO {
        InvoiceStatus::Paid
    } else if is_disputed(invoice.id, invoice.client_id, disputes, as_of) {
        InvoiceStatus::Disputed
    } else if row.paid > Decimal::ZERO {
        InvoiceStatus::PartiallyPaid
    } else if as_of > invoice.due_date {
        InvoiceStatus::Overdue
    } else {
        InvoiceStatus::NotDue
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
    pub invoices_open: usize,
    /// What clients owe in all, each client's balance counted when positive.
    pub total_owed: Decimal,
    /// The remaining amounts of invoices past their due date.
    pub total_overdue: Decimal,
    pub late_clients: usize,
    pub aging: Vec<AgingBucket>,
    /// Days sales outstanding over the last 365 days; None when nothing was invoiced in that time.
    pub dso_days: Option<i64>,
}

/// Computes the dashboard from the open invoices, unallocated credits and the sales of the last year.
pub fn dashboard(
    open: &[OpenInvoice],
    totals: &ClientTotals,
    clients: i64,
    invoiced_last_period: Decimal,
    as_of: NaiveDate,
) -> Dashboard {
    let mut aging: Vec<AgingBucket> =
        BUCKETS.iter().map(|(key, label, _)| AgingBucket { key, label, amount: Decimal::ZERO, invoices: 0 }).collect();
    let mut balances: HashMap<i64, Decimal> = HashMap::new();
    let mut late_clients = std::collections::HashSet::new();
    let mut total_overdue = Decimal::ZERO;
    let mut invoices_open = 0;
    for invoice in open {
        *balances.entry(invoice.client_id).or_default() += invoice.remaining;
        if invoice.remaining <= Decimal::ZERO {
            continue;
        }
        invoices_open += 1;
        let late = days_late(invoice.due_date, as_of);
        let bucket = BUCKETS.iter().position(|(_, _, upper)| late <= *upper).unwrap_or(BUCKETS.len() - 1);
        aging[bucket].amount += invoice.remaining;
        aging[bucket].invoices += 1;
        if late > 0 {
            total_overdue += invoice.remaining;
            late_clients.insert(invoice.client_id);
        }
    }
    for (client_id, credit) in &totals.unallocated {
        *balances.entry(*client_id).or_default() -= *credit;
    }
    let total_owed: Decimal = balances.values().filter(|b| b.is_sign_positive()).sum();
    let dso_days = if invoiced_last_period > Decimal::ZERO {
        let days = total_owed * Decimal::from(DSO_PERIOD_DAYS) / invoiced_last_period;
        rust_decimal::prelude::ToPrimitive::to_i64(&days.round())
    } else {
        None
    };
    Dashboard {
        as_of,
        clients,
        invoices_open,
        total_owed,
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
    pub kind: ClientKind,
    pub segment: Segment,
    pub status: ClientStatus,
    pub town: String,
    /// Open invoices less unallocated credit.
    pub balance: Decimal,
    pub overdue: Decimal,
    /// Days late of the oldest overdue invoice, zero when none is late.
    pub max_days_late: i64,
    pub open_invoices: usize,
}

/// The client list with balances, sorted by name.
pub fn client_summaries(
    clients: &[Client],
    open: &[OpenInvoice],
    totals: &ClientTotals,
    as_of: NaiveDate,
) -> Vec<ClientSummary> {
    let mut by_id: HashMap<i64, ClientSummary> = clients
        .iter()
        .map(|client| {
            let summary = ClientSummary {
                id: client.id,
                name: client.fields.display_name(),
                kind: client.fields.kind,
                segment: client.fields.segment,
                status: client.fields.status,
                town: client.fields.address.town.clone(),
                balance: Decimal::ZERO - totals.unallocated.get(&client.id).copied().unwrap_or_default(),
                overdue: Decimal::ZERO,
                max_days_late: 0,
                open_invoices: 0,
            };
            (client.id, summary)
        })
        .collect();
    for invoice in open {
        let Some(summary) = by_id.get_mut(&invoice.client_id) else { continue };
        summary.balance += invoice.remaining;
        if invoice.remaining > Decimal::ZERO {
            summary.open_invoices += 1;
            let late = days_late(invoice.due_date, as_of);
            if late > 0 {
                summary.overdue += invoice.remaining;
                summary.max_days_late = summary.max_days_late.max(late);
            }
        }
    }
    clients
        .iter()
        .filter_map(|client| by_id.remove(&client.id))
        .map(|mut summary| {
            // Negation leaves a signed zero ("-0" in JSON); a balance of nothing is plain zero.
            if summary.balance.is_zero() {
                summary.balance = Decimal::ZERO;
            }
            summary
        })
        .collect()
}
