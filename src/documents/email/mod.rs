//! The e-mail that carries a letter (F12), pure: its short text written for e-mail from the same
//! catalogue (`templates/<kind>.email.txt.tera`, checked like the letters: required facts, no B2B words
//! to a consumer), the user's edits of its subject and body, and the message itself (`message.rs`): the
//! exact bytes that leave, with the letter's PDF attached. No network here (`outbox/` sends).

pub mod message;

use crate::documents::letters::facts::LetterFacts;
use crate::documents::letters::render::TemplateError;
use crate::documents::letters::{self, catalogue};
use serde::Serialize;

/// The text of a letter's e-mail: subject and body, each the template's or the user's edit, and the
/// problems the checker found (a required fact missing, a word a consumer's letter must not hold).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailText {
    /// The template used (`friendly_reminder.email`).
    pub template: String,
    pub subject: String,
    pub body: String,
    pub subject_edited: bool,
    pub body_edited: bool,
    pub problems: Vec<String>,
}

/// Renders the e-mail of a letter with `facts` from `source` (the user's copy of the kind's e-mail
/// template, or the original), then applies the user's edited subject and body, and checks the whole.
pub fn compose(
    facts: LetterFacts,
    source: &str,
    subject_override: Option<&str>,
    body_override: Option<&str>,
) -> Result<EmailText, TemplateError> {
    let template = catalogue::email_template_name(facts.kind);
    let letter = letters::compose(facts, &template, source, body_override)?;
    let (subject, subject_edited) = match subject_override.map(one_line) {
        Some(edited) if !edited.is_empty() && edited != letter.subject => (edited, true),
        _ => (letter.subject.clone(), false),
    };
    // The checker reads what will leave: the subject as edited, the body as edited.
    let required = catalogue::required_facts(catalogue::embedded(&template).map_or(source, |t| t.source));
    let text = format!("Objet : {subject}\n\n{}\n", letter.body);
    let mut problems = letters::check::problems(&letter.facts, &required, &text);
    // The checker leaves out what the facts lack (said there with the way to give it): an e-mail that
    // needs one of them does not leave either.
    problems.extend(
        letter.facts.missing.iter().filter(|fact| required.contains(&fact.code)).map(|fact| fact.message.clone()),
    );
    Ok(EmailText { template, subject, body: letter.body, subject_edited, body_edited: letter.body_edited, problems })
}

/// A subject is one line: line breaks become spaces (a header cannot hold them).
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
