//! End-to-end: a letter's life in the real window on the demo ledger (issue 13). From the Hôtel des
//! Célestins' page, « Préparer un courrier » lists its invoices with the overdue one ticked; none ticked is
//! refused by the core next to the list; the mise en demeure is drafted about the invoice ticked. On its
//! page, « Annuler ce courrier » asks why (an empty reason is refused next to its box), then cancels it:
//! the page says so, the ledger keeps the reason, the client's timeline shows the cancelled letter and the
//! proposal comes back. A payment plan drafted for the client is abandoned with its reason. Screenshots
//! `letter-life-NN-*`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const REASON: &str = "Le client a appelé : virement de 8 400 € parti ce matin.";

/// Waits until the element at `css`, found again each time (a page may rebuild it), holds `fragment`.
async fn wait_for_css_text(window: &WebDriver, css: &str, fragment: &str) {
    let deadline = Instant::now() + PATIENCE;
    let mut last = String::new();
    loop {
        if let Ok(element) = window.find(By::Css(css)).await {
            last = element.text().await.unwrap_or_default();
            if last.contains(fragment) {
                return;
            }
        }
        assert!(Instant::now() < deadline, "`{css}` never showed {fragment:?} (last: {last:?})");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Whether the picker's box of invoice `id` is ticked.
async fn ticked(window: &WebDriver, id: i64) -> bool {
    let box_ = wait_for(window, &format!("#letter-invoices li[data-invoice-id=\"{id}\"] input")).await;
    box_.is_selected().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_picks_a_letters_invoices_then_cancels_it_and_abandons_a_plan() {
    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    wait_for(&window, "#proposal-cards .proposal-card").await;
    let file = ledger_file(data_home.path());
    let today = TODAY.parse().unwrap();
    let (hotel, overdue, not_due) = {
        let ledger = Ledger::open(&file).unwrap();
        let hotel = ardoise::desk::clients::client_list(&ledger, today)
            .unwrap()
            .into_iter()
            .find(|c| c.name == "Hôtel des Célestins")
            .unwrap()
            .id;
        let ids = ardoise::desk::letters::invoices_by_number(&ledger, hotel, &["F2026-067".into(), "F2026-053".into()])
            .unwrap();
        (hotel, ids[0], ids[1])
    };

    // The picker: the client's invoices, the overdue one ticked for a mise en demeure.
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{hotel}\"]")).await;
    wait_for(&window, "#client-proposal").await;
    click(&window, "#letter-new").await;
    let kinds = wait_for(&window, "#letter-kind").await;
    thirtyfour::components::SelectElement::new(&kinds).await.unwrap().select_by_value("formal_notice").await.unwrap();
    let deadline = Instant::now() + PATIENCE;
    while !ticked(&window, overdue).await || ticked(&window, not_due).await {
        assert!(Instant::now() < deadline, "the overdue invoice alone is never ticked");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let listed = window.find_all(By::Css("#letter-invoices li[data-invoice-id]")).await.unwrap().len();
    assert_eq!(listed, 9, "every invoice of the client, credit notes aside");
    screenshot(&window, "letter-life-01-picker").await;

    // None ticked: the core refuses, next to the list; nothing is drafted.
    click(&window, &format!("#letter-invoices li[data-invoice-id=\"{overdue}\"] input")).await;
    click(&window, "#letter-draft").await;
    wait_for_css_text(&window, "#letter-view [data-error-for=\"invoice_ids\"]", "choisissez au moins une facture")
        .await;
    screenshot(&window, "letter-life-02-no-invoice").await;
    assert!(Ledger::open(&file).unwrap().letters(Some(hotel)).unwrap().is_empty());

    // Ticked again: the mise en demeure is drafted about that invoice and shown.
    click(&window, &format!("#letter-invoices li[data-invoice-id=\"{overdue}\"] input")).await;
    click(&window, "#letter-draft").await;
    wait_for_css_text(&window, "#letter-title", "Mise en demeure").await;
    let letters = Ledger::open(&file).unwrap().letters(Some(hotel)).unwrap();
    assert_eq!(letters.len(), 1);
    let letter = &letters[0];
    assert_eq!((letter.kind.id(), letter.invoice_ids.as_slice()), ("formal_notice", &[overdue][..]));
    wait_for_css_text(&window, "#letter-life", "Préparé, pas encore imprimé").await;
    screenshot(&window, "letter-life-03-drafted").await;

    // « Annuler ce courrier »: a reason is asked for, then the letter is cancelled and says why.
    click(&window, "#letter-cancel").await;
    wait_for(&window, "#letter-cancel-reason").await;
    click(&window, "#letter-cancel-confirm").await;
    wait_for_css_text(&window, "#letter-cancel-form [data-error-for=\"reason\"]", "indiquez pourquoi").await;
    assert_eq!(Ledger::open(&file).unwrap().letter(letter.id).unwrap().status, "drafted");
    wait_for(&window, "#letter-cancel-reason").await.send_keys(REASON).await.unwrap();
    click(&window, "#letter-cancel-confirm").await;
    wait_for_css_text(&window, "#letter-life", &format!("Annulé le 22 novembre 2026 : {REASON}")).await;
    wait_for_css_text(&window, "#letter-status", "ne bloque plus les relances").await;
    assert!(!wait_for(&window, "#letter-view")
        .await
        .find(By::Css("#letter-cancel"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap());
    screenshot(&window, "letter-life-04-cancelled").await;
    let stored = Ledger::open(&file).unwrap().letter(letter.id).unwrap();
    assert_eq!((stored.status.as_str(), stored.cancel_reason.as_deref()), ("cancelled", Some(REASON)));

    // Back on the client's page: the cancelled letter in the timeline, and the proposal back.
    click(&window, "#letter-view .back-link").await;
    wait_for_css_text(&window, "#client-timeline", "Courrier annulé : Mise en demeure").await;
    wait_for_css_text(&window, "#client-timeline", REASON).await;
    wait_for_css_text(&window, "#client-proposal", "Mise en demeure").await;
    window.execute("document.getElementById('client-timeline').scrollIntoView()", Vec::new()).await.unwrap();
    screenshot(&window, "letter-life-05-timeline").await;

    // A plan drafted for the client, then abandoned with its reason.
    click(&window, "#plan-new").await;
    wait_for_attribute(&window, "#plan-status", "data-status", |v| v == "draft").await;
    click(&window, "#plan-abandon").await;
    wait_for(&window, "#plan-abandon-reason").await.send_keys("Le client préfère payer en une fois.").await.unwrap();
    click(&window, "#plan-abandon-confirm").await;
    wait_for_attribute(&window, "#plan-status", "data-status", |v| v == "cancelled").await;
    wait_for_css_text(&window, "#plan-abandoned", "Le client préfère payer en une fois.").await;
    screenshot(&window, "letter-life-06-plan-abandoned").await;
    let plans = Ledger::open(&file).unwrap().plans(Some(hotel)).unwrap();
    assert_eq!(plans[0].abandon_reason.as_deref(), Some("Le client préfère payer en une fois."));
}
