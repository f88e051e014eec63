//! End-to-end test of the « Banque » page in the real window, on the graphic designer's ledger of the bank
//! tests (`tests/data/bank/registre-graphiste.json`) with a reminder to the garage drafted and not sent: a
//! Crédit Mutuel statement is chosen, its five credits shown with their invoices and how sure each match
//! is; the cheque deposit is corrected to another invoice, the consumer's transfer left out; « Confirmer »
//! records the payments, the dashboard's balance drops by what was recorded, the garage's reminder is
//! flagged with a way to it; then the statement is undone. Each step is checked against the ledger file.
//!
//! The native file dialog cannot be driven by WebDriver: the app's `ARDOISE_BANK_PICK` variable makes
//! « Choisir un relevé… » answer with a path this test controls (documented in README.md), as
//! `ARDOISE_IMPORT_PICK` does for the import page; a file dropped on the window takes the same path after
//! the dialog.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::desk::proposals::{decide_proposal, ProposalAction};
use ardoise::desk::{ledger_file, Ledger};
use common::*;
use std::path::Path;
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/bank").join(name)
}

fn paid(ledger_path: &Path, number: &str) -> rust_decimal::Decimal {
    Ledger::open(ledger_path).unwrap().invoice_by_number(number).unwrap().unwrap().paid
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_imports_a_bank_statement_corrects_a_match_and_confirms() {
    let data_home = tempfile::tempdir().unwrap();
    let ledger_path = ledger_file(data_home.path());
    let reminder = {
        let mut ledger = ledger_file::open(&ledger_path).unwrap();
        let text = std::fs::read_to_string(fixture("registre-graphiste.json")).unwrap();
        ledger_file::load_json(&mut ledger, &text, "registre-graphiste.json").unwrap();
        decide_proposal(&mut ledger, 1, TODAY.parse().unwrap(), ProposalAction::Accept).unwrap()
    };
    let picked = data_home.path().join("releve-novembre.csv");
    std::fs::copy(fixture("credit-mutuel.csv"), &picked).unwrap();
    // Read by the app when « Choisir un relevé… » is clicked, instead of opening the native dialog.
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_BANK_PICK", picked.as_path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();

    assert_eq!(figure(&window, "#total-owed").await, decimal("9856.60"));
    click(&window, "#nav-bank").await;
    wait_for(&window, "#bank-page").await;
    screenshot(&window, "bank-01-empty").await;

    // The preview: five credits, three sure and two probable, three debits set aside; nothing written.
    click(&window, "#bank-pick").await;
    wait_for_text(&wait_for(&window, "#bank-count-credits").await, "5").await;
    assert_eq!(wait_for(&window, "#bank-count-sure").await.text().await.unwrap(), "3");
    assert_eq!(wait_for(&window, "#bank-count-probable").await.text().await.unwrap(), "2");
    assert_eq!(wait_for(&window, "#bank-count-ignored").await.text().await.unwrap(), "3");
    assert_eq!(window.find_all(By::Css("#bank-credits tr[data-line]")).await.unwrap().len(), 5);
    let garage = wait_for(&window, "#bank-credits tr[data-line=\"2\"]").await;
    assert_eq!(garage.attr("data-confidence").await.unwrap().as_deref(), Some("sure"));
    let text = garage.text().await.unwrap();
    for expected in ["F2026-068", "Garage du Centre", "n° de facture F2026-068 dans le libellé", "Sûr"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // One account: the rows do not repeat it (the header says it).
    assert!(window.find_all(By::Css("#bank-credits .bank-account")).await.unwrap().is_empty());
    let cheque = wait_for(&window, "#bank-credits tr[data-line=\"5\"]").await;
    wait_for_text(&cheque, "remise de chèque : la facture F2026-077 est la seule facture ouverte de ce montant").await;
    wait_for(&window, "#bank-work").await.scroll_into_view().await.ok();
    screenshot(&window, "bank-02-preview").await;
    assert!(
        Ledger::open(&ledger_path).unwrap().bank_imports().unwrap().is_empty(),
        "nothing written before « Confirmer »"
    );

    // The cheque was the Cabinet Dubois's for its oldest invoice, not F2026-077: corrected by hand. A
    // number the ledger does not know is said so before « Appliquer » opens.
    click(&window, "#bank-correct-5").await;
    let editor = wait_for(&window, "#bank-split").await;
    fill(&editor, "invoice-0", "F2099-001").await;
    wait_for_text(&wait_for(&window, "#bank-split-problems").await, "aucune facture n° « F2099-001 »").await;
    assert!(!wait_for(&window, "#bank-split-apply").await.is_enabled().await.unwrap());
    fill(&editor, "invoice-0", "F2026-075").await;
    wait_for_text(&wait_for(&window, "#bank-split-summary").await, "Affecté : 350,00 € sur 350,00 €").await;
    wait_for_text(&wait_for(&window, "#bank-split-parts").await, "Cabinet Dubois & Associés EURL").await;
    screenshot(&window, "bank-03-correction").await;
    wait_attribute_absent(&window, "#bank-split-apply", "disabled").await;
    click(&window, "#bank-split-apply").await;
    let cheque = wait_for(&window, "#bank-credits tr[data-line=\"5\"][data-corrected=\"true\"]").await;
    wait_for_text(&cheque, "F2026-075").await;
    // Sophie Lefèvre's transfer is left out: not recorded, never offered again.
    SelectElement::new(&wait_for(&window, "#bank-decision-7").await)
        .await
        .unwrap()
        .select_by_value("leave_out")
        .await
        .unwrap();
    let confirm = wait_for(&window, "#bank-confirm").await;
    wait_for_text(&confirm, "Confirmer : 4 règlement(s) à enregistrer, 1 crédit(s) laissé(s) de côté").await;
    confirm.scroll_into_view().await.ok();
    screenshot(&window, "bank-04-decided").await;

    click_element(&confirm, "« Confirmer : 4 règlement(s)… »").await;
    wait_for_text(
        &wait_for(&window, "#bank-result-text").await,
        "Relevé n° 1 enregistré : 4 règlement(s) pour 4 crédit(s), 3 986,60 € ; 1 crédit(s) laissé(s) de côté.",
    )
    .await;
    let flagged = wait_for(&window, &format!("#bank-letters li[data-letter-id=\"{reminder}\"]")).await;
    wait_for_text(&flagged, "vise la facture F2026-068, désormais réglée : ne l'envoyez pas.").await;
    let balance = wait_for(&window, "#bank-balances tr[data-client-id=\"1\"]").await;
    assert_eq!(balance.attr("data-balance").await.unwrap().as_deref(), Some("250.00"));
    screenshot(&window, "bank-05-done").await;
    assert_eq!(paid(&ledger_path, "F2026-068"), decimal("1200"));
    assert_eq!(paid(&ledger_path, "F2026-075"), decimal("350"));
    assert_eq!(paid(&ledger_path, "F2026-077"), decimal("0"));
    assert_eq!(paid(&ledger_path, "F2026-073"), decimal("0"));

    // The flagged reminder opens from the result, to be seen before anything is sent.
    click_element(&flagged.find(By::Css("button")).await.unwrap(), "the flagged reminder's button").await;
    wait_for_text(&wait_for(&window, "#letter-title").await, "Rappel amical").await;
    // The balances in the rest of the window: the dashboard owes 3 986,60 € less.
    click(&window, "#nav-dashboard").await;
    wait_for_attribute(&window, "#total-owed", "data-value", |value| value == "5870.00").await;
    click(&window, "#nav-bank").await;
    wait_for(&window, "#bank-page").await;
    click(&window, "#bank-undo").await;
    let undo = wait_for(&window, "#bank-undo").await;
    wait_for_text(&undo, "Confirmer l’annulation du relevé n° 1 (« releve-novembre.csv »)").await;
    click_element(&undo, "« Confirmer l’annulation du relevé »").await;
    wait_for_text(&wait_for(&window, "#bank-result-text").await, "Relevé n° 1 (« releve-novembre.csv ») annulé").await;
    assert_eq!(paid(&ledger_path, "F2026-068"), decimal("0"));
    let history = Ledger::open(&ledger_path).unwrap().bank_imports().unwrap();
    assert!(history[0].undone_at.is_some());
    window.quit().await.ok();
}

/// A statement of two accounts: each credit names the account it was read from, so that the user knows
/// which account received what before confirming.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_credit_of_a_statement_of_two_accounts_names_its_account() {
    let data_home = tempfile::tempdir().unwrap();
    let ledger_path = ledger_file(data_home.path());
    {
        let mut ledger = ledger_file::open(&ledger_path).unwrap();
        let text = std::fs::read_to_string(fixture("registre-graphiste.json")).unwrap();
        ledger_file::load_json(&mut ledger, &text, "registre-graphiste.json").unwrap();
    }
    let picked = data_home.path().join("deux-comptes.ofx");
    std::fs::copy(fixture("ofx2-deux-comptes.ofx"), &picked).unwrap();
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_BANK_PICK", picked.as_path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    figure(&window, "#total-owed").await;
    click(&window, "#nav-bank").await;
    wait_for(&window, "#bank-page").await;
    click(&window, "#bank-pick").await;
    wait_for_text(&wait_for(&window, "#bank-count-credits").await, "3").await;
    let mut named = Vec::new();
    for row in window.find_all(By::Css("#bank-credits tr[data-line]")).await.unwrap() {
        let account = row.find(By::Css(".bank-account")).await.unwrap().text().await.unwrap();
        let label = row.find(By::Css(".bank-label span")).await.unwrap().text().await.unwrap();
        named.push((label, account));
    }
    let first = "Compte FR7630002005500000157845Z02";
    let second = "Compte FR2130002005500000157846019";
    assert_eq!(named.len(), 3, "{named:?}");
    assert!(named.iter().any(|(label, account)| label.contains("GARAGE DU CENTRE") && account == first), "{named:?}");
    assert!(
        named.iter().any(|(label, account)| label.contains("BOULANGERIE MARTIN") && account == second),
        "{named:?}"
    );
    assert!(named.iter().any(|(label, account)| label.contains("PRE FLEURI") && account == second), "{named:?}");
    wait_for(&window, "#bank-work").await.scroll_into_view().await.ok();
    screenshot(&window, "bank-06-two-accounts").await;
    window.quit().await.ok();
}

/// Waits until the element at `css` no longer carries `name`.
async fn wait_attribute_absent(window: &WebDriver, css: &str, name: &str) {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        if let Ok(element) = window.find(By::Css(css)).await {
            if element.attr(name).await.ok().flatten().is_none() {
                return;
            }
        }
        assert!(std::time::Instant::now() < deadline, "`{css}` kept [{name}]");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
