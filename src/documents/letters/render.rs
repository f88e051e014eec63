//! Rendering a template with Tera: plain text (no HTML escaping), French filters (`eur`, `date_long`,
//! `date_short`), undefined variables as errors, and the rendered text split into subject, body and
//! enclosures. Errors name the template and the line, in French.
//!
//! A user's copy of a template is checked before it is stored or rendered (`check_user_source`): no
//! `include`, `import`, `extends` or `macro` (so no file is named and no recursion is possible) and no
//! `range(` (so every loop walks the letter's own finite lists), and loops nested at most
//! [`MAX_LOOP_DEPTH`] deep (so the work stays a small power of the letter's lists, never billions of
//! iterations); Tera itself has no file access from a string template. Rendering therefore always ends,
//! and its time is bounded by the size of the facts.

use crate::domain::calendar::{format_long, format_short};
use crate::domain::money::format_eur;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;
use tera::{Tera, Value};

/// Longest user copy accepted, in characters: a letter, not a book.
pub const MAX_USER_TEMPLATE_CHARS: usize = 20_000;

/// A template that cannot be used: its name, the line if known, and what is wrong, in French.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Modèle « {name} »{} : {message}", line.map(|l| format!(", ligne {l}")).unwrap_or_default())]
pub struct TemplateError {
    pub name: String,
    pub line: Option<usize>,
    pub message: String,
}

/// A letter's text as rendered: "Objet : …" and "Références : …" without their labels, the body, the
/// enclosures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RenderedText {
    pub subject: String,
    pub references: String,
    pub body: String,
    pub enclosures: Vec<String>,
}

impl RenderedText {
    /// The whole text as the checker and the snapshots read it.
    pub fn full_text(&self) -> String {
        let mut text = format!("Objet : {}\n", self.subject);
        if !self.references.is_empty() {
            text.push_str(&format!("Références : {}\n", self.references));
        }
        text.push_str(&format!("\n{}\n", self.body));
        if !self.enclosures.is_empty() {
            text.push_str(&format!("\nPièces jointes : {}\n", self.enclosures.join(" ; ")));
        }
        text
    }
}

/// Renders `source` (named `name`) with `context`, then splits the result.
pub fn render(name: &str, source: &str, context: &impl serde::Serialize) -> Result<RenderedText, TemplateError> {
    let mut tera = Tera::default();
    tera.autoescape_on(Vec::new());
    tera.register_filter("eur", eur);
    tera.register_filter("date_long", date_long);
    tera.register_filter("date_short", date_short);
    tera.add_raw_template(name, source).map_err(|error| template_error(name, source, &error))?;
    let context = tera::Context::from_serialize(context).map_err(|error| TemplateError {
        name: name.into(),
        line: None,
        message: error.to_string(),
    })?;
    let text = tera.render(name, &context).map_err(|error| template_error(name, source, &error))?;
    split(name, &text)
}

/// Tera's syntax check of a source, with the French message and line of `render`.
pub fn check_syntax(name: &str, source: &str) -> Result<(), TemplateError> {
    Tera::default().add_raw_template(name, source).map(|_| ()).map_err(|error| template_error(name, source, &error))
}

/// How deep a user's copy may nest `for` loops (the originals nest two at most).
pub const MAX_LOOP_DEPTH: usize = 2;

/// The rules a user's copy must follow before it is stored (see the module comment).
pub fn check_user_source(name: &str, source: &str) -> Result<(), TemplateError> {
    let refuse = |line: Option<usize>, message: String| Err(TemplateError { name: name.into(), line, message });
    if source.chars().count() > MAX_USER_TEMPLATE_CHARS {
        return refuse(None, format!("le modèle dépasse {MAX_USER_TEMPLATE_CHARS} caractères."));
    }
    let mut depth = 0usize;
    for (index, line) in source.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{%") {
            let tag = rest[start + 2..].trim_start_matches('-').trim_start();
            let word: String = tag.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            match word.as_str() {
                "for" => depth += 1,
                "endfor" => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX_LOOP_DEPTH {
                return refuse(
                    Some(index + 1),
                    format!("les boucles « for » ne peuvent pas s'imbriquer sur plus de {MAX_LOOP_DEPTH} niveaux."),
                );
            }
            if ["include", "import", "extends", "macro"].contains(&word.as_str()) {
                return refuse(
                    Some(index + 1),
                    format!("la balise « {word} » n'est pas permise dans un modèle modifié."),
                );
            }
            rest = &rest[start + 2..];
        }
        if line.contains("range(") {
            return refuse(Some(index + 1), "la fonction « range » n'est pas permise dans un modèle modifié.".into());
        }
    }
    Ok(())
}

/// Splits rendered text: the first line must be "Objet : …", optionally followed by "Références : …"; a
/// last line "Pièces jointes : a ; b" lists
/// the enclosures; runs of blank lines fold into one.
pub fn split(name: &str, text: &str) -> Result<RenderedText, TemplateError> {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if !(line.trim().is_empty() && lines.last().is_none_or(|last| last.trim().is_empty())) {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    let Some(subject) = lines.first().and_then(|line| line.trim().strip_prefix("Objet :")) else {
        return Err(TemplateError {
            name: name.into(),
            line: Some(1),
            message: "le texte doit commencer par une ligne « Objet : … ».".into(),
        });
    };
    let subject = subject.trim().to_string();
    let mut enclosures = Vec::new();
    if let Some(list) = lines.last().and_then(|line| line.trim().strip_prefix("Pièces jointes :")) {
        enclosures = list.split(';').map(|item| item.trim().to_string()).filter(|item| !item.is_empty()).collect();
        lines.pop();
    }
    let mut first_body_line = 1;
    let mut references = String::new();
    if let Some(list) = lines.get(1).and_then(|line| line.trim().strip_prefix("Références :")) {
        references = list.trim().to_string();
        first_body_line = 2;
    }
    let body = lines[first_body_line..].join("\n").trim().to_string();
    Ok(RenderedText { subject, references, body, enclosures })
}

/// A Tera error as one French sentence with its line: parse errors carry " --> line:column"; a missing
/// variable is looked up in the source.
fn template_error(name: &str, source: &str, error: &tera::Error) -> TemplateError {
    let mut messages = vec![error.to_string()];
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        messages.push(inner.to_string());
        cause = inner.source();
    }
    let all = messages.join("\n");
    let parse_line = all.split("--> ").nth(1).and_then(|rest| rest.split(':').next()).and_then(|n| n.parse().ok());
    let variable = all.split("Variable `").nth(1).and_then(|rest| rest.split('`').next()).map(str::to_string);
    if let Some(variable) = variable {
        let line = source.lines().position(|line| line.contains(variable.as_str())).map(|index| index + 1);
        return TemplateError {
            name: name.into(),
            line,
            message: format!("la variable « {variable} » n'existe pas dans les données du courrier."),
        };
    }
    // Tera's own explanations are English: the user reads a French hint instead; the filters' messages
    // are already French.
    let message = if parse_line.is_some() {
        "erreur de syntaxe : vérifiez les {{ … }} et les {% … %} de cette ligne (accolades, guillemets, \
         balise fermée)."
            .to_string()
    } else if let Some(filter) = messages.iter().find(|m| m.starts_with("le filtre")) {
        format!("le modèle n'a pas pu être appliqué ({filter}).")
    } else {
        "le modèle n'a pas pu être appliqué (une valeur n'a pas le type attendu : liste, montant ou date).".into()
    };
    TemplateError { name: name.into(), line: parse_line, message }
}

fn decimal(value: &Value, filter: &str) -> tera::Result<Decimal> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        other => return Err(tera::Error::msg(format!("le filtre « {filter} » attend un montant, pas {other}"))),
    };
    Decimal::from_str(&text)
        .map_err(|_| tera::Error::msg(format!("le filtre « {filter} » attend un montant : « {text} »")))
}

fn date(value: &Value, filter: &str) -> tera::Result<NaiveDate> {
    value
        .as_str()
        .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .ok_or_else(|| tera::Error::msg(format!("le filtre « {filter} » attend une date, pas {value}")))
}

/// `{{ amount | eur }}` → "1 234,56 €".
fn eur(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(format_eur(decimal(value, "eur")?)))
}

/// `{{ date | date_long }}` → "22 novembre 2026".
fn date_long(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(format_long(date(value, "date_long")?)))
}

/// `{{ date | date_short }}` → "22/11/2026".
fn date_short(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(format_short(date(value, "date_short")?)))
}
