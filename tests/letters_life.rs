//! The life of a letter through the desk (issue 13, defects 1 to 4), on the demo ledger of 22 November
//! 2026: a drafted or printed letter can be cancelled and stops blocking the ladder; a plan can be
//! abandoned and breaks when its déchéance letter is sent; every letter names its invoices and counts as a
//! step for each; the PDF archived when the sending is recorded is exactly the PDF printed; the batch
//! holds every letter waiting, whatever day it was drafted. Each test is named after the defect it pins.

mod fixtures;
use ardoise::desk::demo;
use ardoise::desk::dispatch::{self, Delivery, SendingForm};
use ardoise::desk::letters::{self as desk, ExportTarget};
use ardoise::desk::plans::{self as plan_desk, PlanOptions};
use ardoise::desk::proposals::{self, ProposalAction};
use ardoise::domain::digest::sha256_hex;
use ardoise::domain::letter_kind::LetterKind;
use ardoise::domain::model::{PaymentFields, PaymentMethod};
use ardoise::domain::plans::PlanState;
use ardoise::Ledger;
use chrono::{Days, NaiveDate};
use std::path::{Path, PathBuf};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn today() -> NaiveDate {
    date("2026-11-22")
}

fn demo_ledger(folder: &Path) -> Ledger {
    let mut ledger = Ledger::open(&folder.join("ledger.sqlite3")).unwrap();
    demo::populate(&mut ledger, today()).unwrap();
    fixtures::enter_2026_s2_rates(&mut ledger);
    ledger
}

fn client_named(ledger: &Ledger, name: &str) -> i64 {
    ardoise::desk::clients::client_list(ledger, today()).unwrap().into_iter().find(|c| c.name == name).expect(name).id
}

fn invoice_numbered(ledger: &Ledger, client: i64, number: &str) -> i64 {
    desk::invoices_by_number(ledger, client, &[number.to_string()]).unwrap()[0]
}

/// The kind proposed to a client on `day`, if any.
fn proposed(ledger: &Ledger, client: i64, day: NaiveDate) -> Option<LetterKind> {
    proposals::client_proposal(ledger, client, day).unwrap().map(|p| p.kind)
}

/// Prints a letter into the ledger's folder (exported to PDF): returns the file written.
fn print(ledger: &mut Ledger, letter: i64, on: NaiveDate) -> PathBuf {
    let folder = ledger.path().unwrap().parent().unwrap().join("courriers");
    desk::export_letter(ledger, letter, on, &ExportTarget::Folder(folder)).unwrap()
}

fn registered(deposit: &str) -> SendingForm {
    SendingForm {
        deposit_date: Some(date(deposit)),
        tracking_number: "1A00967621453".into(),
        level: "R1".into(),
        with_receipt: true,
    }
}

fn simple(deposit: &str) -> SendingForm {
    SendingForm { deposit_date: Some(date(deposit)), ..SendingForm::default() }
}

fn pay(ledger: &mut Ledger, client: i64, on: &str, amount: &str) {
    let fields = PaymentFields {
        client_id: client,
        date: date(on),
        amount: amount.parse().unwrap(),
        method: PaymentMethod::Transfer,
        reference: String::new(),
        allocations: None,
    };
    ardoise::desk::payments::record_payment(ledger, &fields).unwrap();
}

fn timeline_titles(ledger: &Ledger, client: i64, on: NaiveDate) -> Vec<(String, String)> {
    ardoise::desk::clients::client_detail(ledger, client, on)
        .unwrap()
        .timeline
        .into_iter()
        .map(|entry| (entry.title, entry.detail))
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// Defect 1: a letter could never be discarded.

/// A welcome letter drafted from the client page kept a client owing 8 400 € out of « À faire
/// aujourd'hui » for months: no function, command or button could cancel it.
#[test]
fn a_letter_can_never_be_discarded() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    assert_eq!(proposed(&ledger, hotel, today()), Some(LetterKind::FormalNotice));

    // The welcome letter, about the invoice not yet due the picker preselects, blocks the ladder.
    let choices = desk::draft_choices(&ledger, hotel, LetterKind::Welcome, today()).unwrap();
    let picked: Vec<i64> = choices.iter().filter(|c| c.preselected).map(|c| c.id).collect();
    assert_eq!(picked, [invoice_numbered(&ledger, hotel, "F2026-053")]);
    let welcome = desk::draft_for_client(&mut ledger, hotel, LetterKind::Welcome, today(), &picked).unwrap();
    assert_eq!(proposed(&ledger, hotel, today()), None);
    assert_eq!(proposed(&ledger, hotel, date("2027-03-01")), None, "blocked for months");

    // A cancellation says why, or is refused by field; it cannot come before the letter.
    let refused = desk::cancel(&mut ledger, welcome, date("2026-11-25"), "  ").unwrap_err();
    assert_eq!(refused.field_errors().unwrap().0[0].field, "reason");
    assert!(refused.to_string().starts_with("Motif : indiquez pourquoi"), "{refused}");
    let refused = desk::cancel(&mut ledger, welcome, date("2026-11-20"), "erreur").unwrap_err();
    assert!(refused.to_string().contains("ne peut pas précéder"), "{refused}");
    assert_eq!(ledger.letter(welcome).unwrap().status, "drafted");

    let cancelled =
        desk::cancel(&mut ledger, welcome, date("2026-11-25"), "Courrier préparé par erreur : client ancien").unwrap();
    assert_eq!(cancelled.status, "cancelled");
    assert_eq!(cancelled.cancelled_on, Some(date("2026-11-25")));
    // The ladder resumes from the cancellation on; before it, the letter was still waiting.
    assert_eq!(proposed(&ledger, hotel, date("2026-11-24")), None);
    assert_eq!(proposed(&ledger, hotel, date("2026-11-25")), Some(LetterKind::FormalNotice));

    // It stays in the client's history, with its reason, and in the letters list.
    let timeline = timeline_titles(&ledger, hotel, date("2026-11-26"));
    let (_, detail) = timeline.iter().find(|(title, _)| title == "Courrier annulé : Lettre de bienvenue").unwrap();
    assert!(detail.contains("motif : Courrier préparé par erreur : client ancien"), "{detail}");
    assert!(detail.contains("F2026-053"), "{detail}");
    assert!(timeline.iter().any(|(title, _)| title == "Courrier préparé : Lettre de bienvenue"));
    let line = dispatch::letter_lines(&ledger, Some(hotel)).unwrap().into_iter().find(|l| l.row.id == welcome).unwrap();
    assert_eq!(line.status_label, "Annulé le 25 novembre 2026");
    assert_eq!(line.cancel_reason.as_deref(), Some("Courrier préparé par erreur : client ancien"));

    // A cancelled letter is done with: not cancelled again, printed, edited or sent.
    let messages = [
        desk::cancel(&mut ledger, welcome, date("2026-11-26"), "encore").unwrap_err().to_string(),
        desk::export_letter(&mut ledger, welcome, today(), &ExportTarget::Folder(folder.path().into()))
            .unwrap_err()
            .to_string(),
        desk::save_body(&mut ledger, welcome, "Autre texte.", today()).unwrap_err().to_string(),
        dispatch::send_letter(&mut ledger, welcome, &simple("2026-11-26")).unwrap_err().to_string(),
    ];
    for message in messages {
        assert!(message.contains("annulé"), "{message}");
    }

    // A printed letter is cancelled the same way; a sent one no longer is.
    let notice = proposals::decide_proposal(&mut ledger, hotel, date("2026-11-25"), ProposalAction::Accept).unwrap();
    print(&mut ledger, notice, date("2026-11-25"));
    assert_eq!(ledger.letter(notice).unwrap().status, "printed");
    desk::cancel(&mut ledger, notice, date("2026-11-26"), "le client a appelé : virement en cours").unwrap();
    assert_eq!(proposed(&ledger, hotel, date("2026-11-26")), Some(LetterKind::FormalNotice));
    let again = proposals::decide_proposal(&mut ledger, hotel, date("2026-11-26"), ProposalAction::Accept).unwrap();
    print(&mut ledger, again, date("2026-11-26"));
    dispatch::send_letter(&mut ledger, again, &registered("2026-11-26")).unwrap();
    let refused = desk::cancel(&mut ledger, again, date("2026-11-27"), "trop tard").unwrap_err();
    assert!(refused.to_string().contains("déjà envoyé"), "{refused}");
}

/// A plan could not be abandoned: a plan that would never be signed kept its invoices in its hands, and
/// its letter, exported and never sent, blocked the ladder.
#[test]
fn a_plan_could_not_be_abandoned() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let garnier = client_named(&ledger, "M. Thomas GARNIER");
    let plan = plan_desk::draft(&mut ledger, garnier, today(), &PlanOptions::default()).unwrap();
    plan_desk::export(&mut ledger, plan.id, today(), &ExportTarget::Folder(folder.path().join("plans"))).unwrap();
    let letter = ledger.plan(plan.id).unwrap().letter_id.unwrap();
    assert_eq!(ledger.letter(letter).unwrap().status, "printed");
    assert_eq!(proposed(&ledger, garnier, date("2026-11-30")), None, "its plan letter waits to be sent");
    assert!(plan_desk::view(&ledger, plan.id, today()).unwrap().can_abandon);

    let abandoned =
        plan_desk::abandon(&mut ledger, plan.id, date("2026-11-30"), "le client refuse l'échelonnement").unwrap();
    assert_eq!(abandoned.tracking.state, PlanState::Cancelled);
    assert_eq!(abandoned.abandon_reason.as_deref(), Some("le client refuse l'échelonnement"));
    assert!(!abandoned.can_abandon && !abandoned.editable);
    let cancelled = ledger.letter(letter).unwrap();
    assert_eq!(cancelled.status, "cancelled");
    assert!(cancelled.cancel_reason.unwrap().contains(&format!("Échéancier n° {} abandonné", plan.id)));
    // Its invoices are back on the ladder; before the abandon the plan still stood.
    assert!(proposed(&ledger, garnier, date("2026-11-30")).is_some());
    // Printed, never sent: the plan was still a draft before the abandon.
    assert_eq!(plan_desk::view(&ledger, plan.id, date("2026-11-29")).unwrap().tracking.state, PlanState::Draft);
    let timeline = timeline_titles(&ledger, garnier, date("2026-12-01"));
    assert!(timeline.iter().any(|(title, detail)| title == &format!("Échéancier n° {} abandonné", plan.id)
        && detail == "le client refuse l'échelonnement"));
    // Done with: not abandoned twice, not signed, not printed again.
    let twice = plan_desk::abandon(&mut ledger, plan.id, date("2026-12-01"), "").unwrap_err();
    assert!(twice.to_string().contains("abandonné"), "{twice}");
    assert!(plan_desk::sign(&mut ledger, plan.id, date("2026-12-01")).is_err());
    assert!(plan_desk::export(&mut ledger, plan.id, today(), &ExportTarget::Folder(folder.path().into())).is_err());

    // A signed plan in force is abandoned too: the ladder takes its invoices back.
    let signed = plan_desk::draft(&mut ledger, garnier, date("2026-12-01"), &PlanOptions::default()).unwrap();
    plan_desk::sign(&mut ledger, signed.id, date("2026-12-02")).unwrap();
    assert_eq!(proposed(&ledger, garnier, date("2026-12-03")), None, "a plan in force pauses the ladder");
    plan_desk::abandon(&mut ledger, signed.id, date("2026-12-03"), "").unwrap();
    assert!(proposed(&ledger, garnier, date("2026-12-03")).is_some());
}

/// A plan counted as broken as soon as the déchéance letter was drafted, with no way back: a letter
/// drafted and then cancelled (the client paid the next day) left the plan broken.
#[test]
fn a_plan_broke_when_its_decheance_letter_was_drafted() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let garnier = client_named(&ledger, "M. Thomas GARNIER");
    let options = PlanOptions { count: Some(2), ..Default::default() };
    let plan = plan_desk::draft(&mut ledger, garnier, today(), &options).unwrap();
    plan_desk::sign(&mut ledger, plan.id, date("2026-11-23")).unwrap();
    let first = plan.schedule.installments[0].due_date;
    let late = first + Days::new(3);
    assert_eq!(proposed(&ledger, garnier, late), Some(LetterKind::MissedInstallment));

    // Drafted: the plan is late, not broken; the letter cancelled, the plan still stands.
    let letter = proposals::decide_proposal(&mut ledger, garnier, late, ProposalAction::Accept).unwrap();
    assert_eq!(plan_desk::view(&ledger, plan.id, late).unwrap().tracking.state, PlanState::Late);
    desk::cancel(&mut ledger, letter, late, "le client a payé par chèque, en route").unwrap();
    assert_eq!(plan_desk::view(&ledger, plan.id, late).unwrap().tracking.state, PlanState::Late);
    pay(&mut ledger, garnier, &(late + Days::new(1)).to_string(), &plan.schedule.installments[0].amount.to_string());
    assert_eq!(plan_desk::view(&ledger, plan.id, late + Days::new(2)).unwrap().tracking.state, PlanState::Active);

    // Missed again: the déchéance letter breaks the plan on the day it is sent.
    let second = plan.schedule.installments[1].due_date;
    let late = second + Days::new(3);
    let letter = proposals::decide_proposal(&mut ledger, garnier, late, ProposalAction::Accept).unwrap();
    print(&mut ledger, letter, late);
    assert_eq!(plan_desk::view(&ledger, plan.id, late).unwrap().tracking.state, PlanState::Late);
    let sent_on = late + Days::new(2);
    dispatch::send_letter(&mut ledger, letter, &registered(&sent_on.to_string())).unwrap();
    assert_eq!(plan_desk::view(&ledger, plan.id, sent_on - Days::new(1)).unwrap().tracking.state, PlanState::Late);
    assert_eq!(plan_desk::view(&ledger, plan.id, sent_on).unwrap().tracking.state, PlanState::Broken);
    let timeline = ardoise::desk::clients::client_detail(&ledger, garnier, sent_on).unwrap().timeline;
    let broken = timeline.iter().find(|e| e.title == format!("Échéancier n° {} rompu", plan.id)).unwrap();
    assert_eq!(broken.date, sent_on);
}

// ---------------------------------------------------------------------------------------------------------
// Defect 2: a letter drafted from the client page was about no invoice.

/// A letter drafted from the client page was about no invoice, so once sent it counted as no step: a
/// mise en demeure sent by registered mail and received was followed twenty days later by « rappel amical
/// … aucune relance envoyée » for the same invoice. After a received mise en demeure, no lower step is
/// ever proposed for that invoice.
#[test]
fn a_letter_drafted_from_the_client_page_was_about_no_invoice() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let overdue = invoice_numbered(&ledger, hotel, "F2026-067");

    // Every letter names its invoices: none, another client's or a credit note is refused.
    let refused = desk::draft_for_client(&mut ledger, hotel, LetterKind::FormalNotice, today(), &[]).unwrap_err();
    assert!(refused.to_string().starts_with("Factures : choisissez au moins une facture"), "{refused}");
    let vidal = client_named(&ledger, "Transports Vidal SARL");
    let theirs = invoice_numbered(&ledger, vidal, "F2026-065");
    let refused =
        desk::draft_for_client(&mut ledger, hotel, LetterKind::FormalNotice, today(), &[overdue, theirs]).unwrap_err();
    assert!(refused.to_string().contains("F2026-065 n'est pas une facture de Hôtel des Célestins"), "{refused}");
    let moreau = client_named(&ledger, "Cabinet Moreau Architectes");
    let credit_note = invoice_numbered(&ledger, moreau, "F2026-073");
    let refused =
        desk::draft_for_client(&mut ledger, moreau, LetterKind::FirmReminder, today(), &[credit_note]).unwrap_err();
    assert!(refused.to_string().contains("est un avoir"), "{refused}");
    assert!(ledger.letters(None).unwrap().iter().all(|l| l.client_id != hotel || l.status == "sent"));

    // The picker: the client's invoices (credit notes aside), the overdue ones preselected.
    let choices = desk::draft_choices(&ledger, hotel, LetterKind::FormalNotice, today()).unwrap();
    assert_eq!(choices.len(), 9);
    let picked: Vec<i64> = choices.iter().filter(|c| c.preselected).map(|c| c.id).collect();
    assert_eq!(picked, [overdue]);

    // Drafted from the client page, printed, sent by registered mail, received.
    let notice = desk::draft_for_client(&mut ledger, hotel, LetterKind::FormalNotice, today(), &picked).unwrap();
    assert_eq!(ledger.letter(notice).unwrap().invoice_ids, [overdue]);
    print(&mut ledger, notice, today());
    dispatch::send_letter(&mut ledger, notice, &registered("2026-11-24")).unwrap();
    dispatch::record_delivery(&mut ledger, notice, Delivery::Received(date("2026-11-26"))).unwrap();

    // Every day of the next year and a half: any proposal about that invoice is a higher step.
    let notice_rank = LetterKind::FormalNotice.row().ladder_rank.unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for offset in 0..550 {
        let day = date("2026-11-26") + Days::new(offset);
        let Some(proposal) = proposals::client_proposal(&ledger, hotel, day).unwrap() else { continue };
        if !proposal.invoices.iter().any(|i| i.invoice_id == overdue) {
            continue;
        }
        seen.insert(proposal.kind);
        assert!(!proposal.reason.contains("aucune relance envoyée"), "{day}: {}", proposal.reason);
        if let Some(rank) = proposal.kind.row().ladder_rank {
            assert!(rank > notice_rank, "{day}: {:?} proposed after a received mise en demeure", proposal.kind);
        }
    }
    assert!(seen.contains(&LetterKind::PaymentOrderPack), "{seen:?}");
}

/// A letter about several invoices counts as a step for each of them: a relevé sent about four overdue
/// invoices moves every one of them past that step.
#[test]
fn a_letter_counts_as_a_step_for_each_of_its_invoices() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let bonnet = client_named(&ledger, "Traiteur Bonnet");
    let picked: Vec<i64> = desk::draft_choices(&ledger, bonnet, LetterKind::FirmReminder, today())
        .unwrap()
        .into_iter()
        .filter(|c| c.preselected)
        .map(|c| c.id)
        .collect();
    assert_eq!(picked.len(), 4, "Traiteur Bonnet has four overdue invoices");
    let letter = desk::draft_for_client(&mut ledger, bonnet, LetterKind::FirmReminder, today(), &picked).unwrap();
    print(&mut ledger, letter, today());
    dispatch::send_letter(&mut ledger, letter, &registered("2026-11-23")).unwrap();
    // Once the gap has passed, the next step is proposed for all four at once: the firm reminder counted
    // for each.
    let next = (1..60)
        .map(|offset| date("2026-11-23") + Days::new(offset))
        .find_map(|day| proposals::client_proposal(&ledger, bonnet, day).unwrap())
        .expect("a next step");
    let firm_rank = LetterKind::FirmReminder.row().ladder_rank.unwrap();
    let next_rank = next.kind.row().ladder_rank.or_else(|| {
        (next.kind == LetterKind::GroupedStatement).then(|| LetterKind::LastReminder.row().ladder_rank.unwrap())
    });
    assert!(next_rank.unwrap() > firm_rank, "{:?}: {}", next.kind, next.reason);
    let mut ids: Vec<i64> = next.invoices.iter().map(|i| i.invoice_id).collect();
    ids.sort();
    let mut expected = picked.clone();
    expected.sort();
    assert_eq!(ids, expected, "{}", next.reason);
}

// ---------------------------------------------------------------------------------------------------------
// Defect 3: the archived proof was not always the paper.

/// A letter printed in the day's batch was rendered again when its sending was recorded days later: the
/// archived PDF carried another date and a breakdown as of another day — not the letter in the envelope.
#[test]
fn the_archived_proof_was_not_always_the_paper() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let letter = proposals::decide_proposal(&mut ledger, hotel, today(), ProposalAction::Accept).unwrap();

    // Not printed yet: its sending is refused, in French, with what to do.
    let refused = dispatch::send_letter(&mut ledger, letter, &registered("2026-11-24")).unwrap_err();
    assert!(refused.to_string().contains("n'a pas encore été imprimé"), "{refused}");

    // Printed in the day's batch, as one print job: the letter's own PDF is kept with its SHA-256.
    let out = folder.path().join("lot");
    let files = desk::export_batch(&mut ledger, today(), &out, true, false, |_, _| ()).unwrap();
    assert_eq!(files.len(), 1);
    let printed = ledger.letter(letter).unwrap();
    assert_eq!((printed.status.as_str(), printed.printed_on), ("printed", Some(today())));
    let kept_path = ledger.archive_folder().unwrap().join("imprimés").join(printed.printed_file.clone().unwrap());
    let kept = std::fs::read(&kept_path).unwrap();
    assert_eq!(sha256_hex(&kept), printed.printed_sha256.clone().unwrap());

    // Days pass: a part payment arrives, so the letter rendered now would say other things.
    pay(&mut ledger, hotel, "2026-11-23", "400.00");
    let now = desk::stored_letter(&ledger, letter, date("2026-11-25")).unwrap();
    let rendered_now = ardoise::documents::print::letter_pdf(&now, &desk::print_options(&ledger).unwrap()).unwrap();
    assert_ne!(sha256_hex(&rendered_now), sha256_hex(&kept));

    // The sending archives exactly the bytes printed.
    dispatch::send_letter(&mut ledger, letter, &registered("2026-11-25")).unwrap();
    let archived =
        ledger.archive_files(Some(hotel)).unwrap().into_iter().find(|f| f.letter_id == Some(letter)).unwrap();
    assert_eq!(archived.sha256, sha256_hex(&kept));
    assert_eq!(dispatch::read_archived(&ledger, &archived).unwrap(), kept);
    assert_eq!(archived.archived_on, date("2026-11-25"));
    // Exporting the sent letter again gives the archived PDF, not a new rendering.
    let again =
        desk::export_letter(&mut ledger, letter, date("2026-12-01"), &ExportTarget::Folder(folder.path().into()))
            .unwrap();
    assert_eq!(std::fs::read(again).unwrap(), kept);
}

/// A letter edited after it was printed could be recorded as sent: the archive then kept a text that was
/// never in the envelope. It must be printed again first.
#[test]
fn a_letter_edited_after_printing_must_be_printed_again_before_it_is_sent() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let letter = proposals::decide_proposal(&mut ledger, hotel, today(), ProposalAction::Accept).unwrap();
    let first = print(&mut ledger, letter, today());
    let first_sha = ledger.letter(letter).unwrap().printed_sha256.unwrap();

    let original = desk::stored_letter(&ledger, letter, today()).unwrap();
    // Saving the same text changes nothing.
    desk::save_body(&mut ledger, letter, &original.body, today()).unwrap();
    assert_eq!(ledger.letter(letter).unwrap().status, "printed");
    let edited = format!("{}\n\nPost-scriptum : je reste joignable au téléphone.", original.body);
    desk::save_body(&mut ledger, letter, &edited, today()).unwrap();
    let row = ledger.letter(letter).unwrap();
    assert!(row.edited_since_printed() && row.status == "drafted");
    let line = dispatch::letter_lines(&ledger, Some(hotel)).unwrap().into_iter().find(|l| l.row.id == letter).unwrap();
    assert!(line.edited_since_printed);
    assert_eq!(line.status_label, "Modifié après impression : à réimprimer");
    assert_eq!(desk::batch(&ledger, today()).unwrap().len(), 1, "back in the letters to print");

    let refused = dispatch::send_letter(&mut ledger, letter, &registered("2026-11-24")).unwrap_err();
    assert!(refused.to_string().contains("a été modifié après son impression du 22 novembre 2026"), "{refused}");
    assert!(refused.to_string().contains("imprimez-le de nouveau"), "{refused}");
    assert!(ledger.archive_files(Some(hotel)).unwrap().is_empty());

    let second = print(&mut ledger, letter, date("2026-11-23"));
    assert_ne!(first, second);
    let second_sha = ledger.letter(letter).unwrap().printed_sha256.unwrap();
    assert_ne!(first_sha, second_sha);
    dispatch::send_letter(&mut ledger, letter, &registered("2026-11-24")).unwrap();
    let archived = ledger.archive_files(Some(hotel)).unwrap().pop().unwrap();
    assert_eq!(archived.sha256, second_sha);
    assert_eq!(archived.sha256, sha256_hex(&std::fs::read(&second).unwrap()));
    // Sent: its text no longer changes.
    let refused = desk::save_body(&mut ledger, letter, "Autre chose.", today()).unwrap_err();
    assert!(refused.to_string().contains("est envoyé"), "{refused}");
}

/// The kept copy is checked when the sending is recorded: a copy changed or removed since it was printed
/// is not archived as the proof.
#[test]
fn a_kept_copy_changed_since_it_was_printed_is_not_archived() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let letter = proposals::decide_proposal(&mut ledger, hotel, today(), ProposalAction::Accept).unwrap();
    print(&mut ledger, letter, today());
    let kept =
        ledger.archive_folder().unwrap().join("imprimés").join(ledger.letter(letter).unwrap().printed_file.unwrap());
    std::fs::write(&kept, b"%PDF-1.4 another letter").unwrap();
    let refused = dispatch::send_letter(&mut ledger, letter, &registered("2026-11-24")).unwrap_err();
    assert!(refused.to_string().contains("a été modifié depuis son impression"), "{refused}");
    std::fs::remove_file(&kept).unwrap();
    let refused = dispatch::send_letter(&mut ledger, letter, &registered("2026-11-24")).unwrap_err();
    assert!(refused.to_string().contains("a disparu"), "{refused}");
    assert_eq!(ledger.letter(letter).unwrap().status, "printed");
    assert!(ledger.archive_files(None).unwrap().is_empty());
}

/// The kept copies travel with the ledger: a letter printed on one machine is sent from another, with its
/// printed bytes archived.
#[test]
fn a_letter_printed_before_a_bundle_is_sent_after_it_with_the_same_bytes() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let letter = proposals::decide_proposal(&mut ledger, hotel, today(), ProposalAction::Accept).unwrap();
    print(&mut ledger, letter, today());
    let sha = ledger.letter(letter).unwrap().printed_sha256.unwrap();
    let bundle = folder.path().join("registre.ardoise.zip");
    ardoise::desk::ledger_file::bundle(&ledger, &bundle).unwrap();

    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("ardoise.sqlite3");
    ardoise::desk::ledger_file::unbundle(&bundle, &path).unwrap();
    let mut moved = Ledger::open(&path).unwrap();
    dispatch::send_letter(&mut moved, letter, &registered("2026-11-24")).unwrap();
    assert_eq!(moved.archive_files(None).unwrap()[0].sha256, sha);
}

// ---------------------------------------------------------------------------------------------------------
// Defect 4: the day's batch only took letters drafted that day.

/// A letter accepted yesterday and not printed was missing from today's batch while still blocking its
/// client.
#[test]
fn the_days_batch_only_took_letters_drafted_that_day() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let yesterday = proposals::decide_proposal(&mut ledger, hotel, today(), ProposalAction::Accept).unwrap();
    let perrin = client_named(&ledger, "M. David PERRIN");
    let tomorrow = date("2026-11-23");
    let todays = proposals::decide_proposal(&mut ledger, perrin, tomorrow, ProposalAction::Accept).unwrap();

    let waiting: Vec<i64> = desk::batch(&ledger, tomorrow).unwrap().into_iter().map(|(id, _)| id).collect();
    assert_eq!(waiting, [yesterday, todays], "oldest first, whatever day each was drafted");
    let out = folder.path().join("lot");
    let files = desk::export_batch(&mut ledger, tomorrow, &out, false, false, |_, _| ()).unwrap();
    assert_eq!(files.len(), 2);
    for id in [yesterday, todays] {
        let row = ledger.letter(id).unwrap();
        assert_eq!((row.status.as_str(), row.printed_on), ("printed", Some(tomorrow)));
        // Each file written is the copy kept.
        let written = files.iter().find(|f| row.pdf_path.as_deref() == Some(&*f.to_string_lossy())).unwrap();
        assert_eq!(sha256_hex(&std::fs::read(written).unwrap()), row.printed_sha256.unwrap());
    }
    assert!(desk::batch(&ledger, date("2026-11-24")).unwrap().is_empty());
}
