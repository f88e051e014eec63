//! Clients as both shells show and change them: the list with balances, one client's page (its account,
//! summary, timeline and proposal), and the client form.

use crate::desk::accounts::{account_and_settlement, settlement, Account};
use crate::desk::{plans, Result};
use crate::domain::address::AddressProblem;
pub use crate::domain::address::PostalAddress;
use crate::domain::dunning::{LetterFacts, Proposal};
use crate::domain::figures;
pub use crate::domain::figures::{ClientSummary, InvoiceLine};
pub use crate::domain::model::{Client, ClientFields, ClientKind, Event, Payment};
pub use crate::domain::prescription::Prescription;
use crate::domain::timeline::{self, TimelineEntry};
use crate::Ledger;
use chrono::NaiveDate;
use serde::Serialize;

/// Every client with its balance and lateness on `as_of`, in French alphabetical order (remembered while
/// the ledger does not change).
pub fn client_list(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<ClientSummary>> {
    Ok(remembered_list(ledger, as_of)?.to_vec())
}

/// The `count` clients most late on `as_of` ([`figures::most_late`]), from the remembered client list: the
/// dashboard shows five, and a large ledger's whole list is 2 MB to send to the window.
pub fn most_late_clients(ledger: &Ledger, as_of: NaiveDate, count: usize) -> Result<Vec<ClientSummary>> {
    Ok(figures::most_late(&remembered_list(ledger, as_of)?, count))
}

fn remembered_list(ledger: &Ledger, as_of: NaiveDate) -> Result<std::sync::Arc<Vec<ClientSummary>>> {
    ledger.remembered("client_list", as_of, || -> Result<Vec<ClientSummary>> {
        let settlement = settlement(ledger, as_of, None)?;
        Ok(figures::client_summaries(&ledger.clients()?, &settlement, as_of))
    })
}

/// One client's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientDetail {
    pub client: Client,
    pub name: String,
    /// The address as it would be printed, and the postal rules it breaks.
    pub address_lines: Vec<String>,
    pub address_problems: Vec<AddressProblem>,
    pub summary: ClientSummary,
    pub invoices: Vec<InvoiceLine>,
    pub payments: Vec<Payment>,
    pub events: Vec<Event>,
    pub timeline: Vec<TimelineEntry>,
    /// The next letter the dunning engine proposes, if any.
    pub proposal: Option<Proposal>,
    /// Each open invoice's prescription: the day it becomes time-barred and why that day.
    pub prescriptions: Vec<InvoicePrescription>,
    /// Invoices with a residual balance under the tolerance: not dunned, offered to be written off.
    pub residuals: Vec<Residual>,
    /// The residual-balance tolerance in force (« Réglages »).
    pub residual_tolerance: rust_decimal::Decimal,
}

/// When an open invoice becomes time-barred (`domain::prescription`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoicePrescription {
    pub invoice_id: i64,
    pub number: String,
    #[serde(flatten)]
    pub prescription: Prescription,
    /// Days from the date of the page to that day (negative: time-barred already).
    pub days_left: i64,
    /// Within `prescription::WATCH_MONTHS`, or past.
    pub watched: bool,
}

/// A residual balance the page offers to write off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Residual {
    pub invoice_id: i64,
    pub number: String,
    pub remaining: rust_decimal::Decimal,
}

/// Every open invoice's prescription for one client of the engine's facts, earliest first.
pub fn prescriptions_of(client: &crate::domain::dunning::ClientFacts, as_of: NaiveDate) -> Vec<InvoicePrescription> {
    let mut found: Vec<InvoicePrescription> = client
        .invoices
        .iter()
        .map(|invoice| {
            let clock = crate::domain::dunning::prescription_clock(client, invoice);
            let prescription = crate::domain::prescription::prescription(client.kind, &clock, as_of);
            InvoicePrescription {
                invoice_id: invoice.id,
                number: invoice.number.clone(),
                days_left: (prescription.time_barred_on - as_of).num_days(),
                watched: crate::domain::prescription::watched(&prescription, as_of),
                prescription,
            }
        })
        .collect();
    found.sort_by_key(|p| (p.prescription.time_barred_on, p.invoice_id));
    found
}

/// Everything about one client on `as_of`.
pub fn client_detail(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<ClientDetail> {
    let (account, settlement) = account_and_settlement(ledger, client_id, as_of)?;
    let facts = ledger.dunning_facts(as_of, Some(client_id))?;
    let proposal = crate::domain::dunning::propose(&facts, as_of).pop();
    let tolerance = facts.settings.residual_tolerance;
    let (prescriptions, residuals) = match facts.clients.first() {
        Some(found) => (
            prescriptions_of(found, as_of),
            found
                .invoices
                .iter()
                .filter(|invoice| invoice.remaining < tolerance)
                .map(|invoice| Residual {
                    invoice_id: invoice.id,
                    number: invoice.number.clone(),
                    remaining: invoice.remaining,
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let letters = facts.clients.first().map(|found| found.letters.as_slice()).unwrap_or_default();
    let timeline = timeline_with(ledger, &account, letters, as_of)?;
    let summary = figures::client_summaries(std::slice::from_ref(&account.client), &settlement, as_of)
        .pop()
        .expect("the summary of the one client given");
    let (address_lines, address_problems) = if account.client.fields.address.is_blank() {
        (Vec::new(), Vec::new())
    } else {
        (account.client.fields.address.lines(&account.name), account.client.fields.address.problems(&account.name))
    };
    Ok(ClientDetail {
        address_lines,
        address_problems,
        name: account.name,
        client: account.client,
        summary,
        invoices: account.invoices,
        payments: account.payments,
        events: account.events,
        timeline,
        proposal,
        prescriptions,
        residuals,
        residual_tolerance: tolerance,
    })
}

/// One client's timeline on `as_of`, newest first: invoices, payments, rejections, events, letters with
/// their delivery and deadline, payment plans.
pub fn client_timeline(ledger: &Ledger, account: &Account, as_of: NaiveDate) -> Result<Vec<TimelineEntry>> {
    let facts = ledger.dunning_facts(as_of, Some(account.client.id))?;
    let letters = facts.clients.first().map(|found| found.letters.as_slice()).unwrap_or_default();
    timeline_with(ledger, account, letters, as_of)
}

fn timeline_with(
    ledger: &Ledger,
    account: &Account,
    letters: &[LetterFacts],
    as_of: NaiveDate,
) -> Result<Vec<TimelineEntry>> {
    let rows: Vec<_> = account.invoices.iter().map(|line| line.row.clone()).collect();
    let mut timeline = timeline::timeline(&rows, &account.payments, &account.events, as_of);
    let cancelled = ledger.cancelled_letters(account.client.id)?;
    if !letters.is_empty() || !cancelled.is_empty() {
        let number_of = |id: i64| {
            rows.iter()
                .find(|row| row.invoice.id == id)
                .map_or_else(|| format!("n° {id}"), |row| row.invoice.number.clone())
        };
        // Newest first; on the same day a letter comes above the rest, being usually the last thing done.
        let mut merged = timeline::cancelled_letter_entries(&cancelled, &number_of, as_of);
        merged.extend(timeline::letter_entries(letters, &number_of));
        merged.sort_by_key(|entry| std::cmp::Reverse(entry.date));
        merged.append(&mut timeline);
        merged.sort_by_key(|entry| std::cmp::Reverse(entry.date));
        timeline = merged;
    }
    // An e-mail that carried a letter shows beside the letter's sending, with its proof.
    let emails = ledger.email_sendings(Some(account.client.id))?;
    if !emails.is_empty() {
        let mut entries: Vec<TimelineEntry> = Vec::new();
        for sent in emails.iter().filter(|sent| sent.sent_on <= as_of) {
            entries.push(sent.timeline_entry(ledger.letter(sent.letter_id)?.kind.title()));
        }
        entries.append(&mut timeline);
        entries.sort_by_key(|entry| std::cmp::Reverse(entry.date));
        timeline = entries;
    }
    let mut plan_entries = plans::timeline_entries(ledger, account.client.id, as_of)?;
    if !plan_entries.is_empty() {
        plan_entries.append(&mut timeline);
        plan_entries.sort_by_key(|entry| std::cmp::Reverse(entry.date));
        timeline = plan_entries;
    }
    Ok(timeline)
}

/// The client a person means by `text`: its number (« 12 »), or its name, matched without case,
/// accents, punctuation or legal form (« hotel des celestins »), whole or in part. A name that fits
/// several clients is refused with the French list of candidates; one that fits none, with where to
/// look. For the command line's `--client`.
pub fn find_client(ledger: &Ledger, text: &str) -> Result<i64> {
    let text = text.trim();
    let clients = ledger.clients()?;
    if let Ok(id) = text.parse::<i64>() {
        if clients.iter().any(|client| client.id == id) {
            return Ok(id);
        }
    }
    let wanted = crate::import::plan::normalised_name(text);
    let named: Vec<(i64, String, String)> = clients
        .iter()
        .map(|client| {
            let name = client.fields.display_name();
            (client.id, crate::import::plan::normalised_name(&name), name)
        })
        .collect();
    let exact: Vec<&(i64, String, String)> = named.iter().filter(|(_, folded, _)| *folded == wanted).collect();
    let found: Vec<&(i64, String, String)> = if !exact.is_empty() || wanted.is_empty() {
        exact
    } else {
        named.iter().filter(|(_, folded, _)| folded.contains(&wanted)).collect()
    };
    match found.as_slice() {
        [(id, _, _)] => Ok(*id),
        [] if text.parse::<i64>().is_ok() => Err(crate::desk::Error::invalid(
            "client_id",
            format!("Client n° {text} introuvable. La commande `ardoise clients` liste les clients avec leur numéro."),
        )),
        [] => Err(crate::desk::Error::invalid(
            "client_id",
            format!(
                "aucun client ne porte le numéro ou le nom « {text} ». La commande `ardoise clients` les liste \
                 avec leur numéro."
            ),
        )),
        several => Err(crate::desk::Error::invalid(
            "client_id",
            format!(
                "plusieurs clients correspondent à « {text} » : {}. Précisez le nom ou donnez le numéro.",
                several.iter().map(|(id, _, name)| format!("n° {id} {name}")).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

/// One client's record.
pub fn client(ledger: &Ledger, id: i64) -> Result<Client> {
    Ok(ledger.client(id)?)
}

/// Creates the client when `id` is None, else updates it; returns its id. The form is checked in full
/// first: every problem comes back by field and nothing is written.
pub fn save_client(ledger: &mut Ledger, id: Option<i64>, fields: &ClientFields) -> Result<i64> {
    match id {
        Some(id) => {
            ledger.update_client(id, fields)?;
            Ok(id)
        }
        None => Ok(ledger.create_client(fields)?),
    }
}
