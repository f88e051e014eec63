//! The shell's state: the open ledger behind a mutex, the e-mail session (`Mailer`: the keychain and the
//! password given this session), and "today".

use ardoise::desk::email::Mailer;
use ardoise::desk::ledger_file;
use ardoise::desk::Ledger;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

/// The ledger the window works on.
pub struct AppState {
    ledger: Mutex<Ledger>,
    mailer: Mutex<Mailer>,
    pub path: PathBuf,
    /// A fixed "today" for demonstrations and end-to-end tests (`ARDOISE_TODAY=2026-11-22`).
    today_override: Option<NaiveDate>,
}

/// When the process started, for the start-up measurement (`ARDOISE_STARTUP_PROBE=1`).
pub struct StartupClock(pub std::time::Instant);

impl AppState {
    /// Opens the ledger in the data folder (`ARDOISE_DB` overrides the file, for tests and power users).
    pub fn open_default() -> Result<AppState, String> {
        let path = match std::env::var_os("ARDOISE_DB") {
            Some(path) => PathBuf::from(path),
            None => ledger_file::default_ledger_path()
                .ok_or("aucun dossier de données utilisateur n'a été trouvé sur ce système.")?,
        };
        let ledger = ledger_file::open(&path).map_err(|error| error.to_string())?;
        // The day's first backup copies the ledger as opened, on a thread of its own while the window
        // starts. A failed one is reported and the window works on: the ledger itself is intact.
        let report = |error: ardoise::desk::Error| eprintln!("Ardoise : sauvegarde à l'ouverture impossible : {error}");
        match ledger_file::start_up_backup(&ledger, chrono::Local::now().naive_local()) {
            Ok(Some(backup)) => {
                std::thread::spawn(move || backup.write().map(drop).unwrap_or_else(report));
            }
            Ok(None) => {}
            Err(error) => report(error),
        }
        let today_override = match std::env::var("ARDOISE_TODAY") {
            Ok(text) => Some(
                ardoise::desk::forms::date("ARDOISE_TODAY", &text)
                    .map_err(|error| format!("ARDOISE_TODAY : {error}"))?,
            ),
            Err(_) => None,
        };
        // `ARDOISE_SMTP_CA` names an authority to trust beside the system's (a company's own server).
        let mut mailer = Mailer::system();
        if let Some(file) = std::env::var_os("ARDOISE_SMTP_CA") {
            let pem = std::fs::read(&file).map_err(|error| {
                format!(
                    "ARDOISE_SMTP_CA : « {} » illisible ({})",
                    file.to_string_lossy(),
                    ardoise::desk::format::io_in_french(&error)
                )
            })?;
            mailer.trust_certificate(pem);
        }
        Ok(AppState { ledger: Mutex::new(ledger), mailer: Mutex::new(mailer), path, today_override })
    }

    /// The ledger, locked for the duration of one command.
    pub fn ledger(&self) -> MutexGuard<'_, Ledger> {
        // A panic while holding the lock leaves the connection usable: SQLite rolled back the transaction.
        self.ledger.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The e-mail session, locked for the duration of one command (always after the ledger's lock).
    pub fn mailer(&self) -> MutexGuard<'_, Mailer> {
        self.mailer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The moment an e-mail leaves: today (overridable) at the clock's time, with the local offset.
    pub fn moment(&self) -> chrono::DateTime<chrono::FixedOffset> {
        let now = chrono::Local::now().fixed_offset();
        match self.today_override {
            Some(day) => day.and_time(now.time()).and_local_timezone(*now.offset()).single().unwrap_or(now),
            None => now,
        }
    }

    /// The local date and time now, which labels a backup taken now.
    pub fn now(&self) -> chrono::NaiveDateTime {
        chrono::Local::now().naive_local()
    }

    /// Today's date, from the clock unless overridden.
    pub fn today(&self) -> NaiveDate {
        self.today_override.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}
