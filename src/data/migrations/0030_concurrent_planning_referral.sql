-- Concurrent planning and fostering for adoption ("The Concurrent Planning Service" guide; Children
-- Act 1989 s22C(9A)-(9B)): the duty to consider a placement with dual-approved carers, early
-- enquiries and referrals to a concurrent planning service, carers' adoption approvals beside their
-- fostering approval, the facts matching needs, and the carers' journey and support.

-- Two child events the obligation "early-permanence-consideration" is derived from (the child_event
-- triggers of migration 0012 already mark the child for a refresh): the day the child's permanence
-- plan came to include adoption (or that it may), and the day the duty was considered and decided.
ALTER TABLE child_event DROP CONSTRAINT child_event_kind_check;
ALTER TABLE child_event ADD CONSTRAINT child_event_kind_check CHECK (kind IN (
  'placement_plan_completed', 'care_plan_completed', 'ppm_held', 'notification_sent', 'visit',
  'review_held', 'agreement_recorded', 'delegated_authority_reviewed', 'support_plan_completed',
  'parent_and_child_review_held', 'risk_assessment_completed', 'carer_profile_shared',
  'placement_concern', 'psm_held', 'adoption_in_plan', 'early_permanence_considered'));

-- The decision on the duty, with the event that completes the obligation.
CREATE TABLE early_permanence_decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  event_id uuid NOT NULL UNIQUE REFERENCES child_event(id) ON DELETE CASCADE,
  decided_on date NOT NULL,
  decided_by_name text NOT NULL,
  decided_by_role text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('concurrent_planning', 'fostering_for_adoption', 'neither')),
  reasons text NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX early_permanence_decision_child_idx ON early_permanence_decision (child_id, decided_on);

-- Adoption agencies (voluntary adoption agencies, regional adoption agencies) are organisations.
ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('local_authority', 'fostering_agency', 'virtual_school', 'adoption_agency'));

-- Concurrent planning is a kind of placement of its own, beside fostering for adoption.
ALTER TABLE placement DROP CONSTRAINT placement_kind_check;
ALTER TABLE placement ADD CONSTRAINT placement_kind_check CHECK (kind IN ('emergency', 'short_term', 'long_term', 'short_breaks', 'parent_and_child', 'fostering_for_adoption', 'concurrent_planning'));
ALTER TABLE placement_request DROP CONSTRAINT placement_request_kind_check;
ALTER TABLE placement_request ADD CONSTRAINT placement_request_kind_check CHECK (kind IN ('emergency', 'short_term', 'long_term', 'short_breaks', 'parent_and_child', 'fostering_for_adoption', 'concurrent_planning'));

-- A household's approval as prospective adopters, beside its approval as foster carers. Dual
-- approval is derived from both being current on a day (src/domain/matching/dual-approval.ts).
-- agency_id null = approved by this authority's own adoption service.
CREATE TABLE adoption_approval (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  agency_id uuid REFERENCES organisation(id),
  panel_date date,
  decision_date date,
  status text NOT NULL CHECK (status IN ('in_assessment', 'approved', 'on_hold', 'withdrawn')),
  -- The day an approval stopped (on hold or withdrawn), for the days before which it was current.
  ended_on date,
  review_date date,
  -- Made from the former "dual approval" tick by this migration: the dates are to be confirmed.
  from_former_tick boolean NOT NULL DEFAULT false,
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (status <> 'approved' OR ended_on IS NULL),
  CHECK (from_former_tick OR status = 'in_assessment' OR decision_date IS NOT NULL)
);
CREATE INDEX adoption_approval_household_idx ON adoption_approval (household_id);

-- The former tick: "fostering_for_adoption" in the kinds of the terms of approval. Each ticked
-- household gets an approved adoption approval by its own authority, marked as made from the tick
-- (dates to be confirmed), and the tick goes.
INSERT INTO adoption_approval (household_id, status, decision_date, from_former_tick)
  SELECT id, 'approved', NULL, true FROM household WHERE 'fostering_for_adoption' = ANY (placement_kinds);
UPDATE household SET placement_kinds = array_remove(placement_kinds, 'fostering_for_adoption'), version = version + 1
  WHERE 'fostering_for_adoption' = ANY (placement_kinds);

-- What matching and the placement gate ask of early permanence carers, and their journey and support.
ALTER TABLE household
  ADD COLUMN full_time_carer boolean NOT NULL DEFAULT false,
  ADD COLUMN return_agreement_signed_on date,
  ADD COLUMN cp_social_worker text,
  ADD COLUMN cp_support_group text,
  ADD COLUMN cp_helpline text;

-- Preparation, training and assessment of prospective concurrent carers, and support groups attended.
CREATE TABLE carer_journey_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('preparation', 'training', 'assessment', 'support_group', 'post_approval_training')),
  held_on date NOT NULL,
  title text NOT NULL,
  attended text NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX carer_journey_session_household_idx ON carer_journey_session (household_id, held_on);

-- Early enquiries and referrals to a concurrent planning service (service_id null = the authority's own).
CREATE TABLE cp_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  child_id uuid REFERENCES child(id) ON DELETE CASCADE,
  service_id uuid REFERENCES organisation(id),
  status text NOT NULL CHECK (status IN ('enquiry', 'draft', 'sent', 'accepted', 'declined', 'carers_identified', 'placed', 'closed')),
  -- An early enquiry: no child identified in full yet.
  expected_birth_date date,
  siblings text NOT NULL DEFAULT '',
  circumstances text NOT NULL DEFAULT '',
  -- The referral: its day, each criterion answered with evidence (JSON), and any exception.
  referral_date date,
  criteria jsonb NOT NULL DEFAULT '{}',
  exception_reason text,
  sent_on date,
  decided_on date,
  decline_reason text,
  placement_id uuid REFERENCES placement(id),
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (status = 'enquiry' OR child_id IS NOT NULL),
  CHECK (status <> 'declined' OR decline_reason IS NOT NULL),
  CHECK (status <> 'placed' OR placement_id IS NOT NULL)
);
CREATE INDEX cp_referral_child_idx ON cp_referral (child_id);

-- Carers shortlisted for an enquiry or a referral.
CREATE TABLE cp_referral_carer (
  referral_id uuid NOT NULL REFERENCES cp_referral(id) ON DELETE CASCADE,
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  shortlisted_on date NOT NULL,
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (referral_id, household_id)
);
