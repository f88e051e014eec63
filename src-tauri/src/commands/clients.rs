//! Clients: the list, one client's page, the client form, and what the user confirms for a déclaration
//! de créance.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::clients::{self, ClientDetail, ClientSummary};
use ardoise::desk::forms::ClientText;
use ardoise::desk::procedure::{self, ClaimStatement};
use tauri::State;

#[tauri::command(async)]
pub fn client_list(state: State<'_, AppState>) -> CommandResult<Vec<ClientSummary>> {
    Ok(clients::client_list(&state.ledger(), state.today())?)
}

/// The `limit` clients most late today, the most late first.
#[tauri::command(async)]
pub fn late_clients(state: State<'_, AppState>, limit: usize) -> CommandResult<Vec<ClientSummary>> {
    Ok(clients::most_late_clients(&state.ledger(), state.today(), limit)?)
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

/// Records what the user confirms today for the client's déclaration de créance (blank: « none »).
#[tauri::command(async)]
pub fn claim_statement_confirm(
    state: State<'_, AppState>,
    client_id: i64,
    to_fall_due: String,
    securities: String,
) -> CommandResult<ClaimStatement> {
    Ok(procedure::confirm_claim_statement(&mut state.ledger(), client_id, &to_fall_due, &securities, state.today())?)
}
