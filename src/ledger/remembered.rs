//! Derived figures remembered in memory, never in the ledger file, and never stale: each is kept with the
//! date it was asked for and the ledger's version when it was computed, and is computed again as soon as
//! either differs. The version moves with every change: a counter bumped by every unit of work
//! (`Ledger::atomically`) and every restore, SQLite's count of rows this connection changed (a single
//! statement outside a unit), and SQLite's `data_version` (a change by another connection to the file).

use super::Ledger;
use crate::ledger::error::Result;
use chrono::NaiveDate;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

/// What a derived figure was computed from: the date asked and the ledger's version then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Version {
    units: u64,
    rows_changed: u64,
    data_version: i64,
}

/// One remembered figure: the date asked, the ledger's version then, and the figure (of any type).
type Entry = (NaiveDate, Version, Arc<dyn Any + Send + Sync>);

/// The remembered figures of one open ledger, by name (one date each: the last asked).
#[derive(Default)]
pub(crate) struct Remembered {
    /// Bumped by every unit of work, committed or rolled back, and every restore.
    units: Cell<u64>,
    figures: RefCell<HashMap<&'static str, Entry>>,
}

impl std::fmt::Debug for Remembered {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.figures.borrow().keys().copied().collect();
        formatter.debug_struct("Remembered").field("units", &self.units.get()).field("figures", &names).finish()
    }
}

impl Remembered {
    /// Marks a change: every remembered figure is computed again when next asked.
    pub(crate) fn bump(&self) {
        self.units.set(self.units.get().wrapping_add(1));
    }
}

impl Ledger {
    /// The figure `name` as of `as_of`: the one remembered if nothing changed in the ledger since it was
    /// computed for that date, else `compute`'s (then remembered). `compute` must depend only on the
    /// ledger's content and the date.
    pub fn remembered<T, E>(
        &self,
        name: &'static str,
        as_of: NaiveDate,
        compute: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
        E: From<crate::ledger::error::LedgerError>,
    {
        let version = self.version()?;
        if let Some((date, seen, figure)) = self.remembered.figures.borrow().get(name) {
            if *date == as_of && *seen == version {
                if let Ok(figure) = Arc::clone(figure).downcast::<T>() {
                    return Ok(figure);
                }
            }
        }
        let figure = Arc::new(compute()?);
        // Computing reads only; the version read before still describes what was read.
        let erased: Arc<dyn Any + Send + Sync> = figure.clone();
        self.remembered.figures.borrow_mut().insert(name, (as_of, version, erased));
        Ok(figure)
    }

    /// Forgets every remembered figure (the benchmarks time the computation itself with it).
    pub fn forget_remembered(&self) {
        self.remembered.figures.borrow_mut().clear();
    }

    fn version(&self) -> Result<Version> {
        Ok(Version {
            units: self.remembered.units.get(),
            rows_changed: self.connection.total_changes(),
            data_version: self.connection.pragma_query_value(None, "data_version", |row| row.get(0))?,
        })
    }
}
