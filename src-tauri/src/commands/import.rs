//! The « Importer » page: the native open dialogs (files, or a folder), files and folders dropped on the
//! window, preview with progress, commit, history and undo. Reading, planning and writing happen in the
//! core, off the main thread: one file is a spreadsheet or an e-invoice, several files or a folder are one
//! batch of e-invoices.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::import::{self, ColumnMapping, ImportOptions, ImportRecord, ImportReport, PlanView, Stage};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::ipc::Channel;
use tauri::State;

/// How many rows and refusals the preview sends to the page.
const PREVIEW_ROWS: usize = 500;

/// Set to a path (a file or a folder), « Choisir des fichiers… » and « Choisir un dossier… » answer with
/// it instead of opening the native dialog, which WebDriver cannot drive (end-to-end tests, scripted
/// demonstrations). Unset in normal use.
const PICK_OVERRIDE: &str = "ARDOISE_IMPORT_PICK";

/// A stage of a long import, for the page's progress bar.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub percent: u8,
    pub label: &'static str,
}

/// Files dropped on the window, and where (in the page's CSS pixels), so that a drop on an invoice can
/// give it its document and any other drop opens the import.
#[derive(Debug, Clone, Serialize)]
pub struct Dropped {
    pub paths: Vec<String>,
    pub x: f64,
    pub y: f64,
}

/// The page's channel for files dropped on the window; the last page to listen gets them.
#[derive(Default)]
pub struct DropListener(Mutex<Option<Channel<Dropped>>>);

/// Sends the dropped files to the page, if one listens.
pub fn dropped(listener: &DropListener, paths: &[PathBuf], x: f64, y: f64) {
    let channel = listener.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let (Some(channel), false) = (channel.as_ref(), paths.is_empty()) {
        let paths = paths.iter().map(|path| path.display().to_string()).collect();
        // A page that went away simply misses the drop.
        let _ = channel.send(Dropped { paths, x, y });
    }
}

/// Opens the native dialog for one or several files; None when the user cancels.
#[tauri::command(async)]
pub fn import_pick_file() -> Option<Vec<String>> {
    if let Some(path) = std::env::var_os(PICK_OVERRIDE) {
        return Some(vec![PathBuf::from(path).display().to_string()]);
    }
    rfd::FileDialog::new()
        .set_title("Importer des factures")
        .add_filter(
            "Tableurs et factures électroniques (CSV, XLSX, XLS, ODS, PDF Factur-X, XML)",
            &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods", "pdf", "xml"],
        )
        .pick_files()
        .map(|paths| paths.iter().map(|path| path.display().to_string()).collect())
}

/// Opens the native dialog for a folder of e-invoices; None when the user cancels.
#[tauri::command(async)]
pub fn import_pick_folder() -> Option<String> {
    if let Some(path) = std::env::var_os(PICK_OVERRIDE) {
        return Some(PathBuf::from(path).display().to_string());
    }
    rfd::FileDialog::new()
        .set_title("Importer un dossier de factures électroniques")
        .pick_folder()
        .map(|path| path.display().to_string())
}

/// Listens for files dropped on the window.
#[tauri::command(async)]
pub fn import_watch_drops(listener: State<'_, DropListener>, on_drop: Channel<Dropped>) {
    *listener.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(on_drop);
}

/// Reads the files and compares them with the ledger: what « Confirmer » would do. The payments the
/// files do not date take `payment_date` as typed in the preview (today when blank).
#[tauri::command(async)]
pub fn import_preview(
    state: State<'_, AppState>,
    paths: Vec<String>,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
    payment_date: Option<String>,
    on_progress: Channel<Progress>,
) -> CommandResult<PlanView> {
    let sources = import::read_sources(&paths.iter().map(PathBuf::from).collect::<Vec<_>>())?;
    let options = ImportOptions {
        sheet: sheet.as_deref(),
        mapping: mapping.as_ref(),
        today: import::payment_date(payment_date.as_deref(), state.today())?,
        expected_sha256: None,
    };
    let ledger = state.ledger();
    Ok(sources.preview(&ledger, &options, &mut progress(&on_progress))?.view(PREVIEW_ROWS))
}

/// Imports the files as previewed (refused if they changed since), in one transaction.
#[tauri::command(async)]
pub fn import_commit(
    state: State<'_, AppState>,
    paths: Vec<String>,
    sheet: Option<String>,
    mapping: Option<ColumnMapping>,
    sha256: String,
    payment_date: Option<String>,
    on_progress: Channel<Progress>,
) -> CommandResult<ImportReport> {
    let sources = import::read_sources(&paths.iter().map(PathBuf::from).collect::<Vec<_>>())?;
    let options = ImportOptions {
        sheet: sheet.as_deref(),
        mapping: mapping.as_ref(),
        today: import::payment_date(payment_date.as_deref(), state.today())?,
        expected_sha256: Some(&sha256),
    };
    let mut ledger = state.ledger();
    let (plan, record) = sources.import(&mut ledger, &options, false, &mut progress(&on_progress))?;
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

fn progress(channel: &Channel<Progress>) -> impl FnMut(Stage) + '_ {
    move |stage| {
        let _ = channel.send(Progress { percent: stage.percent(), label: stage.label() });
    }
}
