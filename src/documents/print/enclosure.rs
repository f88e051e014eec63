//! A PDF enclosed with a letter (an invoice's document): checked when it is given, so that what is kept
//! can always be printed after the letter, and read for its pages when the batch prints it. Untrusted
//! bytes: the PDF is loaded by lopdf with its streams bounded, an encrypted or damaged file is refused
//! with a French message, and copying its pages (`pdf::Document::add_foreign_pages`) visits each object
//! once within a budget.

use lopdf::{Document, LoadOptions};

/// The bound on any stream lopdf decompresses while loading (object and cross-reference streams).
const MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;
/// The largest PDF enclosed, in bytes: an invoice of a few pages, even scanned, stays far below.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The most pages of an enclosed PDF: an invoice, not a catalogue.
pub const MAX_PAGES: usize = 200;

/// Why a PDF cannot be enclosed, in French, saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnclosureError {
    #[error("« {0} » n'est pas un PDF : choisissez le PDF de la facture.")]
    NotAPdf(String),
    #[error("« {file} » pèse plus de {max_mb} Mo : ce n'est pas une facture ordinaire.")]
    TooLarge { file: String, max_mb: usize },
    #[error(
        "Le PDF « {0} » est protégé (chiffré ou par mot de passe) : Ardoise ne pourrait pas l'imprimer avec les \
         courriers. Enregistrez-en une version non protégée, puis recommencez."
    )]
    Encrypted(String),
    #[error("Le PDF « {file} » est abîmé ou incomplet ({detail}) : récupérez à nouveau le fichier, puis recommencez.")]
    Damaged { file: String, detail: String },
    #[error("Le PDF « {0} » n'a aucune page à imprimer.")]
    NoPages(String),
    #[error("Le PDF « {file} » a {pages} pages : une facture en a au plus {max}.")]
    TooManyPages { file: String, pages: usize, max: usize },
}

/// Checks that `bytes` are a PDF a letter can enclose; returns its number of pages.
pub fn check(file: &str, bytes: &[u8]) -> Result<usize, EnclosureError> {
    Ok(load(file, bytes)?.get_pages().len())
}

/// Loads a PDF to enclose, refusing what cannot be printed.
pub fn load(file: &str, bytes: &[u8]) -> Result<Document, EnclosureError> {
    if bytes.len() > MAX_BYTES {
        return Err(EnclosureError::TooLarge { file: file.to_string(), max_mb: MAX_BYTES / 1024 / 1024 });
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|window| window == b"%PDF-") {
        return Err(EnclosureError::NotAPdf(file.to_string()));
    }
    let options = LoadOptions { max_decompressed_size: Some(MAX_STREAM_BYTES), ..LoadOptions::default() };
    let document = Document::load_mem_with_options(bytes, options).map_err(|error| {
        if bytes.windows(8).any(|window| window == b"/Encrypt") {
            EnclosureError::Encrypted(file.to_string())
        } else {
            EnclosureError::Damaged { file: file.to_string(), detail: detail(&error) }
        }
    })?;
    // lopdf opens a file whose user password is empty and drops /Encrypt once done: still refused, as
    // its streams would need the key to be copied.
    if document.was_encrypted() || document.trailer.has(b"Encrypt") {
        return Err(EnclosureError::Encrypted(file.to_string()));
    }
    let pages = document.get_pages().len();
    if pages == 0 {
        return Err(EnclosureError::NoPages(file.to_string()));
    }
    if pages > MAX_PAGES {
        return Err(EnclosureError::TooManyPages { file: file.to_string(), pages, max: MAX_PAGES });
    }
    Ok(document)
}

fn detail(error: &lopdf::Error) -> String {
    match error {
        lopdf::Error::Decompress(_) => "flux compressé illisible".to_string(),
        lopdf::Error::Xref(_) | lopdf::Error::MissingXrefEntry => "table des objets illisible".to_string(),
        lopdf::Error::Parse(_) | lopdf::Error::Syntax(_) => "syntaxe PDF invalide".to_string(),
        _ => "structure PDF invalide".to_string(),
    }
}
