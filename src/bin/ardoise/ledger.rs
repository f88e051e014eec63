//! The commands about the ledger file as a whole: `init`, `demo`, `export`, `load`, `backups`, `backup`,
//! `restore`, `bundle`, `unbundle`.

use crate::output::json;
use anyhow::Context;
use ardoise::desk::format::format_eur_ascii;
use ardoise::desk::{dashboard, demo, ledger_file, Ledger};
use chrono::{NaiveDate, NaiveDateTime};
use std::io::Write;
use std::path::Path;

/// Creates an empty ledger at `path`; an existing file is left as it is.
pub fn init(path: &Path, today: NaiveDate, out: &mut impl Write) -> anyhow::Result<()> {
    if path.exists() {
        anyhow::bail!(
            "« {} » existe déjà : rien n'a été changé. Choisissez un autre fichier avec --db.",
            path.display()
        );
    }
    let mut ledger = ledger_file::open(path).with_context(|| format!("registre « {} »", path.display()))?;
    // The window, opening it later, does not offer the demo: the user chose an empty ledger.
    ledger_file::choose_first_start(&mut ledger, "empty", today)?;
    writeln!(out, "Registre vide créé : « {} ».", path.display())?;
    Ok(())
}

pub fn demo(ledger: &mut Ledger, date: NaiveDate, out: &mut impl Write) -> anyhow::Result<()> {
    demo::populate(ledger, date)?;
    let summary = dashboard::dashboard(ledger, date)?;
    writeln!(
        out,
        "Démonstration chargée : {} clients, {} factures ouvertes, encours {}.",
        summary.clients,
        summary.invoices_open,
        format_eur_ascii(summary.total_owed)
    )?;
    Ok(())
}

pub fn export(ledger: &Ledger, file: Option<&Path>, out: &mut impl Write) -> anyhow::Result<()> {
    match file {
        Some(file) => ledger_file::export_json_to(ledger, file)?,
        None => json(out, &ledger_file::export_json(ledger)?)?,
    }
    Ok(())
}

pub fn load(ledger: &mut Ledger, file: &Path, out: &mut impl Write) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("lecture de « {} »", file.display()))?;
    ledger_file::load_json(ledger, &text, &file.display().to_string())?;
    writeln!(out, "Registre chargé depuis « {} ».", file.display())?;
    Ok(())
}

pub fn backups(ledger: &Ledger, as_json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let backups = ledger_file::backups(ledger)?;
    if as_json {
        return json(out, &backups);
    }
    if backups.is_empty() {
        writeln!(out, "Aucune sauvegarde.")?;
    }
    for backup in backups {
        let written = backup.written_at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M");
        let size = backup.size_bytes.div_ceil(1024);
        writeln!(out, "{written}  {size:>7} Ko  {:<34} {}", backup.reason_label, backup.file_name)?;
    }
    Ok(())
}

pub fn backup(ledger: &Ledger, now: NaiveDateTime, out: &mut impl Write) -> anyhow::Result<()> {
    let path = ledger_file::back_up(ledger, now)?;
    writeln!(out, "Registre sauvegardé dans « {} ».", path.display())?;
    Ok(())
}

pub fn restore(ledger: &mut Ledger, name: &str, now: NaiveDateTime, out: &mut impl Write) -> anyhow::Result<()> {
    ledger_file::restore(ledger, name, now)?;
    writeln!(out, "Registre restauré depuis « {name} » ; l'état précédent a été sauvegardé.")?;
    Ok(())
}

pub fn bundle(ledger: &Ledger, file: &Path, out: &mut impl Write) -> anyhow::Result<()> {
    let bundled = ledger_file::bundle(ledger, file)?;
    for problem in &bundled.left_out {
        eprintln!("ardoise : attention, {problem}");
    }
    let pieces = bundled.manifest.files.len().saturating_sub(1);
    writeln!(out, "Registre complet exporté dans « {} » ({pieces} pièce(s) archivée(s)).", file.display())?;
    Ok(())
}

pub fn unbundle(file: &Path, ledger_path: &Path, out: &mut impl Write) -> anyhow::Result<()> {
    let manifest = ledger_file::unbundle(file, ledger_path)?;
    let pieces = manifest.files.len().saturating_sub(1);
    writeln!(out, "Registre complet repris dans « {} » ({pieces} pièce(s) archivée(s)).", ledger_path.display())?;
    Ok(())
}
