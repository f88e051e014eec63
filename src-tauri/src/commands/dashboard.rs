//! The dashboard's figures, and the clients about to lose a claim to prescription.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::dashboard::{self, Dashboard, PrescriptionWatch};
use tauri::State;

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    Ok(dashboard::dashboard(&state.ledger(), state.today())?)
}

#[tauri::command(async)]
pub fn prescription_watch(state: State<'_, AppState>) -> CommandResult<Vec<PrescriptionWatch>> {
    Ok(dashboard::prescription_watch(&state.ledger(), state.today())?)
}
