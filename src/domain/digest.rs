//! The fingerprint of a file's bytes (SHA-256, in lowercase hex): what the evidence archive, the import
//! history and the whole-ledger bundle record so that a changed file is recognised.

use sha2::{Digest, Sha256};

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha256(&[bytes]).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The SHA-256 of `parts` one after another (a PDF's file identifier, an image's key in a batch).
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_digest_of_known_bytes_is_the_published_one() {
        assert_eq!(super::sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
