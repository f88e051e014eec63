-- Ardoise ledger, schema 1: the whole of F1.
-- Money is INTEGER cents; dates are TEXT 'YYYY-MM-DD'. Audit timestamps (created_at, updated_at,
-- imported_at) are written by SQLite in UTC and never read by the domain: the core takes 'today' as input.
-- Invoice status and balances are derived in queries (src/ledger/mod.rs, PAID_AS_OF), never stored.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE profile (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    legal_name         TEXT NOT NULL DEFAULT '',
    trade_name         TEXT NOT NULL DEFAULT '',
    address_complement TEXT NOT NULL DEFAULT '',
    address_building   TEXT NOT NULL DEFAULT '',
    address_street     TEXT NOT NULL DEFAULT '',
    address_locality   TEXT NOT NULL DEFAULT '',
    address_postcode   TEXT NOT NULL DEFAULT '',
    address_town       TEXT NOT NULL DEFAULT '',
    address_country    TEXT NOT NULL DEFAULT '',
    siren_siret        TEXT NOT NULL DEFAULT '',
    registry           TEXT NOT NULL DEFAULT '',
    vat_number         TEXT NOT NULL DEFAULT '',
    vat_exempt         INTEGER NOT NULL DEFAULT 0 CHECK (vat_exempt IN (0, 1)),
    phone              TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    iban               TEXT NOT NULL DEFAULT '',
    bic                TEXT NOT NULL DEFAULT '',
    signature_town     TEXT NOT NULL DEFAULT '',
    logo_png           BLOB,
    signature_png      BLOB
) STRICT;

CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    imported_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    sheet           TEXT,
    new_count       INTEGER NOT NULL DEFAULT 0,
    updated_count   INTEGER NOT NULL DEFAULT 0,
    unchanged_count INTEGER NOT NULL DEFAULT 0,
    rejected_count  INTEGER NOT NULL DEFAULT 0,
    undone_at       TEXT
) STRICT;

-- What an import changed, so that it can be undone exactly: the row before (JSON) or NULL if created.
CREATE TABLE import_changes (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('client', 'invoice', 'payment')),
    entity_id   INTEGER NOT NULL,
    before_json TEXT
) STRICT;
CREATE INDEX import_changes_by_import ON import_changes (import_id);

-- Column mappings remembered per spreadsheet layout (a hash of the header row).
CREATE TABLE import_mappings (
    layout_key   TEXT PRIMARY KEY,
    mapping_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE clients (
    id                     INTEGER PRIMARY KEY,
    kind                   TEXT NOT NULL CHECK (kind IN ('professional', 'consumer')),
    company_name           TEXT NOT NULL DEFAULT '',
    civility               TEXT NOT NULL DEFAULT '',
    first_name             TEXT NOT NULL DEFAULT '',
    last_name              TEXT NOT NULL DEFAULT '',
    contact_person         TEXT NOT NULL DEFAULT '',
    address_complement     TEXT NOT NULL DEFAULT '',
    address_building       TEXT NOT NULL DEFAULT '',
    address_street         TEXT NOT NULL DEFAULT '',
    address_locality       TEXT NOT NULL DEFAULT '',
    address_postcode       TEXT NOT NULL DEFAULT '',
    address_town           TEXT NOT NULL DEFAULT '',
    address_country        TEXT NOT NULL DEFAULT '',
    email                  TEXT NOT NULL DEFAULT '',
    phone                  TEXT NOT NULL DEFAULT '',
    siren_siret            TEXT NOT NULL DEFAULT '',
    segment                TEXT NOT NULL DEFAULT 'regular'
                           CHECK (segment IN ('new', 'regular', 'chronic_late_payer', 'key_account', 'micro_business')),
    notes                  TEXT NOT NULL DEFAULT '',
    payment_terms_days     INTEGER CHECK (payment_terms_days BETWEEN 0 AND 365),
    status                 TEXT NOT NULL DEFAULT 'active'
                           CHECK (status IN ('active', 'in_dispute', 'collective_procedure')),
    procedure_opening_date TEXT CHECK (procedure_opening_date IS NULL OR date(procedure_opening_date) IS procedure_opening_date),
    procedure_bodacc_date  TEXT CHECK (procedure_bodacc_date IS NULL OR date(procedure_bodacc_date) IS procedure_bodacc_date),
    mandataire_name        TEXT NOT NULL DEFAULT '',
    mandataire_address     TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX clients_by_siren ON clients (siren_siret) WHERE siren_siret <> '';
CREATE INDEX clients_by_email ON clients (email) WHERE email <> '';

CREATE TABLE invoices (
    id                     INTEGER PRIMARY KEY,
    number                 TEXT NOT NULL UNIQUE,
    client_id              INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    issue_date             TEXT NOT NULL CHECK (date(issue_date) IS issue_date),
    due_date               TEXT NOT NULL CHECK (date(due_date) IS due_date) CHECK (due_date >= issue_date),
    amount_cents           INTEGER NOT NULL CHECK (amount_cents <> 0),
    amount_excl_vat_cents  INTEGER,
    object                 TEXT NOT NULL DEFAULT '',
    penalty_rate           TEXT,
    written_off_on         TEXT CHECK (written_off_on IS NULL OR date(written_off_on) IS written_off_on),
    import_id              INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    created_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX invoices_by_client ON invoices (client_id, due_date);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    date         TEXT NOT NULL CHECK (date(date) IS date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    method       TEXT NOT NULL CHECK (method IN ('transfer', 'cheque', 'card', 'direct_debit', 'cash')),
    reference    TEXT NOT NULL DEFAULT '',
    import_id    INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX payments_by_client ON payments (client_id, date);

CREATE TABLE payment_allocations (
    payment_id   INTEGER NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (payment_id, invoice_id)
) STRICT;
CREATE INDEX payment_allocations_by_invoice ON payment_allocations (invoice_id);

CREATE TABLE payment_rejections (
    payment_id  INTEGER PRIMARY KEY REFERENCES payments (id) ON DELETE CASCADE,
    date        TEXT NOT NULL CHECK (date(date) IS date),
    fees_cents  INTEGER NOT NULL DEFAULT 0 CHECK (fees_cents >= 0),
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;

-- Notes, calls, promises, disputes, pauses and procedure steps; letters and plans have their own tables.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('note', 'call', 'promise', 'dispute', 'pause', 'procedure')),
    date         TEXT NOT NULL CHECK (date(date) IS date),
    text         TEXT NOT NULL DEFAULT '',
    amount_cents INTEGER,
    until        TEXT CHECK (until IS NULL OR date(until) IS until),
    invoice_id   INTEGER REFERENCES invoices (id) ON DELETE SET NULL,
    closed_on    TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX events_by_client ON events (client_id, date);

CREATE TABLE letters (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    kind             TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'drafted'
                     CHECK (status IN ('drafted', 'printed', 'sent', 'cancelled')),
    drafted_on       TEXT NOT NULL CHECK (date(drafted_on) IS drafted_on),
    dispatch         TEXT NOT NULL CHECK (dispatch IN ('email', 'simple', 'registered')),
    ladder_step      TEXT,
    reason           TEXT NOT NULL DEFAULT '',
    body_override    TEXT,
    sent_on          TEXT CHECK (sent_on IS NULL OR date(sent_on) IS sent_on),
    tracking_number  TEXT,
    guarantee_level  TEXT CHECK (guarantee_level IN ('R1', 'R2', 'R3')),
    with_receipt     INTEGER NOT NULL DEFAULT 0 CHECK (with_receipt IN (0, 1)),
    deposit_date     TEXT CHECK (deposit_date IS NULL OR date(deposit_date) IS deposit_date),
    receipt_date     TEXT CHECK (receipt_date IS NULL OR date(receipt_date) IS receipt_date),
    delivery_outcome TEXT CHECK (delivery_outcome IN ('received', 'unclaimed', 'returned')),
    pdf_path         TEXT,
    pdf_sha256       TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX letters_by_client ON letters (client_id, drafted_on);

CREATE TABLE letter_invoices (
    letter_id  INTEGER NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    PRIMARY KEY (letter_id, invoice_id)
) STRICT;

CREATE TABLE plans (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    status             TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'sent', 'active', 'completed', 'broken', 'cancelled')),
    drafted_on         TEXT NOT NULL CHECK (date(drafted_on) IS drafted_on),
    frequency          TEXT NOT NULL DEFAULT 'monthly' CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
    with_fees          INTEGER NOT NULL DEFAULT 0 CHECK (with_fees IN (0, 1)),
    principal_cents    INTEGER NOT NULL,
    fees_cents         INTEGER NOT NULL DEFAULT 0,
    down_payment_cents INTEGER NOT NULL DEFAULT 0,
    signed_on          TEXT CHECK (signed_on IS NULL OR date(signed_on) IS signed_on),
    closed_on          TEXT CHECK (closed_on IS NULL OR date(closed_on) IS closed_on),
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE plan_installments (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    sequence     INTEGER NOT NULL,
    due_date     TEXT NOT NULL CHECK (date(due_date) IS due_date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    UNIQUE (plan_id, sequence)
) STRICT;

CREATE TABLE plan_invoices (
    plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
    PRIMARY KEY (plan_id, invoice_id)
) STRICT;

-- A payment settles only its own client's invoices, whatever wrote the allocation (a form, an import,
-- a loaded export).
CREATE TRIGGER payment_allocations_same_client
BEFORE INSERT ON payment_allocations
WHEN (SELECT client_id FROM payments WHERE id = NEW.payment_id)
     IS NOT (SELECT client_id FROM invoices WHERE id = NEW.invoice_id)
BEGIN
    SELECT RAISE(ABORT, 'allocation to an invoice of another client');
END;
