-- Ardoise ledger: the books kept every month (F13). What an invoice sells, goods or services, as the livre
-- des recettes and the URSSAF declaration keep them apart: NULL on an invoice means its client's default,
-- NULL on a client the ledger's (the `default_nature` setting, services until changed). The indexes serve
-- the book's queries by date: receipts and rejections of a period, write-offs of a period.

ALTER TABLE invoices ADD COLUMN nature TEXT CHECK (nature IS NULL OR nature IN ('goods', 'services'));
ALTER TABLE clients ADD COLUMN default_nature TEXT CHECK (default_nature IS NULL OR default_nature IN ('goods', 'services'));
CREATE INDEX payments_by_date ON payments (date);
CREATE INDEX payment_rejections_by_date ON payment_rejections (date);
CREATE INDEX invoices_by_write_off ON invoices (written_off_on) WHERE written_off_on IS NOT NULL;
