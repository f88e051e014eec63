//! The `ardoise` command line (F10): the same core as the window, for scripts, benchmarks and tests.
//! This file parses the arguments (in French: help, usage errors and value errors), reads the clock for
//! the default date, resolves `--client` (a number or a name), and hands each command to its family's
//! file (`accounts`, `books`, `dunning`, `letters`, `email`, `plans`, `dispatch`, `import`, `bank`,
//! `ledger`, `settings`), which calls the desk and prints. A closed pipe (`ardoise … | head`) ends the command
//! silently.

use anyhow::{anyhow, bail, Context};
use ardoise::desk::books::{AccountantFormat, BookFormat};
use ardoise::desk::{clients, ledger_file, Ledger};
use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::{Path, PathBuf};

mod accounts;
mod bank;
mod books;
mod client;
mod dispatch;
mod dunning;
mod email;
mod events;
mod import;
mod ledger;
mod letters;
mod output;
mod payments;
mod plans;
mod settings;
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
        /// Seulement les factures de ce client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: Option<String>,
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
    /// Passe une facture en perte (abandon de créance) à une date, ou annule cet abandon (--cancel).
    #[command(name = "write-off", help_template = TEMPLATE)]
    WriteOff {
        /// La facture : son numéro (F2026-068), voir `ardoise invoices`.
        #[arg(long)]
        invoice: String,
        /// Date de l'abandon (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day, conflicts_with = "cancel")]
        date: Option<NaiveDate>,
        /// Annule l'abandon : la facture redevient due (le client a payé finalement, ou abandon saisi par
        /// erreur).
        #[arg(long)]
        cancel: bool,
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
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: String,
        /// Date de calcul (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Livre des recettes d'une période : chaque encaissement, les espèces à part, les totaux par mois.
    #[command(help_template = TEMPLATE)]
    Receipts {
        /// Premier jour de la période (AAAA-MM-JJ ou JJ/MM/AAAA).
        #[arg(long, value_parser = parse_day)]
        from: NaiveDate,
        /// Dernier jour de la période.
        #[arg(long, value_parser = parse_day)]
        to: NaiveDate,
        /// Fichier CSV pour un tableur (UTF-8, « ; », virgule décimale).
        #[arg(long, value_name = "FICHIER", group = "receipts_output")]
        csv: Option<PathBuf>,
        /// Classeur XLSX.
        #[arg(long, value_name = "FICHIER", group = "receipts_output")]
        xlsx: Option<PathBuf>,
        /// PDF à imprimer, pages numérotées.
        #[arg(long, value_name = "FICHIER", group = "receipts_output")]
        pdf: Option<PathBuf>,
        /// Sortie JSON : `lines` (date, invoices, client, nature, amount, method...) et `totals`.
        #[arg(long, group = "receipts_output")]
        json: bool,
    },
    /// Relevé de compte d'un client à une date : factures, avoirs, règlements et leurs affectations, rejets, solde.
    #[command(help_template = TEMPLATE)]
    Statement {
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: String,
        /// Date du relevé (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Le PDF du relevé à écrire (courrier et annexes).
        #[arg(long, value_name = "FICHIER", conflicts_with = "json")]
        out: Option<PathBuf>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export pour le comptable d'une période : factures, règlements et affectations, abandons, pénalités.
    #[command(help_template = TEMPLATE)]
    Accountant {
        /// Premier jour de la période.
        #[arg(long, value_parser = parse_day)]
        from: NaiveDate,
        /// Dernier jour de la période.
        #[arg(long, value_parser = parse_day)]
        to: NaiveDate,
        /// Classeur XLSX, une feuille par liste.
        #[arg(long, value_name = "FICHIER", group = "accountant_output")]
        xlsx: Option<PathBuf>,
        /// Archive ZIP d'un fichier CSV par liste (UTF-8, « ; », virgule décimale).
        #[arg(long, value_name = "FICHIER.zip", group = "accountant_output")]
        csv: Option<PathBuf>,
        /// Sortie JSON.
        #[arg(long, group = "accountant_output")]
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
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: String,
        /// accept (préparer le courrier), skip (ignorer cette étape) ou snooze (reporter).
        #[arg(long, value_parser = ["accept", "skip", "snooze"])]
        action: String,
        /// Pour snooze : date de reprise des relances (AAAA-MM-JJ).
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        until: Option<NaiveDate>,
        /// Date de la décision (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// Crée un registre vide (--db FICHIER), à remplir par `import`, `load` ou la fenêtre.
    #[command(help_template = TEMPLATE)]
    Init,
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
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Importe les factures d'un tableur (CSV, XLSX, XLS, ODS) ou des factures électroniques (Factur-X,
    /// CII, UBL) : un fichier, plusieurs, ou un dossier entier.
    #[command(help_template = TEMPLATE)]
    Import {
        /// Le fichier à importer, ou plusieurs fichiers et dossiers de factures électroniques (le registre
        /// est créé s'il n'existe pas encore).
        #[arg(required = true, value_name = "FICHIER|DOSSIER")]
        files: Vec<PathBuf>,
        /// La feuille à lire dans un classeur (la première qui a des cellules par défaut).
        #[arg(long, value_name = "NOM")]
        sheet: Option<String>,
        /// Corrige la correspondance d'une colonne d'un tableur : son titre (ou sa lettre, C, ou son numéro,
        /// 3), le signe = et le champ qu'elle contient (number, client, issue_date, due_date, amount,
        /// amount_excl_vat, paid, remaining, status… ou son nom français, « Montant TTC » ; « - » pour ne pas
        /// l'importer). Répétable ; les autres colonnes gardent ce qui est reconnu. Retenue pour les
        /// fichiers de la même présentation.
        #[arg(long = "column", value_name = "COLONNE=CHAMP")]
        columns: Vec<String>,
        /// Le numéro de la ligne des titres de colonnes d'un tableur, quand elle n'est pas reconnue.
        #[arg(long, value_name = "N")]
        header_row: Option<usize>,
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
    /// Relevés bancaires : import (rapprochement des crédits et des factures), history, undo.
    #[command(help_template = TEMPLATE, subcommand)]
    Bank(bank::BankCommand),
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
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Remplace le registre par une sauvegarde (le registre actuel est sauvegardé d'abord).
    #[command(help_template = TEMPLATE)]
    Restore {
        /// Le nom de la sauvegarde, tel que `ardoise backups` l'affiche.
        #[arg(value_name = "NOM")]
        name: String,
    },
    /// Liste les modèles de courrier : type, titre, envoi, faits obligatoires.
    #[command(help_template = TEMPLATE)]
    Kinds {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Prépare un courrier pour un client sur les factures choisies, l'enregistre et écrit son PDF
    /// (le courrier compte comme imprimé ; voir `ardoise kinds` pour les types).
    #[command(help_template = TEMPLATE)]
    Letter {
        /// Le type de courrier (formal_notice, friendly_reminder...).
        #[arg(long, value_name = "TYPE")]
        kind: String,
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: String,
        /// Les numéros des factures concernées, séparés par des virgules (F2026-014,F2026-020) ; par défaut
        /// celles que le type de courrier vise (les factures en retard pour une relance).
        #[arg(long, value_name = "FACTURES", value_delimiter = ',')]
        invoices: Vec<String>,
        /// Date du courrier (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// Variante : with_fees (échéancier avec frais).
        #[arg(long, default_value = "", value_name = "VARIANTE")]
        variant: String,
        /// Le fichier PDF à écrire.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Écrit les PDF de tous les courriers à imprimer (préparés, quel que soit leur jour, ou modifiés
    /// depuis leur impression) dans un dossier ; ils comptent alors comme imprimés.
    #[command(help_template = TEMPLATE)]
    Batch {
        /// Date imprimée sur les courriers (AAAA-MM-JJ), aujourd'hui par défaut.
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
    /// E-mails : setup (régler l'envoi), send (envoyer un courrier par e-mail), batch (tous ceux du jour).
    #[command(help_template = TEMPLATE, subcommand)]
    Email(email::EmailCommand),
    /// Échéanciers : draft (préparer), list, sign (bon pour accord reçu), export (PDF), abandon.
    #[command(help_template = TEMPLATE, subcommand)]
    Plan(plans::PlanCommand),
    /// La fiche d'un client : show (la montrer), edit (changer son adresse, son e-mail, son téléphone…).
    #[command(help_template = TEMPLATE, subcommand)]
    Client(client::ClientCommand),
    /// Le suivi d'un client : add (promesse de paiement, litige, pause des relances, appel, note…), list,
    /// close (clore un litige ou une pause).
    #[command(help_template = TEMPLATE, subcommand)]
    Event(events::EventCommand),
    /// Règlements reçus : record (enregistrer un chèque, un virement…), list, reject (rejet de la banque),
    /// delete (saisie erronée).
    #[command(help_template = TEMPLATE, subcommand)]
    Payment(payments::PaymentCommand),
    /// Montre ou change ce que les courriers disent de vous : votre identité d'expéditeur (nom légal, adresse,
    /// SIREN/SIRET, TVA, coordonnées, IBAN, ville de la date), la forme d'adresse, la signature et le logo
    /// (PNG ou JPEG). Seuls les champs donnés changent ; une valeur vide (--trade-name "") efface le champ.
    #[command(help_template = TEMPLATE)]
    Profile {
        #[command(flatten)]
        identity: Box<settings::ProfileFields>,
        /// Comment vos courriers parlent de vous : madame, monsieur ou entreprise (« nous »).
        #[arg(long, value_name = "FORME")]
        addressed_as: Option<String>,
        /// L'image de votre signature (PNG ou JPEG), imprimée sous votre nom.
        #[arg(long, value_name = "FICHIER")]
        signature: Option<PathBuf>,
        /// Votre logo (PNG ou JPEG), imprimé en tête de l'expéditeur.
        #[arg(long, value_name = "FICHIER")]
        logo: Option<PathBuf>,
        /// Retire l'image de signature.
        #[arg(long, conflicts_with = "signature")]
        no_signature: bool,
        /// Retire le logo.
        #[arg(long, conflicts_with = "logo")]
        no_logo: bool,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Affiche le tableau des taux par semestre, ou saisit ceux d'un semestre (--semester).
    #[command(help_template = TEMPLATE)]
    Rates {
        /// Le semestre à saisir (ex. 2026-S2).
        #[arg(long, value_name = "SEMESTRE")]
        semester: Option<String>,
        /// Taux BCE de refinancement au 1er janvier ou au 1er juillet, en % (ex. 2,15).
        #[arg(long, value_name = "TAUX", requires = "semester")]
        ecb: Option<String>,
        /// Taux de l'intérêt légal « autres cas », en %.
        #[arg(long, value_name = "TAUX", requires = "semester")]
        legal_other: Option<String>,
        /// Taux de l'intérêt légal pour un créancier particulier, en %.
        #[arg(long, value_name = "TAUX", requires = "semester")]
        legal_individual: Option<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Confirme, pour la déclaration de créance d'un client en procédure collective, les sommes à échoir et
    /// les sûretés (« aucune » s'il n'y en a pas) : le courrier n'affirme que cela.
    #[command(name = "claim-statement", help_template = TEMPLATE)]
    ClaimStatement {
        /// Le client : son numéro ou son nom (voir `ardoise clients`).
        #[arg(long)]
        client: String,
        /// Les sommes à échoir et leurs dates, ou « aucune ».
        #[arg(long, value_name = "TEXTE")]
        to_fall_due: String,
        /// Les sûretés (réserve de propriété, privilège, caution…), ou « aucune ».
        #[arg(long, value_name = "TEXTE")]
        securities: String,
        /// Date de la confirmation (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = parse_day)]
        date: Option<NaiveDate>,
    },
    /// Enregistre l'envoi d'un courrier imprimé (n° de recommandé, niveau, AR, date de dépôt), en archivant
    /// le PDF imprimé tel quel, ou sa distribution.
    #[command(help_template = TEMPLATE)]
    Dispatch {
        /// Le numéro du courrier (voir `ardoise letters`).
        #[arg(long, value_parser = parse_number, value_name = "NUMÉRO")]
        letter: i64,
        #[command(flatten)]
        request: dispatch::DispatchRequest,
    },
    /// Les courriers : sans sous-commande (ou avec `list`), la liste avec leur état, leur délai et
    /// l'intégrité de leur copie archivée ; `cancel` annule un courrier préparé ou imprimé ; `switch` le fait
    /// partir par la poste ou par e-mail.
    #[command(help_template = TEMPLATE, args_conflicts_with_subcommands = true)]
    Letters {
        #[command(subcommand)]
        command: Option<letters::LettersCommand>,
        /// Les courriers d'un client seulement : son numéro ou son nom.
        #[arg(long)]
        client: Option<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Archive le scan d'une preuve de dépôt ou d'un avis de réception signé, rattaché à un courrier.
    #[command(help_template = TEMPLATE)]
    Attach {
        /// Le numéro du courrier.
        #[arg(long, value_parser = parse_number, value_name = "NUMÉRO")]
        letter: i64,
        /// deposit_proof (preuve de dépôt) ou receipt (accusé de réception).
        #[arg(long, value_name = "RÔLE")]
        role: String,
        /// Le fichier scanné : un PDF, une image PNG ou JPEG (reconnu à son contenu). Seul un courrier
        /// enregistré comme envoyé reçoit une preuve.
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
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Prix R1 d'une lettre recommandée de 20 g, en euros.
        #[arg(long, value_name = "PRIX")]
        r1: Option<String>,
        /// Prix R2.
        #[arg(long, value_name = "PRIX")]
        r2: Option<String>,
        /// Prix R3.
        #[arg(long, value_name = "PRIX")]
        r3: Option<String>,
        /// Prix de l'avis de réception.
        #[arg(long, value_name = "PRIX")]
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
        /// Le client : son numéro ou son nom.
        #[arg(long)]
        client: String,
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

/// A letter's or a plan's number, refused in French (clap's own parser answers in English).
fn parse_number(text: &str) -> Result<i64, String> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|number| *number > 0)
        .ok_or_else(|| format!("« {text} » n'est pas un numéro : écrivez un nombre entier, par exemple 12."))
}

/// The command line's definition with clap's English left out: French headings and usage line in every
/// command's help, default and possible values said in the descriptions rather than in clap's words.
fn command_in_french(command: clap::Command) -> clap::Command {
    command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .disable_help_subcommand(true)
        .mut_args(|arg| {
            let arg = if arg.get_action().takes_values() {
                arg.hide_default_value(true).hide_possible_values(true)
            } else {
                arg
            };
            match (arg.is_positional(), arg.get_help_heading().is_some()) {
                (false, false) => arg.help_heading("Options"),
                _ => arg,
            }
        })
        .mut_subcommands(command_in_french)
}

fn main() {
    let command = command_in_french(Arguments::command());
    let parsed = command.clone().try_get_matches().and_then(|matches| Arguments::from_arg_matches(&matches));
    let arguments = match parsed {
        Ok(arguments) => arguments,
        Err(error) if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // Help on a closed pipe (`ardoise --help | head -1`) ends quietly too.
            let _ = error.print();
            std::process::exit(0);
        }
        Err(error) => {
            let words: Vec<String> = std::env::args().skip(1).collect();
            eprintln!("ardoise : {}\nVoir `ardoise --help`.", usage::usage_error_in_french(&error, &command, &words));
            std::process::exit(2);
        }
    };
    if let Err(error) = run(arguments) {
        // The reader went away (`ardoise … | head`): nothing to say, and nobody to say it to.
        if closed_pipe(&error) {
            std::process::exit(0);
        }
        eprintln!("ardoise : {}", in_french(&error));
        std::process::exit(1);
    }
}

/// The error and its causes, outermost first, with what the system said about a file in French.
fn in_french(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => ardoise::desk::format::io_in_french(io),
            None => cause.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" : ")
}

/// True when the error is a write to a pipe whose reader has gone.
fn closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Resolves a `--client` given as a number or a name.
fn client_of(ledger: &Ledger, text: &str) -> anyhow::Result<i64> {
    Ok(clients::find_client(ledger, text)?)
}

fn run(arguments: Arguments) -> anyhow::Result<()> {
    let path = match arguments.db {
        Some(path) => path,
        None => ledger_file::default_ledger_path()
            .ok_or_else(|| anyhow!("aucun dossier de données : indiquez --db CHEMIN"))?,
    };
    let mut out = std::io::stdout().lock();
    // The shell reads the clock; the core takes the day (and the moment, for backup names) as arguments.
    let today = || chrono::Local::now().date_naive();
    let now = || chrono::Local::now().naive_local();
    match &arguments.command {
        Command::Unbundle { file } => return ledger::unbundle(file, &path, &mut out),
        Command::Init => return ledger::init(&path, today(), &mut out),
        Command::Import { files, sheet, columns, header_row, dry_run, json, date } if !path.exists() => {
            let date = date.unwrap_or_else(today);
            let how = import::HowToRead { sheet: sheet.as_deref(), header_row: *header_row, columns };
            return import::import_into_new(&path, files, &how, *dry_run, *json, date, &mut out);
        }
        _ => {}
    }
    // Only the commands that fill a ledger may create one: a mistyped --db must not answer with zeros.
    let creates = matches!(arguments.command, Command::Demo { .. } | Command::Load { .. });
    if !creates && !path.exists() {
        bail!(
            "registre « {} » introuvable. Vérifiez le chemin donné à --db, ou créez-le : `ardoise --db {} init` \
             (vide), `import FICHIER`, `demo` ou `load`.",
            path.display(),
            path.display()
        );
    }
    let mut ledger = open(&path)?;
    let out = &mut out;
    match arguments.command {
        Command::Clients { date, json } => accounts::clients(&ledger, date.unwrap_or_else(today), json, out)?,
        Command::Invoices { client, date, json, csv } => {
            let client = client.map(|text| client_of(&ledger, &text)).transpose()?;
            accounts::invoices(&ledger, client, date.unwrap_or_else(today), json, csv.as_deref(), out)?
        }
        Command::InvoiceDocument { invoice, file, remove, json } => {
            accounts::invoice_document(&mut ledger, &invoice, file.as_deref(), remove, json, out)?
        }
        Command::WriteOff { invoice, date, cancel, json } => {
            accounts::write_off(&mut ledger, &invoice, date.unwrap_or_else(today), cancel, json, out)?
        }
        Command::Summary { date, json } => accounts::summary(&ledger, date.unwrap_or_else(today), json, out)?,
        Command::Penalties { client, date, json } => {
            let client = client_of(&ledger, &client)?;
            accounts::penalties(&ledger, client, date.unwrap_or_else(today), json, out)?
        }
        Command::Receipts { from, to, csv, xlsx, pdf, json } => {
            let output = match (csv, xlsx, pdf) {
                (Some(file), _, _) => books::ReceiptsOutput::File(BookFormat::Csv, file),
                (_, Some(file), _) => books::ReceiptsOutput::File(BookFormat::Xlsx, file),
                (_, _, Some(file)) => books::ReceiptsOutput::File(BookFormat::Pdf, file),
                _ if json => books::ReceiptsOutput::Json,
                _ => books::ReceiptsOutput::Text,
            };
            books::receipts(&ledger, from, to, output, today(), out)?
        }
        Command::Statement { client, date, out: file, json } => {
            let client = client_of(&ledger, &client)?;
            books::statement(&ledger, client, date.unwrap_or_else(today), file, json, out)?
        }
        Command::Accountant { from, to, xlsx, csv, json: _ } => {
            let file = match (xlsx, csv) {
                (Some(file), _) => Some((AccountantFormat::Xlsx, file)),
                (_, Some(file)) => Some((AccountantFormat::CsvZip, file)),
                _ => None,
            };
            books::accountant(&ledger, from, to, file, today(), out)?
        }
        Command::Propose { date, json } => dunning::propose(&ledger, date.unwrap_or_else(today), json, out)?,
        Command::Decide { client, action, until, date } => {
            let client = client_of(&ledger, &client)?;
            dunning::decide(&mut ledger, client, &action, until, date.unwrap_or_else(today), out)?
        }
        Command::Init => unreachable!("handled before the ledger is opened"),
        Command::Demo { date } => ledger::demo(&mut ledger, date.unwrap_or_else(today), out)?,
        Command::Export { json: _, out: file } => ledger::export(&ledger, file.as_deref(), out)?,
        Command::Load { file } => ledger::load(&mut ledger, &file, out)?,
        Command::Import { files, sheet, columns, header_row, dry_run, json, date } => {
            let how = import::HowToRead { sheet: sheet.as_deref(), header_row, columns: &columns };
            import::import(&mut ledger, &files, &how, dry_run, json, date.unwrap_or_else(today), out)?
        }
        Command::Imports { json } => import::list(&ledger, json, out)?,
        Command::UndoImport { json } => import::undo(&mut ledger, json, out)?,
        Command::Bank(command) => bank::run(&mut ledger, command, today(), out)?,
        Command::Plan(command) => plans::run(&mut ledger, command, today(), out)?,
        Command::Payment(command) => payments::run(&mut ledger, command, today(), out)?,
        Command::Client(command) => client::run(&mut ledger, command, out)?,
        Command::Event(command) => events::run(&mut ledger, command, today(), out)?,
        Command::Email(command) => email::run(&mut ledger, command, chrono::Local::now().fixed_offset(), out)?,
        Command::Backups { json } => ledger::backups(&ledger, json, out)?,
        Command::Backup => ledger::backup(&ledger, now(), out)?,
        Command::Restore { name } => ledger::restore(&mut ledger, &name, now(), out)?,
        Command::Bundle { out: file } => ledger::bundle(&ledger, &file, out)?,
        Command::Unbundle { .. } => unreachable!("handled before the ledger is opened"),
        Command::Kinds { json } => letters::kinds(out, json)?,
        Command::Letter { kind, client, invoices, date, variant, out: file } => {
            let client = client_of(&ledger, &client)?;
            let request = letters::LetterArguments { kind, client, invoices, variant };
            letters::letter(out, &mut ledger, request, date.unwrap_or_else(today), &file)?
        }
        Command::Batch { date, out: folder, single, with_invoices } => {
            letters::batch(&mut ledger, date.unwrap_or_else(today), &folder, single, with_invoices, out)?
        }
        Command::Dispatch { letter, request } => dispatch::record(&mut ledger, letter, request, out)?,
        Command::Letters { command, client, json } => match command {
            Some(letters::LettersCommand::Cancel { letter, reason, date }) => {
                letters::cancel(&mut ledger, letter, &reason, date.unwrap_or_else(today), out)?
            }
            Some(letters::LettersCommand::Switch { letter, to }) => letters::switch(&mut ledger, letter, &to, out)?,
            Some(letters::LettersCommand::List { client, json }) => {
                let client = client.map(|text| client_of(&ledger, &text)).transpose()?;
                dispatch::list(&ledger, client, json, out)?
            }
            None => {
                let client = client.map(|text| client_of(&ledger, &text)).transpose()?;
                dispatch::list(&ledger, client, json, out)?
            }
        },
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
        Command::Profile { identity, addressed_as, signature, logo, no_signature, no_logo, json } => {
            let request =
                settings::ProfileRequest { identity: *identity, addressed_as, signature, logo, no_signature, no_logo };
            settings::profile(&mut ledger, request, json, out)?
        }
        Command::Rates { semester, ecb, legal_other, legal_individual, json } => {
            let request = settings::RatesRequest { semester, ecb, legal_other, legal_individual };
            settings::rates(&mut ledger, request, json, out)?
        }
        Command::ClaimStatement { client, to_fall_due, securities, date } => {
            let client = client_of(&ledger, &client)?;
            settings::claim_statement(&mut ledger, client, &to_fall_due, &securities, date.unwrap_or_else(today), out)?
        }
        Command::Dossier { client, date, out: folder, json } => {
            let client = client_of(&ledger, &client)?;
            dispatch::dossier(&ledger, client, date.unwrap_or_else(today), &folder, json, out)?
        }
    }
    Ok(())
}

/// Opens the ledger at `path` (it exists, or the command creates it).
fn open(path: &Path) -> anyhow::Result<Ledger> {
    ledger_file::open(path).with_context(|| format!("registre « {} »", path.display()))
}
