//! « Réglages » as both shells use them: the sender's profile with its logo and signature images and how
//! the trader is addressed, the dunning ladder and its options (the large-amount threshold, the default
//! payment terms, the tolerance under which a residual balance is not dunned).

use crate::desk::Result;
pub use crate::domain::ladder::Ladder;
pub use crate::domain::model::{AddressedAs, Profile, Segment};
pub use crate::ledger::ProfileImage;
use crate::Ledger;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;

/// The sender's profile (empty fields until filled).
pub fn profile(ledger: &Ledger) -> Result<Profile> {
    Ok(ledger.profile()?)
}

/// Saves the profile after checking it in full.
pub fn save_profile(ledger: &mut Ledger, profile: &Profile) -> Result<()> {
    Ok(ledger.save_profile(profile)?)
}

/// Says how the trader is addressed (the rest of the profile is left as it is).
pub fn save_addressed_as(ledger: &mut Ledger, addressed_as: AddressedAs) -> Result<Profile> {
    ledger.save_addressed_as(Some(addressed_as))?;
    Ok(ledger.profile()?)
}

/// One of the profile's images as the profile page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileImageView {
    pub image: ProfileImage,
    /// Pixel size of the stored PNG.
    pub width: u32,
    pub height: u32,
    /// The stored PNG, base64, for the page's preview.
    pub png_base64: String,
}

/// The logo and the signature, when stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProfileImagesView {
    pub logo: Option<ProfileImageView>,
    pub signature: Option<ProfileImageView>,
}

/// The profile's two images.
pub fn profile_images(ledger: &Ledger) -> Result<ProfileImagesView> {
    let view = |image: ProfileImage| -> Result<Option<ProfileImageView>> {
        Ok(ledger.profile_image(image)?.map(|png| {
            let (width, height) = crate::documents::images::dimensions(&png).unwrap_or((0, 0));
            use base64::Engine;
            ProfileImageView {
                image,
                width,
                height,
                png_base64: base64::engine::general_purpose::STANDARD.encode(&png),
            }
        }))
    };
    Ok(ProfileImagesView { logo: view(ProfileImage::Logo)?, signature: view(ProfileImage::Signature)? })
}

/// Reads an image file the user chose (PNG or JPEG, at most `documents::images::MAX_FILE_BYTES`), checks
/// it and stores it as the profile's logo or signature, reduced and as PNG; a refused file changes
/// nothing and says why in French, under the field `logo` or `signature`.
pub fn set_profile_image(ledger: &mut Ledger, image: ProfileImage, path: &Path) -> Result<ProfileImagesView> {
    let field = match image {
        ProfileImage::Logo => "logo",
        ProfileImage::Signature => "signature",
    };
    let name = path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into());
    let unreadable = || crate::desk::Error::invalid(field, format!("« {name} » est introuvable ou illisible."));
    // A file too heavy is refused by its size alone, before it is read into memory.
    let size = std::fs::metadata(path).map_err(|_| unreadable())?.len();
    crate::documents::images::check_size(&name, size).map_err(|message| crate::desk::Error::invalid(field, message))?;
    let bytes = std::fs::read(path).map_err(|_| unreadable())?;
    let png = crate::documents::images::normalise(&name, &bytes)
        .map_err(|message| crate::desk::Error::invalid(field, message))?;
    ledger.save_profile_image(image, Some(&png))?;
    profile_images(ledger)
}

/// Removes the profile's logo or signature: letters print without it.
pub fn remove_profile_image(ledger: &mut Ledger, image: ProfileImage) -> Result<ProfileImagesView> {
    ledger.save_profile_image(image, None)?;
    profile_images(ledger)
}

/// The settings page's dunning part: the ladder in force and whether it is the default, the large-amount
/// threshold and the default payment terms. The names the editor offers come from `desk::labels`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DunningSettingsView {
    pub ladder: Ladder,
    pub ladder_is_default: bool,
    pub large_amount_threshold: Decimal,
    pub default_payment_terms_days: u32,
    /// Below this a residual balance is not dunned and carries no indemnity.
    pub residual_tolerance: Decimal,
}

pub fn dunning_settings(ledger: &Ledger) -> Result<DunningSettingsView> {
    let settings = ledger.dunning_settings()?;
    Ok(DunningSettingsView {
        ladder_is_default: settings.ladder == Ladder::default_fr(),
        ladder: settings.ladder,
        large_amount_threshold: settings.large_amount_threshold,
        default_payment_terms_days: ledger.default_payment_terms_days()?,
        residual_tolerance: settings.residual_tolerance,
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

/// Saves the threshold, the default payment terms and the residual tolerance together, as one unit.
pub fn save_dunning_options(
    ledger: &mut Ledger,
    large_amount_threshold: Decimal,
    default_payment_terms_days: u32,
    residual_tolerance: Decimal,
) -> Result<()> {
    Ok(ledger.atomically(|ledger| {
        ledger.save_large_amount_threshold(large_amount_threshold)?;
        ledger.save_default_payment_terms_days(default_payment_terms_days)?;
        ledger.save_residual_tolerance(residual_tolerance)
    })?)
}
