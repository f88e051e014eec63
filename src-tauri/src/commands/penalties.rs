//! Penalties: one client's breakdown on a chosen date, and the rates table behind it.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::views::ClientPenalties;
use ardoise::domain::rates::{RateRowText, RateTable};
use ardoise::LedgerError;
use tauri::State;

/// The breakdown on `date` ("2026-11-22" or "22/11/2026"), today when null or blank.
#[tauri::command(async)]
pub fn penalties_get(
    state: State<'_, AppState>,
    client_id: i64,
    date: Option<String>,
) -> CommandResult<ClientPenalties> {
    let as_of = match date.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => {
            ardoise::domain::calendar::parse_date(text).map_err(|message| LedgerError::invalid("date", message))?
        }
        None => state.today(),
    };
    Ok(ardoise::desk::views::penalties(&state.ledger(), client_id, as_of)?)
}

#[tauri::command(async)]
pub fn rates_get(state: State<'_, AppState>) -> CommandResult<RateTable> {
    Ok(state.ledger().rates()?)
}

/// Replaces the whole table with the rows typed; returns it as stored.
#[tauri::command(async)]
pub fn rates_save(state: State<'_, AppState>, rows: Vec<RateRowText>) -> CommandResult<RateTable> {
    Ok(state.ledger().save_rates_text(&rows)?)
}
