//! Declares the app's own commands so that each must be granted by name in `capabilities/`, and makes the
//! window's files as Tauri embeds them (`gen/ui/`, `tauri.conf.json`'s `frontendDist`) from `../ui/`.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Every command the window may call; `tests/security.rs` checks this list against the capability file.
const COMMANDS: &[&str] = &[
    "app_status",
    "start_ledger",
    "ui_ready",
    "labels",
    "dashboard",
    "prescription_watch",
    "client_list",
    "late_clients",
    "client_detail",
    "client_save",
    "claim_statement_confirm",
    "invoice_save",
    "invoice_delete",
    "invoice_write_off",
    "invoice_document_pick",
    "invoice_document_attach",
    "invoice_document_remove",
    "payment_split",
    "payment_record",
    "payment_reject",
    "payment_delete",
    "event_add",
    "event_close",
    "profile_get",
    "profile_save",
    "profile_images_get",
    "profile_image_pick",
    "profile_image_remove",
    "backup_list",
    "backup_create",
    "backup_restore",
    "proposal_page",
    "proposal_decide",
    "dunning_settings",
    "ladder_save",
    "ladder_reset",
    "dunning_options_save",
    "penalties_get",
    "rates_get",
    "rates_save",
    "import_pick_file",
    "import_pick_folder",
    "import_watch_drops",
    "import_preview",
    "import_commit",
    "import_history",
    "import_undo",
    "bank_pick_file",
    "bank_preview",
    "bank_split",
    "bank_confirm",
    "bank_history",
    "bank_undo",
    "letter_kinds",
    "letter_choices",
    "letter_draft",
    "letter_preview",
    "letter_state",
    "letter_cancel",
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
    "plan_draft",
    "plan_update",
    "plan_get",
    "plan_list",
    "plan_sign",
    "plan_export",
    "plan_abandon",
    "plan_cash",
    "dispatch_letters",
    "dispatch_send",
    "dispatch_delivery",
    "dispatch_attach",
    "deposit_list_export",
    "dossier_export",
    "postage_prices_get",
    "postage_prices_save",
    "receipts_book",
    "receipts_export",
    "accountant_export",
    "statement_export",
    "nature_default_get",
    "nature_default_save",
    "email_settings_get",
    "email_settings_save",
    "email_test",
    "letter_email_get",
    "letter_email_save",
    "letter_email_send",
    "letter_to_paper",
    "email_batch_send",
    "letter_email_handover",
    "letter_email_confirm",
];

fn main() {
    window_files(Path::new("../ui"), Path::new("gen/ui")).expect("the window's files (gen/ui/)");
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step");
}

/// The stylesheets the page links, joined into one, where the first of them was linked.
const JOINED_STYLESHEET: &str = "styles/app.css";

/// Copies `source` (the window's files as written, `ui/`) into `target` (what Tauri embeds), with two
/// changes to `index.html`, each measured on the window's start (`scripts/bench-startup`, 20 starts):
/// - the stylesheets it links are joined into one file, in the page's order: one request for the page's
///   styles instead of one a view (29), 6 ms. Each view keeps its own stylesheet in `ui/styles/`;
/// - the modules its module scripts import, at any depth, are announced with `modulepreload` links:
///   WebKit fetches them all at once instead of one level of imports after another, 5 ms. The list is
///   made here, from the imports as written, so that it never falls behind them.
///
/// A file is written only when its bytes change, first under a temporary name beside `target` (never
/// inside it, where it could be embedded or removed by another build), so that builds sharing the folder
/// see whole files and an unchanged `ui/` rebuilds nothing; a file gone from `ui/` goes from `target`.
fn window_files(source: &Path, target: &Path) -> io::Result<()> {
    println!("cargo:rerun-if-changed={}", source.display());
    let page = fs::read_to_string(source.join("index.html"))?;
    let mut sheets = Vec::new();
    let mut lines = Vec::new();
    for line in page.lines() {
        if let Some(href) = linked_stylesheet(line) {
            if sheets.is_empty() {
                lines.push(format!(r#"  <link rel="stylesheet" href="{JOINED_STYLESHEET}">"#));
            }
            sheets.push(href.to_string());
            continue;
        }
        if let Some(src) = module_script(line) {
            for module in imported_modules(source, src)? {
                lines.push(format!(r#"  <link rel="modulepreload" href="{module}">"#));
            }
        }
        lines.push(line.to_string());
    }
    let mut wanted = BTreeMap::new();
    let mut joined = String::new();
    for href in &sheets {
        let text = fs::read_to_string(source.join(href))?;
        joined.push_str(&format!("/* {href} */\n{}\n", text.trim_end()));
    }
    wanted.insert(PathBuf::from("index.html"), format!("{}\n", lines.join("\n")).into_bytes());
    wanted.insert(PathBuf::from(JOINED_STYLESHEET), joined.into_bytes());
    for file in files_under(source)? {
        let relative = file.strip_prefix(source).expect("under the source").to_path_buf();
        let joined_away = sheets.iter().any(|href| Path::new(href) == relative);
        if !joined_away && !wanted.contains_key(&relative) {
            wanted.insert(relative, fs::read(&file)?);
        }
    }
    let temporary = target.with_file_name(format!(".ui-file-{}", std::process::id()));
    for (relative, bytes) in &wanted {
        let path = target.join(relative);
        if fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
            fs::create_dir_all(path.parent().expect("a file has a folder"))?;
            fs::write(&temporary, bytes)?;
            fs::rename(&temporary, &path)?;
        }
    }
    if target.exists() {
        for file in files_under(target)? {
            let relative = file.strip_prefix(target).expect("under the target");
            if !wanted.contains_key(relative) {
                fs::remove_file(&file)?;
            }
        }
    }
    Ok(())
}

/// The `href` of a line that is exactly `<link rel="stylesheet" href="…">`; other links stay as written.
fn linked_stylesheet(line: &str) -> Option<&str> {
    let href = line.trim().strip_prefix(r#"<link rel="stylesheet" href=""#)?.strip_suffix(r#"">"#)?;
    (!href.contains('"') && !href.contains("//")).then_some(href)
}

/// The `src` of a line that is exactly `<script type="module" src="…"></script>`.
fn module_script(line: &str) -> Option<&str> {
    let src = line.trim().strip_prefix(r#"<script type="module" src=""#)?.strip_suffix(r#""></script>"#)?;
    (!src.contains('"') && !src.contains("//")).then_some(src)
}

/// The modules `entry` (a path under `source`) imports, directly or through others, as paths under
/// `source`, in the order they are first met. Reads the one-line form the window's modules use
/// (`import … from './x.js';`); an import written otherwise is only not preloaded.
fn imported_modules(source: &Path, entry: &str) -> io::Result<Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    let mut pending = vec![entry.to_string()];
    while let Some(module) = pending.pop() {
        let text = fs::read_to_string(source.join(&module))?;
        let folder = Path::new(&module).parent().unwrap_or(Path::new(""));
        for line in text.lines().filter(|line| line.starts_with("import ")) {
            let Some(quoted) = line.rsplit_once(" from '").map(|(_, rest)| rest) else { continue };
            let Some(relative) = quoted.strip_suffix("';").and_then(|path| path.strip_prefix("./")) else {
                continue;
            };
            let path = folder.join(relative).to_string_lossy().replace('\\', "/");
            if path != entry && !found.contains(&path) {
                found.push(path.clone());
                pending.push(path);
            }
        }
    }
    Ok(found)
}

/// Every file under `folder`, at any depth.
fn files_under(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(folder) {
        let entry = entry?;
        if entry.file_type().is_file() {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}
