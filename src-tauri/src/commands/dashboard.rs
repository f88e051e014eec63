//! The dashboard's figures.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::dashboard::{self, Dashboard};
use tauri::State;

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    Ok(dashboard::dashboard(&state.ledger(), state.today())?)
}
