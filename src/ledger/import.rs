//! The ledger's side of an import (F2): what the ledger holds for a plan to be made against
//! (`import_snapshot`), the commit of a plan as one unit with a record of everything it changed
//! (`commit_import`), the history (`imports`), the undo of the last import (`undo_last_import`) and the
//! column mappings remembered per layout.

use super::{enum_from_text, enum_text, IsoDay, Ledger, ALL_TIME, PAID_AS_OF};
use crate::domain::model::{EventFields, EventKind, PaymentMethod};
use crate::domain::money::{from_cents, to_cents};
use crate::import::plan::{ClientUpdate, KnownClient, KnownInvoice, PlannedDispute, PlannedPause, PlannedRow};
use crate::import::rows::RowDocument;
use crate::import::{ClientChoice, ColumnMapping, ImportPlan, LedgerSnapshot, RowStatus};
use crate::ledger::documents::DocumentSource;
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

/// Rows written by one multi-row INSERT of an import (`insert_many`).
const ROWS_PER_INSERT: usize = 64;

/// A payment an import records, with the id it is given and the invoice it settles.
struct NewPayment {
    id: i64,
    client_id: i64,
    invoice_id: i64,
    date: chrono::NaiveDate,
    cents: i64,
    reference: String,
}

/// One import in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRecord {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    /// When it was made, UTC, as SQLite wrote it; shown, never computed with.
    pub imported_at: String,
    pub sheet: Option<String>,
    pub new: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    pub undone_at: Option<String>,
}

/// The invoice columns an update may change, saved before it so that an undo restores them exactly.
/// Records written before invoices had documents and corrected numbers read with neither changed.
#[derive(Debug, Serialize, serde::Deserialize)]
struct InvoiceBefore {
    issue_date: String,
    due_date: String,
    amount_cents: i64,
    amount_excl_vat_cents: Option<i64>,
    object: String,
    updated_at: String,
    /// The invoice's nature before (NULL: none said). Undo records written before natures existed lack it
    /// and leave the nature as it is.
    #[serde(default)]
    nature: Option<String>,
    #[serde(default)]
    nature_recorded: bool,
    #[serde(default)]
    corrects: Option<String>,
    /// True when the import gave the invoice another document; `document` is then the one it had.
    #[serde(default)]
    document_changed: bool,
    #[serde(default)]
    document: Option<DocumentBefore>,
}

/// The client columns an import may fill (`ClientBefore::columns` in this order; a column added later goes
/// at the end, an older record holding fewer).
const FILLED_CLIENT_COLUMNS: [&str; 11] = [
    "email",
    "phone",
    "siren_siret",
    "address_complement",
    "address_building",
    "address_street",
    "address_locality",
    "address_postcode",
    "address_town",
    "address_country",
    "kind",
];

/// The address's columns in `FILLED_CLIENT_COLUMNS`.
const ADDRESS_COLUMNS: std::ops::Range<usize> = 3..10;

/// A client's fillable columns before an import filled some and after, so that an undo empties exactly
/// what the import wrote: a column changed by hand since keeps its new value.
#[derive(Debug, Serialize, serde::Deserialize)]
struct ClientBefore {
    columns: Vec<String>,
    updated_at: String,
    after: Vec<String>,
    /// The client's `updated_at` once filled: another moment means it was saved by hand since.
    after_updated_at: String,
}

/// An invoice's document row as it was before an import replaced it.
#[derive(Debug, Serialize, serde::Deserialize)]
struct DocumentBefore {
    sha256: String,
    file_name: String,
    source: String,
    import_id: Option<i64>,
    created_at: String,
}

impl Ledger {
    /// What an import is compared with: every client, every invoice by number with what it received.
    pub fn import_snapshot(&self) -> Result<LedgerSnapshot> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id, CASE company_name WHEN '' THEN trim(first_name || ' ' || last_name) ELSE company_name END,
                    siren_siret, email, payment_terms_days, payment_terms_end_of_month
             FROM clients ORDER BY id",
        )?;
        let clients = statement
            .query_map([], |row| {
                let end_of_month: bool = row.get(5)?;
                Ok(KnownClient {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    siren_siret: row.get(2)?,
                    email: row.get(3)?,
                    payment_terms: row
                        .get::<_, Option<u32>>(4)?
                        .map(|days| crate::domain::terms::PaymentTerms { days, end_of_month }),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let sql = format!(
            "WITH {PAID_AS_OF}
             SELECT i.number, i.id, i.client_id, i.issue_date, i.due_date, i.amount_cents, i.amount_excl_vat_cents,
                    i.object, COALESCE(p.paid_cents, 0), i.corrects, d.file_name, d.sha256, i.nature
             FROM invoices i LEFT JOIN paid p ON p.invoice_id = i.id
                LEFT JOIN invoice_documents d ON d.invoice_id = i.id"
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let invoices = statement
            .query_map([ALL_TIME], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    KnownInvoice {
                        id: row.get(1)?,
                        client_id: row.get(2)?,
                        issue_date: row.get(3)?,
                        due_date: row.get(4)?,
                        amount: from_cents(row.get(5)?),
                        amount_excl_vat: row.get::<_, Option<i64>>(6)?.map(from_cents),
                        object: row.get(7)?,
                        nature: row.get::<_, Option<String>>(12)?.map(enum_from_text).transpose()?,
                        paid: from_cents(row.get(8)?),
                        corrects: row.get(9)?,
                        document: match (row.get::<_, Option<String>>(10)?, row.get::<_, Option<String>>(11)?) {
                            (Some(file_name), Some(sha256)) => Some(RowDocument { file_name, sha256 }),
                            _ => None,
                        },
                    },
                ))
            })?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        let profile = self.profile()?;
        let digits: String = profile.siren_siret.chars().filter(char::is_ascii_digit).collect();
        let profile_siren = match digits.get(..9) {
            Some(siren) => siren.to_string(),
            None => crate::domain::identity::siren_of_vat_number(&profile.vat_number).unwrap_or_default(),
        };
        let disputed_invoices = self
            .connection
            .prepare_cached("SELECT DISTINCT invoice_id FROM events WHERE kind = 'dispute' AND invoice_id IS NOT NULL")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let paused_invoices = self
            .connection
            .prepare_cached("SELECT DISTINCT invoice_id FROM events WHERE kind = 'pause' AND invoice_id IS NOT NULL")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let client_fields = self.clients()?.into_iter().map(|client| (client.id, client.fields)).collect();
        Ok(LedgerSnapshot {
            clients,
            invoices,
            default_payment_terms_days: self.default_payment_terms_days()?,
            profile_siren,
            disputed_invoices,
            paused_invoices,
            client_fields,
        })
    }

    /// Applies a plan as one unit: the clients to create, the invoices to create or update, the payments
    /// for what the file says was paid, the mapping of this layout, and the history record with what an
    /// undo needs (created invoices and payments carry the import's id; created clients and the previous
    /// values of updated invoices go to `import_changes`). All of it is kept, or none.
    ///
    /// A plan with nothing new or updated writes nothing at all (None): importing the same file again
    /// changes nothing, not even the history.
    ///
    /// The documents the plan gives invoices must have been stored first (`store_document`): the rows
    /// name files by their SHA-256.
    ///
    /// This is the single place an import is committed, so the ledger file is backed up here first
    /// (`sauvegardes/ardoise_avant-import-<start of the file's SHA-256>_import.sqlite3`); a backup that
    /// fails stops the import before anything is written.
    pub fn commit_import(&mut self, plan: &ImportPlan) -> Result<Option<ImportRecord>> {
        if plan.new == 0 && plan.updated == 0 {
            return Ok(None);
        }
        if let Some(path) = self.path.clone() {
            let label = format!("avant-import-{}", plan.source.sha256.get(..12).unwrap_or("fichier"));
            super::backup::back_up(&self.connection, &path, crate::ledger::backups::Reason::Import, &label)?;
        }
        self.atomically(|ledger| ledger.write_plan(plan)).map(Some)
    }

    fn write_plan(&mut self, plan: &ImportPlan) -> Result<ImportRecord> {
        self.connection.execute(
            "INSERT INTO imports (file_name, sha256, sheet, new_count, updated_count, unchanged_count, rejected_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                plan.source.file_name,
                plan.source.sha256,
                plan.source.sheet,
                plan.new as i64,
                plan.updated as i64,
                plan.unchanged as i64,
                plan.rejected_rows as i64
            ],
        )?;
        let import_id = self.connection.last_insert_rowid();
        // One timestamp for the whole import, from SQLite's clock as the columns' defaults would take it:
        // the default evaluated again for every row was a tenth of the writing.
        let stamp: String =
            self.connection.query_row_cached("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |row| row.get(0))?;
        for update in &plan.client_updates {
            self.fill_imported_client(import_id, update)?;
        }
        let mut client_ids = Vec::with_capacity(plan.new_clients.len());
        for client in &plan.new_clients {
            let id = self.create_client(&client.fields)?;
            self.record_change(import_id, "client", id, None)?;
            client_ids.push(id);
        }
        // New invoices and payments are written many rows per statement (`insert_many`), with the ids SQLite
        // would have given them (the largest plus one, in order): a statement per row, opening and closing
        // the table's and its indexes' cursors each time, made 100,000 rows' writing 0.66 s instead of 0.59.
        let mut next_invoice: i64 =
            self.connection.query_row_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM invoices", [], |r| r.get(0))?;
        let mut next_payment: i64 =
            self.connection.query_row_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM payments", [], |r| r.get(0))?;
        let mut new_invoices: Vec<(i64, i64, &PlannedRow)> = Vec::with_capacity(plan.new);
        let mut payments: Vec<NewPayment> = Vec::new();
        let mut documents: Vec<(i64, &RowDocument)> = Vec::new();
        let mut disputes: Vec<(i64, i64, &PlannedDispute)> = Vec::new();
        let mut pauses: Vec<(i64, i64, &PlannedPause)> = Vec::new();
        for row in &plan.rows {
            let client_id = match row.client {
                ClientChoice::Existing { id } => id,
                ClientChoice::New { index } => client_ids[index],
            };
            let invoice_id = match (row.status, row.invoice_id) {
                (RowStatus::Unchanged, _) => continue,
                (_, None) => {
                    let id = next_invoice;
                    next_invoice += 1;
                    // Created rows carry `import_id`: the undo finds them by it, no change row needed.
                    new_invoices.push((id, client_id, row));
                    id
                }
                (_, Some(id)) => {
                    self.update_imported_invoice(import_id, id, row)?;
                    id
                }
            };
            if let Some(document) = &row.document {
                documents.push((invoice_id, document));
            }
            if let Some(dispute) = &row.dispute {
                disputes.push((client_id, invoice_id, dispute));
            }
            if let Some(pause) = &row.pause {
                pauses.push((client_id, invoice_id, pause));
            }
            for payment in &row.payments {
                payments.push(NewPayment {
                    id: next_payment,
                    client_id,
                    invoice_id,
                    date: payment.date,
                    cents: to_cents(payment.amount),
                    // The receipts book shows the reference: a prepaid amount says its date is the latest
                    // it can be, not the day it was received.
                    reference: if payment.before_issue {
                        format!(
                            "Déjà payé avant la facture (BT-113), date réelle inconnue : import {} ({})",
                            plan.source.file_name, row.number
                        )
                    } else {
                        format!("Import {} ({})", plan.source.file_name, row.number)
                    },
                });
                next_payment += 1;
            }
        }
        // A table given more rows than it holds has its indexes built again after them, in one sorted pass,
        // rather than updated row by row: 100,000 rows' writing into a new ledger, 0.52 s instead of 0.41.
        let rebuilt = self.drop_indexes_before_bulk(&[
            ("invoices", new_invoices.len()),
            ("payments", payments.len()),
            ("payment_allocations", payments.len()),
        ])?;
        let head = "INSERT INTO invoices (id, number, client_id, issue_date, due_date, amount_cents,
            amount_excl_vat_cents, object, import_id, corrects, nature, created_at, updated_at)";
        self.insert_many(head, 13, &new_invoices, |statement, at, (id, client_id, row)| {
            statement.raw_bind_parameter(at, id)?;
            statement.raw_bind_parameter(at + 1, &row.number)?;
            statement.raw_bind_parameter(at + 2, client_id)?;
            statement.raw_bind_parameter(at + 3, IsoDay(row.issue_date))?;
            statement.raw_bind_parameter(at + 4, IsoDay(row.due_date))?;
            statement.raw_bind_parameter(at + 5, to_cents(row.amount))?;
            statement.raw_bind_parameter(at + 6, row.amount_excl_vat.map(to_cents))?;
            statement.raw_bind_parameter(at + 7, &row.object)?;
            statement.raw_bind_parameter(at + 8, import_id)?;
            statement.raw_bind_parameter(at + 9, &row.corrects)?;
            statement.raw_bind_parameter(at + 10, row.nature.map(|nature| enum_text(&nature)))?;
            statement.raw_bind_parameter(at + 11, &stamp)?;
            statement.raw_bind_parameter(at + 12, &stamp)
        })?;
        for (invoice_id, document) in documents {
            let source = DocumentSource::Import;
            self.record_document(invoice_id, &document.sha256, &document.file_name, source, Some(import_id))?;
        }
        let head = "INSERT INTO payments (id, client_id, date, amount_cents, method, reference, import_id, created_at)";
        self.insert_many(head, 8, &payments, |statement, at, payment| {
            statement.raw_bind_parameter(at, payment.id)?;
            statement.raw_bind_parameter(at + 1, payment.client_id)?;
            statement.raw_bind_parameter(at + 2, IsoDay(payment.date))?;
            statement.raw_bind_parameter(at + 3, payment.cents)?;
            // A tool's « Payé » column and an e-invoice's prepaid amount (BT-113) say how much, never how.
            statement.raw_bind_parameter(at + 4, enum_text(&PaymentMethod::Unspecified))?;
            statement.raw_bind_parameter(at + 5, &payment.reference)?;
            statement.raw_bind_parameter(at + 6, import_id)?;
            statement.raw_bind_parameter(at + 7, &stamp)
        })?;
        let head = "INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents)";
        self.insert_many(head, 3, &payments, |statement, at, payment| {
            statement.raw_bind_parameter(at, payment.id)?;
            statement.raw_bind_parameter(at + 1, payment.invoice_id)?;
            statement.raw_bind_parameter(at + 2, payment.cents)
        })?;
        for create in rebuilt {
            self.connection.execute_batch(&create)?;
        }
        // A dispute the file states is recorded as any dispute is, and the undo deletes it.
        for (client_id, invoice_id, dispute) in disputes {
            let id = self.add_event(&EventFields {
                client_id,
                kind: EventKind::Dispute,
                date: dispute.date,
                text: dispute.reason.clone(),
                amount: None,
                until: None,
                invoice_id: Some(invoice_id),
            })?;
            self.record_change(import_id, "event", id, None)?;
        }
        // So is a pause of an invoice payable to someone else (a factor).
        for (client_id, invoice_id, pause) in pauses {
            let id = self.add_event(&EventFields {
                client_id,
                kind: EventKind::Pause,
                date: pause.date,
                text: pause.reason.clone(),
                amount: None,
                until: None,
                invoice_id: Some(invoice_id),
            })?;
            self.record_change(import_id, "event", id, None)?;
        }
        // E-invoices have no columns to map: nothing to remember, and nothing an undo would leave behind.
        if plan.layout_key != crate::import::einvoice::convert::LAYOUT_KEY {
            self.remember_mapping(&plan.layout_key, &plan.mapping)?;
        }
        self.import_record(import_id)
    }

    /// Updates an invoice the import changes, recording what it held before for the undo.
    fn update_imported_invoice(&self, import_id: i64, id: i64, row: &PlannedRow) -> Result<()> {
        let mut before = self.connection.query_row_cached(
            "SELECT issue_date, due_date, amount_cents, amount_excl_vat_cents, object, updated_at, corrects,
                nature
             FROM invoices WHERE id = ?1",
            [id],
            |r| {
                Ok(InvoiceBefore {
                    issue_date: r.get(0)?,
                    due_date: r.get(1)?,
                    amount_cents: r.get(2)?,
                    amount_excl_vat_cents: r.get(3)?,
                    object: r.get(4)?,
                    updated_at: r.get(5)?,
                    corrects: r.get(6)?,
                    document_changed: row.document.is_some(),
                    document: None,
                    nature: r.get(7)?,
                    nature_recorded: true,
                })
            },
        )?;
        if row.document.is_some() {
            before.document = self
                .connection
                .query_row_cached(
                    "SELECT sha256, file_name, source, import_id, created_at FROM invoice_documents
                     WHERE invoice_id = ?1",
                    [id],
                    |r| {
                        Ok(DocumentBefore {
                            sha256: r.get(0)?,
                            file_name: r.get(1)?,
                            source: r.get(2)?,
                            import_id: r.get(3)?,
                            created_at: r.get(4)?,
                        })
                    },
                )
                .optional()?;
        }
        self.record_change(
            import_id,
            "invoice",
            id,
            Some(serde_json::to_string(&before).map_err(|error| LedgerError::Exchange(error.to_string()))?),
        )?;
        self.connection.execute(
            "UPDATE invoices SET issue_date = ?2, due_date = ?3, amount_cents = ?4,
                amount_excl_vat_cents = ?5, object = ?6, corrects = ?7,
                nature = COALESCE(?8, nature),
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?1",
            params![
                id,
                row.issue_date,
                row.due_date,
                to_cents(row.amount),
                row.amount_excl_vat.map(to_cents),
                row.object,
                row.corrects,
                row.nature.map(|nature| enum_text(&nature))
            ],
        )?;
        Ok(())
    }

    /// Fills the blank fields of a client the plan names, recording what they held before and after for
    /// the undo. Only the columns of the fields filled are written.
    fn fill_imported_client(&mut self, import_id: i64, update: &ClientUpdate) -> Result<()> {
        let (columns, updated_at) = self.client_columns(update.client_id)?;
        let filled = |key: &str| update.changes.iter().any(|change| change.field == key);
        let fields = &update.fields;
        let address = &fields.address;
        let kind = super::enum_text(&fields.kind);
        let new_values: [(bool, &str); 11] = [
            (filled("email"), &fields.email),
            (filled("phone"), &fields.phone),
            (filled("siren_siret"), &fields.siren_siret),
            (filled("address"), &address.complement),
            (filled("address"), &address.building),
            (filled("address"), &address.street),
            (filled("address"), &address.locality),
            (filled("address"), &address.postcode),
            (filled("address"), &address.town),
            (filled("address"), &address.country),
            (filled("kind"), &kind),
        ];
        let after: Vec<String> = new_values
            .iter()
            .zip(&columns)
            .map(|((fill, value), old)| if *fill { value.to_string() } else { old.clone() })
            .collect();
        self.write_client_columns(update.client_id, &after, None)?;
        let (_, after_updated_at) = self.client_columns(update.client_id)?;
        let before = ClientBefore { columns, updated_at, after, after_updated_at };
        let json = serde_json::to_string(&before).map_err(|error| LedgerError::Exchange(error.to_string()))?;
        self.record_change(import_id, "client", update.client_id, Some(json))
    }

    /// A client's fillable columns (`FILLED_CLIENT_COLUMNS`) and its `updated_at`.
    fn client_columns(&self, id: i64) -> Result<(Vec<String>, String)> {
        let sql = format!("SELECT {}, updated_at FROM clients WHERE id = ?1", FILLED_CLIENT_COLUMNS.join(", "));
        Ok(self.connection.query_row_cached(&sql, [id], |r| {
            let columns = (0..FILLED_CLIENT_COLUMNS.len()).map(|at| r.get(at)).collect::<rusqlite::Result<_>>()?;
            Ok((columns, r.get(FILLED_CLIENT_COLUMNS.len())?))
        })?)
    }

    /// Writes a client's fillable columns, and its `updated_at` (SQLite's clock when None).
    fn write_client_columns(&self, id: i64, values: &[String], updated_at: Option<&str>) -> Result<()> {
        let assignments: Vec<String> =
            FILLED_CLIENT_COLUMNS.iter().enumerate().map(|(at, column)| format!("{column} = ?{}", at + 2)).collect();
        let sql = format!(
            "UPDATE clients SET {}, updated_at = COALESCE(?{}, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) WHERE id = ?1",
            assignments.join(", "),
            FILLED_CLIENT_COLUMNS.len() + 2
        );
        let mut parameters: Vec<&dyn rusqlite::ToSql> = vec![&id];
        parameters.extend(values.iter().map(|value| value as &dyn rusqlite::ToSql));
        parameters.push(&updated_at);
        self.connection.prepare_cached(&sql)?.execute(&*parameters)?;
        Ok(())
    }

    /// Drops the indexes of each table about to be given more rows than it holds, and returns the
    /// statements that create them again, as the schema keeps them. The indexes behind UNIQUE and PRIMARY
    /// KEY constraints stay: they check the rows as they come.
    fn drop_indexes_before_bulk(&self, tables: &[(&str, usize)]) -> Result<Vec<String>> {
        let mut creates = Vec::new();
        for &(table, adding) in tables {
            let holds: i64 = self.connection.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            if i64::try_from(adding).unwrap_or(i64::MAX) <= holds {
                continue;
            }
            let indexes: Vec<(String, String)> = self
                .connection
                .prepare_cached(
                    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
                )?
                .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (name, create) in indexes {
                self.connection.execute_batch(&format!("DROP INDEX \"{name}\""))?;
                creates.push(create);
            }
        }
        Ok(creates)
    }

    /// Inserts `rows` with `head` (« INSERT INTO table (columns) »), `ROWS_PER_INSERT` rows a statement,
    /// `bind` giving one row's `columns` values from parameter `at` on.
    fn insert_many<T>(
        &self,
        head: &str,
        columns: usize,
        rows: &[T],
        bind: impl Fn(&mut rusqlite::Statement<'_>, usize, &T) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let sql = |count: usize| {
            let one = format!("({})", vec!["?"; columns].join(", "));
            format!("{head} VALUES {}", vec![one; count].join(", "))
        };
        let full = sql(ROWS_PER_INSERT);
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            // Every chunk but the last is full: its statement is the one cached.
            let mut statement = if chunk.len() == ROWS_PER_INSERT {
                self.connection.prepare_cached(&full)?
            } else {
                self.connection.prepare_cached(&sql(chunk.len()))?
            };
            for (index, row) in chunk.iter().enumerate() {
                bind(&mut statement, 1 + index * columns, row)?;
            }
            statement.raw_execute()?;
        }
        Ok(())
    }

    fn record_change(&self, import_id: i64, entity: &str, id: i64, before: Option<String>) -> Result<()> {
        self.connection
            .prepare_cached(
                "INSERT INTO import_changes (import_id, entity, entity_id, before_json) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![import_id, entity, id, before])?;
        Ok(())
    }

    /// Every import, the latest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let mut statement = self.connection.prepare_cached(&format!("{SELECT_IMPORTS} ORDER BY id DESC"))?;
        let records = statement.query_map([], import_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(records)
    }

    fn import_record(&self, id: i64) -> Result<ImportRecord> {
        self.connection
            .query_row_cached(&format!("{SELECT_IMPORTS} WHERE id = ?1"), [id], import_from_row)
            .optional()?
            .ok_or(LedgerError::NotFound { what: "Import", id })
    }

    /// Undoes the last import not yet undone, as one unit: the payments it recorded, the invoices it
    /// created and the clients it created are deleted, the invoices it updated get their previous values
    /// back. Refused, with nothing changed, when something recorded since depends on what it created.
    pub fn undo_last_import(&mut self) -> Result<ImportRecord> {
        let last: Option<i64> = self
            .connection
            .query_row_cached("SELECT id FROM imports WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(import_id) = last else {
            return Err(LedgerError::Conflict("Aucun import à annuler.".into()));
        };
        // The documents it gave invoices: once the undo is kept, the files nothing names any more go.
        let attached: Vec<String> = self
            .connection
            .prepare_cached("SELECT DISTINCT sha256 FROM invoice_documents WHERE import_id = ?1")?
            .query_map([import_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let undone = self.atomically(|ledger| ledger.undo_import(import_id)).map_err(|error| match error {
            LedgerError::Storage(rusqlite::Error::SqliteFailure(failure, _))
                if failure.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                LedgerError::Conflict(
                    "Des règlements, courriers ou suivis ont été enregistrés depuis sur les factures ou les clients \
                     de cet import : il ne peut plus être annulé. Rien n'a été modifié."
                        .into(),
                )
            }
            other => other,
        })?;
        self.forget_unreferenced_documents(&attached)?;
        Ok(undone)
    }

    fn undo_import(&mut self, import_id: i64) -> Result<ImportRecord> {
        // A document given by hand since to an invoice this import created or gave a document would be
        // lost or overwritten: the user's later choice wins, and the undo is refused.
        let replaced: Option<String> = self
            .connection
            .query_row_cached(
                "SELECT i.number FROM invoices i JOIN invoice_documents d ON d.invoice_id = i.id
                 WHERE (d.import_id IS NOT ?1)
                   AND (i.import_id = ?1 OR i.id IN (SELECT entity_id FROM import_changes
                        WHERE import_id = ?1 AND entity = 'invoice'
                          AND json_extract(before_json, '$.document_changed') = 1))
                 LIMIT 1",
                [import_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(number) = replaced {
            return Err(LedgerError::Conflict(format!(
                "Le document de la facture {number} a été changé depuis cet import : l'import ne peut plus être \
                 annulé. Rien n'a été modifié."
            )));
        }
        // Payments and invoices it created carry its id; clients it created and invoices it updated are
        // in `import_changes`.
        self.connection.execute("DELETE FROM payments WHERE import_id = ?1", [import_id])?;
        self.connection.execute("DELETE FROM invoices WHERE import_id = ?1", [import_id])?;
        let changes: Vec<(String, i64, Option<String>)> = self
            .connection
            .prepare_cached(
                "SELECT entity, entity_id, before_json FROM import_changes WHERE import_id = ?1 ORDER BY id DESC",
            )?
            .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Events and payments first, then invoices, then clients: each depends on the ones after it.
        for entity in ["event", "payment", "invoice", "client"] {
            for (_, id, before) in changes.iter().filter(|(e, _, _)| e == entity) {
                match (entity, before) {
                    ("event", _) => {
                        self.connection.prepare_cached("DELETE FROM events WHERE id = ?1")?.execute([id])?;
                    }
                    ("payment", _) => {
                        self.connection.prepare_cached("DELETE FROM payments WHERE id = ?1")?.execute([id])?;
                    }
                    ("invoice", None) => {
                        self.connection.prepare_cached("DELETE FROM invoices WHERE id = ?1")?.execute([id])?;
                    }
                    ("invoice", Some(json)) => {
                        let before: InvoiceBefore =
                            serde_json::from_str(json).map_err(|error| LedgerError::Exchange(error.to_string()))?;
                        self.connection.execute(
                            "UPDATE invoices SET issue_date = ?2, due_date = ?3, amount_cents = ?4,
                                amount_excl_vat_cents = ?5, object = ?6, updated_at = ?7, corrects = ?8,
                                nature = CASE WHEN ?9 THEN ?10 ELSE nature END
                             WHERE id = ?1",
                            params![
                                id,
                                before.issue_date,
                                before.due_date,
                                before.amount_cents,
                                before.amount_excl_vat_cents,
                                before.object,
                                before.updated_at,
                                before.corrects,
                                before.nature_recorded,
                                before.nature
                            ],
                        )?;
                        if before.document_changed {
                            self.connection.execute("DELETE FROM invoice_documents WHERE invoice_id = ?1", [id])?;
                        }
                        if let (true, Some(document)) = (before.document_changed, before.document) {
                            self.connection.execute(
                                "INSERT INTO invoice_documents (invoice_id, sha256, file_name, source, import_id,
                                    created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                params![
                                    id,
                                    document.sha256,
                                    document.file_name,
                                    document.source,
                                    document.import_id,
                                    document.created_at
                                ],
                            )?;
                        }
                    }
                    ("client", Some(json)) => {
                        let mut before: ClientBefore =
                            serde_json::from_str(json).map_err(|error| LedgerError::Exchange(error.to_string()))?;
                        // Each field still holding what the import wrote gets its value back; one changed by
                        // hand since keeps the user's value (and the client its later `updated_at`). The
                        // address's columns go together: one line changed keeps the whole address.
                        let (now, updated_at) = self.client_columns(*id)?;
                        // A record of an older version holds fewer columns: the others were not filled.
                        for record in [&mut before.columns, &mut before.after] {
                            let held = record.len().min(now.len());
                            record.extend_from_slice(&now[held..]);
                        }
                        let untouched = now == before.after && updated_at == before.after_updated_at;
                        let address = ADDRESS_COLUMNS;
                        let address_kept = now[address.clone()] != before.after[address.clone()];
                        let values: Vec<String> = now
                            .into_iter()
                            .zip(before.after.iter().zip(before.columns))
                            .enumerate()
                            .map(|(at, (now, (after, old)))| {
                                let kept = now != *after || (address_kept && address.contains(&at));
                                if kept {
                                    now
                                } else {
                                    old
                                }
                            })
                            .collect();
                        let stamp = if untouched { before.updated_at } else { updated_at };
                        self.write_client_columns(*id, &values, Some(&stamp))?;
                    }
                    _ => {
                        self.connection.prepare_cached("DELETE FROM clients WHERE id = ?1")?.execute([id])?;
                    }
                }
            }
        }
        self.connection.execute("DELETE FROM import_changes WHERE import_id = ?1", [import_id])?;
        self.connection.execute(
            "UPDATE imports SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            [import_id],
        )?;
        self.import_record(import_id)
    }

    /// The mapping remembered for a layout, if any (a stored mapping that no longer reads is ignored).
    pub fn remembered_mapping(&self, layout_key: &str) -> Result<Option<ColumnMapping>> {
        let text: Option<String> = self
            .connection
            .query_row_cached("SELECT mapping_json FROM import_mappings WHERE layout_key = ?1", [layout_key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
    }

    fn remember_mapping(&mut self, layout_key: &str, mapping: &ColumnMapping) -> Result<()> {
        let text = serde_json::to_string(mapping).map_err(|error| LedgerError::Exchange(error.to_string()))?;
        self.connection.execute(
            "INSERT INTO import_mappings (layout_key, mapping_json) VALUES (?1, ?2)
             ON CONFLICT (layout_key) DO UPDATE SET mapping_json = excluded.mapping_json,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE mapping_json <> excluded.mapping_json",
            params![layout_key, text],
        )?;
        Ok(())
    }

    /// Writes every page of the write-ahead log into the file, so that the file alone is the ledger
    /// (tests compare it byte for byte; a copy of the file is then complete).
    pub fn checkpoint(&self) -> Result<()> {
        self.connection.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        Ok(())
    }
}

const SELECT_IMPORTS: &str = "SELECT id, file_name, sha256, imported_at, sheet, new_count, updated_count,
    unchanged_count, rejected_count, undone_at FROM imports";

fn import_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ImportRecord> {
    Ok(ImportRecord {
        id: row.get(0)?,
        file_name: row.get(1)?,
        sha256: row.get(2)?,
        imported_at: row.get(3)?,
        sheet: row.get(4)?,
        new: row.get(5)?,
        updated: row.get(6)?,
        unchanged: row.get(7)?,
        rejected: row.get(8)?,
        undone_at: row.get(9)?,
    })
}
