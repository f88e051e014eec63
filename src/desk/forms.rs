//! What the user typed, read with the core's one grammar: dates and amounts as people write them
//! (`domain::calendar::parse_date`, `domain::money::parse_amount`), rates in percent, whole numbers. The
//! window sends each form as the text of its fields; the types here hold that text and turn it into the
//! typed fields the desk takes, with every problem of the form at once, in French, by field. The window
//! never parses.
//!
//! A form with unreadable fields is refused, but not before the form's own checks ran on the rest of it:
//! a missing invoice number comes back together with an unreadable amount. The unreadable fields are
//! given stand-in values that the checks accept, so that only the fields that were read are judged.

use crate::desk::bank;
use crate::desk::payments::{self, SuggestedAllocation};
use crate::desk::plans::PlanOptions;
use crate::desk::proposals::ProposalAction;
use crate::desk::{Error, FieldErrors, Ledger, Result};
use crate::documents::print::PrintOptions;
use crate::domain::address::PostalAddress;
use crate::domain::books::{Period, PeriodChoice};
use crate::domain::delivery::{Delivery, SendingForm};
use crate::domain::model::{
    Allocation, ClientFields, ClientKind, ClientStatus, EventFields, EventKind, InvoiceFields, Nature, PaymentFields,
    PaymentMethod, Procedure, Rejection, Segment,
};
use crate::domain::plans::Frequency;
use crate::domain::postage::{PriceRow, PriceTable};
use crate::domain::terms::PaymentTerms;
use crate::domain::{calendar, money, rates};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A typed date (« 22/11/2026 », « 22 nov. 2026 », « 2026-11-22 »…), or `default` when the field is blank.
pub fn date_or(field: &str, text: Option<&str>, default: NaiveDate) -> Result<NaiveDate> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => date(field, text),
        None => Ok(default),
    }
}

/// A typed date, required.
pub fn date(field: &str, text: &str) -> Result<NaiveDate> {
    calendar::parse_date(text).map_err(|message| Error::invalid(field, message))
}

/// A typed amount (« 1 234,56 € », « 1.234,56 », « (12,00) », « 12 EUR »…).
pub fn amount(field: &str, text: &str) -> Result<Decimal> {
    money::parse_amount(text).map_err(|error| Error::invalid(field, amount_message(&error)))
}

/// Reads the fields of one form, keeping every problem by field.
#[derive(Debug, Default)]
pub struct Reader {
    errors: FieldErrors,
}

impl Reader {
    pub fn new() -> Reader {
        Reader::default()
    }

    /// A date; None when blank (refused with `required` when it is given) or unreadable.
    pub fn date(&mut self, field: &str, text: &str, required: Option<&str>) -> Option<NaiveDate> {
        let text = self.present(field, text, required)?;
        calendar::parse_date(text).map_err(|message| self.fail(field, message)).ok()
    }

    /// An amount in euros; None when blank (refused with `required` when it is given) or unreadable.
    pub fn amount(&mut self, field: &str, text: &str, required: Option<&str>) -> Option<Decimal> {
        let text = self.present(field, text, required)?;
        money::parse_amount(text).map_err(|error| self.fail(field, amount_message(&error))).ok()
    }

    /// A rate in percent a year (« 10,15 », « 10.15 % »); None when blank or unreadable.
    pub fn percent(&mut self, field: &str, text: &str) -> Option<Decimal> {
        let text = self.present(field, text, None)?;
        rates::parse_percent(text)
            .ok_or_else(|| self.fail(field, format!("taux « {text} » illisible : écrivez un pourcentage comme 10,15.")))
            .ok()
    }

    /// A whole number of `unit` (« jours », « échéances »), spaces allowed; None when blank or unreadable.
    pub fn whole(&mut self, field: &str, text: &str, unit: &str) -> Option<u32> {
        let text = self.present(field, text, None)?;
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        digits
            .parse::<u32>()
            .map_err(|_| self.fail(field, format!("« {text} » : indiquez un nombre entier de {unit}.")))
            .ok()
    }

    /// Payment terms (« 30 », « 45 jours fin de mois », « à réception »); None when blank or unreadable.
    pub fn terms(&mut self, field: &str, text: &str) -> Option<PaymentTerms> {
        let text = self.present(field, text, None)?;
        PaymentTerms::parse(text).map_err(|message| self.fail(field, message)).ok()
    }

    /// Millimetres (« 2 », « -1,5 », « 3 mm »); None when blank or unreadable.
    pub fn millimetres(&mut self, field: &str, text: &str) -> Option<Decimal> {
        let text = self.present(field, text, None)?;
        let number = text.trim_end_matches("mm").trim().replace(',', ".");
        number
            .parse::<Decimal>()
            .map_err(|_| self.fail(field, format!("« {text} » illisible : indiquez des millimètres, comme 2 ou -1,5.")))
            .ok()
    }

    /// Records a problem of the form.
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.add(field, message);
    }

    /// True when `field` already has a problem.
    pub fn failed(&self, field: &str) -> bool {
        self.errors.0.iter().any(|error| error.field == field)
    }

    /// The value read when nothing was wrong. Otherwise every problem: those found while reading, then
    /// those `checks` finds in the fields that were read (its findings on an unreadable field are left
    /// out: the field already says what is wrong with it).
    pub fn finish<T>(mut self, mut value: T, checks: impl FnOnce(&mut T) -> Result<(), FieldErrors>) -> Result<T> {
        if self.errors.is_empty() {
            return Ok(value);
        }
        if let Err(found) = checks(&mut value) {
            for error in found.0 {
                if !self.failed(&error.field) {
                    self.errors.0.push(error);
                }
            }
        }
        Err(self.errors.into())
    }

    /// The trimmed text, or None when blank (with the problem `required` when given).
    fn present<'t>(&mut self, field: &str, text: &'t str, required: Option<&str>) -> Option<&'t str> {
        let text = text.trim();
        if text.is_empty() {
            if let Some(message) = required {
                self.fail(field, message);
            }
            return None;
        }
        Some(text)
    }
}

fn amount_message(error: &money::AmountError) -> String {
    format!("{error} : écrivez-le comme 1 234,56 €.")
}

/// No check: for forms whose rules the ledger applies when it writes them.
fn nothing_more<T>(_: &mut T) -> Result<(), FieldErrors> {
    Ok(())
}

/// A date no other date of a form can precede: the stand-in for an unreadable "from" date.
const EARLIEST: NaiveDate = NaiveDate::MIN;

/// The client form as typed: its dates and payment terms as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientText {
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
    /// « 30 », « 30 jours », « 45 jours fin de mois », or blank for the ledger's default.
    pub payment_terms_days: String,
    pub status: ClientStatus,
    pub procedure: ProcedureText,
    /// The nature of the client's invoices that say none; None: the ledger's default.
    pub default_nature: Option<Nature>,
}

/// The collective procedure's part of the client form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcedureText {
    pub opening_date: String,
    pub bodacc_date: String,
    pub mandataire_name: String,
    pub mandataire_address: String,
}

impl ClientText {
    /// The client's fields. Procedure dates only count for a client in a collective procedure: for the
    /// others a date that reads is kept and one that does not is dropped, never blocking the form.
    pub fn read(&self) -> Result<ClientFields> {
        let mut reader = Reader::new();
        let in_procedure = self.status == ClientStatus::CollectiveProcedure;
        let mut procedure_date = |field: &str, text: &str| {
            if in_procedure {
                reader.date(field, text, None)
            } else {
                calendar::parse_date(text).ok()
            }
        };
        let procedure = Procedure {
            opening_date: procedure_date("procedure.opening_date", &self.procedure.opening_date),
            bodacc_date: procedure_date("procedure.bodacc_date", &self.procedure.bodacc_date),
            mandataire_name: self.procedure.mandataire_name.clone(),
            mandataire_address: self.procedure.mandataire_address.clone(),
            // Confirmed when drafting the déclaration de créance (`desk::procedure`), never by this form.
            claim_statement: None,
        };
        let terms = reader.terms("payment_terms_days", &self.payment_terms_days);
        let fields = ClientFields {
            kind: self.kind,
            company_name: self.company_name.clone(),
            civility: self.civility.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            contact_person: self.contact_person.clone(),
            address: self.address.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            siren_siret: self.siren_siret.clone(),
            segment: self.segment,
            notes: self.notes.clone(),
            payment_terms_days: terms.map(|terms| terms.days),
            payment_terms_end_of_month: terms.is_some_and(|terms| terms.end_of_month),
            status: self.status,
            procedure,
            default_nature: self.default_nature,
        };
        // An unreadable opening date must not also be reported as missing.
        let opening_unreadable = reader.failed("procedure.opening_date");
        reader.finish(fields, |fields| {
            if opening_unreadable {
                fields.procedure.opening_date = Some(EARLIEST);
            }
            fields.validate()
        })
    }
}

/// The invoice form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceText {
    pub number: String,
    pub client_id: i64,
    pub issue_date: String,
    /// Blank: from the client's payment terms.
    pub due_date: String,
    pub amount: String,
    pub amount_excl_vat: String,
    pub object: String,
    /// Percent a year, blank when the terms of sale set none.
    pub penalty_rate: String,
    pub written_off_on: String,
    /// The invoice's own payment terms (« 45 jours fin de mois »), giving the due date when it is blank.
    pub payment_terms: String,
    /// Goods or services; None: the client's default.
    pub nature: Option<Nature>,
}

impl InvoiceText {
    pub fn read(&self) -> Result<InvoiceFields> {
        let mut reader = Reader::new();
        let issue_date = reader.date("issue_date", &self.issue_date, Some("indiquez la date d'émission."));
        let due_date = reader.date("due_date", &self.due_date, None);
        let amount = reader.amount("amount", &self.amount, Some("indiquez le montant TTC."));
        let amount_excl_vat = reader.amount("amount_excl_vat", &self.amount_excl_vat, None);
        let penalty_rate = reader.percent("penalty_rate", &self.penalty_rate);
        let written_off_on = reader.date("written_off_on", &self.written_off_on, None);
        let payment_terms = reader.terms("payment_terms", &self.payment_terms);
        let fields = InvoiceFields {
            number: self.number.clone(),
            client_id: self.client_id,
            issue_date: issue_date.unwrap_or(EARLIEST),
            due_date,
            // An amount the HT amount cannot contradict.
            amount: amount.unwrap_or_else(|| amount_excl_vat.filter(|excl| !excl.is_zero()).unwrap_or(Decimal::ONE)),
            amount_excl_vat,
            object: self.object.clone(),
            penalty_rate,
            written_off_on,
            payment_terms,
            nature: self.nature,
        };
        reader.finish(fields, InvoiceFields::validate)
    }
}

/// The payment form as typed; `allocations` is None while the split is the core's (oldest first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaymentText {
    pub client_id: i64,
    pub date: String,
    pub amount: String,
    pub method: PaymentMethod,
    pub reference: String,
    pub allocations: Option<Vec<PartText>>,
}

/// One part of a split typed by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartText {
    pub invoice_id: i64,
    /// The invoice's number, to name it in a problem.
    pub number: String,
    pub amount: String,
}

impl PaymentText {
    pub fn read(&self) -> Result<PaymentFields> {
        let mut reader = Reader::new();
        let date = reader.date("date", &self.date, Some("indiquez la date de réception."));
        let amount = reader.amount("amount", &self.amount, Some("indiquez le montant reçu."));
        let allocations = self.allocations.as_ref().map(|parts| read_parts(&mut reader, parts));
        let fields = PaymentFields {
            client_id: self.client_id,
            date: date.unwrap_or(EARLIEST),
            // The largest amount: any split fits in it.
            amount: amount.unwrap_or(money::MAX_AMOUNT),
            method: self.method,
            reference: self.reference.clone(),
            allocations,
        };
        reader.finish(fields, PaymentFields::validate)
    }

    /// The form read as [`PaymentText::read`] does, and refused when dated after `today`: a payment is
    /// money already received (`PaymentFields::received_by`, the import's rule too).
    pub fn read_on(&self, today: NaiveDate) -> Result<PaymentFields> {
        let fields = self.read()?;
        PaymentFields::received_by(fields.date, today).map_err(|message| Error::invalid("date", message))?;
        Ok(fields)
    }
}

/// The parts typed by hand, blank and zero ones left out; each problem names the invoice.
fn read_parts(reader: &mut Reader, parts: &[PartText]) -> Vec<Allocation> {
    let mut allocations = Vec::new();
    for part in parts {
        if part.amount.trim().is_empty() {
            continue;
        }
        match money::parse_amount(&part.amount) {
            Ok(amount) if amount.is_sign_negative() && !amount.is_zero() => reader
                .fail("allocations", format!("facture {} : la part affectée ne peut pas être négative.", part.number)),
            Ok(amount) if amount.is_zero() => {}
            Ok(amount) => allocations.push(Allocation { invoice_id: part.invoice_id, amount }),
            Err(error) => reader.fail("allocations", format!("facture {} : {}", part.number, amount_message(&error))),
        }
    }
    allocations
}

/// The payment form's split while the user types: the amount, and the parts once the user changed one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SplitText {
    pub amount: String,
    /// None: the core splits the amount, oldest invoices first.
    pub parts: Option<Vec<PartText>>,
}

/// What the payment form shows under the split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SplitView {
    /// The client's open invoices with the part each gets: the oldest-first split of the amount, or
    /// the parts as typed.
    pub rows: Vec<SuggestedAllocation>,
    /// The amount received; None while it cannot be read (blank counts as zero).
    pub received: Option<Decimal>,
    /// What the readable parts add up to.
    pub allocated: Decimal,
    /// What stays in the client's favour; None while the amount cannot be read.
    pub unallocated: Option<Decimal>,
    /// By how much the parts exceed the amount, when they do.
    pub excess: Option<Decimal>,
    /// The invoices whose typed part cannot be read.
    pub unreadable: Vec<i64>,
}

impl SplitText {
    /// The split and its totals, from the ledger's open invoices of the client.
    pub fn view(&self, ledger: &Ledger, client_id: i64) -> Result<SplitView> {
        let received =
            if self.amount.trim().is_empty() { Some(Decimal::ZERO) } else { money::parse_amount(&self.amount).ok() };
        let mut rows = payments::payment_split(ledger, client_id, received.unwrap_or_default())?;
        let mut unreadable = Vec::new();
        if let Some(parts) = &self.parts {
            for row in &mut rows {
                let typed = parts.iter().find(|part| part.invoice_id == row.invoice_id);
                row.amount = match typed.map(|part| part.amount.trim()).filter(|text| !text.is_empty()) {
                    None => Decimal::ZERO,
                    Some(text) => money::parse_amount(text).unwrap_or_else(|_| {
                        unreadable.push(row.invoice_id);
                        Decimal::ZERO
                    }),
                };
            }
        }
        let allocated: Decimal = rows.iter().map(|row| row.amount).sum();
        let rest = received.map(|received| received - allocated);
        Ok(SplitView {
            rows,
            received,
            allocated,
            unallocated: rest.map(|rest| rest.max(Decimal::ZERO)),
            excess: rest.filter(|rest| rest.is_sign_negative() && !rest.is_zero()).map(|rest| -rest),
            unreadable,
        })
    }
}

/// The rejection form as typed; blank fees are none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RejectionText {
    pub date: String,
    pub fees: String,
    pub reason: String,
}

impl RejectionText {
    pub fn read(&self) -> Result<Rejection> {
        let mut reader = Reader::new();
        let date = reader.date("date", &self.date, Some("indiquez la date du rejet."));
        let fees = reader.amount("fees", &self.fees, None).unwrap_or_default();
        let rejection = Rejection { date: date.unwrap_or(EARLIEST), fees, reason: self.reason.trim().to_string() };
        reader.finish(rejection, nothing_more)
    }
}

/// The follow-up form as typed: the amount and the date promised count for a promise, the end date for
/// a pause too; a promise, a dispute, a pause and a claim filed in court may name one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventText {
    pub client_id: i64,
    pub kind: EventKind,
    pub date: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub invoice_id: Option<i64>,
}

impl EventText {
    pub fn read(&self) -> Result<EventFields> {
        let mut reader = Reader::new();
        let promise = self.kind == EventKind::Promise;
        let date = reader.date("date", &self.date, Some("indiquez la date."));
        let amount = if promise { reader.amount("amount", &self.amount, None) } else { None };
        let until =
            if promise || self.kind == EventKind::Pause { reader.date("until", &self.until, None) } else { None };
        let about_invoice =
            matches!(self.kind, EventKind::Promise | EventKind::Dispute | EventKind::Pause | EventKind::Filing);
        let fields = EventFields {
            client_id: self.client_id,
            kind: self.kind,
            date: date.unwrap_or(EARLIEST),
            text: self.text.clone(),
            amount,
            until,
            invoice_id: self.invoice_id.filter(|_| about_invoice),
        };
        reader.finish(fields, EventFields::validate)
    }
}

/// A payment plan's terms as typed in the editor. A blank count is the count suggested from the amount,
/// a blank first date a month after the plan's date; `hand_set` holds one amount per installment, blank
/// where the core shares the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanText {
    pub count: String,
    pub frequency: Frequency,
    pub first_date: String,
    pub down_payment: String,
    pub with_fees: bool,
    pub hand_set: Vec<String>,
}

impl PlanText {
    pub fn read(&self) -> Result<PlanOptions> {
        let mut reader = Reader::new();
        let count = reader.whole("count", &self.count, "échéances");
        if count == Some(0) {
            reader.fail("count", "indiquez 1 échéance au moins.");
        }
        let first_date = reader.date("first_date", &self.first_date, None);
        let down_payment = reader.amount("down_payment", &self.down_payment, None).unwrap_or_default();
        // Boxes beyond a smaller count typed belong to the schedule shown before: they no longer count.
        let boxes = count.map_or(self.hand_set.len(), |count| self.hand_set.len().min(count as usize));
        let hand_set = self.hand_set[..boxes]
            .iter()
            .enumerate()
            .map(|(index, text)| {
                let amount = reader.amount("hand_set", text, None);
                if amount.is_none() && !text.trim().is_empty() {
                    // Name the installment: the table has one box per line.
                    let last = reader.errors.0.last_mut().expect("the problem just recorded");
                    last.message = format!("échéance {} : {}", index + 1, last.message);
                }
                amount
            })
            .collect();
        let options = PlanOptions {
            count,
            frequency: self.frequency,
            first_date,
            down_payment,
            with_fees: self.with_fees,
            hand_set,
        };
        reader.finish(options, nothing_more)
    }
}

/// The postage price table as typed, one row per date the prices came into force.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriceTableText {
    pub rows: Vec<PriceRowText>,
}

/// One dated row of prices as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriceRowText {
    pub valid_from: String,
    pub r1: String,
    pub r2: String,
    pub r3: String,
    pub receipt: String,
    pub to_confirm: bool,
}

impl PriceTableText {
    /// The table; each problem names its row (« ligne 2 ») and its price.
    pub fn read(&self) -> Result<PriceTable> {
        let mut reader = Reader::new();
        let mut rows = Vec::new();
        for (index, typed) in self.rows.iter().enumerate() {
            let mut row_reader = Reader::new();
            let valid_from =
                row_reader.date("prices", &typed.valid_from, Some("indiquez la date d'entrée en vigueur."));
            let mut price = |name: &str, text: &str| {
                row_reader.amount("prices", text, Some(&format!("indiquez le prix {name}."))).unwrap_or_default()
            };
            let row = PriceRow {
                valid_from: valid_from.unwrap_or(EARLIEST),
                r1: price("R1", &typed.r1),
                r2: price("R2", &typed.r2),
                r3: price("R3", &typed.r3),
                receipt: price("de l'avis de réception", &typed.receipt),
                to_confirm: typed.to_confirm,
            };
            for error in row_reader.errors.0 {
                reader.fail("prices", format!("ligne {} : {}", index + 1, error.message));
            }
            rows.push(row);
        }
        reader.finish(PriceTable { rows }, nothing_more)
    }
}

/// A letter's sending as typed in the dispatch form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SendingText {
    pub deposit_date: String,
    pub tracking_number: String,
    /// "R1", "R2", "R3"; blank for a letter that is not registered.
    pub level: String,
    pub with_receipt: bool,
}

impl SendingText {
    pub fn read(&self) -> Result<SendingForm> {
        let mut reader = Reader::new();
        let deposit_date = reader.date("deposit_date", &self.deposit_date, None);
        let form = SendingForm {
            deposit_date,
            tracking_number: self.tracking_number.clone(),
            level: self.level.clone(),
            with_receipt: self.with_receipt,
        };
        // The sending's own checks (tracking number, level) need the letter: the desk runs them next.
        reader.finish(form, nothing_more)
    }
}

/// What became of a sent letter, as typed: "received", "unclaimed" or "returned", and the date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryText {
    pub outcome: String,
    pub date: String,
}

impl DeliveryText {
    pub fn read(&self) -> Result<Delivery> {
        let mut reader = Reader::new();
        let date = reader.date("date", &self.date, Some("indiquez la date."));
        let outcome: Option<fn(NaiveDate) -> Delivery> = match self.outcome.as_str() {
            "received" => Some(Delivery::Received),
            "unclaimed" => Some(Delivery::Unclaimed),
            "returned" => Some(Delivery::Returned),
            _ => None,
        };
        if outcome.is_none() {
            reader.fail("outcome", "choisissez ce qu'est devenu le courrier : reçu, avisé non réclamé ou retourné.");
        }
        let delivery = outcome.unwrap_or(Delivery::Received)(date.unwrap_or(EARLIEST));
        reader.finish(delivery, nothing_more)
    }
}

/// A decision on a proposal, as the window sends it: "accept", "skip", or "snooze" with the date typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionText {
    pub action: String,
    /// For "snooze": the day the client's reminders resume.
    pub until: String,
}

impl DecisionText {
    pub fn read(&self) -> Result<ProposalAction> {
        let mut reader = Reader::new();
        let action = match self.action.as_str() {
            "accept" => ProposalAction::Accept,
            "skip" => ProposalAction::Skip,
            "snooze" => {
                let required = "indiquez la date à laquelle reprendre les relances de ce client.";
                ProposalAction::Snooze { until: reader.date("until", &self.until, Some(required)).unwrap_or(EARLIEST) }
            }
            other => {
                reader.fail("action", format!("décision « {other} » inconnue : accepter, ignorer ou reporter."));
                ProposalAction::Skip
            }
        };
        reader.finish(action, nothing_more)
    }
}

/// The period of a book as the window sends it: a choice (« le mois dernier »…), or the days typed for
/// « une autre période ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PeriodText {
    pub choice: PeriodChoice,
    pub from: String,
    pub to: String,
}

impl Default for PeriodText {
    fn default() -> PeriodText {
        PeriodText { choice: PeriodChoice::LastMonth, from: String::new(), to: String::new() }
    }
}

impl PeriodText {
    /// The period on `today`: the choice's, or the days typed, both required and in order.
    pub fn read(&self, today: NaiveDate) -> Result<Period> {
        if let Some(period) = self.choice.period(today) {
            return Ok(period);
        }
        let mut reader = Reader::new();
        let from = reader.date("from", &self.from, Some("indiquez le premier jour de la période."));
        let to = reader.date("to", &self.to, Some("indiquez le dernier jour de la période."));
        if let (Some(from), Some(to)) = (from, to) {
            if let Err(message) = Period::new(from, to) {
                reader.fail("to", message);
            }
        }
        let period = Period { from: from.unwrap_or(EARLIEST), to: to.or(from).unwrap_or(EARLIEST) };
        reader.finish(period, nothing_more)
    }
}

/// The dunning options as typed in « Réglages ».
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DunningOptionsText {
    pub large_amount_threshold: String,
    pub default_payment_terms_days: String,
    /// Below this a residual balance is not dunned (« 1,00 »; « 0 » for none).
    pub residual_tolerance: String,
}

/// The dunning options, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DunningOptions {
    pub large_amount_threshold: Decimal,
    pub default_payment_terms_days: u32,
    pub residual_tolerance: Decimal,
}

impl DunningOptionsText {
    /// The threshold, the default payment terms and the residual tolerance.
    pub fn read(&self) -> Result<DunningOptions> {
        let mut reader = Reader::new();
        let threshold =
            reader.amount("large_amount_threshold", &self.large_amount_threshold, Some("indiquez un seuil."));
        let days = reader.whole("default_payment_terms_days", &self.default_payment_terms_days, "jours");
        if days.is_none() && !reader.failed("default_payment_terms_days") {
            reader.fail("default_payment_terms_days", "indiquez un nombre entier de jours.");
        }
        if threshold.is_some_and(|threshold| threshold.is_sign_negative()) {
            reader.fail("large_amount_threshold", "le seuil ne peut pas être négatif.");
        }
        let tolerance = reader.amount(
            "residual_tolerance",
            &self.residual_tolerance,
            Some("indiquez une tolérance (0 pour relancer jusqu'au dernier centime)."),
        );
        if tolerance.is_some_and(|tolerance| tolerance.is_sign_negative() && !tolerance.is_zero()) {
            reader.fail("residual_tolerance", "la tolérance ne peut pas être négative.");
        }
        let options = DunningOptions {
            large_amount_threshold: threshold.unwrap_or_default(),
            default_payment_terms_days: days.unwrap_or_default(),
            residual_tolerance: tolerance.unwrap_or_default(),
        };
        reader.finish(options, nothing_more)
    }
}

/// The envelope offsets as typed, in millimetres; blank is zero.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvelopeText {
    pub offset_x_mm: String,
    pub offset_y_mm: String,
}

impl EnvelopeText {
    pub fn read(&self) -> Result<PrintOptions> {
        let mut reader = Reader::new();
        let options = PrintOptions {
            offset_x_mm: reader.millimetres("offset_x_mm", &self.offset_x_mm).unwrap_or_default(),
            offset_y_mm: reader.millimetres("offset_y_mm", &self.offset_y_mm).unwrap_or_default(),
        };
        reader.finish(options, nothing_more)
    }
}

/// A statement's credits as decided in the « Banque » page: one entry per credit the user confirms,
/// leaves out or corrects; credits not sent are left for later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BankDecisionText {
    /// The credit's line, as the preview named it.
    pub line: usize,
    pub decision: BankDecisionKind,
    /// The invoices typed when the user corrected the match; None: as matched.
    pub parts: Option<Vec<BankPartText>>,
}

/// What the user chose for a credit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BankDecisionKind {
    Record,
    LeaveOut,
    #[default]
    Later,
}

/// One invoice of a credit's split, as typed: its number and the part it gets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BankPartText {
    pub invoice: String,
    pub amount: String,
}

/// Reads every decision, each problem under its line (`line-<position>`); blank parts are left out.
pub fn bank_decisions(texts: &[BankDecisionText]) -> Result<Vec<(usize, bank::Decision)>> {
    let mut reader = Reader::new();
    let mut decisions = Vec::with_capacity(texts.len());
    for text in texts {
        let field = bank::line_field(text.line);
        let decision = match (text.decision, &text.parts) {
            (BankDecisionKind::Later, _) => bank::Decision::Later,
            (BankDecisionKind::LeaveOut, _) => bank::Decision::LeaveOut,
            (BankDecisionKind::Record, None) => bank::Decision::AsMatched,
            (BankDecisionKind::Record, Some(parts)) => {
                let mut split = Vec::new();
                for part in parts.iter().filter(|p| !p.invoice.trim().is_empty() || !p.amount.trim().is_empty()) {
                    let invoice = part.invoice.trim();
                    match money::parse_amount(&part.amount) {
                        Ok(amount) => split.push(bank::SplitPart { invoice: invoice.to_string(), amount }),
                        Err(error) => reader.fail(
                            &field,
                            format!("Ligne {}, facture {invoice} : {}", text.line, amount_message(&error)),
                        ),
                    }
                }
                bank::Decision::Split(split)
            }
        };
        decisions.push((text.line, decision));
    }
    reader.finish(decisions, nothing_more)
}

/// A credit's split while the user types it: the credit's amount as the preview gave it, and the parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreditSplitText {
    pub amount: String,
    pub parts: Vec<BankPartText>,
}

impl CreditSplitText {
    /// Each part read against the ledger (the invoice found, what it owes on `today`, the part), and the
    /// rest.
    pub fn view(&self, ledger: &Ledger, today: NaiveDate) -> Result<bank::CreditSplitView> {
        let amount = self::amount("amount", &self.amount)?;
        let parts: Vec<(String, Option<Decimal>)> =
            self.parts.iter().map(|part| (part.invoice.clone(), money::parse_amount(&part.amount).ok())).collect();
        bank::split_view(ledger, amount, &parts, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    /// The problems of a refused form, as (field, message).
    fn problems<T: std::fmt::Debug>(result: Result<T>) -> Vec<(String, String)> {
        let error = result.expect_err("a refused form");
        error
            .field_errors()
            .expect("problems by field")
            .0
            .iter()
            .map(|e| (e.field.clone(), e.message.clone()))
            .collect()
    }

    fn invoice(issue_date: &str, amount: &str) -> InvoiceText {
        InvoiceText {
            number: "F-1".into(),
            client_id: 1,
            issue_date: issue_date.into(),
            amount: amount.into(),
            ..InvoiceText::default()
        }
    }

    #[test]
    fn the_window_accepts_exactly_the_dates_and_amounts_the_core_reads() {
        // (typed date, typed amount, the date and amount read)
        let accepted = [
            ("22/11/2026", "1 234,56", "2026-11-22", "1234.56"),
            ("22.11.2026", "1.234,56", "2026-11-22", "1234.56"),
            ("2026-11-22", "(12,00)", "2026-11-22", "-12.00"),
            ("22 nov. 2026", "12 EUR", "2026-11-22", "12"),
            ("1er novembre 2026", "1 234,56 €", "2026-11-01", "1234.56"),
            (" 22-11-26 ", "-12,5", "2026-11-22", "-12.5"),
        ];
        for (date, amount, want_date, want_amount) in accepted {
            let fields = invoice(date, amount).read().unwrap_or_else(|e| panic!("{date} {amount}: {e}"));
            assert_eq!((fields.issue_date, fields.amount), (day(want_date), dec(want_amount)), "{date} {amount}");
        }
    }

    #[test]
    fn each_unreadable_field_comes_back_with_its_french_reason() {
        let cases = [
            (invoice("31/02/2026", "100"), "issue_date", "n'existe pas"),
            (invoice("demain", "100"), "issue_date", "écrivez-la comme 22/11/2026"),
            (invoice("", "100"), "issue_date", "indiquez la date d'émission."),
            (invoice("22/11/2026", "douze"), "amount", "montant illisible « douze »"),
            (invoice("22/11/2026", "12,345"), "amount", "plus de deux décimales"),
            (invoice("22/11/2026", ""), "amount", "indiquez le montant TTC."),
            (
                InvoiceText { penalty_rate: "dix".into(), ..invoice("22/11/2026", "100") },
                "penalty_rate",
                "taux « dix »",
            ),
        ];
        for (form, field, fragment) in cases {
            let found = problems(form.read());
            assert!(
                found.iter().any(|(f, message)| f == field && message.contains(fragment)),
                "{field}: {fragment:?} not in {found:?}"
            );
        }
    }

    #[test]
    fn every_problem_of_a_form_comes_back_at_once() {
        let form = InvoiceText { number: "  ".into(), due_date: "2026-13-01".into(), ..invoice("x", "y") };
        let mut fields: Vec<String> = problems(form.read()).into_iter().map(|(field, _)| field).collect();
        fields.sort();
        assert_eq!(fields, ["amount", "due_date", "issue_date", "number"]);
    }

    #[test]
    fn stand_ins_for_unreadable_fields_raise_no_problem_of_their_own() {
        // The issue date cannot be read: the due date is not said to precede it, the HT amount is not
        // compared with an amount that cannot be read either.
        let form =
            InvoiceText { due_date: "01/01/2000".into(), amount_excl_vat: "-50".into(), ..invoice("hier", "beaucoup") };
        let mut fields: Vec<String> = problems(form.read()).into_iter().map(|(field, _)| field).collect();
        fields.sort();
        assert_eq!(fields, ["amount", "issue_date"]);

        let payment = PaymentText {
            client_id: 1,
            date: "22/11/2026".into(),
            amount: "cinq cents".into(),
            allocations: Some(vec![PartText { invoice_id: 7, number: "F-7".into(), amount: "300".into() }]),
            ..PaymentText::default()
        };
        assert_eq!(problems(payment.read()).len(), 1);

        let client = ClientText {
            last_name: "MARTIN".into(),
            kind: ClientKind::Consumer,
            status: ClientStatus::CollectiveProcedure,
            procedure: ProcedureText { opening_date: "32/01/2026".into(), ..ProcedureText::default() },
            ..ClientText::default()
        };
        let found = problems(client.read());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "procedure.opening_date");
    }

    #[test]
    fn the_split_follows_the_typed_amount_and_parts() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let today = day("2026-11-22");
        crate::desk::demo::populate(&mut ledger, today).unwrap();
        let client = crate::desk::clients::client_list(&ledger, today)
            .unwrap()
            .into_iter()
            .find(|client| client.open_invoices >= 2)
            .expect("a demo client with two open invoices");
        let split = |amount: &str, parts: Option<Vec<PartText>>| {
            SplitText { amount: amount.into(), parts }.view(&ledger, client.id).unwrap()
        };

        let automatic = split("1.000,00", None);
        assert_eq!(automatic.received, Some(dec("1000")));
        assert!(automatic.allocated <= dec("1000") && automatic.allocated > Decimal::ZERO);
        assert_eq!(automatic.unallocated, Some(dec("1000") - automatic.allocated));

        let unreadable = split("mille", None);
        assert_eq!((unreadable.received, unreadable.unallocated), (None, None));

        let first = &automatic.rows[0];
        let parts = vec![
            PartText { invoice_id: first.invoice_id, number: first.number.clone(), amount: "(12,00)".into() },
            PartText { invoice_id: automatic.rows[1].invoice_id, number: String::new(), amount: "douze".into() },
        ];
        let manual = split("10", Some(parts));
        assert_eq!(manual.allocated, dec("-12"));
        assert_eq!(manual.unreadable, [automatic.rows[1].invoice_id]);
        let over = split(
            "10",
            Some(vec![PartText { invoice_id: first.invoice_id, number: String::new(), amount: "25 €".into() }]),
        );
        assert_eq!((over.unallocated, over.excess), (Some(Decimal::ZERO), Some(dec("15"))));
    }

    #[test]
    fn the_small_forms_read_their_text() {
        assert_eq!(
            DecisionText { action: "snooze".into(), until: "5 déc. 2026".into() }.read().unwrap(),
            ProposalAction::Snooze { until: day("2026-12-05") }
        );
        assert_eq!(problems(DecisionText { action: "snooze".into(), until: String::new() }.read())[0].0, "until");
        assert_eq!(
            DeliveryText { outcome: "unclaimed".into(), date: "26/11/2026".into() }.read().unwrap(),
            Delivery::Unclaimed(day("2026-11-26"))
        );
        assert_eq!(
            DunningOptionsText {
                large_amount_threshold: "5 000 €".into(),
                default_payment_terms_days: " 45 ".into(),
                residual_tolerance: "1,50 €".into(),
            }
            .read()
            .unwrap(),
            DunningOptions {
                large_amount_threshold: dec("5000"),
                default_payment_terms_days: 45,
                residual_tolerance: dec("1.50")
            }
        );
        let options = EnvelopeText { offset_x_mm: "-1,5".into(), offset_y_mm: "3 mm".into() }.read().unwrap();
        assert_eq!((options.offset_x_mm, options.offset_y_mm), (dec("-1.5"), dec("3")));
        let plan = PlanText {
            count: "4".into(),
            first_date: "22/12/2026".into(),
            down_payment: "100,50".into(),
            hand_set: vec!["300".into(), String::new()],
            ..PlanText::default()
        }
        .read()
        .unwrap();
        assert_eq!(plan.count, Some(4));
        assert_eq!(plan.hand_set, [Some(dec("300")), None]);
        let plan = |count: &str, boxes: &[&str]| PlanText {
            count: count.into(),
            hand_set: boxes.iter().map(|text| text.to_string()).collect(),
            ..PlanText::default()
        };
        let refused = problems(plan("quatre", &["", "x"]).read());
        assert_eq!(refused.iter().map(|(field, _)| field.as_str()).collect::<Vec<_>>(), ["count", "hand_set"]);
        assert!(refused[1].1.starts_with("échéance 2 : "), "{refused:?}");
        assert_eq!(problems(plan("0", &[]).read())[0].1, "indiquez 1 échéance au moins.");
        // A box left from a longer schedule no longer counts, whatever it holds.
        assert_eq!(plan("1", &["", "x"]).read().unwrap().hand_set, [None]);
        let prices = PriceTableText {
            rows: vec![PriceRowText {
                valid_from: "01/01/2026".into(),
                r1: "5,50".into(),
                r2: "sept".into(),
                r3: "8".into(),
                receipt: "1,40".into(),
                to_confirm: false,
            }],
        };
        let refused = problems(prices.read());
        assert_eq!(refused.len(), 1);
        assert!(refused[0].1.starts_with("ligne 1 : montant illisible « sept »"), "{refused:?}");
    }
}
