//! A payment whose method nobody gave is recorded « non précisé », never as a transfer: an invoicing
//! tool's « Payé » column, then what the receipts book (and its CSV), the accountant's export, the
//! statement of account and the partial-payment letter say of it; and a ledger written before the method
//! could be unspecified opens with every payment, allocation and rejection as it was.

mod older;

use ardoise::desk::books::{self, BookFormat};
use ardoise::desk::import::{import_file, ImportRequest};
use ardoise::desk::letter_facts::LetterRequest;
use ardoise::desk::{demo, letters};
use ardoise::domain::books::Period;
use ardoise::domain::letter_kind::LetterKind;
use ardoise::domain::model::{PaymentFields, PaymentMethod, Rejection};
use ardoise::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

fn day(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).unwrap()
}

/// A tool's export whose F-2026-002 was paid 200 € of 480 € on 10 November, imported on the 12th.
fn imported_partly_paid(ledger: &mut Ledger) -> i64 {
    let file = "N° facture;Client;Date;Échéance;Montant TTC;Payé;Date de paiement\n\
                F-2026-002;Boulangerie Le Fournil SARL;03/02/2026;05/03/2026;480,00;200,00;10/11/2026\n";
    let request = ImportRequest {
        file_name: "suivi.csv",
        bytes: file.as_bytes(),
        sheet: None,
        mapping: None,
        today: day("2026-11-12"),
        expected_sha256: None,
    };
    import_file(ledger, &request, false, &mut |_| {}).unwrap();
    ledger.invoice_by_number("F-2026-002").unwrap().unwrap().invoice.client_id
}

/// Regression: the import recorded the « Payé » column as a transfer, and the receipts book, the
/// accountant's export, the statement of account and the partial-payment letter all said « virement ».
#[test]
fn a_paid_column_read_from_a_tool_export_is_recorded_with_its_method_unspecified() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open_in_memory().unwrap();
    let client = imported_partly_paid(&mut ledger);
    let payments = ledger.payments(client).unwrap();
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0].method, PaymentMethod::Unspecified);

    let november = Period { from: day("2026-11-01"), to: day("2026-11-30") };
    let book = books::receipts(&ledger, november).unwrap();
    let methods: Vec<&str> = book.lines.iter().map(|line| line.method_label).collect();
    assert_eq!(methods, ["non précisé"]);
    let csv_path = folder.path().join("livre.csv");
    books::export_receipts(&ledger, november, BookFormat::Csv, &csv_path, day("2026-11-12")).unwrap();
    let csv = String::from_utf8_lossy(&std::fs::read(&csv_path).unwrap()).into_owned();
    assert!(csv.contains("non précisé") && !csv.contains("irement"), "{csv}");

    let accountant = books::accountant(&ledger, november).unwrap();
    let methods: Vec<&str> = accountant.payments.iter().map(|payment| payment.method_label).collect();
    assert_eq!(methods, ["non précisé"]);

    let statement = books::statement(&ledger, client, day("2026-11-12")).unwrap().statement;
    let received: Vec<&str> = statement
        .entries
        .iter()
        .filter(|entry| entry.label.starts_with("Règlement"))
        .map(|entry| entry.label.as_str())
        .collect();
    assert_eq!(received, ["Règlement (Import suivi.csv (F-2026-002))"]);
    let timeline = ardoise::desk::clients::client_detail(&ledger, client, day("2026-11-12")).unwrap().timeline;
    let received: Vec<&str> =
        timeline.iter().filter(|entry| entry.kind == "payment").map(|entry| entry.detail.as_str()).collect();
    assert_eq!(received, ["Mode de règlement non précisé, Import suivi.csv (F-2026-002), affecté à F-2026-002"]);

    // The acknowledgement says the money came, not how.
    let letter = composed(&ledger, LetterKind::PartialPayment, client, "2026-11-12");
    assert!(letter.body.contains("votre règlement de 200,00\u{a0}€ le 10 novembre 2026"), "{}", letter.body);
    assert!(!letter.body.contains("non précisé") && !letter.body.contains("par virement le"), "{}", letter.body);
}

/// The letter about a rejected payment says « votre règlement … du », never « par non précisé ».
#[test]
fn a_rejected_payment_letter_says_nothing_of_a_method_nobody_gave() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let client = imported_partly_paid(&mut ledger);
    let imported = ledger.payments(client).unwrap()[0].id;
    let rejection = Rejection { date: day("2026-11-16"), fees: Decimal::ZERO, reason: String::new() };
    ledger.reject_payment(imported, &rejection).unwrap();
    let letter = composed(&ledger, LetterKind::RejectedPayment, client, "2026-11-17");
    assert!(letter.body.contains("Votre règlement de 200,00\u{a0}€ du 10 novembre 2026"), "{}", letter.body);
    assert!(!letter.body.contains("non précisé"), "{}", letter.body);
}

/// The same letter about a payment whose method is known still names it.
#[test]
fn a_partial_payment_letter_names_a_known_method() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let client = imported_partly_paid(&mut ledger);
    let imported = ledger.payments(client).unwrap()[0].id;
    ledger.delete_payment(imported).unwrap();
    cheque_of_200_on_10_november(&mut ledger, client);
    let letter = composed(&ledger, LetterKind::PartialPayment, client, "2026-11-12");
    assert!(letter.body.contains("votre règlement de 200,00\u{a0}€ par chèque le 10 novembre 2026"), "{}", letter.body);
}

/// Regression: the receipts book counted a payment whose method nobody gave among « autres moyens »,
/// stating it was not cash. It is now apart: its own total, neither column of the CSV and workbook (its
/// amount is in « Montant », the total's remark says how much), its own column in the PDF, and the same
/// split on the command line.
#[test]
fn the_receipts_book_keeps_a_payment_of_unknown_method_apart_from_cash_and_the_other_means() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registre.db");
    let mut ledger = Ledger::open(&db).unwrap();
    let client = imported_partly_paid(&mut ledger);
    for (date, amount, method) in [("2026-11-12", 80, PaymentMethod::Cash), ("2026-11-13", 100, PaymentMethod::Cheque)]
    {
        let fields = PaymentFields {
            client_id: client,
            date: day(date),
            amount: Decimal::from(amount),
            method,
            reference: String::new(),
            allocations: None,
        };
        ledger.record_payment(&fields).unwrap();
    }
    let november = Period { from: day("2026-11-01"), to: day("2026-11-30") };
    let book = books::receipts(&ledger, november).unwrap();
    let totals = &book.totals;
    let split = [totals.amount, totals.cash, totals.other_means, totals.unspecified].map(|a| a.to_string());
    assert_eq!(split, ["380.00", "80.00", "100.00", "200.00"]);
    assert_eq!(book.months[0].totals, book.totals);

    let csv_path = folder.path().join("livre.csv");
    books::export_receipts(&ledger, november, BookFormat::Csv, &csv_path, day("2026-11-30")).unwrap();
    let csv = String::from_utf8_lossy(&std::fs::read(&csv_path).unwrap()).into_owned();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().map(|record| record.unwrap().iter().map(String::from).collect()).collect();
    let heading = &rows[0];
    let column = |name: &str| heading.iter().position(|cell| cell.trim_start_matches('\u{feff}') == name).unwrap();
    let (method, amount, cash, other, remark) = (
        column("Mode de règlement"),
        column("Montant"),
        column("Espèces"),
        column("Autres moyens"),
        column("Remarque"),
    );
    let unknown = rows.iter().find(|row| row.get(method).is_some_and(|cell| cell == "non précisé")).unwrap();
    assert_eq!([&unknown[amount], &unknown[cash], &unknown[other]], ["200,00", "", ""], "{csv}");
    let total = rows.iter().find(|row| row[0] == "Total novembre 2026").unwrap();
    assert_eq!([&total[amount], &total[cash], &total[other]], ["380,00", "80,00", "100,00"], "{csv}");
    assert_eq!(total[remark], "3 ligne(s) ; dont mode non précisé : 200,00\u{a0}€", "{csv}");

    let pdf_path = folder.path().join("livre.pdf");
    books::export_receipts(&ledger, november, BookFormat::Pdf, &pdf_path, day("2026-11-30")).unwrap();
    let output = std::process::Command::new("pdftotext").args([pdf_path.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let text = text.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>();
    let text = text.join(" ");
    assert!(text.contains("Mode non précisé"), "{text}");
    assert!(text.contains("espèces 80,00 €, autres moyens 100,00 €, mode non précisé 200,00 €"), "{text}");

    drop(ledger);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ardoise"))
        .args(["--db", db.to_str().unwrap(), "receipts", "--from", "2026-11-01", "--to", "2026-11-30"])
        .output()
        .unwrap();
    let printed = String::from_utf8(output.stdout).unwrap();
    assert!(printed.contains("(espèces 80,00 €, autres moyens 100,00 €, mode non précisé 200,00 € ;"), "{printed}");
}

/// Regression: a user's copy of a template written before a method could be unknown says « par {{
/// payment.method }} » unguarded, and the letter printed « par non précisé ». It now waits, saying how to
/// mend the copy; the same copy for a payment whose method is known prints as before.
#[test]
fn a_template_copy_naming_the_method_unguarded_does_not_print_par_non_precise() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let client = imported_partly_paid(&mut ledger);
    for (name, guarded, unguarded) in [
        (
            "partial_payment",
            "{% if payment.method_known %}par {{ payment.method }} {% endif %}",
            "par {{ payment.method }} ",
        ),
        (
            "rejected_payment",
            "{% if rejection.method_known %}par {{ rejection.method }} {% endif %}",
            "par {{ rejection.method }} ",
        ),
    ] {
        let original = ardoise::documents::letters::catalogue::embedded(name).unwrap().source;
        assert!(original.contains(guarded), "{name}");
        letters::save_template(&mut ledger, name, &original.replace(guarded, unguarded)).unwrap();
    }
    let imported = ledger.payments(client).unwrap()[0].id;

    let letter = composed(&ledger, LetterKind::PartialPayment, client, "2026-11-12");
    assert!(letter.body.contains("par non précisé"), "{}", letter.body);
    let refusal = letter.problems.iter().find(|problem| problem.contains("« par non précisé »"));
    assert!(refusal.is_some_and(|problem| problem.contains("payment.method_known")), "{:?}", letter.problems);

    let rejection = Rejection { date: day("2026-11-16"), fees: Decimal::ZERO, reason: String::new() };
    ledger.reject_payment(imported, &rejection).unwrap();
    let letter = composed(&ledger, LetterKind::RejectedPayment, client, "2026-11-17");
    assert!(letter.problems.iter().any(|problem| problem.contains("« par non précisé »")), "{:?}", letter.problems);

    // The same copies print a method that was given.
    ledger.delete_payment(imported).unwrap();
    cheque_of_200_on_10_november(&mut ledger, client);
    let letter = composed(&ledger, LetterKind::PartialPayment, client, "2026-11-12");
    assert!(letter.body.contains("par chèque le 10 novembre 2026"), "{}", letter.body);
    assert!(!letter.problems.iter().any(|problem| problem.contains("« par ")), "{:?}", letter.problems);
}

/// The client's cheque of 200 € received on 10 November 2026.
fn cheque_of_200_on_10_november(ledger: &mut Ledger, client: i64) {
    let fields = PaymentFields {
        client_id: client,
        date: day("2026-11-10"),
        amount: Decimal::from(200),
        method: PaymentMethod::Cheque,
        reference: String::new(),
        allocations: None,
    };
    ledger.record_payment(&fields).unwrap();
}

/// The letter of `kind` to `client` as composed on `date`, about the kind's usual invoices.
fn composed(ledger: &Ledger, kind: LetterKind, client: i64, date: &str) -> letters::Letter {
    let request = LetterRequest {
        kind,
        client_id: client,
        date: day(date),
        variant: String::new(),
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    letters::compose_request(ledger, &request, None).unwrap()
}

/// The schema before « non précisé »: migration 15 is the one that brings it.
const BEFORE_UNSPECIFIED: usize = 14;

/// Migration 15 rebuilds `payments` to accept « unspecified » (SQLite cannot widen a CHECK) while
/// `payment_allocations` and `payment_rejections` reference it: dropping the old table with foreign keys
/// on would have deleted every allocation and rejection. A ledger from before it opens with every row
/// as it was, its references still enforced, and takes a payment whose method is unspecified.
#[test]
fn a_ledger_from_before_unspecified_methods_opens_with_every_payment_intact() {
    let today = day("2026-11-22");
    let current = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&current.path().join("ardoise.sqlite3")).unwrap();
    demo::populate(&mut ledger, today).unwrap();
    let before = ledger.export().unwrap();
    for table in ["payments", "payment_allocations", "payment_rejections"] {
        assert!(!before.tables[table].is_empty(), "the demo holds {table}");
    }
    let current_path = ledger.path().unwrap().to_path_buf();
    drop(ledger);

    let old = tempfile::tempdir().unwrap();
    let old_path = old.path().join("ardoise.sqlite3");
    older::write_as_schema(&current_path, &old_path, BEFORE_UNSPECIFIED);
    let mut upgraded = Ledger::open(&old_path).unwrap();
    assert_eq!(upgraded.schema_version().unwrap(), ardoise::ledger::SCHEMA_VERSION);
    let after = upgraded.export().unwrap();
    assert_eq!(after.tables, before.tables, "every row of every table, ids and order kept");

    // The references point at the rebuilt table: deleting a payment still takes its allocations with it.
    let allocated = after.tables["payment_allocations"][0]["payment_id"].as_i64().unwrap();
    upgraded.delete_payment(allocated).unwrap();
    let left = upgraded.export().unwrap();
    assert!(left.tables["payment_allocations"].iter().all(|row| row["payment_id"].as_i64() != Some(allocated)));

    // And the rebuilt table takes a payment whose method nobody gave.
    let client = after.tables["clients"][0]["id"].as_i64().unwrap();
    let fields = PaymentFields {
        client_id: client,
        date: today,
        amount: Decimal::from(10),
        method: PaymentMethod::Unspecified,
        reference: String::new(),
        allocations: Some(Vec::new()),
    };
    let id = upgraded.record_payment(&fields).unwrap();
    assert_eq!(upgraded.payment(id).unwrap().method, PaymentMethod::Unspecified);
}

/// A bank credit's method: from the label's words, else from what the file says apart (Qonto's
/// « Payment method » column, a CAMT bank transaction family), else « non précisé ». A batch of transfers
/// (« REMISE VIREMENTS ») is transfers; a CAMT batch that names no method and gives no family code was
/// recorded as a transfer, a fact the statement never gave.
#[test]
fn a_bank_credit_is_a_transfer_only_when_the_statement_says_so() {
    use ardoise::import::bank::{read_statement, CsvOptions};
    let cases: &[(&str, &[PaymentMethod])] = &[
        (
            "qonto.csv",
            &[PaymentMethod::Transfer, PaymentMethod::Transfer, PaymentMethod::Transfer, PaymentMethod::Transfer],
        ),
        (
            "camt053-v02.xml",
            &[PaymentMethod::Transfer, PaymentMethod::Transfer, PaymentMethod::Transfer, PaymentMethod::Transfer],
        ),
        ("camt053-remise-plusieurs-payeurs.xml", &[PaymentMethod::Unspecified, PaymentMethod::Unspecified]),
    ];
    for (file, expected) in cases {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bank").join(file);
        let options = CsvOptions { mapping: None, remembered: None };
        let statement = read_statement(file, &std::fs::read(path).unwrap(), options).unwrap();
        let methods: Vec<PaymentMethod> = statement
            .booked_credits()
            .filter(|line| !line.label.contains("CHEQUE") && !line.label.contains("chèque"))
            .map(|line| line.method())
            .collect();
        assert_eq!(&methods, expected, "{file}");
    }
}
