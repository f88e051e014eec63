//! The `ardoise` command line, run as a user would: demo, summary, lists, export and load.

mod fixtures;
use ardoise::Ledger;
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
    // Cut short, and without its schema version: serde_json's English said in French, with the place.
    let cut = folder.path().join("coupe.json");
    std::fs::write(&cut, "{\n  \"tables\": {\"clients\": [{\"name\": \"Gara").unwrap();
    let no_version = folder.path().join("sans-version.json");
    std::fs::write(&no_version, "{\"tables\": {}}").unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["load", not_json.to_str().unwrap()], "n'est pas un export Ardoise lisible (JSON mal formé, ligne 1"),
        (&["load", cut.to_str().unwrap()], "le fichier s'arrête avant la fin du JSON, ligne 2, colonne"),
        (&["load", no_version.to_str().unwrap()], "le champ « format » manque, ligne 1"),
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
    assert!(name.starts_with("ledger_") && name.ends_with("_manuelle.sqlite3"), "{name}");

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
        payment_terms: None,
        nature: None,
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

// ---------------------------------------------------------------------------------------------------------
// Issue 13, defect 13: the command line.

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `--client` took only a number and answered « invalid digit found in string », in English, to a name.
#[test]
fn the_client_option_took_only_a_number() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let by_number = stdout(&ardoise(&db, &["invoices", "--client", "5", "--date", "2026-11-22", "--json"]));
    // A name, whole or in part, without case, accents or legal form.
    for name in ["Hôtel des Célestins", "hotel des celestins", "CÉLESTINS"] {
        let by_name = stdout(&ardoise(&db, &["invoices", "--client", name, "--date", "2026-11-22", "--json"]));
        assert_eq!(by_name, by_number, "{name}");
    }
    let vidal = stdout(&ardoise(&db, &["penalties", "--client", "transports vidal", "--date", "2026-11-22"]));
    assert!(vidal.contains("Transports Vidal SARL"), "{vidal}");
    // Several candidates: the French list; none: where to look. Never the parser's English.
    let several = ardoise(&db, &["invoices", "--client", "mme"]);
    assert_eq!(several.status.code(), Some(1));
    let message = stderr(&several);
    assert!(message.contains("plusieurs clients correspondent à « mme » : n° "), "{message}");
    assert!(message.contains("Mme Sophie GIRARD") && message.contains("Précisez le nom"), "{message}");
    let none = ardoise(&db, &["decide", "--client", "Dupont", "--action", "skip"]);
    assert!(stderr(&none).contains("aucun client ne porte le numéro ou le nom « Dupont »"), "{}", stderr(&none));
    for arguments in [
        &["invoices", "--client", "Boulangerie"][..],
        &["letters", "--client", "Boulangerie"],
        &["plan", "list", "--client", "Boulangerie"],
        &["dossier", "--client", "x y z", "--out", "/tmp"],
    ] {
        let output = ardoise(&db, arguments);
        assert!(!stderr(&output).contains("invalid digit"), "{arguments:?}: {}", stderr(&output));
    }
}

/// Regression: `decide` on a client with no proposal answered in the window's words (« la liste va être
/// rechargée ») and did not say which client.
#[test]
fn deciding_for_a_client_without_a_proposal_says_so_in_the_command_lines_words() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let output = ardoise(&db, &["decide", "--client", "Girard", "--action", "accept", "--date", "2026-11-22"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(
        message,
        "ardoise : Mme Sophie GIRARD (client n° 16) n'a pas de relance proposée au 22 novembre 2026 : rien à \
         décider. Voyez les relances proposées ce jour-là avec `ardoise propose --date 2026-11-22`.\n"
    );
}

/// Usage and value errors and every command's help were partly English (clap's own words).
#[test]
fn the_command_line_spoke_english_in_places() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    // (arguments, French words expected on the error output, exit code)
    let cases: [(&[&str], &str, i32); 6] = [
        (&["plan", "sign", "x"], "« x » n'est pas un numéro", 2),
        (&["dispatch", "--letter", "abc", "--deposit", "2026-11-24"], "« abc » n'est pas un numéro", 2),
        (&["plan", "draft", "--client", "5", "--installments", "quatre"], "n'est pas un nombre d'échéances", 2),
        (&["letters", "--json", "--json"], "--json est donné deux fois", 2),
        (&["plan"], "indiquez une sous-commande de « ardoise plan » : draft, list, sign, export, abandon.", 2),
        (&["letters", "cancel", "--letter", "1"], "il manque --reason <MOTIF>", 2),
    ];
    for (arguments, words, code) in cases {
        let output = ardoise(&db, arguments);
        assert_eq!(output.status.code(), Some(code), "{arguments:?}");
        assert!(stderr(&output).contains(words), "{arguments:?}: {}", stderr(&output));
    }
    // What the system says about a file is said in French too.
    let missing = ardoise(&db, &["load", "/nonexistent/export.json"]);
    assert!(stderr(&missing).contains("fichier ou dossier introuvable"), "{}", stderr(&missing));
    assert!(!stderr(&missing).contains("No such file"), "{}", stderr(&missing));
    for arguments in [
        &["--help"][..],
        &["plan", "--help"],
        &["plan", "draft", "--help"],
        &["decide", "--help"],
        &["letters", "--help"],
        &["letters", "cancel", "--help"],
        &["letter", "--help"],
        &["import", "--help"],
    ] {
        let help = stdout(&ardoise(&db, arguments));
        assert!(help.contains("Utilisation : ardoise"), "{arguments:?}: {help}");
        for english in ["Usage:", "Commands:", "[default:", "[possible values:", "Print help", "<COMMAND>"] {
            assert!(!help.contains(english), "{arguments:?} says « {english} »: {help}");
        }
    }
}

/// There was no way to create an empty ledger: `import` into a new file said « registre introuvable ».
#[test]
fn there_was_no_way_to_create_an_empty_ledger() {
    let folder = tempfile::tempdir().unwrap();
    let empty = folder.path().join("vide.sqlite3");
    let said = stdout(&ardoise(&empty, &["init"]));
    assert_eq!(said.trim(), format!("Registre vide créé : « {} ».", empty.display()));
    assert_eq!(json(&ardoise(&empty, &["clients", "--json"])).as_array().unwrap().len(), 0);
    let again = ardoise(&empty, &["init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("existe déjà : rien n'a été changé"), "{}", stderr(&again));

    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/factures-utf8.csv");
    // A dry run into a missing ledger previews against an empty one and creates nothing.
    let new = folder.path().join("nouveau.sqlite3");
    let preview = ardoise(&new, &["import", file.to_str().unwrap(), "--dry-run", "--date", "2026-11-22"]);
    assert!(preview.status.success(), "{}", stderr(&preview));
    assert!(stderr(&preview).contains("n'existe pas encore : aperçu contre un registre vide"), "{}", stderr(&preview));
    assert!(!new.exists());
    // A file refused whole creates nothing either.
    let bad = folder.path().join("pas un tableur.csv");
    std::fs::write(&bad, "").unwrap();
    let refused = ardoise(&new, &["import", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(!new.exists());
    // The import says it creates the ledger, then does; its JSON stays clean on the standard output.
    let imported = ardoise(&new, &["import", file.to_str().unwrap(), "--date", "2026-11-22", "--json"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stderr(&imported).contains(&format!("le registre « {} » n'existe pas encore : il est créé.", new.display()))
    );
    let report: serde_json::Value = serde_json::from_slice(&imported.stdout).unwrap();
    assert!(report["new"].as_u64().unwrap() > 0, "{report}");
    assert!(new.exists());
    assert!(!json(&ardoise(&new, &["invoices", "--json"])).as_array().unwrap().is_empty());
}

/// `ardoise … | head` printed « Broken pipe » when the reader went away.
#[test]
fn a_closed_pipe_printed_broken_pipe() {
    use std::io::Read;
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    for arguments in [&["invoices", "--json"][..], &["invoices"], &["--help"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ardoise"))
            .arg("--db")
            .arg(&db)
            .args(arguments)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Read one line's worth, as `head -1` does, then go away.
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(stderr(&output), "", "{arguments:?}");
        assert_eq!(output.status.code(), Some(0), "{arguments:?}");
    }
}

/// `invoices --json` showed « -0.00 » for a credit note wholly used; no command prints a negative zero.
#[test]
fn invoices_json_showed_a_negative_zero() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let moreau = json(&ardoise(&db, &["invoices", "--client", "Moreau", "--json", "--date", "2026-11-22"]));
    let credit_note = moreau.as_array().unwrap().iter().find(|i| i["number"] == "F2026-073").unwrap();
    assert_eq!(credit_note["remaining"], "0.00");
    let mut commands: Vec<Vec<String>> =
        ["clients", "invoices", "summary", "propose", "letters", "backups", "imports", "kinds", "prices"]
            .iter()
            .map(|command| vec![command.to_string(), "--json".into()])
            .collect();
    commands.push(vec!["plan".into(), "list".into(), "--json".into()]);
    for client in 1..=25 {
        commands.push(vec!["penalties".into(), "--client".into(), client.to_string(), "--json".into()]);
    }
    for command in commands {
        let mut arguments: Vec<&str> = command.iter().map(String::as_str).collect();
        if !["letters", "backups", "imports", "kinds", "prices"].contains(&arguments[0]) {
            arguments.extend(["--date", "2026-11-22"]);
        }
        let text = stdout(&ardoise(&db, &arguments));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut negative_zeros = Vec::new();
        find_negative_zeros(&value, &mut negative_zeros);
        assert!(negative_zeros.is_empty(), "{arguments:?}: {negative_zeros:?}");
    }
}

fn find_negative_zeros(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text)
            if text.starts_with('-') && text.parse::<rust_decimal::Decimal>().is_ok_and(|d| d.is_zero()) =>
        {
            found.push(text.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| find_negative_zeros(item, found)),
        serde_json::Value::Object(map) => map.values().for_each(|item| find_negative_zeros(item, found)),
        _ => {}
    }
}

/// The whole life of a letter from a terminal, with the contracts of issue 13: `letter` drafts and stores
/// a letter about the invoices given and writes its PDF (printed, bytes kept); `letters` (or `letters
/// list`) lists; `letters cancel` cancels with a reason; `batch` prints every letter waiting; `dispatch`
/// records the sending of what was printed, archiving exactly those bytes; `plan abandon` abandons.
#[test]
fn the_life_of_a_letter_from_a_terminal() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    fixtures::enter_2026_s2_rates(&mut Ledger::open(&db).unwrap());
    let pdf = folder.path().join("md.pdf");
    let said = stdout(&ardoise(
        &db,
        &[
            "letter",
            "--kind",
            "formal_notice",
            "--client",
            "Hôtel des Célestins",
            "--invoices",
            "F2026-067",
            "--date",
            "2026-11-22",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    // Regression: « Mise en demeure écrit dans » did not agree with the kind's gender.
    assert!(said.starts_with("Mise en demeure écrite dans"), "{said}");
    assert!(said.contains("factures F2026-067, imprimé"), "{said}");
    let letters = json(&ardoise(&db, &["letters", "--client", "Célestins", "--json"]));
    let notice = &letters[0];
    assert_eq!((notice["kind"].as_str(), notice["status"].as_str()), (Some("formal_notice"), Some("printed")));
    assert_eq!(notice["printed_on"], "2026-11-22");
    let id = notice["id"].as_i64().unwrap().to_string();
    // `letters` and `letters list` say the same; every existing key of the list is still there.
    assert_eq!(stdout(&ardoise(&db, &["letters", "list", "--json"])), stdout(&ardoise(&db, &["letters", "--json"])));
    for key in ["id", "client_id", "kind", "status", "dispatch", "drafted_on", "sent_on", "tracking_number", "level"] {
        assert!(notice.get(key).is_some(), "{key}");
    }
    for key in ["with_receipt", "deposit_date", "delivery", "invoice_ids", "client_name", "title", "status_label"] {
        assert!(notice.get(key).is_some(), "{key}");
    }
    assert!(notice.get("deadline").is_some() && notice.get("tampered").is_some());

    // An unknown invoice number is refused with the client's numbers.
    let refused =
        ardoise(&db, &["letter", "--kind", "formal_notice", "--client", "5", "--invoices", "F9", "--out", "x.pdf"]);
    assert!(stderr(&refused).contains("n'a pas de facture « F9 » ; ses factures : F2025-010"), "{}", stderr(&refused));

    // The sending archives the very bytes written by `letter`.
    let sent = stdout(&ardoise(
        &db,
        &[
            "dispatch",
            "--letter",
            &id,
            "--tracking",
            "1A00967621453",
            "--level",
            "R1",
            "--receipt",
            "--deposit",
            "2026-11-24",
        ],
    ));
    // The participle agrees with the kind's title (« Mise en demeure, envoyée »), as `letter` says « écrite ».
    assert!(
        sent.starts_with("Courrier n° 3 : Mise en demeure, envoyée le 24 novembre 2026 (n° 1A00967621453"),
        "{sent}"
    );
    let archived = std::fs::read_dir(folder.path().join("archive"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.is_file())
        .unwrap();
    assert_eq!(std::fs::read(&archived).unwrap(), std::fs::read(&pdf).unwrap());

    // A proposal accepted one day is in the batch printed the next; cancelled, it is out of the list of
    // letters to send and in the client's history.
    let perrin = "M. David PERRIN";
    let said = stdout(&ardoise(&db, &["decide", "--client", perrin, "--action", "accept", "--date", "2026-11-22"]));
    assert!(said.ends_with("préparé (à imprimer puis envoyer).\n"), "{said}");
    let lot = folder.path().join("lot");
    let printed = stdout(&ardoise(&db, &["batch", "--date", "2026-11-23", "--out", lot.to_str().unwrap()]));
    assert!(printed.starts_with("1 fichier(s) écrit(s)"), "{printed}");
    let perrin_letters = json(&ardoise(&db, &["letters", "--client", perrin, "--json"]));
    let waiting = perrin_letters.as_array().unwrap().iter().find(|l| l["status"] == "printed").unwrap();
    let waiting_id = waiting["id"].as_i64().unwrap().to_string();
    let said = stdout(&ardoise(
        &db,
        &[
            "letters",
            "cancel",
            "--letter",
            &waiting_id,
            "--reason",
            "le client a payé au téléphone",
            "--date",
            "2026-11-24",
        ],
    ));
    assert!(said.contains("annulé le 24 novembre 2026 : le client a payé au téléphone"), "{said}");
    let listed = stdout(&ardoise(&db, &["letters", "--client", perrin]));
    assert!(listed.contains("Annulé le 24 novembre 2026"), "{listed}");
    let refused = ardoise(&db, &["dispatch", "--letter", &waiting_id, "--deposit", "2026-11-24"]);
    assert!(stderr(&refused).contains("est annulé"), "{}", stderr(&refused));

    // A plan drafted, then abandoned.
    let plan = json(&ardoise(&db, &["plan", "draft", "--client", "GARNIER", "--date", "2026-11-22", "--json"]));
    let plan_id = plan["id"].as_i64().unwrap().to_string();
    let said =
        stdout(&ardoise(&db, &["plan", "abandon", &plan_id, "--reason", "refus du client", "--date", "2026-11-25"]));
    assert!(said.contains("abandonné (refus du client)"), "{said}");
    let plans = json(&ardoise(&db, &["plan", "list", "--json", "--date", "2026-11-25"]));
    assert_eq!(plans[0]["tracking"]["state"], "cancelled");
}

/// The sender's identity a letter prints, set from the command line as « Mon profil » sets it.
const SENDER: &[&str] = &[
    "profile",
    "--legal-name",
    "Marie DURAND EI",
    "--street",
    "12 RUE DES LILAS",
    "--postcode",
    "69003",
    "--town",
    "LYON",
    "--siren",
    "842117533",
    "--registry",
    "RCS Lyon",
    "--vat-exempt",
    "--email",
    "marie@durand.example",
    "--iban",
    "FR76 3000 6000 0112 3456 7890 189",
    "--signature-town",
    "Lyon",
    "--addressed-as",
    "madame",
];

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `profile` offered only the form of address and the images: the legal name, address, SIREN/SIRET,
/// VAT, contact, IBAN and the town of the date could be set in the window alone.
#[test]
fn profile_sets_the_senders_identity_and_refuses_a_wrong_value_with_nothing_written() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["init"]));
    let help = stdout(&ardoise(&db, &["profile", "--help"]));
    for option in ["--legal-name", "--street", "--postcode", "--town", "--siren-siret", "--registry", "--vat-number"] {
        assert!(help.contains(option), "{option} not in {help}");
    }
    for option in ["--vat-exempt", "--phone", "--email", "--iban", "--bic", "--signature-town", "--trade-name"] {
        assert!(help.contains(option), "{option} not in {help}");
    }
    // A SIREN whose key is wrong is refused with the window's message, and nothing else given is kept.
    let refused = ardoise(&db, &["profile", "--legal-name", "Marie DURAND EI", "--siren", "842117534"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("SIREN « 842117534 » invalide"), "{}", stderr(&refused));
    assert_eq!(json(&ardoise(&db, &["profile", "--json"]))["legal_name"], "");
    // The text says what is missing and the option that gives it.
    let empty = stdout(&ardoise(&db, &["profile"]));
    assert!(empty.starts_with("Profil : nom légal à renseigner (--legal-name)"), "{empty}");

    stdout(&ardoise(&db, SENDER));
    let profile = json(&ardoise(&db, &["profile", "--json"]));
    assert_eq!(profile["legal_name"], "Marie DURAND EI");
    assert_eq!(profile["address"]["postcode"], "69003");
    assert_eq!(profile["siren_siret"], "842117533");
    assert_eq!(profile["vat_exempt"], true);
    assert_eq!(profile["iban"], "FR76 3000 6000 0112 3456 7890 189");
    assert_eq!(profile["signature_town"], "Lyon");
    assert_eq!(profile["addressed_as"], "madame");
    assert!(profile.get("signature").is_some() && profile.get("logo").is_some());

    // A partial update keeps the other fields; a VAT number ends the franchise.
    stdout(&ardoise(&db, &["profile", "--phone", "04 78 00 00 00", "--vat-number", "FR40842117533"]));
    let profile = json(&ardoise(&db, &["profile", "--json"]));
    assert_eq!((profile["phone"].as_str(), profile["vat_exempt"].as_bool()), (Some("04 78 00 00 00"), Some(false)));
    assert_eq!(profile["siren_siret"], "842117533");
    // A wrong IBAN is refused whole: the phone given with it is not written either.
    let refused = ardoise(&db, &["profile", "--phone", "06 00 00 00 00", "--iban", "FR00"]);
    assert!(stderr(&refused).contains("IBAN « FR00 » invalide"), "{}", stderr(&refused));
    assert_eq!(json(&ardoise(&db, &["profile", "--json"]))["phone"], "04 78 00 00 00");
    let text = stdout(&ardoise(&db, &["profile"]));
    assert!(text.contains("SIREN/SIRET : 842117533") && text.contains("ville de la date : Lyon"), "{text}");
}

/// From `init`, letters printed with a blank sender (« EI » alone, « , le 24 novembre 2026 », « par
/// virement sur le compte IBAN ou par chèque à l'ordre de . »); a client town « Lyon » then refused every
/// letter to that client.
#[test]
fn a_letter_from_an_empty_profile_names_what_is_missing_then_prints_the_sender() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["init"]));
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/un-client-sans-adresse.csv");
    stdout(&ardoise(&db, &["import", file.to_str().unwrap(), "--date", "2026-11-22"]));
    let pdf = folder.path().join("rappel.pdf");
    let letter = ["letter", "--kind", "friendly_reminder", "--client", "1", "--date", "2026-11-22", "--out"];
    let refused = ardoise(&db, &[&letter[..], &[pdf.to_str().unwrap()]].concat());
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    for words in ["votre nom légal", "votre code postal", "votre SIREN ou SIRET", "« <Ville>, le <date> »"] {
        assert!(message.contains(words), "{words:?} not in {message}");
    }
    for words in ["Mon profil", "ardoise profile --legal-name", "--signature-town", "votre IBAN n'est pas connu"] {
        assert!(message.contains(words), "{words:?} not in {message}");
    }
    assert!(!pdf.exists(), "nothing printed");
    // The dossier's sheets state the creditor too: refused the same way.
    let out = folder.path().to_str().unwrap();
    let dossier = ardoise(&db, &["dossier", "--client", "1", "--date", "2026-11-22", "--out", out]);
    assert!(stderr(&dossier).contains("Votre profil d'expéditeur est incomplet"), "{}", stderr(&dossier));

    stdout(&ardoise(&db, SENDER));
    stdout(&ardoise(&db, &[&letter[..], &[pdf.to_str().unwrap()]].concat()));
    let text = pdf_text(&pdf);
    for words in ["Marie DURAND EI", "12 RUE DES LILAS", "SIREN/SIRET 842117533", "Lyon, le 22 novembre 2026"] {
        assert!(text.contains(words), "{words:?} not in {text}");
    }
    // The client's town, « Lyon » in the file, is printed in capitals.
    assert!(text.contains("69002 LYON"), "{text}");
    assert!(text.contains("compte IBAN FR76 3000 6000 0112 3456 7890 189"), "{text}");
}

/// `batch` stopped at the first letter it could not print (no file at all): one client without an
/// address held back every other letter.
#[test]
fn batch_prints_every_letter_it_can_and_lists_each_refused_one() {
    for single in [false, true] {
        let folder = tempfile::tempdir().unwrap();
        let db = folder.path().join("ledger.sqlite3");
        stdout(&ardoise(&db, &["init"]));
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/un-client-sans-adresse.csv");
        stdout(&ardoise(&db, &["import", file.to_str().unwrap(), "--date", "2026-11-22"]));
        stdout(&ardoise(&db, SENDER));
        for client in ["1", "2", "3"] {
            stdout(&ardoise(&db, &["decide", "--client", client, "--action", "accept", "--date", "2026-11-22"]));
        }
        let lot = folder.path().join("lot");
        let mut arguments = vec!["batch", "--date", "2026-11-22", "--out", lot.to_str().unwrap()];
        if single {
            arguments.push("--single");
        }
        let output = ardoise(&db, &arguments);
        assert_eq!(output.status.code(), Some(1), "a letter was refused");
        let said = String::from_utf8_lossy(&output.stdout).into_owned();
        let files: Vec<_> = std::fs::read_dir(&lot).unwrap().map(|entry| entry.unwrap().path()).collect();
        assert_eq!(files.len(), if single { 1 } else { 2 }, "{said}");
        assert!(said.starts_with(&format!("{} fichier(s) écrit(s)", files.len())), "{said}");
        let message = stderr(&output);
        assert!(message.contains("2 courrier(s) écrit(s), 1 non imprimé(s)"), "{message}");
        assert!(message.contains("(Rappel amical) à Garage du Centre : Adresse de « Garage du Centre »"), "{message}");
        let text: String = files.iter().map(|file| pdf_text(file)).collect();
        assert!(text.contains("BOULANGERIE MARTIN") || text.contains("Boulangerie Martin SARL"), "{text}");
        assert!(text.contains("Hôtel du Cœur d'Or") && !text.contains("Garage du Centre"), "{text}");
        // The refused letter is not counted printed: it still waits; the others are printed.
        let letters = json(&ardoise(&db, &["letters", "--json"]));
        let status = |name: &str| {
            letters.as_array().unwrap().iter().find(|l| l["client_name"] == name).unwrap()["status"].clone()
        };
        assert_eq!(status("Garage du Centre"), "drafted");
        assert_eq!(status("Boulangerie Martin SARL"), "printed");
        assert_eq!(status("Hôtel du Cœur d'Or"), "printed");
    }
}

/// An unknown letter number ended in the window's words: « … introuvable : il a peut-être été supprimé.
/// Rechargez la page. »
#[test]
fn an_unknown_number_is_said_without_the_windows_words() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["init"]));
    for arguments in [
        &["letters", "cancel", "--letter", "99", "--reason", "erreur"][..],
        &["dispatch", "--letter", "99", "--deposit", "2026-11-24"][..],
    ] {
        let refused = ardoise(&db, arguments);
        assert_eq!(refused.status.code(), Some(1));
        let message = stderr(&refused);
        assert!(message.contains("Courrier n° 99 introuvable : il a peut-être été supprimé."), "{message}");
        assert!(!message.contains("Rechargez la page"), "{message}");
    }
}

/// Regression: the command line could not record a cheque received, a bank's rejection of it, or undo a
/// payment typed wrong: a letter's life from a terminal stopped at « partial payment ». `payment` does it
/// through the window's forms and checks, and what it records is what the invoices, the receipts book and
/// the statement then say.
#[test]
fn payments_are_recorded_split_rejected_and_deleted_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let csv = folder.path().join("factures.csv");
    std::fs::write(
        &csv,
        "N° facture;Client;Date;Échéance;Montant TTC\n\
         F-1;Plomberie Roux SARL;03/09/2026;03/10/2026;480,00\n\
         F-2;Plomberie Roux SARL;10/09/2026;10/10/2026;300,00\n\
         G-1;Garage du Centre;10/09/2026;10/10/2026;90,00\n",
    )
    .unwrap();
    stdout(&ardoise(&db, &["import", csv.to_str().unwrap(), "--date", "2026-11-01"]));
    let remaining = |number: &str| {
        let invoices = json(&ardoise(&db, &["invoices", "--json", "--date", "2026-11-30"]));
        let invoice = invoices.as_array().unwrap().iter().find(|i| i["number"] == number).unwrap().clone();
        invoice["remaining"].as_str().unwrap().to_string()
    };

    // Oldest first: 600 € pays F-1 (480) and 120 of F-2.
    let said = stdout(&ardoise(
        &db,
        &["payment", "record", "--client", "Plomberie Roux", "--amount", "600", "--method", "chèque"]
            .into_iter()
            .chain(["--date", "2026-11-10", "--reference", "n° 4471"])
            .collect::<Vec<_>>(),
    ));
    assert_eq!(
        said,
        "Règlement n° 1 enregistré : 600,00 € par chèque le 10/11/2026, de Plomberie Roux SARL (réf. n° 4471) — F-1 \
         480,00 €, F-2 120,00 €.\n"
    );
    assert_eq!([remaining("F-1"), remaining("F-2")], ["0.00", "180.00"]);

    // As the user says: all of it on F-2, the rest left to the client's credit.
    let recorded = json(&ardoise(
        &db,
        &["payment", "record", "--client", "1", "--amount", "200,00", "--method", "virement", "--date", "2026-11-12"]
            .into_iter()
            .chain(["--invoice", "F-2=180", "--json"])
            .collect::<Vec<_>>(),
    ));
    assert_eq!(recorded["id"], 2);
    assert_eq!(recorded["method"], "transfer");
    assert_eq!(recorded["invoices"], serde_json::json!(["F-2"]));
    assert_eq!(recorded["unallocated"], "20.00");

    // The cheque bounces: its invoices are owed again (less the client's 20 € credit), with the fees.
    let said = stdout(&ardoise(
        &db,
        &["payment", "reject", "1", "--date", "2026-11-15", "--fees", "12", "--reason", "sans provision"],
    ));
    assert!(said.contains("rejeté le 15/11/2026 (frais 12,00 €)"), "{said}");
    assert_eq!(remaining("F-1"), "460.00");
    let book = json(&ardoise(&db, &["receipts", "--from", "2026-11-01", "--to", "2026-11-30", "--json"]));
    let amounts: Vec<&str> = book["lines"].as_array().unwrap().iter().map(|l| l["amount"].as_str().unwrap()).collect();
    assert_eq!(amounts, ["600.00", "200.00", "-600.00"]);
    assert_eq!(book["lines"][0]["method"], "cheque");

    // Refusals in French, nothing written.
    let before = stdout(&ardoise(&db, &["payment", "list", "--json"]));
    for (arguments, words) in [
        (vec!["--amount", "50", "--method", "bitcoin"], "« bitcoin » n'est pas un mode de règlement"),
        (vec!["--amount", "abc", "--method", "cb"], "montant illisible « abc »"),
        (
            vec!["--amount", "50", "--method", "cb", "--invoice", "G-1=50"],
            "Plomberie Roux SARL n'a pas de facture « G-1 » ; ses factures : F-1, F-2.",
        ),
        (vec!["--amount", "50", "--method", "cb", "--invoice", "F-2=80"], "dépasse le montant du règlement"),
    ] {
        let mut all = vec!["payment", "record", "--client", "1"];
        all.extend(arguments);
        let output = ardoise(&db, &all);
        assert!(!output.status.success(), "{all:?}");
        assert!(stderr(&output).contains(words), "{all:?}: {}", stderr(&output));
    }
    assert_eq!(stdout(&ardoise(&db, &["payment", "list", "--json"])), before);

    // A payment typed wrong is deleted; F-2 is owed again.
    stdout(&ardoise(&db, &["payment", "delete", "2"]));
    let listed = stdout(&ardoise(&db, &["payment", "list", "--client", "1"]));
    assert!(listed.starts_with("n° 1    600,00 € par chèque") && !listed.contains("n° 2"), "{listed}");
    assert_eq!(remaining("F-2"), "300.00");
}

/// Regression: a client's address, e-mail or phone could be changed only in the window; from a terminal a
/// client whose address the envelope refused stayed stuck. `client edit` changes the fields given, checked
/// as the window checks them, and a refused value writes nothing.
#[test]
fn a_clients_record_is_shown_and_edited_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let csv = folder.path().join("factures.csv");
    std::fs::write(
        &csv,
        "N° facture;Client;Date;Échéance;Montant TTC\nF-1;Plomberie Roux SARL;03/09/2026;03/10/2026;480,00\n",
    )
    .unwrap();
    stdout(&ardoise(&db, &["import", csv.to_str().unwrap(), "--date", "2026-11-01"]));
    let shown = stdout(&ardoise(&db, &["client", "show", "plomberie roux"]));
    assert!(shown.starts_with("Client n° 1 : Plomberie Roux SARL (professionnel)\n  adresse      —\n"), "{shown}");
    assert!(shown.contains("à corriger avant d'imprimer : il manque la voie"), "{shown}");

    let said = stdout(&ardoise(
        &db,
        &["client", "edit", "1", "--street", "12, rue de la Paix", "--postcode", "75002", "--town", "Paris"]
            .into_iter()
            .chain(["--email", "compta@roux.fr", "--siren", "732829320"])
            .collect::<Vec<_>>(),
    ));
    assert!(said.starts_with("Fiche de Plomberie Roux SARL enregistrée.\n"), "{said}");
    assert!(said.contains("adresse      12 rue de la Paix, 75002 PARIS\n"), "{said}");
    let client = json(&ardoise(&db, &["client", "show", "1", "--json"]));
    assert_eq!(client["email"], "compta@roux.fr");
    assert_eq!(client["siren_siret"], "732829320");
    assert_eq!(client["address"]["town"], "Paris");

    for (arguments, words) in [
        (vec!["--email", "pas-une-adresse"], "adresse e-mail « pas-une-adresse » invalide"),
        (vec!["--postcode", "123", "--phone", "0600000000"], "il faut 5 chiffres"),
        (vec!["--siren", "123456789"], "SIREN"),
        (vec![], "rien à changer"),
    ] {
        let mut all = vec!["client", "edit", "1"];
        all.extend(arguments);
        let output = ardoise(&db, &all);
        assert!(!output.status.success(), "{all:?}");
        assert!(stderr(&output).contains(words), "{all:?}: {}", stderr(&output));
    }
    assert_eq!(json(&ardoise(&db, &["client", "show", "1", "--json"])), client, "a refused edit writes nothing");

    // A client taken for a person is a business after all: its type and its SIRET change together (the
    // SIRET alone is refused for a person).
    let person = folder.path().join("particulier.csv");
    std::fs::write(
        &person,
        "N° facture;Client;Date;Échéance;Montant TTC\nF-2;M. Jean Dupuis;03/09/2026;03/10/2026;300,00\n",
    )
    .unwrap();
    stdout(&ardoise(&db, &["import", person.to_str().unwrap(), "--date", "2026-11-01"]));
    let refused = ardoise(&db, &["client", "edit", "dupuis", "--siret", "73282932000074"]);
    assert!(stderr(&refused).contains("un particulier n'a pas de SIREN/SIRET"), "{}", stderr(&refused));
    let said = stdout(&ardoise(
        &db,
        &[
            "client",
            "edit",
            "dupuis",
            "--kind",
            "professionnel",
            "--company-name",
            "DUPUIS RENOV",
            "--siret",
            "73282932000074",
        ],
    ));
    assert!(said.contains("Client n° 2 : DUPUIS RENOV (professionnel)"), "{said}");
    let bad = ardoise(&db, &["client", "edit", "2", "--kind", "association"]);
    assert!(stderr(&bad).contains("« association » : écrivez professionnel ou particulier"), "{}", stderr(&bad));
}

/// Regression: a promise to pay, a dispute or a pause could be recorded only in the window, so from a
/// terminal the ladder chased a client who had promised, or disputed, and never proposed the letter for
/// a broken promise. `event add|list|close` records them through the window's follow-up form.
#[test]
fn promises_and_disputes_are_recorded_from_the_command_line_and_steer_the_proposals() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let csv = folder.path().join("factures.csv");
    std::fs::write(
        &csv,
        "N° facture;Client;Adresse;Code postal;Ville;Date;Échéance;Montant TTC\n\
         F-1;Plomberie Roux SARL;12 rue de la Paix;75002;Paris;03/09/2026;03/10/2026;480,00\n",
    )
    .unwrap();
    stdout(&ardoise(&db, &["import", csv.to_str().unwrap(), "--date", "2026-11-01"]));
    let proposed = |date: &str| -> Vec<String> {
        let proposals = json(&ardoise(&db, &["propose", "--date", date, "--json"]));
        proposals.as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(proposed("2026-11-02").len(), 1, "overdue: a reminder is proposed");

    // A promise of 480 € for 20 November: nothing to chase until then, then the broken promise.
    let said = stdout(&ardoise(
        &db,
        &["event", "add", "--client", "roux", "--kind", "promesse", "--amount", "480", "--until", "2026-11-20"]
            .into_iter()
            .chain(["--date", "2026-11-02", "--invoice", "F-1", "--text", "au téléphone"])
            .collect::<Vec<_>>(),
    ));
    assert_eq!(said, "Fait n° 1 enregistré pour Plomberie Roux SARL.\n");
    assert!(proposed("2026-11-10").is_empty());
    assert_eq!(proposed("2026-11-25"), ["broken_promise"]);

    // A dispute stops the reminders until it is closed.
    let refused = ardoise(&db, &["event", "add", "--client", "1", "--kind", "litige", "--date", "2026-11-26"]);
    assert!(stderr(&refused).contains("indiquez le motif de la contestation"), "{}", stderr(&refused));
    stdout(&ardoise(
        &db,
        &[
            "event",
            "add",
            "--client",
            "1",
            "--kind",
            "litige",
            "--date",
            "2026-11-26",
            "--text",
            "travaux non terminés",
        ],
    ));
    assert!(proposed("2026-11-27").is_empty());
    let listed = stdout(&ardoise(&db, &["event", "list", "--client", "1", "--date", "2026-11-27"]));
    assert!(listed.starts_with("26/11/2026 n° 2 Contestation (en cours) : travaux non terminés\n"), "{listed}");
    assert!(
        listed.contains("Promesse de paiement (facture F-1) : pour le 20 novembre 2026 — au téléphone"),
        "{listed}"
    );
    stdout(&ardoise(&db, &["event", "close", "2", "--date", "2026-11-28"]));
    assert!(!proposed("2026-11-29").is_empty(), "the reminders resume once the dispute is closed");

    let unknown = ardoise(&db, &["event", "add", "--client", "1", "--kind", "bof"]);
    assert!(stderr(&unknown).contains("« bof » : écrivez promesse, litige, pause"), "{}", stderr(&unknown));
}

/// A newer export cancelling an invoice of the ledger: the command said « rien n'est dû. Ligne ignorée. »
/// then « Rien à enregistrer : le registre est déjà à jour », while the invoice stayed owed and chased.
#[test]
fn an_import_cancelling_an_invoice_of_the_ledger_says_it_is_still_owed_there_and_not_that_all_is_up_to_date() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registre.sqlite3");
    let audit = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/audit");
    let first = audit.join("suivi-v1.csv");
    stdout(&ardoise(&db, &["import", first.to_str().unwrap(), "--date", "2026-12-07"]));
    let newer = audit.join("suivi-v2-sans-avoir.csv");
    let said = stdout(&ardoise(&db, &["import", newer.to_str().unwrap(), "--date", "2026-12-07"]));
    assert!(
        said.contains(
            "Ligne 2, colonne « Statut » : facture au statut « Annulée » dans votre logiciel, mais elle est dans le \
             registre, où elle reste due (1 200,00 €) et relancée"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "Rien à enregistrer : les lignes acceptées sont déjà à jour dans le registre, et les lignes refusées \
             ci-dessus n'y changent rien."
        ),
        "{said}"
    );
    assert!(!said.contains("déjà à jour pour ce fichier"), "{said}");
}

/// A spreadsheet whose titles the import does not recognise could only be imported from the window (its
/// mapping table): the command line answered « Associez-les dans la correspondance des colonnes » with no
/// way to do so. `--column TITRE=CHAMP` (a title, a letter or a number; a field id or its French label;
/// « - » to leave a column out) and `--header-row` describe the columns; the mapping is remembered, so the
/// next export of the same layout imports with no option.
#[test]
fn columns_the_import_does_not_recognise_are_mapped_from_the_command_line_and_remembered() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let csv = folder.path().join("export-maison.csv");
    std::fs::write(
        &csv,
        "Export maison du 30/11/2026\n\n\
         Réf;Société;Jour;Total à encaisser;Remarques\n\
         X-1;Dupont SARL;02/10/2026;1200,00;urgent\n\
         X-2;Martin EI;05/10/2026;300,00;\n",
    )
    .unwrap();
    let file = csv.to_str().unwrap();
    let refused = ardoise(&db, &["import", file]);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(message.contains("Aucune ligne d'en-tête reconnue"), "{message}");
    assert!(message.contains("En ligne de commande : --column \"TITRE=CHAMP\""), "{message}");
    assert!(!db.exists(), "a refused file creates no ledger");

    // A field the import does not have, a column the row does not have: said, nothing written.
    for (choice, expected) in [
        ("Jour=jour", "« jour » n'est pas un champ de l'import. Les champs : number (N° de facture), client"),
        ("Montant=amount", "pas de colonne « Montant » dans la ligne d'en-tête 3 (ses titres : « Réf », « Société »"),
        ("Réf", "« Réf » : écrivez la colonne, le signe = et le champ"),
    ] {
        let output =
            ardoise(&db, &["import", file, "--column", "Réf=number", "--column", "Societe=client", "--column", choice]);
        assert!(!output.status.success(), "{choice}");
        assert!(stderr(&output).contains(expected), "{choice}: {}", stderr(&output));
        assert!(!db.exists(), "{choice}: nothing written");
    }

    // Titles (any case, with or without accents), a letter, a French label, « - ».
    let said = stdout(&ardoise(
        &db,
        &[
            "import",
            file,
            "--column",
            "Ref=number",
            "--column",
            "SOCIÉTÉ=client",
            "--column",
            "C=issue_date",
            "--column",
            "Total à encaisser=Montant TTC",
            "--column",
            "Remarques=-",
            "--date",
            "2026-12-01",
        ],
    ));
    assert!(said.contains("2 nouvelle(s)"), "{said}");
    let invoices = json(&ardoise(&db, &["invoices", "--json", "--date", "2026-12-01"]));
    let read: Vec<(String, String, String, String)> = invoices
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let text = |key: &str| i[key].as_str().unwrap().to_string();
            (text("number"), text("client_name"), text("issue_date"), text("amount"))
        })
        .collect();
    assert_eq!(
        read,
        [
            ("X-1".into(), "Dupont SARL".into(), "2026-10-02".into(), "1200.00".into()),
            ("X-2".into(), "Martin EI".into(), "2026-10-05".into(), "300.00".into())
        ]
    );

    // The next export of the same layout needs no option: the mapping was remembered.
    std::fs::write(
        &csv,
        "Export maison du 31/12/2026\n\n\
         Réf;Société;Jour;Total à encaisser;Remarques\n\
         X-3;Dupont SARL;04/12/2026;450,00;\n",
    )
    .unwrap();
    let said = stdout(&ardoise(&db, &["import", file, "--date", "2026-12-31"]));
    assert!(said.contains("1 nouvelle(s)"), "{said}");

    // A header row given by its number, a column by its number.
    let other = folder.path().join("autre.csv");
    std::fs::write(&other, "Pièce;Tiers;Le;Valeur\nY-1;Garage du Centre;03/11/2026;90\n").unwrap();
    let said = stdout(&ardoise(
        &db,
        &[
            "import",
            other.to_str().unwrap(),
            "--header-row",
            "1",
            "--column",
            "Pièce=number",
            "--column",
            "2=client",
            "--column",
            "Le=issue_date",
            "--column",
            "D=amount",
            "--dry-run",
        ],
    ));
    assert!(said.contains("1 nouvelle(s)"), "{said}");
    assert!(said.contains("Nouveau client : Garage du Centre"), "{said}");
}

/// Form errors began with the field's internal name: « ardoise : from_address : adresse e-mail « x@ »
/// invalide », « host : », « port : », « security : », and « to : la fin de la période… » for `receipts`
/// and `accountant`. They name the field in French, as `client edit` and `profile` always did.
#[test]
fn form_errors_named_their_fields_by_their_internal_names() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    // (arguments, the French labels expected, the internal names that must not show)
    let cases: [(&[&str], &[&str], &[&str]); 4] = [
        (
            &["email", "setup", "--host", "", "--port", "0", "--security", "starttls", "--from", "x@"],
            &[
                "Serveur d'envoi : ",
                "Port : ",
                "Adresse d'expédition : adresse e-mail « x@ » invalide",
                "Identifiant : ",
            ],
            &["ardoise : host :", "; port :", "; from_address :", "; user :"],
        ),
        (
            &["email", "setup", "--host", "smtp.exemple.fr", "--port", "25", "--security", "none", "--from", "a@b.fr"],
            &["Sécurité : sans chiffrement"],
            &["ardoise : security :"],
        ),
        (
            &["receipts", "--from", "2026-12-31", "--to", "2026-01-01"],
            &["Fin de la période : la fin de la période (1er janvier 2026) précède son début"],
            &["ardoise : to :"],
        ),
        (&["accountant", "--from", "2026-12-31", "--to", "2026-01-01"], &["Fin de la période : "], &["ardoise : to :"]),
    ];
    for (arguments, labels, internal) in cases {
        let output = ardoise(&db, arguments);
        assert_eq!(output.status.code(), Some(1), "{arguments:?}: {}", stderr(&output));
        let message = stderr(&output);
        for label in labels {
            assert!(message.contains(label), "{arguments:?} lacks « {label} »: {message}");
        }
        for name in internal {
            assert!(!message.contains(name), "{arguments:?} says « {name} »: {message}");
        }
    }
}

/// `accountant --csv out/x.csv` wrote a ZIP under a `.csv` name and `receipts --csv out/r.xlsx` CSV under a
/// `.xlsx` one. A name announcing another format is refused, nothing written, the right extension named;
/// a name with the format's extension (in any case) or none is written as before.
#[test]
fn an_export_was_written_under_the_name_of_another_format() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let period = ["--from", "2026-01-01", "--to", "2026-12-31"];
    let file = |name: &str| folder.path().join(name).to_str().unwrap().to_string();
    // (command, option, file name, the name the message proposes)
    let refused = [
        ("accountant", "--csv", "x.csv", "« x.zip »"),
        ("accountant", "--xlsx", "x.csv", "« x.xlsx »"),
        ("receipts", "--csv", "r.xlsx", "« r.csv »"),
        ("receipts", "--xlsx", "r.csv", "« r.xlsx »"),
        ("receipts", "--pdf", "r.txt", "« r.pdf »"),
    ];
    for (command, option, name, proposed) in refused {
        let output = ardoise(&db, &[&[command, option, &file(name)][..], &period].concat());
        assert_eq!(output.status.code(), Some(1), "{command} {option} {name}");
        let message = stderr(&output);
        assert!(message.contains("Fichier : ") && message.contains(proposed), "{command} {option} {name}: {message}");
        assert!(!folder.path().join(name).exists(), "{command} {option} {name} wrote a file");
    }
    for (command, option, name) in
        [("accountant", "--csv", "x.zip"), ("receipts", "--csv", "r.CSV"), ("receipts", "--xlsx", "sans-extension")]
    {
        stdout(&ardoise(&db, &[&[command, option, &file(name)][..], &period].concat()));
        assert!(folder.path().join(name).is_file(), "{command} {option} {name}");
    }
}
