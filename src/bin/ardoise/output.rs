//! Small helpers every command family prints with: JSON on request (the one place the command line
//! writes JSON, so that no amount is ever printed as a negative zero), a column cut to its width.

use serde::Serialize;
use std::io::Write;

/// Writes `value` as pretty JSON followed by a new line. Amounts are decimal strings; one computed as a
/// negative zero (« -0.00 », a credit note wholly used) is written « 0.00 »: nobody owes minus nothing.
pub fn json(out: &mut impl Write, value: &impl Serialize) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    writeln!(out, "{}", without_negative_zeros(&text))?;
    Ok(())
}

/// `text` (JSON) with every string that is a negative zero decimal (« "-0" », « "-0.00" ») written
/// without its sign. Strings are found by walking the JSON's tokens, so an escaped quote inside a longer
/// string is never mistaken for the start of one.
fn without_negative_zeros(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        result.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        let end = string_end(after);
        let content = &after[..end];
        if is_negative_zero(content) {
            result.push_str(&content[1..]);
        } else {
            result.push_str(content);
        }
        rest = &after[end..];
        // The closing quote, if the text has one.
        if let Some(quote) = rest.strip_prefix('"') {
            result.push('"');
            rest = quote;
        }
    }
    result.push_str(rest);
    result
}

/// The byte offset of the quote closing a JSON string whose content starts `text`.
fn string_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            b'"' => return index,
            _ => index += 1,
        }
    }
    bytes.len()
}

fn is_negative_zero(content: &str) -> bool {
    let Some(unsigned) = content.strip_prefix('-') else { return false };
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    !integer.is_empty() && integer.bytes().all(|b| b == b'0') && fraction.bytes().all(|b| b == b'0')
}

/// `text` cut to `width` characters, an ellipsis marking the cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width - 1).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_zero_amounts_lose_their_sign_and_nothing_else_changes() {
        // (JSON written by serde, as printed)
        let cases = [
            (r#"{"remaining": "-0.00"}"#, r#"{"remaining": "0.00"}"#),
            (r#"["-0", "-0.0", "-00.000"]"#, r#"["0", "0.0", "00.000"]"#),
            (
                r#"{"a": "-0.01", "b": "-10.00", "c": "-0.", "d": "-"}"#,
                r#"{"a": "-0.01", "b": "-10.00", "c": "0.", "d": "-"}"#,
            ),
            (r#"{"name": "Cité \"-0.00\" SARL", "n": -0}"#, r#"{"name": "Cité \"-0.00\" SARL", "n": -0}"#),
            (r#"{"x\\": "-0.00"}"#, r#"{"x\\": "0.00"}"#),
        ];
        for (written, expected) in cases {
            assert_eq!(without_negative_zeros(written), expected, "{written}");
        }
    }
}
