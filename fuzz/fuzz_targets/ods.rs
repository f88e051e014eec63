//! The ODS reader through `import::prepare`: raw bytes when they are a zip archive (seeded with a real
//! LibreOffice file), otherwise a valid ODS archive around a fuzzed `content.xml`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK\x03\x04") {
        ardoise_fuzz::check_import("fuzz.ods", data);
    } else {
        let archive = ardoise_fuzz::ods_from_content(data);
        assert!(
            matches!(
                ardoise::import::read::read_workbook("fuzz.ods", &archive),
                Ok(ardoise::import::Workbook::Ods(_)) | Err(_)
            ),
            "an ODS archive must be recognised as ODS"
        );
        ardoise_fuzz::check_import("fuzz.ods", &archive);
    }
});
