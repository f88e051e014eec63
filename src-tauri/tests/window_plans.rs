//! End-to-end: a payment plan in the real window on the demo ledger. From a client's page « Proposer un
//! échéancier » drafts a plan at once; changing the number of installments changes the schedule, which
//! always sums to the total; a plan beyond 24 months is warned; the plan letter and its agreement form are
//! exported (into `ARDOISE_EXPORT_DIR`, a native dialog cannot be driven) and read back with pdftotext;
//! the signed return makes it active, in the plans list and in the dashboard's expected cash. Screenshots
//! `plans-NN-*`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use rust_decimal::Decimal;
use std::process::Command;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// Café du Parc in the demo ledger: one client with overdue invoices.
const CLIENT: i64 = 11;

/// The schedule as the editor shows it: (date, amount) of each installment, the down payment included.
/// Read in one script, since the rows are rebuilt after every change.
async fn schedule(window: &WebDriver) -> Vec<(String, Decimal)> {
    let script = "return Array.from(document.querySelectorAll('#plan-schedule tr[data-installment]'))
        .map((row) => [row.getAttribute('data-date'), row.getAttribute('data-amount')]);";
    let rows: Vec<(String, String)> = window.execute(script, vec![]).await.unwrap().convert().unwrap();
    rows.into_iter().map(|(date, amount)| (date, decimal(&amount))).collect()
}

/// Waits until the editor shows `count` rows.
async fn wait_for_rows(window: &WebDriver, count: usize) -> Vec<(String, Decimal)> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let rows = schedule(window).await;
        if rows.len() == count {
            return rows;
        }
        assert!(Instant::now() < deadline, "the schedule never showed {count} rows (last: {})", rows.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn set_count(window: &WebDriver, count: &str) {
    let input = wait_for(window, "#plan-count").await;
    input.clear().await.unwrap();
    input.send_keys(count).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_drafts_adjusts_exports_and_signs_a_payment_plan() {
    let data_home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_EXPORT_DIR", exports.path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    wait_for(&window, "#dashboard").await;

    // One click on the client's page drafts the plan and shows its schedule.
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{CLIENT}\"]")).await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == CLIENT.to_string()).await;
    click(&window, "#plan-new").await;
    wait_for_text(&wait_for(&window, "#plan-title").await, "Café du Parc").await;
    let file = ledger_file(data_home.path());
    let plan = Ledger::open(&file).unwrap().plans(Some(CLIENT)).unwrap().pop().expect("a drafted plan");
    let total = decimal(&wait_for_attribute(&window, "#plan-total", "data-value", |v| !v.is_empty()).await);
    assert_eq!(total, plan.total());
    let drafted = wait_for_rows(&window, plan.installments.len()).await;
    assert_eq!(drafted.iter().map(|(_, a)| *a).sum::<Decimal>(), total);
    assert_eq!(drafted[0].0, "2026-12-22", "the first installment falls a month after today");
    wait_for_attribute(&window, "#plan-status", "data-status", |v| v == "draft").await;
    screenshot(&window, "plans-01-draft").await;

    // Four installments: the schedule follows at once and still sums to the total, to the cent.
    set_count(&window, "4").await;
    let four = wait_for_rows(&window, 4).await;
    assert_eq!(four.iter().map(|(_, a)| *a).sum::<Decimal>(), total);
    assert!(four.windows(2).all(|pair| pair[0].0 < pair[1].0));
    assert_eq!(four[3].0, "2027-03-22");
    assert_eq!(Ledger::open(&file).unwrap().plan(plan.id).unwrap().installments.len(), 4);
    assert!(wait_for(&window, "#plan-count").await.is_enabled().await.unwrap(), "a draft stays editable");
    screenshot(&window, "plans-02-four-installments").await;

    // The first installment set by hand: kept, the others share the rest, the sum stays the total.
    let first = wait_for(&window, "#plan-schedule input[data-sequence=\"1\"]").await;
    // Select what is there and type over it, as a user does (clearing would already count as a change).
    first.send_keys(Key::Control + "a").await.unwrap();
    first.send_keys("300" + Key::Tab).await.unwrap();
    wait_for_attribute(&window, "#plan-schedule tr[data-installment=\"1\"]", "data-amount", |v| v == "300.00").await;
    let by_hand = wait_for_rows(&window, 4).await;
    assert_eq!(by_hand.iter().map(|(_, a)| *a).sum::<Decimal>(), total);
    assert_eq!(Ledger::open(&file).unwrap().plan(plan.id).unwrap().installments[0].1, decimal("300.00"));

    // Thirty installments run beyond 24 months: warned, then back to four.
    set_count(&window, "30").await;
    wait_for_rows(&window, 30).await;
    wait_for_text(&wait_for(&window, "#plan-warnings").await, "24 mois").await;
    screenshot(&window, "plans-03-warning").await;
    set_count(&window, "4").await;
    let four = wait_for_rows(&window, 4).await;

    // Export: the letter and the agreement form in one PDF, printed; the plan is sent only when its letter
    // is recorded sent.
    click(&window, "#plan-export").await;
    wait_for_text(&wait_for(&window, "#plan-done").await, "PDF enregistré").await;
    wait_for_attribute(&window, "#plan-status", "data-status", |v| v == "draft").await;
    let pdf = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|e| e == "pdf"))
        .expect("the exported PDF");
    let output = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8(output.stdout).unwrap().replace(['\u{202f}', '\u{a0}'], " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("BON POUR ACCORD"), "{text}");
    assert!(text.contains("4 versements mensuels"), "{text}");
    for (date, amount) in &four {
        let written = ardoise::domain::money::format_eur(*amount).replace(['\u{202f}', '\u{a0}'], " ");
        let day = ardoise::domain::calendar::format_long(date.parse().unwrap());
        assert!(text.contains(&format!("{written} au plus tard le {day}")), "{written} {day} missing:\n{text}");
    }
    screenshot(&window, "plans-04-exported").await;

    // The signed return: the plan is active.
    let signed_on = wait_for(&window, "#plan-signed-on").await;
    signed_on.send_keys("22/11/2026").await.unwrap();
    click(&window, "#plan-sign").await;
    wait_for_attribute(&window, "#plan-status", "data-status", |v| v == "active").await;
    let stored = Ledger::open(&file).unwrap().plan(plan.id).unwrap();
    assert_eq!(stored.signed_on, Some(TODAY.parse().unwrap()));

    // The plans list shows it in force; the dashboard expects its installments month by month.
    click(&window, "#nav-plans").await;
    wait_for_attribute(&window, &format!("#plan-list-body tr[data-plan-id=\"{}\"]", plan.id), "data-status", |v| {
        v == "active"
    })
    .await;
    screenshot(&window, "plans-05-list").await;
    click(&window, "#nav-dashboard").await;
    wait_for(&window, "#plan-cash li").await;
    let mut expected = Decimal::ZERO;
    for month in window.find_all(By::Css("#plan-cash li")).await.unwrap() {
        expected += decimal(&month.attr("data-value").await.unwrap().unwrap());
    }
    assert_eq!(expected, total);
    window.execute("document.querySelector('#plan-cash').scrollIntoView()", vec![]).await.unwrap();
    screenshot(&window, "plans-06-dashboard").await;

    // A client who owes nothing overdue: the click says why no plan was drafted.
    click(&window, "#nav-clients").await;
    click(&window, "#client-list tr[data-client-id=\"22\"]").await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == "22").await;
    click(&window, "#plan-new").await;
    wait_for_text(&wait_for(&window, "#error-banner").await, "rien à étaler").await;
    assert_eq!(Ledger::open(&file).unwrap().plans(Some(22)).unwrap().len(), 0);
}
