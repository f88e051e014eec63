//! The invoice exports of the tools French sole traders invoice with (tests/data/import/tools/, shaped as
//! docs/import-tools.md describes each tool's export), imported with no hand mapping: for each, prepared
//! and planned against an empty ledger and against one that already knows two of the clients, the columns
//! recognised, the invoices and their sum, what remains owed on each to the cent, the payments with their
//! dates, the warnings about clients (row, column, value, French reason) and the rows refused. Then the
//! plan committed, and the regression of imported payment history read by the dunning engine as news.

use ardoise::desk::import::{import_file, ImportRequest};
use ardoise::desk::proposals::{self, ProposalAction};
use ardoise::domain::letter_kind::LetterKind;
use ardoise::import::plan::{plan, KnownClient};
use ardoise::import::{prepare, ClientChoice, Field, ImportPlan, LedgerSnapshot};
use ardoise::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 22) {
    Some(date) => date,
    None => unreachable!(),
};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/tools").join(name)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).unwrap()
}

fn euros(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// What one tool's export must give.
struct Case {
    file: &'static str,
    /// The fields the automatic mapping must find (the four indispensable ones always).
    fields: &'static [Field],
    /// What remains owed on each invoice after the import, to the cent.
    remaining: &'static [(&'static str, &'static str)],
    /// The payments recorded: invoice, date, amount, dated by the file (false: the plan's payment date).
    payments: &'static [(&'static str, &'static str, &'static str, bool)],
    /// The warnings: row, column, value, message.
    warnings: &'static [(usize, &'static str, &'static str, &'static str)],
    /// The rows refused: row, column, message.
    rejected: &'static [(usize, &'static str, &'static str)],
}

/// The six invoices every fixture holds (docs/import-tools.md): their sum, TTC.
const TOTAL: &str = "7221.65";

const REMAINING: &[(&str, &str)] = &[
    ("F-2026-001", "0"),
    ("F-2026-002", "280"),
    ("F-2026-003", "2340"),
    ("F-2026-004", "100"),
    ("F-2026-005", "1987.65"),
    ("F-2026-006", "864"),
];

/// A tool that marks an invoice paid or not, nothing between: the part-paid ones are still wholly owed.
const REMAINING_PAID_OR_NOT: &[(&str, &str)] = &[
    ("F-2026-001", "0"),
    ("F-2026-002", "480"),
    ("F-2026-003", "2340"),
    ("F-2026-004", "350"),
    ("F-2026-005", "1987.65"),
    ("F-2026-006", "864"),
];

/// One row per payment, each dated.
const PAYMENTS_EACH_DATED: &[(&str, &str, &str, bool)] = &[
    ("F-2026-001", "2026-02-10", "1200", true),
    ("F-2026-002", "2026-03-20", "200", true),
    ("F-2026-004", "2026-05-15", "150", true),
    ("F-2026-004", "2026-06-20", "100", true),
];

/// The date of the last payment: what the invoice received in all, on that day.
const PAYMENTS_LAST_DATE: &[(&str, &str, &str, bool)] = &[
    ("F-2026-001", "2026-02-10", "1200", true),
    ("F-2026-002", "2026-03-20", "200", true),
    ("F-2026-004", "2026-06-20", "250", true),
];

/// No payment date in the file: the plan's payment date (the import's day).
const PAYMENTS_UNDATED: &[(&str, &str, &str, bool)] = &[
    ("F-2026-001", "2026-11-22", "1200", false),
    ("F-2026-002", "2026-11-22", "200", false),
    ("F-2026-004", "2026-11-22", "250", false),
];

const PAYMENTS_PAID_OR_NOT: &[(&str, &str, &str, bool)] = &[("F-2026-001", "2026-02-10", "1200", true)];

const BAD_SIRET: &str =
    "SIRET « 44455566800210 » invalide : la clé de contrôle ne correspond pas. Vérifiez les chiffres. Valeur \
     laissée de côté.";
const BAD_SIREN: &str =
    "SIREN « 444555669 » invalide : la clé de contrôle ne correspond pas. Vérifiez les chiffres. Valeur laissée \
     de côté.";
const BAD_EMAIL: &str =
    "adresse e-mail « claire.petit@gmail » invalide (exemple : nom@domaine.fr). Valeur laissée de côté.";
const BAD_PHONE: &str = "numéro de téléphone « 02 40 99 » invalide : il faut 10 chiffres (04 78 12 34 56) ou un \
                         numéro international (+33 4 78 12 34 56). Valeur laissée de côté.";

use Field::*;

const CASES: &[Case] = &[
    Case {
        file: "dolibarr-factures-reglements.csv",
        fields: &[DueDate, AmountExclVat, SirenSiret, VatNumber, Phone, Remaining, Paid, PaymentDate, Status],
        remaining: REMAINING,
        payments: PAYMENTS_EACH_DATED,
        warnings: &[(4, "Id. prof. 1 (SIREN)", "444555669", BAD_SIREN), (7, "Téléphone", "02 40 99", BAD_PHONE)],
        rejected: &[],
    },
    Case {
        file: "invoice-ninja-invoices.csv",
        fields: &[DueDate, Email, Phone, VatNumber, Remaining, Paid, Status],
        remaining: REMAINING,
        payments: PAYMENTS_UNDATED,
        warnings: &[(5, "Client Email", "claire.petit@gmail", BAD_EMAIL), (6, "Client Phone", "02 40 99", BAD_PHONE)],
        rejected: &[(
            8,
            "Invoice Status",
            "facture au statut « Draft » : brouillon ou pro forma, elle n'a pas été émise, rien n'est dû. Ligne \
             ignorée.",
        )],
    },
    Case {
        file: "axonaut-factures.xlsx",
        fields: &[DueDate, AmountExclVat, Object, Remaining, Status, PaymentDate],
        remaining: REMAINING,
        payments: PAYMENTS_LAST_DATE,
        warnings: &[],
        rejected: &[],
    },
    Case {
        file: "sellsy-factures.csv",
        fields: &[DueDate, Object, SirenSiret, Email, AmountExclVat, Remaining, Status],
        remaining: REMAINING,
        payments: PAYMENTS_UNDATED,
        warnings: &[(4, "SIRET", "44455566800210", BAD_SIRET), (5, "Email", "claire.petit@gmail", BAD_EMAIL)],
        rejected: &[],
    },
    Case {
        file: "henrri-factures.xlsx",
        fields: &[Object, AmountExclVat, Paid, Remaining, DueDate, Status],
        remaining: REMAINING,
        payments: PAYMENTS_UNDATED,
        warnings: &[],
        rejected: &[],
    },
    Case {
        file: "freebe-factures.csv",
        fields: &[DueDate, AmountExclVat, Paid, PaymentDate, Status],
        remaining: REMAINING,
        payments: PAYMENTS_LAST_DATE,
        warnings: &[],
        rejected: &[],
    },
    Case {
        file: "abby-factures.xlsx",
        fields: &[Email, DueDate, AmountExclVat, Paid, Remaining, Status, PaymentDate],
        remaining: &[
            ("F-2026-001", "0"),
            ("F-2026-002", "250"),
            ("F-2026-003", "2340"),
            ("F-2026-004", "100"),
            ("F-2026-005", "1987.65"),
            ("F-2026-006", "864"),
        ],
        payments: &[
            ("F-2026-001", "2026-02-10", "1200", true),
            ("F-2026-002", "2026-03-20", "230", true),
            ("F-2026-004", "2026-06-20", "250", true),
        ],
        warnings: &[
            (
                3,
                "Reste à payer",
                "250,00 €",
                "payé 200,00 € et reste dû 250,00 € ne font pas le montant de 480,00 € : le reste dû est retenu, la \
                 facture compte 230,00 € réglés.",
            ),
            (5, "E-mail", "claire.petit@gmail", BAD_EMAIL),
        ],
        rejected: &[],
    },
    Case {
        file: "tiime-factures.csv",
        fields: &[DueDate, SirenSiret, Object, AmountExclVat, Paid, PaymentDate, Status],
        remaining: REMAINING,
        payments: PAYMENTS_LAST_DATE,
        warnings: &[(4, "SIREN", "444555669", BAD_SIREN)],
        rejected: &[],
    },
    Case {
        file: "indy-factures.csv",
        fields: &[Object, AmountExclVat, Status, PaymentDate],
        remaining: REMAINING_PAID_OR_NOT,
        payments: PAYMENTS_PAID_OR_NOT,
        warnings: &[],
        rejected: &[],
    },
    Case {
        file: "pennylane-factures-clients.xlsx",
        fields: &[SirenSiret, VatNumber, DueDate, Object, AmountExclVat, Remaining, Status],
        remaining: REMAINING,
        payments: PAYMENTS_UNDATED,
        warnings: &[(4, "SIREN", "444555669", BAD_SIREN)],
        rejected: &[],
    },
    Case {
        file: "quickbooks-fr-liste-des-factures.xlsx",
        fields: &[Object, DueDate, Remaining],
        remaining: REMAINING,
        payments: PAYMENTS_UNDATED,
        warnings: &[],
        rejected: &[],
    },
    Case {
        file: "quickbooks-en-invoice-list.xlsx",
        fields: &[Object, DueDate, Remaining],
        remaining: REMAINING,
        payments: PAYMENTS_UNDATED,
        warnings: &[],
        rejected: &[],
    },
    Case {
        file: "zervant-factures.csv",
        fields: &[DueDate, AmountExclVat, Status, PaymentDate],
        remaining: REMAINING_PAID_OR_NOT,
        payments: PAYMENTS_PAID_OR_NOT,
        warnings: &[],
        rejected: &[],
    },
    Case {
        file: "facture-net-factures.csv",
        fields: &[DueDate, Email, Phone, AmountExclVat, Paid, Remaining],
        remaining: REMAINING,
        payments: PAYMENTS_UNDATED,
        warnings: &[(5, "Email", "claire.petit@gmail", BAD_EMAIL), (6, "Téléphone", "02 40 99", BAD_PHONE)],
        rejected: &[],
    },
    Case {
        file: "modele-excel-suivi-factures.xlsx",
        fields: &[
            SirenSiret,
            Email,
            Phone,
            AddressStreet,
            Postcode,
            Town,
            Object,
            AmountExclVat,
            Paid,
            PaymentDate,
            Remaining,
            Status,
        ],
        remaining: REMAINING,
        payments: PAYMENTS_LAST_DATE,
        warnings: &[
            (8, "SIRET", "44455566800210", BAD_SIRET),
            (9, "E-mail", "claire.petit@gmail", BAD_EMAIL),
            (10, "Téléphone", "02 40 99", BAD_PHONE),
        ],
        rejected: &[],
    },
    Case {
        file: "libreoffice-invoice-tracker-en.ods",
        fields: &[Email, Object, Paid, Remaining, PaymentDate, Status],
        remaining: REMAINING,
        payments: PAYMENTS_LAST_DATE,
        warnings: &[(7, "Email", "claire.petit@gmail", BAD_EMAIL)],
        rejected: &[],
    },
];

/// The ledger that already knows two clients: one by SIREN, e-mail and name, one by SIREN and name.
fn known_clients() -> LedgerSnapshot {
    LedgerSnapshot {
        clients: vec![
            KnownClient {
                id: 41,
                name: "ATELIER BOIS & COMPAGNIE".into(),
                siren_siret: "81234567600124".into(),
                email: "contact@atelier-bois.fr".into(),
                payment_terms: None,
            },
            KnownClient {
                id: 42,
                name: "Boulangerie Le Fournil".into(),
                siren_siret: "532987658".into(),
                email: String::new(),
                payment_terms: Some(ardoise::domain::terms::PaymentTerms::days(45)),
            },
        ],
        invoices: HashMap::new(),
        default_payment_terms_days: 30,
        ..LedgerSnapshot::default()
    }
}

fn planned(case: &Case, snapshot: &LedgerSnapshot) -> ImportPlan {
    let bytes = std::fs::read(data(case.file)).unwrap();
    let prepared = prepare(case.file, &bytes, None, None, |_| None)
        .unwrap_or_else(|error| panic!("{}: refused whole: {error}", case.file));
    plan(prepared, snapshot, TODAY)
}

/// Checks one plan against its case: mapping, invoices, sum, remaining amounts, payments, warnings, refusals.
fn check(case: &Case, plan: &ImportPlan) {
    let file = case.file;
    for field in Field::REQUIRED.iter().chain(case.fields) {
        assert!(plan.mapping.column_of(*field).is_some(), "{file}: « {} » not recognised", field.label());
    }
    assert_eq!(plan.new, 6, "{file}: invoices");
    let total: Decimal = plan.rows.iter().map(|row| row.amount).sum();
    assert_eq!(total, euros(TOTAL), "{file}: sum of amounts");
    let remaining: Vec<(String, Decimal)> = plan
        .rows
        .iter()
        .map(|row| (row.number.clone(), row.amount - row.payments.iter().map(|p| p.amount).sum::<Decimal>()))
        .collect();
    let expected: Vec<(String, Decimal)> =
        case.remaining.iter().map(|(number, amount)| (number.to_string(), euros(amount))).collect();
    assert_eq!(remaining, expected, "{file}: remaining amounts");
    let payments: Vec<(String, NaiveDate, Decimal, bool)> = plan
        .rows
        .iter()
        .flat_map(|row| row.payments.iter().map(|p| (row.number.clone(), p.date, p.amount, p.dated_by_file)))
        .collect();
    let expected: Vec<(String, NaiveDate, Decimal, bool)> = case
        .payments
        .iter()
        .map(|(number, date, amount, dated)| (number.to_string(), day(date), euros(amount), *dated))
        .collect();
    assert_eq!(payments, expected, "{file}: payments");
    for row in &plan.rows {
        assert_eq!(row.payment, row.payments.iter().map(|p| p.amount).reduce(|a, b| a + b), "{file}: {}", row.number);
    }
    assert_eq!(plan.undated_payments, case.payments.iter().filter(|p| !p.3).count(), "{file}: undated payments");
    assert_eq!(plan.payment_date, TODAY);
    assert_eq!(plan.payment_date_column.is_some(), case.fields.contains(&PaymentDate), "{file}: payment-date column");
    let warnings: Vec<(usize, &str, &str, &str)> =
        plan.warnings.iter().map(|w| (w.row, w.column.as_str(), w.value.as_str(), w.message.as_str())).collect();
    assert_eq!(warnings, case.warnings, "{file}: warnings");
    let rejected: Vec<(usize, &str, &str)> =
        plan.rejected.iter().map(|p| (p.row, p.column.as_str(), p.message.as_str())).collect();
    assert_eq!(rejected, case.rejected, "{file}: rejected rows");
}

#[test]
fn every_tool_export_is_recognised_with_no_hand_mapping() {
    for case in CASES {
        let plan = planned(case, &LedgerSnapshot { default_payment_terms_days: 30, ..LedgerSnapshot::default() });
        check(case, &plan);
        // Five clients, one per name, none known: Claire Petit is the only consumer.
        assert_eq!(plan.new_clients.len(), 5, "{}: {:?}", case.file, plan.new_clients);
        let consumers =
            plan.new_clients.iter().filter(|c| c.fields.kind == ardoise::domain::model::ClientKind::Consumer);
        assert_eq!(consumers.count(), 1, "{}", case.file);
        for client in &plan.new_clients {
            let mut fields = client.fields.clone();
            assert!(fields.validate().is_ok(), "{}: {} kept a wrong value", case.file, client.name);
        }
    }
    assert_eq!(CASES.len(), 16, "the fixtures of docs/import-tools.md");
}

#[test]
fn every_tool_export_finds_the_clients_the_ledger_already_knows() {
    let snapshot = known_clients();
    for case in CASES {
        let plan = planned(case, &snapshot);
        check(case, &plan);
        let client_of = |number: &str| plan.rows.iter().find(|r| r.number == number).map(|r| r.client.clone());
        // Atelier Bois by SIREN, e-mail or name; Le Fournil by SIREN or name (« SARL » aside).
        for (number, id) in [("F-2026-001", 41), ("F-2026-006", 41), ("F-2026-002", 42)] {
            assert_eq!(client_of(number), Some(ClientChoice::Existing { id }), "{}: {number}", case.file);
        }
        assert_eq!(plan.new_clients.len(), 3, "{}: {:?}", case.file, plan.new_clients);
    }
}

/// The ledger after the import holds what the file says: what each invoice still owes, the payments with
/// their dates, the bad client values left out.
#[test]
fn every_tool_export_committed_leaves_each_invoice_owing_what_the_tool_says() {
    for case in CASES {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let bytes = std::fs::read(data(case.file)).unwrap();
        let request = ImportRequest {
            file_name: case.file,
            bytes: &bytes,
            sheet: None,
            mapping: None,
            today: TODAY,
            expected_sha256: None,
        };
        let (plan, record) = import_file(&mut ledger, &request, false, &mut |_| {}).unwrap();
        assert!(record.is_some(), "{}: nothing written", case.file);
        assert_eq!(plan.new, 6);
        for (number, remaining) in case.remaining {
            let invoice = ledger.invoice_by_number(number).unwrap().unwrap();
            assert_eq!(invoice.invoice.amount - invoice.paid, euros(remaining), "{}: {number}", case.file);
        }
        let export = serde_json::to_value(ledger.export().unwrap()).unwrap();
        let mut stored: Vec<(String, i64)> = export["tables"]["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["date"].as_str().unwrap().to_string(), p["amount_cents"].as_i64().unwrap()))
            .collect();
        let mut expected: Vec<(String, i64)> = case
            .payments
            .iter()
            .map(|(_, date, amount, _)| (date.to_string(), ardoise::domain::money::to_cents(euros(amount))))
            .collect();
        stored.sort();
        expected.sort();
        assert_eq!(stored, expected, "{}: payments stored", case.file);
        let clients = export["tables"]["clients"].as_array().unwrap();
        for client in clients {
            assert_ne!(client["siren_siret"], "44455566800210", "{}", case.file);
            assert_ne!(client["email"], "claire.petit@gmail", "{}", case.file);
            assert_ne!(client["phone"], "02 40 99", "{}", case.file);
        }
    }
}

/// A payment-date column dates each payment; when a row has none, the plan's payment date is used and
/// the preview can change it (the request's date).
#[test]
fn the_payment_date_the_preview_shows_is_the_one_recorded_and_can_be_changed() {
    let case = CASES.iter().find(|c| c.file == "sellsy-factures.csv").unwrap();
    let bytes = std::fs::read(data(case.file)).unwrap();
    let chosen = day("2026-10-31");
    let prepared = prepare(case.file, &bytes, None, None, |_| None).unwrap();
    let plan = plan(prepared, &LedgerSnapshot::default(), chosen);
    assert_eq!((plan.payment_date, plan.undated_payments, plan.payment_date_column.clone()), (chosen, 3, None));
    assert!(plan.rows.iter().flat_map(|r| &r.payments).all(|p| p.date == chosen && !p.dated_by_file));
    let view = plan.view(2);
    assert_eq!((view.payment_date, view.undated_payments, view.warnings_total), (chosen, 3, 2));
    assert_eq!(view.warnings.len(), 2);
}

/// A client value that is wrong never costs the invoice: before, a row whose client SIRET had a wrong check
/// digit was refused, and a workbook lost half its invoices.
#[test]
fn a_wrong_client_siret_email_or_phone_is_a_warning_not_a_refused_invoice() {
    let csv = "N° facture;Client;SIRET;E-mail;Téléphone;Date;Montant TTC\n\
               A-1;Cabinet Morel Avocats;44455566800210;secretariat@morel-avocats.fr;02 51 82 00 10;10/03/2026;2 340,00\n\
               A-2;Cabinet Morel Avocats;44455566800210;secretariat@morel-avocats.fr;02 51 82 00 10;10/04/2026;120,00\n\
               A-3;Claire Petit;;claire.petit@@gmail.com;0612;02/04/2026;350,00\n";
    let prepared = prepare("a.csv", csv.as_bytes(), None, None, |_| None).unwrap();
    let plan = plan(prepared, &LedgerSnapshot::default(), TODAY);
    assert_eq!((plan.new, plan.rejected_rows), (3, 0));
    let warnings: Vec<String> = plan.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            format!("Ligne 2, client « Cabinet Morel Avocats », colonne « SIRET » : {BAD_SIRET}"),
            "Ligne 4, client « Claire Petit », colonne « E-mail » : adresse e-mail « claire.petit@@gmail.com » \
             invalide (exemple : nom@domaine.fr). Valeur laissée de côté."
                .to_string(),
            "Ligne 4, client « Claire Petit », colonne « Téléphone » : numéro de téléphone « 0612 » invalide : il \
             faut 10 chiffres (04 78 12 34 56) ou un numéro international (+33 4 78 12 34 56). Valeur laissée de \
             côté."
                .to_string(),
        ],
        "one warning per client and value, however many invoices repeat it"
    );
    let morel = &plan.new_clients[0];
    assert_eq!((morel.fields.siren_siret.as_str(), morel.fields.email.as_str()), ("", "secretariat@morel-avocats.fr"));
    assert_eq!(morel.fields.phone, "02 51 82 00 10");
}

/// An address the client form would refuse is left out of the new client, with the reason: the
/// invoice is imported.
#[test]
fn a_client_address_the_envelope_cannot_take_is_left_out_with_a_warning() {
    let csv = "N° facture;Client;Adresse;Code postal;Ville;Date;Montant TTC\n\
               B-1;Garage des Ponts SAS;120 boulevard des Martyrs Nantais;442;Nantes;18/05/2026;1 987,65\n";
    let prepared = prepare("b.csv", csv.as_bytes(), None, None, |_| None).unwrap();
    let plan = plan(prepared, &LedgerSnapshot::default(), TODAY);
    assert_eq!((plan.new, plan.rejected_rows), (1, 0));
    let warnings: Vec<String> = plan.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["Ligne 2, client « Garage des Ponts SAS », colonne « Code postal » : adresse laissée de côté : code postal \
          « 442 » : il faut 5 chiffres."]
    );
    assert!(plan.new_clients[0].fields.address.is_blank());
}

/// Total, paid and remaining: any two give the third, to the cent; the remaining amount wins when the three
/// disagree, with a warning; amounts out of bounds still refuse the row, and so do paid 0 and remaining 0 on
/// a positive total (Invoice Ninja's « Reversed » was recorded as paid in full, money never received).
#[test]
fn total_paid_and_remaining_settle_to_the_cent() {
    use ardoise::import::rows::Unsettled::{NothingPaidNothingOwed, OutOfBounds};
    // (amount, paid, remaining, status says paid) -> paid, warned
    let cases = [
        ("1200.00", Some("450.10"), None, false, Ok((Some("450.10"), false))),
        ("1200.00", None, Some("749.90"), false, Ok((Some("450.10"), false))),
        ("1200.00", Some("450.10"), Some("749.90"), false, Ok((Some("450.10"), false))),
        ("1200.00", Some("450.00"), Some("700.00"), false, Ok((Some("500.00"), true))),
        ("1200.00", None, None, true, Ok((Some("1200.00"), false))),
        ("1200.00", None, None, false, Ok((None, false))),
        ("1200.00", Some("0"), Some("1200"), true, Ok((Some("0"), false))),
        ("-120.00", None, Some("-120.00"), false, Ok((Some("0"), false))),
        ("1200.00", Some("1300"), None, false, Err(OutOfBounds(Field::Paid))),
        ("1200.00", None, Some("-1"), false, Err(OutOfBounds(Field::Remaining))),
        ("-120.00", Some("10"), None, false, Err(OutOfBounds(Field::Paid))),
        // Nothing paid and nothing owed on a positive total (« Reversed »): no payment is invented.
        ("200.00", Some("0"), Some("0"), false, Err(NothingPaidNothingOwed)),
        ("200.00", Some("0"), Some("0"), true, Err(NothingPaidNothingOwed)),
    ];
    for (amount, paid, remaining, says_paid, expected) in cases {
        let settled =
            ardoise::import::rows::settle_paid(euros(amount), paid.map(euros), remaining.map(euros), says_paid);
        let got = settled.map(|s| (s.paid, s.disagreement.is_some()));
        let expected = expected.map(|(paid, warned)| (paid.map(euros), warned));
        assert_eq!(got, expected, "{amount} {paid:?} {remaining:?} {says_paid}");
    }
}

/// Payments read from an old history (an import) made the dunning engine propose « règlement partiel »
/// letters as if they had just arrived: the imported partial payment of F-2026-002 (200 € on 20 March,
/// dated by the file, or dated the import's day when the file does not say) is history, not news. The
/// ladder goes on as for any late invoice.
#[test]
fn imported_payment_history_never_fires_a_partial_payment_letter() {
    for file in ["axonaut-factures.xlsx", "sellsy-factures.csv", "dolibarr-factures-reglements.csv"] {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let bytes = std::fs::read(data(file)).unwrap();
        let request = ImportRequest {
            file_name: file,
            bytes: &bytes,
            sheet: None,
            mapping: None,
            today: TODAY,
            expected_sha256: None,
        };
        import_file(&mut ledger, &request, false, &mut |_| {}).unwrap();
        for on in [TODAY, day("2026-11-23"), day("2026-12-15")] {
            let proposals = proposals::proposals(&ledger, on).unwrap();
            assert!(!proposals.is_empty(), "{file}: the late invoices are dunned");
            let partial: Vec<&str> = proposals
                .iter()
                .filter(|p| p.kind == LetterKind::PartialPayment)
                .map(|p| p.client_name.as_str())
                .collect();
            assert!(partial.is_empty(), "{file} on {on}: partial-payment letters for imported history: {partial:?}");
        }
    }
}

/// The other side: after a letter was sent, a newer export bringing a payment dated after that letter is
/// news (the debtor answered the letter), and its acknowledgement is proposed.
#[test]
fn an_imported_payment_after_a_letter_is_news() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let first = "N° facture;Client;Date;Échéance;Montant TTC;Payé;Date de paiement\n\
                 F-2026-002;Boulangerie Le Fournil SARL;03/02/2026;05/03/2026;480,00;0,00;\n";
    let request = |bytes: &'static [u8], today| ImportRequest {
        file_name: "suivi.csv",
        bytes,
        sheet: None,
        mapping: None,
        today,
        expected_sha256: None,
    };
    import_file(&mut ledger, &request(first.as_bytes(), day("2026-11-02")), false, &mut |_| {}).unwrap();
    let client = proposals::proposals(&ledger, day("2026-11-03")).unwrap()[0].client_id;
    let letter = proposals::decide_proposal(&mut ledger, client, day("2026-11-03"), ProposalAction::Accept).unwrap();
    ledger.record_letter_sent(letter, day("2026-11-03")).unwrap();
    let newer = "N° facture;Client;Date;Échéance;Montant TTC;Payé;Date de paiement\n\
                 F-2026-002;Boulangerie Le Fournil SARL;03/02/2026;05/03/2026;480,00;200,00;10/11/2026\n";
    import_file(&mut ledger, &request(newer.as_bytes(), day("2026-11-12")), false, &mut |_| {}).unwrap();
    let proposals = proposals::proposals(&ledger, day("2026-11-12")).unwrap();
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].kind, LetterKind::PartialPayment, "{}", proposals[0].reason);
    assert!(proposals[0].reason.contains("règlement partiel de 200,00"), "{}", proposals[0].reason);
}

/// The exports of an outside audit (tests/data/import/audit/, adapted from its samples), planned against
/// an empty ledger.
fn audit_plan(file: &str) -> ImportPlan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/audit").join(file);
    let bytes = std::fs::read(path).unwrap();
    let prepared =
        prepare(file, &bytes, None, None, |_| None).unwrap_or_else(|error| panic!("{file}: refused whole: {error}"));
    plan(prepared, &LedgerSnapshot { default_payment_terms_days: 30, ..LedgerSnapshot::default() }, TODAY)
}

/// The invoices a plan imports: number, amount, payment recorded.
fn imported(plan: &ImportPlan) -> Vec<(String, Decimal, Option<Decimal>)> {
    let mut rows: Vec<_> = plan.rows.iter().map(|row| (row.number.clone(), row.amount, row.payment)).collect();
    rows.sort();
    rows
}

const DRAFT: &str = "brouillon ou pro forma, elle n'a pas été émise, rien n'est dû. Ligne ignorée.";
const CANCELLED: &str = "dans votre logiciel : annulée, rien n'est dû. Ligne ignorée.";
const WRITTEN_OFF: &str = "indiquez la date réelle de la perte (« Abandonnée le » dans la fiche de la facture).";

/// Dolibarr's drafts (status 0, reference « (PROV7) ») and abandoned invoices (status 3) became debts, and
/// Invoice Ninja's « Reversed » invoice (paid 0, balance 0) was recorded as paid, money never received in
/// the receipts book. Each is refused with its row, column and French reason; nothing is owed or received.
#[test]
fn drafts_abandoned_and_reversed_invoices_are_refused_not_owed_nor_paid() {
    let plan = audit_plan("dolibarr-brouillon-abandon.csv");
    let expected = [
        ("AV2602-0001".to_string(), euros("-120.00"), None),
        ("FA2601-0001".to_string(), euros("1200.00"), Some(euros("1200.00"))),
        ("FA2601-0002".to_string(), euros("600.00"), None),
    ];
    assert_eq!(imported(&plan), expected);
    let rejected: Vec<(usize, &str, &str, &str)> =
        plan.rejected.iter().map(|p| (p.row, p.column.as_str(), p.value.as_str(), p.message.as_str())).collect();
    assert_eq!(
        rejected,
        [
            (
                4,
                "Réf. facture",
                "(PROV7)",
                "référence provisoire « (PROV7) » : c'est un brouillon (une facture pas encore validée, sans numéro \
                 définitif), rien n'est dû. Ligne ignorée."
            ),
            (
                5,
                "Statut facture",
                "3",
                "facture au statut « 3 » (abandonnée) dans votre logiciel : annulée, rien n'est dû. Ligne ignorée."
            ),
            (
                7,
                "Statut facture",
                "0",
                "facture au statut « 0 » (brouillon) : brouillon ou pro forma, elle n'a pas été émise, rien n'est \
                 dû. Ligne ignorée."
            ),
        ]
    );

    // The same export naming the client « Nom tiers » was refused whole (no client column).
    let plan = audit_plan("dolibarr-nom-tiers.csv");
    let numbers: Vec<String> = imported(&plan).into_iter().map(|row| row.0).collect();
    assert_eq!(numbers, ["AV2602-0001", "FA2601-0001", "FA2601-0002"]);
    assert_eq!(plan.rejected.iter().map(|p| p.row).collect::<Vec<_>>(), [4, 5]);

    let plan = audit_plan("invoice-ninja-reversed.csv");
    let numbers: Vec<String> = imported(&plan).into_iter().map(|row| row.0).collect();
    assert_eq!(numbers, ["0001", "0002", "0006", "0007"]);
    let rejected: Vec<(usize, &str)> = plan.rejected.iter().map(|p| (p.row, p.value.as_str())).collect();
    assert_eq!(rejected, [(4, "Draft"), (5, "Cancelled"), (6, "Reversed")]);
    assert_eq!(plan.rejected[2].message, format!("facture au statut « Reversed » {CANCELLED}"));

    // Paid 0 and balance 0 on a total of 300, whatever the status: refused, no payment invented.
    let csv = "Invoice Number,Client Name,Invoice Amount,Invoice Balance,Invoice Paid to Date,Invoice Date,Invoice \
               Status\n0008,Café de la Gare,300,0,0,2026-01-27,Sent\n";
    let prepared = prepare("ninja.csv", csv.as_bytes(), None, None, |_| None).unwrap();
    let reversed = ardoise::import::plan::plan(prepared, &LedgerSnapshot::default(), TODAY);
    assert!(reversed.rows.is_empty());
    let refused: Vec<(usize, &str, &str)> =
        reversed.rejected.iter().map(|p| (p.row, p.column.as_str(), p.message.as_str())).collect();
    assert_eq!(
        refused,
        [(
            2,
            "Invoice Balance",
            "payé 0 et reste dû 0 pour une facture de 300,00 € : ces chiffres se contredisent (facture annulée, \
             extournée ou passée en perte dans votre logiciel ?). Ligne ignorée : ni dette ni encaissement n'est \
             inscrit. Si la facture est due, corrigez le reste dû dans le fichier et importez-le à nouveau."
        )]
    );
}

/// Status words meaning nothing is owed (« Annulée par avoir », « Provisoire », « Pro forma », « Inversé »,
/// « Classée sans suite », « Credited »…) were not recognised, and those invoices became debts.
#[test]
fn every_status_meaning_nothing_is_owed_refuses_its_row() {
    // (file, refused rows: row, status read, the message's end)
    type Refused = &'static [(usize, &'static str, &'static str)];
    let cases: [(&str, Refused); 3] = [
        (
            "statuts-seuls.csv",
            &[
                (9, "Annulée", CANCELLED),
                (10, "Annulée par avoir", CANCELLED),
                (11, "Canceled", CANCELLED),
                (12, "Voided", CANCELLED),
                (13, "Supprimée", CANCELLED),
                (14, "Brouillon", DRAFT),
                (15, "Provisoire", DRAFT),
                (16, "Pro forma", DRAFT),
                (17, "Proforma", DRAFT),
                (18, "Draft", DRAFT),
                // Written off, on a date the file does not give.
                (21, "Irrécouvrable", WRITTEN_OFF),
                (22, "Perdue", WRITTEN_OFF),
                (23, "Remboursée", CANCELLED),
                (27, "Créditée", CANCELLED),
            ],
        ),
        (
            "statuts-dolibarr.csv",
            &[
                (2, "Brouillon (à valider)", DRAFT),
                (3, "Abandonnée", CANCELLED),
                (8, "Annulé", CANCELLED),
                (9, "Inversé", CANCELLED),
                (10, "Classée sans suite", CANCELLED),
                (11, "Remboursée ou convertie en réduction", CANCELLED),
            ],
        ),
        ("zervant-credited.csv", &[(4, "Draft", DRAFT), (5, "Credited", CANCELLED)]),
    ];
    for (file, expected) in cases {
        let plan = audit_plan(file);
        let rejected: Vec<(usize, &str)> = plan.rejected.iter().map(|p| (p.row, p.value.as_str())).collect();
        let wanted: Vec<(usize, &str)> = expected.iter().map(|(row, value, _)| (*row, *value)).collect();
        assert_eq!(rejected, wanted, "{file}");
        for (problem, (_, value, reason)) in plan.rejected.iter().zip(expected) {
            assert!(problem.column.starts_with("Stat"), "{file}: {problem}");
            assert!(problem.message.starts_with(&format!("facture au statut « {value} »")), "{file}: {problem}");
            assert!(problem.message.ends_with(reason), "{file}: {problem}");
        }
    }
    // « Litige » is owed, and its dispute recorded: the ladder leaves it alone.
    let plan = audit_plan("statuts-seuls.csv");
    let disputed: Vec<&str> =
        plan.rows.iter().filter(|row| row.dispute.is_some()).map(|row| row.number.as_str()).collect();
    assert_eq!(disputed, ["S-28"]);
}

/// A credit note marked by its document type (« Type » = « Avoir », « Credit Memo ») or its status
/// (« Avoir ») with a positive amount was imported as an invoice owed by the client.
#[test]
fn a_credit_note_marked_by_its_type_or_status_is_a_credit_note_whatever_its_sign() {
    let cases = [
        ("sellsy-avoirs.csv", "AVR-2026-0002", "-300.00", Some("-250.00")),
        ("pennylane-type-avoir.xlsx", "PL-2026-003", "-600", Some("-500")),
        ("quickbooks-credit-memo.csv", "1004", "-500.00", None),
        ("statuts-seuls.csv", "S-23", "-100.00", None),
    ];
    for (file, number, amount, excl_vat) in cases {
        let plan = audit_plan(file);
        let row = plan.rows.iter().find(|row| row.number == number).unwrap_or_else(|| panic!("{file}: no {number}"));
        assert_eq!((row.amount, row.amount_excl_vat), (euros(amount), excl_vat.map(euros)), "{file}");
        assert_eq!(row.payment, None, "{file}: a credit note receives nothing");
        let invoices = plan.rows.iter().filter(|row| row.amount > Decimal::ZERO);
        assert!(invoices.count() > 0, "{file}: the invoices stay invoices");
    }
}

/// « Facture;Client;Date;Montant;TVA;Total »: the plain « Montant » (excluding VAT) was taken as the amount
/// owed. The total is the amount, « Montant » the amount excluding VAT, and a row where they and the VAT do
/// not add up is named (a VAT column holding the rate is no mistake).
#[test]
fn beside_a_vat_column_the_total_is_the_amount_and_the_sum_is_checked() {
    let plan = audit_plan("montant-tva-total.csv");
    assert_eq!(plan.mapping.column_of(Field::Amount), Some(5));
    assert_eq!(plan.mapping.column_of(Field::AmountExclVat), Some(3));
    let amounts: Vec<(&str, Decimal, Option<Decimal>)> =
        plan.rows.iter().map(|row| (row.number.as_str(), row.amount, row.amount_excl_vat)).collect();
    assert_eq!(
        amounts,
        [
            ("M-01", euros("1200.00"), Some(euros("1000.00"))),
            ("M-02", euros("610.00"), Some(euros("500.00"))),
            ("M-03", euros("60.00"), Some(euros("50.00")))
        ]
    );
    let warnings: Vec<String> = plan.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["Ligne 3, client « Beta SARL », colonne « TVA » : montant HT 500,00 € et TVA 100,00 € ne font pas le total \
          TTC de 610,00 € : le total TTC est retenu. Vérifiez la ligne dans votre logiciel."]
    );
}

/// Re-importing a file refused the rows of clients written with a civility (« M. Jean-Pierre Dupont »):
/// « la facture « C-01 » est enregistrée pour un autre client ». The import stores the civility apart; the
/// second import must find the same clients and change nothing.
#[test]
fn importing_clients_written_with_a_civility_twice_changes_nothing() {
    for (file, invoices) in [("civilites.csv", 11), ("civilites-excel.xlsx", 3)] {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/audit").join(file);
        let bytes = std::fs::read(path).unwrap();
        let request = ImportRequest {
            file_name: file,
            bytes: &bytes,
            sheet: None,
            mapping: None,
            today: TODAY,
            expected_sha256: None,
        };
        let (first, _) = import_file(&mut ledger, &request, false, &mut |_| {}).unwrap();
        assert_eq!((first.new, first.rejected_rows), (invoices, 0), "{file}");
        let clients = ledger.clients().unwrap().len();
        let (again, record) = import_file(&mut ledger, &request, false, &mut |_| {}).unwrap();
        let refused: Vec<String> = again.rejected.iter().map(ToString::to_string).collect();
        assert_eq!((again.new, again.updated, again.unchanged), (0, 0, invoices), "{file}: {refused:?}");
        assert!(refused.is_empty(), "{file}: {refused:?}");
        assert!(record.is_none(), "{file}: nothing written");
        assert_eq!(ledger.clients().unwrap().len(), clients, "{file}");
    }
}

/// Businesses without a SIREN were created as consumers, losing the late-payment interest and the 40 €
/// indemnity, and their names shown as a surname in capitals (« CAMILLE ROUX PHOTOGRAPHIE »). A client is
/// a consumer only with a civility or a first name and a surname, and a business keeps its name as written.
#[test]
fn a_client_is_a_consumer_only_when_its_name_is_clearly_a_persons() {
    use ardoise::domain::model::ClientKind::{Consumer, Professional};
    let plan = audit_plan("noms-de-clients.csv");
    let clients: Vec<(String, ardoise::domain::model::ClientKind)> =
        plan.new_clients.iter().map(|client| (client.fields.display_name(), client.fields.kind)).collect();
    let expected = [
        ("Fromagerie Géraud", Professional),
        ("LE PETIT ZINC", Professional),
        ("CAMILLE ROUX PHOTOGRAPHIE", Professional),
        ("PLOMBERIE GAËTAN ROUX", Professional),
        ("BISTRO CHEZ AMÉLIE", Professional),
        ("Brasserie SAINT-ÉLOI", Professional),
        ("Kowalski LTD", Professional),
        ("DUPONT, MARTIN & ASSOCIÉS", Professional),
        ("CRÈCHE « LES PÂQUERETTES »", Professional),
        ("M. ET MME LEFEBVRE", Consumer),
        ("Sophie LAGARDE", Consumer),
        ("Mme Océane BRÛLÉ", Consumer),
        ("Claire PETIT", Consumer),
    ];
    let expected: Vec<(String, ardoise::domain::model::ClientKind)> =
        expected.iter().map(|(name, kind)| (name.to_string(), *kind)).collect();
    assert_eq!(clients, expected);
}

/// Warnings went to the wrong rows: a refused (« Cancelled ») row warned about its paid amount, and of two
/// imported invoices of one client whose figures disagree, only the first was named.
#[test]
fn figures_that_disagree_warn_on_every_imported_invoice_and_never_on_a_refused_row() {
    let plan = audit_plan("avertissements.csv");
    assert_eq!(plan.rejected.iter().map(|p| p.row).collect::<Vec<_>>(), [2]);
    let warned: Vec<(usize, &str)> = plan.warnings.iter().map(|w| (w.row, w.column.as_str())).collect();
    assert_eq!(warned, [(3, "Invoice Balance"), (4, "Invoice Balance")]);
}

/// A workbook whose first sheet is a summary was refused whole (« aucune ligne d'en-tête »): the sheet whose
/// header is recognised is read, and said; a chosen sheet without one is refused naming the sheets. And
/// Excel's « Texte Unicode » (UTF-16 with a BOM, tabs) was refused as no text file.
#[test]
fn the_invoice_sheet_behind_a_summary_and_excel_unicode_text_are_read() {
    let plan = audit_plan("suivi-feuille-resume-en-premier.xlsx");
    assert_eq!(plan.source.sheet.as_deref(), Some("Factures 2026"));
    assert_eq!(plan.sheets, ["Tableau de bord", "Factures 2026"]);
    assert_eq!((plan.new, plan.rejected_rows), (3, 0));

    let file = "suivi-feuille-resume-en-premier.xlsx";
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/audit").join(file)).unwrap();
    let error = prepare(file, &bytes, Some("Tableau de bord"), None, |_| None).unwrap_err();
    assert_eq!(error.kind(), "no_header");
    assert_eq!(
        error.to_string(),
        "Aucune ligne d'en-tête reconnue dans les 30 premières lignes de la feuille lue : il faut au moins les \
         colonnes « N° de facture », « Client », « Date de facture », « Montant TTC ». Feuilles du classeur : \
         « Tableau de bord », « Factures 2026 ». Choisissez celle des factures (option --sheet en ligne de \
         commande) et vérifiez qu'elle a une ligne de titres de colonnes (N° facture, Client, Date, Montant TTC...)."
    );

    let plan = audit_plan("excel-texte-unicode.txt");
    let rows: Vec<(&str, &str, Decimal)> =
        plan.rows.iter().map(|row| (row.number.as_str(), row.client_name.as_str(), row.amount)).collect();
    assert_eq!(rows, [("U-1", "Delta Père & Fils", euros("1200.00"))]);
}

/// The invoices a plan imports with their client: number, client, amount, payment recorded.
fn imported_with_clients(plan: &ImportPlan) -> Vec<(String, String, Decimal, Option<Decimal>)> {
    let mut rows: Vec<_> =
        plan.rows.iter().map(|row| (row.number.clone(), row.client_name.clone(), row.amount, row.payment)).collect();
    rows.sort();
    rows
}

/// Stripe's invoice export: a `paid` invoice was imported owing its whole 600 € (« Amount Due » read as
/// what remains, while Stripe's `amount_due` stays after payment and `amount_remaining` is what is left),
/// its « Date (UTC) » columns refused the file whole, and its bare « Customer » (the « cus_… » id) named
/// the clients. Beside « Amount Remaining », « Amount Due » is the invoice's amount (when no « Total » is
/// given), a moment in UTC is dated by its day in France, and « Customer Name » names the client.
#[test]
fn stripe_amount_due_is_what_the_invoice_asks_beside_amount_remaining() {
    for file in ["stripe-factures.csv", "stripe-factures-sans-total.csv"] {
        let plan = audit_plan(file);
        let expected = [
            ("7A1B2C3D-0001", "Atelier Moreau SARL", "1200.00", None),
            ("7A1B2C3D-0002", "Boulangerie Petit", "600.00", Some("600.00")),
            ("7A1B2C3D-0006", "Boulangerie Petit", "900.00", Some("400.00")),
        ];
        let expected: Vec<(String, String, Decimal, Option<Decimal>)> = expected
            .iter()
            .map(|(number, client, amount, paid)| {
                (number.to_string(), client.to_string(), euros(amount), paid.map(euros))
            })
            .collect();
        assert_eq!(imported_with_clients(&plan), expected, "{file}");
        assert!(plan.warnings.is_empty(), "{file}: {:?}", plan.warnings);
        assert!(plan.rejected.is_empty(), "{file}: {:?}", plan.rejected);
        let paid = plan.rows.iter().find(|row| row.number == "7A1B2C3D-0002").unwrap();
        assert_eq!(
            paid.payments.iter().map(|p| (p.date, p.dated_by_file)).collect::<Vec<_>>(),
            [(day("2026-10-02"), true)]
        );
        assert_eq!(paid.due_date, day("2026-10-15"), "{file}");
        // Created 1 October at 23:30 UTC, due 31 October at 23:30 UTC: 2 October and 1 November in France.
        let late = plan.rows.iter().find(|row| row.number == "7A1B2C3D-0001").unwrap();
        assert_eq!((late.issue_date, late.due_date), (day("2026-10-02"), day("2026-11-01")), "{file}");
        assert_eq!(plan.mapping.column_of(Field::Remaining), Some(if file == "stripe-factures.csv" { 13 } else { 7 }));
    }
    let plan = audit_plan("stripe-factures.csv");
    assert_eq!(plan.mapping.column_of(Field::Amount), Some(10), "the total, not « Amount Due »");
    assert_eq!(plan.mapping.column_of(Field::Client), Some(3), "« Customer Name », not the id");

    // Elsewhere « Amount due » (as Odoo's « Montant dû ») is what remains to pay.
    let csv = "Invoice,Customer,Date,Total,Amount due\nA-1,Café Riche,2026-09-01,500,200\n";
    let prepared = prepare("ailleurs.csv", csv.as_bytes(), None, None, |_| None).unwrap();
    let alone = plan_of(prepared);
    assert_eq!(imported(&alone), [("A-1".to_string(), euros("500"), Some(euros("300")))]);
}

fn plan_of(prepared: ardoise::import::PreparedFile) -> ImportPlan {
    plan(prepared, &LedgerSnapshot { default_payment_terms_days: 30, ..LedgerSnapshot::default() }, TODAY)
}

/// Odoo's invoice list names the client « Partenaire »: the file was refused whole (« il faut au moins les
/// colonnes « Client » »). Its other columns are Odoo's: « Total hors taxes », « Total », « Montant dû »
/// (what remains), « Statut ».
#[test]
fn odoo_names_the_client_partenaire() {
    let plan = audit_plan("odoo-factures-partenaire.xlsx");
    assert_eq!(plan.mapping.column_of(Field::Client), Some(1));
    assert_eq!(plan.mapping.column_of(Field::AmountExclVat), Some(5));
    assert_eq!(plan.mapping.column_of(Field::Amount), Some(6));
    assert_eq!(plan.mapping.column_of(Field::Remaining), Some(7));
    let rows: Vec<(String, String, Decimal, Option<Decimal>)> = imported_with_clients(&plan);
    let numbers: Vec<(&str, &str)> = rows.iter().map(|row| (row.0.as_str(), row.1.as_str())).collect();
    assert_eq!(
        numbers,
        [
            ("FAC/2026/00012", "Garage Martin SAS"),
            ("FAC/2026/00013", "Garage Martin SAS"),
            ("FAC/2026/00014", "Dupuis & Fils"),
            ("RFAC/2026/00002", "Garage Martin SAS")
        ]
    );
    let paid: Vec<Option<Decimal>> = rows.iter().map(|row| row.3).collect();
    assert_eq!(paid[1], Some(euros("400")), "600 less the 200 « Montant dû »");
}

/// A header on two rows, group titles merged over their columns (« Montant » over « HT | TVA | TTC »,
/// « Règlement » over « Date | Montant »), was read as its first row alone: « Montant » over « HT » became
/// the amount owed (500 € instead of 600 €) and the paid rows were refused (« Règlement » read a date as
/// an amount). The two rows are one header: « Montant TTC », « Règlement Date », « Règlement Montant ».
#[test]
fn a_header_on_two_rows_is_read_as_one() {
    let plan = audit_plan("entete-deux-lignes.xlsx");
    assert_eq!(
        plan.headers,
        [
            "N° facture",
            "Client",
            "Date",
            "Montant HT",
            "Montant TVA",
            "Montant TTC",
            "Règlement Date",
            "Règlement Montant",
            "Statut"
        ]
    );
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    let rows: Vec<(&str, Decimal, Option<Decimal>, Vec<NaiveDate>)> = plan
        .rows
        .iter()
        .map(|row| (row.number.as_str(), row.amount, row.payment, row.payments.iter().map(|p| p.date).collect()))
        .collect();
    assert_eq!(
        rows,
        [
            ("H-01", euros("1200"), Some(euros("1200")), vec![day("2026-10-01")]),
            ("H-02", euros("600"), None, vec![]),
            ("H-03", euros("300"), Some(euros("100")), vec![day("2026-11-02")]),
            ("H-04", euros("120"), None, vec![]),
        ]
    );
    assert_eq!(plan.rows[0].amount_excl_vat, Some(euros("1000")));

    // The same header written in a CSV: the group title on its first column only.
    let csv = "N° facture;Client;Date;Montant;;\n;;;HT;TVA;TTC\nH-01;Dupuis & Fils;01/09/2026;1000;200;1200\n";
    let plan = plan_of(prepare("deux-lignes.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("H-01".to_string(), euros("1200"), None)]);

    // A first invoice row under the header is no second header row.
    let csv = "N° facture;Client;Date;Montant;Statut\nH-01;Dupuis & Fils;01/09/2026;1000;\n";
    let plan = plan_of(prepare("une-ligne.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("H-01".to_string(), euros("1000"), None)]);
}

/// An export of one row per invoice line (Evoliz: « une ligne = une ligne de facture »): F-2026-060 on two
/// rows of 960 € and 480 € was imported for its first line alone (960 €), the second refused as « numéro
/// déjà présent ». The invoice is its lines' sum; lines whose payments differ, or a line refused, refuse
/// every row of their invoice.
#[test]
fn an_invoice_on_several_line_rows_is_their_sum() {
    let plan = audit_plan("export-lignes-ttc-ligne.csv");
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    let rows: Vec<(&str, Decimal, Option<Decimal>)> =
        plan.rows.iter().map(|row| (row.number.as_str(), row.amount, row.amount_excl_vat)).collect();
    assert_eq!(
        rows,
        [("F-2026-060", euros("1440"), Some(euros("1200"))), ("F-2026-061", euros("240"), Some(euros("200")))]
    );
    assert_eq!(
        plan.rows[0].notes[..1],
        ["Facture sur 2 lignes du fichier (lignes 2, 3) : son montant est la somme de leurs montants, 1 440,00 €."]
    );

    // The invoice's paid and remaining amounts repeated on each of its lines count once.
    let csv = "N° facture;Date;Client;Désignation;Montant TTC;Payé;Reste dû\n\
               F-1;02/10/2026;Agence Horizon;Logo;960,00;440,00;1000,00\n\
               F-1;02/10/2026;Agence Horizon;Charte;480,00;440,00;1000,00\n";
    let plan = plan_of(prepare("lignes.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("F-1".to_string(), euros("1440"), Some(euros("440")))]);

    // Lines that each say something else was paid: what the invoice received is not known.
    let csv = "N° facture;Date;Client;Désignation;Montant TTC;Payé\n\
               F-1;02/10/2026;Agence Horizon;Logo;960,00;960,00\n\
               F-1;02/10/2026;Agence Horizon;Charte;480,00;0,00\n\
               F-2;05/10/2026;Agence Horizon;Cartes;240,00;0,00\n";
    let plan = plan_of(prepare("lignes.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("F-2".to_string(), euros("240"), None)]);
    let refused: Vec<String> = plan.rejected.iter().map(ToString::to_string).collect();
    let message = "facture « F-1 » sur plusieurs lignes du fichier (lignes 2, 3), chacune avec son montant, mais des \
                   règlements différents d'une ligne à l'autre : ce qui a été réglé sur la facture n'est pas connu. \
                   Toutes ses lignes sont ignorées : donnez le même payé, reste dû et date de règlement sur chaque \
                   ligne (ceux de la facture), ou une ligne par facture.";
    assert_eq!(refused, [format!("Ligne 2 : {message}"), format!("Ligne 3 : {message}")]);

    // A line refused: the invoice's sum is not known, none of its lines is kept.
    let csv = "N° facture;Date;Client;Désignation;Montant TTC\n\
               F-1;02/10/2026;Agence Horizon;Logo;960,00\n\
               F-1;02/10/2026;Agence Horizon;Charte;quatre cent quatre-vingts\n\
               F-1;02/10/2026;Agence Horizon;Cartes;240,00\n\
               F-2;05/10/2026;Agence Horizon;Cartes;240,00\n";
    let plan = plan_of(prepare("lignes.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("F-2".to_string(), euros("240"), None)]);
    let refused: Vec<(usize, &str)> = plan.rejected.iter().map(|p| (p.row, p.message.as_str())).collect();
    let message = "la ligne 3 de la facture « F-1 » est refusée : sans elle, son montant (la somme de ses lignes) \
                   n'est pas connu. Toutes ses lignes sont ignorées : corrigez la ligne 3 puis importez le fichier \
                   à nouveau.";
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert_eq!((refused[0].0, refused[0].1), (2, message));
    assert_eq!(refused[1].0, 3);
    assert_eq!((refused[2].0, refused[2].1), (4, message));

    // A line of no amount is refused as such (« montant nul ») but changes no sum: its invoice is imported.
    let csv = "N° facture;Date;Client;Désignation;Montant TTC\n\
               F-1;02/10/2026;Agence Horizon;Logo;960,00\n\
               F-1;02/10/2026;Agence Horizon;Port offert;0,00\n\
               F-1;02/10/2026;Agence Horizon;Charte;480,00\n";
    let plan = plan_of(prepare("lignes.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("F-1".to_string(), euros("1440"), None)]);
    let refused: Vec<String> = plan.rejected.iter().map(ToString::to_string).collect();
    assert_eq!(refused, ["Ligne 3, colonne « Montant TTC » : montant nul « 0,00 »"]);

    // An export repeating the invoice's total on each of its lines stays one invoice of that total.
    let csv = "N° facture;Date;Client;Désignation;Total TTC;Montant réglé;Reste à payer\n\
               F-1;02/10/2026;Agence Horizon;Logo;1 440,00;500,00;940,00\n\
               F-1;02/10/2026;Agence Horizon;Charte;1 440,00;500,00;940,00\n";
    let plan = plan_of(prepare("total-repete.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("F-1".to_string(), euros("1440"), Some(euros("500")))]);
}

/// An amount excluding VAT the invoice form would refuse (above the total, or of the other sign) was stored
/// as the file gave it: HT 150 € on a 100 € invoice (columns swapped), or 90 € summed from lines whose HT
/// and TTC disagree on a 50 € invoice. The total is what is owed: it is kept, the HT left out with a warning.
#[test]
fn an_amount_excluding_vat_beyond_the_total_is_left_out_with_a_warning() {
    let csv = "N° facture;Date;Client;Désignation;Montant HT;Montant TTC\n\
               F-1;02/10/2026;Agence Horizon;Logo;150,00;100,00\n\
               F-2;02/10/2026;Agence Horizon;Charte;100,00;100,00\n\
               F-2;02/10/2026;Agence Horizon;Remise;-10,00;-50,00\n\
               F-3;05/10/2026;Agence Horizon;Cartes;200,00;240,00\n";
    let plan = plan_of(prepare("ht.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    let rows: Vec<(&str, Decimal, Option<Decimal>)> =
        plan.rows.iter().map(|row| (row.number.as_str(), row.amount, row.amount_excl_vat)).collect();
    assert_eq!(
        rows,
        [("F-1", euros("100"), None), ("F-2", euros("50"), None), ("F-3", euros("240"), Some(euros("200")))]
    );
    let warnings: Vec<(usize, &str, &str, &str)> =
        plan.warnings.iter().map(|w| (w.row, w.column.as_str(), w.value.as_str(), w.message.as_str())).collect();
    let message = |excl: &str, total: &str| {
        format!(
            "montant HT {excl} supérieur au total TTC de {total} : les colonnes HT et TTC sont-elles inversées ? Le \
             total TTC est retenu, le HT laissé de côté."
        )
    };
    let (first, second) = (message("150,00 €", "100,00 €"), message("90,00 €", "50,00 €"));
    assert_eq!(
        warnings,
        [(2, "Montant HT", "150,00 €", first.as_str()), (3, "Montant HT", "90,00 €", second.as_str())]
    );
}

/// Found by the `csv` fuzz target (CI, 8 December 2026): lines each within the largest amount but summing
/// beyond it (a SIREN typed in the amount column) made an invoice above the bound every amount keeps
/// (1 052 593 566 €). The invoice is refused, every one of its lines named.
#[test]
fn fuzz_csv_invoice_lines_summing_beyond_the_largest_amount_are_refused() {
    let csv = "N° facture;Date;Client;Désignation;Montant TTC\n\
               F-1;02/10/2026;Agence Horizon;Logo;960,00\n\
               F-1;02/10/2026;Agence Horizon;Charte;543827171\n\
               F-1;02/10/2026;Agence Horizon;Cartes;508765435\n\
               F-2;05/10/2026;Agence Horizon;Cartes;240,00\n";
    let plan = plan_of(prepare("lignes.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("F-2".to_string(), euros("240"), None)]);
    let refused: Vec<String> = plan.rejected.iter().map(ToString::to_string).collect();
    let message = "facture « F-1 » sur plusieurs lignes du fichier (lignes 2, 3, 4) : la somme de leurs montants \
                   dépasse le plus grand montant qu'Ardoise inscrit (1 000 000 000,00 €). Toutes ses lignes sont \
                   ignorées : vérifiez les montants de ces lignes (un numéro ou un code saisi dans la colonne du \
                   montant ?).";
    assert_eq!(
        refused,
        [format!("Ligne 2 : {message}"), format!("Ligne 3 : {message}"), format!("Ligne 4 : {message}")]
    );
}

/// An audit export committed into `ledger` through the desk, as `ardoise import` does on `TODAY`.
fn commit_audit(ledger: &mut Ledger, file: &str) -> ImportPlan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/audit").join(file);
    let bytes = std::fs::read(path).unwrap();
    let request = ImportRequest {
        file_name: file,
        bytes: &bytes,
        sheet: None,
        mapping: None,
        today: TODAY,
        expected_sha256: None,
    };
    import_file(ledger, &request, false, &mut |_| {}).unwrap_or_else(|error| panic!("{file}: {error}")).0
}

/// Each invoice of the ledger after credits on `TODAY`: number, amount, what remains owed, status.
fn owed(ledger: &Ledger) -> Vec<(String, Decimal, Decimal, &'static str)> {
    let mut lines: Vec<_> = ardoise::desk::invoices::invoice_list(ledger, None, TODAY)
        .unwrap()
        .into_iter()
        .map(|line| (line.row.invoice.number.clone(), line.row.invoice.amount, line.remaining, line.status_label))
        .collect();
    lines.sort();
    lines
}

/// How many payments the ledger holds (an import records one for money the file says was received).
fn payments_stored(ledger: &Ledger) -> usize {
    let export = serde_json::to_value(ledger.export().unwrap()).unwrap();
    export["tables"]["payments"].as_array().unwrap().len()
}

/// « Cancelled invoice + its credit note », the shape of every tool's export: the credit note, which the file
/// says is used up (« Reste à payer » 0), was set against another unpaid invoice of the client, which became
/// « réglée » with the client 600 € in credit; a partly used credit note offset its whole amount. What the
/// file says remains of a credit note is what it offsets: nothing, or the part left.
#[test]
fn a_credit_note_the_file_says_is_used_up_offsets_nothing_and_a_part_used_one_only_what_remains() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let plan = commit_audit(&mut ledger, "annulee-par-avoir.csv");
    let rejected: Vec<(usize, &str, &str, &str)> =
        plan.rejected.iter().map(|p| (p.row, p.column.as_str(), p.value.as_str(), p.message.as_str())).collect();
    assert_eq!(
        rejected,
        [
            (
                2,
                "Statut",
                "Annulée",
                "facture au statut « Annulée » dans votre logiciel : annulée, rien n'est dû. Ligne ignorée."
            ),
            (
                3,
                "Reste à payer",
                "0,00 €",
                "avoir de 1 200,00 € entièrement utilisé d'après le fichier (reste 0,00 €) : il a déjà été déduit, \
                 dans votre logiciel, de la facture qu'il annule ou corrige ; rien n'en reste à déduire des autres \
                 factures du client. Ligne ignorée."
            ),
        ]
    );
    let part_used = plan.rows.iter().find(|row| row.number == "AV-2026-002").unwrap();
    assert_eq!(
        part_used.notes,
        ["Avoir de 500,00 € dont 300,00 € déjà utilisés d'après le fichier : seuls les 200,00 € qui en restent sont \
          inscrits, à déduire des autres factures du client."]
    );
    assert_eq!(
        owed(&ledger),
        [
            ("AV-2026-002".to_string(), euros("-200.00"), euros("0"), "avoir"),
            ("F-2026-011".to_string(), euros("600.00"), euros("600.00"), "en retard"),
            ("F-2026-012".to_string(), euros("900.00"), euros("700.00"), "partiellement réglée"),
        ]
    );
    assert_eq!(payments_stored(&ledger), 0, "no money was received");
}

/// Regression: a credit note used against an invoice in the invoicing tool became a receipt: the tool's
/// remaining amount deducts it, and the import read total − remaining as money paid (500 € « non précisé »
/// in the receipts book), even where the « Montant payé » column said 0. The used part now settles the
/// invoice as the credit note, imported naming it; no money is recorded.
#[test]
fn a_credit_note_used_against_an_invoice_in_the_file_settles_it_and_is_no_receipt() {
    // Each invoice after the import: number, amount, remaining, status.
    type Owed = &'static [(&'static str, &'static str, &'static str, &'static str)];
    let cases: [(&str, &str, &str, Owed); 3] = [
        (
            "avoir-utilise-sur-une-facture.csv",
            "AV-0100",
            "F-0100",
            &[
                ("AV-0100", "-500.00", "0", "avoir"),
                ("F-0100", "1200.00", "700.00", "partiellement réglée"),
                ("F-0101", "600.00", "600.00", "en retard"),
            ],
        ),
        (
            "axonaut-avoir-paye-0.csv",
            "AV-2026-0005",
            "FA-2026-0041",
            &[("AV-2026-0005", "-500.00", "0", "avoir"), ("FA-2026-0041", "1200.00", "700.00", "partiellement réglée")],
        ),
        // Partly used: 300 € of 500 € against F-0200; the whole credit note is recorded naming it, and
        // the client owes what the tool says (900 + 600 − 200).
        (
            "avoir-utilise-en-partie.csv",
            "AV-0200",
            "F-0200",
            &[
                ("AV-0200", "-500.00", "0", "avoir"),
                ("F-0200", "1200.00", "700.00", "partiellement réglée"),
                ("F-0201", "600.00", "600.00", "en retard"),
            ],
        ),
    ];
    for (file, credit_note, invoice, expected) in cases {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let plan = commit_audit(&mut ledger, file);
        assert!(plan.rejected.is_empty(), "{file}: {:?}", plan.rejected);
        assert!(plan.warnings.is_empty(), "{file}: {:?}", plan.warnings);
        let credit_row = plan.rows.iter().find(|row| row.number == credit_note).unwrap();
        assert_eq!(credit_row.corrects.as_deref(), Some(invoice), "{file}");
        let invoice_row = plan.rows.iter().find(|row| row.number == invoice).unwrap();
        assert!(invoice_row.payments.is_empty(), "{file}: {:?}", invoice_row.payments);
        assert!(
            invoice_row
                .notes
                .iter()
                .any(|note| note.contains(&format!("c'est l'avoir « {credit_note} » de ce client"))),
            "{file}: {:?}",
            invoice_row.notes
        );
        let expected: Vec<_> = expected
            .iter()
            .map(|(number, amount, remaining, status)| (number.to_string(), euros(amount), euros(remaining), *status))
            .collect();
        assert_eq!(owed(&ledger), expected, "{file}");
        let book = ardoise::desk::books::receipts(
            &ledger,
            ardoise::domain::books::Period { from: day("2026-01-01"), to: day("2026-12-31") },
        )
        .unwrap();
        assert!(book.lines.is_empty(), "{file}: receipts that never happened: {:?}", book.lines);
        assert_eq!(payments_stored(&ledger), 0, "{file}: no money was received");
    }
}

/// Regression: a « Montant payé » of 0 became a receipt of the total less the remaining amount (500 €
/// « non précisé » in the receipts book). Without the credit note that explains the gap, nothing is
/// recorded as received and the warning says what is not deducted.
#[test]
fn a_paid_amount_of_zero_is_never_a_receipt() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let plan = commit_audit(&mut ledger, "axonaut-paye-0-sans-avoir.csv");
    let warnings: Vec<(usize, &str, &str)> =
        plan.warnings.iter().map(|w| (w.row, w.column.as_str(), w.message.as_str())).collect();
    assert_eq!(
        warnings,
        [(
            2,
            "Reste à payer",
            "payé 0,00 € et reste dû 700,00 € ne font pas le montant de 1 200,00 € : le fichier dit que rien n'a été \
             payé, aucun règlement n'est inscrit. L'écart de 500,00 € (un avoir, une remise ou une perte dans votre \
             logiciel ?) n'est pas déduit : la facture est inscrite due de 1 200,00 €. Saisissez dans Ardoise l'avoir \
             qui l'explique, ou importez l'export de votre logiciel qui le contient."
        )]
    );
    assert_eq!(owed(&ledger), [("FA-2026-0041".to_string(), euros("1200.00"), euros("1200.00"), "en retard")]);
    assert_eq!(payments_stored(&ledger), 0, "no money was received");
}

/// The export imported first without its credit note recorded the gap as a payment; the full export
/// imported then must not deduct the credit note on top of it: the invoice's row is refused (the ledger
/// counts a payment the file denies), and the credit note naming it with it.
#[test]
fn a_used_credit_note_is_not_imported_when_the_invoice_it_settled_is_refused() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    commit_audit(&mut ledger, "avoir-utilise-sur-une-facture-sans-l-avoir.csv");
    assert_eq!(payments_stored(&ledger), 1);
    let plan = commit_audit(&mut ledger, "avoir-utilise-sur-une-facture.csv");
    let refused: Vec<(usize, &str)> = plan.rejected.iter().map(|p| (p.row, p.message.as_str())).collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(
        refused[1],
        (
            3,
            "avoir utilisé d'après le fichier contre la facture « F-0100 », dont la ligne est refusée : importé \
             seul, il serait déduit de cette facture en plus de ce que le registre compte déjà. Corrigez d'abord la \
             ligne de la facture, puis importez le fichier à nouveau. Ligne ignorée."
        )
    );
    assert_eq!(
        owed(&ledger),
        [
            ("F-0100".to_string(), euros("1200.00"), euros("700.00"), "partiellement réglée"),
            ("F-0101".to_string(), euros("600.00"), euros("600.00"), "en retard"),
        ]
    );
}

/// Odoo's « Extourné » (reversed) in « Statut du paiement », beside « Statut » « Comptabilisé », with
/// « Montant dû » 0: the reversed invoice was recorded paid (1 200 € never received in the receipts book) and
/// its credit note, used up, settled another invoice.
#[test]
fn an_invoice_odoo_says_is_reversed_is_cancelled_and_its_used_up_credit_note_offsets_nothing() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let plan = commit_audit(&mut ledger, "odoo-extourne.xlsx");
    let rejected: Vec<(usize, &str, &str)> =
        plan.rejected.iter().map(|p| (p.row, p.column.as_str(), p.value.as_str())).collect();
    assert_eq!(rejected, [(2, "Statut du paiement", "Extourné"), (3, "Montant dû", "0")]);
    assert_eq!(plan.rejected[0].message, format!("facture au statut « Extourné » {CANCELLED}"));
    assert_eq!(
        owed(&ledger),
        [
            ("FAC/2026/00021".to_string(), euros("600"), euros("600"), "en retard"),
            ("FAC/2026/00022".to_string(), euros("600"), euros("0"), "réglée"),
        ]
    );
    assert_eq!(payments_stored(&ledger), 1, "FAC/2026/00022 alone was paid");
}

/// A newer export says « Annulée » of an invoice an earlier import recorded owed: the row was refused as
/// « rien n'est dû » and the import said the ledger was up to date, while the invoice stayed owed and
/// chased. Alone, the refusal now says that it is still owed in the ledger and how to cancel it; with the
/// credit note that cancelled it in the same export, that credit note is imported naming it, which the undo
/// of the import takes away again.
#[test]
fn a_newer_export_cancelling_an_invoice_of_the_ledger_says_so_or_imports_the_credit_note_that_cancels_it() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    commit_audit(&mut ledger, "suivi-v1.csv");
    let plan = commit_audit(&mut ledger, "suivi-v2-sans-avoir.csv");
    let rejected: Vec<(usize, &str, &str)> =
        plan.rejected.iter().map(|p| (p.row, p.value.as_str(), p.message.as_str())).collect();
    assert_eq!(
        rejected,
        [(
            2,
            "Annulée",
            "facture au statut « Annulée » dans votre logiciel, mais elle est dans le registre, où elle reste due \
             (1 200,00 €) et relancée : l'import ne l'annule pas, une facture s'annule par un avoir. Saisissez dans \
             Ardoise l'avoir qui l'annule (une facture de montant négatif, facture corrigée « G-01 »), ou importez \
             l'export de votre logiciel qui contient cet avoir. Ligne ignorée."
        )]
    );
    let still_owed = [
        ("G-01".to_string(), euros("1200.00"), euros("1200.00"), "en retard"),
        ("G-02".to_string(), euros("600.00"), euros("600.00"), "en retard"),
    ];
    assert_eq!(owed(&ledger), still_owed);

    let plan = commit_audit(&mut ledger, "suivi-v2-avec-avoir.csv");
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    let credit_note = plan.rows.iter().find(|row| row.number == "AV-01").unwrap();
    assert_eq!(credit_note.corrects.as_deref(), Some("G-01"));
    assert!(credit_note.notes[0].contains("elle restait due (1 200,00 €)"), "{:?}", credit_note.notes);
    assert_eq!(
        owed(&ledger),
        [
            ("AV-01".to_string(), euros("-1200.00"), euros("0"), "avoir"),
            ("G-01".to_string(), euros("1200.00"), euros("0"), "réglée"),
            ("G-02".to_string(), euros("600.00"), euros("600.00"), "en retard"),
        ]
    );
    assert_eq!(payments_stored(&ledger), 0);
    ardoise::desk::import::undo_last_import(&mut ledger).unwrap();
    assert_eq!(owed(&ledger), still_owed);
}

/// Statuses a hand-kept tracker writes (statuts-varies.csv): « Payée le 02/11/2026 », « Paiement reçu »,
/// « Lettrée », « Clôturée », « Closed » were imported as 100 € owed; « Devis » (a quote) as an invoice;
/// « Avoir émis », « Annulée (avoir) » as owed; and a word the import did not know passed in silence.
#[test]
fn statuses_said_another_way_are_read_a_quote_is_refused_and_an_unknown_word_is_warned_of() {
    let plan = audit_plan("statuts-varies.csv");
    let paid = |number: &str| plan.rows.iter().find(|row| row.number == number).and_then(|row| row.payment);
    for number in ["S-09", "S-10", "S-12", "S-13", "S-46"] {
        assert_eq!(paid(number), Some(euros("100.00")), "{number}");
    }
    let dated = &plan.rows.iter().find(|row| row.number == "S-09").unwrap().payments;
    assert_eq!(dated.iter().map(|p| (p.date, p.dated_by_file)).collect::<Vec<_>>(), [(day("2026-11-02"), true)]);
    let refused = |row: usize| plan.rejected.iter().find(|p| p.row == row).map(|p| p.message.as_str());
    assert_eq!(refused(26), Some(format!("facture au statut « Avoir émis » {CANCELLED}").as_str()));
    assert_eq!(refused(27), Some(format!("facture au statut « Annulée (avoir) » {CANCELLED}").as_str()));
    assert_eq!(
        refused(30),
        Some(
            "ligne au statut « Devis » : un devis n'est pas une facture, rien n'est dû tant qu'elle n'est pas émise. \
             Ligne ignorée : importez la facture une fois émise."
        )
    );
    let warned: Vec<(usize, &str, &str)> =
        plan.warnings.iter().map(|w| (w.row, w.column.as_str(), w.value.as_str())).collect();
    assert_eq!(
        warned,
        [(13, "Statut", "Terminée"), (29, "Statut", "Archivée"), (39, "Statut", "Rejetée"), (40, "Statut", "Refusée")]
    );
    assert_eq!(
        plan.warnings[0].message,
        "statut « Terminée » non reconnu : le fichier ne donnant ni montant payé ni reste dû, la facture est inscrite \
         comme due en entier. Si elle est réglée, annulée ou n'est pas une facture, corrigez son statut (« Payée », \
         « Annulée »…) ou ajoutez une colonne « Reste dû », puis importez le fichier à nouveau."
    );
    // Dolibarr's « Commencée » and « Partiel/dépôt » are invoices partly paid: known, no warning.
    let dolibarr = audit_plan("statuts-dolibarr.csv");
    assert!(dolibarr.warnings.is_empty(), "{:?}", dolibarr.warnings);
    // With a remaining amount, the amounts say what is owed: no warning.
    let csv = "N° facture;Client;Date;Montant TTC;Reste dû;Statut\nT-1;Client Statuts;05/10/2026;100,00;0;Terminée\n";
    let prepared = prepare("reste.csv", csv.as_bytes(), None, None, |_| None).unwrap();
    let with_remaining = ardoise::import::plan::plan(prepared, &LedgerSnapshot::default(), TODAY);
    assert_eq!((with_remaining.rows.len(), with_remaining.warnings.len()), (1, 0));
}

/// Facturation.PRO writes when an invoice was paid (« Payé le », its `paid_on`) and nothing else about its
/// payments: a date filled was dropped and the paid invoice chased. With no paid, remaining or status
/// column, a date filled is the invoice paid in full that day. VosFactures' « Date de création » is its
/// invoice date, Facturation.PRO's « Montant total HT » its amount excluding VAT.
#[test]
fn a_payment_date_alone_pays_the_invoice_and_two_more_tools_headers_are_read() {
    let csv = "Référence;Client;Date;Échéance;Montant total HT;Montant total TTC;Payé le\n\
               F2026-0041;Cabinet Moreau;02/11/2026;02/12/2026;2 000,00;2 400,00;\n\
               F2026-0042;Julie PERRIN;04/10/2026;03/11/2026;300,00;360,00;10/11/2026\n";
    let plan = plan_of(prepare("facturation-pro.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert!(plan.rejected.is_empty(), "{:?}", plan.rejected);
    let rows: Vec<(&str, Option<Decimal>, Option<Decimal>)> =
        plan.rows.iter().map(|row| (row.number.as_str(), row.amount_excl_vat, row.payment)).collect();
    assert_eq!(
        rows,
        [("F2026-0041", Some(euros("2000")), None), ("F2026-0042", Some(euros("300")), Some(euros("360")))]
    );
    assert!(plan.rows[1].notes.iter().any(|note| {
        note
        == "Payée le 10/11/2026 d'après la colonne « Payé le » (le fichier ne donne ni montant payé, ni reste dû, ni \
            statut) : réglée en entier à cette date."
    }));
    // The payment is dated by the file.
    assert_eq!(plan.undated_payments, 0);

    // With a status column, the status says whether it is paid, not the date alone.
    let csv = "Référence;Client;Date;Montant total TTC;Payé le;Statut\nF-1;Julie PERRIN;04/10/2026;360,00;10/11/2026;Impayée\n";
    let plan = plan_of(prepare("statut.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(imported(&plan), [("F-1".to_string(), euros("360"), None)]);

    let csv = "Numéro;Date de création;Client;Total TTC\nFA 2026/11/001;02/11/2026;Garage Martin;1200,00\n";
    let plan = plan_of(prepare("vosfactures.csv", csv.as_bytes(), None, None, |_| None).unwrap());
    assert_eq!(plan.rows[0].issue_date, chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
}
