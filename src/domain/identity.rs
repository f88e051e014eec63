//! Checks of the identifiers a user types: SIREN and SIRET (Luhn), French VAT numbers, IBAN (ISO 13616),
//! BIC, e-mail, telephone.
//!
//! Each check returns the identifier in its canonical form (spaces removed, capitals) or a French message
//! that says what is wrong, so forms can show it next to the field.

/// A company identifier as written on French invoices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyNumber {
    /// 9 digits: the company (SIREN).
    Siren,
    /// 14 digits: one establishment (SIRET = SIREN + NIC).
    Siret,
}

/// La Poste's SIREN: its establishments are too many for the Luhn key, so INSEE gives their SIRETs a
/// digit sum divisible by 5 instead — all but the head office, whose SIRET keeps the Luhn key.
const LA_POSTE_SIREN: &str = "356000000";
const LA_POSTE_HEAD_OFFICE: &str = "35600000000048";

/// Checks a SIREN (9 digits) or SIRET (14 digits), spaces allowed, and returns the digits alone.
pub fn check_siren_or_siret(text: &str) -> Result<(String, CompanyNumber), String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "« {} » contient autre chose que des chiffres : un SIREN a 9 chiffres, un SIRET 14.",
            text.trim()
        ));
    }
    let kind = match digits.len() {
        9 => CompanyNumber::Siren,
        14 => CompanyNumber::Siret,
        n => return Err(format!("« {} » a {n} chiffres : un SIREN en a 9, un SIRET 14.", text.trim())),
    };
    let valid = if kind == CompanyNumber::Siret && digits.starts_with(LA_POSTE_SIREN) && digits != LA_POSTE_HEAD_OFFICE
    {
        digits.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0
    } else {
        // A SIRET carries two keys: its SIREN's and its own.
        luhn_valid(&digits[..9]) && luhn_valid(&digits)
    };
    if !valid {
        let name = if kind == CompanyNumber::Siren { "SIREN" } else { "SIRET" };
        return Err(format!(
            "{name} « {} » invalide : la clé de contrôle ne correspond pas. Vérifiez les chiffres.",
            text.trim()
        ));
    }
    Ok((digits, kind))
}

/// The SIREN inside a French intra-community VAT number ("FR" + a two-digit key + the SIREN), when the
/// number is well formed: the key is (12 + 3 × (SIREN mod 97)) mod 97 and the SIREN's own key is right.
pub fn siren_of_vat_number(text: &str) -> Option<String> {
    check_vat_number(text).ok().flatten()
}

/// The Luhn check used by INSEE for SIREN and SIRET keys.
fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(index, byte)| {
            let digit = u32::from(byte - b'0');
            if index % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Checks an IBAN (country format and mod-97 key) and returns it in groups of four, as printed on letters.
pub fn check_iban(text: &str) -> Result<String, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    match compact.parse::<iban::Iban>() {
        Ok(parsed) => Ok(parsed.to_string()),
        Err(_) => Err(format!(
            "IBAN « {} » invalide : la longueur ou la clé de contrôle ne correspond pas. Recopiez-le depuis votre RIB.",
            text.trim()
        )),
    }
}

/// Checks the shape of a BIC (8 or 11 characters: bank, country, location, optional branch).
pub fn check_bic(text: &str) -> Result<String, String> {
    let bic: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let shape_ok = bic.is_ascii()
        && (bic.len() == 8 || bic.len() == 11)
        && bic[..6].chars().all(|c| c.is_ascii_alphabetic())
        && bic[6..].chars().all(|c| c.is_ascii_alphanumeric());
    if shape_ok {
        Ok(bic)
    } else {
        Err(format!("BIC « {} » invalide : il compte 8 ou 11 caractères, dont 6 lettres au début.", text.trim()))
    }
}

/// A light e-mail check: one `@`, something before it, a dot in the domain, no spaces.
pub fn check_email(text: &str) -> Result<String, String> {
    let email = text.trim();
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(email.to_string())
    } else {
        Err(format!("adresse e-mail « {email} » invalide (exemple : nom@domaine.fr)."))
    }
}

/// Checks a telephone number as French files write it (« 04 78 12 34 56 », « 04.78.12.34.56 »,
/// « +33 4 78 12 34 56 », an international « +44 20 7946 0958 ») and returns it: a French number as
/// « 04 78 12 34 56 », another as written. Nine digits are a French number whose leading zero a
/// spreadsheet dropped (a number cell).
pub fn check_phone(text: &str) -> Result<String, String> {
    let written = text.trim();
    let compact: String =
        written.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '.' | '-' | '/' | '(' | ')')).collect();
    let (international, digits) = match compact.strip_prefix('+').or_else(|| compact.strip_prefix("00")) {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    let invalid = || {
        Err(format!(
            "numéro de téléphone « {written} » invalide : il faut 10 chiffres (04 78 12 34 56) ou un numéro \
             international (+33 4 78 12 34 56)."
        ))
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return invalid();
    }
    let french = match (international, digits.len()) {
        (true, 11) if digits.starts_with("33") && !digits[2..].starts_with('0') => format!("0{}", &digits[2..]),
        // « +33 (0)4 78 12 34 56 »: the national zero kept in brackets.
        (true, 12) if digits.starts_with("330") => digits[2..].to_string(),
        (true, 8..=15) => return Ok(written.to_string()),
        (false, 10) if digits.starts_with('0') && !digits.starts_with("00") => digits.to_string(),
        (false, 9) if !digits.starts_with('0') => format!("0{digits}"),
        _ => return invalid(),
    };
    let pairs: Vec<&str> = (0..5).map(|i| &french[i * 2..i * 2 + 2]).collect();
    Ok(pairs.join(" "))
}

/// Checks a VAT number. A French one (« FR 40 303 265 045 ») must carry the key of its SIREN, which is
/// returned; another country's number is accepted as written, without a SIREN (None).
pub fn check_vat_number(text: &str) -> Result<Option<String>, String> {
    let compact: String =
        text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '.' | '-')).collect::<String>().to_uppercase();
    let Some(rest) = compact.strip_prefix("FR") else {
        // Characters, not bytes: « DŒTE » (found by the `csv` fuzz target) has no byte boundary after « DŒ ».
        let looks_like_vat = compact.chars().count() >= 4 && compact.chars().take(2).all(|c| c.is_ascii_alphabetic());
        return if looks_like_vat {
            Ok(None)
        } else {
            Err(format!("numéro de TVA « {} » invalide : il commence par le code du pays (FR...).", text.trim()))
        };
    };
    let invalid = || {
        Err(format!(
            "numéro de TVA « {} » invalide : FR, une clé de 2 chiffres et le SIREN (9 chiffres) attendus.",
            text.trim()
        ))
    };
    if rest.len() != 11 || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return invalid();
    }
    let (key, siren) = rest.split_at(2);
    // Both parts are ASCII digits of bounded length: they parse.
    let siren_number: u64 = siren.parse().unwrap_or_default();
    let expected = (12 + 3 * (siren_number % 97)) % 97;
    if key.parse::<u64>().ok() != Some(expected) || !luhn_valid(siren) {
        return Err(format!(
            "numéro de TVA « {} » invalide : la clé ne correspond pas au SIREN. Vérifiez les chiffres.",
            text.trim()
        ));
    }
    Ok(Some(siren.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telephone_numbers_as_french_files_write_them() {
        let cases = [
            ("04 78 12 34 56", Ok("04 78 12 34 56")),
            ("04.78.12.34.56", Ok("04 78 12 34 56")),
            ("+33 (0)4 78 12 34 56", Ok("04 78 12 34 56")),
            ("+33 4 78 12 34 56", Ok("04 78 12 34 56")),
            ("612345678", Ok("06 12 34 56 78")),
            ("+44 20 7946 0958", Ok("+44 20 7946 0958")),
            ("04 78 12 34", Err(())),
            ("appeler le soir", Err(())),
        ];
        for (text, expected) in cases {
            assert_eq!(check_phone(text).map_err(|_| ()), expected.map(String::from), "{text}");
        }
        assert_eq!(
            check_phone("04 78 12 34").unwrap_err(),
            "numéro de téléphone « 04 78 12 34 » invalide : il faut 10 chiffres (04 78 12 34 56) ou un numéro \
             international (+33 4 78 12 34 56)."
        );
    }

    #[test]
    fn a_french_vat_number_gives_its_siren() {
        assert_eq!(check_vat_number("FR 40 303 265 045"), Ok(Some("303265045".to_string())));
        assert_eq!(check_vat_number("BE0123456749"), Ok(None));
        assert!(check_vat_number("FR 41 303 265 045").unwrap_err().contains("la clé ne correspond pas"));
        assert!(check_vat_number("303265045").is_err());
    }

    /// Found by the `csv` fuzz target: a VAT cell « DŒTE » was sliced at a byte inside « Œ » and panicked.
    #[test]
    fn fuzz_a_vat_number_starting_with_a_letter_beyond_ascii_is_refused_not_sliced() {
        assert!(check_vat_number("DŒTE").unwrap_err().contains("« DŒTE » invalide"));
        assert!(check_vat_number("ŒŒ1234").is_err());
        assert_eq!(
            check_vat_number("ÉTAT"),
            Err("numéro de TVA « ÉTAT » invalide : il commence par le code du pays (FR...).".to_string())
        );
    }

    #[test]
    fn the_siren_inside_a_french_vat_number() {
        let cases = [
            ("FR27552032534", Some("552032534")),
            ("fr 27 552 032 534", Some("552032534")),
            ("FR28552032534", None),
            ("FR11123456782", Some("123456782")),
            ("DE123456789", None),
            ("FRXX552032534", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(siren_of_vat_number(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn siren_and_siret_checks() {
        assert_eq!(check_siren_or_siret("552 032 534").unwrap(), ("552032534".into(), CompanyNumber::Siren));
        assert_eq!(check_siren_or_siret("73282932000074").unwrap().1, CompanyNumber::Siret);
        // La Poste: its head office keeps the Luhn key, its other establishments sum to a multiple of 5.
        assert_eq!(check_siren_or_siret("356 000 000 00048").unwrap().1, CompanyNumber::Siret);
        assert_eq!(check_siren_or_siret("356 000 000 00042").unwrap().1, CompanyNumber::Siret);
        assert!(check_siren_or_siret("35600000000043").is_err());
        // Regression: a SIRET whose own key is right but whose SIREN part is wrong was accepted.
        assert!(check_siren_or_siret("10000000000008").unwrap_err().contains("clé de contrôle"));
        for (input, fragment) in [
            ("552032535", "clé de contrôle"),
            ("73282932000075", "clé de contrôle"),
            ("12345", "5 chiffres"),
            ("55203253A", "autre chose que des chiffres"),
        ] {
            let message = check_siren_or_siret(input).unwrap_err();
            assert!(message.contains(fragment), "{input}: {message}");
        }
    }

    #[test]
    fn iban_check_accepts_valid_and_groups_by_four() {
        assert_eq!(check_iban("fr7630006000011234567890189").unwrap(), "FR76 3000 6000 0112 3456 7890 189");
        assert!(check_iban("FR7630006000011234567890188").unwrap_err().contains("clé"));
        assert!(check_iban("FR76300060").is_err());
    }

    #[test]
    fn bic_and_email_checks() {
        assert_eq!(check_bic("agri fr pp").unwrap(), "AGRIFRPP");
        assert_eq!(check_bic("BNPAFRPPXXX").unwrap(), "BNPAFRPPXXX");
        assert!(check_bic("BNP").is_err());
        // Regression: a non-ASCII letter made the check cut a character in two and panic.
        assert!(check_bic("ABCDEÉF").is_err());
        assert!(check_email("jean.dupont@exemple.fr").is_ok());
        for bad in ["jean", "jean@", "@exemple.fr", "jean@exemple", "je an@exemple.fr", "a@b@c.fr"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
