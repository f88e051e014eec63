//! The benchmark ledger, shared by the benchmarks that read a whole ledger (`dunning.rs`, `bank.rs`):
//! 10,000 clients of every segment and 100,000 invoices over 18 months, most paid, with letters, promises,
//! pauses, disputes, rejected cheques, plans and an IBAN seen for one client in two. Generated from a
//! fixed seed, so every run measures the same ledger.

use ardoise::ledger::{LedgerExport, EXPORT_FORMAT, SCHEMA_VERSION};
use ardoise::Ledger;
use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

pub const CLIENTS: usize = 10_000;
pub const INVOICES_PER_CLIENT: usize = 10;

/// The number of invoice `id` (1 to 100,000), as the generator writes it.
pub fn invoice_number(id: i64) -> String {
    format!("F{id:06}")
}

/// The name of the client at `index` (0 to 9,999), as the generator writes it: a company for three in
/// four, a consumer's last name otherwise.
pub fn client_name(index: usize) -> String {
    if index % 4 == 3 {
        format!("Client{index:05}")
    } else {
        format!("Entreprise {index:05}")
    }
}

/// The IBAN seen paying for the client at `index`, when there is one (even indexes).
pub fn client_iban(index: usize) -> Option<String> {
    index.is_multiple_of(2).then(|| {
        let bban = format!("30004{:05}{:011}00", index % 100_000, index);
        let digits: String = format!("{bban}FR00")
            .chars()
            .map(|c| if c.is_ascii_digit() { c.to_string() } else { (c as u32 - 'A' as u32 + 10).to_string() })
            .collect();
        let remainder = digits.bytes().fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97);
        format!("FR{:02}{bban}", 98 - remainder)
    })
}

/// Creates the benchmark ledger in `ledger`, which must be empty.
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
pub fn generate(ledger: &mut Ledger, today: NaiveDate) -> ardoise::Result<()> {
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
                "company_name": if consumer { String::new() } else { client_name(c) },
                "last_name": if consumer { client_name(c) } else { String::new() },
                "segment": segments[c % segments.len()],
            }),
        );
        if let Some(iban) = client_iban(c) {
            push(
                "client_ibans",
                json!({ "client_id": client, "iban": iban, "first_seen": day(today, -400).to_string() }),
            );
        }
        let mut invoices = Vec::new();
        for n in 0..INVOICES_PER_CLIENT {
            invoice_id += 1;
            let issue = day(today, -540 + (n as i64) * 53 + rng.random_range(0..20));
            let due = issue + Days::new(30);
            let cents: i64 = rng.random_range(5_000..900_000);
            push(
                "invoices",
                json!({ "id": invoice_id, "number": invoice_number(invoice_id), "client_id": client,
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
