//! E-invoices into the spreadsheet import's typed rows, so that `import::plan` previews them exactly as it
//! previews spreadsheet rows (new, updated, unchanged, rejected) and `Ledger::commit_import` applies them.
//! One file is one row, numbered in the order the files are given; a batch (several files, a folder) is
//! one import. A credit note becomes a negative amount naming the invoice it corrects; an invoice without
//! a due date takes it from its plain payment terms (« 30 jours », « à réception ») or leaves it to the
//! plan's payment-terms rule, and says so; the seller travels with the row for the plan to check against
//! the profile.

use super::fields::{self, term_label};
use super::{read, DocumentKind, EInvoice, EInvoiceError, Profile};
use crate::domain::address::upper_without_accents;
use crate::domain::calendar::{format_short, parse_written_date};
use crate::domain::digest::sha256_hex;
use crate::domain::money::format_eur;
use crate::domain::terms::{PaymentTerms, WrittenTerms};
use crate::import::mapping::{ColumnMapping, Field};
use crate::import::rows::{ClientCells, ImportRow, IssuerCells, RowDocument, RowProblem};
use crate::import::{ImportSource, PreparedFile};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// The key e-invoice imports are recorded under instead of a spreadsheet layout.
pub const LAYOUT_KEY: &str = "facture-electronique";

/// Files read and typed, ready for `import::plan::plan`, with what became of each file.
#[derive(Debug, Clone, Serialize)]
pub struct EInvoiceBatch {
    pub prepared: PreparedFile,
    /// One entry per file, in the order given; `row` is the row number its invoice and problems carry.
    pub files: Vec<BatchFile>,
}

/// One file of a batch.
#[derive(Debug, Clone, Serialize)]
pub struct BatchFile {
    pub row: usize,
    pub file_name: String,
    pub sha256: String,
    pub outcome: FileOutcome,
}

/// What a file of a batch gave.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileOutcome {
    /// An e-invoice was read (its row may still be rejected by its problems or by the plan).
    Read { format: String, profile: Profile, number: String, document: DocumentKind },
    /// The same invoice as an earlier file (the PDF and its XML side by side): passed over.
    Duplicate { of_row: usize, of_file: String },
    /// Not a readable e-invoice: refused whole, with the error's kind and French message.
    Refused { error: &'static str, message: String },
}

/// One file: its invoice planned as one row, or the file refused whole.
pub fn prepare_file(file_name: &str, bytes: &[u8]) -> Result<EInvoiceBatch, EInvoiceError> {
    let invoice = read(file_name, bytes)?;
    let sha256 = sha256_hex(bytes);
    let source = ImportSource { file_name: file_name.to_string(), sha256: sha256.clone(), sheet: None };
    let mut batch = empty_batch(source);
    add(&mut batch, 1, file_name, sha256, &invoice, &mut HashMap::new());
    Ok(batch)
}

/// Several files as one import named `batch_name` (a folder's name): each file's invoice is a row; a file
/// that is no e-invoice is a rejected row saying why, so that one bad file does not stop the others.
pub fn prepare_files(batch_name: &str, files: &[(&str, &[u8])]) -> EInvoiceBatch {
    let hashes: Vec<String> = files.iter().map(|(_, bytes)| sha256_hex(bytes)).collect();
    let listing: String = files.iter().zip(&hashes).map(|((name, _), hash)| format!("{name}\t{hash}\n")).collect();
    let source =
        ImportSource { file_name: batch_name.to_string(), sha256: sha256_hex(listing.as_bytes()), sheet: None };
    let mut batch = empty_batch(source);
    let mut seen: HashMap<String, (usize, String, ImportRow)> = HashMap::new();
    for (index, ((file_name, bytes), sha256)) in files.iter().zip(hashes).enumerate() {
        let row = index + 1;
        let read = if is_spreadsheet(file_name, bytes) {
            Err(EInvoiceError::SpreadsheetInBatch(file_name.to_string()))
        } else {
            read(file_name, bytes)
        };
        match read {
            Ok(invoice) => add(&mut batch, row, file_name, sha256, &invoice, &mut seen),
            Err(error) => {
                batch.prepared.problems.push(RowProblem {
                    row,
                    column: "Fichier".to_string(),
                    value: file_name.to_string(),
                    message: error.to_string(),
                });
                let outcome = FileOutcome::Refused { error: error.kind(), message: error.to_string() };
                batch.files.push(BatchFile { row, file_name: file_name.to_string(), sha256, outcome });
            }
        }
    }
    batch
}

/// A spreadsheet among e-invoices: a workbook (a zip or OLE file, told from its bytes) or a text file named
/// as a table. It is imported alone, with its column mapping.
fn is_spreadsheet(file_name: &str, bytes: &[u8]) -> bool {
    let lower = file_name.to_lowercase();
    crate::import::read::is_workbook(bytes)
        || (super::sniff(bytes).is_none() && [".csv", ".tsv"].iter().any(|extension| lower.ends_with(extension)))
}

fn empty_batch(source: ImportSource) -> EInvoiceBatch {
    EInvoiceBatch {
        prepared: PreparedFile {
            source,
            sheets: Vec::new(),
            headers: columns().map(|field| header(field).to_string()).collect(),
            mapping: ColumnMapping { header_row: 0, columns: columns().map(Some).collect() },
            layout_key: LAYOUT_KEY.to_string(),
            rows: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            skipped: 0,
            not_owed: Vec::new(),
        },
        files: Vec::new(),
    }
}

/// Adds one invoice read from `file_name` as row `row`; the second file with an invoice number already
/// seen is passed over when it is the same invoice, refused when it differs.
fn add(
    batch: &mut EInvoiceBatch,
    row: usize,
    file_name: &str,
    sha256: String,
    invoice: &EInvoice,
    seen: &mut HashMap<String, (usize, String, ImportRow)>,
) {
    let mut outcome = FileOutcome::Read {
        format: invoice.format_label(),
        profile: invoice.profile,
        number: invoice.number.clone(),
        document: invoice.kind,
    };
    // A Factur-X PDF becomes the invoice's document; an XML file is no document to print or enclose.
    let document =
        invoice.attachment.is_some().then(|| RowDocument { file_name: file_name.to_string(), sha256: sha256.clone() });
    match import_row(invoice, row) {
        Ok(mut typed) => match seen.get(&typed.number) {
            Some((first_row, first_file, first)) if same_invoice(first, &typed) => {
                batch.prepared.skipped += 1;
                outcome = FileOutcome::Duplicate { of_row: *first_row, of_file: first_file.clone() };
                // The XML read first and its PDF second: the invoice keeps the PDF as its document.
                if let Some(kept) = batch.prepared.rows.iter_mut().find(|kept| kept.row == *first_row) {
                    if kept.document.is_none() {
                        kept.document = document.clone();
                    }
                }
            }
            Some((first_row, first_file, _)) => batch.prepared.problems.push(RowProblem {
                row,
                column: header(Field::Number).to_string(),
                value: typed.number.clone(),
                message: format!(
                    "numéro « {} » déjà lu, avec d'autres montants ou dates, dans le fichier « {first_file} » \
                     (ligne {first_row}) : fichier ignoré",
                    typed.number
                ),
            }),
            None => {
                typed.document = document.clone();
                seen.insert(typed.number.clone(), (row, file_name.to_string(), typed.clone()));
                batch.prepared.rows.push(Box::new(typed));
            }
        },
        Err(problems) => batch.prepared.problems.extend(problems),
    }
    batch.files.push(BatchFile { row, file_name: file_name.to_string(), sha256, outcome });
}

/// Two rows are the same invoice when everything but their row number and the file they came from is
/// the same.
fn same_invoice(first: &ImportRow, second: &ImportRow) -> bool {
    ImportRow { row: first.row, document: first.document.clone(), ..second.clone() } == *first
}

/// The fields an e-invoice fills, as the preview's columns: every field but the payment date, which no
/// e-invoice gives (it says what was paid, BT-113, never when), so its payments are dated as a
/// spreadsheet's without that column are.
fn columns() -> impl Iterator<Item = Field> {
    Field::ALL.iter().copied().filter(|field| *field != Field::PaymentDate)
}

/// The header each field stands under in the preview, naming its business term.
fn header(field: Field) -> &'static str {
    match field {
        Field::Number => "N° de facture (BT-1)",
        Field::Client => "Acheteur (BT-44)",
        Field::IssueDate => "Date de facture (BT-2)",
        Field::DueDate => "Échéance (BT-9)",
        Field::Amount => "Montant TTC (BT-112)",
        Field::AmountExclVat => "Montant HT (BT-109)",
        Field::Object => "Objet (BT-22, BT-153)",
        Field::SirenSiret => "SIREN/SIRET de l'acheteur (BT-47)",
        Field::Email => "E-mail de l'acheteur (BT-49)",
        Field::Phone => "Téléphone",
        Field::AddressStreet => "Adresse de l'acheteur (BT-50)",
        Field::AddressComplement => "Complément d'adresse (BT-51)",
        Field::Postcode => "Code postal (BT-53)",
        Field::Town => "Ville (BT-52)",
        Field::Paid => "Montant déjà payé (BT-113)",
        Field::Remaining => "Montant à payer (BT-115)",
        Field::Status => "Statut",
        Field::VatNumber => "N° de TVA de l'acheteur (BT-48)",
        Field::PaymentDate => Field::PaymentDate.label(),
        Field::PaymentTerms => "Conditions de paiement (BT-20)",
        Field::Nature => "Cadre de facturation (BT-23)",
    }
}

/// UNTDID 1001 codes of corrected invoices (factures rectificatives, BR-FR-04): they cite what they correct.
const CORRECTED_INVOICE_CODES: &[&str] = &["384", "471", "472", "473"];

/// One invoice as an import row numbered `row`, or the problems that keep it out (its own, or a credit
/// note that does not say which invoice it corrects).
pub fn import_row(invoice: &EInvoice, row: usize) -> Result<ImportRow, Vec<RowProblem>> {
    let problem = |term: &'static str, element: &str, value: &str, message: String| {
        let leaf = element.rsplit('/').find(|s| !s.starts_with("udt:")).unwrap_or(element);
        let column = if leaf.is_empty() {
            format!("{} ({term})", term_label(term))
        } else {
            format!("{} ({term}, {leaf})", term_label(term))
        };
        RowProblem { row, column, value: value.to_string(), message }
    };
    let mut problems: Vec<RowProblem> = invoice
        .problems
        .iter()
        .map(|p| RowProblem { row, column: p.place(), value: p.value.clone(), message: p.message.clone() })
        .collect();
    // Only credit notes and corrected invoices correct the invoice they cite; a final invoice citing its
    // down payment invoice corrects nothing.
    let corrective =
        invoice.kind == DocumentKind::CreditNote || CORRECTED_INVOICE_CODES.contains(&invoice.type_code.as_str());
    let cited = invoice.corrects.first().cloned();
    let corrects = cited.clone().filter(|_| corrective);
    if invoice.kind == DocumentKind::CreditNote && corrects.is_none() {
        let element = match invoice.syntax {
            super::Syntax::Cii => "ram:InvoiceReferencedDocument/ram:IssuerAssignedID",
            _ => "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID",
        };
        problems.push(problem(
            "BT-25",
            element,
            &invoice.number,
            "un avoir doit nommer la facture qu'il corrige (référence à la facture antérieure) : demandez à \
             l'émetteur un avoir qui la cite, ou saisissez-le à la main"
                .to_string(),
        ));
    }
    let (Some(issue_date), Some(total)) = (invoice.issue_date, invoice.total_incl_vat) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut notes = invoice.notes.clone();
    let credit = invoice.kind == DocumentKind::CreditNote;
    // BG-3 may cite several invoices; the ledger links a correction to one: the first cited, said.
    let others: Vec<&str> =
        invoice.corrects.iter().skip(1).map(String::as_str).filter(|n| Some(*n) != cited.as_deref()).collect();
    if let (Some(first), false, true) = (corrects.as_deref(), others.is_empty(), corrective) {
        let (word, linked, pronoun) = if credit {
            ("L'avoir", "il est déduit de", "S'il")
        } else {
            ("La facture rectificative", "elle est rattachée à", "Si elle")
        };
        notes.push(format!(
            "{word} cite aussi {} « {} » : {linked} la première facture citée, « {first} », seulement. {pronoun} \
             porte aussi sur {}, corrigez à la main ce qui reste dû sur chacune.",
            if others.len() == 1 { "la facture" } else { "les factures" },
            others.join(" », « "),
            if others.len() == 1 { "elle" } else { "elles" }
        ));
    }
    let signed = |value: Decimal| if credit { -value.abs() } else { value };
    let due_date = invoice.due_date.or_else(|| {
        let terms = invoice.payment_terms.trim();
        // A cash discount's deadline (« escompte de 2 % avant le 15/11 ») is no due date: read without it.
        let net = net_terms(terms);
        if let Some(due) = due_written_in_terms(issue_date, &net) {
            notes.push(format!(
                "Pas de date d'échéance (BT-9) : échéance du {}, date écrite dans les conditions de paiement \
                 « {terms} ».",
                format_short(due)
            ));
            return Some(due);
        }
        match WrittenTerms::read(&net) {
            Some(read) if read.terms.end_of_month && read.terms.days > 0 && read.on_day.is_none() => {
                let due = read.due_date(issue_date);
                // The other French reading: the end of the invoice's month, then the days.
                let other =
                    PaymentTerms::end_of_month(0).due_date(issue_date) + chrono::Days::new(u64::from(read.terms.days));
                notes.push(format!(
                    "Pas de date d'échéance (BT-9) : échéance du {} tirée des conditions de paiement « {terms} », \
                     comptées {} jours après la date de facture puis fin de mois (comptées fin de mois puis {} \
                     jours, elles donneraient le {}) : vérifiez l'échéance.",
                    format_short(due),
                    read.terms.days,
                    read.terms.days,
                    format_short(other)
                ));
                Some(due)
            }
            Some(read) => {
                let due = read.due_date(issue_date);
                notes.push(format!(
                    "Pas de date d'échéance (BT-9) : échéance du {} tirée des conditions de paiement « {terms} ».",
                    format_short(due)
                ));
                Some(due)
            }
            None if terms.is_empty() => {
                notes.push("Pas de date d'échéance (BT-9) ni de conditions de paiement dans la facture.".to_string());
                None
            }
            None => {
                notes.push(format!(
                    "Pas de date d'échéance (BT-9) ; conditions de paiement « {terms} » non calculées : vérifiez \
                     l'échéance proposée."
                ));
                None
            }
        }
    });
    // What the invoice asks in all: its total and the rounding of the amount due (BT-114).
    let to_pay = total + invoice.rounding.unwrap_or_default();
    if let (Some((first, _)), Some((last, _))) = (invoice.instalments.first(), invoice.instalments.last()) {
        let parts: Vec<String> = invoice
            .instalments
            .iter()
            .map(|(due, part)| format!("{} au {}", format_eur(*part), format_short(*due)))
            .collect();
        notes.push(format!(
            "Facture payable en {} échéances : {}. Ardoise ne suit pas les échéances d'une facture : elle la tient \
             pour due en entier au {}, et ses relances réclameraient dès cette date les {}. Suspendez les \
             relances de cette facture jusqu'au {}, ou ne relancez que la part échue en corrigeant le courrier.",
            invoice.instalments.len(),
            parts.join(", "),
            format_short(due_date.unwrap_or(*first)),
            format_eur(to_pay),
            format_short(*last)
        ));
    }
    if let Some(rounding) = invoice.rounding {
        notes.push(format!(
            "Arrondi du montant à payer (BT-114) de {} : la facture demande {} (total TTC {} plus l'arrondi), \
             montant retenu.",
            format_eur(rounding),
            format_eur(to_pay),
            format_eur(total)
        ));
    }
    // A final invoice citing the invoice its prepaid amount paid (its down payment invoice): the plan
    // decides whether that money is already in the ledger.
    let deducts = match (&cited, invoice.kind, corrective, invoice.prepaid) {
        (Some(cited), DocumentKind::Invoice, false, Some(prepaid)) if prepaid > Decimal::ZERO => Some(cited.clone()),
        _ => None,
    };
    let paid = match invoice.prepaid {
        Some(prepaid) if prepaid > Decimal::ZERO && credit => {
            notes.push("Montant déjà payé d'un avoir : non repris.".to_string());
            None
        }
        Some(prepaid) if prepaid > Decimal::ZERO => {
            if deducts.is_none() {
                notes.push(prepaid_note(prepaid, issue_date, to_pay - prepaid));
            }
            Some(prepaid)
        }
        _ => None,
    };
    let object = match (&corrects, invoice.kind) {
        (Some(corrected), DocumentKind::CreditNote) if invoice.object.is_empty() => {
            format!("Avoir sur la facture {corrected}")
        }
        (Some(corrected), DocumentKind::CreditNote) => format!("Avoir sur la facture {corrected} : {}", invoice.object),
        _ => invoice.object.clone(),
    };
    match (&cited, invoice.kind, corrective) {
        (Some(cited), DocumentKind::Invoice, true) => notes.push(format!(
            "Facture rectificative : elle annule et remplace la facture « {cited} », qui n'est plus réclamée (ce \
             que celle-ci a reçu vient en déduction de la rectificative)."
        )),
        // The plan says what became of the down payment invoice.
        (Some(_), DocumentKind::Invoice, false) if deducts.is_some() => {}
        (Some(cited), DocumentKind::Invoice, false) => notes.push(format!("Facture qui cite la facture « {cited} ».")),
        _ => {}
    }
    let payee = invoice.payee.as_ref().map(|payee| match payee.siren.as_str() {
        "" => payee.name.clone(),
        siren => format!("{} (SIREN {siren})", payee.name),
    });
    let buyer = &invoice.buyer;
    let client = ClientCells {
        name: if buyer.name.is_empty() { buyer.trade_name.clone() } else { buyer.name.clone() },
        siren_siret: if buyer.siret.is_empty() { buyer.siren.clone() } else { buyer.siret.clone() },
        email: buyer.email.clone(),
        phone: String::new(),
        street: buyer.address_lines.first().cloned().unwrap_or_default(),
        complement: buyer.address_lines.iter().skip(1).cloned().collect::<Vec<_>>().join(" "),
        postcode: buyer.postcode.clone(),
        // A French town is printed in capitals without accents (NF Z10-011); invoices write it as they like.
        town: if buyer.country.is_empty() || buyer.country.eq_ignore_ascii_case("FR") {
            upper_without_accents(&buyer.town)
        } else {
            buyer.town.clone()
        },
        country: fields::country_line(&buyer.country),
        business_number_given: !buyer.siren.is_empty() || !buyer.siret.is_empty(),
    };
    Ok(ImportRow {
        row,
        number: invoice.number.clone(),
        client,
        issue_date,
        payment_terms: WrittenTerms::read(&invoice.payment_terms),
        due_date,
        amount: signed(to_pay),
        amount_excl_vat: invoice.total_excl_vat.map(signed),
        object,
        nature: invoice.nature,
        paid,
        payments: Vec::new(),
        paid_before_issue: true,
        issuer: Some(IssuerCells { name: invoice.seller.name.clone(), siren: invoice.seller.siren.clone() }),
        corrects,
        deducts,
        payee,
        document: None,
        disputed: None,
        notes,
        settled_unpaid: Decimal::ZERO,
        settled_unpaid_in_paid: Decimal::ZERO,
        used_credit: None,
    })
}

/// The note of a prepaid amount (BT-113) recorded as a payment dated the invoice's issue date, with what
/// remains due.
pub fn prepaid_note(prepaid: Decimal, issue_date: NaiveDate, remaining: Decimal) -> String {
    format!(
        "Montant déjà payé avant la facture (BT-113) : {} enregistrés comme règlement du {} (la facture ne date \
         pas ce versement : au plus tard sa date d'émission), mode de paiement non précisé ; reste dû \
         {}. Corrigez la date et le mode de ce règlement si vous les connaissez.",
        format_eur(prepaid),
        format_short(issue_date),
        format_eur(remaining)
    )
}

/// Payment terms without their clauses about a cash discount (« Escompte de 1,5 % pour tout règlement avant
/// le 15/11/2026 », « Skonto », « remise pour paiement anticipé »): what is left says when the invoice is due.
/// Clauses end at a full stop, a semicolon, a colon or a comma followed by a space (« 1,5 » stays whole).
pub fn net_terms(terms: &str) -> String {
    const DISCOUNT_WORDS: [&str; 5] = ["escompte", "skonto", "discount", "remise", "anticip"];
    let mut clauses = Vec::new();
    let mut clause = String::new();
    let mut chars = terms.chars().peekable();
    while let Some(c) = chars.next() {
        let ends =
            matches!(c, ';' | '\n') || (matches!(c, '.' | ',' | ':') && chars.peek().is_none_or(|n| n.is_whitespace()));
        if ends {
            clauses.push(std::mem::take(&mut clause));
        } else {
            clause.push(c);
        }
    }
    clauses.push(clause);
    clauses
        .iter()
        .map(|clause| clause.trim())
        .filter(|clause| !clause.is_empty())
        .filter(|clause| {
            let folded = crate::domain::text::fold(clause);
            !DISCOUNT_WORDS.iter().any(|word| folded.contains(word))
        })
        .collect::<Vec<_>>()
        .join(". ")
}

/// The one date after the issue date that payment terms write out (« Échéance le 15/05/2026 », « payable
/// le 15 mai 2026 »); None when they write none, or several (instalments: the plan's rule then applies and
/// the row says so).
pub fn due_written_in_terms(issue: NaiveDate, terms: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = terms
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '-' && c != '.'))
        .map(|word| word.trim_end_matches('.'))
        .collect();
    let mut dates: Vec<NaiveDate> = Vec::new();
    for start in 0..words.len() {
        // A date in figures is one word; a date in words (« 15 mai 2026 ») three.
        let found = parse_written_date(words[start])
            .or_else(|| words.get(start..start + 3).and_then(|three| parse_written_date(&three.join(" "))));
        if let Some(date) = found.filter(|date| *date > issue && !dates.contains(date)) {
            dates.push(date);
        }
    }
    match dates.as_slice() {
        [date] => Some(*date),
        _ => None,
    }
}

/// The due date payment terms give: « à réception », « comptant » (the issue date), one number of days
/// (« 30 jours », « net 45 », « 60 j »), or « N jours fin de mois » counted as `domain::terms` says. Several
/// numbers (a discount period and a net period) are ambiguous: None for those.
pub fn due_from_terms(issue: NaiveDate, terms: &str) -> Option<NaiveDate> {
    WrittenTerms::read(terms).map(|terms| terms.due_date(issue))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_from_terms_end_of_month_included() {
        let issue = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let cases = [
            ("Paiement à 30 jours", Some("2026-04-09")),
            ("Net 45", Some("2026-04-24")),
            ("60J date de facture", Some("2026-05-09")),
            ("Payable à réception de facture", Some("2026-03-10")),
            ("Comptant", Some("2026-03-10")),
            // Issued 10 March: + 45 days = 24 April, then the end of that month (domain::terms).
            ("45 jours fin de mois", Some("2026-04-30")),
            ("30 jours FDM", Some("2026-04-30")),
            // + 30 days = 9 April, the end of that month, then the 10th: 10 May.
            ("Paiement à 30 jours fin de mois le 10", Some("2026-05-10")),
            ("Paiement au 15 du mois suivant", Some("2026-04-15")),
            ("Escompte 2 % à 10 jours, net à 30 jours", None),
            ("Selon contrat", None),
            ("", None),
        ];
        for (terms, expected) in cases {
            assert_eq!(due_from_terms(issue, terms).map(|d| d.to_string()).as_deref(), expected, "{terms}");
        }
    }

    #[test]
    fn due_dates_written_out_in_terms() {
        let issue = NaiveDate::from_ymd_opt(2026, 4, 10).unwrap();
        let cases = [
            ("Échéance le 15/05/2026", Some("2026-05-15")),
            ("Payable le 15 mai 2026.", Some("2026-05-15")),
            ("À régler avant le 2026-05-20 par virement", Some("2026-05-20")),
            ("Facture du 10/04/2026 payable le 09/05/2026", Some("2026-05-09")),
            // Instalments: two dates, none of them the due date.
            ("50 % le 15/05/2026, le solde le 15/06/2026", None),
            ("Facture du 10/04/2026, paiement à 30 jours", None),
            ("Paiement à 30 jours", None),
        ];
        for (terms, expected) in cases {
            assert_eq!(due_written_in_terms(issue, terms).map(|d| d.to_string()).as_deref(), expected, "{terms}");
        }
    }
}
