-- Ardoise ledger: letters sent by e-mail (issue 16). A letter whose dispatch is e-mail may carry the
-- user's edit of its e-mail's subject and body; the message that left is archived as it was (an `.eml`,
-- archive role 'email'), and its sending keeps the Message-ID, the recipient, the moment, how it left
-- (through the user's SMTP server, or handed to the user's own mail program) and the server's reply,
-- linked to the letter (and through it to its invoices) and to the archived file.

ALTER TABLE letters ADD COLUMN email_subject TEXT;
ALTER TABLE letters ADD COLUMN email_body TEXT;

-- A new archive role, 'email': SQLite cannot change a CHECK, so the table is rebuilt with the same rows.
-- Nothing references `archive_files` yet, so it can be dropped and replaced within the migration.
CREATE TABLE archive_files_rebuilt (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    letter_id   INTEGER REFERENCES letters (id) ON DELETE RESTRICT,
    role        TEXT NOT NULL CHECK (role IN ('letter', 'deposit_proof', 'receipt', 'email')),
    -- The file's name inside the archive folder (never a path).
    file_name   TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    archived_on TEXT NOT NULL CHECK (date(archived_on) IS archived_on),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
INSERT INTO archive_files_rebuilt (id, client_id, letter_id, role, file_name, sha256, archived_on, created_at)
    SELECT id, client_id, letter_id, role, file_name, sha256, archived_on, created_at FROM archive_files;
DROP TABLE archive_files;
ALTER TABLE archive_files_rebuilt RENAME TO archive_files;
CREATE INDEX archive_files_by_letter ON archive_files (letter_id);
CREATE INDEX archive_files_by_client ON archive_files (client_id);

CREATE TABLE email_sendings (
    letter_id       INTEGER PRIMARY KEY REFERENCES letters (id) ON DELETE RESTRICT,
    archive_file_id INTEGER NOT NULL UNIQUE REFERENCES archive_files (id) ON DELETE RESTRICT,
    message_id      TEXT NOT NULL UNIQUE CHECK (message_id LIKE '<%@%>'),
    recipient       TEXT NOT NULL,
    -- The moment in the message's Date line, RFC 3339.
    sent_at         TEXT NOT NULL,
    sent_on         TEXT NOT NULL CHECK (date(sent_on) IS sent_on),
    way             TEXT NOT NULL CHECK (way IN ('smtp', 'mail_program')),
    server_reply    TEXT NOT NULL,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
