//! Step one for CII (UN/CEFACT Cross Industry Invoice D16B, the XML of Factur-X and ZUGFeRD 2): the
//! values a dunning ledger needs, read as written with the element each came from. Every profile from
//! MINIMUM to EXTENDED has the same paths; a smaller profile simply lacks some of them.
//!
//! ```text
//! rsm:CrossIndustryInvoice
//!   rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID   BT-24
//!   rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID  BT-23
//!   rsm:ExchangedDocument  ram:ID BT-1, ram:TypeCode BT-3, ram:IssueDateTime BT-2, ram:IncludedNote BT-22
//!   rsm:SupplyChainTradeTransaction
//!     ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedTradeProduct/ram:Name             BT-153
//!     ram:ApplicableHeaderTradeAgreement  ram:SellerTradeParty BG-4, ram:BuyerTradeParty BG-7
//!     ram:ApplicableHeaderTradeSettlement ram:InvoiceCurrencyCode BT-5,
//!       ram:SpecifiedTradePaymentTerms (ram:Description BT-20, ram:DueDateDateTime BT-9,
//!         ram:PartialPaymentAmount: one instalment each, EXTENDED),
//!       ram:PayeeTradeParty BG-10,
//!       ram:SpecifiedTradeSettlementHeaderMonetarySummation (BT-109, BT-112, BT-113, BT-114, BT-115),
//!       ram:InvoiceReferencedDocument/ram:IssuerAssignedID                                 BT-25
//! ```

use super::fields::SchemedId;
use super::raw::{RawInvoice, RawParty, Value};
use super::xml::{At, RAM, RSM, UDT};
use super::Syntax;
use roxmltree::Document;

pub fn read(document: &Document<'_>) -> RawInvoice {
    let root = At::root(document.root_element());
    let mut raw = RawInvoice::new(Syntax::Cii);
    raw.guideline = root
        .descend(&[(RSM, "ExchangedDocumentContext"), (RAM, "GuidelineSpecifiedDocumentContextParameter"), (RAM, "ID")])
        .text();
    raw.business_process = root
        .descend(&[
            (RSM, "ExchangedDocumentContext"),
            (RAM, "BusinessProcessSpecifiedDocumentContextParameter"),
            (RAM, "ID"),
        ])
        .text();
    let header = root.child(RSM, "ExchangedDocument");
    raw.number = value(&header.child(RAM, "ID"));
    raw.type_code = value(&header.child(RAM, "TypeCode"));
    raw.issue_date = date(&header.child(RAM, "IssueDateTime"));
    raw.notes = header
        .children(RAM, "IncludedNote")
        .iter()
        .map(|note| (note.child(RAM, "SubjectCode").text(), note.child(RAM, "Content").text()))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    let transaction = root.child(RSM, "SupplyChainTradeTransaction");
    raw.items = transaction
        .children(RAM, "IncludedSupplyChainTradeLineItem")
        .iter()
        .map(|line| line.descend(&[(RAM, "SpecifiedTradeProduct"), (RAM, "Name")]).text())
        .collect();
    let agreement = transaction.child(RAM, "ApplicableHeaderTradeAgreement");
    raw.seller = party(&agreement.child(RAM, "SellerTradeParty"), "BT-30", "BT-29");
    raw.buyer = party(&agreement.child(RAM, "BuyerTradeParty"), "BT-47", "BT-46");
    let settlement = transaction.child(RAM, "ApplicableHeaderTradeSettlement");
    raw.currency = value(&settlement.child(RAM, "InvoiceCurrencyCode"));
    let all_terms = settlement.children(RAM, "SpecifiedTradePaymentTerms");
    // Beside a term giving the net due date, a term with a cash discount (EXTENDED's
    // ApplicableTradePaymentDiscountTerms) dates the discount's deadline, not the invoice's due date.
    let discount = |terms: &At<'_, '_>| terms.child(RAM, "ApplicableTradePaymentDiscountTerms").node.is_some();
    let dated = |terms: &At<'_, '_>| terms.child(RAM, "DueDateDateTime").node.is_some();
    let net_dated = all_terms.iter().any(|terms| dated(terms) && !discount(terms));
    for terms in &all_terms {
        raw.payment_terms.push(terms.child(RAM, "Description").text());
        if net_dated && discount(terms) {
            raw.due_dates.push(Value::default());
        } else {
            raw.due_dates.push(date(&terms.child(RAM, "DueDateDateTime")));
        }
        raw.partial_amounts.push(value(&terms.child(RAM, "PartialPaymentAmount")));
    }
    if raw.due_dates.is_empty() {
        raw.due_dates.push(date(&settlement.descend(&[(RAM, "SpecifiedTradePaymentTerms"), (RAM, "DueDateDateTime")])));
    }
    let totals = settlement.child(RAM, "SpecifiedTradeSettlementHeaderMonetarySummation");
    raw.total_excl_vat = value(&totals.child(RAM, "TaxBasisTotalAmount"));
    raw.total_incl_vat = value(&totals.child(RAM, "GrandTotalAmount"));
    raw.prepaid = value(&totals.child(RAM, "TotalPrepaidAmount"));
    raw.rounding = value(&totals.child(RAM, "RoundingAmount"));
    raw.payee = party(&settlement.child(RAM, "PayeeTradeParty"), "BT-61", "BT-60");
    raw.amount_due = value(&totals.child(RAM, "DuePayableAmount"));
    raw.preceding = settlement
        .children(RAM, "InvoiceReferencedDocument")
        .iter()
        .map(|d| value(&d.child(RAM, "IssuerAssignedID")))
        .collect();
    raw
}

fn value(at: &At<'_, '_>) -> Value {
    Value { text: at.text(), element: at.path.clone(), attribute: String::new() }
}

/// A CII date: `udt:DateTimeString` with its `format` attribute (102 for a day).
fn date(at: &At<'_, '_>) -> Value {
    let string = at.child(UDT, "DateTimeString");
    Value { text: string.text(), element: string.path.clone(), attribute: string.attribute("format") }
}

/// A trade party (`ram:TradePartyType`): name, legal organisation, identifiers, address, electronic
/// address, contact, tax registrations.
fn party(at: &At<'_, '_>, legal_term: &'static str, id_term: &'static str) -> RawParty {
    let schemed = |id: &At<'_, '_>, term: &'static str| SchemedId {
        scheme: id.attribute("schemeID"),
        value: id.text(),
        element: id.path.clone(),
        term,
    };
    let organisation = at.child(RAM, "SpecifiedLegalOrganization");
    let legal = organisation.children(RAM, "ID").iter().map(|id| schemed(id, legal_term)).collect();
    let others = at
        .children(RAM, "ID")
        .iter()
        .chain(at.children(RAM, "GlobalID").iter())
        .map(|id| schemed(id, id_term))
        .collect();
    let vat_number = at
        .children(RAM, "SpecifiedTaxRegistration")
        .iter()
        .map(|registration| registration.child(RAM, "ID"))
        .find(|id| id.attribute("schemeID").eq_ignore_ascii_case("VA"))
        .map(|id| id.text())
        .unwrap_or_default();
    let address = at.child(RAM, "PostalTradeAddress");
    let uri = at.descend(&[(RAM, "URIUniversalCommunication"), (RAM, "URIID")]);
    let contact_email = at
        .children(RAM, "DefinedTradeContact")
        .iter()
        .map(|contact| contact.descend(&[(RAM, "EmailURIUniversalCommunication"), (RAM, "URIID")]))
        .find(|email| !email.text().is_empty())
        .unwrap_or_else(|| {
            at.descend(&[(RAM, "DefinedTradeContact"), (RAM, "EmailURIUniversalCommunication"), (RAM, "URIID")])
        });
    RawParty {
        name: value(&at.child(RAM, "Name")),
        trade_name: organisation.child(RAM, "TradingBusinessName").text(),
        legal,
        others,
        vat_number,
        address_lines: ["LineOne", "LineTwo", "LineThree"].iter().map(|line| address.child(RAM, line).text()).collect(),
        postcode: address.child(RAM, "PostcodeCode").text(),
        town: address.child(RAM, "CityName").text(),
        country: address.child(RAM, "CountryID").text(),
        electronic_address: Value { text: uri.text(), element: uri.path.clone(), attribute: uri.attribute("schemeID") },
        contact_email: value(&contact_email),
    }
}
