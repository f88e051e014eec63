-- Ardoise ledger: the penalty figures a letter states, kept with its print (the audit of the accountant's
-- export). The export recomputed each letter's principal, interest, indemnity and total from the ledger
-- as it is today, as of the day the letter was printed: a payment recorded after the print but dated
-- before it (a bank import), a rate entered later or a credit note made the export differ from the PDF
-- that left. Each print now stores the breakdown its PDF states, in integer cents, beside its kept copy
-- (`printed_file`, `pdf_sha256`); a reprint replaces them with the reprint's, as it replaces the copy.
-- A letter printed before this migration has none (NULL): the export recomputes it and says so.

ALTER TABLE letters ADD COLUMN printed_principal_cents INTEGER;
ALTER TABLE letters ADD COLUMN printed_interest_cents INTEGER;
ALTER TABLE letters ADD COLUMN printed_indemnity_cents INTEGER;
ALTER TABLE letters ADD COLUMN printed_total_cents INTEGER;
