//! Power cuts: the command line is killed with SIGKILL at random moments while it writes, and after each
//! kill the ledger must pass `PRAGMA integrity_check`, open normally, and hold each operation entirely or
//! not at all (issue 8). The moments are drawn from a seeded generator (`ARDOISE_CRASH_SEED` changes the
//! seed; the seed is printed so a failure can be replayed).
#![cfg(unix)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many times the import is killed.
const KILLS: usize = 50;
/// Rows in the imported file: enough for the write to take a while, few enough for a quick suite.
const ROWS: usize = 4_000;

fn ardoise(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ardoise"));
    command.arg("--db").arg(db).stdout(Stdio::null()).stderr(Stdio::null());
    command
}

/// A spreadsheet export of `ROWS` invoices of 40 clients, half of them partly paid.
fn big_csv(folder: &Path) -> PathBuf {
    let mut text = String::from("N° facture;Date;Échéance;Client;SIRET;Montant TTC;Réglé\n");
    for row in 0..ROWS {
        let client = row % 40;
        let paid = if row % 2 == 0 { "100,00" } else { "0,00" };
        text.push_str(&format!(
            "K-{row:05};01/09/2026;01/10/2026;Client coupure {client:02};;{},50;{paid}\n",
            300 + row % 700
        ));
    }
    let path = folder.join("coupure.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// What the test checks after a kill: the integrity verdict and the counts an import changes.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
struct State {
    invoices: i64,
    payments: i64,
    clients: i64,
    imports: i64,
}

fn state(db: &Path) -> State {
    // Opening through the library first: WAL recovery and migrations must succeed after any kill.
    drop(ardoise::Ledger::open(db).expect("the ledger opens after the kill"));
    let connection = rusqlite::Connection::open(db).unwrap();
    let verdict: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(verdict, "ok", "integrity_check after a kill");
    let count = |table: &str| -> i64 {
        connection.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| row.get(0)).unwrap()
    };
    State {
        invoices: count("invoices"),
        payments: count("payments"),
        clients: count("clients"),
        imports: count("imports"),
    }
}

#[test]
fn killing_an_import_at_any_moment_leaves_it_entirely_done_or_not_at_all() {
    let seed: u64 = std::env::var("ARDOISE_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20261122);
    println!("seed {seed} (ARDOISE_CRASH_SEED replays it)");
    let mut random = ChaCha8Rng::seed_from_u64(seed);
    let folder = tempfile::tempdir().unwrap();
    let csv = big_csv(folder.path());

    // The starting ledger: the demo, closed cleanly.
    let base = folder.path().join("base.sqlite3");
    assert!(ardoise(&base).args(["demo", "--date", "2026-11-22"]).status().unwrap().success());
    let before = state(&base);

    // One complete import tells what "done" looks like and how long it takes.
    let complete = folder.path().join("complete.sqlite3");
    std::fs::copy(&base, &complete).unwrap();
    let started = Instant::now();
    let status = ardoise(&complete).args(["import", csv.to_str().unwrap(), "--date", "2026-11-22"]).status().unwrap();
    let duration = started.elapsed();
    assert!(status.success());
    let after = state(&complete);
    assert_eq!(after.invoices, before.invoices + ROWS as i64);
    assert_eq!(after.payments, before.payments + (ROWS / 2) as i64);
    assert_eq!(after.clients, before.clients + 40);
    assert_eq!(after.imports, before.imports + 1);

    let (mut untouched, mut done) = (0, 0);
    for kill in 0..KILLS {
        let db = folder.path().join(format!("kill-{kill}.sqlite3"));
        std::fs::copy(&base, &db).unwrap();
        // Anywhere from the process start to a little past a complete run.
        let wait = Duration::from_micros(random.random_range(0..duration.as_micros() as u64 * 11 / 10 + 1));
        let mut child = ardoise(&db).args(["import", csv.to_str().unwrap(), "--date", "2026-11-22"]).spawn().unwrap();
        std::thread::sleep(wait);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let found = state(&db);
        if found == before {
            untouched += 1;
        } else {
            assert_eq!(found, after, "kill {kill} after {wait:?} left half an import");
            done += 1;
        }
        std::fs::remove_file(&db).unwrap();
        let _ = std::fs::remove_file(db.with_extension("sqlite3-wal"));
        let _ = std::fs::remove_file(db.with_extension("sqlite3-shm"));
    }
    println!("{KILLS} kills of a {ROWS}-row import ({duration:?} uninterrupted): {untouched} left nothing, {done} left it whole, 0 corrupted");
    assert_eq!(untouched + done, KILLS);
}
