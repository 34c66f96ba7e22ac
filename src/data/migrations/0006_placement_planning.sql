-- Placement planning and the first weeks (Placement planning guidance and Placement stability guidance): the structured records of a
-- placement's first weeks (the carers' child-friendly profile shared and the child's views,
-- introductions, Placement Planning Meeting minutes, placement plan, care plan, risk assessment,
-- delegated authority, initial support plan), each kept as a working draft plus numbered versions
-- issued from it; the agreed actions of a meeting as tracked tasks; and the PDFs filed on the
-- child's record.

CREATE TABLE planning_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN (
    'carer_profile', 'introductions', 'ppm', 'placement_plan', 'care_plan', 'risk_assessment',
    'delegated_authority', 'support_plan')),
  content jsonb NOT NULL DEFAULT '{}',
  -- Number of the latest version issued from the draft (0 = none yet).
  issued_version integer NOT NULL DEFAULT 0,
  -- The draft has changes not yet in an issued version.
  has_unissued_changes boolean NOT NULL DEFAULT true,
  updated_by uuid REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (placement_id, kind)
);
CREATE INDEX planning_document_child_idx ON planning_document (child_id);

CREATE TABLE planning_document_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES planning_document(id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  content jsonb NOT NULL,
  -- The day the record was completed (for the meeting: the day it was held).
  completed_on date NOT NULL,
  completed_by uuid REFERENCES app_user(id),
  completed_by_name text NOT NULL,
  shared_on date,
  shared_with text,
  acknowledged_on date,
  acknowledged_by text,
  acknowledgement_note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, number)
);

CREATE TABLE child_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  placement_id uuid REFERENCES placement(id) ON DELETE CASCADE,
  document_version_id uuid REFERENCES planning_document_version(id) ON DELETE CASCADE,
  title text NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  content bytea NOT NULL,
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX child_document_child_idx ON child_document (child_id, created_at DESC);

CREATE TABLE placement_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  source_version_id uuid REFERENCES planning_document_version(id) ON DELETE SET NULL,
  description text NOT NULL,
  owner_user_id uuid REFERENCES app_user(id),
  owner_name text NOT NULL,
  due_on date NOT NULL,
  completed_on date,
  completed_by uuid REFERENCES app_user(id),
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX placement_task_placement_idx ON placement_task (placement_id);
CREATE INDEX placement_task_owner_idx ON placement_task (owner_user_id) WHERE completed_on IS NULL;

ALTER TABLE child_event DROP CONSTRAINT child_event_kind_check;
ALTER TABLE child_event ADD CONSTRAINT child_event_kind_check CHECK (kind IN (
  'placement_plan_completed', 'care_plan_completed', 'ppm_held', 'notification_sent', 'visit',
  'review_held', 'agreement_recorded', 'delegated_authority_reviewed', 'support_plan_completed',
  'parent_and_child_review_held', 'risk_assessment_completed', 'carer_profile_shared'));
