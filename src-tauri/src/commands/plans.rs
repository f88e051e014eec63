//! Payment plans: draft in one click, change a draft (the core recomputes the schedule each time), read
//! one, list them, record the signed return, export the plan letter with its agreement form through the
//! letters' save dialog (or `ARDOISE_EXPORT_DIR`), and the cash expected month by month.

use crate::commands::letters::export_target;
use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::plans::{self as plan_desk, PlanOptions, PlanView};
use ardoise::domain::plans::MonthCash;
use ardoise::LedgerError;
use tauri::State;

#[tauri::command(async)]
pub fn plan_draft(state: State<'_, AppState>, client_id: i64, options: PlanOptions) -> CommandResult<PlanView> {
    Ok(plan_desk::draft(&mut state.ledger(), client_id, state.today(), &options)?)
}

#[tauri::command(async)]
pub fn plan_update(state: State<'_, AppState>, plan_id: i64, options: PlanOptions) -> CommandResult<PlanView> {
    Ok(plan_desk::update(&mut state.ledger(), plan_id, state.today(), &options)?)
}

#[tauri::command(async)]
pub fn plan_get(state: State<'_, AppState>, plan_id: i64) -> CommandResult<PlanView> {
    Ok(plan_desk::view(&state.ledger(), plan_id, state.today())?)
}

#[tauri::command(async)]
pub fn plan_list(state: State<'_, AppState>) -> CommandResult<Vec<PlanView>> {
    Ok(plan_desk::list(&state.ledger(), None, state.today())?)
}

/// Records the signed agreement on `date` ("2026-11-22" or "22/11/2026"), today when blank.
#[tauri::command(async)]
pub fn plan_sign(state: State<'_, AppState>, plan_id: i64, date: Option<String>) -> CommandResult<PlanView> {
    let on = match date.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => {
            ardoise::domain::calendar::parse_date(text).map_err(|message| LedgerError::invalid("signed_on", message))?
        }
        None => state.today(),
    };
    Ok(plan_desk::sign(&mut state.ledger(), plan_id, on)?)
}

/// Saves the plan letter and agreement form as one PDF; null when the dialog is cancelled.
#[tauri::command(async)]
pub fn plan_export(state: State<'_, AppState>, plan_id: i64) -> CommandResult<Option<String>> {
    let name = format!("{} Proposition d'échéancier n° {plan_id}.pdf", state.today().format("%Y-%m-%d"));
    let Some(target) = export_target(Some(&name)) else { return Ok(None) };
    let path = plan_desk::export(&mut state.ledger(), plan_id, state.today(), &target)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command(async)]
pub fn plan_cash(state: State<'_, AppState>) -> CommandResult<Vec<MonthCash>> {
    Ok(plan_desk::expected_cash(&state.ledger(), state.today())?)
}
