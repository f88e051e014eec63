//! Exact amounts of money: parsing what people type, French display, and integer cents for storage.
//!
//! Every amount in Ardoise is a `rust_decimal::Decimal` in euros with at most two decimals. The ledger
//! stores cents as integers so that SQL sums stay exact; this module converts both ways.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The largest amount accepted anywhere: a billion euros, far above any sole trader's invoice.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// Why a typed amount was refused, in words a user understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("montant vide")]
    Empty,
    #[error("montant illisible « {0} »")]
    Unreadable(String),
    #[error("montant avec plus de deux décimales « {0} »")]
    TooPrecise(String),
    #[error("montant trop grand « {0} »")]
    TooLarge(String),
}

/// Reads an amount as people write it: "1 234,56 €", "1.234,56", "1234.56", "-12,00", "(12,00)",
/// "(12,00 €)", "12 €", "EUR 300,00", "120,00-".
///
/// A single separator followed by exactly three digits ("1.234", "1,234") is ambiguous; like French
/// spreadsheets we read a comma as the decimal mark and a dot followed by three digits as thousands.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let original = text.trim();
    if original.is_empty() {
        return Err(AmountError::Empty);
    }
    match plain_amount(original) {
        Some(value) => Ok(value),
        None => parse_written_amount(original),
    }
}

/// The common form read without building a string: digits, spaces between them, at most one decimal
/// comma or point followed by one or two digits, an optional final euro sign ("1 234,56 €", "12.5").
/// None for anything else, which [`parse_written_amount`] reads (an import reads two amounts a row, and
/// the strings it built were a sixth of its reading). Gives exactly what that reading gives: a test
/// holds it to it on every string of its characters up to a length.
fn plain_amount(original: &str) -> Option<Decimal> {
    let body = original.strip_suffix('€').unwrap_or(original);
    let (mut mantissa, mut whole_digits, mut decimals, mut mark) = (0_i64, 0_u32, 0_u32, false);
    for character in body.chars() {
        match character {
            '0'..='9' if whole_digits + decimals < 15 => {
                mantissa = mantissa * 10 + i64::from(character as u8 - b'0');
                if mark {
                    decimals += 1;
                } else {
                    whole_digits += 1;
                }
            }
            _ if groups_digits(character) => {}
            ',' | '.' if !mark => mark = true,
            _ => return None,
        }
    }
    let value = Decimal::new(mantissa, decimals);
    let plain = whole_digits > 0 && (!mark || (1..=2).contains(&decimals)) && value <= MAX_AMOUNT;
    plain.then_some(value)
}

/// The spaces (plain, no-break, narrow, thin) and the apostrophe that people put between groups of
/// digits, which reading an amount skips.
fn groups_digits(character: char) -> bool {
    matches!(character, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

/// Reads an amount in any of the forms [`parse_amount`] accepts, without its quick path; `original` is
/// trimmed and not empty. Public for the `amount` fuzz target, which holds the quick path to it.
pub fn parse_written_amount(original: &str) -> Result<Decimal, AmountError> {
    let unreadable = || AmountError::Unreadable(original.to_string());
    let mut body: String = original.chars().filter(|c| !groups_digits(*c)).collect();
    let strip_currency = |body: &mut String| {
        for suffix in ["€", "EUR", "eur", "Eur"] {
            if let Some(rest) = body.strip_suffix(suffix) {
                *body = rest.to_string();
                break;
            }
        }
        // Bank exports and accounting tools also put the currency first: "€12.50", "EUR 300,00".
        for prefix in ["€", "EUR", "eur", "Eur"] {
            if let Some(rest) = body.strip_prefix(prefix) {
                *body = rest.to_string();
                break;
            }
        }
    };
    strip_currency(&mut body);
    let mut negative = false;
    if body.starts_with('(') && body.ends_with(')') && body.len() > 2 {
        negative = true;
        body = body[1..body.len() - 1].to_string();
        // Accounting formats put the currency inside the parentheses: "(1 234,56 €)".
        strip_currency(&mut body);
    }
    if let Some(rest) = body.strip_prefix('-').or_else(|| body.strip_prefix('\u{2212}')) {
        negative = !negative;
        body = rest.to_string();
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest.to_string();
    } else if let Some(rest) = body.strip_suffix('-').or_else(|| body.strip_suffix('\u{2212}')) {
        // The trailing sign of accounting and mainframe exports: "120,00-" (and "120,00 - €", the
        // currency already stripped).
        negative = !negative;
        body = rest.to_string();
        strip_currency(&mut body);
    } else if let Some(rest) = body.strip_suffix('+') {
        body = rest.to_string();
        strip_currency(&mut body);
    }
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return Err(unreadable());
    }
    let normalised = normalise_separators(&body).ok_or_else(unreadable)?;
    let mut value = Decimal::from_str(&normalised).map_err(|_| unreadable())?;
    if value.scale() > 2 {
        let trimmed = value.normalize();
        if trimmed.scale() > 2 {
            return Err(AmountError::TooPrecise(original.to_string()));
        }
        value = trimmed;
    }
    if value > MAX_AMOUNT {
        return Err(AmountError::TooLarge(original.to_string()));
    }
    if negative {
        value = -value;
    }
    Ok(round_cents(value))
}

/// Turns digits with `,` and `.` into a plain "1234.56" string, or None when the separators make no sense.
fn normalise_separators(body: &str) -> Option<String> {
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let decimal_mark = match (commas, dots) {
        (0, 0) => None,
        (1, 0) => Some(','),
        (0, 1) => {
            // "1.234" is a thousands group in French writing; "1.23", "1234.5" or "0.500" is a decimal point.
            let at = body.find('.')?;
            let after = body.len() - at - 1;
            if after == 3 && at > 0 && at <= 3 && !body.starts_with('0') {
                None
            } else {
                Some('.')
            }
        }
        (0, _) => None, // "1.234.567": dots group thousands
        (_, 0) => None, // "1,234,567": commas group thousands
        _ => {
            // Both present: the last one is the decimal mark.
            if body.rfind(',')? > body.rfind('.')? {
                Some(',')
            } else {
                Some('.')
            }
        }
    };
    let (integer, fraction) = match decimal_mark {
        Some(mark) => {
            let at = body.rfind(mark)?;
            (&body[..at], Some(&body[at + 1..]))
        }
        None => (body, None),
    };
    let grouping = match decimal_mark {
        Some(',') => '.',
        Some(_) => ',',
        None if commas > 0 => ',',
        None => '.',
    };
    // Thousands groups must be three digits each.
    let groups: Vec<&str> = integer.split(grouping).collect();
    if groups.len() > 1 && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let digits: String = groups.concat();
    if digits.is_empty() || digits.contains([',', '.']) {
        return None;
    }
    match fraction {
        Some(f) if f.is_empty() || f.contains([',', '.']) => None,
        Some(f) => Some(format!("{digits}.{f}")),
        None => Some(digits),
    }
}

/// Rounds half away from zero to the cent, the rounding used on French invoices.
pub fn round_cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// An amount as it is shown and carried in JSON: rounded to the cent, with two decimals whatever the scale
/// of its computation (a sum of nothing, `Decimal::ZERO`, would read « 0 »), never « -0.00 ». Every
/// amount a view hands out goes through it.
pub fn cents(amount: Decimal) -> Decimal {
    let mut amount = round_cents(amount);
    if amount.is_zero() {
        return Decimal::new(0, 2);
    }
    amount.rescale(2);
    amount
}

/// Converts an amount to integer cents for storage. The amount must already have at most 2 decimals.
pub fn to_cents(value: Decimal) -> i64 {
    (round_cents(value) * Decimal::ONE_HUNDRED).to_i64().expect("amounts are bounded by MAX_AMOUNT")
}

/// Converts stored integer cents back to euros.
pub fn from_cents(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// What joins groups of three digits: a no-break space (U+00A0). French typography prefers the narrow one
/// (U+202F), but Liberation Sans — the window's text font on Linux and the letters' PDF font — has no such
/// glyph: WebKit then searched the system's fonts for it (7 ms at each new size of text, on the first
/// screen) and drew a wider space borrowed from another font, and mail readers' fonts often lack it too.
pub const GROUP_SEPARATOR: char = '\u{a0}';

/// French display: "1 234,56 €", "-12,00 €". Groups and the euro sign are held by no-break spaces
/// (`GROUP_SEPARATOR`); `format_eur_ascii` gives plain spaces.
pub fn format_eur(value: Decimal) -> String {
    format!("{}\u{a0}€", format_number(value, GROUP_SEPARATOR))
}

/// The same display with ordinary spaces, for terminals and PDF fonts that lack no-break spaces.
pub fn format_eur_ascii(value: Decimal) -> String {
    format!("{} €", format_number(value, ' '))
}

/// "1 234,56" with the given thousands separator and a decimal comma, always two decimals.
pub fn format_number(value: Decimal, group: char) -> String {
    let rounded = round_cents(value);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    format!("{}{},{fraction}", if negative { "-" } else { "" }, group_digits(integer, group))
}

/// A count as French writes it: "8 388 592", groups of three digits joined by `GROUP_SEPARATOR`.
pub fn format_count(count: usize) -> String {
    group_digits(&count.to_string(), GROUP_SEPARATOR)
}

/// Digits in groups of three from the right, joined by `group`.
fn group_digits(digits: &str, group: char) -> String {
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn counts_are_grouped_by_three() {
        for (count, written) in [(0, "0"), (999, "999"), (1_000, "1\u{a0}000"), (8_388_592, "8\u{a0}388\u{a0}592")] {
            assert_eq!(format_count(count), written);
        }
    }

    /// Every string of these characters up to six long (and long runs of digits) reads the same through
    /// the quick path as through the general reading.
    #[test]
    fn plain_amounts_read_as_the_general_reading_reads_them() {
        let alphabet = ['0', '1', '9', ' ', ',', '.', '€', '\u{a0}', '-', 'E'];
        let mut texts: Vec<String> = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..6 {
            texts = texts.iter().flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}"))).collect();
            all.extend(texts.iter().cloned());
        }
        all.extend(
            ["999999999,99", "1000000000", "1000000000,01", "123456789012345", "1234567890123456,5"].map(String::from),
        );
        let mut plain = 0;
        for text in &all {
            let Some(quick) = plain_amount(text.trim()) else { continue };
            plain += 1;
            let general = parse_written_amount(text.trim()).unwrap_or_else(|error| panic!("« {text} » : {error}"));
            assert_eq!((quick, quick.scale()), (general, general.scale()), "« {text} »");
        }
        assert!(plain > 10_000, "{plain}");
    }

    #[test]
    fn parse_accepts_the_forms_people_write() {
        let cases = [
            ("1 234,56 €", "1234.56"),
            ("1\u{a0}234,56\u{a0}€", "1234.56"),
            ("1\u{202f}234,56", "1234.56"),
            ("1.234,56", "1234.56"),
            ("1,234.56", "1234.56"),
            ("1234.56", "1234.56"),
            ("1234,5", "1234.5"),
            ("-12,00", "-12.00"),
            ("(12,00)", "-12.00"),
            ("12 €", "12"),
            ("€12.50", "12.50"),
            ("1.234", "1234"),
            ("1.234.567,89", "1234567.89"),
            ("0,10 EUR", "0.10"),
            ("12,300", "12.3"),
            // Regression: "0.500" was read as five hundred (a leading zero cannot start a thousands group).
            ("0.500", "0.5"),
            ("-0.250", "-0.25"),
            // Regression (property test): the accounting form with the currency inside the parentheses.
            ("(1 234,56 €)", "-1234.56"),
            ("(0,10 EUR)", "-0.10"),
            // The currency first, as some banks and tools write it, and the trailing sign of accounting
            // exports.
            ("EUR 300,00", "300.00"),
            ("EUR -1 234,50", "-1234.50"),
            ("120,00-", "-120.00"),
            ("1 234,56 -", "-1234.56"),
            ("45,10+", "45.10"),
            ("12,00- €", "-12.00"),
            ("12,00 € -", "-12.00"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Ok(d(expected)), "input {input:?}");
        }
    }

    #[test]
    fn parse_refuses_what_is_not_an_amount() {
        let cases = [
            ("", AmountError::Empty),
            ("abc", AmountError::Unreadable("abc".into())),
            ("12,3,4", AmountError::Unreadable("12,3,4".into())),
            ("1.2.3", AmountError::Unreadable("1.2.3".into())),
            ("12,345", AmountError::TooPrecise("12,345".into())),
            ("1 000 000 001", AmountError::TooLarge("1 000 000 001".into())),
            ("--5", AmountError::Unreadable("--5".into())),
            ("-5-", AmountError::Unreadable("-5-".into())),
            ("EUR", AmountError::Unreadable("EUR".into())),
            (",", AmountError::Unreadable(",".into())),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn french_display_groups_thousands_and_uses_a_comma() {
        assert_eq!(format_eur_ascii(d("1234.56")), "1 234,56 €");
        assert_eq!(format_eur_ascii(d("-12")), "-12,00 €");
        assert_eq!(format_eur_ascii(d("0.005")), "0,01 €");
        assert_eq!(format_eur_ascii(d("1000000")), "1 000 000,00 €");
        assert_eq!(format_eur(d("999.9")), "999,90\u{a0}€");
        assert_eq!(format_eur(d("1234")), "1\u{a0}234,00\u{a0}€");
    }

    #[test]
    fn cents_round_trip() {
        for text in ["0", "0.01", "1234.56", "-99.99", "999999999.99"] {
            assert_eq!(from_cents(to_cents(d(text))), d(text));
        }
    }

    #[test]
    fn display_then_parse_gives_the_same_amount() {
        for text in ["0.01", "12", "1234.5", "-4567.89", "1000000"] {
            assert_eq!(parse_amount(&format_eur(d(text))), Ok(d(text)));
        }
    }
}
