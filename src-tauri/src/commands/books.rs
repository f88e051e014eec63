//! The books kept every month (F13): the livre des recettes of a period on screen and saved as PDF, CSV
//! or XLSX, the accountant's export of a period (a workbook, or a ZIP of CSV files), and a client's
//! statement of account on a date saved as its letter's PDF, and the nature of the invoices that say
//! none. Saves go through the native dialog, or into
//! the folder of `ARDOISE_EXPORT_DIR` when set (the end-to-end tests cannot drive a dialog).

use crate::commands::letters::export_target;
use crate::commands::save_target;
use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::books::{self, AccountantFormat, BookFormat, Nature, ReceiptsBook};
use ardoise::desk::forms::{self, PeriodText};
use tauri::State;

/// The livre des recettes of the period chosen, as the page shows it.
#[tauri::command(async)]
pub fn receipts_book(state: State<'_, AppState>, period: PeriodText) -> CommandResult<ReceiptsBook> {
    let period = period.read(state.today())?;
    Ok(books::receipts(&state.ledger(), period)?)
}

/// Saves the livre des recettes of the period chosen as `format`, printed today; the file written, or
/// None when the dialog is cancelled.
#[tauri::command(async)]
pub fn receipts_export(
    state: State<'_, AppState>,
    period: PeriodText,
    format: BookFormat,
) -> CommandResult<Option<String>> {
    let period = period.read(state.today())?;
    let name = books::receipts_file_name(period, format);
    let (filter, extension) = match format {
        BookFormat::Pdf => ("PDF", "pdf"),
        BookFormat::Csv => ("CSV (tableur)", "csv"),
        BookFormat::Xlsx => ("Classeur Excel", "xlsx"),
    };
    let Some(path) = save_target(&name, filter, extension) else { return Ok(None) };
    books::export_receipts(&state.ledger(), period, format, &path, state.today())?;
    Ok(Some(path.display().to_string()))
}

/// Saves the accountant's export of the period chosen as `format`; the file written, or None when the
/// dialog is cancelled.
#[tauri::command(async)]
pub fn accountant_export(
    state: State<'_, AppState>,
    period: PeriodText,
    format: AccountantFormat,
) -> CommandResult<Option<String>> {
    let period = period.read(state.today())?;
    let name = books::accountant_file_name(period, format);
    let (filter, extension) = match format {
        AccountantFormat::Xlsx => ("Classeur Excel", "xlsx"),
        AccountantFormat::CsvZip => ("Archive ZIP de fichiers CSV", "zip"),
    };
    let Some(path) = save_target(&name, filter, extension) else { return Ok(None) };
    books::export_accountant(&state.ledger(), period, format, &path, state.today())?;
    Ok(Some(path.display().to_string()))
}

/// Saves a client's statement of account on the day typed (today when blank) as its letter's PDF; the
/// file written, or None when the dialog is cancelled.
#[tauri::command(async)]
pub fn statement_export(state: State<'_, AppState>, client_id: i64, date: String) -> CommandResult<Option<String>> {
    let as_of = forms::date_or("date", Some(&date), state.today())?;
    let file_name = books::statement_letter(&state.ledger(), client_id, as_of)?.file_name;
    let Some(target) = export_target(Some(&file_name)) else { return Ok(None) };
    let (_, path) = books::export_statement(&state.ledger(), client_id, as_of, &target)?;
    Ok(Some(path.display().to_string()))
}

/// The nature of the invoices whose own and whose client's say none.
#[tauri::command(async)]
pub fn nature_default_get(state: State<'_, AppState>) -> CommandResult<Nature> {
    Ok(books::default_nature(&state.ledger())?)
}

/// Saves the nature of the invoices that say none; returns it as saved.
#[tauri::command(async)]
pub fn nature_default_save(state: State<'_, AppState>, nature: Nature) -> CommandResult<Nature> {
    let mut ledger = state.ledger();
    books::save_default_nature(&mut ledger, nature)?;
    Ok(books::default_nature(&ledger)?)
}
