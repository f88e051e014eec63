//! The `import`, `imports` and `undo-import` commands: read a spreadsheet, e-invoices or a folder of them
//! into the ledger with the same preview, messages and undo as the window's « Importer » page.

use ardoise::desk::format::format_recorded;
use ardoise::desk::import::{self, FileStatus, ImportOptions, ImportReport};
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How to read a spreadsheet: its sheet, and the user's corrections of its mapping (`--header-row`,
/// `--column`).
pub struct HowToRead<'a> {
    pub sheet: Option<&'a str>,
    pub header_row: Option<usize>,
    pub columns: &'a [String],
}

impl HowToRead<'_> {
    /// The mapping the options describe for what was read, None when they give none.
    fn mapping(&self, sources: &import::Sources) -> anyhow::Result<Option<ardoise::desk::import::ColumnMapping>> {
        if self.columns.is_empty() && self.header_row.is_none() {
            return Ok(None);
        }
        match sources.mapping_with(self.sheet, self.header_row, self.columns)? {
            Some(mapping) => Ok(Some(mapping)),
            None => anyhow::bail!(
                "les options --column et --header-row décrivent les colonnes d'un tableur (CSV, XLSX, XLS, ODS) : \
                 une facture électronique ou un dossier n'en a pas."
            ),
        }
    }
}

/// A file whose columns were not all recognised: the command line's way to say which is which.
fn with_mapping_hint(error: ardoise::desk::Error) -> anyhow::Error {
    if matches!(error.import_kind(), Some("no_header" | "missing_columns")) {
        anyhow::anyhow!(
            "{error} En ligne de commande : --column \"TITRE=CHAMP\" pour chaque colonne non reconnue (par exemple \
             --column \"Réf.=number\" --column \"Société=client\"), et --header-row N si la ligne des titres n'est \
             pas trouvée (voir `ardoise import --help`)."
        )
    } else {
        error.into()
    }
}

/// Imports `paths` into a ledger that does not exist yet: the files are read and checked against an
/// empty ledger first, so that files refused whole create nothing; then the ledger is created (said on
/// the error output, so that `--json` stays clean) and the import written. A dry run creates nothing.
pub fn import_into_new(
    path: &Path,
    paths: &[PathBuf],
    how: &HowToRead<'_>,
    dry_run: bool,
    json: bool,
    today: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut empty = Ledger::open_in_memory()?;
    if dry_run {
        eprintln!("ardoise : le registre « {} » n'existe pas encore : aperçu contre un registre vide.", path.display());
        return import(&mut empty, paths, how, true, json, today, out);
    }
    let sources = import::read_sources(paths)?;
    let mapping = how.mapping(&sources)?;
    let options = ImportOptions { sheet: how.sheet, mapping: mapping.as_ref(), today, expected_sha256: None };
    sources.import(&mut empty, &options, true, &mut |_| {}).map_err(with_mapping_hint)?;
    eprintln!("ardoise : le registre « {} » n'existe pas encore : il est créé.", path.display());
    let mut ledger = ardoise::desk::ledger_file::open(path)?;
    import(&mut ledger, paths, how, dry_run, json, today, out)
}

/// Imports the files and folders given (or only previews them with `dry_run`) and prints the report.
pub fn import(
    ledger: &mut Ledger,
    paths: &[PathBuf],
    how: &HowToRead<'_>,
    dry_run: bool,
    json: bool,
    today: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let sources = import::read_sources(paths)?;
    let mapping = how.mapping(&sources)?;
    let options = ImportOptions { sheet: how.sheet, mapping: mapping.as_ref(), today, expected_sha256: None };
    let (plan, record) = sources.import(ledger, &options, dry_run, &mut |_| {}).map_err(with_mapping_hint)?;
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
    let e_invoices = report.files.iter().any(|file| file.status != FileStatus::Read);
    if e_invoices {
        writeln!(
            out,
            "{} : {} fichier(s), {} nouvelle(s), {} mise(s) à jour, {} inchangée(s), {} refusé(s), {} doublon(s).",
            report.file_name,
            report.files.len(),
            report.new,
            report.updated,
            report.unchanged,
            report.rejected_rows,
            report.skipped
        )?;
    } else {
        writeln!(
            out,
            "{} : {} nouvelle(s), {} mise(s) à jour, {} inchangée(s), {} ligne(s) refusée(s), {} ignorée(s) (vides, totaux, en-têtes répétés).",
            report.file_name, report.new, report.updated, report.unchanged, report.rejected_rows, report.skipped
        )?;
    }
    for client in &report.new_clients {
        let kind = ardoise::desk::labels::client_kind_label(client.kind);
        writeln!(out, "Nouveau client : {} ({kind})", client.name)?;
    }
    for client in &report.client_updates {
        let filled: Vec<String> =
            client.changes.iter().map(|change| format!("{} « {} »", change.label, change.after)).collect();
        writeln!(out, "Fiche client complétée : {} : {}.", client.name, filled.join(", "))?;
    }
    for dispute in &report.disputes {
        writeln!(
            out,
            "Ligne {}, facture {} : contestation ouverte au {} ({}) ; la facture n'est plus relancée jusqu'à sa \
             clôture.",
            dispute.row,
            dispute.number,
            ardoise::desk::format::format_short(dispute.date),
            dispute.reason.trim_end_matches('.')
        )?;
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
    if e_invoices {
        for file in &report.files {
            let status = ardoise::desk::labels::import_file_status_label(file.status);
            let what = match (file.number.is_empty(), file.credit_note) {
                (true, _) => String::new(),
                (false, true) => format!(", avoir {}", file.number),
                (false, false) => format!(", facture {}", file.number),
            };
            let format = if file.format.is_empty() { String::new() } else { format!(" ({})", file.format) };
            let document = if file.document { ", gardée comme document de la facture" } else { "" };
            writeln!(out, "Ligne {} : « {} »{format}{what} : {status}{document}.", file.row, file.file_name)?;
            for message in &file.messages {
                writeln!(out, "  {message}")?;
            }
            for note in &file.notes {
                writeln!(out, "  Note : {note}")?;
            }
        }
    } else {
        for problem in &report.rejected {
            writeln!(out, "{problem}")?;
        }
        for row in &report.notes {
            for note in &row.notes {
                writeln!(out, "Ligne {}, facture {} : note : {note}", row.row, row.number)?;
            }
        }
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
        (None, false) if report.rejected_rows > 0 => writeln!(
            out,
            "Rien à enregistrer : les lignes acceptées sont déjà à jour dans le registre, et les lignes refusées \
             ci-dessus n'y changent rien."
        )?,
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
            format_recorded(&record.imported_at),
            record.file_name,
            record.new,
            record.updated,
            record.unchanged,
            record.rejected,
            record.sha256,
            record.undone_at.as_ref().map(|at| format!("  (annulé le {})", format_recorded(at))).unwrap_or_default()
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
