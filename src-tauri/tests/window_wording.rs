//! End-to-end: letters you can stand behind, in the real window on the demo ledger (issue 13, defects 5, 8
//! and 10). A mise en demeure whose interest needs the blank 2026-S2 rate says so on its page with a
//! button that opens « Réglages » on that row of the rates table; once the rates are typed there, the
//! letter prints. The profile takes a signature and a logo from the open dialog (answered by
//! `ARDOISE_IMAGE_PICK`, since a native dialog cannot be driven), shows them, and refuses a file that is
//! no image with its French reason. The proposal card says which step fired, in words; Réglages shows the
//! residual tolerance. Screenshots `wording-NN-*`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

fn image(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/data/images").join(name)
}

/// Waits until the element at `css` (found again each time: pages are rebuilt) holds `fragment`.
async fn wait_for_css_text(window: &WebDriver, css: &str, fragment: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    loop {
        if let Ok(found) = window.find(By::Css(css)).await {
            last = found.text().await.unwrap_or_default();
            if last.contains(fragment) {
                return;
            }
        }
        assert!(Instant::now() < deadline, "`{css}` never held {fragment:?} (last: {last:?})");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_rate_leads_to_the_rates_table_and_the_profile_takes_its_images() {
    let data_home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let picks = tempfile::tempdir().unwrap();
    let picked = picks.path().join("choix.png");
    // The window saves into this folder, and its open dialog answers with this file (see commands/).
    std::env::set_var("ARDOISE_EXPORT_DIR", exports.path());
    std::env::set_var("ARDOISE_IMAGE_PICK", &picked);
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    figure(&window, "#total-owed").await;
    let file = ledger_file(data_home.path());
    let hotel = {
        let ledger = Ledger::open(&file).unwrap();
        let clients = ardoise::desk::clients::client_list(&ledger, TODAY.parse().unwrap()).unwrap();
        clients.iter().find(|c| c.name == "Hôtel des Célestins").expect("the demo's hotel").id
    };

    // The proposal card says which step fired, in words (defect 10).
    let step =
        wait_for(&window, &format!("#proposal-cards .proposal-card[data-client-id=\"{hotel}\"] .proposal-card-step"))
            .await;
    wait_for_text(&step, "Étape 4 de l'échelle (grand compte) : mise en demeure, 40 jours après l'échéance").await;
    screenshot(&window, "wording-01-step-in-words").await;

    // A mise en demeure drafted from the client's page: the page says what it lacks, with the way to it.
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{hotel}\"]")).await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == hotel.to_string()).await;
    click(&window, "#letter-new").await;
    let kind = wait_for(&window, "#letter-kind").await;
    thirtyfour::components::SelectElement::new(&kind).await.unwrap().select_by_value("formal_notice").await.unwrap();
    wait_for(&window, "#letter-invoices input[name=\"invoice\"]:checked").await;
    click(&window, "#letter-draft").await;
    wait_for_css_text(&window, "#letter-title", "Mise en demeure").await;
    let missing = wait_for(&window, "#letter-missing-facts").await;
    wait_for_text(&missing, "Taux manquant pour le 2e semestre 2026 (2026-S2)").await;
    // Printing is refused, and says so again beside the same way out.
    click(&window, "#letter-export").await;
    wait_for_css_text(&window, "#letter-error", "Courrier non imprimé").await;
    assert_eq!(std::fs::read_dir(exports.path()).unwrap().count(), 0, "no PDF was written");
    screenshot(&window, "wording-02-missing-rate").await;

    // The button opens « Réglages » on the 2026-S2 row, its first rate ready to type.
    click(&window, "#letter-missing-facts button[data-code=\"missing_rate\"][data-subject=\"2026-S2\"]").await;
    let row = wait_for(&window, "#rates-table tr.is-asked[data-semester=\"2026-S2\"]").await;
    let focused = window.active_element().await.unwrap();
    assert_eq!(focused.attr("id").await.unwrap().as_deref(), Some("rate-2026-S2-ecb_rate"), "the ECB rate to type");
    focused.send_keys("2,15").await.unwrap();
    let legal = row.find(By::Css("input[name=\"legal_rate_other\"]")).await.unwrap();
    legal.send_keys("2,62").await.unwrap();
    screenshot(&window, "wording-03-rates-row-asked").await;
    click(&window, "#rates-save").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while Ledger::open(&file).unwrap().rates().unwrap().rows.last().and_then(|r| r.ecb_rate).is_none() {
        assert!(Instant::now() < deadline, "the rates typed were not saved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The residual tolerance is a setting of the same page.
    let tolerance = wait_for(&window, "#residual-tolerance").await;
    assert_eq!(tolerance.prop("value").await.unwrap().as_deref(), Some("1,00"));

    // Back to the letter: nothing lacks any more, and it prints.
    let letter = {
        let ledger = Ledger::open(&file).unwrap();
        let waiting = ardoise::desk::letters::batch(&ledger, TODAY.parse().unwrap()).unwrap();
        let found = waiting.iter().find(|(_, l)| l.facts.client.id == hotel && l.facts.title == "Mise en demeure");
        found.expect("the mise en demeure waits to be printed").0
    };
    click(&window, "#nav-letters").await;
    click(&window, &format!("#letter-batch button[data-letter-id=\"{letter}\"]")).await;
    wait_for_css_text(&window, "#letter-title", "Mise en demeure").await;
    let gone = window.find(By::Css("#letter-missing-facts")).await.unwrap();
    assert!(!gone.is_displayed().await.unwrap(), "no fact lacks any more");
    click(&window, "#letter-export").await;
    wait_for_css_text(&window, "#letter-status", "PDF enregistré").await;
    assert_eq!(std::fs::read_dir(exports.path()).unwrap().count(), 1);

    // The profile: a signature, a file that is no image, then a logo given as JPEG.
    click(&window, "#nav-profile").await;
    std::fs::copy(image("signature.png"), &picked).unwrap();
    click(&window, "#profile-signature-choose").await;
    let signature = wait_for(&window, "#profile-signature-preview img").await;
    assert_eq!(signature.attr("data-width").await.unwrap().as_deref(), Some("900"));
    std::fs::copy(image("bad/logo.gif"), &picked).unwrap();
    click(&window, "#profile-logo-choose").await;
    wait_for_css_text(&window, "#profile-logo-error", "« choix.png » n'est pas une image PNG ou JPEG").await;
    assert!(window.find(By::Css("#profile-logo-preview img")).await.is_err(), "nothing stored");
    screenshot(&window, "wording-04-image-refused").await;
    std::fs::copy(image("logo.jpg"), &picked).unwrap();
    click(&window, "#profile-logo-choose").await;
    let logo = wait_for(&window, "#profile-logo-preview img").await;
    assert_eq!(logo.attr("data-width").await.unwrap().as_deref(), Some("600"));
    let error = window.find(By::Css("#profile-logo-error")).await.unwrap();
    assert_eq!(error.text().await.unwrap(), "", "the refusal is gone");
    let ledger = Ledger::open(&file).unwrap();
    assert!(ledger.logo_png().unwrap().is_some() && ledger.signature_png().unwrap().is_some());
    screenshot(&window, "wording-05-profile-images").await;
    // « Vous êtes » is the demo's Madame.
    let addressed = wait_for(&window, "#profile-form-addressed-as").await;
    assert_eq!(addressed.prop("value").await.unwrap().as_deref(), Some("madame"));
    window.quit().await.unwrap();
}
