//! What the window and the command line show, assembled from the ledger and the derived figures: the
//! dashboard, the client list, one client's page, the invoice list. Both shells call these, so they show
//! the same numbers.

use crate::error::Result;
use crate::figures::{self, ClientSummary, Dashboard, InvoiceStatus};
use crate::ledger::{InvoiceRow, Ledger};
use crate::model::{Client, Event, Payment};
use crate::timeline::{self, TimelineEntry};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// The dashboard figures on `as_of`.
pub fn dashboard(ledger: &Ledger, as_of: NaiveDate) -> Result<Dashboard> {
    let open = ledger.open_invoices()?;
    let totals = ledger.client_totals()?;
    let period_start = as_of - Days::new(figures::DSO_PERIOD_DAYS as u64 - 1);
    let invoiced = ledger.invoiced_between(period_start, as_of)?;
    Ok(figures::dashboard(&open, &totals, ledger.client_count()?, invoiced, as_of))
}

/// Every client with its balance and lateness on `as_of`.
pub fn client_list(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<ClientSummary>> {
    let mut list =
        figures::client_summaries(&ledger.clients()?, &ledger.open_invoices()?, &ledger.client_totals()?, as_of);
    list.sort_by_cached_key(|summary| sort_key(&summary.name));
    Ok(list)
}

/// A name as French alphabetical order sees it: capitals and accents ignored ("École" between "Dupont"
/// and "Fabre").
pub fn sort_key(name: &str) -> String {
    crate::address::upper_without_accents(name)
}

/// An invoice as a list shows it: its amounts, derived status and days late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceLine {
    #[serde(flatten)]
    pub row: InvoiceRow,
    pub client_name: String,
    pub remaining: Decimal,
    pub status: InvoiceStatus,
    pub status_label: &'static str,
    /// Days past the due date while something remains to pay; zero otherwise.
    pub days_late: i64,
}

/// One client's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientDetail {
    pub client: Client,
    pub name: String,
    /// The address as it would be printed, and the postal rules it breaks.
    pub address_lines: Vec<String>,
    pub address_problems: Vec<crate::address::AddressProblem>,
    pub summary: ClientSummary,
    pub invoices: Vec<InvoiceLine>,
    pub payments: Vec<Payment>,
    pub events: Vec<Event>,
    pub timeline: Vec<TimelineEntry>,
}

/// Everything about one client on `as_of`.
pub fn client_detail(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<ClientDetail> {
    let client = ledger.client(client_id)?;
    let rows = ledger.invoice_rows(Some(client_id))?;
    let payments = ledger.payments(client_id)?;
    let events = ledger.events(client_id)?;
    let disputes: Vec<Event> =
        events.iter().filter(|e| e.fields.kind == crate::model::EventKind::Dispute).cloned().collect();
    let name = client.fields.display_name();
    let invoices = rows.iter().map(|row| invoice_line(row.clone(), &name, &disputes, as_of)).collect();
    let open: Vec<_> = ledger.open_invoices()?.into_iter().filter(|o| o.client_id == client_id).collect();
    let summary = figures::client_summaries(std::slice::from_ref(&client), &open, &ledger.client_totals()?, as_of)
        .pop()
        .expect("the summary of the one client given");
    let timeline = timeline::timeline(&rows, &payments, &events, as_of);
    Ok(ClientDetail {
        address_lines: if client.fields.address.is_blank() { Vec::new() } else { client.fields.address.lines(&name) },
        address_problems: if client.fields.address.is_blank() {
            Vec::new()
        } else {
            client.fields.address.problems(&name)
        },
        name,
        client,
        summary,
        invoices,
        payments,
        events,
        timeline,
    })
}

/// Every invoice, or one client's, with status and days late on `as_of`.
pub fn invoice_list(ledger: &Ledger, client_id: Option<i64>, as_of: NaiveDate) -> Result<Vec<InvoiceLine>> {
    let names: std::collections::HashMap<i64, String> =
        ledger.clients()?.into_iter().map(|c| (c.id, c.fields.display_name())).collect();
    let disputes = ledger.disputes()?;
    Ok(ledger
        .invoice_rows(client_id)?
        .into_iter()
        .map(|row| {
            let name = names.get(&row.invoice.client_id).cloned().unwrap_or_default();
            invoice_line(row, &name, &disputes, as_of)
        })
        .collect())
}

fn invoice_line(row: InvoiceRow, client_name: &str, disputes: &[Event], as_of: NaiveDate) -> InvoiceLine {
    let status = figures::invoice_status(&row, disputes, as_of);
    let remaining = row.remaining();
    let days_late = if remaining > Decimal::ZERO { figures::days_late(row.invoice.due_date, as_of) } else { 0 };
    InvoiceLine {
        client_name: client_name.to_string(),
        remaining,
        status,
        status_label: status.label(),
        days_late,
        row,
    }
}
