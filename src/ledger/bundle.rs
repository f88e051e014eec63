//! The whole ledger in one file, to move it to another machine (issue 8): a ZIP holding a consistent copy
//! of the SQLite file (SQLite's online backup API), every file of the evidence archive (the PDFs sent,
//! the scans attached) and a manifest with each file's SHA-256.
//!
//! Reading a bundle checks everything before anything is put in place: only the expected names (no
//! absolute path, no `..`), every hash, a ledger this version can read and that is intact; and it goes
//! only into an empty ledger with an empty archive, so nothing the user had is ever overwritten.

use crate::domain::digest::sha256_hex;
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::files;
use crate::Ledger;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// The manifest's `format`.
pub const FORMAT: &str = "ardoise-bundle";
/// The evidence archive's folder, next to the ledger file.
pub const ARCHIVE_FOLDER: &str = crate::ledger::archive::FOLDER_NAME;
const LEDGER_ENTRY: &str = "ardoise.sqlite3";
const MANIFEST_ENTRY: &str = "manifest.json";
/// No file of a bundle may be larger than this (a ledger or a scan; a zip bomb is refused).
const MAX_FILE_BYTES: u64 = 4 << 30;

/// What a bundle holds, as its `manifest.json` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub schema_version: i64,
    pub files: Vec<BundledFile>,
}

/// One file of a bundle: its path inside (`ardoise.sqlite3`, `archive/...`), size and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundledFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

fn failed(what: &str, path: &Path, error: impl std::fmt::Display) -> LedgerError {
    LedgerError::Exchange(format!("{what} « {} » : {error}", path.display()))
}

/// Writes the ledger and its evidence archive into `out` (written aside, then renamed: an interrupted
/// export leaves no half bundle). Returns the manifest.
pub fn write(ledger: &Ledger, out: &Path) -> Result<Manifest> {
    let Some(ledger_path) = ledger.path() else {
        return Err(LedgerError::Conflict("Un registre en mémoire ne peut pas être exporté ainsi.".into()));
    };
    let folder = ledger_path.parent().unwrap_or_else(|| Path::new("."));
    let staging = tempfile::Builder::new()
        .prefix(".ardoise-export-")
        .tempdir_in(out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| Path::new(".")))
        .map_err(|e| failed("Dossier de travail impossible à créer près de", out, e))?;
    let copy = staging.path().join(LEDGER_ENTRY);
    ledger.write_copy(&copy)?;

    let mut sources = vec![(LEDGER_ENTRY.to_string(), copy)];
    let archive = folder.join(ARCHIVE_FOLDER);
    if archive.is_dir() {
        collect(&archive, ARCHIVE_FOLDER, &mut sources)?;
    }
    let partial = staging.path().join("bundle.partial");
    let file = std::fs::File::create(&partial).map_err(|e| failed("Écriture impossible de", &partial, e))?;
    let mut zip = zip::ZipWriter::new(file);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    let mut files = Vec::new();
    for (name, source) in &sources {
        let bytes = std::fs::read(source).map_err(|e| failed("Lecture impossible de", source, e))?;
        zip.start_file(name.as_str(), options).map_err(|e| failed("Écriture impossible de", out, e))?;
        zip.write_all(&bytes).map_err(|e| failed("Écriture impossible de", out, e))?;
        files.push(BundledFile { path: name.clone(), size: bytes.len() as u64, sha256: sha256_hex(&bytes) });
    }
    let manifest = Manifest { format: FORMAT.to_string(), schema_version: ledger.schema_version()?, files };
    let text = serde_json::to_vec_pretty(&manifest).map_err(|e| failed("Manifeste illisible pour", out, e))?;
    zip.start_file(MANIFEST_ENTRY, options).map_err(|e| failed("Écriture impossible de", out, e))?;
    zip.write_all(&text).map_err(|e| failed("Écriture impossible de", out, e))?;
    zip.finish().map_err(|e| failed("Écriture impossible de", out, e))?;
    files::put_in_place(&partial, out)?;
    Ok(manifest)
}

/// Every file under `folder`, named `prefix/relative/path` with `/` separators, in a stable order.
fn collect(folder: &Path, prefix: &str, into: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(folder)
        .map_err(|e| failed("Lecture impossible du dossier", folder, e))?
        .collect::<std::io::Result<_>>()
        .map_err(|e| failed("Lecture impossible du dossier", folder, e))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        if path.is_dir() {
            collect(&path, &name, into)?;
        } else if path.is_file() {
            into.push((name, path));
        }
    }
    Ok(())
}

/// Puts the bundle at `bundle` in place as the ledger `ledger_path` (and its archive beside it), which
/// must not hold anything yet. Everything is checked in a staging folder first; on any problem nothing
/// is put in place. Returns the manifest.
pub fn read(bundle: &Path, ledger_path: &Path) -> Result<Manifest> {
    let folder = ledger_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(folder).map_err(|source| LedgerError::Folder { path: folder.to_path_buf(), source })?;
    refuse_if_in_use(ledger_path, folder)?;

    let file = std::fs::File::open(bundle).map_err(|e| failed("Lecture impossible de", bundle, e))?;
    let not_a_bundle = |detail: String| {
        LedgerError::Exchange(format!(
            "« {} » n'est pas un registre complet d'Ardoise lisible : {detail}",
            bundle.display()
        ))
    };
    let mut zip = zip::ZipArchive::new(file).map_err(|e| not_a_bundle(format!("{e}.")))?;
    let staging = tempfile::Builder::new()
        .prefix(".ardoise-import-")
        .tempdir_in(folder)
        .map_err(|e| failed("Dossier de travail impossible à créer dans", folder, e))?;

    let mut manifest: Option<Manifest> = None;
    let mut found: Vec<BundledFile> = Vec::new();
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index).map_err(|e| not_a_bundle(format!("{e}.")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| not_a_bundle(format!("{e}.")))?.to_string();
        let bytes = read_limited(&mut entry).map_err(|e| not_a_bundle(format!("fichier « {name} » : {e}.")))?;
        if name == MANIFEST_ENTRY {
            let parsed = serde_json::from_slice(&bytes).map_err(|e| not_a_bundle(format!("manifeste : {e}.")))?;
            manifest = Some(parsed);
            continue;
        }
        let relative =
            safe_relative(&name).ok_or_else(|| not_a_bundle(format!("nom de fichier refusé « {name} ».")))?;
        let target = staging.path().join(&relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| failed("Écriture impossible de", parent, e))?;
        }
        std::fs::write(&target, &bytes).map_err(|e| failed("Écriture impossible de", &target, e))?;
        found.push(BundledFile { path: name, size: bytes.len() as u64, sha256: sha256_hex(&bytes) });
    }
    let manifest = manifest.ok_or_else(|| not_a_bundle("il n'a pas de manifeste.".to_string()))?;
    if manifest.format != FORMAT {
        return Err(not_a_bundle(format!("format « {} » inconnu.", manifest.format)));
    }
    let mut expected = manifest.files.clone();
    expected.sort_by(|a, b| a.path.cmp(&b.path));
    found.sort_by(|a, b| a.path.cmp(&b.path));
    if expected != found {
        let changed: Vec<&str> = expected
            .iter()
            .filter(|file| !found.contains(file))
            .chain(found.iter().filter(|file| !expected.contains(file)))
            .map(|file| file.path.as_str())
            .collect();
        return Err(not_a_bundle(format!(
            "son contenu ne correspond pas à son manifeste (fichiers modifiés, manquants ou en trop : {}).",
            changed.join(", ")
        )));
    }
    let staged_ledger = staging.path().join(LEDGER_ENTRY);
    if !staged_ledger.is_file() {
        return Err(not_a_bundle("il ne contient pas de registre.".to_string()));
    }
    Ledger::check_file(&staged_ledger)?;

    // Everything checked: the archive first, the ledger last (its presence says the import finished).
    let staged_archive = staging.path().join(ARCHIVE_FOLDER);
    if staged_archive.is_dir() {
        let archive = folder.join(ARCHIVE_FOLDER);
        let _ = std::fs::remove_dir(&archive); // empty, checked above
        std::fs::rename(&staged_archive, &archive).map_err(|e| failed("Mise en place impossible de", &archive, e))?;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(PathBuf::from(format!("{}{suffix}", ledger_path.display())));
    }
    std::fs::rename(&staged_ledger, ledger_path).map_err(|e| failed("Mise en place impossible de", ledger_path, e))?;
    Ok(manifest)
}

/// A ledger with something in it, or an archive with files, is never replaced by a bundle.
fn refuse_if_in_use(ledger_path: &Path, folder: &Path) -> Result<()> {
    if ledger_path.exists() {
        let ledger = Ledger::open(ledger_path)?;
        if !ledger.is_empty()? {
            return Err(LedgerError::Conflict(format!(
                "Le registre « {} » n'est pas vide : un registre complet ne s'importe que dans un registre neuf. \
                 Choisissez un autre fichier avec --db.",
                ledger_path.display()
            )));
        }
    }
    let archive = folder.join(ARCHIVE_FOLDER);
    let has_files = std::fs::read_dir(&archive).map(|mut entries| entries.next().is_some()).unwrap_or(false);
    if has_files {
        return Err(LedgerError::Conflict(format!(
            "Le dossier « {} » contient déjà des pièces : rien n'a été importé.",
            archive.display()
        )));
    }
    Ok(())
}

fn read_limited(entry: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    entry.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other("fichier trop grand"));
    }
    Ok(bytes)
}

/// The ledger entry, or a plain relative path under `archive/`; anything else is refused.
fn safe_relative(name: &str) -> Option<PathBuf> {
    if name == LEDGER_ENTRY {
        return Some(PathBuf::from(LEDGER_ENTRY));
    }
    let path = Path::new(name);
    let mut components = path.components();
    if components.next() != Some(Component::Normal(ARCHIVE_FOLDER.as_ref())) {
        return None;
    }
    let rest: Vec<_> = components.collect();
    (!rest.is_empty() && rest.iter().all(|c| matches!(c, Component::Normal(_))) && !name.contains('\\'))
        .then(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_ledger_and_plain_archive_paths_are_accepted() {
        assert_eq!(safe_relative("ardoise.sqlite3"), Some(PathBuf::from("ardoise.sqlite3")));
        assert_eq!(safe_relative("archive/2026/lettre.pdf"), Some(PathBuf::from("archive/2026/lettre.pdf")));
        for refused in ["archive", "archive/../x", "../archive/x", "/archive/x", "autre/x.pdf", "archive/a\\..\\b"] {
            assert_eq!(safe_relative(refused), None, "{refused}");
        }
    }
}
