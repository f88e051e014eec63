-- Ardoise ledger: a payment whose method nobody gave (an invoicing tool's « Payé » column, an e-invoice's
-- prepaid amount, a bank line whose words name no method) is recorded as 'unspecified', never as a
-- transfer the books and letters would then state. SQLite cannot change a CHECK, so `payments` is rebuilt
-- with the same rows, ids and column order. `payment_allocations` and `payment_rejections` reference it by
-- name: `Ledger::migrate` runs migrations with foreign keys off (dropping the old table would otherwise
-- cascade into them) and checks every reference before committing. The trigger that reads `payments` is
-- dropped first and created again after, and the table's indexes are created again.

DROP TRIGGER payment_allocations_same_client;

CREATE TABLE payments_rebuilt (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    date         TEXT NOT NULL CHECK (date(date) IS date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    method       TEXT NOT NULL
                 CHECK (method IN ('transfer', 'cheque', 'card', 'direct_debit', 'cash', 'unspecified')),
    reference    TEXT NOT NULL DEFAULT '',
    import_id    INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    bank_line_id INTEGER REFERENCES bank_lines (id) ON DELETE RESTRICT
) STRICT;
INSERT INTO payments_rebuilt (id, client_id, date, amount_cents, method, reference, import_id, created_at, bank_line_id)
    SELECT id, client_id, date, amount_cents, method, reference, import_id, created_at, bank_line_id FROM payments;
DROP TABLE payments;
ALTER TABLE payments_rebuilt RENAME TO payments;
CREATE INDEX payments_by_client ON payments (client_id, date);
CREATE INDEX payments_by_bank_line ON payments (bank_line_id) WHERE bank_line_id IS NOT NULL;
CREATE INDEX payments_by_date ON payments (date);

CREATE TRIGGER payment_allocations_same_client
BEFORE INSERT ON payment_allocations
WHEN (SELECT client_id FROM payments WHERE id = NEW.payment_id)
     IS NOT (SELECT client_id FROM invoices WHERE id = NEW.invoice_id)
BEGIN
    SELECT RAISE(ABORT, 'allocation to an invoice of another client');
END;
