//! « Réglages » as both shells use them: the sender's profile, the dunning ladder and its options (the
//! large-amount threshold, the default payment terms) with the names the editor offers.

use crate::desk::Result;
pub use crate::domain::ladder::Ladder;
pub use crate::domain::model::{Profile, Segment};
use crate::Ledger;
use rust_decimal::Decimal;
use serde::Serialize;

/// The sender's profile (empty fields until filled).
pub fn profile(ledger: &Ledger) -> Result<Profile> {
    Ok(ledger.profile()?)
}

/// Saves the profile after checking it in full.
pub fn save_profile(ledger: &mut Ledger, profile: &Profile) -> Result<()> {
    Ok(ledger.save_profile(profile)?)
}

/// The settings page's dunning part: the ladder in force and whether it is the default, the large-amount
/// threshold and the default payment terms. The names the editor offers come from `desk::labels`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DunningSettingsView {
    pub ladder: Ladder,
    pub ladder_is_default: bool,
    pub large_amount_threshold: Decimal,
    pub default_payment_terms_days: u32,
}

pub fn dunning_settings(ledger: &Ledger) -> Result<DunningSettingsView> {
    let settings = ledger.dunning_settings()?;
    Ok(DunningSettingsView {
        ladder_is_default: settings.ladder == Ladder::default_fr(),
        ladder: settings.ladder,
        large_amount_threshold: settings.large_amount_threshold,
        default_payment_terms_days: ledger.default_payment_terms_days()?,
    })
}

/// Saves the ladder from the editor's rows (checked whole: every problem in French); returns it.
pub fn save_ladder(ledger: &mut Ledger, rows: &serde_json::Value) -> Result<Ladder> {
    Ok(ledger.save_ladder(rows)?)
}

/// Puts the default French ladder back.
pub fn reset_ladder(ledger: &mut Ledger) -> Result<Ladder> {
    Ok(ledger.reset_ladder()?)
}

/// Saves the threshold and the default payment terms together, as one unit.
pub fn save_dunning_options(
    ledger: &mut Ledger,
    large_amount_threshold: Decimal,
    default_payment_terms_days: u32,
) -> Result<()> {
    Ok(ledger.atomically(|ledger| {
        ledger.save_large_amount_threshold(large_amount_threshold)?;
        ledger.save_default_payment_terms_days(default_payment_terms_days)
    })?)
}
