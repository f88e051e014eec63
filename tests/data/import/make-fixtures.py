#!/usr/bin/env python3
"""Writes the text fixtures of tests/data/import/ (CSV in every encoding and separator, and the bad files).
The workbooks (XLSX, ODS, XLS) were made once as README.md says; run this from its folder."""

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

MARTIN = siret(siren("41234567"), "0001")
GARAGE = siren("50876543")
DUBOIS = siret(siren("82345671"), "0002")
PRE = siret(siren("79912345"), "0001")

HEADER = ["N° facture", "Date", "Échéance", "Client", "SIRET", "E-mail", "Adresse", "Code postal", "Ville",
          "Objet", "Montant HT", "Montant TTC", "Réglé"]
BASE = [
    ["FG26-001", "02/09/2026", "02/10/2026", "Boulangerie Martin SARL", MARTIN, "contact@boulangerie-martin.fr",
     "12 rue des Tanneurs", "69002", "Lyon", "Logo et charte graphique", "1 250,00 €", "1 500,00 €", "0,00 €"],
    ["FG26-002", "09/09/2026", "09/10/2026", "Garage du Centre", GARAGE, "", "4 avenue Jean Jaurès", "69007", "Lyon",
     "Flyers rentrée", "350,00 €", "420,00 €", "420,00 €"],
    ["FG26-003", "15/09/2026", "15/10/2026", "Cabinet Dubois & Associés EURL", DUBOIS, "secretariat@cabinet-dubois.fr",
     "8 place Bellecour", "69002", "Lyon", "Site vitrine, acompte", "2 000,00 €", "2 400,00 €", "0,00 €"],
    ["FG26-004", "01/10/2026", "31/10/2026", "Sophie Lefèvre", "", "sophie.lefevre@example.fr", "3 impasse des Lilas",
     "69100", "Villeurbanne", "Faire-part de mariage", "500,00 €", "600,00 €", "300,00 €"],
    ["FG26-005", "06/10/2026", "", "Restaurant Le Pré Fleuri SARL", PRE, "", "21 quai Saint-Vincent", "69001", "Lyon",
     "Menus et cartes", "780,50 €", "936,60 €", "0,00 €"],
    ["FG26-006", "13/10/2026", "12/11/2026", "Boulangerie Martin", "", "", "", "", "",
     "Affiches promotion galette", "400,00 €", "480,00 €", "0,00 €"],
    ["FG26-007", "20/10/2026", "19/11/2026", "Garage du Centre SAS", "", "", "", "", "",
     "Kakémono", "1 050,00 €", "1 260,00 €", "0,00 €"],
    ["FG26-008", "03/11/2026", "03/12/2026", "cabinet dubois et associés", "", "secretariat@cabinet-dubois.fr", "", "", "",
     "Site vitrine, solde", "3 000,00 €", "3 600,00 €", "0,00 €"],
    ["AG26-001", "05/11/2026", "05/11/2026", "Boulangerie Martin SARL", MARTIN, "", "", "", "",
     "Avoir : affiches en double", "-100,00 €", "-120,00 €", "0,00 €"],
    ["FG26-009", "16/11/2026", "16/12/2026", "Sophie Lefèvre", "", "sophie.lefevre@example.fr", "", "", "",
     "Cartes de remerciement", "125,00 €", "150,00 €", "0,00 €"],
]

def write(name, rows, sep=";", encoding="utf-8", bom=False, newline="\r\n"):
    def field(value):
        if any(c in value for c in (sep, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value
    text = newline.join(sep.join(field(v) for v in row) for row in rows) + newline
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(name, "wb") as f:
        f.write(data)

write("factures-utf8.csv", [HEADER] + BASE)

# A newer export of the same ledger: FG26-003 corrected, FG26-005 given a due date, FG26-004 paid in
# full, FG26-001 partly paid, one new invoice.
v2 = [list(r) for r in BASE]
v2[2][10], v2[2][11] = "2 100,00 €", "2 520,00 €"
v2[4][2] = "20/11/2026"
v2[3][12] = "600,00 €"
v2[0][12] = "500,00 €"
v2.append(["FG26-010", "20/11/2026", "20/12/2026", "Restaurant Le Pré Fleuri", PRE, "", "", "", "",
           "Carte des vins", "200,00 €", "240,00 €", "0,00 €"])
write("factures-utf8-v2.csv", [HEADER] + v2)

# UTF-8 with BOM, commas, English headers, ISO dates, international amounts.
write("invoices-utf8-bom.csv", [
    ["Invoice", "Customer", "Invoice date", "Due date", "Amount", "Email", "Company number"],
    ["INV-0101", "Atelier Bois & Fer", "2026-10-02", "2026-11-01", "1234.56", "compta@bois-fer.fr", ""],
    ["INV-0102", "Atelier Bois & Fer", "2026-10-16", "2026-11-15", "89.90", "compta@bois-fer.fr", ""],
    ["INV-0103", "Boulangerie Martin", "2026-10-20", "", "2,400.00", "", MARTIN],
    ["INV-0104", "Studio Crème Brûlée", "2026-11-02", "2026-12-02", "(45.00)", "", ""],
], sep=",", bom=True)

# Windows-1252 from an old Excel "CSV (séparateur : point-virgule)": € is 0x80.
write("factures-windows-1252.csv", [
    ["Numéro", "Date d'émission", "Date limite", "Raison sociale", "Net à payer", "Libellé"],
    ["2026-031", "3 oct. 2026", "2 nov. 2026", "Hôtel de la Gare", "1 980,00 €", "Signalétique chambres"],
    ["2026-032", "10 oct. 2026", "9 nov. 2026", "Crêperie Saint-Guénolé", "312,50 €", "Cartes de fidélité"],
    ["2026-033", "22 nov. 2026", "22 déc. 2026", "Hôtel de la Gare", "1.234,56", "Plaquette été"],
], encoding="cp1252")

# ISO-8859-15 with tabulations: € is 0xA4; long French dates.
write("factures-iso-8859-15.tsv", [
    ["Réf.", "Client", "Date", "Échéance", "Total TTC", "Objet"],
    ["R-501", "Œuvres Sociales de l'Hôpital", "1er octobre 2026", "31 octobre 2026", "2 750,00 €", "Rapport annuel"],
    ["R-502", "Pâtisserie Bœuf & Fils", "22 novembre 2026", "22 décembre 2026", "99,99 €", "Étiquettes"],
], sep="\t", encoding="iso8859_15")

# Quoted fields holding separators, quotes and line breaks, as LibreOffice writes them.
write("objet-multiligne.csv", [
    ["N° facture", "Client", "Date", "Montant TTC", "Objet"],
    ["M-01", "Menuiserie \"Au Chêne\"", "22-11-26", "540,00", "Maquette, 3 pages ;\nrelecture comprise"],
    ["M-02", "Menuiserie \"Au Chêne\"", "22-11-26", "60,00", "Frais d'impression\n(2e tirage)\nlivraison"],
], sep=",", newline="\n")

# A sheet that tracks payments: remaining and status columns, and a totals row.
write("reglements.csv", [
    ["N° facture", "Client", "Date facture", "Échéance", "Montant TTC", "Reste dû", "Statut"],
    ["P-201", "Garage du Centre", "01/09/2026", "01/10/2026", "1 000,00", "250,00", "Partiellement payée"],
    ["P-202", "Garage du Centre", "15/09/2026", "15/10/2026", "480,00", "", "Payée"],
    ["P-203", "Boulangerie Martin", "01/10/2026", "31/10/2026", "720,00", "720,00", "En attente"],
    ["P-204", "Boulangerie Martin", "10/10/2026", "09/11/2026", "-80,00", "", "Avoir"],
    ["", "", "", "Total", "2 120,00", "970,00", ""],
])

write("doublons.csv", [
    ["N° facture", "Client", "Date", "Échéance", "Montant TTC"],
    ["D-301", "Garage du Centre", "01/10/2026", "31/10/2026", "100,00"],
    ["D-302", "Garage du Centre", "02/10/2026", "01/11/2026", "200,00"],
    ["D-301", "Garage du Centre", "03/10/2026", "02/11/2026", "300,00"],
])

# Bad files: one mistake each. Row-level ones hold only bad rows, so nothing may be written.
H = ["N° facture", "Client", "Date", "Échéance", "Montant TTC"]
def bad_row(name, row, header=H, **kw):
    write("bad/" + name, [header, row], **kw)

bad_row("date-impossible.csv", ["B-1", "Garage du Centre", "01/10/2026", "31/02/2026", "100,00"])
bad_row("date-29-fevrier.csv", ["B-1", "Garage du Centre", "29/02/2026", "", "100,00"])
bad_row("date-mois-13.csv", ["B-1", "Garage du Centre", "22/13/2026", "", "100,00"])
bad_row("date-texte.csv", ["B-1", "Garage du Centre", "demain", "", "100,00"])
bad_row("date-vide.csv", ["B-1", "Garage du Centre", "", "31/10/2026", "100,00"])
bad_row("date-invraisemblable.csv", ["B-1", "Garage du Centre", "22/11/2206", "", "100,00"])
bad_row("date-mois-inconnu.csv", ["B-1", "Garage du Centre", "22 brumaire 2026", "", "100,00"])
bad_row("date-incomplete.csv", ["B-1", "Garage du Centre", "22/11", "", "100,00"])
bad_row("echeance-avant-date.csv", ["B-1", "Garage du Centre", "22/11/2026", "01/11/2026", "100,00"])
bad_row("echeance-31-avril.csv", ["B-1", "Garage du Centre", "01/04/2026", "31/04/2026", "100,00"])
bad_row("montant-illisible.csv", ["B-1", "Garage du Centre", "01/10/2026", "", "cent euros"])
bad_row("montant-separateurs.csv", ["B-1", "Garage du Centre", "01/10/2026", "", "12,3,4"])
bad_row("montant-trois-decimales.csv", ["B-1", "Garage du Centre", "01/10/2026", "", "12,345"])
bad_row("montant-trop-grand.csv", ["B-1", "Garage du Centre", "01/10/2026", "", "2 000 000 000,00 €"])
bad_row("montant-vide.csv", ["B-1", "Garage du Centre", "01/10/2026", "", ""])
bad_row("montant-nul.csv", ["B-1", "Garage du Centre", "01/10/2026", "", "0,00 €"])
bad_row("montant-double-signe.csv", ["B-1", "Garage du Centre", "01/10/2026", "", "--5,00"])
bad_row("montant-groupes-faux.csv", ["B-1", "Garage du Centre", "01/10/2026", "", "1 23.4,5"])
bad_row("paye-superieur.csv", ["B-1", "Garage du Centre", "01/10/2026", "100,00", "150,00"],
        header=["N° facture", "Client", "Date", "Montant TTC", "Payé"])
bad_row("reste-negatif.csv", ["B-1", "Garage du Centre", "01/10/2026", "100,00", "-5,00"],
        header=["N° facture", "Client", "Date", "Montant TTC", "Reste dû"])
bad_row("avoir-avec-reglement.csv", ["B-1", "Garage du Centre", "01/10/2026", "-100,00", "50,00"],
        header=["N° facture", "Client", "Date", "Montant TTC", "Payé"])
# A wrong value about the client is a warning, not a refusal: these import, the value left out.
write("client-siret-invalide.csv", [["N° facture", "Client", "Date", "Montant TTC", "SIRET"],
                                    ["B-1", "Garage du Centre", "01/10/2026", "100,00", "12345678901234"]])
write("client-email-invalide.csv", [["N° facture", "Client", "Date", "Montant TTC", "E-mail"],
                                    ["B-1", "Garage du Centre", "01/10/2026", "100,00", "garage.centre.fr"]])
bad_row("numero-vide.csv", ["", "Garage du Centre", "01/10/2026", "", "100,00"])
bad_row("client-vide.csv", ["B-1", "", "01/10/2026", "", "100,00"])
write("bad/vide.csv", [])
with open("bad/vide.csv", "wb") as f:
    f.write(b"")
with open("bad/lignes-blanches.csv", "wb") as f:
    f.write(b"\r\n;;;\r\n   \r\n")
with open("bad/image-renommee.csv", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
            + bytes(range(256)) * 4)
write("bad/sans-entete.csv", [["F1", "Garage", "01/10/2026", "100"], ["F2", "Garage", "02/10/2026", "200"]])
write("bad/colonnes-manquantes.csv", [["N° facture", "Client", "Date"], ["F1", "Garage", "01/10/2026"]])
write("bad/entete-seule.csv", [H])
# UTF-16 without a byte order mark: NUL bytes everywhere, not a text table this reader can trust.
with open("bad/utf16-sans-bom.csv", "wb") as f:
    f.write("N° facture;Client;Date;Montant TTC\r\nF1;Garage;01/10/2026;100\r\n".encode("utf-16-le"))
