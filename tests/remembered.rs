//! The figures the desk remembers between two screens (dashboard and its prescription watch, client list,
//! invoice list, proposals) are never stale: after every kind of change — a form, a payment, a rejection,
//! a write-off, a deletion, a dispute, a decision on a proposal, an import and its undoing, a restore,
//! another program writing to the file; a bank statement confirmed and undone, an invoice's own terms and
//! nature, its document attached and removed, a letter drafted and cancelled, a letter sent by e-mail, a
//! claim filed, the residual tolerance — and for another date, what the desk answers is what it computes from scratch.

use ardoise::desk::{
    bank, clients, dashboard, events, import, invoices, ledger_file, letters, payments, plans, proposals, settings,
};
use ardoise::domain::address::PostalAddress;
use ardoise::domain::model::{
    ClientFields, ClientKind, EventFields, EventKind, InvoiceFields, InvoiceRow, Nature, PaymentFields, PaymentMethod,
    Rejection,
};
use ardoise::domain::terms::PaymentTerms;
use ardoise::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn eur(text: &str) -> Decimal {
    text.parse().unwrap()
}

const TODAY: &str = "2026-11-22";

/// Everything the remembered screens show on `as_of`, as the desk answers it.
#[derive(Debug, PartialEq)]
struct Screens {
    dashboard: dashboard::Dashboard,
    clients: Vec<clients::ClientSummary>,
    invoices: Vec<ardoise::domain::figures::InvoiceLine>,
    proposals: Vec<proposals::Proposal>,
    prescriptions: Vec<dashboard::PrescriptionWatch>,
    cash: Vec<plans::MonthCash>,
}

fn screens(ledger: &Ledger, as_of: NaiveDate) -> Screens {
    Screens {
        dashboard: dashboard::dashboard(ledger, as_of).unwrap(),
        clients: clients::client_list(ledger, as_of).unwrap(),
        invoices: invoices::invoice_list(ledger, None, as_of).unwrap(),
        proposals: proposals::proposals(ledger, as_of).unwrap(),
        prescriptions: dashboard::prescription_watch(ledger, as_of).unwrap(),
        cash: plans::expected_cash(ledger, as_of).unwrap(),
    }
}

/// Asks every screen (remembering it), applies `change`, then checks that the screens answered now are the
/// ones computed from scratch, and that the change did show on them.
fn after(ledger: &mut Ledger, what: &str, change: impl FnOnce(&mut Ledger)) {
    let today = date(TODAY);
    let before = screens(ledger, today);
    // Asked twice: the second answer comes from memory.
    assert_eq!(screens(ledger, today), before, "{what}: remembered screens differ from the first answer");
    change(ledger);
    let answered = screens(ledger, today);
    ledger.forget_remembered();
    let computed = screens(ledger, today);
    assert_eq!(answered, computed, "{what}: a screen was answered from stale figures");
    assert_ne!(answered, before, "{what}: the change should show on a screen");
}

fn client(name: &str) -> ClientFields {
    ClientFields {
        kind: ClientKind::Professional,
        company_name: name.into(),
        address: PostalAddress {
            street: "12 RUE DES TANNEURS".into(),
            postcode: "69002".into(),
            town: "LYON".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn invoice(client_id: i64, number: &str, issue: &str, due: &str, amount: &str) -> InvoiceFields {
    InvoiceFields {
        number: number.into(),
        client_id,
        issue_date: date(issue),
        due_date: Some(date(due)),
        payment_terms: None,
        amount: eur(amount),
        amount_excl_vat: None,
        object: "Logo et charte graphique".into(),
        penalty_rate: None,
        written_off_on: None,
        nature: None,
    }
}

fn payment(client_id: i64, on: &str, amount: &str) -> PaymentFields {
    PaymentFields {
        client_id,
        date: date(on),
        amount: eur(amount),
        method: PaymentMethod::Cheque,
        reference: "CHQ 1204".into(),
        allocations: None,
    }
}

#[test]
fn every_kind_of_change_invalidates_the_remembered_figures() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    let mut ledger = Ledger::open(&path).unwrap();
    let martin = clients::save_client(&mut ledger, None, &client("Boulangerie Martin SARL")).unwrap();
    invoices::save_invoice(&mut ledger, None, &invoice(martin, "FG26-001", "2026-09-02", "2026-10-02", "1500.00"))
        .unwrap();
    let backup = ledger_file::back_up(&ledger, date(TODAY).and_hms_opt(9, 0, 0).unwrap()).unwrap();

    after(&mut ledger, "a new client", |ledger| {
        clients::save_client(ledger, None, &client("Garage du Centre")).unwrap();
    });
    after(&mut ledger, "a client renamed", |ledger| {
        clients::save_client(ledger, Some(martin), &client("Boulangerie Martin & Fils")).unwrap();
    });
    let mut second = invoice(martin, "FG26-002", "2026-09-09", "2026-10-09", "420.00");
    let second_id = {
        let mut id = 0;
        after(&mut ledger, "a new invoice", |ledger| {
            id = invoices::save_invoice(ledger, None, &second).unwrap();
        });
        id
    };
    after(&mut ledger, "an invoice's amount changed", |ledger| {
        second.amount = eur("480.00");
        invoices::save_invoice(ledger, Some(second_id), &second).unwrap();
    });
    let mut payment_id = 0;
    after(&mut ledger, "a payment", |ledger| {
        payment_id = payments::record_payment(ledger, &payment(martin, "2026-11-02", "500.00")).unwrap();
    });
    after(&mut ledger, "a payment rejected", |ledger| {
        let rejection = Rejection { date: date("2026-11-05"), fees: eur("15.00"), reason: "sans provision".into() };
        payments::reject_payment(ledger, payment_id, &rejection).unwrap();
    });
    after(&mut ledger, "a dispute", |ledger| {
        let dispute = EventFields {
            client_id: martin,
            kind: EventKind::Dispute,
            date: date("2026-11-10"),
            text: "Conteste la livraison".into(),
            amount: None,
            until: None,
            invoice_id: Some(second_id),
        };
        events::add_event(ledger, &dispute).unwrap();
    });
    after(&mut ledger, "an invoice written off", |ledger| {
        second.written_off_on = Some(date("2026-11-15"));
        invoices::save_invoice(ledger, Some(second_id), &second).unwrap();
    });
    let third = invoice(martin, "FG26-009", "2026-11-01", "2026-11-10", "90.00");
    let third_id = invoices::save_invoice(&mut ledger, None, &third).unwrap();
    after(&mut ledger, "an invoice deleted", |ledger| {
        invoices::delete_invoice(ledger, third_id).unwrap();
    });
    after(&mut ledger, "a proposal snoozed", |ledger| {
        let snooze = proposals::ProposalAction::Snooze { until: date("2026-12-01") };
        proposals::decide_proposal(ledger, martin, date(TODAY), snooze).unwrap();
    });
    let options = plans::PlanOptions { count: Some(3), ..Default::default() };
    let drafted = plans::draft(&mut ledger, martin, date(TODAY), &options).unwrap();
    after(&mut ledger, "a plan signed", |ledger| {
        plans::sign(ledger, drafted.id, date(TODAY)).unwrap();
    });
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/factures-utf8.csv");
    let bytes = std::fs::read(&file).unwrap();
    after(&mut ledger, "an import", |ledger| {
        let request = import::ImportRequest {
            file_name: "factures-utf8.csv",
            bytes: &bytes,
            sheet: None,
            mapping: None,
            today: date(TODAY),
            expected_sha256: None,
        };
        import::import_file(ledger, &request, false, &mut |_| {}).unwrap();
    });
    after(&mut ledger, "an import undone", |ledger| {
        import::undo_last_import(ledger).unwrap();
    });
    after(&mut ledger, "another program writing to the file", |_| {
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute("UPDATE invoices SET amount_cents = amount_cents + 100 WHERE number = 'FG26-001'", []).unwrap();
    });
    after(&mut ledger, "a backup restored", |ledger| {
        let name = backup.file_name().unwrap().to_string_lossy().into_owned();
        ledger_file::restore(ledger, &name, date(TODAY).and_hms_opt(10, 0, 0).unwrap()).unwrap();
    });

    // Another date is another figure, remembered apart.
    let today = screens(&ledger, date(TODAY));
    let earlier = screens(&ledger, date("2026-10-01"));
    assert_ne!(earlier, today);
    ledger.forget_remembered();
    assert_eq!(screens(&ledger, date("2026-10-01")), earlier);
    assert_eq!(screens(&ledger, date(TODAY)), today);
}

/// An invoice's fields as its form shows them.
fn fields_of(row: &InvoiceRow) -> InvoiceFields {
    let invoice = &row.invoice;
    InvoiceFields {
        number: invoice.number.clone(),
        client_id: invoice.client_id,
        issue_date: invoice.issue_date,
        due_date: Some(invoice.due_date),
        payment_terms: invoice.payment_terms,
        amount: invoice.amount,
        amount_excl_vat: invoice.amount_excl_vat,
        object: invoice.object.clone(),
        penalty_rate: invoice.penalty_rate,
        written_off_on: invoice.written_off_on,
        nature: invoice.nature,
    }
}

fn invoice_id(ledger: &Ledger, number: &str) -> i64 {
    ledger.invoice_by_number(number).unwrap().unwrap().invoice.id
}

/// The kinds of change that came with bank statements, the letters' wording (issue 13), the books and
/// e-invoices. Not among them, because no remembered figure reads them: the client's and the ledger's
/// default nature (the books read them, the screens show the invoice's own), the trader's form of address
/// and images (letters only).
#[test]
fn the_changes_of_bank_statements_wording_books_and_e_invoices_invalidate_the_remembered_figures() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    let mut ledger = ledger_file::open(&path).unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let designer = std::fs::read_to_string(data.join("bank/registre-graphiste.json")).unwrap();
    ledger_file::load_json(&mut ledger, &designer, "registre-graphiste.json").unwrap();
    // Mme Lefèvre (a consumer: two years) owes an invoice of December 2024, time-barred in six weeks.
    let old = invoices::save_invoice(&mut ledger, None, &invoice(3, "F2024-131", "2024-12-02", "2025-01-02", "380.00"))
        .unwrap();

    let (name, bytes) = bank::read_file(&data.join("bank/credit-mutuel.csv")).unwrap();
    let request =
        bank::BankRequest { file_name: &name, bytes: &bytes, mapping: None, today: date(TODAY), expected_sha256: None };
    after(&mut ledger, "a bank statement confirmed", |ledger| {
        let preview = bank::preview(ledger, &request).unwrap();
        let decisions: Vec<(usize, bank::Decision)> = preview
            .credits
            .iter()
            .filter(|credit| credit.decision == bank::LineDecision::Record)
            .map(|credit| (credit.line, bank::Decision::AsMatched))
            .collect();
        assert!(bank::confirm(ledger, &request, &decisions).unwrap().recorded > 0);
    });
    after(&mut ledger, "a bank statement undone", |ledger| {
        bank::undo_last(ledger).unwrap();
    });
    after(&mut ledger, "a claim filed in court", |ledger| {
        let filing = EventFields {
            client_id: 3,
            kind: EventKind::Filing,
            date: date("2026-11-12"),
            text: "Injonction de payer déposée au tribunal judiciaire de Lyon".into(),
            amount: None,
            until: None,
            invoice_id: Some(old),
        };
        events::add_event(ledger, &filing).unwrap();
    });
    let garage_next = invoice_id(&ledger, "F2026-069");
    after(&mut ledger, "an invoice's own payment terms", |ledger| {
        let mut fields = fields_of(&ledger.invoice_row(garage_next).unwrap());
        fields.due_date = None;
        fields.payment_terms = Some(PaymentTerms { days: 10, end_of_month: false });
        invoices::save_invoice(ledger, Some(garage_next), &fields).unwrap();
    });
    after(&mut ledger, "an invoice's nature", |ledger| {
        let mut fields = fields_of(&ledger.invoice_row(garage_next).unwrap());
        fields.nature = Some(Nature::Goods);
        invoices::save_invoice(ledger, Some(garage_next), &fields).unwrap();
    });
    let scan = std::fs::read(data.join("einvoice/bad/pdf-sans-facture.pdf")).unwrap();
    after(&mut ledger, "an invoice's document attached", |ledger| {
        invoices::attach_document(ledger, garage_next, "F2026-069 signée.pdf", &scan).unwrap();
    });
    after(&mut ledger, "an invoice's document removed", |ledger| {
        invoices::remove_document(ledger, garage_next).unwrap();
    });
    let first = proposals::proposals(&ledger, date(TODAY)).unwrap()[0].client_id;
    let mut letter = 0;
    after(&mut ledger, "a letter drafted", |ledger| {
        letter = proposals::decide_proposal(ledger, first, date(TODAY), proposals::ProposalAction::Accept).unwrap();
    });
    after(&mut ledger, "a letter cancelled", |ledger| {
        letters::cancel(ledger, letter, date(TODAY), "Le client a appelé : il paie cette semaine.").unwrap();
    });
    after(&mut ledger, "an invoice written off from the client's page", |ledger| {
        invoices::write_off(ledger, invoice_id(ledger, "F2026-075"), date("2026-11-20")).unwrap();
    });
    // 1 150 € of F2026-068's 1 200 €: 50 € left, dunned until the tolerance covers it.
    payments::record_payment(&mut ledger, &payment(1, "2026-11-18", "1150.00")).unwrap();
    after(&mut ledger, "the residual tolerance", |ledger| {
        let options = settings::dunning_settings(ledger).unwrap();
        settings::save_dunning_options(
            ledger,
            options.large_amount_threshold,
            options.default_payment_terms_days,
            eur("60.00"),
        )
        .unwrap();
    });
    // A reminder whose ladder step goes by e-mail, handed to the user's mail program and confirmed sent:
    // the letter leaves the waiting list and counts as a step.
    let by_email = proposals::proposals(&ledger, date(TODAY))
        .unwrap()
        .into_iter()
        .find(|proposal| {
            proposal.dispatch == ardoise::domain::letter_kind::Dispatch::Email
                && !ledger.client(proposal.client_id).unwrap().fields.email.is_empty()
        })
        .expect("a proposal sent by e-mail to a client with an address");
    let reminder =
        proposals::decide_proposal(&mut ledger, by_email.client_id, date(TODAY), proposals::ProposalAction::Accept)
            .unwrap();
    // Its sending changes no figure of today's screens (the letter was already the client's step), so
    // only staleness is checked: what is answered after it is what is computed.
    let remembered = screens(&ledger, date(TODAY));
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").unwrap();
    let handed = ardoise::desk::email::hand_to_mail_program(&ledger, reminder, now, folder.path()).unwrap();
    ardoise::desk::email::confirm_handed(&mut ledger, reminder, handed.handed_at, date(TODAY)).unwrap();
    let answered = screens(&ledger, date(TODAY));
    ledger.forget_remembered();
    assert_eq!(answered, screens(&ledger, date(TODAY)), "a letter sent by e-mail: answered from stale figures");
    assert_eq!(answered.dashboard, remembered.dashboard);
}
