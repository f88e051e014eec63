//! The whole ledger in one file: the ledger and its evidence archive come back identical on "another
//! machine" (another folder), and a bundle that was tampered with, climbs out of its folder, comes from a
//! newer version or would overwrite a ledger in use is refused with nothing put in place.

use ardoise::ledger::bundle;
use ardoise::{Ledger, LedgerError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn content(ledger: &Ledger) -> String {
    serde_json::to_string(&ledger.export().unwrap()).unwrap()
}

/// The demo ledger with two archived pieces beside it, as the dispatch archive keeps them.
fn machine_a(folder: &Path) -> PathBuf {
    let path = folder.join("ardoise.sqlite3");
    let mut ledger = Ledger::open(&path).unwrap();
    ardoise::desk::demo::populate(&mut ledger, "2026-11-22".parse().unwrap()).unwrap();
    let archive = folder.join(bundle::ARCHIVE_FOLDER);
    std::fs::create_dir_all(archive.join("2026-11")).unwrap();
    std::fs::write(archive.join("2026-11").join("2026-11-22 Mise en demeure - DUPONT.pdf"), b"%PDF-1.3 lettre")
        .unwrap();
    std::fs::write(archive.join("preuve de dépôt.png"), [0x89, b'P', b'N', b'G', 0, 1, 2, 3]).unwrap();
    path
}

/// A bundle's entries: name and bytes.
type Entries = Vec<(String, Vec<u8>)>;

/// Rewrites the bundle with `change` applied to its entries.
fn rewrite(bundle: &Path, change: impl Fn(Entries) -> Entries) {
    let mut entries = Vec::new();
    {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(bundle).unwrap()).unwrap();
        for index in 0..zip.len() {
            let mut entry = zip.by_index(index).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            entries.push((entry.name().unwrap().to_string(), bytes));
        }
    }
    let mut zip = zip::ZipWriter::new(std::fs::File::create(bundle).unwrap());
    for (name, bytes) in change(entries) {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn nothing_in_place(folder: &Path) {
    assert!(!folder.join("ardoise.sqlite3").exists(), "no ledger put in place");
    assert!(!folder.join(bundle::ARCHIVE_FOLDER).exists(), "no archive put in place");
    let leftovers: Vec<_> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.is_empty(), "the staging folder is cleaned up: {leftovers:?}");
}

#[test]
fn the_ledger_and_its_archive_come_back_identical_elsewhere() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let path = machine_a(a.path());
    let ledger = Ledger::open(&path).unwrap();
    let out = a.path().join("registre.ardoise.zip");
    let manifest = bundle::write(&ledger, &out).unwrap();
    assert_eq!(manifest.files.len(), 3, "{manifest:?}");
    assert_eq!(manifest.schema_version, ardoise::ledger::SCHEMA_VERSION);

    let target = b.path().join("ardoise.sqlite3");
    bundle::read(&out, &target).unwrap();
    assert_eq!(content(&Ledger::open(&target).unwrap()), content(&ledger));
    for piece in ["2026-11/2026-11-22 Mise en demeure - DUPONT.pdf", "preuve de dépôt.png"] {
        let archived = |root: &Path| std::fs::read(root.join(bundle::ARCHIVE_FOLDER).join(piece)).unwrap();
        assert_eq!(archived(b.path()), archived(a.path()), "{piece}");
    }
}

#[test]
fn a_tampered_or_hostile_or_newer_bundle_is_refused_and_nothing_is_put_in_place() {
    let a = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&machine_a(a.path())).unwrap();
    let original = a.path().join("registre.ardoise.zip");
    bundle::write(&ledger, &original).unwrap();

    let case = |name: &str, change: &dyn Fn(Entries) -> Entries| -> String {
        let copy = a.path().join(format!("{name}.zip"));
        std::fs::copy(&original, &copy).unwrap();
        rewrite(&copy, change);
        let b = tempfile::tempdir().unwrap();
        let error = bundle::read(&copy, &b.path().join("ardoise.sqlite3")).unwrap_err();
        nothing_in_place(b.path());
        error.to_string()
    };

    // A piece changed after the export: its hash no longer matches the manifest.
    let message = case("modifie", &|entries| {
        entries
            .into_iter()
            .map(
                |(name, bytes)| if name.ends_with(".pdf") { (name, b"%PDF-1.3 autre".to_vec()) } else { (name, bytes) },
            )
            .collect()
    });
    assert!(message.contains("ne correspond pas à son manifeste") && message.contains("Mise en demeure"), "{message}");

    // An entry that climbs out of the folder.
    let message = case("evasion", &|mut entries| {
        entries.push(("archive/../../evasion.txt".to_string(), b"x".to_vec()));
        entries
    });
    assert!(message.contains("nom de fichier refusé"), "{message}");

    // No manifest at all, and a file that is not a zip.
    let message =
        case("sans-manifeste", &|entries| entries.into_iter().filter(|(n, _)| n != "manifest.json").collect());
    assert!(message.contains("pas de manifeste"), "{message}");
    let b = tempfile::tempdir().unwrap();
    let not_zip = a.path().join("pas-un-zip.zip");
    std::fs::write(&not_zip, b"bonjour").unwrap();
    assert!(bundle::read(&not_zip, &b.path().join("ardoise.sqlite3")).unwrap_err().to_string().contains("n'est pas"));
    nothing_in_place(b.path());

    // A ledger written by a newer version, with a manifest that matches it.
    let newer = a.path().join("futur.sqlite3");
    ledger.write_copy(&newer).unwrap();
    let connection = rusqlite::Connection::open(&newer).unwrap();
    connection.pragma_update(None, "user_version", ardoise::ledger::SCHEMA_VERSION + 1).unwrap();
    drop(connection);
    let newer_bytes = std::fs::read(&newer).unwrap();
    let b = tempfile::tempdir().unwrap();
    let copy = a.path().join("futur.zip");
    std::fs::copy(&original, &copy).unwrap();
    rewrite(&copy, |entries| {
        let mut manifest: bundle::Manifest =
            serde_json::from_slice(&entries.iter().find(|(n, _)| n == "manifest.json").unwrap().1).unwrap();
        let digest: String =
            <sha2::Sha256 as sha2::Digest>::digest(&newer_bytes).iter().map(|b| format!("{b:02x}")).collect();
        for file in &mut manifest.files {
            if file.path == "ardoise.sqlite3" {
                (file.size, file.sha256) = (newer_bytes.len() as u64, digest.clone());
            }
        }
        entries
            .into_iter()
            .map(|(name, bytes)| match name.as_str() {
                "ardoise.sqlite3" => (name, newer_bytes.clone()),
                "manifest.json" => (name, serde_json::to_vec(&manifest).unwrap()),
                _ => (name, bytes),
            })
            .collect()
    });
    let error = bundle::read(&copy, &b.path().join("ardoise.sqlite3")).unwrap_err();
    assert!(matches!(error, LedgerError::NewerSchema { .. }), "{error}");
    nothing_in_place(b.path());
}

#[test]
fn a_bundle_never_overwrites_a_ledger_in_use_and_the_command_line_moves_one() {
    let a = tempfile::tempdir().unwrap();
    let path = machine_a(a.path());
    let out = a.path().join("registre.ardoise.zip");
    let ardoise = |db: &Path, arguments: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ardoise")).arg("--db").arg(db).args(arguments).output().unwrap()
    };
    let said = ardoise(&path, &["bundle", "--out", out.to_str().unwrap()]);
    assert!(said.status.success(), "{}", String::from_utf8_lossy(&said.stderr));
    assert!(String::from_utf8_lossy(&said.stdout).contains("2 pièce(s) archivée(s)"));

    // Into the same, non-empty ledger: refused, the ledger unchanged.
    let before = content(&Ledger::open(&path).unwrap());
    let refused = ardoise(&path, &["unbundle", out.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("n'est pas vide"));
    assert_eq!(content(&Ledger::open(&path).unwrap()), before);

    // Into a new ledger on "another machine".
    let b = tempfile::tempdir().unwrap();
    let target = b.path().join("nouveau").join("ardoise.sqlite3");
    let said = ardoise(&target, &["unbundle", out.to_str().unwrap()]);
    assert!(said.status.success(), "{}", String::from_utf8_lossy(&said.stderr));
    assert_eq!(content(&Ledger::open(&target).unwrap()), before);
    assert!(target.parent().unwrap().join("archive").join("preuve de dépôt.png").is_file());
}
