//! A PDF enclosed with a letter (an invoice's document given by hand): loaded and checked, then its pages
//! copied after a letter's page. Raw bytes when they are a PDF (seeded with the Factur-X fixtures and a
//! plain PDF), otherwise a valid PDF built around a fuzzed page and the objects it names
//! (`pdf_around_page`: resources, contents, cycles back to the page tree).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"%PDF-") {
        ardoise_fuzz::check_enclosure(data);
    } else {
        ardoise_fuzz::check_enclosure(&ardoise_fuzz::pdf_around_page(data));
    }
});
