//! The text reader (CSV/TSV in any encoding the import accepts) through `import::prepare` on raw bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Workbook magic numbers are the other targets' business: keep this one on the text path.
    if data.starts_with(b"PK\x03\x04") || data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return;
    }
    ardoise_fuzz::check_import("fuzz.csv", data);
});
