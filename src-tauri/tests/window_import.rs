//! End-to-end test of the « Importer » page in the real window: a spreadsheet is chosen, previewed
//! (counts, mapping, refused rows), confirmed, then a newer export of it is previewed with its changes,
//! confirmed and undone, each step checked against the ledger file.
//!
//! The native file dialog cannot be driven by WebDriver: the app's `ARDOISE_IMPORT_PICK` variable makes
//! « Choisir un fichier… » answer with a path this test controls (documented in README.md); everything
//! after the dialog is the real path, from the page through IPC to the core and the file.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use std::path::Path;
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/import").join(name)
}

async fn count(window: &WebDriver, id: &str, expected: &str) {
    let element = wait_for(window, id).await;
    wait_for_text(&element, expected).await;
    assert_eq!(element.text().await.unwrap(), expected, "{id}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_imports_a_spreadsheet_then_a_newer_export_of_it_then_undoes_it() {
    let data_home = tempfile::tempdir().unwrap();
    let picked = data_home.path().join("factures.csv");
    std::fs::copy(fixture("factures-utf8.csv"), &picked).unwrap();
    // Read by the app when « Choisir un fichier… » is clicked, instead of opening the native dialog.
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_IMPORT_PICK", picked.as_path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();

    click(&window, "#start-empty").await;
    click(&window, "#nav-import").await;
    wait_for(&window, "#import-page").await;
    screenshot(&window, "import-01-empty").await;

    // The preview: ten new invoices, five clients to create, the mapping detected.
    click(&window, "#import-pick").await;
    count(&window, "#import-count-new", "10").await;
    count(&window, "#import-count-updated", "0").await;
    count(&window, "#import-count-rejected", "0").await;
    assert_eq!(window.find_all(By::Css("#import-rows tr[data-status=\"new\"]")).await.unwrap().len(), 10);
    assert_eq!(window.find_all(By::Css("#import-new-clients li")).await.unwrap().len(), 5);
    let due = wait_for(&window, "#import-column-2").await;
    assert_eq!(due.value().await.unwrap().as_deref(), Some("due_date"));
    wait_for(&window, "#import-preview").await.scroll_into_view().await.ok();
    screenshot(&window, "import-02-preview").await;
    let ledger_path = ledger_file(data_home.path());
    assert_eq!(Ledger::open(&ledger_path).unwrap().imports().unwrap().len(), 0, "nothing written before « Confirmer »");

    // Correcting the mapping plans again at once: without the amount column every row is refused.
    SelectElement::new(&wait_for(&window, "#import-column-11").await).await.unwrap().select_by_value("").await.unwrap();
    let error = wait_for(&window, "#import-error").await;
    wait_for_text(&error, "Colonnes indispensables non associées : « Montant TTC »").await;
    click(&window, "#import-pick").await;
    count(&window, "#import-count-new", "10").await;

    click(&window, "#import-confirm").await;
    let result = wait_for(&window, "#import-result").await;
    wait_for_text(&result, "Import n° 1 enregistré : 10 nouvelle(s)").await;
    wait_for(&window, "#import-history tr[data-import-id=\"1\"]").await;
    {
        let ledger = Ledger::open(&ledger_path).unwrap();
        let today = TODAY.parse().unwrap();
        assert_eq!(ledger.invoice_rows(None, today).unwrap().len(), 10);
        assert_eq!(ledger.clients().unwrap().len(), 5);
        assert_eq!(ledger.invoice_by_number("FG26-004").unwrap().unwrap().paid, decimal("300"));
    }
    screenshot(&window, "import-03-done").await;

    // A newer export of the same sheet: the preview shows exactly what changes.
    std::fs::copy(fixture("factures-utf8-v2.csv"), &picked).unwrap();
    click(&window, "#import-pick").await;
    count(&window, "#import-count-updated", "4").await;
    count(&window, "#import-count-new", "1").await;
    count(&window, "#import-count-unchanged", "6").await;
    wait_for(&window, "#import-rows tr[data-status=\"updated\"]").await;
    let rows = wait_for(&window, "#import-rows").await;
    wait_for_text(&rows, "Montant TTC : 2 400,00 € → 2 520,00 €").await;
    wait_for_text(&rows, "Échéance : 05/11/2026 → 20/11/2026").await;
    wait_for_text(&rows, "Payé : 300,00 € → 600,00 €").await;
    rows.scroll_into_view().await.ok();
    screenshot(&window, "import-04-update-preview").await;
    click(&window, "#import-confirm").await;
    wait_for_text(
        &wait_for(&window, "#import-result").await,
        "Import n° 2 enregistré : 1 nouvelle(s), 4 mise(s) à jour",
    )
    .await;
    {
        let ledger = Ledger::open(&ledger_path).unwrap();
        assert_eq!(ledger.invoice_by_number("FG26-003").unwrap().unwrap().invoice.amount, decimal("2520"));
        assert_eq!(ledger.invoice_by_number("FG26-004").unwrap().unwrap().paid, decimal("600"));
        assert!(ledger.invoice_by_number("FG26-010").unwrap().is_some());
    }

    // « Annuler le dernier import » asks twice, then the ledger is as it was after the first import.
    click(&window, "#import-undo").await;
    let undo = wait_for(&window, "#import-undo").await;
    wait_for_text(&undo, "Confirmer l’annulation de l’import n° 2").await;
    undo.scroll_into_view().await.ok();
    screenshot(&window, "import-05-undo").await;
    click_element(&undo, "« Confirmer l’annulation de l’import »").await;
    wait_for_text(&wait_for(&window, "#import-result").await, "Import n° 2 (« factures.csv ») annulé").await;
    let ledger = Ledger::open(&ledger_path).unwrap();
    assert_eq!(ledger.invoice_by_number("FG26-003").unwrap().unwrap().invoice.amount, decimal("2400"));
    assert_eq!(ledger.invoice_by_number("FG26-004").unwrap().unwrap().paid, decimal("300"));
    assert!(ledger.invoice_by_number("FG26-010").unwrap().is_none());
    let history = ledger.imports().unwrap();
    assert_eq!((history.len(), history[0].undone_at.is_some(), history[1].undone_at.is_none()), (2, true, true));
    window.quit().await.ok();
}
