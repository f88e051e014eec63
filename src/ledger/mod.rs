//! The ledger: the one SQLite file that holds a sole trader's clients, invoices, payments, letters, plans
//! and timeline. This is the only module that speaks SQL.
//!
//! Each connection runs with WAL, `synchronous=NORMAL`, foreign keys, a 32 MiB page cache and a busy
//! timeout. The schema is created and upgraded by the numbered migrations in `migrations/`, tracked by
//! `PRAGMA user_version`.

pub mod archive;
mod backup;
pub mod backups;
mod bank;
mod books;
pub mod bundle;
mod clients;
mod dispatch;
pub mod documents;
mod dunning;
mod email;
pub mod error;
mod events;
mod exchange;
mod figures;
pub mod files;
mod import;
mod invoices;
mod letters;
pub mod paths;
mod payments;
mod penalties;
mod plans;
mod profile;
mod rates;
mod remembered;
mod settings;

pub use backup::PendingBackup;
pub use bank::{BankCommit, BankImportRecord, CommitLine, CommitPayment, LetterToCheck};
pub use books::{PaidInvoice, PaymentOfPeriod};
pub use dunning::PlanFields;
pub use exchange::{LedgerExport, EXPORT_FORMAT};
pub use import::ImportRecord;
pub use letters::{LetterRow, PrintedCopy, PrintedFigures};
pub use plans::{PlanDraft, PlanRow};
pub use profile::ProfileImage;

use crate::ledger::error::{LedgerError, Result};
use chrono::NaiveDate;
use rusqlite::types::{ToSql, Value};
use rusqlite::{Connection, OpenFlags};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A date bound as the ledger stores it (`YYYY-MM-DD`) without going through chrono's format parser, which
/// rusqlite's own binding uses: an import binds two or three dates a row. Its ten characters are written
/// digit by digit (`calendar::iso_day_bytes`); a year beyond four digits is written out.
pub(crate) struct IsoDay(pub NaiveDate);

impl ToSql for IsoDay {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use chrono::Datelike;
        let text = match crate::domain::calendar::iso_day_bytes(self.0) {
            Some(bytes) => String::from_utf8(bytes.to_vec()).expect("ASCII digits"),
            None => format!("{:04}-{:02}-{:02}", self.0.year(), self.0.month(), self.0.day()),
        };
        Ok(rusqlite::types::ToSqlOutput::from(text))
    }
}

/// How many prepared statements a connection keeps (rusqlite keeps 16): composing one letter asks some
/// forty questions of the ledger, and a batch asks them again for every letter.
const STATEMENTS_KEPT: usize = 256;

/// `Connection::query_row` through the connection's cache of prepared statements: the ledger asks the same
/// questions over and over, and preparing a statement costs more than running it on one row.
pub(crate) trait QueryCached {
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;
}

impl QueryCached for Connection {
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// The schema migrations, in order; migration N brings `user_version` from N-1 to N.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_rates.sql"),
    include_str!("migrations/0003_dunning.sql"),
    include_str!("migrations/0004_letters.sql"),
    include_str!("migrations/0005_plans.sql"),
    include_str!("migrations/0006_dispatch.sql"),
    include_str!("migrations/0007_letter_life.sql"),
    include_str!("migrations/0008_bank.sql"),
    include_str!("migrations/0009_wording.sql"),
    include_str!("migrations/0010_books.sql"),
    include_str!("migrations/0011_invoice_documents.sql"),
    include_str!("migrations/0012_email.sql"),
    include_str!("migrations/0013_invoice_links.sql"),
    include_str!("migrations/0014_printed_figures.sql"),
    include_str!("migrations/0015_payment_method_unspecified.sql"),
    include_str!("migrations/0016_import_events.sql"),
    include_str!("migrations/0017_bank_line_identity.sql"),
    include_str!("migrations/0018_bank_charges.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The name of the ledger file inside the data folder.
pub const FILE_NAME: &str = "ardoise.sqlite3";

/// An open ledger. Reads take `&self`; every change takes `&mut self` and runs in one transaction.
#[derive(Debug)]
pub struct Ledger {
    connection: Connection,
    path: Option<PathBuf>,
    /// Derived figures kept in memory while nothing changes (`remembered.rs`).
    remembered: remembered::Remembered,
}

impl Ledger {
    /// Opens (or creates) the ledger file at `path`, creating its folder, and brings its schema up to date.
    /// A ledger written by a newer version is refused before anything is changed; one written by an older
    /// version is backed up (`sauvegardes/ardoise_v1-v2_migration.sqlite3`) before it is upgraded.
    pub fn open(path: &Path) -> Result<Ledger> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .map_err(|source| LedgerError::Folder { path: folder.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(path, flags)
            .map_err(|source| LedgerError::Open { path: path.to_path_buf(), source })?;
        let mut ledger = Ledger { connection, path: Some(path.to_path_buf()), remembered: Default::default() };
        ledger.configure()?;
        // A ledger about to be upgraded is backed up first; a new (version 0) file has nothing to keep.
        let found = ledger.schema_version()?;
        if found > 0 && found < SCHEMA_VERSION {
            let label = format!("v{found}-v{SCHEMA_VERSION}");
            backup::back_up(&ledger.connection, path, crate::ledger::backups::Reason::Migration, &label)?;
        }
        ledger.migrate()?;
        Ok(ledger)
    }

    /// A ledger in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Ledger> {
        let mut ledger =
            Ledger { connection: Connection::open_in_memory()?, path: None, remembered: Default::default() };
        ledger.configure()?;
        ledger.migrate()?;
        Ok(ledger)
    }

    /// The file behind the ledger, None in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.connection.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// The journal mode in force ("wal" for a file, "memory" in memory).
    pub fn journal_mode(&self) -> Result<String> {
        Ok(self.connection.pragma_query_value(None, "journal_mode", |row| row.get(0))?)
    }

    /// True when the ledger holds no client, invoice or payment and no profile: a first start.
    pub fn is_empty(&self) -> Result<bool> {
        let count: i64 = self.connection.query_row_cached(
            "SELECT (SELECT COUNT(*) FROM clients) + (SELECT COUNT(*) FROM invoices)
                  + (SELECT COUNT(*) FROM payments) + (SELECT COUNT(*) FROM profile)",
            [],
            |row| row.get(0),
        )?;
        Ok(count == 0)
    }

    fn configure(&mut self) -> Result<()> {
        self.connection.busy_timeout(Duration::from_secs(5))?;
        self.connection.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        // Refuse a newer ledger before any pragma below could touch the file.
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(LedgerError::NewerSchema { found, known: SCHEMA_VERSION });
        }
        // WAL is refused for in-memory databases, which stay in "memory" mode.
        let _mode: String = self.connection.query_row_cached("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        // A page cache of 32 MiB (SQLite's default is 2 MiB): the figures scan every invoice, payment and
        // allocation of a large ledger, and an import writes as many rows and index entries in one unit;
        // with the default cache both kept re-reading and spilling the same pages.
        self.connection
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;")?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(LedgerError::NewerSchema { found, known: SCHEMA_VERSION });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        // A migration that rebuilds a table others reference (SQLite cannot change a CHECK) drops the old
        // one: with foreign keys on, that drop would first delete its rows and cascade into the tables
        // naming them. So migrations run with foreign keys off (the pragma is ignored inside a
        // transaction, hence set around them), and each checks every reference before it commits.
        self.connection.execute_batch("PRAGMA foreign_keys = OFF")?;
        let migrated = self.run_migrations(found);
        self.connection.execute_batch("PRAGMA foreign_keys = ON")?;
        migrated
    }

    fn run_migrations(&mut self, found: i64) -> Result<()> {
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let transaction = self.connection.savepoint()?;
            transaction.execute_batch(sql)?;
            let broken: i64 =
                transaction.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |row| row.get(0))?;
            if broken > 0 {
                return Err(LedgerError::Conflict(format!(
                    "La mise à jour du registre vers le schéma {} laisserait {broken} référence(s) rompue(s) : \
                     elle est annulée et le registre reste tel qu'il était. Signalez ce problème.",
                    index + 1
                )));
            }
            transaction.pragma_update(None, "user_version", index as i64 + 1)?;
            transaction.commit()?;
        }
        Ok(())
    }
}

/// What each invoice has received as of a date (`?1`): allocations of payments made on or before that
/// date and not rejected by then. The one rule every derived figure uses; with [`ALL_TIME`] it gives what
/// has been recorded, which is what new allocations must fit in.
pub(crate) const PAID_AS_OF: &str = "paid AS (
        SELECT a.invoice_id AS invoice_id, SUM(a.amount_cents) AS paid_cents
        FROM payment_allocations a
        JOIN payments p ON p.id = a.payment_id
        LEFT JOIN payment_rejections r ON r.payment_id = a.payment_id
        WHERE p.date <= ?1 AND (r.date IS NULL OR r.date > ?1)
        GROUP BY a.invoice_id)";

/// The corrected invoice (384, « annule et remplace ») that replaces an invoice on `?1`, as a CTE
/// `replacing (corrects, client_id, id)`: by the replaced invoice's number and client, the first (lowest id)
/// invoice with a positive amount issued by then that names it. A query joins it with `r.id <> i.id`
/// (an invoice does not replace itself). The figures, the penalties and their credits read this one rule.
pub(crate) const REPLACING_AS_OF: &str = "replacing AS (
        SELECT corrects, client_id, MIN(id) AS id FROM invoices
        WHERE corrects IS NOT NULL AND amount_cents > 0 AND issue_date <= ?1
        GROUP BY corrects, client_id)";

/// The WHERE condition restricting a query to one client (parameter `?N`), or a no-op that still names the
/// parameter. Written out rather than as `(?N IS NULL OR column = ?N)`, which SQLite answers by reading the
/// whole table: with it one client's page read every invoice and letter of the ledger.
pub(crate) fn client_filter(column: &str, client: Option<i64>, parameter: usize) -> String {
    match client {
        Some(_) => format!("{column} = ?{parameter}"),
        None => format!("?{parameter} IS NULL"),
    }
}

/// The same rule as [`PAID_AS_OF`] for the one invoice `i` of the outer query, as of `as_of` (an SQL
/// expression: `?1`, or a column such as the day it was written off), read through the allocations' index:
/// for a few invoices (one client's, one by id or number) summing the whole ledger's allocations first, as
/// the CTE does, cost most of a client's page.
pub(crate) fn paid_of_invoice(as_of: &str) -> String {
    format!(
        "(SELECT COALESCE(SUM(a.amount_cents), 0)
        FROM payment_allocations a
        JOIN payments p ON p.id = a.payment_id
        LEFT JOIN payment_rejections r ON r.payment_id = a.payment_id
        WHERE a.invoice_id = i.id AND p.date <= {as_of} AND (r.date IS NULL OR r.date > {as_of}))"
    )
}

/// A date after every date in the ledger: "as of" it, everything recorded counts.
pub const ALL_TIME: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => unreachable!(),
};

impl Ledger {
    /// Runs `work` as one unit: everything it writes is kept, or none of it if it fails. Units nest (each
    /// is a savepoint), so a unit can call methods that are units themselves.
    /// The unit may fail with any error a ledger error converts into (the desk's, for a unit that also
    /// renders or writes files).
    pub fn atomically<T, E: From<LedgerError>>(
        &mut self,
        work: impl FnOnce(&mut Ledger) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.connection.execute_batch("SAVEPOINT unit_of_work").map_err(LedgerError::from)?;
        // Whatever the unit does, figures remembered before it are not trusted after it.
        self.remembered.bump();
        match work(self) {
            Ok(value) => {
                self.connection.execute_batch("RELEASE unit_of_work").map_err(LedgerError::from)?;
                Ok(value)
            }
            Err(error) => {
                self.connection
                    .execute_batch("ROLLBACK TO unit_of_work; RELEASE unit_of_work")
                    .map_err(LedgerError::from)?;
                Err(error)
            }
        }
    }
}

/// The text an enum is stored as: its serde name ("chronic_late_payer").
pub(crate) fn enum_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => unreachable!("stored enums serialise to strings"),
    }
}

/// Reads an enum back from its stored text; a value the schema's CHECK should have refused is an error.
pub(crate) fn enum_from_text<T: DeserializeOwned>(text: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(text.clone()))
        .map_err(|error| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(error)))
}

/// Borrows owned parameter values in the form `execute` takes.
pub(crate) fn as_named<'a>(values: &'a [(&'static str, Value)]) -> Vec<(&'a str, &'a dyn ToSql)> {
    values.iter().map(|(name, value)| (*name, value as &dyn ToSql)).collect()
}

/// Reads a stored `YYYY-MM-DD` date with a direct parse of its ten bytes: on the large scans of the
/// figures, chrono's general parser was a third of the time. Anything else goes through rusqlite.
pub(crate) fn date_column(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    if let Ok(rusqlite::types::ValueRef::Text(&[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2])) = row.get_ref(index) {
        let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |b: &[u8]| b.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
            if let Some(date) = NaiveDate::from_ymd_opt(n(&digits[..4]) as i32, n(&digits[4..6]), n(&digits[6..])) {
                return Ok(date);
            }
        }
    }
    row.get(index)
}

/// Reads a stored decimal text (a rate) back.
pub(crate) fn decimal_from_text(text: Option<String>) -> rusqlite::Result<Option<rust_decimal::Decimal>> {
    text.map(|t| {
        t.parse()
            .map_err(|error| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(error)))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_bound_as_the_ledger_stores_it() {
        let connection = Connection::open_in_memory().unwrap();
        for (year, month, day) in [(2026, 1, 5), (1999, 12, 31), (33, 7, 4)] {
            let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            let (ours, chrono): (String, String) = connection
                .query_row("SELECT ?1, ?2", rusqlite::params![IsoDay(date), date], |row| Ok((row.get(0)?, row.get(1)?)))
                .unwrap();
            assert_eq!(ours, chrono);
        }
    }

    #[test]
    fn a_new_file_gets_the_whole_schema_with_wal_and_foreign_keys() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("sub").join(FILE_NAME);
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(ledger.journal_mode().unwrap(), "wal");
        let foreign_keys: i64 = ledger.connection.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(foreign_keys, 1);
        let tables: Vec<String> = ledger
            .connection
            .prepare_cached("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for table in [
            "bank_imports",
            "bank_lines",
            "client_ibans",
            "clients",
            "events",
            "import_changes",
            "import_mappings",
            "invoice_documents",
            "imports",
            "invoices",
            "letter_invoices",
            "letters",
            "payment_allocations",
            "payment_rejections",
            "payments",
            "plan_installments",
            "plan_invoices",
            "plans",
            "profile",
            "rates",
            "settings",
        ] {
            assert!(tables.contains(&table.to_string()), "missing table {table}");
        }
        assert!(ledger.is_empty().unwrap());
    }

    #[test]
    fn dates_read_fast_are_the_dates_chrono_reads() {
        let ledger = Ledger::open_in_memory().unwrap();
        let read = |sql: &str| ledger.connection.query_row_cached(sql, [], |row| date_column(row, 0));
        assert_eq!(read("SELECT '2026-11-22'").unwrap(), NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        assert_eq!(read("SELECT '2024-02-29'").unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        // Impossible dates are refused, not shifted; other forms read exactly as rusqlite reads them.
        assert!(read("SELECT '2026-02-30'").is_err());
        assert!(read("SELECT NULL").is_err());
        for text in ["'2026-1-05'", "'2026-13-01'", "'20261122'", "'2026-11-22T10:00:00'"] {
            let sql = format!("SELECT {text}");
            let chrono = ledger.connection.query_row_cached(&sql, [], |row| row.get::<_, NaiveDate>(0)).ok();
            assert_eq!(read(&sql).ok(), chrono, "{text}");
        }
    }

    #[test]
    fn reopening_does_not_migrate_again() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(FILE_NAME);
        drop(Ledger::open(&path).unwrap());
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_ledger_from_a_newer_version_is_refused_and_left_untouched() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(FILE_NAME);
        drop(Ledger::open(&path).unwrap());
        {
            let connection = Connection::open(&path).unwrap();
            connection.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let error = Ledger::open(&path).unwrap_err();
        assert_eq!(error.kind(), "newer_schema");
        assert!(error.to_string().contains("version plus récente"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
