//! Registered mail and proof (F7) on the demo ledger of 22 November 2026: tracking numbers, the deadline a
//! letter sets counted from its receipt or first presentation (weekends, holidays), the dunning engine
//! waiting for it, the archive detecting a changed file, the deposit list and its postage, the
//! court-ready dossier of the demo's most advanced client, the déclaration de créance cleared once sent,
//! and the commands `dispatch`, `letters`, `deposit-list` and `dossier`. A letter's sending is recorded
//! only once it was printed: the tests print each letter before they send it.

mod fixtures;
use ardoise::desk::demo;
use ardoise::desk::deposit::{self, PriceTable};
use ardoise::desk::dispatch::{self as archive, ArchiveRole, Integrity};
use ardoise::desk::dispatch::{record_delivery, send_letter};
use ardoise::desk::dossier;
use ardoise::desk::letters::{self as desk, ExportTarget};
use ardoise::desk::proposals::ProposalAction;
use ardoise::domain::delivery::{check_tracking_number, deadline, deadline_end, Delivery, GuaranteeLevel, SendingForm};
use ardoise::domain::letter_kind::LetterKind;
use ardoise::Ledger;
use chrono::NaiveDate;
use std::path::Path;
use std::process::{Command, Output};

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
    // The déclaration de créance states only what the user confirmed (issue 13, defect 6): no sum to fall
    // due and no security, for the demo's client in a collective procedure.
    let transports = client_named(&ledger, "Transports Vidal SARL");
    ardoise::desk::procedure::confirm_claim_statement(&mut ledger, transports, "", "", today()).unwrap();
    ledger
}

fn client_named(ledger: &Ledger, name: &str) -> i64 {
    ardoise::desk::clients::client_list(ledger, today()).unwrap().into_iter().find(|c| c.name == name).expect(name).id
}

/// Accepts the client's proposal of the day and prints it: the letter's id.
fn accept(ledger: &mut Ledger, client: i64, on: NaiveDate) -> i64 {
    let letter = ardoise::desk::proposals::decide_proposal(ledger, client, on, ProposalAction::Accept).unwrap();
    print(ledger, letter);
    letter
}

/// Exports a letter's PDF into the ledger's folder: the letter is printed, its bytes kept.
fn print(ledger: &mut Ledger, letter: i64) -> std::path::PathBuf {
    let folder = ledger.path().unwrap().parent().unwrap().join("exports");
    desk::export_letter(ledger, letter, today(), &ExportTarget::Folder(folder)).unwrap()
}

fn registered(deposit: &str, number: &str, level: &str, with_receipt: bool) -> SendingForm {
    SendingForm { deposit_date: Some(date(deposit)), tracking_number: number.into(), level: level.into(), with_receipt }
}

fn pdf_text(path: &Path) -> String {
    let output =
        Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn tracking_numbers_are_checked_and_normalised() {
    // (written, normalised when valid, words of the refusal otherwise)
    let cases: &[(&str, Result<&str, &str>)] = &[
        // S10: RR 47312482 9 FR, weights 8 6 4 2 3 5 9 7 give 200, 11 − 200 mod 11 = 9.
        ("RR473124829FR", Ok("RR473124829FR")),
        ("rr 473 124 829 fr", Ok("RR473124829FR")),
        // 11 − sum mod 11 = 10 gives 0, = 11 gives 5.
        ("RR100000140FR", Ok("RR100000140FR")),
        ("RR100000025FR", Ok("RR100000025FR")),
        // La Poste's domestic form: a digit, a letter, 11 digits.
        ("1A 009 676 2145 3", Ok("1A00967621453")),
        ("1a00967621453", Ok("1A00967621453")),
        // Wrong check digits.
        ("RR473124828FR", Err("devrait être 9, pas 8")),
        ("RR100000145FR", Err("devrait être 0, pas 5")),
        ("RR100000020FR", Err("devrait être 5, pas 0")),
        // Invalid forms.
        ("", Err("indiquez le numéro")),
        ("RR47312482FR", Err("13 lettres et chiffres")),
        ("RR4731248299FR", Err("13 lettres et chiffres")),
        ("RR47312482#FR", Err("13 lettres et chiffres")),
        ("R1473124829FR", Err("ni un numéro de La Poste")),
        ("AB00967621453", Err("ni un numéro de La Poste")),
        ("1A0096762145X", Err("ni un numéro de La Poste")),
    ];
    for (written, expected) in cases {
        match (check_tracking_number(written), expected) {
            (Ok(found), Ok(normalised)) => assert_eq!(&found, normalised, "{written}"),
            (Err(message), Err(words)) => assert!(message.contains(words), "{written}: {message}"),
            (found, expected) => panic!("{written}: {found:?}, expected {expected:?}"),
        }
    }
}

#[test]
fn deadlines_count_from_receipt_or_first_presentation_and_leave_weekends_and_holidays() {
    // (kind, delivery, last day of the deadline)
    let cases: &[(LetterKind, Delivery, Option<&str>)] = &[
        // Received on a Thursday: 8 days later is a Friday.
        (LetterKind::FormalNotice, Delivery::Received(date("2026-11-12")), Some("2026-11-20")),
        // Received on a Friday: the 8th day is a Saturday, the deadline ends on Monday.
        (LetterKind::FormalNotice, Delivery::Received(date("2026-11-27")), Some("2026-12-07")),
        // Left unclaimed: counted from the first presentation, not from the return 15 days later.
        (LetterKind::FormalNotice, Delivery::Unclaimed(date("2026-11-27")), Some("2026-12-07")),
        // The 8th day is Christmas (a Friday): the next business day is Monday 28.
        (LetterKind::FormalNotice, Delivery::Received(date("2026-12-17")), Some("2026-12-28")),
        // The 8th day is Ascension Thursday 2026 (Easter on 5 April): Friday.
        (LetterKind::MissedInstallment, Delivery::Unclaimed(date("2026-05-06")), Some("2026-05-15")),
        // 14 July on a Tuesday.
        (LetterKind::FormalNotice, Delivery::Received(date("2026-07-06")), Some("2026-07-15")),
        // A returned letter sets no deadline; a reminder's text sets none from receipt.
        (LetterKind::FormalNotice, Delivery::Returned(date("2026-11-27")), None),
        (LetterKind::FriendlyReminder, Delivery::Received(date("2026-11-12")), None),
    ];
    for (kind, delivery, expected) in cases {
        let found = deadline(*kind, delivery).map(|d| d.ends_on);
        assert_eq!(found, expected.map(date), "{kind:?} {delivery:?}");
        if let Some(found) = deadline(*kind, delivery) {
            assert_eq!(found.from, delivery.date());
            assert!(ardoise::domain::calendar::is_business_day(found.ends_on));
        }
    }
    // 8 days after Thursday 24 December is New Year's Day, then a weekend.
    assert_eq!(deadline_end(date("2026-12-24"), 8), date("2027-01-04"));
}

/// The Hôtel des Célestins' mise en demeure of the demo, accepted today.
fn hotel_notice(ledger: &mut Ledger) -> (i64, i64) {
    let hotel = client_named(ledger, "Hôtel des Célestins");
    let letter = accept(ledger, hotel, today());
    assert_eq!(ledger.dispatch_row(letter).unwrap().kind, LetterKind::FormalNotice);
    (hotel, letter)
}

#[test]
fn a_registered_letter_goes_from_printed_to_sent_to_unclaimed_and_the_engine_waits_for_its_deadline() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (hotel, letter) = hotel_notice(&mut ledger);

    // Every problem of the form at once, by field; nothing recorded.
    let refused = send_letter(&mut ledger, letter, &SendingForm::default()).unwrap_err();
    let fields: Vec<_> = refused.field_errors().unwrap().0.iter().map(|e| e.field.clone()).collect();
    assert_eq!(fields, ["deposit_date", "tracking_number", "level"]);
    let refused = send_letter(&mut ledger, letter, &registered("2026-11-24", "RR473124828FR", "R1", true));
    assert!(refused.unwrap_err().to_string().contains("chiffre de contrôle"));
    let refused = send_letter(&mut ledger, letter, &registered("2026-11-20", "RR473124829FR", "R1", true));
    assert!(refused.unwrap_err().to_string().contains("précéder la préparation"));
    assert_eq!(ledger.dispatch_row(letter).unwrap().status, "printed");
    // No delivery before the letter left.
    assert!(record_delivery(&mut ledger, letter, Delivery::Received(date("2026-11-25"))).is_err());

    let row = send_letter(&mut ledger, letter, &registered("2026-11-24", "rr 473124829 fr", "r2", true)).unwrap();
    assert_eq!(row.status, "sent");
    assert_eq!(row.tracking_number.as_deref(), Some("RR473124829FR"));
    assert_eq!(
        (row.level, row.with_receipt, row.deposit_date),
        (Some(GuaranteeLevel::R2), true, Some(date("2026-11-24")))
    );
    assert!(record_delivery(&mut ledger, letter, Delivery::Unclaimed(date("2026-11-23"))).is_err(), "before sending");
    let row = record_delivery(&mut ledger, letter, Delivery::Unclaimed(date("2026-11-27"))).unwrap();
    assert_eq!(row.deadline().unwrap().ends_on, date("2026-12-07"));
    // Once delivered, the sending is fixed.
    assert!(send_letter(&mut ledger, letter, &registered("2026-11-25", "RR473124829FR", "R1", true)).is_err());

    // The next step counts from the first presentation and waits for the end of the deadline (Monday
    // 7 December, the 8th day being a Saturday).
    let pack_on = |ledger: &Ledger, day: &str| {
        ardoise::desk::proposals::proposals(ledger, date(day))
            .unwrap()
            .into_iter()
            .any(|p| p.client_id == hotel && p.kind == LetterKind::PaymentOrderPack)
    };
    assert!(!pack_on(&ledger, "2026-12-05"));
    assert!(!pack_on(&ledger, "2026-12-06"));
    assert!(pack_on(&ledger, "2026-12-07"));
    let pack = ardoise::desk::proposals::proposals(&ledger, date("2026-12-07"))
        .unwrap()
        .into_iter()
        .find(|p| p.client_id == hotel)
        .unwrap();
    assert!(pack.reason.contains("avisée non réclamée depuis le 27 novembre"), "{}", pack.reason);

    // The timeline shows the presentation and the deadline.
    let timeline = ardoise::desk::clients::client_detail(&ledger, hotel, date("2026-12-08")).unwrap().timeline;
    let presented = timeline.iter().find(|e| e.title == "Avisé non réclamé : Mise en demeure").expect("presentation");
    assert_eq!(presented.date, date("2026-11-27"));
    assert!(presented.detail.contains("jusqu'au 7 décembre 2026"), "{}", presented.detail);
    let end = timeline.iter().find(|e| e.title == "Fin du délai : Mise en demeure").expect("deadline");
    assert_eq!(end.date, date("2026-12-07"));
}

#[test]
fn a_returned_letter_sets_no_deadline_and_the_engine_keeps_waiting() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (hotel, letter) = hotel_notice(&mut ledger);
    send_letter(&mut ledger, letter, &registered("2026-11-24", "1A00967621453", "R1", true)).unwrap();
    let row = record_delivery(&mut ledger, letter, Delivery::Returned(date("2026-12-10"))).unwrap();
    assert_eq!(row.deadline(), None);
    let proposals = ardoise::desk::proposals::proposals(&ledger, date("2027-01-15")).unwrap();
    assert!(!proposals.iter().any(|p| p.client_id == hotel && p.kind == LetterKind::PaymentOrderPack));
    let timeline = ardoise::desk::clients::client_detail(&ledger, hotel, date("2026-12-10")).unwrap().timeline;
    assert!(timeline
        .iter()
        .any(|e| e.title == "Courrier retourné : Mise en demeure" && e.detail.contains("vérifiez l'adresse")));
}

#[test]
fn the_archive_keeps_the_exported_pdf_and_reports_a_changed_or_missing_file() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let archive_folder = ledger.archive_folder().unwrap();
    assert_eq!(archive_folder, folder.path().join("archive"));
    let (_, letter) = hotel_notice(&mut ledger);
    std::fs::create_dir_all(folder.path().join("export")).unwrap();
    let exported =
        desk::export_letter(&mut ledger, letter, today(), &ExportTarget::Folder(folder.path().join("export"))).unwrap();
    assert_eq!(ledger.dispatch_row(letter).unwrap().status, "printed");
    // The bytes archived are those of the last print, whatever becomes of the file exported.
    std::fs::write(&exported, b"%PDF-1.4 the user's file, overwritten").unwrap();
    let exported = desk::export_letter(&mut ledger, letter, today(), &ExportTarget::File(exported)).unwrap();

    archive::send_letter(&mut ledger, letter, &registered("2026-11-24", "RR473124829FR", "R1", true)).unwrap();
    let files = ledger.archive_files(None).unwrap();
    assert_eq!(files.len(), 1, "the scans and the printed copies are not letters sent");
    let file = &files[0];
    assert_eq!((file.letter_id, file.role), (Some(letter), ArchiveRole::Letter));
    // Reopening shows exactly what was exported: the same bytes, the same hash.
    let sent_bytes = std::fs::read(&exported).unwrap();
    assert_eq!(archive::read_archived(&ledger, file).unwrap(), sent_bytes);
    assert_eq!(file.sha256, ardoise::domain::digest::sha256_hex(&sent_bytes));
    let checks = archive::verify_archive(&ledger, None).unwrap();
    assert_eq!(checks.iter().map(|c| c.state).collect::<Vec<_>>(), [Integrity::Intact]);
    let lines = archive::letter_lines(&ledger, None).unwrap();
    assert!(!lines.iter().any(|l| l.tampered));

    // Attach the scans of the deposit proof and of the signed receipt.
    let scan = folder.path().join("preuve de dépôt.png");
    std::fs::write(&scan, b"\x89PNG\r\n\x1a\n scan of the deposit proof").unwrap();
    let proof = archive::attach_scan(&mut ledger, letter, ArchiveRole::DepositProof, &scan, today()).unwrap();
    assert!(proof.file_name.ends_with(".png"));
    assert_eq!(std::fs::read(archive_folder.join(&proof.file_name)).unwrap(), std::fs::read(&scan).unwrap());

    // Tamper with the archived letter: the archive says so, and refuses to show it as the original.
    let path = archive_folder.join(&file.file_name);
    let mut changed = sent_bytes.clone();
    let at = changed.len() / 2;
    changed[at] ^= 0x20;
    std::fs::write(&path, &changed).unwrap();
    let checks = archive::verify_archive(&ledger, None).unwrap();
    let letter_check = checks.iter().find(|c| c.file.id == file.id).unwrap();
    assert_eq!(letter_check.state, Integrity::Changed);
    assert!(letter_check.message.contains("a été modifié"), "{}", letter_check.message);
    assert_eq!(checks.iter().find(|c| c.file.id == proof.id).unwrap().state, Integrity::Intact);
    assert!(archive::read_archived(&ledger, file).unwrap_err().to_string().contains("a été modifié"));
    let lines = archive::letter_lines(&ledger, None).unwrap();
    assert!(lines.iter().find(|l| l.row.id == letter).unwrap().tampered);

    std::fs::remove_file(&path).unwrap();
    let checks = archive::verify_archive(&ledger, None).unwrap();
    assert_eq!(checks.iter().find(|c| c.file.id == file.id).unwrap().state, Integrity::Missing);

    // The archive's rows survive export and load.
    let export = ledger.export().unwrap();
    let mut copy = Ledger::open_in_memory().unwrap();
    copy.load(&export).unwrap();
    assert_eq!(copy.archive_files(None).unwrap(), ledger.archive_files(None).unwrap());
}

#[test]
fn a_failed_archive_records_no_sending() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (_, letter) = hotel_notice(&mut ledger);
    // The archived copy cannot be written: a folder stands where its temporary file goes.
    let kept = ledger.letter(letter).unwrap().printed_file.unwrap();
    let stem = kept.trim_start_matches(&format!("Courrier n° {letter} - ")).trim_end_matches(".pdf");
    let name = format!("2026-11-24 Courrier envoyé n° {letter} - {stem}.pdf.partial");
    std::fs::create_dir_all(folder.path().join("archive").join(name)).unwrap();
    let refused = archive::send_letter(&mut ledger, letter, &registered("2026-11-24", "RR473124829FR", "R1", true));
    assert!(refused.is_err());
    let row = ledger.dispatch_row(letter).unwrap();
    assert_eq!((row.status.as_str(), row.tracking_number), ("printed", None));
    assert!(ledger.archive_files(None).unwrap().is_empty());
}

#[test]
fn the_deposit_list_lists_the_days_registered_letters_with_their_postage() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (_, notice) = hotel_notice(&mut ledger);
    let transports = client_named(&ledger, "Transports Vidal SARL");
    let declaration = accept(&mut ledger, transports, today());
    archive::send_letter(&mut ledger, notice, &registered("2026-11-24", "1A00967621453", "R2", true)).unwrap();
    archive::send_letter(&mut ledger, declaration, &registered("2026-11-24", "RR473124829FR", "R1", false)).unwrap();

    let prices = deposit::price_table(&ledger).unwrap();
    assert_eq!(prices, PriceTable::default());
    let r1_2026 = prices.on(date("2026-11-24")).unwrap();
    assert_eq!(r1_2026.r1.to_string(), "6.11", "the 2026 public price of a 20 g registered letter");
    let list = deposit::deposit_list(&ledger, date("2026-11-24")).unwrap();
    assert_eq!(list.lines.len(), 2);
    let expected = prices.postage(date("2026-11-24"), GuaranteeLevel::R2, true).unwrap().0
        + prices.postage(date("2026-11-24"), GuaranteeLevel::R1, false).unwrap().0;
    assert_eq!(list.total, expected);
    assert!(list.to_confirm, "R2 and AR prices of 2026 are to confirm");
    assert!(deposit::deposit_list(&ledger, date("2026-11-25")).unwrap().lines.is_empty());

    // An edited table: the user's confirmed prices replace the estimates.
    let mut edited = prices.clone();
    let last = edited.rows.last_mut().unwrap();
    last.r2 = "7.45".parse().unwrap();
    last.receipt = "1.40".parse().unwrap();
    last.to_confirm = false;
    deposit::save_price_table(&mut ledger, &edited).unwrap();
    let list = deposit::deposit_list(&ledger, date("2026-11-24")).unwrap();
    assert_eq!(list.total.to_string(), "14.96", "7.45 + 1.40 + 6.11");
    assert!(!list.to_confirm);
    let mut duplicated = edited.clone();
    duplicated.rows.push(duplicated.rows[0].clone());
    assert!(deposit::save_price_table(&mut ledger, &duplicated).unwrap_err().to_string().contains("même jour"));

    let path = folder.path().join("liste.pdf");
    std::fs::write(&path, deposit::deposit_list_pdf(&ledger, list.date).unwrap()).unwrap();
    let text = pdf_text(&path);
    for words in
        ["Liste de dépôt du 24 novembre 2026", "1A00967621453", "RR473124829FR", "Hôtel des Célestins", "14,96 €"]
    {
        assert!(text.contains(words), "{words} missing from:\n{text}");
    }
    // Each word whole on its line, as a printer draws it: « Total » was cut « Tota » / « l » by a narrow column.
    let output = std::process::Command::new("pdftotext").args(["-bbox", path.to_str().unwrap(), "-"]).output().unwrap();
    let boxes = String::from_utf8(output.stdout).unwrap();
    let words: Vec<&str> = boxes
        .lines()
        .filter_map(|line| line.split_once('>'))
        .filter_map(|(_, rest)| rest.strip_suffix("</word>"))
        .collect();
    assert!(words.contains(&"Total"), "{words:?}");
    assert!(!words.contains(&"Tota"), "{words:?}");
}

#[test]
fn the_declaration_de_creance_leaves_the_dashboard_once_sent() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let transports = client_named(&ledger, "Transports Vidal SARL");
    let proposed = |ledger: &Ledger, day: &str| {
        ardoise::desk::proposals::proposals(ledger, date(day))
            .unwrap()
            .into_iter()
            .any(|p| p.client_id == transports && p.kind == LetterKind::ClaimDeclaration)
    };
    assert!(proposed(&ledger, "2026-11-22"));
    let letter = accept(&mut ledger, transports, today());
    archive::send_letter(&mut ledger, letter, &registered("2026-11-24", "RR100000140FR", "R1", true)).unwrap();
    assert!(!proposed(&ledger, "2026-11-25"));
    assert!(!proposed(&ledger, "2026-12-20"));
}

/// The demo's most advanced client: the one with the most letters sent.
fn most_advanced(ledger: &Ledger) -> i64 {
    let rows = ledger.dispatch_rows(None).unwrap();
    let mut counts = std::collections::BTreeMap::new();
    for row in rows.iter().filter(|r| r.status == "sent") {
        *counts.entry(row.client_id).or_insert(0) += 1;
    }
    let (client, count) = counts.into_iter().max_by_key(|(_, count)| *count).expect("letters sent in the demo");
    assert!(count >= 2);
    client
}

#[test]
fn the_dossier_of_the_demos_most_advanced_client_holds_every_document_and_the_penalties_claim() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let client = most_advanced(&ledger);
    // Its next letter is printed and sent today (the archive keeps its PDF), then received, and its signed
    // receipt scanned.
    let next = accept(&mut ledger, client, today());
    let form = SendingForm { deposit_date: Some(today()), ..SendingForm::default() };
    send_letter(&mut ledger, next, &form).unwrap();
    let sent: Vec<_> = ledger.dispatch_rows(Some(client)).unwrap().into_iter().filter(|r| r.status == "sent").collect();
    let last = sent.first().unwrap();
    assert_eq!(last.id, next);
    record_delivery(&mut ledger, last.id, Delivery::Received(last.sent_on.unwrap() + chrono::Days::new(2))).unwrap();
    let scan = folder.path().join("ar.pdf");
    std::fs::write(&scan, b"%PDF-1.4 signed receipt").unwrap();
    archive::attach_scan(&mut ledger, last.id, ArchiveRole::Receipt, &scan, today()).unwrap();

    let out = folder.path().join("dossiers");
    std::fs::create_dir_all(&out).unwrap();
    let built = dossier::build(&ledger, client, today(), &out).unwrap();
    let penalties = ardoise::desk::penalties::penalties(&ledger, client, today()).unwrap();
    assert_eq!(
        (built.principal, built.interest, built.indemnity, built.total),
        (
            penalties.breakdown.principal,
            penalties.breakdown.interest,
            penalties.breakdown.indemnity,
            penalties.breakdown.total
        )
    );
    assert_eq!(built.total.scale(), 2, "to the cent");

    let mut expected = vec![
        "01 Récapitulatif chronologique.pdf".to_string(),
        "02 Décompte de la créance.pdf".to_string(),
        "03 Fiche injonction de payer.pdf".to_string(),
    ];
    for row in sent.iter().rev() {
        expected.push(format!(
            "Courriers/{} {} n° {}.pdf",
            row.sent_on.unwrap().format("%Y-%m-%d"),
            row.kind.title(),
            row.id
        ));
    }
    let receipt_file =
        ledger.archive_files(Some(client)).unwrap().into_iter().find(|f| f.role == ArchiveRole::Receipt).unwrap();
    expected.insert(3 + sent.len(), format!("Preuves/{}", receipt_file.file_name));
    let mut found = built.files.clone();
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
    for file in &built.files {
        assert!(built.folder.join(file).is_file(), "{file}");
    }
    // The archived letter is copied as archived; the others are rendered again, and the dossier says so.
    let archived =
        ledger.archive_files(Some(client)).unwrap().into_iter().find(|f| f.role == ArchiveRole::Letter).unwrap();
    let copied = built.files.iter().find(|f| f.ends_with(&format!("n° {}.pdf", last.id))).unwrap();
    assert_eq!(
        ardoise::domain::digest::sha256_hex(&std::fs::read(built.folder.join(copied)).unwrap()),
        archived.sha256
    );
    assert_eq!(built.warnings.len(), sent.len() - 1, "{:?}", built.warnings);

    // The client is a consumer: tribunal judiciaire, Cerfa 12948, the town of its address.
    let debtor = ledger.client(client).unwrap();
    assert_eq!(debtor.fields.kind, ardoise::domain::model::ClientKind::Consumer);
    assert_eq!((built.court.cerfa.as_str(), built.court.town.as_str()), ("12948", debtor.fields.address.town.as_str()));

    // The PDF's standard fonts print no-break spaces as spaces.
    let total = ardoise::domain::money::format_eur(penalties.breakdown.total).replace(['\u{a0}', '\u{202f}'], " ");
    let claim = pdf_text(&built.folder.join("02 Décompte de la créance.pdf"));
    assert!(claim.contains("Total dû") && claim.contains(&total), "{claim}");
    let sheet = pdf_text(&built.folder.join("03 Fiche injonction de payer.pdf"));
    for words in
        ["Cerfa n° 12948", "tribunal judiciaire", "à confirmer", debtor.fields.address.town.as_str(), total.as_str()]
    {
        assert!(sheet.contains(words), "{words} missing from:\n{sheet}");
    }
    let summary = pdf_text(&built.folder.join("01 Récapitulatif chronologique.pdf"));
    for row in &sent {
        // A long title wraps in its column: its first words are on the letter's line.
        let head: String = row.kind.title().chars().take(24).collect();
        assert!(summary.contains(&head), "{head} missing from:\n{summary}");
    }
    assert!(summary.contains("Accusé de réception"), "{summary}");
}

/// The dossier's summary cut its cells (« Courrier envoyé : Mise en », « Accusé de réception, ») and let a
/// detail run into the amount column; the court was named « Tribunal de commerce de 69002 LYON ». Every
/// cell wraps in its column, whole, and the court is named after the town alone.
#[test]
fn the_dossiers_summary_wraps_its_cells_whole_and_names_the_court_after_the_town() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (hotel, letter) = hotel_notice(&mut ledger);
    send_letter(&mut ledger, letter, &registered("2026-11-24", "RR473124829FR", "R1", true)).unwrap();
    record_delivery(&mut ledger, letter, Delivery::Received(date("2026-11-27"))).unwrap();
    for (role, name) in [(ArchiveRole::DepositProof, "depot.pdf"), (ArchiveRole::Receipt, "ar.pdf")] {
        let scan = folder.path().join(name);
        std::fs::write(&scan, b"%PDF-1.4 scan").unwrap();
        archive::attach_scan(&mut ledger, letter, role, &scan, date("2026-11-28")).unwrap();
    }
    let as_of = date("2026-12-10");
    let out = folder.path().join("dossiers");
    let built = dossier::build(&ledger, hotel, as_of, &out).unwrap();
    assert_eq!(ledger.client(hotel).unwrap().fields.address.town, "LYON");
    assert_eq!(built.court.name, "Tribunal de commerce de Lyon");
    let sheet = pdf_text(&built.folder.join("03 Fiche injonction de payer.pdf"));
    assert!(sheet.contains("Tribunal de commerce de Lyon (à confirmer)"), "{sheet}");

    // The text in the order it is drawn, cell by cell: each cell's words follow each other.
    let output = Command::new("pdftotext")
        .arg("-raw")
        .arg(built.folder.join("01 Récapitulatif chronologique.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let summary = String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let account = ardoise::desk::accounts::account(&ledger, hotel, as_of).unwrap();
    let timeline = ardoise::desk::clients::client_timeline(&ledger, &account, as_of).unwrap();
    let titles: Vec<&str> = timeline.iter().map(|entry| entry.title.as_str()).collect();
    assert!(titles.iter().any(|title| title.starts_with("Courrier envoyé")), "{titles:?}");
    for entry in timeline.iter().filter(|entry| !entry.title.is_empty()) {
        for cell in [&entry.title, &entry.detail] {
            let whole = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(summary.contains(&whole), "« {whole} » cut in:\n{summary}");
        }
    }
    assert!(summary.contains("Preuve de dépôt, Accusé de réception"), "{summary}");
}

/// A dossier dated before a proof was archived or a letter delivered copied that proof and said the
/// letter received: as of its date it holds the letters sent by then and only the proofs archived by then.
#[test]
fn a_dossier_dated_before_a_proof_or_a_delivery_leaves_them_out() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (hotel, letter) = hotel_notice(&mut ledger);
    send_letter(&mut ledger, letter, &registered("2026-11-24", "RR473124829FR", "R1", true)).unwrap();
    record_delivery(&mut ledger, letter, Delivery::Received(date("2026-11-27"))).unwrap();
    for (role, name, on) in
        [(ArchiveRole::DepositProof, "depot.pdf", "2026-11-24"), (ArchiveRole::Receipt, "ar.pdf", "2026-11-28")]
    {
        let scan = folder.path().join(name);
        std::fs::write(&scan, b"%PDF-1.4 scan").unwrap();
        archive::attach_scan(&mut ledger, letter, role, &scan, date(on)).unwrap();
    }
    let proofs = |built: &dossier::Dossier| -> Vec<String> {
        built.files.iter().filter(|file| file.starts_with("Preuves/")).cloned().collect()
    };
    let out = folder.path().join("dossiers");
    // The day the letter left: the letter and its deposit proof, not yet received.
    let built = dossier::build(&ledger, hotel, date("2026-11-25"), &out).unwrap();
    assert!(built.files.iter().any(|file| file.ends_with(&format!("n° {letter}.pdf"))), "{:?}", built.files);
    let found = proofs(&built);
    assert!(found.len() == 1 && found[0].contains("Preuve de dépôt"), "{found:?}");
    let summary = pdf_text(&built.folder.join("01 Récapitulatif chronologique.pdf"));
    assert!(!summary.contains("reçu le") && !summary.contains("Accusé de réception"), "{summary}");
    // Received on the 27th, its receipt archived on the 28th: on the 27th, no receipt yet.
    let built = dossier::build(&ledger, hotel, date("2026-11-27"), &out).unwrap();
    assert_eq!(proofs(&built).len(), 1, "{:?}", built.files);
    let summary = pdf_text(&built.folder.join("01 Récapitulatif chronologique.pdf"));
    assert!(summary.contains("reçu le 27 novembre 2026"), "{summary}");
    // Once both are in, both are copied.
    let built = dossier::build(&ledger, hotel, date("2026-12-10"), &out).unwrap();
    assert_eq!(proofs(&built).len(), 2, "{:?}", built.files);
    // Before the letter left, there is no letter and no proof.
    let built = dossier::build(&ledger, hotel, date("2026-11-23"), &out).unwrap();
    assert!(!built.files.iter().any(|file| file.starts_with("Courriers/") || file.starts_with("Preuves/")));
}

/// `attach` archived a signed receipt for a letter never sent, later cancelled, and a CSV as a deposit
/// proof. A proof is attached only to a letter recorded as sent, and only a PDF, PNG or JPEG, told from
/// its bytes; a refusal archives nothing. The message agrees with the proof's gender.
#[test]
fn attach_refuses_a_proof_for_a_letter_not_sent_and_a_file_that_is_no_scan() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let mut ledger = demo_ledger(folder.path());
    let (hotel, letter) = hotel_notice(&mut ledger);
    let invoices = ledger.dispatch_row(letter).unwrap().invoice_ids;
    let cancelled = ledger
        .draft_letter(
            hotel,
            LetterKind::FriendlyReminder,
            ardoise::domain::letter_kind::Dispatch::Email,
            today(),
            &invoices,
        )
        .unwrap();
    desk::cancel(&mut ledger, cancelled, today(), "envoyé par erreur").unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let receipt = write("ar-signe.pdf", b"%PDF-1.4 signed receipt");
    let table = write("factures.csv", "Numéro;Client;Montant\nF2026-067;Hôtel des Célestins;8400,00\n".as_bytes());
    let photo = write("depot.jpg", b"\xFF\xD8\xFF\xE0 photo of the deposit proof");
    let archived = |ledger: &Ledger| ledger.archive_files(Some(hotel)).unwrap().len();
    let before = archived(&ledger);

    // (letter, role, file, words of the refusal)
    let refusals = [
        (cancelled, ArchiveRole::Receipt, &receipt, "est annulé"),
        (letter, ArchiveRole::Receipt, &receipt, "n'est pas enregistré comme envoyé"),
    ];
    for (id, role, file, words) in refusals {
        let refused = archive::attach_scan(&mut ledger, id, role, file, today()).unwrap_err().to_string();
        assert!(refused.contains(words), "{refused}");
    }
    send_letter(&mut ledger, letter, &registered("2026-11-24", "RR473124829FR", "R1", true)).unwrap();
    let with_letter = archived(&ledger);
    assert_eq!(with_letter, before + 1, "the letter's PDF, archived as it is sent");
    let refused =
        archive::attach_scan(&mut ledger, letter, ArchiveRole::DepositProof, &table, today()).unwrap_err().to_string();
    assert!(refused.contains("« factures.csv » n'est ni un PDF ni une image PNG ou JPEG"), "{refused}");
    assert!(refused.contains("Rien n'a été archivé"), "{refused}");
    // A PDF named like a spreadsheet is a PDF: the bytes decide.
    let renamed = write("scan.csv", b"%PDF-1.7 deposit proof");
    archive::attach_scan(&mut ledger, letter, ArchiveRole::DepositProof, &renamed, today()).unwrap();
    assert_eq!(archived(&ledger), with_letter + 1);
    drop(ledger);

    let letter = letter.to_string();
    let attach = |role: &str, file: &Path| {
        ardoise(
            &db,
            &["attach", "--letter", &letter, "--role", role, "--file", file.to_str().unwrap(), "--date", "2026-11-28"],
        )
    };
    let said = stdout(&attach("deposit_proof", &photo));
    assert!(said.starts_with("Preuve de dépôt archivée : « "), "{said}");
    let said = stdout(&attach("receipt", &receipt));
    assert!(said.starts_with("Accusé de réception archivé : « "), "{said}");
    let refused = attach("receipt", &table);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("factures.csv"), "{refused:?}");
    assert_eq!(archived(&Ledger::open(&db).unwrap()), with_letter + 3);
}

/// `dispatch` recorded as sent, without a word, a letter whose invoices were all paid since (the bank
/// import had said « désormais réglée : ne l'envoyez pas »). Its sending is refused, naming the invoices
/// and how to cancel the letter, unless `--even-if-paid` says it left before the payment was known.
#[test]
fn dispatch_refuses_a_letter_whose_invoices_are_all_paid_unless_told_it_left_before() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    let mut ledger = demo_ledger(folder.path());
    let (hotel, letter) = hotel_notice(&mut ledger);
    let invoices = ledger.dispatch_row(letter).unwrap().invoice_ids;
    let mut numbers = Vec::new();
    for invoice in invoices {
        let (number, left) = ledger.invoice_left(invoice).unwrap();
        numbers.push(number);
        ledger
            .record_payment(&ardoise::domain::model::PaymentFields {
                client_id: hotel,
                date: date("2026-11-23"),
                amount: rust_decimal::Decimal::new(left, 2),
                method: ardoise::domain::model::PaymentMethod::Transfer,
                reference: "VIR HOTEL DES CELESTINS".into(),
                allocations: Some(vec![ardoise::domain::model::Allocation {
                    invoice_id: invoice,
                    amount: rust_decimal::Decimal::new(left, 2),
                }]),
            })
            .unwrap();
    }
    let refused = send_letter(&mut ledger, letter, &registered("2026-11-24", "RR473124829FR", "R1", true)).unwrap_err();
    assert_eq!((refused.kind(), refused.letter_with_invoices_paid()), ("invoices_paid", Some(letter)));
    // The desk's words serve both shells; each adds how to cancel or insist in its own.
    let message = refused.to_string();
    for words in [&format!("{}, désormais réglée", numbers.join(", ")), "annulez-le", "quand même"] {
        assert!(message.contains(words), "{words} missing from: {message}");
    }
    assert!(!message.contains("--even-if-paid"), "{message}");
    assert_eq!(ledger.dispatch_row(letter).unwrap().status, "printed");
    drop(ledger);

    let letter = letter.to_string();
    let sending =
        ["dispatch", "--letter", &letter, "--tracking", "RR473124829FR", "--level", "R1", "--deposit", "2026-11-24"];
    let refused = ardoise(&db, &sending);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    for words in ["son envoi n'est pas enregistré", "ardoise letters cancel --letter", "--even-if-paid"] {
        assert!(said.contains(words), "{words} missing from: {said}");
    }
    let sent = stdout(&ardoise(&db, &[&sending[..], &["--even-if-paid"]].concat()));
    assert!(sent.contains("Mise en demeure, envoyée le 24 novembre 2026"), "{sent}");
}

/// An invoice settled by a credit note and a transfer is paid as much as one settled by transfers alone.
/// Regression: the check counted the money allocated only, so the notice about it was recorded as sent.
#[test]
fn a_credit_note_counts_when_deciding_that_a_letter_s_invoices_are_all_paid() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let (hotel, letter) = hotel_notice(&mut ledger);
    let invoices = ledger.dispatch_row(letter).unwrap().invoice_ids;
    // Every invoice paid by transfer but 100,00 € of one, which a credit note issued the next day covers.
    for (index, &invoice) in invoices.iter().enumerate() {
        let (_, left) = ledger.invoice_left(invoice).unwrap();
        let paid = if index == 0 { left - 10_000 } else { left };
        ledger
            .record_payment(&ardoise::domain::model::PaymentFields {
                client_id: hotel,
                date: date("2026-11-23"),
                amount: rust_decimal::Decimal::new(paid, 2),
                method: ardoise::domain::model::PaymentMethod::Transfer,
                reference: "VIR HOTEL DES CELESTINS".into(),
                allocations: Some(vec![ardoise::domain::model::Allocation {
                    invoice_id: invoice,
                    amount: rust_decimal::Decimal::new(paid, 2),
                }]),
            })
            .unwrap();
    }
    let sending = registered("2026-11-24", "RR473124829FR", "R1", true);
    // 100,00 € still owed: the letter may leave.
    let (_, left) = ledger.invoice_left(invoices[0]).unwrap();
    assert_eq!(left, 10_000);
    ledger
        .create_invoice(&ardoise::domain::model::InvoiceFields {
            number: "AV2026-001".into(),
            client_id: hotel,
            issue_date: date("2026-11-23"),
            due_date: Some(date("2026-11-23")),
            amount: rust_decimal::Decimal::new(-10_000, 2),
            amount_excl_vat: None,
            object: "Avoir".into(),
            penalty_rate: None,
            written_off_on: None,
            payment_terms: None,
            nature: None,
        })
        .unwrap();
    let refused = send_letter(&mut ledger, letter, &sending).unwrap_err();
    assert_eq!(refused.kind(), "invoices_paid", "{refused}");
    assert_eq!(ledger.dispatch_row(letter).unwrap().status, "printed");
}

/// With no profile yet (a ledger made by `init`) the data sheet read « Créancier : , , SIREN/SIRET . »: the
/// dossier is now refused, naming what the profile lacks, and writes nothing; a complete profile is stated
/// whole.
#[test]
fn the_data_sheet_names_what_the_profile_lacks_instead_of_blanks() {
    let folder = tempfile::tempdir().unwrap();
    let mut bare = Ledger::open(&folder.path().join("bare.sqlite3")).unwrap();
    let client = bare
        .create_client(&ardoise::domain::model::ClientFields {
            kind: ardoise::domain::model::ClientKind::Professional,
            company_name: "Garage Sud".into(),
            ..Default::default()
        })
        .unwrap();
    bare.create_invoice(&ardoise::domain::model::InvoiceFields {
        number: "F6".into(),
        client_id: client,
        issue_date: date("2026-09-01"),
        due_date: Some(date("2026-10-01")),
        amount: "1000.00".parse().unwrap(),
        amount_excl_vat: None,
        object: "Travaux".into(),
        penalty_rate: None,
        written_off_on: None,
        payment_terms: None,
        nature: None,
    })
    .unwrap();
    let refused = folder.path().join("refused");
    let error = dossier::build(&bare, client, today(), &refused).unwrap_err().to_string();
    for missing in ["Votre profil d'expéditeur est incomplet", "votre nom légal", "votre SIREN ou SIRET", "Mon profil"]
    {
        assert!(error.contains(missing), "{missing} missing from: {error}");
    }
    assert!(!refused.exists(), "a refused dossier wrote its folder");

    let demo = demo_ledger(&folder.path().join("demo"));
    let hotel = client_named(&demo, "Hôtel des Célestins");
    let built = dossier::build(&demo, hotel, today(), &folder.path().join("dossiers")).unwrap();
    let sheet = pdf_text(&built.folder.join("03 Fiche injonction de payer.pdf"));
    let sheet = sheet.split_whitespace().collect::<Vec<_>>().join(" ");
    let expected = "Créancier : Claire DUMONT EI, 14 RUE DES TANNEURS, 69007 LYON, SIREN/SIRET 812345676.";
    assert!(sheet.contains(expected), "{expected} missing from:\n{sheet}");
}

#[test]
fn a_professional_debtor_goes_to_the_tribunal_de_commerce() {
    let folder = tempfile::tempdir().unwrap();
    let ledger = demo_ledger(folder.path());
    let hotel = ledger.client(client_named(&ledger, "Hôtel des Célestins")).unwrap();
    let court = ardoise::domain::courts::court_of(&hotel);
    assert_eq!((court.cerfa.as_str(), court.jurisdiction.as_str()), ("12946", "Tribunal de commerce"));
    assert_eq!(court.postcode, hotel.fields.address.postcode);
}

/// The dossier of a client in Brussels asked for « Cerfa 12946 (Tribunal de commerce de Bruxelles, à
/// confirmer) », a French form no Belgian court takes. A debtor in another member state gets the European
/// order for payment (form A); any other debtor abroad the word that the French form does not apply.
#[test]
fn a_debtor_abroad_gets_no_french_cerfa_but_the_procedure_that_applies() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let check = |ledger: &mut Ledger, postcode: &str, town: &str, country: &str, file: &str, expected: &[&str]| {
        let mut fields = ledger.client(hotel).unwrap().fields;
        fields.address.postcode = postcode.into();
        fields.address.town = town.into();
        fields.address.country = country.into();
        ledger.update_client(hotel, &fields).unwrap();
        let built = dossier::build(ledger, hotel, today(), &folder.path().join(country)).unwrap();
        assert!(built.files.contains(&file.to_string()), "{file} not in {:?}", built.files);
        assert_eq!(built.court.cerfa, "", "{country}");
        let sheet = pdf_text(&built.folder.join(file));
        let sheet = sheet.split_whitespace().collect::<Vec<_>>().join(" ");
        for words in expected {
            assert!(sheet.contains(words), "{words} missing from:\n{sheet}");
        }
        for wrong in ["Cerfa n°", "Tribunal de commerce de", "celui du lieu du domicile"] {
            assert!(!sheet.contains(wrong), "{wrong} in:\n{sheet}");
        }
        let request = built.court.request();
        assert!(!request.starts_with("Cerfa") && request.contains("ne s'applique pas"), "{request}");
    };
    check(
        &mut ledger,
        "1000",
        "BRUXELLES",
        "BELGIQUE",
        "03 Fiche injonction de payer européenne.pdf",
        &[
            "Fiche pour la demande d'injonction de payer européenne",
            "La requête française en injonction de payer (Cerfa 12946 ou 12948) ne s'applique pas",
            "l'injonction de payer européenne (règlement (CE) n° 1896/2006)",
            "Formulaire : formulaire A",
            "1000 BRUXELLES, BELGIQUE",
        ],
    );
    check(
        &mut ledger,
        "1204",
        "GENEVE",
        "SUISSE",
        "03 Fiche recouvrement à l'étranger.pdf",
        &[
            "hors de France (SUISSE)",
            "ne s'applique pas, ni l'injonction de payer européenne",
            "(tous sauf le Danemark)",
        ],
    );
}

fn ardoise(db: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().expect("ardoise runs")
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn the_command_line_records_a_dispatch_prints_a_deposit_list_and_writes_a_dossier() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    // The 2026-S2 rates, blank in the shipped table, entered as the refusal to print says (defect 5).
    stdout(&ardoise(&db, &["rates", "--semester", "2026-S2", "--ecb", "2,15", "--legal-other", "2,62"]));
    let hotel = {
        let ledger = Ledger::open(&db).unwrap();
        client_named(&ledger, "Hôtel des Célestins")
    };
    stdout(&ardoise(&db, &["decide", "--client", &hotel.to_string(), "--action", "accept", "--date", "2026-11-22"]));
    let letter = {
        let ledger = Ledger::open(&db).unwrap();
        ledger.dispatch_rows(Some(hotel)).unwrap()[0].id.to_string()
    };

    let sending = ["dispatch", "--letter", &letter, "--tracking", "RR473124829FR", "--level", "R1", "--deposit"];
    let unprinted = ardoise(&db, &[&sending[..], &["2026-11-24"]].concat());
    assert_eq!(unprinted.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unprinted.stderr).contains("n'a pas encore été imprimé"), "{unprinted:?}");
    let printed =
        stdout(&ardoise(&db, &["batch", "--date", "2026-11-22", "--out", folder.path().join("lot").to_str().unwrap()]));
    assert!(printed.starts_with("1 fichier(s) écrit(s)"), "{printed}");

    let refused = ardoise(
        &db,
        &["dispatch", "--letter", &letter, "--tracking", "RR473124828FR", "--level", "R1", "--deposit", "2026-11-24"],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("chiffre de contrôle devrait être 9"));

    let sent = stdout(&ardoise(
        &db,
        &[
            "dispatch",
            "--letter",
            &letter,
            "--tracking",
            "RR473124829FR",
            "--level",
            "R1",
            "--receipt",
            "--deposit",
            "2026-11-24",
        ],
    ));
    assert!(sent.contains("Mise en demeure, envoyée le 24 novembre 2026 (n° RR473124829FR, R1, avec AR)"), "{sent}");
    let received = stdout(&ardoise(&db, &["dispatch", "--letter", &letter, "--received", "2026-11-27"]));
    assert!(received.contains("jusqu'au 7 décembre 2026 inclus"), "{received}");

    let pdf = folder.path().join("depot.pdf");
    let listed = stdout(&ardoise(&db, &["deposit-list", "--date", "2026-11-24", "--out", pdf.to_str().unwrap()]));
    assert!(listed.contains("1 lettre(s) recommandée(s)"), "{listed}");
    assert!(pdf_text(&pdf).contains("RR473124829FR"));

    let letters = stdout(&ardoise(&db, &["letters", "--client", &hotel.to_string()]));
    assert!(letters.contains("Envoyé, reçu le 27 novembre 2026") && !letters.contains("ARCHIVE MODIFIÉE"), "{letters}");
    let archived = std::fs::read_dir(folder.path().join("archive"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.is_file())
        .unwrap();
    std::fs::write(&archived, b"%PDF-1.4 another letter").unwrap();
    let letters = stdout(&ardoise(&db, &["letters", "--client", &hotel.to_string()]));
    assert!(letters.contains("ARCHIVE MODIFIÉE"), "{letters}");

    let out = folder.path().join("dossiers");
    let written = stdout(&ardoise(
        &db,
        &["dossier", "--client", &hotel.to_string(), "--date", "2026-12-10", "--out", out.to_str().unwrap()],
    ));
    assert!(written.contains("Cerfa 12946"), "{written}");
    assert!(written.contains("a été modifié"), "the changed copy is reported: {written}");
    let json = stdout(&ardoise(
        &db,
        &["dossier", "--client", &hotel.to_string(), "--date", "2026-12-10", "--out", out.to_str().unwrap(), "--json"],
    ));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ledger = Ledger::open(&db).unwrap();
    let penalties = ardoise::desk::penalties::penalties(&ledger, hotel, date("2026-12-10")).unwrap();
    assert_eq!(value["total"].as_str().unwrap(), penalties.breakdown.total.to_string());
    assert!(value["files"].as_array().unwrap().iter().any(|f| f.as_str().unwrap().starts_with("Courriers/")));
}

#[test]
fn the_price_table_is_edited_by_date_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let listed = stdout(&ardoise(&db, &["prices"]));
    assert!(listed.contains("2026-01-01") && listed.contains("6,11") && listed.contains("à confirmer"), "{listed}");

    let set = ["prices", "--from", "2026-01-01", "--r1", "6,11", "--r2", "7,20", "--r3", "8,50", "--receipt", "1,45"];
    let listed = stdout(&ardoise(&db, &set));
    let row = listed.lines().find(|line| line.starts_with("2026-01-01")).unwrap();
    assert!(row.contains("7,20") && row.contains("1,45") && !row.contains("à confirmer"), "{row}");
    let ledger = Ledger::open(&db).unwrap();
    let prices = deposit::price_table(&ledger).unwrap();
    assert_eq!(prices.rows.len(), PriceTable::default().rows.len(), "the 2026 row replaced, not added");
    let (price, to_confirm) = prices.postage(date("2026-11-24"), GuaranteeLevel::R2, true).unwrap();
    assert_eq!((price.to_string().as_str(), to_confirm), ("8.65", false));

    let refused =
        ardoise(&db, &["prices", "--from", "2027-01-01", "--r1=-1", "--r2", "7", "--r3", "8", "--receipt", "1"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("négatif"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let refused = ardoise(&db, &["prices", "--r1", "6"]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--from"));
}

/// Audit P1: a debtor in collective procedure still got a mise en demeure, an injonction de payer pack, a
/// last reminder and a court dossier, with no warning and exit 0, though the opening judgment forbids
/// paying its prior debts and any action to be paid them (C. com. L622-7, L622-21).
#[test]
fn a_client_in_collective_procedure_is_sent_no_letter_claiming_payment_nor_a_court_dossier() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let transports = client_named(&ledger, "Transports Vidal SARL");
    let letters_before = ledger.letters(Some(transports)).unwrap().len();
    let overdue: Vec<i64> = desk::draft_choices(&ledger, transports, LetterKind::FormalNotice, today())
        .unwrap()
        .into_iter()
        .filter(|choice| choice.preselected)
        .map(|choice| choice.id)
        .collect();
    assert!(!overdue.is_empty());
    let says_why = |refusal: &str| {
        assert!(refusal.contains("Transports Vidal SARL est en procédure collective"), "{refusal}");
        assert!(refusal.contains("L622-21") && refusal.contains("(claim_declaration)"), "{refusal}");
    };
    let request = |kind: LetterKind| ardoise::desk::letter_facts::LetterRequest {
        kind,
        client_id: transports,
        date: today(),
        variant: String::new(),
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    };
    let exports = ExportTarget::Folder(folder.path().join("exports"));
    let claiming =
        LetterKind::ALL.into_iter().filter(|kind| kind.asks_payment() && *kind != LetterKind::ClaimDeclaration);
    for kind in claiming {
        // Drafted from the client's page, drafted and printed at once, or composed to be printed: refused.
        says_why(&desk::draft_for_client(&mut ledger, transports, kind, today(), &overdue).unwrap_err().to_string());
        says_why(&desk::draft_and_export(&mut ledger, &request(kind), &exports).unwrap_err().to_string());
        let letter = desk::compose_request(&ledger, &request(kind), None).unwrap();
        let refused =
            ardoise::documents::print::letter_pdf(&letter, &desk::print_options(&ledger).unwrap()).unwrap_err();
        says_why(&refused.to_string());
    }
    assert_eq!(ledger.letters(Some(transports)).unwrap().len(), letters_before, "nothing was drafted");
    let out = folder.path().join("dossiers");
    says_why(&dossier::build(&ledger, transports, today(), &out).unwrap_err().to_string());
    assert!(!out.exists(), "no dossier is written");
    // The déclaration de créance, and a letter asking nothing, still go.
    desk::draft_for_client(&mut ledger, transports, LetterKind::ClaimDeclaration, today(), &overdue).unwrap();
    desk::draft_for_client(&mut ledger, transports, LetterKind::AccountStatement, today(), &overdue).unwrap();
    drop(ledger);

    // From the command line: exit 1, the reason on stderr, no file.
    let db = folder.path().join("ledger.sqlite3");
    let client = transports.to_string();
    let pdf = folder.path().join("md.pdf");
    for kind in ["formal_notice", "payment_order_pack", "last_reminder"] {
        let refused = ardoise(
            &db,
            &["letter", "--kind", kind, "--client", &client, "--date", "2026-11-22", "--out", pdf.to_str().unwrap()],
        );
        assert_eq!(refused.status.code(), Some(1), "{kind}");
        says_why(&String::from_utf8_lossy(&refused.stderr));
        assert!(!pdf.exists(), "{kind}: no PDF is written");
    }
    let refused =
        ardoise(&db, &["dossier", "--client", &client, "--date", "2026-11-22", "--out", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    says_why(&String::from_utf8_lossy(&refused.stderr));
}
