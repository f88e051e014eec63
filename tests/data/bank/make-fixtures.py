#!/usr/bin/env python3
"""Writes the bank statement fixtures of tests/data/bank/ and the bad files of bad/ (run it from this
folder). Every statement tells the same November 2026 of a graphic designer in Lyon (the clients of
tests/data/import/), shaped as each bank or format really writes it: see README.md and
docs/bank-formats.md for where each shape comes from."""

import os

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

def iban_fr(bban):
    """A French IBAN with its mod-97 key, from a 23-character BBAN (bank, branch, account, RIB key)."""
    converted = "".join(str(int(c, 36)) for c in bban + "FR00")
    key = 98 - int(converted) % 97
    return f"FR{key:02d}{bban}"

GARAGE_SIREN = siren("50876543")
IBAN_MARTIN = iban_fr("10278073000002012345678")
IBAN_GARAGE = iban_fr("30004008190001234567843")
IBAN_PRE = iban_fr("16807000010987654321097")
OWN_IBAN = iban_fr("30002005500000157845Z02")

# date, signed cents, short label, long label, payer or payee, payer's reference
OPS = [
    ("05/11/2026", 120000, "VIR SEPA RECU", "VIR SEPA RECU /DE GARAGE DU CENTRE /MOTIF FACTURE F2026-068",
     "GARAGE DU CENTRE", "FACTURE F2026-068"),
    ("06/11/2026", -4590, "CB CARREFOUR", "CB CARREFOUR CITY LYON 04/11", "CARREFOUR CITY", ""),
    ("07/11/2026", 150000, "VIR SEPA RECU", "VIR SEPA RECU /DE BOULANGERIE MARTIN SARL /MOTIF FACT 2026-071",
     "BOULANGERIE MARTIN SARL", "FACT 2026-071"),
    ("10/11/2026", 35000, "REMISE CHEQUE", "REMISE CHEQUE N 8842301 1 CHQ", "", ""),
    ("12/11/2026", -61200, "PRLV SEPA URSSAF", "PRLV SEPA URSSAF RHONE ALPES ECH 11/2026", "URSSAF RHONE ALPES", ""),
    ("14/11/2026", 30000, "VIR SEPA RECU", "VIR SEPA RECU /DE MME LEFEVRE SOPHIE /MOTIF SOLDE FAIRE-PART",
     "MME LEFEVRE SOPHIE", "SOLDE FAIRE-PART"),
    ("18/11/2026", -2999, "PRLV SEPA ADOBE", "PRLV SEPA ADOBE SYSTEMS SOFTWARE ABONNEMENT", "ADOBE SYSTEMS", ""),
    ("20/11/2026", 93660, "VIR SEPA RECU", "VIR SEPA RECU /DE RESTAURANT LE PRE FLEURI /MOTIF REGLEMENT",
     "RESTAURANT LE PRE FLEURI", "REGLEMENT"),
]
OPENING = 451230

def fr(cents, plus=False, group=""):
    sign = "-" if cents < 0 else ("+" if plus else "")
    units, hundredths = divmod(abs(cents), 100)
    text = f"{units:,}".replace(",", group)
    return f"{sign}{text},{hundredths:02d}"

def iso(date):
    d, m, y = date.split("/")
    return f"{y}-{m}-{d}"

def write(name, text, encoding="utf-8", newline="\r\n"):
    data = text.replace("\n", newline).encode(encoding)
    with open(name, "wb") as f:
        f.write(data)

def credits_and_debits():
    credits = [c for (_, c, *_ ) in OPS if c > 0]
    debits = [c for (_, c, *_ ) in OPS if c < 0]
    return len(credits), sum(credits), len(debits), sum(debits)

# --- CSV of the banks -------------------------------------------------------------------------------------

def bnp():
    lines = [f"Compte de chèques;M LEFEBVRE CLAIRE;****7843;01/12/2026;;{fr(OPENING + sum(c for _, c, *_ in OPS))}", "",
             "Date operation;Libelle court;Type operation;Libelle operation;Montant operation en euro"]
    kinds = {"VIR": "VIREMENT", "CB ": "CARTE", "REM": "REMISE CHEQUES", "PRL": "PRELEVEMENT"}
    for date, cents, short, long, *_ in OPS:
        lines.append(f"{date};{short};{kinds[short[:3]]};{long};{fr(cents, group=' ')}")
    write("bnp-paribas.csv", "\n".join(lines) + "\n", "cp1252")

def societe_generale():
    lines = [f'="000157845";01/11/2026;30/11/2026;{len(OPS)};30/11/2026;{fr(OPENING + sum(c for _, c, *_ in OPS))} EUR', "",
             "Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise"]
    for date, cents, short, long, who, ref in OPS:
        detail = long
        if cents > 0 and who:
            detail = f"{short} 2611{date[:2]}4501 DE: {who} MOTIF: {ref or 'VIREMENT'} REF: NOTPROVIDED"
        lines.append(f"{date};{short};{detail};{fr(cents)};EUR")
    write("societe-generale.csv", "\n".join(lines) + "\n", "cp1252")

def credit_agricole():
    head = ["Téléchargement du 01/12/2026;", "", "", "M. LEFEBVRE CLAIRE", "Compte de Dépôt carte n° 00157845802;",
            f"Solde au 01/12/2026 {fr(OPENING + sum(c for _, c, *_ in OPS), group=' ')} €", "",
            "Liste des opérations du compte entre le 01/11/2026 et le 30/11/2026;", "",
            "Date;Libellé;Débit euros;Crédit euros;"]
    titles = {"VIR": "VIREMENT EN VOTRE FAVEUR", "CB ": "PAIEMENT PAR CARTE", "REM": "REMISE CHEQUE",
              "PRL": "PRELEVEMENT"}
    rows = []
    for date, cents, short, long, who, ref in OPS:
        title = titles[short[:3]]
        second = f"{who} {ref}".strip() if who else long
        label = f'"{title:<24}\n{second:<32}\n\n\n"'
        debit, credit = (fr(-cents, group=' '), "") if cents < 0 else ("", fr(cents, group=' '))
        rows.append(f"{date};{label};{debit};{credit};")
    write("credit-agricole.csv", "\n".join(head + rows) + "\n", "cp1252", newline="\n")

def credit_mutuel():
    balance = OPENING
    lines = ["Date;Date de valeur;Débit;Crédit;Libellé;Solde"]
    for date, cents, short, long, *_ in OPS:
        balance += cents
        debit, credit = (fr(cents), "") if cents < 0 else ("", fr(cents))
        lines.append(f"{date};{date};{debit};{credit};{long};{fr(balance)}")
    write("credit-mutuel.csv", "\n".join(lines) + "\n", "iso8859_15")

def credit_mutuel_october():
    """The statement before `credit-mutuel.csv`, overlapping it from November 5 to 10 (tests/bank_import.rs):
    the same lines on the days they share, a credit of its own (the Atelier Roux's installment) and two debits."""
    earlier = [
        ("26/10/2026", -8000, "PRLV SEPA EDF", "PRLV SEPA EDF CLIENTS PARTICULIERS REF 2611", "EDF", ""),
        ("28/10/2026", 15000, "VIR SEPA RECU", "VIR SEPA RECU /DE ATELIER ROUX /MOTIF ECHEANCE NOVEMBRE",
         "ATELIER ROUX", "ECHEANCE NOVEMBRE"),
        ("30/10/2026", -1290, "CB LA POSTE", "CB LA POSTE LYON TERREAUX 29/10", "LA POSTE", ""),
    ]
    shared = [op for op in OPS if op[0][3:5] == "11" and int(op[0][:2]) <= 10]
    balance = OPENING - sum(c for _, c, *_ in earlier)
    lines = ["Date;Date de valeur;Débit;Crédit;Libellé;Solde"]
    for date, cents, short, long, *_ in earlier + shared:
        balance += cents
        debit, credit = (fr(cents), "") if cents < 0 else ("", fr(cents))
        lines.append(f"{date};{date};{debit};{credit};{long};{fr(balance)}")
    write("credit-mutuel-octobre.csv", "\n".join(lines) + "\n", "iso8859_15")

def cic_single_amount():
    balance = OPENING
    lines = ["Date;Date de valeur;Montant;Libellé;Solde"]
    for date, cents, short, long, *_ in OPS:
        balance += cents
        lines.append(f"{date};{date};{fr(cents)};{long};{fr(balance)}")
    write("cic-montant.csv", "\n".join(lines) + "\n", "iso8859_15")

def caisse_epargne():
    lines = ["Date de comptabilisation;Libelle simplifie;Libelle operation;Reference;Informations complementaires;"
             "Type operation;Categorie;Sous categorie;Debit;Credit;Date operation;Date de valeur;Pointage operation"]
    kinds = {"VIR": ("Virement recu", "Revenus", "Virements recus"), "CB ": ("Carte bancaire", "Alimentation", "Supermarche"),
             "REM": ("Remise de cheque", "Revenus", "Cheques"), "PRL": ("Prelevement", "Impots et taxes", "Cotisations")}
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        kind, category, sub = kinds[short[:3]]
        simple = who or short
        debit, credit = (fr(cents), "") if cents < 0 else ("", fr(cents, plus=True))
        day = date[:6] + date[8:]
        lines.append(f"{day};{simple};{long};2611{number:04d}B{number:03d};{ref};{kind};{category};{sub};"
                     f"{debit};{credit};{day};{day};0")
    write("caisse-epargne.csv", "\n".join(lines) + "\n", "cp1252")

def banque_postale():
    lines = ["Numéro Compte   ;0157845X020", "Type   ;CCP", "Compte tenu en  ;euros", "Date    ;01/12/2026",
             f"Solde (EUROS)   ;{fr(OPENING + sum(c for _, c, *_ in OPS), plus=True)}", "",
             "Date;Libellé;Montant(EUROS)"]
    for date, cents, short, long, *_ in reversed(OPS):
        lines.append(f'{date};"{long}";{fr(cents, plus=True)}')
    write("la-banque-postale.csv", "\n".join(lines) + "\n", "cp1252")

def lcl():
    kinds = {"VIR": "Virement", "CB ": "Carte", "REM": "Remise", "PRL": "Prélèvement"}
    lines = []
    for date, cents, short, long, who, ref in OPS:
        number = "8842301" if short.startswith("REM") else ""
        lines.append(f"{date};{fr(cents)};{kinds[short[:3]]};{number};{long};;")
    lines.append(f";{fr(OPENING + sum(c for _, c, *_ in OPS))};;;;Solde final au 30/11/2026")
    write("lcl.csv", "\n".join(lines) + "\n", "cp1252")

def lcl_tabs():
    """LCL's « .xls » export, which is tab-separated text (ISO-8859-15, no header, amounts as short as they go,
    `-45,9`), ending with the balance on the last day and the account's RIB where the labels are: « date,
    solde, -, -, rib », as Open Firm Accounting's LCL importer reads it. And the newer `;` form ending with
    the same dated balance and nothing after it."""
    kinds = {"VIR": "Virement", "CB ": "Carte", "REM": "Remise", "PRL": "Prélèvement"}
    closing = OPENING + sum(c for _, c, *_ in OPS)
    short = lambda cents: repr(cents / 100).replace(".", ",")
    own = OWN_IBAN[4:]
    rib = f"{own[:5]} {own[5:10]} {own[10:21]} {own[21:]}"
    tabs, semicolons = [], []
    for date, cents, kind, long, who, ref in OPS:
        number = "8842301" if kind.startswith("REM") else ""
        tabs.append(f"{date}\t{short(cents)}\t{kinds[kind[:3]]}\t{number}\t{long}")
        semicolons.append(f"{date};{fr(cents)};{kinds[kind[:3]]};{number};{long};;")
    tabs.append(f"30/11/2026\t{short(closing)}\t\t\t{rib}")
    semicolons.append(f"30/11/2026;{fr(closing)};;;;;")
    write("lcl-tabulations.xls", "\n".join(tabs) + "\n", "iso8859_15")
    write("lcl-solde-date.csv", "\n".join(semicolons) + "\n", "iso8859_15")

def boursorama():
    lines = ["dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;"
             "accountbalance"]
    balance = OPENING
    for date, cents, short, long, who, ref in OPS:
        balance += cents
        category = ("Virements reçus", "Revenus") if cents > 0 else ("Dépenses", "Vie quotidienne")
        lines.append(f'{iso(date)};{iso(date)};"{long}";"{category[0]}";"{category[1]}";"{who.lower()}";'
                     f'{fr(cents, group=" ")};"{ref}";00040157845;"BoursoBank";{fr(balance)}')
    write("boursorama.csv", "\ufeff" + "\n".join(lines) + "\n", newline="\n")

def qonto():
    lines = ["Status,Settlement date (UTC),Operation date (UTC),Total amount (incl. VAT),Currency,Counterparty name,"
             "Payment method,Initiator,Reference,Transaction ID,IBAN,Category,Note,VAT amount"]
    ibans = {"GARAGE DU CENTRE": IBAN_GARAGE, "BOULANGERIE MARTIN SARL": IBAN_MARTIN,
             "RESTAURANT LE PRE FLEURI": IBAN_PRE}
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        method = "card" if short.startswith("CB") else ("cheque" if short.startswith("REM") else
                 ("direct_debit" if short.startswith("PRL") else "transfer"))
        name = who or "Remise de chèques"
        amount = f"{cents / 100:.2f}"
        lines.append(f"settled,{iso(date)} 09:{number:02d}:12,{iso(date)} 08:{number:02d}:40,{amount},EUR,{name},"
                     f"{method},,{ref},b1e6c0de-26{number:02d}-4bd1-9a7e-00000000{number:04d},{ibans.get(who, '')},"
                     f"{'other_income' if cents > 0 else 'other_expense'},,")
    lines.append("pending,,2026-11-30 17:45:03,250.00,EUR,GARAGE DU CENTRE,transfer,,F2026-069,"
                 f"b1e6c0de-2699-4bd1-9a7e-000000000099,{IBAN_GARAGE},other_income,,")
    lines.append("declined,,2026-11-29 12:00:00,-19.90,EUR,AMAZON EU,card,Claire Lefebvre,,"
                 "b1e6c0de-2698-4bd1-9a7e-000000000098,,other_expense,,")
    write("qonto.csv", "\n".join(lines) + "\n", newline="\n")

def qonto_fr():
    lines = ["Statut;Date de la valeur (UTC);Date de l'opération (UTC);Montant total (TTC);Débit;Crédit;Devise;"
             "Nom de la contrepartie;Méthode de paiement;Référence;Identifiant de transaction"]
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        d, m, y = date.split("/")
        stamp = f"{d}-{m}-{y} 09:{number:02d}:12"
        debit, credit = (fr(-cents), "") if cents < 0 else ("", fr(cents))
        lines.append(f"Exécuté;{stamp};{stamp};{fr(cents)};{debit};{credit};EUR;{who or 'Remise de chèques'};"
                     f"Virement;{ref};c7d1a2b3-11{number:02d}-4e5f-8a9b-0000000{number:05d}")
    lines.append("En cours;;30-11-2026 17:45:03;250,00;;250,00;EUR;GARAGE DU CENTRE;Virement;F2026-069;"
                 "c7d1a2b3-1199-4e5f-8a9b-000000000099")
    write("qonto-fr.csv", "\n".join(lines) + "\n", newline="\n")

def shine():
    lines = ["Transaction ID;Date de la valeur;Date d'opération;IBAN;Type de transaction;Transaction personnelle;Category;"
             "Débit;Crédit;Solde mouvement;Solde bancaire;Libellé;Nom de la contrepartie;Montant HT;"
             "Montant de TVA total;Pièces;Date d'ajout pièces;Commentaire"]
    balance = OPENING
    ibans = {"GARAGE DU CENTRE": IBAN_GARAGE, "BOULANGERIE MARTIN SARL": IBAN_MARTIN}
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        balance += cents
        kind = "Virement" if cents > 0 else "Paiement"
        debit, credit = (fr(-cents), "") if cents < 0 else ("", fr(cents))
        lines.append(f"5f2c{number:04d}-aa10-4c2e-9f00-0000000{number:05d};{date};{date};{ibans.get(who, '')};{kind};Non;"
                     f"{'Ventes' if cents > 0 else 'Achats'};{debit};{credit};{fr(cents)};{fr(balance)};{long};{who};;;;;{ref}")
    write("shine.csv", "\n".join(lines) + "\n", "cp1252")

def n26():
    """N26 since 2023 (the header beangulp's and other public N26 importers hard-code; `Type` is the one
    name left unquoted): no label, the partner's name and IBAN, what the payer wrote in « Payment
    Reference », amounts signed with a dot, written as short as they go (`1200.0`, `-45.9`)."""
    lines = ['"Booking Date","Value Date","Partner Name","Partner Iban",Type,"Payment Reference","Account Name",'
             '"Amount (EUR)","Original Amount","Original Currency","Exchange Rate"']
    ibans = {"GARAGE DU CENTRE": IBAN_GARAGE, "BOULANGERIE MARTIN SARL": IBAN_MARTIN, "RESTAURANT LE PRE FLEURI": IBAN_PRE}
    kinds = {"VIR": "Credit Transfer", "CB ": "Presentment", "REM": "Credit Transfer", "PRL": "Direct Debit"}
    for date, cents, short, long, who, ref in OPS:
        # N26 takes no cheque: the 350 € are the designer's own transfer from her other account.
        partner = who or "CLAIRE LEFEBVRE"
        reference = ref or ("Virement interne" if short.startswith("REM") else "")
        lines.append(f'"{iso(date)}","{iso(date)}","{partner}","{ibans.get(who, "")}","{kinds[short[:3]]}",'
                     f'"{reference}","Compte principal","{cents / 100}","","",""')
    write("n26.csv", "\n".join(lines) + "\n", newline="\n")

def n26_old():
    """N26 before 2023 (the header of ledger-autosync's N26 converter): « Payee », « Account number » (the
    payee's IBAN), « Transaction type », « Payment reference »."""
    lines = ['"Date","Payee","Account number","Transaction type","Payment reference","Amount (EUR)",'
             '"Amount (Foreign Currency)","Type Foreign Currency","Exchange Rate"']
    ibans = {"GARAGE DU CENTRE": IBAN_GARAGE, "BOULANGERIE MARTIN SARL": IBAN_MARTIN, "RESTAURANT LE PRE FLEURI": IBAN_PRE}
    kinds = {"VIR": "Income", "CB ": "MasterCard Payment", "REM": "Income", "PRL": "Direct Debit"}
    for date, cents, short, long, who, ref in OPS:
        payee = who or "CLAIRE LEFEBVRE"
        card = short.startswith("CB")
        foreign = (f'"{cents / 100}","EUR","1.0"') if card else '"","",""'
        lines.append(f'"{iso(date)}","{payee}","{ibans.get(who, "")}","{kinds[short[:3]]}","{ref}",'
                     f'"{cents / 100}",{foreign}')
    write("n26-ancien.csv", "\n".join(lines) + "\n", newline="\n")

def revolut():
    """Revolut (personal account; the header the public Revolut importers of beancount and others read):
    no payer nor reference column, the payer in « Payment from NAME »; « Completed Date » is the booking,
    empty while « State » is PENDING; the « Fee » is charged apart from « Amount » (« Balance » moves by
    Amount − Fee)."""
    lines = ["Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance"]
    balance = OPENING
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        kind = {"VIR": "TRANSFER", "CB ": "CARD_PAYMENT", "REM": "TOPUP", "PRL": "TRANSFER"}[short[:3]]
        if short.startswith("VIR"):
            text = f"Payment from {who.title()}"
        elif short.startswith("REM"):
            text = "Top-up by *4821"
        else:
            text = who.title()
        # Revolut charges its card top-ups: the fee is taken apart, the amount stays what came in.
        fee = 175 if short.startswith("REM") else 0
        balance += cents - fee
        stamp = f"{iso(date)} 09:{number:02d}:12"
        lines.append(f"{kind},Current,{stamp},{stamp},{text},{cents / 100:.2f},{fee / 100:.2f},EUR,COMPLETED,"
                     f"{balance / 100:.2f}")
    lines.append("TRANSFER,Current,2026-11-30 17:45:03,,Payment from Garage Du Centre,250.00,0.00,EUR,PENDING,")
    lines.append("CARD_PAYMENT,Current,2026-11-29 12:00:00,2026-11-29 12:00:04,Amazon,-19.90,0.00,EUR,REVERTED,"
                 f"{balance / 100:.2f}")
    write("revolut.csv", "\n".join(lines) + "\n", newline="\n")

def revolut_business():
    """Revolut Business (the columns of its account statement as public reconciliation scripts quote them):
    « Payment from NAME » in the description and the payer's words in « Reference », where invoice numbers
    are; « Payer » is the member of the team who paid by card, empty on a client's transfer; a pending
    transfer has no « Date completed (UTC) »."""
    lines = ["Date started (UTC),Date completed (UTC),ID,Type,State,Description,Reference,Payer,Card number,"
             "Orig currency,Orig amount,Payment currency,Amount,Fee,Balance,Account,Beneficiary account number,"
             "Beneficiary sort code or routing number,Beneficiary IBAN,Beneficiary BIC"]
    balance = OPENING
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        balance += cents
        amount = f"{cents / 100:.2f}"
        ident = f"6582a1b2-{number:04d}-a000-8000-0000000{number:05d}"
        if short.startswith("CB"):
            row = ("CARD_PAYMENT", "COMPLETED", who.title(), "", "Claire Lefebvre",
                   "537410******4821")
        elif short.startswith("PRL"):
            row = ("TRANSFER", "COMPLETED", f"To {who.title()}", long, "", "")
        elif short.startswith("REM"):
            row = ("TOPUP", "COMPLETED", "Payment from Claire Lefebvre", "Virement interne", "", "")
        else:
            row = ("TOPUP", "COMPLETED", f"Payment from {who.title()}", ref, "", "")
        kind, state, text, reference, payer, card = row
        lines.append(f"{iso(date)},{iso(date)},{ident},{kind},{state},{text},{reference},{payer},{card},EUR,{amount},"
                     f"EUR,{amount},0.00,{balance / 100:.2f},EUR Main,,,,")
    lines.append("2026-11-30,,6582a1b2-0099-a000-8000-000000000099,TOPUP,PENDING,Payment from Garage Du Centre,"
                 "F2026-069,,,EUR,250.00,EUR,250.00,0.00,,EUR Main,,,,")
    lines.append("2026-11-29,2026-11-29,6582a1b2-0098-a000-8000-000000000098,TOPUP,REVERTED,"
                 "Payment from Restaurant Le Pre Fleuri,REGLEMENT,,,EUR,99.90,EUR,99.90,0.00,"
                 f"{balance / 100:.2f},EUR Main,,,,")
    write("revolut-business.csv", "\n".join(lines) + "\n", newline="\n")

def balance_footer():
    """A debit and credit export ending with its balance and its totals written where the dates are
    (« Solde au 30/11/2026 », « Total des opérations »), as the audit's HSBC sample does."""
    lines = ["Date;Libellé;Débit;Crédit"]
    for date, cents, short, long, *_ in OPS:
        debit, credit = (fr(-cents, group=" "), "") if cents < 0 else ("", fr(cents, group=" "))
        lines.append(f"{date};{long};{debit};{credit}")
    closing = OPENING + sum(c for _, c, *_ in OPS)
    lines.append(f"Solde au 30/11/2026;;;{fr(closing, group=' ')}")
    lines.append("Total des opérations;;687,89;4 286,60")
    write("solde-en-pied.csv", "\n".join(lines) + "\n", "cp1252")

def excel_unicode():
    """A statement saved again by Excel as « Texte Unicode »: UTF-16 little-endian with its byte order
    mark, tabs, CRLF."""
    lines = ["Date\tLibellé\tMontant"]
    for date, cents, short, long, *_ in OPS:
        lines.append(f"{date}\t{long}\t{fr(cents, group=' ')}")
    write("excel-texte-unicode.csv", "\n".join(lines) + "\n", "utf-16")

# --- OFX --------------------------------------------------------------------------------------------------

def ofx_amount(cents, comma=False):
    text = f"{cents / 100:.2f}"
    return text.replace(".", ",") if comma else text

def ofx1():
    head = ["OFXHEADER:100", "DATA:OFXSGML", "VERSION:102", "SECURITY:NONE", "ENCODING:USASCII", "CHARSET:1252",
            "COMPRESSION:NONE", "OLDFILEUID:NONE", "NEWFILEUID:NONE", ""]
    body = ["<OFX>", "<SIGNONMSGSRSV1>", "<SONRS>", "<STATUS>", "<CODE>0", "<SEVERITY>INFO", "</STATUS>",
            "<DTSERVER>20261201083000", "<LANGUAGE>FRA", "</SONRS>", "</SIGNONMSGSRSV1>", "<BANKMSGSRSV1>",
            "<STMTTRNRS>", "<TRNUID>20261201083000", "<STATUS>", "<CODE>0", "<SEVERITY>INFO", "</STATUS>",
            "<STMTRS>", "<CURDEF>EUR", "<BANKACCTFROM>", "<BANKID>30002", "<BRANCHID>00550", "<ACCTID>0000157845Z",
            "<ACCTTYPE>CHECKING", "</BANKACCTFROM>", "<BANKTRANLIST>", "<DTSTART>20261101", "<DTEND>20261130"]
    stamps = ["", "120000[+1:CET]", "000000.000", "", "093000[+1:CET]", "", "120000", "000000.000[-5:EST]"]
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        kind = "CREDIT" if cents > 0 else ("POS" if short.startswith("CB") else "DIRECTDEBIT")
        name = (long if cents < 0 else f"VIR SEPA {who}")[:24] if short != "REMISE CHEQUE" else "REMISE CHEQUE 8842301"
        memo = long if cents > 0 else ""
        if short.startswith("PRLV SEPA URSSAF"):
            name = "PRLV SEPA URSSAF RHÔNE-A"
        body += ["<STMTTRN>", f"<TRNTYPE>{kind}", f"<DTPOSTED>{iso(date).replace('-', '')}{stamps[number - 1]}",
                 f"<DTUSER>{iso(date).replace('-', '')}", f"<TRNAMT>{ofx_amount(cents, comma=number == 2)}",
                 f"<FITID>26{number:03d}1105{number:06d}", f"<NAME>{name}"]
        if memo:
            body.append(f"<MEMO>{memo}")
        body.append("</STMTTRN>")
    body += ["</BANKTRANLIST>", "<LEDGERBAL>", f"<BALAMT>{ofx_amount(OPENING + sum(c for _, c, *_ in OPS))}",
             "<DTASOF>20261130", "</LEDGERBAL>", "</STMTRS>", "</STMTTRNRS>", "</BANKMSGSRSV1>", "</OFX>"]
    write("ofx1-sgml-1252.ofx", "\n".join(head + body) + "\n", "cp1252")

def ofx2():
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
           '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>',
           "<OFX>", "  <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>"
           "<DTSERVER>20261201083000</DTSERVER><LANGUAGE>FRA</LANGUAGE></SONRS></SIGNONMSGSRSV1>",
           "  <BANKMSGSRSV1>", "    <STMTTRNRS>", "      <TRNUID>1</TRNUID>",
           "      <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>", "      <STMTRS>",
           "        <CURDEF>EUR</CURDEF>",
           "        <BANKACCTFROM><BANKID>16958</BANKID><ACCTID>" + OWN_IBAN + "</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>",
           "        <BANKTRANLIST>", "          <DTSTART>20261101</DTSTART>", "          <DTEND>20261130</DTEND>"]
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        kind = "CREDIT" if cents > 0 else "DEBIT"
        payee = f"<PAYEE><NAME>{who.replace('&', '&amp;')}</NAME></PAYEE>" if who and cents > 0 else f"<NAME>{short}</NAME>"
        out.append(f"          <STMTTRN><TRNTYPE>{kind}</TRNTYPE><DTPOSTED>{iso(date).replace('-', '')}100000</DTPOSTED>"
                   f"<TRNAMT>{ofx_amount(cents)}</TRNAMT><FITID>QNT-{number:08d}</FITID>{payee}"
                   f"<MEMO>{long.replace('&', '&amp;')}</MEMO></STMTTRN>")
    out += ["        </BANKTRANLIST>",
            f"        <LEDGERBAL><BALAMT>{ofx_amount(OPENING + sum(c for _, c, *_ in OPS))}</BALAMT><DTASOF>20261130</DTASOF></LEDGERBAL>",
            "      </STMTRS>", "    </STMTTRNRS>", "  </BANKMSGSRSV1>", "</OFX>"]
    write("ofx2.ofx", "\n".join(out) + "\n", newline="\n")

# --- CFONB 120 --------------------------------------------------------------------------------------------

def cfonb_amount(cents):
    digits = f"{abs(cents):014d}"
    last = int(digits[-1])
    if cents < 0:
        sign = "}" if last == 0 else "JKLMNOPQR"[last - 1]
    else:
        sign = "{" if last == 0 else "ABCDEFGHI"[last - 1]
    return digits[:-1] + sign

def record(fields):
    chars = [" "] * 120
    for (start, end), value in fields.items():
        value = value.ljust(end - start + 1)[: end - start + 1]
        chars[start - 1:end] = list(value)
    return "".join(chars)

def cfonb_base(code, op="    ", interbank="  "):
    return {(1, 2): code, (3, 7): "30004", (8, 11): op, (12, 16): "00550", (17, 19): "EUR", (20, 20): "2",
            (22, 32): "00001578452", (33, 34): interbank}

def ddmmyy(date):
    d, m, y = date.split("/")
    return d + m + y[2:]

def cfonb_records():
    records = [record({**cfonb_base("01"), (35, 40): "311026", (91, 104): cfonb_amount(OPENING)})]
    codes = {"VIR": ("0158", "05"), "CB ": ("0117", "11"), "REM": ("0161", "01"), "PRL": ("0159", "08")}
    for number, (date, cents, short, long, who, ref) in enumerate(OPS, 1):
        op, interbank = codes[short[:3]]
        base = cfonb_base("04", op, interbank)
        label = (f"VIR SEPA {who}" if cents > 0 and who else long)[:31]
        records.append(record({**base, (35, 40): ddmmyy(date), (43, 48): ddmmyy(date), (49, 79): label,
                               (82, 88): f"{number:07d}", (91, 104): cfonb_amount(cents),
                               (105, 120): f"2611{number:04d}" if cents > 0 else ""}))
        complement = {**cfonb_base("05", op, interbank), (35, 40): ddmmyy(date)}
        if cents > 0 and who:
            records.append(record({**complement, (46, 48): "NPY", (49, 118): who}))
            records.append(record({**complement, (46, 48): "LIB", (49, 118): long}))
            if ref:
                records.append(record({**complement, (46, 48): "RCN", (49, 118): ref}))
        elif cents < 0 and who:
            records.append(record({**complement, (46, 48): "NBE", (49, 118): who}))
    closing = OPENING + sum(c for _, c, *_ in OPS)
    records.append(record({**cfonb_base("07"), (35, 40): "301126", (91, 104): cfonb_amount(closing)}))
    return records

def cfonb():
    write("cfonb120.txt", "\n".join(cfonb_records()) + "\n", "ascii")
    write("cfonb120-sans-retour.txt", "".join(cfonb_records()), "ascii", newline="")

# --- CAMT.053 ---------------------------------------------------------------------------------------------

def camt(version):
    new = version >= 8
    ns = f"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version:02d}"
    def status(code):
        return f"<Sts><Cd>{code}</Cd></Sts>" if new else f"<Sts>{code}</Sts>"
    def party(tag, name):
        return f"<{tag}><Pty><Nm>{name}</Nm></Pty></{tag}>" if new else f"<{tag}><Nm>{name}</Nm></{tag}>"
    def date(tag, day):
        return f"<{tag}><DtTm>{day}T10:30:00+01:00</DtTm></{tag}>" if new else f"<{tag}><Dt>{day}</Dt></{tag}>"
    def tx(amount, name, iban, ustrd=None, ref=None, e2e="NOTPROVIDED", servicer=None):
        remittance = ""
        if ustrd:
            remittance = f"<RmtInf><Ustrd>{ustrd}</Ustrd></RmtInf>"
        if ref:
            remittance = (f"<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{ref}</Ref>"
                          "</CdtrRefInf></Strd></RmtInf>")
        refs = f"<Refs>{f'<AcctSvcrRef>{servicer}</AcctSvcrRef>' if servicer else ''}<EndToEndId>{e2e}</EndToEndId></Refs>"
        amt = f'<Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>' if version >= 4 else \
              f'<AmtDtls><TxAmt><Amt Ccy="EUR">{amount}</Amt></TxAmt></AmtDtls>'
        account = f"<DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct>" if iban else ""
        return (f"<TxDtls>{refs}{amt}<RltdPties>{party('Dbtr', name)}{account}</RltdPties>{remittance}</TxDtls>")
    def entry(amount, indicator, day, sts, servicer, info, details="", reversal=False):
        rvsl = "<RvslInd>true</RvslInd>" if reversal else ""
        booking = date("BookgDt", day) if sts == "BOOK" else ""
        return (f"<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>{rvsl}{status(sts)}"
                f"{booking}{date('ValDt', day)}<AcctSvcrRef>{servicer}</AcctSvcrRef>"
                f"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>"
                f"{f'<NtryDtls>{details}</NtryDtls>' if details else ''}<AddtlNtryInf>{info}</AddtlNtryInf></Ntry>")
    entries = [
        entry("1200.00", "CRDT", "2026-11-05", "BOOK", "2611050000123", "VIR SEPA RECU",
              tx("1200.00", "GARAGE DU CENTRE", IBAN_GARAGE, ustrd="FACTURE F2026-068", e2e="GDC-2026-1105")),
        entry("45.90", "DBIT", "2026-11-06", "BOOK", "2611060000456", "CB CARREFOUR CITY LYON 04/11"),
        # A batch: two transfers received together, each with its payer and reference.
        entry("2436.60", "CRDT", "2026-11-07", "BOOK", "2611070000789", "REMISE VIREMENTS SEPA 2 OPERATIONS",
              ("<Btch><NbOfTxs>2</NbOfTxs></Btch>" if version >= 4 else "") +
              tx("1500.00", "BOULANGERIE MARTIN SARL", IBAN_MARTIN, ustrd="FACT 2026-071", servicer="B7890001") +
              tx("936.60", "RESTAURANT LE PRE FLEURI", IBAN_PRE, ref="F2026-074", servicer="B7890002")),
        entry("350.00", "CRDT", "2026-11-10", "BOOK", "2611100000321", "REMISE CHEQUE N 8842301 1 CHQ"),
        entry("612.00", "DBIT", "2026-11-12", "BOOK", "2611120000654", "PRLV SEPA URSSAF RHONE ALPES ECH 11/2026"),
        entry("300.00", "CRDT", "2026-11-14", "BOOK", "2611140000987", "VIR SEPA RECU",
              tx("300.00", "MME LEFEVRE SOPHIE", "", ustrd="SOLDE FAIRE-PART")),
        entry("29.99", "DBIT", "2026-11-18", "BOOK", "2611180000111", "PRLV SEPA ADOBE SYSTEMS SOFTWARE"),
        # A returned transfer (booked as a debit, reversal flag set) and a pending credit.
        entry("120.00", "DBIT", "2026-11-19", "BOOK", "2611190000222", "RETOUR VIR SEPA COMPTE CLOS", reversal=True),
        entry("250.00", "CRDT", "2026-11-30", "PDNG", "2611300000333", "VIR SEPA RECU EN ATTENTE",
              tx("250.00", "GARAGE DU CENTRE", IBAN_GARAGE, ustrd="F2026-069")),
    ]
    closing = OPENING + sum(c for _, c, *_ in OPS) - 12000
    def balance(code, cents, day):
        return (f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{cents / 100:.2f}</Amt>"
                f"<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="{ns}" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <BkToCstmrStmt>\n'
           "    <GrpHdr><MsgId>RELEVE-20261130-0001</MsgId><CreDtTm>2026-12-01T06:12:00+01:00</CreDtTm></GrpHdr>\n"
           "    <Stmt>\n      <Id>2026-11-0157845</Id><ElctrncSeqNb>11</ElctrncSeqNb>"
           "<CreDtTm>2026-12-01T06:12:00+01:00</CreDtTm>\n"
           f"      <Acct><Id><IBAN>{OWN_IBAN}</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>CLAIRE LEFEBVRE GRAPHISTE</Nm></Ownr></Acct>\n"
           f"      {balance('OPBD', OPENING, '2026-10-31')}\n      {balance('CLBD', closing, '2026-11-30')}\n")
    for item in entries:
        xml += "      " + item + "\n"
    xml += "    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n"
    write(f"camt053-v{version:02d}.xml", xml, newline="\n")

# --- Bad files --------------------------------------------------------------------------------------------

def bad():
    os.makedirs("bad", exist_ok=True)
    with open("bad/binaire.bin", "wb") as f:
        f.write(bytes(range(256)) * 4)
    write("bad/vide.csv", "")
    write("bad/releve.pdf", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "ascii")
    with open("bad/classeur.xlsx", "wb") as f:
        f.write(b"PK\x03\x04" + bytes(60))
    records = cfonb_records()
    write("bad/cfonb-tronque.txt", "\n".join(records[:5] + [records[5][:80]]) + "\n", "ascii")
    write("bad/cfonb-sans-solde-final.txt", "\n".join(records[:-4]) + "\n", "ascii")
    bad_sign = records[1][:103] + "X" + records[1][104:]
    write("bad/cfonb-signe-invalide.txt", "\n".join([records[0], bad_sign] + records[2:]) + "\n", "ascii")
    write("bad/cfonb-code-inconnu.txt", "\n".join(records[:3] + ["09" + records[3][2:]] + records[3:]) + "\n", "ascii")
    write("bad/xml-pas-camt.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
          "<title>Actualités</title></channel></rss>\n", newline="\n")
    write("bad/camt054.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:'
          'camt.054.001.02">\n  <BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>N1</MsgId></GrpHdr></BkToCstmrDbtCdtNtfctn>\n'
          "</Document>\n", newline="\n")
    with open("camt053-v02.xml", encoding="utf-8") as f:
        camt_text = f.read()
    cut = camt_text.index("<Ntry>", camt_text.index("2611070000789") - 400)
    write("bad/camt-tronque.xml", camt_text[:cut + 300], newline="\n")
    latin = camt_text.replace("CLAIRE LEFEBVRE GRAPHISTE", "CLAIRE LEFÈBVRE GRAPHISTE")
    with open("bad/camt-latin1-annonce-utf8.xml", "wb") as f:
        f.write(latin.encode("cp1252"))
    write("bad/camt-sans-stmt.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:'
          'tech:xsd:camt.053.001.02">\n  <BkToCstmrStmt><GrpHdr><MsgId>VIDE</MsgId><CreDtTm>2026-12-01T06:12:00'
          "</CreDtTm></GrpHdr></BkToCstmrStmt>\n</Document>\n", newline="\n")
    write("bad/camt-dtd.xml", '<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa">'
          '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Document><BkToCstmrStmt>&b;</BkToCstmrStmt></Document>\n',
          newline="\n")
    write("bad/ofx-sans-stmttrn.ofx", "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n"
          "CHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n"
          "<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<DTSERVER>20261201083000\n<LANGUAGE>FRA\n</SONRS>\n"
          "</SIGNONMSGSRSV1>\n</OFX>\n", "cp1252")
    with open("ofx1-sgml-1252.ofx", "rb") as f:
        ofx = f.read()
    cut = ofx.index(b"<FITID>26004")
    with open("bad/ofx-tronque.ofx", "wb") as f:
        f.write(ofx[:cut])
    broken = ofx.replace(b"<TRNAMT>-612.00", b"<TRNAMT>-61 2.0.0")
    with open("bad/ofx-montant-illisible.ofx", "wb") as f:
        f.write(broken)
    write("bad/csv-sans-date.csv", "Libellé;Montant;Solde\nVIR SEPA GARAGE DU CENTRE;1200,00;5712,30\n"
          "CB CARREFOUR;-45,90;5666,40\n", "cp1252")
    write("bad/csv-lignes-illisibles.csv", "Date;Libellé;Débit;Crédit\n05/11/2026;VIR SEPA GARAGE DU CENTRE;;1200,00\n"
          "31/11/2026;CB CARREFOUR;45,90;\n12/11/2026;PRLV URSSAF;61,2,0;\n14/11/2026;VIR MME LEFEVRE;;\n", "cp1252")
    # UTF-16 without its byte order mark: nothing says which byte comes first.
    with open("bad/utf16-sans-bom.csv", "wb") as f:
        f.write("Date;Libellé;Montant\r\n05/11/2026;VIR SEPA;1200,00\r\n".encode("utf-16-le"))
    write("bad/texte.txt", "Bonjour,\nVoici le relevé demandé.\nCordialement\n")
    write("bad/csv-devise.csv", "Date;Libellé;Montant;Devise\n05/11/2026;VIR SEPA GARAGE DU CENTRE;1200,00;EUR\n"
          "06/11/2026;CARD PAYMENT LONDON;-45,90;GBP\n")

os.chdir(os.path.dirname(os.path.abspath(__file__)))
for make in [bnp, societe_generale, credit_agricole, credit_mutuel, credit_mutuel_october, cic_single_amount, caisse_epargne, banque_postale,
             lcl, lcl_tabs, boursorama, qonto, qonto_fr, shine, n26, n26_old, revolut, revolut_business, balance_footer,
             excel_unicode, ofx1, ofx2, cfonb]:
    make()
camt(2)
camt(8)
bad()
count, total, dcount, dtotal = credits_and_debits()
print(f"credits {count} = {total / 100:.2f}, debits {dcount} = {dtotal / 100:.2f}")
print("garage SIREN", GARAGE_SIREN, "IBANs", IBAN_GARAGE, IBAN_MARTIN, IBAN_PRE, OWN_IBAN)
