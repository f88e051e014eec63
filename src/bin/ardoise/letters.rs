//! The `kinds`, `letter`, `batch`, `letters cancel` and `letters switch` commands: the catalogue, a letter
//! drafted about the invoices given and printed at once, every letter waiting to be printed, a letter
//! cancelled with its reason, and a letter put on paper or on e-mail. (`letters` and `letters list`, the
//! list, are in `dispatch.rs`.)

use crate::output::json;
use ardoise::desk::email;
use ardoise::desk::format::format_long;
use ardoise::desk::letter_facts::LetterRequest;
use ardoise::desk::letters::{self, ExportTarget};
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;
use std::path::Path;

/// `ardoise letters` with a subcommand; without one it lists, as `list` does.
#[derive(Subcommand, Debug)]
pub enum LettersCommand {
    /// Liste les courriers avec leur état, leur délai et l'intégrité de leur copie archivée.
    List {
        /// Les courriers d'un client seulement : son numéro ou son nom.
        #[arg(long)]
        client: Option<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Annule un courrier préparé ou imprimé (pas encore envoyé) : il reste dans l'historique du client,
    /// avec son motif, et ne bloque plus les relances.
    Cancel {
        /// Le numéro du courrier (voir `ardoise letters`).
        #[arg(long, value_parser = super::parse_number, value_name = "NUMÉRO")]
        letter: i64,
        /// Pourquoi il est annulé (gardé dans l'historique du client).
        #[arg(long, value_name = "MOTIF")]
        reason: String,
        /// Date de l'annulation (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
    },
    /// Change la façon dont un courrier pas encore envoyé partira : par la poste (paper, en lettre simple ;
    /// un recommandé le reste) ou par e-mail (email), comme « Envoyer par courrier » et « Envoyer par
    /// e-mail » dans la fenêtre.
    Switch {
        /// Le numéro du courrier (voir `ardoise letters`).
        #[arg(long, value_parser = super::parse_number, value_name = "NUMÉRO")]
        letter: i64,
        /// paper (par la poste) ou email (par e-mail).
        #[arg(long, value_parser = ["paper", "email"], value_name = "ENVOI")]
        to: String,
    },
}

/// What `ardoise letter` drafts: a kind, a client (resolved), invoice numbers, a variant.
pub struct LetterArguments {
    pub kind: String,
    pub client: i64,
    pub invoices: Vec<String>,
    pub variant: String,
}

/// The catalogue, as a table or JSON.
pub fn kinds(out: &mut impl Write, as_json: bool) -> anyhow::Result<()> {
    let kinds = letters::kinds();
    if as_json {
        return json(out, &kinds);
    }
    for entry in kinds {
        writeln!(out, "{:<22} {:<48} {}", entry.kind.id(), entry.title, entry.dispatch_label)?;
        writeln!(out, "{:<22} faits : {}", "", entry.required_facts.join(", "))?;
    }
    Ok(())
}

/// Drafts and stores a letter about the invoices given (the kind's usual ones when none are), writes its
/// PDF and records it printed, as « Préparer un courrier » then « Exporter en PDF » do in the window. The
/// facts a template failed to state are reported; the file is still written.
pub fn letter(
    out: &mut impl Write,
    ledger: &mut Ledger,
    arguments: LetterArguments,
    date: NaiveDate,
    file: &Path,
) -> anyhow::Result<()> {
    let kind = letters::kind_of(&arguments.kind)?;
    let numbers: Vec<String> = arguments.invoices.into_iter().filter(|n| !n.trim().is_empty()).collect();
    if numbers.is_empty() {
        let choices = letters::draft_choices(ledger, arguments.client, kind, date)?;
        if !choices.iter().any(|choice| choice.preselected) {
            let known: Vec<&str> = choices.iter().map(|choice| choice.number.as_str()).collect();
            anyhow::bail!(
                "aucune facture n'est visée d'office par ce courrier : indiquez-les avec --invoices N°1,N°2 \
                 (factures du client : {}).",
                if known.is_empty() { "aucune".to_string() } else { known.join(", ") }
            );
        }
    }
    let request = LetterRequest {
        kind,
        client_id: arguments.client,
        date,
        variant: arguments.variant,
        invoice_ids: letters::invoices_by_number(ledger, arguments.client, &numbers)?,
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    let done = letters::draft_and_export(ledger, &request, &ExportTarget::File(file.to_path_buf()))?;
    for problem in &done.letter.problems {
        eprintln!("ardoise : attention, {problem}");
    }
    let invoices: Vec<&str> = done.letter.facts.invoices.iter().map(|invoice| invoice.number.as_str()).collect();
    writeln!(
        out,
        "{} {} dans « {} » : courrier n° {} à {}, factures {}, imprimé (son PDF est conservé pour l'archive).",
        done.letter.facts.title,
        if kind.feminine() { "écrite" } else { "écrit" },
        done.path.display(),
        done.letter_id,
        done.letter.facts.client.name,
        invoices.join(", ")
    )?;
    Ok(())
}

/// Every letter waiting to be printed, one PDF each or all in one (`single`), into `folder`, each followed
/// by the invoices' documents it encloses with `with_documents`. A letter that cannot be printed does not
/// hold back the others: it is listed with its client and the reason, and the command ends in error.
pub fn batch(
    ledger: &mut Ledger,
    date: NaiveDate,
    folder: &Path,
    single: bool,
    with_documents: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let done = letters::export_printable(ledger, date, folder, single, with_documents, |_, _| ())?;
    writeln!(out, "{} fichier(s) écrit(s) dans « {} ».", done.files.len(), folder.display())?;
    for file in &done.files {
        writeln!(out, "  {}", file.file_name().unwrap_or_default().to_string_lossy())?;
    }
    if done.refused.is_empty() {
        return Ok(());
    }
    let refusals: Vec<String> = done
        .refused
        .iter()
        .map(|letter| {
            format!(
                "  courrier n° {} ({}) à {} : {}",
                letter.letter_id, letter.title, letter.client_name, letter.reason
            )
        })
        .collect();
    anyhow::bail!(
        "{} courrier(s) écrit(s), {} non imprimé(s) (ils restent à imprimer) :\n{}",
        done.printed.len(),
        done.refused.len(),
        refusals.join("\n")
    )
}

/// Cancels a drafted or printed letter with its reason.
pub fn cancel(
    ledger: &mut Ledger,
    letter: i64,
    reason: &str,
    date: NaiveDate,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let row = letters::cancel(ledger, letter, date, reason)?;
    writeln!(
        out,
        "Courrier n° {} ({}) annulé le {} : {}. Il reste dans l'historique du client et ne bloque plus les relances.",
        row.id,
        row.kind.title(),
        format_long(date),
        row.cancel_reason.unwrap_or_default()
    )?;
    Ok(())
}

/// Puts a letter not yet sent on paper or on e-mail, and says what to do next.
pub fn switch(ledger: &mut Ledger, letter: i64, to: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let row = match to {
        "email" => email::switch_to_email(ledger, letter)?,
        _ => email::switch_to_paper(ledger, letter)?,
    };
    let title = row.kind.title();
    if row.dispatch.id() == "email" {
        writeln!(
            out,
            "Courrier n° {letter} ({title}) : il partira par e-mail. Envoyez-le : `ardoise email send --letter {letter}`."
        )?;
        return Ok(());
    }
    let print = match row.status.as_str() {
        "printed" => "Postez le PDF imprimé",
        _ => "Imprimez-le (`ardoise batch --out DOSSIER`), postez-le",
    };
    let registered = if row.dispatch.id() == "registered" { " --tracking N° --level R1 [--receipt]" } else { "" };
    writeln!(
        out,
        "Courrier n° {letter} ({title}) : il partira par la poste, en {}. {print}, puis enregistrez son dépôt : \
         `ardoise dispatch --letter {letter} --deposit AAAA-MM-JJ{registered}`.",
        row.dispatch.label()
    )?;
    Ok(())
}

/// A message of the desk about a letter's e-mail with the window's ways of switching it (a button, its
/// page) replaced by this command line's own command.
pub fn in_command_line_words(message: &str, letter: i64) -> String {
    message
        .replace(email::TO_PAPER_IN_WINDOW, &format!("`ardoise letters switch --letter {letter} --to paper`"))
        .replace(
            email::TO_EMAIL_IN_WINDOW,
            &format!("pour l'envoyer par e-mail, faites d'abord `ardoise letters switch --letter {letter} --to email`"),
        )
}
