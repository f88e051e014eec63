-- Ardoise ledger: what the user decided on dunning proposals (F3). A skip passes over one step of the
-- ladder for the invoices listed; a snooze silences the client's proposals until a date.

CREATE TABLE proposal_decisions (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    decision    TEXT NOT NULL CHECK (decision IN ('skip', 'snooze')),
    letter_kind TEXT NOT NULL,
    ladder_step TEXT NOT NULL,
    decided_on  TEXT NOT NULL CHECK (date(decided_on) IS decided_on),
    until       TEXT CHECK (until IS NULL OR date(until) IS until),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (decision = 'skip' OR until IS NOT NULL)
) STRICT;
CREATE INDEX proposal_decisions_by_client ON proposal_decisions (client_id, decided_on);

CREATE TABLE proposal_decision_invoices (
    decision_id INTEGER NOT NULL REFERENCES proposal_decisions (id) ON DELETE CASCADE,
    invoice_id  INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    PRIMARY KEY (decision_id, invoice_id)
) STRICT;

CREATE INDEX letter_invoices_by_invoice ON letter_invoices (invoice_id);
CREATE INDEX plan_installments_by_plan ON plan_installments (plan_id, due_date);
