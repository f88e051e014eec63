#!/usr/bin/env python3
"""Writes the invoice exports of tests/data/import/tools/, one per invoicing tool (and per language where a
tool has two), each shaped as docs/import-tools.md says that tool writes its invoice list: separator,
encoding, title rows, column names and order, date and amount forms, how what is owed is split.

The same six invoices of a graphic designer in Nantes go through every tool (some tools add their own:
a draft, an invoice per payment row). Run from this folder: python3 make-tools.py
Needs openpyxl and odfpy (pip install openpyxl odfpy); the files it writes are committed, CI needs neither."""

import datetime as dt
import re
import zipfile

import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P


def luhn_ok(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def siren(base8):
    return next(base8 + str(k) for k in range(10) if luhn_ok(base8 + str(k)))


def siret(siren9, nic4):
    return next(siren9 + nic4 + str(k) for k in range(10) if luhn_ok(siren9 + nic4 + str(k)))


def vat(siren9):
    return "FR%02d%s" % ((12 + 3 * (int(siren9) % 97)) % 97, siren9)


ATELIER_SIREN = siren("81234567")
ATELIER = siret(ATELIER_SIREN, "0012")
FOURNIL = siren("53298765")
MOREL_GOOD = siret(siren("44455566"), "0021")
# One digit changed: the check digit no longer matches (a typo in the tool's client card).
MOREL_BAD = MOREL_GOOD[:-1] + str((int(MOREL_GOOD[-1]) + 1) % 10)
MOREL_BAD_SIREN = MOREL_BAD[:8] + str((int(MOREL_BAD[8]) + 1) % 10)
GARAGE = siret(siren("39012345"), "0035")

D = dt.date

# number, issue, due, client key, object, HT, TTC, payments [(date, amount)]
INVOICES = [
    ("F-2026-001", D(2026, 1, 15), D(2026, 2, 14), "atelier", "Identité visuelle", 1000.00, 1200.00,
     [(D(2026, 2, 10), 1200.00)]),
    ("F-2026-002", D(2026, 2, 3), D(2026, 3, 5), "fournil", "Affiches et flyers", 400.00, 480.00,
     [(D(2026, 3, 20), 200.00)]),
    ("F-2026-003", D(2026, 3, 10), D(2026, 4, 9), "morel", "Site vitrine", 1950.00, 2340.00, []),
    ("F-2026-004", D(2026, 4, 2), D(2026, 5, 2), "petit", "Faire-part de naissance", 350.00, 350.00,
     [(D(2026, 5, 15), 150.00), (D(2026, 6, 20), 100.00)]),
    ("F-2026-005", D(2026, 5, 18), D(2026, 6, 17), "garage", "Habillage de véhicules", 1656.38, 1987.65, []),
    ("F-2026-006", D(2026, 6, 1), D(2026, 7, 1), "atelier", "Catalogue 2026", 720.00, 864.00, []),
]

CLIENTS = {
    "atelier": dict(name="Atelier Bois & Compagnie", siret=ATELIER, siren=ATELIER_SIREN, email="contact@atelier-bois.fr",
                    phone="02 40 12 34 56", street="14 rue de la Fosse", postcode="44000", town="Nantes"),
    "fournil": dict(name="Boulangerie Le Fournil SARL", siret=FOURNIL, siren=FOURNIL, email="fournil@orange.fr",
                    phone="02 40 47 11 22", street="3 place du Commerce", postcode="44000", town="Nantes"),
    "morel": dict(name="Cabinet Morel Avocats", siret=MOREL_BAD, siren=MOREL_BAD_SIREN, email="secretariat@morel-avocats.fr",
                  phone="02 51 82 00 10", street="8 cours Olivier de Clisson", postcode="44000", town="Nantes"),
    "petit": dict(name="Claire Petit", siret="", siren="", email="claire.petit@gmail", phone="06 12 34 56 78",
                  street="27 rue des Hauts-Pavés", postcode="44000", town="Nantes"),
    "garage": dict(name="Garage des Ponts SAS", siret=GARAGE, siren=GARAGE[:9], email="atelier@garagedesponts.fr",
                   phone="02 40 99", street="120 boulevard des Martyrs Nantais", postcode="44200", town="Nantes"),
}

AS_OF = D(2026, 11, 20)


def paid(inv):
    return round(sum(a for _, a in inv[7]), 2)


def remaining(inv):
    return round(inv[6] - paid(inv), 2)


def last_payment(inv):
    return max((d for d, _ in inv[7]), default=None)


def fr_amount(x, euro=False, nbsp=False):
    whole, cents = ("%.2f" % x).split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    sep = "\u202f" if nbsp else " "
    text = sep.join(groups) + "," + cents
    return text + (" €" if euro else "")


def fr_date(d):
    return d.strftime("%d/%m/%Y") if d else ""


def write_csv(name, rows, sep, encoding="utf-8", bom=False, newline="\n", trailing_sep=False, quote_all=False):
    def field(value):
        value = "" if value is None else str(value)
        if quote_all or any(c in value for c in (sep, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value
    lines = []
    for row in rows:
        line = sep.join(field(v) for v in row)
        if trailing_sep:
            line += sep
        lines.append(line)
    data = (newline.join(lines) + newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(name, "wb") as f:
        f.write(data)


def write_xlsx(name, sheets):
    """sheets: [(title, rows, number_formats {column index: format})]"""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, formats in sheets:
        sheet = book.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                elif c - 1 in formats and isinstance(value, (int, float)):
                    cell.number_format = formats[c - 1]
    # A fixed timestamp keeps the file the same from one run to the next.
    book.properties.created = dt.datetime(2026, 11, 20, 10, 12)
    book.properties.modified = dt.datetime(2026, 11, 20, 10, 12)
    book.save(name)
    normalise_zip(name)


def normalise_zip(name):
    """Rewrites an archive with fixed entry dates, so that running the script again changes no byte."""
    with zipfile.ZipFile(name) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving, whatever the properties say.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-20T10:12:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 20, 10, 12, 0))
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)


def write_ods(name, title, rows):
    doc = OpenDocumentSpreadsheet()
    table = Table(name=title)
    for row in rows:
        tr = TableRow()
        for value in row:
            if value is None or value == "":
                tc = TableCell()
            elif isinstance(value, dt.date):
                tc = TableCell(valuetype="date", datevalue=value.isoformat())
                tc.addElement(P(text=fr_date(value)))
            elif isinstance(value, (int, float)):
                tc = TableCell(valuetype="float", value=value)
                tc.addElement(P(text=("%.2f" % value)))
            else:
                tc = TableCell(valuetype="string")
                tc.addElement(P(text=str(value)))
            tr.addElement(tc)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(name)
    normalise_zip(name)


def client(inv):
    return CLIENTS[inv[3]]


# 1. Dolibarr: Outils > Exports > « Factures clients et règlements », CSV module: ISO-8859-1, comma, every
# line ending with a separator, raw database values (dates YYYY-MM-DD, amounts with 8 decimals), one row per
# payment of an invoice (an invoice without payment has one row with empty payment columns).
def dolibarr():
    header = ["Id société", "Raison sociale", "Code client", "Adresse", "Code postal", "Ville", "Code pays", "Téléphone",
              "Id. prof. 1 (SIREN)", "Id. prof. 2 (SIRET)", "Numéro de TVA", "Id facture", "Ref. facture",
              "Date création facture", "Date facturation", "Date échéance", "Montant HT", "Montant TTC", "Montant TVA",
              "Reste à payer", "Facture payée", "Statut facture", "Réf. paiement", "Date paiement", "Montant paiement"]
    names = {"petit": "PETIT Claire"}
    ids = {k: i + 1 for i, k in enumerate(CLIENTS)}
    rows = [header]
    payment_no = 0
    for n, inv in enumerate(INVOICES, start=1):
        c = client(inv)
        base = [ids[inv[3]], names.get(inv[3], c["name"]), "CU2601-%05d" % ids[inv[3]], c["street"], c["postcode"],
                c["town"], "FR", c["phone"], c["siren"], c["siret"], vat(c["siren"]) if c["siren"] and inv[3] != "morel" else "",
                n, inv[0], inv[1].isoformat() + " 09:12:44", inv[1].isoformat(), inv[2].isoformat(),
                "%.8f" % inv[5], "%.8f" % inv[6], "%.8f" % round(inv[6] - inv[5], 2),
                ("%.2f" % remaining(inv)).rstrip("0").rstrip("."), 1 if remaining(inv) == 0 else 0,
                2 if remaining(inv) == 0 else 1]
        if not inv[7]:
            rows.append(base + ["", "", ""])
        for d, a in inv[7]:
            payment_no += 1
            rows.append(base + ["PAY2026-%04d" % payment_no, d.isoformat(), "%.8f" % a])
    write_csv("dolibarr-factures-reglements.csv", rows, ",", encoding="iso-8859-1", trailing_sep=True)


# 2. Invoice Ninja v5: Reports > Invoices > Export CSV. UTF-8, comma, League\Csv quoting, headers prefixed by
# the entity, ISO dates, plain decimal amounts, English statuses; a draft is exported with the rest.
def invoice_ninja():
    header = ["Invoice Number", "Client Name", "Client Email", "Client Phone", "Client VAT Number", "Invoice Date",
              "Invoice Due Date", "Invoice Amount", "Invoice Balance", "Invoice Paid to Date", "Invoice Status",
              "Invoice PO Number", "Invoice Public Notes"]
    rows = [header]
    def num(x):
        return ("%.2f" % x).rstrip("0").rstrip(".")
    for inv in INVOICES:
        c = client(inv)
        status = "Paid" if remaining(inv) == 0 else ("Partial" if paid(inv) else "Sent")
        rows.append([inv[0], c["name"], c["email"], c["phone"], vat(c["siren"]) if inv[3] == "atelier" else "",
                     inv[1].isoformat(), inv[2].isoformat(), num(inv[6]), num(remaining(inv)), num(paid(inv)),
                     status, "", inv[4]])
    rows.append(["F-2026-007", "Garage des Ponts SAS", "atelier@garagedesponts.fr", "", "", "2026-11-18",
                 "2026-12-18", "540", "540", "0", "Draft", "", "Flyers portes ouvertes"])
    write_csv("invoice-ninja-invoices.csv", rows, ",")


# 3. Axonaut: Facturation > Factures, « Exporter » to Excel. Date cells, numeric amounts, French statuses,
# « Reste à payer » and the date of the last payment.
def axonaut():
    header = ["Numéro", "Date", "Date d'échéance", "Client", "Titre", "Montant HT", "Montant TTC", "Reste à payer",
              "Statut", "Date de paiement"]
    rows = [header]
    for inv in INVOICES:
        r = remaining(inv)
        status = "Payée" if r == 0 else ("Partiellement payée" if paid(inv) else "En retard")
        rows.append([inv[0], inv[1], inv[2], client(inv)["name"], inv[4], inv[5], inv[6], r, status,
                     last_payment(inv)])
    write_xlsx("axonaut-factures.xlsx", [("Factures", rows, {5: '#,##0.00 "€"', 6: '#,##0.00 "€"', 7: '#,##0.00 "€"'})])


# 4. Sellsy: Factures, « Exporter la liste » as CSV: UTF-8 with BOM, semicolons, French amounts and dates.
def sellsy():
    header = ["Numéro", "Date", "Échéance", "Tiers", "Sujet", "SIRET", "Email", "Montant HT", "Montant TTC",
              "Reste à payer", "Statut"]
    rows = [header]
    for inv in INVOICES:
        c = client(inv)
        r = remaining(inv)
        status = "Payée" if r == 0 else ("Paiement partiel" if paid(inv) else "Retard")
        rows.append([inv[0], fr_date(inv[1]), fr_date(inv[2]), c["name"], inv[4], c["siret"], c["email"],
                     fr_amount(inv[5]), fr_amount(inv[6]), fr_amount(r), status])
    write_csv("sellsy-factures.csv", rows, ";", bom=True, newline="\r\n")


# 5. Henrri: « Exporter » the invoice list to Excel: a title and the export date above the header, date
# cells, « Réglé » and « Reste à régler ».
def henrri():
    header = ["N° Facture", "Date", "Client", "Objet", "Total HT", "Total TTC", "Réglé", "Reste à régler",
              "Date d'échéance", "Statut"]
    rows = [["Liste des factures"], ["Exportée le 20/11/2026"], [], header]
    for inv in INVOICES:
        r = remaining(inv)
        rows.append([inv[0], inv[1], client(inv)["name"], inv[4], inv[5], inv[6], paid(inv), r, inv[2],
                     "Payée" if r == 0 else "À régler"])
    write_xlsx("henrri-factures.xlsx", [("Factures", rows, {4: "#,##0.00", 5: "#,##0.00", 6: "#,##0.00", 7: "#,##0.00"})])


# 6. Freebe: CSV export of the invoices: comma, UTF-8, French dates, dot decimals, the amount received and
# the date of the last payment.
def freebe():
    header = ["Numéro de facture", "Client", "Projet", "Date d'émission", "Date d'échéance", "Montant HT", "TVA",
              "Montant TTC", "Montant encaissé", "Date de paiement", "Statut"]
    rows = [header]
    for inv in INVOICES:
        r = remaining(inv)
        rows.append([inv[0], client(inv)["name"], inv[4], fr_date(inv[1]), fr_date(inv[2]), "%.2f" % inv[5],
                     "%.2f" % round(inv[6] - inv[5], 2), "%.2f" % inv[6], "%.2f" % paid(inv),
                     fr_date(last_payment(inv)), "Payée" if r == 0 else ("Partiellement payée" if paid(inv) else "En retard")])
    write_csv("freebe-factures.csv", rows, ",")


# 7. Abby: Excel export of the invoices: « Montant payé » and « Reste à payer » both given; on F-2026-002 they
# disagree with the total (a 30 € discount the tool knows of): the remaining amount is kept, with a warning.
def abby():
    header = ["Numéro", "Client", "E-mail", "Date d'émission", "Date d'échéance", "Montant HT", "Montant TTC",
              "Montant payé", "Reste à payer", "Statut", "Date d'encaissement"]
    rows = [header]
    for inv in INVOICES:
        c = client(inv)
        r = remaining(inv)
        if inv[0] == "F-2026-002":
            r = 250.00
        rows.append([inv[0], c["name"], c["email"], inv[1], inv[2], inv[5], inv[6], paid(inv), r,
                     "Payée" if r == 0 else ("Partiellement payée" if paid(inv) else "En retard"), last_payment(inv)])
    write_xlsx("abby-factures.xlsx", [("Factures", rows, {5: "0.00", 6: "0.00", 7: "0.00", 8: "0.00"})])


# 8. Tiime: CSV export of the sales invoices: semicolons, UTF-8, French amounts, SIREN of the client.
def tiime():
    header = ["N° de facture", "Date d'émission", "Date d'échéance", "Client", "SIREN", "Intitulé", "Montant HT",
              "Montant TVA", "Montant TTC", "Montant encaissé", "Date d'encaissement", "Statut"]
    rows = [header]
    for inv in INVOICES:
        c = client(inv)
        r = remaining(inv)
        rows.append([inv[0], fr_date(inv[1]), fr_date(inv[2]), c["name"], c["siren"], inv[4], fr_amount(inv[5]),
                     fr_amount(round(inv[6] - inv[5], 2)), fr_amount(inv[6]), fr_amount(paid(inv)),
                     fr_date(last_payment(inv)), "Encaissée" if r == 0 else ("Partiellement encaissée" if paid(inv) else "En retard")])
    write_csv("tiime-factures.csv", rows, ";")


# 9. Indy: CSV export of the invoices: comma, French dates, dot decimals; Indy marks an invoice paid or not,
# with the day it was paid (« Payée le »): the partly paid ones are still « En attente ».
def indy():
    header = ["Date", "Numéro", "Client", "Description", "Montant HT", "Montant TTC", "Statut", "Payée le"]
    rows = [header]
    for inv in INVOICES:
        r = remaining(inv)
        rows.append([fr_date(inv[1]), inv[0], client(inv)["name"], inv[4], "%.2f" % inv[5], "%.2f" % inv[6],
                     "Payée" if r == 0 else "En attente", fr_date(last_payment(inv)) if r == 0 else ""])
    write_csv("indy-factures.csv", rows, ",", bom=True)


# 10. Pennylane: Ventes > Factures clients, « Exporter » to Excel: « Montant restant », the client's SIREN and
# VAT number.
def pennylane():
    header = ["Numéro de facture", "Client", "SIREN", "Numéro de TVA", "Date de facture", "Date d'échéance", "Libellé",
              "Montant HT", "Montant TTC", "Montant restant", "Devise", "Statut"]
    rows = [header]
    for inv in INVOICES:
        c = client(inv)
        r = remaining(inv)
        rows.append([inv[0], c["name"], c["siren"], vat(c["siren"]) if c["siren"] and inv[3] != "morel" else "",
                     inv[1], inv[2], inv[4], inv[5], inv[6], r, "EUR",
                     "Payée" if r == 0 else ("Partiellement payée" if paid(inv) else "En retard")])
    write_xlsx("pennylane-factures-clients.xlsx", [("Factures clients", rows, {7: "#,##0.00", 8: "#,##0.00", 9: "#,##0.00"})])


# 11. QuickBooks Online (France): Rapports > « Liste des factures », Exporter vers Excel: company, report name
# and period above the header, the data from column B, date cells, « Solde ouvert », a TOTAL row and the
# export time under it.
def quickbooks_fr():
    rows = [[None, "Atelier Graphique Lemoine"], [None, "Liste des factures"], [None, "Toutes les dates"], [],
            [None, "Date", "Type d'opération", "N°", "Client", "Mémo/Description", "Date d'échéance", "Montant",
             "Solde ouvert"]]
    for inv in INVOICES:
        rows.append([None, inv[1], "Facture", inv[0], client(inv)["name"], inv[4], inv[2], inv[6], remaining(inv)])
    rows.append([None, "TOTAL", None, None, None, None, None, round(sum(i[6] for i in INVOICES), 2),
                 round(sum(remaining(i) for i in INVOICES), 2)])
    rows += [[], [], [None, "lundi 23 novembre 2026 10:12 GMT+01:00"]]
    write_xlsx("quickbooks-fr-liste-des-factures.xlsx",
               [("Liste des factures", rows, {7: "#,##0.00 €", 8: "#,##0.00 €"})])


# 12. QuickBooks Online (United States, English): « Invoice List » exported to Excel, dates written as text in
# the American order (month first), « Open balance ».
def quickbooks_en():
    rows = [["Lemoine Studio"], ["Invoice List"], ["All Dates"], [],
            ["Date", "Transaction type", "Num", "Name", "Memo/Description", "Due date", "Amount", "Open balance"]]
    for inv in INVOICES:
        rows.append([inv[1].strftime("%m/%d/%Y"), "Invoice", inv[0], client(inv)["name"], inv[4],
                     inv[2].strftime("%m/%d/%Y"), inv[6], remaining(inv)])
    rows.append(["TOTAL", None, None, None, None, None, round(sum(i[6] for i in INVOICES), 2),
                 round(sum(remaining(i) for i in INVOICES), 2)])
    rows += [[], [], ["Friday, November 20, 2026 10:12 AM GMT+01:00"]]
    write_xlsx("quickbooks-en-invoice-list.xlsx", [("Invoice List", rows, {6: "#,##0.00", 7: "#,##0.00"})])


# 13. Zervant (French interface): the invoice list downloaded as CSV: semicolons, French dates and amounts;
# an invoice is paid or not, with its payment date.
def zervant():
    header = ["N° de facture", "Client", "Date de la facture", "Date d'échéance", "Montant HT", "TVA", "Total TTC",
              "Statut", "Date de paiement"]
    rows = [header]
    for inv in INVOICES:
        r = remaining(inv)
        rows.append([inv[0], client(inv)["name"], fr_date(inv[1]), fr_date(inv[2]), fr_amount(inv[5]),
                     fr_amount(round(inv[6] - inv[5], 2)), fr_amount(inv[6]),
                     "Payée" if r == 0 else "En retard", fr_date(last_payment(inv)) if r == 0 else ""])
    write_csv("zervant-factures.csv", rows, ";")


# 14. Facture.net: CSV export of the invoices: Windows-1252, semicolons, amounts with the euro sign.
def facture_net():
    header = ["Numéro", "Date", "Échéance", "Client", "Email", "Téléphone", "Total HT", "Total TTC", "Payé",
              "Reste à payer"]
    rows = [header]
    for inv in INVOICES:
        c = client(inv)
        rows.append([inv[0], fr_date(inv[1]), fr_date(inv[2]), c["name"], c["email"], c["phone"],
                     fr_amount(inv[5], euro=True), fr_amount(inv[6], euro=True), fr_amount(paid(inv), euro=True),
                     fr_amount(remaining(inv), euro=True)])
    write_csv("facture-net-factures.csv", rows, ";", encoding="cp1252", newline="\r\n")


# 15. A French Excel invoice-tracking template kept by hand: a title block, the header on row 5, a payment
# date column, phone and postcode typed in number cells (leading zeros lost), a TOTAL row.
def modele_excel():
    header = ["N° facture", "Date d'émission", "Client", "SIRET", "E-mail", "Téléphone", "Adresse", "Code postal",
              "Ville", "Objet", "Montant HT", "Montant TTC", "Montant réglé", "Date de règlement", "Reste dû", "Statut"]
    rows = [["Suivi des factures 2026"], ["Atelier Graphique Lemoine — Nantes"], [], [], header]
    for inv in INVOICES:
        c = client(inv)
        r = remaining(inv)
        phone = int(c["phone"].replace(" ", "")) if len(c["phone"].replace(" ", "")) == 10 else c["phone"]
        rows.append([inv[0], inv[1], c["name"], c["siret"], c["email"], phone, c["street"], int(c["postcode"]),
                     c["town"], inv[4], inv[5], inv[6], paid(inv), last_payment(inv), r,
                     "Payée" if r == 0 else ("Partielle" if paid(inv) else "À relancer")])
    rows.append(["TOTAL", None, None, None, None, None, None, None, None, None, round(sum(i[5] for i in INVOICES), 2),
                 round(sum(i[6] for i in INVOICES), 2), round(sum(paid(i) for i in INVOICES), 2), None,
                 round(sum(remaining(i) for i in INVOICES), 2)])
    write_xlsx("modele-excel-suivi-factures.xlsx",
               [("Factures 2026", rows, {10: '#,##0.00 "€"', 11: '#,##0.00 "€"', 12: '#,##0.00 "€"', 14: '#,##0.00 "€"'}),
                ("Clients", [["Client", "Délai"], ["Atelier Bois & Compagnie", 30]], {})])


# 16. An English LibreOffice invoice tracker: a title, the header on row 3, « Invoice # », « Balance »,
# « Paid on », date cells.
def tracker_en():
    header = ["Invoice #", "Date", "Customer", "Email", "Description", "Amount", "Paid", "Balance", "Paid on", "Status"]
    rows = [["Invoice tracker 2026"], [], header]
    for inv in INVOICES:
        c = client(inv)
        r = remaining(inv)
        rows.append([inv[0], inv[1], c["name"], c["email"], inv[4], inv[6], paid(inv), r, last_payment(inv),
                     "Paid" if r == 0 else ("Part paid" if paid(inv) else "Overdue")])
    write_ods("libreoffice-invoice-tracker-en.ods", "Invoices", rows)


for make in [dolibarr, invoice_ninja, axonaut, sellsy, henrri, freebe, abby, tiime, indy, pennylane, quickbooks_fr,
             quickbooks_en, zervant, facture_net, modele_excel, tracker_en]:
    make()
print("SIRET Atelier", ATELIER, "SIREN Fournil", FOURNIL, "SIRET Morel (wrong key)", MOREL_BAD,
      "SIREN Morel (wrong key)", MOREL_BAD_SIREN, "SIRET Garage", GARAGE, "TVA Atelier", vat(ATELIER_SIREN))
