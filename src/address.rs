//! Postal addresses as NF Z10-011 lines ("norme 38"): composing the lines and checking the rules
//! La Poste's sorting machines rely on, before anything is printed.

use serde::{Deserialize, Serialize};

/// Longest line allowed by NF Z10-011, spaces included.
pub const MAX_LINE_CHARS: usize = 38;
/// Lines allowed for a French address (one more abroad, for the country).
pub const MAX_LINES: usize = 6;

/// An address by the roles of its lines (print.md): line 1, the name, comes from the client.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostalAddress {
    /// Line 2: person or department, apartment, floor, "chez".
    pub complement: String,
    /// Line 3: building, entrance, residence, industrial zone.
    pub building: String,
    /// Line 4: number and street ("12 RUE DES LILAS").
    pub street: String,
    /// Line 5: lieu-dit, or BP / CS / TSA and its number.
    pub locality: String,
    /// Five digits in France.
    pub postcode: String,
    /// Town, with "CEDEX nn" when there is one.
    pub town: String,
    /// Empty for France.
    pub country: String,
}

/// One broken rule, with the line it concerns (1-based, as printed) and a French explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddressProblem {
    pub line: Option<usize>,
    pub message: String,
}

impl PostalAddress {
    /// True when no line of the address is filled in.
    pub fn is_blank(&self) -> bool {
        [&self.complement, &self.building, &self.street, &self.locality, &self.postcode, &self.town, &self.country]
            .iter()
            .all(|part| part.trim().is_empty())
    }

    /// True when the address is in France (no country, or "France").
    pub fn is_domestic(&self) -> bool {
        let country = self.country.trim().to_uppercase();
        country.is_empty() || country == "FRANCE"
    }

    /// The printed lines, name first, with empty lines dropped and spaces folded.
    pub fn lines(&self, name_line: &str) -> Vec<String> {
        let last = format!("{} {}", self.postcode.trim(), self.town.trim());
        let mut lines: Vec<String> = [name_line, &self.complement, &self.building, &self.street, &self.locality, &last]
            .iter()
            .map(|line| fold_spaces(line))
            .filter(|line| !line.is_empty())
            .collect();
        if !self.is_domestic() {
            lines.push(fold_spaces(&self.country).to_uppercase());
        }
        lines
    }

    /// Every NF Z10-011 rule the address breaks, empty when it can be printed as it is.
    pub fn problems(&self, name_line: &str) -> Vec<AddressProblem> {
        let mut problems = Vec::new();
        let lines = self.lines(name_line);
        let max_lines = if self.is_domestic() { MAX_LINES } else { MAX_LINES + 1 };
        if fold_spaces(name_line).is_empty() {
            problems.push(AddressProblem { line: Some(1), message: "le destinataire n'a pas de nom.".into() });
        }
        if self.street.trim().is_empty() && self.locality.trim().is_empty() {
            problems.push(AddressProblem {
                line: None,
                message: "il manque la voie (numéro et rue) ou le lieu-dit / la boîte postale.".into(),
            });
        }
        if lines.len() > max_lines {
            problems.push(AddressProblem {
                line: None,
                message: format!("{} lignes : la norme en autorise {max_lines} au plus.", lines.len()),
            });
        }
        for (index, line) in lines.iter().enumerate() {
            let count = line.chars().count();
            if count > MAX_LINE_CHARS {
                problems.push(AddressProblem {
                    line: Some(index + 1),
                    message: format!(
                        "ligne {} trop longue ({count} caractères, {MAX_LINE_CHARS} au plus) : « {line} ».",
                        index + 1
                    ),
                });
            }
        }
        if self.is_domestic() {
            let postcode = self.postcode.trim();
            if postcode.len() != 5 || !postcode.chars().all(|c| c.is_ascii_digit()) {
                problems.push(AddressProblem {
                    line: None,
                    message: format!("code postal « {postcode} » : il faut 5 chiffres."),
                });
            }
            if self.town.trim().is_empty() {
                problems.push(AddressProblem { line: None, message: "il manque la ville.".into() });
            } else if self.town.trim() != fold_spaces(&upper_without_accents(&self.town)) {
                problems.push(AddressProblem {
                    line: None,
                    message: format!(
                        "ville « {} » : la dernière ligne s'écrit en capitales sans accents (« {} »).",
                        self.town.trim(),
                        upper_without_accents(self.town.trim())
                    ),
                });
            }
        }
        for (role, text) in [("voie", &self.street), ("lieu-dit / BP", &self.locality)] {
            if text.contains([',', ';', '.', ':']) {
                problems.push(AddressProblem {
                    line: None,
                    message: format!("{role} « {} » : pas de ponctuation à partir de la ligne 4.", text.trim()),
                });
            }
        }
        problems
    }
}

/// Capitals without accents, as the last lines of a French address are written: "Saint-Étienne" →
/// "SAINT-ETIENNE".
pub fn upper_without_accents(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => 'A',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => 'I',
            'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => 'O',
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => 'U',
            'ç' | 'Ç' => 'C',
            'ÿ' | 'Ÿ' => 'Y',
            'ñ' | 'Ñ' => 'N',
            other => other.to_ascii_uppercase(),
        })
        .collect::<String>()
        .replace(['œ', 'Œ'], "OE")
        .replace(['æ', 'Æ'], "AE")
}

fn fold_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(street: &str, postcode: &str, town: &str) -> PostalAddress {
        PostalAddress { street: street.into(), postcode: postcode.into(), town: town.into(), ..Default::default() }
    }

    #[test]
    fn lines_drop_empty_roles_and_fold_spaces() {
        let a = PostalAddress {
            building: "  Résidence  Les Pins ".into(),
            ..address("12 RUE DES LILAS", "69003", "LYON")
        };
        assert_eq!(
            a.lines("Mme Anne MARTIN"),
            vec!["Mme Anne MARTIN", "Résidence Les Pins", "12 RUE DES LILAS", "69003 LYON"]
        );
        assert!(a.problems("Mme Anne MARTIN").is_empty());
    }

    #[test]
    fn problems_name_the_broken_rule() {
        let cases: [(PostalAddress, &str, &str); 6] = [
            (address("12 RUE DES LILAS", "6903", "LYON"), "M. X", "il faut 5 chiffres"),
            (address("12 RUE DES LILAS", "69003", "Lyon"), "M. X", "capitales sans accents"),
            (address("12, RUE DES LILAS", "69003", "LYON"), "M. X", "pas de ponctuation"),
            (address("", "69003", "LYON"), "M. X", "il manque la voie"),
            (address("12 RUE DES LILAS", "69003", "LYON"), "", "pas de nom"),
            (address("12 RUE DU GENERAL DE GAULLE PROLONGEE BATIMENT", "69003", "LYON"), "M. X", "ligne 2 trop longue"),
        ];
        for (a, name, fragment) in cases {
            let problems = a.problems(name);
            assert!(problems.iter().any(|p| p.message.contains(fragment)), "{fragment}: {problems:?}");
        }
    }

    #[test]
    fn accents_are_removed_in_capitals() {
        assert_eq!(upper_without_accents("Saint-Étienne"), "SAINT-ETIENNE");
        assert_eq!(upper_without_accents("Cœuvres-et-Valsery"), "COEUVRES-ET-VALSERY");
    }
}
