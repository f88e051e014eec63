//! Letter benchmark (release): time, peak memory and bytes per letter for one letter, the demo's batch of
//! the day and a batch of 500 letters written as one PDF and as 500 files — from composed letters (template
//! and PDF only), and through the desk from the ledger as `ardoise batch` does — printed beside what
//! LibreOffice needs for the same letters and beside Ardoise's goals. Each case runs in its own process so
//! that its peak memory (VmHWM) is its own. Run with `cargo bench -p ardoise --bench letters`.

// Figures are printed in Ko, Mo, ms and s: float display only, no money.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use ardoise::desk::letters as desk;
use ardoise::desk::{demo, proposals, Ledger};
use ardoise::documents::letters::{self, catalogue, Letter};
use ardoise::documents::print::{self, PrintOptions};
use ardoise::domain::letter_kind::LetterKind;
use chrono::NaiveDate;
use fixtures::{facts_for, Who};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 200;
const BATCH: usize = 500;
/// Processes each batch case is timed in (the median is reported, with min and max).
const BATCH_RUNS: usize = 9;
const CASE_VARIABLE: &str = "ARDOISE_BENCH_CASE";

/// The cases, each run in a child process: its name, and what it is in French.
const CASES: [(&str, &str); 6] = [
    ("one", "Un courrier d'une page (modèle + PDF, médiane de 200 rendus)"),
    ("demo", "Lot du jour de la démonstration, un seul PDF (registre → PDF)"),
    ("composed_single", "Lot de 500 courriers, un seul PDF (modèles + PDF)"),
    ("composed_files", "Lot de 500 courriers, 500 fichiers (modèles + PDF)"),
    ("single", "Lot de 500 courriers, un seul PDF (registre → PDF, comme `ardoise batch --single`)"),
    ("files", "Lot de 500 courriers, 500 fichiers (registre → PDF, comme `ardoise batch`)"),
];

/// What one case measured.
#[derive(Debug, Default)]
struct Figures {
    seconds: f64,
    peak_kib: u64,
    bytes: u64,
    letters: u64,
}

fn main() {
    if let Ok(case) = std::env::var(CASE_VARIABLE) {
        let figures = run(&case);
        println!("{} {} {} {}", figures.seconds, peak_kib(), figures.bytes, figures.letters);
        return;
    }
    let executable = std::env::current_exe().expect("the benchmark's own path");
    println!("Courriers : temps, mémoire de pointe (VmHWM du processus) et octets par courrier.");
    println!("charge de la machine au départ (/proc/loadavg) : {}", load());
    for (case, title) in CASES {
        // A batch is timed once a process, in BATCH_RUNS processes; one letter is already a median.
        let runs = if case == "one" { 1 } else { BATCH_RUNS };
        let mut all: Vec<Figures> = (0..runs)
            .map(|_| {
                let output = Command::new(&executable).env(CASE_VARIABLE, case).output().expect("the case runs");
                assert!(output.status.success(), "{case}: {}", String::from_utf8_lossy(&output.stderr));
                let stdout = String::from_utf8(output.stdout).unwrap();
                let fields: Vec<&str> = stdout.split_whitespace().collect();
                Figures {
                    seconds: fields[0].parse().unwrap(),
                    peak_kib: fields[1].parse().unwrap(),
                    bytes: fields[2].parse().unwrap(),
                    letters: fields[3].parse().unwrap(),
                }
            })
            .collect();
        all.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        report(case, title, &all[all.len() / 2]);
        if all.len() > 1 {
            println!(
                "  médiane de {} essais (un processus chacun) ; min {}, max {}",
                all.len(),
                duration(all[0].seconds),
                duration(all[all.len() - 1].seconds)
            );
        }
    }
    println!("charge de la machine à la fin (/proc/loadavg) : {}", load());
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(|_| "?".into(), |text| text.trim().to_string())
}

fn duration(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.2} ms", seconds * 1000.0)
    } else {
        format!("{seconds:.2} s")
    }
}

fn report(case: &str, title: &str, figures: &Figures) {
    let per_letter = figures.bytes as f64 / figures.letters.max(1) as f64 / 1024.0;
    let time = duration(figures.seconds);
    println!("{title} :");
    println!(
        "  {} courrier(s), {time}, pointe {:.0} Mo, {:.1} Ko par courrier ({} octets en tout)",
        figures.letters,
        figures.peak_kib as f64 / 1024.0,
        per_letter,
        figures.bytes
    );
    let seconds = figures.seconds;
    let peak_mib = figures.peak_kib as f64 / 1024.0;
    let (reference, goals) = match case {
        "one" => {
            ("LibreOffice : 0,9 s", vec![("moins de 10 Ko", per_letter < 10.0), ("moins de 15 ms", seconds < 0.015)])
        }
        "demo" => ("LibreOffice : non mesuré", vec![("moins de 10 Ko par courrier", per_letter < 10.0)]),
        "single" => (
            "LibreOffice : 15,5 à 17,5 s, 257 Mo, 5,4 Ko par courrier",
            vec![
                ("moins de 150 Mo", peak_mib < 150.0),
                ("moins de 10 Ko par courrier", per_letter < 10.0),
                ("moins de 0,8 s (issue 19)", seconds < 0.8),
            ],
        ),
        "composed_single" => (
            "LibreOffice : 15,5 à 17,5 s, 257 Mo, 5,4 Ko par courrier",
            vec![
                ("moins de 150 Mo", peak_mib < 150.0),
                ("moins de 10 Ko par courrier", per_letter < 10.0),
                ("moins de 10 s", seconds < 10.0),
            ],
        ),
        _ => (
            "LibreOffice : 15,5 à 17,5 s, 257 Mo",
            vec![("moins de 150 Mo", peak_mib < 150.0), ("moins de 10 Ko par courrier", per_letter < 10.0)],
        ),
    };
    let goals: Vec<String> =
        goals.iter().map(|(goal, met)| format!("{goal} ({})", if *met { "atteint" } else { "NON atteint" })).collect();
    println!("  {reference} ; objectifs : {}", goals.join(", "));
}

fn run(case: &str) -> Figures {
    match case {
        "one" => one_letter(),
        "demo" => demo_batch(),
        "composed_single" => composed_batch(true),
        "composed_files" => composed_batch(false),
        "single" => ledger_batch(true),
        "files" => ledger_batch(false),
        other => panic!("unknown case {other}"),
    }
}

fn compose(kind: LetterKind, who: Who) -> Letter {
    let template = catalogue::embedded(kind.id()).expect("template");
    letters::compose(facts_for(kind, who, ""), template.name, template.source, None).expect("letter")
}

fn one_letter() -> Figures {
    let options = PrintOptions::default();
    let first = print::letter_pdf(&compose(LetterKind::FriendlyReminder, Who::Professional), &options).unwrap();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let letter = compose(LetterKind::FriendlyReminder, Who::Professional);
            let bytes = print::letter_pdf(&letter, &options).unwrap();
            let elapsed = start.elapsed();
            assert_eq!(bytes.len(), first.len());
            elapsed
        })
        .collect();
    times.sort();
    Figures { seconds: times[RUNS / 2].as_secs_f64(), bytes: first.len() as u64, letters: 1, ..Default::default() }
}

/// 500 letters composed from the test facts (four kinds, a third to consumers), printed as one PDF or
/// written one file each.
fn composed_batch(single: bool) -> Figures {
    let kinds =
        [LetterKind::FriendlyReminder, LetterKind::FirmReminder, LetterKind::FormalNotice, LetterKind::PlanProposal];
    let options = PrintOptions::default();
    let start = Instant::now();
    let letters: Vec<Letter> = (0..BATCH)
        .map(|index| {
            compose(kinds[index % kinds.len()], if index % 3 == 0 { Who::Consumer } else { Who::Professional })
        })
        .collect();
    let bytes = if single {
        print::letters_pdf(&letters, &options).unwrap().len() as u64
    } else {
        let folder = tempfile::tempdir().unwrap();
        let mut total = 0;
        for (index, letter) in letters.iter().enumerate() {
            let bytes = print::letter_pdf(letter, &options).unwrap();
            std::fs::write(folder.path().join(format!("{index}.pdf")), &bytes).unwrap();
            total += bytes.len() as u64;
        }
        total
    };
    Figures { seconds: start.elapsed().as_secs_f64(), bytes, letters: BATCH as u64, ..Default::default() }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The demo ledger as a user has it before printing: the 2026-S2 rates entered (the shipped table leaves
/// them blank) and what the déclaration de créance states confirmed; a letter lacking either is refused.
fn demo_ledger(folder: &Path) -> Ledger {
    let mut ledger = Ledger::open(&folder.join("ledger.sqlite3")).unwrap();
    demo::populate(&mut ledger, today()).unwrap();
    let rates = ardoise::desk::penalties::RateRowText {
        semester: "2026-S2".into(),
        ecb_rate: "2,15".into(),
        legal_rate_other: "2,62".into(),
        ..Default::default()
    };
    ardoise::desk::penalties::save_semester_rates(&mut ledger, &rates).unwrap();
    for client in ardoise::desk::clients::client_list(&ledger, today()).unwrap() {
        if ledger.client(client.id).unwrap().fields.status == ardoise::domain::model::ClientStatus::CollectiveProcedure
        {
            ardoise::desk::procedure::confirm_claim_statement(&mut ledger, client.id, "", "", today()).unwrap();
        }
    }
    ledger
}

fn printable_client(ledger: &Ledger, client_id: i64) -> bool {
    let client = ledger.client(client_id).unwrap();
    client.fields.address.problems(&client.fields.display_name()).is_empty()
}

/// The demo's proposals of the day accepted (those whose address can be printed), exported as one PDF.
fn demo_batch() -> Figures {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    for proposal in proposals::proposals(&ledger, today()).unwrap() {
        if printable_client(&ledger, proposal.client_id) {
            proposals::decide_proposal(&mut ledger, proposal.client_id, today(), proposals::ProposalAction::Accept)
                .unwrap();
        }
    }
    export(&mut ledger, folder.path(), true)
}

/// 500 letters drafted to the demo's late clients (four kinds in turn), exported as one PDF or 500 files.
fn ledger_batch(single: bool) -> Figures {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let clients: Vec<i64> = ardoise::desk::clients::client_list(&ledger, today())
        .unwrap()
        .into_iter()
        .filter(|client| client.overdue > rust_decimal::Decimal::ZERO && printable_client(&ledger, client.id))
        .map(|client| client.id)
        .collect();
    let kinds =
        [LetterKind::FriendlyReminder, LetterKind::FirmReminder, LetterKind::FormalNotice, LetterKind::LastReminder];
    // A letter is about at least one invoice: a client whose late invoices are all disputed has none
    // preselected, and is passed over (the batch failed on it since letters name their invoices).
    let mut drafted = 0;
    for index in 0..BATCH * 4 {
        if drafted == BATCH {
            break;
        }
        let client = clients[index % clients.len()];
        let kind = kinds[index % kinds.len()];
        let picked = fixtures::preselected(&ledger, client, kind, today());
        if picked.is_empty() {
            continue;
        }
        desk::draft_for_client(&mut ledger, client, kind, today(), &picked).unwrap();
        drafted += 1;
    }
    assert_eq!(drafted, BATCH, "the demo's late clients should give {BATCH} letters");
    export(&mut ledger, folder.path(), single)
}

fn export(ledger: &mut Ledger, folder: &Path, single: bool) -> Figures {
    let out = folder.join("lot");
    let start = Instant::now();
    let mut letters = 0;
    let files = desk::export_batch(ledger, today(), &out, single, false, |_, total| letters = total).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let bytes = files.iter().map(|file| std::fs::metadata(file).unwrap().len()).sum();
    Figures { seconds, bytes, letters: letters as u64, ..Default::default() }
}

/// The process's peak resident memory in KiB (Linux), 0 elsewhere.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}
