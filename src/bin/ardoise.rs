//! The `ardoise` command line (F10): the same core as the window, for scripts, benchmarks and tests.
//! It parses arguments, reads the clock for the default date, calls the library and prints.

use anyhow::{anyhow, bail, Context};
use ardoise::desk::{demo, views};
use ardoise::documents::letters;
use ardoise::domain::calendar::{format_short, parse_date};
use ardoise::domain::money::format_eur_ascii;
use ardoise::domain::penalties::percent;
use ardoise::ledger::{backups as backup, bundle, paths};
use ardoise::ledger::{Ledger, LedgerExport};
use chrono::NaiveDate;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

#[path = "ardoise/import_command.rs"]
mod import_command;
#[path = "ardoise/plan_command.rs"]
mod plan_command;

#[path = "ardoise/dispatch_command.rs"]
mod dispatch_command;

/// The help layout, with French headings.
const TEMPLATE: &str = "{about}\n\nUtilisation : {usage}\n\n{all-args}";

/// Ardoise : le registre de vos clients, factures et relances, en ligne de commande.
#[derive(Debug, Parser)]
#[command(
    name = "ardoise",
    version,
    about,
    help_template = TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Commandes",
    subcommand_value_name = "COMMANDE",
    next_help_heading = "Options"
)]
struct Arguments {
    /// Fichier du registre (par défaut celui de l'application, dans le dossier de données).
    #[arg(long, global = true, value_name = "CHEMIN", help_heading = "Options générales")]
    db: Option<PathBuf>,
    /// Affiche cette aide.
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help, help_heading = "Options générales")]
    help: Option<bool>,
    /// Affiche la version.
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "Options générales")]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Liste les clients avec leur solde et leur retard.
    #[command(help_template = TEMPLATE)]
    Clients {
        /// Date de calcul (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Liste les factures avec leur reste dû, leur statut et leurs jours de retard.
    #[command(help_template = TEMPLATE)]
    Invoices {
        /// Seulement les factures de ce client (son numéro, voir `ardoise clients`).
        #[arg(long)]
        client: Option<i64>,
        /// Date de calcul (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
        /// Fichier CSV pour un tableur (UTF-8, « ; », virgule décimale), protégé contre les formules.
        #[arg(long, value_name = "FICHIER", conflicts_with = "json")]
        csv: Option<PathBuf>,
    },
    /// Résume le registre : encours, retards, balance âgée, DSO.
    #[command(help_template = TEMPLATE)]
    Summary {
        /// Date de calcul (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Détaille les pénalités de retard d'un client : intérêts par semestre, indemnités, total.
    #[command(help_template = TEMPLATE)]
    Penalties {
        /// Le client (son numéro, voir `ardoise clients`).
        #[arg(long)]
        client: i64,
        /// Date de calcul (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Propose la prochaine relance de chaque client (« À faire aujourd'hui »), la plus urgente d'abord.
    #[command(help_template = TEMPLATE)]
    Propose {
        /// Date de calcul (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Décide de la relance proposée à un client : la préparer, l'ignorer ou la reporter.
    #[command(help_template = TEMPLATE)]
    Decide {
        /// Le numéro du client (voir `ardoise clients`).
        #[arg(long)]
        client: i64,
        /// accept (préparer le courrier), skip (ignorer cette étape) ou snooze (reporter).
        #[arg(long, value_parser = ["accept", "skip", "snooze"])]
        action: String,
        /// Pour snooze : date de reprise des relances (AAAA-MM-JJ).
        #[arg(long, value_parser = parse_day)]
        until: Option<NaiveDate>,
        /// Date de la décision (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// Remplit un registre vide avec les données de démonstration.
    #[command(help_template = TEMPLATE)]
    Demo {
        /// Date de référence des données (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// Exporte tout le registre (format décrit dans docs/ledger-json.md).
    #[command(help_template = TEMPLATE)]
    Export {
        /// Format JSON (le seul format d'export pour l'instant).
        #[arg(long, required = true)]
        json: bool,
        /// Fichier de sortie ; la sortie standard par défaut.
        #[arg(long, value_name = "FICHIER")]
        out: Option<PathBuf>,
    },
    /// Charge un export JSON dans un registre vide.
    #[command(help_template = TEMPLATE)]
    Load {
        /// Le fichier produit par `ardoise export --json`.
        file: PathBuf,
    },
    /// Importe les factures d'un tableur (CSV, XLSX, XLS, ODS).
    #[command(help_template = TEMPLATE)]
    Import {
        /// Le fichier à importer.
        file: PathBuf,
        /// La feuille à lire dans un classeur (la première qui a des cellules par défaut).
        #[arg(long, value_name = "NOM")]
        sheet: Option<String>,
        /// Montre ce qui changerait sans rien enregistrer.
        #[arg(long)]
        dry_run: bool,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
        /// Date des règlements tirés des colonnes « Payé » / « Reste dû » (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// Liste les imports : fichier, date, SHA-256 et nombres de lignes.
    #[command(help_template = TEMPLATE)]
    Imports {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Annule le dernier import : le registre revient à son état d'avant.
    #[command(help_template = TEMPLATE)]
    UndoImport {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Liste les sauvegardes du registre (dossier « sauvegardes » à côté du registre).
    #[command(help_template = TEMPLATE)]
    Backups {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sauvegarde le registre maintenant.
    #[command(help_template = TEMPLATE)]
    Backup,
    /// Exporte le registre complet (registre et pièces archivées) dans un seul fichier, pour une autre machine.
    #[command(help_template = TEMPLATE)]
    Bundle {
        /// Le fichier à écrire (par exemple registre.ardoise.zip).
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Reprend un registre complet exporté par `bundle` dans un registre neuf (--db).
    #[command(help_template = TEMPLATE)]
    Unbundle {
        /// Le fichier écrit par `ardoise bundle`.
        file: PathBuf,
    },
    /// Remplace le registre par une sauvegarde (le registre actuel est sauvegardé d'abord).
    #[command(help_template = TEMPLATE)]
    Restore {
        /// Le nom de la sauvegarde, tel que `ardoise backups` l'affiche.
        name: String,
    },
    /// Liste les modèles de courrier : type, titre, envoi, faits obligatoires.
    #[command(help_template = TEMPLATE)]
    Kinds {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Écrit le PDF d'un courrier pour un client (voir `ardoise kinds` pour les types).
    #[command(help_template = TEMPLATE)]
    Letter {
        /// Le type de courrier (formal_notice, friendly_reminder...).
        #[arg(long)]
        kind: String,
        /// Le numéro du client (voir `ardoise clients`).
        #[arg(long)]
        client: i64,
        /// Date du courrier (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Variante : with_fees (échéancier avec frais).
        #[arg(long, default_value = "")]
        variant: String,
        /// Le fichier PDF à écrire.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Écrit les PDF des courriers préparés du jour (propositions acceptées) dans un dossier.
    #[command(help_template = TEMPLATE)]
    Batch {
        /// Date des courriers (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Le dossier où écrire.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Un seul PDF pour une seule impression, au lieu d'un fichier par courrier.
        #[arg(long)]
        single: bool,
    },
    /// Échéanciers : draft (préparer), list, sign (bon pour accord reçu), export (PDF).
    #[command(help_template = TEMPLATE, subcommand)]
    Plan(plan_command::PlanCommand),
    /// Enregistre l'envoi d'un courrier (n° de recommandé, niveau, AR, date de dépôt) ou sa distribution.
    #[command(help_template = TEMPLATE)]
    Dispatch {
        /// Le numéro du courrier (voir `ardoise letters`).
        #[arg(long)]
        letter: i64,
        /// Le numéro de la lettre recommandée (13 caractères).
        #[arg(long)]
        tracking: Option<String>,
        /// Le niveau de garantie : R1, R2 ou R3.
        #[arg(long)]
        level: Option<String>,
        /// Avec avis de réception.
        #[arg(long)]
        receipt: bool,
        /// Date de dépôt à la poste (AAAA-MM-JJ).
        #[arg(long, value_parser = parse_day)]
        deposit: Option<NaiveDate>,
        /// Date de réception inscrite sur l'avis de réception.
        #[arg(long, value_parser = parse_day)]
        received: Option<NaiveDate>,
        /// « Avisé non réclamé » : date de première présentation.
        #[arg(long, value_parser = parse_day)]
        unclaimed: Option<NaiveDate>,
        /// Retourné à l'expéditeur : date du retour.
        #[arg(long, value_parser = parse_day)]
        returned: Option<NaiveDate>,
    },
    /// Liste les courriers avec leur état, leur délai et l'intégrité de leur copie archivée.
    #[command(help_template = TEMPLATE)]
    Letters {
        /// Les courriers d'un client seulement.
        #[arg(long)]
        client: Option<i64>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Archive le scan d'une preuve de dépôt ou d'un avis de réception signé, rattaché à un courrier.
    #[command(help_template = TEMPLATE)]
    Attach {
        /// Le numéro du courrier.
        #[arg(long)]
        letter: i64,
        /// deposit_proof (preuve de dépôt) ou receipt (accusé de réception).
        #[arg(long)]
        role: String,
        /// Le fichier scanné (PDF ou image).
        #[arg(long, value_name = "FICHIER")]
        file: PathBuf,
        /// Date d'archivage, aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// Affiche les tarifs des lettres recommandées, ou enregistre ceux d'une date (--from).
    #[command(help_template = TEMPLATE)]
    Prices {
        /// Date d'entrée en vigueur des tarifs à enregistrer (AAAA-MM-JJ).
        #[arg(long, value_parser = parse_day)]
        from: Option<NaiveDate>,
        /// Prix R1 d'une lettre recommandée de 20 g, en euros.
        #[arg(long)]
        r1: Option<String>,
        /// Prix R2.
        #[arg(long)]
        r2: Option<String>,
        /// Prix R3.
        #[arg(long)]
        r3: Option<String>,
        /// Prix de l'avis de réception.
        #[arg(long)]
        receipt: Option<String>,
        /// Ces prix restent à confirmer auprès de La Poste.
        #[arg(long)]
        to_confirm: bool,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Écrit la liste de dépôt des recommandés d'un jour, avec l'affranchissement estimé.
    #[command(name = "deposit-list", help_template = TEMPLATE)]
    DepositList {
        /// Date de dépôt (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Le fichier PDF à écrire.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Écrit le dossier d'un client pour le tribunal : récapitulatif, décompte, fiche d'injonction, courriers.
    #[command(help_template = TEMPLATE)]
    Dossier {
        /// Le numéro du client.
        #[arg(long)]
        client: i64,
        /// Date du décompte (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Le dossier où l'écrire (un sous-dossier y est créé).
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The local date and time that labels a backup taken now.
fn backup_label() -> String {
    backup::timestamp_label(chrono::Local::now().naive_local())
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    parse_date(text)
}

fn main() {
    let arguments = match Arguments::try_parse() {
        Ok(arguments) => arguments,
        Err(error) if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => error.exit(),
        Err(error) => {
            eprintln!("ardoise : {}\nVoir `ardoise --help`.", usage_error_in_french(&error));
            std::process::exit(2);
        }
    };
    if let Err(error) = run(arguments) {
        eprintln!("ardoise : {error:#}");
        std::process::exit(1);
    }
}

fn run(arguments: Arguments) -> anyhow::Result<()> {
    let path = match arguments.db {
        Some(path) => path,
        None => {
            paths::default_ledger_path().ok_or_else(|| anyhow!("aucun dossier de données : indiquez --db CHEMIN"))?
        }
    };
    if let Command::Unbundle { file } = &arguments.command {
        let manifest = bundle::read(file, &path)?;
        let pieces = manifest.files.len().saturating_sub(1);
        println!("Registre complet repris dans « {} » ({pieces} pièce(s) archivée(s)).", path.display());
        return Ok(());
    }
    // Only the commands that fill a ledger may create one: a mistyped --db must not answer with zeros.
    let creates = matches!(arguments.command, Command::Demo { .. } | Command::Load { .. });
    if !creates && !path.exists() {
        bail!(
            "registre « {} » introuvable. Vérifiez le chemin donné à --db, ou créez-le avec `ardoise --db {} demo` \
             ou `load`.",
            path.display(),
            path.display()
        );
    }
    let mut ledger = Ledger::open(&path).with_context(|| format!("registre « {} »", path.display()))?;
    let today = || chrono::Local::now().date_naive();
    let archive_folder = ardoise::desk::archive::folder_of(&path);
    let mut out = std::io::stdout().lock();
    match arguments.command {
        Command::Clients { date, json } => {
            let clients = views::client_list(&ledger, date.unwrap_or_else(today))?;
            if json {
                serde_json::to_writer_pretty(&mut out, &clients)?;
                writeln!(out)?;
            } else {
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
            }
        }
        Command::Invoices { client, date, json, csv } => {
            let invoices = views::invoice_list(&ledger, client, date.unwrap_or_else(today))?;
            if let Some(file) = csv {
                let bytes = ardoise::documents::spreadsheet::invoices_csv(&invoices)?;
                std::fs::write(&file, bytes).with_context(|| format!("écriture de « {} »", file.display()))?;
                writeln!(out, "{} facture(s) écrite(s) dans « {} ».", invoices.len(), file.display())?;
            } else if json {
                serde_json::to_writer_pretty(&mut out, &invoices)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{:<11} {:<26} {:>10} {:>12} {:>12} {:>6}  statut",
                    "facture", "client", "échéance", "montant", "reste dû", "retard"
                )?;
                for line in invoices {
                    writeln!(
                        out,
                        "{:<11} {:<26} {:>10} {:>12} {:>12} {:>6}  {}",
                        line.row.invoice.number,
                        truncate(&line.client_name, 26),
                        format_short(line.row.invoice.due_date),
                        format_eur_ascii(line.row.invoice.amount),
                        format_eur_ascii(line.remaining),
                        line.days_late,
                        line.status_label
                    )?;
                }
            }
        }
        Command::Summary { date, json } => {
            let dashboard = views::dashboard(&ledger, date.unwrap_or_else(today))?;
            if json {
                serde_json::to_writer_pretty(&mut out, &dashboard)?;
                writeln!(out)?;
            } else {
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
            }
        }
        Command::Penalties { client, date, json } => {
            let as_of = date.unwrap_or_else(today);
            let penalties = views::penalties(&ledger, client, as_of)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &penalties)?;
                writeln!(out)?;
            } else {
                print_penalties(&mut out, &penalties)?;
            }
        }
        Command::Propose { date, json } => {
            let proposals = views::proposals(&ledger, date.unwrap_or_else(today))?;
            if json {
                serde_json::to_writer_pretty(&mut out, &proposals)?;
                writeln!(out)?;
            } else if proposals.is_empty() {
                writeln!(out, "Aucune relance à faire.")?;
            } else {
                for proposal in proposals {
                    print_proposal(&mut out, &proposal)?;
                }
            }
        }
        Command::Decide { client, action, until, date } => {
            let action = match (action.as_str(), until) {
                ("accept", _) => views::ProposalAction::Accept,
                ("skip", _) => views::ProposalAction::Skip,
                (_, Some(until)) => views::ProposalAction::Snooze { until },
                (_, None) => bail!("indiquez --until AAAA-MM-JJ, la date de reprise des relances."),
            };
            let id = views::decide_proposal(&mut ledger, client, date.unwrap_or_else(today), action)?;
            match action {
                views::ProposalAction::Accept => writeln!(out, "Courrier n° {id} préparé (à imprimer puis envoyer).")?,
                views::ProposalAction::Skip => writeln!(out, "Étape ignorée pour ce client.")?,
                views::ProposalAction::Snooze { until } => {
                    writeln!(out, "Relances de ce client reportées au {}.", format_short(until))?
                }
            }
        }
        Command::Demo { date } => {
            demo::populate(&mut ledger, date.unwrap_or_else(today))?;
            let summary = views::dashboard(&ledger, date.unwrap_or_else(today))?;
            writeln!(
                out,
                "Démonstration chargée : {} clients, {} factures ouvertes, encours {}.",
                summary.clients,
                summary.invoices_open,
                format_eur_ascii(summary.total_owed)
            )?;
        }
        Command::Export { json: _, out: file } => {
            let export = ledger.export()?;
            match file {
                Some(file) => {
                    let text = serde_json::to_string_pretty(&export)?;
                    std::fs::write(&file, text + "\n")
                        .with_context(|| format!("écriture de « {} »", file.display()))?;
                }
                None => {
                    serde_json::to_writer_pretty(&mut out, &export)?;
                    writeln!(out)?;
                }
            }
        }
        Command::Load { file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("lecture de « {} »", file.display()))?;
            let export: LedgerExport = serde_json::from_str(&text)
                .map_err(|error| anyhow!("« {} » n'est pas un export Ardoise lisible ({error}).", file.display()))?;
            ledger.load(&export)?;
            writeln!(out, "Registre chargé depuis « {} ».", file.display())?;
        }
        Command::Import { file, sheet, dry_run, json, date } => import_command::import(
            &mut ledger,
            &file,
            sheet.as_deref(),
            dry_run,
            json,
            date.unwrap_or_else(today),
            &mut out,
        )?,
        Command::Imports { json } => import_command::list(&ledger, json, &mut out)?,
        Command::Plan(command) => plan_command::run(&mut ledger, command, today(), &mut out)?,
        Command::UndoImport { json } => import_command::undo(&mut ledger, json, &mut out)?,
        Command::Backups { json } => {
            let backups = ledger.backups()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &backups)?;
                writeln!(out)?;
            } else if backups.is_empty() {
                writeln!(out, "Aucune sauvegarde.")?;
            } else {
                for backup in backups {
                    let written = backup.written_at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M");
                    let size = backup.size_bytes.div_ceil(1024);
                    writeln!(out, "{written}  {size:>7} Ko  {:<34} {}", backup.reason_label, backup.file_name)?;
                }
            }
        }
        Command::Bundle { out: file } => {
            let manifest = bundle::write(&ledger, &file)?;
            let pieces = manifest.files.len().saturating_sub(1);
            writeln!(out, "Registre complet exporté dans « {} » ({pieces} pièce(s) archivée(s)).", file.display())?;
        }
        Command::Unbundle { .. } => unreachable!("handled before the ledger is opened"),
        Command::Backup => {
            let path = ledger.back_up(backup::Reason::Manual, &backup_label())?;
            writeln!(out, "Registre sauvegardé dans « {} ».", path.display())?;
        }
        Command::Restore { name } => {
            ledger.restore(&name, &backup_label())?;
            writeln!(out, "Registre restauré depuis « {name} » ; l'état précédent a été sauvegardé.")?;
        }
        Command::Kinds { json } => print_kinds(&mut out, json)?,
        Command::Letter { kind, client, date, variant, out: file } => {
            write_letter(&mut out, &ledger, &kind, client, date.unwrap_or_else(today), variant, &file)?
        }
        Command::Batch { date, out: folder, single } => {
            let files = ardoise::desk::letters::export_batch(
                &mut ledger,
                date.unwrap_or_else(today),
                &folder,
                single,
                |_, _| (),
            )?;
            writeln!(out, "{} fichier(s) écrit(s) dans « {} ».", files.len(), folder.display())?;
            for file in files {
                writeln!(out, "  {}", file.file_name().unwrap_or_default().to_string_lossy())?;
            }
        }
        Command::Dispatch { letter, tracking, level, receipt, deposit, received, unclaimed, returned } => {
            let request =
                dispatch_command::DispatchRequest { tracking, level, receipt, deposit, received, unclaimed, returned };
            dispatch_command::record(&mut ledger, &archive_folder, letter, request, &mut out)?
        }
        Command::Letters { client, json } => dispatch_command::list(&ledger, &archive_folder, client, json, &mut out)?,
        Command::Attach { letter, role, file, date } => dispatch_command::attach(
            &mut ledger,
            &archive_folder,
            letter,
            &role,
            &file,
            date.unwrap_or_else(today),
            &mut out,
        )?,
        Command::Prices { from, r1, r2, r3, receipt, to_confirm, json } => {
            let prices = dispatch_command::PriceRequest { from, r1, r2, r3, receipt, to_confirm };
            dispatch_command::prices(&mut ledger, prices, json, &mut out)?
        }
        Command::DepositList { date, out: file } => {
            dispatch_command::deposit_list(&ledger, date.unwrap_or_else(today), &file, &mut out)?
        }
        Command::Dossier { client, date, out: folder, json } => dispatch_command::dossier(
            &ledger,
            &archive_folder,
            client,
            date.unwrap_or_else(today),
            &folder,
            json,
            &mut out,
        )?,
    }
    Ok(())
}

/// The catalogue, as a table or JSON.
fn print_kinds(out: &mut impl Write, json: bool) -> anyhow::Result<()> {
    let kinds = letters::catalogue::kinds();
    if json {
        serde_json::to_writer_pretty(&mut *out, &kinds)?;
        writeln!(out)?;
        return Ok(());
    }
    for entry in kinds {
        writeln!(out, "{:<22} {:<48} {}", entry.kind.id(), entry.title, entry.dispatch_label)?;
        writeln!(out, "{:<22} faits : {}", "", entry.required_facts.join(", "))?;
    }
    Ok(())
}

/// One letter's PDF; the facts a template failed to state are reported, the file is still written.
fn write_letter(
    out: &mut impl Write,
    ledger: &Ledger,
    kind: &str,
    client_id: i64,
    date: NaiveDate,
    variant: String,
    file: &std::path::Path,
) -> anyhow::Result<()> {
    let kind = ardoise::domain::letter_kind::LetterKind::from_id(kind)
        .ok_or_else(|| letters::LetterError::UnknownKind(kind.to_string()))?;
    let request = ardoise::desk::letter_facts::LetterRequest {
        kind,
        client_id,
        date,
        variant,
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    let letter = ardoise::desk::letters::compose_request(ledger, &request, None)?;
    let bytes = ardoise::documents::print::letter_pdf(&letter, &ardoise::desk::letters::print_options(ledger)?)?;
    std::fs::write(file, bytes).with_context(|| format!("écriture de « {} »", file.display()))?;
    for problem in &letter.problems {
        eprintln!("ardoise : attention, {problem}");
    }
    writeln!(out, "{} écrit dans « {} ».", letter.facts.title, file.display())?;
    Ok(())
}

/// The penalty breakdown as a French table: one line per period, then the totals and the warnings.
fn print_penalties(out: &mut impl Write, penalties: &views::ClientPenalties) -> anyhow::Result<()> {
    let breakdown = &penalties.breakdown;
    writeln!(out, "Pénalités de retard de {} au {}", penalties.name, format_short(breakdown.as_of))?;
    if breakdown.invoices.is_empty() {
        writeln!(out, "Aucune facture en retard.")?;
    } else {
        writeln!(
            out,
            "{:<11} {:>10} {:>10} {:>10} {:>5} {:>9} {:>12} {:>10}",
            "facture", "échéance", "du", "au", "jours", "taux", "base", "intérêts"
        )?;
        for invoice in &breakdown.invoices {
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
    }
    writeln!(out, "Principal restant dû : {}", format_eur_ascii(breakdown.principal))?;
    writeln!(out, "Intérêts de retard : {}", format_eur_ascii(breakdown.interest))?;
    writeln!(out, "Indemnités forfaitaires : {}", format_eur_ascii(breakdown.indemnity))?;
    writeln!(out, "Total : {}", format_eur_ascii(breakdown.total))?;
    for warning in &breakdown.warnings {
        writeln!(out, "Attention : {}", warning.message)?;
    }
    Ok(())
}

/// Clap's usage errors, said in French.
fn usage_error_in_french(error: &clap::Error) -> String {
    let context = |kind: ContextKind| -> String {
        match error.get(kind) {
            Some(ContextValue::String(text)) => text.clone(),
            Some(ContextValue::Strings(texts)) => texts.join(", "),
            Some(ContextValue::StyledStr(text)) => text.to_string(),
            Some(ContextValue::StyledStrs(texts)) => {
                texts.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            }
            _ => String::new(),
        }
    };
    let suggestion = |kind: ContextKind| {
        let suggested = context(kind);
        if suggested.is_empty() {
            String::new()
        } else {
            format!(" Vouliez-vous dire « {suggested} » ?")
        }
    };
    match error.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} ».{}",
            context(ContextKind::InvalidSubcommand),
            suggestion(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => format!(
            "option inconnue « {} ».{}",
            context(ContextKind::InvalidArg),
            suggestion(ContextKind::SuggestedArg)
        ),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error).map(ToString::to_string).unwrap_or_default();
            format!("{} : {reason}", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => format!(
            "valeur « {} » refusée pour {} (valeurs possibles : {}).",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue)
        ),
        ErrorKind::MissingRequiredArgument => format!("il manque {}.", context(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "indiquez une commande : clients, invoices, summary, penalties, propose, decide, kinds, letter, batch, \
             plan, dispatch, letters, attach, prices, deposit-list, dossier, demo, export, load, import, imports, \
             undo-import, backups, backup, restore, bundle ou unbundle."
                .to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "{} ne peut pas être utilisé avec {}.",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        _ => format!("arguments incorrects ({}).", error.kind()),
    }
}

fn print_proposal(out: &mut impl Write, proposal: &ardoise::domain::dunning::Proposal) -> anyhow::Result<()> {
    writeln!(out, "{} (client n° {}) : {}", proposal.client_name, proposal.client_id, proposal.title)?;
    writeln!(out, "  {}", proposal.reason)?;
    for invoice in &proposal.invoices {
        writeln!(
            out,
            "  facture {:<11} échue le {}  reste dû {:>12}  ({} j de retard)",
            invoice.number,
            format_short(invoice.due_date),
            format_eur_ascii(invoice.remaining),
            invoice.days_late
        )?;
    }
    writeln!(
        out,
        "  principal {} + intérêts {} + indemnité {} = {}",
        format_eur_ascii(proposal.principal),
        format_eur_ascii(proposal.interest),
        format_eur_ascii(proposal.indemnity),
        format_eur_ascii(proposal.total)
    )?;
    writeln!(
        out,
        "  envoi : {}, le {} · étape « {} »",
        proposal.dispatch.label(),
        format_short(proposal.sending_day),
        proposal.step
    )?;
    for warning in &proposal.warnings {
        writeln!(out, "  ! {warning}")?;
    }
    writeln!(out)?;
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width - 1).collect();
        cut.push('…');
        cut
    }
}
