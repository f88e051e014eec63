//! The books kept every month (F13) through the desk and the command line: the livre des recettes of the
//! demo ledger for October 2026 computed by hand, cash apart, and checked against the client pages; a
//! ledger with a rejected cheque, a credit note, a payment split over three invoices, a write-off and a
//! formal notice, whose book, statements of account and accountant's export were computed by hand; whole
//! periods that add up to the dashboard and the client pages to the cent; the XLSX files read back with
//! calamine, the CSV files with `csv`, the PDF with Poppler; an empty period; natures from an import and
//! from an e-invoice's billing frame; the commands as a user runs them.

use ardoise::desk::books::{self, AccountantFormat, BookFormat, LineKind, LineNature, Nature, Period};
use ardoise::desk::letters::ExportTarget;
use ardoise::desk::{clients, dashboard, demo, Ledger};
use ardoise::domain::letter_kind::{Dispatch, LetterKind};
use ardoise::domain::model::{
    Allocation, ClientFields, ClientKind, InvoiceFields, PaymentFields, PaymentMethod, Profile, Rejection,
};
use ardoise::domain::money::format_eur;
use ardoise::ledger::archive::ArchiveRole;
use calamine::{Data, Reader};
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

fn period(from: &str, to: &str) -> Period {
    books::period(day(from), day(to)).unwrap()
}

fn demo_ledger() -> Ledger {
    let mut ledger = Ledger::open_in_memory().unwrap();
    demo::populate(&mut ledger, day("2026-11-22")).unwrap();
    ledger
}

/// The demo's October 2026, line by line, as its data says: the regular payments of the month (transfers
/// and a consumer's cheque), the panels sold to Menuiserie Chauvet (goods), the oak boards paid in cash at
/// the workshop (goods, cash), M. Roussel's cheque of 23 October and its rejection on the 29th.
#[test]
fn the_book_of_the_demo_for_october_was_computed_by_hand_with_cash_apart() {
    let ledger = demo_ledger();
    let book = books::receipts(&ledger, period("2026-10-01", "2026-10-31")).unwrap();
    // (date, invoices, client, nature, amount, method, note)
    let expected = [
        ("2026-10-07", "F2026-029", "Traiteur Bonnet", "services", "441.00", "transfer", ""),
        ("2026-10-12", "F2026-077", "Mme Laura ANDRÉ", "goods", "240.00", "cash", ""),
        ("2026-10-14", "F2026-040", "Librairie Passages", "services", "491.40", "transfer", ""),
        ("2026-10-15", "F2026-039", "Atelier Bois & Compagnie", "services", "1296.00", "transfer", ""),
        ("2026-10-15", "F2026-076", "Menuiserie Chauvet", "goods", "1320.00", "transfer", ""),
        ("2026-10-16", "F2026-043", "Studio Lumen", "services", "378.00", "transfer", ""),
        ("2026-10-16", "F2026-044", "Crèche Les Petits Pas", "services", "1248.00", "transfer", ""),
        ("2026-10-20", "F2026-047", "Garage Lefèvre", "services", "856.00", "transfer", ""),
        ("2026-10-22", "F2026-048", "M. Nicolas BLANC", "services", "1072.00", "transfer", ""),
        ("2026-10-23", "F2026-061", "M. Julien ROUSSEL", "services", "1180.00", "cheque", "rejeté le 29/10/2026"),
        (
            "2026-10-29",
            "F2026-061",
            "M. Julien ROUSSEL",
            "services",
            "-1180.00",
            "cheque",
            "rejet du règlement du 23/10/2026",
        ),
    ];
    let json = serde_json::to_value(&book).unwrap();
    let lines = json["lines"].as_array().unwrap();
    assert_eq!(lines.len(), expected.len(), "{json:#}");
    for (line, (date, invoice, client, nature, amount, method, note)) in lines.iter().zip(expected) {
        assert_eq!(line["date"], date);
        assert_eq!(line["invoices"], serde_json::json!([invoice]));
        assert_eq!(line["client"], client);
        assert_eq!(line["nature"], nature);
        assert_eq!(line["amount"], amount, "amounts are decimal strings to the cent");
        assert_eq!(line["method"], method);
        assert_eq!(line["note"], note);
        assert_eq!(line["cash"], method == "cash");
    }
    assert_eq!(book.lines[10].kind, LineKind::Rejection);
    // By hand: 441 + 240 + 491,40 + 1 296 + 1 320 + 378 + 1 248 + 856 + 1 072 + 1 180 − 1 180 = 7 342,40 €,
    // of which 240 € in cash; goods 240 + 1 320 = 1 560 €, services the rest.
    let totals = &book.totals;
    assert_eq!(totals.lines, 11);
    assert_eq!(totals.amount.to_string(), "7342.40");
    assert_eq!(totals.cash.to_string(), "240.00");
    assert_eq!(totals.other_means.to_string(), "7102.40");
    assert_eq!(totals.goods.to_string(), "1560.00");
    assert_eq!(totals.services.to_string(), "5782.40");
    assert_eq!(book.months.len(), 1);
    assert_eq!(book.months[0].totals, book.totals);
    assert_eq!(book.label, "octobre 2026");

    // The same money on the client pages: every payment of October, less those rejected in October.
    let mut from_pages = Decimal::ZERO;
    let mut cash = Decimal::ZERO;
    for client in clients::client_list(&ledger, day("2026-10-31")).unwrap() {
        for payment in clients::client_detail(&ledger, client.id, day("2026-10-31")).unwrap().payments {
            let october = |date: NaiveDate| date.format("%Y-%m").to_string() == "2026-10";
            let mut received = Decimal::ZERO;
            if october(payment.date) {
                received += payment.amount;
            }
            if payment.rejection.as_ref().is_some_and(|rejection| october(rejection.date)) {
                received -= payment.amount;
            }
            from_pages += received;
            if payment.method == PaymentMethod::Cash {
                cash += received;
            }
        }
    }
    assert_eq!((from_pages, cash), (totals.amount, totals.cash));
}

/// Over the whole life of the demo ledger, what was invoiced less what was received less what was given
/// up is what the client pages say is owed, and what the dashboard says once the credits in clients'
/// favour are left aside; each client's statement of account ends on its client page's balance.
#[test]
fn whole_periods_add_up_to_the_dashboard_and_the_client_pages_to_the_cent() {
    let ledger = demo_ledger();
    let today = day("2026-11-22");
    let all = period("2025-01-01", "2026-11-22");
    let book = books::receipts(&ledger, all).unwrap();
    let export = books::accountant(&ledger, all).unwrap();
    let invoiced: Decimal = export.invoices.iter().map(|invoice| invoice.amount).sum();
    let given_up: Decimal = export.write_offs.iter().map(|write_off| write_off.written_off).sum();
    let summaries = clients::client_list(&ledger, today).unwrap();
    let balances: Decimal = summaries.iter().map(|client| client.balance).sum();
    assert_eq!(invoiced - book.totals.amount - given_up, balances);
    let owed: Decimal = summaries.iter().map(|client| client.balance.max(Decimal::ZERO)).sum();
    assert_eq!(owed, dashboard::dashboard(&ledger, today).unwrap().total_owed);
    // The accountant's payments, less their rejections in the period, are the book's total; its
    // allocations are what the payments allocated; its invoices' remaining amounts are the invoice list's.
    let received: Decimal = export
        .payments
        .iter()
        .map(|payment| if payment.rejected_on.is_some() { Decimal::ZERO } else { payment.amount })
        .sum();
    assert_eq!(received, book.totals.amount);
    let allocated: Decimal = export.allocations.iter().map(|a| a.amount).sum();
    assert_eq!(allocated, export.payments.iter().map(|payment| payment.allocated).sum::<Decimal>());
    let list = ardoise::desk::invoices::invoice_list(&ledger, None, today).unwrap();
    for invoice in &export.invoices {
        let line = list.iter().find(|line| line.row.invoice.number == invoice.number).unwrap();
        assert_eq!((invoice.settled, invoice.remaining), (line.settled, line.remaining), "{}", invoice.number);
    }
    for client in &summaries {
        let statement = books::statement(&ledger, client.id, today).unwrap();
        assert_eq!(statement.statement.balance, client.balance, "{}", client.name);
        let detail = clients::client_detail(&ledger, client.id, today).unwrap();
        assert_eq!(statement.statement.balance, detail.summary.balance, "{}", client.name);
    }
}

/// What the hand-made ledger below holds.
struct Fixture {
    ledger: Ledger,
    workshop: i64,
    martin: i64,
    garage: i64,
}

/// A sole trader's first months of 2026: Atelier Nord (a professional, natures from the ledger's default,
/// services) gets F1, F2 (goods), F3 and F5, and a credit note A1; it pays 50 € of F5 in cash on 5 March,
/// then 1 000 € by transfer on 10 March split over F1, F2 and F3, and F5's rest is written off on
/// 25 March. Mme Anne Martin (a consumer whose invoices are goods) pays F4 by a cheque of 450 € on
/// 12 March, rejected on 2 April. Garage Sud owes F6 since 4 February and gets a formal notice on 20 April.
fn fixture() -> Fixture {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let profile = Profile {
        legal_name: "Camille ROUSSEAU EI".into(),
        email: "camille@atelier-rousseau.fr".into(),
        phone: "04 78 12 34 56".into(),
        // A letter is printed only with the sender's address, SIREN/SIRET and town of the date.
        address: ardoise::domain::address::PostalAddress {
            street: "12 RUE DES ECOLES".into(),
            postcode: "69003".into(),
            town: "LYON".into(),
            ..Default::default()
        },
        siren_siret: "732829320".into(),
        signature_town: "Lyon".into(),
        ..Profile::default()
    };
    ledger.save_profile(&profile).unwrap();
    let professional = |name: &str| ClientFields {
        kind: ClientKind::Professional,
        company_name: name.into(),
        ..ClientFields::default()
    };
    let workshop = ledger.create_client(&professional("Atelier Nord")).unwrap();
    let martin = ledger
        .create_client(&ClientFields {
            kind: ClientKind::Consumer,
            civility: "Mme".into(),
            first_name: "Anne".into(),
            last_name: "Martin".into(),
            address: ardoise::domain::address::PostalAddress {
                street: "4 RUE PASTEUR".into(),
                postcode: "42000".into(),
                town: "SAINT-ETIENNE".into(),
                ..Default::default()
            },
            default_nature: Some(Nature::Goods),
            ..ClientFields::default()
        })
        .unwrap();
    let garage = ledger.create_client(&professional("Garage Sud")).unwrap();
    let mut invoice = |client: i64, number: &str, issued: &str, due: &str, amount: &str, nature: Option<Nature>| {
        ledger
            .create_invoice(&InvoiceFields {
                number: number.into(),
                client_id: client,
                issue_date: day(issued),
                due_date: Some(day(due)),
                amount: eur(amount),
                amount_excl_vat: None,
                object: format!("Travaux {number}"),
                penalty_rate: None,
                written_off_on: None,
                payment_terms: None,
                nature,
            })
            .unwrap()
    };
    let f1 = invoice(workshop, "F1", "2026-02-10", "2026-03-12", "300.00", None);
    let f2 = invoice(workshop, "F2", "2026-02-12", "2026-03-14", "200.00", Some(Nature::Goods));
    let f3 = invoice(workshop, "F3", "2026-02-15", "2026-03-17", "500.00", None);
    let f4 = invoice(martin, "F4", "2026-03-01", "2026-03-16", "450.00", None);
    let f5 = invoice(workshop, "F5", "2026-03-01", "2026-03-31", "250.00", None);
    invoice(workshop, "A1", "2026-03-15", "2026-03-15", "-100.00", None);
    let f6 = invoice(garage, "F6", "2026-01-05", "2026-02-04", "1000.00", None);
    let mut pay =
        |client: i64, date: &str, amount: &str, method: PaymentMethod, reference: &str, parts: &[(i64, &str)]| {
            ledger
                .record_payment(&PaymentFields {
                    client_id: client,
                    date: day(date),
                    amount: eur(amount),
                    method,
                    reference: reference.into(),
                    allocations: Some(
                        parts
                            .iter()
                            .map(|(invoice_id, amount)| Allocation { invoice_id: *invoice_id, amount: eur(amount) })
                            .collect(),
                    ),
                })
                .unwrap()
        };
    pay(workshop, "2026-03-05", "50.00", PaymentMethod::Cash, "Reçu n° 3", &[(f5, "50.00")]);
    pay(
        workshop,
        "2026-03-10",
        "1000.00",
        PaymentMethod::Transfer,
        "VIR ATELIER NORD",
        &[(f1, "300.00"), (f2, "200.00"), (f3, "500.00")],
    );
    let cheque = pay(martin, "2026-03-12", "450.00", PaymentMethod::Cheque, "Chèque n° 0012345", &[(f4, "450.00")]);
    ledger
        .reject_payment(
            cheque,
            &Rejection { date: day("2026-04-02"), fees: eur("12.00"), reason: "sans provision".into() },
        )
        .unwrap();
    let mut f5_fields = InvoiceFields {
        number: "F5".into(),
        client_id: workshop,
        issue_date: day("2026-03-01"),
        due_date: Some(day("2026-03-31")),
        amount: eur("250.00"),
        amount_excl_vat: None,
        object: "Travaux F5".into(),
        penalty_rate: None,
        written_off_on: None,
        payment_terms: None,
        nature: None,
    };
    f5_fields.written_off_on = Some(day("2026-03-25"));
    ledger.update_invoice(f5, &f5_fields).unwrap();
    let notice =
        ledger.draft_letter(garage, LetterKind::FormalNotice, Dispatch::Registered, day("2026-04-20"), &[f6]).unwrap();
    ledger.record_letter_sent(notice, day("2026-04-20")).unwrap();
    Fixture { ledger, workshop, martin, garage }
}

/// A line of the book as the test compares it: date, invoices, nature, amount, goods, services, cash, note.
type SeenLine = (String, String, LineNature, String, String, String, bool, String);

#[test]
fn a_rejected_cheque_a_credit_note_a_split_over_three_invoices_and_a_write_off_in_the_book() {
    let fx = fixture();
    let march = books::receipts(&fx.ledger, period("2026-03-01", "2026-03-31")).unwrap();
    let lines: Vec<SeenLine> = march
        .lines
        .iter()
        .map(|l| {
            (
                l.date.to_string(),
                l.invoices.join(" "),
                l.nature,
                l.amount.to_string(),
                l.goods.to_string(),
                l.services.to_string(),
                l.cash,
                l.note.clone(),
            )
        })
        .collect();
    let expected = [
        ("2026-03-05", "F5", LineNature::Services, "50.00", "0.00", "50.00", true, ""),
        ("2026-03-10", "F1 F2 F3", LineNature::Mixed, "1000.00", "200.00", "800.00", false, ""),
        ("2026-03-12", "F4", LineNature::Goods, "450.00", "450.00", "0.00", false, "rejeté le 02/04/2026"),
    ];
    assert_eq!(
        lines,
        expected.map(|(d, i, n, a, g, s, c, note)| (
            d.to_string(),
            i.to_string(),
            n,
            a.to_string(),
            g.to_string(),
            s.to_string(),
            c,
            note.to_string()
        ))
    );
    assert_eq!(march.lines[2].client, "Mme Anne MARTIN");
    let totals = &march.totals;
    assert_eq!(
        [totals.amount, totals.cash, totals.other_means, totals.goods, totals.services].map(|a| a.to_string()),
        ["1500.00", "50.00", "1450.00", "650.00", "850.00"]
    );
    // April: the rejection alone, for minus the cheque, still goods.
    let april = books::receipts(&fx.ledger, period("2026-04-01", "2026-04-30")).unwrap();
    assert_eq!(april.lines.len(), 1);
    let rejection = &april.lines[0];
    assert_eq!(
        (rejection.kind, rejection.date, rejection.amount.to_string(), rejection.goods.to_string()),
        (LineKind::Rejection, day("2026-04-02"), "-450.00".to_string(), "-450.00".to_string())
    );
    assert_eq!(rejection.services.to_string(), "0.00", "no negative zero");
    // The quarter shows its three months, January and February empty; March and April together are what
    // was really received.
    let quarter =
        books::receipts(&fx.ledger, books::PeriodChoice::LastQuarter.period(day("2026-04-15")).unwrap()).unwrap();
    assert_eq!(quarter.label, "1er trimestre 2026");
    let months: Vec<(String, String)> =
        quarter.months.iter().map(|m| (m.label.clone(), m.totals.amount.to_string())).collect();
    assert_eq!(
        months,
        [("janvier 2026", "0.00"), ("février 2026", "0.00"), ("mars 2026", "1500.00")]
            .map(|(m, a)| (m.to_string(), a.to_string()))
    );
    let both = books::receipts(&fx.ledger, period("2026-03-01", "2026-04-30")).unwrap();
    assert_eq!(both.totals.amount, eur("1050.00"));
    // The ledger's default nature decides for invoices and clients that say none.
    let mut fx = fx;
    books::save_default_nature(&mut fx.ledger, Nature::Goods).unwrap();
    let march = books::receipts(&fx.ledger, period("2026-03-01", "2026-03-31")).unwrap();
    assert_eq!((march.totals.goods, march.totals.services), (eur("1500.00"), eur("0.00")));
}

#[test]
fn the_statements_of_account_list_every_entry_and_end_on_the_client_pages_balance() {
    let fx = fixture();
    let workshop = books::statement(&fx.ledger, fx.workshop, day("2026-03-31")).unwrap();
    let entries: Vec<(String, String, String, String, String)> = workshop
        .statement
        .entries
        .iter()
        .map(|e| {
            (e.date.to_string(), e.label.clone(), e.debit.to_string(), e.credit.to_string(), e.balance.to_string())
        })
        .collect();
    let expected = [
        ("2026-02-10", "Facture F1, échéance 12/03/2026", "300.00", "0.00", "300.00"),
        ("2026-02-12", "Facture F2, échéance 14/03/2026", "200.00", "0.00", "500.00"),
        ("2026-02-15", "Facture F3, échéance 17/03/2026", "500.00", "0.00", "1000.00"),
        ("2026-03-01", "Facture F5, échéance 31/03/2026", "250.00", "0.00", "1250.00"),
        ("2026-03-05", "Règlement par espèces (Reçu n° 3)", "0.00", "50.00", "1200.00"),
        ("2026-03-10", "Règlement par virement (VIR ATELIER NORD)", "0.00", "1000.00", "200.00"),
        ("2026-03-15", "Avoir A1", "0.00", "100.00", "100.00"),
        // What A1 and the payments left of F5 is given up, not F5 less its payments (the audit of the books).
        ("2026-03-25", "Abandon de créance, facture F5", "0.00", "100.00", "0.00"),
    ];
    assert_eq!(
        entries,
        expected.map(|(d, l, de, cr, b)| (d.to_string(), l.to_string(), de.to_string(), cr.to_string(), b.to_string()))
    );
    let split: Vec<(String, String)> =
        workshop.statement.entries[5].settled.iter().map(|s| (s.invoice.clone(), s.amount.to_string())).collect();
    assert_eq!(
        split,
        [("F1", "300.00"), ("F2", "200.00"), ("F3", "500.00")].map(|(i, a)| (i.to_string(), a.to_string()))
    );
    // The credit note went to F5 before its write-off: nothing is left in anyone's favour, as the page says.
    let page = clients::client_detail(&fx.ledger, fx.workshop, day("2026-03-31")).unwrap();
    assert_eq!((workshop.statement.balance, page.summary.balance), (eur("0.00"), eur("0.00")));

    let martin = books::statement(&fx.ledger, fx.martin, day("2026-04-30")).unwrap();
    let kinds: Vec<String> = martin.statement.entries.iter().map(|e| format!("{:?} {}", e.kind, e.balance)).collect();
    assert_eq!(kinds, ["Invoice 450.00", "Payment 0.00", "Rejection 450.00"]);
    assert_eq!(martin.statement.entries[2].note, "sans provision");
    assert_eq!(
        martin.statement.balance,
        clients::client_detail(&fx.ledger, fx.martin, day("2026-04-30")).unwrap().summary.balance
    );
    // Before the rejection, the cheque settled the account.
    assert_eq!(books::statement(&fx.ledger, fx.martin, day("2026-03-31")).unwrap().statement.balance, eur("0.00"));

    // The statement as a letter: the kind's own row, its text states the balance and the date, its annex
    // every entry; a consumer's letter claims nothing of the law for professionals.
    let folder = tempfile::tempdir().unwrap();
    let (letter, path) =
        books::export_statement(&fx.ledger, fx.martin, day("2026-04-30"), &ExportTarget::Folder(folder.path().into()))
            .unwrap();
    assert_eq!(letter.facts.kind, LetterKind::AccountStatement);
    assert!(letter.problems.is_empty(), "{:?}", letter.problems);
    assert!(letter.body.contains("450,00\u{a0}€ en ma faveur"), "{}", letter.body);
    assert_eq!(path.file_name().unwrap().to_string_lossy(), "2026-04-30 Relevé de compte - MARTIN - F4.pdf");
    let text = pdf_text(&path);
    for expected in [
        "Relevé de votre compte au 30 avril 2026",
        "Annexe 1 – Relevé de compte au 30 avril 2026",
        "Rejet du règlement par chèque du 12/03/2026",
        "– motif : sans provision",
        "– affecté à F4 : 450,00 €",
        "Solde dû au 30/04/2026",
        "Annexe 2 – Situation des factures au 30 avril 2026",
    ] {
        assert!(text.contains(expected), "{expected} not in\n{text}");
    }
}

#[test]
fn the_accountants_export_holds_invoices_payments_allocations_write_offs_and_claimed_penalties() {
    let fx = fixture();
    let march = books::accountant(&fx.ledger, period("2026-03-01", "2026-03-31")).unwrap();
    let invoices: Vec<(String, String, String, String, &str)> = march
        .invoices
        .iter()
        .map(|i| {
            (i.number.clone(), i.amount.to_string(), i.settled.to_string(), i.remaining.to_string(), i.status_label)
        })
        .collect();
    assert_eq!(
        invoices,
        [
            ("F4", "450.00", "450.00", "0.00", "réglée"),
            // A1, issued before the write-off, covered F5 first: 50 € paid, 100 € credited, 100 € given up.
            ("F5", "250.00", "150.00", "0.00", "abandonnée"),
            ("A1", "-100.00", "-100.00", "0.00", "avoir"),
        ]
        .map(|(n, a, s, r, l)| (n.to_string(), a.to_string(), s.to_string(), r.to_string(), l))
    );
    assert_eq!(march.invoices[0].nature, Nature::Goods, "Mme Martin's default");
    let payments: Vec<(String, String, String, Option<NaiveDate>, String)> = march
        .payments
        .iter()
        .map(|p| {
            (
                p.date.to_string(),
                p.amount.to_string(),
                p.allocated.to_string(),
                p.rejected_on,
                p.rejection_fees.to_string(),
            )
        })
        .collect();
    assert_eq!(
        payments,
        [
            ("2026-03-05", "50.00", "50.00", None, "0.00"),
            ("2026-03-10", "1000.00", "1000.00", None, "0.00"),
            ("2026-03-12", "450.00", "450.00", Some(day("2026-04-02")), "12.00"),
        ]
        .map(|(d, a, al, r, f)| (d.to_string(), a.to_string(), al.to_string(), r, f.to_string()))
    );
    let allocations: Vec<(String, String)> =
        march.allocations.iter().map(|a| (a.invoice.clone(), a.amount.to_string())).collect();
    assert_eq!(
        allocations,
        [("F5", "50.00"), ("F1", "300.00"), ("F2", "200.00"), ("F3", "500.00"), ("F4", "450.00")]
            .map(|(i, a)| (i.to_string(), a.to_string()))
    );
    let write_off = &march.write_offs[..];
    assert_eq!(write_off.len(), 1);
    assert_eq!(
        (
            write_off[0].date,
            write_off[0].invoice.as_str(),
            write_off[0].paid.to_string(),
            write_off[0].credited.to_string(),
            write_off[0].written_off.to_string()
        ),
        (day("2026-03-25"), "F5", "50.00".to_string(), "100.00".to_string(), "100.00".to_string())
    );
    assert!(march.penalties.is_empty());
    // April: the cheque's rejection, and the formal notice's claim as the penalty breakdown of its day
    // says it: 1 000 € late since 4 February at 12,15 % (ECB 2,15 % + 10 points), and 40 €.
    let april = books::accountant(&fx.ledger, period("2026-04-01", "2026-04-30")).unwrap();
    assert_eq!(april.payments.len(), 1);
    assert_eq!(april.penalties.len(), 1);
    let claim = &april.penalties[0];
    assert_eq!(
        (claim.letter, claim.client.as_str(), claim.invoices.clone()),
        ("Mise en demeure", "Garage Sud", vec!["F6".to_string()])
    );
    assert!(claim.recalculated, "recorded sent without being printed: no figures were kept");
    let breakdown = ardoise::desk::penalties::penalties(&fx.ledger, fx.garage, day("2026-04-20")).unwrap().breakdown;
    assert_eq!(
        (claim.principal, claim.interest, claim.indemnity),
        (breakdown.principal, breakdown.interest, breakdown.indemnity)
    );
    // 1 000 × 12,15 % × 75 days (5 February to 20 April) / 365 = 24,97 €.
    assert_eq!(
        [claim.principal, claim.interest, claim.indemnity, claim.total].map(|a| a.to_string()),
        ["1000.00", "24.97", "40.00", "1064.97"]
    );
}

/// A ledger file in `folder` whose sender can print letters, with Garage Sud owing F6 (1 000 €, due
/// 4 February 2026): the ledger, the client and the invoice.
fn garage_owing_f6(folder: &Path) -> (Ledger, i64, i64) {
    let mut ledger = Ledger::open(&folder.join("ledger.sqlite3")).unwrap();
    let address = |street: &str, postcode: &str, town: &str| ardoise::domain::address::PostalAddress {
        street: street.into(),
        postcode: postcode.into(),
        town: town.into(),
        ..Default::default()
    };
    ledger
        .save_profile(&Profile {
            legal_name: "Camille ROUSSEAU EI".into(),
            address: address("12 RUE DES TANNEURS", "69002", "LYON"),
            addressed_as: Some(ardoise::domain::model::AddressedAs::Madame),
            // What printing a letter that asks for a transfer demands of the sender.
            siren_siret: "732829320".into(),
            signature_town: "Lyon".into(),
            iban: "FR7630006000011234567890189".into(),
            ..Profile::default()
        })
        .unwrap();
    let garage = ledger
        .create_client(&ClientFields {
            kind: ClientKind::Professional,
            company_name: "Garage Sud".into(),
            address: address("4 RUE PASTEUR", "42000", "SAINT-ETIENNE"),
            ..ClientFields::default()
        })
        .unwrap();
    let f6 = ledger
        .create_invoice(&InvoiceFields {
            number: "F6".into(),
            client_id: garage,
            issue_date: day("2026-01-05"),
            due_date: Some(day("2026-02-04")),
            amount: eur("1000.00"),
            amount_excl_vat: None,
            object: "Travaux F6".into(),
            penalty_rate: None,
            written_off_on: None,
            payment_terms: None,
            nature: None,
        })
        .unwrap();
    (ledger, garage, f6)
}

/// Garage Sud's formal notice about F6, printed on 20 April 2026 into `folder`'s « exports » and posted
/// by registered mail on the 21st; its id.
fn notice_printed_and_posted(ledger: &mut Ledger, folder: &Path, garage: i64, f6: i64) -> i64 {
    let exports = ExportTarget::Folder(folder.join("exports"));
    let notice =
        ledger.draft_letter(garage, LetterKind::FormalNotice, Dispatch::Registered, day("2026-04-20"), &[f6]).unwrap();
    ardoise::desk::letters::export_letter(ledger, notice, day("2026-04-20"), &exports).unwrap();
    let posted = ardoise::domain::delivery::SendingForm {
        deposit_date: Some(day("2026-04-21")),
        tracking_number: "RR473124829FR".into(),
        level: "R1".into(),
        with_receipt: true,
    };
    ardoise::desk::dispatch::send_letter(ledger, notice, &posted).unwrap();
    notice
}

/// The accountant's export listed the penalties of a letter printed but never sent (an injonction pack
/// left in the batch), with figures the letter never claimed: only the letters recorded as sent claimed
/// anything, dated the day they were sent, with the figures of the day they were printed.
#[test]
fn a_letter_printed_but_never_sent_claims_no_penalty_in_the_accountants_export() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ledger, garage, f6) = garage_owing_f6(folder.path());
    let exports = ExportTarget::Folder(folder.path().join("exports"));
    let notice = notice_printed_and_posted(&mut ledger, folder.path(), garage, f6);
    // Printed on 28 April, never sent.
    let pack =
        ledger.draft_letter(garage, LetterKind::PaymentOrderPack, Dispatch::Simple, day("2026-04-28"), &[f6]).unwrap();
    ardoise::desk::letters::export_letter(&mut ledger, pack, day("2026-04-28"), &exports).unwrap();
    assert_eq!(ledger.letter(pack).unwrap().status, "printed");

    let april = books::accountant(&ledger, period("2026-04-01", "2026-04-30")).unwrap();
    let claims: Vec<(i64, NaiveDate, [String; 4])> = april
        .penalties
        .iter()
        .map(|c| (c.letter_id, c.date, [c.principal, c.interest, c.indemnity, c.total].map(|a| a.to_string())))
        .collect();
    // 1 000 × 12,15 % × 75 days (5 February to 20 April, the day printed) / 365 = 24,97 €.
    assert_eq!(
        claims,
        [(notice, day("2026-04-21"), ["1000.00", "24.97", "40.00", "1064.97"].map(String::from))],
        "the pack printed on 28 April and never sent claimed nothing"
    );
    let file = folder.path().join("compta.zip");
    books::export_accountant(
        &ledger,
        period("2026-04-01", "2026-04-30"),
        AccountantFormat::CsvZip,
        &file,
        day("2026-05-02"),
    )
    .unwrap();
    let listed = run("unzip", &["-p", &file.to_string_lossy(), "penalites.csv"]);
    assert!(listed.contains("21/04/2026;") && listed.contains("Mise en demeure"), "{listed}");
    assert!(!listed.contains("injonction"), "{listed}");
}

/// The transfer of 400 € Garage Sud made on 10 April 2026 for F6, as a bank import records it later.
fn transfer_of_10_april(ledger: &mut Ledger, garage: i64, f6: i64) {
    ledger
        .record_payment(&PaymentFields {
            client_id: garage,
            date: day("2026-04-10"),
            amount: eur("400.00"),
            method: PaymentMethod::Transfer,
            reference: "VIR GARAGE SUD".into(),
            allocations: Some(vec![Allocation { invoice_id: f6, amount: eur("400.00") }]),
        })
        .unwrap();
}

/// The text of the PDF archived as sent for `letter`, read back by Poppler, its spaces made plain.
fn archived_text(ledger: &Ledger, folder: &Path, client: i64, letter: i64) -> String {
    let archived = ledger
        .archive_files(Some(client))
        .unwrap()
        .into_iter()
        .find(|file| file.letter_id == Some(letter) && file.role == ArchiveRole::Letter)
        .unwrap();
    let sent = folder.join(format!("sent {letter}.pdf"));
    std::fs::write(&sent, ardoise::desk::dispatch::read_archived(ledger, &archived).unwrap()).unwrap();
    spaced(&pdf_text(&sent))
}

/// The accountant's export recomputed a sent letter's penalties from the ledger as it is now, as of the
/// day it was printed: a transfer of 400 € dated 10 April, recorded after the formal notice of 20 April
/// had left (a bank import brings it), lowered its claim below what the paper states. The export now
/// states the figures kept with the print, those the archived PDF prints.
#[test]
fn a_payment_recorded_after_the_print_but_dated_before_leaves_the_claim_as_the_pdf_printed_it() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ledger, garage, f6) = garage_owing_f6(folder.path());
    let notice = notice_printed_and_posted(&mut ledger, folder.path(), garage, f6);
    transfer_of_10_april(&mut ledger, garage, f6);
    let today = ardoise::desk::penalties::penalties(&ledger, garage, day("2026-04-20")).unwrap().breakdown;
    assert_eq!(today.principal, eur("600.00"), "the ledger now knows of the transfer");

    let printed = archived_text(&ledger, folder.path(), garage, notice);

    let april = books::accountant(&ledger, period("2026-04-01", "2026-04-30")).unwrap();
    assert_eq!(april.penalties.len(), 1);
    let claim = &april.penalties[0];
    assert_eq!(claim.letter_id, notice);
    assert!(!claim.recalculated);
    // 1 000 × 12,15 % × 75 days (5 February to 20 April) / 365 = 24,97 €, as the letter said it.
    assert_eq!(
        [claim.principal, claim.interest, claim.indemnity, claim.total].map(|a| a.to_string()),
        ["1000.00", "24.97", "40.00", "1064.97"]
    );
    for amount in [claim.principal, claim.interest, claim.indemnity, claim.total] {
        let written = spaced(&format_eur(amount));
        assert!(printed.contains(&written), "{written} is not in the PDF sent:\n{printed}");
    }
    let file = folder.path().join("compta.zip");
    let period = period("2026-04-01", "2026-04-30");
    books::export_accountant(&ledger, period, AccountantFormat::CsvZip, &file, day("2026-05-02")).unwrap();
    let listed = csv_records(run("unzip", &["-p", &file.to_string_lossy(), "penalites.csv"]).as_bytes());
    let heading = listed.iter().position(|row| row.first().map(String::as_str) == Some("Envoyé le")).unwrap();
    assert_eq!(listed[heading].last().map(String::as_str), Some("Montants"));
    assert_eq!(listed[heading + 1].last().map(String::as_str), Some("du PDF imprimé"), "{listed:?}");
}

/// A letter printed twice leaves as printed last: only its last print can be recorded sent, and that
/// kept copy is what the archive keeps, so the figures kept are the reprint's. The formal notice printed
/// on 20 April, the transfer of 10 April recorded, printed again on 22 April and posted on the 23rd
/// claims 600 € and the interest to the 22nd, as its reprint states.
#[test]
fn a_letter_printed_again_claims_what_its_reprint_states() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ledger, garage, f6) = garage_owing_f6(folder.path());
    let exports = ExportTarget::Folder(folder.path().join("exports"));
    let notice =
        ledger.draft_letter(garage, LetterKind::FormalNotice, Dispatch::Registered, day("2026-04-20"), &[f6]).unwrap();
    ardoise::desk::letters::export_letter(&mut ledger, notice, day("2026-04-20"), &exports).unwrap();
    let first = ledger.letter(notice).unwrap().printed_figures.unwrap();
    transfer_of_10_april(&mut ledger, garage, f6);
    ardoise::desk::letters::export_letter(&mut ledger, notice, day("2026-04-22"), &exports).unwrap();
    let reprint = ledger.letter(notice).unwrap().printed_figures.unwrap();
    assert_eq!((first.principal, reprint.principal), (eur("1000.00"), eur("600.00")));
    let posted = ardoise::domain::delivery::SendingForm {
        deposit_date: Some(day("2026-04-23")),
        tracking_number: "RR473124829FR".into(),
        level: "R1".into(),
        with_receipt: true,
    };
    ardoise::desk::dispatch::send_letter(&mut ledger, notice, &posted).unwrap();

    let printed = archived_text(&ledger, folder.path(), garage, notice);
    let april = books::accountant(&ledger, period("2026-04-01", "2026-04-30")).unwrap();
    let claim = &april.penalties[0];
    assert_eq!(
        (claim.date, claim.recalculated, [claim.principal, claim.interest, claim.indemnity, claim.total]),
        (day("2026-04-23"), false, [reprint.principal, reprint.interest, reprint.indemnity, reprint.total])
    );
    for amount in [claim.principal, claim.interest, claim.total] {
        let written = spaced(&format_eur(amount));
        assert!(printed.contains(&written), "{written} is not in the PDF sent:\n{printed}");
    }
}

/// Migration 0014 keeps the figures each print states. A ledger from before it, holding a formal notice
/// printed and sent, opens with the letter as it was and no figures: its claim is recomputed as of the
/// day it was printed and the export says « recalculés »; a letter printed after the upgrade keeps its own.
#[test]
fn a_letter_printed_before_the_figures_were_kept_is_recalculated_and_said_so() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ledger, garage, f6) = garage_owing_f6(folder.path());
    let notice = notice_printed_and_posted(&mut ledger, folder.path(), garage, f6);
    let before = ledger.letter(notice).unwrap();
    assert!(before.printed_figures.is_some());
    let path = ledger.path().unwrap().to_path_buf();
    drop(ledger);
    {
        let old = rusqlite::Connection::open(&path).unwrap();
        for column in ["principal", "interest", "indemnity", "total"] {
            old.execute_batch(&format!("ALTER TABLE letters DROP COLUMN printed_{column}_cents")).unwrap();
        }
        // Nor had it the column 0018 added to the bank lines.
        old.execute_batch("ALTER TABLE bank_lines DROP COLUMN charges_cents").unwrap();
        // Schema 13: the last migration before 0014, which added those columns.
        old.pragma_update(None, "user_version", 13).unwrap();
    }

    let mut ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), ardoise::ledger::SCHEMA_VERSION);
    let upgraded = ledger.letter(notice).unwrap();
    assert_eq!(upgraded.printed_figures, None);
    assert_eq!(ardoise::desk::letters::LetterRow { printed_figures: before.printed_figures, ..upgraded }, before);
    let april = books::accountant(&ledger, period("2026-04-01", "2026-04-30")).unwrap();
    let claims: Vec<(i64, bool, [String; 4])> = april
        .penalties
        .iter()
        .map(|c| (c.letter_id, c.recalculated, [c.principal, c.interest, c.indemnity, c.total].map(|a| a.to_string())))
        .collect();
    assert_eq!(claims, [(notice, true, ["1000.00", "24.97", "40.00", "1064.97"].map(String::from))]);
    let file = folder.path().join("compta.zip");
    let period = period("2026-04-01", "2026-04-30");
    books::export_accountant(&ledger, period, AccountantFormat::CsvZip, &file, day("2026-05-02")).unwrap();
    let listed = run("unzip", &["-p", &file.to_string_lossy(), "penalites.csv"]);
    assert!(listed.contains(";recalculés"), "{listed}");

    // Printed since, alone or in a batch (one file, or a file per letter), a letter keeps its figures.
    let exports = folder.path().join("exports");
    for (index, single) in [None, Some(true), Some(false)].into_iter().enumerate() {
        let printed_on = day("2026-05-04") + chrono::Days::new(index as u64);
        let letter =
            ledger.draft_letter(garage, LetterKind::FormalNotice, Dispatch::Registered, printed_on, &[f6]).unwrap();
        match single {
            None => {
                let target = ExportTarget::Folder(exports.clone());
                ardoise::desk::letters::export_letter(&mut ledger, letter, printed_on, &target).unwrap();
            }
            Some(single) => {
                ardoise::desk::letters::export_batch(&mut ledger, printed_on, &exports, single, false, |_, _| {})
                    .unwrap();
            }
        }
        let kept = ledger.letter(letter).unwrap().printed_figures.expect("figures kept with the print");
        let today = ardoise::desk::penalties::penalties(&ledger, garage, printed_on).unwrap().breakdown;
        assert_eq!(
            [kept.principal, kept.interest, kept.indemnity, kept.total],
            [today.principal, today.interest, today.indemnity, today.total].map(ardoise::domain::money::cents),
            "{single:?}"
        );
    }
}

/// The ledger's JSON export carries the figures kept with each print and loads them back; an export made
/// before they were kept (schema 13, without those columns) loads, its letters without figures.
#[test]
fn the_figures_kept_with_a_print_go_through_the_ledgers_export_and_load() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ledger, garage, f6) = garage_owing_f6(folder.path());
    let notice = notice_printed_and_posted(&mut ledger, folder.path(), garage, f6);
    let export = ledger.export().unwrap();
    let row = export.tables["letters"].iter().find(|row| row["id"] == serde_json::json!(notice)).unwrap();
    let columns = ["principal", "interest", "indemnity", "total"].map(|name| format!("printed_{name}_cents"));
    let cents: Vec<&serde_json::Value> = columns.iter().map(|column| &row[column]).collect();
    assert_eq!(cents, [100000, 2497, 4000, 106497].map(serde_json::Value::from).iter().collect::<Vec<_>>());

    let mut copy = Ledger::open_in_memory().unwrap();
    copy.load(&export).unwrap();
    assert_eq!(copy.letter(notice).unwrap().printed_figures, ledger.letter(notice).unwrap().printed_figures);
    assert_eq!(copy.export().unwrap(), export);

    let mut older = export.clone();
    older.schema_version = 13;
    for row in older.tables.get_mut("letters").unwrap() {
        for column in &columns {
            row.remove(column);
        }
    }
    let mut loaded = Ledger::open_in_memory().unwrap();
    loaded.load(&older).unwrap();
    assert_eq!(loaded.letter(notice).unwrap().printed_figures, None);
    let claim = &books::accountant(&loaded, period("2026-04-01", "2026-04-30")).unwrap().penalties[0];
    assert!(claim.recalculated);
}

/// The book's XLSX read back with calamine: every line's date, invoices, client, nature and amounts, the
/// monthly totals; the accountant's workbook has its five sheets with the export's figures.
#[test]
fn the_workbooks_read_back_with_calamine_give_the_books_figures() {
    let fx = fixture();
    let folder = tempfile::tempdir().unwrap();
    let spring = period("2026-03-01", "2026-04-30");
    let file = folder.path().join(books::receipts_file_name(spring, BookFormat::Xlsx));
    assert_eq!(
        file.file_name().unwrap().to_string_lossy(),
        "Livre des recettes - du 1er mars 2026 au 30 avril 2026.xlsx"
    );
    let book = books::export_receipts(&fx.ledger, spring, BookFormat::Xlsx, &file, day("2026-05-02")).unwrap();
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&file).unwrap();
    assert_eq!(workbook.sheet_names(), ["Livre des recettes", "Totaux par mois"]);
    let sheet = workbook.worksheet_range("Livre des recettes").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Camille ROUSSEAU EI".into()));
    assert_eq!(rows[1][0], Data::String("Période : du 1er mars 2026 au 30 avril 2026".into()));
    assert_eq!(rows[2][0], Data::String("Imprimé le 2 mai 2026".into()));
    let header_row = rows.iter().position(|row| row[0] == Data::String("Date".into())).unwrap();
    for (line, row) in book.lines.iter().zip(&rows[header_row + 1..]) {
        assert_eq!(date_of(&row[0]), line.date);
        assert_eq!(row[1], Data::String(line.invoices.join(", ")));
        assert_eq!(row[2], Data::String(line.client.clone()));
        assert_eq!(row[3], Data::String(line.nature_label.into()));
        assert_eq!(row[4], Data::String(line.method_label.into()));
        assert_eq!(amount_of(&row[6]), line.amount);
        assert_eq!(amount_of(&row[if line.cash { 7 } else { 8 }]), line.amount);
        assert_eq!(row[if line.cash { 8 } else { 7 }], Data::Empty);
        assert_eq!((amount_of(&row[9]), amount_of(&row[10])), (line.goods, line.services));
    }
    let period_total = rows.iter().find(|row| row[0] == Data::String(format!("Total {}", book.label))).unwrap();
    assert_eq!(
        [6, 7, 8, 9, 10].map(|column| amount_of(&period_total[column])),
        [book.totals.amount, book.totals.cash, book.totals.other_means, book.totals.goods, book.totals.services]
    );
    let months = workbook.worksheet_range("Totaux par mois").unwrap();
    let month_rows: Vec<&[Data]> = months.rows().skip(1).collect();
    assert_eq!(month_rows.len(), 3);
    assert_eq!(month_rows[0][0], Data::String("Mars 2026".into()));
    assert_eq!(amount_of(&month_rows[0][5]), eur("1500.00"));
    assert_eq!(amount_of(&month_rows[1][5]), eur("-450.00"));
    assert_eq!(amount_of(&month_rows[2][5]), eur("1050.00"));

    let export_file = folder.path().join(books::accountant_file_name(spring, AccountantFormat::Xlsx));
    let export =
        books::export_accountant(&fx.ledger, spring, AccountantFormat::Xlsx, &export_file, day("2026-05-02")).unwrap();
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&export_file).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Factures", "Règlements", "Affectations", "Abandons de créances", "Pénalités réclamées"]
    );
    let column_sum = |workbook: &mut calamine::Xlsx<_>, sheet: &str, column: usize| -> (usize, Decimal) {
        let range = workbook.worksheet_range(sheet).unwrap();
        let rows: Vec<&[Data]> = range.rows().skip(1).collect();
        (rows.len(), rows.iter().map(|row| amount_of(&row[column])).sum())
    };
    assert_eq!(column_sum(&mut workbook, "Factures", 7), (3, export.invoices.iter().map(|i| i.amount).sum()));
    assert_eq!(column_sum(&mut workbook, "Règlements", 3), (3, eur("1500.00")));
    assert_eq!(column_sum(&mut workbook, "Affectations", 5), (5, eur("1500.00")));
    assert_eq!(column_sum(&mut workbook, "Abandons de créances", 9), (1, eur("100.00")));
    assert_eq!(column_sum(&mut workbook, "Pénalités réclamées", 8), (1, eur("1064.97")));
    let invoices = workbook.worksheet_range("Factures").unwrap();
    let first: Vec<&[Data]> = invoices.rows().take(2).collect();
    assert_eq!(first[0][0], Data::String("N° facture".into()));
    assert_eq!((first[1][0].clone(), date_of(&first[1][1])), (Data::String("F4".into()), day("2026-03-01")));
}

/// The CSV files as a French spreadsheet opens them: UTF-8 with a BOM, `;`, decimal commas, and a
/// client whose name a spreadsheet would run as a formula kept as text.
#[test]
fn the_csv_files_are_for_french_spreadsheets_and_formula_safe() {
    let mut fx = fixture();
    let trap = fx
        .ledger
        .create_client(&ClientFields {
            kind: ClientKind::Professional,
            company_name: "=HYPERLINK(\"http://x.example\";\"clic\")".into(),
            ..ClientFields::default()
        })
        .unwrap();
    fx.ledger
        .record_payment(&PaymentFields {
            client_id: trap,
            date: day("2026-03-20"),
            amount: eur("1234.50"),
            method: PaymentMethod::Card,
            reference: "+33 paiement".into(),
            allocations: None,
        })
        .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("livre.csv");
    let book = books::export_receipts(
        &fx.ledger,
        period("2026-03-01", "2026-03-31"),
        BookFormat::Csv,
        &file,
        day("2026-04-01"),
    )
    .unwrap();
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM");
    let records = csv_records(&bytes[3..]);
    assert_eq!(records[0][0], "Date");
    assert_eq!(records.len(), 1 + book.lines.len() + 1 + book.months.len() + 1);
    let trap_row = records.iter().find(|row| row[0] == "20/03/2026").unwrap();
    assert_eq!(trap_row[2], "'=HYPERLINK(\"http://x.example\";\"clic\")");
    assert_eq!(trap_row[5], "'+33 paiement");
    assert_eq!((trap_row[6].as_str(), trap_row[8].as_str()), ("1234,50", "1234,50"));
    let total = records.last().unwrap();
    assert_eq!((total[0].as_str(), total[6].as_str(), total[7].as_str()), ("Total mars 2026", "2734,50", "50,00"));

    let zip_file = folder.path().join("compta.zip");
    books::export_accountant(
        &fx.ledger,
        period("2026-03-01", "2026-03-31"),
        AccountantFormat::CsvZip,
        &zip_file,
        day("2026-04-01"),
    )
    .unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_file).unwrap()).unwrap();
    let names: Vec<String> =
        (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect();
    assert_eq!(names, ["factures.csv", "reglements.csv", "affectations.csv", "abandons.csv", "penalites.csv"]);
    let mut payments = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name("reglements.csv").unwrap(), &mut payments).unwrap();
    assert!(payments.starts_with(&[0xEF, 0xBB, 0xBF]));
    let rows = csv_records(&payments[3..]);
    assert_eq!(rows.len(), 5, "the heading and four payments");
    assert!(rows.iter().any(|row| row[2] == "'=HYPERLINK(\"http://x.example\";\"clic\")" && row[3] == "1234,50"));
    // The same export gives the same bytes: the archive is dated by the day given, not by the clock.
    let again = folder.path().join("compta-2.zip");
    books::export_accountant(
        &fx.ledger,
        period("2026-03-01", "2026-03-31"),
        AccountantFormat::CsvZip,
        &again,
        day("2026-04-01"),
    )
    .unwrap();
    assert_eq!(std::fs::read(&zip_file).unwrap(), std::fs::read(&again).unwrap());
}

/// The book's PDF checked with Poppler: A4, the standard Helvetica faces (not embedded), every line of a
/// year's book on its pages, each page numbered and footed with the trader and the period.
#[test]
fn the_pdf_is_a4_in_standard_fonts_with_every_line_on_numbered_pages() {
    let ledger = demo_ledger();
    let folder = tempfile::tempdir().unwrap();
    let year = period("2026-01-01", "2026-12-31");
    let file = folder.path().join(books::receipts_file_name(year, BookFormat::Pdf));
    let book = books::export_receipts(&ledger, year, BookFormat::Pdf, &file, day("2026-11-22")).unwrap();
    assert!(book.lines.len() > 60, "a book of several pages: {} lines", book.lines.len());
    let info = run("pdfinfo", &[file.to_str().unwrap()]);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(pages >= 2, "{pages} pages");
    let fonts = run("pdffonts", &[file.to_str().unwrap()]);
    let faces: Vec<&str> = fonts.lines().skip(2).map(|line| line.split_whitespace().next().unwrap()).collect();
    assert_eq!(faces, ["Helvetica", "Helvetica-Bold"]);
    assert!(fonts.lines().skip(2).all(|line| line.contains(" no  no ")), "standard fonts, not embedded:\n{fonts}");
    let text = pdf_text(&file);
    let layout = run("pdftotext", &["-layout", file.to_str().unwrap(), "-"]);
    for line in &book.lines {
        let date = line.date.format("%d/%m/%Y").to_string();
        let amount = ardoise::desk::format::format_eur_ascii(line.amount);
        let client: String = line.client.chars().take(12).collect();
        assert!(
            layout.lines().any(|row| row.contains(&date) && row.contains(&amount) && row.contains(&client)),
            "no row with {date}, {client} and {amount}"
        );
    }
    for page in 1..=pages {
        assert!(text.contains(&format!("{page}/{pages}")), "page {page}/{pages} unnumbered");
    }
    assert_eq!(text.matches("Claire DUMONT EI – Livre des recettes, année 2026").count(), pages, "a footer per page");
    for expected in [
        "SIREN/SIRET",
        "Période : année 2026, du 1er janvier 2026 au 31 décembre 2026",
        "Imprimé le 22 novembre 2026",
        "Totaux par mois",
        "Total de la période",
    ] {
        assert!(text.contains(expected), "{expected}");
    }
    let total = ardoise::desk::format::format_eur_ascii(book.totals.amount);
    assert!(layout.lines().any(|row| row.contains("Total de la période") && row.contains(&total)), "{total}");
}

/// An empty period is an empty book with its headings, in every format, never an error.
#[test]
fn an_empty_period_gives_an_empty_book_with_its_headings() {
    let fx = fixture();
    let folder = tempfile::tempdir().unwrap();
    let empty = period("2024-07-01", "2024-09-30");
    let book = books::receipts(&fx.ledger, empty).unwrap();
    assert!(book.lines.is_empty());
    assert_eq!(book.months.len(), 3);
    assert_eq!(book.totals.amount.to_string(), "0.00");
    for format in [BookFormat::Pdf, BookFormat::Csv, BookFormat::Xlsx] {
        let file = folder.path().join(books::receipts_file_name(empty, format));
        books::export_receipts(&fx.ledger, empty, format, &file, day("2026-05-02")).unwrap();
        assert!(std::fs::metadata(&file).unwrap().len() > 0);
    }
    let text = pdf_text(&folder.path().join("Livre des recettes - 3e trimestre 2024.pdf"));
    for expected in [
        "Aucune recette",
        "Date",
        "Factures",
        "Client",
        "Espèces",
        "Autres moyens",
        "Juillet 2024",
        "Total de la période",
    ] {
        assert!(text.contains(expected), "{expected} not in\n{text}");
    }
    let csv = std::fs::read(folder.path().join("Livre des recettes - 3e trimestre 2024.csv")).unwrap();
    let records = csv_records(&csv[3..]);
    assert_eq!(records[0][0], "Date");
    assert_eq!(records.last().unwrap()[6], "0,00");
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(folder.path().join("Livre des recettes - 3e trimestre 2024.xlsx")).unwrap();
    let sheet = workbook.worksheet_range("Livre des recettes").unwrap();
    assert!(sheet.rows().any(|row| row[0] == Data::String("Date".into())));
    for format in [AccountantFormat::Xlsx, AccountantFormat::CsvZip] {
        let file = folder.path().join(books::accountant_file_name(empty, format));
        let export = books::export_accountant(&fx.ledger, empty, format, &file, day("2026-05-02")).unwrap();
        assert!(export.invoices.is_empty() && export.payments.is_empty() && export.penalties.is_empty());
    }
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(folder.path().join("Export comptable - 3e trimestre 2024.xlsx")).unwrap();
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).unwrap();
        assert_eq!(range.rows().count(), 1, "{sheet}: its headings alone");
    }
}

/// A backwards period is refused in French at the field that is wrong.
#[test]
fn a_period_that_runs_backwards_is_refused() {
    let error = books::period(day("2026-05-01"), day("2026-04-01")).unwrap_err();
    assert_eq!(error.kind(), "invalid");
    let fields = error.field_errors().unwrap();
    assert_eq!(fields.0[0].field, "to");
    assert!(fields.0[0].message.contains("précède son début"), "{error}");
    let typed = ardoise::desk::forms::PeriodText {
        choice: books::PeriodChoice::Custom,
        from: "1er mai 2026".into(),
        to: "31/02/2026".into(),
    };
    let refused = typed.read(day("2026-06-01")).unwrap_err().to_string();
    assert!(refused.contains("31/02/2026") || refused.contains("n'existe pas"), "{refused}");
    let last_month = ardoise::desk::forms::PeriodText::default().read(day("2026-06-01")).unwrap();
    assert_eq!((last_month.from, last_month.to), (day("2026-05-01"), day("2026-05-31")));
}

/// Natures come from a spreadsheet's « Nature » column (a word that is no nature is left out with a
/// warning, never refusing the invoice), are updated and undone with the import, and come from an
/// e-invoice's billing frame (BT-23).
#[test]
fn natures_come_from_an_import_column_and_an_e_invoices_billing_frame() {
    use ardoise::desk::import::{import_file, undo_last_import, ImportRequest};
    let mut ledger = Ledger::open_in_memory().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/books");
    let import = |ledger: &mut Ledger, name: &str| {
        let bytes = std::fs::read(data.join(name)).unwrap();
        let request = ImportRequest {
            file_name: name,
            bytes: &bytes,
            sheet: None,
            mapping: None,
            today: day("2026-03-31"),
            expected_sha256: None,
        };
        import_file(ledger, &request, false, &mut |_| {}).unwrap().0
    };
    let plan = import(&mut ledger, "factures-nature.csv");
    assert_eq!((plan.new, plan.rejected_rows), (4, 0));
    assert_eq!(plan.warnings.len(), 1);
    assert!(plan.warnings[0].message.contains("« Location »"), "{}", plan.warnings[0].message);
    assert_eq!(plan.warnings[0].row, 5);
    let nature = |ledger: &Ledger, number: &str| ledger.invoice_by_number(number).unwrap().unwrap().invoice.nature;
    assert_eq!(
        ["NB-001", "NB-002", "NB-003", "NB-004"].map(|number| nature(&ledger, number)),
        [Some(Nature::Goods), Some(Nature::Services), None, None]
    );
    let update = import(&mut ledger, "factures-nature-v2.csv");
    assert_eq!((update.new, update.updated), (0, 1));
    let changed = update.rows.iter().find(|row| row.number == "NB-003").unwrap();
    assert_eq!(changed.changes[0].after, "marchandises");
    assert_eq!(nature(&ledger, "NB-003"), Some(Nature::Goods));
    undo_last_import(&mut ledger).unwrap();
    assert_eq!(nature(&ledger, "NB-003"), None, "the undo gives the blank nature back");
    assert_eq!(nature(&ledger, "NB-001"), Some(Nature::Goods), "what the undone import did not change stays");

    let read = |file: &Path| {
        ardoise::import::einvoice::read(&file.file_name().unwrap().to_string_lossy(), &std::fs::read(file).unwrap())
            .unwrap()
    };
    let goods = read(&data.join("cii-cadre-biens.xml"));
    assert_eq!((goods.business_process.as_str(), goods.nature), ("B1", Some(Nature::Goods)));
    assert_eq!(read(&data.join("cii-cadre-mixte.xml")).nature, None, "a mixed frame says neither");
    let peppol = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/einvoice/valid/cii-facture.xml"));
    assert_eq!((peppol.business_process.as_str(), peppol.nature), ("A1", None));
}

/// The commands as a user runs them: `receipts --json` keeps the issue's keys, files of every format are
/// written, `statement` and `accountant` give the desk's figures, and mistakes are said in French.
#[test]
fn the_commands_keep_their_contract() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    assert!(ardoise(&db, &["demo", "--date", "2026-11-22"]).status.success());
    let output = ardoise(&db, &["receipts", "--from", "2026-10-01", "--to", "2026-10-31", "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for line in json["lines"].as_array().unwrap() {
        for key in ["date", "invoices", "client", "nature", "amount", "method"] {
            assert!(!line[key].is_null(), "{key} missing in {line}");
        }
        assert!(line["amount"].as_str().unwrap().parse::<Decimal>().is_ok());
        assert!(line["invoices"].is_array());
    }
    assert_eq!(json["totals"]["amount"], "7342.40");
    assert_eq!(json["totals"]["cash"], "240.00");
    let ledger = Ledger::open(&db).unwrap();
    let expected = books::receipts(&ledger, period("2026-10-01", "2026-10-31")).unwrap();
    assert_eq!(json, serde_json::to_value(&expected).unwrap());
    let roussel = clients::client_list(&ledger, day("2026-11-22"))
        .unwrap()
        .into_iter()
        .find(|c| c.name == "M. Julien ROUSSEL")
        .unwrap();
    drop(ledger);

    for (flag, file) in [("--pdf", "livre.pdf"), ("--csv", "livre.csv"), ("--xlsx", "livre.xlsx")] {
        let path = folder.path().join(file);
        let said =
            ardoise(&db, &["receipts", "--from", "01/10/2026", "--to", "31/10/2026", flag, path.to_str().unwrap()]);
        assert!(said.status.success(), "{}", String::from_utf8_lossy(&said.stderr));
        assert!(String::from_utf8_lossy(&said.stdout).contains("11 ligne(s), 7 342,40 € encaissés"));
        assert!(path.exists());
    }
    let text =
        String::from_utf8(ardoise(&db, &["receipts", "--from", "2026-10-01", "--to", "2026-10-31"]).stdout).unwrap();
    assert!(text.contains("rejet du règlement du 23/10/2026") && text.contains("espèces 240,00 €"), "{text}");

    let client = roussel.id.to_string();
    let statement = ardoise(&db, &["statement", "--client", &client, "--date", "2026-11-22", "--json"]);
    let statement: serde_json::Value = serde_json::from_slice(&statement.stdout).unwrap();
    assert_eq!(statement["balance"], roussel.balance.to_string());
    assert_eq!(statement["name"], "M. Julien ROUSSEL");
    let pdf = folder.path().join("releve.pdf");
    let said =
        ardoise(&db, &["statement", "--client", &client, "--date", "2026-11-22", "--out", pdf.to_str().unwrap()]);
    assert!(said.status.success(), "{}", String::from_utf8_lossy(&said.stderr));
    assert!(pdf_text(&pdf).contains("Relevé de votre compte au 22 novembre 2026"));

    for (flag, file) in [("--xlsx", "compta.xlsx"), ("--csv", "compta.zip")] {
        let path = folder.path().join(file);
        let said =
            ardoise(&db, &["accountant", "--from", "2026-01-01", "--to", "2026-11-22", flag, path.to_str().unwrap()]);
        assert!(said.status.success(), "{}", String::from_utf8_lossy(&said.stderr));
        assert!(
            String::from_utf8_lossy(&said.stdout).contains("Export comptable"),
            "{}",
            String::from_utf8_lossy(&said.stdout)
        );
        assert!(path.exists());
    }

    let backwards = ardoise(&db, &["receipts", "--from", "2026-10-31", "--to", "2026-10-01"]);
    assert_eq!(backwards.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("précède son début"));
    let two =
        ardoise(&db, &["receipts", "--from", "2026-10-01", "--to", "2026-10-31", "--csv", "a.csv", "--pdf", "a.pdf"]);
    assert_eq!(two.status.code(), Some(2), "one output at a time");
}

/// The command line's JSON wrote amounts unalike: a consumer's `"indemnity": "0"` beside `"0.00"`, a
/// plan's tracking `"paid": "0"`, a client's `"balance": "0"`. Every amount has two decimals.
#[test]
fn every_amount_in_the_command_lines_json_has_two_decimals() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let run = |arguments: &[&str]| {
        let output = ardoise(&db, arguments);
        assert!(output.status.success(), "{arguments:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    run(&["demo", "--date", "2026-11-22"]);
    // M. David PERRIN, a consumer: no indemnity; a plan signed, nothing paid on it yet.
    run(&["plan", "draft", "--client", "25", "--date", "2026-11-22"]);
    run(&["plan", "export", "1", "--date", "2026-11-22", "--out", folder.path().join("plan.pdf").to_str().unwrap()]);
    run(&["plan", "sign", "1", "--date", "2026-11-25"]);
    const AMOUNTS: [&str; 18] = [
        "amount",
        "total_owed",
        "total_overdue",
        "cash",
        "other_means",
        "unspecified",
        "goods",
        "services",
        "principal",
        "interest",
        "indemnity",
        "total",
        "paid",
        "remaining",
        "overdue",
        "balance",
        "credited",
        "settled",
    ];
    fn check(value: &serde_json::Value, path: &str, command: &str, seen: &mut usize) {
        match value {
            serde_json::Value::Object(fields) => {
                for (key, field) in fields {
                    if let (true, serde_json::Value::String(text)) = (AMOUNTS.contains(&key.as_str()), field) {
                        let (_, decimals) = text.split_once('.').unwrap_or((text, ""));
                        assert_eq!(decimals.len(), 2, "{command}: {path}.{key} = \"{text}\"");
                        *seen += 1;
                    }
                    check(field, &format!("{path}.{key}"), command, seen);
                }
            }
            serde_json::Value::Array(items) => {
                items.iter().for_each(|item| check(item, &format!("{path}[]"), command, seen))
            }
            _ => {}
        }
    }
    for command in [
        "penalties --client 25 --date 2026-11-22 --json",
        "penalties --client 5 --date 2026-11-22 --json",
        "plan list --json",
        "clients --date 2026-11-22 --json",
        "invoices --date 2026-11-22 --json",
        "statement --client 25 --date 2026-11-22 --json",
        "accountant --from 2026-01-01 --to 2026-11-30 --json",
        "receipts --from 2026-10-01 --to 2026-10-31 --json",
        "summary --date 2026-11-22 --json",
        // Before the first invoice: every figure is nothing, and still written to the cent.
        "summary --date 2020-01-01 --json",
    ] {
        let json: serde_json::Value = serde_json::from_str(&run(&command.split(' ').collect::<Vec<_>>())).unwrap();
        let mut seen = 0;
        check(&json, "", command, &mut seen);
        assert!(seen > 0, "{command}: no amount found");
    }
}

fn ardoise(db: &Path, arguments: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().expect("ardoise runs")
}

fn run(program: &str, arguments: &[&str]) -> String {
    let output = Command::new(program)
        .args(arguments)
        .output()
        .unwrap_or_else(|error| panic!("{program} (installed by scripts/setup): {error}"));
    assert!(output.status.success(), "{program}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The text Poppler reads in a PDF.
fn pdf_text(path: &Path) -> String {
    run("pdftotext", &[path.to_str().unwrap(), "-"])
}

/// A text with every run of spaces (no-break ones included) as one plain space, as Poppler may give them.
fn spaced(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A date cell as a date (only real date cells: calamine would read a number as a date too).
fn date_of(cell: &Data) -> NaiveDate {
    match cell {
        Data::DateTime(value) => value.as_datetime().unwrap().date(),
        other => panic!("not a date cell: {other:?}"),
    }
}

/// A number cell as an amount to the cent.
fn amount_of(cell: &Data) -> Decimal {
    match cell {
        Data::Float(value) => Decimal::try_from(*value).unwrap().round_dp(2),
        Data::Int(value) => Decimal::from(*value),
        other => panic!("not an amount cell: {other:?}"),
    }
}
