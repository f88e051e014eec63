//! Dunning: today's proposals, deciding on one, and the ladder settings.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::forms::{DecisionText, DunningOptionsText};
use ardoise::desk::proposals::{self, ProposalPage};
use ardoise::desk::settings::{self, DunningSettingsView, Ladder};
use tauri::State;

/// The first `limit` proposals, most urgent first, and how many there are.
#[tauri::command(async)]
pub fn proposal_page(state: State<'_, AppState>, limit: usize) -> CommandResult<ProposalPage> {
    Ok(proposals::proposal_page(&state.ledger(), state.today(), limit)?)
}

/// Accepts, skips or snoozes the client's proposal as computed now; returns the letter's or decision's id.
#[tauri::command(async)]
pub fn proposal_decide(state: State<'_, AppState>, client_id: i64, decision: DecisionText) -> CommandResult<i64> {
    let action = decision.read()?;
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

/// Saves the large-amount threshold, the default payment terms and the residual tolerance as typed.
#[tauri::command(async)]
pub fn dunning_options_save(state: State<'_, AppState>, form: DunningOptionsText) -> CommandResult<()> {
    let options = form.read()?;
    Ok(settings::save_dunning_options(
        &mut state.ledger(),
        options.large_amount_threshold,
        options.default_payment_terms_days,
        options.residual_tolerance,
    )?)
}
