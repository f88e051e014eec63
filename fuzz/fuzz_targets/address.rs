//! `address::PostalAddress` from arbitrary field strings: `lines`, `problems` and `entry_problems` never
//! panic, and what they say agrees with the lines: no empty line, no line with a space to fold, every
//! line over 38 characters reported, an address without problems printable as it is.
#![no_main]

use ardoise::domain::address::{PostalAddress, MAX_LINES, MAX_LINE_CHARS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Eight fields separated by '|': the name line, then the address's seven roles.
    let mut fields = text.splitn(8, '|').map(str::to_string);
    let mut next = || fields.next().unwrap_or_default();
    let name = next();
    let address = PostalAddress {
        complement: next(),
        building: next(),
        street: next(),
        locality: next(),
        postcode: next(),
        town: next(),
        country: next(),
    };
    let lines = address.lines(&name);
    for line in &lines {
        assert!(!line.is_empty(), "empty line in {lines:?}");
        assert_eq!(line.split_whitespace().collect::<Vec<_>>().join(" "), *line, "unfolded line in {lines:?}");
    }
    let problems = address.problems(&name);
    let entry = address.entry_problems(&name);
    for (index, line) in lines.iter().enumerate() {
        if line.chars().count() > MAX_LINE_CHARS {
            assert!(problems.iter().any(|p| p.line == Some(index + 1)), "line {} too long, unreported", index + 1);
            if index > 0 {
                assert!(entry.iter().any(|p| p.line == Some(index + 1)), "line {} too long, unreported", index + 1);
            }
        }
    }
    if address.is_blank() {
        assert!(entry.is_empty(), "a blank address has no entry problems: {entry:?}");
    }
    if problems.is_empty() {
        let max = if address.is_domestic() { MAX_LINES } else { MAX_LINES + 1 };
        assert!(lines.len() <= max, "{} lines without a problem", lines.len());
        assert!(lines.iter().all(|line| line.chars().count() <= MAX_LINE_CHARS));
        let last = if address.is_domestic() { lines.last() } else { lines.get(lines.len().wrapping_sub(2)) };
        let postcode = address.postcode.trim();
        if address.is_domestic() {
            assert!(last.is_some_and(|line| line.starts_with(postcode)), "last line {last:?} without the postcode");
        }
    }
    // Every entry problem is a print problem too: printing is stricter than saving.
    for problem in &entry {
        assert!(problems.contains(problem), "entry problem {problem:?} not among print problems");
    }
    for problem in problems.iter().chain(&entry) {
        assert!(!problem.message.is_empty());
        assert!(["name", "address", "postcode", "town"].contains(&problem.field), "field {}", problem.field);
    }
});
