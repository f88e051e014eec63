//! Writes the two XLSX fixtures of tests/data/import/ (see README.md there); not built by cargo.

use rust_xlsxwriter::*;

fn main() -> Result<(), XlsxError> {
    let out = std::env::args().nth(1).unwrap();
    // 1. A French accounting export: title block, header on row 5, real date cells, euro formats, a totals
    // row, and a second sheet of notes.
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let euro = Format::new().set_num_format("# ##0,00 \"€\"");
    let sheet = book.add_worksheet().set_name("Factures 2026")?;
    sheet.write_with_format(0, 0, "Atelier Graphique Lemoine — Suivi des factures", &title)?;
    sheet.write(1, 0, "Export du 22/11/2026")?;
    sheet.write(2, 0, "Montants en euros TTC")?;
    let headers = ["N° facture", "Date", "Échéance", "Client", "SIRET", "Objet", "Montant TTC", "Payé"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_with_format(4, c as u16, *h, &bold)?;
    }
    let rows: [(&str, (u16, u8, u8), Option<(u16, u8, u8)>, &str, &str, &str, f64, f64); 6] = [
        ("X-2026-101", (2026, 9, 1), Some((2026, 10, 1)), "Boulangerie Martin SARL", "41234567000019", "Stickers vitrine", 864.0, 864.0),
        ("X-2026-102", (2026, 9, 18), Some((2026, 10, 18)), "Garage du Centre", "", "Bâche publicitaire", 1320.5, 0.0),
        ("X-2026-103", (2026, 10, 7), None, "Hôtel de la Gare", "", "Cartes de visite", 96.0, 0.0),
        ("X-2026-104", (2026, 10, 21), Some((2026, 11, 20)), "Sophie Lefèvre", "", "Album photo", 345.99, 100.0),
        ("X-2026-105", (2026, 11, 4), Some((2026, 12, 4)), "Cabinet Dubois & Associés", "", "Papeterie", 1234.56, 0.0),
        ("X-2026-106", (2026, 11, 10), Some((2026, 11, 10)), "Garage du Centre", "", "Avoir remise", -60.0, 0.0),
    ];
    for (i, (n, d, e, client, siret, object, amount, paid)) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        sheet.write(r, 0, *n)?;
        sheet.write_with_format(r, 1, &ExcelDateTime::from_ymd(d.0, d.1, d.2)?, &date)?;
        if let Some(e) = e {
            sheet.write_with_format(r, 2, &ExcelDateTime::from_ymd(e.0, e.1, e.2)?, &date)?;
        }
        sheet.write(r, 3, *client)?;
        if !siret.is_empty() {
            sheet.write(r, 4, *siret)?;
        }
        sheet.write(r, 5, *object)?;
        sheet.write_with_format(r, 6, *amount, &euro)?;
        sheet.write_with_format(r, 7, *paid, &euro)?;
    }
    sheet.write_with_format(12, 3, "Total", &bold)?;
    sheet.write_formula_with_format(12, 6, Formula::new("=SUM(G6:G11)").set_result("3801.05"), &euro)?;
    sheet.write_formula_with_format(12, 7, Formula::new("=SUM(H6:H11)").set_result("964"), &euro)?;
    let notes = book.add_worksheet().set_name("Notes")?;
    notes.write(0, 0, "Relancer le garage avant fin novembre.")?;
    book.save(format!("{out}/export-excel-titre-total.xlsx"))?;

    // 2. Dates as Excel serial numbers (a column that lost its date format), amounts as numbers.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Feuil1")?;
    for (c, h) in ["Numéro", "Client", "Date facture", "Date échéance", "Montant TTC", "Reste dû"].iter().enumerate() {
        sheet.write(0, c as u16, *h)?;
    }
    let rows: [(&str, &str, f64, f64, f64, f64); 4] = [
        ("S-01", "Traiteur Bonnet", 46296.0, 46326.0, 1500.0, 1500.0),  // 01/10/2026 → 31/10/2026
        ("S-02", "Traiteur Bonnet", 46310.0, 46340.0, 250.4, 0.0),      // 15/10/2026
        ("S-03", "Studio Lumen", 46348.0, 46378.0, 99.9, 49.9),         // 22/11/2026
        ("S-04", "Studio Lumen", 46348.75, 46378.0, 12.3, 12.3),        // a serial with a time of day
    ];
    for (i, (n, client, d, e, amount, rest)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        sheet.write(r, 0, *n)?;
        sheet.write(r, 1, *client)?;
        sheet.write(r, 2, *d)?;
        sheet.write(r, 3, *e)?;
        sheet.write(r, 4, *amount)?;
        sheet.write(r, 5, *rest)?;
    }
    book.save(format!("{out}/dates-serie-excel.xlsx"))?;
    Ok(())
}
