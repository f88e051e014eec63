//! The client timeline (F1.5): invoices, payments, rejections and recorded events in one chronological
//! list, with French titles. Letters join it through `letter_entries`; plans as their issue lands.

use crate::domain::calendar::format_long;
use crate::domain::delivery::Delivery;
use crate::domain::dunning::LetterFacts;
use crate::domain::model::{Event, EventKind, InvoiceRow, Payment};
use crate::domain::money::format_eur_ascii;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    /// "invoice", "payment", "payment_rejected", "note", "call", "promise", "dispute", "pause", "procedure",
    /// "letter", "email".
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub amount: Option<Decimal>,
    /// The event id for entries that can be closed (disputes, pauses), else None.
    pub event_id: Option<i64>,
    /// True for a dispute or pause still in force on the timeline's date.
    pub open: bool,
}

impl TimelineEntry {
    /// An entry about a letter: its drafting, sending, delivery or the end of the deadline it set.
    pub fn letter(date: NaiveDate, title: String, detail: String) -> TimelineEntry {
        TimelineEntry { date, kind: "letter".into(), title, detail, amount: None, event_id: None, open: false }
    }
}

/// Builds a client's timeline, newest first.
pub fn timeline(
    invoices: &[InvoiceRow],
    payments: &[Payment],
    events: &[Event],
    as_of: NaiveDate,
) -> Vec<TimelineEntry> {
    let mut entries = Vec::new();
    let number_of = |id: i64| {
        invoices
            .iter()
            .find(|row| row.invoice.id == id)
            .map_or_else(|| format!("n° {id}"), |row| row.invoice.number.clone())
    };
    for row in invoices {
        let invoice = &row.invoice;
        let (title, amount) = if invoice.amount.is_sign_negative() {
            (format!("Avoir {}", invoice.number), invoice.amount)
        } else {
            (format!("Facture {}", invoice.number), invoice.amount)
        };
        entries.push(TimelineEntry {
            date: invoice.issue_date,
            kind: "invoice".into(),
            title,
            detail: format!("{}échéance le {}", object_prefix(&invoice.object), format_long(invoice.due_date)),
            amount: Some(amount),
            event_id: None,
            open: false,
        });
    }
    for payment in payments {
        let targets: Vec<String> = payment.allocations.iter().map(|a| number_of(a.invoice_id)).collect();
        // « Non précisé » alone would not say what is not: the method.
        let mut detail = if payment.method.is_known() {
            capitalised(payment.method.label())
        } else {
            "Mode de règlement non précisé".to_string()
        };
        if !payment.reference.is_empty() {
            let separator = if payment.method.is_known() { " " } else { ", " };
            detail.push_str(&format!("{separator}{}", payment.reference));
        }
        if !targets.is_empty() {
            detail.push_str(&format!(", affecté à {}", targets.join(", ")));
        }
        if payment.unallocated() > Decimal::ZERO {
            detail.push_str(&format!(", {} non affectés", format_eur_ascii(payment.unallocated())));
        }
        entries.push(TimelineEntry {
            date: payment.date,
            kind: "payment".into(),
            title: "Règlement reçu".into(),
            detail,
            amount: Some(payment.amount),
            event_id: None,
            open: false,
        });
        if let Some(rejection) = &payment.rejection {
            let what =
                if payment.method.is_known() { capitalised(payment.method.label()) } else { "Règlement".into() };
            let mut detail = format!("{what} du {} rejeté", format_long(payment.date));
            if !rejection.reason.is_empty() {
                detail.push_str(&format!(" : {}", rejection.reason));
            }
            if rejection.fees > Decimal::ZERO {
                detail.push_str(&format!(" (frais bancaires {})", format_eur_ascii(rejection.fees)));
            }
            entries.push(TimelineEntry {
                date: rejection.date,
                kind: "payment_rejected".into(),
                title: "Règlement rejeté".into(),
                detail,
                amount: Some(payment.amount),
                event_id: None,
                open: false,
            });
        }
    }
    for event in events {
        let fields = &event.fields;
        let about = fields.invoice_id.map(|id| format!(" (facture {})", number_of(id))).unwrap_or_default();
        let (title, mut detail) = match fields.kind {
            EventKind::Note => ("Note".to_string(), fields.text.clone()),
            EventKind::Call => ("Appel".to_string(), fields.text.clone()),
            EventKind::Promise => (
                format!("Promesse de paiement{about}"),
                format!("pour le {}{}", fields.until.map(format_long).unwrap_or_default(), text_suffix(&fields.text)),
            ),
            EventKind::Dispute => (format!("Contestation{about}"), fields.text.clone()),
            EventKind::Pause => (
                format!("Relances suspendues{about}"),
                match fields.until {
                    Some(until) => format!("jusqu'au {}{}", format_long(until), text_suffix(&fields.text)),
                    None => format!("sans date de fin{}", text_suffix(&fields.text)),
                },
            ),
            EventKind::Procedure => ("Procédure collective".to_string(), fields.text.clone()),
            EventKind::Filing => (format!("Demande en justice déposée{about}"), fields.text.clone()),
        };
        if let Some(closed) = event.closed_on {
            detail.push_str(&format!(" — close le {}", format_long(closed)));
        }
        entries.push(TimelineEntry {
            date: fields.date,
            kind: fields.kind.id().to_string(),
            title,
            detail,
            amount: fields.amount,
            event_id: matches!(fields.kind, EventKind::Dispute | EventKind::Pause).then_some(event.id),
            open: event.in_force_on(as_of),
        });
    }
    // Newest first, and on the same day the latest recorded first (events, then payments, then invoices).
    let mut numbered: Vec<(usize, TimelineEntry)> = entries.into_iter().enumerate().collect();
    numbered.sort_by_key(|(index, entry)| (std::cmp::Reverse(entry.date), std::cmp::Reverse(*index)));
    numbered.into_iter().map(|(_, entry)| entry).collect()
}

/// Timeline entries for a client's letters (drafted, printed or sent), newest first, to merge with
/// [`timeline`]'s: one entry on the day drafted, and one on the day sent.
pub fn letter_entries(
    letters: &[crate::domain::dunning::LetterFacts],
    numbers: &dyn Fn(i64) -> String,
) -> Vec<TimelineEntry> {
    use crate::domain::dunning::LetterStatus;
    let mut entries = Vec::new();
    for letter in letters {
        let invoices: Vec<String> = letter.invoice_ids.iter().map(|id| numbers(*id)).collect();
        let about = if invoices.is_empty() { String::new() } else { format!("factures {}", invoices.join(", ")) };
        let (date, title) = match (letter.status, letter.sent_on) {
            (LetterStatus::Sent, Some(sent)) => (sent, format!("Courrier envoyé : {}", letter.kind.title())),
            _ => (letter.drafted_on, format!("Courrier préparé : {}", letter.kind.title())),
        };
        let mut detail = format!("{} · {about}", letter.dispatch.label());
        if let Some(delivery) = &letter.delivery {
            detail.push_str(&format!(" · {}", delivery.label()));
        } else if let Some(received) = letter.receipt_date {
            detail.push_str(&format!(" · reçu le {}", format_long(received)));
        }
        entries.push(TimelineEntry::letter(date, title, detail));
        entries.extend(delivery_entries(letter));
    }
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.date));
    entries
}

fn object_prefix(object: &str) -> String {
    if object.is_empty() {
        String::new()
    } else {
        format!("{object} — ")
    }
}

fn text_suffix(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" — {text}")
    }
}

/// The timeline entries of a letter's delivery: the day it reached the debtor (or came back), and the
/// last day of the deadline its text sets.
pub fn delivery_entries(letter: &LetterFacts) -> Vec<TimelineEntry> {
    let Some(delivery) = letter.delivery else { return Vec::new() };
    let entry = TimelineEntry::letter;
    let title = letter.kind.title();
    let (head, what) = match delivery {
        Delivery::Received(_) => ("Accusé de réception", "reçu"),
        Delivery::Unclaimed(_) => ("Avisé non réclamé", "présenté"),
        Delivery::Returned(_) => ("Courrier retourné", "retourné"),
    };
    let mut entries = Vec::new();
    match crate::domain::delivery::deadline(letter.kind, &delivery) {
        Some(found) => {
            entries.push(entry(
                delivery.date(),
                format!("{head} : {title}"),
                format!(
                    "{what} le {} ; délai de {} jours jusqu'au {} inclus",
                    format_long(delivery.date()),
                    found.days,
                    format_long(found.ends_on)
                ),
            ));
            entries.push(entry(
                found.ends_on,
                format!("Fin du délai : {title}"),
                format!("{} jours à compter du {}", found.days, format_long(found.from)),
            ));
        }
        None if matches!(delivery, Delivery::Returned(_)) => entries.push(entry(
            delivery.date(),
            format!("{head} : {title}"),
            "non distribué : vérifiez l'adresse et envoyez-le de nouveau".into(),
        )),
        None => entries.push(entry(delivery.date(), format!("{head} : {title}"), delivery.label())),
    }
    entries
}

/// "Chèque" from "chèque": a label at the head of a line.
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A letter cancelled before it was sent, as the client's timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CancelledLetter {
    pub id: i64,
    pub kind: crate::domain::letter_kind::LetterKind,
    pub dispatch: crate::domain::letter_kind::Dispatch,
    pub drafted_on: NaiveDate,
    pub cancelled_on: NaiveDate,
    /// The user's reason, kept in the history.
    pub reason: String,
    pub invoice_ids: Vec<i64>,
}

/// The timeline entries of the letters cancelled by `as_of`: the drafting, and the cancellation with its
/// reason (kind "letter_cancelled"). A letter cancelled later was still waiting on `as_of`: the engine's
/// letters show it.
pub fn cancelled_letter_entries(
    letters: &[CancelledLetter],
    numbers: &dyn Fn(i64) -> String,
    as_of: NaiveDate,
) -> Vec<TimelineEntry> {
    let mut entries = Vec::new();
    for letter in letters.iter().filter(|l| l.cancelled_on <= as_of) {
        let invoices: Vec<String> = letter.invoice_ids.iter().map(|id| numbers(*id)).collect();
        let about = if invoices.is_empty() { String::new() } else { format!(" · factures {}", invoices.join(", ")) };
        let title = letter.kind.title();
        // The cancellation first: on the same day it came after the drafting (the sort below is stable).
        entries.push(TimelineEntry {
            kind: "letter_cancelled".into(),
            ..TimelineEntry::letter(
                letter.cancelled_on,
                format!("Courrier annulé : {title}"),
                format!(
                    "n° {}, préparé le {}{about} · motif : {}",
                    letter.id,
                    format_long(letter.drafted_on),
                    letter.reason
                ),
            )
        });
        entries.push(TimelineEntry::letter(
            letter.drafted_on,
            format!("Courrier préparé : {title}"),
            format!("{}{about}", letter.dispatch.label()),
        ));
    }
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.date));
    entries
}
