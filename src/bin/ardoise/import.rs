//! The `import`, `imports` and `undo-import` commands: read a spreadsheet into the ledger with the same
//! preview, messages and undo as the window's « Importer » page.

use ardoise::desk::import::{self, ImportReport, ImportRequest};
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// Imports `file` into a ledger that does not exist yet: the file is read and checked against an empty
/// ledger first, so that a file refused whole creates nothing; then the ledger is created (said on the
/// error output, so that `--json` stays clean) and the import written. A dry run creates nothing.
pub fn import_into_new(
    path: &Path,
    file: &Path,
    sheet: Option<&str>,
    dry_run: bool,
    json: bool,
    today: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut empty = Ledger::open_in_memory()?;
    if dry_run {
        eprintln!("ardoise : le registre « {} » n'existe pas encore : aperçu contre un registre vide.", path.display());
        return import(&mut empty, file, sheet, true, json, today, out);
    }
    let (file_name, bytes) = import::read_file(file)?;
    let request =
        ImportRequest { file_name: &file_name, bytes: &bytes, sheet, mapping: None, today, expected_sha256: None };
    import::import_file(&mut empty, &request, true, &mut |_| {})?;
    eprintln!("ardoise : le registre « {} » n'existe pas encore : il est créé.", path.display());
    let mut ledger = ardoise::desk::ledger_file::open(path)?;
    import(&mut ledger, file, sheet, dry_run, json, today, out)
}

/// Imports `file` (or only previews it with `dry_run`) and prints the report.
pub fn import(
    ledger: &mut Ledger,
    file: &Path,
    sheet: Option<&str>,
    dry_run: bool,
    json: bool,
    today: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (file_name, bytes) = import::read_file(file)?;
    let request =
        ImportRequest { file_name: &file_name, bytes: &bytes, sheet, mapping: None, today, expected_sha256: None };
    let (plan, record) = import::import_file(ledger, &request, dry_run, &mut |_| {})?;
    let report = ImportReport::new(&plan, record);
    if json {
        return crate::output::json(out, &report);
    }
    if report.sheets.len() > 1 {
        writeln!(
            out,
            "Feuille lue : « {} » (feuilles du classeur : {} ; choisissez avec --sheet).",
            report.sheet.clone().unwrap_or_default(),
            report.sheets.iter().map(|s| format!("« {s} »")).collect::<Vec<_>>().join(", ")
        )?;
    }
    writeln!(
        out,
        "{} : {} nouvelle(s), {} mise(s) à jour, {} inchangée(s), {} ligne(s) refusée(s), {} ignorée(s) (vides, totaux, en-têtes répétés).",
        report.file_name, report.new, report.updated, report.unchanged, report.rejected_rows, report.skipped
    )?;
    for client in &report.new_clients {
        let kind = ardoise::desk::labels::client_kind_label(client.kind);
        writeln!(out, "Nouveau client : {} ({kind})", client.name)?;
    }
    for row in &report.changes {
        for change in &row.changes {
            writeln!(
                out,
                "Ligne {}, facture {} : {} {} → {}",
                row.row, row.number, change.label, change.before, change.after
            )?;
        }
    }
    for problem in &report.rejected {
        writeln!(out, "{problem}")?;
    }
    for warning in &report.warnings {
        writeln!(out, "Avertissement : {warning}")?;
    }
    if report.undated_payments > 0 {
        writeln!(
            out,
            "{} règlement(s) sans date dans le fichier : datés du {} (autre date : --date AAAA-MM-JJ).",
            report.undated_payments,
            ardoise::desk::format::format_short(report.payment_date)
        )?;
    }
    match (&report.import, dry_run) {
        (_, true) => writeln!(out, "Essai seulement (--dry-run) : rien n'a été enregistré.")?,
        (Some(record), false) => writeln!(out, "Import n° {} enregistré (SHA-256 {}).", record.id, record.sha256)?,
        (None, false) if report.rejected_rows > 0 && report.unchanged == 0 => {
            writeln!(out, "Aucune ligne importée : corrigez les lignes refusées, puis recommencez.")?
        }
        (None, false) => writeln!(out, "Rien à enregistrer : le registre est déjà à jour pour ce fichier.")?,
    }
    Ok(())
}

/// Lists the imports, latest first.
pub fn list(ledger: &Ledger, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let imports = import::imports(ledger)?;
    if json {
        return crate::output::json(out, &imports);
    }
    if imports.is_empty() {
        writeln!(out, "Aucun import.")?;
    }
    for record in imports {
        writeln!(
            out,
            "n° {}  {}  {}  {} nouvelle(s), {} mise(s) à jour, {} inchangée(s), {} refusée(s)  SHA-256 {}{}",
            record.id,
            record.imported_at,
            record.file_name,
            record.new,
            record.updated,
            record.unchanged,
            record.rejected,
            record.sha256,
            record.undone_at.as_ref().map(|at| format!("  (annulé le {at})")).unwrap_or_default()
        )?;
    }
    Ok(())
}

/// Undoes the last import.
pub fn undo(ledger: &mut Ledger, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let record = import::undo_last_import(ledger)?;
    if json {
        crate::output::json(out, &record)?;
    } else {
        writeln!(
            out,
            "Import n° {} (« {} ») annulé : le registre est revenu à son état d'avant.",
            record.id, record.file_name
        )?;
    }
    Ok(())
}
