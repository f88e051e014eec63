//! Letters: the catalogue, the invoices a new letter may be about, a letter drafted from a client about
//! the invoices picked, its preview, edited body, state and cancellation, the PDF export through the
//! native save dialog, the batch of every letter waiting with a progress channel, template copies and the
//! envelope offsets. `ARDOISE_EXPORT_DIR`, when set, saves into that folder without a dialog (the
//! end-to-end tests cannot drive a native dialog).

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::forms::EnvelopeText;
use ardoise::desk::letters::{
    self as desk, BatchExport, ExportTarget, InvoiceChoice, KindEntry, Letter, LetterState, PrintOptions, TemplateEntry,
};
use serde::Serialize;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::State;

#[tauri::command(async)]
pub fn letter_kinds() -> Vec<KindEntry> {
    desk::kinds()
}

/// Drafts a letter of `kind` to a client today about the invoices picked; returns its id.
#[tauri::command(async)]
pub fn letter_draft(
    state: State<'_, AppState>,
    client_id: i64,
    kind: String,
    invoice_ids: Vec<i64>,
) -> CommandResult<i64> {
    let kind = desk::kind_of(&kind)?;
    Ok(desk::draft_for_client(&mut state.ledger(), client_id, kind, state.today(), &invoice_ids)?)
}

/// The client's invoices a letter of `kind` may be about today, the kind's usual ones preselected.
#[tauri::command(async)]
pub fn letter_choices(state: State<'_, AppState>, client_id: i64, kind: String) -> CommandResult<Vec<InvoiceChoice>> {
    let kind = desk::kind_of(&kind)?;
    Ok(desk::draft_choices(&state.ledger(), client_id, kind, state.today())?)
}

/// Where a letter stands in its life: printed, edited since, sent, cancelled and why.
#[tauri::command(async)]
pub fn letter_state(state: State<'_, AppState>, letter_id: i64) -> CommandResult<LetterState> {
    Ok(desk::letter_state(&state.ledger(), letter_id)?)
}

/// Cancels a drafted or printed letter today with the user's reason.
#[tauri::command(async)]
pub fn letter_cancel(state: State<'_, AppState>, letter_id: i64, reason: String) -> CommandResult<LetterState> {
    let mut ledger = state.ledger();
    desk::cancel(&mut ledger, letter_id, state.today(), &reason)?;
    Ok(desk::letter_state(&ledger, letter_id)?)
}

#[tauri::command(async)]
pub fn letter_preview(state: State<'_, AppState>, letter_id: i64) -> CommandResult<Letter> {
    Ok(desk::stored_letter(&state.ledger(), letter_id, state.today())?)
}

/// Keeps the edited body with the letter; returns the letter as it now reads.
#[tauri::command(async)]
pub fn letter_save_body(state: State<'_, AppState>, letter_id: i64, body: String) -> CommandResult<Letter> {
    Ok(desk::save_body(&mut state.ledger(), letter_id, &body, state.today())?)
}

/// Saves the letter's PDF where the user chooses (the name pre-filled); null when the dialog is cancelled.
#[tauri::command(async)]
pub fn letter_export(state: State<'_, AppState>, letter_id: i64) -> CommandResult<Option<String>> {
    let file_name = desk::stored_letter(&state.ledger(), letter_id, state.today())?.file_name;
    let Some(target) = export_target(Some(&file_name)) else { return Ok(None) };
    let path = desk::export_letter(&mut state.ledger(), letter_id, state.today(), &target)?;
    Ok(Some(path.display().to_string()))
}

/// One letter of today's batch.
#[derive(Debug, Serialize)]
pub struct BatchLetter {
    pub id: i64,
    pub letter: Letter,
}

/// Every letter waiting to be printed (drafted on any day, or edited since printed), composed today.
#[tauri::command(async)]
pub fn letter_batch(state: State<'_, AppState>) -> CommandResult<Vec<BatchLetter>> {
    let letters = desk::batch(&state.ledger(), state.today())?;
    Ok(letters.into_iter().map(|(id, letter)| BatchLetter { id, letter }).collect())
}

/// Progress of a batch export: letters done out of the total.
#[derive(Debug, Clone, Serialize)]
pub struct BatchProgress {
    pub done: usize,
    pub total: usize,
}

/// Exports the letters waiting into a folder the user picks, as one PDF (`single`) or one file per
/// letter, each letter followed by the invoices' documents it encloses when `with_documents` is set
/// (absent: not), reporting progress: the letters that can be printed are, each one that cannot stays
/// waiting and is listed with its reason; null when the dialog is cancelled.
#[tauri::command(async)]
pub fn letter_batch_export(
    state: State<'_, AppState>,
    single: bool,
    with_documents: Option<bool>,
    progress: Channel<BatchProgress>,
) -> CommandResult<Option<BatchExport>> {
    let Some(ExportTarget::Folder(folder)) = export_target(None) else { return Ok(None) };
    let report = |done, total| {
        let _ = progress.send(BatchProgress { done, total });
    };
    let done = desk::export_printable(
        &mut state.ledger(),
        state.today(),
        &folder,
        single,
        with_documents.unwrap_or(false),
        report,
    )?;
    Ok(Some(done))
}

#[tauri::command(async)]
pub fn template_list(state: State<'_, AppState>) -> CommandResult<Vec<TemplateEntry>> {
    Ok(desk::templates(&state.ledger())?)
}

/// Stores the user's copy of a template; a broken one is refused with its line.
#[tauri::command(async)]
pub fn template_save(state: State<'_, AppState>, name: String, source: String) -> CommandResult<Vec<TemplateEntry>> {
    let mut ledger = state.ledger();
    desk::save_template(&mut ledger, &name, &source)?;
    Ok(desk::templates(&ledger)?)
}

#[tauri::command(async)]
pub fn template_restore(state: State<'_, AppState>, name: String) -> CommandResult<Vec<TemplateEntry>> {
    let mut ledger = state.ledger();
    desk::restore_template(&mut ledger, &name)?;
    Ok(desk::templates(&ledger)?)
}

#[tauri::command(async)]
pub fn envelope_get(state: State<'_, AppState>) -> CommandResult<PrintOptions> {
    Ok(desk::print_options(&state.ledger())?)
}

/// Saves the envelope offsets as typed (millimetres); returns them as saved.
#[tauri::command(async)]
pub fn envelope_save(state: State<'_, AppState>, form: EnvelopeText) -> CommandResult<PrintOptions> {
    let options = form.read()?;
    let mut ledger = state.ledger();
    desk::save_print_options(&mut ledger, &options)?;
    Ok(desk::print_options(&ledger)?)
}

/// Saves the calibration page (with the current offsets); null when the dialog is cancelled.
#[tauri::command(async)]
pub fn calibration_export(state: State<'_, AppState>) -> CommandResult<Option<String>> {
    let name = "Calibrage des enveloppes.pdf";
    let path = match export_target(Some(name)) {
        None => return Ok(None),
        Some(ExportTarget::File(path)) => path,
        Some(ExportTarget::Folder(folder)) => folder.join(name),
    };
    desk::export_calibration(&state.ledger(), &path)?;
    Ok(Some(path.display().to_string()))
}

/// Where to save: the test folder of `ARDOISE_EXPORT_DIR`, else the native dialog (a file named
/// `file_name`, or a folder when none is given); `None` when the user cancels.
pub(crate) fn export_target(file_name: Option<&str>) -> Option<ExportTarget> {
    if let Some(folder) = std::env::var_os("ARDOISE_EXPORT_DIR") {
        return Some(ExportTarget::Folder(PathBuf::from(folder)));
    }
    let dialog = rfd::FileDialog::new().set_directory(dirs_documents());
    match file_name {
        Some(name) => dialog.add_filter("PDF", &["pdf"]).set_file_name(name).save_file().map(ExportTarget::File),
        None => dialog.set_title("Dossier des courriers").pick_folder().map(ExportTarget::Folder),
    }
}

fn dirs_documents() -> PathBuf {
    std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join("Documents"))
        .filter(|p| p.is_dir())
        .unwrap_or_default()
}
