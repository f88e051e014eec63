-- Ardoise ledger: registered mail and proof (F7). The first presentation of a letter left unclaimed at
-- the post office (its deadline counts from that day), the day a returned letter came back, and the
-- evidence archive: every file kept as proof (a letter's PDF as sent, the scan of a deposit proof or of a
-- signed acknowledgement of receipt), stored next to the ledger with its SHA-256.

ALTER TABLE letters ADD COLUMN presented_on TEXT CHECK (presented_on IS NULL OR date(presented_on) IS presented_on);
ALTER TABLE letters ADD COLUMN returned_on TEXT CHECK (returned_on IS NULL OR date(returned_on) IS returned_on);

CREATE TABLE archive_files (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    letter_id   INTEGER REFERENCES letters (id) ON DELETE RESTRICT,
    role        TEXT NOT NULL CHECK (role IN ('letter', 'deposit_proof', 'receipt')),
    -- The file's name inside the archive folder (never a path).
    file_name   TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    archived_on TEXT NOT NULL CHECK (date(archived_on) IS archived_on),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX archive_files_by_letter ON archive_files (letter_id);
CREATE INDEX archive_files_by_client ON archive_files (client_id);
