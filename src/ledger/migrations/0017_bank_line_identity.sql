-- Ardoise ledger: a bank line with the bank's own identifier (OFX `FITID`, CAMT `AcctSvcrRef`, a CSV
-- transaction id) is the same line only if its booking date and amount are the same too: banks reuse
-- identifiers, and a later statement's different payment was set aside as « déjà importée ». Its
-- fingerprint (`import::bank::fingerprint_lines`) was the hash of the account and identifier alone; it is
-- now that hash followed by `|<booking date>|<amount in cents>|<rank among the file's lines sharing them>`.
-- The keys kept by earlier versions are written in the new form from the date and amount stored beside
-- them, so that a statement imported before is still recognised. Their rank is 1: the uniqueness of
-- (account, fingerprint) let no earlier version keep two lines of one identifier.
UPDATE bank_lines
SET fingerprint = fingerprint || '|' || booking_date || '|' || amount_cents || '|1'
WHERE bank_reference IS NOT NULL AND instr(fingerprint, '|') = 0;
