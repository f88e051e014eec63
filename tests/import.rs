//! Import from spreadsheets (F2) through the public API and the command line: every fixture format and
//! encoding, the bad files (each with its French message and the ledger file unchanged byte for byte),
//! re-import, the update case, undo, client matching, due dates from terms, payments and credit notes.

use ardoise::desk::import::{import_file, preview, ImportRequest};
use ardoise::desk::Error;
use ardoise::domain::model::{ClientFields, ClientKind};
use ardoise::import::{ColumnMapping, Field, ImportPlan, PlannedRow};
use ardoise::ledger::ImportRecord;
use ardoise::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 22) {
    Some(date) => date,
    None => unreachable!(),
};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import").join(name)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).unwrap()
}

fn euros(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// Imports a fixture (or only previews it) as the command line does.
fn import_bytes(
    ledger: &mut Ledger,
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    mapping: Option<&ColumnMapping>,
    dry_run: bool,
) -> Result<(ImportPlan, Option<ImportRecord>), Error> {
    let request = ImportRequest { file_name: name, bytes, sheet, mapping, today: TODAY, expected_sha256: None };
    import_file(ledger, &request, dry_run, &mut |_| {})
}

fn import(ledger: &mut Ledger, name: &str) -> (ImportPlan, Option<ImportRecord>) {
    let bytes = std::fs::read(data(name)).unwrap();
    import_bytes(ledger, name, &bytes, None, None, false).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn row<'a>(plan: &'a ImportPlan, number: &str) -> &'a PlannedRow {
    plan.rows.iter().find(|row| row.number == number).unwrap_or_else(|| panic!("no row {number}"))
}

/// The business tables of the ledger, compared before and after: the import history itself is left out
/// (an undone import stays in it, marked undone).
fn content(ledger: &Ledger) -> serde_json::Value {
    let mut export = serde_json::to_value(ledger.export().unwrap()).unwrap();
    let tables = export["tables"].as_object_mut().unwrap();
    for history in ["imports", "import_changes", "import_mappings"] {
        tables.remove(history);
    }
    export
}

fn balance_of(ledger: &Ledger, name: &str) -> Decimal {
    let clients = ardoise::desk::clients::client_list(ledger, TODAY).unwrap();
    clients.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no client {name}")).balance
}

#[test]
fn every_format_and_encoding_is_read_with_its_values() {
    // (file, new rows, skipped rows, number, client, issue date, due date, amount, object)
    let cases = [
        (
            "factures-utf8.csv",
            10,
            0,
            "FG26-005",
            "Restaurant Le Pré Fleuri SARL",
            "2026-10-06",
            "2026-11-05",
            "936.60",
            "Menus et cartes",
        ),
        ("invoices-utf8-bom.csv", 4, 0, "INV-0104", "Studio Crème Brûlée", "2026-11-02", "2026-12-02", "-45.00", ""),
        ("invoices-utf8-bom.csv", 4, 0, "INV-0103", "Boulangerie Martin", "2026-10-20", "2026-11-19", "2400.00", ""),
        (
            "factures-windows-1252.csv",
            3,
            0,
            "2026-033",
            "Hôtel de la Gare",
            "2026-11-22",
            "2026-12-22",
            "1234.56",
            "Plaquette été",
        ),
        (
            "factures-iso-8859-15.tsv",
            2,
            0,
            "R-501",
            "Œuvres Sociales de l'Hôpital",
            "2026-10-01",
            "2026-10-31",
            "2750.00",
            "Rapport annuel",
        ),
        (
            "objet-multiligne.csv",
            2,
            0,
            "M-01",
            "Menuiserie \"Au Chêne\"",
            "2026-11-22",
            "2026-12-22",
            "540.00",
            "Maquette, 3 pages ;\nrelecture comprise",
        ),
        ("reglements.csv", 4, 1, "P-204", "Boulangerie Martin", "2026-10-10", "2026-11-09", "-80.00", ""),
        (
            "export-excel-titre-total.xlsx",
            6,
            1,
            "X-2026-104",
            "Sophie Lefèvre",
            "2026-10-21",
            "2026-11-20",
            "345.99",
            "Album photo",
        ),
        (
            "export-excel-titre-total.xlsx",
            6,
            1,
            "X-2026-103",
            "Hôtel de la Gare",
            "2026-10-07",
            "2026-11-06",
            "96.00",
            "Cartes de visite",
        ),
        (
            "classeur-libreoffice.ods",
            6,
            1,
            "X-2026-105",
            "Cabinet Dubois & Associés",
            "2026-11-04",
            "2026-12-04",
            "1234.56",
            "Papeterie",
        ),
        (
            "ancien-format.xls",
            6,
            1,
            "X-2026-106",
            "Garage du Centre",
            "2026-11-10",
            "2026-11-10",
            "-60.00",
            "Avoir remise",
        ),
        ("dates-serie-excel.xlsx", 4, 0, "S-04", "Studio Lumen", "2026-11-22", "2026-12-22", "12.30", ""),
        ("dates-serie-excel.xlsx", 4, 0, "S-01", "Traiteur Bonnet", "2026-10-01", "2026-10-31", "1500.00", ""),
    ];
    for (file, new, skipped, number, client, issue, due, amount, object) in cases {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let (plan, record) = import(&mut ledger, file);
        assert_eq!((plan.new, plan.skipped, plan.rejected_rows), (new, skipped, 0), "{file}: {:?}", plan.rejected);
        assert!(record.is_some(), "{file}");
        let planned = row(&plan, number);
        assert_eq!(planned.client_name, client, "{file}");
        let stored = ledger.invoice_by_number(number).unwrap().unwrap().invoice;
        assert_eq!(
            (stored.issue_date, stored.due_date, stored.amount, stored.object.as_str()),
            (day(issue), day(due), euros(amount), object),
            "{file} {number}"
        );
        let stored_client = ledger.client(stored.client_id).unwrap().fields;
        let written = [stored_client.company_name, stored_client.first_name, stored_client.last_name].join(" ");
        assert_eq!(written.trim(), client, "{file}");
    }
}

#[test]
fn a_workbook_with_several_sheets_lists_them_and_reads_the_one_chosen() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let bytes = std::fs::read(data("export-excel-titre-total.xlsx")).unwrap();
    let (plan, _) = import_bytes(&mut ledger, "export.xlsx", &bytes, None, None, true).unwrap();
    assert_eq!(plan.sheets, ["Factures 2026", "Notes"]);
    assert_eq!(plan.source.sheet.as_deref(), Some("Factures 2026"));
    assert_eq!(plan.mapping.header_row, 5, "the header is found below the title block");
    let error = import_bytes(&mut ledger, "export.xlsx", &bytes, Some("Notes"), None, true).unwrap_err();
    assert!(error.to_string().starts_with("Aucune ligne d'en-tête reconnue"), "{error}");
    let error = import_bytes(&mut ledger, "export.xlsx", &bytes, Some("2025"), None, true).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Le classeur « export.xlsx » n'a pas de feuille « 2025 ». Feuilles : « Factures 2026 », « Notes »."
    );
}

/// Every bad file and the message its user reads: the whole-file message, or the first rejected row.
const BAD_FILES: &[(&str, &str)] = &[
    (
        "archive-zip.xlsx",
        "Le classeur « archive-zip.xlsx » est illisible (détail technique : archive ZIP sans les fichiers d'un \
         classeur)",
    ),
    ("avoir-avec-reglement.csv", "Ligne 2, colonne « Payé » : un avoir ne peut pas recevoir de règlement"),
    ("client-vide.csv", "Ligne 2, colonne « Client » : nom du client vide"),
    ("colonnes-manquantes.csv", "il faut au moins les colonnes « Montant TTC »"),
    ("date-29-fevrier.csv", "Ligne 2, colonne « Date » : date illisible « 29/02/2026 »"),
    ("date-impossible.csv", "Ligne 2, colonne « Échéance » : date illisible « 31/02/2026 »"),
    ("date-incomplete.csv", "Ligne 2, colonne « Date » : date illisible « 22/11 »"),
    ("date-invraisemblable.csv", "Ligne 2, colonne « Date » : date invraisemblable « 22/11/2206 »"),
    ("date-mois-13.csv", "Ligne 2, colonne « Date » : date illisible « 22/13/2026 »"),
    ("date-mois-inconnu.csv", "Ligne 2, colonne « Date » : date illisible « 22 brumaire 2026 »"),
    ("date-texte.csv", "Ligne 2, colonne « Date » : date illisible « demain »"),
    ("date-vide.csv", "Ligne 2, colonne « Date » : date vide"),
    ("echeance-31-avril.csv", "Ligne 2, colonne « Échéance » : date illisible « 31/04/2026 »"),
    (
        "echeance-avant-date.csv",
        "Ligne 2, colonne « Échéance » : échéance « 01/11/2026 » antérieure à la date de facture",
    ),
    ("entete-seule.csv", "Le fichier « entete-seule.csv » ne contient aucune ligne de facture"),
    // Found by the xlsx fuzz target: malformed sheet XML hiding a cell beyond Excel's limits.
    ("fuzz-feuille-malformee.xlsx", "Le classeur « fuzz-feuille-malformee.xlsx » est illisible"),
    // Found by the ods fuzz target: a table never closed, which calamine read forever.
    ("fuzz-ods-incomplet.ods", "Le classeur « fuzz-ods-incomplet.ods » est illisible"),
    (
        "fuzz-ods-lignes-repetees.ods",
        "Une feuille du classeur « fuzz-ods-lignes-repetees.ods » s'étend sur 8\u{a0}388\u{a0}592 cellules de sa \
         première valeur à sa dernière (au plus 5\u{a0}000\u{a0}000 sont lues)",
    ),
    // Found by the xlsx fuzz target: a cell reference whose row number overflows inside calamine.
    ("fuzz-reference-enorme.xlsx", "Le classeur « fuzz-reference-enorme.xlsx » est illisible"),
    // Found by the xlsx fuzz target: a cell named beyond Excel's limits, which made calamine abort.
    ("fuzz-reference-hors-limites.xlsx", "Le classeur « fuzz-reference-hors-limites.xlsx » est illisible"),
    (
        "fuzz-textes-partages-demesures.xlsx",
        "Le classeur « fuzz-textes-partages-demesures.xlsx » est illisible (détail technique : table des textes \
         partagés annonçant plus de 5 millions de textes)",
    ),
    (
        "image-renommee.csv",
        "Le fichier « image-renommee.csv » n'est ni un tableur (XLSX, XLS, ODS) ni un fichier texte CSV",
    ),
    ("lignes-blanches.csv", "Le fichier « lignes-blanches.csv » ne contient aucune ligne de facture"),
    ("montant-double-signe.csv", "Ligne 2, colonne « Montant TTC » : montant illisible « --5,00 »"),
    ("montant-groupes-faux.csv", "Ligne 2, colonne « Montant TTC » : montant illisible « 1 23.4,5 »"),
    ("montant-illisible.csv", "Ligne 2, colonne « Montant TTC » : montant illisible « cent euros »"),
    ("montant-nul.csv", "Ligne 2, colonne « Montant TTC » : montant nul « 0,00 € »"),
    ("montant-separateurs.csv", "Ligne 2, colonne « Montant TTC » : montant illisible « 12,3,4 »"),
    (
        "montant-trois-decimales.csv",
        "Ligne 2, colonne « Montant TTC » : montant avec plus de deux décimales « 12,345 »",
    ),
    ("montant-trop-grand.csv", "Ligne 2, colonne « Montant TTC » : montant trop grand « 2 000 000 000,00 € »"),
    ("montant-vide.csv", "Ligne 2, colonne « Montant TTC » : montant vide"),
    ("numero-vide.csv", "Ligne 2, colonne « N° facture » : numéro de facture vide"),
    // calamine's words (« Zip error: InvalidArchive("Could not find EOCD") ») said in French.
    (
        "ods-tronque.ods",
        "Le classeur « ods-tronque.ods » est illisible (détail technique : archive ZIP sans sa fin, le fichier a \
         sans doute été coupé)",
    ),
    ("paye-superieur.csv", "Ligne 2, colonne « Payé » : montant payé « 150,00 » hors de 0 et du montant de la facture"),
    ("reste-negatif.csv", "Ligne 2, colonne « Reste dû » : reste dû « -5,00 » hors de 0 et du montant de la facture"),
    ("sans-entete.csv", "Aucune ligne d'en-tête reconnue dans les 30 premières lignes"),
    (
        "tronque.xlsx",
        "Le classeur « tronque.xlsx » est illisible (détail technique : archive ZIP sans sa fin, le fichier a sans \
         doute été coupé)",
    ),
    ("utf16-sans-bom.csv", "Le fichier « utf16-sans-bom.csv » n'est ni un tableur"),
    ("vide.csv", "Le fichier « vide.csv » est vide."),
    (
        "xls-abime.xls",
        "Le classeur « xls-abime.xls » est illisible (détail technique : structure interne d'un fichier XLS abîmée \
         ou incomplète)",
    ),
];

fn file_hash(path: &Path) -> String {
    ardoise::domain::digest::sha256_hex(&std::fs::read(path).unwrap())
}

/// The message a user reads for a file: the refusal of the whole file, or the first refused row.
fn message_for(ledger: &mut Ledger, name: &str, bytes: &[u8]) -> String {
    match import_bytes(ledger, name, bytes, None, None, false) {
        Err(error) => error.to_string(),
        Ok((plan, record)) => {
            assert!(record.is_none(), "{name}: nothing may be written");
            assert_eq!(plan.new + plan.updated, 0, "{name}");
            plan.rejected.first().map(ToString::to_string).unwrap_or_else(|| panic!("{name}: no message"))
        }
    }
}

#[test]
fn bad_files_give_their_french_message_and_leave_the_ledger_file_unchanged() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    let mut ledger = Ledger::open(&path).unwrap();
    import(&mut ledger, "factures-utf8.csv");
    ledger.checkpoint().unwrap();
    let before = file_hash(&path);
    let mut listed: Vec<String> = std::fs::read_dir(data("bad"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let named: Vec<&str> = BAD_FILES.iter().map(|(name, _)| *name).collect();
    assert_eq!(listed, named, "every bad file has its expected message");
    assert!(BAD_FILES.len() >= 30);
    for (name, expected) in BAD_FILES {
        let bytes = std::fs::read(data("bad").join(name)).unwrap();
        let message = message_for(&mut ledger, name, &bytes);
        assert!(message.contains(expected), "{name}: {message}");
        ledger.checkpoint().unwrap();
        assert_eq!(file_hash(&path), before, "{name} changed the ledger file");
    }
    // Generated rather than committed: a 10 MB cell and a row of 20,000 columns.
    let mut huge_cell = b"N\xc2\xb0 facture;Client;Date;Montant TTC;Objet\r\nH-1;Garage;01/10/2026;100,00;".to_vec();
    huge_cell.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    let message = message_for(&mut ledger, "cellule-10-mo.csv", &huge_cell);
    assert_eq!(
        message,
        "Ligne 2 : une cellule contient 10485760 caractères (au plus 100000 sont lus). Ce fichier n'est sans doute \
         pas un export de factures."
    );
    let wide = format!("N° facture;Client;Date;Montant TTC\r\nW-1;Garage;01/10/2026;100{}\r\n", ";1".repeat(19_996));
    let message = message_for(&mut ledger, "20000-colonnes.csv", wide.as_bytes());
    assert_eq!(
        message,
        "Ligne 2 : 20000 colonnes. Un export de factures en a au plus 1000 ; ce fichier n'en est sans doute pas un."
    );
    ledger.checkpoint().unwrap();
    assert_eq!(file_hash(&path), before);
}

/// A wrong value about the client is no longer a bad file (issue 14): the invoice is imported, the value
/// left out and named in a warning.
#[test]
fn a_wrong_client_siret_or_email_is_a_warning_and_the_invoice_is_imported() {
    let cases = [
        (
            "client-siret-invalide.csv",
            "Ligne 2, client « Garage du Centre », colonne « SIRET » : SIRET « 12345678901234 » invalide : la clé \
             de contrôle ne correspond pas. Vérifiez les chiffres. Valeur laissée de côté.",
        ),
        (
            "client-email-invalide.csv",
            "Ligne 2, client « Garage du Centre », colonne « E-mail » : adresse e-mail « garage.centre.fr » \
             invalide (exemple : nom@domaine.fr). Valeur laissée de côté.",
        ),
    ];
    for (name, warning) in cases {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let (plan, record) = import(&mut ledger, name);
        assert!(record.is_some(), "{name}");
        assert_eq!((plan.new, plan.rejected_rows), (1, 0), "{name}");
        let warnings: Vec<String> = plan.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings, [warning], "{name}");
        let client = &ardoise::desk::clients::client_list(&ledger, TODAY).unwrap()[0];
        assert_eq!(client.name, "Garage du Centre");
    }
}

/// A SIRET with a wrong key was left out, and with it the only sign that « Pressing des Halles » is a
/// business: it was created as a consumer, whose letters drop the 40 € indemnity and change the law cited.
#[test]
fn a_client_whose_siret_is_left_out_as_wrong_is_still_a_business() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let (plan, _) = import(&mut ledger, "suivi-premier-import.csv");
    assert_eq!((plan.new, plan.rejected_rows, plan.warnings.len()), (4, 0, 2));
    let kinds: Vec<(String, ardoise::domain::model::ClientKind)> = ledger
        .clients()
        .unwrap()
        .into_iter()
        .map(|client| (client.fields.display_name(), client.fields.kind))
        .collect();
    use ardoise::domain::model::ClientKind::{Consumer, Professional};
    assert_eq!(
        kinds,
        [
            ("Atelier Roux".to_string(), Professional),
            ("Mme Lucie FABRE".to_string(), Consumer),
            ("Pressing des Halles".to_string(), Professional)
        ]
    );
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let (first, record) = import(&mut ledger, "factures-utf8.csv");
    assert_eq!((first.new, first.updated, first.unchanged), (10, 0, 0));
    assert!(record.is_some());
    let after_first = content(&ledger);
    let (again, record) = import(&mut ledger, "factures-utf8.csv");
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 10));
    assert!(record.is_none(), "nothing to write, not even a history line");
    assert_eq!(content(&ledger), after_first);
    assert_eq!(ledger.imports().unwrap().len(), 1);
}

#[test]
fn a_newer_export_updates_amounts_payments_and_due_dates_without_duplicates() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    import(&mut ledger, "factures-utf8.csv");
    assert_eq!(ledger.invoice_by_number("FG26-004").unwrap().unwrap().paid, euros("300"));
    let (plan, record) = import(&mut ledger, "factures-utf8-v2.csv");
    assert_eq!((plan.new, plan.updated, plan.unchanged, plan.rejected_rows), (1, 4, 6, 0));
    let changes = |number: &str| -> Vec<(String, String, String)> {
        row(&plan, number).changes.iter().map(|c| (c.label.to_string(), c.before.clone(), c.after.clone())).collect()
    };
    let owned = |items: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        items.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect()
    };
    assert_eq!(
        changes("FG26-003"),
        owned(&[("Montant TTC", "2 400,00 €", "2 520,00 €"), ("Montant HT", "2 000,00 €", "2 100,00 €")])
    );
    assert_eq!(changes("FG26-005"), owned(&[("Échéance", "05/11/2026", "20/11/2026")]));
    assert_eq!(changes("FG26-004"), owned(&[("Payé", "300,00 €", "600,00 €")]));
    assert_eq!(changes("FG26-001"), owned(&[("Payé", "0,00 €", "500,00 €")]));
    assert!(record.is_some());
    assert_eq!(ledger.invoice_rows(None, TODAY).unwrap().len(), 11, "no duplicate");
    let invoice = |number: &str| ledger.invoice_by_number(number).unwrap().unwrap();
    assert_eq!(invoice("FG26-003").invoice.amount, euros("2520"));
    assert_eq!(invoice("FG26-005").invoice.due_date, day("2026-11-20"));
    assert_eq!(invoice("FG26-004").paid, euros("600"));
    assert_eq!(invoice("FG26-001").paid, euros("500"));
    // The payment recorded for the difference is allocated to its invoice alone, dated the import day.
    let payments = ledger.payments(invoice("FG26-001").invoice.client_id).unwrap();
    let payment = payments.iter().find(|p| p.amount == euros("500")).unwrap();
    assert_eq!(payment.date, TODAY);
    assert_eq!(payment.allocations.len(), 1);
    assert_eq!(payment.allocations[0].invoice_id, invoice("FG26-001").invoice.id);
    // And importing the newer file again changes nothing.
    let (again, record) = import(&mut ledger, "factures-utf8-v2.csv");
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 11));
    assert!(record.is_none());
}

/// The ledger file's indexes (name and definition) and SQLite's verdict on its integrity.
fn indexes_and_integrity(path: &Path) -> (Vec<(String, String)>, String) {
    let connection = rusqlite::Connection::open(path).unwrap();
    let indexes = connection
        .prepare("SELECT name, COALESCE(sql, '') FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let integrity = connection.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    (indexes, integrity)
}

/// An import of more rows than one statement writes, and than the ledger holds (150 invoices, a third of
/// them paid, on a ledger that already holds invoices and payments, some deleted): every invoice lands
/// with its own values and client, every payment on its own invoice, the indexes built again after the
/// rows are the schema's and agree with the tables, and the undo takes back exactly that.
#[test]
fn a_long_file_is_written_row_for_row_and_undone_whole() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    let mut ledger = Ledger::open(&path).unwrap();
    ardoise::desk::demo::populate(&mut ledger, TODAY).unwrap();
    // A gap below the largest id: fewer invoices than the largest id, which new ids must not meet.
    let demo_rows = ledger.invoice_rows(None, TODAY).unwrap();
    let deleted = demo_rows.iter().filter(|row| ledger.delete_invoice(row.invoice.id).is_ok()).count();
    assert!(deleted > 0);
    let before = content(&ledger);
    let schema_before = indexes_and_integrity(&path);
    assert_eq!(schema_before.1, "ok");
    assert!(schema_before.0.iter().any(|(name, _)| name == "invoices_by_client"));
    let mut text = String::from("N° facture;Date;Client;E-mail;Montant TTC;Payé\r\n");
    for i in 0..150 {
        let paid = if i % 3 == 0 { format!("{},{:02}", 100 + i, i % 100) } else { "0,00".into() };
        text.push_str(&format!(
            "L-{i:03};{:02}/10/2026;Client long {};long{}@example.fr;{},{:02};{paid}\r\n",
            1 + i % 28,
            i % 7,
            i % 7,
            100 + i,
            i % 100
        ));
    }
    let (plan, record) = import_bytes(&mut ledger, "long.csv", text.as_bytes(), None, None, false).unwrap();
    assert_eq!((plan.new, plan.rejected_rows, plan.new_clients.len()), (150, 0, 7));
    assert!(record.is_some());
    let mut payments_seen = 0;
    for i in 0..150 {
        let row = ledger.invoice_by_number(&format!("L-{i:03}")).unwrap().unwrap();
        let amount = euros(&format!("{}.{:02}", 100 + i, i % 100));
        assert_eq!(row.invoice.amount, amount, "L-{i:03}");
        assert_eq!(row.invoice.issue_date, NaiveDate::from_ymd_opt(2026, 10, 1 + i % 28).unwrap());
        let client = ledger.client(row.invoice.client_id).unwrap();
        assert_eq!(client.fields.email, format!("long{}@example.fr", i % 7), "L-{i:03}");
        let payments = ledger.payments(row.invoice.client_id).unwrap();
        let own: Vec<_> = payments
            .iter()
            .filter(|payment| payment.allocations.iter().any(|a| a.invoice_id == row.invoice.id))
            .collect();
        if i % 3 == 0 {
            assert_eq!(row.paid, amount, "L-{i:03}");
            assert_eq!(own.len(), 1, "L-{i:03}");
            assert_eq!((own[0].amount, own[0].allocations.len()), (amount, 1), "L-{i:03}");
            assert_eq!(own[0].reference, format!("Import long.csv (L-{i:03})"));
            payments_seen += 1;
        } else {
            assert!(row.paid.is_zero() && own.is_empty(), "L-{i:03}");
        }
    }
    assert_eq!(payments_seen, 50);
    assert_eq!(indexes_and_integrity(&path), schema_before);
    ledger.undo_last_import().unwrap();
    assert_eq!(content(&ledger), before);
    assert_eq!(indexes_and_integrity(&path), schema_before);
}

#[test]
fn undo_brings_the_ledger_back_to_exactly_what_it_was() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    ardoise::desk::demo::populate(&mut ledger, TODAY).unwrap();
    let before_any = content(&ledger);
    import(&mut ledger, "factures-utf8.csv");
    let after_first = content(&ledger);
    assert_ne!(after_first, before_any);
    import(&mut ledger, "factures-utf8-v2.csv");
    import(&mut ledger, "reglements.csv");
    ledger.undo_last_import().unwrap();
    let undone = ledger.undo_last_import().unwrap();
    assert_eq!(undone.file_name, "factures-utf8-v2.csv");
    assert!(undone.undone_at.is_some());
    assert_eq!(content(&ledger), after_first);
    ledger.undo_last_import().unwrap();
    assert_eq!(content(&ledger), before_any);
    let error = ledger.undo_last_import().unwrap_err();
    assert_eq!(error.to_string(), "Aucun import à annuler.");
    let history = ledger.imports().unwrap();
    assert_eq!(history.len(), 3);
    assert!(history.iter().all(|record| record.undone_at.is_some() && record.sha256.len() == 64));
}

#[test]
fn an_import_whose_invoices_were_paid_since_cannot_be_undone_and_nothing_changes() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    import(&mut ledger, "reglements.csv");
    let invoice = ledger.invoice_by_number("P-203").unwrap().unwrap().invoice;
    ledger
        .record_payment(&ardoise::domain::model::PaymentFields {
            client_id: invoice.client_id,
            date: TODAY,
            amount: euros("100"),
            method: Default::default(),
            reference: String::new(),
            allocations: None,
        })
        .unwrap();
    let before = content(&ledger);
    let error = ledger.undo_last_import().unwrap_err();
    assert!(error.to_string().contains("il ne peut plus être annulé"), "{error}");
    assert_eq!(content(&ledger), before);
}

fn client(name: &str, siren_siret: &str, email: &str, terms: Option<u32>) -> ClientFields {
    ClientFields {
        kind: ClientKind::Professional,
        company_name: name.into(),
        siren_siret: siren_siret.into(),
        email: email.into(),
        payment_terms_days: terms,
        ..ClientFields::default()
    }
}

#[test]
fn clients_are_matched_by_siren_then_email_then_normalised_name() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    // The SIREN of the file's SIRET 412 345 670 00019, under another name.
    let martin = ledger.create_client(&client("Boulangerie-Pâtisserie Martin & Fils", "412345670", "", None)).unwrap();
    let dubois = ledger.create_client(&client("Maître Dubois", "", "Secretariat@Cabinet-Dubois.fr", None)).unwrap();
    let garage = ledger.create_client(&client("GARAGE DU CENTRE S.A.S.", "", "", None)).unwrap();
    let pre = ledger.create_client(&client("Le Pré Fleuri", "", "", Some(45))).unwrap();
    let (plan, _) = import(&mut ledger, "factures-utf8.csv");
    let client_of = |number: &str| ledger.invoice_by_number(number).unwrap().unwrap().invoice.client_id;
    assert_eq!(client_of("FG26-001"), martin, "by SIREN");
    assert_eq!(client_of("AG26-001"), martin, "by SIREN");
    assert_eq!(client_of("FG26-006"), martin, "by name, once the SIREN row matched");
    assert_eq!(client_of("FG26-003"), dubois, "by e-mail, whatever its case");
    assert_eq!(client_of("FG26-002"), garage, "by name, legal form and punctuation aside");
    assert_eq!(client_of("FG26-007"), garage);
    let names: Vec<&str> = plan.new_clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Sophie Lefèvre", "Restaurant Le Pré Fleuri SARL"], "« Le Pré Fleuri » is another name");
    assert_eq!(plan.new_clients[0].fields.kind, ClientKind::Consumer, "no SIREN, a person's name");
    assert_eq!(plan.new_clients[1].fields.kind, ClientKind::Professional, "a SIRET");
    assert_ne!(client_of("FG26-005"), pre);
}

#[test]
fn missing_due_dates_come_from_the_client_terms_or_the_default_terms() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    ledger.create_client(&client("Hôtel de la Gare", "", "", Some(45))).unwrap();
    ledger.save_default_payment_terms_days(60).unwrap();
    import(&mut ledger, "export-excel-titre-total.xlsx");
    let due = |ledger: &Ledger, number: &str| ledger.invoice_by_number(number).unwrap().unwrap().invoice.due_date;
    assert_eq!(due(&ledger, "X-2026-103"), day("2026-11-21"), "07/10 + the client's 45 days");
    import(&mut ledger, "factures-utf8.csv");
    assert_eq!(due(&ledger, "FG26-005"), day("2026-12-05"), "06/10 + the default 60 days for a new client");
    assert_eq!(due(&ledger, "FG26-001"), day("2026-10-02"), "a due date in the file is kept");
}

#[test]
fn paid_and_remaining_columns_become_payments_and_credit_notes_reduce_the_balance() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let (plan, _) = import(&mut ledger, "reglements.csv");
    assert_eq!(row(&plan, "P-201").payment, Some(euros("750")), "1 000 less 250 remaining");
    assert_eq!(row(&plan, "P-202").payment, Some(euros("480")), "status « Payée »");
    assert_eq!(row(&plan, "P-203").payment, None);
    assert_eq!(row(&plan, "P-204").payment, None, "a credit note");
    let paid = |number: &str| ledger.invoice_by_number(number).unwrap().unwrap().paid;
    assert_eq!((paid("P-201"), paid("P-202"), paid("P-203")), (euros("750"), euros("480"), euros("0")));
    assert_eq!(balance_of(&ledger, "Garage du Centre"), euros("250"));
    assert_eq!(balance_of(&ledger, "Boulangerie Martin"), euros("640"), "720 less the 80 credit note");
}

#[test]
fn duplicate_numbers_in_a_file_reject_the_second_occurrence() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let (plan, _) = import(&mut ledger, "doublons.csv");
    assert_eq!((plan.new, plan.rejected_rows), (2, 1));
    assert_eq!(
        plan.rejected[0].to_string(),
        "Ligne 4, colonne « N° facture » : numéro « D-301 » déjà présent ligne 2 du fichier : ligne ignorée"
    );
    assert_eq!(ledger.invoice_by_number("D-301").unwrap().unwrap().invoice.amount, euros("100"));
}

#[test]
fn a_corrected_mapping_is_used_and_remembered_for_the_same_layout() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let bytes = std::fs::read(data("factures-utf8.csv")).unwrap();
    let request = ImportRequest {
        file_name: "f.csv",
        bytes: &bytes,
        sheet: None,
        mapping: None,
        today: TODAY,
        expected_sha256: None,
    };
    let detected = preview(&ledger, &request, &mut |_| {}).unwrap().mapping;
    let objet = detected.column_of(Field::Object).unwrap();
    let mut corrected = detected.clone();
    corrected.columns[objet] = None;
    let (plan, _) = import_bytes(&mut ledger, "f.csv", &bytes, None, Some(&corrected), false).unwrap();
    assert_eq!(row(&plan, "FG26-001").object, "");
    let again = preview(&ledger, &request, &mut |_| {}).unwrap();
    assert_eq!(again.mapping, corrected, "remembered for this layout");
    let mut broken = corrected.clone();
    broken.columns[objet] = Some(Field::Amount);
    let error = import_bytes(&mut ledger, "f.csv", &bytes, None, Some(&broken), true).unwrap_err();
    assert_eq!(error.to_string(), "Correspondance invalide : « Montant TTC » est associé à deux colonnes.");
}

fn ardoise(db: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().expect("ardoise runs")
}

fn new_ledger_file(folder: &Path) -> PathBuf {
    let db = folder.join("ledger.sqlite3");
    drop(Ledger::open(&db).unwrap());
    db
}

#[test]
fn the_command_line_imports_with_json_dry_run_history_and_undo() {
    let folder = tempfile::tempdir().unwrap();
    let db = new_ledger_file(folder.path());
    let file = data("doublons.csv");
    let file = file.to_str().unwrap();
    let dry = ardoise(&db, &["import", file, "--dry-run", "--json", "--date", "2026-11-22"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let report: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    assert_eq!(
        (report["new"].as_u64(), report["updated"].as_u64(), report["unchanged"].as_u64()),
        (Some(2), Some(0), Some(0))
    );
    assert_eq!(
        report["rejected"],
        serde_json::json!([{
            "row": 4,
            "column": "N° facture",
            "value": "D-301",
            "message": "numéro « D-301 » déjà présent ligne 2 du fichier : ligne ignorée"
        }])
    );
    assert!(report["import"].is_null());
    assert!(Ledger::open(&db).unwrap().imports().unwrap().is_empty(), "a dry run writes nothing");
    let done = ardoise(&db, &["import", file, "--json", "--date", "2026-11-22"]);
    assert!(done.status.success(), "rejected rows do not make the command fail");
    let report: serde_json::Value = serde_json::from_slice(&done.stdout).unwrap();
    assert_eq!(report["import"]["id"], 1);
    let history = String::from_utf8(ardoise(&db, &["imports"]).stdout).unwrap();
    assert!(history.contains("doublons.csv") && history.contains(report["sha256"].as_str().unwrap()), "{history}");
    let undo = ardoise(&db, &["undo-import"]);
    assert!(undo.status.success());
    assert_eq!(
        String::from_utf8(undo.stdout).unwrap(),
        "Import n° 1 (« doublons.csv ») annulé : le registre est revenu à son état d'avant.\n"
    );
    assert!(Ledger::open(&db).unwrap().invoice_by_number("D-301").unwrap().is_none());
}

#[test]
fn the_command_line_refuses_a_broken_file_with_its_message_and_writes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let db = new_ledger_file(folder.path());
    let before = std::fs::read(&db).unwrap();
    let file = data("bad/tronque.xlsx");
    let output = ardoise(&db, &["import", file.to_str().unwrap(), "--json"]);
    assert!(!output.status.success());
    let said = String::from_utf8(output.stderr).unwrap();
    assert!(said.starts_with("ardoise : Le classeur « tronque.xlsx » est illisible"), "{said}");
    assert_eq!(said.matches("illisible").count(), 1, "said once: {said}");
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let missing = ardoise(&db, &["import", "/nulle/part/factures.csv"]);
    assert!(!missing.status.success());
    assert_eq!(
        String::from_utf8(missing.stderr).unwrap(),
        "ardoise : Impossible de lire le fichier « factures.csv » : fichier introuvable (déplacé ou supprimé ?)\n"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn blank_totals_and_repeated_header_rows_are_passed_over_not_reported() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let text = "Relevé des factures — page 1\r\n\r\nN° facture;Client;Date;Montant TTC\r\nR-1;Garage du Centre;01/10/2026;100,00\r\n\
                ;;;\r\nSous-total;;;100,00\r\nN° facture;Client;Date;Montant TTC\r\nR-2;Garage du Centre;02/10/2026;50,00\r\n\
                ;;Total;150,00\r\n";
    let (plan, _) = import_bytes(&mut ledger, "releve.csv", text.as_bytes(), None, None, true).unwrap();
    assert_eq!(plan.mapping.header_row, 3, "the header is found below the title");
    assert_eq!((plan.new, plan.skipped, plan.rejected_rows), (2, 3, 0), "{:?}", plan.rejected);
    assert_eq!(row(&plan, "R-2").row, 8, "rows keep the file's line numbers");
}

#[test]
fn end_of_month_terms_in_the_file_give_the_due_dates() {
    // Issue 13, defect 11: the import read « N jours » only; « 45 jours fin de mois » was left to the
    // default terms.
    let mut ledger = Ledger::open_in_memory().unwrap();
    let (plan, _) = import(&mut ledger, "conditions-de-paiement.csv");
    // (number, due date): 10 March + 45 days = 24 April → 30 April; 31 January + 30 days = 2 March → 31
    // March; plain days; unreadable terms leave the default 30 days, with a note.
    let cases = [
        ("FG26-201", "2026-04-30"),
        ("FG26-202", "2026-03-31"),
        ("FG26-203", "2026-04-09"),
        ("FG26-204", "2026-04-09"),
    ];
    for (number, due) in cases {
        assert_eq!(row(&plan, number).due_date, day(due), "{number}");
    }
    let notes = row(&plan, "FG26-201").notes.join(" ");
    assert!(notes.contains("conditions de paiement de la facture, 45 jours fin de mois"), "{notes}");
    let notes = row(&plan, "FG26-204").notes.join(" ");
    assert!(notes.contains("Conditions de paiement « selon devis » non comprises"), "{notes}");
    assert!(notes.contains("délai de paiement par défaut de 30 jours"), "{notes}");
}

/// A large file's rows are read a chunk at a time on several threads: what depends on the rows before —
/// a number seen twice, an invoice repeated on the next row with its second payment, a header repeated
/// mid-file — is still decided in the file's order, across the chunks' edges, with the file's line numbers.
#[test]
fn a_large_file_read_in_chunks_keeps_the_order_of_its_rows() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let mut text = String::from("N° facture;Client;Date;Montant TTC;Payé;Date de paiement\r\n");
    let mut line = 1;
    let mut push = |text: &mut String, row: &str| {
        text.push_str(row);
        text.push_str("\r\n");
        line += 1;
        line
    };
    let mut repeated_at = 0;
    let mut duplicate_at = 0;
    let mut first_of_pair = 0;
    for index in 0..20_000 {
        push(&mut text, &format!("L-{index:05};Client {:03};05/10/2026;120,00;;", index % 300));
        if index == 8_190 {
            // The same invoice on the next line, with a payment each: one invoice, two payments.
            first_of_pair = push(&mut text, "P-1;Client 007;01/10/2026;300,00;100,00;10/10/2026");
            push(&mut text, "P-1;Client 007;01/10/2026;300,00;50,00;20/10/2026");
        }
        if index == 12_000 {
            repeated_at = push(&mut text, "N° facture;Client;Date;Montant TTC;Payé;Date de paiement");
        }
        if index == 16_000 {
            // Another invoice under a number already used far above.
            duplicate_at = push(&mut text, "L-00003;Autre client;07/10/2026;80,00;;");
        }
    }
    let (plan, _) = import_bytes(&mut ledger, "grand.csv", text.as_bytes(), None, None, true).unwrap();
    assert_eq!((plan.new, plan.skipped, plan.rejected_rows), (20_001, 1, 1), "{:?}", plan.rejected.first());
    assert!(repeated_at > 0);
    assert_eq!(
        plan.rejected[0].to_string(),
        format!(
            "Ligne {duplicate_at}, colonne « N° facture » : numéro « L-00003 » déjà présent ligne 5 du fichier : \
             ligne ignorée"
        )
    );
    let pair = row(&plan, "P-1");
    assert_eq!(pair.row, first_of_pair);
    assert_eq!(
        pair.payments.iter().map(|p| (p.date, p.amount)).collect::<Vec<_>>(),
        [(day("2026-10-10"), euros("100")), (day("2026-10-20"), euros("50"))]
    );
    let rows: Vec<usize> = plan.rows.iter().map(|row| row.row).collect();
    assert!(rows.windows(2).all(|pair| pair[0] < pair[1]), "the rows keep the file's order");
    assert_eq!(row(&plan, "L-19999").row, line);
}

/// A new client whose only row is refused later (its invoice is already in the ledger for another
/// client) is not created, and the new clients named after it keep their own invoices.
#[test]
fn a_new_client_left_without_a_row_is_not_created() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let first = "N° facture;Client;Date;Montant TTC\r\nF-1;Client Ancien;05/10/2026;100,00\r\n";
    import_bytes(&mut ledger, "premier.csv", first.as_bytes(), None, None, false).unwrap();
    let second = "N° facture;Client;Date;Montant TTC\r\nF-1;Client Nouveau;05/10/2026;100,00\r\n\
                  F-2;Client Deux;06/10/2026;200,00\r\nF-3;Client Trois;07/10/2026;300,00\r\n";
    let (plan, record) = import_bytes(&mut ledger, "second.csv", second.as_bytes(), None, None, false).unwrap();
    assert_eq!((plan.new, plan.rejected_rows), (2, 1), "{:?}", plan.rejected);
    assert!(record.is_some());
    let names: Vec<&str> = plan.new_clients.iter().map(|client| client.name.as_str()).collect();
    assert_eq!(names, ["Client Deux", "Client Trois"]);
    let mut clients: Vec<String> =
        ledger.clients().unwrap().iter().map(|client| client.fields.display_name()).collect();
    clients.sort();
    // Read as people's names, shown with the family name in capitals.
    assert_eq!(clients, ["Client ANCIEN", "Client DEUX", "Client TROIS"]);
    for (number, name) in [("F-2", "Client DEUX"), ("F-3", "Client TROIS")] {
        let invoice = ledger.invoice_by_number(number).unwrap().unwrap().invoice;
        let client = ledger.clients().unwrap().into_iter().find(|client| client.id == invoice.client_id).unwrap();
        assert_eq!(client.fields.display_name(), name, "{number}");
    }
}

/// A status saying the invoice is disputed (« Litige », « Contestée », « Disputed ») was imported as plainly
/// owed, and the ladder chased it; one saying it was written off (« Irrécouvrable », « Bad debt ») was
/// imported as owed too. The disputed invoice is imported with a dispute recorded on it, once, that the
/// ladder respects and the undo removes; the written-off one is refused, saying to date its write-off.
#[test]
fn a_disputed_status_records_a_dispute_and_a_written_off_status_refuses_the_row() {
    let file = "N° facture;Date;Échéance;Client;Objet;Montant TTC;Statut\n\
        LT-001;01/08/2026;31/08/2026;Garage du Centre;Vidange flotte;1 200,00 €;En litige\n\
        LT-002;02/08/2026;01/09/2026;Garage du Centre;Pneus;800,00 €;Envoyée\n\
        LT-003;03/08/2026;02/09/2026;Imprimerie Roux SARL;Affiches;450,00 €;Contestée\n\
        LT-004;04/08/2026;03/09/2026;Imprimerie Roux SARL;Flyers;300,00 €;Irrécouvrable\n\
        LT-005;05/08/2026;04/09/2026;Imprimerie Roux SARL;Cartes;120,00 €;Bad debt\n";
    let mut ledger = Ledger::open_in_memory().unwrap();
    let before = content(&ledger);
    let (plan, record) = import_bytes(&mut ledger, "suivi.csv", file.as_bytes(), None, None, false).unwrap();
    assert!(record.is_some());
    assert_eq!((plan.new, plan.rejected_rows), (3, 2), "{:?}", plan.rejected);
    for (problem, number) in plan.rejected.iter().zip(["Irrécouvrable", "Bad debt"]) {
        assert_eq!((problem.column.as_str(), problem.value.as_str()), ("Statut", number));
        assert!(
            problem.message.contains("passée en perte") && problem.message.contains("date réelle"),
            "{}",
            problem.message
        );
    }
    let disputed = row(&plan, "LT-001");
    assert!(disputed.notes.iter().any(|note| note.contains("« En litige »")), "{:?}", disputed.notes);
    assert!(row(&plan, "LT-002").dispute.is_none());

    // Each disputed invoice has its dispute, dated the import's day, saying where it came from.
    let disputes = |ledger: &Ledger| -> Vec<(String, NaiveDate, String)> {
        let mut found = Vec::new();
        for number in ["LT-001", "LT-002", "LT-003"] {
            let invoice = ledger.invoice_by_number(number).unwrap().unwrap().invoice;
            for event in ledger.events(invoice.client_id).unwrap() {
                if event.fields.kind == ardoise::domain::model::EventKind::Dispute
                    && event.fields.invoice_id == Some(invoice.id)
                {
                    found.push((number.to_string(), event.fields.date, event.fields.text.clone()));
                }
            }
        }
        found
    };
    let recorded = disputes(&ledger);
    assert_eq!(
        recorded.iter().map(|(n, d, _)| (n.as_str(), *d)).collect::<Vec<_>>(),
        [("LT-001", TODAY), ("LT-003", TODAY)]
    );
    assert!(recorded[0].2.contains("« suivi.csv »") && recorded[0].2.contains("« En litige »"), "{recorded:?}");

    // The ladder leaves the disputed invoices alone and chases the other.
    let later = day("2026-12-15");
    let proposals = ardoise::desk::proposals::proposals(&ledger, later).unwrap();
    let chased: Vec<&str> =
        proposals.iter().flat_map(|p| p.invoices.iter().map(|invoice| invoice.number.as_str())).collect();
    assert_eq!(chased, ["LT-002"]);

    // The same file again records no second dispute.
    let after_first = content(&ledger);
    let (again, record) = import_bytes(&mut ledger, "suivi.csv", file.as_bytes(), None, None, false).unwrap();
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 3));
    assert!(record.is_none());
    assert_eq!(content(&ledger), after_first);

    // The undo takes the disputes away with the invoices.
    ledger.undo_last_import().unwrap();
    assert_eq!(content(&ledger), before);
}

/// An invoice imported as owed, then exported again by the tool as « Litige », stayed on the ladder. The
/// newer file opens a dispute on it; once the user closes that dispute, the same file opens none again.
/// The command line says what it opened and which client fields it filled.
#[test]
fn a_newer_file_that_says_disputed_opens_one_dispute_that_the_user_may_close_for_good() {
    let header = "N° facture;Date;Échéance;Client;SIRET;E-mail;Objet;Montant TTC;Statut\n";
    let sent = format!("{header}LT-010;01/09/2026;01/10/2026;Garage du Centre;508765435;;Vidange;500,00 €;Envoyée\n");
    let disputed = format!(
        "{header}LT-010;01/09/2026;01/10/2026;Garage du Centre;508765435;atelier@garage-du-centre.fr;Vidange;500,00 \
         €;Litige\n"
    );
    let folder = tempfile::tempdir().unwrap();
    let db = new_ledger_file(folder.path());
    let (first, second) = (folder.path().join("envoyee.csv"), folder.path().join("litige.csv"));
    std::fs::write(&first, sent).unwrap();
    std::fs::write(&second, disputed).unwrap();
    let run = |file: &Path| {
        let output = ardoise(&db, &["import", file.to_str().unwrap(), "--date", "2026-11-22"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    run(&first);
    let said = run(&second);
    assert!(said.contains("0 nouvelle(s), 1 mise(s) à jour"), "{said}");
    assert!(
        said.contains("Ligne 2, facture LT-010 : contestation ouverte au 22/11/2026 (Contestation indiquée par le fichier importé « litige.csv » (statut « Litige »))"),
        "{said}"
    );
    assert!(
        said.contains("Fiche client complétée : Garage du Centre : E-mail « atelier@garage-du-centre.fr »."),
        "{said}"
    );

    let mut ledger = Ledger::open(&db).unwrap();
    let invoice = ledger.invoice_by_number("LT-010").unwrap().unwrap().invoice;
    let disputes: Vec<_> = ledger
        .events(invoice.client_id)
        .unwrap()
        .into_iter()
        .filter(|event| event.fields.kind == ardoise::domain::model::EventKind::Dispute)
        .collect();
    assert_eq!(disputes.len(), 1);
    assert_eq!((disputes[0].fields.invoice_id, disputes[0].fields.date), (Some(invoice.id), TODAY));
    ledger.close_event(disputes[0].id, day("2026-11-30")).unwrap();
    drop(ledger);

    // The tool still says « Litige »; the user's closing stands.
    let said = run(&second);
    assert!(said.contains("Rien à enregistrer"), "{said}");
    let ledger = Ledger::open(&db).unwrap();
    let open: Vec<_> = ledger
        .events(invoice.client_id)
        .unwrap()
        .into_iter()
        .filter(|event| event.fields.kind == ardoise::domain::model::EventKind::Dispute && event.closed_on.is_none())
        .collect();
    assert!(open.is_empty());
}

/// Excel's long date saved as CSV (« lundi 5 janvier 2026 », the audit's dates-texte.csv) was refused as
/// « date illisible ». The day of the week is read and checked: a wrong one still refuses the row.
#[test]
fn an_excel_long_date_with_its_day_of_the_week_is_read() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let csv = "N° facture;Client;Date;Montant TTC\n\
               D-03;Client Dates;lundi 5 janvier 2026;100,00\n\
               D-04;Client Dates;Mardi 5 janvier 2026;100,00\n";
    let (plan, _) = import_bytes(&mut ledger, "dates-texte.csv", csv.as_bytes(), None, None, true).unwrap();
    assert_eq!(
        plan.rows.iter().map(|row| (row.number.as_str(), row.issue_date)).collect::<Vec<_>>(),
        [("D-03", day("2026-01-05"))]
    );
    let refused: Vec<String> = plan.rejected.iter().map(ToString::to_string).collect();
    assert_eq!(refused, ["Ligne 3, colonne « Date » : date illisible « Mardi 5 janvier 2026 »"]);
}
