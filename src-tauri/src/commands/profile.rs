//! The sender profile.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::settings::{self, Profile};
use tauri::State;

#[tauri::command(async)]
pub fn profile_get(state: State<'_, AppState>) -> CommandResult<Profile> {
    Ok(settings::profile(&state.ledger())?)
}

#[tauri::command(async)]
pub fn profile_save(state: State<'_, AppState>, profile: Profile) -> CommandResult<()> {
    Ok(settings::save_profile(&mut state.ledger(), &profile)?)
}
