//! End-to-end: the dunning proposals in the real window on the demo ledger. The dashboard's « À faire
//! aujourd'hui » shows what `ardoise::desk::proposals::proposals` computes from the file; accepting a card writes a drafted
//! letter into the file and the card goes; the client page shows its proposal; a card lacking a half-year's
//! rate leads to that row of the rates table; Réglages refuses a broken
//! ladder with its reason; long lists show their first page and the rest on demand (the proposals twelve
//! at a time, most urgent first; the clients a hundred at a time). Screenshots `dunning-NN-*` under `target/test-output/screenshots/`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// The dashboard's proposal cards.
const CARDS: &str = "#proposal-cards .proposal-card";

/// How many elements `css` finds.
async fn shown_count(window: &WebDriver, css: &str) -> usize {
    window.find_all(By::Css(css)).await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_lists_todays_proposals_and_a_user_accepts_one() {
    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;

    // The cards are the proposals the core computes from the file, in the same order.
    wait_for(&window, CARDS).await;
    let file = ledger_file(data_home.path());
    let today = TODAY.parse().unwrap();
    let expected = ardoise::desk::proposals::proposals(&Ledger::open(&file).unwrap(), today).unwrap();
    assert!(expected.len() >= 5, "{} proposals", expected.len());
    assert_eq!(shown_count(&window, CARDS).await, expected.len());
    let count = wait_for_attribute(&window, "#proposal-count", "data-value", |v| !v.is_empty()).await;
    assert_eq!(count, expected.len().to_string());
    let first = window.find(By::Css(CARDS)).await.unwrap();
    assert_eq!(first.attr("data-client-id").await.unwrap(), Some(expected[0].client_id.to_string()));
    assert_eq!(first.attr("data-kind").await.unwrap().as_deref(), Some(expected[0].kind.id()));
    wait_for_text(&first, &expected[0].client_name).await;
    wait_for_text(&first, expected[0].kind.title()).await;
    wait_for_text(&first, "à envoyer le 24 novembre 2026").await;
    screenshot(&window, "dunning-01-dashboard-proposals").await;

    // Accept the first card: a drafted letter in the file, with its invoices, and the card is gone.
    let letters_before = Ledger::open(&file).unwrap().export().unwrap().tables["letters"].len();
    click_element(&first.find(By::Css(".proposal-accept")).await.unwrap(), "the card's « Accepter »").await;
    let deadline = Instant::now() + PATIENCE;
    while shown_count(&window, CARDS).await != expected.len() - 1 {
        assert!(Instant::now() < deadline, "the accepted card is still shown");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let shown: Vec<String> = {
        let mut ids = Vec::new();
        for card in window.find_all(By::Css(CARDS)).await.unwrap() {
            ids.push(card.attr("data-client-id").await.unwrap().unwrap_or_default());
        }
        ids
    };
    assert!(!shown.contains(&expected[0].client_id.to_string()), "{shown:?}");
    let export = Ledger::open(&file).unwrap().export().unwrap();
    assert_eq!(export.tables["letters"].len(), letters_before + 1);
    let letter = export.tables["letters"].last().unwrap();
    assert_eq!(letter["client_id"], expected[0].client_id);
    assert_eq!(letter["status"], "drafted");
    assert_eq!(letter["kind"], expected[0].kind.id());
    assert_eq!(letter["ladder_step"], expected[0].step.as_str());
    assert_eq!(letter["drafted_on"], TODAY);
    let linked = export.tables["letter_invoices"].iter().filter(|l| l["letter_id"] == letter["id"]).count();
    assert_eq!(linked, expected[0].invoices.len());
    screenshot(&window, "dunning-02-after-accept").await;

    // The client page shows its own proposal.
    let second = &expected[1];
    let card =
        wait_for(&window, &format!("#proposal-cards .proposal-card[data-client-id=\"{}\"]", second.client_id)).await;
    click_element(&card.find(By::Css(".proposal-card-client")).await.unwrap(), "the card's client").await;
    let panel = wait_for(&window, "#client-proposal").await;
    wait_for_text(&panel, second.kind.title()).await;
    wait_for_text(&panel, &second.invoices[0].number).await;
    screenshot(&window, "dunning-03-client-proposal").await;

    // A card whose interest needs a half-year's rate the table lacks leads to that row of the rates table.
    let lacking = expected.iter().skip(1).find(|p| !p.missing_rates.is_empty()).expect("a proposal lacking a rate");
    assert_eq!(lacking.missing_rates, ["2026-S2"], "the demo leaves 2026-S2 blank");
    click(&window, "#nav-dashboard").await;
    let link = format!(
        "#proposal-cards .proposal-card[data-client-id=\"{}\"] .proposal-rates-link[data-semester=\"2026-S2\"]",
        lacking.client_id
    );
    // The page may draw its cards again as its figures arrive: the button is found afresh until it answers.
    let deadline = Instant::now() + PATIENCE;
    loop {
        let found = wait_for(&window, &link).await;
        let shown = async { Ok::<_, WebDriverError>((found.text().await?, found.scroll_into_view().await?)) }.await;
        match shown {
            Ok((text, ())) => {
                assert_eq!(text, "Saisir les taux du semestre 2026-S2");
                break;
            }
            Err(error) => assert!(Instant::now() < deadline, "the card's rates button never settled: {error}"),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(&window, "dunning-03b-card-missing-rate").await;
    click(&window, &link).await;
    wait_for(&window, "#rates-table tr[data-semester=\"2026-S2\"].is-missing-rate").await;
    screenshot(&window, "dunning-03c-rates-from-card").await;

    // Réglages: a negative gap is refused with its reason, and nothing is stored.
    click(&window, "#nav-settings").await;
    // The page the card opened is loaded again: its rows are the new ones once the content is no longer busy.
    wait_for(&window, "#content:not([aria-busy])").await;
    wait_for(&window, "#ladder-rows tr[data-row]").await;
    let rows = window.find_all(By::Css("#ladder-rows tr[data-row]")).await.unwrap();
    assert_eq!(rows.len(), ardoise::domain::ladder::Ladder::default_fr().steps.len());
    let gap = rows[4].find(By::Css(".ladder-gap")).await.unwrap();
    gap.clear().await.unwrap();
    gap.send_keys("-3").await.unwrap();
    let save = wait_for(&window, "#ladder-save").await;
    save.scroll_into_view().await.unwrap();
    screenshot(&window, "dunning-04-settings-edited").await;
    click_element(&save, "`#ladder-save`").await;
    let refusal = wait_for(&window, "#ladder-error").await;
    wait_for_text(&refusal, "l'écart minimal ne peut pas être négatif").await;
    refusal.scroll_into_view().await.unwrap();
    screenshot(&window, "dunning-05-settings-refused").await;
    assert_eq!(
        Ledger::open(&file).unwrap().dunning_settings().unwrap().ladder,
        ardoise::domain::ladder::Ladder::default_fr()
    );
    window.quit().await.unwrap();
}

/// Whether the element `css` is shown.
async fn displayed(window: &WebDriver, css: &str) -> bool {
    window.find(By::Css(css)).await.unwrap().is_displayed().await.unwrap()
}

/// Waits until `css` finds `expected` elements (cards, rows, lines); a timeout says where the window was.
async fn wait_for_count(window: &WebDriver, css: &str, expected: usize) {
    let deadline = Instant::now() + PATIENCE;
    while shown_count(window, css).await != expected {
        if Instant::now() >= deadline {
            let shown = shown_count(window, css).await;
            panic!("{shown} `{css}` shown, {expected} expected; {}", where_the_window_is(window).await);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_lists_show_their_first_page_and_the_rest_on_demand() {
    use ardoise::domain::letter_kind::{Dispatch, LetterKind};
    use ardoise::domain::model::{ClientFields, ClientKind, InvoiceFields, PaymentFields, PaymentMethod};
    use rust_decimal::Decimal;
    // The demo and thirty more clients, each with an invoice two months late: each has a proposal; a
    // hundred clients with nothing owed; and one client written to 120 times, who paid 130 times last month.
    let data_home = tempfile::tempdir().unwrap();
    let file = ledger_file(data_home.path());
    let today: chrono::NaiveDate = TODAY.parse().unwrap();
    let company =
        |name: String| ClientFields { kind: ClientKind::Professional, company_name: name, ..Default::default() };
    // Issued on 20 August, due on 19 September: two months late on the window's day.
    let late_invoice = |number: String, client_id: i64, cents: i64| InvoiceFields {
        number,
        client_id,
        issue_date: "2026-08-20".parse().unwrap(),
        due_date: Some("2026-09-19".parse().unwrap()),
        amount: Decimal::new(cents, 2),
        amount_excl_vat: None,
        object: "Travaux".into(),
        penalty_rate: None,
        written_off_on: None,
        payment_terms: None,
        nature: None,
    };
    {
        let mut ledger = Ledger::open(&file).unwrap();
        ardoise::desk::ledger_file::choose_first_start(&mut ledger, "demo", today).unwrap();
        for n in 1..=30 {
            let client_id = ledger.create_client(&company(format!("Atelier {n:02}"))).unwrap();
            ledger.create_invoice(&late_invoice(format!("G{n:02}"), client_id, 10_000 + 1_000 * n)).unwrap();
        }
        for n in 1..=100 {
            ledger.create_client(&company(format!("Client à jour {n:03}"))).unwrap();
        }
        let client_id = ledger.create_client(&company("Courriers en nombre".into())).unwrap();
        let invoice_id = ledger.create_invoice(&late_invoice("H01".into(), client_id, 1_000_000)).unwrap();
        for _ in 0..120 {
            let (kind, dispatch) = (LetterKind::FriendlyReminder, Dispatch::Simple);
            ledger.draft_letter(client_id, kind, dispatch, "2026-10-01".parse().unwrap(), &[invoice_id]).unwrap();
        }
        for n in 0..130 {
            ledger
                .record_payment(&PaymentFields {
                    client_id,
                    date: chrono::NaiveDate::from_ymd_opt(2026, 10, 1 + n % 28).unwrap(),
                    amount: Decimal::new(100 + i64::from(n), 2),
                    method: PaymentMethod::Transfer,
                    reference: format!("Virement {n}"),
                    allocations: None,
                })
                .unwrap();
        }
    }
    let clients = Ledger::open(&file).unwrap().clients().unwrap().len();
    assert_eq!(clients, 156);
    let expected = ardoise::desk::proposals::proposals(&Ledger::open(&file).unwrap(), today).unwrap();
    assert!(expected.len() > 24, "{} proposals", expected.len());
    // The demo's letters and receipts count with the ones written above.
    let letter_count = Ledger::open(&file).unwrap().letters(None).unwrap().len();
    assert!((120..200).contains(&letter_count), "{letter_count} letters");
    let october = ardoise::desk::books::period("2026-10-01".parse().unwrap(), "2026-10-31".parse().unwrap()).unwrap();
    let line_count = ardoise::desk::books::receipts(&Ledger::open(&file).unwrap(), october).unwrap().lines.len();
    assert!((130..200).contains(&line_count), "{line_count} lines");

    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    // The count is the whole list's; the first twelve cards are the twelve most urgent.
    let count = wait_for_attribute(&window, "#proposal-count", "data-value", |v| !v.is_empty()).await;
    assert_eq!(count, expected.len().to_string());
    wait_for_count(&window, CARDS, 12).await;
    let mut shown = Vec::new();
    for card in window.find_all(By::Css(CARDS)).await.unwrap() {
        shown.push(card.attr("data-client-id").await.unwrap().unwrap_or_default());
    }
    let most_urgent: Vec<String> = expected[..12].iter().map(|p| p.client_id.to_string()).collect();
    assert_eq!(shown, most_urgent);
    let more = wait_for(&window, "#proposal-more").await;
    wait_for_text(&more, &format!("Afficher 12 de plus ({} restantes)", expected.len() - 12)).await;
    more.scroll_into_view().await.ok();
    screenshot(&window, "dunning-06-more-proposals").await;

    // Each click adds twelve, the last one what is left, and then the button goes.
    click(&window, "#proposal-more").await;
    wait_for_count(&window, CARDS, 24).await;
    let left = expected.len() - 24;
    wait_for_text(&wait_for(&window, "#proposal-more").await, &format!("Afficher {} de plus", left.min(12))).await;
    while shown_count(&window, CARDS).await < expected.len() {
        let before = shown_count(&window, CARDS).await;
        click(&window, "#proposal-more").await;
        wait_for_count(&window, CARDS, expected.len().min(before + 12)).await;
    }
    assert!(!displayed(&window, "#proposal-more").await, "no button once every card is shown");
    let last = window.find_all(By::Css(CARDS)).await.unwrap().pop().unwrap();
    assert_eq!(last.attr("data-client-id").await.unwrap(), Some(expected.last().unwrap().client_id.to_string()));

    // The clients page: a hundred rows, then the rest; a search starts again from its first rows.
    let clients = "#client-list tbody tr[data-client-id]";
    click(&window, "#nav-clients").await;
    wait_for_text(&wait_for(&window, "#client-more").await, "Afficher 56 de plus (56 restants)").await;
    assert_eq!(shown_count(&window, clients).await, 100);
    wait_for_text(&wait_for(&window, ".client-list-count").await, "156 clients").await;
    click(&window, "#client-more").await;
    wait_for_count(&window, clients, 156).await;
    assert!(!displayed(&window, "#client-more").await, "no button once every row is shown");
    let search = wait_for(&window, "#client-search").await;
    search.send_keys("à jour").await.unwrap();
    wait_for_text(&wait_for(&window, ".client-list-count").await, "100 sur 156 clients").await;
    assert_eq!(shown_count(&window, clients).await, 100);
    assert!(!displayed(&window, "#client-more").await, "no button once every row is shown");
    screenshot(&window, "dunning-07-clients-searched").await;

    // The letters page: the hundred latest letters, then the rest.
    let letters = "#letter-list-rows tr[data-letter-id]";
    click(&window, "#nav-letters").await;
    let left = letter_count - 100;
    wait_for_text(&wait_for(&window, "#letter-more").await, &format!("Afficher {left} de plus ({left} restants)"))
        .await;
    assert_eq!(shown_count(&window, letters).await, 100);
    click(&window, "#letter-more").await;
    wait_for_count(&window, letters, letter_count).await;
    assert!(!displayed(&window, "#letter-more").await, "no button once every letter is shown");

    // The books page: last month's receipts, a hundred lines shown; the totals are the whole month's.
    let lines = "#books-lines tbody tr.books-line";
    click(&window, "#nav-books").await;
    let left = line_count - 100;
    let more = wait_for(&window, "#books-more").await;
    wait_for_text(&more, &format!("Afficher {left} de plus ({left} restantes)")).await;
    assert_eq!(shown_count(&window, lines).await, 100);
    let total = wait_for(&window, "#books-months tfoot tr[data-month='total'] td.number").await;
    assert_eq!(total.text().await.unwrap(), line_count.to_string());
    more.scroll_into_view().await.ok();
    screenshot(&window, "dunning-08-books-more").await;
    click(&window, "#books-more").await;
    wait_for_count(&window, lines, line_count).await;
    assert!(!displayed(&window, "#books-more").await, "no button once every line is shown");
}
