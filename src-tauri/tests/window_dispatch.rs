//! End-to-end: registered mail in the real window on the demo ledger. A proposal accepted on the dashboard
//! shows in « Courriers »; its sending is refused until it is printed; printed with the letters waiting,
//! its dispatch form refuses a tracking number with a wrong check digit, then records the sending (the PDF
//! printed is archived, byte for byte) and the receipt; the deposit list of the day is saved (into
//! `ARDOISE_EXPORT_DIR`, since a native dialog cannot be driven) with the tracking number; the court
//! dossier is refused for that client, in collective procedure, and written for another; an archived PDF changed on disk is flagged in the list; the 2026 postage prices are
//! confirmed in Réglages. Screenshots `dispatch-NN-*`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use std::process::Command;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_records_a_dispatch_and_prints_a_deposit_list() {
    let data_home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    // The window saves into this folder instead of opening the native dialog (commands/dispatch.rs).
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_EXPORT_DIR", exports.path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;

    // Accept the first proposal: a drafted letter.
    let card = wait_for(&window, "#proposal-cards .proposal-card").await;
    // The demo leaves 2026-S2's rates blank (window_wording drives entering them); the déclaration de créance
    // states the interest owed on the opening day, so it waits for them like any letter claiming interest:
    // entered beside the window, as another window would.
    enter_2026_s2_rates(&mut Ledger::open(&ledger_file(data_home.path())).unwrap());
    click_element(&card.find(By::Css(".proposal-accept")).await.unwrap(), "the card's « Accepter »").await;
    let file = ledger_file(data_home.path());
    let deadline = Instant::now() + PATIENCE;
    while Ledger::open(&file).unwrap().letters_to_print().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "no drafted letter after accepting the proposal");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let letter_id = Ledger::open(&file).unwrap().letters_to_print().unwrap()[0].id;

    // « Courriers » lists every letter; open the drafted one's dispatch form: not printed yet, its
    // sending is refused.
    click(&window, "#nav-letters").await;
    let row = wait_for(&window, &format!("#letter-list-rows tr[data-letter-id=\"{letter_id}\"]")).await;
    wait_for_text(&row, "Préparé").await;
    screenshot(&window, "dispatch-01-letters").await;
    click(&window, &format!("#letter-list-rows button[data-letter-id=\"{letter_id}\"]")).await;
    let form = wait_for(&window, "#dispatch-send-form").await;
    fill(&form, "deposit_date", "24/11/2026").await;
    fill(&form, "tracking_number", "RR 473124829 FR").await;
    choose(&form, "level", "R2").await;
    submit(&form).await;
    wait_for_text(&wait_for(&window, "#dispatch-error").await, "n'a pas encore été imprimé").await;
    assert_eq!(Ledger::open(&file).unwrap().dispatch_row(letter_id).unwrap().status, "drafted");

    // The déclaration de créance lacks what only the user knows, and the page says so before any export,
    // with the way to it: the client's page, where the user confirms it, as a new user would.
    click(&window, "#dispatch-back").await;
    let missing = wait_for(&window, "#batch-missing-facts").await;
    wait_for_text(&missing, "Transports Vidal SARL : Déclaration de créance : confirmez").await;
    screenshot(&window, "dispatch-01b-missing-facts").await;
    // Exported now, the letters that can be printed are (none here); the déclaration stays waiting, named
    // with a pointer to what it lacks, said once below.
    click(&window, "#letter-batch-export").await;
    let refused = wait_for(&window, "#letter-batch-refused").await;
    wait_for_text(&refused, "Transports Vidal SARL — Déclaration de créance : il manque ce qui est dit plus bas.")
        .await;
    assert!(!window.find(By::Css("#letter-batch-status")).await.unwrap().is_displayed().await.unwrap());
    assert_eq!(Ledger::open(&file).unwrap().letter(letter_id).unwrap().status, "drafted");
    screenshot(&window, "dispatch-01b-export-leaves-it-waiting").await;
    click(&window, "#batch-missing-facts button[data-code=\"claim_statement\"]").await;
    wait_for(&window, "#claim-statement").await;
    click(&window, "#claim-confirm-box").await;
    screenshot(&window, "dispatch-01c-claim-statement").await;
    click(&window, "#claim-confirm").await;
    wait_for_text(&wait_for(&window, "#claim-statement-status").await, "Confirmé le 22 novembre 2026").await;
    click(&window, "#nav-letters").await;
    wait_for(&window, "#letter-batch-rows").await;
    let missing = window.find(By::Css("#batch-missing-facts")).await.unwrap();
    assert!(!missing.is_displayed().await.unwrap(), "nothing lacks any more");

    // Printed with the letters waiting: its PDF is kept with its SHA-256.
    click(&window, "#letter-batch-export").await;
    wait_for_text(&wait_for(&window, "#letter-batch-status").await, "enregistré").await;
    let deadline = Instant::now() + PATIENCE;
    while Ledger::open(&file).unwrap().letter(letter_id).unwrap().status != "printed" {
        assert!(Instant::now() < deadline, "the letter is not printed after the export of the letters waiting");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let printed_sha256 = Ledger::open(&file).unwrap().letter(letter_id).unwrap().printed_sha256.unwrap();
    let row = wait_for(&window, &format!("#letter-list-rows tr[data-letter-id=\"{letter_id}\"]")).await;
    wait_for_text(&row, "Imprimé").await;
    click(&window, &format!("#letter-list-rows button[data-letter-id=\"{letter_id}\"]")).await;
    let form = wait_for(&window, "#dispatch-send-form").await;
    fill(&form, "deposit_date", "24/11/2026").await;
    fill(&form, "tracking_number", "RR 473124828 FR").await;
    choose(&form, "level", "R2").await;
    submit(&form).await;
    let slot = "#dispatch-send-form [data-error-for=\"tracking_number\"]";
    wait_for_text(&wait_for(&window, slot).await, "le chiffre de contrôle devrait être 9").await;
    screenshot(&window, "dispatch-02-wrong-check-digit").await;
    assert_eq!(Ledger::open(&file).unwrap().dispatch_row(letter_id).unwrap().status, "printed");

    fill(&form, "tracking_number", "RR 473124829 FR").await;
    submit(&form).await;
    wait_for_text(&wait_for(&window, "#dispatch-done").await, "Envoi enregistré").await;
    let row = Ledger::open(&file).unwrap().dispatch_row(letter_id).unwrap();
    assert_eq!(row.status, "sent");
    assert_eq!(row.tracking_number.as_deref(), Some("RR473124829FR"));
    assert_eq!(row.level, Some(ardoise::domain::delivery::GuaranteeLevel::R2));
    assert_eq!(row.deposit_date, Some("2026-11-24".parse().unwrap()));
    let archived = Ledger::open(&file).unwrap().archive_files(None).unwrap();
    assert_eq!(archived.len(), 1, "the letter's PDF is archived when sent");
    assert_eq!(archived[0].sha256, printed_sha256, "the PDF archived is the one printed");

    // The receipt.
    let delivery = wait_for(&window, "#dispatch-delivery-form").await;
    choose(&delivery, "outcome", "received").await;
    fill(&delivery, "date", "26/11/2026").await;
    submit(&delivery).await;
    wait_for_text(&wait_for(&window, "#dispatch-status").await, "reçu le 26 novembre 2026").await;
    screenshot(&window, "dispatch-03-received").await;
    assert_eq!(
        Ledger::open(&file).unwrap().dispatch_row(letter_id).unwrap().delivery,
        Some(ardoise::domain::delivery::Delivery::Received("2026-11-26".parse().unwrap()))
    );

    // The deposit list of 24 November.
    click(&window, "#dispatch-back").await;
    let date = wait_for(&window, "#deposit-list-date").await;
    date.clear().await.unwrap();
    date.send_keys("24/11/2026").await.unwrap();
    click(&window, "#deposit-list-export").await;
    wait_for_text(&wait_for(&window, "#letter-list-status").await, "Liste de dépôt enregistrée").await;
    screenshot(&window, "dispatch-04-deposit-list").await;
    let pdf = exports.path().join("Liste de dépôt 2026-11-24.pdf");
    let output = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("RR473124829FR") && text.contains("24 novembre 2026"), "{text}");

    // The court-ready dossier: refused for this client, in collective procedure (its creditors declare,
    // they do not sue); written for another in one action.
    let client_id = row.client_id.to_string();
    let clients = wait_for(&window, "#dossier-client").await;
    thirtyfour::components::SelectElement::new(&clients).await.unwrap().select_by_value(&client_id).await.unwrap();
    click(&window, "#dossier-export").await;
    wait_for_text(&wait_for(&window, "#letter-list-error").await, "est en procédure collective").await;
    assert!(!std::fs::read_dir(exports.path()).unwrap().any(|e| e.unwrap().path().is_dir()), "no dossier written");
    // The list offers the clients with letters: the other one is the demo's consumer, reminded twice.
    let perrin = Ledger::open(&file)
        .unwrap()
        .clients()
        .unwrap()
        .into_iter()
        .find(|client| client.fields.display_name() == "M. David PERRIN");
    let perrin = perrin.expect("the demo's M. PERRIN").id.to_string();
    let clients = wait_for(&window, "#dossier-client").await;
    thirtyfour::components::SelectElement::new(&clients).await.unwrap().select_by_value(&perrin).await.unwrap();
    click(&window, "#dossier-export").await;
    wait_for_text(&wait_for(&window, "#letter-list-status").await, "Dossier écrit").await;
    let written: Vec<_> =
        std::fs::read_dir(exports.path()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].join("03 Fiche injonction de payer.pdf").is_file());

    // An archived PDF changed on disk is flagged.
    let archive = file.parent().unwrap().join("archive").join(&archived[0].file_name);
    std::fs::write(&archive, b"%PDF-1.4 not the letter that was sent").unwrap();
    click(&window, "#nav-dashboard").await;
    click(&window, "#nav-letters").await;
    let flagged =
        wait_for(&window, &format!("#letter-list-rows tr[data-letter-id=\"{letter_id}\"] .letter-list-tampered")).await;
    wait_for_text(&flagged, "copie archivée modifiée").await;
    screenshot(&window, "dispatch-05-archive-changed").await;

    // Réglages: the 2026 prices entered and confirmed.
    click(&window, "#nav-settings").await;
    let prices = wait_for(&window, "#postage-rows tr:last-child").await;
    fill(&prices, "r2", "7,20").await;
    click_element(&prices.find(By::Css("[name=\"to_confirm\"]")).await.unwrap(), "the prices' « à confirmer » box")
        .await;
    click(&window, "#postage-save").await;
    wait_for_text(&wait_for(&window, "#postage-saved").await, "Tarifs enregistrés").await;
    screenshot(&window, "dispatch-06-prices").await;
    let table = ardoise::desk::deposit::price_table(&Ledger::open(&file).unwrap()).unwrap();
    let last = table.rows.last().unwrap();
    assert_eq!(
        (last.valid_from.to_string().as_str(), last.r2.to_string().as_str(), last.to_confirm),
        ("2026-01-01", "7.20", false)
    );
}

/// A letter printed, then its invoices paid before it was posted (a bank import said « désormais réglée
/// : ne l'envoyez pas »): recording its sending is refused with the reason, and the refusal offers to
/// record it all the same for a letter that really left before the payment was known. Screenshot
/// `dispatch-07-paid-since`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_whose_invoices_were_paid_since_is_sent_only_when_the_user_says_it_left() {
    use ardoise::desk::letters::{export_letter, ExportTarget};
    use ardoise::desk::proposals::{decide_proposal, ProposalAction};
    let data_home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    wait_for(&window, "#proposal-cards .proposal-card").await;

    // Beside the window, as another window would: the hotel's formal notice accepted and printed, then
    // every invoice it claims paid.
    let today: chrono::NaiveDate = TODAY.parse().unwrap();
    let mut ledger = Ledger::open(&ledger_file(data_home.path())).unwrap();
    let hotel =
        ledger.clients().unwrap().into_iter().find(|client| client.fields.display_name() == "Hôtel des Célestins");
    let hotel = hotel.expect("the demo's hotel").id;
    // The demo leaves the second half of 2026's rates to enter (window_wording drives that path).
    enter_2026_s2_rates(&mut ledger);
    let letter_id = decide_proposal(&mut ledger, hotel, today, ProposalAction::Accept).unwrap();
    export_letter(&mut ledger, letter_id, today, &ExportTarget::Folder(exports.path().to_path_buf())).unwrap();
    for invoice in ledger.dispatch_row(letter_id).unwrap().invoice_ids {
        let (_, left) = ledger.invoice_left(invoice).unwrap();
        let amount = rust_decimal::Decimal::new(left, 2);
        let allocations = Some(vec![ardoise::domain::model::Allocation { invoice_id: invoice, amount }]);
        let payment = ardoise::domain::model::PaymentFields {
            client_id: hotel,
            date: today,
            amount,
            method: ardoise::domain::model::PaymentMethod::Transfer,
            reference: "VIR HOTEL DES CELESTINS".into(),
            allocations,
        };
        ledger.record_payment(&payment).unwrap();
    }
    drop(ledger);

    click(&window, "#nav-letters").await;
    click(&window, &format!("#letter-list-rows button[data-letter-id=\"{letter_id}\"]")).await;
    let form = wait_for(&window, "#dispatch-send-form").await;
    fill(&form, "deposit_date", "24/11/2026").await;
    fill(&form, "tracking_number", "RR 473124829 FR").await;
    choose(&form, "level", "R1").await;
    submit(&form).await;
    let refusal = wait_for(&window, "#dispatch-error").await;
    wait_for_text(&refusal, "désormais réglée").await;
    let said = refusal.text().await.unwrap();
    assert!(!said.contains("--even-if-paid") && !said.contains("ardoise letters"), "the command line's words: {said}");
    screenshot(&window, "dispatch-07-paid-since").await;
    let file = ledger_file(data_home.path());
    assert_eq!(Ledger::open(&file).unwrap().dispatch_row(letter_id).unwrap().status, "printed");

    click(&window, "#dispatch-send-anyway").await;
    wait_for_text(&wait_for(&window, "#dispatch-done").await, "Envoi enregistré").await;
    assert_eq!(Ledger::open(&file).unwrap().dispatch_row(letter_id).unwrap().status, "sent");
}
