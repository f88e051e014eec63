//! `money::parse_amount` on any text: it reads what the general reading reads (its quick path changes
//! nothing, scale included), an amount it accepts is in cents, within `MAX_AMOUNT`, and both French
//! displays of it read back to the same value.
#![no_main]

use ardoise::domain::money::{format_eur, format_eur_ascii, parse_amount, parse_written_amount, MAX_AMOUNT};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if !text.trim().is_empty() {
        let with_scale = |read: Result<rust_decimal::Decimal, _>| read.map(|value| (value, value.scale()));
        assert_eq!(with_scale(parse_amount(text)), with_scale(parse_written_amount(text.trim())), "{text:?}");
    }
    let Ok(value) = parse_amount(text) else { return };
    assert!(value.scale() <= 2, "{text:?} gave {value}, not in cents");
    assert!(value.abs() <= MAX_AMOUNT, "{text:?} gave {value}, beyond the maximum");
    for shown in [format_eur(value), format_eur_ascii(value)] {
        assert_eq!(parse_amount(&shown), Ok(value), "{text:?} gave {value}, shown {shown:?}");
    }
    // Parsing is a function of the text: what it read, written plainly, reads the same.
    assert_eq!(parse_amount(&value.to_string()), Ok(value), "{text:?} gave {value}");
});
