//! The dashboard's figures.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::domain::figures::Dashboard;
use tauri::State;

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    Ok(ardoise::desk::views::dashboard(&state.ledger(), state.today())?)
}
