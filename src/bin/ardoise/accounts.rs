//! The `clients`, `invoices`, `summary` and `penalties` commands: who owes what, how late, on a date; and
//! `write-off`, an invoice given up or owed again.

use crate::output::{json, truncate};
use ardoise::desk::format::{format_eur_ascii, format_short, percent};
use ardoise::desk::penalties::{ClientPenalties, InvoicePenalty};
use ardoise::desk::{clients, dashboard, invoices, penalties, Ledger};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

pub fn clients(ledger: &Ledger, date: NaiveDate, as_json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let clients = clients::client_list(ledger, date)?;
    if as_json {
        return json(out, &clients);
    }
    writeln!(out, "{:>4}  {:<34} {:>14} {:>14} {:>7}", "n°", "client", "solde", "en retard", "jours")?;
    for client in clients {
        writeln!(
            out,
            "{:>4}  {:<34} {:>14} {:>14} {:>7}",
            client.id,
            truncate(&client.name, 34),
            format_eur_ascii(client.balance),
            format_eur_ascii(client.overdue),
            client.max_days_late
        )?;
    }
    Ok(())
}

pub fn invoices(
    ledger: &Ledger,
    client: Option<i64>,
    date: NaiveDate,
    as_json: bool,
    csv: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if let Some(file) = csv {
        let count = invoices::invoice_list(ledger, client, date)?.len();
        invoices::export_invoice_list_csv(ledger, client, date, file)?;
        writeln!(out, "{count} facture(s) écrite(s) dans « {} ».", file.display())?;
        return Ok(());
    }
    let invoices = invoices::invoice_list(ledger, client, date)?;
    if as_json {
        return json(out, &invoices);
    }
    writeln!(
        out,
        "{:<11} {:<26} {:>10} {:>12} {:>12} {:>6}  statut",
        "facture", "client", "échéance", "montant", "reste dû", "retard"
    )?;
    for line in invoices {
        let invoice = &line.row.invoice;
        let corrects = invoice.corrects.as_ref().map(|number| format!(", corrige la facture {number}"));
        let document = invoice.document.as_ref().map(|name| format!(", document « {name} »"));
        writeln!(
            out,
            "{:<11} {:<26} {:>10} {:>12} {:>12} {:>6}  {}{}{}",
            invoice.number,
            truncate(&line.client_name, 26),
            format_short(invoice.due_date),
            format_eur_ascii(invoice.amount),
            format_eur_ascii(line.remaining),
            line.days_late,
            line.status_label,
            corrects.unwrap_or_default(),
            document.unwrap_or_default()
        )?;
    }
    Ok(())
}

/// Writes an invoice off on `date`, or cancels its write-off; says what was given up, or what is owed again.
pub fn write_off(
    ledger: &mut Ledger,
    invoice: &str,
    date: NaiveDate,
    cancel: bool,
    as_json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (invoice_id, number) = invoices::find_invoice(ledger, invoice)?;
    if cancel {
        invoices::cancel_write_off(ledger, invoice_id)?;
    } else {
        invoices::write_off(ledger, invoice_id, date)?;
    }
    let line = invoices::invoice_list(ledger, None, date)?
        .into_iter()
        .find(|line| line.row.invoice.id == invoice_id)
        .ok_or_else(|| anyhow::anyhow!("la facture {number} est introuvable après l'abandon."))?;
    if as_json {
        return json(out, &line);
    }
    if cancel {
        writeln!(out, "Abandon de la facture {number} annulé : {} restent dus.", format_eur_ascii(line.remaining))?;
    } else {
        writeln!(
            out,
            "Facture {number} passée en perte le {} : {} abandonnés (montant {}, déjà réglé ou couvert par des avoirs {}).",
            format_short(date),
            format_eur_ascii(line.row.invoice.amount - line.settled),
            format_eur_ascii(line.row.invoice.amount),
            format_eur_ascii(line.settled)
        )?;
    }
    Ok(())
}

/// Gives an invoice its document (`file`), takes it away (`remove`), or shows it.
pub fn invoice_document(
    ledger: &mut Ledger,
    invoice: &str,
    file: Option<&Path>,
    remove: bool,
    as_json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (invoice_id, number) = invoices::find_invoice(ledger, invoice)?;
    if remove {
        let removed = invoices::remove_document(ledger, invoice_id)?;
        if as_json {
            return json(out, &removed);
        }
        match removed {
            Some(document) => writeln!(out, "Document « {} » retiré de la facture {number}.", document.file_name)?,
            None => writeln!(out, "La facture {number} n'avait pas de document.")?,
        }
        return Ok(());
    }
    if let Some(file) = file {
        let (name, bytes) = invoices::read_document_file(file)?;
        let document = invoices::attach_document(ledger, invoice_id, &name, &bytes)?;
        if as_json {
            return json(out, &document);
        }
        writeln!(
            out,
            "« {} » est le document de la facture {number} (SHA-256 {}) : les courriers qui la citent le joignent.",
            document.file_name, document.sha256
        )?;
        return Ok(());
    }
    let state = invoices::documents(ledger, None)?.into_iter().find(|state| state.document.invoice_id == invoice_id);
    if as_json {
        return json(out, &state);
    }
    match state {
        None => writeln!(out, "La facture {number} n'a pas de document (joignez-en un avec --file).")?,
        Some(state) => writeln!(
            out,
            "Facture {number} : « {} », SHA-256 {}, {}.",
            state.document.file_name,
            state.document.sha256,
            match state.integrity {
                ardoise::desk::invoices::Integrity::Intact => "intact",
                ardoise::desk::invoices::Integrity::Changed => "MODIFIÉ depuis qu'il a été joint",
                ardoise::desk::invoices::Integrity::Missing => "INTROUVABLE dans l'archive",
            }
        )?,
    }
    Ok(())
}

pub fn summary(ledger: &Ledger, date: NaiveDate, as_json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let dashboard = dashboard::dashboard(ledger, date)?;
    if as_json {
        return json(out, &dashboard);
    }
    writeln!(out, "Au {}", format_short(dashboard.as_of))?;
    writeln!(out, "Clients : {}", dashboard.clients)?;
    writeln!(out, "Factures ouvertes : {}", dashboard.invoices_open)?;
    writeln!(out, "Encours total : {}", format_eur_ascii(dashboard.total_owed))?;
    writeln!(out, "Dont en retard : {}", format_eur_ascii(dashboard.total_overdue))?;
    writeln!(out, "Clients en retard : {}", dashboard.late_clients)?;
    match dashboard.dso_days {
        Some(days) => writeln!(out, "DSO : {days} jours")?,
        None => writeln!(out, "DSO : sans objet (rien facturé sur 12 mois)")?,
    }
    writeln!(out, "Balance âgée :")?;
    for bucket in &dashboard.aging {
        writeln!(
            out,
            "  {:<18} {:>14}  ({} factures)",
            bucket.label,
            format_eur_ascii(bucket.amount),
            bucket.invoices
        )?;
    }
    Ok(())
}

pub fn penalties(
    ledger: &Ledger,
    client: i64,
    date: NaiveDate,
    as_json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let penalties = penalties::penalties(ledger, client, date)?;
    if as_json {
        return json(out, &penalties);
    }
    print_penalties(out, &penalties)
}

/// One line per period of `invoices`, under a header.
fn print_periods(out: &mut impl Write, invoices: &[InvoicePenalty]) -> anyhow::Result<()> {
    writeln!(
        out,
        "{:<11} {:>10} {:>10} {:>10} {:>5} {:>9} {:>12} {:>10}",
        "facture", "échéance", "du", "au", "jours", "taux", "base", "intérêts"
    )?;
    for invoice in invoices {
        if invoice.periods.is_empty() {
            writeln!(out, "{:<11} {:>10}  (aucun intérêt)", invoice.number, format_short(invoice.due_date))?;
        }
        for period in &invoice.periods {
            writeln!(
                out,
                "{:<11} {:>10} {:>10} {:>10} {:>5} {:>9} {:>12} {:>10}",
                invoice.number,
                format_short(invoice.due_date),
                format_short(period.from),
                format_short(period.to),
                period.days,
                period.rate.map_or_else(|| "manquant".to_string(), percent),
                format_eur_ascii(period.base),
                format_eur_ascii(period.amount)
            )?;
        }
    }
    Ok(())
}

/// The penalty breakdown as a French table: one line per period, then the totals and the warnings.
fn print_penalties(out: &mut impl Write, penalties: &ClientPenalties) -> anyhow::Result<()> {
    let breakdown = &penalties.breakdown;
    writeln!(out, "Pénalités de retard de {} au {}", penalties.name, format_short(breakdown.as_of))?;
    if breakdown.invoices.is_empty() {
        writeln!(out, "Aucune facture en retard.")?;
    } else {
        print_periods(out, &breakdown.invoices)?;
    }
    writeln!(out, "Principal restant dû : {}", format_eur_ascii(breakdown.principal))?;
    writeln!(out, "Intérêts de retard : {}", format_eur_ascii(breakdown.interest))?;
    writeln!(out, "Indemnités forfaitaires : {}", format_eur_ascii(breakdown.indemnity))?;
    writeln!(out, "Total : {}", format_eur_ascii(breakdown.total))?;
    if !breakdown.settled_late.is_empty() {
        writeln!(out)?;
        writeln!(out, "Factures réglées en retard : pénalités encore exigibles (hors total ci-dessus)")?;
        print_periods(out, &breakdown.settled_late)?;
        for invoice in &breakdown.settled_late {
            if let Some(paid_on) = invoice.paid_on {
                writeln!(
                    out,
                    "{} réglée le {} ({} jours de retard) : intérêts {}, indemnité {}",
                    invoice.number,
                    format_short(paid_on),
                    invoice.days_late,
                    format_eur_ascii(invoice.interest),
                    format_eur_ascii(invoice.indemnity)
                )?;
            }
        }
        writeln!(
            out,
            "Intérêts de retard sur factures réglées : {}",
            format_eur_ascii(breakdown.settled_late_interest)
        )?;
        writeln!(
            out,
            "Indemnités forfaitaires sur factures réglées : {}",
            format_eur_ascii(breakdown.settled_late_indemnity)
        )?;
    }
    for warning in &breakdown.warnings {
        writeln!(out, "Attention : {}", warning.message)?;
    }
    Ok(())
}
