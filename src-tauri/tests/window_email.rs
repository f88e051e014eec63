//! End-to-end: a reminder sent by e-mail from the real window on the demo ledger (issue 16), to the
//! tests' SMTP server on 127.0.0.1. In « Réglages › E-mail » the user enters the server (plain SMTP is
//! allowed to this computer only: another server without encryption is refused next to its field), then
//! drafts a friendly reminder from the client's page: its page shows the e-mail (the client's address, the
//! subject and body written for e-mail, the PDF attached); « Envoyer l'e-mail » sends it, the page shows
//! the proof and the letter as sent, and the bytes the server received are the archived `.eml`. Then
//! « Courriers › Envoyer les e-mails » sends another reminder waiting, with a line saying it left; a third
//! is handed to the user's own mail program as a draft `.eml` and recorded sent once the user says so.
//! Screenshots `email-NN-*`.
#![cfg(not(target_os = "macos"))]

mod common;
#[path = "../../tests/smtp/mod.rs"]
mod smtp;

use ardoise::Ledger;
use common::*;
use std::time::{Duration, Instant};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

const SENDER: &str = "claire@dumont-menuiserie.fr";

/// Waits until the element at `css`, found again each time, holds `fragment`; returns its text.
async fn wait_for_css_text(window: &WebDriver, css: &str, fragment: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = String::new();
    loop {
        if let Ok(element) = window.find(By::Css(css)).await {
            last = element.text().await.unwrap_or_default();
            if last.contains(fragment) {
                return last;
            }
        }
        assert!(Instant::now() < deadline, "`{css}` never showed {fragment:?} (last: {last:?})");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn type_into(window: &WebDriver, css: &str, value: &str) {
    let input = wait_for(window, css).await;
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
}

async fn select(window: &WebDriver, css: &str, value: &str) {
    let element = wait_for(window, css).await;
    SelectElement::new(&element).await.unwrap().select_by_value(value).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_sets_up_e_mail_and_sends_a_reminder_that_is_kept_as_proof() {
    let server = smtp::Server::start(smtp::Mode::Plain, None, &[]);
    let data_home = tempfile::tempdir().unwrap();
    // The folder « Ouvrir dans ma messagerie » writes its draft into, instead of the native dialog; the
    // driver's child processes inherit it.
    let drafts = tempfile::tempdir().unwrap();
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_EXPORT_DIR", drafts.path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    wait_for(&window, "#proposal-cards .proposal-card").await;
    let file = ledger_file(data_home.path());
    let client = {
        let ledger = Ledger::open(&file).unwrap();
        let today = TODAY.parse().unwrap();
        ardoise::desk::clients::client_list(&ledger, today)
            .unwrap()
            .into_iter()
            .find(|c| c.name == "Boulangerie Fournier")
            .unwrap()
            .id
    };

    // Réglages › E-mail: a server elsewhere without encryption is refused next to « Sécurité ».
    click(&window, "#nav-settings").await;
    wait_for(&window, "#email-settings").await;
    type_into(&window, "#email-host", "smtp.exemple.fr").await;
    type_into(&window, "#email-port", "25").await;
    select(&window, "#email-security", "none").await;
    type_into(&window, "#email-from_address", SENDER).await;
    type_into(&window, "#email-from_name", "Claire Dumont").await;
    click(&window, "#email-save").await;
    wait_for_css_text(
        &window,
        "#email-settings [data-error-for=\"security\"]",
        "n'est permise que vers cet ordinateur",
    )
    .await;
    screenshot(&window, "email-01-plain-refused").await;
    // This computer's test server is accepted; it asks for no login, so no password is used.
    type_into(&window, "#email-host", "127.0.0.1").await;
    type_into(&window, "#email-port", &server.port.to_string()).await;
    click(&window, "#email-save").await;
    wait_for_css_text(&window, "#email-done", "Réglages de l’e-mail enregistrés.").await;
    wait_for_css_text(&window, "#email-password-note", "ne demande pas d'identification").await;
    screenshot(&window, "email-02-settings-saved").await;

    // A friendly reminder drafted from the client's page leaves by e-mail: its page shows the e-mail.
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{client}\"]")).await;
    click(&window, "#letter-new").await;
    select(&window, "#letter-kind", "friendly_reminder").await;
    wait_for(&window, "#letter-invoices li[data-invoice-id] input:checked").await;
    click(&window, "#letter-draft").await;
    let to = wait_for_css_text(&window, "#letter-email-to", "@").await;
    assert!(to.starts_with("À : Boulangerie Fournier <"), "{to}");
    let subject = wait_for(&window, "#letter-email-subject").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(subject.starts_with("Rappel — facture F2026-060"), "{subject}");
    wait_for_css_text(&window, "#letter-email-attachment", "Rappel amical").await;
    wait_for_css_text(&window, "#letter-email-from", &format!("Claire Dumont <{SENDER}>")).await;
    screenshot(&window, "email-03-letter-email").await;

    // Sent: the proof on the page, the letter sent, the server's bytes are the archived message.
    click(&window, "#letter-email-send").await;
    let proof = wait_for_css_text(&window, "#letter-email-proof", "E-mail envoyé le 22 novembre 2026").await;
    assert!(proof.contains("réponse du serveur : « 250 2.0.0 Ok: queued as ESSAI0001 »"), "{proof}");
    assert!(proof.contains("SHA-256"), "{proof}");
    wait_for_css_text(&window, "#letter-life", "Envoyé le 22 novembre 2026").await;
    screenshot(&window, "email-04-sent-with-proof").await;
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].from, SENDER);
    let ledger = Ledger::open(&file).unwrap();
    let letter = ledger
        .letters(Some(client))
        .unwrap()
        .into_iter()
        .find(|row| row.status == "sent" && row.kind.id() == "friendly_reminder" && row.dispatch.id() == "email")
        .expect("the reminder sent");
    let sent = ardoise::desk::email::letter_email(&ledger, letter.id, TODAY.parse().unwrap()).unwrap().sent.unwrap();
    assert!(proof.contains(&sent.sha256), "{proof}");
    let archive = file.parent().unwrap().join("archive").join(&sent.eml_file);
    assert_eq!(std::fs::read(archive).unwrap(), received[0].bytes, "the archived .eml is what the server received");

    // Another reminder waits (drafted by the core, as « À faire aujourd'hui » would): « Courriers » sends
    // the e-mail letters waiting at once, and says for each what became of it.
    let cafe = ardoise::desk::clients::find_client(&ledger, "Café du Parc").unwrap();
    let reminder = ardoise::desk::letters::LetterKind::FriendlyReminder;
    let picked: Vec<i64> = ardoise::desk::letters::draft_choices(&ledger, cafe, reminder, TODAY.parse().unwrap())
        .unwrap()
        .into_iter()
        .filter(|choice| choice.preselected)
        .map(|choice| choice.id)
        .collect();
    let mut ledger = ledger;
    let second =
        ardoise::desk::letters::draft_for_client(&mut ledger, cafe, reminder, TODAY.parse().unwrap(), &picked).unwrap();
    drop(ledger);
    click(&window, "#nav-letters").await;
    wait_for_css_text(&window, "#email-batch-count", "1 courrier(s) attendent de partir par e-mail").await;
    click(&window, "#email-batch-send").await;
    let line =
        wait_for_css_text(&window, &format!("#email-batch-results li[data-letter-id=\"{second}\"]"), "envoyé").await;
    assert!(line.starts_with(&format!("Courrier n° {second} (Café du Parc) : envoyé. Envoyé à ")), "{line}");
    wait_for_css_text(&window, "#email-batch-count", "Aucun courrier n’attend de partir par e-mail.").await;
    screenshot(&window, "email-05-batch-sent").await;
    assert_eq!(server.received().len(), 2);

    // Without going through the server: the draft for the user's own mail program, then « L'e-mail est
    // parti »: the letter is sent, its proof the message handed over.
    let atelier = {
        let ledger = Ledger::open(&file).unwrap();
        ardoise::desk::clients::find_client(&ledger, "Atelier Bois").unwrap()
    };
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{atelier}\"]")).await;
    click(&window, "#letter-new").await;
    select(&window, "#letter-kind", "friendly_reminder").await;
    wait_for(&window, "#letter-invoices li[data-invoice-id] input:checked").await;
    click(&window, "#letter-draft").await;
    wait_for_css_text(&window, "#letter-email-to", "@").await;
    click(&window, "#letter-email-handover").await;
    let handed = wait_for_css_text(&window, "#letter-email-handed", "Brouillon écrit : ").await;
    let drafts_written: Vec<_> = std::fs::read_dir(drafts.path()).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(drafts_written.len(), 1, "{handed}");
    let draft = std::fs::read(&drafts_written[0]).unwrap();
    assert!(String::from_utf8_lossy(&draft).contains("X-Unsent: 1"), "a draft, ready to send");
    screenshot(&window, "email-06-handed-to-mail-program").await;
    click(&window, "#letter-email-confirm").await;
    let proof = wait_for_css_text(&window, "#letter-email-proof", "parti de votre messagerie").await;
    let sha = ardoise::domain::digest::sha256_hex(&draft);
    assert!(proof.contains(&sha), "the proof is the draft handed over: {proof}");
    wait_for_css_text(&window, "#letter-life", "Envoyé le 22 novembre 2026").await;
    screenshot(&window, "email-07-confirmed").await;
    assert_eq!(server.received().len(), 2, "nothing went through the server");
}
