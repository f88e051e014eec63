//! Dates as French users read and write them ("22 novembre 2026", "22/11/2026", ISO for storage), and the
//! French business calendar: metropolitan public holidays, business days, sending days and half-years.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The French month names, January first, as dates are written and as the window names months.
pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "22 novembre 2026", and "1er novembre 2026" for the first of the month.
pub fn format_long(date: NaiveDate) -> String {
    let day = if date.day() == 1 { "1er".to_string() } else { date.day().to_string() };
    // Four digits always: "1er août 26" would read back as 2026.
    format!("{day} {} {:04}", MONTHS[date.month0() as usize], date.year())
}

/// "novembre 2026": a month as a French reader names it.
pub fn format_month(year: i32, month: u32) -> String {
    format!("{} {year:04}", MONTHS[(month.clamp(1, 12) - 1) as usize])
}

/// "22/11/2026". Written digit by digit: chrono's `format` reads its pattern again on every call, and an
/// import of 100,000 invoices without due dates wrote one of these per row (a quarter of its comparing).
pub fn format_short(date: NaiveDate) -> String {
    let Some(([d1, d2], [m1, m2], [y1, y2, y3, y4])) = digits(date) else {
        return date.format("%d/%m/%Y").to_string();
    };
    [d1, d2, b'/', m1, m2, b'/', y1, y2, y3, y4].into_iter().map(char::from).collect()
}

/// "2026-11-22", the ledger's way of storing a day, as its ten ASCII bytes, written digit by digit for
/// the same reason as [`format_short`] (an import binds two or three dates a row); None for a year
/// outside 0–9999, which has no four-digit form.
pub fn iso_day_bytes(date: NaiveDate) -> Option<[u8; 10]> {
    let ([d1, d2], [m1, m2], [y1, y2, y3, y4]) = digits(date)?;
    Some([y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2])
}

/// The day's and month's two digits and the year's four, as ASCII; None for a year outside 0–9999.
fn digits(date: NaiveDate) -> Option<([u8; 2], [u8; 2], [u8; 4])> {
    let year = u32::try_from(date.year()).ok().filter(|year| *year <= 9999)?;
    let digit = |number: u32| b'0' + (number % 10) as u8;
    let (day, month) = (date.day(), date.month());
    Some((
        [digit(day / 10), digit(day)],
        [digit(month / 10), digit(month)],
        [digit(year / 1000), digit(year / 100), digit(year / 10), digit(year)],
    ))
}

/// Reads a date typed in a form, given on the command line or read from a file, with the one grammar of
/// `parse_written_date`; a date it cannot read gets a French message saying how to write it. Impossible
/// dates (31/02/2026) are refused, never shifted.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    parse_written_date(text).ok_or_else(|| {
        if names_an_impossible_day(text) {
            format!("la date « {text} » n'existe pas dans le calendrier.")
        } else {
            format!("date « {text} » invalide : écrivez-la comme 22/11/2026 ou 2026-11-22.")
        }
    })
}

/// True for a date written in figures whose day the month does not have ("31/02/2026", "2026-04-31"):
/// the same text with the 1st of the month reads.
fn names_an_impossible_day(text: &str) -> bool {
    let mut parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3 {
        return false;
    }
    let day = if parts[0].len() == 4 { 2 } else { 0 };
    let in_range = parts[day].parse::<u32>().is_ok_and(|value| (29..=31).contains(&value));
    parts[day] = "1";
    in_range && parse_numeric_date(&parts.join("/")).is_some()
}

/// True on the 11 public holidays of metropolitan France (Code du travail L3133-1): 1 January, Easter
/// Monday, 1 May, 8 May, Ascension Thursday, Whit Monday, 14 July, 15 August, 1 November, 11 November and
/// 25 December. Easter is computed, not looked up, so every year works. Alsace-Moselle's extra days (Good
/// Friday, 26 December) are deliberately absent.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = matches!(
        (date.month(), date.day()),
        (1, 1) | (5, 1) | (5, 8) | (7, 14) | (8, 15) | (11, 1) | (11, 11) | (12, 25)
    );
    if fixed {
        return true;
    }
    let easter = easter_sunday(date.year());
    let offset = (date - easter).num_days();
    // Easter Monday, Ascension (Easter + 39 days), Whit Monday (Easter + 50 days).
    matches!(offset, 1 | 39 | 50)
}

/// Easter Sunday of the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// A day the post and the client's accounts department work: not a Saturday, a Sunday or a public holiday.
pub fn is_business_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

/// The day suggested for sending a letter that may leave on `earliest` at the soonest.
///
/// Letters sent on a Tuesday, Wednesday or Thursday are read sooner than those arriving on a Monday pile or
/// before a weekend, so: the first business day on or after `earliest` that is a Tuesday, Wednesday or
/// Thursday, looking at most 7 days ahead (`earliest` to `earliest + 6`, a full week). When a week holds
/// no such day (holiday weeks, which do not happen with the current holidays but the rule stays total), the
/// first business day on or after `earliest`. Never a weekend or a public holiday.
pub fn sending_day(earliest: NaiveDate) -> NaiveDate {
    let preferred = (0..7)
        .map(|offset| earliest + Days::new(offset))
        .find(|day| matches!(day.weekday(), Weekday::Tue | Weekday::Wed | Weekday::Thu) && is_business_day(*day));
    preferred.unwrap_or_else(|| next_business_day(earliest))
}

/// The first business day on or after `date`.
pub fn next_business_day(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while !is_business_day(day) {
        day = day + Days::new(1);
    }
    day
}

/// Moves `count` business days from `date`: forward when positive, backward when negative; `date` itself
/// need not be a business day. Zero returns `date` unchanged.
pub fn add_business_days(date: NaiveDate, count: i64) -> NaiveDate {
    let mut day = date;
    let mut left = count.unsigned_abs();
    while left > 0 {
        day = if count > 0 { day + Days::new(1) } else { day - Days::new(1) };
        if is_business_day(day) {
            left -= 1;
        }
    }
    day
}

/// The half-year (semester) holding `date`: 1 January to 30 June, or 1 July to 31 December, both inclusive.
/// French late-payment rates change on these boundaries.
pub fn half_year_of(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let year = date.year();
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("half-year bounds are real dates");
    if date.month() <= 6 {
        (ymd(1, 1), ymd(6, 30))
    } else {
        (ymd(7, 1), ymd(12, 31))
    }
}

/// The half-year's code as in the rates table: "2026-S1" or "2026-S2".
pub fn half_year_code(date: NaiveDate) -> String {
    let half = if date.month() <= 6 { '1' } else { '2' };
    match u16::try_from(date.year()) {
        // Built by hand: the penalty computation names a half-year for every period of every invoice.
        Ok(year @ 1000..=9999) => {
            let mut code = String::with_capacity(7);
            for divisor in [1000, 100, 10, 1] {
                code.push(char::from(b'0' + (year / divisor % 10) as u8));
            }
            code.push_str("-S");
            code.push(half);
            code
        }
        _ => format!("{}-S{half}", date.year()),
    }
}

/// The half-year as a French reader says it: "1er semestre 2026", "2e semestre 2026".
pub fn half_year_label(date: NaiveDate) -> String {
    let half = if date.month() <= 6 { "1er" } else { "2e" };
    format!("{half} semestre {}", date.year())
}

/// A moment SQLite recorded (« 2026-12-07T22:05:30Z », « 2026-12-07 22:05:30 », in UTC) as a French reader
/// reads it: « 07/12/2026 à 22:05 (UTC) ». The text as it is when it is no such moment.
pub fn format_recorded(stamp: &str) -> String {
    // The day alone when the stamp has no time.
    if stamp.trim().len() == 10 {
        return format_recorded_day(stamp);
    }
    let text = stamp.trim().trim_end_matches('Z');
    let moment = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(text, format).ok());
    match moment {
        Some(moment) => format!("{} à {} (UTC)", format_short(moment.date()), moment.format("%H:%M")),
        None => stamp.to_string(),
    }
}

/// The day of a moment SQLite recorded, « 07/12/2026 », for a sentence; the text as it is when it starts
/// with no date.
pub fn format_recorded_day(stamp: &str) -> String {
    let stamp = stamp.trim();
    stamp
        .get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .map_or_else(|| stamp.to_string(), format_short)
}

/// Reads a date as people write it in spreadsheets: "22/11/2026", "22-11-26", "22.11.2026", "2026-11-22",
/// "22 nov. 2026", "22 novembre 2026", "1er novembre 2026", with the day of the week before it as Excel's
/// long date writes it ("lundi 5 janvier 2026", read only when that day is a Monday), and the month first as
/// English exports write it ("Nov 22, 2026", "Oct 5 2026": a month in words leaves no doubt which number is
/// the day); a time after the date ("2026-11-22 00:00:00") is ignored. Impossible dates
/// (31/02/2026) give None, never a shifted day. Two-digit years are in the 2000s.
pub fn parse_written_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = parse_numeric_date(text).or_else(|| parse_worded_date(text)) {
        return Some(date);
    }
    // "2026-11-22 00:00:00", "22/11/2026 14:30": a date followed by a time.
    let (date, time) = text.split_once([' ', 'T'])?;
    if time.contains(':') {
        parse_numeric_date(date)
    } else {
        None
    }
}

/// The day in metropolitan France of a moment written in UTC with its time, as Stripe's « Date (UTC) »
/// columns write it: "2026-10-01 23:30:00" is 2 October in Paris. France is UTC+1, and UTC+2 from the
/// last Sunday of March to the last Sunday of October, the clocks changing at 01:00 UTC (EU summer time,
/// directive 2000/84/EC). None for a text without a time, or unreadable.
pub fn french_day_of_utc(text: &str) -> Option<NaiveDate> {
    let (day, time) = text.trim().split_once([' ', 'T'])?;
    let day = parse_numeric_date(day)?;
    let time = time.trim().trim_end_matches('Z');
    let time = ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|format| chrono::NaiveTime::parse_from_str(time, format).ok())?;
    let moment = day.and_time(time);
    let change = |month| last_sunday(day.year(), month).and_hms_opt(1, 0, 0);
    let summer = change(3)? <= moment && moment < change(10)?;
    Some((moment + chrono::TimeDelta::hours(if summer { 2 } else { 1 })).date())
}

/// The last Sunday of a month.
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next_month = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let last = NaiveDate::from_ymd_opt(next_month.0, next_month.1, 1).and_then(|first| first.pred_opt());
    let last = last.unwrap_or(NaiveDate::MIN);
    last - Days::new(u64::from(last.weekday().num_days_from_sunday()))
}

fn parse_numeric_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let number = |part: &str| part.parse::<u32>().ok();
    let (year, month, day) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 || parts[2].len() == 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    if day.len() > 2 || month.len() > 2 {
        return None;
    }
    let year = match year.len() {
        4 => number(year)?,
        2 => 2000 + number(year)?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year as i32, number(month)?, number(day)?)
}

/// Month names and abbreviations, French first, then English, lower case without accents.
const MONTH_WORDS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("decembre", 12),
    ("dec", 12),
    ("january", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

fn parse_worded_date(text: &str) -> Option<NaiveDate> {
    let folded: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'û' | 'ù' => 'u',
            'à' | 'â' => 'a',
            '.' | ',' | '-' => ' ',
            other => other,
        })
        .collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    // Excel's long date: « lundi 5 janvier 2026 ». The day of the week must be the date's.
    let weekday = match words.as_slice() {
        [first, _, _, _] => Some(WEEKDAY_WORDS.iter().position(|word| word == first)?),
        _ => None,
    };
    if weekday.is_some() {
        words.remove(0);
    }
    if words.len() != 3 {
        return None;
    }
    // « Oct 5, 2026 »: the month first.
    if MONTH_WORDS.iter().any(|(word, _)| *word == words[0]) && weekday.is_none() {
        words.swap(0, 1);
    }
    let day = words[0].strip_suffix("er").unwrap_or(words[0]);
    if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = MONTH_WORDS.iter().find(|(word, _)| *word == words[1])?.1;
    let year = match words[2].len() {
        4 => words[2].parse::<i32>().ok()?,
        2 => 2000 + words[2].parse::<i32>().ok()?,
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, month, day.parse().ok()?)?;
    match weekday {
        Some(weekday) if weekday as u32 != date.weekday().num_days_from_monday() => None,
        _ => Some(date),
    }
}

/// The days of the week in French, Monday first, lower case without accents.
const WEEKDAY_WORDS: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/// A whole number from 0 to 99 in French words ("huit", "quinze", "quarante-cinq"), for deadlines written
/// out in letters; larger numbers stay in digits.
pub fn number_in_words(number: u32) -> String {
    const UNITS: [&str; 20] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
        "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
    ];
    const TENS: [&str; 7] = ["vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt"];
    match number {
        0..=19 => UNITS[number as usize].to_string(),
        20..=99 => {
            let (tens, unit) = (number / 10, number % 10);
            let (tens_word, rest) = match tens {
                7 => ("soixante", 10 + unit),
                9 => ("quatre-vingt", 10 + unit),
                _ => (TENS[(tens - 2) as usize], unit),
            };
            match (tens, rest) {
                (8, 0) => "quatre-vingts".to_string(),
                (_, 0) => tens_word.to_string(),
                (2..=7, 1) | (7, 11) => format!("{tens_word} et {}", UNITS[rest as usize]),
                _ => format!("{tens_word}-{}", UNITS[rest as usize]),
            }
        }
        _ => number.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_out_as_french_letters_spell_them() {
        for (number, words) in [
            (1, "un"),
            (8, "huit"),
            (15, "quinze"),
            (21, "vingt et un"),
            (30, "trente"),
            (45, "quarante-cinq"),
            (70, "soixante-dix"),
            (71, "soixante et onze"),
            (80, "quatre-vingts"),
            (81, "quatre-vingt-un"),
            (91, "quatre-vingt-onze"),
            (120, "120"),
        ] {
            assert_eq!(number_in_words(number), words, "{number}");
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn long_format_is_french() {
        assert_eq!(format_long(date(2026, 11, 22)), "22 novembre 2026");
        assert_eq!(format_long(date(2026, 8, 1)), "1er août 2026");
        assert_eq!(format_short(date(2026, 2, 3)), "03/02/2026");
    }

    /// `format_short` writes its digits itself: every day of these years, and years chrono writes with
    /// fewer or more digits, read as chrono's `%d/%m/%Y` would write them.
    #[test]
    fn short_and_iso_formats_are_chronos() {
        let days = [(-1, 1), (0, 1), (7, 1), (999, 1), (1999, 1), (2026, 2), (2028, 1), (9999, 1), (10_000, 1)]
            .into_iter()
            .flat_map(|(year, years)| date(year, 1, 1).iter_days().take_while(move |day| day.year() < year + years));
        for day in days {
            assert_eq!(format_short(day), day.format("%d/%m/%Y").to_string(), "{day:?}");
            let iso = iso_day_bytes(day).map(|bytes| String::from_utf8(bytes.to_vec()).unwrap());
            let four_digits = (0..=9999).contains(&day.year());
            assert_eq!(iso, four_digits.then(|| day.format("%Y-%m-%d").to_string()), "{day:?}");
        }
    }

    /// Found by the `date` fuzz target: "1 août 0026" was shown "1er août 26", which reads back as 2026.
    #[test]
    fn fuzz_date_long_format_of_a_year_below_1000_reads_back() {
        let found = parse_written_date("1 août 0026").unwrap();
        assert_eq!(format_long(found), "1er août 0026");
        assert_eq!(parse_written_date(&format_long(found)), Some(found));
    }

    #[test]
    fn parse_accepts_iso_and_french_and_refuses_impossible_dates() {
        assert_eq!(parse_date("2026-11-22"), Ok(date(2026, 11, 22)));
        assert_eq!(parse_date(" 22/11/2026 "), Ok(date(2026, 11, 22)));
        assert!(parse_date("31/02/2026").unwrap_err().contains("31/02/2026"));
        for impossible in ["31/02/2026", "2026-04-31", "29.02.2027"] {
            assert!(parse_date(impossible).unwrap_err().contains("n'existe pas"), "{impossible}");
        }
        for unreadable in ["32/01/2026", "22/13/2026", "demain"] {
            assert!(parse_date(unreadable).unwrap_err().contains("écrivez-la comme"), "{unreadable}");
        }
        assert!(parse_date("demain").is_err());
    }
    #[test]
    fn easter_is_computed_for_known_years() {
        // Published dates of Easter Sunday.
        for (year, month, day) in [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25)] {
            assert_eq!(easter_sunday(year), date(year, month, day), "Easter {year}");
        }
    }

    #[test]
    fn the_eleven_holidays_of_2026() {
        let holidays: Vec<NaiveDate> =
            (0..365).map(|n| date(2026, 1, 1) + Days::new(n)).filter(|d| is_public_holiday(*d)).collect();
        let expected = [
            date(2026, 1, 1),
            date(2026, 4, 6), // Easter Monday: Easter Sunday is 5 April 2026.
            date(2026, 5, 1),
            date(2026, 5, 8),
            date(2026, 5, 14), // Ascension: 5 April + 39 days.
            date(2026, 5, 25), // Whit Monday: 5 April + 50 days.
            date(2026, 7, 14),
            date(2026, 8, 15),
            date(2026, 11, 1),
            date(2026, 11, 11),
            date(2026, 12, 25),
        ];
        assert_eq!(holidays, expected);
        assert!(!is_public_holiday(date(2026, 4, 5)), "Easter Sunday itself is a Sunday, not a listed holiday");
        assert!(!is_public_holiday(date(2026, 12, 26)), "26 December is only a holiday in Alsace-Moselle");
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        assert!(is_business_day(date(2026, 11, 23))); // Monday
        assert!(!is_business_day(date(2026, 11, 21))); // Saturday
        assert!(!is_business_day(date(2026, 11, 22))); // Sunday
        assert!(!is_business_day(date(2026, 5, 14))); // Ascension, a Thursday
        assert!(!is_business_day(date(2026, 11, 11))); // Armistice, a Wednesday
                                                       // Friday 8 May 2026 is a holiday: from Thursday 7 May, the next business day is Monday 11 May.
        assert_eq!(add_business_days(date(2026, 5, 7), 1), date(2026, 5, 11));
        // Five business days after Friday 20 November 2026: 23, 24, 25, 26, 27 November.
        assert_eq!(add_business_days(date(2026, 11, 20), 5), date(2026, 11, 27));
        // Backwards from Tuesday 26 May 2026 (Whit Monday 25 May is skipped): Friday 22 May.
        assert_eq!(add_business_days(date(2026, 5, 26), -1), date(2026, 5, 22));
        assert_eq!(add_business_days(date(2026, 11, 22), 0), date(2026, 11, 22));
        assert_eq!(next_business_day(date(2026, 11, 21)), date(2026, 11, 23));
    }

    #[test]
    fn sending_day_prefers_tuesday_to_thursday() {
        let cases = [
            // (earliest, suggested, why)
            (date(2026, 11, 22), date(2026, 11, 24), "Sunday: the Tuesday after, not Monday"),
            (date(2026, 11, 23), date(2026, 11, 24), "Monday: the next day"),
            (date(2026, 11, 25), date(2026, 11, 25), "a Wednesday stays"),
            (date(2026, 11, 27), date(2026, 12, 1), "Friday: the next Tuesday"),
            (date(2026, 11, 10), date(2026, 11, 10), "Tuesday 10 November, before Armistice"),
            (date(2026, 11, 11), date(2026, 11, 12), "Armistice Wednesday: Thursday 12"),
            (date(2026, 5, 14), date(2026, 5, 19), "Ascension Thursday: Tuesday 19 May"),
            (date(2026, 5, 25), date(2026, 5, 26), "Whit Monday: Tuesday 26 May"),
            (date(2026, 4, 5), date(2026, 4, 7), "Easter Sunday: Tuesday 7 April, after Easter Monday"),
            (date(2026, 12, 24), date(2026, 12, 24), "Christmas Eve, a Thursday, is a business day"),
            (date(2026, 12, 25), date(2026, 12, 29), "Christmas Friday: Tuesday 29 December"),
        ];
        for (earliest, expected, why) in cases {
            assert_eq!(sending_day(earliest), expected, "{why}");
        }
    }

    #[test]
    fn half_years() {
        assert_eq!(half_year_of(date(2026, 6, 30)), (date(2026, 1, 1), date(2026, 6, 30)));
        assert_eq!(half_year_of(date(2026, 7, 1)), (date(2026, 7, 1), date(2026, 12, 31)));
        assert_eq!(half_year_code(date(2026, 11, 22)), "2026-S2");
        assert_eq!(half_year_code(date(2025, 1, 1)), "2025-S1");
        assert_eq!(half_year_code(date(2009, 12, 31)), "2009-S2");
        assert_eq!(half_year_code(date(999, 7, 1)), "999-S2");
        assert_eq!(half_year_label(date(2026, 11, 22)), "2e semestre 2026");
        assert_eq!(half_year_label(date(2026, 2, 1)), "1er semestre 2026");
    }

    #[test]
    fn a_utc_moment_is_the_day_it_is_in_france() {
        let cases = [
            // Summer time (UTC+2) from 29 March 2026 01:00 UTC to 25 October 2026 01:00 UTC.
            ("2026-10-01 23:30:00", Some(date(2026, 10, 2))),
            ("2026-10-01 21:59:59", Some(date(2026, 10, 1))),
            ("2026-10-01 22:00:00", Some(date(2026, 10, 2))),
            ("2026-12-31 23:00:00", Some(date(2027, 1, 1))),
            ("2026-12-31 22:59", Some(date(2026, 12, 31))),
            ("2026-03-28 22:30:00", Some(date(2026, 3, 28))),
            ("2026-03-29 22:30:00", Some(date(2026, 3, 30))),
            ("2026-10-24 22:30:00.000", Some(date(2026, 10, 25))),
            ("2026-10-25 22:30:00Z", Some(date(2026, 10, 25))),
            ("2026-10-01", None),
            ("2026-10-01 midi", None),
        ];
        for (text, expected) in cases {
            assert_eq!(french_day_of_utc(text), expected, "{text:?}");
        }
        assert_eq!(last_sunday(2026, 3), date(2026, 3, 29));
        assert_eq!(last_sunday(2026, 10), date(2026, 10, 25));
        assert_eq!(last_sunday(2026, 12), date(2026, 12, 27));
    }

    #[test]
    fn a_recorded_moment_is_written_as_a_french_reader_reads_it() {
        assert_eq!(format_recorded("2026-12-07T22:05:30Z"), "07/12/2026 à 22:05 (UTC)");
        assert_eq!(format_recorded("2026-12-07 09:00:00"), "07/12/2026 à 09:00 (UTC)");
        assert_eq!(format_recorded("2026-12-07"), "07/12/2026");
        assert_eq!(format_recorded("hier"), "hier");
    }

    #[test]
    fn written_dates_are_read_as_people_write_them_and_impossible_ones_refused() {
        let cases = [
            ("22/11/2026", Some(date(2026, 11, 22))),
            ("22-11-26", Some(date(2026, 11, 22))),
            ("22.11.2026", Some(date(2026, 11, 22))),
            ("2026-11-22", Some(date(2026, 11, 22))),
            ("2026-11-22 00:00:00", Some(date(2026, 11, 22))),
            ("22 nov. 2026", Some(date(2026, 11, 22))),
            ("22 novembre 2026", Some(date(2026, 11, 22))),
            ("1er août 2026", Some(date(2026, 8, 1))),
            ("3 févr. 2026", Some(date(2026, 2, 3))),
            // Excel's long date saved as text, the day of the week first (the audit's dates-texte.csv).
            ("lundi 5 janvier 2026", Some(date(2026, 1, 5))),
            ("Dimanche 1er mars 2026", Some(date(2026, 3, 1))),
            ("mardi 5 janvier 2026", None),
            ("lundi 5 janvier", None),
            // English exports write the month first (the second audit's t3-english.csv).
            ("Oct 5, 2026", Some(date(2026, 10, 5))),
            ("November 22 2026", Some(date(2026, 11, 22))),
            ("Feb 30, 2026", None),
            ("Oct 2026, 5", None),
            ("31/02/2026", None),
            ("29/02/2026", None),
            ("22/13/2026", None),
            ("22 brumaire 2026", None),
            ("22/11", None),
            ("demain", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_written_date(text), expected, "{text:?}");
        }
    }
}
