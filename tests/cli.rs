//! The `ardoise` command line, run as a user would: demo, summary, lists, export and load.

use std::path::Path;
use std::process::{Command, Output};

fn ardoise(db: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().expect("ardoise runs")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "ardoise failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(output)).expect("valid JSON")
}

#[test]
fn demo_then_summary_gives_decimal_strings() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let said = stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    assert!(said.starts_with("Démonstration chargée : 25 clients"), "{said}");
    let summary = json(&ardoise(&db, &["summary", "--json", "--date", "2026-11-22"]));
    assert_eq!(summary["clients"], 25);
    assert!(summary["invoices_open"].as_u64().unwrap() > 10);
    for key in ["total_owed", "total_overdue"] {
        let text = summary[key].as_str().unwrap_or_else(|| panic!("{key} is not a string: {summary}"));
        assert!(text.parse::<rust_decimal::Decimal>().is_ok(), "{key} = {text}");
    }
    assert_eq!(summary["aging"].as_array().unwrap().len(), 5);
    // The same figures as the library computes.
    let ledger = ardoise::Ledger::open(&db).unwrap();
    let dashboard = ardoise::desk::dashboard::dashboard(&ledger, "2026-11-22".parse().unwrap()).unwrap();
    assert_eq!(summary["total_owed"].as_str().unwrap(), dashboard.total_owed.to_string());
    let text = stdout(&ardoise(&db, &["summary", "--date", "2026-11-22"]));
    assert!(text.contains("Encours total :") && text.contains(" €"), "{text}");
}

#[test]
fn clients_and_invoices_list_in_text_and_json() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let clients = json(&ardoise(&db, &["clients", "--json", "--date", "2026-11-22"]));
    assert_eq!(clients.as_array().unwrap().len(), 25);
    let hotel = clients.as_array().unwrap().iter().find(|c| c["name"] == "Hôtel des Célestins").unwrap();
    assert_eq!(hotel["overdue"], "8400.00");
    let id = hotel["id"].as_i64().unwrap().to_string();
    let invoices = json(&ardoise(&db, &["invoices", "--client", &id, "--json", "--date", "2026-11-22"]));
    assert!(invoices.as_array().unwrap().iter().all(|i| i["client_id"].as_i64().unwrap().to_string() == id));
    let text = stdout(&ardoise(&db, &["invoices", "--date", "2026-11-22"]));
    assert!(text.contains("en retard") && text.contains("réglée"), "{text}");
    let text = stdout(&ardoise(&db, &["clients", "--date", "2026-11-22"]));
    assert!(text.contains("Hôtel des Célestins"), "{text}");
}

#[test]
fn export_and_load_round_trip_through_files() {
    let folder = tempfile::tempdir().unwrap();
    let source = folder.path().join("source.sqlite3");
    let target = folder.path().join("target.sqlite3");
    let export = folder.path().join("export.json");
    stdout(&ardoise(&source, &["demo", "--date", "2026-11-22"]));
    stdout(&ardoise(&source, &["export", "--json", "--out", export.to_str().unwrap()]));
    let said = stdout(&ardoise(&target, &["load", export.to_str().unwrap()]));
    assert!(said.contains("Registre chargé"), "{said}");
    let again = stdout(&ardoise(&target, &["export", "--json"]));
    assert_eq!(again, std::fs::read_to_string(&export).unwrap());
    // A second load into the now full ledger is refused with a French message and a failure code.
    let refused = ardoise(&target, &["load", export.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("n'est pas vide"));
}

#[test]
fn bad_input_gets_a_french_message_and_a_failure_code() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let not_json = folder.path().join("notes.txt");
    std::fs::write(&not_json, "pas du JSON").unwrap();
    let cases: [(&[&str], &str); 3] = [
        (&["load", not_json.to_str().unwrap()], "n'est pas un export Ardoise lisible"),
        (&["demo", "--date", "31/02/2026"], "la date « 31/02/2026 » n'existe pas"),
        (&["load", "/nonexistent/export.json"], "lecture de « /nonexistent/export.json »"),
    ];
    let missing = ardoise(&folder.path().join("typo.sqlite3"), &["summary"]);
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("introuvable"),
        "a mistyped --db must not create a ledger"
    );
    assert!(!folder.path().join("typo.sqlite3").exists());
    for (arguments, fragment) in cases {
        let output = ardoise(&db, arguments);
        assert!(!output.status.success(), "{arguments:?} should fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(fragment), "{arguments:?}: {stderr}");
    }
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let twice = ardoise(&db, &["demo"]);
    assert!(String::from_utf8_lossy(&twice.stderr).contains("déjà des données"));
}

#[test]
fn a_ledger_from_a_newer_version_is_refused_by_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    drop(ardoise::Ledger::open(&db).unwrap());
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let output = ardoise(&db, &["summary"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("version plus récente"));
}

#[test]
fn usage_errors_and_help_are_in_french() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let cases: [(&[&str], &str); 4] = [
        (&["sumary"], "commande inconnue « sumary ». Vouliez-vous dire « summary » ?"),
        (&["summary", "--dat", "2026-11-22"], "option inconnue « --dat »"),
        (&[], "indiquez une commande"),
        (&["load"], "il manque"),
    ];
    for (arguments, fragment) in cases {
        let output = ardoise(&db, arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(fragment), "{arguments:?}: {stderr}");
    }
    let help = stdout(&ardoise(&db, &["summary", "--help"]));
    assert!(help.contains("Utilisation : ardoise summary") && help.contains("Date de calcul"), "{help}");
    assert!(!help.contains("Usage") && !help.contains("Print help"), "{help}");
}

#[test]
fn a_backup_taken_from_the_command_line_can_be_restored_by_name() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    assert_eq!(stdout(&ardoise(&db, &["backups"])).trim(), "Aucune sauvegarde.");
    let said = stdout(&ardoise(&db, &["backup"]));
    assert!(said.starts_with("Registre sauvegardé dans"), "{said}");
    let listed = json(&ardoise(&db, &["backups", "--json"]));
    let name = listed[0]["file_name"].as_str().unwrap().to_string();
    assert_eq!(listed[0]["reason"], "manual");
    assert!(name.starts_with("ardoise_") && name.ends_with("_manuelle.sqlite3"), "{name}");

    let mut ledger = ardoise::Ledger::open(&db).unwrap();
    let fields = ardoise::domain::model::ClientFields { company_name: "Ajouté ensuite".into(), ..Default::default() };
    ledger.create_client(&fields).unwrap();
    drop(ledger);
    assert_eq!(json(&ardoise(&db, &["clients", "--json"])).as_array().unwrap().len(), 26);

    let said = stdout(&ardoise(&db, &["restore", &name]));
    assert!(said.contains("l'état précédent a été sauvegardé"), "{said}");
    assert_eq!(json(&ardoise(&db, &["clients", "--json"])).as_array().unwrap().len(), 25);
    let listed = json(&ardoise(&db, &["backups", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 2, "the restore kept the state it replaced: {listed}");

    let refused = ardoise(&db, &["restore", "ardoise_inconnue_manuelle.sqlite3"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("introuvable"));
}

#[test]
fn the_invoice_list_for_a_spreadsheet_keeps_formulas_as_text() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let mut ledger = ardoise::Ledger::open(&db).unwrap();
    let name = "=HYPERLINK(\"http://exemple.invalid\";\"Cliquez\")";
    let fields = ardoise::domain::model::ClientFields { company_name: name.into(), ..Default::default() };
    let client = ledger.create_client(&fields).unwrap();
    let invoice = ardoise::domain::model::InvoiceFields {
        number: "+F-001".into(),
        client_id: client,
        issue_date: "2026-10-01".parse().unwrap(),
        due_date: Some("2026-10-31".parse().unwrap()),
        amount: "1234.5".parse().unwrap(),
        amount_excl_vat: None,
        object: "@SOMME(A1:A9)".into(),
        penalty_rate: None,
        written_off_on: None,
    };
    ledger.create_invoice(&invoice).unwrap();
    drop(ledger);

    let file = folder.path().join("factures.csv");
    let said = stdout(&ardoise(&db, &["invoices", "--date", "2026-11-22", "--csv", file.to_str().unwrap()]));
    assert!(said.starts_with("1 facture(s) écrite(s)"), "{said}");
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a BOM, so that Excel reads UTF-8");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "N° facture");
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "'+F-001");
    assert_eq!(&row[1], format!("'{name}"));
    assert_eq!(&row[4], "1234,50");
    assert_eq!(&row[6], "1234,50");
    assert_eq!(&row[8], "22");
    assert_eq!(&row[9], "'@SOMME(A1:A9)");
}
