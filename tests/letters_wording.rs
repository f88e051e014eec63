//! Letters you can stand behind (issue 13, defects 5, 6, 8, 9 and 10): a letter never prints a figure or
//! a statement the facts do not back, the profile's images are printed, a user's template copy is held to
//! what its parsed tree may do, and a proposal says in words which step fired. Each test is named after
//! the defect it pins and says in one line what broke. Through the desk and the command line, on the demo
//! ledger of 22 November 2026 and on the letter fixtures.

mod fixtures;

use ardoise::desk::letter_facts::LetterRequest;
use ardoise::desk::{self, letters, penalties, procedure, proposals, settings};
use ardoise::documents::letters::{compose, facts::LetterFacts, render};
use ardoise::documents::print::{self, PrintOptions};
use ardoise::domain::letter_kind::LetterKind;
use ardoise::Ledger;
use chrono::NaiveDate;
use fixtures::{facts_for, Who};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn today() -> NaiveDate {
    "2026-11-22".parse().unwrap()
}

/// The demo as a new user gets it: the shipped rates table, 2026-S2 blank.
fn demo_ledger(folder: &Path) -> Ledger {
    let mut ledger = Ledger::open(&folder.join("ledger.sqlite3")).unwrap();
    desk::demo::populate(&mut ledger, today()).unwrap();
    ledger
}

fn client_named(ledger: &Ledger, name: &str) -> i64 {
    desk::clients::client_list(ledger, today()).unwrap().into_iter().find(|c| c.name == name).expect(name).id
}

fn request(kind: LetterKind, client_id: i64) -> LetterRequest {
    LetterRequest {
        kind,
        client_id,
        date: today(),
        variant: String::new(),
        invoice_ids: Vec::new(),
        dispatch: None,
        tracking_number: String::new(),
        letter_id: None,
    }
}

/// The 2026-S2 rates entered as a user would (the first half-year's figures, for the tests).
fn enter_second_half_2026(ledger: &mut Ledger) {
    let typed = penalties::RateRowText {
        semester: "2026-S2".into(),
        ecb_rate: "2,15".into(),
        legal_rate_other: "2,62".into(),
        ..Default::default()
    };
    penalties::save_semester_rates(ledger, &typed).unwrap();
}

fn pdf_text(bytes: &[u8]) -> String {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("courrier.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("pdftotext").args(["-layout"]).arg(&path).arg("-").output().expect("pdftotext");
    String::from_utf8(output.stdout).unwrap()
}

fn ardoise(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/images").join(name)
}

#[test]
fn a_missing_half_year_rate_blocks_the_formal_notice_and_the_batch_until_it_is_entered() {
    // Defect 5: « 40 jours au taux de taux manquant sur 8 400,00 € : 0,00 € » was printed in a mise en demeure.
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let letter = letters::compose_request(&ledger, &request(LetterKind::FormalNotice, hotel), None).unwrap();
    assert_eq!(letter.facts.missing.len(), 1, "{:?}", letter.facts.missing);
    assert_eq!(
        (letter.facts.missing[0].code.as_str(), letter.facts.missing[0].subject.as_str()),
        ("missing_rate", "2026-S2")
    );
    assert!(letter.problems.iter().any(|p| p.starts_with("Taux manquant pour le 2e semestre 2026 (2026-S2)")));
    // The preview shows the blank as one (it read « au taux de à saisir »).
    assert!(letter.body.contains("jours au taux de [taux à saisir] sur"), "{}", letter.body);

    let refused: desk::Error = print::letter_pdf(&letter, &PrintOptions::default()).unwrap_err().into();
    assert_eq!(refused.kind(), "missing_facts");
    let fields: Vec<&str> = refused.field_errors().unwrap().0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["missing_rate:2026-S2"], "the window links this field to the rates table");
    let message = refused.to_string();
    for words in ["Courrier non imprimé", "2e semestre 2026 (2026-S2)", "Réglages", "ardoise rates --semester 2026-S2"]
    {
        assert!(message.contains(words), "{words:?} not in {message}");
    }

    // A letter that claims no interest is not held back: a rappel amical to the same client prints.
    let reminder = letters::compose_request(&ledger, &request(LetterKind::FriendlyReminder, hotel), None).unwrap();
    assert!(reminder.facts.missing.is_empty());
    print::letter_pdf(&reminder, &PrintOptions::default()).unwrap();

    // The day's batch holding the accepted mise en demeure writes nothing and stays to print.
    proposals::decide_proposal(&mut ledger, hotel, today(), proposals::ProposalAction::Accept).unwrap();
    let out = folder.path().join("lot");
    let refused = letters::export_batch(&mut ledger, today(), &out, true, false, |_, _| {}).unwrap_err();
    assert_eq!(refused.kind(), "missing_facts");
    assert!(std::fs::read_dir(&out).map_or(true, |mut entries| entries.next().is_none()), "nothing written");
    assert_eq!(letters::batch(&ledger, today()).unwrap().len(), 1, "the letter still waits to be printed");

    // The path: enter the half-year's rates, then print.
    enter_second_half_2026(&mut ledger);
    let letter = letters::compose_request(&ledger, &request(LetterKind::FormalNotice, hotel), None).unwrap();
    assert!(letter.facts.missing.is_empty() && letter.problems.is_empty(), "{:?}", letter.problems);
    let text = pdf_text(&print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    assert!(text.contains("au taux de 12,15 %"), "{text}");
    assert!(!text.contains("à saisir") && !text.contains("taux manquant"), "{text}");
    assert_eq!(letters::export_batch(&mut ledger, today(), &out, true, false, |_, _| {}).unwrap().len(), 1);
}

#[test]
fn the_command_line_names_the_missing_half_year_and_prints_once_the_rate_is_entered() {
    // Defect 5, from a terminal: `letter` wrote the placeholder and 0,00 € without a word.
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    let hotel = {
        let ledger = Ledger::open(&db).unwrap();
        client_named(&ledger, "Hôtel des Célestins").to_string()
    };
    let pdf = folder.path().join("md.pdf");
    let letter = ["letter", "--kind", "formal_notice", "--client", &hotel, "--date", "2026-11-22", "--out"];
    let refused =
        Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(&db).args(letter).arg(&pdf).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("Taux manquant pour le 2e semestre 2026 (2026-S2)"), "{said}");
    assert!(said.contains("ardoise rates --semester 2026-S2 --ecb TAUX"), "{said}");
    assert!(!pdf.exists(), "no PDF is written");

    let listed = stdout(&ardoise(&db, &["rates"]));
    assert!(listed.lines().any(|line| line.starts_with("2026-S2") && line.contains("à saisir")), "{listed}");
    let entered = stdout(&ardoise(&db, &["rates", "--semester", "2026-S2", "--ecb", "2,15", "--legal-other", "2,62"]));
    assert!(entered.contains("Taux du semestre 2026-S2 enregistrés."), "{entered}");
    let refused = ardoise(&db, &["rates", "--semester", "2026-S3", "--ecb", "2"]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("semestre « 2026-S3 » illisible"));

    let written =
        Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(&db).args(letter).arg(&pdf).output().unwrap();
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let text = pdf_text(&std::fs::read(&pdf).unwrap());
    assert!(text.contains("12,15 %") && !text.contains("à saisir"), "{text}");
}

#[test]
fn a_first_mise_en_demeure_does_not_claim_reminders_were_sent() {
    // Defect 6: « restées impayées malgré mes relances » in a mise en demeure that was the first letter.
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    // The large-amount rule sends the hotel its mise en demeure first.
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let proposal = proposals::client_proposal(&ledger, hotel, today()).unwrap().unwrap();
    assert_eq!(proposal.kind, LetterKind::FormalNotice);
    let letter = letters::compose_request(&ledger, &request(LetterKind::FormalNotice, hotel), None).unwrap();
    assert!(letter.facts.reminders.is_empty());
    assert!(
        letter.body.contains("au titre des factures suivantes, échues et restées impayées à ce jour :"),
        "{}",
        letter.body
    );
    assert!(!letter.body.contains("malgré"), "{}", letter.body);

    // With reminders sent, the letter says so and dates the last one.
    let mut facts = facts_for(LetterKind::FormalNotice, Who::Professional, "");
    let text = |facts: &LetterFacts| {
        let source = ardoise::documents::letters::catalogue::embedded("formal_notice").unwrap().source;
        compose(facts.clone(), "formal_notice", source, None).unwrap()
    };
    let reminded = text(&facts);
    assert!(reminded.body.contains("restées impayées malgré mes relances, la dernière du 5 novembre 2026 :"));
    facts.reminders.truncate(1);
    assert!(text(&facts).body.contains("restées impayées malgré ma relance du 6 octobre 2026 :"));
    facts.reminders.clear();
    facts.previous_letters.clear();
    let first = text(&facts);
    assert!(first.body.contains("échues et restées impayées à ce jour :") && first.problems.is_empty(), "{first:?}");
}

/// « Je reste créancière de Hôtel des Célestins »: « de » before a name is elided before a vowel or a mute
/// h, and contracted with « Le » / « Les », in every template that names the client, the sender or the
/// mandataire (`{{ … | de }}`).
#[test]
fn de_is_written_as_french_writes_it_before_the_clients_name() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let letter = letters::compose_request(&ledger, &request(LetterKind::FormalNotice, hotel), None).unwrap();
    assert!(letter.body.contains(" d'Hôtel des Célestins au titre des factures suivantes"), "{}", letter.body);
    assert!(!letter.body.contains("de Hôtel"), "{}", letter.body);
    for template in ardoise::documents::letters::catalogue::TEMPLATES {
        for variable in ["client.name", "client.contact_person", "sender.legal_name", "procedure.mandataire_name"] {
            let bare = format!("de {{{{ {variable} }}}}");
            assert!(!template.source.contains(&bare), "{}: « {bare} » without the filter « de »", template.name);
        }
    }
}

#[test]
fn the_letters_agree_with_how_the_trader_is_addressed() {
    // Defect 6: « Je reste créancier » whoever signed.
    let cases = [
        (
            "madame",
            "Je reste créancière de",
            "Je vous prie d'agréer l'expression de mes salutations",
            "Entrepreneure individuelle",
        ),
        (
            "monsieur",
            "Je reste créancier de",
            "Je vous prie d'agréer l'expression de mes salutations",
            "Entrepreneur individuel",
        ),
        (
            "company",
            "Nous restons créanciers de",
            "Nous vous prions d'agréer l'expression de nos salutations",
            "Entrepreneur individuel",
        ),
    ];
    let source = ardoise::documents::letters::catalogue::embedded("formal_notice").unwrap().source;
    for (addressed_as, opening, closing, signature) in cases {
        let mut facts = facts_for(LetterKind::FormalNotice, Who::Professional, "");
        facts.sender.addressed_as = addressed_as.into();
        facts.sender.feminine = addressed_as == "madame";
        facts.sender.plural = addressed_as == "company";
        let letter = compose(facts, "formal_notice", source, None).unwrap();
        assert!(letter.body.contains(opening) && letter.body.contains(closing), "{addressed_as}: {}", letter.body);
        assert!(letter.problems.is_empty(), "{addressed_as}: {:?}", letter.problems);
        if addressed_as == "company" {
            assert!(letter.body.contains("nous vous mettons en demeure de nous payer"), "{}", letter.body);
        }
        let text = pdf_text(&print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
        assert!(text.contains(signature), "{addressed_as}: {text}");
    }

    // Not said yet: a letter whose words take a gender is not printed, one whose words do not is.
    let mut facts = facts_for(LetterKind::FormalNotice, Who::Professional, "");
    (facts.sender.addressed_as, facts.sender.feminine, facts.sender.plural) = (String::new(), false, false);
    let letter = compose(facts, "formal_notice", source, None).unwrap();
    assert_eq!(letter.facts.missing.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["addressed_as"]);
    assert_eq!(print::letter_pdf(&letter, &PrintOptions::default()).unwrap_err().kind(), "missing_facts");
    let mut facts = facts_for(LetterKind::FriendlyReminder, Who::Professional, "");
    facts.sender.addressed_as = String::new();
    let source = ardoise::documents::letters::catalogue::embedded("friendly_reminder").unwrap().source;
    assert!(compose(facts, "friendly_reminder", source, None).unwrap().facts.missing.is_empty());

    // The profile says it, from the window's form or the command line; the demo's trader is Madame.
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    assert!(stdout(&ardoise(&db, &["profile"])).contains("vous êtes : Madame"));
    let changed = stdout(&ardoise(&db, &["profile", "--addressed-as", "entreprise", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&changed).unwrap();
    assert_eq!(json["addressed_as"], "company");
    let refused = ardoise(&db, &["profile", "--addressed-as", "mademoiselle"]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("madame, monsieur ou entreprise"));
}

#[test]
fn the_claim_declaration_states_only_what_the_user_confirmed() {
    // Defect 6: the déclaration de créance asserted « aucune créance à échoir » and no sûreté, which only
    // the user knows.
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    // It states the interest owed on the opening day: the half-year's rate, blank in the shipped table.
    enter_second_half_2026(&mut ledger);
    let transports = client_named(&ledger, "Transports Vidal SARL");
    let draft = || letters::compose_request(&ledger, &request(LetterKind::ClaimDeclaration, transports), None);
    let letter = draft().unwrap();
    assert!(!letter.body.contains("échoir") && !letter.body.contains("sûreté"), "{}", letter.body);
    assert!(!letter.body.contains("chirographaire"), "an unsecured claim is a statement too: {}", letter.body);
    // What it lacks is said once, with the way to give it; the checker used to say it again in other words.
    assert_eq!(letter.facts.missing.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["claim_statement"]);
    let said: Vec<String> = letter.facts.missing.iter().map(|f| f.message.clone()).collect();
    assert_eq!(letter.problems, said, "the lack is said once, in the words that give its way");
    let refused: desk::Error = print::letter_pdf(&letter, &PrintOptions::default()).unwrap_err().into();
    assert_eq!(refused.field_errors().unwrap().0[0].field, "claim_statement");
    assert!(refused.to_string().contains("sommes encore à échoir"), "{refused}");

    let _ = &mut ledger;
    let confirmed = procedure::confirm_claim_statement(
        &mut ledger,
        transports,
        "loyer du matériel de janvier 2027 : 450,00 €, échéance du 5 janvier 2027",
        "",
        today(),
    )
    .unwrap();
    assert_eq!(confirmed.confirmed_on, Some(today()));
    let letter = letters::compose_request(&ledger, &request(LetterKind::ClaimDeclaration, transports), None).unwrap();
    assert!(letter.problems.is_empty(), "{:?}", letter.problems);
    for said in [
        "Sommes à échoir, à déclarer également : loyer du matériel de janvier 2027 : 450,00 €, échéance du 5 janvier 2027.",
        "La créance n'est assortie d'aucune sûreté.",
        "à titre chirographaire",
    ] {
        assert!(letter.body.contains(said), "{said:?} not in {}", letter.body);
    }
    print::letter_pdf(&letter, &PrintOptions::default()).unwrap();

    // A security the user gives is stated, and the claim is no longer called unsecured.
    procedure::confirm_claim_statement(
        &mut ledger,
        transports,
        "",
        "réserve de propriété sur les palettes livrées",
        today(),
    )
    .unwrap();
    let letter = letters::compose_request(&ledger, &request(LetterKind::ClaimDeclaration, transports), None).unwrap();
    assert!(letter.body.contains("Aucune somme à échoir ne s'y ajoute."));
    assert!(letter.body.contains("Sûretés garantissant la créance : réserve de propriété sur les palettes livrées."));
    assert!(!letter.body.contains("chirographaire"));

    // Only for a client in a collective procedure; from the command line too.
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let refused = procedure::confirm_claim_statement(&mut ledger, hotel, "", "", today()).unwrap_err();
    assert!(refused.to_string().contains("n'a pas de procédure collective enregistrée"), "{refused}");
    drop(ledger);
    let db = folder.path().join("ledger.sqlite3");
    let said = stdout(&ardoise(
        &db,
        &["claim-statement", "--client", &transports.to_string(), "--to-fall-due", "aucune", "--securities", "néant"],
    ));
    assert!(said.contains("sommes à échoir aucune, sûretés aucune"), "{said}");
}

#[test]
fn the_checker_covers_every_kind_every_voice_and_every_history() {
    // Defect 6: statements depend on facts, for every kind: no original template says what its facts do
    // not back, and a user's copy that does is told so.
    let voices = [("madame", true, false), ("monsieur", false, false), ("company", false, true)];
    for template in ardoise::documents::letters::catalogue::TEMPLATES {
        let kind = ardoise::documents::letters::catalogue::kind_of(template.name).unwrap();
        let variant = template.name.split_once('.').map(|(_, v)| v).filter(|v| *v == "with_fees").unwrap_or("");
        for who in [Who::Professional, Who::Consumer] {
            for (addressed_as, feminine, plural) in voices {
                for with_history in [true, false] {
                    let mut facts = facts_for(kind, who, variant);
                    (facts.sender.addressed_as, facts.sender.feminine, facts.sender.plural) =
                        (addressed_as.into(), feminine, plural);
                    if !with_history {
                        facts.previous_letters.clear();
                        facts.reminders.clear();
                        facts.formal_notice_sent_on = None;
                    }
                    let letter = compose(facts, template.name, template.source, None).unwrap();
                    assert!(
                        letter.problems.is_empty(),
                        "{} {} {addressed_as} history={with_history}: {:?}",
                        template.name,
                        who.id(),
                        letter.problems
                    );
                }
            }
        }
    }

    // A user's copy held to the same facts.
    let mut first = facts_for(LetterKind::FormalNotice, Who::Professional, "");
    first.previous_letters.clear();
    first.reminders.clear();
    first.formal_notice_sent_on = None;
    first.sender.feminine = true;
    first.sender.addressed_as = "madame".into();
    let copy = "Objet : MISE EN DEMEURE\n\nJe reste créancier de {{ client.name }} : factures impayées malgré mes \
                relances et ma mise en demeure. Aucune sûreté.\n";
    let problems = compose(first.clone(), "formal_notice", copy, None).unwrap().problems;
    for expected in [
        "le courrier dit « malgré mes relances », mais aucune relance n'a été envoyée",
        "le courrier parle de « ma mise en demeure », mais aucune mise en demeure n'a été envoyée",
        "« je reste créancier » ne s'accorde pas avec votre profil : écrivez « je reste créancière »",
    ] {
        assert!(problems.iter().any(|p| p.starts_with(expected)), "{expected:?} not in {problems:?}");
    }
    let mut declared = facts_for(LetterKind::ClaimDeclaration, Who::Professional, "");
    declared.procedure.statement.as_mut().unwrap().securities = "caution de M. Vidal".into();
    let copy = "Objet : Déclaration\n\nAucune sûreté.\n";
    let problems = compose(declared.clone(), "claim_declaration", copy, None).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("« aucune sûreté » alors que vous avez indiqué : caution de M. Vidal")));
    declared.procedure.statement = None;
    let problems = compose(declared, "claim_declaration", "Objet : D\n\nRien à échoir.\n", None).unwrap().problems;
    assert!(problems.iter().any(|p| p.contains("vous n'avez pas confirmé les sommes à échoir")), "{problems:?}");
}

#[test]
fn the_profile_takes_a_signature_and_a_logo_and_the_letters_print_them() {
    // Defect 8: neither image could be set from the window or the command line, and the logo was never
    // printed.
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let images =
        settings::set_profile_image(&mut ledger, settings::ProfileImage::Signature, &data("signature.png")).unwrap();
    assert_eq!(images.signature.as_ref().map(|s| (s.width, s.height)), Some((900, 300)));
    let images = settings::set_profile_image(&mut ledger, settings::ProfileImage::Logo, &data("logo.jpg")).unwrap();
    assert_eq!(images.logo.as_ref().map(|l| (l.width, l.height)), Some((600, 240)), "a JPEG is kept as PNG");
    assert!(images.logo.unwrap().png_base64.starts_with("iVBORw0KGgo"), "PNG bytes, base64");

    // Refused files change nothing and say why, in French, under their field.
    let refusals = [
        ("bad/signature-scannee.pdf", "n'est pas une image PNG ou JPEG"),
        ("bad/logo.gif", "n'est pas une image PNG ou JPEG"),
        ("bad/signature-coupee.png", "ne peut pas être lue comme image"),
        ("bad/minuscule.png", "trop petite pour être imprimée"),
        ("bad/geante.png", "mesure 9000 × 9000 pixels : 6000 pixels de côté au plus"),
        ("introuvable.png", "est introuvable ou illisible"),
    ];
    for (file, expected) in refusals {
        let refused =
            settings::set_profile_image(&mut ledger, settings::ProfileImage::Signature, &data(file)).unwrap_err();
        let field = &refused.field_errors().expect("a refusal by field").0[0];
        assert_eq!(field.field, "signature", "{file}");
        assert!(field.message.contains(expected), "{file}: {}", field.message);
    }
    assert_eq!(settings::profile_images(&ledger).unwrap().signature.map(|s| s.width), Some(900), "kept as it was");

    // Both images are in the printed letter, the logo above the sender's name.
    enter_second_half_2026(&mut ledger);
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let letter = letters::compose_request(&ledger, &request(LetterKind::FriendlyReminder, hotel), None).unwrap();
    let pdf = print::letter_pdf(&letter, &PrintOptions::default()).unwrap();
    let path = folder.path().join("rappel.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let listed = Command::new("pdfimages").arg("-list").arg(&path).output().expect("pdfimages");
    let listed = String::from_utf8_lossy(&listed.stdout);
    let sizes: Vec<(String, String)> = listed
        .lines()
        .skip(2)
        .map(|line| {
            let cells: Vec<&str> = line.split_whitespace().collect();
            (cells[3].to_string(), cells[4].to_string())
        })
        .collect();
    assert_eq!(sizes.len(), 2, "{listed}");
    assert!(sizes.contains(&("360".into(), "144".into())), "the logo, reduced for print: {listed}");
    assert!(sizes.contains(&("390".into(), "130".into())), "the signature, reduced for print: {listed}");

    // Removed: letters print without it.
    settings::remove_profile_image(&mut ledger, settings::ProfileImage::Logo).unwrap();
    assert!(settings::profile_images(&ledger).unwrap().logo.is_none());

    // From the command line.
    drop(ledger);
    let db = folder.path().join("ledger.sqlite3");
    let logo = data("logo.jpg");
    let said = stdout(&ardoise(&db, &["profile", "--logo", logo.to_str().unwrap(), "--no-signature"]));
    assert!(said.contains("logo : image de 600 × 240 pixels") && said.contains("signature : aucune"), "{said}");
    let refused = ardoise(&db, &["profile", "--signature", data("bad/logo.gif").to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("« logo.gif » n'est pas une image PNG ou JPEG"));
}

/// The refusal of a user's copy, as the settings page shows it.
fn refusal(source: &str) -> String {
    render::check_user_source("Rappel amical", source).expect_err("a hostile copy is refused").to_string()
}

#[test]
fn hostile_template_copies_are_refused_by_what_they_are() {
    // Defect 9: the check looked for the text `range(` while Tera accepts `range (end=…)`, and
    // `get_env(name=…)` was always available to a template.
    let many_lines = "{{ client.name }}\n".repeat(1_200);
    let cases: Vec<(&str, String, &str)> = vec![
        ("the environment", "Objet : A\n{{ get_env(name=\"HOME\") }}\n".into(), "ligne 2 : la fonction « get_env » n'est pas permise"),
        (
            "the environment, spaced",
            "Objet : A\n{{ get_env (name = \"ARDOISE_DB\", default=\"\") }}\n".into(),
            "la fonction « get_env » n'est pas permise dans un modèle modifié : un modèle ne lit pas l'environnement",
        ),
        (
            "an endless loop, spaced",
            "Objet : A\n{% for i in range (end=4000000000) %}x{% endfor %}\n".into(),
            "ligne 2 : la fonction « range » n'est pas permise dans un modèle modifié : les boucles parcourent",
        ),
        (
            "an endless loop, hidden in a filter argument",
            "Objet : A\n{{ invoices | join(sep=range(end=1000000000) | length) }}\n".into(),
            "la fonction « range » n'est pas permise",
        ),
        ("a file", "Objet : A\n{% include \"/etc/passwd\" %}\n".into(), "la balise « include » n'est pas permise"),
        ("another template", "{% extends \"formal_notice\" %}\n".into(), "la balise « extends » n'est pas permise"),
        ("macros from a file", "{% import \"macros.tera\" as m %}\nObjet : A\n".into(), "la balise « import » n'est pas permise"),
        (
            "a recursive macro",
            "Objet : A\n{% macro boucle(n) %}{{ self::boucle(n=n) }}{% endmacro boucle %}\n".into(),
            "la balise « macro » n'est pas permise",
        ),
        (
            "output doubled at each turn",
            "Objet : A\n{% set_global s = \"xx\" %}{% for i in invoices %}{% set_global s = s ~ s %}{% endfor %}{{ s }}\n"
                .into(),
            "la balise « set » n'est pas permise",
        ),
        (
            "loops nested three deep",
            "Objet : A\n{% for a in invoices %}{% for b in invoices %}\n{% for c in invoices %}x{% endfor %}{% endfor %}{% endfor %}\n"
                .into(),
            "ligne 3 : les boucles « for » ne peuvent pas s'imbriquer sur plus de 2 niveaux",
        ),
        (
            "text blown up by a filter",
            "Objet : A\n{{ client.name | replace(from=\"\", to=\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") }}\n".into(),
            "le filtre « replace » n'est pas permis dans un modèle modifié (filtres permis : eur, date_long",
        ),
        ("the clock", "Objet : A\n{{ now() | date(format=\"%Y\") }}\n".into(), "la fonction « now » n'est pas permise"),
        ("chance", "Objet : A\n{{ get_random(start=0, end=10) }}\n".into(), "la fonction « get_random » n'est pas permise"),
        ("an error on purpose", "Objet : A\n{{ throw(message=\"boum\") }}\n".into(), "la fonction « throw » n'est pas permise"),
        ("a regular expression", "Objet : A\n{% if client.name is matching(\"(a+)+$\") %}x{% endif %}\n".into(), "le test « is matching » n'est pas permis"),
        ("a huge copy", format!("Objet : A\n{many_lines}"), "le modèle dépasse 20000 caractères"),
        ("a block", "Objet : A\n{% block corps %}x{% endblock corps %}\n".into(), "la balise « block » n'est pas permise"),
    ];
    assert!(cases.len() >= 10);
    for (what, source, expected) in &cases {
        let message = refusal(source);
        assert!(message.starts_with("Modèle « Rappel amical »"), "{what}: {message}");
        assert!(message.contains(expected), "{what}: {message}\n  expected: {expected}");
    }

    // What the originals use stays allowed, and so do the usual filters and the sender's agreement.
    let fine = "Objet : {{ title | upper }}\n\n{% for invoice in invoices %}{{ invoice.number | lower }} {{ invoice.amount | eur }}{% if not loop.last %}, {% endif %}{% endfor %} {{ accord(je=\"Je\", nous=\"Nous\") }} {{ invoices | length }} {{ date | date_long }}\n";
    render::check_user_source("Rappel amical", fine).unwrap();
    for template in ardoise::documents::letters::catalogue::TEMPLATES {
        render::check_user_source(template.name, template.source).unwrap_or_else(|e| panic!("{}: {e}", template.name));
    }

    // Even a copy stored before this check (straight into the ledger) cannot reach the environment: the
    // functions are not there when it renders.
    let facts = facts_for(LetterKind::FriendlyReminder, Who::Professional, "");
    let rendered = compose(facts, "friendly_reminder", "Objet : A\n{{ get_env(name=\"HOME\") }}\n", None).unwrap_err();
    assert!(rendered.to_string().contains("n'a pas pu être appliqué"), "{rendered}");
}

#[test]
fn the_proposal_says_which_step_fired_in_words_on_the_command_line() {
    // Defect 10: the command line printed an internal id (« étape « formal_notice_soft » »).
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("ledger.sqlite3");
    stdout(&ardoise(&db, &["demo", "--date", "2026-11-22"]));
    // Amounts keep their no-break spaces; the test reads them as plain ones.
    let listed = stdout(&ardoise(&db, &["propose", "--date", "2026-11-22"])).replace(['\u{202f}', '\u{a0}'], " ");
    assert!(
        listed.contains(
            "Étape 4 de l'échelle (grand compte) : mise en demeure, 40 jours après l'échéance, en lettre \
             recommandée avec AR, au moins 10 jours après le courrier précédent ; atteinte directement, les retards \
             dépassant le seuil de 5 000,00 €."
        ),
        "{listed}"
    );
    assert!(listed.contains("Événement : paiement rejeté par la banque"), "{listed}");
    for step in ardoise::domain::ladder::Ladder::default_fr().steps {
        assert!(!listed.contains(&format!("« {} »", step.step)), "no internal id: {listed}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&ardoise(&db, &["propose", "--date", "2026-11-22", "--json"]))).unwrap();
    for proposal in json.as_array().unwrap() {
        assert!(proposal["step"].as_str().is_some(), "the id stays for scripts");
        let label = proposal["step_label"].as_str().unwrap();
        assert!(
            label.starts_with("Étape ") || label.starts_with("Événement : ") || label.starts_with("Procédure"),
            "{label}"
        );
    }
}

/// The e-mails that carry the letters were written before the form of address: « je suis heureux de
/// compter … parmi mes clients » went out for Madame and for a company alike, and « malgré mon premier
/// rappel » with no reminder sent. They now agree with the profile and claim only what the facts back.
#[test]
fn the_e_mail_of_a_letter_speaks_in_the_traders_voice_and_claims_no_reminder_unsent() {
    use ardoise::documents::email;
    use ardoise::documents::letters::catalogue;
    /// (kind, how the trader is addressed, with the letters sent before, words said, words never said)
    type Case = (LetterKind, &'static str, bool, &'static [&'static str], &'static [&'static str]);
    let cases: &[Case] = &[
        (
            LetterKind::Welcome,
            "madame",
            true,
            &["Bienvenue parmi mes clients", "je suis heureuse de compter"],
            &["heureux"],
        ),
        (LetterKind::Welcome, "monsieur", true, &["je suis heureux de compter", "Mes factures"], &["heureuse"]),
        (
            LetterKind::Welcome,
            "company",
            true,
            &[
                "Bienvenue parmi nos clients",
                "nous sommes heureux de compter",
                "Nos factures",
                "nous restons joignables",
            ],
            &[" je ", " mes "],
        ),
        (
            LetterKind::FriendlyReminder,
            "company",
            true,
            &["Sauf erreur de notre part, nous n'avons pas encore reçu"],
            &[" je "],
        ),
        (LetterKind::FirmReminder, "monsieur", true, &["Malgré mon premier rappel"], &[]),
        (LetterKind::FirmReminder, "company", true, &["Malgré notre premier rappel", "Nous vous demandons"], &[" je "]),
        (LetterKind::FirmReminder, "madame", false, &["reste redevable"], &["Malgré"]),
        (LetterKind::LastReminder, "monsieur", false, &["doit toujours"], &["rappel est resté", "rappels sont restés"]),
        (LetterKind::PaymentOrderPack, "company", true, &["malgré notre mise en demeure, nous déposons"], &[" je "]),
        (LetterKind::PaymentOrderPack, "madame", false, &["je dépose"], &["malgré"]),
        (
            LetterKind::ServiceSuspension,
            "company",
            true,
            &["Suspension de nos prestations", "nous suspendons nos"],
            &[" je "],
        ),
        (LetterKind::FormalNotice, "company", false, &["la mise en demeure de payer que nous adressons"], &[" je "]),
    ];
    for (kind, addressed_as, with_history, said, never) in cases {
        let mut facts = facts_for(*kind, Who::Professional, "");
        (facts.sender.addressed_as, facts.sender.feminine, facts.sender.plural) =
            (addressed_as.to_string(), *addressed_as == "madame", *addressed_as == "company");
        if !with_history {
            facts.previous_letters.clear();
            facts.reminders.clear();
            facts.formal_notice_sent_on = None;
        }
        let name = catalogue::email_template_name(*kind);
        let source = catalogue::embedded(&name).unwrap().source;
        let text = email::compose(facts, source, None, None).unwrap();
        let whole = format!("{}\n{}", text.subject, text.body);
        assert!(text.problems.is_empty(), "{name} {addressed_as}: {:?}", text.problems);
        for words in *said {
            assert!(whole.contains(words), "{name} {addressed_as}: « {words} » not in\n{whole}");
        }
        for words in *never {
            assert!(!whole.contains(words), "{name} {addressed_as}: « {words} » in\n{whole}");
        }
    }
}

/// Every demo client's invoices a letter may be about, with what remains on each on the tests' day.
fn choices(ledger: &Ledger, client: i64) -> Vec<letters::InvoiceChoice> {
    letters::draft_choices(ledger, client, LetterKind::FormalNotice, today()).unwrap()
}

fn about(kind: LetterKind, client: i64, invoice_ids: Vec<i64>) -> LetterRequest {
    LetterRequest { invoice_ids, ..request(kind, client) }
}

#[test]
fn a_dunning_letter_about_paid_invoices_is_not_printed_and_a_disputed_one_is_warned_of() {
    // Audit 3: a mise en demeure of an invoice paid months before printed « reste dû 0,00 € … je vous mets
    // en demeure de me payer … 0,00 € ».
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    let clients = desk::clients::client_list(&ledger, today()).unwrap();
    let (client, paid) = clients
        .iter()
        .find_map(|c| choices(&ledger, c.id).into_iter().find(|i| i.remaining.is_zero()).map(|i| (c.id, i)))
        .expect("a demo client with a paid invoice");
    for kind in [LetterKind::FormalNotice, LetterKind::FriendlyReminder] {
        let letter = letters::compose_request(&ledger, &about(kind, client, vec![paid.id]), None).unwrap();
        let codes: Vec<&str> = letter.facts.missing.iter().map(|fact| fact.code.as_str()).collect();
        assert!(codes.contains(&"invoices_paid"), "{kind:?}: {codes:?}");
        let refused = print::letter_pdf(&letter, &PrintOptions::default()).unwrap_err();
        assert_eq!(refused.kind(), "missing_facts");
        assert!(refused.to_string().contains(&format!("la facture {}, qui est réglée", paid.number)), "{refused}");
    }
    // A thank-you for the payment asks nothing and is not held back.
    let thanks = letters::compose_request(&ledger, &about(LetterKind::PaymentThanks, client, vec![paid.id]), None);
    assert!(thanks.unwrap().facts.missing.iter().all(|fact| fact.code != "invoices_paid"));

    // An invoice under a dispute in force, in a letter asking its payment: the letter says so.
    let (client, owed) = clients
        .iter()
        .find_map(|c| choices(&ledger, c.id).into_iter().find(|i| i.days_late > 0).map(|i| (c.id, i)))
        .expect("a demo client with an overdue invoice");
    let dispute = ardoise::domain::model::EventFields {
        client_id: client,
        kind: ardoise::domain::model::EventKind::Dispute,
        date: today(),
        text: "Travaux contestés".into(),
        amount: None,
        until: None,
        invoice_id: Some(owed.id),
    };
    desk::events::add_event(&mut ledger, &dispute).unwrap();
    let letter = letters::compose_request(&ledger, &about(LetterKind::FormalNotice, client, vec![owed.id]), None);
    let problems = letter.unwrap().problems;
    let expected = format!("la facture {} fait l'objet d'un litige en cours", owed.number);
    assert!(problems.iter().any(|problem| problem.contains(&expected)), "{problems:?}");
}

#[test]
fn a_reminder_of_an_invoice_not_yet_due_is_not_printed_and_other_letters_say_when_it_falls_due() {
    // A mise en demeure asked for with no invoice overdue fell back to the open invoices and put the client
    // on notice of paying « les factures suivantes, échues », one due weeks later; an acknowledgement of a
    // partial payment called an invoice due next month « échue le ».
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    let clients = desk::clients::client_list(&ledger, today()).unwrap();
    let owes_early =
        |c: i64| choices(&ledger, c).into_iter().filter(|i| i.remaining > Decimal::ZERO).collect::<Vec<_>>();
    let (client, early) = clients
        .iter()
        .find_map(|c| {
            let open = owes_early(c.id);
            (!open.is_empty() && open.iter().all(|i| i.days_late == 0)).then_some((c.id, open))
        })
        .expect("a demo client owing only invoices not yet due");
    for kind in [LetterKind::FormalNotice, LetterKind::FriendlyReminder, LetterKind::PaymentOrderPack] {
        let letter = letters::compose_request(&ledger, &request(kind, client), None).unwrap();
        let codes: Vec<&str> = letter.facts.missing.iter().map(|fact| fact.code.as_str()).collect();
        assert!(codes.contains(&"not_due"), "{kind:?}: {codes:?}");
        let refused = print::letter_pdf(&letter, &PrintOptions::default()).unwrap_err();
        assert_eq!(refused.kind(), "missing_facts");
        let first = &early[0];
        let expected =
            format!("{} (échéance le {})", first.number, ardoise::domain::calendar::format_long(first.due_date));
        assert!(refused.to_string().contains(&expected), "{refused}");
        assert!(refused.to_string().contains("Attendez l'échéance, ou envoyez une pré-relance."), "{refused}");
    }
    // A pre-reminder is what such an invoice gets.
    let pre = letters::compose_request(&ledger, &request(LetterKind::PreReminder, client), None).unwrap();
    assert!(pre.facts.missing.is_empty(), "{:?}", pre.facts.missing);

    // An overdue invoice beside one not yet due: the mise en demeure waits until the latter is taken out.
    let (client, overdue, not_due) = clients
        .iter()
        .find_map(|c| {
            let open = owes_early(c.id);
            let late = open.iter().find(|i| i.days_late > 0)?.clone();
            let early = open.iter().find(|i| i.days_late == 0)?.clone();
            Some((c.id, late, early))
        })
        .expect("a demo client owing an overdue invoice and one not yet due");
    let both = about(LetterKind::FormalNotice, client, vec![overdue.id, not_due.id]);
    let letter = letters::compose_request(&ledger, &both, None).unwrap();
    let message = &letter.facts.missing.iter().find(|fact| fact.code == "not_due").expect("not_due").message;
    assert!(message.ends_with("Retirez-la des factures du courrier."), "{message}");
    assert!(message.contains(&format!("la facture {} (échéance le", not_due.number)), "{message}");
    let alone = about(LetterKind::FormalNotice, client, vec![overdue.id]);
    let letter = letters::compose_request(&ledger, &alone, None).unwrap();
    assert!(letter.facts.missing.iter().all(|fact| fact.code != "not_due"));

    // A letter that may be about an invoice not yet due says when it falls due, not that it fell due.
    let partial = about(LetterKind::PartialPayment, client, vec![not_due.id]);
    let letter = letters::compose_request(&ledger, &partial, None).unwrap();
    let text = pdf_text(&print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    let when = ardoise::domain::calendar::format_long(not_due.due_date);
    assert!(text.contains(&format!("à échéance du {when}")), "{text}");
    assert!(!text.contains(&format!("échue le {when}")), "{text}");
}

#[test]
fn a_rejected_payment_or_broken_promise_letter_needs_the_rejection_or_the_promise() {
    // Audit 3: « Votre dernier règlement m'a été retourné impayé par la banque. » printed for a client no
    // bank ever rejected a payment of, « Vous aviez promis de régler … » for one who promised nothing.
    let folder = tempfile::tempdir().unwrap();
    let ledger = demo_ledger(folder.path());
    let mut checked = 0;
    for client in ledger.clients().unwrap() {
        let account = desk::accounts::account(&ledger, client.id, today()).unwrap();
        let rejected = account.payments.iter().any(|p| p.rejection.is_some());
        let promised = account.events.iter().any(|e| e.fields.kind == ardoise::domain::model::EventKind::Promise);
        for (kind, code, happened) in
            [(LetterKind::RejectedPayment, "rejection", rejected), (LetterKind::BrokenPromise, "promise", promised)]
        {
            let letter = letters::compose_request(&ledger, &request(kind, client.id), None).unwrap();
            let waits = letter.facts.missing.iter().any(|fact| fact.code == code);
            assert_eq!(waits, !happened, "{} / {kind:?}", client.fields.display_name());
            if !happened {
                let refused = print::letter_pdf(&letter, &PrintOptions::default()).unwrap_err();
                assert_eq!(refused.kind(), "missing_facts");
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
}

#[test]
fn salutations_write_surnames_as_french_writes_them() {
    // Audit 3: « DE LA ROCHEFOUCAULD » was greeted « Madame De la rochefoucauld, ».
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    let client = ledger.clients().unwrap().into_iter().next().unwrap();
    for (typed, expected) in [
        ("DE LA ROCHEFOUCAULD", "Madame de La Rochefoucauld,"),
        ("LE GALL", "Madame Le Gall,"),
        ("MARTIN-DUPONT", "Madame Martin-Dupont,"),
        ("N'DIAYE", "Madame N'Diaye,"),
        ("MAC GREGOR", "Madame Mac Gregor,"),
        ("D'ALMEIDA", "Madame d'Almeida,"),
        ("DU", "Madame Du,"),
        ("de Villepin", "Madame de Villepin,"),
        ("McGregor", "Madame McGregor,"),
        ("  martin  ", "Madame martin,"),
    ] {
        let mut fields = client.fields.clone();
        fields.company_name.clear();
        fields.civility = "Mme".into();
        fields.first_name = "Anne".into();
        fields.last_name = typed.into();
        desk::clients::save_client(&mut ledger, Some(client.id), &fields).unwrap();
        let letter = letters::compose_request(&ledger, &request(LetterKind::FriendlyReminder, client.id), None);
        assert_eq!(letter.unwrap().facts.client.salutation, expected, "{typed}");
    }
}

#[test]
fn the_contact_person_is_printed_on_line_2_of_the_address() {
    // Audit 3: `client edit --contact` promised a line « À l'attention de » that no letter printed.
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    let client = ledger.clients().unwrap().into_iter().find(|c| !c.fields.company_name.is_empty()).unwrap();
    let compose = |ledger: &Ledger| {
        letters::compose_request(ledger, &request(LetterKind::FriendlyReminder, client.id), None).unwrap()
    };
    for (contact, complement, line_2) in [
        ("Mme Durand", "", Some("À l'attention de Mme Durand")),
        ("Service comptabilité fournisseurs", "", Some("Service comptabilité fournisseurs")),
        ("Mme Durand", "BATIMENT B", Some("BATIMENT B")),
        ("Mme Marie-Christine de La Tour du Pin d'Auvergne", "", None),
    ] {
        let mut fields = client.fields.clone();
        fields.contact_person = contact.into();
        fields.address.complement = complement.into();
        desk::clients::save_client(&mut ledger, Some(client.id), &fields).unwrap();
        let letter = compose(&ledger);
        let lines = &letter.facts.client.address_lines;
        assert!(letter.facts.client.address_problems.is_empty(), "{lines:?}");
        match line_2 {
            Some(line) => assert_eq!(lines[1], line, "{lines:?}"),
            None => assert!(lines.iter().all(|l| !l.contains("Tour du Pin")), "{lines:?}"),
        }
        if line_2 == Some("À l'attention de Mme Durand") {
            let text = pdf_text(&print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
            assert!(text.contains("À l'attention de Mme Durand"), "{text}");
        }
    }
}

#[test]
fn a_consumer_letter_prints_no_empty_penalty_annex() {
    // Audit 3: a mise en demeure to a consumer printed « Annexe 2 – Décompte » with its header and no row.
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    let mut printed = 0;
    for client in ledger.clients().unwrap() {
        for kind in [LetterKind::FormalNotice, LetterKind::LastReminder, LetterKind::Handover] {
            let letter = letters::compose_request(&ledger, &request(kind, client.id), None).unwrap();
            let Ok(bytes) = print::letter_pdf(&letter, &PrintOptions::default()) else { continue };
            let text = pdf_text(&bytes);
            // A professional's interest runs from the due date; a consumer's letter has none to state.
            let periods = !letter.facts.breakdown.periods.is_empty();
            assert_eq!(text.contains("Décompte au"), periods, "{}: {text}", client.fields.display_name());
            printed += usize::from(!letter.facts.client.b2b);
        }
    }
    assert!(printed > 0);
}

#[test]
fn the_iban_and_the_phone_never_break_across_lines() {
    // Audit 3: « IBAN FR76 3000 ⏎ 6000 … », « 06 12 34 56 ⏎ 78 ».
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    let hotel = client_named(&ledger, "Hôtel des Célestins");
    let letter = letters::compose_request(&ledger, &request(LetterKind::FirmReminder, hotel), None).unwrap();
    let sender = &letter.facts.sender;
    assert!(sender.iban.contains('\u{a0}') && !sender.iban.contains(' '), "{}", sender.iban);
    assert!(sender.phone.contains('\u{a0}') && !sender.phone.contains(' '), "{}", sender.phone);
    assert!(letter.body.contains(&sender.iban) && letter.problems.is_empty(), "{:?}", letter.problems);
}

#[test]
fn a_plan_proposal_with_fees_can_be_e_mailed() {
    // Audit 3: `email send` refused every plan proposal carrying its fees, « il manque chaque échéance du
    // plan (date et montant) (« 46,19 € ») »: the e-mail never stated the fees its check asked for.
    use ardoise::desk::plans::{self as plan_desk, PlanOptions};
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    let options = PlanOptions { with_fees: true, ..Default::default() };
    let mut checked = 0;
    for client in ledger.clients().unwrap() {
        let Ok(plan) = plan_desk::draft(&mut ledger, client.id, today(), &options) else { continue };
        if plan.fees_available.is_zero() {
            continue;
        }
        let target = letters::ExportTarget::Folder(folder.path().join("plans"));
        plan_desk::export(&mut ledger, plan.id, today(), &target).unwrap();
        let letter = ledger.plan(plan.id).unwrap().letter_id.unwrap();
        let email = desk::email::letter_email(&ledger, letter, today()).unwrap();
        assert!(email.text.problems.is_empty(), "{}: {:?}", client.fields.display_name(), email.text.problems);
        assert!(email.text.body.contains("arrêtés au"), "{}", email.text.body);
        checked += 1;
    }
    assert!(checked > 0);
}

/// Audit P2: the déclaration de créance declared the principal alone (« Montant total déclaré au titre des
/// sommes échues : 4 730,00 € ») while `penalties` and `propose` counted the interest to the opening
/// judgment, and it listed a « relevé de compte » among its enclosures that it did not carry.
#[test]
fn the_claim_declaration_declares_interest_and_indemnities_to_the_opening_day_and_encloses_what_it_lists() {
    use ardoise::domain::money::format_eur;
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = demo_ledger(folder.path());
    enter_second_half_2026(&mut ledger);
    let transports = client_named(&ledger, "Transports Vidal SARL");
    procedure::confirm_claim_statement(&mut ledger, transports, "", "", today()).unwrap();
    let opening = ledger.client(transports).unwrap().fields.procedure.opening_date.unwrap();
    let proposal = proposals::client_proposal(&ledger, transports, today()).unwrap().unwrap();
    assert_eq!(proposal.kind, LetterKind::ClaimDeclaration);

    // An invoice issued after the judgment, overdue by the letter's date, is not a debt to declare.
    let since = ledger
        .create_invoice(&ardoise::domain::model::InvoiceFields {
            number: "F2026-APRES".into(),
            client_id: transports,
            issue_date: opening + chrono::Days::new(1),
            due_date: Some(opening + chrono::Days::new(2)),
            payment_terms: None,
            amount: "500.00".parse().unwrap(),
            amount_excl_vat: None,
            object: String::new(),
            penalty_rate: None,
            written_off_on: None,
            nature: None,
        })
        .unwrap();
    let usual = letters::draft_choices(&ledger, transports, LetterKind::ClaimDeclaration, today()).unwrap();
    assert!(usual.iter().any(|choice| choice.id == since && choice.days_late > 0 && !choice.preselected));

    let letter = letters::compose_request(&ledger, &request(LetterKind::ClaimDeclaration, transports), None).unwrap();
    assert!(letter.problems.is_empty(), "{:?}", letter.problems);
    assert!(letter.facts.invoices.iter().all(|invoice| invoice.id != since), "{:?}", letter.facts.invoices);
    let declared = &letter.facts.breakdown;
    // What `penalties --date <opening>` gives for the declared invoices, what `propose` shows for this letter.
    let at_opening = penalties::penalties(&ledger, transports, opening).unwrap().breakdown;
    let ids: Vec<i64> = letter.facts.invoices.iter().map(|invoice| invoice.id).collect();
    let of_declared = at_opening.invoices.iter().filter(|invoice| ids.contains(&invoice.invoice_id));
    let (interest, indemnity) =
        of_declared.fold((Default::default(), Default::default()), |(i, n), p| (i + p.interest, n + p.indemnity));
    assert!(declared.interest > rust_decimal::Decimal::ZERO, "interest to the opening day is declared");
    assert_eq!((declared.interest, declared.indemnity), (interest, indemnity));
    assert_eq!(declared.indemnity, rust_decimal::Decimal::from(40 * ids.len() as i64), "each invoice was late");
    assert_eq!(
        (declared.principal, declared.interest, declared.indemnity, declared.total),
        (proposal.principal, proposal.interest, proposal.indemnity, proposal.total)
    );
    for said in [
        format!("principal restant dû : {}", format_eur(declared.principal)),
        format!("au jour du jugement d'ouverture : {}", format_eur(declared.interest)),
        format!("déjà en retard à cette date, soit : {}", format_eur(declared.indemnity)),
        format!("total déclaré : {}", format_eur(declared.total)),
    ] {
        assert!(letter.body.contains(&said), "{said:?} not in {}", letter.body);
    }
    assert!(!letter.body.contains("Montant total déclaré au titre des sommes échues"), "{}", letter.body);

    // Its enclosures are what it prints after the signature: the invoices, then the breakdown.
    assert!(!letter.enclosures.iter().any(|item| item.contains("relevé de compte")), "{:?}", letter.enclosures);
    let text = pdf_text(&print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    assert!(text.contains("Annexe 1 – Factures concernées"), "{text}");
    assert!(text.contains("Annexe 2 – Décompte arrêté au jugement d'ouverture du"), "{text}");
    let spaced = |text: &str| text.replace(['\u{a0}', '\u{202f}'], " ");
    assert!(spaced(&text).contains(&spaced(&format_eur(declared.total))), "{text}");
}
