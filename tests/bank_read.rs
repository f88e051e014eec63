//! Reading bank statements (F11) through the public reader: every fixture of tests/data/bank/ (one per
//! bank CSV layout and per format) with its counts, sums and a few exact lines; every bad file of
//! tests/data/bank/bad/ with the French message a user reads; fingerprints across overlapping statements;
//! a remembered mapping for a CSV no bank name describes.

use ardoise::import::bank::{
    read_statement, Balance, BankField, BankMapping, CsvOptions, Direction, LineStatus, Statement, StatementFormat,
    StatementLine,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/bank").join(name)
}

fn read(name: &str) -> Statement {
    let bytes = std::fs::read(data(name)).unwrap();
    read_statement(name, &bytes, CsvOptions::default()).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// What a fixture must read as: its format and layout, how many booked credits and debits and their sums,
/// the lines set aside (pending or reversed) and the rows skipped.
struct Expected {
    file: &'static str,
    format: StatementFormat,
    layout: Option<&'static str>,
    credits: usize,
    credit_sum: &'static str,
    debits: usize,
    debit_sum: &'static str,
    set_aside: usize,
    skipped: usize,
}

/// Every statement tells the same month: 5 credits (4 286,60 €) and 3 debits (687,89 €) booked.
const FIXTURES: [Expected; 26] = [
    fixture("bnp-paribas.csv", StatementFormat::Csv, Some("BNP Paribas"), 0, 0),
    fixture("societe-generale.csv", StatementFormat::Csv, Some("Société Générale"), 0, 0),
    fixture("credit-agricole.csv", StatementFormat::Csv, Some("Crédit Agricole"), 0, 0),
    fixture("credit-mutuel.csv", StatementFormat::Csv, Some("Crédit Mutuel / CIC"), 0, 0),
    fixture("cic-montant.csv", StatementFormat::Csv, Some("Crédit Mutuel / CIC"), 0, 0),
    fixture("caisse-epargne.csv", StatementFormat::Csv, Some("Caisse d'Épargne / Banque Populaire"), 0, 0),
    fixture("la-banque-postale.csv", StatementFormat::Csv, Some("La Banque Postale"), 0, 0),
    fixture("lcl.csv", StatementFormat::Csv, None, 0, 1),
    fixture("lcl-solde-seul.csv", StatementFormat::Csv, None, 0, 1),
    fixture("lcl-tabulations.xls", StatementFormat::Csv, None, 0, 1),
    fixture("lcl-solde-date.csv", StatementFormat::Csv, None, 0, 1),
    fixture("boursorama.csv", StatementFormat::Csv, Some("Boursorama"), 0, 0),
    fixture("qonto.csv", StatementFormat::Csv, Some("Qonto"), 2, 0),
    fixture("qonto-fr.csv", StatementFormat::Csv, Some("Qonto"), 1, 0),
    fixture("shine.csv", StatementFormat::Csv, Some("Shine"), 0, 0),
    fixture("n26.csv", StatementFormat::Csv, Some("N26"), 0, 0),
    fixture("n26-ancien.csv", StatementFormat::Csv, Some("N26"), 0, 0),
    fixture("revolut.csv", StatementFormat::Csv, Some("Revolut"), 2, 0),
    fixture("revolut-business.csv", StatementFormat::Csv, Some("Revolut Business"), 2, 0),
    fixture("solde-en-pied.csv", StatementFormat::Csv, None, 0, 2),
    fixture("excel-texte-unicode.csv", StatementFormat::Csv, None, 0, 0),
    fixture("ofx1-sgml-1252.ofx", StatementFormat::Ofx1, None, 0, 0),
    fixture("ofx2.ofx", StatementFormat::Ofx2, None, 0, 0),
    fixture("cfonb120.txt", StatementFormat::Cfonb120, None, 0, 0),
    fixture("cfonb120-sans-retour.txt", StatementFormat::Cfonb120, None, 0, 0),
    fixture("camt053-v02.xml", StatementFormat::Camt053, Some("camt.053.001.02"), 2, 0),
];

const fn fixture(
    file: &'static str,
    format: StatementFormat,
    layout: Option<&'static str>,
    set_aside: usize,
    skipped: usize,
) -> Expected {
    Expected {
        file,
        format,
        layout,
        credits: 5,
        credit_sum: "4286.60",
        debits: 3,
        debit_sum: "-687.89",
        set_aside,
        skipped,
    }
}

fn check(expected: &Expected) {
    let statement = read(expected.file);
    let name = expected.file;
    assert!(statement.problems.is_empty(), "{name}: {:?}", statement.problems);
    assert_eq!(statement.format, expected.format, "{name}");
    assert_eq!(statement.layout.as_deref(), expected.layout, "{name}");
    let booked = |direction| {
        statement
            .lines
            .iter()
            .filter(move |line: &&StatementLine| line.status == LineStatus::Booked && line.direction == direction)
    };
    assert_eq!(booked(Direction::Credit).count(), expected.credits, "{name}: credits");
    assert_eq!(
        booked(Direction::Credit).map(|line| line.amount).sum::<Decimal>(),
        money(expected.credit_sum),
        "{name}"
    );
    assert_eq!(booked(Direction::Debit).count(), expected.debits, "{name}: debits");
    assert_eq!(booked(Direction::Debit).map(|line| line.amount).sum::<Decimal>(), money(expected.debit_sum), "{name}");
    let set_aside = statement.lines.iter().filter(|line| line.status != LineStatus::Booked).count();
    assert_eq!(set_aside, expected.set_aside, "{name}: pending or reversed");
    assert_eq!(statement.skipped, expected.skipped, "{name}: skipped");
    // Every line has a fingerprint, all different.
    let mut fingerprints: Vec<&str> = statement.lines.iter().map(|line| line.fingerprint.as_str()).collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), statement.lines.len(), "{name}: fingerprints");
    // The garage's transfer of 5 November for F2026-068 names the garage.
    let garage = booked(Direction::Credit).find(|line| line.booking_date == day("2026-11-05")).unwrap();
    assert_eq!(garage.amount, money("1200.00"), "{name}");
    assert!(garage.all_text().to_uppercase().contains("GARAGE DU CENT"), "{name}: {garage:?}");
}

#[test]
fn every_bank_layout_and_format_reads_with_its_counts_and_sums() {
    for expected in &FIXTURES {
        check(expected);
    }
    let mut v08 = fixture("camt053-v08.xml", StatementFormat::Camt053, Some("camt.053.001.08"), 2, 0);
    v08.layout = Some("camt.053.001.08");
    check(&v08);
}

/// A line as a test states it: position, booking date, amount, label, details, reference, counterparty
/// name and IBAN.
type Line = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

fn check_line(name: &str, line: &StatementLine, expected: Line) {
    let (position, date, amount, label, details, reference, counterparty, iban) = expected;
    assert_eq!(line.position, position, "{name}: {line:?}");
    assert_eq!(line.booking_date, day(date), "{name}: {line:?}");
    assert_eq!(line.amount, money(amount), "{name}: {line:?}");
    assert_eq!(line.label, label, "{name}: {line:?}");
    assert_eq!(line.details, details, "{name}: {line:?}");
    assert_eq!(line.reference.as_deref(), reference, "{name}: {line:?}");
    assert_eq!(line.counterparty_name.as_deref(), counterparty, "{name}: {line:?}");
    assert_eq!(line.counterparty_iban.as_deref(), iban, "{name}: {line:?}");
}

#[test]
fn exact_lines_keep_their_position_texts_and_payer() {
    let cases: [(&str, usize, Line); 10] = [
        (
            "bnp-paribas.csv",
            0,
            (
                4,
                "2026-11-05",
                "1200.00",
                "VIR SEPA RECU",
                "VIR SEPA RECU /DE GARAGE DU CENTRE /MOTIF FACTURE F2026-068",
                None,
                Some("GARAGE DU CENTRE"),
                None,
            ),
        ),
        (
            "credit-agricole.csv",
            0,
            (
                11,
                "2026-11-05",
                "1200.00",
                "VIREMENT EN VOTRE FAVEUR GARAGE DU CENTRE FACTURE F2026-068",
                "",
                None,
                None,
                None,
            ),
        ),
        (
            "credit-agricole.csv",
            1,
            (16, "2026-11-06", "-45.90", "PAIEMENT PAR CARTE CARREFOUR CITY", "", None, None, None),
        ),
        (
            "societe-generale.csv",
            2,
            (
                6,
                "2026-11-07",
                "1500.00",
                "VIR SEPA RECU",
                "VIR SEPA RECU 2611074501 DE: BOULANGERIE MARTIN SARL MOTIF: FACT 2026-071 REF: NOTPROVIDED",
                None,
                Some("BOULANGERIE MARTIN SARL"),
                None,
            ),
        ),
        (
            "la-banque-postale.csv",
            0,
            (
                8,
                "2026-11-20",
                "936.60",
                "VIR SEPA RECU /DE RESTAURANT LE PRE FLEURI /MOTIF REGLEMENT",
                "",
                None,
                Some("RESTAURANT LE PRE FLEURI"),
                None,
            ),
        ),
        (
            "qonto.csv",
            0,
            (
                2,
                "2026-11-05",
                "1200.00",
                "GARAGE DU CENTRE",
                "",
                Some("FACTURE F2026-068"),
                Some("GARAGE DU CENTRE"),
                Some("FR7830004008190001234567843"),
            ),
        ),
        ("ofx1-sgml-1252.ofx", 4, (75, "2026-11-12", "-612.00", "PRLV SEPA URSSAF RHÔNE-A", "", None, None, None)),
        (
            "cfonb120.txt",
            0,
            (
                2,
                "2026-11-05",
                "1200.00",
                "VIR SEPA GARAGE DU CENTRE",
                "VIR SEPA RECU /DE GARAGE DU CENTRE /MOTIF FACTURE F2026-068",
                Some("FACTURE F2026-068"),
                Some("GARAGE DU CENTRE"),
                None,
            ),
        ),
        (
            "camt053-v02.xml",
            2,
            (
                12,
                "2026-11-07",
                "1500.00",
                "REMISE VIREMENTS SEPA 2 OPERATIONS",
                "FACT 2026-071",
                None,
                Some("BOULANGERIE MARTIN SARL"),
                Some("FR7110278073000002012345678"),
            ),
        ),
        (
            "camt053-v08.xml",
            3,
            (
                12,
                "2026-11-07",
                "936.60",
                "REMISE VIREMENTS SEPA 2 OPERATIONS",
                "",
                Some("F2026-074"),
                Some("RESTAURANT LE PRE FLEURI"),
                Some("FR9616807000010987654321097"),
            ),
        ),
    ];
    for (name, index, expected) in cases {
        let statement = read(name);
        check_line(name, &statement.lines[index], expected);
    }
}

/// N26 and Revolut exports were refused whole (« il manque une colonne de libellé »): N26 writes no label
/// but its partner, Revolut names its booking date « Completed Date » or « Date completed (UTC) ». Each line
/// now gives the payer, the reference the invoice number is in, the IBAN, the amount as it came in (a
/// Revolut fee is charged apart) and the bank's id; Revolut Business's « Payer », the member of the team
/// who paid by card, is no counterparty.
#[test]
fn n26_and_revolut_exports_give_payer_reference_amount_and_state() {
    let garage = "FR7830004008190001234567843";
    let cases: [(&str, usize, Line); 6] = [
        (
            "n26.csv",
            0,
            (
                2,
                "2026-11-05",
                "1200.0",
                "GARAGE DU CENTRE",
                "",
                Some("FACTURE F2026-068"),
                Some("GARAGE DU CENTRE"),
                Some(garage),
            ),
        ),
        (
            "n26-ancien.csv",
            2,
            (
                4,
                "2026-11-07",
                "1500.0",
                "BOULANGERIE MARTIN SARL",
                "",
                Some("FACT 2026-071"),
                Some("BOULANGERIE MARTIN SARL"),
                None,
            ),
        ),
        (
            "revolut.csv",
            0,
            (2, "2026-11-05", "1200.00", "Payment from Garage Du Centre", "", None, Some("Garage Du Centre"), None),
        ),
        // The top-up of 350 € came in whole; its 1,75 € fee is Revolut's charge, not a smaller payment.
        ("revolut.csv", 3, (5, "2026-11-10", "350.00", "Top-up by *4821", "", None, None, None)),
        (
            "revolut-business.csv",
            0,
            (
                2,
                "2026-11-05",
                "1200.00",
                "Payment from Garage Du Centre",
                "",
                Some("FACTURE F2026-068"),
                Some("Garage Du Centre"),
                None,
            ),
        ),
        ("revolut-business.csv", 1, (3, "2026-11-06", "-45.90", "Carrefour City", "", None, None, None)),
    ];
    for (name, index, expected) in cases {
        let statement = read(name);
        check_line(name, &statement.lines[index], expected);
    }
    let business = read("revolut-business.csv");
    assert_eq!(business.lines[0].bank_reference.as_deref(), Some("6582a1b2-0001-a000-8000-000000000001"));
    assert_eq!(business.lines[0].method_hint, "TOPUP");
    assert_eq!(read("n26.csv").lines[0].method(), ardoise::domain::model::PaymentMethod::Transfer);
    // PENDING is waiting, REVERTED set aside, whatever the edition.
    for name in ["revolut.csv", "revolut-business.csv"] {
        let aside: Vec<(String, LineStatus)> = read(name)
            .lines
            .iter()
            .filter(|line| line.status != LineStatus::Booked)
            .map(|line| (line.amount.to_string(), line.status))
            .collect();
        let reverted = if name == "revolut.csv" { "-19.90" } else { "99.90" };
        assert_eq!(
            aside,
            [("250.00".to_string(), LineStatus::Pending), (reverted.to_string(), LineStatus::Reversed)],
            "{name}"
        );
    }
}

/// A pending Revolut transfer has no « Date completed (UTC) » yet: it was reported « Ligne illisible :
/// Ligne 10, Date : date vide ». It is read on the day it started, and waits.
#[test]
fn a_pending_line_without_completion_date_waits_instead_of_being_unreadable() {
    for name in ["revolut.csv", "revolut-business.csv"] {
        let statement = read(name);
        assert_eq!(statement.problems, [], "{name}");
        let pending = statement.lines.iter().find(|line| line.status == LineStatus::Pending).unwrap();
        assert_eq!((pending.position, pending.booking_date), (10, day("2026-11-30")), "{name}");
    }
}

/// « Solde au 30/11/2026 » and « Total des opérations » written in the date column were reported « date
/// illisible »: they are a balance and a total, passed over like those of an undated row. A word that
/// merely contains one (« TOTALENERGIES ») is still an unreadable date.
#[test]
fn balance_and_total_rows_in_the_date_column_are_passed_over() {
    let statement = read("solde-en-pied.csv");
    assert_eq!((statement.problems.len(), statement.skipped, statement.lines.len()), (0, 2, 8));
    let text = "Date;Libellé;Montant\n05/11/2026;VIR SEPA GARAGE DU CENTRE;1200,00\nTOTALENERGIES;CB STATION;-60,00\n\
                Sous-total novembre;;1140,00\n";
    let statement = read_statement("pied.csv", text.as_bytes(), CsvOptions::default()).unwrap();
    let problems: Vec<String> = statement.problems.iter().map(|p| p.describe()).collect();
    assert_eq!(problems, ["Ligne 3, Date : date illisible « TOTALENERGIES »"]);
    assert_eq!((statement.lines.len(), statement.skipped), (1, 1));
}

/// A statement saved by Excel as « Texte Unicode » (UTF-16 with its byte order mark, tabs) was refused
/// « un encodage que les banques n'utilisent pas » while the invoice import reads it: it is decoded by the
/// same decoder, and its fingerprint is that of the bytes given.
#[test]
fn excel_unicode_text_reads_as_the_invoice_import_reads_it() {
    let statement = read("excel-texte-unicode.csv");
    assert_eq!((statement.lines.len(), statement.problems.len()), (8, 0));
    assert_eq!(statement.lines[0].label, "VIR SEPA RECU /DE GARAGE DU CENTRE /MOTIF FACTURE F2026-068");
    assert_eq!(statement.lines[0].amount, money("1200.00"));
    let bytes = std::fs::read(data("excel-texte-unicode.csv")).unwrap();
    assert_eq!(statement.sha256, ardoise::domain::digest::sha256_hex(&bytes));
    // The same text in UTF-8 reads the same lines.
    let utf8 = encoding_rs::UTF_16LE.decode_with_bom_removal(&bytes).0.into_owned();
    let again = read_statement("releve.csv", utf8.as_bytes(), CsvOptions::default()).unwrap();
    let strip =
        |s: &Statement| s.lines.iter().map(|l| (l.amount, l.label.clone(), l.fingerprint.clone())).collect::<Vec<_>>();
    assert_eq!(strip(&statement), strip(&again));
}

#[test]
fn balances_and_accounts_are_read_where_the_format_gives_them() {
    let cfonb = read("cfonb120.txt");
    assert_eq!(
        cfonb.opening_balance.as_ref().map(|b| (b.date, b.amount)),
        Some((Some(day("2026-10-31")), money("4512.30")))
    );
    assert_eq!(cfonb.closing_balance.as_ref().map(|b| b.amount), Some(money("8111.01")));
    assert_eq!(cfonb.accounts, ["30004 00550 00001578452"]);
    let camt = read("camt053-v08.xml");
    assert_eq!(camt.accounts, ["FR7030002005500000157845Z02"]);
    assert_eq!(camt.closing_balance.as_ref().map(|b| b.amount), Some(money("7991.01")));
    let ofx = read("ofx1-sgml-1252.ofx");
    assert_eq!(ofx.accounts, ["0000157845Z"]);
    assert_eq!(ofx.closing_balance.as_ref().map(|b| b.amount), Some(money("8111.01")));
    // The same statement with and without line breaks reads the same lines.
    let flat = read("cfonb120-sans-retour.txt");
    let strip =
        |s: &Statement| s.lines.iter().map(|l| (l.amount, l.label.clone(), l.fingerprint.clone())).collect::<Vec<_>>();
    assert_eq!(strip(&cfonb), strip(&flat));
    // LCL leaves the currency and the decimals blank on its balance records (01, 07): they lost their
    // balances and each gave a problem; blank is euros with 2 decimals.
    let lcl = read("cfonb120-lcl-sans-devise.txt");
    assert_eq!(lcl.problems, []);
    assert_eq!(
        (lcl.opening_balance.clone(), lcl.closing_balance.clone(), strip(&lcl)),
        (cfonb.opening_balance.clone(), cfonb.closing_balance.clone(), strip(&cfonb))
    );
}

/// LCL's last line is its final balance alone (`;8111,01;;;;;`, no date, no label): it was reported as an
/// unreadable line (« date vide »). It is the closing balance, set aside; an undated line anywhere else is
/// still reported.
#[test]
fn a_last_line_holding_only_an_amount_is_the_closing_balance() {
    let lcl = read("lcl-solde-seul.csv");
    assert_eq!((lcl.problems.len(), lcl.skipped), (0, 1), "{:?}", lcl.problems);
    assert_eq!(lcl.closing_balance, Some(Balance { date: None, amount: money("8111.01") }));
    let text = std::fs::read(data("lcl-solde-seul.csv")).unwrap();
    let mut rows: Vec<&[u8]> = text.split(|byte| *byte == b'\n').filter(|row| !row.is_empty()).collect();
    rows.insert(3, b";250,00;Virement;;VIR SEPA RECU /DE GARAGE DU CENTRE;;");
    rows.insert(5, b";250,00;;;;;");
    let bytes = rows.join(&b'\n');
    let statement = read_statement("lcl-sans-date.csv", &bytes, CsvOptions::default()).unwrap();
    let problems: Vec<String> = statement.problems.iter().map(|p| p.describe()).collect();
    assert_eq!(problems, ["Ligne 4, Date : date vide", "Ligne 6, Date : date vide"]);
    assert_eq!(statement.closing_balance.map(|balance| balance.amount), Some(money("8111.01")));
}

/// Regression: LCL ends its export with the balance on the last day, the account's RIB where the labels
/// are (`30/11/2026<tab>8111,01<tab><tab><tab>30002 00550 0000157845Z 02`, its tab-separated « .xls ») or
/// nothing after the amount (its `;` form). That line was read as a credit of 8 111,01 € left to match,
/// stretching the statement to the 30th. It is the closing balance, dated; the movements read as lcl.csv's.
#[test]
fn lcl_dated_balance_line_with_the_rib_is_the_closing_balance_not_a_credit() {
    let expected: Vec<(NaiveDate, Decimal, String)> =
        read("lcl.csv").lines.iter().map(|line| (line.booking_date, line.amount, line.label.clone())).collect();
    for name in ["lcl-tabulations.xls", "lcl-solde-date.csv"] {
        let lcl = read(name);
        assert_eq!((lcl.problems.len(), lcl.skipped), (0, 1), "{name}: {:?}", lcl.problems);
        let lines: Vec<(NaiveDate, Decimal, String)> =
            lcl.lines.iter().map(|line| (line.booking_date, line.amount, line.label.clone())).collect();
        assert_eq!(lines, expected, "{name}");
        assert_eq!(
            lcl.closing_balance,
            Some(Balance { date: Some(day("2026-11-30")), amount: money("8111.01") }),
            "{name}"
        );
    }
    // Written with the IBAN instead, the balance is passed over too; but a movement keeps its label, even
    // one shaped like an IBAN (« CB12 CARREFOUR… » fails its key), and a row with any word is a movement.
    // (ISO-8859-15 taken byte for byte: its accented letters here are Latin-1's.)
    let text: String = std::fs::read(data("lcl-tabulations.xls")).unwrap().into_iter().map(char::from).collect();
    let rib = "30002 00550 0000157845Z 02";
    for (variant, closing, lines) in [
        (text.replace(rib, "FR70 3000 2005 5000 0015 7845 Z02"), Some(money("8111.01")), 8),
        (text.replace(rib, "CB12 CARREFOUR MARKET"), None, 9),
        (text.replace(&format!("\t\t\t{rib}"), "\tVirement\t\tVIR SEPA RECU /DE MARTIN IMMOBILIER"), None, 9),
    ] {
        let statement = read_statement("lcl.xls", variant.as_bytes(), CsvOptions::default()).unwrap();
        assert_eq!(statement.problems, [], "{variant}");
        assert_eq!(statement.closing_balance.map(|balance| balance.amount), closing, "{variant}");
        assert_eq!(statement.lines.len(), lines, "{variant}");
    }
}

#[test]
fn statuses_set_pending_and_reversed_lines_aside() {
    let camt = read("camt053-v02.xml");
    let statuses: Vec<(String, LineStatus)> = camt
        .lines
        .iter()
        .filter(|l| l.status != LineStatus::Booked)
        .map(|l| (l.amount.to_string(), l.status))
        .collect();
    assert_eq!(statuses, [("-120.00".to_string(), LineStatus::Reversed), ("250.00".to_string(), LineStatus::Pending)]);
    let qonto = read("qonto.csv");
    let statuses: Vec<LineStatus> = qonto.lines.iter().map(|l| l.status).skip(8).collect();
    assert_eq!(statuses, [LineStatus::Pending, LineStatus::Reversed]);
}

/// Two statements of the same account that overlap (October 20 to November 10, then November 1 to 30)
/// give the same fingerprints to the lines they share, and two identical payments on one day stay two.
#[test]
fn overlapping_statements_share_the_fingerprints_of_their_common_lines() {
    let november = "Date;Libellé;Montant\n05/11/2026;VIR SEPA GARAGE DU CENTRE;1200,00\n06/11/2026;CB CARREFOUR;-45,90\n06/11/2026;CB CARREFOUR;-45,90\n20/11/2026;VIR SEPA LE PRE FLEURI;936,60\n";
    let october = "Date;Libellé;Montant\n20/10/2026;PRLV EDF;-80,00\n05/11/2026;VIR SEPA GARAGE DU CENTRE;1200,00\n06/11/2026;CB CARREFOUR;-45,90\n06/11/2026;CB CARREFOUR;-45,90\n";
    let first = read_statement("octobre.csv", october.as_bytes(), CsvOptions::default()).unwrap();
    let second = read_statement("novembre.csv", november.as_bytes(), CsvOptions::default()).unwrap();
    let known: Vec<&str> = first.lines.iter().map(|l| l.fingerprint.as_str()).collect();
    let new: Vec<usize> =
        second.lines.iter().filter(|l| !known.contains(&l.fingerprint.as_str())).map(|l| l.position).collect();
    assert_eq!(new, [5]);
    // OFX: the bank's FITID is the identity, whatever the label.
    let ofx = read("ofx1-sgml-1252.ofx");
    let renamed = std::fs::read(data("ofx1-sgml-1252.ofx")).unwrap();
    let renamed = String::from_utf8_lossy(&renamed).replace("<NAME>CB CARREFOUR", "<NAME>CARTE CARREFOUR");
    let again = read_statement("autre.ofx", renamed.as_bytes(), CsvOptions::default()).unwrap();
    assert_eq!(ofx.lines[1].fingerprint, again.lines[1].fingerprint);
}

/// A CSV whose headers no bank uses is read through the user's mapping, and the mapping remembered for
/// its layout is used the next time.
#[test]
fn a_mapping_reads_any_csv_and_is_remembered_by_layout() {
    let text = "Jour,Quoi,Entrées,Sorties,Qui\n2026-11-05,Virement,\"1 200,00\",,Garage du Centre\n2026-11-06,Carte,,\"45,90\",Carrefour\n";
    let error = read_statement("maison.csv", text.as_bytes(), CsvOptions::default()).unwrap_err();
    assert!(error.to_string().contains("il manque une colonne de date"), "{error}");
    let mapping = BankMapping {
        header_row: 1,
        columns: vec![
            Some(BankField::BookingDate),
            Some(BankField::Label),
            Some(BankField::Credit),
            Some(BankField::Debit),
            Some(BankField::CounterpartyName),
        ],
    };
    let given = CsvOptions { mapping: Some(&mapping), remembered: None };
    let statement = read_statement("maison.csv", text.as_bytes(), given).unwrap();
    let layout = statement.csv.clone().unwrap();
    assert_eq!(layout.layout_key, "bank:headers:jour|quoi|entrees|sorties|qui");
    let amounts: Vec<String> = statement.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, ["1200.00", "-45.90"]);
    let remembered = |key: &str| (key == layout.layout_key).then(|| mapping.clone());
    let options = CsvOptions { mapping: None, remembered: Some(&remembered) };
    let again = read_statement("maison-decembre.csv", text.as_bytes(), options).unwrap();
    assert_eq!(again.lines.len(), 2);
    // A mapping without an amount is refused with what is missing.
    let incomplete = BankMapping { header_row: 1, columns: vec![Some(BankField::BookingDate), Some(BankField::Label)] };
    let error =
        read_statement("maison.csv", text.as_bytes(), CsvOptions { mapping: Some(&incomplete), remembered: None })
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Colonnes indispensables non associées : une colonne de montant (« Montant », ou « Débit » et « Crédit »). \
         Associez-les dans la correspondance des colonnes."
    );
}

/// The bad files: a whole file refused with its message, or lines refused beside the good ones.
#[test]
fn every_bad_file_gives_its_french_message() {
    let refused: [(&str, &str); 19] = [
        ("binaire.bin", "Le fichier « binaire.bin » est un fichier binaire, pas un relevé bancaire."),
        ("vide.csv", "Le fichier « vide.csv » est vide."),
        ("releve.pdf", "est un document PDF (les relevés PDF ne se lisent pas), pas un relevé bancaire"),
        ("classeur.xlsx", "est une archive ZIP ou un classeur (XLSX, ODS), pas un relevé bancaire"),
        ("cfonb-tronque.txt", "Ligne 6 : enregistrement CFONB de 76 caractères au lieu de 120 ; le fichier est tronqué ou abîmé."),
        ("cfonb-code-inconnu.txt", "Ligne 4 : code d'enregistrement « 09 » inconnu"),
        ("cfonb-sans-solde-final.txt", "Ligne 1 : le relevé CFONB ouvert ici s'arrête avant son nouveau solde (enregistrement 07)"),
        ("xml-pas-camt.xml", "n'est pas un relevé CAMT.053 ni un relevé OFX : son élément racine est « rss »."),
        ("camt054.xml", "c'est un avis d'opération (camt.054), pas le relevé de compte."),
        ("camt-tronque.xml", "Le fichier XML « camt-tronque.xml » est abîmé ligne 12, colonne 307 (le fichier s'arrête avant la fin du document)"),
        ("camt-latin1-annonce-utf8.xml", "se dit en UTF-8 mais ne l'est pas (ligne 7, un caractère accentué est sans doute en ISO-8859-1)"),
        ("camt-sans-stmt.xml", "ne contient aucun relevé de compte (élément Stmt)."),
        ("camt-dtd.xml", "une DTD, refusée par sécurité"),
        ("ofx-sans-stmttrn.ofx", "ne contient pas de liste d'opérations (aucun élément STMTTRN)"),
        ("ofx-tronque.ofx", "s'arrête avant la fin de l'élément <STMTTRN> ouvert ligne 66 : il est tronqué."),
        ("csv-sans-date.csv", "il manque une colonne de date (« Date », « Date opération »...)."),
        ("utf16-sans-bom.csv", "est enregistré en UTF-16 sans l'indication d'ordre des octets (BOM)"),
        ("texte.txt", "n'est pas un relevé bancaire lisible"),
        // Cut inside a multi-line label: read on, the rest of the file would have been one cell.
        (
            "csv-tronque-guillemets.csv",
            "Le fichier « csv-tronque-guillemets.csv » se termine dans un champ entre guillemets ouvert ligne 16 : \
             il est sans doute tronqué. Téléchargez-le à nouveau depuis votre banque.",
        ),
    ];
    for (name, message) in refused {
        let bytes = std::fs::read(data("bad").join(name)).unwrap();
        let error = read_statement(name, &bytes, CsvOptions::default()).unwrap_err();
        assert!(error.to_string().contains(message), "{name}: {error}");
    }
    let lines: [(&str, &[&str]); 4] = [
        ("cfonb-signe-invalide.txt", &["Ligne 2, montant : caractère de signe « X » invalide à la fin du montant (attendu {, A à I, } ou J à R)"]),
        ("ofx-montant-illisible.ofx", &["Ligne 79, TRNAMT : montant illisible « -61 2.0.0 »"]),
        (
            "csv-lignes-illisibles.csv",
            &["Ligne 3, Date : date illisible « 31/11/2026 »", "Ligne 4, Débit : montant illisible « 61,2,0 »", "Ligne 5, Crédit : ni débit ni crédit"],
        ),
        ("csv-devise.csv", &["Ligne 3, Devise : opération en « GBP » : seules les opérations en euros sont lues"]),
    ];
    for (name, expected) in lines {
        let bytes = std::fs::read(data("bad").join(name)).unwrap();
        let statement = read_statement(name, &bytes, CsvOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let problems: Vec<String> = statement.problems.iter().map(|p| p.describe()).collect();
        assert_eq!(problems, expected, "{name}");
        assert!(!statement.lines.is_empty(), "{name}: the good lines are kept");
    }
}

/// Regression: the OFX `FITID` alone was a line's identity, and banks reuse them (numbering each
/// statement's lines from 1 again): November's transfer, `FITID` 1 like October's, was set aside as
/// « déjà importée ». The identifier is one line's only with its booking date and amount.
#[test]
fn a_reused_fitid_with_another_date_and_amount_is_another_line() {
    let october = read("ofx1-fitid-octobre.ofx");
    let november = read("ofx1-fitid-novembre.ofx");
    let (first, second) = (&october.lines[0], &november.lines[0]);
    assert_eq!((first.bank_reference.as_deref(), second.bank_reference.as_deref()), (Some("1"), Some("1")));
    assert_eq!((first.amount, second.amount), (money("250.00"), money("1200.00")));
    assert_ne!(first.fingerprint, second.fingerprint);
    // The same statement read again keeps its keys.
    assert_eq!(read("ofx1-fitid-octobre.ofx").lines[0].fingerprint, first.fingerprint);
}

/// Regression: lines of one file sharing an identifier (three OFX credits of one day with one `FITID`, two
/// of them of the same amount; a CAMT batch whose two transfers both say `EndToEndId` « REGLEMENT ») had
/// one fingerprint, and the import of such a file failed at every try. Each line has its own.
#[test]
fn lines_of_one_file_sharing_an_identifier_have_fingerprints_of_their_own() {
    for (name, count) in [("ofx1-fitid-repete.ofx", 3), ("camt053-remise-meme-reference.xml", 2)] {
        let statement = read(name);
        assert_eq!(statement.lines.len(), count, "{name}");
        let references: std::collections::HashSet<_> =
            statement.lines.iter().map(|line| line.bank_reference.clone()).collect();
        assert_eq!(references.len(), 1, "{name}: {references:?}");
        let fingerprints: std::collections::HashSet<_> =
            statement.lines.iter().map(|line| line.fingerprint.as_str()).collect();
        assert_eq!(fingerprints.len(), count, "{name}");
    }
}

/// CAMT charges: a transfer instructed for 1 500,00 € booked 1 495,00 € with 5,00 € of charges included
/// in the entry (`Chrgs/Rcrd`, `ChrgInclInd` true) was paid 1 500,00 €; a shortfall no charges explain
/// stays the payer's, and charges not included in the entry's amount (`ChrgInclInd` false) are not taken
/// from it.
#[test]
fn camt_charges_the_bank_kept_from_a_credit_are_read_with_the_amount_instructed() {
    let statement = read("camt053-frais.xml");
    let amounts: Vec<(Decimal, Decimal, Decimal)> =
        statement.lines.iter().map(|line| (line.amount, line.bank_charges, line.paid_amount())).collect();
    assert_eq!(
        amounts,
        [
            (money("1495.00"), money("5.00"), money("1500.00")),
            (money("930.00"), Decimal::ZERO, money("930.00")),
            (money("350.00"), Decimal::ZERO, money("350.00")),
        ]
    );
    // The same charges written as version 02 writes them (each `Chrgs` one charge), or as their total alone.
    let text = std::fs::read_to_string(data("camt053-frais.xml")).unwrap();
    let record = "<Rcrd><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><ChrgInclInd>true</ChrgInclInd><Tp><Cd>COMM</Cd></Tp></Rcrd>";
    assert!(text.contains(record));
    let total = "<TtlChrgsAndTaxAmt Ccy=\"EUR\">5.00</TtlChrgsAndTaxAmt>";
    for (shape, variant) in [
        ("02", text.replace(record, "").replace(total, "<Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>")),
        ("total", text.replace(record, "")),
    ] {
        let statement = read_statement("frais.xml", variant.as_bytes(), CsvOptions::default()).unwrap();
        assert_eq!(
            (statement.lines[0].bank_charges, statement.lines[0].paid_amount()),
            (money("5.00"), money("1500.00")),
            "{shape}"
        );
    }
    // The other formats say nothing of charges.
    assert!(read("ofx1-sgml-1252.ofx").lines.iter().all(|line| line.bank_charges.is_zero()));
}

/// Regression: CAMT charges written in other layouts than `camt053-frais.xml` were not counted, and the
/// credit read as a partial payment short of them: the gross amount in `AmtDtls/TxAmt` rather than
/// `InstdAmt` with the charges at entry level; a batch entry stating the charges once, the gross at
/// transaction level. Both now give what the payer paid. Charges an entry states that no gross amount
/// explains are kept apart (`unexplained_charges`), not counted as paid.
#[test]
fn camt_charges_are_read_whether_the_gross_is_txamt_or_in_a_batch_transaction() {
    let statement = read("camt053-frais-autres-formes.xml");
    assert_eq!(statement.problems, []);
    let amounts: Vec<(Decimal, Decimal, Decimal, Decimal)> = statement
        .lines
        .iter()
        .map(|line| (line.amount, line.bank_charges, line.paid_amount(), line.unexplained_charges))
        .collect();
    assert_eq!(
        amounts,
        [
            (money("1495.00"), money("5.00"), money("1500.00"), Decimal::ZERO),
            (money("1195.00"), money("5.00"), money("1200.00"), Decimal::ZERO),
            (money("936.60"), Decimal::ZERO, money("936.60"), Decimal::ZERO),
            (money("345.00"), Decimal::ZERO, money("345.00"), money("5.00")),
        ]
    );
    // Everywhere else, nothing unexplained.
    for name in ["camt053-frais.xml", "camt053-v08.xml", "ofx2.ofx", "cfonb120.txt", "lcl.csv"] {
        assert!(read(name).lines.iter().all(|line| line.unexplained_charges.is_zero()), "{name}");
    }
}

/// An audit of banks not yet covered: an OFX statement in dollars (CURDEF USD, no CURRENCY on its lines)
/// was read as euros and matched « sûr »; Société Générale's « date_comptabilisation;
/// libellé_complet_operation;montant_operation;devise » header was not recognised; a QIF or MT940 file got
/// the CSV message asking to map columns. Each line of another currency is refused as CAMT's are, the
/// header is read, and QIF and MT940 are named as formats Ardoise does not read.
#[test]
fn an_ofx_in_dollars_a_societe_generale_header_and_qif_or_mt940_files() {
    let ofx = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD\n\
               <BANKACCTFROM><BANKID>30004<ACCTID>00012345678<ACCTTYPE>CHECKING</BANKACCTFROM>\n<BANKTRANLIST>\n\
               <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261202<TRNAMT>909.50<FITID>A1<NAME>GARNIER</STMTTRN>\n\
               <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261203<TRNAMT>100.00<FITID>A2<NAME>EUR LINE\n\
               <CURRENCY><CURRATE>1.0<CURSYM>EUR</CURRENCY></STMTTRN>\n\
               </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
    let statement = read_statement("dollars.ofx", ofx.as_bytes(), CsvOptions::default()).unwrap();
    let problems: Vec<String> = statement.problems.iter().map(|p| p.describe()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with("CURDEF : opération en « USD » : seules les opérations en euros sont lues"),
        "{problems:?}"
    );
    // A line saying its own currency, euros, is read.
    assert_eq!(statement.lines.len(), 1);
    assert_eq!(statement.lines[0].amount, money("100.00"));

    let sg = "=\"0201900016400270\";01/11/2026;03/12/2026;\r\n\
              date_comptabilisation;libellé_complet_operation;montant_operation;devise;\r\n\
              03/12/2026;CARTE X7527 02/12 METRO    ;-14,90;EUR;\r\n\
              02/12/2026;VIR RECU    8527975563S DE: M. JULIEN ROUSSEL MOTIF: FACTURE F2026-063;1180,00;EUR;\r\n";
    let bytes: Vec<u8> = sg.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    let statement = read_statement("sg.csv", &bytes, CsvOptions::default()).unwrap();
    assert!(statement.problems.is_empty(), "{:?}", statement.problems);
    let credits: Vec<(NaiveDate, Decimal)> =
        statement.booked_credits().map(|line| (line.booking_date, line.amount)).collect();
    assert_eq!(credits, [(day("2026-12-02"), money("1180.00"))]);
    assert!(statement.booked_credits().next().unwrap().label.contains("JULIEN ROUSSEL"));

    for (name, text, format) in [
        ("releve.qif", "!Type:Bank\nD01/12/2026\nT640,00\nPVIR TRAITEUR BONNET\n^\n", "QIF (Quicken)"),
        (
            "releve.sta",
            ":20:STARTUMS\r\n:25:30004/00012345678\r\n:28C:00001/001\r\n:60F:C261130EUR1000,00\r\n",
            "SWIFT MT940",
        ),
    ] {
        let error = read_statement(name, text.as_bytes(), CsvOptions::default()).unwrap_err();
        assert_eq!(error.kind(), "unread_format");
        assert_eq!(
            error.to_string(),
            format!(
                "Le fichier « {name} » est un relevé au format {format}, qu'Ardoise ne lit pas. Téléchargez le même \
                 relevé depuis votre banque en ligne au format CSV, OFX, CFONB 120 ou CAMT.053."
            )
        );
    }
}
