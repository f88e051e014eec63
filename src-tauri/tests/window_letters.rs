//! End-to-end: letters in the real window on the demo ledger. A proposal accepted on the dashboard shows
//! in « Courriers », opens as a readable preview; the user edits its free text and exports it; the PDF
//! (saved into `ARDOISE_EXPORT_DIR`, since a native dialog cannot be driven) holds the edited text, and the
//! ledger keeps the edit and counts the letter printed. A letter is also drafted from a client's page, and
//! a broken template copy is refused in Réglages with its line. The accepted letter is a déclaration de
//! créance: the user first confirms on the client's page what it states, led there by the letter's page.
//! Screenshots `letters-NN-*`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use std::process::Command;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const EDITED: &str = "Texte libre ajouté dans la fenêtre : règlement attendu sous huitaine, merci.";

/// Types lines into a text area, pressing Enter between them as a user does.
async fn type_lines(area: &WebElement, lines: &[&str]) {
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            area.send_keys(Key::Enter).await.unwrap();
        }
        if !line.is_empty() {
            area.send_keys(*line).await.unwrap();
        }
    }
}

/// Waits until the letter page's title holds `fragment`, finding it again each time: the page is replaced
/// when the drafted letter replaces the choice of its kind.
async fn wait_for_title(window: &WebDriver, fragment: &str) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Ok(title) = window.find(By::Css("#letter-title")).await {
            if title.text().await.unwrap_or_default().contains(fragment) {
                return;
            }
        }
        assert!(Instant::now() < deadline, "the letter page never showed {fragment:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_previews_edits_and_exports_a_letter() {
    let data_home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    // The window saves into this folder instead of opening the native dialog (see commands/letters.rs).
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_EXPORT_DIR", exports.path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;

    // Accept the first proposal: its letter is drafted and listed in « Courriers ».
    let card = wait_for(&window, "#proposal-cards .proposal-card").await;
    // The demo leaves 2026-S2's rates blank (window_wording drives entering them); the déclaration de créance
    // states the interest owed on the opening day, so it waits for them like any letter claiming interest:
    // entered beside the window, as another window would.
    enter_2026_s2_rates(&mut Ledger::open(&ledger_file(data_home.path())).unwrap());
    let client_id: i64 = card.attr("data-client-id").await.unwrap().unwrap().parse().unwrap();
    click_element(&card.find(By::Css(".proposal-accept")).await.unwrap(), "the card's « Accepter »").await;
    let file = ledger_file(data_home.path());
    let deadline = Instant::now() + PATIENCE;
    while Ledger::open(&file).unwrap().letters_to_print().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "no drafted letter after accepting the proposal");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let drafted = Ledger::open(&file).unwrap().letters_to_print().unwrap();
    let letter_id = drafted[0].id;
    assert_eq!(drafted[0].client_id, client_id);
    click(&window, "#nav-letters").await;
    click(&window, &format!("#letter-batch-rows button[data-letter-id=\"{letter_id}\"]")).await;
    screenshot(&window, "letters-01-today").await;

    // The déclaration de créance states only what the user confirmed: until then its page says what it
    // lacks, with the way to the client's page; confirmed there, the letter is opened again.
    let missing = wait_for(&window, "#letter-missing-facts").await;
    wait_for_text(&missing, "Déclaration de créance : confirmez").await;
    click(&window, "#letter-missing-facts button[data-code=\"claim_statement\"]").await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == client_id.to_string()).await;
    click(&window, "#claim-confirm-box").await;
    click(&window, "#claim-confirm").await;
    wait_for_text(&wait_for(&window, "#claim-statement-status").await, "Confirmé le 22 novembre 2026").await;
    click(&window, "#nav-letters").await;
    click(&window, &format!("#letter-batch-rows button[data-letter-id=\"{letter_id}\"]")).await;

    // The preview shows the letter as the core composes it.
    let expected =
        ardoise::desk::letters::stored_letter(&Ledger::open(&file).unwrap(), letter_id, TODAY.parse().unwrap())
            .unwrap();
    let subject = wait_for(&window, "#letter-subject").await;
    wait_for_text(&subject, &expected.subject).await;
    wait_for_text(&wait_for(&window, "#letter-recipient").await, &expected.facts.client.address_lines[0]).await;
    wait_for_text(&wait_for(&window, "#letter-date").await, "22 novembre 2026").await;
    let body = wait_for(&window, "#letter-body").await;
    assert_eq!(body.prop("value").await.unwrap().unwrap_or_default(), expected.body);
    screenshot(&window, "letters-02-preview").await;

    // Edit the free text and export: the PDF has the edited text, the ledger keeps it.
    body.clear().await.unwrap();
    type_lines(&body, &[&expected.facts.client.salutation, "", EDITED]).await;
    click(&window, "#letter-export").await;
    wait_for_text(&wait_for(&window, "#letter-status").await, "PDF enregistré").await;
    wait_for(&window, "#letter-edited").await;
    screenshot(&window, "letters-03-exported").await;
    let pdf = exports.path().join(&expected.file_name);
    assert!(
        pdf.exists(),
        "{} not written; folder holds {:?}",
        pdf.display(),
        std::fs::read_dir(exports.path()).unwrap().collect::<Vec<_>>()
    );
    let output = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(EDITED), "the PDF lacks the edited text:\n{text}");
    let template_line = expected.body.lines().max_by_key(|line| line.len()).unwrap();
    let template_words = template_line.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    assert!(!text.contains(&template_words), "the template's text is still printed: {template_words}");
    let stored = Ledger::open(&file).unwrap().letter(letter_id).unwrap();
    assert_eq!(stored.status, "printed");
    assert!(stored.body_override.unwrap().contains(EDITED));

    // From a client's page: choose a kind, the letter is drafted and previewed. Not the first proposal's
    // client: in collective procedure, it is sent no letter asking for payment.
    let hotel = Ledger::open(&file)
        .unwrap()
        .clients()
        .unwrap()
        .into_iter()
        .find(|client| client.fields.display_name() == "Hôtel des Célestins");
    let hotel = hotel.expect("the demo's hotel").id;
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{hotel}\"]")).await;
    click(&window, "#letter-new").await;
    let kinds = wait_for(&window, "#letter-kind").await;
    thirtyfour::components::SelectElement::new(&kinds)
        .await
        .unwrap()
        .select_by_value("grouped_statement")
        .await
        .unwrap();
    click(&window, "#letter-draft").await;
    wait_for_title(&window, "Relevé des factures en retard").await;
    wait_for(&window, "#letter-body").await;
    screenshot(&window, "letters-04-from-client").await;

    // Réglages: a broken copy of a template is refused with its line; the original stays.
    click(&window, "#nav-settings").await;
    let source = wait_for(&window, "#template-source").await;
    source.clear().await.unwrap();
    type_lines(&source, &["Objet : essai", "", "{{ client.name }"]).await;
    click(&window, "#template-save").await;
    wait_for_text(&wait_for(&window, "#template-error").await, "ligne 3").await;
    assert!(Ledger::open(&file).unwrap().template_copies().unwrap().is_empty());
    screenshot(&window, "letters-05-template-refused").await;
}
