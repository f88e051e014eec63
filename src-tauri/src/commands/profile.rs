//! The sender profile.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::domain::model::Profile;
use tauri::State;

#[tauri::command(async)]
pub fn profile_get(state: State<'_, AppState>) -> CommandResult<Profile> {
    Ok(state.ledger().profile()?)
}

#[tauri::command(async)]
pub fn profile_save(state: State<'_, AppState>, profile: Profile) -> CommandResult<()> {
    Ok(state.ledger().save_profile(&profile)?)
}
