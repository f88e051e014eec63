//! The dunning ladder as data (F3.1): a table of steps the engine walks, never nested ifs. Each row says
//! which letter, counted from what (the due date, the previous letter, or the receipt of the previous
//! registered letter), after how many days, the minimum gap since the last letter, how it is sent, which
//! client segments it applies to, and whether it is optional (passed over, without blocking, once its
//! moment has gone). Segments change pace and tone by having their own rows.
//!
//! The table is stored as JSON in the `settings` table (key `ladder`); `Ladder::default_fr()` when absent.
//! `Ladder::from_json` reads what a user edited and refuses an invalid table with a French reason.

use crate::domain::letter_kind::{Dispatch, LetterKind};
use crate::domain::model::{FieldErrors, Segment};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The setting key of the ladder.
pub const LADDER_SETTING: &str = "ladder";
/// The setting key of the large-amount threshold.
pub const LARGE_AMOUNT_SETTING: &str = "large_amount_threshold";
/// Above this overdue total a client may go straight to the mise en demeure (F3.2).
pub const DEFAULT_LARGE_AMOUNT: Decimal = Decimal::from_parts(500_000, 0, 0, false, 2);
/// The setting key of the residual-balance tolerance.
pub const RESIDUAL_TOLERANCE_SETTING: &str = "residual_tolerance";
/// What is left on an invoice below this is a residual (a rounding, a bank fee kept by the debtor's bank):
/// it is not dunned and carries no indemnity; the client page offers to write it off.
pub const DEFAULT_RESIDUAL_TOLERANCE: Decimal = Decimal::from_parts(100, 0, 0, false, 2);

/// What a step's days count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The invoice's due date (negative days: before it).
    DueDate,
    /// The day the previous letter of the ladder was sent.
    PreviousLetter,
    /// The day the previous (registered) letter was received, as the acknowledgement says.
    PreviousReceipt,
}

impl Anchor {
    pub fn label(self) -> &'static str {
        match self {
            Anchor::DueDate => "l'échéance",
            Anchor::PreviousLetter => "le courrier précédent",
            Anchor::PreviousReceipt => "la réception du courrier précédent",
        }
    }
}

/// One row of the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderStep {
    /// A stable id, stored on the letters it produced (`letters.ladder_step`).
    pub step: String,
    pub kind: LetterKind,
    pub counts_from: Anchor,
    pub days: i64,
    /// Days that must have passed since the client's last letter sent.
    pub min_gap_days: i64,
    pub dispatch: Dispatch,
    pub segments: Vec<Segment>,
    /// An optional step is passed over once its moment has gone; a required one blocks until sent.
    pub optional: bool,
}

/// The whole ladder, rows in escalation order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ladder {
    pub steps: Vec<LadderStep>,
}

/// The dunning settings the engine needs besides the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DunningSettings {
    pub ladder: Ladder,
    /// An overdue total at or above this goes straight to the mise en demeure when it is due by date.
    pub large_amount_threshold: Decimal,
    /// An invoice with less than this left to pay is not dunned and carries no indemnity.
    pub residual_tolerance: Decimal,
}

impl Default for DunningSettings {
    fn default() -> Self {
        DunningSettings {
            ladder: Ladder::default_fr(),
            large_amount_threshold: DEFAULT_LARGE_AMOUNT,
            residual_tolerance: DEFAULT_RESIDUAL_TOLERANCE,
        }
    }
}

impl LadderStep {
    /// The row in words, as a proposal says which step fired: « relance ferme, 15 jours après l'échéance,
    /// en lettre recommandée avec AR, au moins 7 jours après le courrier précédent ».
    pub fn describe(&self) -> String {
        let when = match (self.counts_from, self.days) {
            (Anchor::DueDate, 0) => "le jour de l'échéance".to_string(),
            (Anchor::DueDate, days) if days < 0 => format!("{} avant l'échéance", day_count(-days)),
            (anchor, days) => format!("{} après {}", day_count(days), anchor.label()),
        };
        let mut text = format!("{}, {when}, en {}", lower_first(self.kind.title()), self.dispatch.label());
        if self.min_gap_days > 0 && self.counts_from == Anchor::DueDate {
            text.push_str(&format!(", au moins {} après le courrier précédent", day_count(self.min_gap_days)));
        }
        if self.optional {
            text.push_str(" (étape facultative)");
        }
        text
    }
}

fn day_count(days: i64) -> String {
    if days == 1 {
        "1 jour".to_string()
    } else {
        format!("{days} jours")
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// The French name of a segment, the one the window, the proposals' reasons and the template editor use:
/// « retardataire chronique » says what the client does (pays late), as the glossary's "chronic late
/// payer" does, without judging them.
pub fn segment_label(segment: Segment) -> &'static str {
    match segment {
        Segment::New => "nouveau client",
        Segment::Regular => "client régulier",
        Segment::ChronicLatePayer => "retardataire chronique",
        Segment::KeyAccount => "grand compte",
        Segment::MicroBusiness => "micro-entreprise",
    }
}

const ALL_SEGMENTS: [Segment; 5] =
    [Segment::New, Segment::Regular, Segment::ChronicLatePayer, Segment::KeyAccount, Segment::MicroBusiness];

impl Ladder {
    /// The French default ladder of F3.1 with its segment variations: a chronic late payer gets a
    /// pré-relance and a faster pace; regular clients and key accounts softer letters and longer gaps; a
    /// micro-business is offered a payment plan early; new clients get a pré-relance too.
    pub fn default_fr() -> Ladder {
        use Anchor::*;
        use Dispatch::*;
        use LetterKind::*;
        use Segment::*;
        let row =
            |step: &str, kind, counts_from, days, min_gap_days, dispatch, segments: &[Segment], optional| LadderStep {
                step: step.to_string(),
                kind,
                counts_from,
                days,
                min_gap_days,
                dispatch,
                segments: segments.to_vec(),
                optional,
            };
        Ladder {
            steps: vec![
                row("pre_reminder", PreReminder, DueDate, -5, 0, Email, &[New, ChronicLatePayer], true),
                row(
                    "friendly_reminder",
                    FriendlyReminder,
                    DueDate,
                    3,
                    0,
                    Email,
                    &[New, ChronicLatePayer, MicroBusiness],
                    false,
                ),
                row("friendly_reminder_soft", FriendlyReminder, DueDate, 7, 0, Email, &[Regular, KeyAccount], false),
                row("plan_proposal", PlanProposal, PreviousLetter, 5, 5, Email, &[MicroBusiness], true),
                row("firm_reminder_fast", FirmReminder, DueDate, 10, 5, Registered, &[ChronicLatePayer], false),
                row("firm_reminder", FirmReminder, DueDate, 15, 7, Registered, &[New, MicroBusiness], false),
                row("firm_reminder_soft", FirmReminder, DueDate, 20, 10, Simple, &[Regular, KeyAccount], false),
                row("last_reminder_fast", LastReminder, DueDate, 16, 5, Simple, &[ChronicLatePayer], false),
                row("last_reminder", LastReminder, DueDate, 22, 7, Simple, &[New, MicroBusiness], false),
                row("last_reminder_soft", LastReminder, DueDate, 30, 10, Simple, &[Regular, KeyAccount], false),
                row("formal_notice_fast", FormalNotice, DueDate, 22, 6, Registered, &[ChronicLatePayer], false),
                row("formal_notice", FormalNotice, DueDate, 30, 7, Registered, &[New, MicroBusiness], false),
                row("formal_notice_soft", FormalNotice, DueDate, 40, 10, Registered, &[Regular, KeyAccount], false),
                row("payment_order_pack", PaymentOrderPack, PreviousReceipt, 8, 8, Simple, &ALL_SEGMENTS, false),
                row("handover", Handover, PreviousLetter, 30, 30, Simple, &ALL_SEGMENTS, true),
            ],
        }
    }

    /// The rows that apply to a segment, in order.
    pub fn for_segment(&self, segment: Segment) -> Vec<&LadderStep> {
        self.steps.iter().filter(|step| step.segments.contains(&segment)).collect()
    }

    /// Checks the table; every problem is reported at once under the field `ladder`, in French.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.steps.is_empty() {
            errors.add("ladder", "l'échelle est vide : gardez au moins une étape.");
            return errors.into_result();
        }
        let mut seen = std::collections::HashSet::new();
        for (index, step) in self.steps.iter().enumerate() {
            let at = format!("ligne {} ({})", index + 1, step.kind.title());
            if step.step.trim().is_empty() {
                errors.add("ladder", format!("{at} : donnez un identifiant à l'étape."));
            } else if !seen.insert(step.step.as_str()) {
                errors.add(
                    "ladder",
                    format!("{at} : l'identifiant « {} » est déjà pris par une autre ligne.", step.step),
                );
            }
            if step.kind.ladder_rank().is_none() {
                errors.add("ladder", format!("{at} : ce type de courrier ne fait pas partie de l'échelle de relance."));
            }
            if step.min_gap_days < 0 {
                errors.add(
                    "ladder",
                    format!("{at} : l'écart minimal ne peut pas être négatif ({} jours).", step.min_gap_days),
                );
            }
            if step.days.abs() > 365 || step.min_gap_days > 365 {
                errors.add("ladder", format!("{at} : un délai de plus d'un an n'a pas de sens ici."));
            }
            if step.counts_from != Anchor::DueDate && step.days < 0 {
                errors.add(
                    "ladder",
                    format!("{at} : on ne compte pas de jours négatifs depuis {}.", step.counts_from.label()),
                );
            }
            if step.segments.is_empty() {
                errors.add("ladder", format!("{at} : choisissez au moins un segment de clients."));
            }
        }
        for segment in ALL_SEGMENTS {
            let rows = self.for_segment(segment);
            let label = segment_label(segment);
            if rows.is_empty() {
                errors.add("ladder", format!("aucune étape pour le segment « {label} »."));
                continue;
            }
            if rows[0].counts_from != Anchor::DueDate {
                errors.add(
                    "ladder",
                    format!(
                        "segment « {label} » : la première étape ({}) doit compter depuis l'échéance.",
                        rows[0].kind.title()
                    ),
                );
            }
            for pair in rows.windows(2) {
                let (before, after) = (pair[0], pair[1]);
                let (Some(rank_before), Some(rank_after)) = (before.kind.ladder_rank(), after.kind.ladder_rank())
                else {
                    continue;
                };
                if rank_after <= rank_before {
                    errors.add(
                        "ladder",
                        format!(
                            "segment « {label} » : les étapes sont dans le désordre ({} après {}).",
                            after.kind.title(),
                            before.kind.title()
                        ),
                    );
                } else if before.counts_from == Anchor::DueDate
                    && after.counts_from == Anchor::DueDate
                    && after.days < before.days
                {
                    errors.add(
                        "ladder",
                        format!(
                            "segment « {label} » : {} (J{:+}) tombe avant {} (J{:+}).",
                            after.kind.title(),
                            after.days,
                            before.kind.title(),
                            before.days
                        ),
                    );
                }
                if after.counts_from == Anchor::PreviousReceipt && before.dispatch != Dispatch::Registered {
                    errors.add(
                        "ladder",
                        format!(
                            "segment « {label} » : {} compte depuis la réception du courrier précédent, qui doit donc \
                             partir en recommandé avec AR.",
                            after.kind.title()
                        ),
                    );
                }
            }
        }
        errors.into_result()
    }

    /// Reads a ladder as the settings page sends it (a JSON array of rows), checks it, and says in French
    /// what is wrong and where.
    pub fn from_json(value: &serde_json::Value) -> Result<Ladder, FieldErrors> {
        let mut errors = FieldErrors::default();
        let rows = match value {
            serde_json::Value::Array(rows) => rows.as_slice(),
            serde_json::Value::Object(object) => match object.get("steps") {
                Some(serde_json::Value::Array(rows)) => rows.as_slice(),
                _ => &[],
            },
            _ => &[],
        };
        let mut steps = Vec::new();
        for (index, row) in rows.iter().enumerate() {
            let at = format!("ligne {}", index + 1);
            let text = |name: &str| row.get(name).and_then(|v| v.as_str()).unwrap_or_default().trim().to_string();
            let number = |name: &str| -> Option<i64> {
                match row.get(name) {
                    Some(serde_json::Value::Number(n)) => n.as_i64(),
                    Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
                    _ => None,
                }
            };
            let kind = LetterKind::from_id(&text("kind"));
            if kind.is_none() {
                errors.add("ladder", format!("{at} : type de courrier inconnu « {} ».", text("kind")));
            }
            let counts_from = match text("counts_from").as_str() {
                "due_date" => Some(Anchor::DueDate),
                "previous_letter" => Some(Anchor::PreviousLetter),
                "previous_receipt" => Some(Anchor::PreviousReceipt),
                other => {
                    errors.add("ladder", format!("{at} : point de départ inconnu « {other} »."));
                    None
                }
            };
            let dispatch = Dispatch::from_id(&text("dispatch"));
            if dispatch.is_none() {
                errors.add("ladder", format!("{at} : mode d'envoi inconnu « {} ».", text("dispatch")));
            }
            let days = number("days");
            if days.is_none() {
                errors.add("ladder", format!("{at} : le nombre de jours doit être un nombre entier."));
            }
            let gap = number("min_gap_days");
            if gap.is_none() {
                errors.add("ladder", format!("{at} : l'écart minimal doit être un nombre entier de jours."));
            }
            let mut segments = Vec::new();
            for segment in row.get("segments").and_then(|v| v.as_array()).map(Vec::as_slice).unwrap_or_default() {
                let id = segment.as_str().unwrap_or_default();
                match serde_json::from_value::<Segment>(serde_json::Value::String(id.to_string())) {
                    Ok(segment) => segments.push(segment),
                    Err(_) => errors.add("ladder", format!("{at} : segment inconnu « {id} ».")),
                }
            }
            if let (Some(kind), Some(counts_from), Some(dispatch), Some(days), Some(min_gap_days)) =
                (kind, counts_from, dispatch, days, gap)
            {
                steps.push(LadderStep {
                    step: text("step"),
                    kind,
                    counts_from,
                    days,
                    min_gap_days,
                    dispatch,
                    segments,
                    optional: row.get("optional").and_then(|v| v.as_bool()).unwrap_or(false),
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let ladder = Ladder { steps };
        ladder.validate()?;
        Ok(ladder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_ladder_is_valid_and_survives_json() {
        let ladder = Ladder::default_fr();
        ladder.validate().unwrap();
        let json = serde_json::to_value(&ladder).unwrap();
        assert_eq!(Ladder::from_json(&json).unwrap(), ladder);
        assert_eq!(Ladder::from_json(&json["steps"]).unwrap(), ladder);
    }
}
