//! The `dispatch`, `letters`, `attach`, `prices`, `deposit-list` and `dossier` commands: registered mail and proof
//! (F7) from a terminal, with the same checks and archive as the window.

use anyhow::{bail, Context};
use ardoise::desk::dispatch::{self, ArchiveRole, Delivery, SendingForm};
use ardoise::desk::format::{format_eur_ascii, format_long};
use ardoise::desk::{deposit, dossier, forms, Ledger};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// What `ardoise dispatch` records about a letter, as its options give it.
#[derive(Debug, clap::Args)]
pub struct DispatchRequest {
    /// Le numéro de la lettre recommandée (13 caractères).
    #[arg(long, value_name = "NUMÉRO")]
    pub tracking: Option<String>,
    /// Le niveau de garantie : R1, R2 ou R3.
    #[arg(long, value_name = "NIVEAU")]
    pub level: Option<String>,
    /// Avec avis de réception.
    #[arg(long)]
    pub receipt: bool,
    /// Date de dépôt à la poste (AAAA-MM-JJ).
    #[arg(long, value_parser = crate::parse_day, value_name = "DATE")]
    pub deposit: Option<NaiveDate>,
    /// Date de réception inscrite sur l'avis de réception.
    #[arg(long, value_parser = crate::parse_day, value_name = "DATE")]
    pub received: Option<NaiveDate>,
    /// « Avisé non réclamé » : date de première présentation.
    #[arg(long, value_parser = crate::parse_day, value_name = "DATE")]
    pub unclaimed: Option<NaiveDate>,
    /// Retourné à l'expéditeur : date du retour.
    #[arg(long, value_parser = crate::parse_day, value_name = "DATE")]
    pub returned: Option<NaiveDate>,
    /// Enregistrer l'envoi même si toutes les factures que le courrier réclame sont réglées depuis :
    /// il est vraiment parti avant que le règlement soit connu (sinon l'envoi est refusé).
    #[arg(long)]
    pub even_if_paid: bool,
}

/// Records a sending (archiving the letter's PDF) or a delivery, and prints the letter's state.
pub fn record(ledger: &mut Ledger, letter: i64, request: DispatchRequest, out: &mut impl Write) -> anyhow::Result<()> {
    let deliveries: Vec<Delivery> = [
        request.received.map(Delivery::Received),
        request.unclaimed.map(Delivery::Unclaimed),
        request.returned.map(Delivery::Returned),
    ]
    .into_iter()
    .flatten()
    .collect();
    let sending = request.deposit.is_some() || request.tracking.is_some() || request.level.is_some();
    let row = match (sending, deliveries.as_slice()) {
        (true, []) => {
            let form = SendingForm {
                deposit_date: request.deposit,
                tracking_number: request.tracking.unwrap_or_default(),
                level: request.level.unwrap_or_default(),
                with_receipt: request.receipt,
            };
            if request.even_if_paid {
                dispatch::send_letter_even_if_paid(ledger, letter, &form)?
            } else {
                dispatch::send_letter(ledger, letter, &form).map_err(|error| {
                    match error.letter_with_invoices_paid() {
                        Some(id) => anyhow::anyhow!(
                        "{error} Pour l'annuler : `ardoise letters cancel --letter {id} --reason \"facture réglée\"` ; \
                         pour enregistrer son envoi quand même : ajoutez --even-if-paid."
                    ),
                        None => error.into(),
                    }
                })?
            }
        }
        (false, [delivery]) => dispatch::record_delivery(ledger, letter, *delivery)?,
        (false, []) => bail!(
            "indiquez l'envoi (--deposit DATE, et pour un recommandé --tracking N° --level R1 [--receipt]) ou la \
             distribution (--received DATE, --unclaimed DATE ou --returned DATE)."
        ),
        _ => bail!("enregistrez l'envoi et la distribution en deux fois, et une seule distribution à la fois."),
    };
    let mut line = format!("Courrier n° {} : {}", row.id, row.kind.title());
    // A number says it went registered, whatever way was planned.
    if row.tracking_number.is_none() {
        line.push_str(&format!(" par {}", row.dispatch.label()));
    }
    if let Some(on) = row.sent_on {
        let agreed = if row.kind.feminine() { "envoyée" } else { "envoyé" };
        line.push_str(&format!(", {agreed} le {}", format_long(on)));
    }
    if let Some(number) = &row.tracking_number {
        let level = row.level.map(|l| l.id()).unwrap_or("R1");
        let receipt = if row.with_receipt { "avec AR" } else { "sans AR" };
        line.push_str(&format!(" (n° {number}, {level}, {receipt})"));
    }
    if let Some(delivery) = &row.delivery {
        line.push_str(&format!(", {}", delivery.label()));
    }
    writeln!(out, "{line}.")?;
    if let Some(deadline) = row.deadline() {
        writeln!(
            out,
            "Délai de {} jours à compter du {} : jusqu'au {} inclus.",
            deadline.days,
            format_long(deadline.from),
            format_long(deadline.ends_on)
        )?;
    }
    Ok(())
}

/// The letters list with status, deadline and archive integrity.
pub fn list(ledger: &Ledger, client: Option<i64>, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let lines = dispatch::letter_lines(ledger, client)?;
    if json {
        return crate::output::json(out, &lines);
    }
    for line in lines {
        let flag = if line.tampered { "  ARCHIVE MODIFIÉE" } else { "" };
        writeln!(
            out,
            "{:>4}  {}  {:<28} {:<30} {}{flag}",
            line.row.id, line.row.drafted_on, line.title, line.client_name, line.status_label
        )?;
    }
    Ok(())
}

/// Copies a scan into the archive, attached to a letter.
pub fn attach(
    ledger: &mut Ledger,
    letter: i64,
    role: &str,
    file: &Path,
    date: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let role = match role {
        "deposit_proof" | "depot" | "dépôt" => ArchiveRole::DepositProof,
        "receipt" | "ar" | "AR" => ArchiveRole::Receipt,
        other => {
            bail!("« {other} » : indiquez --role deposit_proof (preuve de dépôt) ou receipt (accusé de réception).")
        }
    };
    let stored = dispatch::attach_scan(ledger, letter, role, file, date)?;
    writeln!(out, "{} : « {} » (SHA-256 {}).", role.archived_label(), stored.file_name, stored.sha256)?;
    Ok(())
}

/// Writes the deposit list of a day.
pub fn deposit_list(ledger: &Ledger, date: NaiveDate, file: &Path, out: &mut impl Write) -> anyhow::Result<()> {
    let list = deposit::export_deposit_list(ledger, date, file)?;
    writeln!(
        out,
        "Liste de dépôt du {} : {} lettre(s) recommandée(s), affranchissement estimé {}{} ; écrite dans « {} ».",
        format_long(date),
        list.lines.len(),
        format_eur_ascii(list.total),
        if list.to_confirm { " (tarifs à confirmer)" } else { "" },
        file.display()
    )?;
    Ok(())
}

/// Writes a client's court-ready dossier.
pub fn dossier(
    ledger: &Ledger,
    client: i64,
    date: NaiveDate,
    folder: &Path,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(folder).with_context(|| format!("impossible de créer « {} »", folder.display()))?;
    let built = dossier::build(ledger, client, date, folder)?;
    if json {
        return crate::output::json(out, &built);
    }
    writeln!(out, "Dossier écrit dans « {} » :", built.folder.display())?;
    for file in &built.files {
        writeln!(out, "  {file}")?;
    }
    writeln!(
        out,
        "Créance au {} : {} (principal {}, pénalités {}, indemnités {}). Requête : {}.",
        format_long(date),
        format_eur_ascii(built.total),
        format_eur_ascii(built.principal),
        format_eur_ascii(built.interest),
        format_eur_ascii(built.indemnity),
        built.court.request()
    )?;
    for warning in &built.warnings {
        writeln!(out, "Attention : {warning}")?;
    }
    Ok(())
}

/// The prices `ardoise prices` records, all given together with `--from`.
pub struct PriceRequest {
    pub from: Option<NaiveDate>,
    pub r1: Option<String>,
    pub r2: Option<String>,
    pub r3: Option<String>,
    pub receipt: Option<String>,
    pub to_confirm: bool,
}

/// Prints the price table, after recording a dated row when one is given.
pub fn prices(ledger: &mut Ledger, request: PriceRequest, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let given = [&request.r1, &request.r2, &request.r3, &request.receipt];
    let table = match request.from {
        None if given.iter().any(|price| price.is_some()) => {
            bail!("indiquez la date d'entrée en vigueur de ces tarifs avec --from AAAA-MM-JJ.")
        }
        None => deposit::price_table(ledger)?,
        Some(from) => {
            let price = |name: &str, text: &Option<String>| -> anyhow::Result<rust_decimal::Decimal> {
                let Some(text) = text else { bail!("indiquez --{name} (en euros, par exemple 6,11).") };
                forms::amount(name, text).map_err(|error| anyhow::anyhow!("--{name} : {error}"))
            };
            let row = deposit::PriceRow {
                valid_from: from,
                r1: price("r1", &request.r1)?,
                r2: price("r2", &request.r2)?,
                r3: price("r3", &request.r3)?,
                receipt: price("receipt", &request.receipt)?,
                to_confirm: request.to_confirm,
            };
            deposit::set_price_row(ledger, row)?
        }
    };
    if json {
        return crate::output::json(out, &table);
    }
    writeln!(out, "{:<12} {:>9} {:>9} {:>9} {:>9}", "depuis le", "R1", "R2", "R3", "AR")?;
    for row in &table.rows {
        writeln!(
            out,
            "{:<12} {:>9} {:>9} {:>9} {:>9}{}",
            row.valid_from,
            format_eur_ascii(row.r1),
            format_eur_ascii(row.r2),
            format_eur_ascii(row.r3),
            format_eur_ascii(row.receipt),
            if row.to_confirm { "  à confirmer" } else { "" }
        )?;
    }
    Ok(())
}
