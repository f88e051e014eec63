-- Ardoise ledger: wording you can stand behind (issue 13, second half). What the letters say of the
-- sender agrees with how the trader is addressed; a déclaration de créance states only what the user
-- confirmed; « fin de mois » payment terms on clients and invoices; a claim filed in court (injonction de
-- payer) is an event, since it interrupts prescription (C. civ. 2241). `logo_png` and `signature_png`
-- (schema 1) keep holding PNG bytes: a JPEG given by the user is converted to PNG before it is stored.

ALTER TABLE profile ADD COLUMN addressed_as TEXT NOT NULL DEFAULT ''
    CHECK (addressed_as IN ('', 'madame', 'monsieur', 'company'));

ALTER TABLE clients ADD COLUMN payment_terms_end_of_month INTEGER NOT NULL DEFAULT 0
    CHECK (payment_terms_end_of_month IN (0, 1));
-- What the user confirmed for the déclaration de créance: NULL until confirmed, '' for « none ».
ALTER TABLE clients ADD COLUMN claim_to_fall_due TEXT;
ALTER TABLE clients ADD COLUMN claim_securities TEXT;
ALTER TABLE clients ADD COLUMN claim_confirmed_on TEXT
    CHECK (claim_confirmed_on IS NULL OR date(claim_confirmed_on) IS claim_confirmed_on);

-- The invoice's own terms, when the due date was computed from them.
ALTER TABLE invoices ADD COLUMN payment_terms_days INTEGER CHECK (payment_terms_days BETWEEN 0 AND 365);
ALTER TABLE invoices ADD COLUMN payment_terms_end_of_month INTEGER NOT NULL DEFAULT 0
    CHECK (payment_terms_end_of_month IN (0, 1));

-- A new event kind, 'filing': SQLite cannot change a CHECK, so the table is rebuilt with the same rows.
-- Nothing references `events`, so it can be dropped and replaced within the migration's transaction.
CREATE TABLE events_rebuilt (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL
                 CHECK (kind IN ('note', 'call', 'promise', 'dispute', 'pause', 'procedure', 'filing')),
    date         TEXT NOT NULL CHECK (date(date) IS date),
    text         TEXT NOT NULL DEFAULT '',
    amount_cents INTEGER,
    until        TEXT CHECK (until IS NULL OR date(until) IS until),
    invoice_id   INTEGER REFERENCES invoices (id) ON DELETE SET NULL,
    closed_on    TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
INSERT INTO events_rebuilt (id, client_id, kind, date, text, amount_cents, until, invoice_id, closed_on, created_at)
    SELECT id, client_id, kind, date, text, amount_cents, until, invoice_id, closed_on, created_at FROM events;
DROP TABLE events;
ALTER TABLE events_rebuilt RENAME TO events;
CREATE INDEX events_by_client ON events (client_id, date);
