-- What the SSDA903 return needs that the rest of the service does not yet ask for.

-- Placement: why it ended (REASON_PLACE_CHANGE) and, where the defaults do not apply, the provider
-- (PLACE_PROVIDER) and the Ofsted URN. By default PL_POST is the household's postcode, the URN is the
-- fostering service's and the provider follows from who runs the fostering service.
ALTER TABLE placement
  ADD COLUMN reason_ended text,
  ADD COLUMN provider text CHECK (provider IN ('PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5')),
  ADD COLUMN urn text;

-- Independent fostering agencies: private (PR4) or voluntary / third sector (PR5).
ALTER TABLE organisation ADD COLUMN provider_code text CHECK (provider_code IN ('PR4', 'PR5'));

-- Social Work England registration, for SW_ID in the social worker episodes file.
ALTER TABLE app_user ADD COLUMN swe_number text;

ALTER TABLE child
  ADD COLUMN uasc boolean NOT NULL DEFAULT false,
  ADD COLUMN uasc_ceased_on date,
  ADD COLUMN is_mother boolean NOT NULL DEFAULT false,
  ADD COLUMN mother_child_dob date;

-- A review's participation code (REVIEW_CODE, PN0–PN7) is recorded with the review.
ALTER TABLE child_event ADD COLUMN participation_code text;

-- Why a period of care ended (REC on its last episode).
CREATE TABLE care_ending (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  ended_on date NOT NULL,
  reason text NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (child_id, ended_on)
);

-- Missing (M) and away without authorisation (A) periods.
CREATE TABLE missing_episode (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  kind char(1) NOT NULL CHECK (kind IN ('M', 'A')),
  started_on date NOT NULL,
  ended_on date,
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX missing_episode_child_idx ON missing_episode (child_id, started_on);

-- Who the child's social worker was, when, and why it changed (SWEpisodes, from 2023-24).
CREATE TABLE social_worker_episode (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  user_id uuid REFERENCES app_user(id),
  sw_id text NOT NULL,
  started_on date NOT NULL,
  ended_on date,
  reason text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX social_worker_episode_child_idx ON social_worker_episode (child_id, started_on);
