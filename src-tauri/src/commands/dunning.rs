//! Dunning: today's proposals, deciding on one, and the ladder settings.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::views::{DunningSettingsView, ProposalAction};
use ardoise::domain::dunning::Proposal;
use ardoise::domain::ladder::Ladder;
use rust_decimal::Decimal;
use tauri::State;

/// « À faire aujourd'hui », most urgent first.
#[tauri::command(async)]
pub fn proposals(state: State<'_, AppState>) -> CommandResult<Vec<Proposal>> {
    Ok(ardoise::desk::views::proposals(&state.ledger(), state.today())?)
}

/// Accepts, skips or snoozes the client's proposal as computed today.
#[tauri::command(async)]
pub fn proposal_decide(state: State<'_, AppState>, client_id: i64, action: ProposalAction) -> CommandResult<i64> {
    Ok(ardoise::desk::views::decide_proposal(&mut state.ledger(), client_id, state.today(), action)?)
}

#[tauri::command(async)]
pub fn dunning_settings(state: State<'_, AppState>) -> CommandResult<DunningSettingsView> {
    Ok(ardoise::desk::views::dunning_settings(&state.ledger())?)
}

/// Stores an edited ladder, or refuses it with the reasons.
#[tauri::command(async)]
pub fn ladder_save(state: State<'_, AppState>, rows: serde_json::Value) -> CommandResult<Ladder> {
    Ok(state.ledger().save_ladder(&rows)?)
}

#[tauri::command(async)]
pub fn ladder_reset(state: State<'_, AppState>) -> CommandResult<Ladder> {
    Ok(state.ledger().reset_ladder()?)
}

#[tauri::command(async)]
pub fn dunning_options_save(
    state: State<'_, AppState>,
    large_amount_threshold: Decimal,
    default_payment_terms_days: u32,
) -> CommandResult<()> {
    Ok(ardoise::desk::views::save_dunning_options(
        &mut state.ledger(),
        large_amount_threshold,
        default_payment_terms_days,
    )?)
}
