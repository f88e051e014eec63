-- Ardoise ledger: bank statements (F11). Every statement imported (`bank_imports`), the credit lines of it
-- the user decided on (`bank_lines`: recorded as payments, or left out), so that the same statement
-- imported again, or an overlapping later one, records nothing twice; the payment each recorded line
-- became (`payments.bank_line_id`); the IBANs seen paying for a client (`client_ibans`), which the matcher
-- recognises next time. Lines left for later, debits, pending and reversed lines are not kept: they are
-- read again from the next statement.

CREATE TABLE bank_imports (
    id              INTEGER PRIMARY KEY,
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    format          TEXT NOT NULL CHECK (format IN ('csv', 'ofx1', 'ofx2', 'cfonb120', 'camt053')),
    -- The bank recognised from a CSV's layout, or the CAMT version.
    layout          TEXT,
    -- The account the statement covers (IBAN or account number, as written), '' when it does not say.
    account         TEXT NOT NULL DEFAULT '',
    first_date      TEXT CHECK (first_date IS NULL OR date(first_date) IS first_date),
    last_date       TEXT CHECK (last_date IS NULL OR date(last_date) IS last_date),
    line_count      INTEGER NOT NULL DEFAULT 0 CHECK (line_count >= 0),
    recorded_count  INTEGER NOT NULL DEFAULT 0 CHECK (recorded_count >= 0),
    payment_count   INTEGER NOT NULL DEFAULT 0 CHECK (payment_count >= 0),
    recorded_cents  INTEGER NOT NULL DEFAULT 0 CHECK (recorded_cents >= 0),
    left_out_count  INTEGER NOT NULL DEFAULT 0 CHECK (left_out_count >= 0),
    -- Debits, pending and reversed lines, and lines imported before.
    set_aside_count INTEGER NOT NULL DEFAULT 0 CHECK (set_aside_count >= 0),
    -- The CSV mapping this import remembered, and the one it replaced (NULL: none), for an exact undo.
    mapping_key     TEXT,
    mapping_before  TEXT,
    imported_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    undone_at       TEXT
) STRICT;

CREATE TABLE bank_lines (
    id                INTEGER PRIMARY KEY,
    bank_import_id    INTEGER NOT NULL REFERENCES bank_imports (id) ON DELETE CASCADE,
    account           TEXT NOT NULL,
    -- `import::bank::fingerprint_lines`: stable across overlapping statements of one account and format.
    fingerprint       TEXT NOT NULL,
    -- The line's place in its file, as the preview named it.
    position          INTEGER NOT NULL,
    booking_date      TEXT NOT NULL CHECK (date(booking_date) IS booking_date),
    value_date        TEXT CHECK (value_date IS NULL OR date(value_date) IS value_date),
    amount_cents      INTEGER NOT NULL CHECK (amount_cents > 0),
    label             TEXT NOT NULL,
    details           TEXT NOT NULL DEFAULT '',
    reference         TEXT,
    counterparty_name TEXT,
    counterparty_iban TEXT,
    bank_reference    TEXT,
    decision          TEXT NOT NULL CHECK (decision IN ('recorded', 'left_out')),
    UNIQUE (account, fingerprint)
) STRICT;
CREATE INDEX bank_lines_by_import ON bank_lines (bank_import_id);
CREATE INDEX bank_lines_by_date ON bank_lines (booking_date, amount_cents);

ALTER TABLE payments ADD COLUMN bank_line_id INTEGER REFERENCES bank_lines (id) ON DELETE RESTRICT;
CREATE INDEX payments_by_bank_line ON payments (bank_line_id) WHERE bank_line_id IS NOT NULL;

CREATE TABLE client_ibans (
    client_id      INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    -- Compact, upper case.
    iban           TEXT NOT NULL CHECK (length(iban) BETWEEN 15 AND 34),
    first_seen     TEXT NOT NULL CHECK (date(first_seen) IS first_seen),
    -- The statement it was learned from (NULL once that import is gone).
    bank_import_id INTEGER REFERENCES bank_imports (id) ON DELETE SET NULL,
    PRIMARY KEY (client_id, iban)
) STRICT;
CREATE INDEX client_ibans_by_import ON client_ibans (bank_import_id) WHERE bank_import_id IS NOT NULL;
