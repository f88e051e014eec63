//! Step one for UBL 2.1 (`Invoice` and `CreditNote`, as EN 16931 and Peppol BIS 3.0 bind them): the
//! values a dunning ledger needs, read as written with the element each came from.
//!
//! ```text
//! Invoice | CreditNote
//!   cbc:CustomizationID BT-24, cbc:ID BT-1, cbc:IssueDate BT-2, cbc:DueDate BT-9 (Invoice),
//!   cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode BT-3, cbc:Note BT-22, cbc:DocumentCurrencyCode BT-5
//!   cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID                           BT-25
//!   cac:AccountingSupplierParty/cac:Party BG-4, cac:AccountingCustomerParty/cac:Party BG-7
//!   cac:PaymentMeans/cbc:PaymentDueDate (BT-9 of a CreditNote), cac:PaymentTerms/cbc:Note BT-20
//!   cac:LegalMonetaryTotal  cbc:TaxExclusiveAmount BT-109, cbc:TaxInclusiveAmount BT-112,
//!                           cbc:PrepaidAmount BT-113, cbc:PayableRoundingAmount BT-114,
//!                           cbc:PayableAmount BT-115
//!   cac:PayeeParty BG-10
//!   cac:InvoiceLine | cac:CreditNoteLine  cac:Item/cbc:Name                             BT-153
//! ```

use super::fields::{self, SchemedId};
use super::raw::{RawInvoice, RawParty, Value};
use super::xml::{At, CAC, CBC};
use super::Syntax;
use roxmltree::Document;

pub fn read(document: &Document<'_>, syntax: Syntax) -> RawInvoice {
    let root = At::root(document.root_element());
    let mut raw = RawInvoice::new(syntax);
    let (type_element, line_element) = match syntax {
        Syntax::UblCreditNote => ("CreditNoteTypeCode", "CreditNoteLine"),
        _ => ("InvoiceTypeCode", "InvoiceLine"),
    };
    raw.guideline = root.child(CBC, "CustomizationID").text();
    raw.business_process = root.child(CBC, "ProfileID").text();
    raw.number = value(&root.child(CBC, "ID"));
    raw.issue_date = value(&root.child(CBC, "IssueDate"));
    raw.type_code = value(&root.child(CBC, type_element));
    raw.currency = value(&root.child(CBC, "DocumentCurrencyCode"));
    raw.notes = root.children(CBC, "Note").iter().map(|note| fields::split_subject(&note.text())).collect();
    raw.due_dates.push(value(&root.child(CBC, "DueDate")));
    for means in root.children(CAC, "PaymentMeans") {
        raw.due_dates.push(value(&means.child(CBC, "PaymentDueDate")));
    }
    raw.payment_terms =
        root.children(CAC, "PaymentTerms").iter().map(|terms| terms.child(CBC, "Note").text()).collect();
    raw.preceding = root
        .children(CAC, "BillingReference")
        .iter()
        .map(|reference| value(&reference.descend(&[(CAC, "InvoiceDocumentReference"), (CBC, "ID")])))
        .collect();
    raw.seller = party(&root.descend(&[(CAC, "AccountingSupplierParty"), (CAC, "Party")]), "BT-30", "BT-29");
    raw.buyer = party(&root.descend(&[(CAC, "AccountingCustomerParty"), (CAC, "Party")]), "BT-47", "BT-46");
    let totals = root.child(CAC, "LegalMonetaryTotal");
    raw.total_excl_vat = value(&totals.child(CBC, "TaxExclusiveAmount"));
    raw.total_incl_vat = value(&totals.child(CBC, "TaxInclusiveAmount"));
    raw.prepaid = value(&totals.child(CBC, "PrepaidAmount"));
    raw.rounding = value(&totals.child(CBC, "PayableRoundingAmount"));
    raw.payee = party(&root.child(CAC, "PayeeParty"), "BT-61", "BT-60");
    raw.amount_due = value(&totals.child(CBC, "PayableAmount"));
    raw.items = root
        .children(CAC, line_element)
        .iter()
        .map(|line| line.descend(&[(CAC, "Item"), (CBC, "Name")]).text())
        .collect();
    raw
}

fn value(at: &At<'_, '_>) -> Value {
    Value { text: at.text(), element: at.path.clone(), attribute: String::new() }
}

/// A `cac:Party`: legal entity, identifications, names, address, tax schemes, endpoint, contact.
fn party(at: &At<'_, '_>, legal_term: &'static str, id_term: &'static str) -> RawParty {
    let schemed = |id: &At<'_, '_>, term: &'static str| SchemedId {
        scheme: id.attribute("schemeID"),
        value: id.text(),
        element: id.path.clone(),
        term,
    };
    let legal_entity = at.child(CAC, "PartyLegalEntity");
    let legal = legal_entity.children(CBC, "CompanyID").iter().map(|id| schemed(id, legal_term)).collect();
    let others = at
        .children(CAC, "PartyIdentification")
        .iter()
        .map(|identification| schemed(&identification.child(CBC, "ID"), id_term))
        .collect();
    let vat_number = at
        .children(CAC, "PartyTaxScheme")
        .iter()
        .find(|scheme| scheme.descend(&[(CAC, "TaxScheme"), (CBC, "ID")]).text().eq_ignore_ascii_case("VAT"))
        .map(|scheme| scheme.child(CBC, "CompanyID").text())
        .unwrap_or_default();
    let address = at.child(CAC, "PostalAddress");
    let mut address_lines =
        vec![address.child(CBC, "StreetName").text(), address.child(CBC, "AdditionalStreetName").text()];
    address_lines.extend(address.children(CAC, "AddressLine").iter().map(|line| line.child(CBC, "Line").text()));
    let endpoint = at.child(CBC, "EndpointID");
    let registration_name = value(&legal_entity.child(CBC, "RegistrationName"));
    let trade_name = at.descend(&[(CAC, "PartyName"), (CBC, "Name")]).text();
    RawParty {
        name: registration_name,
        trade_name,
        legal,
        others,
        vat_number,
        address_lines,
        postcode: address.child(CBC, "PostalZone").text(),
        town: address.child(CBC, "CityName").text(),
        country: address.descend(&[(CAC, "Country"), (CBC, "IdentificationCode")]).text(),
        electronic_address: Value {
            text: endpoint.text(),
            element: endpoint.path.clone(),
            attribute: endpoint.attribute("schemeID"),
        },
        contact_email: value(&at.descend(&[(CAC, "Contact"), (CBC, "ElectronicMail")])),
    }
}
