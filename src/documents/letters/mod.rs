//! Letters (F5): the catalogue of templates, the facts a letter is written from, rendering with Tera, the
//! required-facts checker, and the file name a letter is saved under. No SQL here (`ledger/letters.rs`)
//! and no page layout (`print/`).

pub mod assemble;
pub mod catalogue;
pub mod check;

pub mod facts;

pub mod render;

use crate::domain::address::AddressProblem;
use crate::domain::model::FieldErrors;
use facts::{LetterFacts, MissingFact};
use render::{RenderedText, TemplateError, Voice};
use serde::Serialize;

/// Why a letter cannot be produced, in French.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The recipient's address breaks NF Z10-011: printing it would misdeliver the letter.
    #[error("Adresse de « {name} » non conforme à la norme postale (NF Z10-011), le courrier n'est pas imprimé : {}", .problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join(" "))]
    Address { name: String, problems: Vec<AddressProblem> },
    #[error("Modèle de courrier inconnu : « {0} ». Voir `ardoise kinds`.")]
    UnknownKind(String),
    #[error("Le PDF n'a pas pu être produit : {0}")]
    Pdf(String),
    /// The letter depends on facts the ledger lacks (a half-year's rate, what the user must confirm):
    /// printing it would state a figure or a fact nobody gave. Each field is `code` or `code:subject`
    /// (`missing_rate:2026-S2`), with its French message.
    #[error("Courrier non imprimé : {}", .0.0.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(" "))]
    MissingFacts(FieldErrors),
    /// A character the PDF's standard fonts cannot print, not even as a near Latin letter (Cyrillic,
    /// Greek, an emoji): printed, it would read « ? ». Named with the field and the word holding it.
    #[error(
        "Le caractère « {character} » {field} (« {word} ») ne peut pas être imprimé : les polices du PDF \
         n'ont que l'alphabet latin et il n'a pas d'équivalent en lettres latines. Écrivez-le en lettres \
         latines, le document n'est pas imprimé."
    )]
    Unprintable { character: char, field: String, word: String },
}

impl LetterError {
    /// A stable id for the window's error box.
    pub fn kind(&self) -> &'static str {
        match self {
            LetterError::Template(_) => "template",
            LetterError::Address { .. } => "address",
            LetterError::UnknownKind(_) => "not_found",
            LetterError::Pdf(_) => "io",
            LetterError::MissingFacts(_) => "missing_facts",
            LetterError::Unprintable { .. } => "unprintable",
        }
    }

    /// The refusal of a document holding a character it cannot print, naming it and its field.
    pub fn unprintable(found: crate::documents::print::page::Unprintable) -> LetterError {
        LetterError::Unprintable { character: found.character, field: found.field, word: found.word }
    }

    /// The refusal of a letter whose facts miss something, naming each fact.
    pub fn missing(facts: &[MissingFact]) -> LetterError {
        let mut fields = FieldErrors::default();
        for fact in facts {
            let field =
                if fact.subject.is_empty() { fact.code.clone() } else { format!("{}:{}", fact.code, fact.subject) };
            fields.add(&field, fact.message.clone());
        }
        LetterError::MissingFacts(fields)
    }
}

/// A letter ready to preview or print: its facts, the template used, and its text (the body replaced by
/// the user's edit when there is one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    pub facts: LetterFacts,
    pub template: String,
    pub subject: String,
    pub references: String,
    pub body: String,
    pub enclosures: Vec<String>,
    /// True when `body` is the user's edit rather than the template's text.
    pub body_edited: bool,
    /// Required facts missing from the text, forbidden words present, statements the facts do not back,
    /// and the facts the ledger lacks (empty when all is well).
    pub problems: Vec<String>,
    /// The file name the PDF is saved under.
    pub file_name: String,
    /// The sender's signature (PNG), printed above the name when present.
    #[serde(skip)]
    pub signature_png: Option<Vec<u8>>,
    /// The sender's logo (PNG), printed at the top of the sender block when present.
    #[serde(skip)]
    pub logo_png: Option<Vec<u8>>,
}

/// Renders the letter for `facts` with `source` (the user's copy of the template, or the original), then
/// applies the user's edited body if any and checks the required facts.
pub fn compose(
    facts: LetterFacts,
    template: &str,
    source: &str,
    body_override: Option<&str>,
) -> Result<Letter, TemplateError> {
    let mut facts = facts;
    let voice = Voice {
        known: !facts.sender.addressed_as.is_empty(),
        feminine: facts.sender.feminine,
        plural: facts.sender.plural,
    };
    // Errors name the letter as the user knows it ("Relance ferme"), not the template's file name.
    let (rendered, notes) = render::render_as(template, source, &facts, voice).map_err(|error| TemplateError {
        name: catalogue::kind_of(template).map_or(error.name.clone(), |kind| kind.title().to_string()),
        ..error
    })?;
    if notes.needs_gender {
        facts.missing.push(MissingFact {
            code: "addressed_as".into(),
            subject: String::new(),
            message: "Ce courrier parle de vous au masculin ou au féminin (« créancier » ou « créancière ») : dites \
                      dans votre profil, rubrique « Vous êtes », si vous êtes désignée Madame, désigné Monsieur, ou \
                      si vous écrivez au nom de votre entreprise (ou avec `ardoise profile --addressed-as madame`, \
                      `monsieur` ou `entreprise`)."
                .into(),
        });
    }
    let required = catalogue::required_facts(catalogue::embedded(template).map_or(source, |t| t.source));
    // A letter that asks for a transfer prints « sur le compte IBAN » and the IBAN: without it the sentence
    // would end on a blank, so the letter waits for it like any fact the ledger lacks.
    if required.iter().any(|fact| fact == "iban") && facts.sender.iban.trim().is_empty() {
        facts.missing.push(MissingFact {
            code: "iban".into(),
            subject: String::new(),
            message: "Ce courrier demande un paiement par virement et votre IBAN n'est pas connu : indiquez-le \
                      dans « Mon profil » (ou avec `ardoise profile --iban …`)."
                .into(),
        });
    }
    let RenderedText { subject, references, body, enclosures: written } = rendered;
    // The copies of the invoices come from the facts (a file exists for each), before what the text lists.
    let mut enclosures: Vec<String> = facts.documents.iter().map(|document| document.label.clone()).collect();
    for item in written {
        if !enclosures.contains(&item) {
            enclosures.push(item);
        }
    }
    let (body, body_edited) = match body_override {
        Some(edited) if edited.trim() != body.trim() => (edited.trim().to_string(), true),
        _ => (body, false),
    };
    let text = RenderedText {
        subject: subject.clone(),
        references: references.clone(),
        body: body.clone(),
        enclosures: enclosures.clone(),
    }
    .full_text();
    let mut problems = check::problems(&facts, &required, &text);
    problems.extend(facts.missing.iter().map(|fact| fact.message.clone()));
    let file_name = file_name(&facts);
    Ok(Letter {
        facts,
        template: template.to_string(),
        subject,
        references,
        body,
        enclosures,
        body_edited,
        problems,
        file_name,
        signature_png: None,
        logo_png: None,
    })
}

impl Letter {
    /// Subject, body and enclosures as one text (snapshots, checker, `--text` output).
    pub fn full_text(&self) -> String {
        RenderedText {
            subject: self.subject.clone(),
            references: self.references.clone(),
            body: self.body.clone(),
            enclosures: self.enclosures.clone(),
        }
        .full_text()
    }
}

/// "2026-11-22 Mise en demeure - DUPONT - F2025-103.pdf": date, title, client, first invoice (and "+2"
/// when there are more), without the characters file systems refuse.
pub fn file_name(facts: &LetterFacts) -> String {
    let mut parts = vec![format!("{} {}", facts.date.format("%Y-%m-%d"), facts.title), facts.client.short_name.clone()];
    if let Some(first) = facts.invoices.first() {
        let more = facts.invoices.len() - 1;
        parts.push(if more > 0 { format!("{} +{more}", first.number) } else { first.number.clone() });
    }
    format!("{}.pdf", sanitize_file_name(&parts.join(" - ")))
}

/// Drops `/ \ : * ? " < > |` and control characters, folds spaces, and keeps the name under 150
/// characters.
pub fn sanitize_file_name(name: &str) -> String {
    let kept: String =
        name.chars().map(|c| if c.is_control() || r#"/\:*?"<>|"#.contains(c) { ' ' } else { c }).collect();
    let folded = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = folded.trim_matches(|c: char| c == '.' || c == ' ');
    trimmed.chars().take(150).collect()
}
