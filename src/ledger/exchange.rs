//! Export of the whole ledger to JSON and loading it back into an empty ledger (docs/ledger-json.md).
//!
//! The export is a faithful dump of every table, row by row, column by column, so that a round trip
//! loses nothing, including columns added by later migrations.

use super::{Ledger, SCHEMA_VERSION};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use base64::Engine;
use rusqlite::types::{Value, ValueRef};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// The value of the `format` field of every export.
pub const EXPORT_FORMAT: &str = "ardoise-ledger";

/// Every table, in an order where each row's references come before it.
const TABLES: &[&str] = &[
    "settings",
    "rates",
    "profile",
    "imports",
    "import_changes",
    "import_mappings",
    "bank_imports",
    "bank_lines",
    "clients",
    "client_ibans",
    "invoices",
    "invoice_documents",
    "payments",
    "payment_allocations",
    "payment_rejections",
    "events",
    "letters",
    "letter_invoices",
    "letter_templates",
    "archive_files",
    "email_sendings",
    "plans",
    "plan_installments",
    "plan_invoices",
    "proposal_decisions",
    "proposal_decision_invoices",
];

/// Tables that may hold rows before a load (defaults, seeds) and that the export's rows replace.
const REPLACED_TABLES: &[&str] = &["settings", "rates"];

/// The schema whose migration (0017) gave the bank lines with the bank's identifier their present keys.
const BANK_LINE_IDENTITY_SCHEMA: i64 = 17;

/// A whole ledger as JSON: one list of rows per table, each row an object of column → value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerExport {
    pub format: String,
    pub schema_version: i64,
    pub tables: BTreeMap<String, Vec<BTreeMap<String, Json>>>,
}

impl Ledger {
    /// Dumps every table, all read in one transaction so that the export is one consistent snapshot
    /// even while the window writes.
    pub fn export(&self) -> Result<LedgerExport> {
        let snapshot = self.connection.unchecked_transaction()?;
        let mut tables = BTreeMap::new();
        for table in TABLES {
            let columns = self.columns(table)?;
            let sql = format!(
                "SELECT {} FROM {table} ORDER BY rowid",
                columns.iter().map(|(name, _)| format!("\"{name}\"")).collect::<Vec<_>>().join(", ")
            );
            let mut statement = self.connection.prepare_cached(&sql)?;
            let mut rows = statement.query([])?;
            let mut dumped = Vec::new();
            while let Some(row) = rows.next()? {
                let mut object = BTreeMap::new();
                for (index, (name, _)) in columns.iter().enumerate() {
                    object.insert(name.clone(), json_of(row.get_ref(index)?));
                }
                dumped.push(object);
            }
            tables.insert(table.to_string(), dumped);
        }
        snapshot.finish()?;
        Ok(LedgerExport { format: EXPORT_FORMAT.into(), schema_version: SCHEMA_VERSION, tables })
    }

    /// Loads an export into this ledger, which must be empty (settings aside), as one unit: all of it or
    /// nothing. Every row goes through the schema's constraints, and the whole through the checks of
    /// [`Ledger::check_consistency`], before anything is kept.
    pub fn load(&mut self, export: &LedgerExport) -> Result<()> {
        if export.format != EXPORT_FORMAT {
            return Err(LedgerError::Exchange(format!(
                "le champ « format » vaut « {} » au lieu de « {EXPORT_FORMAT} ».",
                export.format
            )));
        }
        if export.schema_version > SCHEMA_VERSION {
            return Err(LedgerError::Exchange(format!(
                "cet export vient d'une version plus récente d'Ardoise (schéma {}, celle-ci connaît le {}).",
                export.schema_version, SCHEMA_VERSION
            )));
        }
        if let Some(unknown) = export.tables.keys().find(|name| !TABLES.contains(&name.as_str())) {
            return Err(LedgerError::Exchange(format!("table inconnue « {unknown} ».")));
        }
        // Settings (the first-start choice, say) may exist already: the export's replace them. The rates
        // table is seeded by its migration: an export that has one replaces it whole.
        for table in TABLES.iter().filter(|t| !REPLACED_TABLES.contains(*t)) {
            let count: i64 =
                self.connection.query_row_cached(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            if count > 0 {
                return Err(LedgerError::Conflict(format!(
                    "Le registre n'est pas vide (table « {table} ») : chargez l'export dans un registre neuf."
                )));
            }
        }
        let mut table_columns = BTreeMap::new();
        for table in TABLES {
            table_columns.insert(*table, self.columns(table)?);
        }
        self.atomically(|ledger| {
            ledger.connection.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            if export.tables.contains_key("rates") {
                ledger.connection.execute("DELETE FROM rates", [])?;
            }
            for table in TABLES {
                let known = &table_columns[table];
                let rows = export.tables.get(*table).map(Vec::as_slice).unwrap_or_default();
                for (index, row) in rows.iter().enumerate() {
                    let at = || format!("table « {table} », ligne {}", index + 1);
                    let mut names = Vec::new();
                    let mut values = Vec::new();
                    for (name, json) in row {
                        let Some((_, declared)) = known.iter().find(|(column, _)| column == name) else {
                            return Err(LedgerError::Exchange(format!("{} : colonne inconnue « {name} ».", at())));
                        };
                        names.push(format!("\"{name}\""));
                        values.push(
                            value_of(json, declared).map_err(|m| LedgerError::Exchange(format!("{} : {m}", at())))?,
                        );
                    }
                    let verb = if *table == "settings" { "INSERT OR REPLACE" } else { "INSERT" };
                    let sql = format!(
                        "{verb} INTO {table} ({}) VALUES ({})",
                        names.join(", "),
                        vec!["?"; names.len()].join(", ")
                    );
                    ledger.connection.execute(&sql, rusqlite::params_from_iter(values.iter())).map_err(|error| {
                        LedgerError::Exchange(format!("{} : {}", at(), constraint_in_french(&error)))
                    })?;
                }
            }
            // An export written before schema 17 holds the bank lines' identifier-only keys: they are put
            // in the form that schema's migration gives them (it leaves keys already in it alone).
            if export.schema_version < BANK_LINE_IDENTITY_SCHEMA {
                ledger.connection.execute_batch(include_str!("migrations/0017_bank_line_identity.sql"))?;
            }
            ledger.check_consistency()
        })
    }

    /// What the schema's constraints cannot say alone: references that lead nowhere, allocations beyond
    /// their payment or invoice, rates that are not numbers. Reported in French with the table and row.
    pub fn check_consistency(&self) -> Result<()> {
        let mut statement = self.connection.prepare_cached("PRAGMA foreign_key_check")?;
        let mut rows = statement.query([])?;
        if let Some(row) = rows.next()? {
            let table: String = row.get(0)?;
            let rowid: Option<i64> = row.get(1)?;
            let parent: String = row.get(2)?;
            return Err(LedgerError::Exchange(format!(
                "table « {table} », ligne d'identifiant {} : elle renvoie à une ligne de « {parent} » qui n'existe pas.",
                rowid.map_or_else(|| "?".to_string(), |id| id.to_string())
            )));
        }
        let first = |sql: &str| -> Result<Option<String>> {
            Ok(self.connection.query_row_cached(sql, [], |row| row.get(0)).optional()?)
        };
        if let Some(id) = first(
            "SELECT CAST(p.id AS TEXT) FROM payments p
             JOIN (SELECT payment_id, SUM(amount_cents) AS allocated FROM payment_allocations GROUP BY payment_id) a
               ON a.payment_id = p.id
             WHERE a.allocated > p.amount_cents LIMIT 1",
        )? {
            return Err(LedgerError::Exchange(format!(
                "le règlement d'identifiant {id} est affecté pour plus que son montant."
            )));
        }
        // A rejected payment's allocations no longer count: a cheque rejected, then the invoice paid again.
        if let Some(number) = first(
            "SELECT i.number FROM invoices i
             JOIN (SELECT invoice_id, SUM(amount_cents) AS allocated FROM payment_allocations
                   WHERE payment_id NOT IN (SELECT payment_id FROM payment_rejections) GROUP BY invoice_id) a
               ON a.invoice_id = i.id
             WHERE a.allocated > MAX(i.amount_cents, 0) LIMIT 1",
        )? {
            return Err(LedgerError::Exchange(format!(
                "la facture « {number} » reçoit des règlements pour plus que son montant."
            )));
        }
        if let Err(problems) = self.rates()?.validate() {
            return Err(LedgerError::Exchange(format!("table « rates » : {problems}")));
        }
        let mut statement = self
            .connection
            .prepare_cached("SELECT number, penalty_rate FROM invoices WHERE penalty_rate IS NOT NULL")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let rate: String = row.get(1)?;
            if rate.parse::<rust_decimal::Decimal>().is_err() {
                let number: String = row.get(0)?;
                return Err(LedgerError::Exchange(format!(
                    "la facture « {number} » a un taux de pénalités illisible « {rate} »."
                )));
            }
        }
        Ok(())
    }

    /// A table's columns and declared types, from the schema itself.
    fn columns(&self, table: &str) -> Result<Vec<(String, String)>> {
        let mut statement = self.connection.prepare_cached(&format!("PRAGMA table_info({table})"))?;
        let columns = statement
            .query_map([], |row| Ok((row.get::<_, String>(1)?, row.get::<_, String>(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(columns)
    }
}

/// A constraint failure of SQLite, said in French.
fn constraint_in_french(error: &rusqlite::Error) -> String {
    let text = error.to_string();
    if let Some(rule) = text.strip_prefix("CHECK constraint failed: ") {
        format!("valeur refusée par la règle « {rule} » (date AAAA-MM-JJ, montant non nul, valeur connue...).")
    } else if let Some(columns) = text.strip_prefix("UNIQUE constraint failed: ") {
        format!("doublon sur « {columns} ».")
    } else if let Some(column) = text.strip_prefix("NOT NULL constraint failed: ") {
        format!("valeur manquante pour « {column} ».")
    } else if text.contains("allocation to an invoice of another client") {
        "un règlement y est affecté à la facture d'un autre client.".to_string()
    } else if text.contains("datatype mismatch") || text.contains("cannot store") {
        format!("valeur d'un type inattendu ({text}).")
    } else {
        text
    }
}

fn json_of(value: ValueRef<'_>) -> Json {
    match value {
        ValueRef::Null => Json::Null,
        ValueRef::Integer(integer) => Json::from(integer),
        ValueRef::Real(real) => Json::from(real),
        ValueRef::Text(text) => Json::String(String::from_utf8_lossy(text).into_owned()),
        ValueRef::Blob(bytes) => Json::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
    }
}

fn value_of(json: &Json, declared_type: &str) -> Result<Value, String> {
    Ok(match (json, declared_type) {
        (Json::Null, _) => Value::Null,
        (Json::String(text), "BLOB") => Value::Blob(
            base64::engine::general_purpose::STANDARD.decode(text).map_err(|_| "image illisible (base64 attendu).")?,
        ),
        (Json::String(text), _) => Value::Text(text.clone()),
        (Json::Number(number), _) => match number.as_i64() {
            Some(integer) => Value::Integer(integer),
            None => return Err(format!("nombre « {number} » : un entier est attendu.")),
        },
        (Json::Bool(flag), _) => Value::Integer(i64::from(*flag)),
        (other, _) => return Err(format!("valeur inattendue {other}.")),
    })
}
