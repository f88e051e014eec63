//! The plan of an import: every typed row compared with what the ledger holds and marked new, updated,
//! unchanged or rejected, with the client it goes to (matched by SIREN/SIRET, then e-mail, then
//! normalised name, or created), the changes of an updated invoice field by field, and the payment that
//! brings the ledger to what the file says was paid. Pure: the ledger supplies a [`LedgerSnapshot`] and
//! applies the plan (`Ledger::commit_import`).

use super::einvoice::{DocumentKind, EInvoiceBatch, FileOutcome};
use super::mapping::{fold, ColumnMapping, Field};
use super::rows::{
    ClientCells, FilePayment, ImportRow, IssuerCells, NotOwed, NotOwedRow, RowDocument, RowProblem, RowWarning,
};
use super::{ImportSource, PreparedFile};
use crate::domain::address::PostalAddress;
use crate::domain::calendar::format_short;
use crate::domain::model::{ClientFields, ClientKind, Nature};
use crate::domain::money::format_eur_ascii;
use crate::domain::text::{CIVILITIES, LEGAL_FORMS};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// A client already in the ledger, as matching needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownClient {
    pub id: i64,
    pub name: String,
    pub siren_siret: String,
    pub email: String,
    pub payment_terms: Option<crate::domain::terms::PaymentTerms>,
}

/// An invoice already in the ledger, with everything recorded as paid on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownInvoice {
    pub id: i64,
    pub client_id: i64,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    pub amount_excl_vat: Option<Decimal>,
    pub object: String,
    /// Goods or services as the invoice says; None when it says none.
    pub nature: Option<Nature>,
    pub paid: Decimal,
    /// The number of the invoice it corrects (a credit note), as recorded.
    pub corrects: Option<String>,
    /// Its document, when it has one.
    pub document: Option<RowDocument>,
}

/// What the ledger holds that an import is compared with.
#[derive(Debug, Clone, Default)]
pub struct LedgerSnapshot {
    pub clients: Vec<KnownClient>,
    pub invoices: HashMap<String, KnownInvoice>,
    pub default_payment_terms_days: u32,
    /// The user's own SIREN (9 digits, from the profile's SIREN/SIRET or French VAT number), empty when
    /// the profile gives none: an invoice that names its issuer must have been issued by the user.
    pub profile_siren: String,
    /// The invoices that have had a dispute recorded, open or closed: a file that says one is disputed
    /// opens none again (importing the same file twice records one; a dispute the user closed stays closed).
    pub disputed_invoices: std::collections::HashSet<i64>,
    /// The invoices that have had a pause naming them, in force or ended: a file naming a payee pauses
    /// none again.
    pub paused_invoices: std::collections::HashSet<i64>,
    /// Each client's stored fields, by id: a later file fills those left blank (an e-mail, a SIREN, an
    /// address the first invoice did not give), never one already written. A client missing here (a
    /// snapshot built by hand) is filled with nothing.
    pub client_fields: HashMap<i64, ClientFields>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    New,
    Updated,
    Unchanged,
}

/// The client a row goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClientChoice {
    Existing {
        id: i64,
    },
    /// The index of the client to create in [`ImportPlan::new_clients`].
    New {
        index: usize,
    },
}

/// A client the import creates, with the kind guessed for the user to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewClient {
    pub name: String,
    pub fields: ClientFields,
    /// The first row that names it.
    pub row: usize,
}

/// A client already in the ledger whose blank fields the import fills from the file: its fields once
/// filled, and each field filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientUpdate {
    pub client_id: i64,
    pub name: String,
    pub fields: ClientFields,
    /// Each field filled: `before` is always empty (nothing written is ever replaced).
    pub changes: Vec<FieldChange>,
    /// The first row that fills it.
    pub row: usize,
}

/// One field of an invoice (or of a client, `ClientUpdate`) the import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub label: &'static str,
    pub before: String,
    pub after: String,
}

/// An accepted row and what committing it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedRow {
    pub row: usize,
    pub status: RowStatus,
    pub number: String,
    pub client_name: String,
    pub client: ClientChoice,
    /// The invoice updated, None when created.
    pub invoice_id: Option<i64>,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    pub amount_excl_vat: Option<Decimal>,
    pub object: String,
    /// Goods or services: the file's, else what the invoice already says (None: the client's default).
    pub nature: Option<Nature>,
    /// What the payments below add up to: the difference between what the file says was paid and what
    /// the ledger already holds.
    pub payment: Option<Decimal>,
    /// The payments committing this row records, each with its date.
    pub payments: Vec<PlannedPayment>,
    pub changes: Vec<FieldChange>,
    /// The invoice a credit note corrects, as the file names it.
    pub corrects: Option<String>,
    /// The document committing this row gives the invoice (a new invoice's Factur-X, or a re-issue's PDF
    /// replacing the one it had); None when the invoice keeps what it has.
    pub document: Option<RowDocument>,
    /// The dispute committing this row records on the invoice (the file says it is disputed); None when it
    /// says nothing of the kind or the invoice already had one.
    pub dispute: Option<PlannedDispute>,
    /// The pause committing this row records on the invoice: it is to be paid to someone other than the
    /// user (a factor, BG-10), whom Ardoise's letters would not name. None otherwise, or when the invoice
    /// already had one.
    pub pause: Option<PlannedPause>,
    /// What the user should know before confirming, in French (a due date computed from terms...).
    pub notes: Vec<String>,
}

/// An open-ended pause an import records on an invoice payable to someone other than the user: the
/// ladder leaves that invoice alone, as for any pause naming it, until the user ends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedPause {
    /// The import's payment date: today unless the user chose another.
    pub date: NaiveDate,
    /// The pause's reason, in French: the payee and the file.
    pub reason: String,
}

/// A dispute an import records on an invoice whose status in the file says it is contested: the ladder
/// then pauses that invoice as it does for any dispute, until the user closes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedDispute {
    /// The import's payment date: today unless the user chose another (the file does not date it).
    pub date: NaiveDate,
    /// The dispute's reason, in French: the file and the status it gives.
    pub reason: String,
}

/// A payment an import records on an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedPayment {
    pub date: NaiveDate,
    pub amount: Decimal,
    /// True when the file dates it (a payment-date column); false when it takes the plan's
    /// `payment_date`, which the preview shows and the user may change.
    pub dated_by_file: bool,
    /// True for what was paid before the invoice was issued (an e-invoice's prepaid amount, BT-113, which
    /// EN 16931 does not date): dated the invoice's issue date, never the import's day, and marked so.
    pub before_issue: bool,
}

/// What became of one file of an import: a spreadsheet read, or an e-invoice and the row it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedFile {
    /// The row its invoice and its problems carry (the file's place in the batch); 0 for a spreadsheet.
    pub row: usize,
    pub file_name: String,
    pub sha256: String,
    /// « Factur-X (PDF, factur-x.xml) », « UBL Invoice (XML) », « tableur »; empty for a file not read.
    pub format: String,
    /// The invoice's number, when one was read.
    pub number: String,
    /// True for a credit note.
    pub credit_note: bool,
    pub status: FileStatus,
    /// True when the file is kept as the invoice's document (a Factur-X PDF becomes one).
    pub document: bool,
    /// Why it is rejected or passed over, in French (empty otherwise).
    pub messages: Vec<String>,
    /// What the user should know of the invoice it gave before confirming, in French: the notes of its
    /// row (a due date taken from the terms, a prepaid amount recorded, a payee other than the seller...).
    pub notes: Vec<String>,
    /// For a file refused whole: the error's stable name (`pdf_without_invoice`...), for scripts.
    pub error: Option<&'static str>,
}

/// What a file gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// A spreadsheet: its rows are counted in the plan.
    Read,
    New,
    Updated,
    Unchanged,
    /// Refused, whole or its invoice, with the reasons.
    Rejected,
    /// The same invoice as an earlier file of the batch (a PDF and its XML): passed over.
    Duplicate,
}

/// Everything the preview shows and the commit applies.
#[derive(Debug, Clone, Serialize)]
pub struct ImportPlan {
    pub source: ImportSource,
    pub sheets: Vec<String>,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    pub layout_key: String,
    /// Every field with its French label, for the mapping table.
    pub fields: Vec<(Field, &'static str)>,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub rows: Vec<PlannedRow>,
    pub new_clients: Vec<NewClient>,
    /// Clients already in the ledger whose blank fields the file fills (each row that fills one says so in
    /// its notes); the undo of the import empties them again.
    pub client_updates: Vec<ClientUpdate>,
    /// Rows refused, with every reason (a row may have several).
    pub rejected: Vec<RowProblem>,
    /// How many distinct rows were refused.
    pub rejected_rows: usize,
    /// Values left out or read another way without refusing a row: a wrong SIRET, e-mail, phone or
    /// address of a client (one warning per client and value), paid and remaining amounts that disagree.
    pub warnings: Vec<RowWarning>,
    /// The date given to payments the file does not date (no payment-date column, or an empty cell): the
    /// import's `today` unless the user chose another. Never earlier than the invoice's own date.
    pub payment_date: NaiveDate,
    /// The header of the file's payment-date column, None when it has none.
    pub payment_date_column: Option<String>,
    /// How many payments take `payment_date` because the file does not date them.
    pub undated_payments: usize,
    /// Every file of the import with what it gave, in the order given (one entry for a spreadsheet).
    pub files: Vec<PlannedFile>,
}

/// The words of a name folded, single letters joined back ("S.A.R.L." folds to "s a r l": "sarl").
fn folded_words(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut words: Vec<String> = Vec::new();
    let mut letters = String::new();
    for word in folded.split(' ') {
        if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) && !CIVILITIES.contains(&word) {
            letters.push_str(word);
            continue;
        }
        if !letters.is_empty() {
            words.push(std::mem::take(&mut letters));
        }
        words.push(word.to_string());
    }
    if !letters.is_empty() {
        words.push(letters);
    }
    words.retain(|word| !word.is_empty());
    words
}

/// How many words a name's leading civility takes, folded: « M. », « Mme », « M. et Mme ».
fn civility_words(words: &[String]) -> usize {
    let is_civility = |index: usize| words.get(index).is_some_and(|word| CIVILITIES.contains(&word.as_str()));
    match () {
        _ if is_civility(0) && words.get(1).is_some_and(|w| w == "et" || w == "ou") && is_civility(2) => 3,
        _ if is_civility(0) && words.len() > 1 => 1,
        _ => 0,
    }
}

/// « & » written out: « Dupuis & Fils » and « Dupuis et Fils » are one name (the ampersand folds away).
const AMPERSAND_WORDS: &[&str] = &["et", "and"];

/// True for a word a name is compared without: a legal form, or « et » standing for « & ».
fn name_noise(word: &str) -> bool {
    LEGAL_FORMS.contains(&word) || AMPERSAND_WORDS.contains(&word)
}

/// A name folded for matching: case, accents, punctuation, legal forms and « & » / « et » ignored.
pub fn normalised_name(name: &str) -> String {
    let mut words = folded_words(name);
    words.retain(|word| !name_noise(word));
    words.join(" ")
}

/// The key an import matches a client's name by: its normalised name without a leading civility, its words
/// in alphabetical order. An import stores a person's civility apart from the name and the first name
/// before the surname (the ledger's name is « Jean-Pierre Dupont », « Claire PETIT »), so the file's
/// « M. Jean-Pierre Dupont » and Dolibarr's « PETIT Claire » must find them on the next import.
fn client_name_key(name: &str) -> String {
    let mut words = folded_words(name);
    words.drain(..civility_words(&words));
    words.retain(|word| !name_noise(word));
    words.sort_unstable();
    words.join(" ")
}

/// Words that name a business rather than a person (folded), for guessing a new client's kind without a
/// SIREN: a two-word name holding one of them is no person's.
const BUSINESS_WORDS: &[&str] = &[
    "association",
    "atelier",
    "agence",
    "ambulances",
    "architecte",
    "architectes",
    "associes",
    "assurances",
    "auberge",
    "auto",
    "autos",
    "avocats",
    "bar",
    "batiment",
    "bistro",
    "bistrot",
    "boucherie",
    "boulangerie",
    "boutique",
    "brasserie",
    "btp",
    "cabinet",
    "cafe",
    "camping",
    "carrosserie",
    "cave",
    "centre",
    "charcuterie",
    "chateau",
    "clinique",
    "club",
    "coiffure",
    "college",
    "comite",
    "commune",
    "communication",
    "compagnie",
    "company",
    "conseil",
    "consulting",
    "cooperative",
    "creche",
    "creperie",
    "design",
    "domaine",
    "ecole",
    "editions",
    "ehpad",
    "electricite",
    "entreprise",
    "epicerie",
    "etablissements",
    "federation",
    "ferme",
    "fleuriste",
    "fondation",
    "fromagerie",
    "garage",
    "gite",
    "group",
    "groupe",
    "holding",
    "hotel",
    "immobilier",
    "imprimerie",
    "informatique",
    "institut",
    "laboratoire",
    "librairie",
    "lycee",
    "maconnerie",
    "mairie",
    "menuiserie",
    "mutuelle",
    "notaires",
    "oeuvres",
    "optique",
    "partners",
    "patisserie",
    "peinture",
    "pharmacie",
    "photographie",
    "pizzeria",
    "plomberie",
    "pressing",
    "production",
    "productions",
    "restaurant",
    "salon",
    "sarl",
    "services",
    "societe",
    "studio",
    "syndic",
    "syndicat",
    "taxi",
    "traiteur",
    "transport",
    "transports",
];

/// Words that never begin a person's name: articles and prepositions (« Le Petit Zinc », « Chez Amélie »).
const NOT_A_FIRST_NAME: &[&str] = &["le", "la", "les", "au", "aux", "chez", "du", "de", "des", "et"];

/// True when a name is clearly a person's: it begins with a civility (« Mme Lucie Fabre », « M. et Mme
/// Lefebvre »), or it is a first name and a surname and nothing else, in either order (« Sophie Lefèvre »,
/// « Jean-Pierre DUPONT », « PETIT Claire » as Dolibarr writes a person): two words, one written as a first
/// name (a capital, then lower case), the other as a surname (a capital first; all capitals when it comes
/// first), neither a business word, a legal form nor an article. Anything else is taken for a business
/// (« LE PETIT ZINC », « Camille Roux Photographie », « Fromagerie Géraud »), which keeps the late-payment
/// interest and the 40 € indemnity professionals owe: a word in capitals is no surname by itself, and a
/// wrong guess the user corrects costs less that way round.
fn looks_like_a_person(name: &str) -> bool {
    let words = folded_words(name);
    if civility_words(&words) > 0 {
        return true;
    }
    let written: Vec<&str> = name.split_whitespace().collect();
    let [first, last] = written.as_slice() else { return false };
    let letters = |word: &str| word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
    let nothing_business_like = !words.iter().any(|word| {
        BUSINESS_WORDS.contains(&word.as_str())
            || LEGAL_FORMS.contains(&word.as_str())
            || NOT_A_FIRST_NAME.contains(&word.as_str())
    });
    let surname = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    let in_order = is_first_name(first) && surname(last);
    let surname_first = is_capitals(first) && is_first_name(last);
    letters(first) && letters(last) && nothing_business_like && (in_order || surname_first)
}

/// A word written as a first name: « Sophie », « Jean-Pierre » (a capital, then lower case).
fn is_first_name(word: &str) -> bool {
    word.split('-').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.clone().count() > 0 && chars.all(char::is_lowercase)
    })
}

/// A word all in capitals, of two letters at least: « PETIT ».
fn is_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

/// Indexes of clients by SIREN, e-mail and normalised name; the first client wins each key. Looked up
/// several times a row, they are keyed by foldhash, as `rows::type_rows`' numbers are.
#[derive(Default)]
struct ClientIndex {
    by_siren: foldhash::HashMap<String, ClientChoice>,
    by_email: foldhash::HashMap<String, ClientChoice>,
    by_name: foldhash::HashMap<String, ClientChoice>,
}

impl ClientIndex {
    /// Adds the keys not yet taken; `name` is already normalised, `email` already lower case.
    fn add(&mut self, choice: &ClientChoice, name: &str, siren_siret: &str, email: &str) {
        fn keep(map: &mut foldhash::HashMap<String, ClientChoice>, key: &str, choice: &ClientChoice) {
            if !key.is_empty() && !map.contains_key(key) {
                map.insert(key.to_string(), choice.clone());
            }
        }
        if let Some(siren) = siren_siret.get(..9) {
            keep(&mut self.by_siren, siren, choice);
        }
        keep(&mut self.by_email, email, choice);
        keep(&mut self.by_name, name, choice);
    }

    fn find(&self, name: &str, siren_siret: &str, email: &str) -> Option<ClientChoice> {
        let by_siren = || siren_siret.get(..9).and_then(|siren| self.by_siren.get(siren));
        let by_email = || if email.is_empty() { None } else { self.by_email.get(email) };
        by_siren().or_else(by_email).or_else(|| self.by_name.get(name)).cloned()
    }
}

/// Compares the prepared rows with the ledger and decides what each becomes.
pub fn plan(mut prepared: PreparedFile, snapshot: &LedgerSnapshot, payment_date: NaiveDate) -> ImportPlan {
    cancel_in_ledger(&mut prepared, snapshot);
    let mut index = ClientIndex::default();
    let known: foldhash::HashMap<i64, &KnownClient> = snapshot.clients.iter().map(|c| (c.id, c)).collect();
    for client in &snapshot.clients {
        let choice = ClientChoice::Existing { id: client.id };
        index.add(&choice, &client_name_key(&client.name), &client.siren_siret, &client.email.trim().to_lowercase());
    }
    let column = |field: Field| {
        prepared
            .mapping
            .column_of(field)
            .and_then(|c| prepared.headers.get(c))
            .filter(|h| !h.trim().is_empty())
            .map_or_else(|| field.label().to_string(), |h| h.trim().to_string())
    };
    let mut rejected = prepared.problems.clone();
    let mut warnings = prepared.warnings.clone();
    let mut rows = Vec::with_capacity(prepared.rows.len());
    let mut new_clients: Vec<NewClient> = Vec::new();
    let mut client_updates: Vec<ClientUpdate> = Vec::new();
    // Where each client filled is in `client_updates`: a large file names the same clients on many rows.
    let mut update_at: foldhash::HashMap<i64, usize> = foldhash::HashMap::default();
    // The numbers a credit note may name in the same file, gathered only when the file has credit notes.
    let numbers_in_file: foldhash::HashSet<String> = if prepared.rows.iter().any(|r| r.corrects.is_some()) {
        prepared.rows.iter().map(|r| r.number.clone()).collect()
    } else {
        foldhash::HashSet::default()
    };
    // The invoices of the file a final invoice deducts (its down payment invoice), with their client and
    // what the file says they received.
    let cited_deposits: foldhash::HashMap<String, FileDeposit> = {
        let cited: foldhash::HashSet<&str> = prepared.rows.iter().filter_map(|r| r.deducts.as_deref()).collect();
        prepared
            .rows
            .iter()
            .filter(|r| cited.contains(r.number.as_str()))
            .map(|r| {
                let deposit = FileDeposit {
                    amount: r.amount,
                    received: r.paid.unwrap_or_default(),
                    siren: r.client.siren_siret.get(..9).unwrap_or_default().to_string(),
                    name_key: client_name_key(&r.client.name),
                };
                (r.number.clone(), deposit)
            })
            .collect()
    };
    // The credit notes of the file set against an invoice of the file (`rows::UsedCredit`), by row, with
    // that invoice's number; and the number of every row, to tell which invoices were refused.
    let settling: Vec<(usize, String)> =
        prepared.rows.iter().filter_map(|r| Some((r.row, r.used_credit.as_ref()?.settles.clone()?))).collect();
    let numbers_by_row: foldhash::HashMap<usize, String> = if settling.is_empty() {
        foldhash::HashMap::default()
    } else {
        prepared.rows.iter().map(|r| (r.row, r.number.clone())).collect()
    };
    let mut normalised_names: foldhash::HashMap<String, String> = foldhash::HashMap::default();
    // Each row is taken apart into its planned row: its texts are moved, not copied.
    for mut row in prepared.rows {
        let row_number = row.row;
        let reject = |rejected: &mut Vec<RowProblem>, field: Field, value: String, message: String| {
            rejected.push(RowProblem { row: row_number, column: column(field), value, message });
        };
        if let Some(issuer) = &row.issuer {
            if let Err(message) = check_issuer(issuer, &snapshot.profile_siren) {
                let value = if issuer.siren.is_empty() {
                    issuer.name.clone()
                } else {
                    format!("{} (SIREN {})", issuer.name, issuer.siren)
                };
                rejected.push(RowProblem { row: row.row, column: ISSUER_COLUMN.to_string(), value, message });
                continue;
            }
        }
        let mut notes = std::mem::take(&mut row.notes);
        if let Some(corrected) = &row.corrects {
            if !snapshot.invoices.contains_key(corrected) && !numbers_in_file.contains(corrected) {
                notes.push(format!(
                    "La facture corrigée « {corrected} » n'est ni dans le registre ni dans ce fichier : vérifiez \
                     son numéro ou importez-la aussi."
                ));
            }
        }
        // The client (a file names the same few clients on many rows: each name is normalised once).
        let name_key = match normalised_names.get(row.client.name.as_str()) {
            Some(key) => key.clone(),
            None => {
                let key = client_name_key(&row.client.name);
                normalised_names.insert(row.client.name.clone(), key.clone());
                key
            }
        };
        let email_key = row.client.email.trim().to_lowercase();
        let client = match index.find(&name_key, &row.client.siren_siret, &email_key) {
            Some(found) => {
                // The file's own name, e-mail and SIREN for this client now lead to it too: a later row
                // that gives only the name as this file writes it goes to the same client.
                index.add(&found, &name_key, &row.client.siren_siret, &email_key);
                found
            }
            None => {
                let (checked, address_warnings) = match checked_new_client(&row.client) {
                    Ok(checked) => checked,
                    Err(errors) => {
                        for error in errors.0 {
                            let field = client_field(&error.field);
                            let value = client_value(&row.client, field);
                            reject(&mut rejected, field, value, error.message);
                        }
                        continue;
                    }
                };
                for (field, message) in address_warnings {
                    warnings.push(RowWarning {
                        row: row.row,
                        client: row.client.name.clone(),
                        column: column(field),
                        value: client_value(&row.client, field),
                        message,
                        about_invoice: false,
                    });
                }
                let choice = ClientChoice::New { index: new_clients.len() };
                index.add(&choice, &name_key, &checked.siren_siret, &checked.email.to_lowercase());
                new_clients.push(NewClient { name: row.client.name.clone(), fields: checked, row: row.row });
                choice
            }
        };
        let (client_name, client_terms) = match &client {
            ClientChoice::Existing { id } => (known[id].name.clone(), known[id].payment_terms),
            ClientChoice::New { index } => (new_clients[*index].name.clone(), None),
        };
        if let Some(cited) = row.deducts.take() {
            settle_deposit(&mut row, cited, &client, &name_key, snapshot, &cited_deposits, &mut notes);
        }
        // The row's own terms, else the client's, else the ledger's default (`domain::terms`).
        let (terms, whose) = match (row.payment_terms, client_terms) {
            (Some(terms), _) => (terms, None),
            (None, Some(terms)) => (terms.into(), Some("du client")),
            (None, None) => (
                crate::domain::terms::PaymentTerms::days(snapshot.default_payment_terms_days).into(),
                Some("par défaut"),
            ),
        };
        match snapshot.invoices.get(&row.number) {
            None => {
                let due_date = row.due_date.unwrap_or_else(|| terms.due_date(row.issue_date));
                if row.due_date.is_none() {
                    let (due, terms) = (format_short(due_date), terms.label());
                    notes.push(match whose {
                        Some(whose) => format!("Échéance calculée au {due} : délai de paiement {whose} de {terms}."),
                        None => format!("Échéance calculée au {due} : conditions de paiement de la facture, {terms}."),
                    });
                }
                let payments = dated_payments(&row, Decimal::ZERO, payment_date);
                let dispute = planned_dispute(&row, &prepared.source.file_name, payment_date, &mut notes);
                let pause = planned_pause(&row, &prepared.source.file_name, payment_date, &mut notes);
                rows.push(PlannedRow {
                    row: row.row,
                    status: RowStatus::New,
                    number: row.number,
                    client_name,
                    client,
                    invoice_id: None,
                    issue_date: row.issue_date,
                    due_date,
                    amount: row.amount,
                    amount_excl_vat: row.amount_excl_vat,
                    object: row.object,
                    nature: row.nature,
                    payment: row.paid.filter(|paid| *paid > Decimal::ZERO),
                    payments,
                    changes: Vec::new(),
                    corrects: row.corrects,
                    document: row.document,
                    dispute,
                    pause,
                    notes,
                });
            }
            Some(existing) => match compare(&row, existing, &client) {
                Err((field, message)) => {
                    let value = match field {
                        Field::Client => row.client.name.clone(),
                        Field::Paid => row.paid.map(format_eur_ascii).unwrap_or_default(),
                        _ => format_eur_ascii(row.amount),
                    };
                    reject(&mut rejected, field, value, message);
                }
                Ok((changes, payment)) => {
                    let dispute = if snapshot.disputed_invoices.contains(&existing.id) {
                        None
                    } else {
                        planned_dispute(&row, &prepared.source.file_name, payment_date, &mut notes)
                    };
                    let pause = if snapshot.paused_invoices.contains(&existing.id) {
                        None
                    } else {
                        planned_pause(&row, &prepared.source.file_name, payment_date, &mut notes)
                    };
                    rows.push(PlannedRow {
                        payments: if payment.is_some() {
                            dated_payments(&row, existing.paid, payment_date)
                        } else {
                            Vec::new()
                        },
                        row: row.row,
                        status: if changes.is_empty() && payment.is_none() && dispute.is_none() && pause.is_none() {
                            RowStatus::Unchanged
                        } else {
                            RowStatus::Updated
                        },
                        number: row.number,
                        client_name,
                        client,
                        invoice_id: Some(existing.id),
                        issue_date: row.issue_date,
                        due_date: row.due_date.unwrap_or(existing.due_date),
                        amount: row.amount,
                        amount_excl_vat: row.amount_excl_vat.or(existing.amount_excl_vat),
                        object: if row.object.is_empty() { existing.object.clone() } else { row.object },
                        nature: row.nature.or(existing.nature),
                        payment,
                        document: row
                            .document
                            .filter(|document| existing.document.as_ref().map(|d| &d.sha256) != Some(&document.sha256)),
                        changes,
                        corrects: row.corrects.or_else(|| existing.corrects.clone()),
                        dispute,
                        pause,
                        notes,
                    });
                }
            },
        }
        // A row written (not unchanged, not refused) fills the blank fields of its client from its own.
        if let Some(planned) = rows.last_mut().filter(|planned| planned.row == row.row) {
            if planned.status != RowStatus::Unchanged {
                let filled = match planned.client {
                    ClientChoice::New { index } => fill_blanks(&mut new_clients[index].fields, &row.client),
                    ClientChoice::Existing { id } => {
                        // The client as this import leaves it so far: filled by an earlier row, or as stored;
                        // copied only when this row has something to fill it with.
                        let at = update_at.get(&id).copied();
                        let current =
                            at.map_or_else(|| snapshot.client_fields.get(&id), |at| Some(&client_updates[at].fields));
                        let Some(mut fields) =
                            current.filter(|current| fillable(current, &row.client).contains(&true)).cloned()
                        else {
                            // Nothing to fill: this row is done.
                            continue;
                        };
                        let filled = fill_blanks(&mut fields, &row.client);
                        match at {
                            Some(at) => {
                                client_updates[at].fields = fields;
                                client_updates[at].changes.extend(filled.iter().cloned());
                            }
                            None if !filled.is_empty() => {
                                update_at.insert(id, client_updates.len());
                                client_updates.push(ClientUpdate {
                                    client_id: id,
                                    name: planned.client_name.clone(),
                                    fields,
                                    changes: filled.clone(),
                                    row: row.row,
                                });
                            }
                            None => {}
                        }
                        filled
                    }
                };
                if !filled.is_empty() {
                    let said: Vec<String> =
                        filled.iter().map(|change| format!("{} « {} »", change.label, change.after)).collect();
                    planned.notes.push(format!(
                        "Fiche client complétée d'après ce fichier (champs vides jusqu'ici) : {}.",
                        said.join(", ")
                    ));
                }
            }
        }
    }
    // A credit note set against an invoice of the file whose row is refused is refused too: imported alone,
    // naming that invoice, it would be deducted from it on top of what the ledger already counts there.
    if !settling.is_empty() {
        let refused: foldhash::HashSet<&str> =
            rejected.iter().filter_map(|problem| numbers_by_row.get(&problem.row)).map(String::as_str).collect();
        for (credit_row, invoice) in settling.iter().filter(|(_, invoice)| refused.contains(invoice.as_str())) {
            let Some(at) = rows.iter().position(|row| row.row == *credit_row) else { continue };
            let credit_note = rows.remove(at);
            rejected.push(RowProblem {
                row: credit_note.row,
                column: column(Field::Number),
                value: credit_note.number,
                message: format!(
                    "avoir utilisé d'après le fichier contre la facture « {invoice} », dont la ligne est refusée : \
                     importé seul, il serait déduit de cette facture en plus de ce que le registre compte déjà. \
                     Corrigez d'abord la ligne de la facture, puis importez le fichier à nouveau. Ligne ignorée."
                ),
            });
        }
    }
    // One pass over the planned rows for what the plan counts: the rows of each status, the payments the
    // file leaves undated, and the new clients left without a row (every row of theirs refused later),
    // which are not created.
    let mut used = vec![false; new_clients.len()];
    let (mut new, mut updated, mut unchanged, mut undated_payments) = (0, 0, 0, 0);
    for row in &rows {
        if let ClientChoice::New { index } = row.client {
            used[index] = true;
        }
        match row.status {
            RowStatus::New => new += 1,
            RowStatus::Updated => updated += 1,
            RowStatus::Unchanged => unchanged += 1,
        }
        undated_payments += row.payments.iter().filter(|p| !p.dated_by_file && !p.before_issue).count();
    }
    let kept = if used.iter().all(|used| *used) {
        new_clients
    } else {
        let mut renumber = Vec::with_capacity(new_clients.len());
        let mut kept = Vec::new();
        for (i, client) in new_clients.into_iter().enumerate() {
            renumber.push(kept.len());
            if used[i] {
                kept.push(client);
            }
        }
        for row in &mut rows {
            if let ClientChoice::New { index } = &mut row.client {
                *index = renumber[*index];
            }
        }
        kept
    };
    let mut rejected_rows: Vec<usize> = rejected.iter().map(|p| p.row).collect();
    rejected_rows.sort_unstable();
    rejected_rows.dedup();
    rejected.sort_by_key(|problem| problem.row);
    warnings.sort_by_key(|warning| warning.row);
    let payment_date_column = prepared.mapping.column_of(Field::PaymentDate).map(|_| column(Field::PaymentDate));
    let source_file = prepared.source.clone();
    ImportPlan {
        new,
        updated,
        unchanged,
        skipped: prepared.skipped,
        source: prepared.source,
        sheets: prepared.sheets,
        headers: prepared.headers,
        mapping: prepared.mapping,
        layout_key: prepared.layout_key,
        fields: Field::ALL.iter().map(|f| (*f, f.label())).collect(),
        rows,
        new_clients: kept,
        client_updates,
        rejected,
        rejected_rows: rejected_rows.len(),
        warnings,
        payment_date,
        payment_date_column,
        undated_payments,
        files: vec![PlannedFile {
            row: 0,
            file_name: source_file.file_name,
            sha256: source_file.sha256,
            format: "tableur".to_string(),
            number: String::new(),
            credit_note: false,
            status: FileStatus::Read,
            document: false,
            messages: Vec::new(),
            notes: Vec::new(),
            error: None,
        }],
    }
}

/// A down payment invoice of the file that a final invoice of the same file cites.
struct FileDeposit {
    amount: Decimal,
    received: Decimal,
    siren: String,
    name_key: String,
}

/// A final invoice deducting its prepaid amount (BT-113) and citing its down payment invoice `cited`
/// (BT-25): when that invoice is in the ledger or in the same import, for the same client, the final
/// invoice replaces it (it is owed no more, what it received goes to the final invoice) and only the part
/// of the prepaid amount it has not received is recorded as a payment, so that the money counts once in
/// the receipts book. The link is the one the file states: the prepaid amount is what was paid in advance,
/// which may be less than the down payment invoice asked (part of it received) or more (other deposits).
/// Otherwise the prepaid amount is recorded as a payment, as for any invoice, and the row says to look for
/// the down payment invoice.
fn settle_deposit(
    row: &mut ImportRow,
    cited: String,
    client: &ClientChoice,
    name_key: &str,
    snapshot: &LedgerSnapshot,
    cited_deposits: &foldhash::HashMap<String, FileDeposit>,
    notes: &mut Vec<String>,
) {
    let prepaid = row.paid.unwrap_or_default();
    let in_ledger = snapshot
        .invoices
        .get(&cited)
        .filter(|known| matches!(client, ClientChoice::Existing { id } if *id == known.client_id));
    let in_file = cited_deposits.get(&cited).filter(|deposit| {
        let siren = row.client.siren_siret.get(..9).unwrap_or_default();
        if siren.is_empty() || deposit.siren.is_empty() {
            deposit.name_key == name_key
        } else {
            deposit.siren == siren
        }
    });
    let (asked, received) = match (in_ledger, in_file) {
        (Some(known), _) => (known.amount, known.paid),
        (None, Some(deposit)) => (deposit.amount, deposit.received),
        (None, None) => {
            notes.push(super::einvoice::convert::prepaid_note(prepaid, row.issue_date, row.amount - prepaid));
            notes.push(format!(
                "Facture qui cite la facture « {cited} », sans doute sa facture d'acompte, que ni le registre ni \
                 cet import ne contiennent pour ce client : le montant déjà payé (BT-113) est \
                 enregistré ici comme règlement. Si vous importez ou saisissez plus tard la facture d'acompte \
                 « {cited} », elle restera due à part : ne comptez pas deux fois le même versement."
            ));
            return;
        }
    };
    let received = received.clamp(Decimal::ZERO, prepaid);
    let new_money = prepaid - received;
    row.paid = Some(new_money).filter(|amount| *amount > Decimal::ZERO);
    row.corrects = Some(cited.clone());
    let whence = if in_ledger.is_some() { "déjà dans le registre" } else { "de cet import" };
    let prepaid_said = if prepaid == asked {
        String::new()
    } else {
        format!(" Le montant déjà payé qu'elle déduit (BT-113) est de {}.", crate::domain::money::format_eur(prepaid))
    };
    notes.push(format!(
        "Facture de solde : elle déduit la facture d'acompte « {cited} » ({}, {whence}), qui n'est plus réclamée \
         à part (elle apparaît comme remplacée par cette facture) ; ce qu'elle a reçu vient en déduction du \
         solde.{prepaid_said}",
        crate::domain::money::format_eur(asked)
    ));
    if new_money > Decimal::ZERO {
        let note = super::einvoice::convert::prepaid_note(new_money, row.issue_date, row.amount - prepaid);
        let received_note = if received > Decimal::ZERO {
            format!(
                " La facture d'acompte a déjà reçu {} : seul le reste est enregistré.",
                crate::domain::money::format_eur(received)
            )
        } else {
            String::new()
        };
        notes.push(format!(
            "{note}{received_note} Le virement de la facture d'acompte qu'un relevé bancaire montrerait plus tard \
             est ce même versement : ne l'enregistrez pas une seconde fois."
        ));
    } else {
        notes.push(format!(
            "Le montant déjà payé (BT-113) est le règlement déjà enregistré sur la facture d'acompte « {cited} » : \
             il n'est pas enregistré une seconde fois."
        ));
    }
}

/// Plans a batch of e-invoices as [`plan`] plans a file, with what became of each file: the status of
/// the row it gave, or why it was passed over or refused.
pub fn plan_batch(batch: EInvoiceBatch, snapshot: &LedgerSnapshot, payment_date: NaiveDate) -> ImportPlan {
    let mut planned = plan(batch.prepared, snapshot, payment_date);
    // The files that are, or become, an invoice's document.
    let kept: std::collections::HashSet<String> = planned
        .rows
        .iter()
        .filter_map(|row| row.document.as_ref())
        .chain(snapshot.invoices.values().filter_map(|known| known.document.as_ref()))
        .map(|document| document.sha256.clone())
        .collect();
    planned.files = batch
        .files
        .into_iter()
        .map(|file| {
            let mut entry = PlannedFile {
                row: file.row,
                file_name: file.file_name,
                sha256: file.sha256,
                format: String::new(),
                number: String::new(),
                credit_note: false,
                status: FileStatus::Rejected,
                document: false,
                messages: Vec::new(),
                notes: Vec::new(),
                error: None,
            };
            match file.outcome {
                FileOutcome::Read { format, number, document, .. } => {
                    entry.format = format;
                    entry.number = number;
                    entry.credit_note = document == DocumentKind::CreditNote;
                    let planned_row = planned.rows.iter().find(|row| row.row == file.row);
                    if let Some(row) = planned_row {
                        entry.status = match row.status {
                            RowStatus::New => FileStatus::New,
                            RowStatus::Updated => FileStatus::Updated,
                            RowStatus::Unchanged => FileStatus::Unchanged,
                        };
                        entry.notes = row.notes.clone();
                    }
                    entry.messages = planned
                        .rejected
                        .iter()
                        .filter(|problem| problem.row == file.row)
                        .map(|problem| format!("{} : {}", problem.column, problem.message))
                        .collect();
                }
                FileOutcome::Duplicate { of_row, of_file } => {
                    entry.status = FileStatus::Duplicate;
                    entry.messages.push(format!(
                        "même facture que le fichier « {of_file} » (ligne {of_row}) : fichier passé, rien de plus à \
                         importer"
                    ));
                }
                FileOutcome::Refused { error, message } => {
                    entry.error = Some(error);
                    entry.messages.push(message);
                }
            }
            entry.document = entry.status != FileStatus::Rejected && kept.contains(&entry.sha256);
            entry
        })
        .collect();
    planned
}

/// The payments that bring an invoice from `already_paid` (what the ledger holds) to what the file says
/// was paid, to the cent: the file's dated payments oldest first (the part of them the ledger already
/// holds left out), then whatever the file does not date, on `payment_date` (never before the invoice),
/// or, paid before the invoice was issued, on the invoice's issue date.
fn dated_payments(row: &ImportRow, already_paid: Decimal, payment_date: NaiveDate) -> Vec<PlannedPayment> {
    let Some(total) = row.paid.filter(|paid| *paid > already_paid) else { return Vec::new() };
    let dated: Vec<(NaiveDate, Decimal)> = match row.payments.as_slice() {
        [] => Vec::new(),
        // One date for everything the invoice received.
        [FilePayment { date, amount: None, .. }] => vec![(*date, total)],
        several => several.iter().filter_map(|p| Some((p.date, p.amount?))).collect(),
    };
    let mut payments = Vec::new();
    let mut counted = Decimal::ZERO;
    for (date, amount) in dated {
        let end = (counted + amount).min(total);
        let new_part = end - counted.max(already_paid);
        if new_part > Decimal::ZERO {
            payments.push(PlannedPayment { date, amount: new_part, dated_by_file: true, before_issue: false });
        }
        counted = end;
    }
    let rest = total - counted.max(already_paid);
    if rest > Decimal::ZERO && row.paid_before_issue {
        // Paid before the invoice existed: no later than its issue date. The import's day would put in the
        // receipts book money received months earlier, or never in that period.
        payments.push(PlannedPayment { date: row.issue_date, amount: rest, dated_by_file: false, before_issue: true });
    } else if rest > Decimal::ZERO {
        let date = payment_date.max(row.issue_date);
        payments.push(PlannedPayment { date, amount: rest, dated_by_file: false, before_issue: false });
    }
    payments
}

/// Fills the fields a client leaves blank from a row's cells, never replacing one written: the e-mail,
/// the SIREN/SIRET, the phone, and the address when it has none at all. Each fill is kept only when the
/// client's form still validates with it (a value the form refuses is left out); returns the fields
/// filled, as the form puts them.
fn fill_blanks(fields: &mut ClientFields, cells: &ClientCells) -> Vec<FieldChange> {
    let blank = fillable(fields, cells);
    if !blank.contains(&true) {
        return Vec::new();
    }
    type Fill = (Field, &'static str, fn(&mut ClientFields, &ClientCells), fn(&ClientFields) -> String);
    let fills: [(bool, Fill); 4] = [
        (blank[0], (Field::Email, "email", |f, c| f.email = c.email.clone(), |f| f.email.clone())),
        (
            blank[1],
            (
                Field::SirenSiret,
                "siren_siret",
                // A client recorded as a consumer that a file names by its SIREN or SIRET (a business buyer of
                // an e-invoice, a sole trader named like a person) is a professional one.
                |f, c| {
                    f.siren_siret = c.siren_siret.clone();
                    f.kind = ClientKind::Professional;
                },
                |f| f.siren_siret.clone(),
            ),
        ),
        (blank[2], (Field::Phone, "phone", |f, c| f.phone = c.phone.clone(), |f| f.phone.clone())),
        (
            blank[3],
            (
                Field::AddressStreet,
                "address",
                |f, c| {
                    f.address = PostalAddress {
                        street: c.street.clone(),
                        complement: c.complement.clone(),
                        postcode: c.postcode.clone(),
                        town: c.town.clone(),
                        country: c.country.clone(),
                        ..PostalAddress::default()
                    }
                },
                |f| f.address.lines("").into_iter().filter(|line| !line.is_empty()).collect::<Vec<_>>().join(", "),
            ),
        ),
    ];
    let mut filled = Vec::new();
    let kind_before = fields.kind;
    for (blank, (field, key, fill, shown)) in fills {
        if !blank {
            continue;
        }
        let mut candidate = fields.clone();
        fill(&mut candidate, cells);
        if candidate.validate().is_ok() {
            *fields = candidate;
            let label = if key == "address" { "adresse" } else { field.label() };
            filled.push(FieldChange { field: key, label, before: String::new(), after: shown(fields) });
        }
    }
    if fields.kind != kind_before {
        filled.push(FieldChange {
            field: "kind",
            label: "type de client",
            before: kind_before.label().to_string(),
            after: fields.kind.label().to_string(),
        });
    }
    filled
}

/// Which of a client's e-mail, SIREN/SIRET, phone and address are blank where the row gives one (the
/// address counts as blank only when it has no line at all).
fn fillable(fields: &ClientFields, cells: &ClientCells) -> [bool; 4] {
    let address = &fields.address;
    let address_blank = [&address.street, &address.building, &address.locality, &address.postcode, &address.town]
        .iter()
        .all(|part| part.trim().is_empty());
    let given = |text: &str| !text.trim().is_empty();
    [
        !given(&fields.email) && given(&cells.email),
        !given(&fields.siren_siret) && given(&cells.siren_siret),
        !given(&fields.phone) && given(&cells.phone),
        address_blank && (given(&cells.street) || given(&cells.town)),
    ]
}

/// The invoices the file says are cancelled, against the ledger. One the ledger holds still owed is not
/// cancelled by the refusal of its row: when the file also has the credit note that cancelled it (used up,
/// of the same client and amount, naming no other invoice), that credit note is imported naming it, which
/// cancels it in the ledger as the user would by hand and which the undo of the import takes away again;
/// otherwise its refusal says that it is still owed there and how to cancel it.
fn cancel_in_ledger(prepared: &mut PreparedFile, snapshot: &LedgerSnapshot) {
    let not_owed = std::mem::take(&mut prepared.not_owed);
    if snapshot.invoices.is_empty() {
        return;
    }
    // A credit note used up in the tool that an earlier import recorded unused: said, as the ledger keeps it.
    for credit_note in not_owed.iter().filter(|row| row.why == NotOwed::CreditNoteUsedUp) {
        let number = &credit_note.invoice.number;
        let Some(existing) = snapshot.invoices.get(number).filter(|existing| existing.amount < Decimal::ZERO) else {
            continue;
        };
        for problem in prepared.problems.iter_mut().filter(|problem| problem.row == credit_note.invoice.row) {
            problem.message = format!(
                "avoir « {number} » entièrement utilisé d'après le fichier (reste {}), mais il est dans le registre, \
                 où ses {} comptent encore en déduction des factures du client : l'import ne le change pas. S'il a \
                 servi contre une facture qui n'est pas dans le registre, supprimez-le dans Ardoise. Ligne ignorée.",
                format_eur_ascii(Decimal::ZERO),
                format_eur_ascii(-existing.amount)
            );
        }
    }
    let mut credit_notes: Vec<Option<&NotOwedRow>> = not_owed
        .iter()
        .filter(|row| row.why == NotOwed::CreditNoteUsedUp && !snapshot.invoices.contains_key(&row.invoice.number))
        .map(Some)
        .collect();
    for cancelled in not_owed.iter().filter(|row| row.why == NotOwed::Cancelled) {
        let (number, status) = (&cancelled.invoice.number, &cancelled.status);
        let Some(existing) = snapshot.invoices.get(number) else { continue };
        let owed = existing.amount - existing.paid;
        if owed <= Decimal::ZERO {
            continue;
        }
        let client = client_name_key(&cancelled.invoice.client.name);
        let pair = credit_notes
            .iter_mut()
            .find(|credit_note| {
                credit_note.is_some_and(|credit_note| {
                    -credit_note.invoice.amount == cancelled.invoice.amount
                        && credit_note.invoice.corrects.as_ref().is_none_or(|corrects| corrects == number)
                        && client_name_key(&credit_note.invoice.client.name) == client
                })
            })
            .and_then(Option::take);
        match pair {
            Some(credit_note) => {
                let mut row = credit_note.invoice.clone();
                row.corrects = Some(number.clone());
                row.notes.push(format!(
                    "Avoir entièrement utilisé d'après le fichier, contre la facture « {number} » qu'il dit « {status} » \
                     (ligne {}) : cette facture est dans le registre, où elle restait due ({}) ; l'avoir y est inscrit \
                     en la nommant, ce qui l'annule. Annuler l'import le retire.",
                    cancelled.invoice.row,
                    format_eur_ascii(owed)
                ));
                prepared.problems.retain(|problem| problem.row != row.row && problem.row != cancelled.invoice.row);
                let at = prepared.rows.partition_point(|other| other.row < row.row);
                prepared.rows.insert(at, row);
            }
            None => {
                for problem in prepared.problems.iter_mut().filter(|problem| problem.row == cancelled.invoice.row) {
                    problem.message = format!(
                        "facture au statut « {status} » dans votre logiciel, mais elle est dans le registre, où elle \
                         reste due ({}) et relancée : l'import ne l'annule pas, une facture s'annule par un avoir. \
                         Saisissez dans Ardoise l'avoir qui l'annule (une facture de montant négatif, facture corrigée \
                         « {number} »), ou importez l'export de votre logiciel qui contient cet avoir. Ligne ignorée.",
                        format_eur_ascii(owed)
                    );
                }
            }
        }
    }
}

/// The dispute a row's status asks for, with the note saying so; None when the file says no dispute.
fn planned_dispute(
    row: &ImportRow,
    file_name: &str,
    date: NaiveDate,
    notes: &mut Vec<String>,
) -> Option<PlannedDispute> {
    let status = row.disputed.as_ref()?;
    notes.push(format!(
        "Facture contestée d'après le fichier (statut « {status} ») : une contestation est ouverte au {}, et \
         les relances de cette facture s'arrêtent jusqu'à ce que vous la clôturiez.",
        format_short(date)
    ));
    Some(PlannedDispute {
        date,
        reason: format!("Contestation indiquée par le fichier importé « {file_name} » (statut « {status} »)."),
    })
}

/// The pause recorded on an invoice payable to someone other than the user (a factor, the e-invoice's
/// payee): Ardoise's letters ask payment on the user's own account, so the invoice leaves the ladder until
/// the user ends the pause, and the row says why.
fn planned_pause(row: &ImportRow, file_name: &str, date: NaiveDate, notes: &mut Vec<String>) -> Option<PlannedPause> {
    let payee = row.payee.as_ref()?;
    notes.push(format!(
        "Bénéficiaire du paiement (BG-10) autre que le vendeur : {payee}. La facture est sans doute cédée à un \
         affactureur : le client doit payer ce bénéficiaire, et les courriers d'Ardoise demandent le paiement \
         sur votre compte. Ses relances sont suspendues à partir du {} : levez la suspension si la facture vous \
         revient, ou relancez-la en désignant ce bénéficiaire.",
        format_short(date)
    ));
    Some(PlannedPause {
        date,
        reason: format!(
            "Facture payable à {payee} (bénéficiaire du paiement indiqué par la facture électronique « \
             {file_name} »), pas sur votre compte : relances suspendues par l'import."
        ),
    })
}

/// A new client's fields checked as the client form checks them. An address the form would refuse (a
/// postcode without 5 digits, a line too long for an envelope) is left out with the reasons, for the
/// preview to show: the client is created without it. Only a missing name refuses the row.
fn checked_new_client(
    cells: &ClientCells,
) -> Result<(ClientFields, Vec<(Field, String)>), crate::domain::model::FieldErrors> {
    let mut fields = new_client_fields(cells);
    let mut checked = fields.clone();
    let Err(errors) = checked.validate() else { return Ok((checked, Vec::new())) };
    let (address, other): (Vec<_>, Vec<_>) =
        errors.0.into_iter().partition(|error| client_field(&error.field) != Field::Client);
    if !other.is_empty() {
        return Err(crate::domain::model::FieldErrors(other));
    }
    fields.address = PostalAddress::default();
    let warnings = address
        .into_iter()
        .map(|error| (client_field(&error.field), format!("adresse laissée de côté : {}", error.message)))
        .collect();
    let mut checked = fields;
    checked.validate()?;
    Ok((checked, warnings))
}

/// The changes a row brings to an existing invoice and the payment it adds, or why it is refused.
fn compare(
    row: &ImportRow,
    existing: &KnownInvoice,
    client: &ClientChoice,
) -> Result<(Vec<FieldChange>, Option<Decimal>), (Field, String)> {
    if *client != (ClientChoice::Existing { id: existing.client_id }) {
        return Err((
            Field::Client,
            format!("la facture « {} » est enregistrée pour un autre client : ligne ignorée", row.number),
        ));
    }
    if existing.paid > Decimal::ZERO && row.amount < existing.paid {
        return Err((
            Field::Amount,
            format!(
                "montant inférieur aux {} déjà réglés sur la facture « {} »",
                format_eur_ascii(existing.paid),
                row.number
            ),
        ));
    }
    let mut changes = Vec::new();
    let mut change = |field: Field, key: &'static str, before: String, after: String| {
        if before != after {
            changes.push(FieldChange { field: key, label: field.label(), before, after });
        }
    };
    change(Field::IssueDate, "issue_date", format_short(existing.issue_date), format_short(row.issue_date));
    if let Some(due) = row.due_date {
        change(Field::DueDate, "due_date", format_short(existing.due_date), format_short(due));
    }
    change(Field::Amount, "amount", format_eur_ascii(existing.amount), format_eur_ascii(row.amount));
    if let Some(excl) = row.amount_excl_vat {
        let before = existing.amount_excl_vat.map(format_eur_ascii).unwrap_or_default();
        change(Field::AmountExclVat, "amount_excl_vat", before, format_eur_ascii(excl));
    }
    if !row.object.is_empty() {
        change(Field::Object, "object", existing.object.clone(), row.object.clone());
    }
    if let Some(nature) = row.nature {
        let before = existing.nature.map(Nature::label).unwrap_or_default().to_string();
        change(Field::Nature, "nature", before, nature.label().to_string());
    }
    if let Some(corrected) = row.corrects.as_ref().filter(|corrected| existing.corrects.as_ref() != Some(corrected)) {
        let before = existing.corrects.clone().unwrap_or_default();
        changes.push(FieldChange { field: "corrects", label: CORRECTS_LABEL, before, after: corrected.clone() });
    }
    if let Some(document) = &row.document {
        if existing.document.as_ref().map(|d| &d.sha256) != Some(&document.sha256) {
            let before = existing.document.as_ref().map_or_else(|| "aucun".to_string(), |d| d.file_name.clone());
            let after = document.file_name.clone();
            changes.push(FieldChange { field: "document", label: DOCUMENT_LABEL, before, after });
        }
    }
    let payment = match row.paid {
        // Paid before the invoice was issued: what the ledger recorded since adds to it.
        Some(paid) if paid < existing.paid && row.paid_before_issue => None,
        Some(paid) if paid < existing.paid => {
            return Err((
                Field::Paid,
                format!(
                    "le fichier indique {} réglés, le registre en compte déjà {} : supprimez d'abord le règlement \
                     en trop dans Ardoise",
                    format_eur_ascii(paid),
                    format_eur_ascii(existing.paid)
                ),
            ))
        }
        Some(paid) if paid > existing.paid => {
            changes.push(FieldChange {
                field: "paid",
                label: Field::Paid.label(),
                before: format_eur_ascii(existing.paid),
                after: format_eur_ascii(paid),
            });
            Some(paid - existing.paid)
        }
        _ => None,
    };
    Ok((changes, payment))
}

/// The labels of the changes that are no column of a spreadsheet.
const CORRECTS_LABEL: &str = "Facture corrigée";
const DOCUMENT_LABEL: &str = "Document de la facture";

/// Where a refusal about an invoice's issuer points.
const ISSUER_COLUMN: &str = "Vendeur (BT-27, BT-30)";

/// An invoice that names its issuer is the user's own only when the issuer's SIREN is the profile's.
fn check_issuer(issuer: &IssuerCells, profile_siren: &str) -> Result<(), String> {
    if profile_siren.is_empty() {
        return Err("votre SIREN n'est pas renseigné dans le profil (Réglages) : impossible de vérifier que \
                    cette facture est bien la vôtre. Renseignez-le, puis recommencez."
            .to_string());
    }
    if issuer.siren.is_empty() {
        return Err(format!(
            "la facture ne donne ni le SIREN ni le n° de TVA français du vendeur « {} » : impossible de vérifier \
             qu'elle est la vôtre",
            issuer.name
        ));
    }
    if issuer.siren != profile_siren {
        return Err(format!(
            "facture émise par « {} » (SIREN {}), pas par vous (SIREN {} dans le profil) : Ardoise ne relance que \
             vos propres factures",
            issuer.name, issuer.siren, profile_siren
        ));
    }
    Ok(())
}

/// A new client from a row: a consumer only when it has no SIREN/SIRET (not even one left out as wrong)
/// and its name is clearly a person's ([`looks_like_a_person`]); a professional named as written
/// otherwise. The preview shows the guess for the user to confirm.
fn new_client_fields(cells: &ClientCells) -> ClientFields {
    let professional =
        !cells.siren_siret.is_empty() || cells.business_number_given || !looks_like_a_person(&cells.name);
    let (civility, first_name, last_name) = if professional { Default::default() } else { person_name(&cells.name) };
    ClientFields {
        kind: if professional { ClientKind::Professional } else { ClientKind::Consumer },
        company_name: if professional { cells.name.clone() } else { String::new() },
        civility,
        first_name,
        last_name,
        email: cells.email.clone(),
        phone: cells.phone.clone(),
        siren_siret: cells.siren_siret.clone(),
        address: PostalAddress {
            street: cells.street.clone(),
            complement: cells.complement.clone(),
            postcode: cells.postcode.clone(),
            town: cells.town.clone(),
            country: cells.country.clone(),
            ..PostalAddress::default()
        },
        ..ClientFields::default()
    }
}

/// A person's name as written ("Mme Sophie Lefèvre", "M. et Mme Lefebvre", "Sophie Lefèvre", "Lefèvre")
/// split into civility, first name and last name; more than two words stay whole in the last name.
fn person_name(name: &str) -> (String, String, String) {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let taken = civility_words(&folded_words(name)).min(words.len().saturating_sub(1));
    let civility = words.drain(..taken).collect::<Vec<_>>().join(" ");
    match words.as_slice() {
        // « PETIT Claire »: the surname first, in capitals.
        [last, first] if is_capitals(last) && is_first_name(first) => (civility, first.to_string(), last.to_string()),
        [first, last] => (civility, first.to_string(), last.to_string()),
        _ => (civility, String::new(), words.join(" ")),
    }
}

/// The import column behind a client form field, for messages.
fn client_field(form_field: &str) -> Field {
    match form_field {
        "siren_siret" => Field::SirenSiret,
        "email" => Field::Email,
        "phone" => Field::Phone,
        "address" | "address_street" | "street" => Field::AddressStreet,
        "address_complement" | "complement" => Field::AddressComplement,
        "address_postcode" | "postcode" => Field::Postcode,
        "address_town" | "town" => Field::Town,
        _ => Field::Client,
    }
}

fn client_value(cells: &ClientCells, field: Field) -> String {
    match field {
        Field::SirenSiret => cells.siren_siret.clone(),
        Field::Email => cells.email.clone(),
        Field::Phone => cells.phone.clone(),
        Field::AddressStreet => cells.street.clone(),
        Field::AddressComplement => cells.complement.clone(),
        Field::Postcode => cells.postcode.clone(),
        Field::Town => cells.town.clone(),
        _ => cells.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whatever_the_case_accents_punctuation_and_legal_form() {
        let same = ["Menuiserie Dupont SARL", "MENUISERIE DUPONT", "menuiserie dupont, s.a.r.l.", "Ménuiserie  Dupont"];
        for name in same {
            assert_eq!(normalised_name(name), "menuiserie dupont", "{name}");
        }
        assert_ne!(normalised_name("Dupont Frères"), normalised_name("Dupont"));
        assert_eq!(client_name_key("M. Jean-Pierre Dupont"), client_name_key("Jean-Pierre Dupont"));
        assert_eq!(client_name_key("M. et Mme Lefebvre"), "lefebvre");
        assert_eq!(client_name_key("PETIT Claire"), client_name_key("Claire PETIT"));
        assert_eq!(normalised_name("Kowalski LTD"), "kowalski");
        // Regression: the same company written with « & » and with « et » became two clients.
        assert_eq!(client_name_key("Dupuis & Fils"), client_name_key("SARL Dupuis et Fils"));
        assert_eq!(normalised_name("Martin and Sons Ltd"), normalised_name("Martin & Sons"));
    }

    #[test]
    fn a_client_is_a_person_only_with_a_civility_or_a_first_name_and_a_surname() {
        let cases = [
            ("Mme Lucie Fabre", true),
            ("M. et Mme Lefebvre", true),
            ("Sophie Lefèvre", true),
            ("Jean-Pierre DUPONT", true),
            ("PETIT Claire", true),
            ("Fromagerie GÉRAUD", false),
            ("LE PETIT ZINC", false),
            ("CAMILLE ROUX PHOTOGRAPHIE", false),
            ("PLOMBERIE GAËTAN ROUX", false),
            ("BISTRO CHEZ AMÉLIE", false),
            ("Brasserie SAINT-ÉLOI", false),
            ("Kowalski LTD", false),
            ("DUPONT, MARTIN & ASSOCIÉS", false),
            ("CRÈCHE « LES PÂQUERETTES »", false),
            ("DUPONT", false),
            ("CAMILLE ROUX", false),
            ("Le Zinc", false),
        ];
        for (name, person) in cases {
            assert_eq!(looks_like_a_person(name), person, "{name}");
        }
        assert_eq!(person_name("PETIT Claire"), (String::new(), "Claire".into(), "PETIT".into()));
        assert_eq!(person_name("M. et Mme Lefebvre"), ("M. et Mme".into(), String::new(), "Lefebvre".into()));
    }
}

/// What the window's preview shows: the plan with its rows cut to a first page, so that a file of
/// 100,000 rows does not travel whole to the page. Counts and refusals stay complete up to `limit`.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub source: ImportSource,
    pub sheets: Vec<String>,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    pub fields: Vec<(Field, &'static str)>,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub rejected_rows: usize,
    pub new_clients: Vec<NewClient>,
    /// The clients whose blank fields the file fills, at most `limit`.
    pub client_updates: Vec<ClientUpdate>,
    /// Updated rows first (what changes matters most), then new, then unchanged, at most `limit`.
    pub rows: Vec<PlannedRow>,
    pub rows_total: usize,
    pub rejected: Vec<RowProblem>,
    pub rejected_total: usize,
    /// The warnings, at most `limit`, and how many there are.
    pub warnings: Vec<RowWarning>,
    pub warnings_total: usize,
    pub payment_date: NaiveDate,
    pub payment_date_column: Option<String>,
    pub undated_payments: usize,
    /// Every file with what it gave, at most `limit`, and how many there are.
    pub files: Vec<PlannedFile>,
    pub files_total: usize,
}

impl ImportPlan {
    pub fn view(&self, limit: usize) -> PlanView {
        let mut rows: Vec<PlannedRow> = Vec::with_capacity(limit.min(self.rows.len()));
        for status in [RowStatus::Updated, RowStatus::New, RowStatus::Unchanged] {
            rows.extend(self.rows.iter().filter(|r| r.status == status).take(limit - rows.len()).cloned());
        }
        PlanView {
            source: self.source.clone(),
            sheets: self.sheets.clone(),
            headers: self.headers.clone(),
            mapping: self.mapping.clone(),
            fields: self.fields.clone(),
            new: self.new,
            updated: self.updated,
            unchanged: self.unchanged,
            skipped: self.skipped,
            rejected_rows: self.rejected_rows,
            new_clients: self.new_clients.iter().take(limit).cloned().collect(),
            client_updates: self.client_updates.iter().take(limit).cloned().collect(),
            rows,
            rows_total: self.rows.len(),
            rejected: self.rejected.iter().take(limit).cloned().collect(),
            rejected_total: self.rejected.len(),
            warnings: self.warnings.iter().take(limit).cloned().collect(),
            warnings_total: self.warnings.len(),
            payment_date: self.payment_date,
            payment_date_column: self.payment_date_column.clone(),
            undated_payments: self.undated_payments,
            files: self.files.iter().take(limit).cloned().collect(),
            files_total: self.files.len(),
        }
    }
}
