//! End-to-end: backups in Réglages, in the real window on a real ledger file. A backup on demand appears
//! with its date and size; after a change, restoring it takes two clicks and the window comes back on the
//! restored ledger, the replaced state kept as a backup; reopening the app takes the day's start-up
//! backup once. Screenshots `backups-NN-*` under `target/test-output/screenshots/`.
#![cfg(not(target_os = "macos"))]

mod common;

use ardoise::ledger::backups::Reason;
use ardoise::Ledger;
use common::*;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

fn letter_count(ledger: &Ledger) -> usize {
    ledger.export().unwrap().tables["letters"].len()
}

async fn backup_rows(window: &WebDriver) -> Vec<String> {
    let mut names = Vec::new();
    for row in window.find_all(By::Css("#backup-list tr[data-backup]")).await.unwrap() {
        names.push(row.attr("data-backup").await.unwrap().unwrap_or_default());
    }
    names
}

async fn wait_for_rows(window: &WebDriver, count: usize) -> Vec<String> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let rows = backup_rows(window).await;
        if rows.len() == count {
            return rows;
        }
        assert!(Instant::now() < deadline, "the backups list shows {rows:?}, not {count} rows");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_backs_up_changes_something_and_restores_the_backup_in_two_clicks() {
    let data_home = tempfile::tempdir().unwrap();
    let driver = Driver::start(data_home.path());
    let window = driver.open_window().await;
    window.set_window_rect(0, 0, 1280, 900).await.ok();
    click(&window, "#start-demo").await;
    wait_for(&window, "#proposal-cards .proposal-card").await;
    let file = ledger_file(data_home.path());
    let letters_before = letter_count(&Ledger::open(&file).unwrap());

    // Réglages: no backup yet (the demo was chosen on a first start), then one on demand.
    click(&window, "#nav-settings").await;
    let list = wait_for(&window, "#backup-list").await;
    wait_for_text(&list, "Aucune sauvegarde").await;
    click(&window, "#backup-create").await;
    let rows = wait_for_rows(&window, 1).await;
    let saved = rows[0].clone();
    assert!(saved.ends_with("_manuelle.sqlite3"), "{saved}");
    wait_for_text(&list, "Sauvegarde enregistrée.").await;
    wait_for_text(&list, "À la demande").await;
    wait_for_text(&list, " Ko").await;
    list.scroll_into_view().await.unwrap();
    screenshot(&window, "backups-01-settings").await;

    // A change after the backup: the first proposal accepted, a drafted letter in the file.
    click(&window, "#nav-dashboard").await;
    click(&window, "#proposal-cards .proposal-card .proposal-accept").await;
    let deadline = Instant::now() + PATIENCE;
    while letter_count(&Ledger::open(&file).unwrap()) != letters_before + 1 {
        assert!(Instant::now() < deadline, "the accepted proposal wrote no letter");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Restore: the first click only arms the button, the second restores.
    click(&window, "#nav-settings").await;
    wait_for_rows(&window, 1).await;
    let restore = format!("#backup-list button[data-file-name=\"{saved}\"]");
    click(&window, &restore).await;
    let armed = wait_for(&window, &restore).await;
    wait_for_text(&armed, "Confirmer la restauration").await;
    assert_eq!(letter_count(&Ledger::open(&file).unwrap()), letters_before + 1, "one click restores nothing");
    click_element(&armed, "« Confirmer la restauration »").await;

    // The window is back on the dashboard of the restored ledger; the replaced state was kept.
    wait_for(&window, "#proposal-cards .proposal-card").await;
    let restored = Ledger::open(&file).unwrap();
    assert_eq!(letter_count(&restored), letters_before);
    let backups = restored.backups().unwrap();
    assert_eq!(backups.len(), 2, "{backups:?}");
    let safety = backups.iter().find(|b| b.reason == Reason::Restore).expect("the state before the restore");
    assert_eq!(letter_count(&Ledger::open(&safety.path).unwrap()), letters_before + 1);
    screenshot(&window, "backups-02-after-restore").await;
    window.quit().await.unwrap();

    // Reopening the app takes the day's start-up backup, once.
    for _ in 0..2 {
        let window = driver.open_window().await;
        wait_for(&window, "#proposal-cards .proposal-card").await;
        window.quit().await.unwrap();
    }
    let backups = Ledger::open(&file).unwrap().backups().unwrap();
    assert_eq!(backups.iter().filter(|b| b.reason == Reason::Startup).count(), 1, "{backups:?}");
}
