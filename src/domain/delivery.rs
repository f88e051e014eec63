//! Registered mail and proof (F7): tracking numbers, a letter's way from printed to sent to received
//! (or left unclaimed, or returned), the deadlines its text sets, counted from the day it reached the
//! debtor. `archive.rs` keeps the proofs, `deposit.rs` prints the post office's deposit list with its
//! postage estimate, `dossier.rs` builds the court-ready file of a client.
//!
//! The deadline rule. A letter saying "8 jours à compter de la réception" gives the debtor 8 days counted
//! from the day after receipt; the last day that falls on a Saturday, a Sunday or a public holiday moves
//! to the next business day (the reckoning of the Code de procédure civile, art. 641 and 642, which
//! courts apply by analogy). A letter left unclaimed ("avisé non réclamé", kept 15 days at the post
//! office) counts from its first presentation, the day on the notice left in the letterbox: French
//! practice holds that a debtor cannot escape a mise en demeure by not collecting it. A returned letter
//! (wrong address, refused as undeliverable) sets no deadline: it must be sent again.

use crate::domain::calendar::{format_long, next_business_day};
use crate::domain::letter_kind::{DeadlineStart, Dispatch, LetterKind};
use crate::domain::model::FieldErrors;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The guarantee level of a registered letter: the compensation La Poste owes if it is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GuaranteeLevel {
    R1,
    R2,
    R3,
}

impl GuaranteeLevel {
    pub const ALL: [GuaranteeLevel; 3] = [GuaranteeLevel::R1, GuaranteeLevel::R2, GuaranteeLevel::R3];

    pub fn id(self) -> &'static str {
        match self {
            GuaranteeLevel::R1 => "R1",
            GuaranteeLevel::R2 => "R2",
            GuaranteeLevel::R3 => "R3",
        }
    }

    pub fn from_id(text: &str) -> Option<GuaranteeLevel> {
        GuaranteeLevel::ALL.into_iter().find(|level| level.id().eq_ignore_ascii_case(text.trim()))
    }
}

/// What the user records when a letter leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sending {
    /// The deposit date (the day it was posted).
    pub date: NaiveDate,
    /// Normalised (capitals, no spaces); None when not registered.
    pub tracking_number: Option<String>,
    pub level: Option<GuaranteeLevel>,
    pub with_receipt: bool,
}

impl Sending {
    /// A letter posted on `date`, with nothing else recorded (a simple letter, an e-mail).
    pub fn plain(date: NaiveDate) -> Sending {
        Sending { date, tracking_number: None, level: None, with_receipt: false }
    }
}

/// What became of a sent letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", content = "date", rename_all = "snake_case")]
pub enum Delivery {
    /// Received on the date written on the acknowledgement of receipt.
    Received(NaiveDate),
    /// "Avisé non réclamé": first presented on the date, then kept 15 days and sent back.
    Unclaimed(NaiveDate),
    /// Returned to the sender on the date (address unknown, undeliverable).
    Returned(NaiveDate),
}

impl Delivery {
    pub fn date(&self) -> NaiveDate {
        match self {
            Delivery::Received(on) | Delivery::Unclaimed(on) | Delivery::Returned(on) => *on,
        }
    }

    /// The value stored in `letters.delivery_outcome`.
    pub fn outcome(&self) -> &'static str {
        match self {
            Delivery::Received(_) => "received",
            Delivery::Unclaimed(_) => "unclaimed",
            Delivery::Returned(_) => "returned",
        }
    }

    /// The form field the date comes from.
    pub fn field(&self) -> &'static str {
        match self {
            Delivery::Received(_) => "receipt_date",
            Delivery::Unclaimed(_) => "presented_on",
            Delivery::Returned(_) => "returned_on",
        }
    }

    /// In French, for the timeline and the letters list.
    pub fn label(&self) -> String {
        match self {
            Delivery::Received(on) => format!("reçu le {}", format_long(*on)),
            Delivery::Unclaimed(on) => format!("avisé non réclamé (présenté le {})", format_long(*on)),
            Delivery::Returned(on) => format!("retourné à l'expéditeur le {}", format_long(*on)),
        }
    }

    /// The day a deadline written in the letter starts from, if any (see the module's rule).
    pub fn reached_debtor_on(&self) -> Option<NaiveDate> {
        match self {
            Delivery::Received(on) | Delivery::Unclaimed(on) => Some(*on),
            Delivery::Returned(_) => None,
        }
    }
}

/// A letter's dispatch as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DispatchRow {
    pub id: i64,
    pub client_id: i64,
    pub kind: LetterKind,
    /// "drafted", "printed", "sent" or "cancelled".
    pub status: String,
    pub dispatch: Dispatch,
    pub drafted_on: NaiveDate,
    pub sent_on: Option<NaiveDate>,
    pub tracking_number: Option<String>,
    pub level: Option<GuaranteeLevel>,
    pub with_receipt: bool,
    pub deposit_date: Option<NaiveDate>,
    pub delivery: Option<Delivery>,
    pub invoice_ids: Vec<i64>,
}

impl DispatchRow {
    /// The deadline the letter's text sets, once the letter reached the debtor.
    pub fn deadline(&self) -> Option<Deadline> {
        deadline(self.kind, self.delivery.as_ref()?)
    }
}

/// A deadline a letter sets: `days` from `from`, ending on `ends_on` (the last day the debtor has).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub from: NaiveDate,
    pub days: u64,
    pub ends_on: NaiveDate,
}

/// The days a letter's text gives the debtor from receipt ("8 jours à compter de la réception"), for the
/// kinds whose row sets one from receipt.
pub fn days_from_receipt(kind: LetterKind) -> Option<u64> {
    kind.deadline().filter(|deadline| deadline.from == DeadlineStart::Receipt).map(|deadline| u64::from(deadline.days))
}

/// The deadline of a letter of `kind` delivered as `delivery` (module rule: from the day after the
/// receipt or the first presentation, the last day moved off weekends and public holidays).
pub fn deadline(kind: LetterKind, delivery: &Delivery) -> Option<Deadline> {
    let days = days_from_receipt(kind)?;
    let from = delivery.reached_debtor_on()?;
    Some(Deadline { from, days, ends_on: deadline_end(from, days) })
}

/// The last day of a deadline of `days` days counted from the day after `from`.
pub fn deadline_end(from: NaiveDate, days: u64) -> NaiveDate {
    next_business_day(from + Days::new(days))
}

/// A tracking number, checked and normalised (capitals, no spaces), or a French message saying why not.
///
/// Two forms are accepted. The international S10 form (UPU): 2 letters, 8 digits, a check digit, 2
/// letters (the country), e.g. "RR473124829FR"; the check digit is verified (weights 8 6 4 2 3 5 9 7,
/// 11 − (sum mod 11), 10 → 0, 11 → 5). La Poste's domestic form: 13 characters, a digit and a letter (the
/// product, "1A" for a registered letter) then 11 digits, e.g. "1A00967621453"; La Poste publishes no
/// check digit for it, so only its form is checked.
pub fn check_tracking_number(text: &str) -> Result<String, String> {
    let number: String = text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    if number.is_empty() {
        return Err("indiquez le numéro de la lettre recommandée (13 caractères, sur l'étiquette).".into());
    }
    if number.chars().count() != 13 || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!(
            "« {} » : un numéro de recommandé compte 13 lettres et chiffres (par exemple 1A 009 676 2145 3).",
            text.trim()
        ));
    }
    let bytes = number.as_bytes();
    let letters = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_uppercase);
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if letters(0..2) && digits(2..11) && letters(11..13) {
        let expected = s10_check_digit(&bytes[2..10]);
        let written = bytes[10] - b'0';
        return if written == expected {
            Ok(number)
        } else {
            Err(format!(
                "« {} » : le chiffre de contrôle devrait être {expected}, pas {written} ; vérifiez le numéro.",
                text.trim()
            ))
        };
    }
    if bytes[0].is_ascii_digit() && bytes[1].is_ascii_uppercase() && digits(2..13) {
        return Ok(number);
    }
    Err(format!(
        "« {} » : ce n'est ni un numéro de La Poste (un chiffre, une lettre, 11 chiffres) ni un numéro \
         international (2 lettres, 9 chiffres, 2 lettres).",
        text.trim()
    ))
}

/// The S10 check digit of 8 ASCII digits.
fn s10_check_digit(digits: &[u8]) -> u8 {
    const WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        digit => digit as u8,
    }
}

/// The dispatch form as a user fills it (window or command line), before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SendingForm {
    pub deposit_date: Option<NaiveDate>,
    pub tracking_number: String,
    /// "R1", "R2", "R3"; empty for a letter that is not registered.
    pub level: String,
    pub with_receipt: bool,
}

/// The formats a scan of a proof (the post office's deposit proof, the signed acknowledgement of receipt)
/// is kept in, as their names say them in a refusal.
pub const SCAN_FORMATS: &str = "un PDF, une image PNG ou une image JPEG";

/// The format of a scan, told from its first bytes (their magic numbers), never from its name: « PDF »,
/// « PNG » or « JPEG »; None for anything else (a spreadsheet, a text, a Word file).
pub fn scan_format(bytes: &[u8]) -> Option<&'static str> {
    // A PDF's header may follow a few bytes of junk: readers look for it in the first kilobyte.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|window| window == b"%PDF-") {
        Some("PDF")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("PNG")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("JPEG")
    } else {
        None
    }
}

/// Checks a sending form against the letter's dispatch: a registered letter needs its tracking number and
/// its level. Every problem is reported at once, by field.
pub fn check_sending(form: &SendingForm, dispatch: Dispatch) -> Result<Sending, FieldErrors> {
    let mut errors = FieldErrors::default();
    if form.deposit_date.is_none() {
        errors.add("deposit_date", "indiquez la date de dépôt à la poste.");
    }
    let registered = dispatch == Dispatch::Registered || !form.tracking_number.trim().is_empty();
    let mut tracking_number = None;
    let mut level = None;
    if registered {
        match check_tracking_number(&form.tracking_number) {
            Ok(number) => tracking_number = Some(number),
            Err(message) => errors.add("tracking_number", message),
        }
        match GuaranteeLevel::from_id(&form.level) {
            Some(found) => level = Some(found),
            None => errors.add("level", "choisissez le niveau de garantie : R1, R2 ou R3."),
        }
    }
    match form.deposit_date {
        Some(date) if errors.is_empty() => {
            Ok(Sending { date, tracking_number, level, with_receipt: registered && form.with_receipt })
        }
        _ => Err(errors),
    }
}
