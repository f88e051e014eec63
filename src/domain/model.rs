//! The ledger's domain types (F1), as a form fills them and as the ledger returns them, with the checks
//! that run before anything is written.
//!
//! Names follow the glossary of product.md: client, invoice, payment, allocation, rejection, event.

use crate::domain::address::PostalAddress;
use crate::domain::identity;
use crate::domain::terms::PaymentTerms;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A problem with one field of a form, in French, so the window can show it next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// All the problems of one form at once, so the user can fix them in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError { field: field.to_string(), message: message.into() });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Ok when nothing was added, otherwise the errors themselves.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|e| format!("{} : {}", field_label(&e.field), e.message)).collect();
        write!(f, "{}", parts.join(" ; "))
    }
}

/// The French label of a form field, for messages shown away from the form (command line, logs).
pub fn field_label(field: &str) -> &str {
    match field {
        "kind" => "Type",
        "company_name" => "Raison sociale",
        "last_name" => "Nom",
        "first_name" => "Prénom",
        "siren_siret" => "SIREN/SIRET",
        "email" => "E-mail",
        "address" => "Adresse",
        "postcode" => "Code postal",
        "town" => "Ville",
        "payment_terms_days" => "Délai de paiement",
        "payment_terms" => "Conditions de paiement",
        "addressed_as" => "Vous êtes désigné(e)",
        "signature" => "Signature",
        "logo" => "Logo",
        "claim_statement" => "Déclaration de créance",
        "procedure" => "Procédure collective",
        "number" => "N° de facture",
        "client_id" => "Client",
        "issue_date" => "Date d'émission",
        "due_date" => "Échéance",
        "amount" => "Montant",
        "amount_excl_vat" => "Montant HT",
        "penalty_rate" => "Taux de pénalités",
        "allocations" => "Répartition",
        "date" => "Date",
        "fees" => "Frais bancaires",
        "until" => "Jusqu'au",
        "text" => "Texte",
        "legal_name" => "Nom légal",
        "iban" => "IBAN",
        "bic" => "BIC",
        "signature_town" => "Ville de signature",
        "count" => "Nombre d'échéances",
        "first_date" => "Première échéance",
        "down_payment" => "Acompte",
        "hand_set" => "Montant saisi",
        "installments" => "Échéances",
        "principal" => "Principal",
        "signed_on" => "Date de signature",
        "invoice_ids" => "Factures",
        "nature" => "Nature",
        "default_nature" => "Nature des factures",
        "reason" => "Motif",
        "cancelled_on" => "Date d'annulation",
        "closed_on" => "Date d'abandon",
        "sent_on" => "Date d'envoi",
        "deposit_date" => "Date de dépôt",
        "tracking_number" => "N° de recommandé",
        "level" => "Niveau de garantie",
        "receipt_date" => "Date de réception",
        "status" => "État",
        "invoice_id" => "Facture",
        "corrects" => "Facture corrigée",
        "written_off_on" => "Date d'abandon",
        "document" => "Document de la facture",
        "file" => "Fichier",
        "choice" => "Choix",
        "action" => "Décision",
        "outcome" => "Issue du courrier",
        "from" => "Début de la période",
        "to" => "Fin de la période",
        "host" => "Serveur d'envoi",
        "port" => "Port",
        "security" => "Sécurité",
        "user" => "Identifiant",
        "from_address" => "Adresse d'expédition",
        "from_name" => "Nom d'expéditeur",
        "ladder" => "Échelle de relance",
        "large_amount_threshold" => "Seuil des gros montants",
        "residual_tolerance" => "Tolérance des reliquats",
        "default_payment_terms_days" => "Délai de paiement par défaut",
        "prices" => "Tarifs postaux",
        "rates" => "Table des taux",
        "name" => "Nom",
        "offset_x_mm" => "Décalage horizontal",
        "offset_y_mm" => "Décalage vertical",
        other => other,
    }
}

/// Professional (B2B) or consumer (B2C): this one flag decides penalties, indemnity, prescription, court.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    #[default]
    Professional,
    Consumer,
}

impl ClientKind {
    /// « professionnel », « particulier ».
    pub fn label(self) -> &'static str {
        match self {
            ClientKind::Professional => "professionnel",
            ClientKind::Consumer => "particulier",
        }
    }
}

/// How a client usually pays; it changes the pace and tone of dunning (F3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    New,
    #[default]
    Regular,
    ChronicLatePayer,
    KeyAccount,
    MicroBusiness,
}

/// Where the relationship stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClientStatus {
    #[default]
    Active,
    InDispute,
    CollectiveProcedure,
}

/// A collective procedure (sauvegarde, redressement, liquidation) opened against the client.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Procedure {
    pub opening_date: Option<NaiveDate>,
    pub bodacc_date: Option<NaiveDate>,
    pub mandataire_name: String,
    pub mandataire_address: String,
    /// What the user confirmed for the déclaration de créance; None until confirmed. Written only by
    /// `Ledger::save_claim_statement`: the client form leaves it as it is.
    pub claim_statement: Option<ClaimStatement>,
}

/// What only the user knows about a claim declared in a collective procedure, confirmed when drafting the
/// déclaration de créance (C. com. L622-25): the amounts still to fall due and the securities (sûretés)
/// attached to the claim. An empty text means « none », stated by the user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClaimStatement {
    /// Amounts to fall due after the opening judgment, with their dates, as the user writes them.
    pub to_fall_due: String,
    /// Securities (privilège, nantissement, réserve de propriété, caution…), as the user writes them.
    pub securities: String,
    /// The day the user confirmed these facts.
    pub confirmed_on: Option<NaiveDate>,
}

/// What a client form holds (F1.2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientFields {
    pub kind: ClientKind,
    pub company_name: String,
    pub civility: String,
    pub first_name: String,
    pub last_name: String,
    pub contact_person: String,
    pub address: PostalAddress,
    pub email: String,
    pub phone: String,
    pub siren_siret: String,
    pub segment: Segment,
    pub notes: String,
    /// Days from the invoice date to the due date when an invoice has none; the ledger default otherwise.
    pub payment_terms_days: Option<u32>,
    /// With `payment_terms_days`: « N jours fin de mois » (`domain::terms`).
    pub payment_terms_end_of_month: bool,
    pub status: ClientStatus,
    pub procedure: Procedure,
    /// The nature of the client's invoices that do not say theirs; None: the ledger's default (set on « Livres »).
    pub default_nature: Option<Nature>,
}

/// A client as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub id: i64,
    #[serde(flatten)]
    pub fields: ClientFields,
}

impl ClientFields {
    /// The client's own payment terms, if it has any.
    pub fn payment_terms(&self) -> Option<PaymentTerms> {
        self.payment_terms_days.map(|days| PaymentTerms { days, end_of_month: self.payment_terms_end_of_month })
    }

    /// The name as it heads an address and a letter: the company, or "Mme Anne MARTIN".
    pub fn display_name(&self) -> String {
        if !self.company_name.trim().is_empty() {
            return self.company_name.trim().to_string();
        }
        [self.civility.trim(), self.first_name.trim(), &self.last_name.trim().to_uppercase()]
            .iter()
            .filter(|part| !part.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Checks the form and puts identifiers in canonical form. Every problem is reported at its field.
    pub fn validate(&mut self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        trim_all(&mut [
            &mut self.company_name,
            &mut self.civility,
            &mut self.first_name,
            &mut self.last_name,
            &mut self.contact_person,
            &mut self.email,
            &mut self.phone,
            &mut self.siren_siret,
        ]);
        match self.kind {
            ClientKind::Professional if self.company_name.is_empty() && self.last_name.is_empty() => {
                errors.add("company_name", "indiquez la raison sociale du client professionnel.")
            }
            ClientKind::Consumer if self.last_name.is_empty() => {
                errors.add("last_name", "indiquez le nom du client particulier.")
            }
            _ => {}
        }
        if !self.siren_siret.is_empty() {
            if self.kind == ClientKind::Consumer {
                errors.add(
                    "siren_siret",
                    "un particulier n'a pas de SIREN/SIRET : choisissez « Professionnel » ou videz ce champ.",
                );
            } else {
                match identity::check_siren_or_siret(&self.siren_siret) {
                    Ok((digits, _)) => self.siren_siret = digits,
                    Err(message) => errors.add("siren_siret", message),
                }
            }
        }
        if !self.email.is_empty() {
            if let Err(message) = identity::check_email(&self.email) {
                errors.add("email", message);
            }
        }
        if let Some(days) = self.payment_terms_days {
            if days > 365 {
                errors.add("payment_terms_days", format!("{days} jours : le délai de paiement dépasse un an."));
            }
        }
        check_address_fields(&self.address, &self.display_name(), &mut errors);
        if self.status == ClientStatus::CollectiveProcedure {
            match (self.procedure.opening_date, self.procedure.bodacc_date) {
                (None, _) => errors.add("procedure", "indiquez la date du jugement d'ouverture."),
                (Some(opening), Some(bodacc)) if bodacc < opening => {
                    errors.add("procedure", "la publication au BODACC ne peut pas précéder le jugement d'ouverture.")
                }
                _ => {}
            }
        }
        errors.into_result()
    }
}

/// Reports, at their fields, the address rules a form must meet (see `PostalAddress::entry_problems`).
fn check_address_fields(address: &PostalAddress, name: &str, errors: &mut FieldErrors) {
    for problem in address.entry_problems(name) {
        errors.add(problem.field, problem.message);
    }
}

/// What an invoice form holds (F1.3). Amounts include VAT; a negative amount is a credit note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceFields {
    pub number: String,
    pub client_id: i64,
    pub issue_date: NaiveDate,
    /// None: computed from `payment_terms`, else the client's payment terms, else the ledger's default
    /// (30 days).
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// The invoice's own payment terms (« 45 jours fin de mois »), when it states them.
    #[serde(default)]
    pub payment_terms: Option<PaymentTerms>,
    pub amount: Decimal,
    #[serde(default)]
    pub amount_excl_vat: Option<Decimal>,
    #[serde(default)]
    pub object: String,
    /// Contractual late-payment rate in percent a year, when the terms of sale set one.
    #[serde(default)]
    pub penalty_rate: Option<Decimal>,
    #[serde(default)]
    pub written_off_on: Option<NaiveDate>,
    /// Goods or services; None: the client's default, else the ledger's (see [`Nature::of`]).
    #[serde(default)]
    pub nature: Option<Nature>,
}

/// What an invoice sells, as the livre des recettes and the URSSAF declaration of a micro-entrepreneur
/// keep them apart: goods (ventes de marchandises) or services (prestations de services).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    Goods,
    Services,
}

impl Nature {
    /// Both natures, in the order forms offer them.
    pub const ALL: [Nature; 2] = [Nature::Goods, Nature::Services];

    /// The nature a ledger assumes until the user says otherwise on « Livres »: most sole traders who chase
    /// unpaid invoices sell their work.
    pub const DEFAULT: Nature = Nature::Services;

    /// The French name, as a list shows it (« marchandises », « services »).
    pub fn label(self) -> &'static str {
        match self {
            Nature::Goods => "marchandises",
            Nature::Services => "services",
        }
    }

    /// The heading of its total, as the URSSAF declaration names the two kinds of receipts.
    pub fn declaration_label(self) -> &'static str {
        match self {
            Nature::Goods => "Ventes de marchandises",
            Nature::Services => "Prestations de services",
        }
    }

    /// The nature of an invoice: its own when it says one, else its client's default, else the ledger's.
    pub fn of(invoice: Option<Nature>, client_default: Option<Nature>, ledger_default: Nature) -> Nature {
        invoice.or(client_default).unwrap_or(ledger_default)
    }
}

impl InvoiceFields {
    pub fn validate(&mut self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        self.number = self.number.trim().to_string();
        self.object = self.object.trim().to_string();
        if self.number.is_empty() {
            errors.add("number", "indiquez le numéro de la facture.");
        } else if self.number.chars().count() > 40 {
            errors.add("number", "le numéro de facture dépasse 40 caractères.");
        }
        check_amount("amount", self.amount, true, &mut errors);
        if self.amount.is_zero() {
            errors.add("amount", "le montant TTC ne peut pas être nul.");
        }
        if let Some(excl) = self.amount_excl_vat {
            check_amount("amount_excl_vat", excl, true, &mut errors);
            if excl.is_sign_negative() != self.amount.is_sign_negative() || excl.abs() > self.amount.abs() {
                errors
                    .add("amount_excl_vat", "le montant HT doit être du même signe que le TTC et ne pas le dépasser.");
            }
        }
        if let Some(due) = self.due_date {
            if due < self.issue_date {
                errors.add("due_date", "l'échéance précède la date d'émission.");
            }
        }
        if let Some(terms) = self.payment_terms {
            if terms.days > crate::domain::terms::MAX_TERMS_DAYS {
                errors.add("payment_terms", format!("{} : le délai de paiement dépasse un an.", terms.label()));
            }
        }
        if let Some(rate) = self.penalty_rate {
            if rate.is_sign_negative() || rate > Decimal::ONE_HUNDRED {
                errors.add("penalty_rate", "le taux de pénalités doit être entre 0 et 100 % par an.");
            }
        }
        if let Some(written_off) = self.written_off_on {
            if written_off < self.issue_date {
                errors.add("written_off_on", "la date d'abandon précède la date d'émission.");
            }
        }
        errors.into_result()
    }
}

/// Refuses more than two decimals and absurd sizes; `allow_negative` is for credit notes.
pub(crate) fn check_amount(field: &str, amount: Decimal, allow_negative: bool, errors: &mut FieldErrors) {
    if amount.normalize().scale() > 2 {
        errors.add(field, format!("« {amount} » a plus de deux décimales : indiquez le montant au centime près."));
    } else if amount.abs() > crate::domain::money::MAX_AMOUNT {
        errors.add(field, "montant trop grand.");
    } else if !allow_negative && amount.is_sign_negative() {
        errors.add(field, "le montant doit être positif.");
    }
}

/// An invoice as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: i64,
    pub number: String,
    pub client_id: i64,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    pub amount_excl_vat: Option<Decimal>,
    pub object: String,
    pub penalty_rate: Option<Decimal>,
    pub written_off_on: Option<NaiveDate>,
    /// The invoice's own payment terms, when it states them (they give its due date when none is typed).
    #[serde(default)]
    pub payment_terms: Option<PaymentTerms>,
    /// Goods or services as the invoice says; None: its client's default, else the ledger's.
    pub nature: Option<Nature>,
    /// "typed" for an invoice entered in a form, "import:<id>" for one brought by an import.
    pub source: String,
    /// For a credit note (or a corrected invoice): the number of the invoice it corrects, as the document
    /// names it.
    #[serde(default)]
    pub corrects: Option<String>,
    /// The name of the invoice's document (its PDF kept beside the ledger), None when it has none.
    #[serde(default)]
    pub document: Option<String>,
}

/// An invoice with what non-rejected payments have allocated to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceRow {
    #[serde(flatten)]
    pub invoice: Invoice,
    pub paid: Decimal,
}

impl InvoiceRow {
    /// What is still owed on `as_of` before any credit is set against it (negative for a credit note),
    /// zero once written off. `paid` must have been read as of the same date.
    pub fn remaining_on(&self, as_of: NaiveDate) -> Decimal {
        if self.invoice.written_off_on.is_some_and(|date| date <= as_of) {
            Decimal::ZERO
        } else {
            self.invoice.amount - self.paid
        }
    }
}

/// How money was received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Transfer,
    Cheque,
    Card,
    DirectDebit,
    Cash,
    /// Nobody said how: a paid amount read from an invoicing tool's export or an e-invoice, a bank line
    /// whose words name no method, a payment given without its method. Never presumed a transfer, since
    /// the books, the accountant's export and the letters would then state a fact nobody gave.
    #[default]
    Unspecified,
}

impl PaymentMethod {
    /// Every value, in the order lists show them. A form for a new payment offers all but
    /// `Unspecified`: one who records a payment knows how it came.
    pub const ALL: [PaymentMethod; 6] = [
        PaymentMethod::Transfer,
        PaymentMethod::Cheque,
        PaymentMethod::Card,
        PaymentMethod::DirectDebit,
        PaymentMethod::Cash,
        PaymentMethod::Unspecified,
    ];

    /// The French name, as a list or a column « Mode de règlement » shows it, lower case (lists capitalise
    /// it): « virement », « non précisé ». A sentence says « par {label} » only of a known method
    /// ([`PaymentMethod::is_known`]); of an unspecified one it says nothing of the method.
    pub fn label(self) -> &'static str {
        match self {
            PaymentMethod::Transfer => "virement",
            PaymentMethod::Cheque => "chèque",
            PaymentMethod::Card => "carte bancaire",
            PaymentMethod::DirectDebit => "prélèvement",
            PaymentMethod::Cash => "espèces",
            PaymentMethod::Unspecified => "non précisé",
        }
    }

    /// False when nobody said how the money came.
    pub fn is_known(self) -> bool {
        self != PaymentMethod::Unspecified
    }

    /// What a sentence adds after « règlement »: « par chèque », or nothing when nobody said how
    /// (« Règlement par chèque (n° 12) », « Règlement (n° 12) »).
    pub fn by_clause(self) -> String {
        if self.is_known() {
            format!(" par {}", self.label())
        } else {
            String::new()
        }
    }
}

/// The part of a payment that settles one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub invoice_id: i64,
    pub amount: Decimal,
}

/// What a payment form holds (F1.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentFields {
    pub client_id: i64,
    pub date: NaiveDate,
    pub amount: Decimal,
    #[serde(default)]
    pub method: PaymentMethod,
    #[serde(default)]
    pub reference: String,
    /// None: oldest invoices first. Some: exactly this split, which the ledger checks.
    #[serde(default)]
    pub allocations: Option<Vec<Allocation>>,
}

impl PaymentFields {
    /// A payment is money already received: never dated after `today` (the clock is the shell's). The one
    /// rule of the payment form, the command line and an import's payments; the message names both days.
    pub fn received_by(date: NaiveDate, today: NaiveDate) -> Result<(), String> {
        if date > today {
            return Err(format!(
                "le {} est après aujourd'hui : un règlement déjà reçu se date au plus tard du {}.",
                crate::domain::calendar::format_long(date),
                crate::domain::calendar::format_long(today)
            ));
        }
        Ok(())
    }

    pub fn validate(&mut self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        self.reference = self.reference.trim().to_string();
        check_amount("amount", self.amount, false, &mut errors);
        if self.amount.is_zero() {
            errors.add("amount", "le montant du règlement ne peut pas être nul.");
        }
        if let Some(allocations) = &self.allocations {
            let mut total = Decimal::ZERO;
            for allocation in allocations {
                if allocation.amount <= Decimal::ZERO || allocation.amount.normalize().scale() > 2 {
                    errors.add("allocations", "chaque part affectée doit être un montant positif, au centime près.");
                    break;
                }
                total += allocation.amount;
            }
            if total > self.amount {
                errors.add(
                    "allocations",
                    format!(
                        "la répartition ({}) dépasse le montant du règlement ({}).",
                        crate::domain::money::format_eur_ascii(total),
                        crate::domain::money::format_eur_ascii(self.amount)
                    ),
                );
            }
        }
        errors.into_result()
    }
}

/// A bounced cheque or a rejected direct debit: the payment stops counting and its invoices reopen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub date: NaiveDate,
    #[serde(default)]
    pub fees: Decimal,
    #[serde(default)]
    pub reason: String,
}

/// A payment as stored, with how it was split and whether it was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: i64,
    pub client_id: i64,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub method: PaymentMethod,
    pub reference: String,
    pub allocations: Vec<Allocation>,
    pub rejection: Option<Rejection>,
}

impl Payment {
    /// The part of the payment not allocated to any invoice: a credit in the client's favour.
    pub fn unallocated(&self) -> Decimal {
        self.amount - self.allocations.iter().map(|a| a.amount).sum::<Decimal>()
    }
}

/// The kinds of timeline entries a user records by hand (F1.5); letters, plans, invoices and payments
/// appear on the timeline from their own tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A free note.
    Note,
    /// A phone call and what was said.
    Call,
    /// A promise to pay `amount` by `until`.
    Promise,
    /// A dispute, about one invoice or the whole account, open until closed.
    Dispute,
    /// A stop of dunning until `until`, or open-ended.
    Pause,
    /// A step of a collective procedure (opening judgment, plan, liquidation).
    Procedure,
    /// A claim filed in court: a requête en injonction de payer deposited (or a summons served). It
    /// interrupts prescription (C. civ. 2241) for the invoice it names, or every invoice of the client.
    Filing,
}

impl EventKind {
    /// Every kind, in the order the follow-up form offers them.
    pub const ALL: [EventKind; 7] = [
        EventKind::Note,
        EventKind::Call,
        EventKind::Promise,
        EventKind::Dispute,
        EventKind::Pause,
        EventKind::Procedure,
        EventKind::Filing,
    ];

    /// The id stored in `events.kind` and shown as the timeline entry's kind.
    pub fn id(self) -> &'static str {
        match self {
            EventKind::Note => "note",
            EventKind::Call => "call",
            EventKind::Promise => "promise",
            EventKind::Dispute => "dispute",
            EventKind::Pause => "pause",
            EventKind::Procedure => "procedure",
            EventKind::Filing => "filing",
        }
    }
}

/// What an event form holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFields {
    pub client_id: i64,
    pub kind: EventKind,
    pub date: NaiveDate,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub amount: Option<Decimal>,
    #[serde(default)]
    pub until: Option<NaiveDate>,
    #[serde(default)]
    pub invoice_id: Option<i64>,
}

impl EventFields {
    pub fn validate(&mut self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        self.text = self.text.trim().to_string();
        match self.kind {
            EventKind::Note | EventKind::Call | EventKind::Procedure if self.text.is_empty() => {
                errors.add("text", "écrivez quelques mots.")
            }
            EventKind::Dispute if self.text.is_empty() => errors.add("text", "indiquez le motif de la contestation."),
            EventKind::Promise => {
                match self.until {
                    None => errors.add("until", "indiquez la date promise pour le paiement."),
                    Some(until) if until < self.date => {
                        errors.add("until", "la date promise précède la date de la promesse.")
                    }
                    _ => {}
                }
                match self.amount {
                    Some(amount) => check_amount("amount", amount, false, &mut errors),
                    None => errors.add("amount", "indiquez le montant promis."),
                }
                if self.amount.is_some_and(|a| a.is_zero()) {
                    errors.add("amount", "le montant promis ne peut pas être nul.");
                }
            }
            EventKind::Pause if self.until.is_some_and(|until| until < self.date) => {
                errors.add("until", "la fin de la suspension précède son début.")
            }
            _ => {}
        }
        if self.kind != EventKind::Promise {
            if let Some(amount) = self.amount {
                check_amount("amount", amount, false, &mut errors);
            }
        }
        errors.into_result()
    }
}

/// An event as stored; `closed_on` ends a dispute or lifts a pause early.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    #[serde(flatten)]
    pub fields: EventFields,
    pub closed_on: Option<NaiveDate>,
}

impl Event {
    /// True when the dispute or pause is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        let started = self.fields.date <= date;
        let not_closed = self.closed_on.is_none_or(|closed| closed > date);
        let not_expired = self.fields.until.is_none_or(|until| until >= date);
        match self.fields.kind {
            EventKind::Dispute => started && not_closed,
            EventKind::Pause => started && not_closed && not_expired,
            _ => false,
        }
    }
}

/// How the trader is addressed, so that what the letters say of the sender agrees with who signs:
/// « Je reste créancière » for Madame, « Je reste créancier » for Monsieur, « Nous restons créanciers »
/// when the trader writes as a business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressedAs {
    Madame,
    Monsieur,
    /// The trader writes as a business, in the first person plural.
    Company,
}

impl AddressedAs {
    /// Every choice, in the order the profile form offers them.
    pub const ALL: [AddressedAs; 3] = [AddressedAs::Madame, AddressedAs::Monsieur, AddressedAs::Company];

    /// The id stored in `profile.addressed_as`.
    pub fn id(self) -> &'static str {
        match self {
            AddressedAs::Madame => "madame",
            AddressedAs::Monsieur => "monsieur",
            AddressedAs::Company => "company",
        }
    }

    /// The choice as the profile form and the command line name it.
    pub fn label(self) -> &'static str {
        match self {
            AddressedAs::Madame => "Madame (« je », au féminin)",
            AddressedAs::Monsieur => "Monsieur (« je », au masculin)",
            AddressedAs::Company => "Mon entreprise (« nous »)",
        }
    }

    /// The choice from its id or a French word (« madame », « monsieur », « entreprise »).
    pub fn from_text(text: &str) -> Option<AddressedAs> {
        match text.trim().to_lowercase().as_str() {
            "madame" | "mme" | "f" => Some(AddressedAs::Madame),
            "monsieur" | "m." | "m" | "h" => Some(AddressedAs::Monsieur),
            "company" | "entreprise" | "société" | "societe" | "nous" => Some(AddressedAs::Company),
            _ => None,
        }
    }
}

/// The sender: the user's own identity as printed on every letter (F1.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// "Prénom NOM EI", the legal name with the entrepreneur individuel mention.
    pub legal_name: String,
    /// How the letters speak of the sender; None until the user says (letters whose wording depends on
    /// it cannot be printed before).
    pub addressed_as: Option<AddressedAs>,
    pub trade_name: String,
    pub address: PostalAddress,
    pub siren_siret: String,
    /// "RCS Lyon" or "RM 123 456 789".
    pub registry: String,
    pub vat_number: String,
    /// Under the VAT franchise: letters print "TVA non applicable, art. 293 B du CGI".
    pub vat_exempt: bool,
    pub phone: String,
    pub email: String,
    pub iban: String,
    pub bic: String,
    /// The town in "<Ville>, le 22 novembre 2026".
    pub signature_town: String,
}

impl Profile {
    pub fn validate(&mut self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        trim_all(&mut [
            &mut self.legal_name,
            &mut self.trade_name,
            &mut self.siren_siret,
            &mut self.registry,
            &mut self.vat_number,
            &mut self.phone,
            &mut self.email,
            &mut self.iban,
            &mut self.bic,
            &mut self.signature_town,
        ]);
        if self.legal_name.is_empty() {
            errors.add("legal_name", "indiquez votre nom suivi de la mention EI (ex. « Claire DUMONT EI »).");
        } else if !has_ei_mention(&self.legal_name) {
            errors.add(
                "legal_name",
                "ajoutez la mention « EI » ou « Entrepreneur individuel » à votre nom (obligatoire depuis le 15 mai 2022).",
            );
        }
        if !self.siren_siret.is_empty() {
            match identity::check_siren_or_siret(&self.siren_siret) {
                Ok((digits, _)) => self.siren_siret = digits,
                Err(message) => errors.add("siren_siret", message),
            }
        }
        if !self.iban.is_empty() {
            match identity::check_iban(&self.iban) {
                Ok(iban) => self.iban = iban,
                Err(message) => errors.add("iban", message),
            }
        }
        if !self.bic.is_empty() {
            match identity::check_bic(&self.bic) {
                Ok(bic) => self.bic = bic,
                Err(message) => errors.add("bic", message),
            }
        }
        if !self.email.is_empty() {
            if let Err(message) = identity::check_email(&self.email) {
                errors.add("email", message);
            }
        }
        check_address_fields(&self.address, &self.legal_name, &mut errors);
        errors.into_result()
    }
}

/// True when a legal name carries "EI" or "Entrepreneur individuel" as a word.
fn has_ei_mention(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains("entrepreneur individuel") || name.split(|c: char| !c.is_alphanumeric()).any(|word| word == "EI")
}

fn trim_all(fields: &mut [&mut String]) {
    for field in fields.iter_mut() {
        let trimmed = field.trim();
        if trimmed.len() != field.len() {
            **field = trimmed.to_string();
        }
    }
}
