#!/usr/bin/env python3
"""Writes the e-invoice fixtures of tests/data/einvoice/ (run from anywhere; CI only reads the files).

    pip install factur-x reportlab      # factur-x 7.x brings pypdf and lxml
    python3 tests/data/einvoice/make-fixtures.py

Every invoice is issued by the same sole trader (the profile of tests/einvoice_read.rs): Camille Martin EI,
SIREN 842 357 196. The CII of each Factur-X profile and the UBL documents are written here by hand, shaped
as producers write them, and checked against the official XSDs shipped with the factur-x package before
they are embedded (factur-x's generate_from_binary) or written. PDFs are made deterministic (fixed dates,
reportlab's invariant mode) so that regenerating changes nothing, except the encrypted PDF (random salt).

    valid/  one file per format and profile, read by the tests field by field
    rows/   e-invoices that read, but whose invoice cannot be imported (a row problem)
    bad/    files refused whole, each with its French message

Not written here: settle/ and amounts/ hold an outside audit's files as it wrote them (amounts/: issued
by Marie DURAND EI, SIREN 732 829 320; a down payment invoice and its final invoice, a rounding (BT-114),
a MINIMUM invoice's amount due, payees other than the seller, payment terms fixing a day of the month, an EXTENDED PDF payable in three instalments).
"""

import datetime
import io
import os
import zlib

import facturx.facturx as fx
from facturx import generate_from_binary, xml_check_xsd
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2026, 3, 2, 9, 30, 0)

# factur-x stamps the attachment with the current time: fixed, for files that do not change.
fx._get_pdf_timestamp = lambda date=None: "D:20260302093000+01'00'"
fx._get_metadata_timestamp = lambda: "2026-03-02T09:30:00+01:00"


def luhn(base):
    """The SIREN or SIRET completed with its Luhn key."""
    for digit in "0123456789":
        number = base + digit
        total = 0
        for index, char in enumerate(reversed(number)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return number
    raise ValueError(base)


def vat(siren):
    return "FR%02d%s" % ((12 + 3 * (int(siren) % 97)) % 97, siren)


SELLER = {
    "name": "Camille Martin EI",
    "trade": "Martin Rénovation",
    "siren": "842357196",
    "street": "12 rue des Lilas",
    "postcode": "69003",
    "town": "Lyon",
    "email": "contact@martin-renovation.fr",
}
SELLER["siret"] = luhn(SELLER["siren"] + "0001")
SELLER["vat"] = vat(SELLER["siren"])

DUPONT = {
    "name": "Menuiserie Dupont SARL",
    "siren": "512345679",
    "street": "4 avenue Jean Jaurès",
    "line2": "Zone artisanale du Parc",
    "postcode": "69100",
    "town": "Villeurbanne",
    "country": "FR",
    "email": "compta@menuiserie-dupont.fr",
}
DUPONT["siret"] = luhn(DUPONT["siren"] + "0002")
DUPONT["vat"] = vat(DUPONT["siren"])

LEROY = {
    "name": "Boulangerie Leroy",
    "siren": "432187656",
    "street": "27 place Grenette",
    "postcode": "38000",
    "town": "Grenoble",
    "country": "FR",
    "email": "leroy.boulangerie@orange.fr",
}
LEROY["vat"] = vat(LEROY["siren"])

ROUX = {
    "name": "Cabinet Roux Architectes",
    "siren": "790123459",
    "street": "8 quai Saint-Vincent",
    "postcode": "69001",
    "town": "Lyon",
    "country": "FR",
    "email": "factures@roux-architectes.fr",
}
ROUX["siret"] = luhn(ROUX["siren"] + "0001")
ROUX["vat"] = vat(ROUX["siren"])

VANDENBERGHE = {
    "name": "Atelier Vandenberghe SRL",
    "street": "Rue de la Loi 42",
    "postcode": "1040",
    "town": "Bruxelles",
    "country": "BE",
    "vat": "BE0403170701",
    "email": "admin@vandenberghe.be",
}

GUIDELINES = {
    "minimum": "urn:factur-x.eu:1p0:minimum",
    "basicwl": "urn:factur-x.eu:1p0:basicwl",
    "basic": "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
    "en16931": "urn:cen.eu:en16931:2017",
    "extended": "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
}

PENALTY_NOTES = [
    ("PMD", "Pénalités de retard : trois fois le taux d'intérêt légal."),
    ("PMT", "Indemnité forfaitaire pour frais de recouvrement : 40 €."),
    ("AAB", "Pas d'escompte pour paiement anticipé."),
]


def money(value):
    return "%.2f" % value


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- CII -------------------------------------------------------------------------------------------------


def cii(level, inv):
    """A CII D16B invoice at a Factur-X level, with only what the level allows."""
    rich = level != "minimum"
    lines_allowed = level in ("basic", "en16931", "extended")
    contact = level in ("en16931", "extended")
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>')
    w(
        '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"'
        ' xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"'
        ' xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">'
    )
    w("<rsm:ExchangedDocumentContext>")
    w("<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>%s</ram:ID>"
      "</ram:BusinessProcessSpecifiedDocumentContextParameter>" % inv.get("process", "A1"))
    w("<ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>%s</ram:ID>"
      "</ram:GuidelineSpecifiedDocumentContextParameter>" % inv.get("guideline", GUIDELINES[level]))
    w("</rsm:ExchangedDocumentContext>")
    w("<rsm:ExchangedDocument>")
    if "number" in inv:
        w("<ram:ID>%s</ram:ID>" % esc(inv["number"]))
    w("<ram:TypeCode>%s</ram:TypeCode>" % inv.get("type", "380"))
    w('<ram:IssueDateTime><udt:DateTimeString format="102">%s</udt:DateTimeString></ram:IssueDateTime>'
      % inv["issued"])
    if rich:
        for subject, text in inv.get("notes", []):
            w("<ram:IncludedNote><ram:Content>%s</ram:Content>%s</ram:IncludedNote>"
              % (esc(text), "<ram:SubjectCode>%s</ram:SubjectCode>" % subject if subject else ""))
    w("</rsm:ExchangedDocument>")
    w("<rsm:SupplyChainTradeTransaction>")
    rate = inv.get("rate", 20)
    category = "S" if rate else "E"
    if lines_allowed:
        for number, (name, amount) in enumerate(inv["lines"], 1):
            w("<ram:IncludedSupplyChainTradeLineItem>")
            w("<ram:AssociatedDocumentLineDocument><ram:LineID>%d</ram:LineID></ram:AssociatedDocumentLineDocument>"
              % number)
            w("<ram:SpecifiedTradeProduct><ram:Name>%s</ram:Name></ram:SpecifiedTradeProduct>" % esc(name))
            w("<ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>%s"
              "</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>" % money(amount))
            w('<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>'
              "</ram:SpecifiedLineTradeDelivery>")
            w("<ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode>"
              "<ram:CategoryCode>%s</ram:CategoryCode><ram:RateApplicablePercent>%s</ram:RateApplicablePercent>"
              "</ram:ApplicableTradeTax><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>%s"
              "</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>"
              "</ram:SpecifiedLineTradeSettlement>" % (category, rate, money(amount)))
            w("</ram:IncludedSupplyChainTradeLineItem>")
    w("<ram:ApplicableHeaderTradeAgreement>")
    seller = inv.get("seller", SELLER)
    w("<ram:SellerTradeParty>")
    w("<ram:Name>%s</ram:Name>" % esc(seller["name"]))
    w('<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">%s</ram:ID>' % seller["siren"])
    if rich and seller.get("trade"):
        w("<ram:TradingBusinessName>%s</ram:TradingBusinessName>" % esc(seller["trade"]))
    w("</ram:SpecifiedLegalOrganization>")
    if contact:
        w("<ram:DefinedTradeContact><ram:EmailURIUniversalCommunication><ram:URIID>%s</ram:URIID>"
          "</ram:EmailURIUniversalCommunication></ram:DefinedTradeContact>" % seller["email"])
    if rich:
        w("<ram:PostalTradeAddress><ram:PostcodeCode>%s</ram:PostcodeCode><ram:LineOne>%s</ram:LineOne>"
          "<ram:CityName>%s</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>"
          % (seller["postcode"], esc(seller["street"]), esc(seller["town"])))
    else:
        w("<ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>")
    if rate:
        w('<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">%s</ram:ID></ram:SpecifiedTaxRegistration>'
          % seller["vat"])
    w("</ram:SellerTradeParty>")
    buyer = inv["buyer"]
    w("<ram:BuyerTradeParty>")
    if rich and buyer.get("siret") and inv.get("buyer_siret_as_global_id"):
        w('<ram:GlobalID schemeID="0009">%s</ram:GlobalID>' % buyer["siret"])
    w("<ram:Name>%s</ram:Name>" % esc(buyer["name"]))
    if buyer.get("siren"):
        w('<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">%s</ram:ID></ram:SpecifiedLegalOrganization>'
          % buyer.get("legal_id", buyer["siren"]))
    if contact and buyer.get("email") and inv.get("buyer_email_as_contact"):
        w("<ram:DefinedTradeContact><ram:PersonName>Service comptabilité</ram:PersonName>"
          "<ram:EmailURIUniversalCommunication><ram:URIID>%s</ram:URIID></ram:EmailURIUniversalCommunication>"
          "</ram:DefinedTradeContact>" % buyer["email"])
    if rich:
        w("<ram:PostalTradeAddress><ram:PostcodeCode>%s</ram:PostcodeCode><ram:LineOne>%s</ram:LineOne>%s"
          "<ram:CityName>%s</ram:CityName><ram:CountryID>%s</ram:CountryID></ram:PostalTradeAddress>"
          % (buyer["postcode"], esc(buyer["street"]),
             "<ram:LineTwo>%s</ram:LineTwo>" % esc(buyer["line2"]) if buyer.get("line2") else "",
             esc(buyer["town"]), buyer["country"]))
        if buyer.get("email") and not inv.get("buyer_email_as_contact"):
            w('<ram:URIUniversalCommunication><ram:URIID schemeID="EM">%s</ram:URIID>'
              "</ram:URIUniversalCommunication>" % buyer["email"])
        if buyer.get("vat"):
            w('<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">%s</ram:ID></ram:SpecifiedTaxRegistration>'
              % buyer["vat"])
    w("</ram:BuyerTradeParty>")
    if inv.get("order"):
        w("<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>%s</ram:IssuerAssignedID>"
          "</ram:BuyerOrderReferencedDocument>" % inv["order"])
    w("</ram:ApplicableHeaderTradeAgreement>")
    w("<ram:ApplicableHeaderTradeDelivery/>")
    w("<ram:ApplicableHeaderTradeSettlement>")
    w("<ram:InvoiceCurrencyCode>%s</ram:InvoiceCurrencyCode>" % inv.get("currency", "EUR"))
    net = inv["net"]
    tax = round(net * rate / 100, 2)
    gross = round(net + tax, 2)
    prepaid = inv.get("prepaid", 0)
    if rich:
        if inv.get("iban"):
            w("<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode>"
              "<ram:PayeePartyCreditorFinancialAccount><ram:IBANID>%s</ram:IBANID>"
              "</ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>" % inv["iban"])
        w("<ram:ApplicableTradeTax><ram:CalculatedAmount>%s</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>%s"
          "<ram:BasisAmount>%s</ram:BasisAmount><ram:CategoryCode>%s</ram:CategoryCode>"
          "<ram:RateApplicablePercent>%s</ram:RateApplicablePercent></ram:ApplicableTradeTax>"
          % (money(tax), "" if rate else "<ram:ExemptionReason>TVA non applicable, art. 293 B du CGI</ram:ExemptionReason>",
             money(net), category, rate))
        if inv.get("terms") or inv.get("due"):
            w("<ram:SpecifiedTradePaymentTerms>%s%s</ram:SpecifiedTradePaymentTerms>" % (
                "<ram:Description>%s</ram:Description>" % esc(inv["terms"]) if inv.get("terms") else "",
                '<ram:DueDateDateTime><udt:DateTimeString format="102">%s</udt:DateTimeString></ram:DueDateDateTime>'
                % inv["due"] if inv.get("due") else ""))
    w("<ram:SpecifiedTradeSettlementHeaderMonetarySummation>")
    if rich:
        w("<ram:LineTotalAmount>%s</ram:LineTotalAmount>" % money(net))
    w("<ram:TaxBasisTotalAmount>%s</ram:TaxBasisTotalAmount>" % money(net))
    w('<ram:TaxTotalAmount currencyID="%s">%s</ram:TaxTotalAmount>' % (inv.get("currency", "EUR"), money(tax)))
    w("<ram:GrandTotalAmount>%s</ram:GrandTotalAmount>" % money(gross))
    if rich and prepaid:
        w("<ram:TotalPrepaidAmount>%s</ram:TotalPrepaidAmount>" % money(prepaid))
    w("<ram:DuePayableAmount>%s</ram:DuePayableAmount>" % money(gross - prepaid))
    w("</ram:SpecifiedTradeSettlementHeaderMonetarySummation>")
    if rich and inv.get("corrects"):
        w("<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>%s</ram:IssuerAssignedID>"
          '<ram:FormattedIssueDateTime><qdt:DateTimeString format="102">%s</qdt:DateTimeString>'
          "</ram:FormattedIssueDateTime></ram:InvoiceReferencedDocument>" % inv["corrects"])
    w("</ram:ApplicableHeaderTradeSettlement>")
    w("</rsm:SupplyChainTradeTransaction>")
    w("</rsm:CrossIndustryInvoice>")
    return ("\n".join(out) + "\n").encode("utf-8")


# --- UBL -------------------------------------------------------------------------------------------------

UBL_NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}
PEPPOL = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"


def ubl_party(party, role):
    out = ["<cac:%s><cac:Party>" % role]
    out.append('<cbc:EndpointID schemeID="%s">%s</cbc:EndpointID>' % party["endpoint"])
    if party.get("siret"):
        out.append('<cac:PartyIdentification><cbc:ID schemeID="0009">%s</cbc:ID></cac:PartyIdentification>'
                   % party["siret"])
    if party.get("trade"):
        out.append("<cac:PartyName><cbc:Name>%s</cbc:Name></cac:PartyName>" % esc(party["trade"]))
    out.append("<cac:PostalAddress><cbc:StreetName>%s</cbc:StreetName><cbc:CityName>%s</cbc:CityName>"
               "<cbc:PostalZone>%s</cbc:PostalZone><cac:Country><cbc:IdentificationCode>%s</cbc:IdentificationCode>"
               "</cac:Country></cac:PostalAddress>"
               % (esc(party["street"]), esc(party["town"]), party["postcode"], party.get("country", "FR")))
    out.append("<cac:PartyTaxScheme><cbc:CompanyID>%s</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
               "</cac:TaxScheme></cac:PartyTaxScheme>" % party["vat"])
    out.append('<cac:PartyLegalEntity><cbc:RegistrationName>%s</cbc:RegistrationName>'
               '<cbc:CompanyID schemeID="0002">%s</cbc:CompanyID></cac:PartyLegalEntity>'
               % (esc(party["name"]), party["siren"]))
    if party.get("contact_email"):
        out.append("<cac:Contact><cbc:Name>Service comptable</cbc:Name><cbc:ElectronicMail>%s</cbc:ElectronicMail>"
                   "</cac:Contact>" % party["contact_email"])
    out.append("</cac:Party></cac:%s>" % role)
    return "".join(out)


def ubl(kind, inv, encoding="UTF-8"):
    line = "InvoiceLine" if kind == "Invoice" else "CreditNoteLine"
    quantity = "InvoicedQuantity" if kind == "Invoice" else "CreditedQuantity"
    net = inv["net"]
    tax = round(net * 0.20, 2)
    gross = round(net + tax, 2)
    prepaid = inv.get("prepaid", 0)
    out = ['<?xml version="1.0" encoding="%s"?>' % encoding]
    w = out.append
    w('<%s xmlns="%s" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
      'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">' % (kind, UBL_NS[kind]))
    w("<cbc:CustomizationID>%s</cbc:CustomizationID>" % PEPPOL)
    w("<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>")
    w("<cbc:ID>%s</cbc:ID>" % inv["number"])
    w("<cbc:IssueDate>%s</cbc:IssueDate>" % inv["issued"])
    if kind == "Invoice" and inv.get("due"):
        w("<cbc:DueDate>%s</cbc:DueDate>" % inv["due"])
    w("<cbc:%sTypeCode>%s</cbc:%sTypeCode>" % (kind, inv.get("type", "380" if kind == "Invoice" else "381"), kind))
    for note in inv.get("notes", []):
        w("<cbc:Note>%s</cbc:Note>" % esc(note))
    w("<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>")
    w("<cbc:BuyerReference>%s</cbc:BuyerReference>" % inv.get("buyer_reference", "SERVICE-ACHATS"))
    if inv.get("corrects"):
        w("<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>%s</cbc:ID><cbc:IssueDate>%s</cbc:IssueDate>"
          "</cac:InvoiceDocumentReference></cac:BillingReference>" % inv["corrects"])
    seller = dict(SELLER, endpoint=("0225", SELLER["siren"]), contact_email=SELLER["email"])
    w(ubl_party(seller, "AccountingSupplierParty"))
    w(ubl_party(inv["buyer"], "AccountingCustomerParty"))
    if inv.get("due") and kind == "CreditNote":
        w("<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>%s</cbc:PaymentDueDate>"
          "</cac:PaymentMeans>" % inv["due"])
    else:
        w("<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cac:PayeeFinancialAccount>"
          "<cbc:ID>FR7630006000011234567890189</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>")
    if inv.get("terms"):
        w("<cac:PaymentTerms><cbc:Note>%s</cbc:Note></cac:PaymentTerms>" % esc(inv["terms"]))
    w('<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">%s</cbc:TaxAmount><cac:TaxSubtotal>'
      '<cbc:TaxableAmount currencyID="EUR">%s</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">%s</cbc:TaxAmount>'
      "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
      "</cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>" % (money(tax), money(net), money(tax)))
    w('<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">%s</cbc:LineExtensionAmount>'
      '<cbc:TaxExclusiveAmount currencyID="EUR">%s</cbc:TaxExclusiveAmount>'
      '<cbc:TaxInclusiveAmount currencyID="EUR">%s</cbc:TaxInclusiveAmount>%s'
      '<cbc:PayableAmount currencyID="EUR">%s</cbc:PayableAmount></cac:LegalMonetaryTotal>'
      % (money(net), money(net), money(gross),
         '<cbc:PrepaidAmount currencyID="EUR">%s</cbc:PrepaidAmount>' % money(prepaid) if prepaid else "",
         money(gross - prepaid)))
    for number, (name, amount) in enumerate(inv["lines"], 1):
        w("<cac:%s><cbc:ID>%d</cbc:ID><cbc:%s unitCode=\"C62\">1</cbc:%s>"
          '<cbc:LineExtensionAmount currencyID="EUR">%s</cbc:LineExtensionAmount>'
          "<cac:Item><cbc:Name>%s</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent>"
          "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>"
          '<cac:Price><cbc:PriceAmount currencyID="EUR">%s</cbc:PriceAmount></cac:Price></cac:%s>'
          % (line, number, quantity, quantity, money(amount), esc(name), money(amount), line))
    w("</%s>" % kind)
    return ("\n".join(out) + "\n").encode(encoding.lower().replace("iso-8859-1", "latin-1"))


# --- PDF -------------------------------------------------------------------------------------------------


def visual_pdf(title, inv, embedded_fonts=False):
    """The human-readable invoice a Factur-X carries, drawn with reportlab: standard Helvetica, or the
    repository's Liberation Sans embedded (as PDF/A asks, and as invoicing tools write them), pages
    following each other when the lines do not fit."""
    regular, bold = "Helvetica", "Helvetica-Bold"
    if embedded_fonts:
        fonts = os.path.join(HERE, "..", "..", "..", "src", "print", "fonts")
        pdfmetrics.registerFont(TTFont("LiberationSans", os.path.join(fonts, "LiberationSans-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("LiberationSans-Bold", os.path.join(fonts, "LiberationSans-Bold.ttf")))
        regular, bold = "LiberationSans", "LiberationSans-Bold"
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(title)
    page.setAuthor(SELLER["name"])
    page.setFont(bold, 14)
    page.drawString(50, 790, "%s — %s" % (SELLER["trade"], SELLER["name"]))
    page.setFont(regular, 10)
    page.drawString(50, 774, "%s, %s %s — SIREN %s" % (SELLER["street"], SELLER["postcode"], SELLER["town"],
                                                          SELLER["siren"]))
    buyer = inv["buyer"]
    page.drawString(330, 720, buyer["name"])
    page.drawString(330, 706, buyer.get("street", ""))
    page.drawString(330, 692, "%s %s" % (buyer.get("postcode", ""), buyer.get("town", "").upper()))
    page.setFont(bold, 12)
    kind = "AVOIR" if inv.get("type") in ("381", "261") else "FACTURE"
    page.drawString(50, 640, "%s N° %s du %s" % (kind, inv.get("number", "?"), inv["issued"]))
    page.setFont(regular, 10)
    y = 610
    for name, amount in inv.get("lines", [("Prestation", inv["net"])]):
        if y < 80:
            page.showPage()
            page.setFont(regular, 10)
            y = 780
        page.drawString(50, y, name)
        page.drawRightString(540, y, "%s €" % money(amount).replace(".", ","))
        y -= 16
    page.drawRightString(540, y - 10, "Total HT : %s €" % money(inv["net"]).replace(".", ","))
    page.showPage()
    page.save()
    return buffer.getvalue()


def facturx_pdf(level, inv, xml=None, embedded_fonts=False):
    xml = xml or cii(level, inv)
    xml_check_xsd(xml, flavor="factur-x", level=level)
    metadata = {
        "author": SELLER["name"],
        "keywords": "Factur-X, facture",
        "title": "%s %s" % (SELLER["trade"], inv["number"]),
        "subject": "Facture %s" % inv["number"],
    }
    return generate_from_binary(visual_pdf(inv["number"], inv, embedded_fonts), xml, flavor="factur-x", level=level,
                                check_xsd=True, pdf_metadata=metadata, lang="fr-FR")


def rename_attachment(pdf, new_name):
    """The Factur-X PDF with its attachment renamed everywhere (name tree key, /F, /UF), /AF kept."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    for index in range(0, len(names), 2):
        names[index] = TextStringObject(new_name)
        spec = names[index + 1].get_object()
        spec[NameObject("/F")] = TextStringObject(new_name)
        spec[NameObject("/UF")] = TextStringObject(new_name)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_pdf(objects):
    """A PDF written by hand from numbered object bodies (object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def stream(data, extra=b"", compress=True, claim_flate=False):
    body = zlib.compress(data) if compress else data
    flate = b" /Filter /FlateDecode" if compress or claim_flate else b""
    return b"<< /Length %d%s %s >>\nstream\n" % (len(body), flate, extra) + body + b"\nendstream"


def page_objects():
    """Objects 2 to 4: a page tree, a page, its text."""
    content = b"BT /F1 14 Tf 50 780 Td (Facture - Martin Renovation) Tj ET"
    return {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
           b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        4: stream(content, compress=False),
    }


def attached_pdf(files, tree="flat", af=True):
    """A hand-made PDF carrying `files` [(name, bytes, compress)] as associated files: in a flat name tree,
    a name tree with /Kids, or only in /AF. `compress` "junk" claims Flate over bytes that are not."""
    objects = page_objects()
    specs = []
    number = 10
    for name, data, compress in files:
        objects[number] = stream(data, b"/Type /EmbeddedFile /Subtype /text#2Fxml", compress is True,
                                 claim_flate=compress == "junk")
        objects[number + 1] = (b"<< /Type /Filespec /F (%s) /UF (%s) /AFRelationship /Data /EF << /F %d 0 R /UF %d 0 R >> >>"
                               % (name.encode(), name.encode(), number, number))
        specs.append((name, number + 1))
        number += 2
    pairs = b" ".join(b"(%s) %d 0 R" % (name.encode(), ref) for name, ref in specs)
    catalog = b"<< /Type /Catalog /Pages 2 0 R"
    if tree == "flat":
        catalog += b" /Names << /EmbeddedFiles << /Names [%s] >> >>" % pairs
    elif tree == "kids":
        objects[50] = b"<< /Kids [51 0 R] >>"
        objects[51] = b"<< /Limits [(%s) (%s)] /Names [%s] >>" % (specs[0][0].encode(), specs[-1][0].encode(), pairs)
        catalog += b" /Names << /EmbeddedFiles 50 0 R >>"
    if af:
        catalog += b" /AF [%s]" % b" ".join(b"%d 0 R" % ref for _, ref in specs)
    objects[1] = catalog + b" >>"
    return raw_pdf(objects)


def write(folder, name, data):
    path = os.path.join(HERE, folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


# --- The invoices ----------------------------------------------------------------------------------------

WORKS = [("Dépose et évacuation de l'ancien parquet", 380.0), ("Pose de parquet chêne massif, 24 m²", 820.0)]

INVOICES = {
    "minimum": {"number": "F2026-0101", "issued": "20260302", "buyer": LEROY, "net": 450.0},
    "basicwl": {"number": "F2026-0102", "issued": "20260303", "due": "20260402", "buyer": DUPONT, "net": 1200.0,
                "prepaid": 300.0, "terms": "Acompte de 300 € versé à la commande, solde à 30 jours.",
                "notes": [("AAI", "Objet : Rénovation de l'atelier, tranche 1")] + PENALTY_NOTES},
    "basic": {"number": "F2026-0103", "issued": "20260305", "buyer": LEROY, "net": 1200.0, "lines": WORKS,
              "terms": "Paiement à 45 jours date de facture", "notes": PENALTY_NOTES},
    "en16931": {"number": "F2026-0104", "issued": "20260310", "due": "20260409", "buyer": DUPONT, "net": 1200.0,
                "lines": WORKS, "terms": "Paiement à 30 jours par virement", "buyer_siret_as_global_id": True,
                "buyer_email_as_contact": True, "iban": "FR7630006000011234567890189", "order": "BC-2026-117",
                "notes": [("AAI", "Objet : Parquet du bureau d'études")] + PENALTY_NOTES},
    "extended": {"number": "A2026-0005", "type": "381", "issued": "20260318", "buyer": DUPONT, "net": 200.0,
                 "lines": [("Remise sur la pose du parquet (lames abîmées)", 200.0)],
                 "corrects": ("F2026-0104", "20260310"), "notes": [("AAI", "Avoir pour lames abîmées")]},
}


def main():
    # valid/ — Factur-X at every profile
    write("valid", "facturx-minimum.pdf", facturx_pdf("minimum", INVOICES["minimum"]))
    write("valid", "facturx-basic-wl.pdf", facturx_pdf("basicwl", INVOICES["basicwl"]))
    write("valid", "facturx-basic.pdf", facturx_pdf("basic", INVOICES["basic"]))
    write("valid", "facturx-en16931.pdf", facturx_pdf("en16931", INVOICES["en16931"]))
    write("valid", "facturx-extended-avoir.pdf", facturx_pdf("extended", INVOICES["extended"]))
    # ZUGFeRD 2.0's attachment name and ZUGFeRD 2.0's own BASIC identifier.
    zugferd = {"number": "F2026-0106", "issued": "20260320", "due": "20260419", "buyer": ROUX, "net": 640.0,
               "lines": [("Relevé et plans de l'existant", 640.0)],
               "guideline": "urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic"}
    xml = cii("basic", zugferd)
    xml_check_xsd(xml, flavor="factur-x", level="basic")
    write("valid", "zugferd-invoice.pdf", rename_attachment(facturx_pdf("basic", zugferd, xml), "zugferd-invoice.xml"))
    # ZUGFeRD 1.0's spelling of the name, with a ZUGFeRD 2 (EN 16931) XML inside, as some tools still write it.
    zugferd_caps = {"number": "F2026-0107", "issued": "20260321", "due": "20260420", "buyer": ROUX, "net": 90.0,
                    "lines": [("Déplacement", 90.0)]}
    write("valid", "zugferd-majuscules.pdf",
          rename_attachment(facturx_pdf("en16931", zugferd_caps), "ZUGFeRD-invoice.xml"))
    # XRechnung embedded under its own name (a German buyer's usual request).
    xrechnung = {"number": "F2026-0108", "issued": "20260322", "due": "20260421", "buyer": VANDENBERGHE,
                 "net": 300.0, "lines": [("Conseil en aménagement", 300.0)],
                 "guideline": "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"}
    xml = cii("en16931", xrechnung)
    xml_check_xsd(xml, flavor="factur-x", level="en16931")
    write("valid", "xrechnung-attachment.pdf", attached_pdf([("xrechnung.xml", xml, True)]))
    # Only in /AF (no name tree), and a name tree with /Kids.
    af_only = {"number": "F2026-0109", "issued": "20260323", "due": "20260422", "buyer": LEROY, "net": 75.0,
               "lines": [("Remplacement d'une serrure", 75.0)]}
    xml = cii("basic", af_only)
    xml_check_xsd(xml, flavor="factur-x", level="basic")
    write("valid", "facturx-af-seulement.pdf", attached_pdf([("factur-x.xml", xml, True)], tree="none"))
    # Linked from nowhere: the file specification exists, the catalog forgets it (a writer's bug).
    unlinked = {"number": "F2026-0112", "issued": "20260324", "due": "20260423", "buyer": LEROY, "net": 40.0,
                "lines": [("Fourniture d'une poignée", 40.0)]}
    xml = cii("basic", unlinked)
    xml_check_xsd(xml, flavor="factur-x", level="basic")
    write("valid", "facturx-non-reliee.pdf", attached_pdf([("factur-x.xml", xml, True)], tree="none", af=False))
    kids = {"number": "F2026-0111", "issued": "20260324", "due": "20260423", "buyer": LEROY, "net": 60.0,
            "lines": [("Réglage des portes", 60.0)]}
    xml = cii("basic", kids)
    xml_check_xsd(xml, flavor="factur-x", level="basic")
    write("valid", "facturx-arbre-kids.pdf",
          attached_pdf([("conditions.txt", b"Conditions generales", True), ("factur-x.xml", xml, True)],
                       tree="kids", af=False))

    # A longer invoice as invoicing tools print it: 40 lines on two pages, fonts embedded.
    long_lines = [("Lot %02d : fourniture et pose de plinthes, pièce %d" % (n, n), 25.0 + n) for n in range(1, 41)]
    long = {"number": "F2026-0113", "issued": "20260326", "due": "20260425", "buyer": DUPONT,
            "net": sum(amount for _, amount in long_lines), "lines": long_lines, "terms": "Paiement à 30 jours",
            "notes": PENALTY_NOTES}
    write("valid", "facturx-en16931-40-lignes.pdf", facturx_pdf("en16931", long, embedded_fonts=True))

    # valid/ — CII and UBL files; a VAT-exempt sole trader's invoice (art. 293 B) to a Belgian buyer.
    cii_invoice = {"number": "F2026-0110", "issued": "20260325", "due": "20260424", "buyer": VANDENBERGHE,
                   "net": 980.0, "rate": 0, "lines": [("Étude de faisabilité", 980.0)],
                   "notes": [("AAI", "TVA non applicable, art. 293 B du CGI")] + PENALTY_NOTES}
    xml = cii("en16931", cii_invoice)
    xml_check_xsd(xml, flavor="factur-x", level="en16931")
    write("valid", "cii-facture.xml", xml)
    cii_credit = {"number": "A2026-0011", "type": "381", "issued": "20260330", "buyer": VANDENBERGHE, "net": 80.0,
                  "rate": 0, "lines": [("Geste commercial", 80.0)], "corrects": ("F2026-0110", "20260325")}
    xml = cii("en16931", cii_credit)
    xml_check_xsd(xml, flavor="factur-x", level="en16931")
    write("valid", "cii-avoir.xml", xml)

    roux = dict(ROUX, endpoint=("0225", ROUX["siren"]), contact_email=ROUX["email"])
    ubl_invoice = {"number": "F2026-0120", "issued": "2026-04-01", "due": "2026-05-01", "buyer": roux, "net": 2500.0,
                   "prepaid": 750.0, "terms": "30 jours fin de mois, acompte de 750 € reçu",
                   "notes": ["Objet : Maîtrise d'œuvre, lot menuiseries", "#PMT#Indemnité forfaitaire de 40 €"],
                   "lines": [("Maîtrise d'œuvre, phase DCE", 1500.0), ("Suivi de chantier", 1000.0)]}
    xml = ubl("Invoice", ubl_invoice)
    xml_check_xsd(xml, flavor="ubl-2.1-invoice")
    write("valid", "ubl-facture.xml", xml)
    ubl_credit = {"number": "A2026-0021", "issued": "2026-04-08", "due": "2026-04-08", "buyer": roux, "net": 100.0,
                  "corrects": ("F2026-0120", "2026-04-01"), "lines": [("Rabais sur le suivi de chantier", 100.0)]}
    xml = ubl("CreditNote", ubl_credit)
    xml_check_xsd(xml, flavor="ubl-2.1-creditnote")
    write("valid", "ubl-avoir.xml", xml)
    # An older export in ISO-8859-1, as its declaration says, without a due date and with plain terms.
    dupont_ubl = dict(DUPONT, endpoint=("EM", DUPONT["email"]))
    latin = {"number": "F2026-0121", "issued": "2026-04-02", "buyer": dupont_ubl, "net": 150.0,
             "terms": "Paiement comptant à réception", "lines": [("Réparation d'une fenêtre", 150.0)]}
    xml = ubl("Invoice", latin, encoding="ISO-8859-1")
    xml_check_xsd(xml, flavor="ubl-2.1-invoice")
    write("valid", "ubl-facture-latin1.xml", xml)

    # reissue/ — the EN 16931 invoice corrected and issued again under its number (new amount, new due date).
    corrected = dict(INVOICES["en16931"], net=1150.0, due="20260424",
                     lines=[("Dépose et évacuation de l'ancien parquet", 330.0),
                            ("Pose de parquet chêne massif, 24 m²", 820.0)])
    write("reissue", "facturx-en16931-corrigee.pdf", facturx_pdf("en16931", corrected))

    # rows/ — e-invoices that read, whose invoice cannot be imported.
    other = dict(SELLER, name="SARL Bâti Concurrent", siren="388765430", trade="Bâti Concurrent")
    other["vat"] = vat(other["siren"])
    write("rows", "autre-vendeur.xml", cii("en16931", dict(cii_invoice, number="X-778", seller=other)))
    write("rows", "devise-usd.xml", cii("en16931", dict(cii_invoice, number="F2026-0130", currency="USD")))
    write("rows", "avoir-sans-facture.xml", cii("en16931", dict(cii_credit, number="A2026-0031", corrects=None)))
    write("rows", "pro-forma.xml", cii("en16931", dict(cii_invoice, number="PF-2026-004", type="325")))
    write("rows", "date-illisible.xml", cii("en16931", dict(cii_invoice, number="F2026-0131", issued="20261345")))
    write("rows", "sans-numero.xml", cii("basicwl", {k: v for k, v in INVOICES["basicwl"].items() if k != "number"}))
    bad_siren = dict(DUPONT, siren="512345678")
    write("rows", "siren-acheteur-faux.xml", cii("en16931", dict(INVOICES["en16931"], number="F2026-0132",
                                                                buyer=bad_siren)))

    # bad/ — files refused whole.
    invoice_xml = cii("en16931", INVOICES["en16931"])
    write("bad", "vide.pdf", b"")
    write("bad", "pdf-sans-facture.pdf", visual_pdf("F2026-0104", INVOICES["en16931"]))
    write("bad", "pdf-autres-pieces-jointes.pdf",
          attached_pdf([("conditions.txt", b"Conditions generales de vente", True),
                        ("annexe.xml", b"<?xml version='1.0'?><annexe><chantier>Lyon</chantier></annexe>", True)]))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(facturx_pdf("en16931", INVOICES["en16931"]))))
    writer.encrypt(user_password="", owner_password="proprietaire", algorithm="AES-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    write("bad", "pdf-chiffre.pdf", encrypted.getvalue())
    complete = facturx_pdf("en16931", INVOICES["en16931"])
    write("bad", "pdf-tronque.pdf", complete[: len(complete) * 2 // 5])
    write("bad", "pdf-abime.pdf",
          b"%PDF-1.7\n" + bytes((i * 37 + 11) % 256 for i in range(4000)) + b"\nstartxref\n9\n%%EOF\n")
    write("bad", "pdf-piece-jointe-abimee.pdf",
          attached_pdf([("factur-x.xml", b"x\x9c" + b"\x07\x13 ce n'est pas du zlib " * 20, "junk")]))
    write("bad", "pdf-bombe.pdf", attached_pdf([("factur-x.xml", b"<" + b" " * (20 * 1024 * 1024), True)]))
    write("bad", "pdf-xml-casse.pdf", attached_pdf([("factur-x.xml", invoice_xml[: len(invoice_xml) // 2]
                                                     .replace(b"<ram:TypeCode>380", b"<ram:TypeCode>380</ram:ID>")
                                                     + b"</rsm:CrossIndustryInvoice>", True)]))
    write("bad", "xml-tronque.xml", invoice_xml[: len(invoice_xml) * 2 // 3])
    write("bad", "xml-mal-forme.xml", invoice_xml.replace(b"</ram:Name>", b"</ram:Nom>", 1))
    write("bad", "xml-entites.xml",
          b'<?xml version="1.0"?>\n<!DOCTYPE facture [\n <!ENTITY a "ha">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n'
          b' <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n<rsm:CrossIndustryInvoice '
          b'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&c;</rsm:CrossIndustryInvoice>\n')
    write("bad", "xml-virement-sepa.xml",
          b'<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">'
          b"<CstmrCdtTrfInitn><GrpHdr><MsgId>VIR-2026-03</MsgId><NbOfTxs>1</NbOfTxs></GrpHdr></CstmrCdtTrfInitn>"
          b"</Document>\n")
    write("bad", "zugferd1.xml",
          b'<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryDocument '
          b'xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" '
          b'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12">'
          b"<rsm:SpecifiedExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>"
          b"<ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID>"
          b"</ram:GuidelineSpecifiedDocumentContextParameter></rsm:SpecifiedExchangedDocumentContext>"
          b"</rsm:CrossIndustryDocument>\n")
    write("bad", "commande-order-x.xml",
          b'<?xml version="1.0" encoding="UTF-8"?>\n<rsm:SCRDMCCBDACIOMessageStructure '
          b'xmlns:rsm="urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"/>\n')
    write("bad", "ubl-commande.xml",
          b'<?xml version="1.0" encoding="UTF-8"?>\n<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" '
          b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>BC-2026-117</cbc:ID>'
          b"</Order>\n")
    write("bad", "xml-encodage-ebcdic.xml",
          b'<?xml version="1.0" encoding="EBCDIC-CP-FR"?>\n<Invoice/>\n')
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
           b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")
    write("bad", "scan-facture.pdf", png)
    write("bad", "tableau.csv", "N° facture;Client;Date;Montant TTC\nF2026-0101;Boulangerie Leroy;02/03/2026;540,00\n"
          .encode("utf-8"))


if __name__ == "__main__":
    main()
