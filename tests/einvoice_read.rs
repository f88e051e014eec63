//! E-invoices read and planned (F2.1): every fixture of `tests/data/einvoice/valid/` to its fields (Factur-X
//! at each profile, ZUGFeRD and XRechnung attachment names, the name tree and `/AF`, CII and UBL invoices
//! and credit notes), every file of `bad/` to the French message that refuses it, every invoice of `rows/`
//! to the rejected row that says why and where; then the conversion into import rows planned against a
//! snapshot (new, unchanged on re-import, updated by a corrected re-issue) and committed, re-imported and
//! undone through a real ledger. Fixtures are written by `tests/data/einvoice/make-fixtures.py`.

use ardoise::domain::model::Profile as SenderProfile;
use ardoise::import::einvoice::{self, DocumentKind, EInvoiceBatch, FileKind, FileOutcome, Profile};
use ardoise::import::plan::{plan, KnownClient, KnownInvoice};
use ardoise::import::{ClientChoice, ImportPlan, LedgerSnapshot, PlannedRow, RowStatus};
use ardoise::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 4, 15) {
    Some(date) => date,
    None => unreachable!(),
};
/// The sole trader every fixture is issued by (make-fixtures.py).
const PROFILE_SIREN: &str = "842357196";

fn bytes(folder: &str, name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/einvoice").join(folder).join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).unwrap()
}

fn euros(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn snapshot() -> LedgerSnapshot {
    LedgerSnapshot { default_payment_terms_days: 30, profile_siren: PROFILE_SIREN.to_string(), ..Default::default() }
}

/// What a valid fixture must read as; empty strings and None where the file says nothing.
struct Expected {
    file: &'static str,
    format: &'static str,
    profile: Profile,
    number: &'static str,
    kind: DocumentKind,
    issue: &'static str,
    due: Option<&'static str>,
    terms: &'static str,
    excl: Option<&'static str>,
    incl: &'static str,
    prepaid: Option<&'static str>,
    amount_due: Option<&'static str>,
    buyer: &'static str,
    buyer_siren: &'static str,
    buyer_siret: &'static str,
    buyer_vat: &'static str,
    buyer_email: &'static str,
    buyer_address: (&'static str, &'static str, &'static str),
    object: &'static str,
    corrects: &'static [&'static str],
}

const DUPONT: &str = "Menuiserie Dupont SARL";
const LEROY: &str = "Boulangerie Leroy";
const ROUX: &str = "Cabinet Roux Architectes";
const VANDENBERGHE: &str = "Atelier Vandenberghe SRL";

fn valid_cases() -> Vec<Expected> {
    let base = Expected {
        file: "",
        format: "",
        profile: Profile::En16931,
        number: "",
        kind: DocumentKind::Invoice,
        issue: "",
        due: None,
        terms: "",
        excl: None,
        incl: "",
        prepaid: None,
        amount_due: None,
        buyer: "",
        buyer_siren: "",
        buyer_siret: "",
        buyer_vat: "",
        buyer_email: "",
        buyer_address: ("", "", ""),
        object: "",
        corrects: &[],
    };
    vec![
        Expected {
            file: "facturx-minimum.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            profile: Profile::Minimum,
            number: "F2026-0101",
            issue: "2026-03-02",
            excl: Some("450.00"),
            incl: "540.00",
            amount_due: Some("540.00"),
            buyer: LEROY,
            buyer_siren: "432187656",
            ..base
        },
        Expected {
            file: "facturx-basic-wl.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            profile: Profile::BasicWl,
            number: "F2026-0102",
            issue: "2026-03-03",
            due: Some("2026-04-02"),
            terms: "Acompte de 300 € versé à la commande, solde à 30 jours.",
            excl: Some("1200.00"),
            incl: "1440.00",
            prepaid: Some("300.00"),
            amount_due: Some("1140.00"),
            buyer: DUPONT,
            buyer_siren: "512345679",
            buyer_vat: "FR75512345679",
            buyer_email: "compta@menuiserie-dupont.fr",
            buyer_address: ("69100", "Villeurbanne", "FR"),
            object: "Rénovation de l'atelier, tranche 1",
            ..base
        },
        Expected {
            file: "facturx-basic.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            profile: Profile::Basic,
            number: "F2026-0103",
            issue: "2026-03-05",
            terms: "Paiement à 45 jours date de facture",
            excl: Some("1200.00"),
            incl: "1440.00",
            amount_due: Some("1440.00"),
            buyer: LEROY,
            buyer_siren: "432187656",
            buyer_vat: "FR64432187656",
            buyer_email: "leroy.boulangerie@orange.fr",
            buyer_address: ("38000", "Grenoble", "FR"),
            object: "Dépose et évacuation de l'ancien parquet ; Pose de parquet chêne massif, 24 m²",
            ..base
        },
        Expected {
            file: "facturx-en16931.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            number: "F2026-0104",
            issue: "2026-03-10",
            due: Some("2026-04-09"),
            terms: "Paiement à 30 jours par virement",
            excl: Some("1200.00"),
            incl: "1440.00",
            amount_due: Some("1440.00"),
            buyer: DUPONT,
            buyer_siren: "512345679",
            buyer_siret: "51234567900025",
            buyer_vat: "FR75512345679",
            buyer_email: "compta@menuiserie-dupont.fr",
            buyer_address: ("69100", "Villeurbanne", "FR"),
            object: "Parquet du bureau d'études",
            ..base
        },
        Expected {
            file: "facturx-en16931-40-lignes.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            number: "F2026-0113",
            issue: "2026-03-26",
            due: Some("2026-04-25"),
            terms: "Paiement à 30 jours",
            excl: Some("1820.00"),
            incl: "2184.00",
            amount_due: Some("2184.00"),
            buyer: DUPONT,
            buyer_siren: "512345679",
            buyer_vat: "FR75512345679",
            buyer_email: "compta@menuiserie-dupont.fr",
            buyer_address: ("69100", "Villeurbanne", "FR"),
            object: "Lot 01 : fourniture et pose de plinthes, pièce 1 ; Lot 02 : fourniture et pose de plinthes, \
                     pièce 2 ; Lot 03 : fourniture et pose de plinthes, pièce 3 (et 37 autres)",
            ..base
        },
        Expected {
            file: "facturx-extended-avoir.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            profile: Profile::Extended,
            number: "A2026-0005",
            kind: DocumentKind::CreditNote,
            issue: "2026-03-18",
            excl: Some("200.00"),
            incl: "240.00",
            amount_due: Some("240.00"),
            buyer: DUPONT,
            buyer_siren: "512345679",
            buyer_vat: "FR75512345679",
            buyer_email: "compta@menuiserie-dupont.fr",
            buyer_address: ("69100", "Villeurbanne", "FR"),
            object: "Remise sur la pose du parquet (lames abîmées)",
            corrects: &["F2026-0104"],
            ..base
        },
        Expected {
            file: "zugferd-invoice.pdf",
            format: "Factur-X (PDF, zugferd-invoice.xml)",
            profile: Profile::Basic,
            number: "F2026-0106",
            issue: "2026-03-20",
            due: Some("2026-04-19"),
            excl: Some("640.00"),
            incl: "768.00",
            amount_due: Some("768.00"),
            buyer: ROUX,
            buyer_siren: "790123459",
            buyer_vat: "FR13790123459",
            buyer_email: "factures@roux-architectes.fr",
            buyer_address: ("69001", "Lyon", "FR"),
            object: "Relevé et plans de l'existant",
            ..base
        },
        Expected {
            file: "zugferd-majuscules.pdf",
            format: "Factur-X (PDF, ZUGFeRD-invoice.xml)",
            number: "F2026-0107",
            issue: "2026-03-21",
            due: Some("2026-04-20"),
            excl: Some("90.00"),
            incl: "108.00",
            amount_due: Some("108.00"),
            buyer: ROUX,
            buyer_siren: "790123459",
            buyer_vat: "FR13790123459",
            buyer_email: "factures@roux-architectes.fr",
            buyer_address: ("69001", "Lyon", "FR"),
            object: "Déplacement",
            ..base
        },
        Expected {
            file: "xrechnung-attachment.pdf",
            format: "Factur-X (PDF, xrechnung.xml)",
            profile: Profile::XRechnung,
            number: "F2026-0108",
            issue: "2026-03-22",
            due: Some("2026-04-21"),
            excl: Some("300.00"),
            incl: "360.00",
            amount_due: Some("360.00"),
            buyer: VANDENBERGHE,
            buyer_vat: "BE0403170701",
            buyer_email: "admin@vandenberghe.be",
            buyer_address: ("1040", "Bruxelles", "BE"),
            object: "Conseil en aménagement",
            ..base
        },
        Expected {
            file: "facturx-af-seulement.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            profile: Profile::Basic,
            number: "F2026-0109",
            issue: "2026-03-23",
            due: Some("2026-04-22"),
            excl: Some("75.00"),
            incl: "90.00",
            amount_due: Some("90.00"),
            buyer: LEROY,
            buyer_siren: "432187656",
            buyer_vat: "FR64432187656",
            buyer_email: "leroy.boulangerie@orange.fr",
            buyer_address: ("38000", "Grenoble", "FR"),
            object: "Remplacement d'une serrure",
            ..base
        },
        Expected {
            file: "facturx-arbre-kids.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            profile: Profile::Basic,
            number: "F2026-0111",
            issue: "2026-03-24",
            due: Some("2026-04-23"),
            excl: Some("60.00"),
            incl: "72.00",
            amount_due: Some("72.00"),
            buyer: LEROY,
            buyer_siren: "432187656",
            buyer_vat: "FR64432187656",
            buyer_email: "leroy.boulangerie@orange.fr",
            buyer_address: ("38000", "Grenoble", "FR"),
            object: "Réglage des portes",
            ..base
        },
        Expected {
            file: "facturx-non-reliee.pdf",
            format: "Factur-X (PDF, factur-x.xml)",
            profile: Profile::Basic,
            number: "F2026-0112",
            issue: "2026-03-24",
            due: Some("2026-04-23"),
            excl: Some("40.00"),
            incl: "48.00",
            amount_due: Some("48.00"),
            buyer: LEROY,
            buyer_siren: "432187656",
            buyer_vat: "FR64432187656",
            buyer_email: "leroy.boulangerie@orange.fr",
            buyer_address: ("38000", "Grenoble", "FR"),
            object: "Fourniture d'une poignée",
            ..base
        },
        Expected {
            file: "cii-facture.xml",
            format: "CII (XML)",
            number: "F2026-0110",
            issue: "2026-03-25",
            due: Some("2026-04-24"),
            excl: Some("980.00"),
            incl: "980.00",
            amount_due: Some("980.00"),
            buyer: VANDENBERGHE,
            buyer_vat: "BE0403170701",
            buyer_email: "admin@vandenberghe.be",
            buyer_address: ("1040", "Bruxelles", "BE"),
            object: "Étude de faisabilité",
            ..base
        },
        Expected {
            file: "cii-avoir.xml",
            format: "CII (XML)",
            number: "A2026-0011",
            kind: DocumentKind::CreditNote,
            issue: "2026-03-30",
            excl: Some("80.00"),
            incl: "80.00",
            amount_due: Some("80.00"),
            buyer: VANDENBERGHE,
            buyer_vat: "BE0403170701",
            buyer_email: "admin@vandenberghe.be",
            buyer_address: ("1040", "Bruxelles", "BE"),
            object: "Geste commercial",
            corrects: &["F2026-0110"],
            ..base
        },
        Expected {
            file: "ubl-facture.xml",
            format: "UBL Invoice (XML)",
            profile: Profile::Peppol,
            number: "F2026-0120",
            issue: "2026-04-01",
            due: Some("2026-05-01"),
            terms: "30 jours fin de mois, acompte de 750 € reçu",
            excl: Some("2500.00"),
            incl: "3000.00",
            prepaid: Some("750.00"),
            amount_due: Some("2250.00"),
            buyer: ROUX,
            buyer_siren: "790123459",
            buyer_siret: "79012345900014",
            buyer_vat: "FR13790123459",
            buyer_email: "factures@roux-architectes.fr",
            buyer_address: ("69001", "Lyon", "FR"),
            object: "Maîtrise d'œuvre, lot menuiseries",
            ..base
        },
        Expected {
            file: "ubl-avoir.xml",
            format: "UBL CreditNote (XML)",
            profile: Profile::Peppol,
            number: "A2026-0021",
            kind: DocumentKind::CreditNote,
            issue: "2026-04-08",
            due: Some("2026-04-08"),
            excl: Some("100.00"),
            incl: "120.00",
            amount_due: Some("120.00"),
            buyer: ROUX,
            buyer_siren: "790123459",
            buyer_siret: "79012345900014",
            buyer_vat: "FR13790123459",
            buyer_email: "factures@roux-architectes.fr",
            buyer_address: ("69001", "Lyon", "FR"),
            object: "Rabais sur le suivi de chantier",
            corrects: &["F2026-0120"],
            ..base
        },
        Expected {
            file: "ubl-facture-latin1.xml",
            format: "UBL Invoice (XML)",
            profile: Profile::Peppol,
            number: "F2026-0121",
            issue: "2026-04-02",
            terms: "Paiement comptant à réception",
            excl: Some("150.00"),
            incl: "180.00",
            amount_due: Some("180.00"),
            buyer: DUPONT,
            buyer_siren: "512345679",
            buyer_siret: "51234567900025",
            buyer_vat: "FR75512345679",
            buyer_email: "compta@menuiserie-dupont.fr",
            buyer_address: ("69100", "Villeurbanne", "FR"),
            object: "Réparation d'une fenêtre",
            ..base
        },
    ]
}

fn check_valid(expected: &Expected) {
    let file = expected.file;
    let invoice = einvoice::read(file, &bytes("valid", file)).unwrap_or_else(|error| panic!("{file}: {error}"));
    let amount = |value: Option<&str>| value.map(euros);
    assert_eq!(invoice.format_label(), expected.format, "{file}: format");
    assert_eq!(invoice.profile, expected.profile, "{file}: profile");
    assert_eq!(invoice.number, expected.number, "{file}: number");
    assert_eq!(invoice.kind, expected.kind, "{file}: kind");
    assert_eq!(invoice.issue_date, Some(day(expected.issue)), "{file}: issue date");
    assert_eq!(invoice.due_date, expected.due.map(day), "{file}: due date");
    assert_eq!(invoice.payment_terms, expected.terms, "{file}: payment terms");
    assert_eq!(invoice.currency, "EUR", "{file}: currency");
    assert_eq!(invoice.total_excl_vat, amount(expected.excl), "{file}: total excl. VAT");
    assert_eq!(invoice.total_incl_vat, Some(euros(expected.incl)), "{file}: total incl. VAT");
    assert_eq!(invoice.prepaid, amount(expected.prepaid), "{file}: prepaid");
    assert_eq!(invoice.amount_due, amount(expected.amount_due), "{file}: amount due");
    let buyer = &invoice.buyer;
    assert_eq!(buyer.name, expected.buyer, "{file}: buyer");
    assert_eq!(buyer.siren, expected.buyer_siren, "{file}: buyer SIREN");
    assert_eq!(buyer.siret, expected.buyer_siret, "{file}: buyer SIRET");
    assert_eq!(buyer.vat_number, expected.buyer_vat, "{file}: buyer VAT");
    assert_eq!(buyer.email, expected.buyer_email, "{file}: buyer e-mail");
    assert_eq!((buyer.postcode.as_str(), buyer.town.as_str(), buyer.country.as_str()), expected.buyer_address);
    assert_eq!(invoice.seller.name, "Camille Martin EI", "{file}: seller");
    assert_eq!(invoice.seller.siren, PROFILE_SIREN, "{file}: seller SIREN");
    assert_eq!(invoice.object, expected.object, "{file}: object");
    assert_eq!(invoice.corrects, expected.corrects, "{file}: corrected invoice");
    assert!(invoice.problems.is_empty(), "{file}: {:?}", invoice.problems);
}

#[test]
fn every_valid_fixture_reads_its_fields() {
    for expected in valid_cases() {
        check_valid(&expected);
    }
}

#[test]
fn the_minimum_profile_has_no_address_and_the_basic_wl_the_buyers_lines() {
    let minimum = einvoice::read("m.pdf", &bytes("valid", "facturx-minimum.pdf")).unwrap();
    assert!(minimum.buyer.address_lines.is_empty() && minimum.due_date.is_none() && minimum.object.is_empty());
    let basic_wl = einvoice::read("b.pdf", &bytes("valid", "facturx-basic-wl.pdf")).unwrap();
    assert_eq!(basic_wl.buyer.address_lines, ["4 avenue Jean Jaurès", "Zone artisanale du Parc"]);
    assert_eq!(basic_wl.guideline, "urn:factur-x.eu:1p0:basicwl");
    assert_eq!(basic_wl.seller.trade_name, "Martin Rénovation");
}

#[test]
fn every_bad_file_is_refused_whole_with_its_french_message() {
    let cases = [
        ("vide.pdf", "empty", "Le fichier « vide.pdf » est vide."),
        (
            "pdf-sans-facture.pdf",
            "pdf_without_invoice",
            "Le PDF « pdf-sans-facture.pdf » ne contient pas de facture électronique (aucune pièce jointe). C'est \
             sans doute une facture PDF ordinaire : demandez la version Factur-X à votre logiciel de facturation ou à \
             votre plateforme, ou saisissez la facture à la main.",
        ),
        (
            "pdf-autres-pieces-jointes.pdf",
            "pdf_without_invoice",
            "Le PDF « pdf-autres-pieces-jointes.pdf » ne contient pas de facture électronique (pièces jointes : \
             « conditions.txt », « annexe.xml »). C'est sans doute une facture PDF ordinaire : demandez la version \
             Factur-X à votre logiciel de facturation ou à votre plateforme, ou saisissez la facture à la main.",
        ),
        (
            "pdf-chiffre.pdf",
            "encrypted_pdf",
            "Le PDF « pdf-chiffre.pdf » est protégé (chiffré ou par mot de passe) : une Factur-X ne l'est jamais. \
             Enregistrez une version non protégée depuis votre logiciel de facturation, puis recommencez.",
        ),
        (
            "pdf-tronque.pdf",
            "truncated_pdf",
            "Le PDF « pdf-tronque.pdf » est incomplet (coupé avant sa fin, pendant un téléchargement ou une copie ?). \
             Récupérez à nouveau le fichier, puis recommencez.",
        ),
        (
            "pdf-abime.pdf",
            "damaged_pdf",
            "Le PDF « pdf-abime.pdf » est abîmé et illisible (syntaxe PDF invalide). Récupérez à nouveau le fichier, \
             puis recommencez.",
        ),
        (
            "pdf-piece-jointe-abimee.pdf",
            "damaged_attachment",
            "La pièce jointe « factur-x.xml » du PDF « pdf-piece-jointe-abimee.pdf » est illisible (contenu compressé \
             illisible) : le PDF est sans doute abîmé. Récupérez à nouveau le fichier, puis recommencez.",
        ),
        (
            "pdf-bombe.pdf",
            "attachment_too_large",
            "La pièce jointe « factur-x.xml » du PDF « pdf-bombe.pdf » dépasse 16 Mo une fois décompressée : ce \
             n'est pas une facture électronique ordinaire.",
        ),
        (
            "pdf-xml-casse.pdf",
            "broken_xml",
            "Le XML « factur-x.xml » joint au PDF « pdf-xml-casse.pdf » est mal formé, ligne 9, colonne 18 (balise \
             fermante « ram:ID » au lieu de « ram:TypeCode »). Ce n'est pas une facture électronique valide : \
             demandez un nouvel export à l'émetteur.",
        ),
        (
            "xml-tronque.xml",
            "truncated_xml",
            "Le XML « xml-tronque.xml » est incomplet : il s'arrête avant la fin de la facture (fichier coupé ?). \
             Récupérez à nouveau le fichier, puis recommencez.",
        ),
        (
            "xml-mal-forme.xml",
            "broken_xml",
            "Le XML « xml-mal-forme.xml » est mal formé, ligne 19, colonne 78 (balise fermante « ram:Nom » au lieu \
             de « ram:Name »). Ce n'est pas une facture électronique valide : demandez un nouvel export à l'émetteur.",
        ),
        (
            "xml-entites.xml",
            "xml_with_dtd",
            "Le XML « xml-entites.xml » déclare une DTD ou des entités : Ardoise ne les lit pas, par sécurité. Une \
             facture CII ou UBL n'en contient jamais.",
        ),
        (
            "xml-virement-sepa.xml",
            "not_cii_nor_ubl",
            "Le XML « xml-virement-sepa.xml » n'est ni une facture CII (Factur-X, ZUGFeRD) ni une facture UBL : son \
             élément racine est « Document ».",
        ),
        (
            "commande-order-x.xml",
            "not_cii_nor_ubl",
            "Le XML « commande-order-x.xml » n'est ni une facture CII (Factur-X, ZUGFeRD) ni une facture UBL : son \
             élément racine est « SCRDMCCBDACIOMessageStructure » : c'est une commande Order-X, pas une facture.",
        ),
        (
            "ubl-commande.xml",
            "not_cii_nor_ubl",
            "Le XML « ubl-commande.xml » n'est ni une facture CII (Factur-X, ZUGFeRD) ni une facture UBL : son \
             élément racine est « Order » : c'est un document UBL « Order », pas une facture ni un avoir.",
        ),
        (
            "zugferd1.xml",
            "zugferd1",
            "Le XML « zugferd1.xml » est au format ZUGFeRD 1.0 (2014), remplacé depuis par Factur-X / ZUGFeRD 2 : \
             Ardoise ne le lit pas. Demandez une version Factur-X de la facture, ou saisissez-la à la main.",
        ),
        (
            "xml-encodage-ebcdic.xml",
            "unsupported_encoding",
            "Le XML « xml-encodage-ebcdic.xml » est encodé en « ebcdic-cp-fr », un encodage qu'Ardoise ne lit pas. \
             Enregistrez-le en UTF-8, puis recommencez.",
        ),
        (
            "scan-facture.pdf",
            "not_an_einvoice",
            "Le fichier « scan-facture.pdf » n'est ni un PDF ni un fichier XML : ce n'est pas une facture \
             électronique (Factur-X, CII ou UBL). Pour un tableau, importez-le au format CSV ou XLSX.",
        ),
        (
            "tableau.csv",
            "not_an_einvoice",
            "Le fichier « tableau.csv » n'est ni un PDF ni un fichier XML : ce n'est pas une facture électronique \
             (Factur-X, CII ou UBL). Pour un tableau, importez-le au format CSV ou XLSX.",
        ),
    ];
    for (file, kind, message) in cases {
        let error = einvoice::prepare_file(file, &bytes("bad", file)).expect_err(file);
        assert_eq!((error.kind(), error.to_string().as_str()), (kind, message), "{file}");
    }
    let listed =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/einvoice/bad")).unwrap().count();
    assert_eq!(listed, cases.len(), "every bad file has its case");
}

/// Plans one file against the fixtures' snapshot.
fn plan_file(folder: &str, file: &str, snapshot: &LedgerSnapshot) -> ImportPlan {
    let batch = einvoice::prepare_file(file, &bytes(folder, file)).unwrap_or_else(|error| panic!("{file}: {error}"));
    plan(batch.prepared, snapshot, TODAY)
}

#[test]
fn an_invoice_that_cannot_be_imported_is_a_rejected_row_saying_why_and_where() {
    let cases = [
        (
            "autre-vendeur.xml",
            "Vendeur (BT-27, BT-30)",
            "SARL Bâti Concurrent (SIREN 388765430)",
            "facture émise par « SARL Bâti Concurrent » (SIREN 388765430), pas par vous (SIREN 842357196 dans le \
             profil) : Ardoise ne relance que vos propres factures",
        ),
        (
            "devise-usd.xml",
            "Devise (BT-5, ram:InvoiceCurrencyCode)",
            "USD",
            "facture en « USD » : Ardoise tient le registre en euros (EUR) seulement",
        ),
        (
            "avoir-sans-facture.xml",
            "Facture corrigée (BT-25, ram:IssuerAssignedID)",
            "A2026-0031",
            "un avoir doit nommer la facture qu'il corrige (référence à la facture antérieure) : demandez à \
             l'émetteur un avoir qui la cite, ou saisissez-le à la main",
        ),
        (
            "pro-forma.xml",
            "Type de document (BT-3, ram:TypeCode)",
            "325",
            "type de document « 325 » : ni une facture ni un avoir : c'est une facture pro forma, qui ne se règle pas",
        ),
        (
            "date-illisible.xml",
            "Date de facture (BT-2, ram:IssueDateTime)",
            "20261345",
            "date illisible « 20261345 » (attendu : AAAAMMJJ, format 102)",
        ),
        ("sans-numero.xml", "N° de facture (BT-1, ram:ID)", "", "numéro de facture absent"),
        (
            "siren-acheteur-faux.xml",
            "SIREN/SIRET de l'acheteur (BT-47, ram:ID)",
            "512345678",
            "SIREN « 512345678 » invalide : la clé de contrôle ne correspond pas. Vérifiez les chiffres.",
        ),
    ];
    for (file, column, value, message) in cases {
        let planned = plan_file("rows", file, &snapshot());
        assert_eq!((planned.new, planned.rejected_rows), (0, 1), "{file}");
        let problem = &planned.rejected[0];
        assert_eq!((problem.row, problem.column.as_str(), problem.value.as_str()), (1, column, value), "{file}");
        assert_eq!(problem.message, message, "{file}");
    }
}

#[test]
fn a_profile_without_siren_refuses_e_invoices_until_it_is_filled_in() {
    let planned = plan_file("valid", "facturx-en16931.pdf", &LedgerSnapshot::default());
    assert_eq!(planned.rejected_rows, 1);
    assert!(planned.rejected[0].message.starts_with("votre SIREN n'est pas renseigné dans le profil (Réglages)"));
}

const VALID: [&str; 17] = [
    "facturx-minimum.pdf",
    "facturx-basic-wl.pdf",
    "facturx-basic.pdf",
    "facturx-en16931.pdf",
    "facturx-en16931-40-lignes.pdf",
    "facturx-extended-avoir.pdf",
    "zugferd-invoice.pdf",
    "zugferd-majuscules.pdf",
    "xrechnung-attachment.pdf",
    "facturx-af-seulement.pdf",
    "facturx-arbre-kids.pdf",
    "facturx-non-reliee.pdf",
    "cii-facture.xml",
    "cii-avoir.xml",
    "ubl-facture.xml",
    "ubl-avoir.xml",
    "ubl-facture-latin1.xml",
];

fn valid_batch() -> EInvoiceBatch {
    let files: Vec<(&str, Vec<u8>)> = VALID.iter().map(|file| (*file, bytes("valid", file))).collect();
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(name, data)| (*name, data.as_slice())).collect();
    einvoice::prepare_files("factures-mars", &borrowed)
}

fn planned_row<'a>(plan: &'a ImportPlan, number: &str) -> &'a PlannedRow {
    plan.rows.iter().find(|row| row.number == number).unwrap_or_else(|| panic!("no row {number}"))
}

#[test]
fn a_folder_of_e_invoices_plans_like_a_spreadsheet() {
    // Dupont is already a client under another spelling: its SIREN finds it.
    let mut known = snapshot();
    known.clients.push(KnownClient {
        id: 7,
        name: "DUPONT MENUISERIE".into(),
        siren_siret: "512345679".into(),
        email: String::new(),
        payment_terms: Some(ardoise::domain::terms::PaymentTerms::days(45)),
    });
    let batch = valid_batch();
    assert!(batch.files.iter().all(|file| matches!(file.outcome, FileOutcome::Read { .. })));
    let planned = plan(batch.prepared, &known, TODAY);
    assert_eq!(
        (planned.new, planned.updated, planned.unchanged, planned.rejected_rows),
        (17, 0, 0, 0),
        "{:?}",
        planned.rejected
    );
    let names: Vec<&str> = planned.new_clients.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, [LEROY, ROUX, VANDENBERGHE]);
    let belgian = &planned.new_clients[2].fields;
    assert_eq!((belgian.address.postcode.as_str(), belgian.address.country.as_str()), ("1040", "BELGIQUE"));
    // (number, client, amount, due date, payment, object)
    let cases = [
        ("F2026-0102", Some(7), "1440.00", "2026-04-02", Some("300.00"), "Rénovation de l'atelier, tranche 1"),
        ("F2026-0104", Some(7), "1440.00", "2026-04-09", None, "Parquet du bureau d'études"),
        (
            "A2026-0005",
            Some(7),
            "-240.00",
            "2026-05-02",
            None,
            "Avoir sur la facture F2026-0104 : Remise sur la pose du parquet (lames abîmées)",
        ),
        ("F2026-0101", None, "540.00", "2026-04-01", None, ""),
        (
            "F2026-0103",
            None,
            "1440.00",
            "2026-04-19",
            None,
            "Dépose et évacuation de l'ancien parquet ; Pose de parquet chêne massif, 24 m²",
        ),
        ("A2026-0011", None, "-80.00", "2026-04-29", None, "Avoir sur la facture F2026-0110 : Geste commercial"),
        ("F2026-0120", None, "3000.00", "2026-05-01", Some("750.00"), "Maîtrise d'œuvre, lot menuiseries"),
        (
            "A2026-0021",
            None,
            "-120.00",
            "2026-04-08",
            None,
            "Avoir sur la facture F2026-0120 : Rabais sur le suivi de chantier",
        ),
        ("F2026-0121", Some(7), "180.00", "2026-04-02", None, "Réparation d'une fenêtre"),
    ];
    for (number, client, amount, due, payment, object) in cases {
        let row = planned_row(&planned, number);
        assert_eq!(row.status, RowStatus::New, "{number}");
        if let Some(id) = client {
            assert_eq!(row.client, ClientChoice::Existing { id }, "{number}");
        }
        assert_eq!(row.amount, euros(amount), "{number}");
        assert_eq!(row.due_date, day(due), "{number}");
        assert_eq!(row.payment, payment.map(euros), "{number}");
        assert_eq!(row.object, object, "{number}");
    }
    assert_eq!(planned_row(&planned, "A2026-0005").corrects.as_deref(), Some("F2026-0104"));
    assert_eq!(planned_row(&planned, "A2026-0005").amount_excl_vat, Some(euros("-200.00")));
}

#[test]
fn a_missing_due_date_is_said_in_the_row() {
    let planned = plan(valid_batch().prepared, &snapshot(), TODAY);
    let cases: [(&str, &[&str]); 4] = [
        (
            "F2026-0101",
            &[
                "Pas de date d'échéance (BT-9) ni de conditions de paiement dans la facture.",
                "Échéance calculée au 01/04/2026 : délai de paiement par défaut de 30 jours.",
            ],
        ),
        (
            "F2026-0103",
            &[
                "Pas de date d'échéance (BT-9) : échéance du 19/04/2026 tirée des conditions de paiement « Paiement \
                 à 45 jours date de facture ».",
                // Its client came from an earlier file of the batch that gave neither.
                "Fiche client complétée d'après ce fichier (champs vides jusqu'ici) : E-mail \
                 « leroy.boulangerie@orange.fr », adresse « 27 place Grenette, 38000 GRENOBLE ».",
            ],
        ),
        (
            "F2026-0121",
            &["Pas de date d'échéance (BT-9) : échéance du 02/04/2026 tirée des conditions de paiement « Paiement \
               comptant à réception »."],
        ),
        (
            "A2026-0005",
            &[
                "Pas de date d'échéance (BT-9) ni de conditions de paiement dans la facture.",
                "Échéance calculée au 17/04/2026 : délai de paiement par défaut de 30 jours.",
            ],
        ),
    ];
    for (number, notes) in cases {
        assert_eq!(planned_row(&planned, number).notes, notes, "{number}");
    }
    assert!(planned_row(&planned, "F2026-0104").notes.is_empty());
}

#[test]
fn the_same_invoice_twice_in_a_folder_is_read_once_and_a_bad_file_is_a_rejected_row() {
    let pdf = bytes("valid", "facturx-en16931.pdf");
    let broken = bytes("bad", "pdf-tronque.pdf");
    let reissue = bytes("reissue", "facturx-en16931-corrigee.pdf");
    let files: [(&str, &[u8]); 4] = [
        ("F2026-0104.pdf", &pdf),
        ("copie/F2026-0104.pdf", &pdf),
        ("coupee.pdf", &broken),
        ("F2026-0104-v2.pdf", &reissue),
    ];
    let batch = einvoice::prepare_files("dossier", &files);
    assert!(
        matches!(&batch.files[1].outcome, FileOutcome::Duplicate { of_row: 1, of_file } if of_file == "F2026-0104.pdf")
    );
    assert!(matches!(batch.files[2].outcome, FileOutcome::Refused { error: "truncated_pdf", .. }));
    let planned = plan(batch.prepared, &snapshot(), TODAY);
    assert_eq!((planned.new, planned.skipped, planned.rejected_rows), (1, 1, 2));
    let rejected: Vec<(usize, &str, &str)> =
        planned.rejected.iter().map(|p| (p.row, p.column.as_str(), p.value.as_str())).collect();
    assert_eq!(rejected, [(3, "Fichier", "coupee.pdf"), (4, "N° de facture (BT-1)", "F2026-0104")]);
    assert!(planned.rejected[0].message.starts_with("Le PDF « coupee.pdf » est incomplet"));
    assert_eq!(
        planned.rejected[1].message,
        "numéro « F2026-0104 » déjà lu, avec d'autres montants ou dates, dans le fichier « F2026-0104.pdf » (ligne 1) \
         : fichier ignoré"
    );
}

#[test]
fn re_import_changes_nothing_and_a_corrected_reissue_updates_against_a_snapshot() {
    let first = plan(valid_batch().prepared, &snapshot(), TODAY);
    // The snapshot the ledger would give after committing the first plan.
    let mut after = snapshot();
    let mut ids: HashMap<String, i64> = HashMap::new();
    for (index, client) in first.new_clients.iter().enumerate() {
        let id = 100 + index as i64;
        after.clients.push(KnownClient {
            id,
            name: client.name.clone(),
            siren_siret: client.fields.siren_siret.clone(),
            email: client.fields.email.clone(),
            payment_terms: None,
        });
        ids.insert(client.name.clone(), id);
    }
    for (index, row) in first.rows.iter().enumerate() {
        let client_id = match row.client {
            ClientChoice::Existing { id } => id,
            ClientChoice::New { index } => ids[&first.new_clients[index].name],
        };
        after.invoices.insert(
            row.number.clone(),
            KnownInvoice {
                id: index as i64 + 1,
                client_id,
                issue_date: row.issue_date,
                due_date: row.due_date,
                amount: row.amount,
                amount_excl_vat: row.amount_excl_vat,
                object: row.object.clone(),
                nature: row.nature,
                paid: row.payment.unwrap_or_default(),
                corrects: row.corrects.clone(),
                document: row.document.clone(),
            },
        );
    }
    let again = plan(valid_batch().prepared, &after, TODAY);
    assert_eq!((again.new, again.updated, again.unchanged, again.rejected_rows), (0, 0, 17, 0));
    let reissue = plan_file("reissue", "facturx-en16931-corrigee.pdf", &after);
    assert_eq!((reissue.new, reissue.updated), (0, 1));
    let changes: Vec<(&str, &str, &str)> =
        reissue.rows[0].changes.iter().map(|c| (c.field, c.before.as_str(), c.after.as_str())).collect();
    assert_eq!(
        changes,
        [
            ("due_date", "09/04/2026", "24/04/2026"),
            ("amount", "1 440,00 €", "1 380,00 €"),
            ("amount_excl_vat", "1 200,00 €", "1 150,00 €"),
            ("document", "facturx-en16931.pdf", "facturx-en16931-corrigee.pdf")
        ]
    );
    // A payment recorded since the invoice was issued is no contradiction of its prepaid amount.
    after.invoices.get_mut("F2026-0102").unwrap().paid = euros("1440.00");
    let paid_since = plan_file("valid", "facturx-basic-wl.pdf", &after);
    assert_eq!((paid_since.unchanged, paid_since.rejected_rows), (1, 0));
}

fn ledger_with_profile() -> Ledger {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let profile = SenderProfile {
        legal_name: "Camille Martin EI".into(),
        trade_name: "Martin Rénovation".into(),
        siren_siret: "84235719600018".into(),
        ..SenderProfile::default()
    };
    ledger.save_profile(&profile).unwrap();
    ledger
}

#[test]
fn through_the_ledger_commit_re_import_reissue_and_undo() {
    let mut ledger = ledger_with_profile();
    let empty = ledger.export().unwrap();
    let first = plan(valid_batch().prepared, &ledger.import_snapshot().unwrap(), TODAY);
    let record = ledger.commit_import(&first).unwrap().expect("written");
    assert_eq!((record.file_name.as_str(), record.new), ("factures-mars", 17));
    let clients = ardoise::desk::clients::client_list(&ledger, TODAY).unwrap();
    let balance = |name: &str| clients.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{name}")).balance;
    // Dupont: 1440 − 300 prepaid, 1440, 2184, the credit note −240, 180. Vandenberghe: 360, 980, −80.
    // Roux: 768, 108, 3000 − 750 prepaid, −120.
    assert_eq!(balance(DUPONT), euros("4704.00"));
    assert_eq!(balance(VANDENBERGHE), euros("1260.00"));
    assert_eq!(balance(ROUX), euros("3006.00"));
    let imported = ledger.export().unwrap();

    let again = plan(valid_batch().prepared, &ledger.import_snapshot().unwrap(), TODAY);
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 17));
    assert!(ledger.commit_import(&again).unwrap().is_none(), "a re-import writes nothing");

    let reissue = einvoice::prepare_file("F2026-0104.pdf", &bytes("reissue", "facturx-en16931-corrigee.pdf")).unwrap();
    let reissue = plan(reissue.prepared, &ledger.import_snapshot().unwrap(), TODAY);
    assert_eq!(reissue.updated, 1);
    ledger.commit_import(&reissue).unwrap().expect("written");
    let invoices = ardoise::desk::invoices::invoice_list(&ledger, None, TODAY).unwrap();
    let corrected = &invoices.iter().find(|i| i.row.invoice.number == "F2026-0104").unwrap().row.invoice;
    assert_eq!((corrected.amount, corrected.due_date), (euros("1380.00"), day("2026-04-24")));

    ledger.undo_last_import().unwrap();
    assert_eq!(
        serde_json::to_value(ledger.export().unwrap()).unwrap()["tables"]["invoices"],
        serde_json::to_value(&imported).unwrap()["tables"]["invoices"]
    );
    ledger.undo_last_import().unwrap();
    let undone = serde_json::to_value(ledger.export().unwrap()).unwrap();
    for table in ["clients", "invoices", "payments"] {
        assert_eq!(undone["tables"][table], serde_json::to_value(&empty).unwrap()["tables"][table], "{table}");
    }
}

#[test]
fn the_format_is_told_from_the_bytes_not_the_name() {
    let cases: [(&[u8], Option<FileKind>); 8] = [
        (b"%PDF-1.7\n", Some(FileKind::Pdf)),
        (b"\r\n\r\n%PDF-1.4 after some junk", Some(FileKind::Pdf)),
        (b"<?xml version=\"1.0\"?><Invoice/>", Some(FileKind::Xml)),
        (b"\xEF\xBB\xBF  <rsm:CrossIndustryInvoice/>", Some(FileKind::Xml)),
        (b"\xFF\xFE<\0?\0", Some(FileKind::Xml)),
        (b"<!DOCTYPE html><html></html>", None),
        (b"N\xC2\xB0 facture;Client\n", None),
        (b"PK\x03\x04", None),
    ];
    for (bytes, expected) in cases {
        assert_eq!(einvoice::sniff(bytes), expected, "{:?}", String::from_utf8_lossy(bytes));
    }
    // A UBL invoice named .pdf is still read as the UBL it is.
    let invoice = einvoice::read("facture.pdf", &bytes("valid", "ubl-facture.xml")).unwrap();
    assert_eq!(invoice.format_label(), "UBL Invoice (XML)");
}

#[test]
fn the_reform_electronic_address_gives_the_siren_when_nothing_else_does() {
    // The buyer of the UBL invoice stripped of its legal registration, SIRET and VAT number: its
    // electronic address (scheme 0225) is still its SIREN.
    let xml = String::from_utf8(bytes("valid", "ubl-facture.xml")).unwrap();
    let stripped = xml
        .replace(r#"<cbc:CompanyID schemeID="0002">790123459</cbc:CompanyID>"#, "")
        .replace(
            r#"<cac:PartyIdentification><cbc:ID schemeID="0009">79012345900014</cbc:ID></cac:PartyIdentification>"#,
            "",
        )
        .replace("FR13790123459", "");
    assert_ne!(stripped, xml);
    let invoice = einvoice::read("sans-siren.xml", stripped.as_bytes()).unwrap();
    assert_eq!((invoice.buyer.siren.as_str(), invoice.buyer.siret.as_str()), ("790123459", ""));
}

/// A PDF written from numbered object bodies, object 1 the catalog, with a correct cross-reference table.
fn pdf_of(objects: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (number, body) in objects {
        offsets.push(out.len());
        out.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out.extend_from_slice(trailer.as_bytes());
    out
}

#[test]
fn a_pdf_crowded_with_attachments_is_refused_without_opening_them_all() {
    // 4,000 XML attachments that are not invoices, linked from nowhere: only a few are opened, and the
    // refusal lists the first names.
    let mut objects = vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec()),
    ];
    for index in 0..4_000u32 {
        let stream = 4 + 2 * index;
        objects.push((stream, b"<< /Length 9 >>\nstream\n<annexe/>\nendstream".to_vec()));
        let spec = format!("<< /Type /Filespec /F (annexe-{index:04}.xml) /EF << /F {stream} 0 R >> >>");
        objects.push((stream + 1, spec.into_bytes()));
    }
    let started = std::time::Instant::now();
    let error = einvoice::read("pieces.pdf", &pdf_of(&objects)).unwrap_err();
    assert_eq!(error.kind(), "pdf_without_invoice");
    assert!(
        error.to_string().contains(
            "(pièces jointes : « annexe-0000.xml », « annexe-0001.xml », « annexe-0002.xml », \
                                    « annexe-0003.xml », « annexe-0004.xml » et 995 autres)"
        ),
        "{error}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "took {:?}", started.elapsed());
}

#[test]
fn only_credit_notes_and_corrected_invoices_correct_the_invoice_they_cite() {
    // The CII credit note citing F2026-0110, given other type codes: (code, amount, corrects, note).
    let cases = [
        ("381", "-80.00", Some("F2026-0110"), None),
        (
            "384",
            "80.00",
            Some("F2026-0110"),
            Some(
                "Facture rectificative : elle annule et remplace la facture « F2026-0110 », qui n'est plus réclamée \
                 (ce que celle-ci a reçu vient en déduction de la rectificative).",
            ),
        ),
        ("380", "80.00", None, Some("Facture qui cite la facture « F2026-0110 ».")),
    ];
    let xml = String::from_utf8(bytes("valid", "cii-avoir.xml")).unwrap();
    for (code, amount, corrects, note) in cases {
        let typed = xml.replace("<ram:TypeCode>381</ram:TypeCode>", &format!("<ram:TypeCode>{code}</ram:TypeCode>"));
        let invoice = einvoice::read("avoir.xml", typed.as_bytes()).unwrap();
        let row = einvoice::import_row(&invoice, 1).unwrap();
        assert_eq!(row.amount, euros(amount), "{code}");
        assert_eq!(row.corrects.as_deref(), corrects, "{code}");
        assert_eq!(row.notes.iter().find(|n| n.contains("F2026-0110")).map(String::as_str), note, "{code}");
    }
}
