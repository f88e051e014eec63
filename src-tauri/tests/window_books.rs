//! End-to-end: the books of the month in the real window on the demo ledger (today 22 November 2026).
//! « Livres » opens on last month's livre des recettes — October 2026, its eleven lines with M. Roussel's
//! rejected cheque, the totals the core computes (cash apart, goods apart from services) — and saves it
//! as PDF, CSV and XLSX, then the accountant's export as a workbook and a ZIP of CSV files (into
//! `ARDOISE_EXPORT_DIR`, since a native dialog cannot be driven); the nature of invoices that say none,
//! set to goods, moves October's services to goods, and an invoice's own nature chosen in its form moves
//! what it received; a period typed backwards is refused beside its
//! dates, an empty one shows an empty book. On M. Roussel's page, a date that does not exist
//! is refused, then his statement of account is printed: its PDF names him and ends on the balance his
//! page shows. Screenshots `books-NN-*`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::desk::books::{self, Period};
use ardoise::desk::{clients, Ledger};
use common::*;
use std::path::Path;
use std::process::Command;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_exports_last_months_book_and_prints_a_clients_statement() {
    let data_home = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    // The window saves into this folder instead of opening the native dialog (commands/mod.rs).
    let driver = Driver::start_with(data_home.path(), &[("ARDOISE_EXPORT_DIR", exports.path())]);
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    wait_for(&window, "#proposal-cards").await;
    let file = ledger_file(data_home.path());
    let october = Period::month(2026, 10);
    let book = books::receipts(&Ledger::open(&file).unwrap(), october).unwrap();
    assert_eq!(book.lines.len(), 11, "the demo's October, as tests/books.rs computes it by hand");

    // « Livres » opens on last month: the core's lines and totals, to the cent.
    click(&window, "#nav-books").await;
    wait_for_attribute(&window, "#books-page", "data-from", |from| from == "2026-10-01").await;
    wait_for_text(&wait_for(&window, "#books-title").await, "Livre des recettes — octobre 2026").await;
    assert_eq!(figure(&window, "#books-total").await, book.totals.amount);
    assert_eq!(figure(&window, "#books-cash").await, book.totals.cash);
    assert_eq!(figure(&window, "#books-other-means").await, book.totals.other_means);
    assert_eq!(figure(&window, "#books-goods").await, book.totals.goods);
    assert_eq!(figure(&window, "#books-services").await, book.totals.services);
    let rows = window.find_all(By::Css("#books-lines tr.books-line")).await.unwrap();
    assert_eq!(rows.len(), book.lines.len());
    for (row, line) in rows.iter().zip(&book.lines) {
        assert_eq!(row.attr("data-amount").await.unwrap(), Some(line.amount.to_string()));
    }
    let rejection = wait_for(&window, "#books-lines tr.is-rejection").await;
    wait_for_text(&rejection, "rejet du règlement du 23/10/2026").await;
    let month = wait_for(&window, "#books-months tr[data-month=\"2026-10\"]").await;
    assert_eq!(month.attr("data-amount").await.unwrap(), Some(book.totals.amount.to_string()));
    screenshot(&window, "books-01-last-month").await;

    // Saved in the three formats, named after the period.
    for (button, extension) in [("#books-save-pdf", "pdf"), ("#books-save-csv", "csv"), ("#books-save-xlsx", "xlsx")] {
        click(&window, button).await;
        let name = format!("Livre des recettes - octobre 2026.{extension}");
        wait_for_text(&wait_for(&window, "#books-status").await, &name).await;
        assert!(exports.path().join(&name).is_file(), "{name} is not written");
    }
    let pdf = pdf_text(&exports.path().join("Livre des recettes - octobre 2026.pdf"));
    for expected in ["Livre des recettes", "octobre 2026", "ROUSSEL", "Menuiserie Chauvet", "F2026-077"] {
        assert!(pdf.contains(expected), "{expected:?} is not in the PDF:\n{pdf}");
    }
    let csv = std::fs::read(exports.path().join("Livre des recettes - octobre 2026.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()), "the CSV opens in a French spreadsheet: UTF-8 with BOM");
    let csv = String::from_utf8(csv).unwrap();
    for line in &book.lines {
        assert!(csv.contains(&line.client), "{} is not in the CSV", line.client);
    }
    assert!(csv.contains("7342,40"), "the period's total with a decimal comma:\n{csv}");
    let xlsx = std::fs::read(exports.path().join("Livre des recettes - octobre 2026.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "a workbook is a ZIP");

    // The accountant's export of the same period.
    for (button, extension) in [("#accountant-xlsx", "xlsx"), ("#accountant-zip", "zip")] {
        click(&window, button).await;
        let name = format!("Export comptable - octobre 2026.{extension}");
        wait_for_text(&wait_for(&window, "#books-status").await, &name).await;
        let bytes = std::fs::read(exports.path().join(&name)).unwrap();
        assert!(bytes.starts_with(b"PK"), "{name} is a ZIP");
    }
    screenshot(&window, "books-02-saved").await;

    // The nature of the invoices that say none, goods instead of services: the book follows at once, as
    // the core computes it; back to services, it is October's again.
    let nature = wait_for(&window, "#books-nature-form").await;
    choose(&nature, "nature", "goods").await;
    click(&window, "#books-nature-save").await;
    wait_for_text(&wait_for(&window, "#books-nature-saved").await, "Nature enregistrée").await;
    let as_goods = books::receipts(&Ledger::open(&file).unwrap(), october).unwrap();
    assert!(as_goods.totals.goods > book.totals.goods, "some October invoices say no nature of their own");
    wait_for_attribute(&window, "#books-goods", "data-value", |v| v == as_goods.totals.goods.to_string()).await;
    assert_eq!(figure(&window, "#books-total").await, book.totals.amount, "the nature moves money, not the total");
    screenshot(&window, "books-03-default-nature").await;
    choose(&nature, "nature", "services").await;
    click(&window, "#books-nature-save").await;
    wait_for_attribute(&window, "#books-goods", "data-value", |v| v == book.totals.goods.to_string()).await;
    assert_eq!(books::receipts(&Ledger::open(&file).unwrap(), october).unwrap(), book);

    // An invoice's own nature, chosen in its form: Traiteur Bonnet's F2026-029, paid 441 € on 7 October,
    // sold goods; October's goods grow by what it received.
    let today: chrono::NaiveDate = "2026-11-22".parse().unwrap();
    let ledger = Ledger::open(&file).unwrap();
    let bonnet =
        clients::client_list(&ledger, today).unwrap().into_iter().find(|c| c.name == "Traiteur Bonnet").unwrap().id;
    let invoice = clients::client_detail(&ledger, bonnet, today)
        .unwrap()
        .invoices
        .into_iter()
        .find(|line| line.row.invoice.number == "F2026-029")
        .unwrap();
    assert_eq!(invoice.row.invoice.nature, None, "the demo leaves it to its client's or the ledger's");
    drop(ledger);
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{bonnet}\"]")).await;
    let row = format!("#client-invoices tr[data-invoice-id=\"{}\"]", invoice.row.invoice.id);
    click(&window, &row).await;
    let form = wait_for(&window, "form#invoice-form").await;
    choose(&form, "nature", "goods").await;
    submit(&form).await;
    wait_for(&window, "#client-view").await;
    let goods = book.totals.goods + decimal("441.00");
    let saved = |ledger: &Ledger| {
        clients::client_detail(ledger, bonnet, today)
            .unwrap()
            .invoices
            .into_iter()
            .find(|l| l.row.invoice.id == invoice.row.invoice.id)
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while saved(&Ledger::open(&file).unwrap()).unwrap().row.invoice.nature.is_none() {
        assert!(std::time::Instant::now() < deadline, "the invoice's nature is not saved");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    click(&window, "#nav-books").await;
    wait_for_attribute(&window, "#books-goods", "data-value", |v| v == goods.to_string()).await;
    assert_eq!(books::receipts(&Ledger::open(&file).unwrap(), october).unwrap().totals.goods, goods);
    assert_eq!(figure(&window, "#books-total").await, book.totals.amount);

    // A period typed backwards is refused beside its dates; the book shown stays October's.
    let form = wait_for(&window, "#books-period-form").await;
    choose(&form, "choice", "custom").await;
    fill(&form, "from", "31/10/2026").await;
    fill(&form, "to", "01/10/2026").await;
    click(&window, "#books-show").await;
    let slot = "#books-period-form [data-error-for=\"to\"]";
    wait_for_text(&wait_for(&window, slot).await, "précède son début").await;
    assert_eq!(figure(&window, "#books-total").await, book.totals.amount);
    screenshot(&window, "books-04-period-refused").await;

    // An empty period is an empty book with its totals at zero, not an error.
    fill(&form, "from", "01/07/2024").await;
    fill(&form, "to", "30/09/2024").await;
    click(&window, "#books-show").await;
    wait_for_attribute(&window, "#books-page", "data-from", |from| from == "2024-07-01").await;
    wait_for_text(&wait_for(&window, "#books-lines .empty-state").await, "Aucune recette").await;
    assert_eq!(figure(&window, "#books-total").await.to_string(), "0.00");
    assert_eq!(window.find_all(By::Css("#books-months tbody tr")).await.unwrap().len(), 3, "July to September");
    screenshot(&window, "books-05-empty-period").await;

    // M. Roussel's statement of account, from his page.
    let ledger = Ledger::open(&file).unwrap();
    let roussel = clients::client_list(&ledger, "2026-11-22".parse().unwrap())
        .unwrap()
        .into_iter()
        .find(|client| client.name.contains("ROUSSEL"))
        .expect("the demo has M. Roussel")
        .id;
    let statement = books::statement(&ledger, roussel, "2026-11-22".parse().unwrap()).unwrap();
    let letter = books::statement_letter(&ledger, roussel, "2026-11-22".parse().unwrap()).unwrap();
    let waiting = ledger.letters_to_print().unwrap().len();
    drop(ledger);
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{roussel}\"]")).await;
    wait_for_attribute(&window, "#client-view", "data-client-id", |id| id == roussel.to_string()).await;
    assert_eq!(
        figure(&window, "#client-balance").await,
        statement.statement.balance,
        "the page and the statement agree"
    );
    screenshot(&window, "books-06-client").await;
    let date = wait_for(&window, "#statement-date").await;
    assert_eq!(date.value().await.unwrap().as_deref(), Some("22/11/2026"), "the statement is as of today at first");
    date.clear().await.unwrap();
    date.send_keys("31/02/2026").await.unwrap();
    click(&window, "#statement-export").await;
    let refused = wait_for(&window, "#statement-date[aria-invalid]").await;
    assert_eq!(refused.value().await.unwrap().as_deref(), Some("31/02/2026"), "what was typed stays");
    date.clear().await.unwrap();
    date.send_keys("22/11/2026").await.unwrap();
    click(&window, "#statement-export").await;
    let status = wait_for(&window, "#statement-status").await;
    wait_for_text(&status, "Relevé de compte enregistré").await;
    // The content area scrolls, not the window: bring the panel to its top.
    let scroll = "const content = document.getElementById('content'); \
                  const panel = document.getElementById('statement-panel'); \
                  content.scrollTop += panel.getBoundingClientRect().top - content.getBoundingClientRect().top - 16;";
    window.execute(scroll, vec![]).await.unwrap();
    screenshot(&window, "books-07-statement").await;
    let printed = exports.path().join(&letter.file_name);
    assert!(printed.is_file(), "{} is not written", printed.display());
    let text = pdf_text(&printed);
    for expected in ["Relevé de compte", "ROUSSEL", "F2026-061"] {
        assert!(text.contains(expected), "{expected:?} is not in the statement:\n{text}");
    }
    let balance = ardoise::desk::format::format_eur(statement.statement.balance);
    let squeezed = |text: &str| text.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(squeezed(&text).contains(&squeezed(&balance)), "the balance {balance} is not in the statement:\n{text}");
    assert_eq!(
        Ledger::open(&file).unwrap().letters_to_print().unwrap().len(),
        waiting,
        "a statement is printed as often as asked, never kept as a letter waiting"
    );
}

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8(output.stdout).unwrap()
}
