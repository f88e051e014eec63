//! Print-ready PDFs checked with poppler (pdfinfo, pdffonts, pdftotext -bbox): A4 portrait, standard
//! fonts, every French character, the recipient block alone in the envelope window, pagination with the
//! block on page 1 only; addresses refused by NF Z10-011 with the rule they break.

// Poppler reports positions in points as floats; converting them to millimetres is float arithmetic.
#![allow(clippy::float_arithmetic)]

mod fixtures;

use ardoise::documents::letters::assemble as gather;
use ardoise::documents::letters::{self, catalogue, Letter, LetterError};
use ardoise::documents::print::{self, PrintOptions};
use ardoise::domain::address::PostalAddress;
use ardoise::domain::letter_kind::LetterKind;
use fixtures::{facts_for, Who};
use std::path::Path;
use std::process::Command;

fn letter(kind: LetterKind, who: Who, body: Option<&str>) -> Letter {
    let template = catalogue::embedded(kind.id()).unwrap();
    letters::compose(facts_for(kind, who, ""), template.name, template.source, body).unwrap()
}

fn write_pdf(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn tool(program: &str, args: &[&str], path: &Path) -> String {
    let mut command = Command::new(program);
    command.args(args).arg(path);
    if program == "pdftotext" {
        command.arg("-");
    }
    let output = command.output();
    let output = output.unwrap_or_else(|e| panic!("{program} (poppler-utils, installed by scripts/setup): {e}"));
    assert!(output.status.success(), "{program}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn info(path: &Path) -> String {
    let output = Command::new("pdfinfo").arg(path).output().expect("pdfinfo (poppler-utils)");
    String::from_utf8(output.stdout).unwrap()
}

/// A word of `pdftotext -bbox`: its page (1-based), text and box in millimetres.
#[derive(Debug)]
struct Word {
    page: usize,
    text: String,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
}

fn words(path: &Path) -> Vec<Word> {
    let output = Command::new("pdftotext").arg("-bbox").arg(path).arg("-").output().expect("pdftotext");
    let html = String::from_utf8(output.stdout).unwrap();
    let to_mm = |points: f64| points * 25.4 / 72.0;
    let attribute = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut page = 0;
    let mut found = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if line.starts_with("<word ") {
            let text = line.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
            found.push(Word {
                page,
                text,
                x_min: to_mm(attribute(line, "xMin")),
                y_min: to_mm(attribute(line, "yMin")),
                x_max: to_mm(attribute(line, "xMax")),
                y_max: to_mm(attribute(line, "yMax")),
            });
        }
    }
    found
}

#[test]
fn a_letter_is_a4_portrait_with_standard_fonts_and_every_french_character() {
    let dir = tempfile::tempdir().unwrap();
    let letter = letter(LetterKind::FormalNotice, Who::Professional, None);
    let path = write_pdf(dir.path(), &letter.file_name, &print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    let info = info(&path);
    assert!(info.contains("595.276 x 841.89 pts (A4)") || info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    assert!(info.contains("Page rot:        0"), "{info}");
    let fonts = tool("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let standard = row.starts_with("Helvetica") && row.contains("Type 1");
        let embedded = row.split_whitespace().rev().nth(3) == Some("yes");
        assert!(standard || embedded, "a font neither standard nor embedded: {row}");
    }
    let text = tool("pdftotext", &["-layout"], &path);
    for character in ["é", "è", "à", "ç", "œ", "€", "«", "»", "’"] {
        assert!(text.contains(character), "{character} missing from the PDF text:\n{text}");
    }
    for expected in [
        "Camille ROUSSEAU EI",
        "SIREN/SIRET 732 829 320",
        "RM 732 829 320",
        "Lettre recommandée avec accusé de réception n° 1A 234 567 8901 2",
        "Lyon, le 22 novembre 2026",
        "Objet : MISE EN DEMEURE DE PAYER",
        "Annexe 1 – Factures concernées",
        "Annexe 2 – Décompte au 22 novembre 2026",
        "Indemnités forfaitaires (40 € × 2)",
        "1 693,95 €",
        "Pièces jointes :",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the PDF text:\n{text}");
    }
    assert!(letter.file_name.starts_with("2026-11-22 Mise en demeure - DUPONT BATIMENT - F2025-103"));
}

#[test]
fn only_the_recipient_block_shows_in_the_envelope_window() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, who) in [(LetterKind::FormalNotice, Who::Professional), (LetterKind::FriendlyReminder, Who::Consumer)] {
        let letter = letter(kind, who, None);
        let path = write_pdf(dir.path(), "window.pdf", &print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
        let words = words(&path);
        let block: Vec<&str> =
            letter.facts.client.address_lines.iter().flat_map(|line| line.split_whitespace()).collect();
        let mut in_block = 0;
        for word in words.iter().filter(|w| w.page == 1) {
            let inside_window =
                word.x_min >= 110.0 - 0.5 && word.x_max <= 195.0 && word.y_min >= 50.0 && word.y_max <= 85.0;
            let near_window = word.x_max > 105.0 && word.x_min < 200.0 && word.y_max > 45.0 && word.y_min < 90.0;
            if inside_window && block.contains(&word.text.as_str()) {
                in_block += 1;
            } else {
                assert!(!near_window, "{:?}: a word other than the address is near the window: {word:?}", kind);
            }
        }
        assert_eq!(in_block, block.len(), "{kind:?}: every word of the address inside the window");
    }
}

#[test]
fn a_long_letter_paginates_with_the_recipient_block_on_page_one_only() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "Ce paragraphe répété allonge le courrier pour vérifier la pagination : chaque page suivante \
                     porte son numéro et le bloc du destinataire ne figure qu'en première page.";
    let body = vec![paragraph; 60].join("\n\n");
    let letter = letter(LetterKind::FirmReminder, Who::Professional, Some(&body));
    let path = write_pdf(dir.path(), "long.pdf", &print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    let info = info(&path);
    let pages: usize = info.lines().find(|l| l.starts_with("Pages:")).unwrap()[6..].trim().parse().unwrap();
    assert!(pages >= 3, "{info}");
    let words = words(&path);
    for page in 2..=pages {
        assert!(
            words.iter().any(|w| w.page == page && w.text == format!("{page}/{pages}")),
            "page {page} has no number {page}/{pages}"
        );
        let near_window: Vec<&Word> = words
            .iter()
            .filter(|w| w.page == page && w.x_max > 105.0 && w.y_min < 90.0 && w.y_max > 45.0)
            .filter(|w| w.text == "DUPONT" || w.text == "VILLEFONTAINE")
            .collect();
        assert!(near_window.is_empty(), "the recipient block is repeated on page {page}: {near_window:?}");
    }
    assert!(!words.iter().any(|w| w.page == 1 && w.text.contains('/') && w.y_min > 280.0), "no number on page 1");
}

#[test]
fn a_consumer_letter_pdf_claims_no_indemnity() {
    let dir = tempfile::tempdir().unwrap();
    let letter = letter(LetterKind::FormalNotice, Who::Consumer, None);
    let path = write_pdf(dir.path(), "b2c.pdf", &print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    let text = tool("pdftotext", &[], &path);
    // Its breakdown has no period of interest: no « Décompte » annex over no rows, the invoices' annex only.
    assert!(text.contains("Annexe 1 – Factures concernées") && !text.contains("Décompte au"), "{text}");
    for forbidden in ["40 €", "L441-10", "ndemnité"] {
        assert!(!text.contains(forbidden), "{forbidden} in a consumer's letter:\n{text}");
    }
}

#[test]
fn a_batch_is_one_pdf_with_each_letter_on_its_own_pages() {
    let dir = tempfile::tempdir().unwrap();
    let letters = vec![
        letter(LetterKind::FriendlyReminder, Who::Professional, None),
        letter(LetterKind::FormalNotice, Who::Consumer, None),
        letter(LetterKind::PlanProposal, Who::Professional, None),
    ];
    let path = write_pdf(dir.path(), "batch.pdf", &print::letters_pdf(&letters, &PrintOptions::default()).unwrap());
    let words = words(&path);
    let first_pages: Vec<usize> = words.iter().filter(|w| w.text == "Objet").map(|w| w.page).collect();
    assert_eq!(first_pages.len(), 3, "three subjects");
    assert!(first_pages.windows(2).all(|pair| pair[0] < pair[1]), "each letter starts a page: {first_pages:?}");
    let text = tool("pdftotext", &[], &path);
    assert!(text.contains("BON POUR ACCORD"), "the plan's agreement form is printed");
}

#[test]
fn offsets_move_the_window_block_and_the_calibration_frame() {
    let dir = tempfile::tempdir().unwrap();
    let options = PrintOptions { offset_x_mm: 5.into(), offset_y_mm: (-3).into() };
    let letter = letter(LetterKind::FriendlyReminder, Who::Professional, None);
    let path = write_pdf(dir.path(), "offset.pdf", &print::letter_pdf(&letter, &options).unwrap());
    let first = words(&path).into_iter().find(|w| w.text == "DUPONT").unwrap();
    assert!((first.x_min - 115.0).abs() < 1.0, "{first:?}");
    assert!(first.y_min < 54.0 && first.y_min > 50.0, "{first:?}");
    let calibration = write_pdf(dir.path(), "calibration.pdf", &print::calibration_pdf(&options).unwrap());
    let text = tool("pdftotext", &[], &calibration);
    assert!(text.contains("Page de calibrage") && text.contains("5 mm horizontal, -3 mm vertical"), "{text}");
    let problems = PrintOptions { offset_x_mm: 31.into(), offset_y_mm: 0.into() }.problems();
    assert_eq!(
        problems,
        vec![("offset_x_mm", "décalage horizontal de 31 mm : il doit rester entre -30 et 30 mm.".into())]
    );
}

#[test]
fn an_address_that_breaks_the_postal_standard_is_refused_with_the_rule() {
    let mut letter = letter(LetterKind::FormalNotice, Who::Professional, None);
    let address = PostalAddress {
        street: "8, avenue de l'Europe".into(),
        postcode: "3809".into(),
        town: "Villefontaine".into(),
        ..Default::default()
    };
    letter.facts.client.address_problems = address.problems("DUPONT BÂTIMENT");
    let Err(error @ LetterError::Address { .. }) = print::letter_pdf(&letter, &PrintOptions::default()) else {
        panic!("a bad address must be refused");
    };
    let message = error.to_string();
    assert!(
        message.starts_with("Adresse de « DUPONT BÂTIMENT » non conforme à la norme postale (NF Z10-011)"),
        "{message}"
    );
    assert!(message.contains("code postal « 3809 » : il faut 5 chiffres."), "{message}");
}

/// Addresses by NF Z10-011 rules: valid ones print, invalid ones give the message a user reads.
#[test]
fn nf_z10_011_addresses_valid_and_invalid() {
    let address =
        |complement: &str, building: &str, street: &str, locality: &str, postcode: &str, town: &str| PostalAddress {
            complement: complement.into(),
            building: building.into(),
            street: street.into(),
            locality: locality.into(),
            postcode: postcode.into(),
            town: town.into(),
            country: String::new(),
        };
    let cases: Vec<(&str, PostalAddress, Vec<&str>)> = vec![
        ("M. Jean DUPONT", address("", "", "12 RUE DES LILAS", "", "69003", "LYON"), vec![]),
        (
            "SARL ATELIER BOIS",
            address(
                "SERVICE COMPTABILITE",
                "ZI NORD BATIMENT C",
                "3 BIS RUE DU PORT",
                "BP 42",
                "13001",
                "MARSEILLE CEDEX 01",
            ),
            vec![],
        ),
        ("Mme Lucie MARTIN", address("", "", "", "LIEU-DIT LES COMBES", "05100", "BRIANCON"), vec![]),
        // The town is put in capitals without accents when the lines are composed: nothing to refuse.
        ("Mme Lucie MARTIN", address("", "", "4 rue Pasteur", "", "42000", "Saint-Étienne"), vec![]),
        // The street's punctuation is dropped when the lines are composed (« 12 RUE DES LILAS »).
        ("M. Jean DUPONT", address("", "", "12, RUE DES LILAS", "", "69003", "LYON"), vec![]),
        (
            "M. Jean DUPONT",
            address("", "", "12 RUE DES LILAS", "", "6903", "LYON"),
            vec!["code postal « 6903 » : il faut 5 chiffres."],
        ),
        (
            "M. Jean DUPONT",
            address("", "", "", "", "69003", "LYON"),
            vec!["il manque la voie (numéro et rue) ou le lieu-dit / la boîte postale."],
        ),
        (
            "ETABLISSEMENTS FOURNIER ET FILS REUNIS SA",
            address("", "", "12 RUE DES LILAS", "", "69003", "LYON"),
            vec!["ligne 1 trop longue (41 caractères, 38 au plus) : « ETABLISSEMENTS FOURNIER ET FILS REUNIS SA »."],
        ),
        ("", address("", "", "12 RUE DES LILAS", "", "69003", "LYON"), vec!["le destinataire n'a pas de nom."]),
        ("M. Jean DUPONT", address("", "", "12 RUE DES LILAS", "", "69003", ""), vec!["il manque la ville."]),
    ];
    let saint_etienne = address("", "", "4 rue Pasteur", "", "42000", "Saint-Étienne");
    assert_eq!(saint_etienne.lines("Mme Lucie MARTIN").last().unwrap(), "42000 SAINT-ETIENNE");
    for (name, address, expected) in cases {
        let messages: Vec<String> = address.problems(name).into_iter().map(|p| p.message).collect();
        assert_eq!(messages, expected, "{name} / {address:?}");
    }
    let mandataire = |lines: &[&str]| -> Vec<String> {
        gather::line_problems(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>())
            .into_iter()
            .map(|p| p.message)
            .collect()
    };
    assert!(mandataire(&["SELARL MJ ALPES", "15 QUAI DU RHONE", "69002 LYON"]).is_empty());
    assert_eq!(
        mandataire(&["SELARL MJ ALPES", "15 QUAI DU RHONE", "69002 Lyon"]),
        vec!["ville « Lyon » : la dernière ligne s'écrit en capitales sans accents (« LYON »)."]
    );
    assert_eq!(
        mandataire(&["SELARL MJ ALPES", "LYON"]),
        vec!["la dernière ligne « LYON » doit être « CODE POSTAL VILLE » (5 chiffres)."]
    );
}

#[test]
fn a_stored_signature_is_printed_under_the_name_and_an_unreadable_one_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut signature = image::RgbImage::from_pixel(240, 80, image::Rgb([255, 255, 255]));
    for x in 20..220 {
        let y = 40 + ((x as i32 % 40) - 20).unsigned_abs() / 2;
        signature.put_pixel(x, y, image::Rgb([20, 20, 120]));
    }
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(signature).write_to(&mut png, image::ImageOutputFormat::Png).unwrap();
    let mut letter = letter(LetterKind::FriendlyReminder, Who::Professional, None);
    letter.signature_png = Some(png);
    let path = write_pdf(dir.path(), "signed.pdf", &print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    let output = Command::new("pdfimages").arg("-list").arg(&path).output().expect("pdfimages (poppler-utils)");
    let list = String::from_utf8(output.stdout).unwrap();
    assert_eq!(list.lines().skip(2).count(), 1, "one image:\n{list}");
    assert!(list.contains("240    80"), "{list}");

    letter.signature_png = Some(b"not a png".to_vec());
    let path = write_pdf(dir.path(), "unsigned.pdf", &print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    let output = Command::new("pdfimages").arg("-list").arg(&path).output().unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().skip(2).count(), 0);
}

/// « Pièces jointes » could be pushed alone to the top of page 2, and the signature away from the closing
/// formula: for every length of body around the end of page 1, the end of the last paragraph, the closing
/// formula, the signature and the enclosures now print on one page.
#[test]
fn pieces_jointes_is_never_pushed_alone_to_the_top_of_the_next_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages_seen = std::collections::BTreeSet::new();
    for fillers in 10..=26 {
        for last_lines in 1..=4 {
            let mut paragraphs: Vec<String> =
                (0..fillers).map(|n| format!("Paragraphe de remplissage n° {n}.")).collect();
            let sentence =
                "Cette phrase allonge le dernier paragraphe d'une ligne environ, pour déplacer la fin du courrier.";
            paragraphs.push(format!("{} Dernier mot : TERMINUS.", vec![sentence; last_lines].join(" ")));
            paragraphs.push("Je vous prie d'agréer mes salutations distinguées.".into());
            let letter = letter(LetterKind::FormalNotice, Who::Professional, Some(&paragraphs.join("\n\n")));
            let path =
                write_pdf(dir.path(), "closing.pdf", &print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
            let words = words(&path);
            let page_of = |text: &str, x_from: f64| {
                words
                    .iter()
                    .find(|w| w.text == text && w.x_min >= x_from)
                    .map(|w| w.page)
                    .unwrap_or_else(|| panic!("{text}"))
            };
            let pages = [
                ("fin du dernier paragraphe", page_of("TERMINUS.", 0.0)),
                ("formule de politesse", page_of("salutations", 0.0)),
                ("signature", page_of("individuel", 115.0)),
                ("pièces jointes", page_of("Pièces", 0.0)),
            ];
            assert!(
                pages.iter().all(|(_, page)| *page == pages[0].1),
                "{fillers} paragraphes, dernier de {last_lines} ligne(s) : {pages:?}"
            );
            pages_seen.insert(pages[0].1);
        }
    }
    assert_eq!(pages_seen.len(), 2, "the closing block moves from page 1 to page 2 over the lengths tried");
}

/// pdfinfo called Ardoise's letters PDF/X (an empty GTS_PDFXVersion key) and named no producer: the file
/// now says what it is — PDF 1.4, its title and author, Ardoise as producer, the letter's date — claims
/// no PDF/X nor PDF/A conformance it does not meet, and the same letter always gives the same bytes.
#[test]
fn a_letter_says_what_it_is_and_claims_no_standard_it_does_not_meet() {
    let dir = tempfile::tempdir().unwrap();
    let letter = letter(LetterKind::FormalNotice, Who::Professional, None);
    let bytes = print::letter_pdf(&letter, &PrintOptions::default()).unwrap();
    assert_eq!(bytes, print::letter_pdf(&letter, &PrintOptions::default()).unwrap(), "the same bytes twice");
    assert!(bytes.starts_with(b"%PDF-1.4\n"));
    let path = write_pdf(dir.path(), "metadata.pdf", &bytes);
    let info = info(&path);
    let field = |name: &str| {
        info.lines().find_map(|line| line.strip_prefix(&format!("{name}:")).map(str::trim)).unwrap_or_default()
    };
    assert_eq!(field("Title"), letter.file_name.trim_end_matches(".pdf"));
    assert_eq!(field("Author"), "Camille ROUSSEAU EI");
    assert_eq!((field("Creator"), field("Producer")), ("Ardoise", "Ardoise"));
    assert_eq!(field("PDF version"), "1.4");
    assert!(field("CreationDate").contains("Nov 22") && field("CreationDate").contains("2026"), "{info}");
    assert!(!info.contains("PDF subtype"), "no PDF/X or PDF/A claim:\n{info}");
    let text = String::from_utf8_lossy(&bytes);
    for claim in ["GTS_PDFX", "pdfaid", "OutputIntent"] {
        assert!(!text.contains(claim), "{claim} in the file");
    }
}

/// A one-page letter weighed 24.7 KB (uncompressed content) and a 500-letter batch 23 KB a letter: streams
/// are now compressed and a batch holds the two fonts and the signature image once, whatever its length.
#[test]
fn letters_are_small_and_a_batch_shares_its_fonts_and_signature() {
    let dir = tempfile::tempdir().unwrap();
    let mut signature = image::RgbImage::from_pixel(240, 80, image::Rgb([255, 255, 255]));
    for x in 20..220 {
        signature.put_pixel(x, 40 + (x % 30), image::Rgb([20, 20, 120]));
    }
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(signature).write_to(&mut png, image::ImageOutputFormat::Png).unwrap();
    let one =
        print::letter_pdf(&letter(LetterKind::FriendlyReminder, Who::Professional, None), &PrintOptions::default())
            .unwrap();
    let path = write_pdf(dir.path(), "one.pdf", &one);
    assert!(info(&path).contains("Pages:           1"));
    assert!(one.len() < 10 * 1024, "a one-page letter weighs {} bytes", one.len());

    let kinds = [LetterKind::FriendlyReminder, LetterKind::FirmReminder, LetterKind::FormalNotice];
    let batch: Vec<Letter> = (0..60)
        .map(|index| {
            let mut letter =
                letter(kinds[index % 3], if index % 2 == 0 { Who::Professional } else { Who::Consumer }, None);
            letter.signature_png = Some(png.clone());
            letter
        })
        .collect();
    let bytes = print::letters_pdf(&batch, &PrintOptions::default()).unwrap();
    assert!(bytes.len() < 60 * 10 * 1024, "{} bytes a letter", bytes.len() / 60);
    let path = write_pdf(dir.path(), "batch.pdf", &bytes);
    let fonts = tool("pdffonts", &[], &path);
    assert_eq!(fonts.lines().skip(2).count(), 2, "two fonts for the whole batch:\n{fonts}");
    let output = Command::new("pdfimages").arg("-list").arg(&path).output().expect("pdfimages (poppler-utils)");
    let list = String::from_utf8(output.stdout).unwrap();
    let objects: std::collections::BTreeSet<&str> =
        list.lines().skip(2).map(|row| row.split_whitespace().nth(10).unwrap()).collect();
    assert_eq!(list.lines().skip(2).count(), 60, "a signature on each letter:\n{list}");
    assert_eq!(objects.len(), 1, "one image object for the 60 signatures:\n{list}");
}

/// A batch lays each letter out once and writes it twice, into the batch and into the letter's kept copy:
/// the copy is byte for byte the letter printed alone, signature included, and the batch still holds it.
#[test]
fn a_letter_laid_out_once_for_the_batch_gives_the_same_copy_as_printed_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut signature = image::RgbImage::from_pixel(120, 40, image::Rgb([255, 255, 255]));
    for x in 10..110 {
        signature.put_pixel(x, 10 + (x % 20), image::Rgb([20, 20, 120]));
    }
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(signature).write_to(&mut png, image::ImageOutputFormat::Png).unwrap();
    let options = PrintOptions::default();
    let mut batch = print::LetterBatch::new(&options);
    let mut copies = Vec::new();
    let letters: Vec<Letter> = [LetterKind::FriendlyReminder, LetterKind::FormalNotice, LetterKind::PlanProposal]
        .into_iter()
        .map(|kind| {
            let mut letter = letter(kind, Who::Professional, None);
            letter.signature_png = Some(png.clone());
            letter
        })
        .collect();
    for letter in &letters {
        copies.push(batch.add_and_copy(letter).unwrap());
    }
    for (letter, copy) in letters.iter().zip(&copies) {
        assert_eq!(copy, &print::letter_pdf(letter, &options).unwrap(), "{}", letter.file_name);
    }
    let path = write_pdf(dir.path(), "batch.pdf", &batch.finish());
    let subjects = words(&path).iter().filter(|w| w.text == "Objet").count();
    assert_eq!(subjects, 3, "the batch holds the three letters");
    let copy = write_pdf(dir.path(), "copy.pdf", &copies[2]);
    assert!(tool("pdftotext", &[], &copy).contains("BON POUR ACCORD"));
}

/// Letters outside WinAnsi printed as « ? »: « Stolarnia Wi?niewski », « UL ?Ó?KIEWSKIEGO 5 »,
/// « 90-001 ?OD? » (undeliverable), « Mme Ay?e ?AH?N ». A word holding such a letter prints in Latin
/// letters without marks, as international mail is addressed; the text of the letter keeps the real ones.
#[test]
fn letters_outside_the_standard_fonts_print_as_their_nearest_latin_letters() {
    let dir = tempfile::tempdir().unwrap();
    let mut letter = letter(LetterKind::FormalNotice, Who::Professional, None);
    let address = PostalAddress {
        street: "UL. ŻÓŁKIEWSKIEGO 5".into(),
        postcode: "90-001".into(),
        town: "ŁÓDŹ".into(),
        country: "POLOGNE".into(),
        ..Default::default()
    };
    let name = "Stolarnia Wiśniewski Sp. z o.o.";
    assert_eq!(address.problems(name), Vec::new());
    letter.facts.client.address_lines = address.lines(name);
    letter.body = letter.body.replacen("Madame, Monsieur,", "Madame Şahi\u{307}n,\n\nMme Ayşe ŞAHİN, Dvořák", 1);
    assert!(letter.body.contains("Ayşe ŞAHİN"), "the letter's own text keeps the real letters");
    let path = write_pdf(dir.path(), "pologne.pdf", &print::letter_pdf(&letter, &PrintOptions::default()).unwrap());
    let text = tool("pdftotext", &["-layout"], &path);
    for expected in [
        "Stolarnia Wisniewski Sp. z o.o.",
        "UL ZOLKIEWSKIEGO 5",
        "90-001 LODZ",
        "Madame Sahin,",
        "Mme Ayse SAHIN, Dvorak",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the PDF text:\n{text}");
    }
    assert!(!text.contains('?'), "a character printed as « ? »:\n{text}");
    // The recipient block shows through the window, in Latin letters.
    let block: Vec<String> = words(&path)
        .into_iter()
        .filter(|word| word.page == 1 && word.x_min >= 105.0 && word.y_min >= 45.0 && word.y_max <= 90.0)
        .map(|word| word.text)
        .collect();
    assert_eq!(block.join(" "), "Stolarnia Wisniewski Sp. z o.o. UL ZOLKIEWSKIEGO 5 90-001 LODZ POLOGNE");
}

/// A character with no Latin letter near it (Cyrillic, an emoji) would print as « ? »: the document is
/// refused, naming the character, its field and its word, whichever document it is.
#[test]
fn a_character_with_no_latin_letter_near_it_is_refused_with_its_field() {
    let check = |result: Result<Vec<u8>, LetterError>, expected: &str| {
        let Err(error @ LetterError::Unprintable { .. }) = result else {
            panic!("a character that prints as « ? » must be refused: {expected}");
        };
        assert_eq!(error.kind(), "unprintable");
        assert_eq!(error.to_string(), expected);
    };
    let mut cyrillic = letter(LetterKind::FormalNotice, Who::Professional, None);
    cyrillic.facts.client.address_lines[0] = "ООО Ромашка".into();
    check(
        print::letter_pdf(&cyrillic, &PrintOptions::default()),
        "Le caractère « О » de l'adresse du destinataire (« ООО ») ne peut pas être imprimé : les polices du PDF \
         n'ont que l'alphabet latin et il n'a pas d'équivalent en lettres latines. Écrivez-le en lettres \
         latines, le document n'est pas imprimé.",
    );
    let mut emoji = letter(LetterKind::FormalNotice, Who::Consumer, None);
    emoji.body.push_str("\n\nMerci 🙏");
    let batch = [letter(LetterKind::FormalNotice, Who::Professional, None), emoji];
    check(
        print::letters_pdf(&batch, &PrintOptions::default()),
        "Le caractère « 🙏 » du texte (« 🙏 ») ne peut pas être imprimé : les polices du PDF n'ont que \
         l'alphabet latin et il n'a pas d'équivalent en lettres latines. Écrivez-le en lettres latines, le \
         document n'est pas imprimé.",
    );
    let sender = fixtures::sender();
    let table = print::page::Table {
        title: "Lettres recommandées".into(),
        columns: print::sheets::columns(&[("Destinataire", 50, false), ("Adresse", 50, false)]),
        rows: vec![vec!["Ayşe ŞAHİN".into(), "Москва".into()]],
        bold_rows_from: None,
    };
    let day = fixtures::day("2026-11-22");
    check(
        print::sheets::document_pdf(&sender, "Liste de dépôt", day, Vec::new(), vec![table]),
        "Le caractère « М » de la colonne « Adresse » du tableau « Lettres recommandées » (« Москва ») ne peut \
         pas être imprimé : les polices du PDF n'ont que l'alphabet latin et il n'a pas d'équivalent en \
         lettres latines. Écrivez-le en lettres latines, le document n'est pas imprimé.",
    );
}
