//! A letter's dispatch as both shells use it (F7): recording its sending (with the PDF printed archived
//! in the same unit, byte for byte), what became of it, the scans attached to it, and the letters list
//! with each one's status, deadline and archive integrity. The rules (tracking numbers, deadlines) are in
//! `domain::delivery`; the archive's files in `ledger::archive`.

use crate::desk::{Error, Result};
use crate::domain::calendar::format_long;
use crate::domain::delivery::{check_sending, scan_format, SCAN_FORMATS};
pub use crate::domain::delivery::{Deadline, Delivery, DispatchRow, GuaranteeLevel, SendingForm};
use crate::domain::letter_kind::Dispatch;
pub use crate::ledger::archive::{ArchiveCheck, ArchiveFile, ArchiveRole, Integrity};
use crate::ledger::LetterRow;
use crate::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;

/// Records a letter's sending and archives the PDF printed as one unit: the letter must have been
/// printed, and not edited since (what is archived is what went into the envelope); the form is checked
/// against its dispatch; the kept PDF is copied into the archive, then the rows are written. A letter
/// still marked for e-mail that is posted goes on paper in the same unit (a simple letter, as any letter
/// given a tracking number keeps its dispatch): the letters list, the timeline and the court dossier then
/// say it left by post, never « e-mail » without the message kept. A letter that left by e-mail is
/// refused. If anything fails, nothing is recorded and no file is left in the archive.
pub fn send_letter(ledger: &mut Ledger, letter_id: i64, form: &SendingForm) -> Result<DispatchRow> {
    record_sending(ledger, letter_id, form, PaidInvoices::Refuse)
}

/// Records a letter's sending as `send_letter` does, even when every invoice it asks payment of is paid
/// by now: the letter really left before the payment was known.
pub fn send_letter_even_if_paid(ledger: &mut Ledger, letter_id: i64, form: &SendingForm) -> Result<DispatchRow> {
    record_sending(ledger, letter_id, form, PaidInvoices::Record)
}

/// What to do with a letter asking payment of invoices all paid by now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PaidInvoices {
    Refuse,
    Record,
}

fn record_sending(ledger: &mut Ledger, letter_id: i64, form: &SendingForm, paid: PaidInvoices) -> Result<DispatchRow> {
    let letter = ledger.letter(letter_id)?;
    refuse_unless_printed(&letter)?;
    if paid == PaidInvoices::Refuse && letter.status == "printed" {
        refuse_if_all_paid(ledger, &letter)?;
    }
    refuse_if_e_mailed(&letter)?;
    let row = ledger.dispatch_row(letter_id)?;
    let posted_dispatch = match row.dispatch {
        Dispatch::Email => Dispatch::Simple,
        other => other,
    };
    let sending = check_sending(form, posted_dispatch)?;
    // A letter recorded as sent before its PDF was kept (an older ledger, the demo's history) can still
    // have its number corrected; it has no printed copy to archive.
    let archivable = !(letter.status == "sent" && letter.printed_file.is_none());
    ledger.atomically(|ledger| {
        if row.dispatch != posted_dispatch {
            ledger.set_letter_dispatch(letter_id, posted_dispatch)?;
        }
        ledger.write_sending(letter_id, &sending)?;
        if archivable {
            archive_letter(ledger, letter_id, sending.date)?;
        }
        Ok(ledger.dispatch_row(letter_id)?)
    })
}

/// A letter's sending is recorded only for what was printed: a letter never printed, or edited since it
/// was, is refused with what to do.
fn refuse_unless_printed(letter: &LetterRow) -> Result<()> {
    let id = letter.id;
    match letter.status.as_str() {
        "cancelled" => Err(Error::conflict(format!(
            "Le courrier n° {id} est annulé : son envoi ne peut pas être enregistré. Préparez un nouveau courrier."
        ))),
        "drafted" if letter.edited_since_printed() => Err(Error::conflict(format!(
            "Le courrier n° {id} a été modifié après son impression du {} : imprimez-le de nouveau (Exporter en \
             PDF) et mettez sous enveloppe ce nouveau tirage avant d'enregistrer son envoi ; la preuve archivée \
             doit être le courrier envoyé.",
            letter.printed_on.map(format_long).unwrap_or_default()
        ))),
        "drafted" => Err(Error::conflict(format!(
            "Le courrier n° {id} n'a pas encore été imprimé : exportez-le en PDF (ou imprimez le lot du jour), \
             puis enregistrez son envoi ; la preuve archivée sera ce PDF."
        ))),
        _ => Ok(()),
    }
}

/// A letter that left by e-mail has its message kept as its proof: a postal sending is not recorded over
/// it.
fn refuse_if_e_mailed(letter: &LetterRow) -> Result<()> {
    if letter.status == "sent" && letter.dispatch == Dispatch::Email {
        return Err(Error::conflict(format!(
            "Le courrier n° {} est parti par e-mail, son message archivé comme preuve : un envoi par la poste ne \
             peut pas être enregistré par-dessus. Pour l'envoyer aussi par la poste, préparez un nouveau courrier.",
            letter.id
        )));
    }
    Ok(())
}

/// A letter asking payment of invoices that are all paid by now (a bank import said « désormais réglée :
/// ne l'envoyez pas ») is not recorded as sent: the user is told which invoices are paid, that the letter
/// can be cancelled, and how to record it all the same if it really left before the payment was known.
fn refuse_if_all_paid(ledger: &Ledger, letter: &LetterRow) -> Result<()> {
    let Some(invoices) = all_paid_since(ledger, letter)? else { return Ok(()) };
    let id = letter.id;
    Err(Error::InvoicesPaid {
        letter_id: id,
        message: format!(
            "Le courrier n° {id} ({}) réclame le paiement de {invoices} : son envoi n'est pas enregistré. S'il \
             n'est pas parti, annulez-le ; s'il est vraiment parti avant que le règlement soit connu, enregistrez \
             son envoi quand même.",
            letter.kind.title()
        ),
    })
}

/// When a letter asks payment of invoices that are every one paid by now, those invoices in words
/// (« la facture F2026-067, désormais réglée »); None when one still owes something or the letter asks
/// no payment. Sending by post (recorded) and by e-mail (sent by Ardoise) both refuse such a letter.
pub(crate) fn all_paid_since(ledger: &Ledger, letter: &LetterRow) -> Result<Option<String>> {
    if !letter.kind.asks_payment() || letter.invoice_ids.is_empty() {
        return Ok(None);
    }
    // Everything the ledger knows, whatever its date: the money allocated, then what the client's credit
    // notes and unallocated money cover (`figures::settle`, the invoice list's rule).
    let everything = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a real date");
    let settlement = crate::desk::accounts::settlement(ledger, everything, Some(letter.client_id))?;
    let mut paid = Vec::new();
    for &invoice_id in &letter.invoice_ids {
        let (number, left) = crate::desk::accounts::still_owed(ledger, &settlement, invoice_id)?;
        if left > Decimal::ZERO {
            return Ok(None);
        }
        paid.push(number);
    }
    Ok(Some(match paid.as_slice() {
        [one] => format!("la facture {one}, désormais réglée"),
        many => format!("les factures {}, désormais réglées", many.join(", ")),
    }))
}

/// Records what became of a sent letter.
pub fn record_delivery(ledger: &mut Ledger, letter_id: i64, delivery: Delivery) -> Result<DispatchRow> {
    ledger.write_delivery(letter_id, &delivery)?;
    Ok(ledger.dispatch_row(letter_id)?)
}

/// Archives a letter's PDF as sent on `sent_on`, once: exactly the bytes kept when it was last printed
/// (the same SHA-256), checked against the hash recorded then. Returns the archive's row (the existing
/// one when the letter is already archived).
pub fn archive_letter(ledger: &mut Ledger, letter_id: i64, sent_on: NaiveDate) -> Result<ArchiveFile> {
    let stored = ledger.letter(letter_id)?;
    let existing = ledger.archive_files(Some(stored.client_id))?;
    if let Some(found) = existing.iter().find(|f| f.letter_id == Some(letter_id) && f.role == ArchiveRole::Letter) {
        return Ok(found.clone());
    }
    let bytes = ledger.printed_copy_bytes(&stored)?;
    let kept = stored.printed_file.clone().unwrap_or_default();
    let name = kept.strip_prefix(&format!("Courrier n° {letter_id} - ")).unwrap_or(&kept).to_string();
    let archived =
        ledger.archive_bytes(stored.client_id, Some(letter_id), ArchiveRole::Letter, &name, &bytes, sent_on)?;
    if Some(&archived.sha256) != stored.printed_sha256.as_ref() {
        return Err(Error::conflict(format!(
            "Le PDF archivé du courrier n° {letter_id} n'a pas l'empreinte du PDF imprimé : envoi non enregistré."
        )));
    }
    Ok(archived)
}

/// Copies a scan into the archive, attached to a letter as its deposit proof or its signed receipt. Only
/// a letter recorded as sent has either, and a scan is a PDF, a PNG or a JPEG, told from its bytes;
/// anything else is refused, in French, and nothing is archived.
pub fn attach_scan(
    ledger: &mut Ledger,
    letter_id: i64,
    role: ArchiveRole,
    source: &Path,
    date: NaiveDate,
) -> Result<ArchiveFile> {
    let row = ledger.dispatch_row(letter_id)?;
    let proof = role.label().to_lowercase();
    match row.status.as_str() {
        "sent" => {}
        "cancelled" => {
            return Err(Error::conflict(format!(
                "Le courrier n° {letter_id} est annulé : il n'est jamais parti, il n'a ni {proof} ni aucune autre \
                 preuve d'envoi. Rattachez ce scan au courrier réellement envoyé."
            )))
        }
        _ => {
            return Err(Error::conflict(format!(
                "Le courrier n° {letter_id} n'est pas enregistré comme envoyé : enregistrez d'abord son envoi \
                 (`ardoise dispatch --letter {letter_id} …`, ou « Enregistrer l'envoi » dans « Courriers »), puis \
                 rattachez-lui ce scan."
            )))
        }
    }
    let bytes = std::fs::read(source).map_err(|cause| {
        Error::conflict(format!(
            "Impossible de lire le fichier « {} » : {}",
            source.display(),
            crate::ledger::error::io_in_french(&cause)
        ))
    })?;
    let name = source.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    if scan_format(&bytes).is_none() {
        return Err(Error::conflict(format!(
            "« {name} » n'est ni un PDF ni une image PNG ou JPEG (son contenu le dit, pas son nom) : une preuve \
             archivée est le scan ou la photo du document, {SCAN_FORMATS}. Rien n'a été archivé."
        )));
    }
    Ok(ledger.archive_bytes(row.client_id, Some(letter_id), role, &name, &bytes, date)?)
}

/// Checks every archived file (or one client's) against its hash.
pub fn verify_archive(ledger: &Ledger, client_id: Option<i64>) -> Result<Vec<ArchiveCheck>> {
    Ok(ledger.verify_archive(client_id)?)
}

/// An archived file's bytes, only if they are still exactly what was archived.
pub fn read_archived(ledger: &Ledger, file: &ArchiveFile) -> Result<Vec<u8>> {
    Ok(ledger.read_archived(file)?)
}

/// One line of the letters list: the dispatch, the client's name, what the letter is, and its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterLine {
    #[serde(flatten)]
    pub row: DispatchRow,
    pub client_name: String,
    pub title: String,
    /// "Préparé", "Imprimé", "Envoyé", "Annulé", with the delivery when known.
    pub status_label: String,
    /// The day it was last printed, if ever.
    pub printed_on: Option<NaiveDate>,
    /// Printed, then edited: to print again before it is sent.
    pub edited_since_printed: bool,
    pub cancelled_on: Option<NaiveDate>,
    pub cancel_reason: Option<String>,
    pub deadline: Option<Deadline>,
    /// The archived PDF was changed or removed since it was archived.
    pub tampered: bool,
}

/// The letters list (one client's, or all), newest first, with their archive's integrity.
pub fn letter_lines(ledger: &Ledger, client_id: Option<i64>) -> Result<Vec<LetterLine>> {
    let broken: Vec<i64> = ledger
        .verify_archive(client_id)?
        .into_iter()
        .filter(|check| check.state != Integrity::Intact)
        .filter_map(|check| check.file.letter_id)
        .collect();
    let rows = ledger.dispatch_rows(client_id)?;
    let lives: std::collections::HashMap<i64, LetterRow> =
        ledger.letters(client_id)?.into_iter().map(|letter| (letter.id, letter)).collect();
    let mut names = std::collections::HashMap::new();
    rows.into_iter()
        .map(|row| {
            if let std::collections::hash_map::Entry::Vacant(entry) = names.entry(row.client_id) {
                entry.insert(ledger.client(row.client_id)?.fields.display_name());
            }
            let life = lives.get(&row.id);
            let status = match row.status.as_str() {
                "drafted" if life.is_some_and(LetterRow::edited_since_printed) => {
                    "Modifié après impression : à réimprimer".to_string()
                }
                "drafted" => "Préparé".to_string(),
                "printed" => "Imprimé".to_string(),
                "cancelled" => match life.and_then(|l| l.cancelled_on) {
                    Some(on) => format!("Annulé le {}", format_long(on)),
                    None => "Annulé".to_string(),
                },
                _ => match (&row.delivery, row.sent_on) {
                    (Some(delivery), _) => format!("Envoyé, {}", delivery.label()),
                    (None, Some(on)) => format!("Envoyé le {}", format_long(on)),
                    (None, None) => "Envoyé".to_string(),
                },
            };
            Ok(LetterLine {
                client_name: names[&row.client_id].clone(),
                title: row.kind.title().to_string(),
                status_label: status,
                printed_on: life.and_then(|l| l.printed_on),
                edited_since_printed: life.is_some_and(LetterRow::edited_since_printed),
                cancelled_on: life.and_then(|l| l.cancelled_on),
                cancel_reason: life.and_then(|l| l.cancel_reason.clone()),
                deadline: row.deadline(),
                tampered: broken.contains(&row.id),
                row,
            })
        })
        .collect()
}
