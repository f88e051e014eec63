//! The CFONB 120 reader on raw bytes, then the whole statement path and the matcher.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ardoise_fuzz::check_reader(ardoise::import::bank::cfonb::read(data));
    ardoise_fuzz::check_bank("fuzz.txt", data);
});
