-- One gate on every path into a placement (docs/rules/placement-gate.md).
-- An emergency placement that starts before every check is met is authorised by a head of service
-- with a reason; the checks the authorisation stood in for are kept with it.
ALTER TABLE placement ADD COLUMN emergency_authorised_by uuid REFERENCES app_user (id);
ALTER TABLE placement ADD COLUMN emergency_authorised_at timestamptz;
ALTER TABLE placement ADD COLUMN emergency_authorised_reason text;
ALTER TABLE placement ADD COLUMN waived_checks jsonb NOT NULL DEFAULT '[]'::jsonb;
-- A placement recorded after it began (migration, late recording): why, and every check it did not
-- meet on the day it began, each a missed obligation.
ALTER TABLE placement ADD COLUMN recorded_late_reason text;
ALTER TABLE placement ADD COLUMN entry_breaches jsonb NOT NULL DEFAULT '[]'::jsonb;
