//! E-invoices imported through the same `import` command and desk functions as spreadsheets (issue 17):
//! one file, several files or a folder, the format told from the bytes; each file's outcome; the Factur-X
//! PDF kept as its invoice's document beside the ledger; re-import, a corrected re-issue and undo (the
//! documents included); files refused whole; credit notes; letters that enclose the invoices' documents,
//! the batch that prints them, the court dossier that includes them; documents given by hand.
//! Fixtures: `tests/data/einvoice/` (written by its make-fixtures.py).

use ardoise::desk::import::{self, FileStatus, ImportOptions, Sources};
use ardoise::desk::{self, Ledger};
use ardoise::domain::address::PostalAddress;
use ardoise::domain::model::Profile;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 4, 15) {
    Some(date) => date,
    None => unreachable!(),
};

fn fixture(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/einvoice").join(folder).join(name)
}

fn euros(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A ledger file in its own folder, with the profile of the sole trader every fixture is issued by.
struct Setup {
    folder: tempfile::TempDir,
    path: PathBuf,
    ledger: Ledger,
}

fn setup() -> Setup {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("registre").join("ardoise.sqlite3");
    let mut ledger = desk::ledger_file::open(&path).unwrap();
    let profile = Profile {
        legal_name: "Camille MARTIN EI".into(),
        trade_name: "Martin Rénovation".into(),
        address: PostalAddress {
            street: "12 RUE DES ÉCOLES".into(),
            postcode: "69003".into(),
            town: "LYON".into(),
            ..Default::default()
        },
        siren_siret: "84235719600018".into(),
        phone: "04 78 12 34 56".into(),
        email: "camille@martin-renovation.fr".into(),
        iban: "FR76 3000 6000 0112 3456 7890 189".into(),
        signature_town: "Lyon".into(),
        // Camille writes as herself: the letters agree « créancière ».
        addressed_as: Some(ardoise::domain::model::AddressedAs::Madame),
        ..Profile::default()
    };
    desk::settings::save_profile(&mut ledger, &profile).unwrap();
    Setup { folder, path, ledger }
}

/// A folder holding copies of fixtures (`(source folder, name)`), under the names given.
fn folder_of(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for (source, name) in files {
        std::fs::copy(fixture(source, name), folder.path().join(name)).unwrap();
    }
    folder
}

fn ardoise(db: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The ledger's tables as the JSON export gives them, the import history aside (an undone import stays in
/// it, marked undone).
fn content(ledger: &Ledger) -> serde_json::Value {
    let mut export = serde_json::to_value(ledger.export().unwrap()).unwrap();
    export["tables"].as_object_mut().unwrap().remove("imports");
    export["tables"].clone()
}

/// The invoices' documents stored beside the ledger: each file's name and whether its bytes still hash
/// to it.
fn stored_documents(setup: &Setup) -> Vec<(String, bool)> {
    let folder = setup.path.parent().unwrap().join("archive").join("factures");
    let Ok(entries) = std::fs::read_dir(&folder) else { return Vec::new() };
    let mut names: Vec<(String, bool)> = entries
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(entry.path()).unwrap();
            let intact = name == format!("{}.pdf", ardoise::domain::digest::sha256_hex(&bytes));
            (name, intact)
        })
        .collect();
    names.sort();
    names
}

fn import_paths(setup: &mut Setup, paths: &[PathBuf]) -> (import::ImportPlan, Option<ardoise::ledger::ImportRecord>) {
    let sources = import::read_sources(paths).unwrap();
    let options = ImportOptions { sheet: None, mapping: None, today: TODAY, expected_sha256: None };
    sources.import(&mut setup.ledger, &options, false, &mut |_| {}).unwrap()
}

fn valid_folder() -> PathBuf {
    fixture("valid", "")
}

fn client_id(ledger: &Ledger, name: &str) -> i64 {
    let clients = desk::clients::client_list(ledger, TODAY).unwrap();
    clients.iter().find(|client| client.name == name).unwrap_or_else(|| panic!("no client {name}")).id
}

fn invoice_id(ledger: &Ledger, number: &str) -> i64 {
    desk::invoices::find_invoice(ledger, number).unwrap().0
}

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(output.status.success(), "pdftotext {}", path.display());
    String::from_utf8(output.stdout).unwrap()
}

fn pdf_pages(path: &Path) -> usize {
    let output = Command::new("pdfinfo").arg(path).output().expect("pdfinfo (poppler-utils)");
    assert!(output.status.success(), "pdfinfo {}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    let line = text.lines().find(|line| line.starts_with("Pages:")).expect("Pages: line");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// Text with its line breaks and runs of blanks folded into single spaces, for phrases a PDF wraps.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The valid fixtures: file, invoice number, whether the file is kept as the invoice's document (the
/// Factur-X PDFs are; an XML is no document).
const VALID: [(&str, &str, bool); 17] = [
    ("cii-avoir.xml", "A2026-0011", false),
    ("cii-facture.xml", "F2026-0110", false),
    ("facturx-af-seulement.pdf", "F2026-0109", true),
    ("facturx-arbre-kids.pdf", "F2026-0111", true),
    ("facturx-basic-wl.pdf", "F2026-0102", true),
    ("facturx-basic.pdf", "F2026-0103", true),
    ("facturx-en16931-40-lignes.pdf", "F2026-0113", true),
    ("facturx-en16931.pdf", "F2026-0104", true),
    ("facturx-extended-avoir.pdf", "A2026-0005", true),
    ("facturx-minimum.pdf", "F2026-0101", true),
    ("facturx-non-reliee.pdf", "F2026-0112", true),
    ("ubl-avoir.xml", "A2026-0021", false),
    ("ubl-facture-latin1.xml", "F2026-0121", false),
    ("ubl-facture.xml", "F2026-0120", false),
    ("xrechnung-attachment.pdf", "F2026-0108", true),
    ("zugferd-invoice.pdf", "F2026-0106", true),
    ("zugferd-majuscules.pdf", "F2026-0107", true),
];

#[test]
fn a_folder_of_e_invoices_is_imported_by_the_import_command_each_pdf_kept_as_its_invoices_document() {
    let setup = setup();
    let db = setup.path.clone();
    drop(setup.ledger);
    let folder = valid_folder();
    let output = ardoise(&db, &["import", folder.to_str().unwrap(), "--json", "--date", "2026-04-15"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    // Every key the spreadsheet import has always printed, and the files.
    for key in [
        "file_name",
        "sha256",
        "sheet",
        "sheets",
        "new",
        "updated",
        "unchanged",
        "skipped",
        "rejected",
        "rejected_rows",
        "new_clients",
        "changes",
        "warnings",
        "payment_date",
        "payment_date_column",
        "undated_payments",
        "import",
        "files",
    ] {
        assert!(report.get(key).is_some(), "key {key} missing from {report}");
    }
    assert_eq!((report["new"].as_u64(), report["rejected_rows"].as_u64()), (Some(17), Some(0)));
    assert!(report["payment_date_column"].is_null(), "no e-invoice has a payment date column: {report}");
    assert_eq!(report["file_name"], "valid");
    let files = report["files"].as_array().unwrap();
    let seen: Vec<(String, String, String, bool)> = files
        .iter()
        .map(|file| {
            (
                file["file_name"].as_str().unwrap().to_string(),
                file["number"].as_str().unwrap().to_string(),
                file["status"].as_str().unwrap().to_string(),
                file["document"].as_bool().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String, bool)> = VALID
        .iter()
        .map(|(file, number, document)| (file.to_string(), number.to_string(), "new".to_string(), *document))
        .collect();
    assert_eq!(seen, expected);

    // The twelve PDFs are stored once each, named by their SHA-256, and named by their invoices.
    let setup = Setup { ledger: desk::ledger_file::open(&db).unwrap(), ..setup };
    let stored = stored_documents(&setup);
    assert_eq!(stored.len(), 12);
    assert!(stored.iter().all(|(_, intact)| *intact), "{stored:?}");
    let invoices = desk::invoices::invoice_list(&setup.ledger, None, TODAY).unwrap();
    for (file, number, document) in VALID {
        let invoice = &invoices.iter().find(|line| line.row.invoice.number == number).unwrap().row.invoice;
        assert_eq!(invoice.document.as_deref(), document.then_some(file), "{number}");
    }
    let listed = stdout(&ardoise(&db, &["invoices", "--date", "2026-04-15"]));
    assert!(listed.contains("document « facturx-en16931.pdf »"), "{listed}");

    // Importing the same folder again changes nothing: no history line, no file.
    let before = content(&setup.ledger);
    drop(setup.ledger);
    let again = ardoise(&db, &["import", folder.to_str().unwrap(), "--json", "--date", "2026-04-15"]);
    let again: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(
        (again["new"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(0), Some(17))
    );
    assert!(again["import"].is_null());
    let statuses: Vec<(&str, bool)> = again["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| (file["status"].as_str().unwrap(), file["document"].as_bool().unwrap()))
        .collect();
    let expected: Vec<(&str, bool)> = VALID.iter().map(|(_, _, document)| ("unchanged", *document)).collect();
    assert_eq!(statuses, expected);
    let setup = Setup { ledger: desk::ledger_file::open(&db).unwrap(), ..setup };
    assert_eq!(content(&setup.ledger), before);
    assert_eq!(desk::import::imports(&setup.ledger).unwrap().len(), 1);
    assert_eq!(stored_documents(&setup), stored);
    let text = stdout(&ardoise(&db, &["import", folder.to_str().unwrap(), "--date", "2026-04-15"]));
    assert!(text.contains("Rien à enregistrer : le registre est déjà à jour pour ce fichier."), "{text}");
    assert!(
        text.contains(
            "Ligne 8 : « facturx-en16931.pdf » (Factur-X (PDF, factur-x.xml)), facture F2026-0104 : inchangée, \
             gardée comme document de la facture."
        ),
        "{text}"
    );
}

/// The PDF a re-issue replaced stays beside the ledger while the re-issue's record names it: the original
/// imported again over the re-issue, then that import undone, leaves it there, and undoing the re-issue
/// puts it back to the byte.
#[test]
fn a_replaced_pdf_named_by_an_import_record_stays_when_a_later_import_of_it_is_undone() {
    let mut setup = setup();
    import_paths(&mut setup, &[valid_folder()]);
    let imported = content(&setup.ledger);
    let imported_files = stored_documents(&setup);
    import_paths(&mut setup, &[fixture("reissue", "facturx-en16931-corrigee.pdf")]);
    let reissued = content(&setup.ledger);
    let first = std::fs::read(fixture("valid", "facturx-en16931.pdf")).unwrap();
    let first_name = format!("{}.pdf", ardoise::domain::digest::sha256_hex(&first));
    // The original again: the invoice goes back to it, this import's record names the re-issue's PDF.
    let (plan, record) = import_paths(&mut setup, &[fixture("valid", "facturx-en16931.pdf")]);
    assert!(record.is_some());
    assert_eq!((plan.new, plan.updated), (0, 1));
    // Undone, the original's file is attached to nothing, but the re-issue's record still names it.
    desk::import::undo_last_import(&mut setup.ledger).unwrap();
    assert_eq!(content(&setup.ledger)["invoice_documents"], reissued["invoice_documents"]);
    assert!(stored_documents(&setup).iter().any(|(name, intact)| *name == first_name && *intact));
    desk::import::undo_last_import(&mut setup.ledger).unwrap();
    assert_eq!(content(&setup.ledger), imported);
    assert_eq!(stored_documents(&setup), imported_files);
}

#[test]
fn a_corrected_reissue_updates_its_invoice_and_document_and_undo_restores_the_ledger_exactly() {
    let mut setup = setup();
    let empty = content(&setup.ledger);
    import_paths(&mut setup, &[valid_folder()]);
    let imported = content(&setup.ledger);
    let imported_files = stored_documents(&setup);

    let (plan, record) = import_paths(&mut setup, &[fixture("reissue", "facturx-en16931-corrigee.pdf")]);
    assert!(record.is_some());
    assert_eq!((plan.new, plan.updated, plan.unchanged), (0, 1, 0));
    let changes: Vec<(&str, &str, &str)> =
        plan.rows[0].changes.iter().map(|c| (c.field, c.before.as_str(), c.after.as_str())).collect();
    assert_eq!(
        changes,
        [
            ("due_date", "09/04/2026", "24/04/2026"),
            ("amount", "1 440,00 €", "1 380,00 €"),
            ("amount_excl_vat", "1 200,00 €", "1 150,00 €"),
            ("document", "facturx-en16931.pdf", "facturx-en16931-corrigee.pdf"),
        ]
    );
    assert_eq!(plan.files[0].status, FileStatus::Updated);
    assert!(plan.files[0].document);
    let corrected = desk::invoices::invoice_list(&setup.ledger, None, TODAY).unwrap();
    let corrected = &corrected.iter().find(|line| line.row.invoice.number == "F2026-0104").unwrap().row.invoice;
    assert_eq!(corrected.amount, euros("1380.00"));
    assert_eq!(corrected.document.as_deref(), Some("facturx-en16931-corrigee.pdf"));
    assert_eq!(stored_documents(&setup).len(), 13, "the first PDF stays: the undo puts it back");

    // Undo the re-issue: the invoice, its document and the files are as they were, to the byte.
    desk::import::undo_last_import(&mut setup.ledger).unwrap();
    assert_eq!(content(&setup.ledger), imported);
    assert_eq!(stored_documents(&setup), imported_files);
    // Undo the folder: nothing is left, not a file.
    desk::import::undo_last_import(&mut setup.ledger).unwrap();
    assert_eq!(content(&setup.ledger), empty);
    assert_eq!(stored_documents(&setup), Vec::new());
}

#[test]
fn a_folder_mixing_good_and_bad_files_imports_the_good_ones_and_says_why_for_each_bad_one() {
    let mut setup = setup();
    let folder = folder_of(&[
        ("valid", "facturx-en16931.pdf"),
        ("valid", "ubl-facture.xml"),
        ("bad", "pdf-sans-facture.pdf"),
        ("bad", "pdf-chiffre.pdf"),
        ("bad", "pdf-tronque.pdf"),
        ("bad", "xml-mal-forme.xml"),
        ("bad", "ubl-commande.xml"),
        ("bad", "tableau.csv"),
        ("rows", "autre-vendeur.xml"),
    ]);
    std::fs::create_dir(folder.path().join("2026-03")).unwrap();
    std::fs::copy(fixture("valid", "facturx-basic.pdf"), folder.path().join("2026-03").join("F2026-0103.pdf")).unwrap();
    // Hidden files (a desktop's index of the folder) are not the user's invoices.
    std::fs::write(folder.path().join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
    // Nor Windows' thumbnail cache (an OLE file, said « un tableur ») and folder settings.
    std::fs::write(
        folder.path().join("2026-03").join("Thumbs.db"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    )
    .unwrap();
    std::fs::write(folder.path().join("desktop.ini"), "[.ShellClassInfo]\r\n").unwrap();

    let before = content(&setup.ledger);
    let (plan, record) = import_paths(&mut setup, &[folder.path().to_path_buf()]);
    assert!(record.is_some());
    assert_ne!(content(&setup.ledger), before);
    // (file, status, error, start of the first message)
    let expected: [(&str, FileStatus, Option<&str>, &str); 10] = [
        ("2026-03/F2026-0103.pdf", FileStatus::New, None, ""),
        ("autre-vendeur.xml", FileStatus::Rejected, None, "Vendeur (BT-27, BT-30) : facture émise par"),
        ("facturx-en16931.pdf", FileStatus::New, None, ""),
        ("pdf-chiffre.pdf", FileStatus::Rejected, Some("encrypted_pdf"), "Le PDF « pdf-chiffre.pdf » est protégé"),
        (
            "pdf-sans-facture.pdf",
            FileStatus::Rejected,
            Some("pdf_without_invoice"),
            "Le PDF « pdf-sans-facture.pdf » ne contient pas de facture électronique",
        ),
        ("pdf-tronque.pdf", FileStatus::Rejected, Some("truncated_pdf"), "Le PDF « pdf-tronque.pdf » est incomplet"),
        (
            "tableau.csv",
            FileStatus::Rejected,
            Some("spreadsheet_in_batch"),
            "Le fichier « tableau.csv » est un tableur : un tableur s'importe seul",
        ),
        (
            "ubl-commande.xml",
            FileStatus::Rejected,
            Some("not_cii_nor_ubl"),
            "Le XML « ubl-commande.xml » n'est ni une facture CII",
        ),
        ("ubl-facture.xml", FileStatus::New, None, ""),
        ("xml-mal-forme.xml", FileStatus::Rejected, Some("broken_xml"), "Le XML « xml-mal-forme.xml » est mal formé"),
    ];
    let seen: Vec<(&str, FileStatus, Option<&str>, &str)> = plan
        .files
        .iter()
        .map(|file| {
            let message = file.messages.first().map_or("", String::as_str);
            (file.file_name.as_str(), file.status, file.error, message)
        })
        .collect();
    assert_eq!(seen.len(), expected.len(), "{seen:#?}");
    for ((file, status, error, message), expected) in seen.iter().zip(&expected) {
        assert_eq!((*file, *status, *error), (expected.0, expected.1, expected.2), "{file}");
        assert!(message.starts_with(expected.3), "{file}: {message}");
    }
    assert_eq!((plan.new, plan.rejected_rows), (3, 7));
    let numbers: Vec<String> = desk::invoices::invoice_list(&setup.ledger, None, TODAY)
        .unwrap()
        .into_iter()
        .map(|line| line.row.invoice.number)
        .collect();
    assert_eq!(numbers, ["F2026-0104", "F2026-0103", "F2026-0120"]);
    assert_eq!(stored_documents(&setup).len(), 2);

    // The command line says the same, file by file, in French.
    let db = setup.path.clone();
    drop(setup.ledger);
    let text = stdout(&ardoise(&db, &["import", folder.path().to_str().unwrap(), "--dry-run"]));
    for line in [
        "Ligne 4 : « pdf-chiffre.pdf » : refusé.",
        "  Le PDF « pdf-chiffre.pdf » est protégé (chiffré ou par mot de passe)",
        "Ligne 7 : « tableau.csv » : refusé.",
        "Ligne 3 : « facturx-en16931.pdf » (Factur-X (PDF, factur-x.xml)), facture F2026-0104 : inchangée, gardée comme document de la facture.",
        "Essai seulement (--dry-run) : rien n'a été enregistré.",
    ] {
        assert!(text.contains(line), "{line}\n---\n{text}");
    }
}

/// Every file of `bad/` that is no e-invoice, with the error's name and the start of its French message.
const REFUSED: [(&str, &str, &str); 18] = [
    ("commande-order-x.xml", "not_cii_nor_ubl", "Le XML « commande-order-x.xml » n'est ni une facture CII"),
    ("pdf-abime.pdf", "damaged_pdf", "Le PDF « pdf-abime.pdf » est abîmé et illisible"),
    (
        "pdf-autres-pieces-jointes.pdf",
        "pdf_without_invoice",
        "Le PDF « pdf-autres-pieces-jointes.pdf » ne contient pas",
    ),
    ("pdf-bombe.pdf", "attachment_too_large", "La pièce jointe « factur-x.xml » du PDF « pdf-bombe.pdf » dépasse"),
    ("pdf-chiffre.pdf", "encrypted_pdf", "Le PDF « pdf-chiffre.pdf » est protégé"),
    ("pdf-piece-jointe-abimee.pdf", "damaged_attachment", "La pièce jointe « factur-x.xml » du PDF"),
    ("pdf-sans-facture.pdf", "pdf_without_invoice", "Le PDF « pdf-sans-facture.pdf » ne contient pas"),
    ("pdf-tronque.pdf", "truncated_pdf", "Le PDF « pdf-tronque.pdf » est incomplet"),
    ("pdf-xml-casse.pdf", "broken_xml", "Le XML « factur-x.xml » joint au PDF « pdf-xml-casse.pdf » est mal formé"),
    // An image named as a PDF: neither a PDF nor XML by its bytes, so neither a spreadsheet nor an e-invoice.
    (
        "scan-facture.pdf",
        "not_an_einvoice",
        "Le fichier « scan-facture.pdf » n'est ni un tableur (XLSX, XLS, ODS) ni un fichier texte CSV lisible, ni \
         une facture électronique",
    ),
    ("ubl-commande.xml", "not_cii_nor_ubl", "Le XML « ubl-commande.xml » n'est ni une facture CII"),
    ("vide.pdf", "empty", "Le fichier « vide.pdf » est vide."),
    ("xml-encodage-ebcdic.xml", "unsupported_encoding", "Le XML « xml-encodage-ebcdic.xml » est encodé"),
    ("xml-entites.xml", "xml_with_dtd", "Le XML « xml-entites.xml » déclare une DTD"),
    ("xml-mal-forme.xml", "broken_xml", "Le XML « xml-mal-forme.xml » est mal formé"),
    ("xml-tronque.xml", "truncated_xml", "Le XML « xml-tronque.xml » est incomplet"),
    ("xml-virement-sepa.xml", "not_cii_nor_ubl", "Le XML « xml-virement-sepa.xml » n'est ni une facture CII"),
    ("zugferd1.xml", "zugferd1", "Le XML « zugferd1.xml » est au format ZUGFeRD 1.0"),
];

#[test]
fn a_file_that_is_no_readable_e_invoice_is_refused_whole_and_the_ledger_is_unchanged() {
    let mut setup = setup();
    import_paths(&mut setup, &[fixture("valid", "facturx-en16931.pdf")]);
    let before = content(&setup.ledger);
    let files = stored_documents(&setup);
    for (file, kind, message) in REFUSED {
        let sources = import::read_sources(&[fixture("bad", file)]).unwrap();
        assert!(matches!(sources, Sources::File { .. }), "{file}");
        let options = ImportOptions { sheet: None, mapping: None, today: TODAY, expected_sha256: None };
        let error = sources.import(&mut setup.ledger, &options, false, &mut |_| {}).unwrap_err();
        assert_eq!(error.kind(), "import_file", "{file}: {error}");
        let plan_error = ardoise::import::einvoice::prepare_file(file, &std::fs::read(fixture("bad", file)).unwrap());
        assert_eq!(plan_error.map(|_| ()).unwrap_err().kind(), kind, "{file}");
        assert!(error.to_string().starts_with(message), "{file}: {error}");
    }
    assert_eq!(content(&setup.ledger), before);
    assert_eq!(stored_documents(&setup), files);

    // Through the command line: exit code 1, the message on the error output, nothing written.
    let db = setup.path.clone();
    drop(setup.ledger);
    for (file, _, message) in REFUSED {
        let output = ardoise(&db, &["import", fixture("bad", file).to_str().unwrap(), "--json"]);
        assert_eq!(output.status.code(), Some(1), "{file}");
        assert!(output.stdout.is_empty(), "{file}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with(&format!("ardoise : {message}")), "{file}: {stderr}");
    }
    let ledger = desk::ledger_file::open(&db).unwrap();
    assert_eq!(content(&ledger), before);
    assert_eq!(desk::import::imports(&ledger).unwrap().len(), 1);
}

#[test]
fn several_files_given_one_by_one_are_one_import_and_a_spreadsheet_keeps_its_report() {
    let setup = setup();
    let db = setup.path.clone();
    drop(setup.ledger);
    let pdf = fixture("valid", "facturx-en16931.pdf");
    let xml = fixture("valid", "cii-facture.xml");
    let report = stdout(&ardoise(&db, &["import", pdf.to_str().unwrap(), xml.to_str().unwrap(), "--json"]));
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["file_name"], "facturx-en16931.pdf et 1 autre(s)");
    assert_eq!(report["new"], 2);
    assert_eq!(report["files"][1]["format"], "CII (XML)");
    // A spreadsheet goes through the same command, with its one file read.
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/factures-utf8.csv");
    let report = stdout(&ardoise(&db, &["import", csv.to_str().unwrap(), "--json", "--dry-run"]));
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(
        (report["files"][0]["status"].as_str(), report["files"][0]["format"].as_str()),
        (Some("read"), Some("tableur"))
    );
    assert!(report["new"].as_u64().unwrap() > 0);
    // A folder with nothing in it is refused.
    let empty = tempfile::tempdir().unwrap();
    let output = ardoise(&db, &["import", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("ne contient aucun fichier à importer"), "{stderr}");
}

#[test]
fn a_credit_note_lowers_its_clients_balance_and_names_the_invoice_it_corrects() {
    let mut setup = setup();
    import_paths(&mut setup, &[fixture("valid", "facturx-en16931.pdf")]);
    let dupont = client_id(&setup.ledger, "Menuiserie Dupont SARL");
    let balance = |ledger: &Ledger| desk::clients::client_detail(ledger, dupont, TODAY).unwrap().summary.balance;
    assert_eq!(balance(&setup.ledger), euros("1440.00"));
    import_paths(&mut setup, &[fixture("valid", "facturx-extended-avoir.pdf")]);
    assert_eq!(balance(&setup.ledger), euros("1200.00"));
    let page = desk::clients::client_detail(&setup.ledger, dupont, TODAY).unwrap();
    let credit = page.invoices.iter().find(|line| line.row.invoice.number == "A2026-0005").unwrap();
    assert_eq!(credit.row.invoice.corrects.as_deref(), Some("F2026-0104"));
    assert_eq!(credit.row.invoice.amount, euros("-240.00"));
    let db = setup.path.clone();
    drop(setup.ledger);
    let listed = stdout(&ardoise(&db, &["invoices", "--date", "2026-04-15"]));
    let line = listed.lines().find(|line| line.starts_with("A2026-0005")).unwrap();
    assert!(line.contains("avoir, corrige la facture F2026-0104"), "{line}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&ardoise(&db, &["invoices", "--json", "--date", "2026-04-15"]))).unwrap();
    let credit = json.as_array().unwrap().iter().find(|line| line["number"] == "A2026-0005").unwrap();
    assert_eq!(credit["corrects"], "F2026-0104");
}

/// The date the letters are written on: Dupont's invoices F2026-0102, F2026-0121, F2026-0104 and
/// F2026-0113 are all overdue.
const LETTER_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 5, 20) {
    Some(date) => date,
    None => unreachable!(),
};

fn formal_notice(ledger: &Ledger, client_id: i64, invoice_ids: Vec<i64>) -> desk::letters::Letter {
    let request = desk::letter_facts::LetterRequest {
        kind: desk::letters::LetterKind::FormalNotice,
        client_id,
        date: LETTER_DAY,
        variant: String::new(),
        invoice_ids,
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    desk::letters::compose_request(ledger, &request, None).unwrap()
}

#[test]
fn a_letter_encloses_only_the_invoices_whose_document_exists_and_its_pdf_says_so() {
    let mut setup = setup();
    import_paths(&mut setup, &[valid_folder()]);
    let dupont = client_id(&setup.ledger, "Menuiserie Dupont SARL");
    let letter = formal_notice(&setup.ledger, dupont, Vec::new());
    let numbers: Vec<&str> = letter.facts.invoices.iter().map(|invoice| invoice.number.as_str()).collect();
    assert_eq!(numbers, ["F2026-0102", "F2026-0121", "F2026-0104", "F2026-0113"]);
    // F2026-0121 came as a UBL XML: no document, so no enclosure is claimed for it.
    assert_eq!(
        letter.enclosures,
        ["facture F2026-0102", "facture F2026-0104", "facture F2026-0113", "décompte des sommes dues"]
    );
    let attached = desk::invoices::documents_of(&setup.ledger, &letter).unwrap();
    let names: Vec<&str> = attached.iter().map(|document| document.file_name.as_str()).collect();
    assert_eq!(names, ["Facture F2026-0102.pdf", "Facture F2026-0104.pdf", "Facture F2026-0113.pdf"]);
    assert_eq!(attached[1].bytes, std::fs::read(fixture("valid", "facturx-en16931.pdf")).unwrap());

    // The printed letter carries the line.
    let out = setup.folder.path().join("mise-en-demeure.pdf");
    let request = desk::letter_facts::LetterRequest {
        kind: desk::letters::LetterKind::FormalNotice,
        client_id: dupont,
        date: LETTER_DAY,
        variant: String::new(),
        invoice_ids: vec![invoice_id(&setup.ledger, "F2026-0104")],
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    desk::letters::draft_and_export(&mut setup.ledger, &request, &desk::letters::ExportTarget::File(out.clone()))
        .unwrap();
    let text = folded(&pdf_text(&out));
    assert!(text.contains("Pièces jointes : facture F2026-0104 ; décompte des sommes dues"), "{text}");

    // A document whose file has gone is never claimed.
    let stored = setup.path.parent().unwrap().join("archive/factures");
    for entry in std::fs::read_dir(&stored).unwrap() {
        let path = entry.unwrap().path();
        if std::fs::read(&path).unwrap() == std::fs::read(fixture("valid", "facturx-en16931.pdf")).unwrap() {
            std::fs::remove_file(path).unwrap();
        }
    }
    let letter = formal_notice(&setup.ledger, dupont, Vec::new());
    assert_eq!(letter.enclosures, ["facture F2026-0102", "facture F2026-0113", "décompte des sommes dues"]);
    // A letter about payments received encloses nothing.
    let request = desk::letter_facts::LetterRequest {
        kind: desk::letters::LetterKind::PaymentThanks,
        client_id: dupont,
        date: LETTER_DAY,
        variant: String::new(),
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    assert!(desk::letters::compose_request(&setup.ledger, &request, None).unwrap().enclosures.is_empty());
}

#[test]
fn the_invoice_sending_says_ci_joint_only_when_every_invoice_is_enclosed() {
    let mut setup = setup();
    import_paths(&mut setup, &[valid_folder()]);
    let dupont = client_id(&setup.ledger, "Menuiserie Dupont SARL");
    let sending = |number: &str| {
        let request = desk::letter_facts::LetterRequest {
            kind: desk::letters::LetterKind::InvoiceSending,
            client_id: dupont,
            date: TODAY,
            variant: String::new(),
            invoice_ids: vec![invoice_id(&setup.ledger, number)],
            dispatch: None,
            tracking_number: String::new(),
            letter_id: None,
        };
        desk::letters::compose_request(&setup.ledger, &request, None).unwrap()
    };
    let with = sending("F2026-0104");
    assert!(
        with.body.contains("Merci pour votre commande. Vous trouverez ci-joint la facture correspondante :"),
        "{}",
        with.body
    );
    assert_eq!(with.enclosures, ["facture F2026-0104"]);
    let without = sending("F2026-0121");
    assert!(without.body.contains("Merci pour votre commande. Voici le détail de votre facture :"), "{}", without.body);
    assert!(without.enclosures.is_empty());
}

#[test]
fn the_batch_prints_each_letter_followed_by_the_invoices_it_encloses_when_asked() {
    let mut setup = setup();
    import_paths(&mut setup, &[valid_folder()]);
    let dupont = client_id(&setup.ledger, "Menuiserie Dupont SARL");
    let kind = desk::letters::LetterKind::FormalNotice;
    let pages_of = |fixture_name: &str| pdf_pages(&fixture("valid", fixture_name));
    let enclosed_pages =
        pages_of("facturx-basic-wl.pdf") + pages_of("facturx-en16931.pdf") + pages_of("facturx-en16931-40-lignes.pdf");
    assert_eq!(enclosed_pages, 4);

    // The kind's usual invoices, as the client page ticks them.
    let usual: Vec<i64> = desk::letters::draft_choices(&setup.ledger, dupont, kind, LETTER_DAY)
        .unwrap()
        .into_iter()
        .filter(|choice| choice.preselected)
        .map(|choice| choice.id)
        .collect();
    // Without the option: the letter alone.
    let plain = setup.folder.path().join("sans");
    desk::letters::draft_for_client(&mut setup.ledger, dupont, kind, LETTER_DAY, &usual).unwrap();
    let files = desk::letters::export_batch(&mut setup.ledger, LETTER_DAY, &plain, true, false, |_, _| ()).unwrap();
    let letter_pages = pdf_pages(&files[0]);
    // With it, one file per letter: the letter, then each enclosed invoice's pages.
    desk::letters::draft_for_client(&mut setup.ledger, dupont, kind, LETTER_DAY, &usual).unwrap();
    let each = setup.folder.path().join("chacun");
    let files = desk::letters::export_batch(&mut setup.ledger, LETTER_DAY, &each, false, true, |_, _| ()).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(pdf_pages(&files[0]), letter_pages + enclosed_pages);
    let text = pdf_text(&files[0]);
    let letter_end = text.find("Pièces jointes").expect("the enclosures line");
    let invoice = text.find("FACTURE N° F2026-0104").expect("the invoice's own page");
    assert!(letter_end < invoice, "the invoices come after the letter");
    // And in one PDF for one print job.
    desk::letters::draft_for_client(&mut setup.ledger, dupont, kind, LETTER_DAY, &usual).unwrap();
    let single = setup.folder.path().join("un-seul");
    let files = desk::letters::export_batch(&mut setup.ledger, LETTER_DAY, &single, true, true, |_, _| ()).unwrap();
    assert_eq!(pdf_pages(&files[0]), letter_pages + enclosed_pages);
    assert!(pdf_text(&files[0]).contains("FACTURE N° F2026-0102"));
    // Ghostscript renders every page, the copied ones included.
    let rendered = Command::new("gs")
        .args(["-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=nullpage"])
        .arg(&files[0])
        .output()
        .expect("ghostscript");
    assert!(rendered.status.success() && rendered.stderr.is_empty(), "{}", String::from_utf8_lossy(&rendered.stderr));
}

#[test]
fn the_court_dossier_includes_the_claimed_invoices_documents() {
    let mut setup = setup();
    import_paths(&mut setup, &[valid_folder()]);
    let dupont = client_id(&setup.ledger, "Menuiserie Dupont SARL");
    let dossier = desk::dossier::build(&setup.ledger, dupont, LETTER_DAY, setup.folder.path()).unwrap();
    let copies: Vec<&str> =
        dossier.files.iter().filter(|file| file.starts_with("Factures/")).map(String::as_str).collect();
    assert_eq!(
        copies,
        ["Factures/Facture F2026-0102.pdf", "Factures/Facture F2026-0104.pdf", "Factures/Facture F2026-0113.pdf"]
    );
    assert_eq!(
        std::fs::read(dossier.folder.join("Factures/Facture F2026-0104.pdf")).unwrap(),
        std::fs::read(fixture("valid", "facturx-en16931.pdf")).unwrap()
    );
    let sheet = folded(&pdf_text(&dossier.folder.join("03 Fiche injonction de payer.pdf")));
    assert!(
        sheet.contains(
            "Pièces : les factures F2026-0102, F2026-0104, F2026-0113 (dossier « Factures » ; joignez les autres, \
             dont Ardoise ne garde pas de copie)"
        ),
        "{sheet}"
    );
}

#[test]
fn an_invoice_is_given_a_pdf_by_hand_and_what_cannot_be_enclosed_is_refused() {
    let mut setup = setup();
    import_paths(&mut setup, &[valid_folder()]);
    let db = setup.path.clone();
    let before = content(&setup.ledger);
    drop(setup.ledger);
    let attach = |file: PathBuf| {
        ardoise(&db, &["invoice-document", "--invoice", "F2026-0121", "--file", file.to_str().unwrap()])
    };
    // (file, start of the refusal)
    let refused = [
        (fixture("bad", "tableau.csv"), "« tableau.csv » n'est pas un PDF"),
        (fixture("bad", "pdf-chiffre.pdf"), "Le PDF « pdf-chiffre.pdf » est protégé (chiffré ou par mot de passe)"),
        (fixture("bad", "pdf-abime.pdf"), "Le PDF « pdf-abime.pdf » est abîmé ou incomplet"),
        (
            fixture("valid", "facturx-basic.pdf"),
            "« facturx-basic.pdf » est la facture électronique n° F2026-0103, pas la facture F2026-0121",
        ),
    ];
    for (file, message) in refused {
        let output = attach(file.clone());
        assert_eq!(output.status.code(), Some(1), "{}", file.display());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{}: {stderr}", file.display());
    }
    let setup = Setup { ledger: desk::ledger_file::open(&db).unwrap(), ..setup };
    assert_eq!(content(&setup.ledger), before);
    drop(setup.ledger);

    let text = stdout(&attach(fixture("bad", "pdf-sans-facture.pdf")));
    assert!(text.starts_with("« pdf-sans-facture.pdf » est le document de la facture F2026-0121"), "{text}");
    let shown = stdout(&ardoise(&db, &["invoice-document", "--invoice", "F2026-0121"]));
    assert!(shown.contains("« pdf-sans-facture.pdf »") && shown.trim_end().ends_with("intact."), "{shown}");
    let mut setup = Setup { ledger: desk::ledger_file::open(&db).unwrap(), ..setup };
    assert_eq!(stored_documents(&setup).len(), 13);
    let dupont = client_id(&setup.ledger, "Menuiserie Dupont SARL");
    let letter = formal_notice(&setup.ledger, dupont, vec![invoice_id(&setup.ledger, "F2026-0121")]);
    assert_eq!(letter.enclosures, ["facture F2026-0121", "décompte des sommes dues"]);

    // The import created that invoice: undoing it would delete the document the user gave since.
    let error = desk::import::undo_last_import(&mut setup.ledger).unwrap_err();
    assert!(error.to_string().starts_with("Le document de la facture F2026-0121 a été changé depuis cet import"));

    // Taken away, the document's file goes, and the import can be undone again.
    let removed = stdout(&ardoise(&db, &["invoice-document", "--invoice", "F2026-0121", "--remove"]));
    assert_eq!(removed, "Document « pdf-sans-facture.pdf » retiré de la facture F2026-0121.\n");
    assert_eq!(stored_documents(&setup).len(), 12);
    desk::import::undo_last_import(&mut setup.ledger).unwrap();
    assert_eq!(stored_documents(&setup), Vec::new());
}

#[test]
fn an_import_whose_document_was_replaced_by_hand_since_cannot_be_undone() {
    // What broke nothing before documents: an undo would have put the import's PDF back over the user's.
    let mut setup = setup();
    import_paths(&mut setup, &[fixture("valid", "facturx-en16931.pdf")]);
    let id = invoice_id(&setup.ledger, "F2026-0104");
    let scan = std::fs::read(fixture("bad", "pdf-sans-facture.pdf")).unwrap();
    desk::invoices::attach_document(&mut setup.ledger, id, "scan signé.pdf", &scan).unwrap();
    let before = content(&setup.ledger);
    let error = desk::import::undo_last_import(&mut setup.ledger).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Le document de la facture F2026-0104 a été changé depuis cet import : l'import ne peut plus être annulé. \
         Rien n'a été modifié."
    );
    assert_eq!(content(&setup.ledger), before);
    // The import's PDF, which nothing names any more, is gone; the scan stays with its invoice.
    assert_eq!(stored_documents(&setup).len(), 1);
    let document = desk::invoices::remove_document(&mut setup.ledger, id).unwrap().unwrap();
    assert_eq!(document.file_name, "scan signé.pdf");
    assert_eq!(stored_documents(&setup), Vec::new());
}

/// `import <e-invoice> --json` said `"payment_date_column": "Date de règlement"`, and the window « Les
/// règlements sont datés par la colonne « Date de règlement » »: no e-invoice has that column. Its
/// payments are dated as those of a spreadsheet without it.
#[test]
fn an_e_invoice_import_names_no_payment_date_column() {
    let mut setup = setup();
    let (plan, _) = import_paths(&mut setup, &[valid_folder()]);
    assert_eq!(plan.payment_date_column, None);
}

#[test]
fn the_invoices_documents_travel_with_the_whole_ledger_bundle() {
    let mut setup = setup();
    import_paths(&mut setup, &[valid_folder()]);
    let bundle = setup.folder.path().join("registre.ardoise.zip");
    desk::ledger_file::bundle(&setup.ledger, &bundle).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("ardoise.sqlite3");
    desk::ledger_file::unbundle(&bundle, &path).unwrap();
    let moved = desk::ledger_file::open(&path).unwrap();
    let documents = desk::invoices::documents(&moved, None).unwrap();
    assert_eq!(documents.len(), 12);
    assert!(documents.iter().all(|state| state.integrity == desk::invoices::Integrity::Intact), "{documents:?}");
    let dupont = client_id(&moved, "Menuiserie Dupont SARL");
    assert_eq!(formal_notice(&moved, dupont, Vec::new()).facts.documents.len(), 3);
}

/// A client created from an e-invoice that gave only its name kept its blanks when a later e-invoice gave
/// its SIRET, e-mail and address. The blanks are filled, what the user wrote is never replaced, the row's
/// notes say what was filled, and the undo empties them again.
#[test]
fn a_later_e_invoice_fills_the_blank_fields_of_its_client_and_never_replaces_one() {
    let mut setup = setup();
    let full = std::fs::read_to_string(fixture("valid", "ubl-facture.xml")).unwrap();
    let buyer_start = full.find("<cac:AccountingCustomerParty>").unwrap();
    let buyer_end = full.find("</cac:AccountingCustomerParty>").unwrap() + "</cac:AccountingCustomerParty>".len();
    let name_only = format!(
        "{}<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Cabinet Roux \
         Architectes</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>{}",
        &full[..buyer_start],
        &full[buyer_end..]
    );
    let folder = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("premiere.xml", name_only),
        ("seconde.xml", full.replace("<cbc:ID>F2026-0120</cbc:ID>", "<cbc:ID>F2026-0121</cbc:ID>")),
        ("troisieme.xml", full.replace("<cbc:ID>F2026-0120</cbc:ID>", "<cbc:ID>F2026-0122</cbc:ID>")),
    ] {
        std::fs::write(folder.path().join(name), text).unwrap();
    }
    let (plan, _) = import_paths(&mut setup, &[folder.path().join("premiere.xml")]);
    assert_eq!(plan.new, 1, "{:?}", plan.rejected);
    let roux = client_id(&setup.ledger, "Cabinet Roux Architectes");
    let client = setup.ledger.client(roux).unwrap();
    assert_eq!((client.fields.email.as_str(), client.fields.siren_siret.as_str()), ("", ""));
    assert_eq!(client.fields.address.town, "");
    // The user writes the e-mail they know.
    let mut corrected = client.fields.clone();
    corrected.email = "compta@roux-architectes.fr".into();
    desk::clients::save_client(&mut setup.ledger, Some(roux), &corrected).unwrap();
    let before = content(&setup.ledger);

    let (plan, record) = import_paths(&mut setup, &[folder.path().join("seconde.xml")]);
    assert!(record.is_some());
    let filled = setup.ledger.client(roux).unwrap().fields;
    assert_eq!(filled.email, "compta@roux-architectes.fr", "what the user wrote stays");
    assert_eq!(filled.siren_siret, "79012345900014");
    assert_eq!(
        (filled.address.street.as_str(), filled.address.postcode.as_str(), filled.address.town.as_str()),
        ("8 quai Saint-Vincent", "69001", "LYON")
    );
    let row = plan.rows.iter().find(|row| row.number == "F2026-0121").unwrap();
    let note = row.notes.iter().find(|note| note.starts_with("Fiche client complétée")).expect("a note");
    assert!(note.contains("SIREN/SIRET « 79012345900014 »") && note.contains("adresse"), "{note}");
    assert!(!note.contains("E-mail"), "{note}");
    assert_eq!(plan.client_updates.len(), 1);
    assert_eq!(plan.client_updates[0].client_id, roux);

    // A third invoice finds nothing left to fill.
    let (plan, _) = import_paths(&mut setup, &[folder.path().join("troisieme.xml")]);
    assert!(plan.client_updates.is_empty());
    assert!(plan.rows.iter().all(|row| row.notes.iter().all(|note| !note.starts_with("Fiche client"))));

    // Undone, the client's blanks are blank again, exactly.
    setup.ledger.undo_last_import().unwrap();
    setup.ledger.undo_last_import().unwrap();
    assert_eq!(content(&setup.ledger), before);

    // Filled again, then a line of the filled address corrected by hand: the undo keeps the user's address
    // whole, and empties the SIRET nobody touched.
    import_paths(&mut setup, &[folder.path().join("seconde.xml")]);
    let mut edited = setup.ledger.client(roux).unwrap().fields;
    edited.address.street = "10 quai Saint-Vincent".into();
    desk::clients::save_client(&mut setup.ledger, Some(roux), &edited).unwrap();
    setup.ledger.undo_last_import().unwrap();
    let kept = setup.ledger.client(roux).unwrap().fields;
    assert_eq!(
        (kept.siren_siret.as_str(), kept.address.street.as_str(), kept.address.town.as_str()),
        ("", "10 quai Saint-Vincent", "LYON")
    );
    assert_eq!(kept.email, "compta@roux-architectes.fr");
}
