-- Ardoise ledger: invoices' documents and credit notes (issue 17). An invoice may have one document, the
-- PDF of the invoice itself: the Factur-X an import read it from, or a PDF the user gave by hand. The
-- bytes live beside the ledger, content-addressed (`archive/factures/<sha256>.pdf`, one file for the same
-- bytes however many rows name it); the row says which file, under which name the user knew it, and
-- which import brought it (the undo takes back exactly that). A credit note names the invoice it corrects.

ALTER TABLE invoices ADD COLUMN corrects TEXT;

CREATE TABLE invoice_documents (
    invoice_id  INTEGER PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    -- The file's name as the user gave it (« F2026-068.pdf »), for lists and attachments; never a path.
    file_name   TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('import', 'hand')),
    import_id   INTEGER REFERENCES imports (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX invoice_documents_by_sha256 ON invoice_documents (sha256);
CREATE INDEX invoice_documents_by_import ON invoice_documents (import_id) WHERE import_id IS NOT NULL;
