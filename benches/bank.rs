//! Bank statement benchmark (issue 15): a statement of 10,000 lines, as a Crédit Mutuel CSV and as a
//! CAMT.053, read and matched against 100,000 open invoices of 10,000 clients, several runs each, against
//! the goal (under 500 ms in release), with the peak memory of the process.
//!
//! Run with `cargo bench -p ardoise --bench bank`. Each format runs in a child process of this binary so
//! that its peak memory (VmHWM) is its own. The ledger side (clients, open invoices) is generated in the
//! child as the desk would load it, before the clock starts; the statement's bytes are generated too.

// Floats here are seconds and megabytes: no money is computed with them.
#![allow(clippy::float_arithmetic)]

use ardoise::domain::matching::{match_credits, ClientIdentity, Confidence, OpenInstallment, OpenInvoice};
use ardoise::import::bank::{read_statement, CsvOptions};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::process::Command;
use std::time::Instant;

const LINES: usize = 10_000;
const INVOICES: usize = 100_000;
const CLIENTS: usize = 10_000;
const RUNS: usize = 5;
const GOAL_MS: f64 = 500.0;

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    if let Some(position) = arguments.iter().position(|a| a == "--child") {
        child(&arguments[position + 1]);
        return;
    }
    println!(
        "Relevé de {LINES} lignes contre {INVOICES} factures ouvertes de {CLIENTS} clients (objectif < {GOAL_MS} ms)"
    );
    let me = std::env::current_exe().expect("this benchmark's path");
    for format in ["csv", "camt"] {
        let output = Command::new(&me).args(["--child", format]).output().expect("the child runs");
        print!("{}", String::from_utf8_lossy(&output.stdout));
        if !output.status.success() {
            eprint!("{}", String::from_utf8_lossy(&output.stderr));
            std::process::exit(1);
        }
    }
}

/// A small deterministic generator (no dependency on the random crates' streams).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

const WORDS: [&str; 20] = [
    "Garage",
    "Boulangerie",
    "Cabinet",
    "Atelier",
    "Restaurant",
    "Menuiserie",
    "Pharmacie",
    "Librairie",
    "Plomberie",
    "Studio",
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
];

fn ledger() -> (Vec<ClientIdentity>, Vec<OpenInvoice>) {
    let mut random = Sequence(7);
    let clients: Vec<ClientIdentity> = (0..CLIENTS)
        .map(|index| ClientIdentity {
            id: index as i64 + 1,
            name: format!(
                "{} {} {}",
                WORDS[index % 10],
                WORDS[10 + (index / 10) % 10],
                ["SARL", "SAS", "EURL", ""][index % 4]
            ) + &format!(" {}", index / 100),
            siren_siret: Some(format!("{:09}", 300_000_000 + index * 7)),
            ibans: vec![format!("FR76{:023}", index)],
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let invoices = (0..INVOICES)
        .map(|index| {
            let issue = start.checked_add_days(Days::new(random.next() % 600)).unwrap();
            OpenInvoice {
                id: index as i64 + 1,
                number: format!("F{}-{:05}", 2025 + index / 50_000, index % 50_000),
                client_id: (index % CLIENTS) as i64 + 1,
                due: Decimal::new(5_000 + (random.next() % 500_000) as i64, 2),
                due_date: issue.checked_add_days(Days::new(30)).unwrap(),
                issue_date: issue,
            }
        })
        .collect();
    (clients, invoices)
}

/// 10,000 lines: a fifth debits, the credits naming an invoice number, a client's name, an IBAN only, or
/// nothing but an amount.
fn statement(format: &str, clients: &[ClientIdentity], invoices: &[OpenInvoice]) -> Vec<u8> {
    let mut random = Sequence(11);
    let mut csv = String::from("Date;Date de valeur;Débit;Crédit;Libellé;Solde\n");
    let mut camt = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">\
         <BkToCstmrStmt><GrpHdr><MsgId>B</MsgId></GrpHdr><Stmt><Id>1</Id><Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></Acct>\n",
    );
    for line in 0..LINES {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().checked_add_days(Days::new((line / 40) as u64)).unwrap();
        let invoice = &invoices[(random.next() as usize) % invoices.len()];
        let client = &clients[(invoice.client_id - 1) as usize];
        let (label, amount, debit, iban) = match line % 5 {
            0 => (format!("PRLV SEPA FOURNISSEUR {line}"), Decimal::new(1_000 + line as i64, 2), true, None),
            1 => (
                format!("VIR SEPA RECU /DE {} /MOTIF FACTURE {}", client.name.to_uppercase(), invoice.number),
                invoice.due,
                false,
                None,
            ),
            2 => (format!("VIR SEPA RECU /DE {}", client.name.to_uppercase()), invoice.due, false, None),
            3 => ("VIR SEPA RECU".to_string(), invoice.due, false, Some(client.ibans[0].clone())),
            _ => (format!("REMISE CHEQUE N {line}"), invoice.due, false, None),
        };
        let written = amount.to_string().replace('.', ",");
        let date = day.format("%d/%m/%Y");
        let (debit_cell, credit_cell) =
            if debit { (format!("-{written}"), String::new()) } else { (String::new(), written) };
        csv.push_str(&format!("{date};{date};{debit_cell};{credit_cell};{label};0,00\n"));
        let party = iban.map(|iban| format!("<RltdPties><Dbtr><Pty><Nm>X</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct></RltdPties>")).unwrap_or_default();
        camt.push_str(&format!(
            "<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>{}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>{}</Dt></BookgDt>\
             <AcctSvcrRef>R{line}</AcctSvcrRef><NtryDtls><TxDtls>{party}<RmtInf><Ustrd>{label}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n",
            if debit { "DBIT" } else { "CRDT" },
            day.format("%Y-%m-%d")
        ));
    }
    camt.push_str("</Stmt></BkToCstmrStmt></Document>\n");
    if format == "csv" {
        encoding_rs::WINDOWS_1252.encode(&csv).0.into_owned()
    } else {
        camt.into_bytes()
    }
}

fn child(format: &str) {
    let (clients, invoices) = ledger();
    let installments: Vec<OpenInstallment> = Vec::new();
    let bytes = statement(format, &clients, &invoices);
    // The indexes alone (no credit to match): what the matcher builds before the first credit.
    let (started, cpu_started) = (Instant::now(), cpu_ms());
    match_credits(&[], &clients, &invoices, &installments);
    let index = format!(
        "dont index des factures {:.0} ms (processeur {:.0} ms)",
        started.elapsed().as_secs_f64() * 1000.0,
        cpu_ms() - cpu_started
    );
    let mut best = f64::MAX;
    let mut summary = String::new();
    for _ in 0..RUNS {
        let (started, cpu_started) = (Instant::now(), cpu_ms());
        let statement = read_statement("releve", &bytes, CsvOptions::default()).expect("the statement reads");
        let (read, cpu_read) = (started.elapsed().as_secs_f64() * 1000.0, cpu_ms() - cpu_started);
        let credits: Vec<_> = statement.booked_credits().map(|line| line.credit_line()).collect();
        let matched = match_credits(&credits, &clients, &invoices, &installments);
        let (total, cpu_total) = (started.elapsed().as_secs_f64() * 1000.0, cpu_ms() - cpu_started);
        if total < best {
            best = total;
            let count = |confidence| matched.iter().filter(|m| m.confidence == confidence).count();
            summary = format!(
                "lecture {read:.0} ms + rapprochement {:.0} ms (temps processeur {cpu_read:.0} + {:.0} ms) ; {} crédits : \
                 {} sûrs, {} probables, {} sans correspondance",
                total - read,
                cpu_total - cpu_read,
                credits.len(),
                count(Confidence::Sure),
                count(Confidence::Probable),
                count(Confidence::None)
            );
        }
    }
    let verdict = if best < GOAL_MS { "objectif tenu" } else { "OBJECTIF MANQUÉ" };
    println!(
        "{:<5} {} octets : meilleur de {RUNS} essais {best:.0} ms ({verdict}) — {summary} ; {index} ; mémoire de pointe {}",
        format.to_uppercase(),
        bytes.len(),
        peak_mb()
    );
}

/// The processor time this process has used, in ms (user and system, from /proc/self/stat; Linux only):
/// on a machine shared with other builds, wall time alone says more about the neighbours than the code.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| fields.get(index).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 11 and 12 (from 0) after the command name; 100
    // ticks a second.
    (ticks(11) + ticks(12)) * 10.0
}

/// The process's peak resident memory in MB (VmHWM), Linux only.
fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.0} Mo", kb / 1024.0))
        })
        .unwrap_or_else(|| "inconnue".to_string())
}
