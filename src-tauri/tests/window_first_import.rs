//! End-to-end test of a first start in the real window (issue 14): a new user chooses « Importer mes
//! factures », lands on the « Importer » page of a new, empty ledger, picks the tracking sheet they kept
//! by hand, and reads in the preview the values left out of a client (a SIRET with a wrong key, an e-mail
//! without « @ ») and the date the payments the sheet does not date will take; they date those payments
//! on the day they really received them (a day after today is refused, the preview kept), confirm, and
//! the ledger holds the invoices, the clients without the wrong values and the payments on that day.
//! Screenshots `first-import-NN-*`.
//!
//! `ARDOISE_IMPORT_PICK` answers « Choisir des fichiers… » (README.md): a native dialog cannot be driven.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use std::path::Path;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_user_imports_their_tracking_sheet_from_the_first_start() {
    let data_home = tempfile::tempdir().unwrap();
    let picked = data_home.path().join("suivi des factures.csv");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/import/suivi-premier-import.csv");
    std::fs::copy(fixture, &picked).unwrap();
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_IMPORT_PICK", picked.as_path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();

    // The first start offers the import beside the demonstration and the empty ledger.
    wait_for(&window, "#start-import").await;
    screenshot(&window, "first-import-01-welcome").await;
    click(&window, "#start-import").await;
    wait_for(&window, "#import-page").await;
    let ledger_path = ledger_file(data_home.path());
    assert!(ledger_path.exists(), "the empty ledger is created");

    // The preview: four invoices, the two values left out of « Pressing des Halles », two payments the
    // sheet does not date, put on today.
    click(&window, "#import-pick").await;
    let new = wait_for(&window, "#import-count-new").await;
    wait_for_text(&new, "4").await;
    let warnings = window.find_all(By::Css("#import-warnings tr")).await.unwrap();
    assert_eq!(warnings.len(), 2);
    let first = warnings[0].text().await.unwrap();
    assert!(first.contains("Pressing des Halles") && first.contains("41234567000018"), "{first}");
    assert!(warnings[1].text().await.unwrap().contains("contact.pressing-halles.fr"));
    let dated = wait_for(&window, "#import-payment-date-text").await;
    wait_for_text(&dated, "2 règlements que le fichier ne date pas seront datés du 22 novembre 2026").await;
    wait_for(&window, "#import-preview").await.scroll_into_view().await.ok();
    screenshot(&window, "first-import-02-preview").await;

    // A day after today is refused, and the preview stays as it was.
    let date = wait_for(&window, "#import-payment-date").await;
    date.clear().await.unwrap();
    date.send_keys("30/11/2026").await.unwrap();
    click(&window, "#import-payment-date-apply").await;
    wait_for_text(&wait_for(&window, "#import-error").await, "après aujourd'hui").await;
    assert_eq!(dated.attr("data-value").await.unwrap().as_deref(), Some("2026-11-22"));
    assert_eq!(wait_for(&window, "#import-count-new").await.text().await.unwrap(), "4");

    // The day the money came in.
    let date = wait_for(&window, "#import-payment-date").await;
    date.clear().await.unwrap();
    date.send_keys("15/11/2026").await.unwrap();
    click(&window, "#import-payment-date-apply").await;
    wait_for_attribute(&window, "#import-payment-date-text", "data-value", |day| day == "2026-11-15").await;
    wait_for_text(&dated, "datés du 15 novembre 2026").await;
    screenshot(&window, "first-import-03-payments-dated").await;
    assert_eq!(Ledger::open(&ledger_path).unwrap().imports().unwrap().len(), 0, "nothing written before « Confirmer »");

    click(&window, "#import-confirm").await;
    wait_for_text(&wait_for(&window, "#import-result").await, "Import n° 1 enregistré : 4 nouvelle(s)").await;
    screenshot(&window, "first-import-04-done").await;
    let ledger = Ledger::open(&ledger_path).unwrap();
    let clients = ledger.clients().unwrap();
    let pressing = clients.iter().find(|c| c.fields.display_name() == "Pressing des Halles").expect("the client");
    assert_eq!((pressing.fields.siren_siret.as_str(), pressing.fields.email.as_str()), ("", ""));
    let mut payments: Vec<(String, chrono::NaiveDate, rust_decimal::Decimal)> = Vec::new();
    for client in &clients {
        for payment in ledger.payments(client.id).unwrap() {
            payments.push((client.fields.display_name(), payment.date, payment.amount));
        }
    }
    payments.sort();
    let day: chrono::NaiveDate = "2026-11-15".parse().unwrap();
    assert_eq!(
        payments,
        [("Atelier Roux".to_string(), day, decimal("400.00")), ("Mme Lucie FABRE".to_string(), day, decimal("240.00"))]
    );
    window.quit().await.ok();
}
