//! The ledger as a whole: where it is, the first-start choice, and the start-up probe.

use crate::error::CommandResult;
use crate::state::{AppState, StartupClock};
use ardoise::desk::ledger_file;
use serde::Serialize;
use tauri::State;

/// What the window needs to know before showing anything.
#[derive(Debug, Serialize)]
pub struct AppStatus {
    pub ledger_path: String,
    /// True on a first start: the window offers an empty ledger or the demo.
    pub needs_choice: bool,
    pub today: chrono::NaiveDate,
}

#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>, clock: State<'_, StartupClock>) -> CommandResult<AppStatus> {
    if std::env::var_os("ARDOISE_STARTUP_PROBE").is_some() {
        println!("ARDOISE_FIRST_COMMAND ms={}", clock.0.elapsed().as_millis());
    }
    let first_start = ledger_file::first_start(&state.ledger())?;
    Ok(AppStatus {
        ledger_path: state.path.display().to_string(),
        needs_choice: first_start.needs_choice,
        today: state.today(),
    })
}

/// The first-start choice: "demo" fills the ledger with the demonstration data, "empty" keeps it empty.
#[tauri::command(async)]
pub fn start_ledger(state: State<'_, AppState>, choice: String) -> CommandResult<()> {
    Ok(ledger_file::choose_first_start(&mut state.ledger(), &choice, state.today())?)
}

/// Called by the window once its first screen is drawn with its data, with its own timing marks (ms
/// since navigation started). With `ARDOISE_STARTUP_PROBE=1` the shell prints the time since the process
/// started and the marks, for `scripts/bench-startup`.
#[tauri::command(async)]
pub fn ui_ready(clock: State<'_, StartupClock>, marks: Option<serde_json::Map<String, serde_json::Value>>) {
    if std::env::var_os("ARDOISE_STARTUP_PROBE").is_some() {
        let marks: Vec<String> = marks.unwrap_or_default().iter().map(|(k, v)| format!("{k}={v}")).collect();
        println!(
            "ARDOISE_READY ms={} pid={} ui:{}",
            clock.0.elapsed().as_millis(),
            std::process::id(),
            marks.join(",")
        );
    }
}
