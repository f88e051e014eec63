//! Payment plans: draft in one click, change a draft (the core recomputes the schedule each time), read
//! one, list them, record the signed return, export the plan letter with its agreement form through the
//! letters' save dialog (or `ARDOISE_EXPORT_DIR`), and the cash expected month by month.

use crate::commands::letters::export_target;
use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::forms::{self, PlanText};
use ardoise::desk::plans::{self, MonthCash, PlanOptions, PlanView};
use tauri::State;

/// Drafts a plan over the client's overdue invoices with the default terms.
#[tauri::command(async)]
pub fn plan_draft(state: State<'_, AppState>, client_id: i64) -> CommandResult<PlanView> {
    Ok(plans::draft(&mut state.ledger(), client_id, state.today(), &PlanOptions::default())?)
}

/// Changes a draft's terms as typed; the core recomputes the schedule.
#[tauri::command(async)]
pub fn plan_update(state: State<'_, AppState>, plan_id: i64, form: PlanText) -> CommandResult<PlanView> {
    let options = form.read()?;
    Ok(plans::update(&mut state.ledger(), plan_id, state.today(), &options)?)
}

#[tauri::command(async)]
pub fn plan_get(state: State<'_, AppState>, plan_id: i64) -> CommandResult<PlanView> {
    Ok(plans::view(&state.ledger(), plan_id, state.today())?)
}

#[tauri::command(async)]
pub fn plan_list(state: State<'_, AppState>) -> CommandResult<Vec<PlanView>> {
    Ok(plans::list(&state.ledger(), None, state.today())?)
}

/// Records the signed return on the date typed (today when blank).
#[tauri::command(async)]
pub fn plan_sign(state: State<'_, AppState>, plan_id: i64, date: Option<String>) -> CommandResult<PlanView> {
    let on = forms::date_or("signed_on", date.as_deref(), state.today())?;
    Ok(plans::sign(&mut state.ledger(), plan_id, on)?)
}

#[tauri::command(async)]
pub fn plan_export(state: State<'_, AppState>, plan_id: i64) -> CommandResult<Option<String>> {
    let name = format!("{} Proposition d'échéancier n° {plan_id}.pdf", state.today().format("%Y-%m-%d"));
    let Some(target) = export_target(Some(&name)) else { return Ok(None) };
    let path = plans::export(&mut state.ledger(), plan_id, state.today(), &target)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command(async)]
pub fn plan_cash(state: State<'_, AppState>) -> CommandResult<Vec<MonthCash>> {
    Ok(plans::expected_cash(&state.ledger(), state.today())?)
}
