//! Benchmark of the dunning proposals and the dashboard on a generated ledger of 10,000 clients and
//! 100,000 invoices in a temporary SQLite file: several runs of each, median and maximum printed.
//! Goals (issue 4): proposals (load + engine) under 300 ms, dashboard figures under 50 ms, in release.
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
    let folder = tempfile::tempdir().unwrap();
    // ARDOISE_BENCH_FILE keeps the generated ledger for a closer look (sqlite3, EXPLAIN QUERY PLAN).
    let path = std::env::var_os("ARDOISE_BENCH_FILE").map_or_else(|| folder.path().join("bench.sqlite3"), Into::into);
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let mut ledger = Ledger::open(&path).unwrap();
    generate(&mut ledger, today).unwrap();
    println!(
        "generated {CLIENTS} clients, {} invoices in {:.1} s ({})",
        CLIENTS * INVOICES_PER_CLIENT,
        started.elapsed().as_secs_f64(),
        path.display()
    );
    drop(ledger);
    let ledger = Ledger::open(&path).unwrap();

    let proposals = ardoise::desk::proposals::proposals(&ledger, today).unwrap();
    println!("{} proposals on {today}", proposals.len());
    report("proposals (load + engine)", 300, || {
        ardoise::desk::proposals::proposals(&ledger, today).unwrap();
    });
    report("  of which the load (dunning_facts)", 300, || {
        ledger.dunning_facts(today, None).unwrap();
    });
    report("dashboard figures (ardoise::desk::dashboard::dashboard)", 50, || {
        ardoise::desk::dashboard::dashboard(&ledger, today).unwrap();
    });
    report("  of which the open invoices (Ledger::open_invoices)", 50, || {
        ledger.open_invoices(today).unwrap();
    });
    report("  of which the credits (Ledger::client_totals)", 50, || {
        ledger.client_totals(today).unwrap();
    });
    report("  of which the sales of the year (Ledger::invoiced_between)", 50, || {
        ledger.invoiced_between(today - Days::new(364), today).unwrap();
    });
    report("client list (desk::clients::client_list, shown beside)", 50, || {
        ardoise::desk::clients::client_list(&ledger, today).unwrap();
    });
    let client = proposals.first().map_or(1, |p| p.client_id);
    report("one client's page (desk::clients::client_detail)", 50, || {
        ardoise::desk::clients::client_detail(&ledger, client, today).unwrap();
    });
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
    report("draft one letter for that client (compose_request)", 50, || {
        ardoise::desk::letters::compose_request(&ledger, &request, None).unwrap();
    });
}

/// Times `work` RUNS times after one warm-up run and prints the median and the maximum of the wall
/// time, and the median CPU time of this thread where Linux tells it (`/proc/thread-self/schedstat`):
/// on a machine shared with other work the wall time includes waiting for a core.
fn report(what: &str, goal_ms: u128, mut work: impl FnMut()) {
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
    let median = times[RUNS / 2];
    let max = times[RUNS - 1];
    let verdict = if median.as_millis() < goal_ms { "ok" } else { "MISSED" };
    let cpu = cpu.get(cpu.len() / 2).map_or(String::new(), |c| format!("  cpu {}", ms(*c)));
    println!("{what:<58} median {}  max {}{cpu}  ({RUNS} runs, goal < {goal_ms} ms: {verdict})", ms(median), ms(max));
}

/// "  123.4 ms", in integers (the workspace lints forbid float arithmetic).
fn ms(duration: Duration) -> String {
    let micros = duration.as_micros();
    format!("{:>5}.{} ms", micros / 1000, micros % 1000 / 100)
}

/// CPU time this thread has run, from Linux's schedstat (nanoseconds on a core); None elsewhere.
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(text.split_whitespace().next()?.parse().ok()?))
}
