//! The CAMT.053 reader (and OFX 2 through it) on raw bytes, then the whole statement path and the matcher.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ardoise_fuzz::check_reader(ardoise::import::bank::camt::read("fuzz.xml", data));
    ardoise_fuzz::check_bank("fuzz.xml", data);
});
