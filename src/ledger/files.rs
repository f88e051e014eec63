//! Writing files so that a crash, a full disk or a power cut never leaves half a file under the final
//! name: every PDF, CSV, spreadsheet, archive file, backup and bundle Ardoise writes goes through here.
//! The bytes go to a `.partial` file beside the target, are synced to the disk, then renamed into place.

use crate::ledger::error::{LedgerError, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (see the module's rule), creating its folder if needed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |source| LedgerError::Write { path: path.to_path_buf(), source };
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    let partial = partial_path(path);
    let written = std::fs::File::create(&partial).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(source) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(failed(source));
    }
    put_in_place(&partial, path)
}

/// What [`partial_path`] adds to a file's name.
pub const PARTIAL: &str = ".partial";

/// The `.partial` file a writer fills before [`put_in_place`].
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(PARTIAL);
    path.with_file_name(name)
}

/// Syncs a finished `.partial` file and renames it to `path`; on failure the partial file is removed.
pub fn put_in_place(partial: &Path, path: &Path) -> Result<()> {
    let failed = |source| LedgerError::Write { path: path.to_path_buf(), source };
    let outcome =
        std::fs::File::open(partial).and_then(|file| file.sync_all()).and_then(|()| std::fs::rename(partial, path));
    outcome.map_err(|source| {
        let _ = std::fs::remove_file(partial);
        failed(source)
    })
}

/// `folder/name`, or `folder/stem (2).ext`, `(3)`... when the name is taken.
pub fn free_path(folder: &Path, name: &str) -> PathBuf {
    let first = folder.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem, format!(".{extension}")),
        _ => (name, String::new()),
    };
    (2..).map(|n| folder.join(format!("{stem} ({n}){extension}"))).find(|path| !path.exists()).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_the_next_number_before_its_extension() {
        let folder = tempfile::tempdir().unwrap();
        let name = "2026-11-22 Mise en demeure - DUPONT.pdf";
        assert_eq!(free_path(folder.path(), name), folder.path().join(name));
        write_atomically(&folder.path().join(name), b"one").unwrap();
        assert_eq!(free_path(folder.path(), name), folder.path().join("2026-11-22 Mise en demeure - DUPONT (2).pdf"));
        write_atomically(&folder.path().join("2026-11-22 Mise en demeure - DUPONT (2).pdf"), b"two").unwrap();
        assert_eq!(free_path(folder.path(), name), folder.path().join("2026-11-22 Mise en demeure - DUPONT (3).pdf"));
    }

    #[test]
    fn an_atomic_write_leaves_no_partial_file_and_replaces_the_old_content() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("sous-dossier").join("lettre.pdf");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> =
            std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("lettre.pdf")]);
    }

    #[test]
    fn a_write_into_a_folder_that_cannot_exist_says_where() {
        let folder = tempfile::tempdir().unwrap();
        let blocker = folder.path().join("fichier");
        std::fs::write(&blocker, b"x").unwrap();
        let error = write_atomically(&blocker.join("lettre.pdf"), b"x").unwrap_err();
        assert!(error.to_string().starts_with("Impossible d'écrire « "), "{error}");
        assert!(error.to_string().contains("lettre.pdf"), "{error}");
    }
}
