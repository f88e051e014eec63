//! The French name of every value the window shows from a list: one name per concept, taken where the
//! rules keep it (segments from the ladder, payment methods from the model, letter kinds from their one
//! row, months from the calendar), so the window keeps no copy. Names are as a sentence uses them, lower
//! case; a list capitalises them.

use crate::desk::bank::LineDecision;
use crate::domain::books::PeriodChoice;
use crate::domain::calendar::MONTHS;
use crate::domain::delivery::{Delivery, GuaranteeLevel};
use crate::domain::figures::InvoiceStatus;
use crate::domain::ladder::{segment_label, Anchor};
use crate::domain::letter_kind::{Dispatch, KINDS};
use crate::domain::matching::Confidence;
use crate::domain::model::{AddressedAs, ClientKind, ClientStatus, EventKind, Nature, PaymentMethod, Segment};
use crate::domain::plans::Frequency;
use crate::import::plan::{FileStatus, RowStatus};
use chrono::NaiveDate;
use serde::Serialize;

/// Every list of names, as the window asks for them once when it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labels {
    pub client_kinds: Vec<Label>,
    pub segments: Vec<Label>,
    pub client_statuses: Vec<Label>,
    pub payment_methods: Vec<Label>,
    /// The kinds a user records by hand; procedure steps come from the client's status.
    pub event_kinds: Vec<Label>,
    pub invoice_statuses: Vec<Label>,
    /// What a ladder step's days count from.
    pub anchors: Vec<Label>,
    pub dispatches: Vec<Label>,
    pub letter_kinds: Vec<LetterKindLabel>,
    pub frequencies: Vec<Label>,
    pub guarantee_levels: Vec<Label>,
    pub delivery_outcomes: Vec<Label>,
    /// What an import would do with a row of the file.
    pub import_row_statuses: Vec<Label>,
    /// How sure the match of a bank credit is.
    pub confidences: Vec<Label>,
    /// What becomes of a bank credit: recorded, left out, later.
    pub bank_decisions: Vec<Label>,
    /// How the trader is addressed (the profile's « Vous êtes »).
    pub addressed_as: Vec<Label>,
    /// What became of each file of an import (a batch of e-invoices).
    pub import_file_statuses: Vec<Label>,
    /// January first.
    pub months: Vec<&'static str>,
    /// What an invoice sells: goods or services.
    pub natures: Vec<Label>,
    /// The periods a book is asked for.
    pub period_choices: Vec<Label>,
}

/// A value as the core names it (its serde name) and its French name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub id: String,
    pub label: &'static str,
}

/// A letter kind, from its row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterKindLabel {
    pub id: &'static str,
    pub title: &'static str,
    /// How it leaves unless the ladder or the user says otherwise.
    pub dispatch: Dispatch,
    /// True when a ladder step may send it.
    pub in_ladder: bool,
}

/// Every list, in the order forms offer them.
pub fn labels() -> Labels {
    Labels {
        client_kinds: list([ClientKind::Professional, ClientKind::Consumer], client_kind_label),
        segments: list(
            [Segment::New, Segment::Regular, Segment::ChronicLatePayer, Segment::KeyAccount, Segment::MicroBusiness],
            segment_label,
        ),
        client_statuses: list(
            [ClientStatus::Active, ClientStatus::InDispute, ClientStatus::CollectiveProcedure],
            client_status_label,
        ),
        payment_methods: list(PaymentMethod::ALL, PaymentMethod::label),
        event_kinds: list(
            [
                EventKind::Note,
                EventKind::Call,
                EventKind::Promise,
                EventKind::Dispute,
                EventKind::Pause,
                EventKind::Filing,
            ],
            event_kind_label,
        ),
        invoice_statuses: list(
            [
                InvoiceStatus::NotDue,
                InvoiceStatus::Overdue,
                InvoiceStatus::PartiallyPaid,
                InvoiceStatus::Paid,
                InvoiceStatus::Disputed,
                InvoiceStatus::WrittenOff,
                InvoiceStatus::CreditNote,
                InvoiceStatus::Replaced,
            ],
            InvoiceStatus::label,
        ),
        anchors: list([Anchor::DueDate, Anchor::PreviousLetter, Anchor::PreviousReceipt], Anchor::label),
        dispatches: list([Dispatch::Email, Dispatch::Simple, Dispatch::Registered], Dispatch::label),
        letter_kinds: KINDS
            .iter()
            .map(|row| LetterKindLabel {
                id: row.id,
                title: row.title,
                dispatch: row.dispatch,
                in_ladder: row.ladder_rank.is_some(),
            })
            .collect(),
        frequencies: list([Frequency::Monthly, Frequency::Biweekly, Frequency::Weekly], Frequency::label),
        guarantee_levels: list(GuaranteeLevel::ALL, GuaranteeLevel::id),
        delivery_outcomes: list(
            [
                Delivery::Received(NaiveDate::MIN),
                Delivery::Unclaimed(NaiveDate::MIN),
                Delivery::Returned(NaiveDate::MIN),
            ],
            delivery_outcome_label,
        ),
        import_row_statuses: list([RowStatus::New, RowStatus::Updated, RowStatus::Unchanged], import_row_status_label),
        confidences: list([Confidence::Sure, Confidence::Probable, Confidence::None], Confidence::label),
        bank_decisions: list([LineDecision::Record, LineDecision::LeaveOut, LineDecision::Later], LineDecision::label),
        addressed_as: list(AddressedAs::ALL, AddressedAs::label),
        import_file_statuses: list(
            [
                FileStatus::Read,
                FileStatus::New,
                FileStatus::Updated,
                FileStatus::Unchanged,
                FileStatus::Rejected,
                FileStatus::Duplicate,
            ],
            import_file_status_label,
        ),
        months: MONTHS.to_vec(),
        natures: list(Nature::ALL, Nature::label),
        period_choices: list(PeriodChoice::ALL, PeriodChoice::label),
    }
}

/// « professionnel », « particulier ».
pub fn client_kind_label(kind: ClientKind) -> &'static str {
    kind.label()
}

/// « actif », « en litige », « procédure collective ».
pub fn client_status_label(status: ClientStatus) -> &'static str {
    match status {
        ClientStatus::Active => "actif",
        ClientStatus::InDispute => "en litige",
        ClientStatus::CollectiveProcedure => "procédure collective",
    }
}

/// The kind of a follow-up a user records.
pub fn event_kind_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Note => "note",
        EventKind::Call => "appel",
        EventKind::Promise => "promesse de paiement",
        EventKind::Dispute => "contestation",
        EventKind::Pause => "suspension des relances",
        EventKind::Procedure => "procédure collective",
        EventKind::Filing => "demande en justice déposée (injonction de payer)",
    }
}

/// What an import does with an invoice of the file: the invoice is new, updated or unchanged.
pub fn import_row_status_label(status: RowStatus) -> &'static str {
    match status {
        RowStatus::New => "nouvelle",
        RowStatus::Updated => "mise à jour",
        RowStatus::Unchanged => "inchangée",
    }
}

/// What became of a file of an import: « nouvelle », « refusé », « doublon »...
pub fn import_file_status_label(status: FileStatus) -> &'static str {
    match status {
        FileStatus::Read => "lu",
        FileStatus::New => "nouvelle",
        FileStatus::Updated => "mise à jour",
        FileStatus::Unchanged => "inchangée",
        FileStatus::Rejected => "refusé",
        FileStatus::Duplicate => "doublon",
    }
}

/// What became of a sent letter, without its date.
fn delivery_outcome_label(delivery: Delivery) -> &'static str {
    match delivery {
        Delivery::Received(_) => "reçu",
        Delivery::Unclaimed(_) => "avisé non réclamé",
        Delivery::Returned(_) => "retourné à l'expéditeur",
    }
}

/// Each value with its serde name, which is what the window receives in the data.
fn list<T: Serialize + Copy>(values: impl IntoIterator<Item = T>, label: fn(T) -> &'static str) -> Vec<Label> {
    values.into_iter().map(|value| Label { id: serde_id(value), label: label(value) }).collect()
}

fn serde_id<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(id)) => id,
        // A tagged enum (a delivery) is named by its tag.
        Ok(serde_json::Value::Object(map)) => {
            map.get("outcome").and_then(|tag| tag.as_str()).unwrap_or_default().to_string()
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_names_each_value_once_with_a_french_name() {
        let labels = labels();
        let lists = [
            ("client_kinds", &labels.client_kinds, 2),
            ("segments", &labels.segments, 5),
            ("client_statuses", &labels.client_statuses, 3),
            ("payment_methods", &labels.payment_methods, 6),
            ("event_kinds", &labels.event_kinds, 6),
            ("addressed_as", &labels.addressed_as, 3),
            ("invoice_statuses", &labels.invoice_statuses, 8),
            ("anchors", &labels.anchors, 3),
            ("dispatches", &labels.dispatches, 3),
            ("frequencies", &labels.frequencies, 3),
            ("guarantee_levels", &labels.guarantee_levels, 3),
            ("delivery_outcomes", &labels.delivery_outcomes, 3),
            ("import_row_statuses", &labels.import_row_statuses, 3),
            ("natures", &labels.natures, 2),
            ("period_choices", &labels.period_choices, 7),
            ("confidences", &labels.confidences, 3),
            ("bank_decisions", &labels.bank_decisions, 3),
            ("import_file_statuses", &labels.import_file_statuses, 6),
        ];
        for (name, list, count) in lists {
            assert_eq!(list.len(), count, "{name}");
            let mut ids: Vec<&str> = list.iter().map(|label| label.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), count, "{name}: an id twice or blank: {list:?}");
            assert!(list.iter().all(|label| !label.id.is_empty() && !label.label.is_empty()), "{name}");
        }
        assert_eq!(labels.months.len(), 12);
        assert_eq!(labels.letter_kinds.len(), KINDS.len());
    }

    #[test]
    fn one_name_per_concept() {
        let labels = labels();
        let name = |list: &[Label], id: &str| list.iter().find(|label| label.id == id).map(|label| label.label);
        // The segment that had three names: the ladder's.
        assert_eq!(name(&labels.segments, "chronic_late_payer"), Some(segment_label(Segment::ChronicLatePayer)));
        assert_eq!(name(&labels.payment_methods, "card"), Some(PaymentMethod::Card.label()));
        assert_eq!(name(&labels.dispatches, "registered"), Some(Dispatch::Registered.label()));
        assert_eq!(name(&labels.delivery_outcomes, "unclaimed"), Some("avisé non réclamé"));
        assert_eq!(labels.months[7], "août");
    }
}
