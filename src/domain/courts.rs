//! Which court and which form an injonction de payer goes to (law-fr.md, CPC 1405 to 1425): the debtor's
//! domicile decides the place; a professional debtor goes to the tribunal de commerce (Cerfa 12946), a
//! consumer to the tribunal judiciaire (Cerfa 12948).

use crate::domain::model::{Client, ClientKind};
use serde::Serialize;

/// The court and form an injonction de payer goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Court {
    /// "12946" (tribunal de commerce) or "12948" (tribunal judiciaire).
    pub cerfa: String,
    /// "Tribunal de commerce" or "Tribunal judiciaire".
    pub jurisdiction: String,
    /// The town of the debtor's address (its postcode's town), which the user must confirm.
    pub town: String,
    pub postcode: String,
    /// The court as a user reads it, named after the town alone in ordinary case (« Tribunal de
    /// commerce de Lyon »), or the jurisdiction alone when the address has no town; to be confirmed.
    pub name: String,
}

/// The court competent for a client: the debtor's domicile; a trader or artisan goes to the tribunal
/// de commerce (Cerfa 12946), a consumer to the tribunal judiciaire (Cerfa 12948).
pub fn court_of(client: &Client) -> Court {
    let address = &client.fields.address;
    let (cerfa, jurisdiction) = match client.fields.kind {
        ClientKind::Professional => ("12946", "Tribunal de commerce"),
        ClientKind::Consumer => ("12948", "Tribunal judiciaire"),
    };
    let town = address.town.split(" CEDEX").next().unwrap_or_default().trim().to_string();
    let name = match town_name(&town) {
        named if named.is_empty() => jurisdiction.to_string(),
        named => format!("{jurisdiction} de {named}"),
    };
    Court {
        cerfa: cerfa.into(),
        jurisdiction: jurisdiction.into(),
        town,
        postcode: address.postcode.trim().into(),
        name,
    }
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
    use super::town_name;

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
