//! The timeline's events as both shells record them: notes, calls, promises, disputes, pauses and
//! procedure steps, and closing a dispute or a pause.

use crate::desk::Result;
pub use crate::domain::model::{EventFields, EventKind};
use crate::domain::text::fold;
use crate::Ledger;
use chrono::NaiveDate;

/// The words an event kind is named by on the command line (folded): its id, and French.
const KIND_WORDS: &[(&str, EventKind)] = &[
    ("note", EventKind::Note),
    ("call", EventKind::Call),
    ("appel", EventKind::Call),
    ("promise", EventKind::Promise),
    ("promesse", EventKind::Promise),
    ("dispute", EventKind::Dispute),
    ("litige", EventKind::Dispute),
    ("contestation", EventKind::Dispute),
    ("pause", EventKind::Pause),
    ("suspension", EventKind::Pause),
    ("procedure", EventKind::Procedure),
    ("filing", EventKind::Filing),
    ("injonction", EventKind::Filing),
    ("assignation", EventKind::Filing),
];

/// The event kind a user names (« promesse », « litige », « pause »…, or its id).
pub fn kind_named(text: &str) -> Option<EventKind> {
    let folded = fold(text);
    KIND_WORDS.iter().find(|(word, _)| *word == folded.trim()).map(|(_, kind)| *kind)
}

/// Records an event; returns its id.
pub fn add_event(ledger: &mut Ledger, fields: &EventFields) -> Result<i64> {
    Ok(ledger.add_event(fields)?)
}

/// Closes a dispute or a pause on `date`.
pub fn close_event(ledger: &mut Ledger, id: i64, date: NaiveDate) -> Result<()> {
    Ok(ledger.close_event(id, date)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_kind_is_named_by_its_id_or_in_french() {
        assert_eq!(kind_named("Promesse"), Some(EventKind::Promise));
        assert_eq!(kind_named("litige"), Some(EventKind::Dispute));
        assert_eq!(kind_named("dispute"), Some(EventKind::Dispute));
        assert_eq!(kind_named("Procédure"), Some(EventKind::Procedure));
        assert_eq!(kind_named("injonction"), Some(EventKind::Filing));
        assert_eq!(kind_named("relance"), None);
    }
}
