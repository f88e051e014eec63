//! Backups through the public API, on real files: a restore brings back exactly what was backed up,
//! rotation keeps 30, and a backup that is damaged or written by a newer version is refused without
//! changing anything.

use ardoise::domain::model::{ClientFields, ClientKind};
use ardoise::ledger::backups::{self as backup, Reason};
use ardoise::{Ledger, LedgerError};
use std::path::{Path, PathBuf};

fn demo_ledger(folder: &Path) -> (Ledger, PathBuf) {
    let path = folder.join("ardoise.sqlite3");
    let mut ledger = Ledger::open(&path).unwrap();
    ardoise::desk::demo::populate(&mut ledger, "2026-11-22".parse().unwrap()).unwrap();
    (ledger, path)
}

fn content(ledger: &Ledger) -> String {
    serde_json::to_string(&ledger.export().unwrap()).unwrap()
}

fn new_client(name: &str) -> ClientFields {
    ClientFields { kind: ClientKind::Professional, company_name: name.into(), ..Default::default() }
}

#[test]
fn a_restore_brings_back_exactly_the_backed_up_ledger_and_keeps_what_it_replaced() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ledger, path) = demo_ledger(folder.path());
    let before = content(&ledger);
    let written = ledger.back_up(Reason::Manual, "2026-11-22_100000").unwrap();
    assert_eq!(written, backup::folder(&path).join("ardoise_2026-11-22_100000_manuelle.sqlite3"));

    ledger.create_client(&new_client("Client ajouté après la sauvegarde")).unwrap();
    let changed = content(&ledger);
    assert_ne!(changed, before);

    ledger.restore("ardoise_2026-11-22_100000_manuelle.sqlite3", "2026-11-22_110000").unwrap();
    assert_eq!(content(&ledger), before, "the restored ledger is the backed-up one");
    drop(ledger);
    let reopened = Ledger::open(&path).unwrap();
    assert_eq!(content(&reopened), before, "and it is what the file holds once reopened");

    // What the restore replaced was backed up first.
    let backups = reopened.backups().unwrap();
    let safety = backups.iter().find(|b| b.reason == Reason::Restore).expect("a backup before the restore");
    assert_eq!(safety.file_name, "ardoise_2026-11-22_110000_restauration.sqlite3");
    let safety_copy = Ledger::open(&safety.path).unwrap();
    assert_eq!(content(&safety_copy), changed);
}

#[test]
fn rotation_keeps_the_thirty_newest_and_same_labels_do_not_overwrite() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    let ledger = Ledger::open(&path).unwrap();
    for _ in 0..33 {
        ledger.back_up(Reason::Import, "2026-11-22_120000").unwrap();
    }
    let backups = ledger.backups().unwrap();
    assert_eq!(backups.len(), backup::KEEP);
    let mut names: Vec<_> = backups.iter().map(|b| b.file_name.clone()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), backup::KEEP, "every backup has its own file");
    assert!(backups.iter().all(|b| b.size_bytes > 0));
    let leftovers: Vec<_> = std::fs::read_dir(backup::folder(&path))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written backup is left: {leftovers:?}");
}

#[test]
fn a_backup_from_a_newer_version_or_a_damaged_one_is_refused_and_nothing_changes() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ledger, path) = demo_ledger(folder.path());
    let before = content(&ledger);
    let backups_folder = backup::folder(&path);

    // A newer ledger: a real backup whose schema version is then raised, as a future Ardoise would write.
    let newer = ledger.back_up(Reason::Manual, "futur").unwrap();
    let future = rusqlite::Connection::open(&newer).unwrap();
    future.pragma_update(None, "user_version", ardoise::ledger::SCHEMA_VERSION + 1).unwrap();
    drop(future);
    let error = ledger.restore("ardoise_futur_manuelle.sqlite3", "2026-11-22_130000").unwrap_err();
    assert!(matches!(error, LedgerError::NewerSchema { .. }), "{error}");
    assert!(error.to_string().contains("plus récente"));

    // A damaged file: the first page of a real backup overwritten.
    let damaged = ledger.back_up(Reason::Manual, "abime").unwrap();
    let mut bytes = std::fs::read(&damaged).unwrap();
    bytes[..100].fill(0x5a);
    std::fs::write(&damaged, bytes).unwrap();
    let error = ledger.restore("ardoise_abime_manuelle.sqlite3", "2026-11-22_130001").unwrap_err();
    assert!(error.to_string().contains("ne peut pas être repris"), "{error}");

    // A name that is not one of the backups, or that climbs out of the folder.
    for name in ["ardoise_absente_manuelle.sqlite3", "../ardoise.sqlite3"] {
        let error = ledger.restore(name, "2026-11-22_130002").unwrap_err();
        assert!(error.to_string().contains("introuvable"), "{error}");
    }

    assert_eq!(content(&ledger), before);
    assert!(
        ledger.backups().unwrap().iter().all(|b| b.reason != Reason::Restore),
        "a refused restore takes no safety backup either"
    );
    assert!(backups_folder.join("ardoise_futur_manuelle.sqlite3").exists());
}

#[test]
fn an_in_memory_ledger_has_no_backups() {
    let ledger = Ledger::open_in_memory().unwrap();
    assert!(ledger.back_up(Reason::Manual, "x").unwrap_err().to_string().contains("en mémoire"));
}

#[test]
fn a_ledger_is_backed_up_before_its_schema_is_upgraded() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    // A ledger as the first version wrote it: migration 0001 only, with a client in it.
    let old = rusqlite::Connection::open(&path).unwrap();
    old.execute_batch(include_str!("../src/ledger/migrations/0001_initial.sql")).unwrap();
    old.pragma_update(None, "user_version", 1).unwrap();
    old.execute("INSERT INTO clients (kind, company_name) VALUES ('professional', 'Client d''avant')", []).unwrap();
    drop(old);

    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), ardoise::ledger::SCHEMA_VERSION);
    let backups = ledger.backups().unwrap();
    assert_eq!(backups.len(), 1);
    let expected = format!("ardoise_v1-v{}_migration.sqlite3", ardoise::ledger::SCHEMA_VERSION);
    assert_eq!((backups[0].file_name.as_str(), backups[0].reason), (expected.as_str(), Reason::Migration));
    let copy = rusqlite::Connection::open(&backups[0].path).unwrap();
    let version: i64 = copy.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
    let name: String = copy.query_row("SELECT company_name FROM clients", [], |row| row.get(0)).unwrap();
    assert_eq!((version, name.as_str()), (1, "Client d'avant"), "the backup is the ledger before the upgrade");

    // Opening it again upgrades nothing, so backs up nothing.
    drop(ledger);
    assert_eq!(Ledger::open(&path).unwrap().backups().unwrap().len(), 1);
}

#[test]
fn an_import_backs_the_ledger_up_first_and_the_backup_holds_the_state_before_it() {
    let folder = tempfile::tempdir().unwrap();
    let (mut ledger, _path) = demo_ledger(folder.path());
    let before = content(&ledger);
    let bytes = std::fs::read("tests/data/import/factures-utf8.csv").unwrap();
    let request = ardoise::desk::import::ImportRequest {
        file_name: "factures-utf8.csv",
        bytes: &bytes,
        sheet: None,
        mapping: None,
        today: "2026-11-22".parse().unwrap(),
        expected_sha256: None,
    };
    let (plan, record) = ardoise::desk::import::import_file(&mut ledger, &request, false, &mut |_| {}).unwrap();
    assert!(record.is_some() && plan.new > 0);
    assert_ne!(content(&ledger), before);

    let backups = ledger.backups().unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].reason, Reason::Import);
    assert!(backups[0].file_name.starts_with(&format!("ardoise_avant-import-{}", &plan.source.sha256[..12])));
    assert_eq!(content(&Ledger::open(&backups[0].path).unwrap()), before);

    // The same file again changes nothing, so it takes no backup either.
    ardoise::desk::import::import_file(&mut ledger, &request, false, &mut |_| {}).unwrap();
    assert_eq!(ledger.backups().unwrap().len(), 1);
}

#[test]
fn the_start_up_backup_copies_the_ledger_as_opened_while_it_is_written_to_then_once_a_day() {
    use ardoise::desk::ledger_file::start_up_backup;
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("ardoise.sqlite3");
    let opened_at = "2026-11-22T08:00:00".parse().unwrap();
    let empty = Ledger::open(&path).unwrap();
    assert!(start_up_backup(&empty, opened_at).unwrap().is_none(), "an empty ledger has nothing to keep");
    drop(empty);

    let (mut ledger, _) = demo_ledger(folder.path());
    let as_opened = content(&ledger);
    let begun = start_up_backup(&ledger, opened_at).unwrap().expect("the day's first opening backs up");
    // The window works on while the copy is written on a thread of its own.
    ledger.create_client(&new_client("Client créé pendant la sauvegarde")).unwrap();
    let written = std::thread::spawn(move || begun.write()).join().unwrap().unwrap();
    assert_eq!(written, backup::folder(&path).join("ardoise_2026-11-22_080000_demarrage.sqlite3"));
    assert_eq!(content(&Ledger::open(&written).unwrap()), as_opened, "the backup is the ledger as opened");
    assert_ne!(content(&ledger), as_opened, "and the ledger kept what was written meanwhile");

    let later = "2026-11-22T17:30:00".parse().unwrap();
    assert!(start_up_backup(&ledger, later).unwrap().is_none(), "one start-up backup a day");
    let next_day = "2026-11-23T08:00:00".parse().unwrap();
    let again = start_up_backup(&ledger, next_day).unwrap().expect("the next day's opening backs up again");
    again.write().unwrap();
    let startups = ledger.backups().unwrap().iter().filter(|b| b.reason == Reason::Startup).count();
    assert_eq!(startups, 2);
}

/// Two ledgers in one folder shared one `sauvegardes` folder: `backups` listed the other ledger's backups
/// and `restore` replaced this ledger by the other one (audit ops 3). Backups are named after their
/// ledger; another ledger's are neither listed nor restored, and backups named the old way (all
/// `ardoise_…`) stay the default ledger's, or a ledger's that has its folder to itself.
#[test]
fn a_backup_of_another_ledger_in_the_same_folder_is_neither_listed_nor_restored() {
    let folder = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&folder.path().join("l.db")).unwrap();
    ledger.create_client(&new_client("Client du registre l")).unwrap();
    let mine = content(&ledger);
    let own = ledger.back_up(Reason::Manual, "2026-12-07_220700").unwrap();
    assert_eq!(own.file_name().unwrap(), "l_2026-12-07_220700_manuelle.sqlite3");
    let mut other = Ledger::open(&folder.path().join("other.db")).unwrap();
    other.create_client(&new_client("Client de l'autre registre")).unwrap();
    let others = other.back_up(Reason::Manual, "2026-12-07_220722").unwrap();
    let others = others.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(others, "other_2026-12-07_220722_manuelle.sqlite3");

    let listed: Vec<String> = ledger.backups().unwrap().into_iter().map(|b| b.file_name).collect();
    assert_eq!(listed, ["l_2026-12-07_220700_manuelle.sqlite3"]);
    let refused = ledger.restore(&others, "2026-12-07_221000").unwrap_err().to_string();
    assert!(refused.contains(&format!("La sauvegarde « {others} » est celle d'un autre registre")), "{refused}");
    assert!(refused.contains("« l.db », qui n'a pas été modifié"), "{refused}");
    assert_eq!(content(&ledger), mine);

    // A backup named the old way, beside two ledgers: whose it is cannot be told, so it is not taken.
    let old_way = "ardoise_2026-12-07_220738_manuelle.sqlite3";
    std::fs::copy(folder.path().join("sauvegardes").join(&others), folder.path().join("sauvegardes").join(old_way))
        .unwrap();
    assert!(ledger.backups().unwrap().iter().all(|b| b.file_name != old_way));
    let refused = ledger.restore(old_way, "2026-12-07_221000").unwrap_err().to_string();
    assert!(refused.contains("version précédente"), "{refused}");
    assert_eq!(content(&ledger), mine);

    // Alone in its folder, a ledger keeps the backups an earlier version named the old way.
    let alone = tempfile::tempdir().unwrap();
    let mut single = Ledger::open(&alone.path().join("compta.db")).unwrap();
    let before = content(&single);
    let old = single.back_up(Reason::Manual, "2026-12-07_090000").unwrap();
    std::fs::rename(&old, old.with_file_name(old_way)).unwrap();
    single.create_client(&new_client("Ajouté après")).unwrap();
    assert_eq!(single.backups().unwrap()[0].file_name, old_way);
    single.restore(old_way, "2026-12-07_100000").unwrap();
    assert_eq!(content(&single), before);
}
