-- A connected person's temporary approval can be extended once (CPPCR reg 25): recorded as a
-- household event naming the placement, with the date the extension runs until.
ALTER TABLE household_event DROP CONSTRAINT household_event_kind_check;
ALTER TABLE household_event ADD CONSTRAINT household_event_kind_check
  CHECK (kind IN ('carer_review_held', 'terms_of_approval_changed', 'temporary_approval_extended'));
ALTER TABLE household_event ADD COLUMN extended_until date;
