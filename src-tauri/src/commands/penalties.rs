//! Penalties: one client's breakdown on a chosen date, and the rates table behind it.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::forms;
use ardoise::desk::penalties::{self, ClientPenalties, RateRowText, RatesView};
use tauri::State;

/// The breakdown on the date typed (today when blank).
#[tauri::command(async)]
pub fn penalties_get(
    state: State<'_, AppState>,
    client_id: i64,
    date: Option<String>,
) -> CommandResult<ClientPenalties> {
    let as_of = forms::date_or("date", date.as_deref(), state.today())?;
    Ok(penalties::penalties(&state.ledger(), client_id, as_of)?)
}

/// The rates table, each half-year named, with the next one to add.
#[tauri::command(async)]
pub fn rates_get(state: State<'_, AppState>) -> CommandResult<RatesView> {
    Ok(penalties::rates_view(&state.ledger(), state.today())?)
}

/// Saves the table as typed (checked whole); returns it as stored.
#[tauri::command(async)]
pub fn rates_save(state: State<'_, AppState>, rows: Vec<RateRowText>) -> CommandResult<RatesView> {
    let mut ledger = state.ledger();
    penalties::save_rates(&mut ledger, &rows)?;
    Ok(penalties::rates_view(&ledger, state.today())?)
}
