//! The `email` command: set up sending once (`setup`), send one letter by e-mail (`send`), send every
//! e-mail letter waiting (`batch`) — the same core calls as the window. The password comes from
//! `ARDOISE_SMTP_PASSWORD` or the system's keychain; `ARDOISE_SMTP_CA` names a PEM file of an authority
//! to trust beside the system's (a company's own server).

use anyhow::{bail, Context};
use ardoise::desk::email::{self as email_desk, Mailer, SmtpSettingsText};
use ardoise::desk::format::format_long;
use ardoise::desk::Ledger;
use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Subcommand;
use std::io::Write;

/// The variable holding the SMTP password for the command line.
pub const PASSWORD_VARIABLE: &str = "ARDOISE_SMTP_PASSWORD";
/// The variable naming a PEM file of certificates to trust beside the system's.
pub const AUTHORITY_VARIABLE: &str = "ARDOISE_SMTP_CA";

#[derive(Subcommand, Debug)]
pub enum EmailCommand {
    /// Règle l'envoi des e-mails : serveur, port, sécurité, identifiant, adresse d'expédition (le mot de
    /// passe est lu dans ARDOISE_SMTP_PASSWORD et gardé dans le trousseau du système).
    Setup {
        /// Le serveur d'envoi (SMTP), par exemple smtp.orange.fr.
        #[arg(long, value_name = "SERVEUR")]
        host: String,
        /// Le port : 587 (STARTTLS) ou 465 (TLS).
        #[arg(long, value_name = "PORT")]
        port: String,
        /// starttls, tls, ou none (seulement vers cet ordinateur).
        #[arg(long, value_name = "SÉCURITÉ")]
        security: String,
        /// L'identifiant de connexion (le plus souvent l'adresse e-mail).
        #[arg(long, value_name = "IDENTIFIANT", default_value = "")]
        user: String,
        /// L'adresse d'expédition, celle que vos clients verront.
        #[arg(long = "from", value_name = "ADRESSE")]
        from: String,
        /// Le nom d'expéditeur (votre nom par défaut).
        #[arg(long, value_name = "NOM", default_value = "")]
        name: String,
        /// Envoie une copie cachée de chaque e-mail à votre propre adresse.
        #[arg(long)]
        bcc_self: bool,
    },
    /// Envoie un courrier par e-mail (le PDF en pièce jointe), l'enregistre envoyé et archive l'e-mail.
    Send {
        /// Le numéro du courrier (voir `ardoise letters`).
        #[arg(long, value_parser = super::parse_number, value_name = "NUMÉRO")]
        letter: i64,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Envoie tous les courriers à envoyer par e-mail préparés jusqu'à cette date.
    Batch {
        /// La date (AAAA-MM-JJ), aujourd'hui par défaut.
        #[arg(long, value_parser = super::parse_day)]
        date: Option<NaiveDate>,
    },
}

/// Runs an `email` command at `now` (the shell's clock).
pub fn run(
    ledger: &mut Ledger,
    command: EmailCommand,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut mailer = mailer()?;
    match command {
        EmailCommand::Setup { host, port, security, user, from, name, bcc_self } => {
            let text = SmtpSettingsText { host, port, security, user, from_address: from, from_name: name, bcc_self };
            let password = std::env::var(PASSWORD_VARIABLE).ok().filter(|p| !p.is_empty());
            let settings = email_desk::save_settings(ledger, &mut mailer, &text, None)?;
            let login = match settings.authenticates() {
                true => format!("identifiant « {} »", settings.user),
                false => "sans identification".to_string(),
            };
            writeln!(
                out,
                "Envoi des e-mails réglé : serveur {} port {}, sécurité {}, {login}, expéditeur {}{}.",
                settings.host,
                settings.port,
                settings.security.id(),
                settings.from_address,
                if settings.bcc_self { ", copie cachée à vous-même" } else { "" }
            )?;
            match password.filter(|_| settings.authenticates()) {
                Some(password) if mailer.give_password(&settings, &password) => {
                    writeln!(out, "Mot de passe gardé dans le trousseau du système.")?
                }
                Some(_) => writeln!(
                    out,
                    "Le trousseau du système n'est pas disponible : le mot de passe n'est gardé nulle part ; \
                     donnez-le dans {PASSWORD_VARIABLE} à chaque envoi."
                )?,
                None if settings.authenticates() && mailer.password(&settings).is_none() => writeln!(
                    out,
                    "Aucun mot de passe connu : donnez-le dans {PASSWORD_VARIABLE} (il sera gardé dans le trousseau \
                     du système quand il y en a un)."
                )?,
                None => {}
            }
            if let Some(advice) = ardoise::desk::email::provider_advice(&settings) {
                writeln!(out, "{advice}")?;
            }
        }
        EmailCommand::Send { letter, json } => {
            let sent = email_desk::send_letter_email(ledger, &mut mailer, letter, now)
                .map_err(|error| anyhow::anyhow!(crate::letters::in_command_line_words(&error.to_string(), letter)))?;
            if json {
                return crate::output::json(out, &sent);
            }
            writeln!(
                out,
                "Courrier n° {letter} envoyé par e-mail à {} le {} ; le serveur a répondu : « {} ».",
                sent.recipient,
                format_long(sent.sent_on),
                sent.server_reply
            )?;
            writeln!(
                out,
                "E-mail archivé : « {} » (SHA-256 {}), Message-ID {}.",
                sent.eml_file, sent.sha256, sent.message_id
            )?;
        }
        EmailCommand::Batch { date } => {
            let date = date.unwrap_or_else(|| now.date_naive());
            let mut progress = std::io::stderr();
            let lines = email_desk::send_batch(ledger, &mut mailer, date, now, |done, total| {
                let _ = writeln!(progress, "E-mail {done} sur {total}…");
            })?;
            if lines.is_empty() {
                writeln!(out, "Aucun courrier à envoyer par e-mail jusqu'au {}.", format_long(date))?;
            }
            for line in &lines {
                let state = if line.sent { "envoyé" } else { "NON ENVOYÉ" };
                let message = crate::letters::in_command_line_words(&line.message, line.letter_id);
                writeln!(out, "Courrier n° {} ({}) : {state}. {message}", line.letter_id, line.client_name)?;
            }
            let failed = lines.iter().filter(|line| !line.sent).count();
            if failed > 0 {
                bail!(
                    "{failed} courrier(s) sur {} non envoyé(s) : ils restent à envoyer ; corrigez ce qui est dit \
                     ci-dessus puis relancez `ardoise email batch`.",
                    lines.len()
                );
            }
        }
    }
    Ok(())
}

/// The system's keychain, the password of `ARDOISE_SMTP_PASSWORD` for this run, and the authority of
/// `ARDOISE_SMTP_CA`.
fn mailer() -> anyhow::Result<Mailer> {
    let mut mailer = Mailer::system();
    if let Some(path) = std::env::var_os(AUTHORITY_VARIABLE) {
        let pem = std::fs::read(&path)
            .with_context(|| format!("certificat de {AUTHORITY_VARIABLE} « {} » illisible", path.to_string_lossy()))?;
        mailer.trust_certificate(pem);
    }
    if let Some(password) = std::env::var(PASSWORD_VARIABLE).ok().filter(|p| !p.is_empty()) {
        mailer.use_password_for_this_run(password);
    }
    Ok(mailer)
}
