-- Ardoise ledger: what the bank kept of a credit as its charges (a CAMT `Chrgs` included in the entry's
-- amount), beside the amount booked: the payment records what the payer paid, the amount booked plus
-- these, and the livre des recettes says what the bank kept. Lines of earlier versions kept none.
ALTER TABLE bank_lines ADD COLUMN charges_cents INTEGER NOT NULL DEFAULT 0 CHECK (charges_cents >= 0);
