//! The books a sole trader keeps every month (F13), pure: the periods a book covers, the livre des
//! recettes (one line per receipt in date order, a rejected payment as a line of its own so that a
//! period's lines add up to what was really received, totals by month and for the period, goods apart
//! from services and cash apart from the other means), a client's statement of account on a date (every
//! invoice, credit note, payment with what it settled, rejection and write-off, with the running
//! balance), and the rows of the accountant's export. The desk reads the rows from the ledger and hands
//! them in; nothing here reads a file, the clock or the ledger.
//!
//! The law behind the book (law-fr.md, product.md F13): C. com. L123-28 and D123-205-1 (amount and origin
//! of each receipt, cash apart from other means, references of the supporting documents), CGI 50-0 (BIC)
//! and 102 ter (BNC: the client's identity, the amount, date and form of payment).

use crate::domain::calendar::{format_long, format_month, format_short};
use crate::domain::model::{InvoiceRow, Nature, Payment, PaymentMethod};
use crate::domain::money::format_eur;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The longest period a book covers: ten years, a month's line each.
pub const MAX_PERIOD_MONTHS: u32 = 120;

/// The days a book covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The periods a user picks from, the last ones first: declarations are made for the month or the quarter
/// just ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodChoice {
    LastMonth,
    ThisMonth,
    LastQuarter,
    ThisQuarter,
    LastYear,
    ThisYear,
    /// Any days, typed.
    Custom,
}

/// A receipt as the book reads it: one payment, what each invoice received from it, and its rejection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub payment_id: i64,
    pub date: NaiveDate,
    /// The client as lists name it.
    pub client: String,
    pub amount: Decimal,
    pub method: PaymentMethod,
    pub reference: String,
    /// What each invoice received, with the invoice's nature.
    pub parts: Vec<ReceiptPart>,
    /// The nature of what no invoice received (an advance, an overpayment) when the invoices it paid do not
    /// share one: the client's default.
    pub rest_nature: Nature,
    pub rejected_on: Option<NaiveDate>,
    /// What the bank kept of it as its charges before crediting the account (zero mostly): the receipt is
    /// what the client paid, and its line says what the bank kept.
    pub bank_charges: Decimal,
}

/// The part of a receipt one invoice received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptPart {
    pub invoice: String,
    pub nature: Nature,
    pub amount: Decimal,
}

/// A line of the book: money received, or a received payment given back by the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Receipt,
    /// A bounced cheque or rejected direct debit, on the day of its rejection, for minus the payment.
    Rejection,
}

/// What a line received: goods, services, or both when its invoices differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineNature {
    Goods,
    Services,
    Mixed,
}

impl LineNature {
    /// « marchandises », « services », « mixte ».
    pub fn label(self) -> &'static str {
        match self {
            LineNature::Goods => Nature::Goods.label(),
            LineNature::Services => Nature::Services.label(),
            LineNature::Mixed => "mixte",
        }
    }
}

/// One line of the livre des recettes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookLine {
    /// The day the money was received (or given back, for a rejection).
    pub date: NaiveDate,
    pub kind: LineKind,
    pub payment_id: i64,
    /// The numbers of the invoices the payment settled: the supporting documents.
    pub invoices: Vec<String>,
    pub client: String,
    pub nature: LineNature,
    pub nature_label: &'static str,
    /// Received (negative for a rejection), split into goods and services.
    pub amount: Decimal,
    pub goods: Decimal,
    pub services: Decimal,
    pub method: PaymentMethod,
    pub method_label: &'static str,
    /// Received in cash: the book shows cash apart from the other means.
    pub cash: bool,
    pub reference: String,
    /// « rejeté le 29/10/2026 » on a receipt later rejected, « rejet du règlement du 23/10/2026 » on a
    /// rejection, « dont 5,00 € de frais retenus par la banque » on a receipt the bank took its charges
    /// from (the two joined by « ; »); empty otherwise.
    pub note: String,
}

/// What a set of lines adds up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookTotals {
    pub lines: usize,
    /// Really received: receipts less rejections.
    pub amount: Decimal,
    pub goods: Decimal,
    pub services: Decimal,
    pub cash: Decimal,
    /// Transfers, cheques, cards and direct debits.
    pub other_means: Decimal,
    /// Received by a means nobody gave (« non précisé »): neither cash nor the other means, since it may
    /// have been either.
    pub unspecified: Decimal,
}

/// The totals of one month of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthTotals {
    /// "2026-10".
    pub month: String,
    /// « octobre 2026 ».
    pub label: String,
    pub totals: BookTotals,
}

/// The livre des recettes of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptsBook {
    #[serde(flatten)]
    pub period: Period,
    /// « octobre 2026 », « 3e trimestre 2026 », « du 3 octobre 2026 au 15 novembre 2026 ».
    pub label: String,
    pub lines: Vec<BookLine>,
    /// Every month the period touches, in order, empty months included.
    pub months: Vec<MonthTotals>,
    pub totals: BookTotals,
}

/// What a statement entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Invoice,
    CreditNote,
    Payment,
    Rejection,
    WriteOff,
}

/// The part of a payment one invoice received, as a statement names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settled {
    pub invoice: String,
    pub amount: Decimal,
}

/// One entry of a statement of account, with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementEntry {
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// The invoice or credit note's number; a payment's reference (empty when it has none).
    pub reference: String,
    /// What the entry is, in French (« Facture F2026-001, échéance 12/10/2026 », « Règlement par chèque »).
    pub label: String,
    /// Why a payment was rejected, as the bank said; empty otherwise.
    pub note: String,
    /// What a payment settled, invoice by invoice.
    pub settled: Vec<Settled>,
    /// What a payment left in the client's favour.
    pub unallocated: Decimal,
    /// What the client owes more (an invoice, a rejected payment, a written-off credit note).
    pub debit: Decimal,
    /// What the client owes less (a credit note, a payment, a write-off).
    pub credit: Decimal,
    /// What the client owes after this entry (negative: in its favour).
    pub balance: Decimal,
}

/// A client's statement of account on a date: every entry up to it and the balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub as_of: NaiveDate,
    pub entries: Vec<StatementEntry>,
    pub total_debit: Decimal,
    pub total_credit: Decimal,
    /// What the client owes on the date, every credit set against its debts (negative: in its favour).
    pub balance: Decimal,
}

/// An invoice of the period, for the accountant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountantInvoice {
    pub invoice_id: i64,
    pub number: String,
    pub client: String,
    pub client_siren: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub nature: Nature,
    pub amount_excl_vat: Option<Decimal>,
    /// Including VAT; negative for a credit note.
    pub amount: Decimal,
    pub object: String,
    /// Settled by payments and credits at the end of the period.
    pub settled: Decimal,
    /// Still owed at the end of the period.
    pub remaining: Decimal,
    pub status_label: &'static str,
    pub written_off_on: Option<NaiveDate>,
}

/// A payment received or rejected in the period, for the accountant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountantPayment {
    pub payment_id: i64,
    pub date: NaiveDate,
    pub client: String,
    pub amount: Decimal,
    pub method: PaymentMethod,
    pub method_label: &'static str,
    pub reference: String,
    /// Allocated to invoices.
    pub allocated: Decimal,
    /// Left in the client's favour.
    pub unallocated: Decimal,
    pub rejected_on: Option<NaiveDate>,
    pub rejection_fees: Decimal,
    pub rejection_reason: String,
}

/// One invoice a payment of the period settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountantAllocation {
    pub payment_id: i64,
    pub payment_date: NaiveDate,
    pub client: String,
    pub invoice: String,
    pub invoice_issue_date: NaiveDate,
    pub amount: Decimal,
    pub rejected_on: Option<NaiveDate>,
}

/// An invoice written off in the period: the amount given up, on its date (which matters for VAT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WriteOff {
    pub date: NaiveDate,
    pub invoice: String,
    pub client: String,
    pub issue_date: NaiveDate,
    pub nature: Nature,
    pub amount_excl_vat: Option<Decimal>,
    pub amount: Decimal,
    /// Received on the invoice by the day it was written off.
    pub paid: Decimal,
    /// Covered by credits (credit notes, money received without allocation), as the invoice list sets them.
    pub credited: Decimal,
    /// Given up: what payments and credits left.
    pub written_off: Decimal,
}

/// The penalties a letter sent in the period claimed (its penalty annex, F4), as the PDF printed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimedPenalty {
    pub date: NaiveDate,
    pub letter_id: i64,
    /// The letter kind's title (« Mise en demeure »).
    pub letter: &'static str,
    pub client: String,
    pub invoices: Vec<String>,
    pub principal: Decimal,
    pub interest: Decimal,
    pub indemnity: Decimal,
    pub total: Decimal,
    /// True when the letter was printed before the ledger kept the figures each print states: they are
    /// then recomputed as of the day it was printed, from the ledger as it is now, and may differ from the
    /// paper (a payment dated before that day but recorded since, a rate entered later).
    pub recalculated: bool,
}

/// Everything an accountant asks for a period, one list per sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountantExport {
    #[serde(flatten)]
    pub period: Period,
    pub label: String,
    pub invoices: Vec<AccountantInvoice>,
    pub payments: Vec<AccountantPayment>,
    pub allocations: Vec<AccountantAllocation>,
    pub write_offs: Vec<WriteOff>,
    pub penalties: Vec<ClaimedPenalty>,
}

impl PeriodChoice {
    /// Every choice, in the order the window offers them.
    pub const ALL: [PeriodChoice; 7] = [
        PeriodChoice::LastMonth,
        PeriodChoice::ThisMonth,
        PeriodChoice::LastQuarter,
        PeriodChoice::ThisQuarter,
        PeriodChoice::LastYear,
        PeriodChoice::ThisYear,
        PeriodChoice::Custom,
    ];

    /// The French name, as a list shows it.
    pub fn label(self) -> &'static str {
        match self {
            PeriodChoice::LastMonth => "le mois dernier",
            PeriodChoice::ThisMonth => "ce mois-ci",
            PeriodChoice::LastQuarter => "le trimestre dernier",
            PeriodChoice::ThisQuarter => "ce trimestre",
            PeriodChoice::LastYear => "l'année dernière",
            PeriodChoice::ThisYear => "cette année",
            PeriodChoice::Custom => "une autre période",
        }
    }

    /// The period this choice names on `today`; None for a period typed by hand.
    pub fn period(self, today: NaiveDate) -> Option<Period> {
        let (year, month) = (today.year(), today.month());
        let quarter = (month - 1) / 3 + 1;
        Some(match self {
            PeriodChoice::ThisMonth => Period::month(year, month),
            PeriodChoice::LastMonth if month == 1 => Period::month(year - 1, 12),
            PeriodChoice::LastMonth => Period::month(year, month - 1),
            PeriodChoice::ThisQuarter => Period::quarter(year, quarter),
            PeriodChoice::LastQuarter if quarter == 1 => Period::quarter(year - 1, 4),
            PeriodChoice::LastQuarter => Period::quarter(year, quarter - 1),
            PeriodChoice::ThisYear => Period::year(year),
            PeriodChoice::LastYear => Period::year(year - 1),
            PeriodChoice::Custom => return None,
        })
    }
}

impl Period {
    /// The days from `from` to `to`, both included; refused, in French, when they run backwards or span
    /// more than ten years.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, String> {
        if to < from {
            return Err(format!(
                "la fin de la période ({}) précède son début ({}).",
                format_long(to),
                format_long(from)
            ));
        }
        let period = Period { from, to };
        if period.month_keys().len() > MAX_PERIOD_MONTHS as usize {
            return Err("la période dépasse dix ans : choisissez-en une plus courte.".into());
        }
        Ok(period)
    }

    /// A calendar month (1 to 12).
    pub fn month(year: i32, month: u32) -> Period {
        let from = first_of(year, month);
        Period { from, to: last_of_month(from) }
    }

    /// A calendar quarter (1 to 4).
    pub fn quarter(year: i32, quarter: u32) -> Period {
        let from = first_of(year, (quarter.clamp(1, 4) - 1) * 3 + 1);
        let to = last_of_month(from.checked_add_months(Months::new(2)).unwrap_or(from));
        Period { from, to }
    }

    /// A calendar year.
    pub fn year(year: i32) -> Period {
        Period { from: first_of(year, 1), to: first_of(year, 12).with_day(31).unwrap_or(first_of(year, 12)) }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The period as a reader names it: « octobre 2026 », « 1er trimestre 2026 », « année 2026 », else
    /// « du 3 octobre 2026 au 15 novembre 2026 ».
    pub fn label(&self) -> String {
        let (year, month) = (self.from.year(), self.from.month());
        if *self == Period::month(year, month) {
            return format_month(year, month);
        }
        if month % 3 == 1 && *self == Period::quarter(year, (month - 1) / 3 + 1) {
            let quarter = (month - 1) / 3 + 1;
            let rank = if quarter == 1 { "1er".to_string() } else { format!("{quarter}e") };
            return format!("{rank} trimestre {year}");
        }
        if *self == Period::year(year) {
            return format!("année {year}");
        }
        format!("du {} au {}", format_long(self.from), format_long(self.to))
    }

    /// The months the period touches, as (year, month), in order.
    pub fn month_keys(&self) -> Vec<(i32, u32)> {
        let mut months = Vec::new();
        let mut first = first_of(self.from.year(), self.from.month());
        while first <= self.to && months.len() <= MAX_PERIOD_MONTHS as usize {
            months.push((first.year(), first.month()));
            match first.checked_add_months(Months::new(1)) {
                Some(next) => first = next,
                None => break,
            }
        }
        months
    }
}

impl BookTotals {
    /// « espèces 240,00 €, autres moyens 1 000,00 € », then « , mode non précisé 200,00 € » when some
    /// was, each amount written by `eur`.
    pub fn means_split(&self, eur: fn(Decimal) -> String) -> String {
        let mut split = format!("espèces {}, autres moyens {}", eur(self.cash), eur(self.other_means));
        if !self.unspecified.is_zero() {
            split.push_str(&format!(", mode non précisé {}", eur(self.unspecified)));
        }
        split
    }

    fn empty() -> BookTotals {
        BookTotals {
            lines: 0,
            amount: cents(Decimal::ZERO),
            goods: cents(Decimal::ZERO),
            services: cents(Decimal::ZERO),
            cash: cents(Decimal::ZERO),
            other_means: cents(Decimal::ZERO),
            unspecified: cents(Decimal::ZERO),
        }
    }

    fn add(&mut self, line: &BookLine) {
        self.lines += 1;
        self.amount = cents(self.amount + line.amount);
        self.goods = cents(self.goods + line.goods);
        self.services = cents(self.services + line.services);
        if line.cash {
            self.cash = cents(self.cash + line.amount);
        } else if line.method.is_known() {
            self.other_means = cents(self.other_means + line.amount);
        } else {
            self.unspecified = cents(self.unspecified + line.amount);
        }
    }
}

/// The livre des recettes of `period`: a line on the day of each receipt, and a line for minus the
/// payment on the day of each rejection, in date order (receipts before rejections on the same day, then
/// by payment); totals by month and for the period.
pub fn receipts_book(receipts: &[Receipt], period: Period) -> ReceiptsBook {
    let mut lines = Vec::new();
    for receipt in receipts {
        if period.contains(receipt.date) {
            lines.push(receipt_line(receipt));
        }
        if let Some(rejected_on) = receipt.rejected_on.filter(|date| period.contains(*date)) {
            lines.push(rejection_line(receipt, rejected_on));
        }
    }
    lines.sort_by_key(|line| (line.date, line.kind == LineKind::Rejection, line.payment_id));
    let mut months: Vec<MonthTotals> = period
        .month_keys()
        .into_iter()
        .map(|(year, month)| MonthTotals {
            month: format!("{year:04}-{month:02}"),
            label: format_month(year, month),
            totals: BookTotals::empty(),
        })
        .collect();
    let mut totals = BookTotals::empty();
    for line in &lines {
        totals.add(line);
        let key = format!("{:04}-{:02}", line.date.year(), line.date.month());
        if let Some(month) = months.iter_mut().find(|month| month.month == key) {
            month.totals.add(line);
        }
    }
    ReceiptsBook { period, label: period.label(), lines, months, totals }
}

/// The line of a receipt on its day, its amount split by the natures of what it paid.
fn receipt_line(receipt: &Receipt) -> BookLine {
    let (goods, services) = split(receipt);
    let nature = match (goods.is_zero(), services.is_zero()) {
        (false, false) => LineNature::Mixed,
        (false, true) => LineNature::Goods,
        (true, false) => LineNature::Services,
        (true, true) => match receipt.rest_nature {
            Nature::Goods => LineNature::Goods,
            Nature::Services => LineNature::Services,
        },
    };
    let mut invoices: Vec<String> = Vec::new();
    for part in &receipt.parts {
        if !invoices.contains(&part.invoice) {
            invoices.push(part.invoice.clone());
        }
    }
    BookLine {
        date: receipt.date,
        kind: LineKind::Receipt,
        payment_id: receipt.payment_id,
        invoices,
        client: receipt.client.clone(),
        nature,
        nature_label: nature.label(),
        amount: cents(receipt.amount),
        goods: cents(goods),
        services: cents(services),
        method: receipt.method,
        method_label: receipt.method.label(),
        cash: receipt.method == PaymentMethod::Cash,
        reference: receipt.reference.clone(),
        note: receipt_note(receipt),
    }
}

/// What a receipt's line says besides its figures: the charges the bank kept of it, its rejection.
fn receipt_note(receipt: &Receipt) -> String {
    let mut said = Vec::new();
    if receipt.bank_charges > Decimal::ZERO {
        said.push(format!("dont {} de frais retenus par la banque", format_eur(receipt.bank_charges)));
    }
    if let Some(date) = receipt.rejected_on {
        said.push(format!("rejeté le {}", format_short(date)));
    }
    said.join(" ; ")
}

/// The line of a rejection on its day: minus the receipt, split as it was.
fn rejection_line(receipt: &Receipt, rejected_on: NaiveDate) -> BookLine {
    let line = receipt_line(receipt);
    BookLine {
        date: rejected_on,
        kind: LineKind::Rejection,
        amount: negated(line.amount),
        goods: negated(line.goods),
        services: negated(line.services),
        note: format!("rejet du règlement du {}", format_short(receipt.date)),
        ..line
    }
}

/// A receipt's goods and services: each invoice's part by its nature; what no invoice received (an
/// overpayment) by the nature of the invoices it paid when they all share one, else by the client's
/// default.
fn split(receipt: &Receipt) -> (Decimal, Decimal) {
    let mut goods = Decimal::ZERO;
    let mut services = Decimal::ZERO;
    let mut allocated = Decimal::ZERO;
    for part in &receipt.parts {
        allocated += part.amount;
        match part.nature {
            Nature::Goods => goods += part.amount,
            Nature::Services => services += part.amount,
        }
    }
    let rest = (receipt.amount - allocated).max(Decimal::ZERO);
    let paid_nature = receipt.parts.first().map(|part| part.nature);
    let shared = paid_nature.filter(|nature| receipt.parts.iter().all(|part| part.nature == *nature));
    match shared.unwrap_or(receipt.rest_nature) {
        Nature::Goods => goods += rest,
        Nature::Services => services += rest,
    }
    (goods, services)
}

/// A client's statement of account on `as_of`: its invoices and credit notes issued by then, its payments
/// made by then with what each settled, the rejections and write-offs of that time, in date order (on one
/// day: invoices, payments, rejections, write-offs), each with the balance after it. `invoices` are the
/// client's with what they received as of `as_of`, and `credited` what credits covered of each (the
/// invoice list's `credited`, by invoice id): a write-off gives up what payments and credits left.
pub fn statement(
    invoices: &[InvoiceRow],
    credited: &HashMap<i64, Decimal>,
    payments: &[Payment],
    as_of: NaiveDate,
) -> Statement {
    let numbers: HashMap<i64, &str> =
        invoices.iter().map(|row| (row.invoice.id, row.invoice.number.as_str())).collect();
    let number_of = |id: i64| numbers.get(&id).map_or_else(|| format!("n° {id}"), |number| number.to_string());
    // An invoice a corrected invoice of the client replaces (« annule et remplace »): the first replacement
    // issued by `as_of`, as `figures::settle` reads it.
    let by_number: HashMap<&str, &InvoiceRow> = invoices
        .iter()
        .filter(|row| row.invoice.amount > Decimal::ZERO && row.invoice.issue_date <= as_of)
        .map(|row| (row.invoice.number.as_str(), row))
        .collect();
    let mut replaced: HashMap<i64, &InvoiceRow> = HashMap::new();
    for replacement in
        invoices.iter().filter(|row| row.invoice.amount > Decimal::ZERO && row.invoice.issue_date <= as_of)
    {
        let Some(original) = replacement.invoice.corrects.as_deref().and_then(|number| by_number.get(number)) else {
            continue;
        };
        if original.invoice.id != replacement.invoice.id && original.invoice.client_id == replacement.invoice.client_id
        {
            let kept = replaced.entry(original.invoice.id).or_insert(replacement);
            if replacement.invoice.id < kept.invoice.id {
                *kept = replacement;
            }
        }
    }
    let mut entries: Vec<(StatementEntry, i64)> = Vec::new();
    let entry = |date, kind, reference: String, label: String, debit: Decimal, credit: Decimal| StatementEntry {
        date,
        kind,
        reference,
        label,
        note: String::new(),
        settled: Vec::new(),
        unallocated: cents(Decimal::ZERO),
        debit: cents(debit),
        credit: cents(credit),
        balance: Decimal::ZERO,
    };
    for row in invoices.iter().filter(|row| row.invoice.issue_date <= as_of) {
        let invoice = &row.invoice;
        let (kind, label, debit, credit) = if invoice.amount.is_sign_negative() {
            (EntryKind::CreditNote, format!("Avoir {}", invoice.number), Decimal::ZERO, -invoice.amount)
        } else {
            let label = format!("Facture {}, échéance {}", invoice.number, format_short(invoice.due_date));
            (EntryKind::Invoice, label, invoice.amount, Decimal::ZERO)
        };
        entries.push((entry(invoice.issue_date, kind, invoice.number.clone(), label, debit, credit), invoice.id));
        if let Some(replacement) = replaced.get(&invoice.id) {
            let label = format!(
                "Facture {} annulée et remplacée par la facture {}",
                invoice.number, replacement.invoice.number
            );
            let date = replacement.invoice.issue_date;
            let cancelled =
                entry(date, EntryKind::CreditNote, invoice.number.clone(), label, Decimal::ZERO, invoice.amount);
            entries.push((cancelled, invoice.id));
        }
        if let Some(date) = invoice.written_off_on.filter(|date| *date <= as_of) {
            let given_up = invoice.amount - row.paid - credited.get(&invoice.id).copied().unwrap_or_default();
            if !given_up.is_zero() {
                let label = format!("Abandon de créance, {} {}", kind_word(invoice.amount), invoice.number);
                let (debit, credit) =
                    if given_up.is_sign_negative() { (-given_up, Decimal::ZERO) } else { (Decimal::ZERO, given_up) };
                entries
                    .push((entry(date, EntryKind::WriteOff, invoice.number.clone(), label, debit, credit), invoice.id));
            }
        }
    }
    for payment in payments.iter().filter(|payment| payment.date <= as_of) {
        let mut label = format!("Règlement{}", payment.method.by_clause());
        if !payment.reference.trim().is_empty() {
            label.push_str(&format!(" ({})", payment.reference.trim()));
        }
        let mut received =
            entry(payment.date, EntryKind::Payment, payment.reference.clone(), label, Decimal::ZERO, payment.amount);
        received.settled = payment
            .allocations
            .iter()
            .map(|allocation| Settled { invoice: number_of(allocation.invoice_id), amount: cents(allocation.amount) })
            .collect();
        received.unallocated = cents(payment.unallocated());
        entries.push((received, payment.id));
        if let Some(rejection) = payment.rejection.as_ref().filter(|rejection| rejection.date <= as_of) {
            let label = format!("Rejet du règlement{} du {}", payment.method.by_clause(), format_short(payment.date));
            let mut rejected = entry(
                rejection.date,
                EntryKind::Rejection,
                payment.reference.clone(),
                label,
                payment.amount,
                Decimal::ZERO,
            );
            rejected.note = rejection.reason.trim().to_string();
            entries.push((rejected, payment.id));
        }
    }
    entries.sort_by_key(|(entry, id)| (entry.date, entry.kind, *id));
    let mut balance = Decimal::ZERO;
    let (mut total_debit, mut total_credit) = (Decimal::ZERO, Decimal::ZERO);
    let entries: Vec<StatementEntry> = entries
        .into_iter()
        .map(|(mut entry, _)| {
            balance += entry.debit - entry.credit;
            total_debit += entry.debit;
            total_credit += entry.credit;
            entry.balance = cents(balance);
            entry
        })
        .collect();
    Statement {
        as_of,
        entries,
        total_debit: cents(total_debit),
        total_credit: cents(total_credit),
        balance: cents(balance),
    }
}

/// « facture » or « avoir », as a write-off's label names what it gives up.
fn kind_word(amount: Decimal) -> &'static str {
    if amount.is_sign_negative() {
        "avoir"
    } else {
        "facture"
    }
}

/// An amount with two decimals, never « -0.00 »: what books print and JSON carries (the rule of
/// `money::cents`).
pub use crate::domain::money::cents;

/// Minus an amount, never « -0.00 ».
fn negated(amount: Decimal) -> Decimal {
    cents(-amount)
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month.clamp(1, 12), 1).unwrap_or(NaiveDate::MIN)
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    first.checked_add_months(Months::new(1)).and_then(|next| next.pred_opt()).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Allocation, Invoice, Rejection};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn eur(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_choices_name_the_months_quarters_and_years_around_today() {
        let check = |choice: PeriodChoice, today: &str, from: &str, to: &str, label: &str| {
            let period = choice.period(day(today)).unwrap();
            assert_eq!((period.from, period.to), (day(from), day(to)), "{choice:?} on {today}");
            assert_eq!(period.label(), label);
        };
        check(PeriodChoice::LastMonth, "2026-11-22", "2026-10-01", "2026-10-31", "octobre 2026");
        check(PeriodChoice::LastMonth, "2026-01-05", "2025-12-01", "2025-12-31", "décembre 2025");
        check(PeriodChoice::ThisMonth, "2024-02-10", "2024-02-01", "2024-02-29", "février 2024");
        check(PeriodChoice::LastQuarter, "2026-11-22", "2026-07-01", "2026-09-30", "3e trimestre 2026");
        check(PeriodChoice::LastQuarter, "2026-02-01", "2025-10-01", "2025-12-31", "4e trimestre 2025");
        check(PeriodChoice::ThisQuarter, "2026-03-31", "2026-01-01", "2026-03-31", "1er trimestre 2026");
        check(PeriodChoice::LastYear, "2026-11-22", "2025-01-01", "2025-12-31", "année 2025");
        check(PeriodChoice::ThisYear, "2026-11-22", "2026-01-01", "2026-12-31", "année 2026");
        assert_eq!(PeriodChoice::Custom.period(day("2026-11-22")), None);
        let any = Period::new(day("2026-10-03"), day("2026-11-15")).unwrap();
        assert_eq!(any.label(), "du 3 octobre 2026 au 15 novembre 2026");
        assert_eq!(any.month_keys(), vec![(2026, 10), (2026, 11)]);
        let backwards = Period::new(day("2026-11-15"), day("2026-10-03")).unwrap_err();
        assert!(backwards.contains("précède son début"), "{backwards}");
        assert!(Period::new(day("2000-01-01"), day("2026-01-01")).unwrap_err().contains("dix ans"));
    }

    fn receipt(id: i64, date: &str, amount: &str, method: PaymentMethod, parts: &[(&str, Nature, &str)]) -> Receipt {
        Receipt {
            payment_id: id,
            date: day(date),
            client: "Client".into(),
            amount: eur(amount),
            method,
            reference: String::new(),
            parts: parts
                .iter()
                .map(|(invoice, nature, amount)| ReceiptPart {
                    invoice: invoice.to_string(),
                    nature: *nature,
                    amount: eur(amount),
                })
                .collect(),
            rest_nature: Nature::Services,
            rejected_on: None,
            bank_charges: Decimal::ZERO,
        }
    }

    #[test]
    fn a_rejection_is_a_line_of_its_own_so_that_the_period_adds_up_to_what_was_received() {
        use Nature::*;
        let mut cheque = receipt(1, "2026-10-23", "1180.00", PaymentMethod::Cheque, &[("F1", Services, "1180.00")]);
        cheque.rejected_on = Some(day("2026-11-02"));
        let receipts = vec![
            cheque,
            receipt(2, "2026-10-12", "240.00", PaymentMethod::Cash, &[("F2", Goods, "240.00")]),
            receipt(
                3,
                "2026-10-23",
                "450.00",
                PaymentMethod::Transfer,
                &[("F3", Goods, "100.00"), ("F4", Services, "320.00")],
            ),
        ];
        let october = receipts_book(&receipts, Period::month(2026, 10));
        let amounts: Vec<(String, String)> =
            october.lines.iter().map(|l| (l.date.to_string(), l.amount.to_string())).collect();
        assert_eq!(
            amounts,
            [("2026-10-12", "240.00"), ("2026-10-23", "1180.00"), ("2026-10-23", "450.00")]
                .map(|(d, a)| (d.to_string(), a.to_string()))
        );
        assert_eq!(october.lines[1].note, "rejeté le 02/11/2026");
        let mixed = &october.lines[2];
        assert_eq!((mixed.nature, mixed.goods, mixed.services), (LineNature::Mixed, eur("100.00"), eur("350.00")));
        let totals = &october.totals;
        assert_eq!(
            (totals.amount, totals.goods, totals.services, totals.cash, totals.other_means),
            (eur("1870.00"), eur("340.00"), eur("1530.00"), eur("240.00"), eur("1630.00"))
        );
        let november = receipts_book(&receipts, Period::month(2026, 11));
        assert_eq!(november.lines.len(), 1);
        let rejection = &november.lines[0];
        assert_eq!(
            (rejection.kind, rejection.amount, rejection.services),
            (LineKind::Rejection, eur("-1180.00"), eur("-1180.00"))
        );
        assert_eq!(rejection.goods.to_string(), "0.00", "no negative zero");
        assert_eq!(rejection.note, "rejet du règlement du 23/10/2026");
        let both = receipts_book(&receipts, Period::new(day("2026-10-01"), day("2026-11-30")).unwrap());
        assert_eq!(both.totals.amount, eur("690.00"), "what was really received");
        assert_eq!(both.months.iter().map(|m| m.totals.amount).collect::<Vec<_>>(), [eur("1870.00"), eur("-1180.00")]);
    }

    #[test]
    fn an_empty_period_gives_an_empty_book_with_every_month() {
        let book = receipts_book(&[], Period::quarter(2026, 3));
        assert!(book.lines.is_empty());
        assert_eq!(
            book.months.iter().map(|m| m.label.as_str()).collect::<Vec<_>>(),
            ["juillet 2026", "août 2026", "septembre 2026"]
        );
        assert_eq!(book.totals.amount.to_string(), "0.00");
    }

    fn invoice(id: i64, number: &str, issued: &str, amount: &str, paid: &str) -> InvoiceRow {
        InvoiceRow {
            invoice: Invoice {
                id,
                number: number.into(),
                client_id: 1,
                issue_date: day(issued),
                due_date: day(issued) + chrono::Days::new(30),
                amount: eur(amount),
                amount_excl_vat: None,
                object: String::new(),
                penalty_rate: None,
                written_off_on: None,
                payment_terms: None,
                nature: None,
                corrects: None,
                document: None,
                source: "typed".into(),
            },
            paid: eur(paid),
        }
    }

    fn payment(id: i64, date: &str, amount: &str, method: PaymentMethod, allocations: &[(i64, &str)]) -> Payment {
        Payment {
            id,
            client_id: 1,
            date: day(date),
            amount: eur(amount),
            method,
            reference: String::new(),
            allocations: allocations
                .iter()
                .map(|(id, amount)| Allocation { invoice_id: *id, amount: eur(amount) })
                .collect(),
            rejection: None,
        }
    }

    #[test]
    fn a_statement_lists_every_entry_with_the_running_balance() {
        let mut written_off = invoice(3, "F3", "2026-07-01", "300.00", "100.00");
        written_off.invoice.written_off_on = Some(day("2026-10-01"));
        let invoices = vec![
            invoice(1, "F1", "2026-08-01", "1000.00", "600.00"),
            invoice(2, "A1", "2026-08-15", "-50.00", "0"),
            written_off,
            invoice(4, "F4", "2026-12-01", "999.00", "0"),
        ];
        let mut bounced = payment(11, "2026-09-05", "400.00", PaymentMethod::Cheque, &[(1, "400.00")]);
        bounced.rejection =
            Some(Rejection { date: day("2026-09-12"), fees: eur("15"), reason: "sans provision".into() });
        let payments = vec![
            payment(10, "2026-07-20", "100.00", PaymentMethod::Transfer, &[(3, "100.00")]),
            bounced,
            payment(12, "2026-09-30", "630.00", PaymentMethod::Transfer, &[(1, "600.00")]),
        ];
        let statement = statement(&invoices, &HashMap::new(), &payments, day("2026-11-22"));
        let rows: Vec<(String, EntryKind, String, String, String)> = statement
            .entries
            .iter()
            .map(|e| (e.date.to_string(), e.kind, e.debit.to_string(), e.credit.to_string(), e.balance.to_string()))
            .collect();
        let expected = [
            ("2026-07-01", EntryKind::Invoice, "300.00", "0.00", "300.00"),
            ("2026-07-20", EntryKind::Payment, "0.00", "100.00", "200.00"),
            ("2026-08-01", EntryKind::Invoice, "1000.00", "0.00", "1200.00"),
            ("2026-08-15", EntryKind::CreditNote, "0.00", "50.00", "1150.00"),
            ("2026-09-05", EntryKind::Payment, "0.00", "400.00", "750.00"),
            ("2026-09-12", EntryKind::Rejection, "400.00", "0.00", "1150.00"),
            ("2026-09-30", EntryKind::Payment, "0.00", "630.00", "520.00"),
            ("2026-10-01", EntryKind::WriteOff, "0.00", "200.00", "320.00"),
        ];
        assert_eq!(
            rows,
            expected.map(|(d, k, de, cr, b)| (d.to_string(), k, de.to_string(), cr.to_string(), b.to_string()))
        );
        // Owed on F1: 400, less the credit note (50) and the 30 left unallocated: 320.
        assert_eq!(statement.balance, eur("320.00"));
        assert_eq!(statement.total_debit - statement.total_credit, statement.balance);
        let last_payment = &statement.entries[6];
        assert_eq!(last_payment.settled, vec![Settled { invoice: "F1".into(), amount: eur("600.00") }]);
        assert_eq!(last_payment.unallocated, eur("30.00"));
        assert_eq!(statement.entries[5].label, "Rejet du règlement par chèque du 05/09/2026");
        assert_eq!(statement.entries[5].note, "sans provision");
    }
}
