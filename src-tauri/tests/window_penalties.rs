//! End-to-end: the penalty breakdown on a client's page and the rates editor, in the real window on the
//! demo ledger. The panel's figures are checked against `ardoise::desk::penalties::penalties` computed from the same file;
//! the invoices paid late are shown apart with what their delay still earns; entering the missing 2026-S2
//! rates makes the missing-rate warning go. Screenshots `penalties-NN-*`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use rust_decimal::Decimal;
use thirtyfour::prelude::*;

/// The breakdown the core computes from the window's own ledger file.
fn expected_total(data_home: &std::path::Path, client_id: i64, as_of: &str) -> (Decimal, Vec<&'static str>) {
    let ledger = Ledger::open(&ledger_file(data_home)).unwrap();
    let penalties = ardoise::desk::penalties::penalties(&ledger, client_id, as_of.parse().unwrap()).unwrap();
    (penalties.breakdown.total, penalties.breakdown.warnings.iter().map(|w| w.code).collect())
}

async fn open_client(window: &WebDriver, client_id: i64) {
    click(window, "#nav-clients").await;
    click(window, &format!("#client-list tr[data-client-id=\"{client_id}\"]")).await;
    wait_for_attribute(window, "#client-view", "data-client-id", |v| v == client_id.to_string()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_reads_a_late_client_s_penalties_changes_the_date_and_enters_the_missing_rates() {
    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 860).await.ok();
    click(&window, "#start-demo").await;
    figure(&window, "#total-owed").await;

    // A late professional client of the demo.
    let client_id = {
        let ledger = Ledger::open(&ledger_file(data_home.path())).unwrap();
        let clients = ardoise::desk::clients::client_list(&ledger, TODAY.parse().unwrap()).unwrap();
        clients.iter().find(|c| c.name == "Hôtel des Célestins").expect("the demo's hotel").id
    };
    open_client(&window, client_id).await;

    // Today's breakdown: the same total as the core, and the 2026-S2 rate flagged as missing.
    wait_for_attribute(&window, "#penalty-panel", "data-as-of", |v| v == TODAY).await;
    let (today_total, today_warnings) = expected_total(data_home.path(), client_id, TODAY);
    assert_eq!(today_warnings, ["missing_rate"]);
    assert_eq!(figure(&window, "#penalty-total").await, today_total);
    let warning = wait_for(&window, "#penalty-warnings li[data-code=\"missing_rate\"]").await;
    wait_for_text(&warning, "2e semestre 2026").await;
    assert!(!window.find_all(By::Css("#penalty-periods tr.is-missing-rate")).await.unwrap().is_empty());
    let title = wait_for(&window, "#penalty-title").await;
    title.scroll_into_view().await.unwrap();
    screenshot(&window, "penalties-01-panel-today").await;

    // The invoices the hotel paid late come apart, below the total: each with the day it was paid, and
    // what their delay still earns, as the core computes it.
    let paid_late = {
        let ledger = Ledger::open(&ledger_file(data_home.path())).unwrap();
        ardoise::desk::penalties::penalties(&ledger, client_id, TODAY.parse().unwrap()).unwrap().breakdown
    };
    assert!(!paid_late.settled_late.is_empty(), "the demo's hotel paid invoices late");
    let settled = wait_for(&window, "#penalty-settled").await;
    assert!(settled.is_displayed().await.unwrap());
    let interest = decimal(
        &wait_for_attribute(&window, "#penalty-settled-interest", "data-value", |v| {
            v.parse() == Ok(paid_late.settled_late_interest)
        })
        .await,
    );
    assert_eq!(interest, paid_late.settled_late_interest);
    assert_eq!(figure(&window, "#penalty-settled-indemnity").await, paid_late.settled_late_indemnity);
    let rows = window.find_all(By::Css("#penalty-settled-periods tr.penalty-invoice")).await.unwrap();
    assert_eq!(rows.len(), paid_late.settled_late.len());
    wait_for_text(&rows[0], "réglée le").await;
    settled.scroll_into_view().await.unwrap();
    screenshot(&window, "penalties-01-paid-late").await;

    // Another date: a wrong one is refused at the field, then 30/06/2026 recomputes everything.
    let date = wait_for(&window, "#penalty-date").await;
    date.clear().await.unwrap();
    date.send_keys("31/02/2026").await.unwrap();
    click(&window, "#penalty-compute").await;
    let error = wait_for(&window, "#penalty-date-error").await;
    wait_for_text(&error, "n'existe pas").await;
    date.clear().await.unwrap();
    date.send_keys("30/06/2026").await.unwrap();
    click(&window, "#penalty-compute").await;
    wait_for_attribute(&window, "#penalty-panel", "data-as-of", |v| v == "2026-06-30").await;
    let (june_total, june_warnings) = expected_total(data_home.path(), client_id, "2026-06-30");
    assert!(june_warnings.is_empty(), "no 2026-S2 day before 1 July: {june_warnings:?}");
    let shown =
        decimal(&wait_for_attribute(&window, "#penalty-total", "data-value", |v| v.parse() == Ok(june_total)).await);
    assert_ne!(shown, today_total);
    assert!(window.find_all(By::Css("#penalty-warnings li")).await.unwrap().is_empty());
    title.scroll_into_view().await.unwrap();
    screenshot(&window, "penalties-02-panel-30-june").await;

    // The rates editor in Réglages: an unreadable rate is refused with the reason, nothing saved.
    click(&window, "#nav-settings").await;
    let editor = wait_for(&window, "#rates-editor").await;
    wait_for(&window, "#rates-table tr[data-semester=\"2026-S2\"].is-missing-rate").await;
    let ecb = wait_for(&window, "#rate-2026-S2-ecb_rate").await;
    let legal = wait_for(&window, "#rate-2026-S2-legal_rate_other").await;
    ecb.send_keys("2,15").await.unwrap();
    legal.send_keys("deux").await.unwrap();
    click(&window, "#rates-save").await;
    let problems = wait_for(&window, ".rates-editor-problems").await;
    wait_for_text(&problems, "« deux » illisible").await;
    let stored = Ledger::open(&ledger_file(data_home.path())).unwrap().rates().unwrap();
    assert_eq!(stored.rows.last().unwrap().ecb_rate, None, "a refused table is not saved");
    editor.scroll_into_view().await.unwrap();
    screenshot(&window, "penalties-03-rates-refused").await;

    // Corrected, the table is saved and shown as stored.
    legal.clear().await.unwrap();
    legal.send_keys("2,50").await.unwrap();
    click(&window, "#rates-save").await;
    let saved = wait_for(&window, "#rates-editor .form-success").await;
    wait_for_text(&saved, "Taux enregistrés").await;
    let stored = Ledger::open(&ledger_file(data_home.path())).unwrap().rates().unwrap();
    let last = stored.rows.last().unwrap();
    assert_eq!(
        (last.semester.as_str(), last.ecb_rate, last.legal_rate_other),
        ("2026-S2", Some(decimal("2.15")), Some(decimal("2.50")))
    );
    assert!(window
        .find_all(By::Css("#rates-table tr[data-semester=\"2026-S2\"].is-missing-rate"))
        .await
        .unwrap()
        .is_empty());
    editor.scroll_into_view().await.unwrap();
    screenshot(&window, "penalties-04-rates-saved").await;

    // Back on the client: the warning is gone and the 2026-S2 interest counts (ECB 2,15 + 10 = 12,15 %).
    open_client(&window, client_id).await;
    wait_for_attribute(&window, "#penalty-panel", "data-as-of", |v| v == TODAY).await;
    let (complete_total, complete_warnings) = expected_total(data_home.path(), client_id, TODAY);
    assert!(complete_warnings.is_empty(), "{complete_warnings:?}");
    assert!(complete_total > today_total);
    let shown = decimal(
        &wait_for_attribute(&window, "#penalty-total", "data-value", |v| v.parse() == Ok(complete_total)).await,
    );
    assert_eq!(shown, complete_total);
    assert!(window.find_all(By::Css("#penalty-warnings li")).await.unwrap().is_empty());
    assert!(window.find_all(By::Css("#penalty-periods tr.is-missing-rate")).await.unwrap().is_empty());
    let rates: Vec<String> = {
        let mut texts = Vec::new();
        for cell in
            window.find_all(By::Css("#penalty-periods tr[data-semester=\"2026-S2\"] .period-rate")).await.unwrap()
        {
            texts.push(cell.text().await.unwrap());
        }
        texts
    };
    assert!(!rates.is_empty() && rates.iter().all(|r| r == "12,15 %"), "{rates:?}");
    wait_for(&window, "#penalty-total").await.scroll_into_view().await.unwrap();
    screenshot(&window, "penalties-05-panel-complete").await;
    window.quit().await.unwrap();
}
