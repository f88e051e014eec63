//! E-invoice benchmark (release): 1,000 Factur-X PDFs read — the PDF loaded, its `factur-x.xml` found
//! and inflated, the CII parsed and typed — then converted into import rows and planned against an empty
//! ledger, as one folder import would be before its commit. Then the whole import as a user makes it,
//! end to end: the folder read from the disk, previewed, and committed into a ledger file with each PDF
//! stored beside it as its invoice's document (each file written aside, synced, renamed; the ledger
//! backed up first, as every import is), over three runs into fresh ledgers.
//! The PDFs are the fixtures of `tests/data/einvoice/valid/`, each copied with its own invoice number
//! written into its XML so that the 1,000 invoices are all new: first the five Factur-X profiles in turn
//! (small PDFs, standard fonts), then a two-page invoice of 40 lines with its fonts embedded (87 KB as
//! reportlab writes it, about 45 KB once lopdf rewrites the copy; invoicing tools produce such sizes).
//! Run with `cargo bench -p ardoise --bench einvoice`.

// Figures are printed in ms and Mo: float display only, no money.
#![allow(clippy::float_arithmetic)]

use ardoise::desk::import::{read_sources, ImportOptions};
use ardoise::import::einvoice;
use ardoise::import::plan::plan;
use ardoise::import::LedgerSnapshot;
use chrono::NaiveDate;
use lopdf::{Document, Object};
use std::path::Path;
use std::time::{Duration, Instant};

const FILES: usize = 1_000;
const PROFILES: [(&str, &str); 5] = [
    ("facturx-minimum.pdf", "F2026-0101"),
    ("facturx-basic-wl.pdf", "F2026-0102"),
    ("facturx-basic.pdf", "F2026-0103"),
    ("facturx-en16931.pdf", "F2026-0104"),
    ("facturx-extended-avoir.pdf", "A2026-0005"),
];

/// The fixture with `number` in its XML instead of `original`, the embedded stream recompressed.
fn variant(template: &[u8], original: &str, number: &str) -> Vec<u8> {
    let mut document = Document::load_mem(template).expect("fixture PDF");
    for object in document.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if stream.dict.get(b"Type").and_then(Object::as_name).is_ok_and(|name| name == b"EmbeddedFile") {
                let xml = String::from_utf8(stream.decompressed_content().expect("XML")).expect("UTF-8");
                stream.set_plain_content(xml.replace(original, number).into_bytes());
                stream.compress().expect("compress");
            }
        }
    }
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).expect("PDF");
    bytes
}

fn milliseconds(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// 1,000 copies of the templates in turn, each with its own invoice number.
fn folder(templates: &[(Vec<u8>, &str)]) -> Vec<(String, Vec<u8>)> {
    (0..FILES)
        .map(|index| {
            let (template, original) = &templates[index % templates.len()];
            let prefix = if original.starts_with('A') { "A" } else { "F" };
            let number = format!("{prefix}2026-{:05}", 10_000 + index);
            (format!("{number}.pdf"), variant(template, original, &number))
        })
        .collect()
}

/// Reads the folder three ways and prints the times.
fn measure(label: &str, files: &[(String, Vec<u8>)]) {
    let total_bytes: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    println!(
        "{FILES} Factur-X, {label} : {:.1} Mo au total, {:.1} Ko en moyenne",
        total_bytes as f64 / 1024.0 / 1024.0,
        total_bytes as f64 / 1024.0 / FILES as f64
    );
    let start = Instant::now();
    for (name, bytes) in files {
        einvoice::invoice_attachment(name, bytes).expect("attachment");
    }
    let extraction = start.elapsed();
    let start = Instant::now();
    for (name, bytes) in files {
        let invoice = einvoice::read(name, bytes).expect("invoice");
        assert!(invoice.problems.is_empty(), "{name}: {:?}", invoice.problems);
    }
    let reading = start.elapsed();
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let snapshot = LedgerSnapshot {
        default_payment_terms_days: 30,
        profile_siren: "842357196".to_string(),
        ..LedgerSnapshot::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).expect("date");
    let start = Instant::now();
    let batch = einvoice::prepare_files("dossier", &borrowed);
    let prepared = start.elapsed();
    let planned = plan(batch.prepared, &snapshot, today);
    let whole = start.elapsed();
    assert_eq!((planned.new, planned.rejected_rows), (FILES, 0));
    let per_file = |duration: Duration| milliseconds(duration) / FILES as f64;
    println!(
        "  extraction du XML (PDF chargé, factur-x.xml trouvé et décompressé) : {:.0} ms, {:.2} ms par fichier",
        milliseconds(extraction),
        per_file(extraction)
    );
    println!(
        "  lecture complète (extraction + CII lu et typé) : {:.0} ms, {:.2} ms par fichier",
        milliseconds(reading),
        per_file(reading)
    );
    println!(
        "  lecture + conversion en lignes d'import (empreintes SHA-256 comprises) : {:.0} ms",
        milliseconds(prepared)
    );
    println!("  lecture + conversion + plan (l'aperçu de l'import, sans l'écriture) : {:.0} ms", milliseconds(whole));
}

/// The whole import of the folder, three times into a fresh ledger file: the times of reading the files,
/// of the preview and of the commit with its documents.
fn measure_end_to_end(label: &str, files: &[(String, Vec<u8>)]) {
    let mut runs: Vec<[Duration; 4]> = Vec::new();
    for _ in 0..3 {
        let work = tempfile::tempdir().expect("a temporary folder");
        let folder = work.path().join("factures");
        std::fs::create_dir(&folder).expect("the folder");
        for (name, bytes) in files {
            std::fs::write(folder.join(name), bytes).expect("a PDF");
        }
        let mut ledger =
            ardoise::desk::ledger_file::open(&work.path().join("registre/ardoise.sqlite3")).expect("ledger");
        let profile = ardoise::domain::model::Profile {
            legal_name: "Camille MARTIN EI".into(),
            siren_siret: "84235719600018".into(),
            ..Default::default()
        };
        ardoise::desk::settings::save_profile(&mut ledger, &profile).expect("profile");
        let today = NaiveDate::from_ymd_opt(2026, 4, 15).expect("date");
        let options = ImportOptions { sheet: None, mapping: None, today, expected_sha256: None };
        let start = Instant::now();
        let sources = read_sources(&[folder]).expect("the folder");
        let read = start.elapsed();
        let preview = sources.preview(&ledger, &options, &mut |_| {}).expect("preview");
        let previewed = start.elapsed();
        assert_eq!((preview.new, preview.rejected_rows), (FILES, 0));
        let (plan, record) = sources.import(&mut ledger, &options, false, &mut |_| {}).expect("import");
        let whole = start.elapsed();
        assert!(record.is_some());
        assert_eq!(plan.files.iter().filter(|file| file.document).count(), FILES);
        // The commit alone: the second call reads and plans again, then writes.
        let commit = whole - previewed - (previewed - read);
        runs.push([read, previewed - read, commit, whole - (previewed - read)]);
    }
    runs.sort_by_key(|run| run[3]);
    let median = runs[1];
    let total: Vec<String> = runs.iter().map(|run| format!("{:.0}", milliseconds(run[3]))).collect();
    println!("{FILES} Factur-X importés de bout en bout, {label} (médiane de 3 registres neufs) :");
    println!("  lecture des fichiers sur le disque : {:.0} ms", milliseconds(median[0]));
    println!("  aperçu (lecture des factures, conversion, plan) : {:.0} ms", milliseconds(median[1]));
    println!(
        "  enregistrement (sauvegarde du registre, {FILES} PDF rangés avec leur facture, écriture en une unité) : {:.0} ms",
        milliseconds(median[2])
    );
    println!(
        "  total, comme « ardoise import DOSSIER » : {:.0} ms, {:.1} ms par facture (les 3 essais : {} ms)",
        milliseconds(median[3]),
        milliseconds(median[3]) / FILES as f64,
        total.join(", ")
    );
}

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/einvoice/valid");
    let template = |file: &str, number: &'static str| (std::fs::read(fixtures.join(file)).expect("fixture"), number);
    let profiles: Vec<(Vec<u8>, &str)> = PROFILES.iter().map(|(file, number)| template(file, number)).collect();
    let five = folder(&profiles);
    measure("les cinq profils MINIMUM à EXTENDED tour à tour", &five);
    measure_end_to_end("les cinq profils", &five);
    let long = folder(&[template("facturx-en16931-40-lignes.pdf", "F2026-0113")]);
    measure("EN 16931 de 40 lignes sur deux pages, polices incorporées", &long);
    measure_end_to_end("EN 16931 de 40 lignes", &long);
}
