//! Clients: the list, one client's page, the client form.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::clients::{self, ClientDetail, ClientSummary};
use ardoise::desk::forms::ClientText;
use tauri::State;

#[tauri::command(async)]
pub fn client_list(state: State<'_, AppState>) -> CommandResult<Vec<ClientSummary>> {
    Ok(clients::client_list(&state.ledger(), state.today())?)
}

#[tauri::command(async)]
pub fn client_detail(state: State<'_, AppState>, id: i64) -> CommandResult<ClientDetail> {
    Ok(clients::client_detail(&state.ledger(), id, state.today())?)
}

/// Creates the client when `id` is null, else updates it, from the form as typed; returns its id.
#[tauri::command(async)]
pub fn client_save(state: State<'_, AppState>, id: Option<i64>, form: ClientText) -> CommandResult<i64> {
    let fields = form.read()?;
    Ok(clients::save_client(&mut state.ledger(), id, &fields)?)
}
