//! E-mail benchmark (release): the time to send 100 reminders by e-mail through the desk (`send_batch`,
//! as « Envoyer les e-mails du jour » and `ardoise email batch` do: each letter composed, its PDF
//! rendered, its message built, sent, then recorded with its PDF and `.eml` archived) to the tests' SMTP
//! server on 127.0.0.1, in plain SMTP and through STARTTLS with a login; the median and extremes of
//! several runs, each on a fresh demo ledger. Run with `cargo bench -p ardoise --bench email`.

// Figures are printed in ms and s: float display only, no money.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/smtp/mod.rs"]
mod smtp;

use ardoise::desk::email::{self, Keychain, Mailer, SmtpSettingsText};
use ardoise::desk::letters as letter_desk;
use ardoise::desk::{clients, demo, Ledger};
use ardoise::domain::letter_kind::LetterKind;
use chrono::{DateTime, NaiveDate};
use smtp::{Mode, Server};
use std::time::Instant;

const LETTERS: usize = 100;
const RUNS: usize = 5;
const USER: &str = "camille@atelier-rousseau.fr";
const PASSWORD: &str = "mot-de-passe";

fn main() {
    println!("Envoi de {LETTERS} rappels par e-mail vers le serveur SMTP d'essai (127.0.0.1), {RUNS} essais chacun :");
    for (mode, security, label) in
        [(Mode::Plain, "none", "SMTP sans chiffrement"), (Mode::Starttls, "starttls", "STARTTLS + identification")]
    {
        let mut seconds: Vec<f64> = (0..RUNS).map(|_| run(mode, security)).collect();
        seconds.sort_by(f64::total_cmp);
        let median = seconds[RUNS / 2];
        println!(
            "  {label:<28} médiane {median:.2} s ({:.1} ms par e-mail), de {:.2} s à {:.2} s",
            median * 1000.0 / LETTERS as f64,
            seconds[0],
            seconds[RUNS - 1]
        );
    }
}

/// One run: a fresh demo ledger with 100 friendly reminders drafted, sent in one batch; the seconds of
/// the batch alone.
fn run(mode: Mode, security: &str) -> f64 {
    let today: NaiveDate = "2026-11-22".parse().unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").unwrap();
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&folder.path().join("ledger.sqlite3")).unwrap();
    demo::populate(&mut ledger, today).unwrap();
    let server = Server::start(mode, (mode != Mode::Plain).then_some((USER, PASSWORD)), &[]);
    let mut mailer = Mailer::with_keychain(Keychain::with_store(keyring::mock::default_credential_builder()));
    mailer.trust_certificate(server.certificate_pem.clone());
    let text = SmtpSettingsText {
        host: "127.0.0.1".into(),
        port: server.port.to_string(),
        security: security.into(),
        user: if mode == Mode::Plain { String::new() } else { USER.into() },
        from_address: USER.into(),
        from_name: "Camille Rousseau".into(),
        bcc_self: false,
    };
    email::save_settings(&mut ledger, &mut mailer, &text, Some(PASSWORD)).unwrap();
    draft_reminders(&mut ledger, today);

    let start = Instant::now();
    let lines = email::send_batch(&mut ledger, &mut mailer, today, now, |_, _| ()).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(lines.iter().filter(|line| line.sent).count(), LETTERS);
    assert_eq!(server.received().len(), LETTERS);
    seconds
}

/// 100 friendly reminders, over the demo clients with an address and overdue invoices in turn.
fn draft_reminders(ledger: &mut Ledger, today: NaiveDate) {
    let kind = LetterKind::FriendlyReminder;
    let mut targets = Vec::new();
    for client in clients::client_list(ledger, today).unwrap() {
        let picked: Vec<i64> = letter_desk::draft_choices(ledger, client.id, kind, today)
            .unwrap()
            .into_iter()
            .filter(|choice| choice.preselected)
            .map(|choice| choice.id)
            .collect();
        if !picked.is_empty() && !ledger.client(client.id).unwrap().fields.email.is_empty() {
            targets.push((client.id, picked));
        }
    }
    for index in 0..LETTERS {
        let (client, picked) = &targets[index % targets.len()];
        letter_desk::draft_for_client(ledger, *client, kind, today, picked).unwrap();
    }
}
