//! Backups of the ledger: the list, a backup on demand, and a restore (which replaces the open ledger).

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::ledger_file::{self, Backup};
use tauri::State;

#[tauri::command(async)]
pub fn backup_list(state: State<'_, AppState>) -> CommandResult<Vec<Backup>> {
    Ok(ledger_file::backups(&state.ledger())?)
}

#[tauri::command(async)]
pub fn backup_create(state: State<'_, AppState>) -> CommandResult<Vec<Backup>> {
    let ledger = state.ledger();
    ledger_file::back_up(&ledger, state.now())?;
    Ok(ledger_file::backups(&ledger)?)
}

/// Replaces the ledger's content by the backup `file_name` (one of `backup_list`), after backing up the
/// current content; the window then reloads every page from the restored ledger.
#[tauri::command(async)]
pub fn backup_restore(state: State<'_, AppState>, file_name: String) -> CommandResult<Vec<Backup>> {
    let mut ledger = state.ledger();
    ledger_file::restore(&mut ledger, &file_name, state.now())?;
    Ok(ledger_file::backups(&ledger)?)
}
