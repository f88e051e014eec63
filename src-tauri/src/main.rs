//! Ardoise's desktop shell: opens the user's ledger, serves `ui/` in one window and answers the window's
//! commands by calling the core. Only this crate knows Tauri.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod api_check;
mod commands;
mod error;
mod state;

use state::AppState;
use tauri::Manager;

fn main() {
    let started = std::time::Instant::now();
    let state = match AppState::open_default() {
        Ok(state) => state,
        Err(message) => {
            eprintln!("Ardoise ne peut pas démarrer : {message}");
            std::process::exit(1);
        }
    };
    let probe = std::env::var_os("ARDOISE_STARTUP_PROBE").is_some();
    tauri::Builder::default()
        .on_page_load(move |_window, payload| {
            if probe {
                // Committed: the page's first bytes are in and WebKit starts on it (the empty window's
                // `EMPTY_COMMITTED`); what comes before is the same for both programs.
                let event = match payload.event() {
                    tauri::webview::PageLoadEvent::Started => "COMMITTED",
                    tauri::webview::PageLoadEvent::Finished => "LOADED",
                };
                println!("ARDOISE_PAGE_{event} ms={}", started.elapsed().as_millis());
            }
        })
        .manage(state)
        .manage(commands::import::DropListener::default())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, position }) = event {
                // The page places the drop in CSS pixels.
                let at = position.to_logical::<f64>(window.scale_factor().unwrap_or(1.0));
                commands::import::dropped(&window.state::<commands::import::DropListener>(), paths, at.x, at.y);
            }
        })
        .manage(state::StartupClock(started))
        .setup(|app| {
            warm_up(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::ledger::app_status,
            commands::ledger::start_ledger,
            commands::ledger::ui_ready,
            commands::labels::labels,
            commands::dashboard::dashboard,
            commands::dashboard::prescription_watch,
            commands::clients::client_list,
            commands::clients::late_clients,
            commands::clients::client_detail,
            commands::clients::client_save,
            commands::clients::claim_statement_confirm,
            commands::invoices::invoice_save,
            commands::invoices::invoice_delete,
            commands::invoices::invoice_write_off,
            commands::invoices::invoice_document_pick,
            commands::invoices::invoice_document_attach,
            commands::invoices::invoice_document_remove,
            commands::payments::payment_split,
            commands::payments::payment_record,
            commands::payments::payment_reject,
            commands::payments::payment_delete,
            commands::events::event_add,
            commands::events::event_close,
            commands::profile::profile_get,
            commands::profile::profile_save,
            commands::profile::profile_images_get,
            commands::profile::profile_image_pick,
            commands::profile::profile_image_remove,
            commands::backups::backup_list,
            commands::backups::backup_create,
            commands::backups::backup_restore,
            commands::dunning::proposal_page,
            commands::dunning::proposal_decide,
            commands::dunning::dunning_settings,
            commands::dunning::ladder_save,
            commands::dunning::ladder_reset,
            commands::dunning::dunning_options_save,
            commands::penalties::penalties_get,
            commands::penalties::rates_get,
            commands::penalties::rates_save,
            commands::import::import_pick_file,
            commands::import::import_pick_folder,
            commands::import::import_watch_drops,
            commands::import::import_preview,
            commands::import::import_commit,
            commands::import::import_history,
            commands::import::import_undo,
            commands::bank::bank_pick_file,
            commands::bank::bank_preview,
            commands::bank::bank_split,
            commands::bank::bank_confirm,
            commands::bank::bank_history,
            commands::bank::bank_undo,
            commands::letters::letter_kinds,
            commands::letters::letter_choices,
            commands::letters::letter_draft,
            commands::letters::letter_preview,
            commands::letters::letter_state,
            commands::letters::letter_cancel,
            commands::letters::letter_save_body,
            commands::letters::letter_export,
            commands::letters::letter_batch,
            commands::letters::letter_batch_export,
            commands::letters::template_list,
            commands::letters::template_save,
            commands::letters::template_restore,
            commands::letters::envelope_get,
            commands::letters::envelope_save,
            commands::letters::calibration_export,
            commands::plans::plan_draft,
            commands::plans::plan_update,
            commands::plans::plan_get,
            commands::plans::plan_list,
            commands::plans::plan_sign,
            commands::plans::plan_export,
            commands::plans::plan_abandon,
            commands::plans::plan_cash,
            commands::dispatch::dispatch_letters,
            commands::dispatch::dispatch_send,
            commands::dispatch::dispatch_delivery,
            commands::dispatch::dispatch_attach,
            commands::dispatch::deposit_list_export,
            commands::dispatch::dossier_export,
            commands::dispatch::postage_prices_get,
            commands::dispatch::postage_prices_save,
            commands::books::receipts_book,
            commands::books::receipts_export,
            commands::books::accountant_export,
            commands::books::statement_export,
            commands::books::nature_default_get,
            commands::books::nature_default_save,
            commands::email::email_settings_get,
            commands::email::email_settings_save,
            commands::email::email_test,
            commands::email::letter_email_get,
            commands::email::letter_email_save,
            commands::email::letter_email_send,
            commands::email::letter_to_paper,
            commands::email::email_batch_send,
            commands::email::letter_email_handover,
            commands::email::letter_email_confirm,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("Ardoise s'est arrêtée : {error}");
            std::process::exit(1);
        });
}

/// Computes the first screens' figures on a thread of their own while WebKit starts (`desk::WARM_UP`): the
/// window then finds them remembered. One figure per lock, so a command the window sends meanwhile waits
/// for one figure at most; a figure that fails is left for the window, which reports it.
fn warm_up(handle: tauri::AppHandle) {
    std::thread::spawn(move || {
        let state = handle.state::<AppState>();
        let today = state.today();
        for step in ardoise::desk::WARM_UP {
            let ledger = state.ledger();
            let _ = step(&ledger, today);
        }
    });
}
