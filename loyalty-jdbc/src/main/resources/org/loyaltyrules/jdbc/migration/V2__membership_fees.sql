-- Membership fees a member paid (paid tiers): a small JSON list on the member row, like tags and attributes.
-- [{"event":"f1","at":"...","amount":"120.00","currency":"USD","tier":"gold","termMonths":12,
--   "termStart":"...","termEnd":"...","refunded":"60.16","refundedAt":"..."}]
ALTER TABLE members ADD COLUMN fees_json VARCHAR(100000) DEFAULT '[]' NOT NULL;
