//! Bank statements as both shells use them (F11): read a statement, set aside what cannot pay an invoice
//! (debits, pending and reversed lines, lines imported before), match every other credit to the invoices
//! and installments it pays (the preview), then record what the user confirmed in one unit: payments dated
//! as on the statement, the bank's label as their reference, the method guessed from it, allocated as
//! matched or as the user split them; the IBANs learned; the CSV mapping remembered. Also the history,
//! the undo of the last statement, and the letters drafted but not sent that a payment made pointless.
//!
//! Reading is `import::bank`, matching `domain::matching`, storage `ledger/bank.rs`; nothing is written
//! before the user confirms, and a statement imported again records nothing twice.

use crate::desk::{FieldErrors, Ledger, Result};
use crate::domain::calendar::format_short;
use crate::domain::matching::{self, ClientIdentity, CreditMatch, InstallmentPaid, OpenInstallment};
use crate::domain::model::{Allocation, PaymentMethod};
use crate::domain::money::{cents, format_eur_ascii};
use crate::domain::plans::InstallmentState;
use crate::import::bank::{read_statement, CsvOptions, Direction, LineStatus, Statement, StatementLine};
pub use crate::import::bank::{Balance, BankField, BankMapping, CsvLayout, LineProblem, StatementFormat};
use crate::ledger::{BankCommit, CommitLine, CommitPayment};
pub use crate::ledger::{BankImportRecord, LetterToCheck};
use chrono::NaiveDate;
pub use matching::Confidence;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A statement to import and how to read it.
#[derive(Debug, Clone, Copy)]
pub struct BankRequest<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// The user's mapping of a CSV's columns; the remembered or detected one when None.
    pub mapping: Option<&'a BankMapping>,
    /// The day plan installments are tracked on (the shells' clock).
    pub today: NaiveDate,
    /// The SHA-256 the preview showed: a file changed since is refused rather than imported unseen.
    pub expected_sha256: Option<&'a str>,
}

/// What the user decided for one credit of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Recorded as the matcher proposes.
    AsMatched,
    /// Recorded as split by hand: invoices by number, with the part each gets. A rest goes to the client
    /// in credit when every part is one client's.
    Split(Vec<SplitPart>),
    /// Not a payment of an invoice: kept as decided, never offered again.
    LeaveOut,
    /// Not now: nothing kept, offered again by the next statement that holds it.
    Later,
}

/// One invoice of a split typed by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPart {
    /// The invoice's number as typed.
    pub invoice: String,
    pub amount: Decimal,
}

/// Which matches the command line records with `--accept`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    None,
    Sure,
    /// The sure and the probable ones.
    Probable,
}

/// What happens to a credit: proposed in the preview, done in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineDecision {
    Record,
    LeaveOut,
    Later,
}

impl LineDecision {
    /// « à enregistrer », « laissé de côté », « à traiter plus tard ».
    pub fn label(self) -> &'static str {
        match self {
            LineDecision::Record => "à enregistrer",
            LineDecision::LeaveOut => "laissé de côté",
            LineDecision::Later => "à traiter plus tard",
        }
    }
}

/// A statement read and matched: what « Confirmer » would record.
#[derive(Debug, Clone, Serialize)]
pub struct BankPreview {
    pub file_name: String,
    pub sha256: String,
    pub format: StatementFormat,
    pub format_label: &'static str,
    /// The bank recognised from a CSV layout, or the CAMT version.
    pub layout: Option<String>,
    /// The account the statement covers, '' when it does not say; the accounts of a file of several,
    /// separated by « , ».
    pub account: String,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub opening_balance: Option<Balance>,
    pub closing_balance: Option<Balance>,
    /// Every line read.
    pub lines: usize,
    /// The booked credits not imported before, each with its match, in statement order.
    pub credits: Vec<CreditView>,
    pub set_aside: SetAside,
    /// How many lines were set aside (debits, pending, reversed, already imported).
    pub ignored: usize,
    /// Lines that could not be read, each with where and why.
    pub problems: Vec<LineProblem>,
    /// French sentences: a file imported before, a statement overlapping one read in another format.
    pub warnings: Vec<String>,
    pub sure: usize,
    pub probable: usize,
    pub unmatched: usize,
    /// For a CSV: the header cells, the mapping used and the key it is remembered under.
    pub csv: Option<CsvLayout>,
    /// Every field a CSV column may hold, with its French name, for correcting the mapping.
    pub fields: Vec<(BankField, &'static str)>,
}

/// Lines that cannot pay an invoice, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SetAside {
    pub debits: usize,
    pub debit_total: Decimal,
    pub pending: usize,
    pub reversed: usize,
    pub already_imported: usize,
}

impl SetAside {
    pub fn total(&self) -> usize {
        self.debits + self.pending + self.reversed + self.already_imported
    }
}

/// One credit of the statement with what it pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditView {
    /// Where it is in the file (`StatementLine::position`); decisions name it.
    pub line: usize,
    pub date: NaiveDate,
    pub value_date: Option<NaiveDate>,
    /// What the payer paid, what the credit settles and its payment records: the amount booked, plus the
    /// charges the bank kept from it (`bank_charges`).
    pub amount: Decimal,
    /// What the account was credited with, as the statement shows it.
    pub booked_amount: Decimal,
    /// What the bank kept of the payer's money as its charges (a CAMT `Chrgs`); zero mostly.
    pub bank_charges: Decimal,
    pub label: String,
    pub details: String,
    pub counterparty_name: Option<String>,
    pub counterparty_iban: Option<String>,
    /// The account of the statement it was read from ('' when the file does not say): in a file of several
    /// accounts, the one it was credited to.
    pub account: String,
    pub confidence: Confidence,
    pub confidence_label: &'static str,
    /// French, e.g. « n° de facture F2026-068 dans le libellé ».
    pub reasons: Vec<String>,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    /// The invoices it pays and the part each gets.
    pub invoices: Vec<CreditInvoice>,
    pub installment: Option<InstallmentPaid>,
    /// What stays in the client's favour (an overpayment), or the whole credit when nothing matched.
    pub unallocated: Decimal,
    /// The method the payment would be recorded with, guessed from the label.
    pub method: PaymentMethod,
    /// Set when the same money may have been imported from another format of statement.
    pub possible_duplicate: Option<String>,
    /// Proposed in the preview; done in a report.
    pub decision: LineDecision,
}

/// An invoice a credit pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditInvoice {
    pub invoice_id: i64,
    pub number: String,
    pub client_id: i64,
    pub client_name: String,
    /// The part of the credit it gets.
    pub amount: Decimal,
    /// What it owed before this statement.
    pub remaining: Decimal,
}

/// What the command line prints and the window shows after « Confirmer ».
#[derive(Debug, Clone, Serialize)]
pub struct BankReport {
    #[serde(flatten)]
    pub preview: BankPreview,
    /// Payments written (a credit split over two clients is two payments).
    pub recorded: usize,
    /// Credits recorded, and what their payers paid (the payments recorded).
    pub recorded_credits: usize,
    pub recorded_amount: Decimal,
    /// What the bank kept of the recorded credits as its charges: the account received `recorded_amount`
    /// less this.
    pub recorded_charges: Decimal,
    pub left_out: usize,
    /// The history record when something was written.
    pub import: Option<BankImportRecord>,
    /// Letters drafted or printed but not sent whose invoices are now paid: not to be sent as they are.
    pub letters_to_check: Vec<LetterFlag>,
    /// The clients paid by this statement, with what they now owe.
    pub balances: Vec<ClientBalance>,
}

/// A client paid by the statement, and its account after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientBalance {
    pub client_id: i64,
    pub name: String,
    /// What this statement recorded for the client.
    pub received: Decimal,
    /// What the client owes now, and how much of it is overdue, on the request's day.
    pub balance: Decimal,
    pub overdue: Decimal,
}

/// A letter a payment made pointless, as the user reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterFlag {
    pub letter_id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub kind: crate::domain::letter_kind::LetterKind,
    pub title: &'static str,
    pub status: String,
    pub drafted_on: NaiveDate,
    pub paid_invoices: Vec<String>,
    /// « La mise en demeure préparée le 20/11/2026 pour Garage du Centre vise la facture F2026-068, réglée
    /// par ce relevé : ne l'envoyez pas. »
    pub message: String,
}

/// A split while the user types it: each invoice found, what it owes, and what is left of the credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditSplitView {
    pub rows: Vec<CreditSplitRow>,
    /// The credit's amount.
    pub amount: Decimal,
    /// What the readable parts add up to.
    pub allocated: Decimal,
    /// What stays in the client's favour (positive) or is allocated too much (negative).
    pub rest: Decimal,
    /// The clients the parts go to, in order.
    pub clients: Vec<CreditSplitClient>,
    /// French, when the split cannot be recorded as it is; empty when it can.
    pub problems: Vec<String>,
}

/// One part of a split as the core reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditSplitRow {
    /// As typed.
    pub invoice: String,
    pub invoice_id: Option<i64>,
    pub number: Option<String>,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    /// What the invoice still owes (before this statement).
    pub remaining: Option<Decimal>,
    /// The part, None when it cannot be read.
    pub amount: Option<Decimal>,
    pub problem: Option<String>,
}

/// A client a split pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditSplitClient {
    pub client_id: i64,
    pub name: String,
    pub amount: Decimal,
}

/// Reads a statement from disk: its name (without folders) and its bytes, with the import's messages.
pub fn read_file(path: &std::path::Path) -> Result<(String, Vec<u8>)> {
    crate::desk::import::read_file(path)
}

/// Reads and matches a statement: the preview. Nothing is written.
pub fn preview(ledger: &Ledger, request: &BankRequest<'_>) -> Result<BankPreview> {
    let prepared = prepare(ledger, request)?;
    Ok(prepared.view(&proposed(&prepared, Accept::Probable)))
}

/// Reads and matches a statement, then records the credits the user decided on, as one unit. Credits not
/// named are left for later. Refused as a whole, with every problem by line (`line-<position>`), when a
/// decision cannot be recorded.
pub fn confirm(ledger: &mut Ledger, request: &BankRequest<'_>, decisions: &[(usize, Decision)]) -> Result<BankReport> {
    let prepared = prepare(ledger, request)?;
    let mut chosen: Vec<Decision> = vec![Decision::Later; prepared.matches.len()];
    let mut errors = FieldErrors::default();
    for (line, decision) in decisions {
        match prepared.credits.iter().position(|&index| prepared.statement.lines[index].position == *line) {
            Some(at) => chosen[at] = decision.clone(),
            None => errors.add(
                &line_field(*line),
                format!("Ligne {line} : ce n'est pas un crédit à rapprocher de ce relevé (déjà importé, débit ou ligne absente)."),
            ),
        }
    }
    errors.into_result()?;
    record(ledger, prepared, chosen)
}

/// What the command line does: reads and matches, then unless `dry_run` records the matches `accept`
/// takes (the sure ones, or the sure and probable ones; never a possible duplicate), the others left for
/// later.
pub fn import_statement(
    ledger: &mut Ledger,
    request: &BankRequest<'_>,
    accept: Accept,
    dry_run: bool,
) -> Result<BankReport> {
    let prepared = prepare(ledger, request)?;
    let accept = if dry_run { Accept::None } else { accept };
    let chosen: Vec<Decision> = proposed(&prepared, accept)
        .into_iter()
        .map(|decision| if decision == LineDecision::Record { Decision::AsMatched } else { Decision::Later })
        .collect();
    record(ledger, prepared, chosen)
}

/// A split as typed, read against the ledger: for the window's correction of a credit.
/// What each invoice owes is the invoice list's on `today`.
pub fn split_view(
    ledger: &Ledger,
    amount: Decimal,
    parts: &[(String, Option<Decimal>)],
    today: NaiveDate,
) -> Result<CreditSplitView> {
    let names = client_names(&ledger.bank_clients()?);
    let open = OpenInvoices::new(open_invoices(ledger, today)?.0);
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashSet<i64> = HashSet::new();
    let mut clients: Vec<CreditSplitClient> = Vec::new();
    for (typed, part) in parts {
        let mut row = CreditSplitRow {
            invoice: typed.clone(),
            invoice_id: None,
            number: None,
            client_id: None,
            client_name: None,
            remaining: None,
            amount: *part,
            problem: None,
        };
        match open.find(ledger, typed)? {
            Ok(index) => {
                let invoice = &open.list[index];
                row.invoice_id = Some(invoice.id);
                row.number = Some(invoice.number.clone());
                row.client_id = Some(invoice.client_id);
                row.client_name = names.get(&invoice.client_id).cloned();
                row.remaining = Some(invoice.due);
                if !seen.insert(invoice.id) {
                    row.problem = Some("cette facture figure deux fois.".to_string());
                } else if let Some(part) = part {
                    if *part > invoice.due {
                        row.problem = Some(format!(
                            "la part ({}) dépasse ce qui reste dû ({}).",
                            format_eur_ascii(*part),
                            format_eur_ascii(invoice.due)
                        ));
                    } else if *part <= Decimal::ZERO {
                        row.problem = Some("la part doit être un montant positif.".to_string());
                    }
                    match clients.iter_mut().find(|client| client.client_id == invoice.client_id) {
                        Some(client) => client.amount += *part,
                        None => clients.push(CreditSplitClient {
                            client_id: invoice.client_id,
                            name: row.client_name.clone().unwrap_or_default(),
                            amount: *part,
                        }),
                    }
                }
            }
            Err(message) => row.problem = Some(message),
        }
        if part.is_none() && !typed.trim().is_empty() {
            row.problem.get_or_insert_with(|| "montant illisible.".to_string());
        }
        if let Some(problem) = &row.problem {
            problems.push(format!("{} : {problem}", row.number.as_deref().unwrap_or(typed.trim())));
        }
        rows.push(row);
    }
    let allocated: Decimal = rows.iter().filter_map(|row| row.amount).sum();
    let rest = amount - allocated;
    if rest.is_sign_negative() && !rest.is_zero() {
        problems.push(format!("les parts dépassent le crédit de {}.", format_eur_ascii(-rest)));
    } else if rest > Decimal::ZERO && clients.len() > 1 {
        problems.push(format!(
            "il reste {} à affecter : un crédit partagé entre plusieurs clients doit être affecté en entier.",
            format_eur_ascii(rest)
        ));
    }
    if let Some(client) = clients.first_mut().filter(|_| rest > Decimal::ZERO) {
        client.amount += rest;
    }
    if rows.iter().all(|row| row.invoice_id.is_none()) {
        problems.push("indiquez au moins une facture, ou laissez ce crédit de côté.".to_string());
    }
    Ok(CreditSplitView { rows, amount, allocated, rest, clients, problems })
}

/// Every statement import, the latest first.
pub fn history(ledger: &Ledger) -> Result<Vec<BankImportRecord>> {
    Ok(ledger.bank_imports()?)
}

/// Undoes the last statement import exactly: its payments, its lines, the IBANs it taught, the mapping it
/// remembered.
pub fn undo_last(ledger: &mut Ledger) -> Result<BankImportRecord> {
    Ok(ledger.undo_last_bank_import()?)
}

/// The field a problem of one credit is reported under.
pub fn line_field(line: usize) -> String {
    format!("line-{line}")
}

/// What the matcher reads from the ledger, for the whole ledger in a few queries.
#[derive(Debug, Clone)]
pub struct MatchingInputs {
    /// Every client, with its SIREN and the IBANs seen paying for it.
    pub clients: Vec<ClientIdentity>,
    /// Every invoice that still owes something, with what it owes after credit notes and unallocated
    /// money (the invoice list's remaining amount).
    pub invoices: Vec<matching::OpenInvoice>,
    /// The installments of the plans in force not yet wholly paid.
    pub installments: Vec<OpenInstallment>,
    /// Every invoice owed no more (paid, covered by credit notes, written off, replaced), and how: a
    /// credit citing one is not put on the client's other invoices.
    pub settled: Vec<matching::SettledInvoice>,
}

/// The matcher's inputs on `today` (the day plan installments are tracked on).
pub fn matching_inputs(ledger: &Ledger, today: NaiveDate) -> Result<MatchingInputs> {
    let (invoices, mut settled) = open_invoices(ledger, today)?;
    settled.extend(ledger.bank_settled_invoices()?);
    Ok(MatchingInputs {
        clients: ledger.bank_clients()?,
        invoices,
        installments: open_installments(ledger, today)?,
        settled,
    })
}

/// Every invoice that can still receive money, with what it still owes on `today` as the invoice list
/// shows it: the ledger's open invoices (what payments left), less what the client's credit notes and
/// unallocated money cover by the one rule (`domain::figures::settle`, through the desk's settlement).
/// An invoice they cover in full is left out: a transfer cannot pay it (it comes second, settled by
/// credit). Credit notes are never allocated, so a payment allocated within this amount never makes an
/// invoice receive more than it owes.
fn open_invoices(
    ledger: &Ledger,
    today: NaiveDate,
) -> Result<(Vec<matching::OpenInvoice>, Vec<matching::SettledInvoice>)> {
    let settlement = crate::desk::accounts::settlement(ledger, today, None)?;
    let mut invoices = ledger.bank_open_invoices()?;
    for invoice in &mut invoices {
        if let Some(settled) = settlement.invoice(invoice.id) {
            invoice.due -= settled.credited;
        }
    }
    let (invoices, credited): (Vec<_>, Vec<_>) = invoices.into_iter().partition(|invoice| invoice.due > Decimal::ZERO);
    let credited = credited
        .into_iter()
        .map(|invoice| matching::SettledInvoice {
            number: invoice.number,
            client_id: invoice.client_id,
            how: matching::Settled::Credited,
        })
        .collect();
    Ok((invoices, credited))
}

/// A statement read, the ledger's inputs loaded and every new credit matched.
struct Prepared {
    statement: Statement,
    account: String,
    /// Indexes in `statement.lines` of the credits to match, in statement order.
    credits: Vec<usize>,
    matches: Vec<CreditMatch>,
    duplicates: Vec<Option<String>>,
    set_aside: SetAside,
    warnings: Vec<String>,
    names: HashMap<i64, String>,
    ibans: HashMap<i64, Vec<String>>,
    open: OpenInvoices,
    today: NaiveDate,
}

/// The open invoices, with a lookup by id and (built on demand) by number.
struct OpenInvoices {
    list: Vec<matching::OpenInvoice>,
    by_id: HashMap<i64, usize>,
}

impl OpenInvoices {
    fn new(list: Vec<matching::OpenInvoice>) -> OpenInvoices {
        let by_id = list.iter().enumerate().map(|(index, invoice)| (invoice.id, index)).collect();
        OpenInvoices { list, by_id }
    }

    /// The open invoice a typed number names (case and surrounding spaces aside), or why there is none.
    fn find(&self, ledger: &Ledger, typed: &str) -> Result<std::result::Result<usize, String>> {
        let wanted = typed.trim();
        if wanted.is_empty() {
            return Ok(Err("indiquez le numéro de la facture.".to_string()));
        }
        if let Some(index) = self.list.iter().position(|invoice| invoice.number.eq_ignore_ascii_case(wanted)) {
            return Ok(Ok(index));
        }
        Ok(Err(match ledger.invoice_by_number(wanted)? {
            Some(row) if row.invoice.written_off_on.is_some() => format!("la facture {wanted} est passée en perte."),
            Some(_) => format!("la facture {wanted} est déjà réglée."),
            None => format!("aucune facture n° « {wanted} » dans le registre."),
        }))
    }
}

fn prepare(ledger: &Ledger, request: &BankRequest<'_>) -> Result<Prepared> {
    if let Some(expected) = request.expected_sha256 {
        if crate::domain::digest::sha256_hex(request.bytes) != expected {
            return Err(crate::import::ImportError::ChangedSincePreview(request.file_name.to_string()).into());
        }
    }
    let remembered = |key: &str| ledger.remembered_bank_mapping(key).ok().flatten();
    let statement = read_statement(
        request.file_name,
        request.bytes,
        CsvOptions { mapping: request.mapping, remembered: Some(&remembered) },
    )?;
    // A file of several accounts is every one of them: the history names them all, and each line is
    // looked for, and kept, under its own account (the one its account's own statement gives it).
    let account = statement.accounts.join(", ");
    let mut known: HashMap<&str, HashSet<String>> = HashMap::new();
    for line in &statement.lines {
        if !known.contains_key(line.account.as_str()) {
            known.insert(&line.account, ledger.known_fingerprints(&line.account)?);
        }
    }
    let imported_before = |line: &StatementLine| known[line.account.as_str()].contains(&line.fingerprint);
    let mut set_aside = SetAside::default();
    let mut credits = Vec::new();
    for (index, line) in statement.lines.iter().enumerate() {
        match (line.direction, line.status) {
            (_, LineStatus::Pending) => set_aside.pending += 1,
            (_, LineStatus::Reversed) => set_aside.reversed += 1,
            (Direction::Debit, _) => {
                set_aside.debits += 1;
                set_aside.debit_total -= line.amount;
            }
            (Direction::Credit, _) if imported_before(line) => set_aside.already_imported += 1,
            (Direction::Credit, _) if line.amount <= Decimal::ZERO => set_aside.debits += 1,
            (Direction::Credit, _) => credits.push(index),
        }
    }
    set_aside.debit_total = cents(set_aside.debit_total);
    let first_date = statement.lines.iter().map(|line| line.booking_date).min();
    let last_date = statement.lines.iter().map(|line| line.booking_date).max();
    let mut warnings = Vec::new();
    if let [first, .., last] = statement.accounts.as_slice() {
        let others = &statement.accounts[1..statement.accounts.len() - 1];
        let listed = others.iter().fold(first.clone(), |listed, account| format!("{listed}, {account}"));
        warnings.push(format!(
            "Ce fichier contient les relevés de {} comptes ({listed} et {last}) : leurs crédits sont tous lus et \
             rapprochés, mais leurs soldes, propres à chaque compte, ne sont pas repris. Pour suivre les soldes, \
             téléchargez un relevé par compte.",
            statement.accounts.len()
        ));
    }
    let mut duplicates = vec![None; credits.len()];
    if let (Some(first), Some(last)) = (first_date, last_date) {
        for import in ledger.bank_imports_between(first, last)? {
            if import.sha256 == statement.sha256 {
                warnings.push(format!(
                    "Ce fichier a déjà été importé (relevé n° {}, le {}) : ses lignes déjà traitées sont écartées.",
                    import.id,
                    crate::domain::calendar::format_recorded_day(&import.imported_at)
                ));
            } else if import.format != statement.format {
                warnings.push(format!(
                    "Le relevé « {} » ({}), importé le {}, couvre déjà une partie de ces dates ({} au {}) : une même \
                     opération lue dans deux formats n'est pas reconnue comme déjà importée. Les crédits de même date \
                     et de même montant sont signalés et ne sont pas enregistrés d'office.",
                    import.file_name,
                    import.format_label,
                    crate::domain::calendar::format_recorded_day(&import.imported_at),
                    import.first_date.map(format_short).unwrap_or_default(),
                    import.last_date.map(format_short).unwrap_or_default()
                ));
            }
        }
        let mut stored: Vec<_> = ledger
            .stored_credits_between(first, last)?
            .into_iter()
            .filter(|stored| stored.format != statement.format)
            .collect();
        for (slot, &index) in credits.iter().enumerate() {
            let line = &statement.lines[index];
            if let Some(at) = stored.iter().position(|s| s.booking_date == line.booking_date && s.amount == line.amount)
            {
                let found = stored.swap_remove(at);
                duplicates[slot] = Some(format!(
                    "même date et même montant qu'un crédit du relevé « {} » ({}) déjà importé : vérifiez qu'il ne \
                     s'agit pas de la même opération.",
                    found.file_name,
                    found.format.label()
                ));
            }
        }
    }
    let MatchingInputs { clients, invoices, installments, settled } = matching_inputs(ledger, request.today)?;
    let open = OpenInvoices::new(invoices);
    let lines: Vec<_> = credits.iter().map(|&index| statement.lines[index].credit_line()).collect();
    let mut matches = matching::match_credits_knowing_settled(&lines, &clients, &open.list, &installments, &settled);
    // A credit that is a payment already recorded by hand is said so, not taken as new money.
    let recorded = ledger.payments_outside_statements()?;
    for (slot, found) in matching::recorded_already(&lines, &recorded).into_iter().enumerate() {
        let Some(payment) = found.map(|index| &recorded[index]) else { continue };
        let client = clients.iter().find(|client| client.id == payment.client_id).map(|client| client.name.as_str());
        let payment_said = format!(
            "le paiement de {}{} du {}, référence « {} »",
            format_eur_ascii(payment.amount),
            client.map(|name| format!(" de {name}")).unwrap_or_default(),
            format_short(payment.date),
            payment.reference
        );
        let credit = &mut matches[slot];
        credit.confidence = credit.confidence.min(matching::Confidence::Probable);
        credit.reasons.push(format!("déjà enregistré à la main ? {payment_said}, porte ce numéro et ce montant"));
        duplicates[slot].get_or_insert(format!(
            "déjà enregistré à la main ({payment_said}) : vérifiez qu'il ne s'agit pas du même argent avant de \
             l'enregistrer."
        ));
    }
    let ibans = clients.iter().map(|client| (client.id, client.ibans.clone())).collect();
    Ok(Prepared {
        names: client_names(&clients),
        ibans,
        statement,
        account,
        credits,
        matches,
        duplicates,
        set_aside,
        warnings,
        open,
        today: request.today,
    })
}

/// The installments of the plans in force not yet wholly paid, with what each still owes.
fn open_installments(ledger: &Ledger, today: NaiveDate) -> Result<Vec<OpenInstallment>> {
    let mut open = Vec::new();
    for plan in ledger.signed_plans()? {
        let tracking = crate::desk::plans::tracking(ledger, &plan, today)?;
        if !tracking.state.in_force() {
            continue;
        }
        for installment in tracking.installments.iter().filter(|i| i.state != InstallmentState::Paid) {
            open.push(OpenInstallment {
                plan_id: plan.id,
                sequence: installment.sequence,
                client_id: plan.client_id,
                due_date: installment.due_date,
                amount: installment.amount - installment.paid,
                invoice_ids: plan.invoice_ids.clone(),
            });
        }
    }
    Ok(open)
}

fn client_names(clients: &[ClientIdentity]) -> HashMap<i64, String> {
    clients.iter().map(|client| (client.id, client.name.clone())).collect()
}

/// What the preview proposes for each credit when the user changes nothing: record the matches `accept`
/// takes that allocate something and are not possible duplicates; the rest later.
fn proposed(prepared: &Prepared, accept: Accept) -> Vec<LineDecision> {
    let floor = match accept {
        Accept::None => None,
        Accept::Sure => Some(Confidence::Sure),
        Accept::Probable => Some(Confidence::Probable),
    };
    prepared
        .matches
        .iter()
        .zip(&prepared.duplicates)
        .map(|(found, duplicate)| {
            let takes = floor.is_some_and(|floor| found.confidence >= floor);
            if takes && !found.allocations.is_empty() && duplicate.is_none() {
                LineDecision::Record
            } else {
                LineDecision::Later
            }
        })
        .collect()
}

impl Prepared {
    fn view(&self, decisions: &[LineDecision]) -> BankPreview {
        let statement = &self.statement;
        let credits: Vec<CreditView> = self
            .credits
            .iter()
            .zip(&self.matches)
            .zip(&self.duplicates)
            .zip(decisions)
            .map(|(((&index, found), duplicate), decision)| {
                self.credit_view(&statement.lines[index], found, duplicate, *decision)
            })
            .collect();
        let count = |confidence| self.matches.iter().filter(|found| found.confidence == confidence).count();
        BankPreview {
            file_name: statement.file_name.clone(),
            sha256: statement.sha256.clone(),
            format: statement.format,
            format_label: statement.format.label(),
            layout: statement.layout.clone(),
            account: self.account.clone(),
            first_date: statement.lines.iter().map(|line| line.booking_date).min(),
            last_date: statement.lines.iter().map(|line| line.booking_date).max(),
            opening_balance: statement.opening_balance.clone(),
            closing_balance: statement.closing_balance.clone(),
            lines: statement.lines.len(),
            credits,
            set_aside: self.set_aside.clone(),
            ignored: self.set_aside.total(),
            problems: statement.problems.clone(),
            warnings: self.warnings.clone(),
            sure: count(Confidence::Sure),
            probable: count(Confidence::Probable),
            unmatched: count(Confidence::None),
            csv: statement.csv.clone(),
            fields: BankField::ALL.iter().map(|field| (*field, field.label())).collect(),
        }
    }

    fn credit_view(
        &self,
        line: &StatementLine,
        found: &CreditMatch,
        duplicate: &Option<String>,
        decision: LineDecision,
    ) -> CreditView {
        let name = |id: i64| self.names.get(&id).cloned().unwrap_or_default();
        CreditView {
            line: line.position,
            date: line.booking_date,
            value_date: line.value_date,
            amount: cents(line.paid_amount()),
            booked_amount: cents(line.amount),
            bank_charges: cents(line.bank_charges),
            label: line.label.clone(),
            details: line.details.clone(),
            counterparty_name: line.counterparty_name.clone(),
            counterparty_iban: line.counterparty_iban.clone(),
            account: line.account.clone(),
            confidence: found.confidence,
            confidence_label: found.confidence.label(),
            reasons: found.reasons.clone(),
            client_id: found.client_id,
            client_name: found.client_id.map(name),
            invoices: found
                .allocations
                .iter()
                .map(|allocation| {
                    let invoice = &self.open.list[self.open.by_id[&allocation.invoice_id]];
                    CreditInvoice {
                        invoice_id: invoice.id,
                        number: invoice.number.clone(),
                        client_id: invoice.client_id,
                        client_name: name(invoice.client_id),
                        amount: cents(allocation.amount),
                        remaining: cents(invoice.due),
                    }
                })
                .collect(),
            installment: found.installment,
            unallocated: cents(found.unallocated),
            method: line.method(),
            possible_duplicate: duplicate.clone(),
            decision,
        }
    }
}

/// Checks every decision against what the invoices still owe (each credit in statement order lowering
/// it), then writes the statement in one unit and finds the letters to check. Writes nothing when no
/// credit was decided on.
fn record(ledger: &mut Ledger, prepared: Prepared, chosen: Vec<Decision>) -> Result<BankReport> {
    let mut remaining: HashMap<i64, Decimal> = HashMap::new();
    let mut paid_by: HashMap<i64, usize> = HashMap::new();
    let mut errors = FieldErrors::default();
    let mut lines: Vec<CommitLine<'_>> = Vec::new();
    let mut decisions = Vec::with_capacity(chosen.len());
    for (slot, decision) in chosen.iter().enumerate() {
        let line = &prepared.statement.lines[prepared.credits[slot]];
        let found = &prepared.matches[slot];
        let field = line_field(line.position);
        let parts: Vec<(usize, Decimal)> = match decision {
            Decision::Later => {
                decisions.push(LineDecision::Later);
                continue;
            }
            Decision::LeaveOut => {
                decisions.push(LineDecision::LeaveOut);
                lines.push(CommitLine { line, payments: Vec::new(), learned_iban: None });
                continue;
            }
            Decision::AsMatched => {
                if found.allocations.is_empty() {
                    errors.add(
                        &field,
                        format!(
                            "Ligne {} : aucune facture n'est rapprochée de ce crédit ; indiquez les factures qu'il \
                             règle ou laissez-le de côté.",
                            line.position
                        ),
                    );
                    continue;
                }
                found
                    .allocations
                    .iter()
                    .map(|allocation| (prepared.open.by_id[&allocation.invoice_id], allocation.amount))
                    .collect()
            }
            Decision::Split(typed) => {
                let mut parts = Vec::new();
                for part in typed {
                    match prepared.open.find(ledger, &part.invoice)? {
                        Ok(index) if parts.iter().any(|(seen, _)| *seen == index) => errors.add(
                            &field,
                            format!("Ligne {} : la facture {} figure deux fois.", line.position, part.invoice.trim()),
                        ),
                        Ok(_) if part.amount <= Decimal::ZERO => errors.add(
                            &field,
                            format!(
                                "Ligne {} : la part de la facture {} doit être un montant positif.",
                                line.position,
                                part.invoice.trim()
                            ),
                        ),
                        Ok(index) => parts.push((index, part.amount)),
                        Err(message) => errors.add(&field, format!("Ligne {} : {message}", line.position)),
                    }
                }
                if parts.is_empty() && typed.is_empty() {
                    errors.add(
                        &field,
                        format!(
                            "Ligne {} : indiquez au moins une facture, ou laissez ce crédit de côté.",
                            line.position
                        ),
                    );
                }
                parts
            }
        };
        let allocated: Decimal = parts.iter().map(|(_, amount)| *amount).sum();
        if allocated > line.paid_amount() {
            errors.add(
                &field,
                format!(
                    "Ligne {} : les parts ({}) dépassent le crédit ({}).",
                    line.position,
                    format_eur_ascii(allocated),
                    format_eur_ascii(line.paid_amount())
                ),
            );
            continue;
        }
        let mut clients: Vec<i64> = Vec::new();
        let mut fits = true;
        for &(index, amount) in &parts {
            let invoice = &prepared.open.list[index];
            let left = remaining.entry(invoice.id).or_insert(invoice.due);
            if amount > *left {
                let earlier = paid_by.get(&invoice.id).map_or(String::new(), |position| {
                    format!(" (la ligne {position} de ce relevé la règle déjà en partie ou en entier)")
                });
                errors.add(
                    &field,
                    format!(
                        "Ligne {} : la facture {} ne doit plus que {}{earlier} ; la part de {} la dépasse.",
                        line.position,
                        invoice.number,
                        format_eur_ascii(*left),
                        format_eur_ascii(amount)
                    ),
                );
                fits = false;
                continue;
            }
            *left -= amount;
            paid_by.insert(invoice.id, line.position);
            if !clients.contains(&invoice.client_id) {
                clients.push(invoice.client_id);
            }
        }
        let rest = line.paid_amount() - allocated;
        if rest > Decimal::ZERO && clients.len() > 1 {
            errors.add(
                &field,
                format!(
                    "Ligne {} : il reste {} à affecter ; un crédit partagé entre plusieurs clients doit être affecté \
                     en entier.",
                    line.position,
                    format_eur_ascii(rest)
                ),
            );
            continue;
        }
        if !fits || clients.is_empty() {
            continue;
        }
        let method = line.method();
        let reference: String = line.label.chars().take(200).collect();
        let payments: Vec<CommitPayment> = clients
            .iter()
            .enumerate()
            .map(|(rank, &client_id)| {
                let allocations: Vec<Allocation> = parts
                    .iter()
                    .filter(|(index, _)| prepared.open.list[*index].client_id == client_id)
                    .map(|&(index, amount)| Allocation { invoice_id: prepared.open.list[index].id, amount })
                    .collect();
                let own: Decimal = allocations.iter().map(|allocation| allocation.amount).sum();
                CommitPayment {
                    client_id,
                    date: line.booking_date,
                    amount: if rank == 0 { own + rest } else { own },
                    method,
                    reference: reference.clone(),
                    allocations,
                }
            })
            .collect();
        let learned_iban = match (&line.counterparty_iban, clients.as_slice()) {
            (Some(iban), [client])
                if !prepared.ibans.get(client).is_some_and(|known| known.contains(iban))
                    && (15..=34).contains(&iban.len()) =>
            {
                Some((*client, iban.clone()))
            }
            _ => None,
        };
        decisions.push(LineDecision::Record);
        lines.push(CommitLine { line, payments, learned_iban });
    }
    errors.into_result()?;
    let touched_invoices: Vec<i64> = remaining.keys().copied().collect();
    let mut touched_clients: Vec<i64> =
        lines.iter().flat_map(|line| line.payments.iter().map(|payment| payment.client_id)).collect();
    touched_clients.sort_unstable();
    touched_clients.dedup();
    let recorded_lines: Vec<&CommitLine<'_>> = lines.iter().filter(|line| !line.payments.is_empty()).collect();
    let recorded = recorded_lines.iter().map(|line| line.payments.len()).sum();
    let recorded_credits = recorded_lines.len();
    let recorded_amount = recorded_lines.iter().map(|line| line.line.paid_amount()).sum();
    let recorded_charges = recorded_lines.iter().map(|line| line.line.bank_charges).sum();
    let mut received: HashMap<i64, Decimal> = HashMap::new();
    for payment in recorded_lines.iter().flat_map(|line| &line.payments) {
        *received.entry(payment.client_id).or_default() += payment.amount;
    }
    let left_out = lines.len() - recorded_credits;
    let import = if lines.is_empty() {
        None
    } else {
        let statement = &prepared.statement;
        let csv = statement.csv.as_ref();
        let commit = BankCommit {
            file_name: &statement.file_name,
            sha256: &statement.sha256,
            format: statement.format,
            layout: statement.layout.as_deref(),
            account: &prepared.account,
            first_date: statement.lines.iter().map(|line| line.booking_date).min(),
            last_date: statement.lines.iter().map(|line| line.booking_date).max(),
            line_count: statement.lines.len(),
            set_aside: prepared.set_aside.total(),
            mapping: csv.map(|layout| (layout.layout_key.as_str(), &layout.mapping)),
            lines,
        };
        Some(ledger.commit_bank_import(&commit)?)
    };
    let letters_to_check = if import.is_some() {
        // Paid and owing as the invoice list says after this statement: credit notes and unallocated
        // money counted (`figures::settle`), not the allocations alone.
        let settlement = crate::desk::accounts::settlement(ledger, prepared.today, None)?;
        let mut paid_invoices = Vec::new();
        for &invoice_id in &touched_invoices {
            if crate::desk::accounts::still_owed(ledger, &settlement, invoice_id)?.1 <= Decimal::ZERO {
                paid_invoices.push(invoice_id);
            }
        }
        let owing: HashSet<i64> = settlement
            .invoices
            .iter()
            .filter(|settled| settled.remaining > Decimal::ZERO)
            .map(|settled| settled.client_id)
            .collect();
        let clear_clients: Vec<i64> =
            touched_clients.iter().copied().filter(|client_id| !owing.contains(client_id)).collect();
        ledger
            .unsent_letters_to_check(&paid_invoices, &clear_clients)?
            .into_iter()
            .map(|letter| letter_flag(&prepared.names, letter))
            .collect()
    } else {
        Vec::new()
    };
    let balances = if import.is_some() {
        crate::desk::clients::client_list(ledger, prepared.today)?
            .into_iter()
            .filter_map(|client| {
                received.get(&client.id).map(|received| ClientBalance {
                    client_id: client.id,
                    name: client.name,
                    received: cents(*received),
                    balance: client.balance,
                    overdue: client.overdue,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let preview = prepared.view(&decisions);
    Ok(BankReport {
        preview,
        recorded,
        recorded_credits,
        recorded_amount: cents(recorded_amount),
        recorded_charges: cents(recorded_charges),
        left_out,
        import,
        letters_to_check,
        balances,
    })
}

fn letter_flag(names: &HashMap<i64, String>, letter: LetterToCheck) -> LetterFlag {
    let client_name = names.get(&letter.client_id).cloned().unwrap_or_default();
    let title = letter.kind.title();
    let feminine = letter.kind.feminine();
    let (article, drafted, pronoun) = if feminine { ("La", "préparée", "elle") } else { ("Le", "préparé", "il") };
    let what = match letter.paid_invoices.as_slice() {
        [] => format!("{client_name} ne doit plus rien"),
        [one] => format!("{pronoun} vise la facture {one}, désormais réglée"),
        many => format!("{pronoun} vise les factures {}, désormais réglées", many.join(", ")),
    };
    let message = format!(
        "{article} {} {drafted} le {} pour {client_name} n'est pas encore {} et {what} : ne l'envoyez pas.",
        title.to_lowercase(),
        format_short(letter.drafted_on),
        if feminine { "envoyée" } else { "envoyé" }
    );
    LetterFlag {
        letter_id: letter.letter_id,
        client_id: letter.client_id,
        client_name,
        kind: letter.kind,
        title,
        status: letter.status,
        drafted_on: letter.drafted_on,
        paid_invoices: letter.paid_invoices,
        message,
    }
}
