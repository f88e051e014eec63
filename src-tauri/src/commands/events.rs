//! Timeline events: notes, calls, promises, disputes, pauses.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::domain::model::EventFields;
use chrono::NaiveDate;
use tauri::State;

#[tauri::command(async)]
pub fn event_add(state: State<'_, AppState>, fields: EventFields) -> CommandResult<i64> {
    Ok(state.ledger().add_event(&fields)?)
}

/// Ends a dispute or lifts a pause on `date`.
#[tauri::command(async)]
pub fn event_close(state: State<'_, AppState>, id: i64, date: NaiveDate) -> CommandResult<()> {
    Ok(state.ledger().close_event(id, date)?)
}
