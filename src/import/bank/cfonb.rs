//! CFONB 120, the French banks' « relevé de compte » on fixed-width records of 120 characters: 01 opening
//! balance, 04 movement, 05 complement of the movement above it (a qualifier such as `LIB`, `NPY`, `RCN`
//! and 70 characters of text), 07 closing balance. Dates are `DDMMYY`; an amount is 14 characters whose
//! last one carries both the sign and the last digit (`{` and `A`-`I` positive, `}` and `J`-`R` negative),
//! with the number of decimals given in its own field. Records may come without line breaks, as one block
//! of 120-character records. Positions below are those of the AFB/CFONB specification, counted from 1.

use super::text::{clean, decode, non_empty, plausible};
use super::StatementLine;
use super::{direction_of, empty_statement, Balance, BankError, LineProblem, LineStatus, Statement, StatementFormat};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The length of a record.
const RECORD: usize = 120;

/// One record as cut from the file, with the line it starts on (or its rank in a file without breaks).
struct Record {
    position: usize,
    chars: Vec<char>,
}

impl Record {
    /// The characters between two positions of the specification (from 1, both included), trimmed; blank
    /// past the record's end (trailing spaces are often trimmed by the software that saved the file).
    fn field(&self, from: usize, to: usize) -> String {
        let start = (from - 1).min(self.chars.len());
        let end = to.min(self.chars.len());
        self.chars[start..end].iter().collect::<String>().trim().to_string()
    }

    /// The same, untrimmed, padded with spaces past the record's end.
    fn raw(&self, from: usize, to: usize) -> String {
        (from - 1..to).map(|index| self.chars.get(index).copied().unwrap_or(' ')).collect()
    }

    fn code(&self) -> String {
        self.field(1, 2)
    }
}

/// Reads a CFONB 120 statement.
pub fn read(bytes: &[u8]) -> Result<Statement, BankError> {
    let text = decode(bytes);
    let records = cut_records(&text)?;
    let mut statement = empty_statement(StatementFormat::Cfonb120);
    for record in &records {
        // Codes first: an unknown one means this is not a statement at all.
        let code = record.code();
        if !matches!(code.as_str(), "01" | "04" | "05" | "07") {
            return Err(BankError::CfonbUnknownRecord { line: record.position, code });
        }
        // Every field up to the amount is mandatory; a record may only lose its trailing spaces.
        let needed = if code == "05" { 48 } else { 104 };
        if record.chars.len() < needed || record.chars.len() > RECORD {
            return Err(BankError::CfonbRecordLength { line: record.position, length: record.chars.len() });
        }
    }
    // Every 01 opens an account's statement that a 07 closes: a file cut between records loses its end
    // silently otherwise.
    let mut open: Option<usize> = None;
    for record in &records {
        match record.code().as_str() {
            "01" => open = Some(record.position),
            "07" => open = None,
            _ => {}
        }
    }
    if let Some(line) = open {
        return Err(BankError::CfonbWithoutClosing { line });
    }
    // The movement the next complements belong to; Err when it was refused (its complements go with it).
    let mut last_movement: Option<Result<usize, ()>> = None;
    // The account of the statement the 01 opened: each movement's own.
    let mut current_account = String::new();
    for record in &records {
        match record.code().as_str() {
            "01" | "07" => {
                last_movement = None;
                let account = format!("{} {} {}", record.field(3, 7), record.field(12, 16), record.field(22, 32));
                if !statement.accounts.contains(&account) {
                    statement.accounts.push(account.clone());
                }
                current_account = account;
                let balance = match (amount(record), date(&record.field(35, 40))) {
                    (Ok(amount), date) => Some(Balance { date, amount }),
                    (Err(problem), _) => {
                        statement.problems.push(problem);
                        None
                    }
                };
                if record.code() == "01" {
                    if statement.opening_balance.is_none() {
                        statement.opening_balance = balance;
                    }
                } else {
                    statement.closing_balance = balance;
                }
            }
            "04" => match movement(record) {
                Ok(line) => {
                    statement.lines.push(StatementLine { account: current_account.clone(), ..line });
                    last_movement = Some(Ok(statement.lines.len() - 1));
                }
                Err(problem) => {
                    statement.problems.push(problem);
                    last_movement = Some(Err(()));
                }
            },
            _ => match last_movement {
                Some(Ok(index)) => complete(&mut statement.lines[index], record),
                Some(Err(())) => {}
                None => statement.problems.push(LineProblem {
                    position: record.position,
                    field: Some("complément (05)".to_string()),
                    value: record.field(46, 118),
                    message: "complément sans opération 04 au-dessus : il est ignoré".to_string(),
                }),
            },
        }
    }
    Ok(statement)
}

/// Cuts the text into records: one per line, or 120-character blocks when the file has no line breaks.
fn cut_records(text: &str) -> Result<Vec<Record>, BankError> {
    let content = text.trim_end_matches(['\r', '\n', ' ', '\u{1a}']);
    let has_breaks = content.contains('\n') || content.contains('\r');
    let mut records = Vec::new();
    if has_breaks {
        for (index, line) in content.split('\n').enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                continue;
            }
            records.push(Record { position: index + 1, chars: line.chars().collect() });
        }
    } else {
        let chars: Vec<char> = content.chars().collect();
        for (index, block) in chars.chunks(RECORD).enumerate() {
            records.push(Record { position: index + 1, chars: block.to_vec() });
        }
        // The last block may have lost its trailing spaces; any other short block is a cut file.
        if let Some(last) = records.last() {
            if chars.len() > RECORD && last.chars.len() < RECORD && last.code() != "07" && last.code() != "05" {
                return Err(BankError::CfonbRecordLength { line: last.position, length: last.chars.len() });
            }
        }
    }
    Ok(records)
}

/// A movement record (04).
fn movement(record: &Record) -> Result<StatementLine, LineProblem> {
    let problem = |field: &str, value: String, message: String| LineProblem {
        position: record.position,
        field: Some(field.to_string()),
        value,
        message,
    };
    let booking = record.field(35, 40);
    let booking_date = date(&booking).ok_or_else(|| {
        problem("date d'opération", booking.clone(), format!("date illisible « {booking} » (attendue JJMMAA)"))
    })?;
    let value_date = date(&record.field(43, 48));
    let amount = amount(record)?;
    let currency = record.field(17, 19);
    if !currency.is_empty() && currency != "EUR" {
        return Err(problem(
            "devise",
            currency.clone(),
            format!("opération en « {currency} » : seules les opérations en euros sont lues"),
        ));
    }
    let rejected = !record.field(41, 42).is_empty();
    let reference = non_empty(&record.field(105, 120));
    Ok(StatementLine {
        position: record.position,
        booking_date,
        value_date,
        amount,
        direction: direction_of(amount),
        status: if rejected { LineStatus::Reversed } else { LineStatus::Booked },
        label: clean(&record.field(49, 79)),
        details: String::new(),
        reference,
        counterparty_name: None,
        counterparty_iban: None,
        bank_reference: None,
        account: String::new(),
        fingerprint: String::new(),
        payers: Vec::new(),
        method_hint: String::new(),
        bank_charges: Decimal::ZERO,
        unexplained_charges: Decimal::ZERO,
    })
}

/// Adds a complement record (05) to its movement: the payer's name (`NPY`) or the beneficiary's (`NBE`),
/// the payer's reference (`RCN`, `REF`), other texts to the details.
fn complement(record: &Record) -> (String, String) {
    (record.field(46, 48), clean(&record.field(49, 118)))
}

fn complete(line: &mut StatementLine, record: &Record) {
    let (qualifier, text) = complement(record);
    if text.is_empty() {
        return;
    }
    match qualifier.as_str() {
        "NPY" if line.amount.is_sign_positive() => line.counterparty_name = Some(text),
        "NBE" if line.amount.is_sign_negative() => line.counterparty_name = Some(text),
        // The payer's own reference says more than the bank's reference zone.
        "RCN" => line.reference = Some(text),
        "REF" if line.reference.is_none() => line.reference = Some(text),
        _ => {
            if !line.details.is_empty() {
                line.details.push(' ');
            }
            line.details.push_str(&text);
        }
    }
}

/// The amount of a 01, 04 or 07 record: positions 91-104, the decimals in position 20. LCL leaves the
/// currency and the decimals blank on its balance records (01, 07): blank there means 2, as for euros
/// (the OCA l10n-france CFONB importer reads them so).
fn amount(record: &Record) -> Result<Decimal, LineProblem> {
    let text = record.raw(91, 104);
    let problem = |message: String| LineProblem {
        position: record.position,
        field: Some("montant".to_string()),
        value: text.clone(),
        message,
    };
    let scale = record.field(20, 20);
    let balance = matches!(record.code().as_str(), "01" | "07");
    let scale = match scale.parse::<u32>() {
        Ok(scale) if scale <= 4 => scale,
        Err(_) if scale.is_empty() && balance => 2,
        _ => return Err(problem(format!("nombre de décimales illisible « {scale} » (position 20)"))),
    };
    let Some((at, last)) = text.char_indices().last() else {
        return Err(problem("montant vide".to_string()));
    };
    let digits = &text[..at];
    let (negative, digit) = match last {
        '{' => (false, 0),
        'A'..='I' => (false, last as u32 - 'A' as u32 + 1),
        '}' => (true, 0),
        'J'..='R' => (true, last as u32 - 'J' as u32 + 1),
        other => {
            return Err(problem(format!(
                "caractère de signe « {other} » invalide à la fin du montant (attendu {{, A à I, }} ou J à R)"
            )))
        }
    };
    // Some banks pad the amount with spaces instead of zeros.
    let digits: String = digits.chars().map(|c| if c == ' ' { '0' } else { c }).collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(problem(format!("montant illisible « {text} »")));
    }
    let units: i64 =
        format!("{digits}{digit}").parse().map_err(|_| problem(format!("montant illisible « {text} »")))?;
    let mut value = Decimal::new(units, scale);
    if value > crate::domain::money::MAX_AMOUNT {
        return Err(problem(format!("montant trop grand « {text} »")));
    }
    if negative {
        value = -value;
    }
    Ok(crate::domain::money::round_cents(value))
}

/// A `DDMMYY` date: years 80 to 99 are the 1900s, the others the 2000s.
fn date(text: &str) -> Option<NaiveDate> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    let year = number(4..6)?;
    let year = if year >= 80 { 1900 + year } else { 2000 + year };
    plausible(NaiveDate::from_ymd_opt(year as i32, number(2..4)?, number(0..2)?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(amount: &str) -> Record {
        let mut text = format!("04{:<88}", "1234567890");
        text.replace_range(19..20, "2");
        text.push_str(amount);
        Record { position: 1, chars: text.chars().collect() }
    }

    #[test]
    fn the_last_character_carries_the_sign_and_the_last_digit() {
        let cases = [("0000000001904}", "-190.40"), ("0000000000322J", "-32.21"), ("0000000012345E", "1234.55")];
        for (text, expected) in cases {
            assert_eq!(amount(&record(text)).unwrap().to_string(), expected, "{text}");
        }
        assert_eq!(amount(&record("0000000000000{")).unwrap(), Decimal::ZERO);
        let error = amount(&record("0000000001904X")).unwrap_err();
        assert!(error.message.contains("caractère de signe « X »"), "{}", error.message);
    }
}
