//! Step two of reading an e-invoice: the values as CII or UBL wrote them ([`RawInvoice`], filled by
//! `cii` and `ubl` with the element each came from) typed into an [`EInvoice`], every value checked with
//! a French problem naming its business term and element. Shared by both syntaxes, so that the same
//! invoice says the same things whatever its syntax.

use super::fields::{self, Problems, SchemedId};
use super::{DocumentKind, EInvoice, Party, Profile, Syntax};
use crate::domain::identity;
use crate::domain::money::format_eur_ascii;
use rust_decimal::Decimal;

/// One value as read, with where it was read and the attribute that qualifies it (a date's format).
#[derive(Debug, Clone, Default)]
pub struct Value {
    pub text: String,
    pub element: String,
    pub attribute: String,
}

/// A party as read.
#[derive(Debug, Clone, Default)]
pub struct RawParty {
    pub name: Value,
    pub trade_name: String,
    /// Legal registrations (BT-30, BT-47), with their schemes.
    pub legal: Vec<SchemedId>,
    /// Other identifiers (BT-29, BT-46) and global identifiers, with their schemes.
    pub others: Vec<SchemedId>,
    pub vat_number: String,
    pub address_lines: Vec<String>,
    pub postcode: String,
    pub town: String,
    pub country: String,
    /// The electronic address (BT-34, BT-49) with its scheme in `attribute`.
    pub electronic_address: Value,
    /// The contact's e-mail (BT-43, BT-58).
    pub contact_email: Value,
}

/// An invoice as read, before any value is checked.
#[derive(Debug, Clone)]
pub struct RawInvoice {
    pub syntax: Syntax,
    pub guideline: String,
    pub number: Value,
    pub type_code: Value,
    pub issue_date: Value,
    pub due_dates: Vec<Value>,
    /// The part of the total each payment terms block asks (CII `PartialPaymentAmount`), beside its due
    /// date in `due_dates`; empty text when it gives none.
    pub partial_amounts: Vec<Value>,
    pub payment_terms: Vec<String>,
    pub currency: Value,
    pub total_excl_vat: Value,
    pub total_incl_vat: Value,
    pub prepaid: Value,
    pub rounding: Value,
    pub amount_due: Value,
    pub seller: RawParty,
    pub buyer: RawParty,
    /// The payee (BG-10), empty when the invoice names none.
    pub payee: RawParty,
    /// Notes with their UNTDID 4451 subject (empty when none).
    pub notes: Vec<(String, String)>,
    /// The items' names, in order.
    pub items: Vec<String>,
    /// Preceding invoices referred to (BT-25).
    pub preceding: Vec<Value>,
    /// The business process (BT-23): in France the billing frame (« cadre de facturation »: B1 goods,
    /// S1 services, M1 mixed...).
    pub business_process: String,
}

impl RawInvoice {
    pub fn new(syntax: Syntax) -> RawInvoice {
        RawInvoice {
            syntax,
            guideline: String::new(),
            number: Value::default(),
            type_code: Value::default(),
            issue_date: Value::default(),
            due_dates: Vec::new(),
            partial_amounts: Vec::new(),
            payment_terms: Vec::new(),
            currency: Value::default(),
            total_excl_vat: Value::default(),
            total_incl_vat: Value::default(),
            prepaid: Value::default(),
            rounding: Value::default(),
            amount_due: Value::default(),
            seller: RawParty::default(),
            buyer: RawParty::default(),
            payee: RawParty::default(),
            notes: Vec::new(),
            items: Vec::new(),
            preceding: Vec::new(),
            business_process: String::new(),
        }
    }
}

/// UNTDID 1001 codes of documents that ask to be paid, as the French reform lists them (simple,
/// self-billed, factored, down payment and corrected invoices) plus the usual others of EN 16931.
const INVOICE_CODES: &[&str] =
    &["380", "389", "393", "501", "386", "500", "384", "471", "472", "473", "326", "751", "875", "876", "877", "383"];
/// UNTDID 1001 codes of credit notes (avoirs): plain, self-billed, global discount, factored, down payment.
const CREDIT_NOTE_CODES: &[&str] = &["381", "261", "262", "396", "502", "503", "81", "83", "532"];

/// UNTDID 1001 codes of down payment invoices (acomptes), whose due date may precede their date.
const DOWN_PAYMENT_CODES: &[&str] = &["386", "500"];
/// The French billing frames (BT-23) of an invoice already paid: its due date may precede its date.
const PAID_FRAMES: &[&str] = &["B2", "S2", "M2"];

/// Types every value of a raw invoice; what cannot be typed becomes a problem.
pub fn typed(raw: RawInvoice) -> EInvoice {
    let mut problems = Problems::default();
    let mut notes = Vec::new();
    let number = raw.number.text.clone();
    if number.is_empty() {
        problems.push("BT-1", &raw.number.element, "", "numéro de facture absent".to_string());
    }
    let type_code = raw.type_code.text.clone();
    let mut kind = match (type_code.as_str(), raw.syntax) {
        (code, _) if CREDIT_NOTE_CODES.contains(&code) => DocumentKind::CreditNote,
        (code, _) if INVOICE_CODES.contains(&code) => DocumentKind::Invoice,
        ("", Syntax::UblCreditNote) => DocumentKind::CreditNote,
        ("", Syntax::UblInvoice) => DocumentKind::Invoice,
        ("", Syntax::Cii) => {
            problems.push(
                "BT-3",
                &raw.type_code.element,
                "",
                "type de document absent (380 facture, 381 avoir...)".into(),
            );
            DocumentKind::Invoice
        }
        (code, _) => {
            let hint = if code == "325" { " : c'est une facture pro forma, qui ne se règle pas" } else { "" };
            let message = format!("type de document « {code} » : ni une facture ni un avoir{hint}");
            problems.push("BT-3", &raw.type_code.element, code, message);
            DocumentKind::Invoice
        }
    };
    if raw.syntax == Syntax::UblCreditNote && kind == DocumentKind::Invoice && !type_code.is_empty() {
        notes.push(format!("Document UBL CreditNote de type « {type_code} » : lu comme un avoir."));
        kind = DocumentKind::CreditNote;
    }
    let date = |value: &Value, problems: &mut Problems, term: &'static str| {
        if value.text.is_empty() {
            return None;
        }
        let read = match raw.syntax {
            Syntax::Cii => fields::cii_date(&value.text, &value.attribute),
            Syntax::UblInvoice | Syntax::UblCreditNote => fields::ubl_date(&value.text),
        };
        read.map_err(|message| problems.push(term, &value.element, &value.text, message)).ok()
    };
    let issue_date = date(&raw.issue_date, &mut problems, "BT-2");
    if raw.issue_date.text.is_empty() {
        problems.push("BT-2", &raw.issue_date.element, "", "date de facture absente".to_string());
    }
    let mut due_date = raw.due_dates.iter().filter(|v| !v.text.is_empty()).find_map(|v| date(v, &mut problems, "BT-9"));
    let currency = raw.currency.text.to_ascii_uppercase();
    if currency.is_empty() {
        notes.push("Devise absente (BT-5) : montants lus en euros.".to_string());
    } else if currency != "EUR" {
        let message = format!("facture en « {currency} » : Ardoise tient le registre en euros (EUR) seulement");
        problems.push("BT-5", &raw.currency.element, &currency, message);
    }
    let amount = |value: &Value, problems: &mut Problems, term: &'static str| {
        if value.text.is_empty() {
            return None;
        }
        fields::amount(&value.text).map_err(|message| problems.push(term, &value.element, &value.text, message)).ok()
    };
    let total_excl_vat = amount(&raw.total_excl_vat, &mut problems, "BT-109");
    let total_incl_vat = amount(&raw.total_incl_vat, &mut problems, "BT-112");
    let mut prepaid = amount(&raw.prepaid, &mut problems, "BT-113");
    let rounding = amount(&raw.rounding, &mut problems, "BT-114").filter(|rounding| !rounding.is_zero());
    let amount_due = amount(&raw.amount_due, &mut problems, "BT-115");
    if raw.total_incl_vat.text.is_empty() {
        problems.push("BT-112", &raw.total_incl_vat.element, "", "montant TTC absent".to_string());
    }
    if let Some(total) = total_incl_vat {
        if total.is_zero() {
            problems.push("BT-112", &raw.total_incl_vat.element, &raw.total_incl_vat.text, "montant TTC nul".into());
        }
        if total.is_sign_negative() && !total.is_zero() && kind == DocumentKind::Invoice {
            notes.push(format!("Facture de montant négatif ({}) : lue comme un avoir.", format_eur_ascii(total)));
            kind = DocumentKind::CreditNote;
        }
        // What the invoice asks in all: its total and the rounding of the amount due (BT-114).
        let to_pay = total + rounding.unwrap_or_default();
        match (prepaid, amount_due) {
            (Some(paid), Some(due)) if to_pay - paid != due => notes.push(format!(
                "Montant à payer (BT-115) de {} alors que TTC moins déjà payé{} font {} : vérifiez la facture.",
                format_eur_ascii(due),
                if rounding.is_some() { " plus l'arrondi" } else { "" },
                format_eur_ascii(to_pay - paid)
            )),
            // No prepaid amount but less to pay than the total (a MINIMUM invoice has no BT-113): the
            // difference was paid before, as BR-CO-16 says; more to pay than the total is said.
            (None, Some(due)) if kind == DocumentKind::Invoice && due < to_pay && due >= Decimal::ZERO => {
                prepaid = Some(to_pay - due);
                notes.push(format!(
                    "Montant à payer (BT-115) de {} pour un total de {} sans montant déjà payé (BT-113) : la \
                     différence, {}, est lue comme déjà payée.",
                    format_eur_ascii(due),
                    format_eur_ascii(to_pay),
                    format_eur_ascii(to_pay - due)
                ));
            }
            (None, Some(due)) if kind == DocumentKind::Invoice && due > to_pay => notes.push(format!(
                "Montant à payer (BT-115) de {} supérieur au total de {} : vérifiez la facture.",
                format_eur_ascii(due),
                format_eur_ascii(to_pay)
            )),
            _ => {}
        }
        if let Some(prepaid) = prepaid {
            if prepaid.is_sign_negative() || (prepaid > total.abs() && !total.is_sign_negative()) {
                let message = format!("montant déjà payé {} hors de 0 et du montant TTC", format_eur_ascii(prepaid));
                problems.push("BT-113", &raw.prepaid.element, &raw.prepaid.text, message);
            }
        }
    }
    if let (Some(issue), Some(due)) = (issue_date, due_date) {
        if due < issue {
            // The French rule BR-FR-CO-07 admits a due date before the invoice's for a down payment invoice
            // and for an invoice already paid (billing frames B2, S2, M2); a credit note's is meaningless.
            let frame = raw.business_process.trim().to_ascii_uppercase();
            let shown = due.format("%d/%m/%Y");
            let admitted = if DOWN_PAYMENT_CODES.contains(&type_code.as_str()) {
                Some("une facture d'acompte".to_string())
            } else if PAID_FRAMES.contains(&frame.as_str()) {
                Some(format!("une facture déjà payée (cadre de facturation {frame})"))
            } else if prepaid.is_some_and(|paid| paid > Decimal::ZERO) && amount_due.is_some_and(|due| due.is_zero()) {
                Some("une facture déjà payée (montant à payer nul, BT-115)".to_string())
            } else {
                None
            };
            if kind == DocumentKind::CreditNote {
                notes.push(format!(
                    "Échéance (BT-9) du {shown} antérieure à la date de l'avoir : sans objet pour un avoir, ignorée."
                ));
                due_date = None;
            } else if let Some(which) = admitted {
                notes.push(format!(
                    "Échéance (BT-9) du {shown} antérieure à la date de facture, admise pour {which} : la facture \
                     est inscrite payable à sa date, le {}.",
                    issue.format("%d/%m/%Y")
                ));
                due_date = Some(issue);
            } else {
                let element =
                    raw.due_dates.iter().find(|v| !v.text.is_empty()).map(|v| v.element.clone()).unwrap_or_default();
                let message = format!("échéance du {shown} antérieure à la date de facture");
                problems.push("BT-9", &element, &shown.to_string(), message);
            }
        }
    }
    let seller = party(&raw.seller, &mut problems, &mut notes, "du vendeur");
    let buyer = party(&raw.buyer, &mut problems, &mut notes, "de l'acheteur");
    // A payee is worth keeping only when it is not the seller (BG-10 « si différent du vendeur »).
    let payee = Some(party(&raw.payee, &mut Problems::default(), &mut Vec::new(), "du bénéficiaire"))
        .filter(|payee| !payee.name.is_empty() || !payee.siren.is_empty())
        .filter(|payee| {
            let same_siren = !payee.siren.is_empty() && payee.siren == seller.siren;
            let same_name = crate::domain::text::fold(&payee.name) == crate::domain::text::fold(&seller.name);
            !same_siren && !same_name
        });
    if buyer.name.is_empty() && buyer.trade_name.is_empty() {
        problems.push("BT-44", &raw.buyer.name.element, "", "nom de l'acheteur absent".to_string());
    }
    // Instalments: several payment terms, each with its due date and the part it asks.
    let instalments: Vec<(chrono::NaiveDate, Decimal)> = raw
        .due_dates
        .iter()
        .zip(&raw.partial_amounts)
        .filter(|(due, part)| !due.text.is_empty() && !part.text.is_empty())
        .filter_map(|(due, part)| {
            Some((date(due, &mut Problems::default(), "BT-9")?, fields::amount(&part.text).ok()?))
        })
        .collect();
    let instalments = if instalments.len() > 1 { instalments } else { Vec::new() };
    let corrects: Vec<String> = raw.preceding.iter().map(|v| v.text.clone()).filter(|t| !t.is_empty()).collect();
    let payment_terms = raw.payment_terms.iter().filter(|t| !t.is_empty()).cloned().collect::<Vec<_>>().join(" ");
    EInvoice {
        syntax: raw.syntax,
        attachment: None,
        profile: Profile::of_guideline(&raw.guideline),
        guideline: raw.guideline,
        number,
        type_code,
        kind,
        issue_date,
        due_date,
        instalments,
        payment_terms,
        currency: if currency.is_empty() { "EUR".to_string() } else { currency },
        total_excl_vat,
        total_incl_vat,
        prepaid,
        rounding,
        amount_due,
        seller,
        buyer,
        payee,
        object: fields::object(&raw.notes, &raw.items),
        nature: fields::nature_of_frame(&raw.business_process),
        business_process: raw.business_process,
        corrects,
        problems: problems.0,
        notes,
    }
}

/// A party typed: its identifiers checked, its e-mail chosen (an invalid one is left out, with a note).
fn party(raw: &RawParty, problems: &mut Problems, notes: &mut Vec<String>, whose: &str) -> Party {
    let mut party = Party {
        name: raw.name.text.clone(),
        trade_name: raw.trade_name.clone(),
        vat_number: raw.vat_number.split_whitespace().collect::<String>().to_ascii_uppercase(),
        address_lines: raw.address_lines.iter().filter(|l| !l.is_empty()).cloned().collect(),
        postcode: raw.postcode.clone(),
        town: raw.town.clone(),
        country: raw.country.to_ascii_uppercase(),
        ..Party::default()
    };
    if party.name.is_empty() && !party.trade_name.is_empty() {
        party.name = party.trade_name.clone();
    }
    fields::identify(&mut party, &raw.legal, &raw.others, problems);
    let address = &raw.electronic_address;
    // The reform's electronic address (scheme 0225) is the SIREN, alone or followed by a suffix.
    if party.siren.is_empty() && address.attribute == "0225" {
        let head: String = address.text.chars().take(9).collect();
        if let Ok((siren, identity::CompanyNumber::Siren)) = identity::check_siren_or_siret(&head) {
            party.siren = siren;
        }
    }
    let candidates = [
        (fields::is_email(&address.attribute, &address.text), &address.text),
        (!raw.contact_email.text.is_empty(), &raw.contact_email.text),
    ];
    for (is_email, text) in candidates {
        if !is_email || !party.email.is_empty() {
            continue;
        }
        let text = text.strip_prefix("mailto:").unwrap_or(text);
        match identity::check_email(text) {
            Ok(email) => party.email = email,
            Err(_) => notes.push(format!("Adresse e-mail {whose} « {text} » invalide : laissée de côté.")),
        }
    }
    party
}
