//! The required-facts checker: each fact a template declares must appear in the rendered text; a letter
//! to a consumer must never claim what the law reserves for professionals (the 40 € indemnity, the
//! penalties of C. com. L441-10); and, for every kind, what the text states must be backed by the facts:
//! reminders it says were sent were sent, a payment is « par » a method only when one was given, the
//! sender's words agree with how the trader is addressed, nothing is said of amounts to fall due or of
//! securities that the user did not confirm.

use super::catalogue::FACTS;
use super::facts::LetterFacts;
use crate::domain::calendar::format_long;
use crate::domain::money::format_eur;

/// Words a letter to a consumer must not contain (law-fr.md, B2C). Amounts of 40 € are caught in both
/// printed forms, as whole amounts: « 1 240,00 € » is not the indemnity (`contains`).
pub const FORBIDDEN_B2C: &[&str] = &["L441-10", "L. 441-10", "D441-5", "indemnité forfaitaire", "40,00\u{a0}€", "40 €"];

/// Every problem of `text` for these facts: a missing required fact or a forbidden word, in French.
pub fn problems(facts: &LetterFacts, required: &[String], text: &str) -> Vec<String> {
    let text = &Lowered::of(text);
    let mut problems = Vec::new();
    // A kind that sets a deadline must print it, whatever its template declares.
    let deadline = String::from("deadline");
    let required: Vec<&String> =
        required.iter().chain(facts.deadline.as_ref().map(|_| &deadline)).filter(|f| !f.is_empty()).collect();
    let mut seen = std::collections::HashSet::new();
    for fact in required.into_iter().filter(|fact| seen.insert(fact.as_str())) {
        // A fact the letter lacks (`LetterFacts::missing`, which blocks printing) is said there once, with
        // the way to give it: not again here.
        if facts.missing.iter().any(|missing| missing.code == *fact) {
            continue;
        }
        let expected = expected_strings(facts, fact, text);
        let label = FACTS.iter().find(|(id, _)| id == fact).map_or(fact.as_str(), |(_, label)| label);
        match expected {
            None => problems.push(format!("fait requis inconnu « {fact} »")),
            Some(Expect::All(items)) if items.is_empty() => {
                problems.push(format!("il manque {label} : aucune donnée dans le registre"))
            }
            Some(Expect::All(items)) => {
                for item in items.iter().filter(|item| !contains(text, item)) {
                    problems.push(format!("il manque {label} (« {item} »)"));
                }
            }
            Some(Expect::Any(items)) => {
                if !items.iter().any(|item| !item.is_empty() && contains(text, item)) {
                    problems.push(format!("il manque {label}"));
                }
            }
        }
    }
    if !facts.client.b2b {
        for word in FORBIDDEN_B2C.iter().filter(|word| contains(text, word)) {
            problems.push(format!("« {word} » ne doit pas figurer dans un courrier à un particulier"));
        }
    }
    problems.extend(unbacked_in(facts, text));
    // A dispute in force suspends the claim on its invoice: asking its payment all the same is the user's
    // call, made knowingly.
    if facts.kind.asks_payment() && !facts.disputed.is_empty() {
        let which = match facts.disputed.as_slice() {
            [one] => format!("la facture {one} fait l'objet d'un litige en cours"),
            many => format!("les factures {} font l'objet d'un litige en cours", many.join(", ")),
        };
        problems.push(format!(
            "{which} : ce courrier en réclame le paiement sans en parler. Retirez-la du courrier, ou clôturez le \
             litige s'il est réglé (`ardoise event close …`)."
        ));
    }
    problems
}

/// Phrases that say reminders were sent before: true only when one was.
pub const HISTORY_CLAIMS: &[&str] = &[
    "malgré mes relances",
    "malgré nos relances",
    "malgré mes rappels",
    "malgré nos rappels",
    "mes précédentes relances",
    "nos précédentes relances",
    "mes relances sont restées",
    "nos relances sont restées",
    "je vous ai écrit",
    "nous vous avons écrit",
    "malgré mon premier message",
    "malgré notre premier message",
    "malgré mon premier rappel",
    "malgré notre premier rappel",
    "mes précédents rappels",
    "nos précédents rappels",
    "malgré nos échanges",
    "malgré le rappel",
    "malgré ma relance",
    "malgré notre relance",
    "malgré mon précédent rappel",
    "malgré notre précédent rappel",
    "mon précédent rappel est resté",
    "notre précédent rappel est resté",
    "ce n'est pas la première fois que je dois vous relancer",
    "j'ai suspendu mes relances",
    "nous avons suspendu nos relances",
];

/// Phrases that say a mise en demeure was sent before: true only when one was.
pub const FORMAL_NOTICE_CLAIMS: &[&str] = &["ma mise en demeure", "notre mise en demeure", "mise en demeure restée"];

/// First-person phrases that agree with the sender: (masculine, feminine, plural).
pub const AGREEMENTS: &[(&str, &str, &str)] = &[
    ("je reste créancier", "je reste créancière", "nous restons créanciers"),
    ("je suis créancier", "je suis créancière", "nous sommes créanciers"),
    ("je serai contraint", "je serai contrainte", "nous serons contraints"),
    ("je suis contraint", "je suis contrainte", "nous sommes contraints"),
    ("je suis prêt", "je suis prête", "nous sommes prêts"),
    ("je reste ouvert", "je reste ouverte", "nous restons ouverts"),
    ("je vous serais reconnaissant", "je vous serais reconnaissante", "nous vous serions reconnaissants"),
    ("je reste votre interlocuteur", "je reste votre interlocutrice", "nous restons vos interlocuteurs"),
    ("je suis heureux", "je suis heureuse", "nous sommes heureux"),
];

/// What the text states that the facts do not back, in French.
pub fn unbacked_statements(facts: &LetterFacts, text: &str) -> Vec<String> {
    unbacked_in(facts, &Lowered::of(text))
}

/// `unbacked_statements` of a text already lowered.
fn unbacked_in(facts: &LetterFacts, text: &Lowered) -> Vec<String> {
    let mut problems = Vec::new();
    if !facts.reminded() {
        for claim in HISTORY_CLAIMS.iter().filter(|claim| contains_words(text, claim)) {
            problems.push(format!(
                "le courrier dit « {claim} », mais aucune relance n'a été envoyée pour ces factures : retirez \
                 cette phrase ou envoyez d'abord une relance"
            ));
        }
    }
    if facts.formal_notice_sent_on.is_none() {
        for claim in FORMAL_NOTICE_CLAIMS.iter().filter(|claim| contains_words(text, claim)) {
            problems.push(format!(
                "le courrier parle de « {claim} », mais aucune mise en demeure n'a été envoyée pour ces factures"
            ));
        }
    }
    // A payment whose method nobody gave is « non précisé »: a copy of a template written before that
    // could be prints « par {{ payment.method }} » unguarded, which would say « par non précisé ».
    let unknown = facts.payment.iter().filter(|p| !p.method_known).map(|p| p.method.as_str());
    let unknown = unknown.chain(facts.rejection.iter().filter(|r| !r.method_known).map(|r| r.method.as_str()));
    let mut said = std::collections::HashSet::new();
    for label in unknown.filter(|label| said.insert(*label)) {
        let claim = format!("par {label}");
        if contains_words(text, &claim) {
            problems.push(format!(
                "le courrier dit « {claim} » : personne n'a dit comment ce règlement a été fait. Dans votre \
                 modèle, placez « par {{{{ payment.method }}}} » (ou « rejection.method ») entre « {{% if \
                 payment.method_known %}} » et « {{% endif %}} », comme le modèle d'origine, ou rétablissez-le"
            ));
        }
    }
    let statement = facts.procedure.statement.as_ref();
    for (words, none, confirmed, what) in [
        ("à échoir", "aucune somme à échoir", statement.map(|s| &s.to_fall_due), "les sommes à échoir"),
        ("sûreté", "aucune sûreté", statement.map(|s| &s.securities), "les sûretés"),
    ] {
        match confirmed {
            None if contains(text, words) => problems.push(format!(
                "le courrier parle de « {words} » alors que vous n'avez pas confirmé {what} de cette créance"
            )),
            Some(confirmed) if !confirmed.is_empty() && contains(text, none) => {
                problems.push(format!("le courrier dit « {none} » alors que vous avez indiqué : {confirmed}"))
            }
            _ => {}
        }
    }
    let sender = &facts.sender;
    for (masculine, feminine, plural) in AGREEMENTS {
        let expected = if sender.plural {
            Some(*plural)
        } else if sender.feminine {
            Some(*feminine)
        } else if sender.addressed_as.is_empty() {
            None
        } else {
            Some(*masculine)
        };
        for form in [masculine, feminine, plural] {
            if !contains_words(text, form) {
                continue;
            }
            match expected {
                Some(expected) if expected != *form => {
                    problems.push(format!("« {form} » ne s'accorde pas avec votre profil : écrivez « {expected} »"))
                }
                None if form != plural => problems.push(format!(
                    "« {form} » suppose que l'on sait si vous êtes désigné Madame ou Monsieur : dites-le dans votre \
                     profil"
                )),
                _ => {}
            }
        }
    }
    problems
}

/// `contains`, where the phrase must also end at a word's end: « je suis prêt » is not in « je suis
/// prête ».
fn contains_words(text: &Lowered, phrase: &str) -> bool {
    let (text, phrase) = (&text.straight, phrase.to_lowercase());
    text.match_indices(&phrase).any(|(start, found)| {
        let before = text[..start].chars().next_back();
        let after = text[start + found.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A letter's text lowered once for every search the checker makes in it (a letter is searched some sixty
/// times): as written, and with typographic apostrophes made straight for the phrases, written with « ' ».
struct Lowered {
    plain: String,
    straight: String,
}

impl Lowered {
    fn of(text: &str) -> Lowered {
        let plain = text.to_lowercase();
        let straight = plain.replace('’', "'");
        Lowered { plain, straight }
    }
}

enum Expect {
    All(Vec<String>),
    Any(Vec<String>),
}

/// Whether `text` holds `needle`, case aside. A needle that starts with a digit (an amount, a date, a
/// number of days) counts only as a whole number: « 1 240,00 € » does not hold « 40,00 € » nor
/// « 240,00 € », and « 12 octobre » does not hold « 2 octobre ».
fn contains(text: &Lowered, needle: &str) -> bool {
    let (text, needle) = (&text.plain, needle.to_lowercase());
    let leading_digits = needle.chars().take_while(char::is_ascii_digit).count();
    if leading_digits == 0 {
        return text.contains(&needle);
    }
    text.match_indices(&needle).any(|(start, _)| !continues_a_number(&text[..start], leading_digits))
}

/// Whether a number starting right after `before` would be the end of a larger one: `before` ends with a
/// digit, or with a thousands separator after a digit when the number starts with a group of three digits.
fn continues_a_number(before: &str, leading_digits: usize) -> bool {
    let mut previous = before.chars().rev();
    match previous.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some(' ' | '\u{a0}' | '\u{202f}' | '.') if leading_digits == 3 => {
            previous.next().is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

fn expected_strings(facts: &LetterFacts, fact: &str, text: &Lowered) -> Option<Expect> {
    let invoices = &facts.invoices;
    Some(match fact {
        "client" => Expect::All(vec![facts.client.name.clone()]),
        "invoices" => Expect::All(invoices.iter().map(|i| i.number.clone()).collect()),
        "amounts" => Expect::All(invoices.iter().map(|i| format_eur(i.amount)).collect()),
        "due_dates" => Expect::All(invoices.iter().map(|i| format_long(i.due_date)).collect()),
        "remaining" => Expect::All(vec![format_eur(facts.total_remaining)]),
        "iban" => Expect::All(vec![facts.sender.iban.clone()].into_iter().filter(|i| !i.is_empty()).collect()),
        "contact" => Expect::Any(vec![facts.sender.phone.clone(), facts.sender.email.clone()]),
        "breakdown" => {
            let b = &facts.breakdown;
            let mut items = vec![format_eur(b.principal), format_eur(b.interest), format_eur(b.total)];
            if facts.client.b2b {
                items.push(format_eur(b.indemnity));
            }
            Expect::All(items)
        }
        "deadline" => match &facts.deadline {
            None => Expect::All(Vec::new()),
            Some(deadline) => {
                let written = [format!("{} jours", deadline.days), format!("{} jours", deadline.in_words)];
                let Some(found) = written.into_iter().find(|item| contains(text, item)) else {
                    return Some(Expect::Any(vec![format!("{} jours", deadline.in_words)]));
                };
                Expect::All(if deadline.from_receipt { vec![found, "réception".into()] } else { vec![found] })
            }
        },
        "formal_notice" => Expect::All(vec!["mise en demeure".into()]),
        "consequence" => Expect::Any(vec!["justice".into(), "tribunal".into(), "injonction de payer".into()]),
        "payment" => {
            Expect::All(facts.payment.iter().flat_map(|p| [format_eur(p.amount), format_long(p.date)]).collect())
        }
        "rejection" => {
            Expect::All(facts.rejection.iter().flat_map(|r| [format_eur(r.amount), format_long(r.date)]).collect())
        }
        "promise" => Expect::All(facts.promise.iter().map(|p| format_long(p.until.unwrap_or(p.date))).collect()),
        // Fees the plan carries are stated with the day they are counted to, which is the plan's own.
        "plan" => {
            let plan = &facts.plan;
            let fees =
                (plan.fees > rust_decimal::Decimal::ZERO).then(|| [format_eur(plan.fees), format_long(plan.fees_on)]);
            Expect::All(
                plan.installments
                    .iter()
                    .flat_map(|i| [format_eur(i.amount), format_long(i.due_date)])
                    .chain(fees.into_iter().flatten())
                    .collect(),
            )
        }
        "missed_installment" => Expect::All(
            facts
                .missed
                .iter()
                .flat_map(|missed| {
                    [format_eur(missed.amount), format_long(missed.due_date), format_eur(missed.balance)]
                        .into_iter()
                        .chain(missed.fees.iter().flat_map(|fees| [format_eur(missed.principal), format_eur(*fees)]))
                        .chain(missed.partly_paid.then(|| format_eur(missed.unpaid)))
                })
                .collect(),
        ),
        "agreement" => Expect::All(vec!["bon pour accord".into()]),
        "claim_statement" => match &facts.procedure.statement {
            None => Expect::All(Vec::new()),
            Some(statement) => {
                let said = |confirmed: &str, none: &str| {
                    if confirmed.is_empty() {
                        none.to_string()
                    } else {
                        confirmed.to_string()
                    }
                };
                Expect::All(vec![
                    said(&statement.to_fall_due, "aucune somme à échoir"),
                    said(&statement.securities, "aucune sûreté"),
                ])
            }
        },
        "statement" => Expect::All(
            facts
                .statement
                .iter()
                .flat_map(|statement| [format_eur(statement.balance_abs), format_long(facts.date)])
                .collect(),
        ),
        "procedure" => Expect::All(
            [facts.procedure.mandataire_name.clone()]
                .into_iter()
                .chain(facts.procedure.opening_date.map(format_long))
                .filter(|item| !item.is_empty())
                .collect(),
        ),
        _ => return None,
    })
}
