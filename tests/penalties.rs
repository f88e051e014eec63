//! Penalties through the ledger (F4): a fixture whose every figure was computed by hand, loaded with
//! `Ledger::penalty_inputs` and shown by `ardoise::desk::penalties::penalties`; the rates table stored, edited, refused and
//! carried by export/load.

use ardoise::domain::address::PostalAddress;
use ardoise::domain::model::{
    Allocation, ClientFields, ClientKind, ClientStatus, InvoiceFields, PaymentFields, PaymentMethod,
};
use ardoise::domain::model::{Procedure, Rejection};
use ardoise::domain::penalties::{compute, Breakdown};
use ardoise::domain::rates::RateTable;
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

fn invoice(client_id: i64, number: &str, issue: &str, due: &str, amount: &str) -> InvoiceFields {
    InvoiceFields {
        number: number.into(),
        client_id,
        issue_date: date(issue),
        due_date: Some(date(due)),
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
    brun: i64,
    vidal: i64,
    gamma: i64,
    delta: i64,
}

/// Five clients, each pinning one rule; the figures are in the tests below.
fn fixture() -> Fixture {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let alpha = ledger.create_client(&client(ClientKind::Professional, "Alpha")).unwrap();
    let a1 = ledger.create_invoice(&invoice(alpha, "A1", "2026-01-01", "2026-01-31", "2400.00")).unwrap();
    let mut a2 = invoice(alpha, "A2", "2026-03-01", "2026-03-31", "500.00");
    a2.penalty_rate = Some(eur("5"));
    ledger.create_invoice(&a2).unwrap();
    let a3 = ledger.create_invoice(&invoice(alpha, "A3", "2026-01-15", "2026-02-15", "300.00")).unwrap();
    ledger.create_invoice(&invoice(alpha, "A4", "2026-04-01", "2026-04-30", "200.00")).unwrap();
    let split = |invoice_id, amount| Some(vec![Allocation { invoice_id, amount: eur(amount) }]);
    ledger.record_payment(&payment(alpha, "2026-03-02", "1000.00", split(a1, "1000.00"))).unwrap();
    ledger.record_payment(&payment(alpha, "2026-02-15", "300.00", split(a3, "300.00"))).unwrap();

    let brun = ledger.create_client(&client(ClientKind::Consumer, "BRUN")).unwrap();
    ledger.create_invoice(&invoice(brun, "B1", "2026-01-16", "2026-02-15", "800.00")).unwrap();

    let mut in_procedure = client(ClientKind::Professional, "Vidal");
    in_procedure.status = ClientStatus::CollectiveProcedure;
    in_procedure.procedure = Procedure { opening_date: Some(date("2026-03-15")), ..Default::default() };
    let vidal = ledger.create_client(&in_procedure).unwrap();
    ledger.create_invoice(&invoice(vidal, "V1", "2026-01-01", "2026-01-31", "1000.00")).unwrap();

    let gamma = ledger.create_client(&client(ClientKind::Professional, "Gamma")).unwrap();
    ledger.create_invoice(&invoice(gamma, "G1", "2026-01-01", "2026-01-31", "1000.00")).unwrap();
    ledger.create_invoice(&invoice(gamma, "G2", "2026-02-10", "2026-02-10", "-200.00")).unwrap();
    ledger.record_payment(&payment(gamma, "2026-03-01", "300.00", Some(Vec::new()))).unwrap();

    let delta = ledger.create_client(&client(ClientKind::Professional, "Delta")).unwrap();
    ledger.create_invoice(&invoice(delta, "D1", "2026-01-01", "2026-01-31", "600.00")).unwrap();
    let cheque = ledger.record_payment(&payment(delta, "2026-02-10", "600.00", None)).unwrap();
    let rejection = Rejection { date: date("2026-02-20"), fees: eur("15"), reason: "sans provision".into() };
    ledger.reject_payment(cheque, &rejection).unwrap();

    Fixture { ledger, alpha, brun, vidal, gamma, delta }
}

/// Letters have no form yet (the letters issue): they enter through a load, as an export would carry
/// them. Brun's mise en demeure was sent on 08/04 and received on 10/04; a later one is only drafted.
fn with_letters(ledger: &Ledger, brun: i64) -> Ledger {
    let mut export = serde_json::to_value(ledger.export().unwrap()).unwrap();
    let letter = |id: i64, kind: &str, status: &str, drafted: &str, sent: Option<&str>, received: Option<&str>| {
        serde_json::json!({
            "id": id, "client_id": brun, "kind": kind, "status": status, "drafted_on": drafted,
            "dispatch": "registered", "sent_on": sent, "receipt_date": received,
        })
    };
    export["tables"]["letters"] = serde_json::json!([
        letter(1, "friendly_reminder", "sent", "2026-03-01", Some("2026-03-02"), None),
        letter(2, "formal_notice", "sent", "2026-04-07", Some("2026-04-08"), Some("2026-04-10")),
        letter(3, "formal_notice", "drafted", "2026-05-01", None, None),
    ]);
    let mut loaded = Ledger::open_in_memory().unwrap();
    loaded.load(&serde_json::from_value(export).unwrap()).unwrap();
    loaded
}

fn totals(breakdown: &Breakdown) -> [Decimal; 4] {
    [breakdown.principal, breakdown.interest, breakdown.indemnity, breakdown.total]
}

fn penalties(ledger: &Ledger, client: i64, as_of: &str) -> Breakdown {
    ardoise::desk::penalties::penalties(ledger, client, date(as_of)).unwrap().breakdown
}

#[test]
fn a_partial_payment_and_a_contractual_rate_below_the_floor() {
    let f = fixture();
    let result = penalties(&f.ledger, f.alpha, "2026-04-30");
    // A1 2 400 € due 31/01, 1 000 € received 02/03, at ECB 2,15 + 10 = 12,15 %:
    //   01/02–02/03, 30 days on 2 400: 2400 × 12,15 × 30 / 36500 = 23,9671 → 23,97
    //   03/03–30/04, 59 days on 1 400: 1400 × 12,15 × 59 / 36500 = 27,4956 → 27,50
    // A2 500 € due 31/03 at its contractual 5 %: 01/04–30/04, 30 days: 500 × 5 × 30 / 36500 = 2,0548 → 2,05,
    //   and 5 % is below 3 × 2,62 = 7,86 %: a warning.
    // A3 was paid on its due date (never late), A4 falls due on the computation date: neither counts.
    // Principal 1 400 + 500 = 1 900; interest 23,97 + 27,50 + 2,05 = 53,52; indemnity 2 × 40 = 80.
    let numbers: Vec<&str> = result.invoices.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["A1", "A2"]);
    let amounts: Vec<Decimal> = result.periods().map(|(_, p)| p.amount).collect();
    assert_eq!(amounts, [eur("23.97"), eur("27.50"), eur("2.05")]);
    assert_eq!(totals(&result), [eur("1900"), eur("53.52"), eur("80"), eur("2033.52")]);
    let codes: Vec<&str> = result.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["rate_below_floor"]);
    assert!(result.warnings[0].message.starts_with("Facture A2 : le taux contractuel de 5 %"));
}

#[test]
fn credits_settled_against_the_oldest_invoice_stop_interest_from_their_date() {
    let f = fixture();
    let result = penalties(&f.ledger, f.gamma, "2026-04-30");
    // G1 1 000 € due 31/01; the credit note G2 (200 €, 10/02) then the unallocated 300 € (01/03) cover it:
    //   01/02–10/02, 10 days on 1 000: 1000 × 12,15 × 10 / 36500 = 3,3288 → 3,33
    //   11/02–01/03, 19 days on 800:    800 × 12,15 × 19 / 36500 = 5,0597 → 5,06
    //   02/03–30/04, 60 days on 500:    500 × 12,15 × 60 / 36500 = 9,9863 → 9,99
    // Principal 500 (what the client list shows overdue); interest 18,38; indemnity 40.
    let periods: Vec<(i64, Decimal, Decimal)> = result.periods().map(|(_, p)| (p.days, p.base, p.amount)).collect();
    assert_eq!(periods, [(10, eur("1000"), eur("3.33")), (19, eur("800"), eur("5.06")), (60, eur("500"), eur("9.99"))]);
    assert_eq!(totals(&result), [eur("500"), eur("18.38"), eur("40"), eur("558.38")]);
    let listed = ardoise::desk::clients::client_list(&f.ledger, date("2026-04-30")).unwrap();
    assert_eq!(listed.iter().find(|c| c.id == f.gamma).unwrap().overdue, result.principal);
}

#[test]
fn a_rejected_payment_stops_counting_from_its_rejection() {
    let f = fixture();
    // Before the rejection the cheque of 10/02 paid D1 in full: nothing is owed, and D1 is among the
    // invoices paid late (its own test below).
    let before = penalties(&f.ledger, f.delta, "2026-02-15");
    assert_eq!(totals(&before), [eur("0"), eur("0"), eur("0"), eur("0")]);
    assert_eq!(before.settled_late.len(), 1);
    // After it, nothing was paid: 01/02–30/04, 89 days on 600 → 600 × 12,15 × 89 / 36500 = 17,7756 → 17,78.
    let after = penalties(&f.ledger, f.delta, "2026-04-30");
    assert_eq!(totals(&after), [eur("600"), eur("17.78"), eur("40"), eur("657.78")]);
    assert!(after.settled_late.is_empty(), "owed again, not settled");
}

/// F4.1 and F4.2: interest runs to the day the money arrives and the 40 € is due once an invoice is late,
/// even when it is then paid in full. Such an invoice is listed apart, outside what is owed today.
/// Regression: once paid in full it vanished from the breakdown, and its penalties with it.
#[test]
fn an_invoice_paid_late_in_full_still_earns_interest_to_the_day_paid_and_its_indemnity() {
    let f = fixture();
    // D1 600 € due 31/01, paid in full by the cheque of 10/02: 01/02–10/02, 10 days on 600:
    //   600 × 12,15 × 10 / 36500 = 1,9973 → 2,00; and 40 €.
    let result = penalties(&f.ledger, f.delta, "2026-02-15");
    let [d1] = result.settled_late.as_slice() else { panic!("{:?}", result.settled_late) };
    assert_eq!(
        (d1.number.as_str(), d1.paid_on, d1.days_late, d1.principal, d1.interest, d1.indemnity),
        ("D1", Some(date("2026-02-10")), 10, eur("0"), eur("2.00"), eur("40"))
    );
    let periods: Vec<(NaiveDate, NaiveDate, i64)> = d1.periods.iter().map(|p| (p.from, p.to, p.days)).collect();
    assert_eq!(periods, [(date("2026-02-01"), date("2026-02-10"), 10)]);
    assert_eq!([result.settled_late_interest, result.settled_late_indemnity], [eur("2.00"), eur("40")]);
    assert!(result.invoices.is_empty(), "nothing owed today");
    // The client's page names its periods apart, as the window shows them.
    let page = ardoise::desk::penalties::penalties(&f.ledger, f.delta, date("2026-02-15")).unwrap();
    assert!(page.periods.is_empty());
    let settled: Vec<(&str, &str)> =
        page.settled_periods.iter().map(|p| (p.number.as_str(), p.rate_label.as_deref().unwrap())).collect();
    assert_eq!(settled, [("D1", "12,15 %")]);
    // Alpha's A3 was paid on its due date: never late, never listed.
    assert!(penalties(&f.ledger, f.alpha, "2026-04-30").settled_late.is_empty());
}

/// What is not a late payment: an invoice cancelled by a credit note, a consumer's invoice paid before any
/// mise en demeure (nothing ran), and one whose claim is time-barred (5 years after the payment).
#[test]
fn credit_notes_consumers_without_notice_and_old_payments_leave_nothing_settled_late() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let split = |invoice_id, amount| Some(vec![Allocation { invoice_id, amount: eur(amount) }]);
    let pro = ledger.create_client(&client(ClientKind::Professional, "Epsilon")).unwrap();
    // E1 cancelled by the credit note E2 twenty days late; E3 paid ten days late.
    ledger.create_invoice(&invoice(pro, "E1", "2026-01-01", "2026-01-31", "1000.00")).unwrap();
    ledger.create_invoice(&invoice(pro, "E2", "2026-02-20", "2026-02-20", "-1000.00")).unwrap();
    let e3 = ledger.create_invoice(&invoice(pro, "E3", "2026-02-01", "2026-02-28", "500.00")).unwrap();
    ledger.record_payment(&payment(pro, "2026-03-10", "500.00", split(e3, "500.00"))).unwrap();
    // E3: 01/03–10/03, 10 days on 500: 500 × 12,15 × 10 / 36500 = 1,6644 → 1,66.
    let result = penalties(&ledger, pro, "2026-04-30");
    let listed: Vec<(&str, Decimal, Decimal)> =
        result.settled_late.iter().map(|i| (i.number.as_str(), i.interest, i.indemnity)).collect();
    assert_eq!(listed, [("E3", eur("1.66"), eur("40"))]);

    // Paid a month late in 2020, at ECB 0,00 + 10 = 10 %: 01/02–01/03/2020, 30 days on 1 000:
    //   1000 × 10 × 30 / 36500 = 8,2192 → 8,22; the claim lives 5 years from the payment of 01/03/2020.
    let old = ledger.create_client(&client(ClientKind::Professional, "Zeta")).unwrap();
    let z1 = ledger.create_invoice(&invoice(old, "Z1", "2020-01-01", "2020-01-31", "1000.00")).unwrap();
    ledger.record_payment(&payment(old, "2020-03-01", "1000.00", split(z1, "1000.00"))).unwrap();
    let alive = penalties(&ledger, old, "2025-02-28");
    assert_eq!([alive.settled_late_interest, alive.settled_late_indemnity], [eur("8.22"), eur("40")]);
    assert!(penalties(&ledger, old, "2025-03-01").settled_late.is_empty(), "time-barred");

    // A consumer who paid late before any mise en demeure owes no interest and no indemnity.
    let consumer = ledger.create_client(&client(ClientKind::Consumer, "MARTIN")).unwrap();
    let m1 = ledger.create_invoice(&invoice(consumer, "M1", "2026-01-01", "2026-01-31", "300.00")).unwrap();
    ledger.record_payment(&payment(consumer, "2026-03-15", "300.00", split(m1, "300.00"))).unwrap();
    let nothing = penalties(&ledger, consumer, "2026-04-30");
    assert!(nothing.settled_late.is_empty() && nothing.warnings.is_empty(), "{nothing:?}");
}

#[test]
fn an_opening_judgment_stops_interest_and_keeps_the_indemnity_of_an_invoice_late_before_it() {
    let f = fixture();
    // V1 1 000 € due 31/01, judgment 15/03: 01/02–15/03, 43 days → 1000 × 12,15 × 43 / 36500 = 14,3137 → 14,31;
    // late before the judgment, its 40 € indemnity was owed before it and is declared with it (audit P2).
    let result = penalties(&f.ledger, f.vidal, "2026-06-30");
    assert_eq!(totals(&result), [eur("1000"), eur("14.31"), eur("40"), eur("1054.31")]);
    assert_eq!(totals(&penalties(&f.ledger, f.vidal, "2026-03-15")), totals(&result), "the same on the judgment's day");
    assert_eq!(result.invoices[0].periods.last().unwrap().to, date("2026-03-15"));
    assert!(result.warnings.iter().any(|w| w.code == "collective_procedure"));
}

#[test]
fn a_consumer_owes_interest_only_from_the_mise_en_demeure_received() {
    let f = fixture();
    let without = penalties(&f.ledger, f.brun, "2026-06-30");
    assert_eq!(totals(&without), [eur("800"), eur("0"), eur("0"), eur("800")]);
    assert_eq!(without.warnings[0].code, "no_formal_notice");

    let ledger = with_letters(&f.ledger, f.brun);
    let inputs = ledger.penalty_inputs(date("2026-06-30"), Some(f.brun)).unwrap();
    assert_eq!(inputs[0].formal_notice, Some(date("2026-04-10")), "the received date of the sent one");
    // 10/04–30/06 = 21 + 31 + 30 = 82 days at the legal rate "autres cas" 2,62 %:
    //   800 × 2,62 × 82 / 36500 = 4,7088 → 4,71. No 40 € for a consumer.
    let result = penalties(&ledger, f.brun, "2026-06-30");
    assert_eq!(totals(&result), [eur("800"), eur("4.71"), eur("0"), eur("804.71")]);
    assert!(result.warnings.is_empty());
    // Sent on 08/04 but received on 10/04: on 09/04 it has not taken effect yet.
    assert_eq!(penalties(&ledger, f.brun, "2026-04-09").interest, eur("0"));
}

#[test]
fn loading_every_client_at_once_gives_each_client_s_own_figures() {
    let f = fixture();
    let as_of = date("2026-04-30");
    let rates = f.ledger.rates().unwrap();
    let all = f.ledger.penalty_inputs(as_of, None).unwrap();
    assert_eq!(all.len(), 5, "every client, late or not");
    for client in [f.alpha, f.brun, f.vidal, f.gamma, f.delta] {
        let from_all = all.iter().find(|c| c.client_id == client).unwrap();
        let alone = f.ledger.penalty_inputs(as_of, Some(client)).unwrap();
        assert_eq!(std::slice::from_ref(from_all), alone.as_slice());
        assert_eq!(
            compute(&from_all.input(as_of, ardoise::domain::ladder::DEFAULT_RESIDUAL_TOLERANCE), &rates),
            penalties(&f.ledger, client, "2026-04-30")
        );
    }
    let error = ardoise::desk::penalties::penalties(&f.ledger, 999, as_of).unwrap_err();
    assert_eq!(error.kind(), "not_found");
}

#[test]
fn the_stored_rates_table_flags_2026_s2_until_the_user_enters_it() {
    let mut f = fixture();
    let stored = f.ledger.rates().unwrap();
    assert_eq!(stored, RateTable::default_fr(), "seeded by the migration from the shipped table");
    // Delta's D1 on 15/08/2026: 2026-S1 01/02–30/06 = 150 days → 600 × 12,15 × 150 / 36500 = 29,9589 → 29,96;
    // 2026-S2 01/07–15/08 = 46 days, rate missing.
    let before = penalties(&f.ledger, f.delta, "2026-08-15");
    assert_eq!(before.interest, eur("29.96"));
    assert_eq!(before.warnings[0].code, "missing_rate");
    assert_eq!(before.invoices[0].periods[1].rate, None);

    let mut edited = stored.clone();
    let last = edited.rows.last_mut().unwrap();
    (last.ecb_rate, last.legal_rate_other) = (Some(eur("2.00")), Some(eur("2.50")));
    f.ledger.save_rates(&edited).unwrap();
    assert_eq!(f.ledger.rates().unwrap(), edited);
    // Now 46 days at 2 + 10 = 12 %: 600 × 12 × 46 / 36500 = 9,0740 → 9,07; total interest 39,03.
    let after = penalties(&f.ledger, f.delta, "2026-08-15");
    assert_eq!(after.interest, eur("39.03"));
    assert!(after.warnings.is_empty());

    // A table with a gap is refused with the reason, and the stored one stays.
    let mut gapped = edited.clone();
    gapped.rows.remove(10);
    let error = f.ledger.save_rates(&gapped).unwrap_err();
    assert_eq!(error.kind(), "invalid");
    assert!(error.to_string().contains("il manque un semestre entre 2019-S2 et 2020-S2"), "{error}");
    assert_eq!(f.ledger.rates().unwrap(), edited);

    // Export and load carry the edited table, replacing the seeded one.
    let export = f.ledger.export().unwrap();
    let mut copy = Ledger::open_in_memory().unwrap();
    copy.load(&export).unwrap();
    assert_eq!(copy.rates().unwrap(), edited);
    assert_eq!(copy.export().unwrap(), export);
}

#[test]
fn a_load_with_a_broken_rates_table_is_refused() {
    let f = fixture();
    let mut export = serde_json::to_value(f.ledger.export().unwrap()).unwrap();
    export["tables"]["rates"].as_array_mut().unwrap().remove(3);
    let mut copy = Ledger::open_in_memory().unwrap();
    let error = copy.load(&serde_json::from_value(export).unwrap()).unwrap_err();
    assert!(error.to_string().contains("il manque un semestre entre 2016-S1 et 2017-S1"), "{error}");
    assert!(copy.is_empty().unwrap());
    assert_eq!(copy.rates().unwrap(), RateTable::default_fr(), "the refused load left the seeded table");
}

fn ardoise(db: &std::path::Path, arguments: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ardoise"))
        .arg("--db")
        .arg(db)
        .args(arguments)
        .output()
        .expect("ardoise runs")
}

fn stdout(output: &std::process::Output) -> String {
    assert!(output.status.success(), "ardoise failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn the_command_line_gives_the_library_s_breakdown_in_json_and_in_french() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let clients: serde_json::Value =
        serde_json::from_str(&stdout(&ardoise(&db, &["clients", "--json", "--date", "2026-11-22"]))).unwrap();
    let hotel = clients.as_array().unwrap().iter().find(|c| c["name"] == "Hôtel des Célestins").unwrap();
    let id = hotel["id"].as_i64().unwrap();

    let output = ardoise(&db, &["penalties", "--client", &id.to_string(), "--date", "2026-11-22", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let ledger = Ledger::open(&db).unwrap();
    let expected = ardoise::desk::penalties::penalties(&ledger, id, date("2026-11-22")).unwrap().breakdown;
    for (key, value) in [
        ("principal", expected.principal),
        ("interest", expected.interest),
        ("indemnity", expected.indemnity),
        ("total", expected.total),
    ] {
        assert_eq!(json[key].as_str(), Some(value.to_string().as_str()), "{key}");
    }
    assert_eq!(json["principal"], hotel["overdue"], "the principal is what the client list shows overdue");
    let periods = json["periods"].as_array().unwrap();
    assert_eq!(periods.len(), expected.periods().count());
    for (period, (invoice, computed)) in periods.iter().zip(expected.periods()) {
        assert_eq!(period["number"], invoice.number.as_str());
        assert_eq!(period["from"], computed.from.to_string().as_str());
        assert_eq!(period["to"], computed.to.to_string().as_str());
        assert_eq!(period["days"], computed.days);
        assert_eq!(period["amount"], computed.amount.to_string().as_str());
        match computed.rate {
            Some(rate) => assert_eq!(period["rate"], rate.to_string().as_str()),
            None => assert!(period["rate"].is_null()),
        }
    }
    assert!(periods.iter().any(|p| p["rate"].is_null()), "the demo runs into 2026-S2, whose rate is missing");
    assert_eq!(json["warnings"][0]["code"], "missing_rate");

    let text = stdout(&ardoise(&db, &["penalties", "--client", &id.to_string(), "--date", "2026-11-22"]));
    assert!(text.starts_with("Pénalités de retard de Hôtel des Célestins au 22/11/2026"), "{text}");
    assert!(text.contains("manquant"), "{text}");
    let total_line = format!("Total : {}", ardoise::domain::money::format_eur_ascii(expected.total));
    assert!(text.contains(&total_line), "{total_line} not in {text}");
    assert!(text.contains("Attention : Taux manquant pour le 2e semestre 2026"), "{text}");

    // The invoices the hotel paid late come apart, outside the total, with their periods.
    assert!(!expected.settled_late.is_empty(), "the demo hotel paid invoices late");
    let settled = json["settled_late"].as_array().unwrap();
    assert_eq!(settled.len(), expected.settled_late.len());
    for (listed, computed) in settled.iter().zip(&expected.settled_late) {
        assert_eq!(listed["number"], computed.number.as_str());
        assert_eq!(listed["paid_on"], computed.paid_on.unwrap().to_string().as_str());
        assert_eq!(listed["indemnity"], "40.00");
    }
    assert_eq!(json["settled_late_interest"], expected.settled_late_interest.to_string().as_str());
    let summed: Decimal =
        json["settled_periods"].as_array().unwrap().iter().map(|p| eur(p["amount"].as_str().unwrap())).sum();
    assert_eq!(summed, expected.settled_late_interest);
    assert!(text.contains("Factures réglées en retard : pénalités encore exigibles (hors total ci-dessus)"), "{text}");
    let first = &expected.settled_late[0];
    let line = format!(
        "{} réglée le {} ({} jours de retard)",
        first.number,
        ardoise::domain::calendar::format_short(first.paid_on.unwrap()),
        first.days_late
    );
    assert!(text.contains(&line), "{line} not in {text}");

    let unknown = ardoise(&db, &["penalties", "--client", "999"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Client n° 999 introuvable"));
    let missing = ardoise(&db, &["penalties"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("il manque --client"), "{:?}", missing);
}
