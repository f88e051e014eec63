//! The « Banque » page: the native open dialog (files dropped on the window reach the page through the
//! import page's drop channel), the preview of a statement with every credit matched, a credit's split as
//! the user types it, the confirmation of the decisions, the history and the undo. Reading, matching and
//! writing happen in the core, off the main thread.

use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::bank::{self, BankImportRecord, BankMapping, BankPreview, BankReport, BankRequest, CreditSplitView};
use ardoise::desk::forms::{self, BankDecisionText, CreditSplitText};
use std::path::{Path, PathBuf};
use tauri::State;

/// Set to a file path, the page's « Choisir un relevé… » answers with it instead of opening the native
/// dialog, which WebDriver cannot drive (end-to-end tests, scripted demonstrations). Unset in normal use.
const PICK_OVERRIDE: &str = "ARDOISE_BANK_PICK";

/// Opens the native file dialog on bank statements; None when the user cancels.
#[tauri::command(async)]
pub fn bank_pick_file() -> Option<String> {
    if let Some(path) = std::env::var_os(PICK_OVERRIDE) {
        return Some(PathBuf::from(path).display().to_string());
    }
    rfd::FileDialog::new()
        .set_title("Importer un relevé bancaire")
        .add_filter(
            "Relevés bancaires (CSV, OFX, CFONB 120, CAMT.053)",
            &["csv", "txt", "ofx", "qfx", "xml", "cfonb", "dat"],
        )
        .add_filter("Tous les fichiers", &["*"])
        .pick_file()
        .map(|path| path.display().to_string())
}

/// Reads the statement and matches its credits: what « Confirmer » would record.
#[tauri::command(async)]
pub fn bank_preview(
    state: State<'_, AppState>,
    path: String,
    mapping: Option<BankMapping>,
) -> CommandResult<BankPreview> {
    let (name, bytes) = bank::read_file(Path::new(&path))?;
    let request = BankRequest {
        file_name: &name,
        bytes: &bytes,
        mapping: mapping.as_ref(),
        today: state.today(),
        expected_sha256: None,
    };
    Ok(bank::preview(&state.ledger(), &request)?)
}

/// A credit's split as typed: the invoices found, what each owes, what is left.
#[tauri::command(async)]
pub fn bank_split(state: State<'_, AppState>, form: CreditSplitText) -> CommandResult<CreditSplitView> {
    Ok(form.view(&state.ledger(), state.today())?)
}

/// Records the credits as decided, in one unit; refused if the file changed since the preview.
#[tauri::command(async)]
pub fn bank_confirm(
    state: State<'_, AppState>,
    path: String,
    mapping: Option<BankMapping>,
    sha256: String,
    decisions: Vec<BankDecisionText>,
) -> CommandResult<BankReport> {
    let decisions = forms::bank_decisions(&decisions)?;
    let (name, bytes) = bank::read_file(Path::new(&path))?;
    let request = BankRequest {
        file_name: &name,
        bytes: &bytes,
        mapping: mapping.as_ref(),
        today: state.today(),
        expected_sha256: Some(&sha256),
    };
    Ok(bank::confirm(&mut state.ledger(), &request, &decisions)?)
}

/// Every statement imported, the latest first.
#[tauri::command(async)]
pub fn bank_history(state: State<'_, AppState>) -> CommandResult<Vec<BankImportRecord>> {
    Ok(bank::history(&state.ledger())?)
}

/// Undoes the last statement import.
#[tauri::command(async)]
pub fn bank_undo(state: State<'_, AppState>) -> CommandResult<BankImportRecord> {
    Ok(bank::undo_last(&mut state.ledger())?)
}
