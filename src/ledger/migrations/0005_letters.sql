-- Ardoise ledger: the user's edited copies of letter templates (F5). The originals are embedded in the
-- program; a copy overrides the original of the same name until it is restored (deleted).

CREATE TABLE letter_templates (
    name       TEXT PRIMARY KEY,
    source     TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
