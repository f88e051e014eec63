//! The ledger through its public API: a small fixture whose every derived figure (F1.6) was computed by
//! hand, payment allocation, rejection, validation messages, and the export/load round trip.

use ardoise::domain::address::PostalAddress;
use ardoise::domain::figures::InvoiceStatus;
use ardoise::domain::model::{
    Allocation, ClientFields, ClientKind, EventFields, EventKind, InvoiceFields, PaymentFields, PaymentMethod,
    Rejection,
};
use ardoise::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn eur(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn client(kind: ClientKind, name: &str) -> ClientFields {
    let mut fields = ClientFields {
        kind,
        address: PostalAddress {
            street: "1 RUE DE LA PAIX".into(),
            postcode: "75002".into(),
            town: "PARIS".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    match kind {
        ClientKind::Professional => fields.company_name = name.into(),
        ClientKind::Consumer => {
            fields.civility = "Mme".into();
            fields.last_name = name.into();
        }
    }
    fields
}

fn invoice(client_id: i64, number: &str, issue: &str, due: Option<&str>, amount: &str) -> InvoiceFields {
    InvoiceFields {
        number: number.into(),
        client_id,
        issue_date: date(issue),
        due_date: due.map(date),
        amount: eur(amount),
        amount_excl_vat: None,
        object: String::new(),
        penalty_rate: None,
        written_off_on: None,
        payment_terms: None,
        nature: None,
    }
}

fn payment(client_id: i64, on: &str, amount: &str, allocations: Option<Vec<Allocation>>) -> PaymentFields {
    PaymentFields {
        client_id,
        date: date(on),
        amount: eur(amount),
        method: PaymentMethod::Transfer,
        reference: String::new(),
        allocations,
    }
}

struct Fixture {
    ledger: Ledger,
    alpha: i64,
    berthe: i64,
    gamma: i64,
    a1: i64,
    b2: i64,
}

/// The hand-computed fixture, as of 2026-11-22:
/// - Alpha (B2B, default 30-day terms): A1 1 000 € due 31/10, A2 500 € due 31/08, A3 300 € issued 10/11
///   with no due date (so 10/12), A4 90 € written off. Pays 700 € on 05/11, oldest first: A2 500, A1 200.
/// - Mme BRUN (B2C): B1 240 € due 16/06, paid by a cheque later rejected (fees 15 €); B2 800 € due 15/10,
///   300 € paid by hand-chosen allocation, then disputed.
/// - Gamma (B2B): C1 100 € due 01/12, paid 150 €: 50 € unallocated credit.
fn fixture() -> Fixture {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let alpha = ledger.create_client(&client(ClientKind::Professional, "Alpha SARL")).unwrap();
    let berthe = ledger.create_client(&client(ClientKind::Consumer, "Brun")).unwrap();
    let gamma = ledger.create_client(&client(ClientKind::Professional, "Gamma")).unwrap();
    let a1 = ledger.create_invoice(&invoice(alpha, "A1", "2026-10-01", Some("2026-10-31"), "1000.00")).unwrap();
    ledger.create_invoice(&invoice(alpha, "A2", "2026-08-01", Some("2026-08-31"), "500.00")).unwrap();
    ledger.create_invoice(&invoice(alpha, "A3", "2026-11-10", None, "300.00")).unwrap();
    let mut a4 = invoice(alpha, "A4", "2026-01-10", Some("2026-02-09"), "90.00");
    a4.written_off_on = Some(date("2026-06-01"));
    ledger.create_invoice(&a4).unwrap();
    let b1 = ledger.create_invoice(&invoice(berthe, "B1", "2026-06-01", Some("2026-06-16"), "240.00")).unwrap();
    let b2 = ledger.create_invoice(&invoice(berthe, "B2", "2026-09-15", Some("2026-10-15"), "800.00")).unwrap();
    ledger.create_invoice(&invoice(gamma, "C1", "2026-11-01", Some("2026-12-01"), "100.00")).unwrap();

    ledger.record_payment(&payment(alpha, "2026-11-05", "700.00", None)).unwrap();
    let mut cheque = payment(berthe, "2026-07-01", "240.00", None);
    cheque.method = PaymentMethod::Cheque;
    let cheque = ledger.record_payment(&cheque).unwrap();
    assert_eq!(ledger.payment(cheque).unwrap().allocations, vec![Allocation { invoice_id: b1, amount: eur("240") }]);
    ledger
        .reject_payment(
            cheque,
            &Rejection { date: date("2026-07-10"), fees: eur("15.00"), reason: "sans provision".into() },
        )
        .unwrap();
    ledger
        .record_payment(&payment(
            berthe,
            "2026-11-01",
            "300.00",
            Some(vec![Allocation { invoice_id: b2, amount: eur("300") }]),
        ))
        .unwrap();
    ledger.record_payment(&payment(gamma, "2026-11-15", "150.00", None)).unwrap();
    ledger
        .add_event(&EventFields {
            client_id: berthe,
            kind: EventKind::Dispute,
            date: date("2026-11-18"),
            text: "Conteste la finition".into(),
            amount: None,
            until: None,
            invoice_id: Some(b2),
        })
        .unwrap();
    Fixture { ledger, alpha, berthe, gamma, a1, b2 }
}

const AS_OF: &str = "2026-11-22";

#[test]
fn dashboard_figures_match_the_hand_computation() {
    let f = fixture();
    let dashboard = ardoise::desk::dashboard::dashboard(&f.ledger, date(AS_OF)).unwrap();
    assert_eq!(dashboard.clients, 3);
    // Open with something to pay: A1 800, A3 300, B1 240, B2 500.
    assert_eq!(dashboard.invoices_open, 4);
    // Alpha 1 100 + Brun 740 + Gamma max(-50, 0).
    assert_eq!(dashboard.total_owed, eur("1840.00"));
    // A1 800 + B1 240 + B2 500 (a disputed invoice is still late).
    assert_eq!(dashboard.total_overdue, eur("1540.00"));
    assert_eq!(dashboard.late_clients, 2);
    let aging: Vec<(&str, Decimal, usize)> = dashboard.aging.iter().map(|b| (b.key, b.amount, b.invoices)).collect();
    assert_eq!(
        aging,
        vec![
            ("not_due", eur("300"), 1), // A3, due 10/12
            ("1_30", eur("800"), 1),    // A1, 22 days
            ("31_60", eur("500"), 1),   // B2, 38 days
            ("61_90", eur("0"), 0),     // A2 is paid
            ("over_90", eur("240"), 1), // B1, 159 days, reopened by the rejection
        ]
    );
    // Invoiced over 365 days: 1000 + 500 + 300 + 90 + 240 + 800 + 100 = 3 030; 1 840 × 365 / 3 030 = 221.65.
    assert_eq!(dashboard.dso_days, Some(222));
}

#[test]
fn client_balances_and_invoice_lines_match_the_hand_computation() {
    let f = fixture();
    let list = ardoise::desk::clients::client_list(&f.ledger, date(AS_OF)).unwrap();
    let by_id = |id: i64| list.iter().find(|c| c.id == id).unwrap();
    assert_eq!(
        (by_id(f.alpha).balance, by_id(f.alpha).overdue, by_id(f.alpha).max_days_late),
        (eur("1100"), eur("800"), 22)
    );
    assert_eq!(
        (by_id(f.berthe).balance, by_id(f.berthe).overdue, by_id(f.berthe).max_days_late),
        (eur("740"), eur("740"), 159)
    );
    assert_eq!(
        (by_id(f.gamma).balance, by_id(f.gamma).overdue, by_id(f.gamma).open_invoices),
        (eur("-50"), eur("0"), 0)
    );
    assert_eq!(list.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Alpha SARL", "Mme BRUN", "Gamma"]);
    // Consumers sort by last name, not by civility ("Mme BRUN" under B).
    // The dashboard's most late: Mme Brun (159 days) before Alpha (22); Gamma, late by nothing, is not listed.
    let most_late = |count| ardoise::desk::clients::most_late_clients(&f.ledger, date(AS_OF), count).unwrap();
    assert_eq!(most_late(5).iter().map(|c| c.id).collect::<Vec<_>>(), [f.berthe, f.alpha]);
    assert_eq!(most_late(1), [by_id(f.berthe).clone()]);
    // Regression: a client with no credit and nothing owed had a balance serialised as "-0".
    let mut ledger = Ledger::open_in_memory().unwrap();
    ledger.create_client(&client(ClientKind::Consumer, "Zéro")).unwrap();
    let idle = ardoise::desk::clients::client_list(&ledger, date(AS_OF)).unwrap();
    assert_eq!(
        serde_json::to_value(&idle[0]).unwrap()["balance"],
        "0.00",
        "never \"-0\", and two decimals like every amount"
    );

    let lines = ardoise::desk::invoices::invoice_list(&f.ledger, None, date(AS_OF)).unwrap();
    let line = |number: &str| lines.iter().find(|l| l.row.invoice.number == number).unwrap();
    let expected = [
        ("A1", InvoiceStatus::PartiallyPaid, "800", 22),
        ("A2", InvoiceStatus::Paid, "0", 0),
        ("A3", InvoiceStatus::NotDue, "300", 0),
        ("A4", InvoiceStatus::WrittenOff, "0", 0),
        ("B1", InvoiceStatus::Overdue, "240", 159),
        ("B2", InvoiceStatus::Disputed, "500", 38),
        ("C1", InvoiceStatus::Paid, "0", 0),
    ];
    for (number, status, remaining, days_late) in expected {
        let l = line(number);
        assert_eq!((l.status, l.remaining, l.days_late), (status, eur(remaining), days_late), "invoice {number}");
    }
    // A3 had no due date: the default 30-day terms gave one.
    assert_eq!(line("A3").row.invoice.due_date, date("2026-12-10"));
}

#[test]
fn the_client_page_gathers_invoices_payments_and_a_timeline() {
    let f = fixture();
    let detail = ardoise::desk::clients::client_detail(&f.ledger, f.berthe, date(AS_OF)).unwrap();
    assert_eq!(detail.name, "Mme BRUN");
    assert_eq!(detail.address_lines, ["Mme BRUN", "1 RUE DE LA PAIX", "75002 PARIS"]);
    assert!(detail.address_problems.is_empty());
    assert_eq!(detail.invoices.len(), 2);
    assert_eq!(detail.payments.len(), 2);
    let kinds: Vec<&str> = detail.timeline.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["dispute", "payment", "invoice", "payment_rejected", "payment", "invoice"]);
    let dispute = &detail.timeline[0];
    assert!(dispute.open && dispute.event_id.is_some() && dispute.title.contains("B2"), "{dispute:?}");
    assert!(detail.timeline[3].detail.contains("frais bancaires 15,00 €"), "{:?}", detail.timeline[3]);
}

#[test]
fn closing_a_dispute_brings_the_invoice_back_to_partially_paid() {
    let mut f = fixture();
    let dispute = f.ledger.events(f.berthe).unwrap()[0].id;
    f.ledger.close_event(dispute, date("2026-11-20")).unwrap();
    let lines = ardoise::desk::invoices::invoice_list(&f.ledger, Some(f.berthe), date(AS_OF)).unwrap();
    let b2 = lines.iter().find(|l| l.row.invoice.id == f.b2).unwrap();
    assert_eq!(b2.status, InvoiceStatus::PartiallyPaid);
    let again = f.ledger.close_event(dispute, date("2026-11-21")).unwrap_err();
    assert_eq!(again.kind(), "conflict");
}

#[test]
fn a_hand_split_that_exceeds_an_invoice_is_refused_and_nothing_is_written() {
    let mut f = fixture();
    let before = f.ledger.export().unwrap();
    let too_much =
        payment(f.alpha, "2026-11-20", "900.00", Some(vec![Allocation { invoice_id: f.a1, amount: eur("850") }]));
    let error = f.ledger.record_payment(&too_much).unwrap_err();
    let fields = error.field_errors().unwrap();
    assert_eq!(fields.0[0].field, "allocations");
    assert!(fields.0[0].message.contains("A1") && fields.0[0].message.contains("800,00 €"), "{error}");
    assert_eq!(f.ledger.export().unwrap(), before);
}

#[test]
fn allocations_stay_within_their_payment_and_their_invoice() {
    let f = fixture();
    let mut per_invoice: std::collections::HashMap<i64, Decimal> = std::collections::HashMap::new();
    for client_id in [f.alpha, f.berthe, f.gamma] {
        for payment in f.ledger.payments(client_id).unwrap() {
            let allocated: Decimal = payment.allocations.iter().map(|a| a.amount).sum();
            assert!(allocated <= payment.amount, "payment {} over-allocated", payment.id);
            for allocation in &payment.allocations {
                *per_invoice.entry(allocation.invoice_id).or_default() += allocation.amount;
            }
        }
    }
    for (invoice_id, allocated) in per_invoice {
        let row = f.ledger.invoice_row(invoice_id).unwrap();
        assert!(allocated <= row.invoice.amount, "invoice {} receives {allocated}", row.invoice.number);
    }
    // Oldest first: Alpha's 700 € went 500 to A2 (due 31/08) and 200 to A1 (due 31/10); Gamma kept 50 €.
    let mut alpha = f.ledger.payments(f.alpha).unwrap()[0].allocations.clone();
    alpha.sort_by_key(|a| a.amount);
    let a2 = f.ledger.invoice_by_number("A2").unwrap().unwrap().invoice.id;
    assert_eq!(
        alpha,
        vec![Allocation { invoice_id: f.a1, amount: eur("200") }, Allocation { invoice_id: a2, amount: eur("500") }]
    );
    assert_eq!(f.ledger.payments(f.gamma).unwrap()[0].unallocated(), eur("50"));
}

#[test]
fn a_payment_cannot_be_rejected_twice_nor_before_it_was_made() {
    let mut f = fixture();
    let paid = f.ledger.payments(f.berthe).unwrap();
    let rejected = paid.iter().find(|p| p.rejection.is_some()).unwrap().id;
    let again = Rejection { date: date("2026-11-22"), fees: Decimal::ZERO, reason: String::new() };
    assert_eq!(f.ledger.reject_payment(rejected, &again).unwrap_err().kind(), "conflict");
    let other = paid.iter().find(|p| p.rejection.is_none()).unwrap().id;
    let early = Rejection { date: date("2026-10-01"), fees: Decimal::ZERO, reason: String::new() };
    let error = f.ledger.reject_payment(other, &early).unwrap_err();
    assert_eq!(error.field_errors().unwrap().0[0].field, "date");
}

/// Each bad form gives its French message at the right field and writes nothing.
#[test]
fn invalid_forms_report_each_problem_at_its_field() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let alpha = ledger.create_client(&client(ClientKind::Professional, "Alpha SARL")).unwrap();
    ledger.create_invoice(&invoice(alpha, "F1", "2026-01-01", None, "10")).unwrap();
    let before = ledger.export().unwrap();

    let mut bad_siret = client(ClientKind::Professional, "Beta");
    bad_siret.siren_siret = "552 032 535".into();
    let mut consumer_with_siren = client(ClientKind::Consumer, "Durand");
    consumer_with_siren.siren_siret = "552032534".into();
    let mut nameless = client(ClientKind::Professional, "");
    nameless.address.postcode = "7500".into();
    let mut long_street = client(ClientKind::Professional, "Gamma");
    long_street.address.street = "12 BOULEVARD DU GENERAL DE GAULLE PROLONGE".into();
    let client_cases = [
        (bad_siret, "siren_siret", "clé de contrôle"),
        (consumer_with_siren, "siren_siret", "un particulier n'a pas de SIREN"),
        (nameless.clone(), "company_name", "raison sociale"),
        (nameless, "postcode", "5 chiffres"),
        (long_street, "address", "38 au plus"),
    ];
    for (fields, field, fragment) in client_cases {
        let error = ledger.create_client(&fields).unwrap_err();
        let errors = error.field_errors().expect("a field error");
        assert!(
            errors.0.iter().any(|e| e.field == field && e.message.contains(fragment)),
            "{field} / {fragment}: {errors:?}"
        );
    }

    let duplicate = invoice(alpha, "F1", "2026-02-01", None, "10");
    let mut early_due = invoice(alpha, "F2", "2026-02-01", Some("2026-01-15"), "10");
    let precise = invoice(alpha, "F3", "2026-02-01", None, "10.001");
    let unknown_client = invoice(999, "F4", "2026-02-01", None, "10");
    let zero = invoice(alpha, "F5", "2026-02-01", None, "0");
    early_due.object = "x".into();
    let invoice_cases = [
        (duplicate, "number", "déjà utilisé"),
        (early_due, "due_date", "précède"),
        (precise, "amount", "deux décimales"),
        (unknown_client, "client_id", "client existant"),
        (zero, "amount", "nul"),
    ];
    for (fields, field, fragment) in invoice_cases {
        let error = ledger.create_invoice(&fields).unwrap_err();
        let errors = error.field_errors().expect("a field error");
        assert!(
            errors.0.iter().any(|e| e.field == field && e.message.contains(fragment)),
            "{field} / {fragment}: {errors:?}"
        );
    }
    assert_eq!(ledger.export().unwrap(), before, "a refused form wrote something");
}

#[test]
fn an_invoice_amount_cannot_fall_below_what_was_paid() {
    let mut f = fixture();
    let mut lower = invoice(f.alpha, "A1", "2026-10-01", Some("2026-10-31"), "150.00");
    let error = f.ledger.update_invoice(f.a1, &lower).unwrap_err();
    let problem = &error.field_errors().expect("a field error").0[0];
    assert_eq!(problem.field, "amount");
    assert!(problem.message.contains("200,00 €"), "{}", problem.message); // A1 got 200 of the 700 € payment
    lower.amount = eur("1200.00");
    f.ledger.update_invoice(f.a1, &lower).unwrap();
    assert_eq!(f.ledger.invoice_row(f.a1).unwrap().remaining_on(date(AS_OF)), eur("1000"));
}

#[test]
fn export_then_load_into_a_new_file_loses_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let mut source = Ledger::open(&folder.path().join("source.sqlite3")).unwrap();
    ardoise::desk::demo::populate(&mut source, date(AS_OF)).unwrap();
    let export = source.export().unwrap();
    let mut target = Ledger::open(&folder.path().join("target.sqlite3")).unwrap();
    target.load(&export).unwrap();
    assert_eq!(target.export().unwrap(), export);
    assert_eq!(
        ardoise::desk::dashboard::dashboard(&target, date(AS_OF)).unwrap(),
        ardoise::desk::dashboard::dashboard(&source, date(AS_OF)).unwrap()
    );
    // Loading twice is refused: the target is no longer empty.
    assert_eq!(target.load(&export).unwrap_err().kind(), "conflict");
}

/// Regression: a cheque rejected by the bank and the invoice then paid by transfer made the export
/// unloadable (« la facture « F1 » reçoit des règlements pour plus que son montant »): the check summed the
/// rejected payment's allocation, which no longer counts. Every such ledger lost its JSON backup path.
#[test]
fn a_ledger_with_a_rejected_cheque_paid_again_exports_and_loads() {
    let mut source = Ledger::open_in_memory().unwrap();
    let client = source.create_client(&client(ClientKind::Professional, "Garage du Centre")).unwrap();
    source.create_invoice(&invoice(client, "F1", "2026-03-01", Some("2026-03-31"), "100.00")).unwrap();
    let cheque = source.record_payment(&payment(client, "2026-03-05", "100.00", None)).unwrap();
    let rejection = Rejection { date: date("2026-03-10"), fees: Decimal::ZERO, reason: "sans provision".into() };
    source.reject_payment(cheque, &rejection).unwrap();
    source.record_payment(&payment(client, "2026-03-20", "100.00", None)).unwrap();
    let export = source.export().unwrap();
    let mut target = Ledger::open_in_memory().unwrap();
    target.load(&export).unwrap();
    assert_eq!(target.export().unwrap(), export);
    assert_eq!(target.invoice_by_number("F1").unwrap().unwrap().remaining_on(date("2026-03-31")), Decimal::ZERO);
    // An allocation beyond the invoice by a payment not rejected is still refused.
    let mut corrupt = export.clone();
    let rejected = corrupt.tables.get_mut("payment_rejections").unwrap();
    rejected.clear();
    let error = Ledger::open_in_memory().unwrap().load(&corrupt).unwrap_err();
    assert!(error.to_string().contains("reçoit des règlements pour plus que son montant"), "{error}");
}

#[test]
fn a_corrupt_export_is_refused_whole() {
    let mut source = Ledger::open_in_memory().unwrap();
    ardoise::desk::demo::populate(&mut source, date(AS_OF)).unwrap();
    let mut export = source.export().unwrap();
    // An allocation pointing at an invoice that does not exist: the whole load must roll back.
    export.tables.get_mut("payment_allocations").unwrap()[0].insert("invoice_id".into(), 999_999.into());
    let mut target = Ledger::open_in_memory().unwrap();
    let empty = target.export().unwrap();
    let error = target.load(&export).unwrap_err();
    assert_eq!(error.kind(), "exchange", "{error}");
    assert!(error.to_string().contains("payment_allocations"), "{error}");
    assert_eq!(target.export().unwrap(), empty, "a refused load left something behind");
    let mut unknown_column = source.export().unwrap();
    unknown_column.tables.get_mut("clients").unwrap()[0].insert("nickname".into(), "x".into());
    let error = target.load(&unknown_column).unwrap_err();
    assert!(error.to_string().contains("colonne inconnue « nickname »"), "{error}");
}

#[test]
fn the_demo_has_what_later_features_need() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    ardoise::desk::demo::populate(&mut ledger, date(AS_OF)).unwrap();
    let clients = ledger.clients().unwrap();
    assert!((23..=27).contains(&clients.len()), "{} clients", clients.len());
    let invoices = ledger.invoice_rows(None, date(AS_OF)).unwrap();
    assert!((110..=130).contains(&invoices.len()), "{} invoices", invoices.len());
    let oldest = invoices.iter().map(|r| r.invoice.issue_date).min().unwrap();
    assert!(oldest >= date("2025-05-22") && oldest <= date("2025-07-01"), "oldest {oldest}");
    assert!(clients.iter().any(|c| c.fields.kind == ClientKind::Consumer));
    assert!(clients.iter().any(|c| c.fields.status == ardoise::domain::model::ClientStatus::CollectiveProcedure));
    let segments: std::collections::HashSet<_> = clients.iter().map(|c| c.fields.segment).collect();
    assert_eq!(segments.len(), 5);
    let mut kinds = std::collections::HashSet::new();
    let mut rejected = 0;
    let mut partial = 0;
    for c in &clients {
        kinds.extend(ledger.events(c.id).unwrap().into_iter().map(|e| e.fields.kind));
        rejected += ledger.payments(c.id).unwrap().iter().filter(|p| p.rejection.is_some()).count();
    }
    let lines = ardoise::desk::invoices::invoice_list(&ledger, None, date(AS_OF)).unwrap();
    for line in &lines {
        partial += usize::from(line.status == InvoiceStatus::PartiallyPaid);
    }
    assert!(lines.iter().any(|l| l.status == InvoiceStatus::CreditNote), "no credit note in the demo");
    let list = ardoise::desk::clients::client_list(&ledger, date(AS_OF)).unwrap();
    assert!(list.iter().any(|c| c.balance < Decimal::ZERO), "no client with a credit (overpayment) in the demo");
    for kind in [EventKind::Promise, EventKind::Dispute, EventKind::Pause, EventKind::Procedure] {
        assert!(kinds.contains(&kind), "no {kind:?} in the demo");
    }
    assert_eq!(rejected, 1);
    assert!(partial >= 2, "{partial} partially paid");
    let dashboard = ardoise::desk::dashboard::dashboard(&ledger, date(AS_OF)).unwrap();
    assert!(dashboard.aging.iter().all(|b| b.invoices > 0), "{:?}", dashboard.aging);
    // The same day gives the same ledger (audit timestamps aside: they record when the demo was loaded).
    let mut again = Ledger::open_in_memory().unwrap();
    ardoise::desk::demo::populate(&mut again, date(AS_OF)).unwrap();
    assert!(without_timestamps(again.export().unwrap()) == without_timestamps(ledger.export().unwrap()));
}

#[test]
fn deleting_a_mistaken_payment_reopens_its_invoices_and_a_paid_invoice_cannot_be_deleted() {
    let mut f = fixture();
    let error = f.ledger.delete_invoice(f.a1).unwrap_err();
    assert_eq!(error.kind(), "conflict");
    assert!(error.to_string().contains("ne peut pas être supprimée"), "{error}");
    let payment = f.ledger.payments(f.alpha).unwrap()[0].id;
    f.ledger.delete_payment(payment).unwrap();
    assert_eq!(f.ledger.invoice_row(f.a1).unwrap().remaining_on(date(AS_OF)), eur("1000"));
    f.ledger.delete_invoice(f.a1).unwrap();
    assert_eq!(f.ledger.invoice_row(f.a1).unwrap_err().kind(), "not_found");
    assert_eq!(f.ledger.delete_payment(payment).unwrap_err().kind(), "not_found");
}

/// Loads `export` after `change` into a fresh ledger and returns the French message of the refusal.
fn refused_load(change: impl FnOnce(&mut ardoise::ledger::LedgerExport)) -> String {
    let mut source = Ledger::open_in_memory().unwrap();
    ardoise::desk::demo::populate(&mut source, date(AS_OF)).unwrap();
    let mut export = source.export().unwrap();
    change(&mut export);
    let mut target = Ledger::open_in_memory().unwrap();
    let empty = target.export().unwrap();
    let error = target.load(&export).expect_err("the load should be refused");
    assert_eq!(target.export().unwrap(), empty, "a refused load left something behind");
    error.to_string()
}

/// Sets one column of one row of an export.
fn set(export: &mut ardoise::ledger::LedgerExport, table: &str, index: usize, column: &str, value: serde_json::Value) {
    export.tables.get_mut(table).unwrap()[index].insert(column.to_string(), value);
}

#[test]
fn a_load_refuses_what_the_ledger_could_not_read_or_would_miscount() {
    type Change = Box<dyn FnOnce(&mut ardoise::ledger::LedgerExport)>;
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|e| set(e, "invoices", 0, "due_date", "31/12/2026".into())), "date(due_date)"),
        (Box::new(|e| set(e, "invoices", 0, "penalty_rate", "douze".into())), "taux de pénalités illisible"),
        (
            Box::new(|e| set(e, "payment_allocations", 0, "amount_cents", 999_999_999.into())),
            "pour plus que son montant",
        ),
        (Box::new(|e| set(e, "clients", 0, "kind", "company".into())), "valeur refusée"),
        (
            Box::new(|e| {
                // Allocate the first payment to an invoice of another client.
                let payer = e.tables["payments"][0]["client_id"].clone();
                let other = e.tables["invoices"].iter().find(|i| i["client_id"] != payer).unwrap()["id"].clone();
                let payment = e.tables["payments"][0]["id"].clone();
                let index = e.tables["payment_allocations"].iter().position(|a| a["payment_id"] == payment).unwrap();
                set(e, "payment_allocations", index, "invoice_id", other);
            }),
            "facture d'un autre client",
        ),
    ];
    for (change, fragment) in cases {
        let message = refused_load(change);
        assert!(message.contains(fragment), "expected {fragment:?} in {message}");
    }
}

#[test]
fn a_ledger_holding_only_the_first_start_choice_can_still_receive_a_load() {
    let mut source = Ledger::open_in_memory().unwrap();
    ardoise::desk::demo::populate(&mut source, date(AS_OF)).unwrap();
    let export = source.export().unwrap();
    let mut target = Ledger::open_in_memory().unwrap();
    target.save_first_start_choice("empty").unwrap();
    target.load(&export).unwrap();
    assert_eq!(
        ardoise::desk::dashboard::dashboard(&target, date(AS_OF)).unwrap(),
        ardoise::desk::dashboard::dashboard(&source, date(AS_OF)).unwrap()
    );
}

#[test]
fn a_credit_note_settles_the_oldest_invoice_and_stops_it_being_late() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let alpha = ledger.create_client(&client(ClientKind::Professional, "Alpha SARL")).unwrap();
    let f1 = ledger.create_invoice(&invoice(alpha, "F1", "2026-09-01", Some("2026-10-01"), "100.00")).unwrap();
    let f2 = ledger.create_invoice(&invoice(alpha, "F2", "2026-10-01", Some("2026-10-31"), "300.00")).unwrap();
    let credit = ledger.create_invoice(&invoice(alpha, "AV1", "2026-11-02", Some("2026-11-02"), "-150.00")).unwrap();
    let dashboard = ardoise::desk::dashboard::dashboard(&ledger, date(AS_OF)).unwrap();
    // 150 € of credit: F1 fully (100), F2 for 50.
    assert_eq!((dashboard.total_owed, dashboard.total_overdue, dashboard.invoices_open), (eur("250"), eur("250"), 1));
    let lines = ardoise::desk::invoices::invoice_list(&ledger, Some(alpha), date(AS_OF)).unwrap();
    let line = |id: i64| lines.iter().find(|l| l.row.invoice.id == id).unwrap();
    assert_eq!((line(f1).status, line(f1).remaining, line(f1).credited), (InvoiceStatus::Paid, eur("0"), eur("100")));
    assert_eq!(
        (line(f2).status, line(f2).remaining, line(f2).settled),
        (InvoiceStatus::PartiallyPaid, eur("250"), eur("50"))
    );
    assert_eq!((line(credit).status, line(credit).remaining), (InvoiceStatus::CreditNote, eur("0")));
    assert_eq!(ardoise::desk::clients::client_list(&ledger, date(AS_OF)).unwrap()[0].balance, eur("250"));
}

#[test]
fn an_overpayment_settles_the_next_invoice() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let alpha = ledger.create_client(&client(ClientKind::Professional, "Alpha SARL")).unwrap();
    ledger.create_invoice(&invoice(alpha, "F1", "2026-08-01", Some("2026-09-01"), "100.00")).unwrap();
    ledger.record_payment(&payment(alpha, "2026-09-01", "150.00", None)).unwrap();
    let f2 = ledger.create_invoice(&invoice(alpha, "F2", "2026-09-15", Some("2026-10-15"), "50.00")).unwrap();
    let dashboard = ardoise::desk::dashboard::dashboard(&ledger, date(AS_OF)).unwrap();
    assert_eq!((dashboard.total_owed, dashboard.late_clients), (eur("0"), 0));
    let lines = ardoise::desk::invoices::invoice_list(&ledger, Some(alpha), date(AS_OF)).unwrap();
    assert_eq!(lines.iter().find(|l| l.row.invoice.id == f2).unwrap().status, InvoiceStatus::Paid);
    // With more credit than debt, the client's balance is the credit, and the total owed ignores it.
    ledger.record_payment(&payment(alpha, "2026-11-01", "20.00", None)).unwrap();
    assert_eq!(ardoise::desk::clients::client_list(&ledger, date(AS_OF)).unwrap()[0].balance, eur("-20"));
    assert_eq!(ardoise::desk::dashboard::dashboard(&ledger, date(AS_OF)).unwrap().total_owed, eur("0"));
}

#[test]
fn figures_as_of_a_past_date_ignore_later_payments_rejections_invoices_and_write_offs() {
    let f = fixture();
    // On 01/11: Alpha's 700 € (05/11) not yet received; Brun's cheque already rejected (10/07); Brun's
    // 300 € paid that very day; A3 (10/11) and C1 (01/11) issued or not; Gamma's payment (15/11) to come.
    let dashboard = ardoise::desk::dashboard::dashboard(&f.ledger, date("2026-11-01")).unwrap();
    // A1 1 000 + A2 500 + B1 240 + B2 500 + C1 100 (issued 01/11) = 2 340; A3 not yet issued.
    assert_eq!(dashboard.total_owed, eur("2340"));
    let lines = ardoise::desk::invoices::invoice_list(&f.ledger, Some(f.alpha), date("2026-11-01")).unwrap();
    let a2 = lines.iter().find(|l| l.row.invoice.number == "A2").unwrap();
    assert_eq!((a2.status, a2.remaining, a2.days_late), (InvoiceStatus::Overdue, eur("500"), 62));
    // A4 was written off on 01/06: before that date it was still owed.
    let early = ardoise::desk::invoices::invoice_list(&f.ledger, Some(f.alpha), date("2026-05-01")).unwrap();
    let a4 = early.iter().find(|l| l.row.invoice.number == "A4").unwrap();
    assert_eq!((a4.status, a4.remaining), (InvoiceStatus::Overdue, eur("90")));
    // Before the rejection, Brun's cheque counted.
    let before_rejection =
        ardoise::desk::invoices::invoice_list(&f.ledger, Some(f.berthe), date("2026-07-05")).unwrap();
    assert_eq!(before_rejection.iter().find(|l| l.row.invoice.number == "B1").unwrap().status, InvoiceStatus::Paid);
}

#[test]
fn an_invoice_a_promise_or_dispute_points_at_cannot_be_deleted() {
    let mut f = fixture();
    let error = f.ledger.delete_invoice(f.b2).unwrap_err();
    assert!(error.to_string().contains("ne peut pas être supprimée"), "{error}");
    // B2 also has a payment; an invoice with only a dispute is refused too, so the dispute never widens
    // to the whole account.
    let lone = f.ledger.create_invoice(&invoice(f.gamma, "C2", "2026-11-05", None, "80.00")).unwrap();
    f.ledger
        .add_event(&EventFields {
            client_id: f.gamma,
            kind: EventKind::Dispute,
            date: date("2026-11-10"),
            text: "Prestation non reçue".into(),
            amount: None,
            until: None,
            invoice_id: Some(lone),
        })
        .unwrap();
    let error = f.ledger.delete_invoice(lone).unwrap_err();
    assert!(error.to_string().contains("contestation"), "{error}");
}

#[test]
fn a_client_with_a_long_company_name_can_be_saved() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let fields = client(ClientKind::Professional, "Société civile immobilière Les Jardins du Parc");
    let id = ledger.create_client(&fields).unwrap();
    // The name line is the printer's business: the client page reports it.
    let detail = ardoise::desk::clients::client_detail(&ledger, id, date(AS_OF)).unwrap();
    assert!(
        detail.address_problems.iter().any(|p| p.message.contains("ligne 1 trop longue")),
        "{:?}",
        detail.address_problems
    );
}

#[test]
fn a_unit_of_work_that_fails_leaves_nothing_behind() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let before = ledger.export().unwrap();
    let error = ledger
        .atomically(|ledger| {
            ledger.create_client(&client(ClientKind::Professional, "Alpha SARL"))?;
            ledger.create_client(&client(ClientKind::Professional, ""))
        })
        .unwrap_err();
    assert_eq!(error.kind(), "invalid");
    assert_eq!(ledger.export().unwrap(), before);
}

#[test]
fn only_disputes_and_pauses_can_be_closed() {
    let mut f = fixture();
    let note = f
        .ledger
        .add_event(&EventFields {
            client_id: f.alpha,
            kind: EventKind::Note,
            date: date("2026-11-01"),
            text: "Appelé la comptable".into(),
            amount: None,
            until: None,
            invoice_id: None,
        })
        .unwrap();
    assert_eq!(f.ledger.close_event(note, date("2026-11-02")).unwrap_err().kind(), "conflict");
}

/// An export without its audit timestamps, which say when rows were written, not what they hold.
fn without_timestamps(mut export: ardoise::ledger::LedgerExport) -> ardoise::ledger::LedgerExport {
    for rows in export.tables.values_mut() {
        for row in rows {
            for column in ["created_at", "updated_at", "imported_at"] {
                row.remove(column);
            }
        }
    }
    export
}

/// Every column that names a row of another table has an index that starts with it (its own, or its
/// table's primary key), so that deleting the row named (an invoice when an import is undone, a client,
/// a payment) finds the rows naming it without reading the whole table once per row deleted. The only
/// exceptions name rows the ledger never deletes: imports (the history) and letters (cancelled, kept).
#[test]
fn every_foreign_key_column_is_indexed_unless_its_rows_are_never_deleted() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    drop(Ledger::open(&path).unwrap());
    let connection = rusqlite::Connection::open(&path).unwrap();
    let strings = |sql: &str| -> Vec<Vec<String>> {
        let mut statement = connection.prepare(sql).unwrap();
        let columns = statement.column_count();
        statement
            .query_map([], |row| {
                (0..columns)
                    .map(|i| row.get::<_, rusqlite::types::Value>(i))
                    .map(|value| {
                        value.map(|value| match value {
                            rusqlite::types::Value::Text(text) => text,
                            rusqlite::types::Value::Integer(number) => number.to_string(),
                            _ => String::new(),
                        })
                    })
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let mut unindexed = Vec::new();
    let tables = strings("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    assert!(tables.len() > 20, "{tables:?}");
    for table in tables.iter().map(|row| &row[0]) {
        // The first column of each index, and of the primary key.
        let mut leading: Vec<String> = strings(&format!("PRAGMA index_list('{table}')"))
            .iter()
            .filter_map(|index| strings(&format!("PRAGMA index_info('{}')", index[1])).first().map(|c| c[2].clone()))
            .collect();
        leading.extend(
            strings(&format!("PRAGMA table_info('{table}')")).into_iter().filter(|c| c[5] == "1").map(|c| c[1].clone()),
        );
        for key in strings(&format!("PRAGMA foreign_key_list('{table}')")) {
            if !leading.contains(&key[3]) {
                unindexed.push(format!("{table}.{} → {}", key[3], key[2]));
            }
        }
    }
    unindexed.sort();
    assert_eq!(
        unindexed,
        ["invoices.import_id → imports", "payments.import_id → imports", "plans.letter_id → letters"]
    );
}
