-- The earned status a membership fee replaced, kept beside the paid status it gave way to (docs/semantics.md §14):
-- the paid term's end gives the member at least that status, reviewed as it would have been without the fee. Set only
-- while tier_source is PAID; a paid status stored before has none, and its term's end is judged on the windows alone.
ALTER TABLE members ADD COLUMN tier_beneath_id VARCHAR(100);
ALTER TABLE members ADD COLUMN tier_beneath_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE members ADD COLUMN tier_beneath_valid_until TIMESTAMP WITH TIME ZONE;
