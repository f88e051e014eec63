//! Letters sent by e-mail through the desk (issue 16), against a real SMTP server the test starts on
//! 127.0.0.1 (tests/smtp/): plain SMTP, STARTTLS and TLS with a login and a certificate the test trusts;
//! the bytes the server received are the archived `.eml`, its PDF attachment is the archived letter byte
//! for byte, and each failure (wrong password, refused recipient, server down, untrusted certificate, no
//! address) is said in French and leaves the letter unsent. On the demo ledger of 22 November 2026. A
//! ledger written before the e-mail migration opens with its archive intact.

mod fixtures;
mod older;
mod smtp;

use ardoise::desk::demo;
use ardoise::desk::dispatch::{self, ArchiveRole};
use ardoise::desk::email::{self, Keychain, Mailer, SmtpSettingsText};
use ardoise::desk::letters as letter_desk;
use ardoise::desk::Error;
use ardoise::domain::digest::sha256_hex;
use ardoise::domain::letter_kind::{Dispatch, LetterKind};
use ardoise::Ledger;
use chrono::{DateTime, FixedOffset, NaiveDate};
use mail_parser::MimeHeaders;
use smtp::{Mode, Server};
use std::path::Path;

const USER: &str = "camille@atelier-rousseau.fr";
const PASSWORD: &str = "mot-de-passe-d-application";

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").unwrap()
}

fn demo_ledger(folder: &Path) -> Ledger {
    let mut ledger = Ledger::open(&folder.join("ledger.sqlite3")).unwrap();
    demo::populate(&mut ledger, today()).unwrap();
    ledger
}

/// A mailer whose keychain is keyring's in-memory mock store, trusting `server`'s certificate.
fn mailer(server: Option<&Server>) -> Mailer {
    let mut mailer = Mailer::with_keychain(Keychain::with_store(keyring::mock::default_credential_builder()));
    if let Some(server) = server {
        mailer.trust_certificate(server.certificate_pem.clone());
    }
    mailer
}

/// The tests' SMTP server on this computer in plain SMTP, and a session whose settings send through it.
fn plain_session(ledger: &mut Ledger) -> (Server, Mailer) {
    let server = Server::start(Mode::Plain, None, &[]);
    let mut mailer = mailer(None);
    email::save_settings(ledger, &mut mailer, &settings(server.port, "none", ""), None).unwrap();
    (server, mailer)
}

fn settings(port: u16, security: &str, user: &str) -> SmtpSettingsText {
    SmtpSettingsText {
        host: "127.0.0.1".into(),
        port: port.to_string(),
        security: security.into(),
        user: user.into(),
        from_address: USER.into(),
        from_name: "Camille Rousseau".into(),
        bcc_self: false,
    }
}

/// The demo clients with an e-mail address and overdue invoices, each with a friendly reminder drafted
/// (its dispatch is e-mail) about its usual invoices: (client, letter).
fn drafted_reminders(ledger: &mut Ledger, count: usize) -> Vec<(i64, i64)> {
    let mut drafted = Vec::new();
    for client in ardoise::desk::clients::client_list(ledger, today()).unwrap() {
        if drafted.len() == count {
            break;
        }
        if ledger.client(client.id).unwrap().fields.email.is_empty() {
            continue;
        }
        let kind = LetterKind::FriendlyReminder;
        // A reminder is about overdue invoices: a client owing only invoices not yet due gets none.
        if client.overdue.is_zero() {
            continue;
        }
        let picked = fixtures::preselected(ledger, client.id, kind, today());
        let letter = letter_desk::draft_for_client(ledger, client.id, kind, today(), &picked).unwrap();
        drafted.push((client.id, letter));
    }
    assert_eq!(drafted.len(), count, "the demo has {count} clients to remind by e-mail");
    drafted
}

/// What a sent letter leaves: status sent, its proof, its archived PDF and `.eml`.
fn assert_sent_and_archived(ledger: &Ledger, letter: i64, received: &smtp::Received) {
    let row = ledger.letter(letter).unwrap();
    assert_eq!(row.status, "sent");
    let view = email::letter_email(ledger, letter, today()).unwrap();
    let sent = view.sent.expect("the proof of the e-mail");
    let files = dispatch::verify_archive(ledger, Some(row.client_id)).unwrap();
    let eml = files.iter().find(|c| c.file.letter_id == Some(letter) && c.file.role == ArchiveRole::Email).unwrap();
    let pdf = files.iter().find(|c| c.file.letter_id == Some(letter) && c.file.role == ArchiveRole::Letter).unwrap();
    let eml_bytes = dispatch::read_archived(ledger, &eml.file).unwrap();
    let pdf_bytes = dispatch::read_archived(ledger, &pdf.file).unwrap();
    assert_eq!(eml_bytes, received.bytes, "the archived .eml is exactly what the server received");
    assert_eq!(sent.sha256, sha256_hex(&received.bytes));
    assert_eq!(sent.eml_file, eml.file.file_name);

    let parsed = mail_parser::MessageParser::default().parse(&received.bytes).unwrap();
    assert_eq!(parsed.message_id().map(|id| format!("<{id}>")), Some(sent.message_id.clone()));
    assert_eq!(parsed.from().unwrap().first().unwrap().address(), Some(USER));
    assert_eq!(parsed.from().unwrap().first().unwrap().name(), Some("Camille Rousseau"));
    assert_eq!(parsed.to().unwrap().first().unwrap().address(), Some(sent.recipient.as_str()));
    assert_eq!(received.to, vec![sent.recipient.clone()]);
    let subject = parsed.subject().unwrap();
    assert!(subject.starts_with("Rappel — facture"), "{subject}");
    assert_eq!(subject, view.text.subject);
    let body = parsed.body_text(0).unwrap();
    assert!(body.contains("Merci de régler"), "{body}");
    assert!(body.contains("€"), "{body}");
    let attachment = parsed.attachment(0).expect("the letter's PDF attached");
    assert_eq!(attachment.attachment_name(), Some(view.attachment_name.as_str()));
    assert_eq!(attachment.contents(), pdf_bytes.as_slice(), "the PDF attached is the archived letter");
    assert!(pdf_bytes.starts_with(b"%PDF"));
}

#[test]
fn a_reminder_leaves_by_plain_smtp_to_this_computer_and_its_message_is_the_proof() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (server, mut mailer) = plain_session(&mut ledger);
    let (_, letter) = drafted_reminders(&mut ledger, 1)[0];

    let sent = email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap();
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert!(!received[0].encrypted);
    assert_eq!(sent.server_reply, "250 2.0.0 Ok: queued as ESSAI0001");
    assert_eq!(received[0].from, USER);
    assert_sent_and_archived(&ledger, letter, &received[0]);

    // The client's timeline shows the e-mail with its proof.
    let client = ledger.letter(letter).unwrap().client_id;
    let detail = ardoise::desk::clients::client_detail(&ledger, client, today()).unwrap();
    let entry = detail.timeline.iter().find(|entry| entry.kind == "email").expect("the e-mail on the timeline");
    assert_eq!(entry.title, "E-mail envoyé : Rappel amical");
    assert_eq!(
        entry.detail,
        format!(
            "À {}, réponse du serveur : « 250 2.0.0 Ok: queued as ESSAI0001 » ; Message-ID {} ; archivé « {} » \
             (SHA-256 {}).",
            sent.recipient, sent.message_id, sent.eml_file, sent.sha256
        )
    );

    // It does not leave twice.
    let again = email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap_err();
    assert_eq!(again.to_string(), format!("Le courrier n° {letter} est déjà envoyé : il ne repart pas."));
    assert_eq!(server.received().len(), 1);
}

/// Regression: a letter printed on the 22nd and e-mailed on the 30th left as printed (dated the 22nd), but
/// its attachment was named after the day of sending, « 2026-11-30 Rappel amical … ».
#[test]
fn a_printed_letter_e_mailed_later_is_attached_under_the_name_of_its_print() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (server, mut mailer) = plain_session(&mut ledger);
    let (_, letter) = drafted_reminders(&mut ledger, 1)[0];
    let exports = folder.path().join("exports");
    let printed =
        letter_desk::export_letter(&mut ledger, letter, today(), &letter_desk::ExportTarget::Folder(exports)).unwrap();
    let printed_name = printed.file_name().unwrap().to_str().unwrap().to_string();
    assert!(printed_name.starts_with("2026-11-22 Rappel amical"), "{printed_name}");

    let later = DateTime::parse_from_rfc3339("2026-11-30T10:00:00+01:00").unwrap();
    email::send_letter_email(&mut ledger, &mut mailer, letter, later).unwrap();
    let received = server.received();
    let parsed = mail_parser::MessageParser::default().parse(&received[0].bytes).unwrap();
    let attachment = parsed.attachment(0).expect("the letter's PDF attached");
    assert_eq!(attachment.attachment_name(), Some(printed_name.as_str()));
    assert_eq!(attachment.contents(), std::fs::read(&printed).unwrap().as_slice(), "the PDF as printed");
}

/// The e-mail attached only the letter's PDF while the letter's « Pièces jointes » line named a copy of
/// the invoice, kept with it: the client was told of a copy that was not there.
#[test]
fn an_e_mailed_letter_carries_the_invoice_copies_its_enclosures_line_names() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (server, mut mailer) = plain_session(&mut ledger);
    let (_, letter) = drafted_reminders(&mut ledger, 1)[0];
    let invoice = ledger.letter(letter).unwrap().invoice_ids[0];
    let scan =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/einvoice/bad/pdf-sans-facture.pdf"))
            .unwrap();
    ardoise::desk::invoices::attach_document(&mut ledger, invoice, "facture.pdf", &scan).unwrap();
    let composed = letter_desk::stored_letter(&ledger, letter, today()).unwrap();
    let copy = composed.enclosures.first().expect("the copy named among the enclosures").clone();
    assert!(copy.starts_with("facture "), "{copy}");

    email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap();
    let received = server.received();
    let parsed = mail_parser::MessageParser::default().parse(&received[0].bytes).unwrap();
    let attached: Vec<(String, usize)> = parsed
        .attachments()
        .map(|part| (part.attachment_name().unwrap_or_default().to_string(), part.contents().len()))
        .collect();
    assert_eq!(attached.len(), 2, "{attached:?}");
    assert_eq!(parsed.attachment(1).unwrap().contents(), scan.as_slice(), "the invoice's own bytes");
    assert!(attached[1].0.contains(copy.trim_start_matches("facture ")), "{attached:?} for {copy}");
    assert_sent_and_archived(&ledger, letter, &received[0]);
}

#[test]
fn a_reminder_leaves_through_starttls_and_tls_with_a_login_and_the_copy_to_self() {
    for (mode, security) in [(Mode::Starttls, "starttls"), (Mode::Tls, "tls")] {
        let folder = tempfile::tempdir().unwrap();
        let mut ledger = demo_ledger(folder.path());
        let server = Server::start(mode, Some((USER, PASSWORD)), &[]);
        let mut mailer = mailer(Some(&server));
        let mut text = settings(server.port, security, USER);
        text.bcc_self = true;
        email::save_settings(&mut ledger, &mut mailer, &text, Some(PASSWORD)).unwrap();
        let (_, letter) = drafted_reminders(&mut ledger, 1)[0];
        let report = email::send_test(&ledger, &mut mailer, now()).unwrap();
        assert!(report.message.starts_with(&format!("L'e-mail d'essai est parti vers {USER} ;")), "{}", report.message);
        assert_eq!(report.server_reply, "250 2.0.0 Ok: queued as ESSAI0001");

        let sent = email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap();
        let received = server.received();
        assert_eq!(received.len(), 2, "{security}");
        let letter_mail = &received[1];
        assert!(letter_mail.encrypted, "{security}");
        assert_eq!(letter_mail.user.as_deref(), Some(USER));
        assert_eq!(letter_mail.to, vec![sent.recipient.clone(), USER.to_string()], "the hidden copy to self");
        assert!(!String::from_utf8_lossy(&letter_mail.bytes).contains("Bcc"), "the copy to self stays hidden");
        let only_recipient = smtp::Received { to: vec![sent.recipient.clone()], ..letter_mail.clone() };
        assert_sent_and_archived(&ledger, letter, &only_recipient);
    }
}

/// Each failure with the start of its French message: the letter stays as it was, nothing is archived.
#[test]
fn every_failure_is_said_in_french_and_leaves_the_letter_unsent() {
    let closed = smtp::closed_port();
    let cases: Vec<(&str, Mode, &str, bool, &str, &str)> = vec![
        // (case, server mode, password typed, trust the server's certificate, kind, message start)
        (
            "wrong password",
            Mode::Starttls,
            "pas-le-bon",
            true,
            "authentication",
            "Le serveur 127.0.0.1 refuse l'identification de « camille@atelier-rousseau.fr » (réponse du serveur : \
             535 5.7.8 Error: authentication failed: bad credentials). Vérifiez l'identifiant et le mot de passe",
        ),
        (
            "untrusted certificate",
            Mode::Starttls,
            PASSWORD,
            false,
            "certificate",
            "Le certificat du serveur 127.0.0.1 n'est pas digne de confiance (il est signé par une autorité \
             inconnue) : rien n'a été envoyé, ni le mot de passe ni l'e-mail.",
        ),
        (
            "untrusted certificate, TLS",
            Mode::Tls,
            PASSWORD,
            false,
            "certificate",
            "Le certificat du serveur 127.0.0.1 n'est pas digne de confiance (il est signé par une autorité inconnue)",
        ),
        ("server down", Mode::Plain, PASSWORD, true, "unreachable", "Le serveur d'envoi 127.0.0.1 (port "),
    ];
    for (case, mode, password, trusted, kind, message) in cases {
        let folder = tempfile::tempdir().unwrap();
        let mut ledger = demo_ledger(folder.path());
        let server = Server::start(mode, Some((USER, PASSWORD)), &[]);
        let mut mailer = mailer(trusted.then_some(&server));
        let (port, security) = match mode {
            Mode::Plain => (closed, "none"),
            Mode::Starttls => (server.port, "starttls"),
            Mode::Tls => (server.port, "tls"),
        };
        email::save_settings(&mut ledger, &mut mailer, &settings(port, security, USER), Some(password)).unwrap();
        let (client, letter) = drafted_reminders(&mut ledger, 1)[0];
        let error = email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap_err();
        assert_eq!(error.kind(), kind, "{case}: {error}");
        assert!(error.to_string().starts_with(message), "{case}: {error}");
        if case == "server down" {
            assert!(
                error.to_string().contains("la connexion est refusée (aucun serveur n'écoute sur ce port)"),
                "{error}"
            );
        }
        assert_eq!(ledger.letter(letter).unwrap().status, "drafted", "{case}");
        assert!(email::letter_email(&ledger, letter, today()).unwrap().sent.is_none(), "{case}");
        assert!(dispatch::verify_archive(&ledger, Some(client))
            .unwrap()
            .iter()
            .all(|c| c.file.letter_id != Some(letter)));
        assert!(server.received().is_empty(), "{case}");
    }
}

/// Regression: the e-mail carrying a chronic late payer's « rappel amical » said « Il s'agit sans doute
/// d'un simple oubli » while the PDF attached said « Une nouvelle fois, l'échéance est passée … retards
/// répétés », and spoke of its reader in the third person (« Monsieur Garnier, » then « le règlement de
/// M. Thomas GARNIER »).
#[test]
fn the_e_mail_of_a_chronic_late_payers_reminder_agrees_with_the_letter_it_carries() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let client = ardoise::desk::clients::find_client(&ledger, "Garnier").unwrap();
    let kind = LetterKind::FriendlyReminder;
    let picked = fixtures::preselected(&ledger, client, kind, today());
    let letter = letter_desk::draft_for_client(&mut ledger, client, kind, today(), &picked).unwrap();
    let carried = letter_desk::stored_letter(&ledger, letter, today()).unwrap();
    assert_eq!(carried.template, "friendly_reminder.chronic_late_payer");
    assert!(carried.body.contains("Une nouvelle fois, l'échéance est passée"), "{}", carried.body);
    let mail = email::letter_email(&ledger, letter, today()).unwrap();
    assert_eq!(mail.dispatch, Dispatch::Email);
    let body = &mail.text.body;
    assert!(body.starts_with("Monsieur Garnier,"), "{body}");
    for contradiction in ["simple oubli", "Thomas GARNIER", "Garnier pour"] {
        assert!(!body.contains(contradiction), "« {contradiction} » in:\n{body}");
    }
    assert!(body.contains("pas encore reçu votre règlement pour :"), "{body}");
}

/// Regression: a server presenting a self-signed authority certificate (`openssl req -x509`) as its own
/// was refused with Rust's debug text, « certificat refusé : Other(OtherError(CaUsedAsEndEntity)) ».
#[test]
fn an_authority_certificate_presented_as_the_servers_own_is_refused_in_french() {
    for (mode, security) in [(Mode::Starttls, "starttls"), (Mode::Tls, "tls")] {
        let folder = tempfile::tempdir().unwrap();
        let mut ledger = demo_ledger(folder.path());
        let server = Server::start_presenting_an_authority(mode, Some((USER, PASSWORD)));
        let mut mailer = mailer(Some(&server));
        email::save_settings(&mut ledger, &mut mailer, &settings(server.port, security, USER), Some(PASSWORD)).unwrap();
        let (_, letter) = drafted_reminders(&mut ledger, 1)[0];
        let error = email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap_err();
        assert_eq!(error.kind(), "certificate", "{security}: {error}");
        assert!(
            error.to_string().starts_with(
                "Le certificat du serveur 127.0.0.1 n'est pas digne de confiance (le serveur présente comme le sien \
                 un certificat d'autorité, auto-signé, tel qu'en fait `openssl req -x509` ; il lui faut un \
                 certificat établi pour lui et signé par une autorité) : rien n'a été envoyé"
            ),
            "{security}: {error}"
        );
        assert!(!error.to_string().contains("Other"), "{error}");
        assert_eq!(ledger.letter(letter).unwrap().status, "drafted");
        assert!(server.received().is_empty());
    }
}

#[test]
fn a_batch_sends_every_waiting_e_mail_letter_and_a_refused_recipient_stops_nothing_else() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let drafted = drafted_reminders(&mut ledger, 3);
    let refused = ledger.client(drafted[1].0).unwrap().fields.email;
    let server = Server::start(Mode::Starttls, Some((USER, PASSWORD)), &[&refused]);
    let mut mailer = mailer(Some(&server));
    email::save_settings(&mut ledger, &mut mailer, &settings(server.port, "starttls", USER), Some(PASSWORD)).unwrap();

    let mut seen = Vec::new();
    let lines =
        email::send_batch(&mut ledger, &mut mailer, today(), now(), |done, total| seen.push((done, total))).unwrap();
    assert_eq!(seen, vec![(1, 3), (2, 3), (3, 3)]);
    assert_eq!(lines.iter().map(|l| l.sent).collect::<Vec<_>>(), vec![true, false, true]);
    let failed = &lines[1];
    assert_eq!(failed.error_kind.as_deref(), Some("recipient_refused"));
    assert_eq!(
        failed.message,
        format!(
            "Le serveur refuse le destinataire « {refused} » (réponse du serveur : 550 5.1.1 <{refused}>: Recipient \
             address rejected: User unknown) : vérifiez l'adresse e-mail sur la fiche du client, ou envoyez ce \
             courrier par la poste."
        )
    );
    assert_eq!(ledger.letter(drafted[1].1).unwrap().status, "drafted");
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_sent_and_archived(&ledger, drafted[0].1, &received[0]);
    assert_sent_and_archived(&ledger, drafted[2].1, &received[1]);

    // The letter left waiting goes to paper in one click, and the next batch has nothing to send.
    let paper = email::switch_to_paper(&mut ledger, drafted[1].1).unwrap();
    assert_eq!(paper.dispatch, Dispatch::Simple);
    assert!(email::send_batch(&mut ledger, &mut mailer, today(), now(), |_, _| ()).unwrap().is_empty());
}

#[test]
fn a_client_without_an_address_is_told_before_sending_and_the_letter_can_go_on_paper() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (server, mut mailer) = plain_session(&mut ledger);
    let (client, letter) = drafted_reminders(&mut ledger, 1)[0];
    // The client form refuses a bad address; one without an address is common.
    let mut fields = ledger.client(client).unwrap().fields;
    fields.email.clear();
    ardoise::desk::clients::save_client(&mut ledger, Some(client), &fields).unwrap();
    let problem = "n'a pas d'adresse e-mail : ajoutez-la sur sa fiche, ou envoyez ce courrier par la poste";
    let view = email::letter_email(&ledger, letter, today()).unwrap();
    assert!(!view.can_send);
    assert!(view.recipient_problem.as_deref().unwrap().contains(problem), "{view:?}");
    assert_eq!(view.cannot_send_reason, view.recipient_problem.clone().unwrap());
    let error = email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap_err();
    assert_eq!(error.kind(), "no_address");
    assert!(error.to_string().contains(problem), "{error}");
    assert!(server.received().is_empty());
    assert_eq!(email::switch_to_paper(&mut ledger, letter).unwrap().dispatch, Dispatch::Simple);
    let refused = email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap_err();
    assert!(refused.to_string().contains("part par la poste"), "{refused}");
}

#[test]
fn the_password_is_asked_once_per_session_when_no_keychain_keeps_it() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let server = Server::start(Mode::Starttls, Some((USER, PASSWORD)), &[]);
    let mut first = mailer(Some(&server));
    email::save_settings(&mut ledger, &mut first, &settings(server.port, "starttls", USER), None).unwrap();
    let (_, letter) = drafted_reminders(&mut ledger, 1)[0];
    let asked = email::send_letter_email(&mut ledger, &mut first, letter, now()).unwrap_err();
    assert!(matches!(asked, Error::PasswordNeeded(_)), "{asked}");
    assert_eq!(asked.kind(), "password_needed");
    assert!(asked.to_string().contains("saisissez-le dans Réglages › E-mail"), "{asked}");
    let stored = ledger.smtp_settings().unwrap().unwrap();
    first.give_password(&stored, PASSWORD);
    email::send_letter_email(&mut ledger, &mut first, letter, now()).unwrap();
    // The settings kept in the ledger never hold the password.
    let kept = std::fs::read(folder.path().join("ledger.sqlite3")).unwrap();
    assert!(!kept.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes()));
}

#[test]
fn an_edited_e_mail_leaves_as_edited_and_a_sent_one_no_longer_changes() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (server, mut mailer) = plain_session(&mut ledger);
    let (_, letter) = drafted_reminders(&mut ledger, 1)[0];
    let original = email::letter_email(&ledger, letter, today()).unwrap();
    let body = original.text.body.replace("Merci de régler", "Un simple oubli, sans doute. Merci de régler");
    let edited = email::save_letter_email(&mut ledger, letter, "Votre facture en attente", &body, today()).unwrap();
    assert!(edited.text.subject_edited && edited.text.body_edited);
    assert_eq!(edited.text.subject, "Votre facture en attente");
    email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap();
    let received = &server.received()[0];
    let parsed = mail_parser::MessageParser::default().parse(&received.bytes).unwrap();
    assert_eq!(parsed.subject(), Some("Votre facture en attente"));
    assert!(parsed.body_text(0).unwrap().contains("Un simple oubli, sans doute."));
    let refused = email::save_letter_email(&mut ledger, letter, "Autre", &body, today()).unwrap_err();
    assert!(refused.to_string().contains("est envoyé : son e-mail ne change plus"), "{refused}");
}

#[test]
fn settings_refuse_plain_smtp_to_another_computer_and_write_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let mut mailer = mailer(None);
    let mut text = settings(25, "none", USER);
    text.host = "smtp.exemple.fr".into();
    let error = email::save_settings(&mut ledger, &mut mailer, &text, Some(PASSWORD)).unwrap_err();
    assert!(error.to_string().contains("n'est permise que vers cet ordinateur (localhost)"), "{error}");
    assert!(ledger.smtp_settings().unwrap().is_none());
    let view = email::settings_view(&ledger, &mut mailer).unwrap();
    assert!(view.settings.is_none() && !view.password_known);
    assert!(view.providers.iter().any(|p| p.id == "gmail" && p.advice.contains("mot de passe d'application")));
}

#[test]
fn without_smtp_the_e_mail_is_handed_to_the_users_mail_program_and_kept_once_confirmed() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (_, letter) = drafted_reminders(&mut ledger, 1)[0];
    // Without SMTP settings the sender is the profile's address (the demo trader's).
    let profile = ardoise::desk::settings::profile(&ledger).unwrap();
    let handed = email::hand_to_mail_program(&ledger, letter, now(), folder.path()).unwrap();
    let draft = std::fs::read(&handed.eml_path).unwrap();
    assert!(String::from_utf8_lossy(&draft).contains("X-Unsent: 1\r\n"), "opens as a draft ready to send");
    let parsed = mail_parser::MessageParser::default().parse(&draft).unwrap();
    assert!(parsed.attachment(0).is_some());
    assert_eq!(parsed.from().unwrap().first().unwrap().address(), Some(profile.email.as_str()));
    let recipient = parsed.to().unwrap().first().unwrap().address().unwrap().to_string();
    assert!(
        handed.mailto.starts_with(&format!("mailto:{recipient}?subject=Rappel%20%E2%80%94%20facture")),
        "{}",
        handed.mailto
    );
    assert_eq!(ledger.letter(letter).unwrap().status, "drafted", "nothing is recorded before the user confirms");

    let sent = email::confirm_handed(&mut ledger, letter, handed.handed_at, today()).unwrap();
    assert_eq!(sent.way, email::EmailWay::MailProgram);
    assert_eq!(sent.sha256, sha256_hex(&draft), "the archived message is the one handed over");
    assert_eq!(ledger.letter(letter).unwrap().status, "sent");

    // With neither SMTP settings nor an address in the profile, the message names where each is given,
    // in the window and on the command line. Regression: it sent the user to « Mon entreprise », a
    // place neither shell has.
    let (_, another) = drafted_reminders(&mut ledger, 1)[0];
    let mut no_address = profile.clone();
    no_address.email.clear();
    ardoise::desk::settings::save_profile(&mut ledger, &no_address).unwrap();
    let refused = email::hand_to_mail_program(&ledger, another, now(), folder.path()).unwrap_err().to_string();
    for place in ["« Mon profil »", "ardoise profile --email", "Réglages › E-mail", "ardoise email setup"] {
        assert!(refused.contains(place), "{place} not in {refused}");
    }
}

/// A letter that lacks a fact (issue 13: a half-year's rate, the trader's form of address) is not
/// printed; its e-mail, whose PDF is rendered at sending, was offered « Envoyer » all the same and
/// refused only at the click. The e-mail now says why before, and leaves once the fact is given.
#[test]
fn an_e_mail_whose_letter_lacks_a_fact_says_so_before_sending_and_leaves_once_it_is_given() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (server, mut mailer) = plain_session(&mut ledger);
    // A formal notice claims interest for every half-year of delay; the demo leaves 2026-S2 blank.
    let (client, picked) = ardoise::desk::clients::client_list(&ledger, today())
        .unwrap()
        .into_iter()
        .filter(|client| !ledger.client(client.id).unwrap().fields.email.is_empty())
        .map(|client| {
            let choices = letter_desk::draft_choices(&ledger, client.id, LetterKind::FormalNotice, today()).unwrap();
            (client.id, choices.into_iter().filter(|choice| choice.preselected).map(|choice| choice.id).collect())
        })
        .find(|(_, picked): &(i64, Vec<i64>)| !picked.is_empty())
        .expect("a demo client with an address and invoices to claim");
    let notice =
        letter_desk::draft_for_client(&mut ledger, client, LetterKind::FormalNotice, today(), &picked).unwrap();
    email::switch_to_email(&mut ledger, notice).unwrap();

    let view = email::letter_email(&ledger, notice, today()).unwrap();
    assert!(!view.can_send);
    assert!(view.cannot_send_reason.starts_with("Cet e-mail ne part pas tant que le courrier joint"), "{view:?}");
    assert!(view.cannot_send_reason.contains("Taux manquant pour le 2e semestre 2026 (2026-S2)"), "{view:?}");
    let refused = email::send_letter_email(&mut ledger, &mut mailer, notice, now()).unwrap_err();
    assert_eq!(refused.kind(), "missing_facts");
    assert!(refused.field_errors().unwrap().0.iter().any(|error| error.field == "missing_rate:2026-S2"));
    assert!(server.received().is_empty());
    assert_eq!(ledger.letter(notice).unwrap().status, "drafted");

    fixtures::enter_2026_s2_rates(&mut ledger);
    assert!(email::letter_email(&ledger, notice, today()).unwrap().can_send);
    email::send_letter_email(&mut ledger, &mut mailer, notice, now()).unwrap();
    assert_eq!(server.received().len(), 1);
    assert_eq!(ledger.letter(notice).unwrap().status, "sent");
}

/// The schema of a ledger written before e-mail (0001 to 0010_books): the one `0012_email.sql` upgrades.
/// Later migrations that come before it run on opening, as they would for a user.
const BEFORE_EMAIL: usize = 10;

/// Copies a folder and everything in it.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Writes at `old_path` the ledger at `current_path` as the schema before e-mail holds it, and the archive
/// folder beside it.
fn as_before_email(current_path: &Path, old_path: &Path) {
    older::write_as_schema(current_path, old_path, BEFORE_EMAIL);
    let archive = |ledger: &Path| ledger.parent().unwrap().join(ardoise::ledger::archive::FOLDER_NAME);
    copy_folder(&archive(current_path), &archive(old_path));
}

/// Every column of every `archive_files` row of the ledger at `path`, in id order, as SQLite holds it.
fn archive_rows(path: &Path) -> Vec<Vec<String>> {
    let connection = rusqlite::Connection::open(path).unwrap();
    let mut statement = connection
        .prepare(
            "SELECT id, client_id, ifnull(letter_id, ''), role, file_name, sha256, archived_on, created_at \
             FROM archive_files ORDER BY id",
        )
        .unwrap();
    let rows = statement
        .query_map([], |row| (0..8).map(|index| row.get::<_, rusqlite::types::Value>(index)).collect())
        .unwrap()
        .map(Result::unwrap)
        .collect::<Vec<Vec<rusqlite::types::Value>>>();
    rows.into_iter().map(|row| row.into_iter().map(|value| format!("{value:?}")).collect()).collect()
}

/// The e-mail migration rebuilds `archive_files` to accept the role `email` (SQLite cannot widen a
/// CHECK): a ledger written before it, holding a formal notice printed and sent by registered mail with
/// its deposit proof and signed receipt, must open with every archived row and file as it was, keep its
/// links intact, and then take the proof of an e-mail.
#[test]
fn a_ledger_from_before_e_mail_opens_with_every_archived_file_intact() {
    let current = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(current.path());
    // The formal notice claims interest for 2026-S2: its rates, as the user would enter them.
    fixtures::enter_2026_s2_rates(&mut ledger);
    let hotel = ardoise::desk::clients::client_list(&ledger, today())
        .unwrap()
        .into_iter()
        .find(|client| client.name == "Hôtel des Célestins")
        .unwrap()
        .id;
    let notice = ardoise::desk::proposals::decide_proposal(
        &mut ledger,
        hotel,
        today(),
        ardoise::desk::proposals::ProposalAction::Accept,
    )
    .unwrap();
    assert_eq!(ledger.letter(notice).unwrap().kind, LetterKind::FormalNotice);
    let exports = current.path().join("exports");
    letter_desk::export_letter(&mut ledger, notice, today(), &letter_desk::ExportTarget::Folder(exports)).unwrap();
    let form = ardoise::domain::delivery::SendingForm {
        deposit_date: Some("2026-11-24".parse().unwrap()),
        tracking_number: "RR473124829FR".into(),
        level: "R1".into(),
        with_receipt: true,
    };
    dispatch::send_letter(&mut ledger, notice, &form).unwrap();
    for (role, name, bytes) in [
        (ArchiveRole::DepositProof, "preuve de dépôt.png", &b"\x89PNG\r\n\x1a\n scan of the deposit proof"[..]),
        (ArchiveRole::Receipt, "avis de réception.pdf", &b"%PDF-1.4 signed receipt"[..]),
    ] {
        let scan = current.path().join(name);
        std::fs::write(&scan, bytes).unwrap();
        dispatch::attach_scan(&mut ledger, notice, role, &scan, today()).unwrap();
    }
    let archived = ledger.archive_files(None).unwrap();
    let roles: Vec<ArchiveRole> = archived.iter().map(|file| file.role).collect();
    assert_eq!(roles, [ArchiveRole::Letter, ArchiveRole::DepositProof, ArchiveRole::Receipt]);
    let bytes: Vec<Vec<u8>> = archived.iter().map(|file| dispatch::read_archived(&ledger, file).unwrap()).collect();
    let lines_before = dispatch::letter_lines(&ledger, Some(hotel)).unwrap();
    let current_path = ledger.path().unwrap().to_path_buf();
    drop(ledger);
    let rows = archive_rows(&current_path);
    assert_eq!(rows.len(), 3);

    let old = tempfile::tempdir().unwrap();
    let old_path = old.path().join("ardoise.sqlite3");
    as_before_email(&current_path, &old_path);

    let mut upgraded = Ledger::open(&old_path).unwrap();
    assert_eq!(upgraded.schema_version().unwrap(), ardoise::ledger::SCHEMA_VERSION);
    assert_eq!(upgraded.backups().unwrap().len(), 1, "backed up before the upgrade");
    // Every row as it was (ids, client, letter, role, name, hash, day, creation moment), every file intact.
    assert_eq!(archive_rows(&old_path), rows);
    assert_eq!(upgraded.archive_files(None).unwrap(), archived);
    let checks = dispatch::verify_archive(&upgraded, None).unwrap();
    assert!(checks.iter().all(|check| check.state == dispatch::Integrity::Intact), "{checks:?}");
    for (file, bytes) in archived.iter().zip(&bytes) {
        assert_eq!(&dispatch::read_archived(&upgraded, file).unwrap(), bytes, "{}", file.file_name);
    }
    assert_eq!(dispatch::letter_lines(&upgraded, Some(hotel)).unwrap(), lines_before);

    // The rebuilt table takes an e-mail's proof beside them.
    let (_, reminder) = drafted_reminders(&mut upgraded, 1)[0];
    let handed = email::hand_to_mail_program(&upgraded, reminder, now(), old.path()).unwrap();
    email::confirm_handed(&mut upgraded, reminder, handed.handed_at, today()).unwrap();
    let after = upgraded.archive_files(None).unwrap();
    assert_eq!(after.iter().filter(|file| file.role == ArchiveRole::Email).count(), 1);
    assert!(archived.iter().all(|file| after.contains(file)));
    drop(upgraded);

    // The upgrade broke no link: every reference still finds its row.
    let connection = rusqlite::Connection::open(&old_path).unwrap();
    let broken: i64 =
        connection.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| row.get(0)).unwrap();
    assert_eq!(broken, 0);
}

/// An e-mail reminder whose invoices were all paid since it was drafted (a bank import said « désormais
/// réglée : ne l'envoyez pas ») left all the same: Ardoise sends it itself, so it now refuses, alone and
/// in the batch (its line says why), and nothing reaches the server.
#[test]
fn an_e_mail_asking_payment_of_invoices_paid_since_does_not_leave() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (server, mut mailer) = plain_session(&mut ledger);
    let (client, letter) = drafted_reminders(&mut ledger, 1)[0];
    for invoice in ledger.letter(letter).unwrap().invoice_ids {
        let (_, left) = ledger.invoice_left(invoice).unwrap();
        let amount = rust_decimal::Decimal::new(left, 2);
        ledger
            .record_payment(&ardoise::domain::model::PaymentFields {
                client_id: client,
                date: today(),
                amount,
                method: ardoise::domain::model::PaymentMethod::Transfer,
                reference: "VIR".into(),
                allocations: Some(vec![ardoise::domain::model::Allocation { invoice_id: invoice, amount }]),
            })
            .unwrap();
    }
    let refused = email::send_letter_email(&mut ledger, &mut mailer, letter, now()).unwrap_err();
    assert_eq!(refused.kind(), "invoices_paid");
    assert!(refused.to_string().contains("désormais réglée") && refused.to_string().contains("il ne part pas"));
    let lines = email::send_batch(&mut ledger, &mut mailer, today(), now(), |_, _| ()).unwrap();
    let line = lines.iter().find(|line| line.letter_id == letter).expect("the letter's line");
    assert!(!line.sent && line.error_kind.as_deref() == Some("invoices_paid"), "{line:?}");
    assert!(server.received().is_empty());
    assert_ne!(ledger.letter(letter).unwrap().status, "sent");
}
