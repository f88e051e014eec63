//! The `receipts`, `statement` and `accountant` commands: the books kept every month (F13) — the livre
//! des recettes of a period, a client's statement of account, the accountant's export.

use crate::output::{json, truncate};
use ardoise::desk::books::{self, AccountantFormat, BookFormat, BookTotals};
use ardoise::desk::format::{format_eur_ascii, format_short};
use ardoise::desk::letters::ExportTarget;
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// Where `ardoise receipts` writes the book: one file of one format, JSON, or a table on the terminal.
pub enum ReceiptsOutput {
    File(BookFormat, PathBuf),
    Json,
    Text,
}

/// The livre des recettes of `from..=to`.
pub fn receipts(
    ledger: &Ledger,
    from: NaiveDate,
    to: NaiveDate,
    output: ReceiptsOutput,
    today: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let period = books::period(from, to)?;
    match output {
        ReceiptsOutput::File(format, file) => {
            let book = books::export_receipts(ledger, period, format, &file, today)?;
            writeln!(
                out,
                "Livre des recettes, {} : {} ligne(s), {} encaissés, écrit dans « {} ».",
                book.label,
                book.lines.len(),
                format_eur_ascii(book.totals.amount),
                file.display()
            )?;
        }
        ReceiptsOutput::Json => json(out, &books::receipts(ledger, period)?)?,
        ReceiptsOutput::Text => {
            let book = books::receipts(ledger, period)?;
            writeln!(
                out,
                "Livre des recettes, {} (du {} au {})",
                book.label,
                format_short(book.period.from),
                format_short(book.period.to)
            )?;
            writeln!(
                out,
                "{:<10} {:<20} {:<26} {:<12} {:<14} {:>13}  remarque",
                "date", "factures", "client", "nature", "mode", "montant"
            )?;
            for line in &book.lines {
                writeln!(
                    out,
                    "{:<10} {:<20} {:<26} {:<12} {:<14} {:>13}  {}",
                    format_short(line.date),
                    truncate(&line.invoices.join(", "), 20),
                    truncate(&line.client, 26),
                    line.nature_label,
                    line.method_label,
                    format_eur_ascii(line.amount),
                    line.note
                )?;
            }
            if book.lines.is_empty() {
                writeln!(out, "Aucune recette sur cette période.")?;
            }
            for month in &book.months {
                print_totals(out, &format!("Total {}", month.label), &month.totals)?;
            }
            print_totals(out, "Total de la période", &book.totals)?;
        }
    }
    Ok(())
}

fn print_totals(out: &mut impl Write, label: &str, totals: &BookTotals) -> anyhow::Result<()> {
    writeln!(
        out,
        "{label} : {} ({} ; marchandises {}, services {})",
        format_eur_ascii(totals.amount),
        totals.means_split(format_eur_ascii),
        format_eur_ascii(totals.goods),
        format_eur_ascii(totals.services)
    )?;
    Ok(())
}

/// A client's statement of account on `date`: its letter's PDF (`file`), JSON, or a table.
pub fn statement(
    ledger: &Ledger,
    client: i64,
    date: NaiveDate,
    file: Option<PathBuf>,
    as_json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if let Some(file) = file {
        let (letter, path) = books::export_statement(ledger, client, date, &ExportTarget::File(file))?;
        for problem in &letter.problems {
            eprintln!("ardoise : attention, {problem}");
        }
        writeln!(
            out,
            "Relevé de compte de {} au {} écrit dans « {} ».",
            letter.facts.client.name,
            format_short(date),
            path.display()
        )?;
        return Ok(());
    }
    let statement = books::statement(ledger, client, date)?;
    if as_json {
        return json(out, &statement);
    }
    writeln!(out, "Relevé de compte de {} au {}", statement.name, format_short(date))?;
    writeln!(out, "{:<10} {:<56} {:>13} {:>13} {:>13}", "date", "opération", "débit", "crédit", "solde")?;
    let amount = |value: rust_decimal::Decimal| if value.is_zero() { String::new() } else { format_eur_ascii(value) };
    for entry in &statement.statement.entries {
        writeln!(
            out,
            "{:<10} {:<56} {:>13} {:>13} {:>13}",
            format_short(entry.date),
            truncate(&entry.label, 56),
            amount(entry.debit),
            amount(entry.credit),
            format_eur_ascii(entry.balance)
        )?;
        if !entry.note.is_empty() {
            writeln!(out, "{:<10}   motif : {}", "", entry.note)?;
        }
        for settled in &entry.settled {
            writeln!(out, "{:<10}   affecté à {} : {}", "", settled.invoice, format_eur_ascii(settled.amount))?;
        }
    }
    writeln!(out, "Solde au {} : {}", format_short(date), format_eur_ascii(statement.statement.balance))?;
    Ok(())
}

/// The accountant's export of `from..=to`: a workbook, a ZIP of CSV files, or JSON.
pub fn accountant(
    ledger: &Ledger,
    from: NaiveDate,
    to: NaiveDate,
    file: Option<(AccountantFormat, PathBuf)>,
    today: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let period = books::period(from, to)?;
    let Some((format, file)) = file else {
        return json(out, &books::accountant(ledger, period)?);
    };
    let export = books::export_accountant(ledger, period, format, &file, today)?;
    writeln!(
        out,
        "Export comptable, {} : {} facture(s), {} règlement(s), {} affectation(s), {} abandon(s), {} courrier(s) \
         réclamant des pénalités, écrit dans « {} ».",
        export.label,
        export.invoices.len(),
        export.payments.len(),
        export.allocations.len(),
        export.write_offs.len(),
        export.penalties.len(),
        file.display()
    )?;
    Ok(())
}
