//! From grid rows to typed import rows, with every problem kept as data: the row, the column as the
//! file names it, the value read and a French message. Blank rows, totals rows and repeated header rows
//! are passed over, not reported.
//!
//! Two kinds of findings: a problem refuses the row (the invoice cannot be known), a warning does not
//! (a wrong SIRET, e-mail or phone of the client is left out and named; the invoice is owed all the same).
//! An export that repeats an invoice once per payment (Dolibarr's « Factures clients et règlements ») gives
//! one invoice with its dated payments; an export of one row per invoice line (Evoliz: « une ligne = une
//! ligne de facture ») gives one invoice whose amount is its lines' sum.

use super::mapping::{fold, ColumnMapping, ExtraColumns, Field};
use super::read::{Cell, Grid, GridRow};
use super::values::{self, DateOrder, StatusMeaning};
use crate::domain::identity;
use crate::domain::model::Nature;
use crate::domain::money::{format_eur_ascii, MAX_AMOUNT};
use crate::domain::text::folds_to;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashSet;

/// The client as one row of the file describes it, its wrong values left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClientCells {
    pub name: String,
    pub siren_siret: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub complement: String,
    pub postcode: String,
    pub town: String,
    /// The country line of the address, empty for France (an e-invoice's buyer abroad).
    pub country: String,
    /// True when the row gave a SIREN, SIRET or VAT number, even one left out as wrong: only a business
    /// has one, so the client is no consumer.
    #[serde(skip)]
    pub business_number_given: bool,
}

/// Who issued an invoice, when the file says so (an e-invoice): the import checks it against the profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IssuerCells {
    pub name: String,
    /// 9 digits, empty when the file gives none.
    pub siren: String,
}

/// One invoice as the file gives it, every value typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRow {
    pub row: usize,
    pub number: String,
    pub client: ClientCells,
    pub issue_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    /// The payment terms the file states (« 45 jours fin de mois »), which give the due date when the
    /// file has none.
    pub payment_terms: Option<crate::domain::terms::WrittenTerms>,
    pub amount: Decimal,
    pub amount_excl_vat: Option<Decimal>,
    pub object: String,
    /// Goods or services, when the file says (a nature column, an e-invoice's billing frame).
    pub nature: Option<Nature>,
    /// What the file says has been paid on the invoice in all (from the paid, remaining and status
    /// columns: see [`settle_paid`]).
    pub paid: Option<Decimal>,
    /// The payments the file dates (a payment-date column), oldest first: one for a row that gives a date,
    /// one per row for an export that repeats the invoice per payment.
    pub payments: Vec<FilePayment>,
    /// True when `paid` is what was paid before the invoice was issued (an e-invoice's prepaid amount)
    /// rather than what has been paid to date: payments recorded since are then no contradiction.
    pub paid_before_issue: bool,
    /// Who issued the invoice, when the file says so (e-invoices); None for a spreadsheet row.
    pub issuer: Option<IssuerCells>,
    /// The invoice a credit note corrects, when the file names it.
    pub corrects: Option<String>,
    /// The down payment invoice a final invoice cites while deducting a prepaid amount (BT-113): the plan
    /// looks for it in the ledger and in the same import, so that the same money is not counted twice.
    pub deducts: Option<String>,
    /// Whom the invoice is to be paid to when not its seller (an e-invoice's payee, BG-10: a factor), as
    /// the user reads it: its name and SIREN. The plan pauses the invoice's dunning.
    pub payee: Option<String>,
    /// The invoice's document the row brings (a Factur-X PDF, which becomes the invoice's document); None
    /// for a spreadsheet row or an XML e-invoice.
    pub document: Option<RowDocument>,
    /// The status the file gives a disputed invoice (« Litige », « Contestée »), as written: the import
    /// records a dispute on the invoice. None when the file says no dispute.
    pub disputed: Option<String>,
    /// What the user should know about the row before confirming, in French.
    pub notes: Vec<String>,
    /// On a spreadsheet's invoice, the part of its total that the remaining amount says is settled and no
    /// paid amount says was received (total − paid − remaining): a credit note deducted in the invoicing
    /// tool, a discount, or money the file does not show; zero when the figures agree.
    #[serde(skip)]
    pub settled_unpaid: Decimal,
    /// How much of `settled_unpaid` is counted in `paid` (all of it, unless the file says 0 was paid).
    #[serde(skip)]
    pub settled_unpaid_in_paid: Decimal,
    /// On a spreadsheet's credit note the file says is used up or partly used: the whole credit note and
    /// the part used, which [`type_rows`] sets against the invoice of the file that part settled.
    #[serde(skip)]
    pub used_credit: Option<UsedCredit>,
}

/// A credit note as the file gives it, of which the invoicing tool has used a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedCredit {
    /// The whole credit note, negative.
    pub amount: Decimal,
    pub amount_excl_vat: Option<Decimal>,
    /// The part used in the tool, positive.
    pub used: Decimal,
    /// The number of the file's invoice that part settled, once found: the plan refuses the credit note
    /// with that invoice's row (imported alone, it would be deducted from what the ledger already counts).
    pub settles: Option<String>,
}

/// A file an import keeps as an invoice's document: its name as given and its SHA-256 (the bytes stay
/// with the caller, which stores them beside the ledger before the commit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowDocument {
    pub file_name: String,
    pub sha256: String,
}

/// A payment as the file dates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilePayment {
    pub row: usize,
    pub date: NaiveDate,
    /// The amount of this payment when the file gives one per payment; None when the date goes with
    /// everything the invoice received.
    pub amount: Option<Decimal>,
}

/// Why a row (or one of its cells) cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(formatter, "Ligne {} : {}", self.row, self.message)
        } else {
            write!(formatter, "Ligne {}, colonne « {} » : {}", self.row, self.column, self.message)
        }
    }
}

/// A value the import leaves out or reads another way without refusing the row: a wrong identifier of
/// the client (left out, so the user can correct the client later), paid and remaining amounts that
/// disagree. Shown in the preview on the client it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowWarning {
    pub row: usize,
    /// The client's name as the file writes it.
    pub client: String,
    pub column: String,
    pub value: String,
    pub message: String,
    /// True when the warning is about the invoice's own figures (given on each invoice it applies to),
    /// false when about a value of its client (given once per client and value).
    #[serde(skip)]
    pub about_invoice: bool,
}

impl std::fmt::Display for RowWarning {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "Ligne {}, client « {} », colonne « {} » : {}",
            self.row, self.client, self.column, self.message
        )
    }
}

/// The rows of a sheet, typed.
#[derive(Debug, Clone, Default)]
pub struct TypedRows {
    pub rows: Vec<Box<ImportRow>>,
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<RowWarning>,
    pub skipped: usize,
    /// Rows refused because the file says nothing is owed on them (a cancelled invoice, a credit note used
    /// up), as read: the plan looks them up in the ledger (see [`NotOwedRow`]).
    pub not_owed: Vec<NotOwedRow>,
}

/// A row refused because the file says nothing is owed on it, kept as read (its refusal is among the
/// problems, under the same row): the plan tells the user when the ledger holds the invoice, still owed,
/// and sets a used-up credit note of the file against the cancelled invoice it cancels there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotOwedRow {
    pub why: NotOwed,
    pub invoice: Box<ImportRow>,
    /// The status as the file writes it (« Annulée »), empty for a credit note refused by its amounts.
    pub status: String,
}

/// Why the file says nothing is owed on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotOwed {
    /// Cancelled in the invoicing tool (« Annulée », « Extourné »…).
    Cancelled,
    /// A credit note the file says is used up (remaining 0): nothing of it is left to set against other
    /// invoices.
    CreditNoteUsedUp,
}

/// Types every row below the header row. Rows repeating an invoice already read (same number, client and
/// date) are its further payments when they repeat its amount, or its lines when the file's rows of one
/// invoice do not all repeat theirs (`ReadInvoice::add_lines`); a number repeated with another client
/// or date is refused.
pub fn type_rows(grid: &Grid, mapping: &ColumnMapping) -> TypedRows {
    let headers = mapping.header_texts(grid);
    let header_folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let order = date_order(grid, mapping);
    let extra = ExtraColumns::find(&headers, mapping);
    // The columns whose moments are in UTC (« Date (UTC) »).
    let utc: Vec<bool> = headers.iter().map(|header| super::mapping::says_utc(header)).collect();
    // Dolibarr's status header (its cells may be codes): told once per file, not once per row.
    let dolibarr_codes =
        values::DOLIBARR_STATUS_HEADERS.contains(&fold(&column_name(&headers, mapping, Field::Status)).as_str());
    let mut typed = TypedRows::default();
    // Sized once for every row: growing a vector of read invoices copied each of them again and again.
    let mut invoices: Vec<Box<ReadInvoice>> = Vec::with_capacity(grid.rows.len());
    // Looked up for every row: keyed by foldhash, a fast hash (std's default resists hash flooding from
    // untrusted keys, which a user's own invoice numbers are not worth).
    let mut by_number: foldhash::HashMap<String, usize> =
        foldhash::HashMap::with_capacity_and_hasher(grid.rows.len(), Default::default());
    // The numbers of the rows refused as they were read (but for an amount of zero), with the first such
    // row: in an export of invoice lines, the other lines of such an invoice cannot make its amount.
    let mut refused_numbers: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    // Each row is read on its own (the cells typed, checked): a large file's rows are read a chunk at a time
    // on the machine's cores and their reads taken back in the file's order; what depends on the rows
    // before (a number seen twice) is decided as they come back, in order, while the next chunks are read.
    let read_row = |row: &GridRow| -> RowRead {
        if is_passed_over(row, mapping, &header_folded) {
            return None;
        }
        let mut reader = RowReader {
            row,
            mapping,
            headers: &headers,
            utc: &utc,
            extra,
            order,
            dolibarr_codes,
            problems: Vec::new(),
        };
        // Boxed: a read invoice is moved several times on its way to the list (unboxed, a 100,000-row file
        // took 0.03 s longer to read).
        let read = reader.read().map(Box::new);
        Some((read, reader.problems))
    };
    let body: Vec<&GridRow> = grid.rows.iter().filter(|row| row.number > mapping.header_row).collect();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(8);
    let chunks: Vec<&[&GridRow]> = body.chunks(READ_CHUNK).collect();
    std::thread::scope(|scope| {
        // A large file's chunks are read on every core, worker `w` reading chunks w, w + cores…, each a
        // chunk ahead at most, while this thread takes their reads back in the file's order.
        let reads: Box<dyn Iterator<Item = (&GridRow, RowRead)>> = if cores == 1 || chunks.len() < 2 {
            Box::new(body.iter().map(|row| (*row, read_row(row))))
        } else {
            let (chunks, read_row) = (&chunks, &read_row);
            let workers: Vec<_> = (0..cores)
                .map(|worker| {
                    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<_>>(1);
                    scope.spawn(move || {
                        for chunk in chunks.iter().skip(worker).step_by(cores) {
                            let reads = chunk.iter().map(|row| (*row, read_row(row))).collect();
                            if sender.send(reads).is_err() {
                                return;
                            }
                        }
                    });
                    receiver
                })
                .collect();
            // A worker that panicked sends nothing more, and the scope panics with it when it ends.
            Box::new((0..chunks.len()).flat_map(move |index| workers[index % cores].recv().unwrap_or_default()))
        };
        for (row, read) in reads {
            let Some((read, mut problems)) = read else {
                typed.skipped += 1;
                continue;
            };
            let Some(read) = read else {
                // A line of no amount (« montant nul ») refused changes no invoice's sum.
                let amount = mapping.column_of(Field::Amount).map(|column| values::amount(Grid::cell(row, column)));
                if let (Some(column), false) = (mapping.column_of(Field::Number), amount == Some(Ok(Decimal::ZERO))) {
                    let number = values::text(Grid::cell(row, column));
                    if !number.is_empty() {
                        refused_numbers.entry(number).or_insert(row.number);
                    }
                }
                typed.problems.extend(problems);
                continue;
            };
            match by_number.get(&read.invoice.number) {
                Some(&index) if invoices[index].same_invoice(&read) => {
                    invoices[index].absorb(*read, problems);
                    continue;
                }
                Some(&index) => {
                    problems.push(RowProblem {
                        row: row.number,
                        column: column_name(&headers, mapping, Field::Number),
                        value: read.invoice.number.clone(),
                        message: format!(
                            "numéro « {} » déjà présent ligne {} du fichier : ligne ignorée",
                            read.invoice.number, invoices[index].invoice.row
                        ),
                    });
                    typed.problems.extend(problems);
                    continue;
                }
                None => {}
            }
            by_number.insert(read.invoice.number.clone(), invoices.len());
            let mut read = read;
            read.problems = problems;
            invoices.push(read);
        }
    });
    // An invoice whose rows do not all repeat one amount is an invoice of several lines: the file is an
    // export of invoice lines, and every invoice of several rows in it is its lines' sum.
    let lines = invoices.iter().any(|read| read.parts.iter().any(|part| part.amount != read.parts[0].amount));
    let refused_numbers = &refused_numbers;
    // Each invoice is settled on its own, now that all its rows are in: those of a file of more than one
    // chunk in two halves, on two cores.
    let finish_all = |reads: Vec<Box<ReadInvoice>>| -> Vec<_> {
        reads
            .into_iter()
            .map(|mut read| {
                if lines {
                    read.add_lines(refused_numbers.get(&read.invoice.number).copied());
                }
                (*read).finish(&headers, mapping)
            })
            .collect()
    };
    let finished = if cores > 1 && invoices.len() > READ_CHUNK {
        let second = invoices.split_off(invoices.len() / 2);
        let (second, mut first) = super::side_by_side(|| finish_all(second), || finish_all(invoices));
        first.extend(second);
        first
    } else {
        finish_all(invoices)
    };
    let mut seen_warnings = HashSet::new();
    typed.rows.reserve(finished.len());
    for (row, problems, warnings, not_owed) in finished {
        match row {
            Some(invoice) if not_owed.is_some() => {
                typed.problems.extend(problems);
                if let Some((why, status)) = not_owed {
                    typed.not_owed.push(NotOwedRow { why, invoice, status });
                }
            }
            Some(row) if problems.is_empty() => {
                // A refused row warns of nothing: its reasons say it all.
                for warning in warnings {
                    // A client's value left out warns once per client, however many invoices repeat it;
                    // what an invoice's own figures say warns on every invoice.
                    if warning.about_invoice
                        || seen_warnings.insert((warning.client.clone(), warning.column.clone(), warning.value.clone()))
                    {
                        typed.warnings.push(warning);
                    }
                }
                typed.rows.push(row)
            }
            _ => typed.problems.extend(problems),
        }
    }
    settle_by_used_credit_notes(&mut typed, &column_name(&headers, mapping, Field::Remaining));
    typed.problems.sort_by_key(|problem| problem.row);
    typed.warnings.sort_by_key(|warning| warning.row);
    typed
}

/// Sets each credit note the file says is used up (or partly used) against the invoice of the file it
/// settled in the invoicing tool: the same client's invoice whose remaining amount is short of its total
/// less what was paid by exactly the part used (an invoicing tool's remaining amount deducts credit notes,
/// its paid amount does not). That part is the credit note, not money: it is no payment of the invoice,
/// and the credit note is imported naming the invoice, which the ledger settles first with it (the whole
/// credit note: what the tool left of it goes to the client's other invoices). A used-up credit note of
/// the amount of an invoice the file says is cancelled is that invoice's, and is left to the plan; one that
/// settled no invoice of the file is left as read (used up: nothing of it is imported; partly used: only
/// what remains of it).
fn settle_by_used_credit_notes(typed: &mut TypedRows, remaining_column: &str) {
    enum At {
        NotOwed(usize),
        Row(usize),
    }
    let same_client = |a: &ClientCells, b: &ClientCells| match (a.siren_siret.get(..9), b.siren_siret.get(..9)) {
        (Some(a), Some(b)) => a == b,
        _ => fold(&a.name) == fold(&b.name),
    };
    let mut cancelled: Vec<Option<&ImportRow>> =
        typed.not_owed.iter().filter(|row| row.why == NotOwed::Cancelled).map(|row| Some(&*row.invoice)).collect();
    let mut credit_notes: Vec<(usize, At)> = Vec::new();
    for (at, row) in typed.not_owed.iter().enumerate().filter(|(_, row)| row.why == NotOwed::CreditNoteUsedUp) {
        let credit_note = &row.invoice;
        let of_cancelled = cancelled.iter_mut().find(|invoice| {
            invoice.is_some_and(|invoice| {
                invoice.amount == -credit_note.amount && same_client(&invoice.client, &credit_note.client)
            })
        });
        match of_cancelled {
            Some(invoice) => *invoice = None,
            None => credit_notes.push((credit_note.row, At::NotOwed(at))),
        }
    }
    for (at, row) in typed.rows.iter().enumerate().filter(|(_, row)| row.used_credit.is_some()) {
        credit_notes.push((row.row, At::Row(at)));
    }
    if credit_notes.is_empty() || !typed.rows.iter().any(|row| row.settled_unpaid > Decimal::ZERO) {
        return;
    }
    credit_notes.sort_by_key(|(row, _)| *row);
    // Each credit note with the invoice it settled, decided before anything moves.
    let mut settled: Vec<(At, usize)> = Vec::new();
    let mut taken: HashSet<usize> = HashSet::new();
    for (_, at) in credit_notes {
        let credit_note = match at {
            At::NotOwed(index) => &typed.not_owed[index].invoice,
            At::Row(index) => &typed.rows[index],
        };
        let Some(used) = credit_note.used_credit.as_ref().map(|credit| credit.used) else { continue };
        let invoice = typed.rows.iter().position(|invoice| {
            invoice.amount > Decimal::ZERO
                && invoice.settled_unpaid == used
                && credit_note.corrects.as_ref().is_none_or(|corrects| *corrects == invoice.number)
                && same_client(&invoice.client, &credit_note.client)
        });
        if let Some(invoice) = invoice.filter(|invoice| taken.insert(*invoice)) {
            settled.push((at, invoice));
        }
    }
    let mut moved: Vec<Box<ImportRow>> = Vec::new();
    for (at, invoice_at) in settled {
        let credit_note = match at {
            At::NotOwed(index) => &mut typed.not_owed[index].invoice,
            At::Row(index) => &mut typed.rows[index],
        };
        let Some(whole) = credit_note.used_credit.clone() else { continue };
        let credit_number = credit_note.number.clone();
        let invoice = &mut typed.rows[invoice_at];
        let (number, invoice_row) = (invoice.number.clone(), invoice.row);
        let counted = invoice.settled_unpaid_in_paid.min(whole.used);
        invoice.paid = invoice.paid.map(|paid| paid - counted);
        invoice.settled_unpaid = Decimal::ZERO;
        invoice.settled_unpaid_in_paid = Decimal::ZERO;
        invoice.notes.push(format!(
            "Reste dû inférieur de {} au montant moins le payé : c'est l'avoir « {credit_number} » de ce client, \
             utilisé contre cette facture dans votre logiciel, pas un règlement ; aucun encaissement n'en est \
             inscrit.",
            format_eur_ascii(whole.used)
        ));
        typed.warnings.retain(|warning| {
            !(warning.row == invoice_row && warning.about_invoice && warning.column == remaining_column)
        });
        let left = -whole.amount - whole.used;
        let credit_note = match at {
            At::NotOwed(index) => &mut typed.not_owed[index].invoice,
            At::Row(index) => &mut typed.rows[index],
        };
        credit_note.corrects = Some(number.clone());
        credit_note.used_credit = Some(UsedCredit { settles: Some(number.clone()), ..whole.clone() });
        (credit_note.amount, credit_note.amount_excl_vat) = (whole.amount, whole.amount_excl_vat);
        credit_note.notes.retain(|note| !note.starts_with("Avoir de "));
        let rest = if left > Decimal::ZERO {
            format!(
                " Les {} que votre logiciel en laisse vont aux autres factures du client (Ardoise déduit l'avoir \
                 entier de « {number} » d'abord, le solde du client est le même).",
                format_eur_ascii(left)
            )
        } else {
            String::new()
        };
        credit_note.notes.push(format!(
            "Avoir de {} dont {} utilisés d'après le fichier contre la facture « {number} » (ligne {invoice_row}), \
             dont le reste dû en tient compte : il est inscrit en la nommant ; ce n'est pas un encaissement.{rest}",
            format_eur_ascii(-whole.amount),
            format_eur_ascii(whole.used)
        ));
        if let At::NotOwed(index) = at {
            let credit_row = typed.not_owed[index].invoice.row;
            typed.problems.retain(|problem| problem.row != credit_row);
            moved.push(typed.not_owed[index].invoice.clone());
        }
    }
    for row in moved {
        let number = row.number.clone();
        typed.not_owed.retain(|not_owed| not_owed.invoice.number != number || not_owed.invoice.row != row.row);
        let at = typed.rows.partition_point(|other| other.row < row.row);
        typed.rows.insert(at, row);
    }
}

/// One row read on its own: None when it is passed over (blank, a total, the header again), else the
/// invoice read, if any, and the row's problems.
type RowRead = Option<(Option<Box<ReadInvoice>>, Vec<RowProblem>)>;

/// Rows read together by one core (a file of one chunk is read on one thread): enough work per chunk to
/// be worth handing out, few enough that the reads waiting in order stay small.
const READ_CHUNK: usize = 8_192;

/// The order of the file's numeric dates, from every date column below the header.
fn date_order(grid: &Grid, mapping: &ColumnMapping) -> DateOrder {
    let columns: Vec<usize> = [Field::IssueDate, Field::DueDate, Field::PaymentDate]
        .into_iter()
        .filter_map(|field| mapping.column_of(field))
        .collect();
    let texts = grid.rows.iter().filter(|row| row.number > mapping.header_row).flat_map(|row| {
        columns.iter().filter_map(move |&column| match Grid::cell(row, column) {
            Cell::Text(text) => Some(text.as_str()),
            _ => None,
        })
    });
    DateOrder::of(texts)
}

/// One row of an invoice: what it says was paid and when, what it says remains, and its amounts (the
/// invoice's, repeated, or a line's).
#[derive(Debug, Clone)]
struct PaymentPart {
    row: usize,
    paid: Option<Decimal>,
    date: Option<NaiveDate>,
    remaining: Option<Decimal>,
    amount: Decimal,
    amount_excl_vat: Option<Decimal>,
}

/// An invoice as read from its row (or rows), before what it received is settled.
#[derive(Debug, Clone)]
struct ReadInvoice {
    /// Boxed from the start: the row travels to the plan as it was read, never copied whole (a
    /// 100,000-row file's rows moved into a new list of their own were 53 MB of fresh memory).
    invoice: Box<ImportRow>,
    parts: Vec<PaymentPart>,
    remaining: Option<Decimal>,
    /// The paid and remaining cells as the first row writes them, for messages.
    paid_shown: String,
    remaining_shown: String,
    status: Option<(StatusMeaning, String)>,
    /// The header of a second status column when the status was read there (Odoo's « Statut du
    /// paiement »), for the messages; None for the status column.
    status_column: Option<String>,
    /// A status word the import does not know (« Terminée »), as written, with its column's header, when
    /// no status column says anything it knows: warned of when the file gives no paid nor remaining amount.
    unknown_status: Option<(String, String)>,
    warnings: Vec<RowWarning>,
    problems: Vec<RowProblem>,
}

impl ReadInvoice {
    /// True when `other` is a further row of this invoice (a payment, or a line), not another invoice
    /// with the same number.
    fn same_invoice(&self, other: &ReadInvoice) -> bool {
        let (a, b) = (&self.invoice, &other.invoice);
        a.client.name == b.client.name && a.issue_date == b.issue_date
    }

    /// In an export of invoice lines, the invoice of several rows is its lines' sum. Its paid amount,
    /// remaining amount and payment date are the invoice's when every line repeats them (or none gives
    /// them); lines that give different ones cannot say what the invoice received, and a line refused
    /// (`refused_line`, its row) leaves the sum unknown: every row of the invoice is then refused.
    fn add_lines(&mut self, refused_line: Option<usize>) {
        if self.parts.len() < 2 && refused_line.is_none() {
            return;
        }
        let rows: Vec<String> = self.parts.iter().map(|part| part.row.to_string()).collect();
        let first = &self.parts[0];
        let repeated = self
            .parts
            .iter()
            .all(|part| (part.paid, part.date, part.remaining) == (first.paid, first.date, first.remaining));
        let amount: Decimal = self.parts.iter().map(|part| part.amount).sum();
        let excl_vat: Option<Decimal> = self.parts.iter().map(|part| part.amount_excl_vat).sum();
        let too_large = [Some(amount), excl_vat].into_iter().flatten().any(|sum| sum.abs() > MAX_AMOUNT);
        let refusal = match refused_line {
            Some(row) => Some(format!(
                "la ligne {row} de la facture « {} » est refusée : sans elle, son montant (la somme de ses lignes) \
                 n'est pas connu. Toutes ses lignes sont ignorées : corrigez la ligne {row} puis importez le fichier \
                 à nouveau.",
                self.invoice.number
            )),
            None if too_large => Some(format!(
                "facture « {} » sur plusieurs lignes du fichier (lignes {}) : la somme de leurs montants dépasse \
                 le plus grand montant qu'Ardoise inscrit ({}). Toutes ses lignes sont ignorées : vérifiez les \
                 montants de ces lignes (un numéro ou un code saisi dans la colonne du montant ?).",
                self.invoice.number,
                rows.join(", "),
                format_eur_ascii(MAX_AMOUNT)
            )),
            None if !repeated => Some(format!(
                "facture « {} » sur plusieurs lignes du fichier (lignes {}), chacune avec son montant, mais des \
                 règlements différents d'une ligne à l'autre : ce qui a été réglé sur la facture n'est pas connu. \
                 Toutes ses lignes sont ignorées : donnez le même payé, reste dû et date de règlement sur chaque \
                 ligne (ceux de la facture), ou une ligne par facture.",
                self.invoice.number,
                rows.join(", ")
            )),
            None => None,
        };
        if let Some(message) = refusal {
            let value = self.invoice.number.clone();
            let problems = self.parts.iter().map(|part| RowProblem {
                row: part.row,
                column: String::new(),
                value: value.clone(),
                message: message.clone(),
            });
            self.problems.extend(problems.collect::<Vec<_>>());
            return;
        }
        self.invoice.notes.push(format!(
            "Facture sur {} lignes du fichier (lignes {}) : son montant est la somme de leurs montants, {}.",
            self.parts.len(),
            rows.join(", "),
            format_eur_ascii(amount)
        ));
        (self.invoice.amount, self.invoice.amount_excl_vat) = (amount, excl_vat);
        self.parts.truncate(1);
    }

    fn absorb(&mut self, other: ReadInvoice, problems: Vec<RowProblem>) {
        self.parts.extend(other.parts);
        self.warnings.extend(other.warnings);
        self.problems.extend(problems);
        if self.remaining.is_none() {
            self.remaining = other.remaining;
        }
        if self.status.is_none() {
            self.status = other.status;
            self.status_column = other.status_column;
        }
        if self.unknown_status.is_none() {
            self.unknown_status = other.unknown_status;
        }
    }

    /// The invoice with what it received settled, or the problems that refuse it; and its warnings. A row
    /// refused only because the file says nothing is owed on it comes back too, with why.
    fn finish(mut self, headers: &[String], mapping: &ColumnMapping) -> Finished {
        let row = self.invoice.row;
        let column = |field: Field| column_name(headers, mapping, field);
        let status_column = self.status_column.clone().unwrap_or_else(|| column(Field::Status));
        let mut not_owed = None;
        // The amount excluding VAT the invoice form refuses (above the total, or of the other sign: the HT and
        // TTC columns swapped, or lines whose HT and TTC disagree) is left out; what is owed is the total.
        if let Some(excl_vat) = self.invoice.amount_excl_vat {
            let amount = self.invoice.amount;
            if excl_vat.is_sign_negative() != amount.is_sign_negative() || excl_vat.abs() > amount.abs() {
                self.invoice.amount_excl_vat = None;
                self.warnings.push(RowWarning {
                    row,
                    client: self.invoice.client.name.clone(),
                    column: column(Field::AmountExclVat),
                    value: format_eur_ascii(excl_vat),
                    message: format!(
                        "montant HT {} {} au total TTC de {} : les colonnes HT et TTC sont-elles inversées ? Le \
                         total TTC est retenu, le HT laissé de côté.",
                        format_eur_ascii(excl_vat),
                        if excl_vat.is_sign_negative() == amount.is_sign_negative() {
                            "supérieur"
                        } else {
                            "de signe contraire"
                        },
                        format_eur_ascii(amount)
                    ),
                    about_invoice: true,
                });
            }
        }
        if let Some((meaning, shown)) = &self.status {
            // Dolibarr writes its statuses as digits: the message says what the digit means.
            let gloss = |word: &str| {
                if shown.trim().bytes().all(|b| b.is_ascii_digit()) {
                    format!(" ({word})")
                } else {
                    String::new()
                }
            };
            let message = match meaning {
                StatusMeaning::Quote => Some(format!(
                    "ligne au statut « {shown} » : un devis n'est pas une facture, rien n'est dû tant qu'elle n'est \
                     pas émise. Ligne ignorée : importez la facture une fois émise."
                )),
                StatusMeaning::Draft => Some(format!(
                    "facture au statut « {shown} »{} : brouillon ou pro forma, elle n'a pas été émise, rien n'est dû. \
                     Ligne ignorée.",
                    gloss("brouillon")
                )),
                StatusMeaning::Cancelled => {
                    if self.problems.is_empty() {
                        not_owed = Some((NotOwed::Cancelled, shown.trim().to_string()));
                    }
                    Some(format!(
                        "facture au statut « {shown} »{} dans votre logiciel : annulée, rien n'est dû. Ligne ignorée.",
                        gloss("abandonnée")
                    ))
                }
                StatusMeaning::WrittenOff => Some(format!(
                    "facture au statut « {shown} » dans votre logiciel : passée en perte, sans dire à quelle date. \
                     Ligne ignorée : une perte datée du jour de l'import tomberait dans l'export comptable de ce \
                     mois-ci. Saisissez la facture dans Ardoise et indiquez la date réelle de la perte (« Abandonnée \
                     le » dans la fiche de la facture)."
                )),
                StatusMeaning::Disputed => {
                    self.invoice.disputed = Some(shown.trim().to_string());
                    None
                }
                StatusMeaning::Paid | StatusMeaning::CreditNote => None,
            };
            if let Some(message) = message {
                self.problems.push(RowProblem { row, column: status_column, value: shown.clone(), message });
            }
        }
        let paid_cells: Vec<Decimal> = self.parts.iter().filter_map(|part| part.paid).collect();
        let dated = self.parts.iter().any(|part| part.date.is_some());
        // A file saying when an invoice was paid and nothing else about its payments (Facturation.PRO's
        // « Payé le » with no paid, remaining or status column): a date filled is the invoice paid in full.
        let only_a_date =
            [Field::Paid, Field::Remaining, Field::Status].iter().all(|f| mapping.column_of(*f).is_none())
                && self.parts.len() == 1
                && self.invoice.amount > Decimal::ZERO;
        let paid = match paid_cells.as_slice() {
            [] if dated && only_a_date => {
                if let Some(date) = self.parts[0].date {
                    self.invoice.notes.push(format!(
                        "Payée le {} d'après la colonne « {} » (le fichier ne donne ni montant payé, ni reste dû, \
                         ni statut) : réglée en entier à cette date.",
                        crate::domain::calendar::format_short(date),
                        column(Field::PaymentDate)
                    ));
                }
                Some(self.invoice.amount)
            }
            [] => None,
            // An invoice-level paid amount repeated on each of its rows counts once.
            [first, rest @ ..] if !dated && rest.iter().all(|other| other == first) => Some(*first),
            cells => Some(cells.iter().sum()),
        };
        let says_paid = matches!(self.status, Some((StatusMeaning::Paid, _)));
        match settle_paid(self.invoice.amount, paid, self.remaining, says_paid) {
            Ok(Settled { paid: settled, disagreement }) => {
                if let Some(remaining) = self.remaining.filter(|_| self.invoice.amount > Decimal::ZERO) {
                    let stated = paid.unwrap_or_default();
                    let gap = self.invoice.amount - remaining - stated;
                    if gap > Decimal::ZERO {
                        self.invoice.settled_unpaid = gap;
                        self.invoice.settled_unpaid_in_paid =
                            (settled.unwrap_or_default() - stated).clamp(Decimal::ZERO, gap);
                    }
                }
                self.invoice.paid = settled;
                if let Some(message) = disagreement {
                    self.warnings.push(RowWarning {
                        row,
                        client: self.invoice.client.name.clone(),
                        column: column(Field::Remaining),
                        value: self.remaining.map(format_eur_ascii).unwrap_or_default(),
                        message,
                        about_invoice: true,
                    });
                }
            }
            // A row its status refuses already says why nothing is owed.
            Err(Unsettled::NothingPaidNothingOwed) if !self.problems.is_empty() => {}
            Err(Unsettled::NothingPaidNothingOwed) => {
                let message = format!(
                    "payé 0 et reste dû 0 pour une facture de {} : ces chiffres se contredisent (facture annulée, \
                     extournée ou passée en perte dans votre logiciel ?). Ligne ignorée : ni dette ni encaissement \
                     n'est inscrit. Si la facture est due, corrigez le reste dû dans le fichier et importez-le à \
                     nouveau.",
                    format_eur_ascii(self.invoice.amount)
                );
                let value = self.remaining_shown.clone();
                self.problems.push(RowProblem { row, column: column(Field::Remaining), value, message });
            }
            Err(Unsettled::OutOfBounds(field)) => {
                let shown = match (field, paid_cells.len()) {
                    (Field::Paid, 1) => self.paid_shown.clone(),
                    (Field::Paid, _) => paid.map(format_eur_ascii).unwrap_or_default(),
                    _ => self.remaining_shown.clone(),
                };
                let message = match field {
                    Field::Paid if self.invoice.amount < Decimal::ZERO => {
                        "un avoir ne peut pas recevoir de règlement".to_string()
                    }
                    Field::Paid => format!("montant payé « {shown} » hors de 0 et du montant de la facture"),
                    _ => format!("reste dû « {shown} » hors de 0 et du montant de la facture"),
                };
                self.problems.push(RowProblem { row, column: column(field), value: shown, message });
            }
        }
        // A credit note offsets only what the file says remains of it (the tools write that remainder with
        // either sign): nothing when it is used up, in the tool, against the invoice it cancelled or others.
        if self.invoice.amount < Decimal::ZERO && self.problems.is_empty() {
            if let Some(left) = self.remaining.map(|remaining| remaining.abs()) {
                let amount = -self.invoice.amount;
                if left > amount {
                    let value = self.remaining_shown.clone();
                    let message = format!("reste « {value} » hors de 0 et du montant de l'avoir");
                    self.problems.push(RowProblem { row, column: column(Field::Remaining), value, message });
                } else if left.is_zero() {
                    not_owed = Some((NotOwed::CreditNoteUsedUp, String::new()));
                    self.invoice.used_credit = Some(UsedCredit {
                        amount: self.invoice.amount,
                        amount_excl_vat: self.invoice.amount_excl_vat,
                        used: amount,
                        settles: None,
                    });
                    let message = format!(
                        "avoir de {} entièrement utilisé d'après le fichier (reste {}) : il a déjà été déduit, dans \
                         votre logiciel, de la facture qu'il annule ou corrige ; rien n'en reste à déduire des autres \
                         factures du client. Ligne ignorée.",
                        format_eur_ascii(amount),
                        format_eur_ascii(Decimal::ZERO)
                    );
                    let value = self.remaining_shown.clone();
                    self.problems.push(RowProblem { row, column: column(Field::Remaining), value, message });
                } else if left < amount {
                    self.invoice.used_credit = Some(UsedCredit {
                        amount: self.invoice.amount,
                        amount_excl_vat: self.invoice.amount_excl_vat,
                        used: amount - left,
                        settles: None,
                    });
                    self.invoice.notes.push(format!(
                        "Avoir de {} dont {} déjà utilisés d'après le fichier : seuls les {} qui en restent sont \
                         inscrits, à déduire des autres factures du client.",
                        format_eur_ascii(amount),
                        format_eur_ascii(amount - left),
                        format_eur_ascii(left)
                    ));
                    self.invoice.amount = -left;
                    // The amount excluding VAT of the whole credit note is not that of what remains of it.
                    self.invoice.amount_excl_vat = None;
                }
            }
        }
        if let Some((word, status_header)) =
            self.unknown_status.as_ref().filter(|_| paid_cells.is_empty() && self.remaining.is_none())
        {
            self.warnings.push(RowWarning {
                row,
                client: self.invoice.client.name.clone(),
                column: status_header.clone(),
                value: word.clone(),
                message: format!(
                    "statut « {word} » non reconnu : le fichier ne donnant ni montant payé ni reste dû, la facture \
                     est inscrite comme due en entier. Si elle est réglée, annulée ou n'est pas une facture, \
                     corrigez son statut (« Payée », « Annulée »…) ou ajoutez une colonne « Reste dû », puis \
                     importez le fichier à nouveau."
                ),
                about_invoice: true,
            });
        }
        let several = self.parts.len() > 1;
        let mut payments: Vec<FilePayment> = self
            .parts
            .iter()
            .filter_map(|part| {
                let date = part.date?;
                Some(FilePayment { row: part.row, date, amount: if several { part.paid } else { None } })
            })
            .collect();
        payments.sort_by_key(|payment| (payment.date, payment.row));
        self.invoice.payments = payments;
        // A row refused for nothing but what the file says is not owed is kept for the plan.
        let not_owed = not_owed.filter(|_| self.problems.len() == 1);
        let invoice = (self.problems.is_empty() || not_owed.is_some()).then_some(self.invoice);
        (invoice, self.problems, self.warnings, not_owed)
    }
}

/// An invoice read to the end: the row (or, refused, the row the file says nothing is owed on), the
/// problems that refuse it, its warnings, and why nothing is owed.
type Finished = (Option<Box<ImportRow>>, Vec<RowProblem>, Vec<RowWarning>, Option<(NotOwed, String)>);

/// What an invoice received, settled from the columns that say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// None when the file says nothing about payments.
    pub paid: Option<Decimal>,
    /// A French sentence when the paid and remaining amounts disagree with the total.
    pub disagreement: Option<String>,
}

/// Why what an invoice received cannot be settled from the file: the row is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsettled {
    /// A paid or remaining amount outside 0 and the total (or a payment on a credit note): the field at
    /// fault.
    OutOfBounds(Field),
    /// Paid 0 and remaining 0 on an invoice of a positive total (Invoice Ninja's « Reversed »): the
    /// remaining amount would make it paid in full, a payment nobody made in the receipts book.
    NothingPaidNothingOwed,
}

/// What was paid on an invoice of `amount` (TTC), from what the file says: any two of the total, the
/// paid amount and the remaining amount determine the third, to the cent. When all three are given and
/// disagree, the remaining amount wins (it is what the invoicing tool says is still owed, after the
/// credit notes, discounts and write-offs it knows of and the file may not show), the paid amount is the
/// total less it, and the disagreement is returned to be shown as a warning; but a paid amount of 0 is
/// never made a payment (an invoicing tool's remaining amount deducts credit notes, its paid amount does
/// not: the gap is no money received, and the warning says so), and paid 0 and remaining 0 on a positive
/// total refuse the row (money would be recorded as received that the file says was not,
/// and imported unpaid it would be a debt the tool says is not owed). With neither, a status saying
/// « Payée » means the whole amount. A credit note receives nothing. An amount outside 0 and the total
/// refuses the row: the field at fault is returned.
pub fn settle_paid(
    amount: Decimal,
    paid: Option<Decimal>,
    remaining: Option<Decimal>,
    says_paid: bool,
) -> Result<Settled, Unsettled> {
    let plain = |paid| Ok(Settled { paid, disagreement: None });
    if amount < Decimal::ZERO {
        return match paid {
            Some(paid) if paid > Decimal::ZERO => Err(Unsettled::OutOfBounds(Field::Paid)),
            Some(_) => plain(Some(Decimal::ZERO)),
            None => plain(remaining.map(|_| Decimal::ZERO)),
        };
    }
    if paid.is_some_and(|paid| paid < Decimal::ZERO || paid > amount) {
        return Err(Unsettled::OutOfBounds(Field::Paid));
    }
    if remaining.is_some_and(|remaining| remaining < Decimal::ZERO || remaining > amount) {
        return Err(Unsettled::OutOfBounds(Field::Remaining));
    }
    match (paid, remaining) {
        (Some(paid), Some(remaining)) if paid.is_zero() && remaining.is_zero() && amount > Decimal::ZERO => {
            Err(Unsettled::NothingPaidNothingOwed)
        }
        (Some(paid), Some(remaining)) if paid.is_zero() && remaining != amount => Ok(Settled {
            paid: Some(Decimal::ZERO),
            disagreement: Some(format!(
                "payé {} et reste dû {} ne font pas le montant de {} : le fichier dit que rien n'a été payé, aucun \
                 règlement n'est inscrit. L'écart de {} (un avoir, une remise ou une perte dans votre logiciel ?) \
                 n'est pas déduit : la facture est inscrite due de {}. Saisissez dans Ardoise l'avoir qui l'explique, \
                 ou importez l'export de votre logiciel qui le contient.",
                format_eur_ascii(paid),
                format_eur_ascii(remaining),
                format_eur_ascii(amount),
                format_eur_ascii(amount - remaining),
                format_eur_ascii(amount)
            )),
        }),
        (Some(paid), Some(remaining)) if paid + remaining != amount => Ok(Settled {
            paid: Some(amount - remaining),
            disagreement: Some(format!(
                "payé {} et reste dû {} ne font pas le montant de {} : le reste dû est retenu, la facture compte {} \
                 réglés.",
                format_eur_ascii(paid),
                format_eur_ascii(remaining),
                format_eur_ascii(amount),
                format_eur_ascii(amount - remaining)
            )),
        }),
        (Some(paid), _) => plain(Some(paid)),
        (None, Some(remaining)) => plain(Some(amount - remaining)),
        (None, None) if says_paid => plain(Some(amount)),
        (None, None) => plain(None),
    }
}

/// True when the cell, folded, is `folded` (a header's folded text).
fn reads_as(cell: &Cell, folded: &str) -> bool {
    match cell {
        Cell::Text(text) => folds_to(text, folded),
        other => folds_to(&other.display(), folded),
    }
}

/// Blank rows, totals rows ("Total", "Sous-total", or no invoice number and no client) and the header
/// repeated (a printed export pasted page after page).
fn is_passed_over(row: &GridRow, mapping: &ColumnMapping, header_folded: &[String]) -> bool {
    if row.cells.iter().all(Cell::is_empty) {
        return true;
    }
    let cell_of = |field: Field| mapping.column_of(field).map(|column| Grid::cell(row, column));
    // A repeated header names its invoice-number column as the header does; only then count the rest.
    let number_column = mapping.column_of(Field::Number);
    let repeats_number = number_column.is_some_and(|column| {
        !header_folded[column].is_empty() && reads_as(Grid::cell(row, column), &header_folded[column])
    });
    if repeats_number {
        let repeated = mapping
            .columns
            .iter()
            .enumerate()
            .filter(|(index, field)| {
                field.is_some()
                    && !header_folded[*index].is_empty()
                    && reads_as(Grid::cell(row, *index), &header_folded[*index])
            })
            .count();
        if repeated >= 2 {
            return true;
        }
    }
    let number_empty = cell_of(Field::Number).is_none_or(Cell::is_empty);
    let client_empty = cell_of(Field::Client).is_none_or(Cell::is_empty);
    if !number_empty && !client_empty {
        return false;
    }
    let says_total = row.cells.iter().any(|cell| match cell {
        Cell::Text(text) => {
            let folded = fold(text);
            ["total", "sous total", "totaux", "cumul", "montant total"]
                .iter()
                .any(|word| folded == *word || folded.starts_with(&format!("{word} ")))
        }
        _ => false,
    });
    (number_empty && client_empty) || (says_total && (number_empty || client_empty))
}

fn column_name(headers: &[String], mapping: &ColumnMapping, field: Field) -> String {
    mapping
        .column_of(field)
        .and_then(|column| headers.get(column))
        .filter(|header| !header.trim().is_empty())
        .map_or_else(|| field.label().to_string(), |header| header.trim().to_string())
}

struct RowReader<'a> {
    row: &'a GridRow,
    mapping: &'a ColumnMapping,
    headers: &'a [String],
    /// For each column, true when its header says its moments are in UTC.
    utc: &'a [bool],
    extra: ExtraColumns,
    order: DateOrder,
    /// The status column is Dolibarr's, whose cells may be its codes.
    dolibarr_codes: bool,
    problems: Vec<RowProblem>,
}

impl RowReader<'_> {
    fn cell(&self, field: Field) -> &Cell {
        self.mapping.column_of(field).map_or(&Cell::Empty, |column| Grid::cell(self.row, column))
    }

    fn problem(&mut self, field: Field, message: String) {
        let value = self.cell(field).display();
        self.problems.push(RowProblem {
            row: self.row.number,
            column: column_name(self.headers, self.mapping, field),
            value,
            message,
        });
    }

    fn warning(&self, name: &str, field: Field, message: String) -> RowWarning {
        RowWarning {
            row: self.row.number,
            client: name.to_string(),
            column: column_name(self.headers, self.mapping, field),
            value: self.cell(field).display(),
            message,
            about_invoice: false,
        }
    }

    fn text(&self, field: Field) -> String {
        values::text(self.cell(field))
    }

    fn required<T>(&mut self, field: Field, read: impl Fn(&Cell) -> Result<T, String>) -> Option<T> {
        match read(self.cell(field)) {
            Ok(value) => Some(value),
            Err(message) => {
                self.problem(field, message);
                None
            }
        }
    }

    fn optional<T>(&mut self, field: Field, read: impl Fn(&Cell) -> Result<T, String>) -> Option<T> {
        if self.cell(field).is_empty() {
            None
        } else {
            self.required(field, read)
        }
    }

    fn read(&mut self) -> Option<ReadInvoice> {
        let order = self.order;
        // A moment in UTC (Stripe's « Date (UTC) ») is dated by its day in France.
        let date_read = move |utc: bool| {
            move |cell: &Cell| match cell {
                Cell::Text(text) if utc => match crate::domain::calendar::french_day_of_utc(text) {
                    Some(day) => values::date_in(&Cell::Date(day), order),
                    None => values::date_in(cell, order),
                },
                _ => values::date_in(cell, order),
            }
        };
        let utc =
            |field: Field| self.mapping.column_of(field).is_some_and(|column| self.utc.get(column) == Some(&true));
        let (issue_utc, due_utc, payment_utc) = (utc(Field::IssueDate), utc(Field::DueDate), utc(Field::PaymentDate));
        let number = self.text(Field::Number);
        if number.is_empty() {
            self.problem(Field::Number, "numéro de facture vide".to_string());
        }
        let name = self.text(Field::Client);
        if name.is_empty() {
            self.problem(Field::Client, "nom du client vide".to_string());
        }
        let issue_date = self.required(Field::IssueDate, date_read(issue_utc));
        let due_date = self.optional(Field::DueDate, date_read(due_utc));
        let amount = self.required(Field::Amount, values::amount);
        let amount_excl_vat = self.optional(Field::AmountExclVat, values::amount);
        let paid = self.optional(Field::Paid, values::amount);
        let remaining = self.optional(Field::Remaining, values::amount);
        let payment_date = self.optional(Field::PaymentDate, date_read(payment_utc));
        let terms_text = self.text(Field::PaymentTerms);
        let payment_terms = crate::domain::terms::WrittenTerms::read(&terms_text);
        let mut notes = Vec::new();
        if due_date.is_none() && payment_terms.is_none() && !terms_text.is_empty() {
            notes.push(format!(
                "Conditions de paiement « {terms_text} » non comprises : l'échéance vient du délai du client ou du \
                 délai par défaut."
            ));
        }
        let (client, mut warnings) = self.client_cells(name);
        // An unreadable nature never refuses the invoice: it is left out, and the client's default applies.
        let nature = match self.cell(Field::Nature) {
            cell if cell.is_empty() => None,
            cell => match values::nature(cell) {
                Ok(nature) => Some(nature),
                Err(message) => {
                    let left_out = format!("{message}. Valeur laissée de côté : la nature par défaut s'applique.");
                    warnings.push(self.warning(&client.name, Field::Nature, left_out));
                    None
                }
            },
        };
        if amount == Some(Decimal::ZERO) {
            self.problem(Field::Amount, format!("montant nul « {} »", self.cell(Field::Amount).display()));
        }
        if let (Some(issue), Some(due)) = (issue_date, due_date) {
            if due < issue {
                self.problem(
                    Field::DueDate,
                    format!("échéance « {} » antérieure à la date de facture", self.cell(Field::DueDate).display()),
                );
            }
        }
        if values::is_provisional_reference(&number) {
            self.problem(
                Field::Number,
                format!(
                    "référence provisoire « {number} » : c'est un brouillon (une facture pas encore validée, sans \
                     numéro définitif), rien n'est dû. Ligne ignorée."
                ),
            );
        }
        if !self.problems.is_empty() || number.is_empty() {
            return None;
        }
        if let Some(warning) = self.vat_check(&client.name, amount?, amount_excl_vat) {
            warnings.push(warning);
        }
        let status_cell = self.cell(Field::Status);
        let dolibarr_codes = self.dolibarr_codes;
        let mut status = if dolibarr_codes {
            values::dolibarr_status_meaning(status_cell)
        } else {
            values::status_meaning(status_cell)
        }
        .map(|meaning| (meaning, self.text(Field::Status)));
        // A second status column (Odoo's « Statut du paiement », « Extourné ») speaks when the first says
        // nothing the import acts on (« Comptabilisé »).
        let second_status = self.extra.second_status.map(|column| Grid::cell(self.row, column));
        let mut status_column = None;
        if status.is_none() {
            status = second_status.and_then(|cell| {
                values::status_meaning(cell).map(|meaning| (meaning, cell.display().trim().to_string()))
            });
            status_column = status.as_ref().and(self.extra.second_status).and_then(|column| self.headers.get(column));
        }
        // The status cells written, each with its column's header: looked at only when no status was read.
        let unknown_status = if status.is_none() && !dolibarr_codes {
            let given: Vec<(&Cell, String)> = [
                Some((status_cell, column_name(self.headers, self.mapping, Field::Status))),
                self.extra.second_status.map(|column| {
                    (Grid::cell(self.row, column), self.headers.get(column).map_or("", |h| h.trim()).to_string())
                }),
            ]
            .into_iter()
            .flatten()
            .filter(|(cell, _)| !cell.is_empty())
            .collect();
            given
                .iter()
                .all(|(cell, _)| values::status_unknown(cell))
                .then(|| given.first().map(|(cell, column)| (cell.display().trim().to_string(), column.clone())))
                .flatten()
        } else {
            None
        };
        // « Payée le 02/11/2026 » dates the payment when no payment-date column does.
        let payment_date =
            payment_date.or_else(|| [Some(status_cell), second_status].into_iter().flatten().find_map(values::paid_on));
        // A credit note says so in its status or its document type (« Avoir », « Credit Memo »): its amount
        // is owed to the client whatever sign the file writes, as a negative amount already is.
        let type_says_credit_note = self.extra.document_type.is_some_and(|column| {
            values::status_meaning(Grid::cell(self.row, column)) == Some(StatusMeaning::CreditNote)
        });
        let credit_note = type_says_credit_note || matches!(status, Some((StatusMeaning::CreditNote, _)));
        if matches!(status, Some((StatusMeaning::CreditNote, _))) {
            status = None;
        }
        let as_credit_note = |amount: Decimal| if credit_note { -amount.abs() } else { amount };
        let (amount, amount_excl_vat) = (amount.map(as_credit_note), amount_excl_vat.map(as_credit_note));
        Some(ReadInvoice {
            invoice: Box::new(ImportRow {
                row: self.row.number,
                number,
                client,
                issue_date: issue_date?,
                due_date,
                payment_terms,
                amount: amount?,
                amount_excl_vat,
                object: self.text(Field::Object),
                nature,
                paid: None,
                payments: Vec::new(),
                paid_before_issue: false,
                issuer: None,
                corrects: None,
                deducts: None,
                payee: None,
                document: None,
                disputed: None,
                notes,
                settled_unpaid: Decimal::ZERO,
                settled_unpaid_in_paid: Decimal::ZERO,
                used_credit: None,
            }),
            parts: vec![PaymentPart {
                row: self.row.number,
                paid,
                date: payment_date,
                remaining,
                amount: amount?,
                amount_excl_vat,
            }],
            remaining,
            paid_shown: self.cell(Field::Paid).display(),
            remaining_shown: self.cell(Field::Remaining).display(),
            status,
            status_column: status_column.map(|header| header.trim().to_string()),
            unknown_status,
            warnings,
            problems: Vec::new(),
        })
    }

    /// A warning when the amount excluding VAT and the VAT the file gives do not add up to the total (as
    /// the file writes them, before a credit note's sign is set). A VAT column holding the rate (« 20 »)
    /// is no VAT amount: it is checked as a rate.
    fn vat_check(&self, client: &str, amount: Decimal, amount_excl_vat: Option<Decimal>) -> Option<RowWarning> {
        let (column, excl_vat) = (self.extra.vat?, amount_excl_vat?);
        let vat = values::amount(Grid::cell(self.row, column)).ok()?;
        let as_rate = crate::domain::money::round_cents(excl_vat * (Decimal::ONE_HUNDRED + vat) / Decimal::ONE_HUNDRED);
        if excl_vat + vat == amount || as_rate == amount {
            return None;
        }
        Some(RowWarning {
            row: self.row.number,
            client: client.to_string(),
            column: self.headers.get(column).map_or_else(String::new, |header| header.trim().to_string()),
            value: Grid::cell(self.row, column).display(),
            message: format!(
                "montant HT {} et TVA {} ne font pas le total TTC de {} : le total TTC est retenu. Vérifiez la \
                 ligne dans votre logiciel.",
                format_eur_ascii(excl_vat),
                format_eur_ascii(vat),
                format_eur_ascii(amount)
            ),
            about_invoice: true,
        })
    }

    /// The client's cells, each wrong identifier left out with a warning (never a refusal: the invoice is
    /// owed whatever the client's SIRET).
    fn client_cells(&mut self, name: String) -> (ClientCells, Vec<RowWarning>) {
        let mut warnings = Vec::new();
        let mut siren_siret = self.text(Field::SirenSiret).replace([' ', '\u{a0}', '.', '-'], "");
        let business_number_given = !siren_siret.is_empty() || !self.text(Field::VatNumber).is_empty();
        if !siren_siret.is_empty() {
            match identity::check_siren_or_siret(&siren_siret) {
                Ok((digits, _)) => siren_siret = digits,
                Err(message) => {
                    warnings.push(self.warning(&name, Field::SirenSiret, format!("{message} Valeur laissée de côté.")));
                    siren_siret.clear();
                }
            }
        }
        let vat = self.text(Field::VatNumber);
        if !vat.is_empty() {
            match identity::check_vat_number(&vat) {
                // A French VAT number holds the SIREN: it identifies the client when no SIREN is given.
                Ok(Some(siren)) if siren_siret.is_empty() => siren_siret = siren,
                Ok(_) => {}
                Err(message) => {
                    warnings.push(self.warning(&name, Field::VatNumber, format!("{message} Valeur laissée de côté.")))
                }
            }
        }
        let mut email = self.text(Field::Email);
        if !email.is_empty() {
            if let Err(message) = identity::check_email(&email) {
                warnings.push(self.warning(&name, Field::Email, format!("{message} Valeur laissée de côté.")));
                email.clear();
            }
        }
        let mut phone = self.text(Field::Phone);
        if !phone.is_empty() {
            match identity::check_phone(&phone) {
                Ok(normalised) => phone = normalised,
                Err(message) => {
                    warnings.push(self.warning(&name, Field::Phone, format!("{message} Valeur laissée de côté.")));
                    phone.clear();
                }
            }
        }
        let mut postcode = self.text(Field::Postcode);
        // A numeric cell loses the leading zero of "06000".
        if postcode.len() == 4 && postcode.bytes().all(|b| b.is_ascii_digit()) {
            postcode.insert(0, '0');
        }
        let cells = ClientCells {
            name,
            siren_siret,
            email,
            phone,
            street: self.text(Field::AddressStreet),
            complement: self.text(Field::AddressComplement),
            postcode,
            town: self.text(Field::Town),
            country: String::new(),
            business_number_given,
        };
        (cells, warnings)
    }
}
