//! The SMTP password in the system's keychain (Secret Service on Linux, the macOS Keychain, the Windows
//! Credential Manager), through the keyring crate, under the service `fr.ardoise.app` and one account per
//! login and server. Where no keychain answers (a Linux session without Secret Service, a headless
//! machine) every call says so with `KeychainUnavailable`: the desk then asks for the password once per
//! session and keeps it in memory only. Nothing here writes the password to a file.

use keyring::credential::CredentialBuilder;
use keyring::{Entry, Error as KeyringError};
use std::collections::HashMap;

/// The keychain service name: the application's identifier.
pub const SERVICE: &str = "fr.ardoise.app";

/// The keychain cannot be used on this computer; in French, with what Ardoise does instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Le trousseau du système n'est pas disponible ({0}) : Ardoise demandera le mot de passe une fois par session \
     et ne l'écrira nulle part."
)]
pub struct KeychainUnavailable(pub String);

/// The keychain, with the entries already opened (an entry is opened once per account and kept, which is
/// also what lets keyring's in-memory mock store answer what was stored in it).
pub struct Keychain {
    store: Option<Box<CredentialBuilder>>,
    entries: HashMap<String, Entry>,
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keychain").field("accounts", &self.entries.keys().collect::<Vec<_>>()).finish()
    }
}

impl Keychain {
    /// The system's keychain.
    pub fn system() -> Keychain {
        Keychain { store: None, entries: HashMap::new() }
    }

    /// Another credential store (tests use keyring's mock store, or one that always fails as a machine
    /// without Secret Service does).
    pub fn with_store(store: Box<CredentialBuilder>) -> Keychain {
        Keychain { store: Some(store), entries: HashMap::new() }
    }

    /// The password kept for `account`, None when there is none.
    pub fn password(&mut self, account: &str) -> Result<Option<String>, KeychainUnavailable> {
        match self.entry(account)?.get_password() {
            Ok(password) => Ok(Some(password)),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(error) => Err(unavailable(&error)),
        }
    }

    /// Keeps `password` for `account`, replacing any other.
    pub fn store(&mut self, account: &str, password: &str) -> Result<(), KeychainUnavailable> {
        self.entry(account)?.set_password(password).map_err(|error| unavailable(&error))
    }

    /// Forgets the password of `account` (nothing to forget is not an error).
    pub fn forget(&mut self, account: &str) -> Result<(), KeychainUnavailable> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(error) => Err(unavailable(&error)),
        }
    }

    fn entry(&mut self, account: &str) -> Result<&Entry, KeychainUnavailable> {
        if !self.entries.contains_key(account) {
            let entry = match &self.store {
                None => Entry::new(SERVICE, account).map_err(|error| unavailable(&error))?,
                Some(store) => Entry::new_with_credential(
                    store.build(None, SERVICE, account).map_err(|error| unavailable(&error))?,
                ),
            };
            self.entries.insert(account.to_string(), entry);
        }
        Ok(&self.entries[account])
    }
}

/// What the keychain said, in French.
fn unavailable(error: &KeyringError) -> KeychainUnavailable {
    KeychainUnavailable(match error {
        KeyringError::PlatformFailure(cause) | KeyringError::NoStorageAccess(cause) => {
            let said = cause.to_string();
            if said.contains("org.freedesktop.secrets") || said.contains("DBus") || said.contains("D-Bus") {
                "aucun service de trousseau (Secret Service) ne répond dans cette session".to_string()
            } else {
                format!("le trousseau a répondu : {said}")
            }
        }
        KeyringError::BadEncoding(_) => "le mot de passe gardé n'est pas du texte".to_string(),
        other => format!("le trousseau a répondu : {other}"),
    })
}
