-- Ardoise ledger: the life of a letter (issue 13). A drafted or printed letter can be cancelled, with the
-- day and the reason, and stays in the client's history; the PDF printed is kept beside the ledger (its
-- file name inside the archive's « imprimés » folder, its SHA-256 in the existing `pdf_sha256`) so that
-- recording the sending archives exactly those bytes; a payment plan can be abandoned, with its reason
-- (`closed_on`, already there, is the day). A letter keeps the variant it was drafted with (« with_fees »).

ALTER TABLE letters ADD COLUMN cancelled_on TEXT CHECK (cancelled_on IS NULL OR date(cancelled_on) IS cancelled_on);
ALTER TABLE letters ADD COLUMN cancel_reason TEXT;
ALTER TABLE letters ADD COLUMN printed_on TEXT CHECK (printed_on IS NULL OR date(printed_on) IS printed_on);
ALTER TABLE letters ADD COLUMN printed_file TEXT;
ALTER TABLE letters ADD COLUMN variant TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN abandon_reason TEXT;
CREATE INDEX letters_by_status ON letters (status, drafted_on);
