//! Letters sent by e-mail (F12) as both shells use them: the sending settings (checked, stored without the
//! password, the password in the system's keychain or in this session's memory), the « Tester » e-mail,
//! a letter's e-mail (recipient from the client, subject and short body from the kind's e-mail template,
//! the letter's PDF attached) shown, edited and sent, the day's e-mail letters sent in one go, a letter
//! switched to paper, and an e-mail handed to the user's own mail program. Sending records the letter as
//! sent and archives, as one unit, its PDF and the exact message bytes (`.eml`) with their SHA-256, the
//! Message-ID and the server's reply. The network is `outbox`'s; the rules are `domain::email`'s.

use crate::desk::letters as letter_desk;
use crate::desk::{Error, Result};
use crate::documents::email::message::{self, Attachment, BuiltMessage, Mailbox, OutgoingEmail};
use crate::documents::email::{self as email_text, EmailText};
use crate::documents::letters::catalogue;
use crate::documents::print;
use crate::domain::delivery::Sending;
pub use crate::domain::email::{
    check_settings, EmailWay, Provider, Security, SentEmail, SmtpSettings, SmtpSettingsText, PROVIDERS,
    TO_EMAIL_IN_WINDOW, TO_PAPER_IN_WINDOW,
};
use crate::domain::email::{is_this_computer, provider_for_address, provider_for_host, recipient};
use crate::domain::letter_kind::Dispatch;
use crate::ledger::archive::ArchiveRole;
use crate::ledger::{files, LetterRow};
use crate::outbox::{smtp, Envelope, SmtpSession};
pub use crate::outbox::{Keychain, MailError};
use crate::Ledger;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the shell keeps for the session: the keychain, the passwords given this session when the
/// keychain is not available (in memory only, never written), and the certificates to trust beside the
/// system's (a company's own authority; the tests' certificate).
#[derive(Debug)]
pub struct Mailer {
    keychain: Keychain,
    session_passwords: HashMap<String, String>,
    /// A password given for this run whatever the account (the command line's `ARDOISE_SMTP_PASSWORD`).
    given: Option<String>,
    trusted_pem: Vec<Vec<u8>>,
}

/// The settings page: the settings as stored (None before the first setup), the known providers, and
/// where the password stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailSettingsView {
    pub settings: Option<SmtpSettingsText>,
    pub providers: Vec<Provider>,
    /// The security choices: `starttls` « STARTTLS (port 587) »…
    pub securities: Vec<SecurityChoice>,
    /// A password is known (keychain or this session).
    pub password_known: bool,
    /// The keychain answers on this computer; when false the password is asked once per session.
    pub keychain_available: bool,
    /// In French: where the password is kept, or that it will be asked.
    pub password_note: String,
    /// The advice of the provider of these settings (an application password…), if any.
    pub advice: String,
}

/// One security choice of the settings form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityChoice {
    pub id: String,
    pub label: String,
}

/// What the server answered to the « Tester » e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestReport {
    pub recipient: String,
    pub server_reply: String,
    /// In French, for the page.
    pub message: String,
}

/// A letter's e-mail as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterEmail {
    pub letter_id: i64,
    pub client_id: i64,
    pub client_name: String,
    /// drafted, printed, sent or cancelled.
    pub status: String,
    pub dispatch: Dispatch,
    /// The client's address when it is a valid one.
    pub recipient: Option<String>,
    /// Why it cannot be sent to the client (no address, a bad one), in French, with what to do.
    pub recipient_problem: Option<String>,
    pub from: Option<Mailbox>,
    pub text: EmailText,
    /// The PDF attached (the letter as printed).
    pub attachment_name: String,
    /// The proof, once it left.
    pub sent: Option<SentEmail>,
    /// Settings are given, the letter waits and the client has an address: « Envoyer » is offered.
    pub can_send: bool,
    /// Why « Envoyer » is not offered, in French (empty when it is).
    pub cannot_send_reason: String,
}

/// One letter of a batch: sent, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchLine {
    pub letter_id: i64,
    pub client_name: String,
    pub recipient: String,
    pub sent: bool,
    /// The error's kind when it failed (`authentication`, `recipient_refused`, `no_address`…).
    pub error_kind: Option<String>,
    /// In French: the server's reply, or why it did not leave and what to do.
    pub message: String,
    pub message_id: Option<String>,
}

/// An e-mail handed to the user's own mail program: the `.eml` to open (a draft, ready to send), and the
/// `mailto:` link (without the PDF, which a link cannot carry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Handover {
    pub eml_path: PathBuf,
    pub mailto: String,
    /// The moment in the message's Date line, to give back to `confirm_handed`.
    pub handed_at: DateTime<FixedOffset>,
}

impl Mailer {
    /// The system's keychain, nothing more trusted than the system's authorities.
    pub fn system() -> Mailer {
        Mailer::with_keychain(Keychain::system())
    }

    /// Another keychain (tests: keyring's mock store, or one that always fails).
    pub fn with_keychain(keychain: Keychain) -> Mailer {
        Mailer { keychain, session_passwords: HashMap::new(), given: None, trusted_pem: Vec::new() }
    }

    /// Trusts `pem` (a certificate or authority in PEM) beside the system's authorities.
    pub fn trust_certificate(&mut self, pem: Vec<u8>) {
        self.trusted_pem.push(pem);
    }

    /// Uses `password` for this run, whatever the account, before the keychain's.
    pub fn use_password_for_this_run(&mut self, password: String) {
        self.given = Some(password);
    }

    /// Gives the password for `settings`: kept in the keychain when it answers, else in memory for the
    /// session (never in a file). Returns true when the keychain kept it.
    pub fn give_password(&mut self, settings: &SmtpSettings, password: &str) -> bool {
        let account = settings.account();
        self.session_passwords.insert(account.clone(), password.to_string());
        self.keychain.store(&account, password).is_ok()
    }

    /// The password for `settings`: this session's, else the keychain's; None when neither has it.
    pub fn password(&mut self, settings: &SmtpSettings) -> Option<String> {
        if !settings.authenticates() {
            return Some(String::new());
        }
        let account = settings.account();
        if let Some(password) = self.session_passwords.get(&account).or(self.given.as_ref()) {
            return Some(password.clone());
        }
        self.keychain.password(&account).ok().flatten()
    }

    /// True when the keychain answers on this computer.
    pub fn keychain_available(&mut self) -> bool {
        self.keychain.password("ardoise-probe").is_ok()
    }

    fn required_password(&mut self, settings: &SmtpSettings) -> Result<String> {
        self.password(settings).ok_or_else(|| {
            Error::PasswordNeeded(format!(
                "Le mot de passe de « {} » sur {} n'est pas connu dans cette session : saisissez-le dans \
                 Réglages › E-mail (ou, en ligne de commande, dans la variable ARDOISE_SMTP_PASSWORD).",
                settings.user, settings.host
            ))
        })
    }
}

/// The settings page's content.
pub fn settings_view(ledger: &Ledger, mailer: &mut Mailer) -> Result<EmailSettingsView> {
    let settings = ledger.smtp_settings()?;
    let keychain_available = mailer.keychain_available();
    let authenticates = settings.as_ref().is_some_and(SmtpSettings::authenticates);
    let password_known = authenticates && settings.as_ref().is_some_and(|s| mailer.password(s).is_some());
    let password_note = match (keychain_available, password_known) {
        _ if settings.is_some() && !authenticates => {
            "Ce serveur ne demande pas d'identification : aucun mot de passe n'est utilisé.".to_string()
        }
        (true, true) => "Le mot de passe est gardé dans le trousseau du système.".to_string(),
        (true, false) => "Le mot de passe sera gardé dans le trousseau du système.".to_string(),
        (false, true) => "Le trousseau du système n'est pas disponible : le mot de passe est gardé en mémoire \
                          jusqu'à la fermeture d'Ardoise, jamais dans un fichier."
            .to_string(),
        (false, false) => "Le trousseau du système n'est pas disponible : Ardoise demande le mot de passe une \
                           fois par session et ne l'écrit nulle part."
            .to_string(),
    };
    let advice = settings.as_ref().and_then(provider_advice).unwrap_or_default();
    Ok(EmailSettingsView {
        settings: settings.as_ref().map(SmtpSettingsText::from),
        providers: PROVIDERS.to_vec(),
        securities: Security::ALL
            .iter()
            .map(|s| SecurityChoice { id: s.id().to_string(), label: s.label().to_string() })
            .collect(),
        password_known,
        keychain_available,
        password_note,
        advice,
    })
}

/// What the user must know about the provider of these settings (an application password…), if any.
pub fn provider_advice(settings: &SmtpSettings) -> Option<String> {
    if is_this_computer(&settings.host) {
        return None;
    }
    provider_for_host(&settings.host)
        .or_else(|| provider_for_address(&settings.from_address))
        .map(|provider| provider.advice.to_string())
        .filter(|advice| !advice.is_empty())
}

/// Checks and keeps the settings; a password given (not empty) goes to the keychain, or to this
/// session's memory when the keychain is not available. A refused form writes nothing.
pub fn save_settings(
    ledger: &mut Ledger,
    mailer: &mut Mailer,
    text: &SmtpSettingsText,
    password: Option<&str>,
) -> Result<SmtpSettings> {
    let settings = check_settings(text)?;
    ledger.save_smtp_settings(&settings)?;
    if let Some(password) = password.filter(|p| !p.is_empty()) {
        mailer.give_password(&settings, password);
    }
    Ok(settings)
}

/// Sends a test e-mail to the sender's own address and reports the server's answer in French.
pub fn send_test(ledger: &Ledger, mailer: &mut Mailer, now: DateTime<FixedOffset>) -> Result<TestReport> {
    let settings = stored_settings(ledger)?;
    let password = mailer.required_password(&settings)?;
    let profile = ledger.profile()?;
    let email = OutgoingEmail {
        from: sender(&settings, &profile.legal_name),
        to: Mailbox { name: String::new(), address: settings.from_address.clone() },
        subject: "Ardoise : e-mail d'essai".into(),
        body: format!(
            "Bonjour,\n\nCet e-mail d'essai a été envoyé par Ardoise à travers le serveur {} (port {}, {}).\n\
             Si vous le lisez, vos courriers de relance pourront partir par e-mail.\n\nArdoise\n",
            settings.host,
            settings.port,
            settings.security.label()
        ),
        attachments: Vec::new(),
        date: now,
        letter_id: 0,
        draft: false,
    };
    let built = message::build(&email).map_err(|e| Error::conflict(e.to_string()))?;
    let envelope = Envelope { from: settings.from_address.clone(), to: vec![settings.from_address.clone()] };
    let reply = smtp::send_one(&settings, &password, &mailer.trusted_pem, &envelope, &built.bytes)?;
    Ok(TestReport {
        recipient: settings.from_address.clone(),
        message: format!(
            "L'e-mail d'essai est parti vers {} ; le serveur {} a répondu : « {reply} ». Vérifiez qu'il est bien \
             arrivé dans votre boîte.",
            settings.from_address, settings.host
        ),
        server_reply: reply,
    })
}

/// A letter's e-mail on `date`: the recipient (or why there is none), the text as the template writes it
/// with the user's edits, the PDF attached, and the proof once it left.
pub fn letter_email(ledger: &Ledger, letter_id: i64, date: NaiveDate) -> Result<LetterEmail> {
    let row = ledger.letter(letter_id)?;
    let client = ledger.client(row.client_id)?;
    let client_name = client.fields.display_name();
    let settings = ledger.smtp_settings()?;
    let (recipient, recipient_problem) = match recipient(&client_name, &client.fields.email) {
        Ok(address) => (Some(address), None),
        Err(problem) => (None, Some(problem)),
    };
    let text = compose_text(ledger, &row, date)?;
    let letter = letter_desk::stored_letter(ledger, letter_id, date)?;
    let profile = ledger.profile()?;
    let sent = ledger.email_sending(letter_id)?;
    let cannot_send_reason = if matches!(row.status.as_str(), "sent" | "cancelled") {
        match row.status.as_str() {
            "sent" => "Ce courrier est envoyé.".to_string(),
            _ => "Ce courrier est annulé.".to_string(),
        }
    } else if row.dispatch != Dispatch::Email {
        "Ce courrier part par la poste ; choisissez « Envoyer par e-mail » pour l'envoyer par e-mail.".to_string()
    } else if settings.is_none() {
        no_settings_message()
    } else if let Some(problem) = &recipient_problem {
        problem.clone()
    } else if row.status != "printed" && !letter.facts.missing.is_empty() {
        // The PDF attached is rendered at sending, and a letter that lacks a fact is not rendered: said
        // before the click, the facts themselves beside their way on the letter's page.
        format!(
            "Cet e-mail ne part pas tant que le courrier joint ne peut pas être produit : {}",
            letter.facts.missing.iter().map(|fact| fact.message.as_str()).collect::<Vec<_>>().join(" ")
        )
    } else {
        String::new()
    };
    Ok(LetterEmail {
        letter_id,
        client_id: row.client_id,
        client_name,
        status: row.status.clone(),
        dispatch: row.dispatch,
        recipient,
        recipient_problem,
        from: settings.as_ref().map(|s| sender(s, &profile.legal_name)),
        text,
        attachment_name: letter.file_name,
        sent,
        can_send: cannot_send_reason.is_empty(),
        cannot_send_reason,
    })
}

/// Keeps the user's edit of a letter's e-mail (an empty field, or one equal to the template's, goes back
/// to the template's) and returns the e-mail as it now reads.
pub fn save_letter_email(
    ledger: &mut Ledger,
    letter_id: i64,
    subject: &str,
    body: &str,
    date: NaiveDate,
) -> Result<LetterEmail> {
    let row = ledger.letter(letter_id)?;
    let original = compose_with(ledger, &row, date, (None, None))?;
    let subject = email_text::one_line(subject);
    let subject = (!subject.is_empty() && subject != original.subject).then_some(subject);
    let body = (!body.trim().is_empty() && body.trim() != original.body.trim()).then_some(body.trim());
    ledger.save_email_text(letter_id, subject.as_deref(), body)?;
    letter_email(ledger, letter_id, date)
}

/// Sends a letter by e-mail at `now` through the stored settings, then records it sent and archives its
/// PDF and the message as one unit. A failure leaves the letter unsent and says why in French.
pub fn send_letter_email(
    ledger: &mut Ledger,
    mailer: &mut Mailer,
    letter_id: i64,
    now: DateTime<FixedOffset>,
) -> Result<SentEmail> {
    let settings = stored_settings(ledger)?;
    let password = mailer.required_password(&settings)?;
    let prepared = prepare(ledger, &settings, letter_id, now)?;
    let reply = smtp::send_one(&settings, &password, &mailer.trusted_pem, &prepared.envelope, &prepared.built.bytes)?;
    record(ledger, &prepared, EmailWay::Smtp, &reply, now, now.date_naive())
}

/// Sends every e-mail letter waiting (drafted on `date` or before) through one connection, oldest first;
/// `progress(done, total)` is called after each. A failure stops nothing else: that letter stays unsent,
/// its line says why. A broken connection is opened again for the next letter.
pub fn send_batch(
    ledger: &mut Ledger,
    mailer: &mut Mailer,
    date: NaiveDate,
    now: DateTime<FixedOffset>,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<BatchLine>> {
    let settings = stored_settings(ledger)?;
    let password = mailer.required_password(&settings)?;
    let waiting: Vec<LetterRow> =
        ledger.email_letters_waiting()?.into_iter().filter(|row| row.drafted_on <= date).collect();
    let total = waiting.len();
    let mut lines = Vec::with_capacity(total);
    let mut connection: Option<SmtpSession> = None;
    for (done, row) in waiting.iter().enumerate() {
        let client_name = ledger.client(row.client_id)?.fields.display_name();
        let outcome = send_on(ledger, mailer, &settings, &password, &mut connection, row.id, now);
        lines.push(match outcome {
            Ok(sent) => BatchLine {
                letter_id: row.id,
                client_name,
                recipient: sent.recipient.clone(),
                sent: true,
                error_kind: None,
                message: format!("Envoyé à {} ; le serveur a répondu : « {} ».", sent.recipient, sent.server_reply),
                message_id: Some(sent.message_id),
            },
            Err(error) => BatchLine {
                letter_id: row.id,
                client_name,
                recipient: String::new(),
                sent: false,
                error_kind: Some(error.kind().to_string()),
                message: error.to_string(),
                message_id: None,
            },
        });
        progress(done + 1, total);
    }
    if let Some(connection) = connection {
        connection.close();
    }
    Ok(lines)
}

/// Switches a waiting letter to paper (simple post), in one click or `ardoise letters switch --to paper`,
/// when the client has no usable e-mail address; returns the letter as stored now.
/// A letter already on paper keeps its way (a registered letter stays registered).
pub fn switch_to_paper(ledger: &mut Ledger, letter_id: i64) -> Result<LetterRow> {
    let row = ledger.letter(letter_id)?;
    if row.dispatch != Dispatch::Email {
        return Ok(row);
    }
    Ok(ledger.set_letter_dispatch(letter_id, Dispatch::Simple)?)
}

/// Switches a waiting letter to e-mail (« Envoyer par e-mail », `ardoise letters switch --to email`).
pub fn switch_to_email(ledger: &mut Ledger, letter_id: i64) -> Result<LetterRow> {
    Ok(ledger.set_letter_dispatch(letter_id, Dispatch::Email)?)
}

/// Without SMTP: writes the letter's e-mail as a draft `.eml` (PDF attached) into `folder` for the user's
/// own mail program to open, with the `mailto:` link. Nothing is recorded until the user confirms it left.
pub fn hand_to_mail_program(
    ledger: &Ledger,
    letter_id: i64,
    now: DateTime<FixedOffset>,
    folder: &Path,
) -> Result<Handover> {
    refuse_if_all_paid(ledger, &ledger.letter(letter_id)?)?;
    let prepared = prepare_for_program(ledger, letter_id, now)?;
    let path = files::free_path(folder, &eml_name(&prepared.attachment_name));
    files::write_atomically(&path, &prepared.built.bytes)?;
    let mailto = message::mailto(&prepared.recipient, &prepared.subject, &prepared.body);
    Ok(Handover { eml_path: path, mailto, handed_at: now })
}

/// The user says the e-mail handed to their mail program at `handed_at` left on `sent_on`: the letter is
/// recorded sent, and the message handed over (built again from the same inputs: the same bytes)
/// archived as its proof.
pub fn confirm_handed(
    ledger: &mut Ledger,
    letter_id: i64,
    handed_at: DateTime<FixedOffset>,
    sent_on: NaiveDate,
) -> Result<SentEmail> {
    let prepared = prepare_for_program(ledger, letter_id, handed_at)?;
    let reply = "parti de la messagerie de l'utilisateur, qui l'a confirmé";
    record(ledger, &prepared, EmailWay::MailProgram, reply, handed_at, sent_on)
}

/// Everything that leaves for one letter, built before anything is sent.
struct Prepared {
    letter_id: i64,
    recipient: String,
    subject: String,
    body: String,
    attachment_name: String,
    pdf: Vec<u8>,
    built: BuiltMessage,
    envelope: Envelope,
}

fn send_on(
    ledger: &mut Ledger,
    mailer: &Mailer,
    settings: &SmtpSettings,
    password: &str,
    connection: &mut Option<SmtpSession>,
    letter_id: i64,
    now: DateTime<FixedOffset>,
) -> Result<SentEmail> {
    let prepared = prepare(ledger, settings, letter_id, now)?;
    if connection.as_ref().is_none_or(|c| !c.is_usable()) {
        *connection = Some(SmtpSession::open(settings, password, &mailer.trusted_pem)?);
    }
    let open = connection.as_mut().expect("opened above");
    let reply = open.send(settings, &prepared.envelope, &prepared.built.bytes)?;
    record(ledger, &prepared, EmailWay::Smtp, &reply, now, now.date_naive())
}

fn prepare(ledger: &Ledger, settings: &SmtpSettings, letter_id: i64, now: DateTime<FixedOffset>) -> Result<Prepared> {
    let row = ledger.letter(letter_id)?;
    refuse_unless_email_waiting(&row)?;
    refuse_if_all_paid(ledger, &row)?;
    let profile = ledger.profile()?;
    let mut prepared = build(ledger, &row, sender(settings, &profile.legal_name), now, false)?;
    if settings.bcc_self && prepared.recipient != settings.from_address {
        prepared.envelope.to.push(settings.from_address.clone());
    }
    Ok(prepared)
}

fn prepare_for_program(ledger: &Ledger, letter_id: i64, now: DateTime<FixedOffset>) -> Result<Prepared> {
    let row = ledger.letter(letter_id)?;
    refuse_unless_email_waiting(&row)?;
    let profile = ledger.profile()?;
    let from = match ledger.smtp_settings()? {
        Some(settings) => sender(&settings, &profile.legal_name),
        None if !profile.email.trim().is_empty() => {
            Mailbox { name: profile.legal_name.clone(), address: profile.email.trim().to_string() }
        }
        None => {
            return Err(Error::conflict(
                "Votre adresse e-mail n'est pas connue : indiquez-la dans « Mon profil » (ou avec `ardoise \
                 profile --email …`), ou réglez l'envoi dans Réglages › E-mail (`ardoise email setup`), avant de \
                 préparer l'e-mail.",
            ))
        }
    };
    build(ledger, &row, from, now, true)
}

fn build(ledger: &Ledger, row: &LetterRow, from: Mailbox, now: DateTime<FixedOffset>, draft: bool) -> Result<Prepared> {
    let client = ledger.client(row.client_id)?;
    let client_name = client.fields.display_name();
    let address = recipient(&client_name, &client.fields.email).map_err(Error::NoAddress)?;
    let date = now.date_naive();
    let text = compose_text(ledger, row, date)?;
    if !text.problems.is_empty() {
        return Err(Error::conflict(format!(
            "L'e-mail du courrier n° {} ne peut pas partir : {}. Corrigez son texte.",
            row.id,
            text.problems.join(" ; ")
        )));
    }
    // A printed letter not edited since leaves as it was printed: its attachment is named, and encloses
    // what it lists, as of the day of that print, not the day it is e-mailed.
    let printed = row.status == "printed";
    let dated = if printed { row.printed_on.unwrap_or(date) } else { date };
    let letter = letter_desk::stored_letter(ledger, row.id, dated)?;
    let pdf = if printed {
        ledger.printed_copy_bytes(row)?
    } else {
        print::letter_pdf(&letter, &letter_desk::print_options(ledger)?)?
    };
    let email = OutgoingEmail {
        from: from.clone(),
        to: Mailbox { name: client_name, address: address.clone() },
        subject: text.subject.clone(),
        body: text.body.clone(),
        attachments: attachments(ledger, &letter, &pdf)?,
        date: now,
        letter_id: row.id,
        draft,
    };
    let built = message::build(&email).map_err(|e| Error::conflict(e.to_string()))?;
    Ok(Prepared {
        letter_id: row.id,
        recipient: address.clone(),
        subject: text.subject,
        body: text.body,
        attachment_name: letter.file_name,
        pdf,
        built,
        envelope: Envelope { from: from.address, to: vec![address] },
    })
}

/// The letter's PDF, then a copy of each invoice it encloses (its « Pièces jointes » line names them):
/// the e-mail carries what the letter says is joined, read back and checked like the batch prints it.
fn attachments(ledger: &Ledger, letter: &crate::desk::letters::Letter, pdf: &[u8]) -> Result<Vec<Attachment>> {
    let pdf_file =
        |file_name: String, bytes: Vec<u8>| Attachment { file_name, content_type: "application/pdf".into(), bytes };
    let mut all = vec![pdf_file(letter.file_name.clone(), pdf.to_vec())];
    for document in crate::desk::invoices::documents_of(ledger, letter)? {
        all.push(pdf_file(document.file_name, document.bytes));
    }
    Ok(all)
}

/// Records the letter sent on `now`'s day, with its PDF and its message archived and the proof linked, as
/// one unit.
fn record(
    ledger: &mut Ledger,
    prepared: &Prepared,
    way: EmailWay,
    reply: &str,
    now: DateTime<FixedOffset>,
    on: NaiveDate,
) -> Result<SentEmail> {
    let letter_id = prepared.letter_id;
    let row = ledger.letter(letter_id)?;
    let recorded = ledger.atomically(|ledger| -> Result<SentEmail> {
        ledger.write_sending(letter_id, &Sending::plain(on))?;
        let already = ledger
            .archive_files(Some(row.client_id))?
            .into_iter()
            .any(|file| file.letter_id == Some(letter_id) && file.role == ArchiveRole::Letter);
        if !already {
            ledger.archive_bytes(
                row.client_id,
                Some(letter_id),
                ArchiveRole::Letter,
                &prepared.attachment_name,
                &prepared.pdf,
                on,
            )?;
        }
        let eml = ledger.archive_bytes(
            row.client_id,
            Some(letter_id),
            ArchiveRole::Email,
            &eml_name(&prepared.attachment_name),
            &prepared.built.bytes,
            on,
        )?;
        let sent = SentEmail {
            letter_id,
            recipient: prepared.recipient.clone(),
            message_id: prepared.built.message_id.clone(),
            sent_at: now.to_rfc3339(),
            sent_on: on,
            way,
            server_reply: reply.to_string(),
            eml_file: eml.file_name.clone(),
            sha256: eml.sha256.clone(),
        };
        ledger.record_email_sending(&sent, eml.id)?;
        Ok(sent)
    });
    recorded.map_err(|error| {
        Error::conflict(format!(
            "L'e-mail du courrier n° {letter_id} est parti (Message-ID {}), mais son envoi n'a pas pu être \
             enregistré : {error} Notez-le : ne le renvoyez pas.",
            prepared.built.message_id
        ))
    })
}

fn compose_text(ledger: &Ledger, row: &LetterRow, date: NaiveDate) -> Result<EmailText> {
    compose_with(ledger, row, date, ledger.email_text_edits(row.id)?)
}

/// The e-mail of a letter with the given edits of its subject and body.
fn compose_with(
    ledger: &Ledger,
    row: &LetterRow,
    date: NaiveDate,
    (subject, body): (Option<String>, Option<String>),
) -> Result<EmailText> {
    let facts = crate::desk::letter_facts::facts(ledger, &letter_desk::request_of(row, date))?;
    let name = catalogue::email_template_name(row.kind);
    let source = letter_desk::template_source(ledger, &name)?;
    Ok(email_text::compose(facts, &source, subject.as_deref(), body.as_deref())?)
}

/// An e-mail asking payment of invoices all paid by now does not leave (a bank import said « désormais
/// réglée : ne l'envoyez pas »): Ardoise would send it itself, so there is nothing to insist on.
fn refuse_if_all_paid(ledger: &Ledger, row: &LetterRow) -> Result<()> {
    let Some(invoices) = crate::desk::dispatch::all_paid_since(ledger, row)? else { return Ok(()) };
    let id = row.id;
    Err(Error::InvoicesPaid {
        letter_id: id,
        message: format!(
            "Le courrier n° {id} ({}) réclame le paiement de {invoices} : il ne part pas. Annulez-le.",
            row.kind.title()
        ),
    })
}

fn refuse_unless_email_waiting(row: &LetterRow) -> Result<()> {
    let id = row.id;
    match (row.status.as_str(), row.dispatch) {
        ("sent", _) => Err(Error::conflict(format!("Le courrier n° {id} est déjà envoyé : il ne repart pas."))),
        ("cancelled", _) => Err(Error::conflict(format!(
            "Le courrier n° {id} est annulé : il ne part plus. Préparez un nouveau courrier."
        ))),
        (_, Dispatch::Email) => Ok(()),
        _ => Err(Error::conflict(format!("Le courrier n° {id} part par la poste : {TO_EMAIL_IN_WINDOW}."))),
    }
}

fn stored_settings(ledger: &Ledger) -> Result<SmtpSettings> {
    ledger.smtp_settings()?.ok_or_else(|| Error::conflict(no_settings_message()))
}

fn no_settings_message() -> String {
    "L'envoi d'e-mails n'est pas réglé : indiquez le serveur de votre messagerie dans Réglages › E-mail (en ligne \
     de commande : `ardoise email setup`), ou utilisez « Ouvrir dans ma messagerie »."
        .to_string()
}

fn sender(settings: &SmtpSettings, legal_name: &str) -> Mailbox {
    let name = if settings.from_name.is_empty() { legal_name } else { &settings.from_name };
    Mailbox { name: name.to_string(), address: settings.from_address.clone() }
}

/// « 2026-11-22 Rappel amical - X.pdf » → « 2026-11-22 Rappel amical - X.eml ».
fn eml_name(pdf_name: &str) -> String {
    let stem = Path::new(pdf_name).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    format!("{stem}.eml")
}
