//! The XML inside a Factur-X / ZUGFeRD PDF. Factur-X (PDF/A-3) embeds it as an associated file: a file
//! specification listed in the catalog's `/Names /EmbeddedFiles` name tree (a tree: `/Names` pairs in
//! its leaves, `/Kids` above them) and in the catalog's `/AF` array, its bytes in the `/EF` stream.
//! The attachment is found by its known names — `factur-x.xml` (Factur-X, ZUGFeRD 2.1+),
//! `zugferd-invoice.xml` (ZUGFeRD 2.0; `ZUGFeRD-invoice.xml` is 1.0's spelling), `xrechnung.xml` — and,
//! failing those, any `.xml` attachment whose root is a CII or UBL invoice. Name tree keys need not be
//! the file names (only the specification's `/F` and `/UF` are), and some writers forget to link the
//! specification from the catalog at all: file specifications are therefore matched by every name they
//! carry, and the objects are scanned for unlinked ones last.
//!
//! Untrusted bytes: an encrypted PDF is refused (PDF/A forbids encryption), every stream decompresses
//! within a bound, the name tree is walked with a depth and node budget and without revisiting an object.

use super::error::{place, EInvoiceError};
use super::{xml, MAX_XML_BYTES};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use std::collections::HashSet;

/// The embedded file names of the e-invoice, in order of preference, compared without case.
pub const KNOWN_ATTACHMENT_NAMES: [&str; 3] = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"];

/// The bound on any stream lopdf decompresses while loading (object and cross-reference streams).
const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// How deep a name tree may go and how many of its nodes are visited: real trees have one or two levels.
const MAX_TREE_DEPTH: usize = 16;
const MAX_TREE_NODES: usize = 10_000;
/// How many file specifications are kept, and how many unknown `.xml` attachments are opened to see
/// whether one is an invoice: an invoice PDF has one to a few attachments.
const MAX_SPECIFICATIONS: usize = 1_000;
const MAX_XML_CANDIDATES: usize = 8;

/// An embedded file taken out of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its name as the PDF gives it (`/UF`, else `/F`, else its key in the name tree).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The e-invoice XML embedded in a PDF, or why there is none to read.
pub fn invoice_attachment(file: &str, bytes: &[u8]) -> Result<Attachment, EInvoiceError> {
    let document = load(file, bytes)?;
    let truncated = !ends_with_eof_marker(bytes);
    let specs = file_specifications(&document);
    for known in KNOWN_ATTACHMENT_NAMES {
        if let Some(spec) = specs.iter().find(|spec| spec.names.iter().any(|n| n.eq_ignore_ascii_case(known))) {
            return extract(file, &document, spec).map_err(|error| match error {
                EInvoiceError::DamagedAttachment { .. } if truncated => EInvoiceError::TruncatedPdf(file.to_string()),
                error => error,
            });
        }
    }
    // No known name: an XML attachment that is an invoice all the same (some tools name it otherwise).
    let xml_attachments =
        specs.iter().filter(|spec| spec.names.iter().any(|n| n.to_ascii_lowercase().ends_with(".xml")));
    for spec in xml_attachments.take(MAX_XML_CANDIDATES) {
        if let Ok(attachment) = extract(file, &document, spec) {
            let place = place(file, Some(&attachment.name));
            let is_invoice = xml::decode(&attachment.bytes, &place)
                .ok()
                .and_then(|text| xml::parse(&text, &place).ok().map(|doc| xml::syntax(&doc, &place).is_ok()))
                .unwrap_or(false);
            if is_invoice {
                return Ok(attachment);
            }
        }
    }
    // What lopdf recovered from a cut file may simply not reach the attachment.
    if truncated {
        return Err(EInvoiceError::TruncatedPdf(file.to_string()));
    }
    let mut names: Vec<String> = specs.iter().map(|spec| spec.display_name()).collect();
    names.dedup();
    let found = if names.is_empty() {
        "aucune pièce jointe".to_string()
    } else {
        let shown: Vec<String> = names.iter().take(5).map(|n| format!("« {n} »")).collect();
        let more = if names.len() > 5 { format!(" et {} autres", names.len() - 5) } else { String::new() };
        format!("pièces jointes : {}{more}", shown.join(", "))
    };
    Err(EInvoiceError::PdfWithoutInvoice { file: file.to_string(), found })
}

/// Loads the PDF, telling an encrypted, truncated or damaged file apart.
fn load(file: &str, bytes: &[u8]) -> Result<Document, EInvoiceError> {
    let options = LoadOptions { max_decompressed_size: Some(MAX_STREAM_BYTES), ..LoadOptions::default() };
    let truncated = !ends_with_eof_marker(bytes);
    let document = match Document::load_mem_with_options(bytes, options) {
        Ok(document) => document,
        Err(_) if declares_encryption(bytes) => return Err(EInvoiceError::EncryptedPdf(file.to_string())),
        Err(_) if truncated => return Err(EInvoiceError::TruncatedPdf(file.to_string())),
        Err(error) => return Err(EInvoiceError::DamagedPdf { file: file.to_string(), detail: french_detail(&error) }),
    };
    // lopdf opens a file whose user password is empty, and drops /Encrypt from the trailer once done.
    if document.was_encrypted() || document.trailer.has(b"Encrypt") {
        return Err(EInvoiceError::EncryptedPdf(file.to_string()));
    }
    if document.catalog().is_err() {
        return Err(if truncated {
            EInvoiceError::TruncatedPdf(file.to_string())
        } else {
            EInvoiceError::DamagedPdf { file: file.to_string(), detail: "catalogue du document introuvable".into() }
        });
    }
    Ok(document)
}

/// A complete PDF ends with `%%EOF` (give or take line breaks and some padding a transfer added).
fn ends_with_eof_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

fn declares_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

fn french_detail(error: &lopdf::Error) -> String {
    match error {
        lopdf::Error::Decompress(_) => "flux compressé illisible".to_string(),
        lopdf::Error::Xref(_) | lopdf::Error::MissingXrefEntry => "table des objets illisible".to_string(),
        lopdf::Error::Parse(_) | lopdf::Error::Syntax(_) => "syntaxe PDF invalide".to_string(),
        _ => "structure PDF invalide".to_string(),
    }
}

/// A file specification found in the name tree or `/AF`, with every name it goes by.
struct FileSpecification<'a> {
    names: Vec<String>,
    dictionary: &'a Dictionary,
}

impl FileSpecification<'_> {
    fn display_name(&self) -> String {
        self.names.first().cloned().unwrap_or_else(|| "(sans nom)".to_string())
    }
}

/// Every file specification of the document: the `/EmbeddedFiles` name tree first, then `/AF`, then any
/// other file specification with an embedded file among the objects.
fn file_specifications(document: &Document) -> Vec<FileSpecification<'_>> {
    let mut specs = Specifications::default();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let Ok(catalog) = document.catalog() else { return specs.list };
    let tree = catalog
        .get(b"Names")
        .ok()
        .and_then(|names| dictionary(document, names))
        .and_then(|names| names.get(b"EmbeddedFiles").ok());
    if let Some(root) = tree {
        let mut budget = MAX_TREE_NODES;
        walk_name_tree(document, root, 0, &mut budget, &mut seen, &mut specs);
    }
    if let Some(Object::Array(entries)) = catalog.get(b"AF").ok().and_then(|af| resolve(document, af)) {
        for entry in entries.iter().take(MAX_TREE_NODES) {
            push_spec(document, None, entry, &mut seen, &mut specs);
        }
    }
    for (id, object) in &document.objects {
        if specs.list.len() >= MAX_SPECIFICATIONS {
            break;
        }
        let Object::Dictionary(dictionary) = object else { continue };
        if dictionary.has(b"EF") && !seen.contains(id) {
            seen.insert(*id);
            push_spec(document, None, object, &mut seen, &mut specs);
        }
    }
    specs.list
}

/// The file specifications found so far, each once (the same dictionary may be reached twice).
#[derive(Default)]
struct Specifications<'a> {
    list: Vec<FileSpecification<'a>>,
    dictionaries: HashSet<*const Dictionary>,
}

fn walk_name_tree<'a>(
    document: &'a Document,
    node: &'a Object,
    depth: usize,
    budget: &mut usize,
    seen: &mut HashSet<ObjectId>,
    specs: &mut Specifications<'a>,
) {
    if depth > MAX_TREE_DEPTH || *budget == 0 {
        return;
    }
    *budget -= 1;
    if let Object::Reference(id) = node {
        if !seen.insert(*id) {
            return;
        }
    }
    let Some(node) = dictionary(document, node) else { return };
    if let Some(Object::Array(pairs)) = node.get(b"Names").ok().and_then(|names| resolve(document, names)) {
        for pair in pairs.chunks(2).take(*budget) {
            if let [key, value] = pair {
                let key = resolve(document, key).and_then(|k| lopdf::decode_text_string(k).ok());
                push_spec(document, key, value, seen, specs);
            }
        }
    }
    if let Some(Object::Array(kids)) = node.get(b"Kids").ok().and_then(|kids| resolve(document, kids)) {
        for kid in kids {
            walk_name_tree(document, kid, depth + 1, budget, seen, specs);
        }
    }
}

fn push_spec<'a>(
    document: &'a Document,
    key: Option<String>,
    value: &'a Object,
    seen: &mut HashSet<ObjectId>,
    specs: &mut Specifications<'a>,
) {
    if specs.list.len() >= MAX_SPECIFICATIONS {
        return;
    }
    // The same specification appears in the name tree and in /AF: keep it once.
    if let Object::Reference(id) = value {
        if !seen.insert(*id) {
            return;
        }
    }
    let Some(dictionary) = dictionary(document, value) else { return };
    let mut names = Vec::new();
    for field in [&b"UF"[..], b"F"] {
        if let Some(name) = dictionary.get(field).ok().and_then(|n| resolve(document, n)) {
            if let Ok(text) = lopdf::decode_text_string(name) {
                names.push(text);
            }
        }
    }
    names.extend(key);
    names.retain(|name| !name.trim().is_empty());
    names.dedup();
    if specs.dictionaries.insert(std::ptr::from_ref(dictionary)) {
        specs.list.push(FileSpecification { names, dictionary });
    }
}

/// The embedded file's bytes, decompressed within the XML bound.
fn extract(file: &str, document: &Document, spec: &FileSpecification<'_>) -> Result<Attachment, EInvoiceError> {
    let name = spec.display_name();
    let damaged = |detail: &str| EInvoiceError::DamagedAttachment {
        file: file.to_string(),
        attachment: name.clone(),
        detail: detail.to_string(),
    };
    let embedded = spec
        .dictionary
        .get(b"EF")
        .ok()
        .and_then(|ef| dictionary(document, ef))
        .ok_or_else(|| damaged("pas de contenu"))?;
    let stream = [&b"UF"[..], b"F"]
        .iter()
        .find_map(|key| embedded.get(key).ok().and_then(|s| resolve(document, s)).and_then(|s| s.as_stream().ok()))
        .ok_or_else(|| damaged("pas de contenu"))?;
    let bytes = match stream.decompressed_content_with_limit(MAX_XML_BYTES) {
        Ok(bytes) => bytes,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(EInvoiceError::AttachmentTooLarge {
                file: file.to_string(),
                attachment: name,
                max_mb: MAX_XML_BYTES / 1024 / 1024,
            })
        }
        Err(_) if stream.filters().map(|f| f.is_empty()).unwrap_or(true) => stream.content.clone(),
        Err(_) => return Err(damaged("contenu compressé illisible")),
    };
    if bytes.len() > MAX_XML_BYTES {
        return Err(EInvoiceError::AttachmentTooLarge {
            file: file.to_string(),
            attachment: name,
            max_mb: MAX_XML_BYTES / 1024 / 1024,
        });
    }
    if bytes.is_empty() {
        // lopdf gives up quietly on a stream that does not inflate.
        return Err(damaged(if stream.content.is_empty() { "fichier vide" } else { "contenu compressé illisible" }));
    }
    Ok(Attachment { name, bytes })
}

/// The object a reference points to (or the object itself), None when it is missing.
fn resolve<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Object> {
    document.dereference(object).ok().map(|(_, object)| object)
}

fn dictionary<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match resolve(document, object)? {
        Object::Dictionary(dictionary) => Some(dictionary),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    }
}
