//! From grid rows to typed import rows, with every problem kept as data: the row, the column as the
//! file names it, the value read and a French message. Blank rows, totals rows and repeated header rows
//! are passed over, not reported.

use super::mapping::{fold, ColumnMapping, Field};
use super::read::{Cell, Grid, GridRow};
use super::values;
use crate::identity;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// The client as one row of the file describes it.
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
    pub amount: Decimal,
    pub amount_excl_vat: Option<Decimal>,
    pub object: String,
    /// What the file says has been paid on the invoice (from a paid, remaining or status column).
    pub paid: Option<Decimal>,
    /// True when `paid` is what was paid before the invoice was issued (an e-invoice's prepaid amount)
    /// rather than what has been paid to date: payments recorded since are then no contradiction.
    pub paid_before_issue: bool,
    /// Who issued the invoice, when the file says so (e-invoices); None for a spreadsheet row.
    pub issuer: Option<IssuerCells>,
    /// The invoice a credit note corrects, when the file names it.
    pub corrects: Option<String>,
    /// What the user should know about the row before confirming, in French.
    pub notes: Vec<String>,
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

/// The rows of a sheet, typed.
#[derive(Debug, Clone, Default)]
pub struct TypedRows {
    pub rows: Vec<ImportRow>,
    pub problems: Vec<RowProblem>,
    pub skipped: usize,
}

/// Types every row below the header row.
pub fn type_rows(grid: &Grid, mapping: &ColumnMapping) -> TypedRows {
    let headers = mapping.header_texts(grid);
    let header_folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut typed = TypedRows::default();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for row in grid.rows.iter().filter(|row| row.number > mapping.header_row) {
        if is_passed_over(row, mapping, &header_folded) {
            typed.skipped += 1;
            continue;
        }
        let mut reader = RowReader { row, mapping, headers: &headers, problems: Vec::new() };
        let parsed = reader.read();
        let mut problems = reader.problems;
        if let Some(parsed) = &parsed {
            if let Some(first) = first_seen.get(&parsed.number) {
                problems.push(RowProblem {
                    row: row.number,
                    column: column_name(&headers, mapping, Field::Number),
                    value: parsed.number.clone(),
                    message: format!(
                        "numéro « {} » déjà présent ligne {first} du fichier : ligne ignorée",
                        parsed.number
                    ),
                });
            }
        }
        match parsed {
            Some(parsed) if problems.is_empty() => {
                first_seen.insert(parsed.number.clone(), row.number);
                typed.rows.push(parsed);
            }
            _ => typed.problems.extend(problems),
        }
    }
    typed
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
        !header_folded[column].is_empty() && fold(&Grid::cell(row, column).display()) == header_folded[column]
    });
    if repeats_number {
        let repeated = mapping
            .columns
            .iter()
            .enumerate()
            .filter(|(index, field)| {
                field.is_some()
                    && !header_folded[*index].is_empty()
                    && fold(&Grid::cell(row, *index).display()) == header_folded[*index]
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

    fn read(&mut self) -> Option<ImportRow> {
        let number = self.text(Field::Number);
        if number.is_empty() {
            self.problem(Field::Number, "numéro de facture vide".to_string());
        }
        let name = self.text(Field::Client);
        if name.is_empty() {
            self.problem(Field::Client, "nom du client vide".to_string());
        }
        let issue_date = self.required(Field::IssueDate, values::date);
        let due_date = self.optional(Field::DueDate, values::date);
        let amount = self.required(Field::Amount, values::amount);
        let amount_excl_vat = self.optional(Field::AmountExclVat, values::amount);
        let paid_cell = self.optional(Field::Paid, values::amount);
        let remaining = self.optional(Field::Remaining, values::amount);
        let client = self.client_cells(name);
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
        let paid = amount.and_then(|amount| self.paid(amount, paid_cell, remaining));
        if !self.problems.is_empty() || number.is_empty() {
            return None;
        }
        Some(ImportRow {
            row: self.row.number,
            number,
            client,
            issue_date: issue_date?,
            due_date,
            amount: amount?,
            amount_excl_vat,
            object: self.text(Field::Object),
            paid,
            paid_before_issue: false,
            issuer: None,
            corrects: None,
            notes: Vec::new(),
        })
    }

    /// What the file says was paid: the paid column, else amount minus the remaining column, else the
    /// whole amount when the status says the invoice is settled.
    fn paid(&mut self, amount: Decimal, paid: Option<Decimal>, remaining: Option<Decimal>) -> Option<Decimal> {
        let value = match (paid, remaining) {
            (Some(paid), _) => {
                if paid < Decimal::ZERO || (amount > Decimal::ZERO && paid > amount) {
                    let shown = self.cell(Field::Paid).display();
                    self.problem(
                        Field::Paid,
                        format!("montant payé « {shown} » hors de 0 et du montant de la facture"),
                    );
                    return None;
                }
                paid
            }
            (None, Some(remaining)) => {
                if remaining < Decimal::ZERO || (amount > Decimal::ZERO && remaining > amount) {
                    let shown = self.cell(Field::Remaining).display();
                    self.problem(
                        Field::Remaining,
                        format!("reste dû « {shown} » hors de 0 et du montant de la facture"),
                    );
                    return None;
                }
                if amount < Decimal::ZERO {
                    Decimal::ZERO
                } else {
                    amount - remaining
                }
            }
            (None, None) if values::says_paid(self.cell(Field::Status)) && amount > Decimal::ZERO => amount,
            (None, None) => return None,
        };
        if amount < Decimal::ZERO && value > Decimal::ZERO {
            self.problem(Field::Paid, "un avoir ne peut pas recevoir de règlement".to_string());
            return None;
        }
        Some(value)
    }

    fn client_cells(&mut self, name: String) -> ClientCells {
        let mut siren_siret = self.text(Field::SirenSiret).replace([' ', '\u{a0}', '.', '-'], "");
        if !siren_siret.is_empty() {
            match identity::check_siren_or_siret(&siren_siret) {
                Ok((digits, _)) => siren_siret = digits,
                Err(message) => self.problem(Field::SirenSiret, message),
            }
        }
        let email = self.text(Field::Email);
        if !email.is_empty() {
            if let Err(message) = identity::check_email(&email) {
                self.problem(Field::Email, message);
            }
        }
        let mut postcode = self.text(Field::Postcode);
        // A numeric cell loses the leading zero of "06000".
        if postcode.len() == 4 && postcode.bytes().all(|b| b.is_ascii_digit()) {
            postcode.insert(0, '0');
        }
        ClientCells {
            name,
            siren_siret,
            email,
            phone: self.text(Field::Phone),
            street: self.text(Field::AddressStreet),
            complement: self.text(Field::AddressComplement),
            postcode,
            town: self.text(Field::Town),
            country: String::new(),
        }
    }
}
