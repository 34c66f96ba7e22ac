-- Parent and child fostering, before placing (Parent and child fostering procedure, 4.1 to 4.3, 7.6
-- and 7.7): the information-sharing agreement, health professionals' observations, advocacy offers,
-- contingency plans for each outcome and the extra support considered when a placement may fail.
-- And the child's family members are read and written only through family_member (migration 0028),
-- so the JSON list on the child goes.

CREATE TABLE pc_sharing_agreement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  arrangement_id uuid NOT NULL REFERENCES parent_child_arrangement(id) ON DELETE CASCADE,
  what_shared text NOT NULL,
  shared_with text NOT NULL,
  when_shared text NOT NULL,
  how_shared text NOT NULL,
  agreed_with_parent_on date NOT NULL,
  child_protection_applies boolean NOT NULL DEFAULT false,
  chair_name text,
  chair_confirmed_on date,
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL DEFAULT '',
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT child_protection_applies OR chair_confirmed_on IS NULL OR chair_name IS NOT NULL)
);
CREATE INDEX pc_sharing_agreement_arrangement_idx ON pc_sharing_agreement (arrangement_id, recorded_at DESC);

CREATE TABLE pc_health_observation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  arrangement_id uuid NOT NULL REFERENCES parent_child_arrangement(id) ON DELETE CASCADE,
  professional text NOT NULL CHECK (professional IN ('health_visitor', 'midwife', 'gp')),
  professional_name text NOT NULL CHECK (length(btrim(professional_name)) > 0),
  observed_on date NOT NULL,
  observation text NOT NULL CHECK (length(btrim(observation)) > 0),
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL DEFAULT '',
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pc_health_observation_arrangement_idx ON pc_health_observation (arrangement_id, observed_on DESC);

CREATE TABLE pc_advocacy_offer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  arrangement_id uuid NOT NULL REFERENCES parent_child_arrangement(id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES parent_child_arrangement_person(id) ON DELETE CASCADE,
  offered_on date NOT NULL,
  response text CHECK (response IN ('accepted', 'declined')),
  responded_on date,
  advocate text,
  recorded_by uuid REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((response IS NULL) = (responded_on IS NULL)),
  CHECK (responded_on IS NULL OR responded_on >= offered_on)
);
CREATE INDEX pc_advocacy_offer_arrangement_idx ON pc_advocacy_offer (arrangement_id);

CREATE TABLE pc_contingency_plan (
  arrangement_id uuid NOT NULL REFERENCES parent_child_arrangement(id) ON DELETE CASCADE,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure_child_in_care', 'failure_child_not_in_care')),
  plan text NOT NULL CHECK (length(btrim(plan)) > 0),
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL DEFAULT '',
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (arrangement_id, outcome)
);

CREATE TABLE pc_extra_support (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  arrangement_id uuid NOT NULL REFERENCES parent_child_arrangement(id) ON DELETE CASCADE,
  considered_on date NOT NULL,
  social_worker_name text NOT NULL CHECK (length(btrim(social_worker_name)) > 0),
  supervising_social_worker_name text NOT NULL CHECK (length(btrim(supervising_social_worker_name)) > 0),
  for_parent text NOT NULL CHECK (length(btrim(for_parent)) > 0),
  for_carers text NOT NULL CHECK (length(btrim(for_carers)) > 0),
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL DEFAULT '',
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pc_extra_support_arrangement_idx ON pc_extra_support (arrangement_id, considered_on DESC);

-- Migration 0028 copied every named entry to family_member; nothing reads the JSON any more.
ALTER TABLE child DROP COLUMN family_members;
