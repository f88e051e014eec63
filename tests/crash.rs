//! Power cuts: the command line is killed with SIGKILL at random moments while it writes — an import, and
//! the day's letters exported and recorded as printed — and after each kill the ledger must pass
//! `PRAGMA integrity_check`, open normally, and hold each operation entirely or not at all; a letter is
//! never recorded as printed without its PDF (issue 8). The moments are drawn from a seeded generator (`ARDOISE_CRASH_SEED` changes the
//! seed; the seed is printed so a failure can be replayed).
#![cfg(unix)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many times each operation is killed.
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

/// A moment to kill at: half of them anywhere from the start to a little past a complete run, half in
/// its second half, where the writing happens (the first half is mostly the process starting).
fn moment(random: &mut ChaCha8Rng, duration: Duration) -> Duration {
    let micros = duration.as_micros() as u64;
    if random.random_bool(0.5) {
        Duration::from_micros(random.random_range(0..micros * 11 / 10 + 1))
    } else {
        Duration::from_micros(random.random_range(micros / 2..micros * 21 / 20 + 1))
    }
}

fn seeded() -> ChaCha8Rng {
    let seed: u64 = std::env::var("ARDOISE_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20261122);
    println!("seed {seed} (ARDOISE_CRASH_SEED replays it)");
    ChaCha8Rng::seed_from_u64(seed)
}

fn remove_ledger(db: &Path) {
    std::fs::remove_file(db).unwrap();
    let _ = std::fs::remove_file(db.with_extension("sqlite3-wal"));
    let _ = std::fs::remove_file(db.with_extension("sqlite3-shm"));
}

#[test]
fn killing_an_import_at_any_moment_leaves_it_entirely_done_or_not_at_all() {
    let mut random = seeded();
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
        let wait = moment(&mut random, duration);
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
        remove_ledger(&db);
    }
    println!("{KILLS} kills of a {ROWS}-row import ({duration:?} uninterrupted): {untouched} left nothing, {done} left it whole, 0 corrupted");
    assert_eq!(untouched + done, KILLS);
}

/// The letters drafted on the day and how many of them are recorded as printed.
fn letters(db: &Path) -> (i64, i64) {
    drop(ardoise::Ledger::open(db).expect("the ledger opens after the kill"));
    let connection = rusqlite::Connection::open(db).unwrap();
    let verdict: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(verdict, "ok", "integrity_check after a kill");
    connection
        .query_row(
            "SELECT COUNT(*), COALESCE(SUM(status = 'printed'), 0) FROM letters WHERE drafted_on = '2026-11-22'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap()
}

/// The finished PDFs in `folder` (a `.partial` file is an export cut short, not a letter).
fn pdfs(folder: &Path) -> usize {
    std::fs::read_dir(folder).map_or(0, |entries| {
        entries.filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".pdf")).count()
    })
}

#[test]
fn killing_the_letters_export_never_records_a_letter_printed_without_its_pdf() {
    let mut random = seeded();
    let folder = tempfile::tempdir().unwrap();

    // The demo with every proposal of the day accepted: drafted letters waiting to be printed.
    let base = folder.path().join("base.sqlite3");
    assert!(ardoise(&base).args(["demo", "--date", "2026-11-22"]).status().unwrap().success());
    // The 2026-S2 rates, blank in the shipped table, entered as the refusal to print says (issue 13,
    // defect 5), and what only the user knows confirmed for the déclaration de créance (defect 6).
    let rates = ["rates", "--semester", "2026-S2", "--ecb", "2,15", "--legal-other", "2,62"];
    assert!(ardoise(&base).args(rates).status().unwrap().success());
    let statement = ["claim-statement", "--client", "4", "--to-fall-due", "aucune", "--securities", "aucune"];
    assert!(ardoise(&base).args(statement).status().unwrap().success());
    let proposals = Command::new(env!("CARGO_BIN_EXE_ardoise"))
        .arg("--db")
        .arg(&base)
        .args(["propose", "--date", "2026-11-22", "--json"])
        .output()
        .unwrap();
    let proposals: serde_json::Value = serde_json::from_slice(&proposals.stdout).unwrap();
    for proposal in proposals.as_array().unwrap() {
        let client = proposal["client_id"].to_string();
        let decided = ardoise(&base)
            .args(["decide", "--client", &client, "--action", "accept", "--date", "2026-11-22"])
            .status()
            .unwrap();
        assert!(decided.success());
    }
    let (drafted, printed) = letters(&base);
    assert!(drafted >= 5 && printed == 0, "{drafted} letters drafted, {printed} printed");

    let export = |db: &Path, out: &Path| {
        let mut command = ardoise(db);
        command.args(["batch", "--date", "2026-11-22", "--out"]).arg(out);
        command
    };
    let complete = folder.path().join("complete.sqlite3");
    std::fs::copy(&base, &complete).unwrap();
    let out = folder.path().join("complete-out");
    let started = Instant::now();
    assert!(export(&complete, &out).status().unwrap().success());
    let duration = started.elapsed();
    assert_eq!(letters(&complete), (drafted, drafted));
    assert_eq!(pdfs(&out), drafted as usize);

    let (mut untouched, mut done) = (0, 0);
    for kill in 0..KILLS {
        let db = folder.path().join(format!("kill-{kill}.sqlite3"));
        let out = folder.path().join(format!("kill-{kill}-out"));
        std::fs::copy(&base, &db).unwrap();
        let wait = moment(&mut random, duration);
        let mut child = export(&db, &out).spawn().unwrap();
        std::thread::sleep(wait);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        match letters(&db) {
            (total, 0) if total == drafted => untouched += 1,
            (total, printed) if total == drafted && printed == drafted => {
                assert_eq!(pdfs(&out), drafted as usize, "kill {kill}: letters printed without their PDFs");
                done += 1;
            }
            other => panic!("kill {kill} after {wait:?} left the letters half recorded: {other:?}"),
        }
        remove_ledger(&db);
        let _ = std::fs::remove_dir_all(&out);
    }
    println!(
        "{KILLS} kills of a {drafted}-letter export ({duration:?} uninterrupted): {untouched} left none printed, \
         {done} left all printed with their PDFs, 0 corrupted"
    );
    assert_eq!(untouched + done, KILLS);
}
