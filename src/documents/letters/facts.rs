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
    /// The numbers of the letter's invoices a dispute in force covers on `date`: a letter asking their
    /// payment is warned of it.
    pub disputed: Vec<String>,
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
    /// The installment a signed plan missed, and the balance the déchéance du terme makes due (the
    /// missed-installment letter); None for other kinds, or when no signed plan missed one.
    pub missed: Option<MissedInstallmentFacts>,
    pub procedure: ProcedureFacts,
    /// The ledger's letter id, when the letter is stored (references line).
    pub letter_id: Option<i64>,
    /// The letters already sent to the client about these invoices (or about none in particular), oldest
    /// first.
    pub previous_letters: Vec<SentLetterFacts>,
    /// Those of them that are reminders (`SentLetterFacts::reminder`): what « malgré mes relances » may
    /// claim. Empty for a first letter.
    pub reminders: Vec<SentLetterFacts>,
    /// The day the last mise en demeure about these invoices was sent, if one was.
    pub formal_notice_sent_on: Option<NaiveDate>,
    /// Facts the letter depends on that the ledger lacks (a half-year's rate, what the user must confirm):
    /// the letter cannot be printed until they are given.
    pub missing: Vec<MissingFact>,
    /// The statement of account on `date`, for the kinds whose annex it is (`Annex::Statement`).
    pub statement: Option<StatementFacts>,
}

/// A letter sent before this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentLetterFacts {
    pub kind: LetterKind,
    /// Its French title (« Relance ferme »).
    pub title: String,
    pub sent_on: NaiveDate,
    /// True for a letter of the dunning ladder or a grouped statement: a reminder (« relance »).
    pub reminder: bool,
    /// The invoices it was about (empty: the account as a whole).
    pub invoice_ids: Vec<i64>,
}

impl SentLetterFacts {
    /// A sent letter of `kind`; a reminder when the kind is a step of the ladder past the pré-relance, a
    /// grouped statement or a broken-promise letter.
    pub fn new(kind: LetterKind, sent_on: NaiveDate, invoice_ids: Vec<i64>) -> SentLetterFacts {
        let reminder = kind.ladder_rank().is_some_and(|rank| rank >= 1)
            || matches!(kind, LetterKind::GroupedStatement | LetterKind::BrokenPromise);
        SentLetterFacts { kind, title: kind.title().to_string(), sent_on, reminder, invoice_ids }
    }
}

/// A fact a letter needs and the ledger lacks, with where the user gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingFact {
    /// `missing_rate`, `addressed_as`, `claim_statement`, `invoices_paid`, `not_due`, `rejection`, `promise`,
    /// `collective_procedure`…
    pub code: String,
    /// What it is about: the half-year (« 2026-S2 »), else empty.
    pub subject: String,
    /// In French: what is missing, why it matters and where to give it.
    pub message: String,
}

impl LetterFacts {
    /// True when a reminder (a letter of the ladder, a grouped statement) was sent before this letter.
    pub fn reminded(&self) -> bool {
        !self.reminders.is_empty()
    }
}

/// A statement of account as a letter states it: every entry up to the letter's date, the balance, and
/// which way it leans (templates cannot compare amounts, which they receive as text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementFacts {
    #[serde(flatten)]
    pub statement: crate::domain::books::Statement,
    /// The balance without its sign, as the letter writes it.
    pub balance_abs: Decimal,
    /// True when the client owes something on the date.
    pub owed: bool,
    /// True when the balance is in the client's favour.
    pub in_credit: bool,
}

impl StatementFacts {
    pub fn of(statement: crate::domain::books::Statement) -> StatementFacts {
        let balance = statement.balance;
        StatementFacts {
            balance_abs: balance.abs(),
            owed: balance > Decimal::ZERO,
            in_credit: balance < Decimal::ZERO,
            statement,
        }
    }
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
    /// How the trader is addressed: « madame », « monsieur », « company », or empty until the profile
    /// says. The templates' `v()` function agrees the sender's words with it.
    pub addressed_as: String,
    /// The letters speak in the first person plural (« nous »): the trader writes as a business.
    pub plural: bool,
    /// The sender's words agree in the feminine.
    pub feminine: bool,
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
    /// "12,15 %", or « [taux à saisir] » when the semester's rate is not in the table (the letter then
    /// lacks a fact and is not printed; its preview shows the blank).
    pub rate: String,
    pub base: Decimal,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentFacts {
    pub date: NaiveDate,
    pub amount: Decimal,
    /// "virement", "chèque"…, « non précisé » when nobody said how.
    pub method: String,
    /// False when the method is not known: a sentence then says « votre règlement », never « par … ».
    pub method_known: bool,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectionFacts {
    pub payment_date: NaiveDate,
    pub amount: Decimal,
    pub method: String,
    /// As in [`PaymentFacts::method_known`].
    pub method_known: bool,
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
    /// The day the fees are counted to (« arrêtés au »): the letter's date for the plan it proposes, the
    /// drafting day for a stored plan (its fees were computed then, and the debtor signs for them).
    pub fees_on: NaiveDate,
    pub total: Decimal,
    /// Paid at signature, before the installments; None when there is none.
    pub down_payment: Option<Decimal>,
    /// The words after "versements": "mensuels", "hebdomadaires", "espacés de deux semaines".
    pub rhythm: String,
    pub installments: Vec<InstallmentFacts>,
}

/// The first installment of a signed plan left unpaid past its date, and what the plan's déchéance du
/// terme makes due: what its invoices still owe (principal) and the fees the debtor signed for, as far as
/// the payments since the signature left them unpaid (`domain::plans::track`, the plan list's figures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissedInstallmentFacts {
    pub plan_id: i64,
    pub signed_on: NaiveDate,
    /// 0 for the down payment due at signature, then 1, 2…
    pub sequence: u32,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    /// True when part of it was paid; `unpaid` is what is missing of it.
    pub partly_paid: bool,
    pub unpaid: Decimal,
    /// Principal plus fees: the balance now due.
    pub balance: Decimal,
    pub principal: Decimal,
    /// The fees still owed on the plan; None when it carries none (or they are paid).
    pub fees: Option<Decimal>,
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
    /// What the user confirmed when drafting the déclaration de créance (amounts to fall due,
    /// securities), None until confirmed: the letter states only that.
    pub statement: Option<ClaimStatementFacts>,
}

/// What the user confirmed about the declared claim; an empty text is « none ».
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClaimStatementFacts {
    pub to_fall_due: String,
    pub securities: String,
    pub confirmed_on: Option<NaiveDate>,
}
