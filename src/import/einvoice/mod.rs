//! E-invoices (F2.1 and the e-invoicing reform, law-fr.md): a Factur-X / ZUGFeRD 2 PDF, a CII XML or a
//! UBL 2.1 Invoice or CreditNote XML read into a typed [`EInvoice`], pure and without trusting the file's
//! name. The format is told from the bytes (`sniff`); a PDF's embedded XML is found by its known names
//! through the PDF's `/EmbeddedFiles` name tree and `/AF` (`pdf`); the XML is parsed without DTDs within
//! bounds (`xml`), read as written per syntax (`cii`, `ubl`: step one, raw values and their elements)
//! then typed with French problems naming their business term and element (`raw`, `fields`: step two).
//! `convert` turns invoices into the spreadsheet import's rows, so `import::plan` previews them as it
//! previews spreadsheet rows.
//!
//! A file that is no e-invoice at all is refused whole with one [`EInvoiceError`]; an e-invoice whose
//! invoice cannot be imported comes back with its problems ([`EInvoiceProblem`]), which become a
//! rejected row.

mod cii;
pub mod convert;
mod error;
mod fields;
mod pdf;
mod raw;
mod ubl;
mod xml;

pub use convert::{import_row, prepare_file, prepare_files, BatchFile, EInvoiceBatch, FileOutcome};
pub use error::EInvoiceError;
pub use pdf::{invoice_attachment, Attachment, KNOWN_ATTACHMENT_NAMES};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The largest file read, in bytes: a Factur-X is a few hundred kilobytes; scans of several pages stay
/// far below this.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The largest XML read (a file, or an attachment once decompressed), in bytes.
pub const MAX_XML_BYTES: usize = 16 * 1024 * 1024;
/// The most XML nodes parsed: an invoice of ten thousand lines needs a few hundred thousand.
pub const MAX_XML_NODES: u32 = 2_000_000;

/// What the bytes of a file are, before anything is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Xml,
}

/// The XML syntax of an e-invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Syntax {
    /// UN/CEFACT Cross Industry Invoice D16B (Factur-X, ZUGFeRD 2, XRechnung CII).
    Cii,
    /// OASIS UBL 2.1 `Invoice`.
    UblInvoice,
    /// OASIS UBL 2.1 `CreditNote`.
    UblCreditNote,
}

/// The profile an invoice declares (BT-24), as far as it says which data it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Factur-X MINIMUM: totals, parties, no due date, no lines.
    Minimum,
    /// Factur-X BASIC WL: the header of an invoice without its lines.
    BasicWl,
    /// Factur-X BASIC: a subset of EN 16931 with lines.
    Basic,
    /// EN 16931 itself (Factur-X EN 16931, ZUGFeRD COMFORT, a plain UBL).
    En16931,
    /// Factur-X / ZUGFeRD EXTENDED, including the French EXTENDED-CTC-FR.
    Extended,
    /// The German XRechnung CIUS.
    XRechnung,
    /// Peppol BIS Billing 3.0.
    Peppol,
    /// Absent or not recognised.
    Other,
}

impl Profile {
    /// The profile of a specification identifier (BT-24), such as `urn:factur-x.eu:1p0:basicwl` or
    /// `urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended`.
    pub fn of_guideline(guideline: &str) -> Profile {
        let id = guideline.trim().to_ascii_lowercase();
        if id.contains("xrechnung") {
            Profile::XRechnung
        } else if id.contains("peppol") {
            Profile::Peppol
        } else if id.ends_with(":minimum") {
            Profile::Minimum
        } else if id.ends_with(":basicwl") {
            Profile::BasicWl
        } else if id.ends_with(":basic") {
            Profile::Basic
        } else if id.contains(":extended") {
            Profile::Extended
        } else if id.starts_with("urn:cen.eu:en16931:2017") || id.ends_with(":en16931") || id.ends_with(":comfort") {
            Profile::En16931
        } else {
            Profile::Other
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Profile::Minimum => "MINIMUM",
            Profile::BasicWl => "BASIC WL",
            Profile::Basic => "BASIC",
            Profile::En16931 => "EN 16931",
            Profile::Extended => "EXTENDED",
            Profile::XRechnung => "XRechnung",
            Profile::Peppol => "Peppol BIS 3.0",
            Profile::Other => "non précisé",
        }
    }
}

/// Whether a document asks to be paid or gives money back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Invoice,
    CreditNote,
}

/// A party as the invoice describes it. Empty strings for what it does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Party {
    /// Legal name (BT-27 seller, BT-44 buyer).
    pub name: String,
    /// Trading name (BT-28, BT-45).
    pub trade_name: String,
    /// 9 digits, checked; from the legal registration (scheme 0002), a SIRET, or a French VAT number.
    pub siren: String,
    /// 14 digits, checked (scheme 0009).
    pub siret: String,
    /// VAT identifier (BT-31, BT-48), as written without spaces.
    pub vat_number: String,
    /// Address lines (BG-5, BG-8: line one to three), postcode, town, ISO 3166 country code.
    pub address_lines: Vec<String>,
    pub postcode: String,
    pub town: String,
    pub country: String,
    /// The e-mail: the electronic address (BT-34, BT-49) when it is one, else the contact's (BT-43, BT-58).
    pub email: String,
}

/// Why an invoice read from an e-invoice cannot be imported: the business term, the element where it
/// was read (with conventional prefixes: `ram:`, `cbc:`...), the value and a French message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EInvoiceProblem {
    pub term: &'static str,
    pub element: String,
    pub value: String,
    pub message: String,
}

impl EInvoiceProblem {
    /// The French name of the term with the term and the element: « Date de facture (BT-2, ram:IssueDateTime) ».
    pub fn place(&self) -> String {
        let leaf = self.element.rsplit('/').find(|step| !step.starts_with("udt:")).unwrap_or(&self.element);
        if leaf.is_empty() {
            format!("{} ({})", fields::term_label(self.term), self.term)
        } else {
            format!("{} ({}, {leaf})", fields::term_label(self.term), self.term)
        }
    }
}

impl std::fmt::Display for EInvoiceProblem {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{} : {}", self.place(), self.message)
    }
}

/// An invoice or credit note read from an e-invoice. Amounts are as the document writes them (a credit
/// note's are positive); `convert` gives a credit note its negative sign in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EInvoice {
    pub syntax: Syntax,
    /// The embedded file a PDF carried the XML in (`factur-x.xml`...); None for an XML file.
    pub attachment: Option<String>,
    pub profile: Profile,
    /// The specification identifier as written (BT-24).
    pub guideline: String,
    /// BT-1.
    pub number: String,
    /// BT-3 (UNTDID 1001: 380 invoice, 381 credit note, 384 corrected invoice, 389 self-billed...).
    pub type_code: String,
    pub kind: DocumentKind,
    /// BT-2.
    pub issue_date: Option<NaiveDate>,
    /// BT-9.
    pub due_date: Option<NaiveDate>,
    /// The instalments the payment terms set, each due date with the part it asks (EXTENDED), when there
    /// are several; empty otherwise.
    pub instalments: Vec<(NaiveDate, Decimal)>,
    /// BT-20, the payment terms as written.
    pub payment_terms: String,
    /// BT-5.
    pub currency: String,
    /// BT-109, total without VAT.
    pub total_excl_vat: Option<Decimal>,
    /// BT-112, total with VAT.
    pub total_incl_vat: Option<Decimal>,
    /// BT-113, paid before the invoice was issued; for an invoice that gives none but whose amount due
    /// (BT-115) is less than its total with rounding (a MINIMUM invoice has no BT-113), the difference.
    pub prepaid: Option<Decimal>,
    /// BT-114, the rounding added to the total to give the amount due (EN 16931 BR-CO-16: BT-115 = BT-112
    /// − BT-113 + BT-114).
    pub rounding: Option<Decimal>,
    /// BT-115, what remains to pay.
    pub amount_due: Option<Decimal>,
    pub seller: Party,
    pub buyer: Party,
    /// The payee (BG-10) when the invoice names one other than the seller: a factor the buyer must pay.
    pub payee: Option<Party>,
    /// From a note or the first items' names (BT-22, BT-153).
    pub object: String,
    /// The business process as written (BT-23), the French billing frame.
    pub business_process: String,
    /// Goods or services, when the billing frame says (B… goods, S… services; a mixed frame says neither).
    pub nature: Option<crate::domain::model::Nature>,
    /// The invoices a credit note or corrected invoice refers to (BT-25).
    pub corrects: Vec<String>,
    /// What keeps this invoice from being imported; empty when it can be.
    pub problems: Vec<EInvoiceProblem>,
    /// What the reader noticed and the user should know, in French.
    pub notes: Vec<String>,
}

impl EInvoice {
    /// « Factur-X (PDF, factur-x.xml) », « CII (XML) », « UBL Invoice (XML) »...
    pub fn format_label(&self) -> String {
        let syntax = match self.syntax {
            Syntax::Cii => "CII",
            Syntax::UblInvoice => "UBL Invoice",
            Syntax::UblCreditNote => "UBL CreditNote",
        };
        match (&self.attachment, self.syntax) {
            (Some(name), Syntax::Cii) => format!("Factur-X (PDF, {name})"),
            (Some(name), _) => format!("{syntax} (PDF, {name})"),
            (None, _) => format!("{syntax} (XML)"),
        }
    }
}

/// What a file's bytes are: a PDF (its header within the first kilobyte, as readers accept), an XML
/// document (a `<` first, after a byte-order mark and blanks; not an HTML page), or neither.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(FileKind::Pdf);
    }
    if bytes.starts_with(b"\xFF\xFE<\0") || bytes.starts_with(b"\xFE\xFF\0<") {
        return Some(FileKind::Xml);
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    let text = &text[start..];
    let lower: Vec<u8> = text.iter().take(14).map(u8::to_ascii_lowercase).collect();
    let html = lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html");
    (text.first() == Some(&b'<') && !html).then_some(FileKind::Xml)
}

/// Reads one file: a PDF's embedded e-invoice, or an XML e-invoice. `file_name` only names the file in
/// messages; the format comes from the bytes.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<EInvoice, EInvoiceError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(EInvoiceError::Empty(file_name.to_string()));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(EInvoiceError::TooLarge { file: file_name.to_string(), max_mb: MAX_FILE_BYTES / 1024 / 1024 });
    }
    match sniff(bytes) {
        Some(FileKind::Pdf) => {
            let attachment = pdf::invoice_attachment(file_name, bytes)?;
            read_xml(file_name, Some(&attachment.name), &attachment.bytes)
        }
        Some(FileKind::Xml) => {
            if bytes.len() > MAX_XML_BYTES {
                let max_mb = MAX_XML_BYTES / 1024 / 1024;
                return Err(EInvoiceError::TooLarge { file: file_name.to_string(), max_mb });
            }
            read_xml(file_name, None, bytes)
        }
        None => Err(EInvoiceError::NotAnEInvoice(file_name.to_string())),
    }
}

/// Reads XML bytes (a file, or a PDF's attachment named `attachment`) into an invoice.
pub fn read_xml(file_name: &str, attachment: Option<&str>, bytes: &[u8]) -> Result<EInvoice, EInvoiceError> {
    let place = error::place(file_name, attachment);
    let text = xml::decode(bytes, &place)?;
    let document = xml::parse(&text, &place)?;
    let syntax = xml::syntax(&document, &place)?;
    let raw = match syntax {
        Syntax::Cii => cii::read(&document),
        Syntax::UblInvoice | Syntax::UblCreditNote => ubl::read(&document, syntax),
    };
    let mut invoice = raw::typed(raw);
    invoice.attachment = attachment.map(str::to_string);
    Ok(invoice)
}
