//! The `ardoise` command line (F10): the same core as the window, for scripts, benchmarks and tests.
//! This file parses the arguments, reads the clock for the default date and hands each command to its
//! family's file (`accounts`, `dunning`, `letters`, `plans`, `dispatch`, `import`, `ledger`), which
//! calls the desk and prints.

use anyhow::{anyhow, bail, Context};
use ardoise::desk::ledger_file;
use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{ArgAction, Parser, Subcommand};
use std::path::PathBuf;

mod accounts;
mod dispatch;
mod dunning;
mod import;
mod ledger;
mod letters;
mod output;
mod plans;
mod usage;

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
    /// Joint le PDF d'une facture (son document), le retire, ou l'affiche : les courriers le joignent.
    #[command(name = "invoice-document", help_template = TEMPLATE)]
    InvoiceDocument {
        /// La facture : son numéro (F2026-068), voir `ardoise invoices`.
        #[arg(long)]
        invoice: String,
        /// Le PDF de la facture à joindre (il remplace le document qu'elle avait).
        #[arg(long, value_name = "FICHIER", conflicts_with = "remove")]
        file: Option<PathBuf>,
        /// Retire le document de la facture.
        #[arg(long)]
        remove: bool,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
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
    /// Importe les factures d'un tableur (CSV, XLSX, XLS, ODS) ou des factures électroniques (Factur-X,
    /// CII, UBL) : un fichier, plusieurs, ou un dossier entier.
    #[command(help_template = TEMPLATE)]
    Import {
        /// Le fichier à importer, ou plusieurs fichiers et dossiers de factures électroniques.
        #[arg(required = true, value_name = "FICHIER|DOSSIER")]
        files: Vec<PathBuf>,
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
        /// Imprime après chaque courrier les factures qu'il joint (leur PDF gardé avec la facture).
        #[arg(long)]
        with_invoices: bool,
    },
    /// Échéanciers : draft (préparer), list, sign (bon pour accord reçu), export (PDF).
    #[command(help_template = TEMPLATE, subcommand)]
    Plan(plans::PlanCommand),
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

/// A date given as an option, read with the core's one grammar for dates.
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    ardoise::desk::forms::date("date", text).map_err(|error| error.to_string())
}

fn main() {
    let arguments = match Arguments::try_parse() {
        Ok(arguments) => arguments,
        Err(error) if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => error.exit(),
        Err(error) => {
            eprintln!("ardoise : {}\nVoir `ardoise --help`.", usage::usage_error_in_french(&error));
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
        None => ledger_file::default_ledger_path()
            .ok_or_else(|| anyhow!("aucun dossier de données : indiquez --db CHEMIN"))?,
    };
    let mut out = std::io::stdout().lock();
    if let Command::Unbundle { file } = &arguments.command {
        return ledger::unbundle(file, &path, &mut out);
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
    let mut ledger = ledger_file::open(&path).with_context(|| format!("registre « {} »", path.display()))?;
    // The shell reads the clock; the core takes the day (and the moment, for backup names) as arguments.
    let today = || chrono::Local::now().date_naive();
    let now = || chrono::Local::now().naive_local();
    let out = &mut out;
    match arguments.command {
        Command::Clients { date, json } => accounts::clients(&ledger, date.unwrap_or_else(today), json, out)?,
        Command::Invoices { client, date, json, csv } => {
            accounts::invoices(&ledger, client, date.unwrap_or_else(today), json, csv.as_deref(), out)?
        }
        Command::InvoiceDocument { invoice, file, remove, json } => {
            accounts::invoice_document(&mut ledger, &invoice, file.as_deref(), remove, json, out)?
        }
        Command::Summary { date, json } => accounts::summary(&ledger, date.unwrap_or_else(today), json, out)?,
        Command::Penalties { client, date, json } => {
            accounts::penalties(&ledger, client, date.unwrap_or_else(today), json, out)?
        }
        Command::Propose { date, json } => dunning::propose(&ledger, date.unwrap_or_else(today), json, out)?,
        Command::Decide { client, action, until, date } => {
            dunning::decide(&mut ledger, client, &action, until, date.unwrap_or_else(today), out)?
        }
        Command::Demo { date } => ledger::demo(&mut ledger, date.unwrap_or_else(today), out)?,
        Command::Export { json: _, out: file } => ledger::export(&ledger, file.as_deref(), out)?,
        Command::Load { file } => ledger::load(&mut ledger, &file, out)?,
        Command::Import { files, sheet, dry_run, json, date } => {
            import::import(&mut ledger, &files, sheet.as_deref(), dry_run, json, date.unwrap_or_else(today), out)?
        }
        Command::Imports { json } => import::list(&ledger, json, out)?,
        Command::UndoImport { json } => import::undo(&mut ledger, json, out)?,
        Command::Plan(command) => plans::run(&mut ledger, command, today(), out)?,
        Command::Backups { json } => ledger::backups(&ledger, json, out)?,
        Command::Backup => ledger::backup(&ledger, now(), out)?,
        Command::Restore { name } => ledger::restore(&mut ledger, &name, now(), out)?,
        Command::Bundle { out: file } => ledger::bundle(&ledger, &file, out)?,
        Command::Unbundle { .. } => unreachable!("handled before the ledger is opened"),
        Command::Kinds { json } => letters::kinds(out, json)?,
        Command::Letter { kind, client, date, variant, out: file } => {
            letters::letter(out, &ledger, &kind, client, date.unwrap_or_else(today), variant, &file)?
        }
        Command::Batch { date, out: folder, single, with_invoices } => {
            letters::batch(&mut ledger, date.unwrap_or_else(today), &folder, single, with_invoices, out)?
        }
        Command::Dispatch { letter, tracking, level, receipt, deposit, received, unclaimed, returned } => {
            let request =
                dispatch::DispatchRequest { tracking, level, receipt, deposit, received, unclaimed, returned };
            dispatch::record(&mut ledger, letter, request, out)?
        }
        Command::Letters { client, json } => dispatch::list(&ledger, client, json, out)?,
        Command::Attach { letter, role, file, date } => {
            dispatch::attach(&mut ledger, letter, &role, &file, date.unwrap_or_else(today), out)?
        }
        Command::Prices { from, r1, r2, r3, receipt, to_confirm, json } => {
            let prices = dispatch::PriceRequest { from, r1, r2, r3, receipt, to_confirm };
            dispatch::prices(&mut ledger, prices, json, out)?
        }
        Command::DepositList { date, out: file } => {
            dispatch::deposit_list(&ledger, date.unwrap_or_else(today), &file, out)?
        }
        Command::Dossier { client, date, out: folder, json } => {
            dispatch::dossier(&ledger, client, date.unwrap_or_else(today), &folder, json, out)?
        }
    }
    Ok(())
}
