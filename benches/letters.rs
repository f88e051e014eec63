//! Letter benchmark (release): one one-page letter rendered (template + PDF), its file size and the
//! median time of many runs; then a batch of 500 letters into one PDF. Goals: under 60 KB and 15 ms for
//! the letter, under 10 s for the batch. Run with `cargo bench --bench letters`.

// Figures are printed in Ko, ms and s: float display only, no money.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use ardoise::documents::letters::{self, catalogue, Letter};
use ardoise::documents::print::{self, PrintOptions};
use ardoise::domain::letter_kind::LetterKind;
use fixtures::{facts_for, Who};
use std::time::{Duration, Instant};

const RUNS: usize = 200;
const BATCH: usize = 500;

fn compose(kind: LetterKind, who: Who) -> Letter {
    let template = catalogue::embedded(kind.id()).expect("template");
    letters::compose(facts_for(kind, who, ""), template.name, template.source, None).expect("letter")
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let options = PrintOptions::default();
    let one = print::letter_pdf(&compose(LetterKind::FriendlyReminder, Who::Professional), &options).unwrap();
    let pages = String::from_utf8_lossy(&one).matches("/Type /Page\n").count()
        + String::from_utf8_lossy(&one).matches("/Type/Page/").count();
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let letter = compose(LetterKind::FriendlyReminder, Who::Professional);
        let bytes = print::letter_pdf(&letter, &options).unwrap();
        times.push(start.elapsed());
        assert_eq!(bytes.len(), one.len());
    }
    let letter_median = median(times);
    println!("Un courrier d'une page (rappel amical, rendu du modèle + PDF) :");
    println!(
        "  taille : {:.1} Ko ({} octets){}",
        one.len() as f64 / 1024.0,
        one.len(),
        if pages > 0 { format!(", {pages} page(s) repérée(s)") } else { String::new() }
    );
    println!("  temps médian sur {RUNS} rendus : {:.2} ms", letter_median.as_secs_f64() * 1000.0);

    let kinds =
        [LetterKind::FriendlyReminder, LetterKind::FirmReminder, LetterKind::FormalNotice, LetterKind::PlanProposal];
    let start = Instant::now();
    let batch: Vec<Letter> = (0..BATCH)
        .map(|index| {
            compose(kinds[index % kinds.len()], if index % 3 == 0 { Who::Consumer } else { Who::Professional })
        })
        .collect();
    let bytes = print::letters_pdf(&batch, &options).unwrap();
    let batch_time = start.elapsed();
    println!("Lot de {BATCH} courriers dans un seul PDF (rendu des modèles + PDF) :");
    println!("  taille : {:.1} Mo, temps : {:.2} s", bytes.len() as f64 / 1_048_576.0, batch_time.as_secs_f64());
    println!(
        "Objectifs : < 60 Ko et < 15 ms par courrier ({}), lot < 10 s ({}).",
        if one.len() < 60 * 1024 && letter_median < Duration::from_millis(15) { "atteints" } else { "NON atteints" },
        if batch_time < Duration::from_secs(10) { "atteint" } else { "NON atteint" }
    );
}
