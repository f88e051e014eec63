//! The facts of one letter: who writes, to whom, about which invoices, for how much, as of which date.
//! Templates read nothing else; the PDF lays out the same facts (address block, annex tables).

use crate::domain::letter_kind::{Dispatch, LetterKind};
use crate::domain::model::{ClientKind, Segment};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// Everything a template may use. Amounts serialise as decimal strings, dates as ISO strings; the
/// templates format them with the `eur` and `date_long` filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterFacts {
    pub kind: LetterKind,
    /// The kind's French title ("Mise en demeure").
    pub title: String,
    /// Empty, or "with_fees" for the plan proposal that adds the penalties to the schedule.
    pub variant: String,
    pub dispatch: Dispatch,
    /// True when the letter is registered (LRAR): the page prints its line and number.
    pub registered: bool,
    /// The LRAR number when known, empty otherwise (a blank is printed to write it by hand).
    pub tracking_number: String,
    /// The date printed after the town ("Lyon, le 22 novembre 2026").
    pub date: NaiveDate,
    pub sender: Sender,
    pub client: Recipient,
    /// The invoices the letter is about, oldest due date first.
    pub invoices: Vec<InvoiceFacts>,
    /// The copies of those invoices the letter encloses: only invoices whose document is kept beside the
    /// ledger and intact, and only for the kinds that enclose them (`Annex::InvoiceCopies`). Listed among
    /// the enclosures; never an enclosure there is no file for.
    pub documents: Vec<DocumentFacts>,
    /// Sum of the invoices' amounts including VAT.
    pub total_amount: Decimal,
    /// Sum of what remains to pay on them.
    pub total_remaining: Decimal,
    /// True when nothing remains to pay on the letter's invoices.
    pub fully_paid: bool,
    /// The penalty breakdown (F4) as of `date`; interest and indemnity are zero where the law gives none.
    pub breakdown: BreakdownFacts,
    /// The deadline the letter sets (its kind's, `domain::letter_kind`), printed by the templates.
    pub deadline: Option<DeadlineFacts>,
    /// The last payment received (partial payment, thanks), if any.
    pub payment: Option<PaymentFacts>,
    /// The last rejected payment, if any.
    pub rejection: Option<RejectionFacts>,
    /// The last promise to pay, if any.
    pub promise: Option<PromiseFacts>,
    /// The payment plan proposed or agreed (plan proposal, missed installment).
    pub plan: PlanFacts,
    pub procedure: ProcedureFacts,
    /// The ledger's letter id, when the letter is stored (references line).
    pub letter_id: Option<i64>,
}

/// The deadline a letter gives the debtor: `days` counted from the receipt or from the letter's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineFacts {
    pub days: u32,
    /// The number of days in French words ("huit"), for « dans les huit jours ».
    pub in_words: String,
    /// True when the deadline counts from the day the letter reached the debtor.
    pub from_receipt: bool,
}

impl DeadlineFacts {
    /// The deadline of a kind, as a template prints it.
    pub fn of(kind: LetterKind) -> Option<DeadlineFacts> {
        kind.deadline().map(|deadline| DeadlineFacts {
            days: deadline.days,
            in_words: crate::domain::calendar::number_in_words(deadline.days),
            from_receipt: deadline.from == crate::domain::letter_kind::DeadlineStart::Receipt,
        })
    }
}

/// The sender, with the mentions French law asks on professional letters (law-fr.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sender {
    /// "Prénom NOM EI".
    pub legal_name: String,
    pub trade_name: String,
    pub address_lines: Vec<String>,
    pub siren_siret: String,
    /// "RCS Lyon" or "RM 123 456 789".
    pub registry: String,
    /// "TVA non applicable, art. 293 B du CGI" or "TVA intracommunautaire : FR…", empty if neither.
    pub vat_line: String,
    pub phone: String,
    pub email: String,
    pub iban: String,
    pub bic: String,
    pub town: String,
}

/// The client the letter goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    pub id: i64,
    /// The name heading the address: the company, or "Mme Anne MARTIN".
    pub name: String,
    /// The last name or the company in capitals, for the file name ("DUPONT").
    pub short_name: String,
    pub kind: ClientKind,
    /// True for a professional debtor: penalties of L441-10 and the 40 € indemnity apply.
    pub b2b: bool,
    pub segment: Segment,
    pub contact_person: String,
    /// "Madame, Monsieur," or "Madame Martin," — the salutation opening the body.
    pub salutation: String,
    /// NF Z10-011 lines, name first (the mandataire's, for a déclaration de créance).
    pub address_lines: Vec<String>,
    /// The NF Z10-011 rules those lines break; a letter is not printed while there is one.
    pub address_problems: Vec<crate::domain::address::AddressProblem>,
    pub email: String,
}

/// One invoice concerned, on the letter's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceFacts {
    pub id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub object: String,
    pub amount: Decimal,
    pub paid: Decimal,
    pub remaining: Decimal,
    pub days_late: i64,
}

/// A copy of an invoice enclosed with the letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentFacts {
    pub invoice_id: i64,
    pub number: String,
    /// How the enclosures line names it: « facture F2026-068 ».
    pub label: String,
}

impl DocumentFacts {
    pub fn of(invoice: &InvoiceFacts) -> DocumentFacts {
        DocumentFacts {
            invoice_id: invoice.id,
            number: invoice.number.clone(),
            label: format!("facture {}", invoice.number),
        }
    }
}

/// The F4 breakdown as the letters print it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BreakdownFacts {
    pub principal: Decimal,
    pub interest: Decimal,
    pub indemnity: Decimal,
    pub total: Decimal,
    /// Number of late invoices the 40 € indemnity is claimed for.
    pub indemnity_count: i64,
    pub periods: Vec<PeriodFacts>,
}

/// One interest period: an invoice, a half-year, its rate and days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodFacts {
    pub number: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    /// "12,15 %", or "taux manquant" when the semester's rate is not in the table.
    pub rate: String,
    pub base: Decimal,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentFacts {
    pub date: NaiveDate,
    pub amount: Decimal,
    /// "virement", "chèque"…
    pub method: String,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectionFacts {
    pub payment_date: NaiveDate,
    pub amount: Decimal,
    pub method: String,
    pub reference: String,
    pub date: NaiveDate,
    pub fees: Decimal,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseFacts {
    pub date: NaiveDate,
    pub until: Option<NaiveDate>,
    pub amount: Option<Decimal>,
}

/// A payment plan: installments that settle `total` (the remaining balance, plus `fees` when the plan
/// carries the penalties).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanFacts {
    pub fees: Decimal,
    pub total: Decimal,
    /// Paid at signature, before the installments; None when there is none.
    pub down_payment: Option<Decimal>,
    /// The words after "versements": "mensuels", "hebdomadaires", "espacés de deux semaines".
    pub rhythm: String,
    pub installments: Vec<InstallmentFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstallmentFacts {
    pub sequence: i64,
    pub due_date: NaiveDate,
    pub amount: Decimal,
}

/// The client's collective procedure, for the déclaration de créance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProcedureFacts {
    pub opening_date: Option<NaiveDate>,
    pub bodacc_date: Option<NaiveDate>,
    /// Two months after the BODACC publication (C. com. R622-24).
    pub declaration_deadline: Option<NaiveDate>,
    pub mandataire_name: String,
    pub mandataire_address: String,
}
