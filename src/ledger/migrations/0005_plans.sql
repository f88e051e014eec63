-- Ardoise ledger: payment plans as the plans feature keeps them (F8). The plan letter and agreement form
-- it was exported with, the day it was sent, and the installment amounts the user set by hand (a JSON
-- array of decimal strings or null, by installment) so that a draft reopens as it was left.

ALTER TABLE plans ADD COLUMN letter_id INTEGER REFERENCES letters (id) ON DELETE SET NULL;
ALTER TABLE plans ADD COLUMN sent_on TEXT CHECK (sent_on IS NULL OR date(sent_on) IS sent_on);
ALTER TABLE plans ADD COLUMN hand_set TEXT NOT NULL DEFAULT '[]';
CREATE INDEX plans_by_client ON plans (client_id, drafted_on);
