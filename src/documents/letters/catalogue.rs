//! The catalogue (F5): the letter templates of `templates/`, embedded in the binary, each declaring the
//! facts it must state in a first-line Tera comment (`{# requires: client, invoices #}`), and the choice
//! of a template for a kind, a client segment and a variant.

use crate::domain::letter_kind::LetterKind;
use crate::domain::model::Segment;
use serde::Serialize;

/// One embedded template: its name (`friendly_reminder`, `friendly_reminder.key_account`,
/// `plan_proposal.with_fees`) and its source.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub name: &'static str,
    pub source: &'static str,
}

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(Template { name: $name, source: include_str!(concat!("../../../templates/", $name, ".txt.tera")) }),*]
    };
}

/// Every embedded template, the kinds in catalogue order, each followed by its variants and its e-mail
/// (`<kind>.email`: the short text of the e-mail that carries the letter, not the letter pasted).
pub const TEMPLATES: &[Template] = templates![
    "welcome",
    "welcome.email",
    "invoice_sending",
    "invoice_sending.email",
    "pre_reminder",
    "pre_reminder.chronic_late_payer",
    "pre_reminder.email",
    "friendly_reminder",
    "friendly_reminder.new",
    "friendly_reminder.chronic_late_payer",
    "friendly_reminder.key_account",
    "friendly_reminder.micro_business",
    "friendly_reminder.email",
    "firm_reminder",
    "firm_reminder.new",
    "firm_reminder.chronic_late_payer",
    "firm_reminder.key_account",
    "firm_reminder.micro_business",
    "firm_reminder.email",
    "last_reminder",
    "last_reminder.key_account",
    "last_reminder.micro_business",
    "last_reminder.email",
    "formal_notice",
    "formal_notice.email",
    "payment_order_pack",
    "payment_order_pack.email",
    "handover",
    "handover.email",
    "grouped_statement",
    "grouped_statement.email",
    "partial_payment",
    "partial_payment.email",
    "payment_thanks",
    "payment_thanks.email",
    "rejected_payment",
    "rejected_payment.email",
    "broken_promise",
    "broken_promise.email",
    "plan_proposal",
    "plan_proposal.with_fees",
    "plan_proposal.email",
    "missed_installment",
    "missed_installment.email",
    "service_suspension",
    "service_suspension.email",
    "credit_limit",
    "credit_limit.email",
    "claim_declaration",
    "claim_declaration.email",
    "payment_order_notice",
    "payment_order_notice.email",
    "account_statement",
    "account_statement.email",
];

/// The facts a template can be required to state, each checked in the rendered text (`check`).
pub const FACTS: &[(&str, &str)] = &[
    ("client", "le nom du client"),
    ("invoices", "le numéro de chaque facture"),
    ("amounts", "le montant de chaque facture"),
    ("due_dates", "l'échéance de chaque facture"),
    ("remaining", "le reste à payer"),
    ("iban", "l'IBAN pour payer"),
    ("contact", "le téléphone ou l'e-mail à contacter"),
    ("breakdown", "le détail principal, intérêts et total"),
    ("deadline", "le délai de 8 jours à compter de la réception"),
    ("formal_notice", "les mots « mise en demeure »"),
    ("consequence", "la conséquence : une action en justice"),
    ("payment", "le règlement reçu (date et montant)"),
    ("rejection", "le paiement rejeté (date et montant)"),
    ("promise", "la promesse non tenue (sa date)"),
    ("plan", "chaque échéance du plan (date et montant)"),
    (
        "missed_installment",
        "l'échéance impayée (date et montant) et le solde exigible de l'échéancier, principal et frais",
    ),
    ("agreement", "le bon pour accord à signer"),
    ("procedure", "le mandataire et la date du jugement d'ouverture"),
    ("claim_statement", "les sommes à échoir et les sûretés, telles que vous les avez confirmées"),
    ("statement", "le solde du compte à la date du relevé"),
];

/// What `ardoise kinds --json` lists for each kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindEntry {
    pub kind: LetterKind,
    pub title: &'static str,
    pub dispatch: crate::domain::letter_kind::Dispatch,
    pub dispatch_label: &'static str,
    /// The facts the kind's main template must state.
    pub required_facts: Vec<String>,
    /// The kind's templates: the main one, its segment or fee variants, and its e-mail.
    pub templates: Vec<&'static str>,
}

/// The catalogue, kind by kind.
pub fn kinds() -> Vec<KindEntry> {
    LetterKind::ALL
        .into_iter()
        .map(|kind| KindEntry {
            kind,
            title: kind.title(),
            dispatch: kind.default_dispatch(),
            dispatch_label: kind.default_dispatch().label(),
            required_facts: required_facts(embedded(kind.id()).map_or("", |t| t.source)),
            templates: templates_of(kind).map(|t| t.name).collect(),
        })
        .collect()
}

/// The embedded template of this name.
pub fn embedded(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|template| template.name == name)
}

/// A kind's main template and its variants.
pub fn templates_of(kind: LetterKind) -> impl Iterator<Item = &'static Template> {
    TEMPLATES.iter().filter(move |t| t.name == kind.id() || t.name.split_once('.').is_some_and(|(k, _)| k == kind.id()))
}

/// The kind a template name belongs to.
pub fn kind_of(name: &str) -> Option<LetterKind> {
    LetterKind::from_id(name.split_once('.').map_or(name, |(kind, _)| kind))
}

/// The template for a letter: the variant if asked ("with_fees"), else the segment's version if the
/// catalogue has one, else the kind's main template. (The e-mail templates are chosen by
/// `email_template_name`, never as a letter's variant.)
pub fn template_name(kind: LetterKind, segment: Segment, variant: &str) -> String {
    let candidates = [
        (!variant.is_empty()).then(|| format!("{}.{variant}", kind.id())),
        Some(format!("{}.{}", kind.id(), segment_id(segment))),
    ];
    candidates.into_iter().flatten().find(|name| embedded(name).is_some()).unwrap_or_else(|| kind.id().to_string())
}

/// The template of the e-mail that carries a letter of `kind` (`friendly_reminder.email`).
pub fn email_template_name(kind: LetterKind) -> String {
    format!("{}.{EMAIL_VARIANT}", kind.id())
}

/// The variant name of the e-mail templates.
pub const EMAIL_VARIANT: &str = "email";

/// The facts a template source declares on its first line, `{# requires: a, b, c #}`.
pub fn required_facts(source: &str) -> Vec<String> {
    let first = source.lines().next().unwrap_or_default().trim();
    first
        .strip_prefix("{#")
        .and_then(|rest| rest.strip_suffix("#}"))
        .and_then(|inner| inner.trim().strip_prefix("requires:"))
        .map(|list| list.split(',').map(|fact| fact.trim().to_string()).filter(|f| !f.is_empty()).collect())
        .unwrap_or_default()
}

/// The segment's id as in template names.
pub fn segment_id(segment: Segment) -> &'static str {
    match segment {
        Segment::New => "new",
        Segment::Regular => "regular",
        Segment::ChronicLatePayer => "chronic_late_payer",
        Segment::KeyAccount => "key_account",
        Segment::MicroBusiness => "micro_business",
    }
}
