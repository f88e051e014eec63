//! End-to-end tests in the real window: tauri-driver and WebKitWebDriver drive the built app, which works
//! on a real ledger file in a temporary data folder. No IPC is mocked. A screenshot of each main screen is
//! saved under `target/test-output/screenshots/`.
//!
//! Shared helpers live in `common/mod.rs`. Needs `tauri-driver` (cargo install tauri-driver --locked), Debian's `webkit2gtk-driver` and a display
//! (`xvfb-run`); `scripts/test` provides all three. Apple has no WebDriver for WKWebView, so the test
//! does not exist on macOS.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::Ledger;
use common::*;
use rust_decimal::Decimal;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_loads_the_demo_then_records_a_client_an_invoice_and_a_partial_payment() {
    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 860).await.ok();

    // First start: the choice between an empty ledger and the demo.
    wait_for(&window, "#start-demo").await;
    wait_for(&window, "#start-empty").await;
    screenshot(&window, "01-first-start").await;
    click(&window, "#start-demo").await;

    // The dashboard shows the same figures as the core computes from the file.
    let owed_before = figure(&window, "#total-owed").await;
    let (expected, most_late) = {
        let ledger = Ledger::open(&ledger_file(data_home.path())).unwrap();
        let today = TODAY.parse().unwrap();
        let most_late = ardoise::desk::clients::most_late_clients(&ledger, today, 5).unwrap();
        (ardoise::desk::dashboard::dashboard(&ledger, today).unwrap(), most_late)
    };
    assert_eq!(owed_before, expected.total_owed);
    assert_eq!(figure(&window, "#total-overdue").await, expected.total_overdue);
    assert_eq!(figure(&window, "#late-clients").await, Decimal::from(expected.late_clients));
    // « Clients les plus en retard »: the core's five, in its order.
    let mut shown = Vec::new();
    for button in window.find_all(By::Css("#dashboard-late-clients .late-client")).await.unwrap() {
        shown.push(button.attr("data-client-id").await.unwrap().unwrap_or_default());
    }
    assert_eq!(most_late.len(), 5, "the demo has more than five late clients");
    assert_eq!(shown, most_late.iter().map(|client| client.id.to_string()).collect::<Vec<_>>());
    let bucket_before = bucket(&window, "31_60").await;
    assert_eq!(bucket_before, expected.aging[2].amount);
    assert_eq!(window.find_all(By::Css("#aging-chart [data-bucket]")).await.unwrap().len(), 5);
    screenshot(&window, "02-dashboard").await;

    // The client list: 25 demo clients, search narrows it.
    click(&window, "#nav-clients").await;
    wait_for(&window, "#client-list tr[data-client-id]").await;
    assert_eq!(window.find_all(By::Css("#client-list tr[data-client-id]")).await.unwrap().len(), 25);
    screenshot(&window, "03-clients").await;
    let search = wait_for(&window, "#client-search").await;
    search.send_keys("celestins").await.unwrap();
    let deadline = Instant::now() + PATIENCE;
    loop {
        let mut shown = 0;
        for row in window.find_all(By::Css("#client-list tr[data-client-id]")).await.unwrap() {
            shown += usize::from(row.is_displayed().await.unwrap());
        }
        if shown == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "search shows {shown} rows");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    search.clear().await.unwrap();

    // A new client: a wrong SIRET is refused at its field, and nothing typed is lost.
    click(&window, "#client-new").await;
    let form = wait_for(&window, "form#client-form").await;
    choose(&form, "kind", "professional").await;
    fill(&form, "company_name", "Menuiserie Test E2E").await;
    fill(&form, "siren_siret", "552 032 535").await;
    fill(&form, "address.street", "5 RUE DES ESSAIS").await;
    fill(&form, "address.postcode", "69001").await;
    fill(&form, "address.town", "LYON").await;
    submit(&form).await;
    let error = wait_for(&window, ".field-error[data-error-for=\"siren_siret\"]").await;
    wait_for_text(&error, "clé de contrôle").await;
    let kept = form.find(By::Css("[name=\"company_name\"]")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("Menuiserie Test E2E"));
    screenshot(&window, "04-client-form-error").await;
    fill(&form, "siren_siret", "552 032 534").await;
    submit(&form).await;
    let page = wait_for(&window, "#client-view").await;
    let client_id: i64 = page.attr("data-client-id").await.unwrap().unwrap().parse().unwrap();
    assert_eq!(figure(&window, "#client-balance").await, Decimal::ZERO);

    // An invoice 38 days late on the fixed today, then a partial payment of 500 €.
    click(&window, "#invoice-new").await;
    let form = wait_for(&window, "form#invoice-form").await;
    fill(&form, "number", "E2E-001").await;
    fill(&form, "issue_date", "01/10/2026").await;
    fill(&form, "due_date", "15/10/2026").await;
    fill(&form, "amount", "1 200,00").await;
    fill(&form, "object", "Test de bout en bout").await;
    submit(&form).await;
    wait_for(&window, "#client-view #client-invoices tr[data-invoice-id]").await;
    assert_eq!(figure(&window, "#client-balance").await, decimal("1200"), "the balance after the invoice");
    click(&window, "#payment-new").await;
    let form = wait_for(&window, "form#payment-form").await;
    fill(&form, "amount", "500").await;
    wait_for_attribute(&window, "#payment-allocations input[data-invoice-id]", "data-invoice-id", |_| true).await;
    let deadline = Instant::now() + PATIENCE;
    loop {
        let part = window.find(By::Css("#payment-allocations input[data-invoice-id]")).await.unwrap();
        let value = part.prop("value").await.unwrap().unwrap_or_default();
        if value.replace(',', ".").parse::<Decimal>().ok() == Some(decimal("500")) {
            break;
        }
        assert!(Instant::now() < deadline, "the suggested split shows {value:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    submit(&form).await;
    wait_for(&window, "#client-view").await;
    wait_for_attribute(&window, "#client-balance", "data-value", |v| v.parse::<Decimal>().ok() == Some(decimal("700")))
        .await;
    let remaining = wait_for(&window, "#client-invoices tr[data-invoice-id] td.remaining").await;
    assert_eq!(decimal(&remaining.attr("data-value").await.unwrap().unwrap()), decimal("700"));
    screenshot(&window, "05-client").await;

    // The dashboard and its aging chart moved by exactly the 700 € still owed.
    click(&window, "#nav-dashboard").await;
    let owed_after = decimal(
        &wait_for_attribute(&window, "#total-owed", "data-value", |v| v.parse::<Decimal>().ok() != Some(owed_before))
            .await,
    );
    assert_eq!(owed_after, owed_before + decimal("700"));
    assert_eq!(bucket(&window, "31_60").await, bucket_before + decimal("700"));
    screenshot(&window, "06-dashboard-after-payment").await;

    // Back on the client: a promise for the rest, then the bank rejects the 500 € transfer.
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{client_id}\"]")).await;
    wait_for(&window, "#client-view").await;
    click(&window, "#event-new").await;
    let form = wait_for(&window, "form#event-form").await;
    choose(&form, "kind", "promise").await;
    fill(&form, "date", "22/11/2026").await;
    fill(&form, "amount", "700").await;
    fill(&form, "until", "15/12/2026").await;
    fill(&form, "text", "Promesse faite au téléphone").await;
    submit(&form).await;
    let promise = wait_for(&window, "#client-timeline li").await;
    wait_for_text(&promise, "Promesse de paiement").await;
    click(&window, "button.payment-reject").await;
    let form = wait_for(&window, "form#rejection-form").await;
    fill(&form, "date", "22/11/2026").await;
    fill(&form, "fees", "12,50").await;
    fill(&form, "reason", "Virement rejeté par la banque").await;
    submit(&form).await;
    wait_for(&window, "#client-view").await;
    wait_for_attribute(&window, "#client-balance", "data-value", |v| {
        v.parse::<Decimal>().ok() == Some(decimal("1200"))
    })
    .await;
    let timeline = wait_for(&window, "#client-timeline").await;
    wait_for_text(&timeline, "Règlement rejeté").await;
    wait_for_text(&timeline, "frais bancaires 12,50").await;
    screenshot(&window, "07-client-after-rejection").await;

    // The sender profile checks the IBAN at its field.
    click(&window, "#nav-profile").await;
    let form = wait_for(&window, "form#profile-form").await;
    fill(&form, "iban", "FR76 3000 6000 0112 3456 7890 188").await;
    submit(&form).await;
    let error = wait_for(&window, ".field-error[data-error-for=\"iban\"]").await;
    wait_for_text(&error, "IBAN").await;
    error.scroll_into_view().await.unwrap();
    screenshot(&window, "08-profile").await;
    window.quit().await.unwrap();

    // Quit and reopen: no first-start choice, and the client, its payment and its rejection are there.
    let window = driver.open_window().await;
    let owed_reopened = figure(&window, "#total-owed").await;
    assert_eq!(owed_reopened, owed_before + decimal("1200"));
    assert!(window.find_all(By::Css("#start-demo")).await.unwrap().is_empty());
    let ledger = Ledger::open(&ledger_file(data_home.path())).unwrap();
    let client = ledger.client(client_id).unwrap();
    assert_eq!(client.fields.siren_siret, "552032534");
    let payment = &ledger.payments(client_id).unwrap()[0];
    assert_eq!(payment.amount, decimal("500"));
    assert_eq!(payment.rejection.as_ref().map(|r| r.fees), Some(decimal("12.50")));
    let promise = &ledger.events(client_id).unwrap()[0];
    assert_eq!(
        (promise.fields.amount, promise.fields.until),
        (Some(decimal("700")), Some("2026-12-15".parse().unwrap()))
    );
    window.quit().await.unwrap();
}

/// The window writes amounts and counts as the core writes them in letters (`domain::money`), its own
/// rules on the decimal strings rather than `Intl`; its text is in its own font, both faces loaded from
/// `ui/fonts/` under the page's CSP; and every view's stylesheet reached the page, joined into one by
/// `build.rs`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_writes_amounts_as_the_letters_do_in_its_own_font() {
    use ardoise::domain::money::{format_count, format_eur};
    use std::str::FromStr;

    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    click(&window, "#start-demo").await;
    figure(&window, "#total-owed").await;

    // Edge cases (zeros, signs, midpoints to the cent, carries, large amounts), then a spread of amounts
    // with 0 to 4 decimals from a fixed linear congruential sequence.
    let edges = "0 0.00 -0.00 -0.004 0.005 -0.005 0.0049 1 12.5 999.995 -999.995 1000 -1000.00 2.675 \
                 9999999.999 123456789012.34 100000 0.10 7.";
    let mut amounts: Vec<String> = edges.split_whitespace().map(str::to_string).collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..400 {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let digits = (state >> 33) % 10_u64.pow(1 + (state % 11) as u32);
        let scale = (state >> 20) % 5;
        let sign = if (state >> 40).is_multiple_of(3) { "-" } else { "" };
        amounts.push(format!("{sign}{}", Decimal::new(digits as i64, scale as u32)));
    }
    let counts: Vec<u64> = vec![0, 1, 999, 1_000, 9_556, 100_000, 8_388_592, 1_234_567_890];
    let script = "const done = arguments[arguments.length - 1]; \
                  import('./scripts/format.js').then((format) => done([\
                    arguments[0].map(format.formatMoney), arguments[1].map(format.formatCount)]), \
                  (error) => done(String(error)));";
    let written: (Vec<String>, Vec<String>) = window
        .execute_async(script, vec![serde_json::json!(amounts), serde_json::json!(counts)])
        .await
        .unwrap()
        .convert()
        .expect("format.js answers two lists");
    for (amount, shown) in amounts.iter().zip(&written.0) {
        let expected = format_eur(Decimal::from_str(amount.trim_end_matches('.')).unwrap());
        assert_eq!(shown, &expected, "the window writes {amount:?} as {shown:?}, letters as {expected:?}");
    }
    for (count, shown) in counts.iter().zip(&written.1) {
        assert_eq!(shown, &format_count(*count as usize), "the window writes the count {count}");
    }

    let fonts: (String, Vec<String>) = window
        .execute_async(
            "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done([\
               getComputedStyle(document.body).fontFamily, \
               [...document.fonts].filter((face) => face.family.includes('Ardoise Sans') && face.style === 'normal')\
                 .map((face) => `${face.weight} ${face.status}`).sort()]));",
            vec![],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert!(fonts.0.starts_with("\"Ardoise Sans\""), "the page's text is in {}", fonts.0);
    assert_eq!(fonts.1, ["400 loaded", "600 700 loaded"], "both faces of the window's font are loaded");

    // The last top-level class rule of each stylesheet in ui/styles/ is among the page's rules, and the
    // page has one stylesheet.
    let sheets: Vec<(String, Vec<String>)> = window
        .execute(
            "return [...document.styleSheets].map((sheet) => [sheet.href || '', \
               [...sheet.cssRules].map((rule) => rule.selectorText || '')]);",
            vec![],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert_eq!(sheets.len(), 1, "one stylesheet: {:?}", sheets.iter().map(|sheet| &sheet.0).collect::<Vec<_>>());
    assert!(sheets[0].0.ends_with("/styles/app.css"), "the page's stylesheet is {}", sheets[0].0);
    let styles = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/styles");
    let mut checked = 0;
    for entry in std::fs::read_dir(styles).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let last = text
            .lines()
            .filter(|line| line.starts_with('.'))
            .filter_map(|line| line.split_once(" {").map(|(selector, _)| selector))
            .rfind(|selector| !selector.contains(','))
            .unwrap_or_else(|| panic!("{} has no class rule", path.display()));
        // A rule may list several selectors, one a line in the file; the page joins them with ", ".
        let found = sheets[0].1.iter().any(|rule| rule.split(", ").any(|selector| selector == last));
        assert!(found, "{last} ({}) is not in the page", path.display());
        checked += 1;
    }
    assert!(checked >= 29, "only {checked} stylesheets in ui/styles/");
}
