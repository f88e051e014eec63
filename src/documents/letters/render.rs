//! Rendering a template with Tera: plain text (no HTML escaping), French filters (`eur`, `date_long`,
//! `date_short`, `de`), the `accord` function that agrees the sender's words with how the trader is addressed,
//! undefined variables as errors, and the rendered text split into subject, body and enclosures. Errors
//! name the template and the line, in French.
//!
//! A user's copy of a template is checked by what it is, not by what its text looks like
//! (`check_user_source`): Tera parses it, and every node, function, filter and test of the tree is held
//! against an allow-list. Tags that name another template (`include`, `import`, `extends`, `block`) or
//! define code (`macro`, `set`) are refused, and so is every function but `accord` (`range`, `get_env`,
//! `now`, `get_random`, `throw`): no file, environment or clock is read, and every loop walks one of the
//! letter's own finite lists, nested at most [`MAX_LOOP_DEPTH`] deep. Filters are those that make a value
//! no larger than a small multiple of its input (no `replace`, no `indent`). Rendering therefore always
//! ends, its output is bounded by the template's size times the letter's lists, and a last guard refuses
//! any text beyond [`MAX_RENDERED_CHARS`]. The original templates pass the same check.

use crate::domain::calendar::{format_long, format_short};
use crate::domain::money::format_eur;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::str::FromStr;
use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::{Tera, Value};

/// Longest user copy accepted, in characters: a letter, not a book.
pub const MAX_USER_TEMPLATE_CHARS: usize = 20_000;

/// Longest text a template may produce, in characters (a long letter is 10,000).
pub const MAX_RENDERED_CHARS: usize = 200_000;

/// The filters a user's copy may use: ours, and Tera's that keep a value about the size of its input.
pub const ALLOWED_FILTERS: &[&str] = &[
    "eur",
    "date_long",
    "date_short",
    "de",
    "length",
    "lower",
    "upper",
    "capitalize",
    "title",
    "trim",
    "trim_start",
    "trim_end",
    "truncate",
    "wordcount",
    "first",
    "last",
    "nth",
    "join",
    "slice",
    "reverse",
    "sort",
    "unique",
    "map",
    "filter",
    "default",
    "abs",
    "round",
    "pluralize",
    "int",
    "float",
    "as_str",
    "get",
];

/// The tests (`is …`) a user's copy may use.
pub const ALLOWED_TESTS: &[&str] = &[
    "defined",
    "undefined",
    "odd",
    "even",
    "string",
    "number",
    "divisibleby",
    "iterable",
    "object",
    "starting_with",
    "ending_with",
    "containing",
];

/// The functions a user's copy may call.
pub const ALLOWED_FUNCTIONS: &[&str] = &["accord"];

/// Who signs, as the `accord` function needs it: how the trader is addressed, when known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Voice {
    /// False until the profile says how the trader is addressed.
    pub known: bool,
    pub feminine: bool,
    pub plural: bool,
}

/// What rendering found besides the text: whether it printed a word whose gender the profile does not
/// give yet (`accord` with a distinct `elle` form while the voice is unknown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderNotes {
    pub needs_gender: bool,
}

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

/// Renders `source` (named `name`) with `context`, then splits the result; the sender's words take the
/// masculine singular (`render_as` says who signs).
pub fn render(name: &str, source: &str, context: &impl serde::Serialize) -> Result<RenderedText, TemplateError> {
    render_as(name, source, context, Voice::default()).map(|(text, _)| text)
}

/// Renders `source` with `context` for a sender speaking with `voice`.
pub fn render_as(
    name: &str,
    source: &str,
    context: &impl serde::Serialize,
    voice: Voice,
) -> Result<(RenderedText, RenderNotes), TemplateError> {
    let tera = parsed(name, source)?;
    let context = tera::Context::from_serialize(context).map_err(|error| TemplateError {
        name: name.into(),
        line: None,
        message: error.to_string(),
    })?;
    VOICE.with(|cell| cell.set(voice));
    NEEDS_GENDER.with(|cell| cell.set(false));
    let text = tera.render(name, &context).map_err(|error| template_error(name, source, &error))?;
    let needs_gender = NEEDS_GENDER.with(Cell::get);
    if text.chars().count() > MAX_RENDERED_CHARS {
        return Err(TemplateError {
            name: name.into(),
            line: None,
            message: format!("le texte produit dépasse {MAX_RENDERED_CHARS} caractères : ce n'est plus un courrier."),
        });
    }
    Ok((split(name, &text)?, RenderNotes { needs_gender }))
}

/// How many parsed templates a thread keeps (the originals are about thirty; user copies replace theirs).
const PARSED_KEPT: usize = 64;

thread_local! {
    /// This thread's parsed templates by name, each with the source it was parsed from: parsing is most of
    /// the time a letter takes to render, and a batch renders the same few templates hundreds of times. A
    /// name whose source changed (a user's copy saved) is parsed again.
    static PARSED: RefCell<HashMap<String, (String, Rc<Tera>)>> = RefCell::new(HashMap::new());
    /// Who signs the letter being rendered on this thread, for `accord`.
    static VOICE: Cell<Voice> = const { Cell::new(Voice { known: false, feminine: false, plural: false }) };
    /// Set by `accord` when it printed a word whose gender the profile does not give yet.
    static NEEDS_GENDER: Cell<bool> = const { Cell::new(false) };
}

/// The Tera instance holding `source` parsed as `name`, with our filters and functions, from this thread's
/// cache or parsed now.
fn parsed(name: &str, source: &str) -> Result<Rc<Tera>, TemplateError> {
    let cached = PARSED
        .with(|parsed| parsed.borrow().get(name).filter(|(kept, _)| kept == source).map(|(_, tera)| Rc::clone(tera)));
    if let Some(tera) = cached {
        return Ok(tera);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(Vec::new());
    tera.register_filter("eur", eur);
    tera.register_filter("date_long", date_long);
    tera.register_filter("date_short", date_short);
    tera.register_filter("de", de);
    // Tera's own functions read the environment and the clock, or loop over numbers: none is ever
    // available, whatever the check let through.
    for refused in ["range", "now", "throw", "get_random", "get_env"] {
        tera.register_function(refused, move |_: &HashMap<String, Value>| -> tera::Result<Value> {
            Err(tera::Error::msg(format!("la fonction « {refused} » n'est pas permise")))
        });
    }
    tera.register_function("accord", Accord);
    tera.add_raw_template(name, source).map_err(|error| template_error(name, source, &error))?;
    let tera = Rc::new(tera);
    PARSED.with(|parsed| {
        let mut parsed = parsed.borrow_mut();
        if parsed.len() >= PARSED_KEPT {
            parsed.clear();
        }
        parsed.insert(name.to_string(), (source.to_string(), Rc::clone(&tera)));
    });
    Ok(tera)
}

/// `{{ accord(je="Je reste créancier", elle="Je reste créancière", nous="Nous restons créanciers") }}`:
/// the form that fits who signs. `elle` defaults to `je`; `nous` is required.
/// It reads who signs from the thread rendering (`VOICE`), so that one parsed template serves every sender.
struct Accord;

impl tera::Function for Accord {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let text = |name: &str| -> tera::Result<Option<String>> {
            match args.get(name) {
                None => Ok(None),
                Some(Value::String(text)) => Ok(Some(text.clone())),
                Some(other) => Err(tera::Error::msg(format!("accord : « {name} » doit être un texte, pas {other}"))),
            }
        };
        if let Some(unknown) = args.keys().find(|key| !["je", "elle", "nous"].contains(&key.as_str())) {
            return Err(tera::Error::msg(format!("accord : argument inconnu « {unknown} » (je, elle, nous)")));
        }
        let (Some(je), Some(nous)) = (text("je")?, text("nous")?) else {
            return Err(tera::Error::msg("accord : donnez au moins je=\"…\" et nous=\"…\""));
        };
        let elle = text("elle")?;
        let voice = VOICE.with(Cell::get);
        let chosen = if voice.plural {
            nous
        } else if voice.feminine {
            elle.unwrap_or(je)
        } else {
            if !voice.known && elle.as_ref().is_some_and(|elle| *elle != je) {
                NEEDS_GENDER.with(|cell| cell.set(true));
            }
            je
        };
        Ok(Value::String(chosen))
    }
}

/// Tera's syntax check of a source, with the French message and line of `render`.
pub fn check_syntax(name: &str, source: &str) -> Result<(), TemplateError> {
    Tera::default().add_raw_template(name, source).map(|_| ()).map_err(|error| template_error(name, source, &error))
}

/// How deep a user's copy may nest `for` loops (the originals nest two at most).
pub const MAX_LOOP_DEPTH: usize = 2;

/// The rules a user's copy must follow before it is stored or rendered (see the module comment): Tera
/// parses it, then every part of the tree is checked against the allow-lists. The first refusal is
/// returned, in French, with the line of the source where the word refused first appears.
pub fn check_user_source(name: &str, source: &str) -> Result<(), TemplateError> {
    if source.chars().count() > MAX_USER_TEMPLATE_CHARS {
        return Err(TemplateError {
            name: name.into(),
            line: None,
            message: format!("le modèle dépasse {MAX_USER_TEMPLATE_CHARS} caractères."),
        });
    }
    let template = tera::Template::new(name, None, source).map_err(|error| template_error(name, source, &error))?;
    let mut check = Sandbox { refusal: None, loops: 0 };
    check.nodes(&template.ast, 0);
    match check.refusal {
        None => Ok(()),
        Some(Refusal { word, occurrence, message }) => {
            // The line of the word refused: for a loop, its own `{% for` (the tree keeps source order).
            let line = if word == "for" {
                let starts: Vec<usize> = source
                    .match_indices("{%")
                    .filter(|(at, _)| source[at + 2..].trim_start_matches('-').trim_start().starts_with("for "))
                    .map(|(at, _)| at)
                    .collect();
                starts.get(occurrence).map(|at| source[..*at].matches('\n').count() + 1)
            } else {
                source.lines().position(|line| line.contains(word.as_str())).map(|index| index + 1)
            };
            Err(TemplateError { name: name.into(), line, message })
        }
    }
}

/// Why a user's copy is refused: the word to find its line by (and which of its occurrences, for
/// loops), and the French message.
struct Refusal {
    word: String,
    occurrence: usize,
    message: String,
}

/// The walk of a parsed template that keeps the first refusal.
struct Sandbox {
    refusal: Option<Refusal>,
    /// `for` loops met so far, in source order.
    loops: usize,
}

impl Sandbox {
    fn refuse(&mut self, word: &str, message: String) {
        if self.refusal.is_none() {
            let occurrence = if word == "for" { self.loops.saturating_sub(1) } else { 0 };
            self.refusal = Some(Refusal { word: word.to_string(), occurrence, message });
        }
    }

    fn tag(&mut self, tag: &str, why: &str) {
        self.refuse(tag, format!("la balise « {tag} » n'est pas permise dans un modèle modifié : {why}"));
    }

    fn nodes(&mut self, nodes: &[Node], depth: usize) {
        for node in nodes {
            self.node(node, depth);
        }
    }

    fn node(&mut self, node: &Node, depth: usize) {
        match node {
            Node::Text(_) | Node::Comment(..) | Node::Raw(..) | Node::Break(_) | Node::Continue(_) => {}
            Node::VariableBlock(_, expr) => self.expr(expr),
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    self.expr(condition);
                    self.nodes(body, depth);
                }
                if let Some((_, body)) = &branches.otherwise {
                    self.nodes(body, depth);
                }
            }
            Node::Forloop(_, forloop, _) => {
                self.loops += 1;
                if depth + 1 > MAX_LOOP_DEPTH {
                    self.refuse(
                        "for",
                        format!("les boucles « for » ne peuvent pas s'imbriquer sur plus de {MAX_LOOP_DEPTH} niveaux."),
                    );
                }
                self.expr(&forloop.container);
                self.nodes(&forloop.body, depth + 1);
                if let Some(empty) = &forloop.empty_body {
                    self.nodes(empty, depth + 1);
                }
            }
            Node::FilterSection(_, section, _) => {
                self.filter(&section.filter);
                self.nodes(&section.body, depth);
            }
            Node::Include(..) => self.tag("include", "un modèle ne lit aucun autre fichier."),
            Node::ImportMacro(..) => self.tag("import", "un modèle ne lit aucun autre fichier."),
            Node::Extends(..) => self.tag("extends", "un modèle ne s'appuie sur aucun autre fichier."),
            Node::Block(..) | Node::Super => self.tag("block", "elle ne sert qu'à compléter un autre modèle."),
            Node::MacroDefinition(..) => self.tag("macro", "un modèle ne définit pas de code."),
            Node::Set(..) => {
                self.tag("set", "écrivez la valeur là où elle sert (une variable recalculée peut grossir sans fin).")
            }
        }
    }

    fn expr(&mut self, expr: &Expr) {
        self.value(&expr.val);
        for filter in &expr.filters {
            self.filter(filter);
        }
    }

    fn filter(&mut self, filter: &FunctionCall) {
        if !ALLOWED_FILTERS.contains(&filter.name.as_str()) {
            self.refuse(
                &filter.name,
                format!(
                    "le filtre « {} » n'est pas permis dans un modèle modifié (filtres permis : {}).",
                    filter.name,
                    ALLOWED_FILTERS.join(", ")
                ),
            );
        }
        for argument in filter.args.values() {
            self.expr(argument);
        }
    }

    fn value(&mut self, value: &ExprVal) {
        match value {
            ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) | ExprVal::Ident(_) => {}
            ExprVal::Math(math) => {
                self.expr(&math.lhs);
                self.expr(&math.rhs);
            }
            ExprVal::Logic(logic) => {
                self.expr(&logic.lhs);
                self.expr(&logic.rhs);
            }
            ExprVal::In(inside) => {
                self.expr(&inside.lhs);
                self.expr(&inside.rhs);
            }
            ExprVal::Test(test) => {
                if !ALLOWED_TESTS.contains(&test.name.as_str()) {
                    self.refuse(
                        &test.name,
                        format!("le test « is {} » n'est pas permis dans un modèle modifié.", test.name),
                    );
                }
                for argument in &test.args {
                    self.expr(argument);
                }
            }
            ExprVal::MacroCall(call) => self.refuse(
                &call.name,
                format!(
                    "l'appel de macro « {}::{} » n'est pas permis dans un modèle modifié.",
                    call.namespace, call.name
                ),
            ),
            ExprVal::FunctionCall(call) => {
                if !ALLOWED_FUNCTIONS.contains(&call.name.as_str()) {
                    let why = match call.name.as_str() {
                        "range" => "les boucles parcourent les listes du courrier (factures, échéances…), jamais \
                                    une suite de nombres."
                            .to_string(),
                        "get_env" => "un modèle ne lit pas l'environnement de l'ordinateur.".to_string(),
                        "now" => "la date du courrier est dans « date ».".to_string(),
                        _ => format!("seule « {} » l'est.", ALLOWED_FUNCTIONS.join(" », « ")),
                    };
                    self.refuse(
                        &call.name,
                        format!("la fonction « {} » n'est pas permise dans un modèle modifié : {why}", call.name),
                    );
                }
                for argument in call.args.values() {
                    self.expr(argument);
                }
            }
            ExprVal::Array(items) => {
                for item in items {
                    self.expr(item);
                }
            }
            ExprVal::StringConcat(concat) => {
                for item in &concat.values {
                    self.value(item);
                }
            }
        }
    }
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

/// `{{ client.name | de }}` → "de Garage Sud", "d'Hôtel des Célestins", "du Petit Zinc".
fn de(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let name =
        value.as_str().ok_or_else(|| tera::Error::msg(format!("le filtre « de » attend un nom, pas {value}")))?;
    Ok(Value::String(crate::domain::text::with_de(name)))
}

/// `{{ date | date_short }}` → "22/11/2026".
fn date_short(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(Value::String(format_short(date(value, "date_short")?)))
}
