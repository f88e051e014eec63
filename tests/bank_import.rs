//! Bank statements imported into a ledger (F11, issue 15): through the desk as the window does it (preview,
//! confirm with corrections, splits and lines left out, history, undo) and through `ardoise bank` as a user
//! types it. The ledger is a graphic designer's (`tests/data/bank/registre-graphiste.json`: seven clients,
//! twelve open invoices, a payment plan), the statements those of `tests/data/bank/`.

use ardoise::desk::bank::{self, Accept, BankReport, BankRequest, Confidence, Decision, LineDecision, SplitPart};
use ardoise::desk::proposals::{decide_proposal, ProposalAction};
use ardoise::desk::{forms, ledger_file, Ledger};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod older;

const TODAY: &str = "2026-11-22";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bank").join(name)
}

fn money(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn today() -> NaiveDate {
    TODAY.parse().unwrap()
}

/// The designer's ledger, loaded into a new file in `folder`.
fn designer_ledger(folder: &Path) -> (PathBuf, Ledger) {
    let path = folder.join("ardoise.sqlite3");
    let mut ledger = ledger_file::open(&path).unwrap();
    let text = std::fs::read_to_string(data("registre-graphiste.json")).unwrap();
    ledger_file::load_json(&mut ledger, &text, "registre-graphiste.json").unwrap();
    (path, ledger)
}

/// A statement of `tests/data/bank/`, as the shells read it.
struct File {
    name: String,
    bytes: Vec<u8>,
}

impl File {
    fn of(name: &str) -> File {
        let (name, bytes) = bank::read_file(&data(name)).unwrap();
        File { name, bytes }
    }

    fn request(&self) -> BankRequest<'_> {
        BankRequest { file_name: &self.name, bytes: &self.bytes, mapping: None, today: today(), expected_sha256: None }
    }
}

fn import(ledger: &mut Ledger, name: &str, accept: Accept) -> BankReport {
    bank::import_statement(ledger, &File::of(name).request(), accept, false).unwrap()
}

/// The ledger file's bytes, everything written back from the write-ahead log first.
fn file_bytes(ledger: &Ledger, path: &Path) -> Vec<u8> {
    ledger.checkpoint().unwrap();
    std::fs::read(path).unwrap()
}

/// Every table as the JSON export writes it, `bank_imports` left out (an undone import stays in the
/// history, marked undone).
fn tables_but_history(ledger: &Ledger) -> serde_json::Value {
    let mut export = serde_json::to_value(ledger_file::export_json(ledger).unwrap()).unwrap();
    export["tables"].as_object_mut().unwrap().remove("bank_imports");
    export
}

fn paid(ledger: &Ledger, number: &str) -> Decimal {
    ledger.invoice_by_number(number).unwrap().unwrap().paid
}

fn credit(report: &BankReport, amount: &str) -> bank::CreditView {
    report.preview.credits.iter().find(|credit| credit.amount == money(amount)).cloned().unwrap()
}

/// The preview reads, matches and counts, and writes nothing: the ledger file is the same byte for byte.
#[test]
fn the_preview_matches_every_credit_and_writes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let (path, ledger) = designer_ledger(folder.path());
    let before = file_bytes(&ledger, &path);
    let preview = bank::preview(&ledger, &File::of("credit-mutuel.csv").request()).unwrap();
    assert_eq!((preview.lines, preview.credits.len(), preview.ignored), (8, 5, 3));
    assert_eq!((preview.set_aside.debits, preview.set_aside.debit_total), (3, money("687.89")));
    assert_eq!((preview.sure, preview.probable, preview.unmatched), (3, 2, 0));
    let garage = &preview.credits[0];
    assert_eq!((garage.line, garage.confidence, garage.decision), (2, Confidence::Sure, LineDecision::Record));
    assert_eq!(garage.invoices[0].number, "F2026-068");
    assert_eq!(garage.invoices[0].client_name, "Garage du Centre");
    assert!(garage.reasons.iter().any(|r| r == "n° de facture F2026-068 dans le libellé"), "{:?}", garage.reasons);
    let cheque = &preview.credits[2];
    assert_eq!(
        (cheque.method, cheque.confidence),
        (ardoise::desk::payments::PaymentMethod::Cheque, Confidence::Probable)
    );
    assert_eq!(file_bytes(&ledger, &path), before);
    assert!(ledger.bank_imports().unwrap().is_empty());
}

/// Importing the same statement again records nothing: its credits are counted as already imported.
#[test]
fn the_same_statement_imported_again_records_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let (path, mut ledger) = designer_ledger(folder.path());
    let first = import(&mut ledger, "credit-mutuel.csv", Accept::Probable);
    assert_eq!((first.recorded, first.recorded_credits, first.recorded_amount), (5, 5, money("4286.60")));
    assert_eq!(paid(&ledger, "F2026-068"), money("1200.00"));
    assert_eq!(paid(&ledger, "F2026-073"), money("300.00"));
    let payment = &ledger.payments(1).unwrap()[0];
    assert_eq!(payment.date, "2026-11-05".parse::<NaiveDate>().unwrap());
    assert_eq!(payment.reference, "VIR SEPA RECU /DE GARAGE DU CENTRE /MOTIF FACTURE F2026-068");
    let after_first = file_bytes(&ledger, &path);
    for accept in [Accept::Probable, Accept::Sure] {
        let again = import(&mut ledger, "credit-mutuel.csv", accept);
        assert_eq!((again.recorded, again.preview.credits.len()), (0, 0));
        assert_eq!((again.preview.set_aside.already_imported, again.preview.ignored), (5, 8));
        assert!(again.import.is_none());
        assert!(
            again.preview.warnings[0].starts_with("Ce fichier a déjà été importé (relevé n° 1"),
            "{:?}",
            again.preview.warnings
        );
    }
    assert_eq!(file_bytes(&ledger, &path), after_first, "nothing written the second time");
    assert_eq!(ledger.bank_imports().unwrap().len(), 1);
}

/// The statement after October's overlaps it from November 5 to 10: only the credits after that are new.
/// The Atelier Roux's transfer pays its plan's installment.
#[test]
fn an_overlapping_later_statement_records_only_its_new_lines() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let october = import(&mut ledger, "credit-mutuel-octobre.csv", Accept::Probable);
    assert_eq!(october.recorded, 4, "{:?}", october.preview.credits);
    let roux = credit(&october, "150.00");
    assert_eq!(roux.installment.map(|i| (i.plan_id, i.sequence)), Some((1, 2)), "{roux:?}");
    assert_eq!(paid(&ledger, "F2026-060"), money("300.00"));
    let november = import(&mut ledger, "credit-mutuel.csv", Accept::Probable);
    assert_eq!(november.preview.set_aside.already_imported, 3);
    let new: Vec<usize> = november.preview.credits.iter().map(|credit| credit.line).collect();
    assert_eq!(new, [7, 9]);
    assert_eq!(november.recorded, 2);
    assert_eq!(paid(&ledger, "F2026-074"), money("936.60"));
    assert_eq!(paid(&ledger, "F2026-068"), money("1200.00"), "the garage's transfer counted once");
    // The same money read from another format is not recognised by its fingerprint: it is flagged, and
    // never recorded on its own.
    let ofx = import(&mut ledger, "ofx1-sgml-1252.ofx", Accept::Probable);
    assert_eq!(ofx.recorded, 0);
    assert!(
        ofx.preview.warnings.iter().any(|w| w.contains("« credit-mutuel.csv » (CSV)")),
        "{:?}",
        ofx.preview.warnings
    );
    assert!(ofx.preview.credits.iter().all(|c| c.possible_duplicate.is_some() && c.decision == LineDecision::Later));
}

/// The window's decisions: one credit corrected to another invoice, one left out (not offered again),
/// one left for later (offered again), the rest as matched.
#[test]
fn corrected_left_out_and_later_credits_are_recorded_as_decided() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let file = File::of("credit-mutuel.csv");
    let typed = [
        forms::BankDecisionText { line: 2, decision: forms::BankDecisionKind::Record, parts: None },
        forms::BankDecisionText {
            line: 5,
            decision: forms::BankDecisionKind::Record,
            parts: Some(vec![forms::BankPartText { invoice: "f2026-075 ".into(), amount: "350,00".into() }]),
        },
        forms::BankDecisionText { line: 7, decision: forms::BankDecisionKind::LeaveOut, parts: None },
        forms::BankDecisionText { line: 9, decision: forms::BankDecisionKind::Later, parts: None },
    ];
    let decisions = forms::bank_decisions(&typed).unwrap();
    let report = bank::confirm(&mut ledger, &file.request(), &decisions).unwrap();
    assert_eq!((report.recorded, report.left_out), (2, 1));
    let decided: Vec<LineDecision> = report.preview.credits.iter().map(|c| c.decision).collect();
    use LineDecision::{Later, LeaveOut, Record};
    assert_eq!(decided, [Record, Later, Record, LeaveOut, Later]);
    assert_eq!(paid(&ledger, "F2026-075"), money("350.00"), "the cheque went where the user put it");
    assert_eq!(paid(&ledger, "F2026-077"), Decimal::ZERO);
    assert_eq!(paid(&ledger, "F2026-073"), Decimal::ZERO, "left out: no payment");
    let again = bank::preview(&ledger, &file.request()).unwrap();
    let offered: Vec<usize> = again.credits.iter().map(|c| c.line).collect();
    assert_eq!(offered, [4, 9], "the lines left for later come back, not the one left out");
    assert_eq!(again.set_aside.already_imported, 3);
}

/// One credit split by hand over two clients' invoices makes two payments; a split of one client's
/// invoices may leave a rest in its favour; splits that cannot be recorded are refused by line, with
/// nothing written.
#[test]
fn a_credit_split_over_invoices_of_two_clients_makes_two_payments() {
    let folder = tempfile::tempdir().unwrap();
    let (path, mut ledger) = designer_ledger(folder.path());
    let file = File::of("credit-mutuel.csv");
    let part = |invoice: &str, amount: &str| SplitPart { invoice: invoice.into(), amount: money(amount) };
    let before = file_bytes(&ledger, &path);
    let refusals: [(Vec<(usize, Decision)>, &str); 6] = [
        (
            vec![(4, Decision::Split(vec![part("F2026-071", "1000"), part("F2026-078", "400")]))],
            "Ligne 4 : il reste 100,00 € à affecter ; un crédit partagé entre plusieurs clients",
        ),
        (
            vec![(4, Decision::Split(vec![part("F2026-071", "1600")]))],
            "Ligne 4 : les parts (1 600,00 €) dépassent le crédit",
        ),
        (vec![(4, Decision::Split(vec![part("F2099-001", "1500")]))], "Ligne 4 : aucune facture n° « F2099-001 »"),
        (
            vec![(2, Decision::AsMatched), (9, Decision::Split(vec![part("F2026-068", "936.60")]))],
            "Ligne 9 : la facture F2026-068 ne doit plus que 0,00 € (la ligne 2 de ce relevé la règle déjà",
        ),
        (vec![(4, Decision::Split(Vec::new()))], "Ligne 4 : indiquez au moins une facture"),
        (vec![(3, Decision::AsMatched)], "Ligne 3 : ce n'est pas un crédit à rapprocher"),
    ];
    for (decisions, message) in refusals {
        let error = bank::confirm(&mut ledger, &file.request(), &decisions).unwrap_err();
        let problems = error.field_errors().expect("problems by line");
        assert!(problems.0.iter().any(|p| p.message.starts_with(message)), "{message}: {problems:?}");
    }
    assert_eq!(file_bytes(&ledger, &path), before, "a refused confirmation writes nothing");
    assert!(bank::history(&ledger).unwrap().is_empty());

    let decisions = [
        (4, Decision::Split(vec![part("F2026-071", "1100"), part("F2026-078", "400")])),
        (9, Decision::Split(vec![part("F2026-074", "900")])),
    ];
    let report = bank::confirm(&mut ledger, &file.request(), &decisions).unwrap();
    assert_eq!((report.recorded, report.recorded_credits), (3, 2));
    assert_eq!(paid(&ledger, "F2026-071"), money("1100"));
    assert_eq!(paid(&ledger, "F2026-078"), money("400"));
    let martin = ledger.payments(7).unwrap();
    assert_eq!((martin.len(), martin[0].amount), (1, money("400")));
    let restaurant = ledger.payments(4).unwrap();
    assert_eq!((restaurant[0].amount, restaurant[0].allocations[0].amount), (money("936.60"), money("900")));
    // The window's split editor says the same while the user types.
    let view = forms::CreditSplitText {
        amount: "1500.00".into(),
        parts: vec![
            forms::BankPartText { invoice: "F2026-072".into(), amount: "420".into() },
            forms::BankPartText { invoice: "F2026-079".into(), amount: "250,00".into() },
        ],
    }
    .view(&ledger, today())
    .unwrap();
    assert_eq!((view.allocated, view.rest), (money("670"), money("830")));
    assert_eq!(
        view.clients.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Boulangerie Martin SARL", "Martin Immobilier SAS"]
    );
    assert!(view.problems[0].starts_with("il reste 830,00 € à affecter"), "{:?}", view.problems);
}

/// A CAMT batch of several payers with no amount per transaction was credited whole to its first payer
/// (an overpayment on his invoice) and taught his IBAN: now it names no payer, pays every invoice it
/// cites when they add up to its amount, and is left to the user otherwise; no IBAN is learned from it.
#[test]
fn a_batch_of_several_payers_is_never_credited_to_one_of_them() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let report = import(&mut ledger, "camt053-remise-plusieurs-payeurs.xml", Accept::Sure);
    let both = credit(&report, "2436.60");
    assert_eq!((both.counterparty_name.as_deref(), both.counterparty_iban.as_deref()), (None, None));
    assert_eq!(both.details, "BOULANGERIE MARTIN SARL : FACT F2026-071 ; RESTAURANT LE PRE FLEURI : F2026-074");
    assert_eq!((both.confidence, both.client_id, both.unallocated), (Confidence::Sure, None, money("0.00")));
    let numbers: Vec<&str> = both.invoices.iter().map(|invoice| invoice.number.as_str()).collect();
    assert_eq!(numbers, ["F2026-071", "F2026-074"]);
    assert_eq!(
        both.reasons.first().map(String::as_str),
        Some("plusieurs payeurs dans cette remise : BOULANGERIE MARTIN SARL, RESTAURANT LE PRE FLEURI")
    );
    assert_eq!((paid(&ledger, "F2026-071"), paid(&ledger, "F2026-074")), (money("1500.00"), money("936.60")));
    let restaurant = ledger.bank_clients().unwrap().into_iter().find(|c| c.id == 4).unwrap();
    assert!(restaurant.ibans.is_empty(), "no IBAN learned from a batch: {:?}", restaurant.ibans);

    let apart = credit(&report, "650.00");
    assert_eq!((apart.confidence, apart.client_id, apart.decision), (Confidence::None, None, LineDecision::Later));
    assert!(apart.invoices.is_empty());
    assert_eq!(
        apart.reasons,
        ["plusieurs payeurs dans cette remise : GARAGE DU CENTRE, MME LEFEVRE SOPHIE ; la facture citée \
          F2026-069 doit 250,00\u{a0}€, pas 650,00\u{a0}€ : répartissez-la entre leurs factures"]
    );
    assert_eq!(paid(&ledger, "F2026-069"), money("0"));
}

/// The designer's ledger with rows added (`{ table: [row, …] }`, as the JSON export writes them), loaded
/// into `folder`.
fn designer_ledger_with(folder: &Path, added: serde_json::Value) -> Ledger {
    let mut ledger = ledger_file::open(&folder.join("ardoise.sqlite3")).unwrap();
    let text = std::fs::read_to_string(data("registre-graphiste.json")).unwrap();
    let mut export: serde_json::Value = serde_json::from_str(&text).unwrap();
    for (table, rows) in added.as_object().unwrap() {
        let into = export["tables"][table].as_array_mut().unwrap();
        into.extend(rows.as_array().unwrap().iter().cloned());
    }
    ledger_file::load_json(&mut ledger, &export.to_string(), "registre-graphiste.json").unwrap();
    ledger
}

/// A statement of one CSV line, as a bank writes it.
fn one_credit(day: &str, label: &str, amount: &str) -> Vec<u8> {
    format!("Date;Libellé;Débit;Crédit\n{day};{label};;{amount}\n").into_bytes()
}

/// Regression: the matcher read what an invoice owes without the client's credit notes. The garage owes
/// 1 200,00 on F2026-068 less a 200,00 credit note correcting it; its transfer of 1 000,00 citing the
/// invoice was a partial payment (« probable », left for later by `--accept sure`), the preview said it
/// owed 1 200,00 and a split of it was checked against that; once recorded, a reminder drafted for it was
/// not flagged (200,00 still « owed » by the allocations alone). Now the matcher reads what the invoice
/// list shows: sure, and once recorded the invoice is paid and its reminder flagged.
#[test]
fn a_transfer_of_what_a_credit_note_leaves_settles_the_invoice_it_corrects() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = designer_ledger_with(
        folder.path(),
        serde_json::json!({ "invoices": [{ "id": 201, "number": "AV2026-004", "client_id": 1,
            "issue_date": "2026-11-10", "due_date": "2026-11-10", "amount_cents": -20000,
            "object": "Avoir : remise sur le logo", "corrects": "F2026-068" }] }),
    );
    let line = |ledger: &Ledger, number: &str| {
        ardoise::desk::invoices::invoice_list(ledger, Some(1), today())
            .unwrap()
            .into_iter()
            .find(|line| line.row.invoice.number == number)
            .unwrap()
    };
    assert_eq!(line(&ledger, "F2026-068").remaining, money("1000"));
    // The number alone names the invoice (no payer's name to corroborate a partial payment).
    let bytes = one_credit("20/11/2026", "VIR SEPA RECU /MOTIF FACTURE F2026-068", "1000,00");
    let request =
        BankRequest { file_name: "releve.csv", bytes: &bytes, mapping: None, today: today(), expected_sha256: None };
    let preview = bank::preview(&ledger, &request).unwrap();
    let [credit] = preview.credits.as_slice() else { panic!("{:?}", preview.credits) };
    assert_eq!(credit.confidence, Confidence::Sure, "{:?}", credit.reasons);
    assert_eq!(credit.reasons, ["n° de facture F2026-068 dans le libellé", "montant exact de la facture"]);
    let parts: Vec<_> = credit.invoices.iter().map(|i| (i.number.as_str(), i.amount, i.remaining)).collect();
    assert_eq!(parts, [("F2026-068", money("1000"), money("1000"))]);
    assert_eq!(credit.unallocated, Decimal::ZERO);
    // A part typed by hand is checked against the same amount.
    let view = forms::CreditSplitText {
        amount: "1200.00".into(),
        parts: vec![forms::BankPartText { invoice: "F2026-068".into(), amount: "1200".into() }],
    }
    .view(&ledger, today())
    .unwrap();
    assert_eq!(view.rows[0].remaining, Some(money("1000")));
    assert_eq!(view.problems, ["F2026-068 : la part (1 200,00 €) dépasse ce qui reste dû (1 000,00 €)."]);
    let reminder = decide_proposal(&mut ledger, 1, today(), ProposalAction::Accept).unwrap();
    assert_eq!(ledger.letter(reminder).unwrap().invoice_ids, [101]);
    let report = bank::import_statement(&mut ledger, &request, Accept::Sure, false).unwrap();
    assert_eq!((report.recorded, report.recorded_amount), (1, money("1000")));
    // The reminder drafted for the invoice is flagged: it is paid, the credit note counted.
    let flagged: Vec<_> = report.letters_to_check.iter().map(|l| (l.letter_id, l.paid_invoices.clone())).collect();
    assert_eq!(flagged, [(reminder, vec!["F2026-068".to_string()])]);
    let settled = line(&ledger, "F2026-068");
    assert_eq!((settled.remaining, settled.status), (Decimal::ZERO, ardoise::domain::figures::InvoiceStatus::Paid));
    assert_eq!(paid(&ledger, "F2026-068"), money("1000"), "the credit note is not allocated, the money is");
    // The garage's other invoice is untouched, and the balance is what the credit note leaves.
    assert_eq!(line(&ledger, "F2026-069").remaining, money("250"));
    let balance = report.balances.iter().find(|b| b.client_id == 1).unwrap();
    assert_eq!(balance.balance, money("250"));
}

/// The one credit of a one-line statement, previewed.
fn preview_one(ledger: &Ledger, bytes: &[u8]) -> bank::CreditView {
    let request = BankRequest { file_name: "releve.csv", bytes, mapping: None, today: today(), expected_sha256: None };
    let preview = bank::preview(ledger, &request).unwrap();
    let [credit] = preview.credits.as_slice() else { panic!("{:?}", preview.credits) };
    credit.clone()
}

/// Regression: a transfer citing an invoice already paid before the import was put on the client's other
/// invoices (« probable F2026-069, client reconnu par son nom, paiement partiel »), so the money paid once
/// could be recorded twice. The garage's F2026-068 was paid by hand; its transfer citing it is now « aucun »,
/// says how the invoice was settled, records nothing with `--accept probable`, and can still be put by
/// hand on another invoice.
#[test]
fn a_transfer_citing_an_invoice_paid_by_hand_before_the_import_goes_on_no_other_invoice() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = designer_ledger_with(
        folder.path(),
        serde_json::json!({
            "payments": [{ "id": 2, "client_id": 1, "date": "2026-11-18", "amount_cents": 120000,
                "method": "transfer", "reference": "" }],
            "payment_allocations": [{ "payment_id": 2, "invoice_id": 101, "amount_cents": 120000 }] }),
    );
    let bytes = one_credit("20/11/2026", "VIR SEPA RECU GARAGE DU CENTRE FACTURE F2026-068", "1200,00");
    let credit = preview_one(&ledger, &bytes);
    assert_eq!(credit.confidence, Confidence::None, "{:?}", credit.reasons);
    assert!(credit.invoices.is_empty(), "{:?}", credit.invoices);
    assert_eq!(credit.client_id, Some(1));
    assert_eq!(
        credit.reasons,
        [
            "n° de facture F2026-068 dans le libellé, mais elle est déjà soldée (réglée le 18/11/2026 par un \
             paiement saisi à la main : c'est peut-être le même argent)",
            "rien n'est proposé sur ses autres factures : affectez-le à la main si c'est un autre paiement"
        ]
    );
    let request =
        BankRequest { file_name: "releve.csv", bytes: &bytes, mapping: None, today: today(), expected_sha256: None };
    let report = bank::import_statement(&mut ledger, &request, Accept::Probable, false).unwrap();
    assert_eq!(report.recorded, 0);
    assert_eq!(paid(&ledger, "F2026-069"), Decimal::ZERO);
    // The user may still say where it goes.
    let typed = [forms::BankDecisionText {
        line: 2,
        decision: forms::BankDecisionKind::Record,
        parts: Some(vec![forms::BankPartText { invoice: "F2026-069".into(), amount: "250,00".into() }]),
    }];
    let report = bank::confirm(&mut ledger, &request, &forms::bank_decisions(&typed).unwrap()).unwrap();
    assert_eq!(report.recorded, 1);
    assert_eq!(paid(&ledger, "F2026-069"), money("250"));
}

/// Regression: the rule « déjà soldée » held only for an invoice paid earlier in the same file. A second
/// statement citing the invoice a first one paid (the same file imported again with a new line, or an
/// overlapping one) put the money on the client's other invoice. Now it says when the invoice was paid.
/// An invoice its credit note covers, or written off, is said so too.
#[test]
fn a_transfer_citing_an_invoice_settled_by_an_earlier_statement_a_credit_note_or_a_write_off_gets_no_match() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = designer_ledger_with(
        folder.path(),
        serde_json::json!({ "invoices": [
            { "id": 201, "number": "AV2026-004", "client_id": 2, "issue_date": "2026-11-10",
              "due_date": "2026-11-10", "amount_cents": -42000, "object": "Avoir : affiches annulées",
              "corrects": "F2026-072" },
            { "id": 202, "number": "F2026-050", "client_id": 5, "issue_date": "2026-06-30",
              "due_date": "2026-07-30", "amount_cents": 30000, "object": "Flyers",
              "written_off_on": "2026-11-01" }] }),
    );
    let first = one_credit("20/11/2026", "VIR SEPA RECU GARAGE DU CENTRE FACTURE F2026-068", "1200,00");
    let request =
        BankRequest { file_name: "releve.csv", bytes: &first, mapping: None, today: today(), expected_sha256: None };
    assert_eq!(bank::import_statement(&mut ledger, &request, Accept::Sure, false).unwrap().recorded, 1);
    let cases = [
        ("21/11/2026", "VIREMENT GARAGE DU CENTRE FACT F2026068", "1200,00", "réglée le 20/11/2026"),
        (
            "21/11/2026",
            "VIR BOULANGERIE MARTIN FACTURE F2026-072",
            "420,00",
            "couverte par un avoir ou un crédit du client",
        ),
        ("21/11/2026", "VIR CABINET DUBOIS FACTURE F2026-050", "300,00", "passée en perte"),
    ];
    for (day, label, amount, how) in cases {
        let credit = preview_one(&ledger, &one_credit(day, label, amount));
        assert_eq!(credit.confidence, Confidence::None, "{label}: {:?}", credit.reasons);
        assert!(credit.invoices.is_empty(), "{label}: {:?}", credit.invoices);
        assert!(credit.reasons[0].ends_with(&format!("mais elle est déjà soldée ({how})")), "{:?}", credit.reasons);
    }
    // Cited beside an open invoice, the settled one takes nothing and is said so.
    let credit = preview_one(&ledger, &one_credit("21/11/2026", "VIR FACTURES F2026-068 ET F2026-069", "250,00"));
    assert_eq!(credit.confidence, Confidence::Sure, "{:?}", credit.reasons);
    let parts: Vec<_> = credit.invoices.iter().map(|i| (i.number.as_str(), i.amount)).collect();
    assert_eq!(parts, [("F2026-069", money("250"))]);
    assert_eq!(
        credit.reasons,
        [
            "n° de facture F2026-069 dans le libellé",
            "montant exact de la facture",
            "n° de facture F2026-068 dans le libellé, mais elle est déjà soldée (réglée le 20/11/2026)"
        ]
    );
}

/// A file holding the statements of two accounts showed the first account's number and opening balance
/// beside the last one's closing balance, without a word: now it says which accounts it holds and shows
/// no balance, while every credit of both accounts is still matched.
#[test]
fn a_file_of_two_accounts_says_so_and_mixes_no_balances() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, ledger) = designer_ledger(folder.path());
    let preview = bank::preview(&ledger, &File::of("cfonb120-deux-comptes.txt").request()).unwrap();
    assert_eq!((preview.opening_balance.as_ref(), preview.closing_balance.as_ref()), (None, None));
    assert_eq!((preview.lines, preview.credits.len()), (5, 4));
    assert_eq!(
        preview.warnings,
        ["Ce fichier contient les relevés de 2 comptes (30003 00123 00020012345 et 30003 00123 00020099999) : \
          leurs crédits sont tous lus et rapprochés, mais leurs soldes, propres à chaque compte, ne sont pas \
          repris. Pour suivre les soldes, téléchargez un relevé par compte."]
    );
}

/// Regression: money a client paid without allocation (an earlier overpayment) was not set against its
/// oldest invoice by the matcher as it is by the invoice list: the garage's 200,00 in credit leaves
/// 1 000,00 owed on F2026-068, and its transfer of 1 000,00 citing it was a partial payment of 1 200,00.
#[test]
fn a_transfer_of_what_unallocated_money_leaves_settles_the_oldest_invoice() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = designer_ledger_with(
        folder.path(),
        serde_json::json!({ "payments": [{ "id": 2, "client_id": 1, "date": "2026-11-02", "amount_cents": 20000,
            "method": "transfer", "reference": "VIR GARAGE DU CENTRE ACOMPTE" }] }),
    );
    let bytes = one_credit("20/11/2026", "VIR SEPA RECU /MOTIF FACTURE F2026-068", "1000,00");
    let request =
        BankRequest { file_name: "releve.csv", bytes: &bytes, mapping: None, today: today(), expected_sha256: None };
    let report = bank::import_statement(&mut ledger, &request, Accept::Sure, false).unwrap();
    let [credit] = report.preview.credits.as_slice() else { panic!("{:?}", report.preview.credits) };
    assert_eq!(credit.confidence, Confidence::Sure, "{:?}", credit.reasons);
    assert_eq!((credit.invoices[0].amount, credit.invoices[0].remaining), (money("1000"), money("1000")));
    assert_eq!(report.recorded, 1);
    let lines = ardoise::desk::invoices::invoice_list(&ledger, Some(1), today()).unwrap();
    let remaining: Vec<_> = lines.iter().map(|line| (line.row.invoice.number.as_str(), line.remaining)).collect();
    assert_eq!(remaining, [("F2026-068", Decimal::ZERO), ("F2026-069", money("250"))]);
}

/// Regression: every line of a file of several accounts was fingerprinted, and kept, under the first
/// account. The second account's transfer whose bank identifier (`FITID`, unique per account only) was the
/// same as a first account's line made the confirmation fail (« déjà importée »), and its lines were
/// unknown to that account's own statement imported next, which recorded the same money twice. Now each
/// line is kept under its own account; the history names both.
#[test]
fn a_file_of_two_accounts_keeps_each_line_under_its_own_account() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let both = import(&mut ledger, "ofx2-deux-comptes.ofx", Accept::Probable);
    assert_eq!((both.recorded_credits, both.recorded_amount), (3, money("3636.60")));
    let accounts: Vec<_> = both.preview.credits.iter().map(|c| (c.amount, c.account.as_str())).collect();
    assert_eq!(
        accounts,
        [
            (money("1200"), "FR7630002005500000157845Z02"),
            (money("1500"), "FR2130002005500000157846019"),
            (money("936.60"), "FR2130002005500000157846019")
        ]
    );
    let record = both.import.as_ref().unwrap();
    assert_eq!(record.account, "FR7630002005500000157845Z02, FR2130002005500000157846019");
    assert_eq!(paid(&ledger, "F2026-071"), money("1500"));
    // The second account's own statement, a day longer: only its new line is recorded.
    let second = import(&mut ledger, "ofx2-second-compte.ofx", Accept::Probable);
    assert_eq!(second.preview.set_aside.already_imported, 2, "{:?}", second.preview.credits);
    assert_eq!((second.recorded_credits, second.recorded_amount), (1, money("300")));
    assert_eq!(paid(&ledger, "F2026-071"), money("1500"), "the bakery's transfer is not recorded twice");
    assert_eq!(second.import.unwrap().account, "FR2130002005500000157846019");
    // The file of both accounts again: nothing is left to record.
    let again = import(&mut ledger, "ofx2-deux-comptes.ofx", Accept::Probable);
    assert_eq!((again.recorded, again.preview.set_aside.already_imported), (0, 3));
}

/// Regression: the credits of a file's second account left out (or recorded) were kept under the first
/// account, so that account's own statement offered them again. The second account of the CFONB file of
/// two, read alone, now finds its line decided.
#[test]
fn the_second_account_of_a_file_read_alone_finds_its_lines_decided() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let file = File::of("cfonb120-deux-comptes.txt");
    let preview = bank::preview(&ledger, &file.request()).unwrap();
    let decisions: Vec<(usize, Decision)> =
        preview.credits.iter().map(|credit| (credit.line, Decision::LeaveOut)).collect();
    let report = bank::confirm(&mut ledger, &file.request(), &decisions).unwrap();
    assert_eq!((report.left_out, report.recorded), (4, 0));
    let alone = bank::preview(&ledger, &File::of("cfonb120-second-compte.txt").request()).unwrap();
    assert_eq!(alone.account, "30003 00123 00020099999");
    assert_eq!((alone.credits.len(), alone.set_aside.already_imported), (0, 1), "{:?}", alone.credits);
}

/// Regression: an OFX line was known by its `FITID` alone, and banks reuse them. November's statement
/// numbers its lines from 1 again: its transfer for F2026-068, `FITID` 1 like October's transfer for
/// F2026-069, was set aside as « déjà importée » and nothing was recorded. A line is the same line only if
/// its identifier, booking date and amount are the same.
#[test]
fn a_later_statement_reusing_an_identifier_records_its_different_payment() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let october = import(&mut ledger, "ofx1-fitid-octobre.ofx", Accept::Sure);
    assert_eq!((october.recorded, october.recorded_amount), (1, money("250.00")));
    let november = import(&mut ledger, "ofx1-fitid-novembre.ofx", Accept::Sure);
    assert_eq!(november.preview.set_aside.already_imported, 0);
    assert_eq!((november.recorded, november.recorded_amount), (1, money("1200.00")));
    assert_eq!(paid(&ledger, "F2026-068"), money("1200.00"));
    // Each statement again: its line is known.
    for name in ["ofx1-fitid-octobre.ofx", "ofx1-fitid-novembre.ofx"] {
        let again = import(&mut ledger, name, Accept::Sure);
        assert_eq!((again.recorded, again.preview.set_aside.already_imported), (0, 1), "{name}");
    }
}

/// Regression: a file giving one identifier to several lines (three OFX credits of a day with one
/// `FITID`, two of 250,00 €; a CAMT batch whose two transfers both say `EndToEndId` « REGLEMENT ») was
/// previewed « sûr » line by line, and its import failed at every try with « La ligne … a déjà été
/// importée : rechargez l'aperçu. ». Each line is now recorded, and the file imported again records
/// nothing.
#[test]
fn a_file_giving_one_identifier_to_several_lines_records_each_of_them() {
    for (name, paid_in_full) in [
        ("ofx1-fitid-repete.ofx", vec!["F2026-071", "F2026-069", "F2026-079"]),
        ("camt053-remise-meme-reference.xml", vec!["F2026-071", "F2026-074"]),
    ] {
        let folder = tempfile::tempdir().unwrap();
        let (_path, mut ledger) = designer_ledger(folder.path());
        let report = bank::import_statement(&mut ledger, &File::of(name).request(), Accept::Sure, false)
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(report.recorded_credits, paid_in_full.len(), "{name}: {:?}", report.preview.credits);
        for number in paid_in_full {
            let invoice = ledger.invoice_by_number(number).unwrap().unwrap();
            assert_eq!(invoice.paid, invoice.invoice.amount, "{name}: {number}");
        }
        let again = import(&mut ledger, name, Accept::Sure);
        assert_eq!((again.recorded, again.preview.set_aside.already_imported), (0, report.recorded_credits), "{name}");
    }
}

/// The keys of versions up to schema 16: the hash of the account and the bank's identifier alone.
fn identifier_only_key(account: &str, reference: &str) -> String {
    ardoise::domain::digest::sha256_hex(format!("ref|{account}|{reference}").as_bytes())[..32].to_string()
}

/// A ledger of an earlier version holds identifier-only keys; migration 0017 gives them the date and
/// amount stored beside them: its statements imported again record nothing, and a later statement
/// reusing an identifier for another payment is a new line. The same for an export of that version loaded
/// into a new ledger.
#[test]
fn the_statements_an_earlier_version_imported_are_still_recognised() {
    let folder = tempfile::tempdir().unwrap();
    let (path, mut ledger) = designer_ledger(folder.path());
    let october = import(&mut ledger, "ofx1-fitid-octobre.ofx", Accept::Sure);
    let sgml = import(&mut ledger, "ofx1-sgml-1252.ofx", Accept::Probable);
    assert_eq!((october.recorded_credits, sgml.recorded_credits), (1, 5));
    ledger.checkpoint().unwrap();
    drop(ledger);
    let export = {
        let mut export: serde_json::Value =
            serde_json::to_value(ledger_file::export_json(&ledger_file::open(&path).unwrap()).unwrap()).unwrap();
        export["schema_version"] = 16.into();
        for line in export["tables"]["bank_lines"].as_array_mut().unwrap() {
            line.as_object_mut().unwrap().remove("charges_cents");
            if let Some(reference) = line["bank_reference"].as_str().map(str::to_string) {
                let account = line["account"].as_str().unwrap().to_string();
                line["fingerprint"] = identifier_only_key(&account, &reference).into();
            }
        }
        export.to_string()
    };
    // Schema 16 is this one without the column of 0018 (0017 only rewrites keys): the file as that version
    // left it. (`older::write_as_schema` copies tables in the order of `sqlite_master`, where `payments`,
    // rebuilt by 0015, now comes after `payment_allocations`, whose trigger then refuses the copy.)
    let old = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<(i64, String, String)> = old
        .prepare("SELECT id, account, bank_reference FROM bank_lines WHERE bank_reference IS NOT NULL")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 6);
    for (id, account, reference) in &rows {
        let key = identifier_only_key(account, reference);
        old.execute("UPDATE bank_lines SET fingerprint = ?2 WHERE id = ?1", rusqlite::params![id, key]).unwrap();
    }
    old.execute_batch("ALTER TABLE bank_lines DROP COLUMN charges_cents").unwrap();
    old.pragma_update(None, "user_version", 16).unwrap();
    drop(old);
    assert_eq!(older::MIGRATIONS.len() as i64, ardoise::ledger::SCHEMA_VERSION, "a migration is missing from the list");
    let upgraded = ledger_file::open(&path).unwrap();
    let mut loaded = ledger_file::open(&folder.path().join("charge.sqlite3")).unwrap();
    ledger_file::load_json(&mut loaded, &export, "ancien.json").unwrap();
    for mut ledger in [upgraded, loaded] {
        for (name, known) in [("ofx1-fitid-octobre.ofx", 1), ("ofx1-sgml-1252.ofx", 5)] {
            let again = import(&mut ledger, name, Accept::Probable);
            assert_eq!((again.recorded, again.preview.set_aside.already_imported), (0, known), "{name}");
        }
        let november = import(&mut ledger, "ofx1-fitid-novembre.ofx", Accept::Sure);
        assert_eq!((november.preview.credits.len(), november.preview.set_aside.already_imported), (1, 0));
    }
}

/// Regression: a CAMT transfer instructed for 1 500,00 € (`AmtDtls/InstdAmt`) and booked 1 495,00 €, the
/// bank having kept 5,00 € of charges (`Chrgs`), was rated « sûr » as a « paiement partiel : 1 495,00 €
/// sur 1 500,00 € », leaving 5,00 € owed that the ladder then chased with a 40 € indemnity. The client
/// paid in full: the payment records 1 500,00 €, the reason says what the bank kept, the invoice is paid.
/// A shortfall no charges explain stays a partial payment.
#[test]
fn a_transfer_the_bank_took_its_charges_from_pays_the_invoice_in_full() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let report = import(&mut ledger, "camt053-frais.xml", Accept::Sure);
    let bakery = &report.preview.credits[0];
    assert_eq!(
        (bakery.amount, bakery.booked_amount, bakery.bank_charges),
        (money("1500.00"), money("1495.00"), money("5.00"))
    );
    assert_eq!((bakery.confidence, bakery.decision), (Confidence::Sure, LineDecision::Record));
    assert_eq!(bakery.invoices[0].amount, money("1500.00"));
    let reasons: Vec<String> = bakery.reasons.iter().map(|reason| reason.replace('\u{a0}', " ")).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r == "la banque a retenu 5,00 € de frais : 1 500,00 € payés, 1 495,00 € crédités sur le compte"),
        "{reasons:?}"
    );
    assert!(!bakery.reasons.iter().any(|r| r.contains("partiel")), "{:?}", bakery.reasons);
    assert_eq!(paid(&ledger, "F2026-071"), money("1500.00"));
    let payment =
        ledger.payments(2).unwrap().into_iter().find(|p| p.date == "2026-11-20".parse::<NaiveDate>().unwrap()).unwrap();
    assert_eq!(payment.amount, money("1500.00"));
    assert_eq!((report.recorded_amount, report.recorded_charges), (money("2780.00"), money("5.00")));
    // The restaurant's 930,00 € for 936,60 € instructed, no charges stated: a partial payment.
    let restaurant = &report.preview.credits[1];
    assert_eq!((restaurant.amount, restaurant.bank_charges), (money("930.00"), Decimal::ZERO));
    let reasons: Vec<String> = restaurant.reasons.iter().map(|reason| reason.replace('\u{a0}', " ")).collect();
    assert!(reasons.iter().any(|r| r == "paiement partiel : 930,00 € sur 936,60 €"), "{reasons:?}");
    // Charges the bank did not take from the entry (`ChrgInclInd` false): the cabinet paid what was booked.
    assert_eq!(report.preview.credits[2].amount, money("350.00"));
    assert_eq!(paid(&ledger, "F2026-077"), money("350.00"));
    // The livre des recettes receives what the client paid, and says what the bank kept of it.
    let book = ardoise::desk::books::receipts(&ledger, ardoise::desk::books::Period::month(2026, 11)).unwrap();
    let lines: Vec<(Decimal, String)> = book
        .lines
        .iter()
        .filter(|line| line.date == "2026-11-20".parse::<NaiveDate>().unwrap())
        .map(|line| (line.amount, line.note.replace('\u{a0}', " ")))
        .collect();
    assert_eq!(
        lines,
        [
            (money("1500.00"), "dont 5,00 € de frais retenus par la banque".to_string()),
            (money("930.00"), String::new()),
            (money("350.00"), String::new())
        ]
    );
    // The bank line keeps what the account was credited with, and the charges beside it.
    let export = serde_json::to_value(ledger_file::export_json(&ledger).unwrap()).unwrap();
    let line = &export["tables"]["bank_lines"][0];
    assert_eq!((&line["amount_cents"], &line["charges_cents"]), (&149500.into(), &500.into()), "{line}");
}

/// Undo puts the ledger back exactly: payments, lines, IBANs learned and the mapping remembered.
#[test]
fn the_last_statement_import_is_undone_exactly() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let before = tables_but_history(&ledger);
    // The CAMT statement names its payers' IBANs: the restaurant's is learned.
    let camt = import(&mut ledger, "camt053-v08.xml", Accept::Probable);
    assert!(camt.recorded >= 4, "{:?}", camt.preview.credits);
    let learned: Vec<String> = ledger.bank_clients().unwrap().into_iter().find(|c| c.id == 4).unwrap().ibans;
    assert_eq!(learned, ["FR9616807000010987654321097"]);
    let csv = import(&mut ledger, "credit-mutuel-octobre.csv", Accept::Probable);
    assert!(csv.recorded > 0);
    assert!(
        ledger.remembered_bank_mapping(&csv.preview.csv.as_ref().unwrap().layout_key).unwrap().is_some(),
        "the CSV layout is remembered"
    );
    let undone = bank::undo_last(&mut ledger).unwrap();
    assert_eq!(
        (undone.id, undone.file_name.as_str(), undone.undone_at.is_some()),
        (2, "credit-mutuel-octobre.csv", true)
    );
    let undone = bank::undo_last(&mut ledger).unwrap();
    assert_eq!(undone.id, 1);
    assert_eq!(tables_but_history(&ledger), before, "every table as before the two imports");
    let error = bank::undo_last(&mut ledger).unwrap_err();
    assert_eq!(error.to_string(), "Aucun import de relevé à annuler.");
    // Imported again after the undo, the statement records its credits again.
    assert_eq!(import(&mut ledger, "camt053-v08.xml", Accept::Probable).recorded, camt.recorded);
}

/// A payment of the statement marked rejected since (a bounced cheque) stops the undo, which would lose
/// the rejection.
#[test]
fn an_import_whose_cheque_bounced_since_is_not_undone() {
    let folder = tempfile::tempdir().unwrap();
    let (path, mut ledger) = designer_ledger(folder.path());
    import(&mut ledger, "credit-mutuel.csv", Accept::Probable);
    let cheque = ledger.payments(5).unwrap().into_iter().find(|p| p.amount == money("350")).unwrap();
    let rejection = ardoise::desk::payments::Rejection {
        date: "2026-11-17".parse().unwrap(),
        fees: money("15"),
        reason: "chèque sans provision".into(),
    };
    ardoise::desk::payments::reject_payment(&mut ledger, cheque.id, &rejection).unwrap();
    let before = file_bytes(&ledger, &path);
    let error = bank::undo_last(&mut ledger).unwrap_err();
    assert!(error.to_string().contains("a été marqué rejeté le 2026-11-17"), "{error}");
    assert_eq!(file_bytes(&ledger, &path), before);
}

/// A reminder accepted for the garage's invoice and not sent yet is flagged once the statement shows the
/// invoice paid; a letter already sent, or about an invoice only partly paid, is not.
#[test]
fn a_drafted_letter_for_an_invoice_now_paid_is_flagged() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let garage = decide_proposal(&mut ledger, 1, today(), ProposalAction::Accept).unwrap();
    let lefevre = decide_proposal(&mut ledger, 3, today(), ProposalAction::Accept).unwrap();
    let restaurant = decide_proposal(&mut ledger, 4, today(), ProposalAction::Accept).unwrap();
    ledger.record_letter_sent(restaurant, today()).unwrap();
    assert_eq!(ledger.letter(garage).unwrap().invoice_ids, [101]);
    let report = import(&mut ledger, "credit-mutuel.csv", Accept::Probable);
    let flagged: Vec<i64> = report.letters_to_check.iter().map(|letter| letter.letter_id).collect();
    assert_eq!(flagged, [garage], "not {lefevre} (partly paid) nor {restaurant} (sent)");
    let letter = &report.letters_to_check[0];
    assert_eq!(letter.paid_invoices, ["F2026-068"]);
    assert_eq!(
        letter.message,
        "Le rappel amical préparé le 22/11/2026 pour Garage du Centre n'est pas encore envoyé et il vise la facture \
         F2026-068, désormais réglée : ne l'envoyez pas."
    );
}

fn ardoise(db: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().expect("ardoise runs")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "ardoise failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn cli_ledger(folder: &Path) -> PathBuf {
    let db = folder.join("registre.sqlite3");
    let loaded = ardoise(&db, &["load", data("registre-graphiste.json").to_str().unwrap()]);
    assert!(loaded.status.success(), "{}", String::from_utf8_lossy(&loaded.stderr));
    db
}

/// `ardoise bank import FILE [--dry-run] [--accept none|sure|probable] [--json]`, as the issue writes it:
/// nothing written without --accept or with --dry-run; `credits`, `ignored` and `recorded` in the JSON.
#[test]
fn bank_import_on_the_command_line_keeps_its_contract() {
    let folder = tempfile::tempdir().unwrap();
    let db = cli_ledger(folder.path());
    let file = data("credit-mutuel.csv");
    let file = file.to_str().unwrap();
    let before = std::fs::read(&db).unwrap();
    for arguments in [
        vec!["bank", "import", file, "--json"],
        vec!["bank", "import", file, "--dry-run", "--accept", "probable", "--json"],
        vec!["bank", "import", file, "--accept", "none", "--json"],
    ] {
        let report = json(&ardoise(&db, &arguments));
        assert_eq!((report["recorded"].as_u64(), report["ignored"].as_u64()), (Some(0), Some(3)), "{arguments:?}");
        let credits = report["credits"].as_array().unwrap();
        assert_eq!(credits.len(), 5);
        let garage = &credits[0];
        assert_eq!(garage["line"], 2);
        assert_eq!(garage["date"], "2026-11-05");
        assert_eq!(garage["amount"], "1200.00");
        assert_eq!(garage["label"], "VIR SEPA RECU /DE GARAGE DU CENTRE /MOTIF FACTURE F2026-068");
        assert_eq!(garage["confidence"], "sure");
        assert_eq!(garage["invoices"][0]["number"], "F2026-068");
        assert_eq!(garage["invoices"][0]["amount"], "1200.00");
        let confidences: Vec<&str> = credits.iter().map(|c| c["confidence"].as_str().unwrap()).collect();
        assert_eq!(confidences, ["sure", "sure", "probable", "probable", "sure"]);
        assert_eq!(std::fs::read(&db).unwrap(), before, "{arguments:?}: nothing written");
    }
    let text = String::from_utf8(ardoise(&db, &["bank", "import", file]).stdout).unwrap();
    assert!(text.contains("Rien n'a été enregistré. Pour enregistrer : --accept sure"), "{text}");

    let sure = json(&ardoise(&db, &["bank", "import", file, "--accept", "sure", "--json"]));
    assert_eq!((sure["recorded"].as_u64(), sure["ignored"].as_u64()), (Some(3), Some(3)));
    let probable = json(&ardoise(&db, &["bank", "import", file, "--accept", "probable", "--json"]));
    assert_eq!((probable["recorded"].as_u64(), probable["ignored"].as_u64()), (Some(2), Some(6)));
    assert_eq!(probable["credits"].as_array().unwrap().len(), 2);
    let again = json(&ardoise(&db, &["bank", "import", file, "--accept", "probable", "--json"]));
    assert_eq!((again["recorded"].as_u64(), again["ignored"].as_u64()), (Some(0), Some(8)));

    let history = json(&ardoise(&db, &["bank", "history", "--json"]));
    let ids: Vec<i64> = history.as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [2, 1]);
    assert_eq!(history[0]["payments"], 2);
    let undone = json(&ardoise(&db, &["bank", "undo", "--json"]));
    assert_eq!(undone["id"], 2);
    let text = String::from_utf8(ardoise(&db, &["bank", "history"]).stdout).unwrap();
    assert!(text.contains("(annulé le "), "{text}");

    let wrong = ardoise(&db, &["bank", "import", file, "--accept", "tout"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("valeur « tout » refusée"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
}

/// Every file of `tests/data/bank/bad/` through `ardoise bank import --accept probable`: the files refused
/// whole fail with their French message (what and where) and leave the ledger file as it was, byte for
/// byte; those read with bad lines show each line's problem beside the good lines, and a dry run of them
/// writes nothing either.
#[test]
fn every_bad_statement_is_refused_and_leaves_the_ledger_unchanged() {
    let folder = tempfile::tempdir().unwrap();
    let db = cli_ledger(folder.path());
    let before = std::fs::read(&db).unwrap();
    let refused = [
        ("vide.csv", "Le fichier « vide.csv » est vide."),
        ("releve.pdf", "est un document PDF (les relevés PDF ne se lisent pas)"),
        ("classeur.xlsx", "est une archive ZIP ou un classeur (XLSX, ODS)"),
        ("binaire.bin", "est un fichier binaire, pas un relevé bancaire"),
        ("cfonb-tronque.txt", "Ligne 6 : enregistrement CFONB de 76 caractères au lieu de 120"),
        ("cfonb-code-inconnu.txt", "code d'enregistrement « 09 » inconnu"),
        ("cfonb-sans-solde-final.txt", "s'arrête avant son nouveau solde (enregistrement 07)"),
        ("camt-tronque.xml", "est abîmé ligne"),
        ("camt-latin1-annonce-utf8.xml", "« camt-latin1-annonce-utf8.xml »"),
        ("xml-pas-camt.xml", "n'est pas un relevé CAMT.053 ni un relevé OFX"),
        ("camt054.xml", "n'est pas un relevé CAMT.053"),
        ("camt-sans-stmt.xml", "ne contient aucun relevé de compte (élément Stmt)."),
        ("camt-dtd.xml", "une DTD, refusée par sécurité"),
        ("ofx-sans-stmttrn.ofx", "ne contient pas de liste d'opérations (aucun élément STMTTRN)"),
        ("ofx-tronque.ofx", "s'arrête avant la fin de l'élément <STMTTRN> ouvert ligne 66 : il est tronqué."),
        ("csv-sans-date.csv", "il manque une colonne de date (« Date », « Date opération »...)."),
        ("utf16-sans-bom.csv", "est enregistré en UTF-16 sans l'indication d'ordre des octets"),
        ("texte.txt", "n'est pas un relevé bancaire lisible"),
        (
            "csv-tronque-guillemets.csv",
            "se termine dans un champ entre guillemets ouvert ligne 16 : il est sans doute tronqué.",
        ),
    ];
    let listed = std::fs::read_dir(data("bad")).unwrap().count();
    assert_eq!(listed, refused.len() + 4, "every bad file is checked here");
    for (name, message) in refused {
        let file = data("bad").join(name);
        let output = ardoise(&db, &["bank", "import", file.to_str().unwrap(), "--accept", "probable"]);
        let said = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {said}");
        assert!(said.contains(message), "{name}: {said}");
        assert!(output.stdout.is_empty(), "{name}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{name}: the ledger is unchanged");
    }
    for (name, problem) in [
        ("cfonb-signe-invalide.txt", "Ligne 2, montant : caractère de signe « X » invalide"),
        ("ofx-montant-illisible.ofx", "Ligne 79, TRNAMT : montant illisible « -61 2.0.0 »"),
        ("csv-lignes-illisibles.csv", "Ligne 3, Date : date illisible « 31/11/2026 »"),
        ("csv-devise.csv", "Ligne 3, Devise : opération en « GBP »"),
    ] {
        let file = data("bad").join(name);
        let output = ardoise(&db, &["bank", "import", file.to_str().unwrap(), "--dry-run", "--accept", "probable"]);
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(said.contains(&format!("Ligne illisible : {problem}")), "{name}: {said}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{name}: a dry run writes nothing");
    }
}

/// N26 and Revolut statements were refused whole (« il manque une colonne de libellé »), and a Revolut
/// transfer still pending was « Ligne illisible ». Imported now, each credit meets its invoice by the
/// reference or the payer the file gives, the pending and reverted transfers are set aside and counted,
/// and the sure matches are recorded.
#[test]
fn n26_and_revolut_statements_are_imported_with_their_invoices() {
    for (name, pending, reversed) in [("n26.csv", 0, 0), ("n26-ancien.csv", 0, 0), ("revolut-business.csv", 1, 1)] {
        let folder = tempfile::tempdir().unwrap();
        let (_, mut ledger) = designer_ledger(folder.path());
        let report = import(&mut ledger, name, Accept::Sure);
        let preview = &report.preview;
        assert_eq!(preview.problems, [] as [ardoise::desk::bank::LineProblem; 0], "{name}");
        assert_eq!((preview.sure, preview.probable, preview.unmatched), (3, 2, 0), "{name}");
        assert_eq!((preview.set_aside.pending, preview.set_aside.reversed), (pending, reversed), "{name}");
        assert_eq!((report.recorded_credits, report.recorded_amount), (3, money("3636.60")), "{name}");
        assert_eq!(paid(&ledger, "F2026-068"), money("1200.00"), "{name}");
        assert_eq!(paid(&ledger, "F2026-069"), money("0"), "{name}: the pending transfer waits");
        let garage = &ledger.payments(1).unwrap()[0];
        assert_eq!(garage.date, "2026-11-05".parse::<NaiveDate>().unwrap(), "{name}");
    }
}

/// Regression: CAMT charges in other layouts than `camt053-frais.xml` (the gross in `AmtDtls/TxAmt`, the
/// charges at entry level; a batch entry stating the charges once for its transaction whose
/// `InstdAmt` they explain) gave a « sûr » « paiement partiel » short of the charges, leaving 5,00 € owed.
/// Both pay their invoice in full and say what the bank kept. Charges the entry states that no gross amount
/// explains, equal to the shortfall, leave the partial payment « probable », never recorded as sure.
#[test]
fn charges_in_other_camt_layouts_pay_in_full_and_never_make_a_sure_partial_payment() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    let report = import(&mut ledger, "camt053-frais-autres-formes.xml", Accept::Sure);
    let said = |credit: &bank::CreditView| -> Vec<String> {
        credit.reasons.iter().map(|reason| reason.replace('\u{a0}', " ")).collect()
    };
    for (amount, number, kept) in [
        (
            "1500.00",
            "F2026-071",
            "la banque a retenu 5,00 € de frais : 1 500,00 € payés, 1 495,00 € crédités sur le compte",
        ),
        (
            "1200.00",
            "F2026-068",
            "la banque a retenu 5,00 € de frais : 1 200,00 € payés, 1 195,00 € crédités sur le compte",
        ),
    ] {
        let credit = credit(&report, amount);
        assert_eq!((credit.confidence, credit.bank_charges), (Confidence::Sure, money("5.00")), "{number}");
        let reasons = said(&credit);
        assert!(reasons.iter().any(|r| r == kept), "{number}: {reasons:?}");
        assert!(!reasons.iter().any(|r| r.contains("partiel")), "{number}: {reasons:?}");
        assert_eq!(paid(&ledger, number), money(amount), "{number}");
    }
    assert_eq!(paid(&ledger, "F2026-074"), money("936.60"));
    let dubois = credit(&report, "345.00");
    assert_eq!((dubois.confidence, dubois.bank_charges), (Confidence::Probable, Decimal::ZERO));
    let reasons = said(&dubois);
    assert!(reasons.iter().any(|r| r == "paiement partiel : 345,00 € sur 350,00 €"), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("la banque indique 5,00 € de frais, l'écart exact avec la facture")),
        "{reasons:?}"
    );
    assert_eq!(paid(&ledger, "F2026-077"), Decimal::ZERO);
    assert_eq!((report.recorded_credits, report.recorded_charges), (3, money("10.00")));
}

/// Regression: LCL's last line, the balance on the last day with the account's RIB
/// (`30/11/2026<tab>8111,01<tab><tab><tab>30002 00550 0000157845Z 02`), was imported as a credit of
/// 8 111,01 € « restant à traiter », and the statement ran to the 30th. It is the closing balance.
#[test]
fn the_balance_line_of_an_lcl_export_is_no_credit_to_match() {
    let folder = tempfile::tempdir().unwrap();
    let (_path, mut ledger) = designer_ledger(folder.path());
    for name in ["lcl-tabulations.xls", "lcl-solde-date.csv"] {
        let report = bank::import_statement(&mut ledger, &File::of(name).request(), Accept::None, true).unwrap();
        let preview = &report.preview;
        assert_eq!(preview.credits.len(), 5, "{name}");
        assert!(preview.credits.iter().all(|credit| credit.amount != money("8111.01")), "{name}");
        assert_eq!(preview.last_date, NaiveDate::from_ymd_opt(2026, 11, 20), "{name}");
        assert_eq!(preview.closing_balance.as_ref().map(|balance| balance.amount), Some(money("8111.01")), "{name}");
    }
}

/// Every amount of a JSON value (a string of digits with a point, as amounts are carried), with its key.
fn amounts_of(value: &serde_json::Value, key: &str, into: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => map.iter().for_each(|(key, value)| amounts_of(value, key, into)),
        serde_json::Value::Array(items) => items.iter().for_each(|item| amounts_of(item, key, into)),
        serde_json::Value::String(text)
            if !text.is_empty() && text.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.') =>
        {
            into.push((key.to_string(), text.clone()))
        }
        _ => {}
    }
}

/// `bank import --json` gave `"bank_charges": "0"` (and `"recorded_charges": "0"`) while every other amount
/// read "0.00": every amount of the preview and the report is written with its two decimals.
#[test]
fn every_amount_of_a_bank_import_carries_two_decimals() {
    let folder = tempfile::tempdir().unwrap();
    let (_, mut ledger) = designer_ledger(folder.path());
    let report = import(&mut ledger, "credit-mutuel.csv", Accept::Sure);
    let mut amounts = Vec::new();
    amounts_of(&serde_json::to_value(&report).unwrap(), "", &mut amounts);
    let charges: Vec<_> = amounts.iter().filter(|(key, _)| key.ends_with("charges")).collect();
    assert!(charges.len() > 1, "{amounts:?}");
    let unlike: Vec<_> = amounts
        .iter()
        .filter(|(key, text)| key != "account" && text.split('.').nth(1).map(str::len) != Some(2))
        .collect();
    assert!(unlike.is_empty(), "amounts without two decimals: {unlike:?}");
}
