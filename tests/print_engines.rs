//! Every kind of PDF Ardoise writes — letters, a long letter, the day's batch, the payment plan letter and
//! its agreement form, the deposit list, the dossier's documents, the calibration page, the livre des
//! recettes and a statement of account — read back by two engines: Poppler (`pdftotext -bbox`) and
//! Ghostscript (`txtwrite`, the rasteriser of most Linux print queues, and `bbox`). Both must read the same words at the same places (within a point), nothing may
//! print past the margins, and page 1 of each is rendered by both into `target/test-output/` for a look.

// Engines report positions in points as floats; comparing them is float arithmetic.
#![allow(clippy::float_arithmetic)]

mod fixtures;

use ardoise::desk::dispatch::{self as archive, SendingForm};
use ardoise::desk::letters::{self as desk, ExportTarget};
use ardoise::desk::plans::{self as plan_desk, Frequency};
use ardoise::desk::proposals::{self, ProposalAction};
use ardoise::desk::{books, clients, demo, deposit, dossier, Ledger};
use ardoise::documents::letters::{self, catalogue, Letter};
use ardoise::documents::print::{self, PrintOptions};
use ardoise::domain::letter_kind::LetterKind;
use chrono::NaiveDate;
use fixtures::{facts_for, Who};
use std::path::{Path, PathBuf};
use std::process::Command;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// `target/test-output/`, kept after the run for a look at the renders.
fn output_folder() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("test-output");
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

fn letter(kind: LetterKind, who: Who, body: Option<&str>) -> Letter {
    let template = catalogue::embedded(kind.id()).unwrap();
    letters::compose(facts_for(kind, who, ""), template.name, template.source, body).unwrap()
}

fn client_named(ledger: &Ledger, name: &str) -> i64 {
    clients::client_list(ledger, today()).unwrap().into_iter().find(|c| c.name == name).expect(name).id
}

/// Every kind of document, written into `folder`: (name, file).
fn documents(folder: &Path) -> Vec<(String, PathBuf)> {
    let mut written = Vec::new();
    let mut keep = |name: &str, bytes: Vec<u8>| {
        let path = folder.join(format!("{name}.pdf"));
        std::fs::write(&path, bytes).unwrap();
        written.push((name.to_string(), path));
    };
    let options = PrintOptions::default();
    keep(
        "mise-en-demeure-pro",
        print::letter_pdf(&letter(LetterKind::FormalNotice, Who::Professional, None), &options).unwrap(),
    );
    keep(
        "mise-en-demeure-particulier",
        print::letter_pdf(&letter(LetterKind::FormalNotice, Who::Consumer, None), &options).unwrap(),
    );
    let paragraph = "Ce paragraphe répété allonge le courrier pour vérifier la pagination : chaque page suivante \
                     porte son numéro et le bloc du destinataire ne figure qu'en première page.";
    let long = letter(LetterKind::FirmReminder, Who::Professional, Some(&vec![paragraph; 40].join("\n\n")));
    keep("courrier-long", print::letter_pdf(&long, &options).unwrap());
    let shifted = PrintOptions { offset_x_mm: 5.into(), offset_y_mm: (-3).into() };
    keep("calibrage", print::calibration_pdf(&shifted).unwrap());

    let work = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&work.path().join("ledger.sqlite3")).unwrap();
    demo::populate(&mut ledger, today()).unwrap();
    fixtures::enter_2026_s2_rates(&mut ledger);
    // The déclaration de créance states only what the user confirmed (issue 13, defect 6): no sum to fall
    // due and no security, for the demo's client in a collective procedure.
    let transports = ardoise::desk::clients::client_list(&ledger, today())
        .unwrap()
        .into_iter()
        .find(|client| client.name == "Transports Vidal SARL")
        .expect("the demo's client in a collective procedure")
        .id;
    ardoise::desk::procedure::confirm_claim_statement(&mut ledger, transports, "", "", today()).unwrap();

    // The day's batch: the demo's proposals whose address prints.
    for proposal in proposals::proposals(&ledger, today()).unwrap() {
        let client = ledger.client(proposal.client_id).unwrap();
        if client.fields.address.problems(&client.fields.display_name()).is_empty() {
            proposals::decide_proposal(&mut ledger, proposal.client_id, today(), ProposalAction::Accept).unwrap();
        }
    }
    let drafted = ledger.letters_to_print().unwrap();
    let registered = drafted.iter().find(|row| row.kind == LetterKind::FormalNotice).map(|row| row.id);
    let batch = desk::export_batch(&mut ledger, today(), &work.path().join("lot"), true, false, |_, _| ()).unwrap();
    keep("lot-du-jour", std::fs::read(&batch[0]).unwrap());

    // The deposit list of a registered letter sent the next business day.
    let deposit_day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let sending = SendingForm {
        deposit_date: Some(deposit_day),
        tracking_number: "1A00967621453".into(),
        level: "R2".into(),
        with_receipt: true,
    };
    archive::send_letter(&mut ledger, registered.expect("a formal notice in the batch"), &sending).unwrap();
    let list = deposit::deposit_list(&ledger, deposit_day).unwrap();
    keep("liste-de-depot", deposit::deposit_list_pdf(&ledger, list.date).unwrap());

    // The plan letter and its agreement form, drafted for the client just sent a formal notice.
    let late = client_named(&ledger, "Hôtel des Célestins");
    let plan_options = plan_desk::PlanOptions { count: Some(6), frequency: Frequency::Monthly, ..Default::default() };
    let plan = plan_desk::draft(&mut ledger, late, today(), &plan_options).unwrap();
    let plan_file =
        plan_desk::export(&mut ledger, plan.id, today(), &ExportTarget::Folder(work.path().into())).unwrap();
    keep("echeancier", std::fs::read(plan_file).unwrap());

    // The dossier of the client with the most letters sent.
    let mut counts = std::collections::BTreeMap::new();
    for row in ledger.dispatch_rows(None).unwrap().iter().filter(|row| row.status == "sent") {
        *counts.entry(row.client_id).or_insert(0) += 1;
    }
    let (advanced, _) = counts.into_iter().max_by_key(|(_, count)| *count).unwrap();
    let out = work.path().join("dossiers");
    std::fs::create_dir_all(&out).unwrap();
    let built = dossier::build(&ledger, advanced, today(), &out).unwrap();
    for (name, file) in [
        ("dossier-recapitulatif", "01 Récapitulatif chronologique.pdf"),
        ("dossier-decompte", "02 Décompte de la créance.pdf"),
        ("dossier-injonction", "03 Fiche injonction de payer.pdf"),
    ] {
        keep(name, std::fs::read(built.folder.join(file)).unwrap());
    }

    // The books of the month: the demo's livre des recettes of the year (several pages), and the
    // statement of account of the client whose cheque was rejected.
    let year = books::period(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), today()).unwrap();
    let book = work.path().join("livre.pdf");
    books::export_receipts(&ledger, year, books::BookFormat::Pdf, &book, today()).unwrap();
    keep("livre-des-recettes", std::fs::read(book).unwrap());
    let roussel = client_named(&ledger, "M. Julien ROUSSEL");
    let (_, statement) =
        books::export_statement(&ledger, roussel, today(), &ExportTarget::Folder(work.path().into())).unwrap();
    keep("releve-de-compte", std::fs::read(statement).unwrap());
    written
}

/// A word as an engine reads it: page (1-based), text, left and right edges and baseline, in points
/// from the top-left corner.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    text: String,
    x0: f64,
    x1: f64,
    baseline: f64,
}

/// Points from millimetres.
fn points(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}

/// Runs an engine's tool on `path` (placed after `before` and before `after`).
fn run(program: &str, before: &[&str], path: &Path, after: &[&str]) -> std::process::Output {
    let output = Command::new(program).args(before).arg(path).args(after).output();
    let output = output.unwrap_or_else(|e| panic!("{program} (installed by scripts/setup): {e}"));
    assert!(output.status.success(), "{program} {}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    output
}

/// The value of `name="..."` in an XML element, unescaped.
fn attribute(element: &str, name: &str) -> String {
    let start = element.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("{name} in {element}")) + name.len() + 3;
    unescape(element[start..].split('"').next().unwrap())
}

/// XML text with its entities (named, decimal and hexadecimal) replaced by their characters.
fn unescape(text: &str) -> String {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        plain.push_str(&rest[..start]);
        let end = rest[start..].find(';').map_or(rest.len(), |end| start + end);
        let entity = &rest[start + 1..end];
        let character = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "amp" => Some('&'),
            _ => entity
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        plain.extend(character);
        rest = &rest[(end + 1).min(rest.len())..];
    }
    plain.push_str(rest);
    plain
}

fn numbers(text: &str) -> Vec<f64> {
    text.split_whitespace().map(|n| n.parse().unwrap()).collect()
}

/// Poppler's words (`pdftotext -bbox`). Its box runs from the font's ascent to its descent around the
/// baseline (Helvetica: 718 and −207 thousandths), so the baseline is 207/925 of the height above its bottom.
fn poppler_words(path: &Path) -> Vec<Word> {
    let html = String::from_utf8(run("pdftotext", &["-bbox"], path, &["-"]).stdout).unwrap();
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if line.starts_with("<word ") {
            let text = line.split('>').nth(1).unwrap().split('<').next().unwrap();
            let number = |name: &str| attribute(line, name).parse::<f64>().unwrap();
            let (top, bottom) = (number("yMin"), number("yMax"));
            words.push(Word {
                page,
                text: unescape(text),
                x0: number("xMin"),
                x1: number("xMax"),
                baseline: bottom - (bottom - top) * 207.0 / 925.0,
            });
        }
    }
    words
}

/// Ghostscript's words (`txtwrite`, one element per character with its box on the baseline, in whole
/// points), cut at spaces and at the end of each text run.
fn ghostscript_words(path: &Path) -> Vec<Word> {
    let arguments = ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite", "-dTextFormat=0", "-sOutputFile=-"];
    let xml = String::from_utf8(run("gs", &arguments, path, &[]).stdout).unwrap();
    let mut page = 0;
    let mut words = Vec::new();
    let mut current: Option<Word> = None;
    for element in xml.split('<').map(str::trim) {
        if element.starts_with("page") {
            page += 1;
        } else if element.starts_with("char ") {
            let c = attribute(element, "c");
            let bbox = numbers(&attribute(element, "bbox"));
            if c == " " {
                words.extend(current.take());
                continue;
            }
            let word =
                current.get_or_insert(Word { page, text: String::new(), x0: bbox[0], x1: bbox[2], baseline: bbox[1] });
            word.text.push_str(&c);
            word.x1 = bbox[2];
        } else if element.starts_with("/span") {
            words.extend(current.take());
        }
    }
    words
}

/// What Ghostscript marks on each page (`bbox`): left, top, right, bottom in millimetres from the top-left.
fn ghostscript_boxes(path: &Path) -> Vec<[f64; 4]> {
    let output = run("gs", &["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=bbox"], path, &[]);
    let mm = |points: f64| points * 25.4 / 72.0;
    String::from_utf8(output.stderr)
        .unwrap()
        .lines()
        .filter_map(|line| line.strip_prefix("%%HiResBoundingBox:"))
        .map(|numbers_text| {
            let n = numbers(numbers_text);
            [mm(n[0]), 297.0 - mm(n[3]), mm(n[2]), 297.0 - mm(n[1])]
        })
        .collect()
}

/// Page 1 rendered by Poppler and by Ghostscript at 50 dpi into `folder`, and the box of its ink in
/// millimetres (left, top, right, bottom) for each.
fn renders(path: &Path, name: &str, folder: &Path) -> [(PathBuf, [f64; 4]); 2] {
    let poppler = folder.join(format!("{name}.poppler"));
    run("pdftoppm", &["-r", "50", "-f", "1", "-l", "1", "-png", "-singlefile"], path, &[poppler.to_str().unwrap()]);
    let poppler = poppler.with_extension("poppler.png");
    let ghostscript = folder.join(format!("{name}.ghostscript.png"));
    let output = format!("-sOutputFile={}", ghostscript.display());
    let arguments =
        ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m", "-r50", "-dFirstPage=1", "-dLastPage=1"];
    run("gs", &[&arguments[..], &[output.as_str()]].concat(), path, &[]);
    [poppler, ghostscript].map(|png| {
        let image = image::open(&png).unwrap().to_luma8();
        let (mut left, mut top, mut right, mut bottom) = (u32::MAX, u32::MAX, 0, 0);
        for (x, y, pixel) in image.enumerate_pixels() {
            if pixel.0[0] < 128 {
                (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x + 1), bottom.max(y + 1));
            }
        }
        let mm = |pixels: u32| f64::from(pixels) * 25.4 / 50.0;
        (png, [mm(left), mm(top), mm(right), mm(bottom)])
    })
}

/// Every difference between the two engines' reading of a PDF, and anything past the margins.
fn problems(name: &str, path: &Path, folder: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let poppler = poppler_words(path);
    let mut ghostscript = ghostscript_words(path);
    if poppler.is_empty() {
        problems.push(format!("{name}: Poppler reads no word"));
    }
    for word in &poppler {
        let found = ghostscript.iter().position(|other| {
            other.page == word.page
                && other.text == word.text
                && (other.x0 - word.x0).abs() <= 1.0
                && (other.x1 - word.x1).abs() <= 1.0
                && (other.baseline - word.baseline).abs() <= 1.0
        });
        match found {
            Some(index) => {
                ghostscript.swap_remove(index);
            }
            None => problems.push(format!("{name}: Ghostscript does not read {word:?} where Poppler does")),
        }
    }
    problems.extend(ghostscript.iter().map(|word| format!("{name}: only Ghostscript reads {word:?}")));
    // Text stays in the frame: from the left margin of the body (20 mm) to the window's right edge (195
    // mm), within 10 mm of the top and bottom edges.
    for word in &poppler {
        let inside = word.x0 >= points(19.5) && word.x1 <= points(195.5);
        let within = word.baseline >= points(10.0) && word.baseline <= points(287.0);
        if !inside || !within {
            problems.push(format!("{name}: word outside the text frame: {word:?}"));
        }
    }
    // Marks stay 10 mm from the edges, but for the fold marks (from 4 mm, in the left margin by design);
    // half a millimetre for the width of a stroke.
    for (index, [left, top, right, bottom]) in ghostscript_boxes(path).into_iter().enumerate() {
        if left < 3.5 || right > 200.5 || top < 9.5 || bottom > 287.5 {
            problems.push(format!(
                "{name}, page {}: marks past the margins: {left:.1} {top:.1} {right:.1} {bottom:.1} mm",
                index + 1
            ));
        }
    }
    let [(poppler_png, poppler_ink), (ghostscript_png, ghostscript_ink)] = renders(path, name, folder);
    if poppler_ink.iter().zip(ghostscript_ink).any(|(a, b)| (a - b).abs() > 1.5) {
        problems.push(format!(
            "{name}: page 1 inks {poppler_ink:.1?} mm in Poppler ({}) but {ghostscript_ink:.1?} mm in Ghostscript ({})",
            poppler_png.display(),
            ghostscript_png.display()
        ));
    }
    problems
}

#[test]
fn every_pdf_reads_the_same_in_poppler_and_ghostscript() {
    let folder = output_folder();
    let documents = documents(&folder);
    assert_eq!(documents.len(), 12);
    let problems: Vec<String> = documents.iter().flat_map(|(name, path)| problems(name, path, &folder)).collect();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
