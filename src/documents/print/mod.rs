//! Print-ready PDFs (F6): a letter, a batch of letters in one file for one print job, and the envelope
//! calibration page. The recipient's address is checked against NF Z10-011 before anything is drawn.
//! This module turns a `Letter` into blocks of text and annex tables; `page.rs` places them, `pdf.rs`
//! writes them with the widths of `metrics.rs`. A batch is written letter by letter (`LetterBatch`), so
//! its memory is the file being written, not the letters.

pub mod enclosure;
pub mod metrics;
pub mod page;
pub mod pdf;
pub mod sheets;

use crate::documents::letters::{Letter, LetterError};
use crate::domain::calendar::{format_long, format_short};
use crate::domain::letter_kind::{Annex, LetterKind};
use crate::domain::money::format_eur;
use page::{Composer, LetterLayout, Table};
use pdf::{Document, Metadata, PageContent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Largest envelope offset accepted, in millimetres either way.
pub const MAX_OFFSET_MM: i64 = 30;

/// Where the window block moves for envelopes whose window differs from the French DL standard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrintOptions {
    /// Millimetres to the right (negative: to the left).
    pub offset_x_mm: Decimal,
    /// Millimetres down (negative: up).
    pub offset_y_mm: Decimal,
}

impl PrintOptions {
    /// French messages for offsets out of range, by field.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let limit = Decimal::from(MAX_OFFSET_MM);
        [("offset_x_mm", self.offset_x_mm, "horizontal"), ("offset_y_mm", self.offset_y_mm, "vertical")]
            .into_iter()
            .filter(|(_, value, _)| value.abs() > limit)
            .map(|(field, value, label)| {
                (field, format!("décalage {label} de {value} mm : il doit rester entre -{limit} et {limit} mm."))
            })
            .collect()
    }
}

/// One letter as a PDF. Refused when the recipient's address breaks NF Z10-011.
pub fn letter_pdf(letter: &Letter, options: &PrintOptions) -> Result<Vec<u8>, LetterError> {
    let mut batch = LetterBatch::new(options);
    batch.add(letter)?;
    Ok(batch.finish())
}

/// One letter followed by the PDFs it encloses (the invoices' documents, by name and bytes), as one file
/// to print.
pub fn letter_pdf_with_enclosures(
    letter: &Letter,
    enclosures: &[(String, Vec<u8>)],
    options: &PrintOptions,
) -> Result<Vec<u8>, LetterError> {
    let mut batch = LetterBatch::new(options);
    batch.add(letter)?;
    for (name, bytes) in enclosures {
        batch.add_enclosure(name, bytes)?;
    }
    Ok(batch.finish())
}

/// Several letters in one PDF, each starting on a new page, for one print job. Every address is checked
/// first: one bad address refuses the whole batch, naming the client.
pub fn letters_pdf(letters: &[Letter], options: &PrintOptions) -> Result<Vec<u8>, LetterError> {
    for letter in letters {
        check_address(letter)?;
        check_facts(letter)?;
        check_characters(&layout(letter, options))?;
    }
    let mut batch = LetterBatch::new(options);
    for letter in letters {
        batch.add(letter)?;
    }
    Ok(batch.finish())
}

/// Letters written one after another into one PDF, each starting on a new page: a letter's pages are
/// written when it is added, so the caller can compose the next one in the memory of the last.
#[derive(Debug)]
pub struct LetterBatch {
    document: Document,
    options: PrintOptions,
    letters: usize,
    metadata: Metadata,
}

impl LetterBatch {
    /// An empty batch, its letters printed with these envelope offsets.
    pub fn new(options: &PrintOptions) -> LetterBatch {
        LetterBatch { document: Document::new(), options: *options, letters: 0, metadata: Metadata::default() }
    }

    /// Adds a letter, refused (and nothing of it written) when its address breaks NF Z10-011 or when it
    /// depends on facts the ledger lacks (a half-year's rate, what the user must confirm).
    pub fn add(&mut self, letter: &Letter) -> Result<(), LetterError> {
        self.add_pages(letter).map(|_| ())
    }

    /// Adds a letter as `add` does, and returns the letter alone as its own PDF — the bytes `letter_pdf`
    /// gives — from the same pages, laid out once.
    pub fn add_and_copy(&mut self, letter: &Letter) -> Result<Vec<u8>, LetterError> {
        let pages = self.add_pages(letter)?;
        let mut own = Document::new();
        for page in &pages {
            own.add_content(page);
        }
        Ok(own.finish(&letter_metadata(letter)))
    }

    /// Checks and lays out a letter, writes its pages, and returns them.
    fn add_pages(&mut self, letter: &Letter) -> Result<Vec<PageContent>, LetterError> {
        check_address(letter)?;
        check_facts(letter)?;
        let layout = layout(letter, &self.options);
        check_characters(&layout)?;
        let pages: Vec<PageContent> = Composer.layout(&layout).iter().map(|ops| PageContent::of(ops)).collect();
        for page in &pages {
            self.document.add_content(page);
        }
        if self.letters == 0 {
            self.metadata = letter_metadata(letter);
        }
        self.letters += 1;
        Ok(pages)
    }

    /// Adds the pages of a PDF enclosed with the letter added last (an invoice's document), after it.
    pub fn add_enclosure(&mut self, file_name: &str, bytes: &[u8]) -> Result<usize, LetterError> {
        let source = enclosure::load(file_name, bytes).map_err(|error| LetterError::Pdf(error.to_string()))?;
        self.document
            .add_foreign_pages(&source)
            .map_err(|reason| LetterError::Pdf(format!("« {file_name} » ne peut pas être imprimé : {reason}.")))
    }

    /// Letters added so far.
    pub fn len(&self) -> usize {
        self.letters
    }

    pub fn is_empty(&self) -> bool {
        self.letters == 0
    }

    /// The PDF: titled after its letter when it holds one, else after the number of letters.
    pub fn finish(self) -> Vec<u8> {
        let mut metadata = self.metadata;
        if self.letters != 1 {
            metadata.title = format!("{} courriers", self.letters);
        }
        self.document.finish(&metadata)
    }
}

/// A one-letter file's metadata: titled after the letter, by its sender, dated as the letter.
fn letter_metadata(letter: &Letter) -> Metadata {
    Metadata {
        title: letter.file_name.trim_end_matches(".pdf").to_string(),
        author: letter.facts.sender.legal_name.clone(),
        date: Some(letter.facts.date),
    }
}

/// The calibration page: a frame where the envelope's window should be, with the offsets applied. (Kept a
/// `Result` like the letters, which both shells handle alike.)
pub fn calibration_pdf(options: &PrintOptions) -> Result<Vec<u8>, LetterError> {
    let lines = [
        "Page de calibrage des enveloppes".to_string(),
        "Imprimez cette page sans mise à l'échelle (taille réelle), pliez-la en trois sur les repères de la marge \
         gauche et glissez-la dans votre enveloppe."
            .to_string(),
        "Le cadre doit apparaître entièrement dans la fenêtre. Sinon, mesurez l'écart en millimètres et réglez \
         les décalages dans les paramètres (vers la droite et vers le bas : valeurs positives)."
            .to_string(),
        format!("Décalages actuels : {} mm horizontal, {} mm vertical.", options.offset_x_mm, options.offset_y_mm),
    ];
    let ops = Composer.calibration(page::mm(options.offset_x_mm), page::mm(options.offset_y_mm), &lines);
    let mut document = Document::new();
    document.add_page(&ops);
    Ok(document.finish(&Metadata { title: "Calibrage des enveloppes".into(), ..Metadata::default() }))
}

/// Pages of operations (a one-off document laid out with `page::Composer`) as one PDF.
pub fn pages_pdf(pages: &[Vec<page::Op>], metadata: &Metadata) -> Vec<u8> {
    let mut document = Document::new();
    for page in pages {
        document.add_page(page);
    }
    document.finish(metadata)
}

/// Refuses a document holding a character that would print as « ? » (none near it in Latin letters),
/// naming the character and its field.
pub fn check_characters(layout: &LetterLayout) -> Result<(), LetterError> {
    layout.unprintable().map_or(Ok(()), |found| Err(LetterError::unprintable(found)))
}

/// Refuses a letter whose recipient address breaks NF Z10-011, with the rules broken.
pub fn check_address(letter: &Letter) -> Result<(), LetterError> {
    let client = &letter.facts.client;
    if client.address_problems.is_empty() {
        Ok(())
    } else {
        Err(LetterError::Address { name: client.name.clone(), problems: client.address_problems.clone() })
    }
}

/// Refuses a letter that depends on facts the ledger lacks: it would print a figure or a statement
/// nobody gave (a 0 € of interest for a half-year whose rate is unknown, « aucune sûreté »…).
pub fn check_facts(letter: &Letter) -> Result<(), LetterError> {
    if letter.facts.missing.is_empty() {
        Ok(())
    } else {
        Err(LetterError::missing(&letter.facts.missing))
    }
}

/// The blocks of one letter.
fn layout(letter: &Letter, options: &PrintOptions) -> LetterLayout {
    let facts = &letter.facts;
    let sender = &facts.sender;
    let mut sender_title = sender.legal_name.trim().to_string();
    if !sender_title.ends_with(" EI") && !sender_title.contains("Entrepreneur individuel") {
        sender_title.push_str(" EI");
    }
    let identity = [
        (!sender.siren_siret.is_empty()).then(|| format!("SIREN/SIRET {}", sender.siren_siret)),
        (!sender.registry.is_empty()).then(|| sender.registry.clone()),
    ];
    let contact = [
        (!sender.phone.is_empty()).then(|| format!("Tél. {}", sender.phone)),
        (!sender.email.is_empty()).then(|| sender.email.clone()),
    ];
    let join = |parts: &[Option<String>]| parts.iter().flatten().cloned().collect::<Vec<_>>().join(" – ");
    let sender_lines: Vec<String> = [sender.trade_name.clone()]
        .into_iter()
        .chain(sender.address_lines.iter().cloned())
        .chain([join(&identity), sender.vat_line.clone(), join(&contact)])
        .filter(|line| !line.trim().is_empty())
        .collect();
    let town = if sender.town.is_empty() { sender_town(&sender.address_lines) } else { sender.town.clone() };
    let registered_line = if facts.registered {
        let number = if facts.tracking_number.trim().is_empty() {
            "____________________".to_string()
        } else {
            facts.tracking_number.trim().to_string()
        };
        format!("Lettre recommandée avec accusé de réception n° {number}")
    } else {
        String::new()
    };
    LetterLayout {
        sender_title: sender_title.clone(),
        sender_lines,
        recipient_lines: facts.client.address_lines.clone(),
        place_and_date: format!("{town}, le {}", format_long(facts.date)),
        registered_line,
        subject: letter.subject.clone(),
        references: letter.references.clone(),
        body: letter.body.split("\n\n").map(str::to_string).collect(),
        signature_lines: vec![
            sender_title,
            if sender.feminine { "Entrepreneure individuelle" } else { "Entrepreneur individuel" }.into(),
        ],
        // An unreadable image is left out rather than stopping the letter: the room stays for a pen.
        // Images are reduced to about 200 dpi at their printed size (signature 50 × 16 mm, logo 45 × 18 mm).
        signature: printable_image(letter.signature_png.as_deref(), 400, 130),
        logo: printable_image(letter.logo_png.as_deref(), 360, 145),
        enclosures: if letter.enclosures.is_empty() {
            String::new()
        } else {
            format!("Pièces jointes : {}", letter.enclosures.join(" ; "))
        },
        tables: tables(letter),
        offset_x: page::mm(options.offset_x_mm),
        offset_y: page::mm(options.offset_y_mm),
    }
}

/// A stored image decoded and reduced to fit `width` × `height` pixels, or None when there is none or it
/// cannot be read.
fn printable_image(bytes: Option<&[u8]>, width: u32, height: u32) -> Option<std::sync::Arc<image::DynamicImage>> {
    use image::GenericImageView;
    let image = image::load_from_memory(bytes?).ok()?;
    let image = if image.width() > width || image.height() > height { image.thumbnail(width, height) } else { image };
    Some(std::sync::Arc::new(image))
}

/// The town of the sender's last address line ("69003 LYON" → "Lyon").
fn sender_town(lines: &[String]) -> String {
    let last = lines.last().map(String::as_str).unwrap_or_default();
    let town = last.split_once(' ').map_or(last, |(_, town)| town);
    let lower = town.to_lowercase();
    let mut chars = lower.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The annex tables: the statement of account for the letters that are one, the invoices concerned, and
/// the penalty breakdown for the letters that claim it, numbered in that order.
fn tables(letter: &Letter) -> Vec<Table> {
    let facts = &letter.facts;
    let mut tables = Vec::new();
    let statement = facts.statement.as_ref().filter(|_| facts.kind.has_annex(Annex::Statement));
    if let Some(statement) = statement {
        let title = format!("Annexe 1 – Relevé de compte au {}", format_long(facts.date));
        tables.push(sheets::statement_table(title, &statement.statement));
    }
    if facts.invoices.is_empty() || !facts.kind.has_annex(Annex::Invoices) {
        return tables;
    }
    let mut rows: Vec<Vec<String>> = facts
        .invoices
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                format_short(i.issue_date),
                format_short(i.due_date),
                format_eur(i.amount),
                format_eur(i.paid),
                format_eur(i.remaining),
                i.days_late.to_string(),
            ]
        })
        .collect();
    let paid: Decimal = facts.invoices.iter().map(|i| i.paid).sum();
    rows.push(vec![
        "Total".into(),
        String::new(),
        String::new(),
        format_eur(facts.total_amount),
        format_eur(paid),
        format_eur(facts.total_remaining),
        String::new(),
    ]);
    let bold_rows_from = Some(rows.len() - 1);
    let title = if statement.is_some() {
        format!("Annexe 2 – Situation des factures au {}", format_long(facts.date))
    } else {
        "Annexe 1 – Factures concernées".into()
    };
    tables.push(Table {
        title,
        columns: sheets::columns(&[
            ("Facture", 14, false),
            ("Date", 10, false),
            ("Échéance", 10, false),
            ("Montant TTC", 12, true),
            ("Réglé", 11, true),
            ("Reste dû", 12, true),
            ("Retard (j)", 9, true),
        ]),
        rows,
        bold_rows_from,
    });
    // A breakdown with no period of interest and nothing beyond the principal (a consumer's letter, whose
    // legal interest runs only after a mise en demeure) would print a header over no rows: the first
    // annex already states the principal.
    let breakdown = &facts.breakdown;
    let penalties =
        !breakdown.periods.is_empty() || breakdown.interest > Decimal::ZERO || breakdown.indemnity > Decimal::ZERO;
    if facts.kind.has_annex(Annex::PenaltyBreakdown) && penalties {
        // A déclaration de créance states the claim as the opening judgment arrested it.
        let title = match facts.procedure.opening_date.filter(|_| facts.kind == LetterKind::ClaimDeclaration) {
            Some(opening) => format!("Annexe 2 – Décompte arrêté au jugement d'ouverture du {}", format_long(opening)),
            None => format!("Annexe 2 – Décompte au {}", format_long(facts.date)),
        };
        tables.push(sheets::penalty_table(title, &facts.breakdown, facts.client.b2b));
    }
    tables
}
