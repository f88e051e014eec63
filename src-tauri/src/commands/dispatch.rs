//! Registered mail and proof (F7): the letters list with each letter's status, deadline and archive
//! integrity, the dispatch form (sending, then delivery), scans attached, the deposit list and the
//! court-ready dossier, and the dated postage price table. Files are chosen with rfd;
//! `ARDOISE_EXPORT_DIR` (a folder to save into) and `ARDOISE_ATTACH_PICK` (a file to attach) answer the
//! native dialogs in end-to-end tests.

use crate::commands::save_target;
use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::deposit::{self, PriceTable};
use ardoise::desk::dispatch::{self, ArchiveRole, DispatchRow, LetterLine};
use ardoise::desk::dossier;
use ardoise::desk::forms::{self, DeliveryText, PriceTableText, SendingText};
use std::path::PathBuf;
use tauri::State;

/// Set to a file path, « Joindre un scan » takes that file instead of opening the native dialog.
const ATTACH_OVERRIDE: &str = "ARDOISE_ATTACH_PICK";

/// Every letter, newest first, with its status, deadline and whether its archived PDF changed.
#[tauri::command(async)]
pub fn dispatch_letters(state: State<'_, AppState>) -> CommandResult<Vec<LetterLine>> {
    Ok(dispatch::letter_lines(&state.ledger(), None)?)
}

/// Records that a letter left, as typed (its PDF is archived in the same unit); `even_if_paid` when the
/// user says it left before its invoices' payment was known (refused with kind `invoices_paid` otherwise).
#[tauri::command(async)]
pub fn dispatch_send(
    state: State<'_, AppState>,
    letter_id: i64,
    form: SendingText,
    even_if_paid: Option<bool>,
) -> CommandResult<DispatchRow> {
    let sending = form.read()?;
    let mut ledger = state.ledger();
    if even_if_paid == Some(true) {
        Ok(dispatch::send_letter_even_if_paid(&mut ledger, letter_id, &sending)?)
    } else {
        Ok(dispatch::send_letter(&mut ledger, letter_id, &sending)?)
    }
}

/// Records what became of a sent letter, as typed.
#[tauri::command(async)]
pub fn dispatch_delivery(state: State<'_, AppState>, letter_id: i64, form: DeliveryText) -> CommandResult<DispatchRow> {
    let delivery = form.read()?;
    Ok(dispatch::record_delivery(&mut state.ledger(), letter_id, delivery)?)
}

/// Attaches a scan picked in the native dialog; None when cancelled.
#[tauri::command(async)]
pub fn dispatch_attach(state: State<'_, AppState>, letter_id: i64, role: String) -> CommandResult<Option<String>> {
    let role = ArchiveRole::from_id(&role).unwrap_or(ArchiveRole::Receipt);
    let Some(source) = pick_scan() else { return Ok(None) };
    Ok(Some(dispatch::attach_scan(&mut state.ledger(), letter_id, role, &source, state.today())?.file_name))
}

/// Saves the deposit list of the day typed (today when blank); the file written, or None when cancelled.
#[tauri::command(async)]
pub fn deposit_list_export(state: State<'_, AppState>, date: String) -> CommandResult<Option<String>> {
    let date = forms::date_or("date", Some(&date), state.today())?;
    let name = format!("Liste de dépôt {}.pdf", date.format("%Y-%m-%d"));
    let Some(path) = save_target(&name, "PDF", "pdf") else { return Ok(None) };
    deposit::export_deposit_list(&state.ledger(), date, &path)?;
    Ok(Some(path.display().to_string()))
}

/// Writes a client's dossier into a chosen folder; the dossier's folder, or None when cancelled.
#[tauri::command(async)]
pub fn dossier_export(state: State<'_, AppState>, client_id: i64) -> CommandResult<Option<String>> {
    let Some(out) = folder_target() else { return Ok(None) };
    Ok(Some(dossier::build(&state.ledger(), client_id, state.today(), &out)?.folder.display().to_string()))
}

fn pick_scan() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(ATTACH_OVERRIDE) {
        return Some(PathBuf::from(path));
    }
    rfd::FileDialog::new()
        .set_title("Joindre un scan")
        .add_filter("Scans (PDF, images)", &["pdf", "png", "jpg", "jpeg"])
        .pick_file()
}

fn folder_target() -> Option<PathBuf> {
    if let Some(folder) = std::env::var_os("ARDOISE_EXPORT_DIR") {
        return Some(PathBuf::from(folder));
    }
    rfd::FileDialog::new().set_title("Dossier où écrire le dossier du client").pick_folder()
}

/// The dated price table of registered letters.
#[tauri::command(async)]
pub fn postage_prices_get(state: State<'_, AppState>) -> CommandResult<PriceTable> {
    Ok(deposit::price_table(&state.ledger())?)
}

/// Saves the price table as typed (checked whole); returns it as saved.
#[tauri::command(async)]
pub fn postage_prices_save(state: State<'_, AppState>, form: PriceTableText) -> CommandResult<PriceTable> {
    let table = form.read()?;
    let mut ledger = state.ledger();
    deposit::save_price_table(&mut ledger, &table)?;
    Ok(deposit::price_table(&ledger)?)
}
