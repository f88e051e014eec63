//! Reading bank statements (F11) into typed lines, with no SQL and no file access: the CSV exports of
//! French banks (through the spreadsheet import's own reading, header search and value readers), OFX 1.x
//! (SGML) and 2.x (XML), CFONB 120 and ISO 20022 CAMT.053. The format is told from the bytes, never from
//! the file name. See docs/bank-formats.md for what each bank and format really writes.
//!
//! Like the spreadsheet import, a bad line is data: it comes back as a [`LineProblem`] (where, which field,
//! the value, a French reason) beside the good lines. Only a file that cannot be used at all is a
//! [`BankError`], whose French message says what is wrong, where, and what to do.

pub mod camt;
pub mod cfonb;
pub mod csv;
pub mod ofx;
mod text;

pub use self::csv::{BankField, BankMapping};

use super::read::decode_text;
use super::MAX_FILE_BYTES;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// The file formats a statement may come in, as recognised from its bytes (stored by its serde name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementFormat {
    Csv,
    /// OFX 1.x: SGML, leaf tags left unclosed.
    Ofx1,
    /// OFX 2.x: XML.
    Ofx2,
    Cfonb120,
    Camt053,
}

impl StatementFormat {
    /// The name a user knows the format by.
    pub fn label(self) -> &'static str {
        match self {
            StatementFormat::Csv => "CSV",
            StatementFormat::Ofx1 => "OFX 1 (SGML)",
            StatementFormat::Ofx2 => "OFX 2 (XML)",
            StatementFormat::Cfonb120 => "CFONB 120",
            StatementFormat::Camt053 => "CAMT.053",
        }
    }
}

/// Money in or out of the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Credit,
    Debit,
}

/// Whether the bank has booked a line. Only booked credits pay invoices; the others are set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    Booked,
    /// Announced but not booked yet (CAMT `PDNG`, `INFO`, `FUTR`; a CSV status « en attente »).
    Pending,
    /// Reversed or rejected by the bank (CAMT `RvslInd`, a CFONB rejection code, a CSV status « annulé »).
    Reversed,
}

/// One movement of the account, typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementLine {
    /// Where it is in the file: the line number (the record's line for CFONB, or its rank when the file
    /// has no line breaks; the line of the `<STMTTRN>`, `<Ntry>` or `<TxDtls>` element for OFX and CAMT).
    pub position: usize,
    pub booking_date: NaiveDate,
    pub value_date: Option<NaiveDate>,
    /// Signed: positive for a credit, negative for a debit; in euros, to the cent.
    pub amount: Decimal,
    pub direction: Direction,
    pub status: LineStatus,
    /// The bank's label, whitespace collapsed.
    pub label: String,
    /// Further free text: OFX `MEMO`, CFONB 05 complements, CAMT remittance information, a CSV detail
    /// column. Where payers usually write the invoice number.
    pub details: String,
    /// A structured reference given by the payer or the bank (CAMT creditor reference or end-to-end id,
    /// CFONB `RCN` or reference zone, OFX `CHECKNUM`/`REFNUM`, a CSV « Référence » column).
    pub reference: Option<String>,
    pub counterparty_name: Option<String>,
    /// Compact, upper case.
    pub counterparty_iban: Option<String>,
    /// The bank's own identifier of the line when it gives one: OFX `FITID`, CAMT `AcctSvcrRef`, a CSV
    /// transaction id (Qonto, Shine).
    pub bank_reference: Option<String>,
    /// The account of the statement the line belongs to (IBAN or bank account number, as written), ''
    /// when the file does not say: a file of several accounts (OFX `STMTRS`, CAMT `Stmt`, CFONB 01…07)
    /// names each line's own.
    pub account: String,
    /// Stable across overlapping statements of the same account and format, to recognise a line already
    /// imported (see [`fingerprint_lines`]).
    pub fingerprint: String,
    /// The payers of a batch entry (CAMT) whose transactions name different payers, as written; empty
    /// otherwise. Such a line has no `counterparty_name` nor `counterparty_iban`: it pays for several.
    pub payers: Vec<String>,
    /// How the bank says the money came, apart from the label, in words `matching::guess_method` knows:
    /// a CSV « Méthode de paiement » / « Type de transaction » column as written, the CAMT bank
    /// transaction family (`RCDT` « virement », `RCHQ` « cheque »…), the OFX `TRNTYPE` (`XFER`, `CHECK`…).
    /// Empty when the file does not say.
    pub method_hint: String,
    /// What the bank kept of a credit as its own charges before booking it (CAMT `Chrgs` included in the
    /// entry's amount, when the amount the payer instructed, `AmtDtls/InstdAmt`, less them is the amount
    /// booked); zero otherwise. The payer paid `amount` plus these: see [`StatementLine::paid_amount`].
    pub bank_charges: Decimal,
    /// Charges a CAMT credit states (`Chrgs`) that no gross amount of the file shows were taken from what
    /// the payer paid; zero otherwise. Not counted as paid: the matcher only refuses to call « sûr » a
    /// partial payment short of exactly these (see `matching::CreditLine::unexplained_charges`).
    pub unexplained_charges: Decimal,
}

impl StatementLine {
    /// How the credit was most likely paid: from the label's words, else from what the file says apart
    /// (`method_hint`), else « non précisé ». The label wins: it is what the bank wrote of this line.
    pub fn method(&self) -> crate::domain::model::PaymentMethod {
        use crate::domain::matching::guess_method;
        match guess_method(&self.label, &self.details) {
            crate::domain::model::PaymentMethod::Unspecified => guess_method(&self.method_hint, ""),
            found => found,
        }
    }

    /// What the payer paid: the amount booked, plus the charges the bank kept from it. What a credit
    /// settles of an invoice and what its payment records; the amount booked is what the account shows.
    pub fn paid_amount(&self) -> Decimal {
        self.amount + self.bank_charges
    }

    /// Every text of the line, for searching references and names.
    pub fn all_text(&self) -> String {
        let mut text = self.label.clone();
        for part in
            [Some(&self.details), self.reference.as_ref(), self.counterparty_name.as_ref()].into_iter().flatten()
        {
            if !part.is_empty() {
                text.push(' ');
                text.push_str(part);
            }
        }
        text
    }

    /// The line as the matcher takes it (`domain::matching`).
    pub fn credit_line(&self) -> crate::domain::matching::CreditLine {
        crate::domain::matching::CreditLine {
            position: self.position,
            date: self.booking_date,
            amount: self.paid_amount(),
            bank_charges: self.bank_charges,
            unexplained_charges: self.unexplained_charges,
            label: self.label.clone(),
            details: self.details.clone(),
            reference: self.reference.clone(),
            counterparty_name: self.counterparty_name.clone(),
            counterparty_iban: self.counterparty_iban.clone(),
            payers: self.payers.clone(),
        }
    }
}

/// A line that could not be read, beside the good ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineProblem {
    pub position: usize,
    /// The column or element concerned (« Montant », « TRNAMT », « Amt »...), when one is.
    pub field: Option<String>,
    /// The value as read.
    pub value: String,
    /// French, e.g. « montant illisible « 12,3,4 » ».
    pub message: String,
}

impl LineProblem {
    /// The message as a user reads it in a list: « Ligne 12, Montant : montant illisible... ».
    pub fn describe(&self) -> String {
        match &self.field {
            Some(field) => format!("Ligne {}, {field} : {}", self.position, self.message),
            None => format!("Ligne {} : {}", self.position, self.message),
        }
    }
}

/// A balance the statement states (opening or closing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub date: Option<NaiveDate>,
    pub amount: Decimal,
}

/// A statement as read: its lines and the lines that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub file_name: String,
    pub sha256: String,
    pub format: StatementFormat,
    /// The bank recognised from a CSV layout (« Crédit Agricole »...), or the CAMT version
    /// (« camt.053.001.08 »).
    pub layout: Option<String>,
    /// The accounts the file covers (IBAN or bank account number), as written.
    pub accounts: Vec<String>,
    /// The balances the file states; None for a file of several accounts (each has its own).
    pub opening_balance: Option<Balance>,
    pub closing_balance: Option<Balance>,
    pub lines: Vec<StatementLine>,
    pub problems: Vec<LineProblem>,
    /// Balance, total, zero and repeated header lines passed over.
    pub skipped: usize,
    /// For a CSV: the header cells, the mapping used and the key it is remembered under.
    pub csv: Option<CsvLayout>,
}

/// How a CSV statement was read, so the window can show and correct the mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsvLayout {
    pub headers: Vec<String>,
    pub mapping: BankMapping,
    pub layout_key: String,
    /// True when no header row named the columns and they were told from their content.
    pub guessed: bool,
}

impl Statement {
    /// Booked credits: what may pay invoices.
    pub fn booked_credits(&self) -> impl Iterator<Item = &StatementLine> {
        self.lines.iter().filter(|line| line.direction == Direction::Credit && line.status == LineStatus::Booked)
    }
}

/// Why a whole file is refused; nothing is written. Every message is French and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    #[error("Le fichier « {0} » est vide.")]
    Empty(String),
    #[error("Le fichier « {file} » pèse plus de {max_mb} Mo : exportez une période plus courte.")]
    TooLarge { file: String, max_mb: usize },
    #[error(
        "Le fichier « {file} » est {what}, pas un relevé bancaire. Téléchargez le relevé depuis votre banque en \
         ligne au format CSV, OFX, CFONB 120 ou CAMT.053."
    )]
    Binary { file: String, what: String },
    /// A statement in a format Ardoise does not read (QIF, SWIFT MT940).
    #[error(
        "Le fichier « {file} » est un relevé au format {format}, qu'Ardoise ne lit pas. Téléchargez le même relevé \
         depuis votre banque en ligne au format CSV, OFX, CFONB 120 ou CAMT.053."
    )]
    UnreadFormat { file: String, format: String },
    #[error(
        "Le fichier « {0} » n'est pas un relevé bancaire lisible. Ardoise lit les exports CSV des banques, \
         l'OFX, le CFONB 120 et le CAMT.053 : téléchargez le relevé dans l'un de ces formats."
    )]
    NotAStatement(String),
    #[error("Le fichier « {file} » {detail} Enregistrez-le à nouveau en UTF-8 ou téléchargez-le à nouveau.")]
    WrongEncoding { file: String, detail: String },
    #[error(
        "Le fichier XML « {file} » est abîmé ligne {line}, colonne {column} ({detail}) : il est sans doute \
         tronqué. Téléchargez-le à nouveau."
    )]
    BrokenXml { file: String, line: u32, column: u32, detail: String },
    #[error(
        "Le fichier XML « {file} » n'est pas un relevé CAMT.053 ni un relevé OFX : {detail} Téléchargez le relevé \
         de compte (camt.053) depuis votre banque."
    )]
    NotCamt { file: String, detail: String },
    #[error("Le relevé CAMT.053 « {0} » ne contient aucun relevé de compte (élément Stmt).")]
    CamtWithoutStatement(String),
    #[error(
        "Le fichier OFX « {0} » ne contient pas de liste d'opérations (aucun élément STMTTRN) : ce n'est pas un \
         relevé de compte. Téléchargez les opérations du compte au format OFX."
    )]
    OfxWithoutTransactions(String),
    #[error(
        "Le fichier OFX « {file} » s'arrête avant la fin de l'élément <{tag}> ouvert ligne {line} : il est \
         tronqué. Téléchargez-le à nouveau."
    )]
    OfxTruncated { file: String, tag: String, line: usize },
    #[error(
        "Le fichier OFX « {file} » est abîmé ligne {line} : {detail}. Téléchargez-le à nouveau depuis votre banque."
    )]
    OfxBroken { file: String, line: usize, detail: String },
    #[error(
        "Ligne {line} : enregistrement CFONB de {length} caractères au lieu de 120 ; le fichier est tronqué ou \
         abîmé. Téléchargez-le à nouveau depuis votre banque."
    )]
    CfonbRecordLength { line: usize, length: usize },
    #[error(
        "Ligne {line} : le relevé CFONB ouvert ici s'arrête avant son nouveau solde (enregistrement 07) ; le \
         fichier est tronqué. Téléchargez-le à nouveau depuis votre banque."
    )]
    CfonbWithoutClosing { line: usize },
    #[error(
        "Ligne {line} : code d'enregistrement « {code} » inconnu (un relevé CFONB 120 n'a que des \
         enregistrements 01, 04, 05 et 07) ; ce fichier n'est pas un relevé CFONB ou il est abîmé."
    )]
    CfonbUnknownRecord { line: usize, code: String },
    #[error(
        "Aucune ligne d'en-tête de relevé reconnue dans les 30 premières lignes du fichier « {file} » : il manque \
         {missing}. Indiquez vous-même les colonnes (date, libellé, montant ou débit et crédit) dans la \
         correspondance des colonnes."
    )]
    NoHeader { file: String, missing: String },
    #[error("Colonnes indispensables non associées : {0}. Associez-les dans la correspondance des colonnes.")]
    MissingColumns(String),
    #[error("Correspondance invalide : {0}")]
    BadMapping(String),
    #[error(
        "Ligne {line} : {columns} colonnes. Un relevé bancaire en a au plus {max} ; ce fichier n'en est sans doute \
         pas un."
    )]
    TooManyColumns { line: usize, columns: usize, max: usize },
    #[error(
        "Ligne {line} : une cellule contient {chars} caractères (au plus {max} sont lus) ; ce fichier n'est sans \
         doute pas un relevé bancaire."
    )]
    CellTooLong { line: usize, chars: usize, max: usize },
    #[error("Le relevé « {0} » ne contient aucune opération.")]
    NoLines(String),
    #[error(
        "Le fichier « {file} » se termine dans un champ entre guillemets ouvert ligne {line} : il est sans doute \
         tronqué. Téléchargez-le à nouveau depuis votre banque."
    )]
    CsvUnclosedQuote { file: String, line: usize },
}

impl BankError {
    /// A stable, machine-readable name for the window and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            BankError::Empty(_) => "empty",
            BankError::TooLarge { .. } => "too_large",
            BankError::Binary { .. } => "binary",
            BankError::UnreadFormat { .. } => "unread_format",
            BankError::NotAStatement(_) => "not_a_statement",
            BankError::WrongEncoding { .. } => "wrong_encoding",
            BankError::BrokenXml { .. } => "broken_xml",
            BankError::NotCamt { .. } => "not_camt",
            BankError::CamtWithoutStatement(_) => "camt_without_statement",
            BankError::OfxWithoutTransactions(_) => "ofx_without_transactions",
            BankError::OfxTruncated { .. } => "ofx_truncated",
            BankError::OfxBroken { .. } => "ofx_broken",
            BankError::CfonbRecordLength { .. } => "cfonb_record_length",
            BankError::CfonbUnknownRecord { .. } => "cfonb_unknown_record",
            BankError::CfonbWithoutClosing { .. } => "cfonb_without_closing",
            BankError::NoHeader { .. } => "no_header",
            BankError::MissingColumns(_) => "missing_columns",
            BankError::BadMapping(_) => "bad_mapping",
            BankError::TooManyColumns { .. } => "too_many_columns",
            BankError::CellTooLong { .. } => "cell_too_long",
            BankError::NoLines(_) => "no_lines",
            BankError::CsvUnclosedQuote { .. } => "csv_unclosed_quote",
        }
    }
}

/// The mapping remembered for a layout key, if any (the ledger's `import_mappings`, asked by the desk).
pub type Remembered<'f> = dyn Fn(&str) -> Option<BankMapping> + 'f;

/// How to read a CSV statement: the user's mapping, or the one remembered for the file's layout.
#[derive(Clone, Copy, Default)]
pub struct CsvOptions<'a> {
    /// The user's mapping; the remembered or detected one when None.
    pub mapping: Option<&'a BankMapping>,
    /// The mapping remembered for a layout key, if any.
    pub remembered: Option<&'a Remembered<'a>>,
}

impl std::fmt::Debug for CsvOptions<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("CsvOptions")
            .field("mapping", &self.mapping)
            .field("remembered", &self.remembered.is_some())
            .finish()
    }
}

/// Reads a statement from its bytes (named `file_name` for messages), whatever its format. Fails only
/// when the file as a whole cannot be used; a statement without any line is refused too, since there is
/// nothing to import.
pub fn read_statement(file_name: &str, bytes: &[u8], options: CsvOptions<'_>) -> Result<Statement, BankError> {
    if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BankError::Empty(file_name.to_string()));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(BankError::TooLarge { file: file_name.to_string(), max_mb: MAX_FILE_BYTES / 1024 / 1024 });
    }
    // Excel's « Texte Unicode » (UTF-16 with its byte order mark) is decoded as the spreadsheet import
    // decodes it, then told apart like any other text; the fingerprint stays the bytes as given.
    let decoded;
    let readable = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        decoded = decode_text(file_name, bytes).map_err(|error| self::csv::table_error(file_name, error))?;
        decoded.as_bytes()
    } else {
        bytes
    };
    let mut statement = match detect_format(readable) {
        Detected::Binary(what) => return Err(BankError::Binary { file: file_name.to_string(), what }),
        Detected::Unread(format) => {
            return Err(BankError::UnreadFormat { file: file_name.to_string(), format: format.to_string() })
        }
        Detected::Utf16 => {
            return Err(BankError::WrongEncoding {
                file: file_name.to_string(),
                detail: "est enregistré en UTF-16 sans l'indication d'ordre des octets (BOM) qui permet de le lire."
                    .to_string(),
            })
        }
        Detected::Ofx => ofx::read(file_name, readable)?,
        Detected::Xml => camt::read(file_name, readable)?,
        Detected::Cfonb => cfonb::read(readable)?,
        Detected::Text => self::csv::read(file_name, readable, options)?,
    };
    if statement.lines.is_empty() && statement.problems.is_empty() {
        return Err(BankError::NoLines(file_name.to_string()));
    }
    // Each account has its own balances: the first's opening beside the last's closing would be a sum
    // that no account ever showed (the desk warns, naming the accounts).
    if statement.accounts.len() > 1 {
        statement.opening_balance = None;
        statement.closing_balance = None;
    }
    statement.file_name = file_name.to_string();
    statement.sha256 = crate::domain::digest::sha256_hex(bytes);
    if let [account] = statement.accounts.as_slice() {
        for line in statement.lines.iter_mut().filter(|line| line.account.is_empty()) {
            line.account = account.clone();
        }
    }
    fingerprint_lines(&mut statement.lines);
    Ok(statement)
}

/// True when `needle` is within the first 4 KB of `head`.
fn sample_has(head: &[u8], needle: &[u8]) -> bool {
    head[..head.len().min(4096)].windows(needle.len()).any(|window| window == needle)
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Detected {
    Binary(String),
    /// A statement format not read: its name.
    Unread(&'static str),
    Utf16,
    Ofx,
    Xml,
    Cfonb,
    Text,
}

fn detect_format(bytes: &[u8]) -> Detected {
    let magic: [(&[u8], &str); 5] = [
        (b"%PDF", "un document PDF (les relevés PDF ne se lisent pas)"),
        (b"PK\x03\x04", "une archive ZIP ou un classeur (XLSX, ODS)"),
        (&[0xD0, 0xCF, 0x11, 0xE0], "un classeur Excel ancien (XLS)"),
        (&[0x89, b'P', b'N', b'G'], "une image PNG"),
        (&[0xFF, 0xD8, 0xFF], "une image JPEG"),
    ];
    for (prefix, what) in magic {
        if bytes.starts_with(prefix) {
            return Detected::Binary(what.to_string());
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let sample = &body[..body.len().min(64 * 1024)];
    let controls = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)).count();
    if sample.contains(&0) || controls * 100 > sample.len() {
        // Every other byte NUL in ASCII text: UTF-16 without its byte order mark.
        let nuls = sample.iter().filter(|&&b| b == 0).count();
        if nuls * 3 > sample.len() && nuls * 5 < sample.len() * 3 {
            return Detected::Utf16;
        }
        return Detected::Binary("un fichier binaire".to_string());
    }
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    let head = &body[start..];
    if head.starts_with(b"OFXHEADER") || head.starts_with(b"<OFX>") || head.starts_with(b"<OFX ") {
        return Detected::Ofx;
    }
    // QIF (« !Type:Bank », « !Account », « !Option:… ») and SWIFT MT940 (a block « {1:… », or its fields
    // « :20: » reference and « :25: » account from the first line).
    if head.starts_with(b"!Type:") || head.starts_with(b"!Account") || head.starts_with(b"!Option:") {
        return Detected::Unread("QIF (Quicken)");
    }
    if head.starts_with(b"{1:") || head.starts_with(b":20:") || (head.starts_with(b":") && sample_has(head, b"\n:25:"))
    {
        return Detected::Unread("SWIFT MT940");
    }
    if head.starts_with(b"<") {
        // An XML declaration may be followed by `<?OFX ...?>`: OFX 2 is read with the XML formats.
        return Detected::Xml;
    }
    if head.len() >= 7 && head.starts_with(b"01") && head[2..7].iter().all(u8::is_ascii_digit) {
        return Detected::Cfonb;
    }
    Detected::Text
}

/// Gives every line its fingerprint, keyed with the line's own account (the lines of the second account of
/// a file are those of that account's own statement, never the first account's):
///
/// - with the bank's own identifier (`FITID`, `AcctSvcrRef`, a CSV transaction id), that identifier with
///   the booking date and the amount: banks reuse identifiers (numbering each statement's lines from 1
///   again, or repeating one for every line of a day), so an identifier alone would take a different
///   payment of a later statement for one already imported. Written `<hash of the identifier>|<booking
///   date>|<amount in cents>|<rank>`: migration 0017 turned the identifier-only keys of earlier versions
///   into this form from the date and amount stored beside them, so that a statement imported before is
///   still recognised.
/// - otherwise the booking date, amount, folded label and details, hashed.
///
/// Either way the rank of the line among the lines of the file that share the rest of its key ends it, so
/// that two real payments a file gives the same identifier, or the same words, on one day stay two lines,
/// while an overlapping statement that holds the same day finds the same keys.
pub fn fingerprint_lines(lines: &mut [StatementLine]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for line in lines.iter_mut() {
        let account = &line.account;
        let cents = crate::domain::money::to_cents(line.amount);
        let key = match &line.bank_reference {
            Some(reference) => {
                let identifier =
                    &crate::domain::digest::sha256_hex(format!("ref|{account}|{reference}").as_bytes())[..32];
                format!("{identifier}|{}|{cents}", line.booking_date)
            }
            None => format!(
                "content|{account}|{}|{cents}|{}|{}",
                line.booking_date,
                super::mapping::fold(&line.label),
                super::mapping::fold(&line.details)
            ),
        };
        let occurrence = seen.entry(key.clone()).or_default();
        *occurrence += 1;
        line.fingerprint = match line.bank_reference {
            Some(_) => format!("{key}|{occurrence}"),
            None => crate::domain::digest::sha256_hex(format!("{key}|{occurrence}").as_bytes())[..32].to_string(),
        };
    }
}

/// A statement with no lines yet: what each reader starts from.
fn empty_statement(format: StatementFormat) -> Statement {
    Statement {
        file_name: String::new(),
        sha256: String::new(),
        format,
        layout: None,
        accounts: Vec::new(),
        opening_balance: None,
        closing_balance: None,
        lines: Vec::new(),
        problems: Vec::new(),
        skipped: 0,
        csv: None,
    }
}

/// The direction of a signed amount.
fn direction_of(amount: Decimal) -> Direction {
    if amount.is_sign_negative() {
        Direction::Debit
    } else {
        Direction::Credit
    }
}
