//! Finding the header row (even below a title block) and recognising each column from its French or
//! English name and their usual variants; the user may correct the result, and the correction is
//! remembered per layout (the header row's folded texts).

use super::read::{Cell, Grid, GridRow};
use super::ImportError;
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
    Email,
    Phone,
    AddressStreet,
    AddressComplement,
    Postcode,
    Town,
    Paid,
    Remaining,
    Status,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Number,
        Field::Client,
        Field::IssueDate,
        Field::DueDate,
        Field::Amount,
        Field::AmountExclVat,
        Field::Object,
        Field::SirenSiret,
        Field::Email,
        Field::Phone,
        Field::AddressStreet,
        Field::AddressComplement,
        Field::Postcode,
        Field::Town,
        Field::Paid,
        Field::Remaining,
        Field::Status,
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
            Field::Email => "E-mail",
            Field::Phone => "Téléphone",
            Field::AddressStreet => "Adresse",
            Field::AddressComplement => "Complément d'adresse",
            Field::Postcode => "Code postal",
            Field::Town => "Ville",
            Field::Paid => "Payé",
            Field::Remaining => "Reste dû",
            Field::Status => "Statut",
        }
    }

    /// Header texts (folded: lower case, no accents, punctuation as spaces) that name this field.
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Number => &[
                "n facture",
                "no facture",
                "n de facture",
                "no de facture",
                "numero",
                "numero facture",
                "numero de facture",
                "num facture",
                "num",
                "n",
                "no",
                "ref",
                "ref facture",
                "reference",
                "reference facture",
                "facture",
                "invoice",
                "invoice number",
                "invoice no",
                "invoice n",
                "n piece",
                "piece",
                "numero de piece",
            ],
            Field::Client => &[
                "client",
                "raison sociale",
                "nom client",
                "nom du client",
                "client nom",
                "customer",
                "customer name",
                "societe",
                "nom",
                "destinataire",
                "debiteur",
                "nom raison sociale",
                "entreprise",
            ],
            Field::IssueDate => &[
                "date",
                "date facture",
                "date de facture",
                "date de la facture",
                "date d emission",
                "date emission",
                "emise le",
                "date d edition",
                "invoice date",
                "issue date",
                "date piece",
            ],
            Field::DueDate => &[
                "echeance",
                "date echeance",
                "date d echeance",
                "date limite",
                "date limite de paiement",
                "date limite paiement",
                "due date",
                "due",
                "a payer avant le",
                "payable le",
                "date de reglement prevue",
            ],
            Field::Amount => &[
                "montant ttc",
                "total ttc",
                "net a payer",
                "ttc",
                "montant",
                "total",
                "amount",
                "total amount",
                "amount incl vat",
                "amount including vat",
                "montant facture",
                "montant de la facture",
                "total due",
            ],
            Field::AmountExclVat => &["montant ht", "total ht", "ht", "amount excl vat", "net amount", "subtotal"],
            Field::Object => {
                &["objet", "libelle", "designation", "description", "object", "intitule", "prestation", "objet facture"]
            }
            Field::SirenSiret => &[
                "siret",
                "siren",
                "siren siret",
                "siret siren",
                "n siret",
                "n siren",
                "siret client",
                "siren client",
                "company number",
            ],
            Field::Email => &["e mail", "email", "mail", "courriel", "adresse e mail", "adresse mail", "e mail client"],
            Field::Phone => &["telephone", "tel", "phone", "portable", "mobile", "telephone client"],
            Field::AddressStreet => &["adresse", "address", "rue", "adresse 1", "adresse ligne 1", "voie", "address 1"],
            Field::AddressComplement => {
                &["complement", "complement d adresse", "adresse 2", "adresse ligne 2", "address 2"]
            }
            Field::Postcode => &["code postal", "cp", "postcode", "zip", "zip code", "postal code"],
            Field::Town => &["ville", "commune", "localite", "city", "town"],
            Field::Paid => &[
                "paye",
                "montant paye",
                "deja paye",
                "regle",
                "montant regle",
                "encaisse",
                "paid",
                "amount paid",
                "reglements",
                "reglement",
                "deja regle",
                "total regle",
            ],
            Field::Remaining => &[
                "reste du",
                "reste a payer",
                "solde",
                "solde du",
                "restant du",
                "remaining",
                "balance",
                "balance due",
                "montant restant",
                "reste",
                "a encaisser",
            ],
            Field::Status => &["statut", "etat", "status", "situation"],
        }
    }

    /// The field a header text names, if any.
    pub fn recognise(header: &str) -> Option<Field> {
        let folded = fold(header);
        let folded = folded.strip_suffix(" eur").unwrap_or(&folded);
        Field::ALL.into_iter().find(|field| field.names().contains(&folded))
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

/// Finds the header row among the first rows (the one naming the most fields, with every indispensable
/// one) and maps its columns.
pub fn detect(grid: &Grid) -> Result<ColumnMapping, ImportError> {
    let Some(found) = find_header(grid, Field::recognise, |_| true) else {
        return Err(ImportError::NoRows(grid.sheet.clone().unwrap_or_default()));
    };
    let (score, mapping) = (found.score, ColumnMapping { header_row: found.header_row, columns: found.columns });
    let missing = missing_labels(&mapping.columns);
    if score < 2 || !missing.is_empty() {
        let missing = if score < 2 { missing_labels(&[]) } else { missing };
        return Err(ImportError::NoHeader { missing });
    }
    Ok(mapping)
}

/// The key a layout's mapping is remembered under: the folded texts of its header row.
pub fn layout_key(grid: &Grid, header_row: usize) -> String {
    let texts: Vec<String> =
        header(grid, header_row).map(|row| row.cells.iter().map(|c| fold(&c.display())).collect()).unwrap_or_default();
    format!("headers:{}", texts.join("|"))
}

/// Lower case, accents dropped, every run of punctuation or spaces as one space: the form in which
/// headers, names and statuses are compared.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for character in text.chars().flat_map(char::to_lowercase) {
        let plain = match character {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'œ' => {
                folded.push_str(if pending_space && !folded.is_empty() { " o" } else { "o" });
                pending_space = false;
                'e'
            }
            'æ' => {
                folded.push_str(if pending_space && !folded.is_empty() { " a" } else { "a" });
                pending_space = false;
                'e'
            }
            other => other,
        };
        if plain.is_alphanumeric() {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.push(plain);
        } else {
            pending_space = true;
        }
    }
    folded
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
        ];
        for (header, expected) in cases {
            assert_eq!(Field::recognise(header), expected, "{header:?}");
        }
    }

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(fold("  Société  Générale, S.A. "), "societe generale s a");
        assert_eq!(fold("Œuvres d'Art"), "oeuvres d art");
    }
}
