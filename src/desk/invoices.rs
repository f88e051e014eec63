//! Invoices as both shells show and change them: the list with status and days late, the invoice form,
//! deletion, the list written for a spreadsheet, and each invoice's document (its PDF, kept beside the
//! ledger): given by hand, taken away, and the copies a letter encloses, for printing, the court dossier
//! and e-mail.

use crate::desk::accounts::settlement;
use crate::desk::Result;
use crate::documents::letters::Letter;
use crate::documents::print::enclosure;
use crate::documents::spreadsheet;
use crate::domain::figures::{self, InvoiceLine};
pub use crate::domain::model::InvoiceFields;
use crate::domain::model::{Client, Event};
pub use crate::ledger::archive::Integrity;
pub use crate::ledger::documents::InvoiceDocument;
use crate::ledger::files;
use crate::Ledger;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// Every invoice, or one client's, with status and days late on `as_of`.
pub fn invoice_list(ledger: &Ledger, client_id: Option<i64>, as_of: NaiveDate) -> Result<Vec<InvoiceLine>> {
    match client_id {
        // Every client's invoices: remembered while the ledger does not change (the list is read again each
        // time the page is shown, filtered and sorted in the window).
        None => Ok(ledger.remembered("invoice_list", as_of, || compute_invoice_list(ledger, None, as_of))?.to_vec()),
        Some(_) => compute_invoice_list(ledger, client_id, as_of),
    }
}

fn compute_invoice_list(ledger: &Ledger, client_id: Option<i64>, as_of: NaiveDate) -> Result<Vec<InvoiceLine>> {
    let clients: HashMap<i64, Client> = ledger.clients()?.into_iter().map(|c| (c.id, c)).collect();
    // Each invoice is checked against its client's disputes alone (the same answer as against all of
    // them, without reading every dispute for every invoice).
    let mut disputes: HashMap<i64, Vec<Event>> = HashMap::new();
    for dispute in ledger.disputes()? {
        disputes.entry(dispute.fields.client_id).or_default().push(dispute);
    }
    let settlement = settlement(ledger, as_of, client_id)?;
    Ok(ledger
        .invoice_rows(client_id, as_of)?
        .into_iter()
        .map(|row| {
            let client = &clients[&row.invoice.client_id];
            let disputes = disputes.get(&client.id).map_or(&[][..], Vec::as_slice);
            figures::invoice_line(row, client, &settlement, disputes, as_of)
        })
        .collect())
}

/// Writes the invoice list for a spreadsheet (UTF-8 with a BOM, `;`, decimal commas, formula-safe) to `path`.
pub fn export_invoice_list_csv(ledger: &Ledger, client_id: Option<i64>, as_of: NaiveDate, path: &Path) -> Result<()> {
    let lines = invoice_list(ledger, client_id, as_of)?;
    let bytes = spreadsheet::invoices_csv(&lines).map_err(|error| {
        crate::desk::Error::conflict(format!("La liste des factures n'a pas pu être écrite : {error}"))
    })?;
    Ok(files::write_atomically(path, &bytes)?)
}

/// Creates the invoice when `id` is None, else updates it; returns its id.
pub fn save_invoice(ledger: &mut Ledger, id: Option<i64>, fields: &InvoiceFields) -> Result<i64> {
    match id {
        Some(id) => {
            ledger.update_invoice(id, fields)?;
            Ok(id)
        }
        None => Ok(ledger.create_invoice(fields)?),
    }
}

/// Writes an invoice off on `date` (the client page offers it for a residual balance under the
/// tolerance): it is owed no more from that day, and no longer dunned.
pub fn write_off(ledger: &mut Ledger, id: i64, date: NaiveDate) -> Result<()> {
    Ok(ledger.write_off_invoice(id, date)?)
}

/// Cancels an invoice's write-off (given up by mistake, or the client paid after all): it is owed again.
pub fn cancel_write_off(ledger: &mut Ledger, id: i64) -> Result<()> {
    Ok(ledger.cancel_write_off(id)?)
}

/// Deletes an invoice with no payment allocated to it (and its document's file, when nothing else names
/// it).
pub fn delete_invoice(ledger: &mut Ledger, id: i64) -> Result<()> {
    let document = ledger.invoice_document(id)?;
    ledger.delete_invoice(id)?;
    if let Some(document) = document {
        ledger.forget_unreferenced_documents(&[document.sha256])?;
    }
    Ok(())
}

/// An invoice's document as a letter encloses it: the file's bytes, checked against their hash, and the
/// name to give the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnclosedDocument {
    pub invoice_id: i64,
    pub invoice_number: String,
    /// « Facture F2026-068.pdf »: the name a printed or attached copy takes.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The documents a letter encloses (its facts' `documents`), read and checked, in the letter's order:
/// what the batch prints after the letter, the court dossier includes and an e-mail reminder attaches.
/// A document changed or removed since the letter was composed is refused, never sent as the invoice.
pub fn documents_of(ledger: &Ledger, letter: &Letter) -> Result<Vec<EnclosedDocument>> {
    letter
        .facts
        .documents
        .iter()
        .map(|enclosed| {
            let document = ledger.invoice_document(enclosed.invoice_id)?.ok_or_else(|| {
                crate::desk::Error::conflict(format!(
                    "La facture {} n'a plus de document : composez le courrier de nouveau.",
                    enclosed.number
                ))
            })?;
            Ok(EnclosedDocument {
                invoice_id: document.invoice_id,
                invoice_number: document.invoice_number.clone(),
                file_name: copy_name(&document.invoice_number),
                bytes: ledger.document_bytes(&document)?,
            })
        })
        .collect()
}

/// The documents of a client's invoices whose file is still exactly what was kept: what its letters may
/// enclose.
pub fn intact_documents(ledger: &Ledger, client_id: i64) -> Result<Vec<InvoiceDocument>> {
    let documents = ledger.invoice_documents(Some(client_id))?;
    if documents.is_empty() {
        return Ok(documents);
    }
    let mut intact = Vec::with_capacity(documents.len());
    for document in documents {
        if ledger.document_integrity(&document)? == Integrity::Intact {
            intact.push(document);
        }
    }
    Ok(intact)
}

/// Every invoice's document (or one client's), with whether its file is intact: for lists.
pub fn documents(ledger: &Ledger, client_id: Option<i64>) -> Result<Vec<DocumentState>> {
    ledger
        .invoice_documents(client_id)?
        .into_iter()
        .map(|document| Ok(DocumentState { integrity: ledger.document_integrity(&document)?, document }))
        .collect()
}

/// An invoice's document and whether its file is still the one kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentState {
    #[serde(flatten)]
    pub document: InvoiceDocument,
    pub integrity: Integrity,
}

/// Gives an invoice a PDF by hand (the dialog, a drop on the invoice, `ardoise invoice-document`),
/// replacing the document it had. The file must be a PDF a letter can enclose (readable, not protected,
/// with pages); a Factur-X of another invoice is refused. The bytes are stored first, then the row; the
/// file replaced goes when nothing names it any more.
pub fn attach_document(ledger: &mut Ledger, invoice_id: i64, file_name: &str, bytes: &[u8]) -> Result<InvoiceDocument> {
    let invoice = ledger.invoice_row(invoice_id)?.invoice;
    enclosure::check(file_name, bytes).map_err(|error| crate::desk::Error::invalid("file", error.to_string()))?;
    if let Ok(read) = crate::import::einvoice::read(file_name, bytes) {
        if !read.number.is_empty() && read.number != invoice.number {
            return Err(crate::desk::Error::invalid(
                "file",
                format!(
                    "« {file_name} » est la facture électronique n° {}, pas la facture {} : choisissez le PDF de \
                     cette facture.",
                    read.number, invoice.number
                ),
            ));
        }
    }
    let sha256 = ledger.store_document(bytes)?;
    let name = plain_file_name(file_name);
    let replaced = ledger.atomically(|ledger| ledger.set_invoice_document(invoice_id, &sha256, &name));
    let replaced = match replaced {
        Ok(replaced) => replaced,
        Err(error) => {
            let _ = ledger.forget_unreferenced_documents(&[sha256]);
            return Err(error.into());
        }
    };
    if let Some(old) = replaced.filter(|old| old.sha256 != sha256) {
        ledger.forget_unreferenced_documents(&[old.sha256])?;
    }
    ledger.invoice_document(invoice_id)?.ok_or_else(|| crate::desk::Error::conflict("Document introuvable."))
}

/// Takes an invoice's document away (its file goes when nothing else names it); returns it.
pub fn remove_document(ledger: &mut Ledger, invoice_id: i64) -> Result<Option<InvoiceDocument>> {
    let removed = ledger.atomically(|ledger| ledger.remove_invoice_document(invoice_id))?;
    if let Some(document) = &removed {
        ledger.forget_unreferenced_documents(std::slice::from_ref(&document.sha256))?;
    }
    Ok(removed)
}

/// The invoice a person means by `text`: its number (« F2026-068 »), or its id in the ledger; returns its
/// id and number.
pub fn find_invoice(ledger: &Ledger, text: &str) -> Result<(i64, String)> {
    let text = text.trim();
    if let Some(row) = ledger.invoice_by_number(text)? {
        return Ok((row.invoice.id, row.invoice.number));
    }
    if let Ok(id) = text.parse::<i64>() {
        if let Ok(row) = ledger.invoice_row(id) {
            return Ok((id, row.invoice.number));
        }
    }
    Err(crate::desk::Error::invalid(
        "invoice",
        format!("aucune facture ne porte le numéro « {text} ». La commande `ardoise invoices` les liste."),
    ))
}

/// Reads a PDF given for an invoice: its name (without folders) and its bytes, refused when too large.
pub fn read_document_file(path: &std::path::Path) -> Result<(String, Vec<u8>)> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let too_large =
        || enclosure::EnclosureError::TooLarge { file: name.clone(), max_mb: enclosure::MAX_BYTES / 1024 / 1024 };
    let cannot_read = |detail: String| crate::desk::Error::invalid("file", format!("« {name} » illisible : {detail}."));
    let metadata = std::fs::metadata(path).map_err(|error| cannot_read(error.to_string()))?;
    if metadata.is_dir() {
        return Err(cannot_read("c'est un dossier, pas un fichier".to_string()));
    }
    if metadata.len() > enclosure::MAX_BYTES as u64 {
        return Err(crate::desk::Error::invalid("file", too_large().to_string()));
    }
    let bytes = std::fs::read(path).map_err(|error| cannot_read(error.to_string()))?;
    Ok((name, bytes))
}

/// The name a copy of an invoice's document takes when printed, saved or attached.
pub fn copy_name(number: &str) -> String {
    format!("{}.pdf", crate::documents::letters::sanitize_file_name(&format!("Facture {number}")))
}

/// The last part of a name given with folders, without the characters file systems refuse.
fn plain_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean = crate::documents::letters::sanitize_file_name(last);
    if clean.is_empty() {
        "facture.pdf".to_string()
    } else {
        clean
    }
}
