//! Reading one cell for one column, as people write values in spreadsheets: amounts through
//! `money::parse_amount`, dates through `calendar::parse_written_date`, Excel serial numbers and the
//! spreadsheet's own date cells. Each failure is a short French phrase naming the value read.

use super::read::Cell;
use crate::domain::calendar::parse_written_date;
use crate::domain::model::Nature;
use crate::domain::money::{parse_amount, round_cents, MAX_AMOUNT};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The day Excel's serial number 0 stands for in the 1900 date system (shifted by Excel's fictitious
/// 29 February 1900, which makes every serial from 61 on count from here).
const EXCEL_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1899, 12, 30) {
    Some(date) => date,
    None => unreachable!(),
};

/// Dates outside these years are a mistake in an invoice file (a year typed as "2206", a serial number
/// that is really an amount).
const FIRST_YEAR: i32 = 1980;
const LAST_YEAR: i32 = 2100;

/// An amount cell: text as people write it, or a numeric cell rounded to the cent as the spreadsheet
/// displays it.
pub fn amount(cell: &Cell) -> Result<Decimal, String> {
    match cell {
        Cell::Empty => Err("montant vide".to_string()),
        Cell::Text(text) => parse_amount(text).map_err(|error| error.to_string()),
        Cell::Number(number) => {
            let value = Decimal::from_str(number).map_err(|_| format!("montant illisible « {number} »"))?;
            if value.abs() > MAX_AMOUNT {
                return Err(format!("montant trop grand « {number} »"));
            }
            Ok(round_cents(value))
        }
        Cell::Date(date) => {
            Err(format!("montant illisible « {} » (c'est une date)", crate::domain::calendar::format_short(*date)))
        }
    }
}

/// How a file writes the day and the month of a numeric date: « 05/03/2026 » is 5 March in French
/// and in British exports, 3 May in American ones (QuickBooks in the United States).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    /// The order a file's date texts show: month first only when some date cannot be read day first
    /// (« 03/15/2026 ») and none cannot be read month first (« 15/03/2026 »); day first otherwise.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> DateOrder {
        let (mut only_month_first, mut only_day_first) = (false, false);
        for text in texts {
            let Some((first, second)) = leading_numbers(text) else { continue };
            only_month_first |= first <= 12 && second > 12 && second <= 31;
            only_day_first |= second <= 12 && first > 12 && first <= 31;
        }
        if only_month_first && !only_day_first {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }
}

/// The first two numbers of « 03/15/2026 » (or with dashes or dots) when the year comes last.
fn leading_numbers(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.trim().split(['/', '-', '.']);
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next()?);
    let year = third.split(' ').next()?;
    let short = |part: &str| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    if !short(first) || !short(second) || !(year.len() == 4 || year.len() == 2) {
        return None;
    }
    Some((first.parse().ok()?, second.parse().ok()?))
}

/// A date cell: a date cell of the spreadsheet, an Excel serial number, or text in any usual form.
pub fn date(cell: &Cell) -> Result<NaiveDate, String> {
    date_in(cell, DateOrder::DayFirst)
}

/// A date cell of a file whose numeric date texts are written in `order`.
pub fn date_in(cell: &Cell, order: DateOrder) -> Result<NaiveDate, String> {
    let unreadable = || format!("date illisible « {} »", cell.display());
    let date = match cell {
        Cell::Empty => return Err("date vide".to_string()),
        Cell::Date(date) => *date,
        Cell::Number(number) => excel_serial(number).ok_or_else(unreadable)?,
        Cell::Text(text) => {
            let swapped = (order == DateOrder::MonthFirst).then(|| month_first_to_day_first(text)).flatten();
            match parse_written_date(swapped.as_deref().unwrap_or(text)) {
                Some(date) => date,
                // A serial number exported as text by a CSV export of a badly formatted column.
                None if text.trim().bytes().all(|b| b.is_ascii_digit()) && text.trim().len() == 5 => {
                    excel_serial(text.trim()).ok_or_else(unreadable)?
                }
                None => return Err(unreadable()),
            }
        }
    };
    if !(FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&date)) {
        return Err(format!("date invraisemblable « {} »", cell.display()));
    }
    Ok(date)
}

/// « 03/15/2026 » as « 15/03/2026 », for the day-first reader; None for any other form.
fn month_first_to_day_first(text: &str) -> Option<String> {
    leading_numbers(text)?;
    let text = text.trim();
    let first_end = text.find(['/', '-', '.'])?;
    let separator = &text[first_end..=first_end];
    let rest = &text[first_end + 1..];
    let second_end = rest.find(['/', '-', '.'])?;
    Some(format!("{}{separator}{}{}", &rest[..second_end], &text[..first_end], &rest[second_end..]))
}

/// An Excel serial day number ("46348", or "46348.5" with a time of day) in the 1900 date system.
fn excel_serial(number: &str) -> Option<NaiveDate> {
    let value = Decimal::from_str(number.trim()).ok()?;
    if value < Decimal::ONE {
        return None;
    }
    let days = rust_decimal::prelude::ToPrimitive::to_u64(&value.trunc())?;
    EXCEL_EPOCH.checked_add_days(chrono::Days::new(days))
}

/// A text cell: numbers keep their digits ("1024", "552100554"), dates their French short form.
pub fn text(cell: &Cell) -> String {
    cell.display()
}

/// What an invoice's status says, when it says something the import acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusMeaning {
    /// Settled in full: with no paid or remaining column, the whole amount counts as paid.
    Paid,
    /// Not an invoice issued: a draft or a pro forma, not an amount owed.
    Draft,
    /// A quote (« Devis »): an offer, not an invoice; nothing is owed on it.
    Quote,
    /// Cancelled, abandoned, reversed, credited or refunded in the invoicing tool: not an amount owed.
    Cancelled,
    /// The row is a credit note (« Avoir » in a status or a document-type column): its amount is owed to
    /// the client, whatever the sign the file writes.
    CreditNote,
    /// Contested by the client: owed, but not to be chased while the dispute lasts (the import records a
    /// dispute on the invoice, as the ledger records any).
    Disputed,
    /// Written off as a bad debt in the invoicing tool: the file does not say when, and a write-off dated
    /// the import's day would fall in the wrong month of the accountant's export, so the row is refused.
    WrittenOff,
}

/// The status words of the invoicing tools and of hand-kept workbooks (folded), in French and English.
/// The one table of status words, also read for a document-type column
/// (« Type » = « Avoir »). Other statuses (« Envoyée », « En retard », « Partiellement payée »,
/// « Overdue »...) say nothing the amounts do not say better.
const STATUS_WORDS: &[(StatusMeaning, &[&str])] = &[
    (
        StatusMeaning::Paid,
        &[
            "payee",
            "paye",
            "payee integralement",
            "reglee",
            "regle",
            "soldee",
            "solde",
            "acquittee",
            "encaissee",
            "paid",
            "paid in full",
            "fully paid",
            // Said in words, or as accountants and English tools close an invoice (the audit's
            // statuts-varies.csv): a lettered invoice is matched with its payment.
            "payee virement",
            "payee par virement",
            "payee cheque",
            "payee par cheque",
            "paiement recu",
            "paiement encaisse",
            "reglement recu",
            "lettree",
            "lettre",
            "cloturee",
            "cloture",
            "closed",
        ],
    ),
    (
        StatusMeaning::Draft,
        &[
            "brouillon",
            "brouillon a valider",
            "draft",
            "en preparation",
            "provisoire",
            "facture provisoire",
            "pro forma",
            "proforma",
            "facture pro forma",
            "facture proforma",
        ],
    ),
    (
        StatusMeaning::Quote,
        &[
            "devis",
            "devis envoye",
            "devis accepte",
            "devis signe",
            "devis en attente",
            "quote",
            "quotation",
            "estimate",
        ],
    ),
    (
        StatusMeaning::Cancelled,
        &[
            "annulee",
            "annule",
            "annulee par avoir",
            "annule par avoir",
            "abandonnee",
            "abandonne",
            "supprimee",
            "supprime",
            "classee sans suite",
            "classe sans suite",
            "inversee",
            "inverse",
            "creditee",
            "credite",
            "remboursee",
            "rembourse",
            "remboursee ou convertie en reduction",
            // Odoo's payment status of an invoice reversed by a credit note (« Extourné »).
            "extourne",
            "extournee",
            "extourne e",
            "avoir emis",
            "annulee avoir",
            "annule avoir",
            "annulee par un avoir",
            "cancelled",
            "canceled",
            "void",
            "voided",
            "deleted",
            "reversed",
            "credited",
            "refunded",
        ],
    ),
    (StatusMeaning::CreditNote, &["avoir", "facture d avoir", "avoir client", "credit note", "credit memo"]),
    (
        StatusMeaning::Disputed,
        &[
            "litige",
            "en litige",
            "litigieuse",
            "litigieux",
            "facture en litige",
            "conteste",
            "contestee",
            "contestation",
            "en contestation",
            "disputed",
            "in dispute",
            "dispute",
        ],
    ),
    (
        StatusMeaning::WrittenOff,
        &[
            "irrecouvrable",
            "creance irrecouvrable",
            "perte",
            "perdue",
            "en perte",
            "passee en perte",
            "passe en perte",
            "perte sur creance",
            "perte sur creances",
            "creance douteuse irrecouvrable",
            "uncollectible",
            "bad debt",
            "written off",
            "write off",
            "written off as bad debt",
        ],
    ),
];

/// Dolibarr's raw invoice statuses (`fk_statut`), which its export writes as digits under « Statut
/// facture »: 0 draft, 1 validated (owed: nothing to act on), 2 paid, 3 abandoned. Read only under the
/// headers Dolibarr gives that column (a hand-kept workbook's « Statut » of 0 and 1 means something else).
const DOLIBARR_STATUS_CODES: &[(&str, StatusMeaning)] =
    &[("0", StatusMeaning::Draft), ("2", StatusMeaning::Paid), ("3", StatusMeaning::Cancelled)];

/// The folded headers under which a status column holds Dolibarr's codes.
pub const DOLIBARR_STATUS_HEADERS: &[&str] = &["statut facture", "invoice status"];

/// The statuses (folded) of an invoice still owed, in full or in part, which the import knows and need
/// not act on: the amounts say the rest. A status in neither this list nor `STATUS_WORDS`, on a row that
/// gives no paid nor remaining amount, is warned of (`status_unknown`): the invoice is imported as owed in
/// full, and the user should know that the word was not understood.
const OWED_WORDS: &[&str] = &[
    "en retard",
    "retard",
    "impayee",
    "impaye",
    "non payee",
    "non paye",
    "non payees",
    "non reglee",
    "non regle",
    "a payer",
    "a regler",
    "a encaisser",
    "en attente",
    "en attente de paiement",
    "en attente de reglement",
    "attente paiement",
    "paiement en cours",
    "en paiement",
    "en cours",
    "envoyee",
    "envoye",
    "emise",
    "emis",
    "validee",
    "valide",
    "finalisee",
    "finalise",
    "comptabilisee",
    "comptabilise",
    "ouverte",
    "due",
    "echue",
    "non echue",
    "a echoir",
    "relancee",
    "relance",
    "relance 1",
    "relance 2",
    "mise en demeure",
    "en recouvrement",
    "recouvrement",
    "contentieux",
    "partiellement payee",
    "payee partiellement",
    "partiellement reglee",
    "partiellement encaissee",
    "paiement partiel",
    // Dolibarr's labels of a validated invoice partly paid (htdocs/langs/fr_FR/bills.lang).
    "commencee",
    "partiel",
    "partiel depot",
    "acompte",
    "facture d acompte",
    "facture",
    "facture client",
    "overdue",
    "late",
    "past due",
    "sent",
    "viewed",
    "issued",
    "open",
    "outstanding",
    "unpaid",
    "not paid",
    "pending",
    "payment pending",
    "partial",
    "partially paid",
    "created",
    "posted",
    "finalized",
    "reminded",
    "in collection",
];

/// The words (folded) before a date in a status that says when the invoice was paid (« Payée le
/// 02/11/2026 »).
const PAID_ON_WORDS: &[&str] =
    &["payee le", "paye le", "reglee le", "regle le", "encaissee le", "soldee le", "paid on"];

/// What a status cell says, if anything the import acts on.
pub fn status_meaning(cell: &Cell) -> Option<StatusMeaning> {
    let folded = super::mapping::fold(&cell.display());
    STATUS_WORDS
        .iter()
        .find(|(_, words)| words.contains(&folded.as_str()))
        .map(|(meaning, _)| *meaning)
        .or_else(|| paid_on(cell).map(|_| StatusMeaning::Paid))
}

/// The day a status « Payée le 02/11/2026 » (« Paid on … ») says the invoice was paid.
pub fn paid_on(cell: &Cell) -> Option<NaiveDate> {
    if cell.is_empty() {
        return None;
    }
    let shown = cell.display();
    let folded = super::mapping::fold(&shown);
    PAID_ON_WORDS.iter().find(|words| folded.strip_prefix(**words).is_some_and(|rest| rest.starts_with(' ')))?;
    // The date follows the last of those words, « le » or « on », as the file writes it.
    let lower = shown.to_lowercase();
    let start = [" le ", " on "].iter().filter_map(|word| lower.find(word).map(|at| at + word.len())).min()?;
    let date = parse_written_date(lower.get(start..)?.trim())?;
    (FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&date)).then_some(date)
}

/// True when a status cell holds a word the import does not know: neither one it acts on nor one of an
/// invoice still owed (« En retard », « Envoyée »…).
pub fn status_unknown(cell: &Cell) -> bool {
    let folded = super::mapping::fold(&cell.display());
    !folded.is_empty() && status_meaning(cell).is_none() && !OWED_WORDS.contains(&folded.as_str())
}

/// What a status cell under a Dolibarr status header says: a word, or one of Dolibarr's codes.
pub fn dolibarr_status_meaning(cell: &Cell) -> Option<StatusMeaning> {
    let shown = cell.display();
    let code = shown.trim();
    DOLIBARR_STATUS_CODES
        .iter()
        .find(|(digits, _)| *digits == code)
        .map(|(_, meaning)| *meaning)
        .or_else(|| status_meaning(cell))
}

/// True for a Dolibarr draft's provisional reference, « (PROV12) »: a draft has no invoice number yet.
pub fn is_provisional_reference(number: &str) -> bool {
    let folded = super::mapping::fold(number);
    let trimmed = number.trim();
    trimmed.starts_with('(')
        && trimmed.ends_with(')')
        && folded.strip_prefix("prov").is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
}

/// The words of a nature column (folded), in French and English: what the invoice sells, goods or
/// services, as invoicing tools and hand-kept workbooks write it.
const NATURE_WORDS: &[(Nature, &[&str])] = &[
    (
        Nature::Goods,
        &[
            "marchandise",
            "marchandises",
            "vente",
            "ventes",
            "vente de marchandises",
            "ventes de marchandises",
            "bien",
            "biens",
            "livraison de biens",
            "produit",
            "produits",
            "goods",
            "sale of goods",
            "product",
            "products",
            "bic vente",
        ],
    ),
    (
        Nature::Services,
        &[
            "service",
            "services",
            "prestation",
            "prestations",
            "prestation de service",
            "prestation de services",
            "prestations de services",
            "main d oeuvre",
            "bnc",
            "bic prestation",
            "bic prestations",
            "service provision",
        ],
    ),
];

/// A nature cell: goods or services; anything else is refused with the words it takes.
pub fn nature(cell: &Cell) -> Result<Nature, String> {
    let shown = cell.display();
    let folded = super::mapping::fold(&shown);
    NATURE_WORDS
        .iter()
        .find(|(_, words)| words.contains(&folded.as_str()))
        .map(|(nature, _)| *nature)
        .ok_or_else(|| format!("nature « {shown} » inconnue : écrivez « marchandises » ou « services »"))
}

/// A status cell that says the invoice is settled: "Payée", "Réglée", "Soldée", "Paid".
pub fn says_paid(cell: &Cell) -> bool {
    status_meaning(cell) == Some(StatusMeaning::Paid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_cell(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }

    #[test]
    fn natures_are_read_in_french_and_english_and_anything_else_is_refused() {
        for (text, expected) in [
            ("Marchandises", Nature::Goods),
            ("Vente de marchandises", Nature::Goods),
            ("goods", Nature::Goods),
            ("Prestation de services", Nature::Services),
            ("SERVICES", Nature::Services),
            ("Main-d'œuvre", Nature::Services),
        ] {
            assert_eq!(nature(&text_cell(text)), Ok(expected), "{text}");
        }
        let refused = nature(&text_cell("Location")).unwrap_err();
        assert!(refused.contains("« Location »") && refused.contains("marchandises"), "{refused}");
    }

    #[test]
    fn amounts_are_read_from_text_and_numeric_cells() {
        let cases = [
            (text_cell("1 234,56 €"), "1234.56"),
            (text_cell("1.234,56"), "1234.56"),
            (text_cell("1234.56"), "1234.56"),
            (text_cell("-12,00"), "-12.00"),
            (text_cell("(12,00)"), "-12.00"),
            (Cell::Number("1234.56".into()), "1234.56"),
            (Cell::Number("123.60000000000001".into()), "123.60"),
            (Cell::Number("-50".into()), "-50"),
        ];
        for (cell, expected) in cases {
            assert_eq!(amount(&cell), Ok(Decimal::from_str(expected).unwrap()), "{cell:?}");
        }
        assert_eq!(amount(&text_cell("12,3,4")), Err("montant illisible « 12,3,4 »".to_string()));
        assert_eq!(amount(&Cell::Empty), Err("montant vide".to_string()));
    }

    #[test]
    fn dates_come_from_date_cells_serials_and_text() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(date(&Cell::Date(day)), Ok(day));
        assert_eq!(date(&Cell::Number("46348".into())), Ok(day));
        assert_eq!(date(&Cell::Number("46348.75".into())), Ok(day));
        assert_eq!(date(&text_cell("46348")), Ok(day));
        assert_eq!(date(&text_cell("22 nov. 2026")), Ok(day));
        assert_eq!(date(&text_cell("31/02/2026")), Err("date illisible « 31/02/2026 »".to_string()));
        assert_eq!(date(&Cell::Number("1234.56".into())), Err("date invraisemblable « 1234.56 »".to_string()));
        assert_eq!(date(&text_cell("22/11/2206")), Err("date invraisemblable « 22/11/2206 »".to_string()));
    }

    #[test]
    fn american_dates_are_read_month_first_only_when_the_file_shows_it() {
        let cases: [(&[&str], DateOrder); 4] = [
            (&["03/15/2026", "04/02/2026"], DateOrder::MonthFirst),
            (&["15/03/2026", "04/02/2026"], DateOrder::DayFirst),
            (&["04/02/2026"], DateOrder::DayFirst),
            (&["03/15/2026", "15/03/2026"], DateOrder::DayFirst),
        ];
        for (texts, expected) in cases {
            assert_eq!(DateOrder::of(texts.iter().copied()), expected, "{texts:?}");
        }
        let day = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        assert_eq!(date_in(&text_cell("03/15/2026"), DateOrder::MonthFirst), Ok(day));
        assert_eq!(date_in(&text_cell("3-15-26"), DateOrder::MonthFirst), Ok(day));
        assert_eq!(date_in(&text_cell("2026-03-15"), DateOrder::MonthFirst), Ok(day));
    }

    #[test]
    fn statuses_say_paid_draft_cancelled_disputed_or_written_off() {
        let cases = [
            ("Payée", Some(StatusMeaning::Paid)),
            ("PAID", Some(StatusMeaning::Paid)),
            ("Brouillon (à valider)", Some(StatusMeaning::Draft)),
            ("Abandonnée", Some(StatusMeaning::Cancelled)),
            ("Void", Some(StatusMeaning::Cancelled)),
            ("Partiellement payée", None),
            // The audit's statuses said another way (statuts-varies.csv).
            ("Payée le 02/11/2026", Some(StatusMeaning::Paid)),
            ("Paiement reçu", Some(StatusMeaning::Paid)),
            ("Lettrée", Some(StatusMeaning::Paid)),
            ("Clôturée", Some(StatusMeaning::Paid)),
            ("Closed", Some(StatusMeaning::Paid)),
            ("Devis", Some(StatusMeaning::Quote)),
            ("Avoir émis", Some(StatusMeaning::Cancelled)),
            ("Annulée (avoir)", Some(StatusMeaning::Cancelled)),
            ("Extourné", Some(StatusMeaning::Cancelled)),
            ("Extourné(e)", Some(StatusMeaning::Cancelled)),
            ("Payée le ?", None),
            ("En retard", None),
            // The audit's statuses meaning nothing is owed (docs/import-tools.md).
            ("Annulée par avoir", Some(StatusMeaning::Cancelled)),
            ("Supprimée", Some(StatusMeaning::Cancelled)),
            ("Provisoire", Some(StatusMeaning::Draft)),
            ("Pro forma", Some(StatusMeaning::Draft)),
            ("Proforma", Some(StatusMeaning::Draft)),
            ("Inversé", Some(StatusMeaning::Cancelled)),
            ("Classée sans suite", Some(StatusMeaning::Cancelled)),
            ("Remboursée", Some(StatusMeaning::Cancelled)),
            ("Remboursée ou convertie en réduction", Some(StatusMeaning::Cancelled)),
            ("Créditée", Some(StatusMeaning::Cancelled)),
            ("Credited", Some(StatusMeaning::Cancelled)),
            ("Reversed", Some(StatusMeaning::Cancelled)),
            ("Avoir", Some(StatusMeaning::CreditNote)),
            ("Credit note", Some(StatusMeaning::CreditNote)),
            // The audit's disputed and written-off statuses (docs/import-tools.md).
            ("Litige", Some(StatusMeaning::Disputed)),
            ("En litige", Some(StatusMeaning::Disputed)),
            ("Contestée", Some(StatusMeaning::Disputed)),
            ("Contesté", Some(StatusMeaning::Disputed)),
            ("Disputed", Some(StatusMeaning::Disputed)),
            ("Irrécouvrable", Some(StatusMeaning::WrittenOff)),
            ("Perte", Some(StatusMeaning::WrittenOff)),
            ("Créance irrécouvrable", Some(StatusMeaning::WrittenOff)),
            ("Uncollectible", Some(StatusMeaning::WrittenOff)),
            ("Bad debt", Some(StatusMeaning::WrittenOff)),
            // Dolibarr's raw statuses, only under its header.
            ("0", None),
            ("3", None),
        ];
        for (text, expected) in cases {
            assert_eq!(status_meaning(&text_cell(text)), expected, "{text}");
        }
        let codes = [("0", Some(StatusMeaning::Draft)), ("1", None), ("2", Some(StatusMeaning::Paid))];
        for (text, expected) in
            codes.into_iter().chain([("3", Some(StatusMeaning::Cancelled)), ("Payée", Some(StatusMeaning::Paid))])
        {
            assert_eq!(dolibarr_status_meaning(&text_cell(text)), expected, "{text}");
        }
        let day = NaiveDate::from_ymd_opt(2026, 11, 2);
        assert_eq!(paid_on(&text_cell("Payée le 02/11/2026")), day);
        assert_eq!(paid_on(&text_cell("Paid on 2026-11-02")), day);
        assert_eq!(paid_on(&text_cell("Payée")), None);
        for (text, unknown) in
            [("Terminée", true), ("Rejetée", true), ("En retard", false), ("Payée", false), ("", false)]
        {
            assert_eq!(status_unknown(&text_cell(text)), unknown, "{text}");
        }
        for (number, provisional) in [("(PROV7)", true), ("(PROV)", true), ("PROV7", false), ("FA2601-0001", false)] {
            assert_eq!(is_provisional_reference(number), provisional, "{number}");
        }
    }
}
