//! Which court and which form an injonction de payer goes to (law-fr.md, CPC 1405 to 1425): the debtor's
//! domicile decides the place; a professional debtor goes to the tribunal de commerce (Cerfa 12946), a
//! consumer to the tribunal judiciaire (Cerfa 12948). A debtor abroad is outside the French procedure:
//! in another member state of the European Union bound by Regulation (EC) 1896/2006 (all but Denmark),
//! the European order for payment (form A); elsewhere, the procedure of the debtor's country.

use crate::domain::address::upper_without_accents;
use crate::domain::model::{Client, ClientKind};
use serde::Serialize;

/// The order for payment a debtor's domicile allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    /// A debtor in France: the French injonction de payer, with its Cerfa, before the court of its domicile.
    French,
    /// A debtor in another member state bound by Regulation (EC) 1896/2006: the European order for
    /// payment, form A, before the court the European rules of jurisdiction designate.
    European,
    /// A debtor in any other country, Denmark included (the regulation does not bind it): neither order
    /// applies; the procedure of the debtor's country.
    Foreign,
}

/// The member states of the European Union bound by Regulation (EC) 1896/2006 (art. 2.3: all but
/// Denmark) other than France, by their French name in capitals without accents and their ISO code.
const EUROPEAN_ORDER_STATES: [(&str, &str); 25] = [
    ("ALLEMAGNE", "DE"),
    ("AUTRICHE", "AT"),
    ("BELGIQUE", "BE"),
    ("BULGARIE", "BG"),
    ("CHYPRE", "CY"),
    ("CROATIE", "HR"),
    ("ESPAGNE", "ES"),
    ("ESTONIE", "EE"),
    ("FINLANDE", "FI"),
    ("GRECE", "GR"),
    ("HONGRIE", "HU"),
    ("IRLANDE", "IE"),
    ("ITALIE", "IT"),
    ("LETTONIE", "LV"),
    ("LITUANIE", "LT"),
    ("LUXEMBOURG", "LU"),
    ("MALTE", "MT"),
    ("PAYS BAS", "NL"),
    ("POLOGNE", "PL"),
    ("PORTUGAL", "PT"),
    ("ROUMANIE", "RO"),
    ("SLOVAQUIE", "SK"),
    ("SLOVENIE", "SI"),
    ("SUEDE", "SE"),
    ("TCHEQUIE", "CZ"),
];

/// The procedure for a debtor in `country` (an address's country line; empty for France).
pub fn procedure_for(country: &str) -> Procedure {
    let name = upper_without_accents(country.trim()).replace('-', " ");
    let name = match name.as_str() {
        "REPUBLIQUE TCHEQUE" => "TCHEQUIE",
        "HOLLANDE" => "PAYS BAS",
        other => other,
    };
    if name.is_empty() || name == "FRANCE" || name == "FR" {
        Procedure::French
    } else if EUROPEAN_ORDER_STATES.iter().any(|(state, code)| name == *state || name == *code) {
        Procedure::European
    } else {
        Procedure::Foreign
    }
}

/// The court and form an injonction de payer goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Court {
    /// "12946" (tribunal de commerce) or "12948" (tribunal judiciaire); empty for a debtor abroad, whom
    /// the French form does not reach.
    pub cerfa: String,
    /// "Tribunal de commerce" or "Tribunal judiciaire"; for a debtor abroad, the court to be found in
    /// the debtor's country.
    pub jurisdiction: String,
    /// The town of the debtor's address (its postcode's town), which the user must confirm.
    pub town: String,
    pub postcode: String,
    /// The court as a user reads it, named after the town alone in ordinary case (« Tribunal de
    /// commerce de Lyon »), or the jurisdiction alone when the address has no town; to be confirmed.
    pub name: String,
    pub procedure: Procedure,
    /// The debtor's country as its address writes it, empty in France.
    pub country: String,
}

impl Court {
    /// The request to file, as a French line ends it: « Cerfa 12946 (Tribunal de commerce de Lyon, à
    /// confirmer) », or for a debtor abroad the procedure that applies instead.
    pub fn request(&self) -> String {
        match self.procedure {
            Procedure::French => format!("Cerfa {} ({}, à confirmer)", self.cerfa, self.name),
            Procedure::European => format!(
                "injonction de payer européenne, formulaire A du règlement (CE) n° 1896/2006 ({}, à confirmer) ; \
                 le formulaire français ne s'applique pas à un débiteur établi à l'étranger",
                self.name
            ),
            Procedure::Foreign => format!(
                "le formulaire français ne s'applique pas à un débiteur établi à l'étranger ({}) : procédure \
                 du pays du débiteur, à voir avec un avocat",
                self.country
            ),
        }
    }
}

/// The court competent for a client: the debtor's domicile; a trader or artisan goes to the tribunal
/// de commerce (Cerfa 12946), a consumer to the tribunal judiciaire (Cerfa 12948).
pub fn court_of(client: &Client) -> Court {
    let address = &client.fields.address;
    let town = address.town.split(" CEDEX").next().unwrap_or_default().trim().to_string();
    let postcode = address.postcode.trim().to_string();
    let procedure = if address.is_domestic() { Procedure::French } else { procedure_for(&address.country) };
    let country = if address.is_domestic() { String::new() } else { address.country.trim().to_string() };
    if procedure != Procedure::French {
        let jurisdiction = "Juridiction du pays du débiteur".to_string();
        let name = format!("juridiction compétente du pays du débiteur, {country}");
        return Court { cerfa: String::new(), jurisdiction, town, postcode, name, procedure, country };
    }
    let (cerfa, jurisdiction) = match client.fields.kind {
        ClientKind::Professional => ("12946", "Tribunal de commerce"),
        ClientKind::Consumer => ("12948", "Tribunal judiciaire"),
    };
    let name = match town_name(&town) {
        named if named.is_empty() => jurisdiction.to_string(),
        named => format!("{jurisdiction} de {named}"),
    };
    Court { cerfa: cerfa.into(), jurisdiction: jurisdiction.into(), town, postcode, name, procedure, country }
}

/// A town as a court is named after it: without the postcode or the district number an address may carry
/// (« 69002 LYON », « LYON 02 », « PARIS 15E »), in ordinary case, the small words lower case inside the
/// name (« CALUIRE-ET-CUIRE » gives « Caluire-et-Cuire », « SAINTE-FOY-L'ARGENTIERE » gives
/// « Sainte-Foy-l'Argentiere »: the accents an address in capitals dropped are not guessed back).
pub fn town_name(town: &str) -> String {
    const SMALL_WORDS: [&str; 14] =
        ["de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "sur", "sous", "lès", "aux"];
    let is_number = |word: &str| word.chars().next().is_some_and(|c| c.is_ascii_digit());
    let words: Vec<&str> = town.split_whitespace().filter(|word| !is_number(word)).collect();
    let mut named = String::new();
    let mut first = true;
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            named.push(' ');
        }
        let mut piece = String::new();
        for character in word.chars() {
            if matches!(character, '-' | '\'' | '’') {
                push_word(&mut named, &piece, first, &SMALL_WORDS);
                first = first && piece.is_empty();
                piece.clear();
                named.push(character);
            } else {
                piece.push(character);
            }
        }
        push_word(&mut named, &piece, first, &SMALL_WORDS);
        first = first && piece.is_empty();
    }
    named
}

/// One word of a town's name: capitalised, or lower case when it is a small word inside the name.
fn push_word(named: &mut String, word: &str, first: bool, small_words: &[&str]) {
    let lower = word.to_lowercase();
    if !first && small_words.contains(&lower.as_str()) {
        named.push_str(&lower);
        return;
    }
    let mut characters = lower.chars();
    if let Some(initial) = characters.next() {
        named.extend(initial.to_uppercase());
        named.push_str(characters.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::{procedure_for, town_name, Procedure};

    #[test]
    fn a_debtor_abroad_is_outside_the_french_order_and_in_the_european_one_inside_the_union() {
        for (country, procedure) in [
            ("", Procedure::French),
            ("France", Procedure::French),
            ("BELGIQUE", Procedure::European),
            ("Belgique", Procedure::European),
            ("POLOGNE", Procedure::European),
            ("Pays-Bas", Procedure::European),
            ("République tchèque", Procedure::European),
            ("DE", Procedure::European),
            // Regulation (EC) 1896/2006 does not bind Denmark (art. 2.3).
            ("DANEMARK", Procedure::Foreign),
            ("SUISSE", Procedure::Foreign),
            ("ROYAUME-UNI", Procedure::Foreign),
        ] {
            assert_eq!(procedure_for(country), procedure, "{country}");
        }
    }

    #[test]
    fn a_court_is_named_after_the_town_alone_in_ordinary_case() {
        for (town, named) in [
            ("LYON", "Lyon"),
            ("69002 LYON", "Lyon"),
            ("LYON 02", "Lyon"),
            ("PARIS 15E", "Paris"),
            ("SAINT-GENIS-LAVAL", "Saint-Genis-Laval"),
            ("CALUIRE-ET-CUIRE", "Caluire-et-Cuire"),
            ("TASSIN-LA-DEMI-LUNE", "Tassin-la-Demi-Lune"),
            ("SAINTE-FOY-L'ARGENTIERE", "Sainte-Foy-l'Argentiere"),
            ("L'ISLE-D'ABEAU", "L'Isle-d'Abeau"),
            ("LE PUY-EN-VELAY", "Le Puy-en-Velay"),
            ("Saint-Étienne", "Saint-Étienne"),
            ("", ""),
        ] {
            assert_eq!(town_name(town), named, "{town}");
        }
    }
}
