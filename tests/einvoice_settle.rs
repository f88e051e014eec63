//! What imported e-invoices owe once settled: a prepaid amount (BT-113) is a receipt dated no later than
//! the invoice, never the import's day; a credit note goes to the invoice it corrects; a corrected invoice
//! (384) replaces the one it cites; a due date written in the payment terms is read, and the row says
//! which rule gave it; the same invoice given twice (its XML and its PDF) is passed over with a plain
//! message.
//! Fixtures: `tests/data/einvoice/settle/`, adapted from an outside audit's files (issued by Atelier
//! Mélusine Durand, SIREN 842 117 533).

use ardoise::desk::import::{self, ImportOptions};
use ardoise::desk::{self, Ledger};
use ardoise::domain::books::Period;
use ardoise::domain::model::{Allocation, PaymentFields, PaymentMethod, Profile};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The import's day, after every fixture's issue date.
const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 4, 28) {
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
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/einvoice/settle").join(name)
}

/// A new ledger with the profile of the sole trader every fixture is issued by.
fn new_ledger() -> (tempfile::TempDir, Ledger) {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = desk::ledger_file::open(&folder.path().join("ardoise.sqlite3")).unwrap();
    let profile = Profile {
        legal_name: "Atelier Mélusine Durand EI".into(),
        siren_siret: "842117533".into(),
        ..Profile::default()
    };
    desk::settings::save_profile(&mut ledger, &profile).unwrap();
    (folder, ledger)
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

/// Each invoice's number with what is still owed on it on `as_of`.
fn remaining(ledger: &Ledger, as_of: NaiveDate) -> Vec<(String, Decimal)> {
    desk::invoices::invoice_list(ledger, None, as_of)
        .unwrap()
        .into_iter()
        .map(|line| (line.row.invoice.number.clone(), line.remaining))
        .collect()
}

fn notes_of<'a>(plan: &'a import::ImportPlan, number: &str) -> &'a [String] {
    &plan.rows.iter().find(|row| row.number == number).unwrap_or_else(|| panic!("no row {number}")).notes
}

/// Regression: the prepaid amount (BT-113) of an invoice was recorded as a payment received on the
/// import's day, and the receipts book showed money received that day.
#[test]
fn a_prepaid_amount_is_a_receipt_dated_no_later_than_the_invoice_never_the_import_day() {
    let (_folder, mut ledger) = new_ledger();
    let plan = import(&mut ledger, &["facturx-basicwl-deja-paye.pdf"]);
    let row = &plan.rows[0];
    assert_eq!((row.number.as_str(), row.issue_date, row.amount), ("FA-2026-0102", date("2026-03-05"), euros("1200")));
    let payments: Vec<(NaiveDate, Decimal, bool)> =
        row.payments.iter().map(|payment| (payment.date, payment.amount, payment.before_issue)).collect();
    assert_eq!(payments, [(date("2026-03-05"), euros("300"), true)]);
    assert_eq!(plan.undated_payments, 0, "the import's day dates nothing");
    assert!(
        notes_of(&plan, "FA-2026-0102").iter().any(|note| note.starts_with(
            "Montant déjà payé avant la facture (BT-113) : 300,00\u{a0}€ enregistrés comme règlement du 05/03/2026"
        )),
        "{:?}",
        row.notes
    );

    let book =
        |from: &str, to: &str| desk::books::receipts(&ledger, Period { from: date(from), to: date(to) }).unwrap();
    assert!(book("2026-04-01", "2026-04-30").lines.is_empty(), "nothing was received in the import's month");
    let march = book("2026-03-01", "2026-03-31");
    assert_eq!(march.lines.len(), 1);
    assert_eq!((march.lines[0].date, march.lines[0].amount), (date("2026-03-05"), euros("300")));
    assert!(march.lines[0].reference.contains("date réelle inconnue"), "{}", march.lines[0].reference);
    // The client is dunned for the amount due (BT-115).
    assert_eq!(remaining(&ledger, TODAY), [("FA-2026-0102".to_string(), euros("900"))]);
}

/// Regression: the prepaid amount (BT-113) was recorded as a transfer, a method the e-invoice never
/// gives; the receipts book then said « virement ».
#[test]
fn a_prepaid_amount_is_recorded_with_its_method_unspecified_never_as_a_transfer() {
    let (_folder, mut ledger) = new_ledger();
    import(&mut ledger, &["facturx-basicwl-deja-paye.pdf"]);
    let march = desk::books::receipts(&ledger, Period { from: date("2026-03-01"), to: date("2026-03-31") }).unwrap();
    let methods: Vec<(PaymentMethod, &str)> = march.lines.iter().map(|line| (line.method, line.method_label)).collect();
    assert_eq!(methods, [(PaymentMethod::Unspecified, "non précisé")]);
}

/// The final invoice citing its down payment invoice: in the same import, it deducts it (the down
/// payment invoice is owed no more); alone, its prepaid amount is a payment and the row says to look for
/// the down payment invoice, so that the same money is not counted twice.
#[test]
fn a_final_invoice_deducts_its_down_payment_invoice_when_the_import_holds_it() {
    let (_folder, mut ledger) = new_ledger();
    let plan = import(&mut ledger, &["cii-facture-acompte-386.xml", "cii-facture-solde.xml"]);
    let notes = notes_of(&plan, "FA-2026-0135");
    assert!(
        notes.iter().any(|note| note.starts_with(
            "Facture de solde : elle déduit la facture d'acompte « FA-2026-0134 » (300,00\u{a0}€, de cet import)"
        )),
        "{notes:?}"
    );
    let owed: Decimal = remaining(&ledger, TODAY).iter().map(|(_, remaining)| *remaining).sum();
    assert_eq!(owed, euros("900"));

    let (_folder, mut alone) = new_ledger();
    let plan = import(&mut alone, &["cii-facture-solde.xml"]);
    let notes = notes_of(&plan, "FA-2026-0135");
    assert!(
        notes.iter().any(|note| note.starts_with(
            "Facture qui cite la facture « FA-2026-0134 », sans doute sa facture d'acompte, que ni le registre ni \
             cet import ne contiennent"
        )),
        "{notes:?}"
    );
}

/// Regression: a credit note went to its client's oldest open invoice (FA-2026-0103, due first) while the
/// invoice it corrects (FA-2026-0120) stayed owed in full, and was dunned.
#[test]
fn a_credit_note_goes_to_the_invoice_it_corrects_not_the_oldest_one() {
    let (_folder, mut ledger) = new_ledger();
    import(&mut ledger, &["facturx-basic-0103.pdf", "ubl-facture-0120.xml", "ubl-avoir-sur-0120.xml"]);
    let lines = desk::invoices::invoice_list(&ledger, None, TODAY).unwrap();
    let line = |number: &str| lines.iter().find(|line| line.row.invoice.number == number).unwrap();
    assert_eq!((line("FA-2026-0103").credited, line("FA-2026-0103").remaining), (euros("0"), euros("1200")));
    assert_eq!((line("FA-2026-0120").credited, line("FA-2026-0120").remaining), (euros("102"), euros("718")));
    assert_eq!(line("AV-2026-0022").remaining, euros("0"), "the credit note is used up");

    // The same with a CII 380 whose total is negative (read as a credit note), citing the later invoice.
    let (_folder, mut ledger) = new_ledger();
    import(&mut ledger, &["cii-facture-0110.xml", "cii-facture-0111.xml", "cii-380-negatif.xml"]);
    assert_eq!(
        remaining(&ledger, TODAY),
        [
            ("FA-2026-0110".to_string(), euros("1200")),
            ("FA-2026-0111".to_string(), euros("1140")),
            ("AV-2026-0014".to_string(), euros("0")),
        ]
    );
}

/// Regression: a payment recorded on an invoice its credit note corrects was split as if the credit note
/// did not exist: 800 € all went to FA-2026-0120, which owed 718 € once its 102 € credit note was set
/// against it, and the credit note was left over as a credit. The split, and a part typed by hand, stop
/// at what the invoice list shows owed; the rest is the client's credit.
#[test]
fn a_payment_is_split_on_what_an_invoice_owes_after_the_credit_note_that_names_it() {
    let (_folder, mut ledger) = new_ledger();
    import(&mut ledger, &["ubl-facture-0120.xml", "ubl-avoir-sur-0120.xml"]);
    let client = ledger.invoice_by_number("FA-2026-0120").unwrap().unwrap().invoice.client_id;
    let invoice = ledger.invoice_by_number("FA-2026-0120").unwrap().unwrap().invoice.id;
    let split = desk::payments::payment_split(&ledger, client, euros("800")).unwrap();
    let parts: Vec<(String, Decimal, Decimal)> =
        split.iter().map(|part| (part.number.clone(), part.remaining, part.amount)).collect();
    assert_eq!(parts, [("FA-2026-0120".to_string(), euros("718"), euros("718"))]);

    let typed = desk::payments::PaymentFields {
        client_id: client,
        date: TODAY,
        amount: euros("800"),
        method: desk::payments::PaymentMethod::Cheque,
        reference: String::new(),
        allocations: Some(vec![ardoise::domain::model::Allocation { invoice_id: invoice, amount: euros("800") }]),
    };
    let refused = desk::payments::record_payment(&mut ledger, &typed).unwrap_err().to_string();
    assert!(refused.contains("dépasse ce qui reste dû (718,00"), "{refused}");

    let id = desk::payments::record_payment(&mut ledger, &desk::payments::PaymentFields { allocations: None, ..typed })
        .unwrap();
    assert_eq!(ledger.payment(id).unwrap().unallocated(), euros("82"));
    let lines = desk::invoices::invoice_list(&ledger, None, TODAY).unwrap();
    let line = |number: &str| lines.iter().find(|line| line.row.invoice.number == number).unwrap().clone();
    assert_eq!(line("FA-2026-0120").remaining, euros("0"));
    assert_eq!(line("AV-2026-0022").remaining, euros("0"), "the credit note is used on its invoice, not left over");
    assert_eq!(desk::clients::client_detail(&ledger, client, TODAY).unwrap().summary.balance, euros("-82"));
}

/// Regression: a corrected invoice (384, « annule et remplace ») left the invoice it replaces owed in full,
/// and both were dunned. The replaced invoice is owed no more, and what it had received goes to its
/// replacement.
#[test]
fn a_corrected_invoice_replaces_the_one_it_cites_which_is_claimed_no_more() {
    let (_folder, mut ledger) = new_ledger();
    import(&mut ledger, &["cii-facture-0110.xml"]);
    let original = desk::invoices::invoice_list(&ledger, None, TODAY).unwrap()[0].row.invoice.clone();
    let allocations = Some(vec![Allocation { invoice_id: original.id, amount: euros("500") }]);
    let payment = PaymentFields {
        client_id: original.client_id,
        date: date("2026-03-25"),
        amount: euros("500"),
        method: PaymentMethod::Transfer,
        reference: String::new(),
        allocations,
    };
    desk::payments::record_payment(&mut ledger, &payment).unwrap();
    let plan = import(&mut ledger, &["cii-rectificative-384.xml"]);
    assert!(
        notes_of(&plan, "FA-2026-0113").iter().any(|note| note.starts_with(
            "Facture rectificative : elle annule et remplace la facture « FA-2026-0110 », qui n'est plus réclamée"
        )),
        "{:?}",
        plan.rows[0].notes
    );

    let as_of = date("2026-05-30");
    let lines = desk::invoices::invoice_list(&ledger, None, as_of).unwrap();
    let line = |number: &str| lines.iter().find(|line| line.row.invoice.number == number).unwrap();
    assert_eq!((line("FA-2026-0110").status_label, line("FA-2026-0110").remaining), ("remplacée", euros("0")));
    assert_eq!(line("FA-2026-0110").days_late, 0);
    // 1,320 less the 500 received on the invoice it replaces.
    assert_eq!((line("FA-2026-0113").credited, line("FA-2026-0113").remaining), (euros("500"), euros("820")));
    let client = desk::clients::client_detail(&ledger, original.client_id, as_of).unwrap();
    assert_eq!((client.summary.balance, client.summary.open_invoices), (euros("820"), 1));
    // The statement of account cancels the replaced invoice on the day of its replacement, and agrees.
    let statement = desk::books::statement(&ledger, original.client_id, as_of).unwrap().statement;
    let cancelled = statement.entries.iter().find(|entry| entry.label.contains("annulée")).unwrap();
    assert_eq!(
        (cancelled.date, cancelled.label.as_str(), cancelled.credit),
        (date("2026-03-26"), "Facture FA-2026-0110 annulée et remplacée par la facture FA-2026-0113", euros("1200"))
    );
    assert_eq!(statement.balance, euros("820"));
    // Penalties claim the replacement alone, on what it still owes: 26/04–30/05, 35 days on 820 at
    // 12,15 %: 820 × 12,15 × 35 / 36500 = 9,5533 → 9,55, and one 40 € indemnity. Regression: the replaced
    // invoice was still counted late, with its interest and its own indemnity.
    let claim = desk::penalties::penalties(&ledger, original.client_id, as_of).unwrap().breakdown;
    let numbers: Vec<&str> = claim.invoices.iter().map(|invoice| invoice.number.as_str()).collect();
    assert_eq!(numbers, ["FA-2026-0113"]);
    assert_eq!((claim.principal, claim.interest, claim.indemnity), (euros("820"), euros("9.55"), euros("40")));
    assert!(claim.settled_late.is_empty());
}

/// Regression: a due date written out in the payment terms (« Échéance le 15/05/2026 ») was not read, and
/// the ledger's default of 30 days gave another; « 45 jours fin de mois » was counted one of its two
/// French ways without the row saying which.
#[test]
fn a_due_date_written_in_the_terms_is_read_and_the_row_says_which_rule_gave_each_due_date() {
    let (_folder, mut ledger) = new_ledger();
    let plan = import(&mut ledger, &["ubl-echeance-en-texte.xml", "ubl-45-jours-fin-de-mois.xml"]);
    let due = |number: &str| plan.rows.iter().find(|row| row.number == number).unwrap().due_date;
    assert_eq!(due("FA-2026-0141"), date("2026-05-15"));
    assert_eq!(
        notes_of(&plan, "FA-2026-0141"),
        ["Pas de date d'échéance (BT-9) : échéance du 15/05/2026, date écrite dans les conditions de paiement \
          « Échéance le 15/05/2026 »."]
    );
    // Issued 8 April: 45 days to 23 May, then the end of May; the other reading would give 14 June.
    assert_eq!(due("FA-2026-0125"), date("2026-05-31"));
    assert!(
        notes_of(&plan, "FA-2026-0125").contains(
            &"Pas de date d'échéance (BT-9) : échéance du 31/05/2026 tirée des conditions de paiement « 45 jours \
              fin de mois », comptées 45 jours après la date de facture puis fin de mois (comptées fin de mois \
              puis 45 jours, elles donneraient le 14/06/2026) : vérifiez l'échéance."
                .to_string()
        ),
        "{:?}",
        notes_of(&plan, "FA-2026-0125")
    );
}

/// Regression: the message of a file passed over as the same invoice as an earlier one had a run of
/// spaces in its middle.
#[test]
fn the_same_invoice_as_xml_and_pdf_is_passed_over_with_a_plain_message() {
    let (_folder, mut ledger) = new_ledger();
    let plan = import(&mut ledger, &["xrechnung-cii.xml", "xrechnung-cii.pdf"]);
    let duplicate = plan.files.iter().find(|file| file.status == import::FileStatus::Duplicate).unwrap();
    assert_eq!(
        duplicate.messages,
        ["même facture que le fichier « xrechnung-cii.xml » (ligne 1) : fichier passé, rien de plus à importer"]
    );
}

/// Regression: the bank matcher read the open invoices with its own query, which still offered an
/// invoice a corrected invoice (384) replaces: a transfer citing the replaced number was proposed for it.
#[test]
fn a_transfer_citing_a_replaced_invoice_is_never_set_against_it() {
    use ardoise::desk::bank::{self, Accept, BankRequest};
    let (_folder, mut ledger) = new_ledger();
    import(&mut ledger, &["cii-facture-0110.xml", "cii-rectificative-384.xml"]);
    let statement = "Date;Libellé;Débit;Crédit\n30/04/2026;VIR SEPA REGLEMENT FA-2026-0110;;1200,00\n";
    let request = BankRequest {
        file_name: "releve.csv",
        bytes: statement.as_bytes(),
        mapping: None,
        today: TODAY,
        expected_sha256: None,
    };
    let report = bank::import_statement(&mut ledger, &request, Accept::Probable, true).unwrap();
    let [credit] = report.preview.credits.as_slice() else { panic!("{:?}", report.preview.credits) };
    assert!(
        credit.invoices.iter().all(|invoice| invoice.number != "FA-2026-0110"),
        "the replaced invoice was proposed: {:?}",
        credit.invoices
    );
}
