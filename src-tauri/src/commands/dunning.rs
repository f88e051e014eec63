//! Dunning: today's proposals, deciding on one, and the ladder settings.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::proposals::{self, Proposal, ProposalAction};
use ardoise::desk::settings::{self, DunningSettingsView, Ladder};
use rust_decimal::Decimal;
use tauri::State;

#[tauri::command(async)]
pub fn proposals(state: State<'_, AppState>) -> CommandResult<Vec<Proposal>> {
    Ok(proposals::proposals(&state.ledger(), state.today())?)
}

/// Accepts, skips or snoozes the client's proposal as computed now; returns the letter's or decision's id.
#[tauri::command(async)]
pub fn proposal_decide(state: State<'_, AppState>, client_id: i64, action: ProposalAction) -> CommandResult<i64> {
    Ok(proposals::decide_proposal(&mut state.ledger(), client_id, state.today(), action)?)
}

#[tauri::command(async)]
pub fn dunning_settings(state: State<'_, AppState>) -> CommandResult<DunningSettingsView> {
    Ok(settings::dunning_settings(&state.ledger())?)
}

#[tauri::command(async)]
pub fn ladder_save(state: State<'_, AppState>, rows: serde_json::Value) -> CommandResult<Ladder> {
    Ok(settings::save_ladder(&mut state.ledger(), &rows)?)
}

#[tauri::command(async)]
pub fn ladder_reset(state: State<'_, AppState>) -> CommandResult<Ladder> {
    Ok(settings::reset_ladder(&mut state.ledger())?)
}

#[tauri::command(async)]
pub fn dunning_options_save(
    state: State<'_, AppState>,
    large_amount_threshold: Decimal,
    default_payment_terms_days: u32,
) -> CommandResult<()> {
    Ok(settings::save_dunning_options(&mut state.ledger(), large_amount_threshold, default_payment_terms_days)?)
}
