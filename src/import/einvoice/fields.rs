//! Values as CII and UBL write them, read into typed values with French problems: decimal amounts
//! (`1234.56`), dates (CII format 102 `20261122`, UBL `2026-11-22`), company identifiers by their
//! ISO 6523 scheme (0002 SIREN, 0009 SIRET) or a French VAT number, and country codes to the country
//! line of a French address. Also the EN 16931 business terms (BT-1...) with their French names.

use super::{EInvoiceProblem, Party};
use crate::domain::identity::{self, CompanyNumber};
use crate::domain::money::{round_cents, MAX_AMOUNT};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Dates outside these years are a mistake in an invoice (the same bounds as spreadsheet imports).
const FIRST_YEAR: i32 = 1980;
const LAST_YEAR: i32 = 2100;

/// The French name of an EN 16931 business term, as the preview shows it.
pub fn term_label(term: &str) -> &'static str {
    match term {
        "BT-1" => "N° de facture",
        "BT-2" => "Date de facture",
        "BT-3" => "Type de document",
        "BT-5" => "Devise",
        "BT-9" => "Échéance",
        "BT-20" => "Conditions de paiement",
        "BT-22" => "Note",
        "BT-24" => "Profil",
        "BT-25" => "Facture corrigée",
        "BT-27" => "Vendeur",
        "BT-29" | "BT-30" => "SIREN/SIRET du vendeur",
        "BT-31" => "N° de TVA du vendeur",
        "BT-44" => "Acheteur",
        "BT-46" | "BT-47" => "SIREN/SIRET de l'acheteur",
        "BT-48" => "N° de TVA de l'acheteur",
        "BT-49" | "BT-58" => "E-mail de l'acheteur",
        "BG-8" => "Adresse de l'acheteur",
        "BT-109" => "Montant HT",
        "BT-112" => "Montant TTC",
        "BT-113" => "Montant déjà payé",
        "BT-114" => "Arrondi",
        "BT-115" => "Montant à payer",
        "BT-153" => "Article",
        _ => "Facture",
    }
}

/// Collects the problems of one invoice as it is read.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<EInvoiceProblem>);

impl Problems {
    pub fn push(&mut self, term: &'static str, element: &str, value: &str, message: String) {
        self.0.push(EInvoiceProblem {
            term,
            element: element.to_string(),
            value: value.chars().take(200).collect(),
            message,
        });
    }
}

/// An amount as XML writes it (`xs:decimal`: digits, an optional sign and dot), rounded to the cent.
pub fn amount(text: &str) -> Result<Decimal, String> {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let digits_and_one_dot = !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && body.bytes().filter(|b| *b == b'.').count() <= 1
        && body.bytes().any(|b| b.is_ascii_digit());
    if !digits_and_one_dot || body.len() > 40 {
        return Err(format!("montant illisible « {text} » (attendu : chiffres et point décimal, comme 1234.56)"));
    }
    let value = Decimal::from_str(text.strip_prefix('+').unwrap_or(text))
        .map_err(|_| format!("montant illisible « {text} »"))?;
    if value.abs() > MAX_AMOUNT {
        return Err(format!("montant trop grand « {text} »"));
    }
    Ok(round_cents(value))
}

/// A CII date (`udt:DateTimeString`): format 102 is `AAAAMMJJ`; a missing format is read the same way.
pub fn cii_date(text: &str, format: &str) -> Result<NaiveDate, String> {
    if !format.is_empty() && format != "102" {
        return Err(format!(
            "date « {text} » au format {format} : seul le format 102 (AAAAMMJJ) est une date de facture"
        ));
    }
    let valid = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit());
    let date = valid.then(|| NaiveDate::parse_from_str(text, "%Y%m%d").ok()).flatten();
    date.ok_or_else(|| format!("date illisible « {text} » (attendu : AAAAMMJJ, format 102)")).and_then(plausible)
}

/// A UBL date (`xs:date`): `AAAA-MM-JJ`, a time zone after it allowed.
pub fn ubl_date(text: &str) -> Result<NaiveDate, String> {
    let day = text.get(..10).unwrap_or(text);
    let zone = text.get(10..).unwrap_or("");
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || (zone.len() == 6 && zone.starts_with(['+', '-']) && zone.as_bytes()[3] == b':');
    let date = if zone_ok { NaiveDate::parse_from_str(day, "%Y-%m-%d").ok() } else { None };
    date.ok_or_else(|| format!("date illisible « {text} » (attendu : AAAA-MM-JJ)")).and_then(plausible)
}

fn plausible(date: NaiveDate) -> Result<NaiveDate, String> {
    let year = chrono::Datelike::year(&date);
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(date)
    } else {
        Err(format!("date invraisemblable « {} »", date.format("%d/%m/%Y")))
    }
}

/// An identifier a party gives, with its scheme and where it was read.
#[derive(Debug, Clone)]
pub struct SchemedId {
    pub scheme: String,
    pub value: String,
    pub element: String,
    pub term: &'static str,
}

/// What a party's identifiers say: SIREN and SIRET from their ISO 6523 schemes (0002, 0009), or unmarked
/// 9 and 14 digit legal registrations of a party in France; the SIREN inside a French VAT number when nothing else gives it.
/// Other schemes (GLN, foreign registers) are left alone. A SIREN or SIRET whose key is wrong is a problem.
pub fn identify(party: &mut Party, legal: &[SchemedId], others: &[SchemedId], problems: &mut Problems) {
    // An unmarked registration number is the one « of the applicable legal environment » (EN 16931, BT-30,
    // BT-47): a SIREN or SIRET only for a party in France (a Norwegian or Portuguese one has 9 digits too).
    let in_france = country_line(&party.country).is_empty();
    for id in legal.iter().chain(others) {
        let digits: String = id.value.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '.' | '-')).collect();
        let is_legal = legal.iter().any(|l| std::ptr::eq(l, id));
        let all_digits = digits.bytes().all(|b| b.is_ascii_digit());
        let french_company_number = match id.scheme.as_str() {
            "0002" | "0009" => true,
            "" => in_france && is_legal && all_digits && (digits.len() == 9 || digits.len() == 14),
            _ => false,
        };
        if !french_company_number {
            continue;
        }
        match identity::check_siren_or_siret(&digits) {
            Ok((digits, CompanyNumber::Siren)) if party.siren.is_empty() => party.siren = digits,
            Ok((digits, CompanyNumber::Siret)) if party.siret.is_empty() => party.siret = digits,
            Ok(_) => {}
            Err(message) => problems.push(id.term, &id.element, &id.value, message),
        }
    }
    if !party.siren.is_empty() && !party.siret.is_empty() && !party.siret.starts_with(&party.siren) {
        let message = format!(
            "SIRET {} et SIREN {} ne désignent pas la même entreprise (le SIRET commence par le SIREN)",
            party.siret, party.siren
        );
        let term = legal.first().map_or("BT-47", |l| l.term);
        let element = legal.first().map(|l| l.element.as_str()).unwrap_or_default();
        problems.push(term, element, &party.siret, message);
    }
    if party.siren.is_empty() && party.siret.len() == 14 {
        party.siren = party.siret[..9].to_string();
    }
    if party.siren.is_empty() {
        if let Some(siren) = identity::siren_of_vat_number(&party.vat_number) {
            party.siren = siren;
        }
    }
}

/// The country line of a French address for an ISO 3166 code: empty for France and its overseas
/// departments and territories (no country line is printed from France), the French name otherwise,
/// the code itself when it is not in this list.
pub fn country_line(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    let name = match code.as_str() {
        "" | "FR" | "GP" | "MQ" | "GF" | "RE" | "YT" | "PM" | "BL" | "MF" | "NC" | "PF" | "WF" => "",
        "AD" => "ANDORRE",
        "AT" => "AUTRICHE",
        "BE" => "BELGIQUE",
        "BG" => "BULGARIE",
        "CA" => "CANADA",
        "CH" => "SUISSE",
        "CY" => "CHYPRE",
        "CZ" => "TCHEQUIE",
        "DE" => "ALLEMAGNE",
        "DK" => "DANEMARK",
        "EE" => "ESTONIE",
        "ES" => "ESPAGNE",
        "FI" => "FINLANDE",
        "GB" => "ROYAUME-UNI",
        "GR" => "GRECE",
        "HR" => "CROATIE",
        "HU" => "HONGRIE",
        "IE" => "IRLANDE",
        "IT" => "ITALIE",
        "LI" => "LIECHTENSTEIN",
        "LT" => "LITUANIE",
        "LU" => "LUXEMBOURG",
        "LV" => "LETTONIE",
        "MA" => "MAROC",
        "MC" => "MONACO",
        "MT" => "MALTE",
        "NL" => "PAYS-BAS",
        "NO" => "NORVEGE",
        "PL" => "POLOGNE",
        "PT" => "PORTUGAL",
        "RO" => "ROUMANIE",
        "SE" => "SUEDE",
        "SI" => "SLOVENIE",
        "SK" => "SLOVAQUIE",
        "TN" => "TUNISIE",
        "US" => "ETATS-UNIS",
        _ => return code,
    };
    name.to_string()
}

/// True when an electronic address is an e-mail: the EAS scheme `EM`, or no scheme and an `@`.
pub fn is_email(scheme: &str, value: &str) -> bool {
    scheme.eq_ignore_ascii_case("EM") || (scheme.is_empty() && value.contains('@'))
}

/// The nature a French billing frame (BT-23, « cadre de facturation » of the 2026 reform: B1, S1, M1, B2,
/// S2, M2, B4, S4, M4, S5, S6, B7, S7) gives an invoice: its first letter says goods (B, « biens ») or
/// services (S); a mixed frame (M) or any other process says neither, and the client's default applies.
pub fn nature_of_frame(frame: &str) -> Option<crate::domain::model::Nature> {
    let frame = frame.trim();
    let digits_follow = frame.len() == 2 && frame.as_bytes()[1].is_ascii_digit();
    match frame.as_bytes().first() {
        Some(b'B') if digits_follow => Some(crate::domain::model::Nature::Goods),
        Some(b'S') if digits_follow => Some(crate::domain::model::Nature::Services),
        _ => None,
    }
}

/// The object of an invoice for the ledger: a note that says « Objet : … », else the items' names (the
/// first three, then how many more), else the first note that is not a legal mention (payment terms,
/// penalties, registration), cut to a readable length.
pub fn object(notes: &[(String, String)], items: &[String]) -> String {
    let said = notes.iter().find_map(|(_, text)| {
        let lower = text.to_lowercase();
        ["objet :", "objet:", "objet "]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| text.get(p.len()..).unwrap_or_default().trim().to_string())
    });
    let text = match said {
        Some(object) if !object.is_empty() => object,
        _ if !items.is_empty() => {
            let mut names: Vec<&str> = items.iter().map(String::as_str).filter(|n| !n.is_empty()).take(3).collect();
            names.dedup();
            let mut text = names.join(" ; ");
            let more = items.len().saturating_sub(3);
            if more > 0 {
                text.push_str(&format!(" (et {more} autre{})", if more > 1 { "s" } else { "" }));
            }
            text
        }
        _ => notes
            .iter()
            .find(|(subject, _)| !LEGAL_NOTE_SUBJECTS.contains(&subject.to_ascii_uppercase().as_str()))
            .map(|(_, text)| text.clone())
            .unwrap_or_default(),
    };
    shorten(&text, 200)
}

/// UNTDID 4451 subjects of notes that carry legal mentions, never an invoice's object: payment terms and
/// details, penalties, discount, registration, legal and tax information.
const LEGAL_NOTE_SUBJECTS: &[&str] = &["PMT", "PMD", "AAB", "REG", "ABL", "TXD", "CUS", "SUR", "ACY", "AAK", "ABZ"];

/// A UBL note may start with its subject between hashes (`#PMT#…`, the EN 16931 convention).
pub fn split_subject(note: &str) -> (String, String) {
    if let Some(rest) = note.strip_prefix('#') {
        if let Some((subject, text)) = rest.split_once('#') {
            if subject.len() == 3 && subject.bytes().all(|b| b.is_ascii_alphabetic()) {
                return (subject.to_string(), text.trim().to_string());
            }
        }
    }
    (String::new(), note.trim().to_string())
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_billing_frame_tells_goods_from_services_and_a_mixed_frame_says_neither() {
        use crate::domain::model::Nature;
        for (frame, expected) in [
            ("B1", Some(Nature::Goods)),
            ("S1", Some(Nature::Services)),
            (" B4 ", Some(Nature::Goods)),
            ("S7", Some(Nature::Services)),
            ("M1", None),
            ("", None),
            ("A1", None),
            ("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0", None),
            ("Services", None),
        ] {
            assert_eq!(nature_of_frame(frame), expected, "{frame:?}");
        }
    }

    #[test]
    fn amounts_are_xml_decimals() {
        let cases = [
            ("1234.56", Ok("1234.56")),
            ("-12.5", Ok("-12.50")),
            ("+7", Ok("7.00")),
            ("0.125", Ok("0.13")),
            ("1 234,56", Err("montant illisible « 1 234,56 » (attendu : chiffres et point décimal, comme 1234.56)")),
            ("1_000", Err("montant illisible « 1_000 » (attendu : chiffres et point décimal, comme 1234.56)")),
            ("2000000000", Err("montant trop grand « 2000000000 »")),
        ];
        for (text, expected) in cases {
            let got = amount(text).map(|d| format!("{d:.2}"));
            assert_eq!(got, expected.map(str::to_string).map_err(str::to_string), "{text}");
        }
    }

    #[test]
    fn dates_in_both_syntaxes() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22);
        assert_eq!(cii_date("20261122", "102").ok(), day);
        assert_eq!(cii_date("20261122", "").ok(), day);
        assert_eq!(ubl_date("2026-11-22").ok(), day);
        assert_eq!(ubl_date("2026-11-22+01:00").ok(), day);
        assert_eq!(
            cii_date("20261322", "102").unwrap_err(),
            "date illisible « 20261322 » (attendu : AAAAMMJJ, format 102)"
        );
        assert!(cii_date("202611", "610").unwrap_err().contains("format 610"));
        assert_eq!(ubl_date("22/11/2026").unwrap_err(), "date illisible « 22/11/2026 » (attendu : AAAA-MM-JJ)");
        assert_eq!(cii_date("19000101", "102").unwrap_err(), "date invraisemblable « 01/01/1900 »");
    }

    #[test]
    fn the_object_skips_legal_notes() {
        let notes = vec![
            ("PMT".to_string(), "Indemnité forfaitaire de 40 €".to_string()),
            ("AAI".to_string(), "Chantier rue des Lilas".to_string()),
        ];
        assert_eq!(object(&notes, &[]), "Chantier rue des Lilas");
        let items: Vec<String> = ["Pose", "Dépose", "Fourniture", "Nettoyage"].map(String::from).to_vec();
        assert_eq!(object(&notes, &items), "Pose ; Dépose ; Fourniture (et 1 autre)");
        let said = vec![(String::new(), "Objet : Rénovation cuisine".to_string())];
        assert_eq!(object(&said, &items), "Rénovation cuisine");
        assert_eq!(split_subject("#PMT#Paiement à 30 jours"), ("PMT".to_string(), "Paiement à 30 jours".to_string()));
    }
}
