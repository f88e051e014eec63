//! End-to-end test of e-invoices in the real window: a folder of Factur-X PDFs (with a UBL invoice and a
//! PDF that is no e-invoice) is chosen on the « Importer » page, previewed file by file, imported with
//! each PDF kept as its invoice's document; on the client's page the invoices show their PDF and one is
//! given a PDF by hand; a mise en demeure drafted there lists the invoices as enclosures, and its PDF
//! carries the line. Screenshots `einvoice-NN-*`.
//!
//! Native dialogs cannot be driven by WebDriver: `ARDOISE_IMPORT_PICK` answers « Choisir un dossier… »,
//! `ARDOISE_DOCUMENT_PICK` « Joindre le PDF » and `ARDOISE_EXPORT_DIR` the save dialog (README.md). A
//! drop cannot be simulated either (it is a native event): the drop goes through the same preview.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::domain::address::PostalAddress;
use ardoise::domain::model::Profile;
use ardoise::Ledger;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

fn fixture(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/einvoice").join(folder).join(name)
}

/// The folder the user picks: five Factur-X PDFs, a UBL invoice and a PDF without an e-invoice.
const FOLDER: [(&str, &str); 7] = [
    ("valid", "facturx-basic-wl.pdf"),
    ("valid", "facturx-en16931.pdf"),
    ("valid", "facturx-en16931-40-lignes.pdf"),
    ("valid", "facturx-minimum.pdf"),
    ("valid", "zugferd-invoice.pdf"),
    ("valid", "ubl-facture-latin1.xml"),
    ("bad", "pdf-sans-facture.pdf"),
];

async fn count(window: &WebDriver, id: &str, expected: &str) {
    let element = wait_for(window, id).await;
    wait_for_text(&element, expected).await;
    assert_eq!(element.text().await.unwrap(), expected, "{id}");
}

/// The ledger the window opens: the profile of the sole trader who issued the fixtures (an e-invoice is
/// imported only when its seller is the user).
fn ledger_with_profile(data_home: &Path) -> PathBuf {
    let path = ledger_file(data_home);
    let mut ledger = Ledger::open(&path).unwrap();
    let profile = Profile {
        legal_name: "Camille MARTIN EI".into(),
        trade_name: "Martin Rénovation".into(),
        address: PostalAddress {
            street: "12 RUE DES LILAS".into(),
            postcode: "69003".into(),
            town: "LYON".into(),
            ..Default::default()
        },
        siren_siret: "84235719600018".into(),
        email: "camille@martin-renovation.fr".into(),
        iban: "FR76 3000 6000 0112 3456 7890 189".into(),
        signature_town: "Lyon".into(),
        addressed_as: Some(ardoise::domain::model::AddressedAs::Madame),
        ..Profile::default()
    };
    ardoise::desk::settings::save_profile(&mut ledger, &profile).unwrap();
    // The shipped table leaves 2026-S2 blank, and a letter claiming interest after 1 July 2026 is not
    // printed until the user enters that half-year's rates (window_wording drives that path).
    enter_2026_s2_rates(&mut ledger);
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_of_factur_x_pdfs_is_imported_and_a_letter_encloses_the_invoices() {
    let data_home = tempfile::tempdir().unwrap();
    let file = ledger_with_profile(data_home.path());
    let folder = data_home.path().join("factures-mars");
    std::fs::create_dir(&folder).unwrap();
    for (source, name) in FOLDER {
        std::fs::copy(fixture(source, name), folder.join(name)).unwrap();
    }
    let exports = tempfile::tempdir().unwrap();
    let driver = Driver::start_with(
        data_home.path(),
        &[
            ("ARDOISE_IMPORT_PICK", folder.as_path()),
            ("ARDOISE_DOCUMENT_PICK", fixture("bad", "pdf-sans-facture.pdf").as_path()),
            ("ARDOISE_EXPORT_DIR", exports.path()),
        ],
    );
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();

    // The folder previewed file by file: six invoices, one file refused with its reason.
    click(&window, "#nav-import").await;
    click(&window, "#import-pick-folder").await;
    count(&window, "#import-count-new", "6").await;
    count(&window, "#import-count-rejected", "1").await;
    assert_eq!(window.find_all(By::Css("#import-files tr")).await.unwrap().len(), 7);
    assert_eq!(window.find_all(By::Css("#import-files tr[data-file-status=\"new\"]")).await.unwrap().len(), 6);
    let refused = wait_for(&window, "#import-files tr[data-file-status=\"rejected\"]").await;
    wait_for_text(&refused, "ne contient pas de facture électronique").await;
    assert!(!wait_for(&window, "#import-page").await.text().await.unwrap().contains("Correspondance des colonnes"));
    wait_for(&window, "#import-preview-title").await.scroll_into_view().await.ok();
    screenshot(&window, "einvoice-01-preview").await;
    assert!(Ledger::open(&file).unwrap().imports().unwrap().is_empty(), "nothing written before « Confirmer »");

    click(&window, "#import-confirm").await;
    let result = wait_for(&window, "#import-result").await;
    wait_for_text(&result, "Import n° 1 enregistré : 6 nouvelle(s)").await;
    wait_for_text(&result, "5 PDF gardé(s) comme document de leur facture.").await;
    screenshot(&window, "einvoice-02-imported").await;
    let ledger = Ledger::open(&file).unwrap();
    assert_eq!(ledger.invoice_documents(None).unwrap().len(), 5);
    let dupont = ledger.invoice_by_number("F2026-0104").unwrap().unwrap().invoice.client_id;
    let untouched = ledger.invoice_by_number("F2026-0121").unwrap().unwrap().invoice.id;
    drop(ledger);

    // The client's page: the invoices' PDFs, and one given by hand through « Joindre le PDF ».
    click(&window, "#nav-clients").await;
    click(&window, &format!("#client-list tr[data-client-id=\"{dupont}\"]")).await;
    let basic_wl = Ledger::open(&file).unwrap().invoice_by_number("F2026-0102").unwrap().unwrap().invoice.id;
    let row = |id: i64| format!("#client-invoices tr[data-invoice-id=\"{id}\"]");
    wait_for_attribute(&window, &row(basic_wl), "data-document", |name| name == "facturx-basic-wl.pdf").await;
    wait_for_attribute(&window, &row(untouched), "data-document", str::is_empty).await;
    click(&window, &format!("#invoice-document-pick-{untouched}")).await;
    wait_for_attribute(&window, &row(untouched), "data-document", |name| name == "pdf-sans-facture.pdf").await;
    wait_for(&window, &format!("#invoice-document-remove-{untouched}")).await;
    wait_for(&window, "#client-invoices").await.scroll_into_view().await.ok();
    screenshot(&window, "einvoice-03-client-documents").await;

    // A mise en demeure drafted from the page lists the invoices as enclosures.
    click(&window, "#letter-new").await;
    let kinds = wait_for(&window, "#letter-kind").await;
    SelectElement::new(&kinds).await.unwrap().select_by_value("formal_notice").await.unwrap();
    click(&window, "#letter-draft").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(title) = window.find(By::Css("#letter-title")).await {
            if title.text().await.unwrap_or_default().contains("Mise en demeure") {
                break;
            }
        }
        assert!(Instant::now() < deadline, "the letter page never showed the mise en demeure");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let enclosures = wait_for(&window, "#letter-enclosures").await;
    let expected =
        "Pièces jointes : facture F2026-0102 ; facture F2026-0121 ; facture F2026-0104 ; facture F2026-0113 ; \
                    décompte des sommes dues";
    wait_for_text(&enclosures, expected).await;
    enclosures.scroll_into_view().await.ok();
    screenshot(&window, "einvoice-04-letter-enclosures").await;

    // Its PDF carries the line.
    click(&window, "#letter-export").await;
    wait_for_text(&wait_for(&window, "#letter-status").await, "PDF enregistré").await;
    let pdf = std::fs::read_dir(exports.path()).unwrap().next().expect("the letter's PDF").unwrap().path();
    let output = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(expected), "the PDF lacks the enclosures:\n{text}");
    window.quit().await.ok();
}
