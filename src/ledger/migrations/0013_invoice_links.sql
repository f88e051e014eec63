-- Ardoise ledger: an index on every column that names an invoice and had none (issue 19). Foreign keys
-- are on, so deleting an invoice (an import undone, an invoice deleted by hand) looks in each table that
-- names invoices for rows naming it: without an index, a scan of the whole table for each invoice. On a
-- ledger of 100,000 invoices with 600 events and 200 plan lines, deleting 20,000 invoices took 1.37 s,
-- and 0.13 s with these indexes; the time grew with the events kept.

CREATE INDEX events_by_invoice ON events (invoice_id);
CREATE INDEX plan_invoices_by_invoice ON plan_invoices (invoice_id);
CREATE INDEX proposal_decision_invoices_by_invoice ON proposal_decision_invoices (invoice_id);
