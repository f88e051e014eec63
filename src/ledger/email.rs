//! Letters sent by e-mail in the ledger (migration 0012): the user's edit of a letter's e-mail (subject,
//! body), a letter's dispatch switched (an e-mail letter sent on paper instead), the e-mail letters
//! waiting to leave, and `email_sendings`, the proof of each e-mail that left (Message-ID, recipient,
//! moment, way, the server's reply) linked to the letter and to its archived `.eml`. The sending settings'
//! key is in `settings.rs`.

use super::Ledger;
use crate::domain::email::{EmailWay, SentEmail};
use crate::domain::letter_kind::Dispatch;
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::LetterRow;
use crate::ledger::QueryCached;
use rusqlite::{params, OptionalExtension};

const SENT_COLUMNS: &str = "s.letter_id, s.recipient, s.message_id, s.sent_at, s.sent_on, s.way, s.server_reply, \
     a.file_name, a.sha256";

impl Ledger {
    /// The user's edit of a letter's e-mail: (subject, body), each None when the template's applies.
    pub fn email_text_edits(&self, letter_id: i64) -> Result<(Option<String>, Option<String>)> {
        self.connection
            .query_row_cached("SELECT email_subject, email_body FROM letters WHERE id = ?1", [letter_id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?
            .ok_or(LedgerError::NotFound { what: "Courrier", id: letter_id })
    }

    /// Keeps the user's edit of a letter's e-mail (None: back to the template's). A letter sent or
    /// cancelled no longer changes. The e-mail's text is not the printed letter: the letter stays printed.
    pub fn save_email_text(&mut self, letter_id: i64, subject: Option<&str>, body: Option<&str>) -> Result<()> {
        let row = self.letter(letter_id)?;
        refuse_unless_waiting(&row, "son e-mail ne change plus")?;
        self.connection.execute(
            "UPDATE letters SET email_subject = ?2, email_body = ?3 WHERE id = ?1",
            params![letter_id, subject, body],
        )?;
        Ok(())
    }

    /// Changes how a drafted or printed letter leaves. A letter printed for e-mail or simple post prints
    /// the same page, so it stays printed; to or from a registered letter the page changes (the LRAR
    /// line), so a printed letter goes back to drafted and must be printed again.
    pub fn set_letter_dispatch(&mut self, letter_id: i64, dispatch: Dispatch) -> Result<LetterRow> {
        let row = self.letter(letter_id)?;
        refuse_unless_waiting(&row, "son envoi ne change plus")?;
        let page_changes = (row.dispatch == Dispatch::Registered) != (dispatch == Dispatch::Registered);
        self.connection.execute(
            "UPDATE letters SET dispatch = ?2,
                    status = CASE WHEN status = 'printed' AND ?3 THEN 'drafted' ELSE status END
             WHERE id = ?1",
            params![letter_id, dispatch.id(), page_changes],
        )?;
        self.letter(letter_id)
    }

    /// Every letter waiting to leave by e-mail (drafted or printed, whatever day), oldest first.
    pub fn email_letters_waiting(&self) -> Result<Vec<LetterRow>> {
        // Every client's: `letter_rows` binds the client as ?1, which the filter reads as « all ».
        let every_client = super::client_filter("client_id", None, 1);
        self.letter_rows(
            &format!(
                "WHERE dispatch = 'email' AND status IN ('drafted', 'printed') AND {every_client}
             ORDER BY drafted_on, id"
            ),
            None,
        )
    }

    /// Records the proof of an e-mail that left, linked to its letter and to its archived message.
    pub fn record_email_sending(&mut self, sent: &SentEmail, archive_file_id: i64) -> Result<()> {
        self.connection.execute(
            "INSERT INTO email_sendings (letter_id, archive_file_id, message_id, recipient, sent_at, sent_on, way,
                                         server_reply)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                sent.letter_id,
                archive_file_id,
                sent.message_id,
                sent.recipient,
                sent.sent_at,
                sent.sent_on,
                sent.way.id(),
                sent.server_reply
            ],
        )?;
        Ok(())
    }

    /// The proof of a letter's e-mail, if it left by e-mail.
    pub fn email_sending(&self, letter_id: i64) -> Result<Option<SentEmail>> {
        Ok(self
            .connection
            .query_row_cached(
                &format!(
                    "SELECT {SENT_COLUMNS} FROM email_sendings s JOIN archive_files a ON a.id = s.archive_file_id
                     WHERE s.letter_id = ?1"
                ),
                [letter_id],
                sent_of_row,
            )
            .optional()?)
    }

    /// The e-mails that left (or one client's), oldest first.
    pub fn email_sendings(&self, client_id: Option<i64>) -> Result<Vec<SentEmail>> {
        Ok(self
            .connection
            .prepare_cached(&format!(
                "SELECT {SENT_COLUMNS} FROM email_sendings s JOIN archive_files a ON a.id = s.archive_file_id
                 WHERE {} ORDER BY s.sent_at, s.letter_id",
                super::client_filter("a.client_id", client_id, 1)
            ))?
            .query_map([client_id], sent_of_row)?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// A sent or cancelled letter no longer changes; what is refused is said with `what`.
fn refuse_unless_waiting(row: &LetterRow, what: &str) -> Result<()> {
    match row.status.as_str() {
        "sent" => Err(LedgerError::Conflict(format!("Le courrier n° {} est envoyé : {what}.", row.id))),
        "cancelled" => Err(LedgerError::Conflict(format!(
            "Le courrier n° {} est annulé : {what}. Préparez un nouveau courrier.",
            row.id
        ))),
        _ => Ok(()),
    }
}

fn sent_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SentEmail> {
    let way: String = row.get(5)?;
    Ok(SentEmail {
        letter_id: row.get(0)?,
        recipient: row.get(1)?,
        message_id: row.get(2)?,
        sent_at: row.get(3)?,
        sent_on: row.get(4)?,
        way: EmailWay::from_id(&way).unwrap_or(EmailWay::Smtp),
        server_reply: row.get(6)?,
        eml_file: row.get(7)?,
        sha256: row.get(8)?,
    })
}
