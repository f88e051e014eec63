//! Documents other than letters, drawn with the letters' page (`page.rs`): the one-off document with the
//! sender's block, a title, paragraphs and tables (the deposit list, the court dossier's pages), and the
//! tables several documents share (the penalty breakdown).

use super::page::{self, Composer, LetterLayout, Table};
use super::pdf::Metadata;
use crate::documents::letters::facts::{BreakdownFacts, Sender};
use crate::documents::letters::LetterError;
use crate::domain::books::Statement;
use crate::domain::calendar::{format_long, format_short};
use crate::domain::money::format_eur;
use crate::domain::postage::DepositList;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The deposit list as a PDF, headed by the sender (the depositor).
pub fn deposit_list_pdf(list: &DepositList, sender: &Sender) -> Result<Vec<u8>, LetterError> {
    let mut rows: Vec<Vec<String>> = list
        .lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            vec![
                (index + 1).to_string(),
                line.recipient.clone(),
                line.address.clone(),
                line.tracking_number.clone(),
                line.level.clone(),
                if line.with_receipt { "oui" } else { "non" }.to_string(),
                line.postage.map(format_eur).unwrap_or_else(|| "?".into()),
            ]
        })
        .collect();
    let total_row = rows.len();
    // « Total » in the recipients' column: the number's is too narrow for the word in bold.
    rows.push(vec![
        String::new(),
        format!("Total : {} lettre(s)", list.lines.len()),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        format_eur(list.total),
    ]);
    let mut body = vec![format!(
        "Lettres recommandées déposées le {} : {} envoi(s), affranchissement estimé {}.",
        format_long(list.date),
        list.lines.len(),
        format_eur(list.total)
    )];
    body.push(match (list.prices_from, list.to_confirm) {
        (Some(from), false) => format!("Estimation selon les tarifs en vigueur depuis le {}.", format_long(from)),
        (Some(from), true) => format!(
            "Estimation selon les tarifs saisis au {} ; certains prix (R2, R3, avis de réception) sont à \
             confirmer auprès de La Poste et se corrigent dans les réglages.",
            format_long(from)
        ),
        (None, _) => "Aucun tarif n'est saisi pour cette date : l'affranchissement n'est pas estimé.".into(),
    });
    let title = format!("Liste de dépôt du {}", format_long(list.date));
    let table = Table {
        title: "Lettres recommandées".into(),
        columns: columns(&[
            ("N°", 4, false),
            ("Destinataire", 18, false),
            ("Adresse", 26, false),
            ("N° de suivi", 16, false),
            ("Niveau", 6, false),
            ("AR", 4, false),
            ("Affranch.", 10, true),
        ]),
        rows,
        bold_rows_from: Some(total_row),
    };
    document_pdf(sender, &title, list.date, body, vec![table])
}

/// A one-off document (deposit list, dossier summary, data sheet) with the sender's block, a subject,
/// paragraphs and tables, through the letters' print pipeline.
pub fn document_pdf(
    sender: &Sender,
    title: &str,
    date: NaiveDate,
    body: Vec<String>,
    tables: Vec<Table>,
) -> Result<Vec<u8>, LetterError> {
    let mut sender_lines = vec![sender.trade_name.clone()];
    sender_lines.extend(sender.address_lines.iter().cloned());
    if !sender.siren_siret.is_empty() {
        sender_lines.push(format!("SIREN/SIRET {}", sender.siren_siret));
    }
    sender_lines.retain(|line| !line.trim().is_empty());
    let layout = LetterLayout {
        sender_title: sender.legal_name.clone(),
        sender_lines,
        recipient_lines: Vec::new(),
        place_and_date: format!("Le {}", format_long(date)),
        subject: title.to_string(),
        body,
        tables,
        ..Default::default()
    };
    super::check_characters(&layout)?;
    let metadata = Metadata { title: title.to_string(), author: sender.legal_name.clone(), date: Some(date) };
    Ok(super::pages_pdf(&Composer.layout(&layout), &metadata))
}

/// Table columns from widths in tenths.
pub fn columns(spec: &[(&str, u8, bool)]) -> Vec<(String, page::Share, bool)> {
    spec.iter().map(|(name, tenths, right)| (name.to_string(), page::share(*tenths), *right)).collect()
}

/// A statement of account (`domain::books::statement`) as a table: each entry with its debit, credit
/// and the balance after it, a payment followed by what it settled, invoice by invoice, and what it left
/// in the client's favour; then the totals and the balance on the date. The statement letter's annex.
pub fn statement_table(title: String, statement: &Statement) -> Table {
    let amount = |value: Decimal| if value.is_zero() { String::new() } else { format_eur(value) };
    let mut rows = Vec::new();
    for entry in &statement.entries {
        rows.push(vec![
            format_short(entry.date),
            entry.label.clone(),
            amount(entry.debit),
            amount(entry.credit),
            format_eur(entry.balance),
        ]);
        for settled in &entry.settled {
            rows.push(vec![
                String::new(),
                format!("– affecté à {} : {}", settled.invoice, format_eur(settled.amount)),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        if !entry.note.is_empty() {
            rows.push(vec![
                String::new(),
                format!("– motif : {}", entry.note),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        if !entry.unallocated.is_zero() {
            rows.push(vec![
                String::new(),
                format!("– non affecté, en votre faveur : {}", format_eur(entry.unallocated)),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    let first_total = rows.len();
    rows.push(vec![
        "Totaux".into(),
        String::new(),
        format_eur(statement.total_debit),
        format_eur(statement.total_credit),
        String::new(),
    ]);
    let balance = statement.balance;
    let (label, shown) = if balance < Decimal::ZERO {
        (format!("Solde en votre faveur au {}", format_short(statement.as_of)), -balance)
    } else {
        (format!("Solde dû au {}", format_short(statement.as_of)), balance)
    };
    rows.push(vec![label, String::new(), String::new(), String::new(), format_eur(shown)]);
    Table {
        title,
        columns: columns(&[
            ("Date", 10, false),
            ("Opération", 42, false),
            ("Débit", 12, true),
            ("Crédit", 12, true),
            ("Solde", 12, true),
        ]),
        rows,
        bold_rows_from: Some(first_total),
    }
}

/// The penalty breakdown (F4) as a table: each interest period with its rate in the French form, then the
/// principal, the interest, the indemnities — for a professional only: a consumer owes none — and the
/// total. The letter annex and the court dossier print this one table.
pub fn penalty_table(title: String, breakdown: &BreakdownFacts, b2b: bool) -> Table {
    let mut rows: Vec<Vec<String>> = breakdown
        .periods
        .iter()
        .map(|p| {
            vec![
                p.number.clone(),
                format_short(p.from),
                format_short(p.to),
                p.days.to_string(),
                p.rate.clone(),
                format_eur(p.base),
                format_eur(p.amount),
            ]
        })
        .collect();
    let first_total = rows.len();
    let summary = |label: &str, amount: Decimal| {
        let mut row = vec![label.to_string()];
        row.extend(std::iter::repeat_n(String::new(), 5));
        row.push(format_eur(amount));
        row
    };
    rows.push(summary("Principal restant dû", breakdown.principal));
    if b2b {
        rows.push(summary("Pénalités de retard (L441-10)", breakdown.interest));
        rows.push(summary(
            &format!("Indemnités forfaitaires (40 € × {})", breakdown.indemnity_count),
            breakdown.indemnity,
        ));
    } else {
        rows.push(summary("Intérêts au taux légal", breakdown.interest));
    }
    rows.push(summary("Total dû", breakdown.total));
    Table {
        title,
        columns: columns(&[
            ("Facture", 14, false),
            ("Du", 10, false),
            ("Au", 10, false),
            ("Jours", 7, true),
            ("Taux", 9, true),
            ("Base", 12, true),
            ("Montant", 12, true),
        ]),
        rows,
        bold_rows_from: Some(first_total),
    }
}
