//! A ledger as an older schema held it, for the tests that open one and check what its migrations do:
//! the shipped migrations up to a point, then every row of a current ledger copied column by column into
//! the tables that schema had.

#![allow(dead_code)]

use std::path::Path;

/// Every shipped migration, in order: a test takes the first N for the schema N.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../src/ledger/migrations/0001_initial.sql"),
    include_str!("../../src/ledger/migrations/0002_rates.sql"),
    include_str!("../../src/ledger/migrations/0003_dunning.sql"),
    include_str!("../../src/ledger/migrations/0004_letters.sql"),
    include_str!("../../src/ledger/migrations/0005_plans.sql"),
    include_str!("../../src/ledger/migrations/0006_dispatch.sql"),
    include_str!("../../src/ledger/migrations/0007_letter_life.sql"),
    include_str!("../../src/ledger/migrations/0008_bank.sql"),
    include_str!("../../src/ledger/migrations/0009_wording.sql"),
    include_str!("../../src/ledger/migrations/0010_books.sql"),
    include_str!("../../src/ledger/migrations/0011_invoice_documents.sql"),
    include_str!("../../src/ledger/migrations/0012_email.sql"),
    include_str!("../../src/ledger/migrations/0013_invoice_links.sql"),
    include_str!("../../src/ledger/migrations/0014_printed_figures.sql"),
    include_str!("../../src/ledger/migrations/0015_payment_method_unspecified.sql"),
    include_str!("../../src/ledger/migrations/0016_import_events.sql"),
    include_str!("../../src/ledger/migrations/0017_bank_line_identity.sql"),
    include_str!("../../src/ledger/migrations/0018_bank_charges.sql"),
];

/// Writes at `old_path` the ledger at `current_path` as schema `version` holds it (its first `version`
/// migrations, `user_version` set to it): that schema's tables, each row copied column by column. The
/// archive folder beside the ledger is not copied.
pub fn write_as_schema(current_path: &Path, old_path: &Path, version: usize) {
    assert_eq!(MIGRATIONS.len() as i64, ardoise::ledger::SCHEMA_VERSION, "a migration is missing from the list");
    let old = rusqlite::Connection::open(old_path).unwrap();
    for sql in &MIGRATIONS[..version] {
        old.execute_batch(sql).unwrap();
    }
    old.pragma_update(None, "user_version", version as i64).unwrap();
    old.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    old.execute("ATTACH DATABASE ?1 AS current", [current_path.to_string_lossy()]).unwrap();
    let tables: Vec<String> = old
        .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for table in tables {
        let columns: Vec<String> = old
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let columns = columns.join(", ");
        old.execute_batch(&format!(
            "DELETE FROM main.{table}; INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table};"
        ))
        .unwrap();
    }
    old.execute_batch("DETACH DATABASE current").unwrap();
}
