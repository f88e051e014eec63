//! OFX statements. OFX 1.x is SGML: a header of `KEY:VALUE` lines (`OFXHEADER:100`, `CHARSET:1252`...),
//! then tags whose leaf elements are never closed (`<TRNAMT>-45,90` up to the next tag). No XML parser
//! reads that, and the grammar a statement uses is tiny (tags, text, the five predefined entities, no
//! attributes, no DTD to apply), so it is read here by hand into a small tree: an element whose tag is
//! followed by text is a leaf, closed by the next tag; a known aggregate (`STMTTRN`, `BANKTRANLIST`, any
//! `...RS`) stays open until its closing tag. OFX 2.x is XML and goes through roxmltree into the same tree.
//!
//! From each `STMTRS` (or `CCSTMTRS` for a card): the account, `LEDGERBAL`, and every `STMTTRN` of
//! `BANKTRANLIST` (or of `BANKTRANLISTP`, the pending list of OFX 2.1, as pending lines).

use super::text::{clean, date_yyyymmdd, decode, iban, line_of, non_empty, payer_in_label};
use super::StatementLine;
use super::{direction_of, empty_statement, Balance, BankError, LineProblem, LineStatus, Statement, StatementFormat};
use crate::domain::money::parse_amount;

/// Nesting deeper than this is not a statement (a real one is about 8 deep); refusing it keeps the
/// recursive walks bounded.
const MAX_DEPTH: usize = 64;

/// An OFX element: a leaf with its text, or an aggregate with its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Element {
    pub name: String,
    pub text: Option<String>,
    pub children: Vec<Element>,
    pub line: usize,
}

impl Element {
    fn new(name: &str, line: usize) -> Element {
        Element { name: name.to_ascii_uppercase(), text: None, children: Vec::new(), line }
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|child| child.name == name)
    }

    fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|child| child.text.as_deref()).filter(|text| !text.is_empty())
    }

    /// Every element named `name` below this one, in document order.
    fn descendants<'a>(&'a self, name: &str, found: &mut Vec<&'a Element>) {
        for child in &self.children {
            if child.name == name {
                found.push(child);
            }
            child.descendants(name, found);
        }
    }
}

/// Reads an OFX statement, SGML or XML.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Statement, BankError> {
    let text = decode(bytes);
    let body_at = text.find('<').unwrap_or(text.len());
    let header = &text[..body_at];
    let is_xml = text[body_at..].trim_start().starts_with("<?xml");
    let (root, format) = if is_xml {
        (super::camt::ofx_tree(file_name, &text)?, StatementFormat::Ofx2)
    } else {
        if !header.trim().is_empty() && !header.contains("OFXHEADER") {
            return Err(BankError::NotAStatement(file_name.to_string()));
        }
        (parse_sgml(file_name, &text[body_at..], line_of(text.as_bytes(), body_at))?, StatementFormat::Ofx1)
    };
    statement_of(file_name, &root, format)
}

/// Turns the tree into a statement.
pub(super) fn statement_of(file_name: &str, root: &Element, format: StatementFormat) -> Result<Statement, BankError> {
    let mut transactions = Vec::new();
    root.descendants("STMTTRN", &mut transactions);
    if transactions.is_empty() {
        let mut lists = Vec::new();
        root.descendants("BANKTRANLIST", &mut lists);
        if lists.is_empty() {
            return Err(BankError::OfxWithoutTransactions(file_name.to_string()));
        }
    }
    let mut statement = empty_statement(format);
    let mut responses = Vec::new();
    root.descendants("STMTRS", &mut responses);
    root.descendants("CCSTMTRS", &mut responses);
    for response in responses {
        let account = response
            .child("BANKACCTFROM")
            .or_else(|| response.child("CCACCTFROM"))
            .and_then(|from| from.text_of("ACCTID"))
            .map(str::to_string);
        if let Some(account) = &account {
            if !statement.accounts.contains(account) {
                statement.accounts.push(account.clone());
            }
        }
        if let Some(balance) = response.child("LEDGERBAL") {
            if let Some(amount) = balance.text_of("BALAMT").and_then(|text| parse_amount(text).ok()) {
                let date = balance.text_of("DTASOF").and_then(date_yyyymmdd);
                statement.closing_balance = Some(Balance { date, amount });
            }
        }
        // The currency of every amount of the statement (OFX's CURDEF), unless a line says its own.
        let currency = response.text_of("CURDEF").unwrap_or("EUR");
        let first_line = statement.lines.len();
        for (list, status) in [("BANKTRANLIST", LineStatus::Booked), ("BANKTRANLISTP", LineStatus::Pending)] {
            let Some(list) = response.child(list) else { continue };
            for transaction in list.children.iter().filter(|child| child.name == "STMTTRN") {
                match line_of_transaction(transaction, status, currency) {
                    Ok(line) => statement.lines.push(line),
                    Err(problem) => statement.problems.push(problem),
                }
            }
        }
        for line in &mut statement.lines[first_line..] {
            line.account = account.clone().unwrap_or_default();
        }
    }
    Ok(statement)
}

fn line_of_transaction(
    transaction: &Element,
    status: LineStatus,
    statement_currency: &str,
) -> Result<StatementLine, LineProblem> {
    let problem = |field: &str, value: &str, message: String| LineProblem {
        position: transaction.child(field).map_or(transaction.line, |child| child.line),
        field: Some(field.to_string()),
        value: value.to_string(),
        message,
    };
    let posted = transaction.text_of("DTPOSTED").unwrap_or_default();
    let booking_date = date_yyyymmdd(posted)
        .ok_or_else(|| problem("DTPOSTED", posted, format!("date illisible « {posted} » (attendue AAAAMMJJ)")))?;
    let written = transaction.text_of("TRNAMT").unwrap_or_default();
    let amount = parse_amount(written).map_err(|error| problem("TRNAMT", written, error.to_string()))?;
    let (field, currency) = match transaction.child("CURRENCY").and_then(|c| c.text_of("CURSYM")) {
        Some(own) => ("CURRENCY", own),
        None => ("CURDEF", statement_currency),
    };
    if !currency.eq_ignore_ascii_case("EUR") {
        return Err(problem(
            field,
            currency,
            format!("opération en « {currency} » : seules les opérations en euros sont lues"),
        ));
    }
    let payee = transaction.child("PAYEE").and_then(|payee| payee.text_of("NAME"));
    let name = transaction.text_of("NAME").or(payee).unwrap_or_default();
    let memo = transaction.text_of("MEMO").unwrap_or_default();
    // The transaction type, when it says how (a plain CREDIT or DEP does not).
    let method_hint = match transaction.text_of("TRNTYPE").unwrap_or_default() {
        "XFER" => "virement",
        "CHECK" => "cheque",
        "POS" => "carte",
        "DIRECTDEBIT" => "prelevement",
        "CASH" => "especes",
        _ => "",
    };
    let counterparty_iban = transaction.child("BANKACCTTO").and_then(|to| to.text_of("ACCTID")).and_then(iban);
    let reference = transaction.text_of("CHECKNUM").or_else(|| transaction.text_of("REFNUM")).and_then(non_empty);
    Ok(StatementLine {
        position: transaction.line,
        booking_date,
        value_date: transaction.text_of("DTAVAIL").and_then(date_yyyymmdd),
        amount,
        direction: direction_of(amount),
        status,
        label: clean(name),
        details: clean(memo),
        reference,
        counterparty_name: payee.map(clean).or_else(|| payer_in_label(&format!("{name} {memo}"))),
        counterparty_iban,
        bank_reference: transaction.text_of("FITID").and_then(non_empty),
        account: String::new(),
        fingerprint: String::new(),
        payers: Vec::new(),
        method_hint: method_hint.to_string(),
        bank_charges: rust_decimal::Decimal::ZERO,
        unexplained_charges: rust_decimal::Decimal::ZERO,
    })
}

/// Aggregates: elements that hold other elements and are closed by their end tag. Everything else is a
/// leaf, closed by the next tag even when the bank writes no end tag.
fn is_aggregate(name: &str) -> bool {
    const AGGREGATES: [&str; 20] = [
        "OFX",
        "STMTTRN",
        "BANKTRANLIST",
        "BANKTRANLISTP",
        "LEDGERBAL",
        "AVAILBAL",
        "BALLIST",
        "BAL",
        "BANKACCTFROM",
        "BANKACCTTO",
        "CCACCTFROM",
        "CCACCTTO",
        "STATUS",
        "PAYEE",
        "CURRENCY",
        "ORIGCURRENCY",
        "FI",
        "SONRS",
        "STMTRS",
        "CCSTMTRS",
    ];
    AGGREGATES.contains(&name) || name.ends_with("RS") || name.ends_with("RQ") || name.contains("MSGSRSV")
}

/// Reads the SGML body of an OFX 1.x file (from its first `<`, which is on line `first_line`).
fn parse_sgml(file_name: &str, body: &str, first_line: usize) -> Result<Element, BankError> {
    let mut stack: Vec<Element> = vec![Element::new("", 0)];
    // Whether the element on top of the stack is a leaf waiting for its text or its end.
    let mut leaf_open = false;
    let mut line = first_line;
    let mut rest = body;
    let close_leaf = |stack: &mut Vec<Element>, leaf_open: &mut bool| {
        if *leaf_open {
            let leaf = stack.pop().expect("a leaf is open");
            stack.last_mut().expect("the root stays").children.push(leaf);
            *leaf_open = false;
        }
    };
    while let Some(at) = rest.find('<') {
        let text = &rest[..at];
        if leaf_open {
            let top = stack.last_mut().expect("a leaf is open");
            if top.text.is_none() && !text.trim().is_empty() {
                top.text = Some(entities(text.trim()));
            }
        }
        line += text.matches('\n').count();
        let tag_line = line;
        let after = &rest[at + 1..];
        let Some(end) = after.find('>') else {
            return Err(BankError::OfxBroken {
                file: file_name.to_string(),
                line: tag_line,
                detail: "une balise n'est pas fermée par « > »".to_string(),
            });
        };
        let tag = &after[..end];
        line += tag.matches('\n').count();
        rest = &after[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_uppercase();
            if leaf_open && stack.last().is_some_and(|top| top.name == name) {
                close_leaf(&mut stack, &mut leaf_open);
                continue;
            }
            close_leaf(&mut stack, &mut leaf_open);
            if let Some(index) = stack.iter().rposition(|element| element.name == name) {
                if index == 0 {
                    continue;
                }
                while stack.len() > index {
                    let element = stack.pop().expect("above the root");
                    stack.last_mut().expect("the root stays").children.push(element);
                }
            }
            continue;
        }
        let name = tag.split_whitespace().next().unwrap_or_default();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')) {
            return Err(BankError::OfxBroken {
                file: file_name.to_string(),
                line: tag_line,
                detail: format!("balise illisible « <{} »", tag.chars().take(40).collect::<String>()),
            });
        }
        close_leaf(&mut stack, &mut leaf_open);
        if stack.len() > MAX_DEPTH {
            return Err(BankError::OfxBroken {
                file: file_name.to_string(),
                line: tag_line,
                detail: "éléments imbriqués trop profondément".to_string(),
            });
        }
        let element = Element::new(name, tag_line);
        leaf_open = !is_aggregate(&element.name);
        stack.push(element);
    }
    if leaf_open {
        let top = stack.last_mut().expect("a leaf is open");
        if top.text.is_none() && !rest.trim().is_empty() {
            top.text = Some(entities(rest.trim()));
        }
    }
    close_leaf(&mut stack, &mut leaf_open);
    if stack.len() > 1 {
        let innermost = stack.last().expect("above the root");
        return Err(BankError::OfxTruncated {
            file: file_name.to_string(),
            tag: innermost.name.clone(),
            line: innermost.line,
        });
    }
    Ok(stack.pop().expect("the root"))
}

/// The predefined entities and numeric character references in OFX text.
fn entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after.find(';').filter(|&end| end <= 10);
        let replaced = end.and_then(|end| {
            let name = &after[1..end];
            let character = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|decimal| decimal.parse().ok()))
                    .and_then(char::from_u32),
            };
            character.map(|c| (c, end))
        });
        match replaced {
            Some((character, end)) => {
                out.push(character);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_leaves_and_closed_ones_read_alike() {
        let body = "<OFX><STMTTRN><TRNAMT>-45,90<NAME>A &amp; B</NAME><MEMO>\n<FITID>1</STMTTRN></OFX>";
        let root = parse_sgml("f.ofx", body, 1).unwrap();
        let transaction = &root.children[0].children[0];
        assert_eq!(transaction.text_of("TRNAMT"), Some("-45,90"));
        assert_eq!(transaction.text_of("NAME"), Some("A & B"));
        assert_eq!(transaction.text_of("MEMO"), None);
        assert_eq!(transaction.text_of("FITID"), Some("1"));
    }
}
