//! The whole ledger in one file: the ledger and its evidence archive come back identical on "another
//! machine" (another folder), and a bundle that was tampered with, climbs out of its folder, comes from a
//! newer version or would overwrite a ledger in use is refused with nothing put in place. The archive
//! folder is shared by the ledgers of one folder: a bundle carries only its own ledger's pieces, and goes
//! beside another ledger's archive unless a piece would replace a different file.

use ardoise::ledger::archive::ArchiveRole;
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
    ledger_with_pieces(folder, "ardoise.sqlite3", b"%PDF-1.3 lettre")
}

/// The demo ledger `name` in `folder` with two archived pieces (a letter's PDF starting with `letter`, a
/// scan); returns its path.
fn ledger_with_pieces(folder: &Path, name: &str, letter: &[u8]) -> PathBuf {
    let path = folder.join(name);
    let mut ledger = Ledger::open(&path).unwrap();
    let day = "2026-11-22".parse().unwrap();
    ardoise::desk::demo::populate(&mut ledger, day).unwrap();
    ledger.archive_bytes(1, None, ArchiveRole::Letter, "Mise en demeure - DUPONT.pdf", letter, day).unwrap();
    let scan = [0x89, b'P', b'N', b'G', 0, 1, 2, 3];
    ledger.archive_bytes(1, None, ArchiveRole::DepositProof, "preuve de dépôt.png", &scan, day).unwrap();
    path
}

/// The archived pieces' names inside the archive folder, as the ledger at `path` lists them.
fn pieces(path: &Path) -> Vec<String> {
    Ledger::open(path).unwrap().kept_files().unwrap().into_iter().map(|file| file.path).collect()
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
    let manifest = bundle::write(&ledger, &out).unwrap().manifest;
    assert_eq!(manifest.files.len(), 3, "{manifest:?}");
    assert_eq!(manifest.schema_version, ardoise::ledger::SCHEMA_VERSION);

    let target = b.path().join("ardoise.sqlite3");
    bundle::read(&out, &target).unwrap();
    assert_eq!(content(&Ledger::open(&target).unwrap()), content(&ledger));
    for piece in pieces(&path) {
        let archived = |root: &Path| std::fs::read(root.join(bundle::ARCHIVE_FOLDER).join(&piece)).unwrap();
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
    for piece in pieces(&path) {
        assert!(target.parent().unwrap().join("archive").join(&piece).is_file(), "{piece}");
    }
}

fn names(bundled: &bundle::Bundled) -> Vec<String> {
    bundled.manifest.files.iter().map(|file| file.path.clone()).collect()
}

/// `bundle` zipped the whole archive folder, which the ledgers of one folder share: an empty ledger beside
/// one with a dispatched letter exported « 2 pièce(s) archivée(s) », the other's. A bundle carries exactly
/// the files its ledger names, each checked against its hash; one changed or removed since is left out and
/// said.
#[test]
fn a_bundle_carried_the_pieces_of_the_other_ledgers_of_its_folder() {
    let a = tempfile::tempdir().unwrap();
    let client_a = ledger_with_pieces(a.path(), "client-a.db", b"%PDF-1.3 lettre A");
    let out = a.path().join("vide.zip");
    let bundled = bundle::write(&Ledger::open(&a.path().join("vide.db")).unwrap(), &out).unwrap();
    assert_eq!((names(&bundled), bundled.left_out), (vec!["ardoise.sqlite3".to_string()], Vec::new()));

    // A file no ledger names stays out of client A's bundle too; its own pieces go in.
    std::fs::write(a.path().join("archive").join("autre registre.pdf"), b"%PDF-1.3 autre").unwrap();
    let ledger = Ledger::open(&client_a).unwrap();
    let own = pieces(&client_a);
    assert_eq!(own.len(), 2, "{own:?}");
    let mut expected = vec!["ardoise.sqlite3".to_string()];
    expected.extend(own.iter().map(|piece| format!("archive/{piece}")));
    assert_eq!(names(&bundle::write(&ledger, &out).unwrap()), expected);

    // The letter changed since it was archived, the scan removed: both left out, each said.
    std::fs::write(a.path().join("archive").join(&own[0]), b"%PDF-1.3 retouche").unwrap();
    std::fs::remove_file(a.path().join("archive").join(&own[1])).unwrap();
    let bundled = bundle::write(&ledger, &out).unwrap();
    assert_eq!(names(&bundled), ["ardoise.sqlite3"]);
    assert_eq!(bundled.left_out.len(), 2, "{:?}", bundled.left_out);
    assert!(bundled.left_out[0].contains(&own[0]) && bundled.left_out[0].contains("modifié"), "{:?}", bundled.left_out);
    assert!(bundled.left_out[1].contains(&own[1]) && bundled.left_out[1].contains("disparu"), "{:?}", bundled.left_out);
}

/// `unbundle` refused every folder whose archive held pieces (« contient déjà des pièces »), though the
/// ledgers of a folder share it. A bundle goes beside another ledger's archive; a piece already there with
/// the same bytes is fine; one there under the same name with other bytes refuses the whole bundle, with
/// nothing written. A bundle of an earlier version, with files in subfolders, still reads.
#[test]
fn unbundling_beside_another_ledgers_archive_was_refused() {
    let a = tempfile::tempdir().unwrap();
    let path = machine_a(a.path());
    let out = a.path().join("registre.ardoise.zip");
    bundle::write(&Ledger::open(&path).unwrap(), &out).unwrap();
    let own = pieces(&path);
    let bytes_in = |folder: &Path, piece: &str| std::fs::read(folder.join("archive").join(piece)).unwrap();
    let before = content(&Ledger::open(&path).unwrap());

    // Beside another ledger's pieces.
    let b = tempfile::tempdir().unwrap();
    let mut other = Ledger::open(&b.path().join("autre.sqlite3")).unwrap();
    let day = "2026-11-22".parse().unwrap();
    ardoise::desk::demo::populate(&mut other, day).unwrap();
    let theirs = other.archive_bytes(1, None, ArchiveRole::Letter, "Relance - MARTIN.pdf", b"%PDF-1.3 autre", day);
    let theirs = theirs.unwrap().file_name;
    let target = b.path().join("ardoise.sqlite3");
    bundle::read(&out, &target).unwrap();
    assert_eq!(content(&Ledger::open(&target).unwrap()), before);
    for piece in &own {
        assert_eq!(bytes_in(b.path(), piece), bytes_in(a.path(), piece), "{piece}");
    }
    assert_eq!(bytes_in(b.path(), &theirs), b"%PDF-1.3 autre");

    // One of its pieces already there, the same bytes.
    let c = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(c.path().join("archive")).unwrap();
    std::fs::copy(a.path().join("archive").join(&own[1]), c.path().join("archive").join(&own[1])).unwrap();
    bundle::read(&out, &c.path().join("ardoise.sqlite3")).unwrap();
    assert_eq!(bytes_in(c.path(), &own[0]), bytes_in(a.path(), &own[0]));

    // A file of that name with other bytes: refused, nothing written, that file as it was.
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("archive")).unwrap();
    std::fs::write(d.path().join("archive").join(&own[0]), b"%PDF-1.3 autre lettre").unwrap();
    let error = bundle::read(&out, &d.path().join("ardoise.sqlite3")).unwrap_err().to_string();
    assert!(
        error.contains("contient déjà") && error.contains(&own[0]) && error.contains("rien n'a été importé"),
        "{error}"
    );
    let left: Vec<_> = std::fs::read_dir(d.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["archive"], "no ledger and no staging folder left");
    let archive: Vec<_> =
        std::fs::read_dir(d.path().join("archive")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(archive.len(), 1, "no piece put in place: {archive:?}");
    assert_eq!(bytes_in(d.path(), &own[0]), b"%PDF-1.3 autre lettre");

    // An earlier version's bundle: the whole folder, a file in a subfolder that no row names.
    let older = a.path().join("ancien.zip");
    std::fs::copy(&out, &older).unwrap();
    let old_piece = b"%PDF-1.3 ancienne piece".to_vec();
    rewrite(&older, |mut entries| {
        let at = entries.iter().position(|(name, _)| name == "manifest.json").unwrap();
        let mut manifest: bundle::Manifest = serde_json::from_slice(&entries[at].1).unwrap();
        manifest.files.push(bundle::BundledFile {
            path: "archive/2026-11/ancienne pièce.pdf".into(),
            size: old_piece.len() as u64,
            sha256: ardoise::domain::digest::sha256_hex(&old_piece),
        });
        entries[at].1 = serde_json::to_vec(&manifest).unwrap();
        entries.push(("archive/2026-11/ancienne pièce.pdf".into(), old_piece.clone()));
        entries
    });
    let e = tempfile::tempdir().unwrap();
    bundle::read(&older, &e.path().join("ardoise.sqlite3")).unwrap();
    assert_eq!(bytes_in(e.path(), "2026-11/ancienne pièce.pdf"), old_piece);
}
