//! Declares the app's own commands so that each must be granted by name in `capabilities/`.

/// Every command the window may call; `tests/security.rs` checks this list against the capability file.
const COMMANDS: &[&str] = &[
    "app_status",
    "start_ledger",
    "ui_ready",
    "dashboard",
    "client_list",
    "client_detail",
    "client_save",
    "invoice_save",
    "invoice_delete",
    "payment_suggest",
    "payment_record",
    "payment_reject",
    "payment_delete",
    "event_add",
    "event_close",
    "profile_get",
    "profile_save",
    "backup_list",
    "backup_create",
    "backup_restore",
    "proposals",
    "proposal_decide",
    "dunning_settings",
    "ladder_save",
    "ladder_reset",
    "dunning_options_save",
    "penalties_get",
    "rates_get",
    "rates_save",
    "letter_kinds",
    "letter_draft",
    "letter_preview",
    "letter_save_body",
    "letter_export",
    "letter_batch",
    "letter_batch_export",
    "template_list",
    "template_save",
    "template_restore",
    "envelope_get",
    "envelope_save",
    "calibration_export",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step");
}
