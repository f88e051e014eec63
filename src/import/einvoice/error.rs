//! Why an e-invoice file is refused as a whole: one French message per cause, saying what was found and
//! what to do. A file that is an e-invoice but whose invoice cannot be imported is not refused here: its
//! problems travel with it (`EInvoiceProblem`) and become a rejected row of the preview.

/// A file that is not a readable e-invoice at all; nothing is imported from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EInvoiceError {
    #[error("Le fichier « {0} » est vide.")]
    Empty(String),
    #[error("Le fichier « {file} » pèse plus de {max_mb} Mo : ce n'est pas une facture électronique ordinaire.")]
    TooLarge { file: String, max_mb: usize },
    #[error(
        "Le fichier « {0} » n'est ni un PDF ni un fichier XML : ce n'est pas une facture électronique \
         (Factur-X, CII ou UBL). Pour un tableau, importez-le au format CSV ou XLSX."
    )]
    NotAnEInvoice(String),
    #[error(
        "Le PDF « {file} » ne contient pas de facture électronique ({found}). C'est sans doute une facture \
         PDF ordinaire : demandez la version Factur-X à votre logiciel de facturation ou à votre plateforme, \
         ou saisissez la facture à la main."
    )]
    PdfWithoutInvoice { file: String, found: String },
    #[error(
        "Le PDF « {0} » est protégé (chiffré ou par mot de passe) : une Factur-X ne l'est jamais. Enregistrez \
         une version non protégée depuis votre logiciel de facturation, puis recommencez."
    )]
    EncryptedPdf(String),
    #[error(
        "Le PDF « {0} » est incomplet (coupé avant sa fin, pendant un téléchargement ou une copie ?). \
         Récupérez à nouveau le fichier, puis recommencez."
    )]
    TruncatedPdf(String),
    #[error("Le PDF « {file} » est abîmé et illisible ({detail}). Récupérez à nouveau le fichier, puis recommencez.")]
    DamagedPdf { file: String, detail: String },
    #[error(
        "La pièce jointe « {attachment} » du PDF « {file} » est illisible ({detail}) : le PDF est sans doute \
         abîmé. Récupérez à nouveau le fichier, puis recommencez."
    )]
    DamagedAttachment { file: String, attachment: String, detail: String },
    #[error(
        "La pièce jointe « {attachment} » du PDF « {file} » dépasse {max_mb} Mo une fois décompressée : ce \
         n'est pas une facture électronique ordinaire."
    )]
    AttachmentTooLarge { file: String, attachment: String, max_mb: usize },
    #[error(
        "Le XML {place} est incomplet : il s'arrête avant la fin de la facture (fichier coupé ?). \
         Récupérez à nouveau le fichier, puis recommencez."
    )]
    TruncatedXml { place: String },
    #[error(
        "Le XML {place} est mal formé, ligne {line}, colonne {column} ({detail}). Ce n'est pas une facture \
         électronique valide : demandez un nouvel export à l'émetteur."
    )]
    BrokenXml { place: String, line: u32, column: u32, detail: String },
    #[error(
        "Le XML {place} déclare une DTD ou des entités : Ardoise ne les lit pas, par sécurité. Une facture \
         CII ou UBL n'en contient jamais."
    )]
    XmlWithDtd { place: String },
    #[error("Le XML {place} est trop volumineux (plus de {max} éléments) pour une facture.")]
    XmlTooLarge { place: String, max: u32 },
    #[error(
        "Le XML {place} est encodé en « {encoding} », un encodage qu'Ardoise ne lit pas. Enregistrez-le en \
         UTF-8, puis recommencez."
    )]
    UnsupportedEncoding { place: String, encoding: String },
    #[error(
        "Le XML {place} n'est ni une facture CII (Factur-X, ZUGFeRD) ni une facture UBL : son élément racine \
         est « {root} »{hint}."
    )]
    NotCiiNorUbl { place: String, root: String, hint: String },
    #[error(
        "Le fichier « {0} » est un tableur : un tableur s'importe seul, avec la correspondance de ses colonnes, \
         pas avec des factures électroniques. Importez-le à part."
    )]
    SpreadsheetInBatch(String),
    #[error(
        "Le XML {place} est au format ZUGFeRD 1.0 (2014), remplacé depuis par Factur-X / ZUGFeRD 2 : Ardoise \
         ne le lit pas. Demandez une version Factur-X de la facture, ou saisissez-la à la main."
    )]
    Zugferd1 { place: String },
}

impl EInvoiceError {
    /// A stable, machine-readable name for the window and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            EInvoiceError::Empty(_) => "empty",
            EInvoiceError::TooLarge { .. } => "too_large",
            EInvoiceError::NotAnEInvoice(_) => "not_an_einvoice",
            EInvoiceError::PdfWithoutInvoice { .. } => "pdf_without_invoice",
            EInvoiceError::EncryptedPdf(_) => "encrypted_pdf",
            EInvoiceError::TruncatedPdf(_) => "truncated_pdf",
            EInvoiceError::DamagedPdf { .. } => "damaged_pdf",
            EInvoiceError::DamagedAttachment { .. } => "damaged_attachment",
            EInvoiceError::AttachmentTooLarge { .. } => "attachment_too_large",
            EInvoiceError::TruncatedXml { .. } => "truncated_xml",
            EInvoiceError::BrokenXml { .. } => "broken_xml",
            EInvoiceError::XmlWithDtd { .. } => "xml_with_dtd",
            EInvoiceError::XmlTooLarge { .. } => "xml_too_large",
            EInvoiceError::UnsupportedEncoding { .. } => "unsupported_encoding",
            EInvoiceError::NotCiiNorUbl { .. } => "not_cii_nor_ubl",
            EInvoiceError::Zugferd1 { .. } => "zugferd1",
            EInvoiceError::SpreadsheetInBatch(_) => "spreadsheet_in_batch",
        }
    }
}

/// How a message names the XML it is about: the file itself, or the attachment inside a PDF.
pub(crate) fn place(file: &str, attachment: Option<&str>) -> String {
    match attachment {
        Some(attachment) => format!("« {attachment} » joint au PDF « {file} »"),
        None => format!("« {file} »"),
    }
}
