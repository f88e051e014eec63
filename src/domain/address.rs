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

/// One broken rule, with the form field it concerns ("name", "address", "postcode", "town"), the line
/// (1-based, as printed) and a French explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddressProblem {
    pub field: &'static str,
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

    /// The printed lines, name first, with empty lines dropped and spaces folded. The postcode-and-town
    /// line and the country are written in capitals without accents, as NF Z10-011 wants them, and the
    /// street and lieu-dit lines without punctuation: that is mechanical, so « Lyon » as a spreadsheet has
    /// it prints « 69003 LYON », and « 12, rue de la Paix » as most people type it « 12 rue de la Paix »,
    /// rather than being refused.
    pub fn lines(&self, name_line: &str) -> Vec<String> {
        let last = upper_without_accents(&format!("{} {}", self.postcode.trim(), self.town.trim()));
        let (street, locality) = (without_punctuation(&self.street), without_punctuation(&self.locality));
        let mut lines: Vec<String> = [name_line, &self.complement, &self.building, &street, &locality, &last]
            .iter()
            .map(|line| fold_spaces(line))
            .filter(|line| !line.is_empty())
            .collect();
        if !self.is_domestic() {
            lines.push(upper_without_accents(&fold_spaces(&self.country)));
        }
        lines
    }

    /// Every NF Z10-011 rule the address breaks that cannot be mended in composing its lines (the
    /// capitals of the last lines are: see [`PostalAddress::lines`]), empty when it can be printed.
    pub fn problems(&self, name_line: &str) -> Vec<AddressProblem> {
        let mut problems = Vec::new();
        let lines = self.lines(name_line);
        let max_lines = if self.is_domestic() { MAX_LINES } else { MAX_LINES + 1 };
        if fold_spaces(name_line).is_empty() {
            problems.push(problem("name", Some(1), "le destinataire n'a pas de nom.".into()));
        }
        if self.street.trim().is_empty() && self.locality.trim().is_empty() {
            let message = "il manque la voie (numéro et rue) ou le lieu-dit / la boîte postale.";
            problems.push(problem("address", None, message.into()));
        }
        if lines.len() > max_lines {
            let message = format!("{} lignes : la norme en autorise {max_lines} au plus.", lines.len());
            problems.push(problem("address", None, message));
        }
        self.check_lines(&lines, 0, &mut problems);
        self.check_postcode_and_town(&mut problems);
        problems
    }

    /// The rules a form must meet before an address is saved: a postcode and a town, and lines 2 to 6
    /// within 38 characters. The name line, capitals and punctuation wait until a letter is printed
    /// ([`PostalAddress::problems`]): a long company name is still a valid client. Nothing for a blank
    /// address, which a client may not have yet.
    pub fn entry_problems(&self, name_line: &str) -> Vec<AddressProblem> {
        let mut problems = Vec::new();
        if !self.is_blank() {
            self.check_postcode_and_town(&mut problems);
            self.check_lines(&self.lines(name_line), 1, &mut problems);
        }
        problems
    }

    /// Lines from `first` (0-based) longer than 38 characters.
    fn check_lines(&self, lines: &[String], first: usize, problems: &mut Vec<AddressProblem>) {
        for (index, line) in lines.iter().enumerate().skip(first) {
            let count = line.chars().count();
            if count > MAX_LINE_CHARS {
                let field = if index == 0 { "name" } else { "address" };
                let message = format!(
                    "ligne {} trop longue ({count} caractères, {MAX_LINE_CHARS} au plus) : « {line} ».",
                    index + 1
                );
                problems.push(problem(field, Some(index + 1), message));
            }
        }
    }

    fn check_postcode_and_town(&self, problems: &mut Vec<AddressProblem>) {
        let postcode = self.postcode.trim();
        if self.is_domestic() && (postcode.len() != 5 || !postcode.chars().all(|c| c.is_ascii_digit())) {
            problems.push(problem("postcode", None, format!("code postal « {postcode} » : il faut 5 chiffres.")));
        }
        if self.town.trim().is_empty() {
            problems.push(problem("town", None, "il manque la ville.".into()));
        }
    }
}

fn problem(field: &'static str, line: Option<usize>, message: String) -> AddressProblem {
    AddressProblem { field, line, message }
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

/// A street or lieu-dit line as NF Z10-011 wants it from line 4 on, without punctuation: « 12, rue de la
/// Paix » → « 12 rue de la Paix », « B.P. 123 » → « BP 123 », « 3 AV.FOCH » → « 3 AV FOCH ». Commas,
/// semicolons and colons part words; a full stop parts them when nothing else does, except after an initial.
fn without_punctuation(text: &str) -> String {
    let mut mended = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ',' | ';' | ':' => mended.push(' '),
            // « B.P. », « Z.I. »: the dots of initials join their letters.
            '.' if chars.peek().is_some_and(|next| next.is_alphanumeric()) && !after_an_initial(&mended) => {
                mended.push(' ')
            }
            '.' => {}
            other => mended.push(other),
        }
    }
    mended
}

/// True when `text` ends on a word of one letter.
fn after_an_initial(text: &str) -> bool {
    let mut letters = text.chars().rev().take_while(|c| c.is_alphabetic());
    letters.next().is_some() && letters.next().is_none()
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
        let cases: [(PostalAddress, &str, &str); 4] = [
            (address("12 RUE DES LILAS", "6903", "LYON"), "M. X", "il faut 5 chiffres"),
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
    fn a_form_meets_only_the_entry_rules_and_each_names_its_field() {
        assert!(PostalAddress::default().entry_problems("M. X").is_empty(), "a blank address can be saved");
        let long_name = "Société civile immobilière Les Jardins du Parc";
        let lowercase = address("12, rue des Lilas", "69003", "Lyon");
        assert!(lowercase.entry_problems(long_name).is_empty(), "print-time rules must not block saving");
        assert_eq!(lowercase.problems(long_name).len(), 1, "the name line at print time");
        let fields: Vec<&str> =
            address("12 RUE DES LILAS", "6903", "").entry_problems("M. X").iter().map(|p| p.field).collect();
        assert_eq!(fields, ["postcode", "town"]);
    }

    /// A town written « Lyon », as every spreadsheet has it, refused every letter to its client at print
    /// time; the last lines are put in capitals without accents when composed, and nothing is refused.
    #[test]
    fn the_town_and_country_lines_are_written_in_capitals_when_composed() {
        let lyon = address("12 RUE DES LILAS", "69003", " Lyon ");
        assert_eq!(lyon.lines("M. X"), ["M. X", "12 RUE DES LILAS", "69003 LYON"]);
        assert!(lyon.problems("M. X").is_empty(), "{:?}", lyon.problems("M. X"));
        let abroad = PostalAddress { country: "Sénégal".into(), ..address("RUE 10", "12500", "Dakar") };
        assert_eq!(abroad.lines("M. X").last().map(String::as_str), Some("SENEGAL"));
        assert_eq!(address("1 RUE X", "42000", "Saint-Étienne").lines("")[1], "42000 SAINT-ETIENNE");
    }

    /// Regression: « 12, rue de la Paix », as most people type it (and spreadsheets hold it), refused every
    /// letter to its client at print time (« pas de ponctuation à partir de la ligne 4 ») with no way to mend
    /// it from the command line. The punctuation is dropped when the lines are composed.
    #[test]
    fn the_street_and_lieu_dit_lines_are_written_without_punctuation() {
        let cases = [
            ("12, rue de la Paix", "12 rue de la Paix"),
            ("ZA de Cantinolle, 12 avenue de Soulac", "ZA de Cantinolle 12 avenue de Soulac"),
            ("3 av.Foch", "3 av Foch"),
            ("3 AV.FOCH", "3 AV FOCH"),
            ("Z.I. des Vignes", "ZI des Vignes"),
            ("4 bd. Haussmann", "4 bd Haussmann"),
            ("10 rue St. Jean ; bât. B", "10 rue St Jean bât B"),
            ("7 RUE DE L'ÉGLISE", "7 RUE DE L'ÉGLISE"),
        ];
        for (typed, printed) in cases {
            let a = address(typed, "75002", "Paris");
            assert_eq!(a.lines("M. X")[1], printed, "{typed}");
            assert!(a.problems("M. X").is_empty(), "{typed}: {:?}", a.problems("M. X"));
        }
        let post_box = PostalAddress { locality: "B.P. 123".into(), ..address("", "75002", "Paris") };
        assert_eq!(post_box.lines("M. X"), ["M. X", "BP 123", "75002 PARIS"]);
        assert!(post_box.problems("M. X").is_empty(), "{:?}", post_box.problems("M. X"));
    }

    #[test]
    fn accents_are_removed_in_capitals() {
        assert_eq!(upper_without_accents("Saint-Étienne"), "SAINT-ETIENNE");
        assert_eq!(upper_without_accents("Cœuvres-et-Valsery"), "COEUVRES-ET-VALSERY");
    }
}
