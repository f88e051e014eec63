//! The XML side shared by CII and UBL: bytes to text (UTF-8, UTF-16 or a declared Latin encoding),
//! a bounded, DTD-free parse with roxmltree, the syntax told from the root element and its namespace,
//! and small namespace-aware steps through the tree that remember the path they took for messages.

use super::error::EInvoiceError;
use super::{Syntax, MAX_XML_NODES};
use roxmltree::{Document, Node, ParsingOptions};
use std::borrow::Cow;

/// UN/CEFACT Cross Industry Invoice D16B, the syntax of Factur-X and ZUGFeRD 2.
pub const RSM: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
pub const RAM: &str = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
pub const UDT: &str = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
/// OASIS UBL 2.1 documents and their components.
pub const UBL_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
pub const UBL_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
pub const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
pub const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
/// ZUGFeRD 1.0's own CII dialect (2014), not read.
const ZUGFERD_1: &str = "urn:ferd:CrossIndustryDocument:invoice:1p0";

/// The conventional prefix of a namespace, for element paths in messages (whatever the file's prefixes).
pub fn prefix(namespace: &str) -> &'static str {
    match namespace {
        RSM => "rsm",
        RAM => "ram",
        UDT => "udt",
        CAC => "cac",
        CBC => "cbc",
        _ => "",
    }
}

/// The text of an XML file or attachment: UTF-8 (with or without BOM), UTF-16 with its BOM, or the
/// ISO-8859-1 / -15 or Windows-1252 its declaration names. `place` names it in messages.
pub fn decode<'a>(bytes: &'a [u8], place: &str) -> Result<Cow<'a, str>, EInvoiceError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, place);
    }
    for (bom, encoding) in [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE)] {
        if bytes.starts_with(bom) {
            let (text, _, had_errors) = encoding.decode(bytes);
            if had_errors {
                return Err(broken(place, 1, 1, "caractères UTF-16 invalides"));
            }
            return Ok(text);
        }
    }
    match declared_encoding(bytes).as_deref() {
        None | Some("utf-8" | "utf8" | "us-ascii" | "ascii") => utf8(bytes, place),
        Some(label @ ("iso-8859-1" | "iso-8859-15" | "latin1" | "latin-1" | "windows-1252" | "cp1252")) => {
            let encoding = if label == "iso-8859-15" { encoding_rs::ISO_8859_15 } else { encoding_rs::WINDOWS_1252 };
            Ok(encoding.decode_without_bom_handling(bytes).0)
        }
        Some(other) => {
            Err(EInvoiceError::UnsupportedEncoding { place: place.to_string(), encoding: other.to_string() })
        }
    }
}

fn utf8<'a>(bytes: &'a [u8], place: &str) -> Result<Cow<'a, str>, EInvoiceError> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|error| {
        let before = &bytes[..error.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.len() - before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        broken(place, line as u32, column as u32, "caractère qui n'est pas de l'UTF-8")
    })
}

/// The `encoding` of the XML declaration, lower case, when there is one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let declaration = std::str::from_utf8(&head[..end]).ok()?;
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    Some(value[..value.find(quote)?].trim().to_ascii_lowercase())
}

fn broken(place: &str, line: u32, column: u32, detail: &str) -> EInvoiceError {
    EInvoiceError::BrokenXml { place: place.to_string(), line, column, detail: detail.to_string() }
}

/// Parses the text without DTDs (no entity can expand) and within a node budget.
pub fn parse<'input>(text: &'input str, place: &str) -> Result<Document<'input>, EInvoiceError> {
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MAX_XML_NODES, ..ParsingOptions::default() };
    Document::parse_with_options(text, options).map_err(|error| {
        use roxmltree::Error;
        let place = place.to_string();
        match error {
            Error::DtdDetected | Error::EntityReferenceLoop(_) => EInvoiceError::XmlWithDtd { place },
            Error::UnknownEntityReference(..) if text.contains("<!DOCTYPE") => EInvoiceError::XmlWithDtd { place },
            Error::NodesLimitReached | Error::AttributesLimitReached | Error::NamespacesLimitReached => {
                EInvoiceError::XmlTooLarge { place, max: MAX_XML_NODES }
            }
            Error::UnexpectedEndOfStream | Error::UnclosedRootNode => EInvoiceError::TruncatedXml { place },
            other => {
                let position = other.pos();
                EInvoiceError::BrokenXml {
                    place,
                    line: position.row,
                    column: position.col,
                    detail: french_detail(&other),
                }
            }
        }
    })
}

/// The parser's complaint in French, short.
fn french_detail(error: &roxmltree::Error) -> String {
    use roxmltree::Error;
    match error {
        Error::UnexpectedCloseTag(expected, actual, _) => {
            format!("balise fermante « {actual} » au lieu de « {expected} »")
        }
        Error::UnknownNamespace(prefix, _) => format!("préfixe « {prefix} » non déclaré"),
        Error::UnknownEntityReference(name, _) => format!("entité inconnue « &{name}; »"),
        Error::DuplicatedAttribute(name, _) => format!("attribut « {name} » en double"),
        Error::NoRootNode => "aucun élément".to_string(),
        Error::NonXmlChar(..) | Error::InvalidChar(..) | Error::InvalidChar2(..) => "caractère interdit".to_string(),
        _ => "syntaxe XML invalide".to_string(),
    }
}

/// The syntax of a parsed document, from its root element; anything else is refused with what it is.
pub fn syntax(document: &Document<'_>, place: &str) -> Result<Syntax, EInvoiceError> {
    let root = document.root_element();
    let name = root.tag_name();
    match (name.namespace(), name.name()) {
        (Some(RSM), "CrossIndustryInvoice") => Ok(Syntax::Cii),
        (Some(UBL_INVOICE), "Invoice") => Ok(Syntax::UblInvoice),
        (Some(UBL_CREDIT_NOTE), "CreditNote") => Ok(Syntax::UblCreditNote),
        (Some(ZUGFERD_1), _) => Err(EInvoiceError::Zugferd1 { place: place.to_string() }),
        (namespace, local) => {
            let hint = match (namespace, local) {
                (_, "SCRDMCCBDACIOMessageStructure") => " : c'est une commande Order-X, pas une facture".to_string(),
                (Some(ns), _) if ns.starts_with("urn:oasis:names:specification:ubl:schema:xsd:") => {
                    format!(" : c'est un document UBL « {local} », pas une facture ni un avoir")
                }
                (_, "CrossIndustryInvoice" | "Invoice" | "CreditNote") => format!(
                    " mais dans l'espace de noms « {} » au lieu de celui de la norme",
                    namespace.unwrap_or("(aucun)")
                ),
                _ => String::new(),
            };
            Err(EInvoiceError::NotCiiNorUbl { place: place.to_string(), root: local.to_string(), hint })
        }
    }
}

/// A position in the tree with the path that led there, so that a problem can name its element.
#[derive(Debug, Clone)]
pub struct At<'a, 'input> {
    pub node: Option<Node<'a, 'input>>,
    pub path: String,
}

impl<'a, 'input> At<'a, 'input> {
    pub fn root(node: Node<'a, 'input>) -> Self {
        At { node: Some(node), path: String::new() }
    }

    /// The first child element `namespace:name`; an absent one still knows its path.
    pub fn child(&self, namespace: &str, name: &str) -> At<'a, 'input> {
        let node = self.node.and_then(|node| node.children().find(|c| is(c, namespace, name)));
        At { node, path: self.join(namespace, name) }
    }

    /// Every child element `namespace:name`.
    pub fn children(&self, namespace: &str, name: &str) -> Vec<At<'a, 'input>> {
        let path = self.join(namespace, name);
        self.node
            .map(|node| {
                node.children()
                    .filter(|c| is(c, namespace, name))
                    .map(|c| At { node: Some(c), path: path.clone() })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A chain of children, each the first of its name.
    pub fn descend(&self, steps: &[(&str, &str)]) -> At<'a, 'input> {
        steps.iter().fold(self.clone(), |at, (namespace, name)| at.child(namespace, name))
    }

    /// The element's text, trimmed, with inner runs of white space folded to one space; empty when absent.
    pub fn text(&self) -> String {
        let Some(node) = self.node else { return String::new() };
        let raw: String = node.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect();
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub fn attribute(&self, name: &str) -> String {
        self.node.and_then(|node| node.attribute(name)).map(|v| v.trim().to_string()).unwrap_or_default()
    }

    fn join(&self, namespace: &str, name: &str) -> String {
        let step = match prefix(namespace) {
            "" => name.to_string(),
            prefix => format!("{prefix}:{name}"),
        };
        if self.path.is_empty() {
            step
        } else {
            format!("{}/{step}", self.path)
        }
    }
}

fn is(node: &Node<'_, '_>, namespace: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(namespace)
}
