//! Ardoise's core: the ledger of what clients owe and everything derived from it, with no window and no
//! clock. Layers, each using only those below it (ARCHITECTURE.md): `desk` (the service layer both shells
//! call), `ledger` (storage) and beside it `outbox` (what leaves by e-mail: SMTP and the keychain),
//! `documents` (rendering), `import` (reading outside files), `domain` (the rules). The desktop shell
//! (`src-tauri/`) and the command line (`src/bin/ardoise/`) call the desk.

pub mod desk;
pub mod documents;
pub mod domain;
pub mod import;
pub mod ledger;
pub mod outbox;

pub use ledger::error::{LedgerError, Result};
pub use ledger::Ledger;

/// Every Rust allocation of the app, the command line, the tests and the benches goes to mimalloc rather
/// than the C library's malloc: reading a 100,000-row file makes a million small strings on two threads,
/// and glibc's malloc and free were half of that work (100,000 CSV rows typed in 200 ms, now 115 ms).
/// Built without its transparent huge pages (`no_thp`): on Linux, asking for them (Debian's `madvise`
/// setting grants them on request) made the kernel compact memory for each fresh 2 MB page once memory
/// was fragmented, and an import spent 0.5 s of system time zeroing and moving pages (100,000 CSV rows in
/// 1.12 s instead of 0.93 s, 9 runs each).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
