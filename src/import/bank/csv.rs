//! CSV statements through the spreadsheet import's own pipeline: `read::decode_text` and `read::read_csv`
//! make the grid (encodings, separators, quoted multi-line labels), `mapping::find_header` finds the header
//! row below the account and balance lines banks write above it, and `values::date` / `values::amount` read
//! the cells. Columns are recognised by their French or English names, whatever the bank; the layouts of
//! the main French banks are named from their headers (docs/bank-formats.md). A file without any header
//! row (LCL's export) has its columns told from their content. The user may correct the mapping; it is
//! remembered per layout like a spreadsheet's.

use super::text::{iban, non_empty, payer_in_label};
use super::{
    direction_of, empty_statement, BankError, CsvLayout, CsvOptions, LineProblem, LineStatus, Statement,
    StatementFormat, StatementLine,
};
use crate::import::mapping::{find_header, fold, layout_key, HEADER_SEARCH_ROWS};
use crate::import::read::{decode_text, read_csv, Cell, Grid, GridRow};
use crate::import::{values, ImportError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a column of a bank CSV holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BankField {
    BookingDate,
    ValueDate,
    Label,
    Detail,
    Reference,
    Amount,
    Debit,
    Credit,
    /// « Sens » / « Side »: debit or credit, when the amount column is unsigned.
    Direction,
    Currency,
    CounterpartyName,
    CounterpartyIban,
    Status,
    TransactionId,
    /// How the money came, as the bank writes it (Qonto « Payment method », Shine « Type de transaction »).
    Method,
    /// Recognised so that it is never taken for an amount; not read.
    Balance,
}

impl BankField {
    pub const ALL: [BankField; 16] = [
        BankField::BookingDate,
        BankField::ValueDate,
        BankField::Label,
        BankField::Detail,
        BankField::Reference,
        BankField::Amount,
        BankField::Debit,
        BankField::Credit,
        BankField::Direction,
        BankField::Currency,
        BankField::CounterpartyName,
        BankField::CounterpartyIban,
        BankField::Status,
        BankField::TransactionId,
        BankField::Method,
        BankField::Balance,
    ];

    /// The French name shown in the mapping table and in messages.
    pub fn label(self) -> &'static str {
        match self {
            BankField::BookingDate => "Date",
            BankField::ValueDate => "Date de valeur",
            BankField::Label => "Libellé",
            BankField::Detail => "Détail du libellé",
            BankField::Reference => "Référence",
            BankField::Amount => "Montant",
            BankField::Debit => "Débit",
            BankField::Credit => "Crédit",
            BankField::Direction => "Sens",
            BankField::Currency => "Devise",
            BankField::CounterpartyName => "Contrepartie",
            BankField::CounterpartyIban => "IBAN de la contrepartie",
            BankField::Status => "Statut",
            BankField::TransactionId => "Identifiant de l'opération",
            BankField::Method => "Mode de paiement",
            BankField::Balance => "Solde",
        }
    }

    /// Header texts (folded, without a trailing currency or time zone) that name this field. The order of
    /// the fields matters where a text could name two: the first field listing it wins.
    fn names(self) -> &'static [&'static str] {
        match self {
            BankField::BookingDate => &[
                "date",
                "date operation",
                "date de l operation",
                "date d operation",
                "date de comptabilisation",
                // Société Générale's export (« date_comptabilisation;libellé_complet_operation;… »).
                "date comptabilisation",
                "date comptable",
                "date compta",
                "dateop",
                "date op",
                "settlement date",
                "operation date",
                "date de reglement",
                "booking date",
                "date de transaction",
                "date de la transaction",
                "transaction date",
                // Revolut: the day a line was completed (booked); a pending line has only its start.
                "date completed",
                "completed date",
                "date de fin",
                // N26 in French.
                "date de reservation",
            ],
            // Revolut's start date is no value date, but it stands in for the booking date the same way: a
            // pending line has no completion date, only the day it started.
            BankField::ValueDate => &[
                "date de valeur",
                "date valeur",
                "dateval",
                "date de la valeur",
                "value date",
                "date started",
                "started date",
                "date de debut",
            ],
            BankField::Label => &[
                "libelle",
                "libelle complet operation",
                "libelle complet",
                "libelle simplifie",
                "libelle court",
                "label",
                "description",
                "intitule",
                "nature de l operation",
                "nature",
                "wording",
            ],
            BankField::Detail => &[
                "libelle operation",
                "libelle de l operation",
                "detail de l ecriture",
                "detail",
                "details",
                "informations complementaires",
                "libelle complementaire",
                "complement",
                "note",
                "commentaire",
                "comment",
                "motif",
                "memo",
            ],
            BankField::Reference => &[
                "reference",
                "ref",
                "numero d operation",
                "n operation",
                "reference de l operation",
                "numero de cheque",
                "n cheque",
                "numero",
                // N26: what the payer wrote, where invoice numbers are.
                "payment reference",
                "reference de paiement",
            ],
            BankField::Amount => &[
                "montant",
                "amount",
                "montant operation",
                "montant de l operation",
                "montant total ttc",
                "montant total",
                "total amount incl vat",
                "total amount",
                "somme",
            ],
            BankField::Debit => {
                &["debit", "debits", "montant debit", "sortie", "sorties", "withdrawal", "debit amount"]
            }
            BankField::Credit => {
                &["credit", "credits", "montant credit", "entree", "entrees", "deposit", "credit amount"]
            }
            BankField::Direction => &["sens", "side", "debit credit", "credit debit", "type de mouvement"],
            // Revolut Business: « Payment currency » is the amount's; its « Orig currency » is not read.
            BankField::Currency => &["devise", "currency", "code devise", "monnaie", "payment currency"],
            BankField::CounterpartyName => &[
                "nom de la contrepartie",
                "contrepartie",
                "counterparty name",
                "counterparty",
                "tiers",
                "nom du tiers",
                "beneficiaire",
                "emetteur",
                "payeur",
                "supplierfound",
                // N26 (« Payee » before 2023). Not Revolut Business's « Payer »: the member of the team who
                // paid by card, empty on a client's transfer.
                "partner name",
                "nom du partenaire",
                "payee",
            ],
            BankField::CounterpartyIban => &[
                "iban",
                "iban de la contrepartie",
                "iban contrepartie",
                "counterparty iban",
                "iban du tiers",
                "partner iban",
                "iban du partenaire",
            ],
            BankField::Status => &["statut", "status", "etat", "state"],
            BankField::TransactionId => {
                &["transaction id", "identifiant de transaction", "id", "id transaction", "identifiant"]
            }
            BankField::Method => &[
                "payment method",
                "methode de paiement",
                "moyen de paiement",
                "mode de paiement",
                "mode de reglement",
                "type de transaction",
                "transaction type",
                // N26 (« Credit Transfer », « Direct Debit »...) and Revolut (« TRANSFER », « CARD_PAYMENT »...).
                "type",
            ],
            BankField::Balance => {
                &["solde", "balance", "accountbalance", "solde bancaire", "solde mouvement", "solde apres operation"]
            }
        }
    }

    /// The field a header text names, if any: « Montant(EUROS) », « Débit euros », « Date de la valeur (UTC) ».
    pub fn recognise(header: &str) -> Option<BankField> {
        let mut folded = fold(header);
        for suffix in [" en euros", " en euro", " euros", " euro", " eur", " utc", " local"] {
            if let Some(rest) = folded.strip_suffix(suffix) {
                folded = rest.to_string();
            }
        }
        BankField::ALL.into_iter().find(|field| field.names().contains(&folded.as_str()))
    }
}

/// Which field each column of a bank CSV holds, and where its header row is (0: the file has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankMapping {
    pub header_row: usize,
    pub columns: Vec<Option<BankField>>,
}

impl BankMapping {
    pub fn column_of(&self, field: BankField) -> Option<usize> {
        self.columns.iter().position(|column| *column == Some(field))
    }

    /// The indispensable fields missing: a date, a label, and an amount or a debit or credit column.
    fn missing(&self) -> Vec<&'static str> {
        let has = |field| self.columns.contains(&Some(field));
        let mut missing = Vec::new();
        if !has(BankField::BookingDate) {
            missing.push("une colonne de date (« Date », « Date opération »...)");
        }
        if !has(BankField::Label) && !has(BankField::Detail) && !has(BankField::CounterpartyName) {
            missing.push("une colonne de libellé (« Libellé », « Label »...)");
        }
        if !has(BankField::Amount) && !has(BankField::Debit) && !has(BankField::Credit) {
            missing.push("une colonne de montant (« Montant », ou « Débit » et « Crédit »)");
        }
        missing
    }

    /// Refuses a mapping without the indispensable fields, with a field given to two columns, or whose
    /// header row does not exist in this file.
    pub fn check(&self, grid: &Grid) -> Result<(), BankError> {
        if self.header_row != 0 && !grid.rows.iter().any(|row| row.number == self.header_row) {
            return Err(BankError::BadMapping(format!("la ligne d'en-tête {} n'existe pas.", self.header_row)));
        }
        for field in BankField::ALL {
            if self.columns.iter().filter(|c| **c == Some(field)).count() > 1 {
                return Err(BankError::BadMapping(format!("« {} » est associé à deux colonnes.", field.label())));
            }
        }
        let missing = self.missing();
        if !missing.is_empty() {
            return Err(BankError::MissingColumns(missing.join(", ")));
        }
        Ok(())
    }
}

/// Reads a CSV statement.
pub fn read(file_name: &str, bytes: &[u8], options: CsvOptions<'_>) -> Result<Statement, BankError> {
    let text = decode_text(file_name, bytes).map_err(|error| table_error(file_name, error))?;
    let grid = read_csv(&text).map_err(|error| table_error(file_name, error))?;
    if grid.rows.is_empty() {
        return Err(BankError::Empty(file_name.to_string()));
    }
    // A text with a single column is prose or a list, not a table.
    if grid.rows.iter().take(50).all(|row| row.cells.len() < 2) {
        return Err(BankError::NotAStatement(file_name.to_string()));
    }
    let detected = detect(file_name, &grid);
    let (mapping, guessed) = match (options.mapping, options.remembered.and_then(|r| remembered(&grid, r))) {
        (Some(given), _) => (given.clone(), false),
        (None, Some(remembered)) => (remembered, false),
        (None, None) => detected?,
    };
    let key = key_of(&grid, &mapping);
    mapping.check(&grid)?;
    let header = grid.rows.iter().find(|row| row.number == mapping.header_row);
    let headers = (0..mapping.columns.len())
        .map(|index| header.map(|row| Grid::cell(row, index).display()).unwrap_or_default())
        .collect::<Vec<_>>();
    let mut statement = empty_statement(StatementFormat::Csv);
    statement.layout = header.and_then(bank_of).map(str::to_string);
    type_rows(&grid, &mapping, &mut statement);
    statement.csv = Some(CsvLayout { headers, mapping, layout_key: key, guessed });
    Ok(statement)
}

/// The key a layout's mapping is remembered under: the folded texts of its header row, or the number of
/// columns of a file without a header.
fn key_of(grid: &Grid, mapping: &BankMapping) -> String {
    match mapping.header_row {
        0 => format!("bank:sans-en-tete:{}", mapping.columns.len()),
        row => format!("bank:{}", layout_key(grid, row)),
    }
}

/// The mapping remembered for this file's layout: asked for the key of each of the first rows (the header
/// the user chose may be one the detection does not recognise), then for the header-less key; the first
/// remembered mapping that fits the file wins.
fn remembered(grid: &Grid, remembered: &super::Remembered<'_>) -> Option<BankMapping> {
    let width = grid.rows.iter().take(GUESS_ROWS).map(|row| row.cells.len()).max().unwrap_or(0);
    let candidates = grid
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .filter(|row| row.cells.len() >= 2)
        .map(|row| (row.number, format!("bank:{}", layout_key(grid, row.number))))
        .chain(std::iter::once((0, format!("bank:sans-en-tete:{width}"))));
    for (row, key) in candidates {
        if let Some(mapping) = remembered(&key).filter(|m| m.header_row == row && m.check(grid).is_ok()) {
            return Some(mapping);
        }
    }
    None
}

/// The spreadsheet reader's refusals, in the words of a bank statement.
pub(super) fn table_error(file_name: &str, error: ImportError) -> BankError {
    match error {
        ImportError::TooManyColumns { row, columns, max } => BankError::TooManyColumns { line: row, columns, max },
        ImportError::CellTooLong { row, chars, max } => BankError::CellTooLong { line: row, chars, max },
        ImportError::Empty(_) => BankError::Empty(file_name.to_string()),
        ImportError::UnclosedQuote { line } => BankError::CsvUnclosedQuote { file: file_name.to_string(), line },
        _ => BankError::NotAStatement(file_name.to_string()),
    }
}

/// The header row and its columns, or, when no row names a date, a label and an amount, the columns told
/// from their content (true in the second place).
fn detect(file_name: &str, grid: &Grid) -> Result<(BankMapping, bool), BankError> {
    let complete =
        |columns: &[Option<BankField>]| BankMapping { header_row: 0, columns: columns.to_vec() }.missing().is_empty();
    if let Some(found) = find_header(grid, BankField::recognise, complete) {
        let mut columns = found.columns;
        // A second date column the first-wins rule left out (Qonto's « Operation date » after its
        // « Settlement date ») stands in for the value date when there is none: a pending line has only it.
        if !columns.contains(&Some(BankField::ValueDate)) {
            if let Some(header) = grid.rows.iter().find(|row| row.number == found.header_row) {
                let second = (0..columns.len()).find(|&index| {
                    columns[index].is_none()
                        && matches!(Grid::cell(header, index), Cell::Text(text)
                            if BankField::recognise(text) == Some(BankField::BookingDate))
                });
                if let Some(index) = second {
                    columns[index] = Some(BankField::ValueDate);
                }
            }
        }
        return Ok((BankMapping { header_row: found.header_row, columns }, false));
    }
    if let Some(columns) = guess_columns(grid) {
        return Ok((BankMapping { header_row: 0, columns }, true));
    }
    // Say what the best header row lacks.
    let best = find_header(grid, BankField::recognise, |_| true)
        .filter(|found| found.score >= 2)
        .map(|found| BankMapping { header_row: found.header_row, columns: found.columns })
        .unwrap_or(BankMapping { header_row: 0, columns: Vec::new() });
    Err(BankError::NoHeader { file: file_name.to_string(), missing: best.missing().join(", ") })
}

/// How many rows are looked at to tell columns from their content.
const GUESS_ROWS: usize = 50;

/// Columns told from their content, for a file without a header row: the first column whose cells are
/// nearly all dates, the first other one whose cells are nearly all amounts, and the one with the most
/// letters as the label.
fn guess_columns(grid: &Grid) -> Option<Vec<Option<BankField>>> {
    let rows: Vec<&GridRow> = grid.rows.iter().take(GUESS_ROWS).collect();
    let width = rows.iter().map(|row| row.cells.len()).max()?;
    let share = |column: usize, test: &dyn Fn(&Cell) -> bool| {
        let filled: Vec<&Cell> =
            rows.iter().map(|row| Grid::cell(row, column)).filter(|cell| !cell.is_empty()).collect();
        let good = filled.iter().filter(|cell| test(cell)).count();
        (good, filled.len())
    };
    let mostly = |(good, filled): (usize, usize)| filled >= 2 && good * 10 >= filled * 8 && good * 2 >= rows.len();
    let date = (0..width).find(|&column| mostly(share(column, &|cell| values::date(cell).is_ok())))?;
    let amount = (0..width)
        .filter(|&column| column != date)
        .find(|&column| mostly(share(column, &|cell| values::amount(cell).is_ok())))?;
    let letters = |column: usize| {
        rows.iter()
            .map(|row| Grid::cell(row, column).display().chars().filter(|c| c.is_alphabetic()).count())
            .sum::<usize>()
    };
    let label =
        (0..width).filter(|&column| column != date && column != amount).max_by_key(|&column| letters(column))?;
    if letters(label) == 0 {
        return None;
    }
    let mut columns = vec![None; width];
    columns[date] = Some(BankField::BookingDate);
    columns[amount] = Some(BankField::Amount);
    columns[label] = Some(BankField::Label);
    Some(columns)
}

/// The bank whose export has this header row, when it is one of the layouts documented in
/// docs/bank-formats.md.
fn bank_of(header: &GridRow) -> Option<&'static str> {
    let names: Vec<String> = header.cells.iter().map(|cell| fold(&cell.display())).collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let layouts: [(&[&str], &str); 15] = [
        (&["libelle court", "montant operation en euro"], "BNP Paribas"),
        (&["detail de l ecriture", "montant de l operation"], "Société Générale"),
        (&["debit euros", "credit euros"], "Crédit Agricole"),
        (&["date de comptabilisation", "libelle simplifie"], "Caisse d'Épargne / Banque Populaire"),
        (&["montant euros"], "La Banque Postale"),
        (&["dateop", "dateval"], "Boursorama"),
        (&["total amount incl vat"], "Qonto"),
        (&["montant total ttc", "identifiant de transaction"], "Qonto"),
        (&["transaction id", "nom de la contrepartie"], "Shine"),
        (&["date de valeur", "solde"], "Crédit Mutuel / CIC"),
        (&["partner name", "payment reference"], "N26"),
        (&["payee", "payment reference"], "N26"),
        (&["nom du partenaire", "reference de paiement"], "N26"),
        (&["date started utc", "date completed utc"], "Revolut Business"),
        (&["started date", "completed date"], "Revolut"),
    ];
    layouts.iter().find(|(needed, _)| needed.iter().all(|name| has(name))).map(|(_, bank)| *bank)
}

/// Types every row below the header into lines, problems or skipped rows.
fn type_rows(grid: &Grid, mapping: &BankMapping, statement: &mut Statement) {
    let column = |field| mapping.column_of(field);
    let last_row = grid.rows.last().map(|row| row.number);
    for row in grid.rows.iter().filter(|row| row.number > mapping.header_row) {
        let cell = |field| column(field).map_or(&Cell::Empty, |index| Grid::cell(row, index));
        let text = |field| non_empty(&cell(field).display());
        if is_repeated_header(row) {
            statement.skipped += 1;
            continue;
        }
        let problem = |field: BankField, message: String| LineProblem {
            position: row.number,
            field: Some(field.label().to_string()),
            value: cell(field).display(),
            message,
        };
        let date_cell = match cell(BankField::BookingDate) {
            empty if empty.is_empty() => cell(BankField::ValueDate),
            written => written,
        };
        if date_cell.is_empty() {
            // Balance and total lines, and the tail of an export, have no date.
            let says_balance = row.cells.iter().any(|c| says_balance_or_total(&c.display()));
            let nothing = mapping.columns.iter().enumerate().all(|(index, field)| {
                field.is_none() || Grid::cell(row, index).is_empty() || *field == Some(BankField::Balance)
            });
            // LCL ends its export with the final balance alone, undated and unlabelled (`;5210,40;;;;;`).
            let closing = (Some(row.number) == last_row).then(|| only_an_amount(row)).flatten();
            if let Some(amount) = closing {
                statement.skipped += 1;
                if statement.closing_balance.is_none() {
                    statement.closing_balance = Some(super::Balance { date: None, amount });
                }
            } else if says_balance || nothing {
                statement.skipped += 1;
            } else {
                statement.problems.push(problem(BankField::BookingDate, "date vide".to_string()));
            }
            continue;
        }
        let booking_date = match values::date(date_cell) {
            Ok(date) => date,
            // « Solde au 08/01/2026 », « Total » written where the dates are (HSBC and others end so).
            Err(_) if says_balance_or_total(&date_cell.display()) => {
                statement.skipped += 1;
                continue;
            }
            Err(message) => {
                statement
                    .problems
                    .push(LineProblem { value: date_cell.display(), ..problem(BankField::BookingDate, message) });
                continue;
            }
        };
        let value_date = match cell(BankField::ValueDate) {
            value if value.is_empty() => None,
            value => values::date(value).ok(),
        };
        let amount = match amount_of(mapping, &cell) {
            Ok(amount) => amount,
            Err((field, message)) => {
                statement.problems.push(problem(field, message));
                continue;
            }
        };
        if amount.is_zero() {
            statement.skipped += 1;
            continue;
        }
        if is_balance_line(row, mapping) {
            statement.skipped += 1;
            if Some(row.number) == last_row && statement.closing_balance.is_none() {
                statement.closing_balance = Some(super::Balance { date: Some(booking_date), amount });
            }
            continue;
        }
        if let Some(currency) = text(BankField::Currency) {
            if !matches!(fold(&currency).as_str(), "eur" | "euro" | "euros") {
                let message = format!("opération en « {currency} » : seules les opérations en euros sont lues");
                statement.problems.push(problem(BankField::Currency, message));
                continue;
            }
        }
        let detail = text(BankField::Detail);
        let counterparty = text(BankField::CounterpartyName);
        let label =
            text(BankField::Label).or_else(|| detail.clone()).or_else(|| counterparty.clone()).unwrap_or_default();
        let details = if text(BankField::Label).is_some() { detail.unwrap_or_default() } else { String::new() };
        let counterparty_name = counterparty.or_else(|| payer_in_label(&format!("{label} {details}")));
        statement.lines.push(StatementLine {
            position: row.number,
            booking_date,
            value_date,
            amount,
            direction: direction_of(amount),
            status: status_of(&cell(BankField::Status).display()),
            label,
            details,
            reference: text(BankField::Reference),
            counterparty_name,
            counterparty_iban: text(BankField::CounterpartyIban).and_then(|text| iban(&text)),
            bank_reference: text(BankField::TransactionId),
            account: String::new(),
            method_hint: text(BankField::Method).unwrap_or_default(),
            bank_charges: Decimal::ZERO,
            unexplained_charges: Decimal::ZERO,
            fingerprint: String::new(),
            payers: Vec::new(),
        });
    }
}

/// Whether a cell names a balance or a total (« Solde au 08/01/2026 », « Solde final », « Sous-total »,
/// « Balance »): one of its words, folded, is one of those, so that « TOTALENERGIES » is no total.
fn says_balance_or_total(text: &str) -> bool {
    const WORDS: [&str; 7] = ["solde", "soldes", "total", "totaux", "totals", "balance", "cumul"];
    fold(text).split(' ').any(|word| WORDS.contains(&word))
}

/// Whether a dated row with an amount is the balance rather than a movement: besides its dates and
/// amounts it holds no word, only the account's own number or nothing. LCL ends its export so, with the
/// balance on the last day and the account's RIB where labels are (`08/01/2026<tab>9280,12<tab><tab><tab>30002
/// 01234 0000123456X 12`, or nothing after the amount in its `;` form): a movement always has a label, and
/// never names the account it is booked on alone.
fn is_balance_line(row: &GridRow, mapping: &BankMapping) -> bool {
    const FIGURES: [BankField; 7] = [
        BankField::BookingDate,
        BankField::ValueDate,
        BankField::Amount,
        BankField::Debit,
        BankField::Credit,
        BankField::Currency,
        BankField::Balance,
    ];
    row.cells.iter().enumerate().all(|(index, cell)| {
        let field = mapping.columns.get(index).copied().flatten();
        cell.is_empty() || field.is_some_and(|field| FIGURES.contains(&field)) || is_account_number(&cell.display())
    })
}

/// Whether a text is an account number and nothing else: an IBAN (its key checked: « CB12 CARREFOUR »
/// has an IBAN's shape), or a French RIB (bank and branch codes
/// of five digits, the account number of eleven digits or letters, the key of two digits), spaced or not.
fn is_account_number(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = compact.as_bytes();
    let rib = bytes.len() == 23
        && bytes[..10].iter().all(u8::is_ascii_digit)
        && bytes[10..21].iter().all(u8::is_ascii_alphanumeric)
        && bytes[21..].iter().all(u8::is_ascii_digit);
    rib || crate::domain::identity::check_iban(&compact).is_ok()
}

/// The amount of a row whose only written cell is an amount.
fn only_an_amount(row: &GridRow) -> Option<Decimal> {
    match row.cells.iter().filter(|cell| !cell.is_empty()).collect::<Vec<_>>().as_slice() {
        [cell] => values::amount(cell).ok(),
        _ => None,
    }
}

/// The signed amount of a row: one signed column (its sign turned by a « Sens » column when there is
/// one), or a credit minus a debit whatever sign the bank writes in its debit column (Crédit Agricole
/// writes debits positive, Crédit Mutuel and the Caisses d'Épargne negative).
fn amount_of<'a>(mapping: &BankMapping, cell: &dyn Fn(BankField) -> &'a Cell) -> Result<Decimal, (BankField, String)> {
    if mapping.column_of(BankField::Amount).is_some() {
        let amount = values::amount(cell(BankField::Amount)).map_err(|message| (BankField::Amount, message))?;
        let direction = fold(&cell(BankField::Direction).display());
        return Ok(if direction.starts_with('d') || direction == "out" {
            -amount.abs()
        } else if direction.starts_with('c') || direction == "in" {
            amount.abs()
        } else {
            amount
        });
    }
    let part = |field: BankField| match cell(field) {
        value if value.is_empty() => Ok(None),
        value => values::amount(value).map(|amount| Some(amount.abs())).map_err(|message| (field, message)),
    };
    let debit = part(BankField::Debit)?;
    let credit = part(BankField::Credit)?;
    if debit.is_none() && credit.is_none() {
        return Err((BankField::Credit, "ni débit ni crédit".to_string()));
    }
    Ok(credit.unwrap_or_default() - debit.unwrap_or_default())
}

/// A status column as banks write it (Qonto « settled » / « pending » / « declined », French words).
fn status_of(text: &str) -> LineStatus {
    let folded = fold(text);
    const PENDING: [&str; 8] =
        ["pending", "processing", "en cours", "en attente", "a venir", "authorized", "autorisee", "autorisation"];
    const REVERSED: [&str; 15] = [
        "declined",
        "reversed",
        "canceled",
        "cancelled",
        "annule",
        "annulee",
        "refuse",
        "refusee",
        "rejete",
        "rejetee",
        "rejected",
        "failed",
        "reverted",
        "retourne",
        "retournee",
    ];
    if PENDING.contains(&folded.as_str()) {
        LineStatus::Pending
    } else if REVERSED.contains(&folded.as_str()) {
        LineStatus::Reversed
    } else {
        LineStatus::Booked
    }
}

/// A header row repeated further down (some banks repeat it on each page of a long export).
fn is_repeated_header(row: &GridRow) -> bool {
    let recognised = row
        .cells
        .iter()
        .filter(|cell| matches!(cell, Cell::Text(text) if BankField::recognise(text).is_some()))
        .count();
    recognised >= 3 && recognised * 2 >= row.cells.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_the_main_banks_are_recognised() {
        let cases = [
            ("Date opération", Some(BankField::BookingDate)),
            ("Date de comptabilisation", Some(BankField::BookingDate)),
            ("Settlement date (UTC)", Some(BankField::BookingDate)),
            ("Date de la valeur (UTC)", Some(BankField::ValueDate)),
            ("dateVal", Some(BankField::ValueDate)),
            ("Libellé simplifié", Some(BankField::Label)),
            ("Libelle operation", Some(BankField::Detail)),
            ("Détail de l'écriture", Some(BankField::Detail)),
            ("Montant(EUROS)", Some(BankField::Amount)),
            ("Montant(FRANCS)", None),
            ("Montant operation en euro", Some(BankField::Amount)),
            ("Total amount (incl. VAT)", Some(BankField::Amount)),
            ("Débit euros", Some(BankField::Debit)),
            ("Crédit Euros", Some(BankField::Credit)),
            ("Nom de la contrepartie", Some(BankField::CounterpartyName)),
            ("Solde", Some(BankField::Balance)),
            ("Montant HT", None),
            ("Catégorie", None),
            // N26 and Revolut.
            ("Booking Date", Some(BankField::BookingDate)),
            ("Partner Name", Some(BankField::CounterpartyName)),
            ("Partner Iban", Some(BankField::CounterpartyIban)),
            ("Payment Reference", Some(BankField::Reference)),
            ("Amount (EUR)", Some(BankField::Amount)),
            ("Date completed (UTC)", Some(BankField::BookingDate)),
            ("Date started (UTC)", Some(BankField::ValueDate)),
            ("Completed Date", Some(BankField::BookingDate)),
            ("Started Date", Some(BankField::ValueDate)),
            ("State", Some(BankField::Status)),
            ("Payment currency", Some(BankField::Currency)),
            // Left out on purpose (docs/bank-formats.md): the team member, the fee, foreign amounts, the
            // trader's own account.
            ("Payer", None),
            ("Fee", None),
            ("Orig currency", None),
            ("Original Amount", None),
            ("Account Name", None),
            ("Account number", None),
        ];
        for (header, expected) in cases {
            assert_eq!(BankField::recognise(header), expected, "{header:?}");
        }
    }
}
