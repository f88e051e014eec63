//! End-to-end: the window's forms send what the user typed and the core reads it with its one grammar.
//! An amount written « 1.234,56 € » and a date written « 22 nov. 2026 », which the window used to refuse
//! on its own, are saved as the core reads them; a form with several problems shows them all at once,
//! each next to its field, with the core's French message.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// The error shown next to a field of a form.
async fn field_error(window: &WebDriver, form: &str, field: &str) -> WebElement {
    wait_for(window, &format!("form#{form} .field-error[data-error-for=\"{field}\"]")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_sends_what_was_typed_and_shows_every_problem_the_core_finds() {
    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    figure(&window, "#total-owed").await;
    let file = ledger_file(data_home.path());
    let client_id = {
        let ledger = Ledger::open(&file).unwrap();
        let clients = ardoise::desk::clients::client_list(&ledger, TODAY.parse().unwrap()).unwrap();
        clients.iter().find(|c| c.name == "Hôtel des Célestins").expect("the demo's hotel").id
    };
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{client_id}\"]")).await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == client_id.to_string()).await;

    // Three problems at once: no number (a new invoice has none), a day February lacks, an amount nobody
    // can read.
    click(&window, "#invoice-new").await;
    let form = wait_for(&window, "form#invoice-form").await;
    fill(&form, "issue_date", "31/02/2026").await;
    fill(&form, "amount", "douze cents").await;
    submit(&form).await;
    wait_for_text(&field_error(&window, "invoice-form", "issue_date").await, "n'existe pas").await;
    wait_for_text(&field_error(&window, "invoice-form", "amount").await, "« douze cents »").await;
    wait_for_text(&field_error(&window, "invoice-form", "number").await, "numéro").await;
    let kept = form.find(By::Css("[name=\"amount\"]")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("douze cents"), "what was typed stays");
    screenshot(&window, "forms-01-every-problem").await;

    // Written as people write them, read by the core.
    fill(&form, "number", "E2E-FORMS-1").await;
    fill(&form, "issue_date", "22 nov. 2026").await;
    fill(&form, "due_date", "22.12.2026").await;
    fill(&form, "amount", "1.234,56 €").await;
    submit(&form).await;
    wait_for(&window, "#client-view").await;
    let deadline = Instant::now() + PATIENCE;
    let invoice = loop {
        let ledger = Ledger::open(&file).unwrap();
        let rows = ledger.invoice_rows(Some(client_id), TODAY.parse().unwrap()).unwrap();
        let found = rows.into_iter().find(|row| row.invoice.number == "E2E-FORMS-1");
        if let Some(found) = found {
            break found.invoice;
        }
        assert!(Instant::now() < deadline, "the invoice typed was not saved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(
        (invoice.issue_date, invoice.due_date, invoice.amount),
        (TODAY.parse().unwrap(), "2026-12-22".parse().unwrap(), decimal("1234.56"))
    );

    // The payment's split follows the amount as typed, read by the core.
    click(&window, "#payment-new").await;
    let form = wait_for(&window, "form#payment-form").await;
    // One who records a payment knows how it came: « Non précisé » is for amounts read from files.
    let mut methods = Vec::new();
    for option in form.find_all(By::Css("select[name=\"method\"] option")).await.unwrap() {
        methods.push(option.value().await.unwrap().unwrap_or_default());
    }
    assert_eq!(methods, ["transfer", "cheque", "card", "direct_debit", "cash"]);
    fill(&form, "amount", "100 EUR").await;
    let total =
        wait_for_attribute(&window, "#payment-allocated-total", "data-value", |v| v == "100" || v == "100.00").await;
    assert_eq!(decimal(&total), decimal("100"));
    screenshot(&window, "forms-02-split-of-typed-amount").await;
    window.quit().await.unwrap();
}

/// The tests' click (`common::click_element`) stops a click that would land on anything but its element,
/// before the page sees it, and says where it went: a click once opened a client's page instead of
/// showing more rows. Here the mouse is sent to « Commencer avec un registre vide » while the watch is on
/// the demonstration's button: the first start stays on the screen, with nothing chosen. Then a click on
/// the demonstration's button goes through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_click_that_would_land_elsewhere_is_stopped_and_named() {
    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    let (demo, empty) = (wait_for(&window, "#start-demo").await, wait_for(&window, "#start-empty").await);
    let missed = click_watched(&demo, &empty, "the demonstration's button").await;
    assert!(missed.contains("pointerdown at ") && missed.contains("id=\"start-empty\""), "{missed}");
    assert!(missed.contains("click at "), "{missed}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(wait_for(&window, "#first-start").await.is_displayed().await.unwrap(), "the first start stays");
    let ledger = Ledger::open(&ledger_file(data_home.path())).unwrap();
    assert_eq!(ledger.first_start_choice().unwrap(), None, "nothing was chosen");
    assert_eq!(click_watched(&demo, &demo, "the demonstration's button").await, "");
    figure(&window, "#total-owed").await;
}
