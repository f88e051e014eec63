//! Timeline events: notes, calls, promises, disputes, pauses.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::events;
use ardoise::desk::forms::EventText;
use tauri::State;

#[tauri::command(async)]
pub fn event_add(state: State<'_, AppState>, form: EventText) -> CommandResult<i64> {
    let fields = form.read()?;
    Ok(events::add_event(&mut state.ledger(), &fields)?)
}

/// Closes a dispute or a pause today.
#[tauri::command(async)]
pub fn event_close(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    Ok(events::close_event(&mut state.ledger(), id, state.today())?)
}
