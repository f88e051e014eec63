-- Ardoise ledger: an import records the disputes its file states (a status « Litige », « Contestée »), and
-- its undo deletes them: `import_changes` may name an event. SQLite cannot change a CHECK constraint in
-- place, so the table is rebuilt as it was with the one word added; nothing references it.

CREATE TABLE import_changes_new (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('client', 'invoice', 'payment', 'event')),
    entity_id   INTEGER NOT NULL,
    before_json TEXT
) STRICT;
INSERT INTO import_changes_new (id, import_id, entity, entity_id, before_json)
    SELECT id, import_id, entity, entity_id, before_json FROM import_changes;
DROP TABLE import_changes;
ALTER TABLE import_changes_new RENAME TO import_changes;
CREATE INDEX import_changes_by_import ON import_changes (import_id);
