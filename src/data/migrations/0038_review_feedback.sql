-- Reviews hear the carers (Placement stability guidance, "All reviews and planning meetings include key
-- professionals…"): the foster carers' and keyworker's written feedback for a looked-after review is
-- recorded as a `review_feedback_received` child event for the placement (the obligation
-- `review-feedback` is derived from it), and who attended is kept with the review.

ALTER TABLE child_event DROP CONSTRAINT child_event_kind_check;
ALTER TABLE child_event ADD CONSTRAINT child_event_kind_check CHECK (kind IN (
  'placement_plan_completed', 'care_plan_completed', 'ppm_held', 'notification_sent', 'visit',
  'review_held', 'agreement_recorded', 'delegated_authority_reviewed', 'support_plan_completed',
  'parent_and_child_review_held', 'risk_assessment_completed', 'carer_profile_shared',
  'placement_concern', 'psm_held', 'review_feedback_received'));

-- Whether the foster carers and the child's keyworker attended the looked-after review (one row per review).
CREATE TABLE review_attendance (
  event_id uuid PRIMARY KEY REFERENCES child_event(id) ON DELETE CASCADE,
  carers text NOT NULL CHECK (carers IN ('attended', 'feedback_only', 'did_not_attend', 'not_placed')),
  keyworker text NOT NULL CHECK (keyworker IN ('attended', 'feedback_only', 'did_not_attend', 'no_keyworker')),
  note text NOT NULL DEFAULT ''
);
