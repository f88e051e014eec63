//! Timeline events: notes, calls, promises, disputes, pauses.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::events::{self, EventFields};
use chrono::NaiveDate;
use tauri::State;

#[tauri::command(async)]
pub fn event_add(state: State<'_, AppState>, fields: EventFields) -> CommandResult<i64> {
    Ok(events::add_event(&mut state.ledger(), &fields)?)
}

/// Closes a dispute or a pause on `date`.
#[tauri::command(async)]
pub fn event_close(state: State<'_, AppState>, id: i64, date: NaiveDate) -> CommandResult<()> {
    Ok(events::close_event(&mut state.ledger(), id, date)?)
}
