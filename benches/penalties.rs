//! Measures the penalty computation at the scale the dunning engine needs: 10,000 clients and 100,000
//! invoices, as of 22 November 2026 (so the 2026-S2 half-year without rates is crossed). Prints, over
//! several runs, the time of `penalties::compute` alone (inputs in memory) and of loading the inputs
//! from a generated ledger file (`Ledger::penalty_inputs`) then computing. Goal: well under 300 ms.
//!
//! Run with `cargo bench -p ardoise --bench penalties`.

use ardoise::domain::ladder::DEFAULT_RESIDUAL_TOLERANCE;
use ardoise::domain::model::ClientKind;
use ardoise::domain::penalties::{compute, PenaltyClient};
use ardoise::domain::rates::RateTable;
use ardoise::ledger::{LedgerExport, EXPORT_FORMAT, SCHEMA_VERSION};
use ardoise::Ledger;
use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::time::{Duration, Instant};

const CLIENTS: usize = 10_000;
const INVOICES_PER_CLIENT: usize = 10;
const RUNS: usize = 7;

fn main() {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let rates = RateTable::default_fr();

    let clients = generated_inputs(as_of);
    let invoices: usize = clients.iter().map(|c| c.invoices.len()).sum();
    let compute_times = measure(|| {
        let mut interest = Decimal::ZERO;
        for client in &clients {
            interest += compute(&client.input(as_of, DEFAULT_RESIDUAL_TOLERANCE), &rates).interest;
        }
        std::hint::black_box(interest);
    });
    report(&format!("compute, {CLIENTS} clients, {invoices} late invoices in memory"), &compute_times);

    let folder = std::env::temp_dir().join(format!("ardoise-bench-penalties-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let started = Instant::now();
    let ledger = generated_ledger(&folder.join("ledger.sqlite3"), as_of);
    println!("(ledger of {} invoices generated in {} s)", CLIENTS * INVOICES_PER_CLIENT, started.elapsed().as_secs());
    let mut late = 0;
    let load_times = measure(|| {
        let rates = ledger.rates().unwrap();
        let inputs = ledger.penalty_inputs(as_of, None).unwrap();
        late = inputs.iter().map(|c| c.invoices.len()).sum();
        let total: Decimal =
            inputs.iter().map(|client| compute(&client.input(as_of, DEFAULT_RESIDUAL_TOLERANCE), &rates).total).sum();
        std::hint::black_box(total);
    });
    report(&format!("load from the ledger + compute, {CLIENTS} clients, {late} late invoices"), &load_times);
    let one = ledger.clients().unwrap()[CLIENTS / 2].id;
    let single = measure(|| {
        std::hint::black_box(ardoise::desk::penalties::penalties(&ledger, one, as_of).unwrap());
    });
    report("ardoise::desk::penalties::penalties, one client of that ledger", &single);
    drop(ledger);
    let _ = std::fs::remove_dir_all(&folder);
}

/// Runs `work` once to warm up, then `RUNS` times, and returns the times.
fn measure(mut work: impl FnMut()) -> Vec<Duration> {
    work();
    (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .collect()
}

fn report(what: &str, times: &[Duration]) {
    let mut sorted = times.to_vec();
    sorted.sort();
    // Milliseconds with one decimal, in integers (the workspace lints forbid float arithmetic).
    let ms = |d: Duration| format!("{}.{}", d.as_micros() / 1000, d.as_micros() % 1000 / 100);
    println!(
        "{what}: min {} ms, median {} ms, max {} ms ({} runs)",
        ms(sorted[0]),
        ms(sorted[sorted.len() / 2]),
        ms(sorted[sorted.len() - 1]),
        sorted.len()
    );
}

/// Ten late invoices per client, due over the last two years, a third of them partly paid, one client in
/// ten a consumer, one in ten with a contractual rate.
fn generated_inputs(as_of: NaiveDate) -> Vec<PenaltyClient> {
    let mut random = ChaCha8Rng::seed_from_u64(4);
    (0..CLIENTS)
        .map(|client| {
            let invoices = (0..INVOICES_PER_CLIENT)
                .map(|n| {
                    let due = as_of - Days::new(random.random_range(1..730));
                    let amount = Decimal::new(random.random_range(10_000..1_000_000), 2);
                    let receipts = if n % 3 == 0 {
                        vec![(due + Days::new(random.random_range(1..60)), amount / Decimal::TWO)]
                    } else {
                        Vec::new()
                    };
                    ardoise::domain::penalties::PenaltyInvoice {
                        invoice_id: (client * INVOICES_PER_CLIENT + n) as i64,
                        number: format!("F{client}-{n}"),
                        due_date: due,
                        amount,
                        contractual_rate: (client % 10 == 3).then(|| Decimal::new(15, 0)),
                        receipts,
                    }
                })
                .collect();
            PenaltyClient {
                client_id: client as i64,
                kind: if client % 10 == 7 { ClientKind::Consumer } else { ClientKind::Professional },
                invoices,
                formal_notice: None,
                opening_judgment: None,
            }
        })
        .collect()
}

/// The same shape as a ledger file, loaded from a generated export (one unit, like `ardoise load`):
/// writing 100,000 invoices through the forms' API one by one would take minutes.
fn generated_ledger(path: &std::path::Path, as_of: NaiveDate) -> Ledger {
    let mut random = ChaCha8Rng::seed_from_u64(5);
    let (mut clients, mut invoices, mut payments, mut allocations) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let row = |pairs: Vec<(&str, Json)>| pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<Row>();
    for client in 0..CLIENTS {
        let client_id = client as i64 + 1;
        let consumer = client % 10 == 7;
        clients.push(row(vec![
            ("id", client_id.into()),
            ("kind", if consumer { "consumer" } else { "professional" }.into()),
            (if consumer { "last_name" } else { "company_name" }, format!("Client {client}").into()),
        ]));
        for n in 0..INVOICES_PER_CLIENT {
            let invoice_id = (client * INVOICES_PER_CLIENT + n) as i64 + 1;
            let due = as_of - Days::new(random.random_range(1..730));
            let cents: i64 = random.random_range(10_000..1_000_000);
            invoices.push(row(vec![
                ("id", invoice_id.into()),
                ("number", format!("F{client}-{n}").into()),
                ("client_id", client_id.into()),
                ("issue_date", (due - Days::new(30)).to_string().into()),
                ("due_date", due.to_string().into()),
                ("amount_cents", cents.into()),
                ("penalty_rate", if client % 10 == 3 { Json::from("15") } else { Json::Null }),
            ]));
            if n % 3 == 0 {
                let paid_on = (due + Days::new(random.random_range(1..60))).min(as_of);
                let payment_id = payments.len() as i64 + 1;
                payments.push(row(vec![
                    ("id", payment_id.into()),
                    ("client_id", client_id.into()),
                    ("date", paid_on.to_string().into()),
                    ("amount_cents", (cents / 2).into()),
                    ("method", "transfer".into()),
                ]));
                allocations.push(row(vec![
                    ("payment_id", payment_id.into()),
                    ("invoice_id", invoice_id.into()),
                    ("amount_cents", (cents / 2).into()),
                ]));
            }
        }
    }
    let tables =
        [("clients", clients), ("invoices", invoices), ("payments", payments), ("payment_allocations", allocations)]
            .into_iter()
            .map(|(name, rows)| (name.to_string(), rows))
            .collect();
    let export = LedgerExport { format: EXPORT_FORMAT.into(), schema_version: SCHEMA_VERSION, tables };
    let mut ledger = Ledger::open(path).unwrap();
    ledger.load(&export).unwrap();
    ledger
}

type Row = std::collections::BTreeMap<String, Json>;
