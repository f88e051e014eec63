//! The credit matcher (F11) as a table of cases: a credit (label, amount, payer, IBAN) against the open
//! invoices and plan installments of a small ledger, and the allocations, confidence and reason expected.
//! Then sequences (a credit never settles what an earlier one settled) and the statement fixtures matched
//! end to end.

use ardoise::domain::matching::{
    match_credits, ClientIdentity, Confidence, CreditLine, CreditMatch, OpenInstallment, OpenInvoice,
};
use ardoise::import::bank::{read_statement, CsvOptions};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

const IBAN_GARAGE: &str = "FR7830004008190001234567843";
const IBAN_MARTIN: &str = "FR7110278073000002012345678";
const IBAN_ROUX: &str = "FR7630006000011234567890189";
const SIREN_DUBOIS: &str = "823456719";

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn clients() -> Vec<ClientIdentity> {
    let client = |id, name: &str, siren: Option<&str>, ibans: &[&str]| ClientIdentity {
        id,
        name: name.to_string(),
        siren_siret: siren.map(str::to_string),
        ibans: ibans.iter().map(|iban| iban.to_string()).collect(),
    };
    vec![
        client(1, "Garage du Centre", Some("508765435"), &[IBAN_GARAGE]),
        client(2, "Boulangerie Martin SARL", Some("41234567300011"), &[IBAN_MARTIN]),
        client(3, "Sophie Lefèvre", None, &[]),
        client(4, "Restaurant Le Pré Fleuri SARL", None, &[]),
        client(5, "Cabinet Dubois & Associés EURL", Some(SIREN_DUBOIS), &[]),
        client(6, "Atelier Roux", None, &[IBAN_ROUX]),
        client(7, "Martin Immobilier SAS", None, &[]),
    ]
}

fn invoices() -> Vec<OpenInvoice> {
    let invoice = |id, number: &str, client_id, due: &str, due_date: &str| OpenInvoice {
        id,
        number: number.to_string(),
        client_id,
        due: money(due),
        due_date: day(due_date),
        issue_date: day("2026-09-01"),
    };
    vec![
        invoice(101, "F2026-068", 1, "1200.00", "2026-10-30"),
        invoice(102, "F2026-069", 1, "250.00", "2026-11-30"),
        invoice(103, "F2026-071", 2, "1500.00", "2026-10-15"),
        invoice(104, "F2026-072", 2, "420.00", "2026-11-15"),
        invoice(105, "F2026-073", 3, "600.00", "2026-10-31"),
        invoice(106, "F2026-074", 4, "936.60", "2026-11-05"),
        invoice(107, "F2026-075", 5, "480.00", "2026-09-30"),
        invoice(108, "F2026-076", 5, "720.00", "2026-10-30"),
        invoice(109, "F2026-077", 5, "350.00", "2026-11-30"),
        invoice(110, "F2026-060", 6, "900.00", "2026-07-31"),
        invoice(111, "F2026-078", 7, "2400.00", "2026-12-15"),
        invoice(112, "F2026-079", 7, "250.00", "2026-12-15"),
    ]
}

fn installments() -> Vec<OpenInstallment> {
    vec![OpenInstallment {
        plan_id: 9,
        sequence: 2,
        client_id: 6,
        due_date: day("2026-11-10"),
        amount: money("150.00"),
        invoice_ids: vec![110],
    }]
}

/// A credit as a test states it: label, amount, payer's name, payer's IBAN.
fn credit(position: usize, label: &str, amount: &str, payer: Option<&str>, iban: Option<&str>) -> CreditLine {
    CreditLine {
        position,
        date: day("2026-11-20"),
        amount: money(amount),
        bank_charges: Decimal::ZERO,
        unexplained_charges: Decimal::ZERO,
        label: label.to_string(),
        details: String::new(),
        reference: None,
        counterparty_name: payer.map(str::to_string),
        counterparty_iban: iban.map(str::to_string),
        payers: Vec::new(),
    }
}

struct Case {
    label: &'static str,
    amount: &'static str,
    payer: Option<&'static str>,
    iban: Option<&'static str>,
    confidence: Confidence,
    /// (invoice id, amount)
    allocations: &'static [(i64, &'static str)],
    /// A reason the user must read (a part of it).
    reason: &'static str,
}

const CASES: [Case; 22] = [
    Case {
        label: "VIR SEPA RECU /DE GARAGE DU CENTRE /MOTIF FACTURE F2026-068",
        amount: "1200.00",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(101, "1200.00")],
        reason: "n° de facture F2026-068 dans le libellé",
    },
    Case {
        label: "VIR F2026068 MERCI",
        amount: "1200.00",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(101, "1200.00")],
        reason: "montant exact de la facture",
    },
    Case {
        label: "VIREMENT f 2026 68",
        amount: "1200.00",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(101, "1200.00")],
        reason: "n° de facture F2026-068 dans le libellé",
    },
    Case {
        label: "VIR SEPA RECU MOTIF F2026-068",
        amount: "500.00",
        payer: None,
        iban: None,
        confidence: Confidence::Probable,
        allocations: &[(101, "500.00")],
        reason: "paiement partiel : 500,00\u{a0}€ sur 1\u{a0}200,00\u{a0}€",
    },
    Case {
        label: "VIR SEPA RECU MOTIF F2026-068",
        amount: "500.00",
        payer: None,
        iban: Some(IBAN_GARAGE),
        confidence: Confidence::Sure,
        allocations: &[(101, "500.00")],
        reason: "client reconnu par son IBAN FR78 … 7843 déjà vu",
    },
    Case {
        label: "FACTURE F2026-068",
        amount: "1250.00",
        payer: None,
        iban: None,
        confidence: Confidence::Probable,
        allocations: &[(101, "1200.00")],
        reason: "trop-perçu de 50,00\u{a0}€ laissé en crédit du client",
    },
    Case {
        label: "VIR SEPA FACTURES F2026-071 ET F2026-072",
        amount: "1920.00",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(103, "1500.00"), (104, "420.00")],
        reason: "montant exact des 2 factures",
    },
    Case {
        label: "VIR BOULANGERIE MARTIN FACT 2026-071",
        amount: "1500.00",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(103, "1500.00")],
        reason: "n° de facture F2026-071 reconnu sous une forme abrégée dans le libellé",
    },
    Case {
        label: "VIR SEPA /DE BOULANGERIE MARTIN /MOTIF FACTURE 72",
        amount: "420.00",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(104, "420.00")],
        reason: "client reconnu par son nom (Boulangerie Martin SARL)",
    },
    Case {
        label: "VIR SEPA RECU",
        amount: "300.00",
        payer: Some("MME LEFEVRE SOPHIE"),
        iban: None,
        confidence: Confidence::Probable,
        allocations: &[(105, "300.00")],
        reason: "paiement partiel de 300,00\u{a0}€ sur 600,00\u{a0}€ dus",
    },
    Case {
        label: "VIR SEPA RECU /DE RESTAURANT LE PRE FLEURI /MOTIF REGLEMENT",
        amount: "936.60",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(106, "936.60")],
        reason: "montant exact de la seule facture ouverte de ce client",
    },
    Case {
        label: "VIR SEPA RECU",
        amount: "936.60",
        payer: Some("RESTAURANT LE PRE FLEUR"),
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(106, "936.60")],
        reason: "client reconnu par son nom (Restaurant Le Pré Fleuri SARL)",
    },
    Case {
        label: "VIREMENT CABINET DUBOIS ASSOCIES",
        amount: "1200.00",
        payer: None,
        iban: None,
        confidence: Confidence::Probable,
        allocations: &[(107, "480.00"), (108, "720.00")],
        reason: "somme exacte de 2 factures ouvertes de ce client (F2026-075, F2026-076)",
    },
    Case {
        label: "VIREMENT SIREN 823 456 719 REGLEMENT",
        amount: "1200.00",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(107, "480.00"), (108, "720.00")],
        reason: "client reconnu par son SIREN 823 456 719 dans le libellé",
    },
    Case {
        label: "VIREMENT SIREN 823 456 719",
        amount: "350.00",
        payer: None,
        iban: None,
        confidence: Confidence::Sure,
        allocations: &[(109, "350.00")],
        reason: "montant exact de la facture F2026-077, la seule de ce montant chez ce client",
    },
    Case {
        label: "REMISE CHEQUE N 8842301 1 CHQ",
        amount: "350.00",
        payer: None,
        iban: None,
        confidence: Confidence::Probable,
        allocations: &[(109, "350.00")],
        reason: "remise de chèque : la facture F2026-077 est la seule facture ouverte de ce montant",
    },
    Case {
        label: "VIR SEPA ECHEANCE",
        amount: "150.00",
        payer: Some("ROUX ATELIER"),
        iban: Some(IBAN_ROUX),
        confidence: Confidence::Sure,
        allocations: &[(110, "150.00")],
        reason: "montant exact de l'échéance n° 2 de son échéancier (150,00\u{a0}€, due le 10/11/2026)",
    },
    Case {
        label: "VIR SEPA RECU DIVERS",
        amount: "250.00",
        payer: None,
        iban: None,
        confidence: Confidence::None,
        allocations: &[],
        reason: "2 factures ou échéances ouvertes de 250,00\u{a0}€ et payeur non reconnu : à choisir",
    },
    Case {
        label: "VIR SEPA RECU DIVERS",
        amount: "77.77",
        payer: None,
        iban: None,
        confidence: Confidence::None,
        allocations: &[],
        reason: "aucune facture ouverte de 77,77\u{a0}€ et payeur non reconnu",
    },
    // A date and a card number are not invoice numbers.
    Case {
        label: "CB CARREFOUR 20/26 068 CARTE 2026",
        amount: "45.90",
        payer: None,
        iban: None,
        confidence: Confidence::None,
        allocations: &[],
        reason: "aucune facture ouverte de 45,90\u{a0}€",
    },
    // « MARTIN » alone names two clients: the name says nothing, the amount decides.
    Case {
        label: "VIR SEPA M MARTIN",
        amount: "420.00",
        payer: None,
        iban: None,
        confidence: Confidence::Probable,
        allocations: &[(104, "420.00")],
        reason: "montant exact de la facture F2026-072, la seule facture ouverte de ce montant (payeur non reconnu)",
    },
    Case {
        label: "VIR SEPA",
        amount: "250.00",
        payer: None,
        iban: Some(IBAN_GARAGE),
        confidence: Confidence::Sure,
        allocations: &[(102, "250.00")],
        reason: "montant exact de la facture F2026-069, la seule de ce montant chez ce client",
    },
];

fn check(case: &Case, found: &CreditMatch) {
    let name = case.label;
    assert_eq!(found.confidence, case.confidence, "{name}: {found:?}");
    let allocations: Vec<(i64, Decimal)> = found.allocations.iter().map(|a| (a.invoice_id, a.amount)).collect();
    let expected: Vec<(i64, Decimal)> = case.allocations.iter().map(|(id, amount)| (*id, money(amount))).collect();
    assert_eq!(allocations, expected, "{name}: {found:?}");
    assert!(found.reasons.iter().any(|reason| reason.contains(case.reason)), "{name}: {:?}", found.reasons);
    let allocated: Decimal = allocations.iter().map(|(_, amount)| *amount).sum();
    assert_eq!(allocated + found.unallocated, money(case.amount), "{name}: no cent created or lost");
}

#[test]
fn each_credit_finds_its_invoices_with_how_sure_and_why() {
    let (clients, invoices, installments) = (clients(), invoices(), installments());
    for (index, case) in CASES.iter().enumerate() {
        let line = credit(index + 1, case.label, case.amount, case.payer, case.iban);
        let found = match_credits(&[line], &clients, &invoices, &installments);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].position, index + 1);
        check(case, &found[0]);
    }
}

/// Two transfers for the same invoice: the second finds it settled. Two of the same amount from the same
/// client: the second takes the next invoice, never the same euro twice.
#[test]
fn credits_in_one_statement_never_settle_the_same_invoice_twice() {
    let (clients, invoices, installments) = (clients(), invoices(), installments());
    let credits = [
        credit(1, "FACTURE F2026-068", "1200.00", None, None),
        credit(2, "FACTURE F2026-068", "1200.00", None, None),
        credit(3, "VIR SEPA", "480.00", Some("CABINET DUBOIS"), None),
        credit(4, "VIR SEPA", "700.00", Some("CABINET DUBOIS"), None),
    ];
    let found = match_credits(&credits, &clients, &invoices, &installments);
    assert_eq!(found[0].confidence, Confidence::Sure);
    assert_eq!(found[1].confidence, Confidence::None);
    assert!(found[1].reasons[0].contains("elle est déjà soldée"), "{:?}", found[1].reasons);
    assert_eq!(found[1].unallocated, money("1200.00"));
    assert_eq!(found[2].allocations.iter().map(|a| a.invoice_id).collect::<Vec<_>>(), [107]);
    // 700 € after the 480 € one: the oldest invoice left (720 €) gets a partial payment.
    assert_eq!(
        found[3].allocations.iter().map(|a| (a.invoice_id, a.amount)).collect::<Vec<_>>(),
        [(108, money("700.00"))]
    );
    assert_eq!(found[3].confidence, Confidence::Probable);
}

/// An anonymous cheque deposit read before a named transfer of the same amount took the transfer's
/// invoice by its amount alone, and the transfer then found nothing (a statement newest first): credits
/// with a signal are matched first, whatever the order, and come back in the order given.
#[test]
fn an_anonymous_credit_read_first_leaves_a_named_payer_his_invoice() {
    let (clients, invoices, installments) = (clients(), invoices(), installments());
    let cheque = credit(7, "REMISE CHEQUE 0001234", "600.00", None, None);
    let transfer = credit(9, "VIR SEPA RECU /DE MME LEFEVRE SOPHIE", "600.00", None, None);
    for credits in [[cheque.clone(), transfer.clone()], [transfer, cheque]] {
        let found = match_credits(&credits, &clients, &invoices, &installments);
        let positions: Vec<usize> = found.iter().map(|found| found.position).collect();
        assert_eq!(positions, credits.iter().map(|credit| credit.position).collect::<Vec<_>>());
        let of = |position: usize| found.iter().find(|found| found.position == position).unwrap();
        let (transfer, cheque) = (of(9), of(7));
        assert_eq!(
            (transfer.confidence, transfer.allocations.iter().map(|a| a.invoice_id).collect::<Vec<_>>()),
            (Confidence::Sure, vec![105]),
            "{transfer:?}"
        );
        assert_eq!((cheque.confidence, cheque.allocations.len()), (Confidence::None, 0), "{cheque:?}");
        assert_eq!(cheque.reasons, ["aucune facture ouverte de 600,00\u{a0}€ et payeur non reconnu"]);
    }
}

/// Every statement fixture matched against the designer's ledger: the garage's transfer is sure, the
/// cheque deposit probable; nothing is matched with a debit.
#[test]
fn the_statement_fixtures_match_their_invoices() {
    let (clients, invoices, installments) = (clients(), invoices(), installments());
    for name in [
        "bnp-paribas.csv",
        "credit-agricole.csv",
        "qonto.csv",
        "ofx1-sgml-1252.ofx",
        "cfonb120.txt",
        "camt053-v02.xml",
        "camt053-v08.xml",
    ] {
        let bytes = std::fs::read(format!("{}/tests/data/bank/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let statement = read_statement(name, &bytes, CsvOptions::default()).unwrap();
        let credits: Vec<CreditLine> = statement.booked_credits().map(|line| line.credit_line()).collect();
        let found = match_credits(&credits, &clients, &invoices, &installments);
        let by_amount = |amount: &str| {
            let at = credits.iter().position(|c| c.amount == money(amount)).unwrap();
            &found[at]
        };
        let garage = by_amount("1200.00");
        assert_eq!(
            (garage.confidence, garage.allocations[0].invoice_id),
            (Confidence::Sure, 101),
            "{name}: {garage:?}"
        );
        let bakery = by_amount("1500.00");
        assert_eq!(bakery.allocations[0].invoice_id, 103, "{name}: {bakery:?}");
        assert_ne!(bakery.confidence, Confidence::None, "{name}");
        let cheque = by_amount("350.00");
        assert_eq!(
            (cheque.confidence, cheque.allocations[0].invoice_id),
            (Confidence::Probable, 109),
            "{name}: {cheque:?}"
        );
        let restaurant = by_amount("936.60");
        assert_eq!(restaurant.allocations[0].invoice_id, 106, "{name}: {restaurant:?}");
    }
}

/// Regression: a credit the bank took its charges from was matched on the amount booked, a « paiement
/// partiel » of the bakery's invoice (1 495,00 € of 1 500,00 €). It is matched on what the payer paid, the
/// invoice in full, and the reasons say what the bank kept.
#[test]
fn a_credit_less_the_bank_charges_is_matched_on_what_the_payer_paid() {
    let (clients, invoices, installments) = (clients(), invoices(), installments());
    let bytes = std::fs::read(format!("{}/tests/data/bank/camt053-frais.xml", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let statement = read_statement("camt053-frais.xml", &bytes, CsvOptions::default()).unwrap();
    let credits: Vec<CreditLine> = statement.booked_credits().map(|line| line.credit_line()).collect();
    assert_eq!((credits[0].amount, credits[0].bank_charges), (money("1500.00"), money("5.00")));
    let found = match_credits(&credits, &clients, &invoices, &installments);
    let bakery = &found[0];
    assert_eq!(bakery.confidence, Confidence::Sure, "{bakery:?}");
    assert_eq!((bakery.allocations[0].invoice_id, bakery.allocations[0].amount), (103, money("1500.00")));
    assert_eq!(bakery.unallocated, Decimal::ZERO);
    let reasons: Vec<String> = bakery.reasons.iter().map(|reason| reason.replace('\u{a0}', " ")).collect();
    assert_eq!(
        reasons,
        [
            "n° de facture F2026-071 dans le libellé",
            "client reconnu par son nom (Boulangerie Martin SARL)",
            "montant exact de la facture",
            "la banque a retenu 5,00 € de frais : 1 500,00 € payés, 1 495,00 € crédités sur le compte",
        ]
    );
}

// ---------------------------------------------------------------------------------------------------------
// Money received before an invoice was issued, and a cheque already recorded by hand (audit ops 2)

/// A ledger owing `invoices` (number, issue date, amount) from one professional client.
fn ledger_owing(invoices: &[(&str, &str, &str)]) -> (ardoise::Ledger, i64, Vec<i64>) {
    use ardoise::domain::model::{ClientFields, ClientKind, InvoiceFields};
    let mut ledger = ardoise::Ledger::open_in_memory().unwrap();
    let client = ledger
        .create_client(&ClientFields {
            kind: ClientKind::Professional,
            company_name: "SARL Test Pro".into(),
            ..Default::default()
        })
        .unwrap();
    let ids = invoices
        .iter()
        .map(|(number, issued, amount)| {
            ledger
                .create_invoice(&InvoiceFields {
                    number: number.to_string(),
                    client_id: client,
                    issue_date: day(issued),
                    due_date: Some(day(issued) + chrono::Days::new(30)),
                    amount: money(amount),
                    amount_excl_vat: None,
                    object: String::new(),
                    penalty_rate: None,
                    written_off_on: None,
                    payment_terms: None,
                    nature: None,
                })
                .unwrap()
        })
        .collect();
    (ledger, client, ids)
}

fn cheque_deposit() -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/bank/remise-cheque.ofx", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn deposit_request(bytes: &[u8]) -> ardoise::desk::bank::BankRequest<'_> {
    ardoise::desk::bank::BankRequest {
        file_name: "remise-cheque.ofx",
        bytes,
        mapping: None,
        today: day("2026-06-30"),
        expected_sha256: None,
    }
}

/// A cheque deposited on 12 March was proposed for F1, the only open invoice of its amount, issued on
/// 5 May: money received cannot pay an invoice not issued yet, whatever points to it.
#[test]
fn a_credit_never_pays_an_invoice_issued_after_it() {
    let (ledger, _, _) = ledger_owing(&[("F1", "2026-05-05", "1200.00")]);
    let bytes = cheque_deposit();
    let preview = ardoise::desk::bank::preview(&ledger, &deposit_request(&bytes)).unwrap();
    let [credit] = preview.credits.as_slice() else { panic!("{:?}", preview.credits) };
    assert_eq!(credit.confidence, Confidence::None, "{:?}", credit.reasons);
    assert!(credit.invoices.is_empty(), "{:?}", credit.invoices);
    let reasons = credit.reasons.join(" | ");
    assert!(
        reasons.contains(
            "la facture F1 est de ce montant, mais elle est datée du 05/05/2026, après ce crédit du 12/03/2026"
        ),
        "{reasons}"
    );

    // Nor by its number, nor by its payer.
    let (clients, invoices) = (clients(), invoices());
    let early = credit_line_on("2026-08-20", "VIR GARAGE DU CENTRE F2026-068", "1200.00", Some(IBAN_GARAGE));
    let payer_only = credit_line_on("2026-08-20", "VIR GARAGE DU CENTRE", "1200.00", Some(IBAN_GARAGE));
    for line in [early, payer_only] {
        let [found] = match_credits(std::slice::from_ref(&line), &clients, &invoices, &[]).try_into().unwrap();
        assert!(found.allocations.is_empty(), "{}: {found:?}", line.label);
        assert_ne!(found.confidence, Confidence::Sure, "{}: {found:?}", line.label);
    }
}

fn credit_line_on(date: &str, label: &str, amount: &str, iban: Option<&str>) -> CreditLine {
    CreditLine { date: day(date), ..credit(1, label, amount, None, iban) }
}

/// A cheque recorded by hand (« CHQ 0098765 ») then met on the statement (« REMISE CHEQUE 0098765 ») was
/// proposed as new money for another invoice of the same amount, and recorded with it: it is said to be
/// that payment already, and not recorded unless the user says so.
#[test]
fn a_cheque_already_recorded_by_hand_is_said_and_not_recorded_again() {
    use ardoise::domain::model::{Allocation, PaymentFields, PaymentMethod};
    let (mut ledger, client, ids) = ledger_owing(&[("F0", "2026-02-01", "1200.00"), ("F2", "2026-02-15", "1200.00")]);
    ledger
        .record_payment(&PaymentFields {
            client_id: client,
            date: day("2026-03-10"),
            amount: money("1200.00"),
            method: PaymentMethod::Cheque,
            reference: "CHQ 0098765".into(),
            allocations: Some(vec![Allocation { invoice_id: ids[0], amount: money("1200.00") }]),
        })
        .unwrap();
    let bytes = cheque_deposit();
    let report = ardoise::desk::bank::import_statement(
        &mut ledger,
        &deposit_request(&bytes),
        ardoise::desk::bank::Accept::Probable,
        false,
    )
    .unwrap();
    let [credit] = report.preview.credits.as_slice() else { panic!("{:?}", report.preview.credits) };
    assert_ne!(credit.confidence, Confidence::Sure);
    let duplicate = credit.possible_duplicate.as_deref().unwrap_or_default().replace('\u{a0}', " ");
    assert!(duplicate.contains("déjà enregistré à la main"), "{duplicate}");
    assert!(duplicate.contains("référence « CHQ 0098765 »") && duplicate.contains("10/03/2026"), "{duplicate}");
    assert_eq!(credit.decision, ardoise::desk::bank::LineDecision::Later);
    assert_eq!(report.recorded, 0);
    assert_eq!(ledger.payments(client).unwrap().len(), 1, "the cheque is not recorded twice");
}
