//! Benchmark of the dunning proposals and the dashboard on a generated ledger of 10,000 clients and
//! 100,000 invoices in a temporary SQLite file: several runs of each, median and maximum printed.
//! Goals (issue 4): proposals (load + engine) under 300 ms, dashboard figures under 50 ms, in release.
//!
//! Run with `cargo bench -p ardoise --bench dunning`.

use ardoise::ledger::{LedgerExport, EXPORT_FORMAT, SCHEMA_VERSION};
use ardoise::Ledger;
use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const CLIENTS: usize = 10_000;
const INVOICES_PER_CLIENT: usize = 10;
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

fn day(today: NaiveDate, offset: i64) -> NaiveDate {
    if offset >= 0 {
        today + Days::new(offset as u64)
    } else {
        today - Days::new(offset.unsigned_abs())
    }
}

/// 10,000 clients of every segment, 10 invoices each over 18 months, most paid (some late, some in part),
/// with a sprinkling of sent letters, promises, pauses, disputes, rejected cheques and plans. Built as an
/// export and loaded through `Ledger::load` (one unit, every constraint and consistency check applied):
/// recording 70,000 payments one by one through the forms' path would take minutes.
fn generate(ledger: &mut Ledger, today: NaiveDate) -> ardoise::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let segments = ["new", "regular", "chronic_late_payer", "key_account", "micro_business"];
    let mut tables: BTreeMap<String, Vec<BTreeMap<String, Json>>> = BTreeMap::new();
    let mut push = |table: &str, row: Json| {
        let Json::Object(map) = row else { unreachable!() };
        tables.entry(table.to_string()).or_default().push(map.into_iter().collect());
    };
    let (mut invoice_id, mut payment_id, mut event_id, mut letter_id, mut plan_id, mut installment_id) =
        (0, 0, 0, 0, 0, 0);
    for c in 0..CLIENTS {
        let client = c as i64 + 1;
        let consumer = c % 4 == 3;
        push(
            "clients",
            json!({
                "id": client,
                "kind": if consumer { "consumer" } else { "professional" },
                "company_name": if consumer { String::new() } else { format!("Entreprise {c:05}") },
                "last_name": if consumer { format!("Client{c:05}") } else { String::new() },
                "segment": segments[c % segments.len()],
            }),
        );
        let mut invoices = Vec::new();
        for n in 0..INVOICES_PER_CLIENT {
            invoice_id += 1;
            let issue = day(today, -540 + (n as i64) * 53 + rng.random_range(0..20));
            let due = issue + Days::new(30);
            let cents: i64 = rng.random_range(5_000..900_000);
            push(
                "invoices",
                json!({ "id": invoice_id, "number": format!("F{invoice_id:06}"), "client_id": client,
                        "issue_date": issue.to_string(), "due_date": due.to_string(), "amount_cents": cents }),
            );
            invoices.push((invoice_id, due));
            let roll = rng.random_range(0..100);
            let paid_on = day(due, rng.random_range(-10..60));
            if roll < 70 && paid_on < today {
                payment_id += 1;
                let part = if roll < 8 { cents / 2 } else { cents };
                let method = if roll % 3 == 0 { "cheque" } else { "transfer" };
                push(
                    "payments",
                    json!({ "id": payment_id, "client_id": client, "date": paid_on.to_string(),
                            "amount_cents": part, "method": method }),
                );
                push(
                    "payment_allocations",
                    json!({ "payment_id": payment_id, "invoice_id": invoice_id, "amount_cents": part }),
                );
                if roll == 1 && paid_on < day(today, -3) {
                    push(
                        "payment_rejections",
                        json!({ "payment_id": payment_id, "date": (paid_on + Days::new(3)).to_string(), "fees_cents": 1500 }),
                    );
                }
            }
        }
        // Some history: a friendly reminder sent on the second-last invoice for one client in five.
        if c % 5 == 0 {
            let (invoice, due) = invoices[INVOICES_PER_CLIENT - 2];
            let sent = day(due, 8).min(day(today, -1)).to_string();
            letter_id += 1;
            push(
                "letters",
                json!({ "id": letter_id, "client_id": client, "kind": "friendly_reminder", "status": "sent",
                        "drafted_on": sent, "sent_on": sent, "dispatch": "email", "ladder_step": "friendly_reminder" }),
            );
            push("letter_invoices", json!({ "letter_id": letter_id, "invoice_id": invoice }));
        }
        let mut event = |kind: &str, date: NaiveDate, until: Option<NaiveDate>, amount: Option<i64>| {
            event_id += 1;
            push(
                "events",
                json!({ "id": event_id, "client_id": client, "kind": kind, "date": date.to_string(), "text": "appel",
                        "until": until.map(|d| d.to_string()), "amount_cents": amount }),
            );
        };
        match c % 50 {
            7 => event("promise", day(today, -20), Some(day(today, -5)), Some(50_000)),
            17 => event("pause", day(today, -10), Some(day(today, 10)), None),
            27 => event("dispute", day(today, -30), None, None),
            37 => {
                plan_id += 1;
                push(
                    "plans",
                    json!({ "id": plan_id, "client_id": client, "status": "active",
                            "drafted_on": day(today, -60).to_string(), "signed_on": day(today, -55).to_string(),
                            "principal_cents": 20_000 }),
                );
                for (sequence, offset) in [(1, -25), (2, 5)] {
                    installment_id += 1;
                    push(
                        "plan_installments",
                        json!({ "id": installment_id, "plan_id": plan_id, "sequence": sequence,
                                "due_date": day(today, offset).to_string(), "amount_cents": 10_000 }),
                    );
                }
                push("plan_invoices", json!({ "plan_id": plan_id, "invoice_id": invoices[INVOICES_PER_CLIENT - 1].0 }));
            }
            _ => {}
        }
    }
    ledger.load(&LedgerExport { format: EXPORT_FORMAT.into(), schema_version: SCHEMA_VERSION, tables })
}
