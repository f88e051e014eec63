//! ISO 20022 CAMT.053 (BankToCustomerStatement), every version from 001.02 on, through roxmltree (no DTD,
//! a node limit), and the XML side of OFX 2 (the tree is handed to `ofx`). Elements are found by local
//! name, so every version's namespace reads alike.
//!
//! Each `Stmt/Ntry` is a line: `Amt` (with `Ccy`) and `CdtDbtInd` give the signed amount, `Sts` the status
//! (text up to 001.06, `Sts/Cd` from 001.07 on; `BOOK` is booked, `PDNG`, `INFO` and `FUTR` pending),
//! `RvslInd` a reversal, `BookgDt` and `ValDt` the dates (`Dt` or `DtTm`). Its `NtryDtls/TxDtls` give the
//! payer (`RltdPties/Dbtr/Nm`, or `Dbtr/Pty/Nm` from 001.08; `DbtrAcct/Id/IBAN`), the remittance
//! information (`RmtInf/Ustrd`, `RmtInf/Strd/CdtrRefInf/Ref`, `RfrdDocInf/Nb`) and the references
//! (`Refs/EndToEndId`, `Refs/AcctSvcrRef`). A batch entry whose transactions each carry an amount, summing
//! to the entry's, becomes one line per transaction, so that each payer's transfer meets its invoices.

use super::ofx::Element;
use super::text::{clean, date_iso, iban, non_empty};
use super::{
    direction_of, empty_statement, Balance, BankError, LineProblem, LineStatus, Statement, StatementFormat,
    StatementLine,
};
use roxmltree::{Document, Node, ParsingOptions};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Line numbers of byte offsets, from the offsets of the line breaks found once. roxmltree's own
/// `text_pos_at` scans the text from its start at every call, which made reading a 10,000-entry statement
/// quadratic (6 s in the benchmark).
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(text.bytes().enumerate().filter(|(_, byte)| *byte == b'\n').map(|(at, _)| at).collect())
    }

    /// The line (from 1) of a node's start.
    fn of(&self, node: Node) -> usize {
        let at = node.range().start;
        self.0.partition_point(|&line_break| line_break < at) + 1
    }
}

/// The most XML nodes read: a year of daily statements of a busy account is far below.
const NODES_LIMIT: u32 = 5_000_000;

/// Reads an XML statement: CAMT.053, or OFX 2 handed to the OFX reader.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Statement, BankError> {
    let text = decode_xml(file_name, bytes)?;
    let document = parse(file_name, &text)?;
    let root = document.root_element();
    if root.tag_name().name().eq_ignore_ascii_case("OFX") {
        let tree = element_of(&Lines::new(&text), root, 0)
            .ok_or_else(|| BankError::NotCamt { file: file_name.to_string(), detail: too_deep() })?;
        return super::ofx::statement_of(file_name, &wrap(tree), StatementFormat::Ofx2);
    }
    let namespace = root.tag_name().namespace().unwrap_or_default();
    let message = children(root).next();
    let kind = message.map(|node| node.tag_name().name()).unwrap_or_default();
    if root.tag_name().name() != "Document" || kind != "BkToCstmrStmt" {
        let detail = match kind {
            "BkToCstmrAcctRpt" => "c'est un relevé intrajournalier (camt.052), pas le relevé de compte.".to_string(),
            "BkToCstmrDbtCdtNtfctn" => "c'est un avis d'opération (camt.054), pas le relevé de compte.".to_string(),
            "CstmrCdtTrfInitn" => "c'est un ordre de virement (pain.001), pas un relevé.".to_string(),
            "CstmrDrctDbtInitn" => "c'est un ordre de prélèvement (pain.008), pas un relevé.".to_string(),
            _ => format!("son élément racine est « {} ».", root.tag_name().name()),
        };
        return Err(BankError::NotCamt { file: file_name.to_string(), detail });
    }
    let message = message.expect("checked above");
    let mut statement = empty_statement(StatementFormat::Camt053);
    statement.layout = namespace.rsplit(':').next().filter(|v| v.starts_with("camt.")).map(str::to_string);
    let statements: Vec<Node> = children(message).filter(|node| node.tag_name().name() == "Stmt").collect();
    if statements.is_empty() {
        return Err(BankError::CamtWithoutStatement(file_name.to_string()));
    }
    let lines = Lines::new(&text);
    for stmt in statements {
        read_statement(&lines, stmt, &mut statement);
    }
    Ok(statement)
}

/// The OFX 2 tree of an XML text already known to be OFX (called by `ofx::read`).
pub(super) fn ofx_tree(file_name: &str, text: &str) -> Result<Element, BankError> {
    let document = parse(file_name, text)?;
    let root = document.root_element();
    let tree = element_of(&Lines::new(text), root, 0)
        .ok_or_else(|| BankError::NotCamt { file: file_name.to_string(), detail: too_deep() })?;
    Ok(wrap(tree))
}

fn too_deep() -> String {
    "ses éléments sont imbriqués trop profondément.".to_string()
}

/// The OFX reader looks below a root it does not name.
fn wrap(tree: Element) -> Element {
    Element { name: String::new(), text: None, children: vec![tree], line: 0 }
}

fn parse<'a>(file_name: &str, text: &'a str) -> Result<Document<'a>, BankError> {
    let options = ParsingOptions { allow_dtd: false, nodes_limit: NODES_LIMIT, ..ParsingOptions::default() };
    Document::parse_with_options(text, options).map_err(|error| {
        let position = error.pos();
        // A file cut short is broken where it ends, whatever position the parser gives.
        let (line, column) = match error {
            roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream => {
                let trimmed = text.trim_end();
                let last = trimmed.rsplit('\n').next().unwrap_or_default();
                (trimmed.lines().count().max(1) as u32, last.chars().count() as u32 + 1)
            }
            _ => (position.row, position.col),
        };
        BankError::BrokenXml { file: file_name.to_string(), line, column, detail: xml_detail(&error) }
    })
}

/// roxmltree's reasons in French, for the few a statement meets.
fn xml_detail(error: &roxmltree::Error) -> String {
    match error {
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            "le fichier s'arrête avant la fin du document".to_string()
        }
        roxmltree::Error::UnexpectedCloseTag(expected, found, _) => {
            format!("balise fermante « {found} » au lieu de « {expected} »")
        }
        roxmltree::Error::DtdDetected => "une DTD, refusée par sécurité".to_string(),
        roxmltree::Error::NodesLimitReached => "trop d'éléments".to_string(),
        roxmltree::Error::NoRootNode => "aucun élément".to_string(),
        other => format!("XML invalide : {other}"),
    }
}

/// Decodes XML bytes by its declaration: UTF-8 unless it names ISO-8859-1, ISO-8859-15 or Windows-1252. A
/// file that says UTF-8 but is not is refused with the line of the first bad byte, rather than read with
/// garbled names.
fn decode_xml(file_name: &str, bytes: &[u8]) -> Result<String, BankError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
    let declared = head.split("encoding=").nth(1).map(|rest| {
        rest.trim_start_matches(['"', '\'']).chars().take_while(|c| !matches!(c, '"' | '\'')).collect::<String>()
    });
    let single_byte = declared.as_deref().is_some_and(|name| {
        ["iso-8859-1", "iso-8859-15", "latin1", "latin-1", "windows-1252", "cp1252"].contains(&name)
    });
    if single_byte {
        return Ok(encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => Err(BankError::WrongEncoding {
            file: file_name.to_string(),
            detail: format!(
                "se dit en {} mais ne l'est pas (ligne {}, un caractère accentué est sans doute en ISO-8859-1).",
                declared.map_or("UTF-8".to_string(), |name| name.to_uppercase()),
                super::text::line_of(bytes, error.valid_up_to())
            ),
        }),
    }
}

/// An OFX element tree of an XML node; None past `MAX_DEPTH`.
fn element_of(lines: &Lines, node: Node, depth: usize) -> Option<Element> {
    if depth > 64 {
        return None;
    }
    let line = lines.of(node);
    let mut element =
        Element { name: node.tag_name().name().to_ascii_uppercase(), text: None, children: Vec::new(), line };
    let mut text = String::new();
    for child in node.children() {
        if child.is_element() {
            element.children.push(element_of(lines, child, depth + 1)?);
        } else if let Some(part) = child.text() {
            text.push_str(part);
        }
    }
    if element.children.is_empty() {
        element.text = Some(text.trim().to_string());
    }
    Some(element)
}

fn children<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// The node at a path of local names below `node`.
fn at<'a, 'input>(node: Node<'a, 'input>, path: &[&str]) -> Option<Node<'a, 'input>> {
    let mut current = node;
    for name in path {
        current = children(current).find(|child| child.tag_name().name() == *name)?;
    }
    Some(current)
}

/// The trimmed text at a path, None when absent or empty.
fn text_at(node: Node, path: &[&str]) -> Option<String> {
    at(node, path).and_then(|found| found.text()).and_then(non_empty)
}

/// Every text at a path, where the last step may repeat (several `Ustrd`).
fn texts_at(node: Node, path: &[&str]) -> Vec<String> {
    let Some((last, parent_path)) = path.split_last() else { return Vec::new() };
    let mut parents = vec![node];
    for name in parent_path {
        parents = parents
            .into_iter()
            .flat_map(|parent| children(parent).filter(|child| child.tag_name().name() == *name))
            .collect();
    }
    parents
        .into_iter()
        .flat_map(|parent| children(parent).filter(|child| child.tag_name().name() == *last))
        .filter_map(|node| node.text().and_then(non_empty))
        .collect()
}

/// A date element holding `Dt` or `DtTm`.
fn date_at(node: Node, path: &[&str]) -> Option<chrono::NaiveDate> {
    let holder = at(node, path)?;
    text_at(holder, &["Dt"]).or_else(|| text_at(holder, &["DtTm"])).and_then(|text| date_iso(&text))
}

/// An XML decimal amount, to the cent, within the largest amount accepted.
fn decimal(text: &str) -> Option<Decimal> {
    let mut value = Decimal::from_str(text.trim()).ok()?;
    if value.normalize().scale() > 2 || value.is_sign_negative() || value > crate::domain::money::MAX_AMOUNT {
        return None;
    }
    value.rescale(2);
    Some(value)
}

fn read_statement(lines: &Lines, stmt: Node, statement: &mut Statement) {
    let account = text_at(stmt, &["Acct", "Id", "IBAN"]).or_else(|| text_at(stmt, &["Acct", "Id", "Othr", "Id"]));
    if let Some(account) = &account {
        if !statement.accounts.contains(account) {
            statement.accounts.push(account.clone());
        }
    }
    for balance in children(stmt).filter(|node| node.tag_name().name() == "Bal") {
        let code = text_at(balance, &["Tp", "CdOrPrtry", "Cd"]).unwrap_or_default();
        let Some(amount) = text_at(balance, &["Amt"]).and_then(|text| decimal(&text)) else { continue };
        let signed = if text_at(balance, &["CdtDbtInd"]).as_deref() == Some("DBIT") { -amount } else { amount };
        let value = Some(Balance { date: date_at(balance, &["Dt"]), amount: signed });
        match code.as_str() {
            "OPBD" | "PRCD" if statement.opening_balance.is_none() => statement.opening_balance = value,
            "CLBD" => statement.closing_balance = value,
            _ => {}
        }
    }
    let first_line = statement.lines.len();
    for entry in children(stmt).filter(|node| node.tag_name().name() == "Ntry") {
        read_entry(lines, entry, statement);
    }
    for line in &mut statement.lines[first_line..] {
        line.account = account.clone().unwrap_or_default();
    }
}

/// What a transaction (`TxDtls`) or an entry without one says about the payer and the payment.
#[derive(Debug, Default)]
struct Remittance {
    counterparty_name: Option<String>,
    counterparty_iban: Option<String>,
    unstructured: Vec<String>,
    structured: Vec<String>,
    end_to_end: Option<String>,
    servicer_reference: Option<String>,
    additional: Option<String>,
}

fn remittance(transaction: Node, credit: bool) -> Remittance {
    let (party, account, ultimate) =
        if credit { ("Dbtr", "DbtrAcct", "UltmtDbtr") } else { ("Cdtr", "CdtrAcct", "UltmtCdtr") };
    let name = text_at(transaction, &["RltdPties", party, "Nm"])
        .or_else(|| text_at(transaction, &["RltdPties", party, "Pty", "Nm"]))
        .or_else(|| text_at(transaction, &["RltdPties", ultimate, "Nm"]))
        .or_else(|| text_at(transaction, &["RltdPties", ultimate, "Pty", "Nm"]));
    let mut structured = texts_at(transaction, &["RmtInf", "Strd", "CdtrRefInf", "Ref"]);
    structured.extend(texts_at(transaction, &["RmtInf", "Strd", "RfrdDocInf", "Nb"]));
    Remittance {
        counterparty_name: name.map(|name| clean(&name)),
        counterparty_iban: text_at(transaction, &["RltdPties", account, "Id", "IBAN"]).and_then(|text| iban(&text)),
        unstructured: texts_at(transaction, &["RmtInf", "Ustrd"]),
        structured,
        end_to_end: text_at(transaction, &["Refs", "EndToEndId"]).filter(|id| !id.eq_ignore_ascii_case("NOTPROVIDED")),
        servicer_reference: text_at(transaction, &["Refs", "AcctSvcrRef"]),
        additional: text_at(transaction, &["AddtlTxInf"]),
    }
}

fn read_entry(lines: &Lines, entry: Node, statement: &mut Statement) {
    let position = lines.of(entry);
    let problem = |field: &str, value: String, message: String| LineProblem {
        position,
        field: Some(field.to_string()),
        value,
        message,
    };
    let written = text_at(entry, &["Amt"]).unwrap_or_default();
    let Some(amount) = decimal(&written) else {
        statement.problems.push(problem("Amt", written.clone(), format!("montant illisible « {written} »")));
        return;
    };
    let currency = at(entry, &["Amt"]).and_then(|node| node.attribute("Ccy")).unwrap_or("EUR");
    if currency != "EUR" {
        statement.problems.push(problem(
            "Amt",
            written,
            format!("opération en « {currency} » : seules les opérations en euros sont lues"),
        ));
        return;
    }
    let indicator = text_at(entry, &["CdtDbtInd"]).unwrap_or_default();
    let credit = match indicator.as_str() {
        "CRDT" => true,
        "DBIT" => false,
        other => {
            let message = format!("sens « {other} » illisible (attendu CRDT ou DBIT)");
            statement.problems.push(problem("CdtDbtInd", other.to_string(), message));
            return;
        }
    };
    let status_text = at(entry, &["Sts"])
        .and_then(|sts| {
            text_at(sts, &["Cd"]).or_else(|| text_at(sts, &["Prtry"])).or_else(|| sts.text().and_then(non_empty))
        })
        .unwrap_or_else(|| "BOOK".to_string());
    let reversed = text_at(entry, &["RvslInd"]).is_some_and(|flag| flag == "true" || flag == "1");
    let status = if reversed {
        LineStatus::Reversed
    } else if status_text == "BOOK" {
        LineStatus::Booked
    } else {
        LineStatus::Pending
    };
    let value_date = date_at(entry, &["ValDt"]);
    // A pending entry may have no booking date yet: its value date stands in.
    let Some(booking_date) =
        date_at(entry, &["BookgDt"]).or(if status == LineStatus::Booked { None } else { value_date })
    else {
        let value =
            at(entry, &["BookgDt"]).map(|node| node.children().filter_map(|c| c.text()).collect()).unwrap_or_default();
        statement.problems.push(problem("BookgDt", value, "date de comptabilisation absente ou illisible".to_string()));
        return;
    };
    let entry_reference = text_at(entry, &["AcctSvcrRef"]);
    let entry_text = text_at(entry, &["AddtlNtryInf"]);
    let transactions: Vec<Node> = at(entry, &["NtryDtls"])
        .map(|details| details.descendants().filter(|node| node.tag_name().name() == "TxDtls").collect())
        .unwrap_or_default();
    let sign = |value: Decimal| if credit { value } else { -value };
    let base = StatementLine {
        position,
        booking_date,
        value_date,
        amount: sign(amount),
        direction: direction_of(sign(amount)),
        status,
        label: String::new(),
        details: String::new(),
        reference: None,
        counterparty_name: None,
        counterparty_iban: None,
        bank_reference: entry_reference.clone(),
        account: String::new(),
        fingerprint: String::new(),
        payers: Vec::new(),
        method_hint: method_of_family(text_at(entry, &["BkTxCd", "Domn", "Fmly", "Cd"]).as_deref()).to_string(),
        bank_charges: Decimal::ZERO,
        unexplained_charges: Decimal::ZERO,
    };
    let amounts: Vec<Option<Decimal>> = transactions
        .iter()
        .map(|transaction| {
            text_at(*transaction, &["Amt"])
                .or_else(|| text_at(*transaction, &["AmtDtls", "TxAmt", "Amt"]))
                .or_else(|| text_at(*transaction, &["AmtDtls", "InstdAmt", "Amt"]))
                .and_then(|text| decimal(&text))
        })
        .collect();
    let split = transactions.len() > 1
        && amounts.iter().all(Option::is_some)
        && amounts.iter().flatten().copied().sum::<Decimal>() == amount;
    if split {
        let mut entry_charges_given = false;
        for (index, (transaction, part)) in transactions.iter().zip(amounts).enumerate() {
            let part = sign(part.expect("checked above"));
            let found = remittance(*transaction, credit);
            let tag = found
                .servicer_reference
                .clone()
                .or_else(|| found.end_to_end.clone())
                .unwrap_or((index + 1).to_string());
            let mut line = StatementLine {
                position: lines.of(*transaction),
                amount: part,
                direction: direction_of(part),
                bank_reference: entry_reference.as_ref().map(|reference| format!("{reference}/{tag}")),
                ..base.clone()
            };
            if credit {
                // The transaction's own charges, else the entry's (a batch may state them once, for the
                // transaction they were taken from), each counted for one transaction at most.
                let charges = charges_kept(&[*transaction], part);
                let charges = if charges.stated.is_zero() && !entry_charges_given {
                    let of_entry = charges_kept(&[*transaction, entry], part);
                    entry_charges_given = !of_entry.kept.is_zero();
                    of_entry
                } else {
                    charges
                };
                line.bank_charges = charges.kept;
                line.unexplained_charges = charges.stated - charges.kept;
            }
            fill(&mut line, entry_text.as_deref(), vec![found]);
            statement.lines.push(line);
        }
    } else {
        let found = transactions.iter().map(|transaction| remittance(*transaction, credit)).collect();
        let mut line = base;
        if credit {
            // The one transaction's own amounts first, then the entry's.
            let holders: Vec<Node> = match transactions.as_slice() {
                [transaction] => vec![*transaction, entry],
                _ => vec![entry],
            };
            let charges = charges_kept(&holders, amount);
            line.bank_charges = charges.kept;
            line.unexplained_charges = charges.stated - charges.kept;
        }
        fill(&mut line, entry_text.as_deref(), found);
        statement.lines.push(line);
    }
}

/// The charges a credit's holders state, and those known to be kept from what the payer paid.
#[derive(Debug, Clone, Copy, Default)]
struct Charges {
    /// What the `Chrgs` of the first of the holders to have them add up to (included in the amount,
    /// debited, in euros); zero when none states charges.
    stated: Decimal,
    /// The same when a gross amount of the holders less them is exactly the amount booked; zero otherwise.
    kept: Decimal,
}

/// The charges the bank kept from a credit before booking `booked`, from the first of `holders` (a
/// transaction, then its entry) that states them: its `Chrgs` records included in the amount
/// (`ChrgInclInd` not false; up to 001.02 each `Chrgs` is its own record; a `Chrgs` giving only its
/// `TtlChrgsAndTaxAmt`, that total), in euros and debited. They are kept only when a gross amount of the
/// holders less them is exactly the amount booked: the payer then paid in full and the bank took its fee
/// on the way. The gross is the amount the payer instructed (`AmtDtls/InstdAmt`) or, where a bank writes
/// it there, the transaction's own amount (`AmtDtls/TxAmt`); each holder's are tried, so that a
/// transaction's gross meets the charges its batch entry states. A shortfall with no charges stated stays
/// the payer's; charges stated but tied to no gross are handed on as `stated` alone, for the matcher to
/// doubt a partial payment of exactly that shortfall.
fn charges_kept(holders: &[Node], booked: Decimal) -> Charges {
    let in_euros = |node: Node| node.attribute("Ccy").is_none_or(|currency| currency == "EUR");
    let Some(stated) = holders.iter().find_map(|holder| charges_of(*holder, in_euros)) else {
        return Charges::default();
    };
    if stated <= Decimal::ZERO {
        return Charges::default();
    }
    let gross_amounts = holders.iter().flat_map(|holder| {
        [["AmtDtls", "InstdAmt", "Amt"], ["AmtDtls", "TxAmt", "Amt"]].into_iter().filter_map(|path| {
            at(*holder, &path).filter(|node| in_euros(*node)).and_then(|node| node.text().and_then(decimal))
        })
    });
    let kept = gross_amounts.into_iter().any(|gross| gross - stated == booked);
    Charges { stated, kept: if kept { stated } else { Decimal::ZERO } }
}

/// What the `Chrgs` of a node add up to, records not included in the amount or credited left out; None
/// when it has none.
fn charges_of(node: Node, in_euros: impl Fn(Node) -> bool) -> Option<Decimal> {
    let elements: Vec<Node> = children(node).filter(|child| child.tag_name().name() == "Chrgs").collect();
    if elements.is_empty() {
        return None;
    }
    let mut total = Decimal::ZERO;
    for element in elements {
        let records: Vec<Node> = children(element).filter(|child| child.tag_name().name() == "Rcrd").collect();
        if records.is_empty() && at(element, &["Amt"]).is_none() {
            // Only the total given: its amount, checked against the instructed and booked amounts.
            let total_given = at(element, &["TtlChrgsAndTaxAmt"]).filter(|amount| in_euros(*amount));
            total += total_given.and_then(|amount| amount.text()).and_then(decimal).unwrap_or_default();
            continue;
        }
        let records = if records.is_empty() { vec![element] } else { records };
        for record in records {
            let excluded = text_at(record, &["ChrgInclInd"]).is_some_and(|flag| flag == "false" || flag == "0");
            let credited = text_at(record, &["CdtDbtInd"]).as_deref() == Some("CRDT");
            if excluded || credited {
                continue;
            }
            if let Some(amount) = at(record, &["Amt"])
                .filter(|amount| in_euros(*amount))
                .and_then(|amount| amount.text())
                .and_then(decimal)
            {
                total += amount;
            }
        }
    }
    Some(total)
}

/// Label, details, references and payer of a line from the entry's text and its transactions. A batch
/// whose transactions name different payers (by name or IBAN) has no single payer: the line names none,
/// its details give each payer's name before what that payer wrote, and `payers` lists them, so that the
/// matcher never credits the whole batch to one of them nor learns an IBAN from it.
fn fill(line: &mut StatementLine, entry_text: Option<&str>, found: Vec<Remittance>) {
    let payers = distinct_payers(&found);
    let several = payers.len() > 1;
    let mut details = Vec::new();
    let mut references = Vec::new();
    for remittance in &found {
        let mut own: Vec<String> = remittance.unstructured.clone();
        own.extend(remittance.additional.iter().cloned());
        if several {
            let payer = remittance
                .counterparty_name
                .clone()
                .or_else(|| remittance.counterparty_iban.clone())
                .unwrap_or_else(|| "payeur non nommé".to_string());
            details.push(if own.is_empty() { payer } else { format!("{payer} : {}", own.join(" ")) });
        } else {
            details.extend(own);
        }
        references.extend(remittance.structured.iter().cloned());
        references.extend(remittance.end_to_end.iter().cloned());
        if !several && line.counterparty_name.is_none() {
            line.counterparty_name = remittance.counterparty_name.clone();
        }
        if !several && line.counterparty_iban.is_none() {
            line.counterparty_iban = remittance.counterparty_iban.clone();
        }
    }
    line.label = match entry_text {
        Some(text) => clean(text),
        None if several => format!("Remise de {} opérations", found.len()),
        None if !details.is_empty() => details.remove(0),
        None => line.counterparty_name.clone().unwrap_or_else(|| "Opération".to_string()),
    };
    line.details = clean(&details.join(if several { " ; " } else { " " }));
    references.dedup();
    line.reference = non_empty(&references.join(" "));
    line.payers = if several { payers } else { Vec::new() };
}

/// The payers a batch's transactions name when they are several (two names, folded, or two IBANs): by
/// name, or by IBAN when the names do not tell them apart. Empty for a single payer.
fn distinct_payers(found: &[Remittance]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut folded_names: Vec<String> = Vec::new();
    let mut ibans: Vec<String> = Vec::new();
    for remittance in found {
        if let Some(name) = &remittance.counterparty_name {
            let folded = crate::domain::text::fold(name);
            if !folded_names.contains(&folded) {
                folded_names.push(folded);
                names.push(name.clone());
            }
        }
        if let Some(iban) = &remittance.counterparty_iban {
            if !ibans.contains(iban) {
                ibans.push(iban.clone());
            }
        }
    }
    if names.len() >= 2 {
        names
    } else if ibans.len() >= 2 {
        ibans
    } else {
        Vec::new()
    }
}

/// The words for the ISO 20022 bank transaction family of an entry (`BkTxCd/Domn/Fmly/Cd`), as
/// `matching::guess_method` reads them: received transfers, cheques, direct debits, card settlements.
fn method_of_family(family: Option<&str>) -> &'static str {
    match family {
        Some("RCDT") => "virement",
        Some("RCHQ") => "cheque",
        Some("RDDT") => "prelevement",
        Some("CCRD" | "MCRD") => "carte",
        _ => "",
    }
}
