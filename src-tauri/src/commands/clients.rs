//! Clients: the list, one client's page, the client form.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::views::ClientDetail;
use ardoise::domain::figures::ClientSummary;
use ardoise::domain::model::ClientFields;
use tauri::State;

#[tauri::command(async)]
pub fn client_list(state: State<'_, AppState>) -> CommandResult<Vec<ClientSummary>> {
    Ok(ardoise::desk::views::client_list(&state.ledger(), state.today())?)
}

#[tauri::command(async)]
pub fn client_detail(state: State<'_, AppState>, id: i64) -> CommandResult<ClientDetail> {
    Ok(ardoise::desk::views::client_detail(&state.ledger(), id, state.today())?)
}

/// Creates the client when `id` is null, else updates it; returns its id.
#[tauri::command(async)]
pub fn client_save(state: State<'_, AppState>, id: Option<i64>, fields: ClientFields) -> CommandResult<i64> {
    let mut ledger = state.ledger();
    match id {
        Some(id) => {
            ledger.update_client(id, &fields)?;
            Ok(id)
        }
        None => Ok(ledger.create_client(&fields)?),
    }
}
