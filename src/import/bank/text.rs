//! Small text helpers shared by the statement readers: whitespace, IBANs, payer names inside labels,
//! dates written as digits, and decoding with a declared character set.

use chrono::NaiveDate;

/// Every run of whitespace (line breaks of a multi-line CSV label included) as one space, trimmed.
pub(super) fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text, or None when it is empty once cleaned.
pub(super) fn non_empty(text: &str) -> Option<String> {
    let cleaned = clean(text);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// An IBAN compact and upper case when the text looks like one (two letters, two digits, letters and
/// digits up to 34 characters); None otherwise.
pub(super) fn iban(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let bytes = compact.as_bytes();
    let looks = (15..=34).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes.iter().all(u8::is_ascii_alphanumeric);
    looks.then_some(compact)
}

/// The payer named inside a French bank label, when the bank writes it with a marker: « /DE NOM /MOTIF »
/// (the SEPA transfer labels of several banks), « DE: NOM MOTIF: » (Société Générale), « VIR SEPA RECU
/// /DE NOM », « Payment from NOM » (Revolut, whose CSV has no payer column for a transfer received).
pub(super) fn payer_in_label(text: &str) -> Option<String> {
    // ASCII upper case keeps every byte offset, so offsets found in `upper` are valid in `text`.
    let upper = text.to_ascii_uppercase();
    for marker in ["/DE ", "DE: ", "DE : ", "PAYMENT FROM ", "TRANSFER FROM "] {
        if let Some(at) = upper.find(marker) {
            let rest = &text[at + marker.len()..];
            let upper_rest = &upper[at + marker.len()..];
            let end = [" /", " MOTIF", " REF", " ID:", " ID :", " REF:", " DATE:"]
                .iter()
                .filter_map(|stop| upper_rest.find(stop))
                .min()
                .unwrap_or(rest.len());
            let name = clean(&rest[..end]);
            if name.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                return Some(name);
            }
        }
    }
    None
}

/// A date written `YYYYMMDD` at the start of `text` (OFX: a time and a time zone may follow, and are
/// ignored: the day is the one the bank wrote).
pub(super) fn date_yyyymmdd(text: &str) -> Option<NaiveDate> {
    let digits = text.trim().get(..8)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = NaiveDate::parse_from_str(digits, "%Y%m%d").ok()?;
    plausible(date)
}

/// A date written `YYYY-MM-DD` at the start of `text` (CAMT `Dt`, or `DtTm` whose time is ignored).
pub(super) fn date_iso(text: &str) -> Option<NaiveDate> {
    let day = text.trim().get(..10)?;
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    plausible(date)
}

/// Dates outside these years are a broken file, as for the spreadsheet import.
pub(super) fn plausible(date: NaiveDate) -> Option<NaiveDate> {
    (1980..=2100).contains(&chrono::Datelike::year(&date)).then_some(date)
}

/// Decodes bytes as UTF-8 when they are, otherwise as Windows-1252 (a superset of ISO-8859-1 for every
/// printable character, which is what banks mean by « ISO-8859-1 » or « CHARSET:1252 »). A UTF-8 byte
/// order mark is dropped.
pub(super) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The line (from 1) of a byte offset.
pub(super) fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payers_are_found_after_the_usual_markers() {
        let cases = [
            ("VIR SEPA RECU /DE ATELIER DUVAL /MOTIF F2026-068 /REF X", Some("ATELIER DUVAL")),
            ("VIR RECU DE: DIGITAL CLASSIFIEDS FRANCE MOTIF: SALAIRE", Some("DIGITAL CLASSIFIEDS FRANCE")),
            ("Payment from Atelier Dupont SARL", Some("Atelier Dupont SARL")),
            ("PRLV SEPA EDF", None),
        ];
        for (label, expected) in cases {
            assert_eq!(payer_in_label(label).as_deref(), expected, "{label}");
        }
    }

    #[test]
    fn ibans_are_compacted_and_checked_for_shape() {
        assert_eq!(iban("fr76 3000 6000 0112 3456 7890 189").as_deref(), Some("FR7630006000011234567890189"));
        assert_eq!(iban("12345678901"), None);
    }
}
