//! `calendar::parse_date` and `calendar::parse_written_date` on any text: a date either accepts is a real
//! date whose displays read back to the same day, and what the form parser accepts the spreadsheet
//! parser accepts too (within the years it reads).
#![no_main]

use ardoise::domain::calendar::{format_long, format_short, parse_date, parse_written_date};
use chrono::Datelike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(date) = parse_date(text) {
        assert_eq!(parse_date(&format_short(date)), Ok(date), "{text:?} gave {date}");
        assert_eq!(parse_date(&date.format("%Y-%m-%d").to_string()), Ok(date), "{text:?} gave {date}");
        if (0..=9999).contains(&date.year()) {
            assert_eq!(parse_written_date(&format_short(date)), Some(date), "{text:?} gave {date}");
        }
    }
    if let Some(date) = parse_written_date(text) {
        assert!((0..=9999).contains(&date.year()), "{text:?} gave {date}, beyond four digits");
        assert_eq!(parse_written_date(&format_short(date)), Some(date), "{text:?} gave {date}");
        assert_eq!(parse_written_date(&format_long(date)), Some(date), "{text:?} gave {date}");
        assert_eq!(parse_written_date(&date.format("%Y-%m-%d").to_string()), Some(date), "{text:?} gave {date}");
        assert_eq!(parse_date(&format_short(date)), Ok(date), "{text:?} gave {date}");
    }
});
