//! Payments, credit notes and write-offs as the monthly books see them (F13), found by an audit of the
//! books: a payment never goes to what a credit note already covers; a write-off gives up only what
//! payments and credit notes left; money received after a write-off, write-offs from the command line;
//! what a payment form refuses (a cash payment « rejected », a date after today); the receipts files'
//! columns; the nature of an overpayment.

use ardoise::desk::books::{self, Nature};
use ardoise::desk::forms::PaymentText;
use ardoise::desk::payments::{self, PaymentFields, PaymentMethod, Rejection};
use ardoise::desk::{clients, invoices, ledger_file, Ledger};
use ardoise::domain::model::{ClientFields, ClientKind, InvoiceFields};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;
use std::process::Command;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn eur(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// A ledger with one professional client and its invoices: (number, issue date, amount, nature, corrects).
fn ledger_with(invoices: &[(&str, &str, &str, Nature, Option<&str>)]) -> (Ledger, i64, Vec<i64>) {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let client = ledger
        .create_client(&ClientFields {
            kind: ClientKind::Professional,
            company_name: "Boutique Ardent".into(),
            ..ClientFields::default()
        })
        .unwrap();
    let ids: Vec<i64> = invoices
        .iter()
        .map(|(number, issued, amount, nature, _)| {
            ledger
                .create_invoice(&InvoiceFields {
                    number: number.to_string(),
                    client_id: client,
                    issue_date: day(issued),
                    due_date: Some(day(issued) + chrono::Days::new(30)),
                    amount: eur(amount),
                    amount_excl_vat: None,
                    object: format!("Vente {number}"),
                    penalty_rate: None,
                    written_off_on: None,
                    payment_terms: None,
                    nature: Some(*nature),
                })
                .unwrap()
        })
        .collect();
    if invoices.iter().all(|(.., corrects)| corrects.is_none()) {
        return (ledger, client, ids);
    }
    // A credit note naming the invoice it corrects comes from an import or a load: through the ledger's JSON.
    let mut export = serde_json::to_value(ledger_file::export_json(&ledger).unwrap()).unwrap();
    for row in export["tables"]["invoices"].as_array_mut().unwrap() {
        let number = row["number"].as_str().unwrap().to_string();
        if let Some((.., Some(corrects))) = invoices.iter().find(|(n, ..)| *n == number) {
            row["corrects"] = serde_json::json!(corrects);
        }
    }
    let mut loaded = Ledger::open_in_memory().unwrap();
    ledger_file::load_json(&mut loaded, &export.to_string(), "registre.json").unwrap();
    (loaded, client, ids)
}

fn pay(ledger: &mut Ledger, client: i64, date: &str, amount: &str, method: PaymentMethod) -> i64 {
    payments::record_payment(
        ledger,
        &PaymentFields {
            client_id: client,
            date: day(date),
            amount: eur(amount),
            method,
            reference: String::new(),
            allocations: None,
        },
    )
    .unwrap()
}

/// Each invoice's number with what the invoice list says remains, on `as_of`.
fn remaining(ledger: &Ledger, as_of: &str) -> Vec<(String, String)> {
    invoices::invoice_list(ledger, None, day(as_of))
        .unwrap()
        .into_iter()
        .map(|line| (line.row.invoice.number, line.remaining.to_string()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// A spreadsheet credit note names no invoice: it covered F1, yet the second payment was split « F1 200,00 €,
/// F2 300,00 € » and the book showed 200 € of goods for a payment of the services of F2.
#[test]
fn a_payment_never_goes_to_what_a_credit_note_naming_no_invoice_already_covers() {
    let (mut ledger, client, _) = ledger_with(&[
        ("F1", "2026-10-01", "1000.00", Nature::Goods, None),
        ("A1", "2026-10-05", "-200.00", Nature::Goods, None),
        ("F2", "2026-11-01", "500.00", Nature::Services, None),
    ]);
    // The payment form offers F1 for what the credit note leaves of it.
    let split = payments::payment_split(&ledger, client, eur("1300.00")).unwrap();
    let offered: Vec<(String, String, String)> =
        split.iter().map(|s| (s.number.clone(), s.remaining.to_string(), s.amount.to_string())).collect();
    assert_eq!(
        offered,
        [("F1", "800.00", "800.00"), ("F2", "500.00", "500.00")].map(|(n, r, a)| (
            n.to_string(),
            r.to_string(),
            a.to_string()
        ))
    );
    pay(&mut ledger, client, "2026-10-10", "800.00", PaymentMethod::Transfer);
    assert_eq!(remaining(&ledger, "2026-11-05"), pairs(&[("F1", "0.00"), ("A1", "0.00"), ("F2", "500.00")]));
    let split = payments::payment_split(&ledger, client, eur("500.00")).unwrap();
    assert_eq!(
        split.iter().map(|s| (s.number.as_str(), s.amount.to_string())).collect::<Vec<_>>(),
        [("F2", "500.00".to_string())]
    );
    let cheque = pay(&mut ledger, client, "2026-11-05", "500.00", PaymentMethod::Cheque);
    let recorded = payments::payment_line(&ledger, cheque).unwrap();
    assert_eq!(recorded.invoices, ["F2"]);
    assert_eq!(remaining(&ledger, "2026-11-05"), pairs(&[("F1", "0.00"), ("A1", "0.00"), ("F2", "0.00")]));
    let book = books::receipts(&ledger, books::period(day("2026-11-01"), day("2026-11-30")).unwrap()).unwrap();
    let line = &book.lines[0];
    assert_eq!((line.goods.to_string(), line.services.to_string()), ("0.00".into(), "500.00".into()));
}

/// F10 1 000 €, A10 −200 €, a cheque of 300 €: 500 € were due, yet the write-off gave up 700 € and left the
/// client 200 € in credit, whether the credit note named F10 or not.
#[test]
fn a_write_off_gives_up_only_what_payments_and_credit_notes_left() {
    for corrects in [None, Some("F10")] {
        let (mut ledger, client, ids) = ledger_with(&[
            ("F10", "2026-09-01", "1000.00", Nature::Services, None),
            ("A10", "2026-09-15", "-200.00", Nature::Services, corrects),
        ]);
        let credit_note = ledger.invoice_by_number("A10").unwrap().unwrap().invoice;
        assert_eq!(credit_note.corrects.as_deref(), corrects);
        pay(&mut ledger, client, "2026-10-05", "300.00", PaymentMethod::Cheque);
        assert_eq!(remaining(&ledger, "2026-11-01"), pairs(&[("F10", "500.00"), ("A10", "0.00")]), "{corrects:?}");
        invoices::write_off(&mut ledger, ids[0], day("2026-11-15")).unwrap();
        let statement = books::statement(&ledger, client, day("2026-12-07")).unwrap().statement;
        let write_off = statement.entries.last().unwrap();
        assert_eq!(
            (write_off.label.as_str(), write_off.credit.to_string(), statement.balance.to_string()),
            ("Abandon de créance, facture F10", "500.00".to_string(), "0.00".to_string()),
            "{corrects:?}"
        );
        let export = books::accountant(&ledger, books::period(day("2026-11-01"), day("2026-11-30")).unwrap()).unwrap();
        let given_up: Vec<(String, String, String)> = export
            .write_offs
            .iter()
            .map(|w| (w.paid.to_string(), w.credited.to_string(), w.written_off.to_string()))
            .collect();
        assert_eq!(given_up, [("300.00".into(), "200.00".into(), "500.00".into())], "{corrects:?}");
        let summary = clients::client_list(&ledger, day("2026-12-07")).unwrap();
        assert_eq!(summary[0].balance.to_string(), "0.00", "{corrects:?}");
        assert_eq!(remaining(&ledger, "2026-12-07"), pairs(&[("F10", "0.00"), ("A10", "0.00")]), "{corrects:?}");
        // Before the write-off, the statement still owes the 500 €.
        let before = books::statement(&ledger, client, day("2026-11-14")).unwrap().statement;
        assert_eq!(before.balance.to_string(), "500.00", "{corrects:?}");
    }
}

/// Money for an invoice written off was refused « la répartition vise une facture qui n'est pas ouverte »
/// without saying why, and the command line had no way to write an invoice off or to cancel that.
#[test]
fn money_for_an_invoice_written_off_says_how_to_cancel_the_write_off_which_the_command_line_does() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registre.sqlite3");
    let file = folder.path().join("factures.csv");
    std::fs::write(
        &file,
        "N° facture;Date;Client;SIRET;Nature;Montant TTC\n\
         F10;01/09/2025;Garage Martel;62210983310004;Services;1000,00\n\
         A10;15/09/2025;Garage Martel;62210983310004;Services;-200,00\n",
    )
    .unwrap();
    let help = said(&ardoise(&db, &["--help"]));
    assert!(help.contains("write-off") && help.contains("Passe une facture en perte"), "{help}");
    said(&ardoise(&db, &["init"]));
    said(&ardoise(&db, &["import", file.to_str().unwrap()]));
    let cheque =
        ["payment", "record", "--client", "1", "--amount", "300", "--method", "cheque", "--date", "2025-10-05"];
    said(&ardoise(&db, &cheque));
    let written_off = said(&ardoise(&db, &["write-off", "--invoice", "F10", "--date", "2025-11-15"]));
    assert!(written_off.contains("Facture F10 passée en perte le 15/11/2025 : 500,00 € abandonnés"), "{written_off}");
    let statement = said(&ardoise(&db, &["statement", "--client", "1", "--date", "2025-12-31"]));
    assert!(statement.contains("Solde au 31/12/2025 : 0,00 €"), "{statement}");
    let recovery = [
        "payment",
        "record",
        "--client",
        "1",
        "--amount",
        "100",
        "--method",
        "cheque",
        "--date",
        "2025-12-01",
        "--invoice",
        "F10=100",
    ];
    let refused = ardoise(&db, &recovery);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains(
            "la facture F10 a été passée en perte le 15/11/2025 : annulez l'abandon (`ardoise write-off --invoice \
             F10 --cancel`"
        ),
        "{message}"
    );
    let again = ardoise(&db, &["write-off", "--invoice", "F10"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("déjà passée en perte depuis le 15/11/2025"));
    let cancelled = said(&ardoise(&db, &["write-off", "--invoice", "F10", "--cancel"]));
    assert!(cancelled.contains("Abandon de la facture F10 annulé : 500,00 € restent dus."), "{cancelled}");
    let recorded = said(&ardoise(&db, &recovery));
    assert!(recorded.contains("F10 100,00 €"), "{recorded}");
    let twice = ardoise(&db, &["write-off", "--invoice", "F10", "--cancel"]);
    assert!(String::from_utf8_lossy(&twice.stderr).contains("La facture F10 n'est pas passée en perte."));
}

/// A cash payment was marked « rejeté par la banque »: no bank rejects cash; a payment typed wrong is deleted.
#[test]
fn a_cash_payment_is_not_rejected_by_a_bank_but_deleted() {
    let (mut ledger, client, _) = ledger_with(&[("F1", "2026-10-01", "100.00", Nature::Goods, None)]);
    let cash = pay(&mut ledger, client, "2026-10-10", "100.00", PaymentMethod::Cash);
    let rejection = Rejection { date: day("2026-10-12"), fees: Decimal::ZERO, reason: String::new() };
    let refused = payments::reject_payment(&mut ledger, cash, &rejection).unwrap_err().to_string();
    assert!(refused.contains("en espèces : aucune banque ne le rejette"), "{refused}");
    assert!(refused.contains(&format!("ardoise payment delete {cash}")), "{refused}");
    assert!(payments::payment_line(&ledger, cash).unwrap().payment.rejection.is_none());
    let cheque = pay(&mut ledger, client, "2026-10-11", "10.00", PaymentMethod::Cheque);
    payments::reject_payment(&mut ledger, cheque, &rejection).unwrap();
}

/// `payment record --date` after today was accepted, though an import refuses payments dated after today.
#[test]
fn a_payment_dated_after_today_is_refused_as_the_import_refuses_it() {
    let (ledger, client, _) = ledger_with(&[("F1", "2026-10-01", "100.00", Nature::Goods, None)]);
    let today = day("2026-12-08");
    let form = |date: &str| PaymentText {
        client_id: client,
        date: date.into(),
        amount: "100".into(),
        method: PaymentMethod::Cheque,
        ..PaymentText::default()
    };
    let refused = form("09/12/2026").read_on(today).unwrap_err().to_string();
    let import_says = ardoise::desk::import::payment_date(Some("09/12/2026"), today).unwrap_err().to_string();
    let rule =
        "le 9 décembre 2026 est après aujourd'hui : un règlement déjà reçu se date au plus tard du 8 décembre 2026.";
    assert!(refused.contains(rule), "{refused}");
    assert!(import_says.contains(rule), "{import_says}");
    assert_eq!(form("08/12/2026").read_on(today).unwrap().date, today);
    drop(ledger);
    // The command line reads the clock.
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("registre.sqlite3");
    said(&ardoise(&db, &["demo"]));
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Days::new(2)).to_string();
    let refused = ardoise(
        &db,
        &["payment", "record", "--client", "1", "--amount", "10", "--method", "cheque", "--date", &tomorrow],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("est après aujourd'hui"));
}

/// The receipts CSV and XLSX had no « Mode non précisé » column though the PDF has one: on such a line
/// « Espèces » plus « Autres moyens » was not « Montant ».
#[test]
fn the_receipts_csv_and_workbook_have_the_column_of_receipts_of_no_known_means() {
    use calamine::Reader;
    let (mut ledger, client, ids) = ledger_with(&[("F1", "2026-10-01", "300.00", Nature::Goods, None)]);
    pay(&mut ledger, client, "2026-10-05", "50.00", PaymentMethod::Cash);
    pay(&mut ledger, client, "2026-10-06", "100.00", PaymentMethod::Cheque);
    ledger
        .record_payment(&PaymentFields {
            client_id: client,
            date: day("2026-10-07"),
            amount: eur("150.00"),
            method: PaymentMethod::Unspecified,
            reference: String::new(),
            allocations: Some(vec![ardoise::domain::model::Allocation { invoice_id: ids[0], amount: eur("150.00") }]),
        })
        .unwrap();
    let october = books::period(day("2026-10-01"), day("2026-10-31")).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let csv_path = folder.path().join("recettes.csv");
    books::export_receipts(&ledger, october, books::BookFormat::Csv, &csv_path, day("2026-11-01")).unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    let records: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(
        records[0][7..],
        ["Espèces", "Autres moyens", "Marchandises", "Services", "Remarque", "Mode non précisé"]
    );
    let columns = |record: &Vec<String>| [6, 7, 8, 12].map(|column| record[column].clone());
    assert_eq!(columns(&records[1]), ["50,00", "50,00", "", ""]);
    assert_eq!(columns(&records[2]), ["100,00", "", "100,00", ""]);
    assert_eq!(columns(&records[3]), ["150,00", "", "", "150,00"]);
    assert_eq!(columns(records.last().unwrap()), ["300,00", "50,00", "100,00", "150,00"]);
    let xlsx_path = folder.path().join("recettes.xlsx");
    books::export_receipts(&ledger, october, books::BookFormat::Xlsx, &xlsx_path, day("2026-11-01")).unwrap();
    let mut workbook = calamine::open_workbook_auto(&xlsx_path).unwrap();
    let sheet = workbook.worksheet_range("Livre des recettes").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    let header = rows.iter().position(|row| row[0] == "Date").unwrap();
    assert_eq!(rows[header][12].to_string(), "Mode non précisé");
    assert_eq!(rows[header + 3][12].to_string(), "150");
    assert_eq!(rows[header + 3][7].to_string(), "");
    assert_eq!(rows.last().unwrap()[12].to_string(), "150");
}

/// An 800 € cheque on a 780 € goods invoice was « mixte », its 20 € excess « services » by the ledger's
/// default: the excess takes the nature of the invoices it paid when they share one.
#[test]
fn an_overpayment_takes_the_nature_of_the_invoices_it_paid() {
    let (mut ledger, client, _) = ledger_with(&[("F1", "2026-10-01", "780.00", Nature::Goods, None)]);
    pay(&mut ledger, client, "2026-10-05", "800.00", PaymentMethod::Cheque);
    let book = books::receipts(&ledger, books::period(day("2026-10-01"), day("2026-10-31")).unwrap()).unwrap();
    let line = &book.lines[0];
    assert_eq!(
        (line.nature_label, line.goods.to_string(), line.services.to_string()),
        ("marchandises", "800.00".to_string(), "0.00".to_string())
    );
    // Invoices of both natures: the excess goes by the default, as before.
    let (mut ledger, client, _) = ledger_with(&[
        ("F1", "2026-10-01", "100.00", Nature::Goods, None),
        ("F2", "2026-10-02", "100.00", Nature::Services, None),
    ]);
    books::save_default_nature(&mut ledger, Nature::Goods).unwrap();
    pay(&mut ledger, client, "2026-10-05", "250.00", PaymentMethod::Cheque);
    let book = books::receipts(&ledger, books::period(day("2026-10-01"), day("2026-10-31")).unwrap()).unwrap();
    let line = &book.lines[0];
    assert_eq!((line.goods.to_string(), line.services.to_string()), ("150.00".to_string(), "100.00".to_string()));
}

fn ardoise(db: &Path, arguments: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().expect("ardoise runs")
}

/// What a command that must succeed wrote.
fn said(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}
