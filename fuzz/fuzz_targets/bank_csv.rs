//! The bank CSV reader (the spreadsheet pipeline, header search, content guessing) on raw bytes, then the
//! whole statement path and the matcher.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ardoise::import::bank::CsvOptions::default();
    ardoise_fuzz::check_reader(ardoise::import::bank::csv::read("fuzz.csv", data, options));
    ardoise_fuzz::check_bank("fuzz.csv", data);
});
