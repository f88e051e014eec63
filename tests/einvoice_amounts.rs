//! What an imported e-invoice asks and how its money is counted: a down payment invoice (386) and the
//! final invoice deducting it count the deposit's money once, in either order; the amount due (BT-115)
//! with its rounding (BT-114) is what is owed, and a MINIMUM invoice's amount due below its total says a
//! prepaid amount; a payee other than the seller (BG-10, factoring) is said at import; payment terms fixing
//! a day of the month give that day; and the command line shows every note an import infers.
//! Fixtures: `tests/data/einvoice/amounts/`, an outside audit's files (issued by Marie DURAND EI, SIREN
//! 732 829 320).

use ardoise::desk::import::{self, ImportOptions};
use ardoise::desk::{self, Ledger};
use ardoise::domain::books::Period;
use ardoise::domain::model::{Allocation, PaymentFields, PaymentMethod, Profile};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The import's day, after every fixture's issue date.
const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 20) {
    Some(date) => date,
    None => unreachable!(),
};

fn date(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).unwrap()
}

fn euros(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/einvoice/amounts").join(name)
}

/// A new ledger with the profile of the sole trader every fixture is issued by.
fn new_ledger() -> (tempfile::TempDir, Ledger, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    let mut ledger = desk::ledger_file::open(&path).unwrap();
    let profile =
        Profile { legal_name: "Marie DURAND EI".into(), siren_siret: "732829320".into(), ..Profile::default() };
    desk::settings::save_profile(&mut ledger, &profile).unwrap();
    (folder, ledger, path)
}

/// Imports the fixtures named, as one import on `TODAY`, and returns its plan.
fn import(ledger: &mut Ledger, names: &[&str]) -> import::ImportPlan {
    let paths: Vec<PathBuf> = names.iter().map(|name| fixture(name)).collect();
    let sources = import::read_sources(&paths).unwrap();
    let options = ImportOptions { sheet: None, mapping: None, today: TODAY, expected_sha256: None };
    let (plan, record) = sources.import(ledger, &options, false, &mut |_| {}).unwrap();
    assert!(record.is_some(), "nothing imported: {:?}", plan.rejected);
    plan
}

/// Each invoice's number with its amount and what is still owed on it on `as_of`.
fn owed(ledger: &Ledger, as_of: NaiveDate) -> Vec<(String, Decimal, Decimal)> {
    desk::invoices::invoice_list(ledger, None, as_of)
        .unwrap()
        .into_iter()
        .map(|line| (line.row.invoice.number.clone(), line.row.invoice.amount, line.remaining))
        .collect()
}

fn notes_of<'a>(plan: &'a import::ImportPlan, number: &str) -> &'a [String] {
    &plan.rows.iter().find(|row| row.number == number).unwrap_or_else(|| panic!("no row {number}")).notes
}

/// The receipts of October 2026: each line's date and amount, and the total.
fn october_receipts(ledger: &Ledger) -> (Vec<(NaiveDate, Decimal)>, Decimal) {
    let book = desk::books::receipts(ledger, Period { from: date("2026-10-01"), to: date("2026-10-31") }).unwrap();
    let lines = book.lines.iter().map(|line| (line.date, line.amount)).collect();
    (lines, book.lines.iter().map(|line| line.amount).sum())
}

fn client_id(ledger: &Ledger, name: &str) -> i64 {
    desk::clients::client_list(ledger, TODAY).unwrap().into_iter().find(|c| c.name == name).unwrap().id
}

/// Regression: imported together, the down payment invoice F2026-205 stayed owed (360 €) beside the final
/// invoice F2026-206 that deducts it, whose prepaid amount was recorded as a payment: the client owed
/// 1 200 € for 840 € due, and F2026-205 was dunned.
#[test]
fn a_down_payment_invoice_imported_with_its_final_invoice_is_owed_once() {
    let (_folder, mut ledger, _) = new_ledger();
    let plan = import(&mut ledger, &["cii-acompte-386.xml", "cii-solde-apres-acompte.xml"]);
    let notes = notes_of(&plan, "F2026-206");
    assert!(
        notes.iter().any(|note| note.starts_with(
            "Facture de solde : elle déduit la facture d'acompte « F2026-205 » (360,00\u{a0}€, de cet import)"
        )),
        "{notes:?}"
    );
    let owed_now = owed(&ledger, TODAY);
    let total: Decimal = owed_now.iter().map(|(_, _, remaining)| *remaining).sum();
    assert_eq!(total, euros("840"), "{owed_now:?}");
    assert!(owed_now.contains(&("F2026-206".to_string(), euros("1200"), euros("840"))), "{owed_now:?}");
    // The 360 € were received once.
    let (_, received) = october_receipts(&ledger);
    assert_eq!(received, euros("360"));
    // Nothing chases the down payment invoice; the final invoice is chased for what it asks.
    let proposals = desk::proposals::proposals(&ledger, date("2026-12-15")).unwrap();
    let chased: Vec<(String, Decimal)> = proposals
        .iter()
        .flat_map(|proposal| proposal.invoices.iter().map(|invoice| (invoice.number.clone(), invoice.remaining)))
        .collect();
    assert_eq!(chased, [("F2026-206".to_string(), euros("840"))]);
}

/// Regression: the down payment invoice imported and paid by transfer first, then the final invoice:
/// its prepaid amount was recorded as a new payment and the receipts book showed 720 € for 360 €
/// received.
#[test]
fn a_final_invoice_imported_after_its_paid_down_payment_invoice_records_no_second_receipt() {
    let (_folder, mut ledger, _) = new_ledger();
    import(&mut ledger, &["cii-acompte-386.xml"]);
    let client_id = client_id(&ledger, "SCI LES TILLEULS");
    let deposit = desk::invoices::invoice_list(&ledger, None, TODAY).unwrap()[0].row.invoice.id;
    let mut transfer = PaymentFields {
        client_id,
        date: date("2026-10-03"),
        amount: euros("360"),
        method: PaymentMethod::Transfer,
        reference: "VIR SCI LES TILLEULS F2026-205".into(),
        allocations: Some(vec![Allocation { invoice_id: deposit, amount: euros("360") }]),
    };
    transfer.validate().unwrap();
    desk::payments::record_payment(&mut ledger, &transfer).unwrap();

    let plan = import(&mut ledger, &["cii-solde-apres-acompte.xml"]);
    let row = plan.rows.iter().find(|row| row.number == "F2026-206").unwrap();
    assert!(row.payments.is_empty(), "a second receipt: {:?}", row.payments);
    assert!(
        row.notes.iter().any(|note| note.contains("déjà dans le registre")
            && plan.rows[0].notes.iter().any(|n| n.contains("il n'est pas enregistré une seconde fois"))),
        "{:?}",
        row.notes
    );
    let (lines, received) = october_receipts(&ledger);
    assert_eq!(lines, [(date("2026-10-03"), euros("360"))]);
    assert_eq!(received, euros("360"));
    let total: Decimal = owed(&ledger, TODAY).iter().map(|(_, _, remaining)| *remaining).sum();
    assert_eq!(total, euros("840"));

    // The same files again change nothing.
    let again = import::read_sources(&[fixture("cii-acompte-386.xml"), fixture("cii-solde-apres-acompte.xml")])
        .unwrap()
        .import(
            &mut ledger,
            &ImportOptions { sheet: None, mapping: None, today: TODAY, expected_sha256: None },
            false,
            &mut |_| {},
        )
        .unwrap()
        .0;
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 2), "{:?}", again.rows);
}

/// Regression: a final invoice deducting only what its down payment invoice received (BT-113 200 € of a
/// 360 € deposit, citing it) was not linked to it: the deposit still owed 160 €, the client 1 160 € for
/// 1 000 € due, and the receipts book had the 200 € twice. The link the file states holds whatever BT-113
/// is; a final invoice deducting the whole deposit still counts only the part not yet received.
#[test]
fn a_final_invoice_deducting_what_its_deposit_received_is_linked_to_it() {
    struct Case {
        final_invoice: &'static str,
        number: &'static str,
        received_before: Option<&'static str>,
        owed: &'static str,
        receipts: &'static [(&'static str, &'static str)],
    }
    let cases = [
        // The deposit received 200 € by transfer, then the final invoice deducts those 200 €.
        Case {
            final_invoice: "cii-solde-deja-paye-200.xml",
            number: "F2026-207",
            received_before: Some("200"),
            owed: "1000",
            receipts: &[("2026-10-10", "200")],
        },
        // The same deposit, and a final invoice deducting all 360 €: the 160 € not received yet are new.
        Case {
            final_invoice: "cii-solde-apres-acompte.xml",
            number: "F2026-206",
            received_before: Some("200"),
            owed: "840",
            receipts: &[("2026-10-10", "200"), ("2026-10-15", "160")],
        },
        // Both imported together, nothing received before: the 200 € deducted are the one receipt.
        Case {
            final_invoice: "cii-solde-deja-paye-200.xml",
            number: "F2026-207",
            received_before: None,
            owed: "1000",
            receipts: &[("2026-10-15", "200")],
        },
    ];
    for case in cases {
        let (_folder, mut ledger, _) = new_ledger();
        let plan = match case.received_before {
            Some(amount) => {
                import(&mut ledger, &["cii-acompte-386.xml"]);
                let client_id = client_id(&ledger, "SCI LES TILLEULS");
                let deposit = desk::invoices::invoice_list(&ledger, None, TODAY).unwrap()[0].row.invoice.id;
                let mut transfer = PaymentFields {
                    client_id,
                    date: date("2026-10-10"),
                    amount: euros(amount),
                    method: PaymentMethod::Transfer,
                    reference: "VIR SEPA RECU /DE SCI LES TILLEULS /MOTIF ACOMPTE F2026-205".into(),
                    allocations: Some(vec![Allocation { invoice_id: deposit, amount: euros(amount) }]),
                };
                transfer.validate().unwrap();
                desk::payments::record_payment(&mut ledger, &transfer).unwrap();
                import(&mut ledger, &[case.final_invoice])
            }
            None => import(&mut ledger, &["cii-acompte-386.xml", case.final_invoice]),
        };
        let notes = notes_of(&plan, case.number);
        assert!(
            notes.iter().any(|note| note
                .starts_with("Facture de solde : elle déduit la facture d'acompte « F2026-205 » (360,00\u{a0}€")),
            "{}: {notes:?}",
            case.final_invoice
        );
        let owed_now = owed(&ledger, TODAY);
        let total: Decimal = owed_now.iter().map(|(_, _, remaining)| *remaining).sum();
        assert_eq!(total, euros(case.owed), "{}: {owed_now:?}", case.final_invoice);
        assert!(
            owed_now.contains(&(case.number.to_string(), euros("1200"), euros(case.owed))),
            "{}: {owed_now:?}",
            case.final_invoice
        );
        let (mut lines, _) = october_receipts(&ledger);
        lines.sort();
        let expected: Vec<(NaiveDate, Decimal)> =
            case.receipts.iter().map(|(day, amount)| (date(day), euros(amount))).collect();
        assert_eq!(lines, expected, "{}", case.final_invoice);
    }
}

/// Regression: the rounding (BT-114) was left out: 1 199,98 € owed for 1 200,00 € due, and a transfer of
/// 1 200 € was 0,02 € too much.
#[test]
fn the_amount_owed_includes_the_rounding_of_the_amount_due() {
    let (_folder, mut ledger, _) = new_ledger();
    let plan = import(&mut ledger, &["cii-arrondi-bt114.xml", "peppol-bis3-complet.xml"]);
    assert!(
        notes_of(&plan, "F2026-212").iter().any(|note| note.starts_with(
            "Arrondi du montant à payer (BT-114) de 0,02\u{a0}€ : la facture demande 1\u{a0}200,00\u{a0}€"
        )),
        "{:?}",
        notes_of(&plan, "F2026-212")
    );
    let owed_now = owed(&ledger, TODAY);
    assert!(owed_now.contains(&("F2026-212".to_string(), euros("1200"), euros("1200"))), "{owed_now:?}");
    // Peppol: 2 040,00 € with VAT, 500,00 € prepaid, rounding 0,30 €: 1 540,30 € to pay.
    assert!(owed_now.contains(&("F2026-301".to_string(), euros("2040.30"), euros("1540.30"))), "{owed_now:?}");
}

/// Regression: a MINIMUM invoice (no BT-113) whose amount due (BT-115, 470,15 €) is below its total
/// (671,15 €) was owed in full.
#[test]
fn a_minimum_invoice_owes_its_amount_due_the_difference_read_as_prepaid() {
    let (_folder, mut ledger, _) = new_ledger();
    let plan = import(&mut ledger, &["facturx-minimum-fnfe.xml"]);
    assert!(
        notes_of(&plan, "FA-2026-0300")
            .iter()
            .any(|note| note.contains("la différence, 201,00 €, est lue comme déjà payée")),
        "{:?}",
        notes_of(&plan, "FA-2026-0300")
    );
    assert_eq!(owed(&ledger, TODAY), [("FA-2026-0300".to_string(), euros("671.15"), euros("470.15"))]);
}

/// Regression: the payee (BG-10) was not read: an invoice assigned to a factor was imported without a word,
/// and its reminders asked payment on the seller's account. Now the row says so and the invoice's dunning
/// is paused until the user ends the pause.
#[test]
fn an_invoice_payable_to_a_factor_is_said_at_import_and_left_off_the_ladder() {
    let (_folder, mut ledger, _) = new_ledger();
    let files = ["cii-tva-multiples-remise-affactureur.xml", "peppol-bis3-complet.xml", "cii-arrondi-bt114.xml"];
    let plan = import(&mut ledger, &files);
    for (number, payee) in
        [("F2026-213", "BPIFRANCE FACTOR (SIREN 356000000)"), ("F2026-301", "FACTOR SA (SIREN 356000000)")]
    {
        let notes = notes_of(&plan, number);
        assert!(
            notes.iter().any(|note| note
                .starts_with(&format!("Bénéficiaire du paiement (BG-10) autre que le vendeur : {payee}. La facture"))
                && note.contains("Ses relances sont suspendues à partir du 20/10/2026")),
            "{number}: {notes:?}"
        );
    }
    // An invoice that names no payee says nothing of the kind.
    assert!(notes_of(&plan, "F2026-212").iter().all(|note| !note.contains("BG-10")));
    let chased: Vec<String> = desk::proposals::proposals(&ledger, date("2027-03-01"))
        .unwrap()
        .iter()
        .flat_map(|proposal| proposal.invoices.iter().map(|invoice| invoice.number.clone()))
        .collect();
    assert_eq!(chased, ["F2026-212"]);

    // The same files again pause nothing more.
    let paths: Vec<PathBuf> = files.iter().map(|name| fixture(name)).collect();
    let options = ImportOptions { sheet: None, mapping: None, today: TODAY, expected_sha256: None };
    let (again, _) = import::read_sources(&paths).unwrap().import(&mut ledger, &options, false, &mut |_| {}).unwrap();
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 3));
}

/// Regression: « Paiement à 30 jours fin de mois le 10 » gave 30/11 for an invoice of 10/10 (the 10th was
/// dropped), and « Paiement au 15 du mois suivant » was not read (the default terms applied).
#[test]
fn payment_terms_fixing_a_day_of_the_month_give_that_day() {
    let (_folder, mut ledger, _) = new_ledger();
    let plan = import(&mut ledger, &["cii-echeance-fdm-le-10.xml", "cii-echeance-15-mois-suivant.xml"]);
    let due: Vec<(&str, NaiveDate)> = plan.rows.iter().map(|row| (row.number.as_str(), row.due_date)).collect();
    assert_eq!(due, [("T-10", date("2026-12-10")), ("T-13", date("2026-11-15"))]);
    assert!(
        notes_of(&plan, "T-13").iter().any(|note| note.contains("« Paiement au 15 du mois suivant »")),
        "{:?}",
        notes_of(&plan, "T-13")
    );

    // A spreadsheet's terms are read by the same parser: issued 10/03, + 30 days, end of April, the 10th.
    let folder = tempfile::tempdir().unwrap();
    let sheet = folder.path().join("factures.csv");
    std::fs::write(
        &sheet,
        "N° facture;Client;Date;Montant TTC;Conditions de paiement\n\
         F-1;Boulangerie Martin;10/03/2026;120,00;30 jours fin de mois le 10\n\
         F-2;Boulangerie Martin;10/03/2026;80,00;Paiement au 15 du mois suivant\n",
    )
    .unwrap();
    let sources = import::read_sources(&[sheet]).unwrap();
    let options = ImportOptions { sheet: None, mapping: None, today: TODAY, expected_sha256: None };
    let (plan, _) = sources.import(&mut ledger, &options, true, &mut |_| {}).unwrap();
    let due: Vec<(&str, NaiveDate)> = plan.rows.iter().map(|row| (row.number.as_str(), row.due_date)).collect();
    assert_eq!(due, [("F-1", date("2026-05-10")), ("F-2", date("2026-04-15"))], "{:?}", plan.rejected);
    assert_eq!(
        plan.rows[0].notes,
        ["Échéance calculée au 10/05/2026 : conditions de paiement de la facture, 30 jours fin de mois le 10."]
    );
}

/// Regression: an invoice payable in three instalments (EXTENDED, PartialPaymentAmount) was imported as
/// due in full at the first one, without a word. Ardoise keeps no instalments in an invoice: the row says so.
#[test]
fn an_invoice_payable_in_instalments_says_it_is_held_due_in_full() {
    let (_folder, mut ledger, _) = new_ledger();
    let plan = import(&mut ledger, &["fx-extended-echeances.pdf"]);
    let notes = notes_of(&plan, "F2026-404");
    assert!(
        notes.iter().any(|note| note.starts_with(
            "Facture payable en 3 échéances : 400,00\u{a0}€ au 31/10/2026, 400,00\u{a0}€ au 30/11/2026, \
             400,00\u{a0}€ au 31/12/2026. Ardoise ne suit pas les échéances d'une facture : elle la tient pour \
             due en entier au 31/10/2026"
        )),
        "{notes:?}"
    );
}

/// Regression: the command line showed none of the notes an import infers (`messages: []` in every
/// file, nothing printed): the due date taken from the terms, the rounding, the payee...
#[test]
fn the_command_line_shows_the_notes_of_each_file() {
    let (folder, ledger, path) = new_ledger();
    drop(ledger);
    let files = [fixture("cii-echeance-fdm-le-10.xml"), fixture("cii-tva-multiples-remise-affactureur.xml")];
    let run = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_ardoise"))
            .arg("--db")
            .arg(&path)
            .arg("import")
            .args(&files)
            .args(extra)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let text = run(&["--dry-run"]);
    assert!(
        text.contains(
            "  Note : Pas de date d'échéance (BT-9) : échéance du 10/12/2026 tirée des conditions de paiement"
        ),
        "{text}"
    );
    assert!(
        text.contains("  Note : Bénéficiaire du paiement (BG-10) autre que le vendeur : BPIFRANCE FACTOR"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["--json"])).unwrap();
    let notes = json["files"][1]["notes"].as_array().unwrap();
    assert!(notes.iter().any(|note| note.as_str().unwrap().contains("BPIFRANCE FACTOR")), "{notes:?}");
    let rows = json["notes"].as_array().unwrap();
    assert_eq!(rows.iter().map(|row| row["number"].as_str().unwrap()).collect::<Vec<_>>(), ["T-10", "F2026-213"]);
    drop(folder);
}

/// The down payment fixture (F2026-205, 360 €, issued 01/10/2026) with each replacement made.
fn variant(replacements: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(fixture("cii-acompte-386.xml")).unwrap();
    for (from, to) in replacements {
        assert!(text.contains(from), "{from} not in the fixture");
        text = text.replacen(from, to, 1);
    }
    text
}

/// Imports files written from `files` (name, XML) as one import on `TODAY` (a dry run when `dry_run`).
fn import_written(ledger: &mut Ledger, files: &[(&str, String)], dry_run: bool) -> import::ImportPlan {
    let folder = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, text)| {
            let path = folder.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let sources = import::read_sources(&paths).unwrap();
    let options = ImportOptions { sheet: None, mapping: None, today: TODAY, expected_sha256: None };
    sources.import(ledger, &options, dry_run, &mut |_| {}).unwrap().0
}

const ISSUED_ON: &str = "<udt:DateTimeString format=\"102\">20261001</udt:DateTimeString></ram:IssueDateTime>";
const DUE_ON: &str = "<ram:DueDateDateTime><udt:DateTimeString format=\"102\">20261001</udt:DateTimeString>";
const DUE_BEFORE: &str = "<ram:DueDateDateTime><udt:DateTimeString format=\"102\">20260925</udt:DateTimeString>";
const CONTEXT: &str = "<rsm:ExchangedDocumentContext>";
const PAID_FRAME: &str = "<rsm:ExchangedDocumentContext>\n<ram:BusinessProcessSpecifiedDocumentContextParameter>\
    <ram:ID>S2</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>";

/// An audit's e-invoices made by other software: a due date before the invoice's date was refused
/// whatever the invoice, while the French rule BR-FR-CO-07 admits it for a down payment invoice (386) and
/// an invoice already paid (billing frames B2, S2, M2), and a credit note's due date means nothing. Each is
/// imported, payable at its date, said; any other invoice still gets the refusal naming BT-9.
#[test]
fn a_due_date_before_the_invoice_s_date_is_admitted_where_the_french_rules_admit_it() {
    let (_folder, mut ledger, _) = new_ledger();
    let invoice = |number: &str, extra: &[(&str, &str)]| {
        let id = format!("<ram:ID>{number}</ram:ID>");
        let mut replacements = vec![("<ram:ID>F2026-205</ram:ID>", id.as_str()), (DUE_ON, DUE_BEFORE)];
        replacements.extend_from_slice(extra);
        variant(&replacements)
    };
    let files = [
        ("acompte.xml", invoice("D-1", &[])),
        (
            "deja-payee.xml",
            invoice(
                "S-2",
                &[("<ram:TypeCode>386</ram:TypeCode>", "<ram:TypeCode>380</ram:TypeCode>"), (CONTEXT, PAID_FRAME)],
            ),
        ),
        (
            "payee-a-la-commande.xml",
            invoice(
                "P-3",
                &[
                    ("<ram:TypeCode>386</ram:TypeCode>", "<ram:TypeCode>380</ram:TypeCode>"),
                    (
                        "<ram:DuePayableAmount>360.00",
                        "<ram:TotalPrepaidAmount>360.00</ram:TotalPrepaidAmount><ram:DuePayableAmount>0.00",
                    ),
                ],
            ),
        ),
        ("ordinaire.xml", invoice("O-4", &[("<ram:TypeCode>386</ram:TypeCode>", "<ram:TypeCode>380</ram:TypeCode>")])),
        (
            "avoir.xml",
            invoice(
                "A-5",
                &[
                    ("<ram:TypeCode>386</ram:TypeCode>", "<ram:TypeCode>381</ram:TypeCode>"),
                    (
                        "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>",
                        "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode><ram:InvoiceReferencedDocument>\
                         <ram:IssuerAssignedID>D-1</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>",
                    ),
                ],
            ),
        ),
    ];
    assert!(files[0].1.contains(ISSUED_ON));
    let plan = import_written(&mut ledger, &files, false);
    let due: Vec<(&str, NaiveDate)> =
        plan.rows.iter().filter(|row| row.number != "A-5").map(|row| (row.number.as_str(), row.due_date)).collect();
    assert_eq!(due, [("D-1", date("2026-10-01")), ("S-2", date("2026-10-01")), ("P-3", date("2026-10-01"))]);
    let said = |number: &str| notes_of(&plan, number).join(" | ");
    assert!(said("D-1").contains("Échéance (BT-9) du 25/09/2026 antérieure à la date de facture, admise pour une facture d'acompte : la facture est inscrite payable à sa date, le 01/10/2026."), "{}", said("D-1"));
    assert!(said("S-2").contains("admise pour une facture déjà payée (cadre de facturation S2)"), "{}", said("S-2"));
    assert!(
        said("P-3").contains("admise pour une facture déjà payée (montant à payer nul, BT-115)"),
        "{}",
        said("P-3")
    );
    assert!(
        said("A-5").contains(
            "Échéance (BT-9) du 25/09/2026 antérieure à la date de l'avoir : sans objet pour un avoir, ignorée."
        ),
        "{}",
        said("A-5")
    );
    let refused: Vec<String> = plan.rejected.iter().map(|problem| problem.message.clone()).collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].contains("échéance du 25/09/2026 antérieure à la date de facture"), "{refused:?}");
    assert!(plan.rows.iter().all(|row| row.number != "O-4"));
}

/// A cash discount's deadline was read as the due date: « Escompte de 1,5 % pour tout règlement avant le
/// 10/10/2026 » beside « Règlement à 30 jours » made the invoice late three weeks early, its interest
/// running from then; an EXTENDED invoice's discount term (ApplicableTradePaymentDiscountTerms) came before
/// its net term and won. The due date is the net one.
#[test]
fn a_cash_discount_deadline_is_not_the_due_date() {
    let (_folder, mut ledger, _) = new_ledger();
    let terms = |number: &str, terms: &str| {
        let id = format!("<ram:ID>{number}</ram:ID>");
        variant(&[
            ("<ram:ID>F2026-205</ram:ID>", id.as_str()),
            ("<ram:TypeCode>386</ram:TypeCode>", "<ram:TypeCode>380</ram:TypeCode>"),
            (
                "<ram:SpecifiedTradePaymentTerms><ram:Description>Acompte 30 % à réception</ram:Description><ram:DueDateDateTime><udt:DateTimeString format=\"102\">20261001</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>",
                terms,
            ),
        ])
    };
    let text = |words: &str| {
        format!("<ram:SpecifiedTradePaymentTerms><ram:Description>{words}</ram:Description></ram:SpecifiedTradePaymentTerms>")
    };
    let files = [
        ("apres.xml", terms("E-1", &text("Règlement à 30 jours date de facture. Escompte de 1,5 % pour tout règlement avant le 10/10/2026."))),
        ("avant.xml", terms("E-2", &text("Escompte de 2 % pour paiement avant le 10/10/2026, sinon paiement à 30 jours"))),
        ("ecrite.xml", terms("E-3", &text("Échéance le 31/10/2026. Escompte de 1,5 % pour règlement avant le 10/10/2026."))),
        (
            "extended.xml",
            terms(
                "E-4",
                "<ram:SpecifiedTradePaymentTerms><ram:Description>Escompte 2 % si paiement sous 14 jours</ram:Description>\
                 <ram:DueDateDateTime><udt:DateTimeString format=\"102\">20261015</udt:DateTimeString></ram:DueDateDateTime>\
                 <ram:ApplicableTradePaymentDiscountTerms><ram:BasisPeriodMeasure unitCode=\"DAY\">14</ram:BasisPeriodMeasure>\
                 <ram:CalculationPercent>2.00</ram:CalculationPercent></ram:ApplicableTradePaymentDiscountTerms></ram:SpecifiedTradePaymentTerms>\
                 <ram:SpecifiedTradePaymentTerms><ram:Description>Net à 30 jours</ram:Description>\
                 <ram:DueDateDateTime><udt:DateTimeString format=\"102\">20261031</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>",
            ),
        ),
    ];
    let plan = import_written(&mut ledger, &files, true);
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    let due: Vec<(&str, NaiveDate)> = plan.rows.iter().map(|row| (row.number.as_str(), row.due_date)).collect();
    assert_eq!(
        due,
        [
            ("E-1", date("2026-10-31")),
            ("E-2", date("2026-10-31")),
            ("E-3", date("2026-10-31")),
            ("E-4", date("2026-10-31"))
        ]
    );
}

/// A Norwegian buyer's organisation number (9 digits, no scheme, as EHF invoices write it) was checked as a
/// French SIREN and the invoice refused (« clé de contrôle »). An unmarked number is the one of the buyer's
/// own legal environment: a SIREN only in France. A credit note citing two invoices is linked to the first
/// and says so.
#[test]
fn a_foreign_buyer_s_unmarked_number_is_no_siren_and_a_second_cited_invoice_is_said() {
    let (_folder, mut ledger, _) = new_ledger();
    let abroad = |country: &str| {
        variant(&[
            ("<ram:ID>F2026-205</ram:ID>", "<ram:ID>N-1</ram:ID>"),
            ("<ram:TypeCode>386</ram:TypeCode>", "<ram:TypeCode>380</ram:TypeCode>"),
            ("<ram:ID schemeID=\"0002\">120027016</ram:ID>", "<ram:ID>914778271</ram:ID>"),
            ("<ram:CityName>Lyon</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>\n\n</ram:BuyerTradeParty>", &format!("<ram:CityName>Bergen</ram:CityName><ram:CountryID>{country}</ram:CountryID></ram:PostalTradeAddress>\n\n</ram:BuyerTradeParty>")),
        ])
    };
    let plan = import_written(&mut ledger, &[("norvege.xml", abroad("NO"))], true);
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    assert_eq!(plan.new_clients.len(), 1);
    assert_eq!(plan.new_clients[0].fields.siren_siret, "");
    // In France the same number is a SIREN, and a wrong one.
    let plan = import_written(&mut ledger, &[("france.xml", abroad("FR"))], true);
    assert_eq!(plan.rejected.len(), 1);
    assert!(plan.rejected[0].message.contains("la clé de contrôle ne correspond pas"), "{:?}", plan.rejected);

    // A credit note of 360 € citing D-1 and D-2: deducted from D-1, D-2 named.
    let deposit = |number: &str| variant(&[("<ram:ID>F2026-205</ram:ID>", &format!("<ram:ID>{number}</ram:ID>"))]);
    let credit = variant(&[
        ("<ram:ID>F2026-205</ram:ID>", "<ram:ID>A-9</ram:ID>"),
        ("<ram:TypeCode>386</ram:TypeCode>", "<ram:TypeCode>381</ram:TypeCode>"),
        (
            "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>",
            "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>\
             <ram:InvoiceReferencedDocument><ram:IssuerAssignedID>D-1</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>\
             <ram:InvoiceReferencedDocument><ram:IssuerAssignedID>D-2</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>",
        ),
    ]);
    let plan = import_written(
        &mut ledger,
        &[("d1.xml", deposit("D-1")), ("d2.xml", deposit("D-2")), ("avoir.xml", credit)],
        false,
    );
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    assert!(
        notes_of(&plan, "A-9").iter().any(|note| note == "L'avoir cite aussi la facture « D-2 » : il est déduit de la première facture citée, « D-1 », seulement. S'il porte aussi sur elle, corrigez à la main ce qui reste dû sur chacune."),
        "{:?}",
        notes_of(&plan, "A-9")
    );
    let owed = owed(&ledger, TODAY);
    let of = |number: &str| owed.iter().find(|(n, _, _)| n == number).map(|(_, _, left)| *left);
    assert_eq!((of("D-1"), of("D-2")), (Some(euros("0")), Some(euros("360"))));
}

/// A client recorded as a consumer by a spreadsheet (« Martin Dubois ») that a B2B e-invoice names by its
/// SIREN (« Martin DUBOIS EI », SIREN in scheme 0002) kept its consumer rules: the SIREN was dropped
/// without a word (the form refuses a SIREN for a consumer), so no 40 € indemnity and no interest before a
/// mise en demeure. The import makes it a professional client, fills the SIREN, says both, and its undo
/// puts the consumer back.
#[test]
fn a_consumer_client_named_by_its_siren_in_an_e_invoice_becomes_a_professional_one() {
    let (_folder, mut ledger, _) = new_ledger();
    let sheet = "N° facture;Client;Date;Montant TTC\nF-1;Martin Dubois;01/09/2026;120,00\n".to_string();
    import_written(&mut ledger, &[("factures.csv", sheet)], false);
    let dubois = client_id(&ledger, "Martin DUBOIS");
    let kind = |ledger: &Ledger| ledger.client(dubois).unwrap().fields.kind;
    assert_eq!(kind(&ledger), ardoise::domain::model::ClientKind::Consumer);
    let before = ledger.client(dubois).unwrap().fields;

    let invoice = variant(&[
        ("<ram:TypeCode>386</ram:TypeCode>", "<ram:TypeCode>380</ram:TypeCode>"),
        ("<ram:Name>SCI LES TILLEULS</ram:Name>", "<ram:Name>Martin DUBOIS EI</ram:Name>"),
    ]);
    let plan = import_written(&mut ledger, &[("F2026-205.xml", invoice)], false);
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    assert_eq!(plan.client_updates.len(), 1, "{:?}", plan.new_clients);
    let changes: Vec<(&str, &str, &str)> = plan.client_updates[0]
        .changes
        .iter()
        .map(|change| (change.label, change.before.as_str(), change.after.as_str()))
        .filter(|(label, _, _)| *label != "adresse")
        .collect();
    assert_eq!(changes, [("SIREN/SIRET", "", "120027016"), ("type de client", "particulier", "professionnel")]);
    let after = ledger.client(dubois).unwrap().fields;
    assert_eq!(
        (after.kind, after.siren_siret.as_str()),
        (ardoise::domain::model::ClientKind::Professional, "120027016")
    );

    ledger.undo_last_import().unwrap();
    assert_eq!(ledger.client(dubois).unwrap().fields, before);
}

/// The undo of an import recorded by an older version, whose record of a client filled holds the ten
/// columns of then (no client kind): the client gets its blanks back and keeps its kind.
#[test]
fn an_import_recorded_before_the_client_kind_was_filled_is_still_undone() {
    let (_folder, mut ledger, _) = new_ledger();
    let sheet = "N° facture;Client;Date;Montant TTC\nF-1;SCI Les Tilleuls;01/09/2026;120,00\n".to_string();
    import_written(&mut ledger, &[("factures.csv", sheet)], false);
    let tilleuls = client_id(&ledger, "SCI Les Tilleuls");
    let before = ledger.client(tilleuls).unwrap().fields;
    let plan = import_written(&mut ledger, &[("F2026-205.xml", variant(&[]))], false);
    assert_eq!(plan.client_updates.len(), 1);
    assert_eq!(ledger.client(tilleuls).unwrap().fields.siren_siret, "120027016");

    // The export as an older version wrote it: each record of a client filled without its last column.
    let mut export = serde_json::to_value(desk::ledger_file::export_json(&ledger).unwrap()).unwrap();
    let mut shortened = 0;
    for change in export["tables"]["import_changes"].as_array_mut().unwrap() {
        let Some(json) = change["before_json"].as_str().filter(|json| json.contains("\"after\"")) else {
            continue;
        };
        let mut record: serde_json::Value = serde_json::from_str(json).unwrap();
        for key in ["columns", "after"] {
            let values = record[key].as_array_mut().unwrap();
            assert_eq!(values.len(), 11);
            values.pop();
        }
        change["before_json"] = serde_json::Value::String(record.to_string());
        shortened += 1;
    }
    assert_eq!(shortened, 1);
    let folder = tempfile::tempdir().unwrap();
    let mut older = desk::ledger_file::open(&folder.path().join("ancien.sqlite3")).unwrap();
    desk::ledger_file::load_json(&mut older, &export.to_string(), "ancien.json").unwrap();
    older.undo_last_import().unwrap();
    assert_eq!(older.client(tilleuls).unwrap().fields, before);
}
