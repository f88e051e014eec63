//! The `bank` command: import a bank statement (read, match every credit to its invoices, record the
//! matches `--accept` takes), list the statements imported, undo the last one — the same core calls as
//! the window's « Banque » page.

use super::output::{self, truncate};
use ardoise::desk::bank::{self, Accept, BankReport, BankRequest, LineDecision};
use ardoise::desk::format::{format_eur_ascii, format_recorded, format_short};
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use rust_decimal::Decimal;
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum BankCommand {
    /// Lit un relevé bancaire (CSV, OFX, CFONB 120, CAMT.053) et rapproche chaque crédit de ses factures ;
    /// rien n'est enregistré sans --accept.
    Import {
        /// Le relevé à importer.
        file: PathBuf,
        /// Montre les rapprochements sans rien enregistrer.
        #[arg(long)]
        dry_run: bool,
        /// Enregistre les rapprochements sûrs (sure), ou sûrs et probables (probable) ; none : aucun.
        #[arg(long, value_enum, value_name = "NIVEAU")]
        accept: Option<AcceptLevel>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Liste les relevés importés : fichier, format, période, règlements enregistrés.
    History {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Annule le dernier import de relevé : ses règlements sont effacés.
    Undo {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The `--accept` levels, as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AcceptLevel {
    None,
    Sure,
    Probable,
}

pub fn run(ledger: &mut Ledger, command: BankCommand, today: NaiveDate, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        BankCommand::Import { file, dry_run, accept, json } => import(ledger, &file, dry_run, accept, json, today, out),
        BankCommand::History { json } => history(ledger, json, out),
        BankCommand::Undo { json } => undo(ledger, json, out),
    }
}

fn import(
    ledger: &mut Ledger,
    file: &std::path::Path,
    dry_run: bool,
    accept: Option<AcceptLevel>,
    json: bool,
    today: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (file_name, bytes) = bank::read_file(file)?;
    let request = BankRequest { file_name: &file_name, bytes: &bytes, mapping: None, today, expected_sha256: None };
    let accept = match accept {
        None | Some(AcceptLevel::None) => Accept::None,
        Some(AcceptLevel::Sure) => Accept::Sure,
        Some(AcceptLevel::Probable) => Accept::Probable,
    };
    let report = bank::import_statement(ledger, &request, accept, dry_run)?;
    if json {
        return output::json(out, &report);
    }
    print_report(&report, dry_run || accept == Accept::None, out)
}

fn print_report(report: &BankReport, nothing_asked: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let preview = &report.preview;
    let period = match (preview.first_date, preview.last_date) {
        (Some(first), Some(last)) => format!(" du {} au {}", format_short(first), format_short(last)),
        _ => String::new(),
    };
    let layout = preview.layout.as_ref().map(|layout| format!(", {layout}")).unwrap_or_default();
    writeln!(
        out,
        "Relevé « {} » ({}{layout}){period} : {} ligne(s), {} crédit(s) à rapprocher ({} sûr(s), {} probable(s), {} sans \
         correspondance), {} ligne(s) écartée(s).",
        preview.file_name,
        preview.format_label,
        preview.lines,
        preview.credits.len(),
        preview.sure,
        preview.probable,
        preview.unmatched,
        preview.ignored
    )?;
    let aside = &preview.set_aside;
    if preview.ignored > 0 {
        writeln!(
            out,
            "Écartées : {} débit(s) ({}), {} en attente, {} annulée(s) ou rejetée(s), {} déjà importée(s).",
            aside.debits,
            format_eur_ascii(aside.debit_total),
            aside.pending,
            aside.reversed,
            aside.already_imported
        )?;
    }
    for warning in &preview.warnings {
        writeln!(out, "Attention : {warning}")?;
    }
    for problem in &preview.problems {
        writeln!(out, "Ligne illisible : {}", problem.describe())?;
    }
    for credit in &preview.credits {
        let invoices = if credit.invoices.is_empty() {
            "aucune facture".to_string()
        } else {
            credit
                .invoices
                .iter()
                .map(|invoice| format!("{} ({})", invoice.number, format_eur_ascii(invoice.amount)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mark = match (credit.decision, nothing_asked) {
            (LineDecision::Record, false) => "enregistré",
            (LineDecision::LeaveOut, _) => "laissé de côté",
            _ => "non enregistré",
        };
        writeln!(
            out,
            "Ligne {:>4}  {}  {:>12}  {:<40}  {:<8} {} [{mark}]",
            credit.line,
            format_short(credit.date),
            format_eur_ascii(credit.amount),
            truncate(&credit.label, 40),
            credit.confidence.label(),
            invoices
        )?;
        for reason in &credit.reasons {
            writeln!(out, "            — {reason}")?;
        }
        if let Some(duplicate) = &credit.possible_duplicate {
            writeln!(out, "            — doublon possible : {duplicate}")?;
        }
    }
    match &report.import {
        Some(record) => {
            writeln!(
                out,
                "Relevé n° {} enregistré : {} règlement(s) pour {} crédit(s), {}{} ; {} crédit(s) laissé(s) de côté.",
                record.id,
                report.recorded,
                report.recorded_credits,
                format_eur_ascii(report.recorded_amount),
                if report.recorded_charges > Decimal::ZERO {
                    format!(" (dont {} de frais retenus par la banque)", format_eur_ascii(report.recorded_charges))
                } else {
                    String::new()
                },
                report.left_out
            )?;
            let later = preview.credits.iter().filter(|credit| credit.decision == LineDecision::Later).count();
            if later > 0 {
                writeln!(
                    out,
                    "{later} crédit(s) restent à traiter : ils seront proposés de nouveau au prochain import de ce \
                     relevé (ou dans la fenêtre, page « Banque »)."
                )?;
            }
        }
        None if nothing_asked => writeln!(
            out,
            "Rien n'a été enregistré. Pour enregistrer : --accept sure (rapprochements sûrs) ou --accept probable \
             (sûrs et probables)."
        )?,
        None => writeln!(out, "Aucun crédit à enregistrer à ce niveau : rien n'a été enregistré.")?,
    }
    for letter in &report.letters_to_check {
        writeln!(out, "Courrier n° {} à revoir : {}", letter.letter_id, letter.message)?;
    }
    Ok(())
}

fn history(ledger: &Ledger, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let imports = bank::history(ledger)?;
    if json {
        return output::json(out, &imports);
    }
    if imports.is_empty() {
        writeln!(out, "Aucun relevé importé.")?;
    }
    for record in imports {
        let period = match (record.first_date, record.last_date) {
            (Some(first), Some(last)) => format!("du {} au {}", format_short(first), format_short(last)),
            _ => "sans date".to_string(),
        };
        writeln!(
            out,
            "n° {}  {}  {} ({})  {period}  {} règlement(s), {}, {} laissé(s) de côté, {} écartée(s){}",
            record.id,
            format_recorded(&record.imported_at),
            record.file_name,
            record.format_label,
            record.payments,
            format_eur_ascii(record.amount),
            record.left_out,
            record.set_aside,
            record.undone_at.as_ref().map(|at| format!("  (annulé le {})", format_recorded(at))).unwrap_or_default()
        )?;
    }
    Ok(())
}

fn undo(ledger: &mut Ledger, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let record = bank::undo_last(ledger)?;
    if json {
        return output::json(out, &record);
    }
    writeln!(
        out,
        "Relevé n° {} (« {} ») annulé : ses {} règlement(s) sont effacés, le registre est revenu à son état d'avant.",
        record.id, record.file_name, record.payments
    )?;
    Ok(())
}
