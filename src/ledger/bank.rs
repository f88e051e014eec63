//! The ledger's side of bank statements (F11): what the matcher reads for the whole ledger in a few
//! queries (`bank_clients`, `bank_open_invoices`), what was imported before (`known_fingerprints`,
//! `stored_credits_between`, `bank_imports_between`), the commit of a confirmed statement as one unit
//! (`commit_bank_import`), the history, the undo of the last statement, the CSV mappings remembered under
//! `bank:` keys, and the letters drafted but not sent that a payment made pointless.

use super::{date_column, enum_from_text, enum_text, Ledger};
use crate::domain::letter_kind::LetterKind;
use crate::domain::matching::{ClientIdentity, OpenInvoice, RecordedPayment, Settled, SettledInvoice};
use crate::domain::model::{Allocation, PaymentMethod};
use crate::domain::money::{from_cents, to_cents};
use crate::import::bank::{BankMapping, StatementFormat, StatementLine};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One statement import in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankImportRecord {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub format: StatementFormat,
    /// « CSV », « OFX 1 (SGML) »…
    pub format_label: &'static str,
    pub layout: Option<String>,
    pub account: String,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Lines read from the file.
    pub lines: i64,
    /// Credits recorded as payments.
    pub recorded: i64,
    /// Payments written (a credit split over two clients is two payments).
    pub payments: i64,
    /// What the recorded credits add up to.
    pub amount: Decimal,
    pub left_out: i64,
    /// Debits, pending and reversed lines, and lines imported before.
    pub set_aside: i64,
    /// When it was made, UTC, as SQLite wrote it; shown, never computed with.
    pub imported_at: String,
    pub undone_at: Option<String>,
}

/// What a confirmed statement writes, decided and checked by the desk against the inputs it loaded.
#[derive(Debug, Clone)]
pub struct BankCommit<'a> {
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub format: StatementFormat,
    pub layout: Option<&'a str>,
    /// The account or accounts the file covers, as the history shows them; each line is kept under its own
    /// (`StatementLine::account`).
    pub account: &'a str,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub line_count: usize,
    pub set_aside: usize,
    /// The CSV mapping to remember under its layout key.
    pub mapping: Option<(&'a str, &'a BankMapping)>,
    /// The credits decided on, recorded or left out.
    pub lines: Vec<CommitLine<'a>>,
}

/// One credit line decided on.
#[derive(Debug, Clone)]
pub struct CommitLine<'a> {
    pub line: &'a StatementLine,
    /// Empty: the line is left out (kept so that it is not offered again).
    pub payments: Vec<CommitPayment>,
    /// The payer's IBAN, learned for the client when the whole credit went to one client.
    pub learned_iban: Option<(i64, String)>,
}

/// A payment a credit becomes, for one client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitPayment {
    pub client_id: i64,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub method: PaymentMethod,
    pub reference: String,
    pub allocations: Vec<Allocation>,
}

/// A credit line recorded by an earlier statement, for spotting the same money read from another format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCredit {
    pub booking_date: NaiveDate,
    pub amount: Decimal,
    pub bank_import_id: i64,
    pub file_name: String,
    pub format: StatementFormat,
}

/// A letter drafted or printed but not sent, about invoices a payment has now settled (or, for a letter
/// that names no invoice, for a client who owes nothing any more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterToCheck {
    pub letter_id: i64,
    pub client_id: i64,
    pub kind: LetterKind,
    /// « drafted » or « printed ».
    pub status: String,
    pub drafted_on: NaiveDate,
    /// The numbers of its invoices now paid in full; empty for a letter naming none.
    pub paid_invoices: Vec<String>,
}

/// The remembered mapping a commit replaced, kept for an exact undo.
#[derive(Debug, Serialize, Deserialize)]
struct MappingBefore {
    mapping_json: String,
    updated_at: String,
}

impl Ledger {
    /// Every client as the matcher recognises it: name, SIREN/SIRET and the IBANs seen paying for it.
    pub fn bank_clients(&self) -> Result<Vec<ClientIdentity>> {
        let mut ibans: HashMap<i64, Vec<String>> = HashMap::new();
        let mut statement =
            self.connection.prepare_cached("SELECT client_id, iban FROM client_ibans ORDER BY rowid")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            ibans.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
        let mut statement = self.connection.prepare_cached(
            "SELECT id, CASE company_name WHEN '' THEN trim(first_name || ' ' || last_name) ELSE company_name END,
                    siren_siret
             FROM clients ORDER BY id",
        )?;
        let clients = statement
            .query_map([], |row| {
                let id: i64 = row.get(0)?;
                let siren: String = row.get(2)?;
                Ok(ClientIdentity {
                    id,
                    name: row.get(1)?,
                    siren_siret: Some(siren.chars().filter(char::is_ascii_digit).collect::<String>())
                        .filter(|digits| !digits.is_empty()),
                    ibans: Vec::new(),
                })
            })?
            .map(|client| {
                client.map(|mut client| {
                    client.ibans = ibans.remove(&client.id).unwrap_or_default();
                    client
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(clients)
    }

    /// The payments recorded outside any bank statement (by hand, or by an import) that carry a
    /// reference, not rejected: what a credit read from a statement may already be.
    pub fn payments_outside_statements(&self) -> Result<Vec<RecordedPayment>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT p.id, p.client_id, p.date, p.amount_cents, p.reference FROM payments p
             WHERE p.bank_line_id IS NULL AND p.reference <> ''
               AND NOT EXISTS (SELECT 1 FROM payment_rejections r WHERE r.payment_id = p.id)
             ORDER BY p.date, p.id",
        )?;
        let payments = statement
            .query_map([], |row| {
                Ok(RecordedPayment {
                    id: row.get(0)?,
                    client_id: row.get(1)?,
                    date: date_column(row, 2)?,
                    amount: from_cents(row.get(3)?),
                    reference: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(payments)
    }

    /// Every invoice that can still receive money, with what it still owes after everything recorded
    /// (rejected payments left out, written-off invoices and credit notes excluded): one query.
    pub fn bank_open_invoices(&self) -> Result<Vec<OpenInvoice>> {
        // The sums are taken per invoice from the allocation index, only for invoices that have one: the
        // whole-ledger CTE of PAID_AS_OF would group every allocation first. An invoice a corrected invoice
        // (384) replaces is owed no more, as `figures` has it: a credit cannot pay it.
        let mut statement = self.connection.prepare_cached(
            "SELECT i.id, i.number, i.client_id, i.due_date, i.issue_date,
                    i.amount_cents - COALESCE(p.paid_cents, 0)
             FROM invoices i
             LEFT JOIN (SELECT a.invoice_id, SUM(a.amount_cents) AS paid_cents
                        FROM payment_allocations a
                        WHERE NOT EXISTS (SELECT 1 FROM payment_rejections r WHERE r.payment_id = a.payment_id)
                        GROUP BY a.invoice_id) p ON p.invoice_id = i.id
             WHERE i.written_off_on IS NULL AND i.amount_cents > 0
               AND i.amount_cents - COALESCE(p.paid_cents, 0) > 0
               AND NOT EXISTS (SELECT 1 FROM invoices r
                               WHERE r.corrects = i.number AND r.client_id = i.client_id
                                 AND r.amount_cents > 0 AND r.id <> i.id)
             ORDER BY i.id",
        )?;
        let invoices = statement
            .query_map([], |row| {
                Ok(OpenInvoice {
                    id: row.get(0)?,
                    number: row.get(1)?,
                    client_id: row.get(2)?,
                    due_date: date_column(row, 3)?,
                    issue_date: date_column(row, 4)?,
                    due: from_cents(row.get(5)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(invoices)
    }

    /// Every invoice owed no more by its payments, its write-off or a corrected invoice replacing it (the
    /// invoices `bank_open_invoices` leaves out, credit notes aside), with how: one query, grouping the
    /// allocations once. Paid: the day of its last payment, and whether that one was recorded by hand
    /// (from no statement and no import).
    pub fn bank_settled_invoices(&self) -> Result<Vec<SettledInvoice>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT i.number, i.client_id, i.written_off_on IS NOT NULL,
                    EXISTS (SELECT 1 FROM invoices r
                            WHERE r.corrects = i.number AND r.client_id = i.client_id
                              AND r.amount_cents > 0 AND r.id <> i.id),
                    p.last_date, p.last_date = p.last_by_hand
             FROM invoices i
             LEFT JOIN (SELECT a.invoice_id, SUM(a.amount_cents) AS paid_cents, MAX(m.date) AS last_date,
                               MAX(CASE WHEN m.bank_line_id IS NULL AND m.import_id IS NULL
                                        THEN m.date END) AS last_by_hand
                        FROM payment_allocations a JOIN payments m ON m.id = a.payment_id
                        WHERE NOT EXISTS (SELECT 1 FROM payment_rejections r WHERE r.payment_id = a.payment_id)
                        GROUP BY a.invoice_id) p ON p.invoice_id = i.id
             WHERE i.amount_cents > 0
               AND (i.written_off_on IS NOT NULL
                    OR i.amount_cents - COALESCE(p.paid_cents, 0) <= 0
                    OR EXISTS (SELECT 1 FROM invoices r
                               WHERE r.corrects = i.number AND r.client_id = i.client_id
                                 AND r.amount_cents > 0 AND r.id <> i.id))
             ORDER BY i.id",
        )?;
        let invoices = statement
            .query_map([], |row| {
                let how = if row.get::<_, bool>(2)? {
                    Settled::WrittenOff
                } else if row.get::<_, bool>(3)? {
                    Settled::Replaced
                } else {
                    match row.get::<_, Option<String>>(4)? {
                        Some(_) => Settled::Paid {
                            on: date_column(row, 4)?,
                            by_hand: row.get::<_, Option<bool>>(5)?.unwrap_or(false),
                        },
                        None => Settled::Credited,
                    }
                };
                Ok(SettledInvoice { number: row.get(0)?, client_id: row.get(1)?, how })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(invoices)
    }

    /// The fingerprints of the lines of an account already decided on (recorded or left out).
    pub fn known_fingerprints(&self, account: &str) -> Result<HashSet<String>> {
        let mut statement = self.connection.prepare_cached("SELECT fingerprint FROM bank_lines WHERE account = ?1")?;
        let found = statement.query_map([account], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }

    /// The credit lines recorded or left out between two dates, whatever the account or format.
    pub fn stored_credits_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<StoredCredit>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT l.booking_date, l.amount_cents, b.id, b.file_name, b.format
             FROM bank_lines l JOIN bank_imports b ON b.id = l.bank_import_id
             WHERE l.booking_date BETWEEN ?1 AND ?2 ORDER BY l.id",
        )?;
        let found = statement
            .query_map(params![from, to], |row| {
                Ok(StoredCredit {
                    booking_date: date_column(row, 0)?,
                    amount: from_cents(row.get(1)?),
                    bank_import_id: row.get(2)?,
                    file_name: row.get(3)?,
                    format: enum_from_text(row.get(4)?)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }

    /// The statements imported (and not undone) whose dates meet the range from `from` to `to`.
    pub fn bank_imports_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<BankImportRecord>> {
        let mut statement = self.connection.prepare_cached(&format!(
            "{SELECT_BANK_IMPORTS} WHERE undone_at IS NULL AND first_date <= ?2 AND last_date >= ?1 ORDER BY id"
        ))?;
        let found = statement.query_map(params![from, to], bank_import_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }

    /// Every statement import, the latest first.
    pub fn bank_imports(&self) -> Result<Vec<BankImportRecord>> {
        let mut statement = self.connection.prepare_cached(&format!("{SELECT_BANK_IMPORTS} ORDER BY id DESC"))?;
        let found = statement.query_map([], bank_import_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }

    fn bank_import(&self, id: i64) -> Result<BankImportRecord> {
        self.connection
            .query_row_cached(&format!("{SELECT_BANK_IMPORTS} WHERE id = ?1"), [id], bank_import_from_row)
            .optional()?
            .ok_or(LedgerError::NotFound { what: "Import de relevé", id })
    }

    /// The mapping remembered for a bank CSV layout (`bank:` keys), if any and still readable.
    pub fn remembered_bank_mapping(&self, layout_key: &str) -> Result<Option<BankMapping>> {
        let text: Option<String> = self
            .connection
            .query_row_cached("SELECT mapping_json FROM import_mappings WHERE layout_key = ?1", [layout_key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// Writes a confirmed statement as one unit: the import's record, each decided line, the payments
    /// and their allocations, the IBANs learned and the CSV mapping. Refused, with nothing written, if an
    /// allocation would make an invoice receive more than it owes. The ledger file is backed up first
    /// (`sauvegardes/ardoise_avant-releve-<start of the SHA-256>_import.sqlite3`); a backup that fails
    /// stops the import before anything is written.
    pub fn commit_bank_import(&mut self, commit: &BankCommit<'_>) -> Result<BankImportRecord> {
        if let Some(path) = self.path.clone() {
            let label = format!("avant-releve-{}", commit.sha256.get(..12).unwrap_or("fichier"));
            super::backup::back_up(&self.connection, &path, crate::ledger::backups::Reason::Import, &label)?;
        }
        self.atomically(|ledger| ledger.write_bank_import(commit))
    }

    fn write_bank_import(&mut self, commit: &BankCommit<'_>) -> Result<BankImportRecord> {
        let recorded: Vec<&CommitLine<'_>> = commit.lines.iter().filter(|line| !line.payments.is_empty()).collect();
        let recorded_cents: i64 = recorded.iter().flat_map(|line| &line.payments).map(|p| to_cents(p.amount)).sum();
        let payment_count: usize = recorded.iter().map(|line| line.payments.len()).sum();
        let (mapping_key, mapping_before) = match commit.mapping {
            Some((key, _)) => {
                let before: Option<MappingBefore> = self
                    .connection
                    .query_row_cached(
                        "SELECT mapping_json, updated_at FROM import_mappings WHERE layout_key = ?1",
                        [key],
                        |row| Ok(MappingBefore { mapping_json: row.get(0)?, updated_at: row.get(1)? }),
                    )
                    .optional()?;
                (Some(key), before.map(|before| to_json(&before)).transpose()?)
            }
            None => (None, None),
        };
        self.connection.execute(
            "INSERT INTO bank_imports (file_name, sha256, format, layout, account, first_date, last_date, line_count,
                recorded_count, payment_count, recorded_cents, left_out_count, set_aside_count, mapping_key,
                mapping_before)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                commit.file_name,
                commit.sha256,
                enum_text(&commit.format),
                commit.layout,
                commit.account,
                commit.first_date,
                commit.last_date,
                commit.line_count as i64,
                recorded.len() as i64,
                payment_count as i64,
                recorded_cents,
                (commit.lines.len() - recorded.len()) as i64,
                commit.set_aside as i64,
                mapping_key,
                mapping_before
            ],
        )?;
        let import_id = self.connection.last_insert_rowid();
        let mut touched: HashSet<i64> = HashSet::new();
        for decided in &commit.lines {
            let line = decided.line;
            self.connection
                .prepare_cached(
                    "INSERT INTO bank_lines (bank_import_id, account, fingerprint, position, booking_date, value_date,
                        amount_cents, label, details, reference, counterparty_name, counterparty_iban, bank_reference,
                        decision, charges_cents)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                )?
                .execute(params![
                    import_id,
                    line.account,
                    line.fingerprint,
                    line.position as i64,
                    line.booking_date,
                    line.value_date,
                    to_cents(line.amount),
                    line.label,
                    line.details,
                    line.reference,
                    line.counterparty_name,
                    line.counterparty_iban,
                    line.bank_reference,
                    if decided.payments.is_empty() { "left_out" } else { "recorded" },
                    to_cents(line.bank_charges)
                ])
                .map_err(|error| match error {
                    rusqlite::Error::SqliteFailure(failure, _)
                        if failure.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        LedgerError::Conflict(format!(
                            "La ligne {} du relevé (du {}) a déjà été importée : rechargez l'aperçu.",
                            line.position,
                            crate::domain::calendar::format_short(line.booking_date)
                        ))
                    }
                    other => other.into(),
                })?;
            let line_id = self.connection.last_insert_rowid();
            for payment in &decided.payments {
                self.connection
                    .prepare_cached(
                        "INSERT INTO payments (client_id, date, amount_cents, method, reference, bank_line_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![
                        payment.client_id,
                        payment.date,
                        to_cents(payment.amount),
                        enum_text(&payment.method),
                        payment.reference,
                        line_id
                    ])?;
                let payment_id = self.connection.last_insert_rowid();
                for allocation in &payment.allocations {
                    self.connection
                        .prepare_cached(
                            "INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents) VALUES (?1, ?2, ?3)",
                        )?
                        .execute(params![payment_id, allocation.invoice_id, to_cents(allocation.amount)])?;
                    touched.insert(allocation.invoice_id);
                }
            }
            if let Some((client_id, iban)) = &decided.learned_iban {
                self.connection
                    .prepare_cached(
                        "INSERT OR IGNORE INTO client_ibans (client_id, iban, first_seen, bank_import_id)
                         VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![client_id, iban, line.booking_date, import_id])?;
            }
        }
        // The desk checked every split against what it loaded; this is the last word, in the same unit.
        let mut touched: Vec<i64> = touched.into_iter().collect();
        touched.sort_unstable();
        for invoice_id in touched {
            let (number, left) = self.invoice_left(invoice_id)?;
            if left < 0 {
                return Err(LedgerError::Conflict(format!(
                    "La facture {number} recevrait {} de plus que ce qu'elle doit : rien n'a été enregistré. \
                     Corrigez sa part, puis confirmez à nouveau.",
                    crate::domain::money::format_eur(from_cents(-left))
                )));
            }
        }
        if let Some((key, mapping)) = commit.mapping {
            self.connection.execute(
                "INSERT INTO import_mappings (layout_key, mapping_json) VALUES (?1, ?2)
                 ON CONFLICT (layout_key) DO UPDATE SET mapping_json = excluded.mapping_json,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE mapping_json <> excluded.mapping_json",
                params![key, to_json(mapping)?],
            )?;
        }
        self.bank_import(import_id)
    }

    /// An invoice's number and what it still owes in cents (negative: it received too much), payments
    /// rejected left out: the rule by which a letter about it is « désormais réglée », here after a bank
    /// import and when the letter's sending is recorded.
    pub fn invoice_left(&self, invoice_id: i64) -> Result<(String, i64)> {
        Ok(self
            .connection
            .prepare_cached(
                "SELECT i.number, i.amount_cents - COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a
                    WHERE a.invoice_id = i.id
                      AND NOT EXISTS (SELECT 1 FROM payment_rejections r WHERE r.payment_id = a.payment_id)), 0)
             FROM invoices i WHERE i.id = ?1",
            )?
            .query_row([invoice_id], |row| Ok((row.get(0)?, row.get(1)?)))?)
    }

    /// Undoes the last statement import not yet undone, as one unit: its payments, its lines and the
    /// IBANs it taught are deleted and the mapping it remembered is put back as it was. Refused, with
    /// nothing changed, when one of its payments has been marked rejected since (the undo would lose it).
    pub fn undo_last_bank_import(&mut self) -> Result<BankImportRecord> {
        let last: Option<i64> = self
            .connection
            .query_row_cached("SELECT id FROM bank_imports WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(import_id) = last else {
            return Err(LedgerError::Conflict("Aucun import de relevé à annuler.".into()));
        };
        let rejected: Option<(i64, String)> = self
            .connection
            .query_row_cached(
                "SELECT p.id, r.date FROM payments p
                 JOIN bank_lines l ON l.id = p.bank_line_id
                 JOIN payment_rejections r ON r.payment_id = p.id
                 WHERE l.bank_import_id = ?1 ORDER BY p.id LIMIT 1",
                [import_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        if let Some((payment_id, date)) = rejected {
            return Err(LedgerError::Conflict(format!(
                "Le règlement n° {payment_id} de ce relevé a été marqué rejeté le {date} : annuler l'import effacerait \
                 ce rejet. Rien n'a été modifié."
            )));
        }
        self.atomically(|ledger| ledger.undo_bank_import(import_id))
    }

    fn undo_bank_import(&mut self, import_id: i64) -> Result<BankImportRecord> {
        self.connection.execute(
            "DELETE FROM payments WHERE bank_line_id IN (SELECT id FROM bank_lines WHERE bank_import_id = ?1)",
            [import_id],
        )?;
        self.connection.execute("DELETE FROM client_ibans WHERE bank_import_id = ?1", [import_id])?;
        self.connection.execute("DELETE FROM bank_lines WHERE bank_import_id = ?1", [import_id])?;
        let (key, before): (Option<String>, Option<String>) = self.connection.query_row_cached(
            "SELECT mapping_key, mapping_before FROM bank_imports WHERE id = ?1",
            [import_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if let Some(key) = key {
            match before {
                None => {
                    self.connection.execute("DELETE FROM import_mappings WHERE layout_key = ?1", [&key])?;
                }
                Some(json) => {
                    let before: MappingBefore =
                        serde_json::from_str(&json).map_err(|error| LedgerError::Exchange(error.to_string()))?;
                    self.connection.execute(
                        "UPDATE import_mappings SET mapping_json = ?2, updated_at = ?3 WHERE layout_key = ?1",
                        params![key, before.mapping_json, before.updated_at],
                    )?;
                }
            }
        }
        self.connection.execute(
            "UPDATE bank_imports SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            [import_id],
        )?;
        self.bank_import(import_id)
    }

    /// The letters drafted or printed but not sent that are about one of `paid_invoices`, and those naming
    /// no invoice for one of `clear_clients`; by letter id. Which invoices are paid in full and which
    /// clients owe nothing is the desk's to say, from the settlement of credits (a credit note is never
    /// allocated, so the allocations alone cannot tell).
    pub fn unsent_letters_to_check(&self, paid_invoices: &[i64], clear_clients: &[i64]) -> Result<Vec<LetterToCheck>> {
        let mut letters: BTreeMap<i64, LetterToCheck> = BTreeMap::new();
        let mut about = self.connection.prepare_cached(
            "SELECT l.id, l.client_id, l.kind, l.status, l.drafted_on
             FROM letter_invoices li JOIN letters l ON l.id = li.letter_id
             WHERE li.invoice_id = ?1 AND l.status IN ('drafted', 'printed')",
        )?;
        for &invoice_id in paid_invoices {
            let found: Vec<LetterToCheck> =
                about.query_map([invoice_id], letter_to_check)?.collect::<rusqlite::Result<_>>()?;
            if found.is_empty() {
                continue;
            }
            let number: String =
                self.connection
                    .query_row_cached("SELECT number FROM invoices WHERE id = ?1", [invoice_id], |row| row.get(0))?;
            for letter in found {
                let entry = letters.entry(letter.letter_id).or_insert(letter);
                if !entry.paid_invoices.contains(&number) {
                    entry.paid_invoices.push(number.clone());
                }
            }
        }
        let mut unnamed = self.connection.prepare_cached(
            "SELECT l.id, l.client_id, l.kind, l.status, l.drafted_on FROM letters l
             WHERE l.client_id = ?1 AND l.status IN ('drafted', 'printed')
               AND NOT EXISTS (SELECT 1 FROM letter_invoices li WHERE li.letter_id = l.id)",
        )?;
        for &client_id in clear_clients {
            let found: Vec<LetterToCheck> =
                unnamed.query_map([client_id], letter_to_check)?.collect::<rusqlite::Result<_>>()?;
            for letter in found {
                letters.entry(letter.letter_id).or_insert(letter);
            }
        }
        Ok(letters.into_values().collect())
    }
}

const SELECT_BANK_IMPORTS: &str = "SELECT id, file_name, sha256, format, layout, account, first_date, last_date,
    line_count, recorded_count, payment_count, recorded_cents, left_out_count, set_aside_count, imported_at, undone_at
    FROM bank_imports";

fn bank_import_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<BankImportRecord> {
    let format: StatementFormat = enum_from_text(row.get(3)?)?;
    Ok(BankImportRecord {
        id: row.get(0)?,
        file_name: row.get(1)?,
        sha256: row.get(2)?,
        format,
        format_label: format.label(),
        layout: row.get(4)?,
        account: row.get(5)?,
        first_date: row.get(6)?,
        last_date: row.get(7)?,
        lines: row.get(8)?,
        recorded: row.get(9)?,
        payments: row.get(10)?,
        amount: from_cents(row.get(11)?),
        left_out: row.get(12)?,
        set_aside: row.get(13)?,
        imported_at: row.get(14)?,
        undone_at: row.get(15)?,
    })
}

fn letter_to_check(row: &rusqlite::Row<'_>) -> rusqlite::Result<LetterToCheck> {
    let kind: String = row.get(2)?;
    Ok(LetterToCheck {
        letter_id: row.get(0)?,
        client_id: row.get(1)?,
        kind: LetterKind::from_id(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, format!("kind {kind}").into())
        })?,
        status: row.get(3)?,
        drafted_on: row.get(4)?,
        paid_invoices: Vec::new(),
    })
}

fn to_json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|error| LedgerError::Exchange(error.to_string()))
}
