//! End-to-end: letters you can stand behind, in the real window on the demo ledger (issue 13, defects 5 to
//! 12). A mise en demeure whose interest needs the blank 2026-S2 rate says so on its page with a
//! button that opens « Réglages » on that row of the rates table; once the rates are typed there, the
//! letter prints. The profile takes a signature and a logo from the open dialog (answered by
//! `ARDOISE_IMAGE_PICK`, since a native dialog cannot be driven), shows them, and refuses a file that is
//! no image with its French reason; left without a form of address, a new letter leads to « Vous êtes ».
//! The proposal card says which step fired, in words; Réglages shows the residual tolerance. The second
//! test pauses one invoice, writes off a residual, types « fin de mois » terms and sees the prescription
//! watch. Screenshots `wording-NN-*`.
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

/// The picture at `css` once the page holds it, scrolled into view. Not waited for as displayed: WebKit
/// sizes a data: picture outside the view only when it comes into view, so WebKitWebDriver may call it
/// hidden for as long as it stays out of the view.
async fn picture(window: &WebDriver, css: &str) -> WebElement {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(found) = window.find(By::Css(css)).await {
            found.scroll_into_view().await.unwrap();
            return found;
        }
        assert!(Instant::now() < deadline, "no picture at `{css}`");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The width of the picture an `img` shows, once decoded (0 when it cannot be). WebKit under Xvfb paints
/// a picture a moment after decoding it: the wait keeps it out of the screenshot's blind spot.
async fn decoded_width(window: &WebDriver, img: &WebElement) -> i64 {
    let script = "const done = arguments[arguments.length - 1]; const img = arguments[0]; \
                  img.decode().then(() => done(img.naturalWidth), () => done(0));";
    let width = window.execute_async(script, vec![img.to_json().unwrap()]).await.unwrap().json().as_i64().unwrap_or(0);
    tokio::time::sleep(Duration::from_millis(700)).await;
    width
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_rate_leads_to_the_rates_table_and_the_profile_takes_its_images() {
    let data_home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let picks = tempfile::tempdir().unwrap();
    let picked = picks.path().join("choix.png");
    // The window saves into this folder, and its open dialog answers with this file (see commands/).
    let driver = Driver::start_with(
        data_home.path(),
        &[("ARDOISE_EXPORT_DIR", exports.path()), ("ARDOISE_IMAGE_PICK", picked.as_path())],
    );
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
    // The dashboard may still be placed again (scrolled to its top) as its data arrive: let it settle.
    tokio::time::sleep(Duration::from_millis(500)).await;
    step.scroll_into_view().await.unwrap();
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
    wait_for(&window, "#letter-title").await.scroll_into_view().await.unwrap();
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
    let signature = picture(&window, "#profile-signature-preview img").await;
    assert_eq!(signature.attr("data-width").await.unwrap().as_deref(), Some("900"));
    std::fs::copy(image("bad/logo.gif"), &picked).unwrap();
    click(&window, "#profile-logo-choose").await;
    wait_for_css_text(&window, "#profile-logo-error", "« choix.png » n'est pas une image PNG ou JPEG").await;
    assert!(window.find(By::Css("#profile-logo-preview img")).await.is_err(), "nothing stored");
    wait_for(&window, "#profile-logo-error").await.scroll_into_view().await.unwrap();
    // The signature stays shown beside the refusal.
    let signature = picture(&window, "#profile-signature-preview img").await;
    assert!(decoded_width(&window, &signature).await > 0, "the signature preview does not decode");
    screenshot(&window, "wording-04-image-refused").await;
    std::fs::copy(image("logo.jpg"), &picked).unwrap();
    click(&window, "#profile-logo-choose").await;
    let logo = picture(&window, "#profile-logo-preview img").await;
    assert_eq!(logo.attr("data-width").await.unwrap().as_deref(), Some("600"));
    // The preview shows the picture itself, decoded by the window from what the core stored.
    logo.scroll_into_view().await.unwrap();
    assert!(decoded_width(&window, &logo).await > 0, "the logo preview does not decode");
    let error = window.find(By::Css("#profile-logo-error")).await.unwrap();
    assert_eq!(error.text().await.unwrap(), "", "the refusal is gone");
    let ledger = Ledger::open(&file).unwrap();
    assert!(ledger.logo_png().unwrap().is_some() && ledger.signature_png().unwrap().is_some());
    screenshot(&window, "wording-05-profile-images").await;
    // « Vous êtes » is the demo's Madame.
    let addressed = wait_for(&window, "#profile-form-addressed-as").await;
    assert_eq!(addressed.prop("value").await.unwrap().as_deref(), Some("madame"));

    // Left « À choisir », the letters cannot agree with the trader: a new letter says so, and its button
    // opens the profile on « Vous êtes ».
    let form = wait_for(&window, "form#profile-form").await;
    choose(&form, "addressed_as", "").await;
    submit(&form).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while ardoise::desk::settings::profile(&Ledger::open(&file).unwrap()).unwrap().addressed_as.is_some() {
        assert!(Instant::now() < deadline, "the profile was not saved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{hotel}\"]")).await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == hotel.to_string()).await;
    click(&window, "#letter-new").await;
    let kind = wait_for(&window, "#letter-kind").await;
    thirtyfour::components::SelectElement::new(&kind).await.unwrap().select_by_value("formal_notice").await.unwrap();
    click(&window, "#letter-draft").await;
    wait_for_css_text(&window, "#letter-title", "Mise en demeure").await;
    click(&window, "#letter-missing-facts button[data-code=\"addressed_as\"]").await;
    wait_for(&window, "form#profile-form").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while window.active_element().await.unwrap().attr("id").await.unwrap().as_deref()
        != Some("profile-form-addressed-as")
    {
        assert!(Instant::now() < deadline, "« Vous êtes » is not the field offered");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(&window, "wording-05b-addressed-as-asked").await;
    window.quit().await.unwrap();
}

/// The ids of the demo's client `name` and of its invoice `number`, read from the ledger.
fn client_and_invoice(file: &std::path::Path, name: &str, number: &str) -> (i64, i64) {
    let ledger = Ledger::open(file).unwrap();
    let clients = ardoise::desk::clients::client_list(&ledger, TODAY.parse().unwrap()).unwrap();
    let client = clients.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("the demo's {name}")).id;
    let rows = ledger.invoice_rows(Some(client), TODAY.parse().unwrap()).unwrap();
    let invoice = rows.iter().find(|r| r.invoice.number == number).map_or(0, |r| r.invoice.id);
    (client, invoice)
}

/// Waits until the invoice `number` of `client` is stored, and returns it.
async fn stored_invoice(file: &std::path::Path, client: i64, number: &str) -> ardoise::domain::model::Invoice {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let rows = Ledger::open(file).unwrap().invoice_rows(Some(client), TODAY.parse().unwrap()).unwrap();
        if let Some(row) = rows.into_iter().find(|row| row.invoice.number == number) {
            return row.invoice;
        }
        assert!(Instant::now() < deadline, "the invoice {number} was not saved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Defects 7, 11 and 12 in the window: one invoice of Traiteur Bonnet paused until a date leaves the
/// others dunned; a payment leaving 0,40 € on an invoice is not dunned and the client's page offers to
/// write it off; « fin de mois » terms typed on a client and on an invoice give the due date; an invoice a
/// consumer has owed since January 2025 shows the day it becomes time-barred (from its issue date) and
/// puts the client on the dashboard's prescription watch. Screenshots `wording-06…09`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pauses_write_offs_end_of_month_terms_and_the_prescription_watch_are_usable_from_the_window() {
    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    figure(&window, "#total-owed").await;
    let file = ledger_file(data_home.path());
    let (caterer, paused) = client_and_invoice(&file, "Traiteur Bonnet", "F2026-069");

    // A pause naming one invoice, until 15 December: the proposal leaves that invoice out, not the others.
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{caterer}\"]")).await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == caterer.to_string()).await;
    wait_for_text(&wait_for(&window, "#client-proposal .proposal-card").await, "F2026-069").await;
    click(&window, "#event-new").await;
    let form = wait_for(&window, "form#event-form").await;
    choose(&form, "kind", "pause").await;
    fill(&form, "date", "22/11/2026").await;
    fill(&form, "until", "15/12/2026").await;
    choose(&form, "invoice_id", &paused.to_string()).await;
    fill(&form, "text", "Avoir en discussion sur la prestation du 3 septembre").await;
    screenshot(&window, "wording-06a-pause-form").await;
    submit(&form).await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == caterer.to_string()).await;
    let card = wait_for(&window, "#client-proposal .proposal-card").await;
    wait_for_text(&card, "F2026-068").await;
    let listed = card.find(By::Css(".proposal-card-invoices")).await.unwrap().text().await.unwrap();
    assert!(!listed.contains("F2026-069") && listed.contains("F2026-070"), "only the paused invoice waits: {listed}");
    card.scroll_into_view().await.unwrap();
    screenshot(&window, "wording-06-one-invoice-paused").await;

    // A payment of 639,60 € on the 640,00 € invoice: the 0,40 € left is offered for write-off, not dunned.
    click(&window, "#payment-new").await;
    let form = wait_for(&window, "form#payment-form").await;
    fill(&form, "amount", "639,60").await;
    wait_for_attribute(&window, "#payment-allocated-total", "data-value", |v| decimal(v) == decimal("639.60")).await;
    submit(&form).await;
    let residual = wait_for(&window, "#client-residuals .residual").await;
    wait_for_text(&residual, "F2026-068").await;
    wait_for_text(&residual, "0,40").await;
    let listed = wait_for(&window, "#client-proposal .proposal-card-invoices").await.text().await.unwrap();
    assert!(!listed.contains("F2026-068"), "a residual under the tolerance is not dunned: {listed}");
    residual.scroll_into_view().await.unwrap();
    screenshot(&window, "wording-07-residual-offered").await;
    click(&window, "#client-residuals button.residual-write-off").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while stored_invoice(&file, caterer, "F2026-068").await.written_off_on.is_none() {
        assert!(Instant::now() < deadline, "the residual was not written off");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(stored_invoice(&file, caterer, "F2026-068").await.written_off_on, Some(TODAY.parse().unwrap()));
    let panel = wait_for_attribute(&window, "#client-residuals", "hidden", |_| true).await;
    assert_eq!(panel, "true", "nothing left to write off");

    // « 30 jours fin de mois » on a consumer, then her invoice of January 2025 with its own « 45 jours fin
    // de mois »: due 31 March 2025 (20 January + 45 days, then the end of that month).
    let (consumer, _) = client_and_invoice(&file, "Mme Sophie GIRARD", "");
    click(&window, "#nav-clients").await;
    // Found by her name, as a user does among 25 clients (a long list under load once took the click
    // to another row).
    let search = wait_for(&window, "#client-search").await;
    search.send_keys("Girard").await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while window.find_all(By::Css("#client-list tr[data-client-id]")).await.unwrap().len() != 1 {
        assert!(Instant::now() < deadline, "the search did not narrow the list to her");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    click(&window, &format!("#client-list tr[data-client-id=\"{consumer}\"]")).await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == consumer.to_string()).await;
    click(&window, "#client-edit").await;
    let form = wait_for(&window, "form#client-form").await;
    fill(&form, "payment_terms_days", "30 jours fin de mois").await;
    submit(&form).await;
    wait_for_css_text(&window, "#client-view", "30 jours fin de mois").await;
    let saved = ardoise::desk::clients::client_detail(&Ledger::open(&file).unwrap(), consumer, TODAY.parse().unwrap());
    let saved = saved.unwrap().client.fields;
    assert_eq!((saved.payment_terms_days, saved.payment_terms_end_of_month), (Some(30), true));
    click(&window, "#invoice-new").await;
    let form = wait_for(&window, "form#invoice-form").await;
    fill(&form, "number", "F2025-090").await;
    fill(&form, "object", "Buffet de mariage, acompte resté dû").await;
    fill(&form, "issue_date", "20/01/2025").await;
    fill(&form, "payment_terms", "45 jours fin de mois").await;
    fill(&form, "amount", "380,00").await;
    submit(&form).await;
    let invoice = stored_invoice(&file, consumer, "F2025-090").await;
    assert_eq!(invoice.due_date, "2025-03-31".parse().unwrap());

    // The day it becomes time-barred: two years from the service for a consumer (the last day whole, C. civ.
    // 2229), within six months.
    let row = wait_for(&window, &format!("#client-invoices tr[data-invoice-id=\"{}\"]", invoice.id)).await;
    let barred = row.find(By::Css(".invoice-status .prescription")).await.unwrap();
    assert_eq!(barred.attr("data-value").await.unwrap().as_deref(), Some("2027-01-21"));
    assert!(barred.class_name().await.unwrap().unwrap_or_default().contains("is-near"));
    row.scroll_into_view().await.unwrap();
    screenshot(&window, "wording-08-terms-and-time-barred-date").await;

    // The dashboard watches her, whatever the ladder does.
    click(&window, "#nav-dashboard").await;
    let watched = wait_for(&window, &format!("#prescription-watch button[data-client-id=\"{consumer}\"]")).await;
    wait_for_text(&watched, "prescrite le 21 janvier 2027").await;
    wait_for_text(&watched, "F2025-090").await;
    watched.scroll_into_view().await.unwrap();
    screenshot(&window, "wording-09-prescription-watch").await;
    click_element(&watched, "the watched invoice").await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |v| v == consumer.to_string()).await;
    window.quit().await.unwrap();
}
