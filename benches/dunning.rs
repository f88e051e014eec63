//! Benchmark of the screens on a generated ledger of 10,000 clients and 100,000 invoices in a temporary
//! SQLite file: proposals, dashboard, client list, one client's page, the invoice list (and the same list
//! on a ledger half that size, to show it grows linearly). Each figure is printed (median of 9 runs, with
//! min, max and CPU time) beside its goal (issue 19) and the limit it is measured against: the engine
//! alone, one SQL aggregate, reading the rows alone.
//!
//! Run with `cargo bench -p ardoise --bench dunning`.

mod common;

use ardoise::Ledger;
use chrono::{Days, NaiveDate};
use common::{generate, CLIENTS, INVOICES_PER_CLIENT};
use std::time::{Duration, Instant};

const RUNS: usize = 9;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    println!("charge de la machine au départ (/proc/loadavg) : {}", load());
    let folder = tempfile::tempdir().unwrap();
    // ARDOISE_BENCH_FILE keeps the generated ledger for a closer look (sqlite3, EXPLAIN QUERY PLAN).
    let path = std::env::var_os("ARDOISE_BENCH_FILE").map_or_else(|| folder.path().join("bench.sqlite3"), Into::into);
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let mut ledger = Ledger::open(&path).unwrap();
    generate(&mut ledger, today, CLIENTS).unwrap();
    println!(
        "generated {CLIENTS} clients, {} invoices in {:.1} s ({})",
        CLIENTS * INVOICES_PER_CLIENT,
        started.elapsed().as_secs_f64(),
        path.display()
    );
    drop(ledger);
    let ledger = Ledger::open(&path).unwrap();
    // The limits are read beside, on a connection of their own to the same file.
    let sql = rusqlite::Connection::open(&path).unwrap();

    let proposals = ardoise::desk::proposals::proposals(&ledger, today).unwrap();
    println!("{} proposals on {today}", proposals.len());
    let facts = ledger.dunning_facts(today, None).unwrap();
    let engine = measure(|| {
        std::hint::black_box(ardoise::domain::dunning::propose(&facts, today));
    });
    line("propositions (chargement + moteur)", 120, "moteur seul sur les faits chargés", &engine, || {
        ledger.forget_remembered();
        ardoise::desk::proposals::proposals(&ledger, today).unwrap();
    });
    line(
        "  propositions redemandées, registre inchangé (mémorisées)",
        120,
        "moteur seul sur les faits chargés",
        &engine,
        || {
            ardoise::desk::proposals::proposals(&ledger, today).unwrap();
        },
    );
    // The parts below are timed from scratch too: the whole ledger's allocation pass they share is
    // remembered by the ledger, and forgotten here before each run.
    line("  dont le chargement (dunning_facts)", 120, "moteur seul sur les faits chargés", &engine, || {
        ledger.forget_remembered();
        ledger.dunning_facts(today, None).unwrap();
    });

    let aggregate = measure(|| {
        std::hint::black_box(dashboard_aggregate(&sql, today));
    });
    line("tableau de bord (desk::dashboard::dashboard)", 20, "agrégat SQL seul", &aggregate, || {
        ledger.forget_remembered();
        ardoise::desk::dashboard::dashboard(&ledger, today).unwrap();
    });
    line("  tableau de bord redemandé, registre inchangé (mémorisé)", 20, "agrégat SQL seul", &aggregate, || {
        ardoise::desk::dashboard::dashboard(&ledger, today).unwrap();
    });
    // The dashboard page also asks the prescription watch, which reads the engine's facts for every client.
    line(
        "  veille de prescription du tableau de bord (prescription_watch)",
        120,
        "moteur seul sur les faits chargés",
        &engine,
        || {
            ledger.forget_remembered();
            ardoise::desk::dashboard::prescription_watch(&ledger, today).unwrap();
        },
    );
    line(
        "  veille de prescription redemandée, registre inchangé (mémorisée)",
        20,
        "moteur seul sur les faits chargés",
        &engine,
        || {
            ardoise::desk::dashboard::prescription_watch(&ledger, today).unwrap();
        },
    );
    line("  dont les factures ouvertes (Ledger::open_invoices)", 20, "agrégat SQL seul", &aggregate, || {
        ledger.forget_remembered();
        ledger.open_invoices(today).unwrap();
    });
    line("  dont les crédits (Ledger::client_totals)", 20, "agrégat SQL seul", &aggregate, || {
        ledger.forget_remembered();
        ledger.client_totals(today).unwrap();
    });
    line("  dont les ventes de l'année (Ledger::invoiced_between)", 20, "agrégat SQL seul", &aggregate, || {
        ledger.invoiced_between(today - Days::new(364), today).unwrap();
    });

    let by_client = measure(|| {
        std::hint::black_box(client_aggregate(&sql, today));
    });
    line("liste des clients (desk::clients::client_list)", 30, "agrégat SQL par client seul", &by_client, || {
        ledger.forget_remembered();
        ardoise::desk::clients::client_list(&ledger, today).unwrap();
    });
    line(
        "  liste des clients redemandée, registre inchangé (mémorisée)",
        30,
        "agrégat SQL par client seul",
        &by_client,
        || {
            ardoise::desk::clients::client_list(&ledger, today).unwrap();
        },
    );

    let client = proposals.first().map_or(1, |p| p.client_id);
    let own_rows = measure(|| {
        std::hint::black_box(client_rows(&sql, client));
    });
    line("page d'un client (desk::clients::client_detail)", 5, "lecture de ses seules lignes", &own_rows, || {
        ardoise::desk::clients::client_detail(&ledger, client, today).unwrap();
    });

    let rows = measure(|| {
        ledger.forget_remembered();
        std::hint::black_box(ledger.invoice_rows(None, today).unwrap());
    });
    let list = line(
        "liste des factures, 100 000 (desk::invoices::invoice_list)",
        150,
        "lecture des lignes seule",
        &rows,
        || {
            ledger.forget_remembered();
            ardoise::desk::invoices::invoice_list(&ledger, None, today).unwrap();
        },
    );
    line(
        "  liste des factures redemandée, registre inchangé (mémorisée)",
        150,
        "lecture des lignes seule",
        &rows,
        || {
            ardoise::desk::invoices::invoice_list(&ledger, None, today).unwrap();
        },
    );
    // Linear: half the ledger takes about half the time (quadratic work would take a quarter).
    let half_path = folder.path().join("half.sqlite3");
    let mut half = Ledger::open(&half_path).unwrap();
    generate(&mut half, today, CLIENTS / 2).unwrap();
    let half_rows = measure(|| {
        half.forget_remembered();
        std::hint::black_box(half.invoice_rows(None, today).unwrap());
    });
    let half_list = line(
        "liste des factures, 50 000 (même registre à moitié)",
        150,
        "lecture des lignes seule",
        &half_rows,
        || {
            half.forget_remembered();
            ardoise::desk::invoices::invoice_list(&half, None, today).unwrap();
        },
    );
    let ratio = list.cpu.as_micros() * 100 / half_list.cpu.as_micros().max(1);
    println!(
        "  rapport 100 000 / 50 000 factures (temps cpu) : {}.{:02} (linéaire ≈ 2, quadratique ≈ 4)",
        ratio / 100,
        ratio % 100
    );

    let request = ardoise::desk::letter_facts::LetterRequest {
        kind: ardoise::domain::letter_kind::LetterKind::FriendlyReminder,
        client_id: client,
        date: today,
        variant: String::new(),
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    // Drafting reads the client's account alone (desk::accounts), not the client page: it must not grow
    // with the page's work (proposal, timeline, plans).
    line(
        "brouillon d'un courrier pour ce client (compose_request)",
        50,
        "lecture de ses seules lignes",
        &own_rows,
        || {
            ardoise::desk::letters::compose_request(&ledger, &request, None).unwrap();
        },
    );
    println!("charge de la machine à la fin (/proc/loadavg) : {}", load());
}

/// Wall times (sorted) and CPU times of RUNS runs after one warm-up run.
#[derive(Debug, Clone)]
struct Stats {
    min: Duration,
    median: Duration,
    max: Duration,
    /// Median CPU time of this thread, from Linux's `/proc/thread-self/schedstat` (zero elsewhere): on a
    /// machine shared with other work the wall time includes waiting for a core.
    cpu: Duration,
}

fn measure(mut work: impl FnMut()) -> Stats {
    work();
    let mut times: Vec<Duration> = Vec::new();
    let mut cpu: Vec<Duration> = Vec::new();
    for _ in 0..RUNS {
        let cpu_start = cpu_time();
        let start = Instant::now();
        work();
        times.push(start.elapsed());
        if let (Some(before), Some(after)) = (cpu_start, cpu_time()) {
            cpu.push(after.saturating_sub(before));
        }
    }
    times.sort();
    cpu.sort();
    Stats {
        min: times[0],
        median: times[RUNS / 2],
        max: times[RUNS - 1],
        cpu: cpu.get(cpu.len() / 2).copied().unwrap_or_default(),
    }
}

/// Times `work` and prints one row: the median beside the goal and the limit it is measured against,
/// e.g. « tableau de bord 14.2 ms (objectif < 20 ms ; agrégat SQL seul 6.1 ms) ».
fn line(what: &str, goal_ms: u128, limit_name: &str, limit: &Stats, work: impl FnMut()) -> Stats {
    let stats = measure(work);
    let verdict = if stats.median.as_millis() < goal_ms { "atteint" } else { "MANQUÉ" };
    println!(
        "{what} {} (objectif < {goal_ms} ms : {verdict} ; {limit_name} {})\n    min {}, max {}, cpu {} ; limite : min {}, max {}, cpu {} ({RUNS} essais)",
        ms(stats.median),
        ms(limit.median),
        ms(stats.min),
        ms(stats.max),
        ms(stats.cpu),
        ms(limit.min),
        ms(limit.max),
        ms(limit.cpu),
    );
    stats
}

/// "123.45 ms", in integers (the workspace lints forbid float arithmetic).
fn ms(duration: Duration) -> String {
    let micros = duration.as_micros();
    format!("{}.{:02} ms", micros / 1000, micros % 1000 / 10)
}

/// CPU time this thread has run, from Linux's schedstat (nanoseconds on a core); None elsewhere.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(text.split_whitespace().next()?.parse().ok()?))
}

/// The load averages of the machine, as Linux gives them.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(|_| "inconnue".into(), |text| text.trim().to_string())
}

/// What each invoice received by `?1` (payments made by then, not rejected by then), as the ledger's rule.
const PAID: &str = "WITH paid AS (
        SELECT a.invoice_id, SUM(a.amount_cents) AS cents
        FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
        LEFT JOIN payment_rejections r ON r.payment_id = a.payment_id
        WHERE p.date <= ?1 AND (r.date IS NULL OR r.date > ?1)
        GROUP BY a.invoice_id)";

/// The limit of the dashboard: one SQL aggregate of the open invoices (count, owed, overdue) over the same
/// tables, without credits set against them.
fn dashboard_aggregate(sql: &rusqlite::Connection, today: NaiveDate) -> (i64, i64, i64) {
    sql.query_row(
        &format!(
            "{PAID} SELECT COUNT(*), SUM(i.amount_cents - COALESCE(paid.cents, 0)),
                SUM(CASE WHEN i.due_date < ?1 THEN i.amount_cents - COALESCE(paid.cents, 0) ELSE 0 END)
             FROM invoices i LEFT JOIN paid ON paid.invoice_id = i.id
             WHERE i.issue_date <= ?1 AND (i.written_off_on IS NULL OR i.written_off_on > ?1)
               AND i.amount_cents <> COALESCE(paid.cents, 0)"
        ),
        [today],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )
    .unwrap()
}

/// The limit of the client list: the same aggregate by client.
fn client_aggregate(sql: &rusqlite::Connection, today: NaiveDate) -> Vec<(i64, i64, i64)> {
    let mut statement = sql
        .prepare_cached(&format!(
            "{PAID} SELECT i.client_id, COUNT(*), SUM(i.amount_cents - COALESCE(paid.cents, 0))
             FROM invoices i LEFT JOIN paid ON paid.invoice_id = i.id
             WHERE i.issue_date <= ?1 AND (i.written_off_on IS NULL OR i.written_off_on > ?1)
               AND i.amount_cents <> COALESCE(paid.cents, 0)
             GROUP BY i.client_id"
        ))
        .unwrap();
    statement
        .query_map([today], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The limit of one client's page: reading that client's rows alone (its invoices with what they
/// received, payments, events, letters), every column, nothing computed.
fn client_rows(sql: &rusqlite::Connection, client: i64) -> usize {
    let mut count = 0;
    for query in [
        "SELECT * FROM clients WHERE id = ?1",
        "SELECT i.*, (SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.invoice_id = i.id)
         FROM invoices i WHERE i.client_id = ?1",
        "SELECT * FROM payments WHERE client_id = ?1",
        "SELECT * FROM events WHERE client_id = ?1",
        "SELECT * FROM letters WHERE client_id = ?1",
        "SELECT * FROM plans WHERE client_id = ?1",
    ] {
        let mut statement = sql.prepare_cached(query).unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([client]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for column in 0..columns {
                std::hint::black_box(row.get_ref(column).unwrap());
            }
            count += 1;
        }
    }
    count
}
