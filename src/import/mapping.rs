//! Finding the header row (even below a title block) and recognising each column from its French or
//! English name and their usual variants; the user may correct the result, and the correction is
//! remembered per layout (the header row's folded texts).

use super::read::{Cell, Grid, GridRow};
use super::ImportError;
/// Headers and statuses are compared folded (one rule with the bank matcher's names).
pub use crate::domain::text::fold;
use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Number,
    Client,
    IssueDate,
    DueDate,
    Amount,
    AmountExclVat,
    Object,
    SirenSiret,
    VatNumber,
    Email,
    Phone,
    AddressStreet,
    AddressComplement,
    Postcode,
    Town,
    Paid,
    Remaining,
    Status,
    PaymentDate,
    PaymentTerms,
    Nature,
}

impl Field {
    pub const ALL: [Field; 21] = [
        Field::Number,
        Field::Client,
        Field::IssueDate,
        Field::DueDate,
        Field::Amount,
        Field::AmountExclVat,
        Field::Object,
        Field::SirenSiret,
        Field::VatNumber,
        Field::Email,
        Field::Phone,
        Field::AddressStreet,
        Field::AddressComplement,
        Field::Postcode,
        Field::Town,
        Field::Paid,
        Field::Remaining,
        Field::Status,
        Field::PaymentDate,
        Field::PaymentTerms,
        Field::Nature,
    ];

    /// The fields without which a row cannot become an invoice.
    pub const REQUIRED: [Field; 4] = [Field::Number, Field::Client, Field::IssueDate, Field::Amount];

    /// The French name shown in the mapping table and in messages.
    pub fn label(self) -> &'static str {
        match self {
            Field::Number => "N° de facture",
            Field::Client => "Client",
            Field::IssueDate => "Date de facture",
            Field::DueDate => "Échéance",
            Field::Amount => "Montant TTC",
            Field::AmountExclVat => "Montant HT",
            Field::Object => "Objet",
            Field::SirenSiret => "SIREN/SIRET",
            Field::VatNumber => "N° de TVA intracommunautaire",
            Field::Email => "E-mail",
            Field::Phone => "Téléphone",
            Field::AddressStreet => "Adresse",
            Field::AddressComplement => "Complément d'adresse",
            Field::Postcode => "Code postal",
            Field::Town => "Ville",
            Field::Paid => "Payé",
            Field::Remaining => "Reste dû",
            Field::Status => "Statut",
            Field::PaymentDate => "Date de règlement",
            Field::PaymentTerms => "Conditions de paiement",
            Field::Nature => "Nature (marchandises ou services)",
        }
    }

    /// The field a user names: its id (`issue_date`) or its French label (« Date de facture »), in any case
    /// and with or without accents.
    pub fn named(name: &str) -> Option<Field> {
        let folded = fold(name);
        Field::ALL.into_iter().find(|field| fold(&field.id()) == folded || fold(field.label()) == folded)
    }

    /// The field's id, as `--column` and the window's JSON write it (`issue_date`).
    pub fn id(self) -> String {
        serde_json::to_value(self).ok().and_then(|value| value.as_str().map(str::to_string)).unwrap_or_default()
    }

    /// The field a header text names, if any: its [`header_key`] looked up in [`HEADER_VARIANTS`].
    pub fn recognise(header: &str) -> Option<Field> {
        let key = header_key(header);
        HEADER_VARIANTS.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(field, _)| *field)
    }

    /// The field of each header text of one row, first wins, each text read beside the others as
    /// [`READ_BESIDE`] says (Stripe's « Amount Due » beside « Amount Remaining »).
    pub fn recognise_all(headers: &[String]) -> Vec<Option<Field>> {
        let keys: Vec<String> = headers.iter().map(|header| header_key(header)).collect();
        let beside = |key: &str| {
            READ_BESIDE.iter().find(|rule| rule.header == key && keys.iter().any(|other| other == rule.beside))
        };
        let mut columns: Vec<Option<Field>> = Vec::with_capacity(keys.len());
        for (key, header) in keys.iter().zip(headers) {
            let field = match beside(key) {
                Some(_) => None,
                None => Field::recognise(header).filter(|field| !columns.contains(&Some(*field))),
            };
            columns.push(field);
        }
        for (index, key) in keys.iter().enumerate() {
            if let Some(field) = beside(key).and_then(|rule| rule.otherwise) {
                if !columns.contains(&Some(field)) {
                    columns[index] = Some(field);
                }
            }
        }
        columns
    }
}

/// A header text as the table of variants knows it: folded, a trailing currency word (« Montant TTC
/// (EUR) »; « Total € » folds to « total » already) or time zone (Stripe's « Date (UTC) ») dropped.
pub fn header_key(header: &str) -> String {
    let folded = fold(header);
    match HEADER_SUFFIXES.iter().find_map(|suffix| folded.strip_suffix(suffix)) {
        Some(stripped) => stripped.to_string(),
        None => folded,
    }
}

/// Words some exports append to a header, which say nothing of the column's meaning.
const HEADER_SUFFIXES: [&str; 3] = [" eur", " euros", UTC_SUFFIX];

/// A header ending so (« Date (UTC) ») gives moments in UTC: their day is the day in France.
const UTC_SUFFIX: &str = " utc";

/// True when a header says its column's moments are in UTC (Stripe's « Date (UTC) »).
pub fn says_utc(header: &str) -> bool {
    fold(header).ends_with(UTC_SUFFIX)
}

/// A header whose meaning depends on another header of the same row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadBeside {
    /// The header (as [`header_key`] gives it) read otherwise…
    pub header: &'static str,
    /// …when this other header is in the row…
    pub beside: &'static str,
    /// …as this field, when no other column of the row names it (None: the column is not imported).
    pub otherwise: Option<Field>,
}

/// Headers read otherwise beside another one: a table, as [`HEADER_VARIANTS`] is.
pub const READ_BESIDE: &[ReadBeside] = &[
    // Stripe's invoice: `amount_due` is what the invoice asks and stays after payment; what is left to
    // pay is `amount_remaining` (Stripe API, the Invoice object). Elsewhere « Amount due » is what
    // remains (as Odoo's « Montant dû »), so only beside « Amount Remaining » is it the invoice's amount.
    ReadBeside { header: "amount due", beside: "amount remaining", otherwise: Some(Field::Amount) },
    // Stripe's « Customer » is the customer's id (« cus_… ») beside « Customer Name ».
    ReadBeside { header: "customer", beside: "customer name", otherwise: None },
];

/// Every header text (folded: lower case, no accents, punctuation as spaces) that names a field, in
/// French and English, as the invoicing tools of docs/import-tools.md and hand-kept workbooks write them.
/// The one table of variants: a header that should be recognised is a new entry here, never an `if`.
/// Each text names one field only; a file whose header names a field twice keeps its first column.
pub const HEADER_VARIANTS: &[(Field, &[&str])] = &[
    (
        Field::Number,
        &[
            "n facture",
            "no facture",
            "n de facture",
            "no de facture",
            "n de la facture",
            "facture n",
            "numero",
            "numero facture",
            "numero de facture",
            "numero de la facture",
            "num facture",
            "num",
            "n",
            "no",
            "number",
            "ref",
            "ref facture",
            "reference",
            "reference facture",
            "reference de la facture",
            "facture",
            "invoice",
            "invoice number",
            "invoice no",
            "invoice n",
            "invoice num",
            "invoice ref",
            "invoice reference",
            "n piece",
            "piece",
            "numero de piece",
            "numero du document",
            "n document",
            "document number",
        ],
    ),
    (
        Field::Client,
        &[
            "client",
            "raison sociale",
            "raison sociale client",
            "nom client",
            "nom du client",
            "client nom",
            "nom raison sociale",
            "nom ou raison sociale",
            "nom prenom ou raison sociale",
            "societe",
            "societe client",
            "nom",
            "destinataire",
            "debiteur",
            "entreprise",
            "tiers",
            "nom tiers",
            "nom du tiers",
            "third party",
            "third party name",
            "denomination",
            "customer",
            "customer name",
            "client name",
            "name",
            "company",
            "company name",
            "bill to",
            // Odoo's invoice list (« Partenaire », partner_id).
            "partenaire",
            "nom du partenaire",
        ],
    ),
    (
        Field::IssueDate,
        &[
            "date",
            "date facture",
            "date de facture",
            "date de la facture",
            "date facturation",
            "date de facturation",
            "date d emission",
            "date emission",
            "emise le",
            "emission",
            "date d edition",
            "date piece",
            "date du document",
            "date document",
            "invoice date",
            "issue date",
            "issued on",
            "date issued",
            "transaction date",
            // Stripe's invoice date (`created`, « Created (UTC) »).
            "created",
            // VosFactures' invoice date (« Date de création », its `issue_date`).
            "date de creation",
        ],
    ),
    (
        Field::DueDate,
        &[
            "echeance",
            "date echeance",
            "date d echeance",
            "date d echeance de paiement",
            "echeance de paiement",
            "date limite",
            "date limite de paiement",
            "date limite paiement",
            "date limite de reglement",
            "date limite reglement",
            "a payer avant le",
            "a regler avant le",
            "payable le",
            "date de reglement prevue",
            "due date",
            "due",
            "due on",
            "invoice due date",
            "payment due date",
        ],
    ),
    (
        Field::Amount,
        &[
            "montant ttc",
            "montant total ttc",
            "total ttc",
            "net a payer",
            "ttc",
            "montant",
            "montant facture",
            "montant de la facture",
            "montant facture ttc",
            "total",
            "total facture",
            "amount",
            "invoice amount",
            "invoice total",
            "total amount",
            "amount incl vat",
            "amount including vat",
            "total incl vat",
            "total incl tax",
            "total including tax",
            "grand total",
            "total due",
            // Odoo's signed total (« Total signé »).
            "total signe",
        ],
    ),
    (
        Field::AmountExclVat,
        &[
            "montant ht",
            "total ht",
            "ht",
            "montant hors taxes",
            "total hors taxes",
            "montant facture ht",
            "sous total",
            "amount excl vat",
            "total excl vat",
            "amount excl tax",
            "net amount",
            "subtotal",
            // Odoo's « Hors taxes » and « Montant HT signé ».
            "hors taxes",
            "montant ht signe",
            // Facturation.PRO's « Montant total HT ».
            "montant total ht",
        ],
    ),
    (
        Field::Object,
        &[
            "objet",
            "objet facture",
            "objet de la facture",
            "libelle",
            "libelle facture",
            "designation",
            "description",
            "object",
            "intitule",
            "titre",
            "prestation",
            "memo",
            "memo description",
            "sujet",
            "subject",
            "title",
        ],
    ),
    (
        Field::SirenSiret,
        &[
            "siret",
            "siren",
            "siren siret",
            "siret siren",
            "n siret",
            "n siren",
            "no siret",
            "numero siret",
            "numero siren",
            "siret client",
            "siren client",
            "siret du client",
            "siren du client",
            "id prof 1",
            "id prof 1 siren",
            "id prof 2",
            "id prof 2 siret",
            "company number",
            "company registration number",
            "registration number",
        ],
    ),
    (
        Field::VatNumber,
        &[
            "tva intracommunautaire",
            "tva intracom",
            "tva intra",
            "n tva",
            "n tva intracommunautaire",
            "n de tva intracommunautaire",
            "no tva intracommunautaire",
            "numero de tva",
            "numero de tva intracommunautaire",
            "numero tva intracommunautaire",
            "numero tva intracom",
            "identifiant tva",
            "vat number",
            "vat id",
            "vat registration number",
            "client vat number",
        ],
    ),
    (
        Field::Email,
        &[
            "e mail",
            "email",
            "mail",
            "courriel",
            "adresse e mail",
            "adresse email",
            "adresse mail",
            "e mail client",
            "email client",
            "mail client",
            "client email",
            "client e mail",
            "customer email",
            "contact email",
        ],
    ),
    (
        Field::Phone,
        &[
            "telephone",
            "tel",
            "phone",
            "portable",
            "mobile",
            "telephone client",
            "tel client",
            "numero de telephone",
            "telephone mobile",
            "phone number",
            "client phone",
            "customer phone",
        ],
    ),
    (
        Field::AddressStreet,
        &[
            "adresse",
            "address",
            "rue",
            "adresse 1",
            "adresse ligne 1",
            "adresse client",
            "adresse de facturation",
            "voie",
            "address 1",
            "address line 1",
            "billing address",
            "billing street",
            "client address 1",
            "street",
        ],
    ),
    (
        Field::AddressComplement,
        &[
            "complement",
            "complement d adresse",
            "adresse 2",
            "adresse ligne 2",
            "address 2",
            "address line 2",
            "client address 2",
        ],
    ),
    (
        Field::Postcode,
        &[
            "code postal",
            "cp",
            "code postal client",
            "postcode",
            "zip",
            "zip code",
            "postal code",
            "billing postal code",
            "client postal code",
        ],
    ),
    (Field::Town, &["ville", "commune", "localite", "ville client", "city", "town", "billing city", "client city"]),
    (
        Field::Paid,
        &[
            "paye",
            "montant paye",
            "deja paye",
            "total paye",
            "paye a ce jour",
            "regle",
            "montant regle",
            "deja regle",
            "total regle",
            "reglements",
            "reglement",
            "reglements recus",
            "encaisse",
            "montant encaisse",
            "deja encaisse",
            "montant paiement",
            "montant du paiement",
            "montant reglement",
            "montant du reglement",
            "paid",
            "amount paid",
            "paid amount",
            "paid to date",
            "invoice paid to date",
            "payment amount",
            // A two-row header's « Règlement » over « Montant » (`join_two_row_header`).
            "reglement montant",
            "paiement montant",
        ],
    ),
    (
        Field::Remaining,
        &[
            "reste du",
            "reste du ttc",
            "reste a payer",
            "reste a payer ttc",
            "reste a regler",
            "reste a encaisser",
            "restant du",
            "restant a payer",
            "montant restant",
            "montant restant du",
            "montant du",
            "reste",
            "a encaisser",
            "solde",
            "solde du",
            "solde restant",
            "solde ouvert",
            "solde a payer",
            "impaye",
            "montant impaye",
            "remaining",
            "balance",
            "balance due",
            "invoice balance",
            "open balance",
            "amount due",
            "outstanding",
            "outstanding amount",
            // Stripe's `amount_remaining`.
            "amount remaining",
            // Odoo's « Montant dû signé ».
            "montant du signe",
        ],
    ),
    (
        Field::Status,
        &[
            "statut",
            "statut facture",
            "statut de la facture",
            "statut du paiement",
            "statut paiement",
            "etat",
            "etat de la facture",
            "etat du paiement",
            "situation",
            "status",
            "invoice status",
            "payment status",
        ],
    ),
    (
        Field::PaymentDate,
        &[
            "date de reglement",
            "date reglement",
            "date du reglement",
            "date de paiement",
            "date paiement",
            "date du paiement",
            "date d encaissement",
            "date encaissement",
            "date de l encaissement",
            "payee le",
            "paye le",
            "reglee le",
            "regle le",
            "encaisse le",
            "encaissee le",
            "date du dernier reglement",
            "date du dernier paiement",
            "payment date",
            "date paid",
            "paid on",
            "paid date",
            "date of payment",
            "last payment date",
            // Stripe's « Paid At (UTC) ».
            "paid at",
            // A two-row header's « Règlement » over « Date » (`join_two_row_header`).
            "reglement date",
            "paiement date",
        ],
    ),
    (
        Field::PaymentTerms,
        &[
            "conditions de paiement",
            "conditions de reglement",
            "condition de paiement",
            "condition de reglement",
            "delai de paiement",
            "delai de reglement",
            "modalites de paiement",
            "modalites de reglement",
            "mode de reglement echeance",
            "payment terms",
            "terms",
        ],
    ),
    (
        Field::Nature,
        &[
            "nature",
            "nature de la vente",
            "nature de l operation",
            "nature de la prestation",
            "nature vente",
            "categorie d operation",
            "categorie de l operation",
            "type de vente",
            "marchandises ou services",
            "biens ou services",
            "bien ou service",
            "nature of sale",
            "sale type",
            "goods or services",
        ],
    ),
];

/// Headers (folded) of a column saying what kind of document a row is (« Facture », « Avoir », « Credit
/// Memo »): read beside the mapping, for the credit notes (`values::StatusMeaning::CreditNote`).
pub const DOCUMENT_TYPE_HEADERS: &[&str] = &[
    "type",
    "type de document",
    "type de piece",
    "type de facture",
    "type d operation",
    "document type",
    "transaction type",
    "invoice type",
];

/// Headers (folded) of a column holding an invoice's VAT amount: read beside the mapping, to tell the
/// amount excluding VAT from the total and to check that they add up.
pub const VAT_HEADERS: &[&str] =
    &["tva", "montant tva", "montant de la tva", "total tva", "vat", "vat amount", "tax", "tax amount", "taxes"];

/// Headers (folded) that name an amount without saying whether it includes VAT (« Montant »): beside a
/// VAT column and a total, such a column is the amount excluding VAT.
const PLAIN_AMOUNT_HEADERS: &[&str] = &["montant", "amount", "montant facture"];

/// Headers (folded) of a total including VAT, preferred to a plain « Montant » beside a VAT column.
const TOTAL_HEADERS: &[&str] = &["total", "total ttc", "montant ttc", "total facture", "invoice total", "grand total"];

/// The columns read beside the mapping, by their header (the first of each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtraColumns {
    pub document_type: Option<usize>,
    pub vat: Option<usize>,
    /// A second status column the mapping left out (Odoo's « Statut du paiement » beside « Statut »),
    /// read when the first says nothing the import acts on.
    pub second_status: Option<usize>,
}

impl ExtraColumns {
    /// The columns named so among `headers` that the mapping does not give to a field.
    pub fn find(headers: &[String], mapping: &ColumnMapping) -> ExtraColumns {
        let free = |names: &[&str]| {
            headers.iter().enumerate().position(|(index, header)| {
                mapping.columns.get(index).is_none_or(Option::is_none) && names.contains(&fold(header).as_str())
            })
        };
        let second_status = headers.iter().enumerate().position(|(index, header)| {
            mapping.columns.get(index).is_none_or(Option::is_none) && Field::recognise(header) == Some(Field::Status)
        });
        ExtraColumns { document_type: free(DOCUMENT_TYPE_HEADERS), vat: free(VAT_HEADERS), second_status }
    }
}

/// Which field each column of the grid holds, and where the header row is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The header row's number, as the spreadsheet shows it.
    pub header_row: usize,
    /// One entry per column, None for a column that is not imported.
    pub columns: Vec<Option<Field>>,
}

impl ColumnMapping {
    /// The column holding a field.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|column| *column == Some(field))
    }

    /// True when the mapping's header row exists in this grid (a remembered mapping from another file).
    pub fn fits(&self, grid: &Grid) -> bool {
        header(grid, self.header_row).is_some()
    }

    /// Refuses a mapping without the indispensable fields, or with a field given to two columns.
    pub fn check(&self, grid: &Grid) -> Result<(), ImportError> {
        if header(grid, self.header_row).is_none() {
            return Err(ImportError::BadMapping(format!("la ligne d'en-tête {} n'existe pas.", self.header_row)));
        }
        for field in Field::ALL {
            if self.columns.iter().filter(|c| **c == Some(field)).count() > 1 {
                return Err(ImportError::BadMapping(format!("« {} » est associé à deux colonnes.", field.label())));
            }
        }
        let missing = missing_labels(&self.columns);
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns(missing));
        }
        Ok(())
    }

    /// The header cell of every column, as read.
    pub fn header_texts(&self, grid: &Grid) -> Vec<String> {
        let row = header(grid, self.header_row);
        (0..self.columns.len()).map(|index| row.map(|r| Grid::cell(r, index).display()).unwrap_or_default()).collect()
    }
}

fn header(grid: &Grid, number: usize) -> Option<&GridRow> {
    grid.rows.iter().find(|row| row.number == number)
}

fn missing_labels(columns: &[Option<Field>]) -> String {
    Field::REQUIRED
        .iter()
        .filter(|field| !columns.contains(&Some(**field)))
        .map(|field| format!("« {} »", field.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many rows from the top are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// The columns recognised in one row: a field for each header text that names one (first wins).
fn recognise_row<F: Copy + PartialEq>(row: &GridRow, recognise: &impl Fn(&str) -> Option<F>) -> Vec<Option<F>> {
    let mut seen = Vec::new();
    row.cells
        .iter()
        .map(|cell| match cell {
            Cell::Text(text) => recognise(text).filter(|field| {
                let fresh = !seen.contains(field);
                seen.push(*field);
                fresh
            }),
            _ => None,
        })
        .collect()
}

/// A header row found among the first rows of a grid: its number, the field of each column and how many
/// columns were recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderFound<F> {
    pub header_row: usize,
    pub columns: Vec<Option<F>>,
    pub score: usize,
}

/// The header search shared by every kind of table (invoices here, bank statements in `import/bank/`):
/// among the first rows, the one whose cells name the most fields (`recognise` says which field a header
/// text names), the first one on a tie, considering only the rows `acceptable` takes. None when the grid
/// has no row to consider.
pub fn find_header<F: Copy + PartialEq>(
    grid: &Grid,
    recognise: impl Fn(&str) -> Option<F>,
    acceptable: impl Fn(&[Option<F>]) -> bool,
) -> Option<HeaderFound<F>> {
    let mut best: Option<HeaderFound<F>> = None;
    for row in grid.rows.iter().take(HEADER_SEARCH_ROWS) {
        let columns = recognise_row(row, &recognise);
        if !acceptable(&columns) {
            continue;
        }
        let score = columns.iter().flatten().count();
        if best.as_ref().is_none_or(|best| score > best.score) {
            best = Some(HeaderFound { header_row: row.number, columns, score });
        }
    }
    best
}

/// A header cell's text; a number or a date names no column.
fn header_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        _ => String::new(),
    }
}

/// Finds the header row among the first rows (the one naming the most fields, with every indispensable
/// one) and maps its columns.
pub fn detect(grid: &Grid) -> Result<ColumnMapping, ImportError> {
    let Some(found) = find_header(grid, Field::recognise, |_| true) else {
        return Err(ImportError::NoRows(grid.sheet.clone().unwrap_or_default()));
    };
    let texts: Vec<String> =
        header(grid, found.header_row).map(|row| row.cells.iter().map(header_text).collect()).unwrap_or_default();
    let columns = Field::recognise_all(&texts);
    let score = columns.iter().flatten().count();
    let mut mapping = ColumnMapping { header_row: found.header_row, columns };
    prefer_total_to_plain_amount(grid, &mut mapping);
    let missing = missing_labels(&mapping.columns);
    if score < 2 || !missing.is_empty() {
        let missing = if score < 2 { missing_labels(&[]) } else { missing };
        return Err(ImportError::NoHeader { missing });
    }
    Ok(mapping)
}

/// The words that say a column is not imported, besides « - » (`--column "Remarques=-"`).
const NOT_IMPORTED: [&str; 3] = ["aucun", "ignorer", "ignoree"];

/// The mapping a user describes column by column (`--column EN-TÊTE=CHAMP` on the command line): each
/// choice names a column of the header row by its title (compared folded), or by its letter (« C ») or
/// its number (« 3 ») as a spreadsheet shows them, and the field it holds (its id or French label; « - »
/// for a column not imported). The header row is the one given, else the one detected, else the first
/// among the top rows holding every title named; the columns not named keep the field their title is
/// recognised as. A field given to a column is taken from any other.
pub fn mapping_with(grid: &Grid, header_row: Option<usize>, choices: &[String]) -> Result<ColumnMapping, ImportError> {
    let mut parsed = Vec::with_capacity(choices.len());
    for choice in choices {
        let Some((column, field)) = choice.rsplit_once('=') else {
            return Err(ImportError::BadMapping(format!(
                "« {choice} » : écrivez la colonne, le signe = et le champ, par exemple « Réf.=number » ou \
                 « C=amount »."
            )));
        };
        let (column, field) = (column.trim(), field.trim());
        let field = if field == "-" || NOT_IMPORTED.contains(&fold(field).as_str()) {
            None
        } else {
            let known = Field::ALL.iter().map(|f| format!("{} ({})", f.id(), f.label())).collect::<Vec<_>>();
            Some(Field::named(field).ok_or_else(|| {
                ImportError::BadMapping(format!(
                    "« {field} » n'est pas un champ de l'import. Les champs : {} ; « - » pour une colonne à ne \
                     pas importer.",
                    known.join(", ")
                ))
            })?)
        };
        parsed.push((column.to_string(), field));
    }
    let detected = detect(grid).ok();
    let texts_of = |number: usize| -> Option<Vec<String>> {
        header(grid, number).map(|row| row.cells.iter().map(header_text).collect())
    };
    let titled = |texts: &[String], column: &str| texts.iter().position(|text| fold(text) == fold(column));
    let header_row = match header_row {
        Some(number) => {
            if header(grid, number).is_none() {
                return Err(ImportError::BadMapping(format!("la ligne d'en-tête {number} n'existe pas.")));
            }
            number
        }
        None => match &detected {
            Some(found) => found.header_row,
            // The row holding the most of the titles named (the first on a tie), at least one.
            None => grid
                .rows
                .iter()
                .take(HEADER_SEARCH_ROWS)
                .map(|row| {
                    let texts: Vec<String> = row.cells.iter().map(header_text).collect();
                    let named = parsed.iter().filter(|(column, _)| titled(&texts, column).is_some()).count();
                    (named, row.number)
                })
                .filter(|(named, _)| *named > 0)
                .fold(None, |best: Option<(usize, usize)>, found| match best {
                    Some(best) if best.0 >= found.0 => Some(best),
                    _ => Some(found),
                })
                .map(|(_, number)| number)
                .ok_or_else(|| {
                    ImportError::BadMapping(format!(
                        "aucune des {HEADER_SEARCH_ROWS} premières lignes ne porte les titres de colonnes donnés ni \
                         des titres reconnus : indiquez la ligne des titres (option --header-row)."
                    ))
                })?,
        },
    };
    let texts = texts_of(header_row).unwrap_or_default();
    let mut columns = match &detected {
        Some(found) if found.header_row == header_row => found.columns.clone(),
        _ => Field::recognise_all(&texts),
    };
    let width = grid.rows.iter().map(|row| row.cells.len()).max().unwrap_or_default();
    for (column, field) in parsed {
        let index =
            titled(&texts, &column).or_else(|| column_index(&column).filter(|&i| i < width)).ok_or_else(|| {
                let shown: Vec<String> =
                    texts.iter().filter(|text| !text.trim().is_empty()).map(|text| format!("« {text} »")).collect();
                ImportError::BadMapping(format!(
                    "pas de colonne « {column} » dans la ligne d'en-tête {header_row} (ses titres : {}) ; nommez la \
                 colonne par son titre, sa lettre (C) ou son numéro (3).",
                    shown.join(", ")
                ))
            })?;
        if columns.len() <= index {
            columns.resize(index + 1, None);
        }
        if let Some(field) = field {
            columns.iter_mut().filter(|other| **other == Some(field)).for_each(|other| *other = None);
        }
        columns[index] = field;
    }
    let mapping = ColumnMapping { header_row, columns };
    mapping.check(grid)?;
    Ok(mapping)
}

/// A column named as a spreadsheet shows it: its letters (« C », « AB ») or its number from 1 (« 3 »).
fn column_index(name: &str) -> Option<usize> {
    if let Ok(number) = name.parse::<usize>() {
        return number.checked_sub(1);
    }
    if name.is_empty() || name.len() > 3 || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let value = name.bytes().fold(0usize, |value, b| value * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1));
    Some(value - 1)
}

/// « Facture;Client;Date;Montant;TVA;Total »: the plain « Montant » came first and was taken for the
/// amount, but beside a VAT column and a total it is the amount excluding VAT, and the total is what the
/// client owes. The total becomes the amount, « Montant » the amount excluding VAT (when no other column
/// is).
fn prefer_total_to_plain_amount(grid: &Grid, mapping: &mut ColumnMapping) {
    let headers: Vec<String> = mapping.header_texts(grid).iter().map(|h| fold(h)).collect();
    let Some(amount) = mapping.column_of(Field::Amount) else { return };
    if !PLAIN_AMOUNT_HEADERS.contains(&headers[amount].as_str()) || ExtraColumns::find(&headers, mapping).vat.is_none()
    {
        return;
    }
    let total = headers
        .iter()
        .enumerate()
        .position(|(index, header)| mapping.columns[index].is_none() && TOTAL_HEADERS.contains(&header.as_str()));
    if let Some(total) = total {
        mapping.columns[total] = Some(Field::Amount);
        mapping.columns[amount] = mapping.column_of(Field::AmountExclVat).is_none().then_some(Field::AmountExclVat);
    }
}

/// A header on two rows, group titles over their columns (« Montant » merged over « HT », « TVA »,
/// « TTC »; « Règlement » over « Date » and « Montant »), is made one: each column under a group is named
/// by the group and its own title (« Montant TTC », « Règlement Date »), the row below is taken out of the
/// grid. Read as one row, « Montant » over « HT » was the amount owed. The row below is a second header
/// row when it holds only texts, nothing under the invoice number and the client, and a title under an
/// empty cell of the header (a merged group's further column: a merged cell reads as one value and empty
/// cells). Does nothing to any other grid.
pub fn join_two_row_header(grid: &mut Grid) {
    let Ok(mapping) = detect(grid) else { return };
    let Some(at) = grid.rows.iter().position(|row| row.number == mapping.header_row) else { return };
    let (Some(top), Some(below)) = (grid.rows.get(at), grid.rows.get(at + 1)) else { return };
    let empty_under = |field: Field| mapping.column_of(field).is_none_or(|column| Grid::cell(below, column).is_empty());
    if below.number != top.number + 1
        || !empty_under(Field::Number)
        || !empty_under(Field::Client)
        || !below.cells.iter().all(|cell| matches!(cell, Cell::Empty | Cell::Text(_)))
    {
        return;
    }
    let width = top.cells.len().max(below.cells.len());
    let mut group = String::new();
    let mut under_a_group = false;
    let mut joined = Vec::with_capacity(width);
    for column in 0..width {
        let (own, sub) = (Grid::cell(top, column).display(), Grid::cell(below, column).display());
        if !own.is_empty() {
            group = own.clone();
        } else if !sub.is_empty() && !group.is_empty() {
            under_a_group = true;
        }
        let title = match (own.is_empty(), sub.is_empty()) {
            (_, true) => own,
            (false, false) => format!("{own} {sub}"),
            (true, false) if group.is_empty() => sub,
            (true, false) => format!("{group} {sub}"),
        };
        joined.push(if title.is_empty() { Cell::Empty } else { Cell::Text(title) });
    }
    if !under_a_group {
        return;
    }
    grid.rows[at].cells = joined;
    grid.rows.remove(at + 1);
}

/// The key a layout's mapping is remembered under: the folded texts of its header row.
pub fn layout_key(grid: &Grid, header_row: usize) -> String {
    let texts: Vec<String> =
        header(grid, header_row).map(|row| row.cells.iter().map(|c| fold(&c.display())).collect()).unwrap_or_default();
    format!("headers:{}", texts.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_in_french_and_english_variants() {
        let cases = [
            ("N° facture", Some(Field::Number)),
            ("Numéro", Some(Field::Number)),
            ("Réf.", Some(Field::Number)),
            ("Invoice", Some(Field::Number)),
            ("Date d'émission", Some(Field::IssueDate)),
            ("Échéance", Some(Field::DueDate)),
            ("Date limite", Some(Field::DueDate)),
            ("Montant TTC (€)", Some(Field::Amount)),
            ("Net à payer", Some(Field::Amount)),
            ("Raison sociale", Some(Field::Client)),
            ("SIRET", Some(Field::SirenSiret)),
            ("E-mail", Some(Field::Email)),
            ("Code postal", Some(Field::Postcode)),
            ("Reste dû", Some(Field::Remaining)),
            ("Payé", Some(Field::Paid)),
            ("Statut", Some(Field::Status)),
            ("Commentaire interne", None),
            // From the invoicing tools' exports (docs/import-tools.md).
            ("Ref. facture", Some(Field::Number)),
            ("Date facturation", Some(Field::IssueDate)),
            ("Id. prof. 2 (SIRET)", Some(Field::SirenSiret)),
            ("Numéro de TVA intracommunautaire", Some(Field::VatNumber)),
            ("Reste à payer", Some(Field::Remaining)),
            ("Invoice Paid to Date", Some(Field::Paid)),
            ("Open balance", Some(Field::Remaining)),
            ("Memo/Description", Some(Field::Object)),
            ("Payée le", Some(Field::PaymentDate)),
            ("Date d'encaissement", Some(Field::PaymentDate)),
            ("Paid on", Some(Field::PaymentDate)),
            ("Montant TTC (EUR)", Some(Field::Amount)),
            ("Nature", Some(Field::Nature)),
            ("Catégorie d'opération", Some(Field::Nature)),
            // QuickBooks' « Type d'opération » holds « Facture »: a document type, not a nature.
            ("Type d'opération", None),
            // Internal ids and codes are not the invoice number or the client.
            ("Id facture", None),
            ("Code client", None),
            ("Montant TVA", None),
            // Dolibarr's export with the thirdparty's name (the audit's export_facture_1.csv).
            ("Nom tiers", Some(Field::Client)),
            // Stripe's time zone after a date, Odoo's partner.
            ("Date (UTC)", Some(Field::IssueDate)),
            ("Paid At (UTC)", Some(Field::PaymentDate)),
            ("Amount Remaining", Some(Field::Remaining)),
            ("Partenaire", Some(Field::Client)),
        ];
        for (header, expected) in cases {
            assert_eq!(Field::recognise(header), expected, "{header:?}");
        }
    }

    #[test]
    fn each_header_variant_names_one_field_and_is_written_folded() {
        let mut seen = std::collections::HashMap::new();
        for (field, names) in HEADER_VARIANTS {
            for name in *names {
                assert_eq!(fold(name), *name, "{name:?} is not written folded");
                if let Some(other) = seen.insert(*name, *field) {
                    panic!("{name:?} names both {other:?} and {field:?}");
                }
            }
        }
        for field in Field::ALL {
            assert!(HEADER_VARIANTS.iter().any(|(f, _)| *f == field), "{field:?} has no variants");
        }
    }

    #[test]
    fn a_header_is_read_beside_the_others_of_its_row() {
        let headers = |texts: &[&str]| Field::recognise_all(&texts.iter().map(|t| t.to_string()).collect::<Vec<_>>());
        // Stripe: « Amount Due » is the amount only beside « Amount Remaining », and only without a total.
        assert_eq!(
            headers(&["Customer", "Customer Name", "Amount Due", "Amount Remaining"]),
            [None, Some(Field::Client), Some(Field::Amount), Some(Field::Remaining)]
        );
        assert_eq!(
            headers(&["Amount Due", "Amount Remaining", "Total"]),
            [None, Some(Field::Remaining), Some(Field::Amount)]
        );
        assert_eq!(headers(&["Customer", "Amount Due"]), [Some(Field::Client), Some(Field::Remaining)]);
        for rule in READ_BESIDE {
            assert_eq!(header_key(rule.header), rule.header);
            assert_eq!(header_key(rule.beside), rule.beside);
        }
    }

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(fold("  Société  Générale, S.A. "), "societe generale s a");
        assert_eq!(fold("Œuvres d'Art"), "oeuvres d art");
    }
}
