//! The window's commands, one small file per area: each parses, calls the core and returns; and where a
//! file the window saves goes (`save_target`).

pub mod backups;
pub mod bank;
pub mod books;
pub mod clients;
pub mod dashboard;
pub mod dispatch;
pub mod dunning;
pub mod email;
pub mod events;
pub mod import;
pub mod invoices;
pub mod labels;
pub mod ledger;
pub mod letters;
pub mod payments;
pub mod penalties;
pub mod plans;
pub mod profile;

use std::path::PathBuf;

/// Where to save a file named `name`: into the folder of `ARDOISE_EXPORT_DIR` when set (end-to-end tests
/// cannot drive a native dialog), else where the user chooses in the save dialog, offering files of
/// `extension` under `filter`; None when the user cancels.
pub(crate) fn save_target(name: &str, filter: &str, extension: &str) -> Option<PathBuf> {
    if let Some(folder) = std::env::var_os("ARDOISE_EXPORT_DIR") {
        return Some(PathBuf::from(folder).join(name));
    }
    rfd::FileDialog::new().add_filter(filter, &[extension]).set_file_name(name).save_file()
}
