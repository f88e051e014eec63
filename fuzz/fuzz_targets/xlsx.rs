//! The XLSX reader through `import::prepare`: raw bytes when they are a zip archive (seeded with real
//! workbooks), otherwise a valid archive built around fuzzed sheet, shared strings and styles XML.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK\x03\x04") {
        ardoise_fuzz::check_import("fuzz.xlsx", data);
    } else {
        ardoise_fuzz::check_import("fuzz.xlsx", &ardoise_fuzz::xlsx_from_parts(data));
    }
});
