//! Import benchmark: a 100,000-row CSV (and the same rows sorted by client, which once made the comparing
//! quadratic) and a 100,000-row XLSX, generated here, parsed, validated and committed into a fresh ledger
//! file, several runs each, against the goals of issue 19 (CSV < 0.6 s beside
//! sqlite3's own `.import` of the same file into a bare table, XLSX < 1.0 s beside calamine reading it
//! alone; peak memory < 300 MB). Also printed: sqlite3 writing the same rows with SQL alone into a fresh
//! ledger's schema (its indexes built after the rows, as the import builds them), the floor of the
//! import's writing.
//!
//! Run with `cargo bench --bench import`. Each measured import runs in a child process of this binary so
//! that its peak memory (VmHWM) is its own, not the generator's.

// Floats here are seconds, megabytes and the numeric cells a spreadsheet stores: no money is computed.
#![allow(clippy::float_arithmetic)]

use ardoise::Ledger;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const ROWS: usize = 100_000;
const CLIENTS: usize = 1_000;
const RUNS: usize = 9;

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    if let Some(position) = arguments.iter().position(|a| a == "--child") {
        child(&arguments[position + 1], Path::new(&arguments[position + 2]));
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let csv = folder.path().join("factures-100000.csv");
    let csv_by_client = folder.path().join("factures-100000-par-client.csv");
    let xlsx = folder.path().join("factures-100000.xlsx");
    let started = Instant::now();
    write_csv(&csv, false);
    write_csv(&csv_by_client, true);
    write_xlsx(&xlsx);
    println!(
        "Fichiers générés en {:.1} s : CSV {:.1} Mo, XLSX {:.1} Mo ({ROWS} lignes, {CLIENTS} clients)",
        started.elapsed().as_secs_f64(),
        megabytes(std::fs::metadata(&csv).unwrap().len()),
        megabytes(std::fs::metadata(&xlsx).unwrap().len())
    );
    // Goals of issue 19, each beside its limit: sqlite3's own `.import` of the same CSV into a bare table,
    // and calamine reading the same workbook alone.
    let limit_csv = sqlite3_import(&csv, folder.path());
    let floor = sqlite3_schema_inserts(folder.path());
    println!(
        "les mêmes lignes, faites d'abord en mémoire, écrites en SQL seul par sqlite3 dans le schéma du registre \
         (contraintes, index construits après les lignes comme le fait l'import ; l'écriture seule chronométrée) : {floor}"
    );
    println!("charge de la machine au départ (/proc/loadavg) : {}", load());
    let kinds =
        [("csv", &csv, 0.6), ("csv-client", &csv_by_client, 0.6), ("xlsx", &xlsx, 1.0), ("calamine", &xlsx, f64::NAN)];
    for (kind, path, goal) in kinds {
        let mut seconds = Vec::with_capacity(RUNS);
        for run in 1..=RUNS {
            let output = Command::new(std::env::current_exe().unwrap())
                .args(["--child", kind, path.to_str().unwrap()])
                .output()
                .expect("the child runs");
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            let line = String::from_utf8(output.stdout).unwrap();
            // Each child's line starts with its time in seconds (« 1.05 s … », « lecture calamine seule 0.28 s »).
            let time = line.split_whitespace().find_map(|word| word.parse::<f64>().ok()).unwrap_or(f64::NAN);
            seconds.push(time);
            println!("{kind:<8} essai {run}/{RUNS} : {}", line.trim());
        }
        seconds.sort_by(f64::total_cmp);
        let (median, min, max) = (seconds[RUNS / 2], seconds[0], seconds[RUNS - 1]);
        let limit = match kind {
            "csv" => format!("objectif < {goal} s : {} ; `.import` de sqlite3 seul {limit_csv}", verdict(median, goal)),
            "csv-client" => {
                format!("les mêmes lignes triées par client ; objectif < {goal} s : {}", verdict(median, goal))
            }
            "xlsx" => {
                format!("objectif < {goal} s : {} ; lecture calamine seule : ligne « calamine »", verdict(median, goal))
            }
            _ => "la limite de l'import XLSX".into(),
        };
        println!("{kind:<8} médiane {median:.3} s (min {min:.3}, max {max:.3}, {RUNS} essais) ({limit})");
    }
    println!("charge de la machine à la fin (/proc/loadavg) : {}", load());
}

fn verdict(median: f64, goal: f64) -> &'static str {
    if median < goal {
        "atteint"
    } else {
        "MANQUÉ"
    }
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(|_| "?".into(), |text| text.trim().to_string())
}

/// The time sqlite3's command-line shell takes to `.import` the CSV into a bare table of a new file (the
/// limit of the CSV import), or why it could not be measured.
fn sqlite3_import(csv: &Path, folder: &Path) -> String {
    let database = folder.join("bare.sqlite3");
    let started = Instant::now();
    let output = Command::new("sqlite3")
        .arg(&database)
        .args([
            "CREATE TABLE bare (number, issued, due, client, email, object, amount, paid);",
            ".separator ;",
            &format!(".import --skip 1 {} bare", csv.display()),
        ])
        .output();
    match output {
        Ok(output) if output.status.success() => format!("{:.2} s", started.elapsed().as_secs_f64()),
        Ok(output) => format!("non mesuré ({})", String::from_utf8_lossy(&output.stderr).trim()),
        Err(error) => format!("non mesuré (sqlite3 : {error})"),
    }
}

/// The time sqlite3's shell takes to write the same clients, invoices and payments with SQL alone into a
/// fresh ledger's own schema (its indexes, checks, foreign keys and trigger), in one transaction: the
/// floor of the import's writing (median of 3 runs). Or why it could not be measured. The rows are made
/// first, in memory, and only the writing is timed (sqlite3's `.timer`): made by the same statements, the
/// `printf` and `date` of 100,000 rows were a quarter of the time.
fn sqlite3_schema_inserts(folder: &Path) -> String {
    use std::io::Write;
    use std::process::Stdio;
    let mut seconds = Vec::new();
    let mut allocations = String::new();
    for run in 0..3 {
        let database = folder.join(format!("schema-floor-{run}.sqlite3"));
        drop(Ledger::open(&database).expect("a fresh ledger"));
        let script = floor_script(&database);
        let child = Command::new("sqlite3")
            .arg(&database)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                child.stdin.take().expect("piped").write_all(script.as_bytes())?;
                child.wait_with_output()
            });
        match child {
            Ok(output) if output.status.success() && output.stderr.is_empty() => {
                let text = String::from_utf8_lossy(&output.stdout);
                // « Run Time: real 0.184 user 0.172617 sys 0.011966 », one line per timed statement.
                let timed: f64 = text
                    .lines()
                    .filter_map(|line| line.strip_prefix("Run Time: real "))
                    .filter_map(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
                    .sum();
                seconds.push(timed);
                allocations = text.lines().filter(|line| !line.starts_with("Run Time")).collect::<String>();
            }
            Ok(output) => return format!("non mesuré ({})", String::from_utf8_lossy(&output.stderr).trim()),
            Err(error) => return format!("non mesuré (sqlite3 : {error})"),
        }
    }
    seconds.sort_by(f64::total_cmp);
    format!(
        "{:.2} s (min {:.2}, max {:.2}, 3 essais ; {ROWS} factures, {allocations} règlements affectés)",
        seconds[1], seconds[0], seconds[2]
    )
}

/// The script of `sqlite3_schema_inserts`: the rows `write_csv` writes, as the import stores them, made in
/// temporary tables in memory; then, timed, their writing into the ledger in one transaction, the
/// indexes of the three tables dropped before and built again after as the import does for a table given
/// more rows than it holds (their definitions read from the ledger's schema); then the number of
/// allocations whose payment names its invoice, to show the rows are the import's.
fn floor_script(database: &Path) -> String {
    let connection = rusqlite::Connection::open(database).expect("the fresh ledger");
    let indexes: Vec<(String, String)> = connection
        .prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('invoices', 'payments', 'payment_allocations')",
        )
        .and_then(|mut statement| statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("the ledger's indexes");
    let drops: String = indexes.iter().map(|(name, _)| format!("DROP INDEX {name};\n")).collect();
    let creates: String = indexes.iter().map(|(_, create)| format!("{create};\n")).collect();
    format!(
        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768;
         PRAGMA temp_store = MEMORY;
         CREATE TEMP TABLE c AS WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {CLIENTS} - 1)
           SELECT printf('Client %04d SARL', i) AS name, printf('client%d@example.fr', i) AS email FROM n;
         CREATE TEMP TABLE i AS WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {ROWS} - 1),
           r(i, issued) AS (SELECT i, printf('2026-%02d-%02d', 1 + (i / 28) % 12, 1 + i % 28) FROM n)
           SELECT i + 1 AS id, printf('B-%06d', i) AS number, 1 + i % {CLIENTS} AS client_id, issued,
             date(issued, '+30 days') AS due, 1000 + (i * 7919) % 500000 AS cents, 'Prestation n° ' || i AS object
           FROM r;
         CREATE TEMP TABLE p AS SELECT (id + 2) / 3 AS id, id AS invoice_id, client_id, issued, cents,
           'Import factures-100000.csv (' || number || ')' AS reference FROM i WHERE (id - 1) % 3 = 0;
.timer on
         BEGIN;
         INSERT INTO imports (file_name, sha256, new_count, updated_count, unchanged_count, rejected_count)
         VALUES ('factures-100000.csv', 'x', {ROWS}, 0, 0, 0);
         INSERT INTO clients (kind, company_name, email) SELECT 'professional', name, email FROM c;
         {drops}
         INSERT INTO invoices (number, client_id, issue_date, due_date, amount_cents, object, import_id,
           created_at, updated_at)
         SELECT number, client_id, issued, due, cents, object, 1, '2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z'
         FROM i ORDER BY id;
         INSERT INTO payments (client_id, date, amount_cents, method, reference, import_id, created_at)
         SELECT client_id, issued, cents, 'transfer', reference, 1, '2026-11-22T10:00:00Z' FROM p ORDER BY id;
         INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents)
         SELECT id, invoice_id, cents FROM p ORDER BY id;
         {creates}
         COMMIT;
.timer off
         SELECT count(*) FROM payment_allocations
         JOIN payments ON payments.id = payment_id JOIN invoices ON invoices.id = invoice_id
         WHERE payments.reference = 'Import factures-100000.csv (' || invoices.number || ')';
"
    )
}

/// One measured run: import into a fresh ledger file, or calamine alone.
fn child(kind: &str, path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let folder = tempfile::tempdir().unwrap();
    if kind == "calamine" {
        let started = Instant::now();
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(&bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let elapsed = started.elapsed().as_secs_f64();
        println!(
            "lecture calamine seule {elapsed:.3} s, {} cellules, pic mémoire {} Mo",
            range.get_size().0 * range.get_size().1,
            peak_mb()
        );
        return;
    }
    // The ledger exists before the import, as the window's and the command line's do: its creation (the
    // schema's migrations) is not part of importing a file.
    let mut ledger = Ledger::open(&folder.path().join("ardoise.sqlite3")).unwrap();
    let started = Instant::now();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    // The same steps as `import_file`, timed one by one.
    let prepared = ardoise::import::prepare(&name, &bytes, None, None, |_| None).unwrap();
    let read = started.elapsed().as_secs_f64();
    let snapshot = ledger.import_snapshot().unwrap();
    let plan = ardoise::import::plan::plan(prepared, &snapshot, today);
    let planned = started.elapsed().as_secs_f64();
    let record = ledger.commit_import(&plan).unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(plan.new, ROWS, "{:?}", plan.rejected.first());
    assert!(record.is_some());
    println!(
        "{elapsed:.3} s pour lire, valider et enregistrer {} factures (lecture et validation {read:.3} s, \
         comparaison {:.3} s, écriture {:.3} s), pic mémoire {} Mo",
        plan.new,
        planned - read,
        elapsed - planned,
        peak_mb()
    );
}

fn client_name(index: usize) -> String {
    format!("Client {index:04} SARL")
}

fn write_csv(path: &Path, by_client: bool) {
    let mut text = String::with_capacity(ROWS * 110);
    text.push_str("N° facture;Date;Échéance;Client;E-mail;Objet;Montant TTC;Payé\r\n");
    // The same rows, or the same rows sorted by client as an export sorted by name writes them: each
    // client's rows together, its first row further down the file the further its name.
    let order: Vec<usize> = if by_client {
        (0..CLIENTS).flat_map(|client| (client..ROWS).step_by(CLIENTS)).collect()
    } else {
        (0..ROWS).collect()
    };
    for row in order {
        let client = row % CLIENTS;
        let day = 1 + row % 28;
        let month = 1 + (row / 28) % 12;
        let cents = 1_000 + (row * 7_919) % 500_000;
        let paid = if row % 3 == 0 { cents } else { 0 };
        text.push_str(&format!(
            "B-{row:06};{day:02}/{month:02}/2026;;{};client{client}@example.fr;Prestation n° {row};{} {:03},{:02} €;{},{:02}\r\n",
            client_name(client),
            cents / 100_000,
            (cents / 100) % 1000,
            cents % 100,
            paid / 100,
            paid % 100
        ));
    }
    std::fs::write(path, text).unwrap();
}

fn write_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    for (column, header) in
        ["N° facture", "Date", "Échéance", "Client", "E-mail", "Objet", "Montant TTC", "Payé"].iter().enumerate()
    {
        sheet.write(0, column as u16, *header).unwrap();
    }
    for row in 0..ROWS {
        let line = row as u32 + 1;
        let client = row % CLIENTS;
        let cents = 1_000 + (row * 7_919) % 500_000;
        let issued =
            rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1 + ((row / 28) % 12) as u8, 1 + (row % 28) as u8).unwrap();
        sheet.write(line, 0, format!("B-{row:06}")).unwrap();
        sheet.write_with_format(line, 1, &issued, &date).unwrap();
        sheet.write(line, 3, client_name(client)).unwrap();
        sheet.write(line, 4, format!("client{client}@example.fr")).unwrap();
        sheet.write(line, 5, format!("Prestation n° {row}")).unwrap();
        sheet.write(line, 6, cents as f64 / 100.0).unwrap();
        sheet.write(line, 7, if row % 3 == 0 { cents as f64 / 100.0 } else { 0.0 }).unwrap();
    }
    book.save(path).unwrap();
}

/// The process's peak resident memory in MB (VmHWM), Linux only.
fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some((kilobytes / 1024).to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}
