//! The « Importer » page: the native open dialog, files dropped on the window, preview with progress,
//! commit, history and undo. Reading, planning and writing happen in the core, off the main thread.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::import::{self, ColumnMapping, ImportRecord, ImportReport, ImportRequest, PlanView, Stage};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::ipc::Channel;
use tauri::State;

/// How many rows and refusals the preview sends to the page.
const PREVIEW_ROWS: usize = 500;

/// Set to a file path, the « Choisir un fichier » button answers with it instead of opening the native
/// dialog, which WebDriver cannot drive (end-to-end tests, scripted demonstrations). Unset in normal use.
const PICK_OVERRIDE: &str = "ARDOISE_IMPORT_PICK";

/// A stage of a long import, for the page's progress bar.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub(crate) percent: u8,
    pub(crate) label: &'static str,
}

/// The page's channel for files dropped on the window; the last page to listen gets them.
#[derive(Default)]
pub struct DropListener(Mutex<Option<Channel<String>>>);

/// Sends the first dropped file to the page, if one listens.
pub fn dropped(listener: &DropListener, paths: &[PathBuf]) {
    let channel = listener.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let (Some(channel), Some(path)) = (channel.as_ref(), paths.first()) {
        // A page that went away simply misses the drop.
        let _ = channel.send(path.display().to_string());
    }
}

/// Opens the native file dialog; None when the user cancels.
#[tauri::command(async)]
pub fn import_pick_file() -> Option<String> {
    if let Some(path) = std::env::var_os(PICK_OVERRIDE) {
        return Some(PathBuf::from(path).display().to_string());
    }
    rfd::FileDialog::new()
        .set_title("Importer des factures")
        .add_filter("Tableurs (CSV, XLSX, XLS, ODS)", &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"])
        .pick_file()
        .map(|path| path.display().to_string())
}

/// Listens for files dropped on the window.
#[tauri::command(async)]
pub fn import_watch_drops(listener: State<'_, DropListener>, on_drop: Channel<String>) {
    *listener.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(on_drop);
}

/// Reads the file and compares it with the ledger: what « Confirmer » would do.
#[tauri::command(async)]
pub fn import_preview(
    state: State<'_, AppState>,
    path: String,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
    on_progress: Channel<Progress>,
) -> CommandResult<PlanView> {
    let (name, bytes) = import::read_file(Path::new(&path))?;
    let request = request(&name, &bytes, sheet.as_deref(), mapping.as_ref(), state.today(), None);
    let ledger = state.ledger();
    Ok(import::preview(&ledger, &request, &mut progress(&on_progress))?.view(PREVIEW_ROWS))
}

/// Imports the file as previewed (refused if it changed since), in one transaction.
#[tauri::command(async)]
pub fn import_commit(
    state: State<'_, AppState>,
    path: String,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
    sha256: String,
    on_progress: Channel<Progress>,
) -> CommandResult<ImportReport> {
    let (name, bytes) = import::read_file(Path::new(&path))?;
    let request = request(&name, &bytes, sheet.as_deref(), mapping.as_ref(), state.today(), Some(&sha256));
    let mut ledger = state.ledger();
    let (plan, record) = import::import_file(&mut ledger, &request, false, &mut progress(&on_progress))?;
    Ok(ImportReport::new(&plan, record))
}

/// Every import, the latest first.
#[tauri::command(async)]
pub fn import_history(state: State<'_, AppState>) -> CommandResult<Vec<ImportRecord>> {
    Ok(import::imports(&state.ledger())?)
}

/// Undoes the last import.
#[tauri::command(async)]
pub fn import_undo(state: State<'_, AppState>) -> CommandResult<ImportRecord> {
    Ok(import::undo_last_import(&mut state.ledger())?)
}

fn request<'a>(
    name: &'a str,
    bytes: &'a [u8],
    sheet: Option<&'a str>,
    mapping: Option<&'a ColumnMapping>,
    today: chrono::NaiveDate,
    expected_sha256: Option<&'a str>,
) -> ImportRequest<'a> {
    ImportRequest { file_name: name, bytes, sheet, mapping, today, expected_sha256 }
}

fn progress(channel: &Channel<Progress>) -> impl FnMut(Stage) + '_ {
    move |stage| {
        let _ = channel.send(Progress { percent: stage.percent(), label: stage.label() });
    }
}
