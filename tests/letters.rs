//! The letter catalogue through its public API: every template renders for a professional and a consumer,
//! states its required facts and never claims B2B penalties from a consumer; rendered texts are compared
//! with the snapshots in tests/snapshots/letters/ (`ARDOISE_BLESS=1` rewrites them); broken user copies
//! give their French message with the line.

mod fixtures;

use ardoise::documents::letters::{self, catalogue, render};
use fixtures::{facts_for, Who};
use std::path::PathBuf;

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/letters")
}

/// Compares `text` with the stored snapshot, or rewrites it when `ARDOISE_BLESS` is set. A missing
/// snapshot fails too: new templates must be blessed on purpose.
fn check_snapshot(name: &str, text: &str) -> Option<String> {
    let path = snapshot_dir().join(format!("{name}.txt"));
    if std::env::var_os("ARDOISE_BLESS").is_some() {
        std::fs::create_dir_all(snapshot_dir()).unwrap();
        std::fs::write(&path, text).unwrap();
        return None;
    }
    match std::fs::read_to_string(&path) {
        Ok(stored) if stored == text => None,
        Ok(stored) => Some(format!("{name}: the text changed\n{}", diff(&stored, text))),
        Err(_) => Some(format!("{name}: no snapshot at {} (run with ARDOISE_BLESS=1)", path.display())),
    }
}

/// Line-by-line difference, enough to read what changed.
fn diff(old: &str, new: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut out = String::new();
    for index in 0..old.len().max(new.len()) {
        let (a, b) = (old.get(index), new.get(index));
        if a != b {
            out.push_str(&format!("  line {}:\n  - {}\n  + {}\n", index + 1, a.unwrap_or(&""), b.unwrap_or(&"")));
        }
    }
    out
}

#[test]
fn every_template_renders_for_both_clients_with_its_required_facts_and_matches_its_snapshot() {
    let mut failures = Vec::new();
    for template in catalogue::TEMPLATES {
        let kind = catalogue::kind_of(template.name).expect("every template belongs to a kind");
        for who in [Who::Professional, Who::Consumer] {
            let variant = template.name.split_once('.').map_or("", |(_, v)| v);
            let facts = facts_for(kind, who, if variant == "with_fees" { variant } else { "" });
            let name = format!("{}.{}", template.name, who.id());
            match letters::compose(facts, template.name, template.source, None) {
                Err(error) => failures.push(format!("{name}: {error}")),
                Ok(letter) => {
                    failures.extend(letter.problems.iter().map(|p| format!("{name}: {p}")));
                    failures.extend(check_snapshot(&name, &letter.full_text()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_kind_has_a_template_declaring_facts_and_the_reminders_have_segment_variants() {
    let kinds = catalogue::kinds();
    assert_eq!(kinds.len(), 21);
    for entry in &kinds {
        assert!(!entry.required_facts.is_empty(), "{:?} declares no required fact", entry.kind);
        for fact in &entry.required_facts {
            assert!(catalogue::FACTS.iter().any(|(id, _)| id == fact), "{:?}: unknown fact {fact}", entry.kind);
        }
        assert!(entry.required_facts.contains(&"client".to_string()), "{:?} must name the client", entry.kind);
    }
    for reminder in ["friendly_reminder", "firm_reminder"] {
        for segment in ["new", "chronic_late_payer", "key_account", "micro_business"] {
            assert!(catalogue::embedded(&format!("{reminder}.{segment}")).is_some(), "{reminder}.{segment}");
        }
    }
    let formal = kinds.iter().find(|k| k.kind.id() == "formal_notice").unwrap();
    for fact in ["breakdown", "deadline", "formal_notice", "consequence", "iban", "contact"] {
        assert!(formal.required_facts.contains(&fact.to_string()), "formal notice lacks {fact}");
    }
}

#[test]
fn the_segment_and_the_variant_choose_the_template() {
    use ardoise::domain::letter_kind::LetterKind;
    use ardoise::domain::model::Segment;
    let check = |kind, segment, variant: &str, expected: &str| {
        assert_eq!(catalogue::template_name(kind, segment, variant), expected);
    };
    check(LetterKind::FriendlyReminder, Segment::KeyAccount, "", "friendly_reminder.key_account");
    check(LetterKind::FriendlyReminder, Segment::Regular, "", "friendly_reminder");
    check(LetterKind::FormalNotice, Segment::KeyAccount, "", "formal_notice");
    check(LetterKind::PlanProposal, Segment::MicroBusiness, "with_fees", "plan_proposal.with_fees");
    check(LetterKind::PlanProposal, Segment::MicroBusiness, "", "plan_proposal");
}

#[test]
fn the_checker_catches_a_missing_fact_and_b2b_words_in_a_consumer_letter() {
    let facts = facts_for(ardoise::domain::letter_kind::LetterKind::FriendlyReminder, Who::Consumer, "");
    let source = "{# requires: client, iban #}\nObjet : Test\n\nBonjour {{ client.name }}, indemnité forfaitaire de \
                  40 € (article L441-10).";
    let letter = letters::compose(facts, "essai", source, None).unwrap();
    let problems = letter.problems.join("\n");
    assert!(problems.contains("il manque l'IBAN pour payer"), "{problems}");
    assert!(problems.contains("« L441-10 » ne doit pas figurer"), "{problems}");
    assert!(problems.contains("« indemnité forfaitaire » ne doit pas figurer"), "{problems}");
    assert!(problems.contains("« 40 € » ne doit pas figurer"), "{problems}");
}

/// The checker warned that « 40,00 € » must not appear in a consumer's letter that only owed « 1 240,00 € »,
/// and took « 11 240,00 € » for a required « 240,00 € »: it matched amounts as substrings. Amounts (and
/// other numbers) now match only whole.
#[test]
fn forty_euros_inside_1_240_euros_is_not_the_indemnity() {
    use ardoise::domain::money::format_eur;
    let amount = |text: &str| format_eur(fixtures::eur(text));
    let forbidden = |word: &str| format!("« {word} » ne doit pas figurer dans un courrier à un particulier");
    let missing = |item: String| format!("il manque le reste à payer (« {item} »)");
    // (the letter's text, problems expected, problems that must not be reported)
    let cases: Vec<(String, Vec<String>, Vec<String>)> = vec![
        (format!("Reste dû : {}.", amount("1240")), vec![missing(amount("240"))], vec![forbidden("40,00\u{a0}€")]),
        (format!("Reste dû : {}.", amount("11240")), vec![missing(amount("240"))], vec![]),
        (format!("Reste dû : {}.", amount("240")), vec![], vec![missing(amount("240"))]),
        (
            format!("Reste dû : {}, dont {} de frais.", amount("240"), amount("40")),
            vec![forbidden("40,00\u{a0}€")],
            vec![],
        ),
        (format!("Reste dû : {} ; frais : 40 €.", amount("240")), vec![forbidden("40 €")], vec![]),
        (format!("Reste dû : {} ; 1 240 € en 2026.", amount("240")), vec![], vec![forbidden("40 €")]),
        (format!("Reste dû : {} en 2026 40 € de frais.", amount("240")), vec![forbidden("40 €")], vec![]),
    ];
    for (text, expected, absent) in cases {
        let mut facts = facts_for(ardoise::domain::letter_kind::LetterKind::FriendlyReminder, Who::Consumer, "");
        facts.total_remaining = fixtures::eur("240");
        let source = format!("{{# requires: client, remaining #}}\nObjet : Test\n\n{{{{ client.name }}}}. {text}");
        let problems = letters::compose(facts, "essai", &source, None).unwrap().problems;
        for problem in &expected {
            assert!(problems.contains(problem), "{text}: {problem} expected in {problems:?}");
        }
        for problem in &absent {
            assert!(!problems.contains(problem), "{text}: {problem} reported in {problems:?}");
        }
    }
}

#[test]
fn the_formal_notice_to_a_professional_carries_the_breakdown_and_to_a_consumer_no_indemnity() {
    use ardoise::domain::letter_kind::LetterKind;
    let source = catalogue::embedded("formal_notice").unwrap().source;
    let b2b =
        letters::compose(facts_for(LetterKind::FormalNotice, Who::Professional, ""), "formal_notice", source, None)
            .unwrap()
            .full_text();
    for expected in
        ["MISE EN DEMEURE", "8 jours à compter de la réception", "indemnité forfaitaire", "L441-10", "12,15 %"]
    {
        assert!(b2b.contains(expected), "B2B formal notice lacks {expected}:\n{b2b}");
    }
    let b2c = letters::compose(facts_for(LetterKind::FormalNotice, Who::Consumer, ""), "formal_notice", source, None)
        .unwrap()
        .full_text();
    assert!(b2c.contains("taux légal"), "{b2c}");
    assert!(!b2c.contains("indemnité"), "{b2c}");
}

#[test]
fn an_edited_body_replaces_the_template_text_and_is_still_checked() {
    let facts = facts_for(ardoise::domain::letter_kind::LetterKind::FriendlyReminder, Who::Professional, "");
    let source = catalogue::embedded("friendly_reminder").unwrap().source;
    let letter = letters::compose(facts, "friendly_reminder", source, Some("Texte libre.")).unwrap();
    assert!(letter.body_edited);
    assert_eq!(letter.body, "Texte libre.");
    assert!(letter.problems.iter().any(|p| p.contains("IBAN")), "{:?}", letter.problems);
}

/// A user's broken copy: the message a user reads, with the line.
fn broken(source: &str) -> String {
    let facts = facts_for(ardoise::domain::letter_kind::LetterKind::FriendlyReminder, Who::Professional, "");
    render::check_user_source("Rappel amical", source)
        .and_then(|()| letters::compose(facts, "Rappel amical", source, None).map(|_| ()))
        .expect_err("the copy is broken")
        .to_string()
}

#[test]
fn broken_user_templates_give_a_french_message_with_the_line() {
    let cases = [
        ("Objet : A\n\n{{ client.name }\n", "Modèle « Rappel amical », ligne 3 : erreur de syntaxe"),
        ("Objet : A\n\n{% if client.b2b %}\noui\n", "Modèle « Rappel amical », ligne 5 : erreur de syntaxe"),
        (
            "Objet : A\n\nBonjour\n{{ client.nom }}\n",
            "Modèle « Rappel amical », ligne 4 : la variable « client.nom » n'existe pas dans les données du courrier.",
        ),
        (
            "Objet : A\n{% include \"/etc/passwd\" %}\n",
            "Modèle « Rappel amical », ligne 2 : la balise « include » n'est pas permise dans un modèle modifié : un \
             modèle ne lit aucun autre fichier.",
        ),
        (
            "Objet : A\n\n{%- macro boucle() %}{{ self::boucle() }}{% endmacro %}\n",
            "Modèle « Rappel amical », ligne 3 : la balise « macro » n'est pas permise",
        ),
        (
            "Objet : A\n{% for i in range(end=1000000000) %}x{% endfor %}\n",
            "Modèle « Rappel amical », ligne 2 : la fonction « range » n'est pas permise",
        ),
        (
            "Objet : A\n{% for a in invoices %}{% for b in invoices %}\n{% for c in invoices %}x{% endfor %}\n\
             {% endfor %}{% endfor %}\n",
            "Modèle « Rappel amical », ligne 3 : les boucles « for » ne peuvent pas s'imbriquer sur plus de 2 niveaux.",
        ),
        ("Bonjour\n", "Modèle « Rappel amical », ligne 1 : le texte doit commencer par une ligne « Objet : … »."),
        (
            "Objet : A\n{{ invoices | eur }}\n",
            "Modèle « Rappel amical » : le modèle n'a pas pu être appliqué (le filtre « eur » attend un montant",
        ),
    ];
    for (source, expected) in cases {
        let message = broken(source);
        assert!(message.starts_with(expected), "{source:?}\n  got:      {message}\n  expected: {expected}…");
    }
}

#[test]
fn file_names_follow_the_pattern_and_drop_forbidden_characters() {
    let facts = facts_for(ardoise::domain::letter_kind::LetterKind::FormalNotice, Who::Professional, "");
    assert_eq!(letters::file_name(&facts), "2026-11-22 Mise en demeure - DUPONT BATIMENT - F2025-103 +1.pdf");
    let cases = [
        ("a/b\\c:d*e?f\"g<h>i|j", "a b c d e f g h i j"),
        ("tab\there\nnew", "tab here new"),
        ("  ..hidden.  ", "hidden"),
    ];
    for (raw, expected) in cases {
        assert_eq!(letters::sanitize_file_name(raw), expected, "{raw:?}");
    }
}

#[test]
fn a_copy_saved_with_windows_line_ends_reports_the_same_line() {
    let message = render::check_syntax("Essai", "Objet : essai\r\n\r\n{{ client.name }\r\n").unwrap_err().to_string();
    assert!(message.starts_with("Modèle « Essai », ligne 3 : erreur de syntaxe"), "{message}");
}

#[test]
fn every_original_template_may_be_saved_unchanged_as_a_user_copy() {
    for template in ardoise::documents::letters::catalogue::TEMPLATES {
        let checked = ardoise::documents::letters::render::check_user_source(template.name, template.source);
        assert!(checked.is_ok(), "{}: {:?}", template.name, checked.err().map(|e| e.message));
    }
}

/// A profile without a phone made every letter say « Je reste joignable ou à marie@…» (the « ou » kept
/// with nothing before it). With a phone, « ou à » follows its digits; without, the e-mail stands alone.
#[test]
fn a_sender_without_a_phone_gets_no_dangling_or_before_the_e_mail() {
    let mut failures = Vec::new();
    for template in catalogue::TEMPLATES {
        let kind = catalogue::kind_of(template.name).expect("every template belongs to a kind");
        let variant = template.name.split_once('.').map_or("", |(_, v)| v);
        let mut facts = facts_for(kind, Who::Professional, if variant == "with_fees" { variant } else { "" });
        facts.sender.phone.clear();
        assert!(!facts.sender.email.is_empty());
        let Ok(letter) = letters::compose(facts, template.name, template.source, None) else { continue };
        let text = letter.full_text();
        for joint in [" ou à ", " et à "] {
            for (at, _) in text.match_indices(joint) {
                let before = text[..at].chars().last().unwrap_or(' ');
                if !before.is_ascii_digit() {
                    let lead: String =
                        text[..at].chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
                    failures.push(format!("{}: « …{lead}{joint}… »", template.name));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
