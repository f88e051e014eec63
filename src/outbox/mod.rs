//! The outbox, a storage-level layer beside the ledger: what leaves the computer by e-mail. `smtp.rs`
//! speaks SMTP to the user's mail server (STARTTLS or TLS through rustls and the system's trust store;
//! plain only to this computer) and says in French why a sending failed; `keychain.rs` keeps the SMTP
//! password in the system's keychain. Only the desk uses this layer; it names neither the ledger nor the
//! desk, and it writes no file.

pub mod keychain;
pub mod smtp;

pub use keychain::{Keychain, KeychainUnavailable};
pub use smtp::{Envelope, MailError, SmtpSession};
