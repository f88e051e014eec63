//! The PDF side of e-invoices: the embedded XML found through the name tree and `/AF`, then read. Raw
//! bytes when they are a PDF (seeded with the Factur-X fixtures and the bad PDFs), otherwise a valid PDF
//! built around fuzzed catalog entries and objects (`pdf_around_catalog`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"%PDF-") {
        ardoise_fuzz::check_einvoice_pdf(data);
    } else {
        ardoise_fuzz::check_einvoice_pdf(&ardoise_fuzz::pdf_around_catalog(data));
    }
});
