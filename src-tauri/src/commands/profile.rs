//! The sender profile: the form, how the trader is addressed, and the logo and signature images (chosen
//! in the native open dialog, checked and stored by the core).

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::settings::{self, Profile, ProfileImage, ProfileImagesView};
use std::path::PathBuf;
use tauri::State;

/// Set to a file path, « Choisir une image… » answers with it instead of opening the native dialog, which
/// WebDriver cannot drive (end-to-end tests, scripted demonstrations). Unset in normal use.
const PICK_OVERRIDE: &str = "ARDOISE_IMAGE_PICK";

#[tauri::command(async)]
pub fn profile_get(state: State<'_, AppState>) -> CommandResult<Profile> {
    Ok(settings::profile(&state.ledger())?)
}

#[tauri::command(async)]
pub fn profile_save(state: State<'_, AppState>, profile: Profile) -> CommandResult<()> {
    Ok(settings::save_profile(&mut state.ledger(), &profile)?)
}

#[tauri::command(async)]
pub fn profile_images_get(state: State<'_, AppState>) -> CommandResult<ProfileImagesView> {
    Ok(settings::profile_images(&state.ledger())?)
}

/// Opens the native dialog for a PNG or JPEG and stores it as the logo or the signature; None when the
/// user cancels. A refused file comes back under the field `logo` or `signature`.
#[tauri::command(async)]
pub fn profile_image_pick(state: State<'_, AppState>, image: ProfileImage) -> CommandResult<Option<ProfileImagesView>> {
    let title = match image {
        ProfileImage::Logo => "Choisir votre logo",
        ProfileImage::Signature => "Choisir l'image de votre signature",
    };
    let picked = match std::env::var_os(PICK_OVERRIDE) {
        Some(path) => Some(PathBuf::from(path)),
        None => rfd::FileDialog::new()
            .set_title(title)
            .add_filter("Images PNG ou JPEG", &["png", "jpg", "jpeg", "PNG", "JPG", "JPEG"])
            .pick_file(),
    };
    let Some(path) = picked else { return Ok(None) };
    Ok(Some(settings::set_profile_image(&mut state.ledger(), image, &path)?))
}

#[tauri::command(async)]
pub fn profile_image_remove(state: State<'_, AppState>, image: ProfileImage) -> CommandResult<ProfileImagesView> {
    Ok(settings::remove_profile_image(&mut state.ledger(), image)?)
}
