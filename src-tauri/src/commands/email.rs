//! Letters by e-mail (F12): the settings section (the password to the keychain, or kept for the session
//! when none answers), « Tester », a letter's e-mail shown, edited and sent, switched to paper, and the
//! e-mail letters waiting sent at once with progress; without SMTP, the e-mail handed to the user's own
//! mail program as a draft `.eml`, and recorded sent once the user says it left. The session's `Mailer` lives in `AppState`.

use crate::commands::letters::{export_target, BatchProgress};
use crate::error::CommandResult;
use crate::state::AppState;
use ardoise::desk::email::{self, BatchLine, EmailSettingsView, Handover, LetterEmail, SmtpSettingsText};
use ardoise::desk::letters::ExportTarget;
use chrono::{DateTime, FixedOffset};
use tauri::ipc::Channel;
use tauri::State;

/// The settings section: the settings, the providers, where the password stands.
#[tauri::command(async)]
pub fn email_settings_get(state: State<'_, AppState>) -> CommandResult<EmailSettingsView> {
    Ok(email::settings_view(&state.ledger(), &mut state.mailer())?)
}

/// Saves the settings as typed; a password typed (not empty) goes to the keychain or this session.
#[tauri::command(async)]
pub fn email_settings_save(
    state: State<'_, AppState>,
    form: SmtpSettingsText,
    password: String,
) -> CommandResult<EmailSettingsView> {
    let mut ledger = state.ledger();
    let mut mailer = state.mailer();
    email::save_settings(&mut ledger, &mut mailer, &form, Some(&password))?;
    Ok(email::settings_view(&ledger, &mut mailer)?)
}

/// Sends the test e-mail to the sender's own address; the server's answer, in French.
#[tauri::command(async)]
pub fn email_test(state: State<'_, AppState>) -> CommandResult<String> {
    Ok(email::send_test(&state.ledger(), &mut state.mailer(), state.moment())?.message)
}

/// A letter's e-mail as it would leave, or its proof once it left.
#[tauri::command(async)]
pub fn letter_email_get(state: State<'_, AppState>, letter_id: i64) -> CommandResult<LetterEmail> {
    Ok(email::letter_email(&state.ledger(), letter_id, state.today())?)
}

/// Keeps the subject and body as typed (blank: back to the template's).
#[tauri::command(async)]
pub fn letter_email_save(
    state: State<'_, AppState>,
    letter_id: i64,
    subject: String,
    body: String,
) -> CommandResult<LetterEmail> {
    Ok(email::save_letter_email(&mut state.ledger(), letter_id, &subject, &body, state.today())?)
}

/// Sends a letter's e-mail; the e-mail with its proof.
#[tauri::command(async)]
pub fn letter_email_send(state: State<'_, AppState>, letter_id: i64) -> CommandResult<LetterEmail> {
    let mut ledger = state.ledger();
    email::send_letter_email(&mut ledger, &mut state.mailer(), letter_id, state.moment())?;
    Ok(email::letter_email(&ledger, letter_id, state.today())?)
}

/// Switches a letter waiting to paper (simple post).
#[tauri::command(async)]
pub fn letter_to_paper(state: State<'_, AppState>, letter_id: i64) -> CommandResult<LetterEmail> {
    let mut ledger = state.ledger();
    email::switch_to_paper(&mut ledger, letter_id)?;
    Ok(email::letter_email(&ledger, letter_id, state.today())?)
}

/// Sends every e-mail letter waiting, reporting progress; one line per letter, sent or why not.
#[tauri::command(async)]
pub fn email_batch_send(state: State<'_, AppState>, progress: Channel<BatchProgress>) -> CommandResult<Vec<BatchLine>> {
    let report = |done, total| {
        let _ = progress.send(BatchProgress { done, total });
    };
    Ok(email::send_batch(&mut state.ledger(), &mut state.mailer(), state.today(), state.moment(), report)?)
}

/// « Ouvrir dans ma messagerie »: writes the e-mail as a draft `.eml` (PDF attached) into a folder the
/// user picks (`ARDOISE_EXPORT_DIR` in tests), for their own mail program; None when cancelled.
#[tauri::command(async)]
pub fn letter_email_handover(state: State<'_, AppState>, letter_id: i64) -> CommandResult<Option<Handover>> {
    let scripted = std::env::var_os("ARDOISE_EXPORT_DIR").is_some();
    let Some(ExportTarget::Folder(folder)) = export_target(None) else { return Ok(None) };
    let handed = email::hand_to_mail_program(&state.ledger(), letter_id, state.moment(), &folder)?;
    // The draft opens in the program the system gives `.eml` files (the user's mail program), ready to
    // send; when none answers, the page still shows where the file is. Tests and scripts
    // (`ARDOISE_EXPORT_DIR`) open nothing.
    if !scripted {
        let _ = open::that_detached(&handed.eml_path);
    }
    Ok(Some(handed))
}

/// The user says the e-mail handed over at `handed_at` left today: the letter is recorded sent.
#[tauri::command(async)]
pub fn letter_email_confirm(
    state: State<'_, AppState>,
    letter_id: i64,
    handed_at: DateTime<FixedOffset>,
) -> CommandResult<LetterEmail> {
    let mut ledger = state.ledger();
    email::confirm_handed(&mut ledger, letter_id, handed_at, state.today())?;
    Ok(email::letter_email(&ledger, letter_id, state.today())?)
}
