//! Where the ledger lives: one file in the operating system's data folder, the same for the window and
//! the command line.
//!
//! Linux: `$XDG_DATA_HOME/fr.ardoise.app/` (default `~/.local/share/fr.ardoise.app/`);
//! macOS: `~/Library/Application Support/fr.ardoise.app/`; Windows: `%APPDATA%\fr.ardoise.app\`.
//! This is the folder Tauri's `app_data_dir()` gives for the identifier in `src-tauri/tauri.conf.json`.

use std::path::PathBuf;

/// The application identifier; it names the data folder forever.
pub const APP_IDENTIFIER: &str = "fr.ardoise.app";

/// The data folder, or None when the system has no home directory.
pub fn data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// The default ledger file.
pub fn default_ledger_path() -> Option<PathBuf> {
    data_dir().map(|dir| dir.join(crate::ledger::FILE_NAME))
}
