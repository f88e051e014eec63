//! The OFX reader (1.x SGML and 2.x XML) on raw bytes, then the whole statement path and the matcher.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ardoise_fuzz::check_reader(ardoise::import::bank::ofx::read("fuzz.ofx", data));
    ardoise_fuzz::check_bank("fuzz.ofx", data);
});
