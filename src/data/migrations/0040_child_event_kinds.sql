-- The kinds of child event, all of them: migrations 0030 (early permanence) and 0038 (review feedback)
-- were written side by side, each redefining the whole list from the one before it, so whichever ran
-- second dropped the other's kinds. This is the whole list as src/domain/deadlines/types.ts has it
-- (CHILD_EVENT_KINDS); test/schema.test.ts checks the two agree.
ALTER TABLE child_event DROP CONSTRAINT child_event_kind_check;
ALTER TABLE child_event ADD CONSTRAINT child_event_kind_check CHECK (kind IN (
  'placement_plan_completed', 'care_plan_completed', 'ppm_held', 'notification_sent', 'visit',
  'review_held', 'agreement_recorded', 'delegated_authority_reviewed', 'support_plan_completed',
  'parent_and_child_review_held', 'risk_assessment_completed', 'carer_profile_shared',
  'placement_concern', 'psm_held', 'review_feedback_received', 'adoption_in_plan',
  'early_permanence_considered'));
