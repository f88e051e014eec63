//! The XML side of e-invoices: CII and UBL read into an invoice, converted into an import row and
//! planned (seeded with the CII and UBL fixtures and the XML of every Factur-X profile).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ardoise_fuzz::check_einvoice_xml(data);
});
