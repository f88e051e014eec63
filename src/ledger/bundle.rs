//! The whole ledger in one file, to move it to another machine (issue 8): a ZIP holding a consistent copy
//! of the SQLite file (SQLite's online backup API), the files of the evidence archive this ledger names
//! (the PDFs sent and printed, the scans attached, the invoices' documents: `Ledger::kept_files`, each
//! checked against its hash; the archive folder is shared by the ledgers of one folder, and the others'
//! pieces stay out) and a manifest with each file's SHA-256.
//!
//! Reading a bundle checks everything before anything is put in place: only the expected names (no
//! absolute path, no `..`), every hash, a ledger this version can read and that is intact; and it goes
//! only into an empty ledger. Its pieces join the archive folder beside it, which may hold other
//! ledgers' pieces: a piece already there with the same bytes is kept, one there with other bytes refuses
//! the whole bundle, so nothing the user had is ever overwritten. Bundles written before the export kept
//! to its own pieces read the same way.

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

/// What writing a bundle did: its manifest, and the archived files it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundled {
    pub manifest: Manifest,
    /// French, one per file this ledger names that was changed or removed since it was kept: not exported,
    /// as it is no longer the document sent.
    pub left_out: Vec<String>,
}

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

/// Writes the ledger and the archived files it names into `out` (written aside, then renamed: an
/// interrupted export leaves no half bundle). Each file is checked against the hash it was kept with; one
/// changed or removed since is left out and said.
pub fn write(ledger: &Ledger, out: &Path) -> Result<Bundled> {
    if ledger.path().is_none() {
        return Err(LedgerError::Conflict("Un registre en mémoire ne peut pas être exporté ainsi.".into()));
    }
    let archive = ledger.archive_folder()?;
    let staging = tempfile::Builder::new()
        .prefix(".ardoise-export-")
        .tempdir_in(out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| Path::new(".")))
        .map_err(|e| failed("Dossier de travail impossible à créer près de", out, e))?;
    let copy = staging.path().join(LEDGER_ENTRY);
    ledger.write_copy(&copy)?;

    // Each source with the hash its bytes must have (none for the ledger's fresh copy).
    let mut sources = vec![(LEDGER_ENTRY.to_string(), copy, None)];
    for kept in ledger.kept_files()? {
        sources.push((format!("{ARCHIVE_FOLDER}/{}", kept.path), archive.join(&kept.path), Some(kept.sha256)));
    }
    let partial = staging.path().join("bundle.partial");
    let file = std::fs::File::create(&partial).map_err(|e| failed("Écriture impossible de", &partial, e))?;
    let mut zip = zip::ZipWriter::new(file);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    let mut files = Vec::new();
    let mut left_out = Vec::new();
    for (name, source, expected) in &sources {
        let bytes = match (std::fs::read(source), expected) {
            (Ok(bytes), Some(expected)) if sha256_hex(&bytes) != *expected => {
                left_out.push(format!(
                    "« {name} » a été modifié depuis qu'il a été conservé : ce n'est plus le document envoyé, il \
                     n'a pas été exporté."
                ));
                continue;
            }
            (Err(_), Some(_)) => {
                left_out.push(format!("« {name} » a disparu de l'archive : il n'a pas été exporté."));
                continue;
            }
            (read, _) => read.map_err(|e| failed("Lecture impossible de", source, e))?,
        };
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
    Ok(Bundled { manifest, left_out })
}

/// Puts the bundle at `bundle` in place as the ledger `ledger_path`, which must not hold anything yet, its
/// pieces joining the archive folder beside it. Everything is checked in a staging folder first, a piece
/// that would replace another file of the archive included; on any problem nothing is put in place.
/// Returns the manifest.
pub fn read(bundle: &Path, ledger_path: &Path) -> Result<Manifest> {
    let folder = ledger_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(folder).map_err(|source| LedgerError::Folder { path: folder.to_path_buf(), source })?;
    refuse_if_in_use(ledger_path)?;

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

    // The pieces that are not in the archive yet; one there with other bytes refuses the bundle.
    let mut pieces = Vec::new();
    let mut collisions = Vec::new();
    for file in manifest.files.iter().filter(|file| file.path != LEDGER_ENTRY) {
        let target = folder.join(&file.path);
        match std::fs::read(&target) {
            Ok(bytes) if sha256_hex(&bytes) == file.sha256 => {}
            Ok(_) => collisions.push(file.path.as_str()),
            Err(_) if target.exists() => collisions.push(file.path.as_str()),
            Err(_) => pieces.push((staging.path().join(&file.path), target)),
        }
    }
    if !collisions.is_empty() {
        return Err(LedgerError::Conflict(format!(
            "Le dossier « {} » contient déjà, sous le même nom, des pièces différentes de celles du registre \
             complet ({}) : rien n'a été importé. Reprenez-le dans un autre dossier.",
            folder.join(ARCHIVE_FOLDER).display(),
            collisions.join(", ")
        )));
    }

    // Everything checked: the pieces first, the ledger last (its presence says the import finished). A piece
    // that cannot be put in place takes back those already placed.
    let mut placed: Vec<&Path> = Vec::new();
    for (staged, target) in &pieces {
        let moved = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::rename(staged, target))
            .map_err(|e| failed("Mise en place impossible de", target, e));
        if let Err(error) = moved {
            for target in placed {
                let _ = std::fs::remove_file(target);
            }
            return Err(error);
        }
        placed.push(target);
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(PathBuf::from(format!("{}{suffix}", ledger_path.display())));
    }
    std::fs::rename(&staged_ledger, ledger_path).map_err(|e| failed("Mise en place impossible de", ledger_path, e))?;
    Ok(manifest)
}

/// A ledger with something in it is never replaced by a bundle.
fn refuse_if_in_use(ledger_path: &Path) -> Result<()> {
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
